"""Links in a real browser: a fresh server's first request for a page URL, and a shared view that a
colleague opens in another browser with the same file."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    XLSX_MIME,
    go,
    metric,
    new_page,
    require_chromium,
    settle,
    shot,
    start_server,
)
from tests.case_study import case_workbook

require_chromium()
pytestmark = pytest.mark.browser


def upload(page: Page, data: bytes, name: str = "case.xlsx") -> None:
    page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(
        files=[{"name": name, "buffer": data, "mimeType": XLSX_MIME}]
    )


def test_first_request_of_a_fresh_server_for_a_page_url_shows_that_page_with_the_sidebar(browser):
    with start_server("fresh-before-after") as url:
        page = new_page(browser)
        page.goto(f"{url}/before_after")
        expect(page.get_by_role("heading", name="Before / after", level=1)).to_be_visible(timeout=60_000)
        settle(page)
        nav = page.locator("[data-testid='stSidebarNav']")
        expect(nav.get_by_text("Overview", exact=True)).to_be_visible()
        expect(nav.get_by_text("Scorecard", exact=True)).to_be_visible()
        expect(page.locator("[data-testid='stSidebar'] [data-testid='stFileUploader']")).to_be_visible()
        assert page.url.startswith(f"{url}/before_after")
        page.context.close()


def set_number(page: Page, expander: str, label: str, value: str) -> None:
    sidebar = page.locator("[data-testid='stSidebar']")
    box = sidebar.get_by_label(label, exact=True)
    if not box.is_visible():
        sidebar.get_by_text(expander, exact=True).click()
    box.fill(value)
    box.press("Enter")
    settle(page)


def popover_link(page: Page) -> str:
    page.get_by_role("button", name="Share this view").click()
    code = page.locator("[data-testid='stPopoverBody'] code").first
    expect(code).to_be_visible()
    link = code.inner_text().strip()
    page.keyboard.press("Escape")
    return link


def test_a_shared_view_reopens_with_the_same_settings_and_figures(server, browser):
    alice = new_page(browser)
    alice.goto(server)
    settle(alice)
    upload(alice, case_workbook())
    expect(alice.get_by_text("case.xlsx · sheet", exact=False).first).to_be_visible(timeout=60_000)
    settle(alice)
    set_number(alice, "Band thresholds", "Strong above (%)", "25")
    set_number(alice, "Currency, shared costs, time value", "Discount rate for NPV (% a year)", "8")
    go(alice, "Quartiles and benchmarks", "Quartiles and benchmarks")
    link = popover_link(alice)
    assert link == alice.url, "the share popover and the address bar disagree"
    assert "strong=25" in link and "disc=8" in link and "src=case.xlsx" in link and "/quartiles" in link
    caption = alice.get_by_text("computed over the 3 alliances in view", exact=False).inner_text()
    go(alice, "Overview", "Alliance ROI")
    alice_figures = {label: metric(alice, label) for label in ("Portfolio ROI", "Revenue", "NPV at 8%")}
    assert "strong=25" in alice.url and "disc=8" in alice.url  # kept across page switches
    shot(alice, "6-shared-by-alice")

    bob = new_page(browser)
    bob.goto(link)
    expect(bob.get_by_text("This shared view was made on the file 'case.xlsx'", exact=False)).to_be_visible(
        timeout=60_000
    )
    assert bob.locator("[data-testid='stMetric']").count() == 0  # no sample numbers in its place
    upload(bob, case_workbook())
    expect(bob.get_by_role("heading", name="Quartiles and benchmarks", level=1)).to_be_visible()
    expect(bob.get_by_text(caption, exact=False)).to_be_visible(timeout=30_000)
    settle(bob)
    assert (
        bob.locator("[data-testid='stSidebar']").get_by_label("Strong above (%)", exact=True).input_value()
        == "25.00"
    )
    go(bob, "Overview", "Alliance ROI")
    assert {label: metric(bob, label) for label in alice_figures} == alice_figures
    assert "Strong (> 25%)" in bob.locator("[data-testid='stMetric']").all_inner_texts()[4]
    shot(bob, "7-opened-by-bob")
    alice.context.close()
    bob.context.close()


def test_a_hostile_file_gets_a_message_while_another_session_keeps_working(server, browser):
    from tests.hostile_corpus import CORPUS

    mallory, alice = new_page(browser), new_page(browser)
    alice.goto(server)
    settle(alice)
    mallory.goto(server)
    settle(mallory)
    upload(mallory, CORPUS["sparse-corner-XFD1048576.xlsx"](), "corner.xlsx")
    expect(mallory.get_by_text("reaches cell XFD1048576", exact=False)).to_be_visible(timeout=60_000)
    settle(mallory)
    # The other session is served as before: it uploads and reads its own file.
    upload(alice, case_workbook())
    expect(
        alice.locator("[data-testid='stMetric']").filter(has_text="Portfolio ROI").filter(has_text="13.3 %")
    ).to_have_count(1, timeout=60_000)
    settle(alice)
    shot(mallory, "8-hostile-file-message")
    mallory.context.close()
    alice.context.close()
