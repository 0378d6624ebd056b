"""Test-only Streamlit script: a page whose content only members see (run by test_sign_in.py)."""

from __future__ import annotations

import streamlit as st

from ui import auth

st.title("Members only")
auth.account_box()
email = auth.member()
if email is None:
    auth.sign_in_prompt("Saved reviews belong to the members of this deployment: sign in to see them.")
else:
    st.subheader("Members' area")
    st.text(f"Reviews of {email}")
