"""Several ledger files uploaded at once (one per partner, region or quarter), combined into one.

Each file's ledger sheet (found by its headers, as for one file) is copied, every row as it is, into
one workbook as a sheet named after the file; that workbook is then read as any ledger split over
sheets of one header is (sheets.py): each entry and issue keeps its sheet, which names its file; a
file whose entries are all in another (the same file twice) is left out, and a file of another
header is not read, both said in a note. A file that cannot be read as a ledger is named with why.

The combined workbook is written deterministically (fixed times in the file and its zip), so the same
files give the same bytes and fingerprint: a Share link names them, and a saved review keeps the
combined workbook and reopens with the same figures.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from core.errors import LedgerError
from core.reading.headers import choose_ledger_sheet
from core.reading.workbook import SourceBook

# Excel's longest sheet name, and the characters a sheet name may not hold.
SHEET_NAME_CHARS = 31
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
# The most files combined at once: beyond it the upload is a folder, not a set of ledgers.
MAX_FILES = 50
_FIXED_TIME = (2000, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*")


@dataclass(frozen=True)
class CombinedFiles:
    """Several files as one workbook: its name and bytes, the files combined (file -> the sheet it
    became, and the sheet of the file it came from), and the files not read with why."""

    filename: str
    data: bytes
    combined: tuple[tuple[str, str, str], ...]
    not_read: tuple[tuple[str, str], ...]

    def notice(self) -> str:
        """What was combined, as the app says it."""
        parts = [
            f"'{name}' (its sheet '{source}', as sheet '{sheet}')" for name, sheet, source in self.combined
        ]
        count = len(self.combined)
        return f"{count} files combined into one ledger, each entry keeping its file: {', '.join(parts)}."

    def refusals(self) -> list[str]:
        """Each file not read, with why."""
        return [
            f"'{name}' was not read: {why} Upload it alone to see the whole message or to map its columns."
            for name, why in self.not_read
        ]


def combined_name(names: list[str]) -> str:
    """The combined ledger's file name: the files' stems joined, ending in .xlsx (the reader reads a
    file by its suffix), at most 120 characters."""
    stems = " + ".join(PurePath(n).stem for n in names)
    name = f"{stems} (combined).xlsx"
    return name if len(name) <= 120 else f"{stems[:90]}… ({len(names)} files combined).xlsx"


def combine_files(files: list[tuple[str, bytes]]) -> CombinedFiles:
    """One workbook of each file's ledger sheet (see the module's note); LedgerError when no file
    holds a ledger (each named with why) or more than MAX_FILES are given."""
    if len(files) > MAX_FILES:
        raise LedgerError(f"{len(files)} files were uploaded at once; combine at most {MAX_FILES}.")
    import openpyxl  # the workbook writer's library, loaded only when files are combined

    book = openpyxl.Workbook()
    book.remove(book.active)
    combined, not_read, taken = [], [], set[str]()
    for name, data in files:
        try:
            source = SourceBook(data, name)
            sheet, _ = choose_ledger_sheet(source, None)
            rows = source.sheet(sheet).rows
        except LedgerError as why:
            not_read.append((name, _first_sentence(str(why))))
            continue
        title = _sheet_title(name, taken)
        taken.add(title.casefold())
        target = book.create_sheet(title)
        for row in rows:
            target.append([None if isinstance(c, str) and c == "" else c for c in row])
        combined.append((name, title, sheet))
    if not combined:
        listed = "; ".join(f"'{name}': {why}" for name, why in not_read)
        raise LedgerError(f"None of the {len(files)} files uploaded holds a ledger: {listed}")
    names = [name for name, _, _ in combined]
    return CombinedFiles(combined_name(names), _fixed_bytes(book), tuple(combined), tuple(not_read))


def _first_sentence(text: str) -> str:
    """A refusal's first sentence (a full one lists every header of every sheet)."""
    first = text.split(". ", 1)[0].rstrip(".")
    return first + "."


def _sheet_title(filename: str, taken: set[str]) -> str:
    """A sheet name for the file: its stem, without the characters Excel refuses, short enough and
    not one taken already (case aside)."""
    stem = _NOT_IN_SHEET_NAME.sub("_", PurePath(filename).stem).strip("' ") or "file"
    title, number = stem[:SHEET_NAME_CHARS], 2
    while title.casefold() in taken:
        suffix = f" ({number})"
        title, number = stem[: SHEET_NAME_CHARS - len(suffix)] + suffix, number + 1
    return title


def _fixed_bytes(book: object) -> bytes:
    """The workbook's bytes with fixed times in its properties and its zip entries, so that the same
    files give the same bytes."""
    import datetime as dt

    book.properties.created = dt.datetime(*_FIXED_TIME)  # type: ignore[attr-defined]
    buffer = io.BytesIO()
    book.save(buffer)  # type: ignore[attr-defined]
    fixed = io.BytesIO()
    with zipfile.ZipFile(buffer) as written, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as out:
        for info in written.infolist():
            content = written.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the time of saving as 'modified', whatever the properties say.
                content = _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z", content)
            out.writestr(zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME), content)
    return fixed.getvalue()
