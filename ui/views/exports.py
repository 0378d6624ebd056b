"""The files a page offers: the summary workbook, the alliance CSV, the HTML report, the review deck
and the blank ledger template, each built only when its button is clicked."""

from __future__ import annotations

from pathlib import PurePath

import streamlit as st

from core.output.deck import deck
from core.output.export import alliance_csv, summary_workbook
from core.output.html_report import html_report
from core.report import Report
from ui import links, review_panel
from ui.loading import TEMPLATE_PATH

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def template_download(key: str = "template_download") -> None:
    """The blank ledger template, read from disk only when the button is clicked."""
    st.download_button(
        "Blank ledger template (.xlsx)",
        TEMPLATE_PATH.read_bytes,
        file_name=TEMPLATE_PATH.name,
        mime=XLSX_MIME,
        key=key,
        icon=":material/description:",
        on_click="ignore",
    )


def downloads(report: Report) -> None:
    """Summary workbook, alliance CSV, the HTML report, the review deck and the blank template."""
    stem = PurePath(report.ledger.source.filename).stem
    # session.report() has written this view's settings to the address bar, so the link is current.
    link = links.share_url()
    past = review_panel.history_source(report)
    kept = review_panel.saved_actions(report)
    # Callables run only when their button is clicked, so reruns do not rebuild the files.
    files = [
        (
            "Summary workbook (.xlsx)",
            lambda: summary_workbook(report, link=link, history=past(), actions=kept),
            "summary.xlsx",
            XLSX_MIME,
            "download",
            None,
        ),
        ("Alliance table (.csv)", lambda: alliance_csv(report), "alliances.csv", "text/csv", "table", None),
        (
            "Report for sharing (.html)",
            lambda: html_report(report, actions=kept),
            "report.html",
            "text/html",
            "share",
            "One file with the figures, tables and interactive charts; opens in any browser, offline.",
        ),
        (
            "Review deck (.pptx)",
            lambda: deck(report, link, actions=kept),
            "review.pptx",
            PPTX_MIME,
            "slideshow",
            "PowerPoint slides with editable charts: portfolio, one slide per alliance, before/after, "
            "decisions, risks and health, the action plan, data issues. Figures equal the workbook's.",
        ),
    ]
    # A row of buttons as wide as their labels, wrapping to a second row when the page is narrow:
    # five equal columns cut the labels ('Report for shar…', #32.14).
    row = st.container(horizontal=True, wrap=True)
    for label, build, suffix, mime, icon, help_text in files:
        row.download_button(
            label,
            build,
            file_name=f"{stem}-{suffix}",
            mime=mime,
            key=f"{suffix}_download",
            icon=f":material/{icon}:",
            help=help_text,
            type="primary" if suffix.endswith(".xlsx") else "secondary",
            # A click that reruns the page would revoke the other buttons' files while the browser
            # still holds them ("Deferred file … not found"); nothing on the page depends on it.
            on_click="ignore",
        )
    with row:
        template_download()
