"""Charts on a page: a figure with its title above and its notes below, made once per report, and
which alliances a per-alliance chart draws when there are too many to draw them all."""

from __future__ import annotations

from collections.abc import Callable, Hashable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.output.charts import chart_notes, untitled
from core.report import Report
from ui.text import plain
from ui.views.kept import per_report

# Plotly's toolbar, less the logo and the selection tools a reader of these charts has no use for.
CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
# A per-alliance chart draws at most this many alliances (the highest and lowest half of them).
CHART_ALLIANCES = 40


def chart_of(
    report: Report, name: Hashable, build: Callable[[Report], go.Figure], shown: str = "", banded: bool = True
) -> None:
    """`chart` of the figure `build` makes of the report, made once per report (see `per_report`)."""
    chart(
        per_report(report, ("chart", name), lambda r: untitled(build(r), in_place=True), banded), shown=shown
    )


def chart(fig: go.Figure | tuple[str, go.Figure], key: str | None = None, shown: str = "") -> None:
    """A figure with its title as text above it (it wraps on a phone, clear of Plotly's toolbar) and
    its notes below (values drawn at the edge, small cost bases), then `shown`: which alliances it
    draws when that is not all of them (see `chart_rows`). A (title, figure) pair is drawn as it is."""
    title, fig = fig if isinstance(fig, tuple) else untitled(fig)
    if title:
        st.markdown(f"**{plain(title)}**")
    st.plotly_chart(fig, width="stretch", config=CHART_CONFIG, key=key)
    for note in chart_notes(fig):
        st.caption(plain(note))
    if shown:
        st.caption(shown)


def chart_rows(table: pd.DataFrame, by: str, what: str = "ROI") -> tuple[pd.DataFrame, str]:
    """The rows a per-alliance chart draws, and a sentence saying which when that is not all of them.

    A chart of thousands of bars is thousands of pixels high and slow to draw in a browser, and no
    one reads it: past CHART_ALLIANCES rows it draws the highest and lowest half of them by `by`;
    the tables below it list every alliance.
    """
    if len(table) <= CHART_ALLIANCES:
        return table, ""
    defined = table[table[by].notna()].sort_values(by, ascending=False, kind="stable")
    undefined = len(table) - len(defined)
    without = f" (not the {undefined:,} without one)" if undefined else ""
    every = "; the table lists every alliance."
    if len(defined) <= CHART_ALLIANCES:
        return (
            defined,
            f"The chart shows the {len(defined):,} alliances with a defined {what}{without}{every}",
        )
    half = CHART_ALLIANCES // 2
    note = (
        f"The chart shows the {half} alliances with the highest {what} and the {half} with the lowest, "
        f"of the {len(defined):,} with a defined {what}{without}{every}"
    )
    return pd.concat([defined.head(half), defined.tail(half)]), note
