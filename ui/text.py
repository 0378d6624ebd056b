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


# GitHub-flavoured Markdown turns bare addresses (https://…, www.…, name@domain) into links even when
# escaped; an invisible word joiner before '://' and '@' and after 'www' breaks the pattern, not the text.
_AUTOLINK = re.compile(r"(?i)(?=://)|(?=@)|(?<=www)(?=\.)")
WORD_JOINER = "\u2060"


def plain(text: object) -> str:
    """`text` escaped for an element that renders Markdown, on one line, shown exactly as typed."""
    joined = _AUTOLINK.sub(WORD_JOINER, " ".join(str(text).split()))
    return _MARKDOWN.sub(r"\\\1", joined)


def plain_lines(text: object) -> str:
    """Like `plain`, keeping line breaks as paragraphs (for messages of several sentences)."""
    return "\n\n".join(plain(line) for line in str(text).split("\n") if line.strip())
