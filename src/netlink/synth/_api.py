"""The entry points: generate a world and write it, regenerate the bundled sample."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pyarrow as pa
from tqdm.auto import tqdm

from netlink._version import __version__
from netlink.errors import ParameterError
from netlink.synth._assemble import party_records, truth_tables
from netlink.synth._parties import build_world
from netlink.synth._plan import plan_cases, plan_networks
from netlink.synth._records import assign_slots, build_records, sort_cases
from netlink.synth._settings import SAMPLE_SETTINGS, Difficulty, SynthSettings, SynthSummary
from netlink.synth._shipments import build_shipments
from netlink.synth._write import TableWriter, contract_table

Format = Literal["duckdb", "parquet", "csv"]
_FORMATS = ("duckdb", "parquet", "csv")
#: Version of the generator's output; bumped whenever the same settings give other data.
WORLD_VERSION = 1
#: Worlds up to this many cases are written with small DuckDB blocks (compact files).
SMALL_WORLD = 20_000
_STAGES = ("networks", "cases", "parties", "records", "shipments", "extract", "truth")


def default_truth_path(out: Path) -> Path:
    """Where the ground truth goes by default: beside ``out``, as ``<stem>.truth.duckdb``.

    Examples
    --------
    >>> default_truth_path(Path("worlds/w1.duckdb")).as_posix()
    'worlds/w1.truth.duckdb'
    >>> default_truth_path(Path("worlds/w1")).as_posix()
    'worlds/w1.truth.duckdb'
    """
    stem = out.stem if out.suffix == ".duckdb" else out.name
    return out.with_name(f"{stem}.truth.duckdb")


def synthesize(
    out: str | Path,
    settings: SynthSettings | None = None,
    *,
    cases: int | None = None,
    seed: int | None = None,
    difficulty: Difficulty | None = None,
    fmt: Format = "duckdb",
    truth: str | Path | None = None,
    progress: bool = False,
) -> SynthSummary:
    """Generate a synthetic counterfeit-trade world: an extract and its ground truth.

    Parameters
    ----------
    out
        The extract to write: a ``.duckdb`` file for ``fmt="duckdb"``, else a folder that
        receives ``seizures.parquet``, ``parties.parquet``, ... (or ``.csv``). An extract
        already there is replaced.
    settings
        Size, seed, difficulty and rates; ``cases``, ``seed`` and ``difficulty`` given as
        keywords override it (a difficulty given this way brings its own preset rates).
    fmt
        ``duckdb``, ``parquet`` or ``csv``.
    truth
        The ground-truth DuckDB file (default: ``<stem>.truth.duckdb`` beside ``out``);
        its tables are described in docs/synthetic-world.md.
    progress
        Show a progress bar on stderr.

    Returns
    -------
    SynthSummary
        Counts of what was written and the two paths.

    Examples
    --------
    >>> import tempfile, duckdb
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> summary = synthesize(folder / "world.duckdb", cases=200, seed=1)
    >>> summary.cases, summary.truth.name
    (200, 'world.truth.duckdb')
    >>> with duckdb.connect(str(summary.out), read_only=True) as con:
    ...     con.execute("SELECT count(*) FROM parties").fetchone()[0] == summary.party_records
    True
    """
    s = _resolve(settings, cases, seed, difficulty)
    if fmt not in _FORMATS:
        raise ParameterError(f"fmt must be one of {', '.join(_FORMATS)}, got {fmt!r}")
    out = Path(out)
    truth_path = Path(truth) if truth is not None else default_truth_path(out)
    if truth_path.resolve() == out.resolve():
        raise ParameterError("the ground truth must go to another file than the extract")
    if fmt == "duckdb" and out.is_dir():
        raise ParameterError(f"{out} is a folder; a DuckDB extract is written to a file")

    # One independent stream per stage: a change in one stage leaves the others' draws.
    streams = [
        np.random.Generator(np.random.PCG64(ss)) for ss in np.random.SeedSequence(s.seed).spawn(8)
    ]
    # With progress on, tqdm still stays quiet when stderr is not a terminal.
    bar = tqdm(total=len(_STAGES), desc="synth", unit="stage", disable=None if progress else True)

    def step(name: str) -> None:
        bar.set_postfix_str(name)
        bar.update(1)

    nets = plan_networks(s, streams[0])
    step("networks")
    plan = plan_cases(s, nets, streams[1])
    step("cases")
    world = build_world(s, nets, plan, streams[2])
    step("parties")
    sort_cases(plan, world, streams[3])
    slots = assign_slots(s, nets, plan, world, streams[3])
    recs = build_records(s, nets, plan, world, slots, streams[4])
    step("records")
    ship = build_shipments(s, nets, plan, world, slots, streams[5])
    step("shipments")
    # Each table is written as soon as it exists and then dropped, to bound memory.
    counts: dict[str, int] = {}
    small = s.cases <= SMALL_WORLD
    with TableWriter(out, fmt, small=small) as writer:
        for name in ("seizures", "parties", "goods", "legs"):
            if name == "parties":
                chunks = (contract_table(name, t) for t in party_records(world, recs, streams[6]))
                counts[name] = writer.write(name, chunks)
            else:
                counts[name] = writer.write(name, contract_table(name, getattr(ship, name)))
                setattr(ship, name, None)
    step("extract")
    with TableWriter(truth_path, "duckdb", small=small) as writer:
        for name, table in truth_tables(s, nets, plan, world, slots, recs, ship):
            counts[name] = writer.write(name, table)
            del table
        writer.write("run", _run_table(s, counts))
    step("truth")
    bar.close()
    return SynthSummary(
        cases=s.cases,
        party_records=counts["parties"],
        goods_lines=counts["goods"],
        legs=counts["legs"],
        true_parties=counts["true_parties"],
        networks=counts["networks"],
        pattern_rows=counts["patterns"],
        out=out,
        truth=truth_path,
        fmt=fmt,
        settings=s,
    )


def _resolve(
    settings: SynthSettings | None,
    cases: int | None,
    seed: int | None,
    difficulty: Difficulty | None,
) -> SynthSettings:
    base = settings if settings is not None else SynthSettings()
    changes: dict[str, Any] = {}
    if cases is not None:
        changes["cases"] = cases
    if seed is not None:
        changes["seed"] = seed
    if difficulty is not None and difficulty != base.difficulty:
        # A new difficulty brings its own preset rates, not the old one's.
        fixed = {
            f.name: getattr(base, f.name) for f in dataclasses.fields(base) if f.name in _NON_RATES
        }
        return SynthSettings(**{**fixed, **changes, "difficulty": difficulty})
    return dataclasses.replace(base, **changes) if changes else base


_NON_RATES = ("cases", "seed", "start", "end", "network_size_alpha", "min_network_cases")


def _run_table(s: SynthSettings, counts: dict[str, int]) -> pa.Table:
    """How the world was made: versions, settings, and the row count of every table."""
    info = {
        "netlink_version": __version__,
        "world_version": str(WORLD_VERSION),
        "settings": json.dumps(s.to_dict(), sort_keys=True),
        **{f"rows.{name}": str(n) for name, n in counts.items()},
    }
    return pa.table({"key": list(info), "value": list(info.values())})


def write_sample(folder: str | Path = Path("data/sample")) -> SynthSummary:
    """Regenerate the bundled sample: ``extract.duckdb`` and ``truth.duckdb`` in ``folder``.

    Uses :data:`SAMPLE_SETTINGS`, so it rewrites exactly the committed sample (same rows
    in the same order).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> summary = write_sample(Path(tempfile.mkdtemp()))
    >>> summary.cases == SAMPLE_SETTINGS.cases, summary.out.name, summary.truth.name
    (True, 'extract.duckdb', 'truth.duckdb')
    """
    folder = Path(folder)
    return synthesize(folder / "extract.duckdb", SAMPLE_SETTINGS, truth=folder / "truth.duckdb")
