"""The Risks and Health sheets: reading their cells as people write them, every bad cell an issue.

How a Risks row is read
- Probability: the column's scale is decided from all its numbers: fractions when every plain
  number is at most 1 (0.3 is 30 %), percentages when any is above 1 (30 is 30 %). Text ending in
  '%' ('30 %') is a percentage in either. In a column of percentages a plain number above 0 and at
  most 1 contradicts the scale (0.3: 30 % or 0.3 %?, 1: 100 % or 1 %?): it is an issue naming the
  column's scale, and the risk adds no expected loss. Anything outside 0–100 % is an issue.
- Impact: money, unless the column's header says it holds scores ('Impact (1-5)', 'Impact score',
  'Impact rating', 'Severity'; see IMPACT_SCORE_WORDS). In a score column a cell is a whole score
  from 1 to 5, or money when it carries a currency sign ('$10,000'); any other number is an issue,
  as it could be either. In a money column every number is money, even 1 to 5: a column headed
  plain 'Impact' whose cells are whole numbers from 1 to 5 is ambiguous, is read as money, and a
  note says how to mark it as scores. Text that is not money ('high') and negative amounts are issues.
- A risk whose probability or impact cannot be read stays on the list (its owner and mitigation
  are still judged) but adds no expected loss; its issue says so.

How a Health row is read
- Side: 'Us' (also We, Our side, Ours, Internal) or 'Partner' (also Them, They, Their side, the
  partner's own name); anything else is an issue and the row is not used.
- Scores from 1 to 5 (decimals allowed: an average of a survey); outside that, or not a number,
  is an issue and the cell is left empty; a row with no score at all is an issue and not used.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

import pandas as pd

from core.model import Side
from core.reading.headers import HEALTH_COLUMNS, IMPACT_SCORE_WORDS, HeaderMatch
from core.reading.issues import IssueLog
from core.reading.money import parse_amount, read_money
from core.reading.parsing import clean_name, display_value, is_blank, normalise_header

MONEY, SCORE = "money", "score"
# Scores of the Health sheet and impact scores of the Risks sheet lie on this scale.
LOWEST_SCORE, HIGHEST_SCORE = 1, 5

US_WORDS = {"us", "we", "our side", "ours", "our", "our team", "internal", "self", "own"}
PARTNER_WORDS = {"partner", "the partner", "them", "they", "their side", "theirs", "partner side", "external"}

PROBABILITY_HINT = "write 0.3, 30 % or 30 for 30 %"


def _shown(value: object) -> str:
    """A cell for a reason's text: 150.0 read from a sheet is shown as the 150 the user typed."""
    if isinstance(value, float) and value.is_integer():
        return f"{value:.0f}"
    return display_value(value)


def probability_as_written(value: object) -> tuple[float, bool]:
    """A probability cell's number as written and whether the cell says '%' itself ('30 %' gives
    (30, True), 0.3 (0.3, False)); ValueError when it is no number."""
    if isinstance(value, bool):
        raise ValueError(f"true/false is not a probability: {PROBABILITY_HINT}")
    text = value.strip() if isinstance(value, str) else None
    try:
        if text is not None and text.endswith("%"):
            return parse_amount(text[:-1].strip()), True
        return parse_amount(value), False
    except ValueError:
        raise ValueError(f"'{_shown(value)}' is not a probability: {PROBABILITY_HINT}") from None


def percent_evidence(values: Iterable[object]) -> object | None:
    """The first plain number above 1 of a probability column (the cell that makes it a column of
    percentages), or None when every plain number is at most 1 (a column of fractions)."""
    for value in values:
        if is_blank(value):
            continue
        try:
            number, marked = probability_as_written(value)
        except ValueError:
            continue
        if not marked and number > 1:
            return value
    return None


def parse_probability(value: object, percent_column: object | None = None) -> float:
    """A probability as a fraction, read at its column's scale: `percent_column` is the cell that
    makes the column one of percentages (`percent_evidence`), None for a column of fractions.
    ValueError with the reason for no number, a number outside 0–100 %, or a plain number from
    above 0 to 1 in a column of percentages (which scale it means cannot be known)."""
    number, marked = probability_as_written(value)
    if not marked and percent_column is not None and 0 < number <= 1:
        raise ValueError(
            f"'{_shown(value)}' is written as a fraction in a column of percentages (it holds "
            f"{_shown(percent_column)}): write {number * 100:g} for {number * 100:g} %, or {_shown(value)} % "
            f"for {_shown(value)} %"
        )
    fraction = number / 100 if marked or percent_column is not None else number
    if not 0 <= fraction <= 1:
        raise ValueError(f"'{_shown(value)}' is outside 0–100 %: a probability is 0 to 100 %")
    return fraction


def is_score_header(label: str) -> bool:
    """Whether an impact header says its numbers are scores: 'Impact (1-5)', 'Impact score'."""
    return IMPACT_SCORE_WORDS.search(label.casefold()) is not None


def read_impact(value: object, score_column: bool) -> tuple[float, str]:
    """An impact and its kind (MONEY or SCORE); ValueError with the reason when it is neither."""
    if isinstance(value, bool):
        raise ValueError("true/false is not an impact")
    try:
        money = read_money(value)
    except ValueError:
        raise ValueError(
            f"'{_shown(value)}' is not an impact: write money (10000 or $10,000), or a score "
            "from 1 to 5 in a column headed 'Impact (1-5)'"
        ) from None
    if money.value < 0:
        raise ValueError(f"'{_shown(value)}' is negative: an impact is the loss if the risk happens")
    if money.symbol or not score_column:
        return money.value, MONEY
    if money.value.is_integer() and LOWEST_SCORE <= money.value <= HIGHEST_SCORE:
        return money.value, SCORE
    raise ValueError(
        f"'{_shown(value)}' is not a score from 1 to 5, and this column holds scores; "
        "write money with its currency sign ($10,000)"
    )


def parse_side(value: object, alliance: str) -> str:
    """'Us' or 'Partner' from the words people use; the partner's own name is the partner's side."""
    word = normalise_header(value)
    if word in US_WORDS:
        return Side.US
    if word in PARTNER_WORDS or (word and word == normalise_header(alliance)):
        return Side.PARTNER
    raise ValueError(
        f"'{clean_name(value)}' is not a side: expected Us (We, Our side) or Partner (Them, Their side)"
    )


def parse_score(value: object) -> float:
    """A health score from 1 to 5; ValueError with the reason otherwise."""
    if isinstance(value, bool):
        raise ValueError("true/false is not a score")
    try:
        number = parse_amount(value)
    except ValueError:
        raise ValueError(f"'{_shown(value)}' is not a score from 1 to 5") from None
    if not LOWEST_SCORE <= number <= HIGHEST_SCORE:
        raise ValueError(f"'{_shown(value)}' is outside 1–5: a score is from 1 to 5")
    return number


def empty_risks() -> pd.DataFrame:
    """The Risks table with no rows."""
    return pd.DataFrame(
        {
            "alliance": pd.Series(dtype="str"),
            "risk": pd.Series(dtype="str"),
            "probability": pd.Series(dtype="float64"),
            "impact": pd.Series(dtype="float64"),
            "impact_kind": pd.Series(dtype="str"),
            "mitigation": pd.Series(dtype="str"),
            "owner": pd.Series(dtype="str"),
            "row": pd.Series(dtype="int64"),
        }
    )


def empty_health() -> pd.DataFrame:
    """The Health table with no rows."""
    columns = {"alliance": pd.Series(dtype="str"), "side": pd.Series(dtype="str")}
    columns.update({name: pd.Series(dtype="float64") for name in HEALTH_COLUMNS.values()})
    columns["row"] = pd.Series(dtype="int64")
    return pd.DataFrame(columns)


def _texts(frame: pd.DataFrame, name: str) -> list[str]:
    return frame[name].map(clean_name).tolist() if name in frame else [""] * len(frame)


def read_risks(
    frame: pd.DataFrame, sheet: str, header: HeaderMatch, issues: IssueLog, notes: list[str]
) -> pd.DataFrame:
    """The Risks table from the sheet's named rows (`frame`, indexed by sheet row)."""
    score_column = is_score_header(header.labels.get("impact", ""))
    # One scale for the whole column, from all its values (issue 28.2): fractions or percentages.
    evidence = percent_evidence(frame["probability"]) if "probability" in frame else None

    def probability(value: object) -> float:
        return parse_probability(value, evidence)

    probabilities: list[object] = []
    impacts: list[tuple[float, str]] = []
    plain_small = 0
    for row, cells in frame.iterrows():
        probabilities.append(_risk_cell(cells, row, "probability", sheet, header, issues, probability))
        impact = _risk_cell(
            cells, row, "impact", sheet, header, issues, lambda v: read_impact(v, score_column)
        )
        impacts.append(impact if isinstance(impact, tuple) else (math.nan, MONEY))
        plain_small += _looks_like_score(cells.get("impact"), score_column)
    for row, text in zip(frame.index, _texts(frame, "risk"), strict=True):
        if not text:
            issues.add(sheet, row, header.labels.get("risk", "Risk"), "", "no risk described in this row")
    if plain_small:
        label = header.labels["impact"]
        notes.append(
            f"Sheet '{sheet}': {plain_small} impact(s) in the column '{label}' are whole numbers from 1 "
            "to 5 and were read as money. If they are scores, head the column 'Impact (1-5)' or "
            "'Impact score'."
        )
    return pd.DataFrame(
        {
            "alliance": frame["alliance"].map(clean_name).to_numpy(),
            "risk": _texts(frame, "risk"),
            "probability": pd.Series(probabilities, dtype="float64").to_numpy(),
            "impact": pd.Series([i for i, _ in impacts], dtype="float64").to_numpy(),
            "impact_kind": [k for _, k in impacts],
            "mitigation": _texts(frame, "mitigation"),
            "owner": _texts(frame, "owner"),
            "row": frame.index.astype("int64"),
        }
    )


def _risk_cell(
    cells: pd.Series,
    row: int,
    name: str,
    sheet: str,
    header: HeaderMatch,
    issues: IssueLog,
    parser: Callable[[object], object],
) -> object:
    """One probability or impact: its value, or NaN and an issue saying the risk adds no expected loss."""
    label = header.labels.get(name, name.capitalize())
    value = cells.get(name)
    if is_blank(value):
        issues.add(sheet, row, label, "", f"no {name}; this risk adds no expected loss")
        return math.nan
    try:
        return parser(value)
    except ValueError as exc:
        issues.add(sheet, row, label, _shown(value), f"{exc}; this risk adds no expected loss")
        return math.nan


def _looks_like_score(value: object, score_column: bool) -> bool:
    """A plain whole number from 1 to 5 read as money: the column may hold scores."""
    if score_column or isinstance(value, bool) or is_blank(value):
        return False
    try:
        money = read_money(value)
    except ValueError:
        return False
    return not money.symbol and money.value.is_integer() and LOWEST_SCORE <= money.value <= HIGHEST_SCORE


def read_health(frame: pd.DataFrame, sheet: str, header: HeaderMatch, issues: IssueLog) -> pd.DataFrame:
    """The Health table from the sheet's named rows; rows with no side or no score are issues, not used."""
    alliances = frame["alliance"].map(clean_name)
    sides: list[str | None] = []
    for row, value in frame["side"].items():
        try:
            sides.append(parse_side(value, alliances[row]))
        except ValueError as exc:
            issues.add(sheet, row, header.labels["side"], _shown(value), f"{exc}; row not used")
            sides.append(None)
    table = pd.DataFrame({"alliance": alliances.to_numpy(), "side": sides}, index=frame.index)
    for name in HEALTH_COLUMNS.values():
        table[name] = _scores(frame, name, sheet, header, issues)
    scored = table[list(HEALTH_COLUMNS.values())].notna().any(axis=1)
    first_score = next(header.labels[n] for n in HEALTH_COLUMNS.values() if n in header.labels)
    for row in table.index[~scored & table["side"].notna()]:
        issues.add(sheet, row, first_score, "", "no usable score from 1 to 5 in this row; row not used")
    table = table[scored & table["side"].notna()]
    return table.assign(row=table.index.astype("int64")).reset_index(drop=True)


def _scores(frame: pd.DataFrame, name: str, sheet: str, header: HeaderMatch, issues: IssueLog) -> list[float]:
    """One dimension's scores; a blank cell or a bad one (listed as an issue) is NaN."""
    if name not in frame:
        return [math.nan] * len(frame)
    scores = []
    for row, value in frame[name].items():
        if is_blank(value):
            scores.append(math.nan)
            continue
        try:
            scores.append(parse_score(value))
        except ValueError as exc:
            issues.add(sheet, row, header.labels[name], _shown(value), f"{exc}; score left empty")
            scores.append(math.nan)
    return scores
