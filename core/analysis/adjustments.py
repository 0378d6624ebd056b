"""Making the numbers defensible: one reporting currency, credit for influenced revenue, shared costs.

Applied to the ledger's entries before ROI is computed, in this order: convert each entry at its own
month's rate; count influenced revenue at the chosen credit; allocate costs booked to the shared
pseudo-alliance across the real alliances.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from core.analysis.money import cents
from core.analysis.roi import alliance_roi
from core.model import (
    ALLOCATION_RULES,
    BY_WEIGHT,
    COST,
    DEFAULT_SHARED_NAME,
    EVENLY,
    INFLUENCED,
    ISSUE_COLUMNS,
    NOT_ALLOCATED,
    REVENUE,
    REVENUE_SHARE,
)

SHARED_CATEGORY = "shared cost (allocated)"
HELD_SOURCED_ONLY = f"{REVENUE_SHARE} held, sourced only"
RULE_WORDS: dict[str, str] = {
    REVENUE_SHARE: "by revenue share",
    EVENLY: "evenly",
    BY_WEIGHT: "by the Alliances sheet's weights",
    NOT_ALLOCATED: "not at all (left out of ROI)",
}


def to_reporting_currency(
    entries: pd.DataFrame, fx: pd.DataFrame, base: str | None, reporting: str | None, fx_sheet: str = "FX"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Entries converted to `reporting` at their month's rates, and the entries left out for want of one.

    Rates convert to `base`: amount in R = amount × rate(C, month) / rate(R, month), rate(base) = 1.
    """
    no_issues = pd.DataFrame(columns=ISSUE_COLUMNS)
    codes = entries["currency"].replace("", base or "")
    reporting = reporting or base
    if reporting is None or (codes.eq(reporting) | codes.eq("")).all():
        return entries, no_issues
    months = entries["date"].dt.to_period("M")
    rates = fx.set_index(["currency", "month"])["rate"]

    def rate_of(currency: pd.Series) -> pd.Series:
        looked_up = pd.Series(
            rates.reindex(list(zip(currency, months, strict=True))).to_numpy(), index=entries.index
        )
        return looked_up.where(currency.ne(base), 1.0)

    from_rate = rate_of(codes)
    to_rate = rate_of(pd.Series(reporting, index=entries.index))
    missing_from, missing_to = from_rate.isna(), to_rate.isna()
    issues = [
        _rate_issues(entries[missing_from], codes[missing_from], months[missing_from], fx_sheet),
        _rate_issues(
            entries[missing_to & ~missing_from],
            pd.Series(reporting, index=entries.index)[missing_to & ~missing_from],
            months[missing_to & ~missing_from],
            fx_sheet,
        ),
    ]
    keep = ~(missing_from | missing_to)
    converted = entries[keep].assign(
        amount=entries["amount"][keep] * from_rate[keep] / to_rate[keep], currency=reporting
    )
    found = [i for i in issues if not i.empty]
    return converted, (pd.concat(found, ignore_index=True) if found else no_issues)


def _rate_issues(entries: pd.DataFrame, codes: pd.Series, months: pd.Series, fx_sheet: str) -> pd.DataFrame:
    if entries.empty:
        return pd.DataFrame(columns=ISSUE_COLUMNS)
    return pd.DataFrame(
        {
            "sheet": entries["sheet"].to_numpy(),
            "row": entries["row"].to_numpy(),
            "column": "Currency",
            "value": codes.to_numpy(),
            "reason": [
                f"no {c} rate for {m} on sheet '{fx_sheet}': entry not converted, left out"
                for c, m in zip(codes, months.astype(str), strict=True)
            ],
        }
    )


def credit_influenced(entries: pd.DataFrame, credit: float) -> pd.DataFrame:
    """Influenced revenue counted at `credit` (0 to 1); sourced revenue and costs at full value."""
    if not 0 <= credit <= 1:
        raise ValueError("credit for influenced revenue must be between 0 and 1")
    influenced = (entries["attribution"] == INFLUENCED) & (entries["kind"] == REVENUE)
    if credit == 1 or not influenced.any():
        return entries
    return entries.assign(amount=entries["amount"].where(~influenced, entries["amount"] * credit))


def is_shared(entries: pd.DataFrame, shared_name: str) -> pd.Series:
    """Entries booked to the shared pseudo-alliance (compared without case, once per distinct name)."""
    codes, names = pd.factorize(entries["alliance"])
    target = shared_name.casefold()
    hit = np.array([str(name).casefold() == target for name in names] + [False], dtype=bool)
    return pd.Series(hit[codes], index=entries.index, dtype=bool)


def allocation_shares(entries: pd.DataFrame, rule: str, weights: pd.Series | None = None) -> pd.Series:
    """Each real alliance's share of the shared costs (summing to 1), under a rule."""
    alliances = sorted(entries["alliance"].unique())
    if not alliances:
        return pd.Series(dtype=float)
    if rule == REVENUE_SHARE:
        revenue = (
            entries[entries["kind"] == REVENUE]
            .groupby("alliance")["amount"]
            .sum()
            .reindex(alliances, fill_value=0.0)
        )
        if revenue.sum() > 0:
            return revenue / revenue.sum()
        rule = EVENLY  # no revenue to share by: fall back to equal parts
    if rule == BY_WEIGHT and weights is not None:
        chosen = weights.reindex(alliances).fillna(0.0).clip(lower=0.0)
        if chosen.sum() > 0:
            return chosen / chosen.sum()
    return pd.Series(1 / len(alliances), index=alliances)


def allocate_shared(
    entries: pd.DataFrame,
    rule: str,
    shared_name: str = DEFAULT_SHARED_NAME,
    weights: pd.Series | None = None,
    shares: pd.Series | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Replace the shared pseudo-alliance's costs with one cost entry per alliance, and the allocation.

    Each shared cost entry is split by the alliances' shares (computed over the entries in view), on
    its own date, so that quarters and before/after windows see the cost when it was incurred.
    Shared revenue, if any, is split the same way. 'not allocated' leaves shared costs out.
    `shares` holds the split fixed (the sensitivity table's 'held' column) instead of the rule's.
    """
    shared = is_shared(entries, shared_name)
    own = entries[~shared]
    empty = pd.DataFrame(columns=["alliance", "share", "allocated_cost"])
    if not shared.any():
        return entries, empty
    total = float(entries.loc[shared & (entries["kind"] == COST), "amount"].sum())
    if rule == NOT_ALLOCATED:
        return own, pd.DataFrame(
            {"alliance": ["(not allocated)"], "share": [float("nan")], "allocated_cost": [total]}
        )
    if shares is None:
        shares = allocation_shares(own, rule, weights)
    pieces = entries[shared]
    parts = [
        pieces.assign(alliance=name, amount=pieces["amount"] * share, category=SHARED_CATEGORY)
        for name, share in shares.items()
    ]
    allocation = pd.DataFrame(
        {
            "alliance": shares.index,
            "share": shares.to_numpy(),
            "allocated_cost": cents(pd.Series(shares.to_numpy() * total)).to_numpy(),
        }
    )
    return pd.concat([own, *parts], ignore_index=True), allocation


def sensitivity(
    entries: pd.DataFrame, shared_name: str, weights: pd.Series | None, has_shared: bool, has_influenced: bool
) -> pd.DataFrame:
    """Each alliance's ROI under each allocation rule and attribution choice, and the spread.

    With revenue-share allocation, 'sourced only' changes two things at once: the revenue counted
    and the shares the shared costs are split by (they follow sourced revenue). The column
    'revenue share held, sourced only' changes the revenue alone, the split held at full credit's.
    """
    rules = [r for r in ALLOCATION_RULES if has_shared and (r != BY_WEIGHT or weights is not None)] or [
        NOT_ALLOCATED
    ]
    credits = [(0.0, "sourced only"), (1.0, "full credit")] if has_influenced else [(1.0, "")]
    columns = {}
    for rule in rules:
        for credit, label in credits:
            adjusted, _ = allocate_shared(credit_influenced(entries, credit), rule, shared_name, weights)
            name = rule if not label else f"{rule}, {label}" if has_shared else label
            columns[name] = alliance_roi(adjusted)["roi"]
    if has_shared and has_influenced and REVENUE_SHARE in rules:
        full = credit_influenced(entries, 1.0)
        held = allocation_shares(full[~is_shared(full, shared_name)], REVENUE_SHARE, weights)
        adjusted, _ = allocate_shared(
            credit_influenced(entries, 0.0), REVENUE_SHARE, shared_name, weights, shares=held
        )
        columns[HELD_SOURCED_ONLY] = alliance_roi(adjusted)["roi"]
    table = pd.DataFrame(columns)
    table["spread"] = table.max(axis=1) - table.min(axis=1)
    return table
