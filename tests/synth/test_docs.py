"""docs/synthetic-world.md states what the code does: settings, truth tables, columns."""

from __future__ import annotations

import re
from pathlib import Path

from netlink.synth import SynthSettings
from netlink.synth._codes import PATTERNS, TRUTH_ROLES

DOC = Path(__file__).resolve().parents[2] / "docs" / "synthetic-world.md"


def test_rates_table_matches_the_presets():
    text = DOC.read_text(encoding="utf-8")
    presets = {d: SynthSettings(difficulty=d) for d in ("easy", "realistic", "hard")}
    rows = re.findall(r"^\| `(\w+)` \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \|$", text, flags=re.M)
    assert rows
    for name, *values in rows:
        got = [getattr(presets[d], name) for d in ("easy", "realistic", "hard")]
        assert [float(v) for v in values] == got, name


def test_every_truth_column_pattern_and_role_is_documented(world):
    text = DOC.read_text(encoding="utf-8")
    for table, df in world.truth.items():
        assert f"**{table}**" in text, table
        for col in df.columns:
            assert re.search(rf"\b{col}\b", text), f"{table}.{col}"
    for name, _ in PATTERNS.values():
        assert name in text
    for role in TRUTH_ROLES:
        assert role in text
