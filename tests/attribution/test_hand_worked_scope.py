"""Hand-worked attribution scopes: the marketing-only view next to the default one, built by
the same SQL and reconciled the same way, run through the real dbt models.

Cases: tests/attribution/cases.py, visitor_and_marketing_cases (times in days after
2025-03-01). mk_deal (1000 USD, won day 20) has touches A (paid_search), S (a sales meeting),
C (organic_search); mk_sales (600 USD, won day 8) only a sales call. Expected values are
worked out by hand from docs/attribution.md.
"""

from __future__ import annotations

import pytest

from tests.attribution.hand_worked import TOL, assert_weights


def test_marketing_view_leaves_sales_touches_out_of_the_path(scoped):
    # default: three touches, linear 1/3 each; marketing: A and C, 1/2 each
    assert_weights(scoped, "closed_won:mk_deal", "linear", [1 / 3, 1 / 3, 1 / 3])
    rows = scoped.query(
        "select touchpoint_id, attribution_weight, credited_amount_usd"
        " from attribution.fct_attribution_credits_marketing"
        " where conversion_id = 'closed_won:mk_deal' and attribution_model = 'linear'"
        " order by touch_position"
    )
    assert [r[0] for r in rows] == ["mk_1", "mk_3"]
    assert [r[1] for r in rows] == pytest.approx([0.5, 0.5], abs=TOL)
    assert [r[2] for r in rows] == pytest.approx([500.0, 500.0], abs=1e-9)
    # a deal touched by sales only has no credit in the marketing view
    [(count,)] = scoped.query(
        "select count(*) from attribution.fct_attribution_credits_marketing"
        " where conversion_id = 'closed_won:mk_sales'"
    )
    assert count == 0


def test_marketing_reconciliation_reports_sales_only_revenue_as_unattributed(scoped):
    # March revenue: 1000 + 600 = 1600 in both views.
    # default: attributed 1600 (mk_sales credited to its sales call), unattributed 0;
    # marketing: attributed 1000 (mk_deal), unattributed 600 (mk_sales).
    expected = {
        "mart_attribution_reconciliation": (1600.0, 1600.0, 0.0, 2, 0),
        "mart_attribution_reconciliation_marketing": (1600.0, 1000.0, 600.0, 1, 1),
    }
    for table, want in expected.items():
        rows = scoped.query(
            "select attribution_model, total_amount_usd, attributed_amount_usd,"
            " unattributed_amount_usd, attributed_conversions, unattributed_conversions"
            f" from attribution.{table}"
            " where conversion_stage = 'closed_won' and month_start = date '2025-03-01'"
        )
        assert len(rows) == 9, table
        for model, total, attributed, unattributed, conv_attr, conv_unattr in rows:
            got = (float(total), float(attributed), float(unattributed), conv_attr, conv_unattr)
            assert got == pytest.approx(want, abs=1e-9), (table, model)


def test_sales_channel_share_of_revenue_by_view(scoped):
    # linear, closed_won: default sales = 1000/3 (mk_deal's meeting) + 600 = 2800/3 of 1600;
    # marketing: no sales row at all, paid_search 500 and organic_search 500.
    def by_channel(table):
        return dict(
            scoped.query(
                f"select channel, sum(credited_amount_usd) from attribution.{table}"
                " where conversion_stage = 'closed_won' and attribution_model = 'linear'"
                " group by channel"
            )
        )

    default = by_channel("mart_channel_attribution")
    assert default["sales"] == pytest.approx(2800 / 3, abs=1e-9)
    assert default["sales"] / sum(default.values()) == pytest.approx(7 / 12, abs=1e-12)
    marketing = by_channel("mart_channel_attribution_marketing")
    assert marketing == pytest.approx({"paid_search": 500.0, "organic_search": 500.0}, abs=1e-9)


def test_channels_var_narrows_the_scope(tmp_path):
    from tests.attribution.cases import visitor_and_marketing_cases
    from tests.attribution.warehouse import build_attribution

    build = build_attribution(
        tmp_path,
        visitor_and_marketing_cases(),
        dbt_vars={"attribution_channels": ["organic_search", "sales"]},
    )
    assert build.returncode == 0, build.output[-4000:]
    # default: mk_deal's S and C (1/2 each); marketing: C alone (1)
    assert_weights(build, "closed_won:mk_deal", "linear", [0.5, 0.5])
    [(weight,)] = build.query(
        "select attribution_weight from attribution.fct_attribution_credits_marketing"
        " where conversion_id = 'closed_won:mk_deal' and attribution_model = 'linear'"
    )
    assert weight == pytest.approx(1.0, abs=TOL)
