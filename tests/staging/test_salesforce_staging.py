"""The Salesforce staging layer (docs/salesforce.md §4) on a handful of raw records: the raw
tables are created as ingestion creates them (ingestion/empty_tables.py), the rows below
are written into them, and the expected staging rows are worked out by hand. Column parity
with the HubSpot models is checked on the same build (HubSpot raw tables empty)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import duckdb
import pytest

from ingestion.contracts import contracts_of
from ingestion.empty_tables import create_table_sql
from tests.staging.conftest import Warehouse

# fmt: off
LEAD, LEAD2, CONTACT = "00Q000000000001AAA", "00Q000000000002AAA", "003000000000001AAA"
ACCOUNT, OPP = "001000000000001AAA", "006000000000001AAA"
USER, ROLE, CAMPAIGN = "005000000000001AAA", "00E000000000001AAA", "701000000000001AAA"
TASK1, TASK3, EVENT = "00T000000000001AAA", "00T000000000003AAA", "00U000000000001AAA"
SF = "2025-01-02T10:00:00.000+0000"

ROWS: dict[str, list[dict]] = {
    "lead": [
        # Converted on Feb 1 into CONTACT: one person, the contact.
        {"id": LEAD, "is_converted": True, "converted_contact_id": CONTACT,
         "converted_account_id": ACCOUNT, "email": "Ana@Acme.example", "company": "Acme",
         "status": "Working - Contacted", "lifecycle_stage_c": "Sales Qualified Lead",
         "created_date": SF, "system_modstamp": "2025-02-01T08:00:00.000+0000",
         "mql_date_c": "2025-01-20T09:00:00.000+0000"},
        # An older extract of the same lead: the newer SystemModstamp wins.
        {"id": LEAD, "status": "Open", "created_date": SF, "system_modstamp": SF,
         "_file": "salesforce/Lead/old.csv"},
        {"id": LEAD2, "email": "bo@beta.example", "status": "Open", "lifecycle_stage_c": "Lead",
         "created_date": "2025-03-01T12:00:00.000+0000",
         "system_modstamp": "2025-03-01T12:00:00.000+0000"},
    ],
    "contact": [
        {"id": CONTACT, "account_id": ACCOUNT, "email": "ana@acme.example",
         "lifecycle_stage_c": "Sales Qualified Lead", "lead_status_c": "Converted",
         "created_date": "2025-02-01T08:00:00.000+0000",
         "system_modstamp": "2025-02-01T08:00:00.000+0000",
         "sql_date_c": "2025-02-01T08:00:00.000+0000"},
    ],
    "lead_history": [
        {"id": "017000000000001AAA", "lead_id": LEAD, "field": "created", "created_date": SF},
        {"id": "017000000000002AAA", "lead_id": LEAD, "field": "Lifecycle_Stage__c",
         "old_value": "Lead", "new_value": "Marketing Qualified Lead",
         "created_date": "2025-01-20T09:00:00.000+0000"},
        {"id": "017000000000003AAA", "lead_id": LEAD, "field": "Lifecycle_Stage__c",
         "old_value": "Marketing Qualified Lead", "new_value": "Sales Qualified Lead",
         "created_date": "2025-02-01T07:59:00.000+0000"},
    ],
    "account": [{"id": ACCOUNT, "name": "Acme Corp", "website": "https://www.Acme.example/about",
                 "created_date": SF, "system_modstamp": SF}],
    "opportunity": [
        {"id": OPP, "account_id": ACCOUNT, "name": "Acme deal", "stage_name": "Closed Won",
         "amount": "12000.50", "close_date": "2025-04-30", "is_closed": True, "is_won": True,
         "owner_id": USER, "created_date": "2025-02-02T10:00:00.000+0000",
         "system_modstamp": "2025-04-30T15:00:00.000+0000"},
    ],
    "opportunity_contact_role": [
        {"id": "00K000000000001AAA", "opportunity_id": OPP, "contact_id": CONTACT,
         "role": "Decision Maker", "is_primary": True, "system_modstamp": SF},
    ],
    "task": [
        {"id": TASK1, "task_subtype": "Call", "who_id": LEAD, "what_id": OPP,
         "subject": "Intro", "call_type": "Outbound", "call_duration_in_seconds": "120",
         "activity_date": "2025-01-25", "system_modstamp": SF},
        {"id": "00T000000000002AAA", "task_subtype": "Email", "who_id": CONTACT,
         "what_id": ACCOUNT, "completed_date_time": "2025-02-03T11:30:00.000+0000",
         "system_modstamp": SF},
        {"id": TASK3, "task_subtype": "Call", "who_id": LEAD2, "what_id": OPP,
         "activity_date": "2025-03-05", "system_modstamp": SF},
    ],
    # Shared activities: TASK3's people are its relations, the WhoId first (LEAD2 sorts
    # after CONTACT); the WhatId and a deleted relation are not people.
    "task_relation": [
        {"id": "0RT000000000001AAA", "task_id": TASK3, "relation_id": CONTACT,
         "is_what": False, "system_modstamp": SF},
        {"id": "0RT000000000002AAA", "task_id": TASK3, "relation_id": LEAD2,
         "is_what": False, "system_modstamp": SF},
        {"id": "0RT000000000003AAA", "task_id": TASK3, "relation_id": OPP, "is_what": True,
         "system_modstamp": SF},
        {"id": "0RT000000000004AAA", "task_id": TASK3, "relation_id": LEAD, "is_what": False,
         "is_deleted": True, "system_modstamp": SF},
    ],
    "event": [{"id": EVENT, "who_id": LEAD2, "start_date_time": SF, "system_modstamp": SF}],
    # An invited contact is a person of the meeting, an invited user is not.
    "event_relation": [
        {"id": "0RE000000000001AAA", "event_id": EVENT, "relation_id": USER, "is_what": False,
         "is_parent": False, "is_invitee": True, "system_modstamp": SF},
        {"id": "0RE000000000002AAA", "event_id": EVENT, "relation_id": CONTACT,
         "is_what": False, "is_parent": False, "is_invitee": True, "system_modstamp": SF},
        {"id": "0RE000000000003AAA", "event_id": EVENT, "relation_id": LEAD2, "is_what": False,
         "is_parent": True, "is_invitee": False, "system_modstamp": SF},
    ],
    "user": [{"id": USER, "email": " Rep@Acme.example", "is_active": True,
              "user_role_id": ROLE, "system_modstamp": SF}],
    "user_role": [{"id": ROLE, "name": "AE EMEA", "system_modstamp": SF}],
    "campaign": [{"id": CAMPAIGN, "name": "Spring webinar", "type": "Webinar",
                  "system_modstamp": SF}],
    "campaign_member": [
        {"id": "00v000000000001AAA", "campaign_id": CAMPAIGN, "lead_id": LEAD,
         "has_responded": True, "first_responded_date": "2025-01-15", "created_date": SF,
         "system_modstamp": SF},
        {"id": "00v000000000002AAA", "campaign_id": CAMPAIGN, "lead_id": LEAD2,
         "has_responded": False, "created_date": SF, "system_modstamp": SF},
    ],
}
# fmt: on


def _insert(con: duckdb.DuckDBPyConnection, table: str, row: dict) -> None:
    row = {
        "_source": "files",
        "_batch_id": "1",
        "_loaded_at": "2026-11-24 06:00:00+00",
        "_file": f"salesforce/{table}.csv",
        **row,
    }
    names = ", ".join(f'"{k}"' for k in row)
    marks = ", ".join("?" for _ in row)
    con.execute(
        f"insert into raw.salesforce__{table} ({names}) values ({marks})", list(row.values())
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Warehouse:
    root = tmp_path_factory.mktemp("salesforce_staging")
    wh = Warehouse(path=root / "warehouse.duckdb", target=root / "dbt_target")
    with duckdb.connect(str(wh.path)) as con:
        con.execute("create schema raw")
        for contract in contracts_of("hubspot") + contracts_of("salesforce"):
            con.execute(create_table_sql(contract, "raw"))
        for table, rows in ROWS.items():
            for row in rows:
                _insert(con, table, row)
    run = wh.dbt(
        "build",
        "--select",
        "custom_fields",
        "sales_stage_mapping",
        "path:models/staging/salesforce",
        "path:models/staging/hubspot",
    )
    assert run.returncode == 0, run.output[-5000:]
    assert not run.failures(), run.failures()
    return wh


def test_a_converted_lead_is_one_person_with_its_contact(built):
    rows = built.query("""
        select contact_id, merged_object_ids, company_name, lead_status, email_domain,
            became_mql_at, became_sql_at, created_at
        from staging.stg_salesforce__contacts order by contact_id""")
    assert rows == [
        (
            CONTACT,
            [LEAD],
            "Acme",
            "Converted",
            "acme.example",
            datetime(2025, 1, 20, 9),
            datetime(2025, 2, 1, 8),
            datetime(2025, 1, 2, 10),
        ),
        (LEAD2, [], None, "Open", "beta.example", None, None, datetime(2025, 3, 1, 12)),
    ]
    assert built.query(
        "select merged_contact_id, surviving_contact_id from staging.stg_salesforce__contact_merges"
    ) == [(LEAD, CONTACT)]


def test_lead_history_with_its_creation_value_lands_on_the_person(built):
    rows = built.query("""
        select property_value, valid_from, is_current
        from staging.stg_salesforce__contact_property_history
        where contact_id = '003000000000001AAA' and property_name = 'Lifecycle_Stage__c'
        order by change_number""")
    # Lead at creation (the first change's OldValue), MQL, SQL; the Contact created with
    # SQL repeats the value and is no change.
    assert rows == [
        ("Lead", datetime(2025, 1, 2, 10), False),
        ("Marketing Qualified Lead", datetime(2025, 1, 20, 9), False),
        ("Sales Qualified Lead", datetime(2025, 2, 1, 7, 59), True),
    ]


def test_deal_company_domain_activities_and_owner(built):
    assert built.query(
        "select deal_stage_id, pipeline_id, amount, close_at, is_closed_won"
        " from staging.stg_salesforce__deals"
    ) == [("Closed Won", "default", Decimal("12000.500000"), datetime(2025, 4, 30), True)]
    assert built.query(
        "select property_name, property_value from"
        " staging.stg_salesforce__deal_property_history order by 1"
    ) == [("amount", "12000.5"), ("closedate", "2025-04-30"), ("dealstage", "Closed Won")]
    assert built.query("select domain from staging.stg_salesforce__companies") == [
        ("acme.example",)
    ]
    assert built.query(
        "select deal_id, contact_id, association_label from staging.stg_salesforce__deal_contacts"
    ) == [(OPP, CONTACT, "Decision Maker")]
    assert built.query(
        "select contact_ids, deal_ids, call_duration_ms, call_direction, occurred_at"
        f" from staging.stg_salesforce__calls where call_id = '{TASK1}'"
    ) == [([LEAD], [OPP], 120000, "OUTBOUND", datetime(2025, 1, 25))]
    assert built.query("select deal_ids, occurred_at from staging.stg_salesforce__emails") == [
        ([], datetime(2025, 2, 3, 11, 30))
    ]
    assert built.query(
        "select email_normalized, is_archived from staging.stg_salesforce__owners"
    ) == [("rep@acme.example", False)]
    assert built.query(
        "select team_name, is_primary_team from staging.stg_salesforce__owner_teams"
    ) == [("AE EMEA", True)]
    stages = built.query("select count(*) from staging.stg_salesforce__deal_pipeline_stages")
    assert stages == [(7,)]


def test_the_people_of_an_activity_are_its_relations_the_who_first(built):
    # TASK1 has no relation rows (an org without shared activities): its WhoId.
    assert built.query(
        "select call_id, contact_ids from staging.stg_salesforce__calls order by call_id"
    ) == [(TASK1, [LEAD]), (TASK3, [LEAD2, CONTACT])]
    assert built.query("select meeting_id, contact_ids from staging.stg_salesforce__meetings") == [
        (EVENT, [LEAD2, CONTACT])
    ]


def test_responded_campaign_members_are_touches_of_the_person(built):
    assert built.query("""
        select contact_id, campaign_name, campaign_type, responded_at
        from staging.stg_salesforce__campaign_members""") == [
        (CONTACT, "Spring webinar", "Webinar", datetime(2025, 1, 15))
    ]


def test_every_crm_model_has_the_hubspot_columns_plus_source_system(built):
    def columns(table: str) -> list[tuple]:
        return built.query(
            "select column_name, data_type from information_schema.columns"
            f" where table_schema = 'staging' and table_name = '{table}' order by ordinal_position"
        )

    for x in (
        "contacts",
        "contact_property_history",
        "contact_merges",
        "contact_companies",
        "companies",
        "deals",
        "deal_property_history",
        "deal_contacts",
        "deal_companies",
        "deal_pipelines",
        "deal_pipeline_stages",
        "calls",
        "emails",
        "meetings",
        "owners",
        "owner_teams",
    ):
        hubspot, salesforce = columns(f"stg_hubspot__{x}"), columns(f"stg_salesforce__{x}")
        assert hubspot, x
        assert ("source_system", "VARCHAR") in salesforce, x
        assert [c for c in salesforce if c[0] != "source_system"] == hubspot, x
