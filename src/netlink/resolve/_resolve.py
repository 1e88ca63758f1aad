"""Entity resolution end to end: normalise, collapse, block, compare, score, cluster.

The work is done on *nodes*, the distinct party profiles (identical normalised name,
address, phone, email, tax id, web store and country), because seizure extracts repeat the
same party the same way thousands of times. A profile with nothing but a name is not
collapsed (two "Wang Wei" with no other detail are not evidently one person): each such
record is a node of its own and must earn its merge like any pair.
"""

from __future__ import annotations

import hashlib
import json
import time
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
from tqdm.auto import tqdm

from netlink._db import connect, frame
from netlink.errors import ParameterError
from netlink.resolve._block import candidate_pairs, rule_names
from netlink.resolve._cluster import cluster_pairs
from netlink.resolve._columns import _distinct
from netlink.resolve._compare import (
    COMPARISONS,
    NAME_MERGEABLE,
    TF_COLUMNS,
    compare_pairs,
    identical_company_name,
    name_levels,
    name_vectors,
    node_codes,
    uncorroborated_store,
)
from netlink.resolve._fs import FSModel, explain, fit_fs, probabilities
from netlink.resolve._links import read_links
from netlink.resolve._prepare import PROFILE_COLUMNS, STRONG_COLUMNS, prepare_records
from netlink.resolve._syllables import syllable_pairs

__all__ = ["ResolveResult", "ResolveSettings", "resolve"]

#: Record columns holding lists, given to DuckDB per node rather than per record.
_LIST_COLUMNS = ("name_tokens", "name_industry", "person_keys")
_FLAG_COLUMNS = ("isolate", "is_person", "name_weak", "name_store", "email_free")


@dataclass(frozen=True)
class ResolveSettings:
    """Settings of entity resolution.

    Parameters
    ----------
    threshold
        Match probability at or above which two profiles merge. The default is set for
        precision first: a false merge invents links between networks (see
        docs/entity-resolution.md for what it costs in recall).
    links
        The analyst's must-link / cannot-link CSV file, applied on every run.
    block_cap, window, token_max_df
        Blocking: blocks up to ``block_cap`` nodes pair fully, larger ones within a
        sliding window; name tokens on more than ``token_max_df`` nodes are not keys.
    random_pairs
        Random record pairs drawn (with ``seed``) to estimate non-match probabilities.
    min_support, support_ratio, strong
        The chaining guard (netlink.resolve._cluster).
    review_size
        How many of the least certain merges and near misses to list for review.
    seed
        Seed of the random-pair sample.
    workers
        Processes to use; None: the available cores, 1: this process only. The result
        does not depend on it. Small extracts stay in one process whatever it says.
    """

    threshold: float = 0.9
    links: Path | None = None
    block_cap: int = 50
    window: int = 8
    token_max_df: int = 200
    random_pairs: int = 300_000
    max_em_iterations: int = 60
    min_support: int = 2
    support_ratio: float = 0.1
    strong: float = 0.99999
    review_size: int = 100
    seed: int = 0
    workers: int | None = None

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise ParameterError(f"threshold must be between 0 and 1, got {self.threshold}")
        if self.workers is not None and self.workers < 1:
            raise ParameterError(f"workers must be at least 1, got {self.workers}")
        if self.links is not None and not isinstance(self.links, Path):
            object.__setattr__(self, "links", Path(self.links))

    def to_dict(self) -> dict[str, Any]:
        """The settings a case file records: those that shape the result (not ``workers``)."""
        d = asdict(self)
        d["links"] = str(self.links) if self.links else None
        del d["workers"]
        return d


@dataclass(frozen=True, eq=False)
class ResolveResult:
    """Entities with their members, the evidence of every merge, and what to review.

    Attributes
    ----------
    entities
        ``entity_id, kind, canonical_name, confidence, n_records, subtype, country``:
        party entities (``P-``), address entities (``A-``), identifier entities (``I-``).
    entity_members
        ``record_id, entity_id, score, reason``: every party record exactly once.
    merge_evidence
        ``entity_id, record_id_a, record_id_b, score, reasons, kind``: one row per merge.
    attribute_members
        ``record_id, entity_id, kind, field``: records to their address and identifier
        entities.
    review
        The least certain merges and the nearest misses, for an analyst to confirm.
    analyst_links
        The must-link / cannot-link decisions and what became of each.
    model
        The estimated Fellegi-Sunter parameters.
    stats
        Counts and timings of each step.
    """

    entities: pd.DataFrame
    entity_members: pd.DataFrame
    merge_evidence: pd.DataFrame
    attribute_members: pd.DataFrame
    review: pd.DataFrame
    analyst_links: pd.DataFrame
    model: FSModel | None
    stats: dict[str, Any] = field(default_factory=dict)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The case-file tables of this stage."""
        return {
            "entities": self.entities,
            "entity_members": self.entity_members,
            "merge_evidence": self.merge_evidence,
            "attribute_members": self.attribute_members,
            "review_queue": self.review,
            "analyst_links": self.analyst_links,
            "match_weights": self.model.frame() if self.model is not None else None,
        }


def _stable_id(prefix: str, text: str) -> str:
    return prefix + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def resolve(
    parties: pd.DataFrame,
    settings: ResolveSettings | None = None,
    *,
    progress: bool = False,
) -> ResolveResult:
    """Resolve party records into entities.

    Parameters
    ----------
    parties
        The loaded ``parties`` table (``Extract.parties``).
    settings
        Resolution settings.
    progress
        Show a progress bar over the steps.

    Returns
    -------
    ResolveResult

    Examples
    --------
    >>> import pandas as pd
    >>> parties = pd.DataFrame({
    ...     "record_id": ["R1", "R2", "R3"], "seizure_id": ["S1", "S2", "S3"],
    ...     "role": ["consignor"] * 3,
    ...     "name": ["Guangzhou Xinghui Leather Co., Ltd", "GUANG ZHOU XING HUI LEATHER CO.,LTD",
    ...              "Meier Schuhhandel GmbH"],
    ...     "phone": ["+86 138 0013 8000", "0086-13800138000", None],
    ...     "country": ["CN", "CN", "DE"]})
    >>> r = resolve(parties)
    >>> r.entity_members.groupby("entity_id").size().sort_values().tolist()
    [1, 2]
    """
    settings = settings or ResolveSettings()
    stats: dict[str, Any] = {}
    bar = tqdm(total=8, desc="resolve", unit="step", disable=not progress, leave=False)
    t0 = time.perf_counter()

    def step(name: str) -> None:
        nonlocal t0
        now = time.perf_counter()
        stats[f"seconds_{name}"] = round(now - t0, 3)
        t0 = now
        bar.set_postfix_str(name)
        bar.update()

    links = read_links(settings.links)
    linked = set(links["record_id_a"]) | set(links["record_id_b"])
    recs = prepare_records(parties, isolate=linked, workers=settings.workers)
    step("normalise")
    try:
        with closing(connect()) as con:
            result = _resolve_records(con, recs, links, settings, stats, step)
    finally:
        bar.close()
    return result


def _resolve_records(
    con: duckdb.DuckDBPyConnection,
    recs: pd.DataFrame,
    links: pd.DataFrame,
    settings: ResolveSettings,
    stats: dict[str, Any],
    step,
) -> ResolveResult:
    n_rec = len(recs)
    stats["records"] = n_rec
    # List columns stay out of DuckDB's scan of the records (converting a million Python
    # lists is slow); each node takes its first record's lists below. Value frequencies
    # are counted here: six window counts in SQL cost several times more.
    freqs = {f"f_{c}": _value_share(recs[c]) for c in TF_COLUMNS.values()}
    flat = recs.drop(columns=list(_LIST_COLUMNS)).assign(pos=np.arange(n_rec), **freqs)
    # A text column with no value at all (no record has a usable name) would reach DuckDB
    # untyped, and its string functions could not be chosen: it is typed as text, and the
    # flags as flags (an empty table gives them no type either).
    empty = [c for c in flat.columns if flat[c].dtype == object and flat[c].isna().all()]
    flags = [c for c in _FLAG_COLUMNS if c in flat.columns]
    flat = flat.astype(dict.fromkeys(empty, pd.StringDtype("pyarrow")) | dict.fromkeys(flags, bool))
    # Nodes: one per distinct profile; a record with a weak name or none and no strong
    # field is its own node. The profile is an integer code of the profile columns
    # (factorised, cheaper than ranking them in SQL): records join nodes on it. A
    # profile's columns are equal on all its records, and records come sorted by id
    # (pos), so nodes are numbered by their first record with integers alone.
    strong = np.zeros(n_rec, dtype=bool)
    for c in STRONG_COLUMNS:
        strong |= flat[c].notna().to_numpy()
    weak = flat["name_weak"].to_numpy() | flat["name_sq"].isna().to_numpy()
    solo = flat["isolate"].to_numpy() | (weak & ~strong)
    solo_id = flat["record_id"].where(solo)  # a solo record's profile is its id alone
    flat["profile"] = _distinct([*(flat[c] for c in PROFILE_COLUMNS), solo_id])[0]
    con.register("recs_df", flat)
    con.execute("CREATE TABLE recs AS SELECT * FROM recs_df")
    con.unregister("recs_df")
    # A profile's columns (and so their value shares) are those of its first record:
    # read from it, not aggregated string by string.
    firsts = ", ".join(f"r.{c}" for c in PROFILE_COLUMNS)
    shares = ", ".join(f"r.f_{c}" for c in TF_COLUMNS.values())
    con.execute(
        f"""CREATE TEMP TABLE nodes0 AS
        WITH g AS (
            SELECT profile, min(pos) AS first_pos, count(*) AS n_records,
                   bool_or(is_person) AS is_person, bool_or(name_weak) AS name_weak,
                   bool_or(name_store) AS name_store, arg_min(name_number, record_id) AS name_number
            FROM recs GROUP BY profile
        )
        SELECT (row_number() OVER (ORDER BY g.first_pos) - 1)::BIGINT AS node, g.profile, {firsts},
               r.record_id AS first_record, g.first_pos, g.n_records, {shares},
               g.is_person, g.name_weak, g.name_store, g.name_number
        FROM g JOIN recs r ON r.pos = g.first_pos"""
    )
    con.execute(
        """CREATE TEMP TABLE rec_node AS
        SELECT r.record_id, n.node FROM recs r JOIN nodes0 n USING (profile)
        ORDER BY r.record_id"""
    )
    nodes = frame(con, "SELECT * FROM nodes0 ORDER BY node")
    first_pos = nodes["first_pos"].to_numpy()
    lists = {"node": pa.array(nodes["node"].to_numpy())}
    for c in _LIST_COLUMNS:
        values = nodes[c] = recs[c].to_numpy()[first_pos]
        # Records of one name share its list object (prepare_records): each distinct
        # object is converted once.
        ids = np.fromiter(map(id, values), dtype=np.int64, count=len(values))
        _, first, inverse = np.unique(ids, return_index=True, return_inverse=True)
        distinct = pa.array(values[first].tolist(), type=pa.list_(pa.string()))
        lists[c] = distinct.take(pa.array(inverse.ravel()))
    con.register("lists_df", pa.table(lists))
    con.execute("CREATE TEMP TABLE nodes AS SELECT * FROM nodes0 JOIN lists_df USING (node)")
    con.unregister("lists_df")
    con.execute("DROP TABLE nodes0")
    n_nodes = len(nodes)
    stats["nodes"] = n_nodes
    step("profiles")

    # Name tokens of three letters or more and syllable pairs, the fuzzy blocking keys.
    con.register("syllables_df", _syllable_pairs(nodes["name_sq"]))
    con.execute(
        """CREATE TEMP TABLE tokens AS
        SELECT DISTINCT node, token FROM (
            SELECT node, token FROM (SELECT node, unnest(name_tokens) AS token FROM nodes)
            WHERE length(token) >= 3
            UNION ALL
            SELECT n.node, unnest(s.pairs) FROM nodes n JOIN syllables_df s USING (name_sq)
        )"""
    )
    con.unregister("syllables_df")
    step("tokens")

    pairs = candidate_pairs(
        con,
        "nodes",
        "tokens",
        block_cap=settings.block_cap,
        window=settings.window,
        token_max_df=settings.token_max_df,
    )
    stats["candidate_pairs"] = len(pairs)
    step("block")

    vectors = name_vectors(nodes["name_sq"])
    codes = node_codes(nodes)
    names = name_levels(con, "nodes", pairs, vectors, codes, mergeable_only=True)
    # Unrelated names never merge on shared details alone: a front company that shares
    # the factory's phone is a link in the graph, not the same entity. Only pairs whose
    # names could merge are compared further, and EM learns from them alone, so that
    # "shares a phone" does not become the signature of a match.
    keep = (names["name"] <= NAME_MERGEABLE).to_numpy()
    pairs = pairs[keep].reset_index(drop=True)
    stats["mergeable_pairs"] = len(pairs)
    levels, tf = compare_pairs(con, "nodes", names[keep], codes)
    rng = np.random.default_rng(settings.seed)
    rec_nodes = con.execute("SELECT node FROM rec_node").df()["node"].to_numpy()
    m = min(settings.random_pairs, max(n_rec * 4, 0))
    if n_rec >= 2 and m > 0:
        ra = rec_nodes[rng.integers(0, n_rec, m)]
        rb = rec_nodes[rng.integers(0, n_rec, m)]
        ok = ra != rb
        rand = pd.DataFrame({"i": np.minimum(ra, rb)[ok], "j": np.maximum(ra, rb)[ok]})
    else:
        rand = pd.DataFrame({"i": np.array([], dtype=np.int64), "j": np.array([], dtype=np.int64)})
    random_names = name_levels(con, "nodes", rand, vectors, codes)
    random_levels, _ = compare_pairs(con, "nodes", random_names, codes)
    step("compare")

    if len(pairs):
        model = fit_fs(levels, random_levels, COMPARISONS, max_iter=settings.max_em_iterations)
        weights = model.weights(levels, tf, tf_floor=1.0 / max(n_rec, 1))
        prob = probabilities(weights, model.prior_weight())
    else:
        model, weights, prob = None, np.zeros((0, len(COMPARISONS))), np.zeros(0)
    store = nodes["name_store"].to_numpy(bool)
    no_store_match = uncorroborated_store(
        levels, store[pairs["i"].to_numpy()] | store[pairs["j"].to_numpy()]
    )
    by_rule = (
        identical_company_name(levels) & ~no_store_match if len(pairs) else np.zeros(0, dtype=bool)
    )
    score_for_merge = np.where(by_rule, np.maximum(prob, settings.threshold), prob)
    score_for_merge[no_store_match] = 0.0
    stats["store_name_only_pairs"] = int(no_store_match.sum())
    stats["pairs_by_rule"] = int(by_rule.sum())
    pairs = pairs.assign(by_rule=by_rule)
    step("score")

    # The address and identifier entities need the records only: DuckDB builds them on a
    # second connection to the database while the clusters are built in Python.
    with ThreadPoolExecutor(max_workers=1) as pool:
        attributes = pool.submit(_attributes, con.cursor())
        # Nodes of the records in analyst decisions only: a lookup of every record is slow.
        linked = sorted(set(links["record_id_a"]) | set(links["record_id_b"]))
        node_of = dict(
            con.execute(
                "SELECT record_id, node FROM rec_node WHERE record_id IN (SELECT unnest(?::VARCHAR[]))",
                [linked],
            ).fetchall()
        )
        must, cannot, link_status = _constraints(links, node_of)
        i = pairs["i"].to_numpy()
        j = pairs["j"].to_numpy()

        def codes(column: str) -> np.ndarray:
            return pd.factorize(nodes[column], use_na_sentinel=True)[0]

        clusters = cluster_pairs(
            n_nodes,
            i,
            j,
            score_for_merge,
            settings.threshold,
            must=must,
            cannot=cannot,
            min_support=settings.min_support,
            support_ratio=settings.support_ratio,
            strong=settings.strong,
            # A party has one web store, and a store one number in its name.
            exclusive=[codes(c) for c in ("web", "name_number")],
            # Two same-name parties in different cities, or at different addresses of
            # one city: see netlink.resolve._cluster.
            cities=codes("addr_city"),
            addresses=codes("addr_key"),
            records=nodes["n_records"].to_numpy(),
            contacts=[codes(c) for c in ("phone", "email", "web")],
            borrowable=[codes("tax")],
        )
        stats["merges"] = len(clusters.merges)
        stats["refused_merges"] = len(clusters.refused)
        step("cluster")

        result = _assemble(
            con,
            nodes,
            clusters,
            pairs,
            levels,
            weights,
            prob,
            model,
            links,
            link_status,
            attributes,
            settings,
            stats,
        )
    step("entities")
    return result


def _value_share(values: pd.Series) -> np.ndarray:
    """Per record, the share of records holding its value (missing values as one value)."""
    codes, _ = pd.factorize(values, use_na_sentinel=False)
    return np.bincount(codes)[codes] / float(max(len(values), 1))


def _syllable_pairs(names: pd.Series) -> pa.Table:
    """``name_sq, pairs``: the syllable pairs of each distinct squashed name that has any."""
    squashed = names.dropna().unique().tolist()  # Python strings: read many times below
    pairs = [syllable_pairs(q) for q in squashed]
    keep = [k for k, p in enumerate(pairs) if p]
    return pa.table(
        {
            "name_sq": pa.array([squashed[k] for k in keep], type=pa.string()),
            "pairs": pa.array([pairs[k] for k in keep], type=pa.list_(pa.string())),
        }
    )


def _constraints(
    links: pd.DataFrame, node_of: dict[str, int]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[str]]:
    must, cannot, status = [], [], []
    for decision, a, b in links[["decision", "record_id_a", "record_id_b"]].itertuples(index=False):
        na, nb = node_of.get(a), node_of.get(b)
        if na is None or nb is None:
            missing = a if na is None else b
            status.append(f"not applied: record {missing} is not in this extract")
            continue
        (must if decision == "must_link" else cannot).append((na, nb))
        status.append("applied")
    return must, cannot, status


def _assemble(
    con: duckdb.DuckDBPyConnection,
    nodes: pd.DataFrame,
    clusters,
    pairs: pd.DataFrame,
    levels: np.ndarray,
    weights: np.ndarray,
    prob: np.ndarray,
    model: FSModel | None,
    links: pd.DataFrame,
    link_status: list[str],
    attributes: Future[tuple[pd.DataFrame, pd.DataFrame]],
    settings: ResolveSettings,
    stats: dict[str, Any],
) -> ResolveResult:
    labels = clusters.labels
    n_nodes = len(nodes)
    first_record = nodes["first_record"].to_numpy()
    # Entity id from the smallest record id of the cluster: stable across reruns.
    uniq, inverse = np.unique(labels, return_inverse=True)
    entity_ids = np.array([_stable_id("P-", first_record[lab]) for lab in uniq], dtype=object)
    node_entity = entity_ids[inverse.ravel()]

    # Member score: a node's strongest merge inside its entity; 1.0 when it stands alone.
    node_score = np.ones(n_nodes)
    merges = clusters.merges
    if len(merges):
        mi = merges[:, 0].astype(np.int64)
        mj = merges[:, 1].astype(np.int64)
        ms = merges[:, 2]
        best = np.zeros(n_nodes)
        np.maximum.at(best, mi, ms)
        np.maximum.at(best, mj, ms)
        multi = np.bincount(labels, minlength=n_nodes)[labels] > 1
        node_score = np.where(multi, best, 1.0)
    con.register(
        "node_info",
        pd.DataFrame({"node": nodes["node"], "entity_id": node_entity, "node_score": node_score}),
    )
    members = frame(
        con,
        """SELECT r.record_id, ni.entity_id, ni.node_score AS score,
                  CASE WHEN rc.name_reason <> '' AND rc.name_sq IS NULL THEN rc.name_reason ELSE '' END AS reason
        FROM rec_node r JOIN node_info ni USING (node) JOIN recs rc USING (record_id)
        ORDER BY r.record_id""",
    )

    # Canonical name: the most frequent written name, Latin script first, then the
    # shortest, then the alphabetically first (every tie is broken, so reruns agree).
    entities = frame(
        con,
        """WITH m AS (
            SELECT ni.entity_id, rc.record_id, rc.display_name, rc.country, rc.is_person,
                   rc.display_name IS NOT NULL AND regexp_matches(rc.display_name, '^[\\x00-\\x7F]+$') AS latin
            FROM rec_node r JOIN node_info ni USING (node) JOIN recs rc USING (record_id)
        ), names AS (
            SELECT entity_id, display_name, latin, count(*) AS n FROM m
            WHERE display_name IS NOT NULL GROUP BY ALL
        ), best AS (
            SELECT entity_id, display_name AS canonical_name FROM names
            QUALIFY row_number() OVER (
                PARTITION BY entity_id
                ORDER BY latin DESC, n DESC, length(display_name), display_name) = 1
        ), countries AS (
            SELECT entity_id, country FROM m WHERE country IS NOT NULL
            GROUP BY entity_id, country
            QUALIFY row_number() OVER (PARTITION BY entity_id ORDER BY count(*) DESC, country) = 1
        ), agg AS (
            SELECT entity_id, count(*) AS n_records,
                   CASE WHEN bool_and(is_person) THEN 'person'
                        WHEN bool_or(is_person) THEN 'unknown' ELSE 'company' END AS subtype
            FROM m GROUP BY entity_id
        )
        SELECT a.entity_id, 'party' AS kind, coalesce(b.canonical_name, '(no name)') AS canonical_name,
               a.n_records, a.subtype, c.country
        FROM agg a LEFT JOIN best b USING (entity_id) LEFT JOIN countries c USING (entity_id)
        ORDER BY a.entity_id""",
    )
    conf = pd.Series(1.0, index=entities["entity_id"])
    if len(merges):
        ent_of_merge = node_entity[merges[:, 0].astype(np.int64)]
        weakest = pd.Series(merges[:, 2]).groupby(ent_of_merge).min()
        conf.loc[weakest.index] = weakest.to_numpy()
    entities.insert(3, "confidence", conf.loc[entities["entity_id"]].to_numpy())

    pe = _PairEvidence(pairs, levels, weights, model)
    evidence = _evidence(con, nodes, clusters, pe, node_entity, first_record)
    review = _review(clusters, pairs, prob, pe, node_entity, first_record, settings)
    attrs, attr_entities = attributes.result()
    entities = pd.concat([entities, attr_entities], ignore_index=True)
    analyst = (
        links.assign(status=link_status)
        if len(links)
        else links.assign(status=pd.Series(dtype=object))
    )
    stats["entities"] = int((entities["kind"] == "party").sum())
    con.unregister("node_info")
    return ResolveResult(
        entities=entities.reset_index(drop=True),
        entity_members=members,
        merge_evidence=evidence,
        attribute_members=attrs,
        review=review,
        analyst_links=analyst,
        model=model,
        stats=stats,
    )


class _PairEvidence:
    """Look up a candidate pair's comparisons and turn them into a reasons JSON."""

    def __init__(self, pairs, levels, weights, model) -> None:
        # Pairs come sorted by (i, j); a pair is found by binary search on i * n + j.
        self.n = int(pairs[["i", "j"]].to_numpy().max()) + 1 if len(pairs) else 1
        self.keys = pairs["i"].to_numpy(np.int64) * self.n + pairs["j"].to_numpy(np.int64)
        self.rules = pairs["rules"].to_numpy(np.int64)
        self.by_rule = (
            pairs["by_rule"].to_numpy(bool) if "by_rule" in pairs else np.zeros(len(pairs), bool)
        )
        self.levels, self.weights, self.model = levels, weights, model

    def reasons_many(self, a: np.ndarray, b: np.ndarray) -> list[str]:
        """Reasons of many pairs at once: each distinct piece of evidence is written once."""
        a, b = np.minimum(a, b).astype(np.int64), np.maximum(a, b).astype(np.int64)
        out = ["{}"] * len(a)
        if self.model is None or not len(a):
            return out
        key = a * self.n + b
        k = np.searchsorted(self.keys, key)
        found = (b < self.n) & (k < len(self.keys))
        found[found] = self.keys[k[found]] == key[found]
        idx = np.flatnonzero(found)
        for pos, text in zip(idx.tolist(), self._texts(k[idx]), strict=True):
            out[pos] = text
        return out

    def _texts(self, k: np.ndarray) -> list[str]:
        """The reasons of pairs ``k``, as ``json.dumps(..., sort_keys=True)`` writes them.

        Merges repeat a few values of each comparison: the text of each key is written
        once per distinct value (weights by their bits, as they are exact floats), and
        a pair's text joins those of its keys in key order.
        """
        if not len(k):
            return []
        model = self.model
        n_comp = self.levels.shape[1]
        parts: dict[str, np.ndarray] = {}
        for c, comparison in enumerate(model.comparisons):
            level, weight = self.levels[k, c], self.weights[k, c]
            codes, first = _distinct([pd.Series(level), pd.Series(weight.view(np.int64))])
            texts = []
            for f in first.tolist():
                levels_row, weights_row = np.zeros(n_comp, np.int64), np.zeros(n_comp)
                levels_row[c], weights_row[c] = level[f], weight[f]
                texts.append(_members(explain(model, levels_row, weights_row)))
            parts[comparison.name] = np.array(texts, dtype=object)[codes]
        rules, codes = np.unique(self.rules[k], return_inverse=True)
        blocked = [_members({"blocked_on": rule_names(int(r))}) for r in rules.tolist()]
        parts["blocked_on"] = np.array(blocked, dtype=object)[codes.ravel()]
        parts["rule"] = np.full(len(k), "", dtype=object)
        parts["rule"][self.by_rule[k]] = _members(
            {"rule": "identical company name, nothing disagrees"}
        )
        joined = np.full(len(k), "", dtype=object)
        for name in sorted(parts):
            joined = joined + parts[name]
        # Pairs of equal evidence share one text object, as memory goes.
        codes, distinct = pd.factorize(joined)
        texts = np.array(["{" + text[2:] + "}" for text in distinct.tolist()], dtype=object)
        return texts[codes].tolist()


def _members(d: dict[str, Any]) -> str:
    """The members of ``d`` as ``json.dumps(d, sort_keys=True)`` writes them, after ", "."""
    text = json.dumps(d, sort_keys=True)[1:-1]
    return ", " + text if text else ""


def _evidence(con, nodes, clusters, pe: _PairEvidence, node_entity, first_record) -> pd.DataFrame:
    """One row per merge: node merges with their comparisons, identical profiles as such."""
    merges = clusters.merges
    a = merges[:, 0].astype(np.int64)
    b = merges[:, 1].astype(np.int64)
    reasons = np.array(pe.reasons_many(a, b), dtype=object)
    reasons[np.array(clusters.merge_kind) == "must_link"] = json.dumps({"analyst": "must_link"})
    ev = pd.DataFrame(
        {
            "entity_id": node_entity[a],
            "record_id_a": first_record[a],
            "record_id_b": first_record[b],
            "score": merges[:, 2].astype(np.float64),
            "reasons": reasons,
            "kind": np.array(clusters.merge_kind, dtype=object),
        }
    )
    # Records that share one profile are merged because every normalised field is equal.
    con.register(
        "node_ent",
        pd.DataFrame(
            {"node": nodes["node"], "entity_id": node_entity, "first_record": first_record}
        ),
    )
    same = frame(
        con,
        """SELECT ne.entity_id, ne.first_record AS record_id_a, r.record_id AS record_id_b,
                  1.0::DOUBLE AS score, '{"identical_profile": true}' AS reasons, 'identical' AS kind
        FROM rec_node r JOIN node_ent ne USING (node) WHERE r.record_id <> ne.first_record""",
    )
    con.unregister("node_ent")
    out = pd.concat([ev, same], ignore_index=True)
    # Sorted by DuckDB (several times faster on strings), ties in concatenation order.
    keys = out[["entity_id", "record_id_a", "record_id_b"]].assign(pos=np.arange(len(out)))
    con.register("ev_keys", keys)
    order = con.execute(
        "SELECT pos FROM ev_keys ORDER BY entity_id, record_id_a, record_id_b, pos"
    ).fetchnumpy()["pos"]
    con.unregister("ev_keys")
    return out.take(np.asarray(order)).reset_index(drop=True)


def _review(
    clusters, pairs, prob, pe: _PairEvidence, node_entity, first_record, settings
) -> pd.DataFrame:
    """The least certain merges, refused merges and nearest misses, most doubtful first."""
    rows: list[tuple[int, int, float, str, str]] = []
    scored = clusters.merges[np.array(clusters.merge_kind, dtype=object) == "score"]
    # The weakest first, ties by (i, j): a sort of the merges' columns, not of tuples.
    order = np.lexsort((scored[:, 1], scored[:, 0], scored[:, 2]))
    for a, b, s in scored[order[: settings.review_size]].tolist():
        rows.append((int(a), int(b), s, "merged", "least certain merge"))
    for (a, b, s), why in zip(clusters.refused.tolist(), clusters.refused_why, strict=True):
        rows.append((int(a), int(b), s, "not merged", why))
    if len(pairs):
        i = pairs["i"].to_numpy()
        j = pairs["j"].to_numpy()
        entity = pd.factorize(node_entity)[0]  # integers compare faster than the ids
        near = (prob < settings.threshold) & (prob >= 0.5) & (entity[i] != entity[j])
        idx = np.flatnonzero(near)
        idx = idx[np.lexsort((j[idx], i[idx], -prob[idx]))][: settings.review_size]
        for k in idx:
            rows.append((int(i[k]), int(j[k]), prob[k], "not merged", "near miss"))
    a = np.array([r[0] for r in rows], dtype=np.int64)
    b = np.array([r[1] for r in rows], dtype=np.int64)
    reasons = pe.reasons_many(a, b)  # all at once: one lookup, each distinct text once
    out = [
        (node_entity[x], node_entity[y], first_record[x], first_record[y], float(s), st, why, r)
        for (x, y, s, st, why), r in zip(rows, reasons, strict=True)
    ]
    cols = [
        "entity_id_a",
        "entity_id_b",
        "record_id_a",
        "record_id_b",
        "score",
        "status",
        "why",
        "reasons",
    ]
    return pd.DataFrame(out, columns=cols)


def _attributes(con: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Addresses and identifiers as entities of their own, with the records that use them.

    An identifier entity is one normalised value (E.164 phone, lower-case e-mail, tax id,
    web store); an address entity one address key, or one address key and postcode where
    records give the key with two postcodes or more ("Via Mazzini 109, 61373 Milano" and
    "Via Mazzini 109, 83981 Milano" are two houses; a record without the postcode then
    stays apart from both), and likewise with its country where records give two ("50
    Palm Rd" in Dubai and in Singapore: the key leaves out a city that names a country
    too). A key written without its building or city joins the one key that agrees on
    everything it gives and fills in what it leaves out ("Room 2114, No. 1928 Huanshi E
    Ave, Yiwu" and "Room 2114, Block D, No. 1928 Huanshi E Ave, Yiwu"); where two keys
    could fill it in (Block C and Block D), or their postcodes disagree, it stays on its
    own. Its name is the most frequent way the records wrote it (ties: the alphabetically
    first). ``con`` (a cursor of its own, as this runs in a thread) is closed at the end.
    """
    _complete_address_keys(con)
    con.execute(
        """CREATE OR REPLACE TEMP TABLE attr AS
        WITH a AS (
            SELECT r.record_id, r.address_text, r.addr_postcode, r.country,
                   coalesce(f.fuller, r.addr_key) AS addr_key
            FROM recs r LEFT JOIN addr_fill f ON f.key = r.addr_key
            WHERE r.addr_key IS NOT NULL
        ),
        pc AS (
            SELECT addr_key, count(DISTINCT addr_postcode) AS n_postcodes,
                   count(DISTINCT country) AS n_countries
            FROM a GROUP BY addr_key
        ),
        v AS (
            SELECT record_id, 'address' AS kind, 'address' AS field,
                   addr_key
                   || CASE WHEN n_countries >= 2 THEN '|c:' || coalesce(country, '') ELSE '' END
                   || CASE WHEN n_postcodes >= 2 THEN '|' || coalesce(addr_postcode, '') ELSE '' END
                   AS value,
                   coalesce(address_text, addr_key) AS label
            FROM a JOIN pc USING (addr_key)
            UNION ALL SELECT record_id, 'identifier', 'phone', phone, phone FROM recs WHERE phone IS NOT NULL
            UNION ALL SELECT record_id, 'identifier', 'email', email, email FROM recs WHERE email IS NOT NULL
            UNION ALL SELECT record_id, 'identifier', 'tax_id', tax, tax FROM recs WHERE tax IS NOT NULL
            UNION ALL SELECT record_id, 'identifier', 'website', web, web FROM recs WHERE web IS NOT NULL
        )
        SELECT record_id, (CASE WHEN kind = 'address' THEN 'A-' ELSE 'I-' END)
                   || substr(sha256(field || ':' || value), 1, 12) AS entity_id,
               kind, field, label
        FROM v"""
    )
    members = frame(
        con,
        "SELECT record_id, entity_id, kind, field FROM attr ORDER BY record_id, field, entity_id",
    )
    ents = frame(
        con,
        """WITH labels AS (
            SELECT entity_id, kind, field, label, count(*) AS n FROM attr GROUP BY ALL
        )
        SELECT entity_id, kind, arg_max(label, (n, -rank_label)) AS canonical_name,
               1.0::DOUBLE AS confidence, sum(n)::BIGINT AS n_records,
               CASE WHEN kind = 'address' THEN '' ELSE field END AS subtype,
               CAST(NULL AS VARCHAR) AS country
        FROM (SELECT *, dense_rank() OVER (PARTITION BY entity_id ORDER BY label) AS rank_label FROM labels)
        GROUP BY entity_id, kind, field ORDER BY entity_id""",
    )
    con.close()
    return members, ents


def _complete_address_keys(con: duckdb.DuckDBPyConnection) -> None:
    """``addr_fill(key, fuller)``: the address keys that are completed, and to what.

    Keys are ``unit|floor|building|number|road|city|rest`` (``AddressKey.key``). A key
    with a number and a road but no building or no city is completed to the one fuller
    key (one that nothing fills in further) that agrees on all its other parts, if it
    names a room or both give the same postcode: "No. 29 Renmin Road" without a city or
    postcode could be in any city. With no such key, or two or more, the key stays as
    written. A key completed to one written in another country is told apart from it
    again by the country, in :func:`_attributes`.
    """
    con.execute(
        """CREATE OR REPLACE TEMP TABLE addr_fill AS
        WITH k AS (
            SELECT addr_key, f[1] AS unit, f[3] AS building, f[6] AS city, n_pc, pc,
                   f[1] || '|' || f[2] || '|' || f[4] || '|' || f[5] || '|' || f[7] AS fixed
            FROM (
                SELECT addr_key, string_split(addr_key, '|') AS f,
                       count(DISTINCT addr_postcode) AS n_pc, min(addr_postcode) AS pc
                FROM recs WHERE addr_key IS NOT NULL GROUP BY addr_key
            )
            WHERE len(f) = 7 AND f[4] <> '' AND f[5] <> ''
        ),
        fills AS (
            SELECT a.addr_key AS key, b.addr_key AS fuller
            FROM k a JOIN k b USING (fixed)
            WHERE (a.building = '' OR a.building = b.building)
              AND (a.city = '' OR a.city = b.city)
              AND ((a.building = '' AND b.building <> '') OR (a.city = '' AND b.city <> ''))
              AND (a.n_pc = 0 OR b.n_pc = 0 OR (a.n_pc = 1 AND b.n_pc = 1 AND a.pc = b.pc))
              AND (a.unit <> '' OR (a.n_pc = 1 AND b.n_pc = 1 AND a.pc = b.pc))
        )
        SELECT key, min(fuller) AS fuller FROM fills
        WHERE fuller NOT IN (SELECT key FROM fills)
        GROUP BY key HAVING count(*) = 1"""
    )
