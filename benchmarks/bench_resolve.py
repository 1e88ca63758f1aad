"""Entity resolution: quality against the synthetic truth, netlink against Splink, scale.

``python -m benchmarks.bench_resolve`` prints Markdown tables:

(a) quality at realistic and hard difficulty, and what precision costs in recall at a
    few thresholds; (b) netlink against Splink (its DuckDB backend, benchmarks/_splink.py)
    on the same extracts in the same run: F1, wall time and peak memory, with ratios;
    (c) the scaling curve (about 10k, 100k and 1M party records); (d) an analyst's rerun
    on 5,000 records; (e) determinism, byte for byte.

Each tool in (b) and (c) runs in a fresh subprocess (``--worker``), alternately, so that
its peak resident memory is its own and a load spike on a shared machine hits both.
``--smoke`` runs every part at the small size CI uses; ``--no-splink`` leaves Splink out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from benchmarks._common import OUT, synthetic_extract, table

QUALITY_SEED = 11
SCALE_SEED = 1
THRESHOLD = 0.9
THRESHOLDS = (0.5, 0.9, 0.99)
TARGET_PRECISION, TARGET_RECALL = 0.97, 0.95
INTERACTIVE_RECORDS = 5_000


@dataclass(frozen=True)
class Sizes:
    quality_cases: int
    scale_cases: tuple[int, ...]
    interactive_cases: int


FULL = Sizes(quality_cases=10_000, scale_cases=(3_000, 30_000, 300_000), interactive_cases=1_600)
SMOKE = Sizes(quality_cases=1_000, scale_cases=(1_000,), interactive_cases=1_600)


def _truth(path: Path) -> pd.DataFrame:
    truth = path.with_name(path.name.replace(".duckdb", ".truth.duckdb"))
    with duckdb.connect(str(truth), read_only=True) as con:
        return con.execute("SELECT record_id, party_id FROM record_truth").df()


def _parties(cases: int, seed: int, difficulty: str) -> tuple[Path, pd.DataFrame]:
    """The world's parties table, cached as Parquet so that workers read it cheaply."""
    from netlink.extract import load_extract

    path = synthetic_extract(cases, seed, difficulty)
    cached = path.with_name(path.name.replace(".duckdb", ".parties.parquet"))
    if not cached.exists():
        load_extract(path).parties.to_parquet(cached, index=False)
    return path, pd.read_parquet(cached)


def _scores(clusters: pd.DataFrame, label: str, truth: pd.DataFrame):
    from netlink.evaluate import cluster_scores

    m = clusters.merge(truth, on="record_id", how="inner", validate="one_to_one")
    return cluster_scores(m[label], m["party_id"])


def _digest(tables: dict[str, pd.DataFrame | None]) -> str:
    """SHA-256 over the CSV bytes of every table, in name order."""
    h = hashlib.sha256()
    for name in sorted(tables):
        frame = tables[name]
        if frame is not None:
            h.update(name.encode())
            h.update(frame.to_csv(index=False).encode())
    return h.hexdigest()


def _resolve(parties: pd.DataFrame, threshold: float = THRESHOLD):
    from netlink.resolve import ResolveSettings, resolve

    return resolve(parties, ResolveSettings(threshold=threshold), progress=False)


# --- (a) quality ------------------------------------------------------------------------


def quality(sizes: Sizes) -> tuple[str, dict[str, str]]:
    """Quality at both difficulties and the threshold trade-off; digests for (e)."""
    rows, trade, digests = [], [], {}
    for difficulty in ("realistic", "hard"):
        path, parties = _parties(sizes.quality_cases, QUALITY_SEED, difficulty)
        truth = _truth(path)
        for threshold in THRESHOLDS if difficulty == "realistic" else (THRESHOLD,):
            result = _resolve(parties, threshold)
            s = _scores(result.entity_members, "entity_id", truth)
            figures = (s.pair_precision, s.pair_recall, s.pair_f1)
            figures += (s.bcubed_precision, s.bcubed_recall)
            row = (*(f"{x:.4f}" for x in figures), result.stats["entities"])
            if threshold == THRESHOLD:
                rows.append((difficulty, len(parties), *row))
                digests[difficulty] = _digest(result.tables())
            if difficulty == "realistic":
                trade.append((threshold, *row))
    heads = ["pairwise P", "pairwise R", "pairwise F1", "B-cubed P", "B-cubed R", "entities"]
    out = [
        f"### (a) Quality against the truth ({sizes.quality_cases:,} cases, seed "
        f"{QUALITY_SEED}, threshold {THRESHOLD})\n",
        table(["difficulty", "records", *heads], rows),
        f"\ntarget at realistic: pairwise P >= {TARGET_PRECISION}, R >= {TARGET_RECALL}: "
        + (
            "met"
            if float(rows[0][2]) >= TARGET_PRECISION and float(rows[0][3]) >= TARGET_RECALL
            else "NOT met"
        ),
        "\n#### What precision costs in recall (realistic)\n",
        table(["threshold", *heads], trade),
    ]
    return "\n".join(out), digests


# --- (b), (c) netlink against Splink, in fresh subprocesses ------------------------------


def _rss_mb() -> float:
    """Current resident memory of this process in MB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def worker(method: str, cases: int, seed: int, difficulty: str, out: Path) -> dict:
    """Resolve one cached world with one tool; clusters to ``out``, figures returned."""
    _, parties = _parties(cases, seed, difficulty)
    if method == "netlink":
        _resolve(parties.head(50))  # imports and first-call set-up, as Splink's import below
        base = _rss_mb()
        start = time.perf_counter()
        result = _resolve(parties)
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        clusters = result.entity_members[["record_id", "entity_id"]]
        clusters = clusters.rename(columns={"entity_id": "cluster_id"})
        steps = {k[8:]: v for k, v in result.stats.items() if k.startswith("seconds_")}
    else:
        import splink  # noqa: F401  (imported before the baseline, as netlink's warm-up)

        from benchmarks._splink import run_splink

        base = _rss_mb()
        run = run_splink(parties, threshold=THRESHOLD, seed=0)
        seconds = run.seconds
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        clusters, steps = run.clusters, {}
    clusters.astype(str).to_parquet(out, index=False)
    return {
        "records": len(parties),
        "seconds": seconds,
        "peak_mb": peak,
        # The address normaliser's process (both tools run normalize_parties), counted
        # apart: the two peaks need not coincide, so their sum is an upper bound.
        "child_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "base_mb": base,
        "steps": steps,
    }


def _run_worker(method: str, cases: int, seed: int, difficulty: str) -> tuple[dict, Path]:
    out = OUT / f"resolve-{method}-{difficulty}-{cases}-s{seed}.clusters.parquet"
    cmd = [sys.executable, "-m", "benchmarks.bench_resolve", "--worker", method]
    cmd += ["--cases", str(cases), "--seed", str(seed), "--difficulty", difficulty]
    cmd += ["--out", str(out)]
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(cmd, cwd=root, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{method} worker failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1]), out


def compare(sizes: Sizes, with_splink: bool) -> str:
    """(b) and (c): both tools at every scale size, alternately, each in a fresh process."""
    methods = ("netlink", "splink") if with_splink else ("netlink",)
    runs: dict[tuple[int, str], dict] = {}
    for cases in sizes.scale_cases:
        path, _ = _parties(cases, SCALE_SEED, "realistic")
        truth = _truth(path)
        for method in methods:
            fig, out = _run_worker(method, cases, SCALE_SEED, "realistic")
            fig["scores"] = _scores(pd.read_parquet(out), "cluster_id", truth)
            runs[cases, method] = fig

    head = ["records", "tool", "pairwise P", "pairwise R", "F1", "B-cubed F1", "seconds"]
    head += ["peak MB", "+ child peak MB"]
    rows, ratios, curve = [], [], []
    for cases in sizes.scale_cases:
        for method in methods:
            r = runs[cases, method]
            s = r["scores"]
            scores = (s.pair_precision, s.pair_recall, s.pair_f1, s.bcubed_f1)
            rows.append(
                (r["records"], method, *scores, r["seconds"], r["peak_mb"], r["child_peak_mb"])
            )
        nl = runs[cases, "netlink"]
        steps = ", ".join(f"{k} {v:.1f}" for k, v in nl["steps"].items())
        curve.append((nl["records"], nl["seconds"], nl["seconds"] / nl["records"] * 1e5, steps))
        if with_splink:
            sp = runs[cases, "splink"]
            ratios.append(
                (
                    nl["records"],
                    nl["scores"].pair_f1 - sp["scores"].pair_f1,
                    sp["seconds"] / nl["seconds"],
                    (nl["peak_mb"] + nl["child_peak_mb"]) / (sp["peak_mb"] + sp["child_peak_mb"]),
                )
            )
    out = [
        f"### (b) netlink and Splink on the same extracts (realistic, seed {SCALE_SEED}, "
        f"threshold {THRESHOLD}; each tool in a fresh process)\n",
        table(head, rows),
        "\nseconds: end to end from the loaded parties table to clusters; peak MB: the "
        "worker process's peak resident memory (Python, libraries and the parties table "
        "included, the same for both); + child: the peak of the address normaliser's "
        "process, which both tools start through normalize_parties (the memory ratio "
        "below adds the two).",
    ]
    if with_splink:
        out += [
            "\n#### Ratios (targets: F1 at least as high, Splink/netlink time >= 2, "
            "netlink/Splink memory < 1)\n",
            table(
                ["records", "F1 netlink - Splink", "Splink/netlink time", "netlink/Splink memory"],
                ratios,
            ),
        ]
    out += [
        "\n### (c) Scaling of netlink (seconds per step)\n",
        table(["records", "seconds", "seconds per 100k records", "steps"], curve),
    ]
    return "\n".join(out)


# --- (d) interactive rerun, (e) determinism ---------------------------------------------


def interactive(sizes: Sizes) -> str:
    _, parties = _parties(sizes.interactive_cases, QUALITY_SEED, "realistic")
    parties = parties.sort_values("record_id").head(INTERACTIVE_RECORDS)
    _resolve(parties)  # warm-up: imports, vocabularies, DuckDB
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        _resolve(parties)
        best = min(best, time.perf_counter() - start)
    return "\n".join(
        [
            "### (d) Interactive rerun (after a warm-up, best of 3)\n",
            table(
                ["records", "seconds", "target < 1 s"],
                [(len(parties), best, "met" if best < 1.0 else "NOT met")],
            ),
        ]
    )


def determinism(sizes: Sizes, digests: dict[str, str]) -> str:
    _, parties = _parties(sizes.quality_cases, QUALITY_SEED, "realistic")
    # The second run sees the records in another order: the result must not depend on it.
    again = _digest(_resolve(parties.sample(frac=1.0, random_state=1)).tables())
    same = again == digests["realistic"]
    return "\n".join(
        [
            "### (e) Determinism: two runs, records shuffled in the second\n",
            table(
                ["records", "digest run 1", "digest run 2", "byte-identical"],
                [(len(parties), digests["realistic"][:16], again[:16], "yes" if same else "NO")],
            ),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="the small size CI runs")
    parser.add_argument("--no-splink", action="store_true", help="leave the Splink baseline out")
    parser.add_argument("--worker", choices=("netlink", "splink"), help=argparse.SUPPRESS)
    parser.add_argument("--cases", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--difficulty", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        fig = worker(args.worker, args.cases, args.seed, args.difficulty, args.out)
        print(json.dumps(fig))
        return 0

    sizes = SMOKE if args.smoke else FULL
    with_splink = not args.no_splink
    if with_splink:
        try:
            import splink  # noqa: F401
        except ModuleNotFoundError:
            print("splink is not installed (pip install -e .[bench]): netlink only\n")
            with_splink = False
    text, digests = quality(sizes)
    print(text, flush=True)
    print("\n" + compare(sizes, with_splink), flush=True)
    print("\n" + interactive(sizes), flush=True)
    print("\n" + determinism(sizes, digests), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
