"""Links and saved reviews of a column-mapped ledger (issues 27.6 and 32.2): the Share link carries the
mapping, so a colleague who uploads the same file sees the same figures; another file is said not to
be the link's and is shown as it is; a tampered mapping is refused with a notice, never a crash."""

from __future__ import annotations

import io
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from tests.helpers import ledger_bytes, workbook_bytes

APP = str(Path(__file__).resolve().parents[2] / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A title above the header on row 2, headers the reader does not know.
# Acme: revenue 1,200.50, cost 1,000.25 → ROI 200.25 / 1,000.25 = 20.02 %.
# Beta: revenue 500, cost 400 → ROI 100 / 400 = 25.0 %.
# Portfolio: (1,700.50 − 1,400.25) / 1,400.25 = 300.25 / 1,400.25 = 21.44 %.
ROWS = [
    ["Partner export, Q1"],
    ["Posting day", "Counterparty", "Flow", "EUR"],
    ["2024-01-05", "Acme", "Income", 1200.50],
    ["2024-01-06", "Acme", "Expense", 1000.25],
    ["2024-02-05", "Beta", "Income", 500],
    ["2024-02-06", "Beta", "Expense", 400],
]
ERP = workbook_bytes({"Export": ROWS})
MAPPING = {"date": "Posting day", "alliance": "Counterparty", "kind": "Flow", "amount": "EUR"}
# The link's own words for that mapping.
MAPPED = {
    "msheet": "Export",
    "mrow": "2",
    "map": ["alliance:Counterparty", "amount:EUR", "date:Posting day", "kind:Flow"],
}


def app(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    return at.run()


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def link_warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if w.value.startswith("This link's settings")]


def map_by_hand(at: AppTest) -> AppTest:
    """The mapping step, answered: header on row 2 of 'Export', each field its column."""
    at.number_input(key="map_header_Export").set_value(2).run()
    for field, header in MAPPING.items():
        at.selectbox(key=f"map_{field}_Export_2").set_value(header)
    return at.button(key="map_apply").click().run()


def shared_link() -> dict[str, str | list[str]]:
    """The sharer maps the file, raises 'Strong above' to 30 % and copies the link."""
    at = app()
    at.file_uploader[0].set_value(("erp.xlsx", ERP, XLSX)).run()
    map_by_hand(at)
    at.sidebar.number_input(key="strong_pct").set_value(30.0).run()
    assert not at.exception
    return dict(at.query_params)


def test_the_share_link_carries_the_mapping():
    params = shared_link()
    assert {k: params[k] for k in MAPPED} == MAPPED
    assert params["src"] == "erp.xlsx" and params["strong"] == "30"
    assert "monly" not in params


def test_the_same_file_uploaded_from_the_link_shows_the_sharers_figures():
    colleague = app(**shared_link())
    banner = next(w.value for w in colleague.warning if "shared view was made on the file" in w.value)
    assert "carries the column mapping it was read with (sheet 'Export', header on row 2)" in banner
    colleague.file_uploader(key="link_upload").set_value(("erp.xlsx", ERP, XLSX)).run()
    assert not colleague.exception
    assert not any("Map the columns" in s.value for s in colleague.subheader), "no mapping step"
    assert metric(colleague, "Portfolio ROI") == "21.4 %"
    grid = colleague.dataframe[0].value.set_index("Alliance")
    assert (grid.loc["Acme", "Revenue"], grid.loc["Acme", "Cost"]) == (1200.50, 1000.25)
    # Strong above 30 %: Acme (20.02 %) and Beta (25.0 %) are both Moderate.
    assert colleague.session_state["strong_pct"] == 30.0
    assert grid["Band"].tolist() == ["Moderate", "Moderate"]
    assert any("Read with your column mapping" in c.value for c in colleague.caption)
    assert not link_warnings(colleague)


def test_another_file_uploaded_into_the_link_is_said_not_to_be_its_file_and_shown():
    """other.xlsx: A revenue 2, cost 1 → ROI (2 − 1) / 1 = 100 %, under its own settings."""
    colleague = app(**shared_link())
    other = ledger_bytes([["2024-01-01", "A", "Revenue", 2], ["2024-01-01", "A", "Cost", 1]])
    colleague.file_uploader(key="link_upload").set_value(("other.xlsx", other, XLSX)).run()
    assert not colleague.exception
    said = link_warnings(colleague)
    assert len(said) == 1 and "'other.xlsx' is not the file this link was made on ('erp.xlsx'" in said[0]
    assert "shown with its own settings, not the link's" in said[0]
    assert metric(colleague, "Portfolio ROI") == "100.0 %"
    assert colleague.session_state["strong_pct"] == 20.0  # the default, not the link's 30
    assert colleague.query_params["src"] == "other.xlsx" and "msheet" not in colleague.query_params


def test_a_link_without_the_mapping_leads_to_the_mapping_step_then_applies_its_settings():
    """A link made before links carried mappings: the file is read, the step asks for the columns,
    and once they are given the link's settings apply (no 'upload that file' for ever)."""
    colleague = app(src="erp.xlsx", strong="30")
    colleague.file_uploader(key="link_upload").set_value(("erp.xlsx", ERP, XLSX)).run()
    assert not colleague.exception
    assert not any("shared view was made on the file" in w.value for w in colleague.warning)
    assert any(
        "No sheet looks like a ledger" in str(box.value) for box in [*colleague.info, *colleague.error]
    )
    map_by_hand(colleague)
    assert not colleague.exception
    assert metric(colleague, "Portfolio ROI") == "21.4 %"
    assert colleague.session_state["strong_pct"] == 30.0


@pytest.mark.parametrize(
    ("tampered", "said"),
    [
        ({"mrow": "99"}, "'mrow=99' (column mapping) is not a row from 1 to 15"),
        ({"mrow": "-1"}, "'mrow=-1' (column mapping) is not a row from 1 to 15"),
        ({"mrow": ["2", "3"]}, "'mrow=2 values' (column mapping) needs one header row"),
        ({"msheet": " "}, "'msheet=' (column mapping: sheet) is empty"),
        ({"msheet": "x" * 500}, "(column mapping: sheet) is longer than 120 characters"),
        (
            {"map": ["date:Posting day", "alliance:Counterparty"]},
            "does not name a date, an alliance and the money",
        ),
        ({"map": [*MAPPED["map"], "volume:EUR"]}, "'map=volume\\:EUR' (column mapping) is not FIELD:HEADER"),
        ({"map": [*MAPPED["map"], "EUR"]}, "'map=EUR' (column mapping) is not FIELD:HEADER"),
        ({"map": [*MAPPED["map"], "date:Flow"]}, "'map=date\\:Flow' (column mapping) maps date twice"),
        ({"map": [*MAPPED["map"], "cost:EUR"]}, "'map=cost\\:EUR' (column mapping) maps 'EUR' to two fields"),
        (
            {"map": ["alliance:" + "y" * 300, *MAPPED["map"][1:]]},
            "(column mapping: the header of alliance) is longer than 120 characters",
        ),
        ({"map": ["date:![x](https://evil.example)"] * 30}, "names more fields than there are"),
        ({"monly": "yes"}, "'monly=yes' (column mapping) is not 1 (revenue only)"),
    ],
)
def test_a_tampered_mapping_is_refused_with_a_notice_and_the_file_asks_for_its_columns(tampered, said):
    """The whole mapping is refused (half of one would read other columns than the sharer's); the
    notice is Markdown source, where ':' is escaped so no address becomes a link."""
    at = app(src="erp.xlsx", fp="12345678", **{**MAPPED, **tampered})
    assert not at.exception
    notices = link_warnings(at)
    assert len(notices) == 1 and said in notices[0], notices
    assert notices[0].endswith("using no column mapping (map the columns of the file by hand).")
    assert "column_mapping" not in at.session_state
    at.file_uploader(key="link_upload").set_value(("erp.xlsx", ERP, XLSX)).run()
    assert not at.exception
    assert not at.metric
    assert any("No sheet looks like a ledger" in str(box.value) for box in [*at.info, *at.error])


def test_a_mapping_that_does_not_fit_the_file_is_said_and_the_step_offered():
    at = app(src="erp.xlsx", **{**MAPPED, "map": ["alliance:Partner", "amount:EUR", "date:Day", "kind:Flow"]})
    at.file_uploader(key="link_upload").set_value(("erp.xlsx", ERP, XLSX)).run()
    assert not at.exception
    shown = "\n".join(str(box.value) for box in [*at.info, *at.error])
    assert "The saved column mapping does not fit this file" in shown
    assert "has no column 'Partner' (alliance), 'Day' (date)" in shown
    map_by_hand(at)
    assert metric(at, "Portfolio ROI") == "21.4 %"


def test_a_revenue_only_mapping_travels_in_the_link():
    """Sales only: Acme revenue 1,000 + 250 = 1,250, no cost."""
    data = workbook_bytes(
        {"Sales": [["Day", "Reseller", "Revenue"], ["2024-01-15", "Acme", 1000], ["2024-02-15", "Acme", 250]]}
    )
    params = {
        "src": "sales.xlsx",
        "msheet": "Sales",
        "mrow": "1",
        "map": ["alliance:Reseller", "date:Day", "revenue:Revenue"],
        "monly": "1",
    }
    at = app(**params)
    at.file_uploader(key="link_upload").set_value(("sales.xlsx", data, XLSX)).run()
    assert not at.exception
    assert [m.value for m in at.metric if m.label in ("Revenue", "Cost")] == ["1.25k", "0.00k"]
    assert at.query_params["monly"] == "1" and at.query_params["msheet"] == "Sales"


def test_the_command_reproduces_a_mapped_view_from_its_link(tmp_path, deferred_downloads):
    ledger = tmp_path / "erp.xlsx"
    ledger.write_bytes(ERP)
    at = app()
    at.file_uploader[0].set_value(("erp.xlsx", ERP, XLSX)).run()
    map_by_hand(at)
    at.sidebar.number_input(key="strong_pct").set_value(22.0).run()
    pairs = [(k, v) for k, vs in at.query_params.items() for v in (vs if isinstance(vs, list) else [vs])]
    link = "http://localhost:8501/?" + urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote)
    next(b for b in at.get("download_button") if b.label.startswith("Summary workbook")).click().run()
    from_app = load_workbook(io.BytesIO(deferred_downloads["erp-summary.xlsx"]()))["Alliances"]
    out = tmp_path / "replayed.xlsx"
    done = subprocess.run(
        [sys.executable, "-m", "core", "summarize", str(ledger), "-o", str(out), "--view", link],
        cwd=Path(APP).parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    app_rows = list(from_app.iter_rows(values_only=True))
    assert app_rows == list(load_workbook(out)["Alliances"].iter_rows(values_only=True))
    # Strong above 22 %: Acme (20.02 %) Moderate, Beta (25.0 %) Strong.
    header = app_rows[0]
    assert sorted((r[0], r[header.index("Revenue")], r[header.index("Band")]) for r in app_rows[1:]) == [
        ("Acme", 1200.5, "Moderate"),
        ("Beta", 500, "Strong"),
    ]


@pytest.fixture
def database(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("ALLIANCE_ROI_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ALLIANCE_ROI_DATABASE_URL", raising=False)
    return tmp_path / "reviews.sqlite3"


def save(at: AppTest, title: str) -> str:
    next(t for t in at.text_input if t.label == "Title").set_value(title)
    next(t for t in at.text_input if t.label == "Portfolio").set_value("Partners")
    next(b for b in at.button if b.label == "Save").click().run()
    assert not at.exception
    return at.query_params["review"]


@pytest.mark.usefixtures("database")
def test_a_mapped_saved_review_reopens_with_its_figures_and_a_review_saved_from_it_too():
    """The review keeps the mapping its ledger was read with; a colleague who opens it (with no
    mapping of their own) and saves a follow-up keeps it as well. Figures as in ROWS: 21.4 %."""
    sharer = app()
    sharer.file_uploader[0].set_value(("erp.xlsx", ERP, XLSX)).run()
    token = save(map_by_hand(sharer), "Q1 review")
    colleague = app(review=token)
    assert not colleague.exception
    assert metric(colleague, "Portfolio ROI") == "21.4 %"
    assert "column_mapping" not in colleague.session_state
    assert not colleague.warning  # the figures recomputed equal the saved ones
    # Same ledger, settings and review date: a second copy is saved only when asked for (#32.6).
    assert save(colleague, "Q1 review, again") == token
    assert any("second copy" in e.value for e in colleague.error)
    next(c for c in colleague.checkbox if c.label.startswith("This view is already saved as")).check()
    follow_up = save(colleague, "Q1 review, again")
    assert follow_up != token and any("Saved 'Q1 review, again'" in s.value for s in colleague.success)
    third = app(review=follow_up)
    assert not third.exception
    assert metric(third, "Portfolio ROI") == "21.4 %"
