"""How dbt nodes become Dagster assets: source keys that meet ingestion, folder groups.

- A dbt source `source('raw', '<table>')` is the asset `raw/<table>`, the key the
  ingestion assets materialize, so raw loads and the staging models that read them
  form one graph.
- Models, seeds and snapshots keep dagster-dbt's default keys (`<schema>/<name>`, e.g.
  `core/dim_date`, `staging/stg_hubspot__contacts`).
- Groups follow the folder a model lives in: `staging/<source>/...` -> `staging`,
  `intermediate/...` -> `intermediate`, `marts/<area>/...` -> `<area>` (`core`,
  `metrics`); seeds and snapshots at their folder's root -> `seeds`, `snapshots`.
  A `meta.dagster.group` or dbt `group` set on a node still wins.
- A model whose dbt `meta.closedloop_gate` is `span_only` (the calendar) reads its parents
  only for its date span: its asset carries metadata `closedloop/gate_span_only`, and the
  publish gate does not hold it back for its parents' failed checks.
- dbt tests are asset checks that never block in Dagster: a failed `error` test is
  still an ERROR check result, and the `publish` gate holds back the published tables it
  touches (docs/resilience.md §2) instead of Dagster skipping every step after it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dagster import AssetCheckSpec, AssetKey, AssetSpec
from dagster_dbt import DagsterDbtTranslator

RAW_SOURCE = "raw"
GATE_SPAN_ONLY = "closedloop/gate_span_only"

# Folders whose sub-folder names the area (marts/core -> core); other top-level
# folders are the group themselves (staging/hubspot -> staging).
AREA_FOLDERS = frozenset({"marts"})


def raw_asset_key(table: str) -> AssetKey:
    """The asset key the ingestion layer uses for one raw table."""
    return AssetKey([RAW_SOURCE, table])


def group_from_fqn(fqn: list[str]) -> str | None:
    """The group of a node from its fully qualified name (project, folders..., name)."""
    folders = fqn[1:-1]
    if not folders:
        return None
    if folders[0] in AREA_FOLDERS and len(folders) > 1:
        return folders[1]
    return folders[0]


class ClosedloopDbtTranslator(DagsterDbtTranslator):
    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        if (
            dbt_resource_props["resource_type"] == "source"
            and dbt_resource_props["source_name"] == RAW_SOURCE
        ):
            return raw_asset_key(dbt_resource_props["name"])
        return super().get_asset_key(dbt_resource_props)

    def get_metadata(self, dbt_resource_props: Mapping[str, Any]) -> Mapping[str, Any]:
        metadata = dict(super().get_metadata(dbt_resource_props))
        meta = {
            **dbt_resource_props.get("meta", {}),
            **dbt_resource_props.get("config", {}).get("meta", {}),
        }
        if meta.get("closedloop_gate") == "span_only":
            metadata[GATE_SPAN_ONLY] = True
        return metadata

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        configured = super().get_group_name(dbt_resource_props)
        if configured:
            return configured
        if dbt_resource_props["resource_type"] == "source":
            return None  # the ingestion assets own raw's groups
        group = group_from_fqn(list(dbt_resource_props.get("fqn", [])))
        if group is None and dbt_resource_props["resource_type"] in {"seed", "snapshot"}:
            return f"{dbt_resource_props['resource_type']}s"
        return group

    def get_asset_check_spec(
        self,
        asset_spec: AssetSpec,
        manifest: Mapping[str, Any],
        unique_id: str,
        project: Any,
    ) -> AssetCheckSpec | None:
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        return None if spec is None else spec._replace(blocking=False)
