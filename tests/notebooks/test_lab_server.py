"""JupyterLab started as `netlink lab` starts it, and the quick start run through its kernel.

The server runs in a subprocess on a free localhost port with a token, serving a copy of
notebooks/. The test opens a session for the quick start as JupyterLab's front end does
(REST), runs its cells on the kernel the server started (the kernel websocket), and
checks that the chart cell produced its chart.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
import websocket

import netlink.lab as lab
from tests.notebooks.conftest import NOTEBOOKS
from tests.notebooks.test_notebooks import chart_nodes

pytestmark = [pytest.mark.notebook, pytest.mark.slow, pytest.mark.xdist_group("notebooks")]


@pytest.fixture(scope="module")
def server(tmp_path_factory, jupyter_env) -> Iterator[lab.LabServer]:
    root = tmp_path_factory.mktemp("lab") / "notebooks"
    shutil.copytree(NOTEBOOKS, root)
    srv = lab.start(root, env=jupyter_env)
    try:
        yield srv
    finally:
        srv.stop()
        assert srv.process.poll() is not None


def _call(
    srv: lab.LabServer, method: str, path: str, body: Any = None, token: str | None = None
) -> Any:
    req = urllib.request.Request(
        srv.base + path,
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={
            "Authorization": f"token {srv.token if token is None else token}",
            "Content-Type": "application/json",
        },
    )
    with urllib.request.urlopen(req, timeout=30) as r:
        text = r.read()
    return json.loads(text) if text else None


def test_the_server_listens_on_localhost_and_wants_the_token(server):
    assert server.base.startswith("http://127.0.0.1:")
    assert _call(server, "GET", "/api/status")["kernels"] == 0
    with pytest.raises(urllib.error.HTTPError) as err:
        _call(server, "GET", "/api/contents", token="wrong")
    assert err.value.code == 403
    names = {c["name"] for c in _call(server, "GET", "/api/contents")["content"]}
    assert {"quick-start.ipynb", "quick-start.py"} <= names
    assert _call(server, "GET", "/api/kernelspecs")["default"] == "python3"


def _message(session: str, code: str) -> dict[str, Any]:
    return {
        "header": {
            "msg_id": uuid.uuid4().hex,
            "username": "test",
            "session": session,
            "msg_type": "execute_request",
            "version": "5.3",
            "date": dt.datetime.now(dt.UTC).isoformat(),
        },
        "parent_header": {},
        "metadata": {},
        "content": {
            "code": code,
            "silent": False,
            "store_history": True,
            "user_expressions": {},
            "allow_stdin": False,
            "stop_on_error": True,
        },
        "channel": "shell",
        "buffers": [],
    }


def run_cells(
    srv: lab.LabServer, kernel_id: str, cells: list[str], timeout: float = 120
) -> list[list[dict]]:
    """Execute code on a server's kernel; the display outputs of each cell, in order."""
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{srv.port}/api/kernels/{kernel_id}/channels",
        header=[f"Authorization: token {srv.token}"],
        timeout=timeout,
    )
    session = uuid.uuid4().hex
    results = []
    try:
        for code in cells:
            msg = _message(session, code)
            ws.send(json.dumps(msg))
            outputs: list[dict] = []
            # The reply comes on the shell channel, the outputs on iopub, and the server
            # forwards the two independently: a cell is done once the reply has come and
            # the kernel has gone idle on iopub (after its last output).
            replied = idle = False
            while not (replied and idle):
                reply = json.loads(ws.recv())
                if reply["parent_header"].get("msg_id") != msg["header"]["msg_id"]:
                    continue
                kind = reply["msg_type"]
                if kind in ("display_data", "execute_result"):
                    outputs.append(reply["content"]["data"])
                elif kind == "error":
                    raise AssertionError(
                        f"cell failed: {code[:80]!r}\n" + "\n".join(reply["content"]["traceback"])
                    )
                elif kind == "execute_reply" and reply["channel"] == "shell":
                    assert reply["content"]["status"] == "ok", reply["content"]
                    replied = True
                elif kind == "status" and reply["content"]["execution_state"] == "idle":
                    idle = True
            results.append(outputs)
    finally:
        ws.close()
    return results


def test_quick_start_runs_through_the_server_and_draws_its_chart(server, sample_case_file):
    session = _call(
        server,
        "POST",
        "/api/sessions",
        {
            "path": "quick-start.ipynb",
            "type": "notebook",
            "name": "",
            "kernel": {"name": "python3"},
        },
    )
    kernel_id = session["kernel"]["id"]
    nb = nbformat.read(Path(server.root) / "quick-start.ipynb", as_version=4)
    cells = [c.source for c in nb.cells if c.cell_type == "code"]
    # As papermill does: a cell after the parameters sets them, here to a case file of the
    # sample so that the server test does not repeat the analysis.
    at = next(i for i, code in enumerate(cells) if code.startswith("extract ="))
    cells.insert(at + 1, f"extract = {str(sample_case_file)!r}")
    outputs = run_cells(server, kernel_id, cells)
    chart_cell = next(i for i, code in enumerate(cells) if "case.chart(" in code)
    (chart,) = [o["text/html"] for o in outputs[chart_cell] if "text/html" in o]
    assert chart.startswith("<iframe srcdoc=") and chart_nodes(chart) > 50
    assert _call(server, "GET", "/api/status")["kernels"] == 1
    _call(server, "DELETE", f"/api/sessions/{session['id']}")
