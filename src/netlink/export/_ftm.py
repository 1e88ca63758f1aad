"""FollowTheMoney entities (Aleph, OpenAleph, yente) as JSON lines, where the model fits.

Parties become ``Person``, ``Company`` or ``LegalEntity`` with their identifiers as
properties (``phone``, ``email``, ``website``, ``taxNumber``) and their addresses as
``Address`` entities (``addressEntity``); seizures become ``Event`` entities; a party's
role on a seizure becomes an ``UnknownLink`` (``subject`` the party, ``object`` the
event, ``role`` the role) whose ``recordId`` lists the source records. Brands, places
and master documents, which the model has no entity for, are named in the event's
``summary`` and ``keywords``. In a pseudonymised export identifiers are digests and go
to ``idNumber``, because the typed properties would refuse them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pandas as pd

from netlink.export._atomic import atomic_output
from netlink.export._graph import CaseGraph
from netlink.export._values import date_text, is_missing, number
from netlink.graph import PARTY_EDGE_KINDS

__all__ = ["FTM_SCHEMATA", "ftm_id", "write_ftm"]

#: The schemata written.
FTM_SCHEMATA = ("Address", "Company", "Event", "LegalEntity", "Person", "UnknownLink")

_PARTY_SCHEMA = {"person": "Person", "company": "Company"}
_IDENTIFIER_PROPERTY = {
    "phone": "phone",
    "email": "email",
    "website": "website",
    "tax_id": "taxNumber",
}
_UNSAFE = re.compile(r"[^A-Za-z0-9.-]")


def ftm_id(node_id: str) -> str:
    """A FollowTheMoney id for a node id: letters, digits, dots and dashes.

    Ids that had to change get a digest suffix, so two node ids never meet.

    Examples
    --------
    >>> ftm_id("P-0002b9da24d4"), ftm_id("S:S0000001")[:19]
    ('netlink-P-0002b9da24d4', 'netlink-S-S0000001-')
    """
    safe = _UNSAFE.sub("-", node_id)
    if safe != node_id:
        safe += "-" + hashlib.sha1(node_id.encode()).hexdigest()[:8]
    return f"netlink-{safe}"


def _text(value: Any) -> str:
    return "" if is_missing(value) else str(value)


def _props(**values: Any) -> dict[str, list[str]]:
    """Properties as FollowTheMoney wants them: lists of non-empty strings."""
    out = {}
    for key, value in values.items():
        items = value if isinstance(value, list | tuple | set) else [value]
        texts = sorted({_text(v) for v in items} - {""})
        if texts:
            out[key] = texts
    return out


def write_ftm(graph: CaseGraph, out: str | Path) -> Path:
    """Write FollowTheMoney entities, one JSON object per line, sorted by id.

    Parameters
    ----------
    graph
        From :func:`netlink.export.case_graph`.
    out
        The ``.ftm.json`` (JSON lines) file; written atomically.

    Returns
    -------
    pathlib.Path
    """
    entities = _entities(graph)
    with atomic_output(out) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as f:
        for entity in sorted(entities, key=lambda x: x["id"]):
            f.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
    return Path(out)


def _entities(graph: CaseGraph) -> list[dict[str, Any]]:
    n = graph.nodes.set_index("node_id", drop=False)
    e = graph.edges
    kind_of = n["kind"]
    # What each party and case is linked to, by the kind of the other end.
    attrs: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    facts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for src, dst, kind in zip(e["source"], e["target"], e["kind"], strict=True):
        if kind_of.get(src) == "party" and kind_of.get(dst) in ("address", "identifier"):
            attrs[src][dst].add(kind)
        elif kind_of.get(src) == "seizure" and kind_of.get(dst) in ("brand", "place", "master"):
            facts[src][str(kind)].add(_text(n.at[dst, "label"]))
    out: list[dict[str, Any]] = []
    pseudonymised = graph.pseudonymised
    for row in n.itertuples(index=False):
        if row.kind == "party":
            out.append(_party(row, attrs.get(row.node_id, {}), n, pseudonymised))
        elif row.kind == "address":
            out.append(
                {
                    "id": ftm_id(row.node_id),
                    "schema": "Address",
                    "properties": _props(full=row.label, country=_country(row.country)),
                }
            )
        elif row.kind == "seizure":
            out.append(_event(row, facts.get(row.node_id, {})))
    involved: dict[str, set[str]] = defaultdict(set)
    for edge in e.itertuples(index=False):
        if edge.kind not in PARTY_EDGE_KINDS:
            continue
        party, case = edge.source, edge.target
        if kind_of.get(party) != "party":
            party, case = case, party
        involved[case].add(ftm_id(party))
        key = f"{party}|{edge.kind}|{case}"
        out.append(
            {
                "id": "netlink-link-" + hashlib.sha1(key.encode()).hexdigest()[:20],
                "schema": "UnknownLink",
                "properties": _props(
                    subject=ftm_id(party),
                    object=ftm_id(case),
                    role=edge.kind,
                    startDate=date_text(edge.first_seen),
                    endDate=date_text(edge.last_seen),
                    recordId=list(edge.record_ids),
                ),
            }
        )
    for entity in out:
        if entity["schema"] == "Event":
            case_id = entity.pop("_node")
            entity["properties"].update(_props(involved=involved.get(case_id, set())))
    return out


def _country(value: Any) -> str:
    return _text(value).lower()


def _party(
    row: Any, linked: dict[str, set[str]], nodes: pd.DataFrame, pseudonymised: bool
) -> dict[str, Any]:
    values: dict[str, set[str]] = defaultdict(set)
    addresses = []
    for other in sorted(linked):
        kind, subtype = nodes.at[other, "kind"], nodes.at[other, "subtype"]
        if kind == "address":
            addresses.append(ftm_id(other))
            values["address"].add(_text(nodes.at[other, "label"]))
        elif pseudonymised:
            values["idNumber"].add(_text(nodes.at[other, "label"]))
        elif subtype in _IDENTIFIER_PROPERTY:
            values[_IDENTIFIER_PROPERTY[subtype]].add(_text(nodes.at[other, "label"]))
    role = (
        f"; likely {row.role} ({number(row.role_score)})"
        if not is_missing(row.role) and row.role
        else ""
    )
    network = f"network {row.network_id}" if not is_missing(row.network_id) else "no network"
    hub = f"; hub: {row.hub_reason}" if bool(row.is_hub) and not is_missing(row.hub_reason) else ""
    return {
        "id": ftm_id(row.node_id),
        "schema": _PARTY_SCHEMA.get(_text(row.subtype), "LegalEntity"),
        "properties": _props(
            name=row.label,
            country=_country(row.country),
            addressEntity=addresses,
            description=f"netlink: {network}{role}{hub}; {int(row.n_cases)} case(s)",
            **values,
        ),
    }


def _event(row: Any, facts: dict[str, set[str]]) -> dict[str, Any]:
    brands = sorted(facts.get("infringes", set()))
    route = [
        f"{kind} {', '.join(sorted(facts[kind]))}"
        for kind in ("origin", "transit", "entry", "destination")
        if facts.get(kind)
    ]
    summary = "; ".join([*(["brands " + ", ".join(brands)] if brands else []), *route]) or "seizure"
    return {
        "id": ftm_id(row.node_id),
        "schema": "Event",
        "_node": row.node_id,
        "properties": _props(
            name=f"Seizure {row.label}",
            date=date_text(row.first_seen),
            summary=summary,
            keywords=brands + sorted(facts.get("under_master", set())),
            recordId=[row.label],
        ),
    }
