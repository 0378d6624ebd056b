"""What a new user met on a 1440 × 900 desktop in Chromium (#32.14), on the sample ledger: download
labels cut to 'Report for shar…', the sidebar's date range cut to '2026-06-2', and the Decisions
grid's Reasons cut at its width with no way to read them whole. Screenshots land in
tests/artifacts/cosmetics/ to look at."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, go, require_chromium, settle

require_chromium()
pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "cosmetics"
# Each download button's label: its text's full width against the width it is shown in.
LABEL_WIDTHS = """() => [...document.querySelectorAll('[data-testid="stDownloadButton"] button')].map(b => {
  const text = b.querySelector('[data-testid="stMarkdownContainer"]') || b;
  return [text.innerText, text.scrollWidth, text.clientWidth, b.scrollWidth, b.clientWidth];
})"""


@pytest.fixture(scope="module")
def desktop(browser, server):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(server)
    expect(page.get_by_role("heading", name="Alliance ROI", level=1)).to_be_visible(timeout=60_000)
    settle(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield page
    context.close()


def test_download_labels_are_whole(desktop):
    buttons = desktop.locator("[data-testid='stDownloadButton'] button")
    buttons.first.scroll_into_view_if_needed()
    desktop.wait_for_timeout(500)
    desktop.screenshot(path=str(SHOTS / "downloads.png"))
    widths = desktop.evaluate(LABEL_WIDTHS)
    labels = [w[0] for w in widths]
    assert "Report for sharing (.html)" in labels and "Blank ledger template (.xlsx)" in labels, labels
    cut = [w for w in widths if w[1] > w[2] + 1 or w[3] > w[4] + 1]
    assert not cut, f"labels wider than their buttons: {cut}"


def test_the_sidebar_says_the_date_range_whole(desktop):
    sidebar = desktop.locator("[data-testid='stSidebar']")
    sidebar.get_by_text("Filters", exact=True).click()
    dates = sidebar.locator("[data-testid='stDateInput']").first
    dates.scroll_into_view_if_needed()
    desktop.wait_for_timeout(500)
    dates.screenshot(path=str(SHOTS / "sidebar-dates.png"))
    # The sample runs from 6 Nov 2024 to 28 Oct 2026; the box cuts the second date, the line under it
    # says both.
    said = sidebar.locator("[data-testid='stCaptionContainer']").filter(has_text="From ")
    expect(said).to_have_text(re.compile(r"From 2024-11-06 to 2026-10-28"))
    box = said.bounding_box()
    bar = sidebar.bounding_box()
    assert box is not None and bar is not None and box["x"] + box["width"] <= bar["x"] + bar["width"]


def test_the_decisions_reasons_can_be_read_whole(desktop):
    go(desktop, "Decisions", "Decisions")
    desktop.get_by_text("Reasons in full").click()
    desktop.wait_for_timeout(500)
    panel = desktop.locator("[data-testid='stExpander']").filter(has_text="Reasons in full")
    panel.scroll_into_view_if_needed()
    panel.screenshot(path=str(SHOTS / "reasons-in-full.png"))
    # Tyrell AI's reasons run past the grid's column on this screen; here they are whole.
    line = panel.locator("p").filter(has_text="Tyrell AI")
    expect(line).to_contain_text("3 red flags: No goals defined (vague success metrics)")
    expect(line).to_contain_text("(−3)")
    assert panel.bounding_box()["width"] <= 1440
