"""The finance / marketing metrics of the semantic layer (sem_finance.yml) answer like the
one-grain marts they sit on: `mf query` (a subprocess, as a user runs it) on the hand-built
warehouse (tests/metrics/handbuilt.py), compared with sums of the mart rows and with
hand-worked values."""

from __future__ import annotations

import pytest

from tests.metrics.semantic import mf_query, prepare_project


@pytest.fixture(scope="module")
def finance_mf(tmp_path_factory, hand):
    workdir = tmp_path_factory.mktemp("mf_finance")
    project, env = prepare_project(workdir, hand.warehouse)
    return lambda metrics, group_by: mf_query(
        project, env, metrics, group_by, workdir / f"{'_'.join(metrics + group_by)}.csv"
    )


def _value(text: str) -> float | None:
    return float(text) if text else None


def test_cac_matches_the_mart(hand, finance_mf):
    rows = finance_mf(["cac_usd"], ["metric_time__quarter"])
    got = {r["metric_time__quarter"][:10]: _value(r["cac_usd"]) for r in rows}
    # Q2: sum the months' costs, sum their new customers (hs_c3 in April), then divide.
    cac = hand.one("""
        select sum(sales_and_marketing_cost_usd) / sum(new_customers)
        from metrics.mart_revenue_efficiency
        where month_start between '2025-04-01' and '2025-06-30'
    """)
    assert got["2025-04-01"] == pytest.approx(float(cac))


def test_romi_and_roas_per_model_match_the_mart(hand, finance_mf):
    rows = finance_mf(["romi", "roas"], ["metric_time__quarter", "romi_row__attribution_model"])
    got = {
        (r["metric_time__quarter"][:10], r["romi_row__attribution_model"]): (
            _value(r["romi"]),
            _value(r["roas"]),
        )
        for r in rows
    }
    mart = hand.query("""
        select date_trunc('quarter', month_start)::date::varchar, attribution_model,
               (sum(attributed_revenue_usd) - sum(marketing_cost_usd)) / sum(marketing_cost_usd),
               sum(attributed_revenue_usd) / sum(ad_spend_usd)
        from metrics.mart_romi group by all
    """)
    assert len(mart) == len(got) > 0
    for quarter, model, romi, roas in mart:
        assert got[(quarter, model)] == pytest.approx((float(romi), float(roas))), (quarter, model)
    # Q2, linear, by hand: April's 8 800 (D3) on 500 ad spend -> ROAS 17.6.
    assert got[("2025-04-01", "linear")][1] == pytest.approx(8800 / 500)


def test_sla_attainment_is_a_fraction(hand, finance_mf):
    rows = finance_mf(["sla_attainment_rate"], ["metric_time__quarter"])
    # Q1: P1 within 24 h, P2 not -> 1 / 2 (not 50).
    assert {r["metric_time__quarter"][:10]: _value(r["sla_attainment_rate"]) for r in rows} == {
        "2025-01-01": 0.5
    }
    by_owner = finance_mf(["sla_attainment_rate"], ["lead_sla_row__owner_key"])
    assert {r["lead_sla_row__owner_key"]: _value(r["sla_attainment_rate"]) for r in by_owner} == {
        "hs_1": 1.0,
        "hs_2": 0.0,
    }


def test_nurture_lift_against_the_matched_control(hand, finance_mf):
    rows = finance_mf(["nurture_mql_lift"], ["nurture_cell__nurture_program"])
    # Only P1 is matched (with P3); both reach MQL after (pseudo-)entry: 1 - 1 = 0.
    assert {r["nurture_cell__nurture_program"]: _value(r["nurture_mql_lift"]) for r in rows} == {
        "getting-started": 0.0
    }
    mart = hand.one("""
        select (sum(matched_nurtured_mql_after_entry) - sum(expected_mql_after_entry))
               / sum(matched_nurtured_leads)
        from metrics.mart_nurture
    """)
    assert mart == 0.0
