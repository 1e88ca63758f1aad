"""Fixtures of the briefing tests: case files and a key.

The browser fixtures (``chromium``, ``browser``, ``page``) come from tests/browser.py, so
every suite drives the same Chromium: Debian's system browser, skipped with a message
when it is absent unless NETLINK_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pytest

from netlink.pseudonymise import PseudonymKey
from netlink.resolve import normalize_parties
from tests.brief.casefiles import synthetic_case

KEY = PseudonymKey(b"shared key of two administrations, 2026")


@pytest.fixture(scope="session")
def case_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small case file: network N1 of 12 parties with hostile names, and empty N2."""
    return synthetic_case(tmp_path_factory.mktemp("case") / "case.duckdb")


@pytest.fixture(scope="session")
def big_case_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A case file whose network N1 spans about 300 nodes."""
    return synthetic_case(
        tmp_path_factory.mktemp("big") / "case.duckdb", n_parties=110, n_cases=80, seed=3
    )


@pytest.fixture
def key() -> PseudonymKey:
    return KEY


def raw_values(
    tables: dict[str, pd.DataFrame], record_ids: Iterable[str] | None = None
) -> set[str]:
    """Every name and identifier of the input: party fields as written and normalised,
    record, seizure and document ids (of the given records' cases, when given)."""
    parties = tables["parties"]
    if record_ids is not None:
        parties = parties[parties["record_id"].isin(set(record_ids))]
    cases = set(parties["seizure_id"].astype(str))
    # Placeholders ("NONE", "Unknown", "N/A") name nobody: the resolver keys nothing in
    # them, and they are not looked for.
    usable = normalize_parties(parties.reset_index(drop=True))
    key_of = {
        "name": "name_text",
        "address": "address_key",
        "phone": "phone_e164",
        "email": "email_canonical",
        "tax_id": "tax_id_value",
        "website": "website",
    }
    values: set[str] = {str(r) for r in parties["record_id"].dropna()}
    placeholders: set[str] = set()
    for col, key_col in key_of.items():
        keys = usable[key_col].fillna("").astype(str)
        keyed = keys.to_numpy() != ""
        values |= set(keys[keyed])  # the normalised forms too: "+8613800138000"
        for variant in (col, f"{col}_raw"):
            if variant in parties.columns:
                cells = parties[variant].to_numpy()
                values |= {str(v) for v in cells[keyed]}
                placeholders |= {str(v) for v in cells[~keyed]}
    ents = tables["entities"]
    if record_ids is None:
        names = ents.loc[ents["kind"] != "place", "canonical_name"].dropna().astype(str)
        values |= set(names) - placeholders
    seizures = tables["seizures"]
    seizures = seizures[seizures["seizure_id"].astype(str).isin(cases)]
    values |= set(seizures["seizure_id"].astype(str))
    for col in ("transport_doc_no", "master_doc_no"):
        values |= set(seizures[col].dropna().astype(str))
    return {v.strip() for v in values if v and v.strip() and v != "None"}


def leaked(document: str, values: Iterable[str], *, min_len: int = 4) -> list[str]:
    """Values that occur in a document as written, HTML-escaped, or twice escaped.

    Case is ignored; a value counts when it stands alone (not inside a longer word), so
    "S0001" is not found in "S00012". Values shorter than ``min_len`` say too little to
    look for. Tens of thousands of values are looked up in one pass over the text.
    """
    wanted = {v.casefold(): v for v in values if len(v) >= min_len}
    index: dict[str, list[str]] = {}
    for folded in sorted(wanted, key=len, reverse=True):
        index.setdefault(folded[:min_len], []).append(folded)
    found: set[str] = set()
    for text in (document, html.unescape(document), html.unescape(html.unescape(document))):
        t = text.casefold()
        for i in range(len(t) - min_len + 1):
            bucket = index.get(t[i : i + min_len])
            if not bucket:
                continue
            for v in bucket:
                end = i + len(v)
                if t.startswith(v, i) and _alone(t, i, end, v):
                    found.add(wanted[v])
    return sorted(found)


def _alone(text: str, start: int, end: int, value: str) -> bool:
    before = start == 0 or not (text[start - 1].isalnum() and value[0].isalnum())
    after = end == len(text) or not (text[end].isalnum() and value[-1].isalnum())
    return before and after


def open_offline(pg, path: Path) -> None:
    """Open a file with every other request refused (and recorded by the page)."""
    allowed = path.resolve().as_uri()
    pg.route("**/*", lambda r: r.continue_() if r.request.url == allowed else r.abort())
    pg.goto(allowed)


__all__ = ["KEY", "leaked", "open_offline", "raw_values"]
