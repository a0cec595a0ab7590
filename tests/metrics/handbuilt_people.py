"""The hand-built warehouse's people (tests/metrics/handbuilt.py tells the story): contacts,
accounts and reps, their funnels, visitor ids, touches, sales activities, lead scores and
email events.
"""

from __future__ import annotations

from tests.metrics.handbuilt_schema import STAGES


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
    "hs_p1": {"nurture_program": "getting-started", "first_nurture_at": "2025-01-19"},
    "hs_p2": {
        "recycle_count": 1,
        "nurture_program": "getting-started",
        "first_nurture_at": "2025-01-17",
    },
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


PEOPLE_ROWS = {
    "core.fct_contact_funnel": [
        [key, account, owner]
        + _funnel_row(key, stages, inferred)[1:]
        + [
            None,
            None,
            CONTACT_EXTRAS.get(key, {}).get("recycle_count", 0),
            CONTACT_EXTRAS.get(key, {}).get("nurture_program"),
            None,
            CONTACT_EXTRAS.get(key, {}).get("first_nurture_at"),
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
    # Visitor ids (the funnel's visitor stage): P1's a1 and its second device a1b (first
    # seen after P1 was a lead: not in the visitor stage), P2's a2, P3's a3 (first seen the
    # moment P3 became a lead, t4), P4's a4 (its visit is no touch here), and two ids that
    # never identified: a8 (January) and a9 (March, t5).
    "core.fct_visitors": [
        ["a1", "hs_p1", True, "2025-01-10", "form_submission", "2025-01-05", "paid_search", 1, 1],
        ["a1b", "hs_p1", True, "2025-02-01", "user_id", "2025-02-01", "direct", 1, 1],
        ["a2", "hs_p2", True, "2025-01-15", "identify", "2025-01-07", "organic_search", 1, 1],
        ["a3", "hs_p3", True, "2025-01-25", "form_submission", "2025-01-25", "paid_search", 1, 1],
        ["a4", "hs_p4", True, "2025-02-20", "form_submission", "2025-02-03", "direct", 1, 1],
        ["a8", None, False, None, None, "2025-01-15", "paid_social", 2, 2],
        ["a9", None, False, None, None, "2025-03-05", "direct", 1, 1],
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
    "core.dim_account": [
        ["hs_c1", "SOFTWARE", 30, "1-49", "hs_1", "2025-02-19", "2025-04-20"],
        ["hs_c2", "RETAIL", 300, "200-999", "hs_2", None, None],
        ["hs_c3", "SOFTWARE", 60, "50-199", "hs_1", "2025-04-11", None],
        ["hs_c5", "RETAIL", 1200, "1000+", "hs_2", "2024-12-15", "2025-03-10"],
    ],
    "core.dim_owner": [["hs_1", "AE EMEA"], ["hs_2", "AE NA"], ["hs_3", "AE NA"]],
}
