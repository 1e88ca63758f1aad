"""Same seed and settings: the same tables row for row, and the same bytes on disk."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import duckdb
import pytest

from netlink.synth import SynthSettings, synthesize

from .conftest import EXTRACT_TABLES, TRUTH_TABLES

SETTINGS = SynthSettings(cases=600, seed=42, difficulty="hard")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _tables(path: Path, names: tuple[str, ...]) -> dict[str, list[tuple]]:
    with closing(duckdb.connect(str(path), read_only=True)) as con:
        return {n: con.execute(f'SELECT * FROM "{n}"').fetchall() for n in names}


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_same_seed_gives_byte_identical_files(tmp_path, fmt):
    a = synthesize(tmp_path / "a", SETTINGS, fmt=fmt)
    b = synthesize(tmp_path / "b", SETTINGS, fmt=fmt)
    assert _files(a.out) == _files(b.out)
    assert _tables(a.truth, TRUTH_TABLES) == _tables(b.truth, TRUTH_TABLES)


def test_same_seed_in_another_process_gives_the_same_duckdb_tables(tmp_path):
    here = synthesize(tmp_path / "here.duckdb", SETTINGS)
    code = (
        "import sys; from netlink.synth import SynthSettings, synthesize; "
        "synthesize(sys.argv[1], SynthSettings(cases=600, seed=42, difficulty='hard'))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    there = tmp_path / "there.duckdb"
    subprocess.run([sys.executable, "-c", code, str(there)], check=True, env=env)
    assert _tables(here.out, EXTRACT_TABLES) == _tables(there, EXTRACT_TABLES)
    truth_there = there.with_name("there.truth.duckdb")
    assert _tables(here.truth, TRUTH_TABLES) == _tables(truth_there, TRUTH_TABLES)


def test_another_seed_gives_another_world(tmp_path):
    a = synthesize(tmp_path / "a.duckdb", SETTINGS)
    b = synthesize(tmp_path / "b.duckdb", SynthSettings(cases=600, seed=43, difficulty="hard"))
    ta, tb = _tables(a.out, EXTRACT_TABLES), _tables(b.out, EXTRACT_TABLES)
    for name in EXTRACT_TABLES:
        assert ta[name] != tb[name], name


def test_rerun_replaces_the_previous_extract(tmp_path):
    out = tmp_path / "w.duckdb"
    synthesize(out, cases=300, seed=1)
    second = synthesize(out, cases=200, seed=1)
    with closing(duckdb.connect(str(out), read_only=True)) as con:
        assert con.execute("SELECT count(*) FROM seizures").fetchone()[0] == 200
    assert second.cases == 200
