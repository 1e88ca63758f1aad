"""Exports: a case's link graph, or one network's, for the tools analysts already use.

=========  ===================================================  ===========================
format     written                                              read by
=========  ===================================================  ===========================
gexf       one GEXF 1.3 file                                    Gephi, networkx
graphml    one GraphML file                                     yEd, Cytoscape, igraph
i2         folder: ``entities.csv``, ``links.csv``              IBM i2 Analyst's Notebook
neo4j      folder: ``nodes_<kind>.csv``, ``relationships.csv``  ``neo4j-admin database import``
ftm        one FollowTheMoney JSON-lines file                   Aleph, OpenAleph, ftm tools
=========  ===================================================  ===========================

Every exported link carries the ids of the source records behind it. With
``pseudonymise=True`` names, identifiers and ids are replaced by keyed digests
(:mod:`netlink.pseudonymise`). Outputs are written atomically: complete or absent.
docs/exports.md describes each format and the i2 import specification.

Examples
--------
>>> from netlink.export import FORMATS
>>> FORMATS
('gexf', 'graphml', 'i2', 'neo4j', 'ftm')
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from netlink.casefile import read_case_file
from netlink.errors import ParameterError
from netlink.export._atomic import atomic_output
from netlink.export._ftm import FTM_SCHEMATA, ftm_id, write_ftm
from netlink.export._graph import (
    EDGE_COLUMNS,
    NODE_COLUMNS,
    CaseGraph,
    case_graph,
    network_row,
    provenance,
)
from netlink.export._tables import (
    I2_ENTITY_COLUMNS,
    I2_LINK_COLUMNS,
    i2_type,
    write_i2,
    write_neo4j,
)
from netlink.export._values import KIND_COLOURS
from netlink.export._xml import GEXF_NAMESPACE, write_gexf, write_graphml
from netlink.pseudonymise import CasePseudonymiser, PseudonymKey, load_key

__all__ = [
    "EDGE_COLUMNS",
    "FORMATS",
    "FTM_SCHEMATA",
    "GEXF_NAMESPACE",
    "I2_ENTITY_COLUMNS",
    "I2_LINK_COLUMNS",
    "KIND_COLOURS",
    "NODE_COLUMNS",
    "CaseGraph",
    "atomic_output",
    "case_graph",
    "export_case",
    "ftm_id",
    "i2_type",
    "network_row",
    "provenance",
    "resolve_key",
    "write_ftm",
    "write_gexf",
    "write_graphml",
    "write_i2",
    "write_neo4j",
]

_WRITERS: dict[str, Callable[[CaseGraph, str | Path], Path]] = {
    "gexf": write_gexf,
    "graphml": write_graphml,
    "i2": write_i2,
    "neo4j": write_neo4j,
    "ftm": write_ftm,
}

#: The export formats, in the order the command line lists them.
FORMATS: tuple[str, ...] = tuple(_WRITERS)


def resolve_key(pseudonymise: bool, key: PseudonymKey | None) -> PseudonymKey | None:
    """The key a call will use: ``key``, else the environment's, when pseudonymising.

    Raises
    ------
    ParameterError
        Pseudonymising without a key anywhere, or a key given without pseudonymising
        (so nobody takes a plain output for a pseudonymised one).

    Examples
    --------
    >>> resolve_key(False, None) is None
    True
    """
    if not pseudonymise:
        if key is not None:
            raise ParameterError(
                "a pseudonymisation key was given, but pseudonymised output was not asked for",
                hint="Add --pseudonymise (pseudonymise=True), or leave the key out.",
            )
        return None
    return key if key is not None else load_key()


def export_case(
    case_path: str | Path,
    fmt: str,
    out: str | Path,
    *,
    network_id: str | None = None,
    pseudonymise: bool = False,
    key: PseudonymKey | None = None,
) -> Path:
    """Export a case's link graph, or one network's part of it.

    Parameters
    ----------
    case_path
        A case file written by ``netlink analyze``.
    fmt
        One of :data:`FORMATS`.
    out
        The file (gexf, graphml, ftm) or folder (i2, neo4j) to write.
    network_id
        One network (its cases' records and what they link), or None for the whole case.
    pseudonymise
        Replace names, identifiers and ids with keyed digests.
    key
        The key; when None and ``pseudonymise``, read from the environment variable
        :data:`netlink.pseudonymise.KEY_ENV`.

    Returns
    -------
    pathlib.Path
        ``out``.

    Raises
    ------
    ParameterError
        Unknown format, an empty network, or no key for a pseudonymised export.
    CaseFileError
        The case file is missing, damaged, of another version, or without a link graph.
    UnknownEntityError
        No such network.
    """
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ParameterError(
            f"unknown export format {fmt!r}", hint=f"Choose one of {', '.join(FORMATS)}."
        )
    secret = resolve_key(pseudonymise, key)
    case = read_case_file(case_path)
    ps = CasePseudonymiser(case.tables, secret) if secret is not None else None
    graph = case_graph(case, network_id, pseudonymiser=ps)
    if ps is not None:
        ps.check(_strings(graph), what=f"the {fmt} export")
    return writer(graph, out)


def _strings(graph: CaseGraph) -> list[str]:
    """Every text an export is made from (labels, reasons, ids, record ids)."""
    texts: list[str] = []
    for frame in (graph.nodes, graph.edges):
        for col in frame.columns:
            values = frame[col]
            if col == "record_ids":
                texts.extend(str(r) for rs in values for r in rs)
            elif values.dtype == object or str(values.dtype) in ("str", "string"):
                texts.extend(str(v) for v in values.dropna())
    return texts
