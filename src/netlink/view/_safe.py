"""Safe HTML: every string shown comes from an extract and is treated as untrusted.

Three rules keep data-borne markup inert:

* text placed in HTML goes through :func:`text` (``html.escape`` with quotes);
* data handed to a script is JSON in a ``<script type="application/json">`` block,
  made by :func:`script_json`, which escapes ``<``, ``>`` and ``&`` so that no value can
  close the block, and is read with ``JSON.parse`` and shown with ``textContent``;
* a document carries a Content-Security-Policy that forbids every request and lets run
  only the scripts whose SHA-256 it lists (:func:`csp`), so that even a mistake in the
  first two rules could neither run an injected script nor reach the network.

Examples
--------
>>> text('<img src=x onerror=alert(1)>')
'&lt;img src=x onerror=alert(1)&gt;'
>>> script_json({"name": "</script><script>alert(1)</script>"})
'{"name":"\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
>>> clip("Guangzhou\\nXinghui   Leather Products Co., Ltd", 20)
'Guangzhou Xinghui L…'
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["HtmlView", "clip", "csp", "document", "iframe", "script_json", "text"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
_SPACE = re.compile(r"\s+")


def is_missing(value: Any) -> bool:
    """True for None, NaN and pandas' missing markers.

    Examples
    --------
    >>> is_missing(float("nan")), is_missing(""), is_missing(None)
    (True, False, True)
    """
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    # pd.NA and pd.NaT compare unequal to themselves, like NaN.
    try:
        return bool(value != value)
    except (TypeError, ValueError):
        return False


def plain(value: Any) -> str:
    """A value as one line of plain text: missing is empty, controls become spaces.

    Examples
    --------
    >>> plain("a\\tb\\r\\nc"), plain(None), plain(3)
    ('a b c', '', '3')
    """
    if is_missing(value):
        return ""
    return _SPACE.sub(" ", _CONTROL.sub(" ", str(value))).strip()


def clip(value: Any, limit: int) -> str:
    """Plain text cut to ``limit`` characters, an ellipsis marking the cut."""
    s = plain(value)
    return s if len(s) <= limit else s[: max(limit - 1, 0)].rstrip() + "…"


def text(value: Any) -> str:
    """Plain text escaped for HTML text and attribute values."""
    return html.escape(plain(value), quote=True)


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element of an HTML document.

    ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e`` and ``\\u0026`` (still the
    same characters to ``JSON.parse``), so no string can end the element or open a
    comment; NaN is refused rather than written as invalid JSON.
    """
    out = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    for raw, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        out = out.replace(raw, esc)
    return out


def csp(scripts: Iterable[str] = ()) -> str:
    """A Content-Security-Policy allowing only the given inline scripts, and no request.

    Images may be ``data:`` URIs (vis-network's stylesheet uses some); nothing may be
    fetched, framed, posted or connected to.

    Examples
    --------
    >>> csp().split(";")[0]
    "default-src 'none'"
    """
    allowed = (
        " ".join(
            "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
            for s in scripts
        )
        or "'none'"
    )
    return (
        f"default-src 'none'; script-src {allowed}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )


def document(title: str, body: str, *, head: str = "", scripts: Iterable[str] = ()) -> str:
    """A complete, self-contained HTML document.

    Parameters
    ----------
    title
        Plain text; escaped here.
    body
        Trusted HTML (built from escaped parts).
    head
        Trusted HTML for the head (styles).
    scripts
        Inline scripts, trusted code only; placed at the end of the body and allowed by
        the document's Content-Security-Policy by their hash.
    """
    scripts = list(scripts)
    tags = "".join(f"<script>{s}</script>" for s in scripts)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{text(csp(scripts))}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{text(title)}</title>{head}</head><body>{body}{tags}</body></html>\n"
    )


def iframe(doc: str, *, height: int, title: str) -> str:
    """An ``<iframe srcdoc>`` holding a whole document, for a notebook output.

    Each chart gets its own document, so several charts in one notebook never share
    element ids or globals; ``sandbox="allow-scripts"`` gives the frame an opaque origin,
    so its scripts cannot reach JupyterLab's page, and blocks dialogs.
    """
    return (
        f'<iframe srcdoc="{html.escape(doc, quote=True)}" sandbox="allow-scripts" '
        f'title="{text(title)}" loading="eager" '
        f'style="width:100%;height:{int(height)}px;border:1px solid #d0d0d0;border-radius:4px">'
        "</iframe>"
    )


class HtmlView:
    """A piece of HTML that shows itself in a notebook and saves as a standalone file.

    Parameters
    ----------
    title
        Plain text.
    fragment
        Trusted HTML, every data string in it already escaped.
    """

    def __init__(self, title: str, fragment: str) -> None:
        self.title = title
        self.fragment = fragment

    @property
    def html(self) -> str:
        """The standalone document."""
        return document(self.title, f'<div style="{_PAGE}">{self.fragment}</div>')

    def _repr_html_(self) -> str:
        return self.fragment

    def save(self, path: str | Path) -> Path:
        """Write the standalone document; returns the path."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.html, encoding="utf-8")
        return path

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {plain(self.title)!r}>"


_PAGE = "font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:16px"
