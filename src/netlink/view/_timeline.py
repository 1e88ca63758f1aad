"""Timelines of cases: a monthly count above, one lane per party (or network) below.

Drawn as inline SVG: no script, every string escaped, each mark with its facts as a
tooltip. Lanes show when each actor was active, which is how fronts used in turn show up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from netlink.errors import ParameterError
from netlink.view._safe import HtmlView, clip, plain, text
from netlink.view._style import network_colours

__all__ = ["Timeline", "timeline"]

_W, _LEFT, _RIGHT, _TOP, _HIST, _LANE = 960, 230, 24, 26, 56, 17


class Timeline(HtmlView):
    """A timeline: shows itself in a notebook, saves as HTML, keeps its data in ``table``."""

    def __init__(self, title: str, fragment: str, table: pd.DataFrame) -> None:
        super().__init__(title, fragment)
        self.table = table


def timeline(
    events: pd.DataFrame,
    *,
    title: str = "Timeline",
    colours: Mapping[str, str] | None = None,
    max_lanes: int = 30,
) -> Timeline:
    """Draw events on a time axis, one lane each, with cases per month above.

    Parameters
    ----------
    events
        ``date, lane, key, tip`` and optionally ``case`` (counted once per month in the
        histogram; default: one case per event). ``key`` picks the colour, ``tip`` is the
        tooltip text.
    title
        Plain text.
    colours
        Key -> colour; keys not in it get palette colours in order of appearance.
    max_lanes
        Lanes drawn, busiest first; the chart says how many more there are.

    Returns
    -------
    Timeline

    Examples
    --------
    >>> ev = pd.DataFrame({"date": pd.to_datetime(["2024-01-05", "2024-03-01"]),
    ...     "lane": ["<b>Shop</b>", "Front"], "key": "consignor", "tip": ["S1", "S2"]})
    >>> t = timeline(ev, title="Cases")
    >>> "<b>Shop" in t.fragment, "&lt;b&gt;Shop" in t.fragment
    (False, True)
    """
    missing = [c for c in ("date", "lane", "key", "tip") if c not in events.columns]
    if missing:
        raise ParameterError(f"timeline events lack columns {missing}")
    ev = events.copy()
    ev["date"] = pd.to_datetime(ev["date"])
    ev = ev[ev["date"].notna()].sort_values(["date", "lane"], kind="stable")
    ev["lane"] = ev["lane"].map(lambda v: plain(v) or "(unnamed)")
    ev["key"] = ev["key"].map(lambda v: plain(v) or "(none)")
    if "case" not in ev.columns:
        ev["case"] = np.arange(len(ev))
    table = ev.reset_index(drop=True)
    if ev.empty:
        return Timeline(title, f"<p><b>{text(title)}</b>: no dated cases.</p>", table)

    counts = ev.groupby("lane").size()
    first = ev.groupby("lane")["date"].min()
    busiest = counts.sort_values(ascending=False, kind="stable").index[:max_lanes]
    lanes = sorted(busiest, key=lambda k: (first[k], k))
    hidden = len(counts) - len(lanes)

    start, end = ev["date"].min(), ev["date"].max()
    pad = max((end - start) / 40, pd.Timedelta(days=10))
    start, end = start - pad, end + pad
    span = (end - start).total_seconds()

    def x(d: pd.Series | pd.Timestamp) -> np.ndarray:
        secs = (pd.Series(pd.to_datetime(d)) - start).dt.total_seconds().to_numpy(dtype=float)
        return _LEFT + (secs / span) * (_W - _LEFT - _RIGHT)

    keys = list(dict.fromkeys(ev["key"]))
    given = dict(colours or {})
    palette = network_colours([k for k in keys if k not in given])
    colour = {k: given.get(k) or palette[k] for k in keys}

    lane_top = _TOP + _HIST + 18
    height = lane_top + _LANE * len(lanes) + 30
    parts = [_axis(start, end, x, lane_top + _LANE * len(lanes))]
    # Cases per month, above the lanes.
    month = ev["date"].dt.to_period("M")
    per_month = ev.assign(month=month).groupby("month")["case"].nunique()
    peak = max(int(per_month.max()), 1)
    for m, n in per_month.items():
        x0, x1 = x(m.start_time)[0], x(m.end_time)[0]
        h = _HIST * n / peak
        parts.append(
            f'<rect x="{x0:.1f}" y="{_TOP + _HIST - h:.1f}" width="{max(x1 - x0 - 1, 1):.1f}" '
            f'height="{h:.1f}" fill="#b0bec5"><title>{text(m)}: {n} case(s)</title></rect>'
        )
    parts.append(
        f'<text x="{_LEFT - 8}" y="{_TOP + 12}" text-anchor="end" font-size="11" fill="#555">'
        f"cases per month (max {peak})</text>"
    )
    lane_y = {lane: lane_top + _LANE * i + _LANE / 2 for i, lane in enumerate(lanes)}
    for i, lane in enumerate(lanes):
        y = lane_y[lane]
        if i % 2 == 0:
            parts.append(
                f'<rect x="{_LEFT}" y="{y - _LANE / 2:.1f}" width="{_W - _LEFT - _RIGHT}" '
                f'height="{_LANE}" fill="#f5f5f5"/>'
            )
        parts.append(
            f'<text x="{_LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="11">'
            f"<title>{text(lane)}</title>{text(clip(lane, 34))}</text>"
        )
    shown = ev[ev["lane"].isin(set(lanes))]
    xs = x(shown["date"])
    for xv, lane, key, tip in zip(xs, shown["lane"], shown["key"], shown["tip"], strict=True):
        parts.append(
            f'<circle cx="{xv:.1f}" cy="{lane_y[lane]:.1f}" r="4.5" fill="{colour[key]}" '
            f'fill-opacity="0.85" stroke="#333" stroke-width="0.5">'
            f"<title>{text(tip)}</title></circle>"
        )
    legend = "".join(
        f'<span style="margin-right:12px;white-space:nowrap"><svg width="10" height="10">'
        f'<circle cx="5" cy="5" r="4.5" fill="{colour[k]}"/></svg> {text(k)}</span>'
        for k in keys
    )
    more = f" {hidden} more lane(s) with fewer cases not shown." if hidden else ""
    fragment = (
        f'<div style="font:13px system-ui,sans-serif"><b>{text(title)}</b>'
        f'<div style="font-size:12px;margin:4px 0">{legend}{text(more)}</div>'
        f'<svg width="{_W}" height="{height}" viewBox="0 0 {_W} {height}" role="img" '
        f'aria-label="{text(title)}" style="max-width:100%;height:auto" '
        f'font-family="system-ui,sans-serif">{"".join(parts)}</svg></div>'
    )
    return Timeline(title, fragment, table)


def _axis(start: pd.Timestamp, end: pd.Timestamp, x: Callable[[Any], Any], bottom: float) -> str:
    days = (end - start).days
    freq, fmt = (
        ("MS", "%b %Y") if days <= 550 else ("QS", "%b %Y") if days <= 1500 else ("YS", "%Y")
    )
    ticks = pd.date_range(start.normalize(), end, freq=freq)
    out = []
    for t in ticks:
        if t < start:
            continue
        xv = float(x(t)[0])
        out.append(
            f'<line x1="{xv:.1f}" y1="{_TOP}" x2="{xv:.1f}" y2="{bottom:.1f}" stroke="#e0e0e0"/>'
            f'<text x="{xv + 2:.1f}" y="{_TOP - 6}" font-size="10" fill="#555">{t.strftime(fmt)}</text>'
        )
    return "".join(out)
