"""N browser sessions upload a ledger at once: the server's memory before, during and after.

Loopback only and bounded: one `streamlit run app.py` on 127.0.0.1, at most 12 sessions, each with a
time limit. Memory is the resident size of the server's whole process tree (the web server, the
reader's fork server and its workers), sampled every 0.2 s.

    .venv/bin/python benchmarks/load_sessions.py --sessions 1 5 10 --rows 200000
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_ledger import make_ledger, tree_memory  # noqa: E402
from playwright.async_api import async_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM, FLAGS, XLSX_MIME, start_server  # noqa: E402

MAX_SESSIONS = 12


class Sampler(threading.Thread):
    """Samples the tree's resident size until stopped; keeps the peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0, True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, tree_memory(self.pid))
            time.sleep(0.2)


async def one_session(browser, url: str, ledger: Path, name: str) -> float:
    """Open the app, upload the ledger, wait for its figures; seconds from upload to figures."""
    context = await browser.new_context(viewport={"width": 1200, "height": 900})
    page = await context.new_page()
    await page.goto(url)
    await page.get_by_text("Sample ledger", exact=False).first.wait_for(timeout=120_000)
    started = time.perf_counter()
    await page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(
        files=[{"name": name, "buffer": ledger.read_bytes(), "mimeType": XLSX_MIME}], timeout=300_000
    )
    await (
        page.locator("[data-testid='stCaptionContainer']")
        .filter(has_text=name)
        .first.wait_for(timeout=300_000)
    )
    seconds = time.perf_counter() - started
    await context.close()
    return seconds


async def load(url: str, pid: int, sessions: int, ledger: Path) -> dict[str, float]:
    """Run `sessions` uploads at once; memory in MB and the slowest upload-to-figures time."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        before = tree_memory(pid)
        sampler = Sampler(pid)
        sampler.start()
        times = await asyncio.gather(
            *(one_session(browser, url, ledger, f"load-{i}.xlsx") for i in range(sessions))
        )
        sampler.running = False
        sampler.join()
        await browser.close()
    await asyncio.sleep(15)  # sessions end when their sockets close; give the server time to free them
    after = tree_memory(pid)
    mb = 1024**2
    return {
        "before": before / mb,
        "peak": sampler.peak / mb,
        "after": after / mb,
        "slowest": max(times),
        "median": sorted(times)[len(times) // 2],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 5, 10])
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args()
    ledger = make_ledger(args.rows)
    print(f"ledger: {args.rows:,} rows, {ledger.stat().st_size / 1024**2:.1f} MB")
    print("| sessions at once | server before | peak during | after | upload → figures (median / slowest) |")
    print("|---:|---:|---:|---:|---:|")
    for count in args.sessions:
        count = min(count, MAX_SESSIONS)
        with start_server(f"load-{count}") as url:
            pid = next(
                int(p.name)
                for p in Path("/proc").iterdir()
                if p.name.isdigit() and f"--server.port {url.rsplit(':', 1)[1]} ".encode() in _cmdline(p)
            )
            found = asyncio.run(load(url, pid, count, ledger))
        print(
            f"| {count} | {found['before']:,.0f} MB | {found['peak']:,.0f} MB | {found['after']:,.0f} MB "
            f"| {found['median']:.1f} s / {found['slowest']:.1f} s |"
        )


def _cmdline(entry: Path) -> bytes:
    try:
        return (entry / "cmdline").read_bytes().replace(b"\0", b" ")
    except OSError:
        return b""


if __name__ == "__main__":
    main()
