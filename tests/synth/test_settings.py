"""Settings, their difficulty presets, and the checks on synthesize's arguments."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from netlink.errors import ParameterError
from netlink.synth import (
    DIFFICULTIES,
    SAMPLE_SETTINGS,
    SynthSettings,
    default_truth_path,
    synthesize,
)

RATES = [
    f.name
    for f in dataclasses.fields(SynthSettings)
    if f.name.endswith(("_rate", "_share")) and f.name != "network_share"
]


def test_every_rate_is_filled_from_the_difficulty_and_documented():
    doc = SynthSettings.__doc__
    for d in DIFFICULTIES:
        s = SynthSettings(difficulty=d)
        for name in [*RATES, "network_share"]:
            assert isinstance(getattr(s, name), float), (d, name)
            assert f"\n    {name}\n" in doc, f"{name} is not documented"


def test_hard_has_more_variation_and_lookalikes_than_easy():
    easy, hard = SynthSettings(difficulty="easy"), SynthSettings(difficulty="hard")
    for name in RATES:
        if name == "front_link_rate":  # fewer visible links is harder
            assert easy.front_link_rate > hard.front_link_rate
        else:
            assert getattr(easy, name) < getattr(hard, name), name


def test_explicit_rates_override_the_preset_and_factory_matches_constructor():
    s = SynthSettings(cases=10, difficulty="hard", typo_rate=0.5)
    assert (
        s.typo_rate == 0.5
        and s.name_variant_rate == SynthSettings(difficulty="hard").name_variant_rate
    )
    assert SynthSettings.for_difficulty("easy", cases=7, seed=3) == SynthSettings(7, 3, "easy")
    assert SynthSettings(start="2022-01-01").start == dt.date(2022, 1, 1)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"cases": 0},
        {"cases": 2.5},
        {"seed": -1},
        {"difficulty": "medium"},
        {"typo_rate": 1.5},
        {"network_share": -0.1},
        {"start": dt.date(2025, 1, 1), "end": dt.date(2024, 1, 1)},
        {"network_size_alpha": 1.0},
        {"min_network_cases": 1},
    ],
)
def test_bad_settings_raise_a_parameter_error(kwargs):
    with pytest.raises(ParameterError):
        SynthSettings(**kwargs)


def test_keywords_override_settings_and_a_new_difficulty_brings_its_rates(tmp_path):
    base = SynthSettings(cases=50, seed=4, difficulty="easy", typo_rate=0.3)
    s = synthesize(tmp_path / "a.duckdb", base, cases=40, difficulty="hard").settings
    assert (s.cases, s.seed, s.difficulty) == (40, 4, "hard")
    assert s.typo_rate == SynthSettings(difficulty="hard").typo_rate
    same = synthesize(tmp_path / "b.duckdb", base, seed=9).settings
    assert (same.cases, same.seed, same.typo_rate) == (50, 9, 0.3)


def test_argument_errors(tmp_path):
    with pytest.raises(ParameterError):
        synthesize(tmp_path / "w.duckdb", cases=5, fmt="xlsx")
    with pytest.raises(ParameterError):
        synthesize(tmp_path, cases=5)  # a folder for a DuckDB extract
    with pytest.raises(ParameterError):
        synthesize(tmp_path / "w.duckdb", cases=5, truth=tmp_path / "w.duckdb")


def test_default_truth_path_and_summary(tmp_path):
    assert default_truth_path(tmp_path / "x.duckdb") == tmp_path / "x.truth.duckdb"
    assert default_truth_path(tmp_path / "folder") == tmp_path / "folder.truth.duckdb"
    s = synthesize(tmp_path / "folder", cases=30, seed=2, fmt="csv")
    assert s.truth == tmp_path / "folder.truth.duckdb" and s.truth.exists()
    text = str(s)
    assert "cases 30" in text and f"party records {s.party_records:,}" in text
    assert str(s.out) in text and str(s.truth) in text


def test_sample_settings():
    assert SynthSettings(cases=3000, seed=7, difficulty="realistic") == SAMPLE_SETTINGS
