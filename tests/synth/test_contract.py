"""The written extract is a contract extract: tables, columns, types, vocabularies, ids."""

from __future__ import annotations

import datetime as dt
from contextlib import closing

import duckdb
import pandas as pd
import pytest

from netlink.contract import COUNTRIES, ROLES, TABLES, TRANSPORT_MODES
from netlink.extract import load_extract
from netlink.synth import synthesize

from .conftest import EXTRACT_TABLES


def test_duckdb_extract_has_the_contract_tables_columns_and_types(world):
    with closing(duckdb.connect(str(world.summary.out), read_only=True)) as con:
        for name in EXTRACT_TABLES:
            cols = con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position",
                [name],
            ).fetchall()
            expected = [(c.name, c.type) for c in TABLES[name].columns]
            assert cols == expected, name


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_folder_formats_hold_the_same_tables(tmp_path, make_world, fmt):
    world = make_world(500, 8)
    s = synthesize(tmp_path / "w", world.settings, fmt=fmt)
    assert sorted(p.name for p in s.out.iterdir()) == sorted(f"{t}.{fmt}" for t in EXTRACT_TABLES)
    with closing(duckdb.connect()) as con:
        reader = "read_parquet" if fmt == "parquet" else "read_csv_auto"
        for name in EXTRACT_TABLES:
            got = con.execute(f"SELECT * FROM {reader}('{s.out / (name + '.' + fmt)}')").df()
            want = world.ex[name]
            assert list(got.columns) == list(want.columns)
            assert len(got) == len(want)
            assert got.iloc[:, 0].astype(str).tolist() == want.iloc[:, 0].astype(str).tolist()


def test_required_values_vocabularies_and_countries(world):
    for name, table in TABLES.items():
        df = world.ex[name]
        for col in table.required_columns:
            assert df[col].notna().all(), f"{name}.{col} has NULLs"
        for col in table.columns:
            values = df[col.name].dropna()
            if col.kind == "country":
                assert set(values) <= COUNTRIES, f"{name}.{col.name}: {set(values) - COUNTRIES}"
            if col.kind == "vocab":
                assert set(values) <= set(col.vocab), f"{name}.{col.name}"
    assert set(world.ex["parties"].role) <= set(ROLES)
    assert set(world.ex["seizures"].transport_mode) <= set(TRANSPORT_MODES)


def test_ids_are_unique_zero_padded_sorted_and_referenced(world):
    seizures, parties = world.ex["seizures"], world.ex["parties"]
    assert seizures.seizure_id.is_unique and parties.record_id.is_unique
    assert seizures.seizure_id.str.fullmatch(r"S\d{7}").all()
    assert parties.record_id.str.fullmatch(r"R\d{8}").all()
    assert seizures.seizure_id.is_monotonic_increasing
    assert parties.record_id.is_monotonic_increasing
    # Seizure ids follow the dates, and every child row hangs on an existing case.
    assert seizures.seizure_date.is_monotonic_increasing
    for name in ("parties", "goods", "legs"):
        assert world.ex[name].seizure_id.isin(seizures.seizure_id).all(), name
    assert not world.ex["goods"].duplicated(["seizure_id", "line_no"]).any()
    assert not world.ex["legs"].duplicated(["seizure_id", "seq"]).any()


def test_values_are_plausible(world):
    s = world.ex["seizures"]
    assert (s["items"] >= 1).all() and (s.value_eur > 0).all() and (s.declared_value_eur > 0).all()
    lo, hi = pd.Timestamp(world.settings.start), pd.Timestamp(world.settings.end)
    assert s.seizure_date.between(lo, hi).all()
    goods = world.ex["goods"]
    assert goods.hs_code.str.fullmatch(r"\d{4}(\d{2})?(\d{2})?(\d{2})?").all()
    assert goods.groupby("seizure_id").quantity.sum().astype(int).sort_index().tolist() == (
        s.set_index("seizure_id")["items"].sort_index().tolist()
    )
    ioss = world.ex["parties"].tax_id.dropna()
    ioss = ioss[ioss.str.upper().str.contains("IM")]
    assert ioss.str.upper().str.contains(r"IM ?\d{10}$").all()
    # Mainland companies carry a USCC: 18 characters, "91" and a six-digit region first.
    tp = world.truth["true_parties"]
    mainland = tp[(tp.country == "CN") & (tp.kind == "company") & (tp.role != "seller")]
    ids = world.truth["true_identifiers"].set_index("identifier_id")
    uscc = ids.loc[mainland.tax_identifier_id.dropna()].value
    assert len(uscc) > 100
    assert uscc.str.fullmatch(r"91\d{6}[0-9A-HJ-NP-RTUWXY]{10}").all()


def test_netlink_loads_it_without_quarantine_or_issues(world):
    ex = load_extract(world.summary.out, today=dt.date(2026, 1, 1))
    assert ex.quarantine.empty
    assert ex.issues.empty
    assert ex.report.rows_read.tolist() == [len(world.ex[t]) for t in EXTRACT_TABLES]
