"""A field the user leaves unread (`--map currency=`, an empty header): no column is taken for it,
not even the one the vocabulary finds, and a note names the column passed over (issue 27).

A bank statement's Currency column may name each line's original currency while its Amount is in
the statement's own (1,525 for a payment of EUR 1,000): read as the amounts' currency it would mix
currencies that are not mixed.
"""

from __future__ import annotations

import pytest

from core.errors import UnreadField
from core.flags import SettingFlagError, chosen_columns
from core.reading.completeness import command_hint
from core.reading.ledger import read_ledger
from tests.helpers import workbook_bytes

HEADER = ["Date", "Partner", "Amount", "Currency"]
# Amounts in the statement's currency; Currency names each line's original one.
ROWS = [
    ["2024-01-10", "Acme", 1525, "EUR"],
    ["2024-01-11", "Acme", -33.5, "USD"],
    ["2024-01-12", "Beta", 200, "USD"],
]


def statement() -> bytes:
    return workbook_bytes({"Statement": [HEADER, *ROWS]})


def sums(ledger) -> dict[tuple[str, str], float]:
    table = ledger.entries.groupby(["alliance", "kind"], observed=True)["amount"].sum()
    return {(str(a), str(k)): float(v) for (a, k), v in table.items()}


def test_a_currency_column_of_two_codes_is_refused_naming_the_column_to_leave_unread():
    with pytest.raises(UnreadField) as refusal:
        read_ledger(statement(), "statement.xlsx")
    assert refusal.value.field == "currency"
    assert str(refusal.value).startswith(
        "Sheet 'Statement' mixes currencies in column 'Currency': USD (2 rows), EUR (1 rows)."
    )
    assert str(refusal.value).endswith(
        "If column 'Currency' is not the currency of the amounts (a statement's original currency of each "
        "line), leave it unread: no column for the currency."
    )
    assert command_hint(refusal.value) == "--map currency= (an empty header: no column is the currency)"


def test_left_unread_the_column_is_not_read_and_a_note_says_so():
    """Acme: revenue 1,525, cost 33.50; Beta: revenue 200. No entry has a currency."""
    ledger = read_ledger(statement(), "statement.xlsx", chosen={"currency": ""})
    assert sums(ledger) == {("Acme", "revenue"): 1525.0, ("Acme", "cost"): 33.5, ("Beta", "revenue"): 200.0}
    assert set(ledger.entries["currency"].astype(str)) == {""}
    assert "currency" not in ledger.source.columns
    assert "Sheet 'Statement': column D 'Currency' is not read as the currency, as told (no column is)." in (
        ledger.notes
    )


def test_a_field_left_unread_with_no_such_column_is_said_too():
    data = workbook_bytes({"Statement": [HEADER[:3], *(row[:3] for row in ROWS)]})
    ledger = read_ledger(data, "statement.xlsx", chosen={"category": ""})
    assert "Sheet 'Statement': no column is read as the category, as told." in ledger.notes


def test_an_empty_header_on_the_command_leaves_the_field_unread():
    assert chosen_columns(["currency=", "amount=Amount"]) == {"currency": "", "amount": "Amount"}


@pytest.mark.parametrize("field", ["date", "alliance"])
def test_the_date_and_the_alliance_cannot_be_left_unread(field):
    with pytest.raises(SettingFlagError, match=f"--map {field}=: every ledger has a {field}"):
        chosen_columns([f"{field}="])
