"""The Decisions, Risks, Health and Actions sheets read back with openpyxl, against figures worked out
by hand from the small ledger below; the same figures in the HTML report and the deck; the sheets
printed by LibreOffice without ###.

Two alliances, entries in Q1 2024 (one quarter, so no trend), goals judged on 2024-04-01:

    Acme  cost 10,000, revenue 20,000 → net 10,000, ROI (20,000 − 10,000) / 10,000 = 1.00 → Strong
    Beta  cost 10,000, revenue  9,000 → net −1,000, ROI −0.10 → Weak
    Portfolio: revenue 29,000, cost 20,000, net 9,000, ROI 0.45.
    Quartile cuts over [−0.10, 1.00] (QUARTILE.INC): P25 = −0.10 + 0.25 × 1.10 = 0.175, P50 = 0.45,
    P75 = 0.725 → Acme Top, Beta Bottom (no quartile points: two alliances are no spread).

Risks:
    Acme  'Key contact leaves'  25 % × 8,000 = 2,000 expected loss; owner Kim, mitigation written
          risk-adjusted net 10,000 − 2,000 = 8,000; risk-adjusted ROI 8,000 / 10,000 = 0.80
    Beta  '+cmd()'              50 % × 4,000 = 2,000; no owner, no mitigation
          risk-adjusted net −1,000 − 2,000 = −3,000; risk-adjusted ROI −3,000 / 10,000 = −0.30
Health (strategic fit, operational, financial, relationship):
    Acme  us 4 4 4 4, partner 4 4 4 4 → us 4, partner 4, score 4, gap 0, widest ''
    Beta  us 4 3 3 2 (mean 3), partner 2 3 3 2 (mean 2.5) → score (3 + 2.5) / 2 = 2.75, gap 0.5,
          widest: Strategic fit (4 − 2 = 2)
Decisions (default rules):
    Acme  Strong +2, quartile 0 (no spread), trend 0, goal achieved (12 of 10 deals) +1, no red flag 0,
          health 4 ≥ 4 +1 = 4 → Invest (from 3)
    Beta  Weak −2, quartile 0, trend 0, no goals 0, 5 red flags besides negative ROI and health ≤ 2
          (the band and the health factor weigh those) (no goals, risk without owner, risk without
          mitigation, no exit conditions, sides 2 apart) counted 3 × −1 = −3, health 2.75 between 2
          and 4 → 0; = −5 → Exit (below −2)
Opportunity cost at the hurdle rate (10 % a year), month by month over the three months in view
(January to March): a flow of January is carried 3 months, 1.1^(3/12) − 1 = 0.0241136891, one of
March 1 month, 1.1^(1/12) − 1 = 0.0079741404.
    Acme  10,000 × 0.0241136891 − 20,000 × 0.0079741404 = 241.136891 − 159.482809 = 81.65;
          value over 10,000 − 81.65 = 9,918.35; 9,918.35 / 10,000 × 100 = +99.18 pts
    Beta  241.136891 − 9,000 × 0.0079741404 = 169.37; −1,000 − 169.37 = −1,169.37; −11.69 pts
    Portfolio 482.273782 − 29,000 × 0.0079741404 = 251.02; 9,000 − 251.02 = 8,748.98;
          8,748.98 / 20,000 × 100 = +43.74 pts
Scenario 'drop Beta': revenue 29,000 → 20,000 (−9,000), cost 20,000 → 10,000 (−10,000), net 9,000 →
    10,000 (+1,000), portfolio ROI 0.45 → 1.00 (+55 pts).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from functools import cache

import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation

from core.analysis.scenarios import Change
from core.model import ScenarioChange
from core.output.deck import deck
from core.output.export import DECISION_SHEETS, SHEETS, summary_workbook
from core.output.html_report import html_report
from core.output.xlsx import MONEY, PERCENT, POINTS_NUMBER
from core.reading.ledger import read_ledger
from core.reading.side_sheets import NO_HEALTH_NOTE, NO_RISKS_NOTE
from core.report import Report, build_report
from core.settings import Settings
from tests.helpers import ROOT, ledger_bytes
from tests.output.printing import pdf_pages_text, to_pdf

ROWS = [
    ["2024-01-10", "Acme", "Cost", 10000],
    ["2024-03-20", "Acme", "Revenue", 20000],
    ["2024-01-10", "Beta", "Cost", 10000],
    ["2024-03-20", "Beta", "Revenue", 9000],
]
ALLIANCES = [
    ["Alliance", "Type", "Exit conditions"],
    ["Acme", "Reseller", "Exit if ROI is below 0 for two quarters"],
    ["Beta", "Reseller", ""],
]
GOALS = [
    ["Alliance", "Metric", "Target", "Actual", "Unit", "Start date", "Due date", "Owner"],
    ["Acme", "Deals", 10, 12, "deals", dt.date(2024, 1, 1), dt.date(2024, 12, 31), "Kim"],
]
RISKS = [
    ["Alliance", "Risk", "Probability", "Impact", "Mitigation", "Owner"],
    ["Acme", "Key contact leaves", "25 %", 8000, "Second contact", "Kim"],
    ["Beta", "+cmd()", 0.5, 4000, "", ""],
]
HEALTH = [
    ["Alliance", "Side", "Strategic fit", "Operational", "Financial", "Relationship"],
    ["Acme", "Us", 4, 4, 4, 4],
    ["Acme", "Partner", 4, 4, 4, 4],
    ["Beta", "Us", 4, 3, 3, 2],
    ["Beta", "Partner", 2, 3, 3, 2],
]
AS_OF = dt.date(2024, 4, 1)
EXPORTED_AT = dt.datetime(2024, 4, 1, 9, 0)
DROP_BETA = Settings(as_of=AS_OF, scenario=(Change("Beta", ScenarioChange.DROP),))
ARTIFACTS = ROOT / "tests" / "artifacts" / "decisions"


@cache
def report(settings: Settings = DROP_BETA, sheets: bool = True) -> Report:
    side = {"Risks": RISKS, "Health": HEALTH} if sheets else {}
    data = ledger_bytes(ROWS, Alliances=ALLIANCES, Goals=GOALS, **side)
    return build_report(read_ledger(data, "decisions.xlsx"), settings)


@cache
def workbook_bytes(settings: Settings = DROP_BETA, sheets: bool = True) -> bytes:
    return summary_workbook(report(settings, sheets), exported_at=EXPORTED_AT)


def book(settings: Settings = DROP_BETA, sheets: bool = True):
    return load_workbook(io.BytesIO(workbook_bytes(settings, sheets)))


def rows_of(ws) -> list[list[object]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def table_rows(ws, header: str) -> list[dict[str, object]]:
    """The rows under the first row whose first cell is `header`, keyed by header, up to a blank row."""
    rows = rows_of(ws)
    top = next(i for i, r in enumerate(rows) if r[0] == header)
    headers = [h for h in rows[top] if h is not None]
    found = []
    for r in rows[top + 1 :]:
        if r[0] is None:
            break
        found.append(dict(zip(headers, r, strict=False)))
    return found


def cell_of(ws, first: str, header: str):
    """The cell in the row whose first cell is `first`, under the column headed `header` (row 1)."""
    headers = [c.value for c in ws[1]]
    column = headers.index(header)
    row = next(r for r in ws.iter_rows() if r[0].value == first)
    return row[column]


def test_sheets_come_after_the_contracts_in_order():
    assert DECISION_SHEETS == ("Decisions", "Risks", "Health", "Actions")
    assert book().sheetnames == [*SHEETS, "Decisions", "Risks", "Health", "Actions"]


def test_decisions_by_hand():
    ws = book()["Decisions"]
    headers = [c.value for c in ws[1] if c.value is not None]
    assert headers[:4] == ["Alliance", "Recommendation", "Score", "Reasons"]
    rows = {r["Alliance"]: r for r in table_rows(ws, "Alliance")}
    assert list(rows) == ["Acme", "Beta", "Portfolio"]  # highest score first, Portfolio last
    acme, beta, portfolio = rows["Acme"], rows["Beta"], rows["Portfolio"]
    assert (acme["Recommendation"], acme["Score"]) == ("Invest", 4)
    assert (beta["Recommendation"], beta["Score"]) == ("Exit", -5)
    points = [
        "Band points",
        "Quartile points",
        "Trend points",
        "Goals points",
        "Red flag points",
        "Health points",
    ]
    assert [acme[p] for p in points] == [2, 0, 0, 1, 0, 1]
    assert [beta[p] for p in points] == [-2, 0, 0, 0, -3, 0]
    assert acme["Reasons"] == "Band Strong (+2); Goals achieved (+1); Health score 4.0 (+1)"
    assert (acme["ROI"], acme["Risk-adjusted ROI"], acme["Health score"]) == (1, 0.8, 4)
    assert (beta["ROI"], beta["Risk-adjusted ROI"], beta["Health score"]) == (-0.1, -0.3, 2.75)
    assert acme["Alternative's return"] == pytest.approx(0.008165, abs=1e-10)
    assert (acme["Opportunity cost"], acme["Value over alternative"]) == (81.65, 9918.35)
    assert acme["Over alternative (pts)"] == pytest.approx(99.1835, abs=1e-6)
    assert beta["Value over alternative"] == -1169.37
    assert beta["Over alternative (pts)"] == pytest.approx(-11.6937, abs=1e-6)
    # The Alliances sheet's 'Value over hurdle' is the same figure (#28.1).
    alliances = book()["Alliances"]
    assert [cell_of(alliances, a, "Value over hurdle").value for a in ("Acme", "Beta")] == [9918.35, -1169.37]
    assert portfolio["Recommendation"] is None and portfolio["Score"] is None
    assert (portfolio["ROI"], portfolio["Opportunity cost"]) == (0.45, 251.02)
    assert portfolio["Value over alternative"] == 8748.98
    assert portfolio["Over alternative (pts)"] == pytest.approx(43.7449, abs=1e-6)


def test_decisions_number_formats_are_real_numbers():
    ws = book()["Decisions"]
    formats = {
        "Score": POINTS_NUMBER,
        "Band points": POINTS_NUMBER,
        "ROI": PERCENT,
        "Risk-adjusted ROI": PERCENT,
        "Opportunity cost": MONEY,
        "Value over alternative": MONEY,
        "Over alternative (pts)": POINTS_NUMBER,
    }
    for header, number_format in formats.items():
        cell = cell_of(ws, "Acme", header)
        assert cell.data_type == "n", header
        assert cell.number_format == number_format, header


def test_alternative_rules_and_scenario_are_written_below():
    ws = book()["Decisions"]
    pairs = {r[0]: r[1] for r in rows_of(ws) if isinstance(r[0], str)}
    assert pairs["Next-best use of the money"] == "the hurdle rate"
    assert pairs["Hurdle rate (a year)"] == 0.1
    # Default rules: strong +2, invest from 3, fix from −2; at most 3 flags counted.
    assert (
        pairs["Band Strong"],
        pairs["Invest from a score of"],
        pairs["Fix from a score of (below: Exit)"],
    ) == (
        2,
        3,
        -2,
    )
    assert pairs["Red flags counted at most"] == 3
    assert pairs["Scenario"] == "drop Beta"
    money = {r["Figure"]: r for r in table_rows(ws, "Figure")}
    assert [money["Revenue"][k] for k in ("Today", "Scenario", "Change")] == [29000, 20000, -9000]
    assert [money["Cost"][k] for k in ("Today", "Scenario", "Change")] == [20000, 10000, -10000]
    assert [money["Net value"][k] for k in ("Today", "Scenario", "Change")] == [9000, 10000, 1000]
    rows = rows_of(ws)
    roi = next(r for r in rows if r[0] == "Portfolio ROI")
    assert roi[1:4] == [0.45, 1, 55]


def test_without_a_scenario_the_sheet_says_how_to_set_one():
    plain = Settings(as_of=AS_OF)
    texts = [r[0] for r in rows_of(book(plain)["Decisions"])]
    assert any(isinstance(t, str) and t.startswith("No scenario: set one") for t in texts)
    assert "Figure" not in texts


def test_risks_by_hand():
    ws = book()["Risks"]
    risks = table_rows(ws, "Alliance")
    assert [
        (r["Alliance"], r["Probability"], r["Impact"], r["At stake"], r["Expected loss"]) for r in risks
    ] == [
        ("Acme", 0.25, 8000, 8000, 2000),
        ("Beta", 0.5, 4000, 4000, 2000),
    ]
    assert (risks[0]["Mitigation"], risks[0]["Owner"]) == ("Second contact", "Kim")
    assert cell_of(ws, "Acme", "Probability").number_format == PERCENT
    assert cell_of(ws, "Acme", "Expected loss").number_format == MONEY
    # User text that looks like a formula is written as text, marked so that it never runs.
    hostile = cell_of(ws, "Beta", "Risk")
    assert hostile.value == "+cmd()" and hostile.data_type == "s" and hostile.quotePrefix
    rows = rows_of(ws)
    top = next(i for i, r in enumerate(rows) if r[0] == "Per alliance") + 1
    summary = {r[0]: r for r in rows[top + 1 : top + 3]}
    headers = rows[top]
    at = {h: i for i, h in enumerate(headers)}
    assert summary["Acme"][at["Expected loss"]] == 2000
    assert summary["Acme"][at["Risk-adjusted net value"]] == 8000
    assert summary["Acme"][at["Risk-adjusted ROI"]] == 0.8
    assert summary["Beta"][at["Risk-adjusted net value"]] == -3000
    assert summary["Beta"][at["Risk-adjusted ROI"]] == -0.3


def test_health_by_hand():
    ws = book()["Health"]
    health = {r["Alliance"]: r for r in table_rows(ws, "Alliance")}
    assert [health["Beta"][k] for k in ("Us", "Partner", "Health score", "Gap (us − partner)")] == [
        3,
        2.5,
        2.75,
        0.5,
    ]
    assert health["Beta"]["Widest gap on"] == "Strategic fit"
    assert [health["Acme"][k] for k in ("Us", "Partner", "Health score", "Gap (us − partner)")] == [
        4,
        4,
        4,
        0,
    ]
    assert health["Acme"]["Widest gap on"] is None
    rows = rows_of(ws)
    detail = [r[:5] for r in rows if r[0] == "Beta" and r[1] in ("Strategic fit", "Relationship")]
    assert detail == [["Beta", "Strategic fit", 4, 2, 2], ["Beta", "Relationship", 2, 2, 0]]


def test_without_risks_or_health_sheets_the_sheets_say_how_to_add_them():
    plain = book(Settings(as_of=AS_OF), sheets=False)
    assert plain.sheetnames[-4:] == ["Decisions", "Risks", "Health", "Actions"]
    assert rows_of(plain["Risks"]) == [[NO_RISKS_NOTE]]
    assert rows_of(plain["Health"]) == [[NO_HEALTH_NOTE]]
    assert "sheet named 'Risks'" in NO_RISKS_NOTE and "sheet named 'Health'" in NO_HEALTH_NOTE
    # Without a Risks sheet, risk-adjusted ROI is the ROI: Acme 1.00, Beta −0.10.
    ws = plain["Decisions"]
    assert cell_of(ws, "Acme", "Risk-adjusted ROI").value == 1
    assert cell_of(ws, "Beta", "Risk-adjusted ROI").value == -0.1
    assert cell_of(ws, "Acme", "Health score").value is None


ACTIONS = pd.DataFrame(
    {
        "alliance": ["Beta", "=Beta"],
        "source": ["Exit", "Risk without an owner"],
        "action": ["Agree the exit terms", "Name an owner"],
        "owner": ["Kim", ""],
        "due_date": [dt.date(2024, 5, 1), dt.date(2024, 6, 30)],
        "horizon": [30, 90],
        "status": ["Done", "Overdue"],
    }
)


def test_actions_given_are_written_with_dates_and_statuses():
    data = summary_workbook(report(), exported_at=EXPORTED_AT, actions=ACTIONS)
    ws = load_workbook(io.BytesIO(data))["Actions"]
    assert [c.value for c in ws[1]] == [
        "Alliance",
        "Source",
        "Action",
        "Owner",
        "Due date",
        "Horizon (days)",
        "Status",
    ]
    first = [c.value for c in ws[2]]
    assert first == ["Beta", "Exit", "Agree the exit terms", "Kim", dt.datetime(2024, 5, 1), 30, "Done"]
    assert ws["E2"].number_format == "yyyy-mm-dd" and ws["F2"].data_type == "n"
    assert ws["A3"].value == "=Beta" and ws["A3"].data_type == "s" and ws["A3"].quotePrefix


def test_a_saved_plan_without_horizons_counts_them_from_the_as_of_day():
    """The store keeps due days only: 2024-05-01 is 30 days after the as-of day 2024-04-01,
    2024-06-30 is 90 days after it."""
    saved = ACTIONS.drop(columns="horizon").rename(columns={"due_date": "due"})
    data = summary_workbook(report(), exported_at=EXPORTED_AT, actions=saved)
    rows = table_rows(load_workbook(io.BytesIO(data))["Actions"], "Alliance")
    assert [(r["Due date"], r["Horizon (days)"], r["Status"]) for r in rows] == [
        (dt.datetime(2024, 5, 1), 30, "Done"),
        (dt.datetime(2024, 6, 30), 90, "Overdue"),
    ]


def test_proposed_actions_follow_the_playbook_by_horizon():
    """Acme (Invest, no flag) proposes nothing. Beta (Exit) has seven flags and the Exit; by the
    playbook each proposes its actions, sorted by horizon then playbook order, due 2024-04-01 +
    30 days = 2024-05-01, + 60 = 2024-05-31, + 90 = 2024-06-30; no Owner column, so no owner."""
    rows = table_rows(book()["Actions"], "Alliance")
    got = [
        (r["Alliance"], r["Source"], r["Due date"], r["Horizon (days)"], r["Owner"], r["Status"])
        for r in rows
    ]
    may, end_may, june = dt.datetime(2024, 5, 1), dt.datetime(2024, 5, 31), dt.datetime(2024, 6, 30)
    expected_sources = [
        ("Negative ROI", may, 30),
        ("No goals defined (vague success metrics)", may, 30),
        ("Risk without an owner", may, 30),
        ("No exit conditions", may, 30),
        ("Sides' health scores 2 or more apart", may, 30),
        ("Exit", may, 30),
        ("Risk without a mitigation", end_may, 60),
        ("Health scored 2 or lower", end_may, 60),
        ("Negative ROI", june, 90),
        ("Exit", june, 90),
    ]
    assert got == [("Beta", source, due, days, None, "Proposed") for source, due, days in expected_sources]


def test_a_view_without_actions_leaves_an_empty_table_and_says_so():
    """Acme alone: Strong +2, goal achieved +1 = 3 → Invest, and no red flag (revenue 12 days before
    the as-of day, goals set, exit conditions written): nothing to propose."""
    data = ledger_bytes(ROWS[:2], Alliances=ALLIANCES[:2], Goals=GOALS)
    alone = build_report(read_ledger(data, "acme.xlsx"), Settings(as_of=AS_OF))
    assert alone.flags.empty and alone.decisions.loc["Acme", "recommendation"] == "Invest"
    ws = load_workbook(io.BytesIO(summary_workbook(alone, exported_at=EXPORTED_AT)))["Actions"]
    texts = [r[0] for r in rows_of(ws)]
    assert texts[0] == "Alliance"
    assert "No actions proposed or accepted for this view." in texts


def test_html_report_has_the_sections_with_user_text_escaped():
    named = "<b>x</b>"
    hostile = [[d, named if a == "Beta" else a, k, v] for d, a, k, v in ROWS]
    alliances = [[r[0].replace("Beta", named), *r[1:]] for r in ALLIANCES]
    risks = [[r[0].replace("Beta", named), *r[1:]] for r in RISKS]
    risks[2][1] = "+cmd()&<script>"
    health = [[r[0].replace("Beta", named), *r[1:]] for r in HEALTH]
    data = ledger_bytes(hostile, Alliances=alliances, Goals=GOALS, Risks=risks, Health=health)
    settings = Settings(as_of=AS_OF, scenario=(Change(named, ScenarioChange.DROP),))
    page = html_report(build_report(read_ledger(data, "x.xlsx"), settings), EXPORTED_AT).decode()
    body = re.sub(r"<script>.*?</script>", "", page.split("<body>")[1], flags=re.S)
    for section in ("Decisions", "Health and risks", "Action plan"):
        assert f"<h2>{section}</h2>" in body
    assert named not in body and "<script>" not in body
    assert "<td>&lt;b&gt;x&lt;/b&gt;</td><td>Exit</td>" in body
    assert "<td>+cmd()&amp;&lt;script&gt;</td>" in body
    assert "<h3>Scenario: drop &lt;b&gt;x&lt;/b&gt;</h3>" in body
    # Hand-worked figures: Acme Invest with 5 points, value over the alternative 9,918 (+99.2 pts);
    # the scenario's net value 9,000 → 10,000.
    assert "<td>Acme</td><td>Invest</td><td>+4.0 pts</td>" in body
    assert "<td>9,918</td><td>+99.2 pts</td>" in body
    assert "<td>Net value</td><td>9,000</td><td>10,000</td><td>1,000</td>" in body


def test_html_report_without_side_sheets_says_how_to_add_them():
    page = html_report(report(Settings(as_of=AS_OF), sheets=False), EXPORTED_AT).decode()
    assert html.escape(NO_RISKS_NOTE, quote=False) in page
    assert html.escape(NO_HEALTH_NOTE, quote=False) in page
    assert "No scenario: set one" in page


def slide_texts(slide) -> list[str]:
    found = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            found += [p.text for p in shape.text_frame.paragraphs]
        if shape.has_table:
            found += [cell.text for row in shape.table.rows for cell in row.cells]
    return found


def table_cells(slide) -> list[list[str]]:
    (table,) = [shape.table for shape in slide.shapes if shape.has_table]
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_deck_has_the_decision_slides_and_its_chart_holds_the_workbook_values():
    prs = Presentation(io.BytesIO(deck(report())))
    titles = [slide.shapes.title.text for slide in prs.slides if slide.shapes.title is not None]
    # title, portfolio, Acme, Beta, before/after, then decisions, scenario, risks and health, plan, issues
    assert titles[5:] == [
        "Decisions",
        "Scenario",
        "Risks and relationship health",
        "Action plan",
        "Data issues",
    ]
    decisions = prs.slides[5]
    rows = table_cells(decisions)
    # Acme's main reason is what raised its Invest most (the band's +2); Beta's what pulled it down
    # most (its red flags, −3, against the band's −2).
    assert rows[0] == ["Alliance", "Decision", "Score", "Main reason"]
    assert rows[1] == ["Acme", "Invest", "+4", "Band Strong (+2)"]
    assert rows[2][:3] == ["Beta", "Exit", "−5"] and rows[2][3].startswith("5 red flags (3 counted): ")
    assert rows[2][3].endswith("(−3)")
    (chart,) = [s.chart for s in decisions.shapes if s.has_chart]
    plot = chart.plots[0]
    ws = book()["Decisions"]
    cells = [cell_of(ws, name, "Value over alternative").value for name in ("Acme", "Beta")]
    assert list(plot.categories) == ["Acme", "Beta"]
    assert list(plot.series[0].values) == cells == [9918.35, -1169.37]
    scenario = slide_texts(prs.slides[6])
    assert "drop Beta" in scenario and "+55.0 pts" in scenario
    risks = slide_texts(prs.slides[7])
    assert "Acme: Key contact leaves · expected loss 2,000 (25 % × 8,000) · owner Kim" in risks
    assert "Beta: 2.75 · us 3, partner 2.5 · widest gap on Strategic fit" in risks


def test_deck_action_plan_by_horizon():
    prs = Presentation(io.BytesIO(deck(report(), actions=ACTIONS)))
    plan = next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text == "Action plan")
    # By due day, each cell its own: due, days, alliance, owner (or "no owner"), action.
    assert table_cells(plan) == [
        ["Due", "Days", "Alliance", "Owner", "Action"],
        ["2024-05-01", "30", "Beta", "Kim", "Agree the exit terms"],
        ["2024-06-30", "90", "=Beta", "no owner", "Name an owner"],
    ]


def test_without_a_scenario_the_deck_has_no_scenario_slide():
    prs = Presentation(io.BytesIO(deck(report(Settings(as_of=AS_OF)))))
    titles = [slide.shapes.title.text for slide in prs.slides if slide.shapes.title is not None]
    assert "Scenario" not in titles and "Decisions" in titles


def test_decision_sheets_print_without_hashes(tmp_path):
    path = tmp_path / "decisions.xlsx"
    path.write_bytes(workbook_bytes())
    pages = pdf_pages_text(to_pdf(path, tmp_path))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    printed = {}
    for page in pages:
        footer = [line for line in page.splitlines() if line.strip()][-1]
        printed.setdefault(footer.split("  ")[0].strip(), []).append(page)
    assert list(printed)[-4:] == ["Decisions", "Risks", "Health", "Actions"]
    text = "\n".join(p for name in DECISION_SHEETS for p in printed[name])
    assert "###" not in text
    # Figures as printed: 9,918.35 over the alternative, +99.2 pts, expected loss 2,000.00, 80.0 %.
    for shown in ("9,918.35", "+99.2 pts", "+4.0 pts", "2,000.00", "80.0%", "-30.0%", "2.75"):
        assert shown in text, shown


@pytest.mark.parametrize("name", DECISION_SHEETS)
def test_each_sheet_prints_landscape_and_readable(name):
    """One page wide, or (Decisions: 17 columns, about 44 % if fitted) at 75 % across pages (#32.13)."""
    ws = book()[name]
    assert ws.page_setup.orientation == "landscape"
    if name == "Decisions":
        assert not ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.scale == 75
        assert ws.print_title_cols == "$A:$A" and len(ws.col_breaks.brk) >= 1
    else:
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert (ws.page_setup.fitToWidth or 1) == 1  # 1 is the file format's default, left out
        assert ws.page_setup.fitToHeight == 0
    # Decisions, Risks and Health hold a second table below the first: repeating the first table's
    # header would print it above the second's rows. Actions is one table: its header repeats.
    assert ws.print_title_rows == ("$1:$1" if name == "Actions" else None)
    assert ws.print_area.startswith(f"'{name}'!$A$1:")


def test_a_ledger_without_entries_still_writes_every_sheet():
    """Issue 31.9: the Decisions sheet of an empty ledger raised KeyError (no score columns): it is the
    Portfolio row alone, under every header, and the deck and the report are written too."""
    report = build_report(read_ledger(ledger_bytes([]), "empty.xlsx"), Settings(as_of=dt.date(2024, 6, 30)))
    book = load_workbook(io.BytesIO(summary_workbook(report)))
    assert [*SHEETS, *DECISION_SHEETS] == [s for s in book.sheetnames if s in (*SHEETS, *DECISION_SHEETS)]
    decisions = [
        row for row in book["Decisions"].iter_rows(values_only=True) if any(v is not None for v in row)
    ]
    assert "Portfolio" in [row[0] for row in decisions]
    assert html_report(report)
    assert deck(report)
