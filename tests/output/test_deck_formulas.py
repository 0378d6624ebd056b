"""No alliance name becomes a formula or a link in the workbooks embedded in the deck's charts
(issue 31.1): python-pptx writes them with xlsxwriter, which reads '=…' as a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io

from openpyxl import load_workbook
from pptx import Presentation

from core.output.deck import deck
from core.reading.ledger import read_ledger
from core.report import build_report
from core.settings import Settings

HOSTILE = [
    "=1+1",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://example.com","click")',
    "+SUM(1,2)",
    "@A1",
    "http://example.com/x",
]


def hostile_deck() -> bytes:
    """Each name earns 1,200 and costs 1,000 a quarter, over two quarters (so every chart has data).
    The ledger is a CSV, where '=1+1' is the text it is (a workbook would hold it as a formula)."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["Date", "Alliance", "Kind", "Amount"])
    for name in HOSTILE:
        for month in ("2024-01-15", "2024-04-15"):
            writer.writerows([[month, name, "Revenue", 1200], [month, name, "Cost", 1000]])
    ledger = read_ledger(text.getvalue().encode(), "hostile.csv")
    assert set(ledger.entries["alliance"]) == set(HOSTILE)
    return deck(
        build_report(ledger, Settings(as_of=dt.date(2024, 6, 30), initiative_date=dt.date(2024, 4, 1)))
    )


def embedded_workbooks(data: bytes) -> list[bytes]:
    package = Presentation(io.BytesIO(data)).part.package
    return [part.blob for part in package.iter_parts() if str(part.partname).endswith(".xlsx")]


def test_no_embedded_chart_workbook_holds_a_formula_or_a_link():
    workbooks = embedded_workbooks(hostile_deck())
    assert workbooks, "the deck has no native chart"
    seen: set[str] = set()
    for blob in workbooks:
        for sheet in load_workbook(io.BytesIO(blob)).worksheets:
            assert not sheet._hyperlinks
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"{cell.coordinate}: {cell.value!r} is a formula"
                    if isinstance(cell.value, str):
                        seen.add(cell.value)
    # The names are there, as the text they are (a long one cut with '…' to fit a chart's labels).
    for name in HOSTILE:
        assert any(
            value == name or (value.endswith("…") and name.startswith(value[:-1])) for value in seen
        ), name
