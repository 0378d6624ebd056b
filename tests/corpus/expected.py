"""Expected analyst readings of the real-spreadsheet corpus (issue #27).

Plain data, no imports from the application. ``CORPUS`` maps each file name in this folder to:

- ``sheet``: the sheet to read (``None`` for CSV files; a phrase when several sheets count).
- ``partner``: the header a partnership manager would treat as "the alliance", or a phrase when no
  column is one (the figures then sit under one descriptive key such as ``"(no partner column)"``).
- ``revenue``, ``cost``, ``date``: a header, or the rule that produces the figure.
- ``map``: the ``--map FIELD=HEADER`` answers a user would give, FIELD among date, alliance, kind,
  amount, revenue, cost, profit, quantity, unit price, unit cost, debit, credit, currency, category.
  Empty when no header mapping can express the reading (wide layouts, P&L blocks). An empty header
  (``"currency": ""``, the command's ``--map currency=``) says that no column is that field.
- ``statement`` (a statement with periods as columns only): the answers no ``--map`` can give, as
  the command takes them: ``rows`` for ``--statement-rows`` and ``periods`` for ``--periods``.
- ``assumptions``: which rows count, sign conventions, derived figures, cuts.
- ``ambiguous``: why no rule could decide the reading on its own ("" when nothing is).
- ``expected``: ``{partner: (revenue, cost)}`` in the file's own money, summed exactly from the cells
  and rounded half away from zero to the cent at the end only. Partner keys are the cell text
  (integer keys such as ResellerKey kept as their text). The key ``"__unattributed__"`` carries
  money that belongs to no partner (revenue that the file does not split per channel).
- ``refused`` (only where the analyst's reading cannot be a per-partner ROI at all): the opening of
  the message the product must refuse the file with, as it is and with the ``map`` answers; the
  ``expected`` figures then record what the cells hold, which no ROI per partner can be made of.

``derive.py`` beside this file recomputes every ``expected`` with pandas from the raw cells;
``derive.py --check`` compares the two. Origins, licences and cuts are in README.md.
"""

CORPUS: dict[str, dict] = {
    "reseller_sales_202006_utf16.csv": {
        "sheet": None,
        "partner": "ResellerKey",
        "revenue": "SalesAmount",
        "cost": "TotalProductCost",
        "date": "OrderDate",
        "map": {
            "date": "OrderDate",
            "alliance": "ResellerKey",
            "revenue": "SalesAmount",
            "cost": "TotalProductCost",
            "quantity": "OrderQuantity",
            "unit price": "UnitPrice",
        },
        "assumptions": (
            "Every one of the 1,750 lines counts (the file is the first 1,750 of 3,004 lines). SalesAmount "
            "equals OrderQuantity x UnitPrice on every line (checked), so either reading gives the same "
            "revenue. TotalProductCost is the line's cost, stored positive. Resellers are known only by their "
            "key."
        ),
        "ambiguous": (
            "Three keys could be 'the alliance' (ResellerKey, EmployeeKey, SalesTerritoryKey); a channel "
            "manager reads ResellerKey. Three dates (OrderDate, DueDate, ShipDate); OrderDate is the sale. "
            "Many lines sell below cost (TotalProductCost > SalesAmount), so negative ROI is real, not a sign "
            "error. Encoding is UTF-16 LE with BOM."
        ),
        "expected": {
            "10": (83873.95, 78621.84),
            "104": (755.78, 748.06),
            "106": (63.9, 47.29),
            "118": (38391.41, 35048.96),
            "121": (17147.21, 15241.07),
            "128": (930.28, 882.09),
            "142": (65218.2, 67837.94),
            "149": (35783.24, 34220.9),
            "154": (89981.82, 92501.89),
            "155": (50941.02, 53596.75),
            "156": (7071.44, 7253.2),
            "173": (22057.83, 23295.73),
            "176": (29934.91, 28017.11),
            "182": (53083.24, 54112.58),
            "187": (34208.7, 31273.31),
            "197": (30805.72, 29395.2),
            "202": (802.4, 801.59),
            "212": (2071.91, 1997.24),
            "216": (7933.43, 8231.98),
            "228": (518.3, 515.38),
            "24": (68141.99, 76016.74),
            "249": (10112.79, 10018.25),
            "254": (66200.15, 62575.1),
            "272": (29634.13, 27198.55),
            "276": (926.91, 933.24),
            "281": (41654.38, 42112.29),
            "282": (27995.82, 28731.46),
            "293": (26261.0, 23442.84),
            "295": (2847.37, 2975.21),
            "297": (31535.61, 32230.15),
            "306": (30163.48, 31776.12),
            "311": (19321.96, 20320.03),
            "319": (11463.65, 11869.27),
            "322": (1712.91, 1461.39),
            "327": (32974.25, 30632.24),
            "340": (30600.81, 30705.64),
            "408": (32176.07, 32434.41),
            "420": (47848.02, 49307.25),
            "424": (1626.6, 1888.53),
            "443": (494.0, 497.4),
            "448": (90341.14, 93281.66),
            "460": (10.78, 6.72),
            "47": (3593.78, 3027.49),
            "473": (2567.05, 2588.0),
            "477": (7912.0, 8166.8),
            "48": (39348.26, 40376.78),
            "481": (36155.68, 38019.12),
            "483": (2821.56, 2906.89),
            "497": (14908.95, 14001.43),
            "499": (51603.03, 54289.18),
            "509": (28733.53, 29348.95),
            "557": (1117.39, 1113.0),
            "561": (1466.01, 1554.95),
            "571": (1082.57, 738.98),
            "573": (58088.67, 59338.73),
            "579": (30142.79, 31739.97),
            "582": (33319.68, 33724.16),
            "586": (3755.81, 3128.48),
            "587": (5573.9, 5742.56),
            "59": (12563.64, 12927.2),
            "595": (1751.7, 1790.09),
            "609": (713.8, 721.88),
            "611": (57026.33, 58320.13),
            "613": (3539.79, 2993.84),
            "621": (53858.55, 55113.81),
            "630": (105.29, 77.92),
            "633": (1734.02, 1758.41),
            "635": (1929.58, 1950.12),
            "637": (1365.57, 1439.25),
            "640": (9641.66, 9909.32),
            "644": (19965.38, 20870.65),
            "672": (45787.03, 46729.09),
            "675": (4373.71, 4404.54),
            "678": (65232.52, 60392.82),
            "682": (23686.74, 23760.95),
            "685": (29907.83, 27515.34),
            "688": (31237.67, 31172.03),
            "692": (4086.33, 4166.8),
            "701": (5864.04, 6219.79),
            "72": (85917.16, 91027.09),
            "88": (29187.03, 27381.77),
            "90": (36745.78, 38125.49),
        },
    },
    "reseller_sales_targets_wide.csv": {
        "sheet": None,
        "partner": "EmployeeID",
        "revenue": "sum of M01..M12 on each row ('-' = no target)",
        "cost": "none (0)",
        "date": "Year column + month column (M01 = January ... M12 = December)",
        "map": {"alliance": "EmployeeID", "date": "Year"},
        "assumptions": (
            "Wide layout: one row per Year x EmployeeID, one column per month. A '-' is an empty month, not "
            "zero revenue and not a negative. All years 2017-2021 summed. These are sales targets (a plan), "
            "read as revenue because they are the only money in the file; there is no cost."
        ),
        "ambiguous": (
            "The figures are targets, not actual revenue: a rule cannot know whether a plan may be analysed "
            "as revenue. The month is only in the column header (M01..M12) and the year in another column, so "
            "no single header can be mapped as the date. UTF-16 LE with BOM."
        ),
        "expected": {
            "112432117": (221700.0, 0.0),
            "134219713": (9050.0, 0.0),
            "139397894": (59850.0, 0.0),
            "191644724": (40850.0, 0.0),
            "234474252": (23675.0, 0.0),
            "399771412": (18875.0, 0.0),
            "481044938": (3050.0, 0.0),
            "502097814": (110150.0, 0.0),
            "61161660": (53850.0, 0.0),
            "615389812": (13675.0, 0.0),
            "668991357": (13575.0, 0.0),
            "716374314": (13250.0, 0.0),
            "758596752": (3210.0, 0.0),
            "841560125": (31150.0, 0.0),
            "90836195": (17100.0, 0.0),
            "954276278": (4125.0, 0.0),
            "982310417": (19450.0, 0.0),
            "987554265": (19625.0, 0.0),
        },
    },
    "financial_sample.xlsx": {
        "sheet": "Sheet1",
        "partner": "Segment",
        "revenue": "Sales",
        "cost": "COGS",
        "date": "Date",
        "map": {
            "date": "Date",
            "alliance": "Segment",
            "revenue": "Sales",
            "cost": "COGS",
            "profit": "Profit",
            "quantity": "Units Sold",
            "unit price": "Sale Price",
            "category": "Product",
        },
        "assumptions": (
            "All 700 rows count. Sales is net of Discounts (Gross Sales - Discounts); COGS is the cost; "
            "Profit = Sales - COGS on every row (checked to 1e-11), so 'cost = Sales - Profit' gives the same "
            "figures. COGS is not Units Sold x Manufacturing Price (536 of 700 rows differ), so no unit-cost "
            "rule applies. Segment is the alliance dimension ('Channel Partners' is one of its values)."
        ),
        "ambiguous": (
            "Segment or Country could be 'the alliance'. Gross Sales vs Sales as revenue. Units Sold x Sale "
            "Price equals Gross Sales, not Sales, so a quantity x price rule overstates revenue by the "
            "discounts. Month Number / Month Name / Year repeat the Date (Year is stored as text); Discount "
            "Band holds the text 'None'."
        ),
        "expected": {
            "Channel Partners": (1800593.64, 483790.5),
            "Enterprise": (19611694.38, 20226240.0),
            "Government": (52504260.67, 41116087.5),
            "Midmarket": (2381883.08, 1721780.0),
            "Small Business": (42427918.5, 38284750.0),
        },
    },
    "superstore_orders_formatted.csv": {
        "sheet": None,
        "partner": "Region",
        "revenue": "Sales",
        "cost": "Sales - Profit",
        "date": "Order Date (text, m/d/yyyy)",
        "map": {
            "date": "Order Date",
            "alliance": "Region",
            "revenue": "Sales",
            "profit": "Profit",
            "quantity": "Quantity",
            "category": "Category",
        },
        "assumptions": (
            "First 1,400 of the 9,994 order lines. Money is as displayed by Tableau's export: whole dollars "
            "with '$' and thousands commas, negatives as '-$383'; the figures are those rounded dollars, not "
            "the underlying cents. Cost is derived as Sales - Profit (there is no cost column)."
        ),
        "ambiguous": (
            "Region, Segment and Manufacturer are all plausible alliance columns. 'Profit (bin)' is a "
            "histogram bucket and 'Profit Ratio' / 'Discount' are percentages: none is money. Order Date and "
            "Ship Date are both text m/d/yyyy."
        ),
        "expected": {
            "Central": (78565.0, 77787.0),
            "East": (89621.0, 80599.0),
            "South": (59619.0, 53737.0),
            "West": (98033.0, 84588.0),
        },
    },
    "crm_sales_funnel.xlsx": {
        "sheet": "Sheet1",
        "partner": "Name",
        "revenue": "Price, only rows with Status == 'won'",
        "cost": "none (0)",
        "date": "none",
        "map": {"alliance": "Name", "revenue": "Price"},
        "assumptions": (
            "A CRM funnel export: Status is won / pending / presented / declined. Only 'won' rows are "
            "revenue; pending and presented are open pipeline, declined is lost. Price is read as the deal "
            "amount (as the source article sums it), not a unit price. No cost and no date in the file."
        ),
        "ambiguous": (
            "Price could be a unit price (Quantity x Price would give Herman LLC 130,000, Keeling LLC "
            "500,000...). Which stages count is a business rule. The alliance could be Name (account), Rep or "
            "Manager. There is no date at all, so before/after and trends cannot be computed."
        ),
        "expected": {
            "Herman LLC": (65000.0, 0.0),
            "Kassulke, Ondricka and Metz": (7000.0, 0.0),
            "Keeling LLC": (100000.0, 0.0),
            "Kiehn-Spinka": (65000.0, 0.0),
        },
    },
    "sales_reps_text_dates.xlsx": {
        "sheet": "sample-salesv4",
        "partner": "sales rep",
        "revenue": "ext price",
        "cost": "none (0)",
        "date": "date (text 'YYYY-MM-DD HH:MM:SS')",
        "map": {
            "date": "date",
            "alliance": "sales rep",
            "revenue": "ext price",
            "quantity": "quantity",
            "unit price": "unit price",
            "category": "category",
        },
        "assumptions": (
            "All 1,500 lines; ext price = quantity x unit price on every line (checked). Dates are text with "
            "a time of day. No cost column."
        ),
        "ambiguous": "'customer name' and 'sales rep' are both candidate alliance columns; the reading uses sales rep.",
        "expected": {
            "Ansley Cummings": (40235.44, 0.0),
            "Beth Skiles": (45008.99, 0.0),
            "Esequiel Schinner": (176616.38, 0.0),
            "Loring Predovic": (196994.6, 0.0),
            "Shannen Hudson": (91962.97, 0.0),
            "Teagan O'Keefe": (189323.83, 0.0),
            "Trish Deckow": (117487.98, 0.0),
        },
    },
    "sales_2018_one_sheet_per_period.xlsx": {
        "sheet": "all six sheets (Sheet1..Sheet6)",
        "partner": "name",
        "revenue": "ext price",
        "cost": "none (0)",
        "date": "date",
        "map": {
            "date": "date",
            "alliance": "name",
            "revenue": "ext price",
            "quantity": "quantity",
            "unit price": "unit price",
        },
        "assumptions": (
            "The same header on six sheets, each a slice of Jan-Mar 2018; all 299 lines on all sheets count. "
            "Negative quantities (returns) reduce revenue. ext price = quantity x unit price on every line."
        ),
        "ambiguous": (
            "A reader that takes one sheet (the first, Sheet1, is the latest period: 4-14 March) sees 39 of "
            "299 lines. Sheets are not in date order."
        ),
        "expected": {
            "Barton LLC": (20159.09, 0.0),
            "Cronin, Oberbrunner and Spencer": (25011.84, 0.0),
            "Frami, Hills and Schmidt": (9862.25, 0.0),
            "Fritsch, Russel and Anderson": (26491.52, 0.0),
            "Halvorson, Crona and Champlin": (17079.32, 0.0),
            "Herman LLC": (18119.35, 0.0),
            "Jerde-Hilpert": (23108.73, 0.0),
            "Kassulke, Ondricka and Metz": (13981.57, 0.0),
            "Keeling LLC": (12001.15, 0.0),
            "Kiehn-Spinka": (14106.72, 0.0),
            "Koepp Ltd": (14236.23, 0.0),
            "Kuhn-Gusikowski": (22900.88, 0.0),
            "Kulas Inc": (41601.91, 0.0),
            "Pollich LLC": (6388.97, 0.0),
            "Purdy-Kunde": (11470.01, 0.0),
            "Sanford and Sons": (19114.01, 0.0),
            "Stokes LLC": (22271.24, 0.0),
            "Trantow-Barrows": (26908.13, 0.0),
            "White-Trantow": (30060.01, 0.0),
            "Will LLC": (38687.69, 0.0),
        },
    },
    "invoices_qty_price_mismatch.xlsx": {
        "sheet": "Sheet1",
        "partner": "CUSTOMER_NAME",
        "revenue": "TOTAL_PRICE_USD",
        "cost": "none (0)",
        "date": "INVOICE_DATE (text, mm/dd/yyyy)",
        "map": {
            "date": "INVOICE_DATE",
            "alliance": "CUSTOMER_NAME",
            "revenue": "TOTAL_PRICE_USD",
            "quantity": "QUANTITY",
            "unit price": "UNIT_PRICE_USD",
        },
        "assumptions": (
            "All 100 invoice lines; revenue is the invoice's own TOTAL_PRICE_USD. The first line is dated "
            "09/26/2028 (in the future, almost certainly a typo) and still counts. Currency USD (from the "
            "header)."
        ),
        "ambiguous": (
            "TOTAL_PRICE_USD differs from QUANTITY x UNIT_PRICE_USD on some A 1002 lines (e.g. 3 x 937.50 = "
            "2,812.50 but total 2,650): with quantity x price A 1002 would be 104,501.24 instead of "
            "90,409.25. A 2028 date inside 1900-2100 is not flagged by a range rule."
        ),
        "expected": {
            "A 1000": (43800.0, 0.0),
            "A 1001": (52500.0, 0.0),
            "A 1002": (90409.25, 0.0),
            "A 1005": (193496.0, 0.0),
        },
    },
    "sales_report_formulas_lookup_cost.xlsx": {
        "sheet": "SalesReport",
        "partner": "Salesperson",
        "revenue": "Sales (cached formula = Units Sold x Unit Price)",
        "cost": "Units Sold x Unit Cost",
        "date": "Date",
        "map": {
            "date": "Date",
            "alliance": "Salesperson",
            "revenue": "Sales",
            "quantity": "Units Sold",
            "unit price": "Unit Price",
            "unit cost": "Unit Cost",
        },
        "assumptions": (
            "Sheet SalesReport (the 9th of 12 sheets), header in row 4 starting at column B, 16 lines. Values "
            "are the cached results of VLOOKUP/INDEX-MATCH formulas. 'Cost of Sales' is filled on the first "
            "line only, so cost is computed as Units Sold x Unit Cost (Unit Cost is looked up from the 'Prod "
            "Dbase' sheet). Commission is empty and not counted. Amounts in naira."
        ),
        "ambiguous": (
            "Cost of Sales as a column would give 1,950,000 for Mobola and nothing for anyone else. Other "
            "sheets (Workings, RefFrmWrk, SalesReport2, the pivot on Sheet1) hold overlapping sales figures; "
            "the product must be told the sheet. The same sheet has a side lookup table (AC:AF) and "
            "parameters (Bonus on Sales 2%, Hurdle 300000) in the rows above the header."
        ),
        "expected": {
            "Deji": (3291600.0, 2743000.0),
            "Dupe": (8352000.0, 6960000.0),
            "Iyabo": (3715200.0, 3096000.0),
            "Lara": (3484800.0, 2904000.0),
            "Mobola": (8485200.0, 7071000.0),
            "Tunde": (3168000.0, 2640000.0),
        },
    },
    "pnl_wide_years_financial_model.xlsx": {
        "sheet": "Financial Model",
        "partner": "none: one entity (Wazobia Global Limited)",
        "revenue": "row 'Revenue', actual-year columns Y01A..Y05A",
        "cost": "rows Cost of sales + Sales and marketing + General and administration + Depreciation + Other expenses (= Revenue - OPERATING PROFIT), actual years",
        "date": "period columns Y01A..Y10F (A = actual, F = forecast)",
        "map": {},
        # The analyst's rows and actual years, as the refusal's flags say them (the row labels in full).
        "statement": {
            "rows": "revenue=Revenue;cost=Cost of sales,Sales and marketing expenses,"
            "General and administration expenses,Depreciation,Other expenses",
            "periods": "Y01A,Y02A,Y03A,Y04A,Y05A",
        },
        "assumptions": (
            "A three-statement model: the P&L block sits in rows 72-92 with years as columns. Only the five "
            "actual years count; forecast years (Y06F..Y10F) are excluded. Cost is operating cost; other "
            "income, finance cost, interest and income tax are excluded. All amounts are in N '000 (thousands "
            "of naira), as the sheet says. Values are cached formula results."
        ),
        "ambiguous": (
            "No partner dimension at all. Whether forecasts count, and which lines below revenue are 'cost', "
            "are judgements. The period header has 'Y08F' twice (the second should read Y09F). Assumption "
            "rows (growth %, days) and balance-sheet rows share the same columns."
        ),
        "expected": {
            "Wazobia Global Limited": (1427451.17, 1214314.56),
        },
    },
    "mmm_weekly_channel_spend_wide.csv": {
        "sheet": None,
        "partner": "channel, from the spend column names (tv_S, ooh_S, print_S, search_S, facebook_S)",
        "revenue": "not attributable to a channel: the whole 'revenue' column goes to __unattributed__",
        "cost": "sum of each *_S (spend) column",
        "date": "DATE (weekly, ISO)",
        "map": {"date": "DATE", "revenue": "revenue"},
        "assumptions": (
            "Marketing-mix input: one row per week (208 weeks), one spend column per channel (suffix _S). "
            "facebook_I (impressions), search_clicks_P (clicks), competitor_sales_B (competitors' sales), "
            "newsletter (organic) and events are not our money and are ignored. Revenue is total business "
            "revenue, listed under the key __unattributed__."
        ),
        "ambiguous": (
            "Revenue cannot be split per channel without a model; any per-channel ROI needs an attribution "
            "rule. Channels are columns, not rows (wide), and are identified only by a suffix convention."
        ),
        # A ROI per channel would be -100 % for every channel (revenue all __unattributed__), and one
        # spend column mapped as the cost would drop the other four: the product refuses the file and
        # says why, as it is and with the map answers (the corpus test asserts this opening).
        "refused": (
            "Sheet 'mmm_weekly_channel_spend_wide' is a marketing-mix table, not a ledger of alliances: each "
            "row has one revenue total, B 'revenue', and the spend of each channel in a column of its own "
            "(C 'tv_S', D 'ooh_S', E 'print_S', H 'search_S', J 'facebook_S'). The revenue is not split by "
            "channel (facebook, ooh, print, search, tv), so no rule can give a channel's revenue or ROI"
        ),
        "expected": {
            "__unattributed__": (379005696.67, 0.0),
            "facebook": (0.0, 446296.83),
            "ooh": (0.0, 8989331.73),
            "print": (0.0, 775555.51),
            "search": (0.0, 1230426.67),
            "tv": (0.0, 3087487.77),
        },
    },
    "datev_buchungsstapel_extf.csv": {
        "sheet": None,
        "partner": "none (Kost1 cost centre is filled on one booking only)",
        "revenue": "SKR03 class 8 accounts: credit - debit, on Konto and Gegenkonto",
        "cost": "SKR03 classes 3 and 4: debit - credit, on Konto and Gegenkonto",
        "date": "Belegdatum 'DDMM' (3112) + year from the EXTF header (Datum vom 20221201) = 2022-12-31",
        "map": {
            "amount": "Umsatz (ohne Soll/Haben-Kz)",
            "kind": "Soll/Haben-Kennzeichen",
            "date": "Belegdatum",
            "category": "Konto",
        },
        "assumptions": (
            "DATEV EXTF Buchungsstapel: line 1 is the EXTF metadata record, line 2 the header, 98 bookings. "
            "Umsatz is unsigned with a German decimal comma; S/H is the side of Konto and Gegenkonto takes "
            "the other side. Chart of accounts read as SKR03 (4-digit accounts, 1200 bank, 1576 input VAT, "
            "8125 tax-free EU sales). One booking has no amount and is skipped."
        ),
        "ambiguous": (
            "The header's chart-of-accounts field is empty, so SKR03 vs SKR04 is an assumption (under SKR04 "
            "class 4 would be revenue). 50,000 on 8977 (an SKR03 stock-change account) dominates the "
            "'revenue'. These are year-end adjustment bookings, not partner business; a single-sided "
            "Amount/Kind reader sees only Konto and misses the Gegenkonto side."
        ),
        "expected": {
            "(no partner column)": (45000.24, 7636.66),
        },
    },
    "bank_statement_debit_credit_banner.xlsx": {
        "sheet": "meta_data_separated_credit_debi",
        "partner": "none (the statement's own account)",
        "revenue": "Credit",
        "cost": "Debit, absolute value (stored as '-50,00')",
        "date": "Date (text dd/mm/yy)",
        "map": {"date": "Date", "debit": "Debit", "credit": "Credit"},
        "assumptions": (
            "A bank statement with a 2-row banner (bank, agency, download dates; account), a blank row and an "
            "end-of-period balance line before the header; the header is row 5. Amounts are text with a "
            "decimal comma; debits carry a minus sign inside the Debit column. The trailing 'Balance at start "
            "of period' line is not a movement."
        ),
        "ambiguous": (
            "No partner column (Detail says 'CLIENTS X' once). Debit stored negative in a debit column: a "
            "rule that negates debits would turn costs into revenue. The dates (01/04/20, 02/04/20, and the "
            "banner's 01/04/2020 - 02/04/2020) read equally as day-first or month-first; only the decimal "
            "comma suggests day first, and the period is either 1-2 April or 4 January - 4 February 2020."
        ),
        "expected": {
            "(statement account)": (1300.0, 230.68),
        },
    },
    "bank_statement_partner_multicurrency.xlsx": {
        "sheet": "Sheet1",
        "partner": "Partner Name",
        "revenue": "Amount > 0",
        "cost": "-Amount where Amount < 0",
        "date": "Date",
        "map": {"date": "Date", "alliance": "Partner Name", "amount": "Amount", "currency": ""},
        "assumptions": (
            "Two statement lines. Amount is in the statement's currency (USD in the source's tests); Currency "
            "and Amount Currency give the line's original currency (EUR 1,000 for Azure Interior)."
        ),
        "ambiguous": (
            "Mapping 'Currency' would make 1,525 read as EUR although it is the statement-currency amount of "
            "EUR 1,000; the statement currency itself is not in the file. John Doe's line has Amount Currency "
            "0."
        ),
        "expected": {
            "Azure Interior": (1525.0, 0.0),
            "John Doe": (0.0, 33.5),
        },
    },
    "sales_channels_cost_price.csv": {
        "sheet": None,
        "partner": "SourceSystem",
        "revenue": "LineTotal",
        "cost": "TotalCost",
        "date": "OrderDate",
        "map": {
            "date": "OrderDate",
            "alliance": "SourceSystem",
            "revenue": "LineTotal",
            "cost": "TotalCost",
            "quantity": "OrderQty",
            "unit price": "UnitPrice",
        },
        "assumptions": (
            "204 order lines, all from one channel (OnlineStore). LineTotal = OrderQty x UnitPrice on every "
            "line (checked); TotalCost is the line's total cost (not per unit)."
        ),
        "ambiguous": (
            "Only one channel value, so per-partner ROI is a single figure; CustomerKey could be read as the "
            "partner instead. LoadDate is a second date column (the load, not the sale)."
        ),
        "expected": {
            "OnlineStore": (636741.65, 353853.07),
        },
    },
    "paypal_activity_type_gross_fee.csv": {
        "sheet": None,
        "partner": "Name",
        "revenue": "Gross > 0",
        "cost": "-Gross where Gross < 0, plus -Fee",
        "date": "Date (mm/dd/yyyy)",
        "map": {"date": "Date", "alliance": "Name", "amount": "Gross", "currency": "Currency"},
        "assumptions": (
            "PayPal activity export. Lines with an empty Name are 'Bank Deposit to PP Account' (own money "
            "moved in to fund a payment, status Pending) and are excluded. Outgoing subscription payments are "
            "costs; the incoming payment's Fee (stored negative) is a cost of that partner."
        ),
        "ambiguous": (
            "Type ('Subscription Payment') does not say direction; the sign of Gross does. Net vs Gross as "
            "revenue. Whether funding transfers count. Time and TimeZone are separate columns."
        ),
        "expected": {
            "Calm Radio": (0.0, 6.99),
            "Noble Benefactor": (10.0, 0.59),
            "Patreon": (0.0, 7.0),
            "Wikimedia Foundation, Inc.": (0.0, 2.0),
        },
    },
    "releve_bancaire_fr_cp1252.csv": {
        "sheet": None,
        "partner": "none",
        "revenue": "Montant > 0",
        "cost": "-Montant where Montant < 0, except transfers to savings",
        "date": "Date (text 'YYYY/M/D', not zero-padded)",
        "map": {"date": "Date", "amount": "Montant"},
        "assumptions": (
            "Three lines in Windows-1252 (accented capitals, an em dash and a euro sign in Remarque). "
            "'VIREMENT VERS ÉPARGNE' (transfer to savings) is own money moved, neither revenue nor cost."
        ),
        "ambiguous": (
            "The transfer: a sign rule would count 10.00 as cost (then cost 30.00). No partner column. "
            "Decoding as UTF-8 fails on the accented bytes."
        ),
        "expected": {
            "(no partner column)": (50.0, 20.0),
        },
    },
}
