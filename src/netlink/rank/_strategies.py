"""The classic dismantling strategies: adaptive degree, adaptive betweenness, CoreHD and
collective influence.

Each public function returns a removal order (node ids) that runs until no edge is left
among removable nodes. Internally each works on a :class:`CompactGraph` and a mask of the
nodes still present, so that :func:`netlink.rank.dismantle` can run a strategy again on
what remains of a network.

Costs divide each strategy's score (the score per unit cost is maximised); a node with
cost ``inf`` is never removed. Edge weights replace degree by strength in units of the
mean edge weight (so unit weights give the plain degree), and make betweenness follow
heavy links (distance = mean weight / weight).
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Mapping
from typing import Any

import igraph as ig
import numpy as np

from netlink.errors import ParameterError
from netlink.rank._components import components, max_piece_after_removal
from netlink.rank._graph import CompactGraph, GraphLike, as_compact_graph

__all__ = [
    "adaptive_betweenness",
    "adaptive_degree",
    "break_trees",
    "collective_influence",
    "core_hd",
    "finish_by_degree",
    "order_adaptive_betweenness",
    "order_adaptive_degree",
    "order_collective_influence",
    "order_core_hd",
    "per_cost",
]

# Scores within this relative distance of the best count as tied, so that float noise in
# betweenness sums does not decide between equally central nodes: the smaller id wins.
_TIE = 1e-9


def per_cost(score: np.ndarray, costs: np.ndarray) -> np.ndarray:
    """Score per unit cost: zero cost is infinitely attractive when the score is positive,
    infinite cost never is."""
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(costs > 0, score / np.where(costs > 0, costs, 1.0), np.inf)
    out[score <= 0] = 0.0
    out[np.isinf(costs)] = 0.0
    return out


def _unit_weights(g: CompactGraph) -> np.ndarray:
    """Edge weights in units of the mean weight (all ones for an unweighted graph)."""
    if len(g.weights) == 0:
        return g.weights
    mean = float(g.weights.mean())
    return g.weights / mean if mean > 0 else np.ones_like(g.weights)


def _removable(g: CompactGraph) -> np.ndarray:
    return np.isfinite(g.costs)


# --- adaptive degree -----------------------------------------------------------------------


def order_adaptive_degree(g: CompactGraph, alive: np.ndarray) -> list[int]:
    """Repeatedly remove the node of highest degree (strength) per cost among ``alive``."""
    alive = alive.copy()
    w = _unit_weights(g).tolist()
    indptr, indices = g.indptr.tolist(), g.indices.tolist()
    costs = g.costs
    removable = _removable(g)
    initial = np.zeros(g.n)
    rows = np.repeat(np.arange(g.n), g.degree())
    live_entries = alive[rows] & alive[g.indices]
    np.add.at(initial, rows[live_entries], np.asarray(w)[live_entries])
    strength = initial.tolist()
    score = per_cost(initial, costs).tolist()
    alive_l = alive.tolist()
    heap = [(-score[v], v) for v in range(g.n) if alive_l[v] and removable[v] and score[v] > 0]
    heapq.heapify(heap)
    order: list[int] = []
    cost_l = costs.tolist()
    while heap:
        s, v = heapq.heappop(heap)
        if not alive_l[v] or -s != score[v]:
            continue  # stale entry
        alive_l[v] = False
        order.append(v)
        for k in range(indptr[v], indptr[v + 1]):
            u = indices[k]
            if alive_l[u]:
                strength[u] -= w[k]
                if removable[u]:
                    new = _ratio(strength[u], cost_l[u])
                    score[u] = new
                    if new > 0:
                        heapq.heappush(heap, (-new, u))
    return order


def _ratio(score: float, cost: float) -> float:
    if score <= 1e-12:
        return 0.0
    return score / cost if cost > 0 else float("inf")


def finish_by_degree(g: CompactGraph, removed: list[int]) -> list[int]:
    """``removed`` followed by adaptive degree on what remains, until no edge is left."""
    alive = np.ones(g.n, dtype=bool)
    alive[np.asarray(removed, dtype=np.int64)] = False
    return [*removed, *order_adaptive_degree(g, alive)]


def adaptive_degree(
    graph: GraphLike,
    *,
    costs: Mapping[Hashable, float] | None = None,
    weights: Mapping[Any, float] | None = None,
    seed: int = 0,
) -> list[Hashable]:
    """Adaptive highest-degree attack: remove the node of highest degree, recompute, repeat.

    The classic baseline (Albert, Jeong and Barabási, Nature 2000; adaptive form as in
    Holme et al., Phys. Rev. E 2002). With costs, the degree per unit cost is maximised;
    with weights, the strength (in units of the mean weight) replaces the degree.

    Parameters
    ----------
    graph
        Any graph :func:`netlink.rank.as_compact_graph` reads.
    costs, weights
        Per-actor removal costs and edge weights (see :func:`as_compact_graph`).
    seed
        Unused (the strategy is deterministic); kept so every strategy has one signature.

    Returns
    -------
    list
        Node ids in removal order, until no edge is left among removable nodes. Ties are
        broken by the smaller node id.

    Examples
    --------
    >>> adaptive_degree([(0, 1), (0, 2), (0, 3), (3, 4)])
    [0, 3]
    """
    g = as_compact_graph(graph, costs, weights)
    return [g.ids[i] for i in order_adaptive_degree(g, np.ones(g.n, dtype=bool))]


# --- adaptive betweenness ----------------------------------------------------------------


def order_adaptive_betweenness(g: CompactGraph, alive: np.ndarray) -> list[int]:
    """Repeatedly remove the node of highest betweenness per cost among ``alive``.

    Betweenness is recomputed only inside the component the last removal split, so a step
    costs O(n_c m_c) for that component (Brandes 2001) rather than for the whole graph.
    """
    alive = alive.copy()
    graph = ig.Graph(n=g.n, edges=g.edges().tolist())
    unit = _unit_weights(g)
    weighted = not np.allclose(unit, 1.0)
    if weighted:
        entry = np.repeat(np.arange(g.n), g.degree()) < g.indices
        # Heavy links are short: paths follow the volume. Zero-weight links are very long.
        graph.es["dist"] = (1.0 / np.maximum(unit[entry], 1e-9)).tolist()
    removable = _removable(g)
    between = np.zeros(g.n)
    label = np.full(g.n, -1, dtype=np.int64)
    next_label = 0

    def refresh(nodes: np.ndarray) -> None:
        nonlocal next_label
        sub = graph.induced_subgraph(nodes.tolist())
        between[nodes] = sub.betweenness(weights="dist" if weighted else None)
        membership = np.asarray(sub.connected_components().membership, dtype=np.int64)
        label[nodes] = membership + next_label
        next_label += int(membership.max()) + 1 if len(nodes) else 0

    refresh(np.flatnonzero(alive))
    degree = np.zeros(g.n)
    rows = np.repeat(np.arange(g.n), g.degree())
    live_entries = alive[rows] & alive[g.indices]
    np.add.at(degree, rows[live_entries], unit[live_entries])
    order: list[int] = []
    while True:
        eligible = alive & removable & (degree > 1e-12)
        if not eligible.any():
            return order
        score = np.where(eligible, per_cost(between, g.costs), -1.0)
        best = score.max()
        if best <= 0:  # no node lies between others (cliques, single edges): use degree
            score = np.where(eligible, per_cost(degree, g.costs), -1.0)
            best = score.max()
        v = int(np.flatnonzero(score >= best * (1 - _TIE))[0])
        order.append(v)
        alive[v] = False
        nbrs = g.neighbors(v)
        live_nbrs = nbrs[alive[nbrs]]
        degree[live_nbrs] -= unit[g.indptr[v] : g.indptr[v + 1]][alive[nbrs]]
        degree[v] = 0.0
        between[v] = 0.0
        refresh(np.flatnonzero(alive & (label == label[v])))


def adaptive_betweenness(
    graph: GraphLike,
    *,
    costs: Mapping[Hashable, float] | None = None,
    weights: Mapping[Any, float] | None = None,
    seed: int = 0,
) -> list[Hashable]:
    """Adaptive highest-betweenness attack (Holme, Kim, Yoon and Han, Phys. Rev. E 2002).

    Betweenness (Brandes 2001, via igraph) is recomputed after each removal in the
    component that removal split. Cost: O(n m) per removal while the network is still in
    one piece, so this is the slowest strategy (seconds for 5,000 nodes; use it on
    networks of a few thousand actors). With weights, paths prefer heavy links (distance =
    mean weight / weight); with costs, betweenness per unit cost is maximised. When no
    node lies between others (cliques, isolated edges) the degree decides.

    Parameters
    ----------
    graph
        Any graph :func:`netlink.rank.as_compact_graph` reads.
    costs, weights
        Per-actor removal costs and edge weights.
    seed
        Unused (the strategy is deterministic); kept so every strategy has one signature.

    Returns
    -------
    list
        Node ids in removal order, until no edge is left among removable nodes.

    Examples
    --------
    >>> adaptive_betweenness([(0, 1), (1, 2), (2, 3), (3, 4)])
    [2, 0, 3]
    """
    g = as_compact_graph(graph, costs, weights)
    return [g.ids[i] for i in order_adaptive_betweenness(g, np.ones(g.n, dtype=bool))]


# --- CoreHD --------------------------------------------------------------------------------


def order_core_hd(g: CompactGraph, alive: np.ndarray, limit: int = 1) -> list[int]:
    """CoreHD on ``alive``: empty the 2-core by highest degree, then break the trees
    until no component has more than ``limit`` nodes (1: no edge left)."""
    alive_l = alive.tolist()
    indptr, indices = g.indptr.tolist(), g.indices.tolist()
    w = _unit_weights(g).tolist()
    removable = _removable(g).tolist()
    cost_l = g.costs.tolist()
    n = g.n
    deg = [0] * n  # degree inside the current 2-core
    strength = [0.0] * n
    for v in range(n):
        if alive_l[v]:
            for k in range(indptr[v], indptr[v + 1]):
                if alive_l[indices[k]]:
                    deg[v] += 1
                    strength[v] += w[k]
    in_core = list(alive_l)
    order: list[int] = []

    def prune(start: list[int]) -> None:
        # Peel nodes of core degree < 2 (they hang off trees), cascading.
        stack = [v for v in start if in_core[v] and deg[v] < 2]
        while stack:
            v = stack.pop()
            if not in_core[v]:
                continue
            in_core[v] = False
            for k in range(indptr[v], indptr[v + 1]):
                u = indices[k]
                if in_core[u]:
                    deg[u] -= 1
                    strength[u] -= w[k]
                    if deg[u] < 2:
                        stack.append(u)

    prune(list(range(n)))
    heap = [(-_ratio(strength[v], cost_l[v]), v) for v in range(n) if in_core[v] and removable[v]]
    heapq.heapify(heap)
    while heap:
        s, v = heapq.heappop(heap)
        if not in_core[v] or -s != _ratio(strength[v], cost_l[v]):
            continue
        in_core[v] = False
        alive_l[v] = False
        order.append(v)
        touched = []
        for k in range(indptr[v], indptr[v + 1]):
            u = indices[k]
            if in_core[u]:
                deg[u] -= 1
                strength[u] -= w[k]
                touched.append(u)
        prune(touched)
        for u in touched:
            if in_core[u] and removable[u]:
                heapq.heappush(heap, (-_ratio(strength[u], cost_l[u]), u))
    # The 2-core is empty, or holds only nodes that cannot be removed: what is left of the
    # removable part is a forest (plus unremovable cycles). Break it at centroids.
    rest = np.asarray(alive_l, dtype=bool)
    return order + break_trees(g, rest, limit)


def break_trees(g: CompactGraph, alive: np.ndarray, limit: int = 1) -> list[int]:
    """Remove nodes until no component has more than ``limit`` nodes, always cutting the
    largest component where the removal shrinks it most per unit cost (a centroid, for
    a tree and unit costs).

    Largest component first keeps the LCC curve low; each component is handled once per
    cut, so the whole pass is O(n log n) for a forest.
    """
    labels, _ = components(g, alive)
    members: dict[int, list[int]] = {}
    for v in np.flatnonzero(alive).tolist():
        members.setdefault(int(labels[v]), []).append(v)
    heap = [(-len(m), m[0], m) for m in members.values() if len(m) > max(limit, 1)]
    heapq.heapify(heap)
    alive_l = alive.tolist()
    indptr, indices = g.indptr.tolist(), g.indices.tolist()
    cost_l = g.costs.tolist()
    order: list[int] = []
    while heap:
        _, _, comp = heapq.heappop(heap)
        cut = _best_single_cut(comp, alive_l, indptr, indices, cost_l)
        if cut is None:
            continue  # nothing removable here
        alive_l[cut] = False
        order.append(cut)
        for piece in _pieces(comp, cut, alive_l, indptr, indices):
            if len(piece) > max(limit, 1):
                heapq.heappush(heap, (-len(piece), min(piece), piece))
    return order


def _best_single_cut(
    comp: list[int], alive: list[bool], indptr: list[int], indices: list[int], cost: list[float]
) -> int | None:
    """The node of ``comp`` whose removal most reduces its largest piece per unit cost."""
    pieces = max_piece_after_removal(comp, alive, indptr, indices)
    n = len(comp)
    best, best_v = -1.0, None
    for i, v in enumerate(comp):
        if cost[v] == float("inf"):
            continue
        gain = _ratio(float(n - pieces[i]), cost[v])
        if gain > best or (gain == best and best_v is not None and v < best_v):
            best, best_v = gain, v
    return best_v


def _pieces(
    comp: list[int], cut: int, alive: list[bool], indptr: list[int], indices: list[int]
) -> list[list[int]]:
    seen = {cut}
    out = []
    for s in comp:
        if s in seen:
            continue
        seen.add(s)
        piece = [s]
        stack = [s]
        while stack:
            v = stack.pop()
            for u in indices[indptr[v] : indptr[v + 1]]:
                if alive[u] and u not in seen:
                    seen.add(u)
                    piece.append(u)
                    stack.append(u)
        out.append(piece)
    return out


def core_hd(
    graph: GraphLike,
    *,
    costs: Mapping[Hashable, float] | None = None,
    weights: Mapping[Any, float] | None = None,
    seed: int = 0,
) -> list[Hashable]:
    """CoreHD: adaptive highest degree inside the 2-core, then tree breaking.

    Zdeborová, Zhang and Zhou, "Fast and simple decycling and dismantling of networks",
    Sci. Rep. 2016: remove the highest-degree node of the 2-core, re-peel the 2-core,
    repeat until it is empty; the forest left is then broken at the nodes that shrink the
    largest tree most (centroids). With costs, degree per unit cost is maximised.

    Parameters
    ----------
    graph
        Any graph :func:`netlink.rank.as_compact_graph` reads.
    costs, weights
        Per-actor removal costs and edge weights.
    seed
        Unused (the strategy is deterministic); kept so every strategy has one signature.

    Returns
    -------
    list
        Node ids in removal order, until no edge is left among removable nodes.

    Examples
    --------
    >>> core_hd([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4)])
    [0, 2, 3]
    """
    g = as_compact_graph(graph, costs, weights)
    return [g.ids[i] for i in order_core_hd(g, np.ones(g.n, dtype=bool))]


# --- collective influence --------------------------------------------------------------------


def order_collective_influence(g: CompactGraph, alive: np.ndarray, ell: int = 2) -> list[int]:
    """Adaptive collective influence CI_ell on ``alive``, then degree once CI is zero."""
    alive_l = alive.tolist()
    indptr, indices = g.indptr.tolist(), g.indices.tolist()
    w = _unit_weights(g).tolist()
    removable = _removable(g).tolist()
    cost_l = g.costs.tolist()
    n = g.n
    k = [0.0] * n
    for v in range(n):
        if alive_l[v]:
            k[v] = sum(w[e] for e in range(indptr[v], indptr[v + 1]) if alive_l[indices[e]])

    def ci(v: int) -> float:
        if k[v] <= 1:
            return 0.0
        frontier = _ball_layer(v, ell, alive_l, indptr, indices)
        return (k[v] - 1) * sum(max(k[j] - 1, 0.0) for j in frontier)

    score = [_ratio(ci(v), cost_l[v]) if alive_l[v] and removable[v] else 0.0 for v in range(n)]
    heap = [(-score[v], v) for v in range(n) if score[v] > 0]
    heapq.heapify(heap)
    order: list[int] = []
    while heap:
        s, v = heapq.heappop(heap)
        if not alive_l[v] or -s != score[v]:
            continue
        alive_l[v] = False
        order.append(v)
        for e in range(indptr[v], indptr[v + 1]):
            if alive_l[indices[e]]:
                k[indices[e]] -= w[e]
        # CI changes for every node within ell + 1 of the removed one (Morone and Makse).
        near = {u for r in range(1, ell + 2) for u in _ball_layer(v, r, alive_l, indptr, indices)}
        for u in sorted(near):
            if removable[u]:
                new = _ratio(ci(u), cost_l[u])
                if new != score[u]:
                    score[u] = new
                    if new > 0:
                        heapq.heappush(heap, (-new, u))
    # CI is zero everywhere: only stars and pairs are left; finish them by degree.
    rest = np.asarray(alive_l, dtype=bool)
    return order + order_adaptive_degree(g, rest)


def _ball_layer(
    v: int, radius: int, alive: list[bool], indptr: list[int], indices: list[int]
) -> list[int]:
    # BFS through live nodes from a removed node: its neighbours are still reachable.
    seen = {v}
    layer = [v]
    for _ in range(radius):
        nxt = []
        for x in layer:
            for u in indices[indptr[x] : indptr[x + 1]]:
                if alive[u] and u not in seen:
                    seen.add(u)
                    nxt.append(u)
        layer = nxt
    return layer


def collective_influence(
    graph: GraphLike,
    ell: int = 2,
    *,
    costs: Mapping[Hashable, float] | None = None,
    weights: Mapping[Any, float] | None = None,
    seed: int = 0,
) -> list[Hashable]:
    """Adaptive collective influence CI_ell (Morone and Makse, Nature 2015).

    CI_ell(i) = (k_i - 1) * sum of (k_j - 1) over the nodes j at distance exactly ell from
    i; the node of highest CI per unit cost is removed and CI is recomputed within ell + 1
    of it. Once CI is zero everywhere, the remaining stars and pairs go by degree. With
    weights, k is the strength in units of the mean edge weight.

    Parameters
    ----------
    graph
        Any graph :func:`netlink.rank.as_compact_graph` reads.
    ell
        The radius of the ball (>= 1).
    costs, weights
        Per-actor removal costs and edge weights.
    seed
        Unused (the strategy is deterministic); kept so every strategy has one signature.

    Returns
    -------
    list
        Node ids in removal order, until no edge is left among removable nodes.

    Examples
    --------
    >>> collective_influence([(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)], ell=1)
    [2, 4, 0]
    """
    if not isinstance(ell, int) or ell < 1:
        raise ParameterError(f"ell must be an integer >= 1, got {ell!r}")
    g = as_compact_graph(graph, costs, weights)
    return [g.ids[i] for i in order_collective_influence(g, np.ones(g.n, dtype=bool), ell)]
