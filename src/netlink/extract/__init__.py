"""Read, validate and normalise seizure extracts (docs/extract-contract.md).

Examples
--------
>>> import datetime as dt
>>> from netlink.extract import load_extract
>>> from netlink.sample import sample_path
>>> ex = load_extract(sample_path(), today=dt.date(2026, 1, 1))
>>> list(ex.report.table_name)
['seizures', 'parties', 'goods', 'legs']
"""

from netlink.extract._load import load_extract
from netlink.extract._mapping import Mapping, read_mapping
from netlink.extract._model import Extract, LoadSettings, SourceInfo
from netlink.extract._validate import QUARANTINE_REASONS

__all__ = [
    "QUARANTINE_REASONS",
    "Extract",
    "LoadSettings",
    "Mapping",
    "SourceInfo",
    "load_extract",
    "read_mapping",
]
