"""The source banner above every page: which ledger is in view, that a sample is a sample, what
reading it found, and what to do when a link waits for its file or the headers need mapping."""

from __future__ import annotations

import streamlit as st

from core.reading.files import CombinedFiles
from core.reading.issues import commonest_reasons
from core.report import Report
from ui import links, review_panel, reviews, session, sidebar
from ui.kind_table import kind_values_table
from ui.loading import MAPPING_KEY, Loaded, combined_files
from ui.mapping import column_mapping
from ui.text import plain, plain_lines
from ui.views.exports import template_download
from ui.views.overview import data_issues


def source_banner(loaded: Loaded | None, report: Report | None, upload: bool = False) -> Report | None:
    """Say which ledger is in view, that a sample is a sample, and what reading it found; with
    `upload`, offer the upload on the page too (a phone folds the sidebar away).

    Returns the report when it has entries in view, for the page to show; None when there is nothing
    to show (no ledger, a file to map or fix, or no entry in view: said here, the rows listed)."""
    for notice in links.notices():
        st.warning("This link's settings: " + notice, icon=":material/link:")
    if _waits_for_file(loaded):
        return None
    if loaded is None:
        return None
    if loaded.error:
        # Headers the reader does not know: a guessed mapping to confirm, or one to make by hand.
        guessed = column_mapping(loaded) if loaded.previews else False
        if not loaded.previews:
            st.error(plain_lines(loaded.error), icon=":material/error:")
        if not guessed:
            st.info(
                "The app is still ready: fix the file and upload it again, or remove it in the "
                "sidebar to go back to the sample ledger. The blank template below shows the "
                "headers it looks for.",
                icon=":material/info:",
            )
            template_download()
        return None
    if report is None:
        return None
    return _ledger_in_view(loaded, report, upload)


def _ledger_in_view(loaded: Loaded, report: Report, upload: bool) -> Report | None:
    """The banner of a ledger read: notices, the sample's label, the upload, what reading found."""
    for notice in session.settings_notices():
        st.sidebar.warning(notice)
    message = reviews.said()
    if message:
        st.success(plain(message), icon=":material/check_circle:")
    failed = reviews.failure()
    if failed:
        st.error(plain(failed), icon=":material/error:")
    found = reviews.opened()
    if found is not None:
        review_panel.banner(found, report)
    if loaded.is_sample:
        where = "here or in the sidebar" if upload else "on the Overview or in the sidebar"
        st.info(
            f"**Sample ledger** (made-up alliances): upload your own workbook {where} to see your numbers.",
            icon=":material/science:",
        )
    if upload:
        # On a phone the sidebar is folded away: the upload is on the page too, one tap away.
        with st.popover(
            "Upload your workbook" if loaded.is_sample else "Upload another workbook",
            icon=":material/upload_file:",
            type="primary" if loaded.is_sample else "secondary",
        ):
            sidebar.upload_box(key="main_upload")
    _combined_notice()
    if loaded.mapped:
        _mapping_caption(report)
    empty = _no_entries(report)
    source = report.ledger.source
    st.caption(
        f"{plain(source.filename)} · sheet '{plain(source.sheet_label)}', header on row {source.header_row}"
        f" · {source.rows_read:,} rows read in {loaded.seconds:.2f} s · {len(report.ledger.entries):,} "
        f"entries used · {report.rows_left_out:,} rows left out"
        + (f" · {report.ledger.blank_rows:,} blank rows skipped" if report.ledger.blank_rows else "")
        + f" · fingerprint {loaded.fingerprint}"
    )
    kind_values_table(loaded)
    if empty:
        data_issues(report)
        return None
    return report


def _combined_notice() -> None:
    """Which files were combined into the ledger in view, and which were not read (with why)."""
    combined = combined_files()
    if not isinstance(combined, CombinedFiles) or reviews.opened() is not None:
        return
    st.info(plain(combined.notice()), icon=":material/merge:")
    for refusal in combined.refusals():
        st.warning(plain(refusal), icon=":material/warning:")
    st.download_button(
        "Download the combined ledger",
        data=combined.data,
        file_name=combined.filename,
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        key="combined_download",
        help="One workbook of the files' ledger sheets, a sheet per file: the command reads it as the app.",
    )


def _waits_for_file(loaded: Loaded | None) -> bool:
    """Whether a link made on an uploaded file still waits for it, said with an upload box. Once a
    file is uploaded the link waits no more for it (perhaps for its columns to be mapped)."""
    waiting = links.pending()
    if waiting is None or waiting.wants_sample or (loaded is not None and not loaded.is_sample):
        return False
    _waiting_for_file(waiting)
    return True


def _waiting_for_file(link: links.PendingLink) -> None:
    """A link made on an uploaded file: say which file, and take it right here."""
    fingerprint = f" (fingerprint {link.fingerprint})" if link.fingerprint else ""
    mapping = link.mapping
    mapped = (
        f" The link carries the column mapping it was read with (sheet '{plain(mapping.sheet)}', "
        f"header on row {mapping.header_row}): the file is read with it."
        if mapping is not None
        else ""
    )
    st.warning(
        f"This shared view was made on the file '{plain(link.source)}'{fingerprint}. Files are never "
        "stored or sent in a link, so its numbers cannot be shown without it: upload that file "
        f"here to see the same view with the same settings.{mapped}{_combined_hint(link.source)}",
        icon=":material/link:",
    )
    sidebar.upload_box(key="link_upload")
    if st.button("Look at the sample ledger instead", key="link_drop"):
        links.drop_pending()
        st.rerun()


def _combined_hint(source: str) -> str:
    """For a link made on files combined: upload those files together."""
    if not source.endswith("(combined).xlsx"):
        return ""
    return " It was made on several files combined: upload the same files together."


def _mapping_caption(report: Report) -> None:
    columns = report.ledger.source.columns.items()
    mapping = ", ".join(f"{field} ← '{plain(header)}'" for field, header in columns)
    left, right = st.columns([4, 1])
    left.caption(f"Read with your column mapping: {mapping}.")
    if right.button("Forget the mapping", key="forget_mapping"):
        st.session_state.pop(MAPPING_KEY, None)
        st.rerun()


def _no_entries(report: Report) -> bool:
    """Say why no entry is in view, when none is; whether none is."""
    if not report.entries.empty:
        return False
    if not report.ledger.entries.empty:  # the filters or the dates leave nothing in view
        st.warning(plain(report.empty_view or ""), icon=":material/filter_alt_off:")
        return True
    source = report.ledger.source
    reasons = commonest_reasons(report.ledger.issues, source.ledger_sheets)
    why = (
        f"all {report.rows_left_out:,} rows below it were left out; the commonest reasons: "
        f"{plain(reasons)}. Every row is listed under Data issues."
        if reasons
        else "it has no entries below it."
    )
    st.error(
        f"No usable entries: sheet '{plain(source.sheet_label)}' has its header on row {source.header_row}, "
        f"but {why} "
        "Fix the file and upload it again; the blank template shows the expected headers.",
        icon=":material/error:",
    )
    return True
