"""The reader's memory, handed back to the system when a big read no longer needs it."""

from __future__ import annotations

import contextlib
import ctypes


def release_free_memory() -> None:
    """Hand the heap pages freed so far back to the system: glibc keeps them for reuse otherwise,
    and a worker that has laid out a big sheet would go on holding that sheet's size."""
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to hand back this way
        ctypes.CDLL(None).malloc_trim(0)
