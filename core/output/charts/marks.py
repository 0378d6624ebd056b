"""How the charts tell series apart without colour: a marker shape or bar pattern per band, quartile
and goal status, an icon in the legend, and a dash and marker per trend line."""

from __future__ import annotations

from core import formatting as fmt
from core.model import Band, GoalStatus, Quartile
from core.palette import THRESHOLD_COLOUR

BAND_ICONS = fmt.BAND_ICONS
BAND_SYMBOLS: dict[str, str] = {
    Band.STRONG: "triangle-up",
    Band.MODERATE: "diamond",
    Band.WEAK: "triangle-down",
    Band.UNDEFINED: "circle-open",
}
# Bars have no marker shape, so the bands below Strong are also hatched.
BAND_PATTERNS: dict[str, str] = {Band.STRONG: "", Band.MODERATE: ".", Band.WEAK: "/", Band.UNDEFINED: "x"}
QUARTILE_SYMBOLS: dict[str, str] = {
    Quartile.TOP: "triangle-up",
    Quartile.SECOND: "circle",
    Quartile.THIRD: "square",
    Quartile.BOTTOM: "triangle-down",
}
QUARTILE_ICONS = fmt.QUARTILE_ICONS
STATUS_ICONS = fmt.STATUS_ICONS
STATUS_PATTERNS: dict[str, str] = {
    GoalStatus.ACHIEVED: "",
    GoalStatus.ON_TRACK: "",
    GoalStatus.AT_RISK: ".",
    GoalStatus.OFF_TRACK: "/",
    GoalStatus.UNKNOWN: "x",
}
CUT_COLOUR = THRESHOLD_COLOUR
# Trend lines differ in colour, dash and marker, so that two are never told apart by colour alone.
LINE_DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]
LINE_SYMBOLS = ["circle", "square", "diamond", "triangle-up", "triangle-down", "x", "cross", "star"]
