"""The command's flags that say how to read the ledger (`--map`, `--kind-values`), parsed without
pandas so that a usage error answers at once; and the error a refused setting flag raises."""

from __future__ import annotations

# Fields a `--map` may name: the ledger sheet's columns the reader takes.
MAPPABLE: tuple[str, ...] = ("date", "alliance", "kind", "amount", "revenue", "cost", "profit")
MAPPABLE += (
    "quantity",
    "unit price",
    "unit cost",
    "debit",
    "credit",
    "currency",
    "category",
    "notes",
    "stage",
    "fee",
)
# Fields every ledger reads: only the others may be left unread with an empty header (`--map currency=`).
NEEDED = ("date", "alliance")
# What `--kind-values VALUE=READING` may read a kind value as: 'none' leaves its rows out, listed.
KIND_READINGS: dict[str, str | None] = {"revenue": "revenue", "cost": "cost", "none": None}


class SettingFlagError(ValueError):
    """A setting flag whose value is not allowed."""


def chosen_columns(given: list[str]) -> dict[str, str]:
    """`--map FIELD=HEADER` flags as field -> header ('' for `--map FIELD=`: no column is that field);
    SettingFlagError for a malformed one."""
    chosen: dict[str, str] = {}
    for text in given:
        field, sep, header = text.partition("=")
        field, header = field.strip().casefold().replace("_", " "), header.strip().strip("'\"").strip()
        if not sep:
            raise SettingFlagError(f"--map {text}: write FIELD=HEADER, e.g. --map revenue='Net Sales'")
        if field not in MAPPABLE:
            raise SettingFlagError(
                f"--map {text}: '{field}' is not a field; FIELD is one of {', '.join(MAPPABLE)}"
            )
        if not header and field in NEEDED:
            raise SettingFlagError(
                f"--map {text}: every ledger has a {field}; write FIELD=HEADER, e.g. --map {field}='Posted'"
            )
        if field in chosen:
            raise SettingFlagError(f"--map {text}: {field} is mapped twice")
        chosen[field] = header
    return chosen


def kind_readings(text: str) -> dict[str, str | None]:
    """`--kind-values 'Invoice=revenue,Bill=cost'` as value -> 'revenue', 'cost' or None (neither);
    SettingFlagError for a malformed one."""
    told: dict[str, str | None] = {}
    for part in filter(str.strip, text.split(",")):
        value, sep, reading = (p.strip().strip("'\"").strip() for p in part.partition("="))
        if not sep or not value or reading.casefold() not in KIND_READINGS:
            raise SettingFlagError(
                f"--kind-values {part.strip()}: write VALUE=READING, READING one of "
                f"{', '.join(KIND_READINGS)}, e.g. --kind-values 'Invoice=revenue,Bill=cost'"
            )
        told[value] = KIND_READINGS[reading.casefold()]
    return told


def statement_rows(
    rows: str, periods: str, revenue_only: bool = False
) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]] | None:
    """`--statement-rows 'revenue=Revenue;cost=Cost of sales,Interest@86'` and `--periods
    Y01A,Y02A` as figure -> row labels and the period labels; None without them; SettingFlagError
    for a malformed one, one given without the other, or no cost rows unless `revenue_only`."""
    if not rows and not periods:
        return None
    if not rows or not periods:
        raise SettingFlagError("--statement-rows and --periods go together: say which rows and which periods")
    told: dict[str, tuple[str, ...]] = {}
    for part in filter(None, (p.strip() for p in rows.split(";"))):
        figure, _, labels = part.partition("=")
        figure = figure.strip().casefold()
        named = tuple(label.strip().strip("'\"") for label in labels.split(",") if label.strip())
        if figure not in ("revenue", "cost") or not named or figure in told:
            raise SettingFlagError(
                f"--statement-rows {part}: write 'revenue=LABEL,...;cost=LABEL,...', e.g. "
                "--statement-rows 'revenue=Revenue;cost=Cost of sales,Interest@86'"
            )
        told[figure] = named
    if "cost" not in told and not revenue_only:
        raise SettingFlagError(
            f"--statement-rows {rows}: no cost rows; add them (cost=LABEL,...), or say the statement "
            "holds revenue only (--revenue-only)"
        )
    return told, tuple(p.strip() for p in periods.split(",") if p.strip())
