"""Where the bundled sample extract lives.

Examples
--------
>>> sample_path().name
'extract.duckdb'
"""

from __future__ import annotations

from pathlib import Path

from netlink.errors import ExtractNotFoundError

__all__ = ["sample_path", "sample_truth_path"]

# The sample sits in the repository's data/sample/, two levels above the package source
# (src/netlink/); netlink is installed in editable mode from the repository.
_SAMPLE_DIR = Path(__file__).resolve().parents[2] / "data" / "sample"


def sample_path() -> Path:
    """The bundled sample extract (data/sample/extract.duckdb)."""
    return _existing(_SAMPLE_DIR / "extract.duckdb")


def sample_truth_path() -> Path:
    """The ground truth of the bundled sample (data/sample/truth.duckdb)."""
    return _existing(_SAMPLE_DIR / "truth.duckdb")


def _existing(path: Path) -> Path:
    if not path.exists():
        raise ExtractNotFoundError(
            f"the bundled sample is not at {path}",
            hint="Run from a clone of the netlink repository (pip install -e .), "
            "or regenerate it with `netlink sample data/sample`.",
        )
    return path
