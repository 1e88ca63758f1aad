"""Helpers shared by the benchmarks: timing, peak memory, tables, cached inputs."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "bench-output"


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def timer() -> Iterator[dict[str, float]]:
    """Time a block: ``with timer() as t: ...; t["s"]`` is the wall time in seconds."""
    out: dict[str, float] = {}
    start = time.perf_counter()
    try:
        yield out
    finally:
        out["s"] = time.perf_counter() - start


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The fastest of ``repeat`` runs, in seconds, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A Markdown table, numbers formatted for reading."""

    def fmt(v: Any) -> str:
        if isinstance(v, float):
            return f"{v:,.3f}" if abs(v) < 100 else f"{v:,.0f}"
        if isinstance(v, int):
            return f"{v:,}"
        return str(v)

    cells = [[fmt(v) for v in r] for r in rows]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join("---" for _ in headers) + " |"]
    lines += ["| " + " | ".join(r) + " |" for r in cells]
    return "\n".join(lines)


def synthetic_extract(cases: int, seed: int, difficulty: str, fmt: str = "duckdb") -> Path:
    """A synthetic extract, generated once per size and kept in bench-output/."""
    from netlink.synth import synthesize

    suffix = ".duckdb" if fmt == "duckdb" else ""
    out = OUT / f"world-{difficulty}-{cases}-s{seed}-{fmt}{suffix}"
    truth = OUT / f"world-{difficulty}-{cases}-s{seed}-{fmt}.truth.duckdb"
    if not (out.exists() and truth.exists()):
        OUT.mkdir(parents=True, exist_ok=True)
        synthesize(out, cases=cases, seed=seed, difficulty=difficulty, fmt=fmt, truth=truth)
    return out
