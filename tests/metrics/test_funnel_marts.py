"""Conversion and velocity on the hand-built contacts (see tests/metrics/handbuilt.py)."""

from __future__ import annotations

import pytest

CONVERSION = """
    select entered_from, converted, conversion_rate
    from metrics.mart_funnel_conversion
    where period_grain = ? and period_start = ? and basis = ? and level = ?
      and dimension = ? and dimension_value = ? and from_stage = ?
"""


def conversion(hand, grain, start, basis, stage, level="contact", dimension="overall", value="all"):
    return hand.one(CONVERSION, [grain, start, basis, level, dimension, value, stage])


def test_cohort_conversion_counts_everyone_who_entered_the_earlier_stage_in_the_period(hand):
    # Leads in January: P1, P2, P3; all three reach MQL (P3 by the inferred fill) -> 3/3.
    assert conversion(hand, "month", "2025-01-01", "cohort", "lead") == (3, 3, 1.0)
    # February's only lead, P4, never becomes an MQL -> 0/1.
    assert conversion(hand, "month", "2025-02-01", "cohort", "lead") == (1, 0, 0.0)
    # The quarter pools them: 4 leads, 3 MQLs.
    assert conversion(hand, "quarter", "2025-01-01", "cohort", "lead") == (4, 3, 0.75)


def test_period_conversion_divides_entries_of_the_two_stages_in_the_period(hand):
    # January: 3 leads entered, 1 MQL entered (P1 on 01-20) -> 1/3.
    assert conversion(hand, "month", "2025-01-01", "period", "lead") == (3, 1, pytest.approx(1 / 3))
    # January: 2 visitors, 3 leads -> 1.5 (period-based rates can exceed 1).
    assert conversion(hand, "month", "2025-01-01", "period", "visitor") == (2, 3, 1.5)


def test_no_entries_into_the_earlier_stage_gives_null_not_a_division_error(hand):
    # March: P3's MQL (inferred) but no new lead -> 0 entered, 1 converted, rate NULL.
    assert conversion(hand, "month", "2025-03-01", "period", "lead") == (0, 1, None)


def test_conversion_by_first_touch_channel_and_segment(hand):
    # Paid search contacts: P1 and P3, both January leads reaching MQL.
    assert conversion(
        hand, "month", "2025-01-01", "cohort", "lead", dimension="channel", value="paid_search"
    ) == (2, 2, 1.0)
    # P4 has no touch at all: its channel is explicit 'unknown'.
    assert conversion(
        hand, "month", "2025-02-01", "cohort", "lead", dimension="channel", value="unknown"
    ) == (1, 0, 0.0)
    # P2 (account hs_c2, 200-999 employees, RETAIL, team AE NA).
    assert conversion(
        hand,
        "month",
        "2025-01-01",
        "cohort",
        "lead",
        dimension="company_size_band",
        value="200-999",
    ) == (1, 1, 1.0)
    assert conversion(
        hand, "month", "2025-01-01", "cohort", "lead", dimension="owner_team", value="AE EMEA"
    ) == (2, 2, 1.0)


def test_account_level_counts_accounts(hand):
    # hs_c1, hs_c2, hs_c3 entered lead in January; hs_c5 in November 2024.
    assert conversion(hand, "month", "2025-01-01", "cohort", "lead", level="account") == (3, 3, 1.0)
    assert conversion(hand, "quarter", "2024-10-01", "cohort", "opportunity", level="account") == (
        1,
        1,
        1.0,
    )


def test_cohort_funnel_is_monotonic(hand):
    bad = hand.query("""
        select * from metrics.mart_funnel_conversion
        where basis = 'cohort' and (converted > entered_from or conversion_rate > 1)
    """)
    assert bad == []


def test_velocity_median_p75_mean_in_days(hand):
    # Lead -> MQL, January cohort: P1 10 days, P2 21 days; P3 excluded (MQL inferred).
    row = hand.one("""
        select transitions, median_days, p75_days, mean_days
        from metrics.mart_funnel_velocity
        where period_grain = 'month' and period_start = '2025-01-01' and basis = 'cohort'
          and level = 'contact' and dimension = 'overall' and from_stage = 'lead'
    """)
    # p75 by linear interpolation: 10 + 0.75 * (21 - 10) = 18.25.
    assert row == (2, 15.5, 18.25, 15.5)


def test_velocity_period_basis_buckets_by_the_later_stage(hand):
    # P2 became an MQL on 02-05 (21 days after becoming a lead): it counts in February.
    row = hand.one("""
        select transitions, mean_days from metrics.mart_funnel_velocity
        where period_grain = 'month' and period_start = '2025-02-01' and basis = 'period'
          and level = 'contact' and dimension = 'overall' and from_stage = 'lead'
    """)
    assert row == (1, 21.0)


def test_inferred_steps_are_not_velocities(hand):
    assert (
        hand.query("""
        select * from metrics.mart_funnel_velocity
        where level = 'contact' and from_stage in ('mql', 'sal') and period_start = '2025-03-01'
    """)
        == []
    )
