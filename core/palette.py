"""The product's colours and fonts, read by the charts, the deck, the workbook, the HTML report and
the app's grids: a band is the same green wherever it is shown.

Colours are `#RRGGBB` strings; each writer turns one into its own form (`rgb` for the deck, a tint
for a grid's pale fill). Band, quartile, status and recommendation colours come from Okabe and Ito's
palette, told apart with any colour vision, and every chart also gives them a shape or a hatch.
"""

from __future__ import annotations

from core.model import ActionStatus, Band, GoalStatus, Quartile, Recommendation

# Okabe & Ito's palette. Yellow is left out: it vanishes on white.
ORANGE, SKY_BLUE, GREEN, BLUE = "#E69F00", "#56B4E9", "#009E73", "#0072B2"
VERMILLION, PURPLE, GREY = "#D55E00", "#CC79A7", "#999999"
BLACK, WHITE = "#000000", "#FFFFFF"

BAND_COLOURS: dict[str, str] = {
    Band.STRONG: GREEN,
    Band.MODERATE: ORANGE,
    Band.WEAK: VERMILLION,
    Band.UNDEFINED: GREY,
}
QUARTILE_COLOURS: dict[str, str] = {
    Quartile.TOP: GREEN,
    Quartile.SECOND: SKY_BLUE,
    Quartile.THIRD: ORANGE,
    Quartile.BOTTOM: VERMILLION,
}
STATUS_COLOURS: dict[str, str] = {
    GoalStatus.ACHIEVED: GREEN,
    GoalStatus.ON_TRACK: BLUE,
    GoalStatus.AT_RISK: ORANGE,
    GoalStatus.OFF_TRACK: VERMILLION,
    GoalStatus.UNKNOWN: GREY,
}
RECOMMENDATION_COLOURS: dict[str, str] = {
    Recommendation.INVEST: GREEN,
    Recommendation.MAINTAIN: BLUE,
    Recommendation.FIX: ORANGE,
    Recommendation.EXIT: VERMILLION,
}
# As text on a table's pale rows the Fix orange is too faint: a darker amber of the same hue.
RECOMMENDATION_TEXT: dict[str, str] = {Recommendation.FIX: "#9A6B00"}

# A mid grey keeps at least 3:1 contrast on Streamlit's white and on its near-black background.
THRESHOLD_COLOUR = "#8a8a8a"
BENCHMARK_COLOURS = [BLUE, PURPLE, SKY_BLUE, ORANGE, GREEN]
PORTFOLIO_COLOUR = VERMILLION
# Trend lines on screen differ in colour, dash and marker, so six colours go round.
LINE_COLOURS = [BLUE, GREEN, PURPLE, ORANGE, SKY_BLUE, GREY]
EQUAL_ROI_COLOURS = [GREY, ORANGE, GREEN, BLUE]
# Printed, lines lose their hover: each gets a colour of its own, Okabe and Ito's first, then darker
# and lighter tones.
DISTINCT_LINE_COLOURS = [
    BLUE,
    ORANGE,
    GREEN,
    PURPLE,
    SKY_BLUE,
    VERMILLION,
    BLACK,
    "#8C510A",
    "#1B7837",
    "#762A83",
    "#B2182B",
    "#2166AC",
    "#DFC27D",
    "#5AAE61",
    "#9970AB",
    "#F4A582",
    "#80CDC1",
    "#4D4D4D",
]
# Many lines on one screen chart (the history's, an alliance a line): a colour each for the first
# sixteen, the printed palette without its black and dark grey (lost on a dark page) (#32.14).
MANY_LINE_COLOURS = [c for c in DISTINCT_LINE_COLOURS if c not in (BLACK, "#4D4D4D")]


def many_line_colour(i: int) -> str:
    """The colour of the `i`-th of many lines: no two of the first sixteen alike."""
    return MANY_LINE_COLOURS[i % len(MANY_LINE_COLOURS)]


# Grid lines and borders in a translucent grey, which reads on a light and on a dark page alike.
FAINT_GREY = "rgba(128,128,128,0.2)"
MID_GREY = "rgba(128,128,128,0.5)"
TRANSPARENT = "rgba(0,0,0,0)"
LABEL_BACKGROUND = "rgba(255,255,255,0.85)"

# Text and surfaces of the documents (HTML report and deck): ink, muted notes, rules, an accent;
# the page and its ink when printed; and the dark page a reader's dark mode gets.
INK = "#1f2937"
MUTED = "#6b7280"
RULE = "#e5e7eb"
BORDER = "#d1d5db"
HEADER_BACKGROUND = "#f3f4f6"
ACCENT = "#7c3aed"
PALE_GREY = "#9ca3af"
PAGE, PRINT_INK = "#fff", "#000"
DARK_INK, DARK_PAGE, DARK_HEADER = "#e5e7eb", "#111827", "#1f2937"

# Cell fill and font colour of each band, goal status, recommendation and action status in the
# workbook (Excel's Good, Neutral and Bad styles), and the header row's fill.
HEADER_FILL = "#DDEBF7"
GOOD, NEUTRAL, BAD = ("#C6EFCE", "#006100"), ("#FFEB9C", "#9C5700"), ("#FFC7CE", "#9C0006")
PALE_GOOD = ("#E2EFDA", "#375623")
CELL_FILLS: dict[str, tuple[str, str]] = {
    Band.STRONG: GOOD,
    Band.MODERATE: NEUTRAL,
    Band.WEAK: BAD,
    GoalStatus.ACHIEVED: GOOD,
    GoalStatus.ON_TRACK: PALE_GOOD,
    GoalStatus.AT_RISK: NEUTRAL,
    GoalStatus.OFF_TRACK: BAD,
}
RECOMMENDATION_FILLS: dict[str, tuple[str, str]] = {
    Recommendation.INVEST: GOOD,
    Recommendation.MAINTAIN: PALE_GOOD,
    Recommendation.FIX: NEUTRAL,
    Recommendation.EXIT: BAD,
}
ACTION_FILLS: dict[str, tuple[str, str]] = {
    ActionStatus.DONE: GOOD,
    ActionStatus.OPEN: NEUTRAL,
    ActionStatus.OVERDUE: BAD,
}

# Fonts. The deck: Arial, on every PowerPoint, and LibreOffice draws it with the metric-compatible
# Liberation Sans, so what fits here fits there. The HTML report: the reader's own system font.
DECK_FONT = "Arial"
PAGE_FONT = "system-ui, sans-serif"


def rgb(colour: str) -> tuple[int, int, int]:
    """'#009E73' -> (0, 158, 115); '#fff' -> (255, 255, 255)."""
    digits = colour[1:] if len(colour) == 7 else "".join(2 * d for d in colour[1:])
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def tint(colour: str, alpha: float) -> str:
    """'#009E73' at 0.28 -> 'rgba(0, 158, 115, 0.28)'."""
    red, green, blue = rgb(colour)
    return f"rgba({red}, {green}, {blue}, {alpha})"
