"""The matcher's parts: EM scoring, the chaining guard, analyst links, bad input."""

from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netlink.errors import ParameterError
from netlink.evaluate import cluster_scores
from netlink.resolve._cluster import cluster_pairs
from netlink.resolve._compare import COMPARISONS
from netlink.resolve._fs import Comparison, fit_fs, probabilities
from netlink.resolve._links import append_link, read_links
from netlink.resolve._prepare import prepare_records
from netlink.resolve._resolve import ResolveSettings, resolve
from netlink.resolve._syllables import syllable_pairs, syllables


def test_em_recovers_known_parameters():
    comps = [Comparison(n, ("same", "diff"), (0.5, 0.5)) for n in "abcd"]
    rng = np.random.default_rng(1)
    m_true, u_true = 0.9, 0.1
    match = np.column_stack([rng.choice([1, 2], 3000, p=[m_true, 1 - m_true]) for _ in comps])
    non = np.column_stack([rng.choice([1, 2], 7000, p=[u_true, 1 - u_true]) for _ in comps])
    model = fit_fs(np.vstack([match, non]), non, comps)
    assert model.converged
    assert model.lam == pytest.approx(0.3, abs=0.02)
    for k in range(4):
        assert model.m[k][0] == pytest.approx(m_true, abs=0.03)
        assert model.u[k][0] == pytest.approx(u_true, abs=0.02)
    prob = probabilities(model.weights(np.vstack([match, non])), model.prior_weight())
    assert prob[:3000].mean() > 0.9 > 0.1 > prob[3000:].mean()


def test_frequent_values_weigh_less():
    comps = [Comparison("phone", ("exact", "different"), (0.8, 0.2))]
    levels = np.array([[1]] * 50 + [[2]] * 50)
    model = fit_fs(levels, np.array([[2]] * 990 + [[1]] * 10), comps)
    tf = {0: np.array([1e-5, 0.3])}
    w = model.weights(np.array([[1], [1]]), tf)
    assert w[0, 0] > w[1, 0] + 10  # a courier's phone on 30% of records says little


def test_one_bad_pair_does_not_merge_two_entities():
    # Two dense groups of three, one pair between them scoring like a match.
    i = np.array([0, 0, 1, 3, 3, 4, 2])
    j = np.array([1, 2, 2, 4, 5, 5, 4])
    s = np.array([0.999, 0.999, 0.999, 0.999, 0.999, 0.999, 0.995])
    res = cluster_pairs(6, i, j, s, 0.99)
    assert res.labels.tolist() == [0, 0, 0, 3, 3, 3]
    assert res.refused_why == ("chain_guard",)
    # Without the guard (support 1 suffices) the same pair chains them.
    loose = cluster_pairs(6, i, j, s, 0.99, min_support=1, support_ratio=0)
    assert len(set(loose.labels)) == 1


def test_cannot_link_wins_and_must_link_applies_first():
    i, j, s = np.array([0, 1]), np.array([1, 2]), np.array([0.999, 0.999])
    res = cluster_pairs(4, i, j, s, 0.99, cannot=[(0, 2)], must=[(2, 3)])
    assert res.labels[0] == res.labels[1] != res.labels[2] == res.labels[3]
    assert "cannot_link" in res.refused_why and "must_link" in res.merge_kind
    with pytest.raises(ParameterError):
        cluster_pairs(2, i[:0], j[:0], s[:0], 0.99, cannot=[(0, 1)], must=[(0, 1)])


@settings(max_examples=50, deadline=None)
@given(
    n=st.integers(1, 30),
    edges=st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29), st.floats(0, 1)), max_size=80),
)
def test_clustering_is_a_partition_independent_of_pair_order(n, edges):
    edges = [(a % n, b % n, s) for a, b, s in edges if a % n != b % n]
    arr = np.array(edges, dtype=float).reshape(-1, 3)
    i, j, s = arr[:, 0].astype(int), arr[:, 1].astype(int), arr[:, 2]
    a = cluster_pairs(n, i, j, s, 0.5).labels
    perm = np.random.default_rng(0).permutation(len(i))
    b = cluster_pairs(n, i[perm], j[perm], s[perm], 0.5).labels
    assert a.tolist() == b.tolist()
    assert all(a[x] <= x for x in range(n))  # label = smallest member


def test_links_file_round_trip_and_errors(tmp_path):
    path = tmp_path / "links.csv"
    append_link(path, "must_link", "R1", "R2", "same USCC")
    append_link(path, "cannot_link", "R3", "R4")
    links = read_links(path)
    assert links.values.tolist() == [
        ["must_link", "R1", "R2", "same USCC"],
        ["cannot_link", "R3", "R4", ""],
    ]
    with pytest.raises(ParameterError, match="line 2: decision must be"):
        read_links(io.StringIO("decision,record_id_a,record_id_b,note\nmaybe,R1,R2,\n"))
    assert read_links(tmp_path / "absent.csv").empty


def test_syllables_join_split_spellings():
    assert syllables("xinghui") == ("xing", "hui")
    assert syllable_pairs("xinghui") == syllable_pairs("xing" + "hui") == ["xing hui"]
    assert syllables("schuhhandel") is None


def _parties(names, **cols):
    n = len(names)
    return pd.DataFrame(
        {
            "record_id": [f"R{k:03d}" for k in range(n)],
            "seizure_id": [f"S{k:03d}" for k in range(n)],
            "role": ["consignor"] * n,
            "name": names,
            **cols,
        }
    )


def test_bad_names_resolve_or_stay_singletons_with_a_reason():
    names = [None, "", "x", "A" * 10_000, "?!.-", "Ωmega 星辉 Trading", "🙂🙂 Shop", "N/A", "N/A"]
    p = _parties(names, phone=[None] * len(names), country=[None] * len(names))
    r = resolve(p)
    m = r.entity_members
    assert sorted(m.record_id) == sorted(p.record_id)  # every record exactly once
    assert m.record_id.is_unique
    # Nothing with no usable name and no other detail was merged with anything.
    assert m.entity_id.is_unique
    reasons = dict(zip(m.record_id, m.reason, strict=True))
    assert reasons["R000"] and reasons["R001"] and reasons["R004"] and reasons["R007"]


@pytest.mark.parametrize("names", [[None], ["?!"], ["", "x", None], []])
def test_no_usable_name_at_all_or_no_record_is_no_crash(names):
    r = resolve(_parties(names))
    assert sorted(r.entity_members.record_id) == [f"R{k:03d}" for k in range(len(names))]
    assert r.entity_members.reason.astype(bool).all()
    assert r.entity_members.entity_id.is_unique


def test_workers_are_checked_and_left_out_of_the_recorded_settings():
    with pytest.raises(ParameterError, match="workers must be at least 1"):
        ResolveSettings(workers=0)
    assert "workers" not in ResolveSettings(workers=2).to_dict()


def test_same_input_same_entities_byte_for_byte():
    p = _parties(
        ["Xinghui Leather Co Ltd", "XING HUI LEATHER CO.,LTD", "Lianfa Watch", "Lian Fa Watch Co"],
        phone=["13800138000", "+86 138 0013 8000", None, None],
        country=["CN"] * 4,
    )
    a, b = resolve(p), resolve(p.iloc[::-1].reset_index(drop=True))
    for name in ("entities", "entity_members", "merge_evidence", "attribute_members"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))


def test_analyst_links_override_the_matcher(tmp_path):
    p = _parties(
        ["Xinghui Leather Co Ltd", "XING HUI LEATHER CO.,LTD", "Totally Different GmbH"],
        phone=["13800138000", "13800138000", None],
        country=["CN", "CN", "DE"],
    )
    links = tmp_path / "links.csv"
    append_link(links, "cannot_link", "R000", "R001", "two firms, one phone")
    append_link(links, "must_link", "R000", "R002", "same owner")
    append_link(links, "must_link", "R000", "R999", "record from another extract")
    r = resolve(p, ResolveSettings(links=links))
    ent = dict(zip(r.entity_members.record_id, r.entity_members.entity_id, strict=True))
    assert ent["R000"] != ent["R001"]
    assert ent["R000"] == ent["R002"]
    assert r.analyst_links.status.tolist() == [
        "applied",
        "applied",
        "not applied: record R999 is not in this extract",
    ]


def test_cluster_scores_match_a_brute_force_count():
    rng = np.random.default_rng(3)
    pred = rng.integers(0, 5, 60)
    true = rng.integers(0, 4, 60)
    s = cluster_scores(pred, true)
    same_p = pred[:, None] == pred[None, :]
    same_t = true[:, None] == true[None, :]
    iu = np.triu_indices(60, 1)
    tp = (same_p & same_t)[iu].sum()
    assert s.pair_precision == pytest.approx(tp / same_p[iu].sum())
    assert s.pair_recall == pytest.approx(tp / same_t[iu].sum())


def _entity_of(result):
    return dict(zip(result.entity_members.record_id, result.entity_members.entity_id, strict=True))


def test_stores_with_different_numbers_in_the_name_are_not_merged():
    # One phone, two store numbers: the record naming no number may join either store,
    # but cannot join them into one.
    p = _parties(
        ["Elite Shoes Shop 469", "EliteShoes Shop", "Elite Shoes Shop 512"],
        phone=["13800138000", "+86 138 0013 8000", "13800138000"],
        country=["CN"] * 3,
    )
    numbers = prepare_records(p)["name_number"]
    assert numbers[[0, 2]].tolist() == ["469", "512"] and numbers.isna()[1]
    ent = _entity_of(resolve(p))
    assert ent["R000"] != ent["R002"]


def test_store_names_alone_do_not_merge_stores():
    # Store names come from a small vocabulary: without a shared identifier or address
    # the same name is no evidence of one seller.
    p = _parties(
        ["Super Sport Official Store", "Super Sport Official Store", "SuperSport Official Store"],
        phone=["13800138000", None, "+86 138 0013 8000"],
        country=["CN"] * 3,
    )
    ent = _entity_of(resolve(p))
    assert ent["R000"] == ent["R002"] != ent["R001"]


def test_a_record_naming_no_store_does_not_join_two_web_stores():
    # Each web store is matched to the bare record, but one entity cannot hold both.
    p = _parties(
        ["Elite Closet Global", "Elite Closet Global", "Elite Closet Global"],
        website=["wish.com/merchant/61", None, "ebay.com/str/67"],
        phone=["13800138000", "13800138000", "13800138000"],
        country=["CN"] * 3,
    )
    r = resolve(p)
    ent = _entity_of(r)
    assert ent["R000"] != ent["R002"]
    assert "conflict" in set(r.review["why"])


def test_exclusive_keys_refuse_a_merge_whatever_the_score():
    web = np.array([0, -1, 1, 1])
    res = cluster_pairs(
        4, np.array([0, 1, 2]), np.array([1, 2, 3]), np.array([1.0, 1.0, 1.0]), 0.9, exclusive=[web]
    )
    assert res.labels.tolist() == [0, 0, 2, 2]
    assert res.refused_why == ("conflict",)


def _two_towns(**keys):
    # Nodes 0-1 seen in one city, 3-4 in another; node 2 (no city) matches all four.
    city = np.array([0, 0, -1, 1, 1])
    i, j = np.array([0, 3, 0, 1, 2, 2]), np.array([1, 4, 2, 2, 3, 4])
    s = np.array([0.999, 0.999, 0.99, 0.99, 0.99, 0.99])
    return cluster_pairs(5, i, j, s, 0.9, cities=city, **keys)


def test_a_bridge_record_does_not_join_two_companies_settled_in_different_cities():
    res = _two_towns()
    assert res.labels.tolist() == [0, 0, 0, 3, 3]
    assert "conflict" in res.refused_why
    # A shared phone says one company with two sites.
    assert _two_towns(contacts=[np.array([5, -1, -1, 5, -1])]).labels.tolist() == [0] * 5
    # Each town seen once is no settled site.
    assert _two_towns(records=np.array([1, 0, 1, 1, 0])).labels.tolist() == [0] * 5


def test_a_shared_tax_id_joins_two_sites_unless_both_have_their_own_contacts():
    tax = np.array([9, -1, -1, 9, -1])
    one_side = np.array([1, -1, -1, -1, -1])
    assert _two_towns(borrowable=[tax], contacts=[one_side]).labels.tolist() == [0] * 5
    # A front borrowing a company's name and tax id gives its own phone.
    both = np.array([1, -1, -1, 2, -1])
    assert _two_towns(borrowable=[tax], contacts=[both]).labels.tolist() == [0, 0, 0, 3, 3]


def test_same_name_companies_in_two_cities_stay_apart_through_a_name_only_record():
    name = "Vita Trading E.P.E."
    p = _parties(
        [name] * 5,
        address=["Odos Patision 12", "Odos Patision 12", "Odos Ermou 7", "Odos Ermou 7", None],
        city=["Athina", "Athina", "Thessaloniki", "Thessaloniki", None],
        phone=["+30 697 7333 799", None, "+30 693 1111 222", None, None],
        country=["GR"] * 5,
    )
    r = resolve(p)
    ent = _entity_of(r)
    assert ent["R000"] == ent["R001"] and ent["R002"] == ent["R003"]
    assert ent["R000"] != ent["R002"]
    assert "conflict" in set(r.review["why"])


def test_one_address_written_with_two_postcodes_is_two_address_entities():
    parties = _parties(
        ["Marco Rossi", "Luca Bianchi", "Anna Verdi", "Sara Neri"],
        address=["Via Mazzini 109", "Via Mazzini 109", "Via Mazzini 109", "Via Mazzini 109"],
        postcode=["61373", "61373", "83981", None],
        city=["Milano"] * 4,
        country=["IT"] * 4,
    )
    res = resolve(parties)
    am = res.attribute_members[res.attribute_members["kind"] == "address"]
    address_of = am.set_index("record_id")["entity_id"]
    assert address_of["R000"] == address_of["R001"]
    assert len({address_of["R000"], address_of["R002"], address_of["R003"]}) == 3
    # One postcode (or none) for a key: one address entity.
    same = resolve(parties.assign(postcode=["61373", "61373", None, None]))
    am = same.attribute_members[same.attribute_members["kind"] == "address"]
    assert am["entity_id"].nunique() == 1


def test_one_address_text_in_two_countries_is_two_address_entities():
    # "Dubai" and "Singapore" read as countries, so the key has no city: the country
    # keeps the two apart, also when a key without its city would be completed.
    parties = _parties(
        [
            "Atlas Castex Industries",
            "Crown Torbran Pte Ltd",
            "Apex Lufen",
            "Royal Garver",
            "Atlas Romo Pte Ltd",
            "Sunrise Len Co Ltd",
        ],
        address=[*["50 Palm Rd"] * 3, "59 Hill Rd", *["Unit 12, 121 Industrial Road"] * 2],
        city=["Dubai", "Singapore", "Dubai", "Dubai", "Singapore", "Seoul"],
        country=["AE", "SG", "AE", "AE", "SG", "KR"],
    )
    am = resolve(parties).attribute_members
    address_of = am[am["kind"] == "address"].set_index("record_id")["entity_id"]
    assert address_of["R000"] == address_of["R002"] != address_of["R001"]
    assert address_of["R004"] != address_of["R005"]
    # A key written in one country keeps the id it has alone (ids do not move).
    alone = resolve(parties.iloc[[3]]).attribute_members
    assert set(alone.loc[alone["kind"] == "address", "entity_id"]) == {address_of["R003"]}


def test_an_address_without_its_building_or_city_joins_the_one_address_that_completes_it():
    addresses = [
        "Room 2114, Block D, No. 1928 Huanshi East Avenue",  # R000
        "Room 2114, No. 1928 Huanshi East Avenue",  # R001: no building
        "Room 2114, Block D, No. 1928 Huanshi East Avenue",  # R002: no city
        "Room 2518, Block C, No. 174 Jiangbin Road",  # R003
        "Room 2518, Block D, No. 174 Jiangbin Road",  # R004
        "Room 2518, No. 174 Jiangbin Road",  # R005: Block C or D?
        "No. 29 Renmin Road",  # R006
        "No. 29 Renmin Road",  # R007: no room, no city, no postcode
        "No. 88 Xingye Road",  # R008
        "No. 88 Xingye Road",  # R009: no room and no city, but the same postcode
    ]
    parties = _parties(
        [f"Party {c}" for c in "ABCDEFGHIJ"],
        address=addresses,
        city=["Yiwu", "Yiwu", None, "Yiwu", "Yiwu", "Yiwu", "Guangzhou", None, "Putian", None],
        postcode=[None] * 8 + ["351100", "351100"],
        country=["CN"] * 10,
    )
    am = resolve(parties).attribute_members
    address_of = am[am["kind"] == "address"].set_index("record_id")["entity_id"]
    assert address_of["R000"] == address_of["R001"] == address_of["R002"]
    assert len({address_of["R003"], address_of["R004"], address_of["R005"]}) == 3
    assert address_of["R006"] != address_of["R007"]
    assert address_of["R008"] == address_of["R009"]


def test_a_rerun_after_an_analysts_decision_applies_it_and_is_otherwise_the_same(tmp_path):
    # An analyst's rerun reads the same records again (their normalised form is reused
    # within the process): the decision must still split identical records.
    p = _parties(
        ["Xinghui Leather Co Ltd", "Xinghui Leather Co Ltd", "Totally Different GmbH"],
        phone=["13800138000", "13800138000", None],
        country=["CN", "CN", "DE"],
    )
    first = resolve(p)
    assert first.entity_members["entity_id"].nunique() == 2
    links = tmp_path / "links.csv"
    append_link(links, "cannot_link", "R000", "R001", "two firms, one phone")
    split = resolve(p, ResolveSettings(links=links))
    assert split.entity_members["entity_id"].nunique() == 3
    again = resolve(p)
    for name in ("entities", "entity_members", "merge_evidence", "attribute_members"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(again, name))


def test_merge_evidence_is_canonical_json_of_the_comparisons(sample_extract):
    # The reasons are spliced from pieces written once per distinct value: each must
    # still read as json.dumps(..., sort_keys=True) of the comparisons that spoke.
    evidence = resolve(sample_extract.parties).merge_evidence
    scored = evidence[evidence["kind"] == "score"]
    assert len(scored) > 1000
    known = {c.name for c in COMPARISONS} | {"blocked_on", "rule"}
    for text in scored["reasons"]:
        reasons = json.loads(text)
        assert json.dumps(reasons, sort_keys=True) == text
        assert set(reasons) <= known and "name" in reasons and reasons["blocked_on"]
