"""Value objects of the link graph: node and edge kinds, one edge, the graph itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from netlink.contract import ROLES
from netlink.errors import ParameterError, ProvenanceError, UnknownEntityError

__all__ = [
    "ATTRIBUTE_EDGE_KINDS",
    "ATTRIBUTE_WORDS",
    "CASE_EDGE_KINDS",
    "EDGE_KINDS",
    "FREE_MAIL_DOMAINS",
    "NODE_KINDS",
    "PARTY_EDGE_KINDS",
    "Edge",
    "GraphSettings",
    "LinkGraph",
    "check_provenance",
]

#: Node kinds, in the order the nodes table lists them.
NODE_KINDS: tuple[str, ...] = (
    "party",
    "address",
    "identifier",
    "domain",
    "seizure",
    "place",
    "brand",
    "master",
)

#: Party to seizure: the party's role on the case (the extract contract's roles).
PARTY_EDGE_KINDS: tuple[str, ...] = ROLES

#: Party to attribute: attribute field -> edge kind. ``domain`` is the e-mail domain of
#: a party's address, linked only when it is not a free-mail domain (pattern 1: fronts
#: share their factory's e-mail domain).
ATTRIBUTE_EDGE_KINDS: dict[str, str] = {
    "address": "located_at",
    "phone": "uses_phone",
    "email": "uses_email",
    "tax_id": "has_tax_id",
    "website": "uses_website",
    "domain": "uses_domain",
}

#: Party-to-attribute edge kind -> the attribute as a reason names it.
ATTRIBUTE_WORDS: dict[str, str] = {
    "located_at": "address",
    "uses_phone": "phone",
    "uses_email": "e-mail",
    "has_tax_id": "tax id",
    "uses_website": "website",
    "uses_domain": "e-mail domain",
}

#: Seizure to brand, master document and places; place to place (a route leg).
CASE_EDGE_KINDS: tuple[str, ...] = (
    "infringes",
    "under_master",
    "origin",
    "transit",
    "entry",
    "destination",
    "origin_country",
    "destination_country",
    "leg",
)

EDGE_KINDS: tuple[str, ...] = (
    *PARTY_EDGE_KINDS,
    *ATTRIBUTE_EDGE_KINDS.values(),
    *CASE_EDGE_KINDS,
)

#: Free-mail domains: sharing one says nothing about two parties being linked.
FREE_MAIL_DOMAINS: tuple[str, ...] = (
    "126.com",
    "139.com",
    "163.com",
    "aliyun.com",
    "aol.com",
    "foxmail.com",
    "free.fr",
    "gmail.com",
    "gmx.de",
    "gmx.net",
    "googlemail.com",
    "hotmail.com",
    "icloud.com",
    "libero.it",
    "live.com",
    "mail.ru",
    "msn.com",
    "orange.fr",
    "outlook.com",
    "proton.me",
    "protonmail.com",
    "qq.com",
    "sina.com",
    "sohu.com",
    "t-online.de",
    "web.de",
    "yahoo.com",
    "yahoo.com.hk",
    "yandex.ru",
    "yeah.net",
)


@dataclass(frozen=True)
class GraphSettings:
    """How the link graph is built.

    Parameters
    ----------
    email_domains
        Link parties to the domain of their e-mail address (``D:<domain>`` nodes), so
        that fronts writing from their factory's domain are linked even when the mail
        boxes differ.
    free_mail_domains
        Domains never linked that way (anyone can hold an address there).
    country_places
        Link each seizure to its declared origin and destination country as places
        (``PL:<alpha-2>``), besides the places its route legs name.

    Examples
    --------
    >>> GraphSettings().email_domains
    True
    >>> GraphSettings(free_mail_domains=["Example.com"]).free_mail_domains
    ('example.com',)
    """

    email_domains: bool = True
    free_mail_domains: tuple[str, ...] = FREE_MAIL_DOMAINS
    country_places: bool = True

    def __post_init__(self) -> None:
        if isinstance(self.free_mail_domains, str):
            raise ParameterError("free_mail_domains must be a list of domains, not one string")
        object.__setattr__(
            self,
            "free_mail_domains",
            tuple(sorted({d.strip().lower() for d in self.free_mail_domains if d.strip()})),
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able values, as recorded in the case file."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


@dataclass(frozen=True)
class Edge:
    """One edge of the link graph with the records behind it.

    Parameters
    ----------
    source, target
        Node ids.
    kind
        The edge type (one of :data:`EDGE_KINDS`).
    record_ids
        The source records that support the edge; an edge without them cannot be made.
    weight
        Evidence weight (the number of supporting records unless given).
    first_seen, last_seen
        Dates of the earliest and latest case behind the edge.

    Raises
    ------
    ProvenanceError
        ``record_ids`` is empty or holds an empty id.

    Examples
    --------
    >>> Edge("P-1", "S:S1", "consignor", ("R1",)).n_records
    1
    >>> Edge("P-1", "S:S1", "consignor", ())
    Traceback (most recent call last):
    ...
    netlink.errors.ProvenanceError: edge P-1 -consignor-> S:S1 has no supporting record ids
    """

    source: str
    target: str
    kind: str
    record_ids: tuple[str, ...]
    weight: float | None = None
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None

    def __post_init__(self) -> None:
        ids = tuple(self.record_ids) if not isinstance(self.record_ids, str) else ()
        if not ids or any(not isinstance(r, str) or not r for r in ids):
            raise ProvenanceError(
                f"edge {self.source} -{self.kind}-> {self.target} has no supporting record ids"
            )
        object.__setattr__(self, "record_ids", ids)
        if self.weight is None:
            object.__setattr__(self, "weight", float(len(ids)))

    @property
    def n_records(self) -> int:
        """How many records support the edge."""
        return len(self.record_ids)


def check_provenance(edges: pd.DataFrame) -> None:
    """Raise unless every edge row carries at least one non-empty record id.

    Parameters
    ----------
    edges
        A frame with ``source, target, kind, record_ids`` (lists, arrays or an Arrow list
        column).

    Raises
    ------
    ProvenanceError
        Naming the first edge without record ids and how many there are.

    Examples
    --------
    >>> ok = pd.DataFrame({"source": ["a"], "target": ["b"], "kind": ["k"], "record_ids": [["R1"]]})
    >>> check_provenance(ok)
    >>> bad = ok.assign(record_ids=[[]])
    >>> check_provenance(bad)
    Traceback (most recent call last):
    ...
    netlink.errors.ProvenanceError: 1 edge(s) without supporting record ids, first a -k-> b
    """
    if "record_ids" not in edges.columns:
        raise ProvenanceError("edges have no record_ids column")
    if not len(edges):
        return
    arr = _as_arrow_list(edges["record_ids"])
    lengths = pc.fill_null(pc.list_value_length(arr), 0)
    flat = pc.list_flatten(arr)
    # A null or empty id inside a list makes that edge's provenance unusable too.
    bad_item = pc.or_(pc.is_null(flat), pc.equal(pc.utf8_length(pc.fill_null(flat, "")), 0))
    parent = pc.list_parent_indices(arr)
    bad = np.asarray(pc.equal(lengths, 0).to_numpy(zero_copy_only=False), dtype=bool).copy()
    bad_idx = np.asarray(parent.to_numpy(zero_copy_only=False))[
        np.asarray(bad_item.to_numpy(zero_copy_only=False), dtype=bool)
    ]
    bad[bad_idx] = True
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        row = edges.iloc[i]
        raise ProvenanceError(
            f"{int(bad.sum())} edge(s) without supporting record ids, first "
            f"{row['source']} -{row['kind']}-> {row['target']}"
        )


def _kind_mask(col: pd.Series, kinds: Sequence[str]) -> np.ndarray:
    cats = col.cat.categories
    want = [cats.get_loc(k) for k in kinds if k in cats]
    return np.isin(col.cat.codes.to_numpy(), want)


def as_kinds(col: pd.Series, kinds: Sequence[str]) -> pd.Series:
    """A kind column as a categorical over the known kinds (unknown kinds raise)."""
    cat = pd.Categorical(col.astype(object), categories=list(kinds))
    if pd.isna(cat).any() and not col.isna().any():
        bad = sorted(set(col.astype(str)) - set(kinds))
        raise ParameterError(f"unknown kinds {bad}; known: {', '.join(kinds)}")
    return pd.Series(cat, index=col.index, name=col.name)


def case_facts(seizures: pd.DataFrame) -> pd.DataFrame:
    """One row per seizure, sorted by seizure id: the facts roles and timelines use."""
    s = seizures
    cols = {
        "seizure_id": s["seizure_id"].astype(str),
        "date": pd.to_datetime(s["seizure_date"]).astype("datetime64[us]"),
        "transport_mode": s["transport_mode"],
        "reporting_country": s["reporting_country"],
        "origin_country": s["origin_country"],
        "destination_country": s["destination_country"],
        "customs_office": s["customs_office"],
        "items": pd.to_numeric(s["items"], errors="coerce"),
        "value_eur": pd.to_numeric(s["value_eur"], errors="coerce"),
    }
    return pd.DataFrame(cols).sort_values("seizure_id", kind="stable").reset_index(drop=True)


def cases_frame(seizures: pd.DataFrame, nodes: pd.DataFrame) -> pd.DataFrame:
    """:func:`case_facts` with each seizure's node index in the graph's ``nodes``."""
    cases = case_facts(seizures)
    index = pd.Index(nodes["node_id"].astype(object))
    node = index.get_indexer(("S:" + cases["seizure_id"]).astype(object))
    cases.insert(0, "node", node.astype(np.int64))
    return cases


def _as_arrow_list(col: pd.Series) -> pa.ChunkedArray | pa.Array:
    if isinstance(col.dtype, pd.ArrowDtype):
        return pa.chunked_array(col.array._pa_array)  # type: ignore[attr-defined]
    values = [
        None if v is None else [None if x is None else str(x) for x in v] for v in col.tolist()
    ]
    return pa.array(values, type=pa.list_(pa.string()))


@dataclass(frozen=True, eq=False)
class LinkGraph:
    """The typed link graph: cases, parties, attributes, places, brands, master documents.

    Attributes
    ----------
    nodes
        One row per node, row ``i`` being node index ``i``: ``node_id, kind, label``
        (the case-file columns), then ``subtype`` (company/person/unknown for parties,
        phone/email/tax_id/website for identifiers, country/code for places),
        ``degree``, ``n_records``, ``first_seen``, ``last_seen``.
    edges
        One row per (source, target, kind): ``source, target, kind, weight,
        record_ids`` (the case-file columns), then ``n_records, first_seen, last_seen``
        and the node indices ``src, dst``. ``record_ids`` is an Arrow list column.
    cases
        One row per seizure, row order = ``seizure_id`` order: ``node`` (its node index),
        ``seizure_id, date, transport_mode, reporting_country, origin_country,
        destination_country, customs_office, items, value_eur``.
    settings
        The settings the graph was built with.
    """

    nodes: pd.DataFrame
    edges: pd.DataFrame
    cases: pd.DataFrame
    settings: GraphSettings = field(default_factory=GraphSettings)

    @property
    def n_nodes(self) -> int:
        return len(self.nodes)

    @property
    def n_edges(self) -> int:
        return len(self.edges)

    def node_values(self, column: str, idx: np.ndarray) -> np.ndarray:
        """The values of a node column at node indices ``idx``, as a NumPy array.

        Only the values asked for are converted: the string columns are Arrow-backed,
        and turning all the ids or labels of a million-case graph into Python strings
        costs most of a second each time.

        Examples
        --------
        >>> from netlink.graph import build_graph, exact_entities
        >>> from netlink.graph._examples import tiny_extract
        >>> g = build_graph(tiny_extract(), *exact_entities(tiny_extract()))
        >>> g.node_values("kind", [0, len(g.nodes) - 1]).tolist()
        ['address', 'seizure']
        """
        return self.nodes[column].iloc[np.asarray(idx)].to_numpy()

    def index_of(self, node_ids: str | Iterable[str]) -> np.ndarray:
        """Node indices of node ids.

        Raises
        ------
        UnknownEntityError
            Naming the first id that is not a node.
        """
        ids = [node_ids] if isinstance(node_ids, str) else list(node_ids)
        idx = self.positions(ids)
        if (idx < 0).any():
            missing = ids[int(np.flatnonzero(idx < 0)[0])]
            raise UnknownEntityError(f"no node {missing!r} in the link graph")
        return idx

    def positions(self, node_ids: Iterable[str]) -> np.ndarray:
        """Node indices of node ids, -1 for ids that are not nodes.

        Nodes are sorted by id, so this is a binary search: no hash table of millions
        of ids is built.
        """
        sorted_ids = self.__dict__.get("_sorted_ids")
        if sorted_ids is None:
            sorted_ids = self.nodes["node_id"].to_numpy(dtype=object)
            object.__setattr__(self, "_sorted_ids", sorted_ids)
        q = np.asarray(list(node_ids), dtype=object)
        if not len(q) or not len(sorted_ids):
            return np.full(len(q), -1, dtype=np.int64)
        pos = np.minimum(np.searchsorted(sorted_ids, q), len(sorted_ids) - 1)
        return np.where(sorted_ids[pos] == q, pos, -1).astype(np.int64)

    @classmethod
    def from_tables(
        cls,
        nodes: pd.DataFrame,
        edges: pd.DataFrame,
        seizures: pd.DataFrame,
        settings: GraphSettings | None = None,
    ) -> LinkGraph:
        """Rebuild a link graph from the case-file tables ``nodes``, ``edges``, ``seizures``.

        Raises
        ------
        UnknownEntityError
            An edge names a node the nodes table does not hold.
        ProvenanceError
            An edge has no record ids.
        """
        nodes = nodes.sort_values("node_id", kind="stable").reset_index(drop=True)
        index = pd.Index(nodes["node_id"].astype(object))
        src = index.get_indexer(edges["source"].astype(object))
        dst = index.get_indexer(edges["target"].astype(object))
        if (src < 0).any() or (dst < 0).any():
            bad = edges["source"].where(src < 0, edges["target"])[(src < 0) | (dst < 0)].iloc[0]
            raise UnknownEntityError(f"an edge names node {bad!r}, which the nodes table lacks")
        arr = _as_arrow_list(edges["record_ids"])
        nodes = nodes.assign(kind=as_kinds(nodes["kind"], NODE_KINDS))
        edges = edges.assign(
            kind=as_kinds(edges["kind"], EDGE_KINDS),
            record_ids=pd.Series(pd.arrays.ArrowExtensionArray(arr), index=edges.index),
            src=src.astype(np.int32),
            dst=dst.astype(np.int32),
        )
        check_provenance(edges)
        return cls(nodes, edges, cases_frame(seizures, nodes), settings or GraphSettings())

    def edges_of(self, kinds: Sequence[str]) -> pd.DataFrame:
        """The edges of the given kinds (a copy, original order)."""
        return self.edges[self.edge_mask(kinds)]

    def edge_kinds(self, idx: np.ndarray) -> np.ndarray:
        """The kind names of the edges at positions ``idx``, read through the category
        codes (no object array of every edge's kind is built).

        Examples
        --------
        >>> from netlink.graph import build_graph, exact_entities
        >>> from netlink.graph._examples import tiny_extract
        >>> g = build_graph(tiny_extract(), *exact_entities(tiny_extract()))
        >>> g.edge_kinds([0]).tolist() == [str(g.edges["kind"].iloc[0])]
        True
        """
        kind = self.edges["kind"]
        return np.asarray(kind.cat.categories)[kind.cat.codes.to_numpy()[np.asarray(idx)]]

    def edge_mask(self, kinds: Sequence[str]) -> np.ndarray:
        """Boolean mask of the edges of the given kinds (fast: compares category codes)."""
        return _kind_mask(self.edges["kind"], kinds)

    def node_mask(self, kinds: Sequence[str]) -> np.ndarray:
        """Boolean mask of the nodes of the given kinds."""
        return _kind_mask(self.nodes["kind"], kinds)

    def tables(self, hubs: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
        """The case-file tables ``nodes`` and ``edges``.

        Parameters
        ----------
        hubs
            The hub table of :func:`~netlink.graph.detect_hubs` (``Hubs.table``): nodes
            carry ``is_hub`` and ``hub_reason`` so hubs stay visible (none without it).

        Returns
        -------
        dict
            ``nodes`` and ``edges`` with the required columns first; ``record_ids`` as
            lists of strings (what :func:`netlink.casefile.write_case_file` hashes).
        """
        nodes = self.nodes
        flagged = (
            hubs[hubs["is_hub"]].set_index("node_id")["reason"]
            if hubs is not None
            else pd.Series(dtype=object)
        )
        reason = nodes["node_id"].map(flagged)
        nodes = nodes.assign(is_hub=reason.notna().to_numpy(), hub_reason=reason.to_numpy())
        edges = self.edges.drop(columns=["src", "dst"])
        rids = _as_arrow_list(edges["record_ids"]).to_numpy(zero_copy_only=False)
        edges = edges.assign(record_ids=pd.Series(rids, index=edges.index, dtype=object))
        return {"nodes": nodes.reset_index(drop=True), "edges": edges.reset_index(drop=True)}
