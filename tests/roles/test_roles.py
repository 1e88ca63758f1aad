"""Roles with reasons citing the cases, and network profiles."""

from __future__ import annotations

import pytest

from netlink.cluster import find_networks
from netlink.errors import ParameterError
from netlink.graph import build_graph, detect_hubs, exact_entities, project_parties
from netlink.roles import ROLE_NAMES, RoleSettings, profile_networks, score_roles

from ..graph._worlds import (
    ALIASES,
    ASSEMBLY,
    DISTRIBUTOR,
    FACTORY,
    FRONTS,
    STORES,
    case,
    extract_of,
    network_world,
    party,
)


@pytest.fixture(scope="module")
def world():
    ex = network_world()
    g = build_graph(ex, *exact_entities(ex))
    hubs = detect_hubs(g)
    nets = find_networks(g, project_parties(g, hubs))
    roles = score_roles(ex, g, nets.network_members, hubs)
    label = g.nodes.set_index("node_id")["label"]
    return ex, g, hubs, nets, roles.assign(label=roles["entity_id"].map(label))


def top(roles, role, k=1):
    return roles[(roles["role"] == role) & (roles["rank"] <= k)]["label"].tolist()


def test_roles_follow_the_evidence(world):
    *_, roles = world
    assert top(roles, "manufacturer") == [FACTORY]
    assert set(top(roles, "front", 3)) == set(FRONTS)
    assert top(roles, "distributor") == [DISTRIBUTOR]
    assert top(roles, "assembly_site") == [ASSEMBLY]
    assert set(top(roles, "drop_point", 3)) == set(ALIASES)
    assert set(top(roles, "seller", 2)) == set(STORES)
    assert top(roles, "hub") == ["DHL Express"]
    assert "Buyer Number0" in top(roles, "retail_buyer", 20)


def test_every_row_has_a_score_and_a_reason_citing_cases(world):
    *_, roles = world
    assert set(roles["role"]) <= set(ROLE_NAMES)
    assert roles["score"].between(0, 1).all()
    assert roles["reason"].str.len().gt(0).all()
    assert roles["reason"].str.contains(r"S\d{4}").all(), "reasons cite case ids"
    assert roles["record_ids"].str.match(r"^R\d{5}").all()
    factory = roles[(roles["label"] == FACTORY) & (roles["role"] == "manufacturer")].iloc[0]
    assert "named on 17 shipment(s)" in factory["reason"]
    assert "shares phone with 3 other sender(s)" in factory["reason"]
    site = roles[(roles["label"] == ASSEMBLY) & (roles["role"] == "assembly_site")].iloc[0]
    assert "4 day(s) apart" in site["reason"]
    drop = roles[(roles["label"] == ALIASES[0]) & (roles["role"] == "drop_point")].iloc[0]
    assert "shared with 2 other consignee(s)" in drop["reason"]
    # Ranks count from one within each network and role.
    first = roles.groupby(["network_id", "role"])["rank"].min()
    assert (first == 1).all()


def test_no_members_no_roles(world):
    ex, g, hubs, nets, _ = world
    empty = score_roles(ex, g, nets.network_members.iloc[0:0], hubs)
    assert empty.empty and list(empty.columns[:5]) == [
        "network_id",
        "entity_id",
        "role",
        "score",
        "reason",
    ]
    with pytest.raises(ParameterError):
        RoleSettings(cite=0)


def test_profile_says_what_when_where_how_who(world):
    ex, g, _, nets, roles = world
    p = profile_networks(ex, g, nets.networks, nets.network_members, roles)
    assert len(p) == 1
    r = p.iloc[0]
    assert r["n_seizures"] == 25 and r["n_articles"] == 9 * 3000 + 5000 + 4000 + 6 * 2 + 8
    assert r["brands"][0] == "Vexa" and "labels and packaging" in r["categories"]
    assert r["origin_countries"] == ["CN"] and r["destination_countries"][0] == "DE"
    assert r["transit_places"] == ["HKG"] and r["entry_points"] == ["DEHAM"]
    assert set(r["transport_modes"]) == {"sea", "air", "express", "postal"}
    assert r["main_parties"][0].startswith(FACTORY + " (manufacturer")
    assert r["span_days"] == (r["last_seen"] - r["first_seen"]).days
    empty = profile_networks(ex, g, nets.networks.iloc[0:0], nets.network_members.iloc[0:0])
    assert empty.empty and "main_parties" in empty.columns


def test_a_producer_named_once_outranks_a_ring_of_parcel_sellers():
    # Fronts share the producer's phone and ship bulk; three sellers share another phone
    # and send parcels, each naming another as seller: they converge on each other as
    # fronts on a factory would, but they sell to consumers.
    producer, p, q = "Anadolu Saat Sanayi Ltd. Sti.", "+90 212 555 1122", "+90 532 777 8899"
    fronts = ("Casver Saat Tic. A.S.", "Marmara Giyim Ltd. Sti.")
    sellers = ("Elif Arslan", "Bosfor Moda Tic.", "Kaya Deri Ltd.")
    dist = party("consignee", "Uhren Handel GmbH", "DE", "+49 30 98765")
    lots = [
        [party("consignor", fronts[k % 2], "TR", p), dist]
        + ([party("other", producer, "TR", p)] if k == 0 else [])
        for k in range(4)
    ] + [[party("consignor", producer, "TR", p), dist]]
    parcels = [
        [
            party("consignor", sellers[k % 3], "TR", q),
            party("seller", sellers[(k + 1) % 3], "TR", q),
            party("consignee", f"Kunde {k}", "DE"),
        ]
        for k in range(8)
    ] + [
        [
            party("consignor", fronts[k], "TR", p),
            party("seller", sellers[0], "TR", q),
            party("consignee", f"Kaeufer {k}", "DE"),
        ]
        for k in range(2)
    ]
    cases = [case(i, ps, mode="sea", items=2000) for i, ps in enumerate(lots)]
    cases += [case(len(lots) + i, ps, items=1) for i, ps in enumerate(parcels)]
    ex = extract_of(cases)
    g = build_graph(ex, *exact_entities(ex))
    hubs = detect_hubs(g)
    nets = find_networks(g, project_parties(g, hubs))
    assert len(nets.networks) == 1
    roles = score_roles(ex, g, nets.network_members, hubs)
    label = g.nodes.set_index("node_id")["label"]
    assert top(roles.assign(label=roles["entity_id"].map(label)), "manufacturer") == [producer]
