"""A structural check of GEXF 1.3 files, in place of validation against the XSD.

The GEXF 1.3 schema (gexf.xsd and its includes) is not available offline on the test
machines and no XSD validator is installed, so this checks, with the standard library,
the rules of the schema that an export can break:

* the root is ``gexf`` in the namespace ``http://gexf.net/1.3`` with ``version="1.3"``;
  its children are an optional ``meta`` (``creator``, ``keywords``, ``description``;
  ``lastmodifieddate`` an xs:date) and exactly one ``graph``;
* ``graph``: ``defaultedgetype`` in directed/undirected/mutual, ``mode`` static/dynamic;
  children only ``attributes``, ``nodes``, ``edges``;
* ``attributes``: ``class`` node/edge, ``mode`` static/dynamic; each ``attribute`` has
  an ``id``, a ``title`` and a ``type`` among those of GEXF 1.2 and 1.3 alike;
* ``nodes``/``edges``: ``count`` equal to the number of children; ids present and
  unique; every edge's ``source`` and ``target`` a node id; ``weight`` a double; edge
  ``type`` directed/undirected/mutual;
* ``attvalue``: ``for`` names an attribute declared for that class, ``value`` present
  and of the attribute's type;
* node children only ``attvalues``, ``spells``, ``nodes``, ``edges``, ``parents`` and
  the ``viz`` elements; ``viz:color`` r, g, b integers 0 to 255.

What it does not check: element order inside ``graph``, dynamic attributes (spells,
timestamps), hierarchy and phylogeny elements, and every ``viz`` attribute; netlink
writes none of those.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

NS = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
TYPES = {"integer", "long", "double", "float", "boolean", "liststring", "string", "anyURI"}
EDGE_TYPES = {"directed", "undirected", "mutual"}
NODE_CHILDREN = {f"{{{NS}}}{t}" for t in ("attvalues", "spells", "nodes", "edges", "parents")} | {
    f"{{{VIZ}}}{t}" for t in ("color", "position", "size", "shape")
}
EDGE_CHILDREN = {f"{{{NS}}}{t}" for t in ("attvalues", "spells")} | {
    f"{{{VIZ}}}{t}" for t in ("color", "thickness", "shape")
}


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _typed(kind: str, value: str) -> bool:
    try:
        if kind in ("integer", "long"):
            int(value)
        elif kind in ("double", "float"):
            float(value)
        elif kind == "boolean":
            return value in ("true", "false", "1", "0")
    except ValueError:
        return False
    return True


def gexf_problems(path: Path) -> list[str]:
    """Every rule of the module docstring a GEXF file breaks ([] when it keeps them all)."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        return [f"not well-formed XML: {err}"]
    out: list[str] = []
    if root.tag != _q("gexf"):
        return [f"root element is {root.tag}, expected {_q('gexf')}"]
    if root.get("version") != "1.3":
        out.append(f"version is {root.get('version')!r}, expected '1.3'")
    graphs = root.findall(_q("graph"))
    if len(graphs) != 1:
        out.append(f"{len(graphs)} graph elements, expected 1")
    for child in root:
        if child.tag not in (_q("meta"), _q("graph")):
            out.append(f"unexpected element {child.tag} in gexf")
    for meta in root.findall(_q("meta")):
        date = meta.get("lastmodifieddate")
        if date is not None:
            try:
                dt.date.fromisoformat(date)
            except ValueError:
                out.append(f"lastmodifieddate {date!r} is not a date")
        for child in meta:
            if child.tag not in {_q("creator"), _q("keywords"), _q("description")}:
                out.append(f"unexpected element {child.tag} in meta")
    if not graphs:
        return out
    graph = graphs[0]
    if graph.get("defaultedgetype", "undirected") not in EDGE_TYPES:
        out.append(f"defaultedgetype {graph.get('defaultedgetype')!r}")
    if graph.get("mode", "static") not in ("static", "dynamic"):
        out.append(f"mode {graph.get('mode')!r}")
    declared: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for child in graph:
        if child.tag not in {_q("attributes"), _q("nodes"), _q("edges")}:
            out.append(f"unexpected element {child.tag} in graph")
    for attrs in graph.findall(_q("attributes")):
        cls = attrs.get("class")
        if cls not in declared:
            out.append(f"attributes class {cls!r}")
            continue
        if attrs.get("mode", "static") not in ("static", "dynamic"):
            out.append(f"attributes mode {attrs.get('mode')!r}")
        for a in attrs:
            if a.tag != _q("attribute"):
                out.append(f"unexpected element {a.tag} in attributes")
                continue
            if not a.get("id") or a.get("title") is None:
                out.append("attribute without id or title")
            if a.get("type") not in TYPES:
                out.append(f"attribute {a.get('id')} has type {a.get('type')!r}")
            declared[cls][a.get("id", "")] = a.get("type", "")
    node_ids: set[str] = set()
    for nodes in graph.findall(_q("nodes")):
        items = nodes.findall(_q("node"))
        if nodes.get("count") is not None and int(nodes.get("count", "-1")) != len(items):
            out.append(f"nodes count {nodes.get('count')} but {len(items)} nodes")
        for node in items:
            nid = node.get("id")
            if not nid:
                out.append("node without id")
            elif nid in node_ids:
                out.append(f"duplicate node id {nid!r}")
            node_ids.add(nid or "")
            out += _children(node, NODE_CHILDREN, declared["node"], f"node {nid!r}")
    edge_ids: set[str] = set()
    for edges in graph.findall(_q("edges")):
        items = edges.findall(_q("edge"))
        if edges.get("count") is not None and int(edges.get("count", "-1")) != len(items):
            out.append(f"edges count {edges.get('count')} but {len(items)} edges")
        for edge in items:
            eid = edge.get("id")
            if not eid or eid in edge_ids:
                out.append(f"edge id {eid!r} missing or repeated")
            edge_ids.add(eid or "")
            for end in ("source", "target"):
                if edge.get(end) not in node_ids:
                    out.append(f"edge {eid}: {end} {edge.get(end)!r} is not a node")
            if edge.get("type", "directed") not in EDGE_TYPES:
                out.append(f"edge {eid}: type {edge.get('type')!r}")
            if edge.get("weight") is not None and not _typed("double", edge.get("weight", "")):
                out.append(f"edge {eid}: weight {edge.get('weight')!r}")
            out += _children(edge, EDGE_CHILDREN, declared["edge"], f"edge {eid!r}")
    return out


def _children(el: ET.Element, allowed: set[str], declared: dict[str, str], what: str) -> list[str]:
    out = []
    for child in el:
        if child.tag not in allowed:
            out.append(f"{what}: unexpected element {child.tag}")
        elif child.tag == _q("attvalues"):
            for av in child:
                kind = declared.get(av.get("for", ""))
                if av.tag != _q("attvalue") or kind is None:
                    out.append(f"{what}: attvalue for undeclared {av.get('for')!r}")
                elif av.get("value") is None or not _typed(kind, av.get("value", "")):
                    out.append(f"{what}: value {av.get('value')!r} is not {kind}")
        elif child.tag == f"{{{VIZ}}}color":
            for c in ("r", "g", "b"):
                v = child.get(c, "")
                if not v.isdigit() or not 0 <= int(v) <= 255:
                    out.append(f"{what}: viz:color {c}={v!r}")
    return out
