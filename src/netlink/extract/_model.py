"""Value objects of the extract stage: settings, the source, and the loaded extract."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import pandas as pd

from netlink.contract import TABLE_ORDER
from netlink.errors import ParameterError

__all__ = ["Extract", "LoadSettings", "SourceInfo"]


@dataclass(frozen=True)
class LoadSettings:
    """How an extract is read and validated.

    Parameters
    ----------
    strict
        Raise on the first row that breaks the contract instead of quarantining it.
    min_date, max_date
        The accepted range of ``seizure_date``. ``max_date=None`` means the day of the
        load; the resolved value is what the case file records, so a rerun from the
        case file applies the same bound.
    mapping
        A TOML mapping file for an extract in another system's layout (docs/mapping.md).

    Examples
    --------
    >>> LoadSettings(strict=True).strict
    True
    >>> LoadSettings(min_date="2020-01-01").min_date
    datetime.date(2020, 1, 1)
    """

    strict: bool = False
    min_date: dt.date = dt.date(1990, 1, 1)
    max_date: dt.date | None = None
    mapping: Path | None = None

    def __post_init__(self) -> None:
        for name in ("min_date", "max_date"):
            value = getattr(self, name)
            if isinstance(value, str):
                try:
                    object.__setattr__(self, name, dt.date.fromisoformat(value))
                except ValueError:
                    raise ParameterError(
                        f"{name} must be a date YYYY-MM-DD, got {value!r}"
                    ) from None
        if self.mapping is not None and not isinstance(self.mapping, Path):
            object.__setattr__(self, "mapping", Path(self.mapping))

    def resolved(self, today: dt.date | None = None) -> LoadSettings:
        """Return these settings with ``max_date`` fixed (``today`` when unset)."""
        if self.max_date is not None:
            return self
        return LoadSettings(self.strict, self.min_date, today or dt.date.today(), self.mapping)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able values, as recorded in the case file."""
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            out[f.name] = v.isoformat() if isinstance(v, dt.date) else (str(v) if v else v)
        return out


@dataclass(frozen=True)
class SourceInfo:
    """Where an extract was read from.

    ``sha256`` fingerprints the input: of the file for a DuckDB extract, of the sorted
    ``name:sha256`` lines of the table files for a folder, and with the mapping file's
    hash appended when a mapping was used.
    """

    path: str
    kind: str  # "duckdb" | "parquet" | "csv" | "mixed"
    sha256: str
    tables: dict[str, str] = field(default_factory=dict)  # contract table -> source name


@dataclass(frozen=True, eq=False)
class Extract:
    """A validated, normalised extract.

    Attributes
    ----------
    seizures, parties, goods, legs
        Every loaded row, contract columns normalised, ``<column>_raw`` beside each
        normalised text column, extra columns passed through, and ``_row``: the row's
        1-based position in its source table.
    quarantine
        Every row that was not loaded: ``table_name, row_key, row_number, reason,
        column_name, detail, raw`` (the row as read, JSON).
    issues
        Field-level problems on loaded rows (a value set to NULL, an alias applied):
        ``table_name, row_key, row_number, column_name, issue, value``.
    report
        The load report: ``table_name, rows_read, rows_loaded, rows_quarantined,
        quarantined_by_reason`` (JSON); rows_read = rows_loaded + rows_quarantined.
    source
        Where the extract came from, with its hash.
    settings
        The settings used, with ``max_date`` resolved.
    """

    seizures: pd.DataFrame
    parties: pd.DataFrame
    goods: pd.DataFrame
    legs: pd.DataFrame
    quarantine: pd.DataFrame
    issues: pd.DataFrame
    report: pd.DataFrame
    source: SourceInfo
    settings: LoadSettings

    def table(self, name: str) -> pd.DataFrame:
        """Return a loaded contract table by name."""
        if name not in TABLE_ORDER:
            raise ParameterError(f"unknown table {name!r}; tables are {', '.join(TABLE_ORDER)}")
        return getattr(self, name)

    def summary(self) -> str:
        """The load report as aligned text, as ``netlink load`` prints it."""
        lines = [f"{'table':<10} {'read':>10} {'loaded':>10} {'quarantined':>12}  reasons"]
        for r in self.report.itertuples(index=False):
            lines.append(
                f"{r.table_name:<10} {r.rows_read:>10,} {r.rows_loaded:>10,} "
                f"{r.rows_quarantined:>12,}  {_reasons_text(r.quarantined_by_reason)}"
            )
        return "\n".join(lines)


def _reasons_text(reasons_json: str) -> str:
    import json

    reasons = json.loads(reasons_json)
    return ", ".join(f"{k} {v:,}" for k, v in reasons.items()) or "-"
