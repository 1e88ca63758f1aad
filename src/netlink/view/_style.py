"""How node and link kinds look: shapes, colours, names, and the legend that explains them."""

from __future__ import annotations

from dataclasses import dataclass

from netlink.view._safe import text

__all__ = [
    "EDGE_CLASSES",
    "NODE_STYLES",
    "OTHER_NETWORKS",
    "ROLE_COLOURS",
    "NodeStyle",
    "edge_class",
    "legend_html",
    "network_colours",
    "node_style",
]


@dataclass(frozen=True)
class NodeStyle:
    """The look of a node kind in link charts."""

    shape: str
    colour: str
    name: str
    plural: str


#: Node kind -> look. Parties are coloured by their network instead (see
#: :func:`network_colours`); the colour here is that of a party in no network.
NODE_STYLES: dict[str, NodeStyle] = {
    "party": NodeStyle("dot", "#9e9e9e", "party (no network)", "parties"),
    "seizure": NodeStyle("square", "#90a4ae", "case", "cases"),
    "address": NodeStyle("triangle", "#a1887f", "address", "addresses"),
    "identifier": NodeStyle(
        "triangleDown", "#4db6ac", "phone, e-mail, tax id, website", "identifiers"
    ),
    "domain": NodeStyle("triangleDown", "#80deea", "e-mail domain", "e-mail domains"),
    "place": NodeStyle("diamond", "#9575cd", "place", "places"),
    "brand": NodeStyle("star", "#ffb74d", "brand", "brands"),
    "master": NodeStyle("hexagon", "#8d6e63", "master document", "master documents"),
}
_UNKNOWN = NodeStyle("dot", "#bdbdbd", "other", "other nodes")

# Tableau 10: distinct for most forms of colour blindness at these sizes.
_PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#b07aa1",
    "#edc948",
    "#76b7b2",
    "#ff9da7",
    "#9c755f",
    "#17becf",
)
OTHER_NETWORKS = "#c5b0d5"

#: Link class -> (colour, dashed, legend text). Classes group the graph's edge kinds.
EDGE_CLASSES: dict[str, tuple[str, bool, str]] = {
    "sends": ("#e07b39", False, "sends (consignor, seller): arrow along the flow"),
    "receives": ("#3c78b5", False, "receives (consignee, buyer, notify)"),
    "handles": ("#7f7f7f", False, "handles (forwarder, carrier, declarant, other)"),
    "uses": ("#2e9d8f", True, "uses an address, phone, e-mail, tax id, website"),
    "case": ("#c3c3c3", False, "case facts (brand, place, master document)"),
}
_CLASS_OF_KIND = {
    "consignor": "sends",
    "seller": "sends",
    "consignee": "receives",
    "buyer": "receives",
    "notify": "receives",
    "declarant": "handles",
    "forwarder": "handles",
    "carrier": "handles",
    "other": "handles",
    "located_at": "uses",
    "uses_phone": "uses",
    "uses_email": "uses",
    "has_tax_id": "uses",
    "uses_website": "uses",
    "uses_domain": "uses",
}
_CLASS_ORDER = ("sends", "receives", "handles", "uses", "case")

#: A party's role on a case -> colour in timelines: warm for senders, blue for
#: receivers, grey for intermediaries (the link colours of charts).
ROLE_COLOURS: dict[str, str] = {
    "consignor": "#e07b39",
    "seller": "#f2b134",
    "consignee": "#3c78b5",
    "buyer": "#6fa8dc",
    "notify": "#9fc5e8",
    "forwarder": "#5f5f5f",
    "carrier": "#8e8e8e",
    "declarant": "#b5b5b5",
    "other": "#d0d0d0",
}


def node_style(kind: str) -> NodeStyle:
    """The look of a node kind (a neutral dot for kinds netlink does not know)."""
    return NODE_STYLES.get(kind, _UNKNOWN)


def edge_class(kinds: list[str]) -> str:
    """The class of a drawn link holding these edge kinds: the first in flow order.

    Examples
    --------
    >>> edge_class(["declarant", "consignor"]), edge_class(["infringes"])
    ('sends', 'case')
    """
    classes = {_CLASS_OF_KIND.get(k, "case") for k in kinds}
    return next(c for c in _CLASS_ORDER if c in classes)


def network_colours(network_ids: list[str]) -> dict[str, str]:
    """Colours of networks, in the order given (most important first).

    The first ten get a colour of their own; the rest share one, so that no two networks
    on a chart look alike by accident.

    Examples
    --------
    >>> network_colours(["N0002", "N0001"])
    {'N0002': '#4e79a7', 'N0001': '#f28e2b'}
    """
    return {
        n: (_PALETTE[i] if i < len(_PALETTE) else OTHER_NETWORKS) for i, n in enumerate(network_ids)
    }


def _shape_icon(shape: str, colour: str, border: str = "#555", dashed: bool = False) -> str:
    """A 14 px SVG icon of a vis-network shape, for the legend."""
    dash = ' stroke-dasharray="3,2"' if dashed else ""
    style = f'fill="{colour}" stroke="{border}" stroke-width="1.5"{dash}'
    paths = {
        "square": f'<rect x="2" y="2" width="10" height="10" {style}/>',
        "triangle": f'<polygon points="7,1 13,12 1,12" {style}/>',
        "triangleDown": f'<polygon points="1,2 13,2 7,13" {style}/>',
        "diamond": f'<polygon points="7,1 13,7 7,13 1,7" {style}/>',
        "star": f'<polygon points="7,1 8.8,5.2 13,5.5 9.8,8.4 10.8,13 7,10.6 3.2,13 4.2,8.4 1,5.5 5.2,5.2" {style}/>',
        "hexagon": f'<polygon points="4,1.5 10,1.5 13,7 10,12.5 4,12.5 1,7" {style}/>',
    }
    inner = paths.get(shape, f'<circle cx="7" cy="7" r="5.5" {style}/>')
    return f'<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">{inner}</svg>'


def _line_icon(colour: str, dashed: bool) -> str:
    dash = ' stroke-dasharray="4,3"' if dashed else ""
    return (
        '<svg width="22" height="10" viewBox="0 0 22 10" aria-hidden="true">'
        f'<line x1="1" y1="5" x2="21" y2="5" stroke="{colour}" stroke-width="2.5"{dash}/></svg>'
    )


def legend_html(
    kinds: list[str],
    networks: dict[str, str],
    edge_classes: list[str],
    *,
    hubs: bool,
    groups: bool,
    more_networks: int = 0,
) -> str:
    """The legend of a chart: only what the chart shows.

    Parameters
    ----------
    kinds
        Node kinds on the chart.
    networks
        Network id -> colour of the networks on the chart (ids are data: escaped).
    edge_classes
        Link classes on the chart.
    hubs, groups
        Whether hubs or collapsed groups are on the chart.
    more_networks
        Networks drawn in the shared colour.
    """
    items: list[str] = []
    for n, colour in networks.items():
        if colour != OTHER_NETWORKS:
            items.append(f"<li>{_shape_icon('dot', colour)} party of network {text(n)}</li>")
    if more_networks:
        items.append(
            f"<li>{_shape_icon('dot', OTHER_NETWORKS)} party of {more_networks} other network(s)</li>"
        )
    for kind in kinds:
        s = node_style(kind)
        items.append(f"<li>{_shape_icon(s.shape, s.colour)} {text(s.name)}</li>")
    if hubs:
        items.append(
            f"<li>{_shape_icon('dot', '#ffffff', '#c62828', dashed=True)} "
            "hub: shown, but links through it say little</li>"
        )
    if groups:
        items.append(
            f"<li>{_shape_icon('dot', '#eeeeee', '#616161', dashed=True)} "
            "collapsed group of leaves (click for the list)</li>"
        )
    for c in edge_classes:
        colour, dashed, label = EDGE_CLASSES[c]
        items.append(f"<li>{_line_icon(colour, dashed)} {text(label)}</li>")
    items.append("<li>size: cases; line width: records behind the link</li>")
    return '<ul class="nl-legend">' + "".join(items) + "</ul>"
