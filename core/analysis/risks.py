"""Risk-adjusted ROI from the Risks sheet, and the red flags a risk register raises.

A risk is stated per year, whatever the view's length (issue 28.2): the loss it may bring within a
year. Expected loss of a risk = probability × the money at stake. An impact written in money is that
money. An impact written as a score (1–5) puts a share of the alliance's revenue per year at stake
(IMPACT_SCORE_SHARE: 1 → 5 %, 2 → 10 %, 3 → 25 %, 4 → 50 %, 5 → 100 %), the revenue per year being
its revenue in view × 12 / the months in view: p 10 %, impact 5 on 12,000 of revenue a year is 1,200
in a 12-month view and in a 24-month one alike. An alliance's expected loss is the sum over its risks
(0 without risks); risk-adjusted net = net value − expected loss; risk-adjusted ROI = risk-adjusted
net / cost, from whole cents like the ROI itself, and NaN when cost is not positive.

A risk whose probability or impact could not be read (an issue of the reader) is still counted
and judged for an owner and a mitigation, but adds no expected loss (`unpriced` counts those).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from core.analysis.filters import among
from core.analysis.money import cents

# Share of the alliance's revenue in view an impact score puts at stake: one table, documented in the
# blank template's guide. A 5 is the whole revenue of the alliance; a 1 a twentieth of it.
IMPACT_SCORE_SHARE: dict[int, float] = {1: 0.05, 2: 0.10, 3: 0.25, 4: 0.50, 5: 1.00}
MONEY, SCORE = "money", "score"

RISK_NO_OWNER = "Risk without an owner"
RISK_NO_MITIGATION = "Risk without a mitigation"
NO_EXIT_CONDITIONS = "No exit conditions"
RISK_FLAGS = (RISK_NO_OWNER, RISK_NO_MITIGATION, NO_EXIT_CONDITIONS)
FLAG_COLUMNS = ["alliance", "flag", "figures"]


def expected_losses(risks: pd.DataFrame, alliance_table: pd.DataFrame, months: int) -> pd.DataFrame:
    """The risks of the alliances in view, each with `at_stake` and `expected_loss` (money, to the cent).

    `at_stake` is the impact in money a year: as written, or for a score its share of the alliance's
    revenue per year (revenue in view × 12 / `months`, the months in view; revenue below zero puts
    nothing at stake). `expected_loss` = probability × at_stake; NaN when the probability or the
    impact could not be read.
    """
    in_view = risks[among(risks["alliance"], alliance_table.index)]
    per_year = 12 / months if months > 0 else 1.0
    revenue = in_view["alliance"].map(alliance_table["revenue"]).astype(float).clip(lower=0) * per_year
    share = in_view["impact"].map(IMPACT_SCORE_SHARE).astype(float)
    at_stake = pd.Series(
        np.where(in_view["impact_kind"] == SCORE, share * revenue, in_view["impact"].astype(float)),
        index=in_view.index,
    )
    # Rounded once, at the end: the probability times the amount at stake as it is (issue 28.7).
    loss = cents(in_view["probability"].astype(float) * at_stake)
    return in_view.assign(at_stake=cents(at_stake), expected_loss=loss).reset_index(drop=True)


def risk_summary(risks: pd.DataFrame, alliance_table: pd.DataFrame, months: int) -> pd.DataFrame:
    """Per alliance of the table (same index): risks (count), expected_loss (a year's, `expected_losses`
    over the `months` in view), risk_adjusted_net, risk_adjusted_roi (NaN when cost is not positive)
    and unpriced (risks adding no expected loss)."""
    losses = expected_losses(risks, alliance_table, months)
    grouped = losses.groupby("alliance")
    summary = pd.DataFrame(
        {
            "risks": grouped.size(),
            "expected_loss": grouped["expected_loss"].sum(),
            "unpriced": grouped["expected_loss"].agg(lambda s: int(s.isna().sum())),
        }
    ).reindex(alliance_table.index, fill_value=0)
    summary["risks"] = summary["risks"].astype(int)
    summary["unpriced"] = summary["unpriced"].astype(int)
    summary["expected_loss"] = cents(summary["expected_loss"].astype(float))
    net_cents = (alliance_table["net_value"].astype(float) * 100).round()
    adjusted_cents = net_cents - (summary["expected_loss"] * 100).round()
    cost_cents = (alliance_table["cost"].astype(float) * 100).round()
    summary["risk_adjusted_net"] = adjusted_cents / 100
    summary["risk_adjusted_roi"] = (adjusted_cents / cost_cents.where(cost_cents > 0)).astype(float)
    summary.index.name = "alliance"
    return summary[["risks", "expected_loss", "risk_adjusted_net", "risk_adjusted_roi", "unpriced"]]


def risk_flags(
    risks: pd.DataFrame,
    alliances_meta: pd.DataFrame,
    alliance_index: pd.Index,
    has_exit: bool,
    exit_column: bool | None = None,
) -> pd.DataFrame:
    """Red flags (alliance, flag, figures): risks without an owner or a mitigation, no exit conditions.

    `has_exit` says whether exit conditions are judged at all: pass `Ledger.judges_exit` (the
    Alliances sheet has an Exit conditions column, or the workbook has a Risks sheet), so that an
    older workbook gains no flag. `exit_column` says whether the Alliances sheet has that column
    (`Ledger.has_exit_conditions`; by default, whether the sheet has rows with it), for the words of
    the flag. Rows come per alliance in `alliance_index` order, then RISK_FLAGS order.
    """
    in_view = risks[among(risks["alliance"], alliance_index)]
    found = [
        _unowned(in_view, "owner", RISK_NO_OWNER, "without an owner"),
        _unowned(in_view, "mitigation", RISK_NO_MITIGATION, "without a mitigation"),
    ]
    if has_exit:
        column = (
            ("exit_conditions" in alliances_meta and len(alliances_meta) > 0)
            if exit_column is None
            else exit_column
        )
        found.append(_no_exit(alliances_meta, alliance_index, column))
    flags = pd.concat([f for f in found if len(f)] or [pd.DataFrame(columns=FLAG_COLUMNS)], ignore_index=True)
    return order_flags(flags, alliance_index, RISK_FLAGS)


def order_flags(flags: pd.DataFrame, alliance_index: pd.Index, order: tuple[str, ...]) -> pd.DataFrame:
    """Flags per alliance in the index's order, then in `order` (a stable sort keeps ties as found)."""
    position = pd.Series(range(len(alliance_index)), index=alliance_index)
    rank = flags["alliance"].map(position) * len(order) + flags["flag"].map(order.index)
    return flags.iloc[np.argsort(rank.to_numpy(), kind="stable")].reset_index(drop=True)[FLAG_COLUMNS]


def _unowned(risks: pd.DataFrame, column: str, flag: str, missing: str) -> pd.DataFrame:
    """One flag per alliance with risks whose `column` is blank, naming those risks."""
    counts = risks.groupby("alliance", sort=False).size()
    blank = risks[risks[column].eq("")]
    named = blank["risk"].where(blank["risk"].ne(""), "row " + blank["row"].astype(str))
    said = {
        alliance: f"{len(names)} of {counts[alliance]} risk{'s' if counts[alliance] > 1 else ''} {missing}: "
        + ", ".join(f"'{n}'" for n in names)
        for alliance, names in named.groupby(blank["alliance"], sort=False)
    }
    return pd.DataFrame({"alliance": list(said), "flag": flag, "figures": list(said.values())})


def _no_exit(meta: pd.DataFrame, alliance_index: pd.Index, column: bool) -> pd.DataFrame:
    """Alliances in view with no exit conditions, saying what is missing where: the column, the
    alliance's row on the Alliances sheet, or the text in its cell."""
    listed = meta.drop_duplicates("alliance").set_index("alliance")
    written = listed["exit_conditions"] if column and "exit_conditions" in listed else pd.Series(dtype="str")
    conditions = written.astype(object).reindex(alliance_index).fillna("").astype(str).str.strip()
    missing = conditions[conditions.eq("")].index
    if not column:
        why = ["the Alliances sheet has no Exit conditions column (when and how each alliance would end)"]
        return pd.DataFrame(
            {"alliance": list(missing), "flag": NO_EXIT_CONDITIONS, "figures": why * len(missing)}
        )
    on_sheet = pd.Index(missing).isin(listed.index)
    why_of = np.where(
        on_sheet,
        "no exit conditions written on the Alliances sheet (when and how the alliance would end)",
        "not on the Alliances sheet, so no exit conditions are written (when and how it would end)",
    )
    return pd.DataFrame({"alliance": list(missing), "flag": NO_EXIT_CONDITIONS, "figures": why_of})
