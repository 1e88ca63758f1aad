"""netlink.lab on the bundled sample: each question in one call, each answer usable."""

from __future__ import annotations

import contextlib

import pandas as pd
import pytest

import netlink.lab as lab
from netlink.errors import ParameterError, UnknownEntityError
from netlink.view import Breakdown, LinkChart, RouteView, Timeline

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def largest(sample_case) -> str:
    return str(sample_case.networks()["network_id"].iloc[0])


def test_opening_a_case_file_reads_it_and_an_extract_analyses_it(sample_case):
    again = lab.open(sample_case.path)
    assert again.run.result_sha256 == sample_case.run.result_sha256
    assert "networks" in repr(again) and "<table>" in again._repr_html_()


def test_networks_are_listed_largest_first_with_what_where_and_who(sample_case):
    nets = sample_case.networks()
    assert list(nets.columns[:5]) == [
        "network_id",
        "n_entities",
        "n_seizures",
        "first_seen",
        "last_seen",
    ]
    assert len(nets) > 20 and nets["n_entities"].iloc[0] == nets["n_entities"].max()
    assert nets["brands"].iloc[0] and nets["main_parties"].iloc[0]


def test_a_network_chart_shows_its_members_their_cases_and_shared_attributes(sample_case, largest):
    chart = sample_case.chart(largest)
    assert isinstance(chart, LinkChart) and largest in chart.title
    drawn = chart.nodes
    assert set(sample_case._members(largest)) <= set(drawn["node_id"])
    assert {"party", "seizure"} <= set(drawn["kind"])
    attrs = drawn[drawn["kind"].isin(["address", "identifier", "domain"])]
    linked = pd.concat([chart.edges["source"], chart.edges["target"]]).value_counts()
    assert (linked.reindex(attrs["node_id"]) >= 2).all(), (
        "an attribute used by one party links nothing"
    )
    assert "used by one party only are not drawn" in chart.note


def test_profile_roles_and_targets_of_a_network(sample_case, largest):
    profile = sample_case.profile(largest)
    assert profile.set_index("field").loc["network_id", "value"] == largest
    roles = sample_case.roles(largest)
    assert set(roles["network_id"]) == {largest} and roles["rank"].max() <= 3
    assert roles["name"].notna().all() and roles["reason"].str.len().min() > 0
    empty = sample_case.tables["targets"].empty
    with pytest.warns(UserWarning, match="no targets") if empty else contextlib.nullcontext():
        targets = sample_case.targets(largest)
    assert list(targets.columns) == ["network_id", "rank", "entity_id", "name", "impact", "reason"]


def test_find_by_name_and_by_phone_however_written(sample_case):
    by_phone = sample_case.find("(+86) 157-1318-8395", k=3)
    assert by_phone["kind"].iloc[0] == "identifier" and by_phone["label"].iloc[0].endswith(
        "15713188395"
    )
    assert "network_id" in sample_case.find("Saide Shoes").columns


def test_an_entity_is_named_by_id_or_by_text_that_finds_it_well(sample_case):
    phone = sample_case.find("157 1318 8395")["node_id"].iloc[0]
    assert sample_case._node(phone) == phone
    assert sample_case._node("157 1318 8395") == phone
    with pytest.raises(UnknownEntityError, match="well enough"):
        sample_case._node("zzzz qqqq xxxx")
    with pytest.raises(UnknownEntityError, match="no network"):
        sample_case.chart("N9999")


def test_neighbourhood_paths_and_evidence_between_two_parties_on_one_phone(sample_case):
    phone = sample_case.find("157 1318 8395")["node_id"].iloc[0]
    around = sample_case.neighbourhood(phone, hops=1)
    parties = around.nodes.loc[around.nodes["kind"] == "party", "node_id"].tolist()
    assert len(parties) >= 2 and phone in set(around.nodes["node_id"])
    a, b = parties[:2]
    view = sample_case.paths(a, b)
    assert view.chart is not None and {a, b} <= set(view.chart.nodes["node_id"])
    assert view.table["path"].min() == 1 and "<iframe" in view._repr_html_()
    ev = sample_case.evidence(a, b)
    assert phone in set(ev["via"]) and (ev["table"] == "parties").all()
    assert ev["as_written"].str.contains("phone:").any()


def test_evidence_of_a_direct_link_lists_its_records_as_written(sample_case):
    e = sample_case._stages.graph.edges
    link = e[e["kind"] == "infringes"].iloc[0]
    ev = sample_case.evidence(link["source"], link["target"])
    assert set(ev["record_id"]) == set(link["record_ids"]) and (ev["table"] == "goods").all()
    assert ev["as_written"].str.contains("brand:").all()


def test_timelines_routes_and_breakdowns_for_a_network_an_entity_and_the_case(sample_case, largest):
    phone = sample_case.find("157 1318 8395")["node_id"].iloc[0]
    for view in (
        sample_case.timeline(network=largest),
        sample_case.timeline(phone),
        sample_case.timeline(),
    ):
        assert isinstance(view, Timeline) and len(view.table) and "<svg" in view._repr_html_()
    routes = sample_case.routes(largest)
    assert isinstance(routes, RouteView)
    assert (
        routes.table["cases"].sum()
        == sample_case.networks().set_index("network_id").loc[largest, "n_seizures"]
    )
    assert isinstance(sample_case.routes(entity=phone), RouteView)
    brands = sample_case.brands(largest)
    assert isinstance(brands, Breakdown) and brands.table["cases"].iloc[0] > 0
    assert sample_case.categories().table["share"].between(0, 1).all()


def test_review_decisions_go_to_the_links_file(sample_case, tmp_path):
    queue = sample_case.review(10)
    assert len(queue) == 10 and {"name_a", "name_b", "score", "status"} <= set(queue.columns)
    links = tmp_path / "links.csv"
    row = queue.iloc[0]
    table = sample_case.cannot_link(row["record_id_a"], row["record_id_b"], "checked", file=links)
    assert table[["decision", "record_id_a"]].values.tolist() == [
        ["cannot_link", row["record_id_a"]]
    ]
    with pytest.raises(UnknownEntityError):
        sample_case.must_link("R-nope", row["record_id_b"], file=links)


def test_rerun_never_overwrites_the_case_file_it_reruns(sample_case):
    with pytest.raises(ParameterError, match="overwrite"):
        sample_case.rerun(out=sample_case.path)
