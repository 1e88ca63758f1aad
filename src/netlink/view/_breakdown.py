"""Breakdowns: what a case or network is about, by brand, category or any other column.

Horizontal bars in inline SVG, busiest first, each with its count and value; every label
escaped.
"""

from __future__ import annotations

import pandas as pd

from netlink.errors import ParameterError
from netlink.view._safe import HtmlView, clip, plain, text

__all__ = ["Breakdown", "breakdown"]

_W, _LEFT, _BAR, _ROW = 760, 200, 380, 20


class Breakdown(HtmlView):
    """A breakdown: shows itself in a notebook, saves as HTML; ``table`` holds the counts."""

    def __init__(self, title: str, fragment: str, table: pd.DataFrame) -> None:
        super().__init__(title, fragment)
        self.table = table


def breakdown(rows: pd.DataFrame, by: str, *, title: str | None = None, top: int = 15) -> Breakdown:
    """Count cases, articles and value by the values of one column.

    Parameters
    ----------
    rows
        One row per goods line (or case): ``seizure_id``, the column ``by``, and
        optionally ``quantity`` and ``value_eur``.
    by
        The column to break down by (``brand``, ``category``, ...).
    title
        Plain text; default "Cases by <by>".
    top
        Bars drawn; the rest are summed into "other".

    Returns
    -------
    Breakdown
        ``table``: ``<by>, cases, quantity, value_eur, share`` (of cases), most cases
        first, every value (not only the top).

    Examples
    --------
    >>> goods = pd.DataFrame({"seizure_id": ["S1", "S2", "S2"], "brand": ["Vexa", "Vexa", "<b>x</b>"]})
    >>> b = breakdown(goods, "brand")
    >>> b.table[["brand", "cases"]].values.tolist(), "<b>x" in b.fragment
    ([['Vexa', 2], ['<b>x</b>', 1]], False)
    """
    if by not in rows.columns or "seizure_id" not in rows.columns:
        raise ParameterError(f"breakdown needs columns seizure_id and {by!r}")
    title = title or f"Cases by {by}"
    r = rows.assign(_key=rows[by].map(lambda v: plain(v) or "(not given)"))
    for col in ("quantity", "value_eur"):
        r[col] = pd.to_numeric(r[col], errors="coerce") if col in r.columns else 0.0
    table = (
        r.groupby("_key")
        .agg(
            cases=("seizure_id", "nunique"),
            quantity=("quantity", "sum"),
            value_eur=("value_eur", "sum"),
        )
        .reset_index()
        .rename(columns={"_key": by})
        .sort_values(["cases", by], ascending=[False, True], kind="stable")
        .reset_index(drop=True)
    )
    n_cases = max(r["seizure_id"].nunique(), 1)
    table["share"] = (table["cases"] / n_cases).round(3)
    if table.empty:
        return Breakdown(title, f"<p><b>{text(title)}</b>: nothing to count.</p>", table)
    shown = table.head(top)
    rest = table.iloc[top:]
    bars = list(zip(shown[by], shown["cases"], shown["value_eur"], strict=True))
    if len(rest):
        bars.append(
            (f"other ({len(rest)})", int(rest["cases"].sum()), float(rest["value_eur"].sum()))
        )
    peak = max(c for _, c, _ in bars)
    parts = []
    for i, (label, cases, value) in enumerate(bars):
        y = 8 + i * _ROW
        w = _BAR * cases / peak
        parts.append(
            f'<text x="{_LEFT - 8}" y="{y + 13}" text-anchor="end" font-size="12">'
            f"<title>{text(label)}</title>{text(clip(label, 30))}</text>"
            f'<rect x="{_LEFT}" y="{y + 2}" width="{w:.1f}" height="{_ROW - 6}" fill="#5b8db8">'
            f"<title>{text(label)}: {cases:,} case(s), EUR {value:,.0f}</title></rect>"
            f'<text x="{_LEFT + w + 6:.1f}" y="{y + 13}" font-size="11" fill="#333">'
            f"{cases:,} ({cases / n_cases:.0%}) · EUR {value:,.0f}</text>"
        )
    height = 16 + len(bars) * _ROW
    fragment = (
        f'<div style="font:13px system-ui,sans-serif"><b>{text(title)}</b><br>'
        f'<svg width="{_W}" height="{height}" viewBox="0 0 {_W} {height}" role="img" '
        f'aria-label="{text(title)}" style="max-width:100%;height:auto" '
        f'font-family="system-ui,sans-serif">{"".join(parts)}</svg></div>'
    )
    return Breakdown(title, fragment, table)
