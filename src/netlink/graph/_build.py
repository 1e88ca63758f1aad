"""Build the typed link graph from an extract and resolved entities, set-based in DuckDB."""

from __future__ import annotations

import tempfile
from contextlib import closing

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from netlink._db import connect
from netlink.contract import ROLES
from netlink.errors import ParameterError, ProvenanceError, UnknownEntityError
from netlink.extract import Extract
from netlink.graph._model import (
    ATTRIBUTE_EDGE_KINDS,
    EDGE_KINDS,
    NODE_KINDS,
    GraphSettings,
    LinkGraph,
    case_facts,
    check_provenance,
)

__all__ = ["build_graph"]

#: DuckDB's memory for the staging tables; beyond it they spill to a temporary folder.
#: A million cases' staging tables take about 2.5 GB on top of the extract unbounded,
#: 1.6 GB with this limit at about 5 s more; 1 GB spills so much it doubles the time.
WORK_MEMORY = "2GB"

_ENTITY_KINDS = ("party", "address", "identifier")
_ATTRIBUTE_FIELDS = ("address", "phone", "email", "tax_id", "website")


def build_graph(
    extract: Extract,
    entities: pd.DataFrame,
    entity_members: pd.DataFrame,
    attribute_members: pd.DataFrame,
    settings: GraphSettings | None = None,
) -> LinkGraph:
    """Build the typed link graph with the records behind every edge.

    Nodes are the resolved entities (ids as given), seizures ``S:<seizure_id>``, places
    ``PL:<code or name, upper-case>`` (a country alone is the place ``PL:<alpha-2>``),
    brands ``B:<brand, lower-case>``, master documents ``M:<number>`` and e-mail domains
    ``D:<domain>``. Edges: party to seizure by role; party to address and identifier
    (``located_at``, ``uses_phone``, ``uses_email``, ``has_tax_id``, ``uses_website``,
    ``uses_domain``); seizure to brand (``infringes``), to master document
    (``under_master``) and to places (``origin``, ``transit``, ``entry``,
    ``destination`` from the route legs; for a seizure without legs,
    ``origin_country`` and ``destination_country`` from the seizure row); place to place
    (``leg``). Record ids are ``parties.record_id``, ``<seizure_id>/<line_no>`` for
    goods, ``<seizure_id>/<seq>`` for legs and the seizure id for facts of the seizure
    row; each edge's list is sorted.

    Parameters
    ----------
    extract
        The loaded extract.
    entities
        ``entity_id, kind, canonical_name`` and optionally ``subtype``: parties,
        addresses, identifiers.
    entity_members
        ``record_id, entity_id``: every loaded ``parties.record_id`` exactly once.
    attribute_members
        ``record_id, entity_id, field``: a party record's address (field ``address``)
        and identifiers (``phone``, ``email``, ``tax_id``, ``website``).
    settings
        How the graph is built.

    Returns
    -------
    LinkGraph

    Raises
    ------
    ProvenanceError
        A party record has no entity or several, or an edge would have no record ids.
    UnknownEntityError
        A member row names an entity that ``entities`` does not hold.
    ParameterError
        A frame lacks a column, an entity has an unknown kind or a reserved id, or an
        attribute row has an unknown field.

    Examples
    --------
    >>> from netlink.graph import build_graph, exact_entities
    >>> from netlink.graph._examples import tiny_extract
    >>> ex = tiny_extract()
    >>> g = build_graph(ex, *exact_entities(ex))
    >>> sorted(g.nodes["kind"].unique())
    ['address', 'brand', 'identifier', 'party', 'place', 'seizure']
    >>> phone = g.nodes.loc[g.nodes["label"] == "+86 138 0013 8000", "node_id"].iloc[0]
    >>> e = g.edges[g.edges["target"] == phone]
    >>> sorted(list(r) for r in e["record_ids"]), e["kind"].astype(str).tolist()
    ([['R1'], ['R4']], ['uses_phone', 'uses_phone'])
    """
    settings = settings or GraphSettings()
    _require(entities, "entities", ("entity_id", "kind", "canonical_name"))
    _require(entity_members, "entity_members", ("record_id", "entity_id"))
    _require(attribute_members, "attribute_members", ("record_id", "entity_id", "field"))
    ents = entities[
        ["entity_id", "kind", "canonical_name", *(["subtype"] if "subtype" in entities else [])]
    ]
    frames = {
        "ent_df": ents,
        "em_df": entity_members[["record_id", "entity_id"]],
        "am_df": attribute_members[["record_id", "entity_id", "field"]],
        "parties_df": extract.parties[["record_id", "seizure_id", "role", "email"]],
        "seizures_df": extract.seizures[
            [
                "seizure_id",
                "seizure_date",
                "reporting_country",
                "master_doc_no",
                "origin_country",
                "destination_country",
            ]
        ],
        "goods_df": extract.goods[["seizure_id", "line_no", "brand"]],
        "legs_df": extract.legs[
            ["seizure_id", "seq", "from_place", "from_country", "to_place", "to_country"]
        ],
        "free_df": pd.DataFrame({"domain": list(settings.free_mail_domains)}, dtype=object),
    }
    with (
        tempfile.TemporaryDirectory(prefix="netlink-graph-") as spill,
        closing(connect(config={"memory_limit": WORK_MEMORY, "temp_directory": spill})) as con,
    ):
        for name, df in frames.items():
            con.register(name, df)
        _types(con)
        _entities(con, "subtype" in entities.columns)
        _stage_records(con)
        _stage_nodes(con, settings)
        _stage_edges(con, settings)
        # The staging tables are done with once the edges are grouped: free them before
        # the results are fetched (each is a few hundred MB at a million cases).
        for name in ("er", "pr", "ar", "dm", "lg", "noleg", "si"):
            con.execute(f"DROP TABLE {name}")
        edges = _fetch(
            con,
            """
            SELECT src, dst, kind, n_records::DOUBLE AS weight, record_ids,
                   n_records, first_seen, last_seen
            FROM e ORDER BY src, dst, kind
            """,
        )
        nodes = _fetch(con, _NODES_SQL)
        case_node = con.execute(
            "SELECT seizure_id, idx FROM ni JOIN sz ON ni.node_id = 'S:' || sz.seizure_id"
        ).df()
    ids = pa.array(nodes["node_id"].astype(object).to_numpy(), pa.string())
    src, dst = edges["src"].to_numpy(), edges["dst"].to_numpy()
    edges.insert(0, "source", _strings(ids, src))
    edges.insert(1, "target", _strings(ids, dst))
    edges = edges[
        [
            "source",
            "target",
            "kind",
            "weight",
            "record_ids",
            "n_records",
            "first_seen",
            "last_seen",
            "src",
            "dst",
        ]
    ]
    for frame in (nodes, edges):
        frame["first_seen"] = _to_datetime(frame["first_seen"])
        frame["last_seen"] = _to_datetime(frame["last_seen"])
    check_provenance(edges)
    cases = _cases(extract.seizures, case_node)
    return LinkGraph(nodes=nodes, edges=edges, cases=cases, settings=settings)


def _require(df: pd.DataFrame, name: str, cols: tuple[str, ...]) -> None:
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise ParameterError(f"{name} lacks columns {missing}; it needs {', '.join(cols)}")


def _types(con: duckdb.DuckDBPyConnection) -> None:
    # Enums: the kinds arrive in pandas as categoricals, compared by code downstream.
    node_kinds = ", ".join(f"'{k}'" for k in NODE_KINDS)
    edge_kinds = ", ".join(f"'{k}'" for k in EDGE_KINDS)
    con.execute(f"CREATE TYPE node_kind AS ENUM ({node_kinds})")
    con.execute(f"CREATE TYPE edge_kind AS ENUM ({edge_kinds})")


def _first(con: duckdb.DuckDBPyConnection, sql: str) -> tuple | None:
    return con.execute(sql).fetchone()


def _entities(con: duckdb.DuckDBPyConnection, has_subtype: bool) -> None:
    sub = "nullif(CAST(subtype AS VARCHAR), '')" if has_subtype else "NULL::VARCHAR"
    con.execute(
        f"""
        CREATE TEMP TABLE ent AS
        SELECT CAST(entity_id AS VARCHAR) AS entity_id, CAST(kind AS VARCHAR) AS kind,
               CAST(canonical_name AS VARCHAR) AS label, {sub} AS subtype
        FROM ent_df
        """
    )
    kinds = ", ".join(f"'{k}'" for k in _ENTITY_KINDS)
    bad = _first(con, f"SELECT kind FROM ent WHERE kind NOT IN ({kinds}) OR kind IS NULL LIMIT 1")
    if bad:
        raise ParameterError(
            f"entities have unknown kind {bad[0]!r}; expected party, address, identifier"
        )
    dup = _first(con, "SELECT entity_id FROM ent GROUP BY 1 HAVING count(*) > 1 LIMIT 1")
    if dup:
        raise ParameterError(f"entity id {dup[0]!r} occurs more than once in entities")
    clash = _first(
        con, "SELECT entity_id FROM ent WHERE regexp_matches(entity_id, '^(S|PL|B|M|D):') LIMIT 1"
    )
    if clash:
        raise ParameterError(
            f"entity id {clash[0]!r} uses a prefix reserved for seizure, place, brand, "
            "master document or domain nodes"
        )
    fields = ", ".join(f"'{f}'" for f in _ATTRIBUTE_FIELDS)
    bad = _first(con, f"SELECT field FROM am_df WHERE field NOT IN ({fields}) LIMIT 1")
    if bad:
        raise ParameterError(
            f"attribute_members has unknown field {bad[0]!r}; "
            f"expected {', '.join(_ATTRIBUTE_FIELDS)}"
        )


def _stage_records(con: duckdb.DuckDBPyConnection) -> None:
    """Party records with their entity; every record must have exactly one."""
    con.execute(
        """
        CREATE TEMP TABLE sz AS
        SELECT seizure_id, CAST(seizure_date AS DATE) AS d, reporting_country,
               nullif(upper(regexp_replace(master_doc_no, '[\\s\\-/.]', '', 'g')), '') AS master,
               master_doc_no, origin_country, destination_country
        FROM seizures_df
        """
    )
    con.execute(
        """
        CREATE TEMP TABLE pr AS
        SELECT p.record_id, p.seizure_id, p.role, lower(trim(p.email)) AS email,
               em.entity_id AS party, sz.d
        FROM parties_df p LEFT JOIN em_df em USING (record_id) JOIN sz USING (seizure_id)
        """
    )
    missing, extra = con.execute(
        "SELECT count(*) FILTER (WHERE party IS NULL), count(*) - count(DISTINCT record_id) FROM pr"
    ).fetchone() or (0, 0)
    if missing:
        first = con.execute(
            "SELECT record_id FROM pr WHERE party IS NULL ORDER BY record_id LIMIT 3"
        ).fetchall()
        raise ProvenanceError(
            f"{missing} party record(s) have no entity in entity_members, first "
            f"{', '.join(r[0] for r in first)}; every party record needs exactly one"
        )
    if extra:
        dup = _first(con, "SELECT record_id FROM pr GROUP BY 1 HAVING count(*) > 1 LIMIT 1")
        raise ProvenanceError(
            f"party record {dup[0] if dup else '?'} belongs to more than one entity"
        )
    unknown = _first(
        con,
        "SELECT party FROM (SELECT DISTINCT party FROM pr) "
        "WHERE party NOT IN (SELECT entity_id FROM ent WHERE kind = 'party') ORDER BY 1 LIMIT 1",
    )
    if unknown:
        raise UnknownEntityError(
            f"entity_members names entity {unknown[0]!r}, which is not a party entity in entities"
        )
    con.execute(
        """
        CREATE TEMP TABLE ar AS
        SELECT DISTINCT pr.record_id, pr.party, pr.d, am.entity_id AS attr, am.field
        FROM am_df am JOIN pr USING (record_id)
        """
    )
    unknown = _first(
        con,
        "SELECT attr FROM (SELECT DISTINCT attr FROM ar) WHERE attr NOT IN "
        "(SELECT entity_id FROM ent WHERE kind IN ('address', 'identifier')) ORDER BY 1 LIMIT 1",
    )
    if unknown:
        raise UnknownEntityError(
            f"attribute_members names entity {unknown[0]!r}, which is not an address or "
            "identifier entity in entities"
        )


def _stage_nodes(con: duckdb.DuckDBPyConnection, settings: GraphSettings) -> None:
    """Every node with its index (node ids in sorted order)."""
    # Route legs: each leg's places as node ids, with the leg's position on its route.
    con.execute(
        """
        CREATE TEMP TABLE lg AS
        SELECT l.seizure_id, l.seq, l.seizure_id || '/' || l.seq::VARCHAR AS rid, sz.d,
               CASE WHEN l.from_place IS NOT NULL THEN 'PL:' || upper(l.from_place)
                    WHEN l.from_country IS NOT NULL THEN 'PL:' || l.from_country END AS fp,
               coalesce(l.from_place, l.from_country) AS fpl,
               CASE WHEN l.from_place IS NOT NULL THEN 'place' ELSE 'country' END AS fpk,
               CASE WHEN l.to_place IS NOT NULL THEN 'PL:' || upper(l.to_place)
                    WHEN l.to_country IS NOT NULL THEN 'PL:' || l.to_country END AS tp,
               coalesce(l.to_place, l.to_country) AS tpl,
               CASE WHEN l.to_place IS NOT NULL THEN 'place' ELSE 'country' END AS tpk,
               l.to_country = sz.reporting_country AS into_reporting,
               min(l.seq) OVER w AS first_seq, max(l.seq) OVER w AS last_seq
        FROM legs_df l JOIN sz USING (seizure_id)
        WINDOW w AS (PARTITION BY l.seizure_id)
        """
    )
    # Country places stand in for a route only where a seizure has no legs.
    con.execute(
        """
        CREATE TEMP TABLE noleg AS
        SELECT * FROM sz WHERE seizure_id NOT IN (SELECT seizure_id FROM legs_df)
        """
    )
    domains = (
        """
        CREATE TEMP TABLE dm AS
        SELECT party, record_id, d, split_part(email, '@', 2) AS dom FROM pr
        WHERE email LIKE '%_@_%._%' AND email NOT LIKE '%@%@%'
          AND split_part(email, '@', 2) NOT IN (SELECT domain FROM free_df)
          AND NOT regexp_matches(split_part(email, '@', 2), '\\s')
        """
        if settings.email_domains
        else "CREATE TEMP TABLE dm AS SELECT NULL::VARCHAR AS party, NULL::VARCHAR AS record_id, "
        "NULL::DATE AS d, NULL::VARCHAR AS dom WHERE false"
    )
    con.execute(domains)
    countries = (
        """
        UNION ALL SELECT 'PL:' || origin_country, 'place', origin_country, 'country'
        FROM noleg WHERE origin_country IS NOT NULL
        UNION ALL SELECT 'PL:' || destination_country, 'place', destination_country, 'country'
        FROM noleg WHERE destination_country IS NOT NULL
        """
        if settings.country_places
        else ""
    )
    con.execute(
        f"""
        CREATE TEMP TABLE ni AS
        WITH nd AS (
            SELECT entity_id AS node_id, kind, label, subtype FROM ent
            UNION ALL SELECT 'S:' || seizure_id, 'seizure', seizure_id, NULL FROM sz
            UNION ALL SELECT 'B:' || lower(brand), 'brand', brand, NULL
            FROM goods_df WHERE brand IS NOT NULL
            UNION ALL SELECT 'M:' || master, 'master', master_doc_no, NULL
            FROM sz WHERE master IS NOT NULL
            UNION ALL SELECT 'D:' || dom, 'domain', dom, NULL FROM dm
            UNION ALL SELECT fp, 'place', fpl, fpk FROM lg WHERE fp IS NOT NULL
            UNION ALL SELECT tp, 'place', tpl, tpk FROM lg WHERE tp IS NOT NULL
            {countries}
        ), u AS (
            SELECT node_id, min(kind) AS kind, min(label) AS label, min(subtype) AS subtype
            FROM nd GROUP BY node_id
        )
        SELECT node_id, kind::node_kind AS kind, label, subtype,
               (row_number() OVER (ORDER BY node_id) - 1)::INTEGER AS idx
        FROM u
        """
    )


def _stage_edges(con: duckdb.DuckDBPyConnection, settings: GraphSettings) -> None:
    """One row per (edge, supporting record) on node indices, then one per edge."""
    kind_case = " ".join(f"WHEN '{f}' THEN '{k}'" for f, k in ATTRIBUTE_EDGE_KINDS.items())
    # Node indices by id, and seizure indices by seizure id (joins on the short key).
    con.execute("CREATE TEMP TABLE si AS SELECT node_id, idx FROM ni WHERE kind <> 'seizure'")
    con.execute(
        "CREATE TEMP TABLE zi AS SELECT substr(node_id, 3) AS seizure_id, idx FROM ni "
        "WHERE kind = 'seizure'"
    )
    countries = (
        """
        UNION ALL
        SELECT z.idx, p.idx, 'origin_country', n.seizure_id, n.d
        FROM noleg n JOIN zi z USING (seizure_id) JOIN si p ON p.node_id = 'PL:' || n.origin_country
        UNION ALL
        SELECT z.idx, p.idx, 'destination_country', n.seizure_id, n.d
        FROM noleg n JOIN zi z USING (seizure_id)
        JOIN si p ON p.node_id = 'PL:' || n.destination_country
        """
        if settings.country_places
        else ""
    )
    con.execute(
        f"""
        CREATE TEMP TABLE er AS
        WITH lgi AS (
            SELECT lg.*, z.idx AS s, f.idx AS fi, t.idx AS ti
            FROM lg JOIN zi z USING (seizure_id)
            LEFT JOIN si f ON f.node_id = lg.fp LEFT JOIN si t ON t.node_id = lg.tp
        )
        SELECT p.idx AS src, z.idx AS dst, pr.role AS kind, pr.record_id AS rid, pr.d
        FROM pr JOIN si p ON p.node_id = pr.party JOIN zi z USING (seizure_id)
        UNION ALL
        SELECT p.idx, a.idx, CASE ar.field {kind_case} END, ar.record_id, ar.d
        FROM ar JOIN si p ON p.node_id = ar.party JOIN si a ON a.node_id = ar.attr
        UNION ALL
        SELECT p.idx, t.idx, 'uses_domain', dm.record_id, dm.d
        FROM dm JOIN si p ON p.node_id = dm.party JOIN si t ON t.node_id = 'D:' || dm.dom
        UNION ALL
        SELECT z.idx, b.idx, 'infringes', g.seizure_id || '/' || g.line_no::VARCHAR, sz.d
        FROM goods_df g JOIN sz USING (seizure_id) JOIN zi z USING (seizure_id)
        JOIN si b ON b.node_id = 'B:' || lower(g.brand)
        WHERE g.brand IS NOT NULL
        UNION ALL
        SELECT z.idx, m.idx, 'under_master', sz.seizure_id, sz.d
        FROM sz JOIN zi z USING (seizure_id) JOIN si m ON m.node_id = 'M:' || sz.master
        WHERE sz.master IS NOT NULL
        {countries}
        UNION ALL SELECT s, fi, 'origin', rid, d FROM lgi WHERE seq = first_seq AND fi IS NOT NULL
        UNION ALL SELECT s, ti, 'transit', rid, d FROM lgi WHERE seq < last_seq AND ti IS NOT NULL
        UNION ALL SELECT s, ti, 'destination', rid, d FROM lgi WHERE seq = last_seq AND ti IS NOT NULL
        UNION ALL
        SELECT s, arg_min(ti, seq), 'entry', arg_min(rid, seq), min(d)
        FROM lgi WHERE into_reporting AND ti IS NOT NULL GROUP BY s
        UNION ALL SELECT fi, ti, 'leg', rid, d FROM lgi WHERE fi IS NOT NULL AND ti IS NOT NULL
        """
    )
    # list_sort after list(): sorting each small list is far cheaper than an ordered
    # aggregate, which sorts the whole input.
    con.execute(
        """
        CREATE TEMP TABLE e AS
        SELECT src, dst, kind::edge_kind AS kind, list_sort(list(rid)) AS record_ids,
               count(*)::BIGINT AS n_records, min(d) AS first_seen, max(d) AS last_seen
        FROM er GROUP BY src, dst, kind
        """
    )


_ROLE_LIST = ", ".join(f"'{k}'" for k in ROLES)
_NODES_SQL = f"""
WITH inc AS (
    SELECT src AS idx, n_records, first_seen, last_seen,
           kind::VARCHAR IN ({_ROLE_LIST}) AS counts
    FROM e
    UNION ALL
    SELECT dst, n_records, first_seen, last_seen, kind::VARCHAR <> 'leg' FROM e
), st AS (
    SELECT idx, count(*) AS degree,
           sum(CASE WHEN counts THEN n_records ELSE 0 END) AS n_records,
           min(first_seen) AS first_seen, max(last_seen) AS last_seen
    FROM inc GROUP BY idx
)
SELECT ni.node_id, ni.kind, ni.label, ni.subtype,
       coalesce(st.degree, 0)::BIGINT AS degree,
       CASE WHEN ni.kind = 'seizure' THEN 1 ELSE coalesce(st.n_records, 0) END::BIGINT
           AS n_records,
       CASE WHEN ni.kind = 'seizure' THEN z.d ELSE st.first_seen END AS first_seen,
       CASE WHEN ni.kind = 'seizure' THEN z.d ELSE st.last_seen END AS last_seen
FROM ni LEFT JOIN st USING (idx)
LEFT JOIN (SELECT zi.idx, sz.d FROM zi JOIN sz USING (seizure_id)) z USING (idx)
ORDER BY ni.idx
"""


def _fetch(con: duckdb.DuckDBPyConnection, sql: str) -> pd.DataFrame:
    table = con.sql(sql).to_arrow_table()
    # Lists stay Arrow-backed: converting millions of them to Python objects costs more
    # than the rest of the graph. Enums arrive as categoricals.
    return table.to_pandas(types_mapper=lambda t: pd.ArrowDtype(t) if pa.types.is_list(t) else None)


def _strings(ids: pa.Array, idx: np.ndarray) -> pd.Series:
    return pd.Series(
        pd.arrays.ArrowStringArray(ids.take(pa.array(idx.astype(np.int64)))),
        dtype=pd.StringDtype("pyarrow", na_value=np.nan),
    )


def _to_datetime(col: pd.Series) -> pd.Series:
    return pd.to_datetime(col).astype("datetime64[us]")


def _cases(seizures: pd.DataFrame, case_node: pd.DataFrame) -> pd.DataFrame:
    """One row per seizure with its node index, sorted by seizure id."""
    cases = case_facts(seizures)
    node = case_node.set_index("seizure_id")["idx"]
    cases.insert(0, "node", node.reindex(cases["seizure_id"]).to_numpy().astype(np.int64))
    return cases
