"""A synthetic counterfeit-trade world through the real stages: its largest network briefed.

Realistic names (Chinese trading companies, European persons, stores, integrators) go
through the resolver, the graph, network and role stages, so the pseudonymisation scan
meets what a real case file holds: reasons that quote names, hubs, shared identifiers.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from netlink.brief import write_briefing
from netlink.casefile import read_case_file
from netlink.export import case_graph
from tests.brief.casefiles import analysed
from tests.brief.conftest import leaked, open_offline, raw_values

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("brief-world")]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from netlink.synth import synthesize

    folder = tmp_path_factory.mktemp("world")
    synthesize(folder / "world.duckdb", cases=500, seed=5)
    return analysed(folder / "world.duckdb", folder / "case.duckdb")


def _largest(path: Path) -> str:
    nets = read_case_file(path)["networks"]
    return str(nets.sort_values(["n_entities", "network_id"], ascending=[False, True]).iloc[0, 0])


def test_the_largest_network_is_briefed_quickly_and_compactly(world, tmp_path, record_property):
    nid = _largest(world)
    start = time.perf_counter()
    out = write_briefing(world, nid, tmp_path / "b.html").html
    seconds = time.perf_counter() - start
    record_property("seconds", round(seconds, 2))
    record_property("bytes", out.stat().st_size)
    assert seconds < 10 and out.stat().st_size < 5_000_000


def test_no_name_or_identifier_of_the_input_survives_pseudonymisation(world, tmp_path, key):
    case = read_case_file(world)
    nid = _largest(world)
    doc = write_briefing(world, nid, tmp_path / "b.html", pseudonymise=True, key=key).html
    text = doc.read_text(encoding="utf-8")
    values = raw_values(case.tables)  # of the whole input, not only this network
    assert len(values) > 1000
    assert leaked(text, values) == []
    graph = case_graph(case, nid)
    mine = raw_values(case.tables, {r for rs in graph.edges["record_ids"] for r in rs})
    assert len(mine) > 50  # the network's own names were there to leak


@pytest.mark.browser
def test_the_briefing_renders_offline_without_errors(world, tmp_path, page):
    pg, watch = page
    path = write_briefing(world, _largest(world), tmp_path / "b.html").html
    open_offline(pg, path)
    pg.locator(".chart-live iframe").scroll_into_view_if_needed()  # drawn once in view
    deadline = time.monotonic() + 30  # a busy machine draws slowly; this is no speed test
    drawn = None
    while drawn is None and time.monotonic() < deadline:
        frames = [f for f in pg.frames if f.url == "about:srcdoc"]
        drawn = next(
            (f for f in frames if f.evaluate("document.documentElement.dataset.nodes")), None
        )
        time.sleep(0.05)
    assert drawn is not None, "the link chart did not draw"
    assert watch.requests == [path.resolve().as_uri()]
    assert not watch.errors and not watch.dialogs
    assert not [m for m in watch.console if m.startswith("error")]
