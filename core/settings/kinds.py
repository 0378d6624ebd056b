"""The kind values a view's ledger was read with, in its link and a saved review.

A kind (transaction type) column's values are read through the vocabulary's table
(`core.reading.kind_values`); the user may read any value otherwise, as the command's
`--kind-values 'Invoice=revenue,Transfer=none'` does. A link carries those readings as plain texts,
one `kv=VALUE:READING` each, so that the same file is read the same way from the link (and by
`summarize --view`):

    kv=Payment:revenue&kv=Transfer:none

The readings are refused whole, with a notice, when any of them is malformed: half of them would
read other rows than the sharer's, and the figures would differ without a word.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from core.flags import KIND_READINGS
from core.settings.values import MAX_ITEMS, Notice, SettingError, parse_text

KIND_PARAM = "kv"
# A reading as a link writes it: KIND_READINGS' words ('none' for neither).
_WORDS = {reading: word for word, reading in KIND_READINGS.items()}
_UNTOLD = "the vocabulary's reading of every kind value"


def kind_values_param(told: Mapping[str, str | None]) -> dict[str, list[str]]:
    """The link parameter of the user's kind values (none when there are none), sorted by value."""
    if not told:
        return {}
    return {KIND_PARAM: [f"{value}:{_WORDS[reading]}" for value, reading in sorted(told.items())]}


def parse_kind_values(
    values: Mapping[str, Sequence[str]],
) -> tuple[dict[str, str | None] | None, tuple[Notice, ...]]:
    """The kind values a link carries (value -> 'revenue', 'cost' or None), None when it carries
    none; malformed ones are refused whole with a notice naming the text and why."""
    texts = [t for t in values.get(KIND_PARAM) or () if t is not None]
    if not texts:
        return None, ()
    if len(texts) > MAX_ITEMS:
        return None, (_notice(f"{len(texts)} values", f"is more than {MAX_ITEMS} kind values"),)
    told: dict[str, str | None] = {}
    for text in texts:
        # The reading is one word; the value before it may hold a colon of its own.
        value, sep, word = text.rpartition(":")
        if not sep or word.strip().casefold() not in KIND_READINGS:
            return None, (_notice(text, "is not VALUE:READING with a reading of revenue, cost or none"),)
        try:
            value = parse_text(value)
        except SettingError as why:
            return None, (_notice(text, f"(the value) {why}"),)
        if value.casefold() in (v.casefold() for v in told):
            return None, (_notice(text, f"reads '{value}' twice"),)
        told[value] = KIND_READINGS[word.strip().casefold()]
    return told, ()


def _notice(asked: str, why: str) -> Notice:
    flat = " ".join(asked.split())
    shown = flat if len(flat) <= 40 else flat[:37] + "…"
    return Notice(KIND_PARAM, shown, _UNTOLD, f"(kind values) {why}")
