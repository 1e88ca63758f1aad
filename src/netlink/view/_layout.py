"""Positions of a chart's nodes, computed in Python so the browser has no physics to run.

A force layout in the browser (vis-network's default) keeps a 2,000-node chart moving for
a minute; laid out here with igraph and drawn with physics off it appears at once, and
the same graph with the same seed always looks the same.
"""

from __future__ import annotations

import random

import igraph as ig
import numpy as np

__all__ = ["layout"]

#: Typical link length on screen, in pixels.
LINK_PX = 90.0
_GAP_PX = 80.0


def layout(n: int, src: np.ndarray, dst: np.ndarray, *, seed: int = 0) -> np.ndarray:
    """Positions in pixels: each connected piece by Fruchterman-Reingold, pieces packed.

    Laying out each piece on its own and packing them in rows, largest first, stops small
    pieces drifting to the corners of the chart, as they do in one global layout.

    Parameters
    ----------
    n
        Number of nodes.
    src, dst
        Node indices of the links.
    seed
        Seed of the layout: the same graph and seed give the same positions.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, 2)``: x and y of each node.

    Examples
    --------
    >>> import numpy as np
    >>> xy = layout(4, np.array([0, 1]), np.array([1, 2]))
    >>> xy.shape, bool((layout(4, np.array([0, 1]), np.array([1, 2])) == xy).all())
    ((4, 2), True)
    """
    xy = np.zeros((n, 2))
    if n == 0:
        return xy
    g = ig.Graph(n=n, edges=np.column_stack([src, dst]).tolist())
    g.simplify()
    pieces = sorted(g.connected_components(), key=lambda c: (-len(c), min(c)))
    placed = [(members, _piece(g.subgraph(members), seed)) for members in pieces]
    widths = [p[:, 0].max() - p[:, 0].min() + _GAP_PX for _, p in placed]
    heights = [p[:, 1].max() - p[:, 1].min() + _GAP_PX for _, p in placed]
    row_limit = max(
        max(widths), float(np.sqrt(sum(w * h for w, h in zip(widths, heights, strict=True)))) * 1.4
    )
    x = y = row_height = 0.0
    for (members, p), w, h in zip(placed, widths, heights, strict=True):
        if x > 0 and x + w > row_limit:
            x, y, row_height = 0.0, y + row_height, 0.0
        xy[members] = p - p.min(axis=0) + [x, y]
        x += w
        row_height = max(row_height, h)
    return np.round(xy - xy.mean(axis=0), 1)


def _piece(g: ig.Graph, seed: int) -> np.ndarray:
    """Layout of one connected piece, scaled so that links are about LINK_PX long."""
    if g.vcount() == 1:
        return np.zeros((1, 2))
    # igraph draws its random numbers from Python's random module unless told otherwise;
    # a private generator makes the layout repeatable without touching the caller's.
    ig.set_random_number_generator(random.Random(seed))
    try:
        p = np.array(g.layout_fruchterman_reingold(niter=500).coords, dtype=float)
    finally:
        ig.set_random_number_generator(random)
    ends = np.array(g.get_edgelist())
    length = np.median(np.linalg.norm(p[ends[:, 0]] - p[ends[:, 1]], axis=1))
    return p * (LINK_PX / length if length > 0 else 1.0)
