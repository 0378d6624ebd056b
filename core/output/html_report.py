"""One self-contained HTML file for people without the app: headline figures, tables, interactive charts.

Sections: alliances, quartiles and benchmarks, before/after, quarterly trends, scorecard, then the
decisions (recommendations with their reasons, opportunity cost, the scenario), relationship health
and risks, and the action plan. Each chart's notes (values drawn at its edge, small cost bases) are
written below it, and money axes carry the currency.

It reads on a screen and prints on A4 or Letter: each section starts a new page, tables repeat their
header and never break inside a row, numbers never wrap, charts shrink to print whole on one page
(legend included; the first on page 1, below the headline figures), and the file stays small by
carrying plotly.js's basic bundle (bar and scatter charts, ~1.2 MB) rather than the full one (~4.8 MB).
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from functools import cache
from importlib import resources
from itertools import count

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from core import formatting as fmt
from core import palette
from core.analysis.scenarios import scenario_text
from core.analysis.undated import NO_QUARTERS
from core.formatting import ValueKind
from core.model import PORTFOLIO
from core.output import columns as cols
from core.output.charts import (
    chart_notes,
    quarterly_lines,
    revenue_cost_map,
    roi_before_after,
    roi_by_alliance,
    roi_distribution,
)
from core.output.columns import TableSpec, display_frame, pick, without
from core.output.decision_sheets import (
    NO_ACTIONS,
    NO_SCENARIO,
    actions_display,
    decisions_display,
    health_detail_display,
    health_display,
    risk_summary_display,
    risks_display,
    scenario_tables,
)
from core.output.table_sheets import by_roi
from core.output.tables import alliance_rows, alliance_spec, flags_display
from core.reading.side_sheets import NO_HEALTH_NOTE, NO_RISKS_NOTE
from core.report import Report

# plotly.js's bundle of bar, scatter and pie charts, of the same version as the Python package's
# full bundle (a test compares them); see assets/README.md.
PLOTLY_BASIC = "plotly-basic.min.js"
NUMERIC: frozenset[ValueKind] = frozenset(
    {"money", "ratio", "gap", "points", "number", "integer", "date", "month", "datetime"}
)
# The theme of the file's charts, whatever the process made the default.
FILE_TEMPLATE = "plotly"
# Charts keep their screen width (at most the body's 1,100 px) and are scaled to fit the narrowest
# printed page, Letter in landscape: 279.4 − 2 × 12 mm = 965 px (1,100 × 0.86 = 946).
PRINT_ZOOM = 0.86
# The shortest printed page, A4 in landscape, leaves 210 − 2 × 12 mm = 703 px of height. A chart is
# kept whole (its legend never on the next page), so one taller than that once zoomed is scaled
# further, to fit below its section's heading; the first also below the title and tiles, so that
# page 1 holds the headline figures and the first chart rather than the tiles alone. Below
# MIN_PRINT_ZOOM its text would be too small to read (12 px × 0.6 ≈ 5.4 pt): a chart taller than a
# page even then (from about 20 alliances) is printed across two.
PRINT_MARGIN_MM = 12
PAGE_HEIGHT_PX = (210 - 2 * PRINT_MARGIN_MM) / 25.4 * 96
MIN_PRINT_ZOOM = 0.6
HEADING_PX = 60  # a section's heading with its margins, on the page of the chart below it
HEAD_PX = 145  # the title, the source line and the tiles in print, their two rows if they wrap

STYLE_TEMPLATE = """
body { font-family: %(font)s; margin: 2rem auto; max-width: 1100px; padding: 0 1rem;
       color: %(ink)s; background: %(page)s; }
@media (prefers-color-scheme: dark) {
  body { color: %(dark_ink)s; background: %(dark_page)s; } th { background: %(dark_header)s; }
}
h1 { margin-bottom: 0.2rem; } .meta { color: %(muted)s; margin-top: 0; }
.tiles { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }
.tile { border: 1px solid %(border)s; border-radius: 8px; padding: 0.6rem 1rem; min-width: 150px; }
.tile b { display: block; font-size: 1.5rem; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin: 0.5rem 0 1.5rem; }
th, td { border-bottom: 1px solid %(rule)s; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: %(header)s; }
.paragraph { border-left: 4px solid %(accent)s; padding: 0.5rem 1rem; }
.wide { overflow-x: auto; }
.chart { margin: 0.5rem 0 1rem; }
.note { color: %(muted)s; font-size: 0.85rem; margin: -0.5rem 0 1rem; }
@page { size: landscape; margin: %(margin)smm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; color: %(print)s; background: %(page)s; }
  th { background: %(header)s; }
  section ~ section { break-before: page; }
  h2 { break-after: avoid; }
  table { font-size: 8pt; }
  thead { display: table-header-group; }
  tr, .tile, .paragraph, .chart { break-inside: avoid; }
  .wide { overflow: visible; }
  .chart { zoom: var(--print-zoom, %(zoom)s); }
  h1 { font-size: 18pt; margin: 0; } .meta { margin-bottom: 0; }
  .tiles { gap: 0.4rem; margin: 0.5rem 0; }
  .tile { min-width: 0; padding: 0.2rem 0.5rem; font-size: 7.5pt; } .tile b { font-size: 12pt; }
  .modebar-container { display: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
# What the style's placeholders stand for: the palette's document colours, the font, the print zoom.
STYLE_VALUES = {
    "ink": palette.INK,
    "muted": palette.MUTED,
    "rule": palette.RULE,
    "border": palette.BORDER,
    "header": palette.HEADER_BACKGROUND,
    "accent": palette.ACCENT,
    "page": palette.PAGE,
    "print": palette.PRINT_INK,
    "dark_ink": palette.DARK_INK,
    "dark_page": palette.DARK_PAGE,
    "dark_header": palette.DARK_HEADER,
    "font": palette.PAGE_FONT,
    "zoom": str(PRINT_ZOOM),
    "margin": str(PRINT_MARGIN_MM),
}
STYLE = re.sub(r"%\((\w+)\)s", lambda m: STYLE_VALUES[m.group(1)], STYLE_TEMPLATE)


@cache
def plotly_js() -> str:
    """plotly.js for the file: the basic bundle shipped beside this module, else the full one."""
    asset = resources.files("core.output").joinpath("assets", PLOTLY_BASIC)
    return asset.read_text("utf-8") if asset.is_file() else get_plotlyjs()


def _tile(label: str, value: str) -> str:
    return f'<div class="tile">{html.escape(label)}<b>{html.escape(value)}</b></div>'


def _text(value: str) -> str:
    # Names and notes come from the upload: escaped, they can never become markup.
    return html.escape(value, quote=False)


def _table(table: pd.DataFrame, spec: TableSpec, ids: count) -> str:
    """A table under its spec's headers, each column formatted by its kind, numbers kept on one line."""
    table_id = f"t{next(ids)}"
    numeric = [i for i, c in enumerate(spec, start=1) if c.kind in NUMERIC]
    # Headers may wrap at their spaces; numbers never do.
    cells = ", ".join(f"#{table_id} td:nth-child({i})" for i in numeric)
    style = f"<style>{cells} {{ white-space: nowrap; text-align: right; }}</style>" if numeric else ""
    head = "".join(f"<th>{_text(c.header)}</th>" for c in spec)
    body = "\n".join(
        "<tr>"
        + "".join(f"<td>{_text(fmt.cell(v, c.kind))}</td>" for c, v in zip(spec, row, strict=True))
        + "</tr>"
        for row in table.itertuples(index=False)
    )
    return (
        f'<div class="wide">{style}<table id="{table_id}"><thead><tr>{head}</tr></thead>'
        f"<tbody>\n{body}\n</tbody></table></div>"
    )


def _alliance_tables(report: Report, ids: count) -> list[str]:
    """The alliance table in two, best ROI first: all its columns side by side are about 1,500 px
    wide, too wide for a page (Letter in landscape leaves 965 px).

    The first holds ROI, position and the payback month (since when an alliance pays back), the
    second the rest of the time value and the adjustments. The percentile repeats the quartile for a
    reader of the report (the workbook keeps it).
    """
    spec = without(alliance_spec(report), "percentile")
    benchmarks = {cols.benchmark_column(name).source for name in report.benchmarks["name"]}
    first_sources = {c.source for c in cols.ALLIANCES_BASE} | benchmarks | {cols.PAYBACK.source}
    first = tuple(c for c in spec if c.source in first_sources)
    rest = (cols.ALLIANCE, *(c for c in spec if c not in first))
    rows = by_roi(display_frame(alliance_rows(report), spec))
    return [
        _table(rows[[c.header for c in first]], first, ids),
        "<h3>Time value and adjustments</h3>",
        _table(rows[[c.header for c in rest]], rest, ids),
    ]


def _goals_table(report: Report, ids: count) -> str:
    wanted = ("alliance", "metric", "owner", "target", "actual", "unit", "progress", "status", "why")
    spec = pick(cols.GOALS, *wanted)
    return _table(display_frame(report.goals, spec), spec, ids)


def report_chart(fig: go.Figure) -> go.Figure:
    """A figure made for the page, readied for the file: axis labels and titles given the margin they
    need, point labels never cut at the plot's edge, every line its own colour, and Plotly's own
    theme: importing Streamlit makes its theme the default, whose colours are placeholders that only
    Streamlit's page fills in, so a report written by the app would otherwise differ from the
    command's."""
    fig.layout.template = FILE_TEMPLATE
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    margin = fig.layout.margin
    fig.update_layout(margin=dict(l=max(margin.l or 0, 60), b=max(margin.b or 0, 60)))
    for trace in fig.data:
        if trace.type == "scatter" and "text" in (trace.mode or ""):
            trace.cliponaxis = False  # a name beside a point at the axis shows whole
    distinct_line_colours(fig)
    return fig


def distinct_line_colours(fig: go.Figure) -> None:
    """Give each line in the legend its own colour, so trends stay apart on paper too: a line with
    no colour, or with one an earlier line has, takes the next of the palette's distinct line
    colours that no line has."""
    lines = [
        t for t in fig.data if t.type == "scatter" and "lines" in (t.mode or "") and t.showlegend is not False
    ]
    used: set[str] = set()
    spare = iter(palette.DISTINCT_LINE_COLOURS)
    for trace in lines:
        colour = trace.line.color
        if not isinstance(colour, str) or colour.upper() in used:
            colour = next((c for c in spare if c.upper() not in used), colour)
            trace.line.color = colour
            trace.marker.color = colour
        if isinstance(colour, str):
            used.add(colour.upper())


def print_zoom(fig: go.Figure, above: float = HEADING_PX) -> float:
    """The scale a chart prints at: PRINT_ZOOM, or less if that leaves it taller than what the
    shortest page has below the `above` pixels that share its page (rounded down, to stay inside),
    never below MIN_PRINT_ZOOM. A chart that does not fit below more than a heading even at that
    goes to the next page, and is scaled for it."""
    height = fig.layout.height or 450  # Plotly's default height
    fit = math.floor((PAGE_HEIGHT_PX - above) / height * 100) / 100
    if fit < MIN_PRINT_ZOOM and above > HEADING_PX:
        return print_zoom(fig)
    return max(MIN_PRINT_ZOOM, min(PRINT_ZOOM, fit))


def _chart(fig: go.Figure, above: float = HEADING_PX) -> str:
    """A chart's div and script, then its notes (values drawn at the edge, small cost bases) as text;
    plotly.js itself is in the page's head, once. In print it is scaled to fit on one page below
    the `above` pixels that share its page."""
    div = report_chart(fig).to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False})
    notes = "".join(f"<p class='note'>{_text(note)}</p>" for note in chart_notes(fig))
    return f'<div class="chart" style="--print-zoom: {print_zoom(fig, above)}">{div}</div>{notes}'


def _section(title: str, parts: list[str]) -> list[str]:
    """A section of the report; in print each starts a new page."""
    return ["<section>", f"<h2>{html.escape(title)}</h2>", *parts, "</section>"]


def _head(report: Report, exported_at: dt.datetime) -> list[str]:
    source = report.ledger.source
    p = report.portfolio
    currency = report.currency
    return [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>Alliance ROI: {html.escape(source.filename)}</title><style>{STYLE}</style>",
        f"<script>{plotly_js()}</script></head><body>",
        "<h1>Alliance ROI</h1>",
        f"<p class='meta'>{html.escape(source.filename)} · sheet '{html.escape(source.sheet_label)}' · "
        "filters: "
        f"{html.escape(report.settings.filters.describe())} · exported {exported_at:%Y-%m-%d %H:%M}</p>",
        "<div class='tiles'>",
        _tile("Portfolio ROI (cost-weighted)", fmt.percent(p.roi)),
        _tile("Revenue", fmt.money(p.revenue, currency)),
        _tile("Cost", fmt.money(p.cost, currency)),
        _tile("Net value", fmt.money(p.net_value, currency)),
        *[_tile(f"{name} band", str(count)) for name, count in p.band_counts.items()],
        "</div>",
    ]


def _before_after(report: Report) -> list[str]:
    result = report.before_after
    if result is None:
        return [f"<p>{html.escape(report.before_after_error or '')}</p>"]
    return [
        f"<p class='paragraph'>{html.escape(result.paragraph)}</p>",
        *[f"<p>⚠ {html.escape(check)}</p>" for check in result.checks],
        _chart(roi_before_after(result.table, result.portfolio, report.settings.thresholds, report.currency)),
    ]


def _scorecard(report: Report, ids: count) -> list[str]:
    parts = [_goals_table(report, ids)] if len(report.goals) else ["<p>No Goals sheet in this workbook.</p>"]
    if len(report.flags):
        parts.append(_table(flags_display(report), cols.FLAGS, ids))
    return parts


# The decisions table on a page: the recommendation, its reasons and the figures that weigh most; the
# points per factor are in the reasons (and in the workbook's own columns).
DECISION_COLUMNS = (
    "alliance",
    "recommendation",
    "score",
    "reasons",
    "roi",
    "risk_adjusted_roi",
    "health_score",
    "opportunity_cost",
    "value_over_alternative",
    "points_over_alternative",
)


def _picked(table: pd.DataFrame, spec: TableSpec, sources: tuple[str, ...], ids: count) -> str:
    """Some columns of a display frame made under `spec`."""
    chosen = pick(spec, *sources)
    return _table(table[[c.header for c in chosen]], chosen, ids)


def _decisions(report: Report, ids: count) -> list[str]:
    """Recommendations with their reasons, the opportunity cost against the alternative, the scenario."""
    attrs = report.opportunity.attrs
    rate = attrs.get("alternative_rate")
    name = str(attrs.get("alternative_name", "")) or "the hurdle rate"
    parts = [
        _picked(decisions_display(report), cols.DECISIONS, DECISION_COLUMNS, ids),
        f"<p>Hurdle rate: {_text(fmt.percent(rate))} a year, the return of {_text(name)}. Opportunity "
        f"cost: {_text(cols.OPPORTUNITY_COST.help)}. Value over alternative (the Alliances table's "
        "value over hurdle): net value − opportunity cost; in points, value over / cost × 100. The "
        "Decisions sheet of the workbook has the points of each factor and the rules used.</p>",
    ]
    return parts + _scenario(report, ids)


def _scenario(report: Report, ids: count) -> list[str]:
    tables = scenario_tables(report)
    if tables is None or report.scenario is None:
        return [f"<p>{_text(NO_SCENARIO)}</p>"]
    money, ratios, alliances = tables
    changed = alliances[alliances["Change"] != ""]
    return [
        f"<h3>Scenario: {_text(scenario_text(report.scenario.changes))}</h3>",
        _table(money, cols.SCENARIO_MONEY, ids),
        _table(ratios, cols.SCENARIO_RATIOS, ids),
        *[f"<p>⚠ {_text(note)}</p>" for note in report.scenario.notes],
        _table(changed, cols.SCENARIO_ALLIANCES, ids) if len(changed) else "",
    ]


def _health_and_risks(report: Report, ids: count) -> list[str]:
    """Relationship health per alliance and per dimension, the risks and their expected loss; or how
    to add the sheet a workbook lacks."""
    parts = ["<h3>Relationship health</h3>"]
    if report.ledger.health_sheet is None:
        parts.append(f"<p>{_text(NO_HEALTH_NOTE)}</p>")
    else:
        parts += [
            _table(health_display(report), cols.HEALTH, ids),
            _table(health_detail_display(report), cols.HEALTH_DETAIL, ids),
        ]
    parts.append("<h3>Risks</h3>")
    if report.ledger.risks_sheet is None:
        parts.append(f"<p>{_text(NO_RISKS_NOTE)}</p>")
    else:
        parts += [
            _table(risks_display(report), cols.RISKS, ids),
            _table(risk_summary_display(report), cols.RISK_SUMMARY, ids),
        ]
    return parts


def _action_plan(report: Report, ids: count, actions: pd.DataFrame | None) -> list[str]:
    """The actions by due date: the proposed ones, or a saved review's accepted ones."""
    table = actions_display(report, actions)
    if table.empty:
        return [f"<p>{_text(NO_ACTIONS)}</p>"]
    ordered = table.sort_values(["Horizon (days)", "Due date"], kind="stable", na_position="last")
    return [_table(ordered, cols.ACTIONS, ids)]


def html_report(
    report: Report, exported_at: dt.datetime | None = None, actions: pd.DataFrame | None = None
) -> bytes:
    """The report as one HTML file (UTF-8 bytes); `actions` as for the summary workbook."""
    exported_at = exported_at or dt.datetime.now().replace(microsecond=0)
    thresholds = report.settings.thresholds
    currency = report.currency
    ids = count(1)
    lines = [PORTFOLIO, *sorted(report.alliances.index)]
    undated = report.ledger.source.undated
    parts = [
        *_head(report, exported_at),
        *_section(
            "Alliances",
            [
                _chart(
                    roi_by_alliance(report.alliances, thresholds, report.benchmarks, currency),
                    above=HEAD_PX + HEADING_PX,
                ),
                *_alliance_tables(report, ids),
            ],
        ),
        *_section(
            "Quartiles and benchmarks",
            [
                _chart(roi_distribution(report.alliances, report.cuts, report.benchmarks, currency)),
                _chart(revenue_cost_map(report.alliances, currency=currency)),
            ],
        ),
        *_section("Before / after", _before_after(report)),
        *_section(
            "Quarterly trends",
            [
                f"<p>{_text(NO_QUARTERS)}</p>"
                if undated
                else _chart(quarterly_lines(report.quarterly, lines, thresholds))
            ],
        ),
        *_section("Scorecard", _scorecard(report, ids)),
        *_section("Decisions", _decisions(report, ids)),
        *_section("Health and risks", _health_and_risks(report, ids)),
        *_section("Action plan", _action_plan(report, ids, actions)),
        "</body></html>",
    ]
    return "\n".join(parts).encode("utf-8")
