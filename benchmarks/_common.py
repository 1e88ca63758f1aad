"""Helpers shared by the benchmarks: timing, peak memory, tables, cached inputs."""

from __future__ import annotations

import functools
import hashlib
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


@functools.cache
def generator_version() -> str:
    """A short digest of the synthetic world generator's code (``netlink.synth``).

    Cached worlds carry it in their names, so a world made by an older generator is
    never measured as if it were today's.
    """
    import netlink.synth

    h = hashlib.sha256()
    for f in sorted(Path(netlink.synth.__file__).parent.glob("*.py")):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:8]


def synthetic_paths(
    cases: int, seed: int, difficulty: str, fmt: str = "duckdb"
) -> tuple[Path, Path]:
    """Where a synthetic extract and its ground truth are cached in bench-output/."""
    stem = f"world-{difficulty}-{cases}-s{seed}-{fmt}-{generator_version()}"
    suffix = ".duckdb" if fmt == "duckdb" else ""
    return OUT / f"{stem}{suffix}", OUT / f"{stem}.truth.duckdb"


def synthetic_extract(cases: int, seed: int, difficulty: str, fmt: str = "duckdb") -> Path:
    """A synthetic extract, generated once per size and generator version."""
    from netlink.synth import synthesize

    out, truth = synthetic_paths(cases, seed, difficulty, fmt)
    if not (out.exists() and truth.exists()):
        OUT.mkdir(parents=True, exist_ok=True)
        synthesize(out, cases=cases, seed=seed, difficulty=difficulty, fmt=fmt, truth=truth)
    return out
