"""Split romanised Chinese words into pinyin syllables, for blocking.

"xinghui", "xing hui" and the pinyin of 星辉 all become the syllables ``xing hui``, so a
syllable pair is a blocking key that survives split and joined spellings. (``_text.is_pinyin``
answers only whether a word splits; this gives the split.)

Examples
--------
>>> syllables("xinghui")
('xing', 'hui')
>>> syllables("guangzhou")
('guang', 'zhou')
>>> syllables("meier") is None or len(syllables("meier")) == 2
True
>>> syllables("schuh") is None
True
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise

from netlink.resolve._vocab import PINYIN_SYLLABLES

__all__ = ["syllable_pairs", "syllables"]

_MAX = max(map(len, PINYIN_SYLLABLES))


@lru_cache(maxsize=500_000)
def syllables(word: str) -> tuple[str, ...] | None:
    """The fewest pinyin syllables that spell ``word`` exactly, or None if none do."""
    n = len(word)
    if n == 0 or not word.isascii():
        return None
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    spelt = [0]  # the prefixes that split, ascending: only they can start a syllable
    for end in range(1, n + 1):
        for start in spelt:
            if start < end - _MAX:
                continue
            piece = word[start:end]
            prev = best[start]
            if prev is not None and piece in PINYIN_SYLLABLES:
                cand = (*prev, piece)
                cur = best[end]
                if cur is None or len(cand) < len(cur):
                    best[end] = cand
        if best[end] is not None:
            spelt.append(end)
    return best[n]


def syllable_pairs(squashed: str) -> list[str]:
    """Adjacent syllable pairs of a squashed name, e.g. ``['xing hui']``; [] if not pinyin."""
    syl = syllables(squashed)
    if not syl or len(syl) < 2:
        return []
    return [f"{a} {b}" for a, b in pairwise(syl)]
