"""Fixtures of the notebook tests: the sample analysed once, Jupyter kept out of $HOME."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


@pytest.fixture(scope="session")
def jupyter_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment that keeps Jupyter's and IPython's files in a temporary folder."""
    home = tmp_path_factory.mktemp("jupyter")
    return {
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "lab-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "lab-workspaces"),
        "IPYTHONDIR": str(home / "ipython"),
    }


@pytest.fixture(scope="session")
def sample_case_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A case file of the bundled sample, written once per session by the pipeline."""
    from netlink.pipeline import analyze
    from netlink.sample import sample_path

    out = tmp_path_factory.mktemp("case") / "case.duckdb"
    analyze(sample_path(), out, seed=0)
    return out
