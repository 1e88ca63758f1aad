"""The synthetic counterfeit-trade world: an extract in the contract and its ground truth.

Named seizure records cannot be published, so netlink's sample, tests, notebooks and
benchmarks rest on a generated world: manufacturers in source regions behind front
companies and marketplace stores, forwarders and transit hubs, distributors, assembly
sites, drop points and retail buyers in Europe; the eleven patterns of
docs/synthetic-world.md planted and recorded; the variation of names, addresses and
phones analysts meet; and the benign look-alikes that glue naive networks together.

Examples
--------
>>> import tempfile, duckdb
>>> from pathlib import Path
>>> from netlink.synth import synthesize
>>> s = synthesize(Path(tempfile.mkdtemp()) / "w.duckdb", cases=300, seed=2, difficulty="hard")
>>> with duckdb.connect(str(s.truth), read_only=True) as con:
...     con.execute("SELECT count(DISTINCT pattern_no) FROM patterns").fetchone()[0] > 5
True
"""

from netlink.synth._api import WORLD_VERSION, default_truth_path, synthesize, write_sample
from netlink.synth._settings import (
    DIFFICULTIES,
    SAMPLE_SETTINGS,
    Difficulty,
    SynthSettings,
    SynthSummary,
)

__all__ = [
    "DIFFICULTIES",
    "SAMPLE_SETTINGS",
    "WORLD_VERSION",
    "Difficulty",
    "SynthSettings",
    "SynthSummary",
    "default_truth_path",
    "synthesize",
    "write_sample",
]
