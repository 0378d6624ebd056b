"""One self-contained HTML file for people without the app: headline figures, tables, interactive charts."""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import plotly.graph_objects as go

from core.analysis.report import Report
from core.model import PORTFOLIO
from core.output import columns as cols
from core.output import formatting as fmt
from core.output.charts import (
    quarterly_lines,
    revenue_cost_map,
    roi_before_after,
    roi_by_alliance,
    roi_distribution,
)
from core.output.columns import display_frame, pick, spec_of, without
from core.output.tables import alliance_rows, alliance_spec, flags_display

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem;
       color: #1f2937; background: #fff; }
@media (prefers-color-scheme: dark) {
  body { color: #e5e7eb; background: #111827; } th { background: #1f2937; }
}
h1 { margin-bottom: 0.2rem; } .meta { color: #6b7280; margin-top: 0; }
.tiles { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }
.tile { border: 1px solid #d1d5db; border-radius: 8px; padding: 0.6rem 1rem; min-width: 150px; }
.tile b { display: block; font-size: 1.5rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin: 0.5rem 0 1.5rem; }
th, td { border-bottom: 1px solid #e5e7eb; padding: 0.3rem 0.5rem; text-align: left; }
th { background: #f3f4f6; } td.num { text-align: right; }
.paragraph { border-left: 4px solid #7c3aed; padding: 0.5rem 1rem; }
.wide { overflow-x: auto; }
"""


def _tile(label: str, value: str) -> str:
    return f'<div class="tile">{html.escape(label)}<b>{html.escape(value)}</b></div>'


def _table(table: pd.DataFrame) -> str:
    """A display frame as an HTML table, each column formatted by its kind."""
    spec = spec_of(table)
    shown = pd.DataFrame({c.header: [fmt.cell(v, c.kind) for v in table[c.header]] for c in spec})
    # escape=True: alliance names and notes come from the upload and must never become markup.
    html_table = shown.to_html(index=False, escape=True, na_rep="", border=0)
    return f'<div class="wide">{html_table}</div>'


def _alliance_table(report: Report) -> str:
    # The percentile repeats the quartile for a reader of the report; the workbook keeps it.
    spec = without(alliance_spec(report), "percentile")
    return _table(display_frame(alliance_rows(report), spec))


def _goals_table(report: Report) -> str:
    wanted = ("alliance", "metric", "owner", "target", "actual", "unit", "progress", "status", "why")
    return _table(display_frame(report.goals, pick(cols.GOALS, *wanted)))


def _chart(fig: go.Figure, first: bool) -> str:
    # The first chart carries plotly.js itself, so the file works offline and from an e-mail.
    return fig.to_html(full_html=False, include_plotlyjs=first, config={"displaylogo": False})


def html_report(report: Report, exported_at: dt.datetime | None = None) -> bytes:
    """The report as one HTML file (UTF-8 bytes)."""
    exported_at = exported_at or dt.datetime.now().replace(microsecond=0)
    p = report.portfolio
    source = report.ledger.source
    currency = report.currency
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Alliance ROI: {html.escape(source.filename)}</title><style>{STYLE}</style></head><body>",
        "<h1>Alliance ROI</h1>",
        f"<p class='meta'>{html.escape(source.filename)} · sheet '{html.escape(source.sheet)}' · filters: "
        f"{html.escape(report.settings.filters.describe())} · exported {exported_at:%Y-%m-%d %H:%M}</p>",
        "<div class='tiles'>",
        _tile("Portfolio ROI (cost-weighted)", fmt.percent(p.roi)),
        _tile("Revenue", fmt.money(p.revenue, currency)),
        _tile("Cost", fmt.money(p.cost, currency)),
        _tile("Net value", fmt.money(p.net_value, currency)),
        *[_tile(f"{name} band", str(count)) for name, count in p.band_counts.items()],
        "</div>",
        "<h2>Alliances</h2>",
        _chart(roi_by_alliance(report.alliances, report.settings.thresholds, report.benchmarks), first=True),
        _alliance_table(report),
        "<h2>Quartiles and benchmarks</h2>",
        _chart(roi_distribution(report.alliances, report.cuts, report.benchmarks), first=False),
        _chart(revenue_cost_map(report.alliances), first=False),
    ]
    result = report.before_after
    parts.append("<h2>Before / after</h2>")
    if result is None:
        parts.append(f"<p>{html.escape(report.before_after_error or '')}</p>")
    else:
        parts += [
            f"<p class='paragraph'>{html.escape(result.paragraph)}</p>",
            *[f"<p>⚠ {html.escape(check)}</p>" for check in result.checks],
            _chart(roi_before_after(result.table, result.portfolio, report.settings.thresholds), first=False),
        ]
    lines = [PORTFOLIO, *sorted(report.alliances.index)]
    parts += [
        "<h2>Quarterly trends</h2>",
        _chart(quarterly_lines(report.quarterly, lines, report.settings.thresholds), first=False),
    ]
    parts.append("<h2>Scorecard</h2>")
    if len(report.goals):
        parts.append(_goals_table(report))
    else:
        parts.append("<p>No Goals sheet in this workbook.</p>")
    if len(report.flags):
        parts.append(_table(flags_display(report)))
    parts.append("</body></html>")
    return "\n".join(parts).encode("utf-8")
