"""Entities from scored pairs: union-find in score order, with analyst constraints and a
guard against chaining.

Plain connected components let one wrong pair join two large entities into one (and,
with them, two networks). Here two clusters that each hold at least two nodes merge only
when several matched pairs support it (``min_support``, and ``support_ratio`` of the
smaller cluster), or the single pair is near-certain (``strong``). Must-links are applied
first; a merge that would put a cannot-link pair in one entity is refused, and so is a
merge of two clusters holding different values of an exclusive key (a party has one web
store and one store number: two stores of one name joined through a record that names
neither are two parties). Two clusters each settled in a city of its own (seen there on
several records) merge only when they share a contact (phone, e-mail, web store): a
company and another of the same name elsewhere, joined through a record that gives only
the name and its own address, are two parties. The same holds for two clusters each
settled at an address of its own in one city ("Rossi Calzature", Via Verdi 102, and
"Rossi Distribuzione", Via Verdi 122, both written "Rossi S.r.l." now and then). A shared tax id does not count as a contact
when both clusters have contacts of their own: a company's name and tax id are borrowed
by fronts, which then give their own addresses and contacts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from netlink.errors import ParameterError

__all__ = ["ClusterResult", "cluster_pairs"]


@dataclass(frozen=True)
class ClusterResult:
    """Cluster label per node, the merges that built the clusters, and refused merges.

    ``merges`` and ``refused`` are arrays of (i, j, score) rows; ``refused_why`` holds
    ``"chain_guard"``, ``"cannot_link"`` or ``"conflict"`` per refused row; ``merge_kind`` holds
    ``"score"`` or ``"must_link"`` per merge.
    """

    labels: np.ndarray
    merges: np.ndarray
    merge_kind: tuple[str, ...]
    refused: np.ndarray
    refused_why: tuple[str, ...]


def cluster_pairs(
    n: int,
    i: np.ndarray,
    j: np.ndarray,
    score: np.ndarray,
    threshold: float,
    *,
    must: list[tuple[int, int]] | None = None,
    cannot: list[tuple[int, int]] | None = None,
    min_support: int = 2,
    support_ratio: float = 0.1,
    strong: float = 0.9999,
    exclusive: Sequence[np.ndarray] = (),
    cities: np.ndarray | None = None,
    addresses: np.ndarray | None = None,
    records: np.ndarray | None = None,
    contacts: Sequence[np.ndarray] = (),
    borrowable: Sequence[np.ndarray] = (),
    settled: int = 2,
) -> ClusterResult:
    """Cluster ``n`` nodes from pairs ``(i, j)`` scoring at least ``threshold``.

    Labels are the smallest node index in each cluster, so they do not depend on the
    order pairs arrive in; pairs are taken by descending score, ties by (i, j).

    ``exclusive`` holds integer codes per node (-1: no value), one array per key a party
    has at most one value of; a merge that would put two values of a key in one cluster
    is refused, whatever the score. Must-links are the analyst's and are not checked.

    ``cities`` and ``addresses`` hold an integer place code per node (-1: none) and
    ``records`` the number of records per node (default 1). A cluster is settled in a
    city (at an address) seen on at least ``settled`` of its records. Two clusters
    settled only in different cities, or only at different addresses, merge only when
    they share a value of one of the ``contacts`` codes, or of the ``borrowable`` ones
    (tax ids) while one of them has no contact; otherwise the merge is refused as a
    conflict, whatever the score.

    Examples
    --------
    Two triangles joined by one pair stay apart; a second supporting pair joins them.

    >>> i = np.array([0, 1, 0, 3, 4, 3, 2])
    >>> j = np.array([1, 2, 2, 4, 5, 5, 3])
    >>> s = np.array([.99, .99, .99, .99, .99, .99, .98])
    >>> cluster_pairs(6, i, j, s, 0.9).labels.tolist()
    [0, 0, 0, 3, 3, 3]
    >>> i2, j2, s2 = np.append(i, 1), np.append(j, 4), np.append(s, .98)
    >>> cluster_pairs(6, i2, j2, s2, 0.9).labels.tolist()
    [0, 0, 0, 0, 0, 0]

    Two web stores of one name, each matched to a record that names no store, stay
    apart however certain the name match.

    >>> web = np.array([0, -1, 1])
    >>> res = cluster_pairs(3, np.array([0, 1]), np.array([1, 2]), np.array([1.0, 1.0]), 0.9,
    ...                     exclusive=[web])
    >>> res.labels.tolist(), res.refused_why
    ([0, 0, 2], ('conflict',))

    Two companies of one name, each seen twice in its own city, joined by a record that
    gives only the name: the bridge joins one of them, not both, unless they share a
    phone.

    >>> city = np.array([0, 0, -1, 1, 1])
    >>> i, j = np.array([0, 3, 1, 2, 2]), np.array([1, 4, 2, 3, 4])
    >>> s = np.array([.999, .999, .99, .99, .99])
    >>> cluster_pairs(5, i, j, s, 0.9, cities=city).labels.tolist()
    [0, 0, 0, 3, 3]
    >>> phone = np.array([7, -1, -1, 7, -1])
    >>> cluster_pairs(5, i, j, s, 0.9, cities=city, contacts=[phone]).labels.tolist()
    [0, 0, 0, 0, 0]

    The same two companies in one city, each at its own address.

    >>> addr = np.array([0, 0, -1, 1, 1])
    >>> cluster_pairs(5, i, j, s, 0.9, addresses=addr).labels.tolist()
    [0, 0, 0, 3, 3]
    """
    # Python lists: union-find does scalar work, where list indexing beats numpy's.
    parent = list(range(n))
    size = [1] * n
    members: dict[int, list[int]] = {}

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    keep = score >= threshold
    ii, jj, ss = i[keep], j[keep], score[keep]
    order = np.lexsort((jj, ii, -ss))
    ii, jj, ss = ii[order], jj[order], ss[order]
    # Matched neighbours of every node (nbr[start[x]:start[x + 1]]), to count support
    # between two clusters.
    ends = np.concatenate([ii, jj])
    by_node = np.argsort(ends, kind="stable")
    nbr = np.concatenate([jj, ii])[by_node].tolist()
    start = np.searchsorted(ends[by_node], np.arange(n + 1)).tolist()

    forbid: dict[int, set[int]] = {}
    for a, b in cannot or []:
        forbid.setdefault(a, set()).add(b)
        forbid.setdefault(b, set()).add(a)

    # The value of each exclusive key a cluster holds, kept at its root.
    held = [np.asarray(codes, dtype=np.int64).tolist() for codes in exclusive]

    def conflicts(ra: int, rb: int) -> bool:
        for v in held:
            x, y = v[ra], v[rb]
            if x >= 0 and y >= 0 and x != y:
                return True
        return False

    # Per cluster root: records seen at each place, as (kind, code) with kind 0 a city
    # and 1 an address, kept from its first merge on (a node's own are read from the
    # arrays; most nodes are never merged). The contact and borrowable values, as (key,
    # code) pairs, are gathered from the members when asked for: only clusters settled
    # in different places are.
    seen: dict[int, dict[tuple[int, int], int]] = {}
    places = [
        np.asarray(codes, dtype=np.int64).tolist()
        for codes in (cities, addresses)
        if codes is not None
    ]
    weight = [1] * n if records is None else np.asarray(records, dtype=np.int64).tolist()
    total = weight.copy()  # records per cluster root
    by_place = any(max(codes, default=-1) >= 0 for codes in places)
    contact_codes = [np.asarray(codes, dtype=np.int64).tolist() for codes in contacts]
    lent_codes = [np.asarray(codes, dtype=np.int64).tolist() for codes in borrowable]

    def seen_in(r: int) -> dict[tuple[int, int], int]:
        got = seen.get(r)
        if got is None:
            return {(k, codes[r]): weight[r] for k, codes in enumerate(places) if codes[r] >= 0}
        return got

    def values_of(codes: list[list[int]], r: int) -> set[tuple[int, int]]:
        return {(k, v[m]) for m in members_of(r) for k, v in enumerate(codes) if v[m] >= 0}

    def homes(r: int) -> dict[int, set[int]]:
        """Per kind of place, the codes seen on at least ``settled`` records."""
        out: dict[int, set[int]] = {}
        for (k, c), w in seen_in(r).items():
            if w >= settled:
                out.setdefault(k, set()).add(c)
        return out

    def elsewhere(ra: int, rb: int) -> bool:
        # A place seen on ``settled`` records needs as many records in the cluster: most
        # clusters are single records and are answered here.
        if total[ra] < settled or total[rb] < settled:
            return False
        ha = homes(ra)
        if not ha:
            return False
        hb = homes(rb)
        # Settled apart: both have a home of one kind of place, and share none of them.
        if not any(k in hb and not ha[k] & hb[k] for k in ha):
            return False
        ca, cb = values_of(contact_codes, ra), values_of(contact_codes, rb)
        if ca & cb:
            return False
        # A borrowed tax id: each side then reached through contacts of its own.
        return not (values_of(lent_codes, ra) & values_of(lent_codes, rb)) or bool(ca and cb)

    def members_of(r: int) -> list[int]:
        return members.get(r, [r])

    def violates_cannot(ra: int, rb: int) -> bool:
        small, other = (ra, rb) if size[ra] <= size[rb] else (rb, ra)
        return any(find(p) == other for m in members_of(small) for p in forbid.get(m, ()))

    def union(ra: int, rb: int) -> None:
        if size[ra] < size[rb] or (size[ra] == size[rb] and rb < ra):
            ra, rb = rb, ra
        parent[rb] = ra
        size[ra] += size[rb]
        total[ra] += total[rb]
        for v in held:
            if v[ra] < 0:
                v[ra] = v[rb]
        if ra in members:
            members[ra].extend(members.pop(rb, [rb]))
        else:
            members[ra] = [ra, *members.pop(rb, [rb])]
        if by_place:
            into = seen[ra] = seen_in(ra)
            for c, w in seen_in(rb).items():
                into[c] = into.get(c, 0) + w
            seen.pop(rb, None)

    merges: list[tuple[int, int, float]] = []
    kinds: list[str] = []
    refused: list[tuple[int, int, float]] = []
    why: list[str] = []
    for a, b in must or []:
        if b in forbid.get(a, ()):
            raise ParameterError(f"nodes {a} and {b} are both must-link and cannot-link")
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        if violates_cannot(ra, rb):
            raise ParameterError(
                f"must-link of nodes {a} and {b} would join a cannot-link pair in one entity"
            )
        union(ra, rb)
        merges.append((a, b, 1.0))
        kinds.append("must_link")

    for a, b, s in zip(ii.tolist(), jj.tolist(), ss.tolist(), strict=True):
        # Most nodes are roots of their own: find() only for the others.
        ra = a if parent[a] == a else find(a)
        rb = b if parent[b] == b else find(b)
        if ra == rb:
            continue
        if forbid and violates_cannot(ra, rb):
            refused.append((a, b, s))
            why.append("cannot_link")
            continue
        if held and conflicts(ra, rb):
            refused.append((a, b, s))
            why.append("conflict")
            continue
        if by_place and elsewhere(ra, rb):
            refused.append((a, b, s))
            why.append("conflict")
            continue
        small = min(size[ra], size[rb])
        if small >= 2 and s < strong:
            src, other = (ra, rb) if size[ra] <= size[rb] else (rb, ra)
            support = sum(
                1 for m in members_of(src) for p in nbr[start[m] : start[m + 1]] if find(p) == other
            )
            if support < max(min_support, math.ceil(support_ratio * small)):
                refused.append((a, b, s))
                why.append("chain_guard")
                continue
        union(ra, rb)
        merges.append((a, b, s))
        kinds.append("score")

    # Every node's root, by pointer jumping over the whole forest at once.
    roots = np.asarray(parent, dtype=np.int64)
    while True:
        up = roots[roots]
        if np.array_equal(up, roots):
            break
        roots = up
    # Label = smallest member, independent of union order.
    smallest = np.full(n, n, dtype=np.int64)
    np.minimum.at(smallest, roots, np.arange(n))
    labels = smallest[roots]
    as_arr = lambda rows: np.array(rows, dtype=np.float64).reshape(-1, 3)  # noqa: E731
    return ClusterResult(labels, as_arr(merges), tuple(kinds), as_arr(refused), tuple(why))
