"""Targets: whom to act against to dismantle each network, why it matters, and what if.

Each network becomes an actor graph built from the case-file-shaped tables (``nodes``,
``edges``, ``seizures``, ``parties``, ``network_members``, ``roles``), so the pipeline
and a case file read back later give the same graph. Its actors are the member parties
and the addresses and identifiers two or more members share; its links follow the goods
through the network's cases (producer, sender, intermediaries, receivers) and the
shared contacts. Demands run from the manufacturer side to the receiving side of each
case (docs/targets.md); :func:`netlink.rank.rank_for_flow` picks the actors that cut most
of that flow per unit cost.
"""

from __future__ import annotations

import csv
import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from netlink.errors import ParameterError, UnknownEntityError
from netlink.graph import ATTRIBUTE_WORDS
from netlink.rank._components import component_roots
from netlink.rank._flow import FlowDemand, FlowRanking, rank_for_flow
from netlink.rank._graph import CompactGraph
from netlink.rank._whatif import WhatIf, what_if

__all__ = [
    "MEASURES",
    "TARGET_COLUMNS",
    "ActorNetwork",
    "TargetSettings",
    "Targets",
    "actor_networks",
    "describe_what_if",
    "network_what_if",
    "rank_networks",
    "rank_targets",
    "read_cost_overrides",
]

#: What a flow amount counts.
MEASURES = ("cases", "articles", "value")

#: Where each party role sits along a case, upstream first: the producer named on the
#: shipment, the sender, the intermediaries, the receivers.
CASE_LAYERS = {
    "other": 0,
    "consignor": 1,
    "seller": 1,
    "forwarder": 2,
    "declarant": 2,
    "carrier": 2,
    "consignee": 3,
    "buyer": 3,
    "notify": 3,
}
_RECEIVING = 3


#: Roles that make a member a source of the network's flow (the manufacturer side).
SOURCE_ROLES = ("manufacturer", "front")

#: The columns of :attr:`Targets.table`: the case-file ones first.
TARGET_COLUMNS = [
    "network_id",
    "rank",
    "entity_id",
    "impact",
    "reason",
    "in_network",
    "kind",
    "label",
    "role",
    "role_score",
    "cost",
    "abroad",
    "country",
    "flow_cut",
    "flow_reach_after",
    "lcc_after",
    "measure",
    "n_cases_cut",
    "case_ids",
]


@dataclass(frozen=True)
class TargetSettings:
    """How many targets, what the flow counts and what acting on an actor costs.

    Parameters
    ----------
    k
        Targets ranked per network.
    k_overall
        Targets in the overall ranking across networks (``network_id`` NULL).
    measure
        What a case's flow amounts to: ``cases`` (1 each), ``articles`` (its items) or
        ``value`` (its value in EUR).
    source_score
        A member is on the manufacturer side when its manufacturer or front score
        reaches this, or when that is its best role; the members whose manufacturer
        score reaches it are the sources of the cases that no such member sends.
    domestic_cost, abroad_cost
        Cost of acting on a party in the case's reporting country, and on one abroad
        (its records' country differs from the reporting country on most of its cases).
    address_cost, identifier_cost
        Cost of acting on a shared address, and on a shared phone, e-mail, tax id,
        website or e-mail domain.
    costs
        The analyst's costs per actor: a mapping ``entity_id -> cost`` or a CSV file
        with columns ``entity_id, cost`` (``inf``: cannot be acted on). They replace the
        costs above; an id that is no actor of any network is an error.
    cite
        Case ids quoted in a reason before "and N more".

    Examples
    --------
    >>> TargetSettings().abroad_cost
    3.0
    >>> TargetSettings(costs={"P-1": 2}).to_dict()["costs"]
    {'P-1': 2.0}
    >>> TargetSettings(domestic_cost=-1)
    Traceback (most recent call last):
    ...
    netlink.errors.ParameterError: domestic_cost must be a number >= 0, got -1
    """

    k: int = 5
    k_overall: int = 20
    measure: str = "cases"
    source_score: float = 0.5
    domestic_cost: float = 1.0
    abroad_cost: float = 3.0
    address_cost: float = 1.0
    identifier_cost: float = 1.0
    costs: Path | tuple[tuple[str, float], ...] | None = None
    cite: int = 5

    def __post_init__(self) -> None:
        for name in ("k", "k_overall", "cite"):
            value = getattr(self, name)
            least = 1 if name == "cite" else 0
            if not isinstance(value, int | np.integer) or value < least:
                raise ParameterError(f"{name} must be a whole number >= {least}, got {value!r}")
        if self.measure not in MEASURES:
            raise ParameterError(
                f"measure must be one of {', '.join(MEASURES)}, got {self.measure!r}"
            )
        if not 0 <= self.source_score <= 1:
            raise ParameterError(f"source_score must be in [0, 1], got {self.source_score!r}")
        for name in ("domestic_cost", "abroad_cost", "address_cost", "identifier_cost"):
            object.__setattr__(self, name, _cost_value(getattr(self, name), name))
        if isinstance(self.costs, str | Path):
            object.__setattr__(self, "costs", Path(self.costs))
        elif isinstance(self.costs, Mapping):
            pairs = ((str(a), _cost_value(c, f"actor {a!r}: cost")) for a, c in self.costs.items())
            object.__setattr__(self, "costs", tuple(sorted(pairs)))
        elif self.costs is not None:
            raise ParameterError(
                f"costs must be a mapping entity_id -> cost or a CSV file, got {self.costs!r}"
            )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able values, as recorded in the case file (an infinite cost as
        ``"inf"``: JSON has no infinity)."""
        out = {f.name: _json_cost(getattr(self, f.name)) for f in fields(self)}
        if isinstance(self.costs, Path):
            out["costs"] = str(self.costs)
        elif self.costs is not None:
            out["costs"] = {a: _json_cost(c) for a, c in self.costs}
        return out

    def cost_overrides(self) -> dict[str, float]:
        """The analyst's costs per actor (read from the file when ``costs`` is one)."""
        if isinstance(self.costs, Path):
            return read_cost_overrides(self.costs)
        return dict(self.costs or ())


def _json_cost(value: Any) -> Any:
    return "inf" if isinstance(value, float) and math.isinf(value) else value


def _cost_value(raw: Any, what: str) -> float:
    try:
        value = float(raw)
    except (TypeError, ValueError):
        value = math.nan
    if math.isnan(value) or value < 0:
        if raw is None or (isinstance(raw, float) and math.isnan(raw)) or raw == "":
            raise ParameterError(f"{what} is missing; costs must be numbers >= 0")
        raise ParameterError(f"{what} must be a number >= 0, got {raw!r}")
    return value


def read_cost_overrides(path: str | Path) -> dict[str, float]:
    """Read an analyst's costs: CSV with columns ``entity_id, cost`` (and e.g. ``note``).

    Raises
    ------
    ParameterError
        The file cannot be read, lacks a column, or a cost is missing, not a number or
        negative (the message names the actor and the line).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "costs.csv"
    >>> _ = p.write_text("entity_id,cost,note\\nP-1,5,extradition needed\\nP-2,inf,informant\\n")
    >>> read_cost_overrides(p)
    {'P-1': 5.0, 'P-2': inf}
    >>> _ = p.write_text("entity_id,cost\\nP-1,\\n")
    >>> read_cost_overrides(p)
    Traceback (most recent call last):
    ...
    netlink.errors.ParameterError: cost file costs.csv, line 2: actor 'P-1': cost is missing; costs must be numbers >= 0
    """
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            rows = list(reader)
            header = reader.fieldnames or []
    except OSError as exc:
        raise ParameterError(f"cost file {path} cannot be read: {exc}") from None
    if not {"entity_id", "cost"} <= set(header):
        raise ParameterError(f"cost file {path.name} needs columns entity_id, cost")
    out: dict[str, float] = {}
    for line, row in enumerate(rows, start=2):
        actor = (row.get("entity_id") or "").strip()
        try:
            out[actor] = _cost_value((row.get("cost") or "").strip(), f"actor {actor!r}: cost")
        except ParameterError as exc:
            raise ParameterError(f"cost file {path.name}, line {line}: {exc}") from None
    return out


@dataclass(frozen=True, eq=False)
class ActorNetwork:
    """One network as the actors that could be acted on and the flow between them.

    Attributes
    ----------
    network_id
        The network.
    graph
        The actor graph, with each actor's cost and the links' weights (the flow
        amount of the cases behind a link, or the records behind a shared contact).
    demand
        Source-to-receiver demands, one per (source, receiver) pair.
    measure
        What the amounts count.
    note
        Why there is no flow, or why the senders stand in for manufacturers.
    actor_columns, flow_columns
        The columns of :attr:`actors` and :attr:`flows` as arrays (flows also with the
        graph indices ``u``, ``v`` of source and receiver).
    """

    network_id: str
    graph: CompactGraph
    demand: FlowDemand
    measure: str
    note: str
    actor_columns: Mapping[str, np.ndarray] = field(repr=False)
    flow_columns: Mapping[str, np.ndarray] = field(repr=False)

    @cached_property
    def actors(self) -> pd.DataFrame:
        """One row per actor, in ``graph.ids`` order: ``actor_id, kind`` (party,
        address, identifier, domain), ``label, role, role_score, is_source, cost,
        cost_reason, abroad, country, n_cases, case_kinds`` (e.g. "consignor on 9,
        seller on 2") and ``shared`` (what it shares, or who shares it)."""
        return pd.DataFrame(dict(self.actor_columns))

    @cached_property
    def flows(self) -> pd.DataFrame:
        """The demands per case: ``source, destination, seizure_id, amount``."""
        return pd.DataFrame({c: self.flow_columns[c] for c in _FLOW_COLUMNS})

    @property
    def n_cases(self) -> int:
        """Cases carrying flow."""
        return len(set(self.flow_columns["seizure_id"].tolist()))

    @property
    def flow_total(self) -> float:
        """The amount of all demands."""
        return float(self.flow_columns["amount"].sum())

    def rank(self, k: int, seed: int = 0) -> FlowRanking:
        """The ``k`` actors whose removal cuts most of the flow per unit cost."""
        return rank_for_flow(self.graph, self.demand, k, seed=seed)

    def what_if(self, removed: Iterable[str], k: int | None = None) -> WhatIf:
        """Remove actors (only the first ``k`` when given) and compare before and after.

        Raises
        ------
        UnknownEntityError
            An actor that is not in this network's actor graph (the message says which
            and why it may be missing).
        """
        names = [removed] if isinstance(removed, str) else [str(a) for a in removed]
        index = self.graph.index
        for actor in names:
            if actor not in index:
                raise UnknownEntityError(
                    f"actor {actor!r} is not in network {self.network_id}'s actor graph (its "
                    "member parties, hubs left out, and the addresses and identifiers two or "
                    "more members share)",
                    hint="Take ids from the case file's targets or network_members table.",
                )
        return what_if(self.graph, names, self.demand, k=k)


@dataclass(frozen=True, eq=False)
class Targets:
    """Ranked targets per network and overall, with the actor graphs behind them.

    Attributes
    ----------
    table
        The case file's ``targets`` table (:data:`TARGET_COLUMNS`): per network, rank,
        entity, ``impact`` (share of the network's flow cut after this target and the
        ones above) and a plain-language ``reason``; then the overall ranking with
        ``network_id`` NULL (impact: share of all networks' flow) and ``in_network``
        naming the actor's network.
    summary
        One row per network: ``network_id, n_actors, n_parties, n_shared, n_links,
        n_cases, flow_total, measure, flow_reach_before, flow_reach_after, lcc_after,
        n_targets, note``.
    networks
        The :class:`ActorNetwork` of each network, by id.
    settings
        The settings used.
    """

    table: pd.DataFrame
    summary: pd.DataFrame
    networks: dict[str, ActorNetwork] = field(repr=False)
    settings: TargetSettings

    def network(self, network_id: str) -> ActorNetwork:
        """The actor network of ``network_id``."""
        try:
            return self.networks[network_id]
        except KeyError:
            raise UnknownEntityError(
                f"network {network_id!r} is not in the targets (networks: "
                f"{_some(sorted(self.networks))})"
            ) from None

    def what_if(
        self, network_id: str, removed: Iterable[str] | None = None, k: int | None = None
    ) -> WhatIf:
        """Remove actors from a network and compare before and after.

        Parameters
        ----------
        network_id
            The network.
        removed
            Actor ids; ``None`` takes the network's ranked targets.
        k
            Only the first ``k`` of them (the top ``k`` targets).

        Returns
        -------
        WhatIf
            Component sizes, flow reach before and after, the flow cut and the sources
            (manufacturers) left without a route to any of their receivers.
        """
        net = self.network(network_id)
        if removed is None:
            rows = self.table[self.table["network_id"] == network_id]
            removed = rows.sort_values("rank")["entity_id"].tolist()
        return net.what_if(removed, k=k)


def _some(ids: Sequence[str], n: int = 5) -> str:
    if not ids:
        return "none"
    more = f", ... ({len(ids)} in all)" if len(ids) > n else ""
    return ", ".join(ids[:n]) + more


# --- building the actor networks -------------------------------------------------------


def actor_networks(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    seizures: pd.DataFrame,
    parties: pd.DataFrame,
    network_members: pd.DataFrame,
    roles: pd.DataFrame,
    settings: TargetSettings | None = None,
    *,
    goods: pd.DataFrame | None = None,
    network_ids: Iterable[str] | None = None,
) -> dict[str, ActorNetwork]:
    """Build each network's actor graph, costs and demands from case-file tables.

    Parameters
    ----------
    nodes, edges
        The link graph as the case file holds it (``LinkGraph.tables(hubs.table)``):
        nodes with ``node_id, kind, label`` and ``is_hub``; edges with ``source, target,
        kind, record_ids``.
    seizures, parties
        The loaded extract tables (``reporting_country``, ``items``, ``value_eur``;
        each party record's ``country``).
    network_members
        ``entity_id, network_id``.
    roles
        The role table of :func:`netlink.roles.score_roles`.
    settings
        Costs and measure.
    goods
        Goods lines, to fill a case's missing articles or value from its lines.
    network_ids
        Build only these networks (all by default).

    Returns
    -------
    dict
        ``network_id -> ActorNetwork``, in network id order.

    Raises
    ------
    UnknownEntityError
        A network member is not a node of the link graph, or an analyst's cost names
        an actor of no network.
    ParameterError
        An analyst's cost is missing or negative (the message names the actor).

    Examples
    --------
    >>> from netlink.graph import build_graph, detect_hubs, exact_entities, project_parties
    >>> from netlink.graph._examples import tiny_extract
    >>> from netlink.cluster import find_networks
    >>> from netlink.roles import score_roles
    >>> ex = tiny_extract()
    >>> g = build_graph(ex, *exact_entities(ex))
    >>> hubs = detect_hubs(g)
    >>> members = find_networks(g, project_parties(g, hubs)).network_members
    >>> nets = actor_networks(**g.tables(hubs.table), seizures=ex.seizures,
    ...                       parties=ex.parties, network_members=members,
    ...                       roles=score_roles(ex, g, members, hubs))
    >>> net = nets["N0002"]
    >>> net.actors[["label", "role", "cost"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['+86 138 0013 8000', 'shared phone', 1.0],
     ['Xinghui (HK) Trading Limited', 'front', 3.0],
     ['Meier Schuhhandel GmbH', 'distributor', 1.0],
     ['Guangzhou Xinghui Leather Products Co., Ltd', 'manufacturer', 3.0]]
    >>> net.flows[["source", "destination", "seizure_id"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['P-edc54b64df', 'P-d57bb84f14', 'S1'], ['P-384f265793', 'P-d57bb84f14', 'S2'],
     ['P-384f265793', 'P-d57bb84f14', 'S3']]
    """
    settings = settings or TargetSettings()
    members = network_members[["entity_id", "network_id"]].astype(str).drop_duplicates()
    if network_ids is not None:
        members = members[members["network_id"].isin(set(network_ids))]
    node_ids = pd.Index(_text(nodes["node_id"]), dtype=object)
    missing = ~members["entity_id"].isin(node_ids)
    if missing.any():
        bad = members[missing].iloc[0]
        raise UnknownEntityError(
            f"network {bad.network_id} member {bad.entity_id!r} is not a node of the link graph"
        )
    is_hub = (
        nodes["is_hub"].fillna(False).astype(bool).to_numpy()
        if "is_hub" in nodes
        else np.zeros(len(nodes), dtype=bool)
    )
    hubs = set(node_ids[is_hub])
    members = members[~members["entity_id"].isin(hubs)].sort_values(["network_id", "entity_id"])
    labels = pd.Series(_text(nodes["label"]), index=node_ids, dtype=object)
    kinds = pd.Series(_text(nodes["kind"]), index=node_ids, dtype=object)
    amounts = _case_amounts(seizures, goods, settings.measure)

    member_ids = set(members["entity_id"])
    mine = edges[[s in member_ids for s in _text(edges["source"]).tolist()]]
    kind = pd.Series(_text(mine["kind"]), dtype=object)
    rows = _case_rows(mine[kind.isin(CASE_LAYERS.keys()).to_numpy()], members)
    places = _locations(rows, parties, seizures)
    shared = _shared_attributes(mine[kind.isin(ATTRIBUTE_WORDS.keys()).to_numpy()], members, hubs)
    sources = _source_candidates(roles, members, settings.source_score)
    links = _case_links(rows, amounts)
    flows = _flows(rows, sources, _principals(roles, members, settings.source_score), amounts)
    overrides = settings.cost_overrides()
    actors = _actor_table(
        members,
        rows,
        places,
        shared,
        sources,
        _best_roles(roles, members),
        labels,
        kinds,
        settings,
        overrides,
    )
    unknown = sorted(set(overrides) - set(actors["actor_id"]))
    if unknown and network_ids is None:
        raise UnknownEntityError(
            f"a cost is given for actor {unknown[0]!r}, which is no actor of any network",
            hint="Remove the row from the cost file, or check the id in the case file.",
        )
    return _split(actors, links, shared, flows, settings.measure)


def _text(values: Any) -> np.ndarray:
    """Ids or labels as a plain object array (from str, categorical or Arrow columns)."""
    return np.asarray(values, dtype=object)


def _case_amounts(seizures: pd.DataFrame, goods: pd.DataFrame | None, measure: str) -> pd.Series:
    """The flow amount of each case, by seizure id (missing figures count 0)."""
    ids = _text(seizures["seizure_id"])
    if measure == "cases":
        return pd.Series(1.0, index=ids)
    column, line_column = ("items", "quantity") if measure == "articles" else ("value_eur",) * 2
    values = pd.Series(pd.to_numeric(seizures[column], errors="coerce").to_numpy(float), index=ids)
    if goods is not None and line_column in goods:
        # A case without the figure takes the sum of its goods lines.
        lines = pd.to_numeric(goods[line_column], errors="coerce")
        per_case = lines.groupby(_text(goods["seizure_id"])).sum(min_count=1)
        values = values.fillna(per_case.reindex(values.index))
    return values.fillna(0.0).clip(lower=0.0)


def _case_rows(edges: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """One row per (network, member, case, role) with the member's layer on the case."""
    frame = pd.DataFrame(
        {
            "entity_id": _text(edges["source"]),
            "seizure_id": [t.removeprefix("S:") for t in _text(edges["target"]).tolist()],
            "case_kind": _text(edges["kind"]),
            "record_ids": edges["record_ids"].to_numpy(),
        }
    ).merge(members, on="entity_id")
    frame["layer"] = frame["case_kind"].map(CASE_LAYERS).astype(np.int64)
    order = ["network_id", "seizure_id", "layer", "entity_id", "case_kind"]
    return frame.sort_values(order).reset_index(drop=True)


def _locations(rows: pd.DataFrame, parties: pd.DataFrame, seizures: pd.DataFrame) -> pd.DataFrame:
    """Per member: its most frequent country and whether it sits abroad, i.e. its records'
    country differs from the case's reporting country on most of its cases."""
    records = rows[["network_id", "entity_id", "seizure_id", "record_ids"]].explode("record_ids")
    records = records.dropna(subset=["record_ids"])
    country = pd.Series(_text(parties["country"]), index=_text(parties["record_id"]), dtype=object)
    reporting = pd.Series(
        _text(seizures["reporting_country"]), index=_text(seizures["seizure_id"]), dtype=object
    )
    records["country"] = records["record_ids"].map(country).to_numpy()
    records["reporting"] = records["seizure_id"].map(reporting).to_numpy()
    records = records.dropna(subset=["country", "reporting"])
    records["abroad"] = records["country"] != records["reporting"]
    keys = ["network_id", "entity_id"]
    abroad = records.groupby(keys)["abroad"].mean().gt(0.5).rename("abroad")
    top = (
        records.groupby([*keys, "country"])
        .size()
        .rename("n")
        .reset_index()
        .sort_values([*keys, "n", "country"], ascending=[True, True, False, True])
        .drop_duplicates(keys)
        .set_index(keys)["country"]
    )
    return pd.concat([abroad, top], axis=1).reset_index()


def _shared_attributes(edges: pd.DataFrame, members: pd.DataFrame, hubs: set[str]) -> pd.DataFrame:
    """Member-to-attribute links for attributes two or more members of a network share
    (hub attributes, such as placeholders and registered offices, left out)."""
    frame = pd.DataFrame(
        {
            "entity_id": _text(edges["source"]),
            "attribute_id": _text(edges["target"]),
            "field": pd.Series(_text(edges["kind"]), dtype=object).map(ATTRIBUTE_WORDS),
            "weight": pd.to_numeric(edges["weight"], errors="coerce").fillna(1.0).to_numpy(),
        }
    )
    frame = frame[~frame["attribute_id"].isin(hubs)].merge(members, on="entity_id")
    users = frame.groupby(["network_id", "attribute_id"])["entity_id"].transform("nunique")
    frame = frame[users >= 2]
    return frame.sort_values(["network_id", "attribute_id", "entity_id"]).reset_index(drop=True)


def _case_links(rows: pd.DataFrame, amounts: pd.Series) -> pd.DataFrame:
    """Links between the members on consecutive layers of each case (producer - sender -
    intermediaries - receivers, a layer without members skipped), weighted by the flow
    amount of the cases behind them."""
    keys = ["network_id", "seizure_id"]
    r = rows[[*keys, "entity_id", "layer"]].drop_duplicates()
    layers = r[[*keys, "layer"]].drop_duplicates()
    layers["next"] = layers.groupby(keys)["layer"].shift(-1)  # rows are sorted by layer
    left = r.merge(layers.dropna(subset=["next"]).astype({"next": np.int64}), on=[*keys, "layer"])
    right = r.rename(columns={"entity_id": "other", "layer": "next"})
    pairs = left.merge(right, on=[*keys, "next"])
    pairs = pairs[pairs["entity_id"] != pairs["other"]]
    u = pairs["entity_id"].to_numpy(dtype=object)
    v = pairs["other"].to_numpy(dtype=object)
    first = u < v
    links = pd.DataFrame(
        {
            "network_id": pairs["network_id"].to_numpy(),
            "a": np.where(first, u, v),
            "b": np.where(first, v, u),
            "seizure_id": pairs["seizure_id"].to_numpy(),
        }
    ).drop_duplicates()
    links["weight"] = links["seizure_id"].map(amounts).fillna(0.0).to_numpy()
    return links.groupby(["network_id", "a", "b"], sort=True)["weight"].sum().reset_index()


def _best_roles(roles: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Each member's best-scored role (hub rows left out)."""
    cols = ["network_id", "entity_id", "role", "score"]
    if roles is None or roles.empty:
        return pd.DataFrame(columns=cols)
    r = roles[cols].astype({"network_id": str, "entity_id": str})
    r = r[r["role"] != "hub"].merge(members, on=["network_id", "entity_id"])
    r = r.sort_values(
        ["network_id", "entity_id", "score", "role"], ascending=[True, True, False, True]
    )
    return r.drop_duplicates(["network_id", "entity_id"]).reset_index(drop=True)


def _source_candidates(
    roles: pd.DataFrame, members: pd.DataFrame, min_score: float
) -> pd.DataFrame:
    """Members on the manufacturer side: a manufacturer or front score of at least
    ``min_score``, or one of those as their best role."""
    best = _best_roles(roles, members)
    cols = ["network_id", "entity_id"]
    if best.empty:
        return pd.DataFrame(columns=cols)
    r = roles[["network_id", "entity_id", "role", "score"]].astype(
        {"network_id": str, "entity_id": str}
    )
    strong = r[r["role"].isin(SOURCE_ROLES) & (r["score"] >= min_score)].merge(members, on=cols)
    chosen = pd.concat([strong[cols], best.loc[best["role"].isin(SOURCE_ROLES), cols]])
    return chosen.drop_duplicates().sort_values(cols).reset_index(drop=True)


def _principals(roles: pd.DataFrame, members: pd.DataFrame, min_score: float) -> pd.DataFrame:
    """Per network, its best manufacturer candidate (score at least ``min_score``; ties
    by id): the source of the goods its other senders pass on."""
    cols = ["network_id", "entity_id"]
    if roles is None or roles.empty:
        return pd.DataFrame(columns=cols)
    r = roles[["network_id", "entity_id", "role", "score"]].astype(
        {"network_id": str, "entity_id": str}
    )
    r = r[(r["role"] == "manufacturer") & (r["score"] >= min_score)].merge(members, on=cols)
    r = r.sort_values(["network_id", "score", "entity_id"], ascending=[True, False, True])
    return r[cols].reset_index(drop=True)


def _flows(
    rows: pd.DataFrame, sources: pd.DataFrame, principals: pd.DataFrame, amounts: pd.Series
) -> pd.DataFrame:
    """Demands per case, to its receiving members from its most upstream
    manufacturer-side member; a case without one (a store's parcel, say) starts at the
    network's principal manufacturer, or, without one, at its most upstream senders. The
    case's amount is split evenly over its pairs."""
    keys = ["network_id", "seizure_id"]
    cols = [*keys, "source", "destination", "amount"]
    receivers = rows.loc[rows["layer"] == _RECEIVING, [*keys, "entity_id"]].drop_duplicates()
    receivers = receivers.rename(columns={"entity_id": "destination"})
    senders = rows.loc[rows["layer"] < 2, [*keys, "entity_id", "layer"]].drop_duplicates()
    flagged = senders.merge(
        sources.assign(flagged=True), on=["network_id", "entity_id"], how="left"
    )
    # Rank each sender: a flagged one before any other, then upstream before downstream.
    flagged["order"] = np.where(flagged["flagged"].notna(), 0, 2) + flagged["layer"]
    first = flagged.groupby(keys)["order"].transform("min")
    src = flagged.loc[flagged["order"] == first, [*keys, "entity_id", "order"]]
    led = src["network_id"].isin(set(principals["network_id"]))
    unflagged = src.loc[led & (src["order"] >= 2), keys].drop_duplicates()
    src = pd.concat(
        [
            src.loc[~led | (src["order"] < 2), [*keys, "entity_id"]],
            unflagged.merge(principals, on="network_id"),
        ]
    )
    pairs = src.rename(columns={"entity_id": "source"}).merge(receivers, on=keys)
    pairs = pairs[pairs["source"] != pairs["destination"]]
    if pairs.empty:
        return pd.DataFrame(columns=cols).astype({"amount": float})
    share = pairs.groupby(keys)["source"].transform("size")
    pairs["amount"] = pairs["seizure_id"].map(amounts).fillna(0.0).to_numpy() / share.to_numpy()
    return pairs[cols].sort_values(cols[:4]).reset_index(drop=True)


def _actor_table(
    members: pd.DataFrame,
    rows: pd.DataFrame,
    places: pd.DataFrame,
    shared: pd.DataFrame,
    sources: pd.DataFrame,
    best: pd.DataFrame,
    labels: pd.Series,
    kinds: pd.Series,
    settings: TargetSettings,
    overrides: Mapping[str, float],
) -> pd.DataFrame:
    """Every network's actors, sorted by network and id: what they are, their links and
    what acting on them costs."""
    keys = ["network_id", "entity_id"]
    party = members.merge(best[[*keys, "role", "score"]], on=keys, how="left")
    party = party.merge(places, on=keys, how="left").rename(columns={"score": "role_score"})
    party["kind"] = "party"
    flagged = party.merge(sources.assign(flag=True), on=keys, how="left")["flag"]
    party["is_source"] = flagged.notna().to_numpy()
    party["abroad"] = party["abroad"].astype("boolean")
    away = party["abroad"].fillna(False).to_numpy(dtype=bool)
    party["cost"] = np.where(away, settings.abroad_cost, settings.domestic_cost)
    party["cost_reason"] = np.where(away, "abroad", "domestic")
    party = party.set_index(keys)
    party["n_cases"] = rows.groupby(keys)["seizure_id"].nunique().reindex(party.index).fillna(0)
    per_kind = rows.drop_duplicates([*keys, "seizure_id", "case_kind"])
    per_kind = per_kind.groupby([*keys, "case_kind"]).size().rename("n").reset_index()
    per_kind = per_kind.sort_values([*keys, "n", "case_kind"], ascending=[True, True, False, True])
    per_kind["text"] = per_kind["case_kind"] + " on " + per_kind["n"].astype(str)
    party["case_kinds"] = per_kind.groupby(keys)["text"].agg(", ".join).reindex(party.index)
    fields_ = shared[[*keys, "field"]].drop_duplicates().sort_values([*keys, "field"])
    party["shared"] = fields_.groupby(keys)["field"].agg(", ".join).reindex(party.index)
    party = party.reset_index().rename(columns={"entity_id": "actor_id"})

    named = shared.assign(name=shared["entity_id"].map(labels).astype(str))
    attrs = (
        named.groupby(["network_id", "attribute_id"], sort=True)
        .agg(field=("field", "first"), shared=("name", "; ".join))
        .reset_index()
        .rename(columns={"attribute_id": "actor_id"})
    )
    attrs["kind"] = attrs["actor_id"].map(kinds).astype(str)
    attrs["role"] = "shared " + attrs.pop("field").astype(str)
    attrs["is_source"] = False
    attrs["cost"] = np.where(
        attrs["kind"] == "address", settings.address_cost, settings.identifier_cost
    )
    attrs["cost_reason"] = attrs["kind"]
    attrs["n_cases"] = 0

    actors = pd.concat([party, attrs], ignore_index=True)
    actors["n_cases"] = actors["n_cases"].astype(np.int64)
    actors[["case_kinds", "shared"]] = actors[["case_kinds", "shared"]].fillna("")
    actors["label"] = actors["actor_id"].map(labels).fillna(actors["actor_id"])
    analyst = actors["actor_id"].map(overrides)
    actors["cost"] = analyst.fillna(actors["cost"]).astype(float)
    actors["cost_reason"] = actors["cost_reason"].where(analyst.isna(), "set by the analyst")
    actors = actors.sort_values(["network_id", "actor_id"]).reset_index(drop=True)
    actors["local"] = actors.groupby("network_id").cumcount()
    return actors


def _split(
    actors: pd.DataFrame,
    links: pd.DataFrame,
    shared: pd.DataFrame,
    flows: pd.DataFrame,
    measure: str,
) -> dict[str, ActorNetwork]:
    """Cut the tables of all networks into one :class:`ActorNetwork` each."""
    local = actors.set_index(["network_id", "actor_id"])["local"]

    def locate(network: pd.Series, actor: pd.Series) -> np.ndarray:
        where = pd.MultiIndex.from_arrays([network.to_numpy(), actor.to_numpy()])
        return local.reindex(where).to_numpy(dtype=np.int64)

    edges = pd.DataFrame(
        {
            "network_id": np.concatenate([links["network_id"], shared["network_id"]]),
            "a": np.concatenate([links["a"], shared["entity_id"]]),
            "b": np.concatenate([links["b"], shared["attribute_id"]]),
            "weight": np.concatenate([links["weight"], shared["weight"]]).astype(float),
        }
    )
    edges["u"] = locate(edges["network_id"], edges["a"])
    edges["v"] = locate(edges["network_id"], edges["b"])
    edges = edges.sort_values(["network_id", "u", "v"], kind="stable")
    flows = flows.assign(
        u=locate(flows["network_id"], flows["source"]),
        v=locate(flows["network_id"], flows["destination"]),
    )
    columns = [
        "actor_id",
        "kind",
        "label",
        "role",
        "role_score",
        "is_source",
        "cost",
        "cost_reason",
        "abroad",
        "country",
        "n_cases",
        "case_kinds",
        "shared",
    ]
    # Plain arrays sliced per network: selecting columns of many small frames is slow.
    a_cols = {c: actors[c].to_numpy(dtype=_ARRAY_TYPES.get(c, object)) for c in columns}
    e_cols = {c: edges[c].to_numpy() for c in ("u", "v", "weight")}
    f_cols = {
        c: flows[c].to_numpy(dtype=object if c in _FLOW_IDS else None)
        for c in ("source", "destination", "seizure_id", "amount", "u", "v")
    }
    bounds = _bounds(actors["network_id"].to_numpy())
    edge_bounds = _bounds(edges["network_id"].to_numpy())
    flow_bounds = _bounds(flows["network_id"].to_numpy())
    out: dict[str, ActorNetwork] = {}
    for network_id, (start, stop) in bounds.items():
        e = slice(*edge_bounds.get(network_id, (0, 0)))
        f = slice(*flow_bounds.get(network_id, (0, 0)))
        mine = {c: v[start:stop] for c, v in a_cols.items()}
        mine_flows = {c: v[f] for c, v in f_cols.items()}
        graph = _compact(
            tuple(mine["actor_id"].tolist()),
            e_cols["u"][e],
            e_cols["v"][e],
            e_cols["weight"][e].astype(float),
            mine["cost"],
        )
        note = ""
        if not len(mine_flows["amount"]):
            note = "no flow: no case of the network runs from a sender to a receiving member"
        elif not mine["is_source"].any():
            note = "no manufacturer candidate: the senders of its cases are the sources"
        demand = _demand(
            graph, mine_flows["u"], mine_flows["v"], mine_flows["amount"].astype(float), measure
        )
        out[network_id] = ActorNetwork(network_id, graph, demand, measure, note, mine, mine_flows)
    return out


_ARRAY_TYPES = {"cost": float, "is_source": bool, "n_cases": np.int64}
_FLOW_IDS = ("source", "destination", "seizure_id")
_FLOW_COLUMNS = (*_FLOW_IDS, "amount")


def _bounds(sorted_ids: np.ndarray) -> dict[str, tuple[int, int]]:
    """Start and stop of each id's run in a sorted array."""
    ids, starts = np.unique(sorted_ids.astype(str), return_index=True)
    stops = [*starts[1:].tolist(), len(sorted_ids)] if len(starts) else []
    return {i: (a, b) for i, a, b in zip(ids.tolist(), starts.tolist(), stops, strict=True)}


def _compact(
    ids: tuple[str, ...], u: np.ndarray, v: np.ndarray, w: np.ndarray, costs: np.ndarray
) -> CompactGraph:
    """A :class:`CompactGraph` over sorted ids from local edge indices (parallel edges
    merge, their weights summing)."""
    n = len(ids)
    mat = sp.coo_array(
        (np.concatenate([w, w]), (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(n, n)
    ).tocsr()
    mat.sum_duplicates()
    mat.sort_indices()
    return CompactGraph(
        ids,
        mat.indptr.astype(np.int64),
        mat.indices.astype(np.int64),
        mat.data.astype(np.float64),
        costs.astype(np.float64),
    )


def _demand(
    graph: CompactGraph, u: np.ndarray, v: np.ndarray, amount: np.ndarray, measure: str
) -> FlowDemand:
    """One demand per (source, receiver) pair, in index (id) order."""
    pair, inverse = np.unique(u * max(graph.n, 1) + v, return_inverse=True)
    sums = np.bincount(inverse, amount, minlength=len(pair))
    ids = graph.ids
    return FlowDemand(
        tuple(ids[i] for i in (pair // max(graph.n, 1)).tolist()),
        tuple(ids[i] for i in (pair % max(graph.n, 1)).tolist()),
        sums,
        measure,
    )


# --- ranking and reasons --------------------------------------------------------------


def rank_targets(
    extract: Any,
    graph: Any,
    network_members: pd.DataFrame,
    roles: pd.DataFrame,
    hubs: Any,
    settings: TargetSettings | None = None,
    *,
    seed: int = 0,
) -> Targets:
    """Rank, per network and overall, the actors to act against to cut the most flow.

    Each network's actor graph (:func:`actor_networks`) carries demands from its
    manufacturer side to its receiving members; :func:`netlink.rank.rank_for_flow`
    ranks up to ``settings.k`` actors by the flow they cut per unit cost (a lone
    actor, or a cheapest set of actors cutting sources from receivers). The overall
    ranking merges the networks' rankings by flow cut per cost.

    Parameters
    ----------
    extract
        The loaded extract (:class:`netlink.extract.Extract`): its seizures, parties
        and goods.
    graph
        The link graph (:class:`netlink.graph.LinkGraph`).
    network_members
        ``entity_id, network_id`` (``Networks.network_members``).
    roles
        The role table of :func:`netlink.roles.score_roles`.
    hubs
        The hubs (:class:`netlink.graph.Hubs`); they are no actors.
    settings
        Targets per network, measure and costs.
    seed
        Passed to the ranking (which is deterministic: ties are broken by id).

    Returns
    -------
    Targets
        ``table`` is the case file's ``targets`` table.

    Raises
    ------
    ParameterError
        An analyst's cost is missing or negative (the message names the actor).
    UnknownEntityError
        An analyst's cost names an actor of no network.

    Examples
    --------
    >>> from netlink.cluster import find_networks
    >>> from netlink.graph import build_graph, detect_hubs, exact_entities, project_parties
    >>> from netlink.graph._examples import tiny_extract
    >>> from netlink.roles import score_roles
    >>> ex = tiny_extract()
    >>> g = build_graph(ex, *exact_entities(ex))
    >>> hubs = detect_hubs(g)
    >>> nets = find_networks(g, project_parties(g, hubs))
    >>> roles = score_roles(ex, g, nets.network_members, hubs)
    >>> t = rank_targets(ex, g, nets.network_members, roles, hubs)
    >>> top = t.table[t.table.network_id == "N0002"].iloc[0]
    >>> top.label, float(top.impact)
    ('Meier Schuhhandel GmbH', 1.0)
    >>> print(top.reason)  # doctest: +NORMALIZE_WHITESPACE
    likely distributor (score 0.94); on 3 of the network's cases (consignee on 3);
    separates it from 2 source(s); cuts 100% of the network's flow (3 of 3 cases: S1, S2,
    S3); domestic (DE), cost 1
    >>> t.what_if("N0002", k=1).sources_cut
    ('P-384f265793', 'P-edc54b64df')
    """
    settings = settings or TargetSettings()
    tables = graph.tables(hubs.table if hubs is not None else None)
    nets = actor_networks(
        tables["nodes"],
        tables["edges"],
        extract.seizures,
        extract.parties,
        network_members,
        roles,
        settings,
        goods=extract.goods,
    )
    return rank_networks(nets, settings, seed=seed)


def rank_networks(
    networks: Mapping[str, ActorNetwork], settings: TargetSettings | None = None, *, seed: int = 0
) -> Targets:
    """Rank targets on actor networks already built (:func:`actor_networks`, which
    sets the costs), e.g. from a case file's tables with the analyst's costs.

    Examples
    --------
    >>> from netlink.graph import build_graph, detect_hubs, exact_entities, project_parties
    >>> from netlink.graph._examples import tiny_extract
    >>> from netlink.cluster import find_networks
    >>> from netlink.roles import score_roles
    >>> ex = tiny_extract()
    >>> g = build_graph(ex, *exact_entities(ex))
    >>> hubs = detect_hubs(g)
    >>> members = find_networks(g, project_parties(g, hubs)).network_members
    >>> roles = score_roles(ex, g, members, hubs)
    >>> dear = TargetSettings(costs={"P-d57bb84f14": 10})  # the importer is hard to reach
    >>> nets = actor_networks(**g.tables(hubs.table), seizures=ex.seizures,
    ...                       parties=ex.parties, network_members=members, roles=roles,
    ...                       settings=dear)
    >>> rank_networks(nets, dear).table.query("network_id == 'N0002'")["label"].tolist()
    ['Xinghui (HK) Trading Limited', 'Guangzhou Xinghui Leather Products Co., Ltd']
    """
    settings = settings or TargetSettings()
    rows: list[dict[str, Any]] = []
    summary: list[dict[str, Any]] = []
    moves: dict[str, list[tuple[list[dict[str, Any]], float, float]]] = {}
    for network_id, net in networks.items():
        ranking = net.rank(settings.k, seed=seed) if net.flow_total > 0 else None
        mine, gains = _network_rows(net, ranking, settings)
        rows += mine
        moves[network_id] = _moves_of(mine, gains)
        summary.append(_summary_row(net, ranking, len(mine)))
    total = sum(net.flow_total for net in networks.values())
    rows += _overall_rows(moves, total, settings)
    table = pd.DataFrame(rows, columns=TARGET_COLUMNS).astype(
        {"rank": np.int64, "impact": float, "cost": float, "n_cases_cut": np.int64}
    )
    table["abroad"] = table["abroad"].astype("boolean")
    # The overall ranking's rows have no network: NULL in the case file, not NaN.
    table["network_id"] = (
        table["network_id"].astype(object).where(table["network_id"].notna(), None)
    )
    summary_frame = pd.DataFrame(summary, columns=_SUMMARY_COLUMNS)
    return Targets(table, summary_frame, dict(networks), settings)


_SUMMARY_COLUMNS = [
    "network_id",
    "n_actors",
    "n_parties",
    "n_shared",
    "n_links",
    "n_cases",
    "flow_total",
    "measure",
    "flow_reach_before",
    "flow_reach_after",
    "lcc_after",
    "n_targets",
    "note",
]


def _summary_row(net: ActorNetwork, ranking: FlowRanking | None, n_targets: int) -> dict[str, Any]:
    n_parties = int((net.actor_columns["kind"] == "party").sum())
    return {
        "network_id": net.network_id,
        "n_actors": net.graph.n,
        "n_parties": n_parties,
        "n_shared": net.graph.n - n_parties,
        "n_links": net.graph.m,
        "n_cases": net.n_cases,
        "flow_total": net.flow_total,
        "measure": net.measure,
        "flow_reach_before": ranking.flow_reach[0] if ranking else None,
        "flow_reach_after": ranking.flow_reach[-1] if ranking else None,
        "lcc_after": ranking.lcc[-1] if ranking else None,
        "n_targets": n_targets,
        "note": net.note,
    }


def _network_rows(
    net: ActorNetwork, ranking: FlowRanking | None, settings: TargetSettings
) -> tuple[list[dict[str, Any]], list[float]]:
    """One row per ranked actor with its reason, and the flow amount each one cuts."""
    if ranking is None or not ranking.actors:
        return [], []
    g = net.graph
    index = g.index
    flows = net.flow_columns
    src_ids, dst_ids = flows["source"], flows["destination"]
    src, dst = flows["u"], flows["v"]
    amount = flows["amount"].astype(float)
    case_codes, case_ids = pd.factorize(flows["seizure_id"], sort=True)
    total = float(amount.sum())
    n_cases = len(case_ids)
    alive = np.ones(g.n, dtype=bool)

    def connected() -> np.ndarray:
        roots = component_roots(g, alive)
        return alive[src] & alive[dst] & (roots[src] == roots[dst])

    before = connected()
    reach0 = float(amount[before].sum())
    columns = net.actor_columns  # in graph index order
    rows, gains = [], []
    for i, actor in enumerate(ranking.actors):
        alive[index[actor]] = False
        after = connected()
        newly = np.flatnonzero(before & ~after)
        gain = float(amount[newly].sum())
        cases = case_ids[np.unique(case_codes[newly])].tolist()
        info = {c: v[index[actor]] for c, v in columns.items()}
        share = gain / total if total > 0 else 0.0
        so_far = (reach0 - float(amount[after].sum())) / total if total > 0 else 0.0
        if share > 0:
            cut = _separation(actor, set(src_ids[newly].tolist()), set(dst_ids[newly].tolist()))
            cut += "; " + _flow_text(net.measure, share, so_far, cases, n_cases, i, settings)
        else:
            cut = "cuts nothing on its own: it completes a cut with the next target"
        rows.append(
            {
                "network_id": net.network_id,
                "rank": i + 1,
                "entity_id": actor,
                "impact": round(so_far, 6),
                "reason": "; ".join([*_who(info), cut, _cost_text(info)]),
                "in_network": net.network_id,
                "kind": info["kind"],
                "label": info["label"],
                "role": _none(info["role"]),
                "role_score": _none(info["role_score"]),
                "cost": float(info["cost"]),
                "abroad": _none(info["abroad"]),
                "country": _none(info["country"]),
                "flow_cut": round(share, 6),
                "flow_reach_after": round(ranking.flow_reach[i + 1], 6),
                "lcc_after": round(ranking.lcc[i + 1], 6),
                "measure": net.measure,
                "n_cases_cut": len(cases),
                "case_ids": ", ".join(cases),
            }
        )
        gains.append(gain)
        before = after
    return rows, gains


def _none(value: Any) -> Any:
    missing = value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))
    return None if missing else value


def _who(info: dict[str, Any]) -> list[str]:
    """What the actor is and the links it has."""
    if info["kind"] != "party":
        users = str(info["shared"]).split("; ")
        return [f"{info['role']} ({info['label']}) of {len(users)} members: {_cite(users, 3)}"]
    if _none(info["role"]) is None:
        who = "member without a scored role"
    else:
        side = (
            ", on the manufacturer side"
            if info["is_source"] and info["role"] not in SOURCE_ROLES
            else ""
        )
        who = f"likely {str(info['role']).replace('_', ' ')} (score {float(info['role_score']):.2f}){side}"
    links = (
        f"on {info['n_cases']} of the network's cases ({info['case_kinds']})"
        if info["n_cases"]
        else "on none of the network's cases"
    )
    if info["shared"]:
        links += f"; shares its {info['shared']} with other members"
    return [who, links]


def _separation(actor: str, sources: set[str], receivers: set[str]) -> str:
    """Which sources and receivers removing the actor parts."""
    if actor in sources and actor not in receivers:
        return f"separates it from {len(receivers)} receiver(s)"
    if actor in receivers and actor not in sources:
        return f"separates it from {len(sources)} source(s)"
    return (
        f"separates {len(sources - {actor})} source(s) from {len(receivers - {actor})} receiver(s)"
    )


def _flow_text(
    measure: str,
    share: float,
    so_far: float,
    cases: list[str],
    n_cases: int,
    i: int,
    settings: TargetSettings,
) -> str:
    """The share of the flow cut and the cases it runs on."""
    what = {"cases": "flow", "articles": "articles", "value": "value"}[measure]
    cited = f"{len(cases)} of {n_cases} cases: {_cite(cases, settings.cite)}"
    if i == 0 or math.isclose(share, so_far):
        return f"cuts {_pct(share)} of the network's {what} ({cited})"
    return f"cuts a further {_pct(share)} of the network's {what} ({cited}), {_pct(so_far)} with the targets above"


def _cost_text(info: dict[str, Any]) -> str:
    cost = f"cost {float(info['cost']):g}"
    reason = info["cost_reason"]
    if reason == "abroad":
        return f"abroad ({info['country']}), {cost}"
    if reason == "domestic":
        where = f" ({info['country']})" if _none(info["country"]) else ""
        return f"domestic{where}, {cost}"
    return f"{cost} ({reason})" if reason == "set by the analyst" else cost


def _cite(ids: Sequence[str], n: int) -> str:
    shown = ", ".join(ids[:n])
    return f"{shown} and {len(ids) - n} more" if len(ids) > n else shown


def _pct(share: float) -> str:
    value = 100 * share
    return f"{value:.1f}%" if 0 < value < 10 else f"{value:.0f}%"


def _moves_of(
    rows: list[dict[str, Any]], gains: list[float]
) -> list[tuple[list[dict[str, Any]], float, float]]:
    """A network's ranking as moves: an actor that cuts nothing on its own goes with the
    next one (they were chosen together as one cut)."""
    moves, pending = [], []
    for row, gain in zip(rows, gains, strict=True):
        pending.append(row)
        if gain > 0:
            moves.append((pending, gain, sum(r["cost"] for r in pending)))
            pending = []
    return moves


def _overall_rows(
    moves: dict[str, list[tuple[list[dict[str, Any]], float, float]]],
    total: float,
    settings: TargetSettings,
) -> list[dict[str, Any]]:
    """Merge the networks' moves by flow cut per cost (then flow cut, then network id)
    into one ranking of up to ``k_overall`` actors."""

    def key(network_id: str, j: int) -> tuple[float, float, str]:
        _, gain, cost = moves[network_id][j]
        ratio = gain / cost if cost > 0 else math.inf
        return (-ratio, -gain, network_id)

    heap = [(key(n, 0), n, 0) for n in sorted(moves) if moves[n]]
    heapq.heapify(heap)
    out: list[dict[str, Any]] = []
    cut = 0.0
    while heap:
        _, network_id, j = heapq.heappop(heap)
        group, gain, _ = moves[network_id][j]
        if len(out) + len(group) > settings.k_overall:
            continue  # the network's later moves come after this one, so they wait too
        cut += gain
        for row in group:
            rank = len(out) + 1
            out.append(
                {
                    **row,
                    "network_id": None,
                    "rank": rank,
                    "impact": round(cut / total, 6) if total > 0 else 0.0,
                    "flow_cut": round(gain / total, 6) if total > 0 else 0.0,
                    "reason": f"in {network_id} (its target {row['rank']}): {row['reason']}; "
                    f"{_pct(cut / total if total else 0.0)} of all networks' flow cut so far",
                }
            )
        if j + 1 < len(moves[network_id]):
            heapq.heappush(heap, (key(network_id, j + 1), network_id, j + 1))
    return out


# --- what-if from a case file ---------------------------------------------------------


def network_what_if(
    tables: Mapping[str, pd.DataFrame],
    network_id: str,
    *,
    removed: Iterable[str] | None = None,
    k: int | None = None,
    settings: TargetSettings | None = None,
) -> tuple[ActorNetwork, WhatIf]:
    """What-if on a network of a case file: rebuild its actor graph and remove actors.

    Parameters
    ----------
    tables
        The case file's tables (``CaseFile.tables``): ``nodes``, ``edges``,
        ``seizures``, ``parties``, ``goods``, ``network_members``, ``roles`` and
        ``targets``.
    network_id
        The network.
    removed
        Actor ids to remove; ``None`` takes the network's targets (from the ``targets``
        table, or ranked afresh when it has none for the network).
    k
        Only the first ``k`` of them.
    settings
        The settings of the run (its ``targets`` parameters), for costs and measure.

    Returns
    -------
    tuple
        The :class:`ActorNetwork` (for names and roles) and the :class:`WhatIf`.

    Raises
    ------
    UnknownEntityError
        The network or an actor to remove does not exist.

    Examples
    --------
    >>> from netlink.graph import build_graph, detect_hubs, exact_entities, project_parties
    >>> from netlink.graph._examples import tiny_extract
    >>> from netlink.cluster import find_networks
    >>> from netlink.roles import score_roles
    >>> ex = tiny_extract()
    >>> g = build_graph(ex, *exact_entities(ex))
    >>> hubs = detect_hubs(g)
    >>> nets = find_networks(g, project_parties(g, hubs))
    >>> roles = score_roles(ex, g, nets.network_members, hubs)
    >>> tables = {**g.tables(hubs.table), "seizures": ex.seizures, "parties": ex.parties,
    ...           "goods": ex.goods, "network_members": nets.network_members, "roles": roles}
    >>> net, w = network_what_if(tables, "N0002", removed=["P-384f265793"])
    >>> w.flow_cut
    0.6666666666666667
    """
    settings = settings or TargetSettings()
    members = tables["network_members"]
    if network_id not in set(members["network_id"].astype(str)):
        known = sorted(set(members["network_id"].astype(str)))
        raise UnknownEntityError(
            f"network {network_id!r} does not exist (networks: {_some(known)})"
        )
    nets = actor_networks(
        tables["nodes"],
        tables["edges"],
        tables["seizures"],
        tables["parties"],
        members,
        tables["roles"],
        settings,
        goods=tables.get("goods"),
        network_ids=[network_id],
    )
    net = nets[network_id]
    if removed is None:
        targets = tables.get("targets")
        ranked = []
        if targets is not None and len(targets):
            mine = targets[targets["network_id"].astype(object) == network_id]
            ranked = mine.sort_values("rank")["entity_id"].astype(str).tolist()
        removed = ranked or list(net.rank(settings.k if k is None else k).actors)
    return net, net.what_if(removed, k=k)


def describe_what_if(net: ActorNetwork, result: WhatIf) -> str:
    """A what-if in plain text, with names: what was removed, the components before and
    after, the flow cut and the sources left without a route.

    Examples
    --------
    >>> from netlink.graph import build_graph, detect_hubs, exact_entities, project_parties
    >>> from netlink.graph._examples import tiny_extract
    >>> from netlink.cluster import find_networks
    >>> from netlink.roles import score_roles
    >>> ex = tiny_extract()
    >>> g = build_graph(ex, *exact_entities(ex))
    >>> hubs = detect_hubs(g)
    >>> members = find_networks(g, project_parties(g, hubs)).network_members
    >>> t = rank_targets(ex, g, members, score_roles(ex, g, members, hubs), hubs)
    >>> net = t.network("N0002")
    >>> print(describe_what_if(net, t.what_if("N0002", k=1)))  # doctest: +NORMALIZE_WHITESPACE
    network N0002: 4 actors (3 parties, 1 shared address or identifier), 4 links; flow: 3 cases
    removed 1 actor (cost 1):
      P-d57bb84f14  Meier Schuhhandel GmbH  (distributor, DE)
    components: before 1 (largest 4 actors, 100%); after 1 (largest 3 actors, 75%)
    flow with a path: 100% before, 0% after: 100% of the flow cut
    sources left without a route to any receiver: 2
      P-384f265793  Xinghui (HK) Trading Limited  (front, abroad HK)
      P-edc54b64df  Guangzhou Xinghui Leather Products Co., Ltd  (manufacturer, abroad CN)
    """
    actors = net.actors.set_index("actor_id")
    n_parties = int((actors["kind"] == "party").sum())
    shared = net.graph.n - n_parties
    what = {"cases": "cases", "articles": "articles", "value": "EUR"}[net.measure]
    lines = [
        f"network {net.network_id}: {net.graph.n} actors ({n_parties} parties, {shared} shared "
        f"{'address or identifier' if shared == 1 else 'addresses and identifiers'}), "
        f"{net.graph.m} links; flow: {net.flow_total:,.0f} {what}",
        f"removed {len(result.removed)} actor{'' if len(result.removed) == 1 else 's'} "
        f"(cost {result.cost:g}):",
        *(f"  {a}  {_describe(actors.loc[a])}" for a in result.removed),
        f"components: before {_sizes(result.components_before, result.lcc_before)}; "
        f"after {_sizes(result.components_after, result.lcc_after)}",
    ]
    if result.flow_reach_before is None or net.flow_total <= 0:
        lines.append("flow: none in this network")
    else:
        lines.append(
            f"flow with a path: {_pct(result.flow_reach_before)} before, "
            f"{_pct(result.flow_reach_after or 0.0)} after: {_pct(result.flow_cut or 0.0)} of the "
            "flow cut"
        )
    lines.append(f"sources left without a route to any receiver: {len(result.sources_cut)}")
    lines += [f"  {a}  {_describe(actors.loc[a])}" for a in result.sources_cut]
    return "\n".join(lines)


def _describe(info: pd.Series) -> str:
    role = _none(info["role"]) or info["kind"]
    where = ""
    if _none(info["country"]):
        where = f", abroad {info['country']}" if info["abroad"] is True else f", {info['country']}"
    return f"{info['label']}  ({str(role).replace('_', ' ')}{where})"


def _sizes(sizes: tuple[int, ...], lcc: float) -> str:
    text = f"{len(sizes)} (largest {sizes[0] if sizes else 0} actors, {_pct(lcc)}"
    if len(sizes) > 1:
        shown = ", ".join(str(s) for s in sizes[:8]) + (", ..." if len(sizes) > 8 else "")
        text += f"; sizes {shown}"
    return text + ")"
