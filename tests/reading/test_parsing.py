"""Cell parsing: one table of inputs and the values a person means by them."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from core.reading.date_columns import UNDECIDED_ORDER, column_order
from core.reading.money import (
    COMMA,
    EITHER,
    NEITHER,
    POINT,
    UNDECIDED,
    decimal_style,
    parse_amount,
    parse_ratio,
)
from core.reading.parsing import (
    DAY,
    DAY_FIRST,
    EITHER_ORDER,
    MONTH,
    MONTH_FIRST,
    QUARTER,
    is_fiscal,
    normalise_header,
    parse_date,
    parse_kind,
    read_date,
    slash_style,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (12500, 12500.0),
        (12500.5, 12500.5),
        ("12500", 12500.0),
        ("$12,500.00", 12500.0),
        ("(2,000)", -2000.0),
        ("1 250,00 €", 1250.0),
        ("1\u00a0250,00 €", 1250.0),
        ("€1.234,56", 1234.56),
        ("-$2,000", -2000.0),
        ("2,000-", -2000.0),
        ("USD 3,000", 3000.0),
        ("3,000 EUR", 3000.0),
        ("12,5", 12.5),
        ("1.250.000", 1250000.0),
        ("1,250,000.75", 1250000.75),
        ("+45", 45.0),
        ("  7  ", 7.0),
        (".5", 0.5),
    ],
)
def test_amounts_read_as_people_write_them(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["TBD", "", "   ", "1,2,3", "12 apples", "$", "-", True, float("nan")])
def test_non_amounts_are_refused_with_a_reason(text):
    with pytest.raises(ValueError):
        parse_amount(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2024, 3, 15), "2024-03-15"),
        (dt.datetime(2024, 3, 15, 13, 45), "2024-03-15"),
        ("2024-03-15", "2024-03-15"),
        ("2024-03-15 00:00:00", "2024-03-15"),
        ("2024-03", "2024-03-01"),
        ("2024/3", "2024-03-01"),
        ("Mar 2024", "2024-03-01"),
        ("March 2024", "2024-03-01"),
        ("mar-24", "2024-03-01"),
        ("2024-Q1", "2024-01-01"),
        ("2024 Q3", "2024-07-01"),
        ("Q4 2024", "2024-10-01"),
        ("15 Mar 2024", "2024-03-15"),
        ("15.03.2024", "2024-03-15"),
        (45366, "2024-03-15"),  # Excel serial day number
        (45366.75, "2024-03-15"),
    ],
)
def test_dates_and_periods(value, expected):
    assert parse_date(value) == pd.Timestamp(expected)


@pytest.mark.parametrize(
    ("value", "expected", "written_as"),
    [
        # YYYYMMDD as a number cell, a float cell and text
        (20240315, "2024-03-15", DAY),
        (20240315.0, "2024-03-15", DAY),
        ("20240315", "2024-03-15", DAY),
        (np.int64(20240315), "2024-03-15", DAY),
        (19000101, "1900-01-01", DAY),  # the first day of the first year
        # Excel serials as text: 45366 is 2024-03-15 (45366.75 is that day at 18:00)
        ("45366", "2024-03-15", DAY),
        ("45366.75", "2024-03-15", DAY),
        # quarters: the first day of the quarter; fiscal quarters as the calendar's
        ("Q1 2024", "2024-01-01", QUARTER),
        ("2024 Q2", "2024-04-01", QUARTER),
        ("2024Q3", "2024-07-01", QUARTER),
        ("FY2024 Q1", "2024-01-01", QUARTER),
        ("FY2024-Q4", "2024-10-01", QUARTER),
        ("FY24 Q2", "2024-04-01", QUARTER),
        ("Q3 FY24", "2024-07-01", QUARTER),
        ("Q4/2023", "2023-10-01", QUARTER),
        ("1Q24", "2024-01-01", QUARTER),
        # a month written with its number: the first of the month
        ("2024/03", "2024-03-01", MONTH),
        ("03/2024", "2024-03-01", MONTH),
        ("3.2024", "2024-03-01", MONTH),
        # German
        ("15. März 2024", "2024-03-15", DAY),
        ("15 Mrz 2024", "2024-03-15", DAY),
        ("März 2024", "2024-03-01", MONTH),
        ("Januar 2024", "2024-01-01", MONTH),
        ("1. Mai 2024", "2024-05-01", DAY),
        ("Juni 2024", "2024-06-01", MONTH),
        ("Juli 2024", "2024-07-01", MONTH),
        ("3. Okt. 2024", "2024-10-03", DAY),
        ("24. Dez 2024", "2024-12-24", DAY),
        # French
        ("15 mars 2024", "2024-03-15", DAY),
        ("1er février 2024", "2024-02-01", DAY),
        ("fevrier 2024", "2024-02-01", MONTH),
        ("févr. 2024", "2024-02-01", MONTH),
        ("janv. 2024", "2024-01-01", MONTH),
        ("mai 2024", "2024-05-01", MONTH),
        ("juin 2024", "2024-06-01", MONTH),
        ("juillet 2024", "2024-07-01", MONTH),
        ("15 août 2024", "2024-08-15", DAY),
        ("décembre 2024", "2024-12-01", MONTH),
        # Spanish
        ("15 de marzo de 2024", "2024-03-15", DAY),
        ("marzo de 2024", "2024-03-01", MONTH),
        ("enero 2024", "2024-01-01", MONTH),
        ("ene 2024", "2024-01-01", MONTH),
        ("abr-2024", "2024-04-01", MONTH),
        ("15 ago 2024", "2024-08-15", DAY),
        ("setiembre 2024", "2024-09-01", MONTH),
        ("septiembre 2024", "2024-09-01", MONTH),
        ("dic 2024", "2024-12-01", MONTH),
        # Dutch
        ("maart 2024", "2024-03-01", MONTH),
        ("15 mrt 2024", "2024-03-15", DAY),
        ("mei 2024", "2024-05-01", MONTH),
        ("3 okt 2024", "2024-10-03", DAY),
        ("augustus 2024", "2024-08-01", MONTH),
        # 'mar' is March in English, French and Spanish alike
        ("mar 2024", "2024-03-01", MONTH),
        # day-month-year with dashes, two-digit years, times and English ordinals
        ("15-03-2024", "2024-03-15", DAY),
        ("15.03.24", "2024-03-15", DAY),
        ("15-Mar-24", "2024-03-15", DAY),
        ("03/15/2024 10:30 PM", "2024-03-15", DAY),
        ("15th March 2024", "2024-03-15", DAY),
        ("March 15th, 2024", "2024-03-15", DAY),
    ],
)
def test_dates_as_real_files_write_them(value, expected, written_as):
    assert read_date(value) == (pd.Timestamp(expected), written_as)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        # four digits alone are a year, not a day
        ("2024", "'2024' is not a date or period"),
        # YYYYMMDD must be a day: there is no month 13, nor a 30 February
        (20241301, "20241301 is a number, not a date (as YYYYMMDD it is no day)"),
        ("20240230", "20240230 is a number, not a date (as YYYYMMDD it is no day)"),
        # 2101-01-01 is past the last year; 18991231 is before the first: neither is a serial either
        (21010101, "21010101 is a number, not a date"),
        ("18991231", "18991231 is a number, not a date"),
        # text serials have the numbers' range: 19999 is 1954-10-02, a day before the first
        ("19999", "19999 is a number, not a date"),
        ("123456", "123456 is a number, not a date"),
        ("Q5 2024", "'Q5 2024' is not a date or period"),
        ("FY Q1", "'FY Q1' is not a date or period"),
        ("15 Smarch 2024", "'15 Smarch 2024' is not a date or period"),
        ("13/2024", "'13/2024' is not a date or period"),
        ("FY2101 Q1", "'FY2101 Q1' is in the year 2101, outside 1900–2100: not a ledger date"),
    ],
)
def test_what_looks_like_a_date_and_is_not(value, reason):
    with pytest.raises(ValueError) as refused:
        read_date(value)
    assert str(refused.value) == reason


def test_fiscal_periods_are_known_by_their_fy():
    assert is_fiscal("FY2024 Q1") and is_fiscal("Q3 fy24")
    assert not is_fiscal("Q1 2024") and not is_fiscal("15 February 2024") and not is_fiscal(20240315)


def test_slash_dates_say_their_order():
    """25/04 can only be day first, 04/25 only month first; 03/04 either; 25/13 neither."""
    styles = ["03/04/2024", "25/04/2024", "04/25/24", "25-04-2024", "25/13/2024", "2024-03-01", 45366]
    assert [slash_style(v) for v in styles] == [EITHER_ORDER, DAY_FIRST, MONTH_FIRST, DAY_FIRST, "", "", ""]


def test_slash_dates_follow_the_column():
    assert parse_date("03/04/2024", dayfirst=True) == pd.Timestamp("2024-04-03")
    assert parse_date("03/04/2024", dayfirst=False) == pd.Timestamp("2024-03-04")


@pytest.mark.parametrize(
    ("values", "told", "order"),
    [
        (["03/04/2024", "25/04/2024"], None, DAY_FIRST),
        (["03/04/2024", "04/25/2024"], None, MONTH_FIRST),
        (["03/04/2024"], None, DAY_FIRST),  # nothing settles it: day first, as before
        (["25/04/2024", "04/25/2024"], None, UNDECIDED_ORDER),  # one cell each way
        (["25/04/2024", "26/04/2024", "04/25/2024"], None, DAY_FIRST),  # two cells to one
        (["25/04/2024"], False, MONTH_FIRST),  # the user's word decides
        (["04/25/2024"], True, DAY_FIRST),
    ],
)
def test_a_column_settles_its_slash_order_from_all_its_dates(values, told, order):
    styles = [slash_style(v) for v in values]
    assert column_order(values, styles, [1] * len(values), "Column A 'Date'", told)[0] == order


@pytest.mark.parametrize("value", ["2024-13", "Smarch 2024", "soon", 2024, "", None])
def test_non_dates_are_refused(value):
    with pytest.raises(ValueError):
        parse_date(value)


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("Revenue", "revenue"),
        ("INCOME", "revenue"),
        ("Inflow ", "revenue"),
        ("Cost", "cost"),
        ("Expense", "cost"),
        ("expenses", "cost"),
        ("Outflow", "cost"),
    ],
)
def test_kinds(word, kind):
    assert parse_kind(word) == kind


def test_unknown_kind_names_the_value():
    with pytest.raises(ValueError, match="'Transfer' is not a kind"):
        parse_kind("Transfer")


@pytest.mark.parametrize(("value", "ratio"), [(0.15, 0.15), ("15%", 0.15), (25, 0.25), ("12.5 %", 0.125)])
def test_ratios(value, ratio):
    assert parse_ratio(value) == pytest.approx(ratio, abs=1e-12)


@pytest.mark.parametrize(
    ("header", "normal"),
    [("Amount (USD)", "amount"), ("  Partner Name ", "partner name"), ("Revenue/Cost", "revenue cost")],
)
def test_header_normalisation(header, normal):
    assert normalise_header(header) == normal


@pytest.mark.parametrize(
    ("text", "style"),
    [
        ("12.5", POINT),
        ("1,234.56", POINT),
        ("1,234,567", POINT),  # commas grouping thousands leave the point for decimals
        ("12,5", COMMA),
        ("1.234,56", COMMA),
        ("1.234.567", COMMA),
        ("0,500", COMMA),  # a leading zero is never a thousands group
        ("1234,567", COMMA),  # four digits before: not a thousands group
        ("1.234", EITHER),
        ("€1,234", EITHER),
        ("(123.456)", EITHER),
        ("1234", NEITHER),
        ("1 234", NEITHER),
        (1234.5, NEITHER),  # numbers carry no separator
        ("TBD", NEITHER),
    ],
)
def test_what_one_amount_says_of_its_decimal_separator(text, style):
    assert decimal_style(text) == style


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("1.234", None, 1.234),  # on its own: a point is decimal, a comma groups thousands
        ("1,234", None, 1234.0),
        ("1.234", POINT, 1.234),
        ("1.234", COMMA, 1234.0),
        ("1,234", POINT, 1234.0),
        ("1,234", COMMA, 1.234),
        ("€1.234", COMMA, 1234.0),
        ("12.5", POINT, 12.5),
        ("1.234,56", COMMA, 1234.56),
    ],
)
def test_the_columns_decimal_separator_settles_amounts_that_read_both_ways(text, decimal, expected):
    assert parse_amount(text, decimal) == expected


@pytest.mark.parametrize(
    ("text", "decimal", "reason"),
    [
        ("12.5", COMMA, "'12.5' writes a decimal point, but this column's amounts write a decimal comma"),
        (
            "1.234,56",
            POINT,
            "'1.234,56' writes a decimal comma, but this column's amounts write a decimal point",
        ),
        ("1,234", UNDECIDED, "'1,234' could be 1234 or 1.234: this column writes decimals both ways"),
        ("1,234.5.6", None, "'1,234.5.6' has separators in unexpected places"),
    ],
)
def test_amounts_against_the_columns_decimal_separator_are_refused(text, decimal, reason):
    with pytest.raises(ValueError) as refused:
        parse_amount(text, decimal)
    assert str(refused.value) == reason
