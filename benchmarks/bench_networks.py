"""Networks, roles and hubs against the synthetic world's ground truth, with baselines.

netlink's graph, hub detection, weighted projection and Leiden networks are compared, in
the same process and on the same party entities, with two baselines on the unweighted
party graph that keeps every link (hubs included): its connected components, and plain
Louvain (igraph multilevel). Party entities come from the ground truth (``--resolver
oracle``) or from netlink's entity resolution (``--resolver real``).

    python -m benchmarks.bench_networks --cases 1000000          # the full-size target
    python -m benchmarks.bench_networks --smoke                  # a small size, as CI runs it
    python -m benchmarks.bench_networks --resolver real --cases 20000
    python -m benchmarks.bench_networks --speed-only --cases 1000000   # stages only

``--speed-only`` measures the speed target alone, with as little else in memory as
possible: oracle entities from the truth (whose frames are then freed), each stage's
wall and CPU seconds, resident memory after it and its peak, and the neighbourhood
query; no baselines, measures or rerun.

Measures: adjusted Rand index between found and true networks over network members
(true parties in a network, and parties placed in one; the others count as singletons),
manufacturer attribution (networks of at least 5 cases: is the true manufacturer or one
of its fronts the top-ranked manufacturer, or in the top 3), hub recall (planted
look-alikes flagged) and whether any look-alike sits in a network, timings (with the
connected-components baseline as the reference), the neighbourhood query's latency, and
determinism (a second run gives identical tables).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import threading
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import duckdb
import igraph as ig
import numpy as np
import pandas as pd
import pyarrow as pa
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from benchmarks._common import peak_rss_mb, synthetic_extract, synthetic_paths, table, timer
from netlink.cluster import ClusterSettings, find_networks
from netlink.evaluate import cluster_scores
from netlink.extract import Extract, load_extract
from netlink.graph import (
    PARTY_EDGE_KINDS,
    ProjectionSettings,
    ResolvedFrames,
    build_graph,
    detect_hubs,
    project_parties,
)
from netlink.query import Case
from netlink.roles import profile_networks, score_roles

#: Look-alikes that are hubs: parties, addresses and placeholder values (pattern 11).
HUB_PARTY_KINDS = (
    "integrator",
    "postal_operator",
    "haulier",
    "big_forwarder",
    "customs_broker",
    "marketplace_platform",
)


# --- inputs --------------------------------------------------------------------------


def world(cases: int, seed: int, difficulty: str) -> tuple[Path, Path]:
    """The synthetic extract and its ground truth (generated once, kept in bench-output/)."""
    extract = synthetic_extract(cases, seed, difficulty, fmt="duckdb")
    truth = synthetic_paths(cases, seed, difficulty)[1]
    return extract, truth


def read_truth(path: Path, columns: dict[str, str] | None = None) -> dict[str, pd.DataFrame]:
    """The truth tables, or only ``columns`` (table -> SELECT list) of some of them."""
    names = ("true_parties", "record_truth", "networks", "true_addresses", "true_identifiers")
    columns = columns or dict.fromkeys(names, "*")
    with closing(duckdb.connect(str(path), read_only=True)) as con:
        return {n: con.execute(f'SELECT {cols} FROM "{n}"').df() for n, cols in columns.items()}


_ID_FIELDS = {
    "phone": "phone_id",
    "email": "email_id",
    "tax_id": "tax_identifier_id",
    "website": "website_id",
}
_FIELD_OF_ID = {col: field for field, col in _ID_FIELDS.items()}
#: What ``oracle_frames`` reads of the truth.
ORACLE_COLUMNS = {
    "record_truth": ", ".join(["record_id", "party_id", "address_id", *_ID_FIELDS.values()]),
    "true_parties": "party_id, canonical_name, kind",
    "true_addresses": "address_id, address",
    "true_identifiers": "identifier_id, value",
}


def oracle_frames(extract: Extract, truth: dict[str, pd.DataFrame]) -> ResolvedFrames:
    """Entity frames from the ground truth: true parties, addresses and identifiers.

    Placeholder addresses and identifiers are kept as entities (the resolver drops them):
    hub detection has to cope.
    """
    rt = truth["record_truth"]
    rt = rt[rt["record_id"].isin(extract.parties["record_id"])]
    tp = truth["true_parties"].set_index("party_id")
    parties = pd.DataFrame({"entity_id": sorted(rt["party_id"].unique())})
    parties["kind"] = "party"
    parties["canonical_name"] = tp["canonical_name"].reindex(parties["entity_id"]).to_numpy()
    parties["subtype"] = tp["kind"].reindex(parties["entity_id"]).fillna("unknown").to_numpy()
    members = rt[["record_id", "party_id"]].rename(columns={"party_id": "entity_id"})
    rows = [
        rt[["record_id", "address_id"]]
        .dropna()
        .rename(columns={"address_id": "entity_id"})
        .assign(kind="address", field="address")
    ]
    for field, col in _ID_FIELDS.items():
        rows.append(
            rt[["record_id", col]]
            .dropna()
            .rename(columns={col: "entity_id"})
            .assign(kind="identifier", field=field)
        )
    am = pd.concat(rows, ignore_index=True)
    ta = truth["true_addresses"].set_index("address_id")
    ti = truth["true_identifiers"].set_index("identifier_id")
    addr = pd.DataFrame(
        {"entity_id": sorted(am.loc[am["kind"] == "address", "entity_id"].unique())}
    )
    addr["kind"] = "address"
    addr["canonical_name"] = ta["address"].reindex(addr["entity_id"]).fillna("").to_numpy()
    addr["subtype"] = ""
    idf = am[am["kind"] == "identifier"].drop_duplicates("entity_id")
    ids = pd.DataFrame({"entity_id": idf["entity_id"].to_numpy(), "kind": "identifier"})
    ids["canonical_name"] = ti["value"].reindex(ids["entity_id"]).fillna("").to_numpy()
    ids["subtype"] = idf["field"].to_numpy()
    entities = pd.concat([parties, addr, ids], ignore_index=True)
    return ResolvedFrames(entities, members.assign(score=1.0), am)


def real_frames(extract: Extract) -> ResolvedFrames:
    """Entity frames from netlink's entity resolution."""
    from netlink.resolve import resolve

    res = resolve(extract.parties)
    return ResolvedFrames(res.entities, res.entity_members, res.attribute_members)


# --- the pipeline and the baselines --------------------------------------------------


class MemoryProbe:
    """Resident memory now and its peak since the last ``reset``, sampled every 20 ms.

    ``getrusage`` gives only the process's peak so far, which hides a later stage that
    needs less than an earlier one; a sampling thread sees each stage's own peak.
    """

    def __init__(self, interval: float = 0.02) -> None:
        self._page = os.sysconf("SC_PAGE_SIZE")
        self._peak = self.now_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(interval,), daemon=True)
        self._thread.start()

    def now_mb(self) -> float:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * self._page / 2**20

    def _run(self, interval: float) -> None:
        while not self._stop.wait(interval):
            self._peak = max(self._peak, self.now_mb())

    def reset(self) -> None:
        self._peak = self.now_mb()

    def peak_mb(self) -> float:
        return max(self._peak, self.now_mb())

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run_netlink(extract: Extract, frames: ResolvedFrames, seed: int) -> dict[str, Any]:
    """netlink's stages one after the other, with wall and CPU seconds of each and the
    resident memory (peak during the stage, and after it) in MB."""
    out: dict[str, Any] = {"t": {}, "cpu": {}, "peak_mb": {}, "after_mb": {}}
    state: dict[str, Any] = {}
    steps = {
        "graph": lambda: build_graph(extract, *frames),
        "hubs": lambda: detect_hubs(state["graph"], seed=seed),
        "projection": lambda: project_parties(state["graph"], state["hubs"]),
        "networks": lambda: find_networks(
            state["graph"], state["projection"], ClusterSettings(), seed=seed
        ),
        "roles": lambda: score_roles(
            extract, state["graph"], state["networks"].network_members, state["hubs"]
        ),
        "profiles": lambda: profile_networks(
            extract,
            state["graph"],
            state["networks"].networks,
            state["networks"].network_members,
            state["roles"],
        ),
    }
    probe = MemoryProbe()
    try:
        for name, step in steps.items():
            probe.reset()
            cpu = time.process_time()
            with timer() as s:
                state[name] = step()
            out["t"][name] = s["s"]
            out["cpu"][name] = time.process_time() - cpu
            out["peak_mb"][name] = probe.peak_mb()
            out["after_mb"][name] = probe.now_mb()
    finally:
        probe.stop()
    out.update(state)
    return out


def same_tables(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two runs produced identical nodes, edges, hubs, networks and roles."""
    ga, gb = a["graph"], b["graph"]
    ea, eb = ga.edges.drop(columns="record_ids"), gb.edges.drop(columns="record_ids")
    ra = pa.chunked_array(ga.edges["record_ids"].array._pa_array)
    rb = pa.chunked_array(gb.edges["record_ids"].array._pa_array)
    frames = [
        (ga.nodes, gb.nodes),
        (ea, eb),
        (a["hubs"].table, b["hubs"].table),
        (a["networks"].networks, b["networks"].networks),
        (a["networks"].network_members, b["networks"].network_members),
        (a["roles"], b["roles"]),
        (a["profiles"].astype(str), b["profiles"].astype(str)),
    ]
    return ra.equals(rb) and all(x.equals(y) for x, y in frames)


def _party_links(graph, max_shared: int) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """Unweighted party projection with every link, hubs included (baselines)."""
    proj = project_parties(graph, None, ProjectionSettings(max_shared=max_shared))
    e = proj.edges
    return len(proj.parties), e["ia"].to_numpy(), e["ib"].to_numpy(), proj.parties


def baseline_components(graph) -> pd.Series:
    """Connected components of the party graph with every link (hubs included).

    Parties are joined through every shared case, address, identifier, e-mail domain
    and master document, however many parties share it (a bipartite party-context
    graph, so a value on 100,000 records costs 100,000 links, not their pairs).
    """
    e = graph.edges
    nodes = graph.nodes
    party = np.flatnonzero(nodes["kind"].to_numpy() == "party")
    kinds = e["kind"].to_numpy()
    link = np.isin(
        kinds,
        [
            *PARTY_EDGE_KINDS,
            "located_at",
            "uses_phone",
            "uses_email",
            "has_tax_id",
            "uses_website",
            "uses_domain",
        ],
    )
    src, dst = e["src"].to_numpy()[link], e["dst"].to_numpy()[link]
    master = kinds == "under_master"
    src = np.r_[src, e["src"].to_numpy()[master]]
    dst = np.r_[dst, e["dst"].to_numpy()[master]]
    n = len(nodes)
    m = coo_matrix((np.ones(len(src)), (src, dst)), shape=(n, n))
    _, labels = connected_components(m, directed=False)
    return pd.Series(labels[party], index=nodes["node_id"].to_numpy()[party])


def baseline_louvain(graph, seed: int) -> pd.Series:
    """Plain Louvain (igraph multilevel, modularity) on the unweighted party graph."""
    n, ia, ib, parties = _party_links(graph, max_shared=5000)
    g = ig.Graph(n=n, edges=np.column_stack([ia, ib]).tolist())
    ig.set_random_number_generator(random.Random(seed))
    try:
        labels = np.asarray(g.community_multilevel().membership)
    finally:
        ig.set_random_number_generator(random)
    return pd.Series(labels, index=parties["entity_id"].to_numpy())


def as_networks(labels: pd.Series, graph, min_entities: int = 2, min_cases: int = 2) -> pd.Series:
    """Groups of at least ``min_entities`` parties on ``min_cases`` cases; others -> None."""
    e = graph.edges
    role = e["kind"].isin(PARTY_EDGE_KINDS)
    pc = pd.DataFrame(
        {"entity_id": e.loc[role, "source"].to_numpy(), "case": e.loc[role, "dst"].to_numpy()}
    )
    pc["g"] = labels.reindex(pc["entity_id"]).to_numpy()
    n_cases = pc.drop_duplicates(["g", "case"]).groupby("g").size()
    size = labels.value_counts()
    ok = size[size >= min_entities].index.intersection(n_cases[n_cases >= min_cases].index)
    return labels.where(labels.isin(ok), None).astype(object)


# --- measures ------------------------------------------------------------------------


def party_map(frames: ResolvedFrames, truth: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Each record's true party and the entity it was resolved to."""
    rt = truth["record_truth"][["record_id", "party_id"]]
    return rt.merge(frames.entity_members[["record_id", "entity_id"]], on="record_id")


def network_ari(pred: pd.Series, rec: pd.DataFrame, truth: dict[str, pd.DataFrame]) -> float:
    """ARI over network members: true parties in a network and parties placed in one."""
    tp = truth["true_parties"].set_index("party_id")
    r = rec.assign(pred=pred.reindex(rec["entity_id"]).to_numpy())
    # A true party's found network: the one most of its records' entities are in.
    votes = r.dropna(subset=["pred"]).groupby(["party_id", "pred"]).size().rename("n").reset_index()
    votes = votes.sort_values(["party_id", "n", "pred"], ascending=[True, False, True])
    found = votes.drop_duplicates("party_id").set_index("party_id")["pred"]
    parties = pd.Index(r["party_id"].unique())
    true_net = tp["network_id"].reindex(parties)
    found = found.reindex(parties)
    keep = true_net.notna() | found.notna()
    t = np.where(true_net[keep].notna(), true_net[keep].astype(str), "bg:" + parties[keep])
    p = np.where(found[keep].notna(), "n:" + found[keep].astype(str), "bg:" + parties[keep])
    return cluster_scores(p, t).ari


def manufacturer_attribution(
    run: dict[str, Any], rec: pd.DataFrame, truth: dict[str, pd.DataFrame], min_cases: int = 5
) -> tuple[float, float, int]:
    """Share of true networks (>= min_cases cases) whose manufacturer or one of its fronts
    is the top-ranked manufacturer (and among the top 3) of the found network that holds
    most of its members."""
    tp = truth["true_parties"]
    nets = truth["networks"]
    nets = nets.loc[nets["n_cases"] >= min_cases, ["network_id", "manufacturer_party_id"]]
    if nets.empty:
        return 1.0, 1.0, 0
    members = run["networks"].network_members.set_index("entity_id")["network_id"]
    # The true party behind each entity: the one most of its records belong to.
    ent_party = rec.groupby(["entity_id", "party_id"]).size().rename("n").reset_index()
    ent_party = ent_party.sort_values(["entity_id", "n", "party_id"], ascending=[True, False, True])
    ent_party = ent_party.drop_duplicates("entity_id").set_index("entity_id")["party_id"]
    # The found network holding most of each true network's member records.
    r = rec.assign(found=members.reindex(rec["entity_id"]).to_numpy())
    r = r.merge(tp[["party_id", "network_id"]], on="party_id").dropna(
        subset=["found", "network_id"]
    )
    votes = r.groupby(["network_id", "found"]).size().rename("n").reset_index()
    votes = votes.sort_values(["network_id", "n", "found"], ascending=[True, False, True])
    best = votes.drop_duplicates("network_id").set_index("network_id")["found"]
    roles = run["roles"]
    manu = roles[(roles["role"] == "manufacturer") & (roles["rank"] <= 3)]
    manu = manu.assign(party=manu["entity_id"].map(ent_party))
    # Acceptable answers: the manufacturer and its fronts.
    ok = pd.concat(
        [
            nets.rename(columns={"manufacturer_party_id": "party"})[["network_id", "party"]],
            tp.loc[tp["front_of"].notna(), ["front_of", "party_id"]]
            .rename(columns={"party_id": "party"})
            .merge(nets, left_on="front_of", right_on="manufacturer_party_id")[
                ["network_id", "party"]
            ],
        ]
    ).assign(ok=True)
    cand = nets[["network_id"]].assign(found=nets["network_id"].map(best).to_numpy())
    cand = cand.merge(
        manu[["network_id", "rank", "party"]].rename(columns={"network_id": "found"}), on="found"
    )
    cand = cand.merge(ok, on=["network_id", "party"], how="left")
    cand["ok"] = cand["ok"].fillna(False).astype(bool)
    top1 = cand[(cand["rank"] == 1) & cand["ok"]]["network_id"].nunique()
    top3 = cand[cand["ok"]]["network_id"].nunique()
    n = len(nets)
    return top1 / n, top3 / n, n


def background_networks(
    run: dict[str, Any], rec: pd.DataFrame, truth: dict[str, pd.DataFrame]
) -> int:
    """Found networks none of whose members is a party of a true network: leads that a
    false link or a false merge invented."""
    in_net = truth["true_parties"].loc[lambda t: t["network_id"].notna(), "party_id"]
    real = set(rec.loc[rec["party_id"].isin(in_net), "entity_id"])
    members = run["networks"].network_members
    real_nets = members.loc[members["entity_id"].isin(real), "network_id"].unique()
    return int(len(run["networks"].networks) - len(real_nets))


def hub_recall(
    run: dict[str, Any], frames: ResolvedFrames, truth: dict[str, pd.DataFrame]
) -> tuple[float, int, int, dict[str, str]]:
    """Share of planted look-alikes flagged; look-alike parties inside networks."""
    rt = truth["record_truth"]
    flagged = run["hubs"].node_ids
    rec = party_map(frames, truth)
    ent_of_party = rec.groupby("party_id")["entity_id"].agg(lambda s: s.value_counts().idxmax())
    am = frames.attribute_members
    planted: list[tuple[str, str]] = []  # (kind, entity id or '')
    tp = truth["true_parties"]
    conf = tp[tp["confounder_kind"].isin(HUB_PARTY_KINDS) & tp["network_id"].isna()]
    conf = conf[conf["party_id"].isin(rt["party_id"])]
    for pid, kind in zip(conf["party_id"], conf["confounder_kind"], strict=True):
        planted.append((kind, ent_of_party.get(pid, "")))
    by_kind: dict[str, list[bool]] = {}
    # Shared offices, warehouses and placeholder values that more than one party uses.
    # (The truth's is_hub also marks any address of ten parties or more, such as a
    # factory's premises its fronts and stores write: network evidence, not a look-alike.)
    ta = truth["true_addresses"]
    ti = truth["true_identifiers"]
    planted_addr = ta["kind"].isin(["registered_office", "consolidation_warehouse"])
    shared_addr = ta[(planted_addr | ta["is_placeholder"]) & (ta["n_parties"] >= 2)]
    shared_id = ti[ti["is_placeholder"] & (ti["n_parties"] >= 2)]
    for col, ids, kinds in (
        ("address_id", shared_addr["address_id"], shared_addr["kind"]),
        *(
            (c, shared_id.loc[shared_id["kind"] == f, "identifier_id"], None)
            for f, c in _ID_FIELDS.items()
        ),
    ):
        recs = rt[rt[col].isin(ids)][["record_id", col]]
        # Only the entity of the same field: a record whose placeholder phone the
        # resolver dropped still has an address entity, which is not the placeholder.
        field = "address" if col == "address_id" else _FIELD_OF_ID[col]
        same = am.loc[am["field"] == field, ["record_id", "entity_id"]]
        ent = recs.merge(same, on="record_id")
        # The entity most of the value's records were resolved to (None: not an entity).
        top = ent.groupby(col)["entity_id"].agg(lambda s: s.value_counts().idxmax())
        kind_of = dict(
            zip(ids, kinds if kinds is not None else ["placeholder"] * len(ids), strict=True)
        )
        for vid in ids:
            planted.append((kind_of[vid], top.get(vid, "")))
    dropped: dict[str, int] = {}
    for kind, eid in planted:
        if not eid:  # the resolver made no entity of it (placeholders): it links nothing
            dropped[kind] = dropped.get(kind, 0) + 1
            continue
        by_kind.setdefault(kind, []).append(eid in flagged)
    hits = sum(sum(v) for v in by_kind.values())
    total = sum(len(v) for v in by_kind.values())
    members = set(run["networks"].network_members["entity_id"])
    in_network = sum(1 for _, eid in planted if eid and eid in members)
    detail = {k: f"{sum(v)}/{len(v)}" for k, v in sorted(by_kind.items())}
    for k, n in sorted(dropped.items()):
        detail[k] = detail.get(k, "0/0") + f" (+{n} not made entities)"
    return (hits / total if total else 1.0), total, in_network, detail


def query_latency(run: dict[str, Any], n: int = 200, seed: int = 0) -> tuple[float, float, float]:
    """Two-hop neighbourhoods of ``n`` random party entities: p50, p95 and max in ms."""
    case = Case(run["graph"], hubs=run["hubs"])
    parties = run["graph"].nodes.loc[run["graph"].nodes["kind"] == "party", "node_id"]
    rng = np.random.default_rng(seed)
    picks = parties.to_numpy()[rng.integers(0, len(parties), n)]
    ms = []
    for p in picks:
        start = time.perf_counter()
        case.neighbourhood(p, hops=2)
        ms.append((time.perf_counter() - start) * 1000)
    return float(np.percentile(ms, 50)), float(np.percentile(ms, 95)), float(np.max(ms))


def speed_only(extract_path: Path, truth_path: Path, seed: int) -> int:
    """The speed target alone: stage times, CPU, memory and the query, nothing else.

    Only the truth columns the oracle entities need are read, and freed once the entity
    frames are built, so the memory measured is the pipeline's (and the extract's).
    """
    load = os.getloadavg()
    cpu0 = time.process_time()
    with timer() as t_load:
        ex = load_extract(extract_path, today=dt.date(2026, 12, 31))
        truth = read_truth(truth_path, ORACLE_COLUMNS)
        frames = oracle_frames(ex, truth)
        del truth
        gc.collect()
    cpu_load = time.process_time() - cpu0
    probe = MemoryProbe()
    base = probe.now_mb()
    probe.stop()
    run = run_netlink(ex, frames, seed)
    case_cpu = time.process_time()
    with timer() as t_case:
        p50, p95, pmax = query_latency(run)
    case_cpu = time.process_time() - case_cpu
    print(
        f"networks speed: {len(ex.seizures):,} cases, {len(ex.parties):,} party records, "
        f"oracle entities, seed {seed}; found {len(run['networks'].networks):,} networks, "
        f"{len(run['hubs'].node_ids):,} hubs; graph {run['graph'].n_nodes:,} nodes, "
        f"{run['graph'].n_edges:,} edges"
    )
    print(
        f"load extract + oracle entities: {t_load['s']:.1f} s wall, {cpu_load:.1f} s CPU; "
        f"{base:,.0f} MB resident before the stages\n"
    )
    rows = [
        (k, run["t"][k], run["cpu"][k], run["peak_mb"][k], run["after_mb"][k]) for k in run["t"]
    ]
    core = ("graph", "hubs", "projection", "networks", "roles", "profiles")
    rows.append(
        (
            "graph + hubs + networks + roles + profiles",
            sum(run["t"][k] for k in core),
            sum(run["cpu"][k] for k in core),
            max(run["peak_mb"][k] for k in core),
            "",
        )
    )
    rows.append(("query index + 200 neighbourhoods", t_case["s"], case_cpu, "", ""))
    print(table(["stage", "wall s", "CPU s", "peak RSS MB", "RSS after MB"], rows))
    print(
        f"\nneighbourhood query (2 hops, 200 random parties): p50 {p50:.1f} ms, "
        f"p95 {p95:.1f} ms (target < 50), max {pmax:.1f} ms"
    )
    print(
        f"peak RSS {peak_rss_mb():,.0f} MB (process); load average at start "
        f"{load[0]:.1f}, at end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    return 0


# --- main ----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--difficulty", default="realistic", choices=["easy", "realistic", "hard"])
    ap.add_argument("--resolver", default="oracle", choices=["oracle", "real"])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--smoke", action="store_true", help="a small size for CI")
    ap.add_argument("--extract", type=Path, help="use this extract instead of generating one")
    ap.add_argument("--truth", type=Path, help="its ground truth (with --extract)")
    ap.add_argument("--no-rerun", action="store_true", help="skip the determinism rerun")
    ap.add_argument(
        "--speed-only",
        action="store_true",
        help="time the stages and the query only (oracle entities; no baselines or measures)",
    )
    args = ap.parse_args(argv)
    cases = 3_000 if args.smoke else args.cases
    if args.extract is not None:
        extract_path, truth_path = args.extract, args.truth
    else:
        extract_path, truth_path = world(cases, args.seed, args.difficulty)
    if args.speed_only:
        return speed_only(extract_path, truth_path, args.seed)
    load = os.getloadavg()
    ex = load_extract(extract_path, today=dt.date(2026, 12, 31))
    truth = read_truth(truth_path)
    with timer() as t_res:
        frames = oracle_frames(ex, truth) if args.resolver == "oracle" else real_frames(ex)
    rec = party_map(frames, truth)

    run = run_netlink(ex, frames, args.seed)
    with timer() as t_cc:
        cc = baseline_components(run["graph"])
    with timer() as t_lv:
        lv = baseline_louvain(run["graph"], args.seed)
    found = run["networks"].membership.set_index("entity_id")["network_id"]
    ari = {
        "netlink": network_ari(found, rec, truth),
        "connected components": network_ari(as_networks(cc, run["graph"]), rec, truth),
        "plain Louvain": network_ari(as_networks(lv, run["graph"]), rec, truth),
    }
    top1, top3, n_big = manufacturer_attribution(run, rec, truth)
    recall, planted, in_net, detail = hub_recall(run, frames, truth)
    n_background = background_networks(run, rec, truth)
    p50, p95, pmax = query_latency(run)
    core_stages = ("graph", "hubs", "projection", "networks", "roles")
    core = sum(run["t"][k] for k in core_stages)
    core_cpu = sum(run["cpu"][k] for k in core_stages)
    same = "not checked"
    if not args.no_rerun:
        again = run_netlink(ex, frames, args.seed)
        same = "identical" if same_tables(run, again) else "DIFFERENT"

    nets = run["networks"]
    print(
        f"networks benchmark: {len(ex.seizures):,} cases, {len(ex.parties):,} party records, "
        f"difficulty {args.difficulty}, resolver {args.resolver} ({t_res['s']:.1f} s), seed {args.seed}"
    )
    print(
        f"true networks {len(truth['networks']):,}; found {len(nets.networks):,}; hubs flagged "
        f"{len(run['hubs'].node_ids):,}"
    )
    print()
    print(table(["method", "ARI over network members"], [(k, v) for k, v in ari.items()]))
    print()
    print(
        table(
            ["measure", "value", "target"],
            [
                (f"manufacturer top-1 (networks >= 5 cases: {n_big})", top1, ">= 0.90"),
                ("manufacturer top-3", top3, ">= 0.97"),
                ("networks made only of background parties", n_background, "few"),
                (f"hub recall ({planted} planted look-alikes)", recall, ">= 0.95"),
                ("look-alikes inside a network", in_net, "0"),
                ("neighbourhood query p50 ms", p50, ""),
                ("neighbourhood query p95 ms", p95, "< 50"),
                ("determinism (rerun, same seed)", same, "identical"),
            ],
        )
    )
    print(f"\nhub recall by kind: {', '.join(f'{k} {v}' for k, v in detail.items())}")
    print()
    rows = [(k, v, run["cpu"][k], v / t_cc["s"]) for k, v in run["t"].items()]
    rows += [("graph + hubs + networks + roles", core, core_cpu, core / t_cc["s"])]
    rows += [
        ("baseline: connected components", t_cc["s"], "", 1.0),
        ("baseline: plain Louvain", t_lv["s"], "", t_lv["s"] / t_cc["s"]),
    ]
    print(table(["stage", "wall s", "CPU s", "ratio to connected components"], rows))
    print(
        f"\nload average at start {load[0]:.1f} on {os.cpu_count()} cores "
        "(other processes slow wall time, not CPU time)"
    )
    print(f"\npeak RSS {peak_rss_mb():,.0f} MB (process); query max {pmax:.1f} ms")
    for note in nets.notes[:5]:
        print(f"note: {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
