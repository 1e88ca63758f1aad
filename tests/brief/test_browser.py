"""Briefings opened in headless Chromium: drawn, offline, quiet, and inert to data-borne script."""

from __future__ import annotations

import time
from typing import Any

import pytest

from netlink.brief import write_briefing
from tests.brief.conftest import open_offline

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# The chart sets these on its document once vis-network has drawn.
DRAWN = "document.documentElement.dataset.nodes"
PWNED = "window.__pwned === undefined && !document.querySelector('img[src=x]')"


def _chart_frame(pg: Any, timeout: float = 30.0) -> Any:
    """The chart's frame, once it has drawn (polled from Python: the CSP forbids eval).

    Chromium does not render a sandboxed frame out of view, so the chart is scrolled to
    first, as a reader does.
    """
    pg.locator(".chart-live iframe").scroll_into_view_if_needed()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in pg.frames:
            if frame.url == "about:srcdoc" and frame.evaluate(DRAWN):
                return frame
        time.sleep(0.05)
    raise TimeoutError("the link chart did not draw")


@pytest.mark.parametrize("pseudonymise", [False, True], ids=["plain", "pseudonymised"])
def test_a_briefing_renders_offline_quietly_and_inertly(
    case_path, tmp_path, page, key, pseudonymise
):
    pg, watch = page
    kw = {"pseudonymise": True, "key": key} if pseudonymise else {}
    path = write_briefing(case_path, "N1", tmp_path / "b.html", **kw).html
    open_offline(pg, path)
    frame = _chart_frame(pg)
    n_drawn = int(frame.evaluate(DRAWN))
    assert n_drawn == frame.evaluate("netlinkChart.nodes.length") > 20
    # Hover and click the busiest node: tooltips and details are built from data too.
    frame.evaluate("netlinkChart.network.selectNodes([netlinkChart.nodes.getIds()[0]])")
    pg.mouse.move(640, 700)
    pg.mouse.click(640, 700)
    time.sleep(0.2)
    assert watch.requests == [path.resolve().as_uri()]  # the file is all there is
    assert not watch.errors and not watch.dialogs
    assert not [m for m in watch.console if m.startswith(("error", "warning"))], watch.console
    assert pg.evaluate(PWNED) and frame.evaluate(PWNED)
    body = pg.inner_text("body")
    assert "RESTRICTED - law enforcement only" in body and "Manufacturer hypotheses" in body
    if pseudonymise:
        assert "<img src=x onerror=alert(1)>" not in body and "name:" in body
    else:
        assert "<img src=x onerror=alert(1)> Trading Co., Ltd" in body  # shown as text


def test_the_static_chart_stands_in_for_print(case_path, tmp_path, page):
    pg, watch = page
    path = write_briefing(case_path, "N1", tmp_path / "b.html").html
    open_offline(pg, path)
    display = "el => getComputedStyle(el).display"
    assert pg.eval_on_selector(".chart-static", display) == "none"
    assert pg.eval_on_selector(".chart-live", display) == "block"
    pg.emulate_media(media="print")
    assert pg.eval_on_selector(".chart-static", display) == "block"
    assert pg.eval_on_selector(".chart-live", display) == "none"
    assert pg.eval_on_selector_all(".chart-static svg circle", "els => els.length") > 20
    assert not watch.errors
