"""Risks, on the Scorecard: the expected loss of every risk, then each alliance's risk-adjusted ROI,
and the red flags of risks without an owner or mitigation and of alliances without exit conditions."""

from __future__ import annotations

import streamlit as st

from core import formatting as fmt
from core.analysis.risks import NO_EXIT_CONDITIONS, RISK_NO_MITIGATION, RISK_NO_OWNER
from core.output.decision_sheets import risk_summary_display, risks_display
from core.report import Report
from ui import views
from ui.decisions.shared import flags_of

RISK_FLAGS = (RISK_NO_OWNER, RISK_NO_MITIGATION, NO_EXIT_CONDITIONS)


def risks_section(report: Report) -> None:
    """The risks and their expected loss, when the workbook has a Risks sheet, and the risk red flags
    (under the heading even without the sheet: an alliance may lack exit conditions)."""
    if report.ledger.risks_sheet is not None or report.flags["flag"].isin(RISK_FLAGS).any():
        st.subheader("Risks")
    if report.ledger.risks_sheet is not None:
        if report.risks.empty:
            st.info("No risks are listed for the alliances in view.", icon=":material/info:")
        else:
            total = float(report.risks["expected_loss"].sum())
            st.metric(
                "Expected loss",
                fmt.scaled_money(total, views.money_scale(report), report.currency),
                help="Σ probability × impact in money over the risks of the alliances in view",
            )
            st.dataframe(**views.grid(risks_display(report)), hide_index=True, width="stretch")
            st.markdown("**Risk-adjusted ROI per alliance**")
            st.dataframe(**views.grid(risk_summary_display(report)), hide_index=True, width="stretch")
    flags_of(report, RISK_FLAGS)
