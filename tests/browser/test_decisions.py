"""The Decisions page in a real Chromium: the sample's recommendations, a rule edited in the Rules
expander, the recommendation counts and the link follow, and the browser logs no error."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, go, metric, new_page, require_chromium, settle

require_chromium()
pytestmark = pytest.mark.browser


def test_editing_a_rule_changes_the_recommendations(server, browser):
    page = new_page(browser)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server)
    settle(page)
    go(page, "Decisions", "Decisions")
    # The sample's scores: one alliance reaches the Invest cut of 3 (Contoso Systems, 3) and one
    # scores exactly 2 (Initech Channel: Top quartile +1, ROI rising +1), a Maintain.
    assert metric(page, "Invest") == "1"
    assert metric(page, "Maintain") == "4"

    page.get_by_text(re.compile(r"^Rules: points per factor")).click()
    box = page.get_by_label("Invest from a score of")
    box.fill("2")
    box.press("Enter")
    settle(page)
    # Invest from 2: Initech Channel's 2 is now an Invest.
    expect(page.locator("[data-testid='stMetric']").filter(has_text="Invest").first).to_contain_text("2")
    assert metric(page, "Invest") == "2"
    assert metric(page, "Maintain") == "3"
    assert re.search(r"rules=invest(%3A|:)2(&|$)", page.url), page.url
    page.screenshot(path=str(ARTIFACTS / "decisions" / "rule-edited.png"), full_page=True)
    assert page.locator("[data-testid='stException']").count() == 0
    assert not errors, errors
    page.context.close()
