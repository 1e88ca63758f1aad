"""Entity resolution: one entity per real party, address and identifier.

:func:`resolve` turns party records into entities in five steps (docs/entity-resolution.md):
normalise (the ``normalize_*`` functions below), collapse identical profiles, block
(candidate pairs in DuckDB), score (Fellegi-Sunter, parameters by EM, frequency-aware)
and cluster (union-find with a guard against chaining and the analyst's must-link /
cannot-link decisions). Every merge keeps its evidence.

The normalisers turn the identifying columns of party records into keys: names (legal
forms, industry words, place qualifiers, pinyin, romanised surnames), addresses (parts
and a canonical key), phones (E.164), e-mails (free-mail flagged), tax ids (USCC, EORI,
IOSS, VAT) and websites. Scalar functions are pure and total; the plural forms work on
whole columns, normalising each distinct value once.

Examples
--------
>>> from netlink.resolve import normalize_name, normalize_phone
>>> a = normalize_name("GUANG ZHOU XING HUI LEATHER CO.,LTD")
>>> b = normalize_name("广州白云星辉皮具有限公司")
>>> a.core == b.core == "xinghui", a.legal_form == b.legal_form == "ltd"
(True, True)
>>> normalize_phone("0086-13800138000").e164
'+8613800138000'
"""

from netlink.resolve._columns import (
    normalize_addresses,
    normalize_emails,
    normalize_names,
    normalize_parties,
    normalize_phones,
    normalize_tax_ids,
    normalize_websites,
)
from netlink.resolve._links import append_link, read_links
from netlink.resolve._normalize import (
    ADDRESS_REASONS,
    EMAIL_REASONS,
    NAME_REASONS,
    PHONE_REASONS,
    TAX_ID_REASONS,
    AddressKey,
    EmailKey,
    NameKey,
    PhoneKey,
    TaxIdKey,
    normalize_address,
    normalize_email,
    normalize_name,
    normalize_phone,
    normalize_tax_id,
    normalize_website,
)
from netlink.resolve._resolve import ResolveResult, ResolveSettings, resolve

__all__ = [
    "ADDRESS_REASONS",
    "EMAIL_REASONS",
    "NAME_REASONS",
    "PHONE_REASONS",
    "TAX_ID_REASONS",
    "AddressKey",
    "EmailKey",
    "NameKey",
    "PhoneKey",
    "ResolveResult",
    "ResolveSettings",
    "TaxIdKey",
    "append_link",
    "normalize_address",
    "normalize_addresses",
    "normalize_email",
    "normalize_emails",
    "normalize_name",
    "normalize_names",
    "normalize_parties",
    "normalize_phone",
    "normalize_phones",
    "normalize_tax_id",
    "normalize_tax_ids",
    "normalize_website",
    "normalize_websites",
    "read_links",
    "resolve",
]
