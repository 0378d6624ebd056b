"""The optional password: wrong attempts are throttled per session and per address."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from ui.auth import Throttle, wait_after

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_waits_double_after_two_free_attempts():
    assert [wait_after(n) for n in range(7)] == [0, 0, 2, 4, 8, 16, 32]
    assert wait_after(40) == 300  # capped at five minutes


def test_throttle_counts_per_key_and_forgets_on_success():
    throttle = Throttle()
    keys = ["session:a", "address:10.0.0.1"]
    throttle.failed(keys, now=100.0)
    throttle.failed(keys, now=101.0)
    # two wrong attempts: the next must wait 2 s from the last one (101 + 2 = 103)
    assert throttle.seconds_left(keys, now=102.0) == 1.0
    assert throttle.seconds_left(["session:b", "address:10.0.0.1"], now=102.0) == 1.0  # same address
    assert throttle.seconds_left(["session:c", "address:10.0.0.2"], now=102.0) == 0.0
    throttle.succeeded(keys)
    assert throttle.seconds_left(keys, now=102.0) == 0.0


def test_a_third_wrong_password_in_a_row_has_to_wait():
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["APP_PASSWORD"] = "s3cret"
    at.run()
    messages = []
    for _ in range(3):
        at.text_input(key="password").input("wrong")
        at.button[0].click()
        at.run()
        messages.append(at.error[0].value)
    assert messages[:2] == ["That password is not right."] * 2
    assert messages[2].startswith("Too many wrong passwords: try again in ")
    at.text_input(key="password").input("s3cret")  # right, but still within the wait
    at.button[0].click()
    at.run()
    assert not at.metric
