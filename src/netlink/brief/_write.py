"""Write briefings: one network, or the largest K, as self-contained HTML (and PDF)."""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass
from pathlib import Path

import jinja2
import pandas as pd
from markupsafe import Markup

from netlink._version import __version__
from netlink.brief._chart import chart, chart_script_hashes, static_svg
from netlink.brief._content import Names, gather
from netlink.brief._pdf import html_to_pdf, require_chromium
from netlink.casefile import CaseFile, read_case_file
from netlink.errors import ParameterError
from netlink.export import atomic_output, case_graph, network_row, resolve_key
from netlink.pseudonymise import CasePseudonymiser, PseudonymKey

__all__ = [
    "DEFAULT_MARKING",
    "Briefing",
    "largest_networks",
    "render_briefing",
    "write_briefing",
    "write_briefings",
]

#: The handling marking shown at the top and bottom of every page unless another is given.
DEFAULT_MARKING = "RESTRICTED - law enforcement only"
_MAX_MARKING = 200

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("netlink.brief", "templates"),
    autoescape=True,  # every value is escaped unless it is a Markup made by netlink itself
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass(frozen=True)
class Briefing:
    """A briefing written to disk.

    Attributes
    ----------
    network_id
        The network.
    html
        The HTML file.
    pdf
        The PDF file, when one was asked for.
    pages
        Pages of the PDF (0 without one).
    seconds
        Time taken to write it.
    """

    network_id: str
    html: Path
    pdf: Path | None
    pages: int
    seconds: float


def _marking(marking: str) -> str:
    text = " ".join(str(marking).split())
    if not text:
        raise ParameterError(
            "the handling marking is empty", hint='Give one, e.g. --marking "RESTRICTED".'
        )
    if len(text) > _MAX_MARKING:
        raise ParameterError(f"the handling marking is longer than {_MAX_MARKING} characters")
    return text


def _css_string(text: str) -> Markup:
    """Plain text as a CSS string literal: all but ASCII letters and digits escaped.

    Six-digit escapes need no terminator; spaces are escaped as well, because CSS
    swallows one space after an escape.

    Examples
    --------
    >>> print(_css_string('A "b" </style>'))
    "A\\000020\\000022b\\000022\\000020\\00003c\\00002fstyle\\00003e"
    """
    out = "".join(c if c.isascii() and c.isalnum() else f"\\{ord(c):06x}" for c in text)
    return Markup(f'"{out}"')  # only letters, digits and escapes: inert in <style>


def _policy(script_hashes: list[str]) -> str:
    """The briefing's Content-Security-Policy: no request, only the chart's own scripts.

    The chart's frame inherits this policy, so it names the scripts the chart runs.
    """
    scripts = " ".join(script_hashes) or "'none'"
    return (
        f"default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def render_briefing(
    case: CaseFile,
    network_id: str,
    *,
    marking: str = DEFAULT_MARKING,
    key: PseudonymKey | None = None,
    seed: int = 0,
) -> str:
    """The briefing of one network as an HTML document (nothing is written).

    Parameters
    ----------
    case
        The case file.
    network_id
        The network.
    marking
        The handling marking, shown at the top and bottom of every page.
    key
        Pseudonymise names and identifiers under this key.
    seed
        Seed of the chart layout.

    Returns
    -------
    str
        A self-contained document: no external resource, no request.

    Raises
    ------
    UnknownEntityError, ParameterError, CaseFileError
        As :func:`write_briefing`.
    """
    marking = _marking(marking)
    network = network_row(case, network_id)
    graph = case_graph(case, str(network["network_id"]))
    ps = CasePseudonymiser(case.tables, key) if key is not None else None
    names = Names(graph, ps)
    written = dt.datetime.now(dt.UTC)
    content = gather(case, network, graph, names, written_at=written)
    drawn = chart(
        content.chart_nodes,
        content.chart_edges,
        title=content.chart_title,
        network_id=content.network_id,
        focus=content.chart_focus,
        seed=seed,
    )
    if ps is not None:
        ps.check(content.strings(), what="the briefing")
    return _ENV.get_template("briefing.html.j2").render(
        c=content,
        marking=marking,
        marking_css=_css_string(marking),
        csp=_policy(chart_script_hashes(drawn.html)),
        chart_doc=drawn.html,
        chart_svg=static_svg(drawn),
        chart_note=drawn.note,
        version=__version__,
        written=f"{written:%Y-%m-%d %H:%M} UTC",
        key_check=key.check if key is not None else "",
    )


def write_briefing(
    case_path: str | Path,
    network_id: str,
    out: str | Path,
    *,
    marking: str = DEFAULT_MARKING,
    pseudonymise: bool = False,
    key: PseudonymKey | None = None,
    pdf: bool = False,
    seed: int = 0,
) -> Briefing:
    """Write the briefing of one network: a self-contained HTML file, and a PDF if asked.

    Parameters
    ----------
    case_path
        A case file written by ``netlink analyze``.
    network_id
        The network (``networks.network_id``).
    out
        The HTML file; the PDF goes beside it with the suffix ``.pdf``.
    marking
        The handling marking, e.g. "RESTRICTED - law enforcement only".
    pseudonymise
        Replace names and identifiers by keyed digests (docs/briefings.md).
    key
        The key; when None and ``pseudonymise``, read from the environment variable
        :data:`netlink.pseudonymise.KEY_ENV`.
    pdf
        Also print a PDF (needs Chromium; :data:`netlink.brief.CHROMIUM_ENV`).
    seed
        Seed of the chart layout.

    Returns
    -------
    Briefing

    Raises
    ------
    UnknownEntityError
        No such network.
    ParameterError
        The network is empty, no key for a pseudonymised briefing, no Chromium for a PDF.
    CaseFileError
        The case file is missing, damaged, of another version, or holds no networks.

    Notes
    -----
    Files are written atomically: after an error neither the HTML nor the PDF (nor a
    part of either) is left behind.
    """
    start = time.perf_counter()
    secret = resolve_key(pseudonymise, key)
    if pdf:
        require_chromium()  # before any work: a missing converter is not a late surprise
    case = read_case_file(case_path)
    document = render_briefing(case, network_id, marking=marking, key=secret, seed=seed)
    return _write(document, str(network_id), Path(out), pdf, start)


def _write(document: str, network_id: str, out: Path, pdf: bool, start: float) -> Briefing:
    pdf_path = out.with_suffix(".pdf") if pdf else None
    pages = 0
    with atomic_output(out) as tmp_html:
        tmp_html.write_text(document, encoding="utf-8")
        if pdf_path is not None:
            with atomic_output(pdf_path) as tmp_pdf:
                pages = html_to_pdf(document, tmp_pdf)
    return Briefing(network_id, out, pdf_path, pages, time.perf_counter() - start)


def _file_name(network_id: str) -> str:
    """A file name for a network's briefing: its id with anything unusual replaced."""
    return (
        "briefing-"
        + (re.sub(r"[^A-Za-z0-9._-]+", "_", network_id).strip("._") or "network")
        + ".html"
    )


def largest_networks(case: CaseFile, k: int) -> list[str]:
    """The ids of the ``k`` largest networks that have members: by members, cases, id.

    Raises
    ------
    CaseFileError
        The case file holds no networks.
    ParameterError
        None of its networks has members.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from netlink.casefile import RunRecord, read_case_file, write_case_file
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "case.duckdb"
    >>> _ = write_case_file(path, {}, RunRecord("x", "0" * 64, {}, 0))
    >>> largest_networks(read_case_file(path), 1)
    Traceback (most recent call last):
    ...
    netlink.errors.CaseFileError: case.duckdb holds no networks: the run that wrote it did not look for them
    """
    nets = case["networks"]
    if nets.empty:
        network_row(case, "")  # raises the error that says so, with its fix
    members = set(case["network_members"]["network_id"].astype(str))
    ids = nets["network_id"].astype(str)
    with_members = nets.assign(_id=ids)[ids.isin(members)]
    if with_members.empty:
        raise ParameterError(
            f"none of the {len(nets):,} networks in {case.path.name} has members",
            hint="Re-run `netlink analyze` on the extract.",
        )
    order = with_members.sort_values(
        ["n_entities", "n_seizures", "_id"], ascending=[False, False, True], kind="stable"
    )
    return order["_id"].head(k).tolist()


def write_briefings(
    case_path: str | Path,
    top_k: int,
    out_dir: str | Path,
    *,
    marking: str = DEFAULT_MARKING,
    pseudonymise: bool = False,
    key: PseudonymKey | None = None,
    pdf: bool = False,
    seed: int = 0,
) -> list[Briefing]:
    """Write the briefings of the ``top_k`` largest networks, and an ``index.html``.

    Networks are taken by members, then cases, then id. Every argument is checked
    before the first file is written; each file is written atomically.

    Parameters
    ----------
    case_path
        A case file.
    top_k
        How many networks (at least 1).
    out_dir
        The folder for ``briefing-<network>.html`` (and ``.pdf``) and ``index.html``.
    marking, pseudonymise, key, pdf, seed
        As :func:`write_briefing`.

    Returns
    -------
    list of Briefing
        Largest network first.
    """
    if not isinstance(top_k, int) or top_k < 1:
        raise ParameterError(f"top_k must be a whole number of at least 1, got {top_k!r}")
    marking = _marking(marking)
    secret = resolve_key(pseudonymise, key)
    if pdf:
        require_chromium()
    case = read_case_file(case_path)
    ids = largest_networks(case, top_k)
    nets = case["networks"].assign(_id=case["networks"]["network_id"].astype(str))
    chosen = nets.drop_duplicates("_id").set_index("_id", drop=False).loc[ids]
    out_dir = Path(out_dir)
    written: list[Briefing] = []
    for nid in ids:
        start = time.perf_counter()
        document = render_briefing(case, nid, marking=marking, key=secret, seed=seed)
        written.append(_write(document, nid, out_dir / _file_name(nid), pdf, start))
    index = _ENV.get_template("index.html.j2").render(
        marking=marking,
        case_name=case.path.name,
        version=__version__,
        written=f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        rows=[
            {
                "network_id": row["_id"],
                "parties": f"{int(row['n_entities']):,}",
                "cases": f"{int(row['n_seizures']):,}",
                "first": _day(row["first_seen"]),
                "last": _day(row["last_seen"]),
                "html": b.html.name,
                "pdf": b.pdf.name if b.pdf else "",
            }
            for (_, row), b in zip(chosen.iterrows(), written, strict=True)
        ],
    )
    with atomic_output(out_dir / "index.html") as tmp:
        tmp.write_text(index, encoding="utf-8")
    return written


def _day(value: object) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).date().isoformat()
