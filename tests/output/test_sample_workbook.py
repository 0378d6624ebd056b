"""The sample ledger's summary workbook, cell by cell, against a copy kept from before the refactor.

The reference was written by the code as it stood before core/ was split into reading, analysis and
output (commit f9908f8), so this test proves the move changed no value, no number format and no
position. When a definition changes on purpose (a finance fix, a new column), regenerate it with
`python tests/output/test_sample_workbook.py` and review the diff of the JSON like any other change.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = Path(__file__).with_name("sample_summary_cells.json")
SAMPLE = ROOT / "sample_data" / "alliance_ledger_sample.xlsx"
AS_OF = dt.date(2026, 11, 15)
EXPORTED_AT = dt.datetime(2026, 11, 15, 9, 30)


def sample_cells() -> dict[str, list[list[list[str]]]]:
    """Every non-empty cell of the sample's summary workbook: coordinate, value (repr) and format."""
    from core.output.export import summary_workbook
    from core.reading.ledger import read_ledger
    from core.report import build_report
    from core.settings import Settings

    ledger = read_ledger(SAMPLE.read_bytes(), SAMPLE.name)
    report = build_report(ledger, Settings(as_of=AS_OF))
    book = openpyxl.load_workbook(io.BytesIO(summary_workbook(report, exported_at=EXPORTED_AT)))
    return {
        sheet.title: [
            [
                [cell.coordinate, repr(cell.value), cell.number_format]
                for cell in row
                if cell.value is not None
            ]
            for row in sheet.iter_rows()
        ]
        for sheet in book.worksheets
    }


def test_sample_summary_is_unchanged_cell_by_cell():
    expected = json.loads(REFERENCE.read_text())
    actual = sample_cells()
    assert list(actual) == list(expected)
    for sheet, rows in expected.items():
        got = [cell for row in actual[sheet] for cell in row]
        want = [cell for row in rows for cell in row]
        assert got == want, f"sheet {sheet} differs"


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    REFERENCE.write_text(json.dumps(sample_cells(), indent=0))
