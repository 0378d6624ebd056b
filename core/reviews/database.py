"""Where saved reviews live: the database URL, its engine, and the migrations that shape it.

Without configuration the database is an embedded SQLite file under `data/` (nothing to set up);
a PostgreSQL URL (`ALLIANCE_ROI_DATABASE_URL`, or `database_url` in Streamlit's secrets, which the
app passes in) moves it to a server that several app replicas can share. The schema is created and
upgraded only by Alembic, under a lock, so replicas starting together migrate once.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

URL_VARIABLE = "ALLIANCE_ROI_DATABASE_URL"
DATA_DIR_VARIABLE = "ALLIANCE_ROI_DATA_DIR"
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"
SQLITE_FILE = "reviews.sqlite3"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any constant works; it only has to be the same in every replica (PostgreSQL advisory locks).
_MIGRATION_LOCK = 4_172_026


def database_url(configured: str | None = None) -> str:
    """The database to use: the configured URL, the environment's, else the embedded SQLite file."""
    url = (configured or os.environ.get(URL_VARIABLE) or "").strip()
    if not url:
        # Made when the store is opened (new_engine), where a folder that cannot be made is said.
        folder = Path(os.environ.get(DATA_DIR_VARIABLE) or DEFAULT_DATA_DIR)
        return f"sqlite:///{folder / SQLITE_FILE}"
    # psycopg 3 is the installed driver; URLs copied from a host's panel often name no driver.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def describe(url: str) -> str:
    """The database for a message: its kind and place, never its password."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite file {parsed.database}"
    return f"PostgreSQL database {parsed.database} on {parsed.host}:{parsed.port or 5432}"


class ReviewsUnavailable(Exception):
    """The database of saved reviews cannot be used now (unreachable, stopped, locked, full, not a
    database); the message says which database and why, never its password."""


def unavailable(url: str | sa.URL, error: BaseException) -> ReviewsUnavailable:
    """The one message for a database that cannot be used, whatever went wrong with it."""
    shown = url.render_as_string(hide_password=True) if isinstance(url, sa.URL) else url
    return ReviewsUnavailable(
        f"Saved reviews are unavailable: the {describe(shown)} could not be used "
        f"({type(error).__name__}{_why(error)}). Figures still work; try again in a moment, "
        "or ask whoever runs this deployment."
    )


def _why(error: BaseException) -> str:
    """The driver's own words when they say what a person can act on (full, locked, refused)."""
    if isinstance(error, OSError):
        return f": {error.strerror or error}"
    text = str(getattr(error, "orig", None) or "").casefold()
    for said in ("disk is full", "database is locked", "not a database", "unable to open", "refused"):
        if said in text:
            return f": {said}"
    if "disk i/o" in text:
        return ": disk I/O error"
    return ""


class _HasEngine(Protocol):
    engine: sa.Engine


_Store = TypeVar("_Store", bound=_HasEngine)
_Args = ParamSpec("_Args")
_Result = TypeVar("_Result")


def guarded(
    method: Callable[Concatenate[_Store, _Args], _Result],
) -> Callable[Concatenate[_Store, _Args], _Result]:
    """A store's method whose database errors become ReviewsUnavailable: a lost connection, a
    stopped server, a locked, full or damaged file is said as such, not shown as a traceback. The
    engine's pool checks connections before use, so the next call after the database is back works."""

    @functools.wraps(method)
    def call(self: _Store, *args: _Args.args, **kwargs: _Args.kwargs) -> _Result:
        try:
            return method(self, *args, **kwargs)
        except sa.exc.SQLAlchemyError as exc:
            raise unavailable(self.engine.url, exc) from exc

    return call


# A server that does not answer is said within seconds, not after the operating system's minutes.
CONNECT_TIMEOUT_SECONDS = 5


def new_engine(url: str) -> sa.Engine:
    """An engine for the URL; SQLite connections wait for each other's writes instead of failing."""
    backend = sa.make_url(url).get_backend_name()
    if backend != "sqlite":
        timeout = {"connect_timeout": CONNECT_TIMEOUT_SECONDS} if backend == "postgresql" else {}
        return sa.create_engine(url, pool_pre_ping=True, connect_args=timeout)
    file = sa.make_url(url).database
    if file and file != ":memory:":
        Path(file).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": 30})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: object, _record: object) -> None:
        # The driver's own transaction handling would start writes as readers and fail under
        # concurrent saves; transactions are begun below instead, as writers from the start.
        dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        for pragma in ("foreign_keys=ON", "busy_timeout=30000"):
            cursor.execute(f"PRAGMA {pragma}")
        _switch_to_wal(cursor)
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _switch_to_wal(cursor: Any, patience: float = 30.0) -> None:
    """WAL lets readers go on while a review is saved. Switching a new file to it does not wait for
    the busy timeout when another process is writing at that moment ("database is locked"), so the
    switch is retried for as long as a write would be waited for."""
    deadline = time.monotonic() + patience
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _config(connection: sa.Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    """The newest migration of this version of the product."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def current_revision(engine: sa.Engine) -> str | None:
    """The migration the database is at, None when it has no schema yet."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: sa.Engine) -> None:
    """Create or upgrade the schema to this version's head, once even when replicas start together."""
    if current_revision(engine) == head_revision():
        return
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Held until this transaction ends: a second replica waits, then finds the schema current.
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        command.upgrade(_config(connection), "head")
