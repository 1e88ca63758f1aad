"""Fixtures of the view tests: the analysed sample, hostile names, Jupyter's folders.

The browser fixtures (``chromium``, ``browser``, ``page``) come from tests/browser.py.
"""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def sample_case(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The bundled sample, analysed once per session into a case file and opened."""
    import netlink.lab as lab
    from netlink.sample import sample_path

    return lab.open(sample_path(), out=tmp_path_factory.mktemp("sample") / "case.duckdb")


#: Names that run script if any view handled them as HTML.
HOSTILE = (
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    '<a href="javascript:alert(1)">href</a> click',
    "Quote\" ' and back\\slash \\u003c/script>",
    "line one\nline two\r\n<svg onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<img src=x onerror="window.__pwned=1">',
)


@pytest.fixture(scope="session")
def jupyter_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment that keeps Jupyter's and IPython's files in a temporary folder."""
    home = tmp_path_factory.mktemp("jupyter")
    names = {
        "JUPYTER_CONFIG_DIR": "config",
        "JUPYTER_DATA_DIR": "data",
        "JUPYTER_RUNTIME_DIR": "runtime",
        "JUPYTERLAB_SETTINGS_DIR": "lab-settings",
        "JUPYTERLAB_WORKSPACES_DIR": "lab-workspaces",
        "IPYTHONDIR": "ipython",
    }
    return {k: str(home / v) for k, v in names.items()}
