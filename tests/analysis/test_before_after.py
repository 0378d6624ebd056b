"""Before/after comparisons, hand-worked on the case-study ledger of tests/case_study.py."""

import io
import math

import pandas as pd
import pytest
from openpyxl import load_workbook

from core.analysis.before_after import (
    BeforeAfterError,
    WindowChoice,
    before_after,
    comparison_windows,
    initiative_dates,
)
from core.model import ALL, MONTHS
from core.output.export import summary_workbook
from core.reading.ledger import read_ledger
from core.report import build_report
from core.settings import Settings
from tests.case_study import INITIATIVE, case_rows, case_workbook
from tests.helpers import ledger_bytes

EXACT = dict(abs=1e-12)
D = pd.Timestamp(INITIATIVE)


@pytest.fixture(scope="module")
def ledger():
    return read_ledger(case_workbook(), "case.xlsx")


def compare(ledger, choice=WindowChoice(), date=None, participants=None):
    in_view = sorted(ledger.entries["alliance"].unique())
    dates, left = initiative_dates(ledger.alliances, in_view, date, participants)
    return before_after(ledger.entries, dates, choice, left, "Partnership Optimization")


def test_seed_case_equal_windows(ledger):
    result = compare(ledger)
    w = result.windows
    assert (w.before_start, w.initiative, w.after_end) == (
        pd.Timestamp("2024-07-01"),
        D,
        pd.Timestamp("2025-07-01"),
    )
    assert (w.before_months, w.after_months) == (6, 6)
    p = result.portfolio
    assert (p["revenue_before"], p["cost_before"], p["revenue_after"], p["cost_after"]) == (
        63720,
        59000,
        79650,
        67500,
    )
    assert p["roi_before"] == pytest.approx(0.08, **EXACT)
    assert p["roi_after"] == pytest.approx(0.18, **EXACT)
    assert p["roi_change"] == pytest.approx(0.10, **EXACT)
    assert p["revenue_change"] == pytest.approx(0.25, **EXACT)
    assert p["cost_change"] == pytest.approx(8500 / 59000, **EXACT)
    assert result.table.loc["Alpha", ["roi_before", "roi_after"]].tolist() == pytest.approx(
        [0.20, 0.25], **EXACT
    )
    assert result.table.loc["Beta", "roi_before"] == pytest.approx(-1280 / 29000, **EXACT)
    assert result.table.loc["Beta", "roi_after"] == pytest.approx(0.10, **EXACT)
    assert list(result.table.index) == ["Alpha", "Beta"]
    assert result.left_out == [("Gamma", "no initiative date on the Alliances sheet (control group)")]


def test_control_group_and_difference_in_differences(ledger):
    result = compare(ledger)
    assert result.control["roi_before"] == pytest.approx(0.10, **EXACT)
    assert result.control["roi_after"] == pytest.approx(0.15, **EXACT)
    assert result.did == pytest.approx(0.05, **EXACT)


def test_case_study_paragraph_states_the_numbers(ledger):
    text = compare(ledger).paragraph
    assert "Across the 2 alliances in Partnership Optimization (from 01 Jan 2025)" in text
    assert "alliance ROI rose from 8.0 % to 18.0 % (+10.0 points)" in text
    assert "comparing Jul 2024 – Dec 2024 with Jan 2025 – Jun 2025" in text
    assert "Alliance revenue rose 25.0 % (63,720 to 79,650) and cost rose 14.4 % (59,000 to 67,500)" in text
    assert "Largest gain: Beta (+14.4 points); weakest: Alpha (+5.0 points)" in text
    # The control group is Gamma alone (#32.8): one alliance, said in the singular, with a caveat.
    assert "Over the same windows, the one alliance without the initiative moved +5.0 points" in text
    assert "1 alliances" not in text
    assert text.endswith(
        "(difference-in-differences) is +5.0 points, an estimate from a control group of 1 alliance "
        "only, to read with care."
    )


def test_a_control_group_of_one_alliance_is_a_check(ledger):
    result = compare(ledger)
    assert result.control_count == 1
    assert (
        "The control group is 1 alliance: its change is that partner's own, not a baseline, so the "
        "estimated effect (difference-in-differences) says little; read it with care (a control group "
        "of at least 3 alliances is advised)."
    ) in result.checks
    # Alpha alone in the initiative: Beta and Gamma are the control group, two alliances, still small.
    two = compare(ledger, date=INITIATIVE, participants=["Alpha"])
    assert two.control_count == 2
    assert "the 2 alliances without the initiative moved" in two.paragraph
    assert "a control group of 2 alliances only, to read with care." in two.paragraph
    assert any(
        c.startswith("The control group is 2 alliances: its change is those partners' own")
        for c in two.checks
    )


def test_window_of_three_months_and_its_season_check(ledger):
    result = compare(ledger, WindowChoice(MONTHS, 3))
    assert result.windows.before_start == pd.Timestamp("2024-10-01")
    assert result.windows.after_end == pd.Timestamp("2025-04-01")
    # Alpha: before 3 × 6,000 over 3 × 5,000; after 3 × 7,500 over 3 × 6,000
    assert result.table.loc[
        "Alpha", ["revenue_before", "cost_before", "revenue_after", "cost_after"]
    ].tolist() == [18000, 15000, 22500, 18000]
    # Beta's cost before: Oct, Nov 5,000 and Dec 4,000
    assert result.table.loc["Beta", "cost_before"] == 14000
    assert any("different seasons (before: Oct, Nov, Dec; after: Jan, Feb, Mar)" in c for c in result.checks)
    assert not any("too short" in c for c in result.checks)
    short = compare(ledger, WindowChoice(MONTHS, 2))
    assert any("Only 2.0 months on one side" in c for c in short.checks)


def test_all_data_on_each_side_with_unequal_windows():
    rows = [["2024-01-15", "Alpha", "Revenue", 1000], ["2024-01-15", "Alpha", "Cost", 1000], *case_rows()]
    ledger = read_ledger(ledger_bytes(rows), "x.xlsx")
    result = compare(ledger, WindowChoice(ALL), date=INITIATIVE, participants=["Alpha"])
    assert result.windows.before_start == pd.Timestamp("2024-01-01")
    assert (result.windows.before_months, result.windows.after_months) == (12, 6)
    # Alpha before: 1,000 + 36,000 revenue over 1,000 + 30,000 cost
    assert result.table.loc["Alpha", "roi_before"] == pytest.approx(6000 / 31000, **EXACT)
    assert any("The windows differ in length: 12.0 months before, 6.0 after" in c for c in result.checks)
    equal = compare(ledger, WindowChoice(), date=INITIATIVE, participants=["Alpha"])
    assert equal.windows.before_start == pd.Timestamp("2024-07-01")  # limited by the 6 months after
    # participants picked by hand: Beta and Gamma are the control group
    assert equal.control["alliances"] == 2


def test_per_alliance_dates_use_each_alliances_windows():
    sheet = [["Alliance", "Initiative date"], ["Alpha", "2025-01-01"], ["Beta", "2025-04-01"]]
    ledger = read_ledger(ledger_bytes(case_rows(), Alliances=sheet), "x.xlsx")
    result = compare(ledger)
    beta = result.table.loc["Beta"]
    # Beta: 3 months on each side of April (Jan–Mar and Apr–Jun 2025), same figures each side
    assert beta["before_window"] == "Jan 2025 – Mar 2025"
    assert beta["after_window"] == "Apr 2025 – Jun 2025"
    assert (beta["revenue_before"], beta["revenue_after"]) == (17325, 17325)
    assert beta["roi_change"] == pytest.approx(0.0, **EXACT)
    assert any("different initiative dates" in c for c in result.checks)
    # Both dates are named (#32.8), not the most common one alone; the control group's windows are
    # those of 1 Jan 2025 (a tie between the two dates: the earlier, as pandas' mode orders them).
    assert result.dates_words() == "01 Jan 2025 and 01 Apr 2025"
    assert "(started 01 Jan 2025 and 01 Apr 2025)" in result.paragraph
    assert "comparing each alliance over its own windows around its date" in result.paragraph
    assert "Over the windows of 01 Jan 2025, the one alliance without the initiative" in result.paragraph
    assert result.windows_words() == (
        "Initiatives on 2025-01-01 and 2025-04-01: each alliance is compared over its own windows, the "
        "control group over those around 2025-01-01: before Jul 2024 – Dec 2024 · after Jan 2025 – Jun 2025"
    )


def test_the_workbook_and_the_deck_name_every_initiative_date():
    """The same two dates (Alpha 2025-01-01, Beta 2025-04-01): the Before-After sheet gives both
    under 'Initiative dates'; the deck's before/after slide names both and whose windows it shows."""
    from pptx import Presentation

    from core.output.deck import deck

    sheet = [["Alliance", "Initiative date"], ["Alpha", "2025-01-01"], ["Beta", "2025-04-01"]]
    report = build_report(read_ledger(ledger_bytes(case_rows(), Alliances=sheet), "x.xlsx"))
    book = load_workbook(io.BytesIO(summary_workbook(report)))
    below = {r[0]: r[1] for r in book["Before-After"].iter_rows(min_row=5, values_only=True) if r[0]}
    assert below["Initiative dates"].startswith("2025-01-01 and 2025-04-01: each alliance over its own")
    slides = Presentation(io.BytesIO(deck(report))).slides
    shown = [s.text_frame.text for slide in slides for s in slide.shapes if s.has_text_frame]
    assert any(
        "Initiatives 2025-01-01 and 2025-04-01 · control group: before Jul 2024 – Dec 2024" in t
        for t in shown
    )


def test_many_initiative_dates_are_given_as_a_range():
    """Four alliances, four dates: named as the first to the last and how many."""
    from core.analysis.before_after import BeforeAfter

    table = pd.DataFrame(
        {"initiative_date": pd.to_datetime(["2025-03-01", "2025-01-01", "2025-02-01", "2025-04-01"])},
        index=["A", "B", "C", "D"],
    )
    result = BeforeAfter(table, pd.Series(dtype=float), None, None, [])  # type: ignore[arg-type]
    assert result.dates_words("%Y-%m-%d") == "2025-01-01 to 2025-04-01, 4 dates"


def test_alliance_with_no_cost_on_one_side():
    rows = [
        *case_rows(),
        ["2024-08-15", "Delta", "Revenue", 1000],
        ["2025-02-15", "Delta", "Revenue", 2000],
        ["2025-02-15", "Delta", "Cost", 1000],
    ]
    ledger = read_ledger(ledger_bytes(rows), "x.xlsx")
    result = compare(ledger, date=INITIATIVE, participants=["Delta"])
    delta = result.table.loc["Delta"]
    assert math.isnan(delta["roi_before"])
    assert delta["roi_after"] == pytest.approx(1.0, **EXACT)
    assert math.isnan(delta["roi_change"])
    assert delta["note"] == "before: no cost recorded, so ROI is undefined"
    assert any("ROI change undefined for Delta" in c for c in result.checks)


def test_notes_of_both_sides_and_a_negative_cost():
    """Echo has revenue only (no cost either side); Foxtrot has a cost before and a credit after
    (cost −500): each side that has no ROI says why, before first, joined by '; '."""
    rows = [
        *case_rows(),
        ["2024-08-15", "Echo", "Revenue", 1000],
        ["2025-02-15", "Echo", "Revenue", 2000],
        ["2024-08-15", "Foxtrot", "Revenue", 300],
        ["2024-08-15", "Foxtrot", "Cost", 200],
        ["2025-02-15", "Foxtrot", "Cost", -500],
    ]
    ledger = read_ledger(ledger_bytes(rows), "x.xlsx")
    result = compare(ledger, date=INITIATIVE, participants=["Echo", "Foxtrot"])
    echo, foxtrot = result.table.loc["Echo"], result.table.loc["Foxtrot"]
    assert echo["note"] == (
        "before: no cost recorded, so ROI is undefined; after: no cost recorded, so ROI is undefined"
    )
    assert foxtrot["note"] == "after: cost is negative (credits exceed costs), so ROI is undefined"
    # Foxtrot before: (300 − 200) / 200 = 0.5; cost change (−500 − 200) / 200 = −3.5.
    assert foxtrot["roi_before"] == pytest.approx(0.5, **EXACT)
    assert foxtrot["cost_change"] == pytest.approx(-3.5, **EXACT)
    assert math.isnan(echo["cost_change"])  # no cost before: no change to speak of


def test_no_initiative_date_and_date_outside_data(ledger):
    plain = read_ledger(ledger_bytes(case_rows()), "x.xlsx")
    with pytest.raises(BeforeAfterError, match="No alliance has an initiative date"):
        compare(plain)
    with pytest.raises(BeforeAfterError, match="outside the data"):
        comparison_windows(ledger.entries, pd.Timestamp("2023-01-01"), WindowChoice())


def test_summary_workbook_before_after_sheet(ledger):
    book = load_workbook(io.BytesIO(summary_workbook(build_report(ledger))))
    sheet = book["Before-After"]
    header = [c.value for c in sheet[1]][:9]
    assert header == [
        "Alliance",
        "ROI before",
        "ROI after",
        "ROI change (pts)",
        "Revenue before",
        "Revenue after",
        "Revenue change",
        "Cost before",
        "Cost after",
    ]
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2, max_row=4)}
    assert list(rows) == ["Alpha", "Beta", "Portfolio"]
    portfolio = [c.value for c in rows["Portfolio"][:9]]
    assert portfolio[1] == pytest.approx(0.08, **EXACT)
    assert portfolio[2] == pytest.approx(0.18, **EXACT)
    assert portfolio[3] == pytest.approx(10.0, abs=1e-9)
    assert portfolio[4:6] == [63720, 79650]
    assert portfolio[6] == pytest.approx(0.25, **EXACT)
    assert portfolio[7:9] == [59000, 67500]
    assert rows["Portfolio"][1].number_format == "0.0%"
    assert rows["Portfolio"][6].number_format == "0.0%"
    below = {r[0]: r[1] for r in sheet.iter_rows(min_row=5, values_only=True) if r[0]}
    assert below["Initiative date"] == pd.Timestamp("2025-01-01").to_pydatetime()
    assert below["Before window"] == "Jul 2024 – Dec 2024 (6.0 months)"
    assert "rose from 8.0 % to 18.0 %" in below["Case study"]


def test_command_initiative_date_splits_every_alliance():
    ledger = read_ledger(case_workbook(), "case.xlsx")
    report = build_report(ledger, Settings(initiative_date=INITIATIVE))
    # every alliance takes part: Alpha + Beta + Gamma before 70,320 / 65,000, after 86,550 / 73,500
    assert report.before_after.portfolio["roi_before"] == pytest.approx(5320 / 65000, **EXACT)
    assert report.before_after.portfolio["roi_after"] == pytest.approx(13050 / 73500, **EXACT)
    assert report.before_after.control is None


def test_big_changes_in_words_have_thousands_separators():
    from core.analysis.before_after.case_study import _change_words, _points_words
    from core.analysis.benchmarks import position_text

    # 2,757 % before and 11 % after: 0.11 − 27.57 = −27.46, i.e. −2,746.0 points
    assert _points_words(0.11 - 27.57) == "-2,746.0 points"
    assert _change_words(12.5) == "rose 1,250.0 %"
    assert position_text(27.57 - 0.15) == "above by 2,742.0 pts"
