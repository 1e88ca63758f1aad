"""Generated worlds shared by the synth tests (generated once per session, read in pandas)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from netlink.synth import SynthSettings, SynthSummary, synthesize

EXTRACT_TABLES = ("seizures", "parties", "goods", "legs")
TRUTH_TABLES = (
    "true_parties",
    "record_truth",
    "networks",
    "case_truth",
    "patterns",
    "true_addresses",
    "true_identifiers",
    "pattern_catalog",
    "run",
)


@dataclass
class World:
    """A generated world read back: the extract's tables and the truth's tables."""

    summary: SynthSummary
    ex: dict[str, pd.DataFrame]
    truth: dict[str, pd.DataFrame]

    @property
    def settings(self) -> SynthSettings:
        return self.summary.settings


def read_duckdb(path: Path, names: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    with closing(duckdb.connect(str(path), read_only=True)) as con:
        return {name: con.execute(f'SELECT * FROM "{name}"').df() for name in names}


@pytest.fixture(scope="session")
def make_world(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., World]:
    """Generate (once per settings) and read back a world."""
    cache: dict[SynthSettings, World] = {}

    def make(cases: int, seed: int, difficulty: str = "realistic", **rates: float) -> World:
        settings = SynthSettings(cases=cases, seed=seed, difficulty=difficulty, **rates)
        if settings not in cache:
            folder = tmp_path_factory.mktemp(f"world-{difficulty}-{cases}-{seed}")
            summary = synthesize(folder / "extract.duckdb", settings)
            cache[settings] = World(
                summary,
                read_duckdb(summary.out, EXTRACT_TABLES),
                read_duckdb(summary.truth, TRUTH_TABLES),
            )
        return cache[settings]

    return make


@pytest.fixture(scope="session")
def world(make_world: Callable[..., World]) -> World:
    """A realistic world big enough for shares and every pattern."""
    return make_world(4000, 11)
