"""The shared tiny demo warehouse (tests/conftest.py), checked for attribution failures."""

from __future__ import annotations

import pytest

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
