"""The corpus of real public spreadsheets (README.md beside this file), each against the figures an
analyst computed from its raw cells (expected.py, re-derived by derive.py).

A file is read right as it is, or it is refused with an UnreadField naming the field to map, and
then read right with the `--map` answers its expectation gives; a file from which no per-partner ROI
can be read at all (its expectation's `refused`) is refused, as it is and with those answers, with a
message that says why. The files whose layout the reader
does not take yet are listed in NOT_YET with the part of issue 27 they wait for; they are strict
expected failures, so each one must be taken off the list the day it is read right.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.cli import MAPPABLE
from core.errors import LedgerError, NoLedgerSheet, UnreadField
from core.flags import statement_rows
from core.reading.ledger import read_ledger
from core.reading.told import StatementChoice
from core.reading.vocabulary import WORKED_OUT_FROM
from core.report import build_report
from core.settings import Settings
from tests.corpus.expected import CORPUS

HERE = Path(__file__).parent
NOT_YET: dict[str, str] = {}


def figures(ledger) -> dict[str, tuple[float, float]]:
    """Revenue and cost per alliance as the report states them (the Alliances sheet's cents)."""
    table = build_report(ledger, Settings(as_of=dt.date(2026, 12, 1))).alliances
    return {str(name): (float(row.revenue), float(row.cost)) for name, row in table.iterrows()}


def read(
    name: str,
    chosen: dict[str, str] | None = None,
    revenue_only: bool = False,
    undated: bool = False,
    statement: StatementChoice | None = None,
):
    spec = CORPUS[name]
    sheet = spec["sheet"] if spec["sheet"] and " " not in str(spec["sheet"]) else None
    data = (HERE / name).read_bytes()
    # A file without a partner column is one alliance, which the user names as the analyst did
    # (`--alliance '(statement account)'`); the name the reader picks itself is tested in tests/reading.
    alliance = next(iter(spec["expected"])) if str(spec["partner"]).startswith("none") else None
    return read_ledger(
        data,
        name,
        sheet=sheet,
        chosen=chosen or None,
        revenue_only=revenue_only,
        alliance=alliance,
        undated=undated,
        statement=statement,
    )


def revenue_only(name: str) -> bool:
    """Whether the analyst found no cost in the file: a user then says so (--revenue-only)."""
    return all(cost == 0 for _, cost in CORPUS[name]["expected"].values())


def undated(name: str) -> bool:
    """Whether the analyst found no date at all in the file: a user then says so (--undated)."""
    return CORPUS[name]["date"] == "none"


def statement_answers(name: str, refusal: str) -> StatementChoice:
    """The expectation's --statement-rows and --periods, once the refusal has named the flags and
    every row and period the answers choose among its candidates."""
    told = statement_rows(CORPUS[name]["statement"]["rows"], CORPUS[name]["statement"]["periods"])
    assert told is not None
    rows, periods = told
    assert "--statement-rows" in refusal and "--periods" in refusal, refusal
    for label in [*rows["revenue"], *rows["cost"], *periods]:
        assert f"'{label}'" in refusal or f" {label}," in refusal, f"the refusal does not name {label}"
    return StatementChoice(rows, periods)


def read_as_a_user_would(name: str):
    """As it is; when refused, again with the `--map` answers of its expectation, once the refusal
    has named a field those answers settle (the one field of an UnreadField, or a missing one)."""
    answers = {k: v for k, v in CORPUS[name]["map"].items() if k in MAPPABLE}
    try:
        return read(name)
    except UnreadField as refusal:
        worked_out = all(part in answers for part in WORKED_OUT_FROM.get(refusal.field, ("?",)))
        settled = refusal.field in answers or worked_out or (refusal.field == "cost" and revenue_only(name))
        assert settled, f"refused for {refusal.field}, which no answer settles: {refusal}"
    except NoLedgerSheet as refusal:
        if "statement" in CORPUS[name]:  # the rows and periods no --map can say, as the refusal says
            return read(name, statement=statement_answers(name, str(refusal)))
        named = [f for f in answers if f"missing {f}" in str(refusal) or f", {f}" in str(refusal)]
        assert named, f"the refusal names no field the answers settle: {refusal}"
        # With the answers, a file without dates is refused again, naming the way to read it undated.
        if undated(name):
            with pytest.raises(NoLedgerSheet, match="no date column.*--undated"):
                read(name, answers, revenue_only(name))
    return read(name, answers, revenue_only(name), undated(name))


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=NOT_YET[n])) if n in NOT_YET else n
        for n in sorted(CORPUS)
    ],
)
def test_each_real_file_is_read_right(name):
    if "refused" in CORPUS[name]:  # no per-partner ROI can be read from it: refused, saying why
        answers = {k: v for k, v in CORPUS[name]["map"].items() if k in MAPPABLE}
        for told in ({}, answers):
            with pytest.raises(NoLedgerSheet) as refusal:
                read(name, told, revenue_only(name))
            assert str(refusal.value).startswith(CORPUS[name]["refused"])
        return
    try:
        ledger = read_as_a_user_would(name)
    except LedgerError as refusal:
        pytest.fail(f"refused: {refusal}")
    assert figures(ledger) == {k: tuple(v) for k, v in CORPUS[name]["expected"].items()}


def test_the_corpus_holds_fifteen_files_or_more_each_with_its_origin():
    readme = (HERE / "README.md").read_text()
    assert len(CORPUS) >= 15
    for name in CORPUS:
        assert (HERE / name).is_file()
        assert f"`{name}`" in readme, f"{name} has no origin and licence in README.md"
