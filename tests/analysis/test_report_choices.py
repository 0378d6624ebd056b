"""A change of bands, rules, alternative or scenario redoes only what depends on them
(`with_choices`), and gives exactly the report a full build under those settings gives.

The ledger: three alliances over two quarters, with goals and health, so that every factor of the
recommendation and a proposed action plan are in play.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
import pytest

from core.analysis.decisions import DecisionRules
from core.analysis.roi import BandThresholds
from core.analysis.scenarios import Change
from core.model import ScenarioChange
from core.reading.ledger import read_ledger
from core.report import build_report, with_choices
from core.settings import Settings
from tests.helpers import ledger_bytes

ROWS = [
    ["2024-01-15", "Acme", "Cost", 100],
    ["2024-02-15", "Acme", "Revenue", 130],
    ["2024-04-15", "Acme", "Cost", 100],
    ["2024-05-15", "Acme", "Revenue", 150],
    ["2024-01-15", "Beta", "Cost", 100],
    ["2024-02-15", "Beta", "Revenue", 115],
    ["2024-04-15", "Beta", "Cost", 100],
    ["2024-05-15", "Beta", "Revenue", 105],
    ["2024-01-15", "Core", "Cost", 100],
    ["2024-02-15", "Core", "Revenue", 90],
    ["2024-04-15", "Core", "Cost", 100],
    ["2024-05-15", "Core", "Revenue", 95],
]
HEALTH = [
    ["Alliance", "Side", "Strategic fit", "Operational", "Financial", "Relationship"],
    ["Acme", "Us", 5, 4, 4, 5],
    ["Acme", "Partner", 4, 4, 4, 4],
    ["Core", "Us", 2, 3, 3, 3],
    ["Core", "Partner", 4, 3, 3, 3],
]
BASE = Settings(as_of=dt.date(2024, 6, 30))
CHANGES = {
    "thresholds": replace(BASE, thresholds=BandThresholds(strong=0.25, moderate=0.05)),
    "rules": replace(BASE, decisions=DecisionRules(invest=1.0, strong=3.0)),
    "alternative": replace(BASE, alternative_rate=0.3, alternative_name="Index fund"),
    "scenario": replace(
        BASE, scenario=(Change("Core", ScenarioChange.DROP), Change("Beta", ScenarioChange.SCALE, 2.0))
    ),
}


@pytest.fixture(scope="module")
def ledger():
    return read_ledger(ledger_bytes(ROWS, Health=HEALTH), "choices.xlsx")


@pytest.mark.parametrize("name", CHANGES)
def test_a_choice_redone_equals_a_full_build(ledger, name):
    settings = CHANGES[name]
    quick = with_choices(build_report(ledger, BASE), settings)
    full = build_report(ledger, settings)
    for frame in ("alliances", "quarterly", "decisions", "opportunity", "actions", "flags"):
        pd.testing.assert_frame_equal(getattr(quick, frame), getattr(full, frame), obj=frame)
    assert quick.portfolio == full.portfolio
    assert quick.settings == full.settings
    if full.scenario is None:
        assert quick.scenario is None
    else:
        assert quick.scenario is not None
        pd.testing.assert_frame_equal(quick.scenario.comparison(), full.scenario.comparison())
        pd.testing.assert_frame_equal(quick.scenario.alliances, full.scenario.alliances)


def test_the_choices_change_something_here(ledger):
    """Each change above moves the figures it should, so the equality above is not between two
    unchanged reports: Acme ROI (280 − 200) / 200 = 40 % is Strong at 20 % and at 25 %; Beta
    (220 − 200) / 200 = 10 % is Moderate from 10 % but from 5 % too, while Core (185 − 200) / 200
    = −7.5 % stays Weak; the rules make Beta's 'invest from 1' reachable; the alternative at 30 %,
    Acme's flows carried month by month to the end of May: −100 in January × (1.3^(5/12) − 1 =
    0.1155175) + 130 in February × 0.0913929 − 100 in April × 0.0446975 + 150 in May × 0.0221045
    cost it 11.5518 − 11.8811 + 4.4698 − 3.3157 = 0.8248 → 0.82; the scenario leaves Acme and Beta × 2: revenue 280 + 440 = 720,
    cost 200 + 400 = 600, ROI 120 / 600 = 20 %."""
    base = build_report(ledger, BASE)
    assert base.alliances["band"].to_dict() == {"Acme": "Strong", "Beta": "Moderate", "Core": "Weak"}
    alternative = with_choices(base, CHANGES["alternative"])
    assert alternative.opportunity.loc["Acme", "opportunity_cost"] == 0.82
    scenario = with_choices(base, CHANGES["scenario"]).scenario
    assert scenario is not None
    assert (scenario.scenario.revenue, scenario.scenario.cost) == (720.0, 600.0)
    assert scenario.scenario.roi == pytest.approx(0.20, abs=1e-12)


def test_other_settings_are_refused(ledger):
    base = build_report(ledger, BASE)
    with pytest.raises(ValueError, match="differ only in bands and decisions"):
        with_choices(base, replace(BASE, as_of=dt.date(2024, 12, 31)))


def test_the_plan_is_kept_when_no_recommendation_moves_and_redone_when_one_does(ledger):
    """Strong from 30 % instead of 20 % leaves every band as it was (Acme 40 %, Beta 10 %, Core −7.5 %),
    so every recommendation and the proposed plan stay. Moderate from 15 % makes Beta Weak: its
    band's points go from Moderate's 0 to Weak's −2, its score from 0 to −2 (no Goals sheet, so no
    'no goals' flag), Maintain becomes Fix and a Fix action joins the plan, as a full build proposes it."""
    base = build_report(ledger, BASE)
    same = with_choices(base, replace(BASE, thresholds=BandThresholds(strong=0.30, moderate=0.10)))
    assert same.alliances["band"].to_dict() == base.alliances["band"].to_dict()
    assert same.actions is base.actions
    lower = replace(BASE, thresholds=BandThresholds(strong=0.20, moderate=0.15))
    moved = with_choices(base, lower)
    assert (base.decisions.loc["Beta", "recommendation"], moved.decisions.loc["Beta", "recommendation"]) == (
        "Maintain",
        "Fix",
    )
    assert (base.decisions.loc["Beta", "score"], moved.decisions.loc["Beta", "score"]) == (0.0, -2.0)
    assert ("Beta", "Fix") not in list(zip(base.actions["alliance"], base.actions["source"], strict=True))
    assert ("Beta", "Fix") in list(zip(moved.actions["alliance"], moved.actions["source"], strict=True))
    pd.testing.assert_frame_equal(moved.actions, build_report(ledger, lower).actions)
