"""Sign-in for members: the allow-list, and what `ui.auth` draws for each kind of visitor (AppTest).

AppTest cannot follow st.login to a provider; it seeds `st.user` instead (at.user). The real
sign-in, through a browser and a local OpenID Connect provider, is tests/browser/test_sign_in.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit import config
from streamlit.runtime.secrets import Secrets
from streamlit.testing.v1 import AppTest

from ui.auth import EMPTY_ALLOW_LIST, NOT_SET_UP, allow_list, is_allowed, sign_in_configured
from ui.text import plain

APP = str(Path(__file__).resolve().parents[2] / "app.py")
REASON = "Saved reviews belong to the members of this deployment: sign in to see them."
AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "a-cookie-secret-of-some-length",
    "client_id": "alliance-roi",
    "client_secret": "not-a-secret",
    "server_metadata_url": "http://127.0.0.1:9400/.well-known/openid-configuration",
}
EXAMPLE_COM = {"auth": AUTH, "access": {"allowed_domains": ["example.com"]}}
SIGNED_OUT = {"is_logged_in": False}


def signed_in(email: str, **claims: object) -> dict[str, object]:
    return {"is_logged_in": True, "email": email, "sub": email, **claims}


# --- the allow-list, by hand ---------------------------------------------------------------------


def test_an_address_on_the_list_is_allowed_in_any_case():
    assert is_allowed("ann@partner.org", ["ann@partner.org"], [])
    assert is_allowed("Ann@Partner.ORG", ["ann@partner.org"], [])
    assert is_allowed("ann@partner.org", ["ANN@PARTNER.ORG"], [])
    assert is_allowed("  ann@partner.org ", [" ann@partner.org"], [])
    assert not is_allowed("bob@partner.org", ["ann@partner.org"], [])
    assert not is_allowed("ann@partner.org.evil.com", ["ann@partner.org"], [])


def test_a_domain_admits_exactly_itself():
    assert is_allowed("alice@example.com", [], ["example.com"])
    assert is_allowed("ALICE@EXAMPLE.COM", [], ["Example.Com"])
    assert is_allowed("alice@example.com", [], ["@example.com"])  # written with its @
    assert not is_allowed("alice@eu.example.com", [], ["example.com"])  # a subdomain is not the domain
    assert not is_allowed("alice@example.com", [], ["eu.example.com"])
    assert not is_allowed("alice@notexample.com", [], ["example.com"])
    assert not is_allowed("alice@example.com.evil.org", [], ["example.com"])
    assert not is_allowed("alice@example.co", [], ["example.com"])


def test_empty_lists_allow_nobody():
    assert not is_allowed("alice@example.com", [], [])
    assert not is_allowed("alice@example.com", [""], ["  "])


def test_what_is_not_an_address_is_never_allowed():
    for email in ["", "example.com", "@example.com", "alice@", "alice@@example.com", "a@b@example.com"]:
        assert not is_allowed(email, ["alice@example.com", email], ["example.com"]), email
    assert not is_allowed("alice @example.com", [], ["example.com"])
    assert not is_allowed("alice@exa mple.com", [], ["exa mple.com"])


# --- the settings --------------------------------------------------------------------------------


@pytest.fixture
def no_secrets_file(monkeypatch, tmp_path):
    """Streamlit's secrets as on a deployment with no secrets file at all."""
    real = config.get_option
    missing = [str(tmp_path / "secrets.toml")]
    monkeypatch.setattr(config, "get_option", lambda key: missing if key == "secrets.files" else real(key))
    monkeypatch.setattr(st, "secrets", Secrets())


@pytest.mark.usefixtures("no_secrets_file")
def test_no_secrets_file_means_no_sign_in_and_no_error():
    assert sign_in_configured() is False
    assert allow_list() == ([], [])


def run(secrets: dict, user: dict) -> AppTest:
    def members_page():
        import streamlit as st

        from ui import auth

        st.text(f"configured={auth.sign_in_configured()}")
        st.text(f"member={auth.member()}")
        auth.account_box()
        auth.sign_in_prompt("Saved reviews belong to the members of this deployment: sign in to see them.")

    at = AppTest.from_function(members_page, default_timeout=30)
    at.secrets.update(secrets)
    at.user = user
    at.run()
    assert not at.exception
    return at


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def buttons(block) -> list[str]:
    return [b.label for b in block.button]


def test_auth_section_needs_every_setting_st_login_needs():
    assert "configured=True" in texts(run(EXAMPLE_COM, SIGNED_OUT))
    for key in ["client_id", "server_metadata_url", "redirect_uri", "cookie_secret"]:
        partial = {k: v for k, v in AUTH.items() if k != key}
        assert "configured=False" in texts(run({"auth": partial}, SIGNED_OUT)), key
        blank = {**AUTH, key: "  "}
        assert "configured=False" in texts(run({"auth": blank}, SIGNED_OUT)), key


def test_allow_lists_from_the_secrets_are_trimmed_and_lower_case():
    at = run({"auth": AUTH, "access": {"allowed_domains": "@Example.COM "}}, signed_in("Alice@example.com"))
    assert "member=alice@example.com" in texts(at)
    emails = {"auth": AUTH, "access": {"allowed_emails": [" Bob@Partner.org"], "allowed_domains": []}}
    assert "member=bob@partner.org" in texts(run(emails, signed_in("bob@partner.org")))
    assert "member=None" in texts(run(emails, signed_in("ann@partner.org")))


# --- what each visitor sees ----------------------------------------------------------------------


@pytest.mark.usefixtures("no_secrets_file")
def test_without_sign_in_configured_nobody_is_a_member_and_the_prompt_says_why():
    at = run({}, signed_in("alice@example.com"))  # say st.user holds an address from the host
    assert texts(at) == ["configured=False", "member=None"]
    assert [i.value for i in at.info] == [plain(REASON)]
    assert [c.value for c in at.caption] == [NOT_SET_UP]
    assert buttons(at) == []  # no account box, no sign-in


def test_a_signed_out_visitor_is_offered_sign_in_in_the_page_and_the_sidebar():
    at = run(EXAMPLE_COM, SIGNED_OUT)
    assert "member=None" in texts(at)
    assert [i.value for i in at.info] == [plain(REASON)]
    assert buttons(at.main) == ["Sign in"]
    assert buttons(at.sidebar) == ["Sign in"]
    assert not at.warning


def test_a_member_sees_who_they_are_and_no_prompt():
    at = run(EXAMPLE_COM, signed_in("Alice@Example.com"))
    assert "member=alice@example.com" in texts(at)
    assert not at.info and not at.warning
    assert buttons(at.main) == []
    assert [t.value for t in at.sidebar.text] == ["Signed in as Alice@Example.com"]
    assert buttons(at.sidebar) == ["Sign out"]


def test_an_address_outside_the_list_is_told_so_and_can_sign_out():
    at = run(EXAMPLE_COM, signed_in("mallory@elsewhere.org"))
    assert "member=None" in texts(at)
    assert [i.value for i in at.info] == [plain(REASON)]
    assert "You are signed in as mallory@elsewhere.org, which is not a member of this deployment." in texts(
        at
    )
    assert buttons(at.main) == ["Sign out"]
    at.button(key="sign_in_prompt_sign_out").click().run()
    assert not at.exception
    assert at.user == SIGNED_OUT
    at.run()  # a browser follows st.logout to a new session
    assert buttons(at.main) == ["Sign in"]
    assert not any("not a member" in t for t in texts(at))


def test_a_subdomain_and_an_unverified_address_are_not_members():
    assert "member=None" in texts(run(EXAMPLE_COM, signed_in("alice@eu.example.com")))
    assert "member=None" in texts(run(EXAMPLE_COM, signed_in("alice@example.com", email_verified=False)))
    assert "member=alice@example.com" in texts(
        run(EXAMPLE_COM, signed_in("alice@example.com", email_verified=True))
    )


def test_an_address_is_needed_and_a_login_flag_is_needed():
    no_email = {"is_logged_in": True, "sub": "1234", "name": "Alice"}
    at = run(EXAMPLE_COM, no_email)
    assert "member=None" in texts(at)
    assert "You are signed in as Alice, which is not a member of this deployment." in texts(at)
    # AppTest's default user has an address but no login: not signed in.
    assert "member=None" in texts(run(EXAMPLE_COM, {"email": "test@example.com"}))


def test_an_empty_allow_list_admits_nobody_and_says_so():
    at = run({"auth": AUTH}, signed_in("alice@example.com"))
    assert "member=None" in texts(at)
    assert [w.value for w in at.warning] == [EMPTY_ALLOW_LIST]
    assert buttons(at.main) == ["Sign out"]
    signed_out = run({"auth": AUTH, "access": {"allowed_emails": [], "allowed_domains": []}}, SIGNED_OUT)
    assert [w.value for w in signed_out.warning] == [EMPTY_ALLOW_LIST]


def test_addresses_are_shown_as_text_never_markdown():
    at = run(EXAMPLE_COM, signed_in("[x](https://evil.example)@elsewhere.org"))
    assert "member=None" in texts(at)
    who = "[x](https://evil.example)@elsewhere.org"
    assert f"You are signed in as {who}, which is not a member of this deployment." in texts(at)
    assert [t.value for t in at.sidebar.text] == [f"Signed in as {who}"]
    assert not at.markdown


def test_the_password_gate_still_comes_first_when_sign_in_is_configured_too():
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets.update({"APP_PASSWORD": "s3cret", **EXAMPLE_COM})
    at.user = SIGNED_OUT
    at.run()
    assert at.text_input(key="password") is not None
    assert not at.metric
    at.text_input(key="password").input("s3cret")
    at.button[0].click()
    at.run()
    assert not at.exception
    assert at.metric  # the overview opens
