"""A local OpenID Connect provider for sign-in tests, and the secrets that point an app server at it.

The provider is `oidc-provider-mock` in its own process (importing it here would emit Authlib's
deprecation warnings, which pytest turns into errors). It accepts any client, and its login form
takes one field, the subject, which becomes the `email` claim. Use 127.0.0.1 everywhere: an app
opened on `localhost` with a `127.0.0.1` redirect fails silently.

    with start_provider() as provider, start_server("x", port=port, secrets=write_secrets(...)):
        sign_in_as(page, "alice@example.com")
"""

from __future__ import annotations

import secrets
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS, ROOT, free_port


@contextmanager
def start_provider(name: str = "oidc-provider") -> Iterator[str]:
    """`python -m oidc_provider_mock` on a free loopback port; yields its base URL, stops it after."""
    port = free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / f"{name}.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/.well-known/openid-configuration", timeout=2):
                        break
                except OSError:
                    if time.monotonic() > deadline or process.poll() is not None:
                        raise RuntimeError(
                            "the OpenID Connect provider did not start:\n" + log_path.read_text()
                        ) from None
                    time.sleep(0.2)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _toml_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"


def write_secrets(
    path: Path,
    app_port: int,
    provider_url: str,
    allowed_domains: Sequence[str] = (),
    allowed_emails: Sequence[str] = (),
    extra: str = "",
) -> Path:
    """A secrets.toml at `path` with `[auth]` for the provider and `[access]` with these lists.

    `extra` is appended as is (say `APP_PASSWORD = "..."` before any section: put it first).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"{extra}\n"
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        'client_id = "alliance-roi-tests"\n'
        'client_secret = "not-a-secret"\n'
        f'server_metadata_url = "{provider_url}/.well-known/openid-configuration"\n'
        "\n"
        "[access]\n"
        f"allowed_domains = {_toml_list(allowed_domains)}\n"
        f"allowed_emails = {_toml_list(allowed_emails)}\n"
    )
    return path


def sign_in_as(page: Page, email: str, button: str = "Sign in") -> None:
    """Click the app's Sign-in button (in the main area) and sign in as `email` at the provider."""
    page.locator("[data-testid='stMain']").get_by_role("button", name=button).click()
    field = page.locator("input[name=sub]")
    expect(field).to_be_visible(timeout=30_000)
    field.fill(email)
    page.get_by_role("button", name="Authorize").click()


def end_session(page: Page) -> None:
    """On the provider's end-session page that st.logout() leads to, confirm signing out."""
    button = page.get_by_role("button", name="End session")
    expect(button).to_be_visible(timeout=30_000)
    button.click()
