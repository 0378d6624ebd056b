"""Setting widgets from the settings' field table: each widget's key, label, help, limits and step
come from `core.settings.FIELDS`, the table that links and command flags read too, so a widget
cannot disagree with a link or a flag about a setting's name or range."""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.settings import BY_PARAM


def key(param: str) -> str:
    """The session-state key of a setting's widget (`param` is its name in a link)."""
    return BY_PARAM[param].key


def widget(param: str) -> dict[str, Any]:
    """The label, key and help of a setting's widget, for any Streamlit input."""
    field = BY_PARAM[param]
    return {"label": field.label, "key": field.key, "help": field.help or None}


def limits(param: str) -> dict[str, Any]:
    """A number setting's lowest and highest value and its step, as Streamlit's inputs name them."""
    field = BY_PARAM[param]
    return {"min_value": field.low, "max_value": field.high, "step": field.step}


def number(param: str, where: Any = st, **extra: Any) -> None:
    """A number setting's input (in `where`: Streamlit itself, a column or a container)."""
    where.number_input(**widget(param), **limits(param), **extra)
