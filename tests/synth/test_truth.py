"""The ground truth is complete and consistent with the extract."""

from __future__ import annotations

import json

import numpy as np

from netlink.synth._codes import TRUTH_ROLES


def test_every_party_record_has_exactly_one_truth_row(world):
    rt, parties = world.truth["record_truth"], world.ex["parties"]
    assert rt.record_id.is_unique
    assert rt.record_id.tolist() == parties.record_id.tolist()
    assert (rt.seizure_id.values == parties.seizure_id.values).all()
    assert (rt.extract_role.values == parties.role.values).all()
    assert rt.party_id.notna().all()
    assert rt.party_id.isin(world.truth["true_parties"].party_id).all()


def test_true_parties_have_roles_kinds_and_networks(world):
    tp = world.truth["true_parties"]
    assert tp.party_id.is_unique
    assert set(tp.role) <= set(TRUTH_ROLES)
    assert set(tp.kind) <= {"company", "person"}
    assert tp.network_id.dropna().isin(world.truth["networks"].network_id).all()
    # Network members play network roles; benign look-alikes are never in a network.
    in_net = tp[tp.network_id.notna()]
    assert not in_net.role.isin(["background", "courier"]).any()
    assert in_net.is_confounder.eq(False).all()
    assert tp[tp.is_confounder].confounder_kind.notna().all()
    counts = world.truth["record_truth"].party_id.value_counts()
    assert (tp.set_index("party_id").n_records == counts.reindex(tp.party_id).values).all()


def test_record_network_matches_its_party(world):
    rt = world.truth["record_truth"].merge(
        world.truth["true_parties"][["party_id", "network_id", "role"]], on="party_id"
    )
    assert (rt.network_id_x.fillna("") == rt.network_id_y.fillna("")).all()
    assert (rt.truth_role == rt.role).all()


def test_each_network_has_its_manufacturer_on_record(world):
    nets, tp = world.truth["networks"], world.truth["true_parties"].set_index("party_id")
    assert nets.network_id.is_unique and nets.network_id.str.fullmatch(r"N\d{5}").all()
    manuf = tp.loc[nets.manufacturer_party_id]
    assert (manuf.role == "manufacturer").all()
    assert (manuf.network_id.values == nets.network_id.values).all()
    assert (manuf.n_records >= 1).all()
    fronts = tp[tp.role == "front"]
    assert fronts.front_of.isin(nets.manufacturer_party_id).all()
    assert fronts.shares_with_manufacturer.isin(["phone", "email domain", "address"]).all()


def test_case_truth_carries_the_flows_of_each_network(world):
    ct, seizures = world.truth["case_truth"], world.ex["seizures"]
    assert ct.seizure_id.tolist() == seizures.seizure_id.tolist()
    assert (ct["items"].values == seizures["items"].values).all()
    assert np.allclose(ct.value_eur, seizures.value_eur)
    net = ct[ct.network_id.notna()]
    nets = world.truth["networks"].set_index("network_id")
    assert (
        net.source_party_id.values == nets.loc[net.network_id].manufacturer_party_id.values
    ).all()
    assert ct[ct.network_id.isna()].source_party_id.isna().all()
    assert ct.destination_party_id.notna().mean() > 0.98
    dest = world.truth["true_parties"].set_index("party_id").loc[net.destination_party_id.dropna()]
    assert dest.role.isin(
        ["distributor", "assembly_site", "drop_point", "retail_buyer", "background"]
    ).all()
    # Flows per network add up to the network's cases.
    per_net = net.groupby("network_id").size()
    assert (per_net == nets.n_cases.loc[per_net.index]).all()


def test_record_identifiers_exist_and_resolve_to_written_values(world):
    rt, ids = world.truth["record_truth"], world.truth["true_identifiers"]
    assert ids.identifier_id.is_unique
    for col in ("phone_id", "email_id", "tax_identifier_id", "website_id"):
        assert rt[col].dropna().isin(ids.identifier_id).all(), col
    assert rt.address_id.dropna().isin(world.truth["true_addresses"].address_id).all()
    parties = world.ex["parties"]
    # A record carries a phone, email, tax id or website exactly when truth names one.
    for field, col in (
        ("phone", "phone_id"),
        ("email", "email_id"),
        ("tax_id", "tax_identifier_id"),
        ("website", "website_id"),
        ("address", "address_id"),
    ):
        assert (parties[field].notna().values == rt[col].notna().values).all(), field
    # Emails are written as the identifier's value, up to case.
    merged = (
        parties[["email"]]
        .join(rt.email_id)
        .dropna()
        .merge(ids, left_on="email_id", right_on="identifier_id")
    )
    assert (merged.email.str.lower() == merged.value.str.lower()).all()


def test_identifier_and_address_values_are_unique(world):
    ids = world.truth["true_identifiers"]
    assert not ids.assign(v=ids.value.str.lower()).duplicated(["kind", "v"]).any()
    addr = world.truth["true_addresses"].fillna("")
    assert not addr.duplicated(["address", "city", "postcode", "country"]).any()


def test_shared_identifiers_and_addresses_count_their_parties(world):
    rt = world.truth["record_truth"]
    addr = world.truth["true_addresses"].set_index("address_id")
    users = rt.dropna(subset=["address_id"]).groupby("address_id").party_id.nunique()
    assert (addr.n_parties.loc[users.index] == users).all()
    hubs = addr[addr.kind.isin(["registered_office", "consolidation_warehouse"])]
    assert hubs.is_hub.all()


def test_run_table_records_settings_and_counts(world):
    run = dict(world.truth["run"][["key", "value"]].values)
    settings = json.loads(run["settings"])
    assert settings["cases"] == world.settings.cases
    assert settings["seed"] == world.settings.seed
    assert int(run["rows.parties"]) == len(world.ex["parties"])
