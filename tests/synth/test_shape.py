"""The generated world has the shape its settings and domain-notes.md ask for."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def test_transport_modes_items_and_articles_follow_the_eu_figures(world):
    s = world.ex["seizures"]
    share = s.transport_mode.value_counts(normalize=True)
    assert 0.70 <= share[["postal", "express"]].sum() <= 0.85
    assert 0.72 <= (s["items"] < 10).mean() <= 0.86
    assert (s[s.transport_mode == "postal"]["items"] == 1).mean() > 0.5
    articles = s.groupby("transport_mode")["items"].sum()
    assert articles.idxmax() == "sea" and articles["sea"] / articles.sum() > 0.5


def test_provenance_and_goods_categories(world):
    s = world.ex["seizures"]
    main = s.origin_country.isin(["CN", "HK", "TR", "SG", "AE"]).mean()
    assert 0.82 <= main <= 0.95
    assert s.origin_country.value_counts().index[0] == "CN"
    first = world.ex["goods"].drop_duplicates("seizure_id").category
    fashion = first.isin(["clothing", "footwear", "leather goods"]).mean()
    assert 0.5 <= fashion <= 0.72
    seen = set(first)
    for cat in ("cigarettes", "toys", "labels and packaging", "medicines", "perfume and cosmetics"):
        assert cat in seen
    sea = s[s.transport_mode == "sea"].reporting_country.value_counts(normalize=True)
    assert sea.reindex(["NL", "DE", "GB", "BE"]).fillna(0).sum() > 0.4


def test_dates_span_the_years_and_records_per_case(world):
    s, st = world.ex["seizures"], world.settings
    years = s.seizure_date.dt.year
    assert sorted(years.unique()) == list(range(st.start.year, st.end.year + 1))
    assert 2.7 <= len(world.ex["parties"]) / len(s) <= 3.8


def test_network_share_and_heavy_tailed_network_sizes(world):
    ct, nets = world.truth["case_truth"], world.truth["networks"]
    assert ct.network_id.notna().mean() == pytest.approx(world.settings.network_share, abs=0.01)
    sizes = nets.n_cases
    assert sizes.min() >= world.settings.min_network_cases
    assert sizes.median() <= 8  # many small networks ...
    assert sizes.max() >= 10 * sizes.median()  # ... and a few large ones
    assert (nets.size_class == "small").mean() > 0.7
    assert set(nets.size_class) == {"small", "medium", "large"}
    # The tail is a power law: log counts fall off linearly in log size, not exponentially.
    top = np.sort(sizes.to_numpy())[::-1][:10]
    assert top[0] >= 3 * top[9]


def test_variation_rates_match_the_settings(world):
    st = world.settings
    rt = world.truth["record_truth"].merge(
        world.truth["true_parties"][["party_id", "kind", "country", "role"]], on="party_id"
    )
    latin = rt[~rt.name_form.isin(["chinese", "other_romanisation"])]
    assert (latin.name_form == "variant").mean() == pytest.approx(st.name_variant_rate, abs=0.03)
    chinese_firms = rt[rt.role.isin(["manufacturer", "front"]) & rt.country.isin(["CN", "HK"])]
    zh = (chinese_firms.name_form == "chinese").mean()
    assert zh == pytest.approx(st.chinese_script_rate, abs=0.025)
    has_addr = rt[rt.address_form.notna() & (rt.address_form != "chinese")]
    assert (has_addr.address_form == "variant").mean() == pytest.approx(
        st.address_variant_rate, abs=0.04
    )
    assert rt.typo_in.notna().mean() == pytest.approx(st.typo_rate, abs=0.008)
    assert rt.placeholder_in.notna().mean() == pytest.approx(st.placeholder_rate, abs=0.006)
    # Missing fields: a consignee's phone is missing more often than the rate alone,
    # because not every document carries one, and at least at the set rate.
    parties = world.ex["parties"]
    assert parties[parties.role == "consignee"].phone.isna().mean() > st.missing_rate


def test_phone_formats_vary_within_a_party(world):
    rt = world.truth["record_truth"].dropna(subset=["phone_id"])
    per_party = rt.groupby("party_id").phone_format.nunique()
    busy = rt.party_id.value_counts()
    busy = busy[busy >= 8].index
    assert (per_party.loc[busy] >= 2).mean() > 0.5
    formats = world.ex["parties"].phone.dropna()
    for pattern in (r"^\+86 1\d\d \d{4} \d{4}$", r"^0086-", r"^1\d{10}$", r"^\+852"):
        assert formats.str.contains(pattern).any(), pattern


def test_benign_hubs_grow_with_the_world(make_world, world):
    small, large = make_world(1000, world.settings.seed), world

    def hub_count(w, kind):
        tp = w.truth["true_parties"]
        return (tp.confounder_kind == kind).sum()

    assert hub_count(small, "integrator") == 5 and hub_count(large, "integrator") == 5
    assert hub_count(large, "registered_office") > 2 * hub_count(small, "registered_office")
    for w in (small, large):
        tp = w.truth["true_parties"]
        assert (tp.confounder_kind == "big_forwarder").sum() == 6 + w.settings.cases // 25_000


def _difficulty_profile(w) -> dict[str, float]:
    rt = w.truth["record_truth"]
    tp = w.truth["true_parties"]
    recs = rt.merge(tp[["party_id", "confounder_kind"]], on="party_id")
    ct = w.truth["case_truth"]
    return {
        "name variants": (rt.name_form != "usual").mean(),
        "address variants": (rt.address_form == "variant").mean(),
        "typos": rt.typo_in.notna().mean(),
        "placeholders": rt.placeholder_in.notna().mean(),
        "missing phones": w.ex["parties"].phone.isna().mean(),
        "hub-address records": recs.confounder_kind.isin(
            ["registered_office", "consolidation_warehouse"]
        ).mean(),
        "common names": (tp.confounder_kind == "common_name").mean(),
        "background cases": ct.network_id.isna().mean(),
    }


def test_difficulty_scales_variation_and_confounders(make_world):
    profiles = pd.DataFrame(
        {d: _difficulty_profile(make_world(1200, 5, d)) for d in ("easy", "realistic", "hard")}
    )
    for what, row in profiles.iterrows():
        assert row["easy"] < row["realistic"] < row["hard"], what
