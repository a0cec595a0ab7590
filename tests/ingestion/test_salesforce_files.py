"""Salesforce exports in the landing folder (docs/salesforce.md §2-3): Bulk API 2.0 CSVs and a
Data Loader upper-case extract through the real raw assets into `raw.salesforce__*`.

Expected values are read from the hand-written CSVs (tests/support/salesforce_landing.py).
"""

from __future__ import annotations

import json

import duckdb
import pytest

from tests.support.real_inputs import load_raw
from tests.support.salesforce_landing import (
    ACCOUNT,
    CONTACT,
    DIRTY,
    LEAD_1,
    LEAD_2,
    OPPORTUNITY,
    USER,
    newest,
    rows,
    write_salesforce_landing,
)


@pytest.fixture(scope="module")
def raw(tmp_path_factory):
    work = tmp_path_factory.mktemp("salesforce_files")
    landing = write_salesforce_landing(work / "landing", dirty=True)
    warehouse = load_raw(work, landing)

    def query(sql: str) -> list[tuple]:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            return con.execute(sql).fetchall()

    return query


def test_newest_system_modstamp_wins_across_extracts(raw):
    leads = newest(LEAD_1, LEAD_2)
    got = raw(
        "select id, status, lifecycle_stage_c, system_modstamp, _file from raw.salesforce__lead"
    )
    assert {r[0]: r[1:4] for r in got} == {
        i: (r["Status"], r["Lifecycle_Stage__c"], r["SystemModstamp"]) for i, r in leads.items()
    }
    files = {r[0]: r[4] for r in got}
    # Lead 1's newest version is in the second extract, lead 2's in the first.
    assert files["00Q000000000001AAA"] == "salesforce/Lead/extract-2.csv"
    assert files["00Q000000000002AAA"] == "salesforce/Lead/extract-1.csv"
    assert {r[0]: r[1] for r in raw("select id, _source from raw.salesforce__lead")} == {
        i: "files" for i in leads
    }


def test_booleans_are_typed_and_empty_cells_are_null(raw):
    types = dict(
        raw(
            "select column_name, data_type from information_schema.columns "
            "where table_schema = 'raw' and table_name = 'salesforce__lead'"
        )
    )
    assert types["is_deleted"] == types["is_converted"] == "BOOLEAN"
    assert types["converted_date"] == types["system_modstamp"] == "VARCHAR"
    got = {
        r[0]: r[1:]
        for r in raw(
            "select id, is_deleted, is_converted, master_record_id, converted_date "
            "from raw.salesforce__lead"
        )
    }
    for i, rec in newest(LEAD_1, LEAD_2).items():
        expected = (
            rec["IsDeleted"] == "true",
            rec["IsConverted"] == "true",
            rec["MasterRecordId"] or None,
            rec["ConvertedDate"] or None,
        )
        assert got[i] == expected, i
    assert raw("select is_active from raw.salesforce__user") == [(True,)]
    assert rows(USER)[0]["IsActive"] == "true"


def test_data_loader_upper_case_header_maps_to_the_contract(raw):
    (contact,) = rows(CONTACT)
    got = raw(
        "select id, account_id, email, lifecycle_stage_c, lead_status_c, is_deleted, "
        "master_record_id, system_modstamp, _extra from raw.salesforce__contact"
    )
    assert len(got) == 1
    *values, extra = got[0]
    assert values == [
        contact["ID"],
        contact["ACCOUNTID"],
        contact["EMAIL"],
        contact["LIFECYCLE_STAGE__C"],
        contact["LEAD_STATUS__C"],
        False,
        None,
        contact["SYSTEMMODSTAMP"],
    ]
    # The one column outside the contract is kept, under its own name.
    assert json.loads(extra) == {"PHONE": contact["PHONE"]}


def test_text_values_are_kept_as_sent(raw):
    (account,) = rows(ACCOUNT)
    assert raw(
        "select id, website, number_of_employees, customer_date_c from raw.salesforce__account"
    ) == [
        (
            account["Id"],
            account["Website"],
            account["NumberOfEmployees"],
            account["Customer_Date__c"],
        )
    ]
    good = {r["Id"]: r for r in rows(OPPORTUNITY)}
    got = raw("select id, amount, close_date, is_won, probability from raw.salesforce__opportunity")
    assert {r[0]: r[1:] for r in got} == {
        i: (r["Amount"], r["CloseDate"], r["IsWon"] == "true", r["Probability"])
        for i, r in good.items()
    }


def test_bad_records_are_quarantined_with_a_reason_and_the_good_kept(raw):
    got = raw(
        "select record_key, reason, _file from raw._quarantine "
        "where table_name = 'salesforce__opportunity'"
    )
    assert {r[1] for r in got} == set(DIRTY.values())
    assert {r[2] for r in got} == {"salesforce/Opportunity/part-0001.csv"}
    by_reason = {r[1]: r[0] for r in got}
    for oid, reason in DIRTY.items():
        assert by_reason[reason] == oid
    kept = {r[0] for r in raw("select id from raw.salesforce__opportunity")}
    assert kept == {r["Id"] for r in rows(OPPORTUNITY)}
    # Nothing else anywhere was quarantined: +0000 timestamps, 15-character Ids, planned close
    # dates in 2027 and empty cells are all valid.
    assert raw("select count(*) from raw._quarantine") == [(len(DIRTY),)]


def test_objects_without_files_have_empty_typed_tables(raw):
    assert raw("select count(*) from raw.salesforce__opportunity_contact_role") == [(0,)]
    types = dict(
        raw(
            "select column_name, data_type from information_schema.columns "
            "where table_schema = 'raw' and table_name = 'salesforce__campaign_member'"
        )
    )
    assert types["has_responded"] == "BOOLEAN" and types["id"] == "VARCHAR"
