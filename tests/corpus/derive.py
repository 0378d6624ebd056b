"""Independent re-derivation of the figures in expected.py (issue #27).

Each ``derive_<name>()`` reads one corpus file with pandas (or openpyxl for cached formula
values), applies the analyst's reading stated in expected.py and returns
``{partner: (revenue, cost)}`` as Decimals rounded to the cent, half away from zero.

Nothing here imports the application. Money is summed as ``Decimal`` built from the text of
each cell (``str()`` of the number pandas read, or the raw CSV text), and rounded only at the
end. Run it to print every file's figures:

    PYTHONPATH=. .venv/bin/python tests/corpus/derive.py            # all files
    PYTHONPATH=. .venv/bin/python tests/corpus/derive.py --check    # compare with expected.py
"""

from __future__ import annotations

import csv
import io
import sys
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

import openpyxl
import pandas as pd

HERE = Path(__file__).resolve().parent
CENT = Decimal("0.01")
ZERO = Decimal(0)
UNATTRIBUTED = "__unattributed__"


def D(value: object) -> Decimal:
    """Decimal from a cell value: numbers as Excel shows them (15 significant digits, so a stored
    22256.324999999997 is the 22256.325 the sheet displays and sums), text as written."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(f"{value:.15g}")
    return Decimal(str(value).strip())


def dollars(text: str) -> Decimal:
    """'$1,706' / '-$383' / '$0' -> Decimal (the Tableau export's display format)."""
    t = text.strip().replace(",", "")
    neg = t.startswith("-")
    t = t.lstrip("-").lstrip("$")
    value = Decimal(t)
    return -value if neg else value


def german(text: str) -> Decimal:
    """'3950,49' / '10000' / '-50,00' -> Decimal (comma decimal, no thousands mark)."""
    return Decimal(text.strip().replace(".", "").replace(",", "."))


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def finish(acc: dict[str, list[Decimal]]) -> dict[str, tuple[Decimal, Decimal]]:
    return {k: (cents(v[0]), cents(v[1])) for k, v in sorted(acc.items(), key=lambda kv: str(kv[0]))}


def new_acc() -> defaultdict[str, list[Decimal]]:
    return defaultdict(lambda: [ZERO, ZERO])


# --------------------------------------------------------------------------------------------
# 1. Reseller sales export (Microsoft PL-300 lab data), UTF-16 CSV
def derive_reseller_sales_202006_utf16() -> dict:
    df = pd.read_csv(
        HERE / "reseller_sales_202006_utf16.csv", encoding="utf-16", dtype=str, keep_default_na=False
    )
    acc = new_acc()
    for _, r in df.iterrows():
        acc[r["ResellerKey"]][0] += D(r["SalesAmount"])
        acc[r["ResellerKey"]][1] += D(r["TotalProductCost"])
    return finish(acc)


# 2. Reseller sales targets, wide: Year x EmployeeID rows, M01..M12 columns, '-' = no target
def derive_reseller_sales_targets_wide() -> dict:
    df = pd.read_csv(
        HERE / "reseller_sales_targets_wide.csv", encoding="utf-16", dtype=str, keep_default_na=False
    )
    months = [f"M{m:02d}" for m in range(1, 13)]
    acc = new_acc()
    for _, r in df.iterrows():
        for m in months:
            cell = r[m].strip()
            if cell in ("-", ""):
                continue
            acc[r["EmployeeID"]][0] += D(cell)
    return finish(acc)


# 3. Microsoft "Financial Sample": Segment x Sales / COGS
def derive_financial_sample() -> dict:
    df = pd.read_excel(HERE / "financial_sample.xlsx", sheet_name="Sheet1", engine="openpyxl")
    acc = new_acc()
    for _, r in df.iterrows():
        acc[r["Segment"]][0] += D(r["Sales"])
        acc[r["Segment"]][1] += D(r["COGS"])
    return finish(acc)


# 4. Tableau Superstore export with display-formatted money ('$262', '-$383')
def derive_superstore_orders_formatted() -> dict:
    df = pd.read_csv(
        HERE / "superstore_orders_formatted.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False
    )
    acc = new_acc()
    for _, r in df.iterrows():
        sales, profit = dollars(r["Sales"]), dollars(r["Profit"])
        acc[r["Region"]][0] += sales
        acc[r["Region"]][1] += sales - profit
    return finish(acc)


# 5. CRM sales funnel: only Status == 'won'; Price is the deal amount
def derive_crm_sales_funnel() -> dict:
    df = pd.read_excel(HERE / "crm_sales_funnel.xlsx", engine="openpyxl")
    acc = new_acc()
    for _, r in df.iterrows():
        if str(r["Status"]).strip().lower() != "won":
            continue
        acc[r["Name"]][0] += D(r["Price"])
    return finish(acc)


# 6. Sales by rep, dates as text, ext price = quantity x unit price
def derive_sales_reps_text_dates() -> dict:
    df = pd.read_excel(HERE / "sales_reps_text_dates.xlsx", engine="openpyxl")
    acc = new_acc()
    for _, r in df.iterrows():
        acc[r["sales rep"]][0] += D(r["ext price"])
    return finish(acc)


# 7. Same layout on six sheets (one per period, not in date order)
def derive_sales_2018_one_sheet_per_period() -> dict:
    sheets = pd.read_excel(HERE / "sales_2018_one_sheet_per_period.xlsx", sheet_name=None, engine="openpyxl")
    acc = new_acc()
    for _, df in sheets.items():
        for _, r in df.iterrows():
            acc[r["name"]][0] += D(r["ext price"])
    return finish(acc)


# 8. Invoice lines where TOTAL_PRICE_USD is not always QUANTITY x UNIT_PRICE_USD
def derive_invoices_qty_price_mismatch() -> dict:
    df = pd.read_excel(HERE / "invoices_qty_price_mismatch.xlsx", engine="openpyxl")
    acc = new_acc()
    for _, r in df.iterrows():
        acc[r["CUSTOMER_NAME"]][0] += D(r["TOTAL_PRICE_USD"])
    return finish(acc)


def invoices_qty_price_mismatch_alternative() -> dict:
    """The other reading: revenue = QUANTITY x UNIT_PRICE_USD (printed for the README)."""
    df = pd.read_excel(HERE / "invoices_qty_price_mismatch.xlsx", engine="openpyxl")
    acc = new_acc()
    for _, r in df.iterrows():
        acc[r["CUSTOMER_NAME"]][0] += D(r["QUANTITY"]) * D(r["UNIT_PRICE_USD"])
    return finish(acc)


# 9. Packt "WORKINGS FOR FM BOOK": sheet SalesReport, header in row 4 from column B,
#    cached formula values; cost = Units Sold x Unit Cost (Cost of Sales is filled once only)
def derive_sales_report_formulas_lookup_cost() -> dict:
    wb = openpyxl.load_workbook(HERE / "sales_report_formulas_lookup_cost.xlsx", data_only=True)
    ws = wb["SalesReport"]
    header = [c.value for c in ws[4]]
    col = {name: i for i, name in enumerate(header) if name}
    acc = new_acc()
    for row in ws.iter_rows(min_row=5, values_only=True):
        person = row[col["Salesperson"]]
        if person is None:
            continue
        units = D(row[col["Units Sold"]])
        acc[person][0] += D(row[col["Sales"]])
        acc[person][1] += units * D(row[col["Unit Cost"]])
    return finish(acc)


# 10. Packt Wazobia financial model: P&L with years as columns; actual years only (Y01A..Y05A)
def derive_pnl_wide_years_financial_model() -> dict:
    df = pd.read_excel(
        HERE / "pnl_wide_years_financial_model.xlsx",
        sheet_name="Financial Model",
        header=None,
        engine="openpyxl",
    )
    header_row = df.index[df.iloc[:, 4].astype(str).eq("Y01A")][0]
    periods = df.iloc[header_row]
    actual_cols = [c for c in df.columns if isinstance(periods[c], str) and periods[c].endswith("A")]
    label = df.iloc[:, 1].astype(str).str.strip()
    revenue_row = df.index[label.eq("Revenue")][0]
    cost_labels = [
        "Cost of sales",
        "Sales and marketing expenses",
        "General and administration expenses",
        "Depreciation",
        "Other expenses",
    ]
    revenue = sum((D(df.at[revenue_row, c]) for c in actual_cols), ZERO)
    cost = ZERO
    for name in cost_labels:
        r = df.index[label.eq(name)][0]
        cost += sum((D(df.at[r, c]) for c in actual_cols), ZERO)
    return {"Wazobia Global Limited": (cents(revenue), cents(cost))}


# 11. Robyn simulated weekly MMM data: one column of spend per channel, revenue not split
def derive_mmm_weekly_channel_spend_wide() -> dict:
    df = pd.read_csv(HERE / "mmm_weekly_channel_spend_wide.csv", dtype=str, keep_default_na=False)
    acc = new_acc()
    for column in df.columns:
        if column.endswith("_S"):
            channel = column[:-2]
            for cell in df[column]:
                acc[channel][1] += D(cell)
    for cell in df["revenue"]:
        acc[UNATTRIBUTED][0] += D(cell)
    return finish(acc)


# 12. DATEV Buchungsstapel (EXTF), SKR03 read: 8xxx revenue, 3xxx/4xxx cost, both sides
def derive_datev_buchungsstapel_extf() -> dict:
    raw = (HERE / "datev_buchungsstapel_extf.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(raw)))
    header = rows[1]
    i_amount = header.index("Umsatz (ohne Soll/Haben-Kz)")
    i_side = header.index("Soll/Haben-Kennzeichen")
    i_konto = header.index("Konto")
    i_gegen = header.index("Gegenkonto (ohne BU-Schlüssel)")
    revenue = cost = ZERO
    for r in rows[2:]:
        if not r or not r[i_amount].strip():
            continue  # one booking has no amount: a data issue, not money
        amount = german(r[i_amount])
        side = r[i_side].strip()  # side of Konto; Gegenkonto takes the other side
        for account, debit in ((r[i_konto], side == "S"), (r[i_gegen], side != "S")):
            account = account.strip()
            signed = amount if debit else -amount  # + debit, - credit
            if account.startswith("8"):
                revenue -= signed  # revenue = credit - debit
            elif account[:1] in ("3", "4"):
                cost += signed  # cost = debit - credit
    return {"(no partner column)": (cents(revenue), cents(cost))}


# 13. Bank statement with a banner, Debit/Credit as text ('-50,00'), balance lines around
def derive_bank_statement_debit_credit_banner() -> dict:
    df = pd.read_excel(
        HERE / "bank_statement_debit_credit_banner.xlsx", header=None, dtype=str, engine="openpyxl"
    )
    header_row = df.index[df.iloc[:, 0].eq("Date")][0]
    revenue = cost = ZERO
    for _, r in df.iloc[header_row + 1 :].iterrows():
        if not isinstance(r[1], str):  # balance lines have no operation number
            continue
        if isinstance(r[3], str) and r[3].strip():
            cost += abs(german(r[3]))
        if isinstance(r[4], str) and r[4].strip():
            revenue += german(r[4])
    return {"(statement account)": (cents(revenue), cents(cost))}


# 14. Bank statement lines with Partner Name, Amount in the statement currency
def derive_bank_statement_partner_multicurrency() -> dict:
    df = pd.read_excel(HERE / "bank_statement_partner_multicurrency.xlsx", engine="openpyxl")
    acc = new_acc()
    for _, r in df.iterrows():
        amount = D(r["Amount"])
        if amount >= 0:
            acc[r["Partner Name"]][0] += amount
        else:
            acc[r["Partner Name"]][1] += -amount
    return finish(acc)


# 15. Microsoft Learn Fabric lab: sales lines with OrderQty, UnitPrice, TotalCost, LineTotal
def derive_sales_channels_cost_price() -> dict:
    df = pd.read_csv(
        HERE / "sales_channels_cost_price.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False
    )
    acc = new_acc()
    for _, r in df.iterrows():
        acc[r["SourceSystem"]][0] += D(r["LineTotal"])
        acc[r["SourceSystem"]][1] += D(r["TotalCost"])
    return finish(acc)


# 16. PayPal activity export: Type column, Gross / Fee / Net; funding lines have no Name
def derive_paypal_activity_type_gross_fee() -> dict:
    df = pd.read_csv(HERE / "paypal_activity_type_gross_fee.csv", dtype=str, keep_default_na=False)
    acc = new_acc()
    for _, r in df.iterrows():
        name = r["Name"].strip()
        if not name:  # "Bank Deposit to PP Account": moving own money in, not a partner's
            continue
        gross, fee = D(r["Gross"]), D(r["Fee"])
        if gross >= 0:
            acc[name][0] += gross
        else:
            acc[name][1] += -gross
        acc[name][1] += -fee  # fees are stored negative
    return finish(acc)


# 17. French bank sample in Windows-1252, dates 2012/3/22, one signed amount column
def derive_releve_bancaire_fr_cp1252() -> dict:
    df = pd.read_csv(
        HERE / "releve_bancaire_fr_cp1252.csv", encoding="cp1252", dtype=str, keep_default_na=False
    )
    revenue = cost = ZERO
    for _, r in df.iterrows():
        if r["Remarque"].upper().startswith("VIREMENT VERS"):
            continue  # transfer to own savings: neither revenue nor cost
        amount = D(r["Montant"])
        if amount >= 0:
            revenue += amount
        else:
            cost += -amount
    return {"(no partner column)": (cents(revenue), cents(cost))}


DERIVATIONS = {
    "reseller_sales_202006_utf16.csv": derive_reseller_sales_202006_utf16,
    "reseller_sales_targets_wide.csv": derive_reseller_sales_targets_wide,
    "financial_sample.xlsx": derive_financial_sample,
    "superstore_orders_formatted.csv": derive_superstore_orders_formatted,
    "crm_sales_funnel.xlsx": derive_crm_sales_funnel,
    "sales_reps_text_dates.xlsx": derive_sales_reps_text_dates,
    "sales_2018_one_sheet_per_period.xlsx": derive_sales_2018_one_sheet_per_period,
    "invoices_qty_price_mismatch.xlsx": derive_invoices_qty_price_mismatch,
    "sales_report_formulas_lookup_cost.xlsx": derive_sales_report_formulas_lookup_cost,
    "pnl_wide_years_financial_model.xlsx": derive_pnl_wide_years_financial_model,
    "mmm_weekly_channel_spend_wide.csv": derive_mmm_weekly_channel_spend_wide,
    "datev_buchungsstapel_extf.csv": derive_datev_buchungsstapel_extf,
    "bank_statement_debit_credit_banner.xlsx": derive_bank_statement_debit_credit_banner,
    "bank_statement_partner_multicurrency.xlsx": derive_bank_statement_partner_multicurrency,
    "sales_channels_cost_price.csv": derive_sales_channels_cost_price,
    "paypal_activity_type_gross_fee.csv": derive_paypal_activity_type_gross_fee,
    "releve_bancaire_fr_cp1252.csv": derive_releve_bancaire_fr_cp1252,
}


def check() -> int:
    sys.path.insert(0, str(HERE))
    from expected import CORPUS  # noqa: PLC0415 - plain data module beside this file

    failures = 0
    if set(CORPUS) != set(DERIVATIONS):
        print("files differ:", sorted(set(CORPUS) ^ set(DERIVATIONS)))
        failures += 1
    for name, fn in DERIVATIONS.items():
        got = fn()
        want = {k: (Decimal(str(r)), Decimal(str(c))) for k, (r, c) in CORPUS[name]["expected"].items()}
        if got != want:
            failures += 1
            print(f"MISMATCH {name}")
            for k in sorted(set(got) | set(want), key=str):
                if got.get(k) != want.get(k):
                    print(f"   {k!r}: derived {got.get(k)} expected {want.get(k)}")
        else:
            print(f"ok  {name} ({len(got)} partners)")
    return 1 if failures else 0


def main() -> int:
    if "--check" in sys.argv:
        return check()
    for name, fn in DERIVATIONS.items():
        result = fn()
        total_r = sum((v[0] for v in result.values()), ZERO)
        total_c = sum((v[1] for v in result.values()), ZERO)
        print(f"== {name}: {len(result)} partners, revenue {total_r}, cost {total_c}")
        for partner, (rev, cost) in result.items():
            print(f"   {partner!s:40} {rev:>16} {cost:>16}")
    alt = invoices_qty_price_mismatch_alternative()
    print("== invoices_qty_price_mismatch.xlsx, other reading (QUANTITY x UNIT_PRICE_USD):")
    for partner, (rev, _) in alt.items():
        print(f"   {partner!s:40} {rev:>16}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (InvalidOperation, KeyError) as exc:  # pragma: no cover - surfaced to the reviewer
        print("error:", exc, file=sys.stderr)
        sys.exit(1)
