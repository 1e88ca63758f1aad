"""The compact graph every ranking routine works on: CSR arrays over integer node indices.

Nodes keep their caller's ids (any hashable); internally node ``i`` is the ``i``-th id in
sorted order, so every tie broken "by index" is broken by node id.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import scipy.sparse as sp

from netlink.errors import ParameterError, UnknownEntityError

__all__ = ["CompactGraph", "GraphLike", "as_compact_graph"]

# What the public functions accept as a graph: a CompactGraph, a networkx graph, an igraph
# graph, or an edge list of (u, v) or (u, v, weight) tuples.
GraphLike = Any


@dataclass(frozen=True, eq=False)
class CompactGraph:
    """An undirected simple graph in CSR form with optional node costs and edge weights.

    Build one with :func:`as_compact_graph`; the arrays are read-only.

    Attributes
    ----------
    ids
        The node ids; node ``i`` of the arrays is ``ids[i]``. Sorted, so index order is
        id order.
    indptr, indices
        The symmetric adjacency in CSR form (each undirected edge appears twice).
    weights
        The weight of each CSR entry (1.0 when the graph is unweighted).
    costs
        The cost of removing each node (1.0 when no costs are given; ``inf`` means the
        node cannot be acted on and no strategy removes it).

    Examples
    --------
    >>> g = as_compact_graph([("a", "b"), ("b", "c")])
    >>> g.ids, g.n, g.m
    (('a', 'b', 'c'), 3, 2)
    >>> g.degree().tolist()
    [1, 2, 1]
    """

    ids: tuple[Hashable, ...]
    indptr: np.ndarray
    indices: np.ndarray
    weights: np.ndarray
    costs: np.ndarray

    def __post_init__(self) -> None:
        for name in ("indptr", "indices", "weights", "costs"):
            getattr(self, name).setflags(write=False)

    @property
    def n(self) -> int:
        """Number of nodes."""
        return len(self.ids)

    @property
    def m(self) -> int:
        """Number of undirected edges."""
        return len(self.indices) // 2

    @cached_property
    def index(self) -> dict[Hashable, int]:
        """Node id to array index (built once; do not modify it)."""
        return {v: i for i, v in enumerate(self.ids)}

    @cached_property
    def edge_pairs(self) -> list[tuple[int, int]]:
        """:meth:`edges` as a list of ``(u, v)`` tuples (built once), for Python loops."""
        return [tuple(e) for e in self.edges().tolist()]

    @property
    def unit_costs(self) -> bool:
        """True when every node costs 1."""
        return bool(np.all(self.costs == 1.0))

    def degree(self) -> np.ndarray:
        """Number of neighbours of each node."""
        return np.diff(self.indptr)

    def strength(self) -> np.ndarray:
        """Sum of the weights of each node's edges."""
        return np.add.reduceat(self.weights, self.indptr[:-1]) * (self.degree() > 0)

    def adjacency(self) -> sp.csr_array:
        """The weighted adjacency matrix."""
        return sp.csr_array((self.weights, self.indices, self.indptr), shape=(self.n, self.n))

    def neighbors(self, i: int) -> np.ndarray:
        """Indices of the neighbours of node index ``i``."""
        return self.indices[self.indptr[i] : self.indptr[i + 1]]

    def edges(self) -> np.ndarray:
        """Each undirected edge once, as an (m, 2) array of indices with ``u < v``."""
        rows = np.repeat(np.arange(self.n), self.degree())
        keep = rows < self.indices
        return np.column_stack([rows[keep], self.indices[keep]])

    def with_attributes(
        self, costs: Mapping[Hashable, float] | None, weights: Mapping[Any, float] | None
    ) -> CompactGraph:
        """Return this graph with costs and/or edge weights replaced (``None`` keeps them)."""
        new_costs = self.costs if costs is None else _cost_array(self.ids, costs)
        new_weights = self.weights if weights is None else _weight_entries(self, weights)
        return CompactGraph(self.ids, self.indptr, self.indices, new_weights, new_costs)

    def indices_of(self, nodes: Iterable[Hashable]) -> np.ndarray:
        """Array indices of ``nodes``; an unknown node raises :class:`UnknownEntityError`."""
        index = self.index
        out = []
        for v in nodes:
            try:
                out.append(index[v])
            except (KeyError, TypeError):
                raise UnknownEntityError(f"actor {v!r} is not a node of the network") from None
        return np.asarray(out, dtype=np.int64)


def as_compact_graph(
    graph: GraphLike,
    costs: Mapping[Hashable, float] | str | None = None,
    weights: Mapping[Any, float] | str | None = None,
    *,
    nodes: Iterable[Hashable] | None = None,
) -> CompactGraph:
    """Build a :class:`CompactGraph` from a networkx graph, an igraph graph or an edge list.

    Parameters
    ----------
    graph
        A :class:`CompactGraph` (returned as is unless costs or weights are given), a
        networkx graph (directed graphs are read as undirected), an igraph graph (node ids
        from the ``name`` vertex attribute when present, else vertex indices), or an
        iterable of ``(u, v)`` or ``(u, v, weight)`` tuples.
    costs
        The cost of removing each node: a mapping node -> cost covering every node, or the
        name of a node attribute. ``None`` means unit costs. Costs must be >= 0; ``inf``
        marks a node that cannot be acted on.
    weights
        Edge weights (e.g. seizure volume): a mapping ``(u, v) -> weight`` (either
        orientation) or the name of an edge attribute. ``None`` keeps the weights of an
        edge list's third column, else unit weights. Weights must be finite and >= 0.
    nodes
        Extra nodes for an edge list (isolated actors).

    Returns
    -------
    CompactGraph

    Raises
    ------
    ParameterError
        A cost or weight that is missing, NaN or negative (the message names the actor or
        the edge), or a graph object of an unknown kind.
    UnknownEntityError
        A cost or weight given for an actor that is not in the graph.

    Examples
    --------
    >>> g = as_compact_graph([(1, 2, 5.0), (2, 3, 1.0)], costs={1: 1, 2: 3, 3: 1})
    >>> g.strength().tolist(), g.costs.tolist()
    ([5.0, 6.0, 1.0], [1.0, 3.0, 1.0])
    """
    if isinstance(graph, CompactGraph):
        if isinstance(costs, str) or isinstance(weights, str):
            raise ParameterError(
                "costs or weights given by attribute name need a networkx/igraph graph"
            )
        return graph.with_attributes(costs, weights)
    cost_attr = costs if isinstance(costs, str) else None
    weight_attr = weights if isinstance(weights, str) else None
    base, attr_costs = _from_foreign(graph, cost_attr, weight_attr, nodes)
    return base.with_attributes(
        attr_costs if cost_attr is not None else costs,  # type: ignore[arg-type]
        None if weight_attr is not None else weights,  # type: ignore[arg-type]
    )


def _from_foreign(
    graph: Any, cost_attr: str | None, weight_attr: str | None, nodes: Iterable[Hashable] | None
) -> tuple[CompactGraph, dict[Hashable, Any] | None]:
    node_costs: dict[Hashable, Any] | None = None
    module = type(graph).__module__.split(".")[0]
    if module == "networkx":
        node_list = list(graph.nodes)
        triples = [
            (u, v, 1.0 if weight_attr is None else d.get(weight_attr))
            for u, v, d in graph.edges(data=True)
        ]
        if cost_attr is not None:
            node_costs = {v: d.get(cost_attr) for v, d in graph.nodes(data=True)}
    elif module == "igraph":
        names = graph.vs["name"] if "name" in graph.vs.attributes() else list(range(graph.vcount()))
        node_list = list(names)
        ws = (
            graph.es[weight_attr]
            if weight_attr is not None and weight_attr in graph.es.attributes()
            else [None if weight_attr else 1.0] * graph.ecount()
        )
        triples = [(names[e.source], names[e.target], w) for e, w in zip(graph.es, ws, strict=True)]
        if cost_attr is not None:
            values = (
                graph.vs[cost_attr]
                if cost_attr in graph.vs.attributes()
                else [None] * graph.vcount()
            )
            node_costs = dict(zip(names, values, strict=True))
    elif isinstance(graph, Iterable) and not isinstance(graph, str | bytes | Mapping):
        node_list = []
        triples = []
        for row in graph:
            row = tuple(row)
            if len(row) not in (2, 3):
                raise ParameterError(f"an edge must be (u, v) or (u, v, weight), got {row!r}")
            triples.append((row[0], row[1], row[2] if len(row) == 3 else 1.0))
        if cost_attr is not None:
            raise ParameterError("costs given as an attribute name need a networkx/igraph graph")
    else:
        raise ParameterError(
            f"cannot read a graph from {type(graph).__name__}",
            hint="Give a networkx Graph, an igraph Graph or a list of (u, v[, weight]) edges.",
        )
    node_list.extend(nodes or ())
    return _build(node_list, triples), node_costs


def _sorted_ids(ids: Iterable[Hashable]) -> list[Hashable]:
    unique = list(dict.fromkeys(ids))
    try:
        return sorted(unique)  # type: ignore[type-var]
    except TypeError:  # mixed id types: order by type name, then text
        return sorted(unique, key=lambda x: (type(x).__name__, repr(x)))


def _build(node_list: list[Hashable], triples: list[tuple[Any, Any, Any]]) -> CompactGraph:
    ids = _sorted_ids([*node_list, *(u for u, _, _ in triples), *(v for _, v, _ in triples)])
    index = {v: i for i, v in enumerate(ids)}
    n = len(ids)
    if triples:
        u = np.fromiter((index[t[0]] for t in triples), dtype=np.int64, count=len(triples))
        v = np.fromiter((index[t[1]] for t in triples), dtype=np.int64, count=len(triples))
        w = np.asarray([_check_weight(t) for t in triples], dtype=np.float64)
    else:
        u = v = np.zeros(0, dtype=np.int64)
        w = np.zeros(0, dtype=np.float64)
    keep = u != v  # self-loops do not connect anything
    u, v, w = u[keep], v[keep], w[keep]
    # Symmetrise; parallel edges (and both orientations of one pair) merge, weights summing.
    mat = sp.coo_array(
        (np.concatenate([w, w]), (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(n, n)
    ).tocsr()
    mat.sum_duplicates()
    mat.sort_indices()
    indptr = mat.indptr.astype(np.int64)
    indices = mat.indices.astype(np.int64)
    return CompactGraph(tuple(ids), indptr, indices, mat.data.astype(np.float64), np.ones(n))


def _check_weight(triple: tuple[Any, Any, Any]) -> float:
    u, v, w = triple
    try:
        value = float(w)
    except (TypeError, ValueError):
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise ParameterError(
            f"edge ({u!r}, {v!r}) has weight {w!r}; weights must be finite and >= 0"
        )
    return value


def _cost_array(ids: tuple[Hashable, ...], costs: Mapping[Hashable, float]) -> np.ndarray:
    index = {v: i for i, v in enumerate(ids)}
    unknown = [k for k in costs if k not in index]
    if unknown:
        raise UnknownEntityError(
            f"cost given for actor {unknown[0]!r}, which is not a node of the network"
        )
    out = np.empty(len(ids))
    for i, v in enumerate(ids):
        if v not in costs:
            raise ParameterError(
                f"actor {v!r} has no cost",
                hint="Give every actor a cost (inf for one that cannot be acted on), "
                "or costs=None for unit costs.",
            )
        raw = costs[v]
        try:
            value = float(raw)
        except (TypeError, ValueError):
            value = math.nan
        if math.isnan(value) or value < 0:
            raise ParameterError(
                f"actor {v!r} has cost {raw!r}; costs must be >= 0 (inf: cannot act on it)"
            )
        out[i] = value
    return out


def _weight_entries(g: CompactGraph, weights: Mapping[Any, float]) -> np.ndarray:
    index = g.index
    out = np.zeros(len(g.indices))
    seen = np.zeros(len(g.indices), dtype=bool)
    for key, raw in weights.items():
        try:
            a, b = key
            i, j = index[a], index[b]
        except (KeyError, TypeError, ValueError):
            raise UnknownEntityError(
                f"weight given for {key!r}, which is not an edge between known actors"
            ) from None
        value = _check_weight((a, b, raw))
        for x, y in ((i, j), (j, i)):
            row = g.indices[g.indptr[x] : g.indptr[x + 1]]
            pos = np.searchsorted(row, y)
            if pos >= len(row) or row[pos] != y:
                raise UnknownEntityError(f"weight given for ({a!r}, {b!r}), which is not an edge")
            out[g.indptr[x] + pos] = value
            seen[g.indptr[x] + pos] = True
    if not seen.all():
        rows = np.repeat(np.arange(g.n), g.degree())
        k = int(np.flatnonzero(~seen)[0])
        raise ParameterError(
            f"edge ({g.ids[rows[k]]!r}, {g.ids[g.indices[k]]!r}) has no weight",
            hint="Give every edge a weight, or weights=None for unit weights.",
        )
    return out
