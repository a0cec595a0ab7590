"""Warehouses for the attribution tests: the shared tiny demo warehouse (tests/conftest.py),
checked for attribution failures, and the hand-built ones of the hand-worked cases
(tests/attribution/cases.py), each built once for all test_hand_worked_*.py modules.
"""

from __future__ import annotations

import pytest

from tests.attribution.cases import markov_cases, rule_cases, visitor_and_marketing_cases
from tests.attribution.warehouse import build_attribution
from tests.support.tiny_pipeline import TinyBuild


@pytest.fixture(scope="session")
def tiny_attribution(tiny) -> TinyBuild:
    """The tiny warehouse, failing fast when an attribution model or test did not pass."""
    broken = [
        line
        for line in tiny.dbt_output.splitlines()
        if "attribution" in line and ("ERROR" in line or "FAIL" in line or "SKIP" in line)
    ]
    assert not broken, "\n".join(broken)
    built = tiny.query(
        "select count(*) from information_schema.tables where table_schema = 'attribution'"
    )
    assert built[0][0] >= 4, tiny.dbt_output[-3000:]
    return tiny


@pytest.fixture(scope="package")
def built(tmp_path_factory):
    build = build_attribution(tmp_path_factory.mktemp("attribution_cases"), rule_cases())
    assert build.returncode == 0, build.output[-4000:]
    return build


@pytest.fixture(scope="package")
def built_with_vars(tmp_path_factory):
    build = build_attribution(
        tmp_path_factory.mktemp("attribution_vars"),
        rule_cases(),
        dbt_vars={
            "attribution_lookback_days": 30,
            "attribution_half_life_days": 1,
            "attribution_touch_types": [
                "ad_click",
                "web_session",
                "email_click",
                "email_open",
                "sales_meeting",
            ],
        },
    )
    assert build.returncode == 0, build.output[-4000:]
    return build


@pytest.fixture(scope="package")
def markov(tmp_path_factory):
    build = build_attribution(tmp_path_factory.mktemp("attribution_markov"), markov_cases())
    assert build.returncode == 0, build.output[-4000:]
    return build


@pytest.fixture(scope="package")
def scoped(tmp_path_factory):
    build = build_attribution(
        tmp_path_factory.mktemp("attribution_scoped"), visitor_and_marketing_cases()
    )
    assert build.returncode == 0, build.output[-4000:]
    return build
