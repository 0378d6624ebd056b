"""Before / after: the case-study comparison around an initiative date."""

import streamlit as st

from core import formatting as fmt
from core.output.charts import revenue_cost_before_after, roi_before_after
from core.output.tables import before_after_display
from ui import navigation, session, views
from ui.controls import initiative_controls
from ui.text import plain

navigation.page_start()
st.title("Before / after")
loaded, report = session.report()
report = views.source_banner(loaded, report)
if report is not None:
    initiative_controls(report.ledger)
    result = report.before_after
    if result is None:
        st.warning(plain(report.before_after_error), icon=":material/warning:")
    else:
        p = result.portfolio
        st.caption(result.windows_words())
        currency = report.currency
        scale = fmt.money_scale(p["revenue_before"], p["revenue_after"], p["cost_before"], p["cost_after"])
        with views.tiles(5):
            st.metric("ROI before", fmt.percent(p["roi_before"]))
            st.metric("ROI after", fmt.percent(p["roi_after"]), fmt.points(p["roi_change"]))
            st.metric(
                "Revenue change",
                fmt.percent(p["revenue_change"]),
                f"{fmt.scaled_money(p['revenue_before'], scale, currency)} → "
                f"{fmt.scaled_money(p['revenue_after'], scale, currency)}",
                delta_color="off",
                delta_arrow="off",
            )
            st.metric(
                "Cost change",
                fmt.percent(p["cost_change"]),
                f"{fmt.scaled_money(p['cost_before'], scale, currency)} → "
                f"{fmt.scaled_money(p['cost_after'], scale, currency)}",
                delta_color="off",
                delta_arrow="off",
            )
            st.metric(
                "Effect vs control group",
                fmt.points(result.did),
                help="Difference-in-differences: the ROI change of the alliances in the initiative "
                "minus the change of those without it "
                f"({fmt.counted(result.control_count, 'alliance')}), over the same windows.",
            )
        st.subheader("Case study")
        views.quote_with_copy(result.paragraph, key="case_study")
        for check in result.checks:
            st.warning(plain(check), icon=":material/search:")
        drawn, shown = views.chart_rows(result.table, "roi_change", "ROI change")
        views.chart_of(
            report,
            "roi_before_after",
            lambda r: roi_before_after(drawn, p, r.settings.thresholds, currency),
            shown=shown,
        )
        views.chart_of(
            report,
            "revenue_cost_before_after",
            lambda r: revenue_cost_before_after(drawn, r.currency),
            shown=shown,
            banded=False,
        )
        views.grid_of(report, "before_after", lambda r: views.grid(before_after_display(r)), banded=False)
        if result.left_out:
            with st.expander(f"Left out of the comparison: {len(result.left_out)}"):
                for alliance, reason in result.left_out:
                    st.write(f"**{plain(alliance)}**: {plain(reason)}")
    views.downloads(report)
