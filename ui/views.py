"""Pieces of page that several pages show: the source banner, headline metrics, issues, downloads."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

import pandas as pd
import streamlit as st

from core.analysis.adjustments import RULE_WORDS
from core.analysis.report import Report
from core.model import BANDS, PORTFOLIO, UNDEFINED
from core.output import formatting as fmt
from core.output.export import alliance_csv, summary_workbook
from core.output.html_report import html_report
from core.output.tables import (
    categories_display,
    issues_display,
    sensitivity_display,
    time_value_display,
)
from ui import links, review_panel, reviews, session, sidebar
from ui.columns import grid
from ui.loading import TEMPLATE_PATH, Loaded
from ui.mapping import column_mapping
from ui.text import plain, plain_lines

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def money_columns(*names: str) -> dict[str, Any]:
    """Grid column settings that show these columns as money (thousands separators, 2 decimals)."""
    return {name: st.column_config.NumberColumn(format="accounting") for name in names}


def source_banner(loaded: Loaded | None, report: Report | None) -> None:
    """Say which ledger is in view, that a sample is a sample, and what reading it found."""
    for notice in links.notices():
        st.warning("This link's settings: " + notice, icon="🔗")
    waiting = links.pending()
    if waiting is not None and not waiting.wants_sample:
        _waiting_for_file(waiting)
        return
    if loaded is None:
        return
    if loaded.error:
        st.error(plain_lines(loaded.error), icon="⚠️")
        if loaded.previews:
            column_mapping(loaded)
        st.info(
            "The app is still ready: fix the file and upload it again, or remove it in the "
            "sidebar to go back to the sample ledger. The blank template below shows the "
            "headers it looks for."
        )
        template_download()
        return
    if report is None:
        return
    for notice in session.settings_notices():
        st.sidebar.warning(notice)
    message = reviews.said()
    if message:
        st.success(plain(message), icon="✅")
    found = reviews.opened()
    if found is not None:
        review_panel.banner(found, report)
    if loaded.is_sample:
        st.info(
            "**Sample ledger** (made-up alliances): upload your own workbook in the sidebar "
            "to see your numbers.",
            icon="🧪",
        )
    if loaded.mapped:
        _mapping_caption(report)
    _no_entries(report)
    source = report.ledger.source
    st.caption(
        f"{plain(source.filename)} · sheet '{plain(source.sheet)}', header on row {source.header_row} · "
        f"{source.rows_read:,} rows read in {loaded.seconds:.2f} s · {len(report.ledger.entries):,} "
        f"entries used · {report.rows_left_out:,} rows left out"
        + (f" · {report.ledger.blank_rows:,} blank rows skipped" if report.ledger.blank_rows else "")
        + f" · fingerprint {loaded.fingerprint}"
    )


def _waiting_for_file(link: links.PendingLink) -> None:
    """A link made on an uploaded file: say which file, and take it right here."""
    fingerprint = f" (fingerprint {link.fingerprint})" if link.fingerprint else ""
    st.warning(
        f"This shared view was made on the file '{plain(link.source)}'{fingerprint}. Files are never "
        "stored or sent in a link, so its numbers cannot be shown without it: upload that file "
        "here to see the same view with the same settings.",
        icon="🔗",
    )
    sidebar.upload_box(key="link_upload")
    if st.button("Look at the sample ledger instead", key="link_drop"):
        links.drop_pending()
        st.rerun()


def _mapping_caption(report: Report) -> None:
    columns = report.ledger.source.columns.items()
    mapping = ", ".join(f"{field} ← '{plain(header)}'" for field, header in columns)
    left, right = st.columns([4, 1])
    left.caption(f"Read with your column mapping: {mapping}.")
    if right.button("Forget the mapping", key="forget_mapping"):
        st.session_state.pop("column_mapping", None)
        st.rerun()


def _no_entries(report: Report) -> None:
    if not report.entries.empty:
        return
    source = report.ledger.source
    if report.ledger.entries.empty:
        why = f"all {report.rows_left_out:,} rows below it were left out (listed under Data issues)."
    else:
        why = (
            "none of its entries is in view: widen the filters or the dates, or check that the ledger "
            "has alliances besides the shared one."
        )
    st.error(
        f"No usable entries: sheet '{plain(source.sheet)}' has its header on row {source.header_row}, "
        f"but {why} "
        "Fix the file and upload it again; the blank template shows the expected headers.",
        icon="⚠️",
    )


def headline_metrics(report: Report) -> None:
    """Portfolio ROI, revenue, cost, net value, and the count per band."""
    p = report.portfolio
    currency = report.currency
    cols = st.columns(4)
    cols[0].metric(
        "Portfolio ROI",
        fmt.percent(p.roi),
        help="(Σ revenue − Σ cost) / Σ cost over the alliances in view (cost-weighted). "
        + (p.roi_note or f"Plain mean of alliance ROIs: {fmt.percent(p.mean_roi)}."),
    )
    cols[1].metric("Revenue", fmt.short_money(p.revenue, currency))
    cols[2].metric("Cost", fmt.short_money(p.cost, currency))
    cols[3].metric("Net value", fmt.short_money(p.net_value, currency))
    bands = st.columns(4)
    t = report.settings.thresholds
    labels = {
        BANDS[0]: f"Strong (> {t.strong:.0%})",
        BANDS[1]: f"Moderate ({t.moderate:.0%}–{t.strong:.0%})",
        BANDS[2]: f"Weak (< {t.moderate:.0%})",
        UNDEFINED: "ROI n/a (no cost)",
    }
    for col, name in zip(bands, (*BANDS, UNDEFINED), strict=True):
        col.metric(labels[name], p.band_counts[name])


def beyond_simple_roi(report: Report) -> None:
    """Time value, shared-cost allocation and how much ROI depends on allocation and attribution."""
    settings = report.settings
    st.subheader("Beyond simple ROI")
    tv = report.time_value
    if PORTFOLIO in tv.index:
        p = tv.loc[PORTFOLIO]
        cols = st.columns(5)
        cols[0].metric(
            "Annualised ROI",
            fmt.percent(p["annualised_roi"]) if pd.notna(p["annualised_roi"]) else "n/a",
            help=p["annualised_note"]
            or f"(1 + ROI)^(1/years) − 1 over the {p['years']:.1f} years of data in view",
        )
        cols[1].metric(
            "Payback month",
            p["payback"].strftime("%b %Y") if isinstance(p["payback"], pd.Period) else "not yet",
            help="The month from which cumulative net value stays above zero to the end of the data",
        )
        # Five tiles leave no room for a currency code in the value: it goes in the help text.
        in_currency = f" In {report.currency}." if report.currency else ""
        cols[2].metric(
            f"NPV at {settings.time.discount_rate:.0%}",
            fmt.short_money(p["npv"]),
            help="Monthly net values discounted at the annual rate, end of month." + in_currency,
        )
        # A note such as "n/m (above 10,000 % a year)" stands in for a figure that means nothing.
        irr_shown = fmt.percent(p["irr"]) if pd.notna(p["irr"]) else p["irr_note"].split(" (")[0]
        cols[3].metric("IRR (annual)", irr_shown, help=p["irr_note"] or None)
        cols[4].metric(
            f"Value over {settings.time.hurdle_rate:.0%} hurdle",
            fmt.short_money(p["hurdle_value"]),
            help="Net value − hurdle rate × cost." + in_currency,
        )
    with st.expander("Time value by alliance"):
        st.dataframe(**grid(time_value_display(report)), hide_index=True, width="stretch")
    if len(report.allocation):
        st.caption(
            f"Costs booked to '{plain(settings.shared_name)}' are split {RULE_WORDS[report.shared_rule]}: "
            + ", ".join(
                f"{plain(a)} {fmt.money(c)}"
                for a, c in zip(
                    report.allocation["alliance"], report.allocation["allocated_cost"], strict=True
                )
            )
        )
    if len(report.categories):
        with st.expander("Revenue and cost by category"):
            st.dataframe(**grid(categories_display(report)), hide_index=True, width="stretch")
    if len(report.sensitivity.columns):
        with st.expander("Sensitivity: how much each ROI depends on allocation and attribution"):
            st.dataframe(**grid(sensitivity_display(report)), hide_index=True, width="stretch")


def data_issues(report: Report) -> None:
    """Every row left out, with sheet, row, column, value and reason, and the reading notes."""
    issues = report.issues
    label = f"Data issues: {len(issues):,} found" if len(issues) else "Data issues: none found"
    with st.expander(label, expanded=False):
        for note in report.ledger.notes:
            st.info(plain(note))
        if len(issues):
            st.dataframe(**grid(issues_display(issues)), hide_index=True, width="stretch")
        else:
            st.write("Every row below the header was used.")


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
    """Summary workbook, alliance CSV, the HTML report and the blank template."""
    stem = PurePath(report.ledger.source.filename).stem
    # session.report() has written this view's settings to the address bar, so the link is current.
    link = links.share_url()
    past = review_panel.history_table(report)
    # Callables run only when their button is clicked, so reruns do not rebuild the files.
    files = [
        (
            "Summary workbook (.xlsx)",
            lambda: summary_workbook(report, link=link, history=past),
            "summary.xlsx",
            XLSX_MIME,
            "download",
            None,
        ),
        ("Alliance table (.csv)", lambda: alliance_csv(report), "alliances.csv", "text/csv", "table", None),
        (
            "Report for sharing (.html)",
            lambda: html_report(report),
            "report.html",
            "text/html",
            "share",
            "One file with the figures, tables and interactive charts; opens in any browser, offline.",
        ),
    ]
    cols = st.columns(len(files) + 1)
    for col, (label, build, suffix, mime, icon, help_text) in zip(cols, files, strict=False):
        col.download_button(
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
    with cols[3]:
        template_download()
