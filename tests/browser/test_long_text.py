"""A ledger with a 10 MB alliance name in a real browser (#31.3): before, every table, chart and
filter that showed the name (32,767 characters once read, Excel's cell limit) kept Chromium busy. The
page shows the name cut to 120 characters with '…', a note under Data issues names its sheet, row
and column, and the figures are the whole ledger's."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import metric, new_page, require_chromium, settle, shot, start_server
from tests.browser.test_shared_links import upload
from tests.helpers import ledger_bytes

require_chromium()
pytestmark = pytest.mark.browser

LONG = "Partner" + "x" * 10_000_000
# LONG: revenue 300, cost 100; Short: revenue 50, cost 100. Portfolio 350 / 200 → ROI 75.0 %.
LEDGER = ledger_bytes(
    [
        ["2025-01-10", LONG, "Revenue", 300],
        ["2025-01-10", LONG, "Cost", 100],
        ["2025-02-10", "Short", "Revenue", 50],
        ["2025-02-10", "Short", "Cost", 100],
    ]
)


def test_a_ten_megabyte_name_is_shown_cut_and_the_page_stays_responsive(browser):
    with start_server("long-text") as url:
        page = new_page(browser)
        page.set_default_timeout(90_000)
        page.goto(url)
        settle(page)
        started = time.monotonic()
        upload(page, LEDGER, "long.xlsx")
        expect(page.get_by_text("long.xlsx · sheet", exact=False).first).to_be_visible(timeout=90_000)
        settle(page)
        assert metric(page, "Portfolio ROI") == "75.0 %"
        assert metric(page, "Revenue").replace(",", "").startswith("350")
        page.get_by_text("Data issues", exact=False).first.click()
        note = page.get_by_text("characters is shown on these pages cut to 120", exact=False)
        expect(note.first).to_be_visible()
        assert "row 2, column 'Alliance'" in note.first.inner_text()
        assert time.monotonic() - started < 90
        assert len(page.content()) < 1_000_000  # the page holds no copy of the long name
        shot(page, "long-text")
        page.context.close()
