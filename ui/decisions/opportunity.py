"""Opportunity cost: the hurdle rate (the sidebar's, or a named next-best use's own) and each
alliance's and the portfolio's value over it, the figure the Overview shows."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import formatting as fmt
from core.model import PORTFOLIO
from core.output import columns as cols
from core.output.columns import display_frame
from core.report import Report
from ui import fields, views
from ui.decisions.shared import points_grid, whole_height
from ui.text import plain


def opportunity_rows(report: Report) -> pd.DataFrame:
    """Per alliance and the Portfolio: cost, net value, opportunity cost and value over the alternative."""
    p = report.portfolio
    money = pd.concat(
        [
            report.alliances[["cost", "net_value"]].astype(float),
            pd.DataFrame({"cost": [p.cost], "net_value": [p.net_value]}, index=[PORTFOLIO]),
        ]
    )
    rows = report.opportunity.join(money)
    # The Portfolio first: a long table scrolls, and the total is what a reader looks for.
    first = rows.index == PORTFOLIO
    return pd.concat([rows[first], rows[~first]]).reset_index(names="alliance")


def opportunity_cost(report: Report) -> None:
    """The alternative (rate and name, default the hurdle rate) and each alliance's margin over it."""
    st.subheader("Opportunity cost")
    rate, name = report.settings.alternative()
    hurdle = report.settings.time.hurdle_rate
    left, right = st.columns(2)
    fields.number("alt", left, value=None, placeholder=f"the sidebar's, {hurdle * 100:g} %")
    right.text_input(max_chars=80, placeholder="e.g. direct sales campaigns", **fields.widget("altname"))
    table = report.opportunity
    if PORTFOLIO in table.index:
        total = table.loc[PORTFOLIO]
        scale = views.money_scale(report)
        with views.tiles(2):
            st.metric(
                f"Portfolio value over {rate:.1%} hurdle rate",
                fmt.scaled_money(total["value_over_alternative"], scale, report.currency),
                help=cols.HURDLE.help,
            )
            points = total["points_over_alternative"]
            st.metric(
                "Portfolio value over hurdle, in points",
                "n/a" if pd.isna(points) else f"{points:+.1f} pts",
                help=cols.POINTS_OVER_ALTERNATIVE.help,
            )
    st.caption(
        f"Hurdle rate: {rate:.1%} a year, the return of {plain(name)}. The Overview's value over the "
        "hurdle rate is the same figure."
    )
    shown = display_frame(opportunity_rows(report), cols.OPPORTUNITY)
    st.dataframe(
        **points_grid(shown, [cols.POINTS_OVER_ALTERNATIVE.header]),
        hide_index=True,
        width="stretch",
        height=whole_height(len(shown)),
    )
