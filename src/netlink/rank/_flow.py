"""The flow objective: how much source-to-destination demand still has a path.

A demand is (source, destination, amount): a manufacturer's goods bound for a
destination, counted in cases, articles or value. Removing actors cuts a demand when its
source or destination is removed, or when no path joins them any more.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import igraph as ig
import numpy as np

from netlink.errors import ParameterError
from netlink.rank._components import components
from netlink.rank._graph import CompactGraph, GraphLike, as_compact_graph

__all__ = ["DemandLike", "FlowDemand", "FlowRanking", "flow_reach", "rank_for_flow"]


@dataclass(frozen=True)
class FlowDemand:
    """A table of demands: ``amounts[i]`` goes from ``sources[i]`` to ``destinations[i]``.

    Parameters
    ----------
    sources, destinations
        Actor ids, one pair per demand.
    amounts
        How much each demand carries (cases, articles or value), finite and >= 0.
    measure
        What the amounts count, for reports.

    Examples
    --------
    >>> d = FlowDemand.from_rows([("maker", "shop", 10), ("maker", "port", 5)], measure="cases")
    >>> d.total, len(d)
    (15.0, 2)
    """

    sources: tuple[Hashable, ...]
    destinations: tuple[Hashable, ...]
    amounts: np.ndarray = field(repr=False)
    measure: str = "amount"

    def __post_init__(self) -> None:
        amounts = np.asarray(self.amounts, dtype=np.float64).copy()
        if not (len(self.sources) == len(self.destinations) == len(amounts)):
            raise ParameterError("sources, destinations and amounts must have the same length")
        bad = np.flatnonzero(~np.isfinite(amounts) | (amounts < 0))
        if len(bad):
            i = int(bad[0])
            raise ParameterError(
                f"demand {self.sources[i]!r} -> {self.destinations[i]!r} has amount "
                f"{self.amounts[i]!r}; amounts must be finite and >= 0"
            )
        amounts.setflags(write=False)
        object.__setattr__(self, "amounts", amounts)
        object.__setattr__(self, "sources", tuple(self.sources))
        object.__setattr__(self, "destinations", tuple(self.destinations))

    def __len__(self) -> int:
        return len(self.sources)

    @property
    def total(self) -> float:
        """The sum of all amounts."""
        return float(self.amounts.sum())

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[Any]], *, measure: str = "amount") -> FlowDemand:
        """Demands from ``(source, destination)`` or ``(source, destination, amount)`` rows
        (a missing amount is 1)."""
        sources, destinations, amounts = [], [], []
        for row in rows:
            row = tuple(row)
            if len(row) not in (2, 3):
                raise ParameterError(f"a demand is (source, destination[, amount]), got {row!r}")
            sources.append(row[0])
            destinations.append(row[1])
            amounts.append(_amount(row))
        return cls(tuple(sources), tuple(destinations), np.asarray(amounts, float), measure)

    @classmethod
    def from_frame(
        cls,
        frame: Any,
        *,
        source: str = "source",
        destination: str = "destination",
        amount: str = "amount",
    ) -> FlowDemand:
        """Demands from a pandas DataFrame; ``amount`` names the column (and the measure)."""
        rows = zip(frame[source], frame[destination], frame[amount], strict=True)
        return cls.from_rows(rows, measure=amount)


def _amount(row: tuple[Any, ...]) -> float:
    if len(row) == 2:
        return 1.0
    try:
        value = float(row[2])
    except (TypeError, ValueError):
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise ParameterError(
            f"demand {row[0]!r} -> {row[1]!r} has amount {row[2]!r}; amounts must be "
            "finite and >= 0"
        )
    return value


DemandLike = FlowDemand | Iterable[Sequence[Any]]


def as_demand(demands: DemandLike) -> FlowDemand:
    """A :class:`FlowDemand` from itself or from rows."""
    return demands if isinstance(demands, FlowDemand) else FlowDemand.from_rows(demands)


class _Demands:
    """Demands resolved to node indices, with the share-connected computation."""

    def __init__(self, g: CompactGraph, demands: DemandLike) -> None:
        d = as_demand(demands)
        self.demand = d
        self.src = g.indices_of(d.sources)
        self.dst = g.indices_of(d.destinations)
        self.amount = d.amounts
        self.total = float(d.amounts.sum())

    def connected(self, g: CompactGraph, alive: np.ndarray) -> np.ndarray:
        """Which demands still have a path, given the live nodes."""
        labels, _ = components(g, alive)
        return alive[self.src] & alive[self.dst] & (labels[self.src] == labels[self.dst])

    def remaining(self, g: CompactGraph, alive: np.ndarray) -> float:
        """Amount still connected."""
        return float(self.amount[self.connected(g, alive)].sum())

    def share(self, amount: float) -> float:
        # With no demand at all nothing can be cut: the whole (empty) flow still flows.
        return amount / self.total if self.total > 0 else 1.0


def flow_reach(graph: GraphLike, demands: DemandLike, removed: Iterable[Hashable] = ()) -> float:
    """Share of the demand whose source and destination are still joined by a path.

    A demand counts as cut when its source or destination is removed, or when they end
    up in different components.

    Parameters
    ----------
    graph
        Any graph :func:`netlink.rank.as_compact_graph` reads.
    demands
        A :class:`FlowDemand`, or ``(source, destination[, amount])`` rows.
    removed
        The actors removed.

    Returns
    -------
    float
        In [0, 1]; 1.0 when there is no demand (or all of it is zero).

    Raises
    ------
    UnknownEntityError
        An actor in ``demands`` or ``removed`` is not in the graph (the message names it).

    Examples
    --------
    >>> path = [("maker", "agent"), ("agent", "port"), ("port", "shop")]
    >>> flow_reach(path, [("maker", "shop", 3), ("maker", "agent", 1)], removed=["port"])
    0.25
    """
    g = as_compact_graph(graph)
    d = _Demands(g, demands)
    alive = np.ones(g.n, dtype=bool)
    alive[g.indices_of(removed)] = False
    return d.share(d.remaining(g, alive))


@dataclass(frozen=True)
class FlowRanking:
    """Actors ranked by how much flow their removal cuts per unit cost.

    Attributes
    ----------
    actors
        The actors, in the order to act on them.
    flow_reach
        Share of the demand still connected after removing the first ``i`` actors,
        ``i = 0..len(actors)``.
    lcc
        Share of nodes in the largest component after the first ``i`` actors.
    cost
        Cumulative cost after the first ``i`` actors.
    measure
        What the demand amounts count.
    """

    actors: tuple[Hashable, ...]
    flow_reach: tuple[float, ...]
    lcc: tuple[float, ...]
    cost: tuple[float, ...]
    measure: str


def rank_for_flow(
    graph: GraphLike,
    demands: DemandLike,
    k: int,
    *,
    costs: Mapping[Hashable, float] | None = None,
    weights: Mapping[Any, float] | None = None,
    seed: int = 0,
) -> FlowRanking:
    """Rank up to ``k`` actors whose removal cuts the most demand per unit cost.

    A greedy search over moves, each a set of actors: one actor (a source, destination or
    any actor with connected demand), or a minimum-cost vertex cut (a maximum flow on the
    node-split network, Ford and Fulkerson; Menger's theorem) that separates one source
    from its destinations, one destination from its sources, one demand pair, or every
    source from every destination. Endpoints can be in a cut, at their own cost, so a
    lone manufacturer is taken when it is the cheapest cut, and a cheaper ring of
    intermediaries when costs say so. Each move's exact gain (the demand it disconnects,
    including pairs it cuts by accident) is divided by its cost; the best move is taken,
    and the search repeats on what remains. Moves that would exceed ``k`` actors are
    skipped.

    Parameters
    ----------
    graph
        Any graph :func:`netlink.rank.as_compact_graph` reads.
    demands
        A :class:`FlowDemand`, or ``(source, destination[, amount])`` rows.
    k
        The most actors to rank (>= 0).
    costs
        Per-actor removal costs (``inf``: cannot be acted on).
    weights
        Edge weights; they do not change connectivity, so they are only validated here.
    seed
        Unused (the search is deterministic); kept for a uniform signature.

    Returns
    -------
    FlowRanking
        Fewer than ``k`` actors when all demand is cut sooner or nothing more can be cut.

    Raises
    ------
    UnknownEntityError
        An actor in ``demands`` or ``costs`` is not in the graph.
    ParameterError
        ``k`` is negative, or a cost or amount is negative or missing.

    Examples
    --------
    >>> net = [("maker", "a"), ("maker", "b"), ("a", "shop1"), ("b", "shop2")]
    >>> rank_for_flow(net, [("maker", "shop1", 5), ("maker", "shop2", 5)], k=2).actors
    ('maker',)
    >>> dear = {"maker": 10, "a": 1, "b": 1, "shop1": 5, "shop2": 5}
    >>> rank_for_flow(net, [("maker", "shop1", 5), ("maker", "shop2", 5)], k=2, costs=dear).actors
    ('a', 'b')
    """
    if not isinstance(k, int | np.integer) or k < 0:
        raise ParameterError(f"k must be an integer >= 0, got {k!r}")
    g = as_compact_graph(graph, costs, weights)
    d = _Demands(g, demands)
    alive = np.ones(g.n, dtype=bool)
    connected = d.connected(g, alive)
    remaining = float(d.amount[connected].sum())
    chosen: list[int] = []
    reach = [d.share(remaining)]
    lcc = [_lcc_share(g, alive)]
    spent = [0.0]
    while len(chosen) < k and remaining > 0:
        best = None
        for move in _moves(g, d, alive, connected):
            if len(move) > k - len(chosen):
                continue
            trial = alive.copy()
            trial[move] = False
            left = d.remaining(g, trial)
            gain = remaining - left
            if gain <= 0:
                continue
            price = float(g.costs[move].sum())
            ratio = gain / price if price > 0 else math.inf
            # At equal efficiency the move that cuts more wins, then the smaller one.
            key = (-ratio, -gain, len(move), tuple(sorted(move)))
            if best is None or key < best[0]:
                best = (key, move, left)
        if best is None:
            break
        _, move, remaining = best
        for v in sorted(move, key=lambda v: (g.costs[v], v)):
            alive[v] = False
            chosen.append(v)
            reach.append(d.share(d.remaining(g, alive)))
            lcc.append(_lcc_share(g, alive))
            spent.append(spent[-1] + float(g.costs[v]))
        connected = d.connected(g, alive)
    return FlowRanking(
        actors=tuple(g.ids[v] for v in chosen),
        flow_reach=tuple(reach),
        lcc=tuple(lcc),
        cost=tuple(spent),
        measure=d.demand.measure,
    )


def _lcc_share(g: CompactGraph, alive: np.ndarray) -> float:
    if g.n == 0:
        return 0.0
    _, sizes = components(g, alive)
    return float(sizes.max()) / g.n if len(sizes) else 0.0


# How many sources, destinations and pairs (largest remaining demand first) get a cut.
_CUT_CANDIDATES = 8


def _moves(
    g: CompactGraph, d: _Demands, alive: np.ndarray, connected: np.ndarray
) -> list[list[int]]:
    """Candidate moves: single endpoints and minimum vertex cuts for the live demand."""
    live = np.flatnonzero(connected & (d.amount > 0))
    removable = np.isfinite(g.costs)
    moves: list[list[int]] = []
    # Single endpoints, by the demand they carry themselves.
    carried: dict[int, float] = {}
    for i in live.tolist():
        for v in (int(d.src[i]), int(d.dst[i])):
            carried[v] = carried.get(v, 0.0) + float(d.amount[i])
    for v in sorted(carried):
        if removable[v]:
            moves.append([v])
    network = _SplitNetwork(g, alive)
    by_source: dict[int, float] = {}
    by_dest: dict[int, float] = {}
    pairs: dict[tuple[int, int], float] = {}
    for i in live.tolist():
        s, t, a = int(d.src[i]), int(d.dst[i]), float(d.amount[i])
        by_source[s] = by_source.get(s, 0.0) + a
        by_dest[t] = by_dest.get(t, 0.0) + a
        pairs[(s, t)] = pairs.get((s, t), 0.0) + a
    targets_of: dict[int, set[int]] = {}
    sources_of: dict[int, set[int]] = {}
    for s, t in pairs:
        targets_of.setdefault(s, set()).add(t)
        sources_of.setdefault(t, set()).add(s)
    for s in _top(by_source):
        moves.append(network.cut([s], sorted(targets_of[s])))
    for t in _top(by_dest):
        moves.append(network.cut(sorted(sources_of[t]), [t]))
    for s, t in _top(pairs):
        moves.append(network.cut([s], [t]))
    moves.append(network.cut(sorted(by_source), sorted(by_dest)))
    unique = {tuple(sorted(m)) for m in moves if m}
    return [list(m) for m in sorted(unique)]


def _top(amounts: dict[Any, float]) -> list[Any]:
    return [key for key, _ in sorted(amounts.items(), key=lambda kv: (-kv[1], kv[0]))][
        :_CUT_CANDIDATES
    ]


class _SplitNetwork:
    """The node-split flow network: node v becomes v_in -> v_out with capacity cost(v).

    A minimum s-t cut then consists of node arcs only (the links get a capacity no cut
    can afford), i.e. it is a minimum-cost vertex cut.
    """

    def __init__(self, g: CompactGraph, alive: np.ndarray) -> None:
        n = g.n
        self.n = n
        finite = g.costs[np.isfinite(g.costs)]
        self.big = float(finite.sum()) + 1.0
        cap = np.where(np.isfinite(g.costs), g.costs, self.big)
        cap = np.where(alive, cap, 0.0)  # removed actors pass nothing (and cost nothing)
        edges = g.edges()
        live = alive[edges[:, 0]] & alive[edges[:, 1]]
        edges = edges[live]
        # Arc i < n is node i's own arc (v_in = v, v_out = v + n).
        arcs = np.concatenate(
            [
                np.column_stack([np.arange(n), np.arange(n) + n]),
                np.column_stack([edges[:, 0] + n, edges[:, 1]]),
                np.column_stack([edges[:, 1] + n, edges[:, 0]]),
            ]
        )
        self.capacity = [*cap.tolist(), *([self.big] * (2 * len(edges)))]
        self.arcs = arcs

    def cut(self, sources: list[int], targets: list[int]) -> list[int]:
        """A minimum-cost node set separating ``sources`` from ``targets`` (endpoints
        included at their own cost); empty if every separation is unaffordable."""
        n = self.n
        s, t = 2 * n, 2 * n + 1
        extra = [(s, v) for v in sources] + [(v + n, t) for v in targets]
        graph = ig.Graph(
            n=2 * n + 2, edges=[*map(tuple, self.arcs.tolist()), *extra], directed=True
        )
        cut = graph.mincut(s, t, capacity=self.capacity + [self.big * 2] * len(extra))
        if cut.value >= self.big:
            return []
        return sorted(e for e in cut.cut if e < n)
