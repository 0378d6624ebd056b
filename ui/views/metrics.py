"""Metric tiles that wrap on a phone, and the one money scale of a page's amounts."""

from __future__ import annotations

from typing import Any

import streamlit as st

from core import formatting as fmt
from core.report import Report

# Metric tiles: four a row on a wide screen, two a row on a phone (390 px less the page's padding).
TILE_MIN_PX = 150


def tiles(count: int) -> Any:
    """A grid for `count` metric tiles that wraps to two a row on a phone."""
    return st.grid(count, min_column_width=TILE_MIN_PX, gap="small")


def money_scale(report: Report) -> fmt.Scale:
    """The one scale of the page's amounts: that of the largest of revenue, cost and net value."""
    p = report.portfolio
    return fmt.money_scale(p.revenue, p.cost, p.net_value)
