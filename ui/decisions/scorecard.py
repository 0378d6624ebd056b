"""The Decisions parts the Scorecard shows: relationship health and risks, after the reader's note on
adding a Health or Risks sheet the workbook lacks."""

from __future__ import annotations

import streamlit as st

from core.reading.side_sheets import NO_HEALTH_NOTE, NO_RISKS_NOTE, NO_RISKS_OR_HEALTH_NOTE
from core.report import Report
from ui import views
from ui.decisions.health import health_section
from ui.decisions.risks import risks_section
from ui.text import plain


def how_to_add_note(report: Report) -> str | None:
    """The reader's note on adding a missing Risks or Health sheet, if the workbook lacks one."""
    notes = (NO_RISKS_NOTE, NO_HEALTH_NOTE, NO_RISKS_OR_HEALTH_NOTE)
    return next((note for note in report.ledger.notes if note in notes), None)


def health_and_risks(report: Report) -> None:
    """Relationship health per alliance (both sides, score, gap, widest dimension) and the risks
    (expected loss per risk, risk-adjusted ROI per alliance), each with its red flags."""
    note = how_to_add_note(report)
    if note:
        st.info(plain(note), icon=":material/info:")
        views.template_download(key="decision_template_download")
    # A section shows when the workbook has its sheet (or, for risks, a flag to list): the note
    # above already says how to add them, so no heading stands over nothing.
    health_section(report)
    risks_section(report)
