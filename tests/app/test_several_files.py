"""Several files uploaded at once (issue 27.9): combined into one ledger, each entry keeping its
file; a notice names the files combined and each file not read with why; a Share link asks for the
same files and reads them the same; a saved review keeps the combined ledger and reopens with the
same figures. Every figure is worked out by hand from the rows written here."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import workbook_bytes

APP = str(Path(__file__).resolve().parents[2] / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ["Date", "Partner", "Kind", "Amount"]
# North: a title above the header; Acme revenue 1,000, cost 400.
NORTH = workbook_bytes(
    {
        "Sales": [
            ["North region"],
            HEADER,
            ["2024-01-05", "Acme", "Revenue", 1000],
            ["2024-01-06", "Acme", "Cost", 400],
        ]
    }
)
# South: Beta revenue 500, cost 250.50; row 4's date is not one (left out).
SOUTH = workbook_bytes(
    {
        "Ledger": [
            HEADER,
            ["2024-04-05", "Beta", "Revenue", 500],
            ["2024-04-06", "Beta", "Cost", 250.50],
            ["soon", "Beta", "Revenue", 1],
        ]
    }
)
NOTES = b"just,some\nnotes,here\n"
FILES = [("north.xlsx", NORTH, XLSX), ("south.xlsx", SOUTH, XLSX), ("notes.csv", NOTES, "text/csv")]
# Portfolio: revenue 1,500, cost 650.50 → ROI 849.50 / 650.50 = 130.6 %.
# Acme 600 / 400 = 150.0 %; Beta 249.50 / 250.50 = 99.6 %.


def app(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    return at.run()


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def uploaded(at: AppTest, files=FILES) -> AppTest:
    at.file_uploader[0].set_value(files)
    return at.run()


def test_the_files_are_combined_each_entry_keeping_its_file():
    at = uploaded(app())
    assert not at.exception
    assert metric(at, "Portfolio ROI") == "130.6 %"
    grid = at.dataframe[0].value.set_index("Alliance")
    assert (grid.loc["Acme", "Revenue"], grid.loc["Acme", "Cost"]) == (1000.0, 400.0)
    assert (grid.loc["Beta", "Revenue"], grid.loc["Beta", "Cost"]) == (500.0, 250.5)
    combined = [i.value for i in at.info if "files combined into one ledger" in i.value]
    assert combined == [
        "2 files combined into one ledger, each entry keeping its file\\: 'north.xlsx' (its sheet 'Sales', as "
        "sheet 'north'), 'south.xlsx' (its sheet 'Ledger', as sheet 'south')."
    ]
    (refused,) = [w.value for w in at.warning if "was not read" in w.value]
    assert refused.startswith("'notes.csv' was not read\\: No sheet looks like a ledger.")
    loaded = at.session_state["_loaded_ledger"]
    entries = loaded.ledger.entries
    assert entries.groupby("sheet", observed=True)["amount"].sum().to_dict() == {
        "north": 1400.0,
        "south": 750.5,
    }
    # Each row left out keeps its file and its own row number in it.
    assert loaded.ledger.issues[["sheet", "row"]].values.tolist() == [["south", 4]]
    assert loaded.name == "north + south (combined).xlsx"
    (download,) = [d for d in at.get("download_button") if d.proto.label == "Download the combined ledger"]


def test_no_file_that_holds_a_ledger_is_said_for_each():
    at = uploaded(app(), [("notes.csv", NOTES, "text/csv"), ("more.csv", NOTES, "text/csv")])
    assert not at.exception
    assert not at.metric
    (error,) = [e.value for e in at.error]
    assert "None of the 2 files uploaded holds a ledger" in error
    assert "'notes.csv'" in error and "'more.csv'" in error


def test_the_share_link_asks_for_the_same_files_and_reads_them_the_same():
    sharer = uploaded(app())
    params = dict(sharer.query_params)
    assert params["src"] == "north + south (combined).xlsx"
    colleague = app(**params)
    banner = next(w.value for w in colleague.warning if "shared view was made on the file" in w.value)
    assert "upload the same files together" in banner
    colleague.file_uploader(key="link_upload").set_value(FILES).run()
    assert not colleague.exception
    assert metric(colleague, "Portfolio ROI") == "130.6 %"
    assert not [w for w in colleague.warning if w.value.startswith("This link's settings")]
    assert colleague.session_state["_loaded_ledger"].fingerprint == params["fp"]


@pytest.fixture
def database(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("ALLIANCE_ROI_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ALLIANCE_ROI_DATABASE_URL", raising=False)
    return tmp_path / "reviews.sqlite3"


@pytest.mark.usefixtures("database")
def test_a_saved_review_keeps_the_combined_ledger_and_reopens_with_its_figures():
    sharer = uploaded(app())
    next(t for t in sharer.text_input if t.label == "Title").set_value("Regions")
    next(t for t in sharer.text_input if t.label == "Portfolio").set_value("Partners")
    next(b for b in sharer.button if b.label == "Save").click().run()
    assert not sharer.exception
    colleague = app(review=sharer.query_params["review"])
    assert not colleague.exception
    assert metric(colleague, "Portfolio ROI") == "130.6 %"
    assert not colleague.warning  # the figures recomputed equal the saved ones
    loaded = colleague.session_state["_loaded_ledger"]
    assert loaded.name == "north + south (combined).xlsx"
    assert sorted(loaded.ledger.entries["sheet"].unique()) == ["north", "south"]
