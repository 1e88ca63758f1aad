"""Seeded Leiden community detection on a weighted undirected graph (igraph)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager

import igraph as ig
import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from netlink.errors import ParameterError
from netlink.graph._arrays import unique_inverse

__all__ = ["canonical_labels", "leiden", "leiden_core", "seeded_igraph"]


@contextmanager
def seeded_igraph(seed: int) -> Iterator[None]:
    """Run igraph's random steps from ``random.Random(seed)``; restore the default after.

    igraph draws from one process-wide generator, so the seeded one is installed only
    for the duration of the block.
    """
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def leiden(
    n: int,
    a: np.ndarray,
    b: np.ndarray,
    weight: np.ndarray,
    *,
    resolution: float,
    seed: int,
    iterations: int = 2,
) -> np.ndarray:
    """Communities of ``n`` nodes by Leiden on a constant-resolution Potts model.

    The quality optimised is ``sum_c (w_c - resolution * S_c**2 / 2)`` with ``w_c`` the
    weight inside community ``c`` and ``S_c`` the summed strength (weighted degree) of
    its nodes: CPM with strength as node size. Unlike modularity, whose penalty shrinks
    with the total weight of the graph, the penalty here is fixed, so two communities
    joined by a weak link stay apart however large the rest of the graph is (no
    resolution limit), while a node with a single link joins its neighbour's community
    whatever that link's weight (a leaf never pays more than it gains while its
    community's strength stays under ``1 / resolution``).

    Parameters
    ----------
    n
        Number of nodes, numbered 0..n-1.
    a, b, weight
        Undirected edges and their positive weights.
    resolution
        The fixed penalty; larger gives smaller communities.
    seed
        Seed of Leiden's random steps; the same input and seed give the same result.
    iterations
        The most Leiden iterations; it stops earlier when an iteration changes nothing.
        (igraph's "until stable" setting never ends on some weighted graphs.)

    Returns
    -------
    numpy.ndarray
        Community label per node, labels numbered by their smallest node.

    Examples
    --------
    Two triangles joined by one weak edge stay two communities.

    >>> a = np.array([0, 1, 0, 3, 4, 3, 2])
    >>> b = np.array([1, 2, 2, 4, 5, 5, 3])
    >>> w = np.array([1, 1, 1, 1, 1, 1, 0.1])
    >>> leiden(6, a, b, w, resolution=0.05, seed=0).tolist()
    [0, 0, 0, 3, 3, 3]
    """
    if resolution <= 0:
        raise ParameterError(f"resolution must be positive, got {resolution!r}")
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    weight = np.asarray(weight, dtype=np.float64)
    if len(a) and (weight <= 0).any():
        raise ParameterError("edge weights must be positive")
    if iterations < 1:
        raise ParameterError(f"iterations must be at least 1, got {iterations}")
    # Only nodes with a link take part, numbered anew: igraph's Leiden does work for
    # every node of the graph in each pass, and most parties of a large extract have no
    # link left (measured at a million cases: 26 s on all 1.4 million parties, 2.8 s on
    # the 0.2 million with links). A node without links is a community of its own.
    used, ends = unique_inverse(np.r_[a, b])
    k, m = len(used), len(a)
    ca, cb = ends[:m], ends[m:]
    g = ig.Graph(n=k, edges=np.column_stack([ca, cb]).tolist(), directed=False)
    strength = np.bincount(ca, weight, minlength=k) + np.bincount(cb, weight, minlength=k)
    w_list, s_list = weight.tolist(), strength.tolist()
    membership = None
    with seeded_igraph(seed):
        for _ in range(iterations):
            part = g.community_leiden(
                objective_function="CPM",
                weights=w_list,
                resolution=resolution,
                node_weights=s_list,
                n_iterations=1,
                initial_membership=membership,
            )
            if membership is not None and part.membership == membership:
                break
            membership = part.membership
    labels = np.arange(n, dtype=np.int64)
    if k:
        labels[used] = n + np.asarray(membership, dtype=np.int64)
    return canonical_labels(labels)


def leiden_core(
    n: int,
    a: np.ndarray,
    b: np.ndarray,
    weight: np.ndarray,
    *,
    resolution: float,
    seed: int,
    iterations: int = 2,
    peripheral: np.ndarray | None = None,
    attach_share: float = 0.5,
) -> np.ndarray:
    """:func:`leiden` on the core of the graph; peripheral nodes follow their links.

    A node on the periphery (linked to one other node only, or marked ``peripheral``:
    a buyer of one parcel, a one-off consignee) says little about where communities
    end, but its links add to its neighbours' strength and so to the penalty their
    community pays: a store with a thousand buyers would be split off its network.
    Peripheral nodes are set aside, the core is clustered, and each group of
    peripheral nodes linked to each other joins the community that holds at least
    ``attach_share`` of the group's link weight; a group whose links mostly stay inside
    it (a one-off sender and its receiver) stays on its own.

    Examples
    --------
    A star of leaves around node 0 stays with the triangle node 0 belongs to.

    >>> a = np.array([0, 1, 0, 0, 0, 0])
    >>> b = np.array([1, 2, 2, 3, 4, 5])
    >>> leiden_core(6, a, b, np.ones(6), resolution=0.05, seed=0).tolist()
    [0, 0, 0, 0, 0, 0]

    A peripheral pair linked strongly to each other and weakly to the triangle stays
    apart.

    >>> a2, b2 = np.r_[a[:3], 3, 3, 4], np.r_[b[:3], 4, 0, 0]
    >>> w2 = np.r_[1, 1, 1, 1, 0.1, 0.1]
    >>> per = np.array([False, False, False, True, True])
    >>> leiden_core(5, a2, b2, w2, resolution=0.05, seed=0, peripheral=per).tolist()
    [0, 0, 0, 3, 3]
    """
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    w = np.asarray(weight, dtype=np.float64)
    deg = np.bincount(a, minlength=n) + np.bincount(b, minlength=n)
    outer = deg == 1
    if peripheral is not None:
        outer = outer | np.asarray(peripheral, dtype=bool)
    core = ~outer[a] & ~outer[b]
    labels = leiden(
        n, a[core], b[core], w[core], resolution=resolution, seed=seed, iterations=iterations
    ).copy()
    # Peripheral nodes linked to each other (the parties of one case) decide together:
    # a group joins the community that holds at least ``attach_share`` of its link
    # weight, its links inside the group included. A buyer and the producer named on
    # her parcel join the store's network; a one-off sender and its receiver, linked to
    # a network only through the forwarder they share, stay apart.
    inner = outer[a] & outer[b]
    _, comp = connected_components(
        coo_matrix((np.ones(int(inner.sum())), (a[inner], b[inner])), shape=(n, n)),
        directed=False,
    )
    comp = comp.astype(np.int64)
    inner_w = np.bincount(comp[a[inner]], w[inner], minlength=n)
    cross = outer[a] != outer[b]
    per_end = np.where(outer[a[cross]], a[cross], b[cross])
    core_end = np.where(outer[a[cross]], b[cross], a[cross])
    if len(per_end):
        g, c = comp[per_end], labels[core_end]
        u, inv = unique_inverse(g * n + c)
        tot = np.bincount(inv, w[cross])
        group, comm = u // n, u % n
        external = np.bincount(group, tot, minlength=n)
        # Best community per group: most weight, ties to the smallest label.
        order = np.lexsort((comm, -tot, group))
        first = order[np.r_[True, group[order][1:] != group[order][:-1]]]
        ok = tot[first] >= attach_share * (external[group[first]] + inner_w[group[first]])
        target = np.full(n, -1, dtype=np.int64)
        target[group[first][ok]] = comm[first][ok]
        joined = outer & (target[comp] >= 0)
        labels[joined] = target[comp[joined]]
    else:
        joined = np.zeros(n, dtype=bool)
    # The others stay together with the peripheral nodes they are linked to.
    alone = outer & ~joined
    labels[alone] = n + comp[alone]
    return canonical_labels(labels)


def canonical_labels(membership: np.ndarray) -> np.ndarray:
    """Relabel communities by their smallest member, so labels do not depend on order.

    Examples
    --------
    >>> canonical_labels(np.array([5, 5, 2, 9, 2])).tolist()
    [0, 0, 2, 3, 2]
    """
    if not len(membership):
        return membership
    _, inverse = unique_inverse(membership)
    first = np.full(inverse.max() + 1, len(membership), dtype=np.int64)
    np.minimum.at(first, inverse, np.arange(len(membership)))
    return first[inverse]
