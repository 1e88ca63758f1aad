"""Generated malformed tables thrown at the loader.

Whatever the tables hold, a load either accounts for every row (each row loaded or
quarantined exactly once, with a documented reason) or raises a documented NetlinkError;
never any other exception.
"""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from netlink.contract import ROLES, TABLE_ORDER, TABLES
from netlink.errors import (
    MissingColumnError,
    MissingTableError,
    NotAnExtractError,
    TypeCoercionError,
)
from netlink.extract import QUARANTINE_REASONS, load_extract

from ..conftest import TODAY, write_extract

DOCUMENTED = (MissingColumnError, MissingTableError, NotAnExtractError, TypeCoercionError)

text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12
)
maybe = lambda s: st.one_of(st.none(), s)  # noqa: E731
ids = maybe(st.sampled_from(["S1", "S2", "S3", " S1 ", "", "S9"]))
dates = maybe(
    st.one_of(
        st.dates().map(lambda d: d.isoformat()),
        st.sampled_from(["2024-02-31", "yesterday", "01.02.2024", "2024-01-05 10:00:00"]),
        text,
    )
)
countries = maybe(st.one_of(st.sampled_from(["DE", "cn", "UK", "XX", "Germany", " hk "]), text))
roles = maybe(st.one_of(st.sampled_from([*ROLES, "Shipper", "BOSS", "Consignee "]), text))
numbers = maybe(
    st.one_of(st.integers(-5, 10**6).map(str), st.sampled_from(["1.5", "many", "1e3"]), text)
)


def column(strategy, n):
    return st.lists(strategy, min_size=n, max_size=n)


@st.composite
def extracts(draw):
    n_s, n_p, n_g, n_l = (draw(st.integers(0, 6)) for _ in range(4))
    tables = {
        "seizures": pd.DataFrame(
            {
                "seizure_id": draw(column(ids, n_s)),
                "seizure_date": draw(column(dates, n_s)),
                "reporting_country": draw(column(countries, n_s)),
                "items": draw(column(numbers, n_s)),
                "transport_mode": draw(column(maybe(text), n_s)),
            },
            dtype=object,
        ),
        "parties": pd.DataFrame(
            {
                "record_id": draw(
                    column(maybe(st.sampled_from(["R1", "R2", "R3", "R4", ""])), n_p)
                ),
                "seizure_id": draw(column(ids, n_p)),
                "role": draw(column(roles, n_p)),
                "name": draw(column(maybe(text), n_p)),
                "country": draw(column(countries, n_p)),
            },
            dtype=object,
        ),
        "goods": pd.DataFrame(
            {"seizure_id": draw(column(ids, n_g)), "line_no": draw(column(numbers, n_g))},
            dtype=object,
        ),
        "legs": pd.DataFrame(
            {"seizure_id": draw(column(ids, n_l)), "seq": draw(column(numbers, n_l))},
            dtype=object,
        ),
    }
    # Sometimes a table or a required column is missing altogether.
    if draw(st.integers(0, 9)) == 0:
        victim = draw(st.sampled_from(TABLE_ORDER))
        if draw(st.booleans()):
            tables.pop(victim)
        else:
            col = draw(st.sampled_from(TABLES[victim].required_columns))
            tables[victim] = tables[victim].drop(columns=[col])
    # Columns of all-NULL object type cannot be typed by DuckDB: make them text.
    for name, df in tables.items():
        tables[name] = df.astype("string") if len(df) else df.astype(str)
    return tables, draw(st.sampled_from(["duckdb", "csv", "parquet"]))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=extracts())
def test_loader_accounts_for_every_row_or_raises_a_documented_error(case, tmp_path_factory):
    tables, fmt = case
    tmp = tmp_path_factory.mktemp("prop")
    path = write_extract(tmp / ("x.duckdb" if fmt == "duckdb" else "x"), tables, fmt)
    try:
        ex = load_extract(path, today=TODAY)
    except DOCUMENTED as exc:
        event(f"raised {type(exc).__name__}")
        return
    event(
        f"loaded, {len(ex.quarantine)} rows quarantined"
        if len(ex.quarantine) < 3
        else "loaded, 3+ quarantined"
    )
    for t in TABLE_ORDER:
        read = len(tables.get(t, ()))
        rep = ex.report.set_index("table_name").loc[t]
        assert rep.rows_read == read
        assert rep.rows_loaded + rep.rows_quarantined == read
        q = ex.quarantine[ex.quarantine.table_name == t]
        rows = sorted([*ex.table(t)["_row"].tolist(), *q.row_number.tolist()])
        assert rows == list(range(1, read + 1))  # every row exactly once
    assert set(ex.quarantine.reason) <= set(QUARANTINE_REASONS)
    assert ex.seizures.seizure_id.is_unique and ex.parties.record_id.is_unique
    assert not ex.goods.duplicated(["seizure_id", "line_no"]).any()
    known = set(ex.seizures.seizure_id)
    for t in ("parties", "goods", "legs"):
        assert set(ex.table(t).seizure_id) <= known
    assert set(ex.parties.role.dropna()) <= set(ROLES)
