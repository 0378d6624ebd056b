"""Every file of the hostile corpus ends in a figure or in one clear message, never in a crash.

Through the command: exit 0, or exit 2 with exactly one `error:` line (exit 1 would be a defect of
ours), no traceback and no Python warning on stderr, no output file left behind after an error.
Through the app: a message, never an error box with a traceback, and the app still answers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import summarize
from tests.hostile_corpus import CORPUS

ROOT = Path(__file__).resolve().parents[2]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name, make in CORPUS.items():
        (folder / name).write_bytes(make())
    return folder


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_the_command_answers_with_a_figure_or_one_error_line(corpus, tmp_path, name):
    out = tmp_path / "summary.xlsx"
    result = summarize(str(corpus / name), "-o", str(out), timeout=240)
    lines = result.stderr.splitlines()
    assert "Traceback" not in result.stderr and "Warning" not in result.stderr, result.stderr
    if result.returncode == 0:
        assert out.is_file()
        assert all(line.startswith(("warning:", "note:")) for line in lines), result.stderr
    else:
        assert result.returncode == 2, result.stderr
        assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
        assert name.split(".")[0] in lines[0] or "'" in lines[0]  # names the file it read
        assert not out.exists()


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_the_app_shows_a_message_never_an_error_box(corpus, name):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240).run()
    at.file_uploader[0].set_value((name, (corpus / name).read_bytes(), XLSX))
    at.run()
    assert not at.exception
    # A file whose columns were guessed asks to confirm them in an info box, not an error.
    shown = [m.value for m in at.error] + [m.value for m in at.info] + [m.value for m in at.caption]
    assert shown, "the page says nothing about the file"
    assert not any("internal error" in text for text in shown), shown
