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
