"""Exports read back by the tools they are for; every link with its source record ids."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import igraph as ig
import networkx as nx
import pytest

import netlink.export._tables as tables_module
from netlink.casefile import read_case_file
from netlink.errors import ParameterError, UnknownEntityError
from netlink.export import (
    FORMATS,
    I2_ENTITY_COLUMNS,
    I2_LINK_COLUMNS,
    case_graph,
    export_case,
)
from netlink.pseudonymise import KEY_ENV
from tests.brief.casefiles import HOSTILE_NAMES, synthetic_case
from tests.brief.conftest import KEY, leaked, raw_values
from tests.export.gexf_rules import gexf_problems

OUT = {"gexf": "n.gexf", "graphml": "n.graphml", "i2": "i2", "neo4j": "neo4j", "ftm": "n.ftm.json"}


@pytest.fixture(scope="module")
def case_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic_case(tmp_path_factory.mktemp("export") / "case.duckdb")


@pytest.fixture(scope="module")
def graph(case_path):
    return case_graph(read_case_file(case_path), "N1")


def _records(value: str) -> list[str]:
    return json.loads(value)


def test_gexf_reads_back_in_networkx_and_keeps_the_schemas_rules(case_path, graph, tmp_path):
    out = export_case(case_path, "gexf", tmp_path / "n.gexf", network_id="N1")
    assert gexf_problems(out) == []
    g = nx.read_gexf(out)
    assert g.number_of_nodes() == len(graph.nodes) and g.number_of_edges() == len(graph.edges)
    first = graph.edges.iloc[0]
    data = g.edges[first["source"], first["target"]]
    assert _records(data["record_ids"]) == list(first["record_ids"])
    assert all(_records(d["record_ids"]) for _, _, d in g.edges(data=True))
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert set(HOSTILE_NAMES) <= labels  # markup kept as text, exactly


def test_graphml_reads_back_in_networkx_and_igraph(case_path, graph, tmp_path):
    out = export_case(case_path, "graphml", tmp_path / "n.graphml", network_id="N1")
    g = nx.read_graphml(out)
    assert g.number_of_nodes() == len(graph.nodes) and g.number_of_edges() == len(graph.edges)
    i = ig.Graph.Read_GraphML(str(out))
    assert (i.vcount(), i.ecount()) == (len(graph.nodes), len(graph.edges))
    assert all(_records(r) for r in i.es["record_ids"])
    assert set(HOSTILE_NAMES) <= set(i.vs["label"])
    assert i["input_sha256"] == "ab" * 32 and i["scope"] == "network N1"


def test_the_whole_case_exports_too(case_path, tmp_path):
    whole = case_graph(read_case_file(case_path))
    out = export_case(case_path, "graphml", tmp_path / "all.graphml")
    i = ig.Graph.Read_GraphML(str(out))
    assert (i.vcount(), i.ecount()) == (len(whole.nodes), len(whole.edges))
    assert i["scope"] == "whole case"


def _read_csv(path: Path, *, bom: bool) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == bom
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_i2_entities_and_links_fit_the_import_specification(case_path, graph, tmp_path):
    out = export_case(case_path, "i2", tmp_path / "i2", network_id="N1")
    assert sorted(p.name for p in out.iterdir()) == ["entities.csv", "links.csv"]
    entities = _read_csv(out / "entities.csv", bom=True)
    links = _read_csv(out / "links.csv", bom=True)
    assert list(entities[0]) == list(I2_ENTITY_COLUMNS) and list(links[0]) == list(I2_LINK_COLUMNS)
    assert b"\r\n" in (out / "links.csv").read_bytes()
    ids = {e["Entity ID"] for e in entities}
    assert len(ids) == len(entities) == len(graph.nodes)
    assert len(links) == len(graph.edges)
    for link in links:
        assert link["From ID"] in ids and link["To ID"] in ids
        assert _records(link["Record IDs"]) and int(link["Record Count"]) >= 1
    types = {e["Entity Type"] for e in entities}
    assert {"Organisation", "Address", "Telephone", "Seizure", "Brand", "Location"} <= types
    assert {e["Label"] for e in entities} >= set(HOSTILE_NAMES)


def test_i2_cells_that_a_spreadsheet_would_run_are_defused(tmp_path):
    case = synthetic_case(
        tmp_path / "c.duckdb", names=('=HYPERLINK("http://x")', "@SUM(1)", "-2+3+cmd|calc")
    )
    out = export_case(case, "i2", tmp_path / "i2", network_id="N1")
    labels = {e["Label"] for e in _read_csv(out / "entities.csv", bom=True)}
    assert {'\'=HYPERLINK("http://x")', "'@SUM(1)", "'-2+3+cmd|calc"} <= labels
    phones = {
        e["Label"]
        for e in _read_csv(out / "entities.csv", bom=True)
        if e["Entity Type"] == "Telephone"
    }
    assert all(p.startswith("+86") for p in phones)  # a plain number stays as it is


def test_neo4j_files_use_the_admin_import_header_syntax(case_path, graph, tmp_path):
    out = export_case(case_path, "neo4j", tmp_path / "neo4j", network_id="N1")
    command = (out / "import.txt").read_text()
    delimiter = command.split("--array-delimiter='")[1][0]
    ids: set[str] = set()
    node_files = sorted(out.glob("nodes_*.csv"))
    assert {p.name for p in node_files} == {f"nodes_{k}.csv" for k in set(graph.nodes["kind"])}
    for path in node_files:
        assert f"--nodes={path.name}" in command
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        header = rows[0]
        assert header[0] == "node_id:ID" and header[-1] == ":LABEL"
        for field in header[1:-1]:
            name, _, kind = field.partition(":")
            assert name.isidentifier() and kind in ("", "double", "long", "boolean", "date")
        ids |= {r[0] for r in rows[1:]}
        assert all(r[-1].split(delimiter)[0][0].isupper() for r in rows[1:])
    assert len(ids) == len(graph.nodes)
    with (out / "relationships.csv").open(encoding="utf-8", newline="") as f:
        rels = list(csv.DictReader(f))
    assert list(rels[0])[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert "record_ids:string[]" in rels[0]
    assert len(rels) == len(graph.edges)
    for r in rels:
        assert r[":START_ID"] in ids and r[":END_ID"] in ids
        assert r[":TYPE"].isupper() and r["record_ids:string[]"].split(delimiter)


# Properties FollowTheMoney defines for the schemata written (followthemoney/schema/*.yaml:
# Thing, LegalEntity, Interval, Address, Event, Interest, UnknownLink), as far as used.
_THING = {"name", "summary", "description", "country", "alias", "keywords", "address",
          "addressEntity", "notes"}  # fmt: skip
_LEGAL = _THING | {"email", "phone", "website", "taxNumber", "idNumber", "registrationNumber"}
_INTERVAL = {"startDate", "endDate", "date", "summary", "recordId", "sourceUrl"}
FTM_PROPERTIES = {
    "Person": _LEGAL,
    "Company": _LEGAL,
    "LegalEntity": _LEGAL,
    "Address": _INTERVAL | {"full", "city", "street", "postalCode", "region", "country"},
    "Event": _THING | _INTERVAL | {"location", "involved", "organizer"},
    "UnknownLink": _INTERVAL | {"subject", "object", "role", "status"},
}


def test_followthemoney_entities_fit_the_model(case_path, graph, tmp_path):
    out = export_case(case_path, "ftm", tmp_path / "n.ftm.json", network_id="N1")
    entities = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_id = {e["id"]: e for e in entities}
    assert len(by_id) == len(entities)
    for e in entities:
        assert set(e) == {"id", "schema", "properties"}
        assert e["schema"] in FTM_PROPERTIES, e["schema"]
        assert set(e["properties"]) <= FTM_PROPERTIES[e["schema"]], e
        assert all(isinstance(v, list) and all(isinstance(x, str) and x for x in v)
                   for v in e["properties"].values())  # fmt: skip
    links = [e for e in entities if e["schema"] == "UnknownLink"]
    assert len(links) == int(graph.edges["kind"].isin(["consignor", "consignee"]).sum())
    for link in links:
        assert link["properties"]["recordId"]
        for end in ("subject", "object"):
            assert link["properties"][end][0] in by_id
    party = next(e for e in entities if e["properties"].get("name") == [HOSTILE_NAMES[0]])
    assert party["schema"] == "Company" and party["properties"]["phone"]
    assert party["properties"]["addressEntity"][0] in by_id


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_pseudonymised_export_holds_no_name_or_identifier(case_path, tmp_path, fmt):
    out = export_case(
        case_path, fmt, tmp_path / OUT[fmt], network_id="N1", pseudonymise=True, key=KEY
    )
    files = sorted(out.iterdir()) if out.is_dir() else [out]
    text = "\n".join(p.read_text(encoding="utf-8-sig") for p in files)
    values = raw_values(read_case_file(case_path).tables)
    assert leaked(text, values) == []
    plain = export_case(case_path, fmt, tmp_path / ("plain-" + OUT[fmt]), network_id="N1")
    plain_files = sorted(plain.iterdir()) if plain.is_dir() else [plain]
    assert leaked("\n".join(p.read_text(encoding="utf-8-sig") for p in plain_files), values)


def test_bad_requests_are_refused_before_anything_is_written(case_path, tmp_path, monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)
    with pytest.raises(ParameterError, match="unknown export format 'pdf'"):
        export_case(case_path, "pdf", tmp_path / "x")
    with pytest.raises(UnknownEntityError, match="no network 'N9'"):
        export_case(case_path, "gexf", tmp_path / "x.gexf", network_id="N9")
    with pytest.raises(ParameterError, match="is empty"):
        export_case(case_path, "gexf", tmp_path / "x.gexf", network_id="N2")
    with pytest.raises(ParameterError, match="needs a key"):
        export_case(case_path, "ftm", tmp_path / "x.json", network_id="N1", pseudonymise=True)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_leaves_the_previous_output_untouched(case_path, tmp_path, monkeypatch):
    out = export_case(case_path, "neo4j", tmp_path / "neo4j", network_id="N1")
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(*args, **kw):
        raise OSError("disk full")

    monkeypatch.setattr(tables_module, "_command", broken)
    with pytest.raises(OSError, match="disk full"):
        export_case(case_path, "neo4j", tmp_path / "neo4j", network_id="N1")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["neo4j"]
