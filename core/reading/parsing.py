"""Reading single ledger cells as people type them: amounts, dates, kinds and header names."""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
import unicodedata
from collections.abc import Callable, Mapping

import pandas as pd

from core.model import INFLUENCED, SOURCED
from core.reading.kind_values import KIND_OF_VALUE

# Month names and abbreviations as ledgers write them, in English, German, French, Spanish and Dutch,
# compared lower case without accents ('März' -> 'marz', 'févr.' -> 'fevr'). No word names two
# months: 'mar' is March in English, French and Spanish alike, 'mai' (German, French) and 'mei'
# (Dutch) are both May.
_MONTH_WORDS = (
    "jan january januar janner janv janvier enero ene januari",
    "feb february februar fev fevr fevrier febrero februari",
    "mar march marz mrz mars marzo maart mrt",
    "apr april avr avril abril abr",
    "may mai mayo mei",
    "jun june juni juin junio",
    "jul july juli juil juillet julio",
    "aug august aout agosto ago augustus",
    "sep sept september septembre septiembre setiembre",
    "oct october oktober okt octobre octubre",
    "nov november novembre noviembre",
    "dec december dezember dez decembre diciembre dic",
)
MONTHS = {name: number for number, names in enumerate(_MONTH_WORDS, start=1) for name in names.split()}

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


def named_headers(chosen: Mapping[str, str] | None) -> dict[str, str]:
    """The fields the user named a header for; an empty header (`--map currency=`) leaves its field
    unread: no column is taken for it, not even the one the vocabulary would find."""
    return {field: header for field, header in (chosen or {}).items() if header}


def told_kinds(kind_values: Mapping[str, str | None] | None) -> dict[str, str | None]:
    """The user's readings of kind values keyed as `parse_kind` compares values (normalised)."""
    return {normalise_header(value): reading for value, reading in (kind_values or {}).items()}


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


# What a date cell was written as: a day, or a period read as its first day.
DAY, MONTH, QUARTER = "day", "month", "quarter"
# A ledger without dates, read as one period when the user says so (undated.py).
UNDATED = "undated"


def parse_date(value: object, *, dayfirst: bool = True) -> pd.Timestamp:
    """Read a date as ledgers write it (see `read_date`); a period is read as its first day.

    `dayfirst` settles '03/04/2024'-style dates. Raises ValueError with the reason when the value
    is not a date.
    """
    return read_date(value, dayfirst=dayfirst)[0]


def read_date(value: object, *, dayfirst: bool = True) -> tuple[pd.Timestamp, str]:
    """A date and what it was written as (DAY, MONTH or QUARTER): an Excel date or serial number
    (also as text, '45366'), an ISO date, a YYYYMMDD number ('20240315'), a day with a month name in
    English, German, French, Spanish or Dutch ('15. März 2024', '15 de marzo de 2024'), or a period:
    '2024-03', '03/2024', 'Mar 2024', 'maart 2024', '2024-Q1', 'Q1 2024', 'FY2024 Q1'.

    A fiscal quarter is read as the calendar quarter of its number (`is_fiscal` tells the caller,
    who says so). Raises ValueError with the reason when the value is not a date.
    """
    if isinstance(value, bool):
        raise ValueError("true/false is not a date")
    if isinstance(value, (dt.datetime, dt.date, pd.Timestamp)):
        _check_year(value.year, value.isoformat()[:10])
        return pd.Timestamp(value).normalize(), DAY
    if isinstance(value, (dt.time, dt.timedelta)):
        raise ValueError(f"'{value}' is a time, not a date")
    if isinstance(value, numbers.Real):  # numpy's numbers too, which int and float do not cover
        return _from_number(float(value), f"{float(value):.15g}"), DAY
    if is_blank(value):
        raise ValueError("empty date")
    text = " ".join(str(value).strip().split())
    if _NUMBER_TEXT.fullmatch(text):
        return _from_number(float(text), text), DAY
    try:
        found = _parse_date_text(date_words(text), dayfirst)
    except _OutOfRange as exc:
        raise ValueError(_outside_years(exc.year, text)) from None
    if found is None:
        raise ValueError(f"'{text}' is not a date or period")
    return found


def date_words(text: str) -> str:
    """Date text as the patterns read it: lower case, accents dropped ('Févr.' -> 'fevr.')."""
    folded = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in folded if not unicodedata.combining(c))


def is_fiscal(value: object) -> bool:
    """Whether a date cell names a fiscal period ('FY2024 Q1'), read as the calendar's."""
    return isinstance(value, str) and bool(re.search(r"(?<![a-z])fy", date_words(value)))


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


# Digits alone, five to eight of them: an Excel serial written as text ('45366') or YYYYMMDD
# ('20240315'). Four digits are a year, never a date.
_NUMBER_TEXT = re.compile(r"\d{5,8}(?:\.\d+)?")
# YYYYMMDD numbers of the accepted years; far above the Excel serials, so the two never meet.
_YYYYMMDD_MIN, _YYYYMMDD_MAX = FIRST_YEAR * 10_000 + 101, LAST_YEAR * 10_000 + 1231


# How a date can be written as a number (`number_style`).
YYYYMMDD, SERIAL_TEXT = "YYYYMMDD", "serial text"


def number_style(value: object) -> str:
    """YYYYMMDD for a number or digit text in the YYYYMMDD range (20240315), SERIAL_TEXT for an Excel
    serial written as text ('45366'), '' otherwise: both ways are said when a column is read so."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, numbers.Real):
        number = float(value)
    elif isinstance(value, str) and _NUMBER_TEXT.fullmatch(value.strip()):
        number = float(value.strip())
    else:
        return ""
    if _YYYYMMDD_MIN <= number <= _YYYYMMDD_MAX:
        return YYYYMMDD
    return SERIAL_TEXT if isinstance(value, str) else ""


def _from_number(number: float, shown: str) -> pd.Timestamp:
    """A number in a date column: YYYYMMDD (20240315) or an Excel serial day number (45366)."""
    if _YYYYMMDD_MIN <= number <= _YYYYMMDD_MAX and number.is_integer():
        whole = int(number)
        try:
            return pd.Timestamp(dt.date(whole // 10_000, whole // 100 % 100, whole % 100))
        except ValueError:
            raise ValueError(f"{shown} is a number, not a date (as YYYYMMDD it is no day)") from None
    # NaN and infinities fail the comparison too.
    if not _EXCEL_SERIAL_MIN <= number <= _EXCEL_SERIAL_MAX:
        raise ValueError(f"{shown} is a number, not a date")
    return pd.Timestamp(_EXCEL_EPOCH + dt.timedelta(days=int(number)))


def _parse_date_text(text: str, dayfirst: bool) -> tuple[pd.Timestamp, str] | None:
    for pattern, build, period in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            try:
                return build(match, dayfirst), period
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


def _quarter(year: str, quarter: str) -> pd.Timestamp:
    return _stamp(year, 3 * int(quarter) - 2)


def _slash_date(match: re.Match, dayfirst: bool) -> pd.Timestamp:
    first, second, year = int(match[1]), int(match[3]), match[4]
    if first > 12 or (dayfirst and second <= 12):
        return _stamp(year, second, first)
    return _stamp(year, first, second)


# A time after a date (exports add one): '10:30', '10:30:00.000', '3:05 PM'.
_TIME = r"(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?[ap]\.?m\.?)?)?"
_NAMED_MONTH = r"([a-z]{3,10})\.?"
# A day before a month name: '15', '15.' (German), '1er' (French), '15th'.
_DAY_OF = r"(\d{1,2})(?:\.|er|st|nd|rd|th)?"
_YEAR = r"(\d{4}|\d{2})"
# 03/04/2024, 03-04-24: day or month first, as the column settles it.
_SLASH = re.compile(r"(\d{1,2})([/-])(\d{1,2})\2" + _YEAR + _TIME)

_DATE_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match, bool], pd.Timestamp], str]] = [
    # 2024-03-15, 2024/03/15, with an optional time
    (
        re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME),
        lambda m, _: _stamp(m[1], m[2], m[3]),
        DAY,
    ),
    # 2024-03, 2024/03; 03/2024, 03.2024
    (re.compile(r"(\d{4})[-/.](\d{1,2})"), lambda m, _: _stamp(m[1], m[2]), MONTH),
    (re.compile(r"(\d{1,2})[-/.](\d{4})"), lambda m, _: _stamp(m[2], m[1]), MONTH),
    # 2024-Q1, 2024 Q1, FY2024 Q1, FY24-Q1; Q1 2024, Q1-24, Q1 FY24; 1Q24
    (re.compile(r"(?:fy ?)?(\d{4}) ?[-/ ]? ?q([1-4])"), lambda m, _: _quarter(m[1], m[2]), QUARTER),
    (re.compile(r"fy ?(\d{2}) ?[-/ ]? ?q([1-4])"), lambda m, _: _quarter(m[1], m[2]), QUARTER),
    (re.compile(r"q([1-4]) ?[-/ ]? ?(?:fy ?)?" + _YEAR), lambda m, _: _quarter(m[2], m[1]), QUARTER),
    (re.compile(r"([1-4])q ?[-/ ]? ?" + _YEAR), lambda m, _: _quarter(m[2], m[1]), QUARTER),
    # Mar 2024, March-2024, Mar-24, maart 2024, marzo de 2024, janv. 2024
    (
        re.compile(_NAMED_MONTH + r"(?: de)?[ /-]?" + _YEAR),
        lambda m, _: _stamp(m[2], _month_number(m[1])),
        MONTH,
    ),
    # 15 Mar 2024, 15-Mar-24, 15. März 2024, 1er mars 2024, 15 de marzo de 2024
    (
        re.compile(_DAY_OF + r"[ -](?:de )?" + _NAMED_MONTH + r"(?: de)?[ ,-]*" + _YEAR + _TIME),
        lambda m, _: _stamp(m[3], _month_number(m[2]), m[1]),
        DAY,
    ),
    # Mar 15, 2024; March 15th 2024
    (
        re.compile(_NAMED_MONTH + r" (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})"),
        lambda m, _: _stamp(m[3], _month_number(m[1]), m[2]),
        DAY,
    ),
    # 2024 Mar
    (re.compile(r"(\d{4})[ -]" + _NAMED_MONTH), lambda m, _: _stamp(m[1], _month_number(m[2])), MONTH),
    # 15.03.2024, 15.03.24 are always day first; 15/03/2024 and 03/15/2024 follow the column
    (
        re.compile(r"(\d{1,2})\.(\d{1,2})\." + _YEAR + _TIME),
        lambda m, _: _stamp(m[3], m[2], m[1]),
        DAY,
    ),
    (_SLASH, _slash_date, DAY),
]

# What a slash date says of its column's order (`slash_style`).
DAY_FIRST, MONTH_FIRST, EITHER_ORDER = "day first", "month first", "either"


def slash_style(value: object) -> str:
    """What a slash (or dash) date says of the order of its column: DAY_FIRST when its first part is
    over 12 ('25/04/2024'), MONTH_FIRST when its second is ('04/25/2024'), EITHER_ORDER when both
    are 12 or less ('03/04/2024'); '' for any other value, and for one no order reads ('25/13/2024').
    """
    if not isinstance(value, str):
        return ""
    match = _SLASH.fullmatch(date_words(" ".join(value.split())))
    if not match:
        return ""
    first, second = int(match[1]), int(match[3])
    if first > 12 and second > 12:
        return ""
    if first > 12:
        return DAY_FIRST
    return MONTH_FIRST if second > 12 else EITHER_ORDER
