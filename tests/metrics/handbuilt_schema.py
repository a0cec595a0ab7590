"""The relations the hand-built warehouse creates (tests/metrics/handbuilt.py): the core,
attribution and staging tables the metric layer reads, with their columns.
"""

from __future__ import annotations

STAGES = ["visitor", "lead", "mql", "sal", "sql", "opportunity", "customer", "evangelist"]

DDL = {
    "core.fct_contact_funnel": (
        "contact_key varchar, account_key varchar, owner_key varchar, "
        + ", ".join(f"{s}_at timestamp, {s}_is_inferred boolean" for s in STAGES)
        + ", current_stage varchar, disqualified_at timestamp, recycle_count integer, "
        "nurture_program varchar, path_type varchar, first_nurture_at timestamp"
    ),
    "core.fct_account_funnel": (
        "account_key varchar, owner_key varchar, "
        + ", ".join(f"{s}_at timestamp, {s}_is_inferred boolean" for s in STAGES)
        + ", churned_at timestamp, crm_churned_at timestamp"
    ),
    "core.dim_account": (
        "account_key varchar, industry varchar, number_of_employees bigint, size_band varchar, "
        "owner_key varchar, customer_at timestamp, churned_at timestamp"
    ),
    "core.dim_owner": "owner_key varchar, primary_team_name varchar",
    "core.fct_touchpoints": (
        "touchpoint_id varchar, contact_key varchar, account_key varchar, anonymous_id varchar, "
        "session_id varchar, touched_at timestamp, touch_type varchar, channel varchar, "
        "source varchar, medium varchar, campaign_key varchar, "
        "is_before_identification boolean, source_system varchar"
    ),
    "core.fct_visitors": (
        "anonymous_id varchar, contact_key varchar, is_identified boolean, "
        "identified_at timestamp, identification_source varchar, first_seen_at timestamp, "
        "first_touch_channel varchar, session_count bigint, touch_count bigint"
    ),
    "core.fct_opportunities": (
        "opportunity_key varchar, hubspot_deal_id varchar, account_key varchar, owner_key varchar, "
        "deal_name varchar, amount decimal(18,2), currency varchar, amount_usd decimal(18,2), "
        "created_at timestamp, expected_close_date date, initial_close_date date, "
        "closed_at timestamp, is_closed boolean, is_won boolean, outcome varchar, "
        "loss_reason varchar, current_stage varchar, close_date_push_count integer, "
        "pipeline_id varchar, pipeline_name varchar, deal_type varchar, deal_motion varchar, "
        "is_new_business boolean"
    ),
    "core.fct_sales_activities": (
        "activity_id varchar, activity_type varchar, owner_key varchar, contact_key varchar, "
        "contact_keys varchar[], opportunity_key varchar, occurred_at timestamp"
    ),
    "core.fct_lead_scores": (
        "lead_score_event_id varchar, contact_key varchar, scoring_event_number integer, "
        "scored_at timestamp, running_score integer, mql_threshold integer, "
        "crossed_mql_threshold boolean, mql_threshold_crossed_at timestamp"
    ),
    "core.fct_email_events": (
        "email_event_id varchar, message_id varchar, event_type varchar, contact_key varchar, "
        "campaign_key varchar, nurture_program varchar, is_machine_open boolean, event_at timestamp"
    ),
    "core.fct_ad_spend_daily": (
        "date_day date, platform varchar, ad_account_id varchar, campaign_id varchar, "
        "campaign_key varchar, currency varchar, spend decimal(18,2), spend_usd decimal(18,2)"
    ),
    # Empty: the hand-built story has no odd records (mart_data_quality reads 0 per check).
    "core.fct_data_quality_issues": (
        "check_name varchar, source varchar, object varchar, record_table varchar, "
        "record_id varchar, example_id varchar, amount_usd decimal(18,6)"
    ),
    "attribution.mart_channel_attribution": (
        "month_start date, channel varchar, campaign_key varchar, attribution_model varchar, "
        "conversion_stage varchar, credited_conversions double, credited_amount_usd double, "
        "spend_usd double"
    ),
    # The CRM staging contract (docs/salesforce.md §4) the intermediate models read.
    "staging.stg_crm__deal_property_history": (
        "deal_id varchar, property_name varchar, change_number integer, property_value varchar, "
        "valid_from timestamp, valid_to timestamp, source_system varchar"
    ),
    "staging.stg_crm__deals": ("deal_id varchar, is_archived boolean, source_system varchar"),
    "staging.stg_crm__deal_pipeline_stages": (
        "pipeline_id varchar, deal_stage_id varchar, deal_stage_label varchar, "
        "display_order integer, probability decimal(9,6), is_closed boolean, "
        "source_system varchar"
    ),
    "staging.stg_targets__quotas": (
        "owner_id varchar, period_start date, period_end date, quota_amount decimal(18,6), "
        "currency_code varchar"
    ),
    "staging.stg_targets__fx_rates": (
        "currency_code varchar, rate_to_usd decimal(18,10), date_day date"
    ),
}
