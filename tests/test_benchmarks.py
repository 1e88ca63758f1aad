"""Every benchmark runs at its smoke size and prints its tables (as CI runs them).

The benchmarks are not timed tests: this only checks that each one still runs end to end
on a small input, exits 0 and prints its figures, so a change cannot silently break
the figures the issues' closing notes quote.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.__main__ import BENCHMARKS

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("benchmarks")]


def test_every_benchmark_module_is_listed() -> None:
    on_disk = {p.stem for p in (ROOT / "benchmarks").glob("bench_*.py")}
    assert on_disk == set(BENCHMARKS)


@pytest.mark.parametrize("name", BENCHMARKS)
def test_benchmark_runs_at_smoke_size(name: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", f"benchmarks.{name}", "--smoke"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"{name} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    assert len(done.stdout.splitlines()) >= 3, f"{name} printed no figures:\n{done.stdout}"
