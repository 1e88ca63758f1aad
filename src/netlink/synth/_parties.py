"""True parties, their addresses and their identifiers, as columnar integer arrays.

A true party is one company or person. Its name is a row of indexes into word pools
(rendered later, once per record, with variation); its contacts are indexes into the
address and identifier tables, some shared on purpose: a front with its factory
(pattern 1), the stores of a ring (8), the names at a drop address (6), and hundreds of
unrelated companies at a registered office or consolidation warehouse (11).

Name components (``World.comps``, -1 = unused) by naming style:

============  ==================================================================
style         components 0..5
============  ==================================================================
CN_CO, HK_CO  city, trade syllable x3 (third optional), industry or trade type, HK form
TR_CO         city, word, sector, family name, invented syllable x2
EU_CO         -, surname, invented syllable x3, trade word
INTL_CO       -, word, invented syllable x2, -, sector
LOGI          -, word, type, trade syllable
STORE         city, adjective, noun, suffix, number
FIXED         index of the integrator, postal operator or platform
CN_PERSON     -, surname, given syllable x2 (second optional)
EU_PERSON     -, first name, surname, -, naming style
TR_PERSON     -, first name, surname
============  ==================================================================
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from netlink.synth import _lookup as L
from netlink.synth import _text as T
from netlink.synth import _vocab as V
from netlink.synth._codes import (
    A_DROP,
    A_HUB,
    A_PLACEHOLDER,
    A_PREMISES,
    A_REG_OFFICE,
    A_RESIDENCE,
    A_WAREHOUSE,
    C_BIG_FORWARDER,
    C_BROKER,
    C_COMMON_NAME,
    C_HAULIER,
    C_HIJACKED,
    C_INTEGRATOR,
    C_PLATFORM,
    C_POSTAL,
    C_REG_OFFICE,
    C_WAREHOUSE,
    F_BG_CARGO,
    F_BG_PARCEL,
    F_BG_PASSENGER,
    F_PARCEL,
    R_ASSEMBLY,
    R_BACKGROUND,
    R_BUYER,
    R_CONSOLIDATOR,
    R_COURIER,
    R_DISTRIBUTOR,
    R_DROP,
    R_FORWARDER,
    R_FRONT,
    R_MANUFACTURER,
    R_SELLER,
    SH_HIJACKED,
    SH_NETWORK,
    SH_OWN,
    SH_PLACEHOLDER,
    SH_PLATFORM,
    ST_CN_CO,
    ST_CN_PERSON,
    ST_EU_CO,
    ST_EU_PERSON,
    ST_FIXED,
    ST_HK_CO,
    ST_INTL_CO,
    ST_LOGI,
    ST_STORE,
    ST_TR_CO,
    ST_TR_PERSON,
)
from netlink.synth._plan import Cases, Networks, ranks, weighted
from netlink.synth._settings import SynthSettings

CN = L.COUNTRY_INDEX["CN"]
HK = L.COUNTRY_INDEX["HK"]
TR = L.COUNTRY_INDEX["TR"]
AE = L.COUNTRY_INDEX["AE"]
HK_CITY = int(L.CITIES.of_country(HK)[0])
ISTANBUL = L.CITIES.key.index("istanbul")
N_COMP = 6
NSYL = len(V.TRADE_SYLLABLES)
NEU = len(L.EU_SYLLABLES)

# Address styles.
AS_CN, AS_HK, AS_TR, AS_EU, AS_INTL, AS_FIXED, AS_ZONE, AS_PLACEHOLDER = range(8)
# Front links (pattern 1): what a front shares with its factory.
LINK_NONE, LINK_PHONE, LINK_EMAIL, LINK_ADDRESS = range(4)
LINK_NAMES = ("", "phone", "email domain", "address")


@dataclass
class World:
    """Every true party, address and identifier, and the network structure."""

    p: dict[str, np.ndarray]  # party columns
    comps: np.ndarray  # (parties, 6) name components, meaning by style
    legal: np.ndarray  # legal-form index (pool by style), -1 none
    st: dict[str, np.ndarray]  # network structure, per network
    case_party: dict[str, np.ndarray]  # per case: buyer, background sender/receiver, traveller
    ranges: dict[str, np.ndarray]  # the benign hubs, by kind
    addr: dict[str, np.ndarray] = field(default_factory=dict)
    addr_postcode: pa.Array = field(default_factory=lambda: T.pool([]))
    phones: dict[str, np.ndarray] = field(default_factory=dict)
    emails: dict[str, np.ndarray] = field(default_factory=dict)
    email_value: pa.Array = field(default_factory=lambda: T.pool([]))
    taxes: dict[str, np.ndarray] = field(default_factory=dict)
    tax_value: pa.Array = field(default_factory=lambda: T.pool([]))
    webs: dict[str, np.ndarray] = field(default_factory=dict)
    web_value: pa.Array = field(default_factory=lambda: T.pool([]))

    @property
    def n_parties(self) -> int:
        return int(self.p["role"].size)


_PARTY_DEFAULTS = {"net": -1, "city": -1, "conf": 0, "link": LINK_NONE}


@dataclass
class _Builder:
    """Collects batches of parties; columns are concatenated once at the end."""

    cols: dict[str, list[np.ndarray]] = field(default_factory=dict)
    comps: list[np.ndarray] = field(default_factory=list)
    legal: list[np.ndarray] = field(default_factory=list)
    n: int = 0

    def add(self, n: int, comps: np.ndarray, legal: np.ndarray | int = -1, **cols) -> np.ndarray:
        cols = {**_PARTY_DEFAULTS, **cols}
        for name, value in cols.items():
            self.cols.setdefault(name, []).append(
                np.broadcast_to(np.asarray(value), (n,)).astype(np.int32)
            )
        self.comps.append(comps)
        self.legal.append(np.broadcast_to(np.asarray(legal), (n,)).astype(np.int64))
        idx = np.arange(self.n, self.n + n)
        self.n += n
        return idx

    def column(self, name: str) -> np.ndarray:
        return np.concatenate(self.cols[name])


def _blank(n: int) -> np.ndarray:
    return np.full((n, N_COMP), -1, dtype=np.int64)


def _key(comps: np.ndarray, cols: list[int]) -> np.ndarray:
    """One integer per row identifying the tuple of ``cols`` (mixed radix, no overflow)."""
    key = np.zeros(comps.shape[0], dtype=np.int64)
    for c in cols:
        key = key * (int(comps[:, c].max(initial=0)) + 2) + comps[:, c] + 1
    return key


def _dedupe(
    comps: np.ndarray, cols: list[int], redraw: Callable[[np.ndarray, np.ndarray], None]
) -> None:
    """Call ``redraw(comps, rows)`` on repeated tuples until names are unique (8 rounds)."""
    for _ in range(8):
        key = _key(comps, cols)
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        dup = np.flatnonzero(first[inverse] != np.arange(key.size))
        if not dup.size:
            return
        redraw(comps, dup)


def _person(rng: np.random.Generator, country: np.ndarray, common_share: float):
    """Name components of persons living in ``country``: style, comps, common-name flag."""
    n = country.size
    style = np.where(
        np.isin(country, [CN, HK]),
        ST_CN_PERSON,
        np.where(country == TR, ST_TR_PERSON, ST_EU_PERSON),
    )
    comps = _blank(n)
    cn = style == ST_CN_PERSON
    m = int(cn.sum())
    comps[cn, 1] = (rng.random(m) ** 1.6 * len(V.CN_SURNAMES)).astype(np.int64)
    comps[cn, 2] = rng.integers(0, len(V.CN_GIVEN), m)
    comps[cn, 3] = np.where(rng.random(m) < 0.6, rng.integers(0, len(V.CN_GIVEN), m), -1)
    tr = style == ST_TR_PERSON
    comps[tr, 1] = rng.integers(0, len(V.TR_FIRST), tr.sum())
    comps[tr, 2] = rng.integers(0, len(V.TR_LAST), tr.sum())
    eu = style == ST_EU_PERSON
    # Countries without an EU naming style (background travellers) use the English pools.
    eu_style = L.EU_STYLE_OF_COUNTRY[country[eu]]
    eu_style = np.where(eu_style < 0, L.EU_STYLE_NAMES.index("en"), eu_style)
    comps[eu, 1] = L.EU_FIRST.draw(rng, eu_style, 1.3)
    comps[eu, 2] = L.EU_LAST.draw(rng, eu_style, 1.3)
    comps[eu, 4] = eu_style
    # Very common names (pattern 11): many different people written the same way.
    common = rng.random(n) < common_share
    c_cn = common & cn
    pick = L.COMMON_CN[rng.integers(0, len(L.COMMON_CN), c_cn.sum())]
    comps[c_cn, 1], comps[c_cn, 2], comps[c_cn, 3] = pick[:, 0], pick[:, 1], -1
    c_eu = np.flatnonzero(common & eu)
    for row in L.COMMON_EU:
        rows = c_eu[comps[c_eu, 4] == row[0]]
        comps[rows, 1], comps[rows, 2] = row[1], row[2]
    has_common = cn | np.isin(comps[:, 4], L.COMMON_EU[:, 0])
    return style, comps, common & has_common


def _industry_for(rng: np.random.Generator, category: np.ndarray, trading: float) -> np.ndarray:
    """An industry making ``category`` or, with probability ``trading``, a trade type
    (indexes past the industries are trade types)."""
    n = category.size
    out = rng.integers(0, len(V.CN_INDUSTRIES), n)
    for k, name in enumerate(L.CATEGORY_NAMES):
        options = np.array([i for i, c in enumerate(L.INDUSTRY_CATEGORY) if c == name])
        rows = np.flatnonzero(category == k)
        if options.size and rows.size:
            out[rows] = options[rng.integers(0, options.size, rows.size)]
    trade = rng.random(n) < trading
    return np.where(trade, len(V.CN_INDUSTRIES) + rng.integers(0, len(V.CN_TRADE_TYPES), n), out)


def _cn_company(rng: np.random.Generator, city: np.ndarray, industry: np.ndarray):
    n = city.size
    comps = _blank(n)
    comps[:, 0] = city
    comps[:, 1] = rng.integers(0, NSYL, n)
    comps[:, 2] = rng.integers(0, NSYL, n)
    comps[:, 3] = np.where(rng.random(n) < 0.15, rng.integers(0, NSYL, n), -1)
    comps[:, 4] = industry
    comps[:, 5] = rng.integers(0, len(V.HK_FORMS), n)
    # Most write "Co., Ltd."; some "Company Limited", "Co. Limited" or "Limited".
    legal = np.array([0, 5, 4, 10])[weighted(rng, np.array([70.0, 15, 10, 5]), n)]
    return comps, legal


def _tr_company(rng: np.random.Generator, city: np.ndarray):
    n = city.size
    comps = _blank(n)
    comps[:, 0] = city
    kind = weighted(rng, np.array([40.0, 30, 30]), n)  # word, family name, invented
    comps[:, 1] = np.where(kind == 0, rng.integers(0, len(V.TR_WORDS), n), -1)
    comps[:, 2] = rng.integers(0, len(V.TR_SECTORS), n)
    comps[:, 3] = np.where(kind == 1, rng.integers(0, len(V.TR_LAST), n), -1)
    comps[:, 4] = np.where(kind == 2, rng.integers(0, NEU, n), -1)
    comps[:, 5] = np.where(kind == 2, rng.integers(0, NEU, n), -1)
    legal = weighted(rng, np.array([40.0, 35, 15, 0, 0, 10]), n)
    return comps, legal


def _eu_company(rng: np.random.Generator, country: np.ndarray):
    n = country.size
    style = L.EU_STYLE_OF_COUNTRY[country]
    comps = _blank(n)
    named = rng.random(n) < 0.3
    comps[:, 1] = np.where(named, L.EU_LAST.draw(rng, style), -1)
    comps[:, 2] = np.where(named, -1, rng.integers(0, NEU, n))
    comps[:, 3] = np.where(named, -1, rng.integers(0, NEU, n))
    comps[:, 4] = np.where(~named & (rng.random(n) < 0.3), rng.integers(0, NEU, n), -1)
    comps[:, 5] = L.EU_TRADE.draw(rng, style)
    legal = L.EU_LEGAL.first(style) + (rng.random(n) < 0.15)
    return comps, legal


def _intl_company(rng: np.random.Generator, country: np.ndarray):
    n = country.size
    comps = _blank(n)
    comps[:, 1] = rng.integers(0, len(V.INTL_WORDS), n)
    comps[:, 2] = rng.integers(0, NEU, n)
    comps[:, 3] = np.where(rng.random(n) < 0.5, rng.integers(0, NEU, n), -1)
    comps[:, 5] = rng.integers(0, len(V.INTL_SECTORS), n)
    legal = L.INTL_LEGAL_START[country] + (
        rng.random(n) * L.INTL_LEGAL_COUNT[country] * 0.5
    ).astype(np.int64)
    return comps, legal


def _logistics_legal(country: np.ndarray) -> np.ndarray:
    """The usual legal form of a logistics company in ``country`` (index by style)."""
    style = L.EU_STYLE_OF_COUNTRY[country]
    out = np.where(style >= 0, L.EU_LEGAL.first(np.maximum(style, 0)), L.INTL_LEGAL_START[country])
    out = np.where((country == CN) | (country == HK), 0, out)
    return np.where(country == TR, 1, out)


def _cn_city(rng: np.random.Generator, n: int) -> np.ndarray:
    return L.CN_CITIES[weighted(rng, L.CITIES.source_weight[L.CN_CITIES], n)]


def build_world(s: SynthSettings, nets: Networks, cases: Cases, rng: np.random.Generator) -> World:
    """Create every true party with its name components, then addresses and identifiers."""
    b = _Builder()
    ranges = _benign_hubs(b, s, rng)
    st = _network_parties(b, s, nets, rng)
    case_party = _case_parties(b, s, nets, cases, rng, st)
    p = {name: b.column(name) for name in b.cols}
    comps = np.concatenate(b.comps).astype(np.int32)
    legal = np.concatenate(b.legal).astype(np.int32)
    _unique_names(rng, p, comps)
    p["city"] = _fill_city(rng, p)
    w = World(p=p, comps=comps, legal=legal, st=st, case_party=case_party, ranges=ranges)
    _addresses(w, s, nets, rng)
    _identifiers(w, nets, rng)
    _placeholders(w)
    return w


def _benign_hubs(b: _Builder, s: SynthSettings, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Integrators, postal operators, platforms, big forwarders, brokers, hauliers."""
    ranges: dict[str, np.ndarray] = {}

    def fixed(first: int, count: int) -> np.ndarray:
        c = _blank(count)
        c[:, 0] = np.arange(first, first + count)
        return c

    n_int, n_post, n_plat = L.N_INTEGRATORS, L.N_POSTAL, L.N_PLATFORMS
    ranges["integrator"] = b.add(
        n_int,
        fixed(0, n_int),
        role=R_COURIER,
        kind=0,
        style=ST_FIXED,
        conf=C_INTEGRATOR,
        country=np.array([L.COUNTRY_INDEX[i[2]] for i in V.INTEGRATORS]),
    )
    ranges["postal"] = b.add(
        n_post,
        fixed(n_int, n_post),
        role=R_COURIER,
        kind=0,
        style=ST_FIXED,
        conf=C_POSTAL,
        country=np.array([L.COUNTRY_INDEX[p[2]] for p in V.POSTAL_OPERATORS]),
    )
    ranges["platform"] = b.add(
        n_plat,
        fixed(n_int + n_post, n_plat),
        role=R_SELLER,
        kind=0,
        style=ST_FIXED,
        conf=C_PLATFORM,
        country=CN,
    )

    def logistics(n: int, countries: str, weights: list[float], role: int, conf: int):
        country = np.array([L.COUNTRY_INDEX[c] for c in countries.split()])[
            weighted(rng, np.array(weights), n)
        ]
        c = _blank(n)
        c[:, 1] = rng.integers(0, len(V.LOGISTICS_WORDS), n)
        c[:, 2] = rng.integers(0, len(V.LOGISTICS_TYPES), n)
        return b.add(
            n,
            c,
            _logistics_legal(country),
            role=role,
            kind=0,
            style=ST_LOGI,
            country=country,
            conf=conf,
        )

    # Their numbers grow with the world, so each stays on a large share of cases.
    ranges["big_forwarder"] = logistics(
        6 + s.cases // 25_000,
        "HK CN NL DE BE AE SG",
        [35, 25, 10, 10, 5, 10, 5],
        R_FORWARDER,
        C_BIG_FORWARDER,
    )
    ranges["broker"] = logistics(
        4 + s.cases // 40_000,
        "DE NL BE FR IT ES PL GB",
        [20, 15, 12, 12, 10, 10, 8, 13],
        R_FORWARDER,
        C_BROKER,
    )
    ranges["haulier"] = logistics(
        3 + s.cases // 50_000, "TR PL BG RO DE", [35, 25, 15, 15, 10], R_COURIER, C_HAULIER
    )
    return ranges


def _network_parties(
    b: _Builder, s: SynthSettings, nets: Networks, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """The members of every network, each kind contiguous and in network order."""
    k = nets.n
    st: dict[str, np.ndarray] = {}
    common = s.rate("common_name_share")
    tr_net = nets.country == TR

    # Manufacturers: a factory in the network's source region making its main goods.
    mc, ml = _cn_company(rng, nets.city, _industry_for(rng, nets.category[:, 0], 0.0))
    tc, tl = _tr_company(rng, nets.city)
    mc[tr_net], ml[tr_net] = tc[tr_net], tl[tr_net]
    st["manufacturer"] = b.add(
        k,
        mc,
        ml,
        role=R_MANUFACTURER,
        kind=0,
        style=np.where(tr_net, ST_TR_CO, ST_CN_CO),
        country=nets.country,
        city=nets.city,
        net=np.arange(k),
    )

    # Fronts: mainland or Hong Kong trading companies, each sharing one contact with
    # its factory; Turkish networks use Turkish fronts.
    net_f = np.repeat(np.arange(k), nets.n_fronts)
    nf = net_f.size
    f_tr = tr_net[net_f]
    in_hk = (rng.random(nf) < 0.4) & ~f_tr
    f_city = np.where(rng.random(nf) < 0.6, nets.city[net_f], _cn_city(rng, nf))
    f_city = np.where(f_tr, nets.city[net_f], np.where(in_hk, HK_CITY, f_city))
    fc, fl = _cn_company(rng, f_city, _industry_for(rng, nets.category[net_f, 0], 0.6))
    tc, tl = _tr_company(rng, f_city)
    fc[f_tr], fl[f_tr] = tc[f_tr], tl[f_tr]
    link = np.array([LINK_PHONE, LINK_EMAIL, LINK_ADDRESS])[
        weighted(rng, np.array([50.0, 30, 20]), nf)
    ]
    st["front"] = b.add(
        nf,
        fc,
        fl,
        role=R_FRONT,
        kind=0,
        country=L.CITIES.country[f_city],
        city=f_city,
        style=np.where(f_tr, ST_TR_CO, np.where(in_hk, ST_HK_CO, ST_CN_CO)),
        net=net_f,
        link=link,
    )

    # Marketplace stores: shop names; a quarter are individual sellers under their name.
    net_s = np.repeat(np.arange(k), nets.n_stores)
    ns = net_s.size
    s_country = np.where(tr_net[net_s], TR, np.where(rng.random(ns) < 0.2, HK, CN))
    s_city = np.where(rng.random(ns) < 0.5, nets.city[net_s], _cn_city(rng, ns))
    s_city = np.where(s_country == HK, HK_CITY, np.where(s_country == TR, nets.city[net_s], s_city))
    sc = _blank(ns)
    sc[:, 0] = s_city
    sc[:, 1] = rng.integers(0, len(V.STORE_ADJ), ns)
    sc[:, 2] = rng.integers(0, len(V.STORE_NOUN), ns)
    sc[:, 3] = rng.integers(0, len(V.STORE_SUFFIX), ns)
    sc[:, 4] = np.where(rng.random(ns) < 0.4, rng.integers(1, 1000, ns), -1)
    person = rng.random(ns) < 0.25
    p_style, p_comps, _ = _person(rng, s_country, 0.0)
    sc[person] = p_comps[person]
    st["store"] = b.add(
        ns,
        sc,
        -1,
        role=R_SELLER,
        kind=person.astype(int),
        city=s_city,
        net=net_s,
        style=np.where(person, p_style, ST_STORE),
        country=s_country,
        # A store ships from its supplier: the factory's phone or return address.
        link=np.where(rng.random(ns) < 0.5, LINK_PHONE, LINK_ADDRESS),
    )
    # Each store sells on one platform; that platform's IOSS covers stores outside rings.
    st["store_platform"] = weighted(rng, np.array([30.0, 20, 15, 15, 10, 10]), ns)

    # The network's own forwarder or consolidator (pattern 2).
    fwd_net = np.flatnonzero(nets.has_forwarder)
    nw = fwd_net.size
    w_country = np.where(tr_net[fwd_net], TR, np.where(rng.random(nw) < 0.55, HK, CN))
    wc = _blank(nw)
    wc[:, 1] = rng.integers(0, len(V.LOGISTICS_WORDS), nw)
    wc[:, 2] = rng.integers(0, len(V.LOGISTICS_TYPES), nw)
    wc[:, 3] = rng.integers(0, NSYL, nw)  # a trade name keeps small forwarders apart
    st["forwarder"] = np.full(k, -1)
    st["forwarder"][fwd_net] = b.add(
        nw,
        wc,
        _logistics_legal(w_country),
        kind=0,
        style=ST_LOGI,
        country=w_country,
        role=np.where(nets.consolidates[fwd_net], R_CONSOLIDATOR, R_FORWARDER),
        net=fwd_net,
    )

    # Distributors (wholesale consignees) in the network's markets.
    net_d = np.repeat(np.arange(k), nets.n_dist)
    nd = net_d.size
    d_country = nets.markets[net_d, ranks(net_d) % nets.n_markets[net_d]]
    dc, dl = _eu_company(rng, d_country)
    d_person = rng.random(nd) < 0.15
    p_style, p_comps, p_common = _person(rng, d_country, common)
    dc[d_person] = p_comps[d_person]
    st["distributor"] = b.add(
        nd,
        dc,
        np.where(d_person, -1, dl),
        role=R_DISTRIBUTOR,
        kind=d_person.astype(int),
        style=np.where(d_person, p_style, ST_EU_CO),
        country=d_country,
        net=net_d,
        conf=np.where(d_person & p_common, C_COMMON_NAME, 0),
    )

    # Assembly sites (pattern 5): the site and a linked company answering on its phone.
    asm_net = np.flatnonzero(nets.has_assembly)
    a_country = np.repeat(nets.markets[asm_net, 0], 2)
    ac, al = _eu_company(rng, a_country)
    a_idx = b.add(
        a_country.size,
        ac,
        al,
        role=R_ASSEMBLY,
        kind=0,
        style=ST_EU_CO,
        country=a_country,
        net=np.repeat(asm_net, 2),
    )
    st["assembly"] = np.full(k, -1)
    st["assembly"][asm_net] = a_idx[0::2]

    # Drop points (pattern 6): several names at one address, then one name at many.
    drop_net = np.flatnonzero(nets.has_drop)
    n_alias = rng.integers(3, 7, drop_net.size)
    net_a = np.repeat(drop_net, n_alias + 1)
    o_country = nets.markets[net_a, 0]
    p_style, p_comps, p_common = _person(rng, o_country, common)
    o_idx = b.add(
        net_a.size,
        p_comps,
        -1,
        role=R_DROP,
        kind=1,
        style=p_style,
        country=o_country,
        net=net_a,
        conf=np.where(p_common, C_COMMON_NAME, 0),
    )
    first = np.r_[0, np.cumsum(n_alias + 1)[:-1]].astype(np.int64)
    st["drop"] = np.full(k, -1)
    st["n_alias"] = np.zeros(k, dtype=np.int64)
    st["drop_multi"] = np.full(k, -1)
    if drop_net.size:
        st["drop"][drop_net] = o_idx[first]
        st["n_alias"][drop_net] = n_alias
        st["drop_multi"][drop_net] = o_idx[first + n_alias]

    # Hijacked importers (pattern 7): genuine companies whose identity a network uses.
    hij_net = np.flatnonzero(nets.has_hijack)
    h_country = nets.markets[hij_net, 0]
    hc, hl = _eu_company(rng, h_country)
    st["hijacked"] = np.full(k, -1)
    st["hijacked"][hij_net] = b.add(
        hij_net.size,
        hc,
        hl,
        role=R_BACKGROUND,
        kind=0,
        style=ST_EU_CO,
        country=h_country,
        conf=C_HIJACKED,
    )

    # Contiguous ranges of fronts, stores and distributors per network.
    for name, counts in (
        ("front", nets.n_fronts),
        ("store", nets.n_stores),
        ("distributor", nets.n_dist),
    ):
        base = int(st[name][0]) if st[name].size else 0
        st[f"{name}_start"] = base + np.r_[0, np.cumsum(counts)[:-1]].astype(np.int64)
        st[f"{name}_count"] = counts
    return st


def _case_parties(
    b: _Builder, s: SynthSettings, nets: Networks, cases: Cases, rng: np.random.Generator, st
) -> dict[str, np.ndarray]:
    """Parties that exist for one case or a few: retail buyers and background parties.

    Sets each case's market (and a background case's origin) to its party's country,
    so a returning buyer or a repeat sender keeps one country.
    """
    common = s.rate("common_name_share")
    out = {k: np.full(cases.n, -1) for k in ("buyer", "bg_sender", "bg_receiver", "traveller")}

    # Retail buyers of a network's parcels: mostly one parcel each, some come back.
    parcel = np.flatnonzero(cases.flow == F_PARCEL)
    pnet = cases.net[parcel]
    new = (rng.random(parcel.size) >= 0.08) | (ranks(pnet) == 0)
    b_country = cases.market[parcel][new]
    p_style, p_comps, p_common = _person(rng, b_country, common)
    buyers = b.add(
        b_country.size,
        p_comps,
        -1,
        role=R_BUYER,
        kind=1,
        style=p_style,
        country=b_country,
        net=pnet[new],
        conf=np.where(p_common, C_COMMON_NAME, 0),
    )
    if parcel.size:
        count = np.bincount(pnet[new], minlength=nets.n)
        start = np.r_[0, np.cumsum(count)[:-1]]
        again = start[pnet] + (rng.random(parcel.size) * count[pnet]).astype(np.int64)
        out["buyer"][parcel] = buyers[np.where(new, np.cumsum(new) - 1, again)]
        cases.market[parcel] = b.column("country")[out["buyer"][parcel]]

    # Background senders abroad: companies of the local style, or persons.
    bg = np.flatnonzero((cases.flow == F_BG_PARCEL) | (cases.flow == F_BG_CARGO))
    new = rng.random(bg.size) < 0.8
    new[:1] = True
    country = cases.origin[bg][new]
    cargo = cases.flow[bg][new] == F_BG_CARGO
    person_p = np.select([country == CN, country == HK, country == TR], [0.35, 0.15, 0.3], 0.0)
    is_person = (rng.random(country.size) < person_p) & ~cargo
    senders = _background_senders(b, rng, common, country, is_person)
    old = (rng.random(bg.size) * max(senders.size, 1)).astype(np.int64)
    if bg.size:
        out["bg_sender"][bg] = senders[np.where(new, np.cumsum(new) - 1, old)]
        cases.origin[bg] = b.column("country")[out["bg_sender"][bg]]

    # Background receivers: private persons for parcels, importers for cargo.
    bgp = np.flatnonzero(cases.flow == F_BG_PARCEL)
    p_style, p_comps, p_common = _person(rng, cases.market[bgp], common)
    out["bg_receiver"][bgp] = b.add(
        bgp.size,
        p_comps,
        -1,
        role=R_BACKGROUND,
        kind=1,
        style=p_style,
        country=cases.market[bgp],
        conf=np.where(p_common, C_COMMON_NAME, 0),
    )
    bgc = np.flatnonzero(cases.flow == F_BG_CARGO)
    new = rng.random(bgc.size) < 0.6
    new[:1] = True
    ic, il = _eu_company(rng, cases.market[bgc][new])
    importers = b.add(
        int(new.sum()),
        ic,
        il,
        role=R_BACKGROUND,
        kind=0,
        style=ST_EU_CO,
        country=cases.market[bgc][new],
    )
    old = (rng.random(bgc.size) * max(importers.size, 1)).astype(np.int64)
    chosen = importers[np.where(new, np.cumsum(new) - 1, old)] if bgc.size else importers
    # Each hijacked company also imports genuine goods of its own (two cargo cases).
    victims = st["hijacked"][st["hijacked"] >= 0]
    n_v = min(victims.size, bgc.size // 4)
    if n_v:
        chosen[rng.permutation(bgc.size)[: 2 * n_v]] = np.repeat(victims[:n_v], 2)
    out["bg_receiver"][bgc] = chosen
    if bgc.size:
        cases.market[bgc] = b.column("country")[chosen]

    trav = np.flatnonzero(cases.flow == F_BG_PASSENGER)
    t_country = np.where(rng.random(trav.size) < 0.6, cases.market[trav], cases.origin[trav])
    p_style, p_comps, p_common = _person(rng, t_country, common)
    out["traveller"][trav] = b.add(
        trav.size,
        p_comps,
        -1,
        role=R_BACKGROUND,
        kind=1,
        style=p_style,
        country=t_country,
        conf=np.where(p_common, C_COMMON_NAME, 0),
    )
    return out


def _background_senders(b, rng, common: float, country: np.ndarray, is_person: np.ndarray):
    n = country.size
    comps = _blank(n)
    style = np.full(n, ST_INTL_CO)
    legal = np.full(n, -1)
    cn = (country == CN) & ~is_person
    hk = (country == HK) & ~is_person
    trc = (country == TR) & ~is_person
    industry = _industry_for(rng, weighted(rng, L.CATEGORY_WEIGHT, n), 0.5)
    c, lg = _cn_company(rng, _cn_city(rng, n), industry)
    c[hk, 0] = HK_CITY
    comps[cn | hk], legal[cn | hk] = c[cn | hk], lg[cn | hk]
    style[cn], style[hk] = ST_CN_CO, ST_HK_CO
    tc, tl = _tr_company(rng, np.full(n, ISTANBUL))
    comps[trc], legal[trc], style[trc] = tc[trc], tl[trc], ST_TR_CO
    other = ~(cn | hk | trc | is_person)
    ic, il = _intl_company(rng, country)
    comps[other], legal[other] = ic[other], il[other]
    p_style, p_comps, p_common = _person(rng, country, common)
    comps[is_person], style[is_person] = p_comps[is_person], p_style[is_person]
    return b.add(
        n,
        comps,
        np.where(is_person, -1, legal),
        role=R_BACKGROUND,
        kind=is_person.astype(int),
        style=style,
        country=country,
        conf=np.where(is_person & p_common, C_COMMON_NAME, 0),
        city=np.where(cn | hk, comps[:, 0], np.where(trc, ISTANBUL, -1)),
    )


def _unique_names(rng: np.random.Generator, p: dict[str, np.ndarray], comps: np.ndarray) -> None:
    """Keep company names unique: two companies never share a whole name."""

    def third_syllable(c: np.ndarray, rows: np.ndarray) -> None:
        two = c[rows, 3] < 0
        c[rows[two], 3] = rng.integers(0, NSYL, two.sum())
        c[rows[~two], 1:4] = rng.integers(0, NSYL, (int((~two).sum()), 3))

    def invented(first: int, last: int, size: int) -> Callable[[np.ndarray, np.ndarray], None]:
        def redraw(c: np.ndarray, rows: np.ndarray) -> None:
            c[rows, first : last + 1] = rng.integers(0, size, (rows.size, last - first + 1))

        return redraw

    def eu(c: np.ndarray, rows: np.ndarray) -> None:
        c[rows, 1] = -1  # a surname company that collides gets an invented name
        c[rows, 2:5] = rng.integers(0, NEU, (rows.size, 3))

    for styles, cols, redraw in (
        ((ST_CN_CO, ST_HK_CO), [1, 2, 3], third_syllable),
        ((ST_EU_CO,), [1, 2, 3, 4, 5], eu),
        ((ST_INTL_CO,), [1, 2, 3, 5], invented(2, 3, NEU)),
        ((ST_TR_CO,), [1, 2, 3, 4, 5], invented(4, 5, NEU)),
        ((ST_STORE,), [1, 2, 3, 4], invented(4, 4, 1000)),
        ((ST_LOGI,), [1, 2, 3], invented(3, 3, NSYL)),
    ):
        rows = np.flatnonzero(np.isin(p["style"], styles))
        sub = comps[rows]
        _dedupe(sub, cols, redraw)
        comps[rows] = sub


def _fill_city(rng: np.random.Generator, p: dict[str, np.ndarray]) -> np.ndarray:
    """Parties without a city get one of their country, the first ones more often."""
    city = p["city"].copy()
    missing = np.flatnonzero(city < 0)
    country = p["country"][missing]
    for c in np.unique(country):
        rows = missing[country == c]
        options = L.CN_CITIES if c == CN else L.CITIES.of_country(int(c))
        city[rows] = options[(rng.random(rows.size) ** 1.5 * options.size).astype(np.int64)]
    return city


# --- Addresses ---------------------------------------------------------------------------


def _addresses(w: World, s: SynthSettings, nets: Networks, rng: np.random.Generator) -> None:
    """One address per party (platforms have none), then the shared ones."""
    p, st = w.p, w.st
    n = w.n_parties
    style, country, person = p["style"], p["country"], p["kind"] == 1
    rows = np.flatnonzero((style != ST_FIXED) | (p["conf"] == C_INTEGRATOR))
    kind = np.where(person[rows], A_RESIDENCE, A_PREMISES)
    kind = np.where(p["conf"][rows] == C_INTEGRATOR, A_HUB, kind)
    a_party, a_kind, a_country, a_city = [rows], [kind], [country[rows]], [p["city"][rows]]
    p_addr = np.full(n, -1)
    p_addr[rows] = np.arange(rows.size)
    total = rows.size

    def hubs(count: int, kind_: int, h_country: Any, h_city: Any) -> np.ndarray:
        """``count`` new shared addresses (country and city per hub or one for all)."""
        nonlocal total
        a_party.append(np.full(count, -1))
        a_kind.append(np.full(count, kind_))
        a_country.append(np.broadcast_to(h_country, (count,)))
        a_city.append(np.broadcast_to(h_city, (count,)))
        total += count
        return np.arange(total - count, total)

    def share(users: np.ndarray, ids: np.ndarray, conf: int) -> None:
        # The first hubs are the busiest, as the real registered-office addresses are.
        p_addr[users] = ids[(rng.random(users.size) ** 1.4 * ids.size).astype(np.int64)]
        p["conf"][users] = np.where(p["conf"][users] == 0, conf, p["conf"][users])

    # Registered offices in Hong Kong: one address for hundreds of companies.
    hk_co = np.flatnonzero(
        (p["kind"] == 0) & (country == HK) & (style != ST_FIXED) & (style != ST_STORE)
    )
    users = hk_co[rng.random(hk_co.size) < s.rate("registered_office_share")]
    if users.size:
        m = max(2, -(-users.size // 150))
        share(users, hubs(m, A_REG_OFFICE, np.int64(HK), np.int64(HK_CITY)), C_REG_OFFICE)

    # Consolidation warehouses: e-commerce senders in China, receivers in Europe.
    senders = np.flatnonzero(
        ((p["role"] == R_SELLER) & (style != ST_FIXED))
        | ((p["role"] == R_BACKGROUND) & np.isin(country, [CN, AE]) & (p["conf"] == 0))
    )
    receivers = np.flatnonzero(np.isin(p["role"], [R_BUYER, R_BACKGROUND]) & person)
    receivers = receivers[L.DEST_WEIGHT[country[receivers]] > 0]
    rate = s.rate("warehouse_share")
    for group, share_p, per_hub in ((senders, rate, 200), (receivers, rate / 2, 300)):
        users = group[rng.random(group.size) < share_p]
        uc = country[users]
        for c in np.unique(uc):
            members = users[uc == c]
            m = max(1, -(-members.size // per_hub))
            opts = L.CN_CITIES if c == CN else L.CITIES.of_country(int(c))
            share(
                members,
                hubs(m, A_WAREHOUSE, np.int64(c), opts[rng.integers(0, opts.size, m)]),
                C_WAREHOUSE,
            )

    # Drop addresses (pattern 6): a network's aliases share one address; the one name
    # at many addresses has two more of its own.
    drop_net = np.flatnonzero(st["drop"] >= 0)
    st["drop_address"] = np.full(nets.n, -1)
    st["multi_address"] = np.full((nets.n, 3), -1)
    if drop_net.size:
        first = st["drop"][drop_net]
        ids = hubs(drop_net.size, A_DROP, country[first], p["city"][first])
        alias = np.concatenate(
            [first[i] + np.arange(st["n_alias"][d]) for i, d in enumerate(drop_net)]
        )
        p_addr[alias] = np.repeat(ids, st["n_alias"][drop_net])
        st["drop_address"][drop_net] = ids
        multi = st["drop_multi"][drop_net]
        extra = hubs(
            2 * multi.size,
            A_RESIDENCE,
            np.repeat(country[multi], 2),
            np.repeat(p["city"][multi], 2),
        )
        st["multi_address"][drop_net] = np.column_stack([p_addr[multi], extra[0::2], extra[1::2]])
    p["addr"] = p_addr

    a_party_all = np.concatenate(a_party)
    w.addr = _address_components(
        rng,
        np.concatenate(a_kind),
        np.concatenate(a_country),
        np.concatenate(a_city),
        a_party_all,
        w.comps,
    )
    w.addr_postcode = _postcodes(rng, w.addr["country"], w.addr["city"])
    _distinct_addresses(w, rng)


def _repeats(codes: np.ndarray) -> np.ndarray:
    """Positions of values that occurred earlier in ``codes``."""
    _, first = np.unique(codes, return_index=True)
    is_first = np.zeros(codes.size, dtype=bool)
    is_first[first] = True
    return np.flatnonzero(~is_first)


def _distinct_addresses(w: World, rng: np.random.Generator) -> None:
    """Redraw the house number of an address written exactly like another one, so two
    true addresses never share their text by accident. Rows are compared by a 64-bit
    hash of their components: a (vanishingly rare) false match only redraws a number."""
    cols = [k for k in w.addr if k not in ("party", "kind")]
    postcode = pc.dictionary_encode(w.addr_postcode).indices.to_numpy(zero_copy_only=False)
    for _ in range(10):
        h = np.full(postcode.size, 1469598103934665603, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for col in [*(w.addr[k] for k in cols), np.nan_to_num(postcode, nan=-1)]:
                h = (h ^ np.asarray(col).astype(np.int64).view(np.uint64)) * np.uint64(
                    1099511628211
                )
        dup = _repeats(h)
        if not dup.size:
            return
        w.addr["num"][dup] = rng.integers(1, 3000, dup.size)


def _address_components(rng, kind, country, city, party, comps) -> dict[str, np.ndarray]:
    n = kind.size
    style = np.full(n, AS_INTL)
    style[country == CN] = AS_CN
    style[country == HK] = AS_HK
    style[country == TR] = AS_TR
    style[L.EU_STYLE_OF_COUNTRY[country] >= 0] = AS_EU
    style[(country == AE) & (kind == A_WAREHOUSE)] = AS_ZONE
    hub = kind == A_HUB
    style[hub] = AS_FIXED
    fixed = np.full(n, -1)
    fixed[hub] = comps[party[hub], 0]
    eu_style = np.maximum(L.EU_STYLE_OF_COUNTRY[country], 0)
    d_count = L.CITIES.district_count[city]
    district = np.where(
        d_count > 0, L.CITIES.district_start[city] + (rng.random(n) * d_count).astype(np.int64), -1
    )
    street = np.zeros(n, dtype=np.int64)
    for st_, size in (
        (AS_CN, len(V.CN_ROAD_STEMS)),
        (AS_HK, len(V.HK_STREET_STEMS)),
        (AS_TR, len(V.TR_STREETS)),
        (AS_INTL, len(V.INTL_STREETS)),
        (AS_ZONE, len(V.FREE_ZONES)),
    ):
        rows = style == st_
        street[rows] = rng.integers(0, size, rows.sum())
    eu = style == AS_EU
    street[eu] = L.EU_STREET.draw(rng, eu_style[eu])
    company = kind != A_RESIDENCE
    floor = np.where(rng.random(n) < np.where(company, 0.8, 0.35), rng.integers(1, 31, n), -1)
    return {
        "kind": kind,
        "style": style,
        "country": country.astype(np.int64),
        "city": city.astype(np.int64),
        "district": district,
        "street": street,
        "dir": np.where(rng.random(n) < 0.35, rng.integers(0, len(V.CN_DIRECTIONS), n), -1),
        "rtype": weighted(rng, np.array([70.0, 18, 12]), n),
        "num": np.where(rng.random(n) < 0.7, rng.integers(1, 200, n), rng.integers(200, 2000, n)),
        "bldg1": np.where(rng.random(n) < 0.55, rng.integers(0, NSYL, n), -1),
        "bldg2": rng.integers(0, NSYL, n),
        "btype": rng.integers(0, len(V.CN_BUILDINGS), n),
        "block": np.where(rng.random(n) < 0.35, rng.integers(0, 8, n), -1),
        "floor": floor,
        # European business addresses carry no flat number; flats are for residences.
        "unit": np.where(
            (style == AS_EU) & company,
            -1,
            np.where(
                floor >= 0,
                rng.integers(1, 20, n),
                np.where(rng.random(n) < 0.3, rng.integers(1, 60, n), -1),
            ),
        ),
        "hall": rng.integers(1, 30, n),
        "fixed": fixed,
        "party": party,
    }


def _postcodes(rng: np.random.Generator, country: np.ndarray, city: np.ndarray) -> pa.Array:
    """Postcodes in each country's format; Chinese and Turkish ones start as the city's."""
    idxs, values = [], []
    for c in np.unique(country):
        rows = np.flatnonzero(country == c)
        pattern = L.POSTCODE_PATTERN[int(c)]
        if not pattern:
            continue
        if c in (CN, TR):
            keep = 3 if c == CN else 2
            head = pc.utf8_slice_codeunits(L.CITIES.postcode.take(city[rows]), 0, keep)
            values.append(
                T.cat(head, T.random_chars(rng, rows.size, len(pattern) - keep, "0123456789"))
            )
        else:
            parts: list[pa.Array | str] = []
            for ch in pattern:
                if ch == "9":
                    parts.append(T.random_chars(rng, rows.size, 1, "0123456789"))
                elif ch == "A":
                    parts.append(T.random_chars(rng, rows.size, 1, "ABCDEFGHJKLMNPRSTUVWXYZ"))
                else:
                    parts.append(ch)
            values.append(T.cat(*parts))
        idxs.append(rows)
    return T.scatter(country.size, idxs, values)


# --- Identifiers -------------------------------------------------------------------------


def _identifiers(w: World, nets: Networks, rng: np.random.Generator) -> None:
    """Phones, emails, tax ids and websites of every party, and the shared ones."""
    _phones(w, nets, rng)
    _emails(w, nets, rng)
    _taxes(w, nets, rng)
    _websites(w, rng)


def _new_phones(
    rng, country: np.ndarray, mobile: np.ndarray, city: np.ndarray
) -> dict[str, np.ndarray]:
    """National numbers: mobiles with a local prefix, landlines with the city's area code
    (Chinese and Turkish source cities) or a plausible two-digit one."""
    n = country.size
    area = L.CITY_AREA[np.maximum(city, 0)]
    a_len = L.CITY_AREA_LEN[np.maximum(city, 0)]
    # Chinese landlines: the area code (2 or 3 digits) and 8 digits.
    landline = np.where(country == CN, a_len + 8, L.LANDLINE_LEN[country])
    length = np.where(mobile, L.MOBILE_LEN[country], landline)
    # Countries without trunk prefix (Hong Kong, Singapore, ...) have no area codes: their
    # landlines start with 2 or 3; elsewhere an unknown city gets a two-digit area code.
    no_areas = T.pool([V.COUNTRIES_INFO[c][2] for c in L.COUNTRY_CODES]).take(country)
    no_areas = pc.equal(no_areas, "").to_numpy(zero_copy_only=False)
    generic = a_len == 0
    area = np.where(
        generic, np.where(no_areas, rng.integers(2, 4, n), rng.integers(20, 100, n)), area
    )
    a_len = np.where(generic, np.where(no_areas, 1, 2), a_len)
    pre = np.zeros(n, dtype=np.int64)
    pre_len = np.zeros(n, dtype=np.int64)
    for c in np.unique(country):
        rows = np.flatnonzero(country == c)
        prefixes = L.mobile_prefixes(int(c))
        pick = rng.integers(0, len(prefixes), rows.size)
        pre[rows] = np.array([int(x) for x in prefixes])[pick]
        pre_len[rows] = np.array([len(x) for x in prefixes])[pick]
    lead = np.where(mobile, pre, area)
    lead_len = np.where(mobile, pre_len, a_len)
    rest_len = length - lead_len
    # Landline subscriber numbers start with 2 to 9, as they do in reality.
    low = np.where(mobile, 0, 2 * 10 ** (rest_len - 1))
    rest = low + (rng.random(n) * (10.0**rest_len - low)).astype(np.int64)
    area_len = np.where(mobile | (generic & no_areas), 0, a_len)
    return {
        "country": country.astype(np.int64),
        "nsn": lead * 10**rest_len + rest,
        "length": length.astype(np.int64),
        "area_len": area_len.astype(np.int64),
    }


def _phones(w: World, nets: Networks, rng: np.random.Generator) -> None:
    p, st = w.p, w.st
    # Persons have mobiles; companies a landline or a mobile; platforms no phone.
    owners = np.flatnonzero(p["conf"] != C_PLATFORM)
    mobile = (p["kind"][owners] == 1) | (rng.random(owners.size) < 0.45)
    # Shared phones: a ring's (pattern 8) and a drop address's (pattern 6).
    ring_net = np.flatnonzero(nets.n_stores >= 3)
    drop_net = np.flatnonzero(st["drop"] >= 0)
    shared = np.concatenate([st["store_start"][ring_net], st["drop"][drop_net]])
    all_owner = np.concatenate([owners, shared])
    all_mobile = np.concatenate([mobile, np.ones(shared.size, bool)])
    w.phones = _new_phones(rng, p["country"][all_owner], all_mobile, p["city"][all_owner])
    # Two identifiers never share a number by accident: redraw the last digits of repeats.
    for _ in range(10):
        key = w.phones["country"] * 10**12 + w.phones["nsn"]
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        dup = np.flatnonzero(first[inverse] != np.arange(key.size))
        if not dup.size:
            break
        nsn = w.phones["nsn"][dup]
        w.phones["nsn"][dup] = nsn - nsn % 10_000 + rng.integers(0, 10_000, dup.size)
    w.phones["owner"] = all_owner
    w.phones["sharing"] = np.r_[np.full(owners.size, SH_OWN), np.full(shared.size, SH_NETWORK)]
    p_phone = np.full(w.n_parties, -1)
    p_phone[owners] = np.arange(owners.size)
    st["ring_phone"] = np.full(nets.n, -1)
    st["ring_phone"][ring_net] = owners.size + np.arange(ring_net.size)
    st["drop_phone"] = np.full(nets.n, -1)
    st["drop_phone"][drop_net] = owners.size + ring_net.size + np.arange(drop_net.size)
    # The assembly site's linked company answers on the site's phone (pattern 5).
    asm = st["assembly"][st["assembly"] >= 0]
    p_phone[asm + 1] = p_phone[asm]
    w.phones["sharing"][p_phone[asm]] = SH_NETWORK
    p["phone"] = p_phone


def _emails(w: World, nets: Networks, rng: np.random.Generator) -> None:
    from netlink.synth._render import name_core  # rendering knows how names are written

    p, st = w.p, w.st
    n = w.n_parties
    style, person = p["style"], p["kind"] == 1
    company = ~person & (style != ST_FIXED)
    manuf = p["role"] == R_MANUFACTURER
    # Factories, logistics firms and European companies mostly have a domain; small
    # Chinese firms often write free mail (a red flag on a large company).
    domain_p = np.where(manuf | (style == ST_LOGI) | (style == ST_EU_CO), 0.85, 0.45)
    has_domain = (company & (rng.random(n) < domain_p)) | manuf
    has_email = (company & (rng.random(n) < 0.92)) | (person & (rng.random(n) < 0.55)) | manuf
    rows = np.flatnonzero(has_email)
    m = rows.size
    core = T.lower(name_core(w, rows))
    country = p["country"][rows]
    domain = T.cat(
        core,
        T.pool(["", "", "-trading", "group", "tech", "-intl"]).take(rng.integers(0, 6, m)),
        _tld(country),
    )
    # One domain per company: a repeated one gets a number ("mueller37.de").
    domain = _unique_values(
        domain,
        lambda vs, ks: [v.replace(".", f"{k}.", 1) for v, k in zip(vs, ks, strict=True)],
        rng,
    )
    local = T.pool(V.EMAIL_LOCAL).take(rng.integers(0, len(V.EMAIL_LOCAL), m))
    cn_like = np.isin(country, [CN, HK])
    eu_like = L.DEST_WEIGHT[country] > 0
    fm_cn = T.pool(V.FREEMAIL_CN).take(rng.integers(0, len(V.FREEMAIL_CN), m))
    fm_eu = T.pool(V.EU_FREEMAIL).take(rng.integers(0, len(V.EU_FREEMAIL), m))
    fm_int = T.pool(V.FREEMAIL_INTL).take(rng.integers(0, len(V.FREEMAIL_INTL), m))
    freemail = T.where(cn_like & (rng.random(m) < 0.75), fm_cn, T.where(eu_like, fm_eu, fm_int))
    number = T.where(rng.random(m) < 0.7, T.digits(rng.integers(1, 9999, m)), "")
    free = T.cat(core, number, "@", freemail)
    qq = T.cat(T.digits(rng.integers(10_000_000, 3_000_000_000, m)), "@qq.com")
    free = T.where(cn_like & (rng.random(m) < 0.25), qq, free)
    dom = has_domain[rows]
    values = [T.where(dom, T.cat(local, "@", domain), free)]
    owner, sharing = [rows], [np.full(m, SH_OWN)]
    p_email = np.full(n, -1)
    p_email[rows] = np.arange(m)
    p["domain_email"] = np.where(has_domain & has_email, p_email, -1)
    st["domains"] = domain
    total = m

    def extra(value: pa.Array, who: np.ndarray, how: int) -> np.ndarray:
        nonlocal total
        values.append(value)
        owner.append(who)
        sharing.append(np.full(who.size, how))
        total += who.size
        return np.arange(total - who.size, total)

    # Fronts linked by email use a mailbox at their factory's domain (pattern 1).
    fronts = np.flatnonzero((p["role"] == R_FRONT) & (p["link"] == LINK_EMAIL))
    fac_domain = domain.take(p_email[st["manufacturer"][p["net"][fronts]]])
    # Mailboxes other than the factory's own ones (EMAIL_LOCAL), one per front.
    f_local = T.pool(["export2", "shipping", "ops", "logistics", "trade2", "orders"]).take(
        ranks(p["net"][fronts]) % 6
    )
    p_email[fronts] = extra(T.cat(f_local, "@", fac_domain), fronts, SH_NETWORK)
    # A ring's payment mailbox (pattern 8).
    ring_net = np.flatnonzero(nets.n_stores >= 3)
    k = ring_net.size
    ring_mail = T.cat(
        T.pool(["pay", "shop", "store", "service"]).take(rng.integers(0, 4, k)),
        T.digits(rng.integers(100, 99999, k)),
        "@",
        T.pool(V.FREEMAIL_INTL + V.FREEMAIL_CN).take(rng.integers(0, 9, k)),
    )
    st["ring_email"] = np.full(nets.n, -1)
    st["ring_email"][ring_net] = extra(ring_mail, st["store_start"][ring_net], SH_NETWORK)
    # The free mail a network writes under a hijacked identity (pattern 7).
    hij_net = np.flatnonzero(st["hijacked"] >= 0)
    k = hij_net.size
    hij_mail = T.cat(
        T.pool(["import", "order", "info", "buyer"]).take(rng.integers(0, 4, k)),
        T.digits(rng.integers(10, 999, k)),
        "@",
        T.pool(V.FREEMAIL_INTL).take(rng.integers(0, 4, k)),
    )
    st["hijack_email"] = np.full(nets.n, -1)
    st["hijack_email"][hij_net] = extra(hij_mail, st["distributor_start"][hij_net], SH_OWN)
    p["email"] = p_email
    w.emails = {"owner": np.concatenate(owner), "sharing": np.concatenate(sharing)}
    all_values = pa.concat_arrays([v.cast(pa.string()) for v in values])
    w.email_value = _unique_values(all_values, _renumber_local, rng)


def _unique_values(
    values: pa.Array, fix: Callable[[list[str], np.ndarray], list[str]], rng: np.random.Generator
) -> pa.Array:
    """``values`` with every repeat (after its first occurrence) rewritten by ``fix`` until
    all are distinct: two identifiers never share a value by accident, only on purpose."""
    for _ in range(10):
        dup = _repeats(pc.dictionary_encode(values).indices.to_numpy())
        if not dup.size:
            return values
        new = fix(values.take(dup).to_pylist(), rng.integers(10, 100, dup.size))
        keep = np.setdiff1d(np.arange(len(values)), dup, assume_unique=True)
        values = T.scatter(
            len(values), [keep, dup], [values.take(keep), pa.array(new, pa.string())]
        )
    return values


def _renumber_local(values: list[str], numbers: np.ndarray) -> list[str]:
    """ "name@domain" -> "name37@domain"."""
    out = []
    for v, k in zip(values, numbers, strict=True):
        local, _, domain = v.partition("@")
        out.append(f"{local}{k}@{domain}")
    return out


def _renumber_tail(values: list[str], numbers: np.ndarray) -> list[str]:
    """Replace the last two digits of an id-like value (keeps its format and length)."""
    return [f"{v[:-2]}{k % 100:02d}" for v, k in zip(values, numbers, strict=True)]


def _tld(country: np.ndarray) -> pa.Array:
    special = {"CN": ".com", "HK": ".com.hk", "TR": ".com.tr", "GB": ".co.uk", "US": ".com"}
    return T.pool([special.get(c, "." + c.lower()) for c in L.COUNTRY_CODES]).take(country)


_USCC_REGION = {
    "guangzhou": "440101",
    "shenzhen": "440300",
    "yiwu": "330782",
    "putian": "350300",
    "quanzhou": "350500",
    "dongguan": "441900",
    "shantou": "440500",
    "wenzhou": "330300",
    "ningbo": "330200",
}
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _taxes(w: World, nets: Networks, rng: np.random.Generator) -> None:
    """USCC (18 characters) in mainland China, BR in Hong Kong, VKN in Turkey, EORI in
    Europe, IOSS ("IM" + 10 digits) for marketplace stores and platforms."""
    p, st = w.p, w.st
    style, person = p["style"], p["kind"] == 1
    platform = p["conf"] == C_PLATFORM
    company = ~person & (style != ST_FIXED)
    rows = np.flatnonzero((company & (rng.random(w.n_parties) < 0.9)) | platform)
    c = p["country"][rows]
    m = rows.size
    region = T.pool([_USCC_REGION.get(k, "440000") for k in L.CITIES.key]).take(
        np.maximum(p["city"][rows], 0)
    )
    uscc = T.cat("91", region, T.random_chars(rng, m, 10, _USCC_CHARS))
    br = T.digits(rng.integers(10_000_000, 79_999_999, m))
    vkn = T.digits(rng.integers(10**9, 10**10 - 1, m))
    eori = T.cat(L.COUNTRY_POOL.take(c), T.digits(rng.integers(10**9, 10**12, m)))
    other = T.cat(L.COUNTRY_POOL.take(c), T.digits(rng.integers(10**7, 10**10, m)))
    ioss = T.cat(
        "IM",
        T.pool(["528", "372", "442", "276", "250"]).take(rng.integers(0, 5, m)),
        T.digits(rng.integers(0, 10**7, m), 7),
    )
    value = T.where(c == CN, uscc, T.where(c == HK, br, T.where(c == TR, vkn, other)))
    value = T.where(L.DEST_WEIGHT[c] > 0, eori, value)
    value = T.where((p["role"][rows] == R_SELLER), ioss, value)
    sharing = np.full(m, SH_OWN)
    sharing[platform[rows]] = SH_PLATFORM
    sharing[np.isin(rows, st["hijacked"])] = SH_HIJACKED
    p_tax = np.full(w.n_parties, -1)
    p_tax[rows] = np.arange(m)
    # A ring's shared IOSS number (pattern 8).
    ring_net = np.flatnonzero(nets.n_stores >= 3)
    k = ring_net.size
    ring_ioss = T.cat(
        "IM",
        T.pool(["528", "372", "442"]).take(rng.integers(0, 3, k)),
        T.digits(rng.integers(0, 10**7, k), 7),
    )
    st["ring_tax"] = np.full(nets.n, -1)
    st["ring_tax"][ring_net] = m + np.arange(k)
    p["tax"] = p_tax
    w.taxes = {
        "owner": np.concatenate([rows, st["store_start"][ring_net]]),
        "sharing": np.concatenate([sharing, np.full(k, SH_NETWORK)]),
    }
    w.tax_value = _unique_values(pa.concat_arrays([value, ring_ioss]), _renumber_tail, rng)


def _websites(w: World, rng: np.random.Generator) -> None:
    """Store pages for marketplace stores; a site for some companies with a domain."""
    p, st = w.p, w.st
    stores = st["store"]
    plat_stem = T.pool([pl[2] for pl in V.PLATFORMS])
    store_url = T.cat(
        plat_stem.take(st["store_platform"]), T.digits(rng.integers(10**8, 10**10, stores.size))
    )
    with_site = np.flatnonzero(
        (p["domain_email"] >= 0) & (p["role"] != R_SELLER) & (rng.random(w.n_parties) < 0.6)
    )
    site = T.cat("www.", st["domains"].take(p["domain_email"][with_site]))
    p_web = np.full(w.n_parties, -1)
    p_web[stores] = np.arange(stores.size)
    p_web[with_site] = stores.size + np.arange(with_site.size)
    p["web"] = p_web
    w.webs = {
        "owner": np.concatenate([stores, with_site]),
        "sharing": np.full(stores.size + with_site.size, SH_OWN),
    }
    w.web_value = _unique_values(pa.concat_arrays([store_url, site]), _renumber_tail, rng)
    del st["domains"]


def _placeholders(w: World) -> None:
    """Placeholder values ("N/A", "0000000", "none@none.com") as shared identifiers and
    addresses of their own, so the truth can say which records carry one."""
    k = len(V.PLACEHOLDER_PHONES)
    w.phones["placeholder"] = np.r_[np.full(w.phones["owner"].size, -1), np.arange(k)]
    w.st["placeholder_phone"] = w.phones["owner"].size + np.arange(k)
    for key, fill in (("country", -1), ("nsn", 0), ("length", 0), ("area_len", 0), ("owner", -1)):
        w.phones[key] = np.r_[w.phones[key], np.full(k, fill)]
    w.phones["sharing"] = np.r_[w.phones["sharing"], np.full(k, SH_PLACEHOLDER)]
    k = len(V.PLACEHOLDER_EMAILS)
    w.st["placeholder_email"] = w.emails["owner"].size + np.arange(k)
    w.emails["owner"] = np.r_[w.emails["owner"], np.full(k, -1)]
    w.emails["sharing"] = np.r_[w.emails["sharing"], np.full(k, SH_PLACEHOLDER)]
    w.email_value = pa.concat_arrays([w.email_value, T.pool(V.PLACEHOLDER_EMAILS)])
    k = len(V.PLACEHOLDER_ADDRESSES)
    n = w.addr["kind"].size
    w.st["placeholder_address"] = n + np.arange(k)
    extra: dict[str, Any] = {
        "kind": A_PLACEHOLDER,
        "style": AS_PLACEHOLDER,
        "fixed": np.arange(k),
        "party": -1,
    }
    for key in w.addr:
        w.addr[key] = np.r_[w.addr[key], np.broadcast_to(np.asarray(extra.get(key, 0)), (k,))]
    w.addr_postcode = pa.concat_arrays([w.addr_postcode, pa.nulls(k, pa.string())])
