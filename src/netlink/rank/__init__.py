"""Rank the actors whose removal dismantles a network: strategies, targets, what-if.

Every function takes a graph as a networkx graph, an igraph graph, an edge list or a
:class:`CompactGraph`, optional per-actor ``costs`` and edge ``weights``, and returns
node ids. See :func:`dismantle` for the engine and docs/architecture.md for the stage.

Examples
--------
>>> from netlink.rank import dismantle, what_if
>>> bridge = [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3)]
>>> result = dismantle(bridge, target_fraction=0.5)
>>> result.removal_set
(2,)
>>> what_if(bridge, result, k=1).components_after
(3, 2)
"""

from netlink.rank._components import lcc_curve
from netlink.rank._dismantle import STRATEGIES, DismantleResult, dismantle
from netlink.rank._flow import FlowDemand, FlowRanking, flow_reach, rank_for_flow
from netlink.rank._gnd import generalized_dismantling
from netlink.rank._graph import CompactGraph, as_compact_graph
from netlink.rank._reinsert import reinsert
from netlink.rank._strategies import (
    adaptive_betweenness,
    adaptive_degree,
    collective_influence,
    core_hd,
)
from netlink.rank._targets import (
    MEASURES,
    TARGET_COLUMNS,
    ActorNetwork,
    Targets,
    TargetSettings,
    actor_networks,
    describe_what_if,
    network_what_if,
    rank_networks,
    rank_targets,
    read_cost_overrides,
)
from netlink.rank._whatif import WhatIf, what_if

__all__ = [
    "MEASURES",
    "STRATEGIES",
    "TARGET_COLUMNS",
    "ActorNetwork",
    "CompactGraph",
    "DismantleResult",
    "FlowDemand",
    "FlowRanking",
    "TargetSettings",
    "Targets",
    "WhatIf",
    "actor_networks",
    "adaptive_betweenness",
    "adaptive_degree",
    "as_compact_graph",
    "collective_influence",
    "core_hd",
    "describe_what_if",
    "dismantle",
    "flow_reach",
    "generalized_dismantling",
    "lcc_curve",
    "network_what_if",
    "rank_for_flow",
    "rank_networks",
    "rank_targets",
    "read_cost_overrides",
    "reinsert",
    "what_if",
]
