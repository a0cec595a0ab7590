"""Fivetran mode reads Fivetran's own test seeds into the raw tables (docs/real-inputs.md).

The raw assets run with HubSpot, Salesforce and the three ad platforms in
`CLOSEDLOOP_<SOURCE>_MODE=fivetran` on a DuckDB file holding the seeds of Fivetran's dbt
packages; the counts and sums are worked out here from the seed CSVs themselves.
"""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from ingestion.contracts import BY_NAME
from tests.fivetran.seeds import ADS, HUBSPOT, SALESFORCE, is_true, rows
from tests.support.real_inputs import load_raw

FIVETRAN = ("HUBSPOT", "SALESFORCE", "GOOGLE_ADS", "META_ADS", "LINKEDIN_ADS")


def fivetran_env(db) -> dict[str, str]:
    return {
        "CLOSEDLOOP_FIVETRAN_DATABASE": str(db),
        **{f"CLOSEDLOOP_{s}_MODE": "fivetran" for s in FIVETRAN},
    }


@pytest.fixture(scope="module")
def raw(tmp_path_factory, fivetran_db):
    work = tmp_path_factory.mktemp("fivetran_raw")
    landing = work / "landing"
    landing.mkdir()
    warehouse = load_raw(work, landing, fivetran_env(fivetran_db))
    con = duckdb.connect(str(warehouse), read_only=True)
    yield con
    con.close()


def _count(con, table: str) -> int:
    return con.execute(f"select count(*) from raw.{table}").fetchone()[0]


def _live(path, *flags: str) -> list[dict]:
    return [r for r in rows(path) if not any(is_true(r.get(f)) for f in flags)]


def test_hubspot_objects_are_the_live_seed_rows(raw):
    deals = _live(HUBSPOT / "deal_data.csv", "is_deleted", "_fivetran_deleted")
    contacts = _live(HUBSPOT / "contact_data.csv", "is_deleted", "_fivetran_deleted")
    companies = _live(HUBSPOT / "company_data.csv", "is_deleted", "_fivetran_deleted")
    assert _count(raw, "hubspot__deals") == len({r["deal_id"] for r in deals}) == 44
    assert _count(raw, "hubspot__contacts") == len({r["id"] for r in contacts}) == 22
    assert _count(raw, "hubspot__companies") == len({r["id"] for r in companies}) == 24
    owners = rows(HUBSPOT / "owner_data.csv")
    assert _count(raw, "hubspot__owners") == len({r["owner_id"] for r in owners})


def test_hubspot_record_is_a_v3_object_with_lineage(raw):
    seed = next(r for r in rows(HUBSPOT / "contact_data.csv") if r["property_hs_merged_object_ids"])
    props, file, source = raw.execute(
        "select properties, _file, _source from raw.hubspot__contacts where id = ?", [seed["id"]]
    ).fetchone()
    assert (file, source) == ("fivetran:hubspot.contact", "fivetran")
    assert '"hs_merged_object_ids":"' + seed["property_hs_merged_object_ids"] + '"' in props
    assert '"email":"' + seed["property_email"] + '"' in props


def test_deal_contacts_come_from_the_link_table(raw):
    links = rows(HUBSPOT / "deal_contact_data.csv")
    ours = {r["deal_id"] for r in rows(HUBSPOT / "deal_data.csv")}
    expected = sorted((r["deal_id"], r["contact_id"]) for r in links if r["deal_id"] in ours)
    got = raw.execute(
        "select id, unnest(json_extract_string(associations, '$.contacts.results[*].id')) "
        "from raw.hubspot__deals order by 1, 2"
    ).fetchall()
    assert sorted(got) == expected


def test_deal_pipelines_carry_their_live_stages(raw):
    stages = _live(HUBSPOT / "deal_pipeline_stage_data.csv", "_fivetran_deleted")
    pipelines = _live(HUBSPOT / "deal_pipeline_data.csv", "_fivetran_deleted")
    ids = {r["pipeline_id"] for r in pipelines}
    got = raw.execute(
        "select sum(json_array_length(stages)), count(*) from raw.hubspot__deal_pipelines"
    ).fetchone()
    assert got == (sum(1 for s in stages if s["pipeline_id"] in ids), len(ids))


def test_google_ads_spend_equals_campaign_stats(raw):
    seed = _live(ADS / "google_ads_campaign_stats_data.csv", "_fivetran_deleted")
    expected = sum(int(r["cost_micros"]) for r in seed)
    got = raw.execute(
        "select count(*), sum(metrics__cost_micros::bigint), min(customer__currency_code) "
        "from raw.google_ads__campaign_report"
    ).fetchone()
    currency = rows(ADS / "google_ads_account_history_data.csv")[0]["currency_code"]
    assert got == (len(seed), expected, currency)


def test_meta_spend_equals_basic_ad_with_campaigns_from_ad_history(raw):
    seed = rows(ADS / "facebook_ads_basic_ad_data.csv")
    ads = {r["id"]: r["campaign_id"] for r in rows(ADS / "facebook_ads_ad_history_data.csv")}
    got = raw.execute(
        "select count(*), sum(spend::decimal(18, 2)) from raw.meta_ads__insights"
    ).fetchone()
    assert got == (len(seed), sum(Decimal(r["spend"]) for r in seed))
    campaigns = raw.execute(
        "select ad_id, campaign_id from raw.meta_ads__insights order by 1"
    ).fetchall()
    assert {a: c for a, c in campaigns} == {r["ad_id"]: ads[r["ad_id"]] for r in seed}


def test_linkedin_spend_equals_analytics_by_campaign(raw):
    seed = rows(ADS / "linkedin_ad_analytics_by_campaign_data.csv")
    expected = sum(Decimal(r["cost_in_local_currency"] or "0") for r in seed)
    got = raw.execute(
        "select count(*), sum(cost_in_local_currency::decimal(18, 2)) "
        "from raw.linkedin_ads__ad_analytics"
    ).fetchone()
    assert got == (len(seed), expected)
    accounts = {r["id"] for r in rows(ADS / "linkedin_ad_account_history_data.csv")}
    assert _count(raw, "linkedin_ads__accounts") == len(accounts)


@pytest.mark.skipif("salesforce__opportunity" not in BY_NAME, reason="no Salesforce contract")
def test_salesforce_objects_are_the_live_seed_rows(raw):
    opps = [r for r in rows(SALESFORCE / "sf_opportunity_data.csv") if not is_true(r["is_deleted"])]
    assert _count(raw, "salesforce__opportunity") == len(opps)
    tasks = [r for r in rows(SALESFORCE / "sf_task_data.csv") if not is_true(r["is_deleted"])]
    assert _count(raw, "salesforce__task") == len(tasks)
    # Every live contact row is loaded or quarantined with its reason (the seed holds
    # 17-character ids, which are not Salesforce Ids).
    contacts = [r for r in rows(SALESFORCE / "sf_contact_data.csv") if not is_true(r["is_deleted"])]
    bad = [r["id"] for r in contacts if len(r["id"]) not in (15, 18)]
    quarantined = raw.execute(
        "select locator from raw._quarantine where table_name = 'salesforce__contact' order by 1"
    ).fetchall()
    assert _count(raw, "salesforce__contact") == len(contacts) - len(bad)
    assert [q[0] for q in quarantined] == sorted(f"id={i}" for i in bad)


def test_a_table_fivetran_did_not_sync_gives_no_records(raw):
    # The seeds hold no Salesforce campaign table: the raw table exists, empty.
    if "salesforce__campaign" in BY_NAME:
        assert _count(raw, "salesforce__campaign") == 0
    assert raw.execute(
        "select count(*) from raw._quarantine where table_name = 'salesforce__campaign'"
    ).fetchone() == (0,)
