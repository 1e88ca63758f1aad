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
from netlink.rank._components import component_roots, components
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
        roots = component_roots(g, alive)
        return alive[self.src] & alive[self.dst] & (roots[self.src] == roots[self.dst])

    def endpoint_amounts(self, n: int, connected: np.ndarray) -> np.ndarray:
        """Per node, the connected demand it is the source or destination of (once each)."""
        src, dst, amount = self.src[connected], self.dst[connected], self.amount[connected]
        out = np.bincount(src, amount, minlength=n) + np.bincount(dst, amount, minlength=n)
        loops = src == dst
        return out - np.bincount(src[loops], amount[loops], minlength=n)

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
        # Removing an actor that is no articulation point leaves the rest of its
        # component joined, so it cuts exactly the live demand it is an endpoint of: no
        # component labelling is needed for the many one-actor moves of that kind.
        joint = _articulation_points(g, alive)
        own = d.endpoint_amounts(g.n, connected)
        for move in _moves(g, d, alive, connected):
            if len(move) > k - len(chosen):
                continue
            if len(move) == 1 and not joint[move[0]]:
                gain = float(own[move[0]])
                left = remaining - gain
            else:
                trial = alive.copy()
                trial[move] = False
                left = d.remaining(g, trial)
                gain = remaining - left
            if gain <= 0:
                continue
            price = float(g.costs[move].sum())
            ratio = gain / price if price > 0 else math.inf
            # At equal efficiency the move that cuts more wins, then the smaller one.
            key = (-ratio, -gain, len(move), tuple(move))  # moves are sorted
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


def _articulation_points(g: CompactGraph, alive: np.ndarray) -> np.ndarray:
    """Which live nodes are articulation points of the live subgraph."""
    edges = g.edges()
    edges = edges[alive[edges[:, 0]] & alive[edges[:, 1]]]
    out = np.zeros(g.n, dtype=bool)
    out[ig.Graph(n=g.n, edges=edges.tolist()).articulation_points()] = True
    return out


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
    src, dst, amount = d.src[live], d.dst[live], d.amount[live]
    removable = np.isfinite(g.costs)
    # Single endpoints: every removable actor with live demand of its own.
    ends = np.union1d(src, dst)
    moves: list[list[int]] = [[v] for v in ends[removable[ends]].tolist()]
    network = _SplitNetwork(g, alive)
    sources, destinations = np.unique(src), np.unique(dst)
    for s in _top(sources, np.bincount(src, amount, minlength=g.n)[sources]):
        moves.append(network.cut([s], np.unique(dst[src == s]).tolist()))
    for t in _top(destinations, np.bincount(dst, amount, minlength=g.n)[destinations]):
        moves.append(network.cut(np.unique(src[dst == t]).tolist(), [t]))
    # A pair's code s * n + t orders pairs as (s, t) tuples would.
    pairs, inverse = np.unique(src * g.n + dst, return_inverse=True)
    for code in _top(pairs, np.bincount(inverse, amount, minlength=len(pairs))):
        moves.append(network.cut([code // g.n], [code % g.n]))
    moves.append(network.cut(sources.tolist(), destinations.tolist()))
    unique = {tuple(m) for m in moves if m}  # singles and cuts are sorted already
    return [list(m) for m in sorted(unique)]


def _top(keys: np.ndarray, amounts: np.ndarray) -> list[int]:
    """The keys with the largest amounts (ties: the smallest key first)."""
    return keys[np.lexsort((keys, -amounts))[:_CUT_CANDIDATES]].tolist()


class _SplitNetwork:
    """The node-split flow network: node v becomes v_in -> v_out with capacity cost(v).

    A minimum s-t cut then consists of node arcs only (the links get a capacity no cut
    can afford), i.e. it is a minimum-cost vertex cut. The network is built once, with
    an arc from the super source s to every v_in and from every v_out to the super sink
    t; a cut opens only the arcs of its sources and targets (the others carry nothing).
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
        nodes = np.arange(n)
        s, t = 2 * n, 2 * n + 1
        # Arc i < n is node i's own arc (v_in = v, v_out = v + n); then the links both
        # ways; then s -> v_in (offset self.from_s) and v_out -> t (offset self.to_t).
        arcs = np.concatenate(
            [
                np.column_stack([nodes, nodes + n]),
                np.column_stack([edges[:, 0] + n, edges[:, 1]]),
                np.column_stack([edges[:, 1] + n, edges[:, 0]]),
                np.column_stack([np.full(n, s), nodes]),
                np.column_stack([nodes + n, np.full(n, t)]),
            ]
        )
        self.from_s = n + 2 * len(edges)
        self.to_t = self.from_s + n
        self.capacity = [*cap.tolist(), *([self.big] * (2 * len(edges))), *([0.0] * (2 * n))]
        self.graph = ig.Graph(n=2 * n + 2, edges=arcs.tolist(), directed=True)
        # A receiver with one source asks for the same cut as its (source, receiver) pair.
        self.done: dict[tuple[tuple[int, ...], tuple[int, ...]], list[int]] = {}

    def cut(self, sources: list[int], targets: list[int]) -> list[int]:
        """A minimum-cost node set separating ``sources`` from ``targets`` (endpoints
        included at their own cost); empty if every separation is unaffordable."""
        key = (tuple(sources), tuple(targets))
        if key not in self.done:
            self.done[key] = self._cut(sources, targets)
        return self.done[key]

    def _cut(self, sources: list[int], targets: list[int]) -> list[int]:
        capacity = self.capacity.copy()
        for v in sources:
            capacity[self.from_s + v] = self.big * 2
        for v in targets:
            capacity[self.to_t + v] = self.big * 2
        n = self.n
        value, cut, _, _ = ig.GraphBase.mincut(self.graph, 2 * n, 2 * n + 1, capacity)
        if value >= self.big:
            return []
        return sorted(e for e in cut if e < n)
