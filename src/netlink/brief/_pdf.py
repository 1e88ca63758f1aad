"""HTML to PDF with a headless Chromium, offline, and a check that the result is a PDF.

Chromium prints the briefing with its print style sheet (the static chart instead of the
interactive one, the handling marking on every page). It is started with no network
features and a fresh profile in a temporary folder, which is removed afterwards.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from netlink.errors import ParameterError

__all__ = ["CHROMIUM_ENV", "CHROMIUM_FLAGS", "find_chromium", "html_to_pdf", "pdf_pages"]

#: Environment variable naming the Chromium (or Chrome) executable to use.
CHROMIUM_ENV = "NETLINK_CHROMIUM"
_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")

#: Headless, and nothing that reaches the internet on its own (the browser tests use
#: the same flags).
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-pdf-header-footer",
)


def find_chromium() -> str | None:
    """The Chromium to print with: :data:`CHROMIUM_ENV` if set, else the first on PATH."""
    given = os.environ.get(CHROMIUM_ENV, "").strip()
    if given:
        return given if Path(given).exists() else shutil.which(given)
    return next((p for p in map(shutil.which, _NAMES) if p), None)


def require_chromium() -> str:
    """:func:`find_chromium`, or a clear error saying how to get one.

    Raises
    ------
    ParameterError
        No Chromium is found.
    """
    exe = find_chromium()
    if exe is None:
        raise ParameterError(
            "a PDF needs Chromium (or Chrome) to print the briefing, and none was found",
            hint=f"Install it (Debian: apt-get install chromium) or set {CHROMIUM_ENV} to "
            "its path; or leave out --pdf.",
        )
    return exe


def html_to_pdf(document: str, out: Path, *, timeout: float = 120.0) -> int:
    """Print an HTML document to a PDF file; return its number of pages.

    Parameters
    ----------
    document
        The whole HTML document.
    out
        The PDF file to write (overwritten).
    timeout
        Seconds before Chromium is stopped.

    Raises
    ------
    ParameterError
        No Chromium.
    RuntimeError
        Chromium failed, or what it wrote is not a PDF with pages.
    """
    exe = require_chromium()
    with tempfile.TemporaryDirectory(prefix="netlink-pdf-") as tmp:
        page = Path(tmp) / "briefing.html"
        page.write_text(document, encoding="utf-8")
        pdf = Path(tmp) / "briefing.pdf"
        cmd = [
            exe,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={Path(tmp) / 'profile'}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"Chromium did not finish printing within {timeout:.0f} s") from None
        if done.returncode != 0 or not pdf.exists():
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise RuntimeError(
                f"Chromium could not print the briefing (exit {done.returncode}): "
                + " / ".join(tail)
            )
        data = pdf.read_bytes()
        pages = pdf_pages(data)
        out.write_bytes(data)
    return pages


_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_PAGES = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b")
_PAGE = re.compile(rb"/Type\s*/Page\b(?!s)")


def pdf_pages(data: bytes) -> int:
    """Check that bytes are a complete PDF with pages; return the number of pages.

    Checks the header, the end-of-file marker, that ``startxref`` points at a
    cross-reference table (or stream), and that the page tree counts as many pages as
    there are page objects. Enough to tell a converted document from a truncated or
    empty one; not a full PDF validator.

    Raises
    ------
    RuntimeError
        Naming the first check that fails.

    Examples
    --------
    >>> pdf_pages(b"not a pdf")
    Traceback (most recent call last):
    ...
    RuntimeError: not a PDF: no %PDF- header
    """
    if not data.startswith(b"%PDF-1.") and not data.startswith(b"%PDF-2."):
        raise RuntimeError("not a PDF: no %PDF- header")
    tail = _STARTXREF.search(data[-2048:])
    if tail is None:
        raise RuntimeError("not a complete PDF: no startxref and %%EOF at the end")
    offset = int(tail.group(1))
    at = data[offset : offset + 32]
    if not (at.startswith(b"xref") or re.match(rb"\d+\s+\d+\s+obj", at)):
        raise RuntimeError("damaged PDF: startxref does not point at a cross-reference section")
    counts = [int(a or b) for a, b in _PAGES.findall(data)]
    pages = len(_PAGE.findall(data))
    if not counts or pages == 0:
        raise RuntimeError("PDF without pages")
    if max(counts) != pages:
        raise RuntimeError(
            f"PDF page tree counts {max(counts)} pages, but {pages} page objects exist"
        )
    return pages
