"""Display-ready tables: readable headers and ROI in percent, for the app's data grids."""

from __future__ import annotations

import pandas as pd

from core.analysis.benchmarks import position_text
from core.analysis.quartiles import quartile_gaps
from core.analysis.report import Report
from core.model import QUARTILES
from core.output import formatting as fmt


def alliance_display(report: Report) -> pd.DataFrame:
    """The alliance table as shown on the overview, ROI and gaps in percent, best ROI first."""
    table = report.alliances.sort_values("roi", ascending=False, na_position="last")
    frame = pd.DataFrame(
        {
            "Alliance": table.index,
            "Type": table["type"].to_numpy(),
            "Revenue": table["revenue"].to_numpy(),
            "Cost": table["cost"].to_numpy(),
            "Net value": table["net_value"].to_numpy(),
            # Text, so an undefined ROI reads "n/a" rather than an empty cell; rows come sorted by ROI.
            "ROI": table["roi"].map(fmt.percent).to_numpy(),
            "Band": table["band"].to_numpy(),
            "Quartile": table["quartile"].replace("", "not ranked").to_numpy(),
        }
    )
    for name in report.benchmarks["name"]:
        frame[f"vs {name}"] = table[f"vs {name}"].map(position_text).to_numpy()
    frame["Note"] = table["roi_note"].to_numpy()
    return frame


def issues_display(issues: pd.DataFrame) -> pd.DataFrame:
    """The data issues with capitalised headers, in sheet and row order."""
    return issues.rename(columns=str.capitalize).reset_index(drop=True)


def before_after_display(report: Report) -> pd.DataFrame:
    """Before/after per alliance and the portfolio, ROI and changes in percent, for the page's grid."""
    result = report.before_after
    rows = pd.concat([result.table, result.portfolio.to_frame("Portfolio").T])
    return pd.DataFrame(
        {
            "Alliance": rows.index,
            "ROI before %": (rows["roi_before"].astype(float) * 100).to_numpy(),
            "ROI after %": (rows["roi_after"].astype(float) * 100).to_numpy(),
            "Change (pts)": (rows["roi_change"].astype(float) * 100).to_numpy(),
            "Revenue before": rows["revenue_before"].astype(float).to_numpy(),
            "Revenue after": rows["revenue_after"].astype(float).to_numpy(),
            "Revenue change %": (rows["revenue_change"].astype(float) * 100).to_numpy(),
            "Cost before": rows["cost_before"].astype(float).to_numpy(),
            "Cost after": rows["cost_after"].astype(float).to_numpy(),
            "Cost change %": (rows["cost_change"].astype(float) * 100).to_numpy(),
            "Note": rows["note"].fillna("").to_numpy(),
        }
    )


def quarterly_display(report: Report, alliance: str) -> pd.DataFrame:
    """One alliance's (or the portfolio's) quarters, ROI in percent, for the trends grid."""
    q = report.quarterly[report.quarterly["alliance"] == alliance]
    return pd.DataFrame(
        {
            "Quarter": q["quarter"].to_numpy(),
            "Revenue": q["revenue"].to_numpy(),
            "Cost": q["cost"].to_numpy(),
            "Net value": q["net_value"].to_numpy(),
            "ROI %": (q["roi"] * 100).to_numpy(),
            "Trailing 4Q ROI %": (q["roi_ttm"] * 100).to_numpy(),
            "Band": q["band"].to_numpy(),
            "Complete": q["complete"].to_numpy(),
        }
    )


def quartile_display(report: Report) -> pd.DataFrame:
    """Alliances by quartile, with the gap to the next quartile in points and in net value."""
    table = report.alliances
    gaps = quartile_gaps(table, report.cuts)
    order = {name: i for i, name in enumerate(QUARTILES)}
    frame = pd.DataFrame(
        {
            "Quartile": table["quartile"].replace("", "not ranked"),
            "Alliance": table.index,
            "ROI": table["roi"].map(fmt.percent),
            "Percentile": (table["percentile"] * 100).round(0),
            "Next quartile": gaps["next_quartile"],
            "Gap (pts)": (gaps["gap_points"] * 100),
            "Extra net value needed": gaps["gap_net_value"],
            "Cost": table["cost"],
        }
    )
    frame["_order"] = frame["Quartile"].map(order).fillna(len(order))
    frame["_roi"] = table["roi"]
    frame = frame.sort_values(["_order", "_roi"], ascending=[True, False], na_position="last")
    return frame.drop(columns=["_order", "_roi"]).reset_index(drop=True)


STATUS_COLOURS = {
    "Achieved": "rgba(46, 158, 91, 0.35)",
    "On track": "rgba(132, 204, 22, 0.30)",
    "At risk": "rgba(224, 168, 0, 0.35)",
    "Off track": "rgba(214, 69, 69, 0.35)",
    "Unknown": "rgba(140, 140, 140, 0.25)",
}


def goals_display(report: Report) -> pd.DataFrame:
    """Goals with progress, time gone and status, for the scorecard grid."""
    g = report.goals
    return pd.DataFrame(
        {
            "Status": g["status"].to_numpy(),
            "Alliance": g["alliance"].to_numpy(),
            "Metric": g["metric"].to_numpy(),
            "Owner": g["owner"].to_numpy(),
            "Target": g["target"].to_numpy(),
            "Actual": g["actual"].to_numpy(),
            "Unit": g["unit"].to_numpy(),
            "Progress %": (g["progress"] * 100).to_numpy(),
            "Time gone %": (g["expected"] * 100).to_numpy(),
            "Due": g["due_date"].dt.date.to_numpy() if len(g) else [],
            "Why": g["why"].to_numpy(),
        }
    )


def status_style(frame: pd.DataFrame):
    """The goals grid with each status cell coloured (readable on light and dark themes)."""
    return frame.style.map(lambda s: f"background-color: {STATUS_COLOURS.get(s, '')}", subset=["Status"])


def type_display(report: Report) -> pd.DataFrame:
    """ROI by partnership type for the scorecard."""
    t = report.by_type
    return pd.DataFrame(
        {
            "Type": t.index,
            "Alliances": t["alliances"].to_numpy(),
            "Revenue": t["revenue"].to_numpy(),
            "Cost": t["cost"].to_numpy(),
            "Net value": t["net_value"].to_numpy(),
            "ROI": t["roi"].map(fmt.percent).to_numpy(),
            "Mean of alliance ROIs": t["mean_roi"].map(fmt.percent).to_numpy(),
        }
    )


def time_value_display(report: Report) -> pd.DataFrame:
    """Annualised ROI, payback, NPV, IRR and value over hurdle per alliance and for the portfolio."""
    tv = report.time_value
    return pd.DataFrame(
        {
            "Alliance": tv.index,
            "Annualised ROI": tv["annualised_roi"].map(fmt.percent).to_numpy(),
            "Payback month": [
                p.strftime("%b %Y") if isinstance(p, pd.Period) else "not in window" for p in tv["payback"]
            ],
            "NPV": tv["npv"].to_numpy(),
            "IRR (annual)": [fmt.percent(r) if pd.notna(r) else "n/a" for r in tv["irr"]],
            "Value over hurdle": tv["hurdle_value"].to_numpy(),
        }
    )


def sensitivity_display(report: Report) -> pd.DataFrame:
    """Each alliance's ROI (in percent) under each allocation rule and attribution choice."""
    table = report.sensitivity * 100
    table.columns = [f"{c} (pts)" if c == "spread" else f"{c} %" for c in table.columns]
    return table.reset_index(names="Alliance")
