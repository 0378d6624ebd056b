"""Properties that must hold for any input: parsing round-trips and ROI invariants (hypothesis)."""

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.analysis.roi import alliance_roi, portfolio_summary
from core.reading.money import parse_amount
from core.reading.parsing import parse_date

cents = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999999.99"), places=2)


@given(cents)
def test_money_text_round_trips_to_the_cent(value):
    us = f"{value:,.2f}"
    european = us.replace(",", " ").replace(".", ",")
    expected = float(value)
    assert parse_amount(f"${us}") == pytest.approx(expected, abs=0.001)
    assert parse_amount(f"({us})") == pytest.approx(-expected, abs=0.001)
    assert parse_amount(f"{european} €") == pytest.approx(expected, abs=0.001)
    assert parse_amount(f"-USD {us}") == pytest.approx(-expected, abs=0.001)


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_dates_and_periods_round_trip(day):
    assert parse_date(day.isoformat()) == pd.Timestamp(day)
    assert parse_date(day.strftime("%d.%m.%Y")) == pd.Timestamp(day)
    month_start = pd.Timestamp(day.replace(day=1))
    assert parse_date(day.strftime("%Y-%m")) == month_start
    assert parse_date(day.strftime("%b %Y")) == month_start
    quarter = (day.month - 1) // 3 + 1
    assert parse_date(f"{day.year}-Q{quarter}") == pd.Timestamp(dt.date(day.year, 3 * quarter - 2, 1))


money = st.integers(min_value=0, max_value=10_000_000)
alliance_rows = st.lists(
    st.tuples(st.sampled_from(["A", "B", "C", "D"]), st.sampled_from(["revenue", "cost"]), money),
    min_size=1,
    max_size=40,
)


def frame(rows):
    return pd.DataFrame(rows, columns=["alliance", "kind", "amount"]).astype({"amount": float})


@settings(max_examples=60)
@given(alliance_rows, st.integers(min_value=1, max_value=1000))
def test_scaling_every_amount_keeps_every_roi(rows, factor):
    base = alliance_roi(frame(rows))
    scaled = alliance_roi(frame([(a, k, v * factor) for a, k, v in rows]))
    pd.testing.assert_series_equal(base["roi"], scaled["roi"], rtol=1e-9)
    assert base["band"].tolist() == scaled["band"].tolist()


@settings(max_examples=60)
@given(
    alliance_rows, st.lists(st.tuples(st.sampled_from(["revenue", "cost"]), money), min_size=1, max_size=5)
)
def test_adding_an_alliance_never_changes_another(rows, new_rows):
    before = alliance_roi(frame(rows))
    after = alliance_roi(frame(rows + [("New", k, v) for k, v in new_rows]))
    pd.testing.assert_frame_equal(before, after.drop(index="New"))


@settings(max_examples=60)
@given(alliance_rows)
def test_portfolio_roi_lies_between_the_alliance_rois(rows):
    table = alliance_roi(frame(rows))
    summary = portfolio_summary(table)
    if (table["cost"] > 0).all():
        assert table["roi"].min() - 1e-12 <= summary.roi <= table["roi"].max() + 1e-12
    assert summary.net_value == pytest.approx(table["revenue"].sum() - table["cost"].sum())
