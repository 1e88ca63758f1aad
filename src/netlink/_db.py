"""DuckDB connections as netlink opens them.

Examples
--------
>>> con = connect()
>>> con.execute("SELECT 42").fetchall()
[(42,)]
>>> con.close()
"""

from __future__ import annotations

import contextlib
from typing import Any

import duckdb

__all__ = ["connect"]


def connect(
    database: str = ":memory:", *, read_only: bool = False, config: dict[str, Any] | None = None
) -> duckdb.DuckDBPyConnection:
    """Open a connection with DuckDB's own progress bar off (netlink shows its own).

    Inside a Jupyter kernel without ipywidgets DuckDB refuses to change that setting,
    and draws no bar there anyway, so the refusal is ignored.
    """
    con = duckdb.connect(database, read_only=read_only, config=config or {})
    with contextlib.suppress(duckdb.InvalidInputException):
        con.execute("SET enable_progress_bar = false")
    return con
