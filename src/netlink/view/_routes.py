"""Route views: a flow diagram from origin through transit and entry point to destination.

Drawn as inline SVG (no map tiles, no script): four columns, one band per stretch of
route, band width by cases, bands coloured by the origin they came from.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlink.errors import ParameterError
from netlink.view._safe import HtmlView, clip, plain, text
from netlink.view._style import network_colours

__all__ = ["STAGES", "RouteView", "route_view"]

#: The columns of a route, in order.
STAGES = ("origin", "transit", "entry", "destination")
_W, _H, _TOP, _NODE_W, _GAP = 960, 420, 30, 12, 8
_X0, _X1 = 150, 810


class RouteView(HtmlView):
    """A route view: shows itself in a notebook, saves as HTML; ``table`` lists the routes."""

    def __init__(self, title: str, fragment: str, table: pd.DataFrame) -> None:
        super().__init__(title, fragment)
        self.table = table


def route_view(
    routes: pd.DataFrame, *, title: str = "Routes", max_per_stage: int = 12
) -> RouteView:
    """Draw routes as a flow diagram: origin, transit, entry point, destination.

    Parameters
    ----------
    routes
        One row per case: ``origin, transit, entry, destination`` (empty or missing
        where a case has no such stage: a case without transit goes from origin
        straight to its entry point).
    title
        Plain text.
    max_per_stage
        Places shown per column, busiest first; the rest are drawn as "other".

    Returns
    -------
    RouteView
        ``table``: ``origin, transit, entry, destination, cases``, busiest route first.

    Examples
    --------
    >>> r = pd.DataFrame({"origin": ["CN", "CN", "HK"], "transit": ["HKG", None, None],
    ...                   "entry": ["LGG", "LGG", "<i>AMS</i>"], "destination": ["BE", "BE", "NL"]})
    >>> view = route_view(r)
    >>> view.table["cases"].tolist(), "<i>" in view.fragment
    ([1, 1, 1], False)
    """
    missing = [c for c in STAGES if c not in routes.columns]
    if missing:
        raise ParameterError(f"routes lack columns {missing}")
    r = pd.DataFrame({c: routes[c].map(plain) for c in STAGES})
    table = (
        r.groupby(list(STAGES), sort=False)
        .size()
        .rename("cases")
        .reset_index()
        .sort_values(["cases", *STAGES], ascending=[False, True, True, True, True], kind="stable")
        .reset_index(drop=True)
    )
    if r.empty:
        return RouteView(title, f"<p><b>{text(title)}</b>: no routes.</p>", table)
    for stage in STAGES:
        busy = r.loc[r[stage] != "", stage].value_counts()
        if len(busy) > max_per_stage:
            rest = set(busy.index[max_per_stage - 1 :])
            r[stage] = r[stage].where(~r[stage].isin(rest), f"other ({len(rest)})")
    flows = _flows(r)
    totals = _totals(flows)
    ytop, scale = _columns(totals)
    parts = _bands(flows, ytop, scale) + _places(totals, ytop, scale)
    for col, name in enumerate(("origin", "transit", "entry point", "destination")):
        parts.append(
            f'<text x="{_x(col) + _NODE_W / 2:.1f}" y="{_TOP - 12}" text-anchor="middle" '
            f'font-size="12" font-weight="600">{name}</text>'
        )
    height = int(np.ceil(max(ytop[k] + totals[k] * scale for k in ytop))) + 20
    fragment = (
        f'<div style="font:13px system-ui,sans-serif"><b>{text(title)}</b> '
        f"({len(r):,} case(s); band width: cases; colour: origin)<br>"
        f'<svg width="{_W}" height="{height}" viewBox="0 0 {_W} {height}" role="img" '
        f'aria-label="{text(title)}" style="max-width:100%;height:auto" '
        f'font-family="system-ui,sans-serif">{"".join(parts)}</svg></div>'
    )
    return RouteView(title, fragment, table)


Place = tuple[int, str]  # (column, place)


def _x(col: int) -> float:
    return _X0 + col * (_X1 - _X0) / 3


def _flows(r: pd.DataFrame) -> pd.DataFrame:
    """Cases per stretch of route and origin: ``origin, c0, v0, c1, v1, n``.

    Each case adds one to every stretch between consecutive stages it has: a case
    without transit goes from its origin straight to its entry point.
    """
    links = []
    for c0, c1 in ((0, 1), (1, 2), (2, 3), (0, 2), (1, 3), (0, 3)):
        a, b = STAGES[c0], STAGES[c1]
        sel = (r[a] != "") & (r[b] != "")
        for skipped in STAGES[c0 + 1 : c1]:
            sel &= r[skipped] == ""
        part = r[sel].assign(v0=r[a], v1=r[b]).groupby(["origin", "v0", "v1"]).size()
        part = part.rename("n").reset_index().assign(c0=c0, c1=c1)
        links.append(part[["origin", "c0", "v0", "c1", "v1", "n"]])
    return pd.concat(links, ignore_index=True)


def _totals(flows: pd.DataFrame) -> dict[Place, int]:
    """Cases through each place: the larger of what enters and what leaves it."""
    totals: dict[Place, int] = {}
    for ends in (["c0", "v0"], ["c1", "v1"]):
        for (col, place), n in flows.groupby(ends)["n"].sum().items():
            key = (int(col), str(place))
            totals[key] = max(totals.get(key, 0), int(n))
    return totals


def _columns(totals: dict[Place, int]) -> tuple[dict[Place, float], float]:
    """Top of each place in its column (busiest first, "other" last) and pixels per case."""

    def rank(place: Place) -> tuple[bool, int, str]:
        return (place[1].startswith("other ("), -totals[place], place[1])

    order = {
        col: [p for _, p in sorted((k for k in totals if k[0] == col), key=rank)]
        for col in range(4)
    }
    biggest = max(sum(totals[(col, p)] for p in places) for col, places in order.items())
    most = max(len(places) for places in order.values())
    scale = (_H - _TOP - 20 - _GAP * (most - 1)) / max(biggest, 1)
    ytop: dict[Place, float] = {}
    for col, places in order.items():
        y = float(_TOP)
        for p in places:
            ytop[(col, p)] = y
            y += totals[(col, p)] * scale + _GAP
    return ytop, scale


def _bands(flows: pd.DataFrame, ytop: dict[Place, float], scale: float) -> list[str]:
    """One band per stretch and origin, stacked where they leave and enter a place."""
    origins = sorted({p for (col, p) in ytop if col == 0}, key=lambda p: ytop[(0, p)])
    colour = network_colours([*origins, *sorted(set(flows["origin"]) - set(origins))])
    out_off = dict.fromkeys(ytop, 0.0)
    in_off = dict.fromkeys(ytop, 0.0)
    flows = flows.assign(
        y0=[ytop[(c, v)] for c, v in zip(flows["c0"], flows["v0"], strict=True)],
        y1=[ytop[(c, v)] for c, v in zip(flows["c1"], flows["v1"], strict=True)],
    ).sort_values(["c0", "y0", "y1", "origin"], kind="stable")
    parts = []
    for f in flows.itertuples(index=False):
        h = f.n * scale
        k0, k1 = (int(f.c0), str(f.v0)), (int(f.c1), str(f.v1))
        y0, y1 = ytop[k0] + out_off[k0], ytop[k1] + in_off[k1]
        out_off[k0] += h
        in_off[k1] += h
        x0, x1 = _x(k0[0]) + _NODE_W, _x(k1[0])
        xm = (x0 + x1) / 2
        tip = f"{f.v0} → {f.v1}: {f.n} case(s) from {f.origin}"
        parts.append(
            f'<path d="M{x0:.1f},{y0:.1f} C{xm:.1f},{y0:.1f} {xm:.1f},{y1:.1f} {x1:.1f},{y1:.1f} '
            f"L{x1:.1f},{y1 + h:.1f} C{xm:.1f},{y1 + h:.1f} {xm:.1f},{y0 + h:.1f} "
            f'{x0:.1f},{y0 + h:.1f} Z" fill="{colour.get(f.origin, "#999")}" fill-opacity="0.45">'
            f"<title>{text(tip)}</title></path>"
        )
    return parts


def _places(totals: dict[Place, int], ytop: dict[Place, float], scale: float) -> list[str]:
    parts = []
    for (col, place), y in ytop.items():
        h = max(totals[(col, place)] * scale, 1.5)
        x = _x(col)
        anchor, tx = ("end", x - 4) if col == 0 else ("start", x + _NODE_W + 4)
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{_NODE_W}" height="{h:.1f}" fill="#455a64">'
            f"<title>{text(place)}: {totals[(col, place)]} case(s)</title></rect>"
            f'<text x="{tx:.1f}" y="{y + h / 2 + 4:.1f}" text-anchor="{anchor}" font-size="11">'
            f"{text(clip(place, 22))} ({totals[(col, place)]})</text>"
        )
    return parts
