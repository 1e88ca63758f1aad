"""The weighted projection of the link graph onto party entities."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from netlink.contract import INTERMEDIARY_ROLES
from netlink.errors import ParameterError, UnknownEntityError
from netlink.graph._arrays import unique_inverse
from netlink.graph._model import ATTRIBUTE_EDGE_KINDS, LinkGraph

__all__ = ["COMPONENTS", "PartyProjection", "ProjectionSettings", "project_parties"]

#: Evidence components of a projected edge, in column order (``w_<component>``).
COMPONENTS: tuple[str, ...] = (
    "case",
    "address",
    "phone",
    "email",
    "tax_id",
    "website",
    "domain",
    "master",
)

# Role classes on a case: the sending side, the receiving side, intermediaries, and a
# party named on the shipment in another capacity (role "other": mostly the producer);
# a seller is on the sending side and named too (the store whose order is shipped).
_OUT, _IN, _MID, _NAMED, _SELLER = 1, 2, 4, 8, 16
_ROLE_CLASS = {
    "consignor": _OUT,
    "seller": _OUT | _SELLER,
    "consignee": _IN,
    "buyer": _IN,
    "notify": _IN,
    **dict.fromkeys(INTERMEDIARY_ROLES, _MID),
    "other": _NAMED,
}
_ATTR_COMPONENT = {k: f for f, k in ATTRIBUTE_EDGE_KINDS.items()}

_DEFAULT_ATTRIBUTE_WEIGHTS = {
    "address": 0.8,
    "phone": 1.0,
    "email": 1.0,
    "tax_id": 1.0,
    "website": 1.0,
    "domain": 0.3,
    "master": 0.5,
}


@dataclass(frozen=True)
class ProjectionSettings:
    """How party entities are linked and weighted.

    A projected edge between parties ``u`` and ``v`` sums its components:

    - ``case``: for every case both are on, ``flow_weight`` when one sends
      (consignor, seller) and the other receives (consignee, buyer, notify);
      ``named_weight`` when one sends and the other is named on the shipment in
      another capacity (role ``other``: the producer behind a front or a store) or as
      its seller (the store whose order a front ships);
      ``middle_weight`` when either only carries, forwards or declares it (forwarders
      serve many unrelated senders); else ``co_weight``. The sum is divided by
      ``sqrt(n_u * n_v)``, their case counts (cosine normalisation), so a party on
      thousands of cases links weakly to each.
    - one component per attribute kind (address, phone, e-mail, tax id, website,
      e-mail domain, master document): for every attribute both use,
      ``attribute_weights[kind] / (k - 1)`` with ``k`` the number of parties using it
      (resource allocation), so a value shared by two parties links them fully and one
      shared by a hundred hardly at all.

    Parameters
    ----------
    flow_weight, named_weight, middle_weight, co_weight
        Weights of a shared case as sender and receiver, as sender and named party,
        through an intermediary, and in any other pairing.
    attribute_weights
        Weight of sharing one attribute of each kind, before the division by ``k - 1``.
    max_shared
        Attributes used by more parties than this are never expanded into pairs (hub
        detection flags them); it bounds the projection's size.

    Examples
    --------
    >>> ProjectionSettings().attribute_weights["phone"]
    1.0
    >>> ProjectionSettings(attribute_weights={"phone": 0.5}).attribute_weights["address"]
    0.8
    """

    flow_weight: float = 1.0
    named_weight: float = 1.0
    middle_weight: float = 0.2
    co_weight: float = 0.5
    attribute_weights: Mapping[str, float] = field(
        default_factory=lambda: MappingProxyType(dict(_DEFAULT_ATTRIBUTE_WEIGHTS))
    )
    max_shared: int = 200

    def __post_init__(self) -> None:
        unknown = sorted(set(self.attribute_weights) - set(_DEFAULT_ATTRIBUTE_WEIGHTS))
        if unknown:
            raise ParameterError(
                f"unknown attribute kinds {unknown}; known: {sorted(_DEFAULT_ATTRIBUTE_WEIGHTS)}"
            )
        merged = {**_DEFAULT_ATTRIBUTE_WEIGHTS, **dict(self.attribute_weights)}
        if (
            any(w < 0 for w in merged.values())
            or min(self.flow_weight, self.named_weight, self.middle_weight, self.co_weight) < 0
        ):
            raise ParameterError("projection weights must not be negative")
        if self.max_shared < 2:
            raise ParameterError(f"max_shared must be at least 2, got {self.max_shared}")
        object.__setattr__(self, "attribute_weights", MappingProxyType(merged))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able values, as recorded in the case file."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["attribute_weights"] = dict(self.attribute_weights)
        return out


@dataclass(frozen=True, eq=False)
class PartyProjection:
    """Party entities linked by weighted, explained edges.

    Attributes
    ----------
    parties
        One row per party entity: ``entity_id, node`` (its link-graph index),
        ``n_cases``, ``excluded`` (a hub, left out of the projection), ``strength``
        (summed weight of its edges).
    edges
        One row per linked pair ``a < b``: ``a, b`` (entity ids), ``ia, ib`` (rows of
        ``parties``), ``weight``, ``w_<component>`` for each of :data:`COMPONENTS`,
        ``n_cases`` (shared cases), ``n_flow_ab`` / ``n_flow_ba`` (cases where ``a``
        sent to ``b`` / ``b`` to ``a``), ``n_named`` (cases where one sends and the
        other is named on the shipment, as producer or seller), ``n_attributes`` (shared attribute values).
    evidence
        One row per (edge, shared context): ``edge`` (row of ``edges``), ``via`` (the
        link-graph node index of the shared case or attribute), ``component``,
        ``weight`` (its contribution); sorted by edge.
    settings
        The settings used.
    """

    parties: pd.DataFrame
    edges: pd.DataFrame
    evidence: pd.DataFrame
    settings: ProjectionSettings

    def peripheral(self) -> np.ndarray:
        """Parties on one case at most whose only links are through that case.

        They tell nothing about where networks end and follow their links after
        clustering (:func:`netlink.graph.leiden_core`).
        """
        e = self.edges
        return _peripheral(
            self.parties["n_cases"].to_numpy(),
            e["ia"].to_numpy(),
            e["ib"].to_numpy(),
            (e["weight"] - e["w_case"]).to_numpy(),
        )

    def edge_evidence(self, graph: LinkGraph, a: str, b: str) -> pd.DataFrame:
        """What links parties ``a`` and ``b``: the shared cases and attribute values.

        Returns
        -------
        pandas.DataFrame
            ``via`` (node id), ``kind``, ``label``, ``component``, ``weight``; empty
            when the two are not linked.

        Raises
        ------
        UnknownEntityError
            ``a`` or ``b`` is not a party entity.
        """
        pos = pd.Index(self.parties["entity_id"].astype(object))  # small: parties only
        ia, ib = pos.get_indexer([a, b])
        for name, i in ((a, ia), (b, ib)):
            if i < 0:
                raise UnknownEntityError(f"no party entity {name!r} in the projection")
        lo, hi = min(ia, ib), max(ia, ib)
        e = self.edges
        hit = np.flatnonzero((e["ia"].to_numpy() == lo) & (e["ib"].to_numpy() == hi))
        ev = self.evidence
        if not len(hit):
            rows = ev.iloc[0:0]
        else:
            edge_col = ev["edge"].to_numpy()
            start, stop = np.searchsorted(edge_col, [hit[0], hit[0] + 1])
            rows = ev.iloc[start:stop]
        nodes = graph.nodes.iloc[rows["via"].to_numpy()]
        return pd.DataFrame(
            {
                "via": nodes["node_id"].to_numpy(),
                "kind": nodes["kind"].astype(str).to_numpy(),
                "label": nodes["label"].to_numpy(),
                "component": rows["component"].to_numpy(),
                "weight": rows["weight"].to_numpy(),
            }
        )


def _peripheral(
    n_cases: np.ndarray, ia: np.ndarray, ib: np.ndarray, other_weight: np.ndarray
) -> np.ndarray:
    """Parties on one case at most with no link of weight other than a shared case."""
    other = other_weight > 1e-12
    has_other = np.zeros(len(n_cases), dtype=bool)
    has_other[ia[other]] = True
    has_other[ib[other]] = True
    return (n_cases <= 1) & ~has_other


def project_parties(
    graph: LinkGraph,
    hubs: Collection[str] | Any = None,
    settings: ProjectionSettings | None = None,
) -> PartyProjection:
    """Project the link graph onto party entities with frequency-discounted weights.

    Parameters
    ----------
    graph
        The link graph.
    hubs
        Node ids to leave out (hub parties and hub attributes), or a
        :class:`~netlink.graph.Hubs` result; None leaves nothing out.
    settings
        Weights; see :class:`ProjectionSettings`.

    Returns
    -------
    PartyProjection

    Examples
    --------
    >>> from netlink.graph import build_graph, exact_entities
    >>> from netlink.graph._examples import tiny_extract
    >>> ex = tiny_extract()
    >>> g = build_graph(ex, *exact_entities(ex))
    >>> proj = project_parties(g)
    >>> ids = g.nodes.set_index("label")["node_id"]
    >>> factory, front = ids["Guangzhou Xinghui Leather Products Co., Ltd"], ids["Xinghui (HK) Trading Limited"]
    >>> proj.edge_evidence(g, factory, front)[["label", "component", "weight"]].to_dict("records")
    [{'label': '+86 138 0013 8000', 'component': 'phone', 'weight': 1.0}]
    """
    settings = settings or ProjectionSettings()
    rows = _pair_rows(graph, _excluded_ids(hubs), settings)
    party_nodes, n_parties = rows.party_nodes, len(rows.party_nodes)
    proj_edges, evidence = _aggregate(rows.parts, n_parties)
    ids = graph.node_values("node_id", party_nodes)
    proj_edges.insert(0, "a", ids[proj_edges["ia"].to_numpy()])
    proj_edges.insert(1, "b", ids[proj_edges["ib"].to_numpy()])
    w = proj_edges["weight"].to_numpy()
    strength = np.bincount(proj_edges["ia"], w, minlength=n_parties) + np.bincount(
        proj_edges["ib"], w, minlength=n_parties
    )
    parties = pd.DataFrame(
        {
            "entity_id": ids,
            "node": party_nodes,
            "n_cases": rows.n_cases,
            "excluded": rows.excluded,
            "strength": strength,
        }
    )
    return PartyProjection(parties, proj_edges, evidence, settings)


_Part = dict[str, np.ndarray]


@dataclass(frozen=True)
class _PairRows:
    """One row per (party pair, shared case or attribute value), before aggregation.

    ``party_nodes`` are the link-graph indices of the parties (rows ``a``, ``b`` of the
    parts index it), ``n_cases`` their case counts (hubs included), ``excluded`` whether
    each is left out. The parts are the case pairs, then the attribute pairs, each a
    dict of equal-length arrays: ``a, b, via, comp, w, flow_ab, flow_ba, named`` and
    ``k`` (parties sharing the value; 0 for a case).
    """

    party_nodes: np.ndarray
    n_cases: np.ndarray
    excluded: np.ndarray
    parts: list[_Part]


def _pair_rows(
    graph: LinkGraph, excluded: Collection[str], settings: ProjectionSettings
) -> _PairRows:
    """The pairs the projection sums, hubs in ``excluded`` left out."""
    nodes = graph.nodes
    party_nodes = np.flatnonzero(graph.node_mask(["party"]))
    n_nodes, n_parties = len(nodes), len(party_nodes)
    row_of = np.full(n_nodes, -1, dtype=np.int64)
    row_of[party_nodes] = np.arange(n_parties)
    is_excluded_node = np.zeros(n_nodes, dtype=bool)
    if excluded:
        idx = graph.positions(sorted(excluded))
        is_excluded_node[idx[idx >= 0]] = True

    edges = graph.edges
    # Per kind code: its role class, or its component (category codes, not strings).
    cats = list(edges["kind"].cat.categories)
    codes = edges["kind"].cat.codes.to_numpy()
    class_of = np.array([_ROLE_CLASS.get(k, 0) for k in cats], dtype=np.int64)
    comp_of = np.array(
        [COMPONENTS.index(_ATTR_COMPONENT[k]) if k in _ATTR_COMPONENT else -1 for k in cats],
        dtype=np.int8,
    )
    src = edges["src"].to_numpy().astype(np.int64)
    dst = edges["dst"].to_numpy().astype(np.int64)

    # Party on case, one row per (party, case) with the union of its role classes.
    role_mask = class_of[codes] > 0
    role_class = class_of[codes[role_mask]]
    pc_party, pc_case, pc_class = _or_unique(row_of[src[role_mask]], dst[role_mask], role_class)
    n_cases = np.bincount(pc_party, minlength=n_parties)
    keep = ~is_excluded_node[party_nodes[pc_party]]
    pc_party, pc_case, pc_class = pc_party[keep], pc_case[keep], pc_class[keep]

    parts = [_case_pairs(pc_party, pc_case, pc_class, n_cases, settings)]

    # Party to attribute (including e-mail domain), and to master document via its cases.
    attr_mask = comp_of[codes] >= 0
    at_party = row_of[src[attr_mask]]
    at_node = dst[attr_mask]
    at_comp = comp_of[codes[attr_mask]]
    master_mask = graph.edge_mask(["under_master"])
    if master_mask.any():
        case_master = pd.DataFrame({"case": src[master_mask], "m": dst[master_mask]})
        pm = pd.DataFrame({"p": pc_party, "case": pc_case}).merge(case_master, on="case")
        pm = pm.drop_duplicates(["p", "m"])
        at_party = np.concatenate([at_party, pm["p"].to_numpy()])
        at_node = np.concatenate([at_node, pm["m"].to_numpy()])
        master_code = COMPONENTS.index("master")
        at_comp = np.concatenate([at_comp, np.full(len(pm), master_code, dtype=np.int8)])
    ok = ~is_excluded_node[party_nodes[at_party]] & ~is_excluded_node[at_node]
    parts.append(_attribute_pairs(at_party[ok], at_node[ok], at_comp[ok], settings))
    return _PairRows(party_nodes, n_cases, is_excluded_node[party_nodes], parts)


def _excluded_ids(hubs: Collection[str] | Any) -> frozenset[str]:
    if hubs is None:
        return frozenset()
    node_ids = getattr(hubs, "node_ids", None)
    if node_ids is not None:
        return frozenset(node_ids)
    if isinstance(hubs, str):
        raise ParameterError("hubs must be a collection of node ids, not one string")
    return frozenset(hubs)


def _or_unique(a: np.ndarray, b: np.ndarray, flags: np.ndarray) -> tuple[np.ndarray, ...]:
    """Unique (a, b) rows with the bitwise or of their flags."""
    if not len(a):
        return a, b, flags
    order = np.lexsort((b, a))
    a, b, flags = a[order], b[order], flags[order]
    start = np.r_[True, (a[1:] != a[:-1]) | (b[1:] != b[:-1])]
    idx = np.flatnonzero(start)
    return a[idx], b[idx], np.bitwise_or.reduceat(flags, idx)


def pairs_within(group: np.ndarray, member: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All pairs of positions that share a group, as indices into the sorted input.

    ``group`` and ``member`` must be sorted by (group, member) with unique rows; returns
    positions ``(i, j)``, ``i < j``, of every pair within each group.

    Examples
    --------
    >>> i, j = pairs_within(np.array([0, 0, 0, 1, 1]), np.array([3, 5, 7, 1, 2]))
    >>> list(zip(i.tolist(), j.tolist()))
    [(0, 1), (1, 2), (3, 4), (0, 2)]
    """
    n = len(group)
    if n < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    sizes = np.diff(np.r_[starts, n])
    pos = np.arange(n) - np.repeat(starts, sizes)
    after = np.repeat(sizes, sizes) - pos - 1  # group members after this one
    ii, jj = [], []
    cur = np.flatnonzero(after > 0)
    d = 1
    while cur.size:
        ii.append(cur)
        jj.append(cur + d)
        d += 1
        cur = cur[after[cur] >= d]
    if not ii:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(ii), np.concatenate(jj)


def _case_pairs(
    party: np.ndarray,
    case: np.ndarray,
    cls: np.ndarray,
    n_cases: np.ndarray,
    settings: ProjectionSettings,
) -> _Part:
    order = np.lexsort((party, case))
    party, case, cls = party[order], case[order], cls[order]
    i, j = pairs_within(case, party)
    a, b, ca, cb = party[i], party[j], cls[i], cls[j]
    flow_ab = ((ca & _OUT) > 0) & ((cb & _IN) > 0)
    flow_ba = ((cb & _OUT) > 0) & ((ca & _IN) > 0)
    flow = flow_ab | flow_ba
    # The party named on a sender's shipment: a producer behind its front or store, or
    # the store whose order another party ships.
    tag = _NAMED | _SELLER
    named = (((ca & tag) > 0) & ((cb & _OUT) > 0)) | (((cb & tag) > 0) & ((ca & _OUT) > 0))
    middle = (((ca | cb) & _MID) > 0) & ~flow & ~named
    w = np.select(
        [flow, named, middle],
        [settings.flow_weight, settings.named_weight, settings.middle_weight],
        default=settings.co_weight,
    )
    w = w / np.sqrt(n_cases[a].astype(np.float64) * n_cases[b])
    return {
        "a": a,
        "b": b,
        "via": case[i],
        "comp": np.zeros(len(a), dtype=np.int8),
        "w": w,
        "flow_ab": flow_ab,
        "flow_ba": flow_ba,
        "named": named,
        "k": np.zeros(len(a), dtype=np.int64),
    }


def _attribute_pairs(
    party: np.ndarray, node: np.ndarray, comp: np.ndarray, settings: ProjectionSettings
) -> _Part:
    df = pd.DataFrame({"p": party, "n": node, "c": comp}).drop_duplicates(["n", "p"])
    k = df.groupby("n")["p"].transform("size").to_numpy()
    df = df[(k >= 2) & (k <= settings.max_shared)].sort_values(["n", "p"], kind="stable")
    n_arr, p_arr = df["n"].to_numpy(), df["p"].to_numpy()
    i, j = pairs_within(n_arr, p_arr)
    k_pair = df["n"].map(df["n"].value_counts()).to_numpy()[i].astype(np.float64)
    code = df["c"].to_numpy()[i].astype(np.int8)
    weight_of = np.array(
        [settings.attribute_weights.get(c, 0.0) for c in COMPONENTS], dtype=np.float64
    )
    base = weight_of[code]
    a, b = p_arr[i], p_arr[j]
    return {
        "a": a,
        "b": b,
        "via": n_arr[i],
        "comp": code,
        "w": base / (k_pair - 1),
        "flow_ab": np.zeros(len(a), bool),
        "flow_ba": np.zeros(len(a), bool),
        "named": np.zeros(len(a), bool),
        "k": k_pair.astype(np.int64),
    }


def _columns(parts: list[_Part]) -> _Part:
    """The parts' rows as one set of columns, rows of no weight left out."""
    cols = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    keep = cols["w"] > 0
    return {k: v[keep] for k, v in cols.items()}


def _pair_sums(cols: _Part, n_parties: int) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Per linked pair, sorted by ``(ia, ib)``: ``ia, ib, weight, w_<component>``; and
    each row's pair."""
    key = cols["a"].astype(np.int64) * n_parties + cols["b"]
    uniq, inv = unique_inverse(key)
    m = len(uniq)
    out: dict[str, np.ndarray] = {"ia": uniq // n_parties, "ib": uniq % n_parties}
    out["weight"] = np.bincount(inv, cols["w"], minlength=m)
    for code, name in enumerate(COMPONENTS):
        sel = cols["comp"] == code
        out[f"w_{name}"] = np.bincount(inv[sel], cols["w"][sel], minlength=m)
    return out, inv


def _aggregate(parts: list[_Part], n_parties: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    cols = _columns(parts)
    out, inv = _pair_sums(cols, n_parties)
    m = len(out["ia"])
    is_case = cols["comp"] == 0
    out["n_cases"] = np.bincount(inv[is_case], minlength=m)
    out["n_flow_ab"] = np.bincount(inv, cols["flow_ab"], minlength=m).astype(np.int64)
    out["n_flow_ba"] = np.bincount(inv, cols["flow_ba"], minlength=m).astype(np.int64)
    out["n_named"] = np.bincount(inv, cols["named"], minlength=m).astype(np.int64)
    out["n_attributes"] = np.bincount(inv[~is_case], minlength=m)
    edges = pd.DataFrame(out)
    order = np.lexsort((cols["via"], inv))
    evidence = pd.DataFrame(
        {
            "edge": inv[order].astype(np.int64),
            "via": cols["via"][order].astype(np.int64),
            "component": pd.Categorical.from_codes(cols["comp"][order], categories=COMPONENTS),
            "weight": cols["w"][order],
        }
    )
    return edges, evidence
