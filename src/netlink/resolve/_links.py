"""The analyst's must-link / cannot-link file.

A CSV file with a header line ``decision,record_id_a,record_id_b,note``; ``decision`` is
``must_link`` (these two party records are one party) or ``cannot_link`` (they are not).
It is applied on every run and recorded in the case file's ``analyst_links`` table with
what became of each line, so a decision never silently stops applying.

Examples
--------
>>> import io
>>> links = read_links(io.StringIO("decision,record_id_a,record_id_b,note\\nmust_link,R1,R7,same USCC\\n"))
>>> links[["decision", "record_id_a", "record_id_b"]].values.tolist()
[['must_link', 'R1', 'R7']]
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import IO

import pandas as pd

from netlink.errors import ParameterError

__all__ = ["LINK_COLUMNS", "append_link", "read_links"]

LINK_COLUMNS = ("decision", "record_id_a", "record_id_b", "note")
DECISIONS = ("must_link", "cannot_link")


def read_links(source: str | Path | IO[str] | None) -> pd.DataFrame:
    """Read a links file; an absent path gives an empty table.

    Raises
    ------
    ParameterError
        The header lacks a column, a decision is unknown or a record id is empty; the
        message names the line.
    """
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in LINK_COLUMNS})
    if source is None:
        return empty
    if isinstance(source, str | Path):
        path = Path(source)
        if not path.exists():
            return empty
        text = path.read_text(encoding="utf-8-sig")
        name = path.name
    else:
        text = source.read()
        name = "links"
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in LINK_COLUMNS[:3] if c not in (reader.fieldnames or [])]
    if missing:
        raise ParameterError(
            f"{name}: the header must have columns {', '.join(LINK_COLUMNS)}; missing {missing}"
        )
    rows = []
    for line_no, row in enumerate(reader, start=2):
        decision = (row.get("decision") or "").strip().lower()
        a = (row.get("record_id_a") or "").strip()
        b = (row.get("record_id_b") or "").strip()
        if decision not in DECISIONS:
            raise ParameterError(
                f"{name} line {line_no}: decision must be must_link or cannot_link, got {decision!r}"
            )
        if not a or not b or a == b:
            raise ParameterError(f"{name} line {line_no}: expected two different record ids")
        rows.append((decision, a, b, (row.get("note") or "").strip()))
    return pd.DataFrame(rows, columns=list(LINK_COLUMNS)) if rows else empty


def append_link(
    path: str | Path, decision: str, record_id_a: str, record_id_b: str, note: str = ""
) -> None:
    """Add one decision to a links file (created with its header when absent).

    This is what the review notebook calls when the analyst accepts or rejects a merge.
    """
    if decision not in DECISIONS:
        raise ParameterError(f"decision must be must_link or cannot_link, got {decision!r}")
    path = Path(path)
    new = not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        if new:
            w.writerow(LINK_COLUMNS)
        w.writerow([decision, record_id_a, record_id_b, note])
