"""Speed and memory of `python -m core summarize` against bare reads of the same file.

    python benchmarks/bench_ledger.py [--quick] [--repeat 3] [--case 200000x5000 ...] [--no-app]

For each case (rows, alliances, and how strings are stored) it writes a long-layout ledger (cached
in benchmarks/out/), then runs, each in a fresh process and best of --repeat:
- the floor: a bare `fastexcel.read_excel(path).load_sheet(0).to_arrow()` (calamine straight to Arrow);
- what a user would write: `pandas.read_excel(path, engine="calamine")`;
- the whole command, which reads, computes every figure and writes the summary workbook.
It prints wall time and peak memory (the whole process tree) of each and summarize's ratios to both,
and the serial work (benchmarks/serial_work.py): reading, the report and the workbook timed warm in one
process, the least the command could take, as a ratio to the floor.
Files are written with inline strings (xlsxwriter's constant-memory mode) and, for one size, with a
shared-string table as Excel writes them. Then it measures the app's rerun after a threshold change
on the 100k-row ledger (AppTest).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
# (rows, alliances, shared strings): sizes, then many alliances at 200k rows, then Excel's string table.
CASES = [
    (10_000, 40, False),
    (200_000, 150, False),
    (1_000_000, 150, False),
    (200_000, 5, False),
    (200_000, 500, False),
    (200_000, 2_000, False),
    (200_000, 5_000, False),
    (200_000, 150, True),
]
# The targets: 200k rows at 150 and 5,000 alliances, 1M rows; a few minutes in all.
QUICK = [(10_000, 40, False), (200_000, 150, False), (200_000, 5_000, False), (1_000_000, 150, False)]
CATEGORIES = {
    "Revenue": ["joint sales", "referral fees", "co-marketing"],
    "Cost": ["headcount", "co-marketing", "integration", "enablement"],
}


def tree_memory(root_pid: int) -> int:
    """Bytes a process tree holds: the root's resident memory plus each descendant's private memory.

    A forked worker shares its parent's pages (the imported libraries, the file's bytes) until one of
    them writes: summing resident sizes would count those pages twice, so a descendant adds only the
    pages it holds alone (Private_Clean + Private_Dirty, /proc/PID/smaps_rollup).
    """
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    total, todo = _resident(root_pid), list(children.get(root_pid, []))
    while todo:
        pid = todo.pop()
        total += _private(pid)
        todo.extend(children.get(pid, []))
    return total


def _resident(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


def _private(pid: int) -> int:
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return _resident(pid)
    kilobytes = sum(
        int(line.split()[1]) for line in lines if line.startswith(("Private_Clean", "Private_Dirty"))
    )
    return kilobytes * 1024


def make_ledger(rows: int, alliances: int = 40, shared_strings: bool = False) -> Path:
    """A long-layout ledger of `rows` entries over three years and `alliances` partners, written once
    and reused; with `shared_strings`, text goes to a shared-string table as Excel writes it."""
    import xlsxwriter

    suffix = ("" if alliances == 40 else f"_{alliances}a") + ("_sst" if shared_strings else "")
    path = OUT / f"ledger_{rows}{suffix}.xlsx"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(rows)
    names = [f"Partner {i:04d}" for i in range(alliances)]
    book = xlsxwriter.Workbook(path, {"constant_memory": not shared_strings})
    sheet = book.add_worksheet("Ledger")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, ["Date", "Alliance", "Kind", "Amount", "Category", "Currency"])
    start = dt.date(2023, 1, 1)
    for r in range(1, rows + 1):
        kind = "Revenue" if rng.random() < 0.55 else "Cost"
        sheet.write_datetime(
            r, 0, dt.datetime.combine(start + dt.timedelta(days=rng.randrange(1095)), dt.time()), date_format
        )
        sheet.write_string(r, 1, names[r % alliances] if r <= alliances else rng.choice(names))
        sheet.write_string(r, 2, kind)
        sheet.write_number(r, 3, round(rng.uniform(100, 50_000), 2))
        sheet.write_string(r, 4, rng.choice(CATEGORIES[kind]))
        sheet.write_string(r, 5, "USD")
    book.close()
    return path


def run_measured(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one fresh process and every process it starts.

    The command reads the ledger in a worker process, which its own rusage does not count: the
    whole process tree is sampled instead (tree_memory), every 20 ms, for both sides of the comparison.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_memory(process.pid))
        time.sleep(0.02)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return elapsed, peak / 1024**2


def best_of(command: list[str], repeat: int) -> tuple[float, float]:
    runs = [run_measured(command) for _ in range(repeat)]
    return min(t for t, _ in runs), statistics.median(m for _, m in runs)


def bench_summarize(cases: list[tuple[int, int, bool]], repeat: int) -> None:
    print(
        f"{'rows':>9} {'alliances':>9} {'strings':>7} | {'floor s':>7} {'pandas s':>8} {'summarize s':>11} | "
        f"{'× floor':>7} {'× pandas':>8} | {'floor MB':>8} {'summ. MB':>8} {'mem ×':>6} | "
        f"{'serial s':>8} {'× floor':>7}"
    )
    for rows, alliances, shared in cases:
        path = make_ledger(rows, alliances, shared)
        floor = [
            sys.executable,
            "-c",
            f"import fastexcel; fastexcel.read_excel({str(path)!r}).load_sheet(0).to_arrow()",
        ]
        pandas = [
            sys.executable,
            "-c",
            f"import pandas as pd; pd.read_excel({str(path)!r}, engine='calamine')",
        ]
        output = OUT / f"{path.stem}-summary.xlsx"
        summarize = [sys.executable, "-m", "core", "summarize", str(path), "-o", str(output)]
        floor_time, floor_mb = best_of(floor, repeat)
        pandas_time, _ = best_of(pandas, repeat)
        sum_time, sum_mb = best_of(summarize, repeat)
        serial = serial_work(path, repeat)
        print(
            f"{rows:>9,} {alliances:>9,} {'shared' if shared else 'inline':>7} | {floor_time:>7.2f} "
            f"{pandas_time:>8.2f} {sum_time:>11.2f} | {sum_time / floor_time:>7.2f} "
            f"{sum_time / pandas_time:>8.2f} | {floor_mb:>8.0f} {sum_mb:>8.0f} {sum_mb / floor_mb:>6.2f} | "
            f"{serial:>8.2f} {serial / floor_time:>7.2f}",
            flush=True,
        )


def serial_work(path: Path, repeat: int) -> float:
    """Seconds of the steps summarize runs one after another (read, report, workbook), warm in one
    process (benchmarks/serial_work.py): the least any arrangement of the command could take."""
    script = ROOT / "benchmarks" / "serial_work.py"
    command = [sys.executable, str(script), str(path), "--repeat", str(repeat)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stderr}")
    return float(done.stdout.split()[-1])


def bench_rerun(rows: int, repeat: int) -> None:
    """Time of an app rerun after a widget change, the ledger already loaded (AppTest)."""
    from streamlit.testing.v1 import AppTest

    data = make_ledger(rows).read_bytes()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600).run()
    started = time.perf_counter()
    at.file_uploader[0].set_value((f"ledger_{rows}.xlsx", data, "application/octet-stream"))
    at.run()
    first = time.perf_counter() - started
    assert not at.exception, at.exception
    baseline_started = time.perf_counter()
    at.run()  # a rerun with nothing changed: AppTest's own overhead
    baseline = time.perf_counter() - baseline_started
    times = []
    for i in range(repeat * 3):
        at.sidebar.number_input(key="strong_pct").set_value(20.0 + (i % 2))
        started = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - started)
    assert not at.exception, at.exception
    print(
        f"\napp at {rows:,} rows: upload and first view {first:.2f} s; rerun after a threshold change "
        f"median {statistics.median(times) * 1000:.0f} ms (unchanged rerun {baseline * 1000:.0f} ms)"
    )


def parse_case(text: str) -> tuple[int, int, bool]:
    """'200000x5000' → (200000, 5000, False); a trailing 's' ('200000x150s') stores shared strings."""
    shared = text.endswith("s")
    rows, _, alliances = text.rstrip("s").partition("x")
    try:
        return int(rows), int(alliances or 40), shared
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not ROWSxALLIANCES, e.g. 200000x150") from None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="four cases instead of eight: 10k rows, 200k rows with 150 and 5,000 alliances, 1M rows",
    )
    parser.add_argument(
        "--case",
        action="append",
        type=parse_case,
        metavar="ROWSxALLIANCES[s]",
        help="only this case (repeat for several), e.g. 200000x150, or 200000x150s for shared strings",
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rerun-rows", type=int, default=100_000)
    parser.add_argument("--no-app", action="store_true", help="skip the app's rerun (AppTest)")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores\n")
    bench_summarize(args.case or (QUICK if args.quick else CASES), args.repeat)
    if not args.no_app:
        bench_rerun(args.rerun_rows, args.repeat)


if __name__ == "__main__":
    main()
