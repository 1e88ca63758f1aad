"""Browser fixtures shared by every test folder: Debian's Chromium driven headless by Playwright.

The tests use the system browser at /usr/bin/chromium and never download one
(``playwright install`` is not needed). Without it they are skipped with a message,
unless NETLINK_REQUIRE_BROWSER=1 (set by .ci/run), which makes them fail instead.
One Playwright instance serves the whole session: the sync API allows only one per
thread, so the fixtures are defined once here (registered by tests/conftest.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from netlink.brief._pdf import CHROMIUM_FLAGS

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def chromium() -> Path:
    """The system Chromium; skip (or fail, if required) when it is absent."""
    if CHROMIUM.exists():
        return CHROMIUM
    message = (
        f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium); "
        "browser tests need it"
    )
    if os.environ.get("NETLINK_REQUIRE_BROWSER") == "1":
        pytest.fail(message + " and NETLINK_REQUIRE_BROWSER=1 requires them", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Any]:
    """One headless Chromium for the session (a fresh profile: Playwright's own)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(chromium), args=list(CHROMIUM_FLAGS), headless=True
        )
        yield b
        b.close()


@dataclass
class Watch:
    """What a page did: requests, dialogs, console messages and page errors."""

    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Watch]]:
    """A fresh page (own context) and a record of what it does; dialogs are dismissed."""
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    pg = context.new_page()
    watch = Watch()
    pg.on("request", lambda r: watch.requests.append(r.url))
    pg.on("console", lambda m: watch.console.append(f"{m.type}: {m.text}"))
    pg.on("pageerror", lambda e: watch.errors.append(str(e)))

    def dialog(d: Any) -> None:
        watch.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    pg.on("dialog", dialog)
    yield pg, watch
    context.close()
