"""The History sheet read back with openpyxl, for a two-review history worked out by hand.

Q2 2024 (first review): Acme 10 % Moderate Bottom, no goals and its flag; '=HYPERLINK(…)' 30 % Strong
Top; Delta 20 % Moderate Second.
'@Q3 2024 board' (a title that would run as a formula): Acme 25 % Strong Second, goals on track, flag
gone → ▲ up, (0.25 − 0.10) × 100 = +15.0 points; '=HYPERLINK(…)' lost its cost → ROI undefined:
change n/a, Strong → n/a, Top → — (no quartile); Delta absent → dropped.
The workbook's other sheets come from the small ledger of tests/output/small_ledger.py.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import load_workbook

from core.formatting import VALUE_KINDS
from core.output import columns as cols
from core.output.export import DECISION_SHEETS, HISTORY, SHEETS, summary_workbook
from core.output.history_sheet import history_display
from core.output.xlsx import DATE, NUMBER_FORMATS, PERCENT
from core.reviews.history import ReviewFigures, history
from tests.output.small_ledger import small_report

EXPORTED_AT = dt.datetime(2024, 10, 1, 9, 0)
NO_GOALS_FLAG = "No goals defined (vague success metrics)"
LINK = '=HYPERLINK("http://x")'
Q2_DAY, Q3_DAY = dt.datetime(2024, 6, 30), dt.datetime(2024, 9, 30)
HEADERS = [
    "Review",
    "Review date",
    "Alliance",
    "ROI",
    "Band",
    "Quartile",
    "Goal status",
    "Red flags",
    "Change",
    "ROI change (points)",
    "Band change",
    "Quartile change",
    "Goal status change",
    "Flags raised",
    "Flags cleared",
    "Actions planned",
    "Actions followed up",
]


def record(alliance, roi, band, quartile, goal_status, flags=()):
    return {
        "alliance": alliance,
        "revenue_cents": 0,
        "cost_cents": 0,
        "roi": roi,
        "band": band,
        "quartile": quartile,
        "goal_status": goal_status,
        "flags": list(flags),
    }


def two_reviews():
    q2 = ReviewFigures(
        "Q2 2024",
        Q2_DAY.date(),
        [
            record("Acme", 0.10, "Moderate", "Bottom", "No goals", [NO_GOALS_FLAG]),
            record(LINK, 0.30, "Strong", "Top", "On track"),
            record("Delta", 0.20, "Moderate", "Second", "On track"),
        ],
        # Acme's plan: two actions (ids 1 and 2 in the store).
        actions=[
            {"alliance": "Acme", "status": "Open", "follows_id": None},
            {"alliance": "Acme", "status": "Open", "follows_id": None},
        ],
    )
    q3 = ReviewFigures(
        "@Q3 2024 board",
        Q3_DAY.date(),
        [
            record("Acme", 0.25, "Strong", "Second", "On track"),
            record(LINK, None, "n/a", "", "On track"),
        ],
        # At Q3, Acme's first action was done and the second is past its due day; no new plan.
        actions=[
            {"alliance": "Acme", "status": "Done", "follows_id": 1},
            {"alliance": "Acme", "status": "Overdue", "follows_id": 2},
        ],
    )
    return history([q2, q3])


@pytest.fixture(scope="module")
def book():
    data = summary_workbook(small_report(), exported_at=EXPORTED_AT, history=two_reviews())
    return load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def sheet(book):
    return book[HISTORY]


def test_history_comes_after_every_contract_sheet(book):
    assert book.sheetnames == [*SHEETS, "History", *DECISION_SHEETS]


def test_headers_in_words(sheet):
    assert [c.value for c in sheet[1]] == HEADERS
    assert [c.header for c in cols.HISTORY] == HEADERS
    assert {c.kind for c in cols.HISTORY} <= set(VALUE_KINDS)


def test_every_cell_of_the_two_reviews(sheet):
    blank6 = [None] * 6  # nothing compared: no points, no band, quartile, goal or flag change
    assert [list(r)[:15] for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        [
            "Q2 2024",
            Q2_DAY,
            "Acme",
            0.10,
            "Moderate",
            "Bottom",
            "No goals",
            NO_GOALS_FLAG,
            "first review",
            *blank6,
        ],
        ["Q2 2024", Q2_DAY, LINK, 0.30, "Strong", "Top", "On track", None, "first review", *blank6],
        ["Q2 2024", Q2_DAY, "Delta", 0.20, "Moderate", "Second", "On track", None, "first review", *blank6],
        [
            "@Q3 2024 board",
            Q3_DAY,
            "Acme",
            0.25,
            "Strong",
            "Second",
            "On track",
            None,
            "▲ up",
            15.0,  # (0.25 − 0.10) × 100 points
            "Moderate → Strong",
            "Bottom → Second",
            "No goals → On track",
            None,
            NO_GOALS_FLAG,
        ],
        [
            "@Q3 2024 board",
            Q3_DAY,
            LINK,
            None,  # ROI undefined: an empty cell
            "n/a",
            None,
            "On track",
            None,
            "n/a",
            None,
            "Strong → n/a",
            "Top → —",
            None,
            None,
            None,
        ],
        ["@Q3 2024 board", Q3_DAY, "Delta", None, None, None, None, None, "dropped", *blank6],
    ]


def test_actions_planned_and_followed_up_per_alliance(sheet):
    """Q2: Acme planned 2 actions, the others none, nothing to follow up yet. Q3: Acme planned none
    and its two are 1 done, 1 overdue; LINK and the dropped Delta had no actions."""
    assert [list(r)[15:] for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        [2, None],
        [0, None],
        [0, None],
        [0, "1 done, 1 overdue"],
        [0, None],
        [0, None],
    ]


def test_number_formats_follow_the_spec(sheet):
    assert sheet["B2"].number_format == DATE
    assert sheet["D2"].number_format == PERCENT  # 0.10 shown as 10.0%
    assert sheet["J5"].number_format == NUMBER_FORMATS["points"]  # 15.0 shown as +15.0 pts
    assert sheet["J5"].data_type == "n"


def test_user_text_never_runs(sheet):
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
    assert sheet["C3"].value == LINK and sheet["C3"].quotePrefix is True
    assert sheet["A5"].value == "@Q3 2024 board" and sheet["A5"].quotePrefix is True
    assert sheet["C2"].quotePrefix is False


def test_header_frozen_a_table_with_filters_and_columns_wide_enough(sheet):
    assert sheet.freeze_panes == "D2"  # header row, and review, date and alliance beside each row
    table = sheet.tables["History"]
    assert table.ref == "A1:Q7" and table.autoFilter.ref == "A1:Q7"  # header and 6 rows, 17 columns
    assert [c.name for c in table.tableColumns] == HEADERS
    # Band and Goal status cells are coloured by cell-value rules on their data rows.
    assert {str(cf.sqref) for cf in sheet.conditional_formatting} == {"E2:E7", "G2:G7"}
    # 'No goals defined (vague success metrics)': 40 characters of about 6 pixels, a digit being 7.
    for column in (8, 15):  # Red flags, Flags cleared
        assert width_of(sheet, column) >= 30
    assert sheet.print_area == "'History'!$A$1:$Q$7"
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$1"


def width_of(sheet, column: int) -> float:
    """A column's width; columns of equal width side by side are stored as one range."""
    [width] = [d.width for d in sheet.column_dimensions.values() if d.min <= column <= d.max]
    return width


def test_display_keeps_roi_change_as_a_fraction_of_the_points():
    shown = history_display(two_reviews())
    assert list(shown.columns) == HEADERS
    assert shown["ROI change (points)"].iloc[3] == pytest.approx(0.15)  # 15.0 points
    assert cols.spec_of(shown) == cols.HISTORY


def _parts(data: bytes) -> dict[str, bytes]:
    """The workbook's parts, less its creation time (docProps/core.xml), which is the clock's."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n != "docProps/core.xml"}


@pytest.mark.parametrize("nothing", [None, history([])])
def test_without_history_the_workbook_is_unchanged(nothing):
    report = small_report()
    plain = summary_workbook(report, exported_at=EXPORTED_AT)
    assert _parts(summary_workbook(report, exported_at=EXPORTED_AT, history=nothing)) == _parts(plain)
    assert load_workbook(io.BytesIO(plain)).sheetnames == [*SHEETS, *DECISION_SHEETS]


def test_a_first_review_alone_has_no_changes_to_write():
    only = history([ReviewFigures("Q2 2024", Q2_DAY.date(), [record("Acme", None, "n/a", "", "No goals")])])
    data = summary_workbook(small_report(), exported_at=EXPORTED_AT, history=only)
    rows = list(load_workbook(io.BytesIO(data))[HISTORY].iter_rows(min_row=2, values_only=True))
    assert rows == [
        # Actions not read for this review: both action cells empty.
        ("Q2 2024", Q2_DAY, "Acme", None, "n/a", None, "No goals", None, "first review", *[None] * 8)
    ]
