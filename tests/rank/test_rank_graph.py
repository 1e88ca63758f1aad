"""Building the compact graph and validating costs and weights."""

import math

import igraph as ig
import networkx as nx
import numpy as np
import pytest

from netlink.errors import NetlinkError, ParameterError, UnknownEntityError
from netlink.rank import as_compact_graph


def test_edge_list_is_symmetric_sorted_and_drops_loops_and_duplicates():
    g = as_compact_graph([("b", "a"), ("a", "b"), ("c", "c"), ("a", "c")])
    assert g.ids == ("a", "b", "c")
    assert g.m == 2
    assert g.edges().tolist() == [[0, 1], [0, 2]]
    assert g.degree().tolist() == [2, 1, 1]


def test_networkx_and_igraph_give_the_same_graph():
    nxg = nx.Graph([(1, 2), (2, 3)])
    nxg.add_node(9)
    igg = ig.Graph(n=4, edges=[(0, 1), (1, 2)])
    igg.vs["name"] = [1, 2, 3, 9]
    a, b = as_compact_graph(nxg), as_compact_graph(igg)
    assert a.ids == b.ids == (1, 2, 3, 9)
    assert a.edges().tolist() == b.edges().tolist() == [[0, 1], [1, 2]]


def test_attributes_are_read_by_name():
    nxg = nx.Graph()
    nxg.add_node("x", cost=2.0)
    nxg.add_node("y", cost=math.inf)
    nxg.add_edge("x", "y", volume=7.0)
    g = as_compact_graph(nxg, costs="cost", weights="volume")
    assert g.costs.tolist() == [2.0, math.inf]
    assert g.weights.tolist() == [7.0, 7.0]


def test_weights_mapping_accepts_either_orientation():
    g = as_compact_graph([(1, 2), (2, 3)], weights={(2, 1): 4.0, (2, 3): 1.0})
    assert g.strength().tolist() == [4.0, 5.0, 1.0]


def test_mixed_id_types_still_sort_deterministically():
    g = as_compact_graph([(1, "a"), ("a", 2.5)])
    assert as_compact_graph([("a", 2.5), (1, "a")]).ids == g.ids


@pytest.mark.parametrize("bad", [-1.0, math.nan, None, "cheap"])
def test_bad_cost_names_the_actor(bad):
    with pytest.raises(ParameterError, match="'b'"):
        as_compact_graph([("a", "b")], costs={"a": 1.0, "b": bad})


def test_missing_cost_names_the_actor():
    with pytest.raises(ParameterError, match="actor 'b' has no cost"):
        as_compact_graph([("a", "b")], costs={"a": 1.0})


def test_cost_for_unknown_actor_names_it():
    with pytest.raises(UnknownEntityError, match="ghost"):
        as_compact_graph([("a", "b")], costs={"a": 1, "b": 1, "ghost": 1})


@pytest.mark.parametrize("bad", [-2.0, math.nan, math.inf])
def test_bad_weight_names_the_edge(bad):
    with pytest.raises(ParameterError, match="'a', 'b'"):
        as_compact_graph([("a", "b", bad)])


def test_unknown_graph_kind_is_a_clear_error():
    with pytest.raises(ParameterError, match="cannot read a graph"):
        as_compact_graph(42)


def test_errors_are_netlink_errors():
    with pytest.raises(NetlinkError):
        as_compact_graph([("a", "b")], costs={"a": -1, "b": 1})


def test_arrays_are_read_only():
    g = as_compact_graph([(0, 1)])
    with pytest.raises(ValueError):
        g.costs[0] = 5.0
    assert isinstance(g.indptr, np.ndarray)
