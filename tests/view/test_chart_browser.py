"""Link charts opened in headless Chromium: drawn, complete, offline, fast, and inert."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from netlink.view import breakdown, link_chart, route_view, timeline
from tests.view.conftest import HOSTILE

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

DRAWN = "document.documentElement.dataset.drawnMs"


def open_offline(pg: Any, path: Path, *, timeout: float = 10_000) -> None:
    """Open a saved file with every other request refused (and recorded by the page)."""
    allowed = path.resolve().as_uri()
    pg.route(
        "**/*", lambda route: route.continue_() if route.request.url == allowed else route.abort()
    )
    pg.goto(allowed)


def poll(pg: Any, js: str, timeout: float = 10.0) -> Any:
    """Evaluate ``js`` until it is truthy (from Python: the pages' CSP forbids eval)."""
    deadline = time.monotonic() + timeout
    while not (value := pg.evaluate(js)):
        if time.monotonic() > deadline:
            raise TimeoutError(f"still false after {timeout} s: {js}")
        time.sleep(0.02)
    return value


def wait_drawn(pg: Any) -> int:
    return int(poll(pg, DRAWN))


def ink(pg: Any) -> float:
    """Share of the chart's canvas pixels that are not white (a blank chart has none)."""
    return pg.evaluate(
        """() => {
          const c = document.querySelector('#nl-graph canvas');
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 245 || d[i + 1] < 245 || d[i + 2] < 245)) n++;
          return n / (d.length / 4);
        }"""
    )


def test_largest_network_of_the_sample_draws_every_node_offline(sample_case, page, tmp_path):
    pg, watch = page
    network_id = sample_case.networks()["network_id"].iloc[0]
    chart = sample_case.chart(network_id)
    path = chart.save(tmp_path / "largest.html")
    open_offline(pg, path)
    wait_drawn(pg)
    assert pg.evaluate("netlinkChart.network.body.nodeIndices.length") == len(chart.nodes) > 50
    assert pg.evaluate("netlinkChart.network.body.edgeIndices.length") == len(chart.edges)
    pg.screenshot(path=str(tmp_path / "largest.png"))
    assert (tmp_path / "largest.png").stat().st_size > 20_000
    assert ink(pg) > 0.02
    # The file is all there is: no CDN, no font, no image fetched.
    assert watch.requests == [path.resolve().as_uri()]
    assert not watch.errors and not watch.dialogs
    assert "Content Security Policy" not in " ".join(watch.console)


def _synthetic(
    n_parties: int, n_cases: int, n_attrs: int, seed: int = 0
) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    parties = [f"P-{i:04d}" for i in range(n_parties)]
    cases = [f"S:S{i:05d}" for i in range(n_cases)]
    attrs = [f"I-{i:04d}" for i in range(n_attrs)]
    nodes = pd.DataFrame(
        {
            "node_id": parties + cases + attrs,
            "kind": ["party"] * n_parties + ["seizure"] * n_cases + ["identifier"] * n_attrs,
            "label": [f"Trading Co {i}" for i in range(n_parties)]
            + [c[2:] for c in cases]
            + [f"+86 138 {i:04d}" for i in range(n_attrs)],
            "network_id": [f"N{1 + i % 12:04d}" for i in range(n_parties)]
            + [None] * (n_cases + n_attrs),
            "n_cases": rng.integers(1, 30, n_parties + n_cases + n_attrs),
        }
    )
    sender = rng.choice(parties, n_cases)
    receiver = rng.choice(parties, n_cases)
    holder = rng.choice(parties, (n_attrs, 2))
    edges = pd.DataFrame(
        {
            "source": [*sender, *receiver, *holder[:, 0], *holder[:, 1]],
            "target": [*cases, *cases, *attrs, *attrs],
            "kind": ["consignor"] * n_cases
            + ["consignee"] * n_cases
            + ["uses_phone"] * (2 * n_attrs),
        }
    )
    edges["record_ids"] = [[f"R{i}"] for i in range(len(edges))]
    return nodes, edges


def test_a_500_node_chart_draws_in_under_3_seconds(page, tmp_path, record_property):
    pg, watch = page
    nodes, edges = _synthetic(100, 300, 100)
    chart = link_chart(nodes, edges, title="500 nodes", max_nodes=500)
    assert len(chart.nodes) == 500 and chart.note == ""
    path = chart.save(tmp_path / "500.html")
    start = time.perf_counter()
    open_offline(pg, path)
    drawn_ms = wait_drawn(pg)
    wall = time.perf_counter() - start
    record_property("drawn_ms", drawn_ms)
    record_property("wall_s", round(wall, 3))
    assert pg.evaluate("netlinkChart.network.body.nodeIndices.length") == 500
    assert drawn_ms < 3000, f"first drawn {drawn_ms} ms after navigation"
    assert wall < 3.0, f"open to drawn took {wall:.2f} s"
    assert ink(pg) > 0.01
    assert not watch.errors


def test_the_whole_sample_graph_is_limited_with_a_visible_note(sample_case, page, tmp_path):
    pg, _ = page
    g = sample_case._stages.graph
    chart = link_chart(g.nodes, g.edges, title="everything", max_nodes=500)
    assert len(chart.nodes) <= 500 and chart.n_nodes_total == g.n_nodes
    path = chart.save(tmp_path / "all.html")
    start = time.perf_counter()
    open_offline(pg, path)
    wait_drawn(pg)
    assert time.perf_counter() - start < 3.0
    note = pg.inner_text(".nl-note")
    assert note.startswith(f"Showing {len(chart.nodes):,} of {g.n_nodes:,} nodes")
    assert "left out" in note
    assert pg.evaluate("netlinkChart.network.body.nodeIndices.length") == len(chart.nodes)


def hostile_chart() -> Any:
    labels = list(HOSTILE)
    nodes = pd.DataFrame(
        {
            "node_id": [f"P-{i}" for i in range(len(labels))] + ["S:S1", "<b>id</b>"],
            "kind": ["party"] * len(labels) + ["seizure", "identifier"],
            "label": [*labels, "S1", HOSTILE[0]],
            "network_id": [HOSTILE[i % 2] for i in range(len(labels))] + [None, None],
            "role": HOSTILE[2],
            "is_hub": [True] + [False] * (len(labels) + 1),
            "hub_reason": HOSTILE[3],
            "facts": [[(HOSTILE[4], HOSTILE[5])]] * (len(labels) + 2),
        }
    )
    edges = pd.DataFrame(
        {
            "source": [f"P-{i}" for i in range(len(labels))] + ["P-0"],
            "target": ["S:S1"] * len(labels) + ["<b>id</b>"],
            "kind": ["consignor"] * (len(labels) - 1) + [HOSTILE[0], "uses_phone"],
            "record_ids": [[HOSTILE[1], "R1"]] * (len(labels) + 1),
        }
    )
    return link_chart(nodes, edges, title=HOSTILE[1] + " chart", note=HOSTILE[0])


def assert_inert(pg: Any, watch: Any) -> None:
    """No dialog, no script error, no element or request a payload would have made."""
    assert watch.dialogs == []
    assert watch.errors == []
    assert (
        pg.evaluate("document.querySelectorAll('img, iframe, a[href], [onerror], [onload]').length")
        == 0
    )
    assert not [u for u in watch.requests if u.endswith("/x") or u.startswith("javascript:")]
    assert pg.evaluate("window.__pwned === undefined")


def hover_node(pg: Any, node_id: str) -> str:
    """Move the mouse onto a node and return its tooltip's text."""
    x, y = pg.evaluate(
        """(id) => {
          const n = netlinkChart.network;
          const p = n.canvasToDOM(n.getPositions([id])[id]);
          const r = document.querySelector('#nl-graph').getBoundingClientRect();
          return [r.left + p.x, r.top + p.y];
        }""",
        node_id,
    )
    pg.mouse.move(x - 40, y - 40)
    pg.mouse.move(x, y, steps=4)
    poll(
        pg,
        "(() => { const t = document.querySelector('div.vis-tooltip');"
        " return t !== null && t.style.visibility === 'visible'; })()",
    )
    tip = pg.evaluate("document.querySelector('div.vis-tooltip').innerText")
    pg.mouse.click(x, y)
    return tip


def test_hostile_names_in_a_chart_are_shown_as_text_and_run_nothing(page, tmp_path):
    pg, watch = page
    chart = hostile_chart()
    path = chart.save(tmp_path / "hostile.html")
    open_offline(pg, path)
    wait_drawn(pg)
    assert pg.inner_text("h1") == HOSTILE[1] + " chart"
    assert pg.inner_text(".nl-note").startswith(HOSTILE[0])
    assert HOSTILE[0] in pg.inner_text(".nl-legend")
    assert pg.evaluate("document.scripts.length") == 3  # data (JSON), vis-network, ours
    # The whole label, as written, in the tooltip and the details panel.
    for i, label in enumerate(HOSTILE):
        tip = hover_node(pg, f"P-{i}")
        first_line = label.replace("\r\n", " ").replace("\n", " ")
        assert " ".join(first_line.split()) in tip
        assert (
            pg.evaluate(
                "document.querySelector('div.vis-tooltip').querySelectorAll('*:not(div):not(b)').length"
            )
            == 0
        )
        assert " ".join(first_line.split()) in pg.inner_text("#nl-details")
    assert_inert(pg, watch)


def test_hostile_names_in_timelines_routes_and_breakdowns_are_inert(page, tmp_path):
    pg, watch = page
    n = len(HOSTILE)
    events = pd.DataFrame(
        {
            "date": pd.date_range("2024-01-01", periods=n, freq="20D"),
            "lane": list(HOSTILE),
            "key": list(HOSTILE),
            "tip": list(HOSTILE),
        }
    )
    routes = pd.DataFrame(
        {
            "origin": list(HOSTILE),
            "transit": list(HOSTILE),
            "entry": "LGG",
            "destination": list(HOSTILE),
        }
    )
    goods = pd.DataFrame({"seizure_id": [f"S{i}" for i in range(n)], "brand": list(HOSTILE)})
    for name, view in {
        "timeline": timeline(events, title=HOSTILE[0]),
        "routes": route_view(routes, title=HOSTILE[1]),
        "brands": breakdown(goods, "brand", title=HOSTILE[2]),
    }.items():
        path = view.save(tmp_path / f"{name}.html")
        open_offline(pg, path)
        pg.wait_for_load_state("load")
        assert pg.evaluate("document.scripts.length") == 0
        assert pg.evaluate("document.querySelectorAll('svg text, svg title').length") > n
        body = pg.evaluate("document.body.textContent")
        assert HOSTILE[0] in body and "</script><script>alert(1)</script>" in body
        assert_inert(pg, watch)
