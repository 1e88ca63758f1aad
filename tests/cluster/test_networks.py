"""Networks: communities of the weighted projection, stable ids, clear empty results."""

from __future__ import annotations

import numpy as np
import pytest

from netlink.casefile import result_sha256
from netlink.cluster import ClusterSettings, find_networks
from netlink.errors import ParameterError
from netlink.graph import (
    build_graph,
    detect_hubs,
    exact_entities,
    leiden,
    leiden_core,
    project_parties,
)
from netlink.graph._examples import load_tables

from ..graph._worlds import (
    case,
    extract_of,
    lonely_world,
    network_world,
    one_party_world,
    pairs_world,
    party,
    tables,
)


def networks_of(ex, seed: int = 0, settings: ClusterSettings | None = None):
    g = build_graph(ex, *exact_entities(ex))
    hubs = detect_hubs(g, seed=seed)
    return g, hubs, find_networks(g, project_parties(g, hubs), settings, seed=seed)


@pytest.fixture(scope="module")
def world():
    return networks_of(network_world())


def test_the_network_is_found_without_its_courier(world):
    g, hubs, nets = world
    assert len(nets.networks) == 1
    row = nets.networks.iloc[0]
    assert row["network_id"] == "N0001" and row["n_seizures"] == 25 and not row["warning"]
    label = g.nodes.set_index("node_id")["label"]
    members = set(label[nets.network_members["entity_id"]])
    assert {"Putian Xinghui Shoes Co., Ltd.", "Schuh Import GmbH", "Etiketten Werk GmbH"} <= members
    assert {"Anna Weber", "Trendy Kicks Store", "Buyer Number3"} <= members
    assert "DHL Express" not in members and "Background Buyer 1" not in members
    dhl = g.nodes.loc[g.nodes["label"] == "DHL Express", "node_id"].iloc[0]
    assert dhl in hubs.node_ids
    assert nets.membership.set_index("entity_id").loc[dhl, "group"] == -1
    assert row["n_entities"] == len(nets.network_members)
    assert (nets.network_members["inside_share"] > 0.5).all()


def test_same_seed_same_tables(world):
    _, _, a = world
    _, _, b = networks_of(network_world())
    assert result_sha256(a.tables()) == result_sha256(b.tables())
    assert a.networks["fingerprint"].tolist() == b.networks["fingerprint"].tolist()


def test_no_shared_links_gives_no_networks_and_says_why():
    _, _, nets = networks_of(lonely_world())
    assert nets.networks.empty and nets.network_members.empty
    assert nets.notes[0].startswith("no networks: no two parties share")
    _, _, nets = networks_of(pairs_world())
    assert nets.networks.empty
    assert nets.notes[0].startswith("no networks:") and "span fewer than 3 cases" in nets.notes[1]


def test_one_party_on_every_case_makes_no_giant_network():
    _, _, nets = networks_of(one_party_world())
    assert nets.networks.empty
    assert "hub(s) set aside" in nets.notes[0]


def test_every_phone_a_placeholder_makes_no_giant_network():
    _, hubs, nets = networks_of(pairs_world(12, phone="0000000"))
    assert "0000000" in set(hubs.table.loc[hubs.table["is_hub"], "label"])
    assert nets.networks.empty
    assert nets.notes[0].startswith("no networks:")


def test_a_single_case_is_not_a_network():
    ex = extract_of([case(0, [party("consignor", "A Co", "CN"), party("consignee", "B", "DE")])])
    _, _, nets = networks_of(ex)
    assert nets.networks.empty and "span fewer than 3 cases" in " ".join(nets.notes)
    _, _, nets = networks_of(
        ex, settings=ClusterSettings(min_cases=1, min_strong_links=0, min_core=0)
    )
    assert len(nets.networks) == 1, "the bar is a setting"


def test_a_repeat_shipper_is_not_a_network():
    ex = extract_of(
        [
            case(i, [party("consignor", "Repeat Co", "CN"), party("consignee", f"P {i}", "DE")])
            for i in range(4)
        ]
    )
    _, _, nets = networks_of(ex)
    assert nets.networks.empty and "repeat shipper" in " ".join(nets.notes)


def test_a_front_with_a_repeat_consignee_and_one_buyer_is_a_network():
    # One member linked to two others (the front) and a link of more than one shipment
    # (three shipments to the distributor): the factory side of a small network.
    front = party("consignor", "Xinghui (HK) Trading Limited", "HK")
    cases = [case(k, [front, party("consignee", "Schuh Import GmbH", "DE")]) for k in range(3)]
    cases.append(case(3, [front, party("consignee", "Anna Weber", "DE")]))
    _, _, nets = networks_of(extract_of(cases))
    assert nets.networks[["n_entities", "n_seizures"]].values.tolist() == [[3, 4]]
    _, _, strict = networks_of(extract_of(cases), settings=ClusterSettings(min_core=2))
    assert strict.networks.empty


def test_small_networks_are_not_swallowed():
    # Forty triangles in a ring, each joined to the next by one weak link: modularity
    # at this size merges neighbours; the fixed-resolution model keeps all forty.
    k = 40
    tri = np.arange(k) * 3
    a = np.r_[tri, tri + 1, tri, tri + 2]
    b = np.r_[tri + 1, tri + 2, tri + 2, (tri + 3) % (3 * k)]
    w = np.r_[np.ones(3 * k), np.full(k, 0.05)]
    labels = leiden(3 * k, a, b, w, resolution=0.003, seed=1)
    assert len(np.unique(labels)) == k
    assert len(np.unique(leiden_core(3 * k, a, b, w, resolution=0.003, seed=1))) == k


def _chain_world():
    """A factory and its fronts selling to two shops (one phone each side), which sell on."""
    side = {"CN": "+86 20 8123 4567", "DE": "+49 170 7654321"}
    up = [
        party("consignor", n, "CN", side["CN"]) for n in ("Xinghui Shoes", "Front One", "Front Two")
    ]
    shops = ("Schuh Shop Berlin", "Schuh Shop Hamburg")
    cases = [
        case(k, [up[k % 3], party("consignee", shops[k % 2], "DE", side["DE"])]) for k in range(10)
    ]
    cases += [
        case(10 + k, [up[k % 3], party("consignee", f"Importer {k % 6} Srl", "IT")])
        for k in range(30)
    ]
    cases += [
        case(
            40 + k,
            [
                party("consignor", shops[k % 2], "DE", side["DE"]),
                party("consignee", f"B {k}", "FR"),
            ],
        )
        for k in range(20)
    ]
    return extract_of(cases)


def test_two_halves_that_trade_regularly_are_one_network():
    # At this resolution Leiden splits the chain in two: the shops meet the factory side
    # on 10 of their 30 cases, so the two halves are joined again.
    ex = _chain_world()
    split = ClusterSettings(resolution=0.1, trade_min_cases=10**6)
    assert sorted(networks_of(ex, settings=split)[2].networks["n_seizures"]) == [30, 40]
    nets = networks_of(ex, settings=ClusterSettings(resolution=0.1))[2]
    assert nets.networks["n_seizures"].tolist() == [60]
    loose = ClusterSettings(resolution=0.1, trade_share=0.5)
    assert len(networks_of(ex, settings=loose)[2].networks) == 2, "10 of 30 is below half"


def test_a_buyer_written_twice_follows_the_store_a_lone_pair_does_not():
    store = party("consignor", "Trendy Kicks Store", "CN", "+86 20 8123 4567")
    factory = party("other", "Xinghui Shoes Factory", "CN", "+86 20 8123 4567")
    fwd = party("forwarder", "Quick Freight Ltd", "HK")
    cases = [
        case(k, [store, factory, fwd, party("consignee", f"Buyer {k}", "FR")]) for k in range(12)
    ]
    # One buyer under two spellings, linked to each other only by the address.
    for k, name in enumerate(("Anna Weber", "Weber Anna Marie")):
        cases.append(case(12 + k, [store, party("consignee", name, "DE", address="Hauptstr. 5")]))
    # A one-off sender and receiver that only share the store's forwarder.
    lone = [party("consignor", "Lone Sender Co", "CN"), fwd, party("consignee", "Lone Rec", "DE")]
    cases.append(case(14, lone))
    # At this resolution Leiden leaves the address pair on its own next to the network.
    g, _, nets = networks_of(extract_of(cases), settings=ClusterSettings(resolution=0.05))
    label = g.nodes.set_index("node_id")["label"]
    net_of = nets.membership.set_index(nets.membership["entity_id"].map(label))["network_id"]
    assert net_of["Anna Weber"] == net_of["Weber Anna Marie"] == net_of["Trendy Kicks Store"]
    assert net_of[["Lone Sender Co", "Lone Rec"]].isna().all()


def test_settings_are_checked():
    for bad in (
        {"resolution": 0},
        {"min_entities": 1},
        {"min_cases": 0},
        {"giant_share": 2},
        {"iterations": 0},
        {"min_core": -1},
        {"trade_share": 0},
        {"trade_share": 1.5},
        {"trade_min_cases": 0},
    ):
        with pytest.raises(ParameterError):
            ClusterSettings(**bad)


def test_an_extract_without_parties_gives_no_networks_and_says_why():
    t = tables([case(k, [party("consignor", f"Co {k}", "CN")]) for k in range(2)])
    t["parties"] = t["parties"].iloc[0:0]
    _, _, nets = networks_of(load_tables(t))
    assert nets.networks.empty and nets.network_members.empty
    assert nets.notes[0].startswith("no networks: no two parties share")


def _shippers_on_one_phone(names: list[str]):
    cases = [
        case(
            i,
            [
                party("consignor", names[i % 2], "SG", phone="+65 6123 4567"),
                party("consignee", f"Buyer {i}", "DE"),
            ],
        )
        for i in range(4)
    ]
    return networks_of(extract_of(cases))[2]


def test_one_shipper_written_two_ways_on_one_phone_is_not_a_network():
    # A typo kept the two names apart in resolution; sharing a phone with itself is no
    # sign of two parties working together.
    nets = _shippers_on_one_phone(["Nova Allu Commerce Pte. Ltd.", "Novz Allu Commerce Pte Ltd"])
    assert nets.networks.empty
    # Two companies of different names on one phone are: a front and its factory.
    nets = _shippers_on_one_phone(["Nova Allu Commerce Pte. Ltd.", "Hexu International Limited"])
    assert nets.networks["n_entities"].tolist() == [6]


def test_nodes_without_links_take_no_part_in_leiden():
    # Leiden runs on the linked nodes alone: the same graph spread over many more node
    # numbers gives the same communities, and each unlinked node is one of its own.
    rng = np.random.default_rng(3)
    k, m = 300, 900
    a, b = rng.integers(0, k, m), rng.integers(0, k, m)
    keep = a != b
    a, b, w = a[keep], b[keep], rng.random(int(keep.sum())) + 0.1
    compact = leiden(k, a, b, w, resolution=0.05, seed=7)
    spread = np.arange(k) * 7 + 3  # node i becomes node 7i + 3 of 7k
    wide = leiden(7 * k, spread[a], spread[b], w, resolution=0.05, seed=7)
    linked = np.unique(np.r_[a, b])
    assert len(np.unique(compact[linked])) > 5
    same = compact[linked][:, None] == compact[linked][None, :]
    np.testing.assert_array_equal(
        same, wide[spread[linked]][:, None] == wide[spread[linked]][None, :]
    )
    alone = np.setdiff1d(np.arange(7 * k), spread[linked])
    np.testing.assert_array_equal(wide[alone], alone)


def _shipper_naming(producer: str):
    cases = [
        case(
            i,
            [
                party("consignor", "Nova Allu Commerce Pte. Ltd.", "SG"),
                party("consignee", f"Buyer {i}", "DE"),
                *([party("other", producer, "SG")] if i == 0 else []),
            ],
        )
        for i in range(4)
    ]
    return networks_of(extract_of(cases))[2]


def test_a_shipper_named_on_its_own_shipment_under_a_slip_is_not_a_network():
    # The producer named on the shipment is the shipper itself, its name mistyped:
    # one party, not a front and its factory.
    assert _shipper_naming("Novz Allu Commerce Pte Ltd").networks.empty
    # A producer of another name is: the front ships its factory's goods.
    assert _shipper_naming("Hexu Leather Products Co Ltd").networks["n_entities"].tolist() == [6]
