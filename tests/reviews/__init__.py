"""Tests of saved reviews (core.reviews) on SQLite and PostgreSQL, and helpers they share."""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import traceback
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from core.reviews.database import current_revision
from core.reviews.store import NewReview, ReviewStore

LEDGER = b"Date,Alliance,Kind,Amount\n2026-01-15,Acme,Revenue,1200\n2026-02-03,Acme,Cost,-400\n"
OTHER_LEDGER = b"Date,Alliance,Kind,Amount\n2026-01-15,Zeta,Revenue,900\n"


def new_review(**changes: Any) -> NewReview:
    """A review to save; tests change only what they look at."""
    values: dict[str, Any] = {
        "portfolio": "Alliances EMEA",
        "title": "2026 Q1 review",
        "review_date": dt.date(2026, 3, 31),
        "ledger_name": "ledger.csv",
        "ledger": LEDGER,
        "settings": {"currency": ["EUR"]},
        # Shaped as core.reviews.snapshot writes figures (what reading a review back checks).
        "figures": {
            "headline": {"roi": 2.0},
            "alliances": [
                {
                    "alliance": "Acme",
                    "roi": 2.0,
                    "band": "Strong",
                    "quartile": "",
                    "goal_status": "",
                    "flags": [],
                }
            ],
        },
    }
    values.update(changes)
    return NewReview(**values)


def count(engine: sa.Engine, table: str) -> int:
    with engine.connect() as connection:
        return connection.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()


# Processes are forked from a server that imported the store once, so they start in milliseconds.
# The fork server is one per test session, shared with core.reading.isolation's workers: whichever
# starts it first sets what it imports, so both lists are given here (the reader's, then ours).
PROCESSES = multiprocessing.get_context("forkserver")
PRELOAD = ["core.reading.ledger", "core.reviews.store", "tests.reviews"]


def run_together(
    work: Callable[..., Any], arguments: list[tuple[Any, ...]], timeout: float = 60
) -> list[Any]:
    """Run `work(barrier, *args)` in one process per argument tuple; returns their results in order.

    `work` sets itself up, waits on the barrier (all processes pass it together), then does what
    is under test. A failure in any process fails the test with that process's traceback.
    """
    PROCESSES.set_forkserver_preload(PRELOAD)
    barrier = PROCESSES.Barrier(len(arguments))
    results = PROCESSES.Queue()
    processes = [
        PROCESSES.Process(target=_report, args=(work, barrier, results, index, args))
        for index, args in enumerate(arguments)
    ]
    for process in processes:
        process.start()
    try:
        reported = dict(results.get(timeout=timeout) for _ in processes)
    finally:
        for process in processes:
            process.join(timeout=timeout)
            if process.is_alive():
                process.kill()
                process.join()
        results.close()
        results.join_thread()
    failures = [value for value in reported.values() if isinstance(value, str) and "Traceback" in value]
    assert not failures, "\n".join(failures)
    assert [process.exitcode for process in processes] == [0] * len(processes)
    return [reported[index] for index in range(len(processes))]


def _report(work: Callable[..., Any], barrier: Any, results: Any, index: int, args: tuple[Any, ...]) -> None:
    try:
        results.put((index, work(barrier, *args)))
    except BaseException:
        barrier.abort()
        results.put((index, traceback.format_exc()))


def save_in_a_process(barrier: Any, url: str, title: str) -> dict[str, Any]:
    """Save a review from a process of its own, as another replica would (see run_together)."""
    store = ReviewStore.at(url)
    try:
        barrier.wait(timeout=30)
        saved, token = store.save(new_review(title=title))
    finally:
        store.engine.dispose()
    return {"id": saved.id, "token": token}


def open_in_a_process(barrier: Any, url: str) -> dict[str, Any]:
    """Open the store on a database that may have no schema yet: says whether this process migrated."""
    ran: list[str] = []

    class Record(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            ran.append(record.getMessage())

    logger = logging.getLogger("alembic.runtime.migration")
    logger.setLevel(logging.INFO)
    logger.addHandler(Record())
    barrier.wait(timeout=30)
    store = ReviewStore.at(url)
    try:
        revision = current_revision(store.engine)
    finally:
        store.engine.dispose()
    return {"upgrades": [line for line in ran if line.startswith("Running upgrade")], "revision": revision}
