"""Red flags of many alliances: whether they are few enough to list one by one, and otherwise one
grid with a row per flag under a caption of how many of each kind."""

from __future__ import annotations

from collections.abc import Hashable

import pandas as pd
import streamlit as st

from core.output import columns as cols
from core.report import Report
from ui.columns import grid
from ui.text import plain
from ui.views.kept import grid_of

# The red flags of at most this many alliances are listed one by one (an expander or a line each);
# past it, one grid has a row per flag: thousands of expanders take seconds to send and draw.
LISTED_ALLIANCES = 30


def listed_one_by_one(flags: pd.DataFrame) -> bool:
    """Whether these red flags are few enough to list one by one (see `flags_grid` for the others)."""
    return flags["alliance"].nunique() <= LISTED_ALLIANCES


def flags_summary(flags: pd.DataFrame) -> str:
    """What a grid of many red flags holds, as plain text: how many flags on how many alliances, and
    how many of each kind, most first ('3 red flags on 2 alliances, a row each in the grid below
    (sort or search it): Negative ROI 2 · No goals defined 1')."""
    counts = flags["flag"].value_counts(sort=False).sort_values(ascending=False, kind="stable")
    alliances = flags["alliance"].nunique()
    return (
        f"{len(flags):,} red flag{'s' if len(flags) != 1 else ''} on {alliances:,} "
        f"alliance{'s' if alliances != 1 else ''}, too many to list one by one: a row each in the grid "
        "below (sort or search it). By flag: " + " · ".join(f"{flag} {n:,}" for flag, n in counts.items())
    )


def flags_grid(report: Report, flags: pd.DataFrame, name: Hashable) -> None:
    """Red flags of more alliances than are listed one by one: a caption of how many of each kind,
    then a grid of every flag (alliance, flag, figures), made once per report under `name`."""
    st.caption(plain(flags_summary(flags)))
    grid_of(report, ("flags", name), lambda _: grid(cols.display_frame(flags, cols.FLAGS)))
