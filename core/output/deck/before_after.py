"""The before/after slide: ROI before and after per alliance and the case study, or why there is no
comparison."""

from __future__ import annotations

from collections.abc import Sequence

from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.util import Pt

from core.output.deck.drawing import (
    ACCENT,
    CATEGORY_CHARS,
    GREY,
    MAX_NOTES,
    MUTED,
    NOTE_CHARS,
    WIDTH,
    Box,
    Line,
    clip,
    first_items,
    rounded_ratio,
    text_box,
    titled_slide,
)
from core.output.deck.native_charts import (
    ChartData,
    category_label_size,
    native_chart,
    percent_labels,
    top_down,
)
from core.output.tables import before_after_rows
from core.report import Report

PARAGRAPH_CHARS = 640  # where the case-study paragraph is cut


def before_after_data(report: Report) -> ChartData | None:
    """ROI before and after per alliance, then the portfolio; None when there is no comparison."""
    rows = before_after_rows(report)
    if rows.empty:
        return None
    data = ChartData(number_format="0.0%")
    data.categories = [clip(name, CATEGORY_CHARS) for name in rows["alliance"]]
    data.add_series("ROI before", [rounded_ratio(v) for v in rows["roi_before"]])
    data.add_series("ROI after", [rounded_ratio(v) for v in rows["roi_after"]])
    return data


def _before_after_chart(slide: Slide, data: ChartData, box: Box) -> None:
    """Clustered bars: before in grey, after in the accent colour."""
    chart = native_chart(slide, XL_CHART_TYPE.BAR_CLUSTERED, data, box, "ROI before and after")
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    count = len(data.categories)
    chart.category_axis.tick_labels.font.size = Pt(category_label_size(count))
    top_down(chart)
    plot = chart.plots[0]
    plot.gap_width = 50
    plot.overlap = 0
    before, after = plot.series
    for series, colour in ((before, GREY), (after, ACCENT)):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = colour
        series.invert_if_negative = False
    if count <= 12:
        percent_labels(chart, 10)


def _windows_text(report: Report) -> str:
    """'Initiative 2024-04-01 · before Jan 2024 – Mar 2024 · after Apr 2024 – Jun 2024'."""
    result = report.before_after
    assert result is not None
    windows = result.windows
    before, after = windows.describe()
    if len(result.initiative_dates()) > 1:
        # Each alliance over its own windows: name every date, and whose windows these are (#32.8).
        return (
            f"Initiatives {result.dates_words('%Y-%m-%d')} · control group: before {before} · after {after}"
        )
    return f"Initiative {windows.initiative:%Y-%m-%d} · before {before} · after {after}"


def _left_out(left_out: Sequence[tuple[str, str]]) -> list[str]:
    """The alliances left out of the comparison, one line per reason: 'Left out (why): A, B and 3 more'."""
    by_reason: dict[str, list[str]] = {}
    for name, why in left_out:
        by_reason.setdefault(why, []).append(clip(name, 30))
    return [f"Left out ({why}): {', '.join(first_items(names, 5))}" for why, names in by_reason.items()]


def _case_study_lines(report: Report) -> list[Line]:
    """The case-study paragraph, then the checks and the alliances left out of the comparison."""
    result = report.before_after
    assert result is not None
    notes = [*result.checks, *_left_out(result.left_out)]
    return [
        Line("Case study", 14, bold=True),
        Line(clip(result.paragraph, PARAGRAPH_CHARS), 14),
        *(
            Line(clip(note, NOTE_CHARS), 11, colour=MUTED, space_before=6)
            for note in first_items(notes, MAX_NOTES)
        ),
    ]


def before_after_slide(prs: Deck, report: Report) -> None:
    """ROI before and after per alliance and the case-study paragraph, or why there is no comparison."""
    title = f"Before / after: {report.settings.initiative_name}"
    data = before_after_data(report)
    if data is None:
        slide = titled_slide(prs, title, "No comparison for this ledger and these settings")
        why = report.before_after_error or "The comparison could not be made."
        text_box(slide, Box(0.5, 1.8, WIDTH - 1.0, 2.0), [Line(clip(why, 400), 18)])
        return
    slide = titled_slide(prs, title, _windows_text(report))
    _before_after_chart(slide, data, Box(0.5, 1.55, 7.4, 5.75))
    text_box(slide, Box(8.1, 1.6, 4.75, 5.7), _case_study_lines(report))
