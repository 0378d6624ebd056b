"""The risks and relationship health slide, and the 30/60/90-day action plan."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pptx.presentation import Presentation as Deck

from core import formatting as fmt
from core.model import Band
from core.output.decision_sheets import NO_ACTIONS, action_rows
from core.output.deck.drawing import (
    BAND_COLOURS,
    INK,
    ITEM_CHARS,
    MUTED,
    SMALL,
    WIDTH,
    Box,
    Line,
    clip,
    first_items,
    native_table,
    text_box,
    titled_slide,
)
from core.reading.side_sheets import NO_HEALTH_NOTE, NO_RISKS_NOTE
from core.report import Report

# Rows a slide's list or table holds; beyond them the slide says how many are left out and where
# they all are.
MAX_RISKS, MAX_HEALTH, MAX_ACTIONS = 10, 10, 11


RISK_CHARS = 140  # two lines of the Risks column at 12 pt
# Action plan table: due day, days, alliance, owner, then the action on up to two lines at 11 pt.
ACTION_COLUMNS = (("Due", 1.15, 10), ("Days", 0.65, 4), ("Alliance", 2.1, 26), ("Owner", 1.9, 22))
ACTION_TEXT = ("Action", WIDTH - 1.0 - sum(w for _, w, _ in ACTION_COLUMNS), 150)
ACTION_ROW = 0.42


def _flagged_first(frame: pd.DataFrame, flagged: pd.Series, limit: int) -> tuple[pd.DataFrame, int]:
    """At most `limit` rows in the frame's order: every flagged row first claims a place, then the
    others in order; and how many rows are left out."""
    if len(frame) <= limit:
        return frame, 0
    rank = np.where(flagged.to_numpy(), 0, 1)
    keep = pd.Series(rank, index=frame.index).sort_values(kind="stable").index[:limit]
    return frame[frame.index.isin(keep)], len(frame) - limit


def _risk_lines(report: Report) -> list[Line]:
    """The risks by expected loss, largest first, each one that raised a flag (no owner, no
    mitigation) always among them; or how to add a Risks sheet."""
    head = Line("Risks by expected loss", 14, bold=True)
    if report.ledger.risks_sheet is None:
        return [head, Line(clip(NO_RISKS_NOTE, 400), SMALL, colour=MUTED)]
    risks = report.risks.sort_values("expected_loss", ascending=False, kind="stable", na_position="last")
    risks = risks.reset_index(drop=True)
    owner = risks["owner"].fillna("").astype(str).str.strip()
    mitigation = risks["mitigation"].fillna("").astype(str).str.strip()
    shown, left_out = _flagged_first(risks, owner.eq("") | mitigation.eq(""), MAX_RISKS)
    money = report.currency
    items = [
        clip(
            f"{r.alliance}: {r.risk or 'risk'}"
            # What raised a flag first, so that a cut never hides it.
            + ("" if owner[i] else " · no owner")
            + ("" if mitigation[i] else " · no mitigation")
            + f" · expected loss {fmt.money(r.expected_loss, money)} "
            f"({fmt.percent(r.probability, 0)} × {fmt.money(r.at_stake, money)})"
            + (f" · owner {r.owner}" if owner[i] else ""),
            RISK_CHARS,
        )
        for i, r in zip(shown.index, shown.itertuples(index=False), strict=True)
    ]
    colours = [INK if owner[i] and mitigation[i] else BAND_COLOURS[Band.WEAK] for i in shown.index]
    lines = [head, *(Line(t, SMALL, colour=c, space_before=4) for t, c in zip(items, colours, strict=True))]
    if not items:
        lines.append(Line("No risks listed.", SMALL, space_before=4))
    if left_out:
        more = (
            f"and {left_out} more with a smaller expected loss; all are on the Risks sheet of the workbook."
        )
        lines.append(Line(more, 11, colour=MUTED, space_before=4))
    return lines


def _side(value: float | None) -> str:
    """A side's health score, or that the side did not score."""
    return "not scored" if fmt.number(value) == "n/a" else fmt.number(value)


def _health_lines(report: Report) -> list[Line]:
    """Each scored alliance's health score and both sides (saying when one side is missing), lowest
    score first; or how to add a Health sheet."""
    head = Line("Relationship health (1–5)", 14, bold=True)
    if report.ledger.health_sheet is None:
        return [head, Line(clip(NO_HEALTH_NOTE, 400), SMALL, colour=MUTED)]
    scored = report.health[report.health["scored"].astype(bool)].sort_values("score", kind="stable")
    items = [
        clip(
            f"{a}: {fmt.number(h.score)} · us {_side(h.us)}, partner {_side(h.partner)}"
            + (f" · widest gap on {h.widest}" if h.widest else ""),
            ITEM_CHARS,
        )
        for a, h in zip(scored.index, scored.itertuples(index=False), strict=True)
    ]
    return [head, *(Line(t, SMALL, space_before=4) for t in first_items(items, MAX_HEALTH) or ["No scores."])]


def risks_health_slide(prs: Deck, report: Report) -> None:
    """The largest expected losses and the relationship health, lowest score first."""
    slide = titled_slide(prs, "Risks and relationship health")
    text_box(slide, Box(0.5, 1.6, 6.1, 5.7), _risk_lines(report))
    text_box(slide, Box(6.75, 1.6, 6.1, 5.7), _health_lines(report))


def action_plan_slide(prs: Deck, report: Report, actions: pd.DataFrame | None) -> None:
    """The actions in a table, soonest due first: due day, days, alliance, owner, then the action."""
    rows = action_rows(report, actions)
    slide = titled_slide(prs, "Action plan", "30 / 60 / 90 days")
    if rows.empty:
        text_box(slide, Box(0.5, 1.8, WIDTH - 1.0, 1.0), [Line(NO_ACTIONS, 18)])
        return
    rows = rows.sort_values(["due", "horizon"], kind="stable", na_position="last")
    shown = rows.head(MAX_ACTIONS)
    cells = [
        [
            ("no due day" if pd.isna(a.due) else f"{a.due:%Y-%m-%d}", INK),
            ("" if pd.isna(a.horizon) else f"{int(a.horizon)}", INK),
            (a.alliance, INK),
            (a.owner or "no owner", INK if a.owner else MUTED),
            (a.action, INK),
        ]
        for a in shown.itertuples(index=False)
    ]
    height = ACTION_ROW * (len(shown) + 1)
    native_table(slide, Box(0.5, 1.6, WIDTH - 1.0, height), (*ACTION_COLUMNS, ACTION_TEXT), cells, 11)
    more = len(rows) - len(shown)
    if more:
        note = (
            f"and {more} more, due that day or later; every action is on the Actions sheet of the "
            "summary workbook."
        )
        text_box(slide, Box(0.5, 1.7 + height, WIDTH - 1.0, 0.4), [Line(note, 11, colour=MUTED)])
