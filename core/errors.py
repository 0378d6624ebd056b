"""The one error a user sees for an unusable input."""


class LedgerError(Exception):
    """An input that cannot be used at all; the message says what is wrong and what to do."""


class NoLedgerSheet(LedgerError):
    """No sheet has recognisable ledger headers; the app then offers to map the columns by hand."""
