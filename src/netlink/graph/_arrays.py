"""Sort-based set operations on integer arrays.

``numpy.unique`` without ``return_*`` arguments takes a hash-based path in numpy 2.x that
is two orders of magnitude slower than sorting on arrays of millions of int64 keys;
these helpers sort instead.

Examples
--------
>>> unique(np.array([3, 1, 3, 2])).tolist()
[1, 2, 3]
>>> u, inv = unique_inverse(np.array([3, 1, 3]))
>>> u.tolist(), inv.tolist()
([1, 3], [1, 0, 1])
>>> u, k = unique_counts(np.array([3, 1, 3]))
>>> u.tolist(), k.tolist()
([1, 3], [1, 2])
"""

from __future__ import annotations

import numpy as np

__all__ = ["unique", "unique_counts", "unique_inverse"]


def unique(x: np.ndarray) -> np.ndarray:
    """The sorted distinct values of ``x``."""
    s = np.sort(np.asarray(x), kind="stable")
    if not len(s):
        return s
    return s[np.r_[True, s[1:] != s[:-1]]]


def unique_counts(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sorted distinct values of ``x`` and how often each occurs."""
    s = np.sort(np.asarray(x), kind="stable")
    if not len(s):
        return s, np.zeros(0, dtype=np.int64)
    start = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])
    return s[start], np.diff(np.r_[start, len(s)])


def unique_inverse(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sorted distinct values of ``x`` and, per element, the index of its value."""
    x = np.asarray(x)
    order = np.argsort(x, kind="stable")
    s = x[order]
    if not len(s):
        return s, np.zeros(0, dtype=np.int64)
    new = np.r_[True, s[1:] != s[:-1]]
    inverse = np.empty(len(x), dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    return s[new], inverse
