"""dbt sources meet the ingestion assets (raw/<table>); groups follow the model folders."""

from __future__ import annotations

import json

import pytest
from dagster import AssetKey
from dagster_dbt import dbt_assets

from orchestration.assets.dbt_translator import ClosedloopDbtTranslator, group_from_fqn


@pytest.fixture(scope="module")
def manifest(warehouse):
    run = warehouse.dbt("parse")
    assert run.returncode == 0, run.output[-3000:]
    return json.loads((warehouse.target / "manifest.json").read_text())


@pytest.fixture(scope="module")
def assets(manifest):
    @dbt_assets(manifest=manifest, dagster_dbt_translator=ClosedloopDbtTranslator())
    def closedloop_dbt_assets():  # pragma: no cover - never executed, only its specs are read
        ...

    return closedloop_dbt_assets


def test_group_from_folder():
    assert (
        group_from_fqn(["closedloop", "staging", "hubspot", "stg_hubspot__contacts"]) == "staging"
    )
    assert group_from_fqn(["closedloop", "intermediate", "identity", "int_x"]) == "intermediate"
    assert group_from_fqn(["closedloop", "marts", "core", "dim_date"]) == "core"
    assert group_from_fqn(["closedloop", "marts", "metrics", "mart_x"]) == "metrics"
    assert group_from_fqn(["closedloop", "root_model"]) is None


def test_every_raw_source_is_the_ingestion_asset_key(manifest):
    translator = ClosedloopDbtTranslator()
    from ingestion.contracts import CONTRACTS

    sources = list(manifest["sources"].values())
    # One dbt source per raw table ingestion writes (21 + 19 Salesforce objects), no other.
    assert sorted(s["name"] for s in sources) == sorted(c.name for c in CONTRACTS)
    assert len(sources) == 40
    for source in sources:
        assert translator.get_asset_key(source) == AssetKey(["raw", source["name"]])


def test_staging_models_depend_on_raw_assets_and_sit_in_the_staging_group(assets):
    contacts = AssetKey(["staging", "stg_hubspot__contacts"])
    assert contacts in assets.keys
    assert AssetKey(["raw", "hubspot__contacts"]) in assets.asset_deps[contacts]
    groups = assets.group_names_by_key
    staging = [key for key in assets.keys if key.path[0] == "staging"]
    assert len(staging) == 85  # tests/staging/test_staging_build.py: STAGING_MODELS
    assert {groups[key] for key in staging} == {"staging"}


def test_marts_keep_their_default_keys_and_take_the_area_group(assets):
    dim_date = AssetKey(["core", "dim_date"])
    assert dim_date in assets.keys
    assert assets.group_names_by_key[dim_date] == "core"
