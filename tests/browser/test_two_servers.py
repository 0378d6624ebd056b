"""Two Streamlit servers saving to one database at once (#31, "also run"): two replicas of the app
on one SQLite file, a user on each pressing Save at the same moment with different ledgers. Both
reviews land, each link opens its own figures on the other server."""

from __future__ import annotations

import sqlite3
import urllib.parse

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import metric, new_page, require_chromium, settle, start_server
from tests.browser.test_saved_review import moved
from tests.browser.test_shared_links import upload
from tests.helpers import ledger_bytes

require_chromium()
pytestmark = pytest.mark.browser

# North: 150 revenue / 100 cost → ROI 50.0 %. South: 90 / 100 → −10.0 %.
NORTH = ledger_bytes([["2026-04-10", "North", "Revenue", 150], ["2026-04-10", "North", "Cost", 100]])
SOUTH = ledger_bytes([["2026-04-10", "South", "Revenue", 90], ["2026-04-10", "South", "Cost", 100]])


def ready_to_save(page: Page, url: str, data: bytes, name: str, title: str) -> None:
    page.goto(url)
    settle(page)
    upload(page, data, name)
    expect(page.get_by_text(f"{name} · sheet", exact=False).first).to_be_visible(timeout=60_000)
    settle(page)
    page.get_by_role("button", name="Save this review").click()
    body = page.locator("[data-testid='stPopoverBody']")
    body.get_by_role("textbox", name="Title").fill(title)
    body.get_by_role("textbox", name="Portfolio").fill("Shared portfolio")


def saved_link(page: Page, title: str) -> str:
    expect(page.get_by_text(f"Saved '{title}'", exact=False)).to_be_visible(timeout=60_000)
    settle(page)
    return page.locator("[data-testid='stCode'] code").first.inner_text().strip()


def test_two_servers_saving_to_one_database_at_once_both_land(browser, tmp_path):
    database = tmp_path / "reviews.sqlite3"
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'database_url = "sqlite:///{database}"\n')
    with start_server("replica-1", secrets=secrets) as one, start_server("replica-2", secrets=secrets) as two:
        north, south = new_page(browser), new_page(browser)
        ready_to_save(north, one, NORTH, "north.xlsx", "North review")
        ready_to_save(south, two, SOUTH, "south.xlsx", "South review")
        for page in (north, south):  # one right after the other, neither waiting for the first
            page.locator("[data-testid='stPopoverBody']").get_by_role("button", name="Save").click()
        links = {
            "North review": saved_link(north, "North review"),
            "South review": saved_link(south, "South review"),
        }
        with sqlite3.connect(database) as db:
            assert sorted(t for (t,) in db.execute("select title from reviews")) == [
                "North review",
                "South review",
            ]
            assert db.execute("select count(*) from ledgers").fetchone()[0] == 2
        for title, base, roi in (("North review", two, "50.0 %"), ("South review", one, "-10.0 %")):
            reader = new_page(browser)
            reader.goto(moved(links[title], base))
            settle(reader)
            expect(reader.get_by_text(title, exact=False).first).to_be_visible()
            assert metric(reader, "Portfolio ROI") == roi
            assert set(urllib.parse.parse_qs(urllib.parse.urlsplit(reader.url).query)) == {"review"}
            reader.context.close()
        north.context.close()
        south.context.close()
