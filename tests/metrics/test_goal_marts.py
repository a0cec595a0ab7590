"""The goal attainment marts on the hand-built warehouse (tests/metrics/handbuilt.py; goals in
handbuilt_inputs.py: 2 MQLs in January and in February 2025, 4 in Q1 (summed from the
months), 1 lead in January for rep hs_1@example.com). As of 2025-04-25, Q1 is complete.

MQL entries: P1 on 01-20, P2 on 02-05, P3 skipped mql (filled from its sql on 03-01).
Leads of hs_1's contacts in January: P1 (01-10) and P3 (01-25)."""

from __future__ import annotations

import datetime as dt

import pytest

MONTHLY = """
    select target_value, actual_value, attainment, projected_value, is_current_period
    from metrics.mart_goal_attainment_monthly
    where month_start = ? and metric = ? and owner_email = ?
"""


@pytest.mark.parametrize(
    ("month", "metric", "owner", "expected"),
    [
        # January MQLs: P1 only -> 1 / 2; completed: projection = actual.
        ("2025-01-01", "mqls", "(all)", (2.0, 1.0, 0.5, 1.0, False)),
        # February MQLs: P2 -> 1 / 2.
        ("2025-02-01", "mqls", "(all)", (2.0, 1.0, 0.5, 1.0, False)),
        # hs_1's January leads: P1 and P3 -> 2 / 1 = 2.0 (attainment can exceed 1).
        ("2025-01-01", "leads", "hs_1@example.com", (1.0, 2.0, 2.0, 2.0, False)),
    ],
)
def test_monthly_attainment_is_actual_over_target(hand, month, metric, owner, expected):
    assert hand.one(MONTHLY, [dt.date.fromisoformat(month), metric, owner]) == expected


def test_quarterly_goal_is_the_sum_of_its_months(hand):
    # Q1 MQLs: P1 + P2 + P3 (March, filled) = 3 against 2 + 2 = 4 -> 0.75.
    row = hand.one(
        "select target_value, actual_value, attainment from metrics.mart_goal_attainment_quarterly"
        " where quarter_start = date '2025-01-01' and metric = 'mqls'"
    )
    assert row == (4.0, 3.0, 0.75)


def test_weekly_targets_add_up_to_the_month_targets(hand):
    # Every day of January and February carries 2/31 resp. 2/28 MQLs: the weeks hold 4.
    total = hand.one(
        "select sum(target_value) from metrics.mart_goal_attainment_weekly where metric = 'mqls'"
    )
    assert total == pytest.approx(4.0)
    # The week of Mon 2025-01-20 holds P1's MQL: 7 days × 2/31 target, actual 1.
    row = hand.one(
        "select target_value, actual_value from metrics.mart_goal_attainment_weekly"
        " where week_start = date '2025-01-20' and metric = 'mqls'"
    )
    assert row == (pytest.approx(14 / 31), 1.0)


def test_a_rep_goal_is_keyed_by_the_crm_owner_of_its_email(hand):
    # The published key is owner_key: the email is personal data, dropped from the serving file.
    rows = hand.query(
        "select distinct owner_email, owner_key from metrics.mart_goal_attainment_monthly"
        " order by 1"
    )
    assert rows == [("(all)", "(all)"), ("hs_1@example.com", "hs_1")]
