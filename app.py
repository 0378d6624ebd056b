"""Alliance ROI: the entry script (navigation and shared sidebar) and the overview page."""

from __future__ import annotations

import streamlit as st

from core.output.charts import roi_by_alliance
from core.output.tables import alliance_display
from ui import auth, session, views

st.set_page_config(page_title="Alliance ROI", page_icon="🤝", layout="wide")
auth.require_password()


def overview() -> None:
    """Which alliances pay back: headline figures, the alliance table, the ROI chart, the issues."""
    st.title("Alliance ROI")
    loaded, report = session.report()
    views.source_banner(loaded, report)
    if report is None:
        return
    views.headline_metrics(report)
    st.subheader("Alliances")
    st.dataframe(
        alliance_display(report),
        hide_index=True,
        width="stretch",
        column_config=views.money_columns("Revenue", "Cost", "Net value"),
    )
    st.plotly_chart(
        roi_by_alliance(report.alliances, report.settings.thresholds, report.benchmarks),
        width="stretch",
    )
    views.beyond_simple_roi(report)
    views.data_issues(report)
    st.subheader("Downloads")
    views.downloads(report)


PAGES = [
    st.Page(overview, title="Overview", icon=":material/monitoring:", default=True),
    st.Page("pages/before_after.py", title="Before / after", icon=":material/compare_arrows:"),
    st.Page("pages/quartiles.py", title="Quartiles and benchmarks", icon=":material/leaderboard:"),
    st.Page("pages/trends.py", title="Quarterly trends", icon=":material/timeline:"),
    st.Page("pages/scorecard.py", title="Scorecard", icon=":material/flag:"),
]

navigation = st.navigation(PAGES)
session.sidebar()
navigation.run()
