"""A transfer between one's own accounts is money moved, neither revenue nor cost: a row whose notes
say one is left out and listed (issue 27)."""

from __future__ import annotations

import pytest

from core.reading.ledger import read_ledger
from core.reading.transfers import is_own_transfer
from tests.helpers import workbook_bytes

ROWS = [
    ["Date", "Partner", "Amount", "Remarque"],
    ["2024-03-22", "Bank", 50, "DÉPÔT"],
    ["2024-03-23", "Bank", -10, "VIREMENT VERS ÉPARGNE"],
    ["2024-03-24", "Bank", -20, "CAFÉ — €20 REÇU"],
]


def sums(ledger) -> dict[tuple[str, str], float]:
    table = ledger.entries.groupby(["alliance", "kind"], observed=True)["amount"].sum()
    return {(str(a), str(k)): float(v) for (a, k), v in table.items()}


def test_a_transfer_to_savings_is_neither_revenue_nor_cost():
    """Revenue 50; cost 20 (the café), not 30: the 10 moved to savings is left out."""
    ledger = read_ledger(workbook_bytes({"Compte": ROWS}), "releve.xlsx")
    assert sums(ledger) == {("Bank", "revenue"): 50.0, ("Bank", "cost"): 20.0}
    assert ledger.issues[["row", "column", "value", "reason"]].values.tolist() == [
        [
            3,
            "Remarque",
            "VIREMENT VERS ÉPARGNE",
            "a transfer between own accounts: money moved, not revenue or cost",
        ]
    ]
    assert (
        "Sheet 'Compte': 1 row whose column D 'Remarque' says a transfer between own accounts (such as "
        "'VIREMENT VERS ÉPARGNE') is money moved, not revenue or cost: left out and listed on Data issues. If "
        "it is revenue or a cost, leave the notes unread (the command: --map notes=)."
    ) in ledger.notes


def test_with_the_notes_left_unread_the_transfer_counts_by_its_sign():
    """Cost 10 + 20 = 30."""
    ledger = read_ledger(workbook_bytes({"Compte": ROWS}), "releve.xlsx", chosen={"notes": ""})
    assert sums(ledger) == {("Bank", "revenue"): 50.0, ("Bank", "cost"): 30.0}


@pytest.mark.parametrize(
    ("text", "moved"),
    [
        ("Transfer to savings", True),
        ("Internal transfer ref 123", True),
        ("Umbuchung auf Tagesgeld", True),
        ("Traspaso entre cuentas", True),
        ("Overboeking naar spaarrekening", True),
        ("Transfer fee", False),
        ("Virement reçu de ACME", False),
        ("Savings plan consulting", False),
    ],
)
def test_transfer_words(text, moved):
    assert is_own_transfer(text) is moved
