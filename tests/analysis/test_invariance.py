"""Figures that must not depend on how a ledger is written down (hypothesis).

Permuting the rows, splitting one amount into two rows of the same month whose whole cents add up
exactly, or adding a zero-amount row describe the same money, so every figure, band, quartile,
percentile and rank of the report stays exactly the same: money is summed to the cent and ROIs
are ratios of whole cents compared at 10 decimals (core/analysis/roi.py). Each example writes and
reads workbooks, so the example counts stay modest.
"""

import datetime as dt

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.reading.ledger import read_ledger
from core.report import Report, build_report
from core.settings import Settings
from tests.helpers import ledger_bytes

AS_OF = Settings(as_of=dt.date(2025, 6, 30))
EXAMPLES = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# (date, alliance, kind, amount in whole cents); positive amounts, so costs are plainly positive.
entry = st.tuples(
    st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2024, 12, 28)),
    st.sampled_from(["Acme", "Beta", "Cobalt", "Delta"]),
    st.sampled_from(["Revenue", "Cost"]),
    st.integers(min_value=1, max_value=50_000_000),
)
ledgers = st.lists(entry, min_size=1, max_size=24)


def report_of(rows: list[tuple[dt.date, str, str, int]]) -> Report:
    """The report of a ledger holding these rows, amounts written in currency units (cents / 100)."""
    written = [[day.isoformat(), alliance, kind, cents / 100] for day, alliance, kind, cents in rows]
    # Some drawn ledgers hold revenue only; saying so lets them be read (their cost is then 0).
    return build_report(read_ledger(ledger_bytes(written), "x.xlsx", revenue_only=True), AS_OF)


def assert_same_figures(base: Report, other: Report) -> None:
    """Every alliance figure, band, quartile, percentile and rank, every quarter, every cut point."""
    pd.testing.assert_frame_equal(base.alliances, other.alliances, check_exact=True)
    pd.testing.assert_frame_equal(base.quarterly, other.quarterly, check_exact=True)
    assert base.cuts == other.cuts
    assert base.ledger.issues.empty and other.ledger.issues.empty


@EXAMPLES
@given(ledgers, st.data())
def test_the_order_of_the_rows_never_matters(rows, data):
    order = data.draw(st.permutations(range(len(rows))))
    assert_same_figures(report_of(rows), report_of([rows[i] for i in order]))


@EXAMPLES
@given(ledgers, st.data())
def test_splitting_an_amount_into_two_rows_of_its_month_never_matters(rows, data):
    index = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
    day, alliance, kind, cents = rows[index]
    if cents < 2:
        cents += 1
        rows = [*rows[:index], (day, alliance, kind, cents), *rows[index + 1 :]]
    part = data.draw(st.integers(min_value=1, max_value=cents - 1))
    other_day = day.replace(day=data.draw(st.integers(min_value=1, max_value=28)))
    split = [*rows[:index], (day, alliance, kind, part), *rows[index + 1 :]]
    where = data.draw(st.integers(min_value=0, max_value=len(split)))
    split.insert(where, (other_day, alliance, kind, cents - part))
    assert_same_figures(report_of(rows), report_of(split))


@EXAMPLES
@given(ledgers, st.data())
def test_a_zero_amount_row_never_matters(rows, data):
    # The zero row copies a row's date, alliance and kind: it adds no alliance, quarter or month.
    day, alliance, kind, _ = rows[data.draw(st.integers(min_value=0, max_value=len(rows) - 1))]
    where = data.draw(st.integers(min_value=0, max_value=len(rows)))
    padded = [*rows[:where], (day, alliance, kind, 0), *rows[where:]]
    assert_same_figures(report_of(rows), report_of(padded))
