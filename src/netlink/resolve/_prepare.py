"""From loaded party records to the normalised columns the matcher compares."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Set
from contextlib import closing

import numpy as np
import pandas as pd

from netlink.resolve._columns import _distinct, normalize_parties_stepwise
from netlink.resolve._vocab import INDUSTRY_WORDS

__all__ = ["PROFILE_COLUMNS", "STORE_NAME_WORDS", "STRONG_COLUMNS", "prepare_records"]

#: Columns whose values together make a profile; equal profiles are one node.
PROFILE_COLUMNS: tuple[str, ...] = (
    "name_text",
    "name_sq",
    "person_key",
    "addr_key",
    "road_key",
    "addr_city",
    "phone",
    "email",
    "email_domain",
    "email_free",
    "tax",
    "web",
    "country",
)
#: A profile with none of these has only a name and is never collapsed with another.
STRONG_COLUMNS: tuple[str, ...] = ("phone", "email", "tax", "web", "addr_key")
#: Words of a marketplace store's name. Such names are drawn from a small vocabulary
#: ("Elite Fashion Store", "Elite Fashion Global"), so sellers of unrelated networks
#: share them: the name alone does not identify the store.
STORE_NAME_WORDS: frozenset[str] = frozenset(
    {"store", "stores", "shop", "shops", "mall", "boutique", "outlet", "flagship", "global"}
)


#: Every beginning of an industry word: a phrase can only start with one of them.
_INDUSTRY_STARTS: frozenset[str] = frozenset(
    word[:end] for word in INDUSTRY_WORDS for end in range(1, len(word) + 1)
)


def name_number(tokens: object) -> str | None:
    """The number tokens of a name ("Elite Shoes Shop 469" -> "469"), or None.

    Two stores of one name with different numbers are two stores.

    >>> name_number(["elite", "469"]), name_number(["elite"])
    ('469', None)
    """
    nums = sorted(t for t in tokens if t.isdigit()) if tokens is not None else []
    return " ".join(nums) or None


def store_name(text: object, legal_form: object, is_person: object) -> bool:
    """Whether a normalised name reads like a marketplace store's: a store word, no legal
    form, not a person.

    >>> store_name("elite fashion official store", "", False), store_name("ups", "", False)
    (True, False)
    """
    if (
        not isinstance(text, str)
        or is_person is True
        or (isinstance(legal_form, str) and legal_form)
    ):
        return False
    return not STORE_NAME_WORDS.isdisjoint(text.split())


def industry_words(text: object) -> list[str]:
    """Industry words of a normalised name ("supply chain", "cargo"), sorted.

    The core leaves them out so that "Xinghui Leather" and "Xinghui" agree; kept aside,
    they still tell "Sino-Euro Cargo" from "Sino-Euro Supply Chain".

    >>> industry_words("sino euro supply chain gmbh"), industry_words("sino euro cargo gmbh")
    (['supplychain'], ['cargo'])
    """
    if not isinstance(text, str) or not text:
        return []
    toks = text.split()
    found = set()
    i = 0
    while i < len(toks):
        if toks[i] not in _INDUSTRY_STARTS:  # no phrase starts here: most words
            i += 1
            continue
        for width in (3, 2, 1):  # longest phrase first: "supply chain" before "chain"
            joined = "".join(toks[i : i + width])
            if len(toks[i : i + width]) == width and joined in INDUSTRY_WORDS:
                found.add(joined)
                i += width
                break
        else:
            i += 1
    return sorted(found)


def _blank_to_none(s: pd.Series) -> pd.Series:
    s = s.astype(object)
    return s.where(s.notna() & (s != ""), None)


def _per_distinct(func: Callable[..., object], *columns: pd.Series) -> np.ndarray:
    """``func`` of each row of ``columns``, computed once per distinct combination of
    values (tuples too; missing: once). Rows of one combination share the result."""
    codes, first = _distinct(columns)
    args = [c.iloc[first].to_numpy(dtype=object) for c in columns]
    return np.fromiter(map(func, *args), dtype=object, count=len(first))[codes]


def prepare_records(
    parties: pd.DataFrame, *, isolate: Set[str] = frozenset(), workers: int | None = None
) -> pd.DataFrame:
    """Normalise the identifying columns of ``parties`` into the matcher's columns.

    Records are sorted by ``record_id`` so the result does not depend on row order.
    ``isolate`` names records (those in analyst decisions) that must stay nodes of their
    own, so a cannot-link can separate them from an identical-looking record. ``workers``
    is passed to :func:`normalize_parties`; the columns that do not depend on the
    addresses are prepared while a second process may still normalise those.
    """
    p = parties.sort_values("record_id", kind="stable").reset_index(drop=True)
    key = _content_key(p) if len(p) <= MEMO_ROWS else None
    if key is not None and key in _memo:
        _memo.move_to_end(key)
        recs = _memo[key].copy()
    else:
        recs = _prepare(p, workers)
        if key is not None:
            _memo[key] = recs.copy()
            while len(_memo) > _MEMO_TABLES:
                _memo.popitem(last=False)
    recs["isolate"] = recs["record_id"].isin(list(isolate)).to_numpy()
    return recs


#: Parties tables up to this many rows have their prepared records remembered (the last
#: few, in this process): an analyst's rerun after a must-link edit or with another
#: threshold reads the same records again, and normalising them is most of its time.
MEMO_ROWS = 50_000
_MEMO_TABLES = 4
_memo: OrderedDict[bytes, pd.DataFrame] = OrderedDict()


def _content_key(p: pd.DataFrame) -> bytes:
    """A digest of a parties table's columns and values."""
    h = hashlib.sha256("\x1f".join(map(str, p.columns)).encode())
    h.update(pd.util.hash_pandas_object(p, index=False).to_numpy().tobytes())
    return h.digest()


def _prepare(p: pd.DataFrame, workers: int | None) -> pd.DataFrame:
    n = len(p)
    with closing(normalize_parties_stepwise(p, workers=workers)) as steps:
        norm = next(steps)

        def get(col: str) -> pd.Series:
            return (
                _blank_to_none(norm[col])
                if col in norm.columns
                else pd.Series([None] * n, dtype=object)
            )

        names = _name_columns(norm, get, n)
        email = get("email_email")
        free = (
            norm["email_is_freemail"]
            if "email_is_freemail" in norm.columns
            else pd.Series(False, index=p.index)
        )
        contacts = {
            "address_text": _blank_to_none(p["address"]) if "address" in p.columns else None,
            "phone": get("phone_e164"),
            "email": email,
            "email_domain": get("email_domain"),
            "email_free": np.where(email.notna(), free.fillna(False).astype(bool), False),
            "tax": get("tax_id_value"),
            "web": get("website"),
        }
        norm = next(steps)
        addresses = {
            "addr_key": get("address_key"),
            "road_key": get("address_road_key"),
            "addr_city": get("address_city"),
            "addr_postcode": get("address_postcode"),
        }
    country = p["country"] if "country" in p.columns else pd.Series([None] * n, dtype=object)
    return pd.DataFrame(
        {
            "record_id": p["record_id"].astype(object),
            "seizure_id": p["seizure_id"].astype(object),
            "role": p["role"].astype(object),
            "country": _blank_to_none(country),
            "isolate": False,  # set by the caller
            "display_name": _blank_to_none(p["name"]) if "name" in p.columns else None,
            **names,
            **addresses,
            **contacts,
        }
    )


def _person_keys(key: object, alternatives: tuple[str, ...]) -> list[str]:
    return ([key] if key else []) + list(alternatives)


def _name_columns(norm: pd.DataFrame, get: Callable[[str], pd.Series], n: int) -> dict[str, object]:
    """The name columns of :func:`prepare_records`."""
    tokens = norm["name_tokens"] if "name_tokens" in norm.columns else pd.Series([()] * n)
    person_key = get("name_person_key")
    alts = (
        norm["name_person_alt_keys"]
        if "name_person_alt_keys" in norm.columns
        else pd.Series([()] * n)
    )
    name_text = get("name_text")
    is_person = (
        norm["name_is_person"]
        if "name_is_person" in norm.columns
        else pd.Series(False, index=norm.index)
    )
    return {
        "name_text": name_text,
        "name_sq": get("name_squashed"),
        "name_tokens": _per_distinct(list, tokens),
        "name_industry": _per_distinct(industry_words, name_text),
        "name_number": _per_distinct(name_number, tokens),
        "name_store": [
            store_name(t, f, bool(pp))
            for t, f, pp in zip(
                name_text, get("name_legal_form"), is_person.fillna(False), strict=True
            )
        ],
        "person_key": person_key,
        "person_keys": _per_distinct(_person_keys, person_key, alts),
        "is_person": is_person.fillna(False).astype(bool).to_numpy(),
        # A personal or generic name ("Guangzhou Trading Co") says little on its own.
        "name_weak": (
            is_person.fillna(False).astype(bool)
            | norm.get("name_reason", pd.Series("", index=norm.index)).isin(["generic"])
        ).to_numpy(),
        "name_reason": norm["name_reason"].astype(object) if "name_reason" in norm.columns else "",
    }
