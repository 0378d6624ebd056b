"""A stored review edited behind the app (#31.5): rows of a real SQLite file are overwritten with
figures that are `{}`, `[]`, `null` or of the wrong types, settings that are no mapping, a column
mapping of the wrong shape, ledger bytes that are not the saved ones. That review's link says it
cannot be read; the history of a later review shows the others and names it; nothing crashes and
no internal marker reaches the page."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from tests.app.test_reviews import Q2, Q3, app, metric, save, shown, upload

TAMPERED = [
    ("figures", "{}"),
    ("figures", "[]"),
    ("figures", "null"),
    ("figures", '{"headline": {}, "alliances": [{"alliance": 1}]}'),
    (
        "figures",
        '{"headline": {}, "alliances": [{"alliance": "A", "roi": "high", "band": "", '
        '"quartile": "", "goal_status": "", "flags": []}]}',
    ),
    ("figures", '{"headline": [], "alliances": []}'),
    ("settings", "[1]"),
    ("settings", '{"strong": "25"}'),
    ("settings", "null"),
    ("mapping", '"x"'),
    ("mapping", '{"sheet": "Ledger"}'),
]


@pytest.fixture
def chain(tmp_path, monkeypatch):
    """Two reviews, Q3 following Q2, in a real SQLite file: (file, Q2's token, Q3's token)."""
    monkeypatch.setenv("ALLIANCE_ROI_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ALLIANCE_ROI_DATABASE_URL", raising=False)
    q2 = save(upload(app(), Q2, "q2.xlsx"), "Q2 review", day=dt.date(2026, 6, 30))
    q3 = save(upload(app(review=q2), Q3, "q3.xlsx"), "Q3 review", day=dt.date(2026, 9, 30))
    return tmp_path / "reviews.sqlite3", q2, q3


def tamper(database, sql: str, *values) -> None:
    with sqlite3.connect(database) as db:
        db.execute(sql, values)


def no_markers(at) -> None:
    text = shown(at) + json.dumps(dict(at.query_params))
    assert "\0" not in text and "\\0" not in text and "\\x00" not in text
    assert "Traceback" not in text and "KeyError" not in text and "TypeError" not in text


@pytest.mark.parametrize(("column", "value"), TAMPERED, ids=[f"{c}={v[:30]}" for c, v in TAMPERED])
def test_a_tampered_review_cannot_be_read_and_the_history_shows_the_others(chain, column, value):
    database, q2, q3 = chain
    tamper(database, f"update reviews set {column} = ? where title = 'Q2 review'", value)

    at = app(review=q2)
    assert not at.exception
    assert at.error[0].value.startswith("This saved review cannot be read ('Q2 review', 2026-06-30)")
    assert not at.metric
    no_markers(at)

    later = app(review=q3)
    assert not later.exception
    # Q3: A 150 / 100 → 50 %; B 130 / 100 → 30 %; portfolio 280 / 200 → 40 %.
    assert metric(later, "Portfolio ROI") == "40.0 %"
    later.switch_page("pages/history.py").run()
    assert not later.exception
    assert any("cannot be read ('Q2 review'" in w.value for w in later.warning)
    side = later.dataframe[1].value
    assert list(side.columns) == ["Q3 review (2026-09-30)"]
    assert list(side.loc["A"]) == ["50.0 %"]
    no_markers(later)


def test_a_ledger_blob_that_is_not_the_saved_one_is_said_and_asks_for_no_file(chain):
    database, q2, _ = chain
    tamper(database, "update ledgers set content = ? where size = ?", b"junk", len(Q2))

    at = app(review=q2)
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "This saved review cannot be read" in errors and "not the one saved" in errors
    assert not at.metric
    no_markers(at)
    # Another file uploaded from there is that file's view, with its own link: nothing waits any
    # more for the review's ledger (a link's source that is the database, never a file to ask for).
    at = upload(at, Q3, "q3.xlsx")
    assert not at.exception and metric(at, "Portfolio ROI") == "40.0 %"
    assert at.query_params["src"] == "q3.xlsx"
    assert any("This link reopens the same page" in c.value for c in at.caption)
    no_markers(at)
    assert not any("made on the file" in w.value for w in at.warning)
