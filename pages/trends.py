"""Trends: ROI by quarter, the review cadence, per alliance and for the portfolio."""

import streamlit as st

from core.model import PORTFOLIO
from core.output.charts import quarterly_lines
from core.output.tables import quarterly_display
from ui import navigation, session, views

navigation.page_start()
st.title("Quarterly trends")
loaded, report = session.report()
report = views.source_banner(loaded, report)
if report is not None:
    names = [PORTFOLIO, *sorted(report.alliances.index)]
    chosen = st.multiselect("Lines", names, default=names[:4], key="trend_lines")
    trailing = st.toggle(
        "Trailing four quarters",
        key="trend_ttm",
        help="ROI of the last four quarters' revenue and cost: smooths seasonal swings.",
    )
    views.chart_of(
        report,
        ("quarterly_lines", tuple(chosen), trailing),
        lambda r: quarterly_lines(r.quarterly, chosen, r.settings.thresholds, trailing),
    )
    detail = st.selectbox("Quarters of", names, key="trend_detail")
    views.grid_of(report, ("quarters", detail), lambda r: views.grid(quarterly_display(r, detail)))
