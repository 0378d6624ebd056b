"""Pieces of page that several pages show, a module each: `banner` (the source banner), `metrics`
(tiles and the money scale), `overview` (headline metrics, beyond simple ROI, data issues),
`charts`, `flags` (red flags of many alliances), `exports` (the download buttons), `quote` (a
paragraph with a copy button) and `kept` (what is made once per report). Pages call them through
this package: `views.source_banner(loaded, report)`, `views.grid(table)`.
"""

from ui.columns import grid
from ui.views.banner import source_banner
from ui.views.charts import CHART_ALLIANCES, CHART_CONFIG, chart, chart_of, chart_rows
from ui.views.exports import PPTX_MIME, XLSX_MIME, downloads, template_download
from ui.views.flags import LISTED_ALLIANCES, flags_grid, flags_summary, listed_one_by_one
from ui.views.kept import grid_of, per_report
from ui.views.metrics import TILE_MIN_PX, money_scale, tiles
from ui.views.overview import benchmark_gaps, beyond_simple_roi, coverage, data_issues, headline_metrics
from ui.views.quote import quote_with_copy

__all__ = [
    "CHART_ALLIANCES",
    "CHART_CONFIG",
    "LISTED_ALLIANCES",
    "PPTX_MIME",
    "TILE_MIN_PX",
    "XLSX_MIME",
    "benchmark_gaps",
    "beyond_simple_roi",
    "chart",
    "chart_of",
    "chart_rows",
    "coverage",
    "data_issues",
    "downloads",
    "flags_grid",
    "flags_summary",
    "grid",
    "grid_of",
    "headline_metrics",
    "listed_one_by_one",
    "money_scale",
    "per_report",
    "quote_with_copy",
    "source_banner",
    "template_download",
    "tiles",
]
