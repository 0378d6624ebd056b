"""A paragraph to reuse (the before/after case study), shown as a quote with a button that copies it."""

from __future__ import annotations

import html

import streamlit as st


def quote_with_copy(text: str, key: str) -> None:
    """A paragraph to reuse, shown as prose in a quote block with a button that copies it.

    The text is escaped as HTML (as element text and as the attribute the button copies from), so a
    name in it is shown and copied exactly as typed and never becomes markup or script.
    """
    element = f"copy-{key}"
    st.html(
        f"""
<figure style="margin: 0 0 0.5rem 0">
  <blockquote style="margin: 0; padding: 0.25rem 0 0.25rem 1rem; border-left: 0.25rem solid
      rgba(128, 128, 128, 0.5); line-height: 1.6">{html.escape(text)}</blockquote>
  <button type="button" id="{element}" data-copy="{html.escape(text, quote=True)}"
      style="margin: 0.5rem 0 0 1rem; padding: 0.25rem 0.75rem; border-radius: 0.5rem; cursor: pointer;
      border: 1px solid rgba(128, 128, 128, 0.5); background: transparent; color: inherit; font: inherit">
    Copy paragraph</button>
</figure>
<script>
(() => {{
  const button = document.getElementById("{element}");
  if (!button || button.dataset.bound) return;
  button.dataset.bound = "1";
  button.addEventListener("click", async () => {{
    try {{
      await navigator.clipboard.writeText(button.dataset.copy);
      button.textContent = "Copied";
    }} catch (error) {{
      button.textContent = "Copying was refused: select the text instead";
    }}
    setTimeout(() => {{ button.textContent = "Copy paragraph"; }}, 2500);
  }});
}})();
</script>
""",
        unsafe_allow_javascript=True,
    )
