"""The bundled sample in data/sample is what write_sample generates, small, and described."""

from __future__ import annotations

import re
from contextlib import closing
from pathlib import Path

import duckdb
import pytest

from netlink.synth import write_sample

from .conftest import EXTRACT_TABLES, TRUTH_TABLES

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _rows(path: Path, names: tuple[str, ...]) -> dict[str, list[tuple]]:
    with closing(duckdb.connect(str(path), read_only=True)) as con:
        return {n: con.execute(f'SELECT * FROM "{n}"').fetchall() for n in names}


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    return write_sample(tmp_path_factory.mktemp("sample"))


def test_committed_sample_is_what_write_sample_generates(fresh):
    assert _rows(SAMPLE / "extract.duckdb", EXTRACT_TABLES) == _rows(fresh.out, EXTRACT_TABLES), (
        "data/sample is stale: regenerate it with `netlink sample data/sample`"
    )
    assert _rows(SAMPLE / "truth.duckdb", TRUTH_TABLES) == _rows(fresh.truth, TRUTH_TABLES)


def test_sample_is_small_enough_to_commit():
    size = sum((SAMPLE / name).stat().st_size for name in ("extract.duckdb", "truth.duckdb"))
    assert size < 5 * 1024 * 1024


def test_readme_examples_are_in_the_sample():
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    with closing(duckdb.connect(str(SAMPLE / "truth.duckdb"), read_only=True)) as con:
        known = {
            prefix: {r[0] for r in con.execute(sql).fetchall()}
            for prefix, sql in (
                ("N", "SELECT network_id FROM networks"),
                ("P", "SELECT party_id FROM true_parties"),
                ("S", "SELECT seizure_id FROM case_truth"),
                ("A", "SELECT address_id FROM true_addresses"),
            )
        }
        names = {r[0] for r in con.execute("SELECT canonical_name FROM true_parties").fetchall()}
    mentioned = re.findall(r"\b([NPSA])(\d{5,8})\b", readme)
    assert len(mentioned) > 10
    for prefix, digits in mentioned:
        assert prefix + digits in known[prefix], prefix + digits
    for name in re.findall(r"\*\*(.+?)\*\*", readme):
        if name.endswith(("Ltd.", "Limited", "Co., Ltd.")):
            assert name in names, name
