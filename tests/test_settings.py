"""The settings' field table: a link's parameters and Settings turn into each other without loss,
and no text in any parameter raises; it is used or refused with a notice."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from core.analysis.before_after import WindowChoice
from core.analysis.filters import Filters
from core.analysis.roi import BandThresholds
from core.analysis.time_value import TimeSettings
from core.model import Benchmark, SharedRule, WindowMode
from core.settings import BY_PARAM, FIELDS, Notice, Settings, parse_values, query_values, to_values

names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=20,
)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@st.composite
def settings(draw) -> Settings:
    strong = draw(st.integers(-1000, 10000)) / 10
    moderate = draw(st.integers(-1000, int(strong * 10))) / 10
    months = draw(st.integers(1, 120))
    window = draw(
        st.sampled_from(
            [WindowChoice(), WindowChoice(WindowMode.ALL), WindowChoice(WindowMode.MONTHS, months)]
        )
    )
    benchmarks = draw(
        st.none()
        | st.lists(
            st.builds(Benchmark, names, st.integers(-10_000, 10_000).map(lambda r: r / 1000), names),
            max_size=4,
            unique_by=lambda b: b.name.casefold(),
        ).map(tuple)
    )
    return Settings(
        thresholds=BandThresholds(round(strong / 100, 10), round(moderate / 100, 10)),
        benchmarks=benchmarks,
        initiative_date=draw(st.none() | dates),
        participants=draw(st.none() | st.lists(names, min_size=1, max_size=4).map(tuple)),
        window=window,
        initiative_name=draw(st.just("the initiative") | names),
        filters=Filters(
            types=tuple(draw(st.lists(names, max_size=3))),
            owners=tuple(draw(st.lists(names, max_size=3))),
            segments=tuple(draw(st.lists(names, max_size=3))),
            start=draw(st.none() | dates),
            end=draw(st.none() | dates),
        ),
        as_of=draw(st.none() | dates),
        reporting_currency=draw(st.none() | st.sampled_from(["EUR", "USD", "GBP"])),
        influenced_credit=draw(st.integers(0, 100)) / 100,
        shared_rule=draw(st.none() | st.sampled_from(list(SharedRule))),
        shared_name=draw(st.just("Shared") | names),
        time=TimeSettings(draw(st.integers(-500, 1000)) / 1000, draw(st.integers(-500, 2000)) / 1000),
    )


@given(settings())
def test_settings_to_link_and_back_is_the_identity(chosen):
    decoded = parse_values(to_values(chosen))
    assert decoded.notices == ()
    assert decoded.settings == chosen


@given(st.sampled_from([f.param for f in FIELDS]), st.text(max_size=60))
def test_any_text_in_any_parameter_is_used_or_refused_with_a_notice(param, text):
    decoded = parse_values({param: [text]})
    used = BY_PARAM[param].get(decoded.settings) is not None
    assert used or decoded.notices or not " ".join(text.split()) or text in ("sheet", "20", "10")
    for notice in decoded.notices:
        assert isinstance(notice, Notice) and notice.param in (param, "moderate")


def test_defaults_make_an_empty_link():
    assert to_values(Settings()) == {}


def test_out_of_range_discount_is_refused_not_wrapped():
    # The widget stops at 100 % a year; a link asking 150 % gets the default and says so.
    decoded = parse_values({"disc": ["150"]})
    assert decoded.settings.time.discount_rate == 0.10
    assert [str(n) for n in decoded.notices] == [
        "'disc=150' (discount rate for NPV, % a year) is outside -50 to 100 %: using 10 % (the default)."
    ]


def test_moderate_above_strong_is_refused_as_a_pair():
    decoded = parse_values({"strong": ["15"], "moderate": ["18"]})
    assert decoded.settings.thresholds == BandThresholds(0.20, 0.10)
    assert [str(n) for n in decoded.notices] == [
        "'moderate=18' (band threshold 'Moderate from') is above 'Strong above' (15 %): using 10 % and 20 %."
    ]


def test_a_whole_link_or_its_query_string():
    link = "https://alliance.example/trends?src=case.xlsx&strong=25&type=A&type=B%20C&win=6"
    assert query_values(link) == query_values("?src=case.xlsx&strong=25&type=A&type=B%20C&win=6")
    chosen = parse_values(query_values(link)).settings
    assert chosen.thresholds == BandThresholds(0.25, 0.10)
    assert chosen.filters.types == ("A", "B C")
    assert chosen.window == WindowChoice(WindowMode.MONTHS, 6)
