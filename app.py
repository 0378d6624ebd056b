"""Alliance ROI: the entry script (password gate, pages, shared sidebar, share link) and the overview.

The overview lives here rather than in `pages/`: Streamlit runs the entry script whenever it serves
the default page, so the app's home never needs the rerun that `navigation.page_start()` makes.
"""

from __future__ import annotations

import streamlit as st

from core.output.charts import roi_by_alliance
from core.output.tables import alliance_display
from ui import auth, navigation, session, sidebar, views


def overview() -> None:
    """Which alliances pay back: headline figures, the alliance table, the ROI chart, the issues."""
    st.title("Alliance ROI")
    loaded, report = session.report()
    report = views.source_banner(loaded, report, upload=True)
    if report is None:
        return
    views.headline_metrics(report)
    st.subheader("Alliances")
    views.grid_of(report, "alliances", lambda r: views.grid(alliance_display(r)))
    drawn, shown = views.chart_rows(report.alliances, "roi")
    views.chart_of(
        report,
        "roi_by_alliance",
        lambda r: roi_by_alliance(drawn, r.settings.thresholds, r.benchmarks, r.currency),
        shown=shown,
    )
    views.beyond_simple_roi(report)
    views.data_issues(report)
    st.subheader("Downloads")
    views.downloads(report)


if __name__ == "__main__":
    st.set_page_config(page_title="Alliance ROI", page_icon="🤝", layout="wide")
    auth.require_password()
    navigation.run_app(overview, before_page=sidebar.draw, after_page=sidebar.share_popover)
