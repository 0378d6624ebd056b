"""The optional Risks and Health sheets and the Exit conditions column, read from workbooks written here.

Each bad cell is an issue with its sheet, row, column and reason; a workbook without the sheets
reads exactly as before and says how to add them.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from core.reading.ledger import read_ledger
from core.reading.side_sheets import NO_HEALTH_NOTE, NO_RISKS_NOTE, NO_RISKS_OR_HEALTH_NOTE
from tests.helpers import ledger_bytes

ROWS = [
    ["2024-01-05", "Acme", "Revenue", 25_000],
    ["2024-01-06", "Acme", "Cost", 20_000],
    ["2024-01-07", "Beta Corp", "Revenue", 1_000],
    ["2024-01-08", "Beta Corp", "Cost", 2_000],
]
RISK_HEADER = ["Alliance", "Risk", "Probability", "Impact", "Mitigation", "Owner"]
HEALTH_HEADER = ["Alliance", "Side", "Strategic fit", "Operational", "Financial", "Relationship"]


def issues_of(ledger: object, sheet: str) -> list[list[object]]:
    frame = ledger.issues  # type: ignore[attr-defined]
    return frame[frame["sheet"] == sheet][["row", "column", "value", "reason"]].values.tolist()


def test_probability_column_of_fractions_or_of_percentages():
    """#28.2: the column's scale comes from all its values. Fractions (no plain number above 1): 0.3
    is 30 %, '30 %' is 30 %, '5%' 5 %, 1 is 100 %, 0 is 0 %. Percentages (30 is above 1): 30 is
    30 %, 1.5 is 1.5 %, '30 %' 30 %, 0 is 0 % (0 either way)."""

    def read(cells: list[object]) -> object:
        risks = [RISK_HEADER] + [["Acme", f"r{i}", p, 1_000, "plan", "Dana"] for i, p in enumerate(cells)]
        return read_ledger(ledger_bytes(ROWS, Risks=risks), "x.xlsx")

    fractions = read([0.3, "30 %", "5%", 1, 0])
    assert fractions.risks["probability"].tolist() == pytest.approx([0.3, 0.3, 0.05, 1.0, 0.0])
    assert fractions.risks["row"].tolist() == [2, 3, 4, 5, 6]
    assert issues_of(fractions, "Risks") == []
    percentages = read([30, 1.5, "30 %", 0])
    assert percentages.risks["probability"].tolist() == pytest.approx([0.3, 0.015, 0.3, 0.0])
    assert issues_of(percentages, "Risks") == []


def test_impact_in_money_or_as_a_score_by_the_header():
    money = [
        RISK_HEADER,
        ["Acme", "Churn", 0.5, "$10,000", "plan", "Dana"],
        ["Acme", "Delay", 0.1, 2500, "", ""],
    ]
    ledger = read_ledger(ledger_bytes(ROWS, Risks=money), "x.xlsx")
    assert ledger.risks["impact"].tolist() == [10_000.0, 2_500.0]
    assert ledger.risks["impact_kind"].tolist() == ["money", "money"]
    assert ledger.risks["mitigation"].tolist() == ["plan", ""]
    assert ledger.risks["owner"].tolist() == ["Dana", ""]

    scored = [
        ["Alliance", "Risk", "Probability", "Impact (1-5)", "Mitigation", "Owner"],
        ["Acme", "Churn", 0.5, 4, "plan", "Dana"],
        # A currency sign makes money even in a score column.
        ["Acme", "Fine", 0.1, "$5,000", "plan", "Dana"],
    ]
    ledger = read_ledger(ledger_bytes(ROWS, Risks=scored), "x.xlsx")
    assert ledger.risks["impact"].tolist() == [4.0, 5_000.0]
    assert ledger.risks["impact_kind"].tolist() == ["score", "money"]

    named = [
        ["Alliance", "Risk", "Probability", "Impact score", "Mitigation", "Owner"],
        ["Acme", "x", 0.5, 5, "p", "o"],
    ]
    ledger = read_ledger(ledger_bytes(ROWS, Risks=named), "x.xlsx")
    assert ledger.risks["impact_kind"].tolist() == ["score"]


def test_plain_impact_column_of_one_to_five_is_money_and_a_note_says_how_to_mark_scores():
    risks = [RISK_HEADER, ["Acme", "a", 0.5, 3, "p", "o"], ["Acme", "b", 0.5, 5, "p", "o"]]
    ledger = read_ledger(ledger_bytes(ROWS, Risks=risks), "x.xlsx")
    assert ledger.risks["impact_kind"].tolist() == ["money", "money"]
    assert ledger.risks["impact"].tolist() == [3.0, 5.0]
    assert (
        "Sheet 'Risks': 2 impact(s) in the column 'Impact' are whole numbers from 1 to 5 and were read as "
        "money. If they are scores, head the column 'Impact (1-5)' or 'Impact score'."
    ) in ledger.notes


def test_each_bad_risk_cell_is_an_issue_with_row_and_column_and_the_risk_is_kept():
    risks = [
        ["Alliance", "Risk", "Probability", "Impact (1-5)", "Mitigation", "Owner"],
        # row 2: 150 % is outside 0–100 % (written with its '%': a plain 150 would make the column
        # one of percentages, and its 0.5s contradictions)
        ["Acme", "Too likely", "150 %", 3, "p", "o"],
        ["Acme", "Negative", -0.2, 3, "p", "o"],  # row 3
        ["Acme", "Words", 0.5, "high", "p", "o"],  # row 4: text impact
        ["Acme", "Score 7", 0.5, 7, "p", "o"],  # row 5: not 1–5 in a score column
        ["Acme", "", 0.5, 2, "p", "o"],  # row 6: no risk described
        ["Gamma", "Unknown", 0.5, 2, "p", "o"],  # row 7: no such alliance on the ledger
        ["Acme", "Blank", None, 2, "p", "o"],  # row 8: no probability
    ]
    ledger = read_ledger(ledger_bytes(ROWS, Risks=risks), "x.xlsx")
    found = issues_of(ledger, "Risks")
    assert [(row, column) for row, column, _, _ in found] == [
        (2, "Probability"),
        (3, "Probability"),
        (4, "Impact (1-5)"),
        (5, "Impact (1-5)"),
        (8, "Probability"),
        (6, "Risk"),
        (7, "Alliance"),
    ]
    reasons = {(row, column): reason for row, column, _, reason in found}
    assert reasons[(2, "Probability")].startswith("'150 %' is outside 0–100 %")
    assert reasons[(4, "Impact (1-5)")].startswith("'high' is not an impact")
    assert reasons[(5, "Impact (1-5)")].startswith("'7' is not a score from 1 to 5")
    assert reasons[(7, "Alliance")] == "'Gamma' has no entries on the ledger; this risk is not used"
    assert reasons[(8, "Probability")] == "no probability; this risk adds no expected loss"
    # Every Acme row is kept (its owner and mitigation still count); Gamma's is not.
    assert ledger.risks["row"].tolist() == [2, 3, 4, 5, 6, 8]
    assert ledger.risks["probability"].isna().tolist() == [True, True, False, False, False, True]
    assert ledger.risks["impact"].isna().tolist() == [False, False, True, True, False, False]


def test_health_sides_by_their_synonyms_and_scores():
    health = [
        ["Alliance", "Scored by", "Strategic fit", "Operational", "Financial", "Relationship"],
        ["acme", "We", 4, 3, 5, 2],
        ["Acme", "Them", 3.5, None, 5, 4],
        ["Beta Corp", "Our side", 1, 1, 1, 1],
        ["Beta Corp", "Beta Corp", 5, 5, 5, 5],  # the partner's own name is the partner's side
    ]
    ledger = read_ledger(ledger_bytes(ROWS, Health=health), "x.xlsx")
    table = ledger.health
    assert table["alliance"].tolist() == ["Acme", "Acme", "Beta Corp", "Beta Corp"]  # spelt as the ledger
    assert table["side"].tolist() == ["Us", "Partner", "Us", "Partner"]
    assert table.loc[1, "strategic_fit"] == 3.5
    assert math.isnan(table.loc[1, "operational"])
    assert table["relationship"].tolist() == [2.0, 4.0, 1.0, 5.0]
    assert table["row"].tolist() == [2, 3, 4, 5]
    assert issues_of(ledger, "Health") == []


def test_each_bad_health_cell_is_an_issue():
    health = [
        HEALTH_HEADER,
        ["Acme", "Martians", 3, 3, 3, 3],  # row 2: unknown side, row not used
        ["Acme", "Us", 6, 3, 0, "good"],  # row 3: 6 and 0 outside 1–5, 'good' not a number
        ["Acme", "Partner", None, None, None, None],  # row 4: no score at all
        ["Nobody", "Us", 3, 3, 3, 3],  # row 5: no such alliance
    ]
    ledger = read_ledger(ledger_bytes(ROWS, Health=health), "x.xlsx")
    found = issues_of(ledger, "Health")
    assert [(row, column, value) for row, column, value, _ in found] == [
        (2, "Side", "Martians"),
        (3, "Strategic fit", "6"),
        (3, "Financial", "0"),
        (3, "Relationship", "good"),
        (4, "Strategic fit", ""),
        (5, "Alliance", "Nobody"),
    ]
    reasons = [reason for *_, reason in found]
    assert reasons[0].endswith("row not used") and "is not a side" in reasons[0]
    assert reasons[1] == "'6' is outside 1–5: a score is from 1 to 5; score left empty"
    assert reasons[4] == "no usable score from 1 to 5 in this row; row not used"
    # Only row 3 stays, with the one good score (Operational 3).
    assert ledger.health["row"].tolist() == [3]
    assert ledger.health.loc[0, "operational"] == 3.0
    assert ledger.health.loc[0, ["strategic_fit", "financial", "relationship"]].isna().all()


def test_exit_conditions_column_on_the_alliances_sheet():
    alliances = [
        ["Alliance", "Owner", "Exit criteria"],
        ["Acme", "Dana", " ROI below 0 for 2 quarters "],
        ["Beta Corp", "Lee", None],
    ]
    ledger = read_ledger(ledger_bytes(ROWS, Alliances=alliances), "x.xlsx")
    assert ledger.has_exit_conditions and ledger.judges_exit
    assert ledger.alliances["exit_conditions"].tolist() == ["ROI below 0 for 2 quarters", ""]


def test_a_risks_sheet_is_not_taken_for_the_alliances_sheet():
    # Alliance and Owner columns would make it an Alliances sheet if it were not the Risks sheet.
    ledger = read_ledger(ledger_bytes(ROWS, Risks=[RISK_HEADER, ["Acme", "x", 0.1, 100, "p", "o"]]), "x.xlsx")
    assert ledger.alliances.empty and not ledger.has_exit_conditions
    # A Risks sheet alone does not judge exit conditions: only an Exit conditions column does (28.4).
    assert ledger.risks_sheet == "Risks" and not ledger.judges_exit


def test_sheets_found_by_headers_under_other_names():
    ledger = read_ledger(
        ledger_bytes(
            ROWS,
            Register=[
                ["Partner", "Threat", "Likelihood", "Exposure", "Response", "Risk owner"],
                ["Acme", "x", "10%", 500, "p", "o"],
            ],
            Survey=[["Partner", "Perspective", "Strategy", "Trust"], ["Acme", "Us", 4, 2]],
        ),
        "x.xlsx",
    )
    assert (ledger.risks_sheet, ledger.health_sheet) == ("Register", "Survey")
    assert ledger.risks[["probability", "impact", "owner"]].values.tolist() == [[0.1, 500.0, "o"]]
    assert ledger.health[["strategic_fit", "relationship"]].values.tolist() == [[4.0, 2.0]]
    assert ledger.notes == []


def test_a_workbook_without_the_sheets_loses_nothing_and_says_how_to_add_them():
    ledger = read_ledger(ledger_bytes(ROWS), "x.xlsx")
    assert ledger.risks.empty and ledger.health.empty
    assert list(ledger.risks.columns) == [
        "alliance",
        "risk",
        "probability",
        "impact",
        "impact_kind",
        "mitigation",
        "owner",
        "row",
    ]
    assert list(ledger.health.columns) == [
        "alliance",
        "side",
        "strategic_fit",
        "operational",
        "financial",
        "relationship",
        "row",
    ]
    assert not ledger.has_exit_conditions and not ledger.judges_exit
    assert ledger.notes == [NO_RISKS_OR_HEALTH_NOTE]
    assert (
        "sheet named 'Risks'" in NO_RISKS_OR_HEALTH_NOTE and "sheet named 'Health'" in NO_RISKS_OR_HEALTH_NOTE
    )
    assert ledger.issues.empty
    # The ledger itself reads as it did: the four entries, as written.
    assert ledger.entries.sort_values("row")[["alliance", "kind", "amount"]].values.tolist() == [
        ["Acme", "revenue", 25_000.0],
        ["Acme", "cost", 20_000.0],
        ["Beta Corp", "revenue", 1_000.0],
        ["Beta Corp", "cost", 2_000.0],
    ]
    only_risks = read_ledger(ledger_bytes(ROWS, Risks=[RISK_HEADER]), "x.xlsx")
    assert only_risks.notes == [NO_HEALTH_NOTE] and only_risks.risks.empty
    only_health = read_ledger(ledger_bytes(ROWS, Health=[HEALTH_HEADER]), "x.xlsx")
    assert only_health.notes == [NO_RISKS_NOTE]


def test_two_rows_for_one_side_are_noted():
    health = [HEALTH_HEADER, ["Acme", "Us", 4, 4, 4, 4], ["Acme", "Us", 2, 2, 2, 2]]
    ledger = read_ledger(ledger_bytes(ROWS, Health=health), "x.xlsx")
    assert len(ledger.health) == 2
    assert "Sheet 'Health': Acme is scored by Us on rows 2, 3; the scores are averaged." in ledger.notes


def test_side_sheet_frames_have_the_contract_dtypes():
    ledger = read_ledger(
        ledger_bytes(
            ROWS,
            Risks=[RISK_HEADER, ["Acme", "x", 0.1, 100, "p", "o"]],
            Health=[HEALTH_HEADER, ["Acme", "Us", 3, 3, 3, 3]],
        ),
        "x.xlsx",
    )
    assert ledger.risks["probability"].dtype == "float64" and ledger.risks["impact"].dtype == "float64"
    assert ledger.risks["row"].dtype == "int64" and ledger.health["row"].dtype == "int64"
    assert all(
        ledger.health[c].dtype == "float64"
        for c in ("strategic_fit", "operational", "financial", "relationship")
    )
    assert isinstance(ledger.alliances, pd.DataFrame)
