"""The analyst's questions: find, neighbourhood, paths, common neighbours, timeline."""

from __future__ import annotations

import pytest

from netlink.casefile import RunRecord, write_case_file
from netlink.cluster import find_networks
from netlink.errors import ParameterError, UnknownEntityError
from netlink.graph import build_graph, detect_hubs, exact_entities, project_parties
from netlink.query import Case

from .graph._worlds import ALIASES, DISTRIBUTOR, FACTORY, FRONTS, network_world


@pytest.fixture(scope="module")
def world():
    ex = network_world()
    g = build_graph(ex, *exact_entities(ex))
    hubs = detect_hubs(g)
    nets = find_networks(g, project_parties(g, hubs))
    case = Case(g, hubs=hubs, networks=nets.network_members)
    ids = g.nodes.set_index("label")["node_id"]
    return ex, g, hubs, nets, case, ids


def test_find_ranks_names_and_identifiers(world):
    *_, case, ids = world
    hits = case.find("putian xinghui shoes", k=3)
    assert hits.iloc[0]["node_id"] == ids[FACTORY] and hits.iloc[0]["score"] > 90
    assert list(hits.columns) == ["node_id", "kind", "subtype", "label", "score", "n_records"]
    phone = case.find("0086-594-22334455", k=1).iloc[0]
    assert phone["kind"] == "identifier" and phone["label"] == "+86 594 2233 4455"
    assert case.find(ids[DISTRIBUTOR], k=1).iloc[0]["score"] == 100
    assert set(case.find("weber", k=5, kinds=["party"])["label"]) >= set(ALIASES)
    with pytest.raises(ParameterError):
        case.find("  ")


def test_neighbourhood_walks_around_hubs(world):
    *_, case, ids = world
    nb = case.neighbourhood(ids[FRONTS[0]], hops=2)
    hops = nb.nodes.set_index("label")["hops"]
    assert hops[FRONTS[0]] == 0 and hops["+86 594 2233 4455"] == 1
    assert hops[FACTORY] == 2 and hops[DISTRIBUTOR] == 2
    dhl = nb.nodes.set_index("label").loc["DHL Express"]
    assert dhl["is_hub"] and not dhl["expanded"], "a hub is shown, not walked through"
    assert "Background Buyer 0" not in set(nb.nodes["label"])
    assert nb.edges["record_ids"].map(len).gt(0).all()
    assert case.neighbourhood(ids[FRONTS[0]], hops=0).nodes["label"].tolist() == [FRONTS[0]]
    with pytest.raises(UnknownEntityError, match="P-nobody"):
        case.neighbourhood("P-nobody")


def test_paths_carry_the_evidence_on_each_link(world):
    *_, case, ids = world
    p = case.paths(ids[FACTORY], ids[DISTRIBUTOR], max_len=2)
    assert set(p["kind"]) == {"other", "consignee"}
    assert p.groupby("path")["step"].max().eq(2).all()
    assert p["record_ids"].map(len).gt(0).all()
    first = p[p["path"] == 1]
    assert first["source"].iloc[0] == ids[FACTORY] and first["target"].iloc[-1] == ids[DISTRIBUTOR]
    assert case.paths(ids[FACTORY], ids["Background Buyer 3"], max_len=4).empty, "not through DHL"
    assert len(case.paths(ids[FACTORY], ids[DISTRIBUTOR], max_len=2, limit=3)["path"].unique()) == 3


def test_common_neighbours_are_the_shared_links(world):
    *_, case, ids = world
    common = case.common_neighbours(ids[FRONTS[0]], ids[FACTORY])
    phone = common[common["kind"] == "identifier"].iloc[0]
    assert phone["label"] == "+86 594 2233 4455"
    assert phone["kind_a"] == "uses_phone" and phone["records_a"] and phone["records_b"]
    assert (common["kind"] == "seizure").sum() == 3  # the factory is named on its 3 shipments
    assert case.common_neighbours(ids[ALIASES[0]], ids["Background Buyer 1"]).empty


def test_timeline_of_a_party_and_of_an_address(world):
    *_, case, ids = world
    t = case.timeline(ids[DISTRIBUTOR])
    assert len(t) == 9 and t["date"].is_monotonic_increasing
    assert set(t["role"]) == {"consignee"} and (t["network_id"] == "N0001").all()
    drop = case.find("Hinterhof 7, Essen", k=1, kinds=["address"]).iloc[0]["node_id"]
    t = case.timeline(drop)
    assert len(t) == 6 and set(t["party_label"]) == set(ALIASES)
    one = case.timeline("S:S0000")
    assert one["seizure_id"].tolist() == ["S0000"] and one["record_ids"].iloc[0] == ["S0000"]


def test_a_case_file_answers_the_same(world, tmp_path):
    ex, g, hubs, nets, case, ids = world
    path = tmp_path / "case.duckdb"
    tables = {**g.tables(hubs.table), **nets.tables(), "seizures": ex.seizures}
    write_case_file(path, tables, RunRecord("x", "0" * 64, {}, 0))
    reopened = Case.from_case_file(path)
    a = case.paths(ids[FACTORY], ids[DISTRIBUTOR], max_len=2)
    b = reopened.paths(ids[FACTORY], ids[DISTRIBUTOR], max_len=2)
    assert a[["source", "target", "kind"]].equals(b[["source", "target", "kind"]])
    assert reopened.timeline(ids[DISTRIBUTOR])["network_id"].eq("N0001").all()
