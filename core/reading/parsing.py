"""Reading single ledger cells as people type them: amounts, dates, kinds and header names."""

from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd

from core.model import COST, INFLUENCED, REVENUE, SOURCED

# Symbols and ISO codes that may stand before or after an amount; they carry no value here
# because a ledger with several currencies is refused before amounts are added up.
_CURRENCY_TOKENS = re.compile(r"^(US\$|C\$|A\$|R\$|[$€£¥₹₩₽₣]|[A-Z]{3})|(US\$|[$€£¥₹₩₽₣]|[A-Z]{3})$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_THOUSANDS_COMMA = re.compile(r"\d{1,3}(,\d{3})+")
_THOUSANDS_DOT = re.compile(r"\d{1,3}(\.\d{3})+")

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}

# Excel serial day numbers between these bounds are 1954-10-02 .. 2119-01-09: anything else in a
# date column is far more likely an amount or a year typed in the wrong place.
_EXCEL_SERIAL_MIN, _EXCEL_SERIAL_MAX = 20_000, 80_000
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)

KIND_WORDS = {
    REVENUE: {"revenue", "revenues", "income", "inflow", "in", "sales", "sale", "rev"},
    COST: {"cost", "costs", "expense", "expenses", "outflow", "out", "spend", "expenditure"},
}


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
    if is_blank(value):
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


def normalise_header(text: object) -> str:
    """Lower-case a header, drop bracketed units and punctuation: 'Amount (USD) ' -> 'amount'."""
    if is_blank(text):
        return ""
    cleaned = re.sub(r"\(.*?\)|\[.*?\]", " ", str(text).lower())
    cleaned = re.sub(r"[^0-9a-z]+", " ", cleaned)
    return " ".join(cleaned.split())


def clean_name(value: object) -> str:
    """Trim and collapse the white space of a name; blank cells give ''."""
    if is_blank(value):
        return ""
    return " ".join(str(value).split())


def parse_amount(value: object) -> float:
    """Read a number or money text such as '$12,500.00', '(2,000)' or '1 250,00 €'.

    Raises ValueError with the reason when the value is not an amount.
    """
    if isinstance(value, bool):
        raise ValueError("true/false is not an amount")
    if isinstance(value, (int, float)):
        if math.isnan(value) or math.isinf(value):
            raise ValueError("not a finite number")
        return float(value)
    if is_blank(value):
        raise ValueError("empty amount")
    text = _SPACES.sub("", str(value).strip())
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    text = _strip_currency(text)
    if text and text[0] in "-−+":
        negative ^= text[0] != "+"
        text = _strip_currency(text[1:])
    elif text.endswith("-"):
        negative, text = not negative, text[:-1]
    number = _digits_to_float(text, original=str(value))
    return -number if negative else number


def _strip_currency(text: str) -> str:
    previous = None
    while previous != text:
        previous, text = text, _CURRENCY_TOKENS.sub("", text)
    return text


def _digits_to_float(text: str, original: str) -> float:
    if not re.fullmatch(r"\d[\d.,]*|[.,]\d+", text):
        raise ValueError(f"'{original.strip()}' is not a number")
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        text = text.replace(thousands, "").replace(decimal, ".")
    elif "," in text:
        if _THOUSANDS_COMMA.fullmatch(text):
            text = text.replace(",", "")
        elif text.count(",") == 1:
            text = text.replace(",", ".")
        else:
            raise ValueError(f"'{original.strip()}' has commas in unexpected places")
    elif text.count(".") > 1:
        if not _THOUSANDS_DOT.fullmatch(text):
            raise ValueError(f"'{original.strip()}' has dots in unexpected places")
        text = text.replace(".", "")
    return float(text)


def parse_kind(value: object) -> str:
    """Map Revenue/Income/Inflow to 'revenue' and Cost/Expense/Outflow to 'cost'."""
    word = normalise_header(value)
    for kind, words in KIND_WORDS.items():
        if word in words:
            return kind
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
        return pd.Timestamp(value).normalize()
    if isinstance(value, (int, float)):
        return _from_excel_serial(float(value))
    if is_blank(value):
        raise ValueError("empty date")
    text = " ".join(str(value).strip().split())
    stamp = _parse_date_text(text.lower(), dayfirst)
    if stamp is None:
        raise ValueError(f"'{text}' is not a date or period")
    return stamp


def _from_excel_serial(serial: float) -> pd.Timestamp:
    if math.isnan(serial) or not _EXCEL_SERIAL_MIN <= serial <= _EXCEL_SERIAL_MAX:
        raise ValueError(f"{serial:g} is a number, not a date")
    return pd.Timestamp(_EXCEL_EPOCH + dt.timedelta(days=int(serial)))


def _parse_date_text(text: str, dayfirst: bool) -> pd.Timestamp | None:
    for pattern, build in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            try:
                return build(match, dayfirst)
            except ValueError:
                return None
    return None


def _stamp(year: int | str, month: int | str, day: int | str = 1) -> pd.Timestamp:
    year = int(year)
    if year < 100:
        year += 2000
    return pd.Timestamp(dt.date(year, int(month), int(day)))


def _month_number(name: str) -> int:
    if name not in MONTHS:
        raise ValueError(name)
    return MONTHS[name]


def _slash_date(match: re.Match, dayfirst: bool) -> pd.Timestamp:
    first, second, year = (int(part) for part in match.groups())
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


def parse_ratio(value: object) -> float:
    """Read an ROI such as 0.15, '15%' or 15 (a whole number over 1.5 is read as percent)."""
    if isinstance(value, str) and value.strip().endswith("%"):
        return parse_amount(value.strip()[:-1]) / 100
    number = parse_amount(value)
    return number / 100 if abs(number) > 1.5 else number
