"""Quartiles and benchmarks: where each alliance sits in the portfolio and against the market."""

import streamlit as st

from core import formatting as fmt
from core.output.charts import revenue_cost_map, roi_distribution
from core.output.tables import quartile_display
from ui import navigation, session, views
from ui.controls import benchmark_editor

navigation.page_start()
st.title("Quartiles and benchmarks")
loaded, report = session.report()
report = views.source_banner(loaded, report)
if report is not None:
    ranked = int(report.alliances["roi"].notna().sum())
    unranked = len(report.alliances) - ranked
    cuts = report.cuts
    st.caption(
        f"Quartiles are computed over the {ranked} alliances in view with a defined ROI"
        + (f" ({unranked} without one are shown but not ranked)" if unranked else "")
        + f"; filters: {report.settings.filters.describe()}. "
        + (
            "Cut points as Excel's QUARTILE.INC: "
            + ", ".join(f"{k} {fmt.percent(v)}" for k, v in cuts.items())
            if cuts
            else "No alliance has a defined ROI, so none is ranked."
        )
    )
    drawn, shown = views.chart_rows(report.alliances, "roi")
    views.chart_of(
        report,
        "roi_distribution",
        lambda r: roi_distribution(drawn, cuts, r.benchmarks, r.currency),
        shown=shown,
    )
    st.subheader("By quartile")
    views.grid_of(report, "quartiles", lambda r: views.grid(quartile_display(r)))
    views.chart_of(
        report, "revenue_cost_map", lambda r: revenue_cost_map(drawn, currency=r.currency), shown=shown
    )
    with st.expander("Benchmarks: add, change or remove"):
        st.caption(
            "Defaults: cross-industry average 15 % (PwC) and top quartile of technology partnerships "
            "25 % (Gartner); a Benchmarks sheet in the workbook replaces or adds to them."
        )
        benchmark_editor()
    views.downloads(report)
