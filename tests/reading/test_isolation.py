"""Reading in a worker process: a file that would abort the reader gives a message, not a crash."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from core.errors import LedgerError, NoLedgerSheet
from core.reading.isolation import Limits, ReaderDefect, previews_isolated, read_isolated, run_isolated
from tests.helpers import ledger_bytes

ROOT = Path(__file__).resolve().parents[2]


def sparse_corner() -> bytes:
    """A valid 5 KB workbook whose one extra cell at XFD1048576 makes the reader ask for 512 GiB."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Ledger"
    for row in (["Date", "Alliance", "Kind", "Amount"], ["2024-01-01", "Acme", "Revenue", 100]):
        sheet.append(row)
    sheet["XFD1048576"] = 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_normal_ledger_reads_the_same_in_the_worker():
    # Acme: revenue 1500, cost 1000 → two entries.
    data = ledger_bytes([["2024-01-01", "Acme", "Revenue", 1500], ["2024-01-02", "Acme", "Cost", 1000]])
    ledger = read_isolated(data, "ok.xlsx")
    assert ledger.entries["amount"].tolist() == [1500.0, 1000.0]
    assert ledger.source.filename == "ok.xlsx"


def test_a_file_that_would_abort_the_reader_gives_a_message():
    with pytest.raises(LedgerError) as caught:
        read_isolated(sparse_corner(), "corner.xlsx", Limits(memory_bytes=2 * 1024**3))
    # Refused by its extent before the reader starts, more precisely than by the memory cap.
    assert str(caught.value).startswith(
        "'corner.xlsx': sheet 'Ledger' reaches cell XFD1048576 (17,179,869,184 cells)"
    )


def test_a_read_over_its_time_is_stopped():
    data = ledger_bytes([["2024-01-01", "Acme", "Revenue", 1500]])
    with pytest.raises(LedgerError) as caught:
        read_isolated(data, "slow.xlsx", Limits(seconds=0.0001))
    assert str(caught.value).startswith(
        "'slow.xlsx' took longer than 0.0001 seconds to read and was stopped."
    )


def test_the_readers_own_errors_come_back_as_they_are():
    from tests.helpers import workbook_bytes

    data = workbook_bytes({"Stuff": [["Name", "Score"], ["a", 1]]})
    with pytest.raises(NoLedgerSheet):
        read_isolated(data, "stuff.xlsx")
    assert previews_isolated(data, "stuff.xlsx")["Stuff"][0][:2] == ["Name", "Score"]


def broken_reader(data: bytes, filename: str) -> None:
    """Stands in for a reader with a bug."""
    raise ValueError(f"bug while reading {filename} ({len(data)} bytes)")


def test_a_defect_of_ours_is_reported_as_such_not_as_the_files_fault():
    with pytest.raises(ReaderDefect) as caught:
        run_isolated(broken_reader, b"12345", "fine.xlsx")
    assert str(caught.value) == "ValueError: bug while reading fine.xlsx (5 bytes)"


MAIN_SCRIPT = """
import os
with open(os.environ["IMPORTS_LOG"], "a") as log:
    log.write(f"{__name__} {os.getpid()}\\n")

from core.reading.isolation import run_isolated


def worker_pid(data, filename):
    return os.getpid()


if __name__ == "__main__":
    print(run_isolated(worker_pid, b"x", "x.xlsx"), run_isolated(worker_pid, b"x", "x.xlsx"))
"""


def test_workers_do_not_import_the_main_script_again(tmp_path):
    """A program run as a script (as the `streamlit` command runs) starts two workers: its script is
    imported by the program itself and once by the fork server, never by a worker before its task."""
    script, log = tmp_path / "program.py", tmp_path / "imports.log"
    script.write_text(MAIN_SCRIPT)
    env = {**os.environ, "IMPORTS_LOG": str(log), "PYTHONPATH": str(ROOT)}
    env.pop("ALLIANCE_ROI_MAIN_SCRIPT", None)
    done = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    workers = {int(pid) for pid in done.stdout.split()}
    imports = [line.split() for line in log.read_text().splitlines()]
    assert [name for name, _ in imports] == ["__main__", "__mp_main__"]
    assert len(workers) == 2 and not workers & {int(pid) for _, pid in imports}
