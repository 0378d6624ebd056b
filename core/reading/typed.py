"""The column-wise read of a big sheet: calamine straight into typed Arrow columns (fastexcel).

Reading cell by cell into Python objects costs most of a large ledger's time. For an .xlsx sheet
without merged cells this module reads the header area with openpyxl (streaming, a few rows) and the
body as typed columns: dates as timestamps, amounts as floats, names as strings. A column whose cells
are not of one kind (a text in the amount column, a date typed as text) makes the caller fall back
to the cell-by-cell reader, so every reading rule still sees each odd cell as it was written.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

import fastexcel
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from core.reading.memory import release_free_memory

# fastexcel logs a warning for every column it cannot type (an empty one, say) to stderr; the
# reader decides what to do with such columns itself.
logging.getLogger("fastexcel").setLevel(logging.ERROR)

# What each ledger field's column must hold to be read column-wise.
_DATE_FIELDS = {"date"}
_AMOUNT_FIELDS = {"amount", "revenue", "cost", "profit", "fee"}


class HeaderPosition(Protocol):
    """Where a sheet's header row is (0-based) and which column holds each field: what the header
    scan found (`headers.HeaderMatch`), which reads through this module and so is not imported."""

    @property
    def row(self) -> int: ...

    @property
    def columns(self) -> Mapping[str, int]: ...


@dataclass(frozen=True)
class TypedBody:
    """A sheet's rows below the header: one typed column per ledger field, indexed by sheet row, and
    every cell of any row on request (for rows whose ledger columns are empty)."""

    frame: pd.DataFrame
    cells_of: Callable[[int], list[object]]


def typed_body(
    reader: fastexcel.ExcelReader, sheet: str, header: HeaderPosition, last_row: int
) -> TypedBody | None:
    """The body below `header`, read column-wise, or None when a ledger column holds more than one
    kind of value (or the read does not line up with the sheet's `last_row`): then the cell reader
    takes over, so that every odd cell meets the rule written for it."""
    first = header.row + 1
    expected = max(0, last_row - first)
    wanted = set(header.columns.values())
    if expected == 0:
        return None
    loaded = reader.load_sheet(
        sheet,
        header_row=None,
        skip_rows=first,
        schema_sample_rows=None,
        # Strict: a column mixing numbers and text is refused rather than turned into text.
        dtype_coercion="strict",
        use_columns=lambda column: column.absolute_index in wanted,
    )
    # The selected columns' names are known at once; available_columns() would type every column.
    absolute = {info.absolute_index: info.name for info in loaded.selected_columns}
    batch = loaded.to_arrow()
    # The laid-out sheet (every cell of it) is the largest thing a read holds: gone before pandas.
    del loaded
    release_free_memory()
    if batch.num_rows != expected:
        return None
    index = pd.RangeIndex(first + 1, first + 1 + expected, name="row")
    columns = {}
    for field, position in header.columns.items():
        name = absolute.get(position)
        column = batch.column(name) if name is not None else pa.nulls(expected)
        typed = _field_column(field, column)
        if typed is None:
            return None
        columns[field] = pd.Series(typed, index=index)
    return TypedBody(pd.DataFrame(columns, index=index), _cells_reader(reader, sheet, first))


def _field_column(field: str, column: pa.Array) -> object:
    """A field's values as numpy/pandas data when the column holds one kind of value, else None."""
    kind = column.type
    if pa.types.is_null(kind) or column.null_count == len(column):
        if field in _DATE_FIELDS:
            return np.full(len(column), np.datetime64("NaT"), dtype="datetime64[us]")
        if field in _AMOUNT_FIELDS:
            return np.full(len(column), np.nan)
        return np.full(len(column), "", dtype=object)
    if field in _DATE_FIELDS:
        if pa.types.is_timestamp(kind) or pa.types.is_date(kind):
            return column.cast(pa.timestamp("us"), safe=False).to_pandas().to_numpy()
        return None
    if field in _AMOUNT_FIELDS:
        if pa.types.is_integer(kind):
            return column.cast(pa.float64()).to_numpy(zero_copy_only=False)
        # A NaN the file holds is a value to refuse, not an empty cell: the cell reader tells them apart.
        if pa.types.is_floating(kind) and not pc.any(pc.is_nan(column)).as_py():
            return column.to_numpy(zero_copy_only=False)
        return None
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        # The values alone (`.array`): a Series would be aligned on its own 0-based index.
        return column.fill_null("").to_pandas().array
    return None


def _cells_reader(reader: fastexcel.ExcelReader, sheet: str, first: int) -> Callable[[int], list[object]]:
    """Every cell of a sheet row (1-based), from column A: for the rare row whose ledger columns are
    all empty, to say what else it holds. The other columns are read on the first such request."""
    kept: list[tuple[pa.RecordBatch, dict[int, str]]] = []

    def cells_of(row: int) -> list[object]:
        if not kept:
            loaded = reader.load_sheet(sheet, header_row=None, skip_rows=first, schema_sample_rows=None)
            kept.append((loaded.to_arrow(), {i.absolute_index: i.name for i in loaded.available_columns()}))
        batch, absolute = kept[0]
        at = row - 1 - first
        if not 0 <= at < batch.num_rows:
            return []
        values: list[object] = [""] * (max(absolute, default=-1) + 1)
        for position, name in absolute.items():
            values[position] = _plain_cell(batch.column(name)[at].as_py())
        return values

    return cells_of


def _plain_cell(value: object) -> object:
    """An Arrow cell as the cell reader gives it: '' when empty, a date without its midnight."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date()
    return value
