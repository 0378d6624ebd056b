"""Saved reviews when their database goes away (#31.2): a real PostgreSQL server stopped as a crash
would stop it, then started again; a real SQLite file whose bytes are no database any more. Saving
and opening a review's link say that saved reviews are unavailable, the figures in view stay, and
both work again, without restarting the app, once the database is back."""

from __future__ import annotations

import pytest

from tests.app.test_reviews import Q2, app, metric, save, upload
from tests.db_servers import fresh_database, own_cluster

UNAVAILABLE = "Saved reviews are unavailable"


def press_save(at, title: str) -> None:
    next(t for t in at.text_input if t.label == "Title").set_value(title)
    # The same ledger, settings and date as the review just saved: a copy is asked for (#32.6).
    for copy in (c for c in at.checkbox if c.label.startswith("This view is already saved as")):
        copy.check()
    next(b for b in at.button if b.label == "Save").click()
    at.run()


def said(at) -> str:
    return "\n".join(e.value for e in at.error)


@pytest.fixture
def cluster():
    with own_cluster() as running:
        yield running


@pytest.mark.postgresql
def test_a_stopped_server_is_said_and_saving_and_opening_recover_when_it_is_back(cluster, monkeypatch):
    with fresh_database(cluster.url) as url:
        monkeypatch.setenv("ALLIANCE_ROI_DATABASE_URL", url)
        at = upload(app(), Q2, "q2.xlsx")
        token = save(at, "Q2 review")
        # Portfolio 210 revenue / 200 cost: ROI 5.0 %.
        assert metric(at, "Portfolio ROI") == "5.0 %"

        cluster.stop("immediate")
        press_save(at, "Q2 again")
        assert not at.exception
        assert UNAVAILABLE in said(at) and "PostgreSQL database" in said(at)
        assert metric(at, "Portfolio ROI") == "5.0 %"  # the view stays

        colleague = app(review=token)
        assert not colleague.exception
        assert UNAVAILABLE in said(colleague)
        assert not colleague.metric

        cluster.start()
        next(b for b in colleague.button if b.label == "Try again").click()
        colleague.run()
        assert not colleague.exception and not colleague.error
        assert metric(colleague, "Portfolio ROI") == "5.0 %"
        assert any("Saved review" in i.value and "Q2 review" in i.value for i in colleague.info)

        press_save(at, "Q2 again")
        assert not at.exception and not at.error
        assert any("Saved 'Q2 again'" in s.value for s in at.success)


@pytest.fixture
def database(tmp_path, monkeypatch):
    monkeypatch.setenv("ALLIANCE_ROI_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ALLIANCE_ROI_DATABASE_URL", raising=False)
    return tmp_path


def test_an_sqlite_file_that_is_no_database_any_more_is_said_like_a_lost_server(database):
    at = upload(app(), Q2, "q2.xlsx")
    token = save(at, "Q2 review")
    kept = {path: path.read_bytes() for path in database.iterdir()}
    for path, content in kept.items():  # overwritten in place, as a failing disk would
        path.write_bytes(b"\x07" * len(content))

    press_save(at, "Q2 again")
    assert not at.exception
    assert UNAVAILABLE in said(at) and "not a database" in said(at)
    assert metric(at, "Portfolio ROI") == "5.0 %"
    colleague = app(review=token)
    assert not colleague.exception and UNAVAILABLE in said(colleague)

    for path, content in kept.items():
        path.write_bytes(content)
    next(b for b in colleague.button if b.label == "Try again").click()
    colleague.run()
    assert not colleague.exception and metric(colleague, "Portfolio ROI") == "5.0 %"


def test_an_sqlite_folder_that_cannot_be_made_is_said(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("ALLIANCE_ROI_DATA_DIR", str(blocker / "data"))
    monkeypatch.delenv("ALLIANCE_ROI_DATABASE_URL", raising=False)
    at = upload(app(), Q2, "q2.xlsx")
    press_save(at, "Q2 review")
    assert not at.exception
    assert UNAVAILABLE in said(at)
    assert metric(at, "Portfolio ROI") == "5.0 %"
