"""What the command's --view link and flags say about the view: its settings, its column mapping,
its kind values, and the link that reopens the view in the app (written on the About sheet).

Kept apart from core.cli, which parses the command and runs it: these are the view's rules.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from core.flags import SettingFlagError

if TYPE_CHECKING:
    from core.reading.mapping import ColumnMapping
    from core.settings import Settings


def view_settings(args: argparse.Namespace) -> tuple[Settings, list[str]]:
    """Settings from --view and the setting flags, and warnings for link values refused.

    A flag's value that is refused is an unusable input (SettingFlagError); a link's is a warning.
    """
    from core.settings import FIELDS, SOURCE_PARAMS, parse_values, query_values

    link = {k: v for k, v in query_values(args.view).items() if k not in SOURCE_PARAMS} if args.view else {}
    from_link = parse_values(link)
    flags: dict[str, list[str]] = {}
    for spec in FIELDS:
        given = getattr(args, f"setting_{spec.param}")
        if given is not None:
            flags[spec.param] = given if spec.many else [given]
    from_flags = parse_values(flags, base=from_link.settings)
    if from_flags.notices:
        notice = from_flags.notices[0]
        spec = next(f for f in FIELDS if f.param == notice.param)
        raise SettingFlagError(f"{spec.flag} {notice.asked}: {notice.why.split(') ', 1)[-1]}")
    return from_flags.settings, [f"warning: the link's {n}" for n in from_link.notices]


def view_mapping(args: argparse.Namespace) -> tuple[ColumnMapping | None, list[str]]:
    """The column mapping of the --view link, each `--map` (args.chosen) replacing its field, and
    warnings for a link's mapping refused or set aside (--sheet naming another sheet)."""
    from core.reading.mapping import ColumnMapping
    from core.settings import parse_mapping, query_values

    mapping, refused = parse_mapping(query_values(args.view)) if args.view else (None, ())
    warnings = [f"warning: the link's {n}" for n in refused]
    if mapping is None:
        return None, warnings
    if args.sheet and args.sheet.casefold() != mapping.sheet.casefold():
        return None, [
            *warnings,
            f"warning: the link's column mapping is for sheet '{mapping.sheet}', not --sheet "
            f"'{args.sheet}': left out.",
        ]
    chosen: dict[str, str] = args.chosen
    kept = {f: h for f, h in mapping.columns if f not in chosen and h not in chosen.values()}
    # `--map currency=` leaves the field unread: the link's column for it is dropped, none replaces it.
    columns = tuple(sorted({**kept, **{f: h for f, h in chosen.items() if h}}.items()))
    return ColumnMapping(mapping.sheet, mapping.header_row, columns, mapping.revenue_only), warnings


def view_kind_values(args: argparse.Namespace) -> tuple[dict[str, str | None], list[str]]:
    """The kind values of the --view link, each --kind-values value (args.kind_readings) replacing
    the link's reading of it, and warnings for a link's kind values refused."""
    from core.settings import parse_kind_values, query_values

    linked, refused = parse_kind_values(query_values(args.view)) if args.view else (None, ())
    flags: dict[str, str | None] = args.kind_readings
    given = {value.casefold() for value in flags}
    kept = {value: reading for value, reading in (linked or {}).items() if value.casefold() not in given}
    return {**kept, **flags}, [f"warning: the link's {n}" for n in refused]


def view_link(
    filename: str,
    content: str,
    settings: Settings,
    given: str | None,
    mapping: ColumnMapping | None = None,
    kind_values: dict[str, str | None] | None = None,
) -> str:
    """The link that reopens this view in the app: the --view link's address with these settings
    (and the column mapping the ledger was read with), or just the query string when the command
    was given no link."""
    import urllib.parse

    from core.settings import kind_values_param, mapping_values, to_values

    params = [
        ("src", filename),
        ("fp", content),
        *((k, v) for k, vs in (mapping_values(mapping) if mapping else {}).items() for v in vs),
        *((k, v) for k, vs in kind_values_param(kind_values or {}).items() for v in vs),
        *((k, v) for k, vs in to_values(settings).items() for v in vs),
    ]
    query = urllib.parse.urlencode(params, quote_via=urllib.parse.quote)
    base = (
        urllib.parse.urlsplit(given)._replace(query="", fragment="").geturl()
        if given and "://" in given
        else ""
    )
    return f"{base}?{query}"
