"""Small hand-built extracts for the analysis tests: each a list of cases, written for real.

A case is a dict: ``id``, ``date``, ``mode``, ``items``, ``parties`` (tuples of role,
name, country and optional phone, address, email), ``goods`` (category, brand) and
``legs`` (from place, from country, to place, to country).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import pandas as pd

from netlink.extract import Extract
from netlink.graph._examples import load_tables

DAY0 = dt.date(2024, 1, 1)


def party(role: str, name: str, country: str, phone=None, address=None, email=None) -> tuple:
    return (role, name, country, phone, address, email)


def case(
    i: int,
    parties: list[tuple],
    *,
    day: int | None = None,
    mode: str = "postal",
    items: int = 1,
    goods: list[tuple] | None = None,
    legs: list[tuple] | None = None,
    origin: str = "CN",
    dest: str = "DE",
    master: str | None = None,
) -> dict[str, Any]:
    return {
        "id": f"S{i:04d}",
        "date": DAY0 + dt.timedelta(days=i if day is None else day),
        "mode": mode,
        "items": items,
        "parties": parties,
        "goods": goods if goods is not None else [("clothing", "Vexa")],
        "legs": legs or [],
        "origin": origin,
        "dest": dest,
        "master": master,
    }


def tables(cases: list[dict[str, Any]]) -> dict[str, pd.DataFrame]:
    seizures, parties, goods, legs = [], [], [], []
    rec = 0
    for c in cases:
        seizures.append(
            {
                "seizure_id": c["id"],
                "seizure_date": c["date"],
                "reporting_country": c["dest"],
                "transport_mode": c["mode"],
                "origin_country": c["origin"],
                "destination_country": c["dest"],
                "master_doc_no": c["master"],
                "items": c["items"],
                "value_eur": 20.0 * c["items"],
                "customs_office": "Office " + c["dest"],
            }
        )
        for role, name, country, phone, address, email in c["parties"]:
            rec += 1
            parties.append(
                {
                    "record_id": f"R{rec:05d}",
                    "seizure_id": c["id"],
                    "role": role,
                    "name": name,
                    "country": country,
                    "phone": phone,
                    "address": address,
                    "email": email,
                }
            )
        for n, (category, brand) in enumerate(c["goods"], 1):
            goods.append(
                {
                    "seizure_id": c["id"],
                    "line_no": n,
                    "category": category,
                    "brand": brand,
                    "quantity": float(c["items"]),
                }
            )
        for n, (fp, fc, tp, tc) in enumerate(c["legs"], 1):
            legs.append(
                {
                    "seizure_id": c["id"],
                    "seq": n,
                    "from_place": fp,
                    "from_country": fc,
                    "to_place": tp,
                    "to_country": tc,
                }
            )
    out = {
        "seizures": pd.DataFrame(seizures),
        "parties": pd.DataFrame(parties),
        "goods": pd.DataFrame(
            goods, columns=["seizure_id", "line_no", "category", "brand", "quantity"]
        ),
        "legs": pd.DataFrame(
            legs,
            columns=["seizure_id", "seq", "from_place", "from_country", "to_place", "to_country"],
        ),
    }
    out["parties"] = out["parties"].astype({"phone": object, "address": object, "email": object})
    out["seizures"] = out["seizures"].astype({"master_doc_no": object})
    return out


def extract_of(cases: list[dict[str, Any]]) -> Extract:
    return load_tables(tables(cases))


@cache
def pairs_world(n: int = 12, *, phone: str | None = None) -> Extract:
    """``n`` one-off cases, each between its own sender and receiver."""
    return extract_of(
        [
            case(
                i,
                [
                    party("consignor", f"Sender {i} Co", "CN", phone),
                    party("consignee", f"Buyer {i}", "DE", phone),
                ],
            )
            for i in range(n)
        ]
    )


@cache
def lonely_world(n: int = 8) -> Extract:
    """``n`` cases with one party each, nothing shared."""
    return extract_of([case(i, [party("consignor", f"Only {i} Ltd", "CN")]) for i in range(n)])


@cache
def one_party_world(n: int = 30) -> Extract:
    """One sender on every case, each to a receiver of its own."""
    return extract_of(
        [
            case(
                i,
                [
                    party("consignor", "Everywhere Trading Co", "CN"),
                    party("consignee", f"Person {i}", "FR"),
                ],
            )
            for i in range(n)
        ]
    )


FACTORY = "Putian Xinghui Shoes Co., Ltd."
FRONTS = (
    "Xinghui (HK) Trading Limited",
    "Baiyun Imp. & Exp. Co., Ltd.",
    "Meiya (HK) Trading Limited",
)
DISTRIBUTOR = "Schuh Import GmbH"
ASSEMBLY = "Etiketten Werk GmbH"
STORES = ("Trendy Kicks Store", "Lucky Shoes Shop")
ALIASES = ("Anna Weber", "Jonas Weber", "Lea Weber")
COURIER = "DHL Express"


@cache
def network_world() -> Extract:
    """One counterfeit network with most patterns, background cases and a courier.

    The factory is named ("other") on its fronts' shipments and shares its phone with
    them; the fronts ship bulk to a distributor; an assembly site receives labels, then
    unbranded goods four days later; three names receive parcels at one drop address;
    two stores sharing a phone sell parcels to one-off buyers; DHL carries most cases.
    """
    fphone = "+86 594 2233 4455"
    cases, i = [], 0

    def add(parties, **kw):
        nonlocal i
        cases.append(case(i, parties, **kw))
        i += 1

    for k in range(9):
        front = FRONTS[k % 3]
        add(
            [
                party("consignor", front, "HK" if "HK" in front else "CN", fphone),
                party("other", FACTORY, "CN", fphone, "88 Xingye Rd, Putian"),
                party("consignee", DISTRIBUTOR, "DE", "+49 30 1234567", "Lagerstr. 5, Berlin"),
                party("carrier", COURIER, "DE"),
            ],
            mode="sea",
            items=3000,
            goods=[("footwear", "Vexa")],
            legs=[("CNXMN", "CN", "HKG", "HK"), ("HKG", "HK", "DEHAM", "DE")],
        )
    add(
        [
            party("consignor", FRONTS[0], "HK", fphone),
            party("consignee", ASSEMBLY, "DE", "+49 40 555"),
        ],
        day=40,
        mode="air",
        items=5000,
        goods=[("labels and packaging", "Vexa")],
    )
    add(
        [
            party("consignor", FRONTS[1], "CN", fphone),
            party("consignee", ASSEMBLY, "DE", "+49 40 555"),
        ],
        day=44,
        mode="sea",
        items=4000,
        goods=[("footwear", None)],
    )
    for k, alias in enumerate(ALIASES * 2):
        add(
            [
                party("consignor", STORES[k % 2], "CN", "+86 138 0000 9999"),
                party("consignee", alias, "DE", "+49 170 888", "Hinterhof 7, Essen"),
                party("carrier", COURIER, "DE"),
            ],
            mode="express",
            items=2,
        )
    for k in range(8):
        add(
            [
                party("consignor", STORES[k % 2], "CN", "+86 138 0000 9999"),
                party("other", FACTORY, "CN"),
                party("consignee", f"Buyer Number{k}", "FR"),
                party("carrier", COURIER, "DE"),
            ],
            mode="postal",
            items=1,
            dest="FR",
        )
    for k in range(12):
        add(
            [
                party("consignor", f"Background Sender {k} Co", "CN"),
                party("consignee", f"Background Buyer {k}", "NL"),
                party("carrier", COURIER, "DE"),
            ],
            mode="express",
            items=1,
            dest="NL",
        )
    return extract_of(cases)
