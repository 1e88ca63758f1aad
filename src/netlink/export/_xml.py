"""GEXF 1.3 and GraphML: the link graph for Gephi, yEd, Cytoscape, igraph and networkx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import IO, Any

import pandas as pd

from netlink.export._atomic import atomic_output
from netlink.export._graph import CaseGraph
from netlink.export._values import (
    KIND_COLOURS,
    date_text,
    is_missing,
    number,
    record_list,
    xml_text,
)

__all__ = ["GEXF_NAMESPACE", "write_gexf", "write_graphml"]

GEXF_NAMESPACE = "http://gexf.net/1.3"
_VIZ_NAMESPACE = "http://gexf.net/1.3/viz"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
GRAPHML_NAMESPACE = "http://graphml.graphdrawing.org/xmlns"

#: Node attributes: column -> type, in the file's order (GEXF type; GraphML maps them).
_NODE_ATTRS = {
    "kind": "string",
    "subtype": "string",
    "country": "string",
    "network_id": "string",
    "role": "string",
    "role_score": "double",
    "is_hub": "boolean",
    "hub_reason": "string",
    "n_cases": "integer",
    "first_seen": "string",
    "last_seen": "string",
    "hmac": "string",
}
_EDGE_ATTRS = {
    "kind": "string",
    "n_records": "integer",
    "record_ids": "string",
    "first_seen": "string",
    "last_seen": "string",
}
_GRAPHML_TYPES = {"string": "string", "double": "double", "boolean": "boolean", "integer": "long"}


def _value(kind: str, value: Any) -> str | None:
    """The attribute value as text, or None to leave it out (missing)."""
    if isinstance(value, str):  # most values: checked first
        return xml_text(value) if value else None
    if isinstance(value, tuple | list):
        return record_list(value)
    if is_missing(value):
        return None
    if isinstance(value, pd.Timestamp | dt.date):
        return date_text(value)
    if kind == "boolean":
        return "true" if bool(value) else "false"
    if kind in ("double", "integer"):
        return number(value)
    return xml_text(value)


def _rows(frame: pd.DataFrame, attrs: dict[str, str]) -> list[dict[str, str]]:
    """Per row, the present attribute values as text."""
    cols = [c for c in attrs if c in frame.columns]
    out = []
    for values in zip(*(frame[c].tolist() for c in cols), strict=True):
        row = {}
        for col, value in zip(cols, values, strict=True):
            text = _value(attrs[col], value)
            if text is not None:
                row[col] = text
        out.append(row)
    return out


def _description(graph: CaseGraph) -> str:
    scope = f"network {graph.network_id}" if graph.network_id else "whole case"
    facts = "; ".join(f"{k}={v}" for k, v in graph.provenance.items() if k != "parameters")
    return f"netlink link graph ({scope}); {facts}"


def write_gexf(graph: CaseGraph, out: str | Path) -> Path:
    """Write a GEXF 1.3 file (Gephi): typed nodes and edges, colours by kind.

    Every edge carries ``record_ids`` (a JSON array of the source record ids) and
    ``n_records``; nodes carry kind, role, network, hub flag, cases and dates. Missing
    values are left out. The file is written atomically.

    Parameters
    ----------
    graph
        From :func:`netlink.export.case_graph`.
    out
        The ``.gexf`` file.

    Returns
    -------
    pathlib.Path
    """
    with atomic_output(out) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as f:
        _gexf(graph, f)
    return Path(out)


def _gexf(graph: CaseGraph, f: IO[str]) -> None:
    node_attrs = {k: v for k, v in _NODE_ATTRS.items() if k in graph.nodes.columns}
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    f.write(
        f'<gexf xmlns="{GEXF_NAMESPACE}" xmlns:viz="{_VIZ_NAMESPACE}" xmlns:xsi="{_XSI}" '
        f'xsi:schemaLocation="{GEXF_NAMESPACE} {GEXF_NAMESPACE}/gexf.xsd" version="1.3">\n'
    )
    today = dt.datetime.now(dt.UTC).date().isoformat()
    f.write(f'  <meta lastmodifieddate="{today}">\n')
    f.write(
        f"    <creator>{_esc('netlink ' + graph.provenance.get('netlink_version', ''))}</creator>\n"
    )
    f.write(f"    <description>{_esc(_description(graph))}</description>\n")
    f.write("  </meta>\n")
    f.write('  <graph defaultedgetype="directed" mode="static">\n')
    for cls, attrs in (("node", node_attrs), ("edge", _EDGE_ATTRS)):
        f.write(f'    <attributes class="{cls}" mode="static">\n')
        for i, (name, kind) in enumerate(attrs.items()):
            f.write(f'      <attribute id="{cls[0]}{i}" title="{name}" type="{kind}"/>\n')
        f.write("    </attributes>\n")
    n = graph.nodes
    f.write(f'    <nodes count="{len(n)}">\n')
    ids = {name: f"n{i}" for i, name in enumerate(node_attrs)}
    for nid, label, kind, row in zip(
        n["node_id"], n["label"], n["kind"], _rows(n, node_attrs), strict=True
    ):
        f.write(f"      <node id={quoteattr(xml_text(nid))} label={quoteattr(xml_text(label))}>\n")
        _attvalues(f, row, ids)
        r, g, b = _rgb(KIND_COLOURS.get(str(kind), "#999999"))
        f.write(f'        <viz:color r="{r}" g="{g}" b="{b}"/>\n')
        f.write("      </node>\n")
    f.write("    </nodes>\n")
    e = graph.edges
    f.write(f'    <edges count="{len(e)}">\n')
    ids = {name: f"e{i}" for i, name in enumerate(_EDGE_ATTRS)}
    for i, (src, dst, kind, weight, row) in enumerate(
        zip(e["source"], e["target"], e["kind"], e["weight"], _rows(e, _EDGE_ATTRS), strict=True)
    ):
        f.write(
            f'      <edge id="{i}" source={quoteattr(xml_text(src))} target={quoteattr(xml_text(dst))} '
            f'label={quoteattr(xml_text(kind))} weight="{number(weight) or "1"}">\n'
        )
        _attvalues(f, row, ids)
        f.write("      </edge>\n")
    f.write("    </edges>\n  </graph>\n</gexf>\n")


def _attvalues(f: IO[str], row: dict[str, str], ids: dict[str, str]) -> None:
    if not row:
        return
    f.write("        <attvalues>\n")
    for name, text in row.items():
        f.write(f'          <attvalue for="{ids[name]}" value={quoteattr(text)}/>\n')
    f.write("        </attvalues>\n")


def _esc(text: str) -> str:
    return xml_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoteattr(text: str) -> str:
    """An XML attribute value in double quotes; line breaks and tabs kept as references."""
    for raw, ref in _ATTR_REFS:
        text = text.replace(raw, ref)
    return f'"{text}"'


# "&" first, so the references added after it are not escaped again.
_ATTR_REFS = (
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("\n", "&#10;"),
    ("\r", "&#13;"),
    ("\t", "&#9;"),
)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def write_graphml(graph: CaseGraph, out: str | Path) -> Path:
    """Write a GraphML file (yEd, Cytoscape, igraph, networkx, Neo4j's APOC).

    Directed; parallel edges of different kinds between the same two nodes are kept.
    Nodes carry ``label`` and the node attributes, edges ``kind``, ``weight`` and the
    edge attributes (``record_ids`` a JSON array); the graph carries the provenance.
    Missing values are left out. The file is written atomically.

    Parameters
    ----------
    graph
        From :func:`netlink.export.case_graph`.
    out
        The ``.graphml`` file.

    Returns
    -------
    pathlib.Path
    """
    with atomic_output(out) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as f:
        _graphml(graph, f)
    return Path(out)


def _graphml(graph: CaseGraph, f: IO[str]) -> None:
    node_attrs = {
        "label": "string",
        **{k: v for k, v in _NODE_ATTRS.items() if k in graph.nodes.columns},
    }
    edge_attrs = {"weight": "double", **_EDGE_ATTRS}
    graph_attrs = {k: xml_text(v) for k, v in graph.provenance.items()}
    graph_attrs["scope"] = f"network {graph.network_id}" if graph.network_id else "whole case"
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    f.write(
        f'<graphml xmlns="{GRAPHML_NAMESPACE}" xmlns:xsi="{_XSI}" xsi:schemaLocation='
        f'"{GRAPHML_NAMESPACE} {GRAPHML_NAMESPACE}/1.0/graphml.xsd">\n'
    )
    keys: dict[tuple[str, str], str] = {}
    for cls, attrs in (
        ("graph", dict.fromkeys(graph_attrs, "string")),
        ("node", node_attrs),
        ("edge", edge_attrs),
    ):
        for name, kind in attrs.items():
            key = f"{cls[0]}_{name}"
            keys[(cls, name)] = key
            f.write(
                f'  <key id="{key}" for="{cls}" attr.name="{name}" '
                f'attr.type="{_GRAPHML_TYPES[kind]}"/>\n'
            )
    f.write('  <graph id="G" edgedefault="directed">\n')
    for name, text in graph_attrs.items():
        f.write(f'    <data key="{keys[("graph", name)]}">{_esc(text)}</data>\n')
    n = graph.nodes
    for nid, row in zip(n["node_id"], _rows(n, node_attrs), strict=True):
        f.write(f"    <node id={quoteattr(xml_text(nid))}>\n")
        for name, text in row.items():
            f.write(f'      <data key="{keys[("node", name)]}">{_esc(text)}</data>\n')
        f.write("    </node>\n")
    e = graph.edges
    for i, (src, dst, row) in enumerate(
        zip(e["source"], e["target"], _rows(e, edge_attrs), strict=True)
    ):
        f.write(
            f'    <edge id="e{i}" source={quoteattr(xml_text(src))} target={quoteattr(xml_text(dst))}>\n'
        )
        for name, text in row.items():
            f.write(f'      <data key="{keys[("edge", name)]}">{_esc(text)}</data>\n')
        f.write("    </edge>\n")
    f.write("  </graph>\n</graphml>\n")
