"""The briefing's link chart: netlink.view's interactive chart, and a static SVG of it.

The interactive chart is a whole document (vis-network inlined, its own
Content-Security-Policy) that the briefing embeds in a sandboxed ``<iframe srcdoc>``.
A srcdoc frame inherits the briefing's policy as well, so the briefing allows exactly
the scripts the chart's own policy allows (by hash) and nothing else. The static SVG is
drawn here from the same positions, for print, PDF and readers without scripts.
"""

from __future__ import annotations

import html
import re

import pandas as pd
from markupsafe import Markup, escape

from netlink.export import KIND_COLOURS
from netlink.view import LinkChart, link_chart

__all__ = ["chart", "chart_script_hashes", "static_svg"]

_CSP_META = re.compile(
    r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', re.IGNORECASE
)
_HASH = re.compile(r"'sha256-[A-Za-z0-9+/=]+'")
_WIDTH, _PAD, _MAX_HEIGHT = 960, 28, 1300
_RADIUS = {"party": 6.0, "seizure": 3.5}
_LABELS = 30  # parties named on the static chart, busiest first
_LABEL_CHARS = 24


def chart(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    *,
    title: str,
    network_id: str,
    focus: list[str],
    seed: int,
) -> LinkChart:
    """The interactive link chart of a network (netlink.view)."""
    return link_chart(
        nodes,
        edges,
        title=title,
        focus=focus,
        mark_focus=False,
        networks=[network_id],
        max_nodes=500,
        seed=seed,
    )


def chart_script_hashes(document: str) -> list[str]:
    """The script hashes a chart document's own Content-Security-Policy allows.

    Examples
    --------
    >>> doc = '<meta http-equiv="Content-Security-Policy" content="script-src &#x27;sha256-AB+/=&#x27;">'
    >>> chart_script_hashes(doc)
    ["'sha256-AB+/='"]
    """
    match = _CSP_META.search(document)
    return _HASH.findall(html.unescape(match.group(1))) if match else []


def static_svg(drawn: LinkChart) -> Markup:
    """An SVG picture of a drawn chart: the same positions, colours by kind, no script.

    Every label is escaped; each node carries its label and kind as a tooltip.
    """
    n, e = drawn.nodes, drawn.edges
    if n.empty:
        return Markup("<p>No nodes to draw.</p>")
    x, y = n["x"].astype(float), n["y"].astype(float)
    span_x, span_y = max(x.max() - x.min(), 1.0), max(y.max() - y.min(), 1.0)
    scale = min((_WIDTH - 2 * _PAD) / span_x, (_MAX_HEIGHT - 2 * _PAD) / span_y)
    px = (x - x.min()) * scale + _PAD
    py = (y - y.min()) * scale + _PAD + 18  # room for the legend
    height = int(py.max() + _PAD)
    where = dict(zip(n["node_id"], zip(px, py, strict=True), strict=True))
    parts = [
        f'<line x1="{where[a][0]:.1f}" y1="{where[a][1]:.1f}" x2="{where[b][0]:.1f}" '
        f'y2="{where[b][1]:.1f}"/>'
        for a, b in zip(e["source"], e["target"], strict=True)
        if a in where and b in where
    ]
    lines = f'<g stroke="#b0b0b0" stroke-width="0.7">{"".join(parts)}</g>'
    circles = []
    for kind, label, hub, cx, cy in zip(n["kind"], n["label"], n["is_hub"], px, py, strict=True):
        colour = KIND_COLOURS.get(str(kind), "#9e9e9e")
        stroke = ' stroke="#c62828" stroke-width="2"' if bool(hub) else ""
        circles.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{_RADIUS.get(str(kind), 3.0)}" '
            f'fill="{colour}"{stroke}><title>{escape(label)} ({escape(kind)})</title></circle>'
        )
    parties = n[(n["kind"] == "party") & ~n["is_group"].astype(bool)]
    named = parties.sort_values(["n_cases", "node_id"], ascending=[False, True]).head(_LABELS)
    labels = [
        f'<text x="{where[nid][0] + 7:.1f}" y="{where[nid][1] + 3:.1f}">{escape(_clip(label))}</text>'
        for nid, label in zip(named["node_id"], named["label"], strict=True)
    ]
    legend, lx = [], _PAD
    for kind in [k for k in KIND_COLOURS if k in set(n["kind"])]:
        legend.append(
            f'<circle cx="{lx + 5}" cy="12" r="5" fill="{KIND_COLOURS[kind]}"/>'
            f'<text x="{lx + 14}" y="16">{escape(kind)}</text>'
        )
        lx += 22 + 7 * len(kind)
    svg = (
        f'<svg class="nl-static-chart" width="{_WIDTH}" height="{height}" '
        f'viewBox="0 0 {_WIDTH} {height}" role="img" aria-label="{escape(drawn.title)}" '
        f'font-family="system-ui,sans-serif" font-size="9">'
        f'{lines}{"".join(circles)}<g fill="#222">{"".join(labels)}</g>'
        f'<g font-size="11">{"".join(legend)}</g></svg>'
    )
    return Markup(svg)  # every data string above went through escape()


def _clip(label: object) -> str:
    text = " ".join(str(label).split())
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1] + "…"
