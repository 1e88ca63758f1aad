"""What a briefing says about one network, gathered from its case file.

Everything here is plain data (strings, numbers, lists of dicts) or HTML fragments made
by :mod:`netlink.view`, which escapes what it draws. Names and identifiers reach the
briefing only through a :class:`Names`, which pseudonymises them when asked to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from markupsafe import Markup

from netlink.casefile import CaseFile
from netlink.export import CaseGraph, provenance
from netlink.graph import PARTY_EDGE_KINDS
from netlink.pseudonymise import CasePseudonymiser, pseudonym, token
from netlink.view import ROLE_COLOURS, route_view, timeline

__all__ = ["Content", "Names", "gather"]

#: Roles that make goods, and those that move them towards buyers.
SUPPLY_ROLES = ("manufacturer", "assembly_site")
FRONT_ROLES = ("front",)
DISTRIBUTION_ROLES = ("distributor", "seller", "drop_point", "retail_buyer", "forwarder")
_EVIDENCE_SHOWN = 10
_TOP_PARTIES = 5


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _str(value: Any) -> str:
    return "" if _missing(value) else str(value)


class Names:
    """How ids, names and free text are shown: as they are, or pseudonymised.

    Parameters
    ----------
    graph
        The network's part of the link graph, as read (not pseudonymised).
    pseudonymiser
        Replace names, identifiers and ids with keyed tokens.
    """

    def __init__(self, graph: CaseGraph, pseudonymiser: CasePseudonymiser | None = None) -> None:
        self.ps = pseudonymiser
        nodes = graph.nodes
        shown = nodes if pseudonymiser is None else pseudonymiser.nodes(nodes)
        ids = nodes["node_id"]
        self._id = dict(zip(ids, shown["node_id"], strict=True))
        self._label = dict(zip(ids, shown["label"], strict=True))
        self._hub_reason = dict(zip(ids, shown["hub_reason"], strict=True))

    @property
    def pseudonymised(self) -> bool:
        return self.ps is not None

    def node(self, node_id: str) -> str:
        """The id shown for a node."""
        if node_id in self._id:
            return str(self._id[node_id])
        return self.ps.node_id(node_id) if self.ps else node_id

    def label(self, node_id: str) -> str:
        """The label shown for a node (a token when pseudonymised)."""
        if node_id in self._label:
            return _str(self._label[node_id])
        return self.ps.node_id(node_id) if self.ps else node_id

    def hub_reason(self, node_id: str) -> str:
        return _str(self._hub_reason.get(node_id))

    def case(self, seizure_id: Any) -> str:
        """A seizure id as shown."""
        return self.ps.seizure(seizure_id) if self.ps else _str(seizure_id)

    def records(self, record_ids: Iterable[Any]) -> list[str]:
        return self.ps.records(record_ids) if self.ps else [str(r) for r in record_ids]

    def document(self, value: Any) -> str:
        """A transport or master document number as shown."""
        if _missing(value) or not str(value).strip():
            return ""
        if self.ps is None:
            return str(value)
        digest = pseudonym(self.ps.key, "document", value)
        return token("document", digest) if digest else ""

    def text(self, value: Any) -> str:
        """Free text (reasons) with the case's names and identifiers replaced when pseudonymised."""
        return self.ps.text(value) if self.ps else _str(value)


@dataclass(frozen=True)
class Content:
    """Everything one briefing shows, as plain values and escaped fragments."""

    network_id: str
    title: str
    summary: str
    figures: list[tuple[str, str]]
    chart_title: str
    chart_nodes: pd.DataFrame = field(repr=False)
    chart_edges: pd.DataFrame = field(repr=False)
    chart_focus: list[str]
    supply: list[dict[str, Any]]
    fronts: list[dict[str, Any]]
    distribution: list[dict[str, Any]]
    targets: list[dict[str, Any]]
    targets_note: str
    timeline: Markup
    routes: Markup
    route_table: list[dict[str, Any]]
    brands: list[dict[str, Any]]
    cases: list[dict[str, Any]]
    provenance: list[tuple[str, str]]
    parameters: str
    warning: str
    pseudonymised: bool

    def strings(self) -> list[str]:
        """Every data string the briefing is made of (for the pseudonymisation check)."""
        out: list[str] = [self.title, self.summary, self.chart_title, self.warning]
        out += [v for _, v in self.figures] + [v for _, v in self.provenance]
        out.append(self.parameters)
        for rows in (
            self.supply,
            self.fronts,
            self.distribution,
            self.targets,
            self.route_table,
            self.brands,
            self.cases,
        ):
            for row in rows:
                out += list(_flat_strings(row))
        for frame in (self.chart_nodes, self.chart_edges):
            for col in frame.columns:
                out += [s for v in frame[col] for s in _flat_strings(v)]
        out += [str(self.timeline), str(self.routes), self.targets_note]
        return out


def _flat_strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _flat_strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _flat_strings(v)


# --- formatting --------------------------------------------------------------------


def _date(value: Any) -> str:
    return "" if _missing(value) else pd.Timestamp(value).date().isoformat()


def _int(value: Any) -> str:
    return "" if _missing(value) else f"{round(float(value)):,}"


def _eur(value: Any) -> str:
    if _missing(value):
        return ""
    v = float(value)
    if v >= 1e6:
        return f"EUR {v / 1e6:,.1f} million"
    return f"EUR {v:,.0f}"


def _listing(values: Sequence[str], n: int = 3) -> str:
    """Values as a phrase: "a, b and c", or "a, b, c and 4 more".

    Examples
    --------
    >>> _listing(["CN"]), _listing(["CN", "HK", "VN", "TR", "IN"])
    ('CN', 'CN, HK, VN and 2 more')
    """
    vals = [v for v in values if v]
    if not vals:
        return ""
    if len(vals) <= n:
        return vals[0] if len(vals) == 1 else ", ".join(vals[:-1]) + " and " + vals[-1]
    return ", ".join(vals[:n]) + f" and {len(vals) - n} more"


def _by_count(values: pd.Series) -> list[str]:
    """Distinct values, the most frequent first (ties alphabetical)."""
    v = values.dropna().astype(str)
    counts = v[v != ""].value_counts()
    return sorted(counts.index, key=lambda k: (-counts[k], k))


# --- gathering ---------------------------------------------------------------------


def gather(
    case: CaseFile,
    network: pd.Series,
    graph: CaseGraph,
    names: Names,
    *,
    written_at: dt.datetime,
) -> Content:
    """Collect the content of a network's briefing.

    Parameters
    ----------
    case
        The case file.
    network
        Its ``networks`` row.
    graph
        The network's part of the link graph (not pseudonymised).
    names
        How names are shown.
    written_at
        When the briefing is written (UTC), for the provenance block.
    """
    nid = str(network["network_id"])
    nodes, edges = graph.nodes, graph.edges
    members = sorted(nodes.loc[nodes["network_id"].astype(str) == nid, "node_id"])
    role_edges = edges[edges["kind"].isin(PARTY_EDGE_KINDS)]
    member_edges = role_edges[
        role_edges["source"].isin(members) | role_edges["target"].isin(members)
    ]
    case_ids = sorted(
        {
            x[2:]
            for x in pd.concat([member_edges["source"], member_edges["target"]])
            if isinstance(x, str) and x.startswith("S:")
        }
    )
    seizures = case["seizures"]
    seizures = seizures[seizures["seizure_id"].astype(str).isin(case_ids)].copy()
    seizures["seizure_id"] = seizures["seizure_id"].astype(str)
    seizures = seizures.sort_values(["seizure_date", "seizure_id"], kind="stable")
    goods = case["goods"]
    goods = goods[goods["seizure_id"].astype(str).isin(case_ids)]
    roles = case["roles"]
    roles = roles[roles["network_id"].astype(str) == nid]
    places = _places(edges, nodes)

    title = f"Network {nid}"
    summary = _summary(nid, seizures, goods, places, len(members))
    figures = _figures(seizures, goods, members, nodes)
    chart_nodes, chart_edges = _chart(graph, members, roles, names)
    chart_title = (
        f"Network {nid}: {len(members)} parties, {len(case_ids)} cases, "
        f"{_date(seizures['seizure_date'].min())} to {_date(seizures['seizure_date'].max())}"
    )
    party_info = _party_info(nodes, names)
    supply = _role_rows(roles, SUPPLY_ROLES, party_info, names, edges, limit=_TOP_PARTIES)
    fronts = _role_rows(roles, FRONT_ROLES, party_info, names, edges, limit=_TOP_PARTIES)
    distribution = _distribution(roles, party_info, names)
    targets, targets_note = _targets(case["targets"], nid, roles, party_info, names)
    routes, route_table = _routes(seizures, places)
    prov = provenance(case)
    prov_rows = [
        ("netlink version (briefing)", prov["netlink_version"]),
        ("netlink version (analysis)", prov["case_file_netlink_version"]),
        ("case file", f"{prov['case_file']} (format version {prov['case_file_version']})"),
        ("input", prov["input"] if not names.pseudonymised else "(withheld)"),
        ("input sha256", prov["input_sha256"]),
        ("result sha256", prov["result_sha256"]),
        ("seed", prov["seed"]),
        ("analysed", prov["analysed_at"]),
        ("briefing written", f"{written_at:%Y-%m-%d %H:%M} UTC"),
    ]
    if "fingerprint" in network.index and _str(network["fingerprint"]):
        prov_rows.append(("network fingerprint", _str(network["fingerprint"])))
    if names.ps is not None:
        prov_rows.append(
            (
                "pseudonymisation",
                "names and identifiers are HMAC-SHA256 digests (first 12 hex digits shown) "
                "of the values after netlink's normalisation; key check " + names.ps.key.check,
            )
        )
    return Content(
        network_id=nid,
        title=title,
        summary=summary,
        figures=figures,
        chart_title=chart_title,
        chart_nodes=chart_nodes,
        chart_edges=chart_edges,
        chart_focus=[names.node(m) for m in members],
        supply=supply,
        fronts=fronts,
        distribution=distribution,
        targets=targets,
        targets_note=targets_note,
        timeline=_timeline(member_edges, seizures, members, names),
        routes=routes,
        route_table=route_table,
        brands=_brands(goods, seizures),
        cases=_cases(seizures, goods, member_edges, names),
        provenance=prov_rows,
        parameters=prov["parameters"],
        warning=names.text(network.get("warning")),
        pseudonymised=names.pseudonymised,
    )


def _places(edges: pd.DataFrame, nodes: pd.DataFrame) -> pd.DataFrame:
    """``seizure_id, stage, place`` for the transit and entry places of each case."""
    label = dict(zip(nodes["node_id"], nodes["label"], strict=True))
    p = edges[edges["kind"].isin(["transit", "entry"]) & edges["source"].str.startswith("S:")]
    return pd.DataFrame(
        {
            "seizure_id": p["source"].str[2:].to_numpy(),
            "stage": p["kind"].to_numpy(),
            "place": p["target"].map(label).astype(str).to_numpy(),
        }
    )


def _summary(
    nid: str, seizures: pd.DataFrame, goods: pd.DataFrame, places: pd.DataFrame, n_parties: int
) -> str:
    cases = goods.drop_duplicates(["seizure_id", "category"])
    categories = _by_count(cases["category"])
    brands = _by_count(goods.drop_duplicates(["seizure_id", "brand"])["brand"])
    origins = _by_count(seizures["origin_country"])
    destinations = _by_count(seizures["destination_country"])
    transit = _by_count(places.loc[places["stage"] == "transit", "place"])
    entry = _by_count(places.loc[places["stage"] == "entry", "place"])
    what = _listing(categories) or "goods"
    if brands:
        what += f" (brands {_listing(brands)})"
    parts = [f"Network {nid} ships counterfeit {what}"]
    if origins:
        parts.append(f"from {_listing(origins)}")
    if transit:
        parts.append(f"through {_listing(transit)}")
    if destinations:
        parts.append(f"to {_listing(destinations)}")
    first = " ".join(parts)
    if entry:
        first += f", entering at {_listing(entry)}"
    items = pd.to_numeric(seizures["items"], errors="coerce")
    articles = items.sum() if items.notna().any() else pd.to_numeric(goods["quantity"]).sum()
    value = pd.to_numeric(seizures["value_eur"], errors="coerce").sum(min_count=1)
    how_much = f"{len(seizures):,} seizures of {_int(articles)} articles"
    if not _missing(value):
        how_much += f" worth about {_eur(value)}"
    since = (
        f"It has been seen since {_date(seizures['seizure_date'].min())}, most recently on "
        f"{_date(seizures['seizure_date'].max())}: {how_much}, involving {n_parties:,} parties."
    )
    return f"{first}. {since}"


def _figures(
    seizures: pd.DataFrame, goods: pd.DataFrame, members: list[str], nodes: pd.DataFrame
) -> list[tuple[str, str]]:
    dates = pd.to_datetime(seizures["seizure_date"])
    others = nodes[(nodes["kind"] == "party") & ~nodes["node_id"].isin(members)]
    items = pd.to_numeric(seizures["items"], errors="coerce").sum(min_count=1)
    value = pd.to_numeric(seizures["value_eur"], errors="coerce").sum(min_count=1)
    modes = seizures["transport_mode"].dropna().astype(str).value_counts()
    return [
        ("Seizures", f"{len(seizures):,}"),
        ("Parties in the network", f"{len(members):,}"),
        ("Other parties on its cases", f"{len(others):,} ({int(others['is_hub'].sum()):,} hubs)"),
        ("Articles", _int(items) or _int(pd.to_numeric(goods["quantity"]).sum())),
        ("Value", _eur(value) or "not recorded"),
        ("First seen", _date(dates.min())),
        ("Last seen", _date(dates.max())),
        ("Active", f"{(dates.max() - dates.min()).days:,} days" if len(dates) else ""),
        ("Reporting countries", _listing(_by_count(seizures["reporting_country"]), 6)),
        ("Transport", ", ".join(f"{m} {n:,}" for m, n in modes.head(5).items())),
    ]


def _chart(
    graph: CaseGraph, members: list[str], roles: pd.DataFrame, names: Names
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The readable part of the network for the link chart: parties, cases, shared links.

    Places and brands are left out (the routes and brands sections show them), and so
    are addresses, identifiers and master documents that link one party or case only.
    """
    nodes, edges = graph.nodes, graph.edges
    kind = dict(zip(nodes["node_id"], nodes["kind"], strict=True))
    linking = edges[edges["kind"].isin(PARTY_EDGE_KINDS)]
    attr = edges[edges["target"].map(kind).isin(["address", "identifier", "domain", "master"])]
    shared = attr.groupby("target")["source"].nunique()
    keep_attr = set(shared[shared >= 2].index)
    kept = pd.concat([linking, attr[attr["target"].isin(keep_attr)]])
    ids = sorted(set(kept["source"]) | set(kept["target"]) | set(members))
    n = nodes.set_index("node_id").loc[ids].reset_index()
    best = roles.sort_values(["score", "role"], ascending=[False, True]).drop_duplicates(
        "entity_id"
    )
    role = best.set_index("entity_id")
    chart_nodes = pd.DataFrame(
        {
            "node_id": [names.node(i) for i in n["node_id"]],
            "kind": n["kind"],
            "label": [names.label(i) for i in n["node_id"]],
            "subtype": n["subtype"],
            "network_id": n["network_id"],
            "role": [
                f"{role.at[i, 'role']} ({float(role.at[i, 'score']):.2f})"
                if i in role.index
                else None
                for i in n["node_id"]
            ],
            "n_cases": n["n_cases"].clip(lower=1),
            "is_hub": n["is_hub"],
            "hub_reason": [names.hub_reason(i) or None for i in n["node_id"]],
            "first_seen": n["first_seen"],
            "last_seen": n["last_seen"],
            "facts": [[("Country", c)] if _str(c) else None for c in n["country"]],
        }
    )
    chart_edges = pd.DataFrame(
        {
            "source": [names.node(i) for i in kept["source"]],
            "target": [names.node(i) for i in kept["target"]],
            "kind": kept["kind"].to_numpy(),
            "n_records": kept["n_records"].to_numpy(),
            "record_ids": [names.records(r) for r in kept["record_ids"]],
            "first_seen": kept["first_seen"].to_numpy(),
            "last_seen": kept["last_seen"].to_numpy(),
        }
    )
    return chart_nodes, chart_edges


def _party_info(nodes: pd.DataFrame, names: Names) -> dict[str, dict[str, str]]:
    parties = nodes[nodes["kind"] == "party"]
    return {
        i: {"id": names.node(i), "name": names.label(i), "country": _str(c), "cases": _int(k)}
        for i, c, k in zip(parties["node_id"], parties["country"], parties["n_cases"], strict=True)
    }


def _evidence(row: Any, edges: pd.DataFrame, names: Names) -> tuple[list[str], int]:
    """The records behind a role score: its own, else the party's links in the network."""
    rids = row.get("record_ids") if hasattr(row, "get") else None
    if rids is None or _missing_list(rids):
        mine = edges[(edges["source"] == row["entity_id"]) & edges["kind"].isin(PARTY_EDGE_KINDS)]
        rids = sorted({r for rs in mine["record_ids"] for r in rs})
    shown = names.records(list(rids)[:_EVIDENCE_SHOWN])
    return shown, max(len(rids) - _EVIDENCE_SHOWN, 0)


def _missing_list(value: Any) -> bool:
    return not hasattr(value, "__len__") and _missing(value)


def _role_rows(
    roles: pd.DataFrame,
    which: Sequence[str],
    party_info: dict[str, dict[str, str]],
    names: Names,
    edges: pd.DataFrame,
    *,
    limit: int,
) -> list[dict[str, Any]]:
    best = roles.sort_values(["score", "role"], ascending=[False, True], kind="stable")
    best_role = best.drop_duplicates("entity_id").set_index("entity_id")
    r = roles[roles["role"].isin(which) & (roles["score"] > 0)]
    r = r.sort_values(["score", "entity_id"], ascending=[False, True], kind="stable").head(limit)
    out = []
    for _, row in r.iterrows():
        info = party_info.get(row["entity_id"], {})
        shown, more = _evidence(row, edges, names)
        top = best_role.loc[row["entity_id"]]
        # A hypothesis another role explains better is shown with that role.
        better = (
            f"{str(top['role']).replace('_', ' ')} ({float(top['score']):.2f})"
            if top["role"] != row["role"] and float(top["score"]) > float(row["score"])
            else ""
        )
        out.append(
            {
                "name": info.get("name") or names.label(row["entity_id"]),
                "id": info.get("id") or names.node(row["entity_id"]),
                "country": info.get("country", ""),
                "cases": info.get("cases", ""),
                "role": str(row["role"]).replace("_", " "),
                "score": f"{float(row['score']):.2f}",
                "best_role": better,
                "reason": names.text(row["reason"]),
                "evidence": shown,
                "more_evidence": more,
            }
        )
    return out


def _distribution(
    roles: pd.DataFrame, party_info: dict[str, dict[str, str]], names: Names
) -> list[dict[str, Any]]:
    """Per distribution role: how many members hold it best, where, and the likeliest."""
    best = roles.sort_values(["score", "role"], ascending=[False, True], kind="stable")
    best = best.drop_duplicates("entity_id")
    out = []
    for role in DISTRIBUTION_ROLES:
        holders = best[best["role"] == role].sort_values(
            ["score", "entity_id"], ascending=[False, True], kind="stable"
        )
        if holders.empty:
            continue
        countries = pd.Series(
            [party_info.get(e, {}).get("country", "") for e in holders["entity_id"]]
        )
        top = [
            {
                "name": party_info.get(e, {}).get("name") or names.label(e),
                "id": party_info.get(e, {}).get("id") or names.node(e),
                "score": f"{float(s):.2f}",
                "reason": names.text(reason),
            }
            for e, s, reason in zip(
                holders["entity_id"], holders["score"], holders["reason"], strict=True
            )
        ][:3]
        out.append(
            {
                "role": role.replace("_", " "),
                "count": f"{len(holders):,}",
                "countries": ", ".join(
                    f"{c} {n}" for c, n in countries[countries != ""].value_counts().head(6).items()
                ),
                "top": top,
            }
        )
    return out


def _targets(
    targets: pd.DataFrame,
    nid: str,
    roles: pd.DataFrame,
    party_info: dict[str, dict[str, str]],
    names: Names,
) -> tuple[list[dict[str, Any]], str]:
    t = targets[targets["network_id"].astype(str) == nid].sort_values("rank", kind="stable")
    best = roles.sort_values(["score", "role"], ascending=[False, True]).drop_duplicates(
        "entity_id"
    )
    role_of = best.set_index("entity_id")["role"]
    rows = []
    for _, row in t.iterrows():
        e = row["entity_id"]
        info = party_info.get(e, {})
        rows.append(
            {
                "rank": _int(row["rank"]),
                "name": info.get("name") or names.label(e),
                "id": info.get("id") or names.node(e),
                "country": info.get("country", ""),
                "role": _str(role_of.get(e)).replace("_", " "),
                "impact": "" if _missing(row["impact"]) else f"{float(row['impact']):.0%}",
                "reason": names.text(row["reason"]),
            }
        )
    if rows:
        return rows, ""
    lead = best[best["role"].isin(SUPPLY_ROLES + FRONT_ROLES + ("seller", "distributor"))]
    lead = lead.sort_values(["score", "entity_id"], ascending=[False, True]).head(_TOP_PARTIES)
    for i, (_, row) in enumerate(lead.iterrows(), start=1):
        e = row["entity_id"]
        info = party_info.get(e, {})
        rows.append(
            {
                "rank": str(i),
                "name": info.get("name") or names.label(e),
                "id": info.get("id") or names.node(e),
                "country": info.get("country", ""),
                "role": str(row["role"]).replace("_", " "),
                "impact": "",
                "reason": names.text(row["reason"]),
            }
        )
    note = (
        "The case file holds no ranked targets for this network; listed instead are the "
        "likeliest holders of the key roles (manufacturer, front, seller, distributor)."
    )
    return rows, note


def _timeline(
    member_edges: pd.DataFrame, seizures: pd.DataFrame, members: list[str], names: Names
) -> Markup:
    dates = seizures.set_index("seizure_id")["seizure_date"]
    is_member = member_edges["source"].isin(members)
    party = member_edges["source"].where(is_member, member_edges["target"])
    case = member_edges["target"].where(is_member, member_edges["source"]).str[2:]
    ev = pd.DataFrame(
        {
            "date": pd.to_datetime(case.map(dates)).to_numpy(),
            "lane": [names.label(p) for p in party],
            "key": member_edges["kind"].to_numpy(),
            "case": [names.case(c) for c in case],
        }
    )
    ev["tip"] = (
        ev["case"]
        + " · "
        + ev["date"].dt.strftime("%Y-%m-%d")
        + " · "
        + ev["lane"]
        + " · "
        + ev["key"]
    )
    view = timeline(
        ev,
        title="Cases over time, one lane per member (coloured by role on the case)",
        colours=ROLE_COLOURS,
        max_lanes=25,
    )
    # Trusted: netlink.view escapes every string it draws.
    return Markup(view.fragment)


def _routes(seizures: pd.DataFrame, places: pd.DataFrame) -> tuple[Markup, list[dict[str, Any]]]:
    transit = (
        places[places["stage"] == "transit"]
        .groupby("seizure_id")["place"]
        .agg(lambda s: " / ".join(sorted(set(s))))
    )
    entry = places[places["stage"] == "entry"].groupby("seizure_id")["place"].first()
    rows = pd.DataFrame(
        {
            "origin": seizures["origin_country"].to_numpy(),
            "transit": seizures["seizure_id"].map(transit).to_numpy(),
            "entry": seizures["seizure_id"].map(entry).to_numpy(),
            "destination": seizures["destination_country"].to_numpy(),
        }
    )
    view = route_view(
        rows, title="Routes: origin country, transit, entry point, destination country"
    )
    table = [
        {
            "origin": _str(r.origin),
            "transit": _str(r.transit),
            "entry": _str(r.entry),
            "destination": _str(r.destination),
            "cases": _int(r.cases),
        }
        for r in view.table.head(12).itertuples(index=False)
    ]
    # Trusted: netlink.view escapes every string it draws.
    return Markup(view.fragment), table


def _brands(goods: pd.DataFrame, seizures: pd.DataFrame) -> list[dict[str, Any]]:
    g = goods[goods["brand"].notna() & (goods["brand"].astype(str) != "")]
    if g.empty:
        return []
    dates = seizures.set_index("seizure_id")["seizure_date"]
    g = g.assign(date=pd.to_datetime(g["seizure_id"].astype(str).map(dates)))
    out = []
    for brand, part in g.groupby(g["brand"].astype(str), sort=False):
        holders = sorted({_str(h) for h in part["rights_holder"]} - {""})
        out.append(
            {
                "brand": brand,
                "holders": ", ".join(holders) or "not recorded",
                "categories": ", ".join(_by_count(part["category"])[:4]),
                "cases": part["seizure_id"].nunique(),
                "articles": _int(pd.to_numeric(part["quantity"], errors="coerce").sum()),
                "value": _eur(pd.to_numeric(part["value_eur"], errors="coerce").sum(min_count=1)),
                "first": _date(part["date"].min()),
                "last": _date(part["date"].max()),
            }
        )
    out.sort(key=lambda r: (-r["cases"], r["brand"]))
    for r in out:
        r["cases"] = f"{r['cases']:,}"
    return out


def _cases(
    seizures: pd.DataFrame, goods: pd.DataFrame, member_edges: pd.DataFrame, names: Names
) -> list[dict[str, Any]]:
    brands = goods.groupby(goods["seizure_id"].astype(str))["brand"].agg(
        lambda s: ", ".join(sorted({_str(b) for b in s} - {""}))
    )
    on_case: dict[str, list[str]] = {}
    for src, dst, kind in zip(
        member_edges["source"], member_edges["target"], member_edges["kind"], strict=True
    ):
        party, case = (src, dst) if str(dst).startswith("S:") else (dst, src)
        on_case.setdefault(str(case)[2:], []).append(f"{names.label(party)} ({kind})")
    out = []
    for row in seizures.itertuples(index=False):
        sid = str(row.seizure_id)
        parties = sorted(on_case.get(sid, []))
        out.append(
            {
                "id": names.case(sid),
                "date": _date(row.seizure_date),
                "reporting": _str(row.reporting_country),
                "office": _str(row.customs_office),
                "mode": _str(row.transport_mode),
                "route": " → ".join(
                    x for x in (_str(row.origin_country), _str(row.destination_country)) if x
                ),
                "articles": _int(row.items),
                "value": _eur(row.value_eur),
                "brands": _str(brands.get(sid)),
                "document": names.document(row.transport_doc_no),
                "parties": "; ".join(parties[:4])
                + (f"; and {len(parties) - 4} more" if len(parties) > 4 else ""),
            }
        )
    return out
