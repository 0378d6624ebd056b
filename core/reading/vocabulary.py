"""The words real exports use for each ledger field, in one table: header -> field.

Partner sales exports, CRM opportunity lists, campaign spend sheets and accounting ledgers name
their columns their own way (`Net Sales`, `COGS`, `Reseller`, `Order Date`, `Umsatz`). Headers are
compared once normalised (`parsing.normalise_header`: case, accents, spaces, punctuation,
underscores, CamelCase and trailing units such as `($)` or `USD` set aside), so `Net_Sales (USD)`,
`NET SALES` and `NetSales` are one header.

Within a field the words run from the most specific to the least: when a sheet has two columns a
field could take, the earlier word's column is used. Words in the first group of a field are its
own name ('revenue', 'cost'); two columns of the later, looser words for a figure (revenue, cost)
are never chosen between silently (see `headers.match_header`). The README's "What the ledger
looks like" is written from this table (`vocabulary_markdown`), so it cannot drift from it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldWords:
    """A ledger field's header words: its own names, then the words real exports use, per language."""

    field: str
    meaning: str
    own: tuple[str, ...]
    english: tuple[str, ...] = ()
    other_languages: tuple[str, ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        """Every word, most specific first."""
        return (*self.own, *self.english, *self.other_languages)


VOCABULARY: tuple[FieldWords, ...] = (
    FieldWords(
        "date",
        "the day (or period) of the entry",
        ("date", "entry date"),
        (
            "transaction date",
            "posting date",
            "posted date",
            "booking date",
            "invoice date",
            "order date",
            "close date",
            "closed date",
            "closing date",
            "value date",
            "document date",
            "sales date",
            "ship date",
            "period",
            "fiscal period",
            "month",
            "quarter",
            "date period",
        ),
        (
            "datum",
            "buchungsdatum",
            "rechnungsdatum",
            "belegdatum",
            "monat",
            "date de facture",
            "date de facturation",
            "mois",
            "fecha",
            "fecha de factura",
            "mes",
            "factuurdatum",
            "boekdatum",
            "maand",
            "periode",
        ),
    ),
    FieldWords(
        "alliance",
        "the partner or alliance the entry belongs to",
        ("alliance", "alliance name", "partner", "partner name", "partnership", "partnership name"),
        (
            "alliance partner",
            "partner id",
            "partner account",
            "channel partner",
            "reseller",
            "reseller name",
            "distributor",
            "distributor name",
            "retailer",
            "retailer name",
            "affiliate",
            "vendor",
            "vendor name",
            "supplier",
            "supplier name",
            "sales channel",
            "channel",
            "program",
            "programme",
            "account name",
            "account",
        ),
        (
            "vertriebspartner",
            "handler",
            "lieferant",
            "kanal",
            "partenaire",
            "revendeur",
            "distributeur",
            "fournisseur",
            "canal",
            "socio",
            "distribuidor",
            "proveedor",
            "leverancier",
            "wederverkoper",
        ),
    ),
    FieldWords(
        "kind",
        "revenue or cost, when one amount column holds both",
        ("kind", "entry kind", "revenue or cost", "revenue cost"),
        (
            "income expense",
            "inflow outflow",
            "flow",
            "direction",
            "entry type",
            "transaction type",
            "debit credit",
            "d c",
            "dr cr",
            "af bij",
            "type",
        ),
        ("art", "buchungsart", "typ", "tipo", "soort"),
    ),
    FieldWords(
        "amount",
        "the money of the entry: with a kind column, or signed (positive revenue, negative cost) without one",
        ("amount",),
        ("value", "net amount", "sum", "total amount", "transaction amount"),
        ("betrag", "montant", "importe", "monto", "bedrag"),
    ),
    FieldWords(
        "revenue",
        "money the alliance brought in (a column of its own)",
        ("revenue", "revenues", "alliance revenue"),
        (
            "net sales",
            "total sales",
            "gross sales",
            "sales amount",
            "sales revenue",
            "revenue amount",
            "total revenue",
            "net revenue",
            "income",
            "inflow",
            "sales",
            "turnover",
            "bookings",
            "billings",
            "invoice amount",
            "invoiced amount",
            "deal value",
            "deal amount",
            "opportunity amount",
            "amount won",
            "closed won amount",
            "won amount",
        ),
        (
            "umsatz",
            "umsatzerlose",
            "erlose",
            "erloese",
            "einnahmen",
            "chiffre d affaires",
            "ventes",
            "recettes",
            "ventas",
            "ingresos",
            "facturacion",
            "omzet",
            "opbrengsten",
            "opbrengst",
        ),
    ),
    FieldWords(
        "cost",
        "money the alliance cost, stored positive (a column of its own)",
        ("cost", "costs", "alliance cost"),
        (
            "total cost",
            "total costs",
            "cost of sales",
            "cost of goods sold",
            "cogs",
            "expense",
            "expenses",
            "outflow",
            "spend",
            "marketing spend",
            "campaign spend",
            "mdf",
            "mdf spend",
            "co op",
            "coop",
            "commission",
            "commissions",
            "payout",
            "partner fees",
            "partner fee",
            "rebate",
            "rebates",
            "incentive",
            "incentives",
            "program cost",
            "programme cost",
        ),
        (
            "kosten",
            "aufwand",
            "ausgaben",
            "cout",
            "couts",
            "depenses",
            "charges",
            "costo",
            "costos",
            "coste",
            "costes",
            "gastos",
            "uitgaven",
        ),
    ),
    FieldWords(
        "profit",
        "revenue minus cost: with revenue and no cost column, cost is worked out as revenue - profit",
        ("profit", "gross profit", "net profit", "profit amount", "margin amount"),
        ("gross margin", "margin"),
        ("gewinn", "rohertrag", "deckungsbeitrag", "benefice", "marge", "beneficio", "ganancia", "winst"),
    ),
    FieldWords(
        "quantity",
        "units sold or bought: with a unit price (or unit cost) and no revenue (or cost) column, "
        "revenue is worked out as quantity x unit price (cost as quantity x unit cost)",
        ("quantity", "qty", "units sold", "quantity sold", "number of units"),
        ("units", "unit count", "volume"),
        ("menge", "anzahl", "stuckzahl", "quantite", "cantidad", "unidades", "aantal"),
    ),
    FieldWords(
        "unit price",
        "the price of one unit (only with a quantity column)",
        ("unit price", "price per unit", "unit sales price", "unit selling price"),
        ("sale price per unit", "unit sale price"),
        ("stuckpreis", "einzelpreis", "prix unitaire", "precio unitario", "stukprijs", "eenheidsprijs"),
    ),
    FieldWords(
        "unit cost",
        "the cost of one unit (only with a quantity column)",
        ("unit cost", "cost per unit", "unit cogs"),
        ("unit purchase price",),
        ("stuckkosten", "cout unitaire", "costo unitario", "coste unitario", "kostprijs per stuk"),
    ),
    FieldWords(
        "fee",
        "what a payment processor kept of each row (PayPal's or Stripe's Fee): read as a second cost "
        "of the row, beside its money",
        ("fee", "fees"),
        (
            "fee amount",
            "transaction fee",
            "transaction fees",
            "processing fee",
            "processing fees",
            "paypal fee",
        ),
        ("gebuhr", "gebuhren", "transaktionsgebuhr", "transactiekosten"),
    ),
    FieldWords(
        "debit",
        "money out, as bank statements and account ledgers write it: read as cost (beside a credit)",
        ("debit", "debits", "debit amount"),
        ("withdrawal", "withdrawals", "money out", "paid out", "dr"),
        ("soll", "lastschrift", "debet", "debe", "cargo"),
    ),
    FieldWords(
        "credit",
        "money in, beside a debit column: read as revenue",
        ("credit", "credits", "credit amount"),
        ("deposit", "deposits", "money in", "paid in", "cr"),
        ("haben", "gutschrift", "haber", "abono"),
    ),
    FieldWords(
        "category",
        "what the money was for (joint sales, co-marketing, referral fees...)",
        ("category", "cost category", "revenue category"),
        ("stream", "line item", "account"),
        ("kategorie", "categorie", "categoria"),
    ),
    FieldWords(
        "currency",
        "the entry's currency code",
        ("currency", "ccy", "currency code", "cur"),
        (),
        ("wahrung", "devise", "moneda", "valuta"),
    ),
    FieldWords(
        "attribution",
        "sourced or influenced revenue",
        ("attribution", "revenue attribution", "source type", "sourced or influenced"),
    ),
    FieldWords(
        "stage",
        "a CRM deal's stage or status: only rows of a won stage count (the stage table below)",
        ("stage", "deal stage", "opportunity stage", "sales stage", "pipeline stage"),
        ("status", "deal status", "opportunity status", "order status"),
        ("phase", "verkaufsphase", "etape", "statut", "etapa", "estado", "fase"),
    ),
    FieldWords(
        "notes",
        "free text, kept with the entry",
        ("notes", "note", "memo", "description", "comment", "comments"),
        ("label", "details", "detail", "narrative", "particulars", "transaction description"),
        (
            "bemerkung",
            "beschreibung",
            "verwendungszweck",
            "buchungstext",
            "commentaire",
            "remarque",
            "remarques",
            "libelle",
            "descripcion",
            "concepto",
            "omschrijving",
        ),
    ),
)


BY_FIELD: dict[str, FieldWords] = {entry.field: entry for entry in VOCABULARY}
# The ledger's header words, as the header scan takes them: field -> words, most specific first.
LEDGER_HEADERS: dict[str, tuple[str, ...]] = {entry.field: entry.words for entry in VOCABULARY}
# Figures a sheet may give in another form: figure -> the columns it is worked out from.
WORKED_OUT_FROM: dict[str, tuple[str, ...]] = {
    "revenue": ("quantity", "unit price"),
    "cost": ("quantity", "unit cost"),
}
# Figures whose looser words may not be chosen between in silence (two 'sales' columns of one sheet).
STRICT_FIELDS = ("revenue", "cost")

# The year of a sheet whose months are columns ('Jan'..'Dec' with the year in a column of its own).
YEAR_HEADERS = ("year", "fiscal year", "fy", "jahr", "geschaftsjahr", "annee", "ano", "jaar", "boekjaar")


def own_words(field: str) -> tuple[str, ...]:
    """A field's own names ('revenue', 'revenues', 'alliance revenue')."""
    return BY_FIELD[field].own


def vocabulary_markdown() -> str:
    """The table as Markdown for the README: each field, what it is, and the headers read as it."""
    lines = ["| field | what it is | headers read as it (any case, spaces, `_` or units) |", "|---|---|---|"]
    for entry in VOCABULARY:
        words = ", ".join(f"`{w}`" for w in (*entry.own, *entry.english))
        also = ", ".join(f"`{w}`" for w in entry.other_languages)
        foreign = f"; also {also}" if also else ""
        lines.append(f"| {entry.field} | {entry.meaning} | {words}{foreign} |")
    return "\n".join(lines)


if __name__ == "__main__":  # the README's tables: python -m core.reading.vocabulary
    from core.reading.kind_values import kind_values_markdown
    from core.reading.stages import stages_markdown

    print(vocabulary_markdown(), kind_values_markdown(), stages_markdown(), sep="\n\n")
