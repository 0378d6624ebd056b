"""Text the app's pages show, cut to a length a browser draws at once.

A cell may hold up to 32,767 characters in Excel and any number in a CSV; a ledger whose alliance
is named with 10 MB of text keeps a browser's renderer busy for an hour, in every table, chart,
filter and message that shows the name. The app therefore reads each text cell of a ledger through
`for_page`: a text longer than PAGE_TEXT_CHARS is cut, ending in '…', and a note in the data
issues names the sheet, row and column it came from. Names stay distinct (a second long name cut to
the same text gets ' (2)'), so every alliance keeps its own figures, which are exact: only the name
is shorter. The command reads the whole text, and its workbook keeps it (up to Excel's own limit).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from core.reading.ledger import Ledger
from core.settings.values import MAX_TEXT

# Long enough for any real name, short enough for a page of many of them; the longest name a link
# carries, so every name shown can be picked in a filter and shared.
PAGE_TEXT_CHARS = MAX_TEXT
ELLIPSIS = "…"
# Frames of a ledger and their text columns that the pages show.
_TEXT_COLUMNS = {
    "entries": ("alliance", "category", "currency", "attribution"),
    "alliances": ("alliance", "type", "owner", "segment", "exit_conditions"),
    "goals": ("alliance", "metric", "unit", "owner"),
    "risks": ("alliance", "risk", "mitigation", "owner"),
    "health": ("alliance",),
    "issues": ("column", "value", "reason"),
}
# Where a frame's rows come from, to name them in the note.
_SHEET_OF = {"alliances": "Alliances", "goals": "Goals", "risks": "Risks", "health": "Health"}


def cut(text: str, limit: int = PAGE_TEXT_CHARS) -> str:
    """`text` at most `limit` characters, ending in '…' when it was longer."""
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def _distinct_cuts(values: pd.Series, limit: int) -> dict[str, str]:
    """Each value too long for a page → its cut text, distinct from every other value's."""
    # Distinct values first: a million rows hold a few hundred names.
    distinct = pd.unique(values.dropna())
    texts = [v for v in distinct if isinstance(v, str) and len(v) > limit]
    if not texts:
        return {}
    taken = {str(v) for v in distinct}
    cuts: dict[str, str] = {}
    for text in texts:
        shown, number = cut(text, limit), 2
        while shown in taken:
            suffix = f" ({number})"
            shown, number = cut(text, limit - len(suffix)) + suffix, number + 1
        taken.add(shown)
        cuts[text] = shown
    return cuts


def _where(frame: pd.DataFrame, name: str, mask: pd.Series, ledger: Ledger) -> str:
    """The first row a long text is on, in words: sheet and row."""
    first = frame[mask].iloc[0]
    sheet = first.get("sheet") if "sheet" in frame else _SHEET_OF.get(name, name)
    sheet = sheet if isinstance(sheet, str) and sheet else ledger.source.sheet
    row = first.get("row")
    return f"sheet '{cut(str(sheet), 60)}'" + (
        f", row {int(row)}" if row is not None and pd.notna(row) else ""
    )


def for_page(ledger: Ledger, limit: int = PAGE_TEXT_CHARS) -> Ledger:
    """The ledger with every text a page shows at most `limit` characters, a note per text cut."""
    # One alliance is one name in every sheet: its cut is decided once, over all of them.
    names = [getattr(ledger, n)["alliance"] for n in _TEXT_COLUMNS if "alliance" in getattr(ledger, n)]
    alliance_cuts = _distinct_cuts(pd.concat(names, ignore_index=True), limit) if names else {}
    changes: dict[str, pd.DataFrame] = {}
    notes: list[str] = []
    for name, columns in _TEXT_COLUMNS.items():
        frame = getattr(ledger, name)
        for column in columns:
            if column not in frame or pd.api.types.is_numeric_dtype(frame[column]):
                continue
            cuts = alliance_cuts if column == "alliance" else _distinct_cuts(frame[column], limit)
            mask = frame[column].isin(list(cuts)) if cuts else None
            if mask is None or not mask.any():
                continue
            if name != "issues":
                notes.extend(_notes(frame, name, column, cuts, ledger))
            frame = frame.assign(**{column: frame[column].map(lambda v, c=cuts: c.get(v, v))})
        changes[name] = frame
    if not notes and all(changes[n] is getattr(ledger, n) for n in changes):
        return ledger
    source = replace(ledger.source, columns={k: cut(v, limit) for k, v in ledger.source.columns.items()})
    return replace(
        ledger, **changes, source=source, notes=[*map(lambda n: cut(n, 4 * limit), ledger.notes), *notes]
    )


def _notes(frame: pd.DataFrame, name: str, column: str, cuts: dict[str, str], ledger: Ledger) -> list[str]:
    header = ledger.source.columns.get(column, column) if name == "entries" else column
    said = []
    for text, shown in cuts.items():
        mask = frame[column] == text
        if not mask.any():
            continue
        where = _where(frame, name, mask, ledger)
        said.append(
            f"{where[0].upper()}{where[1:]}, column '{cut(header, 60)}': a text of "
            f"{len(text):,} characters is shown on these pages cut to {len(shown):,}, ending in '…' "
            f"('{shown[:40]}…'); its figures are the whole text's, and the command reads it whole."
        )
    return said
