"""The schema comes from Alembic's migrations only: on an empty database, again, from two processes
at once, and down to nothing and back; on an SQLite file and on PostgreSQL alike."""

from __future__ import annotations

import sqlite3
import threading

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from core.reviews.database import _config, current_revision, head_revision, new_engine, upgrade
from core.reviews.schema import metadata
from core.reviews.store import ReviewStore
from tests.reviews import new_review, open_in_a_process, run_together

REVIEW_COLUMNS = {
    "id",
    "token_hash",
    "portfolio",
    "title",
    "review_date",
    "saved_at",
    "saved_by",
    "product_version",
    "ledger_sha256",
    "ledger_name",
    "settings",
    "mapping",
    "figures",
    "previous_id",
    "revoked_at",
}


TABLES = {"alembic_version", "ledgers", "reviews", "actions"}
ACTION_COLUMNS = {
    "id",
    "review_id",
    "alliance",
    "source",
    "action",
    "owner",
    "due_date",
    "status",
    "follows_id",
}


def tables(engine: sa.Engine) -> set[str]:
    with engine.connect() as connection:
        return set(sa.inspect(connection).get_table_names())


def schema_changes(engine: sa.Engine) -> list:
    """What Alembic would still have to change for the database to match core.reviews.schema."""
    with engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), metadata)


def ddl_of(engine: sa.Engine) -> list[str]:
    """Records the schema-changing statements the engine runs from now on."""
    statements: list[str] = []

    @sa.event.listens_for(engine, "before_cursor_execute")
    def record(_connection, _cursor, statement, *_):
        if statement.lstrip().split(" ", 1)[0].upper() in {"CREATE", "ALTER", "DROP"}:
            statements.append(statement)

    return statements


def test_an_empty_database_is_upgraded_to_the_newest_migration(database_url):
    engine = new_engine(database_url)
    try:
        assert tables(engine) == set()
        assert current_revision(engine) is None
        upgrade(engine)
        assert head_revision() is not None
        assert current_revision(engine) == head_revision()
        assert tables(engine) == TABLES
        with engine.connect() as connection:
            inspector = sa.inspect(connection)
            assert {c["name"] for c in inspector.get_columns("reviews")} == REVIEW_COLUMNS
            assert {c["name"] for c in inspector.get_columns("ledgers")} == {
                "sha256",
                "size",
                "content",
                "stored_at",
            }
            assert {index["name"] for index in inspector.get_indexes("reviews")} >= {
                "ix_reviews_portfolio",
                "ix_reviews_ledger_sha256",
            }
            assert {c["name"] for c in inspector.get_columns("actions")} == ACTION_COLUMNS
            assert {index["name"] for index in inspector.get_indexes("actions")} >= {
                "ix_actions_review_id",
                "ix_actions_follows_id",
            }
            # Deleting a review deletes its actions; deleting an action its follow-ups.
            assert sorted(
                (fk["referred_table"], fk["constrained_columns"], fk["options"].get("ondelete"))
                for fk in inspector.get_foreign_keys("actions")
            ) == [("actions", ["follows_id"], "CASCADE"), ("reviews", ["review_id"], "CASCADE")]
        # The migrations build exactly the tables the store is written against.
        assert schema_changes(engine) == []
    finally:
        engine.dispose()


def test_upgrading_again_changes_nothing(database_url):
    store = ReviewStore.at(database_url)
    try:
        _, token = store.save(new_review(title="kept through upgrades"))
        executed = ddl_of(store.engine)
        upgrade(store.engine)
        upgrade(store.engine)
        # Alembic itself, asked directly, finds nothing to do either.
        with store.engine.begin() as connection:
            command.upgrade(_config(connection), "head")
        assert executed == []
        assert current_revision(store.engine) == head_revision()
        again = ReviewStore.at(database_url)
        assert again.open(token).title == "kept through upgrades"
        again.engine.dispose()
    finally:
        store.engine.dispose()


def test_two_processes_opening_a_fresh_database_at_once_migrate_it_once(database_url):
    opened = run_together(open_in_a_process, [(database_url,), (database_url,)])
    assert [result["revision"] for result in opened] == [head_revision()] * 2
    # One process ran the migration (one line per migration), the other found the schema current.
    ran = sorted(len(result["upgrades"]) for result in opened)
    assert ran[0] == 0
    assert ran[1] >= 1
    store = ReviewStore.at(database_url)
    try:
        assert tables(store.engine) == TABLES
        with store.engine.connect() as connection:
            assert connection.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
        saved, token = store.save(new_review())
        assert store.open(token) == saved
    finally:
        store.engine.dispose()


def test_downgrade_to_nothing_and_back(database_url):
    engine = new_engine(database_url)
    try:
        upgrade(engine)
        with engine.begin() as connection:
            command.downgrade(_config(connection), "base")
        assert current_revision(engine) is None
        assert tables(engine) == {"alembic_version"}

        with engine.begin() as connection:
            command.upgrade(_config(connection), "head")
        assert current_revision(engine) == head_revision()
        assert tables(engine) == TABLES
        assert schema_changes(engine) == []
        store = ReviewStore(engine)
        saved, token = store.save(new_review(title="after the round trip"))
        assert store.open(token).title == "after the round trip"
    finally:
        engine.dispose()


def test_opening_a_new_sqlite_file_waits_for_a_writer_instead_of_failing(tmp_path):
    """What the second of two processes meets when both open a new file: the first one writing
    before the file is in WAL mode. The store should wait (its busy timeout is 30 s), not fail."""
    path = tmp_path / "reviews.sqlite3"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("CREATE TABLE elsewhere (x INTEGER)")
    done = threading.Timer(0.3, other.execute, args=("COMMIT",))
    done.start()
    try:
        store = ReviewStore.at(f"sqlite:///{path}")
        try:
            assert current_revision(store.engine) == head_revision()
        finally:
            store.engine.dispose()
    finally:
        done.join()
        other.close()
