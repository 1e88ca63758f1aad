"""The typed link graph with provenance, the weighted party projection, hub detection."""

from netlink.graph._arrays import unique, unique_counts, unique_inverse
from netlink.graph._build import build_graph
from netlink.graph._community import canonical_labels, leiden, leiden_core
from netlink.graph._exact import ResolvedFrames, exact_entities
from netlink.graph._hubs import (
    HUB_NAME_PATTERN,
    PLACEHOLDER_PATTERN,
    Hubs,
    HubSettings,
    detect_hubs,
    read_hub_overrides,
)
from netlink.graph._model import (
    ATTRIBUTE_EDGE_KINDS,
    ATTRIBUTE_WORDS,
    CASE_EDGE_KINDS,
    EDGE_KINDS,
    FREE_MAIL_DOMAINS,
    NODE_KINDS,
    PARTY_EDGE_KINDS,
    Edge,
    GraphSettings,
    LinkGraph,
    check_provenance,
)
from netlink.graph._project import (
    COMPONENTS,
    PartyProjection,
    ProjectionSettings,
    pairs_within,
    project_parties,
)

__all__ = [
    "ATTRIBUTE_EDGE_KINDS",
    "ATTRIBUTE_WORDS",
    "CASE_EDGE_KINDS",
    "COMPONENTS",
    "EDGE_KINDS",
    "FREE_MAIL_DOMAINS",
    "HUB_NAME_PATTERN",
    "NODE_KINDS",
    "PARTY_EDGE_KINDS",
    "PLACEHOLDER_PATTERN",
    "Edge",
    "GraphSettings",
    "HubSettings",
    "Hubs",
    "LinkGraph",
    "PartyProjection",
    "ProjectionSettings",
    "ResolvedFrames",
    "build_graph",
    "canonical_labels",
    "check_provenance",
    "detect_hubs",
    "exact_entities",
    "leiden",
    "leiden_core",
    "pairs_within",
    "project_parties",
    "read_hub_overrides",
    "unique",
    "unique_counts",
    "unique_inverse",
]
