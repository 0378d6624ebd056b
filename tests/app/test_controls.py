"""Validation of the benchmark editor's rows: names, ROI in percent, a source for each."""

import pandas as pd

from ui.controls import validate_benchmarks


def edited(rows):
    return pd.DataFrame(rows, columns=["Benchmark", "ROI %", "Source"])


def test_valid_rows_become_fractions_with_a_source():
    problems, cleaned = validate_benchmarks(edited([["Hurdle ", 12.0, ""], ["Peers", 18.5, "Survey 2025"]]))
    assert problems == []
    assert cleaned == [
        {"name": "Hurdle", "roi": 0.12, "source": "entered in the app"},
        {"name": "Peers", "roi": 0.185, "source": "Survey 2025"},
    ]


def test_problems_name_the_row():
    problems, _ = validate_benchmarks(
        edited([["", 12.0, "x"], ["Peers", None, ""], ["peers", 3.0, ""], [None, None, None]])
    )
    assert problems == [
        "Row 1: give the benchmark a name.",
        "Row 2: give 'Peers' an ROI in percent, e.g. 15.",
        "Row 3: 'peers' is listed twice.",
    ]
