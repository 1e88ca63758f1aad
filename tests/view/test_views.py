"""The views without a browser: what they draw, what they leave out, and how they escape."""

from __future__ import annotations

import html
import json
import re

import pandas as pd
import pytest

from netlink.errors import ParameterError
from netlink.view import breakdown, link_chart, route_view, timeline
from netlink.view._limit import GROUP_PREFIX, limit
from netlink.view._safe import csp, script_json
from tests.view.conftest import HOSTILE


def payload(chart) -> dict:
    block = re.search(
        r'<script type="application/json" id="nl-data">(.*?)</script>', chart.html, re.S
    )
    return json.loads(block.group(1))


def star(n_leaves: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A seller with ``n_leaves`` one-off cases, and two parties sharing a phone."""
    nodes = pd.DataFrame(
        {
            "node_id": ["P-shop", "P-a", "P-b", "I-phone"] + [f"S:S{i}" for i in range(n_leaves)],
            "kind": ["party", "party", "party", "identifier"] + ["seizure"] * n_leaves,
            "label": ["Shop", "A", "B", "+86 138"] + [f"S{i}" for i in range(n_leaves)],
        }
    )
    edges = pd.DataFrame(
        {
            "source": ["P-a", "P-b", "P-shop"] + ["P-shop"] * n_leaves,
            "target": ["I-phone", "I-phone", "I-phone"] + [f"S:S{i}" for i in range(n_leaves)],
            "kind": ["uses_phone"] * 3 + ["seller"] * n_leaves,
            "record_ids": [["R1"], ["R2"], ["R3"]] + [[f"R{10 + i}"] for i in range(n_leaves)],
        }
    )
    return nodes, edges


def test_a_chart_under_the_limit_draws_everything_and_says_nothing():
    nodes, edges = star(5)
    chart = link_chart(nodes, edges, max_nodes=50)
    assert len(chart.nodes) == 9 and chart.note == ""
    data = payload(chart)
    assert len(data["nodes"]) == 9 and len(data["edges"]) == 8
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float) for n in data["nodes"])


def test_past_the_limit_leaves_are_collapsed_into_a_group_and_the_chart_says_so():
    nodes, edges = star(40)
    chart = link_chart(nodes, edges, max_nodes=10)
    groups = chart.nodes[chart.nodes["is_group"]].set_index("node_id")
    assert sorted(chart.nodes["node_id"]) == sorted(["P-shop", "I-phone", *groups.index])
    cases = groups.loc[GROUP_PREFIX + "seizure:P-shop"]
    assert cases["label"] == "+40 cases" and len(cases["members"]) == 30  # list capped
    assert groups.loc[GROUP_PREFIX + "party:I-phone", "members"] == ["A", "B"]
    assert chart.note == "Showing 4 of 44 nodes: 42 leaves collapsed into 2 groups."
    (link,) = chart.edges[chart.edges["target"] == GROUP_PREFIX + "seizure:P-shop"].itertuples()
    assert link.n_records == 40


def test_past_the_limit_the_focus_and_its_neighbours_are_kept_first():
    nodes = pd.DataFrame({"node_id": [f"n{i}" for i in range(10)], "kind": "party", "label": "x"})
    chain = pd.DataFrame(
        {
            "source": [f"n{i}" for i in range(9)],
            "target": [f"n{i + 1}" for i in range(9)],
            "kind": "uses_phone",
        }
    )
    nodes = nodes.assign(is_hub=False, n_cases=1, focus=nodes["node_id"] == "n5")
    edges = chain.assign(kinds=[["uses_phone"]] * 9, n_records=1, record_ids=[[]] * 9,
                         first_seen=None, last_seen=None)  # fmt: skip
    out = limit(
        nodes,
        edges[["source", "target", "kinds", "n_records", "record_ids", "first_seen", "last_seen"]],
        3,
    )
    assert sorted(out.nodes["node_id"]) == ["n4", "n5", "n6"]
    assert "7 less relevant nodes left out (7 parties)" in out.note


def test_links_between_the_same_two_nodes_are_drawn_once_with_all_their_records():
    nodes = pd.DataFrame(
        {"node_id": ["P-1", "S:S1"], "kind": ["party", "seizure"], "label": ["A", "S1"]}
    )
    edges = pd.DataFrame(
        {
            "source": ["P-1", "S:S1"],
            "target": ["S:S1", "P-1"],
            "kind": ["consignee", "notify"],
            "record_ids": [["R1"], ["R2", "R1"]],
        }
    )
    chart = link_chart(nodes, edges)
    (row,) = chart.edges.itertuples()
    assert (
        row.kinds == ["consignee", "notify"]
        and row.record_ids == ["R1", "R2"]
        and row.n_records == 2
    )
    (edge,) = payload(chart)["edges"]
    # Receiving: the arrow points from the case to the party.
    assert (edge["from"], edge["to"]) == ("S:S1", "P-1") and edge["arrows"]["to"]["enabled"]


def test_a_link_to_an_unknown_node_is_refused():
    nodes, edges = star(1)
    with pytest.raises(ParameterError, match="not in the nodes"):
        link_chart(nodes, edges.assign(target="S:nowhere"))


def test_the_same_input_gives_the_same_chart_bytes():
    nodes, edges = star(12)
    assert link_chart(nodes, edges, seed=3).html == link_chart(nodes, edges, seed=3).html


def test_the_document_allows_no_request_and_only_its_own_scripts():
    chart = link_chart(*star(2))
    policy = html.unescape(
        re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', chart.html).group(1)
    )
    assert policy == csp(re.findall(r"<script>(.*?)</script>", chart.html, re.S))
    assert (
        "default-src 'none'" in policy
        and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", chart.html)
    assert "cdn" not in chart.html.lower()


def test_in_a_notebook_a_chart_is_a_sandboxed_frame_of_its_own():
    chart = link_chart(*star(2), title=HOSTILE[1])
    frame = chart._repr_html_()
    assert frame.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts"' in frame
    assert "<script" not in frame  # the whole document is in an escaped attribute
    assert html.unescape(re.search(r'srcdoc="([^"]*)"', frame).group(1)) == chart.html


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_text_never_reaches_markup_unescaped(name):
    nodes = pd.DataFrame({"node_id": [name, "S:S1"], "kind": ["party", "seizure"], "label": [name, name],
                          "network_id": [name, None], "role": name})  # fmt: skip
    edges = pd.DataFrame(
        {"source": [name], "target": ["S:S1"], "kind": [name], "record_ids": [[name]]}
    )
    chart = link_chart(nodes, edges, title=name, note=name)
    outside_json = re.sub(
        r'<script type="application/json" id="nl-data">.*?</script>', "", chart.html, flags=re.S
    )
    for view in (
        outside_json,
        timeline(
            pd.DataFrame({"date": ["2024-01-01"], "lane": [name], "key": [name], "tip": [name]}),
            title=name,
        ).html,
        route_view(
            pd.DataFrame(
                {"origin": [name], "transit": [name], "entry": [name], "destination": [name]}
            ),
            title=name,
        ).html,
        breakdown(pd.DataFrame({"seizure_id": ["S1"], "brand": [name]}), "brand", title=name).html,
    ):
        for tag in ("<img", "<svg onload", "<iframe src", "<a href", "<script>alert"):
            assert tag not in view
    # In the JSON the characters survive as escapes, so the chart shows the name as written.
    assert "<" not in re.search(r'id="nl-data">(.*?)</script>', chart.html, re.S).group(1)
    node = next(n for n in payload(chart)["nodes"] if n["id"] == name)
    assert node["tip"][0][1] == " ".join(name.split())


def test_script_json_round_trips_every_character():
    value = {"s": "".join(HOSTILE) + "\u2028\u2029&<>"}
    assert json.loads(script_json(value)) == value
