"""Views inside JupyterLab 4, driven in headless Chromium as an analyst would use them.

JupyterLab serves a temporary copy of notebooks/ plus a notebook of hostile data; the
browser opens each notebook, runs all cells, and looks at what JupyterLab shows: charts
drawn in their frames, tables and timelines as text, and nothing of the data executed.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

import netlink.lab as lab
from tests.view.conftest import HOSTILE

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"

HOSTILE_CELLS = [
    "import pandas as pd\nfrom netlink.view import link_chart, timeline\n"
    f"HOSTILE = {json.dumps(list(HOSTILE))}",
    "nodes = pd.DataFrame({'node_id': [f'P-{i}' for i in range(len(HOSTILE))] + ['S:S1'],\n"
    "                      'kind': ['party'] * len(HOSTILE) + ['seizure'], 'label': HOSTILE + ['S1'],\n"
    "                      'network_id': HOSTILE + [None]})\n"
    "edges = pd.DataFrame({'source': nodes.node_id[:-1], 'target': 'S:S1', 'kind': 'consignor',\n"
    "                      'record_ids': [[h] for h in HOSTILE]})\n"
    "link_chart(nodes, edges, title=HOSTILE[1])",
    "pd.DataFrame({'name': HOSTILE, 'n': range(len(HOSTILE))})",
    "timeline(pd.DataFrame({'date': pd.date_range('2024-01-01', periods=len(HOSTILE)),\n"
    "                       'lane': HOSTILE, 'key': HOSTILE, 'tip': HOSTILE}), title=HOSTILE[0])",
]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory, jupyter_env, sample_case) -> Iterator[lab.LabServer]:
    root = tmp_path_factory.mktemp("lab") / "notebooks"
    shutil.copytree(NOTEBOOKS, root, ignore=shutil.ignore_patterns("*.py"))
    # The quick start reads the session's case file instead of analysing the sample again.
    quick = nbformat.read(root / "quick-start.ipynb", as_version=4)
    params = next(c for c in quick.cells if "parameters" in c.metadata.get("tags", []))
    params.source = f"extract = {str(sample_case.path)!r}\nwork_dir = ''\nseed = 0"
    nbformat.write(quick, root / "quick-start.ipynb")
    hostile = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in HOSTILE_CELLS])
    hostile.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    nbformat.write(hostile, root / "hostile.ipynb")
    server = lab.start(root, env=jupyter_env, args=["--LabApp.expose_app_in_browser=True"])
    try:
        yield server
    finally:
        server.stop()


def run_all(
    pg: Any, server: lab.LabServer, notebook: str, frames: int, timeout: float = 90
) -> list[Any]:
    """Open a notebook in JupyterLab, run all cells, wait for ``frames`` drawn charts."""
    # reset: open only this notebook, whatever the last test left in the workspace.
    pg.goto(f"{server.base}/lab/tree/{notebook}?reset&token={server.token}")
    pg.wait_for_function(
        "() => window.jupyterapp && jupyterapp.shell.currentWidget"
        " && jupyterapp.shell.currentWidget.sessionContext"
        " && jupyterapp.shell.currentWidget.sessionContext.session"
        " && jupyterapp.shell.currentWidget.sessionContext.session.kernel"
        " && jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'",
        timeout=60_000,
    )
    pg.evaluate("() => jupyterapp.commands.execute('notebook:run-all-cells')")
    deadline = time.monotonic() + timeout
    while True:
        errors = pg.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
        )
        traceback = pg.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']")
        assert traceback.count() == 0, traceback.first.inner_text()
        drawn = []
        for h in pg.query_selector_all(".jp-OutputArea-output iframe"):
            # Chromium does not animate frames of another origin while they are off
            # screen: look at each chart as a reader would, by scrolling to it.
            h.scroll_into_view_if_needed()
            f = h.content_frame()
            if f is not None and f.evaluate("document.documentElement.dataset.drawnMs"):
                drawn.append(f)
        if len(drawn) >= frames:
            return drawn
        assert time.monotonic() < deadline, (
            f"{len(drawn)} of {frames} charts drawn; stderr: {errors.all_inner_texts()}"
        )
        time.sleep(0.25)


def test_quick_start_in_jupyterlab_draws_the_network_chart(jupyterlab, page, sample_case, tmp_path):
    pg, watch = page
    (frame,) = run_all(pg, jupyterlab, "quick-start.ipynb", frames=1)
    expected = len(sample_case.chart(sample_case.networks()["network_id"].iloc[0]).nodes)
    assert frame.evaluate("netlinkChart.network.body.nodeIndices.length") == expected
    pg.screenshot(path=str(tmp_path / "jupyterlab-quick-start.png"), full_page=True)
    assert watch.dialogs == [] and watch.errors == []
    # The chart is offline inside JupyterLab too: nothing requested beyond the server.
    assert all(
        u.startswith(jupyterlab.base) or u.startswith(("data:", "about:")) for u in watch.requests
    )


def test_hostile_data_in_notebook_outputs_is_shown_as_text_and_runs_nothing(jupyterlab, page):
    pg, watch = page
    (frame,) = run_all(pg, jupyterlab, "hostile.ipynb", frames=1)
    assert frame.evaluate("netlinkChart.nodes.length") == len(HOSTILE) + 1
    # The table and the timeline are in JupyterLab's own page: text, no elements.
    outputs = pg.inner_text(".jp-Notebook")
    for h in HOSTILE:
        assert " ".join(h.split()) in " ".join(outputs.split())
    for where in (pg, frame):
        assert (
            where.evaluate(
                'document.querySelectorAll(\'img[src="x"], [onerror], svg[onload], a[href^="javascript"]\').length'
            )
            == 0
        )
        assert where.evaluate("window.__pwned === undefined")
    assert watch.dialogs == []
    assert not [m for m in watch.console if "alert" in m]
    assert not [u for u in watch.requests if u.endswith("/x")]
