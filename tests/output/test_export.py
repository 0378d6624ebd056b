"""The summary workbook read back with openpyxl: sheets, headers, real numbers, formats, safe text."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from core.output.export import alliance_csv, summary_workbook
from core.reading.ledger import read_ledger
from core.report import build_report
from tests.helpers import ALLIANCES_SHEET_HEADERS

ROWS = [
    ["2024-01-01", "Acme", "Revenue", 1183],
    ["2024-01-02", "Acme", "Cost", 1000],
    ["2024-01-01", "Beta", "Revenue", 500],
    ["2024-01-01", "Beta", "Cost", 1000],
    ["2024-01-01", "Gamma", "Revenue", 300],
    ["2024-01-01", '=HYPERLINK("http://x")', "Revenue", 10],
    ["2024-01-01", '=HYPERLINK("http://x")', "Cost", 10],
    ["2024-01-01", "@SUM(A1)", "Revenue", 1],
    ["2024-01-01", "@SUM(A1)", "Cost", 1],
    ["2024-01-01", "Delta", "Revenue", "oops"],
]
EXPORTED_AT = dt.datetime(2026, 11, 23, 9, 30)


def ledger_csv() -> bytes:
    """CSV, because a spreadsheet cell typed '=...' would be a formula; in CSV it is the text itself."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["Date", "Alliance", "Kind", "Amount"], *ROWS])
    return buffer.getvalue().encode("utf-8")


@pytest.fixture(scope="module")
def book():
    ledger = read_ledger(ledger_csv(), "acme ledger.csv")
    return load_workbook(io.BytesIO(summary_workbook(build_report(ledger), exported_at=EXPORTED_AT)))


def rows_of(sheet):
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_contract_sheets_in_order(book):
    assert book.sheetnames == [
        "Summary",
        "Alliances",
        "Quarterly",
        "Before-After",
        "Scorecard",
        "Data issues",
        "About",
        # Issue #17's sheets come after the contract's, in this order.
        "Decisions",
        "Risks",
        "Health",
        "Actions",
    ]


def test_alliances_sheet_headers_numbers_and_formats(book):
    sheet = book["Alliances"]
    header = [c.value for c in sheet[1]]
    assert header == ALLIANCES_SHEET_HEADERS
    by_name = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    acme = by_name["Acme"]
    assert [c.value for c in acme[2:5]] == [1183, 1000, 183]
    assert acme[2].number_format == "#,##0.00;[Red]-#,##0.00"
    assert acme[5].value == pytest.approx(0.183, abs=1e-12)  # (1183 − 1000) / 1000
    assert acme[5].number_format == "0.0%"
    assert acme[7].value == "Moderate"
    assert acme[10].value == pytest.approx(0.033, abs=1e-12)  # 18.3 % − 15 %
    gamma = by_name["Gamma"]
    assert gamma[5].value is None  # undefined ROI is an empty cell ...
    assert gamma[6].value == "no cost recorded, so ROI is undefined"  # ... with the reason beside it
    assert {by_name[n][8].value for n in by_name} <= {"Top", "Second", "Third", "Bottom", None}
    # Every entry is in January 2024: one month of activity, a single net flow of +183, no outlay:
    # Acme has a cost, but its revenue covers it in the only month, so no money is invested (#32.11).
    assert acme[12].value is None and acme[15].value is None  # no annualised ROI, no IRR ...
    assert acme[13].value.date() == dt.date(2024, 1, 1)  # ... but paid back from January on
    assert acme[17].value == (
        "annualised ROI: n/a (less than a year of activity); "
        "IRR: n/a (net value is zero or positive in every month: no month puts money in, so there is "
        "no rate of return)"
    )


def test_no_formula_anywhere_and_formula_like_text_is_quoted(book):
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"formula in {sheet.title}!{cell.coordinate}"
    names = {row[0].value: row[0] for row in book["Alliances"].iter_rows(min_row=2)}
    assert names['=HYPERLINK("http://x")'].quotePrefix is True
    assert names["@SUM(A1)"].quotePrefix is True
    assert names["Acme"].quotePrefix is False


def test_data_issues_sheet_lists_the_unused_row(book):
    rows = rows_of(book["Data issues"])
    assert rows[0] == ["Sheet", "Row", "Column", "Value", "Reason"]
    # a CSV's one sheet is named after the file
    assert rows[1:] == [["acme ledger", 11, "Amount", "oops", "'oops' is not a number"]]


def test_summary_and_about(book):
    summary = {r[0]: r[1] for r in rows_of(book["Summary"]) if r[0]}
    # revenue 1183 + 500 + 300 + 10 + 1 = 1994; cost 1000 + 1000 + 10 + 1 = 2011
    assert summary["Revenue"] == 1994
    assert summary["Cost"] == 2011
    # ratios are written at the precision they are compared at: 10 decimals
    assert summary["Portfolio ROI (cost-weighted)"] == round((1994 - 2011) / 2011, 10)
    assert summary["Ledger rows left out (see Data issues)"] == 1
    assert summary["Exported"] == EXPORTED_AT
    about = {r[0]: r[1] for r in rows_of(book["About"]) if r[0]}
    assert about["Source file"] == "acme ledger.csv"
    assert about["Time of export"] == "2026-11-23 09:30:00"
    assert "QUARTILE.INC" in about["Quartile"]


def test_csv_neutralises_formula_text():
    ledger = read_ledger(ledger_csv(), "x.csv")
    text = alliance_csv(build_report(ledger)).decode("utf-8-sig")
    assert '\r\n"\'=HYPERLINK(""http://x"")",' in text
    assert "'@SUM(A1)" in text
    assert "\r\nAcme," in text


def test_html_report_is_self_contained_and_escapes_names():
    from core.output.html_report import html_report

    ledger = read_ledger(ledger_csv(), "acme ledger.csv")
    page = html_report(build_report(ledger), exported_at=EXPORTED_AT).decode("utf-8")
    assert page.startswith("<!doctype html>")
    assert "exported 2026-11-23 09:30" in page
    assert page.count("<script") >= 2 and "plotly" in page.lower()
    assert 'src="http' not in page  # nothing fetched from the network
    assert "Portfolio ROI (cost-weighted)<b>-0.8 %</b>" in page  # (1,994 − 2,011) / 2,011
    assert '<td>=HYPERLINK("http://x")</td>' in page


def test_html_report_shows_hostile_names_as_text():
    from core.output.html_report import html_report

    hostile = b"Date,Alliance,Kind,Amount\n2024-01-01,<script>alert(1)</script>,Revenue,2\n2024-01-01,<script>alert(1)</script>,Cost,1\n"
    page = html_report(build_report(read_ledger(hostile, "h.csv"))).decode("utf-8")
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>" in page
    assert "<script>alert(1)" not in page  # in tables escaped, in chart data JSON-escaped (\\u003c)


def test_about_sheet_records_the_link_and_every_setting_in_words():
    from core.analysis.roi import BandThresholds
    from core.settings import FIELDS, Settings

    ledger = read_ledger(ledger_csv(), "acme ledger.csv")
    report = build_report(ledger, Settings(thresholds=BandThresholds(strong=0.25, moderate=0.12)))
    link = "https://roi.example/?src=acme+ledger.csv&strong=25&moderate=12"
    rows = rows_of(
        load_workbook(io.BytesIO(summary_workbook(report, exported_at=EXPORTED_AT, link=link)))["About"]
    )
    labels = [r[0] for r in rows]
    top = {r[0]: r[1] for r in rows[: labels.index("Settings in full")] if r[0]}
    assert top["Link that reopens this view"] == link
    assert top["Strong band above"] == "25.0%"  # the rows from before the full list stay
    assert top["Hurdle rate"] == "10.0%"
    assert top["Time of export"] == "2026-11-23 09:30:00"
    first = labels.index("Settings in full") + 1
    full = rows[first : labels.index(None, first)]
    assert len(full) == len(FIELDS)  # one row per setting, defaults included
    settings = {r[0]: r[1] for r in full}
    assert settings["Band threshold 'Strong above'"] == "25 %"
    assert settings["Band threshold 'Moderate from'"] == "12 %"
    assert settings["Hurdle rate"] == "10 % (the default)"


def test_about_sheet_says_when_no_link_was_given(book):
    rows = {r[0]: r[1] for r in rows_of(book["About"]) if r[0]}
    assert rows["Link that reopens this view"].startswith("not recorded")


def test_a_view_with_no_entries_in_it_still_exports_everything():
    """Filters that leave nothing in view (dates after the data, a type no alliance has) give empty
    figures, never a crash, in every export."""
    from core.output.csv import alliance_csv
    from core.output.deck import deck
    from core.output.export import summary_workbook
    from core.output.html_report import html_report
    from core.reading.ledger import read_ledger
    from core.report import build_report
    from core.settings import parse_values
    from tests.helpers import ledger_bytes

    data = ledger_bytes(
        [["2024-01-10", "Acme", "Revenue", 120], ["2024-01-10", "Acme", "Cost", 100]],
        Alliances=[["Alliance", "Type"], ["Acme", "Reseller"], ["Beta", "Reseller"]],
    )
    ledger = read_ledger(data, "x.xlsx")
    for values in ({"from": ["2030-01-01"], "to": ["2030-02-01"]}, {"type": ["No such type"]}):
        report = build_report(ledger, parse_values(values).settings)
        assert report.entries.empty
        assert summary_workbook(report)[:2] == b"PK"
        assert alliance_csv(report).startswith(b"\xef\xbb\xbf")
        html = html_report(report)
        assert "<html" in (html.decode() if isinstance(html, bytes) else html).lower()
        assert deck(report)[:2] == b"PK"
