"""Reading settings from a link's (or flags') texts and writing them back, through the field table."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from core.settings.fields import FIELDS, Field
from core.settings.values import MAX_ITEMS, SHEET, Notice, SettingError, Settings, plain_number


@dataclass(frozen=True)
class Decoded:
    """Settings read from a link, flags or widgets, with a notice for every value refused."""

    settings: Settings
    notices: tuple[Notice, ...] = ()


def parse_values(values: Mapping[str, Sequence[str]], base: Settings = Settings()) -> Decoded:
    """Apply parameters (each a list of texts) to `base`; refuse what does not fit, with a notice."""
    settings, notices = base, []
    for spec in FIELDS:
        texts = [t for t in values.get(spec.param, ()) if t is not None]
        if not texts:
            continue
        value, problems = _parse_field(spec, texts)
        notices.extend(problems)
        if value is not None or (spec.param == "ba" and texts[-1] == SHEET):
            settings = spec.put(settings, value)
    t = settings.thresholds
    if t.moderate > t.strong:
        notices.append(
            Notice(
                "moderate",
                plain_number(t.moderate * 100),
                f"{base.thresholds.moderate * 100:g} % and {base.thresholds.strong * 100:g} %",
                "(band threshold 'Moderate from') is above 'Strong above' "
                f"({plain_number(t.strong * 100)} %)",
            )
        )
        settings = replace(settings, thresholds=base.thresholds)
    return Decoded(settings, tuple(notices))


def _parse_field(spec: Field, texts: list[str]) -> tuple[object, list[Notice]]:
    """The value of one field from its texts, and a notice per text refused."""
    if not spec.many:
        texts = texts[-1:]  # a repeated single value: the last one wins, as in a browser's form
    parsed, notices = [], []
    for text in texts[:MAX_ITEMS]:
        try:
            parsed.append(spec.parse(text))
        except SettingError as why:
            notices.append(Notice(spec.param, _shown(text), spec.default_words, f"({spec.words}) {why}"))
    if len(texts) > MAX_ITEMS:
        notices.append(
            Notice(
                spec.param, f"{len(texts)} values", f"the first {MAX_ITEMS}", f"({spec.words}) is too many"
            )
        )
    if spec.many:
        return (tuple(parsed) if parsed else None), notices
    return (parsed[0] if parsed else None), notices


def _shown(text: str) -> str:
    """A refused value as a notice shows it: short, on one line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= 40 else flat[:37] + "…"


def to_values(settings: Settings) -> dict[str, list[str]]:
    """Link parameters of these settings, leaving out every value that is the default."""
    params: dict[str, list[str]] = {}
    for spec in FIELDS:
        value = spec.get(settings)
        if value is None:
            continue
        items: Iterable[object] = value if spec.many else [value]
        params[spec.param] = [spec.text(v) for v in items]
    return params


def query_values(link: str) -> dict[str, list[str]]:
    """The parameters of a whole shared link, or of just its query string (with or without '?')."""
    text = link.strip()
    query = urllib.parse.urlsplit(text).query if "://" in text else text.split("?", 1)[-1]
    return urllib.parse.parse_qs(query, keep_blank_values=False)


def describe(settings: Settings) -> list[tuple[str, str]]:
    """Every field's value in words, for the About sheet: (what it is, value or default)."""
    rows = []
    for spec in FIELDS:
        value = spec.get(settings)
        if value is None:
            rows.append((spec.words, spec.default_words))
        else:
            items = value if spec.many else [value]
            unit = " %" if spec.metavar == "PCT" else ""
            rows.append((spec.words, ", ".join(spec.text(v) + unit for v in items)))
    return rows
