"""Build the embedded sample ledger and the blank template: `python sample_data/make_sample.py`.

The sample is deterministic (fixed seed) and deliberately a little messy, as real exports are:
a title banner, a blank row, a totals row, amounts stored as text, a name with a trailing space
and one amount nobody filled in, so that every page, including the data issues, has something
to show.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

HERE = Path(__file__).parent
SAMPLE = HERE / "alliance_ledger_sample.xlsx"
TEMPLATE = HERE / "alliance_ledger_template.xlsx"

INITIATIVE = dt.date(2025, 11, 1)

# name, type, owner, segment, monthly revenue, cost ratio before, after (revenue/cost), growth
ALLIANCES = [
    ("Northwind Cloud", "Value Multiplier", "Dana Ruiz", "Enterprise", 52_000, 1.06, 1.24, 1.30, True),
    ("Contoso Systems", "Value Multiplier", "Dana Ruiz", "Enterprise", 38_000, 1.12, 1.20, 1.18, True),
    ("Apex Data Partners", "Value Multiplier", "Lee Chen", "Mid-market", 21_000, 0.97, 1.09, 1.22, True),
    ("Globex Distribution", "Market Accelerator", "Sam Patel", "EMEA", 44_000, 1.05, 1.17, 1.28, True),
    ("Initech Channel", "Market Accelerator", "Sam Patel", "North America", 29_000, 1.10, 1.22, 1.25, True),
    ("Umbrella Resellers", "Market Accelerator", "Ana Costa", "APAC", 17_000, 0.92, 0.88, 0.93, False),
    ("Stark Labs", "Innovation Catalyst", "Lee Chen", "Enterprise", 15_000, 1.02, 1.31, 1.35, True),
    ("Wayne BioTech", "Innovation Catalyst", "Ana Costa", "Healthcare", 12_000, 1.14, 1.15, 1.04, False),
    ("Tyrell AI", "Innovation Catalyst", "Lee Chen", "Enterprise", 9_000, 1.25, 1.27, 1.06, False),
]
REFERRAL_ONLY = ("Hooli Referrals", "Market Accelerator", "Ana Costa", "North America")

# When and how each alliance would end; Tyrell AI and Hooli Referrals have none written (a red flag).
EXIT_CONDITIONS = {
    "Northwind Cloud": "ROI below 10 % for two quarters running, or the marketplace listing is withdrawn",
    "Contoso Systems": "Joint pipeline under $1M for two quarters; 90 days' notice",
    "Apex Data Partners": "Fewer than 10 certified consultants by the end of FY2027",
    "Globex Distribution": "EMEA revenue below cost for two quarters; 6 months' notice",
    "Initech Channel": "Deal registration cycle time above 20 days for a year",
    "Umbrella Resellers": "Fewer than 15 trained resellers by the goal's due date",
    "Stark Labs": "No shipped prototype by the end of 2027",
    "Wayne BioTech": "Fewer than 2 co-authored studies by April 2027",
}

# alliance, risk, probability (one scale for the column: percentages, as 30 or "30 %"), impact ($ = money,
# 1-5 = a score), mitigation, owner.
# Umbrella's churn has no mitigation and Tyrell's licence risk no owner: both are red flags.
RISKS = [
    (
        "Northwind Cloud",
        "Marketplace fee increase",
        "25 %",
        "$60,000",
        "Negotiate a multi-year fee cap",
        "Dana Ruiz",
    ),
    ("Contoso Systems", "Executive sponsor leaves", 20, 2, "Second executive sponsor", "Dana Ruiz"),
    (
        "Globex Distribution",
        "EMEA regulation delays rollout",
        30,
        "$45,000",
        "Local legal review first",
        "Sam Patel",
    ),
    ("Umbrella Resellers", "Reseller network churn", "40 %", 3, "", "Ana Costa"),
    ("Stark Labs", "Prototype slips a year", 35, 2, "Milestone-based funding", "Lee Chen"),
    ("Tyrell AI", "Model licence terms change", "20 %", "$30,000", "Fallback to an open model", ""),
]

# alliance, side, strategic fit, operational, financial, relationship (1-5). Tyrell AI and Hooli
# Referrals are not scored; Wayne BioTech's sides are 2 apart and its partner scores strategic fit
# 2, Umbrella's own side scores operational 2: red flags.
HEALTH = [
    ("Northwind Cloud", "Us", 5, 4, 4, 5),
    ("Northwind Cloud", "Partner", 4, 4, 4, 4),
    ("Contoso Systems", "Us", 4, 4, 3, 4),
    ("Contoso Systems", "Partner", 4, 3, 4, 4),
    ("Apex Data Partners", "Us", 4, 3, 3, 4),
    ("Apex Data Partners", "Partner", 3, 3, 3, 4),
    ("Globex Distribution", "Us", 4, 4, 4, 4),
    ("Globex Distribution", "Partner", 5, 4, 4, 5),
    ("Initech Channel", "Us", 3, 3, 4, 3),
    ("Initech Channel", "Partner", 3, 4, 4, 3),
    ("Umbrella Resellers", "Us", 3, 2, 3, 3),
    ("Umbrella Resellers", "Partner", 3, 3, 3, 3),
    ("Stark Labs", "Us", 5, 3, 3, 4),
    ("Stark Labs", "Partner", 4, 3, 3, 4),
    ("Wayne BioTech", "Us", 4, 4, 3, 5),
    ("Wayne BioTech", "Partner", 2, 3, 3, 3),
]
RISK_HEADERS = ["Alliance", "Risk", "Probability", "Impact ($ or 1-5)", "Mitigation", "Owner"]
HEALTH_HEADERS = ["Alliance", "Side", "Strategic fit", "Operational", "Financial", "Relationship"]
ALLIANCE_HEADERS = [
    "Alliance",
    "Type",
    "Owner",
    "Start date",
    "Initiative date",
    "Segment",
    "Weight",
    "Exit conditions",
]

REVENUE_CATEGORIES = [("joint sales", 0.7), ("referral fees", 0.2), ("co-marketing", 0.1)]
COST_CATEGORIES = [("headcount", 0.55), ("co-marketing", 0.2), ("integration", 0.15), ("enablement", 0.1)]


def months(start: dt.date, count: int) -> list[dt.date]:
    """First days of `count` consecutive months from `start`."""
    out = []
    year, month = start.year, start.month
    for _ in range(count):
        out.append(dt.date(year, month, 1))
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return out


def ledger_rows(rng: random.Random) -> list[list[object]]:
    """Date, Alliance, Kind, Amount, Category, Currency, Notes, Attribution rows for 24 months.

    Co-marketing revenue is marked influenced (the partner helped, it did not source the deal), and
    the alliance team's own overhead is booked to 'Shared', to be split over the alliances.
    """
    rows: list[list[object]] = []
    for month in months(dt.date(2024, 11, 1), 24):
        after = month >= INITIATIVE
        season = 1.0 + 0.08 * [0, -1, 0, 1, 0, -1, -1, -1, 0, 1, 1, 2][month.month - 1] / 2
        for name, _, _, _, base, before_ratio, after_ratio, growth, _ in ALLIANCES:
            revenue = base * season * (growth if after else 1.0) * rng.uniform(0.92, 1.08)
            ratio = after_ratio if after else before_ratio
            cost = revenue / ratio * rng.uniform(0.95, 1.05)
            day = min(28, 5 + rng.randrange(20))
            for category, share in REVENUE_CATEGORIES:
                attribution = "Influenced" if category == "co-marketing" else "Sourced"
                amount = round(revenue * share, 2)
                rows.append(
                    [month.replace(day=day), name, "Revenue", amount, category, "USD", "", attribution]
                )
            for category, share in COST_CATEGORIES:
                amount = round(cost * share, 2)
                rows.append(
                    [month.replace(day=min(28, day + 2)), name, "Cost", amount, category, "USD", "", ""]
                )
        referral = round(3_000 * rng.uniform(0.8, 1.2) * (1.1 if after else 1.0), 2)
        note = "partner pays us a referral fee; no costs booked"
        rows.append(
            [
                month.replace(day=15),
                REFERRAL_ONLY[0],
                "Revenue",
                referral,
                "referral fees",
                "USD",
                note,
                "Sourced",
            ]
        )
        overhead = round(4_000 * rng.uniform(0.95, 1.05), 2)
        rows.append(
            [
                month.replace(day=28),
                "Shared",
                "Cost",
                overhead,
                "alliance team overhead",
                "USD",
                "partner programme team, split over the alliances",
                "",
            ]
        )
    return rows


def make_messy(rows: list[list[object]]) -> list[list[object]]:
    """A few of the things real exports do, each of which the reader must report or handle."""
    rows[3][3] = f"${rows[3][3]:,.2f}"  # amount stored as text with a currency symbol
    rows[10][3] = f"({rows[10][3]:,.2f})" if rows[10][2] == "Revenue" else rows[10][3]
    rows[10][6] = "refund: accounting negative" if isinstance(rows[10][3], str) else ""
    rows[40][1] = rows[40][1] + " "  # trailing space in a name
    rows[41][1] = rows[41][1].upper()  # the same alliance in capitals
    rows[77][3] = "TBD"  # nobody filled the amount in
    rows[77][6] = "awaiting invoice"
    rows.insert(120, [None] * 8)  # a blank row in the middle
    return rows


def build_sample(path: Path = SAMPLE) -> None:
    """Write the sample workbook: Ledger, Alliances, Goals, Benchmarks, Risks, Health."""
    rng = random.Random(20250101)
    book = Workbook()
    ledger = book.active
    ledger.title = "Ledger"
    ledger["A1"] = "Alliance ledger Nov 2024 – Oct 2026 (sample data)"
    ledger["A1"].font = Font(bold=True, size=14)
    ledger.merge_cells("A1:H1")
    ledger["A2"] = "Exported from the finance system; amounts in USD"
    ledger.append([])
    ledger.append(["Date", "Partner", "Kind", "Amount (USD)", "Category", "Currency", "Notes", "Attribution"])
    for cell in ledger[4]:
        cell.font = Font(bold=True)
    rows = make_messy(ledger_rows(rng))
    for row in rows:
        ledger.append(row)
    first, last = 5, 4 + len(rows)
    ledger.append([None, "Total", None, f"=SUM(D{first}:D{last})", None, None, None, None])
    for row in ledger.iter_rows(min_row=first, max_row=last, min_col=1, max_col=1):
        row[0].number_format = "yyyy-mm-dd"
    for column, width in zip("ABCDEFGH", (12, 24, 10, 14, 16, 10, 40, 12), strict=True):
        ledger.column_dimensions[column].width = width

    alliances = book.create_sheet("Alliances")
    alliances.append(ALLIANCE_HEADERS)
    # Weight: the share of the alliance team's time each alliance takes, for splitting shared costs.
    for name, kind, owner, segment, *_, initiative in ALLIANCES:
        weight = 2 if kind == "Value Multiplier" else 1
        started, since = dt.date(2022, 3, 1), INITIATIVE if initiative else None
        alliances.append([name, kind, owner, started, since, segment, weight, EXIT_CONDITIONS.get(name)])
    name, kind, owner, segment = REFERRAL_ONLY
    alliances.append([name, kind, owner, dt.date(2023, 9, 1), None, segment, 0, None])

    goals = book.create_sheet("Goals")
    goals.append(
        ["Alliance", "Metric", "Target", "Actual", "Unit", "Start date", "Due date", "Owner", "Direction"]
    )
    goal_rows = [
        (
            "Northwind Cloud",
            "Joint customers acquired",
            40,
            37,
            "customers",
            "2025-11-01",
            "2027-03-31",
            "Dana Ruiz",
            "higher",
        ),
        (
            "Northwind Cloud",
            "Marketplace listing live",
            1,
            1,
            "milestone",
            "2025-11-01",
            "2026-06-30",
            "Lee Chen",
            "higher",
        ),
        (
            "Contoso Systems",
            "Market share in segment",
            12,
            9.5,
            "%",
            "2025-11-01",
            "2027-06-30",
            "Dana Ruiz",
            "higher",
        ),
        (
            "Apex Data Partners",
            "Certified consultants",
            25,
            11,
            "people",
            "2025-11-01",
            "2027-02-28",
            "Lee Chen",
            "higher",
        ),
        (
            "Globex Distribution",
            "New EMEA customers",
            60,
            64,
            "customers",
            "2025-11-01",
            "2026-10-31",
            "Sam Patel",
            "higher",
        ),
        (
            "Initech Channel",
            "Deal registration cycle time",
            10,
            14,
            "days",
            "2025-11-01",
            "2026-12-31",
            "Sam Patel",
            "lower",
        ),
        (
            "Umbrella Resellers",
            "Resellers trained",
            30,
            8,
            "resellers",
            "2025-05-01",
            "2026-09-30",
            "Ana Costa",
            "higher",
        ),
        (
            "Stark Labs",
            "Joint prototype shipped",
            1,
            0,
            "milestone",
            "2025-11-01",
            "2027-09-30",
            "Lee Chen",
            "higher",
        ),
        (
            "Wayne BioTech",
            "Co-authored studies",
            3,
            1,
            "studies",
            "2025-11-01",
            "2027-04-30",
            "Ana Costa",
            "higher",
        ),
    ]
    for row in goal_rows:
        goals.append([*row[:5], dt.date.fromisoformat(row[5]), dt.date.fromisoformat(row[6]), *row[7:]])

    benchmarks = book.create_sheet("Benchmarks")
    benchmarks.append(["Name", "ROI", "Source"])
    benchmarks.append(["Cross-industry average", 0.15, "PwC, average ROI of strategic alliances"])
    benchmarks.append(["Top quartile, technology partnerships", 0.25, "Gartner, technology partnerships"])
    benchmarks.append(["Internal hurdle rate", 0.12, "Finance policy FY2026"])
    risks = book.create_sheet("Risks")
    risks.append(RISK_HEADERS)
    for risk in RISKS:
        risks.append(list(risk))
    health = book.create_sheet("Health")
    health.append(HEALTH_HEADERS)
    for scores in HEALTH:
        health.append(list(scores))
    for sheet in (alliances, goals, benchmarks, risks, health):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    for sheet, column in ((alliances, "D"), (alliances, "E"), (goals, "F"), (goals, "G")):
        for cell in sheet[column][1:]:
            cell.number_format = "yyyy-mm-dd"
    book.save(path)


def build_template(path: Path = TEMPLATE) -> None:
    """Write the blank template: the headers the reader looks for, and how to fill them."""
    book = Workbook()
    ledger = book.active
    ledger.title = "Ledger"
    ledger.append(["Date", "Alliance", "Kind", "Amount", "Category", "Currency", "Notes", "Attribution"])
    sheets = {
        "Alliances": ALLIANCE_HEADERS,
        "Goals": [
            "Alliance",
            "Metric",
            "Target",
            "Actual",
            "Unit",
            "Start date",
            "Due date",
            "Owner",
            "Direction",
        ],
        "Benchmarks": ["Name", "ROI", "Source"],
        "FX": ["Currency", "Month", "Rate to USD"],
        "Risks": RISK_HEADERS,
        "Health": HEALTH_HEADERS,
    }
    for name, headers in sheets.items():
        book.create_sheet(name).append(headers)
    # One example row each, named so that it cannot be taken for a real alliance: left in, it is
    # listed as a data issue ('has no entries on the ledger') and counts for nothing.
    book["Risks"].append(
        [
            "Example partner",
            "Key engineer leaves",
            0.3,
            "$10,000",
            "Cross-train a second engineer",
            "Your name",
        ]
    )
    # Probabilities as fractions, one scale for the column (30 here would make it percentages).
    book["Risks"].append(["Example partner", "Price war in the segment", 0.2, 3, "", "Your name"])
    book["Health"].append(["Example partner", "Us", 4, 3, 4, 5])
    book["Health"].append(["Example partner", "Partner", 3, 3, 4, 3])
    guide = book.create_sheet("How to fill")
    for line in [
        ["Sheet", "What goes in it"],
        [
            "Ledger",
            "One row per entry. Date: a date or a period (2024-03, Mar 2024, 2024-Q1). Alliance: the "
            "partner's name. Kind: Revenue or Cost (Income/Expense, Inflow/Outflow also work). "
            "Amount: positive numbers; costs positive too. Or use separate Revenue and Cost columns.",
        ],
        [
            "Alliances",
            "Optional. Type: Value Multiplier, Market Accelerator, Innovation Catalyst or your own. "
            "Initiative date: when a change (e.g. a partnership optimisation) started. Exit conditions: "
            "when and how the alliance would end; with this column (or a Risks sheet), an alliance "
            "without them is a red flag.",
        ],
        [
            "Goals",
            "Optional. Shared non-financial goals: metric, target, actual, unit, due date, owner. "
            "Direction: 'lower' for metrics where less is better.",
        ],
        ["Benchmarks", "Optional. Name and ROI (0.15 or 15%) of each benchmark to compare with."],
        [
            "Risks",
            "Optional. One row per risk, stated per year. Probability: one scale per column, fractions "
            "(0.3) or percentages (30 or 30 %); in a column of percentages a plain 0.3 could mean "
            "either and is listed as a data issue. Impact: the loss within a year "
            "in money if it happens; or, in a column headed 'Impact (1-5)' or 'Impact score', a score "
            "that puts a share of the alliance's revenue per year at stake: 1 = 5 %, 2 = 10 %, 3 = 25 %, "
            "4 = 50 %, 5 = 100 % (in such a column '$10,000' is still money). Expected loss = "
            "probability × impact, subtracted from net value for the risk-adjusted ROI. A risk without "
            "a mitigation or an owner is a red flag. Replace the example rows.",
        ],
        [
            "Health",
            "Optional. One row per alliance and side: Side is Us (We, Our side) or Partner (Them, "
            "Their side); each dimension scored 1 to 5. Health score = mean of all scores; gap = ours "
            "minus the partner's. A score of 2 or less, or the sides 2 or more apart on a dimension, "
            "is a red flag. Replace the example rows.",
        ],
    ]:
        guide.append(line)
    for sheet in book.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 14
    guide.column_dimensions["B"].width = 110
    book.save(path)


if __name__ == "__main__":
    build_sample()
    build_template()
    print(f"wrote {SAMPLE.name} and {TEMPLATE.name}")
