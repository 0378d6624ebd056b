"""A ledger split over sheets of one header (a sheet per month, quarter or region), read as one.

The sheet chosen by its headers (headers.choose_ledger_sheet) is joined by every other sheet whose
header row says the same, cell for cell once normalised; each entry and issue keeps its sheet. A
sheet whose every entry is also on the others (a copy, or a sheet of all periods beside the sheets of
each) is left out, so that no money is counted twice. Other sheets that look like a ledger but have
another header are not read, and a note names them: the user can name the one to read instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.model import COST, REVENUE
from core.reading.entries import EntriesRead
from core.reading.figures import cost_from_profit, figure_from_name, figure_sources, resolve_figures
from core.reading.headers import HeaderMatch, clash_message, find_header, header_notes, ledger_layout
from core.reading.issues import IssueLog
from core.reading.parsing import DAY, normalise_header
from core.reading.vocabulary import LEDGER_HEADERS, STRICT_FIELDS
from core.reading.workbook import SourceBook


@dataclass(frozen=True)
class LedgerSheets:
    """The sheets read as the ledger, each with its header row (0-based), in workbook order; and the
    other sheets that look like a ledger, not read."""

    read: tuple[tuple[str, int], ...]
    not_read: tuple[str, ...] = ()
    # Sheets of another header holding the figures the chosen one lacks (its revenue beside a cost
    # sheet): each with its own header, resolved, and the notes on how its columns are read.
    beside: tuple[tuple[str, HeaderMatch, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class SheetRead:
    """One ledger sheet as read: its entries and issues, the rows below its header, and the header
    row's own cells."""

    name: str
    found: EntriesRead
    rows: int
    titles: list[object]


@dataclass(frozen=True)
class SheetsRead:
    """The ledger's sheets as read: the chosen sheet's header and layout, every sheet read, those
    kept (not copies of the others), and their entries and issues combined."""

    name: str
    header: HeaderMatch
    layout: str
    reads: list[SheetRead]
    kept: list[SheetRead]
    found: EntriesRead
    # How the figures were worked out when no column of theirs says it (months as columns).
    derived: tuple[str, ...] = ()

    @property
    def titles(self) -> list[object]:
        """The cells of the chosen sheet's header row."""
        return next(read.titles for read in self.reads if read.name == self.name)


def _header_words(cells: list[object]) -> tuple[str, ...]:
    """A header row as compared between sheets: normalised, without the empty cells at its end."""
    words = [normalise_header(c) for c in cells]
    while words and not words[-1]:
        words.pop()
    return tuple(words)


def ledger_sheets(
    book: SourceBook, sheet: str, header: HeaderMatch, chosen: dict[str, str] | None
) -> LedgerSheets:
    """The chosen ledger `sheet` (with its resolved `header`) and every sheet with the same header
    row; the sheets of another header that hold only the figures it lacks (a cost sheet beside a
    revenue sheet); and the other sheets that would be read as a ledger on their own."""
    words = _header_words(book.head(sheet)[header.row])
    read, beside, not_read = [], [], []
    taken = figures_of(figure_from_name(sheet, header, []))
    for name in book.sheet_names:
        if name == sheet:
            read.append((name, header.row))
            continue
        head = book.head(name)
        same = next((i for i, cells in enumerate(head) if _header_words(cells) == words), None)
        if same is not None:
            read.append((name, same))
            taken |= figures_of(figure_from_name(name, header, []))
            continue
        fits = find_header(head, LEDGER_HEADERS, _is_ledger, STRICT_FIELDS, chosen)
        if fits is None:
            # A ledger all the same when the user's headers are not on it: named as not read.
            if find_header(head, LEDGER_HEADERS, _is_ledger, STRICT_FIELDS):
                not_read.append(name)
            continue
        other, notes = resolve_figures(fits, name, chosen)
        other = figure_from_name(name, other, notes)
        holds = figures_of(other)
        if holds & taken or clash_message(name, other) is not None:
            not_read.append(name)
            continue
        beside.append((name, other, tuple(header_notes(name, other) + notes)))
        taken |= holds
    return LedgerSheets(tuple(read), tuple(not_read), tuple(beside))


def _is_ledger(columns: dict[str, int]) -> bool:
    return ledger_layout(columns) is not None


def figures_of(header: HeaderMatch) -> set[str]:
    """The figures a ledger header gives: both for a kind or a signed amount, else its columns'."""
    if ledger_layout(header.columns) in ("long", "signed"):
        return {REVENUE, COST}
    return set(figure_sources(header.columns)) | ({COST} if cost_from_profit(header.columns) else set())


def _entry_keys(entries: pd.DataFrame) -> pd.MultiIndex:
    """What makes two entries the same money: day, alliance (as spelt once folded), kind, cents."""
    return pd.MultiIndex.from_arrays(
        [
            entries["date"].to_numpy(),
            entries["alliance"].astype(str).str.strip().str.casefold().to_numpy(),
            entries["kind"].astype(str).to_numpy(),
            entries["amount"].round(2).to_numpy(),
        ]
    )


def drop_copies(reads: list[SheetRead], first: str) -> tuple[list[SheetRead], list[SheetRead]]:
    """The sheets to combine, and those left out because every entry of theirs is on the others
    too. The largest such sheet goes first (a sheet of all months beside the months); `first`, the
    sheet chosen by its headers, stays."""
    kept = list(reads)
    dropped: list[SheetRead] = []
    every = {read.name: _entry_keys(read.found.entries) for read in reads}
    while True:
        keys = {read.name: every[read.name] for read in kept}
        on_others = _on_other_sheets(keys)
        covered = [read for read in kept if read.name != first and read.name in on_others]
        if not covered:
            return kept, sorted(dropped, key=reads.index)
        largest = max(covered, key=lambda read: (len(keys[read.name]), kept.index(read)))
        kept.remove(largest)
        dropped.append(largest)


def _on_other_sheets(keys: dict[str, pd.MultiIndex]) -> set[str]:
    """The sheets with entries every one of which is on another sheet too. Counted in one pass over
    all the keys (how many sheets hold each), not by a union of the others for each sheet: that
    took minutes for a workbook of some hundreds of sheets."""
    frames = [
        key.to_frame(index=False).drop_duplicates().assign(_sheet=name)
        for name, key in keys.items()
        if len(key)
    ]
    if not frames:
        return set()
    rows = pd.concat(frames, ignore_index=True)
    columns = [c for c in rows.columns if c != "_sheet"]
    holders = rows.groupby(columns, dropna=False, sort=False)["_sheet"].transform("size")
    alone = set(rows.loc[holders.to_numpy() == 1, "_sheet"])
    return {name for name, key in keys.items() if len(key) and name not in alone}


def combined(reads: list[SheetRead]) -> EntriesRead:
    """The entries and issues of the sheets read, one sheet after the other."""
    if len(reads) == 1:
        return reads[0].found
    issues = IssueLog()
    for read in reads:
        issues.extend(read.found.issues)
    entries = pd.concat([read.found.entries for read in reads], ignore_index=True)
    # The sheets' periods agree (all quarters, say), or the ledger counts by the day.
    periods = {read.found.period for read in reads if len(read.found.entries)}
    period = periods.pop() if len(periods) == 1 else DAY
    return EntriesRead(entries, issues, sum(read.found.blank_rows for read in reads), period)


def _names(names: list[str]) -> str:
    """'Jan', 'Feb' and 'Mar'."""
    quoted = [f"'{n}'" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f" and {quoted[-1]}"


def _entries(count: int) -> str:
    """'1 entry', '2 entries'."""
    return f"{count:,} {'entry' if count == 1 else 'entries'}"


def copy_notes(kept: list[SheetRead], dropped: list[SheetRead]) -> list[str]:
    """A note for each sheet left out because its every entry is on the sheets kept."""
    return [
        f"Sheet '{read.name}' is like the others, but each of its {_entries(len(read.found.entries))} "
        f"(day, alliance, kind and amount) is also on {_names([r.name for r in kept])}: read as a copy or "
        "a total of them, it was left out so that no money counts twice. To read it alone, name it (--sheet)."
        for read in dropped
    ]


def sheets_notes(kept: list[SheetRead], dropped: list[SheetRead], sheets: LedgerSheets) -> list[str]:
    """Which sheets were read as one ledger (with their entries), which were left out as copies,
    which were read beside them for the figures they lack, and which sheets that look like a ledger
    were not read."""
    notes = []
    beside = [name for name, _, _ in sheets.beside]
    twins = [read for read in kept if read.name not in beside]
    if len(twins) > 1:
        counts = ", ".join(f"{read.name} {len(read.found.entries):,}" for read in twins)
        notes.append(
            f"Sheets {_names([r.name for r in twins])} have the same header and were read as one ledger "
            f"(entries: {counts}); each entry and each row left out keeps its sheet. To read one sheet "
            "only, name it (the command: --sheet NAME)."
        )
    notes.extend(copy_notes(kept, dropped))
    for name, header, _ in sheets.beside:
        figures = " and ".join(sorted(figures_of(header)))
        count = next(len(r.found.entries) for r in kept if r.name == name)
        lacking = _names([r.name for r in twins])
        notes.append(
            f"Sheet '{name}' has another header and holds the {figures} that {lacking} "
            f"{'lacks' if len(twins) == 1 else 'lack'}: its {_entries(count)} were read too, joined with "
            "the others' by partner and date. To read one sheet only, name it (--sheet)."
        )
    not_read = sheets.not_read
    if not_read:
        noun = "Sheet" if len(not_read) == 1 else "Sheets"
        verb = "looks" if len(not_read) == 1 else "look"
        notes.append(
            f"Read as the ledger: {_names([r.name for r in kept])}. {noun} {_names(list(not_read))} "
            f"{verb} like a ledger too but {'has' if len(not_read) == 1 else 'have'} another header, so "
            f"{'it was' if len(not_read) == 1 else 'they were'} not read: to read one instead, name it "
            f"(the command: --sheet '{not_read[0]}')."
        )
    return notes
