"""Fixtures: the hand-built warehouse (known answers) and the tiny demo warehouse (truth)."""

from __future__ import annotations

import pytest

from tests.metrics.handbuilt import HandBuild, build_hand_warehouse


def _assert_built(build: HandBuild) -> HandBuild:
    assert build.returncode == 0, build.output[-6000:]
    return build


@pytest.fixture(scope="session")
def hand(tmp_path_factory) -> HandBuild:
    """Snapshot by default: the latest data date, 2025-04-25 (D5's close date push)."""
    return _assert_built(build_hand_warehouse(tmp_path_factory.mktemp("metrics_hand")))


@pytest.fixture(scope="session")
def hand_march(tmp_path_factory, hand) -> HandBuild:
    """The same inputs, reported as of 2025-03-31 (var snapshot_date)."""
    return _assert_built(
        build_hand_warehouse(
            tmp_path_factory.mktemp("metrics_hand_march"),
            dbt_vars="{snapshot_date: '2025-03-31'}",
            template=hand.warehouse,
        )
    )
