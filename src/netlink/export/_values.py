"""Cell values as the export formats want them: plain text, XML-safe, dates, record lists."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

__all__ = ["KIND_COLOURS", "date_text", "is_missing", "number", "record_list", "xml_text"]

# Characters XML 1.0 cannot hold at all (controls other than tab and line breaks,
# surrogates, U+FFFE/U+FFFF): a value holding one would make the whole file unreadable.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

#: Node colours by kind (also used by the briefing's static chart).
KIND_COLOURS: dict[str, str] = {
    "party": "#1f77b4",
    "seizure": "#7f7f7f",
    "address": "#2ca02c",
    "identifier": "#ff7f0e",
    "domain": "#bcbd22",
    "master": "#8c564b",
    "brand": "#d62728",
    "place": "#17becf",
}


def is_missing(value: Any) -> bool:
    """None, NaN, NaT and pandas' NA.

    Examples
    --------
    >>> is_missing(float("nan")), is_missing(pd.NaT), is_missing(""), is_missing(0)
    (True, True, False, False)
    """
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and arrays are values
        return False


def xml_text(value: Any) -> str:
    """Text that XML 1.0 can hold: missing is "", illegal characters become U+FFFD.

    Examples
    --------
    >>> xml_text("a\\x00b"), xml_text(None)
    ('a\\ufffdb', '')
    """
    if is_missing(value):
        return ""
    return _XML_ILLEGAL.sub("\ufffd", str(value))


def date_text(value: Any) -> str:
    """An ISO date (YYYY-MM-DD), or "" when missing.

    Examples
    --------
    >>> date_text(pd.Timestamp("2024-03-01 12:00")), date_text(pd.NaT)
    ('2024-03-01', '')
    """
    if is_missing(value):
        return ""
    return pd.Timestamp(value).date().isoformat()


def number(value: Any) -> str:
    """A number as text: integers without a decimal point, "" when missing.

    Examples
    --------
    >>> number(3.0), number(0.25), number(float("nan")), number(7)
    ('3', '0.25', '', '7')
    """
    if is_missing(value):
        return ""
    f = float(value)
    return str(int(f)) if f.is_integer() and abs(f) < 2**53 else repr(f)


def record_list(record_ids: Iterable[Any]) -> str:
    """Record ids as a JSON array: exact whatever the ids hold (commas, quotes, ...).

    Examples
    --------
    >>> record_list(["R1", 'R"2'])
    '["R1", "R\\\\"2"]'
    """
    return json.dumps([str(r) for r in record_ids], ensure_ascii=False)
