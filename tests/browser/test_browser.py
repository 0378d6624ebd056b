"""The app in a real browser: `streamlit run` on a free loopback port, driven by Playwright + Chromium.

It opens a page URL first on the fresh server, uploads a workbook through the page's file input,
visits every page checking its key figures, downloads the summary workbook and opens it, and fails
on any exception box or server traceback. Screenshots land in tests/artifacts/.
"""

from __future__ import annotations

import io
import shutil

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, go, metric, require_chromium, settle, shot
from tests.case_study import case_workbook

require_chromium()
pytestmark = pytest.mark.browser


def test_real_browser_journey(server, page, tmp_path):
    # A fresh server's first request is for a page URL: it must come with the app's navigation.
    page.goto(f"{server}/trends")
    expect(page.get_by_role("heading", name="Quarterly trends", level=1)).to_be_visible(timeout=60_000)
    settle(page)
    expect(page.locator("[data-testid='stSidebarNav']").get_by_text("Overview", exact=True)).to_be_visible()
    expect(page.locator("[data-testid='stFileUploader']")).to_be_visible()
    shot(page, "0-trends-on-sample")

    go(page, "Overview", "Alliance ROI")
    assert metric(page, "Portfolio ROI").endswith("%")
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
        files=[
            {
                "name": "case.xlsx",
                "buffer": case_workbook(),
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        ]
    )
    expect(page.get_by_text("case.xlsx · sheet", exact=False).first).to_be_visible(timeout=60_000)
    # While a run replaces the sample's view, its tiles are briefly on the page twice (the old one stale).
    expect(
        page.locator("[data-testid='stMetric']").filter(has_text="Portfolio ROI").filter(has_text="13.3 %")
    ).to_have_count(1, timeout=30_000)  # (156,870 − 138,500) / 138,500
    settle(page)
    assert metric(page, "Revenue") == "156.87k"
    shot(page, "1-overview-uploaded")

    go(page, "Before / after", "Before / after")
    assert metric(page, "ROI before") == "8.0 %"
    assert metric(page, "ROI after") == "18.0 %"
    assert metric(page, "Revenue change") == "25.0 %"
    expect(page.get_by_text("rose from 8.0 % to 18.0 % (+10.0 points)", exact=False)).to_be_visible()
    shot(page, "2-before-after")

    go(page, "Quartiles and benchmarks", "Quartiles and benchmarks")
    expect(page.get_by_text("computed over the 3 alliances in view", exact=False)).to_be_visible()
    shot(page, "3-quartiles")

    go(page, "Quarterly trends", "Quarterly trends")
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    shot(page, "4-trends")

    go(page, "Scorecard", "Scorecard")
    expect(page.get_by_text("no Goals sheet", exact=False)).to_be_visible()
    shot(page, "5-scorecard")

    go(page, "Overview", "Alliance ROI")
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Summary workbook (.xlsx)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "case-summary.xlsx"
    book = load_workbook(io.BytesIO(saved.read_bytes()))
    portfolio = next(r for r in book["Before-After"].iter_rows(values_only=True) if r[0] == "Portfolio")
    assert portfolio[1] == pytest.approx(0.08) and portfolio[2] == pytest.approx(0.18)
    shutil.copy(saved, ARTIFACTS / saved.name)
    settle(page)

    # Two downloads clicked one after the other: neither waits for a rerun, neither fails.
    with page.expect_download(timeout=60_000) as csv_download:
        page.get_by_role("button", name="Alliance table (.csv)").click()
    with page.expect_download(timeout=60_000) as html_download:
        page.get_by_role("button", name="Report for sharing (.html)").click()
    assert csv_download.value.failure() is None and html_download.value.failure() is None
    assert csv_download.value.suggested_filename == "case-alliances.csv"
    assert html_download.value.suggested_filename == "case-report.html"
    settle(page)
    assert "not found" not in (ARTIFACTS / "server.log").read_text()
