"""Find an extract's tables on disk and stage them, untouched, in a work database.

A DuckDB extract is attached READ_ONLY; table files are read with DuckDB's readers. Each
contract table is copied into ``raw_<table>`` of an in-memory work connection with
``_row``, its 1-based position in the source, so every later message can name the row.
Nothing here ever writes to the source.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from netlink.contract import TABLE_ORDER, TABLES
from netlink.errors import ExtractNotFoundError, MissingTableError, NotAnExtractError
from netlink.extract._mapping import Mapping

__all__ = ["StagedSource", "file_sha256", "quote_ident", "quote_literal", "stage_source"]

_DUCKDB_MAGIC = b"DUCK"
_TABLE_SUFFIXES = {".parquet": "parquet", ".csv": "csv", ".tsv": "csv", ".gz": "csv"}


def quote_ident(name: str) -> str:
    """Quote an SQL identifier (a table or column name from a file or mapping)."""
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    """Quote an SQL string literal from configuration (never used for extract data)."""
    return "'" + value.replace("'", "''") + "'"


def file_sha256(path: Path) -> str:
    """Hash a file in 1 MiB blocks."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def is_duckdb_file(path: Path) -> bool:
    """True when the file carries DuckDB's storage header."""
    try:
        with path.open("rb") as f:
            head = f.read(12)
    except OSError:
        return False
    return head[8:12] == _DUCKDB_MAGIC


@dataclass(frozen=True)
class StagedSource:
    """The staged tables: contract name -> staged name, or None for an absent optional table."""

    kind: str
    sha256: str
    staged: dict[str, str | None]
    source_names: dict[str, str]
    columns: dict[str, list[tuple[str, str]]]  # staged table -> [(column, duckdb type)]


def _table_files(folder: Path) -> dict[str, tuple[Path, str]]:
    """Table files of a folder by lower-case stem (``Parties.CSV`` -> ``parties``)."""
    found: dict[str, tuple[Path, str]] = {}
    for p in sorted(folder.iterdir()):
        if not p.is_file():
            continue
        name = p.name.lower()
        for suffix in (".parquet", ".csv.gz", ".csv", ".tsv"):
            if name.endswith(suffix):
                kind = {".parquet": "parquet", ".tsv": "tsv"}.get(suffix, "csv")
                found.setdefault(name[: -len(suffix)], (p, kind))
                break
    return found


def stage_source(
    con: duckdb.DuckDBPyConnection, path: Path, mapping: Mapping | None
) -> StagedSource:
    """Stage the contract tables of the extract at ``path`` into ``con``.

    Raises
    ------
    ExtractNotFoundError
        The path does not exist.
    NotAnExtractError
        The path is neither a DuckDB database nor a folder of table files.
    MissingTableError
        A required table is absent.
    """
    if not path.exists():
        raise ExtractNotFoundError(f"no extract at {path}")
    wanted = {t: (mapping.source_table(t) if mapping else t) for t in TABLE_ORDER}
    readers: dict[str, str] = {}  # contract table -> SQL relation to copy from
    source_names: dict[str, str] = {}
    if path.is_dir():
        files = _table_files(path)
        if not files:
            raise NotAnExtractError(f"{path} is a folder with no .parquet or .csv table files")
        kinds = set()
        digest = hashlib.sha256()
        for _, (p, _kind) in sorted(files.items()):
            digest.update(f"{p.name}:{file_sha256(p)}\n".encode())
        for table, src in wanted.items():
            hit = files.get(src.lower())
            if hit is None:
                continue
            p, kind = hit
            kinds.add("csv" if kind == "tsv" else kind)
            lit = quote_literal(str(p))
            if kind == "parquet":
                readers[table] = f"read_parquet({lit})"
            else:
                readers[table] = _csv_reader(p, "\t" if kind == "tsv" else ",")
            source_names[table] = p.name
        kind = kinds.pop() if len(kinds) == 1 else ("mixed" if kinds else "csv")
        sha = digest.hexdigest()
        available = sorted(files)
    else:
        if not is_duckdb_file(path):
            suffix = path.suffix.lower()
            if suffix in _TABLE_SUFFIXES:
                raise NotAnExtractError(
                    f"{path} is a single {_TABLE_SUFFIXES[suffix]} file, not an extract",
                    hint="Put seizures, parties, goods and legs files in one folder and give the folder.",
                )
            raise NotAnExtractError(f"{path} is not a DuckDB database")
        kind = "duckdb"
        sha = file_sha256(path)
        try:
            con.execute(f"ATTACH {quote_literal(str(path))} AS src (READ_ONLY)")
        except duckdb.Error as exc:
            raise NotAnExtractError(
                f"{path} could not be opened as DuckDB: {_csv_problem(exc)}"
            ) from None
        names = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_catalog = 'src' ORDER BY table_schema = 'main' DESC, table_name"
            ).fetchall()
        ]
        by_lower: dict[str, str] = {}
        for n in names:
            by_lower.setdefault(n.lower(), n)
        for table, src in wanted.items():
            hit = by_lower.get(src.lower())
            if hit is not None:
                readers[table] = f"src.{quote_ident(hit)}"
                source_names[table] = hit
        available = names
    if mapping is not None:
        sha = hashlib.sha256(f"{sha}\nmapping:{mapping.sha256}".encode()).hexdigest()

    staged: dict[str, str | None] = {}
    columns: dict[str, list[tuple[str, str]]] = {}
    for table in TABLE_ORDER:
        if table not in readers:
            if TABLES[table].required:
                raise MissingTableError(wanted[table], available=list(available))
            staged[table] = None
            continue
        name = f"raw_{table}"
        try:
            # A plain copy keeps the source order; rowid then numbers the rows.
            con.execute(f"CREATE TEMP TABLE {name} AS SELECT * FROM {readers[table]}")
        except duckdb.Error as exc:
            raise NotAnExtractError(
                f"table '{table}' ({source_names[table]}) could not be read: {_csv_problem(exc)}",
                hint="Quote fields that hold the delimiter, and give every row the header's "
                "number of fields.",
            ) from None
        staged[table] = name
        columns[name] = [(r[0], r[1]) for r in con.execute(f"DESCRIBE {name}").fetchall()]
    return StagedSource(kind, sha, staged, source_names, columns)


def _csv_reader(path: Path, delim: str) -> str:
    """A ``read_csv`` call with the dialect and columns fixed, every column as text.

    Text, so that one bad cell never fails the whole file (the validator coerces and
    quarantines row by row). Fixed, not sniffed: DuckDB's sniffer may take a ragged row
    for the header and skip the rows above it; with the header read here and
    ``strict_mode``, a ragged row is an error naming its line.
    """
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8-sig", newline="") as f:
            header = next(csv.reader(f, delimiter=delim), [])
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise NotAnExtractError(f"{path.name} cannot be read as UTF-8 CSV: {exc}") from None
    if not header:
        raise NotAnExtractError(f"{path.name} is empty; a table file needs a header line")
    columns = "{" + ", ".join(f"{quote_literal(h)}: 'VARCHAR'" for h in header) + "}"
    return (
        f"read_csv({quote_literal(str(path))}, columns={columns}, auto_detect=false, "
        f"header=true, delim={quote_literal(delim)}, quote='\"', escape='\"', strict_mode=true)"
    )


def _csv_problem(exc: BaseException) -> str:
    """The lines of a DuckDB read error that say where and what (not its option advice)."""
    lines = [ln.strip().removeprefix("Invalid Input Error: ") for ln in str(exc).splitlines()]
    lines = [ln for ln in lines if ln]
    keep = [ln for ln in lines if ln.startswith(("CSV Error", "Expected Number", "Original Line"))]
    return "; ".join(keep or lines[:1]) or type(exc).__name__
