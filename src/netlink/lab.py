"""netlink in JupyterLab: a case in one line, every question in one more.

:func:`open` opens a case file, or analyses an extract into one, and returns a
:class:`Case`. Its methods answer what an analyst asks, each returning something that
shows itself in a notebook (a table, a link chart, a timeline, a route view) and that
holds its data for the next cell:

===============================  =================================================
``case.networks()``              the networks, with what, where and who
``case.chart(network_id)``       a network's link chart
``case.profile(network_id)``     what a network ships, from where to where, who
``case.roles(network_id)``       who is likely manufacturer, front, seller, ...
``case.targets(network_id)``     whom to act on first, and why
``case.find(text)``              entities by name, phone, e-mail, id
``case.neighbourhood(entity)``   an entity's links, as a chart
``case.paths(a, b)``             how two entities are linked, with the evidence
``case.evidence(a, b)``          the records behind a link
``case.timeline(...)``           cases over time, one lane per party
``case.routes(...)``             origin, transit, entry point, destination
``case.brands(...)``             brand and category breakdowns
``case.review()``                uncertain merges to accept or reject
``case.reproduce()``             rerun and check the result hash
===============================  =================================================

Entities are named by node id (``P-...``, ``S:...``) or by text: the best match of
:meth:`Case.find` is used when it scores at least 90, and charts and tables show which
entity that was. :func:`launch` starts JupyterLab on the project's notebooks.

Examples
--------
>>> import netlink.lab as lab
>>> from netlink.sample import sample_path
>>> case = lab.open(sample_path())  # doctest: +SKIP
>>> case.chart(case.networks().network_id[0])  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from netlink.casefile import CaseFile, RunRecord, read_case_file
from netlink.errors import CaseFileError, ParameterError, UnknownEntityError
from netlink.extract import Extract, LoadSettings, SourceInfo
from netlink.graph import ATTRIBUTE_EDGE_KINDS, PARTY_EDGE_KINDS, LinkGraph
from netlink.query import Case as GraphQuery
from netlink.view import (
    ROLE_COLOURS,
    Breakdown,
    LinkChart,
    RouteView,
    Timeline,
    breakdown,
    link_chart,
    route_view,
    timeline,
)
from netlink.view._safe import clip, iframe, plain, text

__all__ = [
    "Case",
    "LabServer",
    "PathView",
    "Reproduction",
    "launch",
    "notebooks_path",
    "open",
    "start",
]

_ATTRIBUTE_KINDS = tuple(ATTRIBUTE_EDGE_KINDS.values())
_ROUTE_KINDS = ("origin", "transit", "entry", "destination", "leg")
_MATCH = 90.0


def open(  # lab.open(path) is the one line a notebook starts with
    path: str | Path,
    *,
    out: str | Path | None = None,
    seed: int = 0,
    settings: Any = None,
) -> Case:
    """Open a case file, or analyse an extract into a case file and open that.

    Parameters
    ----------
    path
        A case file written by ``netlink analyze``, or an extract (a DuckDB file or a
        folder of table files).
    out
        For an extract: where to write the case file (default: a new temporary
        folder). Ignored for a case file.
    seed
        For an extract: the seed of the analysis.
    settings
        For an extract: :class:`netlink.pipeline.AnalysisSettings`.

    Returns
    -------
    Case

    Raises
    ------
    CaseFileError
        A case file of another version, or a damaged one.
    """
    path = Path(path)
    if _is_case_file(path):
        return Case(path)
    from netlink.pipeline import analyze

    target = Path(out) if out is not None else _scratch() / "case.duckdb"
    print(f"netlink: analysing {path.name} into {target} ...", flush=True)
    analyze(path, target, settings, seed=seed)
    return Case(target)


def _is_case_file(path: Path) -> bool:
    if not path.is_file():
        return False
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return False
    with closing(con):
        names = {
            r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        }
    return {"meta", "run"} <= names


def _scratch() -> Path:
    return Path(tempfile.mkdtemp(prefix="netlink-"))


@dataclass(frozen=True, eq=False)
class _Stages:
    """The graph-stage results a case's questions need."""

    graph: LinkGraph
    query: GraphQuery
    nodes: pd.DataFrame  # graph nodes with is_hub and hub_reason, indexed by node_id
    networks: pd.DataFrame
    members: pd.DataFrame
    roles: pd.DataFrame


class Case:
    """A case file opened for questions: networks, charts, roles, paths, evidence, ...

    Parameters
    ----------
    path
        The case file.

    Attributes
    ----------
    path
        The case file.
    run
        Its run record: input, parameters, seed, result hash.
    tables
        Every table of the case file, as read.

    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._file: CaseFile = read_case_file(self.path)
        self.run: RunRecord = self._file.run
        self.tables: Mapping[str, pd.DataFrame] = self._file.tables

    # --- the case as a whole -------------------------------------------------------

    def __repr__(self) -> str:
        return f"<netlink Case {self.path.name}: {self._counts_text()}>"

    def _counts(self) -> dict[str, int]:
        t = self.tables
        ents = t["entities"]
        return {
            "cases": len(t["seizures"]),
            "party records": len(t["parties"]),
            "party entities": int((ents["kind"] == "party").sum()),
            "networks": len(self._stages.networks),
            "merges to review": len(t["review_queue"]),
            "targets": len(t["targets"]),
        }

    def _counts_text(self) -> str:
        return ", ".join(f"{v:,} {k}" for k, v in self._counts().items())

    def _repr_html_(self) -> str:
        run = self.run
        rows = [
            ("case file", str(self.path)),
            ("input", f"{run.input_path} (sha256 {run.input_sha256[:12]}…)"),
            ("seed", str(run.seed)),
            ("written", f"{run.finished_at:%Y-%m-%d %H:%M} UTC by netlink {run.netlink_version}"),
            ("result sha256", run.result_sha256),
            *((k, f"{v:,}") for k, v in self._counts().items()),
        ]
        body = "".join(
            f"<tr><th style='text-align:left'>{text(k)}</th><td style='text-align:left'>{text(v)}</td></tr>"
            for k, v in rows
        )
        return (
            f"<table><caption style='text-align:left'><b>netlink case</b></caption>{body}</table>"
        )

    @cached_property
    def extract(self) -> Extract:
        """The loaded extract as the case file holds it."""
        t = self.tables
        load = self.run.parameters.get("load", {})
        return Extract(
            seizures=t["seizures"],
            parties=t["parties"],
            goods=t["goods"],
            legs=t["legs"],
            quarantine=t["quarantine"],
            issues=t["load_issues"],
            report=t["load_report"],
            source=SourceInfo(
                path=self.run.input_path, kind="case file", sha256=self.run.input_sha256
            ),
            settings=LoadSettings(**{k: v for k, v in load.items() if v is not None}),
        )

    @cached_property
    def _stages(self) -> _Stages:
        t = self.tables
        if t["nodes"].empty:
            raise CaseFileError(
                f"{self.path.name} has no link graph: the extract had no party records, "
                "or the file was written by a pipeline that stopped early",
                hint="Re-run `netlink analyze` on the extract.",
            )
        query = GraphQuery.from_case_file(self.path)
        return _Stages(
            query.graph,
            query,
            t["nodes"].set_index("node_id", drop=False),
            t["networks"],
            t["network_members"],
            t["roles"],
        )

    # --- networks ------------------------------------------------------------------

    @cached_property
    def _profiles(self) -> pd.DataFrame:
        # DuckDB gives list columns back as arrays; the views expect lists.
        p = self.tables["network_profiles"]
        lists = [c for c in p.columns if p[c].dtype == object]
        return p.assign(**{c: p[c].map(_as_list) for c in lists})

    def networks(self) -> pd.DataFrame:
        """The networks, largest first: size, dates, what, where and who.

        Returns
        -------
        pandas.DataFrame
            ``network_id, n_entities, n_seizures, first_seen, last_seen, brands,
            categories, origins, destinations, modes, main_parties, warning`` (lists
            shortened to their first three values).
        """
        st = self._stages
        out = st.networks[
            ["network_id", "n_entities", "n_seizures", "first_seen", "last_seen"]
        ].copy()
        p = self._profiles.set_index("network_id")
        for name, col in (
            ("brands", "brands"),
            ("categories", "categories"),
            ("origins", "origin_countries"),
            ("destinations", "destination_countries"),
            ("modes", "transport_modes"),
            ("main_parties", "main_parties"),
        ):
            out[name] = out["network_id"].map(p[col]).map(_short)
        out["warning"] = st.networks["warning"] if "warning" in st.networks.columns else ""
        return out.reset_index(drop=True)

    def profile(self, network_id: str | None = None) -> pd.DataFrame:
        """What a network ships, when, from where to where, and its main parties.

        Parameters
        ----------
        network_id
            One network: its profile as ``field, value`` rows. None: every network, one
            row each.
        """
        p = self._profiles
        if network_id is None:
            return p
        self._network(network_id)
        row = p[p["network_id"] == network_id].iloc[0]
        return pd.DataFrame(
            {
                "field": row.index,
                "value": [", ".join(map(str, v)) if isinstance(v, list) else v for v in row],
            }
        )

    def roles(self, network_id: str | None = None, top: int = 3) -> pd.DataFrame:
        """The likeliest holders of each role in a network, with the reasons.

        Parameters
        ----------
        network_id
            One network, or None for all.
        top
            Members listed per role (by score).

        Returns
        -------
        pandas.DataFrame
            ``network_id, role, rank, entity_id, name, score, reason``.
        """
        r = self._stages.roles
        if network_id is not None:
            self._network(network_id)
            r = r[r["network_id"] == network_id]
        r = r[r["rank"] <= top] if "rank" in r.columns else r
        out = r.assign(name=r["entity_id"].map(self._labels))
        cols = ["network_id", "role", "rank", "entity_id", "name", "score", "reason"]
        return out[[c for c in cols if c in out.columns]].reset_index(drop=True)

    def targets(self, network_id: str | None = None) -> pd.DataFrame:
        """The recommended targets, first first, with impact and reason.

        Parameters
        ----------
        network_id
            One network's ranking, or None for the overall ranking.
        """
        t = self.tables["targets"]
        if t.empty:
            warnings.warn(
                f"{self.path.name} holds no targets: the pipeline that wrote it did not rank them",
                stacklevel=2,
            )
        if network_id is not None:
            self._network(network_id)
            t = t[t["network_id"] == network_id]
        else:
            t = t[t["network_id"].isna()]
        out = t.assign(name=t["entity_id"].map(self._labels))
        return out[["network_id", "rank", "entity_id", "name", "impact", "reason"]].reset_index(
            drop=True
        )

    def chart(
        self, network_id: str, *, brands: bool = False, max_nodes: int = 500, seed: int = 0
    ) -> LinkChart:
        """A network's link chart: its parties, their cases, shared addresses and identifiers.

        Parties of other networks and hubs on the same cases are shown too (in their own
        colours, hubs outlined); addresses and identifiers used by one party only are
        left out, as they link nothing.

        Parameters
        ----------
        network_id
            The network.
        brands
            Also draw the brands of its cases.
        max_nodes
            Past this many nodes leaves are collapsed and the least relevant left out.
        seed
            Seed of the layout.
        """
        nodes, edges, note = self._network_graph(network_id, brands)
        row = self._network(network_id)
        title = (
            f"Network {network_id}: {int(row['n_entities'])} parties, {int(row['n_seizures'])} cases, "
            f"{_date(row['first_seen'])} to {_date(row['last_seen'])}"
        )
        members = self._members(network_id)
        return link_chart(
            nodes,
            edges,
            title=title,
            focus=members,
            mark_focus=False,
            networks=[network_id],
            note=note,
            max_nodes=max_nodes,
            seed=seed,
        )

    def _network_graph(
        self, network_id: str, brands: bool
    ) -> tuple[pd.DataFrame, pd.DataFrame, str]:
        st = self._stages
        members = set(self._members(network_id))
        e = st.graph.edges
        kind_of = st.nodes["kind"]
        role = e[e["kind"].isin(PARTY_EDGE_KINDS)]
        mine = role[role["source"].isin(members) | role["target"].isin(members)]
        cases = {x for x in _ends(mine) if kind_of.get(x) == "seizure"}
        on_cases = role[role["source"].isin(cases) | role["target"].isin(cases)]
        parties = {x for x in _ends(on_cases) if kind_of.get(x) == "party"}
        attr = e[
            e["kind"].isin(_ATTRIBUTE_KINDS)
            & (e["source"].isin(parties) | e["target"].isin(parties))
        ]
        shared, unshared = _shared(attr, parties)
        extra = ["under_master", *(["infringes"] if brands else [])]
        facts = e[e["kind"].isin(extra) & (e["source"].isin(cases) | e["target"].isin(cases))]
        masters, _ = _shared(facts[facts["kind"] == "under_master"], cases)
        kept_facts = facts[(facts["kind"] == "infringes") | facts.index.isin(masters.index)]
        edges = pd.concat([on_cases, shared, kept_facts])
        ids = sorted(set(_ends(edges)) | members)
        note = (
            f"{unshared:,} addresses and identifiers used by one party only are not drawn."
            if unshared
            else ""
        )
        return self._chart_nodes(ids, network_id), edges, note

    def _chart_nodes(self, ids: Sequence[str], network_id: str | None = None) -> pd.DataFrame:
        st = self._stages
        n = st.nodes.loc[list(ids)].reset_index(drop=True)
        network_of = st.members.drop_duplicates("entity_id").set_index("entity_id")["network_id"]
        n["network_id"] = n["node_id"].map(network_of)
        n["n_cases"] = n["n_records"] if "n_records" in n.columns else 1
        if network_id is not None:
            r = st.roles[st.roles["network_id"] == network_id].sort_values("score", ascending=False)
            best = r.drop_duplicates("entity_id").set_index("entity_id")
            n["role"] = n["node_id"].map(
                best["role"] + " (" + best["score"].map("{:.2f}".format) + ")"
            )
        ents = self.tables["entities"].set_index("entity_id")
        if "country" in ents.columns:
            country = n["node_id"].map(ents["country"])
            n["facts"] = [[("Country", c)] if plain(c) else None for c in country]
        return n

    def _members(self, network_id: str) -> list[str]:
        self._network(network_id)
        m = self._stages.members
        return sorted(m.loc[m["network_id"] == network_id, "entity_id"])

    def _network(self, network_id: str) -> pd.Series:
        nets = self._stages.networks
        hit = nets[nets["network_id"] == network_id]
        if hit.empty:
            first = ", ".join(nets["network_id"].head(5))
            raise UnknownEntityError(
                f"no network {network_id!r} in {self.path.name}",
                hint=f"case.networks() lists them ({len(nets)}: {first}, ...).",
            )
        return hit.iloc[0]

    # --- entities ------------------------------------------------------------------

    @cached_property
    def _labels(self) -> pd.Series:
        return self._stages.nodes["label"]

    def find(self, text: str, k: int = 10, kinds: Sequence[str] | None = None) -> pd.DataFrame:
        """Entities whose name or value is closest to ``text``: names, phones, e-mails, ids.

        Returns
        -------
        pandas.DataFrame
            ``node_id, kind, subtype, label, score, n_records, network_id``, best first.
        """
        hits = self._stages.query.find(text, k=k, kinds=kinds)
        network_of = self._stages.members.drop_duplicates("entity_id").set_index("entity_id")[
            "network_id"
        ]
        return hits.assign(network_id=hits["node_id"].map(network_of))

    def _node(self, entity: str) -> str:
        """A node id from a node id or a text that finds one entity well enough."""
        if not isinstance(entity, str) or not entity.strip():
            raise ParameterError("name an entity by its id or by text")
        if entity in self._stages.nodes.index:
            return entity
        hits = self._stages.query.find(entity, k=3)
        if len(hits) and hits["score"].iloc[0] >= _MATCH:
            return str(hits["node_id"].iloc[0])
        near = "; ".join(
            f"{r.node_id} {clip(r.label, 40)} ({r.score:.0f})" for r in hits.itertuples()
        )
        raise UnknownEntityError(
            f"no entity matches {entity!r} well enough" + (f"; closest: {near}" if near else ""),
            hint="Pass a node id from case.find(text).",
        )

    def neighbourhood(
        self,
        entity: str,
        hops: int = 2,
        *,
        places: bool = False,
        max_nodes: int = 300,
        seed: int = 0,
    ) -> LinkChart:
        """An entity's links within ``hops``, as a chart (hubs shown but not walked through).

        Parameters
        ----------
        entity
            Node id or text (see :meth:`find`).
        hops
            Links away from the entity.
        places
            Also draw route places (see :meth:`routes` for routes).
        max_nodes, seed
            As for :meth:`chart`.
        """
        node = self._node(entity)
        nb = self._stages.query.neighbourhood(node, hops)
        nodes = nb.nodes
        if not places:
            nodes = nodes[nodes["kind"] != "place"]
        ids = set(nodes["node_id"])
        edges = nb.edges[nb.edges["source"].isin(ids) & nb.edges["target"].isin(ids)]
        n = self._chart_nodes(list(nodes["node_id"]))
        stop = nodes.set_index("node_id")["expanded"].reindex(n["node_id"]).to_numpy()
        n["facts"] = [
            [*(f or []), ("Links", "not followed (hub, busy node or edge of the view)")]
            if not s and nid != node
            else f
            for f, s, nid in zip(
                n["facts"] if "facts" in n else [None] * len(n), stop, n["node_id"], strict=True
            )
        ]
        title = f"{clip(self._labels[node], 60)} ({node}): links within {hops} hop(s)"
        return link_chart(n, edges, title=title, focus=[node], max_nodes=max_nodes, seed=seed)

    def paths(self, a: str, b: str, *, max_len: int = 4, limit: int = 10) -> PathView:
        """The shortest paths between two entities, as a chart and a table of links.

        Hubs and busy nodes are never passed through. Each link lists the records behind
        it; :meth:`evidence` shows what they say.
        """
        ia, ib = self._node(a), self._node(b)
        table = self._stages.query.paths(ia, ib, max_len=max_len, limit=limit)
        title = (
            f"Paths from {clip(self._labels[ia], 50)} ({ia}) to {clip(self._labels[ib], 50)} ({ib})"
        )
        if table.empty:
            return PathView(
                title,
                table,
                None,
                f"No path of at most {max_len} links (hubs are not walked through).",
            )
        ids = sorted(set(table["source"]) | set(table["target"]))
        edges = self._stages.graph.edges
        steps = pd.MultiIndex.from_arrays([table["source"], table["target"]])
        forward = pd.MultiIndex.from_arrays([edges["source"], edges["target"]]).isin(steps)
        backward = pd.MultiIndex.from_arrays([edges["target"], edges["source"]]).isin(steps)
        chart = link_chart(
            self._chart_nodes(ids), edges[forward | backward], title=title, focus=[ia, ib]
        )
        n_paths = int(table["path"].nunique())
        return PathView(
            title,
            table,
            chart,
            f"{n_paths} shortest path(s) of {int(table['step'].max())} link(s).",
        )

    def evidence(self, a: str, b: str) -> pd.DataFrame:
        """The records behind the link between two entities, as written in the extract.

        A direct link (a party and its case, a party and its phone) gives the records of
        that link; two entities without one (two parties) give the records of every
        node they share: common cases, addresses, identifiers.

        Returns
        -------
        pandas.DataFrame
            ``via, via_label, link, record_id, table, seizure_id, date, as_written``;
            empty when the two share nothing.
        """
        ia, ib = self._node(a), self._node(b)
        e = self._stages.graph.edges
        direct = e[
            ((e["source"] == ia) & (e["target"] == ib))
            | ((e["source"] == ib) & (e["target"] == ia))
        ]
        links: list[tuple[str, str, list[str]]] = []
        if len(direct):
            links = [
                ("", k, list(r)) for k, r in zip(direct["kind"], direct["record_ids"], strict=True)
            ]
        else:
            common = self._stages.query.common_neighbours(ia, ib)
            for r in common.itertuples(index=False):
                links.append(
                    (r.node_id, f"{plain(self._labels[ia])} {r.kind_a}", list(r.records_a))
                )
                links.append(
                    (r.node_id, f"{plain(self._labels[ib])} {r.kind_b}", list(r.records_b))
                )
        rows = [(via, link, rid) for via, link, rids in links for rid in rids]
        out = pd.DataFrame(rows, columns=["via", "link", "record_id"])
        out.insert(1, "via_label", out["via"].map(lambda v: self._labels.get(v, "") if v else ""))
        kinds = direct["kind"].tolist() if len(direct) else ["party"]
        return pd.concat([out, self._records(out["record_id"], kinds)], axis=1)

    def _records(self, record_ids: pd.Series, kinds: Sequence[str]) -> pd.DataFrame:
        """What each record says: its table, case, date and the fields as written."""
        t = self.tables
        parties = t["parties"].set_index("record_id")
        seizures = t["seizures"].set_index("seizure_id")
        goods = (
            t["goods"]
            .assign(key=t["goods"]["seizure_id"] + "/" + t["goods"]["line_no"].astype(str))
            .set_index("key")
        )
        legs = (
            t["legs"]
            .assign(key=t["legs"]["seizure_id"] + "/" + t["legs"]["seq"].astype(str))
            .set_index("key")
        )
        on_legs = any(k in _ROUTE_KINDS for k in kinds)
        rows = []
        for rid in record_ids:
            if rid in parties.index:
                p = parties.loc[rid]
                fields = (
                    "role",
                    "name",
                    "address",
                    "city",
                    "country",
                    "phone",
                    "email",
                    "tax_id",
                    "website",
                )
                rows.append(("parties", p["seizure_id"], _written(p, fields)))
            elif rid in seizures.index:
                rows.append(
                    (
                        "seizures",
                        rid,
                        _written(
                            seizures.loc[rid],
                            (
                                "origin_country",
                                "destination_country",
                                "transport_mode",
                                "customs_office",
                                "master_doc_no",
                            ),
                        ),
                    )
                )
            elif on_legs and rid in legs.index:
                rows.append(
                    (
                        "legs",
                        legs.loc[rid, "seizure_id"],
                        _written(legs.loc[rid], ("from_place", "to_place", "mode", "carrier")),
                    )
                )
            elif rid in goods.index:
                rows.append(
                    (
                        "goods",
                        goods.loc[rid, "seizure_id"],
                        _written(goods.loc[rid], ("category", "brand", "quantity", "value_eur")),
                    )
                )
            else:
                rows.append(("", "", ""))
        out = pd.DataFrame(rows, columns=["table", "seizure_id", "as_written"])
        out.insert(2, "date", out["seizure_id"].map(seizures["seizure_date"]))
        return out

    # --- time, routes, goods ---------------------------------------------------------

    def _cases_of(self, network_id: str | None, entity: str | None) -> tuple[pd.DataFrame, str]:
        """Case rows (graph.cases) of a network, an entity, or the whole case; and a name."""
        cases = self._stages.graph.cases
        if entity is not None:
            node = self._node(entity)
            ids = set(self._stages.query.timeline(node)["seizure_id"])
            return cases[cases["seizure_id"].isin(ids)], f"{clip(self._labels[node], 60)} ({node})"
        if network_id is not None:
            ids = set(self._member_cases(network_id)["seizure_id"])
            return cases[cases["seizure_id"].isin(ids)], f"network {network_id}"
        return cases, "all cases"

    def _member_cases(self, network_id: str) -> pd.DataFrame:
        """One row per (member, case, role) of a network's members."""
        members = set(self._members(network_id))
        e = self._stages.graph.edges
        role = e[
            e["kind"].isin(PARTY_EDGE_KINDS)
            & (e["source"].isin(members) | e["target"].isin(members))
        ]
        party = np.where(role["source"].isin(members), role["source"], role["target"])
        case = np.where(role["source"].isin(members), role["target"], role["source"])
        cases = self._stages.graph.cases.assign(
            case_node="S:" + self._stages.graph.cases["seizure_id"]
        )
        out = pd.DataFrame({"party": party, "role": role["kind"].to_numpy(), "case_node": case})
        return out.merge(cases, on="case_node")

    def timeline(self, entity: str | None = None, *, network: str | None = None) -> Timeline:
        """Cases over time: a monthly count, and one lane per party, coloured by role.

        Parameters
        ----------
        entity
            An entity: lanes are its roles (a party) or the parties using it (an address
            or identifier: fronts used in turn show as lanes one after another).
        network
            A network: lanes are its members.

        Without either: lanes are networks, coloured by transport mode.
        """
        if entity is not None:
            node = self._node(entity)
            tl = self._stages.query.timeline(node)
            lane = (
                tl["role"] if self._stages.nodes.loc[node, "kind"] == "party" else tl["party_label"]
            )
            ev = tl.assign(lane=lane, key=tl["role"], case=tl["seizure_id"])
            title = f"Timeline of {clip(self._labels[node], 60)} ({node})"
            colours = ROLE_COLOURS
        elif network is not None:
            mc = self._member_cases(network)
            ev = mc.assign(
                lane=mc["party"].map(self._labels), key=mc["role"], case=mc["seizure_id"]
            )
            title = f"Timeline of network {network}: one lane per member"
            colours = ROLE_COLOURS
        else:
            members = self._stages.members
            e = self._stages.graph.edges
            role = e[e["kind"].isin(PARTY_EDGE_KINDS)]
            net_of = members.drop_duplicates("entity_id").set_index("entity_id")["network_id"]
            pairs = (
                pd.DataFrame({"network": role["source"].map(net_of), "case_node": role["target"]})
                .dropna()
                .drop_duplicates()
            )
            cases = self._stages.graph.cases.assign(
                case_node="S:" + self._stages.graph.cases["seizure_id"]
            )
            ev = pairs.merge(cases, on="case_node")
            ev = ev.assign(
                lane="network " + ev["network"],
                key=ev["transport_mode"],
                case=ev["seizure_id"],
                role="",
            )
            title = "Cases of every network over time, by transport mode"
            colours = None
        tip = (
            ev["seizure_id"].astype(str)
            + " "
            + pd.to_datetime(ev["date"]).dt.strftime("%Y-%m-%d")
            + " · "
            + ev["lane"].map(plain)
            + " · "
            + ev["key"].map(plain)
            + " · "
            + ev["origin_country"].map(plain)
            + " → "
            + ev["destination_country"].map(plain)
            + " · "
            + ev["transport_mode"].map(plain)
        )
        return timeline(ev.assign(tip=tip), title=title, colours=colours)

    def routes(self, network: str | None = None, *, entity: str | None = None) -> RouteView:
        """Where the goods came from, went through, entered and were going.

        Parameters
        ----------
        network, entity
            Whose cases; neither: all cases.
        """
        cases, whose = self._cases_of(network, entity)
        nodes = set("S:" + cases["seizure_id"])
        e = self._stages.graph.edges
        place = e[e["kind"].isin(["transit", "entry"]) & e["source"].isin(nodes)]
        place = place.assign(label=place["target"].map(self._labels))
        transit = (
            place[place["kind"] == "transit"]
            .groupby("source")["label"]
            .agg(lambda s: " / ".join(sorted(set(s))))
        )
        entry = place[place["kind"] == "entry"].groupby("source")["label"].first()
        node = "S:" + cases["seizure_id"]
        rows = pd.DataFrame(
            {
                "seizure_id": cases["seizure_id"].to_numpy(),
                "origin": cases["origin_country"].to_numpy(),
                "transit": node.map(transit).to_numpy(),
                "entry": node.map(entry).to_numpy(),
                "destination": cases["destination_country"].to_numpy(),
            }
        )
        return route_view(
            rows,
            title=f"Routes of {whose}: origin country, transit, entry point, destination country",
        )

    def brands(self, network: str | None = None, *, entity: str | None = None) -> Breakdown:
        """Cases, articles and value by brand."""
        return self._breakdown("brand", network, entity)

    def categories(self, network: str | None = None, *, entity: str | None = None) -> Breakdown:
        """Cases, articles and value by goods category."""
        return self._breakdown("category", network, entity)

    def _breakdown(self, by: str, network: str | None, entity: str | None) -> Breakdown:
        cases, whose = self._cases_of(network, entity)
        goods = self.tables["goods"]
        rows = goods[goods["seizure_id"].isin(set(cases["seizure_id"]))]
        return breakdown(rows, by, title=f"{by.capitalize()} breakdown of {whose}")

    # --- entity resolution review ----------------------------------------------------

    def review(self, k: int = 20) -> pd.DataFrame:
        """The least certain merges and nearest misses, with the names as written.

        Parameters
        ----------
        k
            Pairs listed, those whose score is closest to the run's threshold first.

        Returns
        -------
        pandas.DataFrame
            ``score, status, why, record_id_a, name_a, record_id_b, name_b,
            entity_id_a, entity_id_b, reasons``, least certain first.
        """
        q = self.tables["review_queue"].copy()
        names = self.tables["parties"].set_index("record_id")
        written = names["name_raw"] if "name_raw" in names.columns else names["name"]
        q["name_a"] = q["record_id_a"].map(written)
        q["name_b"] = q["record_id_b"].map(written)
        # Least certain: closest to the threshold the run merged at, on either side.
        threshold = float(self.run.parameters.get("resolve", {}).get("threshold", 0.5))
        q["margin"] = (q["score"] - threshold).abs()
        q = q.sort_values(["margin", "record_id_a", "record_id_b"], kind="stable").head(k)
        cols = [
            "score",
            "status",
            "why",
            "record_id_a",
            "name_a",
            "record_id_b",
            "name_b",
            "entity_id_a",
            "entity_id_b",
            "reasons",
        ]
        return q[cols].reset_index(drop=True)

    def must_link(
        self, record_a: str, record_b: str, note: str = "", *, file: str | Path
    ) -> pd.DataFrame:
        """Record that two party records are the same party; applied on the next run.

        Returns the links file as it now stands.
        """
        return self._decide("must_link", record_a, record_b, note, file)

    def cannot_link(
        self, record_a: str, record_b: str, note: str = "", *, file: str | Path
    ) -> pd.DataFrame:
        """Record that two party records are different parties; applied on the next run."""
        return self._decide("cannot_link", record_a, record_b, note, file)

    def _decide(self, decision: str, a: str, b: str, note: str, file: str | Path) -> pd.DataFrame:
        from netlink.resolve import append_link, read_links

        known = set(self.tables["parties"]["record_id"])
        for rid in (a, b):
            if rid not in known:
                raise UnknownEntityError(f"no party record {rid!r} in {self.path.name}")
        append_link(file, decision, a, b, note)
        return read_links(file)

    def rerun(
        self,
        *,
        links: str | Path | None = None,
        out: str | Path | None = None,
        seed: int | None = None,
    ) -> Case:
        """Run the analysis again on the same extract with the same settings.

        Parameters
        ----------
        links
            A must-link / cannot-link file to apply (replacing the run's own, if any).
        out
            The new case file (default: a new temporary folder); never this one.
        seed
            Another seed (default: the run's).
        """
        from netlink.pipeline import AnalysisSettings, analyze

        settings = AnalysisSettings.from_dict(self.run.parameters)
        if links is not None:
            settings = dataclasses.replace(
                settings, resolve=dataclasses.replace(settings.resolve, links=Path(links))
            )
        target = Path(out) if out is not None else _scratch() / "case.duckdb"
        if target.resolve() == self.path.resolve():
            raise ParameterError("rerun would overwrite the case file it reruns; give another out")
        source = Path(self.run.input_path)
        if not source.exists():
            raise CaseFileError(
                f"the extract of this run, {source}, is not there any more",
                hint="Put the extract back at that path to rerun the analysis.",
            )
        print(f"netlink: rerunning the analysis of {source.name} into {target} ...", flush=True)
        analyze(source, target, settings, seed=self.run.seed if seed is None else seed)
        return Case(target)

    def compare(self, other: Case) -> pd.DataFrame:
        """This case and another side by side: entities, merges, networks, result hash."""

        def facts(c: Case) -> dict[str, Any]:
            t = c.tables
            return {
                "party entities": int((t["entities"]["kind"] == "party").sum()),
                "merges": len(t["merge_evidence"]),
                "networks": len(c._stages.networks),
                "analyst decisions": len(t["analyst_links"]),
                "result sha256": c.run.result_sha256[:16],
            }

        a, b = facts(self), facts(other)
        return pd.DataFrame(
            {
                "measure": list(a),
                f"this ({self.path.name})": list(a.values()),
                f"other ({other.path.name})": list(b.values()),
            }
        )

    def reproduce(self, out: str | Path | None = None) -> Reproduction:
        """Rerun the analysis with the recorded input, settings and seed; compare hashes."""
        start = time.perf_counter()
        again = self.rerun(out=out)
        return Reproduction(
            original=self.path,
            rerun=again.path,
            input_sha256=(self.run.input_sha256, again.run.input_sha256),
            result_sha256=(self.run.result_sha256, again.run.result_sha256),
            seconds=round(time.perf_counter() - start, 1),
        )


def _ends(edges: pd.DataFrame) -> Iterator[str]:
    yield from edges["source"]
    yield from edges["target"]


def _shared(edges: pd.DataFrame, holders: set[str]) -> tuple[pd.DataFrame, int]:
    """The edges to nodes linked to at least two of ``holders``; and how many were not."""
    holder = np.where(edges["source"].isin(holders), edges["source"], edges["target"])
    other = np.where(edges["source"].isin(holders), edges["target"], edges["source"])
    counts = pd.Series(holder).groupby(other).nunique()
    keep = set(counts.index[counts >= 2])
    return edges[np.isin(other, list(keep))], int((counts < 2).sum())


def _as_list(value: Any) -> Any:
    return list(value) if isinstance(value, np.ndarray) else value


def _short(values: Any, n: int = 3) -> str:
    if not isinstance(values, list | tuple | np.ndarray):
        return ""
    vals = [str(v) for v in values]
    return ", ".join(vals[:n]) + (f" (+{len(vals) - n})" if len(vals) > n else "")


def _date(value: Any) -> str:
    return "?" if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _written(row: pd.Series, fields: Sequence[str]) -> str:
    """The fields of a record as written (raw values where the case file keeps them)."""
    parts = []
    for f in fields:
        v = row.get(f + "_raw", row.get(f))
        if plain(v):
            parts.append(f"{f}: {plain(v)}")
    return "; ".join(parts)


@dataclass(frozen=True, eq=False)
class PathView:
    """Paths between two entities: a chart and one row per link, with its records."""

    title: str
    table: pd.DataFrame = field(repr=False)
    chart: LinkChart | None = field(repr=False)
    note: str

    def _repr_html_(self) -> str:
        head = f"<p><b>{text(self.title)}</b><br>{text(self.note)}</p>"
        if self.chart is None:
            return head
        shown = self.table.drop(columns=["record_ids"]).assign(
            records=self.table["record_ids"].map(
                lambda r: ", ".join(map(str, list(r)[:5])) + (" …" if len(r) > 5 else "")
            )
        )
        return (
            head
            + iframe(self.chart.html, height=self.chart.height, title=self.title)
            + shown.to_html(index=False)
        )


@dataclass(frozen=True)
class Reproduction:
    """A rerun from a case file, and whether it gave the same result.

    Attributes
    ----------
    input_sha256, result_sha256
        (original, rerun) hashes.
    """

    original: Path
    rerun: Path
    input_sha256: tuple[str, str]
    result_sha256: tuple[str, str]
    seconds: float

    @property
    def same_input(self) -> bool:
        return self.input_sha256[0] == self.input_sha256[1]

    @property
    def reproduced(self) -> bool:
        """True when the same input gave the same result hash."""
        return self.same_input and self.result_sha256[0] == self.result_sha256[1]

    def __str__(self) -> str:
        verdict = (
            "reproduced: same input, same result hash"
            if self.reproduced
            else "the input changed since the original run"
            if not self.same_input
            else "NOT reproduced: same input, different result hash"
        )
        return f"{verdict} ({self.result_sha256[1][:16]}…, rerun took {self.seconds} s)"

    def _repr_html_(self) -> str:
        colour = "#1b5e20" if self.reproduced else "#b71c1c"
        rows = [
            ("", "original", "rerun"),
            ("case file", str(self.original), str(self.rerun)),
            ("input sha256", *self.input_sha256),
            ("result sha256", *self.result_sha256),
        ]
        body = "".join("<tr>" + "".join(f"<td>{text(c)}</td>" for c in r) + "</tr>" for r in rows)
        return f"<p style='color:{colour}'><b>{text(str(self))}</b></p><table>{body}</table>"


# --- JupyterLab -------------------------------------------------------------------------


def notebooks_path() -> Path:
    """The project's notebooks folder (``notebooks/`` of the repository)."""
    # Like the sample, the notebooks sit in the repository that netlink is installed
    # from in editable mode, two levels above the package source.
    path = Path(__file__).resolve().parents[2] / "notebooks"
    if not path.is_dir():
        raise ParameterError(
            f"the notebooks folder is not at {path}",
            hint="Run from a clone of the netlink repository, or pass the folder to open.",
        )
    return path


@dataclass(eq=False)
class LabServer:
    """A JupyterLab server started by :func:`start`; stop it with :meth:`stop`.

    Attributes
    ----------
    url
        The address to open, with the token.
    log
        The server's output while it runs (with ``quiet``); removed by :meth:`stop`.
    """

    process: subprocess.Popen[bytes]
    port: int
    token: str = field(repr=False)
    root: Path
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.base}/lab?token={self.token}"

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server (and its kernels), wait for it to exit, remove its log."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        self.log.unlink(missing_ok=True)

    def __enter__(self) -> LabServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(
    notebook_dir: str | Path | None = None,
    *,
    port: int = 0,
    token: str | None = None,
    args: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    quiet: bool = True,
    timeout: float = 60.0,
) -> LabServer:
    """Start JupyterLab in the background, on localhost with a token, and wait until it answers.

    Parameters
    ----------
    notebook_dir
        The folder to serve (default: the project's ``notebooks/``).
    port
        The port; 0 picks a free one.
    token
        The access token (default: a new random one). It is passed in the environment,
        not on the command line, where other users of the machine could read it.
    args
        More JupyterLab options, e.g. ``["--LabApp.expose_app_in_browser=True"]``.
    env
        Extra environment variables for the server (tests isolate Jupyter's folders).
    quiet
        Write the server's log to a file (``LabServer.log``) instead of the terminal.
    timeout
        Seconds to wait for the server to answer.

    Raises
    ------
    RuntimeError
        The server exited or did not answer in time; the message holds its log's end.
    """
    root = Path(notebook_dir) if notebook_dir is not None else notebooks_path()
    port = port or _free_port()
    token = token or secrets.token_hex(24)
    fd, name = tempfile.mkstemp(prefix="netlink-lab-", suffix=".log")
    os.close(fd)
    log = Path(name)
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        # Offline by default: no news feed, no update check, no extension search on PyPI.
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Jupyter refuses root unless told; containers and CI often run as root.
        cmd.append("--allow-root")
    cmd += list(args)
    full_env = {**os.environ, **(env or {}), "JUPYTER_TOKEN": token}
    with log.open("wb") as out:
        process = subprocess.Popen(
            cmd,
            stdout=out if quiet else None,
            stderr=subprocess.STDOUT if quiet else None,
            env=full_env,
            cwd=root,
        )
    server = LabServer(process, port, token, root, log)
    try:
        _wait_until_ready(
            server, timeout, (lambda: _tail(log)) if quiet else (lambda: "(its output is above)")
        )
    except BaseException:  # an interrupt while waiting must not leave the server running
        server.stop()
        raise
    return server


def _wait_until_ready(server: LabServer, timeout: float, detail: Callable[[], str]) -> None:
    request = urllib.request.Request(
        f"{server.base}/api/status", headers={"Authorization": f"token {server.token}"}
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"JupyterLab exited with status {server.process.returncode}:\n{detail()}"
            )
        with (
            contextlib.suppress(urllib.error.URLError, ConnectionError, TimeoutError),
            urllib.request.urlopen(request, timeout=2) as response,
        ):
            if response.status == 200:
                return
        time.sleep(0.25)
    raise RuntimeError(f"JupyterLab did not answer within {timeout:.0f} s:\n{detail()}")


def _tail(path: Path, n: int = 20) -> str:
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])


def launch(
    notebook_dir: str | Path | None = None, *, port: int = 8888, open_browser: bool = False
) -> int:
    """Start JupyterLab on the notebooks and serve until interrupted (``netlink lab``).

    Listens on 127.0.0.1 only, with a fresh token printed in the address; the kernel is
    the Python that runs netlink, so notebooks import this netlink.

    Returns
    -------
    int
        The exit status: 0 after Ctrl-C.
    """
    server = start(notebook_dir, port=port, quiet=False)
    print(f"JupyterLab on {server.root}\n  open {server.url}\n  stop with Ctrl-C", flush=True)
    if open_browser:
        import webbrowser

        webbrowser.open(server.url)
    try:
        return server.process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()
        print("JupyterLab stopped.", flush=True)
