"""Reading money as people type it: amounts with thousands separators, accounting negatives,
currency symbols or codes, and a decimal point or comma chosen per column."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import NamedTuple

from core.reading.parsing import is_blank

_DOLLARS = {"US$": "USD", "C$": "CAD", "A$": "AUD", "R$": "BRL", "$": "USD"}
CURRENCY_SYMBOLS = {**_DOLLARS, "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB"}
AMBIGUOUS_SYMBOLS = frozenset({"$", "¥"})
_TOKEN = r"(US\$|C\$|A\$|R\$|[$€£¥₹₩₽]|[A-Z]{3})"
_CURRENCY_TOKENS = re.compile(rf"^{_TOKEN}|{_TOKEN}$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_NOT_FINITE = re.compile(r"[-+−]?(inf|infinity|nan)", re.IGNORECASE)

# No ledger entry reaches 10^15 in any currency (10^15 yen is about seven trillion dollars). Below
# it, a sum over Excel's 1,048,576 rows stays under 10^21 and its cents (×100) far from float
# overflow (1.8e308), so no total, ROI or rounding ever meets an infinity or an overflow warning.
MAX_AMOUNT = 1e15

# The decimal separator a column writes: a decimal point, a decimal comma, or not decidable
# because the column writes both equally often (then amounts that could be either are refused).
POINT, COMMA, UNDECIDED = ".", ",", "?"
# What a single amount's text says about the decimal separator: POINT or COMMA when it settles it,
# EITHER when it reads both ways ('1.234', '1,234'), NEITHER when it has no separator at all.
EITHER, NEITHER = "either", ""
SEPARATOR_WORDS = {POINT: "point", COMMA: "comma"}


@dataclass(frozen=True)
class Money:
    """An amount as a cell writes it: the number, and the currency symbol or code it carries ('' if none)."""

    value: float
    symbol: str


def currency_code(symbol: str) -> str:
    """The ISO code a symbol names ('€' -> 'EUR'); codes are kept as written, '' stays ''."""
    return CURRENCY_SYMBOLS.get(symbol, symbol)


def parse_amount(value: object, decimal: str | None = None) -> float:
    """Read a number or money text such as '$12,500.00', '(2,000)' or '1 250,00 €'.

    `decimal` is the column's decimal separator (POINT, COMMA or UNDECIDED); None reads each
    value on its own, a lone '1,234' as 1234 and a lone '1.234' as 1.234.
    Raises ValueError with the reason when the value is not an amount.
    """
    return read_money(value, decimal).value


def read_money(value: object, decimal: str | None = None) -> Money:
    """An amount and the currency symbol or code it carries; ValueError with the reason otherwise."""
    if isinstance(value, bool):
        raise ValueError("true/false is not an amount")
    if isinstance(value, (int, float)):
        # A Python int may be too large for a float at all; it is too large for an amount anyway.
        if isinstance(value, float):
            return Money(checked_amount(value, f"{value:g}"), "")
        return Money(checked_amount(float(value) if abs(value) < MAX_AMOUNT else MAX_AMOUNT, str(value)), "")
    if is_blank(value):
        raise ValueError("empty amount")
    return money_value(split_money(str(value)), decimal)


def checked_amount(number: float, shown: str) -> float:
    """`number` itself if it can be an amount: finite and below MAX_AMOUNT in size."""
    if not math.isfinite(number):
        raise ValueError(f"{_quoted(shown)} is not a finite number")
    if abs(number) >= MAX_AMOUNT:
        raise ValueError(f"{_quoted(shown)} is too large for an amount: amounts must be below 1e15")
    return number


def _quoted(shown: str) -> str:
    return shown if shown.startswith("'") else f"'{shown}'"


class MoneyText(NamedTuple):
    """Money text taken apart: '(€1.234,50)' -> negative, '€', '1.234,50', COMMA."""

    shown: str
    negative: bool
    symbol: str
    digits: str
    style: str


def split_money(text: str) -> MoneyText:
    """Sign, currency, digits and decimal style of money text; ValueError if it is not an amount."""
    shown = text.strip()
    bare = _SPACES.sub("", shown)
    if _NOT_FINITE.fullmatch(bare):
        raise ValueError(f"'{shown}' is not a finite number")
    symbols: list[str] = []
    negative = False
    if bare.startswith("(") and bare.endswith(")"):
        negative, bare = True, bare[1:-1]
    bare = _strip_currency(bare, symbols)
    if bare and bare[0] in "-−+":
        negative ^= bare[0] != "+"
        bare = _strip_currency(bare[1:], symbols)
    elif bare.endswith(("-", "−")):
        negative, bare = not negative, _strip_currency(bare[:-1], symbols)
    return MoneyText(shown, negative, _one_symbol(symbols, shown), bare, _separator_style(bare, shown))


def decimal_style(value: object) -> str:
    """What a text amount says of its decimal separator: POINT, COMMA, EITHER or NEITHER.

    NEITHER also for numbers and for text that is not an amount (refused when read).
    """
    if not isinstance(value, str) or is_blank(value):
        return NEITHER
    try:
        return split_money(value).style
    except ValueError:
        return NEITHER


def _strip_currency(text: str, found: list[str]) -> str:
    # Most amounts begin and end with a digit: no sign or code to look for.
    while not (text[:1].isdigit() and text[-1:].isdigit()):
        match = _CURRENCY_TOKENS.search(text)
        if match is None:
            break
        found.append(match[0])
        text = text[: match.start()] + text[match.end() :]
    return text


def _one_symbol(symbols: list[str], shown: str) -> str:
    """The currency an amount names; a lone '$' or '¥' gives way to a code written beside it ('$100 CAD')."""
    if not symbols:
        return ""
    explicit = {currency_code(s) for s in symbols if s not in AMBIGUOUS_SYMBOLS}
    if len(explicit) > 1:
        raise ValueError(f"'{shown}' names two currencies: " + " and ".join(sorted(explicit)))
    if explicit:
        return next(s for s in symbols if s not in AMBIGUOUS_SYMBOLS)
    loose = set(symbols)
    if len(loose) > 1:
        raise ValueError(f"'{shown}' names two currencies: " + " and ".join(sorted(loose)))
    return symbols[0]


_NUMBER = re.compile(r"\d[\d.,]*|[.,]\d+")
_GROUPED = {",": re.compile(r"\d{1,3}(,\d{3})+"), ".": re.compile(r"\d{1,3}(\.\d{3})+")}


def _separator_style(digits: str, shown: str) -> str:
    """POINT, COMMA, EITHER or NEITHER for bare digits and separators; ValueError if not a number."""
    if not _NUMBER.fullmatch(digits):
        raise ValueError(f"'{shown}' is not a number")
    commas, dots = digits.count(","), digits.count(".")
    if commas and dots:
        last = COMMA if digits.rfind(",") > digits.rfind(".") else POINT
        if digits.count(last) > 1:
            raise ValueError(f"'{shown}' has separators in unexpected places")
        return last
    if not commas and not dots:
        return NEITHER
    separator = "," if commas else "."
    if max(commas, dots) > 1:
        if not _GROUPED[separator].fullmatch(digits):
            raise ValueError(f"'{shown}' has {'commas' if commas else 'dots'} in unexpected places")
        # Several separators of one kind group thousands, so decimals are written with the other.
        return POINT if commas else COMMA
    whole, _, fraction = digits.partition(separator)
    if len(fraction) == 3 and 1 <= len(whole) <= 3 and not whole.startswith("0"):
        return EITHER
    return separator


def money_value(parts: MoneyText, decimal: str | None = None) -> Money:
    """The amount taken-apart money text stands for, the column's decimal separator settling '1.234'."""
    digits, style, shown = parts.digits, parts.style, parts.shown
    if style == EITHER:
        if decimal == UNDECIDED:
            point, comma = float(digits.replace(",", "")), float(digits.replace(".", "").replace(",", "."))
            raise ValueError(
                f"'{shown}' could be {point:g} or {comma:g}: this column writes decimals both ways"
            )
        style = COMMA if decimal == COMMA else POINT
    elif style != NEITHER and decimal in (POINT, COMMA) and style != decimal:
        raise ValueError(
            f"'{shown}' writes a decimal {SEPARATOR_WORDS[style]}, but this column's amounts write a "
            f"decimal {SEPARATOR_WORDS[decimal]}"
        )
    thousands = "." if style == COMMA else ","
    # Only hundreds of digits overflow a float: too large, like any amount of 1e15 or more.
    number = min(float(digits.replace(thousands, "").replace(style or ".", ".")), MAX_AMOUNT)
    return Money(checked_amount(-number if parts.negative else number, f"'{shown}'"), parts.symbol)


def parse_ratio(value: object) -> float:
    """Read an ROI such as 0.15, '15%' or 15 (a whole number over 1.5 is read as percent)."""
    if isinstance(value, str) and value.strip().endswith("%"):
        return parse_amount(value.strip()[:-1]) / 100
    number = parse_amount(value)
    return number / 100 if abs(number) > 1.5 else number
