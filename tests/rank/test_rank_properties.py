"""Properties that hold for every graph (hypothesis)."""

import networkx as nx
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from netlink.rank import STRATEGIES, dismantle, flow_reach

graphs = st.builds(
    lambda n, p, seed: nx.gnp_random_graph(n, p, seed=seed),
    st.integers(0, 25),
    st.floats(0.0, 0.4),
    st.integers(0, 10_000),
)


@settings(max_examples=25, deadline=None)
@given(graph=graphs, strategy=st.sampled_from(STRATEGIES), seed=st.integers(0, 3))
def test_order_is_a_subset_and_the_curve_never_rises(graph, strategy, seed):
    r = dismantle(graph, strategy, target_fraction=0.2, seed=seed)
    assert len(set(r.order)) == len(r.order)
    assert set(r.order) <= set(graph.nodes)
    assert set(r.removal_set) <= set(r.order)
    assert np.all(np.diff(r.lcc_curve) <= 1e-12)
    assert 0.0 <= r.robustness <= 1.0
    if r.q_after is not None:
        assert r.lcc_curve[r.q_after] <= 0.2 + 1e-12


@settings(max_examples=40, deadline=None)
@given(graph=graphs, data=st.data())
def test_flow_reach_is_a_share_and_falls_as_removals_grow(graph, data):
    nodes = sorted(graph.nodes)
    if not nodes:
        return
    pick = st.sampled_from(nodes)
    demands = data.draw(st.lists(st.tuples(pick, pick, st.floats(0, 10)), max_size=8))
    removed = data.draw(st.lists(pick, unique=True))
    more = data.draw(st.lists(pick, unique=True))
    bigger = list(dict.fromkeys(removed + more))
    a = flow_reach(graph, demands, removed)
    b = flow_reach(graph, demands, bigger)
    assert 0.0 <= b <= a <= 1.0
