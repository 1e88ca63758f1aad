"""The word pools of :mod:`._vocab` as index tables: flat Arrow pools with offsets.

Generated parties hold integer indexes into these pools; rendering a name or an address
is a ``take`` from a pool, so one vectorised call writes a column for a million records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import numpy as np
import pyarrow as pa

from netlink.synth import _vocab as V
from netlink.synth._text import ascii_fold, pool

# --- Countries -----------------------------------------------------------------------

#: Every country a party can live in, in a fixed order (index = country code in arrays).
COUNTRY_CODES: tuple[str, ...] = tuple(V.COUNTRIES_INFO)
COUNTRY_INDEX: dict[str, int] = {c: i for i, c in enumerate(COUNTRY_CODES)}
COUNTRY_POOL = pool(COUNTRY_CODES)
STYLE_OF_COUNTRY = np.array([V.COUNTRIES_INFO[c][0] for c in COUNTRY_CODES])
CALLING_CODE = pool([V.COUNTRIES_INFO[c][1] for c in COUNTRY_CODES])
TRUNK_PREFIX = pool([V.COUNTRIES_INFO[c][2] for c in COUNTRY_CODES])
MOBILE_LEN = np.array([V.COUNTRIES_INFO[c][4] for c in COUNTRY_CODES])
LANDLINE_LEN = np.array([V.COUNTRIES_INFO[c][5] for c in COUNTRY_CODES])
POSTCODE_PATTERN = [V.COUNTRIES_INFO[c][6] for c in COUNTRY_CODES]
DEST_WEIGHT = np.array([V.COUNTRIES_INFO[c][8] for c in COUNTRY_CODES], dtype=float)
ORIGIN_WEIGHT = np.array([V.COUNTRIES_INFO[c][9] for c in COUNTRY_CODES], dtype=float)
EU_STYLE_NAMES: tuple[str, ...] = tuple(V.EU_STYLES)
#: Index of a country's EU naming style, -1 for non-EU styles.
EU_STYLE_OF_COUNTRY = np.array(
    [EU_STYLE_NAMES.index(s) if s in V.EU_STYLES else -1 for s in STYLE_OF_COUNTRY]
)
DEST_COUNTRIES = np.flatnonzero(DEST_WEIGHT > 0)


def mobile_prefixes(country: int) -> tuple[str, ...]:
    return V.COUNTRIES_INFO[COUNTRY_CODES[country]][3]


# --- Cities --------------------------------------------------------------------------


@dataclass(frozen=True)
class Cities:
    """All cities, source regions first; districts flattened with offsets."""

    country: np.ndarray
    name: pa.Array
    split: pa.Array
    abbr: pa.Array
    zh: pa.Array
    province: pa.Array
    province_zh: pa.Array
    area_code: pa.Array
    postcode: pa.Array
    source_weight: np.ndarray
    district_start: np.ndarray
    district_count: np.ndarray
    district: pa.Array
    district_zh: pa.Array
    key: tuple[str, ...]
    categories: tuple[tuple[str, ...], ...]

    def of_country(self, country: int) -> np.ndarray:
        return np.flatnonzero(self.country == country)


def _cities() -> Cities:
    rows: list[tuple] = []
    for (
        key,
        en,
        split,
        abbr,
        zh,
        prov,
        prov_zh,
        cc,
        area,
        post,
        districts,
        cats,
        w,
    ) in V.SOURCE_CITIES:
        rows.append((key, en, split, abbr, zh, prov, prov_zh, cc, area, post, districts, cats, w))
    for cc, info in V.COUNTRIES_INFO.items():
        for name in info[7]:
            if cc == "TR" and name == "Istanbul":
                continue  # a source region already
            rows.append((name.lower(), name, name, "", "", "", "", cc, "", "", (), (), 0))
    starts: list[int] = []
    counts: list[int] = []
    d_en: list[str] = []
    d_zh: list[str] = []
    for r in rows:
        starts.append(len(d_en))
        counts.append(len(r[10]))
        d_en += [d[0] for d in r[10]]
        d_zh += [d[1] if len(d) > 1 else "" for d in r[10]]
    return Cities(
        country=np.array([COUNTRY_INDEX[r[7]] for r in rows]),
        name=pool([r[1] for r in rows]),
        split=pool([r[2] for r in rows]),
        abbr=pool([r[3] for r in rows]),
        zh=pool([r[4] for r in rows]),
        province=pool([r[5] for r in rows]),
        province_zh=pool([r[6] for r in rows]),
        area_code=pool([r[8] for r in rows]),
        postcode=pool([r[9] for r in rows]),
        source_weight=np.array([r[12] for r in rows], dtype=float),
        district_start=np.array(starts),
        district_count=np.array(counts),
        district=pool(d_en),
        district_zh=pool(d_zh),
        key=tuple(r[0] for r in rows),
        categories=tuple(r[11] for r in rows),
    )


CITIES = _cities()
#: Landline area code of each city as a number and its digit count (0: none known).
CITY_AREA = np.array([int(a) if a else 0 for a in CITIES.area_code.to_pylist()], dtype=np.int64)
CITY_AREA_LEN = np.array([len(a) for a in CITIES.area_code.to_pylist()], dtype=np.int64)
#: Source cities in China (for background Chinese senders) and their weights.
CITY_FOLDED = pool(ascii_fold(CITIES.name.to_pylist()))
CN_CITIES = np.flatnonzero((CITIES.country == COUNTRY_INDEX["CN"]) & (CITIES.source_weight > 0))

# --- Per-style pools -----------------------------------------------------------------


@dataclass(frozen=True)
class StylePool:
    """One field of the EU naming styles, flattened: values, ASCII values, offsets."""

    values: pa.Array
    folded: pa.Array
    start: np.ndarray  # per EU style
    count: np.ndarray

    def draw(self, rng: np.random.Generator, style: np.ndarray, skew: float = 1.0) -> np.ndarray:
        """A random index into the pool, within each row's style (skew > 1 favours the
        first entries, as real name frequencies do)."""
        u = rng.random(style.size) ** skew
        return self.start[style] + (u * self.count[style]).astype(np.int64)

    def first(self, style: np.ndarray) -> np.ndarray:
        return self.start[style]


def _style_pool(field: str) -> StylePool:
    values: list[str] = []
    start, count = [], []
    for name in EU_STYLE_NAMES:
        items = V.EU_STYLES[name][field]
        start.append(len(values))
        count.append(len(items))
        values += list(items)
    return StylePool(pool(values), pool(ascii_fold(values)), np.array(start), np.array(count))


EU_FIRST = _style_pool("first")
EU_LAST = _style_pool("last")
EU_STREET = _style_pool("street")
EU_TRADE = _style_pool("trade")
EU_LEGAL = _style_pool("legal")

# --- Chinese pools -------------------------------------------------------------------

TRADE_PY = pool([s[0].capitalize() for s in V.TRADE_SYLLABLES])
TRADE_LOW = pool([s[0] for s in V.TRADE_SYLLABLES])
TRADE_ZH = pool([s[1] for s in V.TRADE_SYLLABLES])
SURNAME_PY = pool([s[0].capitalize() for s in V.CN_SURNAMES])
SURNAME_ZH = pool([s[1] for s in V.CN_SURNAMES])
SURNAME_HK = pool([s[2].capitalize() for s in V.CN_SURNAMES])
GIVEN_PY = pool([s[0].capitalize() for s in V.CN_GIVEN])
GIVEN_PY_LOWER = pool([s[0] for s in V.CN_GIVEN])
GIVEN_ZH = pool([s[1] for s in V.CN_GIVEN])
GIVEN_HK = pool([s[2].capitalize() for s in V.CN_GIVEN])
GIVEN_HK_LOWER = pool([s[2] for s in V.CN_GIVEN])
INDUSTRY_CATEGORY = tuple(i[2] for i in V.CN_INDUSTRIES)
#: Industries followed by trade types: a company's industry component indexes this.
IND_ALL_EN = pool([i[0] for i in V.CN_INDUSTRIES] + [t[0] for t in V.CN_TRADE_TYPES])
IND_ALL_ZH = pool([i[1] for i in V.CN_INDUSTRIES] + [t[1] for t in V.CN_TRADE_TYPES])
TRADE_TYPE_EN = pool([t[0] for t in V.CN_TRADE_TYPES])
CN_LEGAL = pool(V.CN_LEGAL)
HK_FORM_EN = pool([f[0] for f in V.HK_FORMS])
HK_FORM_ZH = pool([f[1] for f in V.HK_FORMS])
HK_LEGAL = pool(V.HK_LEGAL_VARIANTS)
#: The Hong Kong legal form matching a mainland one ("Company Limited" stays itself).
HK_LEGAL_OF_CN = np.array(
    [V.HK_LEGAL_VARIANTS.index(lf) if lf in V.HK_LEGAL_VARIANTS else 0 for lf in V.CN_LEGAL]
)
ROAD_PY = pool([r[0] for r in V.CN_ROAD_STEMS])
ROAD_ZH = pool([r[1] for r in V.CN_ROAD_STEMS])
DIR_PY = pool([d[0] for d in V.CN_DIRECTIONS])
DIR_EN = pool([d[1] for d in V.CN_DIRECTIONS])
DIR_ZH = pool([d[2] for d in V.CN_DIRECTIONS])
RTYPE_PY = pool([r[0] for r in V.CN_ROAD_TYPES])
RTYPE_EN = pool([r[1] for r in V.CN_ROAD_TYPES])
RTYPE_ABBR = pool([r[2] for r in V.CN_ROAD_TYPES])
RTYPE_ZH = pool([r[3] for r in V.CN_ROAD_TYPES])
BLDG_EN = pool([b[0] for b in V.CN_BUILDINGS])
BLDG_ABBR = pool([b[1] for b in V.CN_BUILDINGS])
BLDG_ZH = pool([b[2] for b in V.CN_BUILDINGS])
LETTERS = pool(list("ABCDEFGH"))

#: Common names as pool indexes: Chinese (surname, given) and EU (style, first, last).
_SUR = [s[0] for s in V.CN_SURNAMES]
_GIV = [g[0] for g in V.CN_GIVEN]
COMMON_CN = np.array([(_SUR.index(s), _GIV.index(g)) for s, g in V.COMMON_CN_NAMES])


def _common_eu() -> np.ndarray:
    rows = []
    for style, first, last in V.COMMON_EU_NAMES:
        k = EU_STYLE_NAMES.index(style)
        firsts = V.EU_STYLES[style]["first"]
        lasts = V.EU_STYLES[style]["last"]
        rows.append(
            (k, EU_FIRST.start[k] + firsts.index(first), EU_LAST.start[k] + lasts.index(last))
        )
    return np.array(rows)


COMMON_EU = _common_eu()

# --- Hong Kong, Turkey, others -------------------------------------------------------

HK_DISTRICT = pool([d[0] for d in V.HK_DISTRICTS])
HK_REGION = pool([d[1] for d in V.HK_DISTRICTS])
HK_STREET = pool(V.HK_STREET_STEMS)
HK_BTYPE = pool([b[0] for b in V.HK_BUILDING_TYPES])
HK_BTYPE_ABBR = pool([b[1] for b in V.HK_BUILDING_TYPES])
TR_FIRST = pool(V.TR_FIRST)
TR_FIRST_ASCII = pool(ascii_fold(V.TR_FIRST))
TR_LAST = pool(V.TR_LAST)
TR_LAST_ASCII = pool(ascii_fold(V.TR_LAST))
TR_WORD = pool(V.TR_WORDS)
TR_WORD_ASCII = pool(ascii_fold(V.TR_WORDS))
TR_SECTOR = pool(V.TR_SECTORS)
TR_SECTOR_ASCII = pool(ascii_fold(V.TR_SECTORS))
TR_LEGAL = pool(V.TR_LEGAL)
TR_LEGAL_ASCII = pool(ascii_fold(V.TR_LEGAL))
TR_STREET = pool(V.TR_STREETS)
TR_STREET_ASCII = pool(ascii_fold(V.TR_STREETS))
INTL_WORD = pool(V.INTL_WORDS)
INTL_SECTOR = pool(V.INTL_SECTORS)
INTL_STREET = pool(V.INTL_STREETS)
_INTL_CC = tuple(V.INTL_LEGAL)
INTL_LEGAL_START = np.zeros(len(COUNTRY_CODES), dtype=np.int64)
INTL_LEGAL_COUNT = np.ones(len(COUNTRY_CODES), dtype=np.int64)
_intl_values: list[str] = []
for _cc in _INTL_CC:
    INTL_LEGAL_START[COUNTRY_INDEX[_cc]] = len(_intl_values)
    INTL_LEGAL_COUNT[COUNTRY_INDEX[_cc]] = len(V.INTL_LEGAL[_cc])
    _intl_values += list(V.INTL_LEGAL[_cc])
INTL_LEGAL = pool(_intl_values)
#: Street-line templates per EU style (usual, abbreviated, alternative, unit suffix).
EU_STREET_FORMS: tuple[tuple[str, str, str, str], ...] = tuple(
    V.EU_STREET_FORMS[name] for name in EU_STYLE_NAMES
)
ZONE_NAME = pool([z[0] for z in V.FREE_ZONES])
ZONE_ABBR = pool([z[1] for z in V.FREE_ZONES])
EU_SYL_LOW = pool(V.EU_SYLLABLES)
EU_SYLLABLES = pool([x.capitalize() for x in EU_SYL_LOW.to_pylist()])
LOGI_WORD = pool(V.LOGISTICS_WORDS)
LOGI_TYPE = pool(V.LOGISTICS_TYPES)
STORE_ADJ = pool(V.STORE_ADJ)
STORE_NOUN = pool(V.STORE_NOUN)
STORE_SUFFIX = pool(V.STORE_SUFFIX)

# --- Fixed names: integrators, postal operators, platforms ----------------------------

FIXED_NAMES: tuple[str, ...] = tuple(
    [i[0] for i in V.INTEGRATORS] + [p[0] for p in V.POSTAL_OPERATORS] + [p[0] for p in V.PLATFORMS]
)
FIXED_VARIANTS: tuple[tuple[str, ...], ...] = tuple(
    [i[1] for i in V.INTEGRATORS] + [p[1] for p in V.POSTAL_OPERATORS] + [p[1] for p in V.PLATFORMS]
)
N_INTEGRATORS = len(V.INTEGRATORS)
N_POSTAL = len(V.POSTAL_OPERATORS)
N_PLATFORMS = len(V.PLATFORMS)
FIXED_POOL = pool(FIXED_NAMES)
_fv: list[str] = []
FIXED_VAR_START = np.zeros(len(FIXED_NAMES), dtype=np.int64)
FIXED_VAR_COUNT = np.zeros(len(FIXED_NAMES), dtype=np.int64)
for _i, _vs in enumerate(FIXED_VARIANTS):
    FIXED_VAR_START[_i], FIXED_VAR_COUNT[_i] = len(_fv), len(_vs)
    _fv += list(_vs)
FIXED_VAR_POOL = pool(_fv)

# --- Goods ---------------------------------------------------------------------------

CATEGORY_NAMES: tuple[str, ...] = tuple(c[0] for c in V.CATEGORIES)
CATEGORY_INDEX = {c: i for i, c in enumerate(CATEGORY_NAMES)}
CATEGORY_WEIGHT = np.array([c[5] for c in V.CATEGORIES], dtype=float)
CATEGORY_PRICE = np.array([c[3] for c in V.CATEGORIES])
CATEGORY_COST = np.array([c[4] for c in V.CATEGORIES])
CATEGORY_UNIT = pool([c[2] for c in V.CATEGORIES])
CATEGORY_POOL = pool(CATEGORY_NAMES)


def _flat(field: int) -> tuple[pa.Array, np.ndarray, np.ndarray]:
    values: list[str] = []
    start, count = [], []
    for c in V.CATEGORIES:
        items = cast(tuple[str, ...], c[field])
        start.append(len(values))
        count.append(len(items))
        values += list(items)
    return pool(values), np.array(start), np.array(count)


HS_POOL, HS_START, HS_COUNT = _flat(1)
DESC_POOL, DESC_START, DESC_COUNT = _flat(6)
GENERIC_POOL, GENERIC_START, GENERIC_COUNT = _flat(7)
BRAND_NAMES = pool([b[0] for b in V.BRANDS])
BRAND_HOLDERS = pool([b[1] for b in V.BRANDS])
#: brands[category] = indexes of the brands counterfeited in that category.
BRANDS_OF_CATEGORY: tuple[np.ndarray, ...] = tuple(
    np.array([i for i, b in enumerate(V.BRANDS) if c in b[2]]) for c in CATEGORY_NAMES
)
