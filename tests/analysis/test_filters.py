"""`among`: membership of a long column of alliance names, as pandas' isin answers it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from core.analysis.filters import among

NAMES = ["Acme", "Beta", None, "Cobalt", "Acme"]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Acme"], [True, False, False, False, True]),
        # A missing name matches the missing value, as in pandas.
        (["Acme", None], [True, False, True, False, True]),
        ([float("nan")], [False, False, True, False, False]),
        # A number is no alliance name; an empty list matches nothing.
        ([1, "Cobalt"], [False, False, False, True, False]),
        ([], [False] * 5),
        (pd.Index(["Beta", "Cobalt"], dtype="str"), [False, True, False, True, False]),
        ({"Acme", "Cobalt"}, [True, False, False, True, True]),
    ],
)
def test_among_answers_as_isin_does(names, expected):
    column = pd.Series(NAMES, dtype="str")  # Arrow strings, as the reader makes them
    got = among(column, names)
    assert got.dtype == np.bool_
    assert got.tolist() == expected
    assert got.tolist() == column.isin(list(names)).tolist()


def test_among_other_columns_go_through_isin():
    column = pd.Series(["Acme", "Beta", "Acme"], dtype=object)
    assert among(column, ["Acme"]).tolist() == [True, False, True]


def test_among_an_empty_column():
    assert among(pd.Series([], dtype="str"), ["Acme"]).tolist() == []
