"""The typed link graph: nodes, edges, and the records behind every edge."""

from __future__ import annotations

import pandas as pd
import pytest

from netlink.casefile import RunRecord, read_case_file, result_sha256, write_case_file
from netlink.errors import ParameterError, ProvenanceError, UnknownEntityError
from netlink.graph import (
    EDGE_KINDS,
    NODE_KINDS,
    Edge,
    GraphSettings,
    LinkGraph,
    build_graph,
    check_provenance,
    exact_entities,
)
from netlink.graph._examples import tiny_extract

from ._worlds import case, extract_of, network_world, party


@pytest.fixture(scope="module")
def tiny():
    ex = tiny_extract()
    frames = exact_entities(ex)
    return ex, frames, build_graph(ex, *frames)


def test_every_edge_carries_its_records(tiny):
    _, _, g = tiny
    e = g.edges
    assert len(e) and e["record_ids"].map(len).gt(0).all()
    assert (e["record_ids"].map(len) == e["n_records"]).all()
    assert (e["first_seen"] <= e["last_seen"]).all()
    assert set(e["kind"].astype(str)) <= set(EDGE_KINDS)
    assert set(g.nodes["kind"].astype(str)) <= set(NODE_KINDS)
    # Indices point at the named nodes.
    ids = g.nodes["node_id"].to_numpy()
    assert (ids[e["src"]] == e["source"].to_numpy()).all()
    assert (ids[e["dst"]] == e["target"].to_numpy()).all()


def test_party_record_edges_cite_party_records(tiny):
    ex, frames, g = tiny
    roles = g.edges[g.edges["kind"].isin(["consignor", "consignee", "carrier"])]
    cited = sorted(r for ids in roles["record_ids"] for r in ids)
    assert cited == sorted(ex.parties["record_id"])
    # R1 is the factory's consignor record on S1.
    ent = frames.entity_members.set_index("record_id")["entity_id"]["R1"]
    row = roles[(roles["source"] == ent) & (roles["target"] == "S:S1")]
    assert row["kind"].astype(str).tolist() == ["consignor"]


def test_route_legs_give_origin_transit_entry_destination(tiny):
    _, _, g = tiny
    s1 = g.edges[g.edges["source"] == "S:S1"]
    by_kind = {k: sorted(v) for k, v in s1.groupby(s1["kind"].astype(str))["target"]}
    assert by_kind["origin"] == ["PL:CAN"]
    assert by_kind["transit"] == ["PL:HKG"]
    assert by_kind["entry"] == ["PL:FRA"]
    assert by_kind["destination"] == ["PL:FRA"]
    leg = g.edges[(g.edges["source"] == "PL:HKG") & (g.edges["target"] == "PL:FRA")]
    assert sorted(leg["record_ids"].iloc[0]) == ["S1/2", "S2/1"]
    # Without legs a seizure is placed by its countries.
    s8 = g.edges[g.edges["source"] == "S:S8"]
    assert set(s8["kind"].astype(str)) >= {"origin_country", "destination_country"}


def test_goods_and_masters_and_domains():
    ex = extract_of(
        [
            case(
                1,
                [
                    party("consignor", "A Co", "CN", email="sales@acme-shoes.cn"),
                    party("consignee", "B", "DE", email="b@gmail.com"),
                ],
                goods=[("footwear", "Vexa"), ("footwear", " vexa ")],
                master="MAWB-123 456",
            ),
            case(
                2,
                [party("consignor", "C Co", "CN", email="export@acme-shoes.cn")],
                goods=[],
                master="MAWB123456",
            ),
        ]
    )
    g = build_graph(ex, *exact_entities(ex))
    brand = g.edges[g.edges["kind"] == "infringes"]
    assert brand["target"].tolist() == ["B:vexa"] and sorted(brand["record_ids"].iloc[0]) == [
        "S0001/1",
        "S0001/2",
    ]
    master = g.edges[g.edges["kind"] == "under_master"]
    assert set(master["target"]) == {"M:MAWB123456"} and len(master) == 2
    dom = g.edges[g.edges["kind"] == "uses_domain"]
    assert set(dom["target"]) == {"D:acme-shoes.cn"}, "free mail is not a link"


def test_edge_without_records_is_refused():
    with pytest.raises(ProvenanceError):
        Edge("P-1", "S:1", "consignor", ())
    with pytest.raises(ProvenanceError):
        Edge("P-1", "S:1", "consignor", ("",))
    frame = pd.DataFrame(
        {
            "source": ["a", "b"],
            "target": ["x", "y"],
            "kind": ["k", "k"],
            "record_ids": [["R1"], [None]],
        }
    )
    with pytest.raises(ProvenanceError, match="b -k-> y"):
        check_provenance(frame)


def test_inconsistent_entities_are_refused(tiny):
    ex, frames, _ = tiny
    ents, members, attrs = frames
    with pytest.raises(ProvenanceError, match="no entity"):
        build_graph(ex, ents, members.iloc[1:], attrs)
    with pytest.raises(ProvenanceError, match="more than one"):
        build_graph(ex, ents, pd.concat([members, members.iloc[:1].assign(entity_id="P-x")]), attrs)
    with pytest.raises(UnknownEntityError, match="P-nowhere"):
        build_graph(ex, ents, members.assign(entity_id="P-nowhere"), attrs)
    with pytest.raises(ParameterError, match="unknown field"):
        build_graph(ex, ents, members, attrs.assign(field="fax"))
    with pytest.raises(ParameterError, match="reserved"):
        bad = ents.assign(entity_id=ents["entity_id"].where(ents.index != 0, "S:oops"))
        build_graph(ex, bad, members, attrs)
    with pytest.raises(ParameterError, match="lacks columns"):
        build_graph(ex, ents.drop(columns="kind"), members, attrs)


def test_settings_switch_off_domains_and_country_places(tiny):
    ex, frames, _ = tiny
    g = build_graph(ex, *frames, GraphSettings(email_domains=False, country_places=False))
    assert not g.edge_mask(["uses_domain", "origin_country"]).any()


def test_tables_write_to_a_case_file_and_read_back(tiny, tmp_path):
    ex, _, g = tiny
    tables = g.tables()
    assert list(tables["edges"].columns[:5]) == ["source", "target", "kind", "weight", "record_ids"]
    write_case_file(
        tmp_path / "c.duckdb", {**tables, "seizures": ex.seizures}, RunRecord("x", "0" * 64, {}, 0)
    )
    cf = read_case_file(tmp_path / "c.duckdb")
    assert list(cf["edges"]["source"]) == list(tables["edges"]["source"])
    again = LinkGraph.from_tables(cf["nodes"], cf["edges"], cf["seizures"])
    assert again.n_edges == g.n_edges
    assert again.edges["record_ids"].map(list).tolist() == g.edges["record_ids"].map(list).tolist()


def test_two_builds_give_identical_tables():
    ex = network_world()
    frames = exact_entities(ex)
    a = build_graph(ex, *frames).tables()
    b = build_graph(ex, *frames).tables()
    assert result_sha256(a) == result_sha256(b)


def test_index_of_names_unknown_ids(tiny):
    _, _, g = tiny
    assert g.index_of("S:S1").tolist() == [g.nodes.index[g.nodes["node_id"] == "S:S1"][0]]
    with pytest.raises(UnknownEntityError, match="P-missing"):
        g.index_of(["S:S1", "P-missing"])
