"""The figures a saved review showed, as plain JSON: the headline and one record per alliance.

They are what the history compares from one review to the next, and what a reopened review is
checked against. Money is kept in whole cents and ROI at the precision bands are decided on, so a
figure read back is the figure that was shown.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from core.analysis.roi import ROI_DIGITS, band, to_cents
from core.model import ACHIEVED, AT_RISK, OFF_TRACK, ON_TRACK, UNKNOWN, Col
from core.report import Report

NO_GOALS = "No goals"
# The status an alliance's goals are summed up by: the worst one it has.
WORST_FIRST = (OFF_TRACK, AT_RISK, ON_TRACK, ACHIEVED, UNKNOWN)


def _roi(value: object) -> float | None:
    return None if value is None or pd.isna(value) else round(float(value), ROI_DIGITS)  # type: ignore[arg-type]


def _cents(value: object) -> int:
    return to_cents(float(value))  # type: ignore[arg-type]


def goal_status_of(statuses: list[str]) -> str:
    """An alliance's goals in one word: the worst status among them, or 'No goals'."""
    for status in WORST_FIRST:
        if status in statuses:
            return str(status)
    return NO_GOALS


def alliance_records(report: Report) -> list[dict[str, Any]]:
    """One record per alliance in view: money in cents, ROI, band, quartile, goal status, red flags."""
    statuses = report.goals.groupby("alliance")["status"].agg(list).to_dict() if len(report.goals) else {}
    flags = report.flags.groupby("alliance")["flag"].agg(sorted).to_dict() if len(report.flags) else {}
    records = []
    for alliance, row in report.alliances.iterrows():
        records.append(
            {
                "alliance": str(alliance),
                "revenue_cents": _cents(row[Col.REVENUE]),
                "cost_cents": _cents(row[Col.COST]),
                "roi": _roi(row[Col.ROI]),
                "band": str(row[Col.BAND]),
                "quartile": str(row[Col.QUARTILE]),
                "goal_status": goal_status_of(statuses.get(alliance, [])),
                "flags": [str(f) for f in flags.get(alliance, [])],
            }
        )
    return records


def figures_of(report: Report) -> dict[str, Any]:
    """What the review showed, ready to store as JSON."""
    p = report.portfolio
    entries = report.entries
    period = (
        [entries[Col.DATE].min().date().isoformat(), entries[Col.DATE].max().date().isoformat()]
        if len(entries)
        else None
    )
    return {
        "headline": {
            "revenue_cents": _cents(p.revenue),
            "cost_cents": _cents(p.cost),
            "net_value_cents": _cents(p.net_value),
            "roi": _roi(p.roi),
            "band": str(band(p.roi, report.settings.thresholds)),
            "alliances": int(p.alliances),
            "currency": report.currency,
            "as_of": report.as_of.isoformat(),
            "period": period,
        },
        "alliances": alliance_records(report),
    }


def differences(saved: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """Where figures computed now differ from the saved ones (empty when they agree)."""
    said = []
    for name, value in saved["headline"].items():
        if now["headline"].get(name) != value:
            said.append(f"portfolio {name}: saved {value}, now {now['headline'].get(name)}")
    before = {r["alliance"]: r for r in saved["alliances"]}
    after = {r["alliance"]: r for r in now["alliances"]}
    for alliance in sorted(before.keys() | after.keys()):
        if before.get(alliance) != after.get(alliance):
            said.append(f"{alliance}: saved and recomputed figures differ")
    return said
