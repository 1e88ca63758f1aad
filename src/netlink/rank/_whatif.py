"""What-if: remove a set of actors (or the top k of a ranking) and compare before/after."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from netlink.errors import ParameterError
from netlink.rank._components import components
from netlink.rank._flow import DemandLike, FlowRanking, _Demands
from netlink.rank._graph import GraphLike, as_compact_graph

__all__ = ["WhatIf", "what_if"]


@dataclass(frozen=True)
class WhatIf:
    """The network before and after removing a set of actors.

    Attributes
    ----------
    removed
        The actors removed.
    cost
        Their total cost.
    components_before, components_after
        Component sizes (nodes), largest first; removed actors are not counted after.
    lcc_before, lcc_after
        The largest component as a share of all nodes of the network.
    flow_reach_before, flow_reach_after
        Share of the demand with a path (``None`` without demands).
    flow_cut
        Share of the demand the removal disconnects (before minus after).
    sources_cut
        Sources (manufacturers) that had a route to at least one of their destinations
        before and have none to any after, by id.
    """

    removed: tuple[Hashable, ...]
    cost: float
    components_before: tuple[int, ...]
    components_after: tuple[int, ...]
    lcc_before: float
    lcc_after: float
    flow_reach_before: float | None
    flow_reach_after: float | None
    flow_cut: float | None
    sources_cut: tuple[Hashable, ...]


def what_if(
    graph: GraphLike,
    removed: Iterable[Hashable] | Any,
    demands: DemandLike | None = None,
    *,
    k: int | None = None,
    costs: Mapping[Hashable, float] | None = None,
) -> WhatIf:
    """Remove actors and report component sizes, flow cut and manufacturers cut off.

    Parameters
    ----------
    graph
        Any graph :func:`netlink.rank.as_compact_graph` reads.
    removed
        The actors to remove, or a ranking: a :class:`DismantleResult` (its order) or a
        :class:`FlowRanking` (its actors).
    demands
        A :class:`FlowDemand` or ``(source, destination[, amount])`` rows; without it the
        flow figures are ``None`` and no source is reported.
    k
        Take only the first ``k`` actors of ``removed`` (the top k of a ranking).
    costs
        Per-actor costs, for the cost of the removal (unit costs by default).

    Returns
    -------
    WhatIf

    Raises
    ------
    UnknownEntityError
        An actor to remove, or in the demands, is not in the graph (the message names it).
    ParameterError
        ``k`` is negative, or an actor is named twice.

    Examples
    --------
    >>> net = [("maker", "agent"), ("agent", "port"), ("port", "shop"), ("maker2", "port")]
    >>> w = what_if(net, ["port"], [("maker", "shop", 2), ("maker2", "shop", 1)])
    >>> w.components_after, w.flow_cut, w.sources_cut
    ((2, 1, 1), 1.0, ('maker', 'maker2'))
    """
    g = as_compact_graph(graph, costs)
    actors = _actors(removed)
    if k is not None:
        if not isinstance(k, int | np.integer) or k < 0:
            raise ParameterError(f"k must be an integer >= 0, got {k!r}")
        actors = actors[:k]
    idx = g.indices_of(actors)
    if len(set(idx.tolist())) != len(idx):
        raise ParameterError("the removal set names an actor twice")
    before = np.ones(g.n, dtype=bool)
    after = before.copy()
    after[idx] = False
    _, sizes_b = components(g, before)
    _, sizes_a = components(g, after)
    reach_b = reach_a = cut = None
    sources_cut: tuple[Hashable, ...] = ()
    if demands is not None:
        d = _Demands(g, demands)
        conn_b = d.connected(g, before)
        conn_a = d.connected(g, after)
        reach_b = d.share(float(d.amount[conn_b].sum()))
        reach_a = d.share(float(d.amount[conn_a].sum()))
        cut = reach_b - reach_a
        had = set(d.src[conn_b].tolist())
        keeps = set(d.src[conn_a].tolist())
        sources_cut = tuple(g.ids[v] for v in sorted(had - keeps))
    n = max(g.n, 1)
    return WhatIf(
        removed=tuple(actors),
        cost=float(g.costs[idx].sum()),
        components_before=tuple(sorted(sizes_b.tolist(), reverse=True)),
        components_after=tuple(sorted(sizes_a.tolist(), reverse=True)),
        lcc_before=float(sizes_b.max()) / n if len(sizes_b) else 0.0,
        lcc_after=float(sizes_a.max()) / n if len(sizes_a) else 0.0,
        flow_reach_before=reach_b,
        flow_reach_after=reach_a,
        flow_cut=cut,
        sources_cut=sources_cut,
    )


def _actors(removed: Any) -> list[Hashable]:
    if isinstance(removed, FlowRanking):
        return list(removed.actors)
    order = getattr(removed, "order", None)
    if order is not None and not callable(order):
        return list(order)
    if isinstance(removed, str | bytes):  # one actor id, not an iterable of characters
        return [removed]
    return list(removed)
