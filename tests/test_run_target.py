"""`make run` sets up only what the app needs (requirements.txt) and takes the port it is given (#32.15)."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OWN_PACKAGES = {"core", "ui", "pages", "app"}


def dry_run(*arguments: str) -> str:
    """The commands `make` would run for the target, every prerequisite taken as out of date."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    done = subprocess.run(
        ["make", "-n", "-B", *arguments], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_run_installs_the_app_requirements_and_not_the_test_tools():
    commands = dry_run("run")
    assert "-r requirements.txt" in commands
    assert "requirements-dev.txt" not in commands


def test_run_serves_on_the_port_it_is_given():
    assert "streamlit run app.py --server.port 8600" in dry_run("run", "PORT=8600")
    assert "--server.port 8501" in dry_run("run")


def imported_modules(path: Path) -> set[str]:
    """Top-level names of every module the file imports, wherever in the file the import is."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def app_sources() -> list[Path]:
    return [ROOT / "app.py", *(p for d in ("core", "ui", "pages") for p in (ROOT / d).rglob("*.py"))]


def pinned_in(requirements: Path) -> set[str]:
    pin = re.compile(r"^([A-Za-z0-9_.-]+)==", re.MULTILINE)
    return {normalised(name) for name in pin.findall(requirements.read_text(encoding="utf-8"))}


def normalised(distribution: str) -> str:
    return re.sub(r"[-_.]+", "-", distribution).lower()


def test_every_package_the_app_imports_is_pinned_in_requirements_txt():
    third_party = set().union(*(imported_modules(p) for p in app_sources()))
    third_party -= set(sys.stdlib_module_names) | OWN_PACKAGES | {"__future__"}
    distributions = importlib.metadata.packages_distributions()
    pinned = pinned_in(ROOT / "requirements.txt")
    unpinned = {
        module: names
        for module in sorted(third_party)
        if not (names := distributions.get(module, [module]))
        or not any(normalised(n) in pinned for n in names)
    }
    assert not unpinned, f"imported by the app but not in requirements.txt: {unpinned}"


def test_the_check_catches_a_test_tool_imported_by_the_app():
    pinned = pinned_in(ROOT / "requirements.txt")
    assert "streamlit" in pinned and "pandas" in pinned
    assert "pytest" not in pinned and "playwright" not in pinned
