"""The table of a kind column's values in the app (issue 27.3): each distinct value with its rows and
its reading (revenue, cost or none), changeable; the change reads the ledger again, and a Share link
and a saved review carry it, so whoever opens them sees the same figures. Every figure is worked out
by hand from QB below."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import ledger_bytes, workbook_bytes

APP = str(Path(__file__).resolve().parents[2] / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A QuickBooks-like export: Invoice (twice, once written 'invoice') is revenue and Bill cost in the
# vocabulary's table; 'Payment' is left out until the user says what it is.
# As read: revenue 1,000 + 200 = 1,200, cost 400 → ROI 800 / 400 = 200.0 %.
# Payment read as revenue: revenue 1,500, cost 400 → ROI 1,100 / 400 = 275.0 %.
QB = workbook_bytes(
    {
        "Sales": [
            ["Date", "Partner", "Type", "Amount"],
            ["2024-01-05", "Acme", "Invoice", 1000],
            ["2024-01-06", "Acme", "Bill", 400],
            ["2024-01-07", "Acme", "Payment", 300],
            ["2024-01-08", "Acme", "invoice", 200],
        ]
    }
)


def app(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    return at.run()


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def readings(at: AppTest) -> dict[str, str]:
    return {
        b.key.removeprefix("kind_value_"): b.value
        for b in at.selectbox
        if b.key and b.key.startswith("kind_value_")
    }


def uploaded(at: AppTest) -> AppTest:
    at.file_uploader[0].set_value(("qb.xlsx", QB, XLSX))
    return at.run()


def told_payment(at: AppTest) -> AppTest:
    at.selectbox(key="kind_value_Payment").set_value("revenue")
    return at.button(key="kind_apply").click().run()


def test_the_table_shows_each_value_with_its_rows_and_reading_and_takes_a_change():
    at = uploaded(app())
    assert not at.exception
    assert metric(at, "Portfolio ROI") == "200.0 %"
    (table,) = [e for e in at.expander if e.label.startswith("How the values of column 'Type' are read")]
    assert table.label == "How the values of column 'Type' are read (3 values, 1 not read)"
    assert readings(at) == {"Invoice": "revenue", "Bill": "cost", "Payment": "none"}
    # Value, rows, why: 'Invoice' and 'invoice' are one value of 2 rows.
    texts = [t.value for t in table.text]
    assert texts == ["Invoice", "2", "the vocabulary", "Bill", "1", "the vocabulary", "Payment", "1"] + [
        "not a kind: rows left out"
    ]
    told_payment(at)
    assert not at.exception
    assert metric(at, "Portfolio ROI") == "275.0 %"
    assert readings(at)["Payment"] == "revenue"
    assert at.query_params["kv"] == "Payment:revenue"
    # Back to the vocabulary's reading: Payment left out again.
    at.button(key="kind_forget").click().run()
    assert metric(at, "Portfolio ROI") == "200.0 %"
    assert "kv" not in at.query_params


def test_a_ledger_of_the_products_own_kind_words_shows_no_table():
    at = app()
    at.file_uploader[0].set_value(
        (
            "own.xlsx",
            ledger_bytes([["2024-01-01", "A", "Revenue", 2]] + [["2024-01-01", "A", "Cost", 1]]),
            XLSX,
        )
    )
    at.run()
    assert not at.exception
    assert not [e for e in at.expander if e.label.startswith("How the values of column")]


def test_the_share_link_carries_the_kind_values_to_a_colleague_with_the_same_file():
    sharer = told_payment(uploaded(app()))
    params = dict(sharer.query_params)
    assert params["kv"] == "Payment:revenue"
    colleague = app(**params)
    colleague.file_uploader(key="link_upload").set_value(("qb.xlsx", QB, XLSX)).run()
    assert not colleague.exception
    assert metric(colleague, "Portfolio ROI") == "275.0 %"
    assert readings(colleague)["Payment"] == "revenue"
    assert not [w for w in colleague.warning if w.value.startswith("This link's settings")]


def test_a_malformed_kind_value_in_a_link_is_refused_whole_with_a_notice():
    colleague = app(src="qb.xlsx", kv=["Payment:revenue", "Transfer:maybe"])
    said = [w.value for w in colleague.warning if w.value.startswith("This link's settings")]
    assert len(said) == 1
    assert "'kv=Transfer\\:maybe' (kind values) is not VALUE:READING" in said[0]
    colleague.file_uploader(key="link_upload").set_value(("qb.xlsx", QB, XLSX)).run()
    assert metric(colleague, "Portfolio ROI") == "200.0 %"  # no kind values: Payment left out


@pytest.fixture
def database(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("ALLIANCE_ROI_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ALLIANCE_ROI_DATABASE_URL", raising=False)
    return tmp_path / "reviews.sqlite3"


@pytest.mark.usefixtures("database")
def test_a_saved_review_reopens_with_its_kind_values_and_figures():
    sharer = told_payment(uploaded(app()))
    next(t for t in sharer.text_input if t.label == "Title").set_value("Q1")
    next(t for t in sharer.text_input if t.label == "Portfolio").set_value("Partners")
    next(b for b in sharer.button if b.label == "Save").click().run()
    assert not sharer.exception
    token = sharer.query_params["review"]
    colleague = app(review=token)
    assert not colleague.exception
    assert "kind_values" not in colleague.session_state  # from the review, not the session
    assert metric(colleague, "Portfolio ROI") == "275.0 %"
    assert not colleague.warning  # the figures recomputed equal the saved ones, the view is the saved one
    assert dict(colleague.query_params) == {"review": token}
    assert readings(colleague)["Payment"] == "revenue"
    assert all(b.disabled for b in colleague.selectbox if b.key and b.key.startswith("kind_value_"))
