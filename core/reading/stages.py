"""The stages of a CRM opportunity export, in one table: stage -> won, open or lost.

A CRM's opportunity list holds every deal in the pipeline, and only the won ones are money: a
'Status' or 'Stage' column says which (won / pending / presented / declined; Closed Won / Proposal /
Closed Lost). A stage column is read when each of its values is a stage word of this table (or a
stage the user says counts), and then only the rows of a won stage count; every other row is left
out, listed on Data issues with its stage, and a note gives the counts per stage. Which stages count
is the user's to say (`--won-stages 'Won,Closed Won'`, the link's `won`); values are compared
normalised, as headers are (`parsing.normalise_header`). A column of other values ('Completed'
beside 'Refunded' and 'On hold') is not the stage: every row counts, and a note says so.
"""

from __future__ import annotations

from dataclasses import dataclass

WON, OPEN, LOST = "won", "open", "lost"


@dataclass(frozen=True)
class StageWords:
    """The values of a stage column that say a deal is won, still open, or lost."""

    stage: str
    english: tuple[str, ...]
    other_languages: tuple[str, ...]

    @property
    def words(self) -> tuple[str, ...]:
        return (*self.english, *self.other_languages)


STAGE_VALUES: tuple[StageWords, ...] = (
    StageWords(
        WON,
        ("won", "closed won", "win", "booked", "closed", "shipped", "delivered", "invoiced", "completed"),
        ("gewonnen", "abgeschlossen", "geliefert", "gagne", "conclu", "livre", "ganado", "ganada", "cerrado"),
    ),
    StageWords(
        OPEN,
        (
            "open",
            "pending",
            "presented",
            "proposal",
            "proposal sent",
            "quote",
            "quoted",
            "prospect",
            "prospecting",
            "lead",
            "qualification",
            "qualified",
            "discovery",
            "demo",
            "negotiation",
            "negotiating",
            "engaging",
            "in progress",
            "on hold",
            "commit",
            "best case",
            "pipeline",
        ),
        (
            "offen",
            "angebot",
            "verhandlung",
            "en attente",
            "en cours",
            "proposition",
            "pendiente",
            "propuesta",
        ),
    ),
    StageWords(
        LOST,
        ("lost", "closed lost", "declined", "rejected", "cancelled", "canceled", "dead", "disqualified"),
        (
            "verloren",
            "abgelehnt",
            "storniert",
            "perdu",
            "refuse",
            "annule",
            "perdido",
            "rechazado",
            "afgewezen",
        ),
    ),
)
# A stage cell's normalised text -> WON, OPEN or LOST.
STAGE_OF_VALUE: dict[str, str] = {word: entry.stage for entry in STAGE_VALUES for word in entry.words}


def stages_markdown() -> str:
    """The table as Markdown for the README: each stage and the values read as it."""
    lines = ["| stage | counts | values (any case) |", "|---|---|---|"]
    for entry in STAGE_VALUES:
        counted = "yes" if entry.stage == WON else "no (left out, listed)"
        lines.append(f"| {entry.stage} | {counted} | " + ", ".join(f"`{w}`" for w in entry.words) + " |")
    return "\n".join(lines)
