"""Normalisers: party names, addresses, phones, e-mails, tax ids and websites to keys.

Each ``normalize_*`` function is pure and total: any input (None, NaN, numbers, emoji,
control characters, 10,000 characters, mixed scripts) gives a frozen key object, never an
exception. When a value cannot give a usable key the key is empty and ``reason`` says why
(the ``*_REASONS`` dictionaries list the codes). The keys feed blocking (equal keys meet)
and scoring (keys compared field by field); the raw value stays with the record as
evidence.

The column versions in :mod:`netlink.resolve._columns` apply these functions once per
distinct value.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, NamedTuple

import phonenumbers

from netlink.contract import COUNTRY_ALIASES
from netlink.resolve._text import (
    HAN_RUN_RE,
    HanLexicon,
    as_text,
    fold,
    has_han,
    is_pinyin,
    pinyin,
    pinyin_syllables,
    script_of,
    segment_han,
)
from netlink.resolve._vocab import (
    ABBREVIATION_COUNTRIES,
    ADDRESS_WORDS,
    ADMIN_SUFFIXES,
    BRANDS,
    BUILDING_ID_WORDS,
    COUNTRY_NAMES,
    DISTRICT_CITY,
    DOTLESS_MAIL,
    EMAIL_PLACEHOLDER_DOMAINS,
    EMAIL_PLACEHOLDER_LOCALS,
    EORI_PREFIXES,
    FILLER_WORDS,
    FREEMAIL_BRANDS,
    FREEMAIL_DOMAINS,
    GIVEN_NAMES,
    HAN_ADDRESS_WORDS,
    HAN_NAME_WORDS,
    HAN_SURNAMES,
    HONG_KONG,
    INDUSTRY_SUFFIXES,
    INDUSTRY_WORDS,
    IOSS_STATES,
    LEGAL_FORMS,
    LEGAL_PREFIX_FORMS,
    NAME_PARTICLES,
    NAME_REGIONS,
    PLACE_ABBREVIATIONS,
    PLACE_CITY,
    PLACE_COUNTRY,
    PLACE_DISTRICT,
    PLACE_REGION,
    PLACEHOLDERS,
    PLACES,
    PLUS_TAG_MAIL,
    ROAD_SUFFIXES,
    SECTOR_WORDS,
    STORE_QUERY_KEYS,
    STORE_WORDS,
    SURNAME_RANK,
    SURNAME_READINGS,
    SURNAMES,
    TITLES,
    WEB_SUFFIXES,
    squash,
)

__all__ = [
    "ADDRESS_REASONS",
    "EMAIL_REASONS",
    "NAME_REASONS",
    "PHONE_REASONS",
    "TAX_ID_REASONS",
    "AddressKey",
    "EmailKey",
    "NameKey",
    "PhoneKey",
    "TaxIdKey",
    "normalize_address",
    "normalize_email",
    "normalize_name",
    "normalize_phone",
    "normalize_tax_id",
    "normalize_website",
]

# --- shared ------------------------------------------------------------------------------

#: Longest text read from one value; longer values are cut (reason too_long_truncated).
#: Real party names stay far below; the bound keeps a pathological cell from costing time.
MAX_CHARS: Final[int] = 300

# Apostrophes join what they separate ("Xi'an", "Bao'an", "O'Brien").
_NO_APOSTROPHES = str.maketrans(dict.fromkeys("'’‘`´ʼ′", None))
_NON_WORD_RE = re.compile(r"[\W_]+")
_WORD_RE = re.compile(r"[^\W_]+")
# Characters people type into a form field they cannot fill: "-", "?", "/", "...".
_FILLER_PUNCT_RE = re.compile(r"[\s\-–—?./*_\\|~]+")
_PLACEHOLDER_RUN_RE = re.compile(r"x+|0+")


def _country(country: object) -> str | None:
    """An ISO alpha-2 code from a record's country cell, or None."""
    text = as_text(country)
    return None if text is None else _iso_code(text)


@lru_cache(maxsize=1 << 12)
def _iso_code(text: str) -> str | None:
    text = text.strip().upper()
    if len(text) == 2 and text.isascii() and text.isalpha():
        return COUNTRY_ALIASES.get(text, text)
    return None


def _abbreviation_country(country: object) -> str | None:
    """The part of a record's country that :func:`normalize_name` depends on.

    City abbreviations ("GZ Xinghui") are read in names from CN, HK, MO, TW or an unknown
    country (None); every other country acts alike, as "ZZ".
    """
    iso = _country(country)
    return None if iso is None or iso in ABBREVIATION_COUNTRIES else "ZZ"


def _clip(text: str, limit: int = MAX_CHARS) -> tuple[str, bool]:
    text = text.strip()
    return (text[:limit], True) if len(text) > limit else (text, False)


def _blank_reason(text: str) -> str:
    """Why a value without letters or digits gives no key."""
    return "placeholder" if _FILLER_PUNCT_RE.fullmatch(text) else "punctuation_only"


def _is_placeholder(squashed: str) -> bool:
    return squashed in PLACEHOLDERS or _PLACEHOLDER_RUN_RE.fullmatch(squashed) is not None


# --- names -------------------------------------------------------------------------------

#: Reason codes of :class:`NameKey` (empty string: a usable key).
NAME_REASONS: Final[dict[str, str]] = {
    "empty": "no value",
    "placeholder": "a stand-in such as N/A, unknown, TBA, to order, xxx or '-'",
    "punctuation_only": "no letters or digits (punctuation, symbols, emoji)",
    "legal_form_only": "only a legal form ('Co., Ltd'): the core is empty",
    "generic": "only place and industry words ('Guangzhou Trading Co'): a weak core",
    "no_letters": "digits only",
    "too_long_truncated": f"longer than {MAX_CHARS} characters; the start was used",
}


@dataclass(frozen=True, slots=True)
class NameKey:
    """The normalised forms of a party name.

    Attributes
    ----------
    text
        The whole name: case-folded ASCII (Chinese characters in pinyin, one word per
        known word or unknown run), punctuation removed, the legal form replaced by its
        code.
    core
        The distinctive words only: no legal form, industry words, place qualifiers,
        titles or fillers. Runs of pinyin words are joined ("xing hui" -> "xinghui") in
        company names, as Chinese writes a trade name without spaces.
    tokens
        ``core`` split into words.
    squashed
        ``core`` without spaces: "Xing Hui" and "Xinghui" agree here even in personal
        names, whose words are not joined.
    legal_form
        Canonical legal-form code ("ltd", "gmbh", "srl", "sarl", "bv", "spzoo", "ltdsti",
        "corp", "inc", "llc", "co", ...) or "".
    place
        The first place named as a qualifier ("guangzhou" for "GZ Xinghui" or
        "Guangzhou Baiyun Xinghui ...", "hongkong" for "Xinghui (HK) ..."), or "".
    hk_sister
        The name carries a Hong Kong qualifier that was removed from the core
        ("Xinghui (HK) Trading Limited"): the usual naming of a mainland firm's Hong Kong
        sister, which a matcher may link to the mainland firm of the same core.
    is_person
        Heuristic: no legal form, industry or place word, and two or three alphabetic
        words (or a Chinese name of two to four characters starting with a surname).
    person_key
        For persons, an order-independent key. When a word is a Chinese surname in any
        romanisation (Zhang, Cheung, Chang; Chen, Chan; Li, Lee; ...), "surname|given"
        with the surname folded to pinyin and the given name's syllables joined, so
        "Cheung Wai Man", "Wai Man Cheung" and "Zhang Waiman" agree; otherwise the words
        sorted and joined by spaces.
    person_alt_keys
        Further readings of an ambiguous romanisation: "Wong" is 黄 Huang (the commonest
        Hong Kong surname) or 王 Wang, so "Wong Ka Wai" has key "huang|kawai" and
        alternative "wang|kawai". Block on both to keep recall.
    script
        Writing system of the raw value: latin, han, cyrillic, arabic, other, mixed or
        none.
    reason
        "" or a code of :data:`NAME_REASONS`.
    """

    text: str = ""
    core: str = ""
    tokens: tuple[str, ...] = ()
    squashed: str = ""
    legal_form: str = ""
    place: str = ""
    hk_sister: bool = False
    is_person: bool = False
    person_key: str = ""
    person_alt_keys: tuple[str, ...] = ()
    script: str = "none"
    reason: str = ""


# One vocabulary for names, squashed phrase -> (category, canonical form). Later entries
# win: Chinese places over the countries ("China"), legal forms over everything.
_NAME_VOCAB: dict[str, tuple[str, str]] = {}
for _w in INDUSTRY_WORDS:
    _NAME_VOCAB[_w] = ("industry", _w)
for _w in FILLER_WORDS:
    _NAME_VOCAB[_w] = ("filler", _w)
for _w, _canon in NAME_REGIONS.items():
    _NAME_VOCAB[_w] = ("place", _canon)
for _w, (_canon, _kind) in PLACES.items():
    _NAME_VOCAB[_w] = ("district" if _kind == PLACE_DISTRICT else "place", _canon)
for _w, _canon in BRANDS.items():
    _NAME_VOCAB[_w] = ("brand", _canon)
for _w, _code in LEGAL_FORMS.items():
    _NAME_VOCAB[_w] = ("legal", _code)


def _steps(vocab: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str] | None]:
    """Every prefix of a vocabulary key -> the entry it completes, or None.

    Extending a window of words stops as soon as the joined words cannot begin any
    entry, so matching costs one lookup per word for most words.
    """
    steps: dict[str, tuple[str, str] | None] = {
        k[:i]: None for k in vocab for i in range(1, len(k) + 1)
    }
    steps.update(vocab)
    return steps


_NAME_STEPS = _steps(_NAME_VOCAB)
# A brand names the firm only in front; elsewhere its words are read without the brands
# ("Xinghui Federal Express Agency" is no FedEx).
_PLAIN_STEPS = _steps({k: v for k, v in _NAME_VOCAB.items() if v[0] != "brand"})
_NOT_A_PREFIX: Final = ("", "")
_MAX_WINDOW = 6
_HAN_NAME_LEXICON = HanLexicon(HAN_NAME_WORDS)
# Categories that may follow the last distinctive word: legal forms are read there (and
# in front of the name for the prefix forms), never in the middle of a name.
_TRAILING = frozenset({"legal", "industry", "place", "district", "admin", "filler"})

# Typos in vocabulary words ("Exxpress", "XEPRESS", "Limtied") would keep them in the
# core. A word of five letters or more that is one slip away from exactly one entry of
# these categories reads as that entry: two neighbouring letters swapped, or, keeping the
# first letter, one letter dropped, doubled or mistyped. A five-letter entry is not
# matched through a mistyped letter, which would read "foods" as "goods" and "match" as
# "watch"; pinyin words and known personal names are never typos (trade names and
# people's names, not misspellings).
_TYPO_MIN = 5
_TYPO_CATEGORIES = frozenset({"industry", "legal", "place", "district", "brand"})
# The entries, indexed by themselves and by each form with one letter deleted: a word and
# an entry one slip apart share one of these keys (symmetric deletion).
_TYPO_INDEX: dict[str, list[str]] = {}
for _w, (_cat, _) in _NAME_VOCAB.items():
    if len(_w) >= _TYPO_MIN and _cat in _TYPO_CATEGORIES:
        for _k in {_w, *(_w[:_i] + _w[_i + 1 :] for _i in range(len(_w)))}:
            _TYPO_INDEX.setdefault(_k, []).append(_w)
_PERSON_NAMES = GIVEN_NAMES | SURNAMES | frozenset(SURNAME_READINGS)


def _one_slip(word: str, entry: str) -> bool:
    """Whether ``word`` is ``entry`` with one slip of the kind described above."""
    n, m = len(word), len(entry)
    i = 0
    while i < n and i < m and word[i] == entry[i]:
        i += 1
    if n == m:
        if i == n:
            return False
        if word[i + 1 :] == entry[i + 1 :]:  # a mistyped letter
            return i > 0 and m > _TYPO_MIN
        return (
            i + 1 < n
            and word[i] == entry[i + 1]
            and word[i + 1] == entry[i]
            and word[i + 2 :] == entry[i + 2 :]
        )
    if n == m - 1:  # a letter dropped
        return i > 0 and word[i:] == entry[i + 1 :]
    if n == m + 1:  # a letter added
        return i > 0 and word[i + 1 :] == entry[i:]
    return False


@lru_cache(maxsize=1 << 18)
def _typo_of(word: str) -> tuple[str, str] | None:
    """The vocabulary entry (category, canonical) a word is a typo of, or None."""
    if len(word) < _TYPO_MIN or not word.isalpha() or word in _PERSON_NAMES:
        return None
    found = {
        _NAME_VOCAB[entry]
        for key in (word, *(word[:i] + word[i + 1 :] for i in range(len(word))))
        for entry in _TYPO_INDEX.get(key, ())
        if _one_slip(word, entry)
    }
    if not found or is_pinyin(word):
        return None
    if len(found) == 1:
        return found.pop()
    # Near two industry words ("tradrs": traders, trades): an industry word either way.
    if found and all(cat == "industry" for cat, _ in found):
        return min(found)
    return None


def _han_person(text: str) -> list[str] | None:
    """[surname, given name] in pinyin when a Chinese-character name looks personal."""
    compact = _NON_WORD_RE.sub("", text)
    if not 2 <= len(compact) <= 4 or HAN_RUN_RE.fullmatch(compact) is None:
        return None
    if any(_HAN_NAME_LEXICON.match(compact, i) for i in range(len(compact))):
        return None  # a company, industry or place word
    for size in (2, 1):
        surname = HAN_SURNAMES.get(compact[:size])
        if surname is not None and 1 <= len(compact) - size <= 2:
            given = pinyin(compact[size:])
            return [surname, given[0]] if len(given) == 1 and given[0].isascii() else None
    return None


_LETTERS_DIGITS_RE = re.compile(r"([^\W\d_]+)(\d+)")


@lru_cache(maxsize=1 << 18)
def _split_suffix(token: str) -> tuple[str, ...]:
    """Split compounds ending in industry words: "schuhhandel" -> schuh, handel.

    Also an industry word glued to a name ("dhlexpress" -> dhl, express), and before a
    store number ("primeshoes524" -> prime, shoes, 524). Repeated until the first part
    ends in none, so splitting the parts again changes nothing (normalising a normalised
    name gives it back).
    """
    if token in _NAME_VOCAB:
        return (token,)
    if not token.isalpha():
        glued = _LETTERS_DIGITS_RE.fullmatch(token)
        if glued is not None and len(parts := _split_suffix(glued.group(1))) > 1:
            return (*parts, glued.group(2))
        return (token,)
    for suffix in INDUSTRY_SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            return (*_split_suffix(token[: -len(suffix)]), suffix)
    return (token,)


# Letters with dots between them are one abbreviation: "S.A.R.L." is "sarl", "Sh.p.k." is
# "sh pk", not single letters that a longest match could join to the word before
# ("Trading S.A.R.L." read as "tradings a r l").
_DOTTED_RE = re.compile(r"(?<!\w)[^\W\d_](?:\.[^\W\d_])+(?!\w)\.?")


def _undot(match: re.Match[str]) -> str:
    return match.group().replace(".", "")


# A name written as a web address: "www." and the domain ending go ("Temu.com",
# "Amazon.de Marketplace", "www.xinghui.com.cn").
_WEB_RE = re.compile(
    r"\.(?<=[^\W_]{2}\.)(?:(?:com?|net|org)\.)?(?:" + "|".join(WEB_SUFFIXES) + r")\b(?!\.\w)"
)
_WWW_NAME_RE = re.compile(r"\bwww\.")


def _latin_tokens(text: str) -> list[str]:
    text = fold(text).translate(_NO_APOSTROPHES)
    if "." in text:
        if "www." in text:
            text = _WWW_NAME_RE.sub(" ", text)
        text = _DOTTED_RE.sub(_undot, _WEB_RE.sub(" ", text))
    out: list[str] = []
    for w in _WORD_RE.findall(text):
        if len(w) < 7:
            out.append(w)
        else:
            out.extend(_split_suffix(w))
    return out


def _name_tokens(text: str) -> tuple[list[str], bool]:
    """Words of a name (Chinese characters segmented into pinyin), and a personal flag."""
    if not has_han(text):
        return _latin_tokens(text), False
    person = _han_person(text)
    if person is not None:
        return person, True
    tokens: list[str] = []
    han_runs = HAN_RUN_RE.findall(text)
    for i, piece in enumerate(HAN_RUN_RE.split(text)):
        tokens.extend(_latin_tokens(piece))
        if i < len(han_runs):
            tokens.extend(segment_han(han_runs[i], _HAN_NAME_LEXICON))
    return tokens, False


def _segments(tokens: list[str], brands: bool = True) -> list[list]:
    """Greedy longest-match segmentation: [category, canonical, start, end] per segment.

    ``brands=False`` reads brand names as ordinary words.
    """
    segs: list[list] = []
    step = (_NAME_STEPS if brands else _PLAIN_STEPS).get
    i, n = 0, len(tokens)
    while i < n:
        key = tokens[i]
        best, end = step(key, _NOT_A_PREFIX), i + 1
        if best is _NOT_A_PREFIX:  # the common case: an ordinary word, or a typo
            typo = _typo_of(key) if len(key) >= _TYPO_MIN else None
            if typo is None or (not brands and typo[0] == "brand"):
                segs.append(["other", key, i, i + 1])
            else:
                segs.append([typo[0], typo[1], i, i + 1])
            i += 1
            continue
        for j in range(i + 1, min(n, i + _MAX_WINDOW)):
            key += tokens[j]
            hit = step(key, _NOT_A_PREFIX)
            if hit is _NOT_A_PREFIX:
                break
            if hit is not None:
                best, end = hit, j + 1
        if best is None:  # a prefix of entries only ("tradin"): ordinary, or a typo
            typo = _typo_of(tokens[i]) if len(tokens[i]) >= _TYPO_MIN else None
            if typo is None or (not brands and typo[0] == "brand"):
                segs.append(["other", tokens[i], i, i + 1])
            else:
                segs.append([typo[0], typo[1], i, i + 1])
            end = i + 1
        else:
            segs.append([best[0], best[1], i, end])
        i = end
    return segs


def _as_other(segs: list[list], k: int, tokens: list[str]) -> None:
    """Re-read segment k as ordinary words (one segment per word)."""
    _, _, start, end = segs[k]
    segs[k : k + 1] = [["other", tokens[t], t, t + 1] for t in range(start, end)]


def _pick_legal(codes: list[str]) -> str:
    # "Co" is the weakest form ("Co., Ltd" is a limited company): any other code wins.
    strong = [c for c in codes if c != "co"]
    return strong[-1] if strong else (codes[-1] if codes else "")


def _join_pinyin(words: list[tuple[int, str]]) -> list[str]:
    """Join runs of adjacent pinyin words: [(3, "xing"), (4, "hui")] -> ["xinghui"]."""
    out: list[str] = []
    run_end = -2
    for pos, word in words:
        if is_pinyin(word):
            if pos == run_end + 1 and out:
                out[-1] += word
            else:
                out.append(word)
            run_end = pos
        else:
            out.append(word)
            run_end = -2
    return out


_VOWEL_RE = re.compile("[aeiouy]")
# A word written as Chinese syllables in any romanisation: pinyin, Cantonese ("cheung",
# "kwok", "sze"), Wade-Giles ("hsieh"), Hokkien ("ng").
_SYLLABLES_RE = re.compile(
    r"(?:(?:zh|ch|sh|ng|kw|gw|ts|tz|sz|hs|ph|th|kh|[bcdfghjklmnpqrstwxyz])?"
    r"[aeiouv]{1,3}(?:ng|[nmptkhw])?)+|ng"
)


def _personal(segs: list[list], tokens: list[str]) -> bool:
    """Whether a name's segments read as a person's name.

    Only ordinary words, name particles ("van", "de"), a title in front and, after a
    Chinese surname, given names that are places ("Chen Linyi") may occur: no legal form,
    industry or brand word, no digits (store numbers). Two or three names (besides
    particles), each with a vowel (not an acronym: "UPS SCS"), and evidence that they are
    names: a listed given name or surname ("Anna Kowalski", "A. Weber" with an initial),
    a Chinese surname at either end with the other words written as Chinese syllables
    ("Wong Ka Wai"), only pinyin words ("Xing Hui"), or a title. "Golden Star" and "Cool
    Buy Boutique" are stores.
    """
    words: list[str] = []
    titled = vocabulary = False
    for cat, canon, start, end in segs:
        if cat == "other" or (cat == "filler" and canon in NAME_PARTICLES):
            words.append(canon)
        elif cat == "title":
            titled = True
        elif cat in {"place", "industry"} and all(is_pinyin(t) for t in tokens[start:end]):
            words.extend(tokens[start:end])
            vocabulary = True
        else:
            return False
    if any(w in STORE_WORDS for w in words):
        return False
    # Particles do not count as names, unless without them one name is left: then they
    # are names themselves ("Du Jingxiu", "Chen Bin", "Da Zhang").
    names = [w for w in words if w not in NAME_PARTICLES]
    if len(names) < 2:
        names = words
    if not 2 <= len(names) <= 3 or len(words) > 5:
        return False
    for w in names:
        if not w.isalpha() or (
            len(w) > 1 and not _VOWEL_RE.search(w) and w not in SURNAME_READINGS
        ):
            return False
    full = [w for w in names if len(w) > 1]
    if len(full) < len(names):  # initials and a surname ("A. Weber", "Weber, A. B.")
        return len(full) == 1
    chinese = (names[0] in SURNAME_READINGS or names[-1] in SURNAME_READINGS) and all(
        _SYLLABLES_RE.fullmatch(w) for w in names
    )
    if vocabulary:
        return chinese
    return (
        chinese
        or titled
        or any(w in GIVEN_NAMES or w in SURNAMES for w in names)
        or all(0 < pinyin_syllables(w) <= 2 for w in names)
    )


def _trade_name(word: str, country: object) -> bool:
    """Whether a word reads as a Chinese trade name: pinyin, not a Western personal name
    ("Meier"), on a record from mainland China, Hong Kong, Macau, Taiwan or nowhere."""
    return (
        is_pinyin(word)
        and word not in GIVEN_NAMES
        and word not in SURNAMES
        and _abbreviation_country(country) != "ZZ"
    )


def _person_key(words: list[str]) -> tuple[str, tuple[str, ...]]:
    """Order-independent key of a personal name, with alternative surname readings."""
    candidates = []
    for pos in {0, len(words) - 1}:
        word = words[pos]
        readings = SURNAME_READINGS.get(word)
        if readings:
            # The commoner surname wins, then a pinyin spelling over a variant, then the
            # spelling itself: never the position, so the key ignores the word order.
            rank = SURNAME_RANK.get(readings[0], len(SURNAME_RANK))
            candidates.append((rank, word != readings[0], word, pos, readings))
    if not candidates:
        return " ".join(sorted(words)), ()
    # The likeliest reading first; then its other readings and, in a three-word name,
    # the readings with the other end as surname ("Zhang Xing Li": Li is commoner, but
    # Zhang may be meant; in two words the key already ignores the order).
    keys: list[str] = []
    for *_, pos, readings in sorted(candidates)[: 1 if len(words) == 2 else 2]:
        given = "".join(words[:pos] + words[pos + 1 :])
        keys.extend(k for r in readings if (k := f"{r}|{given}") not in keys)
    return keys[0], tuple(keys[1:])


def normalize_name(raw: object, country: object = None) -> NameKey:
    """Normalise a party name to the keys entity resolution compares.

    Parameters
    ----------
    raw
        The name as written (any value; None and NaN give an empty key).
    country
        The record's country (ISO alpha-2). Two-letter city abbreviations in front of a
        name ("GZ", "SZ", "YW") are read as places only when it is CN, HK, MO, TW or
        unknown.

    Returns
    -------
    NameKey

    Examples
    --------
    >>> k = normalize_name("Guangzhou Baiyun Xinghui Leather Products Co., Ltd.")
    >>> k.text, k.core, k.legal_form, k.place
    ('guangzhou baiyun xinghui leather products ltd', 'xinghui', 'ltd', 'guangzhou')
    >>> normalize_name("Xinghui (HK) Trading Limited").hk_sister
    True
    >>> normalize_name("广州白云星辉皮具有限公司").core
    'xinghui'
    >>> normalize_name("Wong Ka Wai").person_key, normalize_name("N/A").reason
    ('huang|kawai', 'placeholder')
    """
    text = as_text(raw)
    if text is None or not text.strip():
        return NameKey(reason="empty")
    text, clipped = _clip(text)
    script = script_of(text)
    if not text.isascii():
        # Compatibility forms first: full-width letters, and radicals that are Chinese
        # characters in disguise (⼀ is 一), so they take the same path as their plain form.
        text = unicodedata.normalize("NFKC", text)
    tokens, han_person = _name_tokens(text)
    if not tokens:
        return NameKey(script=script, reason=_blank_reason(text))
    if _is_placeholder("".join(tokens)):
        return NameKey(script=script, reason="placeholder")

    segs = _segments(tokens)
    # Legal forms count at the end (before trailing industry or place words, as in
    # "Xinghui Co., Ltd. Guangzhou Branch") and, for the prefix forms, at the start.
    k = len(segs)
    while k > 0 and segs[k - 1][0] in _TRAILING:
        k -= 1
    for i in range(k - 1, -1, -1):
        if segs[i][0] == "legal" and not (i == 0 and segs[i][1] in LEGAL_PREFIX_FORMS):
            _as_other(segs, i, tokens)
    # Places: districts only right after a place ("Guangzhou Baiyun"), administrative
    # words only after a place ("Guangzhou Shi"), abbreviations only in front.
    prev = ""
    i = 0
    while i < len(segs):
        cat, canon = segs[i][0], segs[i][1]
        if cat == "district" and prev not in {"place", "district", "admin"}:
            _as_other(segs, i, tokens)
            cat = "other"
        elif cat == "other" and canon in ADMIN_SUFFIXES and prev in {"place", "district"}:
            segs[i][0] = cat = "admin"
        elif (
            i == 0
            and cat == "other"
            and canon in PLACE_ABBREVIATIONS
            and len(segs) > 1
            and _abbreviation_country(country) != "ZZ"
        ):
            segs[i][0], segs[i][1] = "place", PLACE_ABBREVIATIONS[canon]
            cat = "place"
        elif i == 0 and cat == "other" and canon in TITLES and len(segs) > 1:
            segs[i][0] = cat = "title"
        prev = cat
        i += 1
    # A brand counts as the first distinctive word only; its words elsewhere are read
    # again without the brands.
    brand = ""
    if any(s[0] == "brand" for s in segs):
        first = next(s for s in segs if s[0] in {"other", "brand"})
        brand = first[1] if first[0] == "brand" else ""
        for i in range(len(segs) - 1, -1, -1):
            if segs[i][0] == "brand" and segs[i] is not first:
                start, end = segs[i][2], segs[i][3]
                segs[i : i + 1] = [
                    [cat, canon, s + start, e + start]
                    for cat, canon, s, e in _segments(tokens[start:end], brands=False)
                ]

    is_person = han_person or (
        not brand and len(segs) <= 6 and segs[-1][0] != "legal" and _personal(segs, tokens)
    )
    # One pass: the distinctive words, the places, the legal form, and the full text with
    # each run of legal-form segments written as one code. After a brand, the other words
    # qualify it ("DHL Hub Leipzig"); in a person's name, places are given names ("Chen
    # Linyi") and particles count ("Jan de Vries").
    others: list[tuple[int, str]] = []
    places: list[str] = []
    industry: list[str] = []
    sectors: list[tuple[int, str]] = []
    text_words: list[str] = []
    legal = ""
    after_legal = False
    for cat, canon, start, end in segs:
        if cat == "legal":
            legal = _pick_legal([legal, canon]) if legal else canon
            if after_legal:
                text_words[-1] = _pick_legal([text_words[-1], canon])
            else:
                text_words.append(canon)
            after_legal = True
            continue
        after_legal = False
        if cat == "brand":
            others.append((start, canon))
        elif cat == "other" or (is_person and cat in {"place", "industry", "filler"}):
            if not brand:
                others.extend((t, tokens[t]) for t in range(start, end))
        elif cat in {"place", "district"}:
            places.append(canon)
        elif cat == "industry":
            industry.extend(tokens[start:end])
            if canon in SECTOR_WORDS:
                sectors.extend((t, tokens[t]) for t in range(start, end))
        text_words.extend(tokens[start:end])

    heads = [w for _, w in others if not w.isdigit()] if sectors else []
    if len(heads) == 1 and not brand and not is_person and not _trade_name(heads[0], country):
        # One word that is not a Chinese trade name ("Marmara", "Prime", a surname) names
        # a firm only with its goods or service: "Marmara Deri", "Prime Shoes 524".
        others = sorted(others + sectors)

    reason = "too_long_truncated" if clipped else ""
    if others:
        words = [w for _, w in others] if is_person else _join_pinyin(others)
    elif places:
        words, reason = [s[1] for s in segs if s[0] == "place"], "generic"
    elif industry:
        words, reason = industry, "generic"
    else:
        words, reason = [], "legal_form_only"
    if words and not reason and all(w.isdigit() for w in words):
        reason = "no_letters"

    person_key, alt_keys = _person_key(words) if is_person and words else ("", ())
    core = " ".join(words)
    return NameKey(
        text=" ".join(text_words),
        core=core,
        tokens=tuple(words),
        squashed=core.replace(" ", ""),
        legal_form=legal,
        place=places[0] if places else "",
        hk_sister=bool(others) and not brand and HONG_KONG in places,
        is_person=bool(is_person),
        person_key=person_key,
        person_alt_keys=alt_keys,
        script=script,
        reason=reason,
    )


# --- addresses ---------------------------------------------------------------------------

#: Reason codes of :class:`AddressKey` (empty string: a usable key).
ADDRESS_REASONS: Final[dict[str, str]] = {
    "empty": "no value",
    "placeholder": "a stand-in such as N/A, unknown, same as above or '-'",
    "punctuation_only": "no letters or digits",
    "generic": "no street-level part (only city, district, region, postcode or country)",
    "too_long_truncated": f"longer than {MAX_CHARS * 2} characters; the start was used",
}


@dataclass(frozen=True, slots=True)
class AddressKey:
    """An address parsed into parts, with keys stable under the ways it is written.

    Parts are lower-case ASCII; names inside them are squashed ("Xing Ye" = "xingye") and
    canonical words are abbreviated ("rd", "st", "ave", "bldg", "e" for east).

    Attributes
    ----------
    unit, floor, building, number, road
        Room or flat ("1203"), floor ("12", "g" for ground), building ("xinghui bldg",
        "block b" or both), house number ("88"), road ("zhujiang e rd").
    district, city, region, postcode, country
        District ("baiyun"), city ("guangzhou"; from the ``city`` argument when given,
        else from the text, else from a district that belongs to one city), region
        ("guangdong"), postcode ("510000"), country (ISO alpha-2; the ``country``
        argument wins over a country named in the text, which wins over the country of
        a known place: Guangzhou is CN, Tsim Sha Tsui HK).
    rest
        Words the parser could not place, in order.
    key
        ``unit|floor|building|number|road|city|rest``: the parts that identify a
        delivery point. District, region, postcode and country are left out because
        they are the parts most often missing from one variant of the same address.
    road_key
        ``road|number`` (empty without a road): a coarse key for blocking.
    reason
        "" or a code of :data:`ADDRESS_REASONS`.
    """

    unit: str = ""
    floor: str = ""
    building: str = ""
    number: str = ""
    road: str = ""
    district: str = ""
    city: str = ""
    region: str = ""
    postcode: str = ""
    country: str = ""
    rest: str = ""
    key: str = ""
    road_key: str = ""
    reason: str = ""


# One vocabulary for addresses, squashed phrase -> (role, canonical form).
_ADDR_VOCAB: dict[str, tuple[str, str]] = {k: ("country", v) for k, v in COUNTRY_NAMES.items()}
for _w, (_canon, _kind) in PLACES.items():
    if _canon == "china":
        _ADDR_VOCAB[_w] = ("country", "CN")
    else:  # Hong Kong and Macau are cities here; their country follows from the city.
        _ADDR_VOCAB[_w] = (f"place_{_kind}", _canon)
for _w, _entry in ADDRESS_WORDS.items():
    _ADDR_VOCAB.setdefault(_w, _entry)
_ADDR_PREFIXES = frozenset(k[:i] for k in _ADDR_VOCAB for i in range(1, len(k) + 1))
_HAN_ADDRESS_LEXICON = HanLexicon(HAN_ADDRESS_WORDS)
_PLACE_ROLES = frozenset(f"place_{k}" for k in (PLACE_CITY, PLACE_DISTRICT, PLACE_REGION))
_NAME_ROLES = frozenset({"name", "dir", "ord"}) | _PLACE_ROLES

# Chinese "value + word" forms, rewritten to "word value" before segmentation:
# 88号 -> no 88, 1203室 -> room 1203, 12楼 -> floor 12, B座 -> block B.
_HAN_VALUE_RES = tuple(
    (re.compile(rf"([0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)\s*(?:{chars})"), rf" {word} \1 ")
    for chars, word in (("号|號", "no"), ("室|房", "room"), ("楼|层|樓|層", "floor"),
                        ("座|栋|幢|棟", "block"))
)  # fmt: skip
# English and European forms rewritten to "word value" (after folding to lower case). The
# patterns start with a digit or a literal, which the regex engine finds fast; each
# alternative ends in an empty named group that says what to write.
_NUMBER_WORD_RE = re.compile(
    # The look-behind after the first digit skips numbers glued to a word or inside a
    # longer number, which _rewrite_number would leave as they are, without trying
    # every way to read them.
    r"(\d(?<![^\W_]\d)\d{0,4})(?:"
    r"(?:st|nd|rd|th)?\s*(?:floor|flr|fl)\b(?![.\s]*\d)(?P<floor>)"  # 12th floor, not 1 floor 2
    r"|\s*/\s*f\b(?P<floor_>)"  # 12/F
    r"|f\b(?P<floor__>)"  # 12F
    r"|\s*\.?\s*(?:og|etage|stock)\b(?P<floor___>)"  # 3. OG, 2 etage
    r"|\s*#(?P<no>)"  # Chinese-English "88#" = No. 88
    r"|(?:st|nd|rd|th)\b(?P<ordinal>)"  # 2nd Road -> 2 Road
    r")"
)
# A word glued to its value: "RM1203", "BLK2", "FL12".
_GLUED_WORD_RE = re.compile(r"(?:rm|room|unit|flat|blk|block|fl|flr|floor|no|nr)(?=\d)")
_LETTER_FLOOR_RE = re.compile(r"\b(g|ug|lg|b\d?|m)\s*/\s*f\b")  # G/F, UG/F
_F_NUMBER_RE = re.compile(r"f(\d{1,3})\b")  # F12
_HASH_RE = re.compile(r"#\s*(\w+)")  # "#1203" = unit 1203


def _rewrite_number(match: re.Match[str]) -> str:
    start = match.start()
    if start and match.string[start - 1].isalnum():
        return match.group()  # inside a word: "b12f" is not "b" + floor 12
    group = match.lastgroup or ""
    if group == "ordinal":
        return match.group(1)
    return f" {group.rstrip('_')} {match.group(1)} "


def _rewrite_f_number(match: re.Match[str]) -> str:
    start = match.start()
    if start and match.string[start - 1].isalnum():
        return match.group()
    return f" floor {match.group(1)} "


def _rewrite_glued(match: re.Match[str]) -> str:
    start = match.start()
    if start and match.string[start - 1].isalnum():
        return match.group()
    return match.group() + " "


def _rewrite_address_words(text: str) -> str:
    text = _GLUED_WORD_RE.sub(_rewrite_glued, text)
    text = _NUMBER_WORD_RE.sub(_rewrite_number, text)
    if "/" in text:
        text = _LETTER_FLOOR_RE.sub(r" floor \1 ", text)
    if "f" in text:
        text = _F_NUMBER_RE.sub(_rewrite_f_number, text)
    if "#" in text:
        text = _HASH_RE.sub(r" unit \1 ", text)
    if "ground" in text:
        text = text.replace("ground floor", " floor g ")
    return text


# Postcodes with letters, read before tokenising: UK ("SW1A 1AA") and Dutch ("1012 AB").
_LETTER_POSTCODE_RES: Final[dict[str, re.Pattern[str]]] = {
    "GB": re.compile(r"\b([a-z]{1,2}\d[a-z\d]?)\s*(\d[a-z]{2})\b"),
    "NL": re.compile(r"\b([1-9]\d{3})\s?([a-z]{2})\b"),
}
_CALLE_RE = re.compile(r"\bc/(?!o\b)\s*")
_VIA_RE = re.compile(r"\bv\.\s*")
_ADDR_SPLIT_RE = re.compile(r"[,;:\n\r\t|()\[\]{}]+|\s[-–—]\s")
_ADDR_TOKEN_RE = re.compile(
    r"\d+(?:[^\W\d_](?![^\W\d_]))?(?:-\d+(?:[^\W\d_](?![^\W\d_]))?)*|[^\W_]+"
)
_POSTCODE_LENGTHS: Final[dict[str, frozenset[int]]] = {
    country: frozenset({length})
    for length, countries in (
        (4, ("AT", "BE", "BG", "CH", "CY", "DK", "HU", "LU", "NO", "SI", "AU", "NZ", "ZA")),
        (5, ("DE", "FR", "IT", "ES", "FI", "EE", "GR", "HR", "LT", "MA", "MY", "TR", "UA", "US")),
        (6, ("CN", "SG", "IN", "RU", "RO", "KZ", "BY", "VN")),
    )
    for country in countries
}
_DEFAULT_POSTCODE_LENGTHS = frozenset({5, 6})
_HYPHEN_POSTCODE_RE = re.compile(r"\d{2}-\d{3}|\d{4}-\d{3}")  # Poland, Portugal


def _address_parts(text: str, country: str | None) -> tuple[list[str], str]:
    """Comma-separated parts of an address, normalised, and a postcode read from it."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)  # full-width digits and letters
    if has_han(text):
        for pattern, replacement in _HAN_VALUE_RES:
            text = pattern.sub(replacement, text)
        text = HAN_RUN_RE.sub(
            lambda m: " " + " ".join(segment_han(m.group(), _HAN_ADDRESS_LEXICON)) + " ",
            text,
        )
    text = fold(text).translate(_NO_APOSTROPHES)
    if "/" in text:
        text = _CALLE_RE.sub(" calle ", text)  # "C/ Mayor, 154" (not "c/o")
    if country == "IT" and "v." in text:
        text = _VIA_RE.sub(" via ", text)  # "V. Marconi, 109"
    postcode = ""
    # Only for the country's own records: elsewhere "Blk B1 2nd Floor" would look like a
    # British postcode.
    letter_postcode = _LETTER_POSTCODE_RES.get(country or "")
    if letter_postcode is not None and (m := letter_postcode.search(text)) is not None:
        postcode = (m.group(1) + m.group(2)).upper()
        text = text[: m.start()] + " " + text[m.end() :]
    return _ADDR_SPLIT_RE.split(_rewrite_address_words(text)), postcode


def _part_words(part: str) -> tuple[str, ...]:
    """The words of a part of an address, street compounds split."""
    words: list[str] = []
    for w in _ADDR_TOKEN_RE.findall(part):
        if len(w) < 6:  # too short for a street compound
            words.append(w)
        else:
            words.extend(_split_road_suffix(w))
    return tuple(words)


@lru_cache(maxsize=1 << 16)
def _split_road_suffix(word: str) -> tuple[str, ...]:
    """Split a German or Dutch street compound: "hauptstrasse" -> haupt, strasse."""
    if word in _ADDR_VOCAB or not word.isalpha():
        return (word,)
    for suffix in ROAD_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return (word[: -len(suffix)], suffix)
    return (word,)


def _address_items(words: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    """(role, canonical, squashed words) per word or known phrase, longest match first."""
    items = []
    i, n = 0, len(words)
    while i < n:
        key, best, end = "", None, i + 1
        for j in range(i, min(n, i + 5)):
            key += words[j]
            hit = _ADDR_VOCAB.get(key)
            if hit is not None:
                best, end = hit, j + 1
            if key not in _ADDR_PREFIXES:
                break
        word = "".join(words[i:end])
        if best is not None:
            items.append((best[0], best[1], word))
        elif not word.isalpha():  # words are letters and digits: this one has digits
            items.append(("num", word, word))
        else:
            items.append(("name", word, word))
        i = end
    return tuple(items)


def _house_number(item: tuple[str, str, str]) -> bool:
    """A number item that can be a house number: six digits or more make a postcode."""
    return item[0] == "num" and not (item[2].isdigit() and len(item[2]) >= 6)


def _value(word: str) -> str:
    """A unit, floor, block or house number value: "0803" -> "803", "B" -> "b"."""
    return word.lstrip("0") or "0" if word.isdigit() else word


class _AddressParser:
    """Assigns the items of an address to parts, segment by segment.

    Words that name something (a road, building, district, city) come before the word
    that says what they are ("Xingye Road", "Baiyun District"), so names wait in
    ``pending`` until such a word claims them; values come after their word ("Room 1203",
    "No. 88"). What nothing claims goes to the place tables or to ``rest``.
    """

    __slots__ = ("buildings", "city_candidate", "country", "parts", "rest")

    def __init__(self, country: str | None) -> None:
        self.parts: dict[str, str] = dict.fromkeys(
            ("unit", "floor", "block", "number", "road", "district", "city", "region",
             "postcode", "country"), ""
        )  # fmt: skip
        self.buildings: list[str] = []
        self.rest: list[str] = []
        self.country = country
        self.city_candidate = ""

    def set(self, part: str, value: str) -> None:
        if value and not self.parts[part]:
            self.parts[part] = value

    def parse(self, segments: list[tuple[tuple[str, str, str], ...]]) -> None:
        last_names = ""
        for k, items in enumerate(segments):
            if (
                k
                and not self.parts["number"]
                and any(role == "road" for role, _, _ in segments[k - 1])
                and _house_number(items[0])
            ):
                # "Via Roma, 12", "C/ Mayor, 154, 1º": the number in the next part.
                self.set("number", _value(items[0][2]))
                items = items[1:]
                if not items:
                    continue
            names = self.segment(items)
            if names:
                last_names = names
        if len(segments) > 1 and last_names and last_names == self.city_candidate:
            # "..., Springfield": a trailing part holding only unknown words is the city.
            self.set("city", last_names)
            self.rest = self.rest[: len(self.rest) - len(last_names.split())]

    def segment(self, items: tuple[tuple[str, str, str], ...]) -> str:
        """Parse one comma-separated part; returns its words if it held only unknowns."""
        pending: list[tuple[str, str, str]] = []
        road_here = after_road = False
        i = 0
        while i < len(items):
            role, canon, word = items[i]
            nxt = items[i + 1][2] if i + 1 < len(items) else ""
            if role == "block" and pending and len(pending[-1][2]) == 1:
                self.set("block", pending.pop()[2])  # "B Block": the letter before is its id
                i += 1
                continue
            if role in {"unit", "floor", "block", "no"} or (
                role == "bld" and word in BUILDING_ID_WORDS and not self._tail(pending)
            ):
                if nxt and (not nxt.isalpha() or len(nxt) == 1 or (
                    role == "floor" and nxt in {"g", "ug", "lg"}
                )) and (role != "no" or not nxt.isalpha()):  # fmt: skip
                    part = {"no": "number", "bld": "block"}.get(role, role)
                    self.set(part, _value(nxt))
                    i += 2
                    after_road = False
                    continue
                if role in {"block", "bld"} and self._tail(pending):
                    self.buildings.append(f"{self._take(pending)} {canon}")
                else:
                    pending.append(("name", word, word))
                i += 1
                continue
            if role == "road":
                if canon == "st" and any(r == "road" for r, _, _ in items[i + 1 :]):
                    pending.append(("name", word, word))  # "St Mary Road": Saint
                    i += 1
                    continue
                i = self._road(items, i, pending)
                road_here = after_road = True
                continue
            if role in {"district", "city", "region"}:
                if self._tail(pending):
                    self.set(role, self._take(pending))
                i += 1
                continue
            if role == "bld":
                if self._tail(pending):
                    self.buildings.append(f"{self._take(pending)} {canon}")
                else:
                    pending.append(("name", word, word))
                i += 1
                continue
            if role == "country":
                self.set("country", canon)
            elif after_road and _house_number(items[i]):
                if not self.parts["number"]:
                    self.set("number", _value(word))
                else:
                    pending.append(items[i])
                after_road = False
            elif role != "stop":
                pending.append(items[i])
            i += 1
        return self._flush(pending, road_here)

    @staticmethod
    def _tail(pending: list[tuple[str, str, str]]) -> int:
        """Length of the run of name-like items at the end of ``pending``."""
        n = 0
        while n < len(pending) and pending[-1 - n][0] in _NAME_ROLES:
            n += 1
        return n

    def _take(self, pending: list[tuple[str, str, str]], strip_places: bool = True) -> str:
        """Remove the trailing name run from ``pending`` and return it squashed."""
        n = self._tail(pending)
        run = pending[len(pending) - n :]
        del pending[len(pending) - n :]
        # Leading known places name the area, not the road or building: "Guangzhou
        # Baiyun Xingye Road" is Xingye Road in Baiyun, Guangzhou.
        while strip_places and len(run) > 1 and run[0][0] in _PLACE_ROLES:
            self._place(run.pop(0))
        return "".join(word for _, _, word in run)

    def _road(self, items: tuple[tuple[str, str, str], ...], i: int, pending: list) -> int:
        """Read the road whose type word is ``items[i]``; returns the next index."""
        kind = items[i][1]
        ordinal = direction = ""
        # "Zhongshan Er Lu", "Zhongshan 2 Road", "Zhujiang Dong Lu", "Zhujiang East Road".
        for _ in range(2):
            if len(pending) >= 2 and pending[-2][0] in _NAME_ROLES:
                role, canon, word = pending[-1]
                if role == "ord" and not ordinal:
                    ordinal = canon
                elif role == "num" and word.isdigit() and len(word) <= 2 and not ordinal:
                    ordinal = word
                elif role == "dir" and not direction:
                    direction = canon
                else:
                    break
                pending.pop()
        if self._tail(pending):
            name = self._take(pending)
            if pending and _house_number(pending[-1]):  # "88 Xingye Road"
                self.set("number", _value(pending.pop()[2]))
            i += 1
        else:  # the type comes first: "Rue de la Paix", "Via Roma", "Calle Mayor"
            j = i + 1
            while j < len(items) and items[j][0] in _NAME_ROLES:
                j += 1
            name = "".join(word for _, _, word in items[i + 1 : j])
            if not name:
                pending.append(("name", items[i][2], items[i][2]))
                return i + 1
            i = j
        road = " ".join(x for x in (name, ordinal, direction, kind) if x)
        if self.parts["road"] and self.parts["road"] != road:
            self.rest.append(road)
        self.set("road", road)
        return i

    def _place(self, item: tuple[str, str, str]) -> bool:
        role, canon, _ = item
        if role not in _PLACE_ROLES:
            return False
        self.set(role.removeprefix("place_"), canon)
        return True

    def _flush(self, pending: list[tuple[str, str, str]], road_here: bool) -> str:
        names = []
        for item in pending:
            role, _, word = item
            if self._place(item):
                continue
            if role == "num" and self._is_postcode(word):
                self.set("postcode", word.upper())
            elif role == "num" and road_here and not self.parts["number"]:
                self.set("number", _value(word))
            else:
                self.rest.append(word)
                if role == "name":
                    names.append(word)
                else:
                    names.clear()  # only the unknown words after the last number count
        if names and len(names) == len(pending):
            self.city_candidate = " ".join(names)
            return self.city_candidate
        if names and self.parts["postcode"] and not self.parts["city"]:
            # "20095 Hamburg": the words beside a postcode name the city.
            self.set("city", "".join(names))
            for w in names:
                self.rest.remove(w)
        return ""

    def _is_postcode(self, word: str) -> bool:
        if self.parts["postcode"]:
            return False
        if _HYPHEN_POSTCODE_RE.fullmatch(word):
            return self.country in {None, "PL", "PT"}
        lengths = _POSTCODE_LENGTHS.get(self.country or "", _DEFAULT_POSTCODE_LENGTHS)
        return word.isdigit() and len(word) in lengths


def _city_key(city: object) -> str:
    """The canonical form of a city cell: "Guangzhou Shi", "广州市" -> "guangzhou"."""
    text = as_text(city)
    return "" if text is None else _city_key_of(text)


@lru_cache(maxsize=1 << 14)  # an extract names a few thousand cities at most
def _city_key_of(text: str) -> str:
    parts, _ = _address_parts(_clip(text, 100)[0], None)
    words = [w for part in parts for w in _part_words(part)]
    items = _address_items(tuple(words))
    for role, canon, _ in items:
        if role == f"place_{PLACE_CITY}":
            return canon
    key = "".join(w for r, _, w in items if r == "name" or r in _PLACE_ROLES)
    return "" if _is_placeholder(key) else key


def normalize_address(
    raw: object, city: object = None, postcode: object = None, country: object = None
) -> AddressKey:
    """Parse an address into parts and keys that survive the usual variations.

    Handles unit-to-region and region-to-unit order, abbreviations (Rm/Room/Unit,
    F/Fl/Floor/12/F/12th floor, Bldg/Building, Blk/Block, Rd/Road/Lu, St/Street/Jie,
    Ave/Avenue/Dadao, Dist/District/Qu), pinyin and English road words ("Zhujiang Dong
    Lu" = "Zhujiang East Road"), Chinese-character addresses (广州市白云区兴业路88号), German
    and Dutch street compounds, and missing district, region or postcode.

    Parameters
    ----------
    raw
        The address text.
    city, postcode, country
        The record's separate city, postcode and country cells, when it has them; they
        win over what the text says.

    Returns
    -------
    AddressKey

    Examples
    --------
    >>> a = normalize_address(
    ...     "Room 1203, 12/F, Block B, No. 88 Xingye Rd, Baiyun Dist., Guangzhou, "
    ...     "Guangdong 510000"
    ... )
    >>> a.key, a.district, a.region, a.postcode
    ('1203||block b|88|xingye rd|guangzhou|', 'baiyun', 'guangdong', '510000')
    >>> normalize_address("Rm 1203 12F Blk B 88 Xingye Road Baiyun District Guangzhou").key
    '1203||block b|88|xingye rd|guangzhou|'
    >>> normalize_address("Zhujiang Dong Lu 8").road_key
    'zhujiang e rd|8'
    >>> normalize_address("same as above").reason
    'placeholder'
    """
    iso = _country(country)
    return _finish_address(_parse_address(as_text(raw), iso), _city_key(city), postcode, iso)


class _ParsedAddress(NamedTuple):
    """What an address text says by itself, before the record's own columns."""

    unit: str = ""
    floor: str = ""
    building: str = ""
    number: str = ""
    road: str = ""
    district: str = ""
    city: str = ""
    region: str = ""
    postcode: str = ""
    country: str = ""
    rest: str = ""
    reason: str = ""  # why there is no key, or "too_long_truncated"


#: Items of address parts already read, by part: parts such as "Guangzhou", "Baiyun
#: District" or "Guangdong 510000" recur in most addresses of an extract.
_PartItems = dict[str, tuple[tuple[str, str, str], ...]]


def _parse_address(
    text: str | None, iso: str | None, part_items: _PartItems | None = None
) -> _ParsedAddress:
    """Parse an address text read under a record's country (None: unknown).

    ``part_items`` keeps the items of the parts read, for the next texts of a column.
    """
    if text is None or not text.strip():
        return _ParsedAddress(reason="empty")
    text, clipped = _clip(text, MAX_CHARS * 2)
    parts, text_postcode = _address_parts(text, iso)
    if part_items is None:
        part_items = {}
    segments = []
    for part in parts:
        items = part_items.get(part)
        if items is None:
            items = part_items[part] = _address_items(_part_words(part))
        if items:
            segments.append(items)
    if not segments:
        return _ParsedAddress(reason=_blank_reason(text))
    if len(segments) <= 2 and _is_placeholder("".join(w for s in segments for _, _, w in s)):
        return _ParsedAddress(reason="placeholder")
    p = _AddressParser(iso)
    p.parts["postcode"] = text_postcode
    p.parse(segments)
    parts = p.parts
    return _ParsedAddress(
        unit=parts["unit"],
        floor=parts["floor"],
        building=" ".join(p.buildings + ([f"block {parts['block']}"] if parts["block"] else [])),
        number=parts["number"],
        road=parts["road"],
        district=parts["district"],
        city=parts["city"],
        region=parts["region"],
        postcode=parts["postcode"],
        country=parts["country"],
        rest=" ".join(p.rest),
        reason="too_long_truncated" if clipped else "",
    )


def _finish_address(
    parsed: _ParsedAddress, city_key: str, postcode: object, iso: str | None
) -> AddressKey:
    """The key of a parsed address text with the record's city, postcode and country."""
    post = as_text(postcode)
    post = _NON_WORD_RE.sub("", fold(post)).upper() if post else ""
    if parsed.reason not in {"", "too_long_truncated"}:
        # No text to read: the record's own city, postcode and country still say where
        # it is.
        country_key = iso or PLACE_COUNTRY.get(city_key, "")
        return AddressKey(city=city_key, postcode=post, country=country_key, reason=parsed.reason)
    city = city_key or parsed.city or DISTRICT_CITY.get(parsed.district, "")
    country = iso or parsed.country
    if not country:
        known = (PLACE_COUNTRY.get(place) for place in (city, parsed.district, parsed.region))
        country = next((c for c in known if c), "")
    street = (parsed.unit, parsed.floor, parsed.building, parsed.number, parsed.road)
    reason = parsed.reason or ("" if any(street) or parsed.rest else "generic")
    # "Room 1409, 14/F" and "Room 1409": the room number holds the floor, which the key
    # then leaves out, so that both spellings give one key.
    floor = parsed.floor
    if (
        floor
        and parsed.unit.isdigit()
        and len(parsed.unit) > len(floor)
        and parsed.unit.startswith(floor)
    ):
        floor = ""
    return AddressKey(
        unit=parsed.unit,
        floor=parsed.floor,
        building=parsed.building,
        number=parsed.number,
        road=parsed.road,
        district=parsed.district,
        city=city,
        region=parsed.region,
        postcode=post or parsed.postcode,
        country=country,
        rest=parsed.rest,
        key="|".join((parsed.unit, floor, *street[2:], city, parsed.rest)),
        road_key=f"{parsed.road}|{parsed.number}" if parsed.road else "",
        reason=reason,
    )


# --- phones ------------------------------------------------------------------------------

#: Reason codes of :class:`PhoneKey` (empty string: a valid number in E.164).
PHONE_REASONS: Final[dict[str, str]] = {
    "empty": "no value",
    "placeholder": "a stand-in: repeated or sequential digits (0000000, 1234567) or N/A",
    "too_short": "too few digits for a number of its country (or a local number)",
    "no_country": "no international prefix and no country on the record",
    "unparseable": "not a phone number (letters, unknown country code, too long)",
    "invalid": "a number of the right shape in no range its country's plan assigns (kept)",
}


@dataclass(frozen=True, slots=True)
class PhoneKey:
    """A phone number in E.164 form.

    Attributes
    ----------
    e164
        "+8613800138000": the number in E.164 form when it has a possible length for its
        country, in an assigned range or not (``reason`` "invalid" then); "" otherwise.
    national
        The national significant number ("13800138000", "2012345678" for 020-1234 5678),
        or the digits as written when the number could not be parsed: two records with
        the same digits under different (or missing) countries can still be compared.
    country
        ISO alpha-2 country of the number ("CN", "HK"), which can differ from the
        record's country (a Hong Kong company giving a mainland mobile).
    reason
        "" or a code of :data:`PHONE_REASONS`.
    """

    e164: str = ""
    national: str = ""
    country: str = ""
    reason: str = ""


# A mainland mobile: 11 digits starting 13-19, after an optional +86 or 0086.
_CN_MOBILE_RE = re.compile(r"(?:0086|86)?(1[3-9]\d{9})")
# Where a number lists several, the first one counts; "/" also separates area codes
# ("0755/2612 3456"), so it splits only between two complete-looking numbers.
_PHONE_SPLIT_RE = re.compile(r"[;,|]|\bor\b|\band\b|\s{3,}|(?<=\d{7})\s*/\s*(?=[+\d]{7})")
_PHONE_EXT_RE = re.compile(r"(?:ext|extn|extension|x|转|分机|#)\.?\s*\d{1,6}\s*$", re.IGNORECASE)
_PHONE_LABEL_RE = re.compile(r"^\D*?(?=[+(\d])")  # "Tel.:", "Mob", "电话："
_PLAIN_PHONE_RE = re.compile(r"[\d+() .\-]+")
_PHONE_START_RE = re.compile(r"[+(\d]")
_NO_SEPARATORS = str.maketrans("", "", "+() .-")
_SEQUENCES = ("01234567890", "12345678901", "98765432109")
# Records from these places often give a mainland mobile without +86.
_CN_MOBILE_FALLBACK = frozenset({"CN", "HK", "MO"})
_POSSIBLE = phonenumbers.ValidationResult


# The numbers the fast path above leaves go through libphonenumber's metadata and rules:
# its parse (international and national prefixes, a country code written without "+",
# the national prefix kept when stripping it leaves too few digits), possible-length and
# validity checks and region of a number, restated for a string of ASCII digits with or
# without "+", with the metadata's patterns compiled once. The library's general path
# (any Unicode digit, letters, extensions, RFC 3966) costs several times as much; the
# tests check that both give the same answers.
_NON_GEO = "001"
_DESC_FIELDS = (
    "premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan",
    "voicemail",
)  # fmt: skip


class _Desc(NamedTuple):
    """One number description of a plan: possible lengths and national number pattern."""

    lengths: tuple[int, ...]
    local_lengths: tuple[int, ...]
    pattern: re.Pattern[str] | None

    def matches(self, nsn: str) -> bool:
        if self.lengths and len(nsn) not in self.lengths:
            return False
        return self.pattern is not None and self.pattern.fullmatch(nsn) is not None


class _Plan:
    """A numbering plan (one region's metadata), with its patterns compiled."""

    __slots__ = ("cc", "fixed", "general", "idd", "leading", "mobile", "npp", "same_mf",
                 "transform", "types")  # fmt: skip

    def __init__(self, metadata: phonenumbers.PhoneMetadata) -> None:
        self.cc: int = metadata.country_code
        self.general = self._desc(metadata.general_desc)
        self.types = tuple(
            d for d in (self._desc(getattr(metadata, f)) for f in _DESC_FIELDS) if d is not None
        )
        self.fixed = self._desc(metadata.fixed_line)
        self.mobile = self._desc(metadata.mobile)
        self.same_mf = bool(metadata.same_mobile_and_fixed_line_pattern)
        # An empty leading-digits or international prefix pattern still applies (it
        # matches every number); an empty national prefix or number pattern does not.
        self.leading = _compiled(metadata.leading_digits, empty=True)
        self.idd = _compiled(metadata.international_prefix, empty=True)
        self.npp = _compiled(metadata.national_prefix_for_parsing)
        self.transform = metadata.national_prefix_transform_rule or None

    @staticmethod
    def _desc(desc: object) -> _Desc | None:
        if desc is None:
            return None
        return _Desc(
            tuple(desc.possible_length),
            tuple(desc.possible_length_local_only),
            _compiled(desc.national_number_pattern),
        )

    def length(self, nsn: str) -> int:
        """PhoneNumberUtil's test of a number's length against the plan."""
        n = len(nsn)
        lengths = self.general.lengths
        if n in self.general.local_lengths:
            return _POSSIBLE.IS_POSSIBLE_LOCAL_ONLY
        if lengths[0] == n:
            return _POSSIBLE.IS_POSSIBLE
        if lengths[0] > n:
            return _POSSIBLE.TOO_SHORT
        if lengths[-1] < n:
            return _POSSIBLE.TOO_LONG
        return _POSSIBLE.IS_POSSIBLE if n in lengths[1:] else _POSSIBLE.INVALID_LENGTH

    def general_match(self, nsn: str) -> bool:
        # The national number pattern alone, without the length check.
        pattern = self.general.pattern
        return pattern is not None and pattern.fullmatch(nsn) is not None

    def known_type(self, nsn: str) -> bool:
        """Whether the number has a type in the plan (not UNKNOWN): valid there."""
        if self.general is None or not self.general.matches(nsn):
            return False
        if any(d.matches(nsn) for d in self.types):
            return True
        if self.fixed is not None and self.fixed.matches(nsn):
            return True
        return not self.same_mf and self.mobile is not None and self.mobile.matches(nsn)

    def strip_national_prefix(self, number: str) -> str:
        """The number without its national prefix (and carrier code), where the plan has one."""
        if not number or self.npp is None:
            return number
        match = self.npp.match(number)
        if match is None:
            return number
        viable = self.general_match(number)
        groups = match.groups()
        if self.transform is None or groups[len(groups) - 1] is None:
            stripped = number[match.end() :]
        else:
            stripped = self.npp.sub(self.transform, number, count=1)
        return number if viable and not self.general_match(stripped) else stripped


def _compiled(pattern: str | None, empty: bool = False) -> re.Pattern[str] | None:
    return re.compile(pattern) if pattern or (empty and pattern is not None) else None


_PLANS: dict[str, _Plan | None] = {}


def _plan(region: str, cc: int = 0) -> _Plan | None:
    """The plan of a region, or of a non-geographic calling code (region "001")."""
    key = f"{region}{cc}" if region == _NON_GEO else region
    if key not in _PLANS:
        metadata = (
            phonenumbers.PhoneMetadata.metadata_for_nongeo_region(cc)
            if region == _NON_GEO
            else phonenumbers.PhoneMetadata.metadata_for_region(region)
        )
        _PLANS[key] = None if metadata is None else _Plan(metadata)
    return _PLANS[key]


def _country_code(digits: str) -> tuple[int, str]:
    """The calling code in front of a number written after "+" or an IDD, and the rest."""
    if digits[0] != "0":
        for size in range(1, min(len(digits), 3) + 1):
            cc = int(digits[:size])
            if cc in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
                return cc, digits[size:]
    return 0, digits


def _parse_digits(digits: str, plus: bool, region: str | None) -> tuple[int, str] | str:
    """(calling code, national significant number) of a number, or why it cannot be read.

    PhoneNumberUtil.parse of "+" + digits (``plus``) or of digits in ``region``; the
    reason is "too_short" or "unparseable" as :func:`normalize_phone` reports them.
    """
    plan = None
    if not plus:
        if region not in phonenumbers.SUPPORTED_REGIONS:
            return "unparseable"  # no region to read a national number in
        plan = _plan(region)
    cc, national = 0, ""
    international = plus
    if not plus and plan is not None and plan.idd is not None:
        match = plan.idd.match(digits)
        # An IDD followed by 0 is no IDD (a national number that starts like one).
        if match is not None and digits[match.end() : match.end() + 1] != "0":
            international, digits = True, digits[match.end() :]
    if international:
        if len(digits) <= 2:
            return "too_short"
        cc, national = _country_code(digits)
        if cc == 0:
            return "unparseable"
    elif plan is not None:
        # A national number may start with the region's own calling code, without "+".
        code = str(plan.cc)
        if digits.startswith(code):
            rest = plan.strip_national_prefix(digits[len(code) :])
            if (not plan.general_match(digits) and plan.general_match(rest)) or plan.length(
                digits
            ) is _POSSIBLE.TOO_LONG:
                cc, national = plan.cc, rest
    if cc:
        number_region = phonenumbers.COUNTRY_CODE_TO_REGION_CODE[cc][0]
        if number_region != region:
            plan = _plan(number_region, cc)
    else:
        cc, national = plan.cc, digits
    if len(national) < 2:
        return "too_short"
    if plan is not None:
        stripped = plan.strip_national_prefix(national)
        if plan.length(stripped) not in _SHORT_LENGTHS:
            national = stripped
    if len(national) < 2:
        return "too_short"
    if len(national) > 17:
        return "unparseable"
    return cc, national


_SHORT_LENGTHS = frozenset(
    {_POSSIBLE.TOO_SHORT, _POSSIBLE.IS_POSSIBLE_LOCAL_ONLY, _POSSIBLE.INVALID_LENGTH}
)


def _number_region(cc: int, nsn: str) -> str | None:
    """PhoneNumberUtil.region_code_for_number: the region of a number, "001" for the
    non-geographic codes, None if no region's plan takes it."""
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(cc)
    if regions is None:
        return None
    if len(regions) == 1:
        return regions[0]
    for region in regions:
        plan = _plan(region)
        if plan is None:
            continue
        if plan.leading is not None:
            if plan.leading.match(nsn):
                return region
        elif plan.known_type(nsn):
            return region
    return None


def _phone_placeholder(digits: str) -> bool:
    tail = digits[-7:]
    if len(set(digits)) == 1 or (len(tail) == 7 and len(set(tail)) == 1):
        return True
    core = digits.lstrip("0") if len(digits) > 7 else digits
    return len(core) >= 6 and any(seq.startswith(core) for seq in _SEQUENCES)


def normalize_phone(raw: object, country: object = None) -> PhoneKey:
    """Normalise a phone number to E.164 with the record's country as default region.

    Parameters
    ----------
    raw
        The number as written: "+86 138 0013 8000", "0086-13800138000", "(020) 8123
        4567", "Tel: 0755-2612 3456 ext. 8", a number read as a float from a
        spreadsheet. Of several numbers the first is taken.
    country
        The record's country (ISO alpha-2), used for numbers without an international
        prefix. A bare 11-digit mainland mobile (1[3-9] + 9 digits) is read as Chinese
        when the country is CN, HK, MO or missing, as Hong Kong firms often give one.

    Returns
    -------
    PhoneKey

    Examples
    --------
    >>> normalize_phone("+86 138 0013 8000").e164
    '+8613800138000'
    >>> normalize_phone("0086-13800138000").e164 == normalize_phone(13800138000, "CN").e164
    True
    >>> normalize_phone("020 8123 4567", "CN").e164, normalize_phone("2123 4567", "HK").e164
    ('+862081234567', '+85221234567')
    >>> normalize_phone("0000000", "DE").reason, normalize_phone("12", "DE").reason
    ('placeholder', 'too_short')
    """
    text = as_text(raw)
    if text is None or not text.strip():
        return PhoneKey(reason="empty")
    text, _ = _clip(text, 100)
    if text.isascii() and "   " not in text and _PLAIN_PHONE_RE.fullmatch(text):
        # Digits and separators only (most values): no second number, extension or label
        # to cut, only what stands before the number.
        start = _PHONE_START_RE.search(text)
        text = text[start.start() :].strip() if start else text.strip()
        digits = text.translate(_NO_SEPARATORS)
    else:
        if not text.isascii():
            text = unicodedata.normalize("NFKC", text)  # full-width digits and plus signs
        text = _PHONE_SPLIT_RE.split(text, maxsplit=1)[0]
        text = _PHONE_EXT_RE.sub("", text)
        text = _PHONE_LABEL_RE.sub("", text, count=1).strip()
        digits = "".join(c for c in text if c.isdigit() and c.isascii())
    if not digits:
        letters = squash(_NON_WORD_RE.sub(" ", fold(text)))
        placeholder = not letters or _is_placeholder(letters)
        return PhoneKey(reason="placeholder" if placeholder else "unparseable")
    if _phone_placeholder(digits):
        return PhoneKey(national=digits, reason="placeholder")
    if len(digits) < 6:
        return PhoneKey(national=digits, reason="too_short")
    region = _country(country)
    plus = text.startswith("+")
    if not plus and digits.startswith("00"):
        digits, plus = digits[2:], True  # 00 is the international prefix in CN and Europe
    elif not plus and digits.startswith("011") and region in {"US", "CA"}:
        digits, plus = digits[3:], True
    mobile = _CN_MOBILE_RE.fullmatch(digits)
    if mobile and (
        (plus and digits.startswith("86"))
        or (not plus and len(digits) == 11 and (region is None or region in _CN_MOBILE_FALLBACK))
        or (not plus and region == "CN")
    ):
        return PhoneKey("+86" + mobile.group(1), mobile.group(1), "CN")  # fast path
    if not plus and region is None:
        return PhoneKey(national=digits, reason="no_country")
    parsed = _parse_digits(digits, plus, None if plus else region)
    if isinstance(parsed, str):
        return PhoneKey(national=digits, reason=parsed)
    cc, national = parsed
    number_region = _number_region(cc, national)
    # "001": non-geographic (satellite, global services).
    number_country = "" if number_region is None or number_region == _NON_GEO else number_region
    home = _plan(phonenumbers.COUNTRY_CODE_TO_REGION_CODE[cc][0], cc)
    possible = home.length(national) if home is not None else _POSSIBLE.INVALID_COUNTRY_CODE
    if possible in {_POSSIBLE.TOO_SHORT, _POSSIBLE.IS_POSSIBLE_LOCAL_ONLY}:
        return PhoneKey(national=national, country=number_country, reason="too_short")
    if possible != _POSSIBLE.IS_POSSIBLE:
        return PhoneKey(national=national, country=number_country, reason="unparseable")
    plan = _plan(number_region, cc) if number_region is not None else None
    if (
        plan is None
        or not (plan.cc == cc or number_region == _NON_GEO)
        or not plan.known_type(national)
    ):
        # Kept in E.164 form, flagged: written the same way on two records, a number in
        # no assigned range (a typo, a made-up or a newly opened range) still identifies;
        # unless read back it would lose a digit (a trunk zero in no plan), so that the
        # key stays idempotent.
        stable = _parse_digits(f"{cc}{national}", True, None) == (cc, national)
        return PhoneKey(f"+{cc}{national}" if stable else "", national, number_country, "invalid")
    e164 = f"+{cc}{national}"
    if len(e164) > 16:  # E.164 allows 15 digits; a few national plans' metadata allow more
        return PhoneKey(national=national, country=number_country, reason="unparseable")
    return PhoneKey(e164, national, number_country)


# --- e-mail ------------------------------------------------------------------------------

#: Reason codes of :class:`EmailKey` (empty string: a usable address).
EMAIL_REASONS: Final[dict[str, str]] = {
    "empty": "no value",
    "placeholder": "a stand-in such as none@none.com, noemail@..., test@test.com or N/A",
    "invalid": "no address of the form local@domain.tld",
}


@dataclass(frozen=True, slots=True)
class EmailKey:
    """An e-mail address, cleaned.

    Attributes
    ----------
    email
        Lower case, trimmed, "mailto:" and display names removed, "name (at) example
        (dot) com" restored; the first address when several are given.
    local, domain
        The parts around "@".
    canonical
        The mailbox: for providers that ignore dots or "+tags" in the local part (Gmail,
        Outlook, ...) without them, googlemail.com as gmail.com. Equal canonical forms
        reach one inbox.
    is_freemail
        The domain is a free-mail provider (qq.com, 163.com, gmail.com, yahoo.*, ...):
        not evidence that two companies share an organisation, and a red flag on a large
        company.
    reason
        "" or a code of :data:`EMAIL_REASONS`.
    """

    email: str = ""
    local: str = ""
    domain: str = ""
    canonical: str = ""
    is_freemail: bool = False
    reason: str = ""


_EMAIL_RE = re.compile(
    r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?![a-z0-9-])"
)
_AT_RE = re.compile(r"\s*[\(\[\{<]\s*(?:at|@)\s*[\)\]\}>]\s*|\s+at\s+|\s+@\s+")
_DOT_RE = re.compile(r"\s*[\(\[\{<]\s*(?:dot|\.)\s*[\)\]\}>]\s*|\s+dot\s+")


def _is_freemail(domain: str) -> bool:
    return domain in FREEMAIL_DOMAINS or domain.split(".", 1)[0] in FREEMAIL_BRANDS


def normalize_email(raw: object) -> EmailKey:
    """Clean an e-mail address and flag free-mail domains and placeholders.

    Parameters
    ----------
    raw
        The address as written, possibly with a display name, "mailto:", several
        addresses, or "(at)" and "(dot)" for "@" and ".".

    Returns
    -------
    EmailKey

    Examples
    --------
    >>> k = normalize_email("mailto: Xinghui.Sales@QQ.COM ")
    >>> k.email, k.domain, k.is_freemail
    ('xinghui.sales@qq.com', 'qq.com', True)
    >>> normalize_email("sales (at) xinghui (dot) com").email
    'sales@xinghui.com'
    >>> normalize_email("J.Smith+shop@googlemail.com").canonical
    'jsmith@gmail.com'
    >>> normalize_email("none@none.com").reason, normalize_email("not an address").reason
    ('placeholder', 'invalid')
    """
    text = as_text(raw)
    if text is None or not text.strip():
        return EmailKey(reason="empty")
    text, _ = _clip(text, 400)
    text = unicodedata.normalize("NFKC", text).replace("。", ".").casefold().strip()
    text = text.replace("mailto:", " ")
    if "@" not in text:
        text = _AT_RE.sub("@", text, count=1)
    if "@" in text:
        text = _DOT_RE.sub(".", text)
    match = _EMAIL_RE.search(text)
    if match is None:
        squashed = squash(_NON_WORD_RE.sub(" ", fold(text)))
        placeholder = not squashed or _is_placeholder(squashed)
        return EmailKey(reason="placeholder" if placeholder else "invalid")
    email = match.group()
    local, domain = email.rsplit("@", 1)
    freemail = _is_freemail(domain)
    if domain in EMAIL_PLACEHOLDER_DOMAINS or local in EMAIL_PLACEHOLDER_LOCALS:
        return EmailKey(email, local, domain, "", freemail, "placeholder")
    mailbox, mail_domain = local, domain
    if mail_domain == "googlemail.com":
        mail_domain = "gmail.com"
    if mail_domain in PLUS_TAG_MAIL:
        mailbox = mailbox.split("+", 1)[0]
    if mail_domain in DOTLESS_MAIL:
        mailbox = mailbox.replace(".", "")
    return EmailKey(email, local, domain, f"{mailbox}@{mail_domain}", freemail, "")


# --- tax identifiers ---------------------------------------------------------------------

#: Reason codes of :class:`TaxIdKey` (empty string: a usable identifier).
TAX_ID_REASONS: Final[dict[str, str]] = {
    "empty": "no value",
    "placeholder": "a stand-in: N/A, 0, repeated characters",
    "too_short": "fewer than 5 letters and digits",
    "bad_checksum": "a USCC whose check character does not match",
}


@dataclass(frozen=True, slots=True)
class TaxIdKey:
    """A tax or customs identifier.

    Attributes
    ----------
    value
        Upper case, separators and labels ("EORI:", "VAT No.") removed; the match key.
    kind
        ``uscc`` (China's 18-character Unified Social Credit Code), ``eori`` (country
        code + up to 15 characters), ``ioss`` ("IM" + 10 digits), ``vat`` (only when
        labelled VAT or of a VAT-only shape: many member states use the VAT number as
        the EORI) or ``other``. A hint; ``value`` is what links records.
    country
        ISO alpha-2 of the issuing country (CN for a USCC, the prefix of an EORI or VAT
        number with EL read as GR, the member state coded in an IOSS number, else the
        record's country), or "".
    reason
        "" or a code of :data:`TAX_ID_REASONS`.
    """

    value: str = ""
    kind: str = ""
    country: str = ""
    reason: str = ""


_TAX_LABEL_RE = re.compile(
    r"(?:eori|vat|ust-?id-?nr|ust|tva|iva|btw|moms|nif|cif|p\s?iva|ioss|uscc|tin|tax|"
    r"unified social credit code|统一社会信用代码|信用代码|税号)\b[\s.:#=-]*",
    re.IGNORECASE,
)
# "No", "ID", "Nr" are labels after a label ("Tax ID 123", "VAT No 123") or before
# punctuation ("No.: 123"); alone they may be a prefix ("NO 123456789 MVA" is Norwegian).
_TAX_WORD_RE = re.compile(r"(?:id|no|nr|number|num|code)\b[\s.:#=-]*", re.IGNORECASE)
_TAX_WORD_PUNCT_RE = re.compile(r"(?:id|no|nr|number|num|code)\s*[.:#=][\s.:#=-]*", re.I)
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_RE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}")
_IOSS_RE = re.compile(r"IM\d{10}")
_EORI_RE = re.compile(r"[A-Z]{2}[0-9A-Z]{1,15}")
# VAT shapes that no EORI takes (Dutch B-suffix numbers, Austrian U-numbers, Greek VAT
# numbers, which start EL where Greek EORIs start GR).
_VAT_ONLY_RE = re.compile(r"NL\d{9}B\d{2}|ATU\d{8}|EL\d{9}")


def _uscc_ok(value: str) -> bool:
    """Check character of a USCC (GB 32100-2015): weighted sum modulo 31."""
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(value, _USCC_WEIGHTS, strict=False))
    return _USCC_CHARS[(31 - total % 31) % 31] == value[17]


def normalize_tax_id(raw: object, country: object = None) -> TaxIdKey:
    """Normalise a tax or customs identifier (USCC, EORI, IOSS, VAT).

    Parameters
    ----------
    raw
        The identifier as written, labels and separators included.
    country
        The record's country; gives ``country`` for identifiers that do not carry one,
        and the prefix of an unprefixed number labelled EORI or VAT.

    Returns
    -------
    TaxIdKey

    Examples
    --------
    >>> normalize_tax_id("EORI: DE 1234 5678 9012 345")
    TaxIdKey(value='DE123456789012345', kind='eori', country='DE', reason='')
    >>> normalize_tax_id("IM2760000001").country
    'DE'
    >>> normalize_tax_id("91350100M000100Y43").kind
    'uscc'
    >>> normalize_tax_id("n/a").reason
    'placeholder'
    """
    text = as_text(raw)
    iso = _country(country)
    if text is None or not text.strip():
        return TaxIdKey(reason="empty")
    text, _ = _clip(text, 100)
    text = fold(text).strip()
    hint = ""
    labelled = False
    while True:
        word_re = _TAX_WORD_RE if labelled else _TAX_WORD_PUNCT_RE
        m = _TAX_LABEL_RE.match(text) or word_re.match(text)
        if m is None or not m.end():
            break
        labelled = True
        label = m.group().lower()
        hint = hint or next((k for k in ("eori", "ioss", "uscc") if k in label), "")
        if not hint and any(k in label for k in ("vat", "ust", "tva", "iva", "btw", "moms")):
            hint = "vat"
        text = text[m.end() :]
    value = _NON_WORD_RE.sub("", text).upper()
    if not value.isascii():
        value = "".join(c for c in value if c.isascii())
    if not value or _is_placeholder(value.lower()) or len(set(value)) == 1:
        return TaxIdKey(reason="placeholder")
    if len(value) < 5:
        return TaxIdKey(value=value, kind="other", country=iso or "", reason="too_short")
    if _IOSS_RE.fullmatch(value):
        return TaxIdKey(value, "ioss", IOSS_STATES.get(value[2:5], ""))
    if value.startswith("CN") and len(value) == 20:
        value = value[2:]  # a USCC written with the country in front
    if len(value) == 18 and _USCC_RE.fullmatch(value):
        return TaxIdKey(value, "uscc", "CN", "" if _uscc_ok(value) else "bad_checksum")
    if (
        hint in {"eori", "vat"}
        and value.isdigit()
        and iso is not None
        and (iso in EORI_PREFIXES or iso == "GR")
    ):
        value = ("EL" if iso == "GR" and hint == "vat" else iso) + value
    if (
        _EORI_RE.fullmatch(value)
        and value[:2] in EORI_PREFIXES
        and any(c.isdigit() for c in value[2:])
    ):
        kind = "vat" if hint == "vat" or _VAT_ONLY_RE.fullmatch(value) else "eori"
        prefix = {"EL": "GR", "XI": "GB"}.get(value[:2], value[:2])
        return TaxIdKey(value, kind, prefix)
    return TaxIdKey(value, "other", iso or "")


# --- websites ----------------------------------------------------------------------------

_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.-]*:(?://)?|^//")
_HOST_RE = re.compile(r"(?:[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]*[a-z0-9\u00a1-\uffff])?\.)+"
                      r"[a-z\u00a1-\uffff]{2,}")  # fmt: skip
_WWW_RE = re.compile(r"^www\d*\.")
_INDEX_RE = re.compile(r"/(?:index|default|home)\.(?:html?|php|aspx?|jsp)$")


def normalize_website(raw: object) -> str:
    """Host and path of a website, lower case, without scheme, "www.", query or fragment.

    Query parameters that identify a store or seller on a marketplace (``seller=``,
    ``shop_id=``, ``me=``, ...) are kept, sorted, because they are the part that tells
    two stores on one platform apart. Anything that is not a web address gives "".

    Parameters
    ----------
    raw
        The website as written.

    Returns
    -------
    str
        The key, or "" for a missing value, a placeholder or an e-mail address.

    Examples
    --------
    >>> normalize_website("https://www.Shop.Example.com/store/123/?utm_source=x#top")
    'shop.example.com/store/123'
    >>> normalize_website("amazon.de/sp?ie=UTF8&seller=A1B2C3")
    'amazon.de/sp?seller=a1b2c3'
    >>> normalize_website("N/A")
    ''
    """
    text = as_text(raw)
    if text is None:
        return ""
    text, _ = _clip(text, 500)
    text = unicodedata.normalize("NFKC", text).strip().lower()
    text = text.split()[0] if text.split() else ""
    text = _SCHEME_RE.sub("", text)
    text = text.split("#", 1)[0]
    host_part, _, query = text.partition("?")
    host, _, path = host_part.partition("/")
    host = _WWW_RE.sub("", host.rsplit("@", 1)[-1].split(":", 1)[0].rstrip("."))
    if ("@" in host_part.split("/", 1)[0] and not path) or not _HOST_RE.fullmatch(host):
        return ""  # an e-mail address or not a host name
    path = ("/" + path).rstrip("/")
    while (shorter := _INDEX_RE.sub("", path).rstrip("/")) != path:
        path = shorter
    # Store ids are kept as written (not URL-decoded), so the result reads back unchanged.
    kept = sorted(
        (k, v)
        for k, _, v in (pair.partition("=") for pair in query.split("&"))
        if v and k in STORE_QUERY_KEYS
    )
    query = "&".join(f"{k}={v}" for k, v in kept)
    return host + path + (f"?{query}" if query else "")
