"""The mapping step's preview in a real browser (issue 27.8): a workbook of headers nothing knows is
uploaded; the step opens on the columns its contents suggest and shows the rows as read and the
totals per field before anything is accepted. Figures worked out by hand in tests/app/test_mapping_step.py."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.app.test_mapping_step import BLIND
from tests.browser.conftest import XLSX_MIME, new_page, require_chromium, settle, shot
from tests.helpers import workbook_bytes

require_chromium()
pytestmark = pytest.mark.browser


def test_the_preview_and_its_totals_show_before_the_mapping_is_accepted(server, browser):
    page = new_page(browser)
    page.goto(server)
    expect(page.get_by_role("heading", name="Alliance ROI", level=1)).to_be_visible(timeout=60_000)
    settle(page)
    page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(
        files=[{"name": "blind.xlsx", "buffer": workbook_bytes({"Export": BLIND}), "mimeType": XLSX_MIME}]
    )
    heading = page.get_by_role("heading", name="Preview: the ledger as these columns read it")
    expect(heading).to_be_visible(timeout=60_000)
    settle(page)
    totals = page.locator(".st-key-mapping_totals")
    expect(totals).to_be_visible()
    text = " ".join(totals.inner_text().split())
    # Revenue 1,200.50 + 900 + 100 + 300; cost 300 + 200 + 50 + 75; row 6's date 'soon' left out.
    assert "Revenue total 2,500.50" in text
    assert "Cost total 625.00" in text
    assert "Rows read 5" in text
    assert "Rows left out 1" in text
    # The sheet's first rows, then the rows as read.
    expect(page.locator("[data-testid='stDataFrame']")).to_have_count(2)
    expect(page.get_by_text("The first 4 of 8 entries, as they will be read", exact=False)).to_be_visible()
    assert page.locator("[data-testid='stMetric']").count() == 0, "nothing accepted, no figures yet"
    shot(page, "mapping-preview")
    page.context.close()
