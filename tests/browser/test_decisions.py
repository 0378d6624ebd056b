"""The Decisions page in a real Chromium: the sample's recommendations, a rule edited in the Rules
expander, the recommendation counts and the link follow, and the browser logs no error."""

from __future__ import annotations

import re
import sqlite3

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, go, metric, new_page, require_chromium, settle, start_server

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
    # scores exactly 2 (Initech Channel: Top quartile +1, ROI rising +1), a Maintain. Maintain: 4
    # before red flags stopped counting a fact twice, plus Globex Distribution, which that moved
    # from Fix (Wayne BioTech moved from Exit to Fix, so Fix keeps 2): 5.
    assert metric(page, "Invest") == "1"
    assert metric(page, "Maintain") == "5"

    page.get_by_text(re.compile(r"^Rules: points per factor")).click()
    box = page.get_by_label("Invest from a score of")
    box.fill("2")
    box.press("Enter")
    settle(page)
    # Invest from 2: Initech Channel's 2 is now an Invest.
    expect(page.locator("[data-testid='stMetric']").filter(has_text="Invest").first).to_contain_text("2")
    assert metric(page, "Invest") == "2"
    assert metric(page, "Maintain") == "4"
    # The expander stays open after the edit (its title does not change) and says what changed.
    expect(page.get_by_text("1 rule changed from the defaults.")).to_be_visible()
    assert re.search(r"rules=invest(%3A|:)2(&|$)", page.url), page.url
    page.screenshot(path=str(ARTIFACTS / "decisions" / "rule-edited.png"), full_page=True)
    assert page.locator("[data-testid='stException']").count() == 0
    assert not errors, errors
    page.context.close()


def test_the_accepted_plan_is_saved_from_the_decisions_page(browser, tmp_path):
    """Accept every proposed action on the Decisions page and save from there (not the Overview):
    the database holds the review and exactly the accepted actions, each Open, with the owner and
    due day the table showed. Nothing is stored before Save."""
    database = tmp_path / "reviews.sqlite3"
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'database_url = "sqlite:///{database}"\n')
    with start_server("decisions-save", secrets=secrets) as url:
        page = new_page(browser)
        page.goto(url)
        settle(page)
        go(page, "Decisions", "Decisions")
        page.get_by_role("button", name="Accept all").click()
        every = page.get_by_text(re.compile(r"^(\d+) of \1 accepted$"))
        expect(every).to_be_visible(timeout=30_000)
        settle(page)
        said = every.inner_text()
        accepted, proposed = (int(n) for n in re.findall(r"\d+", said))
        assert accepted == proposed > 0
        assert not database.exists() or _count(database, "reviews") == 0
        page.get_by_role("button", name="Save this review").click()
        body = page.locator("[data-testid='stPopoverBody']")
        body.get_by_role("textbox", name="Title").fill("Plan review")
        body.get_by_role("button", name="Save").click()
        expect(page.get_by_text("Saved 'Plan review'", exact=False)).to_be_visible(timeout=30_000)
        settle(page)
        page.context.close()
    with sqlite3.connect(database) as connection:
        assert connection.execute("select title from reviews").fetchall() == [("Plan review",)]
        statuses = connection.execute("select status, follows_id from actions").fetchall()
    assert len(statuses) == accepted
    assert set(statuses) == {("Open", None)}


def _count(database, table: str) -> int:
    with sqlite3.connect(database) as connection:
        return connection.execute(f"select count(*) from {table}").fetchone()[0]


def _plan_rows(page) -> list[str]:
    """The action plan editor's rows as the grid's accessible table holds them ('a | b | …')."""
    editor = page.locator("[data-testid='stDataFrame']").last
    return editor.evaluate(
        "e => Array.from(e.querySelectorAll('tr')).map(r => Array.from(r.querySelectorAll('td'))"
        ".map(x => x.innerText).join(' | ')).filter(x => x)"
    )


def test_a_due_day_typed_in_the_plan_survives_a_rule_edit(server, browser):
    """Type 2027-02-15 as the first proposal's due day, then change a rule (each red flag −0.5),
    which proposes the plan again: the typed day stays; the row below keeps its proposed day."""
    page = new_page(browser)
    page.goto(server)
    settle(page)
    go(page, "Decisions", "Decisions")
    editor = page.locator("[data-testid='stDataFrame']").last
    editor.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    box = editor.bounding_box()
    assert box is not None
    before = _plan_rows(page)
    proposed_second = re.findall(r"\d{4}-\d{2}-\d{2}", before[1])
    # The due day is the third column (Alliance pinned first, 140 px, then Accept, 80 px).
    page.mouse.click(box["x"] + 260, box["y"] + 36 + 17)
    page.wait_for_timeout(400)
    page.keyboard.press("Enter")
    page.wait_for_timeout(600)
    for part in ("02", "15", "2027"):
        page.keyboard.type(part)
    page.wait_for_timeout(400)
    page.keyboard.press("Enter")
    page.wait_for_timeout(1500)
    settle(page)
    assert "2027-02-15" in _plan_rows(page)[0]

    page.get_by_text(re.compile(r"^Rules: points per factor")).click()
    flag = page.get_by_label("Each red flag")
    flag.fill("-0.5")
    flag.press("Enter")
    settle(page)
    page.wait_for_timeout(1000)
    # The expander stayed open (its title did not change).
    assert page.get_by_label("Each red flag").is_visible()
    after = _plan_rows(page)
    assert "2027-02-15" in after[0], after[0]
    assert re.findall(r"\d{4}-\d{2}-\d{2}", after[1]) == proposed_second
    page.screenshot(path=str(ARTIFACTS / "decisions" / "due-kept.png"), full_page=True)
    page.context.close()
