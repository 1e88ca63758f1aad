"""Timing of the column normalisers on a generated parties table.

Run ``python -m benchmarks._normalizers`` (defaults: 1,000,000 rows naming 70,000 firms:
about 290,000 distinct names, 250,000 addresses, 200,000 phones, 140,000 e-mails). The table imitates an extract: firms known under several spellings of
their name (case, punctuation, split syllables, legal-form and place variants, Hong Kong
sisters, Chinese characters), a few addresses, phones and e-mails each, and every value
repeated across many records with a skewed frequency.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from netlink.resolve._columns import (
    normalize_addresses,
    normalize_emails,
    normalize_names,
    normalize_phones,
)

__all__ = ["generate_parties", "main", "time_normalizers"]

# Trade-name syllables and, at the same positions, Chinese characters read that way.
_SYLLABLES = (
    *("xing", "hui", "da", "long", "feng", "tai", "sheng", "fu", "hua", "jin", "mei", "kang"),
    *("yuan", "hong", "li", "ming", "tian", "bao", "heng", "rui", "jia", "xin", "yu", "chang"),
    *("sen", "wei", "hao"),
)
_HAN = "星辉达龙丰泰盛富华金美康源宏利明天宝恒瑞嘉鑫宇昌森伟浩"
_PLACES = ("Guangzhou", "Shenzhen", "Yiwu", "Putian", "Dongguan", "Quanzhou", "")
_HAN_PLACES = ("广州", "深圳", "义乌", "莆田", "东莞", "泉州", "")
_PLACE_ABBREVIATIONS = ("GZ", "SZ", "YW", "PT", "DG", "QZ", "")
_INDUSTRIES = ("Leather Products", "Trading", "Technology", "Imp & Exp", "E-Commerce", "")
_FORMS = ("Co., Ltd.", "CO.,LTD", "Co. Limited", "Company Limited", "LTD", "Ltd")
_ROADS = ("Xingye", "Zhujiang", "Huangpu", "Jiefang", "Renmin", "Zhongshan", "Baiyun")


def generate_parties(rows: int = 1_000_000, firms: int = 70_000, seed: int = 0) -> pd.DataFrame:
    """A parties table of ``rows`` records naming ``firms`` firms in varied spellings.

    Each firm gets five name spellings, four address spellings, two phone numbers in
    three formats and two e-mail spellings; records pick a firm with a Zipf-like skew.
    """
    rng = np.random.default_rng(seed)
    names, addresses, phones, emails = [], [], [], []
    for f in range(firms):
        a, b = rng.choice(len(_SYLLABLES), 2)
        # The firm number keeps firms apart; every spelling of a firm carries it.
        trade = f"{_SYLLABLES[a]}{_SYLLABLES[b]}{f}"
        title = trade.capitalize()
        split = f"{_SYLLABLES[a].capitalize()} {_SYLLABLES[b].capitalize()} {f}"
        p = int(rng.integers(len(_PLACES)))
        place, industry = _PLACES[p], _INDUSTRIES[f % len(_INDUSTRIES)]
        forms = rng.choice(len(_FORMS), 3)
        names.append(
            [
                f"{place} {title} {industry} {_FORMS[forms[0]]}".strip(),
                f"{place} {split} {industry} {_FORMS[forms[1]]}".upper().strip(),
                f"{title} (HK) Trading Limited",
                f"{_HAN_PLACES[p]}{_HAN[a]}{_HAN[b]}{f}贸易有限公司",
                f"{_PLACE_ABBREVIATIONS[p]} {title} {_FORMS[forms[2]]}".strip(),
            ]
        )
        road, no, room = _ROADS[f % len(_ROADS)], f % 300 + 1, 100 + f % 2000
        addresses.append(
            [
                f"Room {room}, {f % 30 + 1}/F, Block B, No. {no} {road} Rd, {place} {f}",
                f"Rm {room} {f % 30 + 1}F Blk B {no} {road} Road {place} {f}",
                f"{place} {f} {road} Lu No.{no}, Room {room}",
                f"{no} {road.upper()} ROAD, {place.upper()} {f}, CHINA",
            ]
        )
        mobile = f"1{rng.integers(3, 10)}{rng.integers(10**8, 10**9)}"
        phones.append([f"+86 {mobile[:3]} {mobile[3:7]} {mobile[7:]}", f"0086-{mobile}", mobile])
        emails.append([f"{trade}@qq.com", f"Sales (at) {trade} (dot) com"])
    # Zipf-like skew: a few firms are in thousands of records, most in a handful.
    firm = np.minimum(rng.zipf(1.3, rows) - 1, firms - 1)
    firm = np.where(rng.random(rows) < 0.6, rng.integers(0, firms, rows), firm)

    def pick(table: list[list[str]]) -> np.ndarray:
        flat = np.array([v for values in table for v in values], dtype=object)
        width = len(table[0])
        return flat[firm * width + rng.integers(0, width, rows)]

    # A firm's records mostly carry its country; a few carry none.
    firm_country = np.where(rng.random(firms) < 0.8, "CN", "HK").astype(object)
    country = firm_country[firm]
    country[rng.random(rows) < 0.05] = None
    return pd.DataFrame(
        {
            "name": pick(names),
            "address": pick(addresses),
            "country": country,
            "phone": pick(phones),
            "email": pick(emails),
        }
    ).astype({c: "str" for c in ("name", "address", "country", "phone", "email")})


def time_normalizers(parties: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """(wall-clock, CPU) seconds taken by each column normaliser on ``parties``.

    CPU time is the fairer figure on a shared machine: other processes stretch the wall
    clock, not the CPU time of this one.
    """
    steps = {
        "names": lambda: normalize_names(parties["name"], parties["country"]),
        "addresses": lambda: normalize_addresses(parties["address"], countries=parties["country"]),
        "phones": lambda: normalize_phones(parties["phone"], parties["country"]),
        "emails": lambda: normalize_emails(parties["email"]),
    }
    timings = {}
    for step, run in steps.items():
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        timings[step] = (time.perf_counter() - wall, time.process_time() - cpu)
    return timings


def main(argv: list[str] | None = None) -> None:
    """Generate a table, time the normalisers and print the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--firms", type=int, default=70_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    parties = generate_parties(args.rows, args.firms, args.seed)
    print(
        f"{len(parties):,} rows; distinct: "
        + ", ".join(f"{c} {parties[c].nunique():,}" for c in ("name", "address", "phone", "email"))
    )
    timings = time_normalizers(parties)
    print(f"{'':<10} {'wall':>8} {'cpu':>8}")
    for step, (wall, cpu) in timings.items():
        print(f"{step:<10} {wall:7.2f}s {cpu:7.2f}s")
    total_wall = sum(w for w, _ in timings.values())
    total_cpu = sum(c for _, c in timings.values())
    print(f"{'total':<10} {total_wall:7.2f}s {total_cpu:7.2f}s")


if __name__ == "__main__":
    main()
