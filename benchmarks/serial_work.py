"""The work `summarize` does one step after another, timed warm in one process: a lower bound.

    python benchmarks/serial_work.py LEDGER [--repeat 3]

Reading the sheet (calamine, then the reading rules), computing the report and writing the summary
workbook each need the one before, so no arrangement of processes runs them side by side. Timed here
warm (modules imported, each step run once before), without start-up, imports or the upload's safety
check (which may run beside them): what is left is the least time the command can take on this
machine. Prints the three steps and their sum, in seconds, best of --repeat.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.output.export import summary_workbook  # noqa: E402
from core.reading.ledger import read_ledger  # noqa: E402
from core.reading.preview import checked_with_heads  # noqa: E402
from core.reading.safety import vouch  # noqa: E402
from core.report import build_report  # noqa: E402
from core.settings import Settings  # noqa: E402


def steps(data: bytes, name: str) -> tuple[float, float, float]:
    """Seconds to read, to report and to write the workbook, once."""
    started = time.perf_counter()
    ledger = read_ledger(data, name)
    read = time.perf_counter()
    report = build_report(ledger, Settings())
    reported = time.perf_counter()
    summary_workbook(report, link="?")
    return read - started, reported - read, time.perf_counter() - reported


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ledger", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = args.ledger.read_bytes()
    vouch(data, args.ledger.name, *checked_with_heads(data, args.ledger.name))
    steps(data, args.ledger.name)  # warm: first calls load what they use lazily
    runs = [steps(data, args.ledger.name) for _ in range(args.repeat)]
    best = min(runs, key=sum)
    print(" ".join(f"{seconds:.3f}" for seconds in (*best, sum(best))))


if __name__ == "__main__":
    main()
