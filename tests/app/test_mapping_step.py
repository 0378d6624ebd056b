"""The mapping step guesses from the headers and the contents, never offers one column for two
fields, and previews the rows and totals a mapping reads before the user accepts it (issue 27.8).
Every figure is worked out by hand from the rows written here."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.helpers import workbook_bytes

APP = str(Path(__file__).resolve().parents[2] / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Headers nothing in the vocabulary knows: only the contents tell the columns apart.
BLIND = [
    ["F1", "F2", "F3", "F4", "F5", "F6"],
    ["05/01/2024", "INV-1", "Acme", "1200.50", "300", "3"],
    ["06/01/2024", "INV-2", "Beta", "900", "200", "2"],
    ["07/01/2024", "INV-3", "Acme", "100", "50", "1"],
    ["08/01/2024", "INV-4", "Beta", "300", "75", "1"],
    ["soon", "INV-5", "Acme", "10", "5", "1"],  # row 6: not a date, left out
]


def start(rows: list[list[object]], name: str = "blind.xlsx") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.file_uploader[0].set_value((name, workbook_bytes({"Export": rows}), XLSX))
    return at.run()


def boxes(at: AppTest, sheet: str = "Export", row: int = 1) -> dict[str, str]:
    """The mapping step's fields and the column each box shows."""
    prefix, suffix = "map_", f"_{sheet}_{row}"
    return {
        box.key[len(prefix) : -len(suffix)]: box.value
        for box in at.selectbox
        if box.key and box.key.startswith(prefix) and box.key.endswith(suffix)
    }


def totals(at: AppTest) -> dict[str, str]:
    """The preview's totals: 'Revenue total  \\n**2,500.50**' as label -> value."""
    found = {}
    for text in (m.value for m in at.markdown):
        label, sep, value = text.partition("  \n")
        if sep and value.startswith("**"):
            found[label] = value.strip("*")
    return found


def test_the_step_guesses_from_the_contents_and_previews_the_totals():
    """F1 reads as dates, F3 is a text of two partners, F4 and F5 the largest sums (revenue
    1,200.50 + 900 + 100 + 300 + 10 = 2,510.50 on five rows, but row 6's date is not one: 2,500.50;
    cost 300 + 200 + 50 + 75 = 625.00); F6 sums 8, too small to be money."""
    at = start(BLIND)
    assert not at.exception
    assert at.info[0].value.startswith("**We guessed your columns: confirm.**")
    chosen = {field: column for field, column in boxes(at).items() if column != "—"}
    assert chosen == {"date": "F1", "alliance": "F3", "revenue": "F4", "cost": "F5"}
    assert "Preview: the ledger as these columns read it" in [s.value for s in at.subheader]
    assert totals(at) == {
        "Revenue total": "2,500.50",
        "Cost total": "625.00",
        "Rows read": "5",
        "Rows left out": "1",
    }
    shown = at.dataframe[1].value  # after the sheet's first rows
    assert shown["Row"].tolist() == [2, 3, 4, 5]
    assert shown["Date"].tolist() == ["2024-01-05", "2024-01-06", "2024-01-07", "2024-01-08"]
    assert shown["Alliance"].tolist() == ["Acme", "Beta", "Acme", "Beta"]
    assert shown["Revenue"].tolist() == [1200.5, 900.0, 100.0, 300.0]
    assert shown["Cost"].tolist() == [300.0, 200.0, 50.0, 75.0]
    assert any("e.g. row 6" in c.value and "'soon' is not a date" in c.value for c in at.caption)
    # The pieces column as the cost: 3 + 2 + 1 + 1 = 7 on the rows read.
    at.selectbox(key="map_cost_Export_1").set_value("F6").run()
    assert totals(at)["Cost total"] == "7.00"
    at.selectbox(key="map_cost_Export_1").set_value("F5").run()
    at.button(key="map_apply").click().run()
    assert not at.exception
    metric = {m.label: m.value for m in at.metric}
    assert metric["Portfolio ROI"] == "300.1 %"  # (2,500.50 − 625) / 625 = 300.08 %


def test_no_column_is_pre_selected_for_two_fields():
    """'Einnahmen total' is the unread revenue the refusal proposes; its word 'total' hints at an
    amount too, and the step used to open both boxes on it."""
    rows = [
        ["Date", "Partner", "Einnahmen total", "Cost"],
        ["2024-01-15", "Acme", 1000, 500],
        ["2024-02-15", "Acme", 250, 125],
    ]
    at = start(rows, "export.xlsx")
    assert not at.exception
    chosen = {field: column for field, column in boxes(at).items() if column != "—"}
    assert chosen == {"date": "Date", "alliance": "Partner", "revenue": "Einnahmen total", "cost": "Cost"}
    # Revenue 1,000 + 250 = 1,250; cost 500 + 125 = 625.
    assert totals(at) == {
        "Revenue total": "1,250.00",
        "Cost total": "625.00",
        "Rows read": "2",
        "Rows left out": "0",
    }


def test_one_column_chosen_twice_is_said_before_any_preview():
    at = start(BLIND)
    at.selectbox(key="map_amount_Export_1").set_value("F4").run()
    assert any("One column is chosen for two fields" in w.value for w in at.warning)
    assert "Preview: the ledger as these columns read it" not in [s.value for s in at.subheader]
    assert totals(at) == {}


def test_a_mapping_that_reads_no_row_says_so_in_the_preview():
    """The reference column as the date: none of its five cells is a date, every row left out."""
    at = start(BLIND)
    at.selectbox(key="map_date_Export_1").set_value("F2").run()
    assert not at.exception
    assert totals(at) == {
        "Revenue total": "0.00",
        "Cost total": "0.00",
        "Rows read": "5",
        "Rows left out": "5",
    }
    assert any("No row reads as an entry" in w.value for w in at.warning)
