"""Decisions: a recommendation per alliance with its reasons, the rules, opportunity cost, scenarios
and the action plan."""

import streamlit as st

from ui import decisions, navigation, session, views

navigation.page_start()
st.title("Decisions")
loaded, report = session.report()
report = views.source_banner(loaded, report)
if report is not None:
    if report.alliances.empty:
        st.info(
            "No alliances in view, so there is nothing to recommend: widen the filters or the dates in the "
            "sidebar.",
            icon=":material/filter_alt_off:",
        )
    else:
        st.subheader("Recommendations")
        decisions.recommendation_table(report)
        decisions.rules_editor()
        decisions.opportunity_cost(report)
        decisions.scenario_editor(report)
        decisions.scenario_result(report)
        decisions.action_plan_editor(report)
    views.downloads(report)
