"""The reading worker killed in the middle of a parse (#31, "also run"): SIGKILL, as the kernel's
OOM killer or an operator would send it. The caller gets a LedgerError with a plain message (no
traceback, no hang), and the next read in the same process works: the session goes on."""

from __future__ import annotations

import os
import signal
import time

import pytest

from core.errors import LedgerError
from core.reading.isolation import read_isolated, start_isolated
from core.reading.ledger import read_ledger

# 300,000 entries: the worker needs a second or more, time enough to be killed while reading.
BIG = ("Date,Alliance,Kind,Amount\n" + "2025-01-10,A,Revenue,3\n2025-01-10,A,Cost,1\n" * 150_000).encode()
SMALL = b"Date,Alliance,Kind,Amount\n2025-01-10,A,Revenue,300\n2025-01-10,A,Cost,100\n"


def test_a_worker_killed_mid_parse_gives_a_message_and_the_next_read_works():
    running = start_isolated(read_ledger, BIG, "big.csv")
    time.sleep(0.5)
    worker = running._worker  # the one process to kill: the test plays the OOM killer
    assert worker.is_alive(), "the read ended before it could be killed: make BIG bigger"
    os.kill(worker.pid, signal.SIGKILL)
    started = time.monotonic()
    with pytest.raises(LedgerError) as said:
        running.result()
    assert time.monotonic() - started < 10
    assert "'big.csv'" in str(said.value) and "Traceback" not in str(said.value)
    # The same process reads the next file: 300 revenue, 100 cost.
    ledger = read_isolated(SMALL, "small.csv")
    assert sorted(ledger.entries["amount"].tolist()) == [100.0, 300.0]
