"""Money to the cent: one rounding rule for every table, half away from zero on exact decimals.

A float holds 500.015 (North's half of 1,000.03) as 500.01499999999998636, so Python's and numpy's
rounding (half to even, on the binary value) give 500.01 on one table and 500.02 on another, as the
sum behind each happens to fall. Here an amount is first taken to a ten-thousandth of a cent, which
any sum or share of ledger cents is to far better than that, and then rounded half away from zero:
500.015 → 500.02, −0.005 → −0.01, 2.675 → 2.68.
"""

from __future__ import annotations

from typing import TypeVar, overload

import numpy as np
import pandas as pd

Frame = TypeVar("Frame", pd.Series, pd.DataFrame)

# Digits of a cent kept before rounding: below float noise, above any real fraction of a cent.
_CENT_FRACTION_DIGITS = 4


@overload
def cents(values: float) -> float: ...
@overload
def cents(values: Frame) -> Frame: ...
def cents(values: float | Frame) -> float | Frame:
    """`values` (a number, Series or DataFrame of money) rounded to the cent, half away from zero."""
    if isinstance(values, pd.DataFrame):
        return values.astype(float).apply(_rounded_series)
    if isinstance(values, pd.Series):
        return _rounded_series(values)
    return float(_rounded(np.asarray([values], dtype=float))[0])


def _rounded_series(series: pd.Series) -> pd.Series:
    return pd.Series(_rounded(series.to_numpy(dtype=float)), index=series.index, name=series.name)


def _rounded(values: np.ndarray) -> np.ndarray:
    scaled = np.round(values * 100, _CENT_FRACTION_DIGITS)
    # + 0.0 turns −0.0 (a credit of less than half a cent) into 0.
    return np.sign(scaled) * np.floor(np.abs(scaled) + 0.5) / 100 + 0.0
