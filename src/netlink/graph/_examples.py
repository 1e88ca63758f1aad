"""A tiny extract for the doctests of the analysis stages.

Nine cases: a factory and its Hong Kong front shipping to one German importer (a
network); two stores sharing a phone selling small parcels to four buyers (a second
network); one-off background cases; an express integrator on most cases and a
placeholder phone written for three unrelated consignees.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from contextlib import closing
from functools import lru_cache
from pathlib import Path

import pandas as pd

from netlink._db import connect
from netlink.extract import Extract, load_extract

__all__ = ["load_tables", "tiny_extract", "tiny_tables"]

_FACTORY = "Guangzhou Xinghui Leather Products Co., Ltd"
_FRONT = "Xinghui (HK) Trading Limited"
_IMPORTER = "Meier Schuhhandel GmbH"
_STORE = "Trendy Store"


def tiny_tables() -> dict[str, pd.DataFrame]:
    """The contract tables of the tiny extract."""
    seizures = pd.DataFrame(
        {
            "seizure_id": [f"S{i}" for i in range(1, 10)],
            "seizure_date": pd.to_datetime(
                [
                    "2024-01-05",
                    "2024-02-10",
                    "2024-03-15",
                    "2024-04-01",
                    "2024-04-03",
                    "2024-04-06",
                    "2024-05-01",
                    "2024-06-01",
                    "2024-04-09",
                ]
            ).date,
            "reporting_country": ["DE", "DE", "DE", "DE", "NL", "FR", "NL", "BE", "CZ"],
            "transport_mode": [
                "air",
                "air",
                "sea",
                "postal",
                "postal",
                "postal",
                "express",
                "sea",
                "postal",
            ],
            "origin_country": ["CN", "HK", "CN", "CN", "CN", "CN", "CN", "TR", "CN"],
            "destination_country": ["DE", "DE", "DE", "DE", "NL", "FR", "NL", "BE", "CZ"],
            "items": [1200, 800, 5000, 2, 1, 3, 40, 100, 1],
            "value_eur": [24000.0, 16000.0, 90000.0, 60.0, 35.0, 80.0, 900.0, 2000.0, 45.0],
            "customs_office": [
                "Frankfurt",
                "Frankfurt",
                "Hamburg",
                "Leipzig",
                "Amsterdam",
                "Roissy",
                "Schiphol",
                "Antwerp",
                "Praha",
            ],
        }
    )
    p = [
        # case, role, name, country, address, phone, website
        ("S1", "consignor", _FACTORY, "CN", "88 Xingye Rd, Baiyun", "+86 138 0013 8000", None),
        ("S1", "consignee", _IMPORTER, "DE", "Hauptstr. 1, Berlin", None, None),
        ("S1", "carrier", "DHL Express", "DE", None, None, None),
        ("S2", "consignor", _FRONT, "HK", "Rm 1203, 12/F, Nathan Rd", "+86 138 0013 8000", None),
        ("S2", "consignee", _IMPORTER, "DE", "Hauptstr. 1, Berlin", None, None),
        ("S2", "carrier", "DHL Express", "DE", None, None, None),
        ("S3", "consignor", _FRONT, "HK", "Rm 1203, 12/F, Nathan Rd", None, None),
        ("S3", "consignee", _IMPORTER, "DE", "Hauptstr. 1, Berlin", None, None),
        ("S4", "consignor", _STORE, "CN", None, None, "trendystore.shop"),
        ("S4", "consignee", "Anna Schmidt", "DE", None, "0000000", None),
        ("S4", "carrier", "DHL Express", "DE", None, None, None),
        ("S5", "consignor", _STORE, "CN", None, "+86 139 0000 1111", "trendystore.shop"),
        ("S5", "consignee", "Jan de Vries", "NL", None, "0000000", None),
        ("S5", "carrier", "DHL Express", "DE", None, None, None),
        ("S6", "consignor", _STORE, "CN", None, None, "trendystore.shop"),
        ("S6", "consignee", "Marco Rossi", "FR", None, None, None),
        ("S6", "carrier", "DHL Express", "DE", None, None, None),
        ("S7", "consignor", "Lone Sender Co", "CN", None, None, None),
        ("S7", "consignee", "Lone Receiver BV", "NL", None, "0000000", None),
        ("S7", "carrier", "DHL Express", "DE", None, None, None),
        ("S8", "consignor", "Solo Tekstil Ltd Sti", "TR", None, None, None),
        ("S9", "consignor", "Lucky Watch Shop", "CN", None, "+86 139 0000 1111", None),
        ("S9", "consignee", "Eva Novak", "CZ", None, None, None),
    ]
    parties = pd.DataFrame(
        p, columns=["seizure_id", "role", "name", "country", "address", "phone", "website"]
    )
    parties.insert(0, "record_id", [f"R{i}" for i in range(1, len(p) + 1)])
    goods = pd.DataFrame(
        {
            "seizure_id": ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9"],
            "line_no": [1] * 9,
            "category": ["footwear"] * 3 + ["watches"] * 3 + ["toys", "clothing", "watches"],
            "brand": [
                "Vexa",
                "Vexa",
                "Vexa",
                "Lunora",
                "Lunora",
                "Lunora",
                "Kiddo",
                None,
                "Lunora",
            ],
            "quantity": [1200.0, 800.0, 5000.0, 2.0, 1.0, 3.0, 40.0, 100.0, 1.0],
        }
    )
    legs = pd.DataFrame(
        {
            "seizure_id": ["S1", "S1", "S2", "S3"],
            "seq": [1, 2, 1, 1],
            "from_place": ["CAN", "HKG", "HKG", "CNSZX"],
            "from_country": ["CN", "HK", "HK", "CN"],
            "to_place": ["HKG", "FRA", "FRA", "DEHAM"],
            "to_country": ["HK", "DE", "DE", "DE"],
            "mode": ["air", "air", "air", "sea"],
        }
    )
    return {"seizures": seizures, "parties": parties, "goods": goods, "legs": legs}


def load_tables(tables: dict[str, pd.DataFrame]) -> Extract:
    """Write contract tables to a temporary DuckDB file and load it as any extract.

    Examples
    --------
    >>> t = tiny_tables()
    >>> len(load_tables({k: v.head(2) for k, v in t.items()}).parties)
    2
    """
    folder = Path(tempfile.mkdtemp(prefix="netlink-example-"))
    path = folder / "extract.duckdb"
    with closing(connect(str(path))) as con:
        for name, df in tables.items():
            con.register("df", df)
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM df')
            con.unregister("df")
    return load_extract(path, today=dt.date(2026, 12, 31))


@lru_cache(maxsize=1)
def tiny_extract() -> Extract:
    """The tiny extract, loaded as netlink loads any extract.

    Examples
    --------
    >>> len(tiny_extract().seizures)
    9
    """
    return load_tables(tiny_tables())
