"""Where each alliance's money comes from and goes: revenue and cost by category (joint sales,
co-marketing, referral fees, headcount, integration…), as the ledger's Category column says."""

from __future__ import annotations

import pandas as pd

from core.analysis.money import cents
from core.model import COST, REVENUE

NO_CATEGORY = "(no category)"
CATEGORY_COLUMNS = ["alliance", "category", "revenue", "cost", "net_value"]


def by_category(entries: pd.DataFrame) -> pd.DataFrame:
    """Revenue, cost and net value per alliance and category, alliances in order, largest first.

    Empty when the ledger has no Category column (or every category is blank): nothing to split.
    """
    if entries.empty or "category" not in entries:
        return pd.DataFrame(columns=CATEGORY_COLUMNS)
    # Each distinct category made text and trimmed once (a ledger repeats a handful over its rows).
    codes, names = pd.factorize(entries["category"], use_na_sentinel=False)
    trimmed = pd.Index(names).astype(str).str.strip()
    if not trimmed.any():
        return pd.DataFrame(columns=CATEGORY_COLUMNS)
    category = pd.Series(trimmed.take(codes), index=entries.index).replace("", NO_CATEGORY)
    sums = (
        entries.assign(category=category)
        .pivot_table(
            index=["alliance", "category"], columns="kind", values="amount", aggfunc="sum", fill_value=0.0
        )
        .reindex(columns=[REVENUE, COST], fill_value=0.0)
        .astype(float)
        .pipe(cents)
    )
    table = sums.rename(columns={REVENUE: "revenue", COST: "cost"}).reset_index()
    table["net_value"] = cents(table["revenue"] - table["cost"])
    table["size"] = table["revenue"] + table["cost"]
    table = table.sort_values(["alliance", "size", "category"], ascending=[True, False, True])
    return table[CATEGORY_COLUMNS].reset_index(drop=True)
