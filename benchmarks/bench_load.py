"""Loading and validating an extract: netlink's load against a plain read of the same files.

The baseline reads the same Parquet tables into pandas with DuckDB and nothing else; the
ratio says what validation, normalisation and accounting cost on top of reading. Each
runs in a fresh process (``--worker``), so the peak memory printed is its own. The
target: 1,000,000 party records with their cases in under 30 s and 2 GB on 2 cores.

    python -m benchmarks.bench_load                 # 1,000,000 party records
    python -m benchmarks.bench_load --smoke         # a small size, as CI runs it
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import duckdb

from benchmarks._common import peak_rss_mb, synthetic_extract, table, timer
from netlink.extract import load_extract

TABLES = ("seizures", "parties", "goods", "legs")


def plain_read(folder: Path) -> dict:
    """Every table of the folder read into pandas, nothing checked (the baseline)."""
    with closing(duckdb.connect()) as con:
        return {
            t: con.execute("SELECT * FROM read_parquet(?)", [str(folder / f"{t}.parquet")]).df()
            for t in TABLES
        }


def worker(method: str, folder: Path) -> dict:
    """Run one method in this process; its time, peak memory and row counts."""
    with timer() as t:
        if method == "plain":
            frames = plain_read(folder)
            rows = {name: len(df) for name, df in frames.items()}
            read = loaded = sum(rows.values())
        else:
            ex = load_extract(folder, today=dt.date(2026, 12, 31))
            rep = ex.report
            # The accounting invariant, checked on every load, checked here once more.
            assert (rep.rows_read == rep.rows_loaded + rep.rows_quarantined).all()
            rows = dict(zip(rep.table_name, rep.rows_read.astype(int), strict=True))
            read, loaded = int(rep.rows_read.sum()), int(rep.rows_loaded.sum())
    return {
        "seconds": t["s"],
        "peak_mb": peak_rss_mb(),
        "rows": rows,
        "read": read,
        "loaded": loaded,
    }


def run(method: str, folder: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_load", "--worker", method, str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"{method} worker failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parties", type=int, default=1_000_000, help="party records to load")
    ap.add_argument("--smoke", action="store_true", help="a small size for CI")
    ap.add_argument("--worker", nargs=2, metavar=("METHOD", "FOLDER"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker[0], Path(args.worker[1]))))
        return 0
    parties = 20_000 if args.smoke else args.parties
    cases = max(1, parties // 3)  # the synthetic world writes about 3 party records a case
    folder = synthetic_extract(cases, seed=1, difficulty="realistic", fmt="parquet")

    base = run("plain", folder)
    ours = run("netlink", folder)
    rows = [
        ("plain DuckDB read to pandas (baseline)", base["seconds"], 1.0, base["peak_mb"]),
        (
            "netlink load_extract (validate, normalise, account)",
            ours["seconds"],
            ours["seconds"] / base["seconds"],
            ours["peak_mb"],
        ),
    ]
    print(
        f"load benchmark: {ours['rows']['parties']:,} party records, "
        f"{ours['rows']['seizures']:,} cases, {ours['read']:,} rows in all (Parquet)\n"
    )
    print(table(["what", "seconds", "ratio to baseline", "peak RSS MB (own process)"], rows))
    print(f"\nrows read {ours['read']:,}, loaded {ours['loaded']:,}")
    print("target: 1,000,000 party records in under 30 s and 2,048 MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
