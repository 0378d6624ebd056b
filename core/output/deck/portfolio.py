"""The title slide and the portfolio slide: headline figures and ROI by alliance."""

from __future__ import annotations

from pptx.enum.chart import XL_CHART_TYPE
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.util import Pt

from core import formatting as fmt
from core.analysis.roi import band
from core.output.deck.alliances import ranking
from core.output.deck.drawing import (
    ACCENT,
    BAND_COLOURS,
    CATEGORY_CHARS,
    GREY,
    ITEM_CHARS,
    MAX_BENCHMARKS,
    MUTED,
    SMALL,
    TITLE_LAYOUT,
    WIDTH,
    Box,
    Line,
    clip,
    fill_frame,
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
from core.output.summary_sheet import period
from core.report import Report


def roi_chart_data(report: Report) -> tuple[list[str], list[float], list[str]]:
    """Names, ROIs and bands of the alliances with a defined ROI, best first."""
    rows = ranking(report)
    rows = rows[rows["roi"].notna()]
    values = [rounded_ratio(v) for v in rows["roi"]]
    return list(rows["alliance"]), [v for v in values if v is not None], list(rows["band"])


def _roi_by_alliance(slide: Slide, report: Report, box: Box) -> None:
    """Horizontal bars of ROI per alliance, each bar coloured by its band."""
    names, rois, bands = roi_chart_data(report)
    if not names:
        text_box(slide, box, [Line("No alliance has a defined ROI (none has any cost).", colour=MUTED)])
        return
    data = ChartData(number_format="0.0%")
    data.categories = [clip(name, CATEGORY_CHARS) for name in names]
    data.add_series("ROI", rois)
    chart = native_chart(slide, XL_CHART_TYPE.BAR_CLUSTERED, data, box, "ROI by alliance")
    chart.has_legend = False
    top_down(chart)
    chart.category_axis.tick_labels.font.size = Pt(category_label_size(len(names)))
    plot = chart.plots[0]
    plot.gap_width = 60
    for point, name in zip(plot.series[0].points, bands, strict=True):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = BAND_COLOURS.get(name, GREY)
    if len(names) <= 25:
        percent_labels(chart, category_label_size(len(names)) - 1)


def title_slide(prs: Deck, report: Report, link: str | None) -> None:
    """Ledger file name, period covered, as-of date, currency and the view's link."""
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_LAYOUT])
    title, subtitle = slide.placeholders[0], slide.placeholders[1]
    title.left, title.top, title.width, title.height = Box(0.8, 1.2, WIDTH - 1.6, 1.2).place()
    fill_frame(title.text_frame, [Line("Alliance ROI review", 40, bold=True)])
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = Box(0.8, 2.6, WIDTH - 1.6, 4.4).place()
    source = report.ledger.source
    lines = [
        Line(clip(source.filename, 80), 24, bold=True),
        Line(f"Period covered: {period(report)}", 18, space_before=12),
        Line(f"Goal status as of {report.as_of:%Y-%m-%d}", 18),
        Line(f"Currency: {report.currency or 'as in the ledger'}", 18),
        Line(f"Alliances in view: {len(report.alliances)}", 18),
        Line(clip(f"Filters: {report.settings.filters.describe()}", 110), 18),
    ]
    if link:
        web = link.startswith(("https://", "http://"))
        lines.append(Line("View in the app:", SMALL, colour=MUTED, space_before=18))
        lines.append(
            Line(clip(link, 300), SMALL, colour=ACCENT if web else MUTED, link=link if web else None)
        )
    fill_frame(subtitle.text_frame, lines)


def _headline(report: Report) -> list[Line]:
    """Portfolio ROI with its band, the money figures, the benchmark gaps and the band counts."""
    p = report.portfolio
    money = report.currency
    portfolio_band = band(p.roi, report.settings.thresholds)
    headline = fmt.percent(p.roi) if p.roi is None else f"{fmt.percent(p.roi)}  {portfolio_band}"
    lines = [
        Line("Portfolio ROI (cost-weighted)", 14, colour=MUTED),
        Line(headline, 36, bold=True, colour=BAND_COLOURS[portfolio_band]),
    ]
    if p.roi is None:
        lines.append(Line(clip(p.roi_note, ITEM_CHARS), SMALL, colour=MUTED))
    lines += [
        Line(f"Revenue: {fmt.money(p.revenue, money)}", space_before=10),
        Line(f"Cost: {fmt.money(p.cost, money)}"),
        Line(f"Net value: {fmt.money(p.net_value, money)}"),
        Line(f"Mean of alliance ROIs (unweighted): {fmt.percent(p.mean_roi)}", 14, colour=MUTED),
        Line("Against the benchmarks", 14, bold=True, space_before=10),
        *_benchmark_lines(report, p.roi),
        Line("Alliances per band", 14, bold=True, space_before=10),
        Line(" · ".join(f"{name}: {count}" for name, count in p.band_counts.items()), 14),
    ]
    return lines


def _benchmark_lines(report: Report, roi: float | None) -> list[Line]:
    """'+20.0 pts vs Cross-industry average (15.0 %)', one line per benchmark, at most a few."""
    texts = [
        f"{fmt.points(None if roi is None else roi - bench)} vs {clip(name, 44)} ({fmt.percent(bench)})"
        for name, bench in zip(report.benchmarks["name"], report.benchmarks["roi"], strict=True)
    ]
    return [Line(text, 14) for text in first_items(texts, MAX_BENCHMARKS)]


def portfolio_slide(prs: Deck, report: Report) -> None:
    """Headline figures on the left, ROI by alliance on the right."""
    count = len(report.alliances)
    slide = titled_slide(prs, "Portfolio", f"{count} alliance{'s' if count != 1 else ''} · {period(report)}")
    text_box(slide, Box(0.5, 1.6, 4.9, 5.6), _headline(report))
    _roi_by_alliance(slide, report, Box(5.5, 1.55, 7.35, 5.15))
    t = report.settings.thresholds
    strong, moderate = (fmt.percent(v, 0) for v in (t.strong, t.moderate))
    notes = [
        f"Bars coloured by band: Strong above {strong}, Moderate {moderate} to {strong}, "
        f"Weak below {moderate}."
    ]
    undefined = report.alliances.index[report.alliances["roi"].isna()]
    if len(undefined):
        names = ", ".join(first_items([clip(n, 30) for n in undefined], 4))
        notes.append(clip(f"ROI undefined (no cost), not drawn: {names}", 150))
    text_box(slide, Box(5.5, 6.7, 7.35, 0.7), [Line(n, 11, colour=MUTED) for n in notes])
