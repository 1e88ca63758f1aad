"""Loading real extracts in every format: normalisation, raw values, accounting."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pandas as pd
import pytest

from netlink.casefile import read_case_file
from netlink.cli import main
from netlink.contract import TABLES
from netlink.extract import load_extract

from ..conftest import TODAY


def accounting_holds(ex) -> bool:
    r = ex.report
    return bool((r.rows_read == r.rows_loaded + r.rows_quarantined).all())


@pytest.mark.parametrize("fmt", ["duckdb", "parquet", "csv"])
def test_every_format_loads_the_same_rows(tables, make_extract, fmt):
    ex = load_extract(make_extract(tables, fmt), today=TODAY)
    assert accounting_holds(ex)
    assert list(ex.report.rows_loaded) == [3, 6, 4, 3]
    assert ex.quarantine.empty
    assert list(ex.parties.record_id) == ["R1", "R2", "R3", "R4", "R5", "R6"]
    assert list(ex.seizures.reporting_country) == ["DE", "NL", "FR"]
    assert ex.seizures.seizure_date.tolist() == list(
        pd.to_datetime(["2024-01-02", "2024-02-03", "2024-03-04"])
    )
    assert ex.goods.line_no.tolist() == [1, 1, 1, 2]


def test_text_is_nfkc_folded_and_raw_kept(tables, make_extract):
    ex = load_extract(make_extract(tables), today=TODAY)
    row = ex.parties.set_index("record_id").loc["R3"]
    assert row["name"] == "GUANG ZHOU XING HUI"
    assert row["name_raw"] == "ＧＵＡＮＧ ＺＨＯＵ  XING HUI"
    assert ex.seizures.set_index("seizure_id").loc["S2", "reporting_country_raw"] == "nl"


def test_column_and_table_names_match_case_insensitively(tables, make_extract):
    renamed = {name.upper(): df.rename(columns=str.upper) for name, df in tables.items()}
    ex = load_extract(make_extract(renamed), today=TODAY)
    assert list(ex.report.rows_loaded) == [3, 6, 4, 3]
    assert ex.source.tables["parties"] == "PARTIES"


def test_extra_columns_pass_through(tables, make_extract):
    tables["parties"]["officer_note"] = ["a", "b", "c", "d", "e", "f"]
    ex = load_extract(make_extract(tables), today=TODAY)
    assert ex.parties["officer_note"].tolist() == ["a", "b", "c", "d", "e", "f"]


def test_optional_tables_may_be_absent(tables, make_extract):
    del tables["goods"], tables["legs"]
    ex = load_extract(make_extract(tables), today=TODAY)
    assert ex.goods.empty and ex.legs.empty
    assert set(TABLES["goods"].column_names) <= set(ex.goods.columns)


def test_row_numbers_follow_the_source(tables, make_extract):
    ex = load_extract(make_extract(tables), today=TODAY)
    assert ex.parties["_row"].tolist() == [1, 2, 3, 4, 5, 6]


def test_optional_bad_values_become_issues_not_lost_rows(tables, make_extract):
    tables["parties"].loc[1, "country"] = "Germany"
    tables["seizures"]["items"] = tables["seizures"]["items"].astype(object)
    tables["seizures"].loc[0, "items"] = -5
    ex = load_extract(make_extract(tables), today=TODAY)
    assert ex.quarantine.empty
    issues = {(r.table_name, r.row_key, r.column_name, r.issue) for r in ex.issues.itertuples()}
    assert ("parties", "R2", "country", "bad_country") in issues
    assert ("seizures", "S1", "items", "negative_value") in issues
    assert ex.parties.set_index("record_id").loc["R2", "country_raw"] == "Germany"
    assert pd.isna(ex.seizures.set_index("seizure_id").loc["S1", "items"])


def test_quarantine_keeps_the_row_as_read(tables, make_extract):
    tables["parties"].loc[0, "seizure_id"] = "S404"
    ex = load_extract(make_extract(tables), today=TODAY)
    q = ex.quarantine.iloc[0]
    assert (q.table_name, q.row_key, q.row_number, q.reason) == ("parties", "R1", 1, "orphan")
    assert json.loads(q.raw)["seizure_id"] == "S404"
    assert accounting_holds(ex)


def test_children_of_a_quarantined_case_say_so(tables, make_extract):
    tables["seizures"]["seizure_date"] = tables["seizures"]["seizure_date"].astype(str)
    tables["seizures"].loc[1, "seizure_date"] = "2024-02-31"
    ex = load_extract(make_extract(tables), today=TODAY)
    reasons = ex.quarantine.groupby("reason").size().to_dict()
    assert reasons == {"bad_date": 1, "parent_quarantined": 3}  # S2: 2 parties, 1 goods line
    assert accounting_holds(ex)


def test_dates_outside_the_accepted_range_are_quarantined(tables, make_extract):
    tables["seizures"].loc[2, "seizure_date"] = dt.date(2030, 1, 1)
    ex = load_extract(make_extract(tables), today=TODAY)
    assert ex.quarantine.set_index("row_key").loc["S3", "reason"] == "date_out_of_range"
    assert ex.settings.max_date == TODAY


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("fmt", ["duckdb", "parquet"])
def test_a_full_run_never_writes_to_the_extract(tables, make_extract, tmp_path, fmt):
    src = make_extract(tables, fmt)
    files = [src] if src.is_file() else sorted(src.iterdir())
    before = {f: (_sha(f), f.stat().st_mtime_ns) for f in files}
    names_before = sorted(p.name for p in src.parent.iterdir())
    assert main(["analyze", str(src), "--out", str(tmp_path / "case.duckdb"), "--quiet"]) == 0
    after = {f: (_sha(f), f.stat().st_mtime_ns) for f in files}
    assert before == after
    # No WAL or lock file was left beside the extract either.
    assert sorted(p.name for p in src.parent.iterdir()) == sorted([*names_before, "case.duckdb"])


def test_case_file_holds_the_run_and_reads_back_the_same(tables, make_extract, tmp_path):
    from netlink.pipeline import AnalysisSettings, analyze

    out = tmp_path / "case.duckdb"
    settings = AnalysisSettings.from_dict({"load": {"max_date": "2026-01-01"}})
    result = analyze(make_extract(tables), out, settings, seed=42)
    case = read_case_file(out)
    assert case.run.seed == 42
    assert case.run.parameters["load"]["max_date"] == "2026-01-01"
    assert case.run.input_sha256 == result.extract.source.sha256
    assert case.run.result_sha256 == result.run.result_sha256
    for name in ("load_report", "quarantine", "parties", "seizures"):
        pd.testing.assert_frame_equal(
            case[name].reset_index(drop=True),
            result.tables[name].reset_index(drop=True),
            check_dtype=False,
        )
    # Stages that have not run leave their tables empty, with the required columns.
    assert case["targets"].empty and list(case["targets"].columns)[:3] == [
        "network_id",
        "rank",
        "entity_id",
    ]


def test_same_input_same_result_hash(tables, make_extract, tmp_path):
    src = make_extract(tables)
    hashes = set()
    for i in range(2):
        main(
            [
                "analyze",
                str(src),
                "--out",
                str(tmp_path / f"c{i}.duckdb"),
                "--quiet",
                "--max-date",
                "2026-01-01",
            ]
        )
        hashes.add(read_case_file(tmp_path / f"c{i}.duckdb").run.result_sha256)
    assert len(hashes) == 1


def test_the_example_foreign_extract_loads_with_its_mapping():
    ex = load_extract(
        "data/examples/zollfall", mapping="data/examples/zollfall/mapping.toml", today=TODAY
    )
    assert accounting_holds(ex)
    s = ex.seizures.set_index("seizure_id")
    assert s.loc["Z-2024-0001", "seizure_date"] == pd.Timestamp("2024-02-03")
    assert s.loc["Z-2024-0001", "reporting_country"] == "DE"
    assert s.loc["Z-2024-0002", "transport_mode"] == "postal"
    assert s.loc["Z-2024-0001", "transport_mode_raw"] == "KURIER"
    p = ex.parties.set_index("record_id")
    assert p.loc["B2", "role"] == "consignee" and p.loc["B2", "role_raw"] == "Empfänger"
    assert "sachbearbeiter" in ex.seizures.columns  # unmapped source column passes through
    # The two planted problems are quarantined with their reasons, not lost.
    q = ex.quarantine.set_index("row_key")["reason"].to_dict()
    assert q == {"Z-2024-0006": "bad_date", "B12": "unknown_role"}
    assert ex.goods.set_index("seizure_id").loc["Z-2024-0004", "category"] == "labels and packaging"
