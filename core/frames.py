"""The frames that cross a layer, each with its columns declared once.

A reader of `Report.alliances` or `Ledger.entries` should not have to guess what the frame holds.
Each schema here names the frame's index and its columns in order, with the kind of value each one
holds; `problems(frame)` says where a frame differs from its schema. The tests check every frame of
the reports they build against these schemas, so a column renamed at its source fails there, not in
a writer three layers up.

Kinds are deliberately coarse: a column of texts may be Python strings, Arrow strings or categories,
and an empty frame's columns are often plain objects, so a kind is only checked when the column has
a value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, TypeAlias

import pandas as pd

ValueType: TypeAlias = Literal["number", "text", "date", "flag", "any"]


@dataclass(frozen=True)
class FrameSchema:
    """A frame's index name and columns in order, each with the kind of value it holds.

    `more`: further columns the frame may have after the declared ones, named by their prefix (an
    alliance table's 'vs <benchmark>' columns), or "*" for any name (the sensitivity table's one
    column per allocation rule the ledger allows).
    """

    name: str
    columns: tuple[tuple[str, ValueType], ...]
    index: str | None = None
    more: str | None = None
    more_type: ValueType = "any"

    @property
    def names(self) -> list[str]:
        """The declared column names, in order."""
        return [name for name, _ in self.columns]

    def problems(self, frame: pd.DataFrame) -> list[str]:
        """Where `frame` differs from this schema, in words (empty when it fits)."""
        found = list(frame.columns)
        declared = self.names
        problems = []
        if frame.index.name != self.index:
            problems.append(f"{self.name}: index {frame.index.name!r}, expected {self.index!r}")
        if found[: len(declared)] != declared:
            problems.append(f"{self.name}: columns {found[: len(declared)]}, expected {declared}")
        extra = [str(c) for c in found[len(declared) :]]
        if extra and not (self.more == "*" or (self.more and all(c.startswith(self.more) for c in extra))):
            problems.append(f"{self.name}: undeclared columns {extra}")
        kinds = dict(self.columns) | {column: self.more_type for column in extra}
        problems += [
            f"{self.name}: column {column!r} holds {frame[column].dtype}, expected {kind}"
            for column, kind in kinds.items()
            if column in frame and not holds(frame[column], kind)
        ]
        return problems


def holds(column: pd.Series, kind: ValueType) -> bool:
    """Whether a column's values are of `kind` (an all-empty column holds any kind)."""
    values = column.dropna()
    if kind == "any" or values.empty:
        return True
    if kind == "number":
        return pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
    if kind == "flag":
        return pd.api.types.is_bool_dtype(values) or all(isinstance(v, bool) for v in _distinct(values))
    if kind == "date":
        return pd.api.types.is_datetime64_any_dtype(values) or all(
            isinstance(v, pd.Timestamp) for v in _distinct(values)
        )
    return all(isinstance(value, str) for value in _distinct(values))


def _distinct(values: pd.Series) -> Iterable[object]:
    """The distinct values of a column (a category's categories, without counting every cell)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.categories
    return values.unique()


def _schema(
    name: str,
    columns: str,
    index: str | None = None,
    more: str | None = None,
    more_type: ValueType = "any",
) -> FrameSchema:
    """A schema from 'column:kind' words (kind 'number' when left out), for tables easy to read."""
    parsed = tuple(
        (word.split(":")[0], word.split(":")[1] if ":" in word else "number") for word in columns.split()
    )
    return FrameSchema(name, parsed, index, more, more_type)  # type: ignore[arg-type]


# What reading hands to analysis: `core.reading.ledger.Ledger`.
LEDGER_FRAMES: dict[str, FrameSchema] = {
    "entries": _schema(
        "Ledger.entries",
        "date:date alliance:text kind:text amount category:text currency:text attribution:text "
        "sheet:text row",
    ),
    "issues": _schema("Ledger.issues", "sheet:text row column:text value:text reason:text"),
    "alliances": _schema(
        "Ledger.alliances",
        "alliance:text type:text owner:text start_date:date initiative_date:date segment:text weight "
        "exit_conditions:text",
    ),
    "goals": _schema(
        "Ledger.goals",
        "alliance:text metric:text target actual unit:text start_date:date due_date:date owner:text "
        "direction:text row",
    ),
    "benchmarks": _schema("Ledger.benchmarks", "name:text roi source:text"),
    "fx": _schema("Ledger.fx", "currency:text month:any rate row"),
    "risks": _schema(
        "Ledger.risks",
        "alliance:text risk:text probability impact impact_kind:text mitigation:text owner:text row",
    ),
    "health": _schema(
        "Ledger.health",
        "alliance:text side:text strategic_fit operational financial relationship row",
    ),
}

# What the app's mapping step shows before a mapping is accepted: `core.reading.mapped_preview`.
MAPPING_PREVIEW = _schema(
    "MappingPreview.rows", "sheet:text row date:date alliance:text revenue cost category:text currency:text"
)

# A kind column's distinct values as read, for the app to show and the user to change:
# `core.reading.kind_table`.
KIND_TABLE = _schema("KindTable", "value:text rows reading:text source:text")

ISSUES = _schema("Report.extra_issues", "sheet:text row column:text value:text reason:text")

# What analysis hands to output and the app: `core.report.Report`.
REPORT_FRAMES: dict[str, FrameSchema] = {
    "entries": _schema(
        "Report.entries",
        "date:date alliance:text kind:text amount category:text currency:text attribution:text "
        "sheet:text row",
    ),
    "alliances": _schema(
        "Report.alliances",
        "type:text revenue cost net_value roi roi_note:text band:text quartile:text percentile",
        index="alliance",
        more="vs ",
        more_type="number",
    ),
    "benchmarks": _schema("Report.benchmarks", "name:text roi source:text"),
    "quarterly": _schema(
        "Report.quarterly",
        "alliance:text quarter:text quarter_start:date revenue cost net_value roi roi_ttm band:text "
        "complete:flag",
    ),
    "goals": _schema(
        "Report.goals",
        "alliance:text metric:text target actual unit:text start_date:date due_date:date owner:text "
        "direction:text row progress expected status:text why:text start_used:date",
    ),
    "flags": _schema("Report.flags", "alliance:text flag:text figures:text"),
    "by_type": _schema("Report.by_type", "alliances revenue cost net_value roi mean_roi", index="type"),
    "extra_issues": ISSUES,
    "allocation": _schema("Report.allocation", "alliance:text share allocated_cost"),
    "sensitivity": _schema("Report.sensitivity", "", index="alliance", more="*", more_type="number"),
    "time_value": _schema(
        "Report.time_value",
        "years annualised_roi annualised_note:text payback:any npv irr irr_note:text hurdle_value",
    ),
    "categories": _schema("Report.categories", "alliance:text category:text revenue cost net_value"),
    "risks": _schema(
        "Report.risks",
        "alliance:text risk:text probability impact impact_kind:text mitigation:text owner:text row "
        "at_stake expected_loss",
    ),
    "risk_summary": _schema(
        "Report.risk_summary",
        "risks expected_loss risk_adjusted_net risk_adjusted_roi unpriced",
        index="alliance",
    ),
    "health": _schema(
        "Report.health", "us partner score gap widest:text one_sided:flag scored:flag", index="alliance"
    ),
    "decisions": _schema(
        "Report.decisions",
        "recommendation:text score reasons:text band_points quartile_points trend_points goals_points "
        "flags_points health_points trend:any goal_status:any flag_count health_score",
        index="alliance",
    ),
    "evidence": _schema(
        "Report.evidence",
        "trend_change trend_text:text goal_status:any flag_count flag_names:any health_score",
        index="alliance",
    ),
    "opportunity": _schema(
        "Report.opportunity",
        "alternative_return opportunity_cost value_over_alternative points_over_alternative",
        index="alliance",
    ),
    "actions": _schema(
        "Report.actions", "alliance:text source:text action:text owner:text due:any horizon status:text"
    ),
}
