"""Faults under saved reviews (#31, "also run"): a PostgreSQL server killed (SIGKILL, every one of
its processes) in the middle of saves, and the disk under the SQLite file full (a real 2 MB tmpfs).
Each save is whole or absent, a failed one says so in ReviewsUnavailable's words, and the store
works again once the server is back or space is freed."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from core.reviews.database import ReviewsUnavailable
from core.reviews.store import ReviewStore
from tests.db_servers import fresh_database, own_cluster
from tests.reviews import count, new_review


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if parent == pid:
                found.append(int(entry.name))
    return found


def kill_server(cluster) -> None:
    """SIGKILL the postmaster and every backend, as the kernel's OOM killer or a power cut would."""
    main = cluster.postmaster_pid()
    for pid in [main, *_children(main)]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while Path(f"/proc/{main}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    (cluster.data / "postmaster.pid").unlink(missing_ok=True)


@pytest.mark.postgresql
def test_a_server_killed_during_saves_leaves_each_review_whole_or_absent():
    ledger = os.urandom(24 * 1024 * 1024)  # a big file: the save is under way for a while
    with own_cluster() as cluster, fresh_database(cluster.url) as url:
        store = ReviewStore.at(url)
        outcomes: list[object] = []

        def save() -> None:
            try:
                outcomes.append(store.save(new_review(ledger=ledger, title="Under way"))[1])
            except ReviewsUnavailable as unavailable:
                outcomes.append(unavailable)

        saving = threading.Thread(target=save)
        saving.start()
        time.sleep(0.4)
        kill_server(cluster)
        saving.join(60)
        assert len(outcomes) == 1
        print("save under way when the server was killed:", type(outcomes[0]).__name__)
        cluster.start()
        # Whole or absent: a review row exists exactly when its token came back, with every byte.
        if isinstance(outcomes[0], ReviewsUnavailable):
            assert "Saved reviews are unavailable" in str(outcomes[0])
            assert count(store.engine, "reviews") == 0 and count(store.engine, "ledgers") == 0
        else:
            opened = store.open(outcomes[0])
            assert opened is not None and store.ledger_bytes(opened) == ledger
        # The pool's dead connections are replaced: the next save works without a restart.
        saved, token = store.save(new_review(title="After the crash"))
        assert store.open(token) == saved
        store.engine.dispose()


@pytest.fixture
def small_disk(tmp_path):
    """A real 2 MB file system (tmpfs) for the SQLite file; skipped where it cannot be mounted."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"tmpfs could not be mounted: {mounted.stderr.decode(errors='replace')}")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_under_the_sqlite_file_is_said_and_nothing_is_half_written(small_disk):
    store = ReviewStore.at(f"sqlite:///{small_disk / 'reviews.sqlite3'}")
    first, token = store.save(new_review(title="Fits"))
    filler = small_disk / "filler"
    with filler.open("wb") as out:  # the rest of the disk taken by another file
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError:
            pass
    with pytest.raises(ReviewsUnavailable, match="disk is full") as full:
        store.save(new_review(title="Too big", ledger=os.urandom(1024 * 1024)))
    print("disk full:", full.value)
    filler.unlink()
    assert count(store.engine, "reviews") == 1 and count(store.engine, "ledgers") == 1
    assert store.open(token) == first
    with store.engine.connect() as connection:
        assert connection.execute(sa.text("PRAGMA integrity_check")).scalar_one() == "ok"
    # Space freed: the same save goes through.
    saved, again = store.save(
        new_review(title="Too big", ledger=os.urandom(1024 * 1024), review_date=dt.date(2026, 4, 1))
    )
    assert store.open(again) == saved and count(store.engine, "reviews") == 2
    store.engine.dispose()
