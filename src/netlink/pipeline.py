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
from netlink.errors import ParameterError
from netlink.extract import Extract, LoadSettings, load_extract
from netlink.resolve import ResolveResult, ResolveSettings, resolve

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

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnalysisSettings:
        """Build settings from plain values (a parsed TOML file or ``run.parameters``)."""
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ParameterError(f"unknown settings sections {unknown}; known: {sorted(known)}")
        parts: dict[str, Any] = {}
        for name, value in data.items():
            stage_cls = {"load": LoadSettings, "resolve": ResolveSettings}[name]
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
        return {"load": self.load.to_dict(), "resolve": self.resolve.to_dict()}


@dataclass(frozen=True, eq=False)
class AnalysisResult:
    """What a run produced: the extract, the case-file tables and the run record."""

    extract: Extract
    resolution: ResolveResult
    tables: dict[str, pd.DataFrame]
    run: RunRecord
    case_file: Path | None


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
    with _stages(["load", "resolve"], progress) as bar:
        bar.set_postfix_str("load")
        extract = load_extract(source, settings.load)
        bar.update()
        bar.set_postfix_str("resolve")
        resolve_settings = replace(settings.resolve, seed=seed)
        resolution = resolve(extract.parties, resolve_settings, progress=progress)
        bar.update()
    # The resolved settings (max_date fixed) are what a rerun needs to repeat the run.
    settings = AnalysisSettings(load=extract.settings, resolve=resolve_settings)
    tables = {**extract_tables(extract), **resolution.tables()}
    run = RunRecord(
        input_path=str(source),
        input_sha256=extract.source.sha256,
        parameters=settings.to_dict(),
        seed=seed,
        started_at=run.started_at,
    )
    if out is not None:
        run = write_case_file(out, tables, run)
    return AnalysisResult(extract, resolution, tables, run, Path(out) if out is not None else None)
