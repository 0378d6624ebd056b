"""The list of saved reviews a visitor may reopen, and finding one in it by words and dates.

Signed-in members list every review in the store. Without sign-in the store lists nothing (a review
is reachable only by its link); the browser that saved a review keeps its link, and its list is what
that browser hands back: untrusted text, so each entry is checked before it is shown.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from core.reviews.store import SavedReview

# A link's token as the store makes them (secrets.token_urlsafe); anything else is not a link.
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,200}")
TEXT_CHARS = 200  # a kept title or portfolio longer than any the save form takes is cut
KEPT_AT_MOST = 200  # entries a browser keeps, the latest


@dataclass(frozen=True)
class ListedReview:
    """One saved review in a list: what identifies it to a person, and how to reopen it."""

    title: str
    portfolio: str
    review_date: dt.date
    saved_at: dt.datetime | None
    token: str | None = None  # the link's token, for a review kept by the browser that saved it
    review_id: int | None = None  # the store's number, for a signed-in member
    revoked: bool = False


def matching(
    listed: Iterable[ListedReview], words: str = "", start: dt.date | None = None, end: dt.date | None = None
) -> list[ListedReview]:
    """The reviews whose title or portfolio holds every word (any case), dated from `start` to `end`
    (both included), latest review date first."""
    wanted = words.casefold().split()
    found = [
        review
        for review in listed
        if all(word in f"{review.title} {review.portfolio}".casefold() for word in wanted)
        and (start is None or review.review_date >= start)
        and (end is None or review.review_date <= end)
    ]
    return sorted(found, key=lambda r: (r.review_date, r.saved_at or dt.datetime.min), reverse=True)


def from_store(rows: Iterable[tuple[SavedReview, bool]]) -> list[ListedReview]:
    """The store's reviews (each with whether its link was revoked) as a list for members."""
    return [
        ListedReview(
            title=review.title,
            portfolio=review.portfolio,
            review_date=review.review_date,
            saved_at=_naive_utc(review.saved_at),
            review_id=review.id,
            revoked=revoked,
        )
        for review, revoked in rows
    ]


def _naive_utc(moment: dt.datetime) -> dt.datetime:
    """A moment in UTC without its zone: the store and browsers write both kinds, and they are
    sorted together."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None) if moment.tzinfo else moment


def kept_entry(token: str, title: str, portfolio: str, review_date: dt.date, saved_at: dt.datetime) -> dict:
    """What the browser keeps of a review it saved (JSON-ready)."""
    return {
        "token": token,
        "title": title,
        "portfolio": portfolio,
        "review_date": review_date.isoformat(),
        "saved_at": saved_at.replace(microsecond=0).isoformat(),
    }


def from_browser(entries: object) -> list[ListedReview]:
    """The browser's kept entries that are well formed (a token, a title, a date), each once; the
    rest are ignored, since the list is a convenience and the link itself is checked when opened."""
    if not isinstance(entries, list):
        return []
    listed: dict[str, ListedReview] = {}
    for entry in entries[-KEPT_AT_MOST:]:
        review = _listed(entry) if isinstance(entry, Mapping) else None
        if review is not None and review.token is not None:
            listed[review.token] = review
    return list(listed.values())


def _listed(entry: Mapping) -> ListedReview | None:
    token, title, portfolio = entry.get("token"), entry.get("title"), entry.get("portfolio")
    if not (isinstance(token, str) and TOKEN.fullmatch(token) and isinstance(title, str)):
        return None
    try:
        day = dt.date.fromisoformat(str(entry.get("review_date")))
    except ValueError:
        return None
    try:
        saved_at: dt.datetime | None = _naive_utc(dt.datetime.fromisoformat(str(entry.get("saved_at"))))
    except ValueError:
        saved_at = None
    return ListedReview(
        title=" ".join(title.split())[:TEXT_CHARS],
        portfolio=" ".join(str(portfolio or "").split())[:TEXT_CHARS],
        review_date=day,
        saved_at=saved_at,
        token=token,
    )
