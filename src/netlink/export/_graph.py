"""A case's link graph, or one network's part of it, as the exports and briefings read it.

A network's part is what the records of its cases say: its cases are those a member is
a party to; every edge supported by a record of one of those cases is kept, with only
those records. So the part holds the members, the other parties on their cases (hubs
included, flagged), the addresses and identifiers those parties used on them, and the
cases' brands, places and master documents, each link with the records behind it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from netlink._version import __version__
from netlink.casefile import CASE_FILE_VERSION, CaseFile
from netlink.errors import CaseFileError, ParameterError, UnknownEntityError
from netlink.graph import PARTY_EDGE_KINDS
from netlink.pseudonymise import CasePseudonymiser

__all__ = [
    "EDGE_COLUMNS",
    "NODE_COLUMNS",
    "CaseGraph",
    "case_graph",
    "network_row",
    "provenance",
]

#: The node columns every export writes, in order (``hmac`` is added when pseudonymised).
NODE_COLUMNS = (
    "node_id",
    "kind",
    "label",
    "subtype",
    "country",
    "network_id",
    "role",
    "role_score",
    "is_hub",
    "hub_reason",
    "n_cases",
    "first_seen",
    "last_seen",
)
#: The edge columns every export writes, in order; ``record_ids`` is a tuple of strings.
EDGE_COLUMNS = (
    "source",
    "target",
    "kind",
    "weight",
    "n_records",
    "record_ids",
    "first_seen",
    "last_seen",
)


@dataclass(frozen=True, eq=False)
class CaseGraph:
    """Nodes and edges to export, and where they came from.

    Attributes
    ----------
    nodes
        :data:`NODE_COLUMNS` (and ``hmac`` when pseudonymised), one row per node,
        ordered by kind and id.
    edges
        :data:`EDGE_COLUMNS`, one row per (source, target, kind), each with at least
        one record id.
    network_id
        The network, or None for the whole case.
    provenance
        Plain facts for a file header: netlink version, case file, input hash, seed, ...
    pseudonymised
        Names and identifiers are keyed digests (docs/briefings.md).
    """

    nodes: pd.DataFrame
    edges: pd.DataFrame
    network_id: str | None
    provenance: dict[str, str] = field(default_factory=dict)
    pseudonymised: bool = False


def network_row(case: CaseFile, network_id: str) -> pd.Series:
    """The ``networks`` row of a network that exists and has members.

    Raises
    ------
    CaseFileError
        The case file holds no networks at all.
    UnknownEntityError
        There is no such network.
    ParameterError
        The network has no members.
    """
    nets = case["networks"]
    if nets.empty:
        raise CaseFileError(
            f"{case.path.name} holds no networks: the run that wrote it did not look for them",
            hint="Re-run `netlink analyze EXTRACT --out CASE.duckdb` with this version of netlink.",
        )
    hit = nets[nets["network_id"].astype(str) == str(network_id)]
    if hit.empty:
        first = ", ".join(_largest(nets)[:5])
        raise UnknownEntityError(
            f"no network {network_id!r} in {case.path.name}",
            hint=f"It holds {len(nets):,} networks; the largest are {first}.",
        )
    members = case["network_members"]
    if not (members["network_id"].astype(str) == str(network_id)).any():
        raise ParameterError(
            f"network {network_id!r} in {case.path.name} is empty: it has no members",
            hint=f"Choose a network with members; the largest are {', '.join(_largest(nets)[:5])}.",
        )
    return hit.iloc[0]


def _largest(nets: pd.DataFrame) -> list[str]:
    order = nets.assign(_id=nets["network_id"].astype(str)).sort_values(
        ["n_entities", "n_seizures", "_id"], ascending=[False, False, True], kind="stable"
    )
    return order["_id"].tolist()


def provenance(case: CaseFile) -> dict[str, str]:
    """What a reader needs to trace an output to its run, without paths of this machine.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from netlink.casefile import RunRecord, read_case_file, write_case_file
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "case.duckdb"
    >>> run = RunRecord(input_path="/data/x/extract.duckdb", input_sha256="0" * 64,
    ...                 parameters={}, seed=3)
    >>> _ = write_case_file(path, {}, run)
    >>> p = provenance(read_case_file(path))
    >>> p["input"], p["seed"]
    ('extract.duckdb', '3')
    """
    run = case.run
    return {
        "netlink_version": __version__,
        "case_file": case.path.name,
        "case_file_version": str(case.version or CASE_FILE_VERSION),
        "case_file_netlink_version": run.netlink_version,
        "input": _file_name(run.input_path),
        "input_sha256": run.input_sha256,
        "result_sha256": run.result_sha256,
        "seed": str(run.seed),
        "analysed_at": f"{run.finished_at:%Y-%m-%d %H:%M} UTC" if run.finished_at else "",
        "parameters": json.dumps(_no_paths(run.parameters), sort_keys=True),
    }


def _file_name(value: Any) -> str:
    text = str(value)
    return Path(text.replace("\\", "/")).name if text else ""


def _no_paths(value: Any) -> Any:
    """Parameters with every path cut to its last part (a briefing travels)."""
    if isinstance(value, dict):
        return {k: _no_paths(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_no_paths(v) for v in value]
    if isinstance(value, str) and ("/" in value or "\\" in value):
        return _file_name(value)
    return value


def case_graph(
    case: CaseFile,
    network_id: str | None = None,
    *,
    pseudonymiser: CasePseudonymiser | None = None,
) -> CaseGraph:
    """The whole link graph of a case, or one network's part of it.

    Parameters
    ----------
    case
        A case file (:func:`netlink.casefile.read_case_file`).
    network_id
        A network: its part (see the module docstring). None: every node and edge.
    pseudonymiser
        Replace names, identifiers and ids by keyed digests.

    Returns
    -------
    CaseGraph

    Raises
    ------
    CaseFileError
        The case file has no link graph, or (for a network) no networks.
    UnknownEntityError, ParameterError
        The network does not exist, or has no members.
    """
    if case["nodes"].empty:
        raise CaseFileError(
            f"{case.path.name} holds no link graph: the run that wrote it stopped before it",
            hint="Re-run `netlink analyze EXTRACT --out CASE.duckdb` with this version of netlink.",
        )
    seizures = case["seizures"]
    dates = pd.Series(
        pd.to_datetime(seizures["seizure_date"]).to_numpy(),
        index=seizures["seizure_id"].astype(str),
    )
    dates = dates[~dates.index.duplicated()]
    edges = case["edges"].reset_index(drop=True)
    flat_edge, flat_rid = _flatten(edges["record_ids"])
    flat_case = _record_cases(flat_rid, case)
    if network_id is not None:
        net = network_row(case, network_id)
        network_id = str(net["network_id"])
        members = case["network_members"]
        member_ids = set(members.loc[members["network_id"].astype(str) == network_id, "entity_id"])
        role_edge = edges["kind"].isin(PARTY_EDGE_KINDS).to_numpy() & (
            edges["source"].isin(member_ids).to_numpy()
            | edges["target"].isin(member_ids).to_numpy()
        )
        case_nodes = set(edges.loc[role_edge, "source"]) | set(edges.loc[role_edge, "target"])
        cases = {c[2:] for c in case_nodes if isinstance(c, str) and c.startswith("S:")}
        keep = pd.Series(flat_case).isin(cases).to_numpy()
        flat_edge, flat_rid, flat_case = flat_edge[keep], flat_rid[keep], flat_case[keep]
    e = _edges(edges, flat_edge, flat_rid, flat_case, dates, sliced=network_id is not None)
    nodes = _nodes(case, e, edges, flat_edge, flat_case, dates, network_id)
    prov = provenance(case)
    if pseudonymiser is not None:
        nodes, e = _pseudonymise(nodes, e, pseudonymiser)
        prov["pseudonymised"] = "HMAC-SHA256, key check " + pseudonymiser.key.check
    return CaseGraph(nodes, e, network_id, prov, pseudonymiser is not None)


def _flatten(record_ids: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(edge row, record id) for every record of every edge."""
    lists = [
        [] if r is None or (isinstance(r, float) and np.isnan(r)) else [str(x) for x in r]
        for r in record_ids
    ]
    lengths = np.fromiter((len(r) for r in lists), dtype=np.int64, count=len(lists))
    rows = np.repeat(np.arange(len(lists)), lengths)
    flat = np.array([x for r in lists for x in r], dtype=object)
    return rows, flat


def _record_cases(record_ids: np.ndarray, case: CaseFile) -> np.ndarray:
    """The seizure id each record belongs to ("" when it cannot be told).

    Party records name their case in ``parties``; case facts are recorded under the
    seizure id itself or as ``<seizure id>/<line or leg>``.
    """
    parties = case["parties"]
    of_party = pd.Series(
        parties["seizure_id"].astype(str).to_numpy(), index=parties["record_id"].astype(str)
    )
    of_party = of_party[~of_party.index.duplicated()]
    ids = pd.Series(record_ids, dtype=object)
    out = ids.map(of_party)
    known = set(case["seizures"]["seizure_id"].astype(str))
    direct = out.isna() & ids.isin(known)
    out[direct] = ids[direct]
    rest = out.isna()
    if rest.any():
        head = ids[rest].str.rsplit("/", n=1).str[0]
        out[rest] = head.where(head.isin(known))
    return out.fillna("").to_numpy(dtype=object)


def _edges(
    edges: pd.DataFrame,
    flat_edge: np.ndarray,
    flat_rid: np.ndarray,
    flat_case: np.ndarray,
    dates: pd.Series,
    *,
    sliced: bool,
) -> pd.DataFrame:
    rows = np.unique(flat_edge)
    e = edges.iloc[rows].reset_index(drop=True)
    grouped: dict[int, list[str]] = {}
    for row, rid in zip(flat_edge, flat_rid, strict=True):
        grouped.setdefault(int(row), []).append(rid)
    e["record_ids"] = [tuple(sorted(set(grouped[int(r)]))) for r in rows]
    e["n_records"] = e["record_ids"].map(len).astype(np.int64)
    if sliced or "first_seen" not in e.columns:
        when = pd.DataFrame({"row": flat_edge, "date": pd.Series(flat_case).map(dates).to_numpy()})
        span = when.groupby("row")["date"].agg(["min", "max"]).reindex(rows)
        e["first_seen"] = span["min"].to_numpy()
        e["last_seen"] = span["max"].to_numpy()
    e["first_seen"] = pd.to_datetime(e["first_seen"])
    e["last_seen"] = pd.to_datetime(e["last_seen"])
    e["weight"] = pd.to_numeric(e["weight"], errors="coerce").fillna(0.0).astype(float)
    e = e.sort_values(["source", "target", "kind"], kind="stable").reset_index(drop=True)
    return e[list(EDGE_COLUMNS)]


def _nodes(
    case: CaseFile,
    e: pd.DataFrame,
    edges: pd.DataFrame,
    flat_edge: np.ndarray,
    flat_case: np.ndarray,
    dates: pd.Series,
    network_id: str | None,
) -> pd.DataFrame:
    ids = pd.unique(np.concatenate([e["source"].to_numpy(), e["target"].to_numpy()]))
    table = case["nodes"].drop_duplicates("node_id").set_index("node_id")
    missing = [i for i in ids if i not in table.index]
    if missing:
        raise CaseFileError(
            f"{case.path.name}: an edge names node {missing[0]!r}, which the nodes table lacks",
            hint="The case file is damaged; re-run `netlink analyze`.",
        )
    n = table.loc[list(ids)].reset_index()
    out = pd.DataFrame({"node_id": n["node_id"].astype(str), "kind": n["kind"].astype(str)})
    out["label"] = n["label"].astype(object).where(n["label"].notna(), "")
    out["subtype"] = n["subtype"].astype(object) if "subtype" in n.columns else None
    ents = case["entities"].drop_duplicates("entity_id").set_index("entity_id")
    out["country"] = (
        out["node_id"].map(ents["country"]).astype(object) if "country" in ents.columns else None
    )
    members = case["network_members"].drop_duplicates("entity_id").set_index("entity_id")
    out["network_id"] = out["node_id"].map(members["network_id"]).astype(object)
    roles = case["roles"]
    if network_id is not None:
        roles = roles[roles["network_id"].astype(str) == network_id]
    best = roles.sort_values(["score", "role"], ascending=[False, True], kind="stable")
    best = best.drop_duplicates("entity_id").set_index("entity_id")
    out["role"] = out["node_id"].map(best["role"]).astype(object)
    out["role_score"] = out["node_id"].map(best["score"]).astype(float)
    out["is_hub"] = (
        n["is_hub"].fillna(False).astype(bool).to_numpy() if "is_hub" in n.columns else False
    )
    out["hub_reason"] = (
        n["hub_reason"].astype(object).where(out["is_hub"], None)
        if "hub_reason" in n.columns
        else None
    )
    # Cases and dates of each node: those of the records on its links.
    ends = pd.DataFrame(
        {
            "node_id": np.concatenate(
                [edges["source"].to_numpy()[flat_edge], edges["target"].to_numpy()[flat_edge]]
            ),
            "case": np.concatenate([flat_case, flat_case]),
        }
    )
    ends = ends[ends["case"] != ""]
    ends = ends.assign(date=ends["case"].map(dates))
    per = ends.groupby("node_id").agg(
        n_cases=("case", "nunique"), first_seen=("date", "min"), last_seen=("date", "max")
    )
    out["n_cases"] = out["node_id"].map(per["n_cases"]).fillna(0).astype(np.int64)
    out["first_seen"] = pd.to_datetime(out["node_id"].map(per["first_seen"]))
    out["last_seen"] = pd.to_datetime(out["node_id"].map(per["last_seen"]))
    order = {k: i for i, k in enumerate(_KIND_ORDER)}
    out = out.assign(_o=out["kind"].map(order).fillna(len(order)))
    out = out.sort_values(["_o", "node_id"], kind="stable").drop(columns="_o")
    return out.reset_index(drop=True)[list(NODE_COLUMNS)]


_KIND_ORDER = ("party", "seizure", "address", "identifier", "domain", "master", "brand", "place")


def _pseudonymise(
    nodes: pd.DataFrame, edges: pd.DataFrame, ps: CasePseudonymiser
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes and edges with every name, identifier and id replaced by its pseudonym."""
    new = ps.nodes(nodes)
    ids = dict(zip(nodes["node_id"], new["node_id"], strict=True))
    e = edges.assign(
        source=edges["source"].map(ids),
        target=edges["target"].map(ids),
        record_ids=[tuple(ps.records(r)) for r in edges["record_ids"]],
    )
    return new, e
