"""Role scores of network members, each with a plain-language reason citing the cases."""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from netlink._db import connect
from netlink.errors import ParameterError
from netlink.extract import Extract
from netlink.graph import PARTY_EDGE_KINDS, Hubs, LinkGraph
from netlink.roles._features import (
    SOURCE_COUNTRIES,
    TRADING_HUBS,
    case_facts,
    member_cases,
    member_facts,
)

__all__ = ["ROLE_NAMES", "RoleSettings", "score_roles"]

#: Roles scored, upstream to downstream, then hubs. ``assembly_site`` is the downstream
#: site that puts labels and packaging on unbranded goods (pattern 5).
ROLE_NAMES: tuple[str, ...] = (
    "manufacturer",
    "front",
    "seller",
    "forwarder",
    "distributor",
    "assembly_site",
    "drop_point",
    "retail_buyer",
    "hub",
)

_COLUMNS = ["network_id", "entity_id", "role", "score", "reason", "rank", "record_ids"]


@dataclass(frozen=True)
class RoleSettings:
    """Which role rows are kept and how many ids a reason cites.

    Parameters
    ----------
    min_score
        Role rows scoring below this are dropped, except each member's best role and
        the manufacturer row of every sender (so that senders can be ranked).
    cite
        Case ids quoted in a reason before "and N more".
    assembly_days
        Labels and unbranded goods received at most this many days apart make an
        assembly site (pattern 5).
    max_hubs
        Hubs listed per network (those on most of its cases).

    Examples
    --------
    >>> RoleSettings().cite
    5
    """

    min_score: float = 0.15
    cite: int = 5
    assembly_days: int = 30
    max_hubs: int = 5

    def __post_init__(self) -> None:
        if not 0 <= self.min_score <= 1:
            raise ParameterError(f"min_score must be in [0, 1], got {self.min_score}")
        if self.cite < 1:
            raise ParameterError(f"cite must be at least 1, got {self.cite}")

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able values, as recorded in the case file."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def score_roles(
    extract: Extract,
    graph: LinkGraph,
    network_members: pd.DataFrame,
    hubs: Hubs | None = None,
    settings: RoleSettings | None = None,
) -> pd.DataFrame:
    """Score each network member for every role, with the reason and the records.

    Evidence (docs/networks.md): the side of the cases a party is on (sending,
    receiving, intermediary), what it ships (small parcels or bulk, labels and
    packaging, unbranded goods), where it sits (source countries, trading hubs), what it
    shares with other members (phones, e-mails, e-mail domains, addresses, tax ids,
    websites) and its name (industry, trading, store or logistics words).

    Parameters
    ----------
    extract
        The loaded extract (goods and party records).
    graph
        The link graph.
    network_members
        ``entity_id, network_id`` (``Networks.network_members``).
    hubs
        Hub decisions; hubs on a network's cases are listed with role ``hub``.
    settings
        See :class:`RoleSettings`.

    Returns
    -------
    pandas.DataFrame
        ``network_id, entity_id, role, score, reason`` (the case-file columns), then
        ``rank`` (1 = the member most likely to hold the role in its network) and
        ``record_ids`` (text: up to ten party records behind the score, comma-separated).
        Ordered by network, role, rank.

    Examples
    --------
    >>> from netlink.cluster import find_networks
    >>> from netlink.graph import build_graph, detect_hubs, exact_entities, project_parties
    >>> from netlink.graph._examples import tiny_extract
    >>> ex = tiny_extract()
    >>> g = build_graph(ex, *exact_entities(ex))
    >>> hubs = detect_hubs(g)
    >>> nets = find_networks(g, project_parties(g, hubs))
    >>> roles = score_roles(ex, g, nets.network_members, hubs)
    >>> top = roles[(roles.role == "manufacturer") & (roles["rank"] == 1)]
    >>> top.merge(g.nodes, left_on="entity_id", right_on="node_id")["label"].tolist()
    ['Trendy Store', 'Guangzhou Xinghui Leather Products Co., Ltd']
    """
    settings = settings or RoleSettings()
    hub_ids = hubs.node_ids if hubs is not None else frozenset()
    members = network_members[["entity_id", "network_id"]]
    if members.empty:
        return _empty()
    members = members.assign(node=graph.index_of(members["entity_id"].tolist()))
    cases = case_facts(extract, graph)
    mc = member_cases(graph, members)
    f = member_facts(extract, graph, members, mc, cases, hub_ids, cite=settings.cite)
    scores = _scores(f, settings)
    rows = _rows(f, scores, settings)
    rows["reason"] = _reasons(rows, f)
    rows["record_ids"] = _records(rows, f)
    if hubs is not None and len(hub_ids):
        hub_rows = _hub_rows(graph, members, hubs, cases, settings)
        rows = pd.concat([rows, hub_rows], ignore_index=True)
    rows["score"] = rows["score"].round(4)
    rows = rows.sort_values(
        ["network_id", "role", "score", "entity_id"],
        ascending=[True, True, False, True],
        kind="stable",
    )
    rows["rank"] = rows.groupby(["network_id", "role"]).cumcount().astype(np.int64) + 1
    order = {r: i for i, r in enumerate(ROLE_NAMES)}
    rows = rows.assign(_o=rows["role"].map(order)).sort_values(
        ["network_id", "_o", "rank"], kind="stable"
    )
    return rows[_COLUMNS].reset_index(drop=True)


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in _COLUMNS})


def _scores(f: pd.DataFrame, settings: RoleSettings) -> pd.DataFrame:
    n = f["n_cases"].clip(lower=1)
    send = f["n_send"] / n
    recv = f["n_receive"] / n
    mid = f["n_middle"] / n
    n_send = f["n_send"].clip(lower=1)
    n_recv = f["n_receive"].clip(lower=1)
    country = f["country"].fillna("")
    src_mfr = np.where(
        country.isin(SOURCE_COUNTRIES), 1.0, np.where(country.isin(TRADING_HUBS), 0.4, 0.0)
    )
    src_front = np.where(
        country.isin(TRADING_HUBS), 1.0, np.where(country.isin(SOURCE_COUNTRIES), 0.8, 0.0)
    )
    bulk_send = f["n_send_bulk"] / n_send
    parcel_send = f["n_send_parcel"] / n_send
    store_like = np.maximum.reduce(
        [
            f["store_name"].astype(float),
            f["has_webstore"].astype(float),
            (f["n_seller_role"] / n_send > 0.5).astype(float),
        ]
    )
    industry = np.where(
        f["industry_name"] & ~f["trading_name"], 1.0, np.where(f["industry_name"], 0.5, 0.0)
    )

    upstream = f["n_upstream"] / n
    top_up = f.groupby("network_id")["n_upstream"].transform("max").clip(lower=1)
    # Fronts converging on the producer: other senders on the shipments it is named on
    # or sends, and other senders sharing its phone, e-mail, domain or address.
    # A ring of stores shares contacts among itself; a producer is named behind others.
    named_behind = np.minimum(1.0, f["n_cosenders"] / 3)
    shares = np.minimum(1.0, f["n_linked_senders"] / 3)
    never_receives = 1 - recv

    s = pd.DataFrame(index=f.index)
    # Named as the producer on someone else's shipment: what a front or a store is not.
    named = np.minimum(1.0, f["n_named"] / 2)
    s["manufacturer"] = (
        upstream
        * (
            0.20 * named_behind
            + 0.15 * named
            + 0.10 * shares
            + 0.15 * f["n_upstream"] / top_up
            + 0.15 * src_mfr
            + 0.15 * industry
            + 0.10 * never_receives
        )
        * (1 - 0.5 * store_like)
        # A sender of parcels to consumers is a seller (ant trade), not a factory.
        * (1 - 0.4 * parcel_send)
    )
    # The front's link is to the network's best manufacturer candidate.
    top = s["manufacturer"].groupby(f["network_id"]).transform("max")
    is_top = (s["manufacturer"] >= top) & (s["manufacturer"] > 0)
    trading = np.where(f["trading_name"] | (country == "HK"), 1.0, 0.3)
    linked = np.where(f["n_linked_senders"] > 0, 1.0, 0.0)
    s["front"] = (
        send
        * (0.35 * linked + 0.2 * bulk_send + 0.2 * src_front + 0.25 * trading)
        * (1 - 0.5 * store_like)
        * np.where(is_top, 0.6, 1.0)
    )
    ring = ((f["n_linked_senders"] > 0) & (parcel_send > 0.5)).astype(float)
    s["seller"] = send * (
        0.35 * parcel_send
        + 0.25 * np.minimum(1.0, f["n_receivers"] / 10)
        + 0.25 * store_like
        + 0.15 * ring
    )
    s["forwarder"] = mid * (
        0.6 + 0.2 * f["logistics_name"] + 0.2 * np.minimum(1.0, f["n_master"] / 2)
    )
    bulk_recv = f["n_receive_bulk"] / n_recv
    parcel_recv = f["n_receive_parcel"] / n_recv
    # Wholesale: a distributor takes bulk; one that only ever gets parcels is not one.
    s["distributor"] = (
        recv
        * (
            0.45 * bulk_recv
            + 0.25 * np.minimum(1.0, f["n_receive"] / 4)
            + 0.15 * f["company_name"]
            + 0.15 * np.minimum(1.0, f["n_senders"] / 2)
        )
        * np.where(f["n_receive_bulk"] > 0, 1.0, 0.3)
    )
    both = f["assembly_gap_days"].fillna(np.inf) <= settings.assembly_days
    labels = f["n_receive_labels"] > 0
    unbranded = f["n_receive_unbranded"] > 0
    linked_recv = f["n_linked_receivers"] > 0
    s["assembly_site"] = recv * np.select(
        [both, labels & linked_recv, labels, unbranded & linked_recv],
        [1.0, 0.8, 0.6, 0.5],
        default=0.0,
    )
    many_addresses = (f["n_addresses"] >= 3).astype(float)
    s["drop_point"] = (
        recv
        * np.maximum(0.9 * np.minimum(1.0, f["n_linked_receivers"] / 2), 0.8 * many_addresses)
        * np.where(both | labels, 0.5, 1.0)
    )
    s["retail_buyer"] = (
        recv
        * parcel_recv
        * np.where(f["n_cases"] <= 2, 1.0, 0.6)
        * np.where(f["company_name"], 0.7, 1.0)
        * (1 - 0.6 * np.minimum(1.0, f["n_linked_receivers"] + (f["n_addresses"] >= 3)))
    )
    return s.clip(0.0, 1.0)


def _rows(f: pd.DataFrame, s: pd.DataFrame, settings: RoleSettings) -> pd.DataFrame:
    long = s.stack().rename("score").reset_index()
    long.columns = ["entity_id", "role", "score"]
    long["network_id"] = f["network_id"].reindex(long["entity_id"]).to_numpy()
    best = s.idxmax(axis=1)
    is_best = long["role"].to_numpy() == best.reindex(long["entity_id"]).to_numpy()
    sender = (f["n_send"] > 0).reindex(long["entity_id"]).to_numpy()
    keep = (
        (long["score"] >= settings.min_score)
        | (is_best & (long["score"] > 0))
        | ((long["role"] == "manufacturer") & sender)
    )
    return long[keep].reset_index(drop=True)


def _join(*parts: pd.Series) -> pd.Series:
    """Join text columns with "; ", skipping empty parts (vectorised)."""
    out = parts[0]
    for p in parts[1:]:
        sep = np.where((out != "") & (p != ""), "; ", "")
        out = out + sep + p
    return out


def _when(cond: pd.Series | np.ndarray, text: pd.Series | str, index: pd.Index) -> pd.Series:
    text = text if isinstance(text, pd.Series) else pd.Series(text, index=index)
    return text.where(np.asarray(cond, dtype=bool), "")


def _reasons(rows: pd.DataFrame, f: pd.DataFrame) -> np.ndarray:
    """The plain-language reason of each role row, citing the member's cases."""
    out = np.empty(len(rows), dtype=object)
    pos = f.index.get_indexer(rows["entity_id"].to_numpy())
    for role, idx in rows.groupby("role").indices.items():
        r = f.iloc[pos[idx]].reset_index(drop=True)
        ix = r.index

        def n(col: str, r: pd.DataFrame = r) -> pd.Series:
            return r[col].astype(str)

        country = _when(r["country"].notna(), " from " + r["country"].fillna(""), ix)
        if role in ("manufacturer", "front"):
            txt = _join(
                _when(
                    r["n_send"] > 0,
                    "sends on " + n("n_send") + " case(s) (" + r["cite_send"] + ")" + country,
                    ix,
                ),
                _when(
                    r["n_named"] > 0,
                    "named on " + n("n_named") + " shipment(s) (" + r["cite_named"] + ")",
                    ix,
                ),
                _when(
                    r["n_upstream"] == 0,
                    "on " + n("n_cases") + " case(s) (" + r["cite_any"] + ")" + country,
                    ix,
                ),
                _when(
                    r["n_cosenders"] > 0,
                    n("n_cosenders") + " other sender(s) of the network on its cases",
                    ix,
                ),
                _when(
                    r["n_linked_senders"] > 0,
                    "shares "
                    + r["shared_kinds"]
                    + " with "
                    + n("n_linked_senders")
                    + " other sender(s) of the network ("
                    + r["linked_senders"]
                    + ")",
                    ix,
                ),
                _when(r["n_send_bulk"] > 0, n("n_send_bulk") + " bulk shipment(s)", ix),
                _when(
                    (r["industry_name"] & ~r["trading_name"])
                    if role == "manufacturer"
                    else (r["trading_name"] | (r["country"] == "HK")),
                    "name of a producer"
                    if role == "manufacturer"
                    else "name or seat of a trading company",
                    ix,
                ),
            )
        elif role == "seller":
            txt = _join(
                "sends "
                + n("n_send_parcel")
                + " small parcel(s) ("
                + r["cite_send_parcel"]
                + ") to "
                + n("n_receivers")
                + " consignee(s)"
                + country,
                _when(r["store_name"] | r["has_webstore"], "store name or web store", ix),
                _when(
                    (r["n_linked_senders"] > 0) & (r["n_send_parcel"] > 0),
                    "shares " + r["shared_kinds"] + " with " + r["linked_senders"],
                    ix,
                ),
            )
        elif role == "forwarder":
            txt = _join(
                "forwarder, declarant or carrier on "
                + n("n_middle")
                + " case(s) ("
                + r["cite_middle"]
                + ")",
                _when(r["n_master"] > 0, n("n_master") + " under master documents", ix),
                _when(r["logistics_name"], "logistics name", ix),
            )
        elif role == "distributor":
            txt = _join(
                "receives "
                + n("n_receive")
                + " case(s) ("
                + r["cite_receive"]
                + ") from "
                + n("n_senders")
                + " sender(s) of the network"
                + country,
                _when(
                    r["n_receive_bulk"] > 0,
                    n("n_receive_bulk") + " of them bulk (" + r["cite_receive_bulk"] + ")",
                    ix,
                ),
            )
        elif role == "assembly_site":
            gap = r["assembly_gap_days"]
            txt = _join(
                "receives labels and packaging ("
                + r["cite_receive_labels"].where(r["cite_receive_labels"] != "", "none")
                + ")",
                _when(
                    r["n_receive_unbranded"] > 0,
                    "and unbranded goods (" + r["cite_receive_unbranded"] + ")",
                    ix,
                ),
                _when(gap.notna(), gap.fillna(0).astype(int).astype(str) + " day(s) apart", ix),
                _when(
                    r["n_linked_receivers"] > 0,
                    "shares " + r["shared_kinds"] + " with " + r["linked_receivers"],
                    ix,
                ),
            )
        elif role == "drop_point":
            txt = _join(
                "receives on " + n("n_receive") + " case(s) (" + r["cite_receive"] + ")",
                _when(
                    r["n_linked_receivers"] > 0,
                    "at a "
                    + r["shared_kinds"]
                    + " shared with "
                    + n("n_linked_receivers")
                    + " other consignee(s) ("
                    + r["linked_receivers"]
                    + ")",
                    ix,
                ),
                _when(r["n_addresses"] >= 3, "written at " + n("n_addresses") + " addresses", ix),
            )
        else:  # retail_buyer
            txt = (
                "receives "
                + n("n_receive_parcel")
                + " small parcel(s) ("
                + r["cite_receive_parcel"]
                + ")"
            )
        out[idx] = np.asarray(txt, dtype=object)
    return out


_SIDE_OF = {
    "manufacturer": "upstream",  # a producer may only be named on others' shipments
    "front": "send",
    "seller": "send",
    "forwarder": "middle",
    "distributor": "receive",
    "assembly_site": "receive",
    "drop_point": "receive",
    "retail_buyer": "receive",
}


def _records(rows: pd.DataFrame, f: pd.DataFrame) -> np.ndarray:
    """Up to ten party records of the member on the side the role is about (text)."""
    out = np.empty(len(rows), dtype=object)
    pos = f.index.get_indexer(rows["entity_id"].to_numpy())
    for role, idx in rows.groupby("role").indices.items():
        out[idx] = f[f"records_{_SIDE_OF[role]}"].to_numpy()[pos[idx]]
    return out


def _hub_rows(
    graph: LinkGraph,
    members: pd.DataFrame,
    hubs: Hubs,
    cases: pd.DataFrame,
    settings: RoleSettings,
) -> pd.DataFrame:
    """Hub parties on a network's cases, those on most of them first."""
    table = hubs.table[hubs.table["is_hub"] & (hubs.table["kind"] == "party")]
    if table.empty:
        return pd.DataFrame(columns=_COLUMNS)
    e = graph.edges
    role = graph.edge_mask(PARTY_EDGE_KINDS)
    src, dst = e["src"].to_numpy(), e["dst"].to_numpy()
    hub_node = graph.index_of(table["node_id"].tolist())
    member_node = members["node"].to_numpy()
    is_hub = np.zeros(graph.n_nodes, dtype=bool)
    is_hub[hub_node] = True
    net_of = np.full(graph.n_nodes, None, dtype=object)
    net_of[member_node] = members["network_id"].to_numpy()
    on_hub = np.flatnonzero(role & is_hub[src])
    by_member = np.flatnonzero(role & (net_of[src] != None))  # noqa: E711 (elementwise)
    rids = pa.chunked_array(e["record_ids"].array._pa_array).take(pa.array(on_hub))  # type: ignore[attr-defined]
    hub_cases = pd.DataFrame(
        {
            "hub": graph.node_values("node_id", src[on_hub]),
            "case": dst[on_hub],
            "rec": pc.list_element(rids, 0).to_numpy(zero_copy_only=False),
        }
    )
    net_cases = pd.DataFrame({"network_id": net_of[src[by_member]], "case": dst[by_member]})
    seizure = cases["seizure_id"]
    info = table.set_index("node_id")[["reason", "score"]].reset_index()
    with closing(connect()) as con:
        con.register("hc", hub_cases)
        con.register("nc", net_cases)
        con.register(
            "sz", pd.DataFrame({"case": seizure.index.to_numpy(), "sid": seizure.to_numpy()})
        )
        con.register("info", info)
        k, top = settings.cite, settings.max_hubs
        agg = con.execute(
            f"""
            WITH n AS (SELECT DISTINCT network_id, "case" FROM nc),
            tot AS (SELECT network_id, count(*) AS n_net FROM n GROUP BY network_id),
            on_net AS (
                SELECT n.network_id, hc.hub, min(hc.rec) AS rec, sz.sid
                FROM hc JOIN n USING ("case") JOIN sz USING ("case")
                GROUP BY n.network_id, hc.hub, sz.sid
            ),
            a AS (
                SELECT network_id, hub, count(*) AS k,
                       list_sort(list(sid)) AS ids, list_sort(list(rec)) AS recs
                FROM on_net GROUP BY network_id, hub
            )
            SELECT a.network_id, a.hub, a.k, tot.n_net, info.reason, info.score,
                   array_to_string(list_slice(a.ids, 1, {k}), ', ')
                   || CASE WHEN a.k > {k} THEN ' and ' || (a.k - {k})::VARCHAR || ' more'
                           ELSE '' END AS cited,
                   array_to_string(list_slice(a.recs, 1, 10), ', ') AS recs
            FROM a JOIN tot USING (network_id) JOIN info ON info.node_id = a.hub
            QUALIFY row_number() OVER (
                PARTITION BY a.network_id ORDER BY a.k DESC, a.hub) <= {top}
            ORDER BY a.network_id, a.k DESC, a.hub
            """
        ).df()
    if agg.empty:
        return pd.DataFrame(columns=_COLUMNS)
    reason = (
        "hub: "
        + agg["reason"]
        + "; on "
        + agg["k"].astype(str)
        + " of this network's "
        + agg["n_net"].astype(str)
        + " cases ("
        + agg["cited"]
        + ")"
    )
    return pd.DataFrame(
        {
            "network_id": agg["network_id"].to_numpy(),
            "entity_id": agg["hub"].to_numpy(),
            "role": "hub",
            "score": agg["score"].to_numpy(dtype=float),
            "reason": reason.to_numpy(),
            "rank": 0,
            "record_ids": agg["recs"].to_numpy(),
        }
    )
