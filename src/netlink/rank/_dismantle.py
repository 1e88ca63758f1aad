"""The dismantling engine: run a strategy, reinsert, polish, order, measure."""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from functools import partial
from types import MappingProxyType
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from netlink.errors import ParameterError
from netlink.rank._components import full_order, lcc_sizes, q_at, robustness, target_size
from netlink.rank._gnd import order_gnd
from netlink.rank._graph import CompactGraph, GraphLike, as_compact_graph
from netlink.rank._polish import polish
from netlink.rank._reinsert import reinsert_indices, reverse_greedy_order
from netlink.rank._strategies import (
    order_adaptive_betweenness,
    order_adaptive_degree,
    order_collective_influence,
    order_core_hd,
)

__all__ = ["STRATEGIES", "DismantleResult", "dismantle"]

# A strategy on indices: (graph, live-node mask, target LCC size, seed) -> removal order.
_Order = Callable[[CompactGraph, np.ndarray, int, int], list[int]]


def _gnd_complete(
    g: CompactGraph, alive: np.ndarray, limit: int, seed: int, budget: float = np.inf
) -> list[int]:
    order = order_gnd(g, alive, limit, seed, budget=budget)
    if float(g.costs[np.asarray(order, dtype=np.int64)].sum()) > budget:
        return order  # abandoned: a cheaper strategy already did better
    rest = alive.copy()
    rest[np.asarray(order, dtype=np.int64)] = False
    return order + order_adaptive_degree(g, rest)


_ORDERS: dict[str, _Order] = {
    "adaptive_degree": lambda g, alive, limit, seed: order_adaptive_degree(g, alive),
    "adaptive_betweenness": lambda g, alive, limit, seed: order_adaptive_betweenness(g, alive),
    "core_hd": lambda g, alive, limit, seed: order_core_hd(g, alive),
    "collective_influence": lambda g, alive, limit, seed: order_collective_influence(g, alive),
    "generalized_dismantling": _gnd_complete,
}

# Nested levels only need each strategy's order up to the level's target; they only
# shape the tail of the curve, so generalized dismantling tries fewer cuts there.
_PREFIX_ORDERS: dict[str, _Order] = {
    **_ORDERS,
    "core_hd": lambda g, alive, limit, seed: order_core_hd(g, alive, limit),
    "generalized_dismantling": lambda g, alive, limit, seed: order_gnd(
        g, alive, limit, seed, candidates=_LEVEL_CANDIDATES
    ),
}

#: The strategy names :func:`dismantle` accepts.
STRATEGIES: tuple[str, ...] = ("auto", *_ORDERS)

# "auto" also runs adaptive betweenness when n * m is at most this (a few tenths of a
# second: the crime and corruption networks qualify, the power grid does not).
_BETWEENNESS_WORK = 2_000_000
# The local search may visit this many nodes per node of the network, and no more than
# _POLISH_CAP in all (a second or two).
_POLISH_EFFORT = 40
_POLISH_CAP = 500_000
# Generalized dismantling is abandoned once it spends this many times the best cost.
_GND_SLACK = 1.25
# Above this many nodes "auto" keeps to CoreHD and one nested level: spectral cuts of
# components with tens of thousands of nodes do not fit the time budget (30 s for
# 100,000 nodes); generalized dismantling can still be asked for by name.
_LARGE = 20_000
# The recommended order dismantles what is left at 1/2, 1/4 and 1/8 of the target too.
_LEVELS = 3
_LEVEL_CANDIDATES = 4


@dataclass(frozen=True)
class DismantleResult:
    """What :func:`dismantle` found.

    Attributes
    ----------
    strategy
        The strategy run; for ``"auto"``, ``"auto:"`` and the candidate that won.
    order
        The recommended removal order (node ids): the removal set first, then what
        breaks the remaining pieces further (see :func:`dismantle` for how it is built).
    removal_set
        The actors to remove to meet the target, in recommended order.
    lcc_curve
        Share of nodes in the largest component after removing the first Q actors of
        ``order`` (completed by the other nodes in id order), Q = 0..n.
    robustness
        R of ``order``: (1/n) * sum over Q = 1..n of ``lcc_curve[Q]``.
    robustness_raw
        R of the strategy's own order, without reinsertion.
    q_before, q_after
        Removals needed to meet the target by the strategy's own order, and after
        reinsertion (the size of ``removal_set``); ``None`` if the target cannot be met
        by removing actors that can be acted on.
    target_fraction
        The target: the largest component at most this share of the nodes.
    cost
        Total cost of ``removal_set``.
    timings
        Seconds spent per phase.
    """

    strategy: str
    order: tuple[Hashable, ...]
    removal_set: tuple[Hashable, ...]
    lcc_curve: np.ndarray = field(repr=False)
    robustness: float
    robustness_raw: float
    q_before: int | None
    q_after: int | None
    target_fraction: float
    cost: float
    timings: Mapping[str, float] = field(repr=False)


def dismantle(
    graph: GraphLike,
    strategy: str = "auto",
    target_fraction: float = 0.1,
    *,
    costs: Mapping[Hashable, float] | None = None,
    weights: Mapping[Any, float] | None = None,
    reinsertion: bool = True,
    seed: int = 0,
) -> DismantleResult:
    """Find the actors whose removal breaks a network into small pieces at least cost.

    The pipeline: the strategy's removal order until the largest component (LCC) has at
    most ``target_fraction`` of the nodes; greedy reinsertion (Braunstein et al., PNAS
    2016) of the actors not needed; for ``"auto"``, a two-for-one exchange search on the
    set; then the recommended order.

    R after reinsertion is the R of the recommended order, defined so that it starts
    with exactly the removal set: the same strategy and reinsertion are applied again to
    what remains, with targets of 1/2, 1/4 and 1/8 of the target (one level above
    20,000 nodes), giving nested sets; the order is the reverse of a greedy insertion
    that rebuilds the network from nothing, taking first the nodes in no set, then each
    set from the innermost out, always the node that ends in the smallest cluster (the
    reverse growth of Clusella et al., PRL 2016). So ``q_after`` is the size of the
    removal set, and within it the actors whose return would merge the largest pieces
    come first. ``robustness_raw`` is the plain R of the strategy's own order.

    Parameters
    ----------
    graph
        Any graph :func:`netlink.rank.as_compact_graph` reads.
    strategy
        One of :data:`STRATEGIES`. ``"auto"`` runs CoreHD, adaptive betweenness (when
        n * m <= 2e6) and generalized dismantling (up to 20,000 nodes; abandoned once it
        spends 1.25 times the best cost found), keeps the cheapest removal set after
        reinsertion (ties: the lower raw R), and improves it by a two-for-one
        exchange search with a fixed work budget.
    target_fraction
        The largest component allowed, as a share of the nodes (0.1: 10 percent).
    costs
        Per-actor removal costs (>= 0; ``inf``: cannot be acted on). Strategies maximise
        their score per unit cost; reinsertion and the search minimise the total cost.
    weights
        Edge weights (e.g. seizure volume), used by the strategies' scores; the LCC
        figures themselves count nodes.
    reinsertion
        Apply reinsertion (and, for ``"auto"``, the search). Without it the strategy's
        own order is returned and measured.
    seed
        Seeds the randomised steps (eigensolver start, sideways moves of the search).

    Returns
    -------
    DismantleResult

    Raises
    ------
    ParameterError
        An unknown strategy, a target outside [0, 1], or a bad cost or weight.
    UnknownEntityError
        A cost or weight for an actor that is not in the graph.

    Examples
    --------
    >>> star = [("hub", leaf) for leaf in "abcdefghij"]
    >>> result = dismantle(star)
    >>> result.removal_set, result.q_after, round(float(result.lcc_curve[1]), 3)
    (('hub',), 1, 0.091)
    """
    if strategy not in STRATEGIES:
        raise ParameterError(
            f"unknown strategy {strategy!r}", hint=f"Use one of: {', '.join(STRATEGIES)}."
        )
    g = as_compact_graph(graph, costs, weights)
    limit = target_size(g.n, target_fraction)
    timings: dict[str, float] = {}
    # Small dense eigenproblems run faster on one BLAS thread than on several competing.
    with threadpool_limits(limits=1, user_api="blas"):
        if strategy == "auto":
            name, raw, raw_sizes, removal = _auto(g, limit, seed, reinsertion, timings)
        else:
            name = strategy
            raw, raw_sizes, removal = _run(g, _ORDERS[strategy], limit, seed, reinsertion, timings)
        clock = time.perf_counter()
        q_before = _reachable_q(g, raw, raw_sizes, limit)
        if reinsertion:
            levels = _levels(g, _PREFIX_ORDERS[_level_strategy(name)], removal, limit, seed)
            order = reverse_greedy_order(g, levels) if removal is not None else raw
        else:
            order = raw
        timings["order"] = time.perf_counter() - clock
    sizes = lcc_sizes(g, order)
    q_after = _reachable_q(g, order, sizes, limit) if removal is not None else None
    chosen = removal if removal is not None else order[: q_after or 0]
    return DismantleResult(
        strategy=name,
        order=tuple(g.ids[i] for i in order),
        removal_set=tuple(g.ids[i] for i in order[: len(chosen)]),
        lcc_curve=_frozen(sizes / g.n if g.n else sizes.astype(np.float64)),
        robustness=robustness(sizes),
        robustness_raw=robustness(raw_sizes),
        q_before=q_before,
        q_after=q_after,
        target_fraction=float(target_fraction),
        cost=float(g.costs[np.asarray(chosen, dtype=np.int64)].sum()),
        timings=MappingProxyType(timings),
    )


def _frozen(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


def _complete(g: CompactGraph, order: list[int]) -> list[int]:
    """``order`` plus the removable nodes it leaves out (by id): removing isolated nodes
    is the only way left to shrink the LCC, and a target of 0 nodes needs it."""
    seen = np.zeros(g.n, dtype=bool)
    seen[np.asarray(order, dtype=np.int64)] = True
    extra = np.flatnonzero(~seen & np.isfinite(g.costs))
    return [*order, *extra.tolist()]


def _reachable_q(g: CompactGraph, order: list[int], sizes: np.ndarray, limit: int) -> int | None:
    """q at ``limit`` counting only removals of actors that can be acted on."""
    q = q_at(sizes, limit)
    full = full_order(g, order)
    if q is None or not np.all(np.isfinite(g.costs[np.asarray(full[:q], dtype=np.int64)])):
        return None
    return q


def _run(
    g: CompactGraph,
    strategy: _Order,
    limit: int,
    seed: int,
    reinsertion: bool,
    timings: dict[str, float],
    budget: float = np.inf,
) -> tuple[list[int], np.ndarray, list[int] | None]:
    """The strategy's complete order, its LCC sizes, and its removal set (after
    reinsertion if asked); the set is ``None`` when the target cannot be met, or only
    at a cost over ``budget``."""
    clock = time.perf_counter()
    raw = _complete(g, strategy(g, np.ones(g.n, dtype=bool), limit, seed))
    timings["strategy"] = timings.get("strategy", 0.0) + time.perf_counter() - clock
    clock = time.perf_counter()
    sizes = lcc_sizes(g, raw)
    q = _reachable_q(g, raw, sizes, limit)
    if q is None or float(g.costs[np.asarray(raw[:q], dtype=np.int64)].sum()) > budget:
        removal = None
    elif reinsertion:
        removal = reinsert_indices(g, raw[:q], limit)
    else:
        removal = raw[:q]
    timings["reinsertion"] = timings.get("reinsertion", 0.0) + time.perf_counter() - clock
    return raw, sizes, removal


def _auto(
    g: CompactGraph, limit: int, seed: int, reinsertion: bool, timings: dict[str, float]
) -> tuple[str, list[int], np.ndarray, list[int] | None]:
    # Cheap candidates first: their best cost bounds generalized dismantling, which is
    # abandoned once its removals cost _GND_SLACK times more (on random graphs, where
    # spectral cuts are poor and slow, that happens early).
    candidates = ["core_hd"]
    if g.n * g.m <= _BETWEENNESS_WORK:
        candidates.append("adaptive_betweenness")
    if g.n <= _LARGE:
        candidates.append("generalized_dismantling")
    best: tuple[tuple[float, int, float], str, list[int], np.ndarray, list[int] | None] | None
    best = None
    for name in candidates:
        strategy = _ORDERS[name]
        bound = np.inf
        if name == "generalized_dismantling" and best is not None and best[4] is not None:
            bound = _GND_SLACK * best[0][0]
            strategy = partial(_gnd_complete, budget=bound)
        raw, sizes, removal = _run(g, strategy, limit, seed, reinsertion, timings, bound)
        if removal is None:
            key = (np.inf, g.n + 1, np.inf)
        else:
            # Equal sets: the candidate whose own order keeps the LCC lower (raw R).
            price = float(g.costs[np.asarray(removal, dtype=np.int64)].sum())
            key = (price, len(removal), robustness(sizes))
        if best is None or key < best[0]:
            best = (key, name, raw, sizes, removal)
    assert best is not None  # candidates is never empty
    _, name, raw, sizes, removal = best
    if reinsertion and removal is not None:
        clock = time.perf_counter()
        budget = min(_POLISH_EFFORT * g.n, _POLISH_CAP)
        removal = polish(g, removal, limit, budget=budget, seed=seed)
        # The search may leave an actor that could now go back; reinsertion takes it.
        removal = reinsert_indices(g, removal, limit)
        timings["polish"] = time.perf_counter() - clock
    return f"auto:{name}", raw, sizes, removal


def _level_strategy(name: str) -> str:
    # The nested levels use the strategy that made the removal set ("auto": the candidate
    # that won), so every strategy's order is built and measured the same way.
    return name.removeprefix("auto:")


def _levels(
    g: CompactGraph, strategy: _Order, removal: list[int] | None, limit: int, seed: int
) -> list[list[int]]:
    """Nested dismantling sets: ``removal``, then reinserted sets for smaller targets."""
    if removal is None:
        return []
    levels = [list(removal)]
    fixed = np.zeros(g.n, dtype=bool)
    fixed[np.asarray(removal, dtype=np.int64)] = True
    for j in range(1, (_LEVELS if g.n <= _LARGE else 1) + 1):
        sub_limit = limit >> j
        if sub_limit < 1:
            break
        extra = strategy(g, ~fixed, sub_limit, seed)
        prefix_sizes = lcc_sizes(g, [*np.flatnonzero(fixed).tolist(), *extra])
        q = q_at(prefix_sizes, sub_limit)
        if q is None:
            break
        extra = extra[: max(q - int(fixed.sum()), 0)]
        kept = reinsert_indices(g, extra, sub_limit, fixed=fixed)
        levels.append(kept)
        fixed[np.asarray(kept, dtype=np.int64)] = True
    return levels
