"""Link charts: pyvis networks laid out in Python and drawn offline, safe with any data.

pyvis 0.3.2 assembles the vis-network nodes and links; its HTML template is not used,
because it loads Bootstrap from a CDN even "in line", switches every tooltip to
``innerHTML`` when one title contains "href", and writes node ids raw into its menus
(docs/notebooks.md). The document is built here instead: vis-network inlined from the
copy pyvis ships, data as escaped JSON read with ``JSON.parse``, tooltips built with
``textContent``, a Content-Security-Policy that forbids every request and any script but
ours, positions computed by igraph and physics off.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyvis
from pyvis.network import Network

from netlink.errors import ParameterError
from netlink.view._layout import layout
from netlink.view._limit import limit
from netlink.view._safe import clip, document, iframe, is_missing, plain, script_json, text
from netlink.view._style import (
    EDGE_CLASSES,
    OTHER_NETWORKS,
    edge_class,
    legend_html,
    network_colours,
    node_style,
)

__all__ = ["LinkChart", "link_chart"]

_LABEL_CHARS = 28
_TIP_CHARS = 160
_TIP_RECORDS = 12
_HUB_BORDER = "#c62828"
_FOCUS_BORDER = "#111111"


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """The vis-network library pyvis ships, to be inlined (no CDN, works offline)."""
    path = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
    js = path.read_text(encoding="utf-8")
    # The source map is not shipped: DevTools would try to fetch it.
    js = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", js)
    # Inlined in a <script> element: it must not be able to close it.
    if "</script" in js.lower():
        raise RuntimeError(f"{path} contains '</script' and cannot be inlined safely")
    return js


@dataclass(frozen=True, eq=False)
class LinkChart:
    """A link chart: a standalone HTML document, shown in a notebook in its own frame.

    Attributes
    ----------
    title
        Plain text.
    html
        The standalone document (no external resource; open it from disk, offline).
    nodes
        The nodes drawn: ``node_id, kind, label, x, y, is_hub, is_group, network_id``
        and the rest of the input columns.
    edges
        The links drawn, one per linked pair: ``source, target, kinds, n_records,
        record_ids, first_seen, last_seen``.
    note
        What was left out or collapsed to keep the chart readable; empty if nothing.
    n_nodes_total
        Nodes before limiting.
    height
        Height of the chart in a notebook, in pixels.
    """

    title: str
    html: str = field(repr=False)
    nodes: pd.DataFrame = field(repr=False)
    edges: pd.DataFrame = field(repr=False)
    note: str
    n_nodes_total: int
    height: int = 640

    def _repr_html_(self) -> str:
        return iframe(self.html, height=self.height, title=self.title)

    def save(self, path: str | Path) -> Path:
        """Write the standalone HTML file; returns the path.

        Examples
        --------
        >>> import pandas as pd, tempfile, pathlib
        >>> nodes = pd.DataFrame({"node_id": ["a", "b"], "kind": "party", "label": ["A", "B"]})
        >>> edges = pd.DataFrame({"source": ["a"], "target": ["b"], "kind": ["uses_phone"]})
        >>> out = link_chart(nodes, edges).save(pathlib.Path(tempfile.mkdtemp()) / "c.html")
        >>> "cdn" in out.read_text().lower()
        False
        """
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.html, encoding="utf-8")
        return path


def link_chart(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    *,
    title: str = "Link chart",
    focus: Iterable[str] = (),
    mark_focus: bool = True,
    networks: Iterable[str] = (),
    note: str = "",
    max_nodes: int = 500,
    seed: int = 0,
    height: int = 640,
) -> LinkChart:
    """Draw a link chart of typed nodes and links.

    Shape and colour say a node's kind (parties: their network's colour), size its
    cases, line width the records behind a link; hubs have a red dashed outline and focus
    nodes a black one. Hovering shows the key facts, clicking a node lists its links and
    clicking a link its record ids. Every string is shown as text, whatever it holds.

    Parameters
    ----------
    nodes
        ``node_id, kind, label``; optionally ``subtype, network_id, role, n_cases,
        is_hub, hub_reason, first_seen, last_seen, focus`` and ``facts`` (a list of
        ``(name, value)`` pairs added to the tooltip).
    edges
        ``source, target, kind``; optionally ``n_records`` (else ``weight``, else 1),
        ``record_ids``, ``first_seen, last_seen``. Several edges between the same two
        nodes are drawn as one link.
    title
        Plain text shown above the chart.
    focus
        Node ids to keep first when the chart is limited.
    mark_focus
        Draw focus nodes with a black outline (off for a network's many members).
    networks
        Network ids in the order their colours are given (the rest by size).
    note
        Plain text shown under the title, before what limiting left out.
    max_nodes
        Past this many nodes, leaves are collapsed and the least relevant nodes left
        out, and the chart says so (see ``netlink.view._limit``).
    seed
        Seed of the layout.
    height
        Height in a notebook, in pixels.

    Returns
    -------
    LinkChart

    Raises
    ------
    ParameterError
        A required column is missing, or a link names a node that is not in ``nodes``.

    Examples
    --------
    >>> import pandas as pd
    >>> nodes = pd.DataFrame({"node_id": ["P-1", "P-2", "I-1"], "kind": ["party", "party", "identifier"],
    ...                       "label": ["<img src=x onerror=alert(1)>", "B", "+86 138"]})
    >>> edges = pd.DataFrame({"source": ["P-1", "P-2"], "target": ["I-1", "I-1"], "kind": "uses_phone"})
    >>> chart = link_chart(nodes, edges, title="Shared phone")
    >>> len(chart.nodes), "<img" in chart.html
    (3, False)
    """
    if max_nodes < 1:
        raise ParameterError(f"max_nodes must be at least 1, got {max_nodes}")
    n = _nodes_frame(nodes, set(focus))
    e = _pairs(edges, n)
    limited = limit(n, e, max_nodes)
    n, e = limited.nodes, limited.edges
    note = " ".join(p for p in (plain(note), limited.note) if p)
    index = pd.Index(n["node_id"])
    xy = layout(len(n), index.get_indexer(e["source"]), index.get_indexer(e["target"]), seed=seed)
    n = n.assign(x=xy[:, 0], y=xy[:, 1])
    colours = _network_order(n, list(networks))
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    labels = dict(zip(n["node_id"], n["label"], strict=True))
    kinds = dict(zip(n["node_id"], n["kind"], strict=True))
    for row in n.itertuples(index=False):
        _add_node(net, row, colours, labels, mark_focus)
    for row in e.itertuples(index=False):
        _add_edge(net, row, labels, kinds)
    shown_kinds = [k for k in _KIND_ORDER if k in set(n["kind"])]
    shown_kinds += sorted(set(n["kind"]) - set(shown_kinds))
    parties = n[(n["kind"] == "party") & ~n["is_group"]]
    on_chart = {k: v for k, v in colours.items() if k in set(parties["network_id"].dropna())}
    # "party (no network)" is listed only when such a party is drawn.
    lone = bool(parties["network_id"].isna().any())
    legend = legend_html(
        [k for k in shown_kinds if k != "party" or lone],
        on_chart,
        [c for c in EDGE_CLASSES if c in {edge_class(k) for k in e["kinds"]}],
        hubs=bool(n["is_hub"].any()),
        groups=bool(n["is_group"].any()),
        more_networks=sum(1 for v in on_chart.values() if v == OTHER_NETWORKS),
    )
    html = _document(title, note, legend, net, _options(len(e), seed))
    drawn_nodes = n.drop(columns=["focus"]).reset_index(drop=True)
    return LinkChart(title, html, drawn_nodes, e.reset_index(drop=True), note, len(nodes), height)


_KIND_ORDER = ("party", "seizure", "address", "identifier", "domain", "master", "brand", "place")


def _nodes_frame(nodes: pd.DataFrame, focus: set[str]) -> pd.DataFrame:
    missing = [c for c in ("node_id", "kind", "label") if c not in nodes.columns]
    if missing:
        raise ParameterError(f"chart nodes lack columns {missing}")
    n = nodes.drop_duplicates("node_id").copy()
    n["node_id"] = n["node_id"].astype(str)
    n["kind"] = n["kind"].astype(str)
    defaults: dict[str, Any] = {
        "subtype": None,
        "network_id": None,
        "role": None,
        "n_cases": 1,
        "is_hub": False,
        "hub_reason": None,
        "first_seen": pd.NaT,
        "last_seen": pd.NaT,
        "facts": None,
        "focus": False,
    }
    for col, value in defaults.items():
        if col not in n.columns:
            n[col] = value
    n["network_id"] = n["network_id"].astype(object).where(n["network_id"].notna(), None)
    n["n_cases"] = (
        pd.to_numeric(n["n_cases"], errors="coerce").fillna(1).clip(lower=1).astype(np.int64)
    )
    n["is_hub"] = n["is_hub"].fillna(False).astype(bool)
    n["focus"] = n["focus"].fillna(False).astype(bool) | n["node_id"].isin(focus)
    order = {k: i for i, k in enumerate(_KIND_ORDER)}
    n = n.assign(_o=n["kind"].map(order).fillna(len(order)))
    return n.sort_values(["_o", "node_id"], kind="stable").drop(columns="_o").reset_index(drop=True)


def _pairs(edges: pd.DataFrame, nodes: pd.DataFrame) -> pd.DataFrame:
    """One row per linked pair of nodes, with every kind and record behind it."""
    missing = [c for c in ("source", "target", "kind") if c not in edges.columns]
    if missing:
        raise ParameterError(f"chart edges lack columns {missing}")
    cols = ["source", "target", "kinds", "n_records", "record_ids", "first_seen", "last_seen"]
    if edges.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    e = edges.copy()
    e["source"] = e["source"].astype(str)
    e["target"] = e["target"].astype(str)
    known = set(nodes["node_id"])
    bad = ~e["source"].isin(known) | ~e["target"].isin(known)
    if bad.any():
        row = e[bad].iloc[0]
        raise ParameterError(
            f"{int(bad.sum())} chart edge(s) name nodes that are not in the nodes, "
            f"first {plain(row['source'])} - {plain(row['target'])}"
        )
    e = e[e["source"] != e["target"]]
    n_records = e["n_records"] if "n_records" in e.columns else e.get("weight", 1)
    ids: list[Any] = list(e["record_ids"]) if "record_ids" in e.columns else [None] * len(e)
    swap = (e["source"] > e["target"]).to_numpy()
    e = pd.DataFrame(
        {
            "a": np.where(swap, e["target"], e["source"]),
            "b": np.where(swap, e["source"], e["target"]),
            "source": e["source"].to_numpy(),
            "target": e["target"].to_numpy(),
            "kind": e["kind"].astype(str).to_numpy(object),
            "n_records": pd.to_numeric(pd.Series(n_records, index=e.index)).fillna(1).to_numpy(),
            "record_ids": [[] if _missing_list(r) else sorted({str(x) for x in r}) for r in ids],
            "first_seen": pd.to_datetime(e["first_seen"]) if "first_seen" in e.columns else pd.NaT,
            "last_seen": pd.to_datetime(e["last_seen"]) if "last_seen" in e.columns else pd.NaT,
        }
    ).sort_values(["a", "b", "kind"], kind="stable")
    # Most pairs have one edge; only the others need Python-level merging.
    several = e.duplicated(["a", "b"], keep=False).to_numpy()
    one = e[~several].assign(kinds=[[k] for k in e.loc[~several, "kind"]])
    merged = (
        e[several]
        .groupby(["a", "b"], sort=False)
        .agg(
            source=("source", "first"),
            target=("target", "first"),
            kinds=("kind", lambda s: sorted(set(s))),
            n_records=("n_records", "sum"),
            record_ids=("record_ids", lambda s: sorted({r for rs in s for r in rs})),
            first_seen=("first_seen", "min"),
            last_seen=("last_seen", "max"),
        )
        .reset_index()
    )
    out = pd.concat([one, merged], ignore_index=True).sort_values(["a", "b"], kind="stable")
    # Records shared by several kinds of the same pair count once.
    n_ids = out["record_ids"].map(len).to_numpy()
    out["n_records"] = np.where(n_ids > 0, n_ids, out["n_records"]).astype(np.int64)
    return out[cols].reset_index(drop=True)


def _missing_list(value: Any) -> bool:
    """True for a missing record list (None or NaN), False for any sequence."""
    return not isinstance(value, list | tuple | np.ndarray) and is_missing(value)


def _network_order(n: pd.DataFrame, first: list[str]) -> dict[str, str]:
    parties = n[(n["kind"] == "party") & n["network_id"].notna()]
    by_size = parties["network_id"].value_counts()
    rest = sorted(set(by_size.index) - set(first), key=lambda k: (-by_size[k], k))
    return network_colours([*dict.fromkeys(first), *rest])


def _seen(first: Any, last: Any) -> str:
    if is_missing(first):
        return ""
    a, b = pd.Timestamp(first).date().isoformat(), pd.Timestamp(last).date().isoformat()
    return a if a == b else f"{a} to {b}"


def _darker(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * 0.7) for c in (r, g, b)))


def _add_node(
    net: Network, row: Any, colours: dict[str, str], labels: dict[str, str], mark_focus: bool
) -> None:
    style = node_style(row.kind)
    colour = style.colour
    if row.kind == "party" and row.network_id is not None:
        colour = colours.get(row.network_id, OTHER_NETWORKS)
    border, width, dashes = _darker(colour), 1.2, False
    if row.is_group:
        colour, border, dashes = "#eeeeee", "#616161", True
    if row.is_hub:
        border, width, dashes = _HUB_BORDER, 3.0, True
    if row.focus and mark_focus:
        border, width = _FOCUS_BORDER, 3.5
    kind_text = style.name if row.kind != "party" else "party"
    if plain(row.subtype):
        kind_text += f" ({plain(row.subtype)})"
    if row.is_group:
        anchor = row.node_id.split(":", 2)[2]
        tip = [
            ("", clip(row.label, _TIP_CHARS)),
            ("Each linked only to", clip(labels.get(anchor, anchor), _TIP_CHARS)),
        ]
        tip += [("", "• " + clip(m, 80)) for m in row.members]
    else:
        tip = [
            ("", clip(row.label, _TIP_CHARS)),
            ("Kind", kind_text),
            ("Id", clip(row.node_id, 80)),
        ]
        for name, value in (
            ("Network", row.network_id),
            ("Role", row.role),
            ("Cases", row.n_cases),
            ("Seen", _seen(row.first_seen, row.last_seen)),
            ("Hub", row.hub_reason if row.is_hub else None),
        ):
            if plain(value):
                tip.append((name, clip(value, _TIP_CHARS)))
        if isinstance(row.facts, list | tuple):
            tip += [(clip(k, 40), clip(v, _TIP_CHARS)) for k, v in row.facts]
    net.add_node(
        row.node_id,
        label=clip(row.label, _LABEL_CHARS) or " ",
        shape=style.shape,
        color={
            "background": colour,
            "border": border,
            "highlight": {"background": colour, "border": "#000000"},
            "hover": {"background": colour, "border": "#000000"},
        },
        x=float(row.x),
        y=float(row.y),
        value=int(row.n_cases),
        borderWidth=width,
        shapeProperties={"borderDashes": [5, 3] if dashes else False},
        tip=[[k, v] for k, v in tip],
        name=clip(row.label, _TIP_CHARS),
    )


def _add_edge(net: Network, row: Any, labels: dict[str, str], kinds: dict[str, str]) -> None:
    cls = edge_class(row.kinds)
    colour, dashed, _ = EDGE_CLASSES[cls]
    a, b = row.source, row.target
    # Arrows follow the goods: from a sender to its case, from a case to its receiver.
    party_first = kinds[a] == "party"
    if (cls == "sends" and not party_first) or (cls == "receives" and party_first):
        a, b = b, a
    records = list(row.record_ids)
    shown = ", ".join(clip(r, 40) for r in records[:_TIP_RECORDS])
    if len(records) > _TIP_RECORDS:
        shown += f" and {len(records) - _TIP_RECORDS:,} more"
    tip = [
        ("", f"{clip(labels[a], 60)} — {clip(labels[b], 60)}"),
        ("Link", ", ".join(clip(k, 40) for k in row.kinds)),
        ("Records", f"{int(row.n_records):,}"),
    ]
    seen = _seen(row.first_seen, row.last_seen)
    if seen:
        tip.append(("Seen", seen))
    if shown:
        tip.append(("Record ids", shown))
    net.add_edge(
        a,
        b,
        width=round(1 + 1.6 * math.log2(max(int(row.n_records), 1)), 2),
        color={"color": colour, "highlight": "#000000", "hover": "#000000", "opacity": 0.85},
        dashes=dashed,
        arrows={"to": {"enabled": cls in ("sends", "receives"), "scaleFactor": 0.5}},
        tip=[[k, v] for k, v in tip],
        kinds=", ".join(clip(k, 40) for k in row.kinds),
        n=int(row.n_records),
    )


def _options(n_edges: int, seed: int) -> dict[str, Any]:
    busy = n_edges > 800
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        # improvedLayout runs a Kamada-Kawai pass in the browser: positions are given.
        "layout": {"improvedLayout": False, "randomSeed": seed},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": busy,
            "hideEdgesOnZoom": busy,
            "keyboard": False,
            "zoomSpeed": 0.6,
        },
        "nodes": {
            "scaling": {
                "min": 7,
                "max": 34,
                # Small labels are hidden when zoomed out; zoom in to read them.
                "label": {
                    "enabled": True,
                    "min": 11,
                    "max": 20,
                    "drawThreshold": 7,
                    "maxVisible": 26,
                },
            },
            "font": {
                "face": "system-ui, sans-serif",
                "size": 12,
                "color": "#222222",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
        },
        "edges": {"smooth": False, "selectionWidth": 1.5, "hoverWidth": 0.8},
    }


_CSS = """
html,body{margin:0;height:100%;font:13px system-ui,-apple-system,'Segoe UI',sans-serif;color:#222;background:#fff}
#nl-wrap{display:flex;flex-direction:column;height:100%}
#nl-head{padding:6px 10px;border-bottom:1px solid #e0e0e0}
#nl-head h1{font-size:15px;margin:0;font-weight:600}
.nl-note{margin:3px 0 0;color:#8a4b00}
#nl-body{flex:1;display:flex;min-height:0}
#nl-graph{flex:1;min-width:0;position:relative}
#nl-side{width:270px;overflow:auto;border-left:1px solid #e0e0e0;padding:6px 8px;font-size:12px}
.nl-legend{list-style:none;padding:0;margin:0 0 10px}
.nl-legend li{display:flex;align-items:center;gap:6px;margin:3px 0}
#nl-details h2{font-size:13px;margin:6px 0 4px;overflow-wrap:anywhere}
#nl-details div div{margin:2px 0;overflow-wrap:anywhere}
.nl-hint{color:#666}
div.vis-tooltip{position:absolute;visibility:hidden;padding:5px 7px;max-width:420px;white-space:normal;
overflow-wrap:anywhere;font-size:12px;background:#fffff4;border:1px solid #999;border-radius:3px;
box-shadow:2px 2px 6px rgba(0,0,0,.2);pointer-events:none;z-index:5}
"""

# The page's only script besides vis-network. Data strings reach the page through
# textContent and createTextNode, and canvas labels; never through innerHTML.
_BOOT = """(function () {
  "use strict";
  var payload = JSON.parse(document.getElementById("nl-data").textContent);
  function rows(list) {
    var box = document.createElement("div");
    list.forEach(function (r) {
      var line = document.createElement("div");
      if (r[0]) {
        var key = document.createElement("b");
        key.textContent = r[0] + ": ";
        line.appendChild(key);
      }
      line.appendChild(document.createTextNode(r[1]));
      box.appendChild(line);
    });
    return box;
  }
  var tips = {};
  payload.nodes.forEach(function (n) { tips["n" + n.id] = n.tip; n.title = rows(n.tip); delete n.tip; });
  payload.edges.forEach(function (e, i) { e.id = i; tips["e" + i] = e.tip; e.title = rows(e.tip); delete e.tip; });
  var nodes = new vis.DataSet(payload.nodes);
  var edges = new vis.DataSet(payload.edges);
  var network = new vis.Network(document.getElementById("nl-graph"), {nodes: nodes, edges: edges}, payload.options);
  var details = document.getElementById("nl-details");
  function show(list) {
    var head = document.createElement("h2");
    head.textContent = list[0][1];
    details.replaceChildren(head, rows(list.slice(1)));
  }
  network.on("click", function (p) {
    if (p.nodes.length) {
      var id = p.nodes[0];
      var list = tips["n" + id].slice();
      network.getConnectedEdges(id).forEach(function (eid) {
        var e = edges.get(eid);
        var other = nodes.get(e.from === id ? e.to : e.from);
        list.push(["Link", e.kinds + " \\u2014 " + other.name + " (" + e.n + " record(s))"]);
      });
      show(list);
    } else if (p.edges.length) {
      show(tips["e" + p.edges[0]]);
    }
  });
  network.once("afterDrawing", function () {
    document.documentElement.dataset.drawnMs = String(Math.round(performance.now()));
    document.documentElement.dataset.nodes = String(nodes.length);
  });
  window.netlinkChart = {network: network, nodes: nodes, edges: edges};
})();
"""


def _document(title: str, note: str, legend: str, net: Network, options: dict[str, Any]) -> str:
    payload = script_json({"nodes": net.nodes, "edges": net.edges, "options": options})
    note_html = f'<p class="nl-note">{text(note)}</p>' if note else ""
    hint = "Hover for the key facts; click a node or a link for its links and records."
    body = (
        '<div id="nl-wrap">'
        f'<div id="nl-head"><h1>{text(title)}</h1>{note_html}</div>'
        f'<div id="nl-body"><div id="nl-graph" role="img" aria-label="{text(title)}"></div>'
        f'<aside id="nl-side">{legend}<div id="nl-details"><p class="nl-hint">{hint}</p></div>'
        "</aside></div></div>"
        f'<script type="application/json" id="nl-data">{payload}</script>'
    )
    return document(title, body, head=f"<style>{_CSS}</style>", scripts=[vis_network_js(), _BOOT])
