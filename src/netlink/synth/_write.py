"""Write tables deterministically: a DuckDB file, or a folder of Parquet or CSV files.

Columns are cast to the contract's types first (netlink.contract.TABLES), so every format
carries the same schema; Parquet and CSV files are byte-identical for the same tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import closing
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from netlink._db import connect
from netlink.contract import TABLES

_ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "DATE": pa.date32(),
    "DOUBLE": pa.float64(),
    "BIGINT": pa.int64(),
    "INTEGER": pa.int32(),
}
_PARQUET_ROW_GROUP = 250_000
# DuckDB keeps written blocks in its buffer pool until the file closes; a cap makes it
# spill them to the file instead, which bounds the generator's peak memory.
_DUCKDB_MEMORY = "512MB"
#: DuckDB block size for small files: 16 KiB instead of 256 KiB keeps the bundled sample
#: small; large files keep the default, which DuckDB writes several times faster.
SMALL_BLOCK = 16_384


def contract_table(name: str, table: pa.Table) -> pa.Table:
    """``table`` with exactly the contract columns of ``name``, in order, typed."""
    spec = TABLES[name]
    schema = pa.schema([pa.field(c.name, _ARROW_TYPES[c.type]) for c in spec.columns])
    return table.select(list(spec.column_names)).cast(schema)


def _duckdb_type(t: pa.DataType) -> str:
    for name, arrow in _ARROW_TYPES.items():
        if t == arrow:
            return name
    if t == pa.bool_():
        return "BOOLEAN"
    raise TypeError(f"no DuckDB type for {t}")


class TableWriter:
    """Writes named tables to one DuckDB file or one folder, each from one or more chunks.

    Chunks are appended in the order given, so a table written in fixed-size chunks is
    the same table, row for row, and the same file bytes for Parquet and CSV.
    """

    def __init__(self, target: Path, fmt: str, *, small: bool = False) -> None:
        self.target = target
        self.fmt = fmt
        self._con: duckdb.DuckDBPyConnection | None = None
        if fmt == "duckdb":
            target.parent.mkdir(parents=True, exist_ok=True)
            for stale in (target, target.with_name(target.name + ".wal")):
                stale.unlink(missing_ok=True)  # a rerun replaces the world it wrote before
            config: dict[str, str | bool | int | float | list[str]] = {
                "memory_limit": _DUCKDB_MEMORY
            }
            if small:
                config["default_block_size"] = str(SMALL_BLOCK)
            self._con = connect(str(target), config=config)
        else:
            target.mkdir(parents=True, exist_ok=True)

    def write(self, name: str, chunks: pa.Table | Iterable[pa.Table]) -> int:
        """Write table ``name`` from ``chunks`` (a table or tables of one schema); return
        the number of rows written."""
        if isinstance(chunks, pa.Table):
            chunks = [chunks]
        rows = 0
        sink: pq.ParquetWriter | pacsv.CSVWriter | None = None
        try:
            for chunk in chunks:
                if self._con is not None:
                    if rows == 0 and not self._exists(name):
                        cols = ", ".join(f'"{f.name}" {_duckdb_type(f.type)}' for f in chunk.schema)
                        self._con.execute(f'CREATE TABLE "{name}" ({cols})')
                    self._con.register("_synth_chunk", chunk)
                    self._con.execute(f'INSERT INTO "{name}" SELECT * FROM _synth_chunk')
                    self._con.unregister("_synth_chunk")
                else:
                    if sink is None:
                        sink = self._sink(name, chunk.schema)
                    if isinstance(sink, pq.ParquetWriter):
                        sink.write_table(chunk, row_group_size=_PARQUET_ROW_GROUP)
                    else:
                        sink.write_table(chunk)
                rows += chunk.num_rows
        finally:
            if sink is not None:
                sink.close()
        return rows

    def _exists(self, name: str) -> bool:
        assert self._con is not None
        found = self._con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
        ).fetchone()
        return bool(found and found[0])

    def _sink(self, name: str, schema: pa.Schema) -> pq.ParquetWriter | pacsv.CSVWriter:
        if self.fmt == "parquet":
            return pq.ParquetWriter(
                self.target / f"{name}.parquet", schema, compression="zstd", write_statistics=True
            )
        return pacsv.CSVWriter(self.target / f"{name}.csv", schema)

    def close(self) -> None:
        if self._con is not None:
            with closing(self._con) as con:
                con.execute("CHECKPOINT")
            self._con = None

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
