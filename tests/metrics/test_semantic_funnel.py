"""The funnel metrics of the semantic layer (sem_funnel.yml) answer like the marts: `mf query`
(a subprocess, as a user runs it) on the hand-built warehouse."""

from __future__ import annotations

import pytest

from tests.metrics.semantic import mf_query, prepare_project


@pytest.fixture(scope="module")
def hand_mf(tmp_path_factory, hand):
    workdir = tmp_path_factory.mktemp("mf_funnel")
    project, env = prepare_project(workdir, hand.warehouse)
    return lambda metrics, group_by: mf_query(
        project, env, metrics, group_by, workdir / f"{'_'.join(metrics)}.csv"
    )


def _q1(rows, stage_column, metric):
    return {
        row[stage_column]: float(row[metric])
        for row in rows
        if row["metric_time__quarter"].startswith("2025-01-01") and row[metric]
    }


def test_mf_stage_conversion_rate_is_the_ratio_of_sums_of_the_cohort_mart(hand, hand_mf):
    rows = hand_mf(["stage_conversion_rate"], ["metric_time__quarter", "funnel_cohort__from_stage"])
    got = _q1(rows, "funnel_cohort__from_stage", "stage_conversion_rate")
    mart = dict(
        hand.query("""
        select from_stage, sum(converted_to_next_stage) / sum(entered_from_stage)
        from metrics.mart_funnel_cohorts
        where month_start between '2025-01-01' and '2025-03-01'
        group by from_stage
    """)
    )
    assert got == pytest.approx(mart)
    # Worked by hand: Q1 visitor ids a1, a2, a3, a4 of a1, a2, a3, a4, a8, a9 became leads;
    # leads P1..P4, of which P1, P2, P3 became MQLs.
    assert got["visitor"] == pytest.approx(4 / 6)
    assert got["lead"] == pytest.approx(3 / 4)


def test_mf_stage_velocity_is_the_quarterly_mean(hand, hand_mf):
    rows = hand_mf(
        ["stage_velocity_days"], ["metric_time__quarter", "funnel_velocity_month__from_stage"]
    )
    got = _q1(rows, "funnel_velocity_month__from_stage", "stage_velocity_days")
    mart = dict(
        hand.query("""
        select from_stage, mean_days from metrics.mart_funnel_velocity_quarterly
        where quarter_start = '2025-01-01'
    """)
    )
    assert got == pytest.approx(mart)
    # Visitor -> lead in Q1: 5, 8, 0 and 17 days (a1, a2, a3, a4): 30 / 4.
    assert got["visitor"] == pytest.approx(7.5)
