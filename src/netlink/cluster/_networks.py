"""Networks: communities of the weighted party projection, with stable ids."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz.distance import JaroWinkler
from rapidfuzz.process import cpdist
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from netlink.contract import INTERMEDIARY_ROLES
from netlink.errors import ParameterError
from netlink.graph import PARTY_EDGE_KINDS, LinkGraph, PartyProjection, leiden_core
from netlink.resolve import normalize_names

__all__ = ["ClusterSettings", "Networks", "find_networks"]


@dataclass(frozen=True)
class ClusterSettings:
    """How networks are found in the party projection.

    Parameters
    ----------
    resolution
        The fixed penalty of the Potts model Leiden optimises (see
        :func:`netlink.graph.leiden`): two groups merge only when the weight between them
        exceeds ``resolution`` times the product of their strengths. Being fixed rather
        than scaled by the size of the graph, it does not let large extracts swallow
        small networks (the resolution limit of modularity).
    min_entities, min_cases
        The least a network holds: party entities, and distinct cases involving them.
        Smaller groups are background.
    min_core
        The least number of members linked to at least two other members: two parties
        that only trade with each other are a trading relationship, not yet a network.
        (One sender with one-off receivers, a repeat shipper, has no link of more than
        one shipment: see ``min_strong_links``.)
    min_strong_links
        The least number of links inside that are more than one shipment (two shared
        cases or more; a party named on another's shipment; a shared phone, e-mail,
        address, tax id, website, domain or master document): a chain of one-off
        shipments between strangers is ordinary trade. A shared contact, or one
        shipment on which one names the other, between two parties whose names agree
        once normalised does not count: they are most likely one party that resolution
        kept apart.
    trade_share, trade_min_cases
        Two communities whose principals (senders, receivers, sellers, named producers)
        meet on at least ``trade_min_cases`` cases, and on at least ``trade_share`` of
        the cases of the smaller one, are one network. Leiden's penalty grows with the
        product of the two groups' strengths, and a link between two busy parties is
        weak per shipment, so the two halves of one big supply chain (the factory and
        its fronts shipping to distributors; the sellers shipping to buyers) can trade
        hundreds of times and still fall apart.
    giant_share
        A network holding more than this share of the linked parties is flagged: it is
        more likely glued together by a hub that was missed than real.
    iterations
        The most Leiden iterations (it stops once an iteration changes nothing).

    Examples
    --------
    >>> ClusterSettings().min_cases
    3
    >>> ClusterSettings(min_entities=1)
    Traceback (most recent call last):
    ...
    netlink.errors.ParameterError: min_entities must be at least 2, got 1
    """

    resolution: float = 0.003
    min_entities: int = 2
    min_cases: int = 3
    min_core: int = 1
    min_strong_links: int = 1
    trade_share: float = 0.2
    trade_min_cases: int = 5
    giant_share: float = 0.2
    iterations: int = 10

    def __post_init__(self) -> None:
        if self.resolution <= 0:
            raise ParameterError(f"resolution must be positive, got {self.resolution}")
        if self.min_entities < 2:
            raise ParameterError(f"min_entities must be at least 2, got {self.min_entities}")
        if self.min_cases < 1:
            raise ParameterError(f"min_cases must be at least 1, got {self.min_cases}")
        if self.min_core < 0 or self.min_strong_links < 0:
            raise ParameterError("min_core and min_strong_links must not be negative")
        if self.iterations < 1:
            raise ParameterError(f"iterations must be at least 1, got {self.iterations}")
        if not 0 < self.trade_share <= 1:
            raise ParameterError(f"trade_share must be in (0, 1], got {self.trade_share}")
        if self.trade_min_cases < 1:
            raise ParameterError(f"trade_min_cases must be at least 1, got {self.trade_min_cases}")
        if not 0 < self.giant_share <= 1:
            raise ParameterError(f"giant_share must be in (0, 1], got {self.giant_share}")

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able values, as recorded in the case file."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, eq=False)
class Networks:
    """The networks found, their members, and why there are none when there are none.

    Attributes
    ----------
    networks
        One row per network: ``network_id, n_entities, n_seizures, first_seen,
        last_seen`` (the case-file columns), then ``fingerprint`` (hash of the sorted
        member ids: equal fingerprints, equal membership), ``n_links`` and
        ``internal_weight`` (projected links inside), ``cohesion`` (share of the
        members' link weight that stays inside), ``warning`` (empty when none).
        Ordered by id: by size (members, then cases), ties by smallest member id.
    network_members
        ``entity_id, network_id``, then ``n_cases`` (the member's cases) and
        ``inside_share`` (share of its link weight inside the network).
    membership
        Every party entity: ``entity_id, group`` (its community label, -1 for hubs),
        ``network_id`` (None for background and hubs).
    notes
        Plain-language notes on the result as a whole: why there are no networks, groups
        too small to count, giant networks.
    settings
        The settings used.
    """

    networks: pd.DataFrame
    network_members: pd.DataFrame
    membership: pd.DataFrame
    notes: tuple[str, ...]
    settings: ClusterSettings

    def tables(self) -> dict[str, pd.DataFrame]:
        """The case-file tables ``networks`` and ``network_members``."""
        return {"networks": self.networks, "network_members": self.network_members}


def find_networks(
    graph: LinkGraph,
    projection: PartyProjection,
    settings: ClusterSettings | None = None,
    *,
    seed: int = 0,
) -> Networks:
    """Find networks: Leiden communities of the party projection, hubs left out.

    Parameters
    ----------
    graph
        The link graph (for the cases and dates of members).
    projection
        The party projection, built without hubs (:func:`netlink.graph.project_parties`
        with the hubs of :func:`netlink.graph.detect_hubs`).
    settings
        See :class:`ClusterSettings`.
    seed
        Seed of Leiden's random steps: the same input and seed give the same networks.

    Returns
    -------
    Networks

    Examples
    --------
    >>> from netlink.graph import build_graph, detect_hubs, exact_entities, project_parties
    >>> from netlink.graph._examples import tiny_extract
    >>> ex = tiny_extract()
    >>> g = build_graph(ex, *exact_entities(ex))
    >>> nets = find_networks(g, project_parties(g, detect_hubs(g)))
    >>> nets.networks[["network_id", "n_entities", "n_seizures"]].to_dict("records")
    [{'network_id': 'N0001', 'n_entities': 6, 'n_seizures': 4}, {'network_id': 'N0002', 'n_entities': 3, 'n_seizures': 3}]
    >>> nets.notes
    ('1 group(s) of linked parties span fewer than 3 cases and are not networks',)
    """
    settings = settings or ClusterSettings()
    parties = projection.parties
    edges = projection.edges
    n = len(parties)
    excluded = parties["excluded"].to_numpy()
    ia, ib, w = edges["ia"].to_numpy(), edges["ib"].to_numpy(), edges["weight"].to_numpy()
    # Hubs are already without links in the projection; drop any link that still touches
    # one, so a hub can never anchor a community.
    ok = ~(excluded[ia] | excluded[ib])
    ia, ib, w = ia[ok], ib[ok], w[ok]
    labels = leiden_core(
        n,
        ia,
        ib,
        w,
        resolution=settings.resolution,
        seed=seed,
        iterations=settings.iterations,
        peripheral=projection.peripheral(),
    )
    labels = np.where(excluded, -1, labels)
    # Cases of each party (party row, case node), for sizes and dates.
    pc = _party_cases(graph, parties)
    case_date = pd.Series(graph.cases["date"].to_numpy(), index=graph.cases["node"].to_numpy())
    ids = parties["entity_id"].to_numpy()
    e_ok = edges[ok]
    repeat = e_ok["n_cases"].to_numpy() >= 2
    # One shipment naming the other, or a shared contact: strong unless the names agree.
    check = ~repeat & ((e_ok["n_named"].to_numpy() > 0) | (e_ok["n_attributes"].to_numpy() > 0))
    strong = repeat | (check & ~_alike(graph, parties, ia, ib, check))

    def qualify(labels: np.ndarray) -> tuple[pd.DataFrame, pd.Series]:
        return _groups(labels, ids, pc, case_date, ia, ib, strong, settings)

    groups, is_net = qualify(labels)
    # Trade with a network member or a shared value, not only a shared intermediary.
    direct = strong | ((e_ok["n_flow_ab"] + e_ok["n_flow_ba"]).to_numpy() > 0)
    # Only groups too small to tell anything on their own follow a network.
    small = groups.index[~is_net & (groups["n_seizures"] < settings.min_cases)].to_numpy()
    labels = _attach_satellites(labels, groups.index[is_net].to_numpy(), small, ia, ib, w, direct)
    labels = _join_trading(labels, pc[pc["principal"]], settings)
    groups, is_net = qualify(labels)
    nets = groups[is_net].reset_index()
    nets = nets.sort_values(
        ["n_entities", "n_seizures", "first_id"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)
    width = max(4, len(str(len(nets))))
    nets["network_id"] = [f"N{i + 1:0{width}d}" for i in range(len(nets))]
    gid = dict(zip(nets["group"], nets["network_id"], strict=True))

    membership = pd.DataFrame(
        {
            "entity_id": ids,
            "group": labels,
            "network_id": pd.Series(labels).map(gid).to_numpy(dtype=object),
        }
    )
    in_net = membership["network_id"].notna().to_numpy()

    # Link weight inside each network, per member and per network.
    net_of_row = membership["network_id"].to_numpy()
    same = in_net[ia] & in_net[ib] & (labels[ia] == labels[ib])
    strength = np.bincount(ia, w, minlength=n) + np.bincount(ib, w, minlength=n)
    inside = np.bincount(ia[same], w[same], minlength=n) + np.bincount(
        ib[same], w[same], minlength=n
    )
    inside_share = np.divide(inside, strength, out=np.zeros(n), where=strength > 0)
    n_cases_row = np.bincount(pc["row"].to_numpy(), minlength=n)
    members = pd.DataFrame(
        {
            "entity_id": ids[in_net],
            "network_id": net_of_row[in_net],
            "n_cases": n_cases_row[in_net],
            "inside_share": inside_share[in_net].round(6),
        }
    ).sort_values(["network_id", "entity_id"], kind="stable")

    link_net = net_of_row[ia[same]]
    n_links = pd.Series(1, index=link_net).groupby(level=0).sum()
    int_w = pd.Series(w[same], index=link_net).groupby(level=0).sum()
    tot_w = pd.Series(strength[in_net], index=net_of_row[in_net]).groupby(level=0).sum()
    nets["n_links"] = nets["network_id"].map(n_links).fillna(0).astype(np.int64)
    nets["internal_weight"] = nets["network_id"].map(int_w).fillna(0.0).round(6)
    cohesion = 2 * nets["internal_weight"] / nets["network_id"].map(tot_w)
    nets["cohesion"] = cohesion.fillna(0.0).round(6)
    nets["fingerprint"] = (
        [
            _fingerprint(members.loc[members["network_id"] == i, "entity_id"])
            for i in nets["network_id"]
        ]
        if len(nets) < 2000
        else _fingerprints(members, nets["network_id"])
    )
    linked = int((strength > 0).sum())
    notes: list[str] = []
    giant = nets["n_entities"] > max(settings.giant_share * linked, 50)
    nets["warning"] = np.where(
        giant,
        [
            f"holds {k:,} of {linked:,} linked parties ({k / max(linked, 1):.0%}): "
            "a missed hub may glue unrelated networks; check its biggest members"
            for k in nets["n_entities"]
        ],
        "",
    )
    for r in nets[giant].itertuples():
        notes.append(f"network {r.network_id} is a giant: {r.warning}")
    notes.extend(_why_small(groups, is_net, linked, int(excluded.sum()), settings))
    networks = nets[
        [
            "network_id",
            "n_entities",
            "n_seizures",
            "first_seen",
            "last_seen",
            "fingerprint",
            "n_links",
            "internal_weight",
            "cohesion",
            "warning",
        ]
    ]
    return Networks(
        networks=networks.reset_index(drop=True),
        network_members=members.reset_index(drop=True),
        membership=membership,
        notes=tuple(notes),
        settings=settings,
    )


def _alike(
    graph: LinkGraph, parties: pd.DataFrame, ia: np.ndarray, ib: np.ndarray, mask: np.ndarray
) -> np.ndarray:
    """Which links (of those in ``mask``) join two parties whose names agree once
    normalised: the same distinctive words, one's words among the other's, the same
    person key, or a slip of a letter or two ("Nova Allu Commerce" and "Novz Allu
    Commerce"). Two such parties sharing a contact, or one naming the other on its
    shipment, are most likely one party that resolution kept apart, not two working
    together."""
    out = np.zeros(len(ia), dtype=bool)
    rows = np.flatnonzero(mask)
    if rows.size == 0:
        return out
    need, inverse = np.unique(np.concatenate([ia[rows], ib[rows]]), return_inverse=True)
    label = graph.node_values("label", parties["node"].to_numpy()[need])
    keys = normalize_names(pd.Series(label, dtype=object))
    a, b = inverse[: rows.size], inverse[rows.size :]
    sq = keys["squashed"].to_numpy(dtype=object)
    person = keys["is_person"].to_numpy()
    pkey = keys["person_key"].to_numpy(dtype=object)
    named = (sq[a] != "") & (sq[b] != "")
    alike = named & (
        (sq[a] == sq[b])
        | (person[a] & person[b] & (pkey[a] == pkey[b]))
        | (cpdist(sq[a], sq[b], scorer=JaroWinkler.normalized_similarity, dtype=np.float64) >= 0.9)
    )
    tokens = keys["tokens"].to_numpy(dtype=object)
    for k in np.flatnonzero(named & ~alike).tolist():
        ta, tb = set(tokens[a[k]]), set(tokens[b[k]])
        alike[k] = ta <= tb or tb <= ta
    out[rows] = alike
    return out


def _party_cases(graph: LinkGraph, parties: pd.DataFrame) -> pd.DataFrame:
    """Party row and case node of each party on each case; ``principal`` when the party
    is there other than as an intermediary, in any of its roles on the case."""
    e = graph.edges
    role = graph.edge_mask(PARTY_EDGE_KINDS)
    row_of = np.full(len(graph.nodes), -1, dtype=np.int64)
    row_of[parties["node"].to_numpy()] = np.arange(len(parties))
    pc = pd.DataFrame(
        {
            "row": row_of[e["src"].to_numpy()[role]],
            "case": e["dst"].to_numpy()[role],
            "principal": ~e["kind"][role].isin(INTERMEDIARY_ROLES).to_numpy(),
        }
    )
    pc = pc.sort_values(["row", "case", "principal"], ascending=[True, True, False], kind="stable")
    return pc.drop_duplicates(["row", "case"]).reset_index(drop=True)


def _groups(
    labels: np.ndarray,
    ids: np.ndarray,
    pc: pd.DataFrame,
    case_date: pd.Series,
    ia: np.ndarray,
    ib: np.ndarray,
    strong: np.ndarray,
    settings: ClusterSettings,
) -> tuple[pd.DataFrame, pd.Series]:
    """Per community: size, cases, dates, core and strong links; and which are networks."""
    n = len(labels)
    gc = pd.DataFrame({"group": labels[pc["row"].to_numpy()], "case": pc["case"].to_numpy()})
    gc = gc[gc["group"] >= 0].drop_duplicates()
    gc["date"] = case_date.reindex(gc["case"].to_numpy()).to_numpy()
    per_group = gc.groupby("group").agg(
        n_seizures=("case", "size"), first_seen=("date", "min"), last_seen=("date", "max")
    )
    member = pd.DataFrame({"row": np.arange(n), "group": labels, "entity_id": ids})
    member = member[member["group"] >= 0]
    size = member.groupby("group").agg(n_entities=("row", "size"), first_id=("entity_id", "min"))
    groups = size.join(per_group, how="left")
    groups["n_seizures"] = groups["n_seizures"].fillna(0).astype(np.int64)
    # Members linked to two or more others in their group: the group's core.
    inner = labels[ia] == labels[ib]
    inner_deg = np.bincount(ia[inner], minlength=n) + np.bincount(ib[inner], minlength=n)
    core = pd.Series(inner_deg[member["row"].to_numpy()] >= 2, index=member.index)
    groups = groups.join(core.groupby(member["group"]).sum().rename("n_core"))
    # Links that are more than one shipment: two cases or more, or a shared value.
    n_strong = pd.Series(strong[inner].astype(np.int64)).groupby(labels[ia[inner]]).sum()
    groups["n_strong"] = n_strong.reindex(groups.index, fill_value=0).to_numpy()
    is_net = (
        (groups["n_entities"] >= settings.min_entities)
        & (groups["n_seizures"] >= settings.min_cases)
        & (groups["n_core"] >= settings.min_core)
        & (groups["n_strong"] >= settings.min_strong_links)
    )
    return groups, is_net


def _attach_satellites(
    labels: np.ndarray,
    networks: np.ndarray,
    small: np.ndarray,
    ia: np.ndarray,
    ib: np.ndarray,
    w: np.ndarray,
    direct: np.ndarray,
    share: float = 0.5,
) -> np.ndarray:
    """Groups too small to be networks join the network that holds at least ``share`` of
    their outside link weight, when one of those links is direct (trade or a shared
    value, not only a shared intermediary).

    The penalty Leiden pays for joining grows with the strength of the community
    joined, so two buyers of a big network's store who share an address (one person
    written twice) stay a pair of their own next to it; a one-off sender and receiver
    that only share the network's forwarder still stay out.
    """
    in_net = np.zeros(int(labels.max(initial=-1)) + 2, dtype=bool)
    in_net[networks] = True
    is_small = np.zeros(len(in_net), dtype=bool)
    is_small[small] = True
    la, lb = labels[ia], labels[ib]
    out = (la != lb) & (la >= 0) & (lb >= 0)
    sat_a = out & is_small[la]
    sat_b = out & is_small[lb]
    # Each outside link, seen from each satellite end: (satellite, other group).
    sat = np.r_[la[sat_a], lb[sat_b]]
    other = np.r_[lb[sat_a], la[sat_b]]
    wt = np.r_[w[sat_a], w[sat_b]]
    dr = np.r_[direct[sat_a], direct[sat_b]]
    if not len(sat):
        return labels
    links = pd.DataFrame({"sat": sat, "other": other, "w": wt, "direct": dr})
    outside = links.groupby("sat")["w"].sum()
    to_net = links[in_net[links["other"].to_numpy()]]
    per = to_net.groupby(["sat", "other"]).agg(w=("w", "sum"), direct=("direct", "any"))
    per = per.reset_index().sort_values(["sat", "w", "other"], ascending=[True, False, True])
    best = per.drop_duplicates("sat")
    best = best[best["direct"] & (best["w"] >= share * outside.reindex(best["sat"]).to_numpy())]
    target = np.arange(len(in_net))
    target[best["sat"].to_numpy()] = best["other"].to_numpy()
    return np.where(labels >= 0, target[np.maximum(labels, 0)], labels)


def _join_trading(labels: np.ndarray, pc: pd.DataFrame, settings: ClusterSettings) -> np.ndarray:
    """Communities that trade with each other regularly, joined (see ``trade_share``).

    Repeated until nothing changes: a store that meets the factory's half of a chain
    on 14 of its 75 cases and the distributors' half on 5 joins the chain once the
    two halves are one.
    """
    rows, cases = pc["row"].to_numpy(), pc["case"].to_numpy()
    while True:
        gc = pd.DataFrame({"group": labels[rows], "case": cases})
        gc = gc[gc["group"] >= 0].drop_duplicates()
        size = gc.groupby("group").size()
        both = gc.merge(gc, on="case")
        both = both[both["group_x"] < both["group_y"]]
        met = both.groupby(["group_x", "group_y"]).size().rename("n").reset_index()
        smaller = np.minimum(
            size.reindex(met["group_x"]).to_numpy(), size.reindex(met["group_y"]).to_numpy()
        )
        join = met[
            (met["n"] >= settings.trade_min_cases) & (met["n"] >= settings.trade_share * smaller)
        ]
        if join.empty:
            return labels
        n = int(labels.max()) + 1
        _, comp = connected_components(
            coo_matrix(
                (np.ones(len(join)), (join["group_x"].to_numpy(), join["group_y"].to_numpy())),
                shape=(n, n),
            ),
            directed=False,
        )
        # Each joined community takes the smallest label among its parts.
        first = pd.Series(np.arange(n)).groupby(comp).transform("min").to_numpy()
        labels = np.where(labels >= 0, first[np.maximum(labels, 0)], labels)


def _fingerprint(ids: pd.Series) -> str:
    return hashlib.sha1("\n".join(sorted(ids)).encode()).hexdigest()[:12]


def _fingerprints(members: pd.DataFrame, order: pd.Series) -> list[str]:
    by = members.groupby("network_id")["entity_id"].agg(lambda s: _fingerprint(s))
    return by.reindex(order.to_numpy()).tolist()


def _why_small(
    groups: pd.DataFrame, is_net: pd.Series, linked: int, n_hubs: int, settings: ClusterSettings
) -> list[str]:
    notes = []
    small = groups[~is_net & (groups["n_entities"] >= settings.min_entities)]
    few_cases = small["n_seizures"] < settings.min_cases
    if few_cases.any():
        notes.append(
            f"{int(few_cases.sum()):,} group(s) of linked parties span fewer than "
            f"{settings.min_cases} cases and are not networks"
        )
    stars = ~few_cases & (small["n_core"] < settings.min_core)
    if stars.any():
        notes.append(
            f"{int(stars.sum()):,} group(s) have fewer than {settings.min_core} member(s) "
            "linked to two others (a pair trading only with each other) and are not networks"
        )
    chains = ~few_cases & ~stars & (small["n_strong"] < settings.min_strong_links)
    if chains.any():
        notes.append(
            f"{int(chains.sum()):,} group(s) are linked by single shipments only (a repeat "
            "shipper with one-off counterparties, or strangers: no repeat pair, no shared "
            "contact) and are not networks"
        )
    if not is_net.any():
        hubs = f" ({n_hubs:,} hub(s) set aside)" if n_hubs else ""
        if linked == 0:
            notes.insert(
                0,
                "no networks: no two parties share a case, an address or an identifier" + hubs,
            )
        else:
            notes.insert(
                0,
                f"no networks: {linked:,} parties are linked{hubs}, but no group of at least "
                f"{settings.min_entities} parties with {settings.min_core} linked to each "
                f"other spans {settings.min_cases} cases or more",
            )
    return notes
