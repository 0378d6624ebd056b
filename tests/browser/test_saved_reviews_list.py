"""The Saved reviews page in a real browser, without sign-in (#32.5): the browser that saved a review
lists it (its link kept in the browser's own storage), finds it by words and dates, opens it from
there, and forgets it on request; another browser lists nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import new_page, require_chromium, settle, shot, start_server
from tests.browser.test_saved_review import save_review
from tests.browser.test_shared_links import upload
from tests.case_study import case_workbook

require_chromium()
pytestmark = pytest.mark.browser


def saved_reviews_page(page: Page, url: str) -> None:
    page.goto(f"{url}/saved_reviews")
    settle(page)
    expect(page.get_by_role("heading", name="Saved reviews")).to_be_visible(timeout=30_000)


def test_the_browser_that_saved_a_review_lists_it_and_opens_it(browser, tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'database_url = "sqlite:///{tmp_path / "reviews.sqlite3"}"\n')
    with start_server("saved-reviews-list", secrets=secrets) as url:
        alice = new_page(browser)
        alice.goto(url)
        settle(alice)
        upload(alice, case_workbook())
        expect(alice.get_by_text("case.xlsx · sheet", exact=False).first).to_be_visible(timeout=60_000)
        settle(alice)
        link = save_review(alice, "Q3 review")
        token = link.split("review=")[1]
        # The browser keeps the link as the page that says "Saved" is drawn.
        alice.wait_for_function(
            "token => (window.localStorage.getItem('alliance-roi.saved-reviews') || '').includes(token)",
            arg=token,
            timeout=30_000,
        )

        # The save popover closed, and stays closed on the next page (#32.6).
        popover = alice.locator("[data-testid='stPopoverBody']")
        expect(popover).to_have_count(0, timeout=10_000)
        alice.locator("[data-testid='stSidebarNav']").get_by_text("Decisions").click()
        settle(alice)
        expect(alice.get_by_role("heading", name="Decisions").first).to_be_visible(timeout=30_000)
        expect(popover).to_have_count(0)

        saved_reviews_page(alice, url)
        main = alice.locator("[data-testid='stMain']")
        expect(main.get_by_text("Q3 review — Case portfolio")).to_be_visible(timeout=30_000)
        expect(main.get_by_text("1 of 1 saved review", exact=False)).to_be_visible()
        opener = main.get_by_role("link", name="Open")
        assert opener.get_attribute("href").endswith(f"?review={token}")
        shot(alice, "saved-reviews-list")

        # Words that are not in its title or portfolio find nothing.
        box = main.get_by_label("Title or portfolio")
        box.fill("resellers")
        box.press("Enter")
        settle(alice)
        expect(main.get_by_text("0 of 1 saved review", exact=False)).to_be_visible(timeout=30_000)
        box.fill("case q3")
        box.press("Enter")
        settle(alice)
        expect(main.get_by_text("1 of 1 saved review", exact=False)).to_be_visible(timeout=30_000)

        # The link opens the review, without the file, in a tab of its own.
        with alice.context.expect_page() as opened:
            opener.click()
        review_tab = opened.value
        review_tab.wait_for_load_state()
        settle(review_tab)
        expect(review_tab.get_by_text("Saved review", exact=False).first).to_be_visible(timeout=30_000)
        review_tab.close()

        # Another browser has kept nothing.
        bob = new_page(browser)
        saved_reviews_page(bob, url)
        expect(bob.get_by_text("No review saved from this browser yet", exact=False)).to_be_visible(
            timeout=30_000
        )
        bob.context.close()

        # Forgetting takes it off this browser's list only.
        main.get_by_role("button", name="Forget").click()
        settle(alice)
        expect(main.get_by_text("No review saved from this browser yet", exact=False)).to_be_visible(
            timeout=30_000
        )
        alice.reload()
        saved_reviews_page(alice, url)
        expect(alice.get_by_text("No review saved from this browser yet", exact=False)).to_be_visible(
            timeout=30_000
        )
        alice.context.close()
