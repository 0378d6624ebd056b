"""A ledger's date column, read as one: slash dates day or month first as the column's own dates
settle it (as an amount column settles its decimal separator), each distinct value parsed once."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from core.reading.columns import Parsed, over_rows, parse_unique
from core.reading.parsing import (
    DAY,
    DAY_FIRST,
    EITHER_ORDER,
    FIRST_YEAR,
    LAST_YEAR,
    MONTH_FIRST,
    QUARTER,
    SERIAL_TEXT,
    YYYYMMDD,
    is_fiscal,
    number_style,
    parse_date,
    read_date,
    slash_style,
)

# A column whose slash dates settle both orders in as many cells: neither order is the column's.
UNDECIDED_ORDER = "undecided"
# Which flag of the command reads a column's slash dates in each order.
ORDER_FLAGS = {DAY_FIRST: "--dayfirst", MONTH_FIRST: "--monthfirst"}


def parse_dates(
    values: pd.Series, where: str = "", notes: list[str] | None = None, dayfirst: bool | None = None
) -> Parsed:
    """Dates of a column; slash dates are day or month first as the user says (`dayfirst`) or, when
    they do not, as the column's own dates settle it (`column_order`). Dates against the order are
    refused with the reason; `where` names the column in the notes that say what was decided."""
    if values.dtype.kind == "M":
        return _typed_dates(values)
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    counts = np.bincount(codes, minlength=len(uniques)).tolist()
    styles = [slash_style(u) for u in uniques]
    order, note = column_order(list(uniques), styles, counts, where, dayfirst)
    told = dayfirst is not None
    parsed = parse_unique(values, lambda v: _in_order(v, order, told), "datetime")
    if notes is not None:
        # What was read, once per distinct value, for the notes on how it was written.
        read_codes, read = pd.factorize(values[~parsed.bad.to_numpy()], use_na_sentinel=False)
        read_counts = np.bincount(read_codes, minlength=len(read)).tolist()
        notes.extend(filter(None, [note, *_number_notes(list(read), read_counts, where)]))
        notes.extend(filter(None, [_fiscal_note(list(read), where)]))
    return parsed


def column_period(values: pd.Series, where: str, notes: list[str]) -> str:
    """What every date read of a column was written as: QUARTER ('Q1 2024'), MONTH ('2024-03') or
    DAY (any day, or a mix). A ledger of quarters counts each entry for its whole quarter (its last
    quarter is complete, its span runs to that quarter's end), said in a note."""
    if values.dtype.kind == "M" or values.empty:
        return DAY
    periods = {read_date(value)[1] for value in pd.unique(values)}
    period = periods.pop() if len(periods) == 1 else DAY
    if period == QUARTER:
        notes.append(
            f"{where} holds quarters (such as '{str(values.iloc[0]).strip()}'): each entry counts for its "
            "whole quarter, so the last quarter is complete and spans of activity run to its end."
        )
    return period


def column_order(
    values: Sequence[object], styles: Sequence[str], counts: Sequence[int], where: str, dayfirst: bool | None
) -> tuple[str, str]:
    """The order of a column's slash dates (DAY_FIRST, MONTH_FIRST or UNDECIDED_ORDER), and a note
    saying the choice when it is not obvious ('' otherwise).

    `dayfirst` is the user's word, which decides. Else a date such as '25/04/2024' settles day first
    and '04/25/2024' month first; the order more cells settle wins and the others are refused; as
    many cells each, UNDECIDED_ORDER (a date that reads both ways is refused); none settles it (every
    part 12 or less), day first, as the reader always read them, said in the note with how to say
    otherwise.
    """
    tally = {s: sum(c for st, c in zip(styles, counts, strict=True) if st == s) for s in _ORDER_STYLES}
    examples = {
        s: next((str(v).strip() for v, st in zip(values, styles, strict=True) if st == s), "")
        for s in _ORDER_STYLES
    }
    day, month, either = tally[DAY_FIRST], tally[MONTH_FIRST], tally[EITHER_ORDER]
    if dayfirst is not None:
        return (DAY_FIRST if dayfirst else MONTH_FIRST), ""
    if day == month:
        order = UNDECIDED_ORDER if day else DAY_FIRST
    else:
        order = DAY_FIRST if day > month else MONTH_FIRST
    if order == UNDECIDED_ORDER:
        return order, (
            f"{where} writes {_dates(day)} day first (such as '{examples[DAY_FIRST]}') and {_dates(month)} "
            f"month first (such as '{examples[MONTH_FIRST]}'), so dates that could be read either way are "
            f"listed as data issues: to read them, say which order (the command: --dayfirst or --monthfirst)."
        )
    parts = []
    if either:
        shown = examples[EITHER_ORDER]
        read = f"'{shown}' was read as {_spelled(parse_date(shown, dayfirst=order == DAY_FIRST))}"
        if either > 1:
            read += f" (and {_dates(either - 1)} more written like it)"
        if day or month:
            parts.append(
                f"{where} writes dates {order} ({_dates(max(day, month))} such as "
                f"'{examples[order]}'), so {read}."
            )
        else:
            other = MONTH_FIRST if order == DAY_FIRST else DAY_FIRST
            parts.append(
                f"{where}: no date settles whether its dates are day or month first, so they were read "
                f"{order}: {read}. If they are {other}, say so (the command: {ORDER_FLAGS[other]})."
            )
    if day and month:
        other, fewer = (MONTH_FIRST, month) if order == DAY_FIRST else (DAY_FIRST, day)
        verbs = "contradicts" if fewer == 1 else "contradict"
        listed = "is listed as a data issue" if fewer == 1 else "are listed as data issues"
        parts.append(
            f"{where}: {_dates(fewer)} written {other} (such as '{examples[other]}') {verbs} the column's "
            f"order ({order}) and {listed}."
        )
    return order, " ".join(parts)


_ORDER_STYLES = (DAY_FIRST, MONTH_FIRST, EITHER_ORDER)


def _in_order(value: object, order: str, told: bool) -> pd.Timestamp:
    """A date of a column whose slash dates are in `order`: one that reads only the other way, or
    (in an UNDECIDED_ORDER column) either way, is refused with the reason."""
    style = slash_style(value)
    shown = str(value).strip()
    if style == EITHER_ORDER and order == UNDECIDED_ORDER:
        day_first, month_first = parse_date(shown, dayfirst=True), parse_date(shown, dayfirst=False)
        raise ValueError(
            f"'{shown}' could be {_spelled(day_first)} or {_spelled(month_first)}: this column writes "
            "dates day first and month first"
        )
    if style in (DAY_FIRST, MONTH_FIRST) and order in (DAY_FIRST, MONTH_FIRST) and style != order:
        said = "as told" if told else "as most of its dates are"
        raise ValueError(
            f"'{shown}' can only be read {style}, but this column's dates are read {order}, {said}"
        )
    return parse_date(value, dayfirst=order != MONTH_FIRST)


def _number_notes(values: list[object], counts: list[int], where: str) -> list[str]:
    """Say that numbers were read as dates: YYYYMMDD (20240315), or Excel serials written as text."""
    notes = []
    for style, as_what in ((YYYYMMDD, "YYYYMMDD numbers"), (SERIAL_TEXT, "Excel day numbers in text")):
        found = [(v, c) for v, c in zip(values, counts, strict=True) if number_style(v) == style]
        if found:
            first = found[0][0]
            shown = f"'{first.strip()}'" if isinstance(first, str) else f"{float(first):.15g}"  # type: ignore[arg-type]
            total = sum(c for _, c in found)
            notes.append(
                f"{where}: {_dates(total)} written as {as_what} (such as {shown}) "
                f"{'was read as that day' if total == 1 else 'were read as those days'} "
                f"({shown} as {_spelled(parse_date(first))})."
            )
    return notes


def _fiscal_note(values: list[object], where: str) -> str:
    """Say that fiscal quarters were read as the calendar's: the product knows no fiscal year."""
    for value in values:
        if is_fiscal(value):
            try:
                stamp, shown = parse_date(value), str(value).strip()
                break
            except ValueError:  # refused with its reason, as any other cell
                continue
    else:
        return ""
    last = stamp + pd.DateOffset(months=2)
    return (
        f"{where} writes fiscal periods (such as '{shown}'): they were read as calendar periods "
        f"('{shown}' as {stamp:%B}–{last:%B %Y}). If the fiscal year starts in another month, write "
        "each period's first day instead."
    )


def _spelled(stamp: pd.Timestamp) -> str:
    """'3 April 2024': a date no reader takes the wrong way round."""
    return f"{stamp.day} {stamp:%B %Y}"


def _dates(count: int) -> str:
    return f"{count} date" + ("" if count == 1 else "s")


def _typed_dates(values: pd.Series) -> Parsed:
    """A column read as dates: those in the accepted years are taken at once (at midnight); empty
    cells and other years go through the per-value parser, which gives the reason."""
    years = values.dt.year
    good = values.notna() & years.between(FIRST_YEAR, LAST_YEAR)
    odd = values[~good]
    as_cells = pd.Series([_cell(v) for v in odd], index=odd.index, dtype=object)
    parsed = over_rows(values.index, parse_unique(as_cells, parse_date, "datetime"), "datetime")
    dates = parsed.values.astype("datetime64[us]")
    dates[good] = values[good].dt.normalize().astype("datetime64[us]")
    return Parsed(dates, parsed.bad, parsed.reasons)


def _cell(value: object) -> object:
    """A missing date as the empty cell it was, any other as the Python date the cell reader gives."""
    return "" if pd.isna(value) else pd.Timestamp(value).to_pydatetime()  # type: ignore[arg-type]
