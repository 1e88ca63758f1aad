"""Targets: actor graphs, ranking with reasons, costs, what-if, and the whatif command."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from netlink.casefile import read_case_file
from netlink.cli import main
from netlink.errors import ParameterError, UnknownEntityError
from netlink.pipeline import analyze
from netlink.rank import (
    TARGET_COLUMNS,
    TargetSettings,
    actor_networks,
    describe_what_if,
    network_what_if,
    rank_networks,
    rank_targets,
    read_cost_overrides,
)
from netlink.sample import sample_path

CASE_FILE_COLUMNS = ["network_id", "rank", "entity_id", "impact", "reason"]


# --- the bundled sample through every stage ---------------------------------------------


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory):
    """The bundled sample analysed by the pipeline, with its case file."""
    out = tmp_path_factory.mktemp("targets") / "case.duckdb"
    result = analyze(sample_path(), out, seed=0)
    return result, out


def _inputs(result):
    return (
        result.extract,
        result.graph,
        result.networks.network_members,
        result.tables["roles"],
        result.hubs,
    )


@pytest.fixture(scope="module")
def targets(sample):
    return rank_targets(*_inputs(sample[0]), seed=0)


def test_table_has_the_case_file_columns_and_consistent_ranks(targets, sample):
    table = targets.table
    assert list(table.columns[:5]) == CASE_FILE_COLUMNS
    assert list(table.columns) == TARGET_COLUMNS
    per = table[table["network_id"].notna()]
    networks = set(sample[0].networks.network_members["network_id"])
    assert set(per["network_id"]) <= networks and len(set(per["network_id"])) > 100
    for _, rows in per.groupby("network_id"):
        assert rows["rank"].tolist() == list(range(1, len(rows) + 1))
        assert len(rows) <= TargetSettings().k
        impact = rows["impact"].to_numpy()
        # Non-decreasing; a first actor of a cut cuts nothing until the next completes it.
        assert np.all(np.diff(impact) >= -1e-9) and 0 < impact[-1] <= 1 + 1e-9
        assert rows["entity_id"].is_unique


def test_targets_are_actors_of_their_network_and_never_hubs(targets, sample):
    result = sample[0]
    hubs = result.hubs.node_ids
    members = result.networks.network_members.set_index("entity_id")["network_id"]
    per = targets.table[targets.table["network_id"].notna()]
    assert not set(per["entity_id"]) & hubs
    parties = per[per["kind"] == "party"]
    assert (parties["entity_id"].map(members) == parties["network_id"]).all()
    shared = per[per["kind"] != "party"]
    for row in shared.itertuples():  # a shared contact is used by two members or more
        actors = targets.network(row.network_id).actors.set_index("actor_id")
        assert len(actors.loc[row.entity_id, "shared"].split("; ")) >= 2


def test_reasons_cite_the_role_the_cases_and_the_cost(targets, sample):
    seizures = set(sample[0].extract.seizures["seizure_id"])
    per = targets.table[targets.table["network_id"].notna()]
    first = per[per["rank"] == 1]
    for row in first.itertuples():
        assert "cuts" in row.reason and f"cost {row.cost:g}" in row.reason
        if row.flow_cut == 0:  # the first actor of a cut: the next one completes it
            assert "cuts nothing on its own" in row.reason and not row.case_ids
            continue
        cited = set(row.case_ids.split(", "))
        assert cited <= seizures and row.n_cases_cut == len(cited)
        assert any(c in row.reason for c in cited)
        if row.kind == "party" and row.role:
            assert row.role.replace("_", " ") in row.reason
        if row.abroad is not pd.NA and row.abroad:
            assert f"abroad ({row.country})" in row.reason


def test_impact_is_the_flow_the_what_if_cuts(targets):
    for network_id in ["N0001", "N0002", "N0010"]:
        rows = targets.table[targets.table["network_id"] == network_id]
        k = len(rows)
        w = targets.what_if(network_id, k=k)
        assert w.removed == tuple(rows["entity_id"])
        assert w.flow_cut == pytest.approx(rows["impact"].iloc[-1], abs=1e-6)
        assert w.lcc_after == pytest.approx(rows["lcc_after"].iloc[-1], abs=1e-6)


def test_overall_ranking_merges_the_networks(targets):
    overall = targets.table[targets.table["network_id"].isna()]
    assert len(overall) == TargetSettings().k_overall
    assert overall["rank"].tolist() == list(range(1, len(overall) + 1))
    assert overall["impact"].is_monotonic_increasing
    per = targets.table[targets.table["network_id"].notna()]
    pairs = set(zip(per["network_id"], per["entity_id"], strict=True))
    assert set(zip(overall["in_network"], overall["entity_id"], strict=True)) <= pairs
    assert overall["reason"].str.startswith("in N").all()


def test_the_whole_sample_ranks_fast(sample):
    result = sample[0]
    rank_targets(*_inputs(result))  # warm caches and imports
    start = time.process_time()
    rank_targets(*_inputs(result))
    # Well under a second on an idle core; the bound leaves room for a loaded machine.
    assert time.process_time() - start < 2.0


def test_same_input_and_seed_give_the_same_table(targets, sample):
    again = rank_targets(*_inputs(sample[0]), seed=0)
    pd.testing.assert_frame_equal(again.table, targets.table)
    pd.testing.assert_frame_equal(again.summary, targets.summary)


def test_measure_counts_articles(sample, targets):
    articles = rank_targets(*_inputs(sample[0]), TargetSettings(measure="articles"))
    by_cases = targets.summary.set_index("network_id")["flow_total"]
    by_items = articles.summary.set_index("network_id")["flow_total"]
    assert (by_items >= by_cases).mean() > 0.9  # most cases hold more than one article
    assert set(articles.table["measure"]) == {"articles"}


def test_an_actor_that_cannot_be_acted_on_is_never_a_target(sample, targets):
    top = targets.table[(targets.table["network_id"] == "N0001") & (targets.table["rank"] == 1)]
    actor = top["entity_id"].iloc[0]
    spared = rank_targets(*_inputs(sample[0]), TargetSettings(costs={actor: math.inf}))
    assert actor not in set(spared.table["entity_id"])
    dear = rank_targets(*_inputs(sample[0]), TargetSettings(costs={actor: 50}))
    row = dear.network("N0001").actors.set_index("actor_id").loc[actor]
    assert row["cost"] == 50 and row["cost_reason"] == "set by the analyst"


# --- the case file: one code path ---------------------------------------------------------


def test_what_if_from_the_case_file_matches_the_pipeline(sample, targets):
    case = read_case_file(sample[1])
    # Ranked afresh when the case file has no targets for the network ...
    net, fresh = network_what_if({**case.tables, "targets": targets.table.iloc[:0]}, "N0002", k=3)
    assert fresh == targets.what_if("N0002", k=3)
    # ... and from its targets table when it has them.
    tables = {**case.tables, "targets": targets.table}
    _, stored = network_what_if(tables, "N0002", k=2)
    assert stored == targets.what_if("N0002", k=2)
    assert net.graph.ids == targets.network("N0002").graph.ids


def test_whatif_command_prints_before_and_after_with_names(sample, targets, capsys):
    top = targets.table[(targets.table["network_id"] == "N0001") & (targets.table["rank"] <= 2)]
    assert (
        main(["whatif", str(sample[1]), "--network", "N0001", "--remove", *top["entity_id"]]) == 0
    )
    out = capsys.readouterr().out
    assert "network N0001:" in out and "components: before 1" in out
    assert "flow with a path: 100% before" in out
    for label in top["label"]:
        assert label in out
    assert main(["whatif", str(sample[1]), "--network", "N0001", "--top", "2"]) == 0
    assert "removed 2 actors" in capsys.readouterr().out


def test_whatif_command_names_an_unknown_actor(sample, capsys):
    code = main(["whatif", str(sample[1]), "--network", "N0001", "--remove", "P-nobody"])
    assert code == 2
    assert "'P-nobody'" in capsys.readouterr().err
    assert main(["whatif", str(sample[1]), "--network", "N9999", "--top", "1"]) == 2
    assert "'N9999'" in capsys.readouterr().err


# --- small networks built by hand ---------------------------------------------------------


def _tables(cases, uses=(), hubs=(), members=None, roles=()):
    """Case-file-shaped tables from ``cases`` = [(case id, [(party, role, country)])],
    ``uses`` = [(party, attribute)], reporting country DE."""
    parties, edges, n = [], [], 0
    for sid, rows in cases:
        for party, role, country in rows:
            n += 1
            parties.append((f"R{n}", sid, role, country))
            edges.append((party, f"S:{sid}", role, [f"R{n}"]))
    for party, attribute in uses:
        edges.append((party, attribute, "uses_phone", ["R1"]))
    party_ids = sorted({p for _, rows in cases for p, _, _ in rows} | {p for p, _ in uses})
    attributes = sorted({a for _, a in uses})
    nodes = pd.DataFrame(
        {
            "node_id": party_ids + attributes + [f"S:{sid}" for sid, _ in cases],
            "kind": ["party"] * len(party_ids)
            + ["identifier"] * len(attributes)
            + ["seizure"] * len(cases),
        }
    )
    nodes["label"] = nodes["node_id"].str.upper()
    nodes["is_hub"] = nodes["node_id"].isin(set(hubs))
    members = members if members is not None else [p for p in party_ids if p not in hubs]
    return {
        "nodes": nodes,
        "edges": pd.DataFrame(edges, columns=["source", "target", "kind", "record_ids"]).assign(
            weight=1.0
        ),
        "seizures": pd.DataFrame({"seizure_id": [s for s, _ in cases], "reporting_country": "DE"}),
        "parties": pd.DataFrame(parties, columns=["record_id", "seizure_id", "role", "country"]),
        "network_members": pd.DataFrame({"entity_id": members, "network_id": "N1"}),
        "roles": pd.DataFrame(
            list(roles), columns=["network_id", "entity_id", "role", "score"]
        ).assign(rank=1),
    }


CHAIN = [
    (
        "S1",
        [
            ("maker", "other", "CN"),
            ("front", "consignor", "HK"),
            ("fwd", "forwarder", "NL"),
            ("shop", "consignee", "DE"),
        ],
    ),
    ("S2", [("front", "consignor", "HK"), ("shop2", "consignee", "DE")]),
]


def test_actor_graph_follows_the_goods_and_shared_contacts():
    tables = _tables(
        CHAIN,
        uses=[
            ("maker", "I-phone"),
            ("front", "I-phone"),
            ("shop", "I-own"),
            ("maker", "I-n/a"),
            ("shop2", "I-n/a"),
        ],
        hubs=["I-n/a"],
        roles=[("N1", "maker", "manufacturer", 0.9), ("N1", "front", "front", 0.8)],
    )
    net = actor_networks(**tables)["N1"]
    edges = {tuple(sorted((net.graph.ids[u], net.graph.ids[v]))) for u, v in net.graph.edges()}
    assert edges == {
        ("front", "maker"),  # producer - sender
        ("front", "fwd"),  # sender - intermediary
        ("fwd", "shop"),  # intermediary - receiver
        ("front", "shop2"),  # no intermediary: sender - receiver
        ("I-phone", "maker"),  # a phone two members share; I-own (one user) and the
        ("I-phone", "front"),  # placeholder hub are no actors
    }
    actors = net.actors.set_index("actor_id")
    assert actors.loc["front", "abroad"] and not actors.loc["shop", "abroad"]
    assert actors.loc["front", "cost"] == 3 and actors.loc["shop", "cost"] == 1
    flows = set(zip(net.flows["source"], net.flows["destination"], strict=True))
    assert flows == {("maker", "shop"), ("front", "shop2")}  # from the most upstream source


def test_a_network_of_one_or_two_actors_has_a_defined_answer():
    one = _tables([("S1", [("solo", "consignor", "CN")])])
    targets = rank_networks(actor_networks(**one))
    assert targets.table.empty and list(targets.table.columns) == TARGET_COLUMNS
    assert targets.summary["note"].iloc[0].startswith("no flow")
    assert targets.what_if("N1", removed=[]).flow_reach_before is not None

    two = _tables([("S1", [("maker", "consignor", "CN"), ("shop", "consignee", "DE")])])
    table = rank_networks(actor_networks(**two)).table
    per = table[table["network_id"].notna()]
    assert per["entity_id"].tolist() == ["shop"]  # the cheaper end: domestic, cost 1
    assert per["impact"].tolist() == [1.0]
    assert "no manufacturer candidate" in rank_networks(actor_networks(**two)).summary["note"][0]


def test_no_networks_give_an_empty_table():
    tables = _tables(CHAIN, members=[])
    targets = rank_networks(actor_networks(**tables))
    assert targets.table.empty and targets.summary.empty
    with pytest.raises(UnknownEntityError, match="'N1'"):
        targets.what_if("N1")


def test_unknown_actors_are_clear_errors():
    tables = _tables(CHAIN)
    targets = rank_networks(actor_networks(**tables))
    with pytest.raises(UnknownEntityError, match="'ghost'"):
        targets.what_if("N1", removed=["ghost"])
    with pytest.raises(UnknownEntityError, match="'ghost'"):
        actor_networks(**tables, settings=TargetSettings(costs={"ghost": 1}))
    bad = {**tables, "network_members": pd.DataFrame({"entity_id": ["P-x"], "network_id": ["N1"]})}
    with pytest.raises(UnknownEntityError, match="'P-x'"):
        actor_networks(**bad)
    with pytest.raises(UnknownEntityError, match="'N7'"):
        network_what_if(tables, "N7", k=1)


@pytest.mark.parametrize(
    ("costs", "message"),
    [
        ({"shop": None}, "actor 'shop': cost is missing"),
        ({"shop": float("nan")}, "actor 'shop': cost is missing"),
        ({"shop": -2}, "actor 'shop': cost must be a number >= 0, got -2"),
        ({"shop": "cheap"}, "actor 'shop': cost must be a number >= 0"),
    ],
)
def test_missing_or_negative_costs_name_the_actor(costs, message):
    with pytest.raises(ParameterError, match=message):
        TargetSettings(costs=costs)


def test_bad_settings_are_clear_errors():
    with pytest.raises(ParameterError, match="abroad_cost"):
        TargetSettings(abroad_cost=-1)
    with pytest.raises(ParameterError, match="measure"):
        TargetSettings(measure="tonnes")
    with pytest.raises(ParameterError, match="k must be"):
        TargetSettings(k=-1)


def test_cost_file(tmp_path: Path):
    path = tmp_path / "costs.csv"
    path.write_text("entity_id,cost,note\nshop,inf,informant\nfront,1,arrest warrant\n")
    settings = TargetSettings(costs=path)
    assert read_cost_overrides(path) == {"shop": math.inf, "front": 1.0}
    assert settings.to_dict()["costs"] == str(path)
    net = actor_networks(**_tables(CHAIN), settings=settings)["N1"]
    actors = net.actors.set_index("actor_id")
    assert actors.loc["front", "cost"] == 1 and math.isinf(actors.loc["shop", "cost"])
    path.write_text("entity_id,cost\nshop,-1\n")
    with pytest.raises(ParameterError, match=r"costs.csv, line 2: actor 'shop'"):
        actor_networks(**_tables(CHAIN), settings=TargetSettings(costs=path))
    path.write_text("id,price\nshop,1\n")
    with pytest.raises(ParameterError, match="needs columns entity_id, cost"):
        read_cost_overrides(path)


def test_settings_round_trip_through_json():
    settings = TargetSettings(k=3, measure="value", costs={"b": 2, "a": math.inf})
    plain = json.loads(json.dumps(settings.to_dict(), allow_nan=False))
    assert TargetSettings(**plain) == settings


def test_describe_names_what_was_removed():
    tables = _tables(
        CHAIN, roles=[("N1", "maker", "manufacturer", 0.9), ("N1", "front", "front", 0.8)]
    )
    targets = rank_networks(actor_networks(**tables))
    text = describe_what_if(targets.network("N1"), targets.what_if("N1", removed=["front"]))
    assert "FRONT  (front, abroad HK)" in text
    assert "flow with a path: 100% before, 0% after: 100% of the flow cut" in text
    assert "MAKER  (manufacturer, abroad CN)" in text.split("without a route")[1]
