"""A hand-built warehouse with a handful of rows whose metric answers are worked out by hand.

The core and staging relations the metric marts read are created directly in a fresh DuckDB
file (dbt does not need to have built a model's parents when the relations exist); then
`dbt build` runs only the metric seeds, dim_date, the metric marts and the semantic layer.

The story (all timestamps UTC, whole days so that velocities are exact):
  reps     hs_1 (team AE EMEA), hs_2 (AE NA), hs_3 (AE NA, no quota)
  accounts hs_c1 SOFTWARE 1-49, hs_c2 RETAIL 200-999, hs_c3 SOFTWARE 50-199, hs_c5 RETAIL 1000+
           (customer since 2024-12-15, churned 2025-03-10 per the CRM only);
           hs_c1 churns 2025-04-20 (lifecycle)
  deals    D1 hs_c1/hs_1 created 01-10 won 02-19 10 000 USD (cycle 40 d)
           D2 hs_c2/hs_2 created 01-20 lost 03-01 5 000 USD, reason Price
           D3 hs_c3/hs_1 created 02-01 won 04-11 8 000 EUR = 8 800 USD (cycle 69 d);
              close date 03-31, moved to 04-10 on 03-25
           D4 hs_c2/hs_3 open, proposal sent (p=0.6), 3 000 -> 4 000 USD on 04-02, closes 05-15
           D5 hs_c1/hs_2 open, demo scheduled (p=0.2), 2 000 EUR, closes 04-30, pushed to
              06-20 on 04-25 (the latest data date = the default snapshot)
  fx       EUR 1.10 from 2025-01-01, 1.20 from 2025-04-01 (no USD rows: USD is 1)
  quotas   Q2 2025: hs_1 20 000 USD, hs_2 12 000 USD; Q1 2025: hs_1 15 000, hs_2 15 000
  contacts P1 hs_c1/hs_1 visitor 01-05 lead 01-10 mql 01-20 sal 02-02 sql 02-10 opp 02-15
              customer 02-19; first touch paid_search
           P2 hs_c2/hs_2 visitor 01-07 lead 01-15 mql 02-05; organic_search
           P3 hs_c3/hs_1 lead 01-25, skipped mql/sal (inferred = sql 03-01); paid_search
           P4 no account, no owner: visitor 02-03 lead 02-20; no touches (channel unknown)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[2]
DBT_DIR = REPO / "dbt_project"
STAGES = ["visitor", "lead", "mql", "sal", "sql", "opportunity", "customer", "evangelist"]
SELECTION = ["dim_date", "marts.metrics", "semantic", "metrics_*"]

DDL = {
    "core.fct_contact_funnel": (
        "contact_key varchar, account_key varchar, owner_key varchar, "
        + ", ".join(f"{s}_at timestamp, {s}_is_inferred boolean" for s in STAGES)
        + ", current_stage varchar, disqualified_at timestamp, recycle_count integer, "
        "nurture_program varchar, path_type varchar"
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
    "core.fct_opportunities": (
        "opportunity_key varchar, hubspot_deal_id varchar, account_key varchar, owner_key varchar, "
        "deal_name varchar, amount decimal(18,2), currency varchar, amount_usd decimal(18,2), "
        "created_at timestamp, expected_close_date date, initial_close_date date, "
        "closed_at timestamp, is_closed boolean, is_won boolean, outcome varchar, "
        "loss_reason varchar, current_stage varchar, close_date_push_count integer"
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
    "attribution.mart_channel_attribution": (
        "period_month date, channel varchar, campaign_key varchar, attribution_model varchar, "
        "conversion_stage varchar, credited_conversions double, credited_amount_usd double, "
        "spend_usd double"
    ),
    "staging.stg_hubspot__deal_property_history": (
        "deal_id varchar, property_name varchar, change_number integer, property_value varchar, "
        "valid_from timestamp, valid_to timestamp"
    ),
    "staging.stg_hubspot__deal_pipeline_stages": (
        "pipeline_id varchar, deal_stage_id varchar, deal_stage_label varchar, "
        "display_order integer, probability decimal(9,6), is_closed boolean"
    ),
    "staging.stg_targets__quotas": (
        "owner_id varchar, period_start date, period_end date, quota_amount decimal(18,6), "
        "currency_code varchar"
    ),
    "staging.stg_targets__fx_rates": (
        "currency_code varchar, rate_to_usd decimal(18,10), date_day date"
    ),
}


def _funnel_row(key, stages: dict[str, str], inferred=()):
    row = [key]
    for stage in STAGES:
        row += [stages.get(stage), stage in inferred if stage in stages else None]
    return row


CONTACTS = [
    (
        "hs_p1",
        "hs_c1",
        "hs_1",
        dict(
            visitor="2025-01-05",
            lead="2025-01-10",
            mql="2025-01-20",
            sal="2025-02-02",
            sql="2025-02-10",
            opportunity="2025-02-15",
            customer="2025-02-19",
        ),
        (),
    ),
    ("hs_p2", "hs_c2", "hs_2", dict(visitor="2025-01-07", lead="2025-01-15", mql="2025-02-05"), ()),
    (
        "hs_p3",
        "hs_c3",
        "hs_1",
        dict(lead="2025-01-25", mql="2025-03-01", sal="2025-03-01", sql="2025-03-01"),
        ("mql", "sal"),
    ),
    ("hs_p4", None, None, dict(visitor="2025-02-03", lead="2025-02-20"), ()),
]

# P2 was recycled once; P1 and P2 are in the 'getting-started' nurture program.
CONTACT_EXTRAS = {
    "hs_p1": {"nurture_program": "getting-started"},
    "hs_p2": {"recycle_count": 1, "nurture_program": "getting-started"},
}

ACCOUNTS = [
    ("hs_c1", "hs_1", CONTACTS[0][3], (), ["2025-04-20", "2025-04-20"]),
    ("hs_c2", "hs_2", CONTACTS[1][3], (), [None, None]),
    (
        "hs_c3",
        "hs_1",
        dict(CONTACTS[2][3], opportunity="2025-03-01", customer="2025-04-11"),
        ("mql", "sal"),
        [None, None],
    ),
    (
        "hs_c5",
        "hs_2",
        dict(
            lead="2024-11-01",
            mql="2024-11-10",
            sal="2024-11-12",
            sql="2024-11-20",
            opportunity="2024-11-25",
            customer="2024-12-15",
        ),
        (),
        [None, "2025-03-10"],
    ),
]


def _history(deal, prop, changes):
    rows = []
    for i, (value, at) in enumerate(changes):
        valid_to = changes[i + 1][1] if i + 1 < len(changes) else None
        rows.append([deal, prop, i + 1, value, at, valid_to])
    return rows


DEAL_HISTORY = (
    _history(
        "1",
        "dealstage",
        [
            ("qualificationcall", "2025-01-10 00:00"),
            ("proposalsent", "2025-02-01 09:00"),
            ("closedwon", "2025-02-19 00:00"),
        ],
    )
    + _history("1", "amount", [("10000", "2025-01-10 00:00")])
    + _history("1", "closedate", [("2025-02-28T00:00:00.000Z", "2025-01-10 00:00")])
    + _history(
        "2",
        "dealstage",
        [("qualificationcall", "2025-01-20 09:00"), ("closedlost", "2025-03-01 10:00")],
    )
    + _history("2", "amount", [("5000", "2025-01-20 09:00")])
    + _history("2", "closedate", [("2025-03-15T00:00:00.000Z", "2025-01-20 09:00")])
    + _history(
        "3",
        "dealstage",
        [
            ("qualificationcall", "2025-02-01 00:00"),
            ("negotiation", "2025-03-10 09:00"),
            ("closedwon", "2025-04-11 00:00"),
        ],
    )
    + _history("3", "amount", [("8000", "2025-02-01 00:00")])
    + _history(
        "3",
        "closedate",
        [
            ("2025-03-31T00:00:00.000Z", "2025-02-01 00:00"),
            ("2025-04-10T00:00:00.000Z", "2025-03-25 09:00"),
        ],
    )
    + _history(
        "4",
        "dealstage",
        [("qualificationcall", "2025-03-01 09:00"), ("proposalsent", "2025-03-20 09:00")],
    )
    + _history("4", "amount", [("3000", "2025-03-01 09:00"), ("4000", "2025-04-02 09:00")])
    + _history("4", "closedate", [("2025-05-15T00:00:00.000Z", "2025-03-01 09:00")])
    + _history("5", "dealstage", [("demoscheduled", "2025-03-15 09:00")])
    + _history("5", "amount", [("2000", "2025-03-15 09:00")])
    + _history(
        "5",
        "closedate",
        [
            ("2025-04-30T00:00:00.000Z", "2025-03-15 09:00"),
            ("2025-06-20T00:00:00.000Z", "2025-04-25 10:00"),
        ],
    )
)

ROWS = {
    "core.fct_contact_funnel": [
        [key, account, owner]
        + _funnel_row(key, stages, inferred)[1:]
        + [
            None,
            None,
            CONTACT_EXTRAS.get(key, {}).get("recycle_count", 0),
            CONTACT_EXTRAS.get(key, {}).get("nurture_program"),
            None,
        ]
        for key, account, owner, stages, inferred in CONTACTS
    ],
    # hs_c5's churn is only in the CRM (crm_churned_at); hs_c1's is in the lifecycle.
    "core.fct_account_funnel": [
        [key, owner] + _funnel_row(key, stages, inferred)[1:] + churn
        for key, owner, stages, inferred, churn in ACCOUNTS
    ],
    "core.fct_touchpoints": [
        [
            "t1",
            "hs_p1",
            "hs_c1",
            "a1",
            "s1",
            "2025-01-05",
            "ad_click",
            "paid_search",
            "google",
            "cpc",
            "google_ads:1",
            True,
            "web",
        ],
        [
            "t2",
            "hs_p1",
            "hs_c1",
            "a1",
            "s2",
            "2025-01-12",
            "email_click",
            "email",
            "sendgrid",
            "email",
            "sendgrid:nurture",
            False,
            "sendgrid",
        ],
        [
            "t3",
            "hs_p2",
            "hs_c2",
            "a2",
            "s3",
            "2025-01-07",
            "web_session",
            "organic_search",
            "google",
            "organic",
            None,
            True,
            "web",
        ],
        [
            "t4",
            "hs_p3",
            "hs_c3",
            "a3",
            "s4",
            "2025-01-25",
            "ad_click",
            "paid_search",
            "google",
            "cpc",
            "google_ads:1",
            False,
            "web",
        ],
        # A visitor who never identified: a visitor in the reverse funnel, nobody's channel.
        [
            "t5",
            None,
            None,
            "a9",
            "s5",
            "2025-03-05",
            "web_session",
            "direct",
            None,
            None,
            None,
            True,
            "web",
        ],
    ],
    # SLA: P1 (MQL 01-20 00:00) called 10 h later; the call on 01-19 came before the MQL.
    # P2 (MQL 02-05) is listed second on an email 48 h later (outside a 24 h SLA).
    "core.fct_sales_activities": [
        ["a0", "call", "hs_1", "hs_p1", ["hs_p1"], None, "2025-01-19 12:00"],
        ["a1", "call", "hs_1", "hs_p1", ["hs_p1"], None, "2025-01-20 10:00"],
        ["a2", "email", "hs_2", "hs_p4", ["hs_p4", "hs_p2"], None, "2025-02-07 00:00"],
    ],
    # Scores: P1 30 then 70 (crosses 60 on 01-18), P2 20 then 50, P3 65 (crosses 01-25).
    "core.fct_lead_scores": [
        ["s1", "hs_p1", 1, "2025-01-10", 30, 60, False, None],
        ["s2", "hs_p1", 2, "2025-01-18", 70, 60, True, "2025-01-18"],
        ["s3", "hs_p2", 1, "2025-01-15", 20, 60, False, None],
        ["s4", "hs_p2", 2, "2025-02-01", 50, 60, False, None],
        ["s5", "hs_p3", 1, "2025-01-25", 65, 60, True, "2025-01-25"],
    ],
    # Nurture sends: m1 to P1 delivered, opened only by a machine, clicked twice;
    # m2 to P2 delivered, opened by a person, unsubscribed; m3 to P2 bounced.
    "core.fct_email_events": [
        ["e1", "m1", "delivered", "hs_p1", "sendgrid:gs", "getting-started", False, "2025-01-12"],
        ["e2", "m1", "open", "hs_p1", "sendgrid:gs", "getting-started", True, "2025-01-12"],
        ["e3", "m1", "click", "hs_p1", "sendgrid:gs", "getting-started", False, "2025-01-12"],
        ["e4", "m1", "click", "hs_p1", "sendgrid:gs", "getting-started", False, "2025-01-13"],
        ["e5", "m2", "delivered", "hs_p2", "sendgrid:gs", "getting-started", False, "2025-01-20"],
        ["e6", "m2", "open", "hs_p2", "sendgrid:gs", "getting-started", False, "2025-01-20"],
        ["e7", "m2", "unsubscribe", "hs_p2", "sendgrid:gs", "getting-started", False, "2025-01-21"],
        ["e8", "m3", "bounce", "hs_p2", "sendgrid:gs", "getting-started", False, "2025-01-27"],
    ],
    # google_ads:1 spends 1 000, 2 000, 2 000 and 500 USD in January .. April 2025.
    "core.fct_ad_spend_daily": [
        [day, "google_ads", "1", "1", "google_ads:1", "USD", spend, spend]
        for day, spend in [
            ("2025-01-15", 1000),
            ("2025-02-15", 2000),
            ("2025-03-15", 2000),
            ("2025-04-15", 500),
        ]
    ],
    # Closed-won credits: D1 (February) linear 6 000 paid search / 4 000 email, first touch
    # all 10 000 to paid search; D3 (April) 8 800 to paid search under both models.
    "attribution.mart_channel_attribution": [
        [month, channel, campaign, model, "closed_won", 0.0, credit, spend]
        for month, channel, campaign, model, credit, spend in [
            ("2025-01-01", "paid_search", "google_ads:1", "linear", 0, 1000),
            ("2025-02-01", "paid_search", "google_ads:1", "linear", 6000, 2000),
            ("2025-02-01", "email", None, "linear", 4000, 0),
            ("2025-03-01", "paid_search", "google_ads:1", "linear", 0, 2000),
            ("2025-04-01", "paid_search", "google_ads:1", "linear", 8800, 500),
            ("2025-01-01", "paid_search", "google_ads:1", "first_touch", 0, 1000),
            ("2025-02-01", "paid_search", "google_ads:1", "first_touch", 10000, 2000),
            ("2025-03-01", "paid_search", "google_ads:1", "first_touch", 0, 2000),
            ("2025-04-01", "paid_search", "google_ads:1", "first_touch", 8800, 500),
        ]
    ]
    + [["2025-02-01", "paid_search", "google_ads:1", "linear", "mql", 1.0, None, 2000]],
    "core.fct_opportunities": [
        [
            "hs_1",
            "1",
            "hs_c1",
            "hs_1",
            "D1",
            10000,
            "USD",
            10000,
            "2025-01-10 00:00",
            "2025-02-28",
            "2025-02-28",
            "2025-02-19 00:00",
            True,
            True,
            "won",
            None,
            "closedwon",
            0,
        ],
        [
            "hs_2",
            "2",
            "hs_c2",
            "hs_2",
            "D2",
            5000,
            "USD",
            5000,
            "2025-01-20 09:00",
            "2025-03-15",
            "2025-03-15",
            "2025-03-01 10:00",
            True,
            False,
            "lost",
            "Price",
            "closedlost",
            0,
        ],
        [
            "hs_3",
            "3",
            "hs_c3",
            "hs_1",
            "D3",
            8000,
            "EUR",
            8800,
            "2025-02-01 00:00",
            "2025-04-10",
            "2025-03-31",
            "2025-04-11 00:00",
            True,
            True,
            "won",
            None,
            "closedwon",
            1,
        ],
        [
            "hs_4",
            "4",
            "hs_c2",
            "hs_3",
            "D4",
            4000,
            "USD",
            4000,
            "2025-03-01 09:00",
            "2025-05-15",
            "2025-05-15",
            None,
            False,
            False,
            "open",
            None,
            "proposalsent",
            0,
        ],
        [
            "hs_5",
            "5",
            "hs_c1",
            "hs_2",
            "D5",
            2000,
            "EUR",
            2200,
            "2025-03-15 09:00",
            "2025-06-20",
            "2025-04-30",
            None,
            False,
            False,
            "open",
            None,
            "demoscheduled",
            1,
        ],
    ],
    "core.dim_account": [
        ["hs_c1", "SOFTWARE", 30, "1-49", "hs_1", "2025-02-19", "2025-04-20"],
        ["hs_c2", "RETAIL", 300, "200-999", "hs_2", None, None],
        ["hs_c3", "SOFTWARE", 60, "50-199", "hs_1", "2025-04-11", None],
        ["hs_c5", "RETAIL", 1200, "1000+", "hs_2", "2024-12-15", "2025-03-10"],
    ],
    "core.dim_owner": [["hs_1", "AE EMEA"], ["hs_2", "AE NA"], ["hs_3", "AE NA"]],
    "staging.stg_hubspot__deal_property_history": DEAL_HISTORY,
    "staging.stg_hubspot__deal_pipeline_stages": [
        ["default", stage, stage, order, p, closed]
        for order, (stage, p, closed) in enumerate(
            [
                ("qualificationcall", 0.1, False),
                ("demoscheduled", 0.2, False),
                ("framingmeeting", 0.4, False),
                ("proposalsent", 0.6, False),
                ("negotiation", 0.8, False),
                ("closedwon", 1.0, True),
                ("closedlost", 0.0, True),
            ]
        )
    ],
    "staging.stg_targets__quotas": [
        ["1", "2025-01-01", "2025-03-31", 15000, "USD"],
        ["2", "2025-01-01", "2025-03-31", 15000, "USD"],
        ["1", "2025-04-01", "2025-06-30", 20000, "USD"],
        ["2", "2025-04-01", "2025-06-30", 12000, "USD"],
    ],
    "staging.stg_targets__fx_rates": [["EUR", 1.10, "2025-01-01"], ["EUR", 1.20, "2025-04-01"]],
}


@dataclass
class HandBuild:
    warehouse: Path
    returncode: int
    output: str

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()

    def one(self, sql: str, params: list | None = None):
        rows = self.query(sql, params)
        assert len(rows) == 1, f"expected one row, got {rows}"
        return rows[0][0] if len(rows[0]) == 1 else rows[0]


def create_inputs(warehouse: Path, extra_rows: dict | None = None) -> None:
    rows = {**ROWS, **(extra_rows or {})}
    with duckdb.connect(str(warehouse)) as con:
        for table, columns in DDL.items():
            con.execute(f"create schema if not exists {table.split('.')[0]}")
            con.execute(f"create or replace table {table} ({columns})")
            width = len(con.execute(f"select * from {table} limit 0").description)
            for row in rows.get(table, []):
                con.execute(f"insert into {table} values ({', '.join('?' * width)})", row)


def run_dbt(warehouse: Path, target: Path, args: list[str]) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "CLOSEDLOOP_WAREHOUSE": str(warehouse),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    }
    dbt = Path(sys.executable).with_name("dbt")
    return subprocess.run(
        [str(dbt), *args, "--profiles-dir", ".", "--target-path", str(target)],
        cwd=DBT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def build_hand_warehouse(
    workdir: Path, dbt_vars: str | None = None, template: Path | None = None
) -> HandBuild:
    """Create the inputs (or copy a template warehouse) and build the metric layer."""
    workdir.mkdir(parents=True, exist_ok=True)
    warehouse = workdir / "warehouse.duckdb"
    if template:
        shutil.copy(template, warehouse)
    else:
        create_inputs(warehouse)
    args = ["build", "--select", *SELECTION]
    if dbt_vars:
        args += ["--vars", dbt_vars]
    done = run_dbt(warehouse, workdir / "target", args)
    return HandBuild(warehouse, done.returncode, done.stdout + done.stderr)
