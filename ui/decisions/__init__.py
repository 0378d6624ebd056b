"""The Decisions page's parts, a module each: `recommendations` (the grid and the rules that make it),
`opportunity` (opportunity cost), `scenarios`, `action_plan` (proposals to accept, earlier actions to
mark; ui/plan.py keeps the edits), and for the Scorecard `health`, `risks` and `scorecard` (the two
together). Every figure comes from the report (core/analysis); these modules only draw it and turn
widgets into settings, which the link and a saved review then carry. The grids' column specs are in
core/output/columns/decisions.py.
"""

from ui.decisions.action_plan import action_plan_editor
from ui.decisions.opportunity import opportunity_cost
from ui.decisions.recommendations import recommendation_table, rules_editor
from ui.decisions.scenarios import scenario_editor, scenario_result
from ui.decisions.scorecard import health_and_risks

__all__ = [
    "action_plan_editor",
    "health_and_risks",
    "opportunity_cost",
    "recommendation_table",
    "rules_editor",
    "scenario_editor",
    "scenario_result",
]
