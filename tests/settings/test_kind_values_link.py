"""Kind values in a link (issue 27.3): one `kv=VALUE:READING` each, read back the same, refused
whole with a notice when any is malformed."""

from __future__ import annotations

import pytest

from core.settings import kind_values_param, parse_kind_values


def test_kind_values_travel_as_plain_pairs_and_read_back_the_same():
    told = {"Transfer": None, "Payment": "revenue", "Fee: PayPal": "cost"}
    params = kind_values_param(told)
    assert params == {"kv": ["Fee: PayPal:cost", "Payment:revenue", "Transfer:none"]}
    assert parse_kind_values(params) == (told, ())
    assert kind_values_param({}) == {}
    assert parse_kind_values({}) == (None, ())


@pytest.mark.parametrize(
    ("texts", "why"),
    [
        (["Payment:maybe"], "is not VALUE:READING with a reading of revenue, cost or none"),
        (["Payment"], "is not VALUE:READING with a reading of revenue, cost or none"),
        ([" :cost"], "(the value) is empty"),
        (["Payment:revenue", "payment:cost"], "reads 'payment' twice"),
        (["x" * 130 + ":cost"], "(the value) is longer than 120 characters"),
    ],
)
def test_a_malformed_kind_value_refuses_them_all(texts, why):
    told, notices = parse_kind_values({"kv": ["Invoice:revenue", *texts]})
    assert told is None
    assert len(notices) == 1 and notices[0].param == "kv"
    assert notices[0].why == f"(kind values) {why}"
    assert notices[0].used == "the vocabulary's reading of every kind value"
