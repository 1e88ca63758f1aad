"""Settings of the synthetic world and the summary of one generated world."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Literal

from netlink.errors import ParameterError

__all__ = ["DIFFICULTIES", "SAMPLE_SETTINGS", "Difficulty", "SynthSettings", "SynthSummary"]

Difficulty = Literal["easy", "realistic", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "realistic", "hard")

# The rates of each difficulty. "realistic" follows domain-notes.md; "easy" is what a
# clean national system would hold; "hard" doubles down on variation and look-alikes.
_PRESETS: dict[str, dict[str, float]] = {
    "easy": {
        "network_share": 0.6,
        "name_variant_rate": 0.15,
        "chinese_script_rate": 0.02,
        "romanisation_rate": 0.05,
        "address_variant_rate": 0.2,
        "phone_format_rate": 0.1,
        "typo_rate": 0.005,
        "missing_rate": 0.05,
        "placeholder_rate": 0.003,
        "integrator_share": 0.7,
        "registered_office_share": 0.2,
        "warehouse_share": 0.05,
        "common_name_share": 0.01,
        "big_forwarder_share": 0.3,
        "platform_share": 0.1,
        "front_link_rate": 0.8,
    },
    "realistic": {
        "network_share": 0.5,
        "name_variant_rate": 0.35,
        "chinese_script_rate": 0.06,
        "romanisation_rate": 0.2,
        "address_variant_rate": 0.45,
        "phone_format_rate": 0.3,
        "typo_rate": 0.02,
        "missing_rate": 0.1,
        "placeholder_rate": 0.01,
        "integrator_share": 0.85,
        "registered_office_share": 0.4,
        "warehouse_share": 0.12,
        "common_name_share": 0.03,
        "big_forwarder_share": 0.5,
        "platform_share": 0.2,
        "front_link_rate": 0.6,
    },
    "hard": {
        "network_share": 0.45,
        "name_variant_rate": 0.6,
        "chinese_script_rate": 0.12,
        "romanisation_rate": 0.4,
        "address_variant_rate": 0.7,
        "phone_format_rate": 0.55,
        "typo_rate": 0.05,
        "missing_rate": 0.2,
        "placeholder_rate": 0.03,
        "integrator_share": 0.92,
        "registered_office_share": 0.6,
        "warehouse_share": 0.2,
        "common_name_share": 0.07,
        "big_forwarder_share": 0.7,
        "platform_share": 0.3,
        "front_link_rate": 0.4,
    },
}


@dataclass(frozen=True)
class SynthSettings:
    """What to generate: size, seed, difficulty, and the rates the difficulty sets.

    Every rate left as ``None`` takes the value of the difficulty's preset, so
    ``SynthSettings(cases=100, difficulty="hard")`` is the hard world; a rate given
    explicitly overrides the preset.

    Parameters
    ----------
    cases
        Number of seizure cases (rows of ``seizures``); about three party records each.
    seed
        Seed of every random draw; the same settings give the same tables row for row.
    difficulty
        ``easy``, ``realistic`` (calibrated on domain-notes.md) or ``hard``.
    start, end
        The range of seizure dates.
    network_share
        Share of cases that belong to a network; the rest are one-off background cases.
    network_size_alpha
        Tail index of the Pareto law of cases per network (smaller: heavier tail).
    min_network_cases
        The fewest cases a network has.
    name_variant_rate
        Share of records whose name is not written the usual way (split syllables,
        abbreviated place, dropped place or industry, legal-form variant, Hong Kong sister
        name, trade type instead of industry, order or initials of a person).
    chinese_script_rate
        Share of records of Chinese parties written in Chinese characters.
    romanisation_rate
        Share of records of Chinese persons in the other romanisation (Cantonese for a
        mainland person, pinyin for a Hong Kong one) or given-name-first order.
    address_variant_rate
        Share of address lines written with abbreviations, another order, dropped parts
        or (Chinese addresses) pinyin road words or characters.
    phone_format_rate
        Share of records writing the phone in another format than the party usually does
        (+86 / 0086 / bare / spaces / dashes / trunk prefix).
    typo_rate
        Share of records with one keyboard slip in the name or the address.
    missing_rate
        Share of optional fields (address, city, postcode, phone, email, tax id) left
        empty on top of the fields a document type never carries.
    placeholder_rate
        Share of records with a placeholder ("N/A", "0000000", "none@none.com") in the
        phone, email or address.
    integrator_share
        Share of express cases that name the express integrator as carrier.
    registered_office_share
        Share of Hong Kong companies whose address is a shared registered office.
    warehouse_share
        Share of e-commerce senders and receivers written at a consolidation warehouse.
    common_name_share
        Share of persons with one of the very common names (Wang Wei, John Smith, ...).
    big_forwarder_share
        Share of network air and sea cases handled by a large benign forwarder rather
        than the network's own forwarder.
    platform_share
        Share of e-commerce cases naming the marketplace platform as a party.
    front_link_rate
        Share of a front company's records that carry the phone, email domain or address
        it shares with its factory (pattern 1).

    Examples
    --------
    >>> s = SynthSettings(cases=100, seed=3, difficulty="hard")
    >>> s.typo_rate
    0.05
    >>> SynthSettings.for_difficulty("easy", cases=10).network_share
    0.6
    >>> SynthSettings(cases=10, typo_rate=0.5).typo_rate
    0.5
    """

    cases: int = 3000
    seed: int = 0
    difficulty: Difficulty = "realistic"
    start: dt.date = dt.date(2021, 1, 1)
    end: dt.date = dt.date(2025, 12, 31)
    network_share: float | None = None
    network_size_alpha: float = 1.3
    min_network_cases: int = 4
    name_variant_rate: float | None = None
    chinese_script_rate: float | None = None
    romanisation_rate: float | None = None
    address_variant_rate: float | None = None
    phone_format_rate: float | None = None
    typo_rate: float | None = None
    missing_rate: float | None = None
    placeholder_rate: float | None = None
    integrator_share: float | None = None
    registered_office_share: float | None = None
    warehouse_share: float | None = None
    common_name_share: float | None = None
    big_forwarder_share: float | None = None
    platform_share: float | None = None
    front_link_rate: float | None = None

    def __post_init__(self) -> None:
        if self.difficulty not in _PRESETS:
            raise ParameterError(
                f"difficulty must be one of {', '.join(DIFFICULTIES)}, got {self.difficulty!r}"
            )
        if isinstance(self.cases, bool) or not isinstance(self.cases, int) or self.cases < 1:
            raise ParameterError(f"cases must be a whole number >= 1, got {self.cases!r}")
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or self.seed < 0:
            raise ParameterError(f"seed must be a whole number >= 0, got {self.seed!r}")
        for name in ("start", "end"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, dt.date.fromisoformat(value))
        if self.end <= self.start:
            raise ParameterError(f"end ({self.end}) must be after start ({self.start})")
        if self.network_size_alpha <= 1.0:
            raise ParameterError("network_size_alpha must be > 1 (a finite mean network size)")
        if self.min_network_cases < 2:
            raise ParameterError("min_network_cases must be >= 2")
        for name, value in _PRESETS[self.difficulty].items():
            if getattr(self, name) is None:
                object.__setattr__(self, name, value)
            rate = getattr(self, name)
            if not 0.0 <= rate <= 1.0:
                raise ParameterError(f"{name} must be between 0 and 1, got {rate!r}")

    @classmethod
    def for_difficulty(
        cls, difficulty: Difficulty = "realistic", *, cases: int = 3000, seed: int = 0, **rates: Any
    ) -> SynthSettings:
        """The settings of a difficulty preset, with any rate overridden by keyword."""
        return cls(cases=cases, seed=seed, difficulty=difficulty, **rates)

    def rate(self, name: str) -> float:
        """A rate as a float (the preset has filled every one in)."""
        value = getattr(self, name)
        assert value is not None
        return float(value)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able values, as recorded in the ground truth."""
        out = asdict(self)
        out["start"], out["end"] = self.start.isoformat(), self.end.isoformat()
        return out


#: The bundled sample in data/sample/: about 3,000 cases, small enough to commit.
SAMPLE_SETTINGS = SynthSettings(cases=3000, seed=7, difficulty="realistic")


@dataclass(frozen=True)
class SynthSummary:
    """What :func:`~netlink.synth.synthesize` wrote: counts and paths."""

    cases: int
    party_records: int
    goods_lines: int
    legs: int
    true_parties: int
    networks: int
    pattern_rows: int
    out: Path
    truth: Path
    fmt: str
    settings: SynthSettings

    def __str__(self) -> str:
        counts = ", ".join(
            f"{f.name.replace('_', ' ')} {getattr(self, f.name):,}"
            for f in fields(self)
            if isinstance(getattr(self, f.name), int)
        )
        s = self.settings
        return (
            f"synthetic world ({s.difficulty}, seed {s.seed}): {counts}\n"
            f"extract ({self.fmt}): {self.out}\nground truth: {self.truth}"
        )
