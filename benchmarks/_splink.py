"""Splink, set up as its documentation recommends, as a baseline for netlink's resolver.

Splink is an optional benchmark dependency (``pip install -e .[bench]``); this module
imports it only inside :func:`run_splink`, so importing the module never needs it.
"""

from __future__ import annotations

import logging
import time
import warnings
from dataclasses import dataclass
from typing import Any

import pandas as pd

__all__ = ["SplinkRun", "run_splink"]

# Name levels below an exact match: Jaro-Winkler for typos (stricter than NameComparison's
# 0.92, which is tuned for single forenames or surnames, not "forename surname" strings),
# then the business-rates example's token-frequency-product levels.
_NAME_JW = 0.95
_TOKEN_PRODUCT_LEVELS = (1e-10, 1e-8, 1e-6, 1e-4)
_RARE_TOKEN_FREQ = 0.01  # tokens rarer than this are blocking keys (business-rates example)
_RECALL = 0.6  # assumed recall of the deterministic rules, as in Splink's examples
_PRIOR_SAMPLE_RECORDS = 200_000  # above this, the prior's pair counts are sampled
_U_MAX_PAIRS = 1e7  # "often adequate" per estimate_u_using_random_sampling's docstring
_EM_MAX_PAIRS = 1e7  # EM samples a training block larger than this (Splink 5's max_pairs)

# netlink's normalised columns Splink reads (public ``normalize_parties`` output), renamed.
_NORMALISED = {
    "name_squashed": "name_clean",
    "name_core": "name_core",
    "address_key": "address_clean",
    "address_city": "city_clean",
    "phone_e164": "phone",
    "email_email": "email_clean",
    "tax_id_value": "tax_id_clean",
    "website": "website_clean",
}
# The prepared columns Splink compares; records equal on all of them are one profile.
_PROFILE_COLUMNS = (
    "name_clean",
    "address_clean",
    "city_clean",
    "country",
    "phone",
    "email_clean",
    "tax_id_clean",
    "website_clean",
)
# Columns with term-frequency adjustments (their lookups are computed over all records).
_TF_COLUMNS = tuple(c for c in _PROFILE_COLUMNS if c != "country")


@dataclass(frozen=True)
class SplinkRun:
    """What one Splink run produced and cost.

    Attributes
    ----------
    clusters
        One row per input record: ``record_id``, ``cluster_id``.
    seconds
        Wall time from the raw parties table to the clusters, including the data
        preparation done for Splink.
    n_pairs_scored
        Pairs Splink scored in ``predict``: the candidate pairs of distinct profiles that
        the blocking rules generated, plus one self-pair per repeated profile.
    settings_summary
        The version, the input size, comparisons, blocking rules and training steps.
    """

    clusters: pd.DataFrame
    seconds: float
    n_pairs_scored: int
    settings_summary: str


def _prepare_sql(table: str) -> str:
    """Feature engineering in DuckDB SQL, one row per record (``__prepared``).

    The normalised columns ('' as NULL), the name core's tokens each with its relative
    frequency over all records, and the two rarest tokens as blocking keys (the
    business-rates example).
    """
    cols = ",\n            ".join(
        f"nullif({c}, '') as {c}" for c in _NORMALISED.values() if c != "name_core"
    )
    return f"""
    create or replace table __prepared as
    with base as (
        select
            record_id as unique_id,
            {cols},
            nullif(country, '') as country,
            nullif(name_core, '') as name_core
        from {table}
    ),
    unnested as (
        select unique_id, unnest(string_split(name_core, ' ')) as token,
            generate_subscripts(string_split(name_core, ' '), 1) as pos
        from base where name_core is not null
    ),
    token_freq as (
        select token, count(*)::double / sum(count(*)) over () as rel_freq
        from unnested group by token
    ),
    tokens as (
        select u.unique_id,
            list(struct_pack(token := u.token, rel_freq := f.rel_freq) order by u.pos)
                as name_tokens_with_freq,
            list(u.token order by f.rel_freq, u.token)
                filter (where f.rel_freq < {_RARE_TOKEN_FREQ}) as rare_tokens
        from unnested u join token_freq f using (token)
        group by u.unique_id
    )
    select b.* exclude (name_core), t.name_tokens_with_freq,
        t.rare_tokens[1] as rare_token_1, t.rare_tokens[2] as rare_token_2
    from base b left join tokens t using (unique_id)
    """


def _profiles_sql() -> str:
    """Records equal on every compared column collapse to one profile (``__profiles``,
    id = smallest record id, ``n_records``); ``__record_profile`` maps records to it."""
    cols = ", ".join(_PROFILE_COLUMNS)
    return f"""
    create or replace table __record_profile as
    select unique_id as record_id,
        min(unique_id) over (partition by {cols}) as profile_id
    from __prepared;
    create or replace table __profiles as
    select p.* exclude (unique_id), p.unique_id, n.n_records
    from __prepared p
    join (select profile_id, count(*) as n_records from __record_profile group by 1) n
        on p.unique_id = n.profile_id;
    """


def _tf_product(col: str) -> str:
    """SQL: product of the relative frequencies of the name tokens two records share
    (1.0 when they share none); the business-rates example's word-level comparison."""
    return (
        f"list_reduce(list_concat(list_transform(list_intersect({col}_l, {col}_r), "
        "lambda x: x.rel_freq::double), [1.0::double]), lambda p, q: p * q)"
    )


def _settings() -> tuple[Any, list[Any], list[Any]]:
    """The Splink model: settings, deterministic rules for the prior, EM blocking rules."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    tokens = "name_tokens_with_freq"
    name = cl.CustomComparison(
        output_column_name="name",
        comparison_description="name: exact (tf), Jaro-Winkler, shared rare tokens",
        comparison_levels=[
            cll.NullLevel("name_clean"),
            cll.ExactMatchLevel("name_clean").configure(tf_adjustment_column="name_clean"),
            cll.JaroWinklerLevel("name_clean", _NAME_JW),
            *(
                cll.CustomLevel(
                    f"{_tf_product(tokens)} < {t:g}", f"shared name tokens, tf product < {t:g}"
                )
                for t in _TOKEN_PRODUCT_LEVELS
            ),
            cll.ElseLevel(),
        ],
    )
    comparisons = [
        name,
        cl.JaroWinklerAtThresholds("address_clean", [0.95, 0.88]).configure(
            term_frequency_adjustments=True
        ),
        cl.ExactMatch("city_clean").configure(term_frequency_adjustments=True),
        cl.ExactMatch("country"),
        cl.ExactMatch("phone").configure(term_frequency_adjustments=True),
        cl.ExactMatch("email_clean").configure(term_frequency_adjustments=True),
        cl.ExactMatch("tax_id_clean").configure(term_frequency_adjustments=True),
        cl.ExactMatch("website_clean").configure(term_frequency_adjustments=True),
    ]
    blocking = [
        block_on("phone"),
        block_on("email_clean"),
        block_on("tax_id_clean"),
        block_on("website_clean"),
        block_on("name_clean"),
        block_on("rare_token_1", "rare_token_2"),
        block_on("address_clean"),
    ]
    settings = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=blocking,
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )
    deterministic = [
        block_on("name_clean", "phone"),
        block_on("name_clean", "email_clean"),
        block_on("name_clean", "tax_id_clean"),
        block_on("name_clean", "address_clean"),
    ]
    em_rules = [block_on("name_clean"), block_on("phone"), block_on("tax_id_clean")]
    return settings, deterministic, em_rules


_SUMMARY = f"""\
inputs: netlink's normalised name core, address key, city, E.164 phone, e-mail, tax id, website, country
training on all records; prediction on distinct profiles (+ a self-pair per repeated profile), record term frequencies
name: null | exact (tf) | Jaro-Winkler >= {_NAME_JW} | shared-token tf product < {" / ".join(f"{t:g}" for t in _TOKEN_PRODUCT_LEVELS)} | else
address: JaroWinklerAtThresholds [0.95, 0.88], tf; city: ExactMatch, tf; country: ExactMatch
phone (E.164), email, tax id, website: ExactMatch, tf
blocking: phone | email | tax id | website | name | two rarest name tokens | address
prior: deterministic rules name + (phone | email | tax id | address), recall {_RECALL} (pair counts sampled above {_PRIOR_SAMPLE_RECORDS:,} records)
u: estimate_u_using_random_sampling(max_pairs={_U_MAX_PAIRS:g}); m: EM on blocks name, phone, tax id (max_pairs={_EM_MAX_PAIRS:g})
predict(threshold_match_probability) + cluster_pairwise_predictions_at_threshold"""


def run_splink(parties: pd.DataFrame, *, threshold: float = 0.9, seed: int = 0) -> SplinkRun:
    """Resolve party records with Splink's DuckDB backend, set up as its documentation
    recommends, and time it end to end.

    Parameters
    ----------
    parties
        netlink's loaded parties table (``Extract.parties``); ``record_id``,
        ``country`` and the identifying columns that
        :func:`netlink.resolve.normalize_parties` reads are used.
    threshold
        Match probability at which pairs are predicted and clustered.
    seed
        Seed for Splink's random sampling of pairs when estimating u.

    Returns
    -------
    SplinkRun
        Clusters (``record_id``, ``cluster_id``), wall time, pairs scored and settings.

    Notes
    -----
    Splink 4/5's API (``Linker(db_api.register(df), SettingsCreator(...))`` on a
    ``DuckDBAPI``), set up after Splink's own documentation:

    * The same normalised inputs netlink compares, from the public
      :func:`netlink.resolve.normalize_parties` (timed as part of the run): the name
      core without legal form, place or industry words and with Chinese characters in
      pinyin, squashed for the exact and Jaro-Winkler levels; the canonical address
      key and city; E.164 phones; e-mails, tax ids and websites canonicalised. The
      "Feature Engineering" topic guide
      (https://moj-analytical-services.github.io/splink/topic_guides/data_preparation/feature_engineering.html)
      asks for such cleaning before Splink; giving both tools the same keys compares
      the matching, not the cleaning.
    * Company names are a bag of words, which Splink's string comparators handle
      poorly (splink issue #1956, "Word-level similarity metric"), and term-frequency
      adjustment works only on exact matches (issue #2006). The documented answer is
      the business-rates example
      (https://moj-analytical-services.github.io/splink/demos/examples/duckdb_no_test/business_rates_match.html,
      from discussion #2022): tokenise the name core, attach each token's relative
      frequency, compare by the product of the frequencies of the shared tokens in
      levels, and block on the rarest tokens. Here those levels sit in one name
      comparison below an exact level (term-frequency adjusted) and a Jaro-Winkler
      level for typos, so one name is not counted as evidence twice.
    * Other comparisons from ``splink.comparison_library``: Jaro-Winkler at
      thresholds on the address, exact city and country, and exact phone, e-mail, tax
      id and website with term-frequency adjustments (a shared forwarder's phone is
      weaker evidence than a rare one;
      https://moj-analytical-services.github.io/splink/topic_guides/comparisons/term-frequency.html).
    * Training as in the "Deduplicate 50k rows" example
      (https://moj-analytical-services.github.io/splink/demos/examples/duckdb/deduplicate_50k_synthetic.html):
      ``estimate_probability_two_random_records_match`` from deterministic rules
      (recall 0.6; its pair counts sampled with ``record_sample_proportion`` above
      200,000 records, as its docstring suggests for very large data),
      ``estimate_u_using_random_sampling`` (1e7 pairs, seeded), then
      ``estimate_parameters_using_expectation_maximisation`` on blocks of name, phone
      and tax id, each estimating the comparisons it does not block on.
    * Equi-join blocking rules, checked with
      ``splink.blocking_analysis.count_comparisons_from_blocking_rules`` and tightened
      until about a million records give tens of millions of comparisons, as the
      blocking performance guide advises
      (https://moj-analytical-services.github.io/splink/topic_guides/blocking/performance.html):
      phone, e-mail, tax id, website, name, the two rarest name tokens, address. Looser
      rules (the first four letters of the name, or one rare token, with the country
      or the city) give hundreds of millions of pairs there.
    * The model is trained on the records, then predicts on profiles: records identical
      on every compared column, collapsed to one (a courier's repeated "DHL Express,
      DE" otherwise puts a billion pairs into one block at a million records). This
      changes no score and no cluster: the trained model is loaded into a second
      ``Linker`` on the profiles with the records' term-frequency lookups registered
      (``register_term_frequency_lookup``); each profile with several records is also
      scored against itself (a blocked pair ``(p, p)`` registered with
      ``register_blocked_pairs_for_predict``), so its records are merged exactly when
      Splink would merge two identical records; every record takes its profile's
      cluster. On a 10k-record synthetic extract it scored the same (pairwise and
      B-cubed) as a run on the records.
      EM samples training blocks above 1e7 pairs (``max_pairs``).
    * ``predict(threshold_match_probability=threshold)`` and
      ``cluster_pairwise_predictions_at_threshold`` (connected components).

    Splink's logging is silenced (``log_level=None``, the ``splink`` logger at ERROR)
    and restored afterwards.
    """
    import duckdb
    import splink
    from splink import DuckDBAPI, Linker

    from netlink.resolve import normalize_parties

    splink_logger = logging.getLogger("splink")
    old_level = splink_logger.level
    splink_logger.setLevel(logging.ERROR)
    start = time.perf_counter()
    con = duckdb.connect()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            norm = normalize_parties(parties)
            inputs = pd.DataFrame(
                {
                    "record_id": parties["record_id"].astype(str).to_numpy(),
                    "country": parties["country"].astype(object).to_numpy()
                    if "country" in parties.columns
                    else None,
                    **{
                        new: norm[old].astype(object).to_numpy()
                        for old, new in _NORMALISED.items()
                        if old in norm.columns
                    },
                }
            )
            for col in _NORMALISED.values():
                if col not in inputs.columns:
                    inputs[col] = None
            con.register("__inputs", inputs)
            con.execute(_prepare_sql("__inputs"))
            con.unregister("__inputs")
            del norm, inputs
            con.execute(_profiles_sql())
            n_profiles = con.execute("select count(*) from __profiles").fetchall()[0][0]

            db_api = DuckDBAPI(connection=con)
            settings, deterministic, em_rules = _settings()
            # Train on the records themselves, as Splink would without the collapse.
            trainer = Linker(
                db_api.register("__prepared", dataset_display_name="records"),
                settings,
                log_level=None,
            )
            trainer.training.estimate_probability_two_random_records_match(
                deterministic,
                recall=_RECALL,
                record_sample_proportion=min(1.0, _PRIOR_SAMPLE_RECORDS / max(len(parties), 1)),
            )
            trainer.training.estimate_u_using_random_sampling(max_pairs=_U_MAX_PAIRS, seed=seed)
            for rule in em_rules:
                trainer.training.estimate_parameters_using_expectation_maximisation(
                    rule, estimate_without_term_frequencies=True, max_pairs=_EM_MAX_PAIRS
                )
            # Predict on the profiles with that model and the records' term frequencies.
            linker = Linker(
                db_api.register("__profiles", dataset_display_name="profiles"),
                trainer.misc.save_model_to_json(),
                log_level=None,
            )
            for col in _TF_COLUMNS:
                tf = con.sql(
                    f"select {col}, count(*)::double / sum(count(*)) over () as tf_{col} "
                    f"from __prepared where {col} is not null group by {col}"
                )
                linker.table_management.register_term_frequency_lookup(
                    db_api.register(tf, table_name=f"__tf_lookup_{col}"), col
                )

            blocked = linker.inference.compute_blocked_pairs_for_predict()
            con.execute(
                f"""create table __pairs as
                select match_key, join_key_l, join_key_r from {blocked.physical_name}
                union all
                select '{len(settings.blocking_rules_to_generate_predictions)}',
                    unique_id, unique_id
                from __profiles where n_records > 1"""
            )
            n_pairs = con.execute("select count(*) from __pairs").fetchall()[0][0]
            linker.table_management.register_blocked_pairs_for_predict(
                db_api.register("__pairs", table_name="__pairs_for_predict")
            )
            predictions = linker.inference.predict(threshold_match_probability=threshold)
            clustered = linker.clustering.cluster_pairwise_predictions_at_threshold(
                predictions, threshold_match_probability=threshold
            )
            # A record takes its profile's cluster when the profile is linked to another
            # profile or to itself (its identical records match); otherwise it stands alone.
            clusters = con.sql(
                f"""
                with linked as (
                    select unique_id_l as id from {predictions.physical_name}
                    union select unique_id_r from {predictions.physical_name}
                )
                select r.record_id,
                    case when p.n_records = 1 or r.profile_id in (select id from linked)
                         then c.cluster_id else r.record_id end as cluster_id
                from __record_profile r
                join __profiles p on p.unique_id = r.profile_id
                join {clustered.physical_name} c on c.unique_id = r.profile_id
                order by r.record_id
                """
            ).df()
        seconds = time.perf_counter() - start
    finally:
        con.close()
        splink_logger.setLevel(old_level)
    summary = (
        f"splink {splink.__version__}, DuckDB backend, threshold {threshold:g}, seed {seed}\n"
        f"{len(parties):,} records -> {n_profiles:,} profiles; {n_pairs:,} pairs scored\n"
        f"{_SUMMARY}"
    )
    return SplinkRun(clusters, seconds, int(n_pairs), summary)
