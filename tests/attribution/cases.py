"""Hand-made core tables for the hand-worked attribution cases.

Every case has its own contacts (and deal), so that the cases do not see each other's
touches. Times are days after 2025-03-01 00:00 UTC. Channels stand for touches of a kind:
A = paid_search (google_ads:1), B = email (sendgrid:1), C = organic_search, D = paid_social
(linkedin_ads:7), S = sales.
"""

from __future__ import annotations

import datetime as dt

T0 = dt.datetime(2025, 3, 1)
CHANNELS = {
    "A": ("paid_search", "google_ads:1", "ad_click"),
    "B": ("email", "sendgrid:1", "email_click"),
    "C": ("organic_search", None, "web_session"),
    "D": ("paid_social", "linkedin_ads:7", "ad_click"),
    "S": ("sales", None, "sales_meeting"),
}


def at(days: float) -> dt.datetime:
    return T0 + dt.timedelta(days=days)


def touch(
    touchpoint_id: str,
    contact: str | None,
    days: float,
    kind: str,
    touch_type: str | None = None,
    anonymous_id: str | None = None,
) -> dict:
    channel, campaign, default_type = CHANNELS[kind]
    return {
        "touchpoint_id": touchpoint_id,
        "contact_key": contact,
        "anonymous_id": anonymous_id,
        "touched_at": at(days),
        "touch_type": touch_type or default_type,
        "channel": channel,
        "campaign_key": campaign,
        "source_system": "test",
    }


def contact(key: str, lead=None, mql=None, sql=None, account=None) -> dict:
    return {
        "contact_key": key,
        "account_key": account,
        "lead_at": None if lead is None else at(lead),
        "mql_at": None if mql is None else at(mql),
        "sql_at": None if sql is None else at(sql),
        "lead_is_inferred": False,
        "mql_is_inferred": False,
        "sql_is_inferred": False,
    }


def rule_cases() -> dict[str, list[dict]]:
    touches = [
        # one touch -> lead at day 1
        touch("one_1", "one", 0, "A"),
        # two touches -> lead at day 3
        touch("two_1", "two", 0, "A"),
        touch("two_2", "two", 1, "B"),
        # three+ touches -> MQL at day 4; the lead was created at day 1.5 (after two_2... B)
        touch("three_1", "three", 0, "A"),
        touch("three_2", "three", 1, "B"),
        touch("three_3", "three", 2, "C"),
        touch("three_4", "three", 3, "D"),
        # lead-creation touch = first touch (lead at day 1) -> MQL at day 5
        touch("coin_1", "coin", 0, "A"),
        touch("coin_2", "coin", 2, "B"),
        touch("coin_3", "coin", 3, "C"),
        # lead created before any touch (import) -> MQL at day 3: no lead-creation touch
        touch("nolead_1", "nolead", 1, "A"),
        touch("nolead_2", "nolead", 2, "B"),
        # a -> b -> a -> lead at day 3
        touch("aba_1", "aba", 0, "A"),
        touch("aba_2", "aba", 1, "B"),
        touch("aba_3", "aba", 2, "A"),
        # two touches at the same instant: tie broken by touchpoint_id (tie_a before tie_b);
        # tie_x exactly at lead_at (day 1) counts as "at or before" the lead creation
        touch("tie_b", "tie", 0, "B"),
        touch("tie_a", "tie", 0, "A"),
        touch("tie_x", "tie", 1, "C"),
        touch("tie_y", "tie", 2, "D"),
        # lookback: MQL at day 400; touches 366 and exactly 365 days before it, and 1 day before
        touch("old_1", "old", 34, "A"),
        touch("old_2", "old", 35, "B"),
        touch("old_3", "old", 399, "C"),
        # email opens do not count by default
        touch("opens_1", "opens", 0, "B", touch_type="email_open"),
        touch("opens_2", "opens", 1, "C"),
        # a deal with a buying group (buyer): opportunity created day 5, won day 10
        touch("deal_1", "buyer", 0, "A"),
        touch("deal_2", "buyer", 2, "B"),
        touch("deal_3", "buyer", 4, "C"),
        touch("deal_4", "buyer", 5, "S"),  # exactly at creation: not before it
        touch("deal_5", "buyer", 7, "D"),
        touch("deal_6", "buyer", 10, "S"),  # exactly at the close: not before it
        touch("deal_7", "outsider", 3, "A"),  # same account, not in the buying group
        # a deal without roles: every contact of its account (p, q) counts
        touch("acct_1", "p", 0, "D"),
        touch("acct_2", "q", 1, "A"),
    ]
    contacts = [
        contact("one", lead=1),
        contact("two", lead=3),
        contact("three", lead=1.5, mql=4),
        contact("coin", lead=1, mql=5),
        contact("nolead", lead=0, mql=3),
        contact("aba", lead=3),
        contact("tie", lead=1, mql=3),
        contact("old", lead=200, mql=400),
        contact("opens", lead=2),
        contact("buyer", lead=2.5, account="acc_deal"),
        contact("outsider", lead=0.5, account="acc_deal"),
        contact("p", lead=0.5, account="acc_roles"),
        contact("q", lead=0.25, account="acc_roles"),
    ]
    opportunities = [
        {
            "opportunity_key": "deal",
            "account_key": "acc_deal",
            "amount_usd": 1000.0,
            "created_at": at(5),
            "closed_at": at(10),
            "is_won": True,
        },
        {
            "opportunity_key": "noroles",
            "account_key": "acc_roles",
            "amount_usd": 300.0,
            "created_at": at(2),
            "closed_at": None,
        },
        # won without any eligible touch: unattributed
        {
            "opportunity_key": "untouched",
            "account_key": "acc_none",
            "amount_usd": 500.25,
            "created_at": at(1),
            "closed_at": at(20),
            "is_won": True,
        },
    ]
    spend = [
        {"date_day": dt.date(2025, 3, 1), "campaign_key": "google_ads:1", "spend_usd": 150.0},
        {"date_day": dt.date(2025, 3, 9), "campaign_key": "google_ads:1", "spend_usd": 50.0},
        {"date_day": dt.date(2025, 3, 2), "campaign_key": "google_ads:2", "spend_usd": 80.0},
        {"date_day": dt.date(2025, 3, 2), "campaign_key": "linkedin_ads:7", "spend_usd": 0.0},
    ]
    return {
        "fct_touchpoints": touches,
        "fct_contact_funnel": contacts,
        "fct_opportunities": opportunities,
        "fct_opportunity_contacts": [
            {"opportunity_key": "deal", "contact_key": "buyer", "role": "champion"},
        ],
        "fct_ad_spend_daily": spend,
    }


def markov_cases() -> dict[str, list[dict]]:
    """Lead-stage paths of the data_driven case (A = paid_search, B = email):
    m1: A -> conv;  m2: A -> B -> conv;  m3: B -> null (never a lead);  m4: A -> B -> A -> conv."""
    touches = [
        touch("m1_1", "m1", 0, "A"),
        touch("m2_1", "m2", 0, "A"),
        touch("m2_2", "m2", 1, "B"),
        touch("m3_1", "m3", 0, "B"),
        touch("m4_1", "m4", 0, "A"),
        touch("m4_2", "m4", 1, "B"),
        touch("m4_3", "m4", 2, "A"),
    ]
    contacts = [contact("m1", lead=5), contact("m2", lead=5), contact("m3"), contact("m4", lead=5)]
    return {"fct_touchpoints": touches, "fct_contact_funnel": contacts}


def visitor_and_marketing_cases() -> dict[str, list[dict]]:
    """Two hand-worked cases in one warehouse (they share no contact, deal or lead path).

    Lead chain with a visitor who never identified (A = paid_search, C = organic_search):
    v1: A -> C -> conv (lead at day 5);  v2: C -> conv;  anon_x (no contact): C -> null.
    anon_v2 is v2's visitor id: its touch without a contact (day 0.25, A) belongs to a
    visitor who identified, so it is not a non-converting path.

    Marketing-only view (S = sales): deal mk_deal (1000 USD, created day 10, won day 20) with
    touches A, S, C; deal mk_sales (600 USD, created day 5, won day 8) whose only touch is a
    sales call. The deals' contacts became leads at day 0.5, before any of their touches.
    """
    touches = [
        touch("v1_1", "v1", 0, "A", anonymous_id="anon_v1"),
        touch("v1_2", "v1", 1, "C", anonymous_id="anon_v1"),
        touch("v2_1", "v2", 0, "C", anonymous_id="anon_v2"),
        touch("v2_0", None, 0.25, "A", anonymous_id="anon_v2"),
        touch("x_1", None, 0.5, "C", anonymous_id="anon_x"),
        touch("mk_1", "mk_buyer", 1, "A"),
        touch("mk_2", "mk_buyer", 2, "S"),
        touch("mk_3", "mk_buyer", 3, "C"),
        touch("ms_1", "ms_buyer", 1, "S", touch_type="sales_call"),
    ]
    contacts = [
        contact("v1", lead=5),
        contact("v2", lead=5),
        contact("mk_buyer", lead=0.5, account="acc_mk"),
        contact("ms_buyer", lead=0.5, account="acc_ms"),
    ]
    opportunities = [
        {
            "opportunity_key": "mk_deal",
            "account_key": "acc_mk",
            "amount_usd": 1000.0,
            "created_at": at(10),
            "closed_at": at(20),
            "is_won": True,
        },
        {
            "opportunity_key": "mk_sales",
            "account_key": "acc_ms",
            "amount_usd": 600.0,
            "created_at": at(5),
            "closed_at": at(8),
            "is_won": True,
        },
    ]
    return {
        "fct_touchpoints": touches,
        "fct_contact_funnel": contacts,
        "fct_opportunities": opportunities,
        "fct_opportunity_contacts": [
            {"opportunity_key": "mk_deal", "contact_key": "mk_buyer", "role": "champion"},
            {"opportunity_key": "mk_sales", "contact_key": "ms_buyer", "role": "champion"},
        ],
    }
