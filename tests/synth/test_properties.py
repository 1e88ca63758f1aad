"""Any small world, at any seed and difficulty, is a valid extract with a consistent truth."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netlink.contract import COUNTRIES, ROLES, TABLES
from netlink.synth import SynthSettings, synthesize

from .conftest import EXTRACT_TABLES, TRUTH_TABLES, read_duckdb


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cases=st.integers(min_value=1, max_value=120),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    difficulty=st.sampled_from(["easy", "realistic", "hard"]),
    network_share=st.sampled_from([None, 0.0, 1.0]),
)
def test_any_small_world_is_contract_valid_with_consistent_truth(
    cases, seed, difficulty, network_share
):
    s = SynthSettings(cases=cases, seed=seed, difficulty=difficulty, network_share=network_share)
    with tempfile.TemporaryDirectory() as tmp:
        summary = synthesize(Path(tmp) / "w.duckdb", s)
        ex = read_duckdb(summary.out, EXTRACT_TABLES)
        truth = read_duckdb(summary.truth, TRUTH_TABLES)

    assert len(ex["seizures"]) == cases == summary.cases
    for name, table in TABLES.items():
        df = ex[name]
        assert list(df.columns) == list(table.column_names)
        for col in table.required_columns:
            assert df[col].notna().all(), (name, col)
        assert df.seizure_id.isin(ex["seizures"].seizure_id).all()
    parties = ex["parties"]
    assert set(parties.role) <= set(ROLES)
    for name, col in (("parties", "country"), ("seizures", "origin_country")):
        assert set(ex[name][col].dropna()) <= COUNTRIES

    rt, tp = truth["record_truth"], truth["true_parties"]
    assert rt.record_id.tolist() == parties.record_id.tolist()
    assert rt.party_id.isin(tp.party_id).all() and tp.party_id.is_unique
    assert truth["case_truth"].seizure_id.tolist() == ex["seizures"].seizure_id.tolist()
    nets = truth["networks"]
    assert (nets.n_cases > 0).all()
    assert nets.n_cases.sum() == truth["case_truth"].network_id.notna().sum()
    assert nets.manufacturer_party_id.isin(tp.party_id).all()
    if network_share == 0.0:
        assert nets.empty and tp.network_id.isna().all()
    p = truth["patterns"]
    assert p.seizure_id.isin(ex["seizures"].seizure_id).all()
    assert p.record_id.dropna().isin(parties.record_id).all()
    assert p.detail.notna().all()
