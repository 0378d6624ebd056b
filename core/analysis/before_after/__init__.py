"""Case-study comparisons: each alliance and the portfolio before and after an initiative date.

Before = [D − W, D), after = [D, D + W). W is, by default, the longest span both sides cover
equally in the data (in whole months, the review cadence); or a number of months; or all data on
each side. Alliances without the initiative, where there are any, are the control group.

The rooms, each importing only those above it: `windows` (the windows and the initiative dates),
`case_study` (the result, its honesty checks and its paragraph) and `comparison` (the tables of
the alliances, the portfolio and the control group). Their public names are importable from here.
"""

from core.analysis.before_after.case_study import (
    MIN_MONTHS_PER_SIDE,
    BeforeAfter,
    case_study_paragraph,
    honesty_checks,
)
from core.analysis.before_after.comparison import before_after
from core.analysis.before_after.windows import (
    BeforeAfterError,
    WindowChoice,
    Windows,
    comparison_windows,
    data_span,
    initiative_dates,
)

__all__ = [
    "MIN_MONTHS_PER_SIDE",
    "BeforeAfter",
    "BeforeAfterError",
    "WindowChoice",
    "Windows",
    "before_after",
    "case_study_paragraph",
    "comparison_windows",
    "data_span",
    "honesty_checks",
    "initiative_dates",
]
