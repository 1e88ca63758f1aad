"""Local search on a dismantling set: exchange two removed actors for one.

After greedy reinsertion no single actor can go back. This search tries the next
neighbourhood: put back two removed actors that touch a common cluster and remove one
actor that splits the merged cluster into pieces within the target (found for all
candidates at once from articulation points). Such a move saves an actor (or cost).
When no move saves anything, a random sideways move (put one back, remove another that
fixes its cluster) shifts the set, and the search goes on from there: a plain
large-neighbourhood walk in the spirit of the exchange searches for critical node
problems (Aringhieri et al., Networks 2016), bounded by a work budget so that it takes
the same time, and gives the same answer, on every run.
"""

from __future__ import annotations

import numpy as np

from netlink.rank._components import max_piece_after_removal
from netlink.rank._graph import CompactGraph

__all__ = ["polish"]


class _Partition:
    """The clusters of the network without the removal set, with labels and members."""

    def __init__(self, g: CompactGraph, removed: list[int], fixed: np.ndarray | None) -> None:
        self.indptr = g.indptr.tolist()
        self.indices = g.indices.tolist()
        self.cost = g.costs.tolist()
        alive = np.ones(g.n, dtype=bool)
        alive[np.asarray(removed, dtype=np.int64)] = False
        if fixed is not None:
            alive &= ~fixed
        self.alive = alive.tolist()
        self.removed = set(removed)
        self.label = [-1] * g.n
        self.members: dict[int, list[int]] = {}
        self.next_label = 0
        for v in range(g.n):
            if self.alive[v] and self.label[v] < 0:
                self._label_from(v)

    def _label_from(self, start: int) -> None:
        lab = self.next_label
        self.next_label += 1
        label, alive, indptr, indices = self.label, self.alive, self.indptr, self.indices
        label[start] = lab
        stack = [start]
        members = [start]
        while stack:
            v = stack.pop()
            for u in indices[indptr[v] : indptr[v + 1]]:
                if alive[u] and label[u] != lab:
                    label[u] = lab
                    stack.append(u)
                    members.append(u)
        self.members[lab] = members

    def touching(self, v: int) -> set[int]:
        """Labels of the clusters a removed node ``v`` links to."""
        label = self.label
        return {
            label[u] for u in self.indices[self.indptr[v] : self.indptr[v + 1]] if label[u] >= 0
        }

    def merged(self, nodes: list[int]) -> list[int]:
        """The cluster that putting back ``nodes`` (removed) would make."""
        labels: set[int] = set()
        for v in nodes:
            labels |= self.touching(v)
        out = list(nodes)
        for lab in sorted(labels):
            out.extend(self.members[lab])
        return out

    def partners(self, s: int) -> tuple[list[int], int]:
        """Removed nodes that share a cluster with removed node ``s`` or link to it, and
        the work done (nodes scanned)."""
        removed, indptr, indices = self.removed, self.indptr, self.indices
        out = {u for u in indices[indptr[s] : indptr[s + 1]] if u in removed}
        work = 1
        for lab in self.touching(s):
            for v in self.members[lab]:
                work += 1
                for u in indices[indptr[v] : indptr[v + 1]]:
                    if u in removed:
                        out.add(u)
        out.discard(s)
        return sorted(out), work

    def cuts(self, back: list[int], limit: int) -> tuple[list[tuple[float, int, int]], int]:
        """Put ``back`` back tentatively; return ``(cost, largest piece, node)`` for every
        removable node of the merged cluster whose removal leaves all its pieces within
        ``limit``, sorted, and the size of the merged cluster (the work done)."""
        cluster = self.merged(back)
        for v in back:
            self.alive[v] = True
        pieces = max_piece_after_removal(cluster, self.alive, self.indptr, self.indices)
        for v in back:
            self.alive[v] = False
        found = [
            (self.cost[v], pieces[i], v)
            for i, v in enumerate(cluster)
            if pieces[i] <= limit and v not in back and self.cost[v] != float("inf")
        ]
        return sorted(found), len(cluster)

    def exchange(self, back: list[int], out: int | None) -> None:
        """Put ``back`` back and remove ``out`` (a node of the merged cluster), if any."""
        cluster = self.merged(back)
        for lab in {self.label[v] for v in cluster if self.label[v] >= 0}:
            del self.members[lab]
        for v in back:
            self.alive[v] = True
            self.removed.discard(v)
        if out is not None:
            self.alive[out] = False
            self.removed.add(out)
        for v in cluster:
            self.label[v] = -1
        for v in cluster:
            if self.alive[v] and self.label[v] < 0:
                self._label_from(v)


def polish(
    g: CompactGraph,
    removed: list[int],
    limit: int,
    *,
    budget: int,
    seed: int = 0,
    fixed: np.ndarray | None = None,
) -> list[int]:
    """Shrink (or cheapen) a dismantling set by two-for-one exchanges.

    Parameters
    ----------
    g
        The graph.
    removed
        A set of node indices whose removal leaves clusters of at most ``limit`` nodes
        (with the ``fixed`` mask of nodes that stay out regardless).
    limit
        The largest cluster allowed.
    budget
        Work allowed, in nodes visited; the search stops when it is spent.
    seed
        Seeds the sideways moves.
    fixed
        Nodes removed for good, never put back.

    Returns
    -------
    list[int]
        The best set found (never costlier, never larger at equal cost), sorted.
    """
    part = _Partition(g, removed, fixed)
    rng = np.random.default_rng(seed)
    cost = g.costs

    def total(nodes: set[int]) -> tuple[float, int]:
        return (float(cost[list(nodes)].sum()) if nodes else 0.0, len(nodes))

    work = 0
    best = set(part.removed)
    best_value = total(best)
    queue = sorted(part.removed, reverse=True)
    while work < budget:
        work += _improve(part, queue, limit, budget - work)
        value = total(part.removed)
        if value < best_value:
            best, best_value = set(part.removed), value
        if work >= budget or not part.removed:
            break
        # Sideways: put back a random removed node, remove one that fixes its cluster.
        s = sorted(part.removed)[int(rng.integers(len(part.removed)))]
        found, spent = part.cuts([s], limit)
        work += spent
        found = [c for c in found if c[0] <= cost[s]]
        if not found:
            continue
        cut = found[int(rng.integers(len(found)))][2]
        part.exchange([s], cut)
        near, spent = part.partners(cut)
        work += spent
        queue = [cut, *near]
    return sorted(best)


def _improve(part: _Partition, queue: list[int], limit: int, budget: int) -> int:
    """Apply saving moves from the removed nodes in ``queue`` until none is left."""
    work = 0
    queued = set(queue)
    while queue and work < budget:
        s = queue.pop()
        queued.discard(s)
        if s not in part.removed:
            continue
        # Putting s back alone may already fit (an earlier move made room).
        if sum(len(part.members[lab]) for lab in part.touching(s)) + 1 <= limit:
            part.exchange([s], None)
            continue
        near, spent = part.partners(s)
        work += spent
        for t in near:
            if work >= budget:
                break
            found, spent = part.cuts([s, t], limit)
            work += spent
            if not found or found[0][0] >= part.cost[s] + part.cost[t]:
                continue
            cut = found[0][2]
            part.exchange([s, t], cut)
            around, spent = part.partners(cut)
            work += spent
            for u in [cut, *around]:
                if u not in queued:
                    queue.append(u)
                    queued.add(u)
            break
    return work
