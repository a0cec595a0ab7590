"""One tiny warehouse, built once per test session, for the core funnel schema tests."""

from __future__ import annotations

import pytest

from tests.support.tiny_pipeline import TinyBuild, build_tiny_warehouse


@pytest.fixture(scope="session")
def tiny(tmp_path_factory) -> TinyBuild:
    return build_tiny_warehouse(tmp_path_factory.mktemp("tiny_core"))
