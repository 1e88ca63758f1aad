"""The plan of the world: networks and their shape, then one row per case.

Networks get a heavy-tailed number of cases (a Pareto law: many small networks, a few
large ones), a source region, a business model (parcels, bulk cargo or both), target
markets, an active period and the patterns they run. Cases get a network (or none), a
flow, a date, a transport mode, goods and a size. Parties come later (:mod:`._parties`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from netlink.synth import _lookup as L
from netlink.synth import _vocab as V
from netlink.synth._codes import (
    F_BG_CARGO,
    F_BG_PARCEL,
    F_BG_PASSENGER,
    F_BULK,
    F_DROP,
    F_HIJACK,
    F_LABELS,
    F_PARCEL,
    F_UNBRANDED,
    M_AIR,
    M_EXPRESS,
    M_PASSENGER,
    M_POSTAL,
    M_RAIL,
    M_ROAD,
    M_SEA,
)
from netlink.synth._settings import SynthSettings

# Displacement kinds (pattern 10).
D_PORT, D_COUNTRY, D_STREAM = range(3)
SEA_COUNTRY = np.array([L.COUNTRY_INDEX.get(p[1], -1) for p in V.SEA_PORTS])
AIR_COUNTRY = np.array([L.COUNTRY_INDEX.get(a[1], -1) for a in V.AIRPORTS])
SEA_W = np.array([p[3] for p in V.SEA_PORTS], dtype=float)
AIR_W = np.array([a[3] for a in V.AIRPORTS], dtype=float)
HUB_W = np.array([h[3] for h in V.TRANSIT_HUBS], dtype=float)


def weighted(rng: np.random.Generator, weights: np.ndarray, size: int) -> np.ndarray:
    """Indexes drawn with the given (unnormalised) weights."""
    cdf = np.cumsum(weights, dtype=float)
    return np.searchsorted(cdf, rng.random(size) * cdf[-1], side="right")


def ranks(groups: np.ndarray) -> np.ndarray:
    """Position of each row within its run of equal ``groups`` values (rows grouped)."""
    n = groups.size
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.r_[0, np.flatnonzero(groups[1:] != groups[:-1]) + 1]
    first = np.repeat(starts, np.diff(np.r_[starts, n]))
    return np.arange(n) - first


@dataclass
class Networks:
    """One entry per network, ordered by size (network 0 is the largest)."""

    cases: np.ndarray
    city: np.ndarray
    country: np.ndarray
    category: np.ndarray  # (n, 2): main and secondary goods category
    brands: np.ndarray  # (n, 3): brand indexes
    parcel_share: np.ndarray
    express_share: np.ndarray
    cargo_p: np.ndarray  # (n, 4): air, sea, road, rail
    markets: np.ndarray  # (n, 3): destination countries; -1 unused
    n_markets: np.ndarray
    start: np.ndarray  # day offsets from settings.start
    duration: np.ndarray
    n_fronts: np.ndarray
    n_stores: np.ndarray
    n_dist: np.ndarray
    has_forwarder: np.ndarray
    consolidates: np.ndarray  # the forwarder is a consolidator
    has_assembly: np.ndarray
    has_drop: np.ndarray
    has_hijack: np.ndarray
    displaced: np.ndarray
    disp_day: np.ndarray
    disp_kind: np.ndarray
    hub_p: np.ndarray
    mis_p: np.ndarray
    port: np.ndarray  # (n, 2): sea port before / after displacement
    airport: np.ndarray  # (n, 2)

    @property
    def n(self) -> int:
        return int(self.cases.size)


def network_sizes(s: SynthSettings, rng: np.random.Generator) -> np.ndarray:
    """Cases per network: a discrete Pareto law, capped, summing to the network cases."""
    total = round(s.cases * s.rate("network_share"))
    m = s.min_network_cases
    if total < m:
        return np.zeros(0, dtype=np.int64)
    cap = max(6 * m, int(0.08 * total))
    sizes = np.zeros(0, dtype=np.int64)
    while sizes.sum() < total:
        u = rng.random(total // m + 8)
        draw = np.floor(m * (1.0 - u) ** (-1.0 / s.network_size_alpha)).astype(np.int64)
        sizes = np.concatenate([sizes, np.clip(draw, m, cap)])
    cum = np.cumsum(sizes)
    k = int(np.searchsorted(cum, total)) + 1
    sizes = sizes[:k].copy()
    sizes[-1] -= int(cum[k - 1]) - total
    if sizes[-1] < m and k > 1:  # fold a too-small remainder into the previous network
        sizes[-2] += sizes[-1]
        sizes = sizes[:-1]
    return np.sort(sizes)[::-1].copy()


def plan_networks(s: SynthSettings, rng: np.random.Generator) -> Networks:
    """Networks by size, largest first. A world too small for any network (or with
    ``network_share=0``) gets one phantom network without cases, so per-network lookups
    never index an empty array; its parties never reach a record and are dropped."""
    sizes = network_sizes(s, rng)
    if not sizes.size:
        sizes = np.zeros(1, dtype=np.int64)
    n = sizes.size
    days = (s.end - s.start).days + 1
    city = weighted(rng, L.CITIES.source_weight, n)
    country = L.CITIES.country[city]
    tr = country == L.COUNTRY_INDEX["TR"]

    # Goods: the main category is what the source region makes (its first the most
    # often); the second any category; up to three brands counterfeited in them.
    cats, n_cats = _padded([[L.CATEGORY_INDEX[c] for c in cs] for cs in L.CITIES.categories])
    pick = np.minimum((rng.random(n) ** 2 * n_cats[city]).astype(np.int64), n_cats[city] - 1)
    category = np.column_stack(
        [cats[city, np.maximum(pick, 0)], weighted(rng, L.CATEGORY_WEIGHT, n)]
    )
    options, n_options = _padded([list(b) for b in L.BRANDS_OF_CATEGORY])
    brands = np.full((n, 3), -1, dtype=np.int64)
    for j in range(3):
        cat = category[:, min(j, 1)]
        k = (rng.random(n) * n_options[cat]).astype(np.int64)
        chosen = np.where(n_options[cat] > 0, options[cat, np.minimum(k, options.shape[1] - 1)], -1)
        brands[:, j] = chosen if j == 0 else np.where(rng.random(n) < 0.5, chosen, -1)
    # Label makers (no brand is counterfeited "in labels") print any brand's labels.
    no_brand = brands[:, 0] < 0
    brands[no_brand, 0] = rng.integers(0, len(V.BRANDS), int(no_brand.sum()))

    # Business model: e-commerce parcels, mixed, or bulk cargo; small ones sell online.
    small = sizes < 12
    model = np.where(
        small,
        weighted(rng, np.array([62.0, 28, 10]), n),
        weighted(rng, np.array([48.0, 34, 18]), n),
    )
    parcel_share = np.array([0.92, 0.6, 0.15])[model]
    express_share = rng.uniform(0.25, 0.75, n)
    cargo_p = np.where(
        tr[:, None], np.array([0.3, 0.25, 0.45, 0.0]), np.array([0.3, 0.55, 0.05, 0.1])
    )

    # Target markets: one to three destination countries, drawn by weight without
    # replacement (the largest Gumbel-perturbed log weights).
    n_markets = 1 + (rng.random(n) < 0.45) + (sizes > 60) * (rng.random(n) < 0.5)
    dest = L.DEST_COUNTRIES
    keys = np.log(L.DEST_WEIGHT[dest]) - np.log(-np.log(rng.random((n, dest.size))))
    ranked = dest[np.argsort(-keys, axis=1, kind="stable")[:, :3]]
    markets = np.where(np.arange(3) < n_markets[:, None], ranked, -1)

    duration = np.minimum(days, (120 + 55 * np.sqrt(sizes) * rng.uniform(0.7, 1.4, n)).astype(int))
    start = (rng.random(n) * (days - duration + 1)).astype(np.int64)

    cargo = sizes * (1 - parcel_share)
    big = sizes >= 8
    n_fronts = np.where(
        big,
        np.clip(3 + np.floor(np.log2(np.maximum(sizes, 8) / 8)) + rng.integers(0, 2, n), 3, 8),
        1 + (rng.random(n) < 0.5),
    ).astype(np.int64)
    parcels = sizes * parcel_share
    n_stores = np.where(
        parcels >= 6,
        np.clip(3 + np.floor(np.log2(np.maximum(parcels, 6) / 6)) + rng.integers(0, 3, n), 3, 10),
        (parcels >= 0.5).astype(np.int64),
    ).astype(np.int64)
    n_dist = (1 + np.minimum(5, np.floor(np.log2(1 + cargo / 8)))).astype(np.int64)
    has_forwarder = (cargo >= 3) | (sizes >= 15)
    consolidates = has_forwarder & (rng.random(n) < 0.5)
    has_assembly = (sizes >= 12) & (rng.random(n) < 0.3)
    has_drop = (sizes >= 10) & (rng.random(n) < 0.35)
    has_hijack = (cargo >= 6) & (rng.random(n) < 0.25)
    displaced = (sizes >= 24) & (rng.random(n) < 0.5)
    # Every pattern is planted somewhere: if chance left one out, the largest network
    # that can run it does.
    for flag, eligible in (
        (has_assembly, sizes >= 12),
        (has_drop, sizes >= 10),
        (has_hijack, cargo >= 6),
        (displaced, sizes >= 24),
        (has_forwarder, sizes >= 8),
    ):
        if not flag.any() and eligible.any():
            flag[np.flatnonzero(eligible)[0]] = True
    if n and not (n_stores >= 3).any():
        n_stores[0] = max(3, int(n_stores[0]))
    disp_kind = np.where(parcel_share > 0.5, D_STREAM, rng.integers(0, 2, n))
    disp_day = start + (duration * rng.uniform(0.45, 0.7, n)).astype(np.int64)
    hub_p = np.where(rng.random(n) < 0.6, rng.uniform(0.3, 0.9, n), 0.05)
    mis_p = np.where(rng.random(n) < 0.4, 0.5, 0.04)

    # Entry port and airport before and after displacement (another country for D_COUNTRY).
    port = _entry_pairs(rng, SEA_W, SEA_COUNTRY, disp_kind == D_COUNTRY)
    airport = _entry_pairs(rng, AIR_W, AIR_COUNTRY, disp_kind == D_COUNTRY)

    return Networks(
        cases=sizes,
        city=city,
        country=country,
        category=category,
        brands=brands,
        parcel_share=parcel_share,
        express_share=express_share,
        cargo_p=cargo_p,
        markets=markets,
        n_markets=n_markets.astype(np.int64),
        start=start,
        duration=duration,
        n_fronts=n_fronts,
        n_stores=n_stores,
        n_dist=n_dist,
        has_forwarder=has_forwarder,
        consolidates=consolidates,
        has_assembly=has_assembly,
        has_drop=has_drop,
        has_hijack=has_hijack,
        displaced=displaced,
        disp_day=disp_day,
        disp_kind=disp_kind,
        hub_p=hub_p,
        mis_p=mis_p,
        port=port,
        airport=airport,
    )


def _padded(rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Ragged lists as a -1-padded matrix and the length of each row."""
    width = max(1, max((len(r) for r in rows), default=1))
    out = np.full((len(rows), width), -1, dtype=np.int64)
    for i, r in enumerate(rows):
        out[i, : len(r)] = r
    return out, np.array([len(r) for r in rows], dtype=np.int64)


def _entry_pairs(
    rng: np.random.Generator, weights: np.ndarray, country: np.ndarray, other_country: np.ndarray
) -> np.ndarray:
    """Per network: an entry point by weight, and a different one (in another country
    where ``other_country``) it moves to when displaced."""
    n = other_country.size
    first = weighted(rng, weights, n)
    allowed = np.where(
        other_country[:, None],
        country[None, :] != country[first][:, None],
        np.arange(weights.size)[None, :] != first[:, None],
    )
    cdf = np.cumsum(np.where(allowed, weights, 0.0), axis=1)
    second = (rng.random(n)[:, None] * cdf[:, -1:] >= cdf).sum(axis=1)
    return np.column_stack([first, second])


@dataclass
class Cases:
    """One entry per case, in generation order (networks first, then background)."""

    net: np.ndarray  # -1 for background
    flow: np.ndarray
    day: np.ndarray
    mode: np.ndarray
    phase: np.ndarray  # 0 usual, 1 seizure burst before displacement, 2 after it
    rank: np.ndarray  # position within the network
    market: np.ndarray  # destination country (network cases; background: consignee's)
    hub: np.ndarray  # index into TRANSIT_HUBS, -1 for a direct route
    misdeclared: np.ndarray
    generic: np.ndarray  # described as 'gift' / 'sample' / a generic word
    category: np.ndarray
    brand: np.ndarray  # -1 unbranded
    items: np.ndarray
    origin: np.ndarray  # background cases: the sender's country
    pair: np.ndarray  # labels <-> unbranded case of pattern 5, else -1
    batch: np.ndarray  # consolidated batch of pattern 2, else -1

    @property
    def n(self) -> int:
        return int(self.net.size)


def _items(rng: np.random.Generator, mode: np.ndarray, flow: np.ndarray) -> np.ndarray:
    """Articles per case: single items by post, thousands by sea (lognormal by mode)."""
    n = mode.size
    out = np.ones(n, dtype=np.int64)
    small = np.minimum(rng.geometric(0.4, n), 9)
    postal = mode == M_POSTAL
    out[postal] = np.where(rng.random(n) < 0.56, 1, small)[postal]
    express = mode == M_EXPRESS
    out[express] = np.where(rng.random(n) < 0.92, small, rng.integers(10, 60, n))[express]
    for m, median, sigma, lo, hi in (
        (M_AIR, 250, 1.1, 12, 60_000),
        (M_SEA, 3_000, 1.2, 100, 2_000_000),
        (M_ROAD, 1_200, 1.0, 50, 200_000),
        (M_RAIL, 4_000, 1.0, 200, 500_000),
    ):
        sel = mode == m
        draw = np.exp(np.log(median) + sigma * rng.standard_normal(n))
        out[sel] = np.clip(draw, lo, hi).astype(np.int64)[sel]
    # A quarter of air cargo is small: samples and courier-like consignments.
    air_small = (mode == M_AIR) & (rng.random(n) < 0.25)
    out[air_small] = rng.integers(2, 10, n)[air_small]
    out[mode == M_PASSENGER] = rng.integers(1, 13, n)[mode == M_PASSENGER]
    labels = flow == F_LABELS
    out[labels] = np.clip(np.exp(np.log(4_000) + rng.standard_normal(n)), 200, 200_000).astype(
        np.int64
    )[labels]
    return out


def plan_cases(s: SynthSettings, nets: Networks, rng: np.random.Generator) -> Cases:
    """One row per case: network cases (by network, their patterns first), then the
    one-off background cases."""
    days = (s.end - s.start).days + 1
    n_net = int(nets.cases.sum())
    n_bg = s.cases - n_net
    net = np.repeat(np.arange(nets.n), nets.cases)
    rank = ranks(net)
    c = nets.cases[net]
    u = rng.random(n_net)

    # Flows: the first ranks of a network run its special patterns, the rest are parcels
    # or bulk by the network's business model (ranks carry no date meaning).
    pairs = np.where(nets.has_assembly, np.maximum(1, np.round(0.06 * nets.cases)), 0)[net]
    n_drop = np.where(nets.has_drop, np.maximum(5, np.round(0.15 * nets.cases)), 0)[net]
    n_hij = np.where(nets.has_hijack, np.maximum(2, np.round(0.06 * nets.cases)), 0)[net]
    flow = np.where(u < nets.parcel_share[net], F_PARCEL, F_BULK)
    t1, t2, t3 = 2 * pairs, 2 * pairs + n_drop, 2 * pairs + n_drop + n_hij
    flow = np.where(rank < t3, F_HIJACK, flow)
    flow = np.where(rank < t2, F_DROP, flow)
    flow = np.where(rank < t1, np.where(rank % 2 == 0, F_LABELS, F_UNBRANDED), flow)
    flow = np.where(t3 > c, np.where(rank < t1, flow, F_PARCEL), flow)  # tiny networks

    day = nets.start[net] + (rng.random(n_net) * nets.duration[net]).astype(np.int64)
    pair = np.full(s.cases, -1, dtype=np.int64)
    lab = np.flatnonzero(flow == F_LABELS)
    unb = lab + 1  # the unbranded goods follow their labels within days
    day[unb] = np.minimum(day[lab] + rng.integers(1, 11, lab.size), days - 1)
    pair[lab], pair[unb] = unb, lab

    # Consolidated batches (pattern 2): a consolidating network's parcels or cargo seized
    # together: several house documents, one day, one master document.
    batch = np.full(s.cases, -1, dtype=np.int64)
    eligible = (
        nets.consolidates[net] & np.isin(flow, [F_PARCEL, F_BULK]) & (rng.random(n_net) < 0.5)
    )
    rows = np.flatnonzero(eligible)
    if rows.size:
        size = rng.integers(3, 9, nets.n)[net[rows]]
        key = net[rows] * n_net + ranks(net[rows]) // size
        first = np.r_[True, key[1:] != key[:-1]]
        group = np.cumsum(first) - 1
        count = np.bincount(group)
        keep = count[group] >= 2
        rows, group = rows[keep], np.unique(group[keep], return_inverse=True)[1]
        start_day = np.full(group.max() + 1 if group.size else 0, np.iinfo(np.int64).max)
        np.minimum.at(start_day, group, day[rows])
        day[rows] = start_day[group] + (rng.random(rows.size) < 0.3)
        batch[rows] = group

    # Displacement: a burst of seizures shortly before the switch day, then a new route.
    phase = np.zeros(n_net, dtype=np.int8)
    disp = nets.displaced[net]
    before = disp & (day < nets.disp_day[net])
    burst = before & (rng.random(n_net) < 0.35) & (pair[:n_net] < 0) & (batch[:n_net] < 0)
    day[burst] = np.maximum(nets.disp_day[net][burst] - rng.integers(1, 29, burst.sum()), 0)
    phase[burst] = 1
    phase[disp & (day >= nets.disp_day[net])] = 2

    parcel_like = (flow == F_PARCEL) | (flow == F_DROP)
    express = rng.random(n_net) < nets.express_share[net]
    stream = (phase == 2) & (nets.disp_kind[net] == D_STREAM)
    express = np.where(stream, ~express, express)
    cum = np.cumsum(nets.cargo_p[net], axis=1)
    cargo_mode = np.array([M_AIR, M_SEA, M_ROAD, M_RAIL])[
        (rng.random(n_net)[:, None] * cum[:, -1:] > cum).sum(axis=1)
    ]
    # A network that changes transport stream moves its cargo from sea to rail or road.
    cargo_mode = np.where(stream & (cargo_mode == M_SEA), M_RAIL, cargo_mode)
    label_mode = np.array([M_EXPRESS, M_AIR, M_POSTAL])[
        weighted(rng, np.array([45.0, 35, 20]), n_net)
    ]
    mode = np.where(parcel_like, np.where(express, M_EXPRESS, M_POSTAL), cargo_mode)
    mode = np.where(flow == F_LABELS, label_mode, mode)
    in_batch = batch[:n_net] >= 0
    mode = np.where(in_batch, np.where(flow == F_PARCEL, M_EXPRESS, M_AIR), mode)

    market_pick = (rng.random(n_net) * nets.n_markets[net]).astype(np.int64)
    market = nets.markets[net, market_pick]

    hub_draw = weighted(rng, HUB_W, s.cases)
    hub = np.where(rng.random(n_net) < nets.hub_p[net], hub_draw[:n_net], -1)
    misdeclared = (rng.random(n_net) < nets.mis_p[net]) & (flow != F_LABELS)
    generic = misdeclared | (parcel_like & (rng.random(n_net) < 0.5))

    main = rng.random(n_net) < 0.75
    category = np.where(main, nets.category[net, 0], nets.category[net, 1])
    category = np.where(flow == F_LABELS, L.CATEGORY_INDEX["labels and packaging"], category)
    category = np.where(
        (flow == F_UNBRANDED) & (category == L.CATEGORY_INDEX["labels and packaging"]),
        L.CATEGORY_INDEX["clothing"],
        category,
    )
    brand_pick = nets.brands[net, (rng.random(n_net) * 3).astype(np.int64)]
    brand = np.where(brand_pick >= 0, brand_pick, nets.brands[net, 0])
    brand = _brand_fits(brand, category, rng)
    # Labels carry the network's brand; the unbranded goods they are sewn onto none.
    brand = np.where(flow == F_LABELS, nets.brands[net, 0], brand)
    brand[unb] = -1

    # Background: one-off cases of unrelated senders, mostly parcels.
    bg_flow = np.array([F_BG_PARCEL, F_BG_CARGO, F_BG_PASSENGER])[
        weighted(rng, np.array([87.0, 11, 2]), n_bg)
    ]
    bg_day = (rng.random(n_bg) * days).astype(np.int64)
    bg_mode = np.where(
        bg_flow == F_BG_PARCEL,
        np.where(rng.random(n_bg) < 0.45, M_EXPRESS, M_POSTAL),
        np.array([M_AIR, M_SEA, M_ROAD, M_RAIL])[weighted(rng, np.array([40.0, 35, 20, 5]), n_bg)],
    )
    bg_mode = np.where(bg_flow == F_BG_PASSENGER, M_PASSENGER, bg_mode)
    bg_category = weighted(rng, L.CATEGORY_WEIGHT, n_bg)
    bg_brand = _brand_fits(np.full(n_bg, -1), bg_category, rng)
    bg_hub = np.where(rng.random(n_bg) < 0.08, hub_draw[n_net:], -1)
    bg_mis = rng.random(n_bg) < 0.03
    bg_origin = weighted(rng, L.ORIGIN_WEIGHT, n_bg)
    bg_market = L.DEST_COUNTRIES[weighted(rng, L.DEST_WEIGHT[L.DEST_COUNTRIES], n_bg)]

    flow_all = np.concatenate([flow, bg_flow]).astype(np.int8)
    mode_all = np.concatenate([mode, bg_mode]).astype(np.int8)
    # Road, rail and travellers cross land borders or fly direct: no hub on their route.
    hub_all = np.concatenate([hub, bg_hub])
    hub_all = np.where(np.isin(mode_all, [M_ROAD, M_RAIL, M_PASSENGER]), -1, hub_all)
    return Cases(
        net=np.concatenate([net, np.full(n_bg, -1)]).astype(np.int64),
        flow=flow_all,
        day=np.concatenate([day, bg_day]),
        mode=mode_all,
        phase=np.concatenate([phase, np.zeros(n_bg, dtype=np.int8)]),
        rank=np.concatenate([rank, np.zeros(n_bg, dtype=np.int64)]),
        market=np.concatenate([market, bg_market]),
        hub=hub_all,
        misdeclared=np.concatenate([misdeclared, bg_mis]),
        generic=np.concatenate([generic, bg_mis | (rng.random(n_bg) < 0.15)]),
        category=np.concatenate([category, bg_category]),
        brand=np.concatenate([brand, bg_brand]),
        items=_items(rng, mode_all, flow_all),
        origin=np.concatenate([nets.country[net], bg_origin]),
        pair=pair,
        batch=batch,
    )


def _brand_fits(brand: np.ndarray, category: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """``brand`` where it is counterfeited in ``category``, else a brand that is."""
    out = brand.copy()
    for k, options in enumerate(L.BRANDS_OF_CATEGORY):
        rows = np.flatnonzero(category == k)
        if not rows.size:
            continue
        fits = np.isin(out[rows], options)
        bad = rows[~fits]
        out[bad] = options[rng.integers(0, options.size, bad.size)] if options.size else -1
    return out
