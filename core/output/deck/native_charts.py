"""The deck's native charts: titled, in the deck's font, with a percent value axis, read from the
top, their labels sized to the number of categories."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, cast

from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_TICK_LABEL_POSITION
from pptx.oxml.ns import qn
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.util import Pt, lazyproperty
from xlsxwriter import Workbook
from xlsxwriter.worksheet import Worksheet

from core.output.deck.drawing import FONT, GRID, INK, SMALL, Box


class _TextWorkbookWriter(CategoryWorkbookWriter):
    """The chart's embedded workbook with every text written as text. python-pptx writes it with
    xlsxwriter's write(), which turns an alliance named '=1+1' into a formula (Err:509 in
    LibreOffice, and a command for a crafted name) and 'http://…' into a link."""

    @contextmanager
    def _open_worksheet(self, xlsx_file: IO[bytes]) -> Iterator[tuple[Workbook, Worksheet]]:
        options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        workbook = Workbook(xlsx_file, options)
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class ChartData(CategoryChartData):
    """Category chart data whose embedded workbook holds names as text, never as formulas."""

    @lazyproperty
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        return _TextWorkbookWriter(self)


def native_chart(slide: Slide, kind: XL_CHART_TYPE, data: CategoryChartData, box: Box, title: str) -> Chart:
    """A native chart in the deck's font, titled, with a percent value axis."""
    # python-pptx's hints name ChartData for the data and Chart for the result; it takes any chart
    # data and returns the graphic frame that holds the chart.
    shape = slide.shapes.add_chart(kind, *box.place(), data)  # type: ignore[arg-type]
    chart = cast(GraphicFrame, shape).chart
    chart.font.name = FONT
    chart.font.size = Pt(SMALL)
    chart.font.color.rgb = INK
    chart.has_title = True
    chart.chart_title.text_frame.text = title
    chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
    chart.chart_title.text_frame.paragraphs[0].runs[0].font.bold = True
    axis = chart.value_axis
    axis.tick_labels.number_format = "0%"
    axis.tick_labels.number_format_is_linked = False
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = GRID
    chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    return chart


def top_down(chart: Chart) -> None:
    """A bar chart read from the top: first category (and first series of a group) on top, the
    value axis still at the bottom (python-pptx has no setting for where the value axis crosses)."""
    chart.category_axis.reverse_order = True
    crosses = chart.value_axis._element.find(qn("c:crosses"))
    if crosses is not None:
        crosses.set("val", "max")


def category_label_size(categories: int) -> int:
    """Category label size: smaller as a chart holds more categories."""
    return SMALL if categories <= 15 else 10 if categories <= 30 else 8


def percent_labels(chart: Chart, size: int = 11) -> None:
    """Each value written at its bar or marker as a percent with one decimal."""
    plot = chart.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = "0.0%"
    labels.number_format_is_linked = False
    labels.font.size = Pt(size)
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
