"""The ``netlink`` command: a thin layer over the library.

Errors a user can act on are printed as one message and a fix, never a traceback; the
exit status is 2 for them, 1 for an internal error, 130 for an interrupt.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from netlink._version import __version__
from netlink.errors import NetlinkError
from netlink.extract import LoadSettings

__all__ = ["main"]

EXIT_USER_ERROR = 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def _nonneg_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {value}")
    return value


def _positive_int(text: str) -> int:
    value = _nonneg_int(text)
    if value == 0:
        raise argparse.ArgumentTypeError("expected a number >= 1")
    return value


def _add_load_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("extract", type=Path, help="DuckDB file, or folder of .parquet/.csv tables")
    p.add_argument("--mapping", type=Path, help="TOML mapping for another system's layout")
    p.add_argument(
        "--strict", action="store_true", help="stop at the first bad row instead of quarantining it"
    )
    p.add_argument(
        "--max-date",
        type=_date,
        help="latest accepted seizure_date (default: today; recorded in the case file)",
    )


def _add_pseudonymise_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--pseudonymise",
        action="store_true",
        help="replace names and identifiers by keyed HMAC-SHA256 digests (docs/briefings.md)",
    )
    p.add_argument(
        "--key-file", type=Path, help="key for --pseudonymise (default: $NETLINK_PSEUDONYMISE_KEY)"
    )


def _load_settings(args: argparse.Namespace, base: LoadSettings | None = None) -> LoadSettings:
    b = base or LoadSettings()
    return LoadSettings(
        strict=args.strict or b.strict,
        min_date=b.min_date,
        max_date=args.max_date or b.max_date,
        mapping=args.mapping or b.mapping,
    )


def _print_quarantine(quarantine, limit: int = 3) -> None:
    if quarantine.empty:
        return
    print("\nquarantined rows (first of each reason; all are in the quarantine table):")
    for (table, reason), group in quarantine.groupby(["table_name", "reason"], sort=True):
        for r in group.head(limit).itertuples(index=False):
            print(f"  {table} row {r.row_number} ({r.row_key}): {reason}: {r.detail}")
        if len(group) > limit:
            print(f"  {table}: {len(group) - limit:,} more {reason}")


def cmd_load(args: argparse.Namespace) -> int:
    from netlink.extract import load_extract

    ex = load_extract(args.extract, _load_settings(args))
    print(f"extract {ex.source.path} ({ex.source.kind}, sha256 {ex.source.sha256[:12]}...)")
    print(ex.summary())
    _print_quarantine(ex.quarantine)
    if len(ex.issues):
        counts = ex.issues.groupby(["table_name", "column_name", "issue"]).size()
        print("\nfield issues on loaded rows (value kept as raw, normalised value NULL or mapped):")
        for (table, column, issue), n in counts.items():
            print(f"  {table}.{column}: {issue} {n:,}")
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        ex.report.to_csv(args.report, index=False)
        print(f"\nload report written to {args.report}")
    return 0


def cmd_analyze(args: argparse.Namespace) -> int:
    from netlink.pipeline import AnalysisSettings, analyze

    base = AnalysisSettings.from_toml(args.settings) if args.settings else AnalysisSettings()
    settings = dataclasses.replace(base, load=_load_settings(args, base.load))
    result = analyze(args.extract, args.out, settings, seed=args.seed, progress=not args.quiet)
    print(result.extract.summary())
    _print_quarantine(result.extract.quarantine)
    print(f"\n{result.summary()}")
    print(f"\ncase file written to {args.out} (result sha256 {result.run.result_sha256[:12]}...)")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from netlink.brief import write_briefing
    from netlink.pipeline import analyze
    from netlink.sample import sample_path

    out = args.out / "case.duckdb"
    result = analyze(sample_path(), out, seed=args.seed, progress=not args.quiet)
    print("netlink demo: the bundled sample extract (data/sample)\n")
    print(result.extract.summary())
    _print_quarantine(result.extract.quarantine)
    print(f"\n{result.summary()}")
    print(f"\ncase file: {out}")
    networks = result.tables["networks"]
    if len(networks):
        # Networks are numbered by size: N0001 is the largest.
        network_id = networks["network_id"].iloc[0]
        briefing = write_briefing(out, network_id, args.out / f"briefing-{network_id}.html")
        print(f"briefing of the largest network ({network_id}): {briefing.html}")
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from netlink.synth import synthesize

    summary = synthesize(
        args.out,
        cases=args.cases,
        seed=args.seed,
        difficulty=args.difficulty,
        fmt=args.format,
        truth=args.truth,
        progress=not args.quiet,
    )
    print(summary)
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    from netlink.synth import write_sample

    print(write_sample(args.folder))
    return 0


def _key(args: argparse.Namespace):
    from netlink.pseudonymise import load_key

    # The key also comes from $NETLINK_PSEUDONYMISE_KEY when no file is given.
    return load_key(args.key_file) if args.pseudonymise else None


def cmd_brief(args: argparse.Namespace) -> int:
    from netlink.brief import write_briefing, write_briefings

    kw = {
        "marking": args.marking,
        "pseudonymise": args.pseudonymise,
        "key": _key(args),
        "pdf": args.pdf,
        "seed": args.seed,
    }
    if args.network:
        done = [write_briefing(args.case, args.network, args.out, **kw)]
    else:
        done = write_briefings(args.case, args.top, args.out, **kw)
    for b in done:
        pdf = f" and {b.pdf} ({b.pages} pages)" if b.pdf else ""
        print(f"briefing of network {b.network_id}: {b.html}{pdf}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from netlink.export import export_case

    path = export_case(
        args.case,
        args.format,
        args.out,
        network_id=args.network,
        pseudonymise=args.pseudonymise,
        key=_key(args),
    )
    print(f"{args.format} export written to {path}")
    return 0


def cmd_whatif(args: argparse.Namespace) -> int:
    from netlink.casefile import read_case_file
    from netlink.rank import TargetSettings, describe_what_if, network_what_if

    case = read_case_file(args.case)
    # The run's own target settings (costs, measure), when the case file records them.
    stored = case.run.parameters.get("targets")
    settings = TargetSettings(**stored) if stored else TargetSettings()
    net, result = network_what_if(
        case.tables, args.network, removed=args.remove, k=args.top, settings=settings
    )
    print(describe_what_if(net, result))
    return 0


def cmd_lab(args: argparse.Namespace) -> int:
    from netlink.lab import launch

    return launch(args.folder, port=args.port, open_browser=args.browser)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command (also used by the docs test)."""
    parser = argparse.ArgumentParser(
        prog="netlink",
        description="Find the networks behind counterfeit goods in customs seizure extracts.",
    )
    parser.add_argument("--version", action="version", version=f"netlink {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of every error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("load", help="validate an extract and print its load report")
    _add_load_options(p)
    p.add_argument("--report", type=Path, help="also write the load report as CSV here")
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("analyze", help="run the pipeline and write a case file")
    _add_load_options(p)
    p.add_argument("--out", type=Path, required=True, help="the case file to write (.duckdb)")
    p.add_argument(
        "--seed", type=_nonneg_int, default=0, help="seed of every random step (default 0)"
    )
    p.add_argument("--settings", type=Path, help="TOML file of stage settings")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("demo", help="analyse the bundled sample and print the results")
    p.add_argument("--out", type=Path, default=Path("demo-output"), help="folder for the outputs")
    p.add_argument("--seed", type=_nonneg_int, default=0, help="seed (default 0)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("synth", help="generate a synthetic extract with its ground truth")
    p.add_argument("out", type=Path, help="the extract to write (.duckdb file, or a folder)")
    p.add_argument("--cases", type=_positive_int, default=3000, help="number of cases")
    p.add_argument("--seed", type=_nonneg_int, default=0, help="seed (default 0)")
    p.add_argument(
        "--difficulty", choices=["easy", "realistic", "hard"], default="realistic", help="variation"
    )
    p.add_argument(
        "--format",
        choices=["duckdb", "parquet", "csv"],
        default="duckdb",
        help="file format of OUT",
    )
    p.add_argument("--truth", type=Path, help="ground truth file (default: beside OUT)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_synth)

    p = sub.add_parser("brief", help="write a self-contained HTML (and PDF) briefing of a network")
    p.add_argument("case", type=Path, help="the case file (.duckdb)")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--network", help="the network id, e.g. N0001")
    g.add_argument("--top", type=_positive_int, help="brief the K largest networks (OUT: a folder)")
    p.add_argument("--out", type=Path, required=True, help="the HTML file (with --top: a folder)")
    p.add_argument(
        "--marking",
        default="RESTRICTED - law enforcement only",
        help="handling marking on every page",
    )
    p.add_argument("--pdf", action="store_true", help="also print a PDF beside it (needs Chromium)")
    _add_pseudonymise_options(p)
    p.add_argument(
        "--seed", type=_nonneg_int, default=0, help="seed of the chart layout (default 0)"
    )
    p.set_defaults(func=cmd_brief)

    p = sub.add_parser(
        "export",
        help="export the link graph or a network: GEXF, GraphML, i2, Neo4j, FollowTheMoney",
    )
    p.add_argument("case", type=Path, help="the case file (.duckdb)")
    p.add_argument(
        "--format",
        required=True,
        choices=["gexf", "graphml", "i2", "neo4j", "ftm"],
        help="output format (docs/exports.md)",
    )
    p.add_argument(
        "--out", type=Path, required=True, help="file (gexf, graphml, ftm) or folder (i2, neo4j)"
    )
    p.add_argument("--network", help="only this network's part (default: the whole case)")
    _add_pseudonymise_options(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "whatif", help="remove actors from a network: components, flow cut, sources cut off"
    )
    p.add_argument("case", type=Path, help="the case file (.duckdb)")
    p.add_argument("--network", required=True, help="the network id, e.g. N0001")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--remove", nargs="+", metavar="ID", help="entity ids of the actors to remove")
    g.add_argument(
        "--top", type=_positive_int, metavar="K", help="remove the network's top K targets"
    )
    p.set_defaults(func=cmd_whatif)

    p = sub.add_parser("lab", help="start JupyterLab on the notebooks (localhost, with a token)")
    p.add_argument("folder", type=Path, nargs="?", help="notebook folder (default: notebooks/)")
    p.add_argument("--port", type=_nonneg_int, default=8888, help="port; 0 picks a free one")
    p.add_argument("--browser", action="store_true", help="also open it in the web browser")
    p.set_defaults(func=cmd_lab)

    p = sub.add_parser("sample", help="regenerate the bundled sample extract")
    p.add_argument("folder", type=Path, nargs="?", default=Path("data/sample"))
    p.set_defaults(func=cmd_sample)
    return parser


def _run(func: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    try:
        return func(args)
    except NetlinkError as exc:
        if args.debug:
            raise
        print(f"netlink: error: {exc}", file=sys.stderr)
        if exc.hint:
            print(f"  fix: {exc.hint}", file=sys.stderr)
        return EXIT_USER_ERROR
    except OSError as exc:  # disk full, permission denied on --out, ...
        if args.debug:
            raise
        print(
            f"netlink: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("netlink: interrupted", file=sys.stderr)
        return 130


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``netlink`` command."""
    args = build_parser().parse_args(argv)
    return _run(args.func, args)


if __name__ == "__main__":
    sys.exit(main())
