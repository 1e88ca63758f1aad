"""The column normalisers: equal to the scalar ones row by row, typed, aligned, fast."""

from __future__ import annotations

import math
import subprocess
from dataclasses import astuple, fields

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks._normalizers import generate_parties, time_normalizers
from netlink.errors import ParameterError
from netlink.resolve import (
    AddressKey,
    NameKey,
    normalize_address,
    normalize_addresses,
    normalize_email,
    normalize_emails,
    normalize_name,
    normalize_names,
    normalize_parties,
    normalize_phone,
    normalize_phones,
    normalize_tax_id,
    normalize_tax_ids,
    normalize_website,
    normalize_websites,
)
from netlink.resolve import _columns as columns

COLUMNS = settings(deadline=None, max_examples=40)

# A small pool drawn with replacement, so columns repeat values as extracts do.
POOL = st.one_of(
    st.sampled_from(
        [
            None,
            math.nan,
            "",
            "GZ Xinghui",
            "Xinghui (HK) Trading Limited",
            "广州白云星辉皮具有限公司",
            "SZ Bence Kft",
            "Wong Ka Wai",
            "Room 1203, 12/F, Block B, No. 88 Xingye Rd, Guangzhou",
            "+86 138 0013 8000",
            "13800138000",
            "2123 4567",
            "sales (at) xinghui (dot) com",
            "IM2760000001",
            "https://www.xinghui.com/",
            "N/A",
        ]
    ),
    st.text(max_size=30),
)
COUNTRY_POOL = st.sampled_from([None, "CN", "HK", "DE", "HU", "cn", ""])


def rows(values: st.SearchStrategy) -> st.SearchStrategy[list]:
    return st.lists(values, max_size=40)


def frame_of(keys: list, cls: type) -> pd.DataFrame:
    return pd.DataFrame([astuple(k) for k in keys], columns=[f.name for f in fields(cls)])


def assert_rows_equal(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(got.columns) == list(expected.columns)
    assert len(got) == len(expected)
    for column in got.columns:
        assert got[column].tolist() == expected[column].tolist(), column


@COLUMNS
@given(rows(st.tuples(POOL, COUNTRY_POOL)))
def test_names_equal_scalar(data: list[tuple[object, object]]) -> None:
    names = pd.Series([d[0] for d in data], dtype=object)
    countries = pd.Series([d[1] for d in data], dtype=object)
    expected = frame_of([normalize_name(n, c) for n, c in data], NameKey)
    assert_rows_equal(normalize_names(names, countries).reset_index(drop=True), expected)
    without = frame_of([normalize_name(n) for n, _ in data], NameKey)
    assert_rows_equal(normalize_names(names).reset_index(drop=True), without)


@COLUMNS
@given(rows(st.tuples(POOL, POOL, POOL, COUNTRY_POOL)))
def test_addresses_equal_scalar(data: list[tuple]) -> None:
    columns = [pd.Series(list(c), dtype=object) for c in zip(*data, strict=True)] or [
        pd.Series([], dtype=object)
    ] * 4
    expected = frame_of([normalize_address(*row) for row in data], AddressKey)
    assert_rows_equal(normalize_addresses(*columns), expected)


@COLUMNS
@given(rows(st.tuples(POOL, COUNTRY_POOL)))
def test_contacts_equal_scalar(data: list[tuple[object, object]]) -> None:
    values = pd.Series([d[0] for d in data], dtype=object)
    countries = pd.Series([d[1] for d in data], dtype=object)
    phones = normalize_phones(values, countries)
    assert phones["e164"].tolist() == [normalize_phone(v, c).e164 for v, c in data]
    assert phones["reason"].tolist() == [normalize_phone(v, c).reason for v, c in data]
    emails = normalize_emails(values)
    assert emails["email"].tolist() == [normalize_email(v).email for v, _ in data]
    assert emails["is_freemail"].tolist() == [normalize_email(v).is_freemail for v, _ in data]
    tax = normalize_tax_ids(values, countries)
    assert tax["value"].tolist() == [normalize_tax_id(v, c).value for v, c in data]
    assert normalize_websites(values).tolist() == [normalize_website(v) for v, _ in data]


def test_index_and_types_are_kept() -> None:
    names = pd.Series(["GZ Xinghui", None, "GZ Xinghui"], index=[10, 20, 30], name="name")
    df = normalize_names(names, pd.Series(["CN", "CN", "HU"]))
    assert list(df.index) == [10, 20, 30]
    assert df["core"].dtype == pd.Series(["x"]).dtype  # the default string dtype
    assert df["is_person"].dtype == bool and df["hk_sister"].dtype == bool
    assert df["tokens"].tolist() == [("xinghui",), (), ("gz", "xinghui")]
    assert df["reason"].tolist() == ["", "empty", ""]


def test_empty_columns() -> None:
    empty = pd.Series([], dtype=object)
    assert normalize_names(empty).shape == (0, len(fields(NameKey)))
    assert normalize_addresses(empty).shape == (0, len(fields(AddressKey)))
    assert normalize_websites(empty).empty


def test_misaligned_columns_are_refused() -> None:
    with pytest.raises(ParameterError, match="countries has 1 values, expected 2"):
        normalize_names(pd.Series(["a", "b"]), pd.Series(["CN"]))


def test_normalize_parties_on_a_contract_table(tables: dict[str, pd.DataFrame]) -> None:
    parties = tables["parties"]
    out = normalize_parties(parties)
    assert list(out.index) == list(parties.index)
    assert {"name_core", "name_legal_form", "phone_e164", "phone_reason"} <= set(out.columns)
    assert "address_key" not in out.columns  # the table has no address column
    xinghui = out.loc[parties["name"].str.contains("XING|Xinghui", case=False), "name_core"]
    assert set(xinghui) == {"xinghui"}
    assert out.loc[parties["name"] == "Xinghui (HK) Trading Limited", "name_hk_sister"].all()
    assert out["phone_e164"].tolist() == [
        "+8613800138000", "", "+8613800138000", "", "+85221234567", ""
    ]  # fmt: skip
    assert normalize_parties(parties[["record_id"]]).shape == (len(parties), 0)


def test_normalize_parties_in_two_processes_gives_the_same_frame(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parties = generate_parties(rows=2_000, firms=200, seed=3)
    serial = normalize_parties(parties, workers=1)
    monkeypatch.setattr(columns, "_PARALLEL_MIN_ROWS", 1)  # the second process on 2,000 rows
    started, popen = [], subprocess.Popen
    monkeypatch.setattr(
        columns.subprocess, "Popen", lambda *a, **k: started.append(a) or popen(*a, **k)
    )
    pd.testing.assert_frame_equal(normalize_parties(parties, workers=2), serial)
    assert len(started) == 1


def test_benchmark_workload_runs() -> None:
    parties = generate_parties(rows=3_000, firms=300, seed=1)
    assert len(parties) == 3_000
    assert parties["name"].nunique() > 300  # firms appear under several names
    timings = time_normalizers(parties)
    assert set(timings) == {"names", "addresses", "phones", "emails"}
    assert all(wall >= 0 and cpu >= 0 for wall, cpu in timings.values())
    names = normalize_names(parties["name"], parties["country"])
    assert (names["reason"] == "").mean() > 0.95
    # Every spelling of a firm reaches the same core: firm 7's five spellings, for one.
    firm = parties["name"].str.contains(r"(?<!\d)7(?!\d)")
    assert names.loc[firm, "squashed"].nunique() == 1
    phones = normalize_phones(parties["phone"], parties["country"])
    assert phones["e164"].str.startswith("+861").mean() > 0.99
    assert np.isin(normalize_emails(parties["email"])["reason"], [""]).all()


def test_values_equal_in_python_group_safely() -> None:
    # factorize groups 1, 1.0, True and np.int64(1); each must normalise like the others.
    values = pd.Series([13800138000, 13800138000.0, np.int64(13800138000), True, 1.0], dtype=object)
    phones = normalize_phones(values, pd.Series(["CN"] * 5))
    assert phones["e164"].tolist() == [normalize_phone(v, "CN").e164 for v in values]
    assert phones["e164"].tolist()[:3] == ["+8613800138000"] * 3
