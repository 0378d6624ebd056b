"""The sample's HTML report in Chromium: numbers on one line, axis labels inside their charts, each
trend line its own colour, and printed on A4 and Letter with each part on a new page, tables and
charts inside the page, page 1 holding the headline figures and the first chart, and each chart with
its legend on one page.

PDFs and pictures of the pages go to tests/artifacts/html/ to be looked at.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from core.output.html_report import html_report
from tests.browser.conftest import CHROMIUM, FLAGS, require_chromium
from tests.helpers import ROOT
from tests.output.printing import pdf_pages_text
from tests.output.test_html_report import sample_report

require_chromium()
pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "tests" / "artifacts" / "html"
SECTIONS = [
    "Alliances",
    "Quartiles and benchmarks",
    "Before / after",
    "Quarterly trends",
    "Scorecard",
    "Decisions",
    "Health and risks",
    "Action plan",
]
# The width a page leaves for the report in landscape with 12 mm margins, in CSS pixels (96 a inch).
PRINTABLE = {"A4": round((297 - 24) / 25.4 * 96), "Letter": round((279.4 - 24) / 25.4 * 96)}
CHARTS_DRAWN = """() => {
  const plots = document.querySelectorAll('.plotly-graph-div');
  return plots.length > 0 && [...plots].every(p => p.querySelector('.main-svg'));
}"""
NUMBER_LINES = """() => [...document.querySelectorAll('td')]
  .filter(td => getComputedStyle(td).whiteSpace === 'nowrap' && td.textContent.trim())
  .map(td => { const r = document.createRange(); r.selectNodeContents(td);
               return [td.textContent, r.getClientRects().length]; })"""
AXIS_LABELS_OUTSIDE = """() => {
  const out = [];
  for (const plot of document.querySelectorAll('.plotly-graph-div')) {
    const box = plot.getBoundingClientRect();
    for (const t of plot.querySelectorAll('.xtick text, .ytick text, .g-xtitle text, .g-ytitle text')) {
      const r = t.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        out.push(t.textContent);
    }
  }
  return out;
}"""
TREND_COLOURS = """() => {
  const section = [...document.querySelectorAll('section')].find(s => s.querySelector('h2').textContent === 'Quarterly trends');
  return [...section.querySelectorAll('.scatterlayer .trace')]
    .map(t => t.querySelector('path.js-line'))
    .filter(Boolean)
    .map(p => p.style.stroke);
}"""
WIDER_THAN_THE_PAGE = """() => {
  const page = document.body.getBoundingClientRect().right + 1;
  return [...document.querySelectorAll('.chart, table')]
    .filter(e => e.getBoundingClientRect().right > page || e.scrollWidth > e.clientWidth + 1)
    .map(e => e.tagName + ' ' + (e.id || e.closest('section').querySelector('h2').textContent));
}"""
# Each chart's title, its legend's entries, and whether the legend lies inside the chart's box.
CHART_LEGENDS = """() => [...document.querySelectorAll('.plotly-graph-div')].map(plot => {
  const box = plot.getBoundingClientRect();
  const legend = plot.querySelector('.legend');
  const r = legend ? legend.getBoundingClientRect() : box;
  return {
    title: plot.querySelector('.gtitle').textContent,
    entries: [...plot.querySelectorAll('.legendtext')].map(t => t.textContent),
    inside: r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1,
  };
})"""


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "sample-report.html"
    path.write_bytes(html_report(sample_report(), exported_at=dt.datetime(2026, 11, 15, 9, 30)))
    return path


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


def opened(browser, report_file, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(report_file.as_uri())
    page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
    return page


@pytest.mark.parametrize("width", [1400, 900])
def test_numbers_stay_on_one_line_on_screen_and_paper(browser, report_file, width):
    page = opened(browser, report_file, width)
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        lines = page.evaluate(NUMBER_LINES)
        assert len(lines) > 100  # the sample's tables hold well over a hundred numbers
        assert [text for text, count in lines if count != 1] == [], media
    page.close()


@pytest.mark.parametrize("width", [1400, 900])
def test_axis_labels_and_titles_inside_their_charts(browser, report_file, width):
    page = opened(browser, report_file, width)
    assert page.evaluate(AXIS_LABELS_OUTSIDE) == []
    page.close()


def test_each_trend_line_its_own_colour(browser, report_file):
    page = opened(browser, report_file, 1400)
    strokes = page.evaluate(TREND_COLOURS)
    # Ten alliances and the portfolio, less Hooli Referrals: no cost, so no ROI to draw a line of.
    assert len(strokes) == 10
    assert len(set(strokes)) == 10
    page.close()


@dataclass(frozen=True)
class Printed:
    """The report printed on one paper: the PDF, and what the page said in print before printing."""

    pdf: Path
    too_wide: list[str]
    legends: list[dict]


@pytest.fixture(scope="module", params=["A4", "Letter"])
def printed(request, browser, report_file) -> Printed:
    paper = request.param
    page = opened(browser, report_file, 1400)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": PRINTABLE[paper], "height": 700})
    too_wide = page.evaluate(WIDER_THAN_THE_PAGE)
    legends = page.evaluate(CHART_LEGENDS)
    folder = ARTIFACTS / paper
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    pdf = folder / "report.pdf"
    page.pdf(path=str(pdf), format=paper, prefer_css_page_size=True, print_background=True)
    page.close()
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(folder / "page")], check=True)
    return Printed(pdf, too_wide, legends)


def test_prints_each_part_on_its_own_pages_inside_the_paper(printed):
    assert printed.too_wide == []
    pages = pdf_pages_text(printed.pdf)
    firsts = [next((line.strip() for line in text.splitlines() if line.strip()), "") for text in pages]
    # After the title page's Alliances, each part opens a page of its own.
    for heading in SECTIONS[1:]:
        assert heading in firsts, (heading, firsts)
    # Eight parts on the sample: 15 pages in Chromium's A4 print (the action plan's 27 rows take two).
    assert 8 <= len(pages) <= 20


def first_page_words(pdf: Path) -> tuple[float, list[tuple[float, str]]]:
    """Page 1's height and its words' bottoms (yMax, in points from the top), from poppler's boxes."""
    boxes = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', boxes).group(1))
    words = re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>', boxes)
    return height, [(float(bottom), html.unescape(word)) for bottom, word in words]


def test_the_first_page_holds_the_headline_figures_and_the_first_chart(printed):
    height, words = first_page_words(printed.pdf)
    # The tiles alone reached a third of the page (196 of 596 pt on A4): the first chart, kept
    # whole, did not fit below them and went to page 2 with its section's heading.
    assert max(bottom for bottom, _ in words) >= height / 2
    text = " ".join(word for _, word in words)
    assert "Net value" in text and "Alliances" in text
    assert printed.legends[0]["title"] == "ROI by alliance, coloured by band"
    assert "ROI by alliance, coloured by band" in text


def squeezed(text: str) -> str:
    return " ".join(text.split())


def test_each_chart_prints_whole_with_its_legend_on_one_page(printed):
    pages = [squeezed(text) for text in pdf_pages_text(printed.pdf)]
    # The five charts of the sample, each with a legend drawn inside its box.
    assert len(printed.legends) == 5
    for chart in printed.legends:
        assert chart["inside"], chart["title"]
        assert len(chart["entries"]) >= 2, chart["title"]
        on = [n for n, text in enumerate(pages) if chart["title"] in text]
        assert on, chart["title"]
        # After the title, on the title's page: the quartile chart (876 px, 753 once zoomed by 0.86)
        # was taller than A4's 703 px, and its axis title and legend opened the next page.
        below = pages[on[0]][pages[on[0]].index(chart["title"]) :]
        assert [e for e in chart["entries"] if squeezed(e) not in below] == [], (chart["title"], on[0] + 1)
