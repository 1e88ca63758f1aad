"""Evidence about cases and network members, set-based in DuckDB, for profiles and roles."""

from __future__ import annotations

from contextlib import closing

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from netlink._db import connect
from netlink.contract import INTERMEDIARY_ROLES
from netlink.extract import Extract
from netlink.graph import ATTRIBUTE_EDGE_KINDS, ATTRIBUTE_WORDS, PARTY_EDGE_KINDS, LinkGraph, unique

__all__ = ["case_facts", "member_cases", "member_facts"]

#: Sending and receiving roles on a case (intermediaries: the contract's
#: ``INTERMEDIARY_ROLES``); ``other`` is its own side: a
#: party named on someone else's shipment (in practice mostly the producer, or the
#: marketplace behind a store).
SEND = ("consignor", "seller")
RECEIVE = ("consignee", "buyer", "notify")
NAMED = ("other",)

#: Countries whose factories the domain notes name as sources (OECD/EUIPO), and the
#: trading and transit hubs where fronts and forwarders sit.
SOURCE_COUNTRIES = ("CN", "TR", "IN", "VN", "PK", "BD", "TH", "ID", "MY", "KH", "EG", "MA")
TRADING_HUBS = ("HK", "SG", "AE", "MO", "TW")

LABELS_CATEGORY = "labels and packaging"
#: A parcel: a postal or express case of at most this many articles.
PARCEL_MAX_ITEMS = 10

# Name cues, matched on folded names (domain-notes.md, "How names and addresses vary").
_INDUSTRY = (
    r"\b(?:factory|manufactur\w*|industr\w*|products?|garments?|shoes?|footwear|leather|"
    r"toys?|electronic|watch(?:es)?|cosmetics?|packaging|printing|auto parts|bags?|"
    r"glasses|optical|apparel|textiles?|knitting|plastic|hardware|jewel\w*|accessories)\b"
)
_TRADING = (
    r"\b(?:trading|trade|imp\w* ?(?:&|and)? ?exp\w*|i e|e ?commerce|supply chain|"
    r"international|intl|global|hk|hong kong|sourcing)\b"
)
_STORE = r"\b(?:store|shop|boutique|outlet|official|mall|online|market|deals?|fashion)\b"
_LOGISTICS = (
    r"\b(?:logistics?|freight|shipping|cargo|forwarding|forwarder|express|transport|"
    r"courier|consolidat\w*|supply chain)\b"
)
#: A store page on a marketplace (a company's own website is no sign of a store).
_WEBSTORE = (
    r"(?:aliexpress|amazon|ebay|temu|wish|dhgate|shopee|lazada|etsy|alibaba|taobao|tmall|"
    r"shein|allegro|cdiscount|rakuten|joom|mercadolibre|walmart)\.|/store|/shop|seller=|"
    r"/str/|merchant"
)
_COMPANY = (
    r"\b(?:co|ltd|limited|gmbh|s ?r ?l|sarl|b ?v|sp z o ?o|ltd sti|corp|inc|llc|ag|sa|"
    r"spa|srl|bv|nv|oy|ab|as|kft|sro|company)\b"
)


#: Evidence categories a reason cites cases of.
CITE_CATEGORIES = (
    "send",
    "named",
    "middle",
    "receive",
    "any",
    "send_parcel",
    "receive_parcel",
    "receive_bulk",
    "receive_labels",
    "receive_unbranded",
)


def _fold(s: pd.Series) -> pd.Series:
    return s.astype("string").fillna("").str.lower().str.replace(r"[^\w&]+", " ", regex=True)


def case_facts(extract: Extract, graph: LinkGraph) -> pd.DataFrame:
    """One row per case node: what it carried and how.

    Columns: ``node, seizure_id, date, transport_mode, items, value_eur, origin_country,
    destination_country, reporting_country, customs_office, parcel`` (postal or express,
    at most :data:`PARCEL_MAX_ITEMS` articles), ``labels`` (a labels-and-packaging
    line), ``unbranded`` (goods lines, none with a brand, other than labels); indexed by
    node.
    """
    cases = graph.cases.copy()
    items = cases["items"].fillna(1).to_numpy()
    cases["parcel"] = cases["transport_mode"].isin(["postal", "express"]).to_numpy() & (
        items <= PARCEL_MAX_ITEMS
    )
    with closing(connect()) as con:
        con.register("g", extract.goods[["seizure_id", "category", "brand"]])
        per = con.execute(
            f"""
            SELECT seizure_id,
                   bool_or(lower(category) = '{LABELS_CATEGORY}') AS labels,
                   bool_or(coalesce(lower(category), '') <> '{LABELS_CATEGORY}')
                     AND NOT bool_or(coalesce(lower(category), '') <> '{LABELS_CATEGORY}'
                                     AND brand IS NOT NULL) AS unbranded
            FROM g GROUP BY seizure_id
            """
        ).df()
    per = per.set_index("seizure_id")
    cases = cases.join(per, on="seizure_id")
    cases["labels"] = cases["labels"].fillna(False).astype(bool)
    cases["unbranded"] = cases["unbranded"].fillna(False).astype(bool)
    return cases.set_index("node", drop=False)


def member_cases(graph: LinkGraph, members: pd.DataFrame) -> pd.DataFrame:
    """Every (member, case, role) of network members, with the first record behind it.

    Parameters
    ----------
    members
        ``entity_id, network_id, node`` rows (``node``: the entity's node index).

    Returns
    -------
    pandas.DataFrame
        ``entity_id, network_id, node`` (the member's node), ``case`` (case node),
        ``role``, ``side`` (send / receive / middle / named), ``record_id``.
    """
    e = graph.edges
    node = members["node"].to_numpy()
    net_of = np.full(graph.n_nodes, None, dtype=object)
    net_of[node] = members["network_id"].to_numpy()
    src = e["src"].to_numpy()
    is_member = np.zeros(graph.n_nodes, dtype=bool)
    is_member[node] = True
    sel = np.flatnonzero(graph.edge_mask(PARTY_EDGE_KINDS) & is_member[src])
    rids = pa.chunked_array(e["record_ids"].array._pa_array).take(pa.array(sel))  # type: ignore[attr-defined]
    kind = graph.edge_kinds(sel)
    side = np.select(
        [np.isin(kind, SEND), np.isin(kind, RECEIVE), np.isin(kind, INTERMEDIARY_ROLES)],
        ["send", "receive", "middle"],
        default="named",
    )
    return pd.DataFrame(
        {
            "entity_id": graph.node_values("node_id", src[sel]),
            "network_id": net_of[src[sel]],
            "node": src[sel],
            "case": e["dst"].to_numpy()[sel],
            "role": kind,
            "side": side,
            "record_id": pc.list_element(rids, 0).to_numpy(zero_copy_only=False),
        }
    )


def member_facts(
    extract: Extract,
    graph: LinkGraph,
    members: pd.DataFrame,
    mc: pd.DataFrame,
    cases: pd.DataFrame,
    hub_ids: frozenset[str],
    *,
    cite: int = 5,
) -> pd.DataFrame:
    """Per network member: counts by side and shipment kind, country, links, name cues.

    Also the text the reasons quote: ``cite_<category>`` ("S1, S2, S3 and 4 more") for
    each of :data:`CITE_CATEGORIES`, ``records_<side>`` (up to ten record ids, text),
    and
    ``linked_senders`` / ``linked_receivers`` (up to three names of other members
    sharing an address or identifier with it) with ``shared_kinds``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``entity_id``.
    """
    c = cases.loc[mc["case"].to_numpy()]
    m = mc.assign(
        seizure_id=c["seizure_id"].to_numpy(),
        date=c["date"].to_numpy(),
        parcel=c["parcel"].to_numpy(),
        labels=c["labels"].to_numpy(),
        unbranded=c["unbranded"].to_numpy(),
    )
    attrs = _member_attributes(graph, members, hub_ids)
    master_cases = pd.DataFrame(
        {"case": unique(graph.edges["src"].to_numpy()[graph.edge_mask(["under_master"])])}
    )
    with closing(connect()) as con:
        con.register("m", m)
        con.register("mem", members[["entity_id", "network_id"]])
        con.register("rec", extract.parties[["record_id", "country"]])
        con.register("att", attrs)
        con.register("mst", master_cases)
        f = con.execute(_FACTS_SQL).df()
        cites = con.execute(_CITES_SQL.format(k=cite)).df()
        cites.columns = ["entity_id", *(f"cite_{c}" for c in cites.columns[1:])]
        records = con.execute(_RECORDS_SQL).df()
        records.columns = ["entity_id", *(f"records_{c}" for c in records.columns[1:])]
        links = con.execute(_LINKS_SQL).df()
    f = f.set_index("entity_id")
    for frame in (cites, records, links):
        f = f.join(frame.set_index("entity_id"))
    for col in f.columns:
        if col.startswith("n_"):
            f[col] = f[col].fillna(0).astype(np.int64)
    for col in [c for c in f.columns if c.startswith(("cite_", "linked_", "shared_", "records_"))]:
        f[col] = f[col].fillna("").astype(str)
    f = f.reindex(members["entity_id"].to_numpy())
    f["network_id"] = members["network_id"].to_numpy()

    labels = pd.Series(graph.node_values("label", members["node"].to_numpy()), index=f.index)
    name = _fold(labels)
    f["label"] = labels.to_numpy()
    f["store_name"] = name.str.contains(_STORE, regex=True).to_numpy()
    # A store named after what it sells ("Smart Watch Store") is no producer.
    f["industry_name"] = name.str.contains(_INDUSTRY, regex=True).to_numpy() & ~f["store_name"]
    f["trading_name"] = name.str.contains(_TRADING, regex=True).to_numpy()
    f["logistics_name"] = name.str.contains(_LOGISTICS, regex=True).to_numpy()
    f["company_name"] = name.str.contains(_COMPANY, regex=True).to_numpy() | f["industry_name"]
    web = attrs[attrs["kind"] == "uses_website"]
    is_store = web["label"].astype("string").str.lower().str.contains(_WEBSTORE, regex=True)
    store_pages = web[is_store.fillna(False).to_numpy(dtype=bool)]
    f["has_webstore"] = f.index.isin(store_pages["entity_id"])
    return f


def _member_attributes(
    graph: LinkGraph, members: pd.DataFrame, hub_ids: frozenset[str]
) -> pd.DataFrame:
    """(member, attribute) rows with the attribute's kind and label; hubs left out."""
    e = graph.edges
    node = members["node"].to_numpy()
    is_member = np.zeros(graph.n_nodes, dtype=bool)
    is_member[node] = True
    is_hub = np.zeros(graph.n_nodes, dtype=bool)
    if hub_ids:
        idx = graph.positions(sorted(hub_ids))
        is_hub[idx[idx >= 0]] = True
    src, dst = e["src"].to_numpy(), e["dst"].to_numpy()
    sel = np.flatnonzero(
        graph.edge_mask(list(ATTRIBUTE_EDGE_KINDS.values())) & is_member[src] & ~is_hub[dst]
    )
    kind = graph.edge_kinds(sel)
    net_of = pd.Series(members["network_id"].to_numpy(), index=node)
    return pd.DataFrame(
        {
            "entity_id": graph.node_values("node_id", src[sel]),
            "network_id": net_of.reindex(src[sel]).to_numpy(),
            "attr": dst[sel],
            "kind": kind,
            "word": pd.Series(kind).map(ATTRIBUTE_WORDS).to_numpy(),
            "label": graph.node_values("label", dst[sel]),
            "member_label": graph.node_values("label", src[sel]),
        }
    )


_FACTS_SQL = """
WITH ecs AS (
    SELECT entity_id, network_id, "case", side, any_value(parcel) AS parcel,
           any_value(labels) AS labels, any_value(unbranded) AS unbranded,
           any_value(date) AS date, bool_or(role = 'seller') AS as_seller
    FROM m GROUP BY entity_id, network_id, "case", side
),
ec AS (
    SELECT entity_id, "case", bool_or(side IN ('send', 'named')) AS upstream,
           bool_or(as_seller) AS as_seller,
           bool_or(side = 'middle' AND "case" IN (SELECT "case" FROM mst)) AS mastered
    FROM ecs GROUP BY entity_id, "case"
),
c1 AS (
    SELECT entity_id, count(*) AS n_cases, count(*) FILTER (WHERE upstream) AS n_upstream,
           count(*) FILTER (WHERE as_seller) AS n_seller_role,
           count(*) FILTER (WHERE mastered) AS n_master
    FROM ec GROUP BY entity_id
),
c2 AS (
    SELECT entity_id,
        count(*) FILTER (WHERE side = 'send') AS n_send,
        count(*) FILTER (WHERE side = 'receive') AS n_receive,
        count(*) FILTER (WHERE side = 'middle') AS n_middle,
        count(*) FILTER (WHERE side = 'named') AS n_named,
        count(*) FILTER (WHERE side = 'send' AND parcel) AS n_send_parcel,
        count(*) FILTER (WHERE side = 'send' AND NOT parcel) AS n_send_bulk,
        count(*) FILTER (WHERE side = 'receive' AND parcel) AS n_receive_parcel,
        count(*) FILTER (WHERE side = 'receive' AND NOT parcel) AS n_receive_bulk,
        count(*) FILTER (WHERE side = 'receive' AND labels) AS n_receive_labels,
        count(*) FILTER (WHERE side = 'receive' AND unbranded) AS n_receive_unbranded
    FROM ecs GROUP BY entity_id
),
pairs AS (
    SELECT DISTINCT a.entity_id, a.side AS my_side, b.entity_id AS other, b.side AS their_side
    FROM ecs a JOIN ecs b ON a."case" = b."case" AND a.network_id = b.network_id
    WHERE a.entity_id <> b.entity_id
),
cp AS (
    SELECT entity_id,
        count(DISTINCT other) FILTER (WHERE my_side = 'send' AND their_side = 'receive')
            AS n_receivers,
        count(DISTINCT other) FILTER (WHERE my_side = 'receive' AND their_side = 'send')
            AS n_senders,
        count(DISTINCT other) FILTER (WHERE my_side IN ('send', 'named') AND their_side = 'send')
            AS n_cosenders
    FROM pairs GROUP BY entity_id
),
gap AS (
    SELECT l.entity_id, min(abs(date_diff('day', l.date, u.date))) AS assembly_gap_days
    FROM (SELECT entity_id, date FROM ecs WHERE side = 'receive' AND labels) l
    JOIN (SELECT entity_id, date FROM ecs WHERE side = 'receive' AND unbranded) u
      USING (entity_id)
    GROUP BY l.entity_id
),
ctry AS (
    SELECT entity_id, country FROM (
        SELECT m.entity_id, r.country, count(*) AS k
        FROM m JOIN rec r USING (record_id) WHERE r.country IS NOT NULL
        GROUP BY m.entity_id, r.country
    ) QUALIFY row_number() OVER (PARTITION BY entity_id ORDER BY k DESC, country) = 1
),
addr AS (
    SELECT entity_id, count(DISTINCT attr) AS n_addresses
    FROM att WHERE kind = 'located_at' GROUP BY entity_id
)
SELECT c1.*, c2.* EXCLUDE (entity_id), coalesce(cp.n_receivers, 0) AS n_receivers,
       coalesce(cp.n_senders, 0) AS n_senders, coalesce(cp.n_cosenders, 0) AS n_cosenders,
       gap.assembly_gap_days::DOUBLE AS assembly_gap_days, ctry.country,
       coalesce(addr.n_addresses, 0) AS n_addresses
FROM c1 JOIN c2 USING (entity_id)
LEFT JOIN cp USING (entity_id) LEFT JOIN gap USING (entity_id)
LEFT JOIN ctry USING (entity_id) LEFT JOIN addr USING (entity_id)
"""

# The first k case ids of each evidence category, by date then id, and how many more.
_CITES_SQL = """
WITH d AS (SELECT DISTINCT entity_id, seizure_id, date, side, parcel, labels, unbranded FROM m),
cat AS (
    SELECT entity_id, seizure_id, date, side AS c FROM d
    UNION ALL SELECT entity_id, seizure_id, date, 'any' FROM d
    UNION ALL SELECT entity_id, seizure_id, date, 'send_parcel' FROM d WHERE side = 'send' AND parcel
    UNION ALL SELECT entity_id, seizure_id, date, 'receive_parcel' FROM d WHERE side = 'receive' AND parcel
    UNION ALL SELECT entity_id, seizure_id, date, 'receive_bulk' FROM d WHERE side = 'receive' AND NOT parcel
    UNION ALL SELECT entity_id, seizure_id, date, 'receive_labels' FROM d WHERE side = 'receive' AND labels
    UNION ALL SELECT entity_id, seizure_id, date, 'receive_unbranded' FROM d WHERE side = 'receive' AND unbranded
),
u AS (SELECT DISTINCT entity_id, c, seizure_id, date FROM cat),
agg AS (
    SELECT entity_id, c,
        array_to_string(list_transform(
            list_slice(list_sort(list(struct_pack(d := date, s := seizure_id))), 1, {k}),
            lambda x: x.s), ', ')
        || CASE WHEN count(*) > {k} THEN ' and ' || (count(*) - {k})::VARCHAR || ' more'
                ELSE '' END AS txt
    FROM u GROUP BY entity_id, c
)
PIVOT agg ON c IN ('send', 'named', 'middle', 'receive', 'any', 'send_parcel',
                   'receive_parcel', 'receive_bulk', 'receive_labels', 'receive_unbranded')
USING first(txt) GROUP BY entity_id
"""

_RECORDS_SQL = """
WITH agg AS (
    SELECT entity_id, side, list_slice(list_sort(list(DISTINCT record_id)), 1, 10) AS r
    FROM m GROUP BY entity_id, side
),
up AS (
    SELECT entity_id, 'upstream' AS side,
           list_slice(list_sort(list(DISTINCT record_id)), 1, 10) AS r
    FROM m WHERE side IN ('send', 'named') GROUP BY entity_id
),
txt AS (
    SELECT entity_id, side, array_to_string(r, ', ') AS r FROM agg
    UNION ALL SELECT entity_id, side, array_to_string(r, ', ') FROM up
)
PIVOT txt ON side IN ('send', 'receive', 'middle', 'named', 'upstream') USING first(r)
GROUP BY entity_id
"""

# Other members of the same network sharing a (non-hub) address or identifier.
_LINKS_SQL = """
WITH p AS (
    SELECT a.entity_id, a.word, b.entity_id AS other, b.member_label AS other_label
    FROM att a JOIN att b ON a.attr = b.attr AND a.network_id = b.network_id
    WHERE a.entity_id <> b.entity_id
),
sides AS (SELECT entity_id, bool_or(side = 'send') AS s, bool_or(side = 'receive') AS r
          FROM m GROUP BY entity_id),
q AS (SELECT p.*, sides.s AS o_send, sides.r AS o_recv
      FROM p JOIN sides ON sides.entity_id = p.other),
names AS (
    SELECT entity_id, o_send, o_recv, other, min(other_label) AS other_label
    FROM q GROUP BY ALL
),
kinds AS (
    SELECT entity_id, array_to_string(list_sort(list_distinct(list(word))), '/') AS shared_kinds
    FROM p GROUP BY entity_id
)
SELECT names.entity_id,
    count(DISTINCT other) FILTER (WHERE o_send) AS n_linked_senders,
    count(DISTINCT other) FILTER (WHERE o_recv) AS n_linked_receivers,
    array_to_string(list_slice(list_sort(list(other_label) FILTER (WHERE o_send)), 1, 3), ', ')
      || CASE WHEN count(*) FILTER (WHERE o_send) > 3
              THEN ' and ' || (count(*) FILTER (WHERE o_send) - 3)::VARCHAR || ' more' ELSE '' END
      AS linked_senders,
    array_to_string(list_slice(list_sort(list(other_label) FILTER (WHERE o_recv)), 1, 3), ', ')
      || CASE WHEN count(*) FILTER (WHERE o_recv) > 3
              THEN ' and ' || (count(*) FILTER (WHERE o_recv) - 3)::VARCHAR || ' more' ELSE '' END
      AS linked_receivers,
    any_value(kinds.shared_kinds) AS shared_kinds
FROM names JOIN kinds USING (entity_id) GROUP BY names.entity_id
"""
