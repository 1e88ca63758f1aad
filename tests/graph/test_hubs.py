"""Hubs: look-alikes found with a reason, kept visible, overridable by the analyst."""

from __future__ import annotations

import pandas as pd
import pytest

from netlink.errors import ParameterError
from netlink.graph import HubSettings, build_graph, detect_hubs, exact_entities, read_hub_overrides
from netlink.graph._examples import load_tables, tiny_extract

from ._worlds import case, extract_of, one_party_world, pairs_world, party, tables


@pytest.fixture(scope="module")
def tiny():
    ex = tiny_extract()
    return build_graph(ex, *exact_entities(ex))


def _by_label(hubs):
    return hubs.table.set_index("label")


def test_courier_and_placeholder_are_hubs_with_reasons(tiny):
    hubs = detect_hubs(tiny)
    t = _by_label(hubs)
    assert t.loc["DHL Express", "is_hub"] and "integrator" in t.loc["DHL Express", "reason"]
    assert t.loc["0000000", "is_hub"] and "placeholder" in t.loc["0000000", "reason"]
    assert set(hubs.table["decided_by"]) == {"rule"}
    assert "Meier Schuhhandel GmbH" not in t.index or not t.loc["Meier Schuhhandel GmbH", "is_hub"]
    # Hubs stay in the graph, marked.
    nodes = tiny.tables(hubs.table)["nodes"].set_index("label")
    assert nodes.loc["DHL Express", "is_hub"] and nodes.loc["DHL Express", "hub_reason"]


def test_one_party_on_every_case_is_a_hub():
    ex = one_party_world()
    g = build_graph(ex, *exact_entities(ex))
    t = _by_label(detect_hubs(g))
    row = t.loc["Everywhere Trading Co"]
    assert row["is_hub"] and row["case_share"] == 1.0 and "100% of all" in row["reason"]


def test_every_phone_a_placeholder_is_a_hub():
    ex = pairs_world(12, phone="0000000")
    g = build_graph(ex, *exact_entities(ex))
    t = _by_label(detect_hubs(g))
    assert t.loc["0000000", "is_hub"] and t.loc["0000000", "n_parties"] == 24


def test_value_shared_by_unrelated_parties_is_a_hub():
    # Twelve unrelated senders at one registered office, each with its own receivers.
    cases = [
        case(
            k * 3 + j,
            [
                party(
                    "consignor", f"Holding {k} Limited", "HK", address="Rm 1, 1/F, Office Centre"
                ),
                party("consignee", f"Receiver {k}-{j}", "DE", phone=f"+49 30 {k}{j}"),
            ],
        )
        for k in range(12)
        for j in range(3)
    ]
    ex = extract_of(cases)
    g = build_graph(ex, *exact_entities(ex))
    t = _by_label(detect_hubs(g))
    office = t.loc["Rm 1, 1/F, Office Centre"]
    assert office["is_hub"] and office["spread"] >= 4 and "unrelated groups" in office["reason"]


def _ring_cases(contacts: dict[str, str]) -> list:
    """Twelve stores writing the same values, each to receivers of its own."""
    return [
        case(
            k * 3 + j,
            [
                party("consignor", f"Store {k} Shop", "CN", **contacts),
                party("consignee", f"Buyer {k}-{j}", "DE", phone=f"+49 30 {k}{j}"),
            ],
        )
        for k in range(12)
        for j in range(3)
    ]


def test_values_of_several_kinds_shared_by_a_ring_vouch_for_each_other():
    # A ring of stores sharing a phone and an e-mail is one group, not twelve.
    ex = extract_of(_ring_cases({"phone": "+86 138 0000 1111", "email": "ring@qq.com"}))
    g = build_graph(ex, *exact_entities(ex))
    assert not detect_hubs(g).node_ids
    # Switched off, the shared values spread over twelve groups and are hubs.
    t = _by_label(detect_hubs(g, HubSettings(vouch_kinds=0)))
    assert t.loc["+86 138 0000 1111", "is_hub"] and t.loc["+86 138 0000 1111", "spread"] == 12
    # One value alone does not vouch for itself: a registered office stays a hub (above).


def test_tax_id_conflict_needs_two_users_with_their_own_contacts():
    # Two parties writing one EORI: a hijack when each has contacts and none is shared;
    # a record without any contact of its own proves nothing.
    def tax_id_is_hub(second_phone):
        t = tables(
            [
                case(0, [party("consignor", "Real Import GmbH", "DE", phone="+49 40 1")]),
                case(1, [party("consignor", "Fake Import", "CN", phone=second_phone)]),
            ]
        )
        t["parties"]["tax_id"] = "DE999"
        ex = load_tables(t)
        rows = _by_label(detect_hubs(build_graph(ex, *exact_entities(ex))))
        return "DE999" in rows.index and bool(rows.loc["DE999", "is_hub"])

    assert tax_id_is_hub("+86 20 2")
    assert not tax_id_is_hub(None)


def test_overrides_have_the_last_word(tiny, tmp_path):
    dhl = tiny.nodes.loc[tiny.nodes["label"] == "DHL Express", "node_id"].iloc[0]
    meier = tiny.nodes.loc[tiny.nodes["label"] == "Meier Schuhhandel GmbH", "node_id"].iloc[0]
    path = tmp_path / "hubs.csv"
    path.write_text(
        f"node_id,decision,note\n{dhl},not_hub,our own courier contract\n{meier},hub,shared importer\n"
        "P-ghost,hub,\n"
    )
    hubs = detect_hubs(tiny, HubSettings(overrides=path))
    t = hubs.table.set_index("node_id")
    assert not t.loc[dhl, "is_hub"] and t.loc[dhl, "decided_by"] == "override"
    assert t.loc[dhl, "reason"].startswith("analyst: not a hub (our own courier contract)")
    assert t.loc[meier, "is_hub"] and meier in hubs.node_ids
    assert any("P-ghost" in n for n in hubs.notes)
    frame = pd.DataFrame({"node_id": [dhl], "decision": ["hub"], "note": [""]})
    assert dhl in detect_hubs(tiny, HubSettings(overrides=path), overrides=frame).node_ids


def test_override_file_is_checked(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("node_id,decision\nP-1,maybe\n")
    with pytest.raises(ParameterError, match="line 2"):
        read_hub_overrides(bad)
    with pytest.raises(ParameterError, match="cannot be read"):
        read_hub_overrides(tmp_path / "missing.csv")
    with pytest.raises(ParameterError):
        HubSettings(case_share=0)


def test_same_input_same_hubs(tiny):
    a, b = detect_hubs(tiny, seed=3), detect_hubs(tiny, seed=3)
    pd.testing.assert_frame_equal(a.table, b.table)


def test_misspelt_hub_name_on_one_case_is_a_hub():
    cases = [
        case(i, [party("consignor", f"Seller {i}", "CN"), party("carrier", "DHL Express", "DE")])
        for i in range(4)
    ]
    cases.append(
        case(4, [party("consignor", "Lone Seller", "CN"), party("carrier", "DNL Express", "DE")])
    )
    ex = extract_of(cases)
    t = _by_label(detect_hubs(build_graph(ex, *exact_entities(ex))))
    assert t.loc["DNL Express", "is_hub"]
    assert "close to that of hub 'dhl express'" in t.loc["DNL Express", "reason"]
    assert "Lone Seller" not in t.index
    off = detect_hubs(build_graph(ex, *exact_entities(ex)), HubSettings(lookalike_ratio=101))
    assert "DNL Express" not in set(off.table["label"])
