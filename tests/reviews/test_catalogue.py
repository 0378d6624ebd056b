"""Finding a saved review again (#32.5): words in its title or portfolio and a span of review dates,
latest first; and what a browser hands back of the reviews it kept, checked before it is shown."""

from __future__ import annotations

import datetime as dt

from core.reviews.catalogue import ListedReview, from_browser, kept_entry, matching

TOKEN_A, TOKEN_B = "A" * 22, "b-_9" * 6


def review(title: str, portfolio: str, day: str, saved: str | None = None) -> ListedReview:
    return ListedReview(
        title, portfolio, dt.date.fromisoformat(day), dt.datetime.fromisoformat(saved) if saved else None
    )


LISTED = [
    review("2026 Q2 review", "Cloud partners", "2026-06-30", "2026-07-01T09:00"),
    review("2026 Q3 review", "Cloud partners", "2026-09-30", "2026-10-01T09:00"),
    review("Board pack", "Resellers EMEA", "2026-09-30", "2026-10-02T09:00"),
    review("2026 Q1 review", "Resellers EMEA", "2026-03-31"),
]


def titles(found: list[ListedReview]) -> list[str]:
    return [r.title for r in found]


def test_every_word_must_be_in_the_title_or_the_portfolio_in_any_case():
    assert titles(matching(LISTED, "cloud q3")) == ["2026 Q3 review"]
    assert titles(matching(LISTED, "EMEA")) == ["Board pack", "2026 Q1 review"]
    assert matching(LISTED, "cloud board") == []


def test_review_dates_from_start_to_end_both_included_latest_first():
    found = matching(LISTED, "", dt.date(2026, 6, 30), dt.date(2026, 9, 30))
    # Two on 2026-09-30: the one saved later first.
    assert titles(found) == ["Board pack", "2026 Q3 review", "2026 Q2 review"]
    assert titles(matching(LISTED, "", None, dt.date(2026, 3, 31))) == ["2026 Q1 review"]


def test_what_the_browser_kept_is_read_back_when_well_formed():
    kept = [
        kept_entry(
            TOKEN_A, "Q3 <b>review</b>", "Cloud", dt.date(2026, 9, 30), dt.datetime(2026, 10, 1, 9, 30)
        ),
        {"token": "short", "title": "x", "review_date": "2026-01-01"},  # not a token
        {"token": TOKEN_B, "title": "No date", "review_date": "soon"},
        {"token": TOKEN_B, "title": 7, "review_date": "2026-01-01"},  # a title that is not text
        "not an entry",
        kept_entry(TOKEN_A, "Q3 again", "Cloud", dt.date(2026, 9, 30), dt.datetime(2026, 10, 1, 10, 0)),
    ]
    (only,) = from_browser(kept)
    assert only.token == TOKEN_A and only.title == "Q3 again"  # the same link once, its latest entry
    assert only.saved_at == dt.datetime(2026, 10, 1, 10, 0)
    assert from_browser({"token": TOKEN_A}) == [] and from_browser(None) == []


def test_text_is_kept_as_text_and_cut_and_zoned_times_sorted_with_plain_ones():
    zoned = {
        "token": TOKEN_B,
        "title": "  Q4 \n <script>x</script> ",
        "portfolio": "P" * 500,
        "review_date": "2026-12-31",
        "saved_at": "2027-01-01T10:00:00+02:00",
    }
    plain = kept_entry(TOKEN_A, "Q3", "P", dt.date(2026, 12, 31), dt.datetime(2027, 1, 1, 9, 0))
    found = matching(from_browser([zoned, plain]))
    assert [r.title for r in found] == ["Q3", "Q4 <script>x</script>"]  # 09:00 UTC after 08:00 UTC
    assert found[1].saved_at == dt.datetime(2027, 1, 1, 8, 0) and len(found[1].portfolio) == 200
