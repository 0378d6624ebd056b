"""Display-ready tables: readable headers and ROI in percent, for the app's data grids."""

from __future__ import annotations

import pandas as pd

from core.benchmarks import position_text
from core.report import Report


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
            "ROI %": (table["roi"] * 100).to_numpy(),
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
