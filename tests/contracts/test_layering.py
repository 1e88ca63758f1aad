"""The package's layering: no circular imports, and stages import only upstream stages.

docs/architecture.md promises both; this test reads every module's imports with ``ast``
(no import side effects) and checks them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "netlink"

#: The analysis stages in data-flow order; a stage may import only stages before it.
STAGES = ("extract", "resolve", "graph", "cluster", "roles", "rank")

#: Modules that present or drive the stages; no stage may import them.
FRONTS = ("pipeline", "query", "view", "brief", "export", "lab", "cli")


def import_graph() -> nx.DiGraph:
    """Top-level module of netlink -> the top-level netlink modules it imports."""
    graph = nx.DiGraph()
    for path in PACKAGE.rglob("*.py"):
        module = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        if module == "__init__":
            continue
        graph.add_node(module)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                parts = name.split(".")
                if parts[0] == "netlink" and len(parts) > 1 and parts[1] != module:
                    graph.add_edge(module, parts[1])
    return graph


def test_every_stage_and_front_is_found() -> None:
    assert set(STAGES + FRONTS) <= set(import_graph())


def test_there_are_no_circular_imports() -> None:
    graph = import_graph()
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, f"circular imports between netlink modules: {cycles}"


def test_stages_import_only_upstream_stages() -> None:
    graph = import_graph()
    wrong = [
        (stage, other)
        for i, stage in enumerate(STAGES)
        for other in graph.successors(stage)
        if other in STAGES[i + 1 :] or other in FRONTS
    ]
    assert not wrong, f"a stage imports a downstream stage or a front end: {wrong}"
