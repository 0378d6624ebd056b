"""Every frame that crosses a layer against its declared schema (core/frames.py), for ledgers of
several shapes: the sample (every side sheet), the small hand-worked ledger, the case study, a
ledger whose only rows are refused (empty frames) and one with shared costs and several currencies."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from core.frames import LEDGER_FRAMES, REPORT_FRAMES, FrameSchema, holds
from core.reading.ledger import read_ledger
from core.report import build_report
from core.settings import Settings
from tests.helpers import ledger_bytes, workbook_bytes
from tests.output.golden import LEDGERS


def _refused_only():
    data = ledger_bytes([["2024-01-01", "Acme", "Revenue", "oops"]])
    return build_report(read_ledger(data, "refused.xlsx"), Settings(as_of=dt.date(2024, 7, 1)))


def _shared_and_currencies():
    rows = [
        ["2024-01-15", "Acme", "Revenue", 1000, "EUR"],
        ["2024-01-15", "Acme", "Cost", 400, "EUR"],
        ["2024-02-15", "Beta", "Revenue", 900, "USD"],
        ["2024-02-15", "Shared", "Cost", 300, "USD"],
    ]
    fx = [["Currency", "Month", "Rate"], ["EUR", "2024-01", 1.1]]
    data = workbook_bytes({"Ledger": [["Date", "Alliance", "Kind", "Amount", "Currency"], *rows], "FX": fx})
    return build_report(read_ledger(data, "fx.xlsx"), Settings(as_of=dt.date(2024, 7, 1)))


BUILDERS = {**LEDGERS, "refused_only": _refused_only, "shared_and_currencies": _shared_and_currencies}


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_frame_fits_its_schema(name):
    report = BUILDERS[name]()
    frames = {f.name: getattr(report, f.name) for f in dataclasses.fields(report)}
    report_frames = {k: v for k, v in frames.items() if isinstance(v, pd.DataFrame)}
    assert sorted(report_frames) == sorted(REPORT_FRAMES), "a Report frame without a schema, or the reverse"
    problems = [p for key, frame in report_frames.items() for p in REPORT_FRAMES[key].problems(frame)]
    ledger = {f.name: getattr(report.ledger, f.name) for f in dataclasses.fields(report.ledger)}
    ledger_frames = {k: v for k, v in ledger.items() if isinstance(v, pd.DataFrame)}
    assert sorted(ledger_frames) == sorted(LEDGER_FRAMES)
    problems += [p for key, frame in ledger_frames.items() for p in LEDGER_FRAMES[key].problems(frame)]
    assert problems == []


def test_a_schema_names_what_differs():
    """The check itself can fail: a renamed column, a wrong index, a text where a number belongs."""
    schema = FrameSchema("T", (("revenue", "number"), ("band", "text")), index="alliance", more="vs ")
    good = pd.DataFrame({"revenue": [1.5], "band": ["Strong"], "vs Average": [0.1]}, index=["A"])
    assert schema.problems(good.rename_axis("alliance")) == []
    assert schema.problems(good) == ["T: index None, expected 'alliance'"]
    renamed = good.rename(columns={"revenue": "income"}).rename_axis("alliance")
    assert schema.problems(renamed) == ["T: columns ['income', 'band'], expected ['revenue', 'band']"]
    wrong = good.assign(revenue=["1.5"]).rename_axis("alliance")
    assert schema.problems(wrong) == [f"T: column 'revenue' holds {wrong['revenue'].dtype}, expected number"]
    extra = good.assign(other=[1]).rename_axis("alliance")
    assert schema.problems(extra) == ["T: undeclared columns ['vs Average', 'other']"]


@pytest.mark.parametrize(
    ("values", "kind", "expected"),
    [
        ([1, 2.5], "number", True),
        ([True, False], "number", False),
        (["a", "b"], "text", True),
        (["a", 1], "text", False),
        ([None, None], "number", True),
        ([pd.Timestamp("2024-01-01")], "date", True),
        ([True], "flag", True),
    ],
)
def test_holds(values, kind, expected):
    assert holds(pd.Series(values, dtype="object" if kind != "number" else None), kind) is expected
