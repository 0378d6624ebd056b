"""The database of saved reviews lost under a running app, in a real browser (#31.2): a real
PostgreSQL server stopped as a crash would (`pg_ctl stop -m immediate`) after a save. Pressing Save
and opening the review's link say that saved reviews are unavailable, with no error box and the
figures still in view; once the server is back, Try again opens the review and saving works."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import metric, new_page, require_chromium, settle, shot, start_server
from tests.browser.test_saved_review import save_review
from tests.browser.test_shared_links import upload
from tests.db_servers import fresh_database, own_cluster
from tests.helpers import ledger_bytes

require_chromium()
pytestmark = [pytest.mark.browser, pytest.mark.postgresql]

# A: 120 revenue / 100 cost; B: 90 / 100. Portfolio 210 / 200 → ROI 5.0 %.
LEDGER = ledger_bytes(
    [
        ["2026-04-10", "A", "Revenue", 120],
        ["2026-04-10", "A", "Cost", 100],
        ["2026-05-10", "B", "Revenue", 90],
        ["2026-05-10", "B", "Cost", 100],
    ]
)
UNAVAILABLE = "Saved reviews are unavailable"


def test_a_stopped_server_is_said_in_the_browser_and_the_app_recovers_by_itself(browser, tmp_path):
    with own_cluster() as cluster, fresh_database(cluster.url) as url:
        try:
            run(browser, tmp_path, cluster, url)
        finally:
            if not (cluster.data / "postmaster.pid").exists():
                cluster.start()  # the database is dropped on a running server


def run(browser, tmp_path, cluster, url: str) -> None:
    if True:
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(f'database_url = "{url}"\n')
        with start_server("database-lost", secrets=secrets) as app:
            alice = new_page(browser)
            alice.goto(app)
            settle(alice)
            upload(alice, LEDGER, "q2.xlsx")
            expect(alice.get_by_text("q2.xlsx · sheet", exact=False).first).to_be_visible(timeout=60_000)
            settle(alice)
            link = save_review(alice, "Q2 review")

            cluster.stop("immediate")
            body = alice.locator("[data-testid='stPopoverBody']")
            if not body.get_by_role("textbox", name="Title").is_visible():
                alice.get_by_role("button", name="Save this review").click()
            body.get_by_role("textbox", name="Title").fill("Q2 again")
            # The same ledger, settings and date as the review just saved: a copy is asked for (#32.6).
            body.get_by_text("Save another copy anyway", exact=False).click()
            body.get_by_role("button", name="Save").click()
            expect(alice.get_by_text(UNAVAILABLE, exact=False).first).to_be_visible(timeout=30_000)
            settle(alice)  # no exception box
            assert metric(alice, "Portfolio ROI") == "5.0 %"
            shot(alice, "database-lost-save")

            bob = new_page(browser)
            bob.goto(link)
            expect(bob.get_by_text(UNAVAILABLE, exact=False).first).to_be_visible(timeout=30_000)
            settle(bob)
            shot(bob, "database-lost-link")

            cluster.start()
            bob.get_by_role("button", name="Try again").click()
            expect(bob.get_by_text("Saved review", exact=False).first).to_be_visible(timeout=30_000)
            settle(bob)
            assert metric(bob, "Portfolio ROI") == "5.0 %"
            alice.context.close()
            bob.context.close()
