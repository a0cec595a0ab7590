"""Stalled leads and deals and BANT prerequisites (docs/metrics/stalled.md) on the
hand-built warehouse, end to end from the lifecycle transitions and the deal stage history
(tests/metrics/handbuilt_stalled.py tells the story) — as of the default snapshot
(2025-04-25: days count to 2025-04-26 00:00) and as of a pinned 2025-03-31. The rule at its
boundaries is in the dbt unit tests of the marts' yml."""

from __future__ import annotations

import pytest

HOUR = 1 / 24


def _rows(build, sql: str) -> list[tuple]:
    return [
        tuple(pytest.approx(v) if isinstance(v, float) else v for v in r) for r in build.query(sql)
    ]


def test_stage_norms_from_completed_stays(hand):
    rows = _rows(
        hand,
        """select item_type, pipeline_id, stage, completed_stays, median_stay_days,
                  p75_stay_days, open_items
           from metrics.mart_stage_norms order by item_type, stage_order""",
    )
    # qualification_call: D1 01-10 00:00 -> 02-01 09:00 = 22.375 d, D2 01-20 09:00 ->
    # 03-01 10:00 = 40 d 1 h, D3 02-01 -> 03-10 09:00 = 37.375, D4 03-01 09:00 -> 03-20
    # 09:00 = 19. Sorted 19, 22.375, 37.375, 40.0417: median (22.375 + 37.375) / 2 =
    # 29.875; p75 at 0.75 x 3 = 2.25 -> 37.375 + 0.25 x 2.6667 = 38 d 1 h.
    # proposal_sent: D1 02-01 09:00 -> 02-19 = 17.625 (D4 open). demo_scheduled: only D5,
    # open: no norm. negotiation: D3 03-10 09:00 -> 04-11 = 31.625.
    # Leads: mql P1 13 d, P2 15 d (-> recycled) and 5 d (-> disqualified): median 13, p75
    # at 1.5 -> 14. sal P1 8 d. sql P1 5 d; P3 open (its skipped mql/sal are no stays).
    assert rows == [
        ("deal", "default", "qualification_call", 4, 29.875, 38 + HOUR, 0),
        ("deal", "default", "demo_scheduled", 0, None, None, 1),
        ("deal", "default", "proposal_sent", 1, 17.625, 17.625, 1),
        ("deal", "default", "negotiation", 1, 31.625, 31.625, 0),
        ("lead", "(all)", "mql", 3, 13.0, 14.0, 0),
        ("lead", "(all)", "sal", 1, 8.0, 8.0, 0),
        ("lead", "(all)", "sql", 1, 5.0, 5.0, 1),
    ]


def test_stalled_items_as_of_the_default_snapshot(hand):
    rows = _rows(
        hand,
        """select item_type, item_id, owner_name, account_name, stage, days_in_stage,
                  is_stalled, last_activity_type, days_since_last_activity, amount_usd
           from metrics.mart_stalled_items order by item_type, item_id""",
    )
    # D4 proposal_sent since 03-20 09:00 -> 04-26 = 36.625 d > 17.625: stalled; its
    # meeting 04-20 12:00 -> 5.5 d. D5 demo since 03-15 09:00 = 41.625 d, but no completed
    # demo stay: no norm, not stalled. P3 sql since 03-01 = 56 d > 5: stalled; call 03-03
    # -> 54 d. P2 was disqualified (03-10): not open.
    assert rows == [
        (
            "deal",
            "hs_4",
            "Cleo Park",
            "Globex",
            "proposal_sent",
            36.625,
            True,
            "meeting",
            5.5,
            4000,
        ),
        ("deal", "hs_5", "Ben Ito", "Acme", "demo_scheduled", 41.625, False, None, None, 2400),
        ("lead", "hs_p3", "Ana Ruiz", "Initech", "sql", 56.0, True, "call", 54.0, None),
    ]


def test_stalled_owner_summary(hand):
    rows = _rows(
        hand,
        """select owner_key, item_type, open_items, stalled_items, stalled_share,
                  open_amount_usd, stalled_amount_usd, oldest_stalled_days
           from metrics.mart_stalled_owner_summary order by owner_key, item_type""",
    )
    assert rows == [
        ("hs_1", "lead", 1, 1, 1.0, None, None, 56.0),
        ("hs_2", "deal", 1, 0, 0.0, 2400, 0, None),
        ("hs_3", "deal", 1, 1, 1.0, 4000, 4000, 36.625),
    ]


def test_deal_prerequisites_as_of_the_default_snapshot(hand):
    rows = hand.query(
        """select opportunity_key, is_open, stage, missing_prerequisites
           from metrics.mart_deal_prerequisites order by 1"""
    )
    # D3 won 04-11 without authority (audit row); D4 open in proposal_sent (order 4 >=
    # demo_scheduled's 2) without budget and timeline. D1, D5 fully qualified; D2 lost.
    assert rows == [
        ("hs_3", False, "closedwon", "authority"),
        ("hs_4", True, "proposal_sent", "budget, timeline"),
    ]


def test_stalled_items_as_of_a_pinned_snapshot(hand_march):
    rows = _rows(
        hand_march,
        """select item_type, item_id, stage, days_in_stage, norm_p75_days, is_stalled,
                  days_since_last_activity
           from metrics.mart_stalled_items order by item_type, item_id""",
    )
    # As of 04-01 00:00: D3 is still open in negotiation (won 04-11) since 03-10 09:00 =
    # 21.625 d, no negotiation stay completed yet. D4 11.625 d < 17.625. D5 16.625 d, no
    # norm. P3 sql 31 d > 5: stalled; call 03-03 -> 29 d. The D4 meeting (04-20) is later.
    assert rows == [
        ("deal", "hs_3", "negotiation", 21.625, None, False, None),
        ("deal", "hs_4", "proposal_sent", 11.625, 17.625, False, None),
        ("deal", "hs_5", "demo_scheduled", 16.625, None, False, None),
        ("lead", "hs_p3", "sql", 31.0, 5.0, True, 29.0),
    ]
    prerequisites = hand_march.query(
        "select opportunity_key, is_open from metrics.mart_deal_prerequisites order by 1"
    )
    # D3 is open in negotiation on 03-31 (listed as open); D4 as before.
    assert prerequisites == [("hs_3", True), ("hs_4", True)]
