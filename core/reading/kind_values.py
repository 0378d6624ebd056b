"""The values of a kind (transaction type) column, in one table: value -> revenue or cost.

A kind column in the product's own words says Revenue or Cost; accounting and bank exports write
transaction types instead (QuickBooks' Invoice, Bill and Check; a bank's Credit and Debit; DATEV's
Soll and Haben; a Dutch bank's Af and Bij). Values are compared normalised, as headers are
(`parsing.normalise_header`). A value read beyond the product's own words is said in a note with its
count, and the user may read any value otherwise (`--kind-values 'Invoice=revenue,Transfer=none'`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KindWords:
    """The values of a kind column read as revenue or as cost: the product's own words, the
    transaction types of accounting and bank exports, and the same in other languages."""

    kind: str
    own: tuple[str, ...]
    transaction_types: tuple[str, ...]
    other_languages: tuple[str, ...]

    @property
    def words(self) -> tuple[str, ...]:
        return (*self.own, *self.transaction_types, *self.other_languages)


# 'Payment' alone is left out: QuickBooks means a customer's payment received, PayPal any payment
# sent or received; the user says which (--kind-values 'Payment=revenue').
KIND_VALUES: tuple[KindWords, ...] = (
    KindWords(
        "revenue",
        ("revenue", "revenues", "income", "inflow", "in", "sales", "sale", "rev"),
        (
            "invoice",
            "sales invoice",
            "customer invoice",
            "sales receipt",
            "deposit",
            "payment received",
            "received payment",
            "customer payment",
            "credit",
            "cr",
        ),
        (
            "einnahme",
            "einnahmen",
            "erlos",
            "erlose",
            "umsatz",
            "ertrag",
            "recette",
            "recettes",
            "vente",
            "ventes",
            "ingreso",
            "ingresos",
            "venta",
            "ventas",
            "inkomsten",
            "opbrengst",
            "omzet",
            "verkoop",
            "bij",
            "haben",
            "gutschrift",
            "haber",
            "abono",
        ),
    ),
    KindWords(
        "cost",
        ("cost", "costs", "expense", "expenses", "outflow", "out", "spend", "expenditure"),
        (
            "bill",
            "vendor bill",
            "supplier invoice",
            "purchase invoice",
            "purchase",
            "check",
            "cheque",
            "bill payment",
            "payment sent",
            "payment made",
            "expense claim",
            "debit",
            "dr",
        ),
        (
            "ausgabe",
            "ausgaben",
            "kosten",
            "aufwand",
            "depense",
            "depenses",
            "cout",
            "couts",
            "achat",
            "achats",
            "gasto",
            "gastos",
            "costo",
            "costos",
            "coste",
            "compra",
            "compras",
            "uitgave",
            "uitgaven",
            "inkoop",
            "af",
            "soll",
            "lastschrift",
            "debe",
            "cargo",
            "debet",
        ),
    ),
)
# A kind cell's normalised text -> 'revenue' or 'cost'.
KIND_OF_VALUE: dict[str, str] = {word: entry.kind for entry in KIND_VALUES for word in entry.words}
# The values that are the product's own words: reading these needs no note.
OWN_KIND_VALUES = frozenset(word for entry in KIND_VALUES for word in entry.own)


def kind_values_markdown() -> str:
    """The table as Markdown for the README: each reading and the values read as it."""
    lines = [
        "| read as | the product's own words | transaction types | other languages |",
        "|---|---|---|---|",
    ]
    for entry in KIND_VALUES:
        cells = (
            ", ".join(f"`{w}`" for w in words)
            for words in (entry.own, entry.transaction_types, entry.other_languages)
        )
        lines.append(f"| {entry.kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
