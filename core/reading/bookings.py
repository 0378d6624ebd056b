"""A DATEV Buchungsstapel (EXTF export): double-entry bookings read on both their accounts.

German accounting packages export bookings in DATEV's format: a first line that describes the batch
(`EXTF`, the adviser and client numbers, the fiscal year's start, the batch's period, the currency,
the chart of accounts), then a header line of DATEV's own field names. Each booking has an unsigned
amount (`Umsatz`, decimal comma), the side of its account (`Soll/Haben-Kennzeichen`: S debit, H
credit), the account (`Konto`) and the contra account (`Gegenkonto`, the other side), and a date
written `DDMM` whose year is the batch's. Neither side says revenue or cost: the chart of accounts
does. A booking counts on each of its two accounts that is a revenue account (credit - debit) or an
expense account (debit - credit); a booking between balance-sheet accounts (bank, receivables, VAT)
is neither, and is listed. The batch has no partner: it is one alliance (one_account.py's rule).
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

import pandas as pd

from core.model import COST, REVENUE, SOURCED
from core.reading.entries import EntriesRead
from core.reading.figures import ONE_ALLIANCE
from core.reading.headers import HeaderMatch
from core.reading.issues import IssueLog
from core.reading.money import parse_amount
from core.reading.parsing import clean_name
from core.reading.sheets import SheetRead, SheetsRead
from core.reading.workbook import SourceBook

# DATEV's field names, as its header line writes them.
FIELDS = {
    "amount": "Umsatz (ohne Soll/Haben-Kz)",
    "kind": "Soll/Haben-Kennzeichen",
    "category": "Konto",
    "contra": "Gegenkonto (ohne BU-Schlüssel)",
    "date": "Belegdatum",
    "currency": "WKZ Umsatz",
}
# The batch line's fields (0-based): adviser, client, account length, period from and to, currency, chart.
_ADVISER, _CLIENT, _LENGTH, _FROM, _TO, _CURRENCY, _CHART = 10, 11, 13, 14, 15, 21, 26
# The classes (an account's first digit) of revenue and of expense accounts, per chart of accounts.
CHARTS = {"SKR03": ("8", "34"), "SKR04": ("4", "56")}
BOOKINGS = "bookings"


def is_booking_batch(book: SourceBook) -> bool:
    """Whether the file is a DATEV Buchungsstapel: an EXTF (or DTVF) line above DATEV's header."""
    if book.sheet_names != book.sheet_names[:1]:
        return False
    head = book.head(book.sheet_names[0], 2)
    return (
        len(head) == 2
        and str(head[0][0] if head[0] else "").strip() in ("EXTF", "DTVF")
        and all(name in [clean_name(c) for c in head[1]] for name in FIELDS.values())
    )


def _field(batch: list[object], index: int) -> str:
    return clean_name(batch[index]) if index < len(batch) else ""


def _day(text: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        return None


def read_booking_batch(book: SourceBook, told: str | None) -> tuple[SheetsRead, list[str]]:
    """The batch's revenue and cost entries, every booking not read listed, and notes on how."""
    sheet = book.sheet_names[0]
    rows = book.sheet(sheet).rows
    batch, titles = rows[0], rows[1]
    at = {field: [clean_name(c) for c in titles].index(name) for field, name in FIELDS.items()}
    chart_field = _field(batch, _CHART).lstrip("0")
    chart = f"SKR0{chart_field}" if chart_field in ("3", "4") else "SKR03"
    start, end = _day(_field(batch, _FROM)), _day(_field(batch, _TO))
    name = told or (
        f"Mandant {_field(batch, _CLIENT)}" if _field(batch, _CLIENT) else PurePath(book.filename).stem
    )
    length = int(_field(batch, _LENGTH)) if _field(batch, _LENGTH).isdigit() else 4
    issues, records = IssueLog(), []
    for number, cells in enumerate(rows[2:], start=3):
        cell = [clean_name(cells[i]) if i < len(cells) else "" for i in range(len(titles))]
        if not any(cell):
            continue
        records += _booking(cell, at, number, sheet, issues, (start, end, chart, length))
    entries = _entries(records, name, sheet, _field(batch, _CURRENCY))
    columns = {"date": at["date"], "alliance": at["date"], "amount": at["amount"], "kind": at["kind"]}
    columns["category"] = at["category"]
    labels = {field: FIELDS[field] for field in columns if field != "alliance"}
    labels["alliance"] = f"{ONE_ALLIANCE}, '{name}')"
    header = HeaderMatch(row=1, columns=columns, labels=labels)
    found = EntriesRead(entries, issues, 0)
    read = SheetRead(sheet, found, len(rows) - 2, titles)
    notes = _notes(sheet, name, told, chart, chart_field, start, end, issues)
    said = (
        f"revenue = credit - debit and cost = debit - credit on each booking's {chart} accounts, both sides",
        "alliance = one for the whole sheet, which has no partner column",
    )
    return SheetsRead(sheet, header, BOOKINGS, [read], [read], found, said), notes


def _booking(
    cell: list[str], at: dict[str, int], number: int, sheet: str, issues: IssueLog, batch: tuple
) -> list[tuple]:
    """One booking's entries (date, kind, amount, account, row), or an issue naming why none."""
    start, end, chart, length = batch
    text = cell[at["amount"]]
    try:
        amount = parse_amount(text, ",") if text else None
    except ValueError:
        amount = None
    if amount is None:
        issues.add(
            sheet, number, FIELDS["amount"], text, "no amount" if not text else f"'{text}' is not a number"
        )
        return []
    side = cell[at["kind"]].upper()
    if side not in ("S", "H"):
        issues.add(sheet, number, FIELDS["kind"], cell[at["kind"]], "the side is not S (Soll) or H (Haben)")
        return []
    day = _date(cell[at["date"]], start, end)
    if day is None:
        issues.add(
            sheet, number, FIELDS["date"], cell[at["date"]], "not a day written DDMM in the batch's year"
        )
        return []
    revenue, cost = CHARTS[chart]
    found = []
    for account, debit in ((cell[at["category"]], side == "S"), (cell[at["contra"]], side != "S")):
        padded = account.zfill(length) if account.isdigit() and len(account) <= length else ""
        if padded[:1] and padded[0] in revenue:
            found.append((day, REVENUE, -amount if debit else amount, padded, number))
        elif padded[:1] and padded[0] in cost:
            found.append((day, COST, amount if debit else -amount, padded, number))
    if not found:
        accounts = f"{cell[at['category']]} and {cell[at['contra']]}"
        issues.add(
            sheet,
            number,
            FIELDS["category"],
            cell[at["category"]],
            f"a booking between accounts {accounts}, neither a revenue nor an expense account in {chart}",
        )
    return found


def _date(text: str, start: dt.date | None, end: dt.date | None) -> pd.Timestamp | None:
    """A DDMM date in the batch's period (its year that puts it there), or a full DDMMYYYY one."""
    digits = text.zfill(4) if text.isdigit() and len(text) <= 4 else text
    years = sorted({d.year for d in (start, end) if d}) or [dt.date.today().year]
    for year in years if len(digits) == 4 else [None]:
        try:
            day = dt.date(year or int(digits[4:]), int(digits[2:4]), int(digits[:2]))
        except ValueError:
            return None
        if year is None or start is None or end is None or start <= day <= end or year == years[-1]:
            return pd.Timestamp(day)
    return None


def _entries(records: list[tuple], name: str, sheet: str, currency: str) -> pd.DataFrame:
    """The entries frame of the bookings read (one alliance, the account as the category)."""
    frame = pd.DataFrame(records, columns=["date", "kind", "amount", "category", "row"])
    return pd.DataFrame(
        {
            "date": pd.to_datetime(frame["date"]).astype("datetime64[ns]"),
            "alliance": pd.array([name] * len(frame), dtype="str"),
            "kind": pd.array(frame["kind"], dtype="str"),
            "amount": frame["amount"].astype(float),
            "category": pd.array(frame["category"], dtype="str"),
            "currency": pd.array([currency.upper()] * len(frame), dtype="str"),
            "attribution": pd.array([SOURCED] * len(frame), dtype="str"),
            "sheet": pd.array([sheet] * len(frame), dtype="str"),
            "row": frame["row"].astype("int64"),
        }
    )


def _notes(
    sheet: str,
    name: str,
    told: str | None,
    chart: str,
    said: str,
    start: dt.date | None,
    end: dt.date | None,
    issues: IssueLog,
) -> list[str]:
    """How the batch was read: the format, the chart of accounts, the dates, the one alliance."""
    revenue, cost = CHARTS[chart]
    assumed = (
        ""
        if said
        else " (the batch names no chart of accounts, so SKR03 is assumed; under SKR04 the classes differ)"
    )
    period = f" (its period {start:%d.%m.%Y} to {end:%d.%m.%Y})" if start and end else ""
    return [
        f"Sheet '{sheet}' is a DATEV Buchungsstapel (EXTF): each booking is read on both its accounts, "
        f"Konto and Gegenkonto, as {chart} classes them: revenue accounts (class {revenue}) count credit - "
        f"debit as revenue, expense accounts (classes {' and '.join(cost)}) debit - credit as cost{assumed}; "
        f"{len(issues)} bookings touch neither (bank, receivables, VAT) or cannot be read, and are listed on "
        "Data issues.",
        f"Sheet '{sheet}': Belegdatum is written DDMM ('3112'); the year is the batch's{period}.",
        f"Sheet '{sheet}' has no partner column, so the whole batch is read as one alliance, '{name}' "
        f"({'as you named it' if told else 'the batch client number'}; the command: --alliance NAME).",
    ]
