"""The errors a netlink user can act on.

Every error netlink raises on purpose derives from :class:`NetlinkError`, and also from
the built-in exception it refines (``FileNotFoundError``, ``ValueError``, ``KeyError``),
so callers can catch either. Each carries a ``hint``: the one-line fix the command line
prints instead of a traceback.

Examples
--------
>>> from netlink.errors import MissingColumnError, NetlinkError
>>> err = MissingColumnError("parties", "role", expected="one of consignor, consignee, ...")
>>> isinstance(err, NetlinkError) and isinstance(err, ValueError)
True
>>> print(err)
table 'parties': required column 'role' is missing (expected one of consignor, consignee, ...)
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "CaseFileError",
    "DataError",
    "DuplicateIdError",
    "ExtractNotFoundError",
    "MappingError",
    "MissingColumnError",
    "MissingTableError",
    "NetlinkError",
    "NotAnExtractError",
    "OrphanRowError",
    "ParameterError",
    "ProvenanceError",
    "TypeCoercionError",
    "UnknownEntityError",
]


class NetlinkError(Exception):
    """Root of every error netlink raises on purpose.

    Parameters
    ----------
    message
        What went wrong, in one sentence.
    hint
        What the user can do about it; printed by the command line under the message.
    """

    default_hint = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint if hint is not None else self.default_hint


class ParameterError(NetlinkError, ValueError):
    """A parameter or setting has a value netlink cannot use."""

    default_hint = "Check the value against `netlink COMMAND --help`."


class ExtractNotFoundError(NetlinkError, FileNotFoundError):
    """The extract path does not exist."""

    default_hint = "Check the path; an extract is a .duckdb file or a folder of .parquet/.csv."


class NotAnExtractError(NetlinkError, ValueError):
    """The path exists but is not a DuckDB database or a folder of table files."""

    default_hint = (
        "Give a DuckDB database file, or a folder holding seizures, parties, goods and "
        "legs as .parquet or .csv files (or a mapping file for another layout)."
    )


class MappingError(NetlinkError, ValueError):
    """A mapping file for a foreign extract is malformed or does not fit the extract."""

    default_hint = (
        "Compare the mapping file with docs/mapping.md and data/examples/zollfall/mapping.toml."
    )


class CaseFileError(NetlinkError, ValueError):
    """A case file is missing, not a case file, or from an incompatible version."""

    default_hint = "Re-run `netlink analyze EXTRACT --out CASE.duckdb` to write a fresh case file."


class ProvenanceError(NetlinkError, ValueError):
    """A graph edge or a result would lose track of the source records behind it."""

    default_hint = "This is a netlink bug; please report it with the command you ran."


class UnknownEntityError(NetlinkError, KeyError):
    """An entity, network or node asked for does not exist."""

    default_hint = (
        "The ids in use are in the case file's networks and nodes tables; "
        "netlink.lab.open(case).find(text) searches them by name."
    )

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


class DataError(NetlinkError, ValueError):
    """Input data breaks the extract contract.

    Names the table, column and row (when known) and what was expected; ``failures``
    holds the failing rows as a table when there is more than one.
    """

    default_hint = "Fix the extract, or load without --strict to quarantine the rows."

    def __init__(
        self,
        table: str,
        column: str | None = None,
        row: Any = None,
        *,
        expected: str,
        found: str | None = None,
        failures: Any = None,
        hint: str | None = None,
    ) -> None:
        self.table = table
        self.column = column
        self.row = row
        self.expected = expected
        self.found = found
        self.failures = failures
        super().__init__(self._compose(), hint=hint)

    def _compose(self) -> str:
        where = f"table '{self.table}'"
        if self.column is not None:
            where += f", column '{self.column}'"
        if self.row is not None:
            where += f", row {self.row}"
        msg = f"{where}: expected {self.expected}"
        if self.found is not None:
            msg += f", found {self.found}"
        if self.failures is not None and len(self.failures) > 1:
            msg += f" ({len(self.failures)} rows fail)"
        return msg


class MissingTableError(DataError):
    """A required table is absent from the extract."""

    default_hint = "The extract needs tables seizures and parties (goods and legs may be empty)."

    def __init__(self, table: str, *, available: list[str] | None = None) -> None:
        found = ", ".join(sorted(available)) if available else "no tables"
        super().__init__(table, expected="the table to exist", found=found)

    def _compose(self) -> str:
        return f"table '{self.table}' is missing (tables found: {self.found})"


class MissingColumnError(DataError):
    """A required column is absent from a table."""

    default_hint = "Rename the column in the extract, or map it with --mapping FILE."

    def __init__(self, table: str, column: str, *, expected: str = "the column to exist") -> None:
        super().__init__(table, column, expected=expected)

    def _compose(self) -> str:
        return (
            f"table '{self.table}': required column '{self.column}' is missing "
            f"(expected {self.expected})"
        )


class TypeCoercionError(DataError):
    """Values cannot be read as the column's contract type."""


class DuplicateIdError(DataError):
    """An id that must be unique occurs more than once."""


class OrphanRowError(DataError):
    """A row refers to a case that does not exist."""
