"""Reading a CRM export's stage column: only the rows of a won stage count (the stage table is
stages.py); every other row is left out and listed with its stage, and a note gives the counts."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from core.reading.columns import clean_texts, map_unique
from core.reading.entries import EntriesRead
from core.reading.headers import HeaderMatch, column_letter
from core.reading.parsing import normalise_header
from core.reading.stages import LOST, OPEN, STAGE_OF_VALUE, WON

# Why a row of a stage that does not count is left out.
_WHY = {OPEN: "an open deal, not won", LOST: "a lost deal", "": "not a stage that counts"}
# Stage values named in a note when the column is not read as the stage.
_NAMED = 3


def settle_stages(
    frame: pd.DataFrame,
    header: HeaderMatch,
    sheet: str,
    found: EntriesRead,
    won: Sequence[str] | None,
    notes: list[str],
) -> tuple[EntriesRead, HeaderMatch]:
    """The sheet's entries with only the rows of a won stage kept, the others listed as issues with
    their stage; or, when the stage column holds other values than stages, every entry and the
    header without it. `won`: the stages the user says count (None: the table's won stages)."""
    if "stage" not in header.columns:
        return found, header
    texts = clean_texts(frame["stage"])
    words = map_unique(texts, normalise_header)
    told = {normalise_header(stage) for stage in won} if won is not None else None
    filled = words[words.astype(bool)]
    column = f"column {column_letter(header.columns['stage'])} '{header.labels['stage']}'"
    strangers = [t for t, w in zip(texts[filled.index], filled, strict=True) if w not in STAGE_OF_VALUE]
    if told is None and (strangers or filled.empty):
        shown = ", ".join(f"'{t}'" for t in dict.fromkeys(strangers) if t) or "none"
        notes.append(
            f"Sheet '{sheet}': {column} holds values that are not deal stages ({_first(shown)}), so it is "
            "not read as the stage and every row counts. If it is, say which stages count (the command: "
            f"--won-stages '{strangers[0] if strangers else 'Won'}')."
        )
        columns, labels = dict(header.columns), dict(header.labels)
        del columns["stage"], labels["stage"]
        return found, HeaderMatch(header.row, columns, labels, header.clashes, header.others, header.unsigned)
    counts = words.isin(told) if told is not None else words.map(STAGE_OF_VALUE).eq(WON)
    entries = found.entries
    out = entries["row"].isin(counts.index[~counts])
    issues = found.issues
    for row in dict.fromkeys(entries.loc[out, "row"].tolist()):
        stage = str(texts[row])
        reason = _WHY[STAGE_OF_VALUE.get(words[row], "")] if told is None else _WHY[""]
        why = f"stage '{stage}': {reason}, so not counted" if stage else "no stage, so not counted"
        issues.add(sheet, row, header.labels["stage"], stage, why)
    issues.sort_by_row()
    notes.append(_note(sheet, column, texts, counts, set(entries["row"]), told is not None))
    kept = EntriesRead(entries[~out].reset_index(drop=True), issues, found.blank_rows, found.period)
    return kept, header


def _first(shown: str) -> str:
    """The first few of a list of quoted values, and how many more."""
    parts = shown.split(", ")
    return ", ".join(parts[:_NAMED]) + (f" and {len(parts) - _NAMED} more" if len(parts) > _NAMED else "")


def _note(sheet: str, column: str, texts: pd.Series, counts: pd.Series, rows: set[int], told: bool) -> str:
    """How the stage column was read: the rows counted and those left out, per stage (spellings
    that differ only in case are one stage, named as first written)."""
    read = pd.DataFrame({"text": texts, "word": map_unique(texts, normalise_header), "counts": counts})
    read = read[read.index.isin(list(rows))]
    per_stage = read.groupby(["counts", "word"], sort=False).agg(text=("text", "first"), n=("text", "size"))
    per_stage = per_stage.reset_index().sort_values("n", ascending=False, kind="stable")
    kept, left = per_stage[per_stage["counts"]], per_stage[~per_stage["counts"]]
    listed = [
        ", ".join(f"{t or '(no stage)'} {n}" for t, n in zip(p["text"], p["n"], strict=True))
        for p in (kept, left)
    ]
    whose = "the stages you named" if told else "a won stage"
    if left.empty:
        return (
            f"Sheet '{sheet}': {column} read as the deal stage: every row read is of {whose} ({listed[0]})."
        )
    note = (
        f"Sheet '{sheet}': {column} read as the deal stage: only rows of {whose} count (rows: "
        f"{listed[0] or 'none'}); the other rows are left out and listed on Data issues (rows: "
        f"{listed[1] or 'none'})."
    )
    others = [t for t in left["text"] if t]
    if others:
        stages = ",".join([*kept["text"], others[0]])
        note += f" To count other stages too, say which (the command: --won-stages '{stages}')."
    return note
