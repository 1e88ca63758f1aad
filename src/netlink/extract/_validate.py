"""Validate staged tables against the contract, set-based in DuckDB.

For each table, in contract order (parents first):

1. ``map_<t>``: contract columns taken from the source (by mapping or by name), with the
   value as read kept as text beside each;
2. ``chk_<t>``: values coerced and normalised (NFKC text, ISO countries, vocabularies,
   dates, numbers) and a flag for every value that failed;
3. the first failing required value, a duplicate key or a missing parent case gives the
   row its quarantine reason; every other row is loaded, with field-level problems of
   optional columns recorded as issues.

rows_read = rows_loaded + rows_quarantined holds by construction and is checked.
"""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from netlink._db import frame
from netlink.contract import (
    COUNTRIES,
    COUNTRY_ALIASES,
    TABLE_ORDER,
    TABLES,
    VOCAB_SYNONYMS,
    Column,
    Table,
)
from netlink.errors import (
    DataError,
    DuplicateIdError,
    MappingError,
    MissingColumnError,
    NetlinkError,
    OrphanRowError,
    TypeCoercionError,
)
from netlink.extract._mapping import ColumnMapping, Mapping
from netlink.extract._source import StagedSource, quote_ident, quote_literal

__all__ = ["QUARANTINE_REASONS", "register_functions", "validate_tables"]

#: Machine-readable quarantine reasons, with what was expected.
QUARANTINE_REASONS: dict[str, str] = {
    "missing_value": "a value in a required column",
    "bad_date": "a date (YYYY-MM-DD, or the mapping's date_format)",
    "date_out_of_range": "a date within the accepted range",
    "bad_country": "an ISO 3166-1 alpha-2 country code",
    "unknown_role": "a party role of the contract vocabulary",
    "bad_type": "a value of the column's contract type",
    "duplicate_id": "a unique id",
    "orphan": "a seizure_id of an existing case",
    "parent_quarantined": "a case that was loaded (its case was quarantined)",
}

# Text columns never hold 'N/A'-style placeholders as NULL here: placeholders are data the
# resolver must see (they create false links), so only empty text becomes NULL.
_CLEAN_RE = r"[\s\p{Cc}\x{200B}-\x{200D}\x{2060}\x{FEFF}]+"

# Columns whose missing value is an issue, not a reason to quarantine: a party without a
# name can still be linked by its phone or address, and the resolver reports it.
_MISSING_ALLOWED = {("parties", "name")}


def _clean(values: pa.Array) -> pa.Array:
    # NFKC folds full-width letters, ligatures and compatibility spaces; then every run
    # of whitespace, control or zero-width characters becomes one space.
    out = pc.utf8_normalize(values, "NFKC")
    out = pc.replace_substring_regex(out, _CLEAN_RE, " ")
    out = pc.utf8_trim_whitespace(out)
    return pc.if_else(pc.equal(out, ""), pa.scalar(None, pa.string()), out)


def register_functions(con: duckdb.DuckDBPyConnection) -> None:
    """Register ``nl_clean`` (NFKC + whitespace) on a work connection.

    Most values are printable ASCII with single inner spaces, which the function would
    return unchanged; one native pattern test lets only the others (non-ASCII, control
    characters, runs of spaces, spaces at an end, empty) go through Python.
    """
    con.create_function(
        "nl_clean_py", _clean, ["VARCHAR"], "VARCHAR", type="arrow", null_handling="special"
    )
    con.execute(
        "CREATE MACRO nl_clean(x) AS CASE WHEN regexp_matches(x, '[^ -~]|  |^ | $|^$') "
        "THEN nl_clean_py(x) ELSE x END"
    )


def _sql_set(values: frozenset[str] | tuple[str, ...]) -> str:
    return "(" + ", ".join(quote_literal(v) for v in sorted(values)) + ")"


def _case_map(expr: str, mapping: dict[str, str]) -> str:
    if not mapping:
        return expr
    whens = " ".join(
        f"WHEN {quote_literal(k)} THEN {quote_literal(v)}" for k, v in sorted(mapping.items())
    )
    return f"CASE lower(trim({expr})) {whens} ELSE {expr} END"


def _source_expr(
    table: Table,
    col: Column,
    cm: ColumnMapping | None,
    by_lower: dict[str, str],
    mapping: Mapping | None,
) -> str | None:
    """SQL text giving the column's value as read, or None when the source lacks it."""
    if cm is not None and cm.value is not None:
        return quote_literal(cm.value)
    src_name = cm.column if cm is not None and cm.column is not None else col.name
    actual = by_lower.get(src_name.lower())
    if actual is None:
        if cm is not None and cm.column is not None and mapping is not None:
            raise MappingError(
                f"mapping {mapping.path.rsplit('/', 1)[-1]}: tables.{table.name}.columns."
                f"{col.name} names source column '{cm.column}', which "
                f"'{mapping.source_table(table.name)}' lacks "
                f"(it has {', '.join(sorted(by_lower.values()))})"
            )
        return None
    return f"CAST({quote_ident(actual)} AS VARCHAR)"


def _build_mapped(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    staged_name: str,
    staged_cols: list[tuple[str, str]],
    mapping: Mapping | None,
) -> list[str]:
    """Create ``map_<t>``; return the pass-through column names."""
    by_lower: dict[str, str] = {}
    for name, _ in staged_cols:
        by_lower.setdefault(name.lower(), name)
    mcols = mapping.columns(table.name) if mapping else {}
    used: set[str] = set()
    select = ["rowid + 1 AS _row"]
    for col in table.columns:
        cm = mcols.get(col.name)
        expr = _source_expr(table, col, cm, by_lower, mapping)
        if expr is None:
            if col.required:
                raise MissingColumnError(table.name, col.name, expected=_expected(col))
            expr = "CAST(NULL AS VARCHAR)"
        else:
            src = cm.column if cm is not None and cm.column else col.name
            if cm is None or cm.value is None:
                used.add(by_lower[src.lower()])
        select.append(f"{expr} AS {quote_ident(col.name + '__src')}")
        mapped = _case_map(expr, dict(cm.values)) if cm is not None else expr
        select.append(f"{mapped} AS {quote_ident(col.name)}")
    reserved = {c.name for c in table.columns} | {f"{c.name}_raw" for c in table.columns}
    extras = [n for n, _ in staged_cols if n not in used and n.lower() not in reserved]
    select += [quote_ident(n) for n in extras]
    con.execute(
        f"CREATE TEMP TABLE map_{table.name} AS SELECT {', '.join(select)} FROM {staged_name}"
    )
    return extras


def _expected(col: Column, cm: ColumnMapping | None = None) -> str:
    if col.kind == "date":
        fmt = cm.date_format if cm is not None else None
        return f"a date written {fmt}" if fmt else "a date (YYYY-MM-DD)"
    if col.kind == "country":
        return "an ISO 3166-1 alpha-2 country code"
    if col.kind == "vocab":
        return "one of " + ", ".join(col.vocab)
    if col.kind == "number":
        return f"a number ({col.type})"
    return f"{col.type} text"


def _coerce_sql(
    col: Column, cm: ColumnMapping | None, dates: tuple[dt.date, dt.date]
) -> tuple[list[str], list[str], dict[str, str]]:
    """SQL for one column: first-pass items, second-pass items, flags by problem.

    The first pass calls ``nl_clean`` once per value; the second pass and the flags only
    read first-pass columns, so the Python function never runs twice on a value.
    """
    q = quote_ident(col.name)
    src = quote_ident(col.name + "__src")
    v = quote_ident(col.name + "__v")
    raw = f"{src} AS {quote_ident(col.name + '_raw')}"
    first: list[str] = [src]
    second: list[str] = []
    flags: dict[str, str] = {}
    if col.kind == "id":
        first.append(f"NULLIF(trim({q}), '') AS {q}")
        second.append(q)
        flags["missing"] = f"{q} IS NULL"
    elif col.kind == "text":
        first += [f"nl_clean({q}) AS {q}", raw]
        second += [q, quote_ident(col.name + "_raw")]
        flags["missing"] = f"{q} IS NULL"
    elif col.kind in ("country", "vocab"):
        if col.kind == "country":
            first.append(f"upper(nl_clean({q})) AS {v}")
            pairs = COUNTRY_ALIASES
            allowed = _sql_set(COUNTRIES)
        else:
            first.append(f"lower(nl_clean({q})) AS {v}")
            pairs = VOCAB_SYNONYMS.get(col.name, {})
            allowed = _sql_set(col.vocab)
        first.append(raw)
        alias = " ".join(
            f"WHEN {v} = {quote_literal(a)} THEN {quote_literal(b)}"
            for a, b in sorted(pairs.items())
        )
        norm = f"CASE WHEN {v} IN {allowed} THEN {v} {alias} ELSE NULL END"
        second += [f"{norm} AS {q}", quote_ident(col.name + "_raw")]
        flags["missing"] = f"{v} IS NULL"
        flags["bad"] = f"{v} IS NOT NULL AND ({norm}) IS NULL"
        if pairs:
            flags["alias"] = f"{v} IN {_sql_set(tuple(pairs))}"
    elif col.kind == "date":
        fmt = cm.date_format if cm is not None else None
        if fmt:
            norm = f"CAST(try_strptime(trim({q}), {quote_literal(fmt)}) AS DATE)"
        else:
            norm = (
                f"COALESCE(TRY_CAST(trim({q}) AS DATE), "
                f"CAST(TRY_CAST(trim({q}) AS TIMESTAMP) AS DATE))"
            )
        first += [f"{norm} AS {q}", raw]
        second += [q, quote_ident(col.name + "_raw")]
        lo, hi = dates
        flags["missing"] = f"NULLIF(trim({src}), '') IS NULL"
        flags["bad"] = f"NULLIF(trim({src}), '') IS NOT NULL AND {q} IS NULL"
        flags["range"] = f"{q} NOT BETWEEN DATE '{lo.isoformat()}' AND DATE '{hi.isoformat()}'"
    else:  # number
        first.append(f"TRY_CAST(trim({q}) AS {col.type}) AS {q}")
        second.append(q)
        flags["missing"] = f"NULLIF(trim({src}), '') IS NULL"
        flags["bad"] = f"NULLIF(trim({src}), '') IS NOT NULL AND {q} IS NULL"
        if not col.required:
            flags["negative"] = f"{q} < 0"
    second.append(src)
    return first, second, flags


def _row_key_sql(table: Table) -> str:
    parts = [
        f"COALESCE(NULLIF(trim(CAST({quote_ident(k)} AS VARCHAR)), ''), '?')" for k in table.key
    ]
    joined = " || '/' || ".join(parts)
    return f"CASE WHEN {' AND '.join(f'{quote_ident(k)} IS NULL' for k in table.key)} THEN 'row:' || _row ELSE {joined} END"


def validate_tables(
    con: duckdb.DuckDBPyConnection,
    staged: StagedSource,
    mapping: Mapping | None,
    *,
    strict: bool,
    dates: tuple[dt.date, dt.date],
) -> tuple[dict[str, pd.DataFrame], pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Validate every staged table; return (loaded tables, quarantine, issues, report)."""
    con.execute(
        "CREATE TEMP TABLE quarantine (table_name VARCHAR, row_key VARCHAR, row_number BIGINT, "
        "reason VARCHAR, column_name VARCHAR, detail VARCHAR, raw VARCHAR)"
    )
    con.execute(
        "CREATE TEMP TABLE issues (table_name VARCHAR, row_key VARCHAR, row_number BIGINT, "
        "column_name VARCHAR, issue VARCHAR, value VARCHAR)"
    )
    loaded: dict[str, pd.DataFrame] = {}
    report_rows = []
    for tname in TABLE_ORDER:
        table = TABLES[tname]
        staged_name = staged.staged[tname]
        if staged_name is None:
            con.execute(
                f"CREATE TEMP TABLE ok_{tname} AS SELECT "
                + ", ".join(
                    [f"CAST(NULL AS {c.type}) AS {quote_ident(c.name)}" for c in table.columns]
                    + ["CAST(NULL AS BIGINT) AS _row"]
                )
                + " WHERE false"
            )
            loaded[tname] = con.execute(f"SELECT * FROM ok_{tname}").df()
            report_rows.append((tname, 0, 0, 0, "{}"))
            continue
        extras = _build_mapped(con, table, staged_name, staged.columns[staged_name], mapping)
        loaded[tname], report = _validate_one(con, table, mapping, extras, dates, strict)
        report_rows.append(report)
    quarantine = con.execute(
        "SELECT * FROM quarantine ORDER BY " + _table_order_sql("table_name") + ", row_number"
    ).df()
    issues = con.execute(
        "SELECT * FROM issues ORDER BY "
        + _table_order_sql("table_name")
        + ", row_number, column_name"
    ).df()
    report_df = pd.DataFrame(
        report_rows,
        columns=[
            "table_name",
            "rows_read",
            "rows_loaded",
            "rows_quarantined",
            "quarantined_by_reason",
        ],
    )
    return loaded, quarantine, issues, report_df


def _table_order_sql(col: str) -> str:
    whens = " ".join(f"WHEN {quote_literal(t)} THEN {i}" for i, t in enumerate(TABLE_ORDER))
    return f"CASE {col} {whens} END"


def _validate_one(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    mapping: Mapping | None,
    extras: list[str],
    dates: tuple[dt.date, dt.date],
    strict: bool,
) -> tuple[pd.DataFrame, tuple[str, int, int, int, str]]:
    t = table.name
    mcols = mapping.columns(t) if mapping else {}
    first: list[str] = ["_row"]
    second: list[str] = ["_row"]
    flag_items: list[str] = []
    flags_by_col: dict[str, dict[str, str]] = {}
    for col in table.columns:
        col_first, col_second, flags = _coerce_sql(col, mcols.get(col.name), dates)
        first += col_first
        second += col_second
        flags_by_col[col.name] = flags
        for fname, fexpr in flags.items():
            flag_items.append(f"COALESCE({fexpr}, false) AS {quote_ident(f'{col.name}__{fname}')}")
    first += [quote_ident(e) for e in extras]
    second += [quote_ident(e) for e in extras]
    con.execute(
        f"CREATE TEMP TABLE chk_{t} AS WITH co AS (SELECT {', '.join(first)} FROM map_{t}) "
        f"SELECT {', '.join(second + flag_items)} FROM co"
    )

    _check_wrong_types(con, table, flags_by_col)

    # First failing required value, in column order, gives the row its reason.
    whens = []
    for col in table.columns:
        if not col.required:
            continue
        f = flags_by_col[col.name]
        src = quote_ident(col.name + "__src")
        exp = quote_literal(_expected(col, mcols.get(col.name)))
        if (t, col.name) not in _MISSING_ALLOWED:
            whens.append(
                (
                    f"{col.name}__missing",
                    "missing_value",
                    col.name,
                    f"'expected ' || {exp} || ', found nothing'",
                )
            )
        if "bad" in f:
            reason = {"date": "bad_date", "country": "bad_country", "number": "bad_type"}.get(
                col.kind, "unknown_role" if col.name == "role" else "bad_type"
            )
            whens.append(
                (
                    f"{col.name}__bad",
                    reason,
                    col.name,
                    f"'expected ' || {exp} || ', found ' || {src}",
                )
            )
        if "range" in f:
            lo, hi = dates
            whens.append(
                (
                    f"{col.name}__range",
                    "date_out_of_range",
                    col.name,
                    f"'expected a date from {lo.isoformat()} to {hi.isoformat()}, found ' || {src}",
                )
            )
    case_reason = " ".join(
        f"WHEN {quote_ident(fl)} THEN {quote_literal(r)}" for fl, r, _, _ in whens
    )
    case_col = " ".join(f"WHEN {quote_ident(fl)} THEN {quote_literal(c)}" for fl, _, c, _ in whens)
    case_detail = " ".join(f"WHEN {quote_ident(fl)} THEN {d}" for fl, _, _, d in whens)
    key_cols = ", ".join(quote_ident(k) for k in table.key)
    row_key = _row_key_sql(table)
    con.execute(
        f"""CREATE TEMP TABLE rsn_{t} AS
        WITH r AS (
            SELECT _row, {key_cols}, {row_key} AS row_key,
                   CASE {case_reason} END AS reason,
                   CASE {case_col} END AS column_name,
                   CASE {case_detail} END AS detail
            FROM chk_{t}
        ), d AS (
            SELECT _row, min(_row) OVER (PARTITION BY {key_cols}) AS first_row
            FROM r WHERE reason IS NULL
        )
        SELECT r._row, r.row_key,
               COALESCE(r.reason, CASE WHEN d.first_row < r._row THEN 'duplicate_id' END) AS reason,
               COALESCE(r.column_name, CASE WHEN d.first_row < r._row THEN {quote_literal(table.key[-1])} END) AS column_name,
               COALESCE(r.detail, CASE WHEN d.first_row < r._row
                   THEN 'expected a unique id, found the id of row ' || d.first_row END) AS detail
        FROM r LEFT JOIN d USING (_row)"""
    )
    if table.parent is not None:
        con.execute(
            f"""UPDATE rsn_{t} SET
                reason = CASE WHEN EXISTS (SELECT 1 FROM quarantine q WHERE q.table_name = {quote_literal(table.parent)}
                                              AND q.row_key = c.seizure_id)
                              THEN 'parent_quarantined' ELSE 'orphan' END,
                column_name = 'seizure_id',
                detail = 'expected a seizure_id of an existing case, found ' || c.seizure_id
            FROM chk_{t} c
            WHERE rsn_{t}._row = c._row AND rsn_{t}.reason IS NULL
              AND c.seizure_id NOT IN (SELECT seizure_id FROM ok_{table.parent})"""
        )
    con.execute(
        f"""INSERT INTO quarantine
        SELECT {quote_literal(t)}, r.row_key, r._row, r.reason, r.column_name, r.detail, to_json(s)::VARCHAR
        FROM rsn_{t} r JOIN raw_{t} s ON s.rowid + 1 = r._row
        WHERE r.reason IS NOT NULL ORDER BY r._row"""
    )
    if strict:
        _raise_first(con, table)

    keep = [c.name for c in table.columns]
    raw_cols = [
        f"{c.name}_raw" for c in table.columns if c.kind in ("text", "country", "vocab", "date")
    ]
    out_cols = [*keep, "_row", *raw_cols, *extras]
    con.execute(
        f"""CREATE TEMP TABLE ok_{t} AS SELECT {", ".join(quote_ident(c) for c in out_cols)}
        FROM chk_{t} JOIN rsn_{t} USING (_row) WHERE rsn_{t}.reason IS NULL ORDER BY _row"""
    )
    _record_issues(con, table, flags_by_col)

    n_read = con.execute(f"SELECT count(*) FROM chk_{t}").fetchall()[0][0]
    n_ok = con.execute(f"SELECT count(*) FROM ok_{t}").fetchall()[0][0]
    by_reason = dict(
        con.execute(
            "SELECT reason, count(*) FROM quarantine WHERE table_name = ? GROUP BY reason ORDER BY reason",
            [t],
        ).fetchall()
    )
    n_q = sum(by_reason.values())
    if n_read != n_ok + n_q:  # the accounting invariant; a failure here is a netlink bug
        raise NetlinkError(f"table '{t}': read {n_read} rows but loaded {n_ok} + quarantined {n_q}")
    df = frame(con, f"SELECT * FROM ok_{t}")
    # The work tables of this table are done with; dropping them now keeps peak memory
    # at about one table's worth (ok_seizures stays: children check their case in it).
    for name in (f"raw_{t}", f"map_{t}", f"chk_{t}", f"rsn_{t}"):
        con.execute(f"DROP TABLE {name}")
    if table.parent is not None:
        con.execute(f"DROP TABLE ok_{t}")
    return df, (t, n_read, n_ok, n_q, json.dumps(by_reason, sort_keys=True))


def _check_wrong_types(
    con: duckdb.DuckDBPyConnection, table: Table, flags_by_col: dict[str, dict[str, str]]
) -> None:
    """A typed column where every value fails is the wrong type, not bad rows."""
    typed = [c for c in table.columns if c.kind in ("date", "number")]
    if not typed:
        return
    sel = []
    for c in typed:
        sel.append(f"count(*) FILTER (WHERE NOT {quote_ident(c.name + '__missing')})")
        sel.append(f"count(*) FILTER (WHERE {quote_ident(c.name + '__bad')})")
        sel.append(
            f"min({quote_ident(c.name + '__src')}) FILTER (WHERE {quote_ident(c.name + '__bad')})"
        )
        sel.append(f"min(_row) FILTER (WHERE {quote_ident(c.name + '__bad')})")
    row = con.execute(f"SELECT {', '.join(sel)} FROM chk_{table.name}").fetchall()[0]
    for i, c in enumerate(typed):
        present, bad, example, first_row = row[4 * i : 4 * i + 4]
        if present and bad == present:
            raise TypeCoercionError(
                table.name,
                c.name,
                first_row,
                expected=_expected(c),
                found=f"{example!r} (no value of the column can be read so)",
                hint=(
                    "Give the column in the contract type, or map it (date_format for a "
                    "date written as text) with --mapping FILE."
                ),
            )


def _raise_first(con: duckdb.DuckDBPyConnection, table: Table) -> None:
    rows = con.execute(
        "SELECT row_key, row_number, reason, column_name, detail FROM quarantine "
        "WHERE table_name = ? ORDER BY row_number",
        [table.name],
    ).df()
    if rows.empty:
        return
    first = rows.iloc[0]
    same = rows[rows["reason"] == first["reason"]]
    key_name = "/".join(table.key)
    where = f"{first['row_number']} ({key_name} {first['row_key']!r})"
    expected = QUARANTINE_REASONS[first["reason"]]
    found = str(first["detail"]).split(", found ", 1)[-1] if first["detail"] else None
    cls: type[DataError] = {
        "duplicate_id": DuplicateIdError,
        "orphan": OrphanRowError,
        "parent_quarantined": OrphanRowError,
        "bad_date": TypeCoercionError,
        "bad_type": TypeCoercionError,
    }.get(first["reason"], DataError)
    hints = {
        DuplicateIdError: "Make the id unique in the extract, or load without --strict to keep the first row.",
        OrphanRowError: "Add the missing case to seizures, or load without --strict to quarantine the row.",
    }
    raise cls(
        table.name,
        first["column_name"],
        where,
        expected=expected,
        found=found,
        failures=same,
        hint=hints.get(cls),
    )


def _record_issues(
    con: duckdb.DuckDBPyConnection, table: Table, flags_by_col: dict[str, dict[str, str]]
) -> None:
    t = table.name
    row_key = _row_key_sql(table)
    selects = []
    for col in table.columns:
        f = flags_by_col[col.name]
        src = quote_ident(col.name + "__src")
        checks: list[tuple[str, str]] = []
        if col.required:
            if (t, col.name) in _MISSING_ALLOWED:
                checks.append(("missing", "missing_value"))
        else:
            checks += [
                ("bad", "bad_country" if col.kind == "country" else "bad_value"),
                ("negative", "negative_value"),
            ]
        if "alias" in f:
            checks.append(("alias", "country_alias" if col.kind == "country" else "synonym"))
        for fname, issue in checks:
            if fname not in f:
                continue
            selects.append(
                f"SELECT {quote_literal(t)}, {row_key}, _row, {quote_literal(col.name)}, "
                f"{quote_literal(issue)}, {src} FROM chk_{t} JOIN rsn_{t} USING (_row) "
                f"WHERE rsn_{t}.reason IS NULL AND {quote_ident(col.name + '__' + fname)}"
            )
    if selects:
        con.execute("INSERT INTO issues " + " UNION ALL ".join(selects))
    # A negative count or value cannot be right; it stays visible as an issue, not in sums.
    for col in table.columns:
        if "negative" in flags_by_col[col.name]:
            con.execute(
                f"UPDATE ok_{t} SET {quote_ident(col.name)} = NULL WHERE {quote_ident(col.name)} < 0"
            )
