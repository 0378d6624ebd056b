"""The deck put together, slide by slide in the order of a review."""

from __future__ import annotations

import io

import pandas as pd
from pptx import Presentation
from pptx.util import Inches

from core.output.deck.alliances import alliance_slide, ranking, ranks
from core.output.deck.before_after import before_after_slide
from core.output.deck.decisions import decisions_slide, scenario_slide
from core.output.deck.drawing import HEIGHT, WIDTH, clip
from core.output.deck.issues import issues_slide
from core.output.deck.portfolio import portfolio_slide, title_slide
from core.output.deck.risks_and_actions import action_plan_slide, risks_health_slide
from core.report import Report


def deck(report: Report, link: str | None = None, actions: pd.DataFrame | None = None) -> bytes:
    """The review deck (.pptx bytes); `link` is the view's shared link, shown on the title slide;
    `actions` as for the summary workbook (a saved review's accepted actions)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(WIDTH), Inches(HEIGHT)
    prs.core_properties.title = clip(f"Alliance ROI review: {report.ledger.source.filename}", 200)
    title_slide(prs, report, link)
    portfolio_slide(prs, report)
    rows = ranking(report)
    for (_, row), rank in zip(rows.iterrows(), ranks(rows["roi"]), strict=True):
        alliance_slide(prs, report, row, rank)
    before_after_slide(prs, report)
    decisions_slide(prs, report)
    scenario_slide(prs, report)
    risks_health_slide(prs, report)
    action_plan_slide(prs, report, actions)
    issues_slide(prs, report)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
