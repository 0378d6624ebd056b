"""User text shown as text: names, sheets, headers and link values never become Markdown or HTML.

Streamlit renders Markdown in messages, captions, labels and expander titles, so a partner named
`![x](https://tracker)` or a link value `[sign in again](https://evil)` would otherwise become an
image or a link inside the app's own message box. Every Markdown character is escaped instead.
"""

from __future__ import annotations

import re

# Characters that make links, images, emphasis, code, HTML, LaTeX, tables or Streamlit's directives
# (:material/…:, :red[…]). Punctuation that only matters at the start of a line (lists, headings)
# is safe mid-sentence, and messages never start with user text.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>!:$|~#])")


def plain(text: object) -> str:
    """`text` escaped for an element that renders Markdown, on one line, shown exactly as typed."""
    return _MARKDOWN.sub(r"\\\1", " ".join(str(text).split()))


def plain_lines(text: object) -> str:
    """Like `plain`, keeping line breaks as paragraphs (for messages of several sentences)."""
    return "\n\n".join(plain(line) for line in str(text).split("\n") if line.strip())
