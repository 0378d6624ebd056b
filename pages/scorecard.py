"""Scorecard: shared goals against targets, red flags per alliance, relationship health and risks,
ROI by partnership type."""

import streamlit as st

from core import formatting as fmt
from core.analysis.scorecard import status_counts
from core.model import STATUSES
from core.output.charts import goal_progress
from core.output.tables import goals_display, status_style, type_display
from ui import decisions, fields, navigation, session, views
from ui.text import plain

navigation.page_start()
st.title("Scorecard")
loaded, report = session.report()
report = views.source_banner(loaded, report)
if report is not None:
    st.date_input(format="YYYY-MM-DD", **fields.widget("asof"))
    if report.goals.empty:
        st.info(
            "This workbook has no Goals sheet, so there is nothing to score yet. Add a sheet named **Goals** "
            "with the columns Alliance, Metric, Target, Actual, Unit, Start date, Due date, Owner and "
            "(for lower-is-better metrics) Direction = lower. The blank template has it.",
            icon=":material/flag:",
        )
        views.template_download(key="goals_template_download")
    else:
        counts = status_counts(report.goals)
        with views.tiles(len(STATUSES)):
            for status in STATUSES:
                st.metric(f"{fmt.STATUS_ICONS[status]} {status}", counts[status])
        views.chart(goal_progress(report.goals))
        st.dataframe(
            **views.grid(
                status_style(goals_display(report)), bars=("progress",), lead=("status", "progress", "metric")
            ),
            hide_index=True,
            width="stretch",
        )
    st.subheader(f"Red flags: {len(report.flags)}")
    if report.flags.empty:
        st.success("No red flags for the alliances in view.")
    elif not views.listed_one_by_one(report.flags):
        views.flags_grid(report, report.flags, "scorecard")
    else:
        for alliance, flags in report.flags.groupby("alliance", sort=True):
            with st.expander(f"**{plain(alliance)}**: {plain(', '.join(flags['flag']))}"):
                for flag, figures in zip(flags["flag"], flags["figures"], strict=True):
                    st.markdown(f"- **{plain(flag)}**: {plain(figures)}")
    decisions.health_and_risks(report)
    st.subheader("ROI by partnership type")
    st.dataframe(**views.grid(type_display(report)), hide_index=True, width="stretch")
    views.downloads(report)
