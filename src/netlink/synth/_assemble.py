"""Turn the generated arrays into tables: the extract's parties, and the ground truth.

Only true parties, addresses and identifiers that appear on some record (or are the
primary contact of such a party) are kept; their ids (P..., A..., I...) number them in
creation order, so the same seed gives the same ids.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from netlink.synth import _render as R
from netlink.synth import _text as T
from netlink.synth._codes import (
    A_REG_OFFICE,
    A_WAREHOUSE,
    ADDRESS_KINDS,
    C_BIG_FORWARDER,
    C_BROKER,
    C_COMMON_NAME,
    C_HAULIER,
    C_INTEGRATOR,
    C_PLATFORM,
    C_POSTAL,
    CONFOUNDER_KINDS,
    F_BULK,
    F_DROP,
    F_HIJACK,
    F_LABELS,
    F_PARCEL,
    F_UNBRANDED,
    FLOWS,
    ID_KINDS,
    ID_SHARING,
    MODES,
    PATTERNS,
    R_FRONT,
    R_MANUFACTURER,
    R_SELLER,
    S_CONSIGNEE,
    S_CONSIGNOR,
    S_FORWARDER,
    S_SELLER,
    SH_PLACEHOLDER,
    SLOT_ROLES,
    TRUTH_ROLES,
)
from netlink.synth._lookup import CATEGORY_POOL, CITIES, COUNTRY_POOL
from netlink.synth._parties import AS_PLACEHOLDER, LINK_NAMES, World
from netlink.synth._plan import Cases, Networks
from netlink.synth._records import CaseParties, Records
from netlink.synth._settings import SynthSettings
from netlink.synth._shipments import EPOCH, Shipments, money, seizure_text


def _ids(prefix: str, idx: np.ndarray, width: int) -> pa.Array:
    """``prefix`` + 1-based zero-padded number; NULL where ``idx`` is -1."""
    idx = np.asarray(idx)
    return T.null_if(idx < 0, T.cat(prefix, T.digits(np.maximum(idx, 0) + 1, width)))


class Ids:
    """Final ids of the kept parties, addresses and identifiers (compact numbering)."""

    def __init__(self, w: World, recs: Records) -> None:
        p = w.p
        used = np.zeros(w.n_parties, dtype=bool)
        used[recs.party] = True
        used[recs.hijacked[recs.hijacked >= 0]] = True
        self.party_map = np.cumsum(used) - 1
        self.party_map[~used] = -1
        self.parties = np.flatnonzero(used)
        kept = self.parties

        def keep(total: int, *refs: np.ndarray) -> np.ndarray:
            mask = np.zeros(total, dtype=bool)
            for r in refs:
                mask[r[r >= 0]] = True
            out = np.cumsum(mask) - 1
            out[~mask] = -1
            return out

        self.addr_map = keep(w.addr["kind"].size, recs.addr, p["addr"][kept])
        n_ph, n_em = w.phones["owner"].size, w.emails["owner"].size
        n_tx, n_wb = w.taxes["owner"].size, w.webs["owner"].size
        self.phone_map = keep(n_ph, recs.phone, p["phone"][kept])
        self.email_map = keep(n_em, recs.email, p["email"][kept])
        self.tax_map = keep(n_tx, recs.tax, p["tax"][kept])
        self.web_map = keep(n_wb, recs.web, p["web"][kept])
        # Identifiers are numbered phones first, then emails, tax ids, websites.
        self.offsets = np.cumsum(
            [0] + [int((m >= 0).sum()) for m in (self.phone_map, self.email_map, self.tax_map)]
        )

    def party(self, idx: np.ndarray) -> pa.Array:
        idx = np.asarray(idx)
        return _ids("P", np.where(idx >= 0, self.party_map[np.maximum(idx, 0)], -1), 8)

    def address(self, idx: np.ndarray) -> pa.Array:
        idx = np.asarray(idx)
        return _ids("A", np.where(idx >= 0, self.addr_map[np.maximum(idx, 0)], -1), 8)

    def identifier(self, kind: int, idx: np.ndarray) -> pa.Array:
        maps = (self.phone_map, self.email_map, self.tax_map, self.web_map)
        idx = np.asarray(idx)
        local = np.where(idx >= 0, maps[kind][np.maximum(idx, 0)], -1)
        return _ids("I", np.where(local >= 0, local + self.offsets[kind], -1), 8)


def network_ids(net: np.ndarray) -> pa.Array:
    return _ids("N", net, 5)


#: Records rendered and written per chunk: bounds memory; fixed, so output is stable.
RECORD_CHUNK = 1_000_000


def party_records(w: World, recs: Records, rng: np.random.Generator) -> Iterator[pa.Table]:
    """The extract's parties table, in chunks: every record written with its variation."""
    for start in range(0, max(recs.n, 1), RECORD_CHUNK):
        yield _party_chunk(w, recs.slice(start, start + RECORD_CHUNK), start, rng)


def _party_chunk(w: World, recs: Records, first: int, rng: np.random.Generator) -> pa.Table:
    n = recs.n
    name = R.names(
        w, recs.name_party, recs.name_varied, recs.name_u, recs.name_upper, recs.zh, recs.roman, rng
    )
    name = T.typos(name, np.flatnonzero(recs.typo == 1), rng)
    line, city, postcode = R.addresses(
        w, recs.addr, recs.addr_varied, recs.addr_u, recs.addr_upper, recs.zh
    )
    line = T.typos(line, np.flatnonzero(recs.typo == 2), rng)
    a = np.maximum(recs.addr, 0)
    real_addr = (recs.addr >= 0) & (w.addr["style"][a] != AS_PLACEHOLDER)
    country = np.where(real_addr, w.addr["country"][a], w.p["country"][recs.party])
    # City and postcode are often left out even where the street line is written.
    city = T.null_if(rng.random(n) < 0.12, city)
    postcode = T.null_if(rng.random(n) < 0.25, postcode)
    return pa.table(
        {
            "record_id": _ids("R", first + np.arange(n), 8),
            "seizure_id": seizure_text(recs.case),
            "role": T.pool(SLOT_ROLES).take(recs.slot),
            "name": name,
            "address": line,
            "city": city,
            "postcode": postcode,
            "country": T.null_if(rng.random(n) < 0.02, COUNTRY_POOL.take(country)),
            "phone": R.phones(w, recs.phone, recs.phone_fmt),
            "email": R.emails(w, recs.email, recs.email_fmt),
            "tax_id": R.taxes(w, recs.tax, recs.tax_fmt),
            "website": R.websites(w, recs.web, recs.web_fmt),
        }
    )


def truth_tables(
    s: SynthSettings,
    nets: Networks,
    cases: Cases,
    w: World,
    cp: CaseParties,
    recs: Records,
    ship: Shipments,
) -> Iterator[tuple[str, pa.Table]]:
    """The ground-truth tables, one at a time (each can be written and dropped)."""
    ids = Ids(w, recs)
    yield (
        "pattern_catalog",
        pa.table(
            {
                "pattern_no": pa.array(list(PATTERNS), pa.int32()),
                "pattern": [v[0] for v in PATTERNS.values()],
                "description": [v[1] for v in PATTERNS.values()],
            }
        ),
    )
    yield "true_parties", _true_parties(w, recs, ids)
    yield "record_truth", _record_truth(w, recs, ids)
    rows = pattern_rows(s, nets, cases, w, cp, recs, ship, ids)
    yield "patterns", rows.table()
    yield "networks", _networks(s, nets, cases, w, recs, ids, rows)
    yield "case_truth", _case_truth(nets, cases, w, cp, ship, ids, rows)
    yield "true_addresses", _true_addresses(w, recs, ids)
    yield "true_identifiers", _true_identifiers(w, recs, ids)


def _true_parties(w: World, recs: Records, ids: Ids) -> pa.Table:
    p, st = w.p, w.st
    k = ids.parties
    m = k.size
    z = np.zeros(m, dtype=bool)
    canonical = R.names(w, k, z, np.zeros(m), z, z, z, np.random.default_rng(0))
    net = p["net"][k]
    conf = p["conf"][k]
    front = p["role"][k] == R_FRONT
    linked = front | ((p["role"][k] == R_SELLER) & (net >= 0))
    n_records = np.bincount(ids.party_map[recs.party], minlength=m)
    manuf = np.where(front, st["manufacturer"][np.maximum(net, 0)], -1)
    return pa.table(
        {
            "party_id": ids.party(k),
            "network_id": network_ids(net),
            "role": T.pool(TRUTH_ROLES).take(p["role"][k]),
            "kind": T.pool(["company", "person"]).take(p["kind"][k]),
            "canonical_name": canonical,
            "country": COUNTRY_POOL.take(p["country"][k]),
            "city": CITIES.name.take(p["city"][k]),
            "is_confounder": pa.array((conf > 0) & (net < 0)),
            "confounder_kind": T.null_if(
                conf == 0, T.pool([c or "" for c in CONFOUNDER_KINDS]).take(conf)
            ),
            "address_id": ids.address(p["addr"][k]),
            "phone_id": ids.identifier(0, p["phone"][k]),
            "email_id": ids.identifier(1, p["email"][k]),
            "tax_identifier_id": ids.identifier(2, p["tax"][k]),
            "website_id": ids.identifier(3, p["web"][k]),
            "front_of": ids.party(manuf),
            "shares_with_manufacturer": T.null_if(~linked, T.pool(LINK_NAMES).take(p["link"][k])),
            "n_records": pa.array(n_records.astype(np.int64)),
        }
    )


def _record_truth(w: World, recs: Records, ids: Ids) -> pa.Table:
    p = w.p
    n = recs.n
    name_form = np.where(recs.zh, 2, np.where(recs.roman, 3, np.where(recs.name_varied, 1, 0)))
    addr_form = np.where(recs.addr < 0, -1, np.where(recs.zh, 2, recs.addr_varied.astype(int)))
    return pa.table(
        {
            "record_id": _ids("R", np.arange(n), 8),
            "seizure_id": seizure_text(recs.case),
            "party_id": ids.party(recs.party),
            "network_id": network_ids(p["net"][recs.party]),
            "truth_role": T.pool(TRUTH_ROLES).take(p["role"][recs.party]),
            "extract_role": T.pool(SLOT_ROLES).take(recs.slot),
            "hijacked_party_id": ids.party(recs.hijacked),
            "address_id": ids.address(recs.addr),
            "phone_id": ids.identifier(0, recs.phone),
            "email_id": ids.identifier(1, recs.email),
            "tax_identifier_id": ids.identifier(2, recs.tax),
            "website_id": ids.identifier(3, recs.web),
            "name_form": T.pool(["usual", "variant", "chinese", "other_romanisation"]).take(
                name_form
            ),
            "name_upper": pa.array(recs.name_upper),
            "address_form": T.null_if(
                addr_form < 0,
                T.pool(["usual", "variant", "chinese"]).take(np.maximum(addr_form, 0)),
            ),
            "phone_format": pa.array(
                np.where(recs.phone >= 0, recs.phone_fmt, -1).astype(np.int32), mask=recs.phone < 0
            ),
            "typo_in": T.null_if(recs.typo == 0, T.pool(["", "name", "address"]).take(recs.typo)),
            "placeholder_in": T.null_if(
                recs.placeholder == 0,
                T.pool(["", "phone", "email", "address"]).take(recs.placeholder),
            ),
            "carries_manufacturer_link": pa.array(recs.carries_link),
        }
    )


@dataclass
class PatternRows:
    """Pattern rows as arrays (network, case and record indexes, -1 for none)."""

    no: np.ndarray
    net: np.ndarray
    case: np.ndarray
    record: np.ndarray
    detail: pa.Array

    def table(self) -> pa.Table:
        names = T.pool([PATTERNS[k][0] for k in sorted(PATTERNS)])
        return pa.table(
            {
                "pattern_no": pa.array(self.no.astype(np.int32)),
                "pattern": names.take(self.no - 1),
                "network_id": network_ids(self.net),
                "seizure_id": seizure_text(self.case),
                "record_id": _ids("R", self.record, 8),
                "detail": self.detail,
            }
        )


def pattern_rows(s, nets, cases, w, cp, recs, ship, ids) -> PatternRows:
    """One row per (pattern, record) or, for case-level patterns, per (pattern, case)."""
    p, st = w.p, w.st
    rows: list[tuple[int, np.ndarray, np.ndarray, np.ndarray, pa.Array]] = []
    r_net = p["net"][recs.party]
    r_net0 = np.maximum(r_net, 0)
    c_net = cases.net[recs.case]
    role = p["role"][recs.party]
    flow = cases.flow[recs.case]

    def add(
        no: int, net: np.ndarray, case: np.ndarray, record: np.ndarray, detail: pa.Array
    ) -> None:
        rows.append((no, net, case, record, detail))

    def rec(no: int, mask: np.ndarray, detail: pa.Array) -> None:
        """Rows for the records in ``mask``; ``detail`` has one entry per such record."""
        r = np.flatnonzero(mask)
        add(no, np.where(c_net[r] >= 0, c_net[r], r_net[r]), recs.case[r], r, detail)

    def observed(mask: np.ndarray) -> np.ndarray:
        """Per network: distinct parties of the records in ``mask`` (what the data shows)."""
        parties = np.unique(recs.party[mask])
        return np.bincount(p["net"][parties], minlength=nets.n)

    # 1: fronts of factories with three or more on record, and the factories themselves.
    n_fronts = observed(role == R_FRONT)
    big = n_fronts[r_net0] >= 3
    fr = (role == R_FRONT) & big
    manuf = st["manufacturer"][r_net0]
    r = np.flatnonzero(fr)
    rec(
        1,
        fr,
        T.cat(
            "front ",
            ids.party(recs.party[r]),
            " of manufacturer ",
            ids.party(manuf[r]),
            " shares its ",
            T.pool(LINK_NAMES).take(p["link"][recs.party[r]]),
            T.where(recs.carries_link[r], "; written on this record", ""),
        ),
    )
    mf = (role == R_MANUFACTURER) & big
    r = np.flatnonzero(mf)
    rec(1, mf, T.cat("manufacturer behind ", T.digits(n_fronts[r_net0[r]]), " front companies"))

    # 2: the network forwarder's records on consolidated cases.
    group_size = np.bincount(np.maximum(cp.master, 0), minlength=1)
    master_doc = ship.master_doc
    m2 = (recs.slot == S_FORWARDER) & cp.master_network[recs.case]
    r = np.flatnonzero(m2)
    rec(
        2,
        m2,
        T.cat(
            "one of ",
            T.digits(group_size[cp.master[recs.case[r]]]),
            " house documents under master ",
            master_doc.take(recs.case[r]),
            " of forwarder ",
            ids.party(recs.party[r]),
        ),
    )

    # Case-level patterns: 3 (hub routes), 9 (misdeclaration), 10 (displacement).
    in_net = cases.net >= 0
    c = np.flatnonzero(in_net & (cases.hub >= 0))
    from netlink.synth._shipments import HUB_AIRPORT, HUB_CC, HUB_PORT

    hub = cases.hub[c]
    place = T.where(cases.mode[c] == 3, HUB_PORT.take(hub), HUB_AIRPORT.take(hub))
    add(
        3,
        cases.net[c],
        c,
        np.full(c.size, -1),
        T.cat(
            "route via ",
            HUB_CC.take(hub),
            " (",
            place,
            "); origin ",
            COUNTRY_POOL.take(ship.origin[c]),
            ", dispatched from ",
            COUNTRY_POOL.take(ship.dispatch[c]),
        ),
    )
    c = np.flatnonzero(in_net & cases.misdeclared)
    add(
        9,
        cases.net[c],
        c,
        np.full(c.size, -1),
        T.cat(
            "declared ",
            money(ship.unit_value[c]),
            " EUR per article against a typical ",
            money(ship.typical_unit[c]),
            " for HS ",
            ship.hs.take(c),
            "; described '",
            ship.description.take(c),
            "'",
        ),
    )
    c = np.flatnonzero(in_net & (cases.phase > 0))
    net = cases.net[c]
    move = pa.array(
        ((s.start - EPOCH).days + nets.disp_day[net]).astype(np.int32), pa.date32()
    ).cast(pa.string())
    mode = T.pool(MODES).take(cases.mode[c])
    add(
        10,
        net,
        c,
        np.full(c.size, -1),
        T.where(
            cases.phase[c] == 1,
            T.cat(
                "seizure burst at ",
                ship.entry.take(c),
                " in the four weeks before the move on ",
                move,
            ),
            T.cat("after the move on ", move, ": enters at ", ship.entry.take(c), " by ", mode),
        ),
    )

    # 4: ant trade: the store's records on small parcels to retail buyers.
    m4 = (flow == F_PARCEL) & np.isin(recs.slot, [S_CONSIGNOR, S_SELLER])
    r = np.flatnonzero(m4)
    cons = cp.slots[recs.case[r], S_CONSIGNEE]
    rec(
        4,
        m4,
        T.cat(
            "parcel of ",
            T.digits(cases.items[recs.case[r]]),
            " article(s), declared ",
            money(ship.declared[recs.case[r]]),
            " EUR, to ",
            ids.party(cons),
        ),
    )

    # 5: labels and unbranded goods to the assembly site or its linked company.
    m5 = np.isin(flow, [F_LABELS, F_UNBRANDED]) & (recs.slot == S_CONSIGNEE)
    r = np.flatnonzero(m5)
    case = recs.case[r]
    pair = cases.pair[case]
    labels = flow[r] == F_LABELS
    gap = np.abs(cases.day[case] - cases.day[np.maximum(pair, 0)])
    rec(
        5,
        m5,
        T.cat(
            T.where(labels, "labels; the unbranded goods are ", "unbranded goods; the labels are "),
            seizure_text(pair),
            ", ",
            T.digits(gap),
            " days apart, to ",
            ids.party(recs.party[r]),
        ),
    )

    # 6: drop points.
    m6 = (flow == F_DROP) & (recs.slot == S_CONSIGNEE)
    n_names = observed(m6 & (recs.party != st["drop_multi"][r_net0]))
    r = np.flatnonzero(m6)
    multi = recs.party[r] == st["drop_multi"][r_net0[r]]
    rec(
        6,
        m6,
        T.where(
            multi,
            T.cat(
                "one name at three addresses",
                T.where(recs.addr[r] >= 0, T.cat("; here ", ids.address(recs.addr[r])), ""),
            ),
            T.cat(
                "one of ",
                T.digits(n_names[r_net0[r]]),
                " names at drop address ",
                ids.address(st["drop_address"][r_net0[r]]),
            ),
        ),
    )

    # 7: hijacked importer identity.
    m7 = recs.hijacked >= 0
    r = np.flatnonzero(m7)
    rec(
        7,
        m7,
        T.cat(
            "name and EORI of ",
            ids.party(recs.hijacked[r]),
            " written by ",
            ids.party(recs.party[r]),
            " with its own contacts",
        ),
    )

    # 8: marketplace seller rings.
    m8 = (role == R_SELLER) & (r_net >= 0) & (st["ring_phone"][r_net0] >= 0)
    n_stores = observed(m8)
    r = np.flatnonzero(m8)
    ring_tax = w.tax_value.take(np.maximum(st["ring_tax"][r_net0[r]], 0))
    rec(
        8,
        m8,
        T.cat(
            "store ",
            ids.party(recs.party[r]),
            " of a ring of ",
            T.digits(n_stores[r_net0[r]]),
            " stores sharing IOSS ",
            ring_tax,
            ", a phone and a mailbox",
        ),
    )

    # 11: benign look-alikes: hub parties, placeholders, shared offices, common names.
    conf = p["conf"][recs.party]
    hubs = [C_INTEGRATOR, C_POSTAL, C_BIG_FORWARDER, C_BROKER, C_HAULIER, C_PLATFORM]
    benign = np.isin(conf, hubs) & (r_net < 0)
    akind = np.where(recs.addr >= 0, w.addr["kind"][np.maximum(recs.addr, 0)], -1)
    hub_addr = np.isin(akind, [A_REG_OFFICE, A_WAREHOUSE])
    common = conf == C_COMMON_NAME
    placeholder = recs.placeholder > 0
    m11 = benign | hub_addr | common | placeholder
    reason = np.where(
        benign,
        conf,
        np.where(placeholder, 20 + recs.placeholder, np.where(hub_addr, 30 + akind, C_COMMON_NAME)),
    )
    labels11 = {k: "benign " + str(CONFOUNDER_KINDS[k]).replace("_", " ") for k in hubs}
    labels11.update(
        {
            21: "placeholder phone",
            22: "placeholder email",
            23: "placeholder address",
            30 + A_REG_OFFICE: "registered office shared by many companies",
            30 + A_WAREHOUSE: "consolidation warehouse shared by many parties",
            C_COMMON_NAME: "very common personal name",
        }
    )
    keys = np.array(sorted(labels11))
    text = T.pool([labels11[k] for k in keys])
    r = np.flatnonzero(m11)
    rec(11, m11, text.take(np.searchsorted(keys, reason[r])))

    no = np.concatenate([np.full(x[1].size, x[0]) for x in rows])
    net = np.concatenate([x[1] for x in rows])
    case = np.concatenate([x[2] for x in rows])
    record = np.concatenate([x[3] for x in rows])
    detail = pa.concat_arrays([x[4].cast(pa.string()) for x in rows])
    order = np.lexsort((record, case, no))
    return PatternRows(no[order], net[order], case[order], record[order], detail.take(order))


def _networks(s, nets, cases, w, recs, ids, rows: PatternRows) -> pa.Table:
    p, st = w.p, w.st
    k = nets.n
    member_records = p["net"][recs.party]
    has = member_records >= 0
    pairs = np.unique(member_records[has] * np.int64(w.n_parties) + recs.party[has])
    party_net = pairs // w.n_parties
    n_parties = np.bincount(party_net, minlength=k)
    party_role = p["role"][pairs % w.n_parties]
    n_fronts = np.bincount(party_net[party_role == R_FRONT], minlength=k)
    n_stores = np.bincount(party_net[party_role == R_SELLER], minlength=k)
    n_cases = np.bincount(cases.net[cases.net >= 0], minlength=k)
    n_recs = np.bincount(member_records[has], minlength=k)
    first = np.full(k, np.iinfo(np.int64).max)
    last = np.full(k, -1)
    in_net = cases.net >= 0
    np.minimum.at(first, cases.net[in_net], cases.day[in_net])
    np.maximum.at(last, cases.net[in_net], cases.day[in_net])
    size_class = np.where(n_cases >= 100, 2, np.where(n_cases >= 20, 1, 0))
    real = np.flatnonzero(n_cases > 0)  # not the phantom network of a world without any
    base = (s.start - EPOCH).days
    has_net = rows.net >= 0
    flags = np.zeros((k, 12), dtype=bool)
    flags[rows.net[has_net], rows.no[has_net]] = True
    pattern_list = [",".join(str(j) for j in range(1, 12) if flags[i, j]) for i in range(k)]
    markets = [
        ",".join(COUNTRY_POOL.take(nets.markets[i, : nets.n_markets[i]]).to_pylist())
        for i in range(k)
    ]
    table = pa.table(
        {
            "network_id": network_ids(np.arange(k)),
            "manufacturer_party_id": ids.party(st["manufacturer"]),
            "source_city": CITIES.name.take(nets.city),
            "source_country": COUNTRY_POOL.take(nets.country),
            "main_category": CATEGORY_POOL.take(nets.category[:, 0]),
            "markets": pa.array(markets, pa.string()),
            "n_parties": pa.array(n_parties.astype(np.int64)),
            "n_fronts": pa.array(n_fronts.astype(np.int64)),
            "n_stores": pa.array(n_stores.astype(np.int64)),
            "n_cases": pa.array(n_cases.astype(np.int64)),
            "n_records": pa.array(n_recs.astype(np.int64)),
            "size_class": T.pool(["small", "medium", "large"]).take(size_class),
            "first_date": pa.array((base + first).astype(np.int32), pa.date32()),
            "last_date": pa.array((base + last).astype(np.int32), pa.date32()),
            "displaced": pa.array(nets.displaced),
            "displacement_date": pa.array(
                (base + nets.disp_day).astype(np.int32), pa.date32(), mask=~nets.displaced
            ),
            "patterns": pa.array(pattern_list, pa.string()),
        }
    )
    return table.take(real)


def _case_truth(nets, cases, w, cp, ship, ids, rows: PatternRows) -> pa.Table:
    n = cases.n
    in_net = cases.net >= 0
    net0 = np.maximum(cases.net, 0)
    consignor = cp.slots[:, S_CONSIGNOR]
    consignee = cp.slots[:, S_CONSIGNEE]
    flow = cases.flow
    flags = np.zeros((n, 12), dtype=bool)
    flags[rows.case, rows.no] = True
    # The pattern that made the case: by its flow, else the front or the consolidation
    # recorded on it.
    front_cons = w.p["role"][np.maximum(consignor, 0)] == R_FRONT
    primary = np.select(
        [
            flow == F_HIJACK,
            np.isin(flow, [F_LABELS, F_UNBRANDED]),
            flow == F_DROP,
            flow == F_PARCEL,
            (flow == F_BULK) & front_cons & flags[:, 1],
            (flow == F_BULK) & flags[:, 2],
        ],
        [7, 5, 6, 4, 1, 2],
        0,
    )
    primary = np.where(in_net, primary, 0)
    flags[np.arange(n), primary] |= primary > 0
    flags[:, 0] = False
    bits = flags.astype(np.int64) @ (1 << np.arange(12))
    uniq, inv = np.unique(bits, return_inverse=True)
    text = T.pool([",".join(str(j) for j in range(1, 12) if b >> j & 1) for b in uniq])
    return pa.table(
        {
            "seizure_id": seizure_text(np.arange(n)),
            "network_id": network_ids(cases.net),
            "flow": T.pool(FLOWS).take(flow),
            "pattern": pa.array(primary.astype(np.int32), mask=primary == 0),
            "patterns": T.null_if(bits == 0, text.take(inv)),
            "source_party_id": ids.party(np.where(in_net, w.st["manufacturer"][net0], -1)),
            "destination_party_id": ids.party(consignee),
            "consignor_party_id": ids.party(consignor),
            "transport_mode": T.pool(MODES).take(cases.mode),
            "entry_point": ship.entry,
            "true_origin_country": COUNTRY_POOL.take(ship.origin),
            "dispatch_country": COUNTRY_POOL.take(ship.dispatch),
            "destination_country": COUNTRY_POOL.take(ship.destination),
            "items": pa.array(cases.items.astype(np.int64)),
            "value_eur": pa.array(ship.value),
            "declared_value_eur": pa.array(ship.declared),
            "misdeclared": pa.array(cases.misdeclared),
            "via_hub": pa.array(cases.hub >= 0),
        }
    )


def _usage(
    ref: np.ndarray, party: np.ndarray, n_parties: int, size: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per referenced object: records using it, and distinct true parties using it."""
    ok = ref >= 0
    n_records = np.bincount(ref[ok], minlength=size)
    pairs = np.unique(ref[ok].astype(np.int64) * n_parties + party[ok])
    n_par = np.bincount(pairs // n_parties, minlength=size)
    return n_records, n_par


def _true_addresses(w: World, recs: Records, ids: Ids) -> pa.Table:
    keep = np.flatnonzero(ids.addr_map >= 0)
    m = keep.size
    z = np.zeros(m, dtype=bool)
    line, city, postcode = R.addresses(w, keep, z, np.zeros(m), z, z)
    n_rec, n_par = _usage(recs.addr, recs.party, w.n_parties, w.addr["kind"].size)
    kind = w.addr["kind"][keep]
    country = w.addr["country"][keep]
    return pa.table(
        {
            "address_id": ids.address(keep),
            "kind": T.pool(ADDRESS_KINDS).take(kind),
            "address": line,
            "city": city,
            "postcode": postcode,
            "country": T.null_if(kind == 6, COUNTRY_POOL.take(np.maximum(country, 0))),
            "n_parties": pa.array(n_par[keep].astype(np.int64)),
            "n_records": pa.array(n_rec[keep].astype(np.int64)),
            "is_hub": pa.array(np.isin(kind, [A_REG_OFFICE, A_WAREHOUSE]) | (n_par[keep] >= 10)),
            "is_placeholder": pa.array(kind == 6),
        }
    )


def _true_identifiers(w: World, recs: Records, ids: Ids) -> pa.Table:
    parts = []
    values = (R.phone_e164(w), w.email_value, w.tax_value, w.web_value)
    tables = (w.phones, w.emails, w.taxes, w.webs)
    refs = (recs.phone, recs.email, recs.tax, recs.web)
    maps = (ids.phone_map, ids.email_map, ids.tax_map, ids.web_map)
    for kind, (value, table, ref, mp) in enumerate(zip(values, tables, refs, maps, strict=True)):
        keep = np.flatnonzero(mp >= 0)
        n_rec, n_par = _usage(ref, recs.party, w.n_parties, table["owner"].size)
        sharing = table["sharing"][keep]
        parts.append(
            pa.table(
                {
                    "identifier_id": ids.identifier(kind, keep),
                    "kind": T.pool(ID_KINDS).take(np.full(keep.size, kind)),
                    "value": value.take(keep),
                    "owner_party_id": ids.party(table["owner"][keep]),
                    "sharing": T.pool(ID_SHARING).take(sharing),
                    "n_parties": pa.array(n_par[keep].astype(np.int64)),
                    "n_records": pa.array(n_rec[keep].astype(np.int64)),
                    "is_placeholder": pa.array(sharing == SH_PLACEHOLDER),
                }
            )
        )
    return pa.concat_tables(parts)
