"""Connected components under removals: the LCC curve, robustness R and q at a target."""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from netlink.errors import ParameterError
from netlink.rank._graph import CompactGraph, GraphLike, as_compact_graph

__all__ = [
    "UnionFind",
    "component_roots",
    "components",
    "full_order",
    "lcc_curve",
    "lcc_sizes",
    "max_piece_after_removal",
    "q_at",
    "robustness",
    "target_size",
]


class UnionFind:
    """Disjoint sets over ``n`` node indices with component sizes (Tarjan's union-find)."""

    __slots__ = ("parent", "size")

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n

    def find(self, x: int) -> int:
        """The root of ``x``'s set (with path halving)."""
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> int:
        """Merge the sets of ``a`` and ``b``; return the size of the merged set."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return self.size[ra]
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        return self.size[ra]


def target_size(n: int, target_fraction: float) -> int:
    """The largest LCC (in nodes) that meets ``target_fraction`` of ``n`` nodes."""
    if not (isinstance(target_fraction, int | float) and 0 <= target_fraction <= 1):
        raise ParameterError(f"target_fraction must be in [0, 1], got {target_fraction!r}")
    # The tolerance absorbs float error: 0.29 * 100 is 28.999999999999996, not 29.
    return math.floor(target_fraction * n + 1e-9)


def components(g: CompactGraph, alive: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Label the components of the subgraph induced by ``alive``.

    Returns ``(labels, sizes)``; removed nodes get label -1, live nodes 0..k-1 in order
    of their component's smallest node.
    """
    n = g.n
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    roots, inverse = np.unique(component_roots(g, alive)[alive], return_inverse=True)
    labels = np.full(n, -1, dtype=np.int64)
    labels[alive] = inverse
    return labels, np.bincount(inverse, minlength=len(roots)).astype(np.int64)


#: Up to this many edges a union-find in Python labels components faster than scipy,
#: whose per-call overhead dominates on the small graphs most networks are.
_SMALL_GRAPH_EDGES = 400


def component_roots(g: CompactGraph, alive: np.ndarray) -> np.ndarray:
    """Per node, the smallest live node of its component in the subgraph induced by
    ``alive`` (a removed node is its own); two live nodes are joined iff equal."""
    n = g.n
    if g.m > _SMALL_GRAPH_EDGES:
        rows = np.repeat(np.arange(n), g.degree())
        keep = alive[rows] & alive[g.indices]
        mat = sp.csr_array(
            (np.ones(int(keep.sum()), dtype=np.int8), (rows[keep], g.indices[keep])), shape=(n, n)
        )
        _, found = connected_components(mat, directed=False)
        _, first, inverse = np.unique(found, return_index=True, return_inverse=True)
        return first[inverse]
    parent = list(range(n))
    up = alive.tolist()
    for u, v in g.edge_pairs:
        if up[u] and up[v]:
            while parent[u] != u:
                parent[u] = u = parent[parent[u]]
            while parent[v] != v:
                parent[v] = v = parent[parent[v]]
            # The smaller root wins, so every root is its component's smallest node.
            if u < v:
                parent[v] = u
            elif v < u:
                parent[u] = v
    for v in range(n):
        # A parent is always smaller than its child, so in index order it already
        # points at its root: one pass flattens every path.
        parent[v] = parent[parent[v]]
    return np.asarray(parent, dtype=np.int64)


def full_order(g: CompactGraph, order: Sequence[int]) -> list[int]:
    """``order`` completed by the nodes it leaves out, in index (id) order."""
    seen = np.zeros(g.n, dtype=bool)
    seen[np.asarray(order, dtype=np.int64)] = True
    return [*order, *np.flatnonzero(~seen).tolist()]


def lcc_sizes(g: CompactGraph, order: Sequence[int]) -> np.ndarray:
    """LCC size (nodes) after removing the first Q nodes of ``order``, for Q = 0..n.

    ``order`` is completed by the nodes it leaves out (in id order), so the curve always
    ends at 0. Nodes are added back in reverse order with a union-find, one pass.
    """
    full = full_order(g, order)
    n = g.n
    out = [0] * (n + 1)
    uf = UnionFind(n)
    present = [False] * n
    indptr, indices = g.indptr.tolist(), g.indices.tolist()
    best = 0
    for q in range(n - 1, -1, -1):
        v = full[q]
        present[v] = True
        best = max(best, 1)
        for u in indices[indptr[v] : indptr[v + 1]]:
            if present[u]:
                best = max(best, uf.union(u, v))
        out[q] = best
    return np.asarray(out, dtype=np.int64)


def robustness(sizes: np.ndarray) -> float:
    """Robustness R = (1/N) sum over Q = 1..N of LCC(Q)/N (Schneider et al., PNAS 2011)."""
    n = len(sizes) - 1
    return float(sizes[1:].sum() / (n * n)) if n > 0 else 0.0


def q_at(sizes: np.ndarray, limit: int) -> int | None:
    """Fewest removals Q with LCC(Q) <= ``limit``; ``None`` if the curve never gets there."""
    hit = np.flatnonzero(sizes <= limit)
    return int(hit[0]) if len(hit) else None


def lcc_curve(graph: GraphLike, order: Iterable[Hashable]) -> np.ndarray:
    """Share of nodes in the largest connected component after each removal.

    Parameters
    ----------
    graph
        Any graph :func:`netlink.rank.as_compact_graph` reads.
    order
        Node ids in removal order; nodes left out are removed afterwards in id order.

    Returns
    -------
    numpy.ndarray
        ``n + 1`` values: the LCC share after removing the first Q nodes, Q = 0..n.

    Raises
    ------
    UnknownEntityError
        A node of ``order`` is not in the graph.

    Examples
    --------
    >>> lcc_curve([(0, 1), (0, 2), (0, 3)], [0]).tolist()
    [1.0, 0.25, 0.25, 0.25, 0.0]
    """
    g = as_compact_graph(graph)
    idx = g.indices_of(order).tolist()
    if len(set(idx)) != len(idx):
        raise ParameterError("the removal order names a node twice")
    sizes = lcc_sizes(g, idx)
    return sizes / g.n if g.n else sizes.astype(np.float64)


def max_piece_after_removal(
    comp: list[int], alive: list[bool], indptr: list[int], indices: list[int]
) -> list[int]:
    """For each node of a connected component, the size of the largest piece left when
    that node alone is removed.

    One iterative depth-first search with low-links (Hopcroft and Tarjan 1973): a child
    subtree whose low-link does not reach above its parent becomes a piece of its own
    when the parent goes; the rest of the component stays in one piece. O(n + m).
    """
    n = len(comp)
    if n == 0:
        return []
    pos = {v: i for i, v in enumerate(comp)}
    disc = [-1] * n
    low = [0] * n
    sub = [1] * n
    split_off = [0] * n  # nodes in child subtrees that detach when this node goes
    biggest = [0] * n  # largest such subtree
    disc[0] = 0
    clock = 1
    start = comp[0]
    stack = [(0, -1, indptr[start])]
    while stack:
        i, parent, k = stack[-1]
        v = comp[i]
        end = indptr[v + 1]
        descended = False
        while k < end:
            u = indices[k]
            k += 1
            if not alive[u]:
                continue
            j = pos[u]
            if disc[j] < 0:
                stack[-1] = (i, parent, k)
                disc[j] = low[j] = clock
                clock += 1
                stack.append((j, i, indptr[u]))
                descended = True
                break
            if j != parent and disc[j] < low[i]:
                low[i] = disc[j]
        if descended:
            continue
        stack.pop()
        if parent >= 0:
            sub[parent] += sub[i]
            if low[i] < low[parent]:
                low[parent] = low[i]
            if low[i] >= disc[parent]:
                split_off[parent] += sub[i]
                if sub[i] > biggest[parent]:
                    biggest[parent] = sub[i]
    return [max(biggest[i], n - 1 - split_off[i]) for i in range(n)]
