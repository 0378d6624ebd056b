"""Speed of the app: a rerun after a threshold change (AppTest), and in a real browser, upload to
first figures and a switch to each page at many alliances.

    .venv/bin/python benchmarks/bench_app.py [--rows 100000] [--browser-rows 200000]
        [--alliances 2000] [--repeat 3] [--no-browser]

- AppTest, `--rows` rows (40 alliances): upload to first view; a rerun with nothing changed; reruns
  after a change of the Strong threshold, each to a value not used before (no figure can come from a
  cache of an earlier value).
- Browser (`streamlit run` on loopback, Playwright driving Debian's Chromium): upload a ledger of
  `--browser-rows` rows and `--alliances` alliances, time until the overview's figures are drawn;
  then switch to each page and back, timing the click until the page's heading, its charts drawn
  and the run finished; then, on the Overview, change the Strong threshold (3 × `--repeat` new
  values), timing until the ROI chart names the new threshold. Best and median of the rounds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_ledger import make_ledger  # noqa: E402

# (sidebar title, heading) of each page with figures of the report; history needs saved reviews.
PAGES = [
    ("Before / after", "Before / after"),
    ("Quartiles and benchmarks", "Quartiles and benchmarks"),
    ("Quarterly trends", "Quarterly trends"),
    ("Scorecard", "Scorecard"),
    ("Decisions", "Decisions"),
    ("Overview", "Alliance ROI"),
]
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The run is over and every chart on the page is drawn (Plotly's svg is in place). The app's own
# script-run state says the run is over: the status widget alone does not, as it shows only a while
# after a run starts, so a long run with no chart yet on the page would pass for a finished one. Used
# after the page's heading is seen, which only the new run draws, so "notRunning" is not the state
# from before the click.
DRAWN = """() => document.querySelector('[data-testid="stApp"]')?.dataset.testScriptState === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidget"]')
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
        .every(c => c.querySelector('.main-svg'))"""

# A chart's legend holds this text (a JavaScript expression, % the text).
_LEGEND_SAYS = """[...document.querySelectorAll('[data-testid="stPlotlyChart"] .legendtext')]
        .some(t => t.textContent.includes(%r))"""
THRESHOLD = "Overview, after a Strong threshold change"


def _drawn_and(condition: str) -> str:
    """DRAWN, and `condition` (a JavaScript expression) true as well."""
    return f"() => ({DRAWN})() && {condition}"


def bench_rerun(rows: int, repeat: int) -> dict[str, float]:
    """AppTest: upload to first view, an unchanged rerun, and reruns after a threshold change."""
    from streamlit.testing.v1 import AppTest

    data = make_ledger(rows).read_bytes()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600).run()
    started = time.perf_counter()
    at.file_uploader[0].set_value((f"ledger_{rows}.xlsx", data, "application/octet-stream"))
    at.run()
    first = time.perf_counter() - started
    assert not at.exception, at.exception
    at.run()
    unchanged = []
    for _ in range(repeat * 3):
        started = time.perf_counter()
        at.run()
        unchanged.append(time.perf_counter() - started)
    changed = []
    for i in range(repeat * 3):
        at.sidebar.number_input(key="strong_pct").set_value(21.0 + i)  # a value not seen before
        started = time.perf_counter()
        at.run()
        changed.append(time.perf_counter() - started)
    assert not at.exception, at.exception
    return {
        "first": first,
        "unchanged": statistics.median(unchanged),
        "changed": statistics.median(changed),
        "changed_best": min(changed),
    }


def bench_browser(rows: int, alliances: int, repeat: int) -> tuple[float, dict[str, list[float]]]:
    """Seconds from upload to the overview's figures, and each page switch's seconds per round."""
    from playwright.sync_api import expect, sync_playwright

    from tests.browser.conftest import CHROMIUM, FLAGS, start_server

    ledger = make_ledger(rows, alliances)
    switches: dict[str, list[float]] = {title: [] for title, _ in PAGES} | {THRESHOLD: []}
    with start_server("bench-app") as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_context(viewport={"width": 1400, "height": 1100}).new_page()
        page.goto(url)
        page.get_by_text("Sample ledger", exact=False).first.wait_for(timeout=120_000)
        page.wait_for_function(DRAWN, timeout=120_000)
        started = time.perf_counter()
        page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(
            files=[{"name": ledger.name, "buffer": ledger.read_bytes(), "mimeType": XLSX_MIME}]
        )
        page.locator("[data-testid='stCaptionContainer']").filter(has_text=ledger.name).first.wait_for(
            timeout=600_000
        )
        page.wait_for_function(DRAWN, timeout=600_000)
        upload = time.perf_counter() - started
        nav = page.locator("[data-testid='stSidebarNav']")
        for _ in range(repeat):
            for title, heading in PAGES:
                started = time.perf_counter()
                nav.get_by_text(title, exact=True).click()
                expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible(timeout=600_000)
                page.wait_for_function(DRAWN, timeout=600_000)
                switches[title].append(time.perf_counter() - started)
        # Ending on the Overview: a new Strong threshold each round, timed until the ROI chart's
        # legend names it ("Strong above 21%"), which only the run after the change can draw.
        sidebar = page.locator("[data-testid='stSidebar']")
        sidebar.get_by_text("Band thresholds", exact=True).click()
        strong = sidebar.get_by_label("Strong above (%)")
        for value in range(21, 21 + 3 * repeat):
            started = time.perf_counter()
            strong.fill(str(value))
            strong.press("Enter")
            page.wait_for_function(_drawn_and(_LEGEND_SAYS % f"Strong above {value}%"), timeout=600_000)
            switches[THRESHOLD].append(time.perf_counter() - started)
        assert page.locator("[data-testid='stException']").count() == 0, "an exception box is on the page"
        browser.close()
    return upload, switches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the AppTest ledger")
    parser.add_argument("--browser-rows", type=int, default=200_000)
    parser.add_argument("--alliances", type=int, default=2_000, help="alliances of the browser's ledger")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-apptest", action="store_true")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores\n")
    if not args.no_apptest:
        found = bench_rerun(args.rows, args.repeat)
        ms = {name: round(seconds * 1000) for name, seconds in found.items()}
        print(
            f"AppTest at {args.rows:,} rows: upload to first view {found['first']:.2f} s; rerun after a "
            f"threshold change median {ms['changed']} ms (best {ms['changed_best']} ms); unchanged "
            f"rerun median {ms['unchanged']} ms"
        )
    if not args.no_browser:
        upload, switches = bench_browser(args.browser_rows, args.alliances, args.repeat)
        print(
            f"\nbrowser, {args.browser_rows:,} rows, {args.alliances:,} alliances: upload to first "
            f"figures {upload:.1f} s\n\n| page switch to (or rerun) | best | median |\n|---|---:|---:|"
        )
        for title, times in switches.items():
            print(f"| {title} | {min(times):.2f} s | {statistics.median(times):.2f} s |")


if __name__ == "__main__":
    main()
