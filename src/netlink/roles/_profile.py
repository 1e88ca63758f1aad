"""Network profiles: one row per network saying what, when, where, how and who."""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlink.extract import Extract
from netlink.graph import LinkGraph
from netlink.roles._features import case_facts, member_cases

__all__ = ["profile_networks"]

_LIST_COLUMNS = (
    "brands",
    "categories",
    "origin_countries",
    "transit_places",
    "destination_countries",
    "destination_places",
    "transport_modes",
    "entry_points",
    "customs_offices",
    "reporting_countries",
    "main_parties",
)


def profile_networks(
    extract: Extract,
    graph: LinkGraph,
    networks: pd.DataFrame,
    network_members: pd.DataFrame,
    roles: pd.DataFrame | None = None,
    *,
    top: int = 10,
) -> pd.DataFrame:
    """Profile each network from the cases its members are on.

    Parameters
    ----------
    extract
        The loaded extract (goods lines).
    graph
        The link graph.
    networks, network_members
        The networks and their members (:class:`netlink.cluster.Networks`).
    roles
        Role scores (:func:`score_roles`); when given, main parties show their role.
    top
        Values listed per list column, most frequent first (ties alphabetical).

    Returns
    -------
    pandas.DataFrame
        One row per network: ``network_id, n_entities, n_seizures, n_articles,
        value_eur, first_seen, last_seen, span_days``, then lists (most frequent
        first): ``brands, categories, origin_countries, transit_places,
        destination_countries, destination_places, transport_modes, entry_points``
        (places where routes enter the reporting country), ``customs_offices,
        reporting_countries, main_parties`` ("name (role, n cases)").

    Examples
    --------
    >>> from netlink.cluster import find_networks
    >>> from netlink.graph import build_graph, detect_hubs, exact_entities, project_parties
    >>> from netlink.graph._examples import tiny_extract
    >>> ex = tiny_extract()
    >>> g = build_graph(ex, *exact_entities(ex))
    >>> nets = find_networks(g, project_parties(g, detect_hubs(g)))
    >>> p = profile_networks(ex, g, nets.networks, nets.network_members)
    >>> p.loc[1, ["network_id", "n_articles", "brands", "origin_countries"]].tolist()
    ['N0002', np.int64(7000), ['Vexa'], ['CN', 'HK']]
    """
    cols = [
        "network_id",
        "n_entities",
        "n_seizures",
        "n_articles",
        "value_eur",
        "first_seen",
        "last_seen",
        "span_days",
        *_LIST_COLUMNS,
    ]
    if networks.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    members = network_members[["entity_id", "network_id"]]
    members = members.assign(node=graph.index_of(members["entity_id"].tolist()))
    mc = member_cases(graph, members)
    nc = mc[["network_id", "case"]].drop_duplicates()
    cases = case_facts(extract, graph)
    c = cases.loc[nc["case"].to_numpy()]
    nc = nc.assign(
        seizure_id=c["seizure_id"].to_numpy(),
        items=c["items"].fillna(0).to_numpy(),
        value=c["value_eur"].fillna(0.0).to_numpy(),
    )
    out = networks[["network_id", "n_entities", "n_seizures", "first_seen", "last_seen"]].copy()
    out = out.set_index("network_id")
    agg = nc.groupby("network_id").agg(n_articles=("items", "sum"), value_eur=("value", "sum"))
    out = out.join(agg)
    out["n_articles"] = out["n_articles"].fillna(0).astype(np.int64)
    out["value_eur"] = out["value_eur"].fillna(0.0).round(2)
    out["span_days"] = (out["last_seen"] - out["first_seen"]).dt.days.astype("Int64")

    goods = extract.goods[["seizure_id", "brand", "category"]]
    g = nc[["network_id", "seizure_id"]].merge(goods, on="seizure_id")
    out["brands"] = _top(g, "brand", top)
    out["categories"] = _top(g, "category", top)
    fact = nc[["network_id", "case"]].assign(
        origin=c["origin_country"].to_numpy(),
        destination=c["destination_country"].to_numpy(),
        mode=c["transport_mode"].to_numpy(),
        office=c["customs_office"].to_numpy(),
        reporting=c["reporting_country"].to_numpy(),
    )
    out["origin_countries"] = _top(fact, "origin", top)
    out["destination_countries"] = _top(fact, "destination", top)
    out["transport_modes"] = _top(fact, "mode", top)
    out["customs_offices"] = _top(fact, "office", top)
    out["reporting_countries"] = _top(fact, "reporting", top)
    route = _route_places(graph, nc)
    for name, kind in (
        ("transit_places", "transit"),
        ("destination_places", "destination"),
        ("entry_points", "entry"),
    ):
        out[name] = _top(route[route["kind"] == kind], "place", top)
    out["main_parties"] = _main_parties(graph, members, mc, roles, top)
    for name in _LIST_COLUMNS:
        out[name] = out[name].map(lambda v: v if isinstance(v, list) else [])
    return out.reset_index()[cols]


def _top(long: pd.DataFrame, col: str, k: int) -> pd.Series:
    """The ``k`` most frequent values of ``col`` per network, ties alphabetical."""
    d = long[["network_id", col]].dropna()
    if d.empty:
        return pd.Series(dtype=object)
    counts = d.groupby(["network_id", col]).size().rename("n").reset_index()
    counts = counts.sort_values(["network_id", "n", col], ascending=[True, False, True])
    counts = counts[counts.groupby("network_id").cumcount() < k]
    return _lists(counts["network_id"].to_numpy(), [str(x) for x in counts[col]])


def _lists(network_id: np.ndarray, values: list) -> pd.Series:
    """The values of each network as a list, in their order; ``network_id`` sorted, not
    empty.

    One slice per network instead of a Python call per group: tens of thousands of
    networks times ten list columns made the grouped version a large part of the time.
    """
    starts = np.flatnonzero(np.r_[True, network_id[1:] != network_id[:-1]])
    ends = np.r_[starts[1:], len(network_id)].tolist()
    lists = [values[i:j] for i, j in zip(starts.tolist(), ends, strict=True)]
    return pd.Series(lists, index=network_id[starts], dtype=object)


def _route_places(graph: LinkGraph, nc: pd.DataFrame) -> pd.DataFrame:
    e = graph.edges
    sel = graph.edge_mask(["transit", "destination", "entry"])
    sub = pd.DataFrame(
        {
            "case": e["src"].to_numpy()[sel],
            "kind": graph.edge_kinds(sel),
            "place": graph.node_values("label", e["dst"].to_numpy()[sel]),
        }
    )
    return nc[["network_id", "case"]].merge(sub, on="case")


def _main_parties(
    graph: LinkGraph,
    members: pd.DataFrame,
    mc: pd.DataFrame,
    roles: pd.DataFrame | None,
    k: int,
) -> pd.Series:
    n = mc.groupby("entity_id")["case"].nunique().rename("n")
    m = members[["entity_id", "network_id", "node"]].join(n, on="entity_id")
    m["n"] = m["n"].fillna(0).astype(np.int64)
    m["label"] = graph.node_values("label", m["node"].to_numpy())
    if roles is not None and len(roles):
        r = roles[roles["role"] != "hub"].sort_values(
            ["network_id", "entity_id", "score", "role"], ascending=[True, True, False, True]
        )
        best = r.drop_duplicates(["network_id", "entity_id"]).set_index("entity_id")["role"]
        m["role"] = best.reindex(m["entity_id"]).to_numpy()
    else:
        m["role"] = None
    m = m.sort_values(["network_id", "n", "entity_id"], ascending=[True, False, True])
    m = m[m.groupby("network_id").cumcount() < k]
    m["text"] = [
        f"{lab} ({role + ', ' if isinstance(role, str) else ''}{cnt} case{'s' if cnt != 1 else ''})"
        for lab, role, cnt in zip(m["label"], m["role"], m["n"], strict=True)
    ]
    return _lists(m["network_id"].to_numpy(), m["text"].tolist())
