"""What the hand-worked attribution tests share: the weight assertion and the time-decay
formula (the expected values themselves are worked out by hand in each test).
"""

from __future__ import annotations

import pytest

TOL = 1e-12


def assert_weights(build, conversion_id, model, expected):
    actual = build.weights(conversion_id, model)
    assert len(actual) == len(expected), (conversion_id, model, actual)
    for position, (got, want) in enumerate(zip(actual, expected, strict=True), start=1):
        assert got == pytest.approx(want, abs=TOL), (conversion_id, model, position, actual)


def decay(*ages_days, half_life=7.0):
    raw = [2 ** (-age / half_life) for age in ages_days]
    return [value / sum(raw) for value in raw]
