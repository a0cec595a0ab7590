"""The quality gate's Dagster objects, built from the dbt project's assets.

`suite_checks` (blocking GX suites on dbt assets), `freshness_checks` (raw sources) and
`publish_asset` (audit, then atomically replace the BI serving file).
"""

from __future__ import annotations

from dagster import AssetChecksDefinition, AssetsDefinition

from orchestration.assets.dbt import closedloop_dbt_assets
from orchestration.assets.publish import build_publish_asset, dbt_model_tables
from orchestration.assets.quality import build_freshness_checks, build_suite_checks

suite_checks: AssetChecksDefinition = build_suite_checks(closedloop_dbt_assets.keys)
freshness_checks: AssetChecksDefinition = build_freshness_checks()
publish_asset: AssetsDefinition = build_publish_asset(dbt_model_tables(closedloop_dbt_assets))

gate_checks = [suite_checks, freshness_checks]
