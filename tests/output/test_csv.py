"""The alliance CSV: money to the cent, no 16-digit fractions, nothing a spreadsheet would run."""

from __future__ import annotations

import csv
import io

from core.model import Benchmark
from core.output.csv import alliance_csv
from core.reading.ledger import read_ledger
from core.report import build_report
from core.settings import Settings
from tests.helpers import ledger_bytes


def rows_of(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_money_to_the_cent_and_headers_neutralised():
    # A: revenue 1,000 / 3 three times = 333.33 + 333.33 + 333.34 = 1,000.00; cost 300.
    rows = [
        ["2024-01-01", "A", "Revenue", 333.33],
        ["2024-01-02", "A", "Revenue", 333.33],
        ["2024-01-03", "A", "Revenue", 333.34],
        ["2024-01-04", "A", "Cost", 300],
    ]
    ledger = read_ledger(ledger_bytes(rows), "a.xlsx")
    settings = Settings(benchmarks=(Benchmark("=1", 0.15, "typed"), Benchmark("@SUM(1)", 0.25, "")))
    table = rows_of(alliance_csv(build_report(ledger, settings)))
    header, a = table[0], table[1]
    assert "'=1" in header and "'@SUM(1)" in header and "=1" not in header
    cell = dict(zip(header, a, strict=True))
    assert (cell["Revenue"], cell["Cost"], cell["Net value"]) == ("1000.0", "300.0", "700.0")
    assert cell["ROI"] == str(round(700 / 300, 10))  # 2.3333333333, not 2.3333333333333335
    assert cell["'=1"] == str(round(700 / 300 - 0.15, 10))
