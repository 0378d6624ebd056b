"""Database servers for tests: one throwaway PostgreSQL cluster per test session.

`postgres_server()` yields the URL of a server whose user may create databases: the one named by
ALLIANCE_ROI_TEST_POSTGRES_URL when it is set, else a cluster made with the installed server
binaries (initdb and pg_ctl in a temporary directory, trust authentication, a free port on
127.0.0.1, its socket in that directory), stopped and removed at the end. As root the server runs
as the `postgres` user, as PostgreSQL refuses to run as root.

Without either (no binaries, a configured server that does not answer, a cluster that does not
start within 30 s: the reason holds the server's log), the tests that need the server are skipped
with the reason, except where ALLIANCE_ROI_REQUIRE_SERVICES=1 (CI sets it): there they fail, so a
missing server cannot pass for a green run.
"""

from __future__ import annotations

import os
import pwd
import re
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import pytest
import sqlalchemy as sa

from core.reviews.database import database_url

POSTGRES_URL_VARIABLE = "ALLIANCE_ROI_TEST_POSTGRES_URL"
REQUIRE_VARIABLE = "ALLIANCE_ROI_REQUIRE_SERVICES"
START_TIMEOUT = 30.0
SERVER_BINARIES = Path("/usr/lib/postgresql")


def unavailable(reason: str) -> NoReturn:
    """Skip for want of a service, or fail where services are required (CI)."""
    if os.environ.get(REQUIRE_VARIABLE) == "1":
        pytest.fail(f"{reason} ({REQUIRE_VARIABLE}=1: required services must run)", pytrace=False)
    pytest.skip(reason)


def postgres_bindir() -> Path | None:
    """The newest installed PostgreSQL server binaries (Debian's layout first, then the PATH)."""
    found = [path.parent for path in SERVER_BINARIES.glob("*/bin/initdb")]
    found.sort(key=lambda bindir: [int(part) for part in re.findall(r"\d+", bindir.parent.name)])
    if found:
        return found[-1]
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def admin_engine(url: str) -> sa.Engine:
    """An engine outside transactions (CREATE/DROP DATABASE), keeping no connection open."""
    return sa.create_engine(url, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)


def connects(url: str) -> str | None:
    """None when the server answers a query, else why not."""
    engine = admin_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as error:
        return str(error.orig or error).strip()
    finally:
        engine.dispose()
    return None


@contextmanager
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server for this session (see the module's docstring)."""
    configured = os.environ.get(POSTGRES_URL_VARIABLE, "").strip()
    if configured:
        url = database_url(configured)
        problem = connects(url)
        if problem:
            unavailable(f"{POSTGRES_URL_VARIABLE} names a server that does not answer: {problem}")
        yield url
        return
    bindir = postgres_bindir()
    if bindir is None:
        unavailable(
            f"no PostgreSQL server binaries (apt-get install postgresql) and {POSTGRES_URL_VARIABLE} is not set"
        )
    with _throwaway_cluster(bindir) as url:
        yield url


@contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """A new, empty database on the server, dropped afterwards (with any connection left to it)."""
    name = f"t_{uuid.uuid4().hex}"
    engine = admin_engine(server_url)
    with engine.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield sa.make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def _as_postgres(folder: Path) -> list[str]:
    """The command prefix that runs the server binaries as a user PostgreSQL accepts."""
    if os.geteuid() != 0:
        return []
    try:
        user = pwd.getpwnam("postgres")
    except KeyError:
        unavailable("running as root, and there is no `postgres` user to run a PostgreSQL server as")
    if shutil.which("runuser") is None:
        unavailable("running as root without `runuser` to start PostgreSQL as the `postgres` user")
    os.chown(folder, user.pw_uid, user.pw_gid)
    return ["runuser", "-u", "postgres", "--"]


def _run(command: list[str], folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=START_TIMEOUT)


def _log(path: Path) -> str:
    try:
        return path.read_text(errors="replace")[-4000:]
    except OSError:
        return "(no server log)"


@contextmanager
def _throwaway_cluster(bindir: Path) -> Iterator[str]:
    folder = Path(tempfile.mkdtemp(prefix="alliance-roi-pg-"))
    data, log = folder / "data", folder / "server.log"
    try:
        prefix = _as_postgres(folder)
        made = _run(
            [*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust"]
            + ["--no-sync", "--no-locale", "--encoding=UTF8", "--no-instructions"],
            folder,
        )
        if made.returncode != 0:
            unavailable(f"initdb failed ({made.returncode}):\n{made.stdout}{made.stderr}")
        url = _start(bindir, prefix, data, log, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    try:
        yield url
    finally:
        stop = [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-w", "-t", "20"]
        if _run([*stop, "-m", "fast", "stop"], folder).returncode != 0:
            _run([*stop, "-m", "immediate", "stop"], folder)
        shutil.rmtree(folder, ignore_errors=True)


def _start(bindir: Path, prefix: list[str], data: Path, log: Path, folder: Path) -> str:
    """Start the cluster on a free port (another on a clash) and wait until it answers queries."""
    failures = []
    for _attempt in range(3):
        port = free_port()
        # Throwaway data: no fsync, no full-page writes, no waiting for commits to reach the disk.
        options = f"-h 127.0.0.1 -p {port} -k {shlex.quote(str(folder))} -F"
        options += " -c full_page_writes=off -c synchronous_commit=off -c max_connections=60"
        started = _run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options]
            + ["-w", "-t", str(int(START_TIMEOUT)), "start"],
            folder,
        )
        url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
        if started.returncode == 0:
            deadline = time.monotonic() + START_TIMEOUT
            while (problem := connects(url)) is not None and time.monotonic() < deadline:
                time.sleep(0.1)
            if problem is None:
                return url
            failures.append(f"port {port}: the server does not answer queries: {problem}")
            _run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], folder)
        else:
            failures.append(f"port {port}: pg_ctl start failed:\n{started.stdout}{started.stderr}")
        if "already in use" not in _log(log):
            break
    unavailable("PostgreSQL did not start:\n" + "\n".join(failures) + f"\n--- server log ---\n{_log(log)}")


class Cluster:
    """A throwaway PostgreSQL cluster a test may stop and start again on the same port (faults)."""

    def __init__(self, bindir: Path, prefix: list[str], data: Path, log: Path, folder: Path, url: str):
        self.bindir, self.prefix, self.data, self.log, self.folder, self.url = (
            bindir,
            prefix,
            data,
            log,
            folder,
            url,
        )

    def _ctl(self, *arguments: str) -> subprocess.CompletedProcess[str]:
        return _run(
            [*self.prefix, str(self.bindir / "pg_ctl"), "-D", str(self.data), *arguments], self.folder
        )

    def stop(self, mode: str = "immediate") -> None:
        """Stop the server (`immediate`: as a crash would, no shutdown checkpoint)."""
        stopped = self._ctl("-w", "-t", "20", "-m", mode, "stop")
        assert stopped.returncode == 0, stopped.stdout + stopped.stderr

    def start(self) -> None:
        """Start it again on its port and wait until it answers queries."""
        port = sa.make_url(self.url).port
        options = f"-h 127.0.0.1 -p {port} -k {shlex.quote(str(self.folder))} -F -c max_connections=60"
        started = self._ctl("-l", str(self.log), "-o", options, "-w", "-t", str(int(START_TIMEOUT)), "start")
        assert started.returncode == 0, started.stdout + started.stderr + _log(self.log)
        deadline = time.monotonic() + START_TIMEOUT
        while (problem := connects(self.url)) is not None:
            assert time.monotonic() < deadline, problem
            time.sleep(0.1)

    def postmaster_pid(self) -> int:
        """The server's main process (its first line of postmaster.pid)."""
        return int((self.data / "postmaster.pid").read_text().split()[0])


@contextmanager
def own_cluster() -> Iterator[Cluster]:
    """A cluster of this test's own, to stop, kill and restart (skipped without server binaries)."""
    bindir = postgres_bindir()
    if bindir is None:
        unavailable("no PostgreSQL server binaries (apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="alliance-roi-pg-"))
    data, log = folder / "data", folder / "server.log"
    try:
        prefix = _as_postgres(folder)
        made = _run(
            [*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust"]
            + ["--no-sync", "--no-locale", "--encoding=UTF8", "--no-instructions"],
            folder,
        )
        if made.returncode != 0:
            unavailable(f"initdb failed ({made.returncode}):\n{made.stdout}{made.stderr}")
        cluster = Cluster(bindir, prefix, data, log, folder, _start(bindir, prefix, data, log, folder))
        # A crash must lose no committed save here (the shared cluster trades that for speed, with
        # options on its command line): started again without them.
        cluster.stop("fast")
        cluster.start()
        yield cluster
    finally:
        stop = [*_as_postgres(folder), str(bindir / "pg_ctl"), "-D", str(data), "-w", "-t", "20"]
        if data.exists():
            _run([*stop, "-m", "immediate", "stop"], folder)
        shutil.rmtree(folder, ignore_errors=True)
