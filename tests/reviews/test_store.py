"""The review store on a real SQLite file and a real PostgreSQL database: the same tests on both.

Every expected value is written here by hand; the only computed one is a SHA-256, from hashlib.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import secrets
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from core.reviews.store import ReviewStore
from tests.reviews import LEDGER, OTHER_LEDGER, count, new_review, run_together, save_in_a_process

UTC = dt.UTC


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def utc(moment: dt.datetime) -> dt.datetime:
    """SQLite gives back a naive UTC time where PostgreSQL gives an aware one: the same instant."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


class TestSaveAndOpen:
    SETTINGS = {
        "currency": ["EUR"],
        "alliances": ["Acme GmbH", "Zürich Partners", "東京 Alliance"],
        "goal": [],
    }
    FIGURES = {
        "headline": {"roi": None, "revenue": 1200.5, "cost": -400, "best": "Société Générale — «Pro»"},
        "alliances": [
            # Records as core.reviews.snapshot writes them (what reading back checks), odd text inside.
            {
                "alliance": "Acme GmbH",
                "roi": 2.0,
                "band": "Strong",
                "quartile": "Q1",
                "goal_status": "",
                "flags": [],
            },
            {
                "alliance": "東京 Alliance 📈",
                "roi": None,
                "band": "",
                "quartile": "",
                "goal_status": "No goals",
                "flags": ["No goals defined"],
            },
        ],
        "empty": {},
        "nested": [[1, 2], [None, True, False]],
    }
    MAPPING = {
        "sheet": "Buchungen",
        "header_row": 2,
        "columns": {"date": "Booked on", "amount": "Betrag (€)"},
        "revenue_only": False,
    }

    def test_a_saved_review_reopens_by_its_token_exactly_as_saved(self, store):
        before = dt.datetime.now(UTC)
        saved, token = store.save(
            new_review(
                portfolio="Partners DACH",
                title="Q1 2026 — Überblick",
                review_date=dt.date(2026, 3, 31),
                ledger_name="Hauptbuch März.xlsx",
                settings=self.SETTINGS,
                figures=self.FIGURES,
                saved_by="anna.müller@example.org",
                mapping=self.MAPPING,
            )
        )
        after = dt.datetime.now(UTC)

        opened = store.open(token)

        assert opened == saved
        assert opened.portfolio == "Partners DACH"
        assert opened.title == "Q1 2026 — Überblick"
        assert opened.review_date == dt.date(2026, 3, 31)
        assert type(opened.review_date) is dt.date
        assert opened.ledger_name == "Hauptbuch März.xlsx"
        assert opened.saved_by == "anna.müller@example.org"
        assert opened.previous_id is None
        assert opened.ledger_sha256 == sha256(LEDGER)
        assert opened.settings == {
            "currency": ["EUR"],
            "alliances": ["Acme GmbH", "Zürich Partners", "東京 Alliance"],
            "goal": [],
        }
        assert opened.figures == {
            "headline": {"roi": None, "revenue": 1200.5, "cost": -400, "best": "Société Générale — «Pro»"},
            "alliances": [
                {
                    "alliance": "Acme GmbH",
                    "roi": 2.0,
                    "band": "Strong",
                    "quartile": "Q1",
                    "goal_status": "",
                    "flags": [],
                },
                {
                    "alliance": "東京 Alliance 📈",
                    "roi": None,
                    "band": "",
                    "quartile": "",
                    "goal_status": "No goals",
                    "flags": ["No goals defined"],
                },
            ],
            "empty": {},
            "nested": [[1, 2], [None, True, False]],
        }
        assert opened.mapping == {
            "sheet": "Buchungen",
            "header_row": 2,
            "columns": {"date": "Booked on", "amount": "Betrag (€)"},
            "revenue_only": False,
        }
        assert before <= utc(opened.saved_at) <= after
        assert store.ledger_bytes(opened) == LEDGER

    def test_optional_fields_stay_empty(self, store):
        saved, token = store.save(new_review())
        opened = store.open(token)
        assert (opened.saved_by, opened.previous_id, opened.mapping) == (None, None, None)

    def test_a_ledger_comes_back_byte_for_byte(self, store):
        # Every byte value, a NUL first: a binary column, not text.
        ledger = bytes(range(256)) * 40
        saved, _ = store.save(new_review(ledger=ledger))
        assert store.ledger_bytes(saved) == ledger

    def test_by_id_finds_revoked_reviews_too(self, store):
        saved, token = store.save(new_review(title="Found by number"))
        store.revoke(token)
        assert store.by_id(saved.id).title == "Found by number"
        assert store.by_id(saved.id + 1000) is None


class TestTokens:
    @pytest.mark.parametrize(
        "token",
        [
            "",
            "short",
            "a" * 101,
            "spaces are not in a token at all, though it is long",
            "' OR '1'='1' -- and some more characters",
            "../../../../etc/passwd/and/more/characters",
            "Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9v==",
        ],
        ids=["empty", "short", "long", "spaces", "quote", "path", "padding"],
    )
    def test_a_malformed_token_opens_nothing(self, store, token):
        store.save(new_review())
        assert store.open(token) is None

    def test_an_unknown_token_opens_nothing(self, store):
        _, token = store.save(new_review())
        assert store.open(secrets.token_urlsafe(32)) is None
        # One character off is another token.
        assert store.open(token[:-1] + ("A" if token[-1] != "A" else "B")) is None

    def test_a_revoked_token_opens_nothing_and_revokes_once(self, store):
        _, kept = store.save(new_review(title="kept"))
        _, revoked = store.save(new_review(title="revoked"))
        assert store.revoke(revoked) is True
        assert store.open(revoked) is None
        assert store.revoke(revoked) is False
        assert store.revoke(secrets.token_urlsafe(32)) is False
        assert store.open(kept).title == "kept"

    def test_a_deleted_reviews_token_opens_nothing(self, store):
        saved, token = store.save(new_review())
        assert store.delete(saved.id) is True
        assert store.open(token) is None

    def test_a_token_holds_at_least_128_random_bits(self, store):
        tokens = [store.save(new_review())[1] for _ in range(20)]
        assert len(set(tokens)) == 20
        for token in tokens:
            assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
            # URL-safe base64 without padding: 6 bits a character.
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            assert len(raw) * 8 >= 128
            assert len(token) >= 22
        # Random, not a counter: any two tokens differ in most of their characters.
        for first, second in zip(tokens, tokens[1:], strict=False):
            assert sum(a == b for a, b in zip(first, second, strict=False)) < len(first) // 2

    def test_the_database_keeps_only_the_tokens_hash(self, store, database_url):
        _, token = store.save(new_review(title="secret link"))
        _, other = store.save(new_review(title="other link"))
        store.revoke(other)

        text = everything_stored(store.engine)

        assert token not in text
        assert other not in text
        # Not a long part of it either (e.g. the token without its last characters).
        assert token[:20] not in text
        assert sha256(token.encode()) in text
        with store.engine.connect() as connection:
            hashes = connection.execute(sa.text("SELECT token_hash FROM reviews ORDER BY id")).scalars()
            assert list(hashes) == [sha256(token.encode()), sha256(other.encode())]
        if database_url.startswith("sqlite"):
            store.engine.dispose()
            path = Path(sa.make_url(database_url).database)
            for file in path.parent.glob(path.name + "*"):  # the database, its WAL and shared memory
                assert token.encode() not in file.read_bytes()

    def test_a_new_token_replaces_the_old_one(self, store):
        saved, old = store.save(new_review(title="relinked"))
        new = store.new_token(saved.id)
        assert new != old
        assert store.open(old) is None
        assert store.open(new).id == saved.id
        assert sha256(new.encode()) in everything_stored(store.engine)
        assert sha256(old.encode()) not in everything_stored(store.engine)

    def test_a_new_token_for_no_review_opens_nothing(self, store):
        saved, token = store.save(new_review())
        assert store.open(store.new_token(saved.id + 1000)) is None
        assert store.open(token) == saved

    def test_a_new_token_reopens_a_revoked_review(self, store):
        saved, old = store.save(new_review(title="revoked, then relinked"))
        store.revoke(old)
        new = store.new_token(saved.id)
        assert store.open(new).title == "revoked, then relinked"
        assert store.open(old) is None


def everything_stored(engine: sa.Engine) -> str:
    """Every value of every table (Alembic's included), as text: what a copy of the database shows."""
    values: list[str] = []
    with engine.connect() as connection:
        for table in sa.inspect(connection).get_table_names():
            for row in connection.execute(sa.text(f"SELECT * FROM {table}")):
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        values.append(bytes(value).decode("latin-1"))
                    else:
                        values.append(json.dumps(value, default=str, ensure_ascii=False))
    assert values
    return "\n".join(values)


class TestLedgersStoredOnce:
    def test_the_same_bytes_saved_twice_are_stored_once(self, store):
        first, _ = store.save(new_review(title="first", ledger_name="a.csv"))
        second, _ = store.save(new_review(title="second", ledger_name="b.csv"))
        assert first.ledger_sha256 == second.ledger_sha256 == sha256(LEDGER)
        assert count(store.engine, "ledgers") == 1
        with store.engine.connect() as connection:
            row = connection.execute(sa.text("SELECT sha256, size FROM ledgers")).one()
        # Header 26 bytes, revenue line 29, cost line 26 (newlines included).
        assert tuple(row) == (sha256(LEDGER), 81)
        assert store.ledger_bytes(first) == store.ledger_bytes(second) == LEDGER

    def test_different_bytes_are_stored_apart(self, store):
        first, _ = store.save(new_review(ledger=LEDGER))
        second, _ = store.save(new_review(ledger=OTHER_LEDGER))
        assert count(store.engine, "ledgers") == 2
        assert store.ledger_bytes(first) == LEDGER
        assert store.ledger_bytes(second) == OTHER_LEDGER


class TestDelete:
    def test_the_ledger_goes_with_its_last_review(self, store):
        first, first_token = store.save(new_review(title="first"))
        second, second_token = store.save(new_review(title="second"))
        other, _ = store.save(new_review(title="other", ledger=OTHER_LEDGER))

        assert store.delete(first.id) is True
        assert store.open(first_token) is None
        assert store.by_id(first.id) is None
        assert count(store.engine, "ledgers") == 2
        assert store.ledger_bytes(store.open(second_token)) == LEDGER

        assert store.delete(second.id) is True
        assert count(store.engine, "reviews") == 1
        assert count(store.engine, "ledgers") == 1
        assert store.ledger_bytes(other) == OTHER_LEDGER

    def test_deleting_what_is_not_there_says_so(self, store):
        saved, _ = store.save(new_review())
        assert store.delete(saved.id) is True
        assert store.delete(saved.id) is False
        assert store.delete(saved.id + 1000) is False
        assert count(store.engine, "ledgers") == 0

    def test_a_review_that_followed_a_deleted_one_stays_and_follows_nothing(self, store):
        first, _ = store.save(new_review(title="first"))
        second, token = store.save(new_review(title="second", previous_id=first.id))
        assert store.delete(first.id) is True
        assert store.open(token).previous_id is None
        assert [r.title for r in store.earlier(store.open(token))] == ["second"]


class TestHistory:
    def chain(self, store, titles: list[str]) -> list[tuple]:
        saved, previous = [], None
        for day, title in enumerate(titles, start=1):
            review, token = store.save(
                new_review(title=title, review_date=dt.date(2026, 1, day), previous_id=previous)
            )
            saved.append((review, token))
            previous = review.id
        return saved

    def test_earlier_walks_back_to_the_first_review_oldest_first(self, store):
        saved = self.chain(store, ["Q1", "Q2", "Q3", "Q4"])
        last = store.open(saved[-1][1])
        assert [r.title for r in store.earlier(last)] == ["Q1", "Q2", "Q3", "Q4"]
        assert [r.title for r in store.earlier(saved[1][0])] == ["Q1", "Q2"]
        assert [r.title for r in store.earlier(saved[0][0])] == ["Q1"]

    def test_earlier_shows_no_revoked_review(self, store):
        saved = self.chain(store, ["Q1", "Q2", "Q3"])
        store.revoke(saved[1][1])
        titles = [r.title for r in store.earlier(saved[2][0])]
        assert "Q2" not in titles
        assert titles[-1] == "Q3"

    def test_a_revoked_review_in_the_middle_hides_only_itself(self, store):
        saved = self.chain(store, ["Q1", "Q2", "Q3"])
        store.revoke(saved[1][1])
        assert [r.title for r in store.earlier(saved[2][0])] == ["Q1", "Q3"]

    def test_earlier_leaves_out_a_revoked_first_review(self, store):
        saved = self.chain(store, ["Q1", "Q2", "Q3"])
        store.revoke(saved[0][1])
        assert [r.title for r in store.earlier(saved[2][0])] == ["Q2", "Q3"]

    def test_portfolios_latest_review_first_with_their_counts(self, store):
        for portfolio, day in [
            ("Alpha", dt.date(2026, 1, 31)),
            ("Gamma", dt.date(2025, 12, 31)),
            ("Alpha", dt.date(2026, 3, 31)),
            ("Beta", dt.date(2026, 2, 28)),
            ("Gamma", dt.date(2025, 9, 30)),
            ("Gamma", dt.date(2025, 6, 30)),
        ]:
            _, token = store.save(new_review(portfolio=portfolio, review_date=day))
        store.revoke(token)  # a revoked review still counts for members
        assert store.portfolios() == [
            ("Alpha", 2, dt.date(2026, 3, 31)),
            ("Beta", 1, dt.date(2026, 2, 28)),
            ("Gamma", 3, dt.date(2025, 12, 31)),
        ]

    def test_no_reviews_no_portfolios(self, store):
        assert store.portfolios() == []
        assert store.of_portfolio("Alpha") == []

    def test_a_portfolios_reviews_by_date_then_by_saving_order(self, store):
        store.save(new_review(portfolio="Alpha", title="March", review_date=dt.date(2026, 3, 31)))
        store.save(new_review(portfolio="Beta", title="Beta's", review_date=dt.date(2026, 2, 1)))
        _, token = store.save(
            new_review(portfolio="Alpha", title="January", review_date=dt.date(2026, 1, 31))
        )
        store.save(new_review(portfolio="Alpha", title="March again", review_date=dt.date(2026, 3, 31)))
        store.revoke(token)
        assert [(r.title, revoked) for r, revoked in store.of_portfolio("Alpha")] == [
            ("January", True),
            ("March", False),
            ("March again", False),
        ]
        assert [r.title for r, _ in store.of_portfolio("Beta")] == ["Beta's"]
        assert store.of_portfolio("alpha") == []


class TestAtTheSameTime:
    """Saves from several sessions (each its own engine, as in separate replicas) all land."""

    def threads(self, work: list[Callable[[], object]]) -> list[object]:
        """Run each piece of work in its own thread, released together; any exception fails."""
        barrier = threading.Barrier(len(work))
        results: list[object] = [None] * len(work)
        errors: list[BaseException] = []

        def run(index: int) -> None:
            try:
                barrier.wait(timeout=30)
                results[index] = work[index]()
            except BaseException as error:  # noqa: BLE001 - reported below, with its thread
                errors.append(error)

        running = [threading.Thread(target=run, args=(index,)) for index in range(len(work))]
        for thread in running:
            thread.start()
        for thread in running:
            thread.join(timeout=60)
        assert not errors, errors
        assert not any(thread.is_alive() for thread in running)
        return results

    def stores(self, database_url, number: int) -> list[ReviewStore]:
        return [ReviewStore.at(database_url) for _ in range(number)]

    def test_eight_sessions_saving_the_same_ledger_at_once_lose_nothing(self, store, database_url):
        sessions = self.stores(database_url, 8)
        try:
            saved = self.threads(
                [
                    lambda s=session, i=index: s.save(new_review(title=f"session {i}"))
                    for index, session in enumerate(sessions)
                ]
            )
        finally:
            for session in sessions:
                session.engine.dispose()
        assert count(store.engine, "reviews") == 8
        assert count(store.engine, "ledgers") == 1
        for index, (review, token) in enumerate(saved):
            assert store.open(token).title == f"session {index}"
            assert store.ledger_bytes(review) == LEDGER
        assert len({review.id for review, _ in saved}) == 8

    def test_three_processes_saving_the_same_ledger_at_once_lose_nothing(self, store, database_url):
        saved = run_together(save_in_a_process, [(database_url, f"process {n}") for n in range(3)])
        assert count(store.engine, "reviews") == 3
        assert count(store.engine, "ledgers") == 1
        for n, review in enumerate(saved):
            opened = store.open(review["token"])
            assert opened.title == f"process {n}"
            assert store.ledger_bytes(opened) == LEDGER

    def test_saves_and_deletes_of_reviews_sharing_a_ledger_at_once(self, store, database_url):
        doomed = [store.save(new_review(title=f"doomed {n}"))[0] for n in range(4)]
        sessions = self.stores(database_url, 8)
        try:
            work: list[Callable[[], object]] = [
                lambda s=sessions[n], r=doomed[n]: s.delete(r.id) for n in range(4)
            ] + [lambda s=sessions[n], i=n: s.save(new_review(title=f"new {i}")) for n in range(4, 8)]
            results = self.threads(work)
        finally:
            for session in sessions:
                session.engine.dispose()
        assert results[:4] == [True] * 4
        assert count(store.engine, "reviews") == 4
        assert count(store.engine, "ledgers") == 1
        for _, token in results[4:]:
            assert store.ledger_bytes(store.open(token)) == LEDGER


class Pause:
    """Holds one session's transaction at a chosen statement until released (an engine event)."""

    def __init__(self, engine: sa.Engine, event: str, matches: Callable[[str], bool]) -> None:
        self.reached, self.release = threading.Event(), threading.Event()

        def hold(*args: object) -> None:
            statement = args[2] if event == "before_cursor_execute" else "COMMIT"
            if matches(str(statement)) and not self.reached.is_set():
                self.reached.set()
                assert self.release.wait(timeout=30), "never released"

        sa.event.listen(engine, event, hold)


def blocked_or_done(engine: sa.Engine, thread: threading.Thread, seconds: float = 0.5) -> None:
    """Wait until a thread is waiting for a lock in PostgreSQL or has finished (SQLite: a short wait)."""
    if engine.dialect.name != "postgresql":
        thread.join(timeout=seconds)
        return
    query = sa.text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        " AND wait_event_type IN ('Lock', 'LWLock') AND pid <> pg_backend_pid()"
    )
    with engine.connect() as connection:
        for _ in range(int(seconds / 0.02)):
            if not thread.is_alive() or connection.execute(query).scalar_one():
                return
            thread.join(timeout=0.02)


class TestSaveMeetsDelete:
    """A save and a delete of another review of the same ledger, interleaved at each step."""

    def interleave(self, store, database_url, pause_at: str) -> tuple[list, object]:
        first, _ = store.save(new_review(title="deleted"))
        saving, deleting = ReviewStore.at(database_url), ReviewStore.at(database_url)
        if pause_at == "commit":
            pause = Pause(saving.engine, "commit", lambda _: True)
        else:
            pause = Pause(saving.engine, "before_cursor_execute", lambda sql: sql.startswith(pause_at))
        outcome: dict[str, object] = {}

        def run(name: str, work: Callable[[], object]) -> threading.Thread:
            def target() -> None:
                try:
                    outcome[name] = work()
                except Exception as error:  # noqa: BLE001 - the test reports it
                    outcome[name] = error

            thread = threading.Thread(target=target)
            thread.start()
            return thread

        try:
            saver = run("save", lambda: saving.save(new_review(title="saved meanwhile")))
            assert pause.reached.wait(timeout=30)
            deleter = run("delete", lambda: deleting.delete(first.id))
            blocked_or_done(store.engine, deleter)
            pause.release.set()
            saver.join(timeout=30)
            deleter.join(timeout=30)
        finally:
            pause.release.set()
            saving.engine.dispose()
            deleting.engine.dispose()
        return outcome["delete"], outcome["save"]

    @pytest.mark.parametrize(
        "pause_at",
        ["INSERT INTO ledgers", "INSERT INTO reviews", "commit"],
        ids=["before-ledger", "before-review", "before-commit"],
    )
    def test_the_new_review_keeps_its_ledger(self, store, database_url, pause_at):
        deleted, saved = self.interleave(store, database_url, pause_at)
        assert deleted is True, deleted
        assert isinstance(saved, tuple), saved
        review, token = saved
        assert store.open(token).title == "saved meanwhile"
        assert store.ledger_bytes(review) == LEDGER
        assert count(store.engine, "reviews") == 1
        assert count(store.engine, "ledgers") == 1

    def test_two_deletes_of_the_last_reviews_of_a_ledger_remove_it(self, store, database_url):
        first, _ = store.save(new_review(title="first"))
        second, _ = store.save(new_review(title="second"))
        holding, other = ReviewStore.at(database_url), ReviewStore.at(database_url)
        pause = Pause(holding.engine, "commit", lambda _: True)
        outcome: dict[str, object] = {}
        try:
            held = threading.Thread(target=lambda: outcome.update(first=holding.delete(first.id)))
            held.start()
            assert pause.reached.wait(timeout=30)
            meanwhile = threading.Thread(target=lambda: outcome.update(second=other.delete(second.id)))
            meanwhile.start()
            blocked_or_done(store.engine, meanwhile)
            pause.release.set()
            held.join(timeout=30)
            meanwhile.join(timeout=30)
        finally:
            pause.release.set()
            holding.engine.dispose()
            other.engine.dispose()
        assert outcome == {"first": True, "second": True}
        assert count(store.engine, "reviews") == 0
        assert count(store.engine, "ledgers") == 0
