"""Writing cells with xlsxwriter: real numbers with the number format of their kind, text that never runs.

Every table is an Excel table (filters, a header style), band and goal-status cells are coloured by
rules that Excel and LibreOffice both apply, each column is as wide as the widest text it shows (the
formatted text, headers included, up to a cap beyond which text wraps), and each sheet prints
landscape, its first row repeated on every page, one page wide unless that would shrink its text
past reading (then across pages, its first column repeated).

The rooms, each importing only those above it: `values` (what a cell holds and shows: rounding,
scaling, formula-like text), `layout` (column widths and row heights), `printing` (page setup),
`formats` (number and cell formats, the workbook), `cells` (single cells, pairs, notes, finishing a
sheet), `colouring` and `tables` (a display frame as an Excel table). Their public names are
importable from here.
"""

from core.output.xlsx.cells import (
    Pair,
    finish_sheet,
    write_cell,
    write_label,
    write_note,
    write_pairs,
    write_value,
)
from core.output.xlsx.colouring import COLOURED
from core.output.xlsx.formats import (
    DATE,
    DATETIME,
    MONEY,
    NUMBER_FORMATS,
    PERCENT,
    POINTS,
    POINTS_NUMBER,
    WORKBOOK_OPTIONS,
    Formats,
    new_workbook,
)
from core.output.xlsx.layout import (
    BOLD_FACTOR,
    DIGIT_PX,
    FILTER_BUTTON_PX,
    LINE_POINTS,
    MAX_HEADER_WIDTH,
    MAX_WIDTH,
    MIN_WIDTH,
    PADDING_PX,
    WRAP_SLACK,
    Note,
    SheetLayout,
    lines_needed,
    lines_of,
    pixel_width,
    pixel_widths,
    text_width,
    text_widths,
)
from core.output.xlsx.printing import FOOTER, READABLE_SCALE
from core.output.xlsx.tables import FIRST_PLAIN_DATE, TABLE_STYLE, table_headers_allowed, write_table
from core.output.xlsx.values import (
    FORMULA_TRIGGERS,
    ROUNDING,
    SCALE,
    SHOWN_DATES,
    SHOWN_NUMBERS,
    needs_quoting,
    prepared,
    rounded,
    rounded_like_python,
    shown,
)

__all__ = [
    "BOLD_FACTOR",
    "COLOURED",
    "DATE",
    "DATETIME",
    "DIGIT_PX",
    "FILTER_BUTTON_PX",
    "FIRST_PLAIN_DATE",
    "FOOTER",
    "READABLE_SCALE",
    "FORMULA_TRIGGERS",
    "LINE_POINTS",
    "MAX_HEADER_WIDTH",
    "MAX_WIDTH",
    "MIN_WIDTH",
    "MONEY",
    "NUMBER_FORMATS",
    "PADDING_PX",
    "PERCENT",
    "POINTS",
    "POINTS_NUMBER",
    "ROUNDING",
    "SCALE",
    "SHOWN_DATES",
    "SHOWN_NUMBERS",
    "TABLE_STYLE",
    "WORKBOOK_OPTIONS",
    "WRAP_SLACK",
    "Formats",
    "Note",
    "Pair",
    "SheetLayout",
    "finish_sheet",
    "lines_needed",
    "lines_of",
    "needs_quoting",
    "new_workbook",
    "pixel_width",
    "pixel_widths",
    "prepared",
    "rounded",
    "rounded_like_python",
    "shown",
    "table_headers_allowed",
    "text_width",
    "text_widths",
    "write_cell",
    "write_label",
    "write_note",
    "write_pairs",
    "write_table",
    "write_value",
]
