"""Candidate pairs (blocking): keys and blocks in DuckDB, the pairs of each block in NumPy;
never all pairs.

Every node (a distinct party profile) emits blocking keys under several rules: shared
phone, email, tax id or web store; the same squashed name core; the same personal-name
key; a rare name token or syllable pair; the same address key or road. Two nodes become a
candidate pair when they share a key. A key shared by at most ``block_cap`` nodes pairs
them all; a larger block (a courier's phone, a common name) pairs each node only with its
``window`` neighbours in name order (sorted neighbourhood), so the number of candidates
grows linearly with the records, not with the square of the largest block.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

__all__ = ["BLOCKING_RULES", "RULE_IDS", "candidate_pairs", "rule_names"]

#: rule name -> SQL giving the key from a row of ``nodes`` (NULL: no key).
BLOCKING_RULES: dict[str, str] = {
    "phone": "phone",
    "email": "email",
    "tax_id": "tax",
    "website": "web",
    "name": "CASE WHEN length(name_sq) >= 3 THEN name_sq END",
    "address": "addr_key",
    "road": "CASE WHEN road_key IS NOT NULL THEN road_key || '|' || coalesce(addr_city, '') END",
}


#: rule name -> bit in a pair's ``rules`` mask.
RULE_IDS: dict[str, int] = {name: k for k, name in enumerate([*BLOCKING_RULES, "person", "token"])}
_RULE_BITS = 5  # a rule id fits in five bits


def candidate_pairs(
    con: duckdb.DuckDBPyConnection,
    nodes: str,
    tokens: str,
    *,
    block_cap: int,
    window: int,
    token_max_df: int,
) -> pd.DataFrame:
    """Candidate node pairs with the rules that proposed them.

    Parameters
    ----------
    con
        A connection holding the ``nodes`` table (node, name_sq, phone, email, tax, web,
        person_key, addr_key, road_key, addr_city) and the ``tokens`` table (node, token)
        of name tokens and syllable pairs.
    block_cap, window
        Blocks up to ``block_cap`` nodes pair fully; larger ones by a sliding window.
    token_max_df
        Name tokens held by more nodes than this are too common to block on.

    Returns
    -------
    DataFrame
        ``i < j`` node indices and ``rules`` (a bit mask of the rules that proposed the
        pair, see :func:`rule_names`), sorted by (i, j).
    """
    union = " UNION ALL ".join(
        f"SELECT node, {RULE_IDS[rule]} AS rule, {expr} AS key, name_sq FROM {nodes} "
        f"WHERE ({expr}) IS NOT NULL"
        for rule, expr in BLOCKING_RULES.items()
    )
    # Keys held by one node pair nothing and are most keys: they are dropped by a hash
    # aggregate before the window sort; each block then joins on an integer id.
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _keys AS
        WITH k AS (
            {union}
            UNION ALL
            SELECT node, {RULE_IDS["person"]}, unnest(person_keys), name_sq FROM {nodes}
            UNION ALL
            SELECT t.node, {RULE_IDS["token"]}, t.token, n.name_sq FROM {tokens} t JOIN {nodes} n USING (node)
            WHERE t.token IN (
                SELECT token FROM {tokens} GROUP BY token HAVING count(DISTINCT node) <= {int(token_max_df)}
            )
        ), d AS (SELECT DISTINCT node, rule, key, name_sq FROM k),
        b AS (
            SELECT rule, key, count(*) AS bsize, row_number() OVER () AS block
            FROM d GROUP BY rule, key HAVING count(*) > 1
        )
        SELECT d.node, d.rule, b.block, b.bsize,
               row_number() OVER (PARTITION BY b.block ORDER BY d.name_sq, d.node) AS rn
        FROM d JOIN b USING (rule, key)"""
    )
    cols = con.execute("SELECT node, rule, bsize, rn FROM _keys ORDER BY block, rn").fetchnumpy()
    node, rule, bsize, rn = (np.asarray(cols[c], dtype=np.int64) for c in cols)
    # Each key pairs with the next ``reach`` keys of its block (rows come in block order):
    # all of them in a small block, ``window`` in a large one.
    after = bsize - rn
    reach = np.where(bsize <= block_cap, after, np.minimum(after, window))
    width = int(node.max()) + 1 if len(node) else 1
    # One integer per pair and rule, (i * width + j) << _RULE_BITS | rule; sorted, the
    # pairs come out in (i, j) order, each with its rules or-ed, cheaper than a GROUP BY
    # and a sort of its millions of rows.
    parts = []
    for off in range(1, int(reach.max(initial=0)) + 1):
        a = np.flatnonzero(reach >= off)
        x, y = node[a], node[a + off]
        parts.append((np.minimum(x, y) * width + np.maximum(x, y)) << _RULE_BITS | rule[a])
    key = np.sort(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)
    pair = key >> _RULE_BITS
    first = np.flatnonzero(np.diff(pair, prepend=-1))
    bits = np.left_shift(1, key & ((1 << _RULE_BITS) - 1))
    rules = np.bitwise_or.reduceat(bits, first) if len(key) else bits
    i, j = np.divmod(pair[first], width)
    return pd.DataFrame({"i": i, "j": j, "rules": rules.astype(np.int32)})


def rule_names(mask: int) -> list[str]:
    """The names of the blocking rules in a ``rules`` bit mask.

    >>> rule_names((1 << RULE_IDS["phone"]) | (1 << RULE_IDS["token"]))
    ['phone', 'token']
    """
    return [name for name, bit in RULE_IDS.items() if mask >> bit & 1]
