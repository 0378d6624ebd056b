"""User text in Markdown elements: shown as typed, never as a link, an image or emphasis."""

from ui.text import WORD_JOINER, plain


def test_markdown_characters_are_escaped():
    assert (
        plain("![x](https://t) *a* `b` <i>") == r"\!\[x\](https" + WORD_JOINER + r"\://t) \*a\* \`b\` \<i\>"
    )


def test_bare_addresses_are_not_turned_into_links():
    # GitHub-flavoured Markdown links these even when ':' is escaped (seen in Chromium with Streamlit
    # 1.67); a word joiner before '://' and '@' and after 'www' breaks the pattern, invisibly.
    assert plain("https://evil.com") == "https" + WORD_JOINER + r"\://evil.com"
    assert plain("www.evil.com") == "www" + WORD_JOINER + ".evil.com"
    assert plain("WWW.evil.com") == "WWW" + WORD_JOINER + ".evil.com"
    assert plain("alice@example.com") == "alice" + WORD_JOINER + "@example.com"


def test_ordinary_text_is_unchanged_apart_from_escapes():
    assert plain("Note: ROI 12 % for Acme") == r"Note\: ROI 12 % for Acme"
    assert plain("  two\n lines ") == "two lines"
