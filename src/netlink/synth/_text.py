"""Vectorised string building on Arrow arrays.

The generator builds every string column from index arrays into word pools: a template is
a concatenation of pool picks and literals, computed once per template on the rows that
use it and scattered back into place. Nothing here loops over rows in Python except
:func:`typos`, which touches a few percent of them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import TypeAlias

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

Part: TypeAlias = "pa.Array | pa.ChunkedArray | str"

#: Neighbouring keys on a QWERTY keyboard, for substitution typos.
_NEIGHBOURS = {
    "a": "qwsz", "b": "vghn", "c": "xdfv", "d": "serfcx", "e": "wsdr", "f": "drtgvc",
    "g": "ftyhbv", "h": "gyujnb", "i": "ujko", "j": "huikmn", "k": "jiolm", "l": "kop",
    "m": "njk", "n": "bhjm", "o": "iklp", "p": "ol", "q": "wa", "r": "edft", "s": "awedxz",
    "t": "rfgy", "u": "yhji", "v": "cfgb", "w": "qase", "x": "zsdc", "y": "tghu", "z": "asx",
}  # fmt: skip


def pool(values: Sequence[str]) -> pa.Array:
    """A word pool as an Arrow string array."""
    return pa.array(list(values), pa.string())


def ascii_fold(values: Sequence[str]) -> list[str]:
    """Values with diacritics removed (Müller -> Muller, Łódź -> Lodz)."""
    special = str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "İ": "I", "ø": "o", "Ø": "O"})
    out = []
    for v in values:
        decomposed = unicodedata.normalize("NFKD", v.translate(special))
        out.append("".join(ch for ch in decomposed if not unicodedata.combining(ch)))
    return out


def pick(values: pa.Array, idx: np.ndarray) -> pa.Array:
    """``values[idx]``; an index of -1 gives NULL."""
    idx = np.asarray(idx)
    if idx.size and idx.min() < 0:
        return values.take(pa.array(idx, mask=idx < 0))
    return values.take(idx)


def cat(*parts: Part) -> pa.Array:
    """Element-wise concatenation; literals broadcast; any NULL part gives NULL."""
    arrays = [p for p in parts if not isinstance(p, str)]
    if not arrays:
        raise ValueError("cat needs at least one array")
    if len(parts) == 1:
        return _array(parts[0])
    return _array(pc.binary_join_element_wise(*parts, ""))


def where(mask: np.ndarray, a: Part, b: Part) -> pa.Array:
    """``a`` where ``mask`` else ``b``."""
    return _array(pc.if_else(pa.array(np.asarray(mask, dtype=bool)), a, b))


def blank_if(mask: np.ndarray, a: Part) -> pa.Array:
    """``a`` with the masked rows replaced by the empty string (for optional parts)."""
    return where(mask, "", a)


def null_if(mask: np.ndarray, a: Part) -> pa.Array:
    """``a`` with the masked rows set to NULL."""
    arr = _array(a)
    return pc.if_else(pa.array(np.asarray(mask, dtype=bool)), pa.scalar(None, arr.type), arr)


def digits(values: np.ndarray, width: int = 0) -> pa.Array:
    """Integers written in decimal, left-padded with zeros to ``width``."""
    out = pc.cast(pa.array(np.asarray(values, dtype=np.int64)), pa.string())
    return pc.utf8_lpad(out, width, "0") if width else out


def random_chars(rng: np.random.Generator, n: int, width: int, alphabet: str) -> pa.Array:
    """``n`` random strings of ``width`` characters drawn from ``alphabet``."""
    codes = np.frombuffer(alphabet.encode("utf-32-le"), dtype=np.uint32)
    chosen = codes[rng.integers(0, len(codes), size=(n, width))]
    return pa.array(np.ascontiguousarray(chosen).view(f"<U{width}").ravel())


def upper(a: Part) -> pa.Array:
    """Upper case as documents write it: ß becomes SS, not the rare capital ẞ."""
    return _array(pc.replace_substring(pc.utf8_upper(a), "ẞ", "SS"))


def lower(a: Part) -> pa.Array:
    return _array(pc.utf8_lower(a))


def replace(a: Part, old: str, new: str) -> pa.Array:
    return _array(pc.replace_substring(a, old, new))


def build(n: int, code: np.ndarray, builders: dict[int, Callable[[np.ndarray], Part]]) -> pa.Array:
    """Rows whose ``code`` is k built by ``builders[k](rows)``; rows with no builder NULL.

    Each builder gets the row positions it covers and returns one string per row, so a
    template runs once, vectorised, on exactly the rows that use it.
    """
    idxs, values = [], []
    for k, fn in builders.items():
        rows = np.flatnonzero(code == k)
        if rows.size:
            idxs.append(rows)
            values.append(_array(fn(rows), rows.size))
    return scatter(n, idxs, values)


def scatter(n: int, idxs: list[np.ndarray], values: list[pa.Array]) -> pa.Array:
    """An array of length ``n`` with ``values[i]`` placed at ``idxs[i]``, NULL elsewhere."""
    covered = np.concatenate(idxs) if idxs else np.zeros(0, dtype=np.int64)
    missing = np.setdiff1d(np.arange(n), covered, assume_unique=True)
    if missing.size:
        idxs = [*idxs, missing]
        values = [*values, pa.nulls(missing.size, pa.string())]
    if not idxs:
        return pa.array([], pa.string())
    order = np.empty(n, dtype=np.int64)
    order[np.concatenate(idxs)] = np.arange(n)
    combined = pa.concat_arrays([v.cast(pa.string()) for v in values])
    return combined.take(order)


def typos(values: pa.Array, rows: np.ndarray, rng: np.random.Generator) -> pa.Array:
    """``values`` with one keyboard slip (swap, drop, double, neighbour key) at ``rows``."""
    if rows.size == 0:
        return values
    texts = values.take(rows).to_pylist()
    kinds = rng.integers(0, 4, rows.size)
    where_u = rng.random(rows.size)
    pick_u = rng.random(rows.size)
    out = []
    for text, kind, u, v in zip(texts, kinds, where_u, pick_u, strict=True):
        if not text or len(text) < 4:
            out.append(text)
            continue
        # Slips hit the inside of a word: the first letter is usually right.
        i = 1 + int(u * (len(text) - 2))
        ch = text[i]
        if kind == 0:
            text = text[:i] + text[i + 1] + ch + text[i + 2 :] if i + 1 < len(text) else text
        elif kind == 1:
            text = text[:i] + text[i + 1 :]
        elif kind == 2:
            text = text[:i] + ch + text[i:]
        else:
            near = _NEIGHBOURS.get(ch.lower())
            if near:
                sub = near[int(v * len(near))]
                text = text[:i] + (sub.upper() if ch.isupper() else sub) + text[i + 1 :]
        out.append(text)
    rest = np.setdiff1d(np.arange(len(values)), rows, assume_unique=True)
    return scatter(len(values), [rows, rest], [pa.array(out, pa.string()), values.take(rest)])


def _array(a: Part, n: int | None = None) -> pa.Array:
    if isinstance(a, str):
        if n is None:
            raise ValueError("a literal needs a length")
        return pa.array(np.full(n, a, dtype=object), pa.string())
    if isinstance(a, pa.ChunkedArray):
        return a.combine_chunks()
    return a
