"""The flow objective, the flow ranking and the what-if."""

import pandas as pd
import pytest

from netlink.errors import ParameterError, UnknownEntityError
from netlink.rank import FlowDemand, dismantle, flow_reach, rank_for_flow, what_if

# maker -> (agent1 | agent2) -> port -> shop; maker2 -> port.
NET = [
    ("maker", "agent1"),
    ("maker", "agent2"),
    ("agent1", "port"),
    ("agent2", "port"),
    ("port", "shop"),
    ("maker2", "port"),
    ("maker", "bystander"),
]
DEMANDS = FlowDemand.from_rows(
    [("maker", "shop", 6.0), ("maker2", "shop", 3.0), ("maker", "port", 1.0)], measure="cases"
)


def test_flow_reach_on_a_known_graph():
    assert flow_reach(NET, DEMANDS) == 1.0
    assert flow_reach(NET, DEMANDS, ["agent1"]) == 1.0  # agent2 still carries it
    assert flow_reach(NET, DEMANDS, ["agent1", "agent2"]) == pytest.approx(0.3)
    assert flow_reach(NET, DEMANDS, ["shop"]) == pytest.approx(0.1)  # endpoint removed
    assert flow_reach(NET, DEMANDS, ["port"]) == 0.0


def test_flow_reach_without_demand_is_one():
    assert flow_reach(NET, []) == 1.0


def test_demands_from_a_frame():
    frame = pd.DataFrame({"source": ["maker"], "destination": ["shop"], "value": [2.5]})
    d = FlowDemand.from_frame(frame, amount="value")
    assert d.measure == "value" and d.total == 2.5
    assert flow_reach(NET, d, ["port"]) == 0.0


def test_bad_demands_are_clear_errors():
    with pytest.raises(UnknownEntityError, match="'nowhere'"):
        flow_reach(NET, [("maker", "nowhere", 1.0)])
    with pytest.raises(ParameterError, match="'maker' -> 'shop'"):
        FlowDemand.from_rows([("maker", "shop", -1.0)])
    with pytest.raises(UnknownEntityError, match="'ghost'"):
        flow_reach(NET, DEMANDS, ["ghost"])
    with pytest.raises(ParameterError, match="k must be"):
        rank_for_flow(NET, DEMANDS, k=-1)


def test_one_manufacturer_is_taken_when_it_is_the_cheapest_cut():
    demands = [("maker", "shop", 5.0), ("maker", "port", 5.0)]
    ranking = rank_for_flow(NET, demands, k=3)
    assert ranking.actors == ("maker",)
    assert ranking.flow_reach == (1.0, 0.0)


def test_costs_make_a_cheaper_cut_better():
    demands = [("maker", "shop", 5.0), ("maker", "port", 5.0)]
    costs = {v: 1.0 for e in NET for v in e}
    costs["maker"] = 10.0
    costs["port"] = 10.0
    ranking = rank_for_flow(NET, demands, k=3, costs=costs)
    assert set(ranking.actors) == {"agent1", "agent2"}
    assert ranking.flow_reach[-1] == 0.0
    assert ranking.cost[-1] == 2.0


def test_the_bottleneck_goes_first_and_both_metrics_are_reported():
    ranking = rank_for_flow(NET, DEMANDS, k=1)
    assert ranking.actors == ("port",)
    assert ranking.flow_reach == (1.0, 0.0)
    assert len(ranking.lcc) == len(ranking.cost) == 2
    assert ranking.lcc[1] < ranking.lcc[0]


def test_k_bounds_the_ranking():
    assert rank_for_flow(NET, DEMANDS, k=0).actors == ()


def test_what_if_before_and_after():
    w = what_if(NET, ["port"], DEMANDS)
    assert w.components_before == (7,)
    assert w.components_after == (4, 1, 1)
    assert w.flow_reach_before == 1.0 and w.flow_reach_after == 0.0
    assert w.flow_cut == 1.0
    assert w.sources_cut == ("maker", "maker2")
    assert w.cost == 1.0


def test_what_if_names_only_manufacturers_that_lose_every_route():
    w = what_if(NET, ["agent1", "agent2"], DEMANDS)
    assert w.sources_cut == ("maker",)
    assert w.flow_cut == pytest.approx(0.7)


def test_what_if_top_k_of_a_ranking():
    r = dismantle(NET, target_fraction=0.3)
    w = what_if(NET, r, k=1)
    assert w.removed == r.order[:1]
    assert w.flow_reach_after is None and w.sources_cut == ()


def test_what_if_unknown_actor_is_named():
    with pytest.raises(UnknownEntityError, match="'nobody'"):
        what_if(NET, ["nobody"])
