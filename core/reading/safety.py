"""Checks an upload passes before any spreadsheet library expands it.

A .xlsx is a zip of XML files: a small file can expand to gigabytes (a zip bomb), lie about its
sizes, declare XML entities that expand exponentially (a 'billion laughs') or place one value so
far out that the reader lays out billions of cells. All are refused here, each part streamed out of
the zip 1 MB at a time, its sizes and checksum verified, before the reader sees the file.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import PurePath
from xml.etree import ElementTree

from core.errors import LedgerError
from core.reading.extent import EXCEL_MAX_ROWS, ExtentScanner, SheetExtent

# A ledger at Excel's limit of 1,048,576 rows is about 20 MB saved by Excel (text in a shared-string
# table) and 34 MB with text stored in each cell (benchmarks/out/ledger_1000000.xlsx, 6 columns):
# 50 MB takes either, with room for side sheets. The app's upload box and .streamlit/config.toml's
# server.maxUploadSize say the same (a test checks).
MAX_UPLOAD_MB = 50
MAX_FILE_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_EXPANDED_BYTES = 1024 * 1024 * 1024  # a 1,048,576-row sheet expands to a few hundred MB
MAX_RATIO = 200  # real sheets compress 5-20×; bombs compress thousands of times
RATIO_CHECK_FROM = 10 * 1024 * 1024  # small parts may compress well without being dangerous

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptionInfo".encode("utf-16-le")
ZIP_SUFFIXES = (".xlsx", ".xlsm", ".ods", ".xlsb")

_CHUNK = 1024 * 1024
_WORKBOOK = "xl/workbook.xml"
_WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
_MAX_WORKBOOK_PART = 64 * 1024 * 1024  # the sheet list and its relationships; larger is not a workbook
# '<!DOCTYPE' or '<!ENTITY' in UTF-8 or UTF-16 (either byte order), any case: found by its '!'.
_DECLARATION = re.compile(rb"!\x00?[DdEe]")
_OVERLAP = 32


# A verdict reached in another process on these very bytes, and the sheets' first rows (see `vouch`).
_vouched: tuple[bytes, str, dict[str, SheetExtent], dict[str, list[list[object]]]] | None = None


def vouch(
    data: bytes,
    filename: str,
    extents: dict[str, SheetExtent],
    heads: dict[str, list[list[object]]] | None = None,
) -> None:
    """Record that `data` passed `check_upload` as `filename`, with these extents, in a checker
    process (which may also have read the first rows of some sheets, `heads`): a reader forked from
    this process then takes them instead of scanning the same bytes again. Only the same bytes
    object counts (a copy, even an equal one, is checked anew)."""
    global _vouched
    _vouched = (data, filename, dict(extents), dict(heads or {}))


def vouched_heads(data: bytes, filename: str) -> dict[str, list[list[object]]]:
    """The first rows of sheets read by the process that vouched for these bytes ({} if none did)."""
    if _vouched is not None and _vouched[0] is data and _vouched[1] == filename:
        return dict(_vouched[3])
    return {}


def check_upload(data: bytes, filename: str) -> dict[str, SheetExtent]:
    """Refuse, with a message saying what to do, a file that cannot or must not be opened.

    Returns how far each worksheet of an .xlsx/.xlsm reaches, by sheet name, for `check_extent`.
    """
    if _vouched is not None and _vouched[0] is data and _vouched[1] == filename:
        return dict(_vouched[2])
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
        return _check_zip(data, name)
    elif suffix in ZIP_SUFFIXES or suffix == ".xls":
        raise LedgerError(
            f"'{name}' is not an Excel workbook ({_looks_like(data)}): save it from Excel "
            "as .xlsx, or export it as .csv, and upload it again."
        )
    return {}


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


def _corrupt(name: str) -> LedgerError:
    return LedgerError(
        f"'{name}' is truncated or corrupt (its zip structure cannot be read): download or save it "
        "again and upload the new copy."
    )


def _check_zip(data: bytes, name: str) -> dict[str, SheetExtent]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, zlib.error):
        raise _corrupt(name) from None
    _check_declared_sizes(members, name)
    sheets = _worksheet_parts(data, archive, name)
    extents: dict[str, SheetExtent] = {}
    for member in members:
        scanner = ExtentScanner() if member.filename in sheets else None
        declarations = _DeclarationCheck(name, member.filename, _may_declare(member.filename, sheets))
        for chunk in _part_chunks(data, archive, member, name):
            declarations.feed(chunk)
            if scanner:
                scanner.feed(chunk)
        if scanner:  # a name listed twice in the zip counts at its farthest
            sheet, measured = sheets[member.filename], scanner.extent()
            if sheet not in extents or measured.cells > extents[sheet].cells:
                extents[sheet] = measured
    return extents


def _check_declared_sizes(members: list[zipfile.ZipInfo], name: str) -> None:
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


def _bytes(count: int) -> str:
    return f"{count:,} byte{'' if count == 1 else 's'}"


def _inconsistent(name: str, member: zipfile.ZipInfo, actual: str) -> LedgerError:
    return LedgerError(
        f"'{name}' has inconsistent sizes (it is damaged or was tampered with): its zip directory says "
        f"part '{member.filename}' holds {_bytes(member.file_size)}, but {actual}. Refused without "
        "opening it: save the ledger again from Excel and upload the new copy."
    )


def _part_chunks(
    data: bytes, archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str
) -> Iterator[bytes]:
    """A part's bytes, 1 MB at a time, never more than its directory declares; sizes and checksum checked."""
    start = _data_start(data, member, name)
    if member.flag_bits & 0x1 or member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        yield from _library_chunks(archive, member, name)
        return
    raw = memoryview(data)[start : start + member.compress_size]
    if len(raw) < member.compress_size:
        raise _corrupt(name)
    pieces = _stored(raw) if member.compress_type == zipfile.ZIP_STORED else _inflated(raw, name)
    total = 0
    checksum = 0
    for piece in pieces:
        total += len(piece)
        if total > member.file_size:
            raise _inconsistent(name, member, "it holds more")
        checksum = zlib.crc32(piece, checksum)
        yield piece
    if total < member.file_size:
        raise _inconsistent(name, member, f"it holds only {_bytes(total)}")
    if checksum != member.CRC:
        raise LedgerError(
            f"'{name}' is corrupt (part '{member.filename}' does not match its checksum): download or "
            "save it again and upload the new copy."
        )


def _data_start(data: bytes, member: zipfile.ZipInfo, name: str) -> int:
    """Where a part's compressed bytes begin; its own header must agree with the directory's sizes."""
    header = data[member.header_offset : member.header_offset + 30]
    if len(header) < 30 or not header.startswith(ZIP_MAGIC):
        raise _corrupt(name)
    flags, compressed, size, name_length, extra_length = struct.unpack("<6xH10xIIHH", header)
    sized_here = not flags & 0x8 and 0xFFFFFFFF not in (compressed, size)
    if sized_here and (size, compressed) != (member.file_size, member.compress_size):
        raise _inconsistent(name, member, f"the part's own header says {_bytes(size)}")
    return member.header_offset + 30 + name_length + extra_length


def _stored(raw: memoryview) -> Iterator[bytes]:
    for at in range(0, len(raw), _CHUNK):
        yield bytes(raw[at : at + _CHUNK])


def _inflated(raw: memoryview, name: str) -> Iterator[bytes]:
    """Inflate a deflate stream, never more than 1 MB in memory at a time."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    taken = 0
    try:
        while not inflater.eof:
            if inflater.unconsumed_tail:
                source: bytes | memoryview = inflater.unconsumed_tail
            else:
                source = raw[taken : taken + _CHUNK]
                taken += len(source)
            piece = inflater.decompress(source, _CHUNK)
            if not piece and not source:
                raise _corrupt(name)  # the stream stops before its end
            if piece:
                yield piece
    except zlib.error:
        raise _corrupt(name) from None


def _library_chunks(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str) -> Iterator[bytes]:
    """A part zipfile reads itself (encrypted, or compressed as Excel never does)."""
    try:
        with archive.open(member) as part:
            while piece := part.read(_CHUNK):
                yield piece
    except (NotImplementedError, RuntimeError):
        raise LedgerError(
            f"'{name}' is encrypted or compressed in a way Excel never writes: open it in Excel, save "
            "it as .xlsx and upload it again."
        ) from None
    except (zipfile.BadZipFile, EOFError, zlib.error):
        raise _corrupt(name) from None


def _worksheet_parts(data: bytes, archive: zipfile.ZipFile, name: str) -> dict[str, str]:
    """Worksheet part path → sheet name, from xl/workbook.xml and its relationships (as calamine reads)."""
    try:
        workbook = _parse(data, archive, archive.getinfo(_WORKBOOK), name)
        relations = _parse(data, archive, archive.getinfo(_WORKBOOK_RELS), name)
    except (KeyError, ValueError, LookupError, ElementTree.ParseError):
        return {}  # not a spreadsheetml package, or one calamine will refuse itself
    targets = {
        element.get("Id"): posixpath.normpath(posixpath.join("xl", element.get("Target", ""))).lstrip("/")
        for element in relations.iter()
        if _local(element.tag) == "Relationship" and element.get("Type", "").endswith("/worksheet")
    }
    parts: dict[str, str] = {}
    for element in workbook.iter():
        if _local(element.tag) == "sheet":
            relation = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
            if relation in targets:
                parts[targets[relation]] = element.get("name", "")
    return parts


def _parse(data: bytes, archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str) -> ElementTree.Element:
    if member.file_size > _MAX_WORKBOOK_PART:
        raise ValueError(f"{member.filename} is {member.file_size:,} bytes")
    declarations = _DeclarationCheck(name, member.filename, may_declare=False)
    content = bytearray()
    for chunk in _part_chunks(data, archive, member, name):
        declarations.feed(chunk)
        content += chunk
    return ElementTree.fromstring(bytes(content))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _may_declare(part: str, sheets: dict[str, str]) -> bool:
    # An SVG picture may carry a DOCTYPE, and only a browser ever reads it; any part a reader parses may not.
    return part.lower().endswith(".svg") and part not in sheets


class _DeclarationCheck:
    """Refuses a part holding <!DOCTYPE or <!ENTITY, fed chunk by chunk (UTF-8 or UTF-16)."""

    def __init__(self, name: str, part: str, may_declare: bool) -> None:
        self._name = name
        self._part = part
        self._skip = may_declare
        self._tail = b""

    def feed(self, chunk: bytes) -> None:
        """Look for a declaration in this chunk and across its seam with the last one."""
        if self._skip:
            return
        if self._tail:  # a declaration cut by the seam starts in the last chunk's tail
            self._search(self._tail + chunk[:_OVERLAP], self._tail + chunk[:65536], len(self._tail))
        self._search(chunk, chunk, len(chunk))
        self._tail = chunk[-_OVERLAP:]

    def _search(self, text: bytes, context: bytes, starts_before: int) -> None:
        # A plain find of '!' (rare in a sheet) runs at memory speed; the pattern is tried only there.
        at = text.find(b"!", 0, starts_before)
        while at >= 0:
            if _DECLARATION.match(text, at):
                before = text[max(0, at - 2) : at].replace(b"\x00", b"")
                word = text[at : at + 16].replace(b"\x00", b"").upper()
                if before.endswith(b"<") and word.startswith((b"!DOCTYPE", b"!ENTITY")):
                    raise self._refusal(context, at)
            at = text.find(b"!", at + 1, starts_before)

    def _refusal(self, text: bytes, at: int) -> LedgerError:
        rest = text[at : at + 65536].replace(b"\x00", b"").upper()
        if b"<!ENTITY" in rest or rest.startswith(b"!ENTITY"):
            return LedgerError(
                f"'{self._name}' declares XML entities in '{self._part}', which spreadsheets never do and "
                "which can expand without limit: refused without opening it. Save the ledger again "
                "from Excel."
            )
        return LedgerError(
            f"'{self._name}' has a document type declaration (<!DOCTYPE>) in '{self._part}', which "
            "spreadsheets never have and which can pull in entities or outside files: refused without "
            "opening it. Save the ledger again from Excel."
        )


def check_rows(count: int, sheet: str, name: str) -> None:
    """Refuse a sheet with more rows than Excel can hold."""
    if count > EXCEL_MAX_ROWS:
        raise LedgerError(
            f"Sheet '{sheet}' of '{name}' has {count:,} rows, more than an Excel sheet can hold "
            f"({EXCEL_MAX_ROWS:,}): split the ledger (by year, say) and upload the parts one at a time."
        )
