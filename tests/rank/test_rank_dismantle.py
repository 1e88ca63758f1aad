"""The dismantling engine: reinsertion, the result, tiny and bad inputs."""

import math

import networkx as nx
import numpy as np
import pytest

from netlink.errors import ParameterError, UnknownEntityError
from netlink.rank import STRATEGIES, adaptive_degree, dismantle, lcc_curve, reinsert

GRID = nx.grid_2d_graph(8, 8)  # 64 nodes, no single cut vertex


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_result_is_consistent(strategy):
    r = dismantle(GRID, strategy, target_fraction=0.2)
    n = GRID.number_of_nodes()
    limit = math.floor(0.2 * n)
    assert len(set(r.order)) == len(r.order) <= n
    assert r.order[: r.q_after] == r.removal_set
    assert r.lcc_curve[r.q_after] * n <= limit
    assert r.lcc_curve[r.q_after - 1] * n > limit  # no shorter prefix meets the target
    assert r.q_after <= r.q_before
    assert r.robustness == pytest.approx(r.lcc_curve[1:].sum() / n)
    assert r.cost == len(r.removal_set)
    assert np.allclose(r.lcc_curve, lcc_curve(GRID, r.order))


def test_reinsertion_never_lets_a_cluster_exceed_the_target():
    g = nx.gnm_random_graph(200, 400, seed=1)
    removed = adaptive_degree(g)  # until no edge is left: far more than needed
    for fraction in (0.05, 0.1, 0.3):
        kept = reinsert(g, removed, target_fraction=fraction)
        assert set(kept) <= set(removed)
        assert len(kept) < len(removed)
        curve = lcc_curve(g, kept)
        assert curve[len(kept)] <= fraction + 1e-12


def test_reinsertion_puts_back_the_dear_actor_first():
    # Removing either a or b (plus c) meets the target; a is dear, so b stays removed.
    path = [("x", "a"), ("a", "b"), ("b", "y")]
    costs = {"x": 1, "a": 9, "b": 1, "y": 1}
    assert reinsert(path, ["a", "b"], target_fraction=0.5, costs=costs) == ["b"]


def test_star_is_dismantled_by_its_centre():
    r = dismantle([("c", i) for i in range(20)])
    assert r.removal_set == ("c",)
    assert r.q_after == 1
    assert r.lcc_curve[1] == pytest.approx(1 / 21)


def test_two_cliques_and_a_bridge():
    edges = [*nx.complete_graph(6).edges, *((a + 6, b + 6) for a, b in nx.complete_graph(6).edges)]
    edges.append((5, 6))
    r = dismantle(edges, target_fraction=0.5)
    assert len(r.removal_set) == 1 and r.removal_set[0] in (5, 6)


def test_same_seed_same_result_and_auto_beats_degree_on_a_grid():
    a = dismantle(GRID, seed=3)
    b = dismantle(GRID, seed=3)
    assert a.order == b.order and a.robustness == b.robustness
    degree = dismantle(GRID, "adaptive_degree")
    assert a.q_after <= degree.q_after


def test_costs_change_the_removal_set():
    # A path of 9: the middle node alone meets a 50 percent target; if it is dear, two
    # cheaper cuts beat it.
    path = [(i, i + 1) for i in range(8)]
    assert dismantle(path, target_fraction=0.5).removal_set == (4,)
    costs = {i: 1.0 for i in range(9)}
    costs[4] = 10.0
    r = dismantle(path, target_fraction=0.5, costs=costs)
    assert 4 not in r.removal_set and r.cost < 10


def test_no_reinsertion_returns_the_strategy_order():
    r = dismantle(GRID, "adaptive_degree", reinsertion=False)
    assert r.q_after == r.q_before
    assert r.robustness == r.robustness_raw


@pytest.mark.parametrize(
    ("edges", "nodes"),
    [([], []), ([], ["solo"]), ([("a", "b")], []), ([], ["a", "b"])],
)
def test_tiny_graphs_have_defined_answers(edges, nodes):
    from netlink.rank import as_compact_graph

    g = as_compact_graph(edges, nodes=nodes)
    for strategy in STRATEGIES:
        r = dismantle(g, strategy)
        # With n <= 2 the target (10 percent) is 0 nodes: everyone must go.
        assert r.q_after == g.n
        assert sorted(r.removal_set, key=str) == sorted(g.ids, key=str)
        assert 0.0 <= r.robustness <= 1.0


def test_disconnected_graph():
    edges = [*nx.cycle_graph(10).edges, *((a + 10, b + 10) for a, b in nx.path_graph(5).edges)]
    r = dismantle(edges, target_fraction=0.2)
    assert r.lcc_curve[0] == pytest.approx(10 / 15)
    assert r.lcc_curve[r.q_after] <= 0.2


def test_unremovable_actors_can_make_the_target_unreachable():
    costs = {0: math.inf, 1: math.inf, 2: 1.0}
    r = dismantle([(0, 1), (1, 2)], target_fraction=0.1, costs=costs)
    assert r.q_after is None and r.removal_set == ()


def test_bad_input_is_a_clear_error():
    with pytest.raises(ParameterError, match="unknown strategy"):
        dismantle(GRID, "magic")
    with pytest.raises(ParameterError, match="target_fraction"):
        dismantle(GRID, target_fraction=1.5)
    with pytest.raises(ParameterError, match="has cost -1"):
        dismantle([("a", "b")], costs={"a": -1, "b": 1})
    with pytest.raises(UnknownEntityError, match="'zz'"):
        reinsert([("a", "b")], ["zz"])


def test_result_is_frozen():
    r = dismantle(GRID)
    with pytest.raises(AttributeError):
        r.order = ()  # type: ignore[misc]
    with pytest.raises(ValueError):
        r.lcc_curve[0] = 0.0
