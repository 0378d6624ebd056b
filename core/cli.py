"""`summarize`: a ledger file in, the summary workbook out, for scheduled and batch use.

Exit 0 on success; exit 2 with one `error:` line on stderr for an unusable input, and no output
file left behind.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.reading.extent import SheetExtent
    from core.reading.isolation import Running
    from core.reading.ledger import Ledger
    from core.settings import Settings

from core.flags import MAPPABLE, SettingFlagError, chosen_columns, kind_readings, statement_rows
from core.view_link import view_kind_values, view_link, view_mapping, view_settings

EXIT_OK, EXIT_INTERNAL, EXIT_UNUSABLE = 0, 1, 2
# The options that take no value: the word after one is not its value.
FLAGS_WITHOUT_VALUE = ("--revenue-only", "--undated", "--dayfirst", "--monthfirst")


def program() -> str:
    """How the user called the command: `alliance-roi` once installed, else `python -m core`."""
    return "alliance-roi" if Path(sys.argv[0]).name == "alliance-roi" else "python -m core"


class _Parser(argparse.ArgumentParser):
    """argparse that reports misuse in the contract's one-line `error:` form."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"error: {message} (see: {program()} summarize --help)\n")
        raise SystemExit(EXIT_UNUSABLE)


def build_parser() -> argparse.ArgumentParser:
    """The command line of the product contract."""
    parser = _Parser(prog=program(), description="Alliance ROI, headless.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    summarize = commands.add_parser("summarize", help="turn a ledger into the summary workbook")
    summarize.add_argument("ledger", type=Path, help="ledger workbook (.xlsx, .xlsm, .xls, .ods, .csv)")
    summarize.add_argument(
        "-o",
        "--output",
        type=Path,
        help="summary workbook to write (default: <ledger>-summary.xlsx beside the ledger)",
    )
    summarize.add_argument("--sheet", metavar="NAME", help="read the ledger from this sheet")
    summarize.add_argument(
        "--map",
        metavar="FIELD=HEADER",
        action="append",
        default=[],
        help="read the column headed HEADER as FIELD (repeat for several; FIELD= with no header reads "
        "no column as FIELD, e.g. currency=); FIELD one of " + ", ".join(MAPPABLE),
    )
    _reading_flags(summarize)
    summarize.add_argument(
        "--view",
        metavar="LINK",
        help="apply the settings of a link copied from the app (the whole link or its query string); "
        "flags below override it",
    )
    _setting_flags(summarize)
    return parser


def _reading_flags(summarize: argparse.ArgumentParser) -> None:
    """The flags that say how the ledger's values read: kind values, date order, the alliance of a
    ledger without a partner column, revenue only, no dates."""
    summarize.add_argument(
        "--kind-values",
        metavar="VALUE=READING,...",
        default="",
        help="read these values of the kind (transaction type) column as revenue, cost or none "
        "(neither: the rows are left out and listed), e.g. 'Invoice=revenue,Bill=cost,Transfer=none'",
    )
    order = summarize.add_mutually_exclusive_group()
    order.add_argument(
        "--dayfirst",
        dest="dayfirst",
        action="store_const",
        const=True,
        default=None,
        help="read slash dates of the date column day first (03/04/2024 is 3 April); default: as the "
        "column's own dates settle it (25/04/2024 day first, 04/25/2024 month first), else day first",
    )
    order.add_argument(
        "--monthfirst",
        dest="dayfirst",
        action="store_const",
        const=False,
        help="read slash dates of the date column month first (03/04/2024 is March 4)",
    )
    summarize.add_argument(
        "--alliance",
        metavar="NAME",
        help="the name of the one alliance of a ledger without a partner column (a bank statement); "
        "default: the account its banner names, else the file's name",
    )
    summarize.add_argument(
        "--revenue-only",
        action="store_true",
        help="the ledger holds revenue only: read it without costs (ROI is then not computed)",
    )
    summarize.add_argument(
        "--statement-rows",
        metavar="'revenue=LABEL,...;cost=LABEL,...'",
        default="",
        help="read a statement with periods as columns (a P&L) from these rows, by their labels "
        "(LABEL@ROW for a label on several rows); with --periods",
    )
    summarize.add_argument(
        "--periods",
        metavar="LABEL,...",
        default="",
        help="the period columns of the statement that count, by their headers (Y01A,Y02A: actuals only)",
    )
    summarize.add_argument(
        "--undated",
        action="store_true",
        help="the ledger has no dates: read it as one period (quarters, before/after, payback, NPV, IRR "
        "and annualised ROI are then not computed)",
    )


def _setting_flags(summarize: argparse.ArgumentParser) -> None:
    """One flag per setting a user changes in the app's sidebar, from the settings' field table."""
    from core.settings import FIELDS

    group = summarize.add_argument_group("view settings (as in the app's sidebar; default: the ledger's own)")
    for spec in FIELDS:
        group.add_argument(
            spec.flag,
            dest=f"setting_{spec.param}",
            metavar=spec.metavar,
            action="append" if spec.many else "store",
            # argparse formats help with %, so a percent sign in the words is doubled.
            help=f"{spec.words}{' (repeat for several)' if spec.many else ''}; "
            f"default: {spec.default_words}".replace(" (the default)", "").replace("%", "%%"),
        )


def default_output(ledger: Path) -> Path:
    """<ledger>-summary.xlsx beside the ledger."""
    return ledger.with_name(f"{ledger.stem}-summary.xlsx")


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit code."""
    words = sys.argv[1:] if argv is None else list(argv)
    early = _check_early(words)
    try:
        return _run(words, early)
    finally:
        if early is not None:
            early.running.stop()


@dataclass(frozen=True)
class _EarlyCheck:
    """The upload check of the ledger named on the command line, and its sheets' first rows, started
    in a worker before the settings' modules (pandas among them) are loaded here: the two take
    about as long, and the reader then starts at the sheet's body."""

    path: Path
    data: bytes
    running: Running[tuple[dict[str, SheetExtent], dict[str, list[list[object]]]]]


def _ledger_argument(words: list[str]) -> Path | None:
    """The ledger in a `summarize` command line, found without the full parser (which needs the
    settings' modules): the first word after 'summarize' that is neither an option nor an option's
    value. Every option but --help and FLAGS_WITHOUT_VALUE takes one value. argparse still has the
    last word."""
    rest = iter(words)
    if next(rest, None) != "summarize":
        return None
    for word in rest:
        if word == "--":
            following = next(rest, None)
            return Path(following) if following else None
        if word in ("-h", "--help"):
            return None
        if word in FLAGS_WITHOUT_VALUE:
            continue
        if word.startswith("-") and len(word) > 1:
            attached = "=" in word or (not word.startswith("--") and len(word) > 2)
            if not attached:
                next(rest, None)
            continue
        return Path(word)
    return None


def _check_early(words: list[str]) -> _EarlyCheck | None:
    """Start checking the named ledger's bytes in a worker, or None (no readable file named)."""
    path = _ledger_argument(words)
    if path is None or not path.is_file():
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    from core.reading.isolation import fork_directly, start_isolated
    from core.reading.preview import checked_with_heads

    fork_directly()
    return _EarlyCheck(path, data, start_isolated(checked_with_heads, data, path.name))


def _run(words: list[str], early: _EarlyCheck | None) -> int:
    args = build_parser().parse_args(words)
    try:
        settings, warnings = view_settings(args)
        args.chosen = chosen_columns(args.map)
        args.kind_readings = kind_readings(args.kind_values)
        args.statement = statement_rows(args.statement_rows, args.periods, args.revenue_only)
    except SettingFlagError as exc:
        sys.stderr.write(f"error: {exc} (see: {program()} summarize --help)\n")
        return EXIT_UNUSABLE
    args.mapping, refused = view_mapping(args)
    warnings += refused
    args.kind_readings, untold = view_kind_values(args)
    warnings += untold
    for warning in warnings:
        sys.stderr.write(warning + "\n")
    # Imported here so that `--help` and usage errors answer without loading pandas.
    from core.errors import LedgerError, NoLedgerSheet, UnreadField

    ledger_path: Path = args.ledger
    output: Path = args.output or default_output(ledger_path)
    try:
        left_out = _summarize(ledger_path, output, settings, args, early)
    except UnreadField as exc:
        from core.reading.completeness import command_hint

        sys.stderr.write(f"error: {exc} With the command: {command_hint(exc)}.\n")
        return EXIT_UNUSABLE
    except NoLedgerSheet as exc:
        # The hint fits a workbook whose ledger sheet was not found, not two columns for one figure.
        hint = (
            ""
            if "two columns could be" in str(exc)
            else " With the command, --sheet NAME picks the sheet to read."
        )
        sys.stderr.write(f"error: {exc}{hint}\n")
        return EXIT_UNUSABLE
    except LedgerError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return EXIT_UNUSABLE
    except OSError as exc:
        sys.stderr.write(
            f"error: cannot write '{output}': {exc.strerror or exc}. Choose another path with -o.\n"
        )
        return EXIT_UNUSABLE
    except Exception as exc:  # a defect of ours: still one line, never a traceback
        sys.stderr.write(
            f"error: internal error while summarising '{ledger_path.name}' "
            f"({type(exc).__name__}: {exc}); please report it with the file.\n"
        )
        return EXIT_INTERNAL
    if left_out:
        sys.stderr.write(
            f"warning: {left_out} ledger rows left out; each is listed with its reason "
            f"on the 'Data issues' sheet of {output}\n"
        )
    print(f"wrote {output}")
    return EXIT_OK


def _summarize(
    ledger_path: Path, output: Path, settings: Settings, args: argparse.Namespace, early: _EarlyCheck | None
) -> int:
    """Read the ledger, build the report, write the workbook; the number of ledger rows left out."""
    from core.reading.isolation import ReaderDefect, fork_directly, start_isolated
    from core.reading.ledger import read_ledger
    from core.reading.safety import vouch
    from core.reading.told import StatementChoice

    fork_directly()
    known = early.data if early is not None and early.path == ledger_path else None
    data = _ledger_bytes(ledger_path, known)
    if early is not None and data is early.data:
        # A refusal is raised here, as the reader would raise it; a pass is handed to the reader. If
        # the checker failed in a way of ours (ReaderDefect), the reader checks the file itself.
        with contextlib.suppress(ReaderDefect):
            extents, heads = early.running.result()
            vouch(data, ledger_path.name, extents, heads)
    reading = start_isolated(
        read_ledger,
        data,
        ledger_path.name,
        sheet=args.sheet,
        # The --view link's column mapping (with the --map flags in it), else the --map flags alone.
        mapping=args.mapping,
        chosen=None if args.mapping else args.chosen or None,
        revenue_only=args.revenue_only,
        undated=args.undated,
        statement=StatementChoice(*args.statement) if args.statement else None,
        kind_values=args.kind_readings or None,
        dayfirst=args.dayfirst,
        won_stages=settings.won_stages,
        alliance=args.alliance,
    )
    try:
        # The worker reads on one core while this process loads what comes after reading on the other.
        from core.output.export import summary_workbook
        from core.report import build_report
        from core.settings import fingerprint

        content = fingerprint(data)
        ledger = reading.result()
    finally:
        reading.stop()
    if ledger.entries.empty:
        raise _unusable(_no_entries_message(ledger, ledger_path.name))
    if ledger.source.undated and (dated := _dated_flags(settings)):
        raise _unusable(
            f"The ledger has no dates (read as one period): {', '.join(dated)} cannot apply to it; leave "
            + ("them" if len(dated) > 1 else "it")
            + " out."
        )
    report = build_report(ledger, settings)
    if report.empty_view:
        sys.stderr.write(f"warning: {report.empty_view} The workbook shows the empty view.\n")
    link = view_link(ledger_path.name, content, report.settings, args.view, args.mapping, args.kind_readings)
    _write_atomically(output, summary_workbook(report, link=link))
    return report.rows_left_out


def _dated_flags(settings: Settings) -> list[str]:
    """The settings given that need dates (a date range, an initiative date), as their flags."""
    given = (settings.filters.start, settings.filters.end, settings.initiative_date)
    return [flag for flag, value in zip(("--from", "--to", "--initiative-date"), given, strict=True) if value]


def _no_entries_message(ledger: Ledger, filename: str) -> str:
    """Why a ledger with a header gave no entry: the commonest reasons, or that it has no rows."""
    from core.reading.issues import commonest_reasons

    sheet = ledger.source.sheet_label
    reasons = commonest_reasons(ledger.issues, ledger.source.ledger_sheets)
    if not reasons:
        return f"Sheet '{sheet}' of '{filename}' has a header row but no entries below it: add them."
    return (
        f"Sheet '{sheet}' of '{filename}' has a header row but every one of its {ledger.rows_left_out:,} "
        f"rows was left out; the commonest reasons: {reasons}. Fix those cells and run again."
    )


def _ledger_bytes(path: Path, known: bytes | None = None) -> bytes:
    """The ledger file's bytes (`known` when already read), or a LedgerError saying why it cannot be read."""
    from core.reading.workbook import ACCEPTED_SUFFIXES

    if not path.is_file():
        raise _unusable(f"'{path}' does not exist or is not a file: give the path of a ledger workbook.")
    if path.suffix.lower() not in ACCEPTED_SUFFIXES:
        raise _unusable(
            f"'{path.name}' is not a spreadsheet this reads "
            f"({', '.join(ACCEPTED_SUFFIXES)}): export the ledger as .xlsx."
        )
    if known is not None:
        return known
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _unusable(f"cannot read '{path}': {exc.strerror or exc}.") from None


def _unusable(message: str) -> Exception:
    from core.errors import LedgerError

    return LedgerError(message)


def _write_atomically(path: Path, payload: bytes) -> None:
    """Write to a temporary file beside the target, then rename: no half-written workbook."""
    directory = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    # mkstemp creates the file readable by its owner only; the workbook gets the usual permissions.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
