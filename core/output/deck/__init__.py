"""The review deck: a 16:9 PowerPoint with native, editable charts, for the next quarterly review.

Slides: title, portfolio, one per alliance (best ROI first), before/after, decisions (with a bar chart
of value over the alternative), the scenario when one is set, risks and health, the 30/60/90-day
action plan, data issues. The figures
come from the same rows the summary workbook writes and are rounded as it rounds them (ratios to
ROI_DIGITS decimals, money to the cent), so a value in a chart equals the workbook's cell. Text from
the upload goes in as plain text runs; long lists stop at what fits and say how many are left out
(the decisions keep the best and the worst, the risks every one that raised a flag). Decisions and
the action plan are native tables, so that owner, due day and score are never cut.

The slides live by section: `portfolio` (title and portfolio), `alliances`, `before_after`,
`decisions` (decisions and scenario), `risks_and_actions` (risks and health, action plan) and
`issues`; `drawing` holds the deck's size, fonts, colours, text boxes and tables, `native_charts` the
charts' shared style, and `assembly` puts the slides together (`deck`).
"""

from core.output.deck.alliances import ranks
from core.output.deck.assembly import deck
from core.output.deck.before_after import before_after_data
from core.output.deck.decisions import decision_table_rows, main_reasons, value_over_data
from core.output.deck.drawing import Box, Line, clip, clip_words, first_items, signed
from core.output.deck.portfolio import roi_chart_data

__all__ = [
    "Box",
    "Line",
    "before_after_data",
    "clip",
    "clip_words",
    "decision_table_rows",
    "deck",
    "first_items",
    "main_reasons",
    "ranks",
    "roi_chart_data",
    "signed",
    "value_over_data",
]
