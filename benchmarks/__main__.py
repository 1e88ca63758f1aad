"""Run every benchmark: ``python -m benchmarks [--smoke]``.

Each benchmark module has ``main(argv)``; ``--smoke`` runs each at the small size CI uses.
"""

from __future__ import annotations

import importlib
import sys
import time

BENCHMARKS = (
    "bench_load",
    "bench_synth",
    "bench_resolve",
    "bench_networks",
    "bench_dismantle",
    "bench_targets",
)


def main(argv: list[str]) -> int:
    smoke = "--smoke" in argv
    failed = []
    for name in BENCHMARKS:
        module = importlib.import_module(f"benchmarks.{name}")
        print(f"\n## {name}\n", flush=True)
        start = time.perf_counter()
        code = module.main(["--smoke"] if smoke else [])
        print(f"\n({name}: {time.perf_counter() - start:.1f} s)", flush=True)
        if code:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
