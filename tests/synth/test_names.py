"""Names, addresses and identifiers vary the way domain-notes.md describes."""

from __future__ import annotations

import re

import pytest
from pypinyin import lazy_pinyin
from rapidfuzz.distance import Levenshtein

from netlink.synth import _vocab as V


@pytest.fixture(scope="module")
def named(world):
    """Party records with their true party's canonical name, role, kind and country."""
    tp = world.truth["true_parties"][
        ["party_id", "canonical_name", "role", "kind", "country", "confounder_kind"]
    ]
    rt = world.truth["record_truth"].merge(tp, on="party_id")
    return rt.merge(world.ex["parties"][["record_id", "name", "address"]], on="record_id")


def _squash(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def test_vocabulary_characters_romanise_back_to_their_pinyin():
    for table in (V.TRADE_SYLLABLES, V.CN_SURNAMES, V.CN_GIVEN):
        for pinyin, hanzi, *_ in table:
            assert lazy_pinyin(hanzi) == [pinyin], (pinyin, hanzi)


def test_names_in_chinese_characters_romanise_to_the_party_name(named):
    zh = named[named.name_form == "chinese"]
    assert zh.name.str.contains(r"[\u4e00-\u9fff]").all()
    # Hong Kong persons are usually written in Cantonese romanisation: not comparable.
    zh = zh[~((zh.kind == "person") & (zh.country == "HK"))]
    assert len(zh) > 20
    matched = 0
    for name, canonical, country, kind in zh[["name", "canonical_name", "country", "kind"]].values:
        spoken = "".join(lazy_pinyin(name))
        if kind == "person" and country == "CN":
            matched += spoken == _squash(canonical)
        elif kind == "company":
            # Mainland: place + trade name first; Hong Kong: 香港 (xianggang) + trade name.
            head = canonical.split()[1 if country == "CN" else 0]
            matched += _squash(head) in spoken
    assert matched == len(zh)


def test_company_name_variants_keep_a_recognisable_core(named):
    firms = named[named.role.isin(["manufacturer", "front"]) & (named.country == "CN")]
    varied = firms[firms.name_form == "variant"]
    assert len(varied) > 30
    cores = varied.canonical_name.str.split().str[1].map(_squash)
    names = varied.name.map(_squash)
    assert sum(c in n for c, n in zip(cores, names, strict=True)) / len(varied) > 0.95
    text = " ".join(varied.name)
    for form in ("CO.,LTD", "Company Limited", "(HK)"):
        assert form in text.upper() or form in text, form
    assert re.search(r"\b[A-Z][a-z]+ [A-Z][a-z]+ [A-Z][a-z]+ ", text)  # split syllables
    assert re.search(r"\b(GZ|SZ|YW|PT|QZ|DG) ", text)  # abbreviated place


def test_persons_vary_in_romanisation_and_order(named):
    cn = named[(named.kind == "person") & named.country.isin(["CN", "HK"])]
    other = cn[cn.name_form == "other_romanisation"]
    assert len(other) > 5
    cantonese = {s[2].capitalize() for s in V.CN_SURNAMES} - {
        s[0].capitalize() for s in V.CN_SURNAMES
    }
    mainland = other[other.country == "CN"]
    assert mainland.name.str.split().map(lambda w: bool(set(w) & cantonese)).mean() > 0.3


def test_addresses_abbreviate_reorder_and_switch_road_words(world):
    lines = world.ex["parties"].address.dropna()
    patterns = (
        r"\bRm \d",
        r"\bBlk [A-H]\b",
        r"\bBldg\b",
        r"\bRd\b",
        r" (?:Dong|Xi|Bei|Nan) Lu\b",
        r"East Road|West Road",
        r"Province, .* City",
        r"[\u4e00-\u9fff]+路\d+号",
        r"\d+/F",
        r"Sok(?:ak|\.) No",
    )
    for pattern in patterns:
        assert lines.str.contains(pattern).any(), pattern


def test_phones_are_written_in_several_formats_for_one_number(world):
    rt = world.truth["record_truth"][["record_id", "phone_id"]].dropna()
    phones = world.ex["parties"].set_index("record_id").phone.loc[rt.record_id]
    digits = phones.str.replace(r"\D", "", regex=True).str[-8:]
    per_id = digits.groupby(rt.phone_id.values).nunique()
    forms = phones.groupby(rt.phone_id.values).nunique()
    # The same number is written many ways, yet its last digits stay the same.
    assert (forms > 1).sum() > 50
    ids = world.truth["true_identifiers"].set_index("identifier_id")
    real = [i for i in per_id.index if not ids.loc[i].is_placeholder]
    assert (per_id.loc[real] == 1).mean() > 0.97


def test_typos_are_single_keyboard_slips(make_world):
    w = make_world(800, 9, name_variant_rate=0.0, chinese_script_rate=0.0, typo_rate=0.3)
    rt = w.truth["record_truth"].merge(w.truth["true_parties"], on="party_id")
    rt = rt.merge(w.ex["parties"][["record_id", "name"]], on="record_id")
    plain = rt[(rt.name_form == "usual") & rt.hijacked_party_id.isna()]
    clean, slipped = plain[plain.typo_in.isna()], plain[plain.typo_in == "name"]
    assert (clean.name.str.lower() == clean.canonical_name.str.lower()).all()
    assert slipped.typo_in.notna().mean() > 0 and len(slipped) > 50
    dist = [
        Levenshtein.distance(a.lower(), b.lower())
        for a, b in zip(slipped.name, slipped.canonical_name, strict=True)
    ]
    assert max(dist) <= 2 and sum(d > 0 for d in dist) / len(dist) > 0.9
