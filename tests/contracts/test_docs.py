"""The documentation states what the code does: schema, commands, README promises."""

from __future__ import annotations

import re
from pathlib import Path

from netlink.casefile import schema_markdown
from netlink.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]


def test_case_file_doc_matches_the_schema_in_code():
    doc = (ROOT / "docs" / "case-file.md").read_text(encoding="utf-8")
    generated = schema_markdown()
    assert generated in doc, (
        "docs/case-file.md is out of date; regenerate its Tables section with "
        "netlink.casefile.schema_markdown()"
    )


def _commands():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sub.choices


def test_every_command_has_help_and_is_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, p in _commands().items():
        assert p.format_help().strip(), name
        assert re.search(rf"netlink {name}\b", readme), f"`netlink {name}` is not in the README"
        for action in p._actions:
            if action.option_strings and action.dest != "help":
                assert action.help, f"netlink {name} {action.option_strings} has no help text"


def test_readme_quick_start_commands_exist_in_the_makefile():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("##", 1)[0]
    targets = re.findall(r"^make (\w[\w-]*)", quick, flags=re.M)
    assert targets == ["demo", "test"]
    for t in targets:
        assert re.search(rf"^{t}:", makefile, flags=re.M), t
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
