"""Entities by exact normalised value: a stand-in for entity resolution.

Used by tests, doctests and benchmarks that must run without the resolver, and as a
floor to compare the resolver against. Party records with the same folded name and
country are one party; records with the same folded address, or the same identifier
value, share one address or identifier entity. Placeholder values are kept (the
resolver drops them; hub detection must cope when they are not dropped).
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

import numpy as np
import pandas as pd

from netlink.extract import Extract

__all__ = ["ResolvedFrames", "exact_entities"]


class ResolvedFrames(NamedTuple):
    """The three frames the graph is built from (what entity resolution hands over)."""

    entities: pd.DataFrame
    entity_members: pd.DataFrame
    attribute_members: pd.DataFrame


def _fold(s: pd.Series) -> pd.Series:
    return (
        s.astype("string")
        .str.lower()
        .str.replace(r"[^\w]+", " ", regex=True)
        .str.strip()
        .replace("", pd.NA)
    )


def _entity_id(prefix: str, salt: str, smallest_record: pd.Series) -> pd.Series:
    # Content-derived ids, as the resolver makes them: stable across reruns. The salt
    # keeps a record's phone and its website apart.
    return smallest_record.map(
        lambda r: f"{prefix}-{hashlib.sha1(f'{salt}:{r}'.encode()).hexdigest()[:10]}"
    )


def exact_entities(extract: Extract) -> ResolvedFrames:
    """Group party records and their attributes by exact normalised value.

    Parameters
    ----------
    extract
        The loaded extract.

    Returns
    -------
    ResolvedFrames
        ``entities(entity_id, kind, canonical_name, confidence, n_records, subtype)``,
        ``entity_members(record_id, entity_id, score)`` and
        ``attribute_members(record_id, entity_id, kind, field)``.

    Examples
    --------
    >>> from netlink.graph._examples import tiny_extract
    >>> frames = exact_entities(tiny_extract())
    >>> frames.entities.groupby("kind").size().to_dict()
    {'address': 3, 'identifier': 4, 'party': 13}
    """
    p = extract.parties
    rec = p["record_id"].astype(str)
    party_key = _fold(p["name"]).fillna("?") + "|" + p["country"].astype("string").fillna("")
    rows: list[pd.DataFrame] = []
    ents: list[pd.DataFrame] = []
    members, ent = _group(rec, party_key, p["name"], "P", "party", "party")
    ent["subtype"] = "unknown"
    ents.append(ent)
    values = {
        "address": _fold(
            p["address"].astype("string")
            + " "
            + p["city"].astype("string").fillna("")
            + " "
            + p["country"].astype("string").fillna("")
        ),
        "phone": p["phone"]
        .astype("string")
        .str.replace(r"\D+", "", regex=True)
        .str.replace(r"^00", "", regex=True),
        "email": p["email"].astype("string").str.strip().str.lower(),
        "tax_id": p["tax_id"].astype("string").str.replace(r"[^\w]+", "", regex=True).str.upper(),
        "website": p["website"]
        .astype("string")
        .str.lower()
        .str.replace(r"^(https?://)?(www\.)?", "", regex=True)
        .str.rstrip("/"),
    }
    for field, key in values.items():
        key = key.replace("", pd.NA)
        kind = "address" if field == "address" else "identifier"
        prefix = "A" if kind == "address" else "I"
        # An identifier's kind is part of its value: a phone and a tax id never merge.
        m, e = _group(rec, (field + "|" + key), p[field], prefix, kind, field)
        e["subtype"] = "" if kind == "address" else field
        rows.append(m.assign(kind=kind, field=field))
        ents.append(e)
    entities = pd.concat(ents, ignore_index=True)
    entities = entities.sort_values("entity_id", kind="stable").reset_index(drop=True)
    attribute_members = pd.concat(rows, ignore_index=True)[
        ["record_id", "entity_id", "kind", "field"]
    ]
    return ResolvedFrames(
        entities,
        members.assign(score=1.0)[["record_id", "entity_id", "score"]],
        attribute_members.sort_values(["record_id", "field"], kind="stable").reset_index(drop=True),
    )


def _group(
    rec: pd.Series, key: pd.Series, shown: pd.Series, prefix: str, kind: str, salt: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    df = pd.DataFrame(
        {"record_id": rec.to_numpy(), "key": key.to_numpy(), "shown": shown.to_numpy()}
    )
    df = df[df["key"].notna()]
    first = df.groupby("key", sort=True)["record_id"].transform("min")
    df = df.assign(entity_id=_entity_id(prefix, salt, first).to_numpy())
    ent = (
        df.groupby("entity_id", sort=True)
        .agg(canonical_name=("shown", "min"), n_records=("record_id", "size"))
        .reset_index()
    )
    ent.insert(1, "kind", kind)
    ent["confidence"] = np.float64(1.0)
    ent = ent[["entity_id", "kind", "canonical_name", "confidence", "n_records"]]
    return df[["record_id", "entity_id"]].reset_index(drop=True), ent
