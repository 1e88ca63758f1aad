"""The case-level tables: seizures, goods lines and route legs.

Entry points follow the transport mode (sea ports, airports, postal offices of
exchange, road and rail crossings); a network enters through its usual port until it is
displaced (pattern 10). Hub routes add a leg through Hong Kong, Dubai, Singapore or a
regional transit (pattern 3). Values are the genuine-equivalent value per article; the
declared value is the fake's cost, under-declared on misdeclared cases (pattern 9).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from netlink.synth import _lookup as L
from netlink.synth import _text as T
from netlink.synth import _vocab as V
from netlink.synth._codes import (
    F_BG_PARCEL,
    F_DROP,
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
    MODES,
    S_CARRIER,
    S_CONSIGNEE,
    S_CONSIGNOR,
)
from netlink.synth._parties import World
from netlink.synth._plan import AIR_W, SEA_W, Cases, Networks, weighted
from netlink.synth._records import CaseParties
from netlink.synth._settings import SynthSettings

EPOCH = dt.date(1970, 1, 1)
IOSS_LIMIT = 150.0
# Entry-point tables as arrays: code, country index, office.
SEA_CODE = T.pool([p[0] for p in V.SEA_PORTS])
SEA_CC = T.pool([p[1] for p in V.SEA_PORTS])
SEA_OFFICE = T.pool([p[2] for p in V.SEA_PORTS])
AIR_CODE = T.pool([a[0] for a in V.AIRPORTS])
AIR_CC = T.pool([a[1] for a in V.AIRPORTS])
AIR_OFFICE = T.pool([a[2] for a in V.AIRPORTS])
LAND_PLACE = T.pool([e[0] for e in V.LAND_ENTRIES])
LAND_CC = T.pool([e[1] for e in V.LAND_ENTRIES])
LAND_OFFICE = T.pool([e[2] for e in V.LAND_ENTRIES])
HUB_CC = T.pool([h[0] for h in V.TRANSIT_HUBS])
HUB_PORT = T.pool([h[1] for h in V.TRANSIT_HUBS])
HUB_AIRPORT = T.pool([h[2] for h in V.TRANSIT_HUBS])
HUB_COUNTRY = np.array([L.COUNTRY_INDEX.get(h[0], -1) for h in V.TRANSIT_HUBS])
POSTAL_OFFICE = T.pool(
    [V.POSTAL_OFFICES.get(c, f"{c} office of exchange") for c in L.COUNTRY_CODES]
)
# The airport of each destination country (first listed), else -1.
_DEST_AIRPORT = np.array(
    [next((i for i, a in enumerate(V.AIRPORTS) if a[1] == c), -1) for c in L.COUNTRY_CODES]
)
_ORIGIN_SEA = T.pool([V.ORIGIN_POINTS.get(c, V.ORIGIN_POINTS["CN"])[0][0] for c in L.COUNTRY_CODES])
_ORIGIN_AIR = T.pool([V.ORIGIN_POINTS.get(c, V.ORIGIN_POINTS["CN"])[1][0] for c in L.COUNTRY_CODES])
_ORIGIN_CC = T.pool([c if c in V.ORIGIN_POINTS else "CN" for c in L.COUNTRY_CODES])
_FIRST_CITY = T.pool(
    [V.COUNTRIES_INFO[c][7][0] if V.COUNTRIES_INFO[c][7] else c for c in L.COUNTRY_CODES]
)
_DETECTION_W = np.array([35.0, 20, 15, 8, 10, 10, 2])


@dataclass
class Shipments:
    """The case-level tables and the per-case values the ground truth needs.

    The tables are set to None once written, so they do not stay in memory.
    """

    seizures: pa.Table | None
    goods: pa.Table | None
    legs: pa.Table | None
    value: np.ndarray  # per case, EUR
    declared: np.ndarray
    entry: pa.Array  # entry-point code per case
    dispatch: np.ndarray  # dispatch country index per case
    origin: np.ndarray  # true origin (the consignor's country)
    destination: np.ndarray
    unit_value: np.ndarray  # declared EUR per article
    typical_unit: np.ndarray  # typical declared EUR per article of the case's goods
    hs: pa.Array  # HS code of the case's first goods line
    master_doc: pa.Array
    description: pa.Array


def seizure_ids(n: int) -> pa.Array:
    """The ids of the first ``n`` cases: S0000001, S0000002, ..."""
    return seizure_text(np.arange(n))


def seizure_text(idx: np.ndarray) -> pa.Array:
    """The seizure id of each case index."""
    return T.cat("S", T.digits(np.asarray(idx) + 1, 7))


def money(x: np.ndarray) -> pa.Array:
    """Amounts written with two decimals ("12.50"), for pattern details."""
    cents = np.round(np.asarray(x) * 100).astype(np.int64)
    return T.cat(T.digits(cents // 100), ".", T.digits(cents % 100, 2))


def build_shipments(
    s: SynthSettings,
    nets: Networks,
    cases: Cases,
    w: World,
    cp: CaseParties,
    rng: np.random.Generator,
) -> Shipments:
    n = cases.n
    net = np.maximum(cases.net, 0)
    in_net = cases.net >= 0
    mode = cases.mode
    country = w.p["country"]
    consignor = cp.slots[:, S_CONSIGNOR]
    consignee = cp.slots[:, S_CONSIGNEE]
    origin = np.where(consignor >= 0, country[np.maximum(consignor, 0)], cases.origin)
    destination = np.where(consignee >= 0, country[np.maximum(consignee, 0)], cases.market)
    hub = cases.hub
    dispatch = np.where((hub >= 0) & (rng.random(n) < 0.7), HUB_COUNTRY[np.maximum(hub, 0)], origin)

    # Entry points: a network's usual port or airport, its new one after displacement.
    after = (cases.phase == 2).astype(np.int64)
    usual = rng.random(n) < 0.85
    sea_i = np.where(in_net & usual, nets.port[net, after], weighted(rng, SEA_W, n))
    air_i = np.where(in_net & usual, nets.airport[net, after], weighted(rng, AIR_W, n))
    tr = origin == L.COUNTRY_INDEX["TR"]
    road_i = np.where(tr, np.where(rng.random(n) < 0.6, 0, 1), 2)
    rail_i = np.where(rng.random(n) < 0.7, 3, 4)
    dest_air = _DEST_AIRPORT[destination]
    exp_i = np.where((dest_air >= 0) & (rng.random(n) < 0.8), dest_air, 1)  # else Leipzig
    dest_cc = L.COUNTRY_POOL.take(destination)
    ports = {
        M_SEA: (SEA_CODE, SEA_CC, SEA_OFFICE, sea_i),
        M_AIR: (AIR_CODE, AIR_CC, AIR_OFFICE, air_i),
        M_PASSENGER: (AIR_CODE, AIR_CC, AIR_OFFICE, air_i),
        M_EXPRESS: (AIR_CODE, AIR_CC, AIR_OFFICE, exp_i),
        M_ROAD: (LAND_PLACE, LAND_CC, LAND_OFFICE, road_i),
        M_RAIL: (LAND_PLACE, LAND_CC, LAND_OFFICE, rail_i),
    }
    entry = T.build(
        n,
        mode,
        {m: (lambda r, t=t: t[0].take(t[3][r])) for m, t in ports.items()}
        | {M_POSTAL: lambda r: POSTAL_OFFICE.take(destination[r])},
    )
    reporting = T.build(
        n,
        mode,
        {m: (lambda r, t=t: t[1].take(t[3][r])) for m, t in ports.items()}
        | {M_POSTAL: lambda r: dest_cc.take(r)},
    )
    office = T.build(
        n,
        mode,
        {m: (lambda r, t=t: t[2].take(t[3][r])) for m, t in ports.items()}
        | {M_POSTAL: lambda r: POSTAL_OFFICE.take(destination[r])},
    )
    express_office = T.cat(_FIRST_CITY.take(destination), " Express Customs")
    office = T.where((mode == M_EXPRESS) & (dest_air < 0), express_office, office)
    reporting = T.where((mode == M_EXPRESS) & (dest_air < 0), dest_cc, reporting)

    goods, value, declared, hs = _goods(cases, nets, rng)
    parcel = np.isin(cases.flow, [F_PARCEL, F_DROP, F_BG_PARCEL])
    # Low-value parcels stay under the IOSS limit; 'gift' parcels declare a token value;
    # misdeclared cases (pattern 9) declare a small fraction of what they would.
    declared = np.where(parcel & (declared > IOSS_LIMIT), rng.uniform(8, IOSS_LIMIT, n), declared)
    declared = np.where(parcel & cases.generic, rng.uniform(5, 25, n), declared)
    declared = np.where(cases.misdeclared, declared * rng.uniform(0.03, 0.15, n), declared)
    declared = np.maximum(np.round(declared, 2), 0.01)
    unit_value = declared / np.maximum(cases.items, 1)
    typical = _typical_unit_value(unit_value, cases)

    ids = seizure_ids(n)
    master_doc = _master_doc(cp.master, mode)
    description = _description(cases, rng)
    dates = pa.array(((s.start - EPOCH).days + cases.day).astype(np.int32), pa.date32())
    seizures = pa.table(
        {
            "seizure_id": ids,
            "seizure_date": dates,
            "reporting_country": reporting,
            "customs_office": office,
            "transport_mode": T.pool(MODES).take(mode),
            "detection_method": _detection(cases, rng),
            "procedure": T.pool(["import", "transit", "transhipment", "export"]).take(
                weighted(rng, np.array([92.0, 5, 2, 1]), n)
            ),
            "operation": _operation(cases, rng),
            "origin_country": L.COUNTRY_POOL.take(dispatch),
            "destination_country": dest_cc,
            "transport_doc_no": _transport_doc(mode, origin, rng),
            "master_doc_no": master_doc,
            "declared_value_eur": pa.array(declared, pa.float64()),
            "items": pa.array(cases.items.astype(np.int64), pa.int64()),
            "value_eur": pa.array(np.round(value, 2), pa.float64()),
            "description": description,
        }
    )
    legs = _legs(cases, w, cp, origin, destination, entry, rng)
    return Shipments(
        seizures=seizures,
        goods=goods,
        legs=legs,
        value=np.round(value, 2),
        declared=declared,
        entry=entry,
        dispatch=dispatch,
        origin=origin,
        destination=destination,
        unit_value=unit_value,
        typical_unit=typical,
        hs=hs,
        master_doc=master_doc,
        description=description,
    )


def _goods(cases: Cases, nets: Networks, rng: np.random.Generator):
    """Goods lines: one to three per case, the articles split between them."""
    n = cases.n
    cargo = np.isin(cases.mode, [M_AIR, M_SEA, M_ROAD, M_RAIL])
    u = rng.random(n)
    lines = 1 + (u < np.where(cargo, 0.4, 0.15)) + (u < np.where(cargo, 0.15, 0.04))
    lines = np.minimum(lines, cases.items).astype(np.int64)
    case = np.repeat(np.arange(n), lines)
    first = np.r_[0, np.cumsum(lines)[:-1]]
    line_no = np.arange(case.size) - first[case] + 1
    g = case.size
    net = np.maximum(cases.net[case], 0)
    in_net = cases.net[case] >= 0
    extra = line_no > 1
    other_cat = np.where(in_net, nets.category[net, 1], weighted(rng, L.CATEGORY_WEIGHT, g))
    category = np.where(extra, other_cat, cases.category[case])
    labels = cases.flow[case] == F_LABELS
    category = np.where(labels, L.CATEGORY_INDEX["labels and packaging"], category)
    unbranded = cases.flow[case] == F_UNBRANDED
    category = np.where(
        unbranded & (category == L.CATEGORY_INDEX["labels and packaging"]),
        L.CATEGORY_INDEX["clothing"],
        category,
    )
    brand = np.full(g, -1)
    for k, options in enumerate(L.BRANDS_OF_CATEGORY):
        rows = np.flatnonzero(category == k)
        if options.size and rows.size:
            brand[rows] = options[rng.integers(0, options.size, rows.size)]
    brand = np.where(extra & ~labels, brand, cases.brand[case])
    brand = np.where(unbranded, -1, brand)
    # Split the articles: one per line, the rest by random weights, any remainder of the
    # rounding to the first line, so the lines add up to the case's articles.
    wgt = rng.random(g) + 0.2
    share = wgt / np.bincount(case, weights=wgt, minlength=n)[case]
    spare = cases.items[case] - lines[case]
    qty = 1 + np.floor(spare * share).astype(np.int64)
    qty[first] += cases.items - np.bincount(case, weights=qty, minlength=n).astype(np.int64)
    price = L.CATEGORY_PRICE[category] * rng.uniform(0.8, 1.25, g)
    cost = L.CATEGORY_COST[category] * rng.uniform(0.7, 1.3, g)
    line_value = np.round(qty * price, 2)
    declared_line = qty * cost
    hs = L.HS_POOL.take(
        L.HS_START[category] + (rng.random(g) * L.HS_COUNT[category]).astype(np.int64)
    )
    form = weighted(rng, np.array([70.0, 10, 15, 5]), g)
    hs_written = T.build(
        g,
        form,
        {
            0: lambda r: hs.take(r),
            1: lambda r: pc.utf8_slice_codeunits(hs.take(r), 0, 4),
            2: lambda r: T.cat(hs.take(r), "00"),
            3: lambda r: T.cat(hs.take(r), "0000"),
        },
    )
    goods = pa.table(
        {
            "seizure_id": seizure_ids(n).take(case),
            "line_no": pa.array(line_no.astype(np.int32), pa.int32()),
            "category": L.CATEGORY_POOL.take(category),
            "hs_code": hs_written,
            "brand": T.null_if(brand < 0, L.BRAND_NAMES.take(np.maximum(brand, 0))),
            "rights_holder": T.null_if(brand < 0, L.BRAND_HOLDERS.take(np.maximum(brand, 0))),
            "quantity": pa.array(qty.astype(np.float64), pa.float64()),
            "unit": L.CATEGORY_UNIT.take(category),
            "value_eur": pa.array(line_value, pa.float64()),
        }
    )
    value = np.bincount(case, weights=line_value, minlength=n)
    declared = np.bincount(case, weights=declared_line, minlength=n)
    return goods, value, declared, hs.take(first)


def _typical_unit_value(unit_value: np.ndarray, cases: Cases) -> np.ndarray:
    """Per case: the median declared value per article of correctly declared cases of the
    same goods category (what a unit-value outlier check compares against)."""
    typical = np.zeros(cases.n)
    ok = ~cases.misdeclared
    for k in np.unique(cases.category):
        rows = cases.category == k
        ref = unit_value[rows & ok]
        typical[rows] = np.median(ref) if ref.size else np.median(unit_value[rows])
    return typical


def _description(cases: Cases, rng: np.random.Generator) -> pa.Array:
    n = cases.n
    cat = cases.category
    specific = L.DESC_POOL.take(
        L.DESC_START[cat] + (rng.random(n) * L.DESC_COUNT[cat]).astype(np.int64)
    )
    generic = L.GENERIC_POOL.take(
        L.GENERIC_START[cat] + (rng.random(n) * L.GENERIC_COUNT[cat]).astype(np.int64)
    )
    gift = T.pool(V.GENERIC_DESCRIPTIONS).take(rng.integers(0, len(V.GENERIC_DESCRIPTIONS), n))
    parcel = np.isin(cases.flow, [F_PARCEL, F_DROP, F_BG_PARCEL])
    out = T.where(cases.generic, T.where(parcel, gift, generic), specific)
    plain = T.cat(T.pool(["plain ", "unbranded ", "blank "]).take(rng.integers(0, 3, n)), specific)
    return T.where(cases.flow == F_UNBRANDED, plain, out)


def _detection(cases: Cases, rng: np.random.Generator) -> pa.Array:
    method = weighted(rng, _DETECTION_W, cases.n)
    method = np.where(
        cases.flow == F_LABELS, np.where(rng.random(cases.n) < 0.4, 4, method), method
    )
    method = np.where(cases.phase == 1, 3, method)  # the burst before a move: intelligence
    return T.pool(V.DETECTION_METHODS).take(method)


def _operation(cases: Cases, rng: np.random.Generator) -> pa.Array:
    tagged = (rng.random(cases.n) < 0.04) | ((cases.phase == 1) & (rng.random(cases.n) < 0.5))
    ops = T.pool(V.OPERATIONS).take(rng.integers(0, len(V.OPERATIONS), cases.n))
    return T.null_if(~tagged, ops)


def _transport_doc(mode: np.ndarray, origin: np.ndarray, rng: np.random.Generator) -> pa.Array:
    """S10 postal item ids, air waybills, bills of lading, CMR and rail consignment notes."""
    n = mode.size
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    digits8 = T.digits(rng.integers(0, 10**8, n), 8)
    return T.build(
        n,
        mode,
        {
            M_POSTAL: lambda r: T.cat(
                T.random_chars(rng, r.size, 2, letters),
                digits8.take(r),
                T.digits(rng.integers(0, 10, r.size)),
                _ORIGIN_CC.take(origin[r]),
            ),
            M_EXPRESS: lambda r: T.digits(rng.integers(10**9, 10**10, r.size)),
            M_AIR: lambda r: T.cat(T.random_chars(rng, r.size, 3, letters), digits8.take(r)),
            M_SEA: lambda r: T.cat(
                T.random_chars(rng, r.size, 4, letters), T.digits(rng.integers(0, 10**9, r.size), 9)
            ),
            M_ROAD: lambda r: T.cat("CMR", digits8.take(r)),
            M_RAIL: lambda r: T.cat("SMGS", digits8.take(r)),
        },
    )


def _master_doc(master: np.ndarray, mode: np.ndarray) -> pa.Array:
    """Master air waybills and master bills of lading, unique per group."""
    g = np.maximum(master, 0)
    scrambled = (g * 48_271 + 10_007) % 10**8  # a bijection: unique, yet not sequential
    air = T.cat(T.digits(160 + g % 640), "-", T.digits(scrambled, 8))
    sea = T.cat("MBL", T.digits(scrambled, 9))
    return T.null_if(master < 0, T.where(mode == M_SEA, sea, air))


def _legs(cases, w, cp, origin, destination, entry, rng) -> pa.Table:
    """Routes: origin port or airport, a hub if the case transits one, then the entry."""
    n = cases.n
    mode = cases.mode
    hub = cases.hub
    via = hub >= 0
    sea_like = mode == M_SEA
    start = T.where(sea_like, _ORIGIN_SEA.take(origin), _ORIGIN_AIR.take(origin))
    start = T.where(mode == M_ROAD, _FIRST_CITY.take(origin), start)
    start = T.where(
        mode == M_RAIL, T.pool(["Xi'an", "Chongqing", "Yiwu"]).take(rng.integers(0, 3, n)), start
    )
    hub_place = T.where(
        sea_like, HUB_PORT.take(np.maximum(hub, 0)), HUB_AIRPORT.take(np.maximum(hub, 0))
    )
    via &= ~np.isin(mode, [M_ROAD, M_RAIL])
    last = T.where(mode == M_POSTAL, _FIRST_CITY.take(destination), entry)
    # Road and rail: to the border crossing, then on to the destination.
    onward = np.isin(mode, [M_ROAD, M_RAIL])
    n_legs = 1 + via + onward
    case = np.repeat(np.arange(n), n_legs)
    seq = np.arange(case.size) - np.r_[0, np.cumsum(n_legs)[:-1]][case] + 1
    is_last = seq == n_legs[case]
    first_leg = seq == 1
    origin_cc = _ORIGIN_CC.take(origin)
    hub_cc = HUB_CC.take(np.maximum(hub, 0))
    entry_cc = _entry_country(cases, entry, destination)
    dest_cc = L.COUNTRY_POOL.take(destination)
    dest_city = _FIRST_CITY.take(destination)
    # Leg k: from / to by position (first, via hub, border, last).
    second_via = via[case] & (seq == 2)
    from_place = T.where(
        first_leg, start.take(case), T.where(second_via, hub_place.take(case), entry.take(case))
    )
    from_cc = T.where(
        first_leg, origin_cc.take(case), T.where(second_via, hub_cc.take(case), entry_cc.take(case))
    )
    to_hub = via[case] & first_leg
    onward_last = onward[case] & is_last & ~first_leg
    to_place = T.where(
        to_hub, hub_place.take(case), T.where(onward_last, dest_city.take(case), last.take(case))
    )
    to_cc = T.where(
        to_hub, hub_cc.take(case), T.where(onward_last, dest_cc.take(case), entry_cc.take(case))
    )
    leg_mode = T.pool(MODES).take(mode[case])
    carrier, ref = _carriers(cases, w, cp, case, origin, rng)
    return pa.table(
        {
            "seizure_id": seizure_ids(n).take(case),
            "seq": pa.array(seq.astype(np.int32), pa.int32()),
            "from_place": from_place,
            "from_country": from_cc,
            "to_place": to_place,
            "to_country": to_cc,
            "mode": leg_mode,
            "carrier": carrier,
            "conveyance_ref": ref,
        }
    )


def _entry_country(cases: Cases, entry: pa.Array, destination: np.ndarray) -> pa.Array:
    """The country of each case's entry point (its reporting country)."""
    out = T.build(
        cases.n,
        cases.mode,
        {
            M_SEA: lambda r: _lookup(entry.take(r), SEA_CODE, SEA_CC),
            M_AIR: lambda r: _lookup(entry.take(r), AIR_CODE, AIR_CC),
            M_PASSENGER: lambda r: _lookup(entry.take(r), AIR_CODE, AIR_CC),
            M_EXPRESS: lambda r: _lookup(entry.take(r), AIR_CODE, AIR_CC),
            M_ROAD: lambda r: _lookup(entry.take(r), LAND_PLACE, LAND_CC),
            M_RAIL: lambda r: _lookup(entry.take(r), LAND_PLACE, LAND_CC),
            M_POSTAL: lambda r: L.COUNTRY_POOL.take(destination[r]),
        },
    )
    return out


def _lookup(keys: pa.Array, codes: pa.Array, values: pa.Array) -> pa.Array:
    return values.take(pc.index_in(keys, value_set=codes))


def _carriers(cases, w, cp, case, origin, rng):
    """Carrier and conveyance reference of each leg."""
    g = case.size
    mode = cases.mode[case]
    lines = T.pool([x[0] for x in V.SHIPPING_LINES])
    prefixes = T.pool([x[1] for x in V.SHIPPING_LINES])
    airlines = T.pool([x[0] for x in V.AIRLINES])
    codes = T.pool([x[1] for x in V.AIRLINES])
    line_i = (cases.day[case] * 7 + case) % len(V.SHIPPING_LINES)
    air_i = rng.integers(0, len(V.AIRLINES), g)
    car_party = cp.slots[case, S_CARRIER]
    fixed = w.comps[np.maximum(car_party, 0), 0]
    is_fixed = (car_party >= 0) & (w.p["style"][np.maximum(car_party, 0)] == 7)
    fixed_name = T.null_if(~is_fixed, L.FIXED_POOL.take(np.clip(fixed, 0, len(L.FIXED_NAMES) - 1)))
    vessel = T.cat(
        T.pool(["EASTERN GLORY", "PACIFIC STAR", "SILK HORIZON", "JADE OCEAN"]).take(
            rng.integers(0, 4, g)
        ),
        " V.",
        T.digits(rng.integers(1, 999, g), 3),
        T.pool(["W", "E"]).take(rng.integers(0, 2, g)),
    )
    container = T.cat(prefixes.take(line_i), T.digits(rng.integers(0, 10**7, g), 7))
    carrier = T.build(
        g,
        mode,
        {
            M_SEA: lambda r: lines.take(line_i[r]),
            M_AIR: lambda r: airlines.take(air_i[r]),
            M_PASSENGER: lambda r: airlines.take(air_i[r]),
            M_EXPRESS: lambda r: pc.coalesce(fixed_name.take(r), airlines.take(air_i[r])),
            M_POSTAL: lambda r: pc.coalesce(
                fixed_name.take(r),
                T.pool(["China Post", "Hongkong Post", "PostNL"]).take(
                    np.where(
                        origin[case[r]] == L.COUNTRY_INDEX["CN"],
                        0,
                        np.where(origin[case[r]] == L.COUNTRY_INDEX["HK"], 1, 2),
                    )
                ),
            ),
            M_RAIL: lambda r: T.pool(["Sino-Euro Rail Express"]).take(np.zeros(r.size, np.int64)),
        },
    )
    ref = T.build(
        g,
        mode,
        {
            M_SEA: lambda r: T.where(rng.random(r.size) < 0.5, container.take(r), vessel.take(r)),
            M_AIR: lambda r: T.cat(
                codes.take(air_i[r]), T.digits(rng.integers(1, 9999, r.size), 4)
            ),
            M_PASSENGER: lambda r: T.cat(
                codes.take(air_i[r]), T.digits(rng.integers(1, 9999, r.size), 4)
            ),
            M_EXPRESS: lambda r: T.digits(rng.integers(10**9, 10**12, r.size)),
            M_ROAD: lambda r: T.cat(
                T.digits(rng.integers(1, 82, r.size), 2),
                " ",
                T.random_chars(rng, r.size, 3, "ABCDEFGHJKLMNPRSTUVYZ"),
                " ",
                T.digits(rng.integers(100, 999, r.size)),
            ),
            M_RAIL: lambda r: T.cat("train ", T.digits(rng.integers(1000, 9999, r.size))),
        },
    )
    return carrier, ref
