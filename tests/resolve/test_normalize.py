"""Example tests of the normalisers, on the variants named in docs (domain notes).

What the domain-notes spellings of one firm normalise to, and which comparisons the
matcher is expected to find:

=============================================================  =========  ===========
name                                                           core       place
=============================================================  =========  ===========
Guangzhou Baiyun Xinghui Leather Products Co., Ltd.            xinghui    guangzhou
GUANG ZHOU XING HUI LEATHER CO.,LTD                            xinghui    guangzhou
GZ Xinghui                                                     xinghui    guangzhou
Xinghui (HK) Trading Limited  (hk_sister)                      xinghui    hongkong
广州白云星辉皮具有限公司                                       xinghui    guangzhou
=============================================================  =========  ===========

All five share ``core`` and ``squashed`` "xinghui": blocking on either brings them
together, and the name comparison agrees. The Hong Kong sister is flagged, because it is
a separate company that a matcher should link (shared phone, e-mail domain, address)
rather than take as the same firm on its name alone. 新达 and 鑫达 share the reading "xin
da": their names agree after conversion, and only other evidence tells them apart.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from netlink.resolve import (
    ADDRESS_REASONS,
    NAME_REASONS,
    normalize_address,
    normalize_email,
    normalize_name,
    normalize_phone,
    normalize_tax_id,
    normalize_website,
)

XINGHUI = (
    "Guangzhou Baiyun Xinghui Leather Products Co., Ltd.",
    "GUANG ZHOU XING HUI LEATHER CO.,LTD",
    "GZ Xinghui",
    "Xinghui (HK) Trading Limited",
    "广州白云星辉皮具有限公司",
)


# --- names -------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", XINGHUI)
def test_domain_variants_share_the_core(raw: str) -> None:
    key = normalize_name(raw)
    assert (key.core, key.squashed, key.tokens) == ("xinghui", "xinghui", ("xinghui",))
    assert key.reason == ""
    assert not key.is_person


def test_domain_variants_in_detail() -> None:
    full, upper, abbreviated, sister, han = (normalize_name(n) for n in XINGHUI)
    assert full.text == "guangzhou baiyun xinghui leather products ltd"
    assert upper.text == "guang zhou xing hui leather ltd"
    assert han.text == "guangzhou baiyun xinghui piju ltd"
    assert [k.legal_form for k in (full, upper, abbreviated, sister, han)] == [
        "ltd", "ltd", "", "ltd", "ltd"
    ]  # fmt: skip
    assert [k.place for k in (full, upper, abbreviated, sister, han)] == [
        "guangzhou", "guangzhou", "guangzhou", "hongkong", "guangzhou"
    ]  # fmt: skip
    assert [k.hk_sister for k in (full, upper, abbreviated, sister, han)] == [
        False, False, False, True, False
    ]  # fmt: skip
    assert (han.script, full.script) == ("han", "latin")


def test_same_reading_characters_meet() -> None:
    xinda = normalize_name("深圳市新达贸易有限公司")
    xinda_gold = normalize_name("深圳市鑫达贸易有限公司")
    assert xinda.core == xinda_gold.core == "xinda"
    assert xinda.place == "shenzhen"
    assert normalize_name("Shenzhen Xinda Trading Co., Ltd.").core == "xinda"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("Xinghui Co., Ltd", "ltd"),
        ("XINGHUI CO.,LTD", "ltd"),
        ("Xinghui Co. Limited", "ltd"),
        ("Xinghui Company Limited", "ltd"),
        ("XINGHUI LTD", "ltd"),
        ("Xinghui Pte. Ltd.", "ltd"),
        ("Xinghui Corp", "corp"),
        ("Xinghui Corporation", "corp"),
        ("Xinghui Inc.", "inc"),
        ("Xinghui L.L.C.", "llc"),
        ("Xinghui GmbH", "gmbh"),
        ("Xinghui GmbH & Co. KG", "gmbhcokg"),
        ("Xinghui S.r.l.", "srl"),
        ("Xinghui SARL", "sarl"),
        ("Xinghui S.A.R.L.", "sarl"),
        ("Xinghui B.V.", "bv"),
        ("Xinghui Sp. z o.o.", "spzoo"),
        ("Xinghui sp. z o. o.", "spzoo"),
        ("Xinghui Ltd. Şti.", "ltdsti"),
        ("Xinghui Dış Ticaret Ltd. Şti.", "ltdsti"),
        ("Xinghui FZE", "fze"),
        ("ООО Синхуэй", "ooo"),
        ("星辉有限公司", "ltd"),
        ("Xinghui Youxian Gongsi", "ltd"),
    ],
)
def test_legal_forms_across_languages(raw: str, code: str) -> None:
    key = normalize_name(raw)
    assert key.legal_form == code
    assert key.text.split()[-1 if code != "ooo" else 0] == code
    assert code not in key.tokens


@pytest.mark.parametrize(
    "raw",
    [
        "Xinghui Imp & Exp Co., Ltd",
        "Xinghui IMP&EXP Co Ltd",
        "Xinghui I/E Co., Ltd",
        "Xinghui Import and Export Co., Ltd",
        "Xinghui E-Commerce Co., Ltd",
        "Xinghui Supply Chain Management Co., Ltd",
        "Xinghui Industrial Co., Ltd",
        "Xinghui Technology Co., Ltd",
        "Shenzhen Xinghui Technology Co., Ltd",
        "SZ Xinghui Trading",
        "Hong Kong Xinghui Trading Limited",
        "HK Xinghui Ltd",
        "Xinghui Co., Ltd. Guangzhou Branch",
        "星辉（香港）贸易有限公司",
        "深圳市星辉电子商务有限公司",
    ],
)
def test_industry_words_and_places_leave_the_core(raw: str) -> None:
    assert normalize_name(raw).core == "xinghui"


def test_hong_kong_qualifier() -> None:
    assert normalize_name("Xinghui HK Limited").hk_sister
    assert normalize_name("星辉（香港）贸易有限公司").hk_sister
    assert not normalize_name("Xinghui Leather Co Ltd").hk_sister
    generic = normalize_name("Hong Kong Trading Ltd")  # nothing left but the place
    assert (generic.core, generic.hk_sister, generic.reason) == ("hongkong", False, "generic")


def test_city_abbreviation_depends_on_country() -> None:
    assert normalize_name("SZ Bence Kft", "CN").core == "bence"
    assert normalize_name("SZ Bence Kft", "HU").core == "sz bence"
    assert normalize_name("SZ Bence Kft").place == "shenzhen"  # unknown country


def test_district_only_after_a_place() -> None:
    assert normalize_name("Guangzhou Baiyun Xinghui Co Ltd").core == "xinghui"
    # Without a city in front, "Baiyun" is part of the trade name.
    assert normalize_name("Baiyun Xinghui Co Ltd").core == "baiyunxinghui"


def test_pinyin_words_joined_in_company_names_only() -> None:
    assert normalize_name("Xing Hui Da Trading Co").tokens == ("xinghuida",)
    assert normalize_name("Xinghui Da Trading Co").tokens == ("xinghuida",)
    assert normalize_name("Golden Star Trading Co").tokens == ("golden", "star")
    person = normalize_name("Xing Hui")
    assert person.is_person and person.tokens == ("xing", "hui")
    assert person.squashed == "xinghui"


@pytest.mark.parametrize(
    ("names", "key"),
    [
        (("Zhang Wei", "Wei Zhang", "ZHANG Wei", "张伟", "Mr. Zhang Wei", "Cheung Wei"), "zhang|wei"),
        (("Chen Xiaoming", "Xiaoming Chen", "Chen Xiao Ming", "陈小明", "Chan Xiaoming"),
         "chen|xiaoming"),
        (("Li Na", "Lee Na", "Na Li", "李娜"), "li|na"),
        (("Wang Jun", "Jun Wang", "王军"), "wang|jun"),
        (("Huang Kawai", "Wong Ka Wai", "Ka Wai Wong"), "huang|kawai"),
    ],
)  # fmt: skip
def test_romanised_surnames(names: tuple[str, ...], key: str) -> None:
    for raw in names:
        name = normalize_name(raw)
        assert name.is_person, raw
        assert name.person_key == key, raw


@pytest.mark.parametrize(
    ("raw", "alternatives"),
    [
        ("Zhang Wei", ()),
        ("Cheung Wei", ()),
        ("Chang Wei", ("chang|wei",)),  # 张 in Taiwan spelling, or the rarer 常
        ("Wong Ka Wai", ("wang|kawai",)),
        ("Ng Ka Wai", ("huang|kawai",)),
        ("Anna Schmidt", ()),
    ],
)
def test_ambiguous_romanisations_keep_alternatives(raw: str, alternatives: tuple) -> None:
    assert normalize_name(raw).person_alt_keys == alternatives


def test_wong_is_ambiguous_between_wang_and_huang() -> None:
    wong = normalize_name("Wong Ka Wai")
    keys = {wong.person_key, *wong.person_alt_keys}
    assert normalize_name("Wang Ka Wai").person_key in keys
    assert normalize_name("Huang Ka Wai").person_key in keys


def test_western_persons_and_companies() -> None:
    anna = normalize_name("Anna Schmidt")
    assert anna.is_person and anna.person_key == "anna schmidt"
    assert normalize_name("Schmidt, Anna").person_key == "anna schmidt"
    meier = normalize_name("Meier Schuhhandel GmbH")
    assert not meier.is_person and meier.tokens == ("meier", "schuh")
    assert normalize_name("Meier Schuhhandel").core == "meier schuh"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (None, "empty"),
        (math.nan, "empty"),
        (pd.NA, "empty"),
        (np.float64("nan"), "empty"),
        ("", "empty"),
        ("   ", "empty"),
        ("N/A", "placeholder"),
        ("NA", "placeholder"),
        ("unknown", "placeholder"),
        ("-", "placeholder"),
        ("none", "placeholder"),
        ("TBA", "placeholder"),
        ("0", "placeholder"),
        ("xxx", "placeholder"),
        ("TO ORDER", "placeholder"),
        ("Same as consignee", "placeholder"),
        ("!!!", "punctuation_only"),
        ("😀😀", "punctuation_only"),
        ("Co., Ltd", "legal_form_only"),
        ("Trading Co., Ltd", "generic"),
        ("Guangzhou Trading Co., Ltd", "generic"),
        ("12345", "no_letters"),
        ("Xinghui " * 2000, "too_long_truncated"),
    ],
)
def test_name_reasons(raw: object, reason: str) -> None:
    key = normalize_name(raw)
    assert key.reason == reason
    assert reason in NAME_REASONS
    if reason in {"empty", "placeholder", "punctuation_only", "legal_form_only"}:
        assert key.core == key.squashed == "" and key.tokens == ()


def test_scripts() -> None:
    assert normalize_name("ООО Ромашка").script == "cyrillic"
    assert normalize_name("ООО Ромашка").core == "romashka"
    assert normalize_name("Xinghui 星辉").script == "mixed"
    assert normalize_name("شركة النور").script == "arabic"
    assert normalize_name("주식회사 한빛").script == "other"
    assert normalize_name("ＸＩＮＧＨＵＩ　ＬＴＤ").core == "xinghui"  # full-width


# --- addresses ---------------------------------------------------------------------------

ADDRESS_VARIANTS = (
    "Room 1203, 12/F, Block B, No. 88 Xingye Rd, Baiyun Dist., Guangzhou, Guangdong 510000",
    "Rm 1203 12F Blk B 88 Xingye Road Baiyun District Guangzhou",
    "RM.1203, 12TH FLOOR, BLK. B, NO.88 XINGYE ROAD, GUANGZHOU, CHINA",
    "Unit 1203, Floor 12, B Block, 88# Xingye Lu, Baiyun Qu, Guangzhou Shi",
    "Guangdong Province, Guangzhou City, Baiyun District, Xingye Road No. 88, Block B, "
    "12th Floor, Room 1203",
    "广东省广州市白云区兴业路88号B座12楼1203室",
)


@pytest.mark.parametrize("raw", ADDRESS_VARIANTS)
def test_address_variants_share_the_key(raw: str) -> None:
    a = normalize_address(raw)
    assert a.key == "1203||block b|88|xingye rd|guangzhou|"
    assert a.road_key == "xingye rd|88"
    assert (a.unit, a.floor, a.building, a.number, a.road, a.city) == (
        "1203", "12", "block b", "88", "xingye rd", "guangzhou"
    )  # fmt: skip
    assert a.reason == ""


def test_address_parts() -> None:
    a = normalize_address(ADDRESS_VARIANTS[0])
    assert (a.district, a.region, a.postcode) == ("baiyun", "guangdong", "510000")
    assert normalize_address(ADDRESS_VARIANTS[1]).postcode == ""  # missing, key unchanged
    assert normalize_address("Baiyun District, Xingye Road 88").city == "guangzhou"
    assert a.country == "CN"  # from the places named
    assert normalize_address("88 Nathan Road, Tsim Sha Tsui").country == "HK"
    assert normalize_address("88 Xingye Road").country == ""
    assert normalize_address("88 Xingye Road, Guangzhou", country="HK").country == "HK"


@pytest.mark.parametrize(
    "raw",
    ["Zhujiang Dong Lu 8", "8 Zhujiang East Road", "No. 8 Zhujiang E Rd", "珠江东路8号"],
)
def test_pinyin_and_english_road_words(raw: str) -> None:
    assert normalize_address(raw).road_key == "zhujiang e rd|8"


@pytest.mark.parametrize("raw", ["Zhongshan Er Lu 5", "Zhongshan 2nd Road No. 5", "中山二路5号"])
def test_numbered_roads(raw: str) -> None:
    assert normalize_address(raw).road_key == "zhongshan 2 rd|5"


def test_hong_kong_and_european_addresses() -> None:
    hk = normalize_address(
        "Flat A, 12/F, Wing Fat Industrial Building, 12 Wang Tai Road, Kowloon Bay, "
        "Kowloon, Hong Kong"
    )
    assert (hk.unit, hk.floor, hk.number, hk.road) == ("a", "12", "12", "wangtai rd")
    assert (hk.district, hk.region, hk.city, hk.country) == (
        "kowloonbay", "kowloon", "hongkong", "HK"
    )  # fmt: skip
    de = normalize_address("Hauptstraße 12, 20095 Hamburg, Germany")
    assert (de.road, de.number, de.postcode, de.city, de.country) == (
        "haupt st", "12", "20095", "hamburg", "DE"
    )  # fmt: skip
    assert normalize_address("Hauptstr. 12", country="DE").road_key == de.road_key
    fr = normalize_address("12 Rue de la Paix, 75002 Paris", country="FR")
    assert fr.road_key == normalize_address("Rue de la Paix 12", country="FR").road_key
    nl = normalize_address("Kerkstraat 5, 1012 AB Amsterdam", country="NL")
    assert (nl.postcode, nl.city) == ("1012AB", "amsterdam")


@pytest.mark.parametrize(
    ("raw", "country", "road"),
    [
        ("Drottninggatan 1065, lgh 2", "SE", "drottning st"),
        ("Vestergade 45, lgh 12", "DK", "vester st"),
        ("Strandvejen 12", "DK", "strand way"),
        ("Karl Johans gate 5", "NO", "karljohans st"),
    ],
)
def test_nordic_street_names(raw: str, country: str, road: str) -> None:
    key = normalize_address(raw, country=country)
    assert (key.road, key.number) == (road, raw.split(",")[0].split()[-1])


@pytest.mark.parametrize(
    ("raw", "plain", "country"),
    [
        ("C/ Mayor, 154, 1º", "Calle Mayor 154, 1º", "ES"),
        ("V. Marconi, 109", "Via Marconi 109", "IT"),
        ("Hauptstraße, 12", "Hauptstraße 12", "DE"),
    ],
)
def test_road_then_number_after_a_comma(raw: str, plain: str, country: str) -> None:
    key = normalize_address(raw, country=country)
    assert key.number and key.key == normalize_address(plain, country=country).key
    # The number is part of the key: two houses of one street differ.
    other = raw.replace(key.number, str(int(key.number) + 1), 1)
    assert normalize_address(other, country=country).key != key.key


def test_a_room_number_holding_the_floor_makes_the_floor_redundant() -> None:
    full = normalize_address("Room 1409, 14/F, No. 135 Wenhua Road", city="Shenzhen")
    short = normalize_address("Wenhua Road No. 135, Room 1409", city="Shenzhen")
    assert full.floor == "14" and full.key == short.key
    other = normalize_address("Room 409, 14/F, No. 135 Wenhua Road", city="Shenzhen")
    assert other.key != normalize_address("Wenhua Road No. 135, Room 409", city="Shenzhen").key


def test_a_district_places_an_address_in_its_city() -> None:
    text = "Room 2607, No. 1629 Chouzhou Middle Street, Chenghai District"
    assert normalize_address(text, country="CN").city == "shantou"
    assert normalize_address(text, country="CN").key == (
        normalize_address(text, city="Shantou", country="CN").key
    )


def test_care_of_is_not_calle() -> None:
    assert normalize_address("c/o Xinghui Ltd, 5 Main St", country="GB").road == "main st"


def test_two_flats_of_one_city_on_different_streets_differ() -> None:
    # A Danish four-digit house number is not a postcode, and the street is not dropped.
    a = normalize_address(
        "Drottninggatan 1065, lgh 2", city="Aarhus", postcode="5762", country="DK"
    )
    b = normalize_address("Storgatan 1859, lgh 2", city="Aarhus", postcode="4217", country="DK")
    assert a.key != b.key and a.number == "1065"


def test_record_columns_win_over_the_text() -> None:
    a = normalize_address("88 Xingye Rd", city="广州市", postcode="510 000", country="cn")
    assert (a.city, a.postcode, a.country) == ("guangzhou", "510000", "CN")
    assert a.key == normalize_address("88 Xingye Rd, Guangzhou").key


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (None, "empty"),
        ("", "empty"),
        ("N/A", "placeholder"),
        ("same as above", "placeholder"),
        ("-", "placeholder"),
        ("***!!!", "punctuation_only"),
        ("Guangzhou, China", "generic"),
        ("Hong Kong", "generic"),
        ("88 Xingye Rd " * 200, "too_long_truncated"),
    ],
)
def test_address_reasons(raw: object, reason: str) -> None:
    key = normalize_address(raw)
    assert key.reason == reason and reason in ADDRESS_REASONS
    if reason not in {"generic", "too_long_truncated"}:
        assert key.key == key.road_key == ""


# --- phones ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "country"),
    [
        ("+86 138 0013 8000", None),
        ("0086-13800138000", None),
        ("13800138000", "CN"),
        ("138-0013-8000", "CN"),
        (13800138000, "CN"),
        (13800138000.0, "CN"),
        ("Tel: +86 (138) 0013 8000", "DE"),
        ("＋８６　１３８００１３８０００", None),
        ("13800138000", "HK"),  # Hong Kong firms often give a mainland mobile
        ("13800138000 / 13900139000", "CN"),
    ],
)
def test_chinese_mobiles(raw: object, country: str | None) -> None:
    key = normalize_phone(raw, country)
    assert (key.e164, key.national, key.country, key.reason) == (
        "+8613800138000", "13800138000", "CN", ""
    )  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "country", "e164"),
    [
        ("020-8123 4567", "CN", "+862081234567"),  # Guangzhou
        ("(0755) 2612 3456", "CN", "+8675526123456"),  # Shenzhen
        ("0579-8512 3456", "CN", "+8657985123456"),  # Yiwu
        ("0594 2612345", "CN", "+865942612345"),  # Putian
        ("+86 20 8123 4567", None, "+862081234567"),
        ("+852 2123 4567", None, "+85221234567"),
        ("2123 4567", "HK", "+85221234567"),
        ("030 1234567", "DE", "+49301234567"),
        ("+44 (0)20 7946 0958", None, "+442079460958"),
        ("06 12345678", "NL", "+31612345678"),
        ("0755-2612 3456 ext. 8", "CN", "+8675526123456"),
    ],
)
def test_landlines_and_other_countries(raw: str, country: str | None, e164: str) -> None:
    assert normalize_phone(raw, country).e164 == e164


@pytest.mark.parametrize(
    ("raw", "country", "reason"),
    [
        (None, None, "empty"),
        ("0000000", "CN", "placeholder"),
        ("1234567", "DE", "placeholder"),
        ("8888 8888", "HK", "placeholder"),
        ("N/A", None, "placeholder"),
        ("12", "DE", "too_short"),
        ("030 1234567", None, "no_country"),
        ("call me", None, "unparseable"),
        ("+999 123456", None, "unparseable"),
    ],
)
def test_phone_reasons(raw: object, country: str | None, reason: str) -> None:
    key = normalize_phone(raw, country)
    assert key.reason == reason
    assert key.e164 == ""


@pytest.mark.parametrize(
    ("raw", "country", "e164"),
    [
        ("8123 4567", "CN", "+8681234567"),  # a Chinese landline without its area code
        ("13800138000", "DE", "+4913800138000"),  # a mainland mobile under another country
        ("0719 291 444", "FR", "+33719291444"),  # a French number in no assigned range
    ],
)
def test_numbers_in_no_assigned_range_are_kept_and_flagged(
    raw: str, country: str, e164: str
) -> None:
    key = normalize_phone(raw, country)
    assert (key.e164, key.reason) == (e164, "invalid")
    assert normalize_phone(e164, country).e164 == e164, "written either way, one key"


# --- e-mail ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "email"),
    [
        (" Xinghui.Sales@QQ.COM ", "xinghui.sales@qq.com"),
        ("mailto:sales@xinghui.com", "sales@xinghui.com"),
        ("Xinghui Sales <sales@xinghui.com.cn>", "sales@xinghui.com.cn"),
        ("sales (at) xinghui (dot) com", "sales@xinghui.com"),
        ("sales[at]xinghui.com", "sales@xinghui.com"),
        ("sales at xinghui dot com", "sales@xinghui.com"),
        ("ＳＡＬＥＳ＠ＸＩＮＧＨＵＩ．ＣＯＭ", "sales@xinghui.com"),
        ("a@xinghui.com; b@xinghui.com", "a@xinghui.com"),
    ],
)
def test_email_cleaning(raw: str, email: str) -> None:
    key = normalize_email(raw)
    assert key.email == email and key.reason == ""
    assert key.local + "@" + key.domain == email


@pytest.mark.parametrize(
    ("domain", "free"),
    [
        ("qq.com", True),
        ("163.com", True),
        ("126.com", True),
        ("sina.com", True),
        ("gmail.com", True),
        ("hotmail.com", True),
        ("outlook.com", True),
        ("yahoo.com", True),
        ("yahoo.co.uk", True),
        ("yandex.ru", True),
        ("mail.ru", True),
        ("gmx.de", True),
        ("web.de", True),
        ("aliyun.com", True),
        ("foxmail.com", True),
        ("xinghui.com", False),
        ("xinghui.com.cn", False),
        ("dhl.com", False),
    ],
)
def test_freemail(domain: str, free: bool) -> None:
    assert normalize_email(f"sales@{domain}").is_freemail is free


def test_email_canonical_mailbox() -> None:
    assert normalize_email("J.Smith+shop@googlemail.com").canonical == "jsmith@gmail.com"
    assert normalize_email("jsmith@gmail.com").canonical == "jsmith@gmail.com"
    assert normalize_email("j.smith+x@xinghui.com").canonical == "j.smith+x@xinghui.com"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (None, "empty"),
        ("none@none.com", "placeholder"),
        ("noemail@xinghui.com", "placeholder"),
        ("test@test.com", "placeholder"),
        ("N/A", "placeholder"),
        ("not an address", "invalid"),
        ("sales@xinghui", "invalid"),
    ],
)
def test_email_reasons(raw: object, reason: str) -> None:
    assert normalize_email(raw).reason == reason


# --- tax ids -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "country", "value", "kind", "issuer", "reason"),
    [
        ("91350100M000100Y43", None, "91350100M000100Y43", "uscc", "CN", ""),
        ("USCC: 9135 0100 M000 100Y 43", None, "91350100M000100Y43", "uscc", "CN", ""),
        ("91350100M000100Y44", None, "91350100M000100Y44", "uscc", "CN", "bad_checksum"),
        ("EORI: DE 1234 5678 9012 345", None, "DE123456789012345", "eori", "DE", ""),
        ("gb123456789000", None, "GB123456789000", "eori", "GB", ""),
        ("IM2760000001", None, "IM2760000001", "ioss", "DE", ""),
        ("IOSS IM 528 000 0001", None, "IM5280000001", "ioss", "NL", ""),
        ("NL123456789B01", None, "NL123456789B01", "vat", "NL", ""),
        ("VAT No. 123456789", "DE", "DE123456789", "vat", "DE", ""),
        ("EL123456789", None, "EL123456789", "vat", "GR", ""),
        ("HK-12345678", "HK", "HK12345678", "other", "HK", ""),
        ("n/a", None, "", "", "", "placeholder"),
        ("000000000", None, "", "", "", "placeholder"),
        ("12", "CN", "12", "other", "CN", "too_short"),
        (None, None, "", "", "", "empty"),
    ],
)
def test_tax_ids(
    raw: object, country: str | None, value: str, kind: str, issuer: str, reason: str
) -> None:
    key = normalize_tax_id(raw, country)
    assert (key.value, key.kind, key.country, key.reason) == (value, kind, issuer, reason)


# --- websites ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "site"),
    [
        ("https://www.Xinghui.com/", "xinghui.com"),
        ("XINGHUI.COM/index.html", "xinghui.com"),
        ("http://shop.example.com/store/123?utm_source=mail#reviews", "shop.example.com/store/123"),
        ("https://www.amazon.de/sp?ie=UTF8&seller=A1B2C3D4", "amazon.de/sp?seller=a1b2c3d4"),
        ("xinghui.en.alibaba.com", "xinghui.en.alibaba.com"),
        ("sales@xinghui.com", ""),
        ("N/A", ""),
        (None, ""),
    ],
)
def test_websites(raw: object, site: str) -> None:
    assert normalize_website(raw) == site


# --- vocabulary --------------------------------------------------------------------------


def test_vocabularies_agree() -> None:
    from netlink.resolve import _normalize, _vocab

    # Chinese words become tokens the name vocabulary knows, so 有限公司 and "Youxian
    # Gongsi" are one legal form and a normalised name normalises to itself.
    for han, token in _vocab.HAN_NAME_WORDS.items():
        assert token in _normalize._NAME_VOCAB or token in _vocab.ADMIN_SUFFIXES, han
    # Every legal-form code reads back as itself.
    assert all(_vocab.LEGAL_FORMS[code] == code for code in set(_vocab.LEGAL_FORMS.values()))
    # Street-name endings split off a compound are road words.
    assert all(_vocab.ADDRESS_WORDS[s][0] == "road" for s in _vocab.ROAD_SUFFIXES)
    # Readings of romanised surnames are surnames.
    for readings in _vocab.SURNAME_READINGS.values():
        assert all(r in _vocab.SURNAME_RANK for r in readings), readings
