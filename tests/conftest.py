"""Shared fixtures: small extracts written for real, in every format the loader reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from netlink.extract import Extract, load_extract

#: Chromium fixtures for every folder (one Playwright instance per session).
pytest_plugins = ["tests.browser"]

TODAY = dt.date(2026, 1, 1)  # fixed, so date-range checks do not move with the calendar


def good_tables() -> dict[str, pd.DataFrame]:
    """A small valid extract: three cases, their parties, goods and legs."""
    seizures = pd.DataFrame(
        {
            "seizure_id": ["S1", "S2", "S3"],
            "seizure_date": pd.to_datetime(["2024-01-02", "2024-02-03", "2024-03-04"]).date,
            "reporting_country": ["DE", "nl", "FR"],
            "transport_mode": ["express", "postal", "sea"],
            "items": [24, 1, 12000],
            "value_eur": [2400.0, 110.0, 540000.0],
            "origin_country": ["CN", "CN", "HK"],
        }
    )
    parties = pd.DataFrame(
        {
            "record_id": ["R1", "R2", "R3", "R4", "R5", "R6"],
            "seizure_id": ["S1", "S1", "S2", "S2", "S3", "S3"],
            "role": ["consignor", "consignee", "consignor", "consignee", "consignor", "consignee"],
            "name": [
                "Guangzhou Xinghui Leather Co., Ltd",
                "Meier Schuhhandel GmbH",
                "ＧＵＡＮＧ ＺＨＯＵ  XING HUI",
                "Anna Schmidt",
                "Xinghui (HK) Trading Limited",
                "Meier Schuhhandel",
            ],
            "country": ["CN", "DE", "CN", "NL", "HK", "FR"],
            "phone": ["+86 138 0013 8000", None, "13800138000", None, "+852 2123 4567", None],
        }
    )
    goods = pd.DataFrame(
        {
            "seizure_id": ["S1", "S2", "S3", "S3"],
            "line_no": [1, 1, 1, 2],
            "category": ["footwear", "footwear", "clothing", "labels and packaging"],
            "brand": ["Vexa", "Vexa", "Lunora", "Lunora"],
            "quantity": [24.0, 1.0, 12000.0, 500.0],
        }
    )
    legs = pd.DataFrame(
        {
            "seizure_id": ["S1", "S1", "S3"],
            "seq": [1, 2, 1],
            "from_place": ["CAN", "HKG", "CNNSA"],
            "from_country": ["CN", "HK", "CN"],
            "to_place": ["HKG", "FRA", "NLRTM"],
            "to_country": ["HK", "DE", "NL"],
            "mode": ["air", "air", "sea"],
        }
    )
    return {"seizures": seizures, "parties": parties, "goods": goods, "legs": legs}


def write_extract(path: Path, tables: dict[str, pd.DataFrame], fmt: str = "duckdb") -> Path:
    """Write tables as a DuckDB file (``path``) or a folder of parquet/csv files."""
    if fmt == "duckdb":
        with duckdb.connect(str(path)) as con:
            for name, df in tables.items():
                con.register("df", df)
                con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM df')
                con.unregister("df")
        return path
    path.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        if fmt == "parquet":
            with duckdb.connect() as con:
                con.register("df", df)
                con.execute(f"COPY df TO '{path / (name + '.parquet')}' (FORMAT parquet)")
        else:
            df.to_csv(path / f"{name}.csv", index=False)
    return path


@pytest.fixture
def tables() -> dict[str, pd.DataFrame]:
    return good_tables()


@pytest.fixture
def make_extract(tmp_path: Path) -> Callable[..., Path]:
    """Write tables to a fresh file or folder under tmp_path and return its path."""
    counter = iter(range(1_000_000))

    def make(tables: dict[str, pd.DataFrame], fmt: str = "duckdb") -> Path:
        n = next(counter)
        target = tmp_path / (f"extract{n}.duckdb" if fmt == "duckdb" else f"extract{n}")
        return write_extract(target, tables, fmt)

    return make


@pytest.fixture(scope="session")
def sample_extract() -> Extract:
    """The bundled sample extract (data/sample), loaded once per test process."""
    return load_extract(Path(__file__).resolve().parents[1] / "data" / "sample" / "extract.duckdb")
