"""Every planted pattern is in the extract and recorded in the ground truth."""

from __future__ import annotations

import pandas as pd
import pytest

from netlink.synth._codes import PATTERNS


@pytest.fixture(scope="module")
def t(world):
    """Records joined to their truth and their party."""
    party = world.truth["true_parties"][
        ["party_id", "role", "kind", "canonical_name", "front_of", "shares_with_manufacturer"]
    ]
    rt = world.truth["record_truth"].merge(party, on="party_id")
    return rt.merge(world.ex["parties"], on=["record_id", "seizure_id"])


def rows(world, no: int) -> pd.DataFrame:
    p = world.truth["patterns"]
    return p[p.pattern_no == no]


def test_all_eleven_patterns_are_recorded_with_their_names(world):
    p = world.truth["patterns"]
    assert sorted(p.pattern_no.unique()) == list(range(1, 12))
    names = dict(zip(p.pattern_no, p.pattern, strict=False))
    assert names == {k: v[0] for k, v in PATTERNS.items()}
    assert p.seizure_id.isin(world.ex["seizures"].seizure_id).all()
    assert p.record_id.dropna().isin(world.ex["parties"].record_id).all()
    assert p.detail.notna().all() and (p.detail.str.len() > 10).all()
    catalog = world.truth["pattern_catalog"]
    assert catalog.pattern_no.tolist() == list(range(1, 12))


def test_1_fronts_share_a_contact_with_their_factory(world, t):
    r = rows(world, 1)
    assert r.network_id.notna().all()
    fronts = t[t.record_id.isin(r.record_id) & (t.truth_role == "front")]
    assert fronts.groupby("network_id").party_id.nunique().max() >= 3
    tp = world.truth["true_parties"].set_index("party_id")
    manuf = tp.loc[fronts.front_of]
    by_phone = (
        fronts.shares_with_manufacturer.eq("phone").values & fronts.carries_manufacturer_link.values
    )
    assert by_phone.sum() > 0
    assert (fronts.phone_id.values[by_phone] == manuf.phone_id.values[by_phone]).all()
    by_addr = (
        fronts.shares_with_manufacturer.eq("address").values
        & fronts.carries_manufacturer_link.values
    )
    assert (fronts.address_id.values[by_addr] == manuf.address_id.values[by_addr]).all()
    by_mail = fronts[
        fronts.shares_with_manufacturer.eq("email domain")
        & fronts.email.notna()
        & fronts.placeholder_in.ne("email")
    ]
    ids = world.truth["true_identifiers"].set_index("identifier_id").value
    own = ids.loc[tp.loc[by_mail.front_of].email_id].str.split("@").str[1].values
    assert len(by_mail) and (by_mail.email.str.lower().str.split("@").str[1].values == own).all()
    # Fronts rotate: over a network's period, several fronts are used in turn.
    ct = world.truth["case_truth"]
    cons = ct.merge(tp[["role"]], left_on="consignor_party_id", right_index=True)
    assert cons[cons.role == "front"].groupby("network_id").consignor_party_id.nunique().max() >= 3


def test_2_master_documents_bundle_house_documents_of_one_forwarder(world, t):
    r = rows(world, 2)
    seiz = world.ex["seizures"].set_index("seizure_id")
    masters = seiz.loc[r.seizure_id].master_doc_no
    assert masters.notna().all()
    sizes = seiz.master_doc_no.value_counts()
    assert (sizes.loc[masters.unique()] >= 2).all()
    fwd = t[t.record_id.isin(r.record_id)]
    assert fwd.truth_role.isin(["forwarder", "consolidator"]).all()
    assert fwd.network_id.notna().all()
    # The network's own forwarder also serves unrelated senders.
    own = set(fwd.party_id)
    served = t[t.party_id.isin(own)]
    assert (
        world.truth["case_truth"]
        .set_index("seizure_id")
        .loc[served.seizure_id]
        .network_id.isna()
        .any()
    )


def test_3_hub_routes_have_a_leg_through_the_hub(world):
    r = rows(world, 3)
    ct = world.truth["case_truth"].set_index("seizure_id").loc[r.seizure_id]
    assert ct.via_hub.all()
    legs = world.ex["legs"]
    n_legs = legs.groupby("seizure_id").size().loc[r.seizure_id]
    assert (n_legs >= 2).all()
    hubs = {"HK", "AE", "SG", "AL", "MA", "EG", "UA", "RS"}
    first = legs[legs.seizure_id.isin(r.seizure_id) & (legs.seq == 1)]
    assert first.to_country.isin(hubs).all()
    assert (ct.dispatch_country != ct.true_origin_country).mean() > 0.4


def test_4_ant_trade_small_parcels_from_one_store_to_many_buyers(world):
    r = rows(world, 4)
    ct = world.truth["case_truth"].set_index("seizure_id").loc[r.seizure_id.unique()]
    assert ct.transport_mode.isin(["postal", "express"]).all()
    assert (ct["items"] <= 10).mean() > 0.9 and (ct.declared_value_eur < 150).all()
    per_net = ct.groupby("network_id").destination_party_id.nunique()
    assert per_net.max() >= 20
    desc = world.ex["seizures"].set_index("seizure_id").loc[ct.index].description
    assert desc.isin(["gift", "sample", "samples", "gift items"]).mean() > 0.2


def test_5_labels_and_unbranded_goods_reach_the_same_or_a_linked_consignee(world, t):
    r = rows(world, 5)
    goods = world.ex["goods"].set_index("seizure_id")
    ct = world.truth["case_truth"].set_index("seizure_id")
    labels = ct.loc[r.seizure_id][ct.loc[r.seizure_id].flow == "labels"]
    assert len(labels)
    assert (goods.loc[labels.index].category == "labels and packaging").all()
    assert goods.loc[labels.index].brand.notna().all()  # the labels carry the brand
    seiz = world.ex["seizures"].set_index("seizure_id")
    tp = world.truth["true_parties"].set_index("party_id")
    for sid, detail in r[r.seizure_id.isin(labels.index)][["seizure_id", "detail"]].values:
        other = detail.split("are ")[1].split(",")[0]
        assert ct.loc[other].flow == "unbranded"
        assert goods.loc[[other]].brand.isna().all()
        gap = (seiz.loc[other].seizure_date - seiz.loc[sid].seizure_date).days
        assert 0 <= gap <= 10
        a, b = ct.loc[sid].destination_party_id, ct.loc[other].destination_party_id
        assert a == b or tp.loc[a].phone_id == tp.loc[b].phone_id


def test_6_drop_points_several_names_one_address_and_one_name_many_addresses(world, t):
    r = rows(world, 6)
    drops = t[t.record_id.isin(r.record_id)]
    assert (drops.truth_role == "drop_point").all()
    per_addr = drops.groupby("address_id").party_id.nunique()
    assert per_addr.max() >= 3
    per_party = drops.groupby("party_id").address_id.nunique()
    assert per_party.max() >= 2


def test_7_hijacked_identity_carries_a_real_company_name_with_network_contacts(world, t):
    r = rows(world, 7)
    hij = t[t.record_id.isin(r.record_id)]
    assert len(hij) and hij.hijacked_party_id.notna().all()
    assert (hij.party_id != hij.hijacked_party_id).all()
    assert hij.network_id.notna().all()
    tp = world.truth["true_parties"].set_index("party_id")
    victims = tp.loc[hij.hijacked_party_id]
    assert victims.network_id.isna().all() and (victims.confounder_kind == "hijacked_company").all()
    # The EORI written is the victim's; the email is a free mailbox of the network.
    with_tax = hij.tax_identifier_id.notna().values
    assert with_tax.any()
    assert (
        hij.tax_identifier_id.values[with_tax] == victims.tax_identifier_id.values[with_tax]
    ).all()
    mail = hij[hij.placeholder_in.ne("email")].email.str.lower()
    assert mail.str.contains("gmail|hotmail|outlook|yahoo").all()
    # The victim also imports genuine goods of its own under its own contacts.
    assert t[t.party_id.isin(hij.hijacked_party_id)].seizure_id.nunique() >= 2


def test_8_seller_rings_share_ioss_phone_and_mailbox(world, t):
    r = rows(world, 8)
    ring = t[t.record_id.isin(r.record_id)]
    assert (ring.truth_role == "seller").all()
    shared = ring.groupby("tax_identifier_id").party_id.nunique()
    assert shared.max() >= 3
    ids = world.truth["true_identifiers"].set_index("identifier_id")
    assert (ids.loc[shared.idxmax()].sharing == "network_shared") and ids.loc[
        shared.idxmax()
    ].value.startswith("IM")
    assert ring.groupby("phone_id").party_id.nunique().max() >= 3


def test_9_misdeclared_cases_are_unit_value_outliers(world):
    r = rows(world, 9)
    ct = world.truth["case_truth"]
    mis = ct[ct.seizure_id.isin(r.seizure_id)]
    assert mis.misdeclared.all()
    unit = ct.declared_value_eur / ct["items"]
    goods = world.ex["goods"].drop_duplicates("seizure_id").set_index("seizure_id").category
    cat = goods.loc[ct.seizure_id].values
    typical = unit[~ct.misdeclared].groupby(cat[~ct.misdeclared.values]).median()
    ratio = unit[ct.misdeclared].values / typical.loc[cat[ct.misdeclared.values]].values
    assert (ratio < 0.35).mean() > 0.8
    assert (mis.declared_value_eur < mis.value_eur * 0.2).mean() > 0.9


def test_10_displaced_networks_change_entry_after_a_seizure_burst(world):
    r = rows(world, 10)
    nets = world.truth["networks"].set_index("network_id")
    ct = world.truth["case_truth"].set_index("seizure_id")
    seiz = world.ex["seizures"].set_index("seizure_id")
    for net in r.network_id.unique():
        assert nets.loc[net].displaced
        move = pd.Timestamp(nets.loc[net].displacement_date)
        cases = ct[ct.network_id == net]
        dates = seiz.loc[cases.index].seizure_date
        before = cases[dates.values < move]
        after = cases[dates.values >= move]
        route = lambda c: set(zip(c.entry_point, c.transport_mode, strict=True))  # noqa: E731
        assert len(after) and route(before) != route(after)
        burst = r[(r.network_id == net) & r.detail.str.startswith("seizure burst")]
        if len(burst):
            burst_dates = seiz.loc[burst.seizure_id].seizure_date
            assert ((move - burst_dates).dt.days.between(0, 28)).all()


def test_11_benign_lookalikes_are_true_parties_of_their_own(world):
    tp = world.truth["true_parties"]
    kinds = tp[tp.is_confounder].confounder_kind.value_counts()
    for kind in ("integrator", "big_forwarder", "marketplace_platform", "registered_office"):
        assert kinds.get(kind, 0) > 0, kind
    # Integrators sit on a large share of express cases, across many networks.
    rt = world.truth["record_truth"].merge(tp[["party_id", "confounder_kind"]], on="party_id")
    ct = world.truth["case_truth"].set_index("seizure_id")
    integ = rt[rt.confounder_kind == "integrator"]
    express = ct[ct.transport_mode == "express"]
    assert integ.seizure_id.nunique() / len(express) > 0.6
    assert ct.loc[integ.seizure_id.unique()].network_id.nunique() >= 10
    # A registered office is shared by many unrelated companies.
    addr = world.truth["true_addresses"]
    office = addr[addr.kind == "registered_office"]
    assert office.n_parties.max() >= 30
    # Very common names: one written name, many different people.
    common = tp[tp.confounder_kind == "common_name"]
    assert common.groupby("canonical_name").party_id.nunique().max() >= 3
    # Placeholders: one value on records of unrelated parties.
    ids = world.truth["true_identifiers"]
    assert ids[ids.is_placeholder].n_parties.max() >= 3
    assert {"0000000", "N/A", "none@none.com"} & set(ids[ids.is_placeholder].value)
    r = rows(world, 11)
    assert r.record_id.notna().all() and len(r) > 0.15 * len(rt)
