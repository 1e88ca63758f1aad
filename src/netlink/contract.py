"""The seizure extract contract, version 1, as data.

Everything that reads, writes or generates an extract takes table names, columns, types
and vocabularies from here, so the contract is stated once (docs/extract-contract.md is
its prose).

Examples
--------
>>> from netlink.contract import TABLES, ROLES
>>> TABLES["parties"].required_columns
('record_id', 'seizure_id', 'role', 'name')
>>> "consignor" in ROLES
True
>>> TABLES["goods"].key
('seizure_id', 'line_no')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "CONTRACT_VERSION",
    "COUNTRIES",
    "COUNTRY_ALIASES",
    "INTERMEDIARY_ROLES",
    "MODE_SYNONYMS",
    "PROCEDURES",
    "ROLES",
    "ROLE_SYNONYMS",
    "TABLES",
    "TABLE_ORDER",
    "TRANSPORT_MODES",
    "VOCAB_SYNONYMS",
    "Column",
    "Table",
]

CONTRACT_VERSION = 1

ColumnType = Literal["VARCHAR", "DATE", "DOUBLE", "BIGINT", "INTEGER"]
#: How a column is checked and normalised: ``id`` (trimmed, not NFKC-folded), ``text``
#: (NFKC and whitespace, raw kept), ``country`` (ISO alpha-2), ``vocab`` (a closed list),
#: ``date``, ``number``.
ColumnKind = Literal["id", "text", "country", "vocab", "date", "number"]


@dataclass(frozen=True)
class Column:
    """One column of a contract table."""

    name: str
    type: ColumnType
    kind: ColumnKind
    required: bool = False
    vocab: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """One contract table: its columns, its unique key and the table its rows hang on."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    parent: str | None = None  # rows must refer to an existing row of this table
    required: bool = True  # a missing optional table is read as empty

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


ROLES: tuple[str, ...] = (
    "consignor",
    "consignee",
    "declarant",
    "forwarder",
    "carrier",
    "seller",
    "buyer",
    "notify",
    "other",
)
#: Roles of parties that carry, forward or declare goods for others rather than own them.
INTERMEDIARY_ROLES: tuple[str, ...] = ("declarant", "forwarder", "carrier")

#: Spellings seen in other systems that mean a contract role; applied after lower-casing.
ROLE_SYNONYMS: dict[str, str] = {
    "shipper": "consignor",
    "sender": "consignor",
    "exporter": "consignor",
    "receiver": "consignee",
    "recipient": "consignee",
    "importer": "consignee",
    "addressee": "consignee",
    "freight forwarder": "forwarder",
    "customs broker": "declarant",
    "broker": "declarant",
    "notify party": "notify",
    "vendor": "seller",
    "purchaser": "buyer",
}

MODE_SYNONYMS: dict[str, str] = {
    "post": "postal",
    "mail": "postal",
    "courier": "express",
    "express courier": "express",
    "maritime": "sea",
    "ocean": "sea",
    "vessel": "sea",
    "truck": "road",
    "lorry": "road",
    "train": "rail",
    "railway": "rail",
    "traveller": "passenger",
}

TRANSPORT_MODES: tuple[str, ...] = (
    "postal",
    "express",
    "air",
    "sea",
    "road",
    "rail",
    "passenger",
    "other",
)

PROCEDURES: tuple[str, ...] = ("import", "export", "transit", "transhipment")

# ISO 3166-1 alpha-2, all 249 officially assigned codes, plus XK (Kosovo), which customs
# systems use although ISO has not assigned it.
COUNTRIES: frozenset[str] = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN
    BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
    DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL
    GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM
    JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
    MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP
    NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD
    SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
    TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK
    """.split()  # noqa: SIM905 (reads as the standard prints it)
)

#: Common non-ISO spellings, mapped with a load issue recorded (never silently).
COUNTRY_ALIASES: dict[str, str] = {"UK": "GB", "EL": "GR"}


def _c(
    name: str,
    type_: ColumnType,
    kind: ColumnKind,
    required: bool = False,
    vocab: tuple[str, ...] = (),
) -> Column:
    return Column(name, type_, kind, required, vocab)


SEIZURES = Table(
    "seizures",
    (
        _c("seizure_id", "VARCHAR", "id", True),
        _c("seizure_date", "DATE", "date", True),
        _c("reporting_country", "VARCHAR", "country", True),
        _c("customs_office", "VARCHAR", "text"),
        _c("transport_mode", "VARCHAR", "vocab", vocab=TRANSPORT_MODES),
        _c("detection_method", "VARCHAR", "text"),
        _c("procedure", "VARCHAR", "vocab", vocab=PROCEDURES),
        _c("operation", "VARCHAR", "text"),
        _c("origin_country", "VARCHAR", "country"),
        _c("destination_country", "VARCHAR", "country"),
        _c("transport_doc_no", "VARCHAR", "text"),
        _c("master_doc_no", "VARCHAR", "text"),
        _c("declared_value_eur", "DOUBLE", "number"),
        _c("items", "BIGINT", "number"),
        _c("value_eur", "DOUBLE", "number"),
        _c("description", "VARCHAR", "text"),
    ),
    key=("seizure_id",),
)

PARTIES = Table(
    "parties",
    (
        _c("record_id", "VARCHAR", "id", True),
        _c("seizure_id", "VARCHAR", "id", True),
        _c("role", "VARCHAR", "vocab", True, ROLES),
        _c("name", "VARCHAR", "text", True),
        _c("address", "VARCHAR", "text"),
        _c("city", "VARCHAR", "text"),
        _c("postcode", "VARCHAR", "text"),
        _c("country", "VARCHAR", "country"),
        _c("phone", "VARCHAR", "text"),
        _c("email", "VARCHAR", "text"),
        _c("tax_id", "VARCHAR", "text"),
        _c("website", "VARCHAR", "text"),
    ),
    key=("record_id",),
    parent="seizures",
)

GOODS = Table(
    "goods",
    (
        _c("seizure_id", "VARCHAR", "id", True),
        _c("line_no", "INTEGER", "number", True),
        _c("category", "VARCHAR", "text"),
        _c("hs_code", "VARCHAR", "text"),
        _c("brand", "VARCHAR", "text"),
        _c("rights_holder", "VARCHAR", "text"),
        _c("quantity", "DOUBLE", "number"),
        _c("unit", "VARCHAR", "text"),
        _c("value_eur", "DOUBLE", "number"),
    ),
    key=("seizure_id", "line_no"),
    parent="seizures",
    required=False,
)

LEGS = Table(
    "legs",
    (
        _c("seizure_id", "VARCHAR", "id", True),
        _c("seq", "INTEGER", "number", True),
        _c("from_place", "VARCHAR", "text"),
        _c("from_country", "VARCHAR", "country"),
        _c("to_place", "VARCHAR", "text"),
        _c("to_country", "VARCHAR", "country"),
        _c("mode", "VARCHAR", "vocab", vocab=TRANSPORT_MODES),
        _c("carrier", "VARCHAR", "text"),
        _c("conveyance_ref", "VARCHAR", "text"),
    ),
    key=("seizure_id", "seq"),
    parent="seizures",
    required=False,
)

#: Load order: parents before the tables that refer to them.
#: Synonyms per vocabulary column, applied after lower-casing and recorded as issues.
VOCAB_SYNONYMS: dict[str, dict[str, str]] = {
    "role": ROLE_SYNONYMS,
    "transport_mode": MODE_SYNONYMS,
    "mode": MODE_SYNONYMS,
}

TABLE_ORDER: tuple[str, ...] = ("seizures", "parties", "goods", "legs")
TABLES: dict[str, Table] = {t.name: t for t in (SEIZURES, PARTIES, GOODS, LEGS)}
