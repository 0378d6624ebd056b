"""Sign-in in a real browser: st.login against a local OpenID Connect provider, and the allow-list.

The server runs `members_only_app.py` (the members' content behind `ui.auth`) with secrets that
point `[auth]` at the provider and admit `@example.com` only.
"""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import free_port, new_page, require_chromium, settle, shot, start_server
from tests.browser.oidc import end_session, sign_in_as, start_provider, write_secrets

require_chromium()
pytestmark = pytest.mark.browser

SCRIPT = "tests/browser/members_only_app.py"
NOT_A_MEMBER = "which is not a member of this deployment"


@pytest.fixture(scope="module")
def members_app(tmp_path_factory) -> str:
    port = free_port()
    with start_provider() as provider:
        secrets = write_secrets(
            tmp_path_factory.mktemp("sign-in") / "secrets.toml",
            app_port=port,
            provider_url=provider,
            allowed_domains=["example.com"],
        )
        with start_server("sign-in", script=SCRIPT, port=port, secrets=secrets) as url:
            yield url


def members_area(page: Page):
    return page.get_by_role("heading", name="Members' area")


def sidebar(page: Page):
    return page.locator("[data-testid='stSidebar']")


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", name="Members only", level=1)).to_be_visible(timeout=60_000)
    settle(page)


def back_in_app(page: Page, url: str) -> None:
    page.wait_for_url(f"{url}/**", timeout=30_000)
    expect(page.get_by_role("heading", name="Members only", level=1)).to_be_visible(timeout=60_000)
    settle(page)


def test_a_member_signs_in_sees_the_members_area_and_signs_out(browser, members_app):
    page = new_page(browser)
    open_app(page, members_app)
    expect(page.locator("[data-testid='stMain']").get_by_role("button", name="Sign in")).to_be_visible()
    expect(sidebar(page).get_by_role("button", name="Sign in")).to_be_visible()
    expect(members_area(page)).to_have_count(0)

    started = time.monotonic()
    sign_in_as(page, "alice@example.com")
    back_in_app(page, members_app)
    expect(members_area(page)).to_be_visible()
    print(f"sign-in took {time.monotonic() - started:.1f} s")
    expect(sidebar(page).get_by_text("Signed in as alice@example.com", exact=True)).to_be_visible()
    expect(page.get_by_text("Reviews of alice@example.com", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Sign in")).to_have_count(0)
    expect(page.locator("a[href^='mailto:']")).to_have_count(0)  # the address is text, not a link
    shot(page, "sign-in-member")

    sidebar(page).get_by_role("button", name="Sign out").click()
    end_session(page)
    back_in_app(page, members_app)
    expect(page.locator("[data-testid='stMain']").get_by_role("button", name="Sign in")).to_be_visible()
    expect(members_area(page)).to_have_count(0)
    expect(page.get_by_text("Signed in as", exact=False)).to_have_count(0)
    # A new tab of the same browser reads the (cleared) identity cookie: still signed out.
    open_app(page, members_app)
    expect(members_area(page)).to_have_count(0)
    page.context.close()


def test_an_address_outside_the_allow_list_is_signed_in_but_not_a_member(browser, members_app):
    page = new_page(browser)
    open_app(page, members_app)
    sign_in_as(page, "mallory@elsewhere.org")
    back_in_app(page, members_app)
    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_text(f"You are signed in as mallory@elsewhere.org, {NOT_A_MEMBER}.")).to_be_visible()
    expect(sidebar(page).get_by_text("Signed in as mallory@elsewhere.org", exact=True)).to_be_visible()
    expect(members_area(page)).to_have_count(0)
    expect(main.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.locator("a[href^='mailto:']")).to_have_count(0)
    shot(page, "sign-in-not-a-member")

    main.get_by_role("button", name="Sign out").click()
    end_session(page)
    back_in_app(page, members_app)
    expect(main.get_by_role("button", name="Sign in")).to_be_visible()
    expect(page.get_by_text(NOT_A_MEMBER)).to_have_count(0)
    page.context.close()
