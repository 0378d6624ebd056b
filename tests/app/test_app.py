"""The app as a user drives it, through Streamlit's AppTest: start, upload, read, download."""

import datetime as dt
import io
import os
import tempfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from tests.case_study import case_workbook
from tests.helpers import ledger_bytes, workbook_bytes

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))


def start() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_opens_on_the_labelled_sample():
    at = start()
    assert any("Sample ledger" in i.value for i in at.info)
    # Upload your workbook (on the page, for phones), Share this view, Save this review
    assert [p.proto.popover.label for p in at.get("popover")] == [
        "Upload your workbook",
        "Share this view",
        "Save this review",
    ]
    assert metrics(at)["Portfolio ROI"].endswith("%")
    assert len(at.dataframe) >= 1
    labels = [b.label for b in at.get("download_button")]
    assert labels == [
        "Summary workbook (.xlsx)",
        "Alliance table (.csv)",
        "Report for sharing (.html)",
        "Review deck (.pptx)",
        "Blank ledger template (.xlsx)",
    ]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_starts_without_exception(page):
    at = start()
    at.switch_page(page)
    at.run()
    assert not at.exception
    assert not at.error


def test_upload_changes_the_metrics_to_that_workbook():
    # Acme: 1500 revenue, 1000 cost; Beta: 450 revenue, 500 cost.
    # Portfolio: revenue 1950, cost 1500, net 450, ROI 450 / 1500 = 30.0 %, Strong (above 20 %).
    # Money in one scale, that of the largest amount (thousands): 1.95k, 1.50k, 0.45k.
    data = ledger_bytes(
        [
            ["2024-01-01", "Acme", "Revenue", 1500],
            ["2024-01-01", "Acme", "Cost", 1000],
            ["2024-02-01", "Beta", "Revenue", 450],
            ["2024-02-01", "Beta", "Cost", 500],
        ]
    )
    at = start()
    at.file_uploader[0].set_value(("mine.xlsx", data, XLSX))
    at.run()
    assert not at.exception
    shown = metrics(at)
    assert shown["Portfolio ROI"] == "30.0 %"
    assert next(m.delta for m in at.metric if m.label == "Portfolio ROI") == "▲ Strong band"
    assert shown["Revenue"] == "1.95k"
    assert shown["Cost"] == "1.50k"
    assert shown["Net value"] == "0.45k"
    assert shown["▲ Strong (> 20%)"] == "1"
    assert shown["▼ Weak (< 10%)"] == "1"
    # 30 % against the benchmarks: +15 points over 15 %, +5 over 25 %; entries from January to February
    gaps = next(m.value for m in at.markdown if m.value.startswith("Against the benchmarks"))
    assert gaps == (
        "Against the benchmarks: **+15.0 pts** vs Cross-industry average (15%) · "
        "**+5.0 pts** vs Top quartile, technology partnerships (25%)"
    )
    assert any(
        c.value == "Jan 2024 – Feb 2024 · currency not stated in the ledger · 2 alliances" for c in at.caption
    )
    assert not any("Sample ledger" in i.value for i in at.info)
    table = at.dataframe[0].value
    assert table["Alliance"].tolist() == ["Acme", "Beta"]
    assert table["ROI"].tolist() == ["50.0 %", "-10.0 %"]


def test_unusable_upload_shows_a_message_and_the_app_keeps_running():
    at = start()
    at.file_uploader[0].set_value(("stuff.xlsx", workbook_bytes({"Stuff": [["Name", "Score"]]}), XLSX))
    at.run()
    assert not at.exception
    assert "No sheet looks like a ledger" in at.error[0].value
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Blank ledger template (.xlsx)"]
    assert not at.get("popover")  # no view to share while the file cannot be read


def test_summary_download_serves_the_uploaded_ledgers_workbook(deferred_downloads):
    data = ledger_bytes([["2024-01-01", "Acme", "Revenue", 1500], ["2024-01-01", "Acme", "Cost", 1000]])
    at = start()
    at.file_uploader[0].set_value(("mine.xlsx", data, XLSX))
    at.run()
    button = next(b for b in at.get("download_button") if b.label.startswith("Summary workbook"))
    button.click()
    at.run()
    assert not at.exception
    book = load_workbook(io.BytesIO(deferred_downloads["mine-summary.xlsx"]()))
    acme = [c.value for c in book["Alliances"][2]]
    assert acme[0] == "Acme"
    assert acme[5] == pytest.approx(0.5, abs=1e-12)  # (1500 − 1000) / 1000
    assert "mine-alliances.csv" in deferred_downloads
    # The review deck: title, portfolio, one slide for Acme, before/after, decisions, risks and
    # health, action plan (#17), data issues; its ROI chart holds the same 50 % as the workbook.
    from pptx import Presentation

    slides = Presentation(io.BytesIO(deferred_downloads["mine-review.pptx"]())).slides
    assert len(slides) == 8
    charts = [shape.chart for shape in slides[1].shapes if shape.has_chart]
    assert list(charts[0].plots[0].series[0].values) == pytest.approx([0.5])


def test_before_after_page_names_every_initiative_date_and_the_small_control_group():
    """#32.8: Alpha started on 2025-01-01, Beta on 2025-04-01 (Alliances sheet); Gamma, without a
    date, is the control group, one alliance: the caption names both dates, a warning says the
    control group is one alliance, and the paragraph says so in the singular."""
    from tests.case_study import case_rows

    sheet = [["Alliance", "Initiative date"], ["Alpha", "2025-01-01"], ["Beta", "2025-04-01"]]
    at = start()
    at.file_uploader[0].set_value(("dates.xlsx", ledger_bytes(case_rows(), Alliances=sheet), XLSX))
    at.run()
    at.switch_page("pages/before_after.py")
    at.run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Initiatives on 2025-01-01 and 2025-04-01: each alliance") for c in captions)
    # Shown as text: the page escapes Markdown (a colon is written '\\:').
    warnings = [w.value.replace("\\", "") for w in at.warning]
    assert any(
        w.startswith("The control group is 1 alliance: its change is that partner's own") for w in warnings
    )
    paragraph = at.html[0].value
    assert "(started 01 Jan 2025 and 01 Apr 2025)" in paragraph
    assert "the one alliance without the initiative" in paragraph and "1 alliances" not in paragraph


def test_before_after_page_tells_the_seed_case_from_an_upload():
    at = start()
    at.file_uploader[0].set_value(("case.xlsx", case_workbook(), XLSX))
    at.run()
    at.switch_page("pages/before_after.py")
    at.run()
    assert not at.exception
    shown = {m.label: (m.value, m.delta) for m in at.metric}
    assert shown["ROI before"][0] == "8.0 %"
    assert shown["ROI after"] == ("18.0 %", "+10.0 pts")
    assert shown["Revenue change"][0] == "25.0 %"
    assert shown["Effect vs control group"][0] == "+5.0 pts"
    # prose in a quote block with a copy button, not a code block
    assert not any("rose from" in c.value for c in at.code)
    paragraph = at.html[0].value
    assert "<blockquote" in paragraph and "rose from 8.0 % to 18.0 % (+10.0 points)" in paragraph
    assert "Copy paragraph</button>" in paragraph


def test_before_after_window_choice_changes_the_view():
    at = start()
    at.file_uploader[0].set_value(("case.xlsx", case_workbook(), XLSX))
    at.run()
    at.switch_page("pages/before_after.py")
    at.run()
    at.radio(key="ba_window").set_value("months")
    at.run()
    at.number_input(key="ba_months").set_value(3)
    at.run()
    assert not at.exception
    # three months each side: Alpha 0.20 -> 0.25; Beta (13,860 - 14,000)/14,000 -> (17,325 - 15,750)/15,750
    # portfolio before 31,860 / 29,000, after 39,825 / 33,750
    shown = {m.label: m.value for m in at.metric}
    assert shown["ROI before"] == f"{(31860 - 29000) / 29000 * 100:.1f} %"
    assert shown["ROI after"] == f"{(39825 - 33750) / 33750 * 100:.1f} %"
    assert any("different seasons" in w.value for w in at.warning)


def test_trends_page_shows_the_quarters():
    at = start()
    at.file_uploader[0].set_value(("case.xlsx", case_workbook(), XLSX))
    at.run()
    at.switch_page("pages/trends.py")
    at.run()
    assert not at.exception
    table = at.dataframe[0].value
    assert table["Quarter"].tolist() == ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"]
    # In percent, under the one percent format of every grid (#32.7): 2,160 / 33,000 = 6.5 %.
    assert table["ROI"].iloc[0] == pytest.approx(2160 / 33000 * 100)


def quartile_ledger() -> bytes:
    # cost 1,000 each; ROI A 0.40, B 0.30, C 0.20, D 0.10, E −0.10 -> P25 10 %, P50 20 %, P75 30 %
    rows = []
    for name, revenue in {"A": 1400, "B": 1300, "C": 1200, "D": 1100, "E": 900}.items():
        rows += [["2024-01-10", name, "Revenue", revenue], ["2024-01-10", name, "Cost", 1000]]
    alliances = [
        ["Alliance", "Type"],
        ["A", "Value Multiplier"],
        ["B", "Value Multiplier"],
        ["C", "Market Accelerator"],
        ["D", "Market Accelerator"],
        ["E", "Market Accelerator"],
    ]
    return ledger_bytes(rows, Alliances=alliances)


def test_quartiles_page_on_the_sample():
    at = start()
    at.switch_page("pages/quartiles.py")
    at.run()
    assert not at.exception
    assert "Quartiles are computed over the 9 alliances in view with a defined ROI" in at.caption[1].value
    assert "(1 without one are shown but not ranked)" in at.caption[1].value


def test_quartiles_page_follows_an_upload_and_the_type_filter():
    at = start()
    at.file_uploader[0].set_value(("q.xlsx", quartile_ledger(), XLSX))
    at.run()
    at.switch_page("pages/quartiles.py")
    at.run()
    assert "P25 10.0 %, P50 20.0 %, P75 30.0 %" in at.caption[1].value
    table = at.dataframe[0].value
    assert table["Quartile"].tolist() == ["Top", "Top", "Second", "Third", "Bottom"]
    assert table["Extra net value needed"].iloc[4] == pytest.approx(200.0)  # E: (0.10 − (−0.10)) × 1,000


def test_type_filter_carries_from_the_overview_to_the_quartiles():
    # AppTest shows the sidebar on the entry page only, so the filter is set there.
    at = start()
    at.file_uploader[0].set_value(("q.xlsx", quartile_ledger(), XLSX))
    at.run()
    at.sidebar.multiselect(key="f_types").set_value(["Market Accelerator"])
    at.run()
    assert not at.exception
    assert at.dataframe[0].value["Alliance"].tolist() == ["C", "D", "E"]
    at.switch_page("pages/quartiles.py")
    at.run()
    # C, D, E: −0.1, 0.1, 0.2 -> P25 0.0, P50 10 %, P75 15 %
    assert "over the 3 alliances in view" in at.caption[1].value
    assert "type: Market Accelerator" in at.caption[1].value
    assert "P25 0.0 %, P50 10.0 %, P75 15.0 %" in at.caption[1].value


def test_an_added_benchmark_reaches_the_alliance_table():
    at = start()
    at.file_uploader[0].set_value(("q.xlsx", quartile_ledger(), XLSX))
    at.run()
    # AppTest cannot type into a data editor; the editor's Apply button stores exactly this list.
    at.session_state["benchmarks"] = [
        *at.session_state["benchmarks"],
        {"name": "Hurdle", "roi": 0.12, "source": "CFO memo"},
    ]
    at.run()
    assert not at.exception
    table = at.dataframe[0].value
    assert table.loc[table["Alliance"] == "A", "vs Hurdle"].item() == "above by 28.0 pts"


def test_scorecard_page_judges_goals_as_of_the_chosen_day():
    goals = [
        ["Alliance", "Metric", "Target", "Actual", "Unit", "Start date", "Due date", "Owner"],
        ["Acme", "Customers", 100, 40, "customers", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "Kim"],
    ]
    data = ledger_bytes(
        [
            ["2025-01-01", "Acme", "Revenue", 900],
            ["2025-01-01", "Acme", "Cost", 1000],
            ["2025-01-01", "Beta", "Revenue", 900],
            ["2025-01-01", "Beta", "Cost", 100],
        ],
        Goals=goals,
    )
    at = start()
    at.file_uploader[0].set_value(("g.xlsx", data, XLSX))
    at.run()
    at.switch_page("pages/scorecard.py")
    at.run()
    at.date_input(key="as_of").set_value(dt.date(2025, 7, 2))  # half way: 40 % of target is at risk
    at.run()
    assert not at.exception
    counts = {m.label: m.value for m in at.metric}
    assert counts["! At risk"] == "1" and counts["✗ Off track"] == "0"
    assert at.dataframe[0].value["Status"].tolist() == ["At risk"]
    flags = [e.label for e in at.expander]
    assert "**Acme**: Negative ROI" in flags
    assert "**Beta**: No goals defined (vague success metrics)" in flags
    at.date_input(key="as_of").set_value(dt.date(2026, 1, 5))  # past due
    at.run()
    assert {m.label: m.value for m in at.metric}["✗ Off track"] == "1"


def test_scorecard_without_goals_sheet_says_how_to_add_one():
    at = start()
    rows = [["2025-01-01", "A", "Revenue", 9], ["2025-01-01", "A", "Cost", 5]]
    at.file_uploader[0].set_value(("plain.xlsx", ledger_bytes(rows), XLSX))
    at.run()
    at.switch_page("pages/scorecard.py")
    at.run()
    assert not at.exception
    assert any("no Goals sheet" in i.value for i in at.info)


def test_two_sessions_never_see_each_others_upload(tmp_path, monkeypatch):
    # Every temporary file Python code makes in this test lands in its own folder, which is then
    # checked together with the project tree: nothing else on the machine is scanned.
    spool = tmp_path / "tmp"
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))

    def listing():
        skip = {".venv", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis", "node_modules"}
        found = set()
        for root in (ROOT, spool):
            for folder, dirs, files in os.walk(root):
                dirs[:] = [d for d in dirs if d not in skip]
                found |= {Path(folder) / name for name in files}
        return found

    before = listing()
    first, second = start(), start()
    secret = ledger_bytes(
        [["2024-01-01", "Secret Partner", "Revenue", 777], ["2024-01-01", "Secret Partner", "Cost", 100]]
    )
    first.file_uploader[0].set_value(("secret.xlsx", secret, XLSX))
    first.run()
    assert first.dataframe[0].value["Alliance"].tolist() == ["Secret Partner"]
    second.run()
    assert "Secret Partner" not in second.dataframe[0].value["Alliance"].tolist()
    assert any("Sample ledger" in i.value for i in second.info)
    loaded = second.session_state["_loaded_ledger"]
    assert loaded.is_sample and "Secret Partner" not in set(loaded.ledger.entries["alliance"])
    # nothing of the upload was written to disk
    new = {p for p in listing() - before if "secret" in p.name.lower() or p.suffix in {".xlsx", ".csv"}}
    assert new == set()


def test_unrecognised_headers_get_a_mapping_step_that_is_reused():
    rows = [
        ["Posting day", "Counterparty", "Flow", "EUR"],
        ["2024-01-05", "Acme", "Income", 1200],
        ["2024-01-06", "Acme", "Expense", 1000],
    ]
    at = start()
    at.file_uploader[0].set_value(("erp.xlsx", workbook_bytes({"Export": rows}), XLSX))
    at.run()
    assert not at.exception
    # every field has a likely column, so the step opens as a guess to confirm, not as an error
    assert not at.error
    assert at.info[0].value.startswith("**We guessed your columns: confirm.**")
    assert "No sheet looks like a ledger" in at.info[0].value
    assert at.number_input(key="map_header_Export").value == 1
    guessed = {f: at.selectbox(key=f"map_{f}_Export_1").value for f in ("date", "alliance", "kind", "amount")}
    assert guessed == {"date": "Posting day", "alliance": "Counterparty", "kind": "Flow", "amount": "EUR"}
    for field, header in (
        ("date", "Posting day"),
        ("alliance", "Counterparty"),
        ("kind", "Flow"),
        ("amount", "EUR"),
    ):
        at.selectbox(key=f"map_{field}_Export_1").set_value(header)
    at.button(key="map_apply").click()
    at.run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Portfolio ROI"] == "20.0 %"  # (1,200 − 1,000) / 1,000
    # next month's export, same headers: read with the saved mapping straight away
    later = rows + [["2024-02-05", "Acme", "Income", 300]]
    at.file_uploader[0].set_value(("erp-feb.xlsx", workbook_bytes({"Export": later}), XLSX))
    at.run()
    assert {m.label: m.value for m in at.metric}["Portfolio ROI"] == "50.0 %"  # (1,500 − 1,000) / 1,000
    assert any("Read with your column mapping" in c.value for c in at.caption)


def test_the_mapping_step_labels_every_field_it_offers():
    from core.reading.mapping import MAPPED_FIELDS
    from ui.mapping import FIELDS

    assert tuple(FIELDS) == MAPPED_FIELDS


def test_the_mapping_step_works_revenue_and_cost_out_from_quantity_and_unit_prices():
    """Acme: 10 × 12.00 + 5 × 12.00 = 180 revenue, 10 × 10.00 + 5 × 10.00 = 150 cost → ROI 20.0 %."""
    rows = [
        ["Posting day", "Counterparty", "Pieces", "Each", "Cost each"],
        ["2024-01-05", "Acme", 10, 12, 10],
        ["2024-01-06", "Acme", 5, 12, 10],
    ]
    at = start()
    at.file_uploader[0].set_value(("units.xlsx", workbook_bytes({"Export": rows}), XLSX))
    at.run()
    chosen = {
        "date": "Posting day",
        "alliance": "Counterparty",
        "quantity": "Pieces",
        "unit price": "Each",
        "unit cost": "Cost each",
        # the step guesses the two number columns of larger sums as revenue and cost: cleared
        "revenue": "—",
        "cost": "—",
    }
    for field, header in chosen.items():
        at.selectbox(key=f"map_{field}_Export_1").set_value(header)
    at.button(key="map_apply").click()
    at.run()
    assert not at.exception
    assert not at.error
    assert metrics(at)["Portfolio ROI"] == "20.0 %"


def test_credit_and_shared_cost_rule_change_the_overview():
    header = ["Date", "Alliance", "Kind", "Amount", "Attribution"]
    rows = [
        ["2025-01-15", "A", "Revenue", 800, "Sourced"],
        ["2025-01-15", "A", "Revenue", 400, "Influenced"],
        ["2025-01-15", "A", "Cost", 900, ""],
        ["2025-01-15", "B", "Revenue", 1200, "Sourced"],
        ["2025-01-15", "B", "Cost", 1000, ""],
        ["2025-01-15", "Shared", "Cost", 200, ""],
    ]
    at = start()
    at.file_uploader[0].set_value(("adj.xlsx", workbook_bytes({"Ledger": [header, *rows]}), XLSX))
    at.run()
    # revenue share: A and B both earn 1,200 -> 100 each; A (1,200 − 1,000) / 1,000 = 20.0 %
    table = at.dataframe[0].value.set_index("Alliance")
    assert table.loc["A", "ROI"] == "20.0 %"
    at.sidebar.slider(key="credit_pct").set_value(0)
    at.run()
    # sourced only: A earns 800, B 1,200 -> shared 80 / 120; A (800 − 980) / 980
    table = at.dataframe[0].value.set_index("Alliance")
    assert table.loc["A", "ROI"] == f"{(800 - 980) / 980 * 100:.1f} %"
    at.sidebar.radio(key="shared_rule").set_value("evenly")
    at.run()
    table = at.dataframe[0].value.set_index("Alliance")
    assert table.loc["A", "ROI"] == f"{(800 - 1000) / 1000 * 100:.1f} %"
    assert any("are split evenly" in c.value for c in at.caption)
    assert not at.exception


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [["someday", "A", "Revenue", "oops"], ["2024-01-01", "", "Cost", 1]],
            "all 2 rows below it were left out",
        ),
        ([["2024-01-01", "Shared", "Cost", 100]], "No entry is in view"),
    ],
)
def test_a_ledger_with_nothing_usable_says_so_on_every_page(rows, message):
    at = start()
    at.file_uploader[0].set_value(("empty.xlsx", ledger_bytes(rows), XLSX))
    at.run()
    assert not at.exception
    assert any(message in m.value for m in [*at.error, *at.warning])
    for page in PAGES:
        at.switch_page(page)
        at.run()
        assert not at.exception, page


def test_a_file_that_would_abort_the_reader_gets_a_message_and_the_app_keeps_serving(monkeypatch):
    from tests.reading.test_isolation import sparse_corner

    monkeypatch.setenv("ALLIANCE_ROI_READ_MEMORY_MB", "2048")
    at, other = start(), start()
    at.file_uploader[0].set_value(("corner.xlsx", sparse_corner(), XLSX))
    at.run()
    assert not at.exception
    assert at.error[0].value.startswith("'corner.xlsx'\\: sheet 'Ledger' reaches cell XFD1048576")
    other.run()  # another session of the same server still works
    assert not other.exception and metrics(other)["Portfolio ROI"].endswith("%")


def test_two_amount_columns_are_asked_about_and_either_can_be_chosen():
    rows = [
        ["Date", "Alliance", "Kind", "Amount", "Amount"],
        ["2024-01-01", "Acme", "Revenue", 1200, 12],
        ["2024-01-02", "Acme", "Cost", 1000, 10],
    ]
    at = start()
    at.file_uploader[0].set_value(("two.xlsx", workbook_bytes({"Ledger": rows}), XLSX))
    at.run()
    assert not at.exception
    # a guess to confirm (the first Amount column), with the reader's reason in the box
    assert not at.error
    assert (
        r"two columns could be the amount\: D 'Amount' and E 'Amount'" in at.info[0].value
    )  # Markdown-escaped
    amount = at.selectbox(key="map_amount_Ledger_1")
    assert amount.options == ["—", "Date", "Alliance", "Kind", "D: Amount", "E: Amount"]
    for field, header in (
        ("date", "Date"),
        ("alliance", "Alliance"),
        ("kind", "Kind"),
        ("amount", "E: Amount"),
    ):
        at.selectbox(key=f"map_{field}_Ledger_1").set_value(header)
    at.button(key="map_apply").click()
    at.run()
    assert not at.exception
    assert metrics(at)["Portfolio ROI"] == "20.0 %"  # column E: (12 − 10) / 10


def test_overview_grid_hides_empty_columns_and_shows_a_dash_for_missing_values():
    # Acme: (1,500 − 1,000) / 1,000 = 50 %; Gamma has revenue and no cost: ROI n/a, with a note.
    # No Alliances sheet, so no type: that column is empty for the whole ledger and hidden.
    data = ledger_bytes(
        [
            ["2024-01-01", "Acme", "Revenue", 1500],
            ["2024-01-01", "Acme", "Cost", 1000],
            ["2024-01-01", "Gamma", "Revenue", 200],
        ]
    )
    at = start()
    at.file_uploader[0].set_value(("dash.xlsx", data, XLSX))
    at.run()
    grid = at.dataframe[0]
    assert grid.value["Alliance"].tolist() == ["Acme", "Gamma"]  # best ROI first, n/a last
    assert list(grid.proto.column_order) == [
        "Alliance",
        "ROI",  # next to the name, so that a phone shows it without scrolling
        "Band",
        "Quartile",
        "Revenue",
        "Cost",
        "Net value",
        "vs Cross-industry average",
        "vs Top quartile, technology partnerships",
        "Note",
    ]
    assert grid.proto.placeholder == "—"  # never 'None' or 'nan'


def test_the_upload_is_on_the_overview_too_for_phones():
    at = start()
    assert [p.proto.popover.label for p in at.main.get("popover")] == ["Upload your workbook"]
    assert [u.key for u in at.main.file_uploader] == ["main_upload"]  # in that popover
    rows = [["2024-01-01", "A", "Revenue", 9], ["2024-01-01", "A", "Cost", 5]]
    at.main.file_uploader[0].set_value(("mine.xlsx", ledger_bytes(rows), XLSX))
    at.run()
    assert not at.exception
    assert not any("Sample ledger" in i.value for i in at.info)
    assert "mine.xlsx" in at.caption[0].value
    assert [p.proto.popover.label for p in at.main.get("popover")] == ["Upload another workbook"]


def test_an_unread_revenue_column_opens_the_mapping_step_with_it_proposed():
    """Issue 27: 'Einnahmen netto' is not a revenue word the reader knows and revenue would be 0 for
    every alliance: no figures, the mapping step with that column proposed for the revenue, and the
    figures once it is confirmed (Acme: revenue 1,000 + 250 = 1,250, cost 500 + 125 = 625)."""
    data = workbook_bytes(
        {
            "Export": [
                ["Date", "Partner", "Einnahmen netto", "Cost"],
                ["2024-01-15", "Acme", 1000, 500],
                ["2024-02-15", "Acme", 250, 125],
            ]
        }
    )
    at = start()
    at.file_uploader[0].set_value(("export.xlsx", data, XLSX))
    at.run()
    assert not at.exception
    assert not at.metric, "no figures while revenue is unread"
    revenue = next(box for box in at.selectbox if box.label.startswith("Revenue"))
    assert revenue.value == "Einnahmen netto"
    at.button(key="map_apply").click().run()
    assert not at.exception
    grid = at.dataframe[0].value.set_index("Alliance")
    assert (grid.loc["Acme", "Revenue"], grid.loc["Acme", "Cost"]) == (1250.0, 625.0)


def test_a_revenue_only_ledger_is_read_once_the_user_says_so():
    data = workbook_bytes({"Sales": [["Date", "Partner", "Revenue"], ["2024-01-15", "Acme", 1000]]})
    at = start()
    at.file_uploader[0].set_value(("sales.xlsx", data, XLSX))
    at.run()
    assert not at.exception
    # The columns are all known, so the step opens as a guess to confirm, with the refusal in it.
    assert any("no cost column was found" in str(box.value) for box in [*at.error, *at.info])
    assert not at.metric
    at.checkbox(key="map_revenue_only").check().run()
    at.button(key="map_apply").click().run()
    assert not at.exception
    assert any("holds revenue only" in str(box.value) for box in at.info), "the revenue-only note is shown"
    assert [m.value for m in at.metric if m.label in ("Revenue", "Cost")] == ["1.00k", "0.00k"]


def test_a_headers_only_workbook_shows_why_and_no_empty_dashboard():
    """Issues 31.9 and 32.9: no figures, no chart and no downloads for a ledger without entries
    (the workbook button's download never arrived), and the message says there are none."""
    at = start()
    data = workbook_bytes({"Ledger": [["Date", "Alliance", "Kind", "Amount"]]})
    at.file_uploader[0].set_value(("empty.xlsx", data, XLSX))
    at.run()
    assert not at.exception
    assert len(at.error) == 1
    assert "No usable entries" in at.error[0].value
    assert "it has no entries below it" in at.error[0].value
    assert not at.metric
    assert "Downloads" not in [s.value for s in at.subheader]
    assert not at.get("download_button")


def test_every_row_left_out_lists_them_and_shows_no_dashboard():
    rows = [
        ["Date", "Alliance", "Kind", "Amount"],
        ["2024-01-05", "Acme", "Transfer", 5],
        ["soon", "Acme", "Cost", 4],
    ]
    at = start()
    at.file_uploader[0].set_value(("bad.xlsx", workbook_bytes({"Ledger": rows}), XLSX))
    at.run()
    assert not at.exception
    assert "all 2 rows below it were left out" in at.error[0].value
    assert not at.metric
    assert [e.label for e in at.expander if e.label.startswith("Data issues")] == ["Data issues: 2 found"]


def test_a_ledger_of_shared_costs_only_says_why_nothing_is_in_view():
    """Issue 31.7: every entry is 'Shared' (costs split between alliances), so no alliance is in view;
    a link's filter that matches nothing is already dropped with a notice (test_links)."""
    rows = [
        ["Date", "Alliance", "Kind", "Amount"],
        ["2024-01-05", "Shared", "Cost", 500],
        ["2024-02-05", "Shared", "Cost", 250],
    ]
    at = start()
    at.file_uploader[0].set_value(("shared.xlsx", workbook_bytes({"Ledger": rows}), XLSX))
    at.run()
    assert not at.exception
    assert [w.value.replace("\\", "") for w in at.warning if "No entry is in view" in w.value] == [
        "No entry is in view: the ledger's 2 entries are all of 'Shared', the shared costs split between "
        "alliances; check that the ledger names its alliances."
    ]
    assert not at.metric
