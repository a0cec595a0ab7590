"""dbt layers only point down (docs/architecture.md): checked on the real manifest, and each
check shown to fail, naming the offender, on a deliberately wrong manifest fragment."""

from __future__ import annotations

import copy

from tests.architecture import layers


def _model(name: str, path: str, parents: list[str], raw_code: str = "select 1") -> dict:
    return {
        "resource_type": "model",
        "name": name,
        "unique_id": f"model.closedloop.{name}",
        "original_file_path": path,
        "depends_on": {"nodes": parents, "macros": []},
        "raw_code": raw_code,
        "language": "sql",
    }


def _fragment(*models: dict, macros: dict | None = None, unit_tests: dict | None = None) -> dict:
    return {
        "nodes": {m["unique_id"]: m for m in models},
        "macros": macros or {},
        "unit_tests": unit_tests or {},
    }


STG = _model(
    "stg_crm__deals", "models/staging/crm/stg_crm__deals.sql", ["source.closedloop.raw.deals"]
)
INT = _model("int_deals__won", "models/intermediate/sales/int_deals__won.sql", [STG["unique_id"]])
FCT = _model("fct_deals", "models/marts/core/fct_deals.sql", [INT["unique_id"]])
MART = _model("mart_wins", "models/marts/metrics/mart_wins.sql", [FCT["unique_id"]])


# --- the real project -------------------------------------------------------------------


def test_every_model_reads_only_the_layer_below_or_its_own(manifest):
    assert layers.layer_violations(manifest) == []


def test_no_macro_calls_ref_or_source(manifest):
    assert layers.macros_calling_ref(manifest) == []


def test_stage_and_attribution_model_lists_come_from_seeds(manifest):
    assert layers.retyped_seed_lists(manifest) == []


def test_no_sql_model_over_200_lines_without_a_reason(manifest):
    assert layers.long_models_without_reason(manifest) == []


def test_every_published_mart_has_a_unit_test(manifest):
    assert layers.published_marts_without_unit_tests(manifest) == []


def test_crm_staging_is_read_only_through_the_crm_contract(manifest):
    assert layers.crm_reads_around_the_contract(manifest) == []


def test_the_documented_walks_from_the_headline_marts_to_raw_are_real(manifest):
    for mart, walk in layers.WALKS.items():
        assert layers.walk_findings(manifest, walk) == [], mart


# --- the checks themselves fail on wrong fragments ----------------------------------------


def test_a_clean_fragment_passes():
    assert layers.layer_violations(_fragment(STG, INT, FCT, MART)) == []


def test_a_metric_model_reading_staging_is_named():
    wrong = copy.deepcopy(MART)
    wrong["depends_on"]["nodes"].append(STG["unique_id"])
    findings = layers.layer_violations(_fragment(STG, INT, FCT, wrong))
    assert findings == [
        "mart_wins (metrics) reads stg_crm__deals (staging);"
        " metrics may read only ['attribution', 'core', 'metrics']"
    ]


def test_reading_a_layer_above_is_named():
    wrong = copy.deepcopy(INT)
    wrong["depends_on"]["nodes"].append(FCT["unique_id"])
    findings = layers.layer_violations(_fragment(STG, wrong, FCT, MART))
    assert len(findings) == 1 and findings[0].startswith(
        "int_deals__won (intermediate) reads fct_deals"
    )


def test_a_source_read_outside_staging_is_named():
    wrong = copy.deepcopy(FCT)
    wrong["depends_on"]["nodes"].append("source.closedloop.raw.deals")
    findings = layers.layer_violations(_fragment(STG, INT, wrong, MART))
    assert findings == ["fct_deals (core) reads source source.closedloop.raw.deals"]


def test_a_mart_helper_reading_core_is_allowed_but_not_staging():
    helper = _model(
        "int_metrics__wins", "models/intermediate/metrics/int_metrics__wins.sql", [FCT["unique_id"]]
    )
    assert layers.layer_violations(_fragment(STG, INT, FCT, helper)) == []
    helper["depends_on"]["nodes"].append(STG["unique_id"])
    assert layers.layer_violations(_fragment(STG, INT, FCT, helper))[0].startswith(
        "int_metrics__wins (metrics)"
    )


def test_a_macro_hiding_a_ref_is_named():
    macros = {
        "macro.closedloop.snapshot": {
            "name": "snapshot_date",
            "package_name": "closedloop",
            "original_file_path": "macros/metrics.sql",
            "macro_sql": "{% macro snapshot_date() %}"
            "(select max(d) from {{ ref('fct_deals') }}){% endmacro %}",
        },
        "macro.closedloop.fine": {
            "name": "ratio",
            "package_name": "closedloop",
            "original_file_path": "macros/ratio.sql",
            "macro_sql": "{# never call ref() here #}"
            "{% macro ratio(a, b) %}{{ a }} / {{ b }}{% endmacro %}",
        },
    }
    findings = layers.macros_calling_ref(_fragment(macros=macros))
    assert findings == ["macro snapshot_date (macros/metrics.sql) calls ref() or source()"]


def test_a_retyped_stage_list_is_named():
    sources = {
        "models/a.sql": "where stage in ('lead', 'mql', 'sal')",
        "models/b.sql": "values ('visitor', 0), ('lead', 1), ('mql', 2)",
        "models/c.sql": "case when stage = 'lead' then 1 when stage = 'mql' then 2 end",
    }
    findings = layers.retyped_lists(sources, ["visitor", "lead", "mql", "sal"], "canonical stage")
    assert [f.split(" ")[0] for f in findings] == ["models/a.sql", "models/b.sql"]


def test_a_long_model_needs_a_reason():
    long_sql = "select\n" + "    1 as c,\n" * 230 + "    2 as d"
    silent = _model("fct_long", "models/marts/core/fct_long.sql", [], long_sql)
    explained = _model(
        "fct_explained",
        "models/marts/core/fct_explained.sql",
        [],
        "-- Over 200 lines because each column is one vendor field.\n" + long_sql,
    )
    findings = layers.long_models_without_reason(_fragment(silent, explained))
    assert len(findings) == 1 and findings[0].startswith(
        "models/marts/core/fct_long.sql: 232 lines"
    )


def test_a_published_mart_without_unit_test_is_named():
    other = _model("mart_other", "models/marts/attribution/mart_other.sql", [FCT["unique_id"]])
    unit_tests = {"unit_test.closedloop.mart_wins.t": {"model": "mart_wins"}}
    findings = layers.published_marts_without_unit_tests(
        _fragment(FCT, MART, other, unit_tests=unit_tests)
    )
    assert findings == ["mart_other (models/marts/attribution/mart_other.sql) has no unit test"]


def test_a_walk_that_skips_a_step_or_goes_up_is_named():
    good = ("mart_wins", "fct_deals", "int_deals__won", "stg_crm__deals", "source:raw.deals")
    assert layers.walk_findings(_fragment(STG, INT, FCT, MART), good) == []
    skipping = ("mart_wins", "int_deals__won", "stg_crm__deals", "source:raw.deals")
    assert layers.walk_findings(_fragment(STG, INT, FCT, MART), skipping) == [
        "mart_wins does not read int_deals__won"
    ]


HS = _model(
    "stg_hubspot__deals",
    "models/staging/hubspot/stg_hubspot__deals.sql",
    ["source.closedloop.raw.d"],
)
BASE = _model(
    "base_salesforce__opportunity",
    "models/staging/salesforce/base/base_salesforce__opportunity.sql",
    ["source.closedloop.raw.o"],
)
SF = _model(
    "stg_salesforce__deals",
    "models/staging/salesforce/stg_salesforce__deals.sql",
    [BASE["unique_id"]],
)


def test_inside_staging_only_the_contract_and_base_reads_pass():
    contract = _model(
        "stg_crm__deals",
        "models/staging/crm/stg_crm__deals.sql",
        [HS["unique_id"], SF["unique_id"]],
    )
    assert layers.layer_violations(_fragment(HS, BASE, SF, contract)) == []
    vendor_reads_vendor = copy.deepcopy(SF)
    vendor_reads_vendor["depends_on"]["nodes"].append(HS["unique_id"])
    findings = layers.layer_violations(_fragment(HS, BASE, vendor_reads_vendor))
    assert findings == [
        "stg_salesforce__deals (staging) reads stg_hubspot__deals (staging);"
        " staging may read only sources"
    ]


def test_reading_a_vendor_crm_model_around_the_contract_is_named():
    contract = _model("stg_crm__deals", "models/staging/crm/stg_crm__deals.sql", [HS["unique_id"]])
    around = _model("int_deals__x", "models/intermediate/sales/int_deals__x.sql", [HS["unique_id"]])
    assert layers.crm_reads_around_the_contract(_fragment(HS, contract, around)) == [
        "int_deals__x reads stg_hubspot__deals, not stg_crm__deals"
    ]
