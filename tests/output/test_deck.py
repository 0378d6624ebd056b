"""The review deck read back with python-pptx, its charts' numbers against the workbook, and the deck
printed by LibreOffice (pages, text, pictures in tests/artifacts/deck/ to look at).

The small ledger's figures are worked out in tests/output/small_ledger.py:

    Acme ROI (1,300 − 1,000) / 1,000 = 0.30 Strong, Top; Beta (900 − 1,000) / 1,000 = −0.10 Weak,
    Bottom; Gamma has no cost (ROI n/a). Portfolio (2,700 − 2,000) / 2,000 = 0.35.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from core.analysis.filters import Filters
from core.output.deck import clip, deck, first_items, ranks
from core.output.export import summary_workbook
from core.reading.ledger import read_ledger
from core.report import Report, build_report
from core.settings import Settings
from tests.db_servers import unavailable
from tests.helpers import ROOT, ledger_bytes
from tests.output.small_ledger import ALLIANCES as SMALL_ALLIANCES
from tests.output.small_ledger import ROWS as SMALL_ROWS
from tests.output.small_ledger import small_report

SAMPLE = ROOT / "sample_data" / "alliance_ledger_sample.xlsx"
ARTIFACTS = ROOT / "tests" / "artifacts" / "deck"
LINK = "http://127.0.0.1:8501/?initiative=2024-04-01&strong=20"
# Issue #17's slides between before/after and the data issues: decisions, risks and health, action
# plan (a scenario slide too when one is set; none is here).
DECISION_SLIDES = 3


def open_deck(data: bytes):
    return Presentation(io.BytesIO(data))


def texts(slide) -> list[str]:
    """Every paragraph of the slide's text boxes, placeholders and tables, in shape order."""
    found = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            found += [p.text for p in shape.text_frame.paragraphs]
        if shape.has_table:
            found += [cell.text for row in shape.table.rows for cell in row.cells]
    return found


def charts(slide):
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def series_values(chart) -> dict[str, dict[str, float | None]]:
    """{series name: {category: value}} of a category chart."""
    categories = list(chart.plots[0].categories)
    return {s.name: dict(zip(categories, s.values, strict=True)) for s in chart.plots[0].series}


@cache
def sample_report() -> Report:
    return build_report(read_ledger(SAMPLE.read_bytes(), SAMPLE.name))


@cache
def small_deck() -> bytes:
    return deck(small_report(), LINK)


@cache
def sample_deck() -> bytes:
    return deck(sample_report())


LONG_NAME = "The Extraordinarily Long-Named Joint Go-To-Market Alliance of Northern Hemisphere Resellers"
LONG_METRIC = "Joint customers acquired in the enterprise segment across " * 4


@cache
def crowded_report() -> Report:
    """Fourteen alliances (one with a 90-character name), six goals on one, five benchmarks with long
    names besides the two defaults, fifteen unusable rows: every list on a slide has more than it shows."""
    rows = []
    for i in range(14):
        name = LONG_NAME if i == 0 else f"Partner {i:02d}"
        for month in range(1, 13):
            rows.append([f"2024-{month:02d}-10", name, "Revenue", 1000 + 37 * i + 11 * month])
            rows.append([f"2024-{month:02d}-12", name, "Cost", 1000])
    rows += [["2024-03-01", "Partner 01", "Revenue", f"bad {n}"] for n in range(15)]
    goals = [["Alliance", "Metric", "Target", "Actual", "Unit", "Start date", "Due date", "Owner"]]
    goals += [
        [
            LONG_NAME,
            f"{LONG_METRIC}{n}",
            100,
            10,
            "customers",
            dt.date(2024, 1, 1),
            dt.date(2024, 12, 31),
            "Kim",
        ]
        for n in range(6)
    ]
    benchmarks = [["Name", "ROI"]] + [
        [f"Benchmark with a rather long name number {n}", 0.05 * n] for n in range(5)
    ]
    data = ledger_bytes(rows, Goals=goals, Benchmarks=benchmarks)
    settings = Settings(initiative_date=dt.date(2024, 7, 1), as_of=dt.date(2024, 10, 1))
    return build_report(read_ledger(data, "crowded.xlsx"), settings)


@cache
def crowded_deck() -> bytes:
    return deck(crowded_report())


class TestSmallLedger:
    def test_one_slide_per_alliance_between_the_portfolio_and_the_before_after(self):
        """2 + 3 alliances + 1 + 3 decision slides + 1 = 10; alliances best ROI first, the one without
        ROI last."""
        prs = open_deck(small_deck())
        assert [s.shapes.title.text for s in prs.slides] == [
            "Alliance ROI review",
            "Portfolio",
            "Acme",
            "Beta",
            "Gamma",
            "Before / after: the initiative",
            "Decisions",
            "Risks and relationship health",
            "Action plan",
            "Data issues",
        ]

    def test_widescreen(self):
        prs = open_deck(small_deck())
        assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))

    def test_title_slide(self):
        slide = open_deck(small_deck()).slides[0]
        shown = texts(slide)
        for expected in (
            "tables.xlsx",
            "Period covered: 2024-01-15 to 2024-06-05",
            "Goal status as of 2024-07-01",
            "Currency: as in the ledger",
            LINK,
        ):
            assert expected in shown
        runs = [r for shape in slide.shapes for p in shape.text_frame.paragraphs for r in p.runs]
        assert [r.hyperlink.address for r in runs if r.hyperlink.address] == [LINK]

    def test_link_that_is_not_a_web_address_is_text_only(self):
        slide = open_deck(deck(small_report(), "javascript:alert(1)")).slides[0]
        runs = [r for shape in slide.shapes for p in shape.text_frame.paragraphs for r in p.runs]
        assert "javascript:alert(1)" in [r.text for r in runs]
        assert not [r for r in runs if r.hyperlink.address]

    def test_portfolio_headline(self):
        """ROI 0.35 is above 20 %: Strong; gaps 0.35 − 0.15 = +20 pts and 0.35 − 0.25 = +10 pts."""
        shown = texts(open_deck(small_deck()).slides[1])
        for expected in (
            "35.0 %  Strong",
            "Revenue: 2,700",
            "Cost: 2,000",
            "Net value: 700",
            "Mean of alliance ROIs (unweighted): 10.0 %",
            "+20.0 pts vs Cross-industry average (15.0 %)",
            "+10.0 pts vs Top quartile, technology partnerships (25.0 %)",
            "Strong: 1 · Moderate: 0 · Weak: 1 · n/a: 1",
            "ROI undefined (no cost), not drawn: Gamma",
        ):
            assert expected in shown

    def test_roi_by_alliance_is_a_bar_chart_of_the_hand_computed_rois(self):
        (chart,) = charts(open_deck(small_deck()).slides[1])
        assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
        assert chart.chart_title.text_frame.text == "ROI by alliance"
        assert list(chart.plots[0].categories) == ["Acme", "Beta"]
        assert chart.plots[0].series[0].values == (0.3, -0.1)

    def test_alliance_slide_figures_goals_and_flags(self):
        """Acme: Q1 (600 − 500) / 500 = 0.20, Q2 (700 − 500) / 500 = 0.40; the portfolio's quarters
        (1,250 − 1,000) / 1,000 = 0.25 and (1,450 − 1,000) / 1,000 = 0.45."""
        slide = open_deck(small_deck()).slides[2]
        shown = texts(slide)
        # Acme: Strong +2, rising +1 = 3, Invest; no quartile points among three alliances (see
        # test_decision_slides_follow_before_after).
        for expected in (
            "Value Multiplier · #1 of 2 by ROI · Invest (score +3)",
            "30.0 %",
            "Strong band · Top quartile",
        ):
            assert expected in shown
        assert "Revenue: 1,300" in shown and "Cost: 1,000" in shown and "Net value: 300" in shown
        assert "+15.0 pts vs Cross-industry average" in shown
        assert any(t.startswith("At risk: Customers (40 customers against 100") for t in shown)
        assert "No red flags." in shown
        (chart,) = charts(slide)
        assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
        assert series_values(chart) == {
            "Acme": {"2024-Q1": 0.2, "2024-Q2": 0.4},
            "Portfolio": {"2024-Q1": 0.25, "2024-Q2": 0.45},
        }

    def test_alliance_with_red_flags_and_no_goals(self):
        """Beta: Weak −2, 'No goals defined' −1 (its Negative ROI flag is left to the band; no quartile
        points among three alliances) = −3, below the Fix cut (−2): Exit."""
        shown = texts(open_deck(small_deck()).slides[3])
        assert "Value Multiplier · #2 of 2 by ROI · Exit (score −3)" in shown
        assert "Weak band · Bottom quartile" in shown
        assert "No goals defined." in shown
        assert "Negative ROI: ROI -10.0 %: revenue 900 against cost 1,000" in shown

    def test_alliance_without_roi_has_no_trend_chart_and_says_why(self):
        slide = open_deck(small_deck()).slides[4]
        shown = texts(slide)
        assert charts(slide) == []
        assert "n/a" in shown and "no cost recorded, so ROI is undefined" in shown
        assert "Market Accelerator · ROI undefined · Fix (score −1)" in shown
        assert any(t.startswith("No quarter with a defined ROI") for t in shown)

    def test_before_after_chart_and_case_study(self):
        """Windows Jan–Mar and Apr–Jun: Acme (600 − 500) / 500 = 0.2 → (700 − 500) / 500 = 0.4; Beta
        −0.1 → −0.1; Gamma undefined on both sides; portfolio 0.25 → 0.45."""
        slide = open_deck(small_deck()).slides[5]
        (chart,) = charts(slide)
        assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
        assert series_values(chart) == {
            "ROI before": {"Acme": 0.2, "Beta": -0.1, "Gamma": None, "Portfolio": 0.25},
            "ROI after": {"Acme": 0.4, "Beta": -0.1, "Gamma": None, "Portfolio": 0.45},
        }
        shown = texts(slide)
        assert "Initiative 2024-04-01 · before Jan 2024 – Mar 2024 · after Apr 2024 – Jun 2024" in shown
        assert small_report().before_after.paragraph in shown

    def test_data_issues_table(self):
        shown = texts(open_deck(small_deck()).slides[-1])
        assert "1 issue · 1 ledger row left out" in shown
        assert "Every issue is listed on the Data issues sheet of the summary workbook." in shown

    def test_shapes_stay_on_the_slide_and_do_not_overlap(self):
        prs = open_deck(small_deck())
        for slide in prs.slides:
            boxes = [(s.left, s.top, s.left + s.width, s.top + s.height) for s in slide.shapes]
            for left, top, right, bottom in boxes:
                assert 0 <= left < right <= prs.slide_width and 0 <= top < bottom <= prs.slide_height
            for i, a in enumerate(boxes):
                for b in boxes[i + 1 :]:
                    assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


def test_issue_table_rows():
    table = next(s.table for s in open_deck(small_deck()).slides[-1].shapes if s.has_table)
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Sheet", "Row", "Column", "Value", "Reason"],
        ["Ledger", "12", "Amount", "oops", "'oops' is not a number"],
    ]


def test_no_comparison_says_why():
    """An initiative date after the data: the before/after slide has no chart, only the reason."""
    data = ledger_bytes([["2024-01-15", "Acme", "Revenue", 600], ["2024-01-20", "Acme", "Cost", 500]])
    report = build_report(read_ledger(data, "one.xlsx"), Settings(initiative_date=dt.date(2030, 1, 1)))
    assert report.before_after is None
    prs = open_deck(deck(report))
    assert len(prs.slides) == 2 + 1 + 2 + DECISION_SLIDES
    slide = prs.slides[3]
    assert charts(slide) == []
    assert report.before_after_error in texts(slide)
    assert "Every row of the ledger was used: no data issues." in texts(prs.slides[-1])


@pytest.fixture(scope="module")
def book():
    return load_workbook(io.BytesIO(summary_workbook(sample_report())), read_only=True)


@pytest.fixture(scope="module")
def prs():
    return open_deck(sample_deck())


def test_portfolio_without_roi():
    """Only Gamma in view (type filter): no cost anywhere, so no portfolio ROI, no band, no bar."""
    data = ledger_bytes(SMALL_ROWS, Alliances=SMALL_ALLIANCES)
    settings = Settings(filters=Filters(types=("Market Accelerator",)))
    prs = open_deck(deck(build_report(read_ledger(data, "gamma.xlsx"), settings)))
    assert len(prs.slides) == 2 + 1 + 2 + DECISION_SLIDES
    shown = texts(prs.slides[1])
    assert "n/a" in shown and "Revenue: 500" in shown
    assert "No alliance has a defined ROI (none has any cost)." in shown
    assert charts(prs.slides[1]) == []


class TestSampleAgainstWorkbook:
    """The sample ledger: every number in a chart equals the summary workbook's cell."""

    @staticmethod
    def table(sheet) -> list[dict[str, object]]:
        """The sheet's first table: the header row and the rows down to the first blank one."""
        rows = sheet.iter_rows(values_only=True)
        header = next(rows)
        found = []
        for row in rows:
            if row[0] is None:
                break
            found.append(dict(zip(header, row, strict=True)))
        return found

    def test_slide_count(self, prs):
        assert len(prs.slides) == 2 + len(sample_report().alliances) + 2 + DECISION_SLIDES == 17

    def test_roi_by_alliance_equals_the_alliances_sheet(self, prs, book):
        sheet = {r["Alliance"]: r["ROI"] for r in self.table(book["Alliances"])}
        (chart,) = charts(prs.slides[1])
        drawn = series_values(chart)["ROI"]
        assert drawn == {name: roi for name, roi in sheet.items() if roi is not None}
        assert list(drawn.values()) == sorted(drawn.values(), reverse=True)
        assert "Hooli Referrals" not in drawn and sheet["Hooli Referrals"] is None

    def test_quarterly_lines_equal_the_quarterly_sheet(self, prs, book):
        sheet = {(r["Alliance"], r["Quarter"]): r["ROI"] for r in self.table(book["Quarterly"])}
        checked = 0
        for slide in list(prs.slides)[2 : -2 - DECISION_SLIDES]:
            for chart in charts(slide):
                assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
                for name, values in series_values(chart).items():
                    for quarter, roi in values.items():
                        assert roi == sheet[(name, quarter)], (name, quarter)
                        checked += 1
        # Nine alliances with an ROI, nine quarters each, their line and the portfolio's.
        assert checked == 9 * 9 * 2

    def test_before_after_equals_the_before_after_sheet(self, prs, book):
        rows = self.table(book["Before-After"])
        (chart,) = charts(prs.slides[-2 - DECISION_SLIDES])
        drawn = series_values(chart)
        assert drawn["ROI before"] == {r["Alliance"]: r["ROI before"] for r in rows}
        assert drawn["ROI after"] == {r["Alliance"]: r["ROI after"] for r in rows}
        assert list(drawn["ROI after"])[-1] == "Portfolio"

    def test_alliance_slides_follow_the_chart_order(self, prs):
        (chart,) = charts(prs.slides[1])
        titles = [s.shapes.title.text for s in list(prs.slides)[2 : -2 - DECISION_SLIDES]]
        assert titles == [*chart.plots[0].categories, "Hooli Referrals"]

    def test_headline_text_equals_the_summary_sheet(self, prs, book):
        summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
        shown = texts(prs.slides[1])
        roi = summary["Portfolio ROI (cost-weighted)"]
        assert f"{roi * 100:.1f} %  Moderate" in shown
        assert f"Revenue: {summary['Revenue']:,.0f} USD" in shown
        assert f"Net value: {summary['Net value']:,.0f} USD" in shown


class TestCrowded:
    """Lists longer than a slide holds stop and say how many more there are."""

    def test_slide_count(self):
        assert len(open_deck(crowded_deck()).slides) == 2 + 14 + 2 + DECISION_SLIDES

    def test_benchmarks_goals_and_issues_are_cut_with_a_count(self):
        prs = open_deck(crowded_deck())
        portfolio = texts(prs.slides[1])
        assert "and 4 more" in portfolio  # the two defaults and five more, three shown
        slide = next(s for s in prs.slides if s.shapes.title.text.startswith("The Extraordinarily"))
        shown = texts(slide)
        assert "and 3 more" in shown  # six goals, three shown
        goals = [t for t in shown if t.startswith("Off track: Joint customers")]
        assert len(goals) == 3 and all(len(t) <= 120 and t.endswith("…") for t in goals)
        issues = prs.slides[-1]
        table = next(s.table for s in issues.shapes if s.has_table)
        assert len(table.rows) == 1 + 10
        assert "and 5 more; every issue is listed on the Data issues sheet of the summary workbook." in texts(
            issues
        )

    def test_long_name_is_cut_in_the_title_and_the_charts(self):
        prs = open_deck(crowded_deck())
        titles = [s.shapes.title.text for s in prs.slides]
        assert clip(LONG_NAME, 56) in titles
        for slide in (prs.slides[1], prs.slides[-2 - DECISION_SLIDES]):
            (chart,) = charts(slide)
            assert clip(LONG_NAME, 32) in chart.plots[0].categories

    def test_shapes_stay_on_the_slide(self):
        prs = open_deck(crowded_deck())
        for slide in prs.slides:
            for s in slide.shapes:
                assert s.left + s.width <= prs.slide_width and s.top + s.height <= prs.slide_height


@pytest.mark.parametrize(
    ("items", "limit", "expected"),
    [
        ([], 3, []),
        (["a", "b"], 3, ["a", "b"]),
        (["a", "b", "c"], 3, ["a", "b", "c"]),
        (["a", "b", "c", "d", "e"], 3, ["a", "b", "c", "and 2 more"]),
    ],
)
def test_first_items(items, limit, expected):
    assert first_items(items, limit) == expected


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, "short"),
        ("two\nlines  and\tspaces", 40, "two lines and spaces"),
        ("exactly ten", 11, "exactly ten"),
        ("a sentence that is too long", 12, "a sentence…"),
    ],
)
def test_clip(text, limit, expected):
    assert clip(text, limit) == expected


def test_equal_rois_share_a_rank():
    """0.1 + 0.2 is 0.30000000000000004 in floating point, equal to 0.3 at the compared precision."""
    rois = pd.Series([0.3, 0.1 + 0.2, 0.1, float("nan")])
    assert ranks(rois).tolist() == ["#1 of 3 by ROI", "#1 of 3 by ROI", "#3 of 3 by ROI", "ROI undefined"]


# LibreOffice as a real client of the deck


def soffice() -> str:
    """LibreOffice's command; without it (or poppler's tools) the test skips, or fails in CI."""
    found = shutil.which("soffice")
    if found is None:
        unavailable("LibreOffice (soffice) is not installed")
    if shutil.which("pdfinfo") is None:
        unavailable("poppler-utils (pdfinfo, pdftotext, pdftoppm) is not installed")
    return found


def to_pdf(pptx: Path, workdir: Path) -> Path:
    """The deck printed by LibreOffice, with a private profile so that parallel runs do not clash."""
    profile = (workdir / "lo-profile").as_uri()
    subprocess.run(
        [soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(workdir), str(pptx)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return workdir / f"{pptx.stem}.pdf"


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


DECKS = {"small": small_deck, "sample": sample_deck, "crowded": crowded_deck}
NAMES = {"small": "Acme", "sample": "Umbrella Resellers", "crowded": "Partner 07"}


@pytest.mark.parametrize("name", DECKS)
def test_libreoffice_prints_every_slide(name, tmp_path):
    data = DECKS[name]()
    pptx = tmp_path / f"{name}.pptx"
    pptx.write_bytes(data)
    pdf = to_pdf(pptx, tmp_path)
    slides = len(open_deck(data).slides)
    assert pdf_pages(pdf) == slides
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert NAMES[name] in text
    assert "ROI by alliance" in text and "Data issues" in text
    pictures = ARTIFACTS / name
    shutil.rmtree(pictures, ignore_errors=True)
    pictures.mkdir(parents=True)
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(pictures / "slide")], check=True)
    assert len(list(pictures.glob("slide-*.png"))) == slides


def test_decision_slides_follow_before_after():
    """The small ledger (three alliances: no quartile points without a spread): Acme Strong (+2), ROI
    rising 20 % → 40 % (+1), goal Customers 40 of 100 At risk (0), no flag → 3, Invest; Beta Weak
    (−2), no goals (−1; Negative ROI is the band's) → −3, Exit; Gamma no band points, no goals (−1)
    → −1, Fix. Opportunity cost at the 10 % hurdle, each month's net value carried to the end of
    June (month m of 6: 1.1^((7 − m)/12) − 1): Acme +100 in January × 0.0488088 + 200 in April ×
    0.0241137 = 9.70 earned, so value over 300 + 9.70 = 309.70; Beta −50 in February × 0.0405117
    − 50 in May × 0.0160119 = 2.83 forgone, −100 − 2.83 = −102.83; Gamma +200 in March × 0.0322801
    + 300 in June × 0.0079741 = 8.85 earned, 500 + 8.85 = 508.85."""
    prs = open_deck(small_deck())
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles[-1 - DECISION_SLIDES : -1] == ["Decisions", "Risks and relationship health", "Action plan"]
    decisions = prs.slides[-1 - DECISION_SLIDES]
    (chart,) = charts(decisions)
    values = dict(zip(chart.plots[0].categories, chart.plots[0].series[0].values, strict=True))
    assert values == {"Acme": 309.70, "Gamma": 508.85, "Beta": -102.83}
    table = next(s.table for s in decisions.shapes if s.has_table)
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Alliance", "Decision", "Score", "Main reason"],
        ["Acme", "Invest", "+3", "Band Strong (+2)"],
        ["Gamma", "Fix", "−1", "1 red flag: No goals defined (vague success metrics) (−1)"],
        ["Beta", "Exit", "−3", "Band Weak (−2)"],
    ]


def _quarters(name: str, q1: tuple[int, int], q2: tuple[int, int], july: int) -> list[list[object]]:
    return [
        ["2026-01-10", name, "Revenue", q1[0]],
        ["2026-01-10", name, "Cost", q1[1]],
        ["2026-04-10", name, "Revenue", q2[0]],
        ["2026-04-10", name, "Cost", q2[1]],
        ["2026-07-10", name, "Revenue", july],
    ]


# Four alliances over Q1 and Q2 2026 (July starts a partial Q3), no Goals sheet: one "No goals defined"
# flag each (−1). A 300 / 200 = 50 % Strong, Top, rising 10 % → 50 %; B 250 / 200 = 25 % Strong, steady
# 20 %; C 230 / 200 = 15 % Moderate, falling 15 % → 5 %; D 210 / 200 = 5 % Weak, Bottom, steady 0 %.
FOUR = [
    *_quarters("A", (110, 100), (150, 100), 40),
    *_quarters("B", (120, 100), (120, 100), 10),
    *_quarters("C", (115, 100), (105, 100), 10),
    *_quarters("D", (100, 100), (100, 100), 10),
]


def _slide(prs, title: str):
    return next(s for s in prs.slides if s.shapes.title.text == title)


def _table_rows(slide) -> list[list[str]]:
    table = next(s.table for s in slide.shapes if s.has_table)
    return [[c.text for c in row.cells] for row in table.rows]


def test_main_reason_is_what_raised_an_invest_and_what_lowered_the_others():
    """The Goals sheet holds one goal, D's, off track (no deal of 10): the others have no goals, a
    flag (−1) each.
    A: Strong +2, Top +1, rising +1, flag −1 = 3 → Invest: the largest gain, Band Strong (+2).
    B: Strong +2, flag −1 = 1 → Maintain: what pulled it down, the flag (−1), not the band.
    C: falling −1, flag −1 = −2 → Fix: a tie, the first factor (trend) wins.
    D: Weak −2, Bottom −1, goals off track −1 = −4 → Exit: Band Weak (−2)."""
    goals = [
        ["Alliance", "Metric", "Target", "Actual", "Start date", "Due date"],
        ["D", "Deals", 10, 0, "2024-01-01", "2024-06-30"],
    ]
    prs = open_deck(deck(build_report(read_ledger(ledger_bytes(FOUR, Goals=goals), "four.xlsx"))))
    rows = _table_rows(_slide(prs, "Decisions"))
    no_goals = "1 red flag: No goals defined (vague success metrics) (−1)"
    assert rows[1:] == [
        ["A", "Invest", "+3", "Band Strong (+2)"],
        ["B", "Maintain", "+1", no_goals],
        ["C", "Fix", "−2", "ROI falling 15.0 % → 5.0 % (−1)"],
        ["D", "Exit", "−4", "Band Weak (−2)"],
    ]
    # B's own slide: no Alliances sheet (no type), second of four ROIs (50, 25, 15, 5 %).
    assert "no type given · #2 of 4 by ROI · Maintain (score +1)" in texts(_slide(prs, "B"))


def test_decisions_slide_keeps_the_best_and_the_worst_when_not_all_fit():
    """Twenty alliances P00 … P19, cost 100 and revenue 90 + 3i a month: ROI (3i − 10) %. No Goals
    sheet, so no flag. Quartile cuts (QUARTILE.INC, 20 values): P25 at rank 4.75 = 2 + 0.75 × 3 = 4.25 %,
    P75 at rank 14.25 = 32 + 0.25 × 3 = 32.75 %. P15–P19 (35–47 %): Strong +2, Top +1 = +3;
    P11–P14 (23–32 %): Strong +2 = +2; P00–P04 (−10 to 2 %): Weak −2, Bottom −1 = −3, Exit.
    Eighteen rows fit: the nine best and the nine worst (ties in the ledger's order); the two in
    between are said to be left out, and the worst are the last rows."""
    rows = []
    for i in range(20):
        for month in (1, 2, 3, 4, 5, 6):
            rows.append([f"2024-{month:02d}-10", f"P{i:02d}", "Revenue", 90 + 3 * i])
            rows.append([f"2024-{month:02d}-12", f"P{i:02d}", "Cost", 100])
    report = build_report(read_ledger(ledger_bytes(rows), "twenty.xlsx"))
    slide = _slide(open_deck(deck(report)), "Decisions")
    shown = _table_rows(slide)[1:]
    assert len(shown) == 18
    assert [r[0] for r in shown[:9]] == [*(f"P{i}" for i in range(15, 20)), *(f"P{i}" for i in range(11, 15))]
    assert [r[2] for r in shown[:9]] == ["+3"] * 5 + ["+2"] * 4
    assert [r[:3] for r in shown[-5:]] == [[f"P{i:02d}", "Exit", "−3"] for i in range(5)]
    assert any(t.startswith("2 alliances between the best and the worst left out") for t in texts(slide))


def test_action_plan_table_shows_owner_and_due_day_whole():
    """Three accepted actions, one with a 300-character text: each row shows its due day, the days
    from the as-of day (2024-07-01 → 2024-07-31 is 30 days), alliance and owner in their own cells;
    only the action is cut. Soonest due first."""
    long_text = "Decide on the exit: check the exit conditions and the contract, then tell the partner " * 4
    actions = pd.DataFrame(
        {
            "alliance": ["Beta", "Gamma", "Beta"],
            "source": ["Exit", "Fix", "Exit"],
            "action": [long_text, "Agree a fix plan", "Wind the alliance down"],
            "owner": ["Maria Ortiz", "", "Lee Chen"],
            "due_date": [dt.date(2024, 7, 31), dt.date(2024, 8, 30), dt.date(2024, 9, 29)],
            "status": ["Open", "Open", "Open"],
        }
    )
    prs = open_deck(deck(small_report(), actions=actions))
    rows = _table_rows(_slide(prs, "Action plan"))
    assert rows[0] == ["Due", "Days", "Alliance", "Owner", "Action"]
    assert [r[:4] for r in rows[1:]] == [
        ["2024-07-31", "30", "Beta", "Maria Ortiz"],
        ["2024-08-30", "60", "Gamma", "no owner"],
        ["2024-09-29", "90", "Beta", "Lee Chen"],
    ]
    assert rows[1][4].startswith("Decide on the exit") and rows[1][4].endswith("…") and len(rows[1][4]) <= 150
    assert rows[3][4] == "Wind the alliance down"


def test_risks_slide_never_hides_a_flagged_risk_and_health_says_a_missing_side():
    """Twelve risks on A, probability 50 %, impact 1,000 down to 100 (expected loss 500 … 50); the
    smallest (R12, 50) has no owner, so it raised a flag: it is shown although ten rows fit, and the
    two smallest of the rest (R10 100, R11 75) are the ones left out. B is scored by us only."""
    risks = [["Alliance", "Risk", "Probability", "Impact", "Mitigation", "Owner"]]
    impacts = [1000, 900, 800, 700, 600, 500, 400, 300, 250, 200, 150, 100]
    risks += [
        ["A", f"R{n:02d}", 0.5, impact, "Plan", "" if n == 12 else "Dana"]
        for n, impact in enumerate(impacts, start=1)
    ]
    health = [
        ["Alliance", "Side", "Strategic fit", "Operational", "Financial", "Relationship"],
        ["B", "Us", 4, 4, 4, 4],
    ]
    data = ledger_bytes(FOUR, Risks=risks, Health=health)
    slide = _slide(
        open_deck(deck(build_report(read_ledger(data, "risks.xlsx")))), "Risks and relationship health"
    )
    shown = texts(slide)
    listed = [t for t in shown if t.startswith("A: R")]
    assert [t.split(" · ")[0] for t in listed] == [f"A: R{n:02d}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 12)]
    assert listed[-1] == "A: R12 · no owner · expected loss 50 (50 % × 100)"
    assert "and 2 more with a smaller expected loss; all are on the Risks sheet of the workbook." in shown
    assert any(t.startswith("B: 4 · us 4, partner not scored") for t in shown)


def test_a_fall_under_the_flat_threshold_is_no_reason_on_the_decisions_slide():
    """#32.3. One alliance, Q1 2026 1,108.40 / 1,000 = 10.84 %, Q2 1,107.60 / 1,000 = 10.76 % (both
    shown as 10.8 %), July starting a partial Q3: −0.08 points, under the default 0.5, flat. Band
    Moderate (ROI 11.3 %) 0, no spread, no Goals sheet: score 0, Maintain, no factor. Before, the
    slide read "Fix, −1, ROI falling 10.8 % → 10.8 % (−1)"; with the threshold at 0.05 it still does."""
    rows = [
        ["2026-01-10", "A", "Revenue", 1108.40],
        ["2026-01-10", "A", "Cost", 1000],
        ["2026-04-10", "A", "Revenue", 1107.60],
        ["2026-04-10", "A", "Cost", 1000],
        ["2026-07-10", "A", "Revenue", 10],
    ]
    ledger = read_ledger(ledger_bytes(rows), "one.xlsx")
    shown = _table_rows(_slide(open_deck(deck(build_report(ledger))), "Decisions"))
    assert shown[1] == ["A", "Maintain", "0", "No factor for or against"]
    strict = build_report(ledger, Settings(flat_points=0.05))
    shown = _table_rows(_slide(open_deck(deck(strict)), "Decisions"))
    assert shown[1] == ["A", "Fix", "−1", "ROI falling 10.8 % → 10.8 % (−1)"]


def test_the_value_over_chart_leaves_room_for_the_longest_bars_values():
    """#32.14: the most negative bar's value, written outside its end, ran onto the alliance's name.
    The small deck's values over the hurdle (month by month, #28.1): Acme 309.70, Gamma 508.85, Beta
    −102.83; spread 508.85 + 102.83 = 611.68, a step of 10² = 100, room 0.3 × 611.68 = 183.504: the
    axis runs from ⌊(−102.83 − 183.504) / 100⌋ × 100 = −300 to ⌈(508.85 + 183.504) / 100⌉ × 100 =
    700, a tick every 100."""
    from core.output.deck.decisions import label_room

    decisions = next(s for s in open_deck(small_deck()).slides if s.shapes.title.text == "Decisions")
    (chart,) = charts(decisions)
    axis = chart.value_axis
    assert (axis.minimum_scale, axis.maximum_scale, axis.major_unit) == (-300, 700, 100)
    # No negative bar: the axis starts at zero; spread 40, step 10, room 12: ⌈52 / 10⌉ × 10 = 60.
    assert label_room([10.0, 40.0]) == (None, 60.0, 10.0)
    assert label_room([]) == (None, None, None)
