"""Column versions of the normalisers: one call per distinct value, mapped back.

Extracts repeat the same names, addresses and phone numbers across thousands of
records, so each function factorises its input columns together, runs the scalar
normaliser once per distinct combination and spreads the results back with the
factorisation codes. The result of a row is by construction the scalar result of that
row (the tests check it on random input).
"""

from __future__ import annotations

import gc
import os
import pickle
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import fields
from operator import attrgetter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from netlink.errors import ParameterError
from netlink.resolve._normalize import (
    AddressKey,
    EmailKey,
    NameKey,
    PhoneKey,
    TaxIdKey,
    _abbreviation_country,
    _city_key,
    _country,
    _finish_address,
    _parse_address,
    normalize_email,
    normalize_name,
    normalize_phone,
    normalize_tax_id,
    normalize_website,
)
from netlink.resolve._text import as_text

__all__ = [
    "available_cores",
    "normalize_addresses",
    "normalize_emails",
    "normalize_names",
    "normalize_parties",
    "normalize_parties_stepwise",
    "normalize_phones",
    "normalize_tax_ids",
    "normalize_websites",
]

# The installed pandas' default string dtype ("str", Arrow-backed, in pandas 3): results
# are built as Arrow arrays and wrapped without a copy when it is Arrow-backed.
_STR_DTYPE = pd.Series([""]).dtype
_ARROW_STR = isinstance(_STR_DTYPE, pd.StringDtype) and _STR_DTYPE.storage == "pyarrow"


def _series(values: Any, name: str, length: int | None = None) -> pd.Series:
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    if length is not None and len(series) != length:
        raise ParameterError(f"{name} has {len(series)} values, expected {length}")
    return series


def _distinct(columns: Sequence[pd.Series]) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the code of its distinct combination (missing values as a value of their
    own), codes in order of first appearance; per code, its first row."""
    combined = np.zeros(len(columns[0]), dtype=np.int64)
    span = 1
    for column in columns:
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
        width = len(uniques) + 1
        if span * width >= 2**62:  # re-factorised only when the code could overflow
            combined, kept = pd.factorize(combined)
            span = len(kept)
        combined = combined * width + codes + 1  # missing (-1) becomes 0
        span *= width
    codes, _ = pd.factorize(combined)
    _, first = np.unique(codes, return_index=True)
    return codes, first


def _column(values: list, codes: np.ndarray, kind: type) -> Any:
    if kind is str:
        if _ARROW_STR:
            taken = pa.array(values, type=pa.large_string()).take(pa.array(codes))
            return pd.array(taken, dtype=_STR_DTYPE)
        return np.array(values, dtype=object)[codes]
    if kind is bool:
        return np.array(values, dtype=bool)[codes]
    out = np.empty(len(values), dtype=object)  # tuples stay whole, not broadcast
    out[:] = values
    return out[codes]


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    The keys hold no reference cycles; the collector would otherwise rescan the growing
    list of results again and again (about 15% of the time on a million rows). Callers
    drop the keys before it resumes, so that it does not scan them once more then.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _apply(
    func: Callable[..., Any], key_class: type, columns: Sequence[pd.Series], index: pd.Index
) -> pd.DataFrame:
    codes, first = _distinct(columns)
    args = [c.iloc[first].to_numpy(dtype=object) for c in columns]
    with _no_gc():
        results = [func(*row) for row in zip(*args, strict=True)]
        frame = _frame(results, key_class, codes, index)
        del results
    return frame


def _frame(results: list, key_class: type, codes: np.ndarray, index: pd.Index) -> pd.DataFrame:
    """One column per field of the keys, spread over the rows by ``codes``."""
    names = [f.name for f in fields(key_class)]
    values = zip(*map(attrgetter(*names), results), strict=True) if results else [()] * len(names)
    data = {
        f.name: _column(list(column), codes, type(f.default))
        for f, column in zip(fields(key_class), values, strict=True)
    }
    return pd.DataFrame(data, index=index)


def _mapped(values: pd.Series, func: Callable[[Any], Any]) -> pd.Series:
    """``func`` of each value, computed once per distinct value (missing values: once)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    mapped = np.array([func(u) for u in uniques] + [func(None)], dtype=object)
    return pd.Series(mapped[codes], index=values.index, dtype=object)


def normalize_names(names: pd.Series, countries: pd.Series | None = None) -> pd.DataFrame:
    """:func:`normalize_name` over a column, one column per :class:`NameKey` field.

    Parameters
    ----------
    names
        The names; the result has the same index.
    countries
        The records' countries, aligned by position (optional).

    Returns
    -------
    pandas.DataFrame
        One column per :class:`NameKey` field, string columns in pandas' default string
        dtype, flags as bool, tuples as objects; the index of ``names``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = normalize_names(pd.Series(["GZ Xinghui", "Xinghui (HK) Trading Ltd", None]))
    >>> df[["core", "place", "hk_sister", "reason"]].values.tolist()
    [['xinghui', 'guangzhou', False, ''], ['xinghui', 'hongkong', True, ''], ['', '', False, 'empty']]
    """
    names = _series(names, "names")
    # A name in ASCII normalises as its lower case does ("XINGHUI CO.,LTD", "Xinghui Co.,
    # Ltd"): normalised once.
    lowered = _mapped(names, _lower_ascii)
    if countries is None:
        return _apply(normalize_name, NameKey, [lowered], names.index)
    countries = _series(countries, "countries", len(names))
    # Only whether abbreviations apply depends on the country: group by that, not by
    # the country, so a name seen under 40 countries is normalised at most twice.
    proxy = _mapped(countries, _abbreviation_country)
    return _apply(normalize_name, NameKey, [lowered, proxy], names.index)


def _lower_ascii(value: object) -> object:
    return value.lower() if isinstance(value, str) and value.isascii() else value


def normalize_addresses(
    addresses: pd.Series,
    cities: pd.Series | None = None,
    postcodes: pd.Series | None = None,
    countries: pd.Series | None = None,
) -> pd.DataFrame:
    """:func:`normalize_address` over columns, one column per :class:`AddressKey` field.

    Parameters
    ----------
    addresses
        The address texts; the result has the same index.
    cities, postcodes, countries
        The records' separate city, postcode and country columns, aligned by position
        (optional).

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import pandas as pd
    >>> df = normalize_addresses(pd.Series(["88 Xingye Rd", "No. 88 Xingye Road"]))
    >>> df["road_key"].tolist()
    ['xingye rd|88', 'xingye rd|88']
    """
    addresses = _series(addresses, "addresses")
    n = len(addresses)
    cities, postcodes, countries = (
        _series(c, name, n) if c is not None else pd.Series([None] * n, dtype=object)
        for c, name in ((cities, "cities"), (postcodes, "postcodes"), (countries, "countries"))
    )
    # A text is parsed once per country it is read under (the same address comes with
    # and without its postcode and city columns), then finished once per combination.
    iso = _mapped(countries, _country)
    texts, first_text = _distinct([addresses, iso])
    combos, first = _distinct([pd.Series(texts, index=addresses.index), cities, postcodes])
    args = zip(
        texts[first],
        cities.iloc[first].to_numpy(dtype=object),
        postcodes.iloc[first].to_numpy(dtype=object),
        iso.iloc[first].to_numpy(dtype=object),
        strict=True,
    )
    part_items: dict = {}
    with _no_gc():
        parsed = [
            _parse_address(as_text(a), i, part_items)
            for a, i in zip(
                addresses.iloc[first_text].to_numpy(dtype=object),
                iso.iloc[first_text].to_numpy(dtype=object),
                strict=True,
            )
        ]
        results = [_finish_address(parsed[t], _city_key(c), p, i) for t, c, p, i in args]
        del parsed, part_items
        frame = _frame(results, AddressKey, combos, addresses.index)
        del results
    return frame


def normalize_phones(phones: pd.Series, countries: pd.Series | None = None) -> pd.DataFrame:
    """:func:`normalize_phone` over a column, one column per :class:`PhoneKey` field.

    Parameters
    ----------
    phones
        The numbers as written; the result has the same index.
    countries
        The records' countries, aligned by position (optional): the default region.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import pandas as pd
    >>> phones = pd.Series(["+86 138 0013 8000", "0086-13800138000", "13800138000"])
    >>> normalize_phones(phones, pd.Series(["CN", "CN", "CN"]))["e164"].unique().tolist()
    ['+8613800138000']
    """
    phones = _series(phones, "phones")
    columns = (
        [phones] if countries is None else [phones, _series(countries, "countries", len(phones))]
    )
    return _apply(normalize_phone, PhoneKey, columns, phones.index)


def normalize_emails(emails: pd.Series) -> pd.DataFrame:
    """:func:`normalize_email` over a column, one column per :class:`EmailKey` field.

    Parameters
    ----------
    emails
        The addresses as written; the result has the same index.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import pandas as pd
    >>> normalize_emails(pd.Series(["Sales@QQ.com", None]))["is_freemail"].tolist()
    [True, False]
    """
    emails = _series(emails, "emails")
    return _apply(normalize_email, EmailKey, [emails], emails.index)


def normalize_tax_ids(tax_ids: pd.Series, countries: pd.Series | None = None) -> pd.DataFrame:
    """:func:`normalize_tax_id` over a column, one column per :class:`TaxIdKey` field.

    Parameters
    ----------
    tax_ids
        The identifiers as written; the result has the same index.
    countries
        The records' countries, aligned by position (optional).

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import pandas as pd
    >>> normalize_tax_ids(pd.Series(["IM2760000001", "eori de123456"]))["kind"].tolist()
    ['ioss', 'eori']
    """
    tax_ids = _series(tax_ids, "tax_ids")
    columns = (
        [tax_ids] if countries is None else [tax_ids, _series(countries, "countries", len(tax_ids))]
    )
    return _apply(normalize_tax_id, TaxIdKey, columns, tax_ids.index)


def normalize_websites(websites: pd.Series) -> pd.Series:
    """:func:`normalize_website` over a column.

    Parameters
    ----------
    websites
        The websites as written.

    Returns
    -------
    pandas.Series
        The keys, with the index and name of ``websites``.

    Examples
    --------
    >>> import pandas as pd
    >>> normalize_websites(pd.Series(["https://www.Xinghui.com/", None])).tolist()
    ['xinghui.com', '']
    """
    websites = _series(websites, "websites")
    codes, first = _distinct([websites])
    values = [normalize_website(v) for v in websites.iloc[first].to_numpy(dtype=object)]
    return pd.Series(_column(values, codes, str), index=websites.index, name=websites.name)


#: Party-table columns each normaliser reads, and the prefix of its output columns.
_PARTY_COLUMNS = ("name", "address", "phone", "email", "tax_id", "website")
#: Tables shorter than this are normalised in one process: starting a second Python
#: (about two seconds of imports) does not pay.
_PARALLEL_MIN_ROWS = 100_000


def available_cores() -> int:
    """The CPU cores this process may run on.

    >>> available_cores() >= 1
    True
    """
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class _Subprocess:
    """A column normaliser run by a fresh Python process while the caller goes on.

    A new interpreter, not a fork (DuckDB's threads make forking unsafe) nor a
    multiprocessing child (which imports the caller's main script again): it reads the
    pickled call on stdin and writes the pickled result to stdout.
    """

    def __init__(self, func: Callable[..., Any], *args: Any) -> None:
        env = dict(os.environ)
        # The child imports netlink from where this process did, installed or not.
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
        self._proc = subprocess.Popen(
            [sys.executable, "-c", "from netlink.resolve._columns import _serve; _serve()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        payload = pickle.dumps((func.__name__, args), protocol=pickle.HIGHEST_PROTOCOL)
        self._io = ThreadPoolExecutor(max_workers=1)
        self._done = self._io.submit(self._proc.communicate, payload)

    def result(self) -> Any:
        out, err = self._done.result()
        self._io.shutdown()
        if self._proc.returncode:
            tail = err.decode(errors="replace")[-2000:]
            raise RuntimeError(f"normaliser process failed (workers=1 avoids it):\n{tail}")
        return pickle.loads(out)

    def cancel(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
        self._io.shutdown()


def _serve() -> None:
    """The child's side of :class:`_Subprocess`."""
    name, args = pickle.load(sys.stdin.buffer)
    result = globals()[name](*args)
    sys.stdout.buffer.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))


def normalize_parties(parties: pd.DataFrame, *, workers: int | None = None) -> pd.DataFrame:
    """Normalise every identifying column of a parties table (contract column names).

    Reads ``name``, ``address`` (with ``city``, ``postcode``, ``country``), ``phone``,
    ``email``, ``tax_id`` and ``website`` where present and returns one column per key
    field, prefixed with the source column ("name_core", "address_key", "phone_e164",
    ...), plus ``website`` for the normalised website; same index as ``parties``.

    Parameters
    ----------
    parties
        A parties table with contract column names (other columns are ignored).
    workers
        Processes to use; None: the available cores. With two or more, on 100,000 rows
        or more, a second Python process normalises the addresses (about half the work)
        meanwhile; more than two gain nothing. The result is the same whatever the
        number.

    Returns
    -------
    pandas.DataFrame
        Without columns when ``parties`` has none of the identifying columns.

    Examples
    --------
    >>> import pandas as pd
    >>> parties = pd.DataFrame({"name": ["GZ Xinghui"], "phone": ["13800138000"],
    ...                         "country": ["CN"]})
    >>> normalize_parties(parties)[["name_core", "phone_e164"]].values.tolist()
    [['xinghui', '+8613800138000']]
    """

    *_, whole = normalize_parties_stepwise(parties, workers=workers)
    return whole


def normalize_parties_stepwise(
    parties: pd.DataFrame, *, workers: int | None = None
) -> Iterator[pd.DataFrame]:
    """:func:`normalize_parties` in two steps, for callers with work of their own to do
    while a second process normalises the addresses.

    Yields the columns in hand (all of them, or all but the addresses' while they are
    being normalised), then all of them. Close the generator if you stop early.

    Examples
    --------
    >>> import pandas as pd
    >>> parties = pd.DataFrame({"name": ["GZ Xinghui"], "address": ["88 Xingye Rd"]})
    >>> first, whole = normalize_parties_stepwise(parties)
    >>> whole.equals(normalize_parties(parties)), "address_key" in whole.columns
    (True, True)
    """

    def col(name: str) -> pd.Series | None:
        return parties[name] if name in parties.columns else None

    def joined() -> pd.DataFrame:
        ordered = [frames[s] for s in _PARTY_COLUMNS if s in frames]
        return pd.concat(ordered, axis=1) if ordered else pd.DataFrame(index=parties.index)

    countries = col("country")
    workers = available_cores() if workers is None else workers
    background = None
    if col("address") is not None and workers >= 2 and len(parties) >= _PARALLEL_MIN_ROWS:
        background = _Subprocess(
            normalize_addresses, col("address"), col("city"), col("postcode"), countries
        )
    frames: dict[str, pd.DataFrame] = {}
    try:
        for source in _PARTY_COLUMNS:
            values = col(source)
            if values is None or (source == "address" and background is not None):
                continue
            if source == "name":
                frame = normalize_names(values, countries)
            elif source == "address":
                frame = normalize_addresses(values, col("city"), col("postcode"), countries)
            elif source == "phone":
                frame = normalize_phones(values, countries)
            elif source == "email":
                frame = normalize_emails(values)
            elif source == "tax_id":
                frame = normalize_tax_ids(values, countries)
            else:
                frames[source] = normalize_websites(values).rename("website").to_frame()
                continue
            frames[source] = frame.add_prefix(f"{source}_")
        yield joined()
        if background is not None:
            frames["address"] = background.result().add_prefix("address_")
        yield joined()
    finally:
        if background is not None:
            background.cancel()
