"""Generating the synthetic world: speed and peak memory against a plain DuckDB write.

Each size runs in a fresh process, so its peak memory is its own. The baseline, in the
same process before the generator, writes as many rows as the world has (seizures, party
records, goods lines, legs; constant values of the contract's column types) to a DuckDB
file: the ratio says what generating the world costs on top of writing that many rows on
this machine. The target is 1,000,000 cases in under 3 minutes and 4 GB on 2 cores.

    python -m benchmarks.bench_synth                      # a smoke size (5,000 cases)
    python -m benchmarks.bench_synth --cases 1000000      # the full run
    python -m benchmarks.bench_synth --cases 10000 100000 --format parquet
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import tempfile
from contextlib import closing
from pathlib import Path

import duckdb

from benchmarks._common import peak_rss_mb, table, timer

# Rows per case of each extract table in the realistic world, for the baseline.
_ROWS_PER_CASE = {"seizures": 1.0, "parties": 3.35, "goods": 1.2, "legs": 1.27}


def baseline_write(cases: int, folder: Path) -> float:
    """Seconds to write the world's row counts of constant data with DuckDB."""
    from netlink.contract import TABLES

    constants = {
        "VARCHAR": "'S0000001'",
        "DATE": "DATE '2024-01-01'",
        "DOUBLE": "1.5",
        "BIGINT": "1::BIGINT",
        "INTEGER": "1::INTEGER",
    }
    with timer() as t, closing(duckdb.connect(str(folder / "baseline.duckdb"))) as con:
        for name, rate in _ROWS_PER_CASE.items():
            cols = ", ".join(f'{constants[c.type]} AS "{c.name}"' for c in TABLES[name].columns)
            con.execute(f'CREATE TABLE "{name}" AS SELECT {cols} FROM range({int(cases * rate)})')
        con.execute("CHECKPOINT")
    return t["s"]


def run_one(cases: int, seed: int, difficulty: str, fmt: str, out: mp.Queue) -> None:
    from netlink.synth import synthesize

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = baseline_write(cases, folder)
        target = folder / ("world.duckdb" if fmt == "duckdb" else "world")
        with timer() as t:
            summary = synthesize(target, cases=cases, seed=seed, difficulty=difficulty, fmt=fmt)
        out.put((cases, summary.party_records, t["s"], base, peak_rss_mb()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, nargs="+", default=[5_000], help="world sizes to time")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--difficulty", default="realistic", choices=["easy", "realistic", "hard"])
    ap.add_argument("--format", default="duckdb", choices=["duckdb", "parquet", "csv"])
    ap.add_argument("--smoke", action="store_true", help="the smoke size CI runs (5,000 cases)")
    args = ap.parse_args(argv)
    if args.smoke:
        args.cases = [5_000]
    ctx = mp.get_context("spawn")
    rows = []
    for cases in args.cases:
        queue = ctx.Queue()
        proc = ctx.Process(
            target=run_one, args=(cases, args.seed, args.difficulty, args.format, queue)
        )
        proc.start()
        n, records, seconds, base, rss = queue.get()
        proc.join()
        rows.append((n, records, seconds, n / seconds, base, seconds / base, rss))
    print(f"synth benchmark ({args.difficulty}, {args.format}, seed {args.seed})")
    print(
        table(
            ["cases", "party records", "seconds", "cases/s", "baseline s", "ratio", "peak RSS MB"],
            rows,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
