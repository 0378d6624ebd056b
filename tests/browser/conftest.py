"""Real-browser fixtures: `streamlit run` on a free loopback port, Playwright driving Debian's Chromium.

Tests that need a server nobody has visited yet (a fresh server's first request) start their own
with `start_server()`; the others share one per module.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def require_chromium() -> None:
    """Skip a browser test module where Chromium cannot be found, except in CI, where it must be."""
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        raise RuntimeError(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium before the tests")
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def start_server(
    name: str = "server", script: str = "app.py", port: int | None = None, secrets: Path | None = None
) -> Iterator[str]:
    """A new `streamlit run app.py` (or `script`) on a free loopback port (or `port`); its log must
    hold no traceback. `secrets` replaces the secrets files Streamlit would otherwise read."""
    port = port or free_port()
    options = ["--secrets.files", str(secrets)] if secrets else []
    log_path = ARTIFACTS / f"{name}.log"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = log_path.open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            *options,
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("streamlit did not start:\n" + log_path.read_text()) from None
            time.sleep(0.3)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()
    text = log_path.read_text()
    assert "Traceback" not in text, text


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with start_server() as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


def new_page(browser) -> Page:
    """A page in a fresh browser context: no cookies, no session of an earlier page."""
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
    return context.new_page()


@pytest.fixture(scope="module")
def page(browser) -> Page:
    return new_page(browser)


def settle(page: Page) -> None:
    """Wait until Streamlit has finished the run (no running indicator), then check for exceptions."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )
    assert page.locator("[data-testid='stException']").count() == 0, "an exception box is on the page"


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def metric(page: Page, label: str) -> str:
    tile = page.locator("[data-testid='stMetric']").filter(has_text=label).first
    return tile.locator("[data-testid='stMetricValue']").inner_text()


def go(page: Page, title: str, heading: str) -> None:
    page.locator("[data-testid='stSidebarNav']").get_by_text(title, exact=True).click()
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible(timeout=30_000)
    settle(page)
