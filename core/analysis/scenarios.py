"""What if: drop an alliance, scale it or re-fund it, and see the portfolio recomputed beside today's.

The three changes, each on one alliance of the table in view:

- drop: the alliance leaves the portfolio (its revenue and cost are gone).
- scale × f: more or less of the same alliance: revenue and cost both × f (f > 0), so its own ROI
  stays what it is and the portfolio's moves towards or away from it.
- re-fund to an amount: its cost is set to that amount and its revenue moves in proportion
  (revenue × new cost / cost): the seeds' "reallocating resources" at the alliance's own return.
  It is a scale written as a budget; an alliance with no positive cost has no return to scale
  and is left as it is, with a note.

Because scale and re-fund keep each alliance's ROI (to the cent), the quartile cut points, taken over
the alliances' ROIs unweighted, move only when an alliance is dropped; the portfolio's ROI and net
value move with every change. Alliances are re-banded with the view's thresholds and re-ranked in
quartiles among those that remain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from core import formatting as fmt
from core.analysis.money import cents
from core.analysis.quartiles import cut_points, quartile_position
from core.analysis.roi import ROI_DIGITS, BandThresholds, bands, roi_of, roi_ratio
from core.model import ScenarioChange

DROP, SCALE, REFUND = ScenarioChange.DROP, ScenarioChange.SCALE, ScenarioChange.REFUND
MONEY = ["revenue", "cost", "net_value"]
SIDE_COLUMNS = [*MONEY, "roi", "band", "quartile"]
ALLIANCE_COLUMNS = ["change", *(f"{c}_today" for c in SIDE_COLUMNS), *SIDE_COLUMNS]
DROPPED = ""  # band and quartile of an alliance dropped from the scenario


class Change(NamedTuple):
    """One alliance changed: dropped, scaled by `value`, or re-funded to a cost of `value`."""

    alliance: str
    change: ScenarioChange
    value: float = 0.0  # the factor of a scale, the new cost of a re-fund; 0 for a drop


# A scenario is the changes it makes, in the order the user gave them; () changes nothing.
Scenario = tuple[Change, ...]


@dataclass(frozen=True)
class PortfolioFigures:
    """One side of the comparison: the portfolio's money, ROI and quartile cut points."""

    revenue: float
    cost: float
    net_value: float
    roi: float | None
    cuts: dict[str, float] | None
    alliances: int


@dataclass(frozen=True)
class ScenarioResult:
    """Today's portfolio and the scenario's, and every alliance before and after."""

    changes: Scenario
    today: PortfolioFigures
    scenario: PortfolioFigures
    alliances: pd.DataFrame  # indexed by alliance: ALLIANCE_COLUMNS
    notes: tuple[str, ...]  # changes that could not be made, and why

    def comparison(self) -> pd.DataFrame:
        """Today against the scenario, one row per figure: today, scenario, change."""
        rows = {
            "Revenue": (self.today.revenue, self.scenario.revenue),
            "Cost": (self.today.cost, self.scenario.cost),
            "Net value": (self.today.net_value, self.scenario.net_value),
            "Portfolio ROI": (_defined(self.today.roi), _defined(self.scenario.roi)),
            **{
                f"Quartile cut {cut}": (_cut(self.today.cuts, cut), _cut(self.scenario.cuts, cut))
                for cut in ("P25", "P50", "P75")
            },
        }
        table = pd.DataFrame.from_dict(rows, orient="index", columns=["today", "scenario"])
        table["change"] = table["scenario"] - table["today"]
        money = table.index.isin(["Revenue", "Cost", "Net value"])
        # Money to the cent, ratios at the precision ROIs are compared at (no 0.04499999… for 4.5 points).
        table["change"] = np.where(money, cents(table["change"]), table["change"].round(ROI_DIGITS))
        return table


def _defined(value: float | None) -> float:
    return float("nan") if value is None else value


def _cut(cuts: dict[str, float] | None, name: str) -> float:
    return float("nan") if cuts is None else cuts[name]


def change_text(change: Change) -> str:
    """A change in words: 'drop Acme', 'scale Beta × 1.5', 're-fund Gamma to 20,000'."""
    if change.change == DROP:
        return f"drop {change.alliance}"
    if change.change == SCALE:
        # repr: the factor as given (× 1.0000004 moved the figures; ':g' wrote it '× 1').
        return f"scale {change.alliance} × {float(change.value)!r}".removesuffix(".0")
    return f"re-fund {change.alliance} to {fmt.money(change.value)}"


def scenario_text(scenario: Scenario) -> str:
    """A whole scenario in words, for a page, the workbook and the report; '' when it changes nothing."""
    return "; ".join(change_text(Change(*c)) for c in scenario)


def run_scenario(
    alliance_table: pd.DataFrame, scenario: Scenario, thresholds: BandThresholds = BandThresholds()
) -> ScenarioResult:
    """Apply the scenario to the alliance table (revenue, cost, net_value, roi, band, quartile)."""
    changes, notes = _known_changes(alliance_table.index, scenario)
    today = alliance_table[SIDE_COLUMNS].copy()
    kind = pd.Series([str(c.change) for c in changes.values()], index=list(changes), dtype=object)
    kind = kind.reindex(today.index).fillna("")
    value = pd.Series([c.value for c in changes.values()], index=list(changes), dtype=float)
    value = value.reindex(today.index)
    has_cost = today["cost"] > 0
    unfundable = (kind == str(REFUND)) & ~has_cost
    notes += [
        f"'{name}' has no cost to re-fund in proportion: left as it is." for name in today.index[unfundable]
    ]
    kind = kind.where(~unfundable, "")
    refund = kind == str(REFUND)
    dropped = kind == str(DROP)
    factor = np.select(
        [dropped, kind == str(SCALE), refund],
        [0.0, value, value / today["cost"].where(has_cost)],
        1.0,
    )
    after = pd.DataFrame(index=today.index)
    after["revenue"] = cents(today["revenue"] * factor)
    after["cost"] = cents(value.where(refund, cents(today["cost"] * factor)))
    after["net_value"] = cents(after["revenue"] - after["cost"])
    # Scaling or re-funding moves revenue and cost by one factor, so the ROI is today's, exactly: taken
    # from the cents rounded after the factor, a 20.000000 % alliance × 1.1 could come out Strong.
    kept_ratio = (kind == str(SCALE)) | refund
    after["roi"] = (
        alliance_table["roi"].astype(float).where(kept_ratio, roi_ratio(after["revenue"], after["cost"]))
    )
    after["roi"] = after["roi"].where(~dropped)
    after["band"] = bands(after["roi"], thresholds).where(~dropped, DROPPED)
    remaining = after[~dropped]
    after["quartile"] = quartile_position(remaining["roi"])["quartile"].reindex(after.index).fillna(DROPPED)
    words = pd.Series([change_text(c) for c in changes.values()], index=list(changes), dtype=object)
    table = pd.concat(
        [
            words.reindex(today.index).where(kind != "", "").rename("change"),
            today.add_suffix("_today"),
            after,
        ],
        axis=1,
    )
    table.index.name = alliance_table.index.name
    return ScenarioResult(
        changes=tuple(changes.values()),
        today=_figures(today),
        scenario=_figures(remaining),
        alliances=table[ALLIANCE_COLUMNS],
        notes=tuple(notes),
    )


def _known_changes(alliances: pd.Index, scenario: Scenario) -> tuple[dict[str, Change], list[str]]:
    """The changes keyed by the alliance they touch (the last one wins), and notes for unknown names.

    A name matches an alliance in view exactly, else without regard to case when only one does.
    """
    folded: dict[str, list[str]] = {}
    for name in alliances:
        folded.setdefault(str(name).casefold(), []).append(str(name))
    changes: dict[str, Change] = {}
    notes: list[str] = []
    for given in scenario:
        change = Change(*given)
        matches = (
            [change.alliance] if change.alliance in alliances else folded.get(change.alliance.casefold(), [])
        )
        if len(matches) != 1:
            notes.append(
                f"'{change.alliance}' is not an alliance in view: {change_text(change)} is left out."
            )
            continue
        changes.pop(matches[0], None)
        changes[matches[0]] = change._replace(alliance=matches[0], change=ScenarioChange(change.change))
    return changes, notes


def _figures(table: pd.DataFrame) -> PortfolioFigures:
    revenue = cents(float(table["revenue"].sum()))
    cost = cents(float(table["cost"].sum()))
    return PortfolioFigures(
        revenue=revenue,
        cost=cost,
        net_value=cents(revenue - cost),
        roi=roi_of(revenue, cost)[0],
        cuts=cut_points(table["roi"]),
        alliances=len(table),
    )
