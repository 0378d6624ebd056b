"""Pieces of page that several pages show: the source banner, headline metrics, issues, downloads."""

from __future__ import annotations

import html
from collections.abc import Callable, Hashable
from pathlib import PurePath
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core import formatting as fmt
from core.analysis.adjustments import RULE_WORDS
from core.analysis.roi import band
from core.model import BANDS, PORTFOLIO, UNDEFINED
from core.output import columns as cols
from core.output.charts import chart_notes, untitled
from core.output.deck import deck
from core.output.export import alliance_csv, summary_workbook
from core.output.html_report import html_report
from core.output.tables import (
    categories_display,
    issues_display,
    sensitivity_display,
    time_value_display,
)
from core.report import Report
from ui import links, review_panel, reviews, session, sidebar
from ui.columns import grid
from ui.loading import TEMPLATE_PATH, Loaded
from ui.mapping import column_mapping
from ui.text import plain, plain_lines

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
# Plotly's toolbar, less the logo and the selection tools a reader of these charts has no use for.
CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
# Metric tiles: four a row on a wide screen, two a row on a phone (390 px less the page's padding).
TILE_MIN_PX = 150
_KEPT = "_kept_views"
T = TypeVar("T")
# A per-alliance chart draws at most this many alliances (the highest and lowest half of them).
CHART_ALLIANCES = 40
# The red flags of at most this many alliances are listed one by one (an expander or a line each);
# past it, one grid has a row per flag: thousands of expanders take seconds to send and draw.
LISTED_ALLIANCES = 30


def per_report(report: Report, name: Hashable, build: Callable[[Report], T], banded: bool = True) -> T:
    """What `build` makes of the report in view, made once per report: a rerun that changes no
    setting, or a switch back to a page, reuses the page's figures and grids.

    A changed setting makes a new report, which starts afresh; so `name` needs to tell apart only
    what else the built thing depends on (a page's own widgets). What does not depend on the bands
    and decisions (`banded=False`) is kept across a threshold change too: `with_choices` redoes only
    those and keeps the report's entries, the same frame, so the entries stand for the rest.
    """
    owner: object = report if banded else report.entries
    caches: dict[bool, tuple[object, dict[Hashable, Any]]] = st.session_state.setdefault(_KEPT, {})
    cache = caches.get(banded)
    if cache is None or cache[0] is not owner:
        cache = caches[banded] = (owner, {})
    built = cache[1]
    if name not in built:
        built[name] = build(report)
    return built[name]


def chart_of(
    report: Report, name: Hashable, build: Callable[[Report], go.Figure], shown: str = "", banded: bool = True
) -> None:
    """`chart` of the figure `build` makes of the report, made once per report (see `per_report`)."""
    chart(
        per_report(report, ("chart", name), lambda r: untitled(build(r), in_place=True), banded), shown=shown
    )


def grid_of(
    report: Report, name: Hashable, build: Callable[[Report], dict[str, Any]], banded: bool = True
) -> None:
    """A grid (`st.dataframe` of `grid`'s arguments) made once per report (see `per_report`)."""
    st.dataframe(**per_report(report, ("grid", name), build, banded), hide_index=True, width="stretch")


def chart(fig: go.Figure | tuple[str, go.Figure], key: str | None = None, shown: str = "") -> None:
    """A figure with its title as text above it (it wraps on a phone, clear of Plotly's toolbar) and
    its notes below (values drawn at the edge, small cost bases), then `shown`: which alliances it
    draws when that is not all of them (see `chart_rows`). A (title, figure) pair is drawn as it is."""
    title, fig = fig if isinstance(fig, tuple) else untitled(fig)
    if title:
        st.markdown(f"**{plain(title)}**")
    st.plotly_chart(fig, width="stretch", config=CHART_CONFIG, key=key)
    for note in chart_notes(fig):
        st.caption(plain(note))
    if shown:
        st.caption(shown)


def chart_rows(table: pd.DataFrame, by: str, what: str = "ROI") -> tuple[pd.DataFrame, str]:
    """The rows a per-alliance chart draws, and a sentence saying which when that is not all of them.

    A chart of thousands of bars is thousands of pixels high and slow to draw in a browser, and no
    one reads it: past CHART_ALLIANCES rows it draws the highest and lowest half of them by `by`;
    the tables below it list every alliance.
    """
    if len(table) <= CHART_ALLIANCES:
        return table, ""
    defined = table[table[by].notna()].sort_values(by, ascending=False, kind="stable")
    undefined = len(table) - len(defined)
    without = f" (not the {undefined:,} without one)" if undefined else ""
    every = "; the table lists every alliance."
    if len(defined) <= CHART_ALLIANCES:
        return (
            defined,
            f"The chart shows the {len(defined):,} alliances with a defined {what}{without}{every}",
        )
    half = CHART_ALLIANCES // 2
    note = (
        f"The chart shows the {half} alliances with the highest {what} and the {half} with the lowest, "
        f"of the {len(defined):,} with a defined {what}{without}{every}"
    )
    return pd.concat([defined.head(half), defined.tail(half)]), note


def listed_one_by_one(flags: pd.DataFrame) -> bool:
    """Whether these red flags are few enough to list one by one (see `flags_grid` for the others)."""
    return flags["alliance"].nunique() <= LISTED_ALLIANCES


def flags_summary(flags: pd.DataFrame) -> str:
    """What a grid of many red flags holds, as plain text: how many flags on how many alliances, and
    how many of each kind, most first ('3 red flags on 2 alliances, a row each in the grid below
    (sort or search it): Negative ROI 2 · No goals defined 1')."""
    counts = flags["flag"].value_counts(sort=False).sort_values(ascending=False, kind="stable")
    alliances = flags["alliance"].nunique()
    return (
        f"{len(flags):,} red flag{'s' if len(flags) != 1 else ''} on {alliances:,} "
        f"alliance{'s' if alliances != 1 else ''}, too many to list one by one: a row each in the grid "
        "below (sort or search it). By flag: " + " · ".join(f"{flag} {n:,}" for flag, n in counts.items())
    )


def flags_grid(report: Report, flags: pd.DataFrame, name: Hashable) -> None:
    """Red flags of more alliances than are listed one by one: a caption of how many of each kind,
    then a grid of every flag (alliance, flag, figures), made once per report under `name`."""
    st.caption(plain(flags_summary(flags)))
    grid_of(report, ("flags", name), lambda _: grid(cols.display_frame(flags, cols.FLAGS)))


def tiles(count: int) -> Any:
    """A grid for `count` metric tiles that wraps to two a row on a phone."""
    return st.grid(count, min_column_width=TILE_MIN_PX, gap="small")


def money_columns(*names: str) -> dict[str, Any]:
    """Grid column settings that show these columns as money (thousands separators, 2 decimals)."""
    return {name: st.column_config.NumberColumn(format="accounting") for name in names}


def source_banner(loaded: Loaded | None, report: Report | None, upload: bool = False) -> None:
    """Say which ledger is in view, that a sample is a sample, and what reading it found; with
    `upload`, offer the upload on the page too (a phone folds the sidebar away)."""
    for notice in links.notices():
        st.warning("This link's settings: " + notice, icon=":material/link:")
    waiting = links.pending()
    if waiting is not None and not waiting.wants_sample:
        _waiting_for_file(waiting)
        return
    if loaded is None:
        return
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
        return
    if report is None:
        return
    for notice in session.settings_notices():
        st.sidebar.warning(notice)
    message = reviews.said()
    if message:
        st.success(plain(message), icon=":material/check_circle:")
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
        icon=":material/link:",
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
        icon=":material/error:",
    )


def money_scale(report: Report) -> fmt.Scale:
    """The one scale of the page's amounts: that of the largest of revenue, cost and net value."""
    p = report.portfolio
    return fmt.money_scale(p.revenue, p.cost, p.net_value)


def headline_metrics(report: Report) -> None:
    """Portfolio ROI with its band, revenue, cost and net value in one scale; the gap to each
    benchmark, the period covered and the currency; then the count per band."""
    p = report.portfolio
    t = report.settings.thresholds
    currency, scale = report.currency, money_scale(report)
    with tiles(4):
        if p.roi is None or pd.isna(p.roi):
            st.metric("Portfolio ROI", "n/a", help=p.roi_note or None)
        else:
            name = band(p.roi, t)
            st.metric(
                "Portfolio ROI",
                fmt.percent(p.roi),
                f"{fmt.BAND_ICONS[name]} {name} band",
                delta_color="off",
                delta_arrow="off",
                help="(Σ revenue − Σ cost) / Σ cost over the alliances in view (cost-weighted). "
                + (p.roi_note or f"Plain mean of alliance ROIs: {fmt.percent(p.mean_roi)}."),
            )
        st.metric("Revenue", fmt.scaled_money(p.revenue, scale, currency))
        st.metric("Cost", fmt.scaled_money(p.cost, scale, currency))
        st.metric("Net value", fmt.scaled_money(p.net_value, scale, currency))
    gaps = benchmark_gaps(report)
    if gaps:
        st.markdown(gaps)
    st.caption(plain(coverage(report)))
    labels = {
        BANDS[0]: f"Strong (> {t.strong:.0%})",
        BANDS[1]: f"Moderate ({t.moderate:.0%}–{t.strong:.0%})",
        BANDS[2]: f"Weak (< {t.moderate:.0%})",
        UNDEFINED: "ROI n/a (no cost)",
    }
    with tiles(4):
        for name in (*BANDS, UNDEFINED):
            st.metric(f"{fmt.BAND_ICONS[name]} {labels[name]}", p.band_counts[name])


def benchmark_gaps(report: Report) -> str:
    """The portfolio ROI against each benchmark, in points, as one line of Markdown (names escaped):
    'Against the benchmarks: **-3.2 pts** vs Cross-industry average (15%) · …'."""
    roi = report.portfolio.roi
    if roi is None or pd.isna(roi) or report.benchmarks.empty:
        return ""
    gaps = [
        f"**{fmt.points(roi - value)}** vs {plain(name)} ({value:.0%})"
        for name, value in zip(report.benchmarks["name"], report.benchmarks["roi"], strict=True)
    ]
    return "Against the benchmarks: " + " · ".join(gaps)


def coverage(report: Report) -> str:
    """'Nov 2024 – Oct 2026 · amounts in USD · 10 alliances': what the figures cover."""
    dates = report.entries["date"] if len(report.entries) else pd.Series(dtype="datetime64[ns]")
    first = dates.min() if len(dates) else None
    last = dates.max() if len(dates) else None
    money = f"amounts in {report.currency}" if report.currency else "currency not stated in the ledger"
    count = report.portfolio.alliances
    return f"{fmt.period(first, last)} · {money} · {count} alliance{'s' if count != 1 else ''}"


def beyond_simple_roi(report: Report) -> None:
    """Time value, shared-cost allocation and how much ROI depends on allocation and attribution."""
    settings = report.settings
    st.subheader("Beyond simple ROI")
    tv = report.time_value
    if PORTFOLIO in tv.index:
        p = tv.loc[PORTFOLIO]
        scale, currency = money_scale(report), report.currency
        # A note such as "n/m (above 10,000 % a year)" stands in for a figure that means nothing.
        irr_shown = fmt.percent(p["irr"]) if pd.notna(p["irr"]) else p["irr_note"].split(" (")[0]
        with tiles(5):
            st.metric(
                "Annualised ROI",
                fmt.percent(p["annualised_roi"]) if pd.notna(p["annualised_roi"]) else "n/a",
                help=p["annualised_note"]
                or f"(1 + ROI)^(1/years) − 1 over the {p['years']:.1f} years of data in view",
            )
            st.metric(
                "Payback month",
                p["payback"].strftime("%b %Y") if isinstance(p["payback"], pd.Period) else "not yet",
                help="The month from which cumulative net value stays above zero to the end of the data",
            )
            st.metric(
                f"NPV at {settings.time.discount_rate:.0%}",
                fmt.scaled_money(p["npv"], scale, currency),
                help="Monthly net values discounted at the annual rate, end of month.",
            )
            st.metric("IRR (annual)", irr_shown, help=p["irr_note"] or None)
            st.metric(
                f"Value over {settings.time.hurdle_rate:.0%} hurdle",
                fmt.scaled_money(p["hurdle_value"], scale, currency),
                help="Net value − hurdle rate × cost.",
            )
    with st.expander("Time value by alliance"):
        grid_of(report, "time_value", lambda r: grid(time_value_display(r)), banded=False)
    if len(report.allocation):
        shares = fmt.money_scale(*report.allocation["allocated_cost"])
        st.caption(
            f"Costs booked to '{plain(settings.shared_name)}' are split {RULE_WORDS[report.shared_rule]}: "
            + ", ".join(
                f"{plain(a)} {fmt.scaled_money(c, shares, report.currency)}"
                for a, c in zip(
                    report.allocation["alliance"], report.allocation["allocated_cost"], strict=True
                )
            )
        )
    if len(report.categories):
        with st.expander("Revenue and cost by category"):
            grid_of(report, "categories", lambda r: grid(categories_display(r)), banded=False)
    if len(report.sensitivity.columns):
        with st.expander("Sensitivity: how much each ROI depends on allocation and attribution"):
            grid_of(report, "sensitivity", lambda r: grid(sensitivity_display(r)), banded=False)


def data_issues(report: Report) -> None:
    """Every row left out, with sheet, row, column, value and reason, and the reading notes."""
    issues = report.issues
    label = f"Data issues: {len(issues):,} found" if len(issues) else "Data issues: none found"
    with st.expander(label, expanded=False):
        for note in report.ledger.notes:
            st.info(plain(note), icon=":material/info:")
        if len(issues):
            grid_of(report, "issues", lambda r: grid(issues_display(r.issues)), banded=False)
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
    with cols[len(files)]:
        template_download()


def quote_with_copy(text: str, key: str) -> None:
    """A paragraph to reuse, shown as prose in a quote block with a button that copies it.

    The text is escaped as HTML (as element text and as the attribute the button copies from), so a
    name in it is shown and copied exactly as typed and never becomes markup or script.
    """
    element = f"copy-{key}"
    st.html(
        f"""
<figure style="margin: 0 0 0.5rem 0">
  <blockquote style="margin: 0; padding: 0.25rem 0 0.25rem 1rem; border-left: 0.25rem solid
      rgba(128, 128, 128, 0.5); line-height: 1.6">{html.escape(text)}</blockquote>
  <button type="button" id="{element}" data-copy="{html.escape(text, quote=True)}"
      style="margin: 0.5rem 0 0 1rem; padding: 0.25rem 0.75rem; border-radius: 0.5rem; cursor: pointer;
      border: 1px solid rgba(128, 128, 128, 0.5); background: transparent; color: inherit; font: inherit">
    Copy paragraph</button>
</figure>
<script>
(() => {{
  const button = document.getElementById("{element}");
  if (!button || button.dataset.bound) return;
  button.dataset.bound = "1";
  button.addEventListener("click", async () => {{
    try {{
      await navigator.clipboard.writeText(button.dataset.copy);
      button.textContent = "Copied";
    }} catch (error) {{
      button.textContent = "Copying was refused: select the text instead";
    }}
    setTimeout(() => {{ button.textContent = "Copy paragraph"; }}, 2500);
  }});
}})();
</script>
""",
        unsafe_allow_javascript=True,
    )
