"""The notebooks: paired with their text versions, without outputs, and runnable top to bottom.

Each notebook is executed headless on the sample with papermill (which runs nbclient),
its parameters pointing at a case file and a folder under the test's temporary folder,
so nothing is written into the repository.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import time
from pathlib import Path

import jupytext
import nbformat
import pytest

from tests.notebooks.conftest import NOTEBOOKS

pytestmark = [pytest.mark.notebook, pytest.mark.slow, pytest.mark.xdist_group("notebooks")]

NAMES = (
    "quick-start",
    "investigate-entity",
    "review-entity-resolution",
    "network-briefing",
    "reproduce-analysis",
)
#: Five notebooks within five minutes in CI, each well within its share.
BUDGET_S = 60.0


def test_every_notebook_is_listed_here():
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_paired_with_its_text_version_and_has_no_outputs(name):
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    nbformat.validate(nb)
    text = jupytext.read(NOTEBOOKS / f"{name}.py")
    cells = [(c.cell_type, c.source) for c in nb.cells]
    assert cells == [(c.cell_type, c.source) for c in text.cells], "run jupytext --sync on the pair"
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for c in nb.cells:
        if c.cell_type == "code":
            assert c.outputs == [] and c.execution_count is None, "outputs are not committed"
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "one cell tagged parameters (papermill)"
    # Nothing machine-specific in the committed notebook.
    assert not re.search(r"/(tmp|home|work|root)/", (NOTEBOOKS / f"{name}.ipynb").read_text())


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


@pytest.fixture
def run_notebook(tmp_path, jupyter_env, monkeypatch):
    """Execute a notebook with papermill; returns the executed notebook and its seconds."""
    import papermill as pm

    for k, v in jupyter_env.items():
        monkeypatch.setenv(k, v)

    def run(name: str, **parameters: object) -> tuple[nbformat.NotebookNode, float]:
        work = tmp_path / "work"
        work.mkdir(exist_ok=True)
        out = tmp_path / f"{name}.out.ipynb"
        before = _tree(NOTEBOOKS)
        start = time.perf_counter()
        pm.execute_notebook(
            str(NOTEBOOKS / f"{name}.ipynb"),
            str(out),
            parameters={"work_dir": str(work), **parameters}
            if "work_dir" in _parameters(name)
            else parameters,
            kernel_name="python3",
            cwd=str(tmp_path),
            progress_bar=False,
        )
        seconds = time.perf_counter() - start
        assert _tree(NOTEBOOKS) == before, "running a notebook changed the repository's notebooks/"
        return nbformat.read(out, as_version=4), seconds

    return run


def _parameters(name: str) -> str:
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    return next(c.source for c in nb.cells if "parameters" in c.metadata.get("tags", []))


def _html_outputs(nb: nbformat.NotebookNode, code: str) -> list[str]:
    cell = next(c for c in nb.cells if c.cell_type == "code" and code in c.source)
    return [o["data"]["text/html"] for o in cell.outputs if "text/html" in o.get("data", {})]


def chart_nodes(output_html: str) -> int:
    """Nodes in the chart an ``<iframe srcdoc>`` output holds."""
    doc = html.unescape(re.search(r'srcdoc="([^"]*)"', output_html).group(1))
    data = re.search(
        r'<script type="application/json" id="nl-data">(.*?)</script>', doc, re.S
    ).group(1)
    return len(json.loads(data)["nodes"])


def test_quick_start_runs_from_the_sample_extract(run_notebook, record_property):
    nb, seconds = run_notebook("quick-start")
    record_property("seconds", round(seconds, 1))
    (chart,) = _html_outputs(nb, "case.chart(")
    assert 'sandbox="allow-scripts"' in chart and chart_nodes(chart) > 50
    assert seconds < BUDGET_S


def test_investigate_entity_runs(run_notebook, sample_case_file, record_property):
    nb, seconds = run_notebook("investigate-entity", case_file=str(sample_case_file))
    record_property("seconds", round(seconds, 1))
    assert chart_nodes(_html_outputs(nb, "case.neighbourhood(")[0]) > 2
    assert "record_id" in _html_outputs(nb, "case.evidence(")[0]
    assert seconds < BUDGET_S


def test_review_entity_resolution_applies_the_decisions(
    run_notebook, sample_case_file, tmp_path, record_property
):
    nb, seconds = run_notebook("review-entity-resolution", case_file=str(sample_case_file))
    record_property("seconds", round(seconds, 1))
    links = (tmp_path / "work" / "links.csv").read_text().splitlines()
    assert links[0] == "decision,record_id_a,record_id_b,note" and len(links) == 3
    (applied,) = _html_outputs(nb, 'reviewed.tables["analyst_links"]')
    assert applied.count(">applied<") == 2
    assert seconds < BUDGET_S


def test_network_briefing_runs_for_a_given_network_with_papermill(
    run_notebook, sample_case_file, tmp_path, record_property
):
    nb, seconds = run_notebook(
        "network-briefing", case_file=str(sample_case_file), network_id="N0002"
    )
    record_property("seconds", round(seconds, 1))
    assert any("injected-parameters" in c.metadata.get("tags", []) for c in nb.cells)
    assert "N0002" in _html_outputs(nb, "case.profile(")[0]
    assert (tmp_path / "work" / "briefing-N0002-chart.html").stat().st_size > 100_000
    assert seconds < BUDGET_S


def test_reproduce_analysis_gets_the_same_result_hash(
    run_notebook, sample_case_file, record_property
):
    nb, seconds = run_notebook("reproduce-analysis", case_file=str(sample_case_file))
    record_property("seconds", round(seconds, 1))
    (verdict,) = _html_outputs(nb, "case.reproduce(")
    assert "reproduced: same input, same result hash" in verdict
    assert seconds < BUDGET_S
