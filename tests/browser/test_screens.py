"""Every page in a real Chromium at 1400 × 900 and at 390 × 844 (a phone), light and dark.

Screenshots of each page, whole, land in tests/artifacts/screens/ as `<size>-<theme>-<page>.png`
(the sample ledger) and `<size>-<theme>-outliers-<page>.png` (a ledger with one alliance at
2,757 %). On every screen: no exception, no element wider than the viewport, the theme the browser
asked for (Streamlit follows the system's), no title inside a chart (where Plotly's toolbar would
cover it) and no two labels of a chart on top of each other. On a phone: two metric tiles a row,
ROI and Band beside the alliance's name without scrolling the table, the upload on the page.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS, require_chromium, settle
from tests.output.test_charts_outliers import outlier_workbook

require_chromium()
pytestmark = pytest.mark.browser

SCREENS = ARTIFACTS / "screens"
SIZES = {"desktop": (1400, 900), "phone": (390, 844)}
THEMES = ("light", "dark")
PAGES = [
    ("Overview", "Alliance ROI"),
    ("Before / after", "Before / after"),
    ("Quartiles and benchmarks", "Quartiles and benchmarks"),
    ("Quarterly trends", "Quarterly trends"),
    ("Scorecard", "Scorecard"),
    ("Decisions", "Decisions"),
    ("Review history", "Review history"),
    ("Saved reviews", "Saved reviews"),
]
CHART_PAGES = PAGES[:4]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Visible elements of the page reaching past the viewport's right or left edge, leaving out those
# inside an element that scrolls or clips them itself (a table's own scroller, a chart's canvas).
OVERFLOWING = """() => {
  const width = window.innerWidth;
  const main = document.querySelector('[data-testid="stMain"]');
  const clips = (e) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(e).overflowX);
  const found = [];
  for (const element of main.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || (box.right <= width + 1 && box.left >= -1)) continue;
    // Hidden until hovered (Streamlit's element toolbars): not on the screen.
    if (!element.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    let parent = element.parentElement, clipped = false;
    while (parent && parent !== main) {
      if (clips(parent)) { clipped = true; break; }
      parent = parent.parentElement;
    }
    if (!clipped) found.push(`${element.tagName}.${element.className} ${Math.round(box.left)}–${Math.round(box.right)}`);
  }
  return {page: document.documentElement.scrollWidth, main: main.scrollWidth, width, found: found.slice(0, 5)};
}"""

# Per chart: its in-figure title, and each pair of labels (annotations) whose boxes overlap.
CHART_LABELS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map((plot) => {
  const boxes = Array.from(plot.querySelectorAll('.annotation-text-g')).map((g) => {
    const box = g.getBoundingClientRect();
    return {text: g.textContent, left: box.left, right: box.right, top: box.top, bottom: box.bottom};
  }).filter((b) => b.right > b.left);
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (x > 1 && y > 1) overlaps.push(`${a.text} / ${b.text}`);
  }
  const title = plot.querySelector('.gtitle');
  return {title: title ? title.textContent : '', overlaps, labels: boxes.map((b) => b.text)};
})"""


def luminance(css: str) -> float:
    """Relative brightness (0 black – 1 white) of a CSS 'rgb(r, g, b)' colour."""
    red, green, blue = (int(v) / 255 for v in re.findall(r"\d+", css)[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def open_screen(browser, size: str, theme: str) -> Page:
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=theme)
    return context.new_page()


def visit(page: Page, title: str, heading: str) -> None:
    """Go to a page by the navigation, as a user does: on a phone, open the sidebar first and close it
    after (it would cover the page)."""
    sidebar = page.locator("[data-testid='stSidebar']")
    if sidebar.get_attribute("data-collapsed") == "true":
        page.locator("[data-testid='stExpandSidebarButton']").click()
        expect(sidebar).to_have_attribute("data-collapsed", "false")
    page.locator("[data-testid='stSidebarNav']").get_by_text(title, exact=True).click()
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible(timeout=30_000)
    settle(page)
    if page.viewport_size["width"] < 640 and sidebar.get_attribute("data-collapsed") == "false":
        sidebar.hover()
        page.locator("[data-testid='stSidebarCollapseButton'] button").click()
        expect(sidebar).to_have_attribute("data-collapsed", "true")
    drawn(page)


def drawn(page: Page) -> None:
    """Charts draw after the run: wait for every one, then for their fonts to settle."""
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('[data-testid=stPlotlyChart]'))"
        ".every((c) => c.querySelector('.main-svg'))",
        timeout=30_000,
    )
    page.wait_for_timeout(700)


def capture(page: Page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its main area, so the window is made as tall as it."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
    page.wait_for_timeout(600)
    page.screenshot(path=str(SCREENS / f"{name}.png"))
    page.set_viewport_size(size)
    page.wait_for_timeout(300)


def check_screen(page: Page, theme: str, where: str) -> None:
    """What every screen must hold, whatever the page."""
    fit = page.evaluate(OVERFLOWING)
    assert fit["page"] <= fit["width"] and fit["main"] <= fit["width"], (where, fit)
    assert not fit["found"], (where, fit["found"])
    background = page.evaluate("() => getComputedStyle(document.querySelector('.stApp')).backgroundColor")
    assert (luminance(background) < 0.2) if theme == "dark" else (luminance(background) > 0.9), background
    for chart in page.evaluate(CHART_LABELS):
        assert chart["title"] == "", (where, chart["title"])  # titles are text above the chart
        assert not chart["overlaps"], (where, chart["overlaps"])
    ticks = page.locator(".js-plotly-plot .xtick text")
    if ticks.count():
        fill = ticks.first.evaluate("t => getComputedStyle(t).fill")
        # the chart's text follows the theme: it stands out from the page's background either way
        assert abs(luminance(fill) - luminance(background)) > 0.35, (where, fill, background)


def check_phone_overview(page: Page) -> None:
    """Two tiles a row; ROI and Band shown beside the name with the table not scrolled; the upload."""
    tiles = page.locator("[data-testid='stMetric']")
    first, second, third = (tiles.nth(i).bounding_box() for i in range(3))
    assert abs(first["y"] - second["y"]) < 2 and second["x"] > first["x"] + first["width"]
    assert third["y"] >= first["y"] + first["height"]
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    # The grid renders the header cells of the columns in view (and of one partly in view).
    headers = grid.locator("th").all_inner_texts()
    assert headers[:3] == ["Alliance", "ROI", "Band"] and len(headers) > 3, headers
    scrolled = grid.evaluate("g => g.querySelector('.dvn-scroller').scrollLeft")
    assert scrolled == 0
    upload = page.locator("[data-testid='stMain']").get_by_role("button", name="Upload your workbook")
    expect(upload).to_be_visible()


def check_toolbar_clear_of_labels(page: Page) -> None:
    """Plotly's toolbar, shown on hover, covers no label of the first chart."""
    chart = page.locator("[data-testid='stPlotlyChart']").first
    chart.scroll_into_view_if_needed()
    chart.hover()
    toolbar = chart.locator(".modebar")
    expect(toolbar).to_be_visible()
    bar = toolbar.bounding_box()
    for label in chart.locator(".annotation-text-g").all():
        box = label.bounding_box()
        apart = box["x"] >= bar["x"] + bar["width"] or box["x"] + box["width"] <= bar["x"]
        assert apart or box["y"] >= bar["y"] + bar["height"] or box["y"] + box["height"] <= bar["y"]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_every_page_on_the_sample(server, browser, size, theme):
    page = open_screen(browser, size, theme)
    page.goto(server)
    expect(page.get_by_role("heading", name="Alliance ROI", level=1)).to_be_visible(timeout=60_000)
    settle(page)
    for title, heading in PAGES:
        if title == "Overview":
            drawn(page)
        else:
            visit(page, title, heading)
        where = f"{size}-{theme}-{title}"
        check_screen(page, theme, where)
        if title == "Overview":
            headline = page.locator("[data-testid='stMetric']").filter(has_text="Portfolio ROI")
            expect(headline).to_contain_text("band")  # the portfolio's band beside its ROI
            expect(page.get_by_text("Against the benchmarks:", exact=False)).to_be_visible()
            expect(page.get_by_text("amounts in USD", exact=False)).to_be_visible()
            if size == "phone":
                check_phone_overview(page)
            check_toolbar_clear_of_labels(page)
        if title == "Before / after":
            quote = page.locator("[data-testid='stMain'] blockquote")
            expect(quote).to_contain_text("alliance ROI rose from")
            expect(page.get_by_role("button", name="Copy paragraph")).to_be_visible()
        if title == "Scorecard" and size == "phone":
            grid = page.locator("[data-testid='stDataFrame']").first
            grid.scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            # the status beside the name, whole (the progress after it is at least in part in view)
            headers = grid.locator("th").all_inner_texts()
            assert headers[:3] == ["Alliance", "Status", "Progress"], headers
        capture(page, f"{size}-{theme}-{title.lower().replace(' / ', '-').replace(' ', '-')}")
    page.context.close()


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_an_outlier_is_cut_at_the_edge_with_its_value(server, browser, size, theme):
    page = open_screen(browser, size, theme)
    page.goto(server)
    expect(page.get_by_role("heading", name="Alliance ROI", level=1)).to_be_visible(timeout=60_000)
    settle(page)
    # The overview's own upload: on a phone the sidebar is folded away.
    page.locator("[data-testid='stMain']").get_by_role("button", name="Upload your workbook").click()
    upload = page.locator("[data-testid='stMain'] [data-testid='stFileUploader'] input[type='file']")
    if not upload.count():  # the popover's content may sit outside the main area's element
        upload = page.locator(
            "[data-testid='stPopoverBody'] [data-testid='stFileUploader'] input[type='file']"
        )
    upload.set_input_files(files=[{"name": "outliers.xlsx", "buffer": outlier_workbook(), "mimeType": XLSX}])
    # the source line names the file once the page shows its figures
    expect(page.get_by_text("outliers.xlsx · sheet 'Ledger'", exact=False)).to_be_visible(timeout=60_000)
    settle(page)
    for title, heading in CHART_PAGES:
        visit(page, title, heading)
        where = f"{size}-{theme}-outliers-{title}"
        check_screen(page, theme, where)
        labels = [label for chart in page.evaluate(CHART_LABELS) for label in chart["labels"]]
        if title == "Overview":
            assert "2,757 % →" in labels and "142 % →" in labels, labels
            expect(
                page.get_by_text("Spark Referrals: ROI 2,757 % on a cost of $12.00k", exact=False)
            ).to_be_visible()
        if title == "Before / after":
            assert "before 2,757 % →" in labels, labels
            expect(page.get_by_text("-2,746 points", exact=False)).to_be_visible()
        if title == "Quarterly trends":
            lines = page.locator("[data-testid='stMain'] [data-testid='stMultiSelect'] input").first
            lines.click()
            lines.fill("Spark")
            page.keyboard.press("Enter")
            page.keyboard.press("Escape")
            expect(
                page.locator("[data-testid='stMain']").get_by_text("Spark Referrals").first
            ).to_be_visible()
            settle(page)
            page.wait_for_timeout(700)
            labels = [label for chart in page.evaluate(CHART_LABELS) for label in chart["labels"]]
            assert "↑ Spark Referrals: 2,757 % in 8 quarters" in labels, labels
            check_screen(page, theme, where)
        capture(page, f"{size}-{theme}-outliers-{title.lower().replace(' / ', '-').replace(' ', '-')}")
    page.context.close()


def test_the_case_study_paragraph_copies_as_text(server, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    page.goto(f"{server}/before_after")
    expect(page.get_by_role("heading", name="Before / after", level=1)).to_be_visible(timeout=60_000)
    settle(page)
    quote = page.locator("[data-testid='stMain'] blockquote")
    expect(quote).to_contain_text("alliance ROI rose from")
    page.get_by_role("button", name="Copy paragraph").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("() => navigator.clipboard.readText()") == quote.inner_text().strip()
    context.close()
