"""The weighted party projection: what links two parties, and how much."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netlink.errors import ParameterError, UnknownEntityError
from netlink.graph import (
    ProjectionSettings,
    build_graph,
    exact_entities,
    pairs_within,
    project_parties,
)
from netlink.graph._project import _columns, _pair_rows, _pair_sums

from ._worlds import case, extract_of, party


def _label_pairs(g, proj):
    label = g.nodes.set_index("node_id")["label"]
    return {
        frozenset((label[a], label[b])): row
        for a, b, row in zip(proj.edges["a"], proj.edges["b"], proj.edges.itertuples(), strict=True)
    }


@pytest.fixture(scope="module")
def shared():
    """Two fronts share a phone; four parties share an address; a courier on every case."""
    cases = [
        case(
            0,
            [
                party("consignor", "Front A", "HK", "+852 1111 2222"),
                party("consignee", "Buyer A", "DE"),
            ],
        ),
        case(
            1,
            [
                party("consignor", "Front B", "CN", "+852 1111 2222"),
                party("consignee", "Buyer B", "DE"),
            ],
        ),
    ] + [
        case(
            2 + k,
            [
                party("consignor", f"Co {k}", "HK", address="Unit 1, Office Tower"),
                party("consignee", f"Receiver {k}", "FR"),
            ],
        )
        for k in range(4)
    ]
    for c in cases:
        c["parties"].append(party("carrier", "Courier X", "DE"))
    ex = extract_of(cases)
    g = build_graph(ex, *exact_entities(ex))
    return g


def test_shared_values_are_weighted_by_how_many_share_them(shared):
    g = shared
    pairs = _label_pairs(g, project_parties(g))
    fronts = pairs[frozenset(("Front A", "Front B"))]
    assert fronts.w_phone == pytest.approx(1.0) and fronts.weight == pytest.approx(1.0)
    office = pairs[frozenset(("Co 0", "Co 1"))]
    assert office.w_address == pytest.approx(0.8 / 3)  # four parties share it
    flow = pairs[frozenset(("Front A", "Buyer A"))]
    # One case each, sender to receiver: a full flow link.
    assert flow.w_case == pytest.approx(1.0) and flow.n_flow_ab + flow.n_flow_ba == 1
    courier = pairs[frozenset(("Front A", "Courier X"))]
    # The courier is on six cases: through an intermediary, and cosine-discounted.
    assert courier.w_case == pytest.approx(0.2 / np.sqrt(6))


def test_hubs_are_left_out(shared):
    g = shared
    courier = g.nodes.loc[g.nodes["label"] == "Courier X", "node_id"].iloc[0]
    proj = project_parties(g, {courier})
    assert courier not in set(proj.edges["a"]) | set(proj.edges["b"])
    assert proj.parties.set_index("entity_id").loc[courier, "excluded"]


def test_evidence_names_the_shared_values(shared):
    g = shared
    proj = project_parties(g)
    ids = g.nodes.set_index("label")["node_id"]
    ev = proj.edge_evidence(g, ids["Front A"], ids["Front B"])
    assert ev["component"].astype(str).tolist() == ["phone"]
    assert ev["label"].tolist() == ["+852 1111 2222"]
    assert proj.edge_evidence(g, ids["Front A"], ids["Co 3"]).empty
    with pytest.raises(UnknownEntityError):
        proj.edge_evidence(g, "P-nobody", ids["Front A"])


def test_values_shared_too_widely_are_not_expanded(shared):
    g = shared
    proj = project_parties(g, settings=ProjectionSettings(max_shared=3))
    assert proj.edges["w_address"].sum() == 0


def test_a_shipment_links_its_sender_to_the_producer_and_seller_named_on_it():
    ex = extract_of(
        [
            case(
                0,
                [
                    party("consignor", "Front A", "HK"),
                    party("seller", "Store S", "CN"),
                    party("other", "Factory F", "CN"),
                    party("consignee", "Buyer B", "DE"),
                    party("forwarder", "Fwd X", "HK"),
                ],
            )
        ]
    )
    g = build_graph(ex, *exact_entities(ex))
    pairs = _label_pairs(g, project_parties(g))
    s = ProjectionSettings()
    for named in ("Store S", "Factory F"):
        edge = pairs[frozenset(("Front A", named))]
        assert edge.n_named == 1 and edge.w_case == pytest.approx(s.named_weight)
    assert pairs[frozenset(("Front A", "Buyer B"))].n_named == 0
    assert pairs[frozenset(("Front A", "Fwd X"))].w_case == pytest.approx(s.middle_weight)


def test_settings_are_checked():
    with pytest.raises(ParameterError):
        ProjectionSettings(attribute_weights={"fax": 1.0})
    with pytest.raises(ParameterError):
        ProjectionSettings(flow_weight=-1)
    with pytest.raises(ParameterError):
        ProjectionSettings(max_shared=1)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 9)), max_size=40))
def test_pairs_within_lists_every_pair_once(rows):
    rows = sorted(set(rows))
    group = np.array([g for g, _ in rows], dtype=np.int64)
    member = np.array([m for _, m in rows], dtype=np.int64)
    i, j = pairs_within(group, member)
    got = sorted(zip(member[i].tolist(), member[j].tolist(), group[i].tolist(), strict=True))
    want = sorted((a, b, g) for g, a in rows for g2, b in rows if g == g2 and a < b)
    assert got == want
    assert (group[i] == group[j]).all()


def test_hub_grouping_sums_match_the_projection(sample_extract):
    # Hub detection sums the pairs once for two projections (values shared by two
    # parties, and by up to 50) without building either; its sums must be theirs.
    g = build_graph(sample_extract, *exact_entities(sample_extract))
    rows = _pair_rows(g, frozenset(), ProjectionSettings(max_shared=50))
    cols = _columns(rows.parts)
    n = len(rows.party_nodes)
    for max_shared, sel in ((2, cols["k"] <= 2), (50, np.ones(len(cols["k"]), dtype=bool))):
        sums, _ = _pair_sums({k: v[sel] for k, v in cols.items()}, n)
        proj = project_parties(g, None, ProjectionSettings(max_shared=max_shared)).edges
        assert len(proj) > 100
        for name, values in sums.items():
            np.testing.assert_array_equal(values, proj[name].to_numpy(), err_msg=name)
    # The sample has values shared by three parties or more: the two differ.
    assert (cols["k"] > 2).any()
