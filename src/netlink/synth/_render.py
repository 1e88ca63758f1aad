"""Write names, addresses and identifiers as they appear on documents, with variation.

Every function takes the index of a true party (or address, or identifier) per record and
per-record draws (is the record varied, which variant, upper case, Chinese script, other
romanisation) and returns one Arrow string column. Each variant is a template computed
once, vectorised, on the records that use it (:func:`netlink.synth._text.build`).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from netlink.synth import _lookup as L
from netlink.synth import _text as T
from netlink.synth import _vocab as V
from netlink.synth._codes import (
    A_WAREHOUSE,
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
from netlink.synth._parties import (
    AS_CN,
    AS_EU,
    AS_FIXED,
    AS_HK,
    AS_INTL,
    AS_PLACEHOLDER,
    AS_TR,
    AS_ZONE,
    CN,
    HK,
    TR,
    World,
)

ZH_LEGAL = V.CN_LEGAL_ZH
PH_TEXT = T.pool(V.PLACEHOLDER_PHONES)
ADDR_PH_TEXT = T.pool(V.PLACEHOLDER_ADDRESSES)
INT_STREET = T.pool([i[3] for i in V.INTEGRATORS])
INT_CITY = T.pool([i[4] for i in V.INTEGRATORS])
INT_POST = T.pool([i[5] for i in V.INTEGRATORS])


def opt(pool: pa.Array, idx: np.ndarray, prefix: str = "", suffix: str = "") -> pa.Array:
    """``prefix + pool[idx] + suffix``, or the empty string where ``idx`` is -1."""
    picked = (
        T.cat(prefix, pool.take(np.maximum(idx, 0)), suffix)
        if prefix or suffix
        else pool.take(np.maximum(idx, 0))
    )
    return T.blank_if(idx < 0, picked)


def _variant(varied: np.ndarray, u: np.ndarray, n_variants: int) -> np.ndarray:
    """0 for records written the usual way, else 1..n_variants from ``u``."""
    return np.where(varied, 1 + np.minimum((u * n_variants).astype(np.int64), n_variants - 1), 0)


def _other(
    rng: np.random.Generator, usual: np.ndarray, start: np.ndarray, count: np.ndarray
) -> np.ndarray:
    """Another entry than ``usual`` from the pool range [start, start + count)."""
    shift = 1 + (rng.random(usual.size) * np.maximum(count - 1, 1)).astype(np.int64)
    return start + (usual - start + shift) % np.maximum(count, 1)


# --- Name cores --------------------------------------------------------------------------


def _trade(c: np.ndarray) -> pa.Array:
    return T.cat(L.TRADE_PY.take(c[:, 1]), L.TRADE_LOW.take(c[:, 2]), opt(L.TRADE_LOW, c[:, 3]))


def _trade_split(c: np.ndarray) -> pa.Array:
    return T.cat(
        L.TRADE_PY.take(c[:, 1]), " ", L.TRADE_PY.take(c[:, 2]), opt(L.TRADE_PY, c[:, 3], " ")
    )


def _trade_zh(c: np.ndarray) -> pa.Array:
    return T.cat(L.TRADE_ZH.take(c[:, 1]), L.TRADE_ZH.take(c[:, 2]), opt(L.TRADE_ZH, c[:, 3]))


def _invented(c: np.ndarray, a: int, b: int, d: int | None = None) -> pa.Array:
    """An invented word of two or three syllables ("Novatex")."""
    third = opt(L.EU_SYL_LOW, c[:, d]) if d is not None else ""
    return T.cat(L.EU_SYLLABLES.take(np.maximum(c[:, a], 0)), opt(L.EU_SYL_LOW, c[:, b]), third)


def _tr_head(c: np.ndarray, ascii_: bool = False) -> pa.Array:
    word = opt(L.TR_WORD_ASCII if ascii_ else L.TR_WORD, c[:, 1])
    family = opt(L.TR_LAST_ASCII if ascii_ else L.TR_LAST, c[:, 3])
    inv = T.blank_if(c[:, 4] < 0, _invented(c, 4, 5))
    return T.cat(word, family, inv)


def _eu_head(c: np.ndarray, ascii_: bool = False) -> pa.Array:
    last = opt(L.EU_LAST.folded if ascii_ else L.EU_LAST.values, c[:, 1])
    inv = T.blank_if(c[:, 1] >= 0, _invented(c, 2, 3, 4))
    return T.cat(last, inv)


def name_core(w: World, party: np.ndarray) -> pa.Array:
    """The ASCII core of each party's name, without spaces (mailboxes and domains)."""
    style = w.p["style"][party]
    c = w.comps[party]
    cores = {
        ST_CN_CO: lambda r: _trade(c[r]),
        ST_HK_CO: lambda r: _trade(c[r]),
        ST_TR_CO: lambda r: _tr_head(c[r], ascii_=True),
        ST_EU_CO: lambda r: _eu_head(c[r], ascii_=True),
        ST_INTL_CO: lambda r: T.cat(L.INTL_WORD.take(c[r, 1]), _invented(c[r], 2, 3)),
        ST_LOGI: lambda r: T.cat(L.LOGI_WORD.take(c[r, 1]), opt(L.TRADE_PY, c[r, 3])),
        ST_STORE: lambda r: T.cat(L.STORE_ADJ.take(c[r, 1]), L.STORE_NOUN.take(c[r, 2])),
        ST_FIXED: lambda r: L.FIXED_POOL.take(c[r, 0]),
        ST_CN_PERSON: lambda r: T.cat(
            L.SURNAME_PY.take(c[r, 1]),
            L.GIVEN_PY_LOWER.take(c[r, 2]),
            opt(L.GIVEN_PY_LOWER, c[r, 3]),
        ),
        ST_EU_PERSON: lambda r: T.cat(
            L.EU_FIRST.folded.take(c[r, 1]), ".", L.EU_LAST.folded.take(c[r, 2])
        ),
        ST_TR_PERSON: lambda r: T.cat(
            L.TR_FIRST_ASCII.take(c[r, 1]), ".", L.TR_LAST_ASCII.take(c[r, 2])
        ),
    }
    out = T.build(party.size, style, cores)
    return pc.replace_substring_regex(T.lower(out), "[^a-z0-9.]", "")


# --- Names -------------------------------------------------------------------------------


def names(
    w: World,
    party: np.ndarray,
    varied: np.ndarray,
    u: np.ndarray,
    shout: np.ndarray,
    zh: np.ndarray,
    roman: np.ndarray,
    rng: np.random.Generator,
) -> pa.Array:
    """Each record's name: usual, a variant of its style, or in Chinese characters.

    ``zh`` applies to Chinese companies and persons; ``roman`` (other romanisation or
    order) to Chinese persons; ``shout`` upper-cases the result.
    """
    n = party.size
    style = w.p["style"][party]
    out_idx, out_val = [], []
    for st, fn in _NAME_RENDERERS.items():
        rows = np.flatnonzero(style == st)
        if rows.size:
            out_idx.append(rows)
            out_val.append(fn(w, party[rows], varied[rows], u[rows], zh[rows], roman[rows], rng))
    out = T.scatter(n, out_idx, out_val)
    return T.where(shout, T.upper(out), out)


def _cn_company_name(w, party, varied, u, zh, roman, rng):
    c = w.comps[party]
    lg = w.legal[party]
    city, split, abbr = (
        L.CITIES.name.take(c[:, 0]),
        L.CITIES.split.take(c[:, 0]),
        L.CITIES.abbr.take(c[:, 0]),
    )
    trade = _trade(c)
    ind = L.IND_ALL_EN.take(c[:, 4])
    legal = L.CN_LEGAL.take(lg)
    legal_var = L.CN_LEGAL.take(
        _other(rng, lg, np.zeros_like(lg), np.full_like(lg, len(V.CN_LEGAL)))
    )
    hk_legal = L.HK_LEGAL.take(L.HK_LEGAL_OF_CN[lg])
    ttype = L.TRADE_TYPE_EN.take(rng.integers(0, len(V.CN_TRADE_TYPES), party.size))
    code = _variant(varied, u, 7)
    code = np.where(zh, 9, code)
    return T.build(
        party.size,
        code,
        {
            0: lambda r: T.cat(
                city.take(r), " ", trade.take(r), " ", ind.take(r), " ", legal.take(r)
            ),
            1: lambda r: T.cat(
                split.take(r), " ", _trade_split(c[r]), " ", ind.take(r), " ", legal_var.take(r)
            ),
            2: lambda r: T.cat(
                abbr.take(r), " ", trade.take(r), " ", ind.take(r), " ", legal.take(r)
            ),
            3: lambda r: T.cat(trade.take(r), " ", ind.take(r), " ", legal_var.take(r)),
            4: lambda r: T.cat(city.take(r), " ", trade.take(r), " ", legal.take(r)),
            5: lambda r: T.cat(
                city.take(r), " ", trade.take(r), " ", ind.take(r), " ", legal_var.take(r)
            ),
            6: lambda r: T.cat(
                trade.take(r), " ", L.HK_FORM_EN.take(c[r, 5]), " ", hk_legal.take(r)
            ),
            7: lambda r: T.cat(
                city.take(r), " ", trade.take(r), " ", ttype.take(r), " ", legal.take(r)
            ),
            9: lambda r: T.cat(
                L.CITIES.zh.take(c[r, 0]), _trade_zh(c[r]), L.IND_ALL_ZH.take(c[r, 4]), ZH_LEGAL
            ),
        },
    )


def _hk_company_name(w, party, varied, u, zh, roman, rng):
    c = w.comps[party]
    trade = _trade(c)
    form = L.HK_FORM_EN.take(c[:, 5])
    usual = L.HK_LEGAL_OF_CN[w.legal[party]]
    legal = L.HK_LEGAL.take(usual)
    n_legal = len(V.HK_LEGAL_VARIANTS)
    legal_var = L.HK_LEGAL.take(
        _other(rng, usual, np.zeros_like(usual), np.full_like(usual, n_legal))
    )
    code = np.where(zh, 9, _variant(varied, u, 3))
    return T.build(
        party.size,
        code,
        {
            0: lambda r: T.cat(trade.take(r), " ", form.take(r), " ", legal.take(r)),
            1: lambda r: T.cat(_trade_split(c[r]), " ", form.take(r), " ", legal.take(r)),
            2: lambda r: T.cat(trade.take(r), " ", form.take(r), " ", legal_var.take(r)),
            3: lambda r: T.cat(trade.take(r), " ", legal.take(r)),
            9: lambda r: T.cat("香港", _trade_zh(c[r]), L.HK_FORM_ZH.take(c[r, 5]), ZH_LEGAL),
        },
    )


def _tr_company_name(w, party, varied, u, zh, roman, rng):
    c = w.comps[party]
    lg = w.legal[party]
    head = _tr_head(c)
    sector = L.TR_SECTOR.take(c[:, 2])
    legal = L.TR_LEGAL.take(lg)
    n_legal = len(V.TR_LEGAL)
    legal_var = L.TR_LEGAL.take(_other(rng, lg, np.zeros_like(lg), np.full_like(lg, n_legal)))
    code = _variant(varied, u, 3)
    return T.build(
        party.size,
        code,
        {
            0: lambda r: T.cat(head.take(r), " ", sector.take(r), " ", legal.take(r)),
            1: lambda r: T.cat(
                _tr_head(c[r], True),
                " ",
                L.TR_SECTOR_ASCII.take(c[r, 2]),
                " ",
                L.TR_LEGAL_ASCII.take(lg[r]),
            ),
            2: lambda r: T.cat(head.take(r), " ", sector.take(r), " ", legal_var.take(r)),
            3: lambda r: T.cat(head.take(r), " ", legal.take(r)),
        },
    )


def _eu_company_name(w, party, varied, u, zh, roman, rng):
    c = w.comps[party]
    lg = w.legal[party]
    style = np.maximum(L.EU_STYLE_OF_COUNTRY[w.p["country"][party]], 0)
    head = _eu_head(c)
    trade = L.EU_TRADE.values.take(c[:, 5])
    legal = L.EU_LEGAL.values.take(lg)
    legal_var = L.EU_LEGAL.values.take(
        _other(rng, lg, L.EU_LEGAL.start[style], L.EU_LEGAL.count[style])
    )
    code = _variant(varied, u, 4)
    return T.build(
        party.size,
        code,
        {
            0: lambda r: T.cat(head.take(r), " ", trade.take(r), " ", legal.take(r)),
            1: lambda r: T.cat(head.take(r), " ", trade.take(r), " ", legal_var.take(r)),
            2: lambda r: T.cat(head.take(r), " ", trade.take(r)),
            3: lambda r: T.cat(
                _eu_head(c[r], True),
                " ",
                L.EU_TRADE.folded.take(c[r, 5]),
                " ",
                L.EU_LEGAL.folded.take(lg[r]),
            ),
            4: lambda r: T.cat(head.take(r), " ", legal.take(r)),
        },
    )


def _intl_company_name(w, party, varied, u, zh, roman, rng):
    c = w.comps[party]
    lg = w.legal[party]
    country = w.p["country"][party]
    head = T.cat(L.INTL_WORD.take(c[:, 1]), " ", _invented(c, 2, 3))
    sector = L.INTL_SECTOR.take(c[:, 5])
    legal = L.INTL_LEGAL.take(lg)
    legal_var = L.INTL_LEGAL.take(
        _other(rng, lg, L.INTL_LEGAL_START[country], L.INTL_LEGAL_COUNT[country])
    )
    code = _variant(varied, u, 3)
    return T.build(
        party.size,
        code,
        {
            0: lambda r: T.cat(head.take(r), " ", sector.take(r), " ", legal.take(r)),
            1: lambda r: T.cat(head.take(r), " ", sector.take(r), " ", legal_var.take(r)),
            2: lambda r: T.cat(head.take(r), " ", sector.take(r)),
            3: lambda r: T.cat(_invented(c[r], 2, 3), " ", sector.take(r), " ", legal.take(r)),
        },
    )


def _legal_text(country: np.ndarray, lg: np.ndarray) -> pa.Array:
    """A legal form from the pool of the country's style (logistics companies)."""
    kind = np.where(
        (country == CN) | (country == HK),
        0,
        np.where(country == TR, 1, np.where(L.EU_STYLE_OF_COUNTRY[country] >= 0, 2, 3)),
    )
    return T.build(
        country.size,
        kind,
        {
            0: lambda r: T.where(
                country[r] == HK, L.HK_LEGAL.take(L.HK_LEGAL_OF_CN[lg[r]]), L.CN_LEGAL.take(lg[r])
            ),
            1: lambda r: L.TR_LEGAL.take(lg[r]),
            2: lambda r: L.EU_LEGAL.values.take(lg[r]),
            3: lambda r: L.INTL_LEGAL.take(lg[r]),
        },
    )


def _logistics_name(w, party, varied, u, zh, roman, rng):
    c = w.comps[party]
    head = T.cat(
        L.LOGI_WORD.take(c[:, 1]), opt(L.TRADE_PY, c[:, 3], " "), " ", L.LOGI_TYPE.take(c[:, 2])
    )
    legal = _legal_text(w.p["country"][party], w.legal[party])
    code = _variant(varied, u, 2)
    return T.build(
        party.size,
        code,
        {
            0: lambda r: T.cat(head.take(r), " ", legal.take(r)),
            1: lambda r: head.take(r),
            2: lambda r: T.cat(head.take(r), " ", T.upper(legal.take(r))),
        },
    )


def _store_name(w, party, varied, u, zh, roman, rng):
    c = w.comps[party]
    adj, noun = L.STORE_ADJ.take(c[:, 1]), L.STORE_NOUN.take(c[:, 2])
    suffix = L.STORE_SUFFIX.take(c[:, 3])
    number = T.blank_if(c[:, 4] < 0, T.cat(" ", T.digits(np.maximum(c[:, 4], 0))))
    code = _variant(varied, u, 3)
    return T.build(
        party.size,
        code,
        {
            0: lambda r: T.cat(adj.take(r), " ", noun.take(r), " ", suffix.take(r), number.take(r)),
            1: lambda r: T.cat(adj.take(r), noun.take(r), " ", suffix.take(r)),
            2: lambda r: T.cat(adj.take(r), " ", noun.take(r), number.take(r)),
            3: lambda r: T.lower(T.cat(adj.take(r), noun.take(r), number.take(r))),
        },
    )


def _fixed_name(w, party, varied, u, zh, roman, rng):
    f = w.comps[party, 0]
    alt = L.FIXED_VAR_START[f] + (u * L.FIXED_VAR_COUNT[f]).astype(np.int64)
    return T.where(varied, L.FIXED_VAR_POOL.take(alt), L.FIXED_POOL.take(f))


def _cn_person_name(w, party, varied, u, zh, roman, rng):
    c = w.comps[party]
    hk = w.p["country"][party] == HK
    s, g1, g2 = c[:, 1], c[:, 2], c[:, 3]
    py_sur, hk_sur = L.SURNAME_PY.take(s), L.SURNAME_HK.take(s)
    py_given = T.cat(L.GIVEN_PY.take(g1), opt(L.GIVEN_PY_LOWER, g2))
    py_split = T.cat(L.GIVEN_PY.take(g1), opt(L.GIVEN_PY, g2, " "))
    hk_given = T.cat(L.GIVEN_HK.take(g1), opt(L.GIVEN_HK, g2, " "))
    hk_hyphen = T.cat(L.GIVEN_HK.take(g1), opt(L.GIVEN_HK_LOWER, g2, "-"))
    sur = T.where(hk, hk_sur, py_sur)
    given = T.where(hk, hk_given, py_given)
    # Varied: split or hyphenated given name, or "SURNAME, Given"; other romanisation
    # (Cantonese for a mainland person, pinyin for a Hong Kong one) or given name first.
    code = np.where(varied, 1 + (u < 0.5), 0)
    code = np.where(roman, 3 + (u < 0.6), code)
    code = np.where(zh, 9, code)
    return T.build(
        party.size,
        code,
        {
            0: lambda r: T.cat(sur.take(r), " ", given.take(r)),
            1: lambda r: T.cat(
                sur.take(r), " ", T.where(hk[r], hk_hyphen.take(r), py_split.take(r))
            ),
            2: lambda r: T.cat(T.upper(sur.take(r)), ", ", given.take(r)),
            3: lambda r: T.cat(given.take(r), " ", sur.take(r)),
            4: lambda r: T.where(
                hk[r],
                T.cat(py_sur.take(r), " ", py_given.take(r)),
                T.cat(hk_sur.take(r), " ", hk_given.take(r)),
            ),
            9: lambda r: T.cat(
                L.SURNAME_ZH.take(s[r]), L.GIVEN_ZH.take(g1[r]), opt(L.GIVEN_ZH, g2[r])
            ),
        },
    )


def _eu_person_name(w, party, varied, u, zh, roman, rng):
    c = w.comps[party]
    first, last = L.EU_FIRST.values.take(c[:, 1]), L.EU_LAST.values.take(c[:, 2])
    code = _variant(varied, u, 4)
    return T.build(
        party.size,
        code,
        {
            0: lambda r: T.cat(first.take(r), " ", last.take(r)),
            1: lambda r: T.cat(last.take(r), ", ", first.take(r)),
            2: lambda r: T.cat(pc.utf8_slice_codeunits(first.take(r), 0, 1), ". ", last.take(r)),
            3: lambda r: T.cat(
                L.EU_FIRST.folded.take(c[r, 1]), " ", L.EU_LAST.folded.take(c[r, 2])
            ),
            4: lambda r: T.cat(first.take(r), " ", T.upper(last.take(r))),
        },
    )


def _tr_person_name(w, party, varied, u, zh, roman, rng):
    c = w.comps[party]
    first, last = L.TR_FIRST.take(c[:, 1]), L.TR_LAST.take(c[:, 2])
    code = _variant(varied, u, 3)
    return T.build(
        party.size,
        code,
        {
            0: lambda r: T.cat(first.take(r), " ", last.take(r)),
            1: lambda r: T.cat(L.TR_FIRST_ASCII.take(c[r, 1]), " ", L.TR_LAST_ASCII.take(c[r, 2])),
            2: lambda r: T.cat(T.upper(last.take(r)), " ", first.take(r)),
            3: lambda r: T.cat(first.take(r), " ", T.upper(last.take(r))),
        },
    )


_NAME_RENDERERS = {
    ST_CN_CO: _cn_company_name,
    ST_HK_CO: _hk_company_name,
    ST_TR_CO: _tr_company_name,
    ST_EU_CO: _eu_company_name,
    ST_INTL_CO: _intl_company_name,
    ST_LOGI: _logistics_name,
    ST_STORE: _store_name,
    ST_FIXED: _fixed_name,
    ST_CN_PERSON: _cn_person_name,
    ST_EU_PERSON: _eu_person_name,
    ST_TR_PERSON: _tr_person_name,
}

# --- Addresses ---------------------------------------------------------------------------


def addresses(
    w: World,
    addr: np.ndarray,
    varied: np.ndarray,
    u: np.ndarray,
    shout: np.ndarray,
    zh: np.ndarray,
) -> tuple[pa.Array, pa.Array, pa.Array]:
    """Address line, city and postcode of each record (``addr`` -1: all NULL)."""
    n = addr.size
    a = np.maximum(addr, 0)
    style = np.where(addr < 0, -1, w.addr["style"][a])
    lines_idx, lines_val = [], []
    for st, fn in _ADDRESS_RENDERERS.items():
        rows = np.flatnonzero(style == st)
        if rows.size:
            lines_idx.append(rows)
            lines_val.append(fn(w, a[rows], varied[rows], u[rows], zh[rows]))
    line = T.scatter(n, lines_idx, lines_val)
    # Consolidation warehouses are written with their hall number first.
    warehouse = (addr >= 0) & (w.addr["kind"][a] == A_WAREHOUSE) & (style != AS_ZONE)
    hall = T.cat(T.where(varied, "WH ", "Warehouse "), T.digits(w.addr["hall"][a]), ", ")
    line = T.where(warehouse, T.cat(hall, line), line)
    line = T.where(shout, T.upper(line), line)

    city_i = w.addr["city"][a]
    city = L.CITIES.name.take(city_i)
    city = T.where(varied & (u < 0.3), T.upper(city), city)
    city = T.where(varied & (u > 0.85), L.CITY_FOLDED.take(city_i), city)
    city = T.where(zh & (style == AS_CN), L.CITIES.zh.take(city_i), city)
    fixed = style == AS_FIXED
    hub = np.where(fixed, w.addr["fixed"][a], 0)  # the integrator whose hub it is
    city = T.where(fixed, INT_CITY.take(hub), city)
    postcode = w.addr_postcode.take(a)
    postcode = T.where(fixed, INT_POST.take(hub), postcode)
    postcode = T.where(varied & (u > 0.5), T.replace(postcode, " ", ""), postcode)
    no_city = (addr < 0) | (style == AS_PLACEHOLDER)
    empty = pc.fill_null(pc.equal(postcode, ""), True).to_numpy(zero_copy_only=False)
    return line, T.null_if(no_city, city), T.null_if(no_city | empty, postcode)


def _g(w: World, a: np.ndarray, name: str) -> np.ndarray:
    return w.addr[name][a]


def _cn_address(w, a, varied, u, zh):
    f, un, blk = _g(w, a, "floor"), _g(w, a, "unit"), _g(w, a, "block")
    b1, b2, bt = _g(w, a, "bldg1"), _g(w, a, "bldg2"), _g(w, a, "btype")
    num, street, d, rt = (
        T.digits(_g(w, a, "num")),
        _g(w, a, "street"),
        _g(w, a, "dir"),
        _g(w, a, "rtype"),
    )
    dist, city = _g(w, a, "district"), _g(w, a, "city")
    room = T.digits(np.maximum(f, 0) * 100 + np.maximum(un, 0))
    fl = T.digits(np.maximum(f, 0))
    has_f, has_b, has_bl, has_d = f >= 0, blk >= 0, b1 >= 0, dist >= 0
    letter = L.LETTERS.take(np.maximum(blk, 0))
    bname = T.cat(L.TRADE_PY.take(np.maximum(b1, 0)), L.TRADE_LOW.take(b2))
    road_en = T.cat(L.ROAD_PY.take(street), opt(L.DIR_EN, d, " "), " ", L.RTYPE_EN.take(rt))
    road_ab = T.cat(L.ROAD_PY.take(street), opt(L.DIR_EN, d, " "), " ", L.RTYPE_ABBR.take(rt))
    road_py = T.cat(L.ROAD_PY.take(street), opt(L.DIR_PY, d, " "), " ", L.RTYPE_PY.take(rt))
    district = L.CITIES.district.take(np.maximum(dist, 0))
    usual = T.cat(
        T.blank_if(~has_f, T.cat("Room ", room, ", ", fl, "/F, ")),
        T.blank_if(~has_b, T.cat("Block ", letter, ", ")),
        T.blank_if(~has_bl, T.cat(bname, " ", L.BLDG_EN.take(bt), ", ")),
        "No. ",
        num,
        " ",
        road_en,
        T.blank_if(~has_d, T.cat(", ", district, " District")),
    )
    code = np.where(zh, 9, _variant(varied, u, 5))

    def abbreviated(r):
        return T.cat(
            T.blank_if(~has_f[r], T.cat("Rm ", room.take(r), ", ", fl.take(r), "F, ")),
            T.blank_if(~has_b[r], T.cat("Blk ", letter.take(r), ", ")),
            T.blank_if(~has_bl[r], T.cat(bname.take(r), " ", L.BLDG_ABBR.take(bt[r]), ", ")),
            num.take(r),
            " ",
            road_ab.take(r),
            T.blank_if(~has_d[r], T.cat(", ", district.take(r), " Dist.")),
        )

    def pinyin(r):
        return T.cat(
            T.blank_if(~has_f[r], T.cat("Room ", room.take(r), ", ")),
            "No. ",
            num.take(r),
            " ",
            road_py.take(r),
            T.blank_if(~has_d[r], T.cat(", ", district.take(r), " Qu")),
        )

    def reversed_(r):
        return T.cat(
            L.CITIES.province.take(city[r]),
            " Province, ",
            L.CITIES.name.take(city[r]),
            " City, ",
            T.blank_if(~has_d[r], T.cat(district.take(r), " District, ")),
            road_en.take(r),
            " No. ",
            num.take(r),
            T.blank_if(~has_bl[r], T.cat(", ", bname.take(r), " ", L.BLDG_EN.take(bt[r]))),
            T.blank_if(~has_f[r], T.cat(", Room ", room.take(r))),
        )

    def chinese(r):
        return T.cat(
            L.CITIES.province_zh.take(city[r]),
            "省",
            L.CITIES.zh.take(city[r]),
            "市",
            T.blank_if(~has_d[r], T.cat(L.CITIES.district_zh.take(np.maximum(dist[r], 0)), "区")),
            L.ROAD_ZH.take(street[r]),
            opt(L.DIR_ZH, d[r]),
            L.RTYPE_ZH.take(rt[r]),
            num.take(r),
            "号",
            T.blank_if(
                ~has_bl[r],
                T.cat(
                    L.TRADE_ZH.take(np.maximum(b1[r], 0)),
                    L.TRADE_ZH.take(b2[r]),
                    L.BLDG_ZH.take(bt[r]),
                ),
            ),
            T.blank_if(~has_b[r], T.cat(letter.take(r), "座")),
            T.blank_if(~has_f[r], T.cat(room.take(r), "室")),
        )

    return T.build(
        a.size,
        code,
        {
            0: lambda r: usual.take(r),
            1: abbreviated,
            2: pinyin,
            3: reversed_,
            4: lambda r: T.cat("No. ", num.take(r), " ", road_en.take(r)),
            5: lambda r: T.cat(
                usual.take(r),
                ", ",
                L.CITIES.name.take(city[r]),
                ", ",
                L.CITIES.province.take(city[r]),
                " ",
                w.addr_postcode.take(a[r]),
            ),
            9: chinese,
        },
    )


def _hk_address(w, a, varied, u, zh):
    f, un = _g(w, a, "floor"), _g(w, a, "unit")
    nh = len(V.HK_STREET_STEMS)
    b2, bt = _g(w, a, "bldg2"), _g(w, a, "btype")
    num, street = T.digits(_g(w, a, "num")), L.HK_STREET.take(_g(w, a, "street"))
    d = b2 % len(V.HK_DISTRICTS)
    district, region = L.HK_DISTRICT.take(d), L.HK_REGION.take(d)
    has_f = f >= 0
    room = T.digits(np.maximum(f, 0) * 100 + np.maximum(un, 0))
    fl = T.digits(np.maximum(f, 0))
    bname = L.HK_STREET.take((b2 + 7) % nh)
    btype = L.HK_BTYPE.take(bt % len(V.HK_BUILDING_TYPES))
    unit = T.blank_if(~has_f, T.cat("Room ", room, ", ", fl, "/F, "))
    usual = T.cat(
        unit, bname, " ", btype, ", ", num, " ", street, " Road, ", district, ", ", region
    )
    code = _variant(varied, u, 4)
    return T.build(
        a.size,
        code,
        {
            0: lambda r: usual.take(r),
            1: lambda r: T.cat(
                T.blank_if(~has_f[r], T.cat("Rm ", room.take(r), " ", fl.take(r), "/F ")),
                bname.take(r),
                " ",
                L.HK_BTYPE_ABBR.take(bt[r] % len(V.HK_BUILDING_TYPES)),
                " ",
                num.take(r),
                " ",
                street.take(r),
                " Rd ",
                district.take(r),
            ),
            2: lambda r: T.cat(
                bname.take(r),
                " ",
                btype.take(r),
                ", ",
                T.blank_if(~has_f[r], T.cat("Unit ", room.take(r), ", ")),
                num.take(r),
                " ",
                street.take(r),
                " Road, ",
                district.take(r),
            ),
            3: lambda r: T.cat(num.take(r), " ", street.take(r), " Road, ", district.take(r)),
            4: lambda r: T.cat(usual.take(r), ", Hong Kong"),
        },
    )


def _tr_address(w, a, varied, u, zh):
    f, un, num = _g(w, a, "floor"), _g(w, a, "unit"), T.digits(_g(w, a, "num"))
    street, street_a = (
        L.TR_STREET.take(_g(w, a, "street")),
        L.TR_STREET_ASCII.take(_g(w, a, "street")),
    )
    dist = _g(w, a, "district")
    district = T.blank_if(dist < 0, L.CITIES.district.take(np.maximum(dist, 0)))
    kat = T.blank_if(f < 0, T.cat(" Kat:", T.digits(np.maximum(f, 0))))
    door = T.blank_if(un < 0, T.cat(" D:", T.digits(np.maximum(un, 0))))
    tail = T.blank_if(dist < 0, T.cat(", ", district))
    usual = T.cat(street, " Sokak No:", num, kat, door, tail)
    code = _variant(varied, u, 4)
    return T.build(
        a.size,
        code,
        {
            0: lambda r: usual.take(r),
            1: lambda r: T.cat(
                street.take(r),
                " Sok. No.",
                num.take(r),
                T.replace(kat.take(r), "Kat:", "K."),
                T.replace(door.take(r), "D:", "D."),
                " ",
                district.take(r),
                " Mah.",
            ),
            2: lambda r: T.cat(
                street_a.take(r), " Sokak No:", num.take(r), kat.take(r), door.take(r), tail.take(r)
            ),
            3: lambda r: T.cat(district.take(r), " Mah. ", street.take(r), " Sk. No ", num.take(r)),
            4: lambda r: T.cat(
                usual.take(r),
                ", ",
                w.addr_postcode.take(a[r]),
                " ",
                L.CITIES.name.take(_g(w, a[r], "city")),
            ),
        },
    )


def _fill(template: str, s: pa.Array, n: pa.Array, u: pa.Array | None = None) -> pa.Array:
    """Fill a street template: {s} street, {n} number, {u} unit."""
    parts: list[pa.Array | str] = []
    rest = template
    slots = {"{s}": s, "{n}": n, "{u}": u}
    while rest:
        positions = [(rest.find(k), k) for k in slots if rest.find(k) >= 0]
        if not positions:
            parts.append(rest)
            break
        pos, key = min(positions)
        if pos:
            parts.append(rest[:pos])
        parts.append(slots[key])
        rest = rest[pos + len(key) :]
    arrays = [p for p in parts if not isinstance(p, str)]
    return T.cat(*parts) if arrays else T.cat(s, template)


def _eu_address(w, a, varied, u, zh):
    style = np.maximum(L.EU_STYLE_OF_COUNTRY[_g(w, a, "country")], 0)
    street_i = _g(w, a, "street")
    unit = _g(w, a, "unit")
    num = T.digits(_g(w, a, "num"))
    code = _variant(varied, u, 4)
    out_idx, out_val = [], []
    for k, (usual, abbr, alt, unit_t) in enumerate(L.EU_STREET_FORMS):
        rows = np.flatnonzero(style == k)
        if not rows.size:
            continue
        s = L.EU_STREET.values.take(street_i[rows])
        s_f = L.EU_STREET.folded.take(street_i[rows])
        n = num.take(rows)
        un = T.digits(np.maximum(unit[rows], 0))
        unit_part = T.blank_if(unit[rows] < 0, _fill(unit_t, s, n, un))
        line = T.cat(_fill(usual, s, n), unit_part)
        out_idx.append(rows)
        out_val.append(
            T.build(
                rows.size,
                code[rows],
                {
                    0: lambda r, line=line: line.take(r),
                    1: lambda r, s=s, n=n, up=unit_part, t=abbr: T.cat(
                        _fill(t, s.take(r), n.take(r)), up.take(r)
                    ),
                    2: lambda r, s=s_f, n=n, up=unit_part, t=alt: T.cat(
                        _fill(t, s.take(r), n.take(r)), up.take(r)
                    ),
                    3: lambda r, s=s, n=n, t=usual: _fill(t, s.take(r), n.take(r)),
                    4: lambda r, line=line, rows=rows: T.cat(
                        line.take(r),
                        ", ",
                        pc.coalesce(T.cat(w.addr_postcode.take(a[rows[r]]), " "), ""),
                        L.CITIES.name.take(_g(w, a[rows[r]], "city")),
                    ),
                },
            )
        )
    return T.scatter(a.size, out_idx, out_val)


def _intl_address(w, a, varied, u, zh):
    num, street = T.digits(_g(w, a, "num")), L.INTL_STREET.take(_g(w, a, "street"))
    unit = _g(w, a, "unit")
    unit_part = T.blank_if(unit < 0, T.cat("Unit ", T.digits(np.maximum(unit, 0)), ", "))
    code = _variant(varied, u, 2)
    return T.build(
        a.size,
        code,
        {
            0: lambda r: T.cat(unit_part.take(r), num.take(r), " ", street.take(r), " Road"),
            1: lambda r: T.cat(num.take(r), " ", street.take(r), " Rd"),
            2: lambda r: T.cat(
                unit_part.take(r),
                num.take(r),
                " ",
                street.take(r),
                " Road, ",
                L.CITIES.name.take(_g(w, a[r], "city")),
            ),
        },
    )


def _zone_address(w, a, varied, u, zh):
    num, zone = T.digits(_g(w, a, "num")), _g(w, a, "street")
    return T.where(
        varied,
        T.cat("WH-", num, ", ", L.ZONE_ABBR.take(zone)),
        T.cat("Warehouse ", num, ", ", L.ZONE_NAME.take(zone)),
    )


def _fixed_address(w, a, varied, u, zh):
    return INT_STREET.take(_g(w, a, "fixed"))


def _placeholder_address(w, a, varied, u, zh):
    return ADDR_PH_TEXT.take(_g(w, a, "fixed"))


_ADDRESS_RENDERERS = {
    AS_CN: _cn_address,
    AS_HK: _hk_address,
    AS_TR: _tr_address,
    AS_EU: _eu_address,
    AS_INTL: _intl_address,
    AS_ZONE: _zone_address,
    AS_FIXED: _fixed_address,
    AS_PLACEHOLDER: _placeholder_address,
}

# --- Identifiers -------------------------------------------------------------------------

#: Phone formats: +cc grouped, +cc compact, 00cc dashed, national grouped, cc-nsn,
#: (+cc) dashed, national compact, national with a dash after the area code.
N_PHONE_FORMATS = 8
PHONE_FORMAT_WEIGHTS = np.array([20.0, 15, 10, 15, 5, 5, 20, 10])


def phones(w: World, ph: np.ndarray, fmt: np.ndarray) -> pa.Array:
    """Each record's phone as written (``ph`` -1: NULL); placeholders as themselves."""
    n = ph.size
    i = np.maximum(ph, 0)
    placeholder = w.phones["placeholder"][i]
    country = np.maximum(w.phones["country"][i], 0)
    length, area = w.phones["length"][i], w.phones["area_len"][i]
    nsn = T.digits(w.phones["nsn"][i])
    cc = L.CALLING_CODE.take(country)
    # Chinese mobiles are written without the trunk 0; landlines and most others with it.
    trunk = T.blank_if(
        (country == L.COUNTRY_INDEX["CN"]) & (area == 0), L.TRUNK_PREFIX.take(country)
    )
    g1_len = np.where(area > 0, area, np.where(length <= 8, 4, 3))
    rest = length - g1_len
    g2_len = np.where(rest > 4, (rest + 1) // 2, rest)
    g1, g2, g3 = _groups(nsn, g1_len, g2_len)
    has3 = pc.not_equal(g3, "")
    sp3 = T.where(has3.to_numpy(zero_copy_only=False), T.cat(" ", g3), "")
    dash3 = T.where(has3.to_numpy(zero_copy_only=False), T.cat("-", g3), "")
    out = T.build(
        n,
        np.minimum(fmt, N_PHONE_FORMATS - 1),
        {
            0: lambda r: T.cat("+", cc.take(r), " ", g1.take(r), " ", g2.take(r), sp3.take(r)),
            1: lambda r: T.cat("+", cc.take(r), nsn.take(r)),
            2: lambda r: T.cat("00", cc.take(r), "-", g1.take(r), "-", g2.take(r), dash3.take(r)),
            3: lambda r: T.cat(trunk.take(r), g1.take(r), " ", g2.take(r), sp3.take(r)),
            4: lambda r: T.cat(cc.take(r), "-", nsn.take(r)),
            5: lambda r: T.cat("(+", cc.take(r), ") ", g1.take(r), "-", g2.take(r), dash3.take(r)),
            6: lambda r: T.cat(trunk.take(r), nsn.take(r)),
            7: lambda r: T.cat(trunk.take(r), g1.take(r), "-", g2.take(r), g3.take(r)),
        },
    )
    out = T.where(placeholder >= 0, PH_TEXT.take(np.maximum(placeholder, 0)), out)
    return T.null_if(ph < 0, out)


def _groups(nsn: pa.Array, g1_len: np.ndarray, g2_len: np.ndarray):
    """Split digit strings into three groups of per-row lengths."""
    n = len(nsn)
    combos = g1_len * 100 + g2_len
    idx, p1, p2, p3 = [], [], [], []
    for combo in np.unique(combos):
        rows = np.flatnonzero(combos == combo)
        a, b = int(combo // 100), int(combo % 100)
        sub = nsn.take(rows)
        idx.append(rows)
        p1.append(pc.utf8_slice_codeunits(sub, 0, a))
        p2.append(pc.utf8_slice_codeunits(sub, a, a + b))
        p3.append(pc.utf8_slice_codeunits(sub, a + b, 64))
    return T.scatter(n, idx, p1), T.scatter(n, idx, p2), T.scatter(n, idx, p3)


def phone_e164(w: World) -> pa.Array:
    """Every phone identifier's canonical value (+cc and national number)."""
    country = np.maximum(w.phones["country"], 0)
    value = T.cat("+", L.CALLING_CODE.take(country), T.digits(w.phones["nsn"]))
    ph = w.phones["placeholder"]
    return T.where(ph >= 0, PH_TEXT.take(np.maximum(ph, 0)), value)


def emails(w: World, em: np.ndarray, fmt: np.ndarray) -> pa.Array:
    """Each record's email as written: usual, upper case, or capitalised."""
    value = w.email_value.take(np.maximum(em, 0))
    value = T.where(fmt == 1, T.upper(value), value)
    value = T.where(fmt == 2, pc.utf8_capitalize(value), value)
    return T.null_if(em < 0, value)


def taxes(w: World, tx: np.ndarray, fmt: np.ndarray) -> pa.Array:
    """Each record's tax id as written: usual, labelled, spaced after the prefix, lower."""
    value = w.tax_value.take(np.maximum(tx, 0))
    ioss = pc.starts_with(value, "IM").to_numpy(zero_copy_only=False)
    uscc = (pc.utf8_length(value).to_numpy(zero_copy_only=False) == 18) & pc.starts_with(
        value, "91"
    ).to_numpy(zero_copy_only=False)
    label = T.where(ioss, "IOSS ", T.where(uscc, "USCC: ", "EORI: "))
    spaced = T.cat(pc.utf8_slice_codeunits(value, 0, 2), " ", pc.utf8_slice_codeunits(value, 2, 64))
    value = T.build(
        value.__len__(),
        fmt,
        {
            0: lambda r: value.take(r),
            1: lambda r: T.cat(label.take(r), value.take(r)),
            2: lambda r: spaced.take(r),
            3: lambda r: T.lower(value.take(r)),
        },
    )
    return T.null_if(tx < 0, value)


def websites(w: World, wb: np.ndarray, fmt: np.ndarray) -> pa.Array:
    """Each record's website: usual, with http:// or https://, or without www."""
    value = w.web_value.take(np.maximum(wb, 0))
    value = T.build(
        len(value),
        fmt,
        {
            0: lambda r: value.take(r),
            1: lambda r: T.cat("http://", value.take(r)),
            2: lambda r: T.cat("https://", value.take(r)),
            3: lambda r: pc.replace_substring(value.take(r), "www.", "", max_replacements=1),
        },
    )
    return T.null_if(wb < 0, value)
