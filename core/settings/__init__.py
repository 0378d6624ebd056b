"""The choices behind a view, and the one table from which widgets, links and command flags derive.

`Settings` is frozen and hashable: it is the cache key of a report. A setting left at `None` takes
the ledger's own default (its initiative dates, its currency, its benchmarks, every alliance), so a
link or a command line only says what differs from what the file itself implies.

`FIELDS` lists every setting a user can change: its name in a link, its flag on the command line,
its session-state key in the app, its allowed range and default, and the words used in a notice.
Reading a link, building a link, drawing a widget's limits and parsing a flag all go through it, so
that a limit is written once. A value out of range or malformed is never changed silently: it is
refused with a `Notice` that names the parameter, what was asked and what is used instead.

Settings that hold several values travel as one compact parameter each, so that links stay short:
the decision rules as only the rules that differ from the defaults (`rules=strong:3,invest:4`) and
a scenario as its changes (`scn=drop:Acme;scale:Beta*1.5;refund:Gamma=20000`).
"""

from core.settings.codec import Decoded, describe, parse_values, query_values, to_values
from core.settings.fields import BY_PARAM, FIELDS, SOURCE_PARAMS, Field, fingerprint
from core.settings.kinds import KIND_PARAM, kind_values_param, parse_kind_values
from core.settings.source import MAPPING_PARAMS, mapping_values, parse_mapping
from core.settings.values import SHEET, Notice, SettingError, Settings

__all__ = [
    "BY_PARAM",
    "FIELDS",
    "KIND_PARAM",
    "MAPPING_PARAMS",
    "SHEET",
    "SOURCE_PARAMS",
    "Decoded",
    "Field",
    "Notice",
    "SettingError",
    "Settings",
    "describe",
    "fingerprint",
    "kind_values_param",
    "mapping_values",
    "parse_kind_values",
    "parse_mapping",
    "parse_values",
    "query_values",
    "to_values",
]
