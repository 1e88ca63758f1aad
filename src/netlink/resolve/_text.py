"""Text primitives shared by the normalisers: coercion, ASCII folding, scripts, pinyin.

Everything here is total (no input raises) and pure; the pinyin conversions are cached
because trade names repeat the same characters over and over.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

import numpy as np

from netlink.resolve._vocab import PINYIN_SYLLABLES

__all__ = [
    "HAN_RUN_RE",
    "HanLexicon",
    "as_text",
    "fold",
    "has_han",
    "is_pinyin",
    "pinyin",
    "pinyin_syllables",
    "script_of",
    "segment_han",
]

# Han ideographs: CJK Unified (with extension A), compatibility ideographs and the
# supplementary planes' extensions B to F.
_HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
HAN_RUN_RE = re.compile(f"[{_HAN_CHARS}]+")
_HAN_ANY_RE = re.compile(f"[{_HAN_CHARS}]")


def as_text(raw: object) -> str | None:
    """The text of any cell value, or None for missing values.

    None, NaN, ``pd.NA`` and ``NaT`` are missing; numbers equal in Python give the same
    text (1, 1.0, True and ``np.int64(1)`` are all "1", so a phone number read from a
    spreadsheet as 13800138000.0 is "13800138000", and grouping equal values is safe);
    bytes are decoded as UTF-8; anything else is ``str()``-ed, and an object whose
    ``str()`` fails counts as missing.

    >>> as_text(13800138000.0), as_text(None), as_text(float("nan"))
    ('13800138000', None, None)
    """
    if isinstance(raw, np.generic):
        raw = raw.item()  # numpy scalars as Python numbers, strings, bytes or None (NaT)
    if isinstance(raw, str):
        return str(raw)  # a plain str, also for subclasses
    if raw is None:
        return None
    if isinstance(raw, float):
        if math.isnan(raw):
            return None
        return str(int(raw)) if raw.is_integer() else repr(raw)
    if isinstance(raw, int):  # bool too: True == 1
        return str(int(raw))
    if isinstance(raw, bytes | bytearray):
        return bytes(raw).decode("utf-8", errors="replace")
    try:
        # pd.NA, NaT and other NaN-likes say they are unequal to themselves or raise on
        # truth testing; both mean "missing".
        if raw != raw:
            return None
        text = str(raw)
    except Exception:
        return None
    return None if text in {"<NA>", "NaT", "nan"} else text


def _fold_table() -> dict[int, str]:
    """Latin letters with diacritics and Cyrillic letters -> ASCII."""
    table: dict[int, str] = {}
    for cp in range(0x80, 0x250):
        ch = chr(cp)
        if not ch.isalpha():
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if base.isascii() and base:
            table[cp] = base.lower()
    # Letters that do not decompose into an ASCII base.
    special = {
        "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
        "ı": "i", "ŀ": "l", "ħ": "h", "ŧ": "t", "ƒ": "f", "ĸ": "k",
    }  # fmt: skip
    # Cyrillic, a simple practical transliteration (ООО -> ooo, ТОВ -> tov).
    cyrillic = {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
        "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
        "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u", "ј": "j", "љ": "lj",
        "њ": "nj", "ћ": "c", "ђ": "d", "џ": "dz", "ѕ": "dz",
    }  # fmt: skip
    for src, dst in {**special, **cyrillic}.items():
        table[ord(src)] = dst
    return table


_FOLD = _fold_table()
_COMBINING_RE = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Case-folded text with Latin diacritics removed and Cyrillic transliterated.

    Other scripts (Arabic, Greek, Korean, ...) are kept as they are: there is no safe
    offline transliteration for them, and equal spellings still compare equal.

    >>> fold("Şti. ÖZTÜRK ООО ｆｕｌｌ")
    'sti. ozturk ooo full'
    """
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    if not text.isascii():
        # Letters outside the table (Vietnamese, stacked diacritics): decompose, drop marks.
        text = _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text))
        text = unicodedata.normalize("NFC", text).translate(_FOLD)
    return text


def has_han(text: str) -> bool:
    """Whether the text holds a Chinese character."""
    return not text.isascii() and _HAN_ANY_RE.search(text) is not None


# Letters of the scripts told apart; any other letter counts as "other".
_SCRIPTS = (
    ("latin", re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff\uff21-\uff3a\uff41-\uff5a]")),
    ("han", _HAN_ANY_RE),
    ("cyrillic", re.compile("[\u0400-\u052f]")),
    ("arabic", re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")),
)
_ASCII_LETTER_RE = re.compile("[A-Za-z]")
_KNOWN_SCRIPTS_RE = re.compile(
    "[A-Za-z\u00c0-\u024f\u1e00-\u1eff\uff21-\uff3a\uff41-\uff5a\u0400-\u052f"
    f"\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff{_HAN_CHARS}]+"
)


def script_of(text: str) -> str:
    """The writing system of the letters in a text.

    One of ``latin``, ``han``, ``cyrillic``, ``arabic``, ``other`` (any other single
    script), ``mixed`` (letters of two or more) or ``none`` (no letters).

    >>> script_of("Xinghui 星辉"), script_of("ООО"), script_of("123 !")
    ('mixed', 'cyrillic', 'none')
    """
    if text.isascii():
        return "latin" if _ASCII_LETTER_RE.search(text) else "none"
    found = [name for name, pattern in _SCRIPTS if pattern.search(text)]
    if any(c.isalpha() for c in _KNOWN_SCRIPTS_RE.sub("", text)):
        found.append("other")
    if not found:
        return "none"
    return found[0] if len(found) == 1 else "mixed"


@lru_cache(maxsize=1 << 16)
def pinyin(han: str) -> tuple[str, ...]:
    """Toneless pinyin of a run of Chinese characters, as words.

    The syllables are joined into one word; a character pypinyin has no reading for
    (rare characters of the supplementary planes) stays as it is, a word of its own.
    pypinyin picks the reading of a character from the phrase around it. Different
    characters can share a reading: 新达 and 鑫达 are both "xinda", which lets a name meet
    its transliteration but can also join two different names (the scorer weighs it).

    >>> pinyin("星辉"), pinyin("新达") == pinyin("鑫达")
    (('xinghui',), True)
    """
    from pypinyin import Style, lazy_pinyin  # imported on first use: it loads a dictionary

    words: list[str] = []
    joined = ""
    for syllable in lazy_pinyin(han, style=Style.NORMAL, errors="default"):
        if syllable.isascii():
            joined += syllable
        else:
            if joined:
                words.append(joined)
            words.append(syllable)
            joined = ""
    if joined:
        words.append(joined)
    return tuple(words)


class HanLexicon:
    """Chinese words with their replacement text, indexed by first character.

    Most characters of a name begin no known word; the index rejects them with one
    lookup instead of one per possible word length.
    """

    __slots__ = ("sizes", "words")

    def __init__(self, words: dict[str, str]) -> None:
        self.words = words
        sizes: dict[str, set[int]] = {}
        for word in words:
            sizes.setdefault(word[0], set()).add(len(word))
        self.sizes = {c: tuple(sorted(s, reverse=True)) for c, s in sizes.items()}

    def match(self, text: str, i: int) -> tuple[str, int] | None:
        """The longest known word starting at ``text[i]``: (replacement, length)."""
        for size in self.sizes.get(text[i], ()):
            hit = self.words.get(text[i : i + size])
            if hit is not None:
                return hit, size
        return None


def segment_han(run: str, lexicon: HanLexicon) -> list[str]:
    """Split a run of Chinese characters into known words and pinyin for the rest.

    Greedy longest match from the left against the lexicon; the characters between
    known words form one unknown chunk each, converted with :func:`pinyin`, so a trade
    name keeps its syllables together as it would in an official English name
    ("星辉" -> "xinghui").

    >>> segment_han("星辉贸易", HanLexicon({"贸易": "maoyi"}))
    ['xinghui', 'maoyi']
    """
    out: list[str] = []
    chunk_start = i = 0
    n = len(run)
    while i < n:
        found = lexicon.match(run, i)
        if found is None:
            i += 1
            continue
        if chunk_start < i:
            out.extend(pinyin(run[chunk_start:i]))
        out.append(found[0])
        i += found[1]
        chunk_start = i
    if chunk_start < n:
        out.extend(pinyin(run[chunk_start:n]))
    return out


@lru_cache(maxsize=1 << 18)
def pinyin_syllables(token: str) -> int:
    """The fewest pinyin syllables that spell a lower-case token, or 0 if none do.

    >>> pinyin_syllables("xinghui"), pinyin_syllables("elite"), pinyin_syllables("leather")
    (2, 3, 0)
    """
    n = len(token)
    if n < 2 or n > 36 or not token.isascii() or not token.isalpha():
        return 0
    # Breadth first over the positions that syllables reach (syllables are 1 to 6
    # letters): the first layer to reach the end has the fewest syllables, and most words
    # that are not pinyin stop after a letter or two.
    frontier = [0]
    seen = {0}
    count = 0
    while frontier:
        count += 1
        reached = []
        for start in frontier:
            for end in range(start + 1, min(start + 6, n) + 1):
                if end not in seen and token[start:end] in PINYIN_SYLLABLES:
                    if end == n:
                        return count
                    seen.add(end)
                    reached.append(end)
        frontier = reached
    return 0


@lru_cache(maxsize=1 << 18)
def is_pinyin(token: str) -> bool:
    """Whether a lower-case token is a sequence of pinyin syllables ("xinghui": yes).

    >>> is_pinyin("guangzhou"), is_pinyin("leather"), is_pinyin("x")
    (True, False, False)
    """
    return pinyin_syllables(token) > 0
