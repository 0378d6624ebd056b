"""Every output of a few test ledgers, normalised, against a copy written before a refactor.

`snapshot(name)` builds the report of one ledger and returns each output part as text: every cell of
the summary workbook (coordinate, value, number format), the CSV, the HTML report, and every XML part
of the deck with the cells of the workbooks embedded in its charts. What changes from run to run
(export times, the deck's creation stamp, Plotly's random element ids, the bundled chart library) is
taken out, so that two runs of the same code give the same text.

The copies in `golden/` were written by the code before the restructuring of issue 29; a refactor
must leave them as they are. When a definition changes on purpose, regenerate them with
`python -m tests.output.golden` and review the diff like any other change.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import re
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[2]
FOLDER = Path(__file__).with_name("golden")
SAMPLE = ROOT / "sample_data" / "alliance_ledger_sample.xlsx"
EXPORTED_AT = dt.datetime(2026, 11, 15, 9, 30)
LINK = "https://example.org/?strong=20"

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
STAMP = re.compile(r"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def _sample():  # noqa: ANN202 - the report type is imported lazily, like the code under test
    from core.reading.ledger import read_ledger
    from core.report import build_report
    from core.settings import Settings

    return build_report(read_ledger(SAMPLE.read_bytes(), SAMPLE.name), Settings(as_of=dt.date(2026, 11, 15)))


def _small():  # noqa: ANN202
    from tests.output.small_ledger import small_report

    return small_report()


def _case_study():  # noqa: ANN202
    from core.reading.ledger import read_ledger
    from core.report import build_report
    from core.settings import Settings
    from tests.case_study import ALLIANCES_SHEET, case_rows
    from tests.helpers import ledger_bytes

    data = ledger_bytes(case_rows(), Alliances=ALLIANCES_SHEET)
    return build_report(read_ledger(data, "case.xlsx"), Settings(as_of=dt.date(2025, 7, 1)))


LEDGERS: dict[str, Callable] = {"sample": _sample, "small": _small, "case_study": _case_study}


def workbook_cells(data: bytes) -> str:
    """Every non-empty cell of a workbook: sheet, coordinate, value (repr) and number format."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    lines = []
    for sheet in book.worksheets:
        lines.append(f"== {sheet.title}")
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    lines.append(f"{cell.coordinate}\t{cell.value!r}\t{cell.number_format}")
    return "\n".join(lines)


def deck_parts(data: bytes) -> dict[str, str]:
    """Each XML part of a .pptx as text, and each embedded chart workbook as its cells."""
    parts: dict[str, str] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in sorted(package.namelist()):
            body = package.read(name)
            if name.endswith(".xlsx"):
                parts[name] = workbook_cells(body)
            elif name.endswith((".xml", ".rels")):
                parts[name] = STAMP.sub("", body.decode("utf-8"))
    return parts


def html_text(data: bytes) -> str:
    """The HTML report without the bundled chart library, with Plotly's random ids numbered and each
    chart's JSON with its keys sorted and without its theme template: the default template depends
    on what the process imported before (Streamlit registers its own), not on the report's code."""
    from core.output.html_report import plotly_js

    text = data.decode("utf-8").replace(plotly_js(), "PLOTLY_JS")
    seen: dict[str, str] = {}
    text = UUID.sub(lambda m: seen.setdefault(m.group(0), f"id-{len(seen)}"), text)
    return "Plotly.newPlot(".join(
        [text.split("Plotly.newPlot(")[0], *map(_sorted_call, text.split("Plotly.newPlot(")[1:])]
    )


def _sorted_call(call: str) -> str:
    """The arguments of one Plotly.newPlot call (id, data, layout, config) as sorted JSON."""
    decoder = json.JSONDecoder()
    values, at = [], 0
    for position in range(4):
        at = len(call) - len(call[at:].lstrip(" ,\n"))
        value, at = decoder.raw_decode(call, at)
        if position == 2:  # the layout
            value.pop("template", None)
        values.append(json.dumps(value, sort_keys=True))
    return ", ".join(values) + call[at:]


def snapshot(name: str) -> dict[str, str]:
    """The normalised outputs of one ledger of `LEDGERS`, part name → text."""
    from core.output.csv import alliance_csv
    from core.output.deck import deck
    from core.output.export import summary_workbook
    from core.output.html_report import html_report

    report = LEDGERS[name]()
    parts = {
        "summary.xlsx": workbook_cells(summary_workbook(report, exported_at=EXPORTED_AT, link=LINK)),
        "alliances.csv": alliance_csv(report).decode("utf-8"),
        "report.html": html_text(html_report(report, exported_at=EXPORTED_AT)),
    }
    parts.update({f"deck/{part}": text for part, text in deck_parts(deck(report, link=LINK)).items()})
    return parts


def stored(name: str) -> dict[str, str]:
    """The copy of `snapshot(name)` kept in `golden/`."""
    return json.loads(gzip.decompress((FOLDER / f"{name}.json.gz").read_bytes()))


def write(name: str) -> None:
    """Keep `snapshot(name)` in `golden/` (mtime 0, so the same outputs give the same file)."""
    FOLDER.mkdir(exist_ok=True)
    text = json.dumps(snapshot(name), indent=0, sort_keys=True).encode("utf-8")
    (FOLDER / f"{name}.json.gz").write_bytes(gzip.compress(text, mtime=0))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    for ledger in sys.argv[1:] or LEDGERS:
        write(ledger)
        print(f"wrote {FOLDER / ledger}.json.gz")
