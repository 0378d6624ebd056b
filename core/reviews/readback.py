"""What a stored review must look like when it is read back, before any page uses it.

A database row can be edited behind the app (a restored backup, a hand-made fix, a tampered row):
figures that are `{}`, `[]` or `null`, a number where a name was, settings that are not a mapping,
a column mapping of the wrong shape, ledger bytes that are not the ones saved. Each is found here
and said in words, so that one such review is shown as "cannot be read" and the others still are.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from core.reading.mapping import ColumnMapping

UNREADABLE = "This saved review cannot be read"


class UnreadableReview(Exception):
    """A stored review, or its ledger, is not what the app saved; the message says why."""


# What the history needs of each alliance record, with the types JSON gives them.
_RECORD: dict[str, tuple[type, ...]] = {
    "alliance": (str,),
    "roi": (int, float, type(None)),
    "band": (str,),
    "quartile": (str,),
    "goal_status": (str,),
    "flags": (list,),
}
_MONEY = ("revenue_cents", "cost_cents")


def figures_problem(figures: object) -> str | None:
    """Why stored figures cannot be used (None when they can): a headline mapping and a list of
    alliance records, each with its name, ROI, band, quartile, goal status and red flags."""
    if not isinstance(figures, Mapping):
        return f"its figures are {_kind(figures)}, not a record of figures"
    if not isinstance(figures.get("headline"), Mapping):
        return "its figures have no headline"
    alliances = figures.get("alliances")
    if not isinstance(alliances, list):
        return "its figures have no list of alliances"
    names = set()
    for number, record in enumerate(alliances, 1):
        problem = _record_problem(record)
        if problem:
            return f"alliance record {number} of its figures {problem}"
        names.add(record["alliance"])
    if len(names) != len(alliances):
        return "its figures name an alliance twice"
    return None


def _record_problem(record: object) -> str | None:
    if not isinstance(record, Mapping):
        return f"is {_kind(record)}"
    for key, types in _RECORD.items():
        if key not in record:
            return f"has no {key}"
        value = record[key]
        if not isinstance(value, types) or isinstance(value, bool):
            return f"has {_kind(value)} as its {key}"
    if not all(isinstance(flag, str) for flag in record["flags"]):
        return "has red flags that are not text"
    for key in _MONEY:
        if key in record and (not isinstance(record[key], int) or isinstance(record[key], bool)):
            return f"has {_kind(record[key])} as its {key}"
    return None


def settings_problem(settings: object) -> str | None:
    """Why stored settings cannot be used: they are a link's parameters, each a list of texts."""
    if not isinstance(settings, Mapping):
        return f"its settings are {_kind(settings)}, not a mapping of settings"
    for name, values in settings.items():
        if not isinstance(name, str) or not isinstance(values, list):
            return "its settings are not a link's parameters"
        if not all(isinstance(value, str) for value in values):
            return f"its setting '{name[:40]}' holds values that are not text"
    return None


def mapping_problem(mapping: object) -> str | None:
    """Why a stored column mapping cannot be used (None: no mapping, or one that reads back)."""
    if mapping is None:
        return None
    if not isinstance(mapping, Mapping):
        return f"its column mapping is {_kind(mapping)}"
    try:
        read = ColumnMapping.from_record(mapping)
    except (KeyError, TypeError, ValueError):
        return "its column mapping is not one the app wrote"
    if not all(isinstance(header, str) for _, header in read.columns):
        return "its column mapping names columns that are not text"
    return None


def row_problem(values: Mapping[str, Any]) -> str | None:
    """Why a stored review's row cannot be used, the first reason found; None when it can."""
    return (
        figures_problem(values.get("figures"))
        or settings_problem(values.get("settings"))
        or mapping_problem(values.get("mapping"))
    )


def ledger_problem(content: object, sha256: str) -> str | None:
    """Why stored ledger bytes are not the ledger saved: missing, or another content than its hash."""
    if not isinstance(content, bytes | bytearray | memoryview):
        return "its ledger file is missing"
    if hashlib.sha256(bytes(content)).hexdigest() != sha256:
        return "its ledger file is not the one saved (its bytes changed)"
    return None


def _kind(value: object) -> str:
    if value is None:
        return "empty"
    names = {dict: "a mapping", list: "a list", str: "text", bool: "true or false"}
    return names.get(type(value), "a number" if isinstance(value, int | float) else "something else")
