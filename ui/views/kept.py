"""What a page makes of the report in view, made once per report: a rerun that changes no setting,
or a switch back to a page, reuses the page's figures and grids."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import streamlit as st

from core.report import Report

_KEPT = "_kept_views"
T = TypeVar("T")


def per_report(report: Report, name: Hashable, build: Callable[[Report], T], banded: bool = True) -> T:
    """What `build` makes of the report in view, made once per report: a rerun that changes no
    setting, or a switch back to a page, reuses the page's figures and grids.

    A changed setting makes a new report, which starts afresh; so `name` needs to tell apart only
    what else the built thing depends on (a page's own widgets). What does not depend on the bands
    and decisions (`banded=False`) is kept across a threshold change too: `with_choices` redoes only
    those and keeps the report's entries, the same frame, so the entries stand for the rest.
    """
    owner: object = report if banded else report.entries
    caches: dict[bool, tuple[object, dict[Hashable, Any]]] = st.session_state.setdefault(_KEPT, {})
    cache = caches.get(banded)
    if cache is None or cache[0] is not owner:
        cache = caches[banded] = (owner, {})
    built = cache[1]
    if name not in built:
        built[name] = build(report)
    return built[name]


def grid_of(
    report: Report, name: Hashable, build: Callable[[Report], dict[str, Any]], banded: bool = True
) -> None:
    """A grid (`st.dataframe` of `grid`'s arguments) made once per report (see `per_report`)."""
    st.dataframe(**per_report(report, ("grid", name), build, banded), hide_index=True, width="stretch")
