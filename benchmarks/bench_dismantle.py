"""Benchmark of netlink.rank's dismantling engine against the classic strategies.

Runs every strategy on the real networks in data/networks (crime, corruption, power
grid), each followed by greedy reinsertion, side by side in one process, and prints per
strategy and network:

- R raw: robustness of the strategy's own order (no reinsertion), as in the README table;
- q10 raw: removals (share of N) until the largest component (LCC) is <= 10% of N;
- q10 re: the same after greedy reinsertion (the size of the removal set);
- R re: robustness of the recommended order (the removal set first, then nested sets
  for 1/2, 1/4, 1/8 of the target by the same strategy, ordered by reverse greedy
  insertion; see netlink.rank.dismantle). Baselines are measured the same way.

with the README's best figures beside, the LCC left by the top 5 (and 10) by degree
beside the engine's top 5 (and 10),
the wall-time ratio of the default ("auto") to adaptive degree, and a scaling check of
the default on generated graphs of 5,000 and 100,000 nodes.

Usage::

    python benchmarks/bench_dismantle.py            # everything (several minutes)
    python benchmarks/bench_dismantle.py --smoke    # CI: small networks, 5k scaling only
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import igraph as ig
import numpy as np

from netlink.rank import STRATEGIES, as_compact_graph, dismantle, what_if

DATA = Path(__file__).resolve().parent / "data" / "networks"

# The README table (data/networks/README.md): best baseline R (no reinsertion) and best
# q10 after reinsertion, as printed there (R and q10 to 3 decimals, corruption's q10 to 2).
README_BEST = {
    "crime": {"R": 0.015, "q_re": 0.023, "digits": 3},
    "corruption": {"R": 0.066, "q_re": 0.09, "digits": 2},
    "power_grid": {"R": 0.011, "q_re": 0.016, "digits": 3},
}


def load(name: str):
    """A network of data/networks as a compact graph."""
    edges = np.loadtxt(DATA / f"{name}.edges", dtype=np.int64)
    return as_compact_graph(map(tuple, edges.tolist()))


def generated(kind: str, n: int, seed: int):
    """A seeded random graph: 'powerlaw' (static scale-free model, exponent 2.5, mean
    degree 5; Goh et al. 2001) or 'er' (Erdős–Rényi, mean degree 4)."""
    random.seed(seed)  # igraph draws from Python's random module
    if kind == "powerlaw":
        graph = ig.Graph.Static_Power_Law(n, int(2.5 * n), 2.5)
    else:
        graph = ig.Graph.Erdos_Renyi(n, m=2 * n)
    return as_compact_graph(map(tuple, graph.get_edgelist()), nodes=range(n))


def timed(graph, strategy: str):
    start = time.perf_counter()
    cpu = time.process_time()
    result = dismantle(graph, strategy)
    return result, time.perf_counter() - start, time.process_time() - cpu


def verdict(ours: float, best: float, digits: int) -> str:
    """Compare at the README's printed precision: 'better', 'equal' or 'WORSE'."""
    a, b = round(ours, digits), round(best, digits)
    return "better" if a < b else ("equal" if a == b else "WORSE")


def bench_networks(names: list[str], skip_slow: bool) -> bool:
    ok = True
    header = f"{'strategy':34s} {'R raw':>7s} {'q10 raw':>8s} {'q10 re':>7s} {'R re':>7s} {'s':>7s}"
    for name in names:
        g = load(name)
        best = README_BEST[name]
        print(f"\n== {name}: N={g.n}, M={g.m}; README best R {best['R']}, q10 re {best['q_re']}")
        print(header)
        times = {}
        results = {}
        for strategy in STRATEGIES:
            if skip_slow and strategy == "adaptive_betweenness" and g.n * g.m > 2e6:
                continue
            r, wall, _ = timed(g, strategy)
            results[strategy], times[strategy] = r, wall
            q_raw = r.q_before / g.n
            q_re = r.q_after / g.n
            print(
                f"{r.strategy:34s} {r.robustness_raw:7.4f} {q_raw:8.4f} {q_re:7.4f} "
                f"{r.robustness:7.4f} {wall:7.2f}"
            )
        auto = results["auto"]
        r_v = verdict(auto.robustness, best["R"], 3)
        q_v = verdict(auto.q_after / g.n, best["q_re"], best["digits"])
        print(
            f"auto vs README best: R {auto.robustness:.4f} vs {best['R']} ({r_v}); "
            f"q10 re {auto.q_after}/{g.n} = {auto.q_after / g.n:.4f} vs {best['q_re']} ({q_v})"
        )
        print(
            f"wall-time ratio auto / adaptive_degree: "
            f"{times['auto'] / max(times['adaptive_degree'], 1e-9):.1f}"
        )
        by_degree = [g.ids[i] for i in np.lexsort((np.arange(g.n), -g.degree()))]
        for k in (5, 10):
            for label, top in (("by degree", by_degree[:k]), ("of auto", auto.order[:k])):
                w = what_if(g, top)
                print(f"top {k:2d} {label:9s}: LCC {w.lcc_before:.3f} -> {w.lcc_after:.3f}")
        ok = ok and "WORSE" not in (r_v, q_v)
    return ok


def bench_scaling(sizes: list[int]) -> None:
    print("\n== scaling of the default strategy ('auto'), generated graphs")
    print(f"{'graph':18s} {'N':>7s} {'M':>7s} {'wall s':>7s} {'cpu s':>7s}  winner / q10 re / R re")
    for n in sizes:
        for kind in ("powerlaw", "er"):
            g = generated(kind, n, seed=1)
            r, wall, cpu = timed(g, "auto")
            print(
                f"{kind:18s} {g.n:7d} {g.m:7d} {wall:7.2f} {cpu:7.2f}  {r.strategy} / "
                f"{r.q_after / g.n:.4f} / {r.robustness:.4f}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="small and fast, for CI")
    args = parser.parse_args(argv)
    names = ["crime", "corruption"] if args.smoke else ["crime", "corruption", "power_grid"]
    ok = bench_networks(names, skip_slow=args.smoke)
    bench_scaling([5_000] if args.smoke else [5_000, 100_000])
    print("\nall README targets met" if ok else "\nSOME README TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
