"""Hubs: benign look-alikes that would glue unrelated networks together (pattern 11).

Couriers, big forwarders and marketplaces are parties on many cases whose counterparties
belong to many unrelated groups; registered offices, consolidation warehouses and
placeholder values are addresses or identifiers shared by many unrelated parties. Hubs
are found by rules, each with a reason, and an analyst's override file has the last
word. Hubs stay in the link graph (marked); the projection and the networks leave them
out.
"""

from __future__ import annotations

import csv
from collections.abc import Collection
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from netlink.contract import INTERMEDIARY_ROLES
from netlink.errors import ParameterError
from netlink.graph._arrays import unique, unique_counts
from netlink.graph._community import leiden_core
from netlink.graph._model import ATTRIBUTE_EDGE_KINDS, PARTY_EDGE_KINDS, LinkGraph
from netlink.graph._project import (
    ProjectionSettings,
    _columns,
    _or_unique,
    _pair_rows,
    _pair_sums,
    _peripheral,
    pairs_within,
)

__all__ = [
    "HUB_NAME_PATTERN",
    "PLACEHOLDER_PATTERN",
    "WAREHOUSE_PATTERN",
    "HubSettings",
    "Hubs",
    "detect_hubs",
    "read_hub_overrides",
]

#: Names of express integrators, postal operators, marketplace platforms and large
#: forwarders and carriers, matched as whole words on the folded name.
HUB_NAME_PATTERN = (
    r"\b(?:dhl|fedex|federal express|ups|united parcel service|tnt|aramex|dpd|gls|"
    r"sf express|s f express|sf international|china post|hongkong post|hong kong post|"
    r"hk post|epacket|postnl|royal mail|deutsche post|la poste|colissimo|correos|"
    r"poste italiane|bpost|usps|cainiao|yunexpress|4px|yanwen (?:express|logistics)|j t express|"
    r"amazon|aliexpress|alibaba|ebay|wish com|contextlogic|temu|whaleco|shein|shopee|"
    r"lazada|dhgate|etsy|kuehne nagel|db schenker|schenker|dsv|expeditors|ceva logistics|"
    r"maersk|cma cgm|cosco shipping|geodis|nippon express|dachser|rhenus|sinotrans|"
    r"kerry logistics)\b"
)

#: Values written where a field was required but unknown, matched on the folded value.
PLACEHOLDER_PATTERN = (
    r"^(?:[\W_]*|n\W*a|na|none|null|nil|unknown|not available|not known|no|test|x+|tbd|"
    r"same as .*|0+|1+|9+|12345\d*|(?:none|test|no|na|n a|x|noemail|noreply|email|example|"
    r"unknown)(?:@\S+)?|\S*@(?:none|test|email|example|x|na|no|noemail)\.com|"
    r"(?:none|test|email|example|x|na|no|noemail)\.com)$"
)

#: Addresses written as a warehouse, logistics park, free zone or care-of address: shared
#: by unrelated senders or receivers when more than one party uses them.
WAREHOUSE_PATTERN = (
    r"\b(?:warehouse|wh|logistics (?:park|cent(?:er|re)|hub)|free (?:trade )?zone|bonded|"
    r"fulfil+ment|consolidation|c o|care of|parcel (?:locker|station)|packstation)\b"
)

_SEND = ("consignor", "seller")
#: Attribute kinds counted when shared values vouch for each other (e-mail and its domain
#: count once).
_VOUCH_KINDS = ("address", "phone", "tax_id", "website")


@dataclass(frozen=True)
class HubSettings:
    """When a party, address or identifier is a hub.

    A party is a hub when it is on at least ``case_share`` of all cases (and on at least
    ``min_cases``); when its name is that of an integrator, postal operator, platform or
    large forwarder (:data:`HUB_NAME_PATTERN`) and it is on at least ``min_cases_named``
    cases; or when its counterparties spread over many unrelated groups: at least
    ``min_counterparties`` of them, in an effective number of at least ``spread``
    groups. An address, identifier, e-mail domain or master document is a hub when its
    value is a placeholder (:data:`PLACEHOLDER_PATTERN`) shared by two parties or more;
    when more than ``max_shared`` parties use it; or when at least
    ``min_attribute_parties`` parties use it and they spread over at least
    ``attribute_spread`` groups. A master document on which a hub forwards or declares
    is a hub too: it groups that hub's unrelated customers.

    The groups are found by a first Leiden run on the projection without the hubs the
    other rules found (``resolution`` as in clustering), in which a value shared by more
    than two parties links none of them (it cannot vouch for itself), unless the same
    two parties also share values of other kinds: values of at least ``vouch_kinds``
    kinds (address, phone, e-mail or its domain, tax id, website), each used by at most
    ``vouch_max_shared`` parties, link the pair (a ring of stores sharing a phone, an
    e-mail and an IOSS number; 0 turns this off). The effective number of groups is
    ``exp(entropy)`` of the counterparties' group shares: 1 when all sit in one group,
    ``n`` when they sit evenly in ``n``.

    A party whose folded name is within ``lookalike_ratio`` (rapidfuzz ratio, 0 to 100;
    above 100 turns this off) of the name, of at least ``lookalike_min_length``
    characters, of a hub found by the case-share or name rule or of an intermediary hub
    (forwarding, declaring or carrying on most of its cases) is a hub too, whatever its
    number of cases: the hub's name misspelt on a record ("DNL Express", "Jade Feight
    B.V.") is resolved to an entity of its own, which whole-word name matching misses.

    Parameters
    ----------
    overrides
        A CSV file of analyst decisions (``node_id, decision, note``; decision ``hub`` or
        ``not_hub``), applied on every run after the rules.

    Examples
    --------
    >>> HubSettings().case_share
    0.1
    >>> HubSettings(case_share=2)
    Traceback (most recent call last):
    ...
    netlink.errors.ParameterError: case_share must be in (0, 1], got 2
    """

    case_share: float = 0.1
    min_cases: int = 20
    min_cases_named: int = 2
    min_counterparties: int = 12
    spread: float = 6.0
    principal_spread: float = 20.0
    min_attribute_parties: int = 5
    attribute_spread: float = 4.0
    max_shared: int = 200
    resolution: float = 0.003
    vouch_kinds: int = 2
    vouch_max_shared: int = 50
    lookalike_ratio: float = 90.0
    lookalike_min_length: int = 6
    overrides: Path | None = None

    def __post_init__(self) -> None:
        if not 0 < self.case_share <= 1:
            raise ParameterError(f"case_share must be in (0, 1], got {self.case_share}")
        if self.spread < 1 or self.attribute_spread < 1:
            raise ParameterError("spread thresholds must be at least 1")
        if self.overrides is not None and not isinstance(self.overrides, Path):
            object.__setattr__(self, "overrides", Path(self.overrides))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able values, as recorded in the case file."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["overrides"] = str(self.overrides) if self.overrides else None
        return out


@dataclass(frozen=True, eq=False)
class Hubs:
    """Hub decisions with their reasons.

    Attributes
    ----------
    table
        One row per node that is a hub or close to being one: ``node_id, kind, label,
        is_hub, score`` (0..1; 1 when a rule fires), ``reason``, ``decided_by``
        (``rule`` or ``override``), ``n_cases``, ``case_share``, ``n_parties``
        (counterparties of a party, users of an attribute), ``spread`` (effective number
        of unrelated groups among them). Sorted by node id.
    notes
        What could not be applied (override rows naming unknown nodes).
    settings
        The settings used.
    """

    table: pd.DataFrame
    notes: tuple[str, ...]
    settings: HubSettings

    @property
    def node_ids(self) -> frozenset[str]:
        """The node ids decided to be hubs."""
        return frozenset(self.table.loc[self.table["is_hub"], "node_id"])


def read_hub_overrides(path: str | Path) -> pd.DataFrame:
    """Read an analyst's hub decisions: CSV with ``node_id, decision[, note]``.

    Raises
    ------
    ParameterError
        The file is missing, lacks a column, or a decision is not ``hub``/``not_hub``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "hubs.csv"
    >>> _ = p.write_text("node_id,decision,note\\nP-1,not_hub,our target\\n")
    >>> read_hub_overrides(p).to_dict("records")
    [{'node_id': 'P-1', 'decision': 'not_hub', 'note': 'our target'}]
    """
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
            header = rows[0].keys() if rows else []
    except OSError as exc:
        raise ParameterError(f"hub override file {path} cannot be read: {exc}") from None
    if rows and not {"node_id", "decision"} <= set(header):
        raise ParameterError(
            f"hub override file {path.name} needs columns node_id, decision (and note)"
        )
    out = []
    for n, r in enumerate(rows, start=2):
        decision = (r.get("decision") or "").strip().lower()
        if decision not in ("hub", "not_hub"):
            raise ParameterError(
                f"hub override file {path.name}, line {n}: decision must be hub or not_hub, "
                f"got {r.get('decision')!r}"
            )
        out.append(
            {
                "node_id": (r.get("node_id") or "").strip(),
                "decision": decision,
                "note": (r.get("note") or "").strip(),
            }
        )
    return pd.DataFrame(out, columns=["node_id", "decision", "note"])


def detect_hubs(
    graph: LinkGraph,
    settings: HubSettings | None = None,
    *,
    overrides: pd.DataFrame | None = None,
    seed: int = 0,
) -> Hubs:
    """Find hub parties and hub attributes, each with the reason.

    Parameters
    ----------
    graph
        The link graph.
    settings
        Thresholds; see :class:`HubSettings`. ``settings.overrides`` names a CSV file of
        analyst decisions.
    overrides
        Analyst decisions as a frame (``node_id, decision, note``), applied after the
        file's.
    seed
        Seed of the grouping run that measures spread.

    Returns
    -------
    Hubs

    Examples
    --------
    >>> from netlink.graph import build_graph, exact_entities
    >>> from netlink.graph._examples import tiny_extract
    >>> ex = tiny_extract()
    >>> g = build_graph(ex, *exact_entities(ex))
    >>> hubs = detect_hubs(g)
    >>> for r in hubs.table[hubs.table.is_hub].itertuples():
    ...     print(f"{r.label}: {r.reason}")
    0000000: placeholder value shared by 3 parties
    DHL Express: on 6 cases (67% of all) with 9 counterparties; name of an integrator, platform or large forwarder; mostly as carrier, forwarder or declarant
    """
    settings = settings or HubSettings()
    n_total_cases = max(1, int(graph.node_mask(["seizure"]).sum()))
    cp_pairs = _counterparty_pairs(graph)
    at_pairs = _attribute_pairs(graph)
    # Only nodes some rule can fire on are scored: parties on two cases or more, values
    # that two parties or more use (most of a large extract is one-off).
    every = _party_features(graph, cp_pairs)
    least = min(settings.min_cases_named, settings.min_cases)
    party = every[every["n_cases"] >= least].reset_index(drop=True)
    attr = _attribute_features(graph, at_pairs)

    # Rules that need no grouping.
    share = party["n_cases"] / n_total_cases
    party["case_share"] = share
    rule_share = (share >= settings.case_share) & (party["n_cases"] >= settings.min_cases)
    rule_name = _fold(party["label"]).str.contains(HUB_NAME_PATTERN, regex=True) & (
        party["n_cases"] >= settings.min_cases_named
    )
    attr_folded = _fold(attr["label"])
    rule_placeholder = attr_folded.str.fullmatch(PLACEHOLDER_PATTERN)
    rule_warehouse = (attr["kind"] == "address") & attr_folded.str.contains(
        WAREHOUSE_PATTERN, regex=True
    )
    rule_mass = attr["n_parties"] > settings.max_shared
    conflict = _identity_conflicts(graph, at_pairs)
    rule_conflict = attr["node"].isin(conflict)
    first = set(party.loc[rule_share | rule_name, "node_id"]) | set(
        attr.loc[rule_placeholder | rule_mass | rule_warehouse | rule_conflict, "node_id"]
    )

    # Spread over unrelated groups, from a first grouping without the obvious hubs.
    group = _provisional_groups(graph, first, settings, seed)
    party["spread"] = _spread(party["node"].to_numpy(), group, cp_pairs, both=True)
    attr["spread"] = _spread(attr["node"].to_numpy(), group, at_pairs, both=False)
    principal = party["n_intermediary"] < party["n_cases"] / 2
    bar = np.where(principal, settings.principal_spread, settings.spread)
    rule_spread = (party["n_parties"] >= settings.min_counterparties) & (party["spread"] >= bar)
    rule_attr_spread = (attr["n_parties"] >= settings.min_attribute_parties) & (
        attr["spread"] >= settings.attribute_spread
    )
    party["score"] = np.maximum.reduce(
        [
            np.minimum(1.0, share / settings.case_share)
            * np.minimum(1.0, party["n_cases"] / settings.min_cases),
            rule_name.astype(float),
            np.minimum(1.0, (party["spread"] - 1) / (bar - 1))
            * np.minimum(1.0, party["n_parties"] / settings.min_counterparties),
        ]
    )
    party["is_hub"] = rule_share | rule_name | rule_spread
    party["rules"] = _rules(share=rule_share, name=rule_name, spread=rule_spread)
    party = _with_lookalikes(party, every, settings, n_total_cases)
    party["hub_forwarder"] = ""
    hub_forwarder = _masters_of(graph, set(party.loc[party["is_hub"], "node"]))
    attr["hub_forwarder"] = attr["node"].map(hub_forwarder).astype(object).fillna("").to_numpy()
    rule_master = attr["hub_forwarder"] != ""
    attr["is_hub"] = (
        rule_placeholder
        | rule_mass
        | rule_warehouse
        | rule_attr_spread
        | rule_master
        | rule_conflict
    )
    attr["score"] = np.maximum.reduce(
        [
            (rule_placeholder | rule_mass | rule_warehouse | rule_master | rule_conflict).astype(
                float
            ),
            np.minimum(1.0, (attr["spread"] - 1) / (settings.attribute_spread - 1))
            * np.minimum(1.0, attr["n_parties"] / settings.min_attribute_parties),
        ]
    )
    attr["rules"] = _rules(
        placeholder=rule_placeholder,
        conflict=rule_conflict,
        master=rule_master,
        warehouse=rule_warehouse,
        mass=rule_mass,
        spread=rule_attr_spread,
    )
    table = pd.concat([party, attr], ignore_index=True)
    table["decided_by"] = "rule"
    decisions = []
    if settings.overrides is not None:
        decisions.append(read_hub_overrides(settings.overrides))
    if overrides is not None:
        decisions.append(overrides[["node_id", "decision", "note"]])
    table, notes = _apply_overrides(table, decisions, graph)
    # Keep what is a hub, close to one, or was decided by the analyst; explain those.
    table = table[table["is_hub"] | (table["score"] >= 0.5) | (table["decided_by"] == "override")]
    reasons = [n + r for n, r in zip(table["override_note"], _reasons(table), strict=True)]
    table = table.assign(reason=pd.Series(reasons, index=table.index, dtype=object))
    cols = [
        "node_id",
        "kind",
        "label",
        "is_hub",
        "score",
        "reason",
        "decided_by",
        "n_cases",
        "case_share",
        "n_parties",
        "spread",
    ]
    table = table[cols].sort_values("node_id", kind="stable").reset_index(drop=True)
    table["score"] = table["score"].round(6)
    table["spread"] = table["spread"].round(3)
    table["case_share"] = table["case_share"].round(6)
    return Hubs(table=table, notes=tuple(notes), settings=settings)


def _with_lookalikes(
    party: pd.DataFrame, every: pd.DataFrame, settings: HubSettings, n_total_cases: int
) -> pd.DataFrame:
    """``party`` with the parties (of ``every``) whose name is close to a hub party's
    flagged as hubs.

    Such parties are mostly one-off records, below the case count the other rules need,
    so they are added as rows of their own.
    """
    hubs = party[party["is_hub"]]
    # Only carriers, platforms and forwarders: a misspelt "DHL Express" or "Jade Freight"
    # is that hub, while a name close to that of a trader flagged for its spread is, in a
    # large extract, more often another company.
    intermediary = hubs["n_intermediary"] >= hubs["n_cases"] / 2
    named = hubs[hubs["rules"].str.contains("name|share", regex=True) | intermediary]
    hub_names = _fold(named["label"])
    hub_names = sorted(set(hub_names[hub_names.str.len() >= settings.lookalike_min_length]))
    party = party.assign(lookalike_of="")
    if not hub_names or settings.lookalike_ratio > 100:
        return party
    every = every[~every["node"].isin(hubs["node"])]
    folded = _fold(every["label"])
    names = folded.unique()
    scores = process.cdist(
        names.tolist(),
        hub_names,
        scorer=fuzz.ratio,
        score_cutoff=settings.lookalike_ratio,
        workers=-1,
    )
    close = scores.max(axis=1) >= settings.lookalike_ratio
    of = dict(zip(names[close], np.asarray(hub_names)[scores[close].argmax(axis=1)], strict=True))
    hit = every[folded.isin(of).to_numpy()]
    hit_of = _fold(hit["label"]).map(of).to_numpy()
    new = hit[~hit["node"].isin(party["node"])]
    new = new.assign(
        case_share=new["n_cases"] / n_total_cases, spread=0.0, score=0.0, is_hub=False, rules=""
    )
    party = pd.concat([party, new], ignore_index=True)
    at = party["node"].isin(hit["node"]).to_numpy()
    party.loc[at, "lookalike_of"] = (
        pd.Series(hit_of, index=hit["node"]).reindex(party.loc[at, "node"]).to_numpy()
    )
    party.loc[at, "is_hub"] = True
    party.loc[at, "score"] = 1.0
    party.loc[at, "rules"] = party.loc[at, "rules"] + "lookalike,"
    return party


def _rules(**masks: pd.Series) -> np.ndarray:
    """The names of the rules that fired, comma-separated, per row."""
    out = np.full(len(next(iter(masks.values()))), "", dtype=object)
    for name, mask in masks.items():
        m = mask.to_numpy(dtype=bool)
        out[m] = out[m] + name + ","
    return out


def _fold(s: pd.Series) -> pd.Series:
    return (
        s.astype("string")
        .fillna("")
        .str.lower()
        .str.replace(r"[^\w@.]+", " ", regex=True)
        .str.strip()
    )


def _role_counts(graph: LinkGraph) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per role edge: party node, case node, and whether the role is an intermediary's."""
    e = graph.edges
    role = graph.edge_mask(PARTY_EDGE_KINDS)
    mid = graph.edge_mask(INTERMEDIARY_ROLES)[role]
    return e["src"].to_numpy()[role].astype(np.int64), e["dst"].to_numpy()[role], mid


def _party_features(graph: LinkGraph, pairs: tuple[np.ndarray, np.ndarray]) -> pd.DataFrame:
    """Every party node: cases, counterparties, cases as an intermediary."""
    n = graph.n_nodes
    party, case, mid = _role_counts(graph)
    key = unique(party * n + case)
    n_cases = np.bincount(key // n, minlength=n)
    key_mid = unique(party[mid] * n + case[mid])
    n_mid = np.bincount(key_mid // n, minlength=n)
    a, b = pairs
    cp = unique(np.r_[a * n + b, b * n + a])
    n_cp = np.bincount(cp // n, minlength=n)
    pnodes = np.flatnonzero(graph.node_mask(["party"]))
    return pd.DataFrame(
        {
            "node": pnodes,
            "node_id": graph.node_values("node_id", pnodes),
            "kind": "party",
            "label": graph.node_values("label", pnodes),
            "n_cases": n_cases[pnodes],
            "n_parties": n_cp[pnodes],
            "n_intermediary": n_mid[pnodes],
        }
    )


def _attribute_features(graph: LinkGraph, pairs: tuple[np.ndarray, np.ndarray]) -> pd.DataFrame:
    a, b = pairs
    n = graph.n_nodes
    users = unique(b * n + a)
    n_parties = np.bincount(users // n, minlength=n)
    anodes = np.flatnonzero(
        graph.node_mask(["address", "identifier", "domain", "master"]) & (n_parties >= 2)
    )
    return pd.DataFrame(
        {
            "node": anodes,
            "node_id": graph.node_values("node_id", anodes),
            "kind": graph.node_values("kind", anodes).astype(str),
            "label": graph.node_values("label", anodes),
            "n_cases": 0,
            "case_share": 0.0,
            "n_parties": n_parties[anodes],
            "n_intermediary": 0,
        }
    )


def _counterparty_pairs(graph: LinkGraph) -> tuple[np.ndarray, np.ndarray]:
    """(party, party) node pairs on a shared case, each pair once per case."""
    party, case, _ = _role_counts(graph)
    case, party, _ = _or_unique(case.astype(np.int64), party, np.zeros(len(party), np.int64))
    i, j = pairs_within(case, party)
    return party[i], party[j]


def _attribute_pairs(graph: LinkGraph) -> tuple[np.ndarray, np.ndarray]:
    """(party node, attribute node) rows: attributes, domains and master documents."""
    e = graph.edges
    src, dst = e["src"].to_numpy().astype(np.int64), e["dst"].to_numpy().astype(np.int64)
    attr = graph.edge_mask(list(ATTRIBUTE_EDGE_KINDS.values()))
    parts_p, parts_n = [src[attr]], [dst[attr]]
    master = graph.edge_mask(["under_master"])
    if master.any():
        role = graph.edge_mask(PARTY_EDGE_KINDS)
        pc = pd.DataFrame({"p": src[role], "s": dst[role]})
        sm = pd.DataFrame({"s": src[master], "m": dst[master]})
        pm = pc.merge(sm, on="s")[["p", "m"]].drop_duplicates()
        parts_p.append(pm["p"].to_numpy())
        parts_n.append(pm["m"].to_numpy())
    return np.concatenate(parts_p), np.concatenate(parts_n)


def _identity_conflicts(graph: LinkGraph, pairs: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Tax-id nodes shared by parties that share no other contact.

    A tax id names one company; when two or more parties write it with contacts of
    their own (address, phone, e-mail, domain or website) and no two of them share one,
    one of them is more likely using the other's identity (pattern 7) than being the
    same business. Such a value links a genuine company to the network that hijacked it,
    so it is kept out of the links. Users that write no other contact (a record split
    off its party by resolution) are no sign of a different identity and are not
    counted.
    """
    party, node = pairs
    is_tax_node = graph.node_mask(["identifier"]) & (
        graph.nodes["subtype"].astype(str).to_numpy() == "tax_id"
    )
    contact_node = graph.node_mask(["address", "identifier", "domain"]) & ~is_tax_node
    is_tax, contact = is_tax_node[node], contact_node[node]
    users = pd.DataFrame({"n": node[is_tax], "p": party[is_tax]}).drop_duplicates()
    k = users.groupby("n")["p"].transform("size")
    users = users[k >= 2]
    if users.empty:
        return np.zeros(0, dtype=np.int64)
    others = pd.DataFrame({"c": node[contact], "p": party[contact]}).drop_duplicates()
    others = others[others["p"].isin(users["p"])]
    both = users.merge(others, on="p")
    # Tax ids at least two of whose users write contacts, none of them shared.
    with_contacts = both.drop_duplicates(["n", "p"]).groupby("n").size()
    candidates = with_contacts.index[with_contacts.to_numpy() >= 2].to_numpy()
    linked = both.merge(both, on=["n", "c"])
    has_link = unique(linked.loc[linked["p_x"] != linked["p_y"], "n"].to_numpy())
    return np.sort(candidates[~np.isin(candidates, has_link)]).astype(np.int64)


def _masters_of(graph: LinkGraph, hub_nodes: set[int]) -> pd.Series:
    """Master-document node -> label of a hub forwarding or declaring on its cases."""
    e = graph.edges
    master = graph.edge_mask(["under_master"])
    if not master.any() or not hub_nodes:
        return pd.Series(dtype=object)
    mid = graph.edge_mask(INTERMEDIARY_ROLES) & np.isin(e["src"].to_numpy(), list(hub_nodes))
    on_case = pd.DataFrame({"case": e["dst"].to_numpy()[mid], "hub": e["src"].to_numpy()[mid]})
    cm = pd.DataFrame({"case": e["src"].to_numpy()[master], "m": e["dst"].to_numpy()[master]})
    hit = cm.merge(on_case, on="case").sort_values(["m", "hub"]).drop_duplicates("m")
    return pd.Series(graph.node_values("label", hit["hub"].to_numpy()), index=hit["m"].to_numpy())


def _provisional_groups(
    graph: LinkGraph, exclude: Collection[str], settings: HubSettings, seed: int
) -> np.ndarray:
    """Group label per graph node (parties only; -1 elsewhere and for excluded ones)."""
    # One pass over the pairs serves both projections below (values shared by two
    # parties, and by up to vouch_max_shared); neither needs evidence or ids.
    wide_max = max(2, settings.vouch_max_shared) if settings.vouch_kinds else 2
    rows = _pair_rows(graph, exclude, ProjectionSettings(max_shared=wide_max))
    n = len(rows.party_nodes)
    cols = _columns(rows.parts)
    narrow, _ = _pair_sums({k: v[cols["k"] <= 2] for k, v in cols.items()}, n)
    ia, ib, w = narrow["ia"], narrow["ib"], narrow["weight"]
    peripheral = _peripheral(rows.n_cases, ia, ib, w - narrow["w_case"])
    if settings.vouch_kinds:
        # Values of several kinds shared by the same two parties vouch for each other:
        # a ring of stores shares a phone, an e-mail and an IOSS number; unrelated
        # tenants of a registered office share the address alone.
        wide, _ = _pair_sums(cols, n)
        kinds = sum((wide[f"w_{c}"] > 0).astype(np.int64) for c in _VOUCH_KINDS)
        kinds += (wide["w_email"] > 0) | (wide["w_domain"] > 0)
        v = kinds >= settings.vouch_kinds
        va, vb = wide["ia"][v], wide["ib"][v]
        rest = ~np.isin(ia * n + ib, va * n + vb)
        ia, ib = np.r_[ia[rest], va], np.r_[ib[rest], vb]
        w = np.r_[w[rest], (wide["weight"] - wide["w_master"])[v]]
    labels = leiden_core(
        n, ia, ib, w, resolution=settings.resolution, seed=seed, peripheral=peripheral
    )
    group = np.full(len(graph.nodes), -1, dtype=np.int64)
    keep = ~rows.excluded
    group[rows.party_nodes[keep]] = labels[keep]
    return group


def _spread(
    node: np.ndarray, group: np.ndarray, pairs: tuple[np.ndarray, np.ndarray], *, both: bool
) -> np.ndarray:
    """Effective number of groups among each node's neighbours (exp of the entropy).

    ``pairs`` are (party, party) pairs, read in both directions (``both``), or
    (party, attribute) rows, where the attribute is the node evaluated. Neighbours that
    are hubs already (no group) are left out.
    """
    n = len(group)
    a, b = pairs
    centre, other = (np.r_[a, b], np.r_[b, a]) if both else (b, a)
    wanted = np.zeros(n, dtype=bool)
    wanted[node] = True
    sel = wanted[centre] & (group[other] >= 0)
    pair = unique(centre[sel] * n + other[sel])
    c, g = pair // n, group[pair % n]
    n_groups = int(group.max()) + 1
    cg, k = unique_counts(c * n_groups + g)
    cc = cg // n_groups
    total = np.bincount(cc, weights=k, minlength=n)
    p = k / total[cc]
    entropy = np.bincount(cc, weights=-p * np.log(p), minlength=n)
    return np.exp(entropy)[node]


def _reasons(table: pd.DataFrame) -> list[str]:
    """Plain-language reasons from the rules that fired (or why none did)."""
    out = []
    for r in table.itertuples(index=False):
        rules = set(filter(None, r.rules.split(",")))
        if r.kind == "party":
            text = (
                f"on {r.n_cases:,} cases ({r.case_share:.0%} of all) with "
                f"{r.n_parties:,} counterparties"
            )
            why = []
            if "spread" in rules:
                why.append(f"they fall in {r.spread:.0f} unrelated groups")
            if "name" in rules:
                why.append("name of an integrator, platform or large forwarder")
            if "lookalike" in rules:
                why.append(f"name close to that of hub {r.lookalike_of!r}")
            if "share" in rules and not why:
                why.append("on a large share of all cases")
            if not rules:
                why.append(f"counterparties spread over {r.spread:.1f} groups (below the bar)")
            if r.n_intermediary >= r.n_cases / 2:
                why.append("mostly as carrier, forwarder or declarant")
            out.append(text + "; " + "; ".join(why))
        elif "placeholder" in rules:
            out.append(f"placeholder value shared by {r.n_parties:,} parties")
        elif "conflict" in rules:
            out.append(
                f"tax id written by {r.n_parties:,} parties that share no address, phone or "
                "e-mail: an identity used by someone else (pattern 7)?"
            )
        elif "master" in rules:
            out.append(
                f"master document of hub {r.hub_forwarder}, grouping {r.n_parties:,} parties"
            )
        elif "warehouse" in rules:
            out.append(
                f"warehouse or logistics address shared by {r.n_parties:,} parties "
                f"in {r.spread:.0f} unrelated groups"
            )
        elif "mass" in rules:
            out.append(f"shared by {r.n_parties:,} parties (mass-registered or common value)")
        elif "spread" in rules:
            out.append(f"shared by {r.n_parties:,} parties in {r.spread:.0f} unrelated groups")
        else:
            out.append(
                f"shared by {r.n_parties:,} parties in {r.spread:.1f} groups (below the bar)"
            )
    return out


def _apply_overrides(
    table: pd.DataFrame, decisions: list[pd.DataFrame], graph: LinkGraph
) -> tuple[pd.DataFrame, list[str]]:
    """Apply the analyst's decisions; ``override_note`` prefixes the reason."""
    notes: list[str] = []
    table = table.assign(override_note="")
    if not decisions:
        return table, notes
    dec = pd.concat(decisions, ignore_index=True).drop_duplicates("node_id", keep="last")
    known = graph.positions(dec["node_id"].astype(str))
    for node_id in dec.loc[known < 0, "node_id"]:
        notes.append(f"hub override for {node_id!r} ignored: no such node in this graph")
    dec = dec[known >= 0]
    missing = dec.loc[~dec["node_id"].isin(table["node_id"]), "node_id"]
    if len(missing):
        idx = graph.index_of(missing.tolist())
        extra = pd.DataFrame(
            {
                "node": idx,
                "node_id": missing.to_numpy(),
                "kind": graph.node_values("kind", idx).astype(str),
                "label": graph.node_values("label", idx),
                "is_hub": False,
                "score": 0.0,
                "rules": "",
                "hub_forwarder": "",
                "n_cases": 0,
                "case_share": 0.0,
                "n_parties": 0,
                "n_intermediary": 0,
                "spread": 1.0,
                "decided_by": "rule",
                "override_note": "",
            }
        )
        table = pd.concat([table, extra], ignore_index=True)
    d = dec.set_index("node_id")
    hit = table["node_id"].isin(d.index).to_numpy()
    decision = table.loc[hit, "node_id"].map(d["decision"])
    note = table.loc[hit, "node_id"].map(d["note"]).fillna("")
    table.loc[hit, "is_hub"] = (decision == "hub").to_numpy()
    table.loc[hit, "decided_by"] = "override"
    table.loc[hit, "override_note"] = [
        f"analyst: {'hub' if x == 'hub' else 'not a hub'}" + (f" ({n})" if n else "") + "; rules: "
        for x, n in zip(decision, note, strict=True)
    ]
    return table, notes
