"""Custom fields and archived records (docs/real-inputs.md section 6, docs/core-schema.md
"Custom fields"), through the real raw assets (files mode) and dbt.

One hand-made landing (tests/core/custom_fields_landing.py), one raw load; dbt then runs
with the custom fields given as the var `custom_fields` (same rows as the seed would hold),
once more with `include_archived`, and once with the shipped, empty seed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.custom_fields_landing import (
    ARCHIVED_DEAL,
    CUSTOM_FIELDS,
    UNKNOWN,
    write_custom_fields_landing,
)
from tests.support.real_inputs import load_raw, run_dbt
from tests.support.tiny_pipeline import TinyBuild

CORE = ["+dim_contact", "+dim_account", "+fct_opportunities", "+fct_opportunity_contacts"]
DIM_CONTACT_COLUMNS = [
    "contact_key", "hubspot_contact_id", "email", "email_normalized", "first_name",
    "last_name", "full_name", "job_title", "seniority", "department", "is_decision_maker",
    "persona",
    "company_name", "industry", "number_of_employees", "country", "owner_key", "account_key",
    "account_source", "email_domain", "created_at", "original_source", "nurture_program",
    "visitor_id", "crm_lifecycle_stage", "crm_lead_status", "disqualification_reason",
    "owner_assigned_at", "has_bant_budget",
    "has_bant_authority", "has_bant_need", "has_bant_timeline", "merged_record_count",
    "merged_hubspot_contact_ids", "is_archived", "updated_at",
]  # fmt: skip


def _vars(**values) -> list[str]:
    return ["--vars", json.dumps(values)]


def _columns(build: TinyBuild, schema: str, table: str) -> list[str]:
    rows = build.query(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, table],
    )
    return [f"{name}:{kind}" for name, kind in rows]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    work = tmp_path_factory.mktemp("custom_fields")
    landing = write_custom_fields_landing(work / "landing")
    warehouse = load_raw(work, landing)
    build = TinyBuild(landing, warehouse, 0, "")
    state: dict = {"build": build}

    def dbt(name: str, args: list[str]) -> None:
        # cautious: only tests whose every parent is built (not those of e.g. fct_touchpoints).
        done = run_dbt(work, warehouse, [*args, "--indirect-selection", "cautious"])
        assert done.returncode == 0, done.stdout[-4000:]

    custom = _vars(custom_fields=CUSTOM_FIELDS)
    dbt("custom", ["build", "--select", *CORE, *custom])
    state["contacts"] = dict(
        build.query("select contact_key, industry_vertical from core.dim_contact")
    )
    state["deals"] = {
        key: (months, amount)
        for key, months, amount in build.query(
            "select opportunity_key, contract_length_months, amount from core.fct_opportunities"
        )
    }
    state["deal_columns"] = _columns(build, "core", "fct_opportunities")
    state["stg_deals"] = build.query(
        "select deal_id, is_archived, archived_at, contract_length_months, amount "
        "from staging.stg_hubspot__deals order by deal_id"
    )
    state["members"] = build.query(
        "select count(*) from core.fct_opportunity_contacts "
        f"where opportunity_key = 'hs_{ARCHIVED_DEAL}'"
    )[0][0]

    with_archived = _vars(custom_fields=CUSTOM_FIELDS, include_archived=True)
    dbt(
        "archived",
        ["run", "--select", "int_opportunities__deals", "fct_opportunities", *with_archived],
    )
    state["with_archived"] = {
        key: (months, archived)
        for key, months, archived in build.query(
            "select opportunity_key, contract_length_months, is_archived "
            "from core.fct_opportunities"
        )
    }

    # The shipped seed (header only): no custom column anywhere.
    dbt(
        "empty",
        ["run", "--select", "stg_hubspot__contacts", "int_contacts__custom_fields", "dim_contact"],
    )
    state["empty_dim_contact"] = _columns(build, "core", "dim_contact")
    state["empty_stg_contacts"] = _columns(build, "staging", "stg_hubspot__contacts")
    return state


def test_raw_keeps_custom_unknown_and_archived_fields(built):
    build = built["build"]
    rows = build.query(
        f"select id, properties ->> '$.{UNKNOWN}', archived, archived_at "
        "from raw.hubspot__deals order by id"
    )
    assert rows == [
        ("700", "z", False, None),
        ("701", None, False, None),
        (ARCHIVED_DEAL, "z", True, "2025-02-20T10:00:00.000Z"),
    ]
    assert build.query("select count(*) from raw.hubspot__contacts")[0][0] == 31
    # Only the minimal landing's cut-off contacts page is quarantined, nothing else of HubSpot.
    quarantined = build.query(
        "select table_name, reason_kind from raw._quarantine where source = 'hubspot'"
    )
    assert quarantined == [("hubspot__contacts", "unreadable_file")]


def test_empty_seed_leaves_the_columns_unchanged(built):
    assert [c.split(":")[0] for c in built["empty_dim_contact"]] == DIM_CONTACT_COLUMNS
    assert not any(c.startswith("industry_vertical") for c in built["empty_stg_contacts"])


def test_custom_fields_are_typed_columns_in_staging_and_core(built):
    assert "contract_length_months:INTEGER" in built["deal_columns"]
    # Staging keeps the archived deal, typed: "twelve" does not cast and is NULL.
    assert [(d, a, m) for d, a, _, m, _ in built["stg_deals"]] == [
        ("700", False, 24),
        ("701", False, None),
        (ARCHIVED_DEAL, True, 36),
    ]
    assert str(built["stg_deals"][2][2]) == "2025-02-20 10:00:00"
    assert built["deals"] == {
        "hs_700": (24, 1000),
        "hs_701": (None, 2000),
    }


def test_a_merged_contact_keeps_the_survivors_value(built):
    contacts = built["contacts"]
    assert contacts["hs_1"] == "fintech"  # contact 2 (merged into 1) said "retail"
    assert "hs_2" not in contacts and "hs_4" not in contacts
    assert sum(value is not None for value in contacts.values()) == 1


def test_archived_records_are_left_out_of_core_unless_asked_for(built):
    assert f"hs_{ARCHIVED_DEAL}" not in built["deals"]
    assert built["members"] == 0
    assert built["with_archived"][f"hs_{ARCHIVED_DEAL}"] == (36, True)
    assert built["with_archived"]["hs_700"] == (24, False)
    # The archived contact of the minimal landing (31) is not a person in core either.
    assert "hs_31" not in built["contacts"]


def test_an_alias_that_clashes_fails_compilation_naming_it(built, tmp_path):
    row = {"source": "hubspot", "object": "deals", "field": "amount", "alias": "amount",
           "type": "varchar"}  # fmt: skip
    done = run_dbt(
        tmp_path,
        Path(built["build"].warehouse),
        ["compile", "--select", "stg_hubspot__deals", *_vars(custom_fields=[row])],
    )
    assert done.returncode != 0
    assert 'alias "amount" clashes with an existing column of stg_hubspot__deals' in done.stdout
