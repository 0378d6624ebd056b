"""An optional password for private deployments, set as APP_PASSWORD in Streamlit's secrets."""

from __future__ import annotations

import hmac

import streamlit as st


def configured_password() -> str | None:
    """The password from st.secrets, or None when the deployment has none (open to anyone with the link)."""
    try:
        value = st.secrets.get("APP_PASSWORD")
    except Exception:  # no secrets file at all: a public deployment
        return None
    return str(value) if value else None


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
        if hmac.compare_digest(given.encode(), expected.encode()):
            st.session_state["_signed_in"] = True
            st.session_state.pop("password", None)
            st.rerun()
        st.error("That password is not right.")
    st.stop()
