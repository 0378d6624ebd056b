"""A sheet's body as named columns, each parsed once per distinct value: blanks, totals, amounts, dates."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple  # Any: a column's values are of any cell type

import numpy as np
import pandas as pd

from core.reading.headers import HeaderMatch
from core.reading.money import (
    COMMA,
    EITHER,
    MAX_AMOUNT,
    NEITHER,
    POINT,
    SEPARATOR_WORDS,
    UNDECIDED,
    Money,
    MoneyText,
    checked_amount,
    money_value,
    parse_amount,
    read_money,
    split_money,
)
from core.reading.parsing import clean_name, is_blank

# A label that marks a row summing the rows above it, which is not an entry of its own.
_TOTALS = re.compile(r"^\s*(grand\s+)?(sub-?\s*)?totals?\b|^\s*sum\b", re.IGNORECASE)


def typed_frame(dtypes: dict[str, str]) -> pd.DataFrame:
    """A frame with no rows and these columns and dtypes."""
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in dtypes.items()})


def body_frame(rows: list[list[object]], header: HeaderMatch) -> pd.DataFrame:
    """The rows below the header, one column per matched field, indexed by 1-based sheet row."""
    body = rows[header.row + 1 :]
    columns = {}
    for name, index in header.columns.items():
        columns[name] = pd.Series([r[index] if index < len(r) else "" for r in body], dtype=object)
    frame = pd.DataFrame(columns)
    frame.index = pd.RangeIndex(header.row + 2, header.row + 2 + len(body), name="row")
    return frame


def map_unique(values: pd.Series, function: Callable[[Any], object]) -> pd.Series:
    """`values.map(function)`, calling it once per distinct value (a column repeats a few values)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    mapped = np.array([function(u) for u in uniques] + [None], dtype=object)
    return pd.Series(mapped[codes], index=values.index, dtype=object)


def row_cells(rows: list[list[object]]) -> Callable[[int], list[object]]:
    """Every cell of a sheet row (1-based) from rows read cell by cell."""
    return lambda row: rows[row - 1] if 0 < row <= len(rows) else []


class _Bad(NamedTuple):
    """A value the parser refused, and its reason."""

    reason: str


@dataclass(frozen=True)
class Parsed:
    """A parsed column aligned with the sheet's rows: values, which cells failed, and why.

    For amounts, `symbols` holds the currency symbol or code each amount's text carries ('' if none).
    """

    values: pd.Series
    bad: pd.Series
    reasons: pd.Series
    symbols: pd.Series | None = None


def parse_unique(values: pd.Series, parser: Callable[[object], object], dtype: str) -> Parsed:
    """Parse each distinct value once: ledgers repeat the same few names, kinds and periods.

    `dtype` is 'float', 'datetime', 'str' (Arrow-backed strings, taken by code from the parsed
    distinct values) or 'object' for the parsed values; failed cells hold NaN/NaT/None (NA for 'str').
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    results = []
    for value in uniques:
        try:
            results.append(parser(value))
        except ValueError as exc:
            results.append(_Bad(str(exc)))
    bad = np.fromiter((isinstance(r, _Bad) for r in results), bool, len(results))
    reasons = np.array([r.reason if isinstance(r, _Bad) else "" for r in results], dtype=object)
    good = [None if isinstance(r, _Bad) else r for r in results]
    if dtype == "float":
        parsed = np.array([np.nan if g is None else g for g in good], dtype=float)
    elif dtype == "datetime":
        # One resolution whatever the cells were (a date gives seconds, a date-time microseconds).
        parsed = pd.to_datetime(pd.Series(good, dtype=object)).to_numpy().astype("datetime64[us]")
    elif dtype == "str":
        texts = pd.array(good, dtype="str")
        return Parsed(
            pd.Series(texts.take(codes), index=values.index),
            pd.Series(bad[codes] if len(results) else bad, index=values.index),
            pd.Series(reasons[codes] if len(results) else reasons, index=values.index),
        )
    else:
        parsed = np.array(good, dtype=object)
    index = values.index
    return Parsed(
        pd.Series(parsed[codes], index=index) if len(results) else pd.Series(parsed, index=index),
        pd.Series(bad[codes] if len(results) else bad, index=index),
        pd.Series(reasons[codes] if len(results) else reasons, index=index),
    )


def over_rows(rows: pd.Index, parsed: Parsed, dtype: str) -> Parsed:
    """Spread a column parsed on some rows back over all rows (nothing failed on the others)."""
    fill = {"float": np.nan, "datetime": pd.NaT, "object": None, "str": None}[dtype]
    return Parsed(
        parsed.values.reindex(rows, fill_value=fill),
        parsed.bad.reindex(rows, fill_value=False),
        parsed.reasons.reindex(rows, fill_value=""),
        None if parsed.symbols is None else parsed.symbols.reindex(rows, fill_value=""),
    )


def blank_mask(values: pd.Series) -> pd.Series:
    """Empty cells: None, '' or only spaces; judged once per distinct value.

    A NaN the file holds (a cell reading 'nan') is a value to refuse, not an empty cell.
    """
    if values.dtype.kind in "fM":  # read column-wise as numbers or dates: a missing value is an empty cell
        return values.isna()
    if values.dtype == object:
        # Read cell by cell: a number cell is never empty (a NaN is content), so only the other
        # values are judged, once per distinct value (an amount column holds almost as many
        # numbers as rows). type() rather than isinstance: True and False are ints to isinstance.
        kinds = pd.Series(list(map(type, values.to_numpy())), dtype=object)
        judged = ~kinds.isin([float, int]).to_numpy()
    else:
        # Read column-wise as text: no numbers among them, and no Python object made per cell.
        judged = np.ones(len(values), dtype=bool)
    codes, uniques = pd.factorize(values[judged], use_na_sentinel=False)
    blank = np.zeros(len(values), dtype=bool)
    if len(uniques):
        blank[judged] = np.fromiter((is_empty_cell(u) for u in uniques), bool, len(uniques))[codes]
    return pd.Series(blank, index=values.index)


def is_empty_cell(value: object) -> bool:
    """None, '' or only spaces; unlike `is_blank`, a NaN the file holds is content, not emptiness."""
    return is_blank(value) and not (isinstance(value, float) and math.isnan(value))


def parse_amounts(values: pd.Series, where: str, notes: list[str]) -> Parsed:
    """Amounts of a column: numbers checked as they are, text parsed once per distinct value.

    The column's text settles its decimal separator (`column_decimal`); `where` names the column
    in the note that says the choice when it is not obvious.
    """
    if values.dtype.kind == "f":
        # Read column-wise as numbers: each is a number cell; a missing one is an empty cell ('').
        numeric = values.notna()
        texts = pd.Series("", index=values.index[~numeric], dtype=object)
    else:
        # type() rather than isinstance: True and False are ints to isinstance, not amounts.
        numeric = values.map(type).isin([int, float])
        texts = values[~numeric]
    codes, uniques = pd.factorize(texts, use_na_sentinel=False)
    counts = np.bincount(codes, minlength=len(uniques))
    # Each distinct text is taken apart once: its decimal style votes, then it is read.
    split = [_split(u) for u in uniques]
    styles = [NEITHER if isinstance(s, _Bad) else s.style for s in split]
    decimal, note = column_decimal(list(uniques), styles, counts.tolist(), where)
    if note:
        notes.append(note)
    read: list[Money | _Bad] = []
    for parts in split:
        try:
            read.append(parts if isinstance(parts, _Bad) else money_value(parts, decimal))
        except ValueError as exc:
            read.append(_Bad(str(exc)))
    bad = np.array([isinstance(r, _Bad) for r in read], dtype=bool)
    parsed = Parsed(
        pd.Series(np.array([np.nan if isinstance(r, _Bad) else r.value for r in read])[codes], texts.index),
        pd.Series(bad[codes], texts.index, dtype=bool),
        pd.Series(
            np.array([r.reason if isinstance(r, _Bad) else "" for r in read], object)[codes], texts.index
        ),
        pd.Series(
            np.array(["" if isinstance(r, _Bad) else r.symbol for r in read], object)[codes], texts.index
        ),
    )
    if texts.empty:
        # Numbers only: no currency sign anywhere, said by None rather than by a column of ''.
        parsed = Parsed(parsed.values, parsed.bad, parsed.reasons)
    parsed = over_rows(values.index, parsed, "float")
    _numbers_into(parsed, values[numeric].astype(float))
    return parsed


def _split(value: object) -> MoneyText | _Bad:
    """Text taken apart as money, or why it is not an amount."""
    try:
        if not isinstance(value, str) or is_blank(value):
            read_money(value)  # raises the reason: empty, or not a number
        return split_money(str(value))
    except ValueError as exc:
        return _Bad(str(exc))


def _numbers_into(parsed: Parsed, numbers: pd.Series) -> None:
    """Put number cells into `parsed`, refusing (vectorised) the NaNs, infinities and huge ones."""
    wrong = ~np.isfinite(numbers.to_numpy()) | (numbers.abs() >= MAX_AMOUNT).to_numpy()
    parsed.values[numbers.index] = numbers.where(~wrong)
    parsed.bad[numbers.index] = wrong
    for row, number in numbers[wrong].items():
        try:
            checked_amount(number, f"{number:g}")
        except ValueError as exc:
            parsed.reasons[row] = str(exc)


def clean_texts(values: pd.Series) -> pd.Series:
    """Trimmed names with single spaces, computed once per distinct value, as Arrow-backed strings
    (taken by code from the cleaned distinct names, not converted one object at a time)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    cleaned = pd.array([clean_name(u) for u in uniques], dtype="str")
    return pd.Series(cleaned.take(codes), index=values.index)


def is_totals(texts: pd.Series) -> pd.Series:
    """Cells that say Total, Grand total, Subtotal or Sum."""
    codes, uniques = pd.factorize(texts)
    hits = np.fromiter((bool(_TOTALS.match(u)) for u in uniques), bool, len(uniques))
    return pd.Series(hits[codes], index=texts.index)


def column_decimal(values: list[object], styles: list[str], counts: list[int], where: str) -> tuple[str, str]:
    """The decimal separator of a column's text amounts, and a note saying the choice when not obvious.

    Values such as '12.5' or '1.234,56' settle the separator; '1.234' could be either. The
    separator more cells settle wins (per column, as slash dates choose day/month order in
    date_columns.py, not per cell); when none settles it, a decimal point; when as many cells
    settle each, UNDECIDED.
    """
    tally = {style: sum(c for s, c in zip(styles, counts, strict=True) if s == style) for style in _STYLES}
    examples = {
        style: next((str(v).strip() for v, s in zip(values, styles, strict=True) if s == style), "")
        for style in _STYLES
    }
    point, comma = tally[POINT], tally[COMMA]
    if point == comma:
        decimal = UNDECIDED if point else POINT
    elif point > comma:
        decimal = POINT
    else:
        decimal = COMMA
    return decimal, _decimal_note(decimal, tally, examples, where)


_STYLES = (POINT, COMMA, EITHER)


def _decimal_note(decimal: str, tally: dict[str, int], examples: dict[str, str], where: str) -> str:
    """The sentence that says a column's decimal separator, or '' when every amount settles its own."""
    point, comma, either = tally[POINT], tally[COMMA], tally[EITHER]
    if decimal == UNDECIDED:
        return (
            f"{where} writes {_amounts(point)} with a decimal point (such as '{examples[POINT]}') and "
            f"{_amounts(comma)} with a decimal comma (such as '{examples[COMMA]}'), so amounts that could "
            "be read either way are listed as data issues."
        )
    parts = []
    if either:
        read = f"'{examples[EITHER]}' was read as {parse_amount(examples[EITHER], decimal):g}"
        if either > 1:
            read += f" (and {_amounts(either - 1)} more written like it)"
        if point or comma:
            parts.append(
                f"{where} writes a decimal {SEPARATOR_WORDS[decimal]} ({_amounts(max(point, comma))} such "
                f"as '{examples[decimal]}'), so {read}."
            )
        else:
            parts.append(
                f"{where}: no amount settles the decimal separator, so a point is read as the decimal "
                f"separator and a comma as a thousands separator: {read}."
            )
    if point and comma:
        other, fewer = (COMMA, comma) if decimal == POINT else (POINT, point)
        verbs = "contradicts" if fewer == 1 else "contradict"
        listed = "is listed as a data issue" if fewer == 1 else "are listed as data issues"
        parts.append(
            f"{where}: {_amounts(fewer)} written with a decimal {SEPARATOR_WORDS[other]} (such as "
            f"'{examples[other]}') {verbs} the column's decimal {SEPARATOR_WORDS[decimal]} and {listed}."
        )
    return " ".join(parts)


def _amounts(count: int) -> str:
    return f"{count} amount" + ("" if count == 1 else "s")
