"""Finding a table by its headers: the header words of each sheet, and the choice of the ledger sheet."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from core.errors import LedgerError, NoLedgerSheet, UnreadField
from core.model import HealthDimension
from core.reading.parsing import clean_name, display_value, is_blank, named_headers, normalise_header
from core.reading.vocabulary import LEDGER_HEADERS, STRICT_FIELDS, WORKED_OUT_FROM, own_words
from core.reading.workbook import SourceBook

ALLIANCE_HEADERS: dict[str, tuple[str, ...]] = {
    "alliance": LEDGER_HEADERS["alliance"],
    "type": ("type", "alliance type", "partnership type", "kind of alliance"),
    "owner": ("owner", "alliance owner", "alliance manager", "manager"),
    "start_date": ("start date", "start", "since", "signed"),
    "initiative_date": ("initiative date", "initiative", "change date", "intervention date"),
    "segment": ("segment", "region", "market"),
    "weight": ("weight", "allocation weight", "shared cost weight", "cost share"),
    "exit_conditions": (
        "exit conditions",
        "exit condition",
        "exit criteria",
        "exit clause",
        "exit clauses",
        "exit terms",
        "exit triggers",
        "exit plan",
        "exit",
    ),
}


# The Risks sheet: one row per risk of an alliance. The impact is money unless its header says it
# is a score (see IMPACT_SCORE_WORDS); normalise_header drops '(1-5)', so that is judged on the label.
RISK_HEADERS: dict[str, tuple[str, ...]] = {
    "alliance": LEDGER_HEADERS["alliance"],
    "risk": ("risk", "risks", "risk name", "risk description", "description", "threat"),
    "probability": ("probability", "likelihood", "chance", "probability of occurrence"),
    "impact": (
        "impact",
        "impact score",
        "impact rating",
        "impact amount",
        "impact value",
        "impact if it happens",
        "severity",
        "exposure",
        "potential loss",
    ),
    "mitigation": (
        "mitigation",
        "mitigation plan",
        "mitigations",
        "mitigating action",
        "response",
        "response plan",
    ),
    "owner": ("owner", "risk owner", "responsible", "owned by"),
}

# Words in an impact header that make its numbers scores (1-5) rather than money.
IMPACT_SCORE_WORDS = re.compile(r"score|rating|scale|severity|\b1\s*(?:-|–|to)\s*5\b")


# The Health sheet: one row per alliance and side, one column per dimension (scores 1-5).
HEALTH_HEADERS: dict[str, tuple[str, ...]] = {
    "alliance": LEDGER_HEADERS["alliance"],
    "side": ("side", "scored by", "rated by", "score by", "by", "perspective", "respondent", "who", "view"),
    "strategic_fit": ("strategic fit", "strategy", "strategic", "fit", "strategic alignment"),
    "operational": ("operational", "operations", "operational fit", "execution"),
    "financial": ("financial", "finance", "financials", "financial fit"),
    "relationship": ("relationship", "relationship quality", "trust", "relations"),
}

# The column of Ledger.health that holds each dimension's scores.
HEALTH_COLUMNS: dict[HealthDimension, str] = {
    HealthDimension.STRATEGIC_FIT: "strategic_fit",
    HealthDimension.OPERATIONAL: "operational",
    HealthDimension.FINANCIAL: "financial",
    HealthDimension.RELATIONSHIP: "relationship",
}


FX_HEADERS: dict[str, tuple[str, ...]] = {
    "currency": ("currency", "ccy", "currency code", "from currency", "code"),
    "date": ("month", "date", "period", "as of"),
    "rate": ("rate", "fx rate", "exchange rate", "rate to base", "rate to reporting currency"),
}


# 'Rate to USD': a rate header that also names the currency the rates convert to.
RATE_TO = re.compile(r"^(?:fx\s+)?(?:exchange\s+)?rate\s+(?:to|in)\s+([a-z]{3})$")


GOAL_HEADERS: dict[str, tuple[str, ...]] = {
    "alliance": LEDGER_HEADERS["alliance"],
    "metric": ("metric", "goal", "kpi", "objective", "measure"),
    "target": ("target", "goal value", "target value"),
    "actual": ("actual", "actual value", "current", "result"),
    "unit": ("unit", "units"),
    "start_date": ("start date", "start", "from"),
    "due_date": ("due date", "due", "deadline", "target date"),
    "owner": ("owner", "responsible"),
    "direction": ("direction", "better", "higher or lower"),
}


BENCHMARK_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("name", "benchmark", "benchmark name"),
    "roi": ("roi", "benchmark roi", "value", "rate"),
    "source": ("source", "reference"),
}


# When several sheets have ledger headers, one named like this is the ledger.
LEDGER_SHEET_NAMES = {"ledger", "alliance ledger", "transactions", "entries", "journal", "data"}


@dataclass(frozen=True)
class HeaderMatch:
    """Where a table's header row is and which column holds each field (0-based).

    `clashes`: fields whose header word heads several columns (two 'Amount' columns), as
    (column, header) pairs; `others`: unused columns headed by a less specific synonym of a field
    (a 'Value' column beside 'Amount'). Neither may be passed over in silence.
    """

    row: int
    columns: dict[str, int]
    labels: dict[str, str]
    clashes: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    others: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    # Figures read from Debit and Credit columns, whose sign says nothing (a debit of -50 is 50 out).
    unsigned: frozenset[str] = frozenset()


# Fields whose column changes the figures: two candidates for one of them refuse the ledger. For the
# others (category, notes) the first column is used and a note says so.
FIGURE_FIELDS = (
    "date",
    "alliance",
    "kind",
    "amount",
    "revenue",
    "cost",
    "profit",
    "currency",
    "attribution",
)


def match_header(
    cells: list[object],
    synonyms: dict[str, tuple[str, ...]],
    strict: tuple[str, ...] = (),
    chosen: dict[str, str] | None = None,
) -> HeaderMatch:
    """Map each field to the column whose header is its most specific synonym.

    `chosen`: fields the user named a header for (`--map revenue='Net Sales'`), taken first and
    never questioned. For a `strict` field, a column taken by one of its looser words ('Sales')
    beside another column it could be ('Gross Sales') is a clash to resolve, not a choice to note.
    """
    # 'Rate to USD' names its base currency; it is the rate column all the same.
    normalised = ["rate" if RATE_TO.match(text) else text for text in map(normalise_header, cells)]
    columns, labels = _chosen_columns(cells, chosen or {})
    clashes: dict[str, tuple[tuple[int, str], ...]] = {}
    taken: set[int] = set(columns.values())
    for name, words in synonyms.items():
        # A field the user named a header for is that header's or nobody's.
        for word in words if name not in columns and name not in (chosen or {}) else ():
            hits = [i for i, text in enumerate(normalised) if text == word and i not in taken]
            if hits:
                columns[name], labels[name] = hits[0], clean_name(cells[hits[0]])
                taken.update(hits)
                if len(hits) > 1:
                    clashes[name] = tuple((i, clean_name(cells[i])) for i in hits)
                break
    others = {
        name: found
        for name in columns
        if name in synonyms
        and name not in (chosen or {})
        and (
            found := tuple(
                (i, clean_name(cells[i]))
                for i, t in enumerate(normalised)
                if t in synonyms[name] and i not in taken
            )
        )
    }
    for name in strict:
        if name in others and normalised[columns[name]] not in own_words(name):
            clashes[name] = ((columns[name], labels[name]), *others.pop(name))
    return HeaderMatch(row=-1, columns=columns, labels=labels, clashes=clashes, others=others)


def _chosen_columns(cells: list[object], chosen: dict[str, str]) -> tuple[dict[str, int], dict[str, str]]:
    """The columns of the headers a user named for fields: as written first, else as normalised."""
    columns: dict[str, int] = {}
    labels: dict[str, str] = {}
    written = [clean_name(c).casefold() for c in cells]
    normalised = [normalise_header(c) for c in cells]
    for name, text in named_headers(chosen).items():
        hits = [i for i, c in enumerate(written) if c == clean_name(text).casefold()] or [
            i for i, c in enumerate(normalised) if c and c == normalise_header(text)
        ]
        if hits:
            columns[name], labels[name] = hits[0], clean_name(cells[hits[0]])
    return columns, labels


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column: 0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


_COUNT_WORDS = {2: "two", 3: "three", 4: "four", 5: "five"}


def clash_message(sheet: str, header: HeaderMatch, settled: set[str] | None = None) -> str | None:
    """Why a header cannot be read as it stands: two columns that could be one figure's; None if none.
    `settled`: figures the user has worked out from other columns, whose columns are not read."""
    found = []
    for name in FIGURE_FIELDS:
        if name in header.clashes and name not in (settled or set()):
            pairs = header.clashes[name]
            listed = [f"{column_letter(i)} '{label}'" for i, label in pairs]
            count = _COUNT_WORDS.get(len(pairs), str(len(pairs)))
            found.append(
                f"{count} columns could be the {name}: " + ", ".join(listed[:-1]) + f" and {listed[-1]}"
            )
            parts = WORKED_OUT_FROM.get(name, ())
            if parts and all(p in header.columns for p in parts):
                found[-1] += (
                    " (or it is worked out as "
                    + " × ".join(f"'{header.labels[p]}'" for p in parts)
                    + f": map those and not the {name})"
                )
    if not found:
        return None
    return (
        f"Sheet '{sheet}', header row {header.row + 1}: "
        + "; ".join(found)
        + "; rename one or map the columns."
    )


def header_notes(sheet: str, header: HeaderMatch) -> list[str]:
    """Notes for the columns a header passes over: a second Category or Notes, a 'Value' beside 'Amount'."""
    notes = []
    for name, pairs in header.clashes.items():
        if name not in FIGURE_FIELDS:
            (first, first_label), *rest = pairs
            notes.append(
                f"Sheet '{sheet}': "
                + ", ".join(f"{column_letter(i)} '{label}'" for i, label in rest)
                + f" could also be the {name}; {column_letter(first)} '{first_label}' was used."
            )
    for name, pairs in header.others.items():
        notes.append(
            f"Sheet '{sheet}': "
            + ", ".join(f"{column_letter(i)} '{label}'" for i, label in pairs)
            + f" could also be the {name}; {column_letter(header.columns[name])} '{header.labels[name]}' "
            "was used (the more specific header)."
        )
    return notes


def ledger_layout(columns: dict[str, int]) -> str | None:
    """'long' (kind + amount), 'wide' (revenue and/or cost columns, or the columns they are worked
    out from), 'signed' (one amount whose sign tells revenue from cost) or None if not a ledger."""
    if "date" not in columns or "alliance" not in columns:
        return None
    if "kind" in columns and "amount" in columns:
        return "long"
    worked_out = "quantity" in columns and ("unit price" in columns or "unit cost" in columns)
    if worked_out or {"revenue", "cost", "debit", "credit"} & set(columns):
        return "wide"
    if "amount" in columns:
        return "signed"
    return None


def find_header(
    rows: list[list[object]],
    synonyms: dict[str, tuple[str, ...]],
    accept: Callable[[dict], bool],
    strict: tuple[str, ...] = (),
    chosen: dict[str, str] | None = None,
) -> HeaderMatch | None:
    """The first row (within the scanned head) whose headers `accept` takes and that has every
    header the user `chosen` for a field."""
    for index, cells in enumerate(rows):
        match = match_header(cells, synonyms, strict, chosen)
        if accept(match.columns) and all(name in match.columns for name in named_headers(chosen)):
            return replace(match, row=index)
    return None


def choose_ledger_sheet(
    book: SourceBook, wanted: str | None, chosen: dict[str, str] | None = None
) -> tuple[str, HeaderMatch]:
    """The ledger sheet (`wanted`, or found by its headers) and its header; LedgerError if none.
    `chosen`: headers the user named for fields, which the header row must have."""
    names = book.sheet_names
    if not names:
        raise LedgerError(f"'{book.filename}' has no worksheets: upload a workbook with a ledger.")
    if wanted is not None:
        named = [n for n in names if n.strip().casefold() == wanted.strip().casefold()]
        if not named:
            raise LedgerError(
                f"There is no sheet named '{wanted}' in '{book.filename}'; its sheets are: "
                + ", ".join(f"'{n}'" for n in names)
                + "."
            )
        names = named
    found: list[tuple[str, HeaderMatch]] = []
    for name in names:
        header = find_header(
            book.head(name), LEDGER_HEADERS, lambda c: ledger_layout(c) is not None, STRICT_FIELDS, chosen
        )
        if header is not None:
            found.append((name, header))
    if not found:
        heads = {name: book.head(name) for name in names}
        if not any(any(not is_blank(c) for c in row) for head in heads.values() for row in head):
            raise LedgerError(
                f"'{book.filename}' is empty: no sheet has any data. Upload the ledger itself, "
                "or start from the blank template."
            )
        raise NoLedgerSheet(_no_ledger_message(book, names, chosen))
    # A ledger sheet's name first; then a sheet whose money is labelled before one whose amounts
    # only have a sign (a payments list beside the sales); then the sheet with more fields.
    found.sort(
        key=lambda item: (
            normalise_header(item[0]) not in LEDGER_SHEET_NAMES,
            ledger_layout(item[1].columns) == "signed",
            -len(item[1].columns),
        )
    )
    name, header = found[0]
    # Two columns that could be the cost are no question when the user has it worked out instead.
    settled = {
        f
        for f, parts in WORKED_OUT_FROM.items()
        if f not in (chosen or {}) and set(parts) <= set(named_headers(chosen))
    }
    problem = clash_message(name, header, settled)
    if problem is not None:
        field = next(f for f in FIGURE_FIELDS if f in header.clashes and f not in settled)
        candidates = tuple(f"{column_letter(i)} '{label}'" for i, label in header.clashes[field])
        raise UnreadField(problem, field, candidates)
    return name, header


def guess_header_row(rows: list[list[str]]) -> int:
    """1-based number of the first row with at least two text cells: usually the header."""
    for number, row in enumerate(rows, start=1):
        texts = [c for c in row if c and not _looks_numeric(c)]
        if len(texts) >= 2:
            return number
    return 1


def _looks_numeric(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


# Sheets described in a refusal: a workbook of hundreds of sheets gets a count of the rest.
DESCRIBED_SHEETS = 12
_NEEDED = ("date", "alliance")


def _no_ledger_message(book: SourceBook, names: list[str], chosen: dict[str, str] | None = None) -> str:
    """Each sheet's likely header row in full, the fields found in it, the fields missing with the
    headers nearest to them, and what to do."""
    seen = [_sheet_finding(name, book.head(name), chosen or {}) for name in names[:DESCRIBED_SHEETS]]
    if len(names) > DESCRIBED_SHEETS:
        seen.append(f"{len(names) - DESCRIBED_SHEETS} more sheets not described")
    return (
        "No sheet looks like a ledger. A ledger has a header row with a date, an alliance (partner) "
        "and the money: revenue and/or cost columns, kind and amount, debit and credit, quantity with "
        "a unit price or unit cost, or one signed amount; found: " + "; ".join(seen) + ". "
        "Rename the headers (the blank template shows them) or say which column is which "
        "(the app's mapping step; the command: --map FIELD=HEADER)."
    )


def _sheet_finding(name: str, head: list[list[object]], chosen: dict[str, str]) -> str:
    """What one sheet's likely header row holds and lacks, for the refusal."""
    texts = [[display_value(c) for c in row] for row in head]
    if not any(any(row) for row in texts):
        return f"sheet '{name}' is empty"
    number = guess_header_row(texts)
    cells = head[number - 1]
    match = match_header(cells, LEDGER_HEADERS, (), chosen)
    headers = ", ".join(f"{column_letter(i)} '{t}'" for i, t in enumerate(texts[number - 1]) if t)
    found = ", ".join(f"{field} '{label}'" for field, label in match.labels.items())
    missing = [f for f in _NEEDED if f not in match.columns]
    if ledger_layout({**match.columns, "date": 0, "alliance": 0}) is None:
        missing.append("amount" if "kind" in match.columns else "revenue or cost")
    unknown = [name for name in named_headers(chosen) if name not in match.columns]
    parts = [f"sheet '{name}', row {number}: {headers}"]
    parts.append(f"read as {found}" if found else "no header read as a ledger field")
    if missing:
        parts.append("missing " + ", ".join(_with_nearest(f, cells, match) for f in missing))
    if unknown:
        parts.append("no column " + ", ".join(f"'{chosen[f]}' (for {f})" for f in unknown))
    return " — ".join(parts)


def _with_nearest(field: str, cells: list[object], match: HeaderMatch) -> str:
    """A missing field, with the unread headers nearest to its words ('alliance (nearest: 'Account'))."""
    free = {
        normalise_header(c): clean_name(c) for i, c in enumerate(cells) if i not in match.columns.values()
    }
    words = (
        [w for f in ("revenue", "cost") for w in LEDGER_HEADERS[f]]
        if " or " in field
        else LEDGER_HEADERS[field]
    )
    near = {
        free[t] for w in words for t in difflib.get_close_matches(w, [k for k in free if k], n=3, cutoff=0.7)
    }
    return field + (f" (nearest: {', '.join(repr(n) for n in sorted(near))})" if near else "")
