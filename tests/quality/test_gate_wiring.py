"""The gate is wired into the code location: suite checks on the dbt keys, publish last."""

from __future__ import annotations

from dagster import AssetCheckKey, AssetKey

from expectations import suites
from expectations.checks import ROW_COUNT_DRIFT

TASK_SUITES = {
    "fct_contact_funnel",
    "fct_opportunities",
    "fct_touchpoints",
    "fct_attribution_credits",
    "mart_attribution_reconciliation",
    "mart_funnel_cohorts",
    "mart_funnel_velocity_quarterly",
    "mart_sales_performance",
    "mart_pipeline",
    "mart_revenue_efficiency",
    "mart_customer_churn_quarterly",
    "mart_lead_sla",
    "mart_nurture",
    "mart_lead_scoring",
    "mart_funnel_plan",
}


def test_every_published_suite_loads_and_checks_drift():
    assert set(suites.available()) >= TASK_SUITES
    for name in TASK_SUITES:
        suite = suites.load(name)
        kinds = [(e.meta or {}).get("check") for e in suite.expectations.expectations]
        assert kinds.count(ROW_COUNT_DRIFT) == 1, name
        assert all((e.meta or {}).get("severity") for e in suite.expectations.expectations)


def test_definitions_wire_checks_and_publish():
    from closedloop.settings import WAREHOUSE_POOL
    from orchestration.definitions import defs

    graph = defs.resolve_asset_graph()
    publish = graph.get(AssetKey(["publish"]))
    for name in TASK_SUITES:
        table = suites.load(name).table
        key = AssetKey(table.split("."))
        if key not in graph.get_all_asset_keys():
            continue  # the model is not in the dbt project yet: publish's audit reports it
        check = AssetCheckKey(key, f"gx_{name}")
        assert check in graph.asset_check_keys, check
        # Not blocking in Dagster: publish is the gate, per table (docs/resilience.md §2).
        assert not graph.get_check_spec(check).blocking
        assert key in publish.parent_keys
    assert AssetCheckKey(AssetKey(["raw", "hubspot__deals"]), "freshness") in graph.asset_check_keys
    pools = {op.pool for op in publish.assets_def.node_def.iterate_op_defs()}
    assert pools == {WAREHOUSE_POOL}
    # The suites run before publish when both are ready, so publish reuses their results.
    suites_step = graph.get(AssetKey(["core", "fct_opportunities"]))
    checks_def = defs.resolve_assets_def(AssetKey(["publish"]))
    priority = int(checks_def.node_def.tags["dagster/priority"])
    from orchestration.assets.gate import suite_checks

    assert int(suite_checks.node_def.tags["dagster/priority"]) > priority
    # dbt tests do not block in Dagster either; they still fail as ERROR checks.
    dbt_checks = [
        k for k in graph.asset_check_keys if k.asset_key == suites_step.key and "gx_" not in k.name
    ]
    assert dbt_checks and not any(graph.get_check_spec(k).blocking for k in dbt_checks)


def test_the_calendar_does_not_pass_on_its_facts_failures():
    """dim_date reads the facts only for its span (meta closedloop_gate: span_only): a mart
    built on the calendar alone is not downstream of the facts for the gate; a mart that
    reads a fact itself still is."""
    from orchestration.assets.gate import closedloop_dbt_assets
    from orchestration.assets.publish import dbt_model_tables, lineage
    from orchestration.definitions import defs

    keys = dbt_model_tables(closedloop_dbt_assets)
    tables = ["metrics.metricflow_time_spine", "metrics.mart_marketing_roi", "core.dim_date"]
    upstream = lineage(defs.resolve_asset_graph(), keys, tables)
    assert upstream["core.dim_date"] == set()
    assert "core.dim_date" in upstream["metrics.metricflow_time_spine"]
    assert "core.fct_ad_spend_daily" not in upstream["metrics.metricflow_time_spine"]
    assert "core.fct_ad_spend_daily" in upstream["metrics.mart_marketing_roi"]
    assert "raw.google_ads__campaign_report" in upstream["metrics.mart_marketing_roi"]
