"""Keep a chart readable and the browser responsive: collapse leaves, then keep the most relevant.

A chart of more than a few hundred nodes is a hairball, and of many thousands it stalls
the browser. Past ``max_nodes`` two steps apply, and the chart says what they did:

1. leaves (nodes with one link, other than focus nodes and hubs) hanging off the same
   node and of the same kind become one group node ("+14 cases");
2. if that is not enough, nodes are kept in order of relevance: focus nodes, then by
   links away from the focus, then the most linked first; the rest are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import dijkstra

from netlink.view._style import node_style

__all__ = ["GROUP_PREFIX", "Limited", "limit"]

#: Prefix of the ids of group nodes (real node ids never start with it).
GROUP_PREFIX = "group:"
_GROUP_LIST = 30


@dataclass(frozen=True)
class Limited:
    """A chart's nodes and links after limiting, and a note of what was changed."""

    nodes: pd.DataFrame
    edges: pd.DataFrame
    note: str


def limit(nodes: pd.DataFrame, edges: pd.DataFrame, max_nodes: int) -> Limited:
    """Bring a chart down to ``max_nodes`` nodes, if it has more.

    Parameters
    ----------
    nodes
        ``node_id, kind, label, is_hub, focus, n_cases`` (and any other columns, kept).
    edges
        One row per linked pair: ``source, target, kinds, n_records, record_ids,
        first_seen, last_seen``.
    max_nodes
        The most nodes to keep.

    Returns
    -------
    Limited
        Group nodes have ``is_group`` True and ``members`` (labels of the leaves, most
        cases first); ``note`` is empty when nothing changed.

    Examples
    --------
    >>> nodes = pd.DataFrame({"node_id": ["P", "S1", "S2", "S3"], "kind": ["party"] + ["seizure"] * 3,
    ...     "label": ["Shop", "S1", "S2", "S3"], "is_hub": False, "focus": [True, False, False, False],
    ...     "n_cases": 1})
    >>> edges = pd.DataFrame({"source": "P", "target": ["S1", "S2", "S3"], "kinds": [["seller"]] * 3,
    ...     "n_records": 1, "record_ids": [["R1"], ["R2"], ["R3"]], "first_seen": None, "last_seen": None})
    >>> out = limit(nodes, edges, max_nodes=2)
    >>> out.nodes["label"].tolist(), out.note
    (['Shop', '+3 cases'], 'Showing 2 of 4 nodes: 3 leaves collapsed into 1 group.')
    """
    nodes = nodes.assign(is_group=False, members=None)
    n_total = len(nodes)
    if n_total <= max_nodes:
        return Limited(nodes.reset_index(drop=True), edges.reset_index(drop=True), "")
    parts: list[str] = []
    nodes, edges, n_leaves, n_groups = _collapse_leaves(nodes, edges)
    if n_groups:
        parts.append(f"{n_leaves:,} leaves collapsed into {n_groups:,} group{'s' * (n_groups > 1)}")
    if len(nodes) > max_nodes:
        nodes, edges, left_out = _most_relevant(nodes, edges, max_nodes)
        by_kind = ", ".join(f"{n:,} {node_style(k).plural}" for k, n in left_out.items())
        parts.append(
            f"{sum(left_out.values()):,} less relevant nodes left out ({by_kind}); "
            "chart one network or an entity's neighbourhood to see them"
        )
    note = f"Showing {len(nodes):,} of {n_total:,} nodes: " + "; ".join(parts) + "."
    return Limited(nodes.reset_index(drop=True), edges.reset_index(drop=True), note)


def _degree(nodes: pd.DataFrame, edges: pd.DataFrame) -> pd.Series:
    ends = pd.concat([edges["source"], edges["target"]], ignore_index=True)
    return nodes["node_id"].map(ends.value_counts()).fillna(0).astype(np.int64)


def _collapse_leaves(
    nodes: pd.DataFrame, edges: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, int, int]:
    degree = _degree(nodes, edges)
    is_leaf = (degree == 1) & ~nodes["focus"] & ~nodes["is_hub"]
    leaf_ids = set(nodes.loc[is_leaf, "node_id"])
    s_leaf = edges["source"].isin(leaf_ids)
    t_leaf = edges["target"].isin(leaf_ids)
    # A pair of leaves linked only to each other has no anchor to hang from.
    hanging = edges[s_leaf ^ t_leaf]
    links = pd.DataFrame(
        {
            "leaf": np.where(s_leaf[s_leaf ^ t_leaf], hanging["source"], hanging["target"]),
            "anchor": np.where(s_leaf[s_leaf ^ t_leaf], hanging["target"], hanging["source"]),
            "edge": hanging.index.to_numpy(),
        }
    )
    info = nodes.set_index("node_id")
    links["kind"] = info["kind"].reindex(links["leaf"]).to_numpy()
    links["size"] = links.groupby(["anchor", "kind"])["leaf"].transform("size")
    links = links[links["size"] >= 2]
    if links.empty:
        return nodes, edges, 0, 0
    links["group"] = GROUP_PREFIX + links["kind"] + ":" + links["anchor"]
    links["n_cases"] = info["n_cases"].reindex(links["leaf"]).to_numpy()
    links["label"] = info["label"].reindex(links["leaf"]).to_numpy()
    links = links.sort_values(["group", "n_cases", "leaf"], ascending=[True, False, True])
    grouped = links.groupby("group", sort=True)
    groups = grouped.agg(
        kind=("kind", "first"),
        anchor=("anchor", "first"),
        size=("leaf", "size"),
        n_cases=("n_cases", "sum"),
        members=("label", lambda s: [str(x) for x in s.head(_GROUP_LIST)]),
    ).reset_index()
    group_nodes = pd.DataFrame(
        {
            "node_id": groups["group"],
            "kind": groups["kind"],
            "label": [
                f"+{n} {node_style(k).plural}"
                for n, k in zip(groups["size"], groups["kind"], strict=True)
            ],
            "is_hub": False,
            "focus": False,
            "n_cases": groups["n_cases"].to_numpy(),
            "is_group": True,
            "members": groups["members"].to_numpy(),
        }
    )
    e = edges.loc[links["edge"].to_numpy()].assign(group=links["group"].to_numpy())
    group_edges = (
        e.groupby("group", sort=True)
        .agg(
            kinds=("kinds", lambda s: sorted({k for ks in s for k in ks})),
            n_records=("n_records", "sum"),
            record_ids=("record_ids", lambda s: [r for rs in s for r in rs]),
            first_seen=("first_seen", "min"),
            last_seen=("last_seen", "max"),
        )
        .reset_index()
    )
    group_edges.insert(
        0, "source", groups.set_index("group")["anchor"].reindex(group_edges["group"]).to_numpy()
    )
    group_edges = group_edges.rename(columns={"group": "target"})
    kept_nodes = nodes[~nodes["node_id"].isin(set(links["leaf"]))]
    kept_edges = edges.drop(index=links["edge"].to_numpy())
    return (
        pd.concat([kept_nodes, group_nodes], ignore_index=True),
        pd.concat([kept_edges, group_edges[edges.columns]], ignore_index=True),
        len(links),
        len(groups),
    )


def _most_relevant(
    nodes: pd.DataFrame, edges: pd.DataFrame, max_nodes: int
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, int]]:
    n = len(nodes)
    index = pd.Index(nodes["node_id"])
    src = index.get_indexer(edges["source"])
    dst = index.get_indexer(edges["target"])
    # Hops from the focus: one breadth-first search from a virtual node linked to all of it.
    focus = np.flatnonzero(nodes["focus"].to_numpy())
    if len(focus):
        a = np.r_[src, np.full(len(focus), n)]
        b = np.r_[dst, focus]
        m = coo_matrix((np.ones(len(a)), (a, b)), shape=(n + 1, n + 1))
        hops = dijkstra(m, directed=False, indices=n, unweighted=True)[:n] - 1
    else:
        hops = np.zeros(n)
    rank = pd.DataFrame(
        {
            "focus": nodes["focus"].to_numpy(),
            "hops": np.where(np.isfinite(hops), hops, np.inf),
            "degree": _degree(nodes, edges).to_numpy(),
            "n_cases": nodes["n_cases"].to_numpy(),
            "node_id": nodes["node_id"].to_numpy(),
        }
    ).sort_values(
        ["focus", "hops", "degree", "n_cases", "node_id"],
        ascending=[False, True, False, False, True],
        kind="stable",
    )
    keep = np.zeros(n, dtype=bool)
    keep[rank.index[:max_nodes]] = True
    left_out = nodes.loc[~keep, "kind"].value_counts().sort_index()
    kept_ids = set(nodes.loc[keep, "node_id"])
    edges = edges[edges["source"].isin(kept_ids) & edges["target"].isin(kept_ids)]
    return nodes[keep], edges, {str(k): int(v) for k, v in left_out.items()}
