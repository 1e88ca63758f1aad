"""Table exports: CSV for IBM i2 Analyst's Notebook, CSV for Neo4j's admin import.

The i2 pair and its import specification are described in docs/exports.md; the Neo4j
folder carries the exact ``neo4j-admin`` command in ``import.txt``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from netlink.export._atomic import atomic_output
from netlink.export._graph import CaseGraph
from netlink.export._values import date_text, is_missing, number, record_list

__all__ = ["I2_ENTITY_COLUMNS", "I2_LINK_COLUMNS", "i2_type", "write_i2", "write_neo4j"]

#: i2 entity type of a node, by (kind, subtype); the kind alone when no subtype matches.
_I2_TYPES: dict[tuple[str, str | None], str] = {
    ("party", "person"): "Person",
    ("party", None): "Organisation",
    ("address", None): "Address",
    ("identifier", "phone"): "Telephone",
    ("identifier", "email"): "Email Address",
    ("identifier", "tax_id"): "Tax Identifier",
    ("identifier", "website"): "Web Site",
    ("identifier", None): "Identifier",
    ("domain", None): "Email Domain",
    ("seizure", None): "Seizure",
    ("master", None): "Master Document",
    ("brand", None): "Brand",
    ("place", None): "Location",
}

I2_ENTITY_COLUMNS = (
    "Entity ID",
    "Entity Type",
    "Label",
    "Kind",
    "Subtype",
    "Country",
    "Network",
    "Role",
    "Role Score",
    "Hub",
    "Hub Reason",
    "Cases",
    "First Seen",
    "Last Seen",
)
I2_LINK_COLUMNS = (
    "Link ID",
    "From ID",
    "From Type",
    "From Label",
    "To ID",
    "To Type",
    "To Label",
    "Link Type",
    "Direction",
    "Weight",
    "Record Count",
    "Record IDs",
    "First Seen",
    "Last Seen",
)

# A cell a spreadsheet would run as a formula: "=...", "@...", or "+"/"-" followed by
# anything but a plain number ("+86 138 0013 8000" stays as it is).
_FORMULA = re.compile(r"^(?:[=@\t\r]|[+-](?![\d\s().+-]*$))")


def i2_type(kind: str, subtype: Any) -> str:
    """The i2 entity type of a node.

    Examples
    --------
    >>> i2_type("party", "person"), i2_type("party", "company"), i2_type("identifier", "phone")
    ('Person', 'Organisation', 'Telephone')
    """
    sub = None if is_missing(subtype) else str(subtype)
    return _I2_TYPES.get((kind, sub)) or _I2_TYPES.get((kind, None)) or kind.capitalize()


def _cell(value: Any) -> str:
    """Text for a spreadsheet-bound CSV: formulas defused with a leading apostrophe.

    Examples
    --------
    >>> _cell("=HYPERLINK(1)"), _cell("+86 138 0013 8000"), _cell("-2+3+cmd|x")
    ("'=HYPERLINK(1)", '+86 138 0013 8000', "'-2+3+cmd|x")
    """
    if is_missing(value):
        return ""
    text = str(value)
    return "'" + text if _FORMULA.match(text) else text


def _flag(value: Any) -> str:
    return "" if is_missing(value) else ("true" if bool(value) else "false")


def write_i2(graph: CaseGraph, out: str | Path) -> Path:
    """Write ``entities.csv`` and ``links.csv`` for i2 Analyst's Notebook into a folder.

    UTF-8 with a byte-order mark and CRLF line ends (what i2 and Excel read without a
    prompt); dates as YYYY-MM-DD; cells a spreadsheet would run as a formula start with
    an apostrophe. Each link row names both ends (id, type, label), so ``links.csv``
    imports on its own; ``entities.csv`` adds the entities' attributes. The import
    specification is in docs/exports.md. Written atomically.

    Parameters
    ----------
    graph
        From :func:`netlink.export.case_graph`.
    out
        The folder.

    Returns
    -------
    pathlib.Path
    """
    n, e = graph.nodes, graph.edges
    types = [i2_type(k, s) for k, s in zip(n["kind"], n["subtype"], strict=True)]
    ent_cols = list(I2_ENTITY_COLUMNS) + (["HMAC"] if "hmac" in n.columns else [])
    entities = pd.DataFrame(
        {
            "Entity ID": n["node_id"],
            "Entity Type": types,
            "Label": n["label"],
            "Kind": n["kind"],
            "Subtype": n["subtype"],
            "Country": n["country"],
            "Network": n["network_id"],
            "Role": n["role"],
            "Role Score": n["role_score"].map(number),
            "Hub": n["is_hub"].map(_flag),
            "Hub Reason": n["hub_reason"],
            "Cases": n["n_cases"].map(number),
            "First Seen": n["first_seen"].map(date_text),
            "Last Seen": n["last_seen"].map(date_text),
            **({"HMAC": n["hmac"]} if "hmac" in n.columns else {}),
        }
    )[ent_cols]
    type_of = dict(zip(n["node_id"], types, strict=True))
    label_of = dict(zip(n["node_id"], n["label"], strict=True))
    links = pd.DataFrame(
        {
            "Link ID": [f"L{i + 1}" for i in range(len(e))],
            "From ID": e["source"],
            "From Type": e["source"].map(type_of),
            "From Label": e["source"].map(label_of),
            "To ID": e["target"],
            "To Type": e["target"].map(type_of),
            "To Label": e["target"].map(label_of),
            "Link Type": e["kind"].str.replace("_", " "),
            "Direction": "With",
            "Weight": e["weight"].map(number),
            "Record Count": e["n_records"].map(number),
            "Record IDs": e["record_ids"].map(record_list),
            "First Seen": e["first_seen"].map(date_text),
            "Last Seen": e["last_seen"].map(date_text),
        }
    )[list(I2_LINK_COLUMNS)]
    with atomic_output(out, directory=True) as tmp:
        _write_csv(tmp / "entities.csv", ent_cols, entities.itertuples(index=False), _cell)
        _write_csv(tmp / "links.csv", I2_LINK_COLUMNS, links.itertuples(index=False), _cell)
    return Path(out)


def _write_csv(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    cell: Any,
    *,
    bom: bool = True,
) -> None:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n" if bom else "\n")
        w.writerow(header)
        for row in rows:
            w.writerow([cell(v) for v in row])


# --- Neo4j -------------------------------------------------------------------------

#: Node labels in Neo4j by kind (identifiers and parties get a second label by subtype).
_NEO4J_LABELS = {
    "party": "Party",
    "seizure": "Seizure",
    "address": "Address",
    "identifier": "Identifier",
    "domain": "Domain",
    "master": "MasterDocument",
    "brand": "Brand",
    "place": "Place",
}
_NEO4J_SUBLABELS = {
    "person": "Person",
    "company": "Company",
    "phone": "Phone",
    "email": "Email",
    "tax_id": "TaxId",
    "website": "Website",
}
#: Array delimiters tried in turn: the first that no value holds is used.
_DELIMITERS = (";", "|", "\u00a6", "\u241f")
_NODE_FIELDS = (
    ("node_id", "node_id:ID"),
    ("label", "label"),
    ("kind", "kind"),
    ("subtype", "subtype"),
    ("country", "country"),
    ("network_id", "network_id"),
    ("role", "role"),
    ("role_score", "role_score:double"),
    ("is_hub", "is_hub:boolean"),
    ("hub_reason", "hub_reason"),
    ("n_cases", "n_cases:long"),
    ("first_seen", "first_seen:date"),
    ("last_seen", "last_seen:date"),
    ("hmac", "hmac"),
)
_EDGE_HEADER = (
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "kind",
    "weight:double",
    "n_records:long",
    "record_ids:string[]",
    "first_seen:date",
    "last_seen:date",
)


def _neo4j_value(value: Any) -> str:
    if is_missing(value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, pd.Timestamp):
        return date_text(value)
    if isinstance(value, float | int) and not isinstance(value, bool):
        return number(value)
    return str(value)


def _delimiter(graph: CaseGraph) -> str:
    texts = [str(r) for rs in graph.edges["record_ids"] for r in rs]
    for d in _DELIMITERS:
        if not any(d in t for t in texts):
            return d
    raise ValueError("every array delimiter occurs in a record id")  # pragma: no cover


def write_neo4j(graph: CaseGraph, out: str | Path) -> Path:
    """Write CSV files for ``neo4j-admin database import full`` into a folder.

    One node file per kind (``nodes_party.csv``, ``nodes_seizure.csv``, ...) with the
    header syntax of the admin import (``node_id:ID``, ``role_score:double``,
    ``is_hub:boolean``, ``first_seen:date``, ``:LABEL``), one ``relationships.csv``
    (``:START_ID``, ``:END_ID``, ``:TYPE``, ``record_ids:string[]``, ...), and
    ``import.txt`` with the command, including the array delimiter chosen so that no
    record id contains it. Written atomically.

    Parameters
    ----------
    graph
        From :func:`netlink.export.case_graph`.
    out
        The folder.

    Returns
    -------
    pathlib.Path
    """
    delim = _delimiter(graph)
    n, e = graph.nodes, graph.edges
    fields = [(c, h) for c, h in _NODE_FIELDS if c in n.columns]
    files = []
    with atomic_output(out, directory=True) as tmp:
        for kind, part in n.groupby("kind", sort=True):
            name = f"nodes_{re.sub(r'[^a-z0-9_]', '_', str(kind).lower())}.csv"
            files.append(name)
            base = _NEO4J_LABELS.get(str(kind), "Node")
            labels = [
                delim.join([base, *([_NEO4J_SUBLABELS[s]] if s in _NEO4J_SUBLABELS else [])])
                for s in part["subtype"]
            ]
            rows = zip(*(part[c].tolist() for c, _ in fields), labels, strict=True)
            _write_csv(
                tmp / name, [h for _, h in fields] + [":LABEL"], rows, _neo4j_value, bom=False
            )
        rows = zip(
            e["source"],
            e["target"],
            e["kind"].str.upper(),
            e["kind"],
            e["weight"],
            e["n_records"],
            [delim.join(r) for r in e["record_ids"]],
            e["first_seen"],
            e["last_seen"],
            strict=True,
        )
        _write_csv(tmp / "relationships.csv", _EDGE_HEADER, rows, _neo4j_value, bom=False)
        (tmp / "import.txt").write_text(_command(files, delim), encoding="utf-8")
    return Path(out)


def _command(node_files: list[str], delim: str) -> str:
    nodes = " ".join(f"--nodes={f}" for f in node_files)
    return (
        "# Neo4j 5: run in this folder, with the database stopped (it must be new or empty).\n"
        f"neo4j-admin database import full {nodes} --relationships=relationships.csv "
        f"--array-delimiter='{delim}' --ignore-empty-strings=true --multiline-fields=true neo4j\n"
    )
