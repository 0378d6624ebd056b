"""The figures that need dates, stated as not available for a ledger read as one undated period.

A ledger without dates (core/reading/undated.py) gives exact revenue, cost and ROI per alliance, but
no calendar: a quarter, a before/after split, a month of payback, a discount or a hurdle rate's
carry over months would all be computed on an invented date. Each of those figures is replaced here
by its absence and the reason, so every sheet, page and slide says 'not available' rather than show
a figure that looks right and is not.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from core.analysis.time_value import OPPORTUNITY_COLUMNS
from core.analysis.trends import QUARTER_COLUMNS

# Said wherever a time-based figure would be (the time-value notes, the before/after sheet, pages).
NO_DATES = "n/a (the ledger has no dates: read as one period)"
# The period an undated ledger covers, where a dated one gives its first and last day.
NO_DATES_PERIOD = "no dates: the ledger is read as one period"
BEFORE_AFTER_WITHOUT_DATES = (
    "The ledger has no dates (read as one period, as you said): a before/after comparison needs the "
    "date of each entry, so none is made."
)
# What the About sheet says of an undated ledger's dates.
UNDATED_ABOUT = (
    "none: the ledger has no date column and is read as one period (as you said). Revenue, cost, ROI, "
    "bands and quartiles are computed; quarters, before/after, payback, NPV, IRR, annualised ROI, "
    "opportunity cost and value over the hurdle rate need dates and are not available."
)
# Where the ROI by quarter would be, and the value over the hurdle rate (sheets, pages and slides).
NO_QUARTERS = "No ROI by quarter: the ledger has no dates (read as one period, as you said)."
NO_HURDLE_VALUE = (
    "No value over the hurdle rate: the ledger has no dates (read as one period, as you said), and the "
    "hurdle rate's return needs the months the money was out."
)
# The time-value figures that need dates (all of the table's own columns).
TIMED = ("years", "annualised_roi", "payback", "npv", "irr")


def undated_quarters() -> pd.DataFrame:
    """No quarter: an undated ledger has no calendar to cut into quarters."""
    return pd.DataFrame(columns=QUARTER_COLUMNS)


def undated_time_value(timed: pd.DataFrame) -> pd.DataFrame:
    """The time-value table with every figure that needs dates blank and the reason in its notes."""
    out = timed.assign(**{name: np.nan for name in TIMED if name != "payback"})
    out["payback"] = pd.Series([None] * len(out), index=out.index, dtype=object)
    return out.assign(annualised_note=NO_DATES, irr_note=NO_DATES)


def undated_opportunity(margin: pd.DataFrame) -> pd.DataFrame:
    """The opportunity table with nothing in it: the hurdle rate's carry needs months."""
    out = margin.copy()
    for column in OPPORTUNITY_COLUMNS:
        out[column] = np.nan
    return out
