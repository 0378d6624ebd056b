"""An optional password for private deployments, set as APP_PASSWORD in Streamlit's secrets.

Wrong attempts are throttled per session and per network address: after two, each further attempt
must wait twice as long as the one before (2, 4, 8 … up to 300 seconds), so guessing is slow even
from many sessions at once. Uploads reach Streamlit before this gate runs; a deployment that must be
private puts authentication in front of it (see the README).
"""

from __future__ import annotations

import hmac
import math
import threading
import time
import uuid
from dataclasses import dataclass, field

import streamlit as st

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
