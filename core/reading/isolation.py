"""Reading a ledger in a separate worker process with a memory cap and a time limit.

A spreadsheet library may abort the whole process on a hostile file (a single cell at XFD1048576
makes the reader ask for 512 GiB and abort, which no `try` can catch). Reading in a child process
keeps the server, and every other visitor's session, alive: whatever the child does, the parent
gets either the ledger or a `LedgerError` with a plain message.

Workers are forked from a clean server process (`forkserver`) that has already imported the reader,
so a read starts in milliseconds and never inherits the web server's threads.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.spawn
import os
import pickle
import resource
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from core.errors import LedgerError
from core.reading.memory import release_free_memory

if TYPE_CHECKING:
    from core.reading.ledger import Ledger

T = TypeVar("T")

# Reading expands a workbook several times over (XML, cells, frames); 4 GiB reads Excel's largest
# sheet (1,048,576 rows) with room to spare, and keeps one upload from starving the server.
DEFAULT_MEMORY_BYTES = 4 * 1024**3
DEFAULT_SECONDS = 180.0
# openpyxl reads a sheet's first rows (core.reading.preview); imported lazily there, it cost each
# upload 0.13 s in its worker. core.reading.main_script: the program's main script, imported once
# in the fork server (see that module).
_PRELOAD = ["core.reading.main_script", "core.reading.ledger", "openpyxl"]
# Where the fork server finds the main script's path (it inherits this process's environment).
MAIN_SCRIPT_VARIABLE = "ALLIANCE_ROI_MAIN_SCRIPT"


@dataclass(frozen=True)
class Limits:
    """What one read may use: bytes of address space, and seconds of wall-clock time."""

    memory_bytes: int = DEFAULT_MEMORY_BYTES
    seconds: float = DEFAULT_SECONDS

    @classmethod
    def from_environment(cls) -> Limits:
        """Limits from ALLIANCE_ROI_READ_MEMORY_MB and ALLIANCE_ROI_READ_SECONDS, else the defaults."""
        megabytes = os.environ.get("ALLIANCE_ROI_READ_MEMORY_MB")
        seconds = os.environ.get("ALLIANCE_ROI_READ_SECONDS")
        return cls(
            memory_bytes=int(megabytes) * 1024**2 if megabytes else DEFAULT_MEMORY_BYTES,
            seconds=float(seconds) if seconds else DEFAULT_SECONDS,
        )


_fork_directly = False


def fork_directly() -> None:
    """Declare this process single-threaded (the command): workers are then forked from it and share
    its imports, instead of coming from a fork server that imports pandas a second time."""
    global _fork_directly
    _fork_directly = True


def _context() -> multiprocessing.context.BaseContext:
    if _fork_directly and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    # A web server runs threads; forking it could copy a lock held by another thread.
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        main_path = multiprocessing.spawn.get_preparation_data("worker").get("init_main_from_path")
        if main_path:
            # Read by core.reading.main_script in the fork server, which inherits this environment.
            os.environ[MAIN_SCRIPT_VARIABLE] = main_path
        context.set_forkserver_preload(_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


def _child(
    sender: Connection, task: Callable[..., Any], args: tuple, options: dict, memory_bytes: int
) -> None:
    """Runs in the worker: cap memory, run the task, send back the result (`_send_result`) or
    ("error", error), ("memory", None), ("defect", what failed)."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A reader that cannot allocate prints its own backtrace before aborting; the parent says why
    # in one sentence instead, so the worker's stderr goes nowhere.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        result = task(*args, **options)
        release_free_memory()  # the read's scratch memory, before the result is sent
        _send_result(sender, result)
    except LedgerError as exc:
        sender.send(("error", exc))
    except MemoryError:
        sender.send(("memory", None))
    except Exception as exc:  # a defect of ours: reported as such, never as the file's fault
        sender.send(("defect", f"{type(exc).__name__}: {exc}"))
    finally:
        sender.close()


def _send_result(sender: Connection, result: object) -> None:
    """Send ("ok", buffer sizes), the pickled result, then each of its large buffers as it lies in
    memory: pickled in-band, a 1M-row ledger would first be copied whole into one more bytes object."""
    views: list[memoryview] = []

    def out_of_band(buffer: pickle.PickleBuffer) -> bool:
        try:
            views.append(buffer.raw())
        except BufferError:  # not contiguous: pickled in-band, as before
            return True
        return False

    body = pickle.dumps(result, protocol=5, buffer_callback=out_of_band)
    sender.send(("ok", [view.nbytes for view in views]))
    sender.send_bytes(body)
    for view in views:
        sender.send_bytes(view)


def _receive_result(receiver: Connection, sizes: list[int]) -> object:
    """The result `_send_result` sent; its buffers land in writable memory, as pandas expects."""
    body = receiver.recv_bytes()
    buffers = []
    for size in sizes:
        buffer = bytearray(size)
        receiver.recv_bytes_into(buffer)
        buffers.append(buffer)
    return pickle.loads(body, buffers=buffers)


class ReaderDefect(RuntimeError):
    """The reader failed in a way that is a defect of ours, not the file's; says what failed."""


def read_isolated(data: bytes, filename: str, limits: Limits | None = None, **options: Any) -> Ledger:
    """`read_ledger(data, filename, **options)` in a worker process; LedgerError if it cannot finish."""
    from core.reading.ledger import read_ledger

    return run_isolated(read_ledger, data, filename, limits=limits, **options)


def previews_isolated(data: bytes, filename: str, limits: Limits | None = None) -> dict[str, list[list[str]]]:
    """`sheet_previews(data, filename)` in a worker process, for the column-mapping step."""
    from core.reading.ledger import sheet_previews

    return run_isolated(sheet_previews, data, filename, limits=limits)


def run_isolated(
    task: Callable[..., T], data: bytes, filename: str, limits: Limits | None = None, **options: Any
) -> T:
    """`task(data, filename, **options)` in a worker process; LedgerError if it cannot finish."""
    return start_isolated(task, data, filename, limits=limits, **options).result()


def start_isolated(
    task: Callable[..., T], data: bytes, filename: str, limits: Limits | None = None, **options: Any
) -> Running[T]:
    """Start `task(data, filename, **options)` in a worker process and return at once: the caller
    does its own work meanwhile (the command loads the report's modules) and then asks for `result()`."""
    limits = limits or Limits.from_environment()
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(  # type: ignore[attr-defined]
        target=_child, args=(sender, task, (data, filename), options, limits.memory_bytes), daemon=True
    )
    worker.start()
    sender.close()
    return Running(worker, receiver, filename, limits)


class Running(Generic[T]):
    """A task under way in a worker process: `result()` waits for it, `stop()` gives it up."""

    def __init__(self, worker: Any, receiver: Connection, filename: str, limits: Limits) -> None:
        self._worker = worker
        self._receiver = receiver
        self._filename = filename
        self._limits = limits
        self._started = time.monotonic()

    def result(self) -> T:
        """The task's result, or the LedgerError (ReaderDefect) saying why there is none."""
        worker, limits = self._worker, self._limits
        try:
            # The time limit counts from the start: work done here meanwhile does not extend it.
            if not self._receiver.poll(max(0.0, limits.seconds - (time.monotonic() - self._started))):
                raise LedgerError(_too_slow(self._filename, limits))
            kind, payload = self._receiver.recv()
            if kind == "ok":
                payload = _receive_result(self._receiver, payload)
        except EOFError:
            kind, payload = "died", None
        finally:
            self.stop()
        if kind == "died":
            # Killed by a signal: an allocator that cannot allocate aborts (SIGABRT), the kernel kills
            # (SIGKILL), a capped address space can also end in SIGSEGV. An ordinary exit is ours.
            crashed = worker.exitcode is not None and worker.exitcode < 0
            kind, payload = ("memory", None) if crashed else ("defect", f"worker exit code {worker.exitcode}")
        if kind == "defect":
            raise ReaderDefect(str(payload))
        if kind == "ok":
            return payload  # type: ignore[no-any-return]
        if kind == "error":
            raise payload
        raise LedgerError(_too_big(self._filename, limits))

    def stop(self) -> None:
        """End the worker (if it still runs) and close the pipe; safe to call more than once."""
        self._receiver.close()
        if self._worker.is_alive():
            self._worker.kill()
        self._worker.join(5)


def _too_big(filename: str, limits: Limits) -> str:
    gigabytes = limits.memory_bytes / 1024**3
    return (
        f"'{filename}' needs more than {gigabytes:g} GB of memory to read, more than a ledger should: "
        "it may hold a cell far outside its data (check the used range, e.g. a stray value in the last "
        "row or column) or a huge sheet. Delete the empty rows and columns after the data and save again."
    )


def _too_slow(filename: str, limits: Limits) -> str:
    return (
        f"'{filename}' took longer than {limits.seconds:g} seconds to read and was stopped. Save the "
        "ledger sheet alone in a new workbook (values only) and upload that."
    )
