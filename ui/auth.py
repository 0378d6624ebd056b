"""Who may open the app: an optional password, and sign-in for members through OpenID Connect.

The password is APP_PASSWORD in Streamlit's secrets. Wrong attempts are throttled per session and
per network address: after two, each further attempt must wait twice as long as the one before (2,
4, 8 … up to 300 seconds), so guessing is slow even from many sessions at once. Uploads reach
Streamlit before this gate runs; a deployment that must be private puts authentication in front of
it (see the README).

Sign-in (for saved reviews) uses Streamlit's own `st.login` with the `[auth]` section of the
secrets, and admits only the addresses of an allow-list:

    [access]
    allowed_emails = ["ann@partner.org"]      # exact addresses, any case
    allowed_domains = ["example.com"]         # everyone @example.com (not @sub.example.com)

With neither list, nobody is a member. Both gates can be set together: the password opens the app,
sign-in opens what belongs to members.
"""

from __future__ import annotations

import hmac
import math
import threading
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from ui.text import plain

FREE_ATTEMPTS = 2
MAX_WAIT_SECONDS = 300.0
FORGET_AFTER_SECONDS = 3600.0


def wait_after(failures: int) -> float:
    """Seconds to wait before the next attempt after this many wrong ones in a row."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_WAIT_SECONDS, 2.0 ** (failures - FREE_ATTEMPTS + 1))


@dataclass
class Throttle:
    """Wrong attempts per key (a session or an address), shared by every session of the server."""

    failures: dict[str, tuple[int, float]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def seconds_left(self, keys: list[str], now: float) -> float:
        """How long any of these keys must still wait before it may try again."""
        with self.lock:
            waits = [
                last + wait_after(count) - now
                for count, last in (self.failures.get(k, (0, 0.0)) for k in keys)
                if now - last < FORGET_AFTER_SECONDS
            ]
        return max([0.0, *waits])

    def failed(self, keys: list[str], now: float) -> None:
        """Count a wrong attempt against every key."""
        with self.lock:
            for key in keys:
                count, last = self.failures.get(key, (0, 0.0))
                self.failures[key] = (count + 1 if now - last < FORGET_AFTER_SECONDS else 1, now)

    def succeeded(self, keys: list[str]) -> None:
        """Forget the wrong attempts of these keys."""
        with self.lock:
            for key in keys:
                self.failures.pop(key, None)


@st.cache_resource
def _throttle() -> Throttle:
    """One throttle per server process, shared by its sessions."""
    return Throttle()


def configured_password() -> str | None:
    """The password from st.secrets, or None when the deployment has none (open to anyone with the link)."""
    try:
        value = st.secrets.get("APP_PASSWORD")
    except Exception:  # no secrets file at all: a public deployment
        return None
    return str(value) if value else None


def _keys() -> list[str]:
    session = st.session_state.setdefault("_auth_session_key", f"session:{uuid.uuid4().hex}")
    address = st.context.ip_address
    return [session, f"address:{address}"] if address else [session]


def require_password() -> None:
    """Stop the page until the visitor has entered the deployment's password (once per session)."""
    expected = configured_password()
    if expected is None or st.session_state.get("_signed_in"):
        return
    st.title("Alliance ROI")
    with st.form("sign_in"):
        given = st.text_input("Password", type="password", key="password")
        submitted = st.form_submit_button("Open")
    if submitted:
        throttle, keys, now = _throttle(), _keys(), time.time()
        left = throttle.seconds_left(keys, now)
        if left > 0:
            st.error(f"Too many wrong passwords: try again in {math.ceil(left)} seconds.")
        elif hmac.compare_digest(given.encode(), expected.encode()):
            throttle.succeeded(keys)
            st.session_state["_signed_in"] = True
            st.session_state.pop("password", None)
            st.rerun()
        else:
            throttle.failed(keys, now)
            st.error("That password is not right.")
    st.stop()


# --- Sign-in for members (st.login) -------------------------------------------------------------

# What st.login needs in `[auth]` for its default provider.
AUTH_KEYS = ("client_id", "server_metadata_url", "redirect_uri", "cookie_secret")
NOT_SET_UP = "Sign-in is not set up on this deployment."
EMPTY_ALLOW_LIST = (
    "Nobody is a member of this deployment yet: its allow-list is empty. The administrator adds "
    "`allowed_emails` or `allowed_domains` under `[access]` in the app's secrets."
)


def _secret_section(name: str) -> Mapping[str, Any]:
    """A section of st.secrets, empty when it (or the whole secrets file) is missing."""
    try:
        section = st.secrets.get(name)
    except Exception:  # no secrets file at all, or one Streamlit cannot read: nothing is configured
        return {}
    return section if isinstance(section, Mapping) else {}


def sign_in_configured() -> bool:
    """True when the secrets' `[auth]` section has everything `st.login()` needs for its provider.

    That is a non-empty client_id, server_metadata_url, redirect_uri and cookie_secret. No secrets
    file at all gives False, without an error.
    """
    auth = _secret_section("auth")
    return all(_text(auth.get(key)) for key in AUTH_KEYS)


def _text(value: object) -> str:
    """A setting or claim as trimmed text; empty when it is missing or not text."""
    return value.strip() if isinstance(value, str) else ""


def _entries(value: object) -> list[str]:
    """A list from the secrets as trimmed lower-case strings (a single string counts as one entry)."""
    items = [value] if isinstance(value, str) else value if isinstance(value, list | tuple) else []
    return [str(item).strip().lower() for item in items if str(item).strip()]


def allow_list() -> tuple[list[str], list[str]]:
    """The allowed addresses and domains from the secrets' `[access]` section, lower-case."""
    access = _secret_section("access")
    emails = _entries(access.get("allowed_emails"))
    domains = [d.removeprefix("@") for d in _entries(access.get("allowed_domains"))]
    return emails, domains


def is_allowed(email: str, emails: Iterable[str], domains: Iterable[str]) -> bool:
    """Whether this address is on the allow-list: one of `emails`, or exactly at one of `domains`.

    Case does not matter. A domain matches only itself, never its subdomains (`example.com` does not
    admit `ann@eu.example.com`), and an address without a name or a domain is never allowed. Empty
    lists allow nobody.
    """
    address = email.strip().lower()
    name, _, domain = address.partition("@")
    if address.count("@") != 1 or not name or not domain or any(c.isspace() for c in address):
        return False
    if address in {e.strip().lower() for e in emails}:
        return True
    return domain in {d.strip().lower().removeprefix("@") for d in domains}


def _signed_in_email() -> str | None:
    """The signed-in user's address as the provider gave it, or None when nobody is signed in."""
    if not sign_in_configured() or st.user.get("is_logged_in") is not True:
        return None
    return _text(st.user.get("email")) or None


def member() -> str | None:
    """The signed-in member's e-mail address (lower-case), or None.

    None when sign-in is not configured, nobody is signed in, the provider gave no address or marked
    it unverified (`email_verified = false`), or the address is not on the allow-list.
    """
    email = _signed_in_email()
    if email is None or st.user.get("email_verified") is False:
        return None
    emails, domains = allow_list()
    return email.lower() if is_allowed(email, emails, domains) else None


def _who() -> str:
    """How the signed-in user is named on screen: the address, or the provider's name or subject.

    Always shown with st.text: Markdown, even escaped, turns an address or a name such as
    `www.example.com` into a link.
    """
    for claim in ("email", "name", "sub"):
        if value := _text(st.user.get(claim)):
            return value
    return "an account without an e-mail address"


def sign_in_prompt(reason: str, *, key: str = "sign_in_prompt") -> None:
    """What a visitor who is not a member sees in place of members' content; nothing for a member.

    Signed out: the reason and a "Sign in" button (st.login). Signed in but not allowed: the reason,
    who they are signed in as, that this is not a member of the deployment, and a "Sign out" button
    (st.logout). An empty allow-list is said so. When sign-in is not configured: the reason and a
    note saying so. `key` tells the buttons of two prompts on one page apart.
    """
    if member() is not None:
        return
    st.info(plain(reason))
    if not sign_in_configured():
        st.caption(NOT_SET_UP)
        return
    emails, domains = allow_list()
    signed_in = st.user.get("is_logged_in") is True
    if signed_in:
        st.text(f"You are signed in as {_who()}, which is not a member of this deployment.")
    if not (emails or domains):
        st.warning(EMPTY_ALLOW_LIST)
    if signed_in:
        if st.button("Sign out", key=f"{key}_sign_out", icon=":material/logout:"):
            st.logout()
    elif st.button("Sign in", key=f"{key}_sign_in", icon=":material/login:", type="primary"):
        st.login()


def account_box() -> None:
    """In the sidebar: "Signed in as …" and a Sign-out button, or a small Sign-in button.

    Draws nothing when sign-in is not configured.
    """
    if not sign_in_configured():
        return
    with st.sidebar:
        if st.user.get("is_logged_in"):
            st.text(f"Signed in as {_who()}")
            if st.button("Sign out", key="account_sign_out", icon=":material/logout:", type="tertiary"):
                st.logout()
        elif st.button("Sign in", key="account_sign_in", icon=":material/login:", type="tertiary"):
            st.login()
