"""How the charts tell series apart without colour: a marker shape or bar pattern per band, quartile
and goal status, an icon in the legend, and a dash and marker per trend line."""

from __future__ import annotations

from core import formatting as fmt
from core.model import (
    ACHIEVED,
    AT_RISK,
    BOTTOM,
    MODERATE,
    OFF_TRACK,
    ON_TRACK,
    SECOND,
    STRONG,
    THIRD,
    TOP,
    UNDEFINED,
    UNKNOWN,
    WEAK,
)
from core.palette import THRESHOLD_COLOUR

BAND_ICONS = fmt.BAND_ICONS
BAND_SYMBOLS: dict[str, str] = {
    STRONG: "triangle-up",
    MODERATE: "diamond",
    WEAK: "triangle-down",
    UNDEFINED: "circle-open",
}
# Bars have no marker shape, so the bands below Strong are also hatched.
BAND_PATTERNS: dict[str, str] = {STRONG: "", MODERATE: ".", WEAK: "/", UNDEFINED: "x"}
QUARTILE_SYMBOLS: dict[str, str] = {
    TOP: "triangle-up",
    SECOND: "circle",
    THIRD: "square",
    BOTTOM: "triangle-down",
}
QUARTILE_ICONS = fmt.QUARTILE_ICONS
STATUS_ICONS = fmt.STATUS_ICONS
STATUS_PATTERNS: dict[str, str] = {ACHIEVED: "", ON_TRACK: "", AT_RISK: ".", OFF_TRACK: "/", UNKNOWN: "x"}
CUT_COLOUR = THRESHOLD_COLOUR
# Trend lines differ in colour, dash and marker, so that two are never told apart by colour alone.
LINE_DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]
LINE_SYMBOLS = ["circle", "square", "diamond", "triangle-up", "triangle-down", "x", "cross", "star"]
