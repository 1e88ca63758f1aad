"""Party records: who is written on each case, with which contacts, and how.

Cases are first put in date order (that order gives the seizure ids). Each case has up to
eight party slots (consignor, seller, consignee, notify, forwarder, declarant, carrier,
other); a slot holds a true party chosen by the case's flow and network. A record takes
its party's contacts, except where a pattern says otherwise (a front writing its
factory's phone, a ring store its ring's IOSS, a hijacked identity, a placeholder). Then
each record draws how it is written: name and address variants, phone format, typos,
missing fields.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

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
    M_POSTAL,
    M_RAIL,
    M_ROAD,
    M_SEA,
    R_DROP,
    R_FRONT,
    R_SELLER,
    S_CARRIER,
    S_CONSIGNEE,
    S_CONSIGNOR,
    S_DECLARANT,
    S_FORWARDER,
    S_NOTIFY,
    S_OTHER,
    S_SELLER,
    SLOT_ROLES,
    ST_CN_CO,
    ST_CN_PERSON,
    ST_HK_CO,
)
from netlink.synth._parties import LINK_ADDRESS, LINK_EMAIL, LINK_PHONE, World
from netlink.synth._plan import Cases, Networks, weighted
from netlink.synth._render import N_PHONE_FORMATS, PHONE_FORMAT_WEIGHTS
from netlink.synth._settings import SynthSettings

# Document types: which fields a slot carries, for parcels (postal, express) and cargo.
# Rows: slots in SLOT_ROLES order; columns: address, phone, email, tax id, website.
_PRESENT_PARCEL = np.array(
    [
        [0.97, 0.6, 0.35, 0.15, 0.25],  # consignor
        [0.35, 0.5, 0.5, 0.75, 0.9],  # seller
        [0.98, 0.75, 0.3, 0.05, 0.0],  # consignee
        [0.8, 0.5, 0.2, 0.3, 0.0],  # notify
        [0.6, 0.5, 0.4, 0.4, 0.1],  # forwarder
        [0.5, 0.4, 0.3, 0.6, 0.0],  # declarant
        [0.35, 0.2, 0.05, 0.2, 0.1],  # carrier
        [0.3, 0.2, 0.05, 0.5, 0.3],  # other
    ]
)
_PRESENT_CARGO = np.array(
    [
        [0.97, 0.6, 0.35, 0.5, 0.1],
        [0.35, 0.5, 0.5, 0.75, 0.9],
        [0.98, 0.5, 0.3, 0.8, 0.0],
        [0.8, 0.5, 0.2, 0.3, 0.0],
        [0.6, 0.5, 0.4, 0.4, 0.1],
        [0.5, 0.4, 0.3, 0.6, 0.0],
        [0.35, 0.2, 0.05, 0.2, 0.1],
        [0.5, 0.3, 0.1, 0.2, 0.0],
    ]
)
MASTER_GAP_DAYS = 5  # house documents under one master document leave within days


@dataclass
class Records:
    """One entry per party record, in (case, slot) order."""

    case: np.ndarray
    slot: np.ndarray
    party: np.ndarray
    name_party: np.ndarray  # whose name is written (differs for a hijacked identity)
    addr: np.ndarray
    phone: np.ndarray
    email: np.ndarray
    tax: np.ndarray
    web: np.ndarray
    name_varied: np.ndarray
    name_u: np.ndarray
    name_upper: np.ndarray
    zh: np.ndarray
    roman: np.ndarray
    addr_varied: np.ndarray
    addr_u: np.ndarray
    addr_upper: np.ndarray
    phone_fmt: np.ndarray
    email_fmt: np.ndarray
    tax_fmt: np.ndarray
    web_fmt: np.ndarray
    typo: np.ndarray  # 0 none, 1 name, 2 address
    placeholder: np.ndarray  # 0 none, 1 phone, 2 email, 3 address
    carries_link: np.ndarray  # a front's or store's record shows what it shares with its factory
    hijacked: np.ndarray  # the company whose identity is used, -1 none

    @property
    def n(self) -> int:
        return int(self.case.size)

    def slice(self, start: int, stop: int) -> Records:
        return Records(**{f.name: getattr(self, f.name)[start:stop] for f in fields(self)})


@dataclass
class CaseParties:
    """Per case (date order): the party in each slot (-1 none) and the master document."""

    slots: np.ndarray  # (cases, 8)
    master: np.ndarray  # master-document group, -1 none
    master_network: np.ndarray  # the group's forwarder is a network's own


def sort_cases(cases: Cases, w: World, rng: np.random.Generator) -> None:
    """Put cases in date order (ties at random); the order gives the seizure ids."""
    order = np.lexsort((rng.random(cases.n), cases.day))
    position = np.empty(cases.n, dtype=np.int64)
    position[order] = np.arange(cases.n)
    for f in fields(cases):
        setattr(cases, f.name, getattr(cases, f.name)[order])
    cases.pair = np.where(cases.pair >= 0, position[np.maximum(cases.pair, 0)], -1)
    for key in w.case_party:
        w.case_party[key] = w.case_party[key][order]


def _zipf(rng: np.random.Generator, ids: np.ndarray, n: int, skew: float = 2.2) -> np.ndarray:
    """``n`` picks from ``ids``, the first ones far more often (big hubs are big)."""
    return ids[(rng.random(n) ** skew * ids.size).astype(np.int64)]


def assign_slots(
    s: SynthSettings, nets: Networks, cases: Cases, w: World, rng: np.random.Generator
) -> CaseParties:
    n = cases.n
    st, cp, rg = w.st, w.case_party, w.ranges
    net = np.maximum(cases.net, 0)
    in_net = cases.net >= 0
    flow, mode = cases.flow, cases.mode
    slots = np.full((n, len(SLOT_ROLES)), -1, dtype=np.int64)
    u = rng.random((n, 12))

    # Fronts and stores rotate: each is used mostly during its share of the period.
    frac = np.clip((cases.day - nets.start[net]) / np.maximum(nets.duration[net], 1), 0, 0.999)
    jitter = rng.normal(0, 0.35, n)
    f_count = st["front_count"][net]
    front = st["front_start"][net] + np.clip(
        np.floor(frac * f_count + jitter), 0, f_count - 1
    ).astype(np.int64)
    s_count = st["store_count"][net]
    store = st["store_start"][net] + (u[:, 0] * np.maximum(s_count, 1)).astype(np.int64)
    has_store = s_count > 0
    manuf = st["manufacturer"][net]
    cargo_like = in_net & np.isin(flow, [F_BULK, F_HIJACK, F_UNBRANDED])
    parcel_like = in_net & np.isin(flow, [F_PARCEL, F_DROP])

    cons = np.full(n, -1)
    cons = np.where(cargo_like, np.where(u[:, 1] < 0.12, manuf, front), cons)
    cons = np.where(in_net & (flow == F_LABELS), np.where(u[:, 1] < 0.2, manuf, front), cons)
    parcel_cons = np.where(
        (u[:, 1] < 0.65) & has_store, store, np.where(u[:, 1] < 0.95, front, manuf)
    )
    cons = np.where(parcel_like, parcel_cons, cons)
    bg = np.isin(flow, [F_BG_PARCEL, F_BG_CARGO])
    cons = np.where(bg, cp["bg_sender"], cons)
    slots[:, S_CONSIGNOR] = cons

    seller = np.full(n, -1)
    seller = np.where(parcel_like & has_store & (u[:, 2] < 0.55), store, seller)
    seller = np.where((flow == F_BG_PARCEL) & (u[:, 2] < 0.25), cp["bg_sender"], seller)
    slots[:, S_SELLER] = seller

    d_count = st["distributor_count"][net]
    dist = st["distributor_start"][net] + (u[:, 3] ** 2 * d_count).astype(np.int64)
    cons_ee = np.full(n, -1)
    cons_ee = np.where(in_net & (flow == F_BULK), dist, cons_ee)
    cons_ee = np.where(in_net & (flow == F_HIJACK), st["distributor_start"][net], cons_ee)
    asm = st["assembly"][net]
    cons_ee = np.where(in_net & (flow == F_LABELS), asm, cons_ee)
    cons_ee = np.where(in_net & (flow == F_UNBRANDED), asm + (u[:, 3] < 0.5), cons_ee)
    alias = st["drop"][net] + (u[:, 4] * np.maximum(st["n_alias"][net], 1)).astype(np.int64)
    cons_ee = np.where(
        in_net & (flow == F_DROP), np.where(u[:, 3] < 0.4, st["drop_multi"][net], alias), cons_ee
    )
    cons_ee = np.where(in_net & (flow == F_PARCEL), cp["buyer"], cons_ee)
    cons_ee = np.where(bg, cp["bg_receiver"], cons_ee)
    slots[:, S_CONSIGNEE] = cons_ee

    sea = mode == M_SEA
    other_dist = st["distributor_start"][net] + (u[:, 5] * d_count).astype(np.int64)
    notify = np.where(cargo_like & sea & (u[:, 6] < 0.5), other_dist, -1)
    notify = np.where((flow == F_BG_CARGO) & sea & (u[:, 6] < 0.3), cons_ee, notify)
    slots[:, S_NOTIFY] = notify

    # Forwarders: a network's own (pattern 2) or one of the big benign ones (11); own
    # forwarders also take some unrelated background cargo.
    needs = (np.isin(mode, [M_AIR, M_SEA, M_RAIL]) & (u[:, 7] < 0.9)) | (
        (mode == M_ROAD) & (u[:, 7] < 0.3)
    )
    batch = cases.batch >= 0
    needs |= batch
    big = _zipf(rng, rg["big_forwarder"], n)
    own = st["forwarder"][net]
    use_own = in_net & (own >= 0) & ((u[:, 8] >= s.rate("big_forwarder_share")) | batch)
    fwd = np.where(use_own, own, big)
    own_all = st["forwarder"][st["forwarder"] >= 0]
    if own_all.size:
        borrowed = own_all[rng.integers(0, own_all.size, n)]
        fwd = np.where(~in_net & (u[:, 8] < 0.12), borrowed, fwd)
    slots[:, S_FORWARDER] = np.where(needs, fwd, -1)

    integrator = rg["integrator"][weighted(rng, np.array([i[6] for i in V.INTEGRATORS]), n)]
    carrier = np.where((mode == M_EXPRESS) & (u[:, 9] < s.rate("integrator_share")), integrator, -1)
    post = np.select(
        [cases.origin == L.COUNTRY_INDEX["CN"], cases.origin == L.COUNTRY_INDEX["HK"]],
        [rg["postal"][0], rg["postal"][1]],
        rg["postal"][2],
    )
    carrier = np.where((mode == M_POSTAL) & (u[:, 9] < 0.12), post, carrier)
    carrier = np.where(
        (mode == M_ROAD) & (u[:, 9] < 0.8), _zipf(rng, rg["haulier"], n, 1.5), carrier
    )
    slots[:, S_CARRIER] = carrier

    cargo_mode = np.isin(mode, [M_AIR, M_SEA, M_ROAD, M_RAIL])
    declarant = np.where(cargo_mode & (u[:, 10] < 0.6), _zipf(rng, rg["broker"], n, 1.8), -1)
    declarant = np.where((mode == M_EXPRESS) & (u[:, 10] < 0.3), integrator, declarant)
    slots[:, S_DECLARANT] = declarant

    # Other: the marketplace platform on e-commerce parcels; the manufacturer named on
    # some network documents, always on each network's first case (so it is on record).
    ecommerce = parcel_like | (flow == F_BG_PARCEL)
    platform = _zipf(rng, rg["platform"], n, 1.3)
    other = np.where(ecommerce & (u[:, 11] < s.rate("platform_share")), platform, -1)
    other = np.where(in_net & ((u[:, 11] > 0.94) | (cases.rank == 0)), manuf, other)
    other = np.where(flow == F_BG_PASSENGER, cp["traveller"], other)
    slots[:, S_OTHER] = other

    master, master_net = _master_documents(cases, slots[:, S_FORWARDER], w, rng)
    return CaseParties(slots=slots, master=master, master_network=master_net)


def _master_documents(cases: Cases, fwd: np.ndarray, w: World, rng: np.random.Generator):
    """Master documents (pattern 2): a consolidating network's batches, and air and sea
    cases of one forwarder leaving within days (which mixes unrelated senders under the
    big forwarders' masters); a group of one keeps no master document."""
    n = cases.n
    group = np.full(n, -1)
    batch = cases.batch >= 0
    group[batch] = cases.batch[batch]
    rows = np.flatnonzero((fwd >= 0) & np.isin(cases.mode, [M_AIR, M_SEA]) & ~batch)
    if rows.size:
        order = rows[np.lexsort((cases.day[rows], cases.mode[rows], fwd[rows]))]
        f, m, d = fwd[order], cases.mode[order], cases.day[order]
        gap = d[1:] - d[:-1] > MASTER_GAP_DAYS
        other = (f[1:] != f[:-1]) | (m[1:] != m[:-1])
        brk = np.r_[True, other | gap | (rng.random(order.size - 1) < 1 / 6)]
        group[order] = np.cumsum(brk) - 1 + (cases.batch.max(initial=-1) + 1)
    size = np.bincount(group[group >= 0], minlength=1)
    group = np.where((group >= 0) & (size[np.maximum(group, 0)] >= 2), group, -1)
    # Number the groups in the order of their first case (cases are in date order).
    has = np.flatnonzero(group >= 0)
    _, first_pos, inverse = np.unique(group[has], return_index=True, return_inverse=True)
    rank = np.empty(first_pos.size, dtype=np.int64)
    rank[np.argsort(has[first_pos], kind="stable")] = np.arange(first_pos.size)
    master = np.full(n, -1)
    master[has] = rank[inverse]
    own = w.p["net"][np.maximum(fwd, 0)] >= 0
    return master, (master >= 0) & own & (fwd >= 0)


def build_records(
    s: SynthSettings,
    nets: Networks,
    cases: Cases,
    w: World,
    cp: CaseParties,
    rng: np.random.Generator,
) -> Records:
    """One record per filled slot, with its contacts and how it is written."""
    case, slot = np.nonzero(cp.slots >= 0)  # row-major: case order, then slot order
    party = cp.slots[case, slot]
    n = case.size
    p, st = w.p, w.st
    role, net = p["role"][party], p["net"][party]
    net0 = np.maximum(net, 0)
    flow = cases.flow[case]
    addr, phone, email = p["addr"][party].copy(), p["phone"][party].copy(), p["email"][party].copy()
    tax, web = p["tax"][party].copy(), p["web"][party].copy()
    name_party = party.copy()
    hijacked = np.full(n, -1)
    u = rng.random((n, 8))

    # Pattern 8: ring stores write the ring's phone, mailbox and IOSS; other stores the
    # IOSS of their platform (a benign link shared by thousands of sellers).
    front = role == R_FRONT
    manuf = st["manufacturer"][net0]
    store = (role == R_SELLER) & (net >= 0)
    ring = store & (st["ring_phone"][net0] >= 0)
    phone = np.where(ring & (u[:, 1] < 0.6), st["ring_phone"][net0], phone)
    email = np.where(ring & (u[:, 2] < 0.5), st["ring_email"][net0], email)
    tax = np.where(ring & (u[:, 3] < 0.7), st["ring_tax"][net0], tax)
    platform_of = np.full(w.n_parties, -1)
    platform_of[st["store"]] = w.ranges["platform"][st["store_platform"]]
    platform = platform_of[party]
    tax = np.where(store & ~ring & (u[:, 3] < 0.7), p["tax"][np.maximum(platform, 0)], tax)

    # Pattern 1: a front writes the phone or address it shares with its factory; a
    # store, less often, the factory's phone or return address.
    link_rate = s.rate("front_link_rate")
    carries = (front & (u[:, 0] < link_rate)) | (store & (u[:, 0] < link_rate / 2))
    by_phone = carries & (p["link"][party] == LINK_PHONE)
    by_addr = carries & (p["link"][party] == LINK_ADDRESS)
    phone = np.where(by_phone, p["phone"][manuf], phone)
    addr = np.where(by_addr, p["addr"][manuf], addr)

    # Pattern 6: the names at a drop address share its phone; the one name at many
    # addresses moves between three.
    drop = role == R_DROP
    multi = drop & (party == st["drop_multi"][net0])
    alias = drop & ~multi
    phone = np.where(alias & (u[:, 1] < 0.6), st["drop_phone"][net0], phone)
    addr = np.where(multi, st["multi_address"][net0, (u[:, 4] * 3).astype(np.int64)], addr)

    # Pattern 7: the hijacked identity: a genuine company's name and EORI with the
    # network's phone, a free mailbox and the distributor's or a drop address.
    hij = (slot == S_CONSIGNEE) & (flow == F_HIJACK)
    case_net = np.maximum(cases.net[case], 0)
    victim = st["hijacked"][case_net]
    name_party = np.where(hij, victim, name_party)
    hijacked = np.where(hij, victim, -1)
    tax = np.where(hij, np.where(u[:, 5] < 0.75, p["tax"][victim], -1), tax)
    email = np.where(hij, st["hijack_email"][case_net], email)
    drop_addr = st["drop_address"][case_net]
    addr = np.where(hij & (u[:, 6] < 0.5) & (drop_addr >= 0), drop_addr, addr)

    # Which fields the document carries, then fields left empty.
    cargo = np.isin(cases.mode[case], [M_AIR, M_SEA, M_ROAD, M_RAIL])
    base = np.where(cargo[:, None], _PRESENT_CARGO[slot], _PRESENT_PARCEL[slot])
    present = rng.random((n, 5)) < base * (1.0 - s.rate("missing_rate"))
    present[:, 0] |= hij
    present[:, 3] |= hij & (tax >= 0)
    present[:, 2] |= hij
    # A record carrying its factory's contact writes it (that is what carrying means).
    present[:, 0] |= by_addr
    present[:, 1] |= by_phone
    present[:, 2] |= carries & (p["link"][party] == LINK_EMAIL)
    # A record a careful human could place: the main parties keep at least one contact.
    main = np.isin(slot, [S_CONSIGNOR, S_CONSIGNEE, S_SELLER]) & (p["conf"][party] == 0)
    bare = main & ~(present[:, :4] & (np.c_[addr, phone, email, tax] >= 0)).any(axis=1)
    present[bare, 0] = addr[bare] >= 0
    present[bare & (addr < 0), 1] = True
    addr, phone, email, tax, web = (
        np.where(present[:, i], v, -1) for i, v in enumerate((addr, phone, email, tax, web))
    )

    # Placeholders where the field was required but unknown (pattern 11).
    ph = np.zeros(n, dtype=np.int8)
    has_ph = rng.random(n) < s.rate("placeholder_rate")
    which = weighted(rng, np.array([50.0, 30, 20]), n) + 1
    ph[has_ph] = which[has_ph]
    pick = rng.integers(0, 64, n)
    phone = np.where(ph == 1, st["placeholder_phone"][pick % st["placeholder_phone"].size], phone)
    email = np.where(ph == 2, st["placeholder_email"][pick % st["placeholder_email"].size], email)
    addr = np.where(ph == 3, st["placeholder_address"][pick % st["placeholder_address"].size], addr)

    # Whether the record shows what it shares with its factory (after fields were
    # left out or replaced by placeholders): the phone, the address, or a mailbox at the
    # factory's domain (every front linked by email writes one).
    carries_link = (by_phone & (phone == p["phone"][manuf])) | (
        by_addr & (addr == p["addr"][manuf])
    )
    carries_link |= (
        front & (p["link"][party] == LINK_EMAIL) & (email == p["email"][party]) & (email >= 0)
    )

    # How the record is written.
    style = p["style"][name_party]
    chinese = np.isin(style, [ST_CN_CO, ST_HK_CO, ST_CN_PERSON])
    rate = s.rate("name_variant_rate")
    zh = chinese & (rng.random(n) < s.rate("chinese_script_rate"))
    roman = (style == ST_CN_PERSON) & ~zh & (rng.random(n) < s.rate("romanisation_rate"))
    name_varied = ~zh & ~roman & (rng.random(n) < rate)
    name_upper = ~zh & (rng.random(n) < rate * 0.3)
    addr_rate = s.rate("address_variant_rate")
    addr_varied = (rng.random(n) < addr_rate) | multi
    preferred = weighted(rng, PHONE_FORMAT_WEIGHTS, w.n_parties)[party]
    other_fmt = rng.integers(0, N_PHONE_FORMATS, n)
    phone_fmt = np.where(rng.random(n) < s.rate("phone_format_rate"), other_fmt, preferred)
    small = rate * 0.2
    typo = np.zeros(n, dtype=np.int8)
    typo_any = rng.random(n) < s.rate("typo_rate")
    typo[typo_any] = np.where(rng.random(n) < 0.6, 1, 2)[typo_any]
    typo[(typo == 1) & zh] = 2  # slips are on a keyboard's Latin letters
    typo[(typo == 2) & (addr < 0)] = 0
    i32 = np.int32
    return Records(
        case=case.astype(i32),
        slot=slot.astype(np.int8),
        party=party.astype(i32),
        name_party=name_party.astype(i32),
        addr=addr.astype(i32),
        phone=phone.astype(i32),
        email=email.astype(i32),
        tax=tax.astype(i32),
        web=web.astype(i32),
        name_varied=name_varied,
        name_u=rng.random(n, dtype=np.float32),
        name_upper=name_upper,
        zh=zh,
        roman=roman,
        addr_varied=addr_varied,
        addr_u=rng.random(n, dtype=np.float32),
        addr_upper=rng.random(n) < addr_rate * 0.15,
        phone_fmt=phone_fmt.astype(np.int8),
        email_fmt=np.where(rng.random(n) < small, rng.integers(1, 3, n), 0).astype(np.int8),
        tax_fmt=np.where(rng.random(n) < rate, rng.integers(1, 4, n), 0).astype(np.int8),
        web_fmt=np.where(rng.random(n) < rate, rng.integers(1, 4, n), 0).astype(np.int8),
        typo=typo,
        placeholder=ph,
        carries_link=carries_link,
        hijacked=hijacked.astype(i32),
    )
