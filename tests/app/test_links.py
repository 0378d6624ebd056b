"""Shareable views: settings in the URL restore the view; changing a setting updates the URL."""

import datetime as dt
import io
import json
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path

from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from tests.case_study import case_workbook
from tests.helpers import ledger_bytes

APP = str(Path(__file__).resolve().parents[2] / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def app(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    return at.run()


def test_sample_view_writes_only_its_source():
    at = app()
    assert not at.exception
    assert at.query_params == {"src": "sample"}


def test_link_restores_thresholds_window_filters_and_benchmarks():
    bench = json.dumps([["Hurdle", 0.12, "CFO memo"]])
    at = app(
        src="sample",
        strong="25",
        moderate="12",
        win="3",
        type=["Value Multiplier"],
        bench=bench,
        asof="2026-06-30",
    )
    assert not at.exception
    assert at.session_state["strong_pct"] == 25.0 and at.session_state["moderate_pct"] == 12.0
    assert at.session_state["ba_window"] == "months" and at.session_state["ba_months"] == 3
    assert at.session_state["f_types"] == ["Value Multiplier"]
    assert at.session_state["as_of"] == dt.date(2026, 6, 30)
    labels = {m.label for m in at.metric}
    assert "▲ Strong (> 25%)" in labels
    table = at.dataframe[0].value
    assert set(table["Type"]) == {"Value Multiplier"}
    assert "vs Hurdle" in table.columns and "vs Cross-industry average" not in table.columns
    # the restored view writes the same settings back
    assert at.query_params["strong"] == "25" and at.query_params["win"] == "3"
    assert at.query_params["type"] == "Value Multiplier"


def test_changing_a_setting_updates_the_link():
    at = app()
    at.sidebar.number_input(key="strong_pct").set_value(30.0)
    at.run()
    assert at.query_params["strong"] == "30"
    at.sidebar.multiselect(key="f_types").set_value(["Innovation Catalyst", "Market Accelerator"])
    at.run()
    assert at.query_params["type"] == ["Innovation Catalyst", "Market Accelerator"]


def test_invalid_values_are_refused_with_a_notice_naming_what_was_asked_and_what_is_used():
    at = app(strong="9999", win="lots", asof="yesterday", bench="[1,2]", moderate="15", disc="150")
    assert not at.exception
    assert at.session_state["strong_pct"] == 20.0
    assert at.session_state["moderate_pct"] == 15.0
    assert at.session_state["discount_pct"] == 10.0
    notices = [w.value for w in at.warning if w.value.startswith("This link's settings")]
    assert notices == [
        "This link's settings: 'strong=9999' (band threshold 'Strong above') is outside -100 to 1000 %: "
        "using 20 % (the default).",
        "This link's settings: 'win=lots' (before/after windows) is not 'equal', 'all' or a number of "
        "months: using equal windows, the longest the data allows.",
        "This link's settings: 'asof=yesterday' (day goal status is judged on) is not a date like "
        "2025-01-31: using today.",
        "This link's settings: 'bench=\\[1,2\\]' (benchmarks) is not a list of [name, ROI between -10 and 10, "
        "source]: using the defaults and the workbook's own.",
        "This link's settings: 'disc=150' (discount rate for NPV, % a year) is outside -50 to 100 %: "
        "using 10 % (the default).",
    ]
    assert any(m.label == "NPV at 10%" for m in at.metric)


def test_link_made_on_an_upload_asks_for_that_file_then_applies():
    at = app(src="case.xlsx", fp="0badf00d", ba="2025-01-01", who=["Alpha", "Beta"], win="all")
    banner = next(w.value for w in at.warning if "shared view was made on the file" in w.value)
    assert banner.startswith("This shared view was made on the file 'case.xlsx' (fingerprint 0badf00d).")
    assert not at.metric  # never the sample's numbers in place of the shared view
    assert at.query_params["src"] == "case.xlsx"  # kept while the file is awaited
    at.file_uploader(key="link_upload").set_value(("case.xlsx", case_workbook(), XLSX))
    at.run()
    assert not at.exception
    assert at.session_state["ba_mode"] == "one"
    assert at.session_state["ba_participants"] == ["Alpha", "Beta"]
    assert at.session_state["ba_window"] == "all"
    assert at.query_params["who"] == ["Alpha", "Beta"] and at.query_params["src"] == "case.xlsx"
    # the same name with other content is applied, and said
    assert any("not byte for byte the file this link was made on" in w.value for w in at.warning)


def test_another_file_does_not_take_the_links_settings():
    at = app(src="case.xlsx", win="all")
    other = ledger_bytes([["2024-01-01", "A", "Revenue", 2], ["2024-01-01", "A", "Cost", 1]])
    at.file_uploader[0].set_value(("other.xlsx", other, XLSX))
    at.run()
    assert at.session_state["ba_window"] == "equal"


def test_password_gate_when_configured():
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["APP_PASSWORD"] = "s3cret"
    at.run()
    assert not at.metric  # nothing of the app before signing in
    at.text_input(key="password").input("wrong")
    at.button[0].click()
    at.run()
    assert at.error[0].value == "That password is not right."
    at.text_input(key="password").input("s3cret")
    at.button[0].click()
    at.run()
    assert not at.exception
    assert at.metric


def test_link_carries_shared_cost_rule_credit_and_rates():
    at = app(alloc="evenly", credit="50", disc="8", hurdle="12")
    assert not at.exception
    assert at.session_state["shared_rule"] == "evenly"
    assert at.session_state["credit_pct"] == 50
    assert (at.session_state["discount_pct"], at.session_state["hurdle_pct"]) == (8.0, 12.0)
    assert {k: at.query_params[k] for k in ("alloc", "credit", "disc", "hurdle")} == {
        "alloc": "evenly",
        "credit": "50",
        "disc": "8",
        "hurdle": "12",
    }
    assert any(m.label == "NPV at 8%" for m in at.metric)


def test_the_flat_threshold_is_a_sidebar_setting_the_link_carries():
    """#32.3: 'Flat below (ROI points)' in the sidebar, 0.5 by default (left out of the link); a
    link's flat=0.2 sets it, and a change of it is written back to the link."""
    at = app()
    assert not at.exception
    box = at.sidebar.number_input(key="flat_pts")
    assert (box.label, box.value) == ("Flat below (ROI points)", 0.5)
    assert "flat" not in at.query_params
    at = app(flat="0.2")
    assert at.session_state["flat_pts"] == 0.2 and at.query_params["flat"] == "0.2"
    at.sidebar.number_input(key="flat_pts").set_value(1.5).run()
    assert not at.exception
    assert at.query_params["flat"] == "1.5"


def test_the_command_replays_a_link_copied_from_the_app(tmp_path, deferred_downloads):
    ledger = tmp_path / "case.xlsx"
    ledger.write_bytes(case_workbook())
    at = app()
    at.file_uploader[0].set_value(("case.xlsx", ledger.read_bytes(), XLSX))
    at.run()
    at.sidebar.number_input(key="strong_pct").set_value(23.0)
    at.run()
    at.sidebar.multiselect(key="f_types").set_value(["Value Multiplier", "Innovation Catalyst"])
    at.run()
    assert not at.exception
    pairs = [(k, v) for k, vs in at.query_params.items() for v in (vs if isinstance(vs, list) else [vs])]
    query = urllib.parse.urlencode(pairs)
    link = f"http://localhost:8501/?{query}"
    next(b for b in at.get("download_button") if b.label.startswith("Summary workbook")).click()
    at.run()
    from_app = load_workbook(io.BytesIO(deferred_downloads["case-summary.xlsx"]()))["Alliances"]
    out = tmp_path / "replayed.xlsx"
    result = subprocess.run(
        [sys.executable, "-m", "core", "summarize", str(ledger), "-o", str(out), "--view", link],
        cwd=Path(APP).parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    from_command = load_workbook(out)["Alliances"]
    app_rows = list(from_app.iter_rows(values_only=True))
    assert app_rows == list(from_command.iter_rows(values_only=True))
    # Strong above 23 %: Alpha (22.7 %, Strong by default) and Gamma (12.5 %) are Moderate; Beta
    # (Market Accelerator) is filtered out.
    band = app_rows[0].index("Band")
    assert [(r[0], r[band]) for r in app_rows[1:]] == [("Alpha", "Moderate"), ("Gamma", "Moderate")]


# An image `![` or a link `](` whose bracket is not escaped: Markdown would render it.
UNESCAPED_LINK = re.compile(r"(?<!\\)!(?<!\\)\[|(?<!\\)\]\(")


def markdown_shown(at: AppTest) -> list[str]:
    """The Markdown source of every message, caption and expander label on the page."""
    found = [e.value for kind in ("warning", "error", "info", "caption", "markdown") for e in at.get(kind)]
    return found + [e.label for e in at.get("expander")]


def test_link_values_are_shown_as_text_never_as_markdown():
    image = "![x](https://tracker.example/p.png)"
    phishing = "[sign in again](https://evil.example)"
    at = app(src=image, fp="12345678", type=phishing, strong=phishing, zz=image)
    assert not at.exception
    shown = "\n".join(markdown_shown(at))
    assert not UNESCAPED_LINK.search(shown)
    # as text: Markdown escaped, and a word joiner before '://' so no bare address becomes a link
    assert "'\\!\\[x\\](https\u2060\\://tracker.example/p.png)'" in shown
    assert "'strong=\\[sign in again\\](https\u2060\\://evil.example)'" in shown


def test_names_from_the_ledger_are_shown_as_text():
    image = "![x](https://tracker.example/p.png)"
    data = ledger_bytes([["2024-01-01", image, "Revenue", 50], ["2024-01-01", image, "Cost", 100]])
    at = app()
    at.file_uploader[0].set_value(("evil.xlsx", data, XLSX))
    at.run()
    at.switch_page("pages/scorecard.py")
    at.run()
    assert not at.exception
    labels = [e.label for e in at.get("expander")]
    # ROI (50 − 100) / 100 = −50 %: a red flag, listed under the alliance's name shown as text.
    assert any(label.startswith("**\\!\\[x\\](https\u2060\\://tracker.example/p.png)**") for label in labels)
    assert not UNESCAPED_LINK.search("\n".join(markdown_shown(at)))
