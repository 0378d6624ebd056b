"""What every slide draws with: the deck's size, fonts and colours (from core/palette.py), the limits
of what a slide shows, text boxes, titled slides and native tables, and text cut to fit."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.table import _Cell
from pptx.text.text import TextFrame
from pptx.util import Inches, Length, Pt

from core import palette
from core.output.xlsx import ROUNDING

# 16:9 at PowerPoint's default widescreen size.
WIDTH, HEIGHT = 13.333, 7.5
FONT = palette.DECK_FONT
TITLE_SIZE, BODY, SMALL = 28, 16, 12


def _rgb(colour: str) -> RGBColor:
    """A palette colour as python-pptx takes it."""
    return RGBColor(*palette.rgb(colour))


INK, MUTED, GRID = _rgb(palette.INK), _rgb(palette.MUTED), _rgb(palette.RULE)
ACCENT, GREY, WHITE = _rgb(palette.ACCENT), _rgb(palette.PALE_GREY), _rgb(palette.WHITE)
BAND_COLOURS: dict[str, RGBColor] = {band: _rgb(colour) for band, colour in palette.BAND_COLOURS.items()}
RECOMMENDATION_COLOURS = {name: _rgb(colour) for name, colour in palette.RECOMMENDATION_COLOURS.items()}
RECOMMENDATION_TEXT = {name: _rgb(colour) for name, colour in palette.RECOMMENDATION_TEXT.items()}
# Layouts of python-pptx's default template.
TITLE_LAYOUT, TITLE_ONLY_LAYOUT = 0, 5
# How much of a list a slide shows before "and N more", and where long text is cut; the limits that
# belong to one slide are beside it.
MAX_BENCHMARKS, MAX_NOTES = 3, 3
ITEM_CHARS, NOTE_CHARS, NAME_CHARS = 120, 160, 56
# A longer category label would squeeze the plot; the alliance's own slide has its whole name.
CATEGORY_CHARS = 32
# A row of the issues and scenario tables, in inches.
ROW_HEIGHT = 0.4


@dataclass(frozen=True)
class Box:
    """A shape's place on the slide, in inches from the top left corner."""

    left: float
    top: float
    width: float
    height: float

    def place(self) -> tuple[Length, Length, Length, Length]:
        """Left, top, width and height as python-pptx lengths."""
        return Inches(self.left), Inches(self.top), Inches(self.width), Inches(self.height)


@dataclass(frozen=True)
class Line:
    """One paragraph of a text box: one run of plain text in one style."""

    text: str
    size: int = BODY
    bold: bool = False
    colour: RGBColor = INK
    link: str | None = None
    space_before: int = 0


# Where things go: the title band, then the body below it.
TITLE_BOX = Box(0.5, 0.3, WIDTH - 1.0, 0.75)
SUBTITLE_BOX = Box(0.5, 1.05, WIDTH - 1.0, 0.45)


def clip(text: object, limit: int) -> str:
    """The text on one line (runs of whitespace made one space), cut at `limit` characters with '…'."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def clip_words(reason: str, limit: int) -> str:
    """A reason cut at `limit` characters keeping its points at the end: 'Band Weak (−2)' whole,
    '3 red flags: No goals…, Risk… (−3)' cut in its words."""
    words, points = (
        (reason[: reason.rindex(" (")], reason[reason.rindex(" (") :])
        if reason.endswith(")") and " (" in reason
        else (reason, "")
    )
    if len(reason) <= limit or not points:
        return clip(reason, limit)
    return clip(words, limit - len(points)) + points


def first_items(items: Sequence[str], limit: int) -> list[str]:
    """The first `limit` items, then 'and N more' when there are more."""
    shown = list(items[:limit])
    if len(items) > limit:
        shown.append(f"and {len(items) - limit} more")
    return shown


def signed(score: float) -> str:
    """A score as the reasons write points: +3, 0, −2.5 (a true minus sign)."""
    return "0" if score == 0 else f"{score:+g}".replace("-", "−")


def rounded_ratio(value: object) -> float | None:
    """A ratio as the workbook writes it (rounded to ROI_DIGITS), None where it is undefined."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or math.isnan(value):
        return None
    return round(float(value), ROUNDING["ratio"])


def fill_frame(frame: TextFrame, lines: Sequence[Line]) -> None:
    """Replace a text frame's text with the lines, wrapped inside its shape and never resized."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.LEFT
        if line.space_before:
            paragraph.space_before = Pt(line.space_before)
        run = paragraph.add_run()
        run.text = line.text
        run.font.name = FONT
        run.font.size = Pt(line.size)
        run.font.bold = line.bold
        run.font.color.rgb = line.colour
        if line.link:
            run.hyperlink.address = line.link


def text_box(slide: Slide, box: Box, lines: Sequence[Line]) -> None:
    """A text box holding the lines."""
    fill_frame(slide.shapes.add_textbox(*box.place()).text_frame, lines)


def titled_slide(prs: Deck, title: str, subtitle: str = "") -> Slide:
    """A new slide with its title (a real title placeholder, for the outline) and a muted subtitle."""
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = TITLE_BOX.place()
    shape.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    # A long alliance name gets a smaller size, so that it stays on one line.
    size = TITLE_SIZE if len(title) <= 40 else 22
    fill_frame(shape.text_frame, [Line(clip(title, NAME_CHARS), size, bold=True)])
    if subtitle:
        text_box(slide, SUBTITLE_BOX, [Line(clip(subtitle, 100), BODY, colour=MUTED)])
    return slide


def write_cell(cell: _Cell, text: str, bold: bool = False, size: int = SMALL, colour: RGBColor = INK) -> None:
    """One table cell of plain text in the deck's font (a bold cell is a header: white on the fill)."""
    cell.margin_top = cell.margin_bottom = Inches(0.03)
    shown = WHITE if bold else colour
    fill_frame(cell.text_frame, [Line(text, size, bold=bold, colour=shown)])


def native_table(
    slide: Slide,
    box: Box,
    columns: Sequence[tuple[str, float, int]],
    rows: Sequence[Sequence[tuple[str, RGBColor]]],
    size: int,
) -> None:
    """A native table: a header row, then each row's cells (text, colour), each cut to its column's
    characters so that a row keeps its height."""
    shape = slide.shapes.add_table(len(rows) + 1, len(columns), *box.place())
    table = shape.table
    height = Inches(box.height / (len(rows) + 1))
    for r in range(len(rows) + 1):
        table.rows[r].height = height
    for c, (header, width, _) in enumerate(columns):
        table.columns[c].width = Inches(width)
        write_cell(table.cell(0, c), header, bold=True, size=size)
    for r, row in enumerate(rows, start=1):
        for c, ((text, colour), (_, _, chars)) in enumerate(zip(row, columns, strict=True)):
            write_cell(table.cell(r, c), clip(text, chars), size=size, colour=colour)
