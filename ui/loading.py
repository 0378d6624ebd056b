"""Reading ledgers for this session: the upload or the embedded sample, parsed once per content.

Uploaded bytes live only in this session's memory (never in a shared cache), so one user's ledger
is never served to another session. Every file is parsed in a worker process with a memory cap and
a time limit (`core.reading.isolation`), so no file can take the server down. Parsed ledgers are
kept per session, keyed by the file's content hash and the column mapping, so going back to a file
read before costs nothing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from core.errors import LedgerError, NoLedgerSheet, UnreadField
from core.page_text import for_page
from core.reading.files import CombinedFiles, combine_files
from core.reading.isolation import previews_isolated, read_isolated, run_isolated
from core.reading.kind_table import read_with_kinds
from core.reading.ledger import ColumnMapping, Ledger
from core.reading.mapped_preview import MappingPreview, mapping_preview
from core.settings import fingerprint, parse_kind_values
from ui import reviews

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PATH = ROOT / "sample_data" / "alliance_ledger_sample.xlsx"
TEMPLATE_PATH = ROOT / "sample_data" / "alliance_ledger_template.xlsx"

UPLOAD = "_uploaded_file"
# The column mapping of this session (a record): the mapping step's, or a shared link's.
MAPPING_KEY = "column_mapping"
# The user's reading of kind values for the uploads of this session (value -> 'revenue', 'cost' or
# None): the kind values table's, or a shared link's.
KIND_VALUES_KEY = "kind_values"
_CACHE = "_ledger_cache"
_PREVIEWS = "_mapping_previews"
# Several files uploaded at once, combined: (their names and fingerprints, CombinedFiles or why not).
_COMBINED = "_combined_files"
_CURRENT = "_loaded_ledger"
# A session keeps the last few files it read: enough to switch back, bounded in memory.
CACHE_SIZE = 3


@dataclass(frozen=True)
class Loaded:
    """A ledger read in this session, with where it came from and how long reading took."""

    key: tuple
    ledger: Ledger | None
    error: str | None
    is_sample: bool
    seconds: float
    size: int
    name: str
    fingerprint: str
    mapped: bool = False
    previews: dict[str, list[list[str]]] | None = None
    # What the reader's refusal proposes for the mapping step: a field and the unread column it names.
    proposed: dict[str, str] | None = None
    # The column mapping the ledger was read with (when `mapped`): a link and a saved review keep it.
    mapping: ColumnMapping | None = None
    # The user's kind values the ledger was read with (value, reading) and the table of its kind
    # column's values as read (core.reading.kind_table), when it has one to show.
    kind_values: tuple[tuple[str, str | None], ...] = ()
    kind_table: pd.DataFrame | None = field(default=None, compare=False, hash=False)


Told = tuple[tuple[str, str | None], ...]


def _read(
    key: tuple, name: str, data: bytes, is_sample: bool, mapping: ColumnMapping | None, told: Told = ()
) -> Loaded:
    started = time.perf_counter()
    ledger, error, mapped, previews, proposed, table = None, None, False, None, None, None
    kinds = dict(told) or None
    try:
        ledger, table = run_isolated(read_with_kinds, data, name, kind_values=kinds)
    except NoLedgerSheet as exc:
        error, previews, proposed = str(exc), previews_isolated(data, name), _proposed(exc)
        if mapping is not None:
            try:
                ledger, table = run_isolated(read_with_kinds, data, name, mapping=mapping, kind_values=kinds)
                error, mapped = None, True
            except LedgerError as mapping_error:
                error = f"{exc}\n\nThe saved column mapping does not fit this file: {mapping_error}"
    except LedgerError as exc:
        error = str(exc)
    except Exception as exc:  # a defect of ours must not put a traceback in front of a user
        error = (
            f"'{name}' could not be read because of an internal error ({type(exc).__name__}). "
            "Nothing was stored; please report it with the file."
        )
    # Every text the pages show is cut to a length a browser draws at once (core.page_text).
    ledger = for_page(ledger) if ledger is not None else None
    elapsed = time.perf_counter() - started
    used = mapping if mapped else None
    return Loaded(
        key,
        ledger,
        error,
        is_sample,
        elapsed,
        len(data),
        name,
        key[1],
        mapped,
        previews,
        proposed,
        used,
        told if ledger is not None else (),
        table,
    )


def _proposed(refusal: NoLedgerSheet) -> dict[str, str] | None:
    """The column a refusal names for a field (its last candidate, as the command's hint does)."""
    if not isinstance(refusal, UnreadField) or refusal.proposed is None:
        return None
    return {refusal.field: refusal.proposed}


def preview_with(mapping: ColumnMapping) -> MappingPreview | str:
    """What the ledger in view reads with `mapping` (the mapping step's preview), or why it cannot be
    read so; kept per session for each file and mapping, so that rerunning the step costs nothing."""
    name, data, _, _, told = _source()
    key = (fingerprint(data), name, mapping, told)
    cache: dict[tuple, MappingPreview | str] = st.session_state.setdefault(_PREVIEWS, {})
    if key not in cache:
        try:
            with st.spinner(f"Reading {name} with these columns…"):
                read = read_isolated(data, name, mapping=mapping, kind_values=dict(told) or None)
                cache[key] = mapping_preview(read)
        except LedgerError as exc:
            cache[key] = str(exc)
        except Exception as exc:  # a defect of ours must not put a traceback in front of a user
            cache[key] = f"The preview could not be made because of an internal error ({type(exc).__name__})."
        while len(cache) > CACHE_SIZE:
            cache.pop(next(iter(cache)))
    return cache[key]


def saved_mapping() -> ColumnMapping | None:
    """The column mapping the user gave for an earlier file in this session, if any."""
    raw = st.session_state.get(MAPPING_KEY)
    if not raw:
        return None
    return ColumnMapping.from_record(raw)


def remember_upload(key: str = "ledger_upload") -> None:
    """Keep the upload (or its removal) apart from the widget, which may forget it between pages.

    A new upload, or removing one, leaves the saved review in view: the user chose another file.
    """
    st.session_state[UPLOAD] = st.session_state.get(key)
    reviews.close()


def _source() -> tuple[str, bytes, bool, ColumnMapping | None, Told]:
    """Name, bytes, whether it is the sample, and the column mapping and kind values of the ledger
    in view (a saved review's own, else those the user gave in this session)."""
    found = reviews.opened()
    if found is not None:
        told = parse_kind_values(found.review.settings)[0] or {}
        mapping = reviews.mapping_of(found)
        return found.review.ledger_name, reviews.ledger_bytes(found), False, mapping, _told(told)
    files = uploaded_files()
    if len(files) == 1:
        return files[0].name, files[0].getvalue(), False, saved_mapping(), saved_kind_values()
    combined = combined_files()
    if isinstance(combined, CombinedFiles):
        return combined.filename, combined.data, False, saved_mapping(), saved_kind_values()
    return SAMPLE_PATH.name, SAMPLE_PATH.read_bytes(), True, None, ()


def uploaded_files() -> list:
    """The files of the upload in view (UploadedFile each; one, several, or none)."""
    uploaded = st.session_state.get(UPLOAD)
    if uploaded is None:
        return []
    return list(uploaded) if isinstance(uploaded, list | tuple) else [uploaded]


def combined_files() -> CombinedFiles | str | None:
    """Several files uploaded at once as one ledger workbook (core.reading.files), or why they
    cannot be (a text); None for one file or none. Combined in a worker, once per set of files."""
    files = uploaded_files()
    if len(files) < 2:
        return None
    given = [(f.name, f.getvalue()) for f in files]
    key = tuple((name, fingerprint(data)) for name, data in given)
    kept = st.session_state.get(_COMBINED)
    if kept is None or kept[0] != key:
        try:
            with st.spinner(f"Combining {len(given)} files…"):
                found: CombinedFiles | str = run_isolated(_combine, b"", "combined.xlsx", files=given)
        except LedgerError as why:
            found = str(why)
        except Exception as exc:  # a defect of ours must not put a traceback in front of a user
            found = f"The files could not be combined because of an internal error ({type(exc).__name__})."
        kept = (key, found)
        st.session_state[_COMBINED] = kept
    return kept[1]


def _combine(data: bytes, filename: str, files: list[tuple[str, bytes]]) -> CombinedFiles:
    """`combine_files(files)` as the worker runs a task (its data and filename unused)."""
    del data, filename
    return combine_files(files)


def _told(told: dict[str, str | None]) -> Told:
    return tuple(sorted(told.items()))


def saved_kind_values() -> Told:
    """The kind values the user gave in this session, as (value, reading) pairs."""
    return _told(dict(st.session_state.get(KIND_VALUES_KEY) or {}))


def current_bytes() -> bytes:
    """The bytes of the ledger in view (to save it as a review)."""
    return _source()[1]


def load() -> Loaded:
    """The ledger in view: a saved review's, else the uploaded file, else the embedded sample.

    A saved review whose ledger cannot be read from the database now, or whose stored bytes are not
    the ones saved, is said as such (not kept: the next run asks the database again)."""
    combined = combined_files()
    if isinstance(combined, str):
        refused = Loaded(("files", combined), None, combined, False, 0.0, 0, "several files", "")
        st.session_state[_CURRENT] = refused
        return refused
    try:
        name, data, is_sample, mapping, told = _source()
    except (reviews.StoreUnavailable, reviews.UnreadableReview) as exc:
        found = reviews.opened()
        name = found.review.ledger_name if found is not None else "the saved review's ledger"
        unavailable = Loaded(("unavailable",), None, str(exc), False, 0.0, 0, name, "")
        st.session_state[_CURRENT] = unavailable
        return unavailable
    # An upload saved as a review is the same file: one cache entry serves both.
    key = ("sample" if is_sample else "file", fingerprint(data), name, mapping, told)
    cache: dict[tuple, Loaded] = st.session_state.setdefault(_CACHE, {})
    loaded = cache.get(key)
    if loaded is None:
        if is_sample:
            loaded = _read(key, name, data, True, None)
        else:
            with st.spinner(f"Reading {name} ({len(data) / 1e6:,.1f} MB)…"):
                loaded = _read(key, name, data, False, mapping, told)
        cache[key] = loaded
        while len(cache) > CACHE_SIZE:
            cache.pop(next(iter(cache)))
    st.session_state[_CURRENT] = loaded
    return loaded


def current() -> Loaded | None:
    """The ledger this run loaded, if any."""
    return st.session_state.get(_CURRENT)
