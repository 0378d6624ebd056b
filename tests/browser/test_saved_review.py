"""A saved review in a real browser: saved from an upload, opened by a colleague without the file,
still there after the server restarts; a wrong token shows "no such review" and nothing else."""

from __future__ import annotations

import sqlite3
import urllib.parse

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import metric, new_page, require_chromium, settle, shot, start_server
from tests.browser.test_shared_links import set_number, upload
from tests.case_study import case_workbook

require_chromium()
pytestmark = pytest.mark.browser

FIGURES = ("Portfolio ROI", "Revenue", "Cost", "Net value")


def figures(page: Page) -> dict[str, str]:
    return {label: metric(page, label) for label in FIGURES}


def save_review(page: Page, title: str) -> str:
    page.get_by_role("button", name="Save this review").click()
    body = page.locator("[data-testid='stPopoverBody']")
    body.get_by_role("textbox", name="Title").fill(title)
    body.get_by_role("textbox", name="Portfolio").fill("Case portfolio")
    body.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"Saved '{title}'", exact=False)).to_be_visible(timeout=30_000)
    settle(page)
    shown = page.locator("[data-testid='stCode'] code").first.inner_text().strip()
    assert urllib.parse.urlsplit(shown).query == urllib.parse.urlsplit(page.url).query, (
        "the link shown after saving is not the address of the saved view"
    )
    return shown


def moved(link: str, base: str) -> str:
    """The same link on another server address (a restarted server listens on a new port)."""
    query = urllib.parse.urlsplit(link).query
    return f"{base}/?{query}"


def test_a_saved_review_opens_without_the_file_and_survives_a_restart(browser, tmp_path):
    database = tmp_path / "reviews.sqlite3"
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'database_url = "sqlite:///{database}"\n')
    with start_server("saved-review-1", secrets=secrets) as url:
        alice = new_page(browser)
        alice.goto(url)
        settle(alice)
        upload(alice, case_workbook())
        # the source line, written once the upload is read (the uploader shows the name earlier)
        expect(alice.get_by_text("case.xlsx · sheet", exact=False).first).to_be_visible(timeout=60_000)
        settle(alice)
        set_number(alice, "Band thresholds", "Strong above (%)", "25")
        saved = figures(alice)
        link = save_review(alice, "Q3 review")
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)
        assert set(query) == {"review"}, "a saved review's link carries its token and nothing else"
        token = query["review"][0]
        assert len(token) >= 22  # ≥ 128 bits in URL-safe base64
        shot(alice, "saved-review-alice")
        alice.context.close()

        bob = new_page(browser)
        bob.goto(link)
        settle(bob)
        expect(bob.get_by_text("Saved review", exact=False).first).to_be_visible()
        assert figures(bob) == saved
        assert (
            bob.locator("[data-testid='stSidebar']").get_by_label("Strong above (%)").input_value() == "25.00"
        )
        bob.context.close()

    # Only the token's hash is kept: the database never holds the link's secret.
    with sqlite3.connect(database) as db:
        dump = "\n".join(db.iterdump())
    assert token not in dump

    with start_server("saved-review-2", secrets=secrets) as url:
        carol = new_page(browser)
        carol.goto(moved(link, url))
        settle(carol)
        expect(carol.get_by_text("Saved review", exact=False).first).to_be_visible()
        assert figures(carol) == saved

        wrong = new_page(browser)
        wrong.goto(f"{url}/?review={token[:-4]}AAAA")
        expect(wrong.get_by_text("No such review", exact=False)).to_be_visible(timeout=30_000)
        settle(wrong)
        shot(wrong, "saved-review-wrong-token")
        text = wrong.locator("[data-testid='stMain']").inner_text()
        for revealing in ("Q3 review", "Case portfolio", "case.xlsx", "Portfolio ROI"):
            assert revealing not in text
        assert wrong.locator("[data-testid='stMetric']").count() == 0
        carol.context.close()
        wrong.context.close()
