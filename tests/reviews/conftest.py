"""Every store and migration test runs on both backends: an SQLite file and a PostgreSQL database.

`database_url` is parametrized `sqlite` / `postgresql` (ids and marks of the same names, so
`pytest -k postgresql` or `-m postgresql` picks the server's half). The PostgreSQL server starts
once per session, only when a PostgreSQL test runs; each test gets a database of its own.
"""

from __future__ import annotations

import pytest

from core.reviews.store import ReviewStore
from tests.db_servers import fresh_database, postgres_server

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres_server_url():
    with postgres_server() as url:
        yield url


@pytest.fixture(params=[pytest.param(name, id=name, marks=getattr(pytest.mark, name)) for name in BACKENDS])
def database_url(request, tmp_path):
    """An empty database: a new SQLite file, or a new database on the session's PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'reviews.sqlite3'}"
        return
    with fresh_database(request.getfixturevalue("postgres_server_url")) as url:
        yield url


@pytest.fixture
def store(database_url):
    """A store on the empty database, its schema migrated; its connections closed afterwards."""
    opened = ReviewStore.at(database_url)
    yield opened
    opened.engine.dispose()
