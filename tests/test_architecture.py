"""The house's rules, checked on the source: layers import downward only, no circle inside reading,
no room too crowded, and one palette.

Every import counts, at the top of a module, inside a function or under TYPE_CHECKING: a lazy import
that runs upward is still an arrow a reader has to follow.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 60

# What each layer may not import (a prefix matches the package and everything in it).
FORBIDDEN = {
    "core.reading": ("core.analysis", "core.output", "core.settings", "core.reviews", "core.report"),
    "core.analysis": ("core.output", "core.settings", "core.reviews", "core.report"),
    "core.settings": ("core.output", "core.reviews", "core.report"),
    "core": ("ui", "pages", "app", "streamlit"),
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def sources() -> dict[str, Path]:
    files = [*ROOT.glob("core/**/*.py"), *ROOT.glob("ui/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]
    return {module_name(path): path for path in files}


def imported(name: str) -> set[str]:
    """Every module `name` imports, resolved against the project's modules where it is one of them."""
    path = sources()[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(
                f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in sources()
            )
    return found - {name}


def within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def test_layers_import_downward_only():
    wrong = [
        f"{name} imports {target}"
        for name in sources()
        for layer, banned in FORBIDDEN.items()
        if within(name, layer)
        for target in imported(name)
        if any(within(target, prefix) for prefix in banned)
    ]
    assert wrong == []


def reading_graph() -> dict[str, set[str]]:
    modules = [name for name in sources() if within(name, "core.reading")]
    return {name: {t for t in imported(name) if t in modules} for name in modules}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_cycles_finds_a_circle():
    """The check itself can fail: a made-up circle of three is found, a line is not."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_reading_has_no_circle():
    assert cycles(reading_graph()) == []


def functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


# Rooms still being split (issue 29), each to leave this list as its split lands: a room that is no
# longer crowded must be taken off, so the list only ever shrinks.
STILL_CROWDED: set[str] = set()


def crowded() -> dict[str, int]:
    """Every module over MAX_MODULE_LINES and every function over MAX_FUNCTION_LINES, with its length."""
    found: dict[str, int] = {}
    for name, path in sources().items():
        text = path.read_text()
        if text.count("\n") > MAX_MODULE_LINES:
            found[name] = text.count("\n")
        for function in functions(ast.parse(text)):
            length = (function.end_lineno or function.lineno) - function.lineno + 1
            if length > MAX_FUNCTION_LINES:
                found[f"{name}.{function.name}"] = length
    return found


def test_no_crowded_room():
    rooms = crowded()
    assert {name: length for name, length in rooms.items() if name not in STILL_CROWDED} == {}
    assert sorted(STILL_CROWDED - set(rooms)) == [], "split: take it off STILL_CROWDED"


HEX_COLOUR = re.compile(r"""["']#[0-9A-Fa-f]{6}["']""")
PALETTE = "core.palette"


def test_colours_are_written_once():
    """Band, quartile and ink colours come from the palette module; no other module spells one."""
    spelled = [
        f"{name}: {match.group(0)}"
        for name, path in sources().items()
        if name != PALETTE
        for match in HEX_COLOUR.finditer(path.read_text())
    ]
    assert spelled == []


KEY_USE = re.compile(
    r"""(?:key=|state\[|state\.get\(|state\.pop\(|state\.setdefault\()\s*["']([A-Za-z_]+)["']"""
)


def test_setting_widgets_take_their_keys_from_the_field_table():
    """No page or UI module spells a setting's session-state key: it comes from core.settings.FIELDS
    (through ui.fields), as links and command flags do."""
    from core.settings import FIELDS

    keys = {field.key for field in FIELDS}
    spelled = [
        f"{name}: {match.group(1)}"
        for name, path in sources().items()
        if within(name, "ui") or within(name, "pages") or name == "app"
        for match in KEY_USE.finditer(path.read_text())
        if match.group(1) in keys
    ]
    assert spelled == []
