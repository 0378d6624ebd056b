"""The one error a user sees for an unusable input."""


class LedgerError(Exception):
    """An input that cannot be used at all; the message says what is wrong and what to do."""


class NoLedgerSheet(LedgerError):
    """No sheet has recognisable ledger headers; the app then offers to map the columns by hand."""


class UnreadField(NoLedgerSheet):
    """A figure (revenue or cost) came out zero everywhere while the sheet has number columns that
    were not read, or its column could be one of several: the app offers the mapping step with
    `candidates` proposed for `field`; the command suggests `--map FIELD=HEADER`."""

    def __init__(self, message: str, field: str, candidates: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.field = field
        self.candidates = candidates

    @property
    def proposed(self) -> str | None:
        """The header of the candidate to propose (the last named, "C 'Net Sales'" -> 'Net Sales')."""
        return self.candidates[-1].split(" ", 1)[1].strip("'") if self.candidates else None

    def __reduce__(self) -> tuple[type, tuple[str, str, tuple[str, ...]]]:
        # Raised in the reading worker and sent back pickled: keep the field and the candidates.
        return (type(self), (str(self), self.field, self.candidates))
