"""The PDF of a briefing: printed by headless Chromium offline, and checked to be a PDF."""

from __future__ import annotations

import re

import pytest

from netlink.brief import CHROMIUM_ENV, pdf_pages, write_briefing

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _title(data: bytes) -> str:
    """The document title of a PDF written by Chromium (UTF-16 in hex)."""
    match = re.search(rb"/Title\s*<FEFF([0-9A-Fa-f]*)>", data)
    assert match, "no /Title"
    return bytes.fromhex(match.group(1).decode()).decode("utf-16-be")


def test_a_briefing_prints_to_a_pdf_with_pages(case_path, tmp_path, chromium, monkeypatch):
    monkeypatch.setenv(CHROMIUM_ENV, str(chromium))
    written = write_briefing(
        case_path, "N1", tmp_path / "b.html", pdf=True, marking="OFFICIAL-SENSITIVE"
    )
    assert written.pdf == tmp_path / "b.pdf"
    data = written.pdf.read_bytes()
    assert pdf_pages(data) == written.pages >= 3
    assert _title(data) == "OFFICIAL-SENSITIVE · Network N1 briefing"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.html", "b.pdf"]


def test_a_missing_converter_is_reported_before_anything_is_written(
    case_path, tmp_path, monkeypatch
):
    from netlink.errors import ParameterError

    monkeypatch.setenv(CHROMIUM_ENV, str(tmp_path / "no-such-browser"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ParameterError, match="needs Chromium") as err:
        write_briefing(case_path, "N1", tmp_path / "b.html", pdf=True)
    assert CHROMIUM_ENV in err.value.hint
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html>not a pdf</html>", "no %PDF- header"),
        (b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\n", "no startxref"),
        (b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\nstartxref\n3\n%%EOF\n", "does not point"),
        (b"%PDF-1.4\nxref\n0 1\ntrailer\n<< >>\nstartxref\n9\n%%EOF\n", "without pages"),
    ],
)
def test_what_is_not_a_complete_pdf_is_refused(data, message):
    with pytest.raises(RuntimeError, match=message):
        pdf_pages(data)
