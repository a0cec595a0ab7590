"""End to end at tiny scale: every raw asset materialized by Dagster, checked against the truth."""

from __future__ import annotations

from dagster import materialize

from orchestration.assets.raw import build_raw_assets

# The generator's landing object for each raw table (keys of _truth/totals.json).
TRUTH_OBJECT = {
    "hubspot__contacts": "hubspot/contacts",
    "hubspot__companies": "hubspot/companies",
    "hubspot__deals": "hubspot/deals",
    "hubspot__calls": "hubspot/calls",
    "hubspot__meetings": "hubspot/meetings",
    "hubspot__emails": "hubspot/emails",
    "hubspot__owners": "hubspot/owners",
    "hubspot__deal_pipelines": "hubspot/pipelines",
    "google_ads__campaign_report": "google_ads/campaign_report",
    "meta_ads__insights": "meta_ads/insights",
    "linkedin_ads__ad_analytics": "linkedin_ads/ad_analytics",
    "sendgrid__events": "sendgrid/events",
    "sendgrid__singlesends": "sendgrid/singlesends",
    "web__events": "web/events",
    "targets__quotas": "targets/quotas",
    "targets__fx_rates": "targets/fx_rates",
}
# Injected defect -> the quarantine reason kind it must produce (others are not quarantined).
DEFECT_KIND = {
    "missing_id": "missing_required",
    "wrong_type": "wrong_type",
    "unknown_stage": "unknown_enum",
    "negative_spend": "negative_value",
    "future_timestamp": "future_timestamp",
    "truncated_json": "unparseable",
    "unreadable_file": "unreadable_file",
}


def _materialize_all():
    result = materialize(build_raw_assets())
    assert result.success
    return result


def test_every_raw_table_matches_the_truth_and_reruns_add_nothing(env):
    _materialize_all()
    counts = env.counts()
    totals = env.truth_totals()
    for table, obj in TRUTH_OBJECT.items():
        assert counts[table] == totals[obj]["unique"], (table, counts[table], totals[obj])
    assert counts["linkedin_ads__accounts"] >= 1 and counts["linkedin_ads__campaigns"] >= 1

    quarantined = {
        (r[0], r[1]): r[2]
        for r in env.query("SELECT _file, locator, reason_kind FROM raw._quarantine")
    }
    expected = [m for m in env.truth_malformed() if m["defect"] in DEFECT_KIND]
    assert expected
    for m in expected:
        locator = m["locator"].removeprefix("line ")
        key = (m["file"], locator)
        assert quarantined.get(key) == DEFECT_KIND[m["defect"]], (m, quarantined)
    assert len(quarantined) == len(expected)

    # Lineage on every row.
    for table in TRUTH_OBJECT:
        missing = env.query(
            f"SELECT count(*) FROM raw.{table} WHERE _source IS NULL OR "
            "_batch_id IS NULL OR _loaded_at IS NULL OR _file IS NULL"
        )
        assert missing[0][0] == 0, table
    assert (
        env.query(
            "SELECT count(*) FROM raw.web__events WHERE _batch_id NOT IN "
            "(SELECT load_id FROM raw._dlt_loads WHERE status = 0)"
        )[0][0]
        == 0
    )

    before_batches = env.query("SELECT count(DISTINCT _batch_id) FROM raw.web__events")
    _materialize_all()
    assert env.counts() == counts
    assert env.query("SELECT count(DISTINCT _batch_id) FROM raw.web__events") == before_batches
