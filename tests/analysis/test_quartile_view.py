"""Quartiles over the alliances in view, gaps to the next quartile, benchmarks from the workbook."""

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from core.analysis.benchmarks import effective_benchmarks
from core.analysis.filters import Filters
from core.analysis.quartiles import quartile_gaps
from core.output.export import summary_workbook
from core.reading.ledger import read_ledger
from core.report import build_report
from core.settings import Settings
from tests.helpers import ledger_bytes

# Five alliances, cost 1,000 each: ROI = (revenue − 1,000) / 1,000.
#   A 0.40, B 0.30 (Value Multiplier); C 0.20, D 0.10, E −0.10 (Market Accelerator)
# All five: sorted −0.1, 0.1, 0.2, 0.3, 0.4 -> P25 0.1, P50 0.2, P75 0.3.
# Market Accelerators only: −0.1, 0.1, 0.2 -> P25 0.0, P50 0.1, P75 0.15.
REVENUE = {"A": 1400, "B": 1300, "C": 1200, "D": 1100, "E": 900}
TYPES = {
    "A": "Value Multiplier",
    "B": "Value Multiplier",
    "C": "Market Accelerator",
    "D": "Market Accelerator",
    "E": "Market Accelerator",
}


def ledger(**sheets):
    rows = []
    for name, revenue in REVENUE.items():
        rows += [["2024-01-10", name, "Revenue", revenue], ["2024-01-10", name, "Cost", 1000]]
    rows += [["2025-06-10", "A", "Cost", 1000]]  # a later cost that a date filter can leave out
    alliances = [
        ["Alliance", "Type", "Owner"],
        *[[n, t, "Kim" if n in "AC" else "Lee"] for n, t in TYPES.items()],
    ]
    return read_ledger(ledger_bytes(rows, Alliances=alliances, **sheets), "q.xlsx")


def test_quartiles_over_everything_then_over_a_filtered_view():
    whole = build_report(ledger(), Settings(filters=Filters(end=pd.Timestamp("2024-12-31").date())))
    assert whole.cuts == pytest.approx({"P25": 0.1, "P50": 0.2, "P75": 0.3})
    assert whole.alliances["quartile"].to_dict() == {
        "A": "Top",
        "B": "Top",
        "C": "Second",
        "D": "Third",
        "E": "Bottom",
    }
    accelerators = build_report(
        ledger(),
        Settings(filters=Filters(types=("Market Accelerator",), end=pd.Timestamp("2024-12-31").date())),
    )
    assert list(accelerators.alliances.index) == ["C", "D", "E"]
    assert accelerators.cuts == pytest.approx({"P25": 0.0, "P50": 0.1, "P75": 0.15})
    assert accelerators.alliances["quartile"].to_dict() == {"C": "Top", "D": "Second", "E": "Bottom"}


def test_date_filter_changes_the_numbers():
    # Without the end date, A has 2,000 of cost: ROI (1,400 − 2,000) / 2,000 = −0.30
    report = build_report(ledger())
    assert report.alliances.loc["A", "roi"] == pytest.approx(-0.30, abs=1e-12)
    kim = build_report(ledger(), Settings(filters=Filters(owners=("Kim",))))
    assert list(kim.alliances.index) == ["A", "C"]


def test_gap_to_next_quartile_in_points_and_money():
    report = build_report(ledger(), Settings(filters=Filters(end=pd.Timestamp("2024-12-31").date())))
    gaps = quartile_gaps(report.alliances, report.cuts)
    # E (Bottom, −0.10) needs P25 = 0.10: 20 points, i.e. 0.20 × 1,000 = 200 more net value
    assert gaps.loc["E", "next_quartile"] == "Third"
    assert gaps.loc["E", "gap_points"] == pytest.approx(0.20, abs=1e-12)
    assert gaps.loc["E", "gap_net_value"] == pytest.approx(200.0, abs=1e-9)
    # C (Second, 0.20) needs P75 = 0.30: 100 more
    assert gaps.loc["C", "gap_net_value"] == pytest.approx(100.0, abs=1e-9)
    assert gaps.loc["A", "next_quartile"] == ""


def test_workbook_benchmarks_replace_and_add_and_reach_the_export():
    own = [
        ["Name", "ROI", "Source"],
        ["Cross-industry average", "12%", "Our 2024 study"],
        ["Hurdle", 0.08, "CFO"],
    ]
    lg = ledger(Benchmarks=own)
    chosen = effective_benchmarks(lg.benchmarks)
    assert chosen["name"].tolist() == [
        "Top quartile, technology partnerships",
        "Cross-industry average",
        "Hurdle",
    ]
    assert chosen["roi"].tolist() == pytest.approx([0.25, 0.12, 0.08])
    report = build_report(lg, Settings(filters=Filters(end=pd.Timestamp("2024-12-31").date())))
    book = load_workbook(io.BytesIO(summary_workbook(report)))
    header = [c.value for c in book["Alliances"][1]]
    assert header[10:13] == ["Top quartile, technology partnerships", "Cross-industry average", "Hurdle"]
    a_row = {c.column_letter: c.value for c in book["Alliances"][2]}
    assert book["Alliances"][2][0].value == "A"
    assert [a_row[c] for c in ("K", "L", "M")] == pytest.approx([0.15, 0.28, 0.32])  # 0.40 − each benchmark
    summary = {r[0]: r[1:3] for r in book["Summary"].iter_rows(values_only=True) if r[0]}
    assert summary["Hurdle"] == (0.08, "CFO")
    assert summary["P75"][0] == pytest.approx(0.3)
