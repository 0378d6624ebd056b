"""Conditional colouring: which table columns have their cells filled by value (palette.CELL_FILLS)."""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from core.model import Band, GoalStatus
from core.output.columns import TableSpec
from core.output.xlsx.formats import Formats

# Columns (by source) whose cells are coloured, and the values that get a colour.
COLOURED: dict[str, tuple[str, ...]] = {
    "band": (Band.STRONG, Band.MODERATE, Band.WEAK),
    "status": (GoalStatus.ACHIEVED, GoalStatus.ON_TRACK, GoalStatus.AT_RISK, GoalStatus.OFF_TRACK),
    "goal_status": (GoalStatus.ACHIEVED, GoalStatus.ON_TRACK, GoalStatus.AT_RISK, GoalStatus.OFF_TRACK),
}


def colour_cells(ws: Worksheet, first: int, last: int, spec: TableSpec, formats: Formats) -> None:
    """Fill band and goal-status cells by their text: cell-value rules that Excel and LibreOffice keep."""
    for col, column in enumerate(spec):
        for value in COLOURED.get(column.source, ()):
            rule = {"type": "cell", "criteria": "equal to", "value": f'"{value}"'}
            ws.conditional_format(first, col, last, col, {**rule, "format": formats.fills[value]})
