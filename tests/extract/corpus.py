"""A corpus of malformed extracts, each with the message a user must see.

Each case builds its extract from the good one with one defect. ``message`` is what
``netlink load --strict`` prints; ``lenient`` is either the same message (a structural
error that no quarantine can absorb) or the quarantine reasons a default load records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..conftest import good_tables, write_extract

Tables = dict[str, pd.DataFrame]


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], tuple[Path, Path | None]]  # -> (extract, mapping or None)
    message: str  # printed by --strict (and by a default load when lenient is None)
    lenient: dict[str, int] | None = field(default=None)  # quarantine reasons, or None


def tables_case(mutate: Callable[[Tables], None], fmt: str = "duckdb"):
    def build(tmp: Path) -> tuple[Path, Path | None]:
        t = good_tables()
        mutate(t)
        target = tmp / ("x.duckdb" if fmt == "duckdb" else "x")
        return write_extract(target, t, fmt), None

    return build


def with_mapping(text: str, mutate: Callable[[Tables], None] | None = None):
    def build(tmp: Path) -> tuple[Path, Path | None]:
        t = good_tables()
        if mutate:
            mutate(t)
        m = tmp / "mapping.toml"
        m.write_text(text, encoding="utf-8")
        return write_extract(tmp / "x.duckdb", t), m

    return build


def _set(table: str, row: int, column: str, value) -> Callable[[Tables], None]:
    def f(t: Tables) -> None:
        t[table][column] = t[table][column].astype(object)
        t[table].loc[row, column] = value

    return f


def _drop_table(name: str) -> Callable[[Tables], None]:
    return lambda t: t.pop(name)


def _drop_column(table: str, column: str) -> Callable[[Tables], None]:
    def f(t: Tables) -> None:
        t[table] = t[table].drop(columns=[column])

    return f


def _all(table: str, column: str, value) -> Callable[[Tables], None]:
    def f(t: Tables) -> None:
        t[table][column] = [value] * len(t[table])

    return f


def _file(content: bytes, name: str):
    def build(tmp: Path) -> tuple[Path, Path | None]:
        p = tmp / name
        p.write_bytes(content)
        return p, None

    return build


def _empty_folder(tmp: Path) -> tuple[Path, Path | None]:
    (tmp / "empty").mkdir()
    return tmp / "empty", None


def _ragged_csv(tmp: Path) -> tuple[Path, Path | None]:
    folder = write_extract(tmp / "x", good_tables(), "csv")
    with (folder / "parties.csv").open("a", encoding="utf-8") as f:
        f.write("R7,S1,consignor,Unquoted Co.,Ltd,CN,123\n")  # one field too many
    return folder, None


CASES: list[Case] = [
    Case("missing_file", lambda tmp: (tmp / "nope.duckdb", None), "no extract at"),
    Case("not_duckdb", _file(b"hello, I am text\n", "x.duckdb"), "is not a DuckDB database"),
    Case("single_csv", _file(b"a,b\n1,2\n", "parties.csv"), "is a single csv file, not an extract"),
    Case("empty_folder", _empty_folder, "is a folder with no .parquet or .csv table files"),
    Case("no_parties", tables_case(_drop_table("parties")), "table 'parties' is missing"),
    Case(
        "no_seizures_csv",
        tables_case(_drop_table("seizures"), "csv"),
        "table 'seizures' is missing",
    ),
    Case(
        "no_role", tables_case(_drop_column("parties", "role")), "required column 'role' is missing"
    ),
    Case(
        "no_date",
        tables_case(_drop_column("seizures", "seizure_date")),
        "table 'seizures': required column 'seizure_date' is missing",
    ),
    Case(
        "no_line_no_parquet",
        tables_case(_drop_column("goods", "line_no"), "parquet"),
        "table 'goods': required column 'line_no' is missing",
    ),
    Case(
        "dates_are_numbers",
        tables_case(_all("seizures", "seizure_date", 45000)),
        "table 'seizures', column 'seizure_date', row 1: expected a date (YYYY-MM-DD), found '45000'",
    ),
    Case(
        "items_are_words",
        tables_case(_all("seizures", "items", "many")),
        "table 'seizures', column 'items', row 1: expected a number (BIGINT), found 'many'",
    ),
    Case(
        "line_no_is_text_csv",
        tables_case(_all("goods", "line_no", "first"), "csv"),
        "table 'goods', column 'line_no', row 1: expected a number (INTEGER)",
    ),
    Case(
        "duplicate_case_id",
        tables_case(_set("seizures", 2, "seizure_id", "S1")),
        "table 'seizures', column 'seizure_id', row 3 (seizure_id 'S1'): expected a unique id",
        # S3 is gone with its duplicate row, so its children are orphans.
        {"duplicate_id": 1, "orphan": 5},
    ),
    Case(
        "duplicate_record_id",
        tables_case(_set("parties", 3, "record_id", "R1")),
        "table 'parties', column 'record_id', row 4 (record_id 'R1'): expected a unique id",
        {"duplicate_id": 1},
    ),
    Case(
        "duplicate_goods_line",
        tables_case(_set("goods", 3, "line_no", 1)),
        "table 'goods', column 'line_no', row 4 (seizure_id/line_no 'S3/1'): expected a unique id",
        {"duplicate_id": 1},
    ),
    Case(
        "orphan_party",
        tables_case(_set("parties", 5, "seizure_id", "S99")),
        "table 'parties', column 'seizure_id', row 6 (record_id 'R6'): "
        "expected a seizure_id of an existing case, found S99",
        {"orphan": 1},
    ),
    Case(
        "orphan_goods_csv",
        tables_case(_set("goods", 0, "seizure_id", "S42"), "csv"),
        "table 'goods', column 'seizure_id', row 1 (seizure_id/line_no 'S42/1'): "
        "expected a seizure_id of an existing case",
        {"orphan": 1},
    ),
    Case(
        "orphan_leg",
        tables_case(_set("legs", 2, "seizure_id", "S7")),
        "table 'legs', column 'seizure_id', row 3 (seizure_id/seq 'S7/1')",
        {"orphan": 1},
    ),
    Case(
        "impossible_date",
        tables_case(_set("seizures", 1, "seizure_date", "2024-02-31")),
        "table 'seizures', column 'seizure_date', row 2 (seizure_id 'S2'): "
        "expected a date (YYYY-MM-DD, or the mapping's date_format), found 2024-02-31",
        {"bad_date": 1, "parent_quarantined": 3},
    ),
    Case(
        "date_in_the_future",
        tables_case(_set("seizures", 0, "seizure_date", dt.date(2031, 5, 1))),
        "row 1 (seizure_id 'S1'): expected a date within the accepted range",
        {"date_out_of_range": 1, "parent_quarantined": 5},
    ),
    Case(
        "bad_reporting_country",
        tables_case(_set("seizures", 2, "reporting_country", "Deutschland")),
        "column 'reporting_country', row 3 (seizure_id 'S3'): "
        "expected an ISO 3166-1 alpha-2 country code, found Deutschland",
        {"bad_country": 1, "parent_quarantined": 5},
    ),
    Case(
        "unknown_role",
        tables_case(_set("parties", 1, "role", "boss")),
        "table 'parties', column 'role', row 2 (record_id 'R2'): "
        "expected a party role of the contract vocabulary",
        {"unknown_role": 1},
    ),
    Case(
        "null_record_id",
        tables_case(_set("parties", 4, "record_id", None)),
        "table 'parties', column 'record_id', row 5 (record_id 'row:5'): "
        "expected a value in a required column",
        {"missing_value": 1},
    ),
    Case(
        "blank_case_id_csv",
        tables_case(_set("seizures", 0, "seizure_id", "   "), "csv"),
        "table 'seizures', column 'seizure_id', row 1 (seizure_id 'row:1')",
        {"missing_value": 1, "orphan": 5},
    ),
    Case(
        "ragged_csv",
        _ragged_csv,
        "table 'parties' (parties.csv) could not be read: CSV Error on Line: 8",
    ),
    Case(
        "mapping_names_absent_column",
        with_mapping('[tables.parties.columns]\nrole = "rolle"\n'),
        "names source column 'rolle', which 'parties' lacks",
    ),
    Case(
        "mapping_not_toml",
        with_mapping("[tables.parties\nrole = \n"),
        "is not valid TOML",
    ),
    Case(
        "mapping_unknown_column",
        with_mapping('[tables.parties.columns]\nshoe_size = "x"\n'),
        "tables.parties.columns.shoe_size: expected a column of parties",
    ),
]
