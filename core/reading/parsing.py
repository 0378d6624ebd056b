"""Reading single ledger cells as people type them: amounts, dates, kinds and header names."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Mapping

import pandas as pd

from core.model import INFLUENCED, SOURCED
from core.reading.kind_values import KIND_OF_VALUE

_MONTH_NAMES = (
    "jan january|feb february|mar march|apr april|may|jun june|jul july|aug august|sep sept september"
)
_MONTH_NAMES += "|oct october|nov november|dec december"
MONTHS = {
    name: number for number, names in enumerate(_MONTH_NAMES.split("|"), start=1) for name in names.split()
}

# A ledger date lies in these years; outside them it is a typo or a stand-in date (0001-01-01,
# 9999-12-31), and reading it would stretch every monthly series over thousands of years.
FIRST_YEAR, LAST_YEAR = 1900, 2100

# Excel serial day numbers between these bounds are 1954-10-03 .. 2100-12-31: anything else in a
# date column is far more likely an amount or a year typed in the wrong place.
_EXCEL_SERIAL_MIN, _EXCEL_SERIAL_MAX = 20_000, 73_415
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def parse_attribution(value: object) -> str:
    """'Sourced' (the default for an empty cell) or 'Influenced' revenue: 'partner-sourced' is sourced."""
    word = normalise_header(value)
    if not word or "sourc" in word:
        return SOURCED
    if "influenc" in word or "assist" in word:
        return INFLUENCED
    raise ValueError(f"'{clean_name(value)}' is not an attribution: expected sourced or influenced")


def is_blank(value: object) -> bool:
    """True for an empty cell: None, NaN, NaT or text of only spaces."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and not value.strip():
        return True
    return value is pd.NaT


def display_value(value: object) -> str:
    """A cell as the user sees it in an issue or a preview: '' when blank, dates as YYYY-MM-DD."""
    if isinstance(value, float) and math.isnan(value):
        # A NaN the file holds is a value to show, not an empty cell.
        return "nan"
    if is_blank(value):
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


# A currency code after a header's words is its unit ('Revenue USD'), unless the words name what a
# rate converts to ('Rate to USD', which the FX sheet reads for its base currency).
_TRAILING_UNIT = re.compile(r"(?<!\bto)(?<!\bin) (?:usd|eur|gbp|chf|jpy|cad|aud|sek|nok|dkk|inr|cny)$")


def normalise_header(text: object) -> str:
    """A header as the vocabulary compares it: lower case without accents, CamelCase split, bracketed
    units, trailing currency codes, punctuation and underscores dropped: 'Net_Sales (USD) ' ->
    'net sales', 'NetSales' -> 'net sales', 'Erlöse' -> 'erlose'."""
    if is_blank(text):
        return ""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(text))
    folded = unicodedata.normalize("NFKD", spaced.lower().replace("ß", "ss"))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    cleaned = re.sub(r"\(.*?\)|\[.*?\]", " ", plain)
    cleaned = " ".join(re.sub(r"[^0-9a-z]+", " ", cleaned).split())
    return _TRAILING_UNIT.sub("", cleaned)


def clean_name(value: object) -> str:
    """Trim and collapse the white space of a name; blank cells give ''."""
    if is_blank(value):
        return ""
    return " ".join(str(value).split())


def parse_kind(value: object, told: Mapping[str, str | None] | None = None) -> str:
    """Map Revenue/Income/Invoice to 'revenue' and Cost/Expense/Bill to 'cost' (vocabulary.KIND_VALUES).

    `told`: the user's own reading of some values (normalised value -> 'revenue', 'cost', or None
    for neither), which comes before the vocabulary's.
    """
    word = normalise_header(value)
    if told and word in told:
        kind = told[word]
        if kind is None:
            raise ValueError(f"'{clean_name(value)}' is neither revenue nor cost, as the kind values say")
        return kind
    if word in KIND_OF_VALUE:
        return KIND_OF_VALUE[word]
    if not word:
        raise ValueError("empty kind: expected revenue or cost")
    raise ValueError(f"'{clean_name(value)}' is not a kind: expected revenue or cost")


def parse_date(value: object, *, dayfirst: bool = True) -> pd.Timestamp:
    """Read an Excel date, an ISO date or a period ('2024-03', 'Mar 2024', '2024-Q1').

    A period is read as its first day. `dayfirst` settles '03/04/2024'-style dates.
    Raises ValueError with the reason when the value is not a date.
    """
    if isinstance(value, bool):
        raise ValueError("true/false is not a date")
    if isinstance(value, (dt.datetime, dt.date, pd.Timestamp)):
        _check_year(value.year, value.isoformat()[:10])
        return pd.Timestamp(value).normalize()
    if isinstance(value, (dt.time, dt.timedelta)):
        raise ValueError(f"'{value}' is a time, not a date")
    if isinstance(value, (int, float)):
        return _from_excel_serial(float(value))
    if is_blank(value):
        raise ValueError("empty date")
    text = " ".join(str(value).strip().split())
    try:
        stamp = _parse_date_text(text.lower(), dayfirst)
    except _OutOfRange as exc:
        raise ValueError(_outside_years(exc.year, text)) from None
    if stamp is None:
        raise ValueError(f"'{text}' is not a date or period")
    return stamp


class _OutOfRange(ValueError):
    """A date whose year is outside FIRST_YEAR..LAST_YEAR."""

    def __init__(self, year: int) -> None:
        super().__init__(year)
        self.year = year


def _check_year(year: int, shown: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(_outside_years(year, shown))


def _outside_years(year: int, shown: str) -> str:
    return f"'{shown}' is in the year {year}, outside {FIRST_YEAR}–{LAST_YEAR}: not a ledger date"


def _from_excel_serial(serial: float) -> pd.Timestamp:
    # NaN and infinities fail the comparison too.
    if not _EXCEL_SERIAL_MIN <= serial <= _EXCEL_SERIAL_MAX:
        raise ValueError(f"{serial:.15g} is a number, not a date")
    return pd.Timestamp(_EXCEL_EPOCH + dt.timedelta(days=int(serial)))


def _parse_date_text(text: str, dayfirst: bool) -> pd.Timestamp | None:
    for pattern, build in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            try:
                return build(match, dayfirst)
            except _OutOfRange:
                raise
            except ValueError:
                return None
    return None


def _stamp(year: str, month: int | str, day: int | str = 1) -> pd.Timestamp:
    # Two digits are this century's year ('Mar-24'); four digits are the year as written ('0001').
    number = int(year) + (2000 if len(year) <= 2 else 0)
    if not FIRST_YEAR <= number <= LAST_YEAR:
        raise _OutOfRange(number)
    return pd.Timestamp(dt.date(number, int(month), int(day)))


def _month_number(name: str) -> int:
    if name not in MONTHS:
        raise ValueError(name)
    return MONTHS[name]


def _slash_date(match: re.Match, dayfirst: bool) -> pd.Timestamp:
    first, second, year = int(match[1]), int(match[2]), match[3]
    if first > 12 or (dayfirst and second <= 12):
        return _stamp(year, second, first)
    return _stamp(year, first, second)


_DATE_PATTERNS = [
    # 2024-03-15, 2024/03/15, with an optional time
    (
        re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"),
        lambda m, _: _stamp(*m.groups()),
    ),
    # 2024-03, 2024/03
    (re.compile(r"(\d{4})[-/.](\d{1,2})"), lambda m, _: _stamp(m[1], m[2])),
    # 2024-Q1, 2024 Q1, Q1 2024, Q1-24
    (re.compile(r"(\d{4})\s*-?\s*q([1-4])"), lambda m, _: _stamp(m[1], 3 * int(m[2]) - 2)),
    (re.compile(r"q([1-4])\s*[-/ ]?\s*(\d{4}|\d{2})"), lambda m, _: _stamp(m[2], 3 * int(m[1]) - 2)),
    # Mar 2024, March-2024, Mar-24, 15 Mar 2024, Mar 15, 2024
    (
        re.compile(r"([a-z]{3,9})\.?[ /-]?(\d{4}|\d{2})"),
        lambda m, _: _stamp(m[2], _month_number(m[1])),
    ),
    (
        re.compile(r"(\d{1,2})[ -]([a-z]{3,9})\.?[ ,-]*(\d{4})"),
        lambda m, _: _stamp(m[3], _month_number(m[2]), m[1]),
    ),
    (
        re.compile(r"([a-z]{3,9})\.? (\d{1,2}),? (\d{4})"),
        lambda m, _: _stamp(m[3], _month_number(m[1]), m[2]),
    ),
    # 2024 Mar
    (re.compile(r"(\d{4})[ -]([a-z]{3,9})"), lambda m, _: _stamp(m[1], _month_number(m[2]))),
    # 15.03.2024 is always day first; 15/03/2024 and 03/15/2024 follow the column
    (
        re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})"),
        lambda m, _: _stamp(m[3], m[2], m[1]),
    ),
    (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})"), _slash_date),
]


def slash_order(texts: list[str]) -> bool | None:
    """Decide day-first (True) or month-first (False) from the slash dates of one column.

    None when no date in the column settles it (every part is 12 or less).
    """
    dayfirst_seen = monthfirst_seen = False
    for text in texts:
        match = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\s*", str(text))
        if match:
            first, second = int(match[1]), int(match[2])
            dayfirst_seen |= first > 12
            monthfirst_seen |= second > 12
    if dayfirst_seen == monthfirst_seen:
        return None
    return dayfirst_seen
