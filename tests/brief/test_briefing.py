"""Briefings: every section, escaped data, clear errors, nothing partial, fast and small."""

from __future__ import annotations

import re
import time
from pathlib import Path

import duckdb
import pytest

import netlink.brief._write as brief_write
from netlink.brief import DEFAULT_MARKING, render_briefing, write_briefing, write_briefings
from netlink.casefile import read_case_file
from netlink.errors import CaseFileError, ParameterError, UnknownEntityError
from netlink.export import case_graph
from netlink.pseudonymise import KEY_ENV, pseudonymise_parties
from tests.brief.casefiles import HOSTILE_NAMES, synthetic_case
from tests.brief.conftest import leaked, raw_values

SECTIONS = (
    "summary",
    "figures",
    "chart",
    "manufacturers",
    "distribution",
    "targets",
    "timeline",
    "routes",
    "brands",
    "cases",
    "provenance",
)


def _only(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_briefing_has_every_section_and_its_provenance(case_path, tmp_path):
    out = write_briefing(case_path, "N1", tmp_path / "b.html").html
    doc = out.read_text(encoding="utf-8")
    for section in SECTIONS:
        assert f'<section id="{section}">' in doc, section
    assert doc.count(f'role="note">{DEFAULT_MARKING}</div>') == 2  # top and bottom
    run = read_case_file(case_path).run
    for fact in (run.input_sha256, run.result_sha256, "0.1.0", "synthetic.duckdb"):
        assert fact in doc
    assert "Network N1 ships counterfeit footwear (brands Lunora and Vexa) from CN to DE" in doc
    assert "Vexa AG" in doc and "Lunora SA" in doc  # right holders to notify
    assert "S0003" in doc and "TD7003X" in doc  # source cases and their documents
    assert _only(tmp_path) == ["b.html"]


def test_data_never_becomes_markup(case_path, tmp_path):
    doc = write_briefing(case_path, "N1", tmp_path / "b.html").html.read_text(encoding="utf-8")
    for raw in ("<img src=x", "<script>alert", "<svg onload", 'href="javascript'):
        assert raw not in doc
    assert "&lt;img src=x onerror=alert(1)&gt; Trading Co., Ltd" in doc  # shown, as text
    # Nothing is fetched: no address in a src or href, no import, no font.
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", doc, re.I)
    assert "@import" not in doc and "url(http" not in doc


def test_the_marking_is_configurable_and_escaped(case_path, tmp_path):
    marking = 'SECRET </style><script>alert("m")</script> - customs only'
    doc = write_briefing(case_path, "N1", tmp_path / "b.html", marking=marking).html.read_text(
        encoding="utf-8"
    )
    assert "SECRET &lt;/style&gt;&lt;script&gt;" in doc and "<script>alert(" not in doc
    assert "\\00003c\\00002fstyle\\00003e" in doc  # the print header's CSS string
    with pytest.raises(ParameterError, match="marking is empty"):
        write_briefing(case_path, "N1", tmp_path / "c.html", marking="  ")


@pytest.mark.parametrize(
    ("network", "error", "message"),
    [
        ("N404", UnknownEntityError, "no network 'N404'"),
        ("N2", ParameterError, "network 'N2' in case.duckdb is empty"),
    ],
)
def test_an_unknown_or_empty_network_is_refused(case_path, tmp_path, network, error, message):
    with pytest.raises(error, match=message) as err:
        write_briefing(case_path, network, tmp_path / "b.html")
    assert "N1" in err.value.hint  # names a network that exists
    assert _only(tmp_path) == []


def test_an_old_case_file_is_refused_with_a_fix(tmp_path):
    path = synthetic_case(tmp_path / "old.duckdb")
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE meta SET value = '0' WHERE key = 'case_file_version'")
    with pytest.raises(CaseFileError, match="version 0 case file") as err:
        write_briefing(path, "N1", tmp_path / "out" / "b.html")
    assert "netlink analyze" in err.value.hint
    assert not (tmp_path / "out").exists() or _only(tmp_path / "out") == []


def test_a_case_file_without_networks_is_refused(tmp_path):
    path = synthetic_case(tmp_path / "c.duckdb")
    with duckdb.connect(str(path)) as con:
        con.execute("DELETE FROM networks")
    with pytest.raises(CaseFileError, match="holds no networks"):
        write_briefing(path, "N1", tmp_path / "b.html")


def test_a_pseudonymised_briefing_needs_a_key(case_path, tmp_path, monkeypatch, key):
    monkeypatch.delenv(KEY_ENV, raising=False)
    with pytest.raises(ParameterError, match="needs a key, and none was given") as err:
        write_briefing(case_path, "N1", tmp_path / "b.html", pseudonymise=True)
    assert "--key-file" in err.value.hint and KEY_ENV in err.value.hint
    with pytest.raises(ParameterError, match="pseudonymised output was not asked for"):
        write_briefing(case_path, "N1", tmp_path / "b.html", key=key)
    assert _only(tmp_path) == []


def test_a_failure_late_in_writing_leaves_nothing_behind(case_path, tmp_path, monkeypatch):
    def broken(document, out, **kw):
        out.write_bytes(b"%PDF-1.4 half")
        raise RuntimeError("printer on fire")

    monkeypatch.setattr(brief_write, "html_to_pdf", broken)
    monkeypatch.setattr(brief_write, "require_chromium", lambda: "chromium")
    with pytest.raises(RuntimeError, match="printer on fire"):
        write_briefing(case_path, "N1", tmp_path / "b.html", pdf=True)
    assert _only(tmp_path) == []


def test_a_pseudonymised_briefing_holds_no_name_or_identifier_of_the_input(
    case_path, tmp_path, key
):
    doc = write_briefing(case_path, "N1", tmp_path / "b.html", pseudonymise=True, key=key)
    text = doc.html.read_text(encoding="utf-8")
    case = read_case_file(case_path)
    values = raw_values(case.tables)
    assert set(HOSTILE_NAMES) <= values and len(values) > 60
    assert leaked(text, values) == []
    # The scan does find them where they are: in the plain briefing.
    assert len(leaked(render_briefing(case, "N1"), values)) > 40
    assert "name:" in text and "case:" in text and key.check in text
    # What is public stays readable: brands, right holders, countries, offices.
    for public in ("Vexa AG", "Lunora", "Frankfurt Airport Cargo", "footwear"):
        assert public in text


def test_a_partner_finds_its_own_parties_in_a_pseudonymised_briefing(case_path, key):
    case = read_case_file(case_path)
    doc = render_briefing(case, "N1", key=key)
    theirs = case["parties"][["record_id", "name", "country"]].head(4)
    digests = pseudonymise_parties(theirs, key)["name"]
    for digest in digests:
        assert f"name:{digest[:12]}" in doc


def test_the_largest_networks_at_once_with_an_index(case_path, tmp_path):
    written = write_briefings(case_path, 5, tmp_path / "out")
    assert [b.network_id for b in written] == ["N1"]  # N2 has no members
    assert _only(tmp_path / "out") == ["briefing-N1.html", "index.html"]
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="briefing-N1.html"' in index and DEFAULT_MARKING in index
    with pytest.raises(ParameterError, match="top_k"):
        write_briefings(case_path, 0, tmp_path / "none")
    assert not (tmp_path / "none").exists()


def test_a_300_node_network_is_briefed_in_under_10_s_and_5_mb(big_case_path, tmp_path):
    case = read_case_file(big_case_path)
    n_nodes = len(case_graph(case, "N1").nodes)
    assert 280 <= n_nodes <= 420
    start = time.perf_counter()
    out = write_briefing(big_case_path, "N1", tmp_path / "big.html").html
    seconds = time.perf_counter() - start
    size = out.stat().st_size
    assert seconds < 10, f"{n_nodes} nodes took {seconds:.1f} s"
    assert size < 5_000_000, f"{size:,} bytes"
