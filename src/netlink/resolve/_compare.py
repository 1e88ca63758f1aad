"""Comparison levels of node pairs: names, identifiers, addresses, country.

String similarities run in DuckDB (Jaro-Winkler, token overlap, containment); the TF-IDF
cosine of character trigrams of the squashed name (robust to split and joined syllables
and to typos) runs on sparse matrices in chunks. Level 0 always means "no information".
"""

from __future__ import annotations

import re

import duckdb
import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfTransformer

from netlink.resolve._fs import Comparison

__all__ = [
    "COMPARISONS",
    "CONFLICT_LEVELS",
    "TF_COLUMNS",
    "compare_pairs",
    "identical_company_name",
    "name_levels",
    "name_vectors",
    "node_codes",
    "uncorroborated_store",
]

COMPARISONS: tuple[Comparison, ...] = (
    # Company and personal names are separate levels: "exact" means much more for a
    # trade name than for "Julia Richter", and EM learns each on its own.
    Comparison(
        "name",
        (
            "company_exact",
            "company_close",
            "company_contained",
            "person_exact",
            "person_close",
            "partial",
            "different",
        ),
        (0.35, 0.1, 0.05, 0.3, 0.1, 0.05, 0.05),
    ),
    # The industry words the core leaves out: equal, overlapping or disjoint.
    Comparison("name_detail", ("same", "overlap", "different"), (0.7, 0.2, 0.1)),
    Comparison("phone", ("exact", "different"), (0.8, 0.2)),
    Comparison("email", ("exact", "same_domain", "different"), (0.7, 0.15, 0.15)),
    Comparison("tax_id", ("exact", "different"), (0.9, 0.1)),
    Comparison("website", ("exact", "different"), (0.8, 0.2)),
    Comparison("address", ("exact", "same_road", "similar", "different"), (0.55, 0.2, 0.1, 0.15)),
    Comparison("country", ("same", "different"), (0.95, 0.05)),
)

#: The level of each comparison that contradicts a match (the two records disagree).
CONFLICT_LEVELS: dict[str, int] = {
    "name_detail": 3,
    "phone": 2,
    "email": 3,
    "tax_id": 2,
    "website": 2,
    "address": 4,
    "country": 2,
}


def identical_company_name(levels: np.ndarray) -> np.ndarray:
    """Pairs with the same company core and nothing that disagrees.

    Such pairs merge whatever the estimated prior: "UPS" written on 3,000 records with
    no other detail is UPS. Their probability otherwise rests on lambda, which EM
    estimates differently from one extract to the next, and the whole group would
    flip with it.
    """
    names = [c.name for c in COMPARISONS]
    conflict = np.zeros(len(levels), dtype=bool)
    for name, level in CONFLICT_LEVELS.items():
        conflict |= levels[:, names.index(name)] == level
    return (levels[:, 0] == 1) & ~conflict


#: The levels that corroborate a name: the same phone, e-mail, tax id, web store, or
#: address (exact or same road and number).
_CORROBORATING: dict[str, tuple[int, ...]] = {
    "phone": (1,),
    "email": (1,),
    "tax_id": (1,),
    "website": (1,),
    "address": (1, 2),
}


def uncorroborated_store(levels: np.ndarray, store: np.ndarray) -> np.ndarray:
    """Pairs with a store's name (``store``: either side) and no identifier or address in
    common: these never merge.

    Marketplace store names come from a small vocabulary, and sellers of unrelated
    networks carry the same one ("Super Sport Shop", "Super Sport"); a store is one
    party by its web store, phone, e-mail, IOSS number or address, not by its name.
    """
    names = [c.name for c in COMPARISONS]
    agree = np.zeros(len(levels), dtype=bool)
    for name, ok in _CORROBORATING.items():
        agree |= np.isin(levels[:, names.index(name)], ok)
    return np.asarray(store, dtype=bool) & ~agree


#: comparison index -> node column whose value frequency adjusts the exact level.
TF_COLUMNS: dict[int, str] = {
    0: "name_sq",
    2: "phone",
    3: "email",
    4: "tax",
    5: "web",
    6: "addr_key",
}

#: Name levels above this never merge automatically: sharing a surname or a word is a
#: link for the graph to show, not evidence of one party.
NAME_MERGEABLE = 5
_PERSON_OFFSET = 3  # company level + offset = the person level of the same kind

_CHUNK = 250_000
_WHITE_SPACES = re.compile(r"\s\s+")  # as scikit-learn's vectorisers


def name_vectors(names: pd.Series) -> sparse.csr_matrix:
    """L2-normalised TF-IDF vectors of character trigrams of each squashed name."""
    filled = names.fillna("").astype(str)
    if not (filled.str.len() >= 3).any():
        return sparse.csr_matrix((len(filled), 1), dtype=np.float32)
    # TfidfVectorizer's two steps, the trigrams counted once per distinct name: the
    # count matrix, and so the weights, are those of every name counted on its own.
    codes, distinct = pd.factorize(filled)
    return TfidfTransformer().fit_transform(_trigram_counts(distinct.tolist())[codes]).tocsr()


def _trigram_counts(docs: list[str]) -> sparse.csr_matrix:
    """Character trigram counts of ``docs``, the matrix of scikit-learn's
    ``CountVectorizer(analyzer="char", ngram_range=(3, 3), dtype=np.float32)`` to the bit,
    without its loop over every trigram in Python.

    As there, documents are lower-cased with runs of white space made one space;
    columns are the trigrams in sorted order, and within a row the entries keep the
    order in which their trigrams were first seen (the float sums over a row, and so
    the cosines, follow that order).
    """
    docs = [_WHITE_SPACES.sub(" ", d.lower()) for d in docs]
    grams = [d[k : k + 3] for d in docs for k in range(len(d) - 2)]
    per_doc = np.fromiter((max(len(d) - 2, 0) for d in docs), dtype=np.int64, count=len(docs))
    seen, vocab = pd.factorize(pd.Series(grams, dtype=object))  # codes in first-seen order
    rank = np.empty(len(vocab), dtype=np.int64)
    rank[sorted(range(len(vocab)), key=vocab.__getitem__)] = np.arange(len(vocab))
    rows = np.repeat(np.arange(len(docs)), per_doc)
    counts = sparse.csr_matrix(
        (np.ones(len(seen), dtype=np.float32), (rows, seen)),
        shape=(len(docs), len(vocab)),
        dtype=np.float32,
    )
    counts.sum_duplicates()
    counts.indices = rank[counts.indices].astype(counts.indices.dtype)
    counts.has_sorted_indices = False
    return counts


def _cosine(x: sparse.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    out = np.empty(len(i), dtype=np.float32)
    for start in range(0, len(i), _CHUNK):
        sl = slice(start, start + _CHUNK)
        out[sl] = np.asarray(x[i[sl]].multiply(x[j[sl]]).sum(axis=1)).ravel()
    return out


def _query_in_order(
    con: duckdb.DuckDBPyConnection, pairs: pd.DataFrame, sql: str
) -> dict[str, np.ndarray]:
    """Run ``sql`` over the pairs (as table ``_p`` with row number ``k``); columns as
    arrays in the order of ``pairs``, NULL as a masked value.

    The rows come back in any order and are put back by ``k``: cheaper than sorting
    millions of joined rows in SQL.
    """
    con.register("_p", pd.DataFrame({"k": np.arange(len(pairs)), "i": pairs["i"], "j": pairs["j"]}))
    try:
        cols = con.execute(sql.format(pairs="_p")).fetchnumpy()
    finally:
        con.unregister("_p")
    back = np.empty(len(pairs), dtype=np.int64)
    back[np.asarray(cols.pop("k"))] = np.arange(len(pairs))
    return {c: v[back] for c, v in cols.items()}


def _filled(values: np.ndarray, fill: object) -> np.ndarray:
    return np.ma.filled(values, fill) if np.ma.isMaskedArray(values) else np.asarray(values)


def name_levels(
    con: duckdb.DuckDBPyConnection,
    nodes: str,
    pairs: pd.DataFrame,
    vectors: sparse.csr_matrix,
    codes: dict[str, np.ndarray],
    *,
    mergeable_only: bool = False,
) -> pd.DataFrame:
    """The name level of each pair (columns i, j of ``pairs``): ``i, j, name``, in order.

    Computed first and on its own because most candidate pairs (those proposed by a
    shared phone or a common word) have unrelated names; they can never merge and need
    no further comparison. With ``mergeable_only``, the levels above
    :data:`NAME_MERGEABLE` are not told apart (all come back as "different"), which
    spares the token overlap, the dearest comparison. ``codes`` are the nodes'
    :func:`node_codes`.
    """
    i = pairs["i"].to_numpy(np.int64)
    j = pairs["j"].to_numpy(np.int64)
    name_a, name_b = codes["name_sq"][i], codes["name_sq"][j]
    null = (name_a < 0) | (name_b < 0)
    exact = (name_a == name_b) & ~null
    shared = ~(exact | null)
    shared[shared] = _overlaps(
        codes["person_keys"], codes["person_keys_sets"], i[shared], j[shared]
    )
    exact |= shared
    person = codes["is_person"][i] | codes["is_person"][j]
    # Only the levels of other names need the similarities, which depend on the two
    # names alone: each distinct (ordered) pair of names is compared once.
    need = np.flatnonzero(~(exact | null))
    width = int(codes["name_sq"].max(initial=0)) + 1
    _, first, inverse = np.unique(
        name_a[need].astype(np.int64) * width + name_b[need],
        return_index=True,
        return_inverse=True,
    )
    rep = pd.DataFrame({"i": i[need[first]], "j": j[need[first]]})
    sims = _query_in_order(
        con,
        rep,
        f"""SELECT
            p.k,
            jaro_winkler_similarity(a.name_sq, b.name_sq) AS name_jw,
            length(a.name_sq) >= 4 AND length(b.name_sq) >= 4
                AND (contains(a.name_sq, b.name_sq) OR contains(b.name_sq, a.name_sq)) AS name_contains
        FROM {{pairs}} p JOIN {nodes} a ON a.node = p.i JOIN {nodes} b ON b.node = p.j""",
    )
    inverse = inverse.ravel()
    # The cosine cannot change the level of an exact or a missing name: not computed.
    cos = np.zeros(len(i), dtype=np.float32)
    cos[need] = _cosine(vectors, rep["i"].to_numpy(), rep["j"].to_numpy())[inverse]
    jw = np.zeros(len(i))
    jw[need] = _filled(sims["name_jw"], 0)[inverse]
    contains = np.zeros(len(i), dtype=bool)
    contains[need] = _filled(sims["name_contains"], False).astype(bool)[inverse]
    name = np.full(len(i), 7, dtype=np.int8)
    if not mergeable_only:
        overlap = np.zeros(len(i))
        overlap[need] = _filled(
            _query_in_order(
                con,
                pd.DataFrame({"i": i[need], "j": j[need]}),
                f"""SELECT
                    p.k,
                    CASE WHEN len(a.name_tokens) > 0 AND len(b.name_tokens) > 0
                         THEN len(list_intersect(a.name_tokens, b.name_tokens))
                              / least(len(a.name_tokens), len(b.name_tokens)) END AS name_overlap
                FROM {{pairs}} p JOIN {nodes} a ON a.node = p.i JOIN {nodes} b ON b.node = p.j""",
            )["name_overlap"],
            0,
        )
        name[(cos >= 0.6) | (jw >= 0.88) | (overlap >= 0.5) | contains] = 6
    # One company name inside the other ("Xinghui" in "Baiyun Xinghui Leather"); a
    # given name inside a full name ("Hasan" in "Hasan Demir") is not enough.
    name[contains & ~person] = 3
    close = (cos >= 0.9) | (jw >= 0.95)
    name[close] = np.where(person[close], 2 + _PERSON_OFFSET, 2)
    name[exact] = np.where(person[exact], 1 + _PERSON_OFFSET, 1)
    name[null] = 0
    return pd.DataFrame({"i": i, "j": j, "name": name})


def _overlaps(lists: np.ndarray, sets: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Whether the lists of nodes ``i`` and ``j`` (codes ``lists`` of :func:`_list_codes`,
    their elements ``sets``) share an element; asked once per distinct pair of lists."""
    a, b = lists[i], lists[j]
    out = np.zeros(len(i), dtype=bool)
    both = np.flatnonzero((a >= 0) & (b >= 0))
    if len(both):
        width = len(sets)
        key, inverse = np.unique(a[both].astype(np.int64) * width + b[both], return_inverse=True)
        share = [
            not sets[x].isdisjoint(sets[y]) for x, y in zip(*np.divmod(key, width), strict=True)
        ]
        out[both] = np.array(share, dtype=bool)[inverse.ravel()]
    return out


def node_codes(nodes: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per node, what :func:`name_levels` and :func:`compare_pairs` read: an integer code
    per value of each column they test for equality (-1: missing, or an empty list), the
    elements of each list code (``<column>_sets``), the value shares and the flags.

    Parameters
    ----------
    nodes
        One row per node, in node order, with the columns of the ``nodes`` table.

    Returns
    -------
    dict
        Column name -> array with one entry per node.
    """
    coded = ("name_sq", "phone", "email", "email_domain", "tax", "web", "addr_key", "road_key")
    out = {c: pd.factorize(nodes[c])[0].astype(np.int32) for c in (*coded, "country")}
    # The city is compared with a missing one as a value of its own ('').
    out["addr_city"] = pd.factorize(nodes["addr_city"].fillna(""))[0].astype(np.int32)
    for c in ("name_industry", "person_keys"):
        out[c], out[f"{c}_sets"] = _list_codes(nodes[c].to_numpy())
    out |= {f"f_{c}": nodes[f"f_{c}"].to_numpy(np.float64) for c in TF_COLUMNS.values()}
    out |= {c: nodes[c].to_numpy(bool) for c in ("email_free", "name_weak", "is_person")}
    return out


def _list_codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A code per node for its list of strings (-1: empty), and each code's elements as
    a set. Records of one name share the list object, so each object is read once."""
    ids = np.fromiter(map(id, values), dtype=np.int64, count=len(values))
    _, first, inverse = np.unique(ids, return_index=True, return_inverse=True)
    lists = pd.Series([tuple(v) for v in values[first]], dtype=object)
    codes, distinct = pd.factorize(lists)
    codes[np.fromiter(map(len, lists), dtype=np.int64, count=len(lists)) == 0] = -1
    sets = np.array([frozenset(v) for v in distinct], dtype=object)
    return codes[inverse.ravel()].astype(np.int32), sets


def compare_pairs(
    con: duckdb.DuckDBPyConnection,
    nodes: str,
    pairs: pd.DataFrame,
    codes: dict[str, np.ndarray],
) -> tuple[np.ndarray, dict[int, np.ndarray]]:
    """Comparison levels of ``pairs`` (columns i, j, name), in the order of ``pairs``.

    ``name`` is the pair's name level from :func:`name_levels`; ``codes`` the nodes'
    :func:`node_codes`. Equality is tested on the codes; DuckDB computes only the
    address similarity of the pairs that need it. Returns the level matrix (n_pairs x
    len(COMPARISONS), int8) and, per comparison with a term-frequency adjustment, the
    frequency of the agreed value (NaN where none).
    """
    i = pairs["i"].to_numpy(np.int64)
    j = pairs["j"].to_numpy(np.int64)
    ends: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def end(c: str) -> tuple[np.ndarray, np.ndarray]:
        if c not in ends:
            ends[c] = codes[c][i], codes[c][j]
        return ends[c]

    def missing(c: str) -> np.ndarray:
        a, b = end(c)
        return (a < 0) | (b < 0)

    def same(c: str) -> np.ndarray:
        a, b = end(c)
        return (a == b) & (a >= 0)

    def exact_level(c: str) -> np.ndarray:
        return np.where(missing(c), 0, np.where(same(c), 1, 2)).astype(np.int8)

    levels = np.empty((len(pairs), len(COMPARISONS)), dtype=np.int8)
    levels[:, 0] = pairs["name"].to_numpy()
    detail = np.where(missing("name_industry"), 0, np.where(same("name_industry"), 1, 3))
    rest = np.flatnonzero(detail == 3)
    share = _overlaps(codes["name_industry"], codes["name_industry_sets"], i[rest], j[rest])
    detail[rest[share]] = 2
    levels[:, 1] = detail
    levels[:, 2] = exact_level("phone")
    # The same domain counts only where it is no free-mail provider's.
    email = np.where(same("email_domain") & ~codes["email_free"][i], 2, 3)
    levels[:, 3] = np.where(missing("email"), 0, np.where(same("email"), 1, email))
    levels[:, 4] = exact_level("tax")
    levels[:, 5] = exact_level("web")
    city_a, city_b = end("addr_city")
    road = same("road_key") & (city_a == city_b)
    addr = np.where(missing("addr_key"), 0, np.where(same("addr_key"), 1, np.where(road, 2, 4)))
    rest = np.flatnonzero(addr == 4)
    similar = _query_in_order(
        con,
        pd.DataFrame({"i": i[rest], "j": j[rest]}),
        f"""SELECT p.k, jaro_winkler_similarity(a.addr_key, b.addr_key) >= 0.92 AS similar
        FROM {{pairs}} p JOIN {nodes} a ON a.node = p.i JOIN {nodes} b ON b.node = p.j""",
    )["similar"]
    addr[rest[_filled(similar, False).astype(bool)]] = 3
    levels[:, 6] = addr
    levels[:, 7] = exact_level("country")
    # A frequent personal name is shared by many people; a frequent company name is
    # mostly one company written often: only the first is discounted.
    agreed = {c: same(c) for c in TF_COLUMNS.values()}
    agreed["name_sq"] &= codes["name_weak"][i]
    tf = {}
    for k, c in TF_COLUMNS.items():
        tf[k] = np.full(len(pairs), np.nan)
        tf[k][agreed[c]] = codes[f"f_{c}"][i[agreed[c]]]
    return levels, tf
