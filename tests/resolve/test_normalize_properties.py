"""Property-based tests of the normalisers: total, idempotent, invariant where they should be.

Realistic names and addresses are built from trade-name syllables that cannot form a
vocabulary word together (checked by ``test_safe_syllables_are_safe``), so a property
that fails points at the normaliser, not at an accidental "Mao Yi" (trading) in the input.
"""

from __future__ import annotations

import itertools
import math
import re

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from netlink.resolve import (
    ADDRESS_REASONS,
    EMAIL_REASONS,
    NAME_REASONS,
    PHONE_REASONS,
    TAX_ID_REASONS,
    AddressKey,
    EmailKey,
    NameKey,
    PhoneKey,
    TaxIdKey,
    _normalize,
    _vocab,
    normalize_address,
    normalize_email,
    normalize_name,
    normalize_phone,
    normalize_tax_id,
    normalize_website,
)

PROPERTY = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])

SAFE_SYLLABLES = (
    *("xing", "hui", "ming", "tai", "rui", "kang", "bao", "heng", "sen", "hao", "fu"),
    *("long", "mei", "yuan", "hong", "jin", "feng", "da", "li", "wei", "yu", "chang"),
)
LEGAL_VARIANTS = (
    "Co., Ltd",
    "Co., Ltd.",
    "CO.,LTD",
    "Co. Limited",
    "Company Limited",
    "LTD",
    "Ltd.",
    "Co Ltd",
)
PLACES = ("", "Guangzhou", "GUANG ZHOU", "Shenzhen", "GZ", "SZ", "Yiwu", "Putian")
INDUSTRIES = ("", "Trading", "Leather Products", "Imp & Exp", "E-Commerce", "Technology")

# Inputs no normaliser may raise on: missing values of every kind, numbers, bytes,
# control characters, emoji, scripts mixed, and text of 10,000 characters.
NASTY = (
    None,
    math.nan,
    pd.NA,
    pd.NaT,
    float("inf"),
    0,
    -1,
    10**30,
    b"\xff\xfe",
    "",
    " ",
    "\x00\x01\x7f\u200b\ufeff",
    "😀🏭💼",
    "Xinghui 星辉 ООО شركة 한빛",
    "̷̢̧̛̖̪̗̓̍̂a̷̢͖̔",
    "⼀⼁⼂",
    "\ud800",
    "X" * 10_000,
    "广" * 10_000,
    "Co., Ltd " * 1_200,
    "@" * 500,
    "+" * 100 + "1" * 100,
)
any_text = st.text(max_size=80)
long_text = st.text(min_size=1, max_size=12).map(lambda s: (s * 10_000)[:10_000])
any_value = st.one_of(
    st.sampled_from(NASTY),
    any_text,
    long_text,
    st.integers(),
    st.floats(),
    st.binary(max_size=40),
)
countries = st.one_of(
    st.none(), st.sampled_from(["CN", "HK", "DE", "cn", "xx", "", "12"]), any_text
)


def check_fields(key: object, cls: type, reasons: dict[str, str]) -> None:
    assert isinstance(key, cls)
    for name in cls.__dataclass_fields__:  # type: ignore[attr-defined]
        value = getattr(key, name)
        default = cls.__dataclass_fields__[name].default  # type: ignore[attr-defined]
        assert type(value) is type(default), name
    assert key.reason == "" or key.reason in reasons  # type: ignore[attr-defined]


# --- strategies of realistic values ------------------------------------------------------

syllables = st.lists(st.sampled_from(SAFE_SYLLABLES), min_size=2, max_size=4)


def group(syl: list[str], cuts: list[bool], case: str) -> str:
    """Syllables written as words: a cut after a syllable starts a new word."""
    words, word = [], ""
    for i, s in enumerate(syl):
        word += s
        if i == len(syl) - 1 or cuts[i]:
            words.append(word)
            word = ""
    text = " ".join(words)
    return {"title": text.title(), "upper": text.upper(), "lower": text}[case]


@st.composite
def company(draw: st.DrawFn) -> tuple[list[str], str, str, str]:
    """(syllables, place, industry, legal form) of a Chinese-style company name."""
    return (
        draw(syllables),
        draw(st.sampled_from(PLACES)),
        draw(st.sampled_from(INDUSTRIES)),
        draw(st.sampled_from(LEGAL_VARIANTS)),
    )


def render(parts: tuple[list[str], str, str, str], cuts: list[bool], case: str) -> str:
    syl, place, industry, legal = parts
    return " ".join(x for x in (place, group(syl, cuts, case), industry, legal) if x)


cut_lists = st.lists(st.booleans(), min_size=3, max_size=3)
cases = st.sampled_from(["title", "upper", "lower"])


def test_safe_syllables_are_safe() -> None:
    vocabulary = (
        set(_normalize._NAME_VOCAB)
        | set(_normalize._ADDR_VOCAB)
        | set(_vocab.PLACE_ABBREVIATIONS)
        | set(_vocab.ADMIN_SUFFIXES)
        | set(_vocab.TITLES)
        | set(_vocab.PLACEHOLDERS)
    )
    for size in (1, 2, 3):
        for combo in itertools.product(SAFE_SYLLABLES, repeat=size):
            assert "".join(combo) not in vocabulary, combo


# --- names -------------------------------------------------------------------------------


@PROPERTY
@given(any_value, countries)
@example(None, None)
@example("X" * 10_000, "CN")
def test_name_is_total(raw: object, country: object) -> None:
    check_fields(normalize_name(raw, country), NameKey, NAME_REASONS)


IDEMPOTENT_FIELDS = (
    "text",
    "core",
    "tokens",
    "squashed",
    "legal_form",
    "place",
    "hk_sister",
    "is_person",
    "person_key",
    "person_alt_keys",
)


def same_name(a: NameKey, b: NameKey) -> bool:
    return all(getattr(a, f) == getattr(b, f) for f in IDEMPOTENT_FIELDS)


@PROPERTY
@given(st.one_of(company().map(lambda p: render(p, [True] * 3, "title")), any_text))
@example("广州白云星辉皮具有限公司")
@example("张伟")
@example("Xinghui (HK) Trading Limited")
@example("Meier Schuhhandelshop")
def test_name_is_idempotent(raw: str) -> None:
    key = normalize_name(raw)
    assert same_name(normalize_name(key.text), key)


@PROPERTY
@given(company(), cut_lists, cases, cases)
def test_name_ignores_case(parts: tuple, cuts: list[bool], case_a: str, case_b: str) -> None:
    assert same_name(
        normalize_name(render(parts, cuts, case_a)), normalize_name(render(parts, cuts, case_b))
    )


@PROPERTY
@given(st.text(alphabet=st.characters(codec="ascii"), max_size=40))
def test_name_ignores_case_of_any_ascii(raw: str) -> None:
    assert same_name(normalize_name(raw.upper()), normalize_name(raw.lower()))


whitespace = st.text(alphabet=" \t\n\u00a0\u3000", min_size=1, max_size=3)


@PROPERTY
@given(company(), cut_lists, st.data())
def test_name_ignores_whitespace(parts: tuple, cuts: list[bool], data: st.DataObject) -> None:
    raw = render(parts, cuts, "title")
    spaced = re.sub(" ", lambda _: data.draw(whitespace), raw)
    padded = data.draw(whitespace) + spaced + data.draw(whitespace)
    assert same_name(normalize_name(padded), normalize_name(raw))


separators = st.sampled_from([" ", ", ", ". ", " - ", " / ", " & ", "; ", " (", ") "])


@PROPERTY
@given(company(), cut_lists, st.data())
def test_name_ignores_punctuation(parts: tuple, cuts: list[bool], data: st.DataObject) -> None:
    raw = render(parts, cuts, "title")
    punctuated = re.sub(" ", lambda _: data.draw(separators), raw) + data.draw(
        st.sampled_from(["", ".", ",", " ."])
    )
    a, b = normalize_name(punctuated), normalize_name(raw)
    assert (a.core, a.squashed, a.legal_form, a.place) == (
        b.core,
        b.squashed,
        b.legal_form,
        b.place,
    )


@PROPERTY
@given(company(), cut_lists, st.sampled_from(LEGAL_VARIANTS), st.sampled_from(LEGAL_VARIANTS))
def test_name_legal_form_variants(parts: tuple, cuts: list[bool], la: str, lb: str) -> None:
    syl, place, industry, _ = parts
    a = normalize_name(render((syl, place, industry, la), cuts, "title"))
    b = normalize_name(render((syl, place, industry, lb), cuts, "title"))
    assert same_name(a, b)
    assert a.legal_form == "ltd"
    assert a.core == "".join(syl)  # place, industry and legal form leave the core


@PROPERTY
@given(company(), cut_lists, cut_lists)
def test_name_split_and_joined_syllables(
    parts: tuple, cuts_a: list[bool], cuts_b: list[bool]
) -> None:
    a = normalize_name(render(parts, cuts_a, "title"))
    b = normalize_name(render(parts, cuts_b, "upper"))
    assert (a.core, a.tokens, a.squashed) == (b.core, b.tokens, b.squashed)
    assert a.squashed == "".join(parts[0])


@PROPERTY
@given(st.lists(st.sampled_from(SAFE_SYLLABLES), min_size=1, max_size=2), st.booleans())
def test_person_key_ignores_order_and_splitting(given: list[str], split: bool) -> None:
    given_written = " ".join(given) if split else "".join(given)
    a = normalize_name(f"Zhang {given_written.title()}")
    b = normalize_name(f"{''.join(given).upper()} ZHANG")
    assert a.is_person and b.is_person
    if not split or len(given) == 1:  # two words: one key whatever the order
        assert a.person_key == b.person_key
        if "".join(given) != "li":  # Li outranks Zhang as the likelier surname
            assert a.person_key == f"zhang|{''.join(given)}"
    else:  # "Zhang Xing Li": which end is the surname is ambiguous; the keys meet
        assert {a.person_key, *a.person_alt_keys} & {b.person_key, *b.person_alt_keys}


# Words that are no vocabulary entry, alone or joined with their neighbours.
distinct_words = st.lists(
    st.from_regex(r"[a-z]{3,8}", fullmatch=True), min_size=1, max_size=3
).filter(
    lambda ws: (
        all(seg[0] == "other" for seg in _normalize._segments(ws))
        and not any(w in _vocab.TITLES for w in ws)
    )
)


@PROPERTY
@given(distinct_words, distinct_words, st.sampled_from(LEGAL_VARIANTS))
def test_unrelated_names_with_one_legal_form_keep_apart(
    a: list[str], b: list[str], legal: str
) -> None:
    assume("".join(a) != "".join(b))
    key_a = normalize_name(" ".join(a) + " " + legal)
    key_b = normalize_name(" ".join(b) + " " + legal)
    assume(key_a.reason == key_b.reason == "")
    assert key_a.legal_form == key_b.legal_form
    assert key_a.core != key_b.core
    assert key_a.squashed != key_b.squashed


# --- addresses ---------------------------------------------------------------------------

DISTRICTS = {"guangzhou": ("Baiyun", "Tianhe", "Haizhu"), "shenzhen": ("Futian", "Longgang")}


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@st.composite
def address_variant(draw: st.DrawFn) -> tuple[str, str]:
    """An address written in one of many styles, and the key every style should give."""
    unit, floor = draw(st.integers(1, 3000)), draw(st.integers(1, 60))
    block, number = draw(st.sampled_from("ABCDH")), draw(st.integers(1, 999))
    road_syl = draw(st.lists(st.sampled_from(SAFE_SYLLABLES), min_size=1, max_size=2))
    city = draw(st.sampled_from(sorted(DISTRICTS)))
    district = draw(st.sampled_from(DISTRICTS[city]))
    road = draw(st.sampled_from([" ".join(road_syl), "".join(road_syl)])).title()
    road_word = draw(st.sampled_from(["Rd", "Road", "Lu", "RD.", "road"]))
    floor_style = draw(st.sampled_from(["{}/F", "{}F", "{} Floor", "Floor {}", "F{}", "Fl. {}"]))
    floor_text = ordinal(floor) if floor_style == "{} Floor" and draw(st.booleans()) else floor
    number_style = draw(
        st.sampled_from(["No. {n} {r}", "{n} {r}", "{r} No. {n}", "{r} {n}", "{n}# {r}"])
    )
    parts = [
        draw(st.sampled_from(["Room {}", "Rm {}", "Rm. {}", "Unit {}", "RM{}"])).format(unit),
        floor_style.format(floor_text),
        draw(st.sampled_from(["Block {}", "Blk {}", "BLK. {}", "{} Block"])).format(block),
        number_style.format(n=number, r=f"{road} {road_word}"),
        draw(st.sampled_from(["{} District", "{} Dist.", "{} Qu", "{}", ""])).format(district),
        draw(st.sampled_from(["{}", "{} City", "{} Shi"])).format(city.title()),
        draw(st.sampled_from(["", "Guangdong", "Guangdong Province"])),
        draw(st.sampled_from(["", "510000", "518000"])),
    ]
    parts = [p for p in parts if p]
    if draw(st.booleans()):
        parts.reverse()  # region to unit, as in Chinese
    text = draw(st.sampled_from([", ", " ", ",", " , "])).join(parts)
    text = draw(st.sampled_from([str, str.upper, str.lower]))(text)
    road_key = f"{''.join(road_syl)} rd"
    # A room number that starts with the floor holds it: the key leaves the floor out.
    held = len(str(unit)) > len(str(floor)) and str(unit).startswith(str(floor))
    key_floor = "" if held else floor
    return text, f"{unit}|{key_floor}|block {block.lower()}|{number}|{road_key}|{city}|"


@PROPERTY
@given(any_value, any_value, any_value, countries)
@example(None, None, None, None)
@example("88 Xingye Rd " * 1000, "广州", 510000, "CN")
def test_address_is_total(raw: object, city: object, postcode: object, country: object) -> None:
    check_fields(normalize_address(raw, city, postcode, country), AddressKey, ADDRESS_REASONS)


@PROPERTY
@given(address_variant())
def test_address_key_is_stable_across_styles(variant: tuple[str, str]) -> None:
    text, key = variant
    parsed = normalize_address(text)
    assert parsed.key == key, text
    number, road = key.split("|")[3:5]
    assert parsed.road_key == f"{road}|{number}"


# --- phones ------------------------------------------------------------------------------

mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True).filter(
    lambda m: not _normalize._phone_placeholder(m)
)


@PROPERTY
@given(any_value, countries)
def test_phone_is_total(raw: object, country: object) -> None:
    key = normalize_phone(raw, country)
    check_fields(key, PhoneKey, PHONE_REASONS)
    assert key.e164 == "" or re.fullmatch(r"\+[1-9][0-9]{6,14}", key.e164)
    # A key with no reason, or with "invalid" (in no assigned range, kept); else none.
    assert bool(key.e164) <= (key.reason in {"", "invalid"})
    assert bool(key.e164) or key.reason


@PROPERTY
@given(mobiles, st.sampled_from(range(7)))
def test_chinese_mobile_formats(mobile: str, style: int) -> None:
    written = [
        f"+86 {mobile[:3]} {mobile[3:7]} {mobile[7:]}",
        f"0086-{mobile}",
        f"+86-{mobile}",
        mobile,
        f"86{mobile}",
        f"(+86) {mobile[:3]}-{mobile[3:7]}-{mobile[7:]}",
        f"Tel: {mobile}",
    ][style]
    assert normalize_phone(written, "CN").e164 == f"+86{mobile}"


@PROPERTY
@given(st.from_regex(r"\+?[0-9 ()-]{5,20}", fullmatch=True), countries)
def test_phone_is_idempotent(raw: str, country: object) -> None:
    key = normalize_phone(raw, country)
    if key.e164:
        assert normalize_phone(key.e164).e164 == key.e164
        assert normalize_phone(key.e164, "DE").e164 == key.e164  # the prefix wins


# --- e-mail ------------------------------------------------------------------------------

emails = st.tuples(
    st.from_regex(r"[a-z0-9]{1,10}(\.[a-z0-9]{1,6})?", fullmatch=True),
    st.from_regex(r"[a-z0-9]{2,10}(\.[a-z]{2,5})?\.(com|cn|de|net)", fullmatch=True),
).map(lambda p: f"{p[0]}@{p[1]}")


@PROPERTY
@given(any_value)
def test_email_is_total(raw: object) -> None:
    key = normalize_email(raw)
    check_fields(key, EmailKey, EMAIL_REASONS)
    assert key.email == key.email.strip().lower()


@PROPERTY
@given(
    emails, st.sampled_from(["{}", " {} ", "mailto:{}", "<{}>", "Sales <{}>", "{};x@y.com"]), cases
)
def test_email_ignores_case_and_wrapping(email: str, wrap: str, case: str) -> None:
    written = {"title": str.title, "upper": str.upper, "lower": str.lower}[case](wrap.format(email))
    assert normalize_email(written).email == normalize_email(email).email == email


@PROPERTY
@given(st.one_of(emails, any_text))
def test_email_is_idempotent(raw: str) -> None:
    key = normalize_email(raw)
    if key.email:
        assert normalize_email(key.email) == key


# --- tax ids, websites -------------------------------------------------------------------

tax_ids = st.one_of(
    st.from_regex(r"(DE|FR|GB|NL|IT|PL)[0-9]{5,15}", fullmatch=True),
    st.from_regex(r"IM[0-9]{10}", fullmatch=True),
    st.from_regex(r"91[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}", fullmatch=True),
    st.from_regex(r"[1-9][0-9]{5,12}", fullmatch=True),
)


@PROPERTY
@given(any_value, countries)
def test_tax_id_is_total(raw: object, country: object) -> None:
    key = normalize_tax_id(raw, country)
    check_fields(key, TaxIdKey, TAX_ID_REASONS)
    assert key.value == key.value.upper() and re.fullmatch(r"[0-9A-Z]*", key.value)


@PROPERTY
@given(tax_ids.filter(lambda v: len(set(v)) > 1), st.data())
def test_tax_id_ignores_separators_and_case(value: str, data: st.DataObject) -> None:
    written = "".join(c + data.draw(st.sampled_from(["", "", " ", "-", "/"])) for c in value)
    written = data.draw(st.sampled_from([str.lower, str.upper]))(written)
    assert normalize_tax_id(written) == normalize_tax_id(value)
    assert normalize_tax_id(value).value == value


@PROPERTY
@given(
    st.one_of(
        any_value,
        st.from_regex(
            r"(https?://)?(www\.)?[a-z]{2,8}\.(com|cn)(/[a-z0-9]{1,5}){0,2}/?", fullmatch=True
        ),
    )
)
def test_website_is_total_and_idempotent(raw: object) -> None:
    site = normalize_website(raw)
    assert isinstance(site, str)
    assert normalize_website(site) == site


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from("abcAB xyz.\t\n  éÉ星辉ß-1"), max_size=12),
        min_size=1,
        max_size=8,
    )
)
@example(["  Guangzhou  Xinghui\tCO.,LTD ", "ab", "xinghui"])
def test_trigram_counts_are_count_vectorizers_to_the_bit(docs):
    from sklearn.feature_extraction.text import CountVectorizer

    from netlink.resolve._compare import _trigram_counts

    # CountVectorizer refuses an empty vocabulary; the resolver never asks for one.
    assume(any(len(" ".join(d.lower().split())) >= 3 for d in docs))
    ours = _trigram_counts(docs)
    theirs = CountVectorizer(analyzer="char", ngram_range=(3, 3), dtype=np.float32)
    theirs = theirs.fit_transform(docs).tocsr()
    assert ours.shape == theirs.shape
    assert ours.indptr.tolist() == theirs.indptr.tolist()
    assert ours.indices.tolist() == theirs.indices.tolist()
    assert ours.data.tolist() == theirs.data.tolist()
