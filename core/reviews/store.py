"""Saving, opening, revoking and deleting reviews, and reading their history, in one database.

A review is found by its token, which only its link holds: the database keeps the token's SHA-256,
so a copy of the database opens no review. Ledger bytes are stored once per content; deleting the
last review that uses them deletes them too. Saves from several sessions or replicas at once all
land: the shared ledger row is inserted "if absent", and each review is its own row.

Action plans (see core.analysis.actions) are saved with their review, in the same transaction:

    proposed = propose(report.flags, report.decisions, ledger.alliances, report.as_of)
    # … the user edits the rows and keeps the ones to do …
    previous = store.plan_of(previous_review.id)     # its accepted actions, each with an `id`
    # … the user marks some of them Done or Dropped: {action id: "Done" | "Dropped"} …
    saved, token = store.save(new_review, actions=kept, outcomes=marks)
    store.actions_of(saved.id)   # the plan (follows_id empty, all Open), then the follow-ups

The follow-ups are computed at save time, as of the new review's date, by follow_up(): what the
user marked, else Overdue when the due day is before the review date, else Open.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, replace
from importlib import metadata
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from core.analysis.actions import follow_up
from core.model import ActionStatus
from core.reviews.database import guarded, new_engine, unavailable, upgrade
from core.reviews.history import ReviewFigures
from core.reviews.readback import UNREADABLE, UnreadableReview, ledger_problem, row_problem
from core.reviews.schema import actions as action_table
from core.reviews.schema import ledgers, reviews

# 32 random bytes: 256 bits, far beyond guessing; URL-safe base64 keeps the link short.
TOKEN_BYTES = 32
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,100}")
# A chain of reviews is walked at most this far back (a guard against a cycle, not a product limit).
MAX_HISTORY = 200


def product_version() -> str:
    """This product's version, recorded with each review."""
    try:
        return metadata.version("alliance-roi")
    except metadata.PackageNotFoundError:
        return "unknown"


def token_hash(token: str) -> str:
    """What the database keeps of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class NewReview:
    """What a user chose to save."""

    portfolio: str
    title: str
    review_date: dt.date
    ledger_name: str
    ledger: bytes
    settings: dict[str, list[str]]
    figures: dict[str, Any]
    saved_by: str | None = None
    previous_id: int | None = None
    mapping: dict[str, Any] | None = None


@dataclass(frozen=True)
class SavedReview:
    """A review as stored, without its ledger's bytes."""

    id: int
    portfolio: str
    title: str
    review_date: dt.date
    saved_at: dt.datetime
    saved_by: str | None
    product_version: str
    ledger_sha256: str
    ledger_name: str
    settings: dict[str, list[str]]
    figures: dict[str, Any]
    previous_id: int | None
    mapping: dict[str, Any] | None
    # Why the stored row cannot be used (core.reviews.readback), None when it can; a damaged
    # review's figures, settings and mapping are emptied, so nothing reads the damaged values.
    damaged: str | None = None

    def as_history(self) -> ReviewFigures:
        """The review as one column of the history."""
        return ReviewFigures(self.title, self.review_date, self.figures["alliances"])


_FIELDS = [c for c in reviews.c if c.name not in ("token_hash", "revoked_at")]

# A review's actions as `actions_of` and `plan_of` give them (the `due` of core.analysis.actions).
ACTIONS_COLUMNS = ["id", "alliance", "source", "action", "owner", "due", "status", "follows_id"]
_ACTION_FIELDS = [
    action_table.c.id,
    action_table.c.alliance,
    action_table.c.source,
    action_table.c.action,
    action_table.c.owner,
    action_table.c.due_date.label("due"),
    action_table.c.status,
    action_table.c.follows_id,
]
# An accepted action needs these; `source` and `owner` may be left out (kept empty).
_REQUIRED = ("alliance", "action", "due")


def plan_rows(accepted: pd.DataFrame | None) -> list[dict[str, Any]]:
    """The accepted actions as rows to store, all Open; refuses a row without alliance, text or due day.

    `accepted` has the columns of core.analysis.actions.propose (its `status` and `horizon` are not
    stored: an accepted action is Open, and its due day says when).
    """
    if accepted is None or accepted.empty:
        return []
    missing = [name for name in _REQUIRED if name not in accepted]
    if missing:
        raise ValueError(f"accepted actions need the columns {missing}")
    text = {
        name: (accepted[name] if name in accepted else pd.Series("", index=accepted.index))
        .fillna("")
        .astype(str)
        .str.strip()
        for name in ("alliance", "source", "action", "owner")
    }
    due = pd.to_datetime(accepted["due"], errors="coerce")
    blank = text["alliance"].eq("") | text["action"].eq("") | due.isna()
    if blank.any():
        rows = [int(position) + 1 for position in blank.to_numpy().nonzero()[0]]
        raise ValueError(f"accepted actions {rows} need an alliance, an action and a due day")
    frame = pd.DataFrame(text).assign(due_date=due.dt.date, status=str(ActionStatus.OPEN), follows_id=None)
    return frame.to_dict("records")


def _followed_rows(followed: pd.DataFrame) -> list[dict[str, Any]]:
    rows = followed.rename(columns={"due": "due_date"}).assign(
        status=followed["status"].astype(str), follows_id=followed["follows_id"].astype(int)
    )
    return [{**row, "follows_id": int(row["follows_id"])} for row in rows.to_dict("records")]


def _actions_frame(rows: list[sa.Row]) -> pd.DataFrame:
    frame = pd.DataFrame([tuple(row) for row in rows], columns=ACTIONS_COLUMNS)
    return frame.astype({"id": "int64", "follows_id": "Int64"})


def _saved(row: sa.Row) -> SavedReview:
    values = row._mapping
    read = SavedReview(**{c.name: values[c.name] for c in _FIELDS})
    problem = row_problem(dict(values))
    if problem is None:
        return read
    return replace(
        read, figures={"headline": {}, "alliances": []}, settings={}, mapping=None, damaged=problem
    )


def _lock_ledger(connection: sa.Connection, digest: str) -> None:
    """Make saves and deletes of the same ledger take turns, until this transaction ends.

    Without it, on PostgreSQL a delete could remove a ledger that a save found present a moment
    before (the save then fails on its foreign key), or fail itself on a review saved meanwhile;
    and two deletes of its last two reviews would each see the other and leave the bytes behind.
    SQLite needs nothing: its transactions begin as writers, one at a time.
    """
    if connection.dialect.name == "postgresql":
        # The digest's first 60 bits as the lock's key: distinct ledgers practically never share one.
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": int(digest[:15], 16)})


class ReviewStore:
    """The saved reviews of one database."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    @classmethod
    def at(cls, url: str) -> ReviewStore:
        """The store at a database URL, its schema created or upgraded first; ReviewsUnavailable when
        the database cannot be used (every method says so the same way)."""
        try:
            engine = new_engine(url)
        except OSError as exc:  # the SQLite file's folder cannot be made
            raise unavailable(url, exc) from exc
        try:
            upgrade(engine)
        except sa.exc.SQLAlchemyError as exc:
            engine.dispose()
            raise unavailable(url, exc) from exc
        return cls(engine)

    def _insert_ledger(self, connection: sa.Connection, content: bytes, now: dt.datetime) -> str:
        digest = hashlib.sha256(content).hexdigest()
        _lock_ledger(connection, digest)
        values = {"sha256": digest, "size": len(content), "content": content, "stored_at": now}
        insert: sa.Executable
        if connection.dialect.name == "postgresql":
            insert = postgresql.insert(ledgers).values(**values).on_conflict_do_nothing()
        else:
            insert = sqlite.insert(ledgers).values(**values).on_conflict_do_nothing()
        connection.execute(insert)
        return digest

    @guarded
    def save(
        self,
        review: NewReview,
        actions: pd.DataFrame | None = None,
        outcomes: Mapping[int, str] | None = None,
    ) -> tuple[SavedReview, str]:
        """Store a review, its ledger and its action plan; returns it with its link's token (shown once).

        `actions` are the accepted actions (columns of core.analysis.actions.propose, edited as the
        user likes), stored Open. When the review follows another (`previous_id`), each of that
        review's accepted actions is stored again as a follow-up: as `outcomes` marks it (action id
        → Done or Dropped), else Overdue when due before this review's date, else Open. Marks for a
        review that follows none, or for actions not the previous review's, raise ValueError.
        """
        planned = plan_rows(actions)
        if outcomes and review.previous_id is None:
            raise ValueError("outcomes are marks of the previous review's actions; this review follows none")
        token = secrets.token_urlsafe(TOKEN_BYTES)
        now = dt.datetime.now(dt.UTC)
        with self.engine.begin() as connection:
            digest = self._insert_ledger(connection, review.ledger, now)
            inserted = connection.execute(
                reviews.insert()
                .values(
                    token_hash=token_hash(token),
                    portfolio=review.portfolio,
                    title=review.title,
                    review_date=review.review_date,
                    saved_at=now,
                    saved_by=review.saved_by,
                    product_version=product_version(),
                    ledger_sha256=digest,
                    ledger_name=review.ledger_name,
                    settings=review.settings,
                    figures=review.figures,
                    previous_id=review.previous_id,
                    mapping=review.mapping,
                )
                .returning(*_FIELDS)
            ).one()
            rows = planned
            if review.previous_id is not None:
                previous = self._plan(connection, review.previous_id)
                rows = rows + _followed_rows(follow_up(previous, outcomes or {}, review.review_date))
            if rows:
                connection.execute(action_table.insert(), [{**row, "review_id": inserted.id} for row in rows])
        return _saved(inserted), token

    @staticmethod
    def _plan(connection: sa.Connection, review_id: int) -> pd.DataFrame:
        query = (
            sa.select(*_ACTION_FIELDS)
            .where(action_table.c.review_id == review_id, action_table.c.follows_id.is_(None))
            .order_by(action_table.c.id)
        )
        return _actions_frame(list(connection.execute(query)))

    @guarded
    def plan_of(self, review_id: int) -> pd.DataFrame:
        """The actions accepted with a review (its plan, all Open), in the order saved; columns
        ACTIONS_COLUMNS. Their `id`s are what the next review's `outcomes` mark."""
        with self.engine.connect() as connection:
            return self._plan(connection, review_id)

    @guarded
    def actions_of(self, review_id: int) -> pd.DataFrame:
        """All of a review's actions in the order saved: its plan (`follows_id` empty, Open), then
        its follow-ups of the previous review's plan (`follows_id` the action followed; Done,
        Dropped, Overdue or Open). Columns ACTIONS_COLUMNS; `due` a datetime.date. Empty for a
        review saved without actions, or before actions were kept."""
        query = (
            sa.select(*_ACTION_FIELDS)
            .where(action_table.c.review_id == review_id)
            .order_by(action_table.c.id)
        )
        with self.engine.connect() as connection:
            return _actions_frame(list(connection.execute(query)))

    @guarded
    def histories(self, chain: list[SavedReview]) -> list[ReviewFigures]:
        """The reviews as columns of the history, each with its actions (what `history` counts)."""
        ids = [review.id for review in chain]
        query = (
            sa.select(
                action_table.c.review_id,
                action_table.c.alliance,
                action_table.c.status,
                action_table.c.follows_id,
            )
            .where(action_table.c.review_id.in_(ids))
            .order_by(action_table.c.id)
        )
        held: dict[int, list[dict[str, Any]]] = {review_id: [] for review_id in ids}
        with self.engine.connect() as connection:
            for row in connection.execute(query):
                held[row.review_id].append(
                    {"alliance": row.alliance, "status": row.status, "follows_id": row.follows_id}
                )
        return [replace(review.as_history(), actions=held[review.id]) for review in chain]

    def _live(self, connection: sa.Connection, token: str) -> sa.Row | None:
        if not _TOKEN_SHAPE.fullmatch(token or ""):
            return None
        query = sa.select(*_FIELDS).where(
            reviews.c.token_hash == token_hash(token), reviews.c.revoked_at.is_(None)
        )
        return connection.execute(query).one_or_none()

    @guarded
    def open(self, token: str) -> SavedReview | None:
        """The review a link's token opens; None when there is none (unknown, revoked or deleted)."""
        with self.engine.connect() as connection:
            row = self._live(connection, token)
        return _saved(row) if row is not None else None

    @guarded
    def ledger_bytes(self, review: SavedReview) -> bytes:
        """The ledger a review was made on, byte for byte; UnreadableReview when the stored bytes are
        missing or not the ones saved (their SHA-256 is the review's)."""
        with self.engine.connect() as connection:
            content = connection.execute(
                sa.select(ledgers.c.content).where(ledgers.c.sha256 == review.ledger_sha256)
            ).scalar_one_or_none()
        problem = ledger_problem(content, review.ledger_sha256)
        if problem:
            raise UnreadableReview(f"{UNREADABLE}: {problem}.")
        return bytes(content or b"")

    @guarded
    def revoke(self, token: str) -> bool:
        """Stop a review's link from opening it; its figures stay for the history of signed-in members."""
        with self.engine.begin() as connection:
            result = connection.execute(
                reviews.update()
                .where(reviews.c.token_hash == token_hash(token), reviews.c.revoked_at.is_(None))
                .values(revoked_at=dt.datetime.now(dt.UTC))
            )
        return result.rowcount == 1

    @guarded
    def delete(self, review_id: int) -> bool:
        """Delete a review with its actions (and the follow-ups later reviews hold of them), and its
        ledger's bytes when no other review uses them."""
        with self.engine.begin() as connection:
            digest = connection.execute(
                sa.select(reviews.c.ledger_sha256).where(reviews.c.id == review_id)
            ).scalar_one_or_none()
            if digest is None:
                return False
            _lock_ledger(connection, digest)
            deleted = connection.execute(sa.delete(reviews).where(reviews.c.id == review_id)).rowcount
            if deleted != 1:
                return False
            # Checked after the lock: a save of the same ledger that committed meanwhile is seen.
            still_used = sa.exists().where(reviews.c.ledger_sha256 == digest)
            connection.execute(sa.delete(ledgers).where(ledgers.c.sha256 == digest, ~still_used))
        return True

    @guarded
    def earlier(self, review: SavedReview) -> list[SavedReview]:
        """The review and those it follows, oldest first: what its link may show as history.

        Revoked reviews are left out (their link no longer opens them, so neither does a later one);
        the live reviews before them are still shown.
        """
        chain, seen, revoked = [review], {review.id}, False
        previous = review.previous_id
        with self.engine.connect() as connection:
            while previous is not None and previous not in seen and len(seen) < MAX_HISTORY:
                row = connection.execute(
                    sa.select(*_FIELDS, reviews.c.revoked_at).where(reviews.c.id == previous)
                ).one_or_none()
                if row is None:
                    break
                seen.add(row.id)
                revoked = row.revoked_at is not None
                if not revoked:
                    chain.append(_saved(row))
                previous = row.previous_id
        return chain[::-1]

    @guarded
    def portfolios(self) -> list[tuple[str, int, dt.date]]:
        """Every portfolio with its number of reviews and latest review date (for signed-in members)."""
        query = (
            sa.select(reviews.c.portfolio, sa.func.count(), sa.func.max(reviews.c.review_date))
            .group_by(reviews.c.portfolio)
            .order_by(sa.func.max(reviews.c.review_date).desc())
        )
        with self.engine.connect() as connection:
            return [(str(p), int(n), d) for p, n, d in connection.execute(query)]

    @guarded
    def of_portfolio(self, portfolio: str) -> list[tuple[SavedReview, bool]]:
        """A portfolio's reviews, oldest first, each with whether its link was revoked (members only)."""
        query = (
            sa.select(*_FIELDS, reviews.c.revoked_at)
            .where(reviews.c.portfolio == portfolio)
            .order_by(reviews.c.review_date, reviews.c.saved_at, reviews.c.id)
        )
        with self.engine.connect() as connection:
            return [(_saved(row), row.revoked_at is not None) for row in connection.execute(query)]

    @guarded
    def by_id(self, review_id: int) -> SavedReview | None:
        """A review by its number (for signed-in members, who see every review)."""
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(*_FIELDS).where(reviews.c.id == review_id)).one_or_none()
        return _saved(row) if row is not None else None

    @guarded
    def new_token(self, review_id: int) -> str:
        """Give a review a new link (for members): the old link stops working, a revoked one reopens."""
        token = secrets.token_urlsafe(TOKEN_BYTES)
        with self.engine.begin() as connection:
            connection.execute(
                reviews.update()
                .where(reviews.c.id == review_id)
                .values(token_hash=token_hash(token), revoked_at=None)
            )
        return token
