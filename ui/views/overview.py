"""The Overview's sections: headline metrics (portfolio ROI and its band, money, the benchmarks, what
the figures cover), beyond simple ROI (time value, shared costs, categories, sensitivity) and the
data issues."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import formatting as fmt
from core.analysis.adjustments import RULE_WORDS
from core.analysis.roi import band
from core.model import BANDS, PORTFOLIO, UNDEFINED
from core.output import columns as cols
from core.output.tables import (
    categories_display,
    issues_display,
    sensitivity_display,
    time_value_display,
)
from core.report import Report
from ui.columns import grid
from ui.text import plain
from ui.views.kept import grid_of
from ui.views.metrics import money_scale, tiles


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
            hurdle = report.opportunity.attrs["alternative_rate"]
            st.metric(
                f"Value over {hurdle:.1%} hurdle rate",
                fmt.scaled_money(p["hurdle_value"], scale, currency),
                help=cols.HURDLE.help,
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
