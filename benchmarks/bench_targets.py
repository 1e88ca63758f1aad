"""Targets against the synthetic world's planted flows, with a degree baseline; timings.

The synthetic world records, for every case of a planted network, the flow behind it:
the true manufacturer (``case_truth.source_party_id``) and the true party the goods go
to (``destination_party_id``), with the case's articles. netlink analyses the extract
(resolution, graph, hubs, networks, roles) and ranks targets; each planted flow is then
placed on the actor graph of the found network holding its destination (the receiving
record's entity) and its source (the entity holding most of the manufacturer's records
in that network). Removing each found network's top 5 targets should cut at least 80
percent of the planted flow; removing its top 5 actors by degree (the baseline, same
actor graphs, same process) is shown beside it.

    python -m benchmarks.bench_targets                  # 20,000 cases
    python -m benchmarks.bench_targets --smoke          # 3,000 cases, as CI runs it
    python -m benchmarks.bench_targets --cases 100000 --seed 2

Also timed: ranking per network size on the world, the whole world's ranking, and a
generated network of 5,000 actors (target: under 1 s) through the same code path
(actor graph from case-file-shaped tables, ranking, reasons). Graphs of 100,000 nodes
are timed by bench_dismantle.
"""

from __future__ import annotations

import argparse
import os
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
from scipy.sparse import csr_array
from scipy.sparse.csgraph import connected_components

from benchmarks._common import best_of, synthetic_extract, synthetic_paths, table, timer
from netlink.pipeline import analyze
from netlink.rank import ActorNetwork, TargetSettings, actor_networks, rank_networks, rank_targets

K = 5
TARGET_SHARE = 0.8


# --- the world and its planted flows -----------------------------------------------------


def world(cases: int, seed: int, difficulty: str) -> tuple[Path, Path]:
    """The synthetic extract and its ground truth (generated once, kept in bench-output/)."""
    extract = synthetic_extract(cases, seed, difficulty, fmt="duckdb")
    return extract, synthetic_paths(cases, seed, difficulty)[1]


def planted_flows(truth_path: Path, entity_members: pd.DataFrame) -> pd.DataFrame:
    """One row per planted case: ``planted_network, seizure_id, items``, the destination
    entity (of the record written for the true destination on the case) and the true
    manufacturer's entities with their record counts (``source_entities``)."""
    with closing(duckdb.connect(str(truth_path), read_only=True)) as con:
        cases = con.execute(
            "SELECT seizure_id, network_id AS planted_network, source_party_id, "
            "destination_party_id, items FROM case_truth WHERE network_id IS NOT NULL"
        ).df()
        records = con.execute(
            "SELECT record_id, seizure_id, party_id, extract_role FROM record_truth"
        ).df()
    records = records.merge(entity_members[["record_id", "entity_id"]], on="record_id")
    dest = records.merge(
        cases[["seizure_id", "destination_party_id"]],
        left_on=["seizure_id", "party_id"],
        right_on=["seizure_id", "destination_party_id"],
    )
    # The consignee record first (a destination may also be the notify party).
    dest = dest.assign(first=dest["extract_role"] != "consignee").sort_values(
        ["seizure_id", "first", "record_id"]
    )
    dest = dest.drop_duplicates("seizure_id").set_index("seizure_id")["entity_id"]
    held = records.groupby(["party_id", "entity_id"]).size().rename("n").reset_index()
    sources = held.groupby("party_id").apply(
        lambda g: list(zip(g["entity_id"], g["n"], strict=True)), include_groups=False
    )
    cases["destination"] = cases["seizure_id"].map(dest)
    cases["source_entities"] = cases["source_party_id"].map(sources)
    cases["items"] = cases["items"].fillna(0).astype(float)
    return cases.dropna(subset=["destination", "source_entities"]).reset_index(drop=True)


def place(
    flows: pd.DataFrame, nets: dict[str, ActorNetwork], members: pd.DataFrame
) -> pd.DataFrame:
    """Put each planted flow on the actor graph of its destination's found network; the
    source is the manufacturer entity with most records among that graph's actors."""
    network_of = members.set_index("entity_id")["network_id"]
    flows = flows.assign(network_id=flows["destination"].map(network_of))
    sources = []
    for row in flows.itertuples(index=False):
        net = nets.get(row.network_id) if isinstance(row.network_id, str) else None
        inside = (
            [] if net is None else [(-n, e) for e, n in row.source_entities if e in net.graph.index]
        )
        sources.append(min(inside)[1] if inside else None)
    flows["source"] = sources
    flows["placed"] = flows["source"].notna() & flows["destination"].ne(flows["source"])
    return flows


def joined(net: ActorNetwork, removed: set[str], src: list[str], dst: list[str]) -> np.ndarray:
    """Whether each (src, dst) pair still has a path once ``removed`` are taken out."""
    g = net.graph
    alive = np.ones(g.n, dtype=bool)
    alive[[g.index[a] for a in removed]] = False
    rows = np.repeat(np.arange(g.n), g.degree())
    keep = alive[rows] & alive[g.indices]
    mat = csr_array((np.ones(int(keep.sum())), (rows[keep], g.indices[keep])), shape=(g.n, g.n))
    _, labels = connected_components(mat, directed=False)
    s = np.asarray([g.index[a] for a in src], dtype=np.int64)
    d = np.asarray([g.index[a] for a in dst], dtype=np.int64)
    return alive[s] & alive[d] & (labels[s] == labels[d])


def by_degree(net: ActorNetwork, k: int) -> set[str]:
    """The baseline: the ``k`` actors of highest degree that can be acted on (ties by id)."""
    g = net.graph
    degree = np.where(np.isfinite(g.costs), g.degree(), -1)
    order = np.lexsort((np.arange(g.n), -degree))[:k]
    return {g.ids[i] for i in order.tolist() if degree[i] >= 0}


def top_k(targets: pd.DataFrame, k: int) -> dict[str, set[str]]:
    """Each found network's top ``k`` targets."""
    top = targets[targets["network_id"].notna() & (targets["rank"] <= k)]
    return top.groupby("network_id")["entity_id"].agg(set).to_dict()


def cut_shares(
    flows: pd.DataFrame,
    nets: dict[str, ActorNetwork],
    removals: dict[str, dict[str, set[str]]],
    k: int,
) -> pd.DataFrame:
    """Per placed flow: joined before removal, and still joined after each removal (a
    method's actors per found network), and after the top ``k`` by degree."""
    parts = []
    for network_id, group in flows[flows["placed"]].groupby("network_id"):
        net = nets[network_id]
        src, dst = group["source"].tolist(), group["destination"].tolist()
        after = {
            method: joined(net, chosen.get(network_id, set()), src, dst)
            for method, chosen in removals.items()
        }
        after["top 5 by degree"] = joined(net, by_degree(net, k), src, dst)
        parts.append(group.assign(before=joined(net, set(), src, dst), **after))
    return pd.concat(parts, ignore_index=True)


def flow_table(
    placed: pd.DataFrame, flows: pd.DataFrame, methods: list[str]
) -> tuple[str, dict[str, float]]:
    """Shares of planted flow cut, overall and per planted network."""
    rows, figures = [], {}
    live = placed[placed["before"]]
    for measure, amount in (("cases", None), ("articles", "items")):
        w = np.ones(len(live)) if amount is None else live[amount].to_numpy(float)
        for method in methods:
            cut = w * ~live[method].to_numpy()
            per = pd.DataFrame({"w": w, "cut": cut, "net": live["planted_network"].to_numpy()})
            per = per.groupby("net")[["w", "cut"]].sum()
            shares = (per["cut"] / per["w"])[per["w"] > 0]
            share = cut.sum() / w.sum() if w.sum() else 0.0
            rows.append(
                [
                    method,
                    measure,
                    f"{share:.1%}",
                    f"{shares.mean():.1%}",
                    f"{shares.median():.1%}",
                    f"{(shares >= TARGET_SHARE).mean():.1%}",
                ]
            )
            figures[f"{method}/{measure}"] = share
    header = [
        "removal (per found network)",
        "flow counted in",
        "planted flow cut",
        "mean per planted network",
        "median",
        "planted networks with >= 80% cut",
    ]
    n_all = len(flows)
    coverage = (
        f"\nplanted flows: {n_all:,} cases; placed on a found network's actor graph and "
        f"joined there before removal: {int(live.shape[0]):,} ({live.shape[0] / max(n_all, 1):.1%}); "
        f"planted networks: {live['planted_network'].nunique():,}"
    )
    return table(header, rows) + "\n" + coverage, figures


# --- timings ------------------------------------------------------------------------------


def size_timings(nets: dict[str, ActorNetwork], settings: TargetSettings) -> str:
    """Ranking time per network (actor graph already built), by size."""
    bins = [(1, 10), (11, 50), (51, 200), (201, 1000), (1001, 10**9)]
    times: dict[tuple[int, int], list[tuple[float, int]]] = {b: [] for b in bins}
    for network_id, net in nets.items():
        seconds, _ = best_of(lambda n=network_id: rank_networks({n: nets[n]}, settings), 1)
        for lo, hi in bins:
            if lo <= net.graph.n <= hi:
                times[(lo, hi)].append((seconds, net.graph.n))
    rows = []
    for (lo, hi), got in times.items():
        if got:
            s = np.asarray([t for t, _ in got])
            label = f"{lo}-{hi}" if hi < 10**9 else f"> {lo - 1}"
            rows.append(
                [
                    label,
                    len(got),
                    max(n for _, n in got),
                    float(np.median(s)) * 1000,
                    float(s.max()) * 1000,
                ]
            )
    return table(["actors", "networks", "largest", "median ms", "max ms"], rows)


def generated_network(n_actors: int, seed: int) -> dict[str, pd.DataFrame]:
    """Case-file-shaped tables of one network of about ``n_actors`` actors: a factory in
    Guangzhou, 6 Hong Kong fronts sharing its phone, 60 stores on 12 shared phones (half
    of them also on the factory's), 20 distributors receiving the fronts' cargo and
    retail buyers of the stores' parcels."""
    rng = np.random.default_rng(seed)
    factory, fronts = "P-factory", [f"P-front{i}" for i in range(6)]
    stores = [f"P-store{i:03d}" for i in range(60)]
    dists = [f"P-dist{i:02d}" for i in range(20)]
    phones = [f"I-phone{i:02d}" for i in range(13)]
    n_buyers = max(n_actors - 1 - len(fronts) - len(stores) - len(dists) - len(phones), 0)
    buyers = [f"P-buyer{i:05d}" for i in range(n_buyers)]
    party_rows, cases = [], []

    def case(sender: str, receiver: str, producer: str | None, country: str) -> None:
        sid = f"S{len(cases):06d}"
        cases.append(sid)
        for role, who, where in (("consignor", sender, country), ("consignee", receiver, "DE")):
            party_rows.append((f"R{len(party_rows):07d}", sid, role, who, where))
        if producer:
            party_rows.append((f"R{len(party_rows):07d}", sid, "other", producer, "CN"))

    for d in dists:
        for f in rng.choice(fronts, 3, replace=False):
            case(str(f), d, factory, "HK")
    for i, b in enumerate(buyers):
        case(stores[i % len(stores)], b, None, "CN")
        if rng.random() < 0.1:  # some buyers come back to another store
            case(str(rng.choice(stores)), b, None, "CN")
    parties = pd.DataFrame(
        party_rows, columns=["record_id", "seizure_id", "role", "entity_id", "country"]
    )
    edges = (
        parties.groupby(["entity_id", "seizure_id", "role"])["record_id"].agg(list).reset_index()
    )
    edges = pd.DataFrame(
        {
            "source": edges["entity_id"],
            "target": "S:" + edges["seizure_id"],
            "kind": edges["role"],
            "weight": 1.0,
            "record_ids": edges["record_id"],
        }
    )
    uses = [(factory, phones[12])] + [(f, phones[12]) for f in fronts]
    uses += [(s, phones[i % 12]) for i, s in enumerate(stores)]
    uses += [(s, phones[12]) for s in stores[::2]]  # half the stores ship from the factory's phone
    attr = pd.DataFrame(uses, columns=["source", "target"]).assign(
        kind="uses_phone", weight=1.0, record_ids=[["R0000000"]] * len(uses)
    )
    members = [factory, *fronts, *stores, *dists, *buyers]
    nodes = pd.DataFrame(
        {
            "node_id": members + phones + ["S:" + c for c in cases],
            "kind": ["party"] * len(members)
            + ["identifier"] * len(phones)
            + ["seizure"] * len(cases),
        }
    ).assign(label=lambda f: f["node_id"], is_hub=False)
    roles = pd.DataFrame(
        {
            "network_id": "N0001",
            "entity_id": [factory, *fronts, *stores, *dists],
            "role": ["manufacturer"] + ["front"] * 6 + ["seller"] * 60 + ["distributor"] * 20,
            "score": 0.9,
        }
    )
    return {
        "nodes": nodes,
        "edges": pd.concat([edges, attr], ignore_index=True),
        "seizures": pd.DataFrame({"seizure_id": cases, "reporting_country": "DE"}),
        "parties": parties[["record_id", "seizure_id", "role", "country"]],
        "network_members": pd.DataFrame({"entity_id": members, "network_id": "N0001"}),
        "roles": roles,
    }


def generated_timing(n_actors: int, seed: int, repeat: int, factory: bool = True) -> list[Any]:
    """Actor graph, ranking and reasons of a generated network: wall and CPU seconds.
    Without ``factory`` no member scores as manufacturer, so every store is a source
    of its own parcels: many sources, and the ranking has to work through cuts."""
    tables = generated_network(n_actors, seed)
    if not factory:
        tables["roles"] = tables["roles"][tables["roles"]["role"] != "manufacturer"]

    def run() -> Any:
        nets = actor_networks(**tables)
        return nets, rank_networks(nets)

    cpu = time.process_time()
    wall, (nets, targets) = best_of(run, repeat)
    cpu = (time.process_time() - cpu) / repeat
    net = nets["N0001"]
    top = targets.table[targets.table["network_id"] == "N0001"]
    sources = len(set(net.demand.sources))
    return [
        net.graph.n,
        net.graph.m,
        sources,
        len(net.demand),
        wall,
        cpu,
        float(top["impact"].max()),
    ]


# --- main ----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--difficulty", default="realistic", choices=["easy", "realistic", "hard"])
    ap.add_argument("--smoke", action="store_true", help="a small size for CI")
    args = ap.parse_args(argv)
    cases = 3_000 if args.smoke else args.cases
    load = os.getloadavg()
    extract_path, truth_path = world(cases, args.seed, args.difficulty)
    with timer() as t_pipe:
        result = analyze(extract_path, None, seed=args.seed)
    settings = TargetSettings(k=K)
    members = result.networks.network_members
    inputs = (result.extract, result.graph, members, result.tables["roles"], result.hubs)
    cpu = time.process_time()
    with timer() as t_rank:
        targets = rank_targets(*inputs, settings, seed=args.seed)
    cpu_rank = time.process_time() - cpu
    same = rank_targets(*inputs, settings, seed=args.seed).table.equals(targets.table)
    # Degree ignores costs: the same ranking with unit costs is the like-for-like match.
    unit = rank_targets(*inputs, TargetSettings(k=K, abroad_cost=1.0), seed=args.seed)
    methods = {
        "netlink top 5 targets (abroad cost 3)": top_k(targets.table, K),
        "netlink top 5 targets (unit costs)": top_k(unit.table, K),
    }

    flows = planted_flows(truth_path, result.tables["entity_members"])
    placed = place(flows, targets.networks, members)
    scored = cut_shares(placed, targets.networks, methods, K)
    text, figures = flow_table(scored, flows, [*methods, "top 5 by degree"])

    print(
        f"# Targets on the synthetic world: {cases:,} cases, seed {args.seed}, {args.difficulty}\n"
    )
    print(f"load average before the run: {load[0]:.1f} (2 cores); pipeline {t_pipe['s']:.1f} s\n")
    print("## Planted source-to-destination flow cut by removing 5 actors per found network\n")
    print(text)
    ok = figures["netlink top 5 targets (abroad cost 3)/cases"] >= TARGET_SHARE
    print(
        f"\ntarget (>= 80% of the planted flow, cases, default costs): {'met' if ok else 'NOT met'}"
    )
    print("\n## Ranking time per network (actor graph built; ranking and reasons)\n")
    print(size_timings(targets.networks, settings))
    print(
        f"\nwhole world: {len(targets.networks):,} networks, "
        f"{sum(n.graph.n for n in targets.networks.values()):,} actors: rank_targets "
        f"{t_rank['s']:.2f} s wall, {cpu_rank:.2f} s CPU; rerun identical: {same}"
    )
    print("\n## A generated network (same code path: tables -> actor graph -> ranking)\n")
    repeat = 1 if args.smoke else 3
    rows = [
        generated_timing(n, args.seed, repeat, factory)
        for n, factory in ((1_000, True), (5_000, True), (5_000, False))
    ]
    header = [
        "actors",
        "links",
        "sources",
        "demands",
        "wall s (best)",
        "CPU s",
        "flow cut by top 5",
    ]
    print(table(header, rows))
    # The work is single-threaded: CPU time is the wall time on an idle core, which a
    # loaded machine does not give.
    fast = max(r[5] for r in rows) < 1.0
    print(f"\ntarget (a 5,000-actor network under 1 s of CPU): {'met' if fast else 'NOT met'}")
    # A smoke run checks that the figures are produced, not the timings (CI is shared).
    return 0 if ok and same and (fast or args.smoke) else 1


if __name__ == "__main__":
    raise SystemExit(main())
