"""A sheet's body as named columns, each parsed once per distinct value: blanks, totals, amounts, dates."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from core.reading.headers import HeaderMatch
from core.reading.parsing import clean_name, is_blank, parse_amount, parse_date, slash_order

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


class _Bad(NamedTuple):
    """A value the parser refused, and its reason."""

    reason: str


@dataclass(frozen=True)
class Parsed:
    """A parsed column aligned with the sheet's rows: values, which cells failed, and why."""

    values: pd.Series
    bad: pd.Series
    reasons: pd.Series


def parse_unique(values: pd.Series, parser: Callable[[object], object], dtype: str) -> Parsed:
    """Parse each distinct value once: ledgers repeat the same few names, kinds and periods.

    `dtype` is 'float', 'datetime' or 'object' for the parsed values; failed cells hold NaN/NaT/None.
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
        parsed = pd.to_datetime(pd.Series(good, dtype=object)).to_numpy()
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
    fill = {"float": np.nan, "datetime": pd.NaT, "object": None}[dtype]
    return Parsed(
        parsed.values.reindex(rows, fill_value=fill),
        parsed.bad.reindex(rows, fill_value=False),
        parsed.reasons.reindex(rows, fill_value=""),
    )


def _is_number(values: pd.Series) -> pd.Series:
    # type() rather than isinstance: True and False are ints to isinstance, not amounts.
    return values.map(type).isin([int, float]) & values.notna()


def blank_mask(values: pd.Series) -> pd.Series:
    """Empty cells: None, NaN, '' or only spaces; judged once per distinct value."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    blank = np.fromiter((is_blank(u) for u in uniques), bool, len(uniques))
    return pd.Series(blank[codes] if len(uniques) else np.zeros(len(values), bool), index=values.index)


def parse_amounts(values: pd.Series) -> Parsed:
    """Amounts of a column: numbers as they are, text parsed once per distinct value."""
    numeric = _is_number(values)
    rest = parse_unique(values[~numeric], parse_amount, "float")
    parsed = over_rows(values.index, rest, "float")
    parsed.values[numeric] = values[numeric].astype(float)
    return parsed


def parse_dates(values: pd.Series) -> Parsed:
    """Dates of a column; slash dates are day- or month-first as the column's own dates settle it."""
    texts = [v for v in pd.unique(values) if isinstance(v, str)]
    order = slash_order(texts)
    dayfirst = True if order is None else order
    return parse_unique(values, lambda v: parse_date(v, dayfirst=dayfirst), "datetime")


def clean_texts(values: pd.Series) -> pd.Series:
    """Trimmed names with single spaces, computed once per distinct value."""
    return parse_unique(values, clean_name, "object").values.astype(str)


def is_totals(texts: pd.Series) -> pd.Series:
    """Cells that say Total, Grand total, Subtotal or Sum."""
    codes, uniques = pd.factorize(texts)
    hits = np.fromiter((bool(_TOTALS.match(u)) for u in uniques), bool, len(uniques))
    return pd.Series(hits[codes], index=texts.index)
