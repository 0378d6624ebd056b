"""The summary workbook printed by LibreOffice: every number whole (no ###), text large enough to
read (a wide sheet prints across pages, its alliance column on each), band and goal-status colours
on paper.

Pictures of the pages go to tests/artifacts/workbook/ to be looked at. Figures of the big ledger
are worked out by hand in tests/output/big_ledger.py.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

from core.output.export import DECISION_SHEETS, SHEETS, summary_workbook
from tests.helpers import ROOT
from tests.output.big_ledger import BIG_LOSS, BIG_MONEY, big_report
from tests.output.printing import pdf_pages_text, pictures, to_pdf
from tests.output.test_sample_workbook import sample_cells

ARTIFACTS = ROOT / "tests" / "artifacts" / "workbook"
EXPORTED_AT = dt.datetime(2024, 7, 1, 9, 0)
# The fills as LibreOffice paints them (Excel's Good, Neutral and Bad).
GREEN, YELLOW, RED = (0xC6, 0xEF, 0xCE), (0xFF, 0xEB, 0x9C), (0xFF, 0xC7, 0xCE)


class Printed:
    """A workbook's PDF: the text of each page, grouped by the sheet named in the page's footer."""

    def __init__(self, pdf: Path, pngs: list[Path]) -> None:
        self.pdf = pdf
        self.pages = pdf_pages_text(pdf)
        self.pngs = pngs
        self.sheets: dict[str, list[int]] = {}
        for number, page in enumerate(self.pages):
            footer = [line for line in page.splitlines() if line.strip()][-1]
            self.sheets.setdefault(footer.strip().split("  ")[0], []).append(number)

    def text(self, sheet: str | None = None) -> str:
        numbers = range(len(self.pages)) if sheet is None else self.sheets[sheet]
        return "\n".join(self.pages[n] for n in numbers)

    def word_heights(self, sheet: str) -> list[float]:
        """The height in points of every word printed on the sheet's pages, smallest first."""
        boxes = subprocess.run(["pdftotext", "-bbox", str(self.pdf), "-"], capture_output=True, text=True)
        pages = boxes.stdout.split("<page ")[1:]
        heights = [
            float(bottom) - float(top)
            for number in self.sheets[sheet]
            for top, bottom in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', pages[number])
        ]
        return sorted(heights)

    def colours(self, sheet: str) -> Counter:
        """How many pixels of each colour the sheet's pages have."""
        counts: Counter = Counter()
        for number in self.sheets[sheet]:
            image = Image.open(self.pngs[number]).convert("RGB")
            counts.update({colour: n for n, colour in image.getcolors(maxcolors=image.width * image.height)})
        return counts


def printed(data: bytes, name: str, workdir: Path) -> Printed:
    book = workdir / f"{name}.xlsx"
    book.write_bytes(data)
    pdf = to_pdf(book, workdir)
    return Printed(pdf, pictures(pdf, ARTIFACTS / name))


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    data = summary_workbook(big_report(), exported_at=EXPORTED_AT)
    return printed(data, "big", tmp_path_factory.mktemp("big"))


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    from core.reading.ledger import read_ledger
    from core.report import build_report
    from core.settings import Settings
    from tests.output.test_sample_workbook import AS_OF, SAMPLE

    report = build_report(read_ledger(SAMPLE.read_bytes(), SAMPLE.name), Settings(as_of=AS_OF))
    return printed(summary_workbook(report, exported_at=EXPORTED_AT), "sample", tmp_path_factory.mktemp("s"))


def test_every_sheet_is_printed_in_order(big):
    assert list(big.sheets) == [*SHEETS, *DECISION_SHEETS]


def test_eight_digit_money_is_printed_whole(big):
    assert "###" not in big.text()  # a column too narrow for its number prints ###
    alliances = big.text("Alliances")
    assert BIG_MONEY in alliances  # Acme's revenue
    assert BIG_LOSS in alliances  # Beta's net value
    assert "20,001,399.99" in big.text("Summary")  # revenue 12,345,678.90 + 7,654,321.09 + 300 + 1,100


def test_alliances_print_in_roi_order_across_pages_each_with_the_alliance(big):
    """#32.13: fitted to one page wide, the Alliances sheet's 18 columns printed at about 40 %."""
    pages = big.sheets["Alliances"]
    assert len(pages) >= 2
    for page in pages:
        rows = [line.split()[0] for line in big.pages[page].splitlines() if line.split()[:1]]
        names = [name for name in rows if name in {"Acme", "Beta", "Gamma", "Delta"}]
        assert names == ["Acme", "Delta", "Beta", "Gamma"]  # the first column, repeated on each page
    text = big.text("Alliances")
    assert "Quartile" in text and "NPV" in text and "Time value notes" in text  # every column printed


def test_every_sheet_prints_text_large_enough_to_read(sample):
    """Calibri 11 prints about 14.3 pt tall at 100 % (a word's box); 60 % of that is the least."""
    for sheet in sample.sheets:
        heights = sample.word_heights(sheet)
        assert heights[len(heights) // 2] >= 0.6 * 14.3, sheet


def test_each_short_sheet_fits_one_page(big):
    for sheet in ("Quarterly", "Data issues"):
        assert len(big.sheets[sheet]) == 1, sheet


def test_band_colours_are_printed(big):
    """Acme Strong, Delta Moderate, Beta Weak: each band's fill is on the page."""
    colours = big.colours("Alliances")
    assert colours[GREEN] > 50 and colours[YELLOW] > 50 and colours[RED] > 50


def test_goal_status_colours_are_printed(big):
    """Acme's goal Achieved (green), Beta's Off track (red); nothing At risk, so no yellow."""
    colours = big.colours("Scorecard")
    assert colours[GREEN] > 50 and colours[RED] > 50
    assert colours[YELLOW] == 0


def test_the_sample_prints_whole(sample):
    assert list(sample.sheets) == [*SHEETS, *DECISION_SHEETS]
    assert "###" not in sample.text()
    cells = sample_cells()
    # Every alliance's revenue, as the money format writes it, is on the Alliances page.
    revenues = [float(value) for row in cells["Alliances"][1:] for cell, value, _ in row if cell[0] == "C"]
    assert len(revenues) == 10
    for revenue in revenues:
        assert f"{revenue:,.2f}" in sample.text("Alliances")
    for sheet, first, last in [("Quarterly", "Alliance", "Complete"), ("Before-After", "Alliance", "Note")]:
        assert first in sample.pages[sample.sheets[sheet][0]] and last in sample.text(sheet)
