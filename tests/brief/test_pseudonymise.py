"""Keyed pseudonyms: the key is handled with care, and equal values meet after normalisation."""

from __future__ import annotations

import pickle

import pandas as pd
import pytest

from netlink.casefile import read_case_file
from netlink.errors import ParameterError
from netlink.pseudonymise import (
    KEY_ENV,
    CasePseudonymiser,
    PseudonymKey,
    load_key,
    pseudonym,
    pseudonymise_parties,
    token,
)


def test_the_key_comes_from_a_file_or_the_environment(tmp_path):
    path = tmp_path / "netlink.key"
    path.write_text("  0123456789abcdef0123456789abcdef\n")
    from_file = load_key(path)
    from_env = load_key(environ={KEY_ENV: "0123456789abcdef0123456789abcdef"})
    assert from_file.check == from_env.check
    assert from_file.digest("name", "x") == from_env.digest("name", "x")


def test_the_key_is_never_shown_or_pickled():
    secret = b"very secret key material 12345"
    key = PseudonymKey(secret)
    assert secret.decode() not in repr(key) and secret.decode() not in str(key)
    with pytest.raises(TypeError, match="not pickled"):
        pickle.dumps(key)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda tmp: load_key(environ={}), "needs a key, and none was given"),
        (lambda tmp: load_key(tmp / "missing.key"), "cannot read the key file missing.key"),
        (lambda tmp: PseudonymKey(b"too short"), "at least 16 are needed"),
    ],
)
def test_a_missing_or_weak_key_is_refused_with_a_fix(tmp_path, call, message):
    with pytest.raises(ParameterError, match=message) as err:
        call(tmp_path)
    assert KEY_ENV in err.value.hint or "16" in str(err.value)


def test_digests_are_taken_after_the_resolvers_normalisation(key):
    assert pseudonym(key, "phone", "+86 138 0013 8000") == pseudonym(
        key, "phone", "0086-13800138000"
    )
    assert pseudonym(key, "email", "J.Smith+shop@googlemail.com") == pseudonym(
        key, "email", "jsmith@gmail.com"
    )
    assert pseudonym(key, "tax_id", "EORI: DE 1234 5678 9012 345") == pseudonym(
        key, "tax_id", "DE123456789012345"
    )
    assert pseudonym(key, "name_core", "GZ Xinghui Leather Co.,Ltd", country="CN") == pseudonym(
        key, "name_core", "广州星辉皮具有限公司", country="CN"
    )
    # Placeholders key nothing in the resolver, and nothing here.
    assert pseudonym(key, "name", "N/A") == "" and pseudonym(key, "email", "none@none.com") == ""


def test_fields_and_keys_keep_digests_apart(key):
    assert pseudonym(key, "phone", "+8613800138000") != pseudonym(key, "tax_id", "+8613800138000")
    other = PseudonymKey(b"another administration's own key")
    assert pseudonym(key, "name", "Xinghui Ltd") != pseudonym(other, "name", "Xinghui Ltd")
    assert token("phone", pseudonym(key, "phone", "+8613800138000")).startswith("tel:")


def test_a_partner_with_the_key_matches_our_parties(key):
    ours = pd.DataFrame(
        {
            "record_id": ["R1"],
            "name": ["GUANGZHOU XINGHUI LEATHER CO., LTD"],
            "country": ["CN"],
            "phone": ["+86 138 0013 8000"],
            "email": ["Sales@Xinghui.example.com"],
        }
    )
    theirs = pd.DataFrame(
        {
            "record_id": ["DE-2024-77"],
            "name": ["Guangzhou Xinghui Leather Co.,Ltd."],
            "country": ["CN"],
            "phone": ["0086 13800138000"],
            "email": ["sales@xinghui.example.com"],
        }
    )
    a, b = pseudonymise_parties(ours, key), pseudonymise_parties(theirs, key)
    for field in ("name", "name_core", "phone", "email"):
        assert a[field].iloc[0] == b[field].iloc[0] != "", field
    assert a["record_id"].iloc[0] != b["record_id"].iloc[0]
    assert "Xinghui" not in a.to_csv() and "138" not in a.to_csv()


def test_free_text_loses_every_name_it_quotes(case_path, key):
    case = read_case_file(case_path)
    ps = CasePseudonymiser(case.tables, key)
    name = case["parties"]["name"].iloc[1]
    reason = f"sends to {name} on case S0003; shares phone +86 138 0013 8000 with it"
    out = ps.text(reason)
    assert name not in out and "S0003" not in out and "138 0013" not in out
    assert out.startswith("sends to name:") and ps.seizure("S0003") in out
    with pytest.raises(ParameterError, match="pseudonymisation incomplete"):
        ps.check([reason], what="a test")
    ps.check([out, "Vexa", "footwear", "2024-01-02"])  # public values and dates pass
