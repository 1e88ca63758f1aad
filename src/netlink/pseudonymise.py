"""Keyed pseudonyms for sharing a case across borders (docs/briefings.md).

Names and identifiers are replaced by HMAC-SHA256 digests under a key the user supplies,
computed on the value *after* the normalisation entity resolution uses
(:mod:`netlink.resolve`): "GZ Xinghui Leather Co.,Ltd" and "Guangzhou Xinghui Leather
Co., Ltd" give the same name digest when the resolver gives them the same key. A partner
administration that holds the same key and runs :func:`pseudonymise_parties` on its own
records gets the same digests and can match them, but cannot read ours; without the key
the digests cannot be reversed by trying likely names.

The message hashed is ``field + "\\x1f" + normal form`` (UTF-8), so equal text in two
fields (a phone number and a tax id) never gives the same digest. The key is read from a
file or the environment variable :data:`KEY_ENV`; it is never printed, logged, pickled
or written out: outputs carry only :attr:`PseudonymKey.check`, a digest that lets two
parties confirm they use the same key.

Examples
--------
>>> key = PseudonymKey(b"correct horse battery staple")
>>> a = pseudonym(key, "name", "GUANGZHOU XINGHUI LEATHER CO., LTD", country="CN")
>>> b = pseudonym(key, "name", "Guangzhou Xinghui Leather Co.,Ltd.", country="CN")
>>> a == b, len(a)
(True, 64)
>>> pseudonym(key, "phone", "+86 138 0013 8000") == pseudonym(key, "phone", "0086-13800138000")
True
>>> token("name", a)[:5]
'name:'
>>> key
PseudonymKey(check='...')
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import repeat
from pathlib import Path
from typing import Any, NoReturn

import numpy as np
import pandas as pd

from netlink.errors import ParameterError

__all__ = [
    "FIELDS",
    "KEY_ENV",
    "MIN_KEY_BYTES",
    "SENSITIVE_KINDS",
    "CasePseudonymiser",
    "PseudonymKey",
    "keyed_hash",
    "load_key",
    "normal_form",
    "pseudonym",
    "pseudonymise_parties",
    "token",
]

#: The environment variable a key may be given in (its value, not a path).
KEY_ENV = "NETLINK_PSEUDONYMISE_KEY"

#: The shortest key accepted: 128 bits.
MIN_KEY_BYTES = 16

#: Field -> the normal form that is hashed, and the prefix of its short token.
FIELDS: dict[str, tuple[str, str]] = {
    "name": ("normalize_name(name, country).text", "name"),
    "name_core": ("normalize_name(name, country).squashed: distinctive words only", "core"),
    "address": ("normalize_address(address, city, postcode, country).key", "addr"),
    "phone": ("normalize_phone(phone, country).e164", "tel"),
    "email": ("normalize_email(email).canonical: the mailbox", "mail"),
    "tax_id": ("normalize_tax_id(tax_id, country).value", "tax"),
    "website": ("normalize_website(website)", "web"),
    "domain": ("the e-mail domain, lower case", "dom"),
    "seizure_id": ("the seizure id, NFKC, outer whitespace removed", "case"),
    "record_id": ("the record id, NFKC, outer whitespace removed", "rec"),
    "document": (
        "a transport, master or conveyance reference: letters and digits, upper case",
        "doc",
    ),
    "entity_id": ("netlink's entity or node id", "id"),
}

_TOKEN_HEX = 12  # 48 bits: enough to tell apart the values of one briefing
_CHECK_MESSAGE = b"netlink key check v1"


class PseudonymKey:
    """The secret key of keyed hashing; it never shows in a repr, a log or a pickle.

    Parameters
    ----------
    secret
        At least :data:`MIN_KEY_BYTES` bytes.

    Raises
    ------
    ParameterError
        The key is shorter.

    Examples
    --------
    >>> PseudonymKey(b"short")
    Traceback (most recent call last):
    ...
    netlink.errors.ParameterError: the pseudonymisation key has 5 bytes; at least 16 are needed
    """

    __slots__ = ("_secret",)

    def __init__(self, secret: bytes) -> None:
        if not isinstance(secret, bytes):
            raise ParameterError("the pseudonymisation key must be bytes")
        if len(secret) < MIN_KEY_BYTES:
            raise ParameterError(
                f"the pseudonymisation key has {len(secret)} bytes; at least {MIN_KEY_BYTES} are needed",
                hint=_KEY_HINT,
            )
        self._secret = secret

    @classmethod
    def from_file(cls, path: str | Path) -> PseudonymKey:
        """The key held in a file: its bytes, without surrounding whitespace."""
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise ParameterError(
                f"cannot read the key file {Path(path).name}: {exc.strerror or exc}",
                hint=_KEY_HINT,
            ) from None
        return cls(data.strip())

    def digest(self, field: str, normal: str) -> str:
        """HMAC-SHA256 of ``field + "\\x1f" + normal`` as 64 hex digits."""
        message = f"{field}\x1f{normal}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    @property
    def check(self) -> str:
        """A digest that tells whether two parties hold the same key, revealing nothing of it."""
        return hmac.new(self._secret, _CHECK_MESSAGE, hashlib.sha256).hexdigest()[:16]

    def __repr__(self) -> str:
        return f"PseudonymKey(check={self.check!r})"

    def __reduce__(self) -> NoReturn:
        raise TypeError("a PseudonymKey is not pickled, so that it is never written out")


_KEY_HINT = (
    f"Give --key-file FILE or set {KEY_ENV}; both administrations use the same key. "
    'Make one with: python -c "import secrets; print(secrets.token_hex(32))" > netlink.key'
)


def load_key(
    key_file: str | Path | None = None, *, environ: Mapping[str, str] | None = None
) -> PseudonymKey:
    """The key from ``key_file`` if given, else from the environment variable :data:`KEY_ENV`.

    Raises
    ------
    ParameterError
        Neither is given, the file cannot be read, or the key is too short.

    Examples
    --------
    >>> load_key(environ={KEY_ENV: "0123456789abcdef0123"}).check == load_key(
    ...     environ={KEY_ENV: " 0123456789abcdef0123\\n"}).check
    True
    >>> load_key(environ={})
    Traceback (most recent call last):
    ...
    netlink.errors.ParameterError: a pseudonymised output needs a key, and none was given
    """
    if key_file is not None:
        return PseudonymKey.from_file(key_file)
    env = os.environ if environ is None else environ
    value = env.get(KEY_ENV, "").strip()
    if not value:
        raise ParameterError(
            "a pseudonymised output needs a key, and none was given", hint=_KEY_HINT
        )
    return PseudonymKey(value.encode("utf-8"))


def _ident(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip()


def _document(value: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", value).upper() if c.isalnum())


def normal_form(
    field: str,
    value: Any,
    *,
    country: Any = None,
    city: Any = None,
    postcode: Any = None,
) -> str:
    """The normal form of a value that is hashed: the resolver's key for the field.

    Parameters
    ----------
    field
        A key of :data:`FIELDS`.
    value
        The value as written.
    country, city, postcode
        The record's country (names, phones, tax ids, addresses) and city and postcode
        (addresses), as the resolver uses them.

    Returns
    -------
    str
        "" when the resolver would not use the value (empty, a placeholder, invalid).

    Examples
    --------
    >>> normal_form("email", "mailto: J.Smith+shop@googlemail.com")
    'jsmith@gmail.com'
    >>> normal_form("name", "N/A")
    ''
    """
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ""
    # Imported here: entity resolution loads scikit-learn, which plain exports do not need.
    from netlink.resolve import (
        normalize_address,
        normalize_email,
        normalize_name,
        normalize_phone,
        normalize_tax_id,
        normalize_website,
    )

    text = str(value)
    if field == "name":
        return normalize_name(text, country).text
    if field == "name_core":
        return normalize_name(text, country).squashed
    if field == "address":
        return normalize_address(text, city, postcode, country).key
    if field == "phone":
        return normalize_phone(text, country).e164
    if field == "email":
        return normalize_email(text).canonical
    if field == "tax_id":
        return normalize_tax_id(text, country).value
    if field == "website":
        return normalize_website(text)
    if field == "domain":
        return _ident(text).lower()
    if field == "document":
        return _document(text)
    if field in FIELDS:
        return _ident(text)
    raise ParameterError(f"unknown pseudonymisation field {field!r}; known: {sorted(FIELDS)}")


def keyed_hash(key: PseudonymKey, field: str, normal: str) -> str:
    """The digest of a value already in normal form ("" for an empty one)."""
    return key.digest(field, normal) if normal else ""


def pseudonym(key: PseudonymKey, field: str, value: Any, **context: Any) -> str:
    """The digest of a value after normalisation (:func:`normal_form`), or "".

    Examples
    --------
    >>> k = PseudonymKey(b"0123456789abcdef")
    >>> pseudonym(k, "tax_id", "EORI: DE 1234 5678 9012 345") == pseudonym(k, "tax_id", "DE123456789012345")
    True
    """
    return keyed_hash(key, field, normal_form(field, value, **context))


def token(field: str, digest: str) -> str:
    """The short form of a digest shown in briefings: ``prefix:`` and 12 hex digits.

    Examples
    --------
    >>> token("seizure_id", "0123456789abcdef" * 4)
    'case:0123456789ab'
    """
    return f"{FIELDS[field][1]}:{digest[:_TOKEN_HEX]}"


#: Party columns hashed by :func:`pseudonymise_parties` -> the normalize_parties column.
_PARTY_FIELDS = {
    "name": "name_text",
    "name_core": "name_squashed",
    "address": "address_key",
    "phone": "phone_e164",
    "email": "email_canonical",
    "tax_id": "tax_id_value",
    "website": "website",
}


def _normal_columns(parties: pd.DataFrame) -> pd.DataFrame:
    """The normal form of every hashed party field, one column per field ("" when unusable)."""
    from netlink.resolve import normalize_parties  # see normal_form

    norm = normalize_parties(parties)
    out = pd.DataFrame(index=parties.index)
    for field, column in _PARTY_FIELDS.items():
        if column in norm.columns:
            reason = field.split("_")[0] + "_reason"
            values = norm[column].astype(object).fillna("")
            if reason in norm.columns and field.startswith("name"):
                # A placeholder or punctuation-only name keys nothing in the resolver.
                values = values.where(~norm[reason].isin(["empty", "placeholder"]), "")
            out[field] = values
        else:
            out[field] = ""
    return out


def pseudonymise_parties(parties: pd.DataFrame, key: PseudonymKey) -> pd.DataFrame:
    """Digests of party records, as a partner computes them on its own data to match ours.

    Parameters
    ----------
    parties
        Party records in the extract contract's columns (``record_id, seizure_id, role,
        name, address, city, postcode, country, phone, email, tax_id, website``; those
        missing are treated as empty).
    key
        The shared key.

    Returns
    -------
    pandas.DataFrame
        ``record_id, seizure_id`` (digests), ``role, country`` (as given), then one
        64-hex digest column per field of :data:`FIELDS` from ``name`` to ``website``
        ("" where the value is missing or unusable).

    Examples
    --------
    The whole name is hashed as ``name``, its distinctive words as ``name_core``, which
    still agree when one side abbreviates the place or writes it in Chinese:

    >>> k = PseudonymKey(b"0123456789abcdef")
    >>> ours = pd.DataFrame({"record_id": ["R1"], "name": ["GZ Xinghui Leather Co.,Ltd"],
    ...                      "country": ["CN"]})
    >>> theirs = pd.DataFrame({"record_id": ["X9"], "name": ["广州星辉皮具有限公司"],
    ...                        "country": ["CN"]})
    >>> a, b = pseudonymise_parties(ours, k), pseudonymise_parties(theirs, k)
    >>> a["name_core"].iloc[0] == b["name_core"].iloc[0], a["name"].iloc[0] == b["name"].iloc[0]
    (True, False)
    """
    p = parties.reset_index(drop=True)
    normal = _normal_columns(p)
    out = pd.DataFrame(index=p.index)
    for col, field in (("record_id", "record_id"), ("seizure_id", "seizure_id")):
        values = p[col] if col in p.columns else pd.Series([None] * len(p))
        out[col] = [pseudonym(key, field, v) for v in values]
    for col in ("role", "country"):
        out[col] = p[col] if col in p.columns else None
    for field in _PARTY_FIELDS:
        out[field] = [keyed_hash(key, field, v) for v in normal[field]]
    return out


# --- a whole case --------------------------------------------------------------------

#: Node kinds whose ids and labels name or identify someone (the rest are public:
#: places, brands).
SENSITIVE_KINDS = ("party", "address", "identifier", "domain", "master", "seizure")
#: Node id prefix -> (field of its label, prefix of its pseudonymous id).
_NODE_PREFIXES = {
    "P-": "P-",
    "A-": "A-",
    "I-": "I-",
    "S:": "S:",
    "D:": "D:",
    "M:": "M:",
}
_IDENTIFIER_FIELDS = ("phone", "email", "tax_id", "website")
#: Shortest value looked for in free text and checked for in outputs; all-digit values
#: need more, or dates and amounts would be taken for them.
_MIN_TEXT, _MIN_DIGITS = 4, 6
_WORD = re.compile(r"\w")


def _present(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


class CasePseudonymiser:
    """Pseudonyms for the ids, labels and free text of one case file under one key.

    Node ids keep their kind prefix (``P-``, ``S:``, ...) followed by digest digits;
    labels become tokens (``name:…``, ``case:…``); places and brands stay as they are.
    Free text (role and target reasons) has every name and identifier of the case that
    it quotes replaced by its token, and :meth:`check` refuses strings that still hold
    one.

    Parameters
    ----------
    tables
        The case file's tables (``CaseFile.tables``).
    key
        The key.
    """

    def __init__(self, tables: Mapping[str, pd.DataFrame], key: PseudonymKey) -> None:
        self.key = key
        self._t = tables
        ents = tables["entities"]
        self._entity = ents.drop_duplicates("entity_id").set_index("entity_id")
        seizures = tables["seizures"]["seizure_id"].dropna().astype(str)
        self._seizure_ids = frozenset(seizures)
        self._sensitive: dict[str, tuple[str, Any]] | None = None
        self._index: dict[str, list[str]] | None = None

    # --- single values ------------------------------------------------------------

    def seizure(self, seizure_id: Any) -> str:
        """The token of a seizure id."""
        return token("seizure_id", pseudonym(self.key, "seizure_id", seizure_id) or "0" * 12)

    def record(self, record_id: Any) -> str:
        """The token of a record id; ``<seizure id>/<n>`` keeps its case visible."""
        rid = str(record_id)
        if rid in self._seizure_ids:
            return self.seizure(rid)
        head, sep, tail = rid.rpartition("/")
        if sep and head in self._seizure_ids:
            return f"{self.seizure(head)}/{self._suffix(tail)}"
        return token("record_id", pseudonym(self.key, "record_id", rid) or "0" * 12)

    @staticmethod
    def _suffix(tail: str) -> str:
        # Line and leg numbers are kept; anything longer is hashed like an id.
        return tail if tail.isdigit() and len(tail) <= 4 else "x"

    def records(self, record_ids: Iterable[Any]) -> list[str]:
        """Tokens of record ids, in order."""
        return [self.record(r) for r in record_ids]

    def node_id(self, node_id: Any) -> str:
        """A node id with its kind prefix kept and the rest replaced by digest digits.

        Places (``PL:``) and brands (``B:``) are public and returned unchanged.
        """
        nid = str(node_id)
        if nid.startswith(("PL:", "B:")):
            return nid
        if nid.startswith("S:"):
            return "S:" + self.seizure(nid[2:]).split(":", 1)[1]
        prefix = next((p for p in _NODE_PREFIXES if nid.startswith(p)), "X:")
        return prefix + self.key.digest("entity_id", _ident(nid))[:_TOKEN_HEX]

    def entity_id(self, entity_id: Any) -> str:
        """The pseudonymous id of an entity (as :meth:`node_id`)."""
        return self.node_id(entity_id)

    # --- nodes --------------------------------------------------------------------

    def nodes(self, nodes: pd.DataFrame) -> pd.DataFrame:
        """Nodes with pseudonymous ``node_id`` and ``label`` and a ``hmac`` column.

        ``hmac`` is the full digest of the node's name or identifier (what a partner
        compares with its own digests), "" for places and brands. Other columns are
        kept; ``hub_reason`` has names replaced.
        """
        if nodes.empty:
            return nodes.assign(hmac=pd.Series(dtype=object))
        n = nodes.copy()
        kinds = n["kind"].astype(str).to_numpy()
        ids = n["node_id"].astype(str).to_numpy()
        labels = n["label"].astype(object).to_numpy()
        subtypes = (
            n["subtype"] if "subtype" in n.columns else pd.Series([None] * len(n))
        ).to_numpy()
        attribute = self._attribute_normals(
            [i for i, k in zip(ids, kinds, strict=True) if k in ("address", "identifier")]
        )
        fields, digests = [], []
        for nid, kind, label, subtype in zip(ids, kinds, labels, subtypes, strict=True):
            field, normal = self._node_normal(nid, kind, label, subtype, attribute)
            fields.append(field)
            digests.append(keyed_hash(self.key, field, normal) if field else "")
        new_ids = [self.node_id(i) for i in ids]
        n["label"] = [
            label if not field else (token(field, d) if d else new_id)
            for label, field, d, new_id in zip(labels, fields, digests, new_ids, strict=True)
        ]
        n["node_id"] = new_ids
        n["hmac"] = digests
        if "hub_reason" in n.columns:
            n["hub_reason"] = [self.text(v) if _present(v) else v for v in n["hub_reason"]]
        return n

    def _node_normal(
        self, nid: str, kind: str, label: Any, subtype: Any, attribute: Mapping[str, str]
    ) -> tuple[str, str]:
        """(field, normal form) of a node's label; field "" for public nodes."""
        if kind == "party":
            name, country = label, None
            if nid in self._entity.index:
                row = self._entity.loc[nid]
                name = (
                    row.get("canonical_name", label)
                    if _present(row.get("canonical_name"))
                    else label
                )
                country = row.get("country")
            return "name", normal_form("name", name, country=_country(country))
        if kind == "seizure":
            return "seizure_id", normal_form(
                "seizure_id", nid[2:] if nid.startswith("S:") else label
            )
        if kind == "address":
            return "address", attribute.get(nid) or normal_form("address", label)
        if kind == "identifier":
            field = subtype if subtype in _IDENTIFIER_FIELDS else "entity_id"
            return field, attribute.get(nid) or normal_form(field, label)
        if kind == "domain":
            return "domain", normal_form("domain", nid[2:] if nid.startswith("D:") else label)
        if kind == "master":
            return "document", normal_form("document", label)
        if kind in ("place", "brand"):
            return "", ""
        return "entity_id", normal_form("entity_id", nid)

    def _attribute_normals(self, entity_ids: list[str]) -> dict[str, str]:
        """Per address or identifier entity, the commonest normal form among its records.

        The records are what a partner holds, so the digest is computed as the partner
        computes it (with the record's city, postcode and country), not from the label.
        """
        if not entity_ids:
            return {}
        am = self._t["attribute_members"]
        am = am[am["entity_id"].isin(entity_ids)]
        if am.empty:
            return {}
        parties = self._t["parties"]
        p = parties[parties["record_id"].isin(set(am["record_id"]))]
        normal = _normal_columns(p.reset_index(drop=True)).set_index(p["record_id"].to_numpy())
        normal = normal[~normal.index.duplicated()]
        out: dict[str, str] = {}
        for entity_id, group in am.groupby("entity_id", sort=True):
            votes: Counter[str] = Counter()
            for rid, fld in zip(group["record_id"], group["field"], strict=True):
                if rid in normal.index and fld in normal.columns and normal.at[rid, fld]:
                    votes[normal.at[rid, fld]] += 1
            if votes:
                # Most frequent, ties to the smallest: the same on every run.
                out[str(entity_id)] = min(votes, key=lambda v: (-votes[v], v))
        return out

    # --- free text ----------------------------------------------------------------

    def _inventory(self) -> dict[str, tuple[str, Any]]:
        """Every name and identifier of the case -> (field, country) for its token."""
        if self._sensitive is not None:
            return self._sensitive
        t = self._t
        found: dict[str, tuple[str, Any]] = {}

        def add(values: Iterable[Any], field: str, countries: Iterable[Any] | None = None) -> None:
            cs = repeat(None) if countries is None else countries  # endless when absent
            for value, country in zip(values, cs, strict=False):
                if _present(value):
                    found.setdefault(str(value).strip(), (field, country))

        parties = t["parties"]
        countries = parties["country"] if "country" in parties.columns else None
        for col in ("name", "address", "phone", "email", "tax_id", "website"):
            for variant in (col, f"{col}_raw"):
                if variant in parties.columns:
                    add(parties[variant], col, countries)
        add(parties["record_id"], "record_id")
        ents = t["entities"]
        ent_country = ents["country"] if "country" in ents.columns else None
        for kind, field in (("party", "name"), ("address", "address")):
            sub = ents[ents["kind"] == kind]
            add(
                sub["canonical_name"],
                field,
                ent_country[sub.index] if ent_country is not None else None,
            )
        ids = ents[ents["kind"] == "identifier"]
        for value, subtype in zip(
            ids["canonical_name"], ids.get("subtype", pd.Series([None] * len(ids))), strict=True
        ):
            if _present(value):
                found.setdefault(
                    str(value).strip(),
                    (subtype if subtype in _IDENTIFIER_FIELDS else "entity_id", None),
                )
        add(ents["entity_id"], "entity_id")
        nodes = t["nodes"]
        sens = nodes[nodes["kind"].isin(SENSITIVE_KINDS)]
        add(sens["node_id"], "node_id")
        for value, kind in zip(sens["label"], sens["kind"], strict=True):
            field = {
                "party": "name",
                "address": "address",
                "seizure": "seizure_id",
                "domain": "domain",
                "master": "document",
            }.get(kind, "entity_id")
            if _present(value):
                found.setdefault(str(value).strip(), (field, None))
        seizures = t["seizures"]
        add(seizures["seizure_id"], "seizure_id")
        for col in ("transport_doc_no", "master_doc_no"):
            for variant in (col, f"{col}_raw"):
                if variant in seizures.columns:
                    add(seizures[variant], "document")
        legs = t["legs"]
        for variant in ("conveyance_ref", "conveyance_ref_raw"):
            if variant in legs.columns:
                add(legs[variant], "document")
        public = _public_values(t)
        self._sensitive = {
            s: v
            for s, v in found.items()
            if len(s) >= _MIN_TEXT
            and (not s.isdigit() or len(s) >= _MIN_DIGITS)
            and s not in public
            and s.casefold() not in public
            and not _placeholder(s)
        }
        index: dict[str, list[str]] = {}
        for s in self._sensitive:
            index.setdefault(s[:_MIN_TEXT].casefold(), []).append(s)
        for bucket in index.values():
            bucket.sort(key=len, reverse=True)  # the longest match wins
        self._index = index
        return self._sensitive

    def _matches(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, value) of each sensitive value in ``text``, left to right."""
        self._inventory()
        assert self._index is not None
        folded = text.casefold()
        if len(folded) != len(text):  # a few characters fold to two; match exactly then
            folded = text
        out = []
        i, n = 0, len(text)
        while i <= n - _MIN_TEXT:
            bucket = self._index.get(folded[i : i + _MIN_TEXT])
            hit = None
            if bucket:
                for s in bucket:
                    end = i + len(s)
                    if folded.startswith(s.casefold(), i) and _bounded(text, i, end, s):
                        hit = (i, end, s)
                        break
            if hit:
                out.append(hit)
                i = hit[1]
            else:
                i += 1
        return out

    def text(self, value: Any) -> str:
        """Free text with every name and identifier of the case replaced by its token.

        Examples
        --------
        The case's own names are found where they are quoted whole (case-insensitive,
        at word boundaries); see :meth:`check`.
        """
        if not _present(value):
            return (
                ""
                if value is None or (isinstance(value, float) and np.isnan(value))
                else str(value)
            )
        s = str(value)
        matches = self._matches(s)
        if not matches:
            return s
        parts, last = [], 0
        for start, end, found in matches:
            parts.append(s[last:start])
            parts.append(self._token_of(found))
            last = end
        parts.append(s[last:])
        return "".join(parts)

    def _token_of(self, value: str) -> str:
        assert self._sensitive is not None
        field, country = self._sensitive[value]
        if field == "node_id":
            return self.node_id(value)
        if field == "entity_id" and value[:2] in _NODE_PREFIXES:
            return self.node_id(value)
        if field == "record_id":
            return self.record(value)
        if field == "seizure_id":
            return self.seizure(value)
        digest = (
            pseudonym(self.key, field, value, country=_country(country))
            if field in ("name", "phone", "tax_id", "address")
            else pseudonym(self.key, field, value)
        )
        return token(field, digest) if digest else "[withheld]"

    def check(self, strings: Iterable[Any], *, what: str = "the output") -> None:
        """Raise if any string holds a name or identifier of the case.

        Run on every piece of data a pseudonymised output is made from, so that a value
        that escaped pseudonymisation stops the output rather than leaks in it.

        Raises
        ------
        ParameterError
            Naming the kind of value found (never the value).
        """
        for s in strings:
            if not _present(s):
                continue
            hits = self._matches(str(s))
            if hits:
                field = self._sensitive[hits[0][2]][0] if self._sensitive else "value"
                raise ParameterError(
                    f"pseudonymisation incomplete: a {field} of the case ({len(hits[0][2])} "
                    f"characters) would appear in {what}; nothing was written",
                    hint="This is a netlink bug; please report it (without the data).",
                )


def _country(value: Any) -> str | None:
    return str(value) if _present(value) else None


def _bounded(text: str, start: int, end: int, value: str) -> bool:
    """The match does not start or end inside a word ("Anna" is not in "Annalisa")."""
    if start > 0 and _WORD.match(value[0]) and _WORD.match(text[start - 1]):
        return False
    return not (end < len(text) and _WORD.match(value[-1]) and _WORD.match(text[end]))


def _public_values(tables: Mapping[str, pd.DataFrame]) -> frozenset[str]:
    """Values outputs show as they are: brands, right holders, places, offices, vocabularies.

    A party named like one of them ("Nike") reveals nothing when that string appears as
    the brand it also is. Carriers are not among them: outputs do not show carriers, and
    a carrier is often a party too.
    """
    out: set[str] = set()
    # Shown values, then the words outputs are made of (kinds, subtypes, roles).
    sources: tuple[tuple[str, tuple[str, ...]], ...] = (
        ("goods", ("brand", "rights_holder", "category")),
        ("legs", ("from_place", "to_place", "from_country", "to_country", "mode")),
        ("seizures", ("customs_office", "reporting_country", "origin_country", "destination_country",
                      "transport_mode", "detection_method", "procedure", "operation")),
        ("nodes", ("kind", "subtype")),
        ("edges", ("kind",)),
        ("roles", ("role",)),
    )  # fmt: skip
    for table, cols in sources:
        df = tables.get(table)
        if df is None:
            continue
        for col in cols:
            if col in df.columns:
                out.update(str(v).strip() for v in df[col].dropna().unique())
    nodes = tables.get("nodes")
    if nodes is not None:
        public = nodes[nodes["kind"].isin(["place", "brand"])]
        out.update(str(v).strip() for v in public["label"].dropna())
    return frozenset(out | {s.casefold() for s in out})


def _placeholder(value: str) -> bool:
    """A stand-in such as "Unknown", "N/A" or "xxx": it names nobody, and is common text.

    Judged as the resolver judges names; only short values without digits can be one.
    """
    if len(value) > 16 or any(c.isdigit() for c in value):
        return False
    from netlink.resolve import normalize_name  # see normal_form

    return normalize_name(value).reason in ("empty", "placeholder", "punctuation_only")
