"""Plotly figures of the report; plain figures, rendered by the pages or written to HTML.

Every figure is meant to read at 1400 px and at 390 px wide, on a light or a dark page, and without
telling colours apart:

- colours come from the Okabe–Ito palette, and every band, quartile and goal status also has its own
  marker shape (or bar pattern) and an icon in the legend;
- an ROI axis spans the bulk of the values (`robust_range`): a value far beyond it is drawn at the
  edge with its figure ("2,757 % →"), and the figure's notes (`chart_notes`) say what was cut and
  on what cost base;
- reference lines (band thresholds, benchmarks, quartile cuts) are named in the legend and tagged
  with their value in the margin, in rows laid out so that no two tags overlap even on a phone.

The figures live by page: `overview` (ROI by alliance), `before_after`, `quartiles` (where each
alliance sits, revenue against cost), `trends` (ROI by quarter), `scorecard` (goals) and `history`
(ROI across saved reviews); what they share is in `layout` (size, legend, notes), `marks` (shapes,
patterns, icons), `axis` (the fit and the values beyond it) and `references` (the lines and tags).
"""

from core.output.charts.axis import MAD_TO_SD, MAX_SPREADS, MIN_SPREAD, PAD, Axis, robust_range
from core.output.charts.before_after import LEVEL_POINTS, revenue_cost_before_after, roi_before_after
from core.output.charts.history import roi_across_reviews
from core.output.charts.layout import (
    AXIS_PX,
    AXIS_STYLE,
    CLIP_FONT,
    LEGEND_ROW_PX,
    MODEBAR_PX,
    NARROWEST_PLOT_PX,
    TAG_CHAR_PX,
    TAG_PAD_PX,
    TAG_ROW_PX,
    TITLE_PX,
    chart_notes,
    plain_label,
    plain_labels,
    untitled,
)
from core.output.charts.marks import (
    BAND_ICONS,
    BAND_PATTERNS,
    BAND_SYMBOLS,
    CUT_COLOUR,
    LINE_DASHES,
    LINE_SYMBOLS,
    QUARTILE_ICONS,
    QUARTILE_SYMBOLS,
    STATUS_ICONS,
    STATUS_PATTERNS,
)
from core.output.charts.overview import alliance_axis, roi_by_alliance
from core.output.charts.quartiles import (
    LABEL_CHAR_PX,
    LABEL_PX,
    MARKER_PX,
    NARROWEST_MAP_PX,
    Box,
    label_positions,
    revenue_cost_map,
    roi_distribution,
)
from core.output.charts.references import (
    Reference,
    add_references,
    band_references,
    benchmark_references,
    tag_rows,
)
from core.output.charts.scorecard import goal_progress
from core.output.charts.trends import quarterly_lines

__all__ = [
    "AXIS_PX",
    "AXIS_STYLE",
    "BAND_ICONS",
    "BAND_PATTERNS",
    "BAND_SYMBOLS",
    "CLIP_FONT",
    "CUT_COLOUR",
    "LABEL_CHAR_PX",
    "LABEL_PX",
    "LEGEND_ROW_PX",
    "LEVEL_POINTS",
    "LINE_DASHES",
    "LINE_SYMBOLS",
    "MAD_TO_SD",
    "MARKER_PX",
    "MAX_SPREADS",
    "MIN_SPREAD",
    "MODEBAR_PX",
    "NARROWEST_MAP_PX",
    "NARROWEST_PLOT_PX",
    "PAD",
    "QUARTILE_ICONS",
    "QUARTILE_SYMBOLS",
    "STATUS_ICONS",
    "STATUS_PATTERNS",
    "TAG_CHAR_PX",
    "TAG_PAD_PX",
    "TAG_ROW_PX",
    "TITLE_PX",
    "Axis",
    "Box",
    "Reference",
    "add_references",
    "alliance_axis",
    "band_references",
    "benchmark_references",
    "chart_notes",
    "goal_progress",
    "label_positions",
    "plain_label",
    "plain_labels",
    "quarterly_lines",
    "revenue_cost_before_after",
    "revenue_cost_map",
    "robust_range",
    "roi_across_reviews",
    "roi_before_after",
    "roi_by_alliance",
    "roi_distribution",
    "tag_rows",
    "untitled",
]
