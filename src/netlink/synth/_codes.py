"""Integer codes the generator works with, and the names the ground truth writes."""

from __future__ import annotations

#: Roles of true parties in the ground truth (richer than the extract's role column).
TRUTH_ROLES: tuple[str, ...] = (
    "manufacturer",
    "front",
    "seller",
    "forwarder",
    "consolidator",
    "distributor",
    "assembly_site",
    "drop_point",
    "retail_buyer",
    "courier",
    "background",
)
(
    R_MANUFACTURER,
    R_FRONT,
    R_SELLER,
    R_FORWARDER,
    R_CONSOLIDATOR,
    R_DISTRIBUTOR,
    R_ASSEMBLY,
    R_DROP,
    R_BUYER,
    R_COURIER,
    R_BACKGROUND,
) = range(len(TRUTH_ROLES))

#: What makes a party a look-alike (pattern 11); index 0 means none.
CONFOUNDER_KINDS: tuple[str | None, ...] = (
    None,
    "integrator",
    "postal_operator",
    "big_forwarder",
    "customs_broker",
    "haulier",
    "marketplace_platform",
    "registered_office",
    "consolidation_warehouse",
    "common_name",
    "hijacked_company",
)
(
    C_NONE,
    C_INTEGRATOR,
    C_POSTAL,
    C_BIG_FORWARDER,
    C_BROKER,
    C_HAULIER,
    C_PLATFORM,
    C_REG_OFFICE,
    C_WAREHOUSE,
    C_COMMON_NAME,
    C_HIJACKED,
) = range(len(CONFOUNDER_KINDS))

#: How a party's name is built (which pools its name components index).
(
    ST_CN_CO,
    ST_HK_CO,
    ST_TR_CO,
    ST_EU_CO,
    ST_INTL_CO,
    ST_LOGI,
    ST_STORE,
    ST_FIXED,
    ST_CN_PERSON,
    ST_EU_PERSON,
    ST_TR_PERSON,
) = range(11)

#: Case flows: what kind of shipment a case is.
FLOWS: tuple[str, ...] = (
    "bulk",
    "parcel",
    "drop",
    "labels",
    "unbranded",
    "hijack",
    "background_parcel",
    "background_cargo",
    "background_passenger",
)
(
    F_BULK,
    F_PARCEL,
    F_DROP,
    F_LABELS,
    F_UNBRANDED,
    F_HIJACK,
    F_BG_PARCEL,
    F_BG_CARGO,
    F_BG_PASSENGER,
) = range(len(FLOWS))

#: Transport modes, as the contract spells them.
MODES: tuple[str, ...] = ("postal", "express", "air", "sea", "road", "rail", "passenger")
M_POSTAL, M_EXPRESS, M_AIR, M_SEA, M_ROAD, M_RAIL, M_PASSENGER = range(len(MODES))

#: Party slots of a case, in the order records are written; the extract role of each.
SLOT_ROLES: tuple[str, ...] = (
    "consignor",
    "seller",
    "consignee",
    "notify",
    "forwarder",
    "declarant",
    "carrier",
    "other",
)
S_CONSIGNOR, S_SELLER, S_CONSIGNEE, S_NOTIFY, S_FORWARDER, S_DECLARANT, S_CARRIER, S_OTHER = range(
    len(SLOT_ROLES)
)

#: The patterns of domain-notes.md, "How the networks are organised".
PATTERNS: dict[int, tuple[str, str]] = {
    1: ("rotating_fronts", "a factory behind 3 to 8 front companies sharing its contacts"),
    2: ("forwarder_bridge", "house documents under one master document and one forwarder"),
    3: ("transit_hub", "multi-leg route through a hub; dispatch country differs from origin"),
    4: ("ant_trade", "small parcels from one seller to many consignees, 'gift' or 'sample'"),
    5: ("labels_apart", "labels shipped apart from unbranded goods to a linked assembler"),
    6: ("drop_points", "several consignee names at one address; one name at many addresses"),
    7: ("hijacked_identity", "a real company's name or EORI with the network's contacts"),
    8: ("seller_ring", "marketplace stores sharing contact details and IOSS numbers"),
    9: ("misdeclaration", "generic description, under-declared value, unit-value outlier"),
    10: ("displacement", "the network moves to another entry point after seizures"),
    11: ("benign_lookalike", "integrators, big forwarders, shared offices, common names"),
}

#: Kinds of true addresses.
ADDRESS_KINDS: tuple[str, ...] = (
    "premises",
    "residence",
    "registered_office",
    "consolidation_warehouse",
    "drop_address",
    "integrator_hub",
    "placeholder",
)
A_PREMISES, A_RESIDENCE, A_REG_OFFICE, A_WAREHOUSE, A_DROP, A_HUB, A_PLACEHOLDER = range(
    len(ADDRESS_KINDS)
)

#: Kinds of identifiers, and how an identifier is shared.
ID_KINDS: tuple[str, ...] = ("phone", "email", "tax_id", "website")
ID_SHARING: tuple[str, ...] = (
    "own",
    "network_shared",
    "platform",
    "placeholder",
    "hijacked",
    "hub",
)
SH_OWN, SH_NETWORK, SH_PLATFORM, SH_PLACEHOLDER, SH_HIJACKED, SH_HUB = range(len(ID_SHARING))
