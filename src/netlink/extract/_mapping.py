"""Mapping files: another system's tables, columns and codes onto the extract contract.

A mapping is a TOML file (docs/mapping.md)::

    version = 1
    [tables.seizures]
    source = "FAELLE"                 # the table (or file stem) in the foreign extract
    [tables.seizures.columns]
    seizure_id = "fall_nr"            # a source column
    seizure_date = { column = "datum", date_format = "%d.%m.%Y" }
    reporting_country = { value = "DE" }                       # a constant
    transport_mode = { column = "weg", values = { POST = "postal" } }  # coded values

Columns a mapping does not name are taken from a source column of the contract name
(case-insensitive) when there is one; source columns nobody maps pass through.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from netlink.contract import TABLES
from netlink.errors import MappingError

__all__ = ["ColumnMapping", "Mapping", "TableMapping", "read_mapping"]


@dataclass(frozen=True)
class ColumnMapping:
    """Where one contract column comes from."""

    column: str | None = None
    value: str | None = None
    date_format: str | None = None
    values: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class TableMapping:
    """The source of one contract table and of its columns."""

    source: str
    columns: MappingProxyType[str, ColumnMapping]


@dataclass(frozen=True)
class Mapping:
    """A parsed mapping file."""

    path: str
    sha256: str
    tables: MappingProxyType[str, TableMapping]
    description: str = ""

    def source_table(self, table: str) -> str:
        """The source name of a contract table (the contract name when unmapped)."""
        tm = self.tables.get(table)
        return tm.source if tm else table

    def columns(self, table: str) -> MappingProxyType[str, ColumnMapping]:
        tm = self.tables.get(table)
        return tm.columns if tm else MappingProxyType({})


def _fail(path: Path, where: str, expected: str) -> MappingError:
    return MappingError(f"mapping {path.name}: {where}: expected {expected}")


def _column(path: Path, where: str, spec: Any) -> ColumnMapping:
    if isinstance(spec, str):
        return ColumnMapping(column=spec)
    if not isinstance(spec, dict):
        raise _fail(path, where, "a source column name or a table {column = ..., ...}")
    unknown = set(spec) - {"column", "value", "date_format", "values"}
    if unknown:
        raise _fail(path, where, f"keys column, value, date_format, values; not {sorted(unknown)}")
    if ("column" in spec) == ("value" in spec):
        raise _fail(path, where, "exactly one of 'column' or 'value'")
    for key in ("column", "value", "date_format"):
        if key in spec and not isinstance(spec[key], str):
            raise _fail(path, f"{where}.{key}", "a string")
    values = spec.get("values", {})
    if not isinstance(values, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in values.items()
    ):
        raise _fail(path, f"{where}.values", "a table of source code = contract value strings")
    return ColumnMapping(
        column=spec.get("column"),
        value=spec.get("value"),
        date_format=spec.get("date_format"),
        # Codes match case-insensitively and ignoring surrounding space.
        values=MappingProxyType({k.strip().lower(): v for k, v in values.items()}),
    )


def read_mapping(path: str | Path) -> Mapping:
    """Read and check a mapping file.

    Parameters
    ----------
    path
        A TOML file in the format of docs/mapping.md.

    Returns
    -------
    Mapping

    Raises
    ------
    MappingError
        The file is missing, not TOML, or names a table or column the contract lacks.

    Examples
    --------
    >>> m = read_mapping("data/examples/zollfall/mapping.toml")
    >>> m.source_table("parties"), m.columns("parties")["role"].column
    ('BETEILIGTE', 'rolle')
    """
    path = Path(str(path))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise MappingError(f"mapping file {path} cannot be read: {exc.strerror}") from None
    try:
        doc = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise MappingError(f"mapping file {path.name} is not valid TOML: {exc}") from None
    if doc.get("version", 1) != 1:
        raise _fail(path, "version", "1")
    tables_doc = doc.get("tables")
    if not isinstance(tables_doc, dict) or not tables_doc:
        raise _fail(path, "[tables]", "at least one [tables.<contract table>] section")
    tables: dict[str, TableMapping] = {}
    for tname, tspec in tables_doc.items():
        if tname not in TABLES:
            raise _fail(path, f"tables.{tname}", f"a contract table ({', '.join(TABLES)})")
        if not isinstance(tspec, dict):
            raise _fail(path, f"tables.{tname}", "a table")
        source = tspec.get("source", tname)
        if not isinstance(source, str) or not source:
            raise _fail(path, f"tables.{tname}.source", "a table or file name")
        cols: dict[str, ColumnMapping] = {}
        contract_cols = TABLES[tname].column_names
        for cname, cspec in (tspec.get("columns") or {}).items():
            if cname not in contract_cols:
                raise _fail(
                    path,
                    f"tables.{tname}.columns.{cname}",
                    f"a column of {tname}: {', '.join(contract_cols)}",
                )
            cols[cname] = _column(path, f"tables.{tname}.columns.{cname}", cspec)
        tables[tname] = TableMapping(source, MappingProxyType(cols))
    return Mapping(
        path=str(path),
        sha256=hashlib.sha256(raw).hexdigest(),
        tables=MappingProxyType(tables),
        description=str(doc.get("description", "")),
    )
