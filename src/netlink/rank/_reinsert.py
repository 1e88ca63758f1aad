"""Greedy reinsertion (Braunstein et al. 2016) and the recommended removal order."""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Iterable, Mapping, Sequence

import numpy as np

from netlink.errors import ParameterError
from netlink.rank._components import UnionFind, target_size
from netlink.rank._graph import CompactGraph, GraphLike, as_compact_graph

# How many stale keys the greedy insertion refreshes per step, and in all per node,
# before it settles for the best key seen.
_LOOKAHEAD = 64
_REFRESHES = 16

__all__ = ["greedy_insertion", "reinsert", "reinsert_indices", "reverse_greedy_order"]


class _Clusters:
    """The clusters of the present nodes, grown one inserted node at a time."""

    def __init__(self, g: CompactGraph, present: np.ndarray) -> None:
        self.indptr = g.indptr.tolist()
        self.indices = g.indices.tolist()
        self.present = present.tolist()
        self.uf = UnionFind(g.n)
        for v in np.flatnonzero(present).tolist():
            for u in self.indices[self.indptr[v] : self.indptr[v + 1]]:
                if u < v and self.present[u]:
                    self.uf.union(u, v)

    def joined(self, v: int) -> tuple[int, int]:
        """(size of the cluster inserting ``v`` would make, number of clusters it joins)."""
        roots = {
            self.uf.find(u)
            for u in self.indices[self.indptr[v] : self.indptr[v + 1]]
            if self.present[u]
        }
        return 1 + sum(self.uf.size[r] for r in roots), len(roots)

    def insert(self, v: int) -> None:
        self.present[v] = True
        for u in self.indices[self.indptr[v] : self.indptr[v + 1]]:
            if self.present[u]:
                self.uf.union(u, v)


def reinsert_indices(
    g: CompactGraph, removed: Sequence[int], limit: int, fixed: np.ndarray | None = None
) -> list[int]:
    """Greedy reinsertion on indices: the part of ``removed`` that must stay removed.

    Starting from the network without ``removed`` (and without the ``fixed`` mask of
    nodes that stay out whatever happens), put back one node at a time, always the one
    that would end in the smallest cluster per unit of its cost (so dear actors go back
    first), as long as no cluster grows beyond ``limit`` nodes. Clusters only grow, so a
    node that no longer fits never fits again and a lazy heap suffices.

    Returns the nodes that stay removed, in their order in ``removed``.
    """
    present = np.ones(g.n, dtype=bool)
    present[np.asarray(removed, dtype=np.int64)] = False
    if fixed is not None:
        present &= ~fixed
    clusters = _Clusters(g, present)
    costs = g.costs.tolist()

    def key(v: int) -> tuple[float, int, int, int]:
        size, joins = clusters.joined(v)
        per_cost = size / costs[v] if costs[v] > 0 else float("inf")
        return (per_cost, size, joins, v)

    heap = [key(v) for v in removed]
    heapq.heapify(heap)
    while heap:
        v = heapq.heappop(heap)[3]
        fresh = key(v)
        # Keys only grow, so heap entries are lower bounds: a fresh key no larger than
        # the smallest entry left is the true minimum.
        if heap and fresh > heap[0]:
            heapq.heappush(heap, fresh)
            continue
        if fresh[1] <= limit:
            clusters.insert(v)
    return [v for v in removed if not clusters.present[v]]


def greedy_insertion(clusters: _Clusters, candidates: Iterable[int]) -> list[int]:
    """Insert all ``candidates``, always the one ending in the smallest cluster (then the
    one joining fewest clusters, then the smallest index); return the insertion order.

    Keys only grow, so the heap holds lower bounds, refreshed lazily. When one cluster
    dominates, each insertion makes every waiting key stale; so each step refreshes at
    most ``_LOOKAHEAD`` stale keys, and the whole call at most ``_REFRESHES`` per
    candidate, before it takes the smallest fresh key seen (the order is then greedy
    among the nodes looked at). This bounds the work at O(n log n) whatever the graph.
    """

    def key(v: int) -> tuple[int, int, int]:
        size, joins = clusters.joined(v)
        return (size, joins, v)

    heap = [key(v) for v in candidates]
    heapq.heapify(heap)
    refreshes = _REFRESHES * len(heap)
    out = []
    while heap:
        looked: list[tuple[int, int, int]] = []
        lookahead = min(_LOOKAHEAD, refreshes)
        while True:
            fresh = key(heapq.heappop(heap)[2])
            if not heap or fresh <= heap[0] or len(looked) >= lookahead:
                break
            looked.append(fresh)
        refreshes -= len(looked)
        if looked:
            best = min(looked)
            if best < fresh:
                looked.remove(best)
                looked.append(fresh)
                fresh = best
            for item in looked:
                heapq.heappush(heap, item)
        clusters.insert(fresh[2])
        out.append(fresh[2])
    return out


def reverse_greedy_order(g: CompactGraph, levels: Sequence[Sequence[int]]) -> list[int]:
    """The recommended removal order for nested dismantling sets.

    ``levels[0]`` is the dismantling set for the target, ``levels[1]`` the extra nodes
    that bring what remains to a smaller target, and so on. Starting from the empty
    network, the nodes in no level are inserted greedily (smallest resulting cluster
    first), then each level from the last to the first; the removal order is this
    insertion sequence reversed. So the order starts with exactly ``levels[0]``, then
    ``levels[1]``, ...; within a level, the node whose return would merge the largest
    clusters goes first, which front-loads the damage and keeps the LCC curve low.
    """
    in_level = np.zeros(g.n, dtype=bool)
    for level in levels:
        in_level[np.asarray(level, dtype=np.int64)] = True
    clusters = _Clusters(g, np.zeros(g.n, dtype=bool))
    sequence = greedy_insertion(clusters, np.flatnonzero(~in_level).tolist())
    for level in reversed(levels):
        sequence += greedy_insertion(clusters, level)
    return sequence[::-1]


def reinsert(
    graph: GraphLike,
    removed: Iterable[Hashable],
    *,
    target_fraction: float = 0.1,
    costs: Mapping[Hashable, float] | None = None,
) -> list[Hashable]:
    """Greedy reinsertion: drop from a removal set the actors not needed to meet the target.

    Braunstein, Dall'Asta, Semerjian and Zdeborová, "Network dismantling", PNAS 2016:
    starting from the network without ``removed``, put actors back one at a time, always
    the one that ends up in the smallest cluster, while no cluster exceeds
    ``target_fraction`` of the nodes. With costs the cluster size per unit cost decides,
    so expensive actors are put back first and the set that stays is cheaper.

    Parameters
    ----------
    graph
        Any graph :func:`netlink.rank.as_compact_graph` reads.
    removed
        The actors removed, in removal order.
    target_fraction
        The largest connected component allowed, as a share of all nodes.
    costs
        Per-actor removal costs.

    Returns
    -------
    list
        The actors that stay removed, in their order in ``removed``. If ``removed`` does
        not meet the target, only actors whose return keeps every cluster they join
        within the target are put back.

    Raises
    ------
    UnknownEntityError
        An actor of ``removed`` is not in the graph (the message names it).

    Examples
    --------
    >>> star_pair = [(0, 1), (0, 2), (0, 3), (3, 4), (4, 5), (4, 6)]
    >>> reinsert(star_pair, [0, 4, 3], target_fraction=0.5)
    [0, 4]
    """
    g = as_compact_graph(graph, costs)
    idx = g.indices_of(removed).tolist()
    if len(set(idx)) != len(idx):
        raise ParameterError("the removal set names an actor twice")
    kept = reinsert_indices(g, idx, target_size(g.n, target_fraction))
    return [g.ids[i] for i in kept]
