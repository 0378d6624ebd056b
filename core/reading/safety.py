"""Checks an upload passes before any spreadsheet library expands it.

A .xlsx is a zip of XML files: a small file can expand to gigabytes (a zip bomb) or declare XML
entities that expand exponentially (a 'billion laughs'). Both are refused here from the zip's
directory and the first bytes of each part, without decompressing the whole.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import PurePath

from core.errors import LedgerError

MAX_FILE_BYTES = 200 * 1024 * 1024  # matches server.maxUploadSize in .streamlit/config.toml
MAX_EXPANDED_BYTES = 1024 * 1024 * 1024  # a 1,048,576-row sheet expands to a few hundred MB
MAX_RATIO = 200  # real sheets compress 5-20×; bombs compress thousands of times
RATIO_CHECK_FROM = 10 * 1024 * 1024  # small parts may compress well without being dangerous
EXCEL_MAX_ROWS = 1_048_576

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptionInfo".encode("utf-16-le")
ZIP_SUFFIXES = (".xlsx", ".xlsm", ".ods", ".xlsb")


def check_upload(data: bytes, filename: str) -> None:
    """Refuse, with a message saying what to do, a file that cannot or must not be opened."""
    name = PurePath(filename).name
    suffix = PurePath(filename).suffix.lower()
    if not data:
        raise LedgerError(f"'{name}' is empty (0 bytes): upload the saved ledger workbook.")
    if len(data) > MAX_FILE_BYTES:
        raise LedgerError(
            f"'{name}' is {len(data) / 1024 / 1024:,.0f} MB, over the {MAX_FILE_BYTES // 1024 // 1024} MB "
            "limit: remove sheets that are not needed or split the ledger by year."
        )
    if data.startswith(OLE_MAGIC):
        _check_ole(data, name, suffix)
    elif data.startswith(ZIP_MAGIC):
        _check_zip(data, name)
    elif suffix in ZIP_SUFFIXES or suffix == ".xls":
        raise LedgerError(
            f"'{name}' is not an Excel workbook ({_looks_like(data)}): save it from Excel "
            "as .xlsx, or export it as .csv, and upload it again."
        )


def _looks_like(data: bytes) -> str:
    head = data[:512].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "it is a PDF"
    if head.startswith((b"<html", b"<!doctype html", b"<table")):
        return "it is a web page saved with an Excel name"
    if head.startswith(b"<?xml"):
        return "it is an XML file"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "its content is not a spreadsheet format this reads"
    return "it is plain text; if it is comma-separated, name it .csv"


def _check_ole(data: bytes, name: str, suffix: str) -> None:
    # Excel stores a password-protected .xlsx inside an OLE container with an EncryptionInfo stream.
    if ENCRYPTED_STREAM in data[:1_000_000] or suffix in ZIP_SUFFIXES:
        raise LedgerError(
            f"'{name}' is password-protected (encrypted): open it in Excel, remove the password "
            "(File › Info › Protect Workbook), save it and upload it again."
        )


def _check_zip(data: bytes, name: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
        broken = archive.testzip() if len(data) < 5 * 1024 * 1024 else None
    except (zipfile.BadZipFile, EOFError, ValueError, zlib.error):
        raise LedgerError(
            f"'{name}' is truncated or corrupt (its zip structure cannot be read): download or save it "
            "again and upload the new copy."
        ) from None
    if broken:
        raise LedgerError(
            f"'{name}' is corrupt (part '{broken}' does not match its checksum): download or "
            "save it again and upload the new copy."
        )
    expanded = sum(m.file_size for m in members)
    if expanded > MAX_EXPANDED_BYTES:
        raise LedgerError(
            f"'{name}' would expand to {expanded / 1024**3:,.1f} GB, over the "
            f"{MAX_EXPANDED_BYTES // 1024**3} GB this reads: it is not a plain ledger workbook (or it is "
            "far larger than Excel's own limits). Refused without opening it."
        )
    for member in members:
        if member.file_size >= RATIO_CHECK_FROM and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise LedgerError(
                f"'{name}' has a part ('{member.filename}') that expands "
                f"{member.file_size // max(member.compress_size, 1):,} times: a compression bomb, not a "
                "ledger. Refused without opening it."
            )
    for member in members:
        if member.filename.endswith((".xml", ".rels")) and member.file_size:
            with archive.open(member) as part:
                head = part.read(4096)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise LedgerError(
                    f"'{name}' declares XML entities in '{member.filename}', which spreadsheets never do and "
                    "which can expand without limit: refused without opening it. Save the ledger again "
                    "from Excel."
                )


def check_rows(count: int, sheet: str, name: str) -> None:
    """Refuse a sheet with more rows than Excel can hold."""
    if count > EXCEL_MAX_ROWS:
        raise LedgerError(
            f"Sheet '{sheet}' of '{name}' has {count:,} rows, more than an Excel sheet can hold "
            f"({EXCEL_MAX_ROWS:,}): split the ledger (by year, say) and upload the parts one at a time."
        )
