"""Quality measures against a ground truth: clusterings of records and of network members.

Computed from the contingency table of predicted against true labels, never from the
list of all pairs, so they cost O(n) for millions of records.

Examples
--------
>>> pred = ["a", "a", "b", "c"]
>>> true = [1, 1, 1, 2]
>>> s = cluster_scores(pred, true)
>>> round(s.pair_precision, 3), round(s.pair_recall, 3)
(1.0, 0.333)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score

__all__ = ["ClusterScores", "cluster_scores"]


@dataclass(frozen=True)
class ClusterScores:
    """Pairwise and B-cubed precision and recall, F1 of each, and adjusted Rand index."""

    n: int
    pair_precision: float
    pair_recall: float
    bcubed_precision: float
    bcubed_recall: float
    ari: float
    predicted_pairs: int
    true_pairs: int

    @property
    def pair_f1(self) -> float:
        return _f1(self.pair_precision, self.pair_recall)

    @property
    def bcubed_f1(self) -> float:
        return _f1(self.bcubed_precision, self.bcubed_recall)


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def cluster_scores(predicted: Sequence[object], true: Sequence[object]) -> ClusterScores:
    """Compare a predicted clustering with the true one, item by item.

    Parameters
    ----------
    predicted, true
        A cluster label per item, aligned.

    Returns
    -------
    ClusterScores
        Pairwise precision is 1 when nothing is merged (no predicted pairs).
    """
    pred = pd.factorize(pd.Series(predicted, dtype=object))[0]
    tru = pd.factorize(pd.Series(true, dtype=object))[0]
    if len(pred) != len(tru):
        raise ValueError(f"{len(pred)} predicted labels for {len(tru)} true labels")
    n = len(pred)
    if n == 0:
        return ClusterScores(0, 1.0, 1.0, 1.0, 1.0, 1.0, 0, 0)
    counts = pd.DataFrame({"p": pred, "t": tru}).value_counts()
    cells = counts.to_numpy(dtype=np.float64)
    a = np.bincount(pred).astype(np.float64)  # predicted cluster sizes
    b = np.bincount(tru).astype(np.float64)  # true cluster sizes
    tp = float((cells * (cells - 1) / 2).sum())
    pp = float((a * (a - 1) / 2).sum())
    tt = float((b * (b - 1) / 2).sum())
    pi = np.asarray(counts.index.get_level_values(0))
    ti = np.asarray(counts.index.get_level_values(1))
    bp = float((cells * cells / a[pi]).sum() / n)
    br = float((cells * cells / b[ti]).sum() / n)
    return ClusterScores(
        n=n,
        pair_precision=tp / pp if pp else 1.0,
        pair_recall=tp / tt if tt else 1.0,
        bcubed_precision=bp,
        bcubed_recall=br,
        ari=float(adjusted_rand_score(tru, pred)),
        predicted_pairs=int(pp),
        true_pairs=int(tt),
    )
