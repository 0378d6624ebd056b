"""A sheet without a partner column read as one alliance: a bank statement, a cash book, one account.

A statement exported from one bank account has a date and the money (Debit and Credit, or one signed
Montant) and no column naming a partner: the whole account is the one alliance. It is read so only
when no sheet reads as a ledger and its header row has no column that could be the partner (a text
column whose values repeat, such as a Customer column the vocabulary does not know): then the
refusal names that column instead. The alliance is named by the user (`--alliance NAME`), else from
the banner above the header ('Account Name : Savings', 'Account Number : 0808'), else from the
file's name; a note says so, never silently.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import PurePath

import pandas as pd

from core.errors import NoLedgerSheet
from core.reading.columns import blank_mask
from core.reading.figures import ONE_ALLIANCE, resolve_figures
from core.reading.headers import (
    STRICT_FIELDS,
    HeaderMatch,
    column_letter,
    find_header,
    header_notes,
    ledger_layout,
)
from core.reading.money import parse_amount
from core.reading.parsing import clean_name, display_value, is_blank, parse_date
from core.reading.vocabulary import LEDGER_HEADERS
from core.reading.workbook import SourceBook

# A banner cell naming the account: 'Account Name : Savings', 'Compte : 0808', 'IBAN: DE89...'.
_ACCOUNT = re.compile(
    r"^\s*(?P<what>account(?:\s+name|\s+number|\s+no\.?)?|compte|konto(?:name|nummer)?|iban|cuenta|rekening)"
    r"\s*[:=]\s*(?P<name>\S.*)$",
    re.IGNORECASE,
)
# Rows below the header looked at for a column that could be the partner.
SAMPLE_ROWS = 200


def account_header(
    book: SourceBook, wanted: str | None, chosen: dict[str, str] | None
) -> tuple[str, HeaderMatch] | None:
    """The first sheet (or the one `wanted`) whose header has a date and the money but no partner
    column, its alliance taken from the date column's rows (each row is the one alliance's)."""
    names = [n for n in book.sheet_names if wanted is None or n.casefold() == wanted.strip().casefold()]
    for name in names:
        header = find_header(book.head(name), LEDGER_HEADERS, _is_account, STRICT_FIELDS, chosen)
        if header is not None:
            columns = {**header.columns, "alliance": header.columns["date"]}
            labels = {**header.labels, "alliance": ONE_ALLIANCE + ")"}
            return name, HeaderMatch(
                header.row, columns, labels, header.clashes, header.others, header.unsigned
            )
    return None


def _is_account(columns: dict[str, int]) -> bool:
    return "alliance" not in columns and ledger_layout({**columns, "alliance": -1}) is not None


def partner_candidates(book: SourceBook, sheet: str, header: HeaderMatch) -> list[str]:
    """Columns no field took whose values are text that repeats (a partner's name on several rows):
    any of them could be the alliance, which a rule cannot tell."""
    rows = book.head(sheet, header.row + 1 + SAMPLE_ROWS)
    titles, body = rows[header.row], rows[header.row + 1 :]
    taken = set(header.columns.values())
    found = []
    for index, title in enumerate(titles):
        if index in taken or is_blank(title):
            continue
        texts = [display_value(r[index]) for r in body if index < len(r) and not is_blank(r[index])]
        words = [t for t in texts if not _is_number_or_date(t)]
        if len(words) >= 2 and len(set(words)) < len(words) and len(words) * 2 >= len(texts):
            found.append(f"{column_letter(index)} '{clean_name(title)}'")
    return found


def _is_number_or_date(text: str) -> bool:
    for parse in (parse_amount, parse_date):
        try:
            parse(text)
        except ValueError:
            continue
        return True
    return False


def account_name(book: SourceBook, sheet: str, header: HeaderMatch, told: str | None) -> tuple[str, str]:
    """The one alliance's name and where it came from: the user's, the banner's, or the file's."""
    if told:
        return told, "as you named it"
    banner = [display_value(c) for row in book.head(sheet, header.row) for c in row if not is_blank(c)]
    found = {m["what"].casefold(): clean_name(m["name"]) for m in map(_ACCOUNT.match, banner) if m}
    for what in ("account name", "account", "compte", "konto", "kontoname", "cuenta", "rekening"):
        if found.get(what):
            return found[what], f"from the banner above the header ('{_banner_cell(banner, what)}')"
    for what, name in found.items():
        if name:
            return f"Account {name}", f"from the banner above the header ('{_banner_cell(banner, what)}')"
    return PurePath(book.filename).stem, "from the file's name"


def _banner_cell(banner: list[str], what: str) -> str:
    return next(c for c in banner if (m := _ACCOUNT.match(c)) and m["what"].casefold() == what)


def as_one_alliance(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """The sheet's rows with the one alliance named on every row that holds anything (a blank row
    stays blank, so it is skipped as blank rows are)."""
    others = [column for column in frame.columns if column != "alliance"]
    filled = ~pd.concat([blank_mask(frame[c]) for c in others], axis=1).all(axis=1)
    named = pd.Series("", index=frame.index, dtype=object).where(~filled, name)
    return frame.assign(alliance=named)


def one_alliance_note(sheet: str, name: str, source: str, candidates: list[str]) -> str:
    """What the reading of a sheet as one alliance says."""
    return (
        f"Sheet '{sheet}' has no partner column, so the whole sheet is read as one alliance, '{name}' "
        f"({source}). If a column names the partner, map it (the command: --map alliance=HEADER); "
        "to name the alliance otherwise, say so (the command: --alliance NAME)."
        + (f" Columns that could name a partner: {', '.join(candidates)}." if candidates else "")
    )


def one_alliance_header(
    book: SourceBook,
    wanted: str | None,
    chosen: dict[str, str] | None,
    told: str | None,
    refusal: NoLedgerSheet,
) -> tuple[str, HeaderMatch, str, list[str], str]:
    """The sheet read as one alliance: its name, header (figures resolved), layout, the notes on
    how it is read, and the alliance's name; the `refusal` (with the columns that could be the
    partner, if any) when no sheet has a date and the money, or a column could name the partner."""
    found = account_header(book, wanted, chosen)
    if found is None:
        raise refusal
    sheet, header = found
    candidates = partner_candidates(book, sheet, header)
    if candidates and not told:
        raise NoLedgerSheet(
            f"{refusal} Sheet '{sheet}' has no column read as the alliance; {', '.join(candidates)} could "
            "be it: map it (the command: --map alliance=HEADER), or read the whole sheet as one alliance "
            "(the command: --alliance NAME)."
        )
    name, source = account_name(book, sheet, header, told)
    header = replace(header, labels={**header.labels, "alliance": f"{ONE_ALLIANCE}, '{name}')"})
    header, figure_notes = resolve_figures(header, sheet, chosen)
    notes = [one_alliance_note(sheet, name, source, candidates), *header_notes(sheet, header), *figure_notes]
    layout = ledger_layout(header.columns)
    assert layout is not None, "a sheet read as one alliance has a ledger layout"
    return sheet, header, layout, notes, name


def unused_name_notes(told: str | None, header: HeaderMatch) -> list[str]:
    """A note when the user named the one alliance of a ledger that has a partner column."""
    if not told or header.labels.get("alliance", "").startswith(ONE_ALLIANCE):
        return []
    column = f"{column_letter(header.columns['alliance'])} '{header.labels['alliance']}'"
    return [f"The alliance name '{told}' was not used: column {column} names each row's alliance."]
