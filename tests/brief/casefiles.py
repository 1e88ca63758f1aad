"""Case files for the briefing and export tests: an analysed extract, and small synthetic ones.

:func:`analysed` is the case file of ``netlink.pipeline.analyze``. :func:`synthetic_case` writes a
small case file whose names carry markup, for the escaping and pseudonymisation tests.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from netlink.casefile import SCHEMA, RunRecord, read_case_file, write_case_file

#: Names that would run script if a briefing handled them as HTML.
HOSTILE_NAMES = (
    "<img src=x onerror=alert(1)> Trading Co., Ltd",
    "</script><script>alert(2)</script> Shoes GmbH",
    '<a href="javascript:alert(3)">href</a> Logistics Ltd',
    "Quote\" ' Back\\slash <svg onload=alert(4)> Limited",
)


def analysed(extract: Path, out: Path, seed: int = 0) -> Path:
    """An extract analysed into a case file with networks, roles and targets."""
    from netlink.pipeline import analyze

    analyze(extract, out, seed=seed)
    return out


def synthetic_case(
    out: Path,
    *,
    n_parties: int = 12,
    n_cases: int = 10,
    names: tuple[str, ...] = HOSTILE_NAMES,
    seed: int = 0,
) -> Path:
    """A small case file: one network N1 of ``n_parties`` parties over ``n_cases`` cases.

    Party ``i`` is called ``names[i]`` where given, else "Party i Trading Ltd"; each has
    a phone, an e-mail, a tax id and an address, and parties pair up on shared phones so
    the network hangs together. An empty network N2 (no members) is listed as well.
    """
    rng = np.random.default_rng(seed)
    day0 = dt.date(2024, 1, 1)
    sids = [f"S{i:04d}" for i in range(n_cases)]
    seizures = pd.DataFrame(
        {
            "seizure_id": sids,
            "seizure_date": [
                day0 + dt.timedelta(days=int(d)) for d in sorted(rng.integers(0, 400, n_cases))
            ],
            "reporting_country": "DE",
            "customs_office": "Frankfurt Airport Cargo",
            "transport_mode": ["express", "postal"] * (n_cases // 2) + ["air"] * (n_cases % 2),
            "origin_country": "CN",
            "destination_country": "DE",
            "transport_doc_no": [f"TD{7000 + i}X" for i in range(n_cases)],
            "items": rng.integers(1, 500, n_cases),
            "value_eur": rng.uniform(100, 9000, n_cases).round(2),
        }
    )
    pnames = [names[i] if i < len(names) else f"Party {i} Trading Ltd" for i in range(n_parties)]
    # Party i is on case i % n_cases, as sender when i is even, receiver when odd.
    parties = pd.DataFrame(
        {
            "record_id": [f"R{i:05d}" for i in range(n_parties)],
            "seizure_id": [sids[i % n_cases] for i in range(n_parties)],
            "role": ["consignor" if i % 2 == 0 else "consignee" for i in range(n_parties)],
            "name": pnames,
            "address": [f"{10 + i} Xingye Road, Baiyun District" for i in range(n_parties)],
            "city": "Guangzhou",
            "postcode": "510000",
            "country": ["CN" if i % 2 == 0 else "DE" for i in range(n_parties)],
            "phone": [f"+86 138 0013 {8000 + i // 2:04d}" for i in range(n_parties)],
            "email": [f"sales{i}@xinghui{i}.example.com" for i in range(n_parties)],
            "tax_id": [f"DE{123456780 + i}" for i in range(n_parties)],
            "website": [f"www.shop{i}-xinghui.example.com" for i in range(n_parties)],
        }
    )
    parties["name_raw"] = parties["name"]
    goods = pd.DataFrame(
        {
            "seizure_id": sids,
            "line_no": 1,
            "category": "footwear",
            "brand": ["Vexa", "Lunora"] * (n_cases // 2) + ["Vexa"] * (n_cases % 2),
            "rights_holder": ["Vexa AG", "Lunora SA"] * (n_cases // 2)
            + ["Vexa AG"] * (n_cases % 2),
            "quantity": rng.integers(1, 500, n_cases).astype(float),
            "value_eur": rng.uniform(50, 5000, n_cases).round(2),
        }
    )
    legs = pd.DataFrame(
        {
            "seizure_id": sids,
            "seq": 1,
            "from_place": "CAN",
            "from_country": "CN",
            "to_place": "FRA",
            "to_country": "DE",
            "mode": "air",
            "carrier": "Eurasia Air Freight",
            "conveyance_ref": [f"CV{9100 + i}" for i in range(n_cases)],
        }
    )
    pid = [f"P-{i:012x}" for i in range(n_parties)]
    entities = pd.DataFrame(
        {
            "entity_id": pid
            + [f"A-{i:012x}" for i in range(n_parties)]
            + [f"I-{i:012x}" for i in range(n_parties)],
            "kind": ["party"] * n_parties + ["address"] * n_parties + ["identifier"] * n_parties,
            "canonical_name": pnames
            + list(parties["address"])
            + [f"+8613800{8000 + i // 2:04d}"[:14] for i in range(n_parties)],
            "subtype": ["company"] * n_parties + [None] * n_parties + ["phone"] * n_parties,
            "country": list(parties["country"]) + [None] * (2 * n_parties),
        }
    )
    entity_members = pd.DataFrame(
        {"record_id": parties["record_id"], "entity_id": pid, "score": 1.0}
    )
    # Phones are shared by pairs: identifier I-(2k) stands for the pair's number.
    phone_entity = [f"I-{2 * (i // 2):012x}" for i in range(n_parties)]
    attribute_members = pd.DataFrame(
        {
            "record_id": list(parties["record_id"]) * 2,
            "entity_id": [f"A-{i:012x}" for i in range(n_parties)] + phone_entity,
            "kind": ["address"] * n_parties + ["identifier"] * n_parties,
            "field": ["address"] * n_parties + ["phone"] * n_parties,
        }
    )
    used_phones = sorted(set(phone_entity))
    nodes = pd.DataFrame(
        {
            "node_id": pid
            + [f"A-{i:012x}" for i in range(n_parties)]
            + used_phones
            + [f"S:{s}" for s in sids]
            + ["B:vexa", "B:lunora", "PL:CN", "PL:DE"],
            "kind": ["party"] * n_parties
            + ["address"] * n_parties
            + ["identifier"] * len(used_phones)
            + ["seizure"] * n_cases
            + ["brand", "brand", "place", "place"],
            "label": pnames
            + list(parties["address"])
            + [entities.set_index("entity_id").loc[i, "canonical_name"] for i in used_phones]
            + sids
            + ["Vexa", "Lunora", "CN", "DE"],
        }
    )
    nodes["subtype"] = nodes["kind"].map({"identifier": "phone", "party": "company"})
    edge_rows = []
    for i in range(n_parties):
        rid = parties["record_id"][i]
        edge_rows.append((pid[i], f"S:{parties['seizure_id'][i]}", parties["role"][i], [rid]))
        edge_rows.append((pid[i], f"A-{i:012x}", "located_at", [rid]))
        edge_rows.append((pid[i], phone_entity[i], "uses_phone", [rid]))
    for s, b in zip(sids, goods["brand"], strict=True):
        edge_rows.append((f"S:{s}", f"B:{b.lower()}", "infringes", [f"{s}/1"]))
        edge_rows.append((f"S:{s}", "PL:CN", "origin", [s]))
        edge_rows.append((f"S:{s}", "PL:DE", "destination", [s]))
    dates = seizures.set_index("seizure_id")["seizure_date"]
    edges = pd.DataFrame(edge_rows, columns=["source", "target", "kind", "record_ids"])
    edges["weight"] = 1.0
    case_of = parties.set_index("record_id")["seizure_id"]
    first = [dates.get(case_of.get(r[0], r[0].split("/")[0]), pd.NaT) for r in edges["record_ids"]]
    edges["n_records"] = 1
    edges["first_seen"] = pd.to_datetime(first)
    edges["last_seen"] = edges["first_seen"]
    edges = edges[
        ["source", "target", "kind", "weight", "record_ids", "n_records", "first_seen", "last_seen"]
    ]
    networks = pd.DataFrame(
        {
            "network_id": ["N1", "N2"],
            "n_entities": [n_parties, 0],
            "n_seizures": [n_cases, 0],
            "first_seen": [min(dates), pd.NaT],
            "last_seen": [max(dates), pd.NaT],
        }
    )
    network_members = pd.DataFrame({"entity_id": pid, "network_id": "N1"})
    roles = pd.DataFrame(
        {
            "network_id": "N1",
            "entity_id": pid,
            "role": ["manufacturer" if i % 2 == 0 else "retail_buyer" for i in range(n_parties)],
            "score": [round(0.9 - 0.05 * (i // 2), 2) for i in range(n_parties)],
            "reason": [
                f"sends to {pnames[(i + 1) % n_parties]} on case {parties['seizure_id'][i]}"
                for i in range(n_parties)
            ],
        }
    )
    targets = pd.DataFrame(
        {
            "network_id": "N1",
            "rank": [1, 2],
            "entity_id": [pid[0], pid[2 % n_parties]],
            "impact": [0.6, 0.3],
            "reason": [f"manufacturer; shares a phone with {pnames[1]}", "second sender"],
        }
    )
    run = RunRecord(
        input_path="synthetic.duckdb", input_sha256="ab" * 32, parameters={"test": True}, seed=seed
    )
    tables: dict[str, pd.DataFrame] = {
        "seizures": seizures,
        "parties": parties,
        "goods": goods,
        "legs": legs,
        "entities": entities,
        "entity_members": entity_members,
        "attribute_members": attribute_members,
        "nodes": nodes,
        "edges": edges,
        "networks": networks,
        "network_members": network_members,
        "roles": roles,
        "targets": targets,
    }
    write_case_file(out, {k: _complete(k, v) for k, v in tables.items()}, run)
    read_case_file(out)  # fails here, not in a test, if the tables do not fit the schema
    return out


def _complete(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """The table with every schema column it lacks added as missing (``_row``: 1, 2, ...)."""
    out = df.copy()
    for col in SCHEMA[name][1]:
        if col.name not in out.columns:
            out[col.name] = np.arange(1, len(out) + 1) if col.name == "_row" else None
    return out
