"""Hand-worked reconciliation, spend, ROAS and explain view of the attribution marts, run
through the real dbt models.

The expected weights are worked out by hand, from the definitions in docs/attribution.md
(DESIGN §4), not computed by any code under test. Each case is a journey in
tests/attribution/cases.py; times are in days. The hand-built warehouses are fixtures in
tests/attribution/conftest.py.
"""

from __future__ import annotations

import pytest

from tests.attribution.hand_worked import TOL

# --- reconciliation and spend ---------------------------------------------------------------


def test_reconciliation_reports_unattributed_revenue(built):
    rows = built.query(
        "select conversion_stage, attribution_model, total_amount_usd, attributed_amount_usd,"
        " unattributed_amount_usd from attribution.mart_attribution_reconciliation"
        " where month_start = date '2025-03-01' order by 1, 2"
    )
    assert len(rows) == 2 * 9
    for stage, model, total, attributed, unattributed in rows:
        # won: deal 1000 (touched) + untouched 500.25; pipeline: + noroles 300
        expected_total = 1500.25 if stage == "closed_won" else 1800.25
        assert float(total) == expected_total, (stage, model)
        assert float(attributed) == expected_total - 500.25, (stage, model)
        assert float(unattributed) == 500.25, (stage, model)


def test_channel_mart_spend_roas_and_cost_per_conversion(built):
    def row(campaign, model, stage="closed_won"):
        return built.query(
            "select channel, credited_conversions, credited_amount_usd, spend_usd, roas,"
            " cost_per_credited_conversion_usd from attribution.mart_channel_attribution"
            " where campaign_key = ? and attribution_model = ? and conversion_stage = ?"
            " and month_start = date '2025-03-01'",
            [campaign, model, stage],
        )

    # google_ads:1 spent 150 + 50 in March; the won deal's first touch is its only touch
    [(channel, conversions, revenue, spend, roas, cost)] = row("google_ads:1", "linear")
    assert (channel, spend) == ("paid_search", 200.0)
    assert conversions == pytest.approx(0.2) and revenue == pytest.approx(200.0)
    assert roas == pytest.approx(1.0) and cost == pytest.approx(1000.0)
    [(_, _, revenue, _, roas, _)] = row("google_ads:1", "first_touch")
    assert revenue == pytest.approx(1000.0) and roas == pytest.approx(5.0)
    # spend without any touch still shows, with no credit
    [(channel, conversions, revenue, spend, roas, cost)] = row("google_ads:2", "linear")
    assert (channel, conversions, revenue, spend, roas, cost) == (
        "(no touches)",
        0,
        0,
        80.0,
        0.0,
        None,
    )
    # zero spend: ROAS is NULL, not an error (a credited conversion cost 0)
    [(_, conversions, _, spend, roas, cost)] = row("linkedin_ads:7", "linear")
    assert conversions == pytest.approx(0.2)  # the won deal's day-7 touch
    assert (spend, roas, cost) == (0.0, None, 0.0)
    # contact stages carry no money; March lead conversions with a google_ads:1 touch, linear:
    # one 1 + two 1/2 + aba 2/3 + tie 1/2 + buyer 1/2 + three 1/2 + coin 1
    [(_, conversions, revenue, _, roas, cost)] = row("google_ads:1", "linear", "lead")
    assert (revenue, roas) == (None, None)
    assert conversions == pytest.approx(1 + 1 / 2 + 2 / 3 + 1 / 2 + 1 / 2 + 1 / 2 + 1)
    assert cost == pytest.approx(200 / conversions)


def test_spend_is_whole_within_each_model_and_stage(built):
    rows = built.query(
        "select attribution_model, conversion_stage, sum(spend_usd)"
        " from attribution.mart_channel_attribution group by 1, 2"
    )
    # 9 models x 7 stages of the seed (lead, mql, sql, opportunity, closed_won and the
    # expansion_opportunity, expansion_won stages of existing customers' deals)
    assert len(rows) == 9 * 7
    assert {row[2] for row in rows} == {280.0}


def test_explain_view_lists_every_touch_with_every_model(built):
    rows = built.query(
        "select touch_position, touchpoint_id, first_touch_weight, w_shaped_weight,"
        " full_path_weight from attribution.explain_opportunity_attribution"
        " where opportunity_key = 'deal' and conversion_stage = 'closed_won'"
        " order by touch_position"
    )
    assert [row[1] for row in rows] == ["deal_1", "deal_2", "deal_3", "deal_4", "deal_5"]
    assert [row[3] for row in rows] == pytest.approx([0.3, 0.3, 0.05, 0.3, 0.05], abs=TOL)
