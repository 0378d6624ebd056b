"""The column mapping a view's ledger was read with, in its link.

A ledger whose headers are not recognised is read with the user's mapping (sheet, header row, the
header of each field, revenue only). A link to such a view carries it as plain texts, so that the
same file uploaded from the link (or given to `summarize --view`) is read the same way:

    msheet=Export&mrow=3&map=date:Posting day&map=alliance:Counterparty&map=amount:EUR&monly=1

A mapping is refused whole, with a notice, when any part of it is malformed: half a mapping would
read other columns than the sharer's, and its figures would differ without a word.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from core.reading.headers import ledger_layout
from core.reading.mapping import HEADER_ROWS_FOR_MAPPING, ColumnMapping
from core.reading.vocabulary import LEDGER_HEADERS
from core.settings.values import Notice, SettingError, parse_text

SHEET_PARAM, ROW_PARAM, PAIR_PARAM, REVENUE_ONLY_PARAM = "msheet", "mrow", "map", "monly"
MAPPING_PARAMS = (SHEET_PARAM, ROW_PARAM, PAIR_PARAM, REVENUE_ONLY_PARAM)
# What is used instead of a refused mapping, as a notice says it.
_UNMAPPED = "no column mapping (map the columns of the file by hand)"


def mapping_values(mapping: ColumnMapping) -> dict[str, list[str]]:
    """The link parameters of a column mapping: one `map=FIELD:HEADER` per field, in field order."""
    params = {
        SHEET_PARAM: [mapping.sheet],
        ROW_PARAM: [str(mapping.header_row)],
        PAIR_PARAM: [f"{field}:{header}" for field, header in mapping.columns],
    }
    if mapping.revenue_only:
        params[REVENUE_ONLY_PARAM] = ["1"]
    return params


def parse_mapping(values: Mapping[str, Sequence[str]]) -> tuple[ColumnMapping | None, tuple[Notice, ...]]:
    """The column mapping a link carries, None when it carries none; a malformed one is refused
    whole with a notice naming the parameter and why."""
    if not any(values.get(p) for p in MAPPING_PARAMS):
        return None, ()
    try:
        sheet = _one(values, SHEET_PARAM, "sheet")
        row_text = _one(values, ROW_PARAM, "header row")
        pairs = _pairs(list(values.get(PAIR_PARAM) or ()))
        revenue_only = _revenue_only(values)
    except _Refused as refused:
        return None, (refused.notice,)
    row = int(row_text) if row_text.isdigit() else 0
    if not 1 <= row <= HEADER_ROWS_FOR_MAPPING:
        return None, (_notice(ROW_PARAM, row_text, f"is not a row from 1 to {HEADER_ROWS_FOR_MAPPING}"),)
    if ledger_layout(dict.fromkeys(pairs, 0)) is None:
        shown = ",".join(f"{field}:{header}" for field, header in pairs.items())
        return None, (_notice(PAIR_PARAM, shown, "does not name a date, an alliance and the money"),)
    return ColumnMapping(sheet, row, tuple(sorted(pairs.items())), revenue_only), ()


class _Refused(Exception):
    """A part of the link's mapping that is not valid."""

    def __init__(self, notice: Notice) -> None:
        super().__init__(str(notice))
        self.notice = notice


def _notice(param: str, asked: str, why: str, part: str = "") -> Notice:
    """A notice on the link's mapping; `part` names the part refused when the parameter does not."""
    flat = " ".join(asked.split())
    shown = flat if len(flat) <= 40 else flat[:37] + "…"
    return Notice(param, shown, _UNMAPPED, f"(column mapping{': ' + part if part else ''}) {why}")


def _one(values: Mapping[str, Sequence[str]], param: str, what: str) -> str:
    """A single text of the mapping, as written (a sheet is found by its exact name); refused when
    absent, repeated, blank or too long."""
    texts = list(values.get(param) or ())
    if len(texts) != 1:
        raise _Refused(_notice(param, f"{len(texts)} values", f"needs one {what}"))
    try:
        parse_text(texts[0])
    except SettingError as why:
        raise _Refused(_notice(param, texts[0], str(why), what)) from None
    return texts[0]


def _pairs(texts: list[str]) -> dict[str, str]:
    """`FIELD:HEADER` texts as field -> header: each field of the reader's vocabulary, once, and
    each header for one field only (as the mapping step allows)."""
    if len(texts) > len(LEDGER_HEADERS):
        raise _Refused(_notice(PAIR_PARAM, f"{len(texts)} values", "names more fields than there are"))
    pairs: dict[str, str] = {}
    for text in texts:
        field, sep, header = text.partition(":")
        if not sep or field not in LEDGER_HEADERS:
            raise _Refused(_notice(PAIR_PARAM, text, "is not FIELD:HEADER with a field of the ledger"))
        try:
            header = parse_text(header)
        except SettingError as why:
            raise _Refused(_notice(PAIR_PARAM, text, str(why), f"the header of {field}")) from None
        if field in pairs:
            raise _Refused(_notice(PAIR_PARAM, text, f"maps {field} twice"))
        if header in pairs.values():
            raise _Refused(_notice(PAIR_PARAM, text, f"maps '{header}' to two fields"))
        pairs[field] = header
    return pairs


def _revenue_only(values: Mapping[str, Sequence[str]]) -> bool:
    texts = list(values.get(REVENUE_ONLY_PARAM) or ())
    if texts and texts != ["1"]:
        raise _Refused(_notice(REVENUE_ONLY_PARAM, ",".join(texts), "is not 1 (revenue only)"))
    return bool(texts)
