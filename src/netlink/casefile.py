"""The case file: one DuckDB database holding a run's results (docs/case-file.md).

``SCHEMA`` is the single statement of every table and of the columns other tools may rely
on; stages may add columns after them. Writing is atomic: a case file appears complete
or not at all. Reading gives back the frames that were written.

Examples
--------
>>> import tempfile, pathlib
>>> from netlink.casefile import RunRecord, read_case_file, write_case_file
>>> run = RunRecord(input_path="x.duckdb", input_sha256="0" * 64, parameters={}, seed=0)
>>> path = pathlib.Path(tempfile.mkdtemp()) / "case.duckdb"
>>> _ = write_case_file(path, {}, run)
>>> case = read_case_file(path)
>>> case.run.seed, len(case.tables["entities"])
(0, 0)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from netlink._db import connect
from netlink._version import __version__
from netlink.contract import CONTRACT_VERSION, TABLES
from netlink.errors import CaseFileError

__all__ = [
    "CASE_FILE_VERSION",
    "RESULT_TABLES",
    "SCHEMA",
    "CaseFile",
    "ColumnSpec",
    "RunRecord",
    "read_case_file",
    "result_sha256",
    "schema_markdown",
    "write_case_file",
]

#: Bumped when a table or required column changes meaning; readers refuse newer files
#: and explain older ones.
CASE_FILE_VERSION = 1


@dataclass(frozen=True)
class ColumnSpec:
    """A column every case file has: name, DuckDB type, meaning."""

    name: str
    type: str
    doc: str


def _cols(*specs: tuple[str, str, str]) -> tuple[ColumnSpec, ...]:
    return tuple(ColumnSpec(*s) for s in specs)


def _contract_cols(table: str) -> tuple[ColumnSpec, ...]:
    t = TABLES[table]
    cols = [ColumnSpec(c.name, c.type, "contract column, normalised") for c in t.columns]
    return (*cols, ColumnSpec("_row", "BIGINT", "1-based row of the source table"))


#: table -> (meaning, required columns). Tables may carry further columns after these.
SCHEMA: dict[str, tuple[str, tuple[ColumnSpec, ...]]] = {
    "meta": (
        "file-level facts: schema version, contract version, netlink version",
        _cols(("key", "VARCHAR", "fact name"), ("value", "VARCHAR", "fact value")),
    ),
    "run": (
        "one row per run",
        _cols(
            ("netlink_version", "VARCHAR", "version of netlink that wrote the file"),
            ("input_path", "VARCHAR", "the extract as given"),
            ("input_sha256", "VARCHAR", "hash of the extract (files and mapping)"),
            ("parameters", "JSON", "every setting of every stage"),
            ("seed", "BIGINT", "the seed of every random step"),
            ("started_at", "TIMESTAMP", "UTC"),
            ("finished_at", "TIMESTAMP", "UTC"),
            ("result_sha256", "VARCHAR", "hash of the result tables (result_sha256())"),
        ),
    ),
    "load_report": (
        "per table: rows read = rows loaded + rows quarantined",
        _cols(
            ("table_name", "VARCHAR", "contract table"),
            ("rows_read", "BIGINT", "rows in the source"),
            ("rows_loaded", "BIGINT", "rows analysed"),
            ("rows_quarantined", "BIGINT", "rows in quarantine"),
            ("quarantined_by_reason", "JSON", "reason -> count"),
        ),
    ),
    "quarantine": (
        "every row that was not loaded, and why",
        _cols(
            ("table_name", "VARCHAR", "contract table"),
            ("row_key", "VARCHAR", "the row's id, or row:N when it has none"),
            ("row_number", "BIGINT", "1-based row in the source table"),
            ("reason", "VARCHAR", "machine-readable reason (netlink.extract.QUARANTINE_REASONS)"),
            ("column_name", "VARCHAR", "the column at fault"),
            ("detail", "VARCHAR", "what was expected and found"),
            ("raw", "JSON", "the row as read"),
        ),
    ),
    "load_issues": (
        "field-level problems on loaded rows (value set to NULL, alias applied)",
        _cols(
            ("table_name", "VARCHAR", "contract table"),
            ("row_key", "VARCHAR", "the row's id"),
            ("row_number", "BIGINT", "1-based row in the source table"),
            ("column_name", "VARCHAR", "the column"),
            ("issue", "VARCHAR", "bad_value, bad_country, negative_value, synonym, ..."),
            ("value", "VARCHAR", "the value as read"),
        ),
    ),
    "seizures": ("the loaded seizures (raw values in <column>_raw)", _contract_cols("seizures")),
    "parties": ("the loaded party records", _contract_cols("parties")),
    "goods": ("the loaded goods lines", _contract_cols("goods")),
    "legs": ("the loaded route legs", _contract_cols("legs")),
    "entities": (
        "resolved entities: parties, addresses, identifiers",
        _cols(
            ("entity_id", "VARCHAR", "stable id (P-, A-, I- prefix by kind)"),
            ("kind", "VARCHAR", "party, address, identifier"),
            ("canonical_name", "VARCHAR", "the name shown for the entity"),
        ),
    ),
    "entity_members": (
        "every loaded parties.record_id exactly once, with its party entity",
        _cols(
            ("record_id", "VARCHAR", "parties.record_id"),
            ("entity_id", "VARCHAR", "entities.entity_id"),
            ("score", "DOUBLE", "match probability of the record to its entity"),
        ),
    ),
    "merge_evidence": (
        "why two records were merged",
        _cols(
            ("entity_id", "VARCHAR", "the entity the merge made"),
            ("record_id_a", "VARCHAR", "a record"),
            ("record_id_b", "VARCHAR", "another record"),
            ("score", "DOUBLE", "match probability"),
            ("reasons", "JSON", "the comparisons that agreed, with their weights"),
        ),
    ),
    "attribute_members": (
        "party records to the address and identifier entities they use",
        _cols(
            ("record_id", "VARCHAR", "parties.record_id"),
            ("entity_id", "VARCHAR", "entities.entity_id of an address or identifier"),
            ("kind", "VARCHAR", "address or identifier"),
            ("field", "VARCHAR", "address, phone, email, tax_id, website"),
        ),
    ),
    "review_queue": (
        "the least certain merges and nearest misses, for an analyst to confirm",
        _cols(
            ("entity_id_a", "VARCHAR", "entity of record a"),
            ("entity_id_b", "VARCHAR", "entity of record b"),
            ("record_id_a", "VARCHAR", "a record"),
            ("record_id_b", "VARCHAR", "another record"),
            ("score", "DOUBLE", "match probability"),
            ("status", "VARCHAR", "merged or not merged"),
            (
                "why",
                "VARCHAR",
                "least certain merge, near miss, chain_guard, cannot_link",
            ),
            ("reasons", "JSON", "the comparisons, where known"),
        ),
    ),
    "analyst_links": (
        "the analyst's must-link / cannot-link decisions, and what became of each",
        _cols(
            ("decision", "VARCHAR", "must_link or cannot_link"),
            ("record_id_a", "VARCHAR", "a record"),
            ("record_id_b", "VARCHAR", "another record"),
            ("note", "VARCHAR", "the analyst's note"),
            ("status", "VARCHAR", "applied, or why not"),
        ),
    ),
    "match_weights": (
        "the estimated Fellegi-Sunter parameters (first row: lambda)",
        _cols(
            ("comparison", "VARCHAR", "name, phone, email, ..., or lambda"),
            ("level", "VARCHAR", "comparison level"),
            ("m", "DOUBLE", "P(level | match)"),
            ("u", "DOUBLE", "P(level | non-match) among candidates"),
            ("u_random", "DOUBLE", "P(level) among random pairs"),
            ("log2_bf", "DOUBLE", "match weight of the level"),
        ),
    ),
    "nodes": (
        "the link graph's nodes",
        _cols(
            ("node_id", "VARCHAR", "entity id, seizure id, place or brand node id"),
            ("kind", "VARCHAR", "seizure, party, address, identifier, place, brand, ..."),
            ("label", "VARCHAR", "display label"),
            ("subtype", "VARCHAR", "phone, email, tax_id, website for identifiers; else NULL"),
            ("n_records", "BIGINT", "source records behind the node's edges"),
            ("first_seen", "DATE", "earliest case behind the node"),
            ("last_seen", "DATE", "latest case behind the node"),
            ("is_hub", "BOOLEAN", "a courier, platform, shared office or placeholder (hubs)"),
            ("hub_reason", "VARCHAR", "why it is a hub; NULL when it is not"),
        ),
    ),
    "edges": (
        "the link graph's edges, each with the records that support it",
        _cols(
            ("source", "VARCHAR", "nodes.node_id"),
            ("target", "VARCHAR", "nodes.node_id"),
            ("kind", "VARCHAR", "edge type"),
            ("weight", "DOUBLE", "evidence weight"),
            ("record_ids", "VARCHAR[]", "the source records that support the edge"),
            ("n_records", "BIGINT", "number of record_ids"),
            ("first_seen", "DATE", "earliest case behind the edge"),
            ("last_seen", "DATE", "latest case behind the edge"),
        ),
    ),
    "hubs": (
        "hubs and near misses: parties, addresses and identifiers that link unrelated "
        "parties, kept in the graph but out of network cores (docs/networks.md)",
        _cols(
            ("node_id", "VARCHAR", "nodes.node_id"),
            ("kind", "VARCHAR", "node kind"),
            ("label", "VARCHAR", "display label"),
            ("is_hub", "BOOLEAN", "false for a near miss"),
            ("score", "DOUBLE", "0 to 1; 1 when a rule fires"),
            ("reason", "VARCHAR", "the rule that fired, in plain language"),
            ("decided_by", "VARCHAR", "rule, or analyst when an override file decided"),
        ),
    ),
    "networks": (
        "one row per network found",
        _cols(
            ("network_id", "VARCHAR", "stable network id"),
            ("n_entities", "BIGINT", "member party entities"),
            ("n_seizures", "BIGINT", "cases involving members"),
            ("first_seen", "DATE", "earliest case"),
            ("last_seen", "DATE", "latest case"),
            ("fingerprint", "VARCHAR", "hash of the sorted member ids"),
            ("cohesion", "DOUBLE", "share of the members' link weight that stays inside"),
            ("warning", "VARCHAR", "empty, or why the network is suspect (a missed hub)"),
        ),
    ),
    "network_notes": (
        "notes on the networks as a whole: why there are none, groups too small to count",
        _cols(("note", "VARCHAR", "plain-language note")),
    ),
    "network_profiles": (
        "one row per network: what it ships, when, from where to where, and who",
        _cols(
            ("network_id", "VARCHAR", "networks.network_id"),
            ("n_seizures", "BIGINT", "cases"),
            ("n_articles", "BIGINT", "articles seized"),
            ("value_eur", "DOUBLE", "declared or estimated value"),
            ("first_seen", "DATE", "earliest case"),
            ("last_seen", "DATE", "latest case"),
            ("span_days", "BIGINT", "days between the first and the last case"),
            ("brands", "VARCHAR[]", "most frequent first"),
            ("categories", "VARCHAR[]", "goods categories, most frequent first"),
            ("origin_countries", "VARCHAR[]", "most frequent first"),
            ("transit_places", "VARCHAR[]", "most frequent first"),
            ("destination_countries", "VARCHAR[]", "most frequent first"),
            ("transport_modes", "VARCHAR[]", "most frequent first"),
            ("entry_points", "VARCHAR[]", "places of first arrival in the reporting country"),
            ("main_parties", "VARCHAR[]", "best-scored members with their role"),
        ),
    ),
    "network_members": (
        "party entities in a network (hubs and one-off parties belong to none)",
        _cols(
            ("entity_id", "VARCHAR", "entities.entity_id"),
            ("network_id", "VARCHAR", "networks.network_id"),
        ),
    ),
    "roles": (
        "role scores of parties in networks, with reasons citing records",
        _cols(
            ("network_id", "VARCHAR", "networks.network_id"),
            ("entity_id", "VARCHAR", "entities.entity_id"),
            (
                "role",
                "VARCHAR",
                "manufacturer, front, seller, forwarder, distributor, "
                "assembly_site, drop_point, retail_buyer, hub",
            ),
            ("score", "DOUBLE", "0 to 1"),
            ("reason", "VARCHAR", "plain-language reason citing records"),
            ("rank", "BIGINT", "rank within the network and role, 1 is the likeliest"),
            ("record_ids", "VARCHAR", "up to ten party records behind the score"),
        ),
    ),
    "targets": (
        "recommended actions; network_id NULL for the overall ranking",
        _cols(
            ("network_id", "VARCHAR", "networks.network_id or NULL"),
            ("rank", "BIGINT", "1 is first"),
            ("entity_id", "VARCHAR", "the actor to act on"),
            ("impact", "DOUBLE", "share of the network's flow cut"),
            ("reason", "VARCHAR", "why, citing role, cases and links"),
            ("in_network", "VARCHAR", "the actor's network (also on overall rows)"),
            ("kind", "VARCHAR", "party, address or identifier"),
            ("label", "VARCHAR", "display name"),
            ("role", "VARCHAR", "the actor's best role in its network"),
            ("cost", "DOUBLE", "cost of acting on it (docs/targets.md)"),
            ("abroad", "BOOLEAN", "outside the reporting country of its cases"),
            ("flow_cut", "DOUBLE", "share of the flow this target cuts on its own turn"),
            ("flow_reach_after", "DOUBLE", "share of the flow still connected after it"),
            ("lcc_after", "DOUBLE", "largest connected piece after it, share of actors"),
            ("measure", "VARCHAR", "what the flow counts: cases, articles or value"),
            ("case_ids", "VARCHAR", "cases whose flow it cuts, comma-separated"),
        ),
    ),
    "target_summary": (
        "one row per network: its actor graph, flow, and what the targets cut",
        _cols(
            ("network_id", "VARCHAR", "networks.network_id"),
            ("n_actors", "BIGINT", "parties and shared addresses and identifiers"),
            ("n_cases", "BIGINT", "cases of the network"),
            ("flow_total", "DOUBLE", "source-to-destination flow"),
            ("measure", "VARCHAR", "what the flow counts"),
            ("flow_reach_after", "DOUBLE", "share of the flow left after all its targets"),
            ("n_targets", "BIGINT", "targets ranked"),
            ("note", "VARCHAR", "why there are fewer targets, if so"),
        ),
    ),
}

#: The tables that hold analysis results; their hash is the run's result_sha256.
RESULT_TABLES: tuple[str, ...] = (
    "load_report",
    "quarantine",
    "entities",
    "entity_members",
    "merge_evidence",
    "attribute_members",
    "nodes",
    "edges",
    "hubs",
    "networks",
    "network_members",
    "network_profiles",
    "roles",
    "targets",
    "target_summary",
)


def schema_markdown() -> str:
    """The schema as Markdown, as docs/case-file.md shows it (a test keeps them equal).

    Examples
    --------
    >>> print(schema_markdown().splitlines()[0])
    ### meta
    """
    parts = []
    for name, (doc, cols) in SCHEMA.items():
        rows = "\n".join(f"| `{c.name}` | {c.type} | {c.doc} |" for c in cols)
        parts.append(
            f"### {name}\n\n{doc}\n\n| column | type | meaning |\n| --- | --- | --- |\n{rows}\n"
        )
    return "\n".join(parts)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class RunRecord:
    """What a run was: inputs, parameters, seed, times.

    ``started_at`` defaults to the moment the record is made; ``finished_at`` and
    ``result_sha256`` are filled in by :func:`write_case_file`.
    """

    input_path: str
    input_sha256: str
    parameters: dict[str, Any]
    seed: int
    started_at: dt.datetime = field(default_factory=_utcnow)
    finished_at: dt.datetime | None = None
    result_sha256: str = ""
    netlink_version: str = __version__

    def frame(self) -> pd.DataFrame:
        """The run as a one-row frame in the ``run`` table's column order."""
        return pd.DataFrame(
            [
                {
                    "netlink_version": self.netlink_version,
                    "input_path": self.input_path,
                    "input_sha256": self.input_sha256,
                    "parameters": json.dumps(self.parameters, sort_keys=True, default=str),
                    "seed": int(self.seed),
                    "started_at": self.started_at,
                    "finished_at": self.finished_at,
                    "result_sha256": self.result_sha256,
                }
            ]
        )


@dataclass(frozen=True, eq=False)
class CaseFile:
    """A case file read back: its run record and every table as a frame."""

    path: Path
    run: RunRecord
    tables: Mapping[str, pd.DataFrame]
    version: int

    def __getitem__(self, table: str) -> pd.DataFrame:
        try:
            return self.tables[table]
        except KeyError:
            raise CaseFileError(f"{self.path.name} has no table {table!r}") from None


def result_sha256(tables: Mapping[str, pd.DataFrame]) -> str:
    """Hash the result tables' content (column names, then rows in order).

    Equal hashes mean identical results; this is what "reproduce" checks.

    Examples
    --------
    >>> a = {"entities": pd.DataFrame({"entity_id": ["P1"], "kind": ["party"]})}
    >>> result_sha256(a) == result_sha256({k: v.copy() for k, v in a.items()})
    True
    """
    h = hashlib.sha256()
    for name in RESULT_TABLES:
        df = tables.get(name)
        if df is None:
            continue
        h.update(f"{name}:{','.join(map(str, df.columns))}:{len(df)}\n".encode())
        if len(df):
            # Lists (edges.record_ids) are not hashable by pandas: hash their text form.
            canon = df.apply(
                lambda s: (
                    s.map(
                        lambda v: "|".join(map(str, v)) if isinstance(v, list | np.ndarray) else v
                    )
                    if s.dtype == object
                    else s
                )
            )
            h.update(pd.util.hash_pandas_object(canon, index=False).to_numpy().tobytes())
    return h.hexdigest()


def _prepare(name: str, df: pd.DataFrame | None) -> str:
    """SQL selecting the table with its required columns first, cast to their types."""
    specs = SCHEMA[name][1]
    if df is None:
        return (
            "SELECT "
            + ", ".join(f'CAST(NULL AS {s.type}) AS "{s.name}"' for s in specs)
            + " WHERE false"
        )
    missing = [s.name for s in specs if s.name not in df.columns]
    if missing:
        raise CaseFileError(
            f"cannot write table {name!r}: required columns {missing} are missing",
            hint="This is a netlink bug; please report it with the command you ran.",
        )
    required = {s.name for s in specs}
    items = [f'CAST(df."{s.name}" AS {s.type}) AS "{s.name}"' for s in specs]
    items += [f'df."{c}"' for c in df.columns if c not in required]
    return "SELECT " + ", ".join(items) + " FROM df"


def _frame_for_duckdb(df: pd.DataFrame) -> pd.DataFrame:
    # An all-NULL object column has no type DuckDB can infer; it is text.
    fixed = {
        c: df[c].astype("string")
        for c in df.columns
        if df[c].dtype == object and df[c].isna().all()
    }
    return df.assign(**fixed) if fixed else df


def write_case_file(
    path: str | Path, tables: Mapping[str, pd.DataFrame], run: RunRecord
) -> RunRecord:
    """Write a case file atomically; return the run record as written.

    Parameters
    ----------
    path
        The case file to (over)write.
    tables
        Frames by table name; tables of ``SCHEMA`` not given are written empty.
    run
        The run record; ``finished_at`` and ``result_sha256`` are set here.

    Raises
    ------
    CaseFileError
        A table is not in ``SCHEMA`` or lacks a required column.
    """
    path = Path(path)
    unknown = sorted(set(tables) - set(SCHEMA) - {"run", "meta"})
    if unknown:
        raise CaseFileError(f"cannot write unknown case-file tables {unknown}")
    run = RunRecord(
        input_path=run.input_path,
        input_sha256=run.input_sha256,
        parameters=run.parameters,
        seed=run.seed,
        started_at=run.started_at,
        finished_at=run.finished_at or _utcnow(),
        result_sha256=result_sha256(tables),
        netlink_version=run.netlink_version,
    )
    meta = pd.DataFrame(
        {
            "key": ["case_file_version", "contract_version", "netlink_version"],
            "value": [str(CASE_FILE_VERSION), str(CONTRACT_VERSION), __version__],
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # DuckDB creates the file itself
    try:
        with closing(connect(str(tmp))) as con:
            for name in SCHEMA:
                if name == "meta":
                    df = meta
                elif name == "run":
                    df = run.frame()
                else:
                    df = tables.get(name)
                if df is not None:
                    df = _frame_for_duckdb(df)
                    con.register("df", df)
                con.execute(f'CREATE TABLE "{name}" AS {_prepare(name, df)}')
                if df is not None:
                    con.unregister("df")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
    return run


def read_case_file(path: str | Path) -> CaseFile:
    """Read every table of a case file.

    Raises
    ------
    CaseFileError
        The file is missing, not a case file, or written by an incompatible version.
    """
    path = Path(path)
    if not path.exists():
        raise CaseFileError(f"no case file at {path}")
    try:
        con = connect(str(path), read_only=True)
    except duckdb.Error:
        raise CaseFileError(f"{path} is not a DuckDB case file") from None
    with closing(con):
        names = {
            r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        }
        if "meta" not in names or "run" not in names:
            raise CaseFileError(
                f"{path} is a DuckDB file but not a netlink case file (no meta/run tables)"
            )
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        version = int(meta.get("case_file_version", "0"))
        if version != CASE_FILE_VERSION:
            raise CaseFileError(
                f"{path.name} is a version {version} case file; this netlink "
                f"({__version__}) reads version {CASE_FILE_VERSION}",
                hint="Re-run `netlink analyze` on the extract with this version of netlink.",
            )
        missing = [t for t in SCHEMA if t not in names]
        if missing:
            raise CaseFileError(f"{path.name} lacks tables {missing}; it is incomplete or damaged")
        tables = {t: con.execute(f'SELECT * FROM "{t}"').df() for t in sorted(names)}
    r = tables["run"].iloc[-1]
    run = RunRecord(
        input_path=str(r["input_path"]),
        input_sha256=str(r["input_sha256"]),
        parameters=json.loads(r["parameters"]),
        seed=int(r["seed"]),
        started_at=pd.Timestamp(r["started_at"]).to_pydatetime(),
        finished_at=pd.Timestamp(r["finished_at"]).to_pydatetime(),
        result_sha256=str(r["result_sha256"]),
        netlink_version=str(r["netlink_version"]),
    )
    return CaseFile(path=path, run=run, tables=tables, version=version)
