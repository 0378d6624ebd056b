"""Relationship health, on the Scorecard: per alliance both sides' scores, the health score, the gap
and the widest dimension, then the scores per dimension and the health red flags."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.analysis.health import HEALTH_GAP, HEALTH_LOW
from core.output.decision_sheets import health_detail_display, health_display
from core.report import Report
from ui import views
from ui.decisions.shared import flags_of
from ui.text import plain


def one_sided_note(scored: pd.DataFrame) -> str | None:
    """Which scored alliances have one side's scores only (plain text), or None when all have both."""
    us, partner = scored["us"].isna(), scored["partner"].isna()
    alone = scored.index[us | partner]
    if not len(alone):
        return None
    said = [f"{name} (the {'partner' if partner[name] else 'our'} side is missing)" for name in alone]
    return (
        f"Scored by one side only: {', '.join(said)}. The health score there is that side's view alone, "
        "not the relationship's; the gap cannot be measured. Add the other side's rows to the Health sheet."
    )


def _one_sided(scored: pd.DataFrame) -> None:
    note = one_sided_note(scored)
    if note:
        st.warning(plain(note), icon=":material/balance:")


def health_section(report: Report) -> None:
    """Relationship health per alliance, when the workbook has a Health sheet, with its red flags."""
    if report.ledger.health_sheet is None:
        return
    st.subheader("Relationship health")
    scored = report.health[report.health["scored"].astype(bool)] if len(report.health) else report.health
    if scored.empty:
        st.info("No alliance in view has scores on the Health sheet.", icon=":material/info:")
        return
    st.dataframe(**views.grid(health_display(report)), hide_index=True, width="stretch")
    _one_sided(scored)
    with st.expander("Scores per dimension"):
        st.dataframe(**views.grid(health_detail_display(report)), hide_index=True, width="stretch")
    flags_of(report, (HEALTH_LOW, HEALTH_GAP))
