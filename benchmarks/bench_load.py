"""Loading and validating an extract: netlink's load against a plain read of the same files.

The baseline reads the same Parquet tables into pandas with DuckDB and nothing else; the
ratio says what validation, normalisation and accounting cost on top of reading.

    python -m benchmarks.bench_load                 # 1,000,000 party records
    python -m benchmarks.bench_load --smoke         # a small size, as CI runs it
"""

from __future__ import annotations

import argparse
import datetime as dt
from contextlib import closing

import duckdb

from benchmarks._common import peak_rss_mb, synthetic_extract, table, timer
from netlink.extract import load_extract


def plain_read(folder) -> dict:
    with closing(duckdb.connect()) as con:
        return {
            t: con.execute(f"SELECT * FROM read_parquet('{folder / (t + '.parquet')}')").df()
            for t in ("seizures", "parties", "goods", "legs")
        }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parties", type=int, default=1_000_000, help="party records to load")
    ap.add_argument("--smoke", action="store_true", help="a small size for CI")
    args = ap.parse_args(argv)
    parties = 20_000 if args.smoke else args.parties
    cases = max(1, parties // 3)  # the synthetic world writes about 3 party records a case
    folder = synthetic_extract(cases, seed=1, difficulty="realistic", fmt="parquet")

    rss_start = peak_rss_mb()
    with timer() as base:
        raw = plain_read(folder)
    n_parties = len(raw["parties"])
    del raw
    with timer() as t:
        ex = load_extract(folder, today=dt.date(2026, 12, 31))
    rep = ex.report
    assert (rep.rows_read == rep.rows_loaded + rep.rows_quarantined).all()
    rows = [
        ("plain DuckDB read to pandas (baseline)", base["s"], 1.0, ""),
        ("netlink load_extract", t["s"], t["s"] / base["s"], f"{peak_rss_mb():,.0f}"),
    ]
    print(
        f"load benchmark: {n_parties:,} party records, {int(rep.rows_read.iloc[0]):,} cases (Parquet)"
    )
    print(table(["what", "seconds", "ratio to baseline", "peak RSS MB (process)"], rows))
    print(
        f"\nrows read {int(rep.rows_read.sum()):,}, quarantined {int(rep.rows_quarantined.sum()):,}"
    )
    print(f"process peak RSS before loading: {rss_start:,.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
