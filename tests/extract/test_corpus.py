"""Every malformed extract of the corpus gets its message, never a traceback."""

from __future__ import annotations

import pytest

from netlink.cli import main
from netlink.errors import NetlinkError
from netlink.extract import load_extract

from ..conftest import TODAY
from .corpus import CASES


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 20
    assert len({c.name for c in CASES}) == len(CASES)


def _args(path, mapping, *extra):
    args = ["load", str(path), "--max-date", TODAY.isoformat(), *extra]
    return [*args, "--mapping", str(mapping)] if mapping else args


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_strict_load_prints_the_message_and_the_fix(case, tmp_path, capsys):
    path, mapping = case.build(tmp_path)
    code = main(_args(path, mapping, "--strict"))
    err = capsys.readouterr().err
    assert code == 2
    assert case.message in err, err
    assert "fix:" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_default_load_quarantines_or_explains(case, tmp_path, capsys):
    path, mapping = case.build(tmp_path)
    if case.lenient is None:
        with pytest.raises(NetlinkError) as info:
            load_extract(path, mapping=mapping, today=TODAY)
        assert case.message in str(info.value)
        assert main(_args(path, mapping)) == 2
        return
    ex = load_extract(path, mapping=mapping, today=TODAY)
    assert ex.quarantine.groupby("reason").size().to_dict() == case.lenient
    r = ex.report
    assert (r.rows_read == r.rows_loaded + r.rows_quarantined).all()
    assert main(_args(path, mapping)) == 0
    out = capsys.readouterr().out
    for reason in case.lenient:
        assert reason in out
