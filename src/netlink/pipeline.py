"""The whole chain on one screen: extract, then every analysis stage, then the case file.

Examples
--------
>>> import tempfile, pathlib, datetime as dt
>>> from netlink.pipeline import AnalysisSettings, analyze
>>> from netlink.sample import sample_path
>>> out = pathlib.Path(tempfile.mkdtemp()) / "case.duckdb"
>>> settings = AnalysisSettings.from_dict({"load": {"max_date": "2026-01-01"}})
>>> result = analyze(sample_path(), out, settings, seed=1)
>>> result.run.seed
1
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from netlink.casefile import RunRecord, write_case_file
from netlink.cluster import ClusterSettings, Networks, find_networks
from netlink.errors import ParameterError
from netlink.extract import Extract, LoadSettings, load_extract
from netlink.graph import (
    GraphSettings,
    Hubs,
    HubSettings,
    LinkGraph,
    ProjectionSettings,
    build_graph,
    detect_hubs,
    project_parties,
)
from netlink.rank import Targets, TargetSettings, rank_targets
from netlink.resolve import ResolveResult, ResolveSettings, resolve
from netlink.roles import RoleSettings, profile_networks, score_roles

__all__ = ["AnalysisResult", "AnalysisSettings", "analyze", "extract_tables"]


@dataclass(frozen=True)
class AnalysisSettings:
    """Settings of every stage, as one value that is written into the case file.

    Examples
    --------
    >>> AnalysisSettings.from_dict({"load": {"strict": True}}).load.strict
    True
    """

    load: LoadSettings = field(default_factory=LoadSettings)
    resolve: ResolveSettings = field(default_factory=ResolveSettings)
    graph: GraphSettings = field(default_factory=GraphSettings)
    hubs: HubSettings = field(default_factory=HubSettings)
    projection: ProjectionSettings = field(default_factory=ProjectionSettings)
    cluster: ClusterSettings = field(default_factory=ClusterSettings)
    roles: RoleSettings = field(default_factory=RoleSettings)
    targets: TargetSettings = field(default_factory=TargetSettings)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnalysisSettings:
        """Build settings from plain values (a parsed TOML file or ``run.parameters``)."""
        unknown = sorted(set(data) - set(_SECTIONS))
        if unknown:
            raise ParameterError(f"unknown settings sections {unknown}; known: {sorted(_SECTIONS)}")
        parts: dict[str, Any] = {}
        for name, value in data.items():
            stage_cls = _SECTIONS[name]
            stage_fields = {f.name for f in fields(stage_cls)}
            bad = sorted(set(value) - stage_fields)
            if bad:
                raise ParameterError(
                    f"unknown settings {bad} in [{name}]; known: {sorted(stage_fields)}"
                )
            parts[name] = stage_cls(**value)
        return cls(**parts)

    @classmethod
    def from_toml(cls, path: str | Path) -> AnalysisSettings:
        """Read settings from a TOML file with one table per stage."""
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ParameterError(f"settings file {path} cannot be read: {exc}") from None
        return cls.from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name).to_dict() for f in fields(self)}


#: The settings section of each stage, in the order the stages run.
_SECTIONS: dict[str, type] = {f.name: f.default_factory for f in fields(AnalysisSettings)}  # type: ignore[misc]

#: The stages, as the progress bar names them.
STAGES = ("load", "resolve", "graph", "hubs", "networks", "roles", "profiles", "targets")


@dataclass(frozen=True, eq=False)
class AnalysisResult:
    """What a run produced: each stage's result, the case-file tables and the run record."""

    extract: Extract
    resolution: ResolveResult
    graph: LinkGraph
    hubs: Hubs
    networks: Networks
    targets: Targets
    tables: dict[str, pd.DataFrame]
    run: RunRecord
    case_file: Path | None

    def summary(self, top: int = 5) -> str:
        """What was found, in a few lines: entities, hubs, networks and the largest ones."""
        ents = self.resolution.entities["kind"].value_counts()
        hubs = self.tables["hubs"]
        nets = self.tables["networks"]
        lines = [
            f"entities: {ents.get('party', 0):,} parties from "
            f"{len(self.extract.parties):,} party records, {ents.get('address', 0):,} "
            f"addresses, {ents.get('identifier', 0):,} identifiers; "
            f"{len(self.tables['review_queue']):,} merges to review",
            f"hubs: {int(hubs['is_hub'].sum()):,} (couriers, platforms, shared offices, "
            "placeholders), kept out of network cores",
            f"networks: {len(nets):,}",
        ]
        if nets.empty:
            lines += [f"  {note}" for note in self.networks.notes]
            return "\n".join(lines)
        profiles = self.tables["network_profiles"].set_index("network_id")
        for r in nets.head(top).itertuples(index=False):
            p = profiles.loc[r.network_id]
            route = f"{'/'.join(p.origin_countries[:3])} -> {'/'.join(p.destination_countries[:3])}"
            lines.append(
                f"  {r.network_id}: {r.n_entities} parties, {r.n_seizures} cases, {route}, "
                f"{', '.join(p.brands[:3])}; {r.first_seen:%Y-%m-%d} to {r.last_seen:%Y-%m-%d}"
            )
        if len(nets) > top:
            lines.append(f"  ... and {len(nets) - top:,} more (see the case file)")
        overall = self.tables["targets"]
        overall = overall[overall["network_id"].isna()].head(top)
        if len(overall):
            lines.append("first targets overall (flow cut per cost; reasons in the case file):")
            lines += [
                f"  {r.rank}. {r.label} ({r.role or r.kind} in {r.in_network}); "
                f"flow cut so far {r.impact:.0%} of all networks'"
                for r in overall.itertuples(index=False)
            ]
        return "\n".join(lines)


def extract_tables(extract: Extract) -> dict[str, pd.DataFrame]:
    """The case-file tables that hold the loaded extract and its accounting."""
    return {
        "load_report": extract.report,
        "quarantine": extract.quarantine,
        "load_issues": extract.issues,
        "seizures": extract.seizures,
        "parties": extract.parties,
        "goods": extract.goods,
        "legs": extract.legs,
    }


@contextmanager
def _stages(names: list[str], progress: bool) -> Iterator[Any]:
    bar = tqdm(total=len(names), desc="analyse", unit="stage", disable=not progress, leave=False)
    try:
        yield bar
    finally:
        bar.close()


def analyze(
    source: str | Path,
    out: str | Path | None = None,
    settings: AnalysisSettings | None = None,
    *,
    seed: int = 0,
    progress: bool = False,
) -> AnalysisResult:
    """Run the pipeline on an extract and (optionally) write the case file.

    Parameters
    ----------
    source
        The extract (DuckDB file or folder of table files).
    out
        The case file to write; None to keep the result in memory only.
    settings
        Settings of every stage.
    seed
        Seed of every random step; the same input, settings and seed give the same
        result tables.
    progress
        Show a progress bar over the stages.
    """
    settings = settings or AnalysisSettings()
    if not isinstance(seed, int) or seed < 0:
        raise ParameterError(f"seed must be a non-negative integer, got {seed!r}")
    run = RunRecord(input_path=str(source), input_sha256="", parameters={}, seed=seed)
    with _stages(list(STAGES), progress) as bar:

        def step(name: str) -> None:
            bar.set_postfix_str(name)

        step("load")
        extract = load_extract(source, settings.load)
        bar.update()
        step("resolve")
        resolve_settings = replace(settings.resolve, seed=seed)
        resolution = resolve(extract.parties, resolve_settings, progress=progress)
        bar.update()
        step("graph")
        graph = build_graph(
            extract,
            resolution.entities,
            resolution.entity_members,
            resolution.attribute_members,
            settings.graph,
        )
        bar.update()
        step("hubs")
        hubs = detect_hubs(graph, settings.hubs, seed=seed)
        bar.update()
        step("networks")
        projection = project_parties(graph, hubs, settings.projection)
        networks = find_networks(graph, projection, settings.cluster, seed=seed)
        bar.update()
        step("roles")
        roles = score_roles(extract, graph, networks.network_members, hubs, settings.roles)
        bar.update()
        step("profiles")
        profiles = profile_networks(
            extract, graph, networks.networks, networks.network_members, roles
        )
        bar.update()
        step("targets")
        targets = rank_targets(
            extract, graph, networks.network_members, roles, hubs, settings.targets, seed=seed
        )
        bar.update()
    # The resolved settings (max_date fixed) are what a rerun needs to repeat the run.
    settings = replace(settings, load=extract.settings, resolve=resolve_settings)
    tables = {
        **extract_tables(extract),
        **resolution.tables(),
        **graph.tables(hubs.table),
        "hubs": hubs.table,
        **networks.tables(),
        "network_notes": pd.DataFrame({"note": list(networks.notes)}, dtype="string"),
        "roles": roles,
        "network_profiles": profiles,
        "targets": targets.table,
        "target_summary": targets.summary,
    }
    run = RunRecord(
        input_path=str(source),
        input_sha256=extract.source.sha256,
        parameters=settings.to_dict(),
        seed=seed,
        started_at=run.started_at,
    )
    if out is not None:
        run = write_case_file(out, tables, run)
    return AnalysisResult(
        extract,
        resolution,
        graph,
        hubs,
        networks,
        targets,
        tables,
        run,
        Path(out) if out is not None else None,
    )
