"""Saved reviews with sign-in configured, in a real browser against a local OpenID Connect provider:
signed out, neither the history nor a review's link shows anything; a member saves a review and
sees it in the history; someone signed in from another domain does not."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import free_port, go, new_page, require_chromium, settle, shot, start_server
from tests.browser.oidc import sign_in_as, start_provider, write_secrets

require_chromium()
pytestmark = pytest.mark.browser

MEMBERS_ONLY = "The history of saved reviews is for signed-in members."


@pytest.fixture(scope="module")
def app_with_sign_in(tmp_path_factory) -> str:
    port = free_port()
    folder = tmp_path_factory.mktemp("members")
    with start_provider("oidc-provider-members") as provider:
        secrets = write_secrets(
            folder / "secrets.toml",
            app_port=port,
            provider_url=provider,
            allowed_domains=["example.com"],
            extra=f'database_url = "sqlite:///{folder / "reviews.sqlite3"}"',
        )
        with start_server("members-history", port=port, secrets=secrets) as url:
            yield url


def open_history(page: Page, url: str) -> None:
    page.goto(f"{url}/history")
    expect(page.get_by_role("heading", name="Review history", level=1)).to_be_visible(timeout=60_000)
    settle(page)


def test_history_and_review_links_are_for_members_only(browser, app_with_sign_in):
    url = app_with_sign_in
    visitor = new_page(browser)
    open_history(visitor, url)
    main = visitor.locator("[data-testid='stMain']")
    expect(main.get_by_text(MEMBERS_ONLY)).to_be_visible()
    expect(main.get_by_text("Saved reviews", exact=True)).to_have_count(0)

    sign_in_as(visitor, "alice@example.com")
    expect(visitor.get_by_role("heading", name="Alliance ROI", level=1)).to_be_visible(timeout=60_000)
    settle(visitor)
    expect(visitor.get_by_text("Signed in as", exact=False).first).to_be_visible()
    visitor.get_by_role("button", name="Save this review").click()
    body = visitor.locator("[data-testid='stPopoverBody']")
    body.get_by_role("textbox", name="Title").fill("Members' Q3")
    body.get_by_role("button", name="Save").click()
    expect(visitor.get_by_text("Saved 'Members' Q3'", exact=False)).to_be_visible(timeout=30_000)
    settle(visitor)
    link = visitor.locator("[data-testid='stCode'] code").first.inner_text().strip()
    assert "review=" in link
    go(visitor, "Review history", "Review history")
    main = visitor.locator("[data-testid='stMain']")
    expect(main.get_by_text("Members' Q3", exact=False).first).to_be_visible()
    expect(main.get_by_role("heading", name="Saved reviews")).to_be_visible()
    # who saved it (an invisible word joiner before '@' keeps Markdown from making it a mail link)
    expect(main.get_by_text(re.compile("by alice\u2060?@example.com")).first).to_be_visible()
    shot(visitor, "members-history")

    stranger = new_page(browser)
    stranger.goto(link)
    expect(stranger.get_by_text("Saved reviews are for signed-in members only", exact=False)).to_be_visible(
        timeout=60_000
    )
    settle(stranger)
    assert stranger.locator("[data-testid='stMetric']").count() == 0
    assert "Members' Q3" not in stranger.locator("[data-testid='stMain']").inner_text()

    open_history(stranger, url)
    sign_in_as(stranger, "mallory@elsewhere.org")
    expect(stranger.get_by_role("heading", name="Alliance ROI", level=1)).to_be_visible(timeout=60_000)
    open_history(stranger, url)
    main = stranger.locator("[data-testid='stMain']")
    expect(main.get_by_text("which is not a member of this deployment", exact=False)).to_be_visible()
    assert "Members' Q3" not in main.inner_text()
    visitor.context.close()
    stranger.context.close()
