"""The workbook, CSV, HTML report and deck of three test ledgers, part for part, against copies kept
from before the restructuring of issue 29 (see `tests/output/golden.py`)."""

from __future__ import annotations

import difflib

import pytest

from tests.output.golden import LEDGERS, snapshot, stored


@pytest.mark.parametrize("name", sorted(LEDGERS))
def test_outputs_are_unchanged_part_for_part(name):
    expected, actual = stored(name), snapshot(name)
    assert sorted(actual) == sorted(expected)
    for part, text in expected.items():
        if actual[part] != text:
            diff = difflib.unified_diff(text.splitlines(), actual[part].splitlines(), lineterm="", n=1)
            pytest.fail(f"{name}: {part} differs\n" + "\n".join(list(diff)[:40]))
