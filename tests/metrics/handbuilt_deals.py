"""The hand-built warehouse's money (tests/metrics/handbuilt.py tells the story): deals and
their property history, pipeline stages, ad spend, attribution credits, quotas and FX rates.
"""

from __future__ import annotations


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

DEAL_ROWS = {
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
            # One USD amount per deal (docs/bi-contract.md §6): open, so at the snapshot
            # day's rate (2025-04-25: 1.20), not the creation day's (1.10 -> 2 200).
            2400,
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
    "staging.stg_crm__deal_property_history": [[*row, "hubspot"] for row in DEAL_HISTORY],
    "staging.stg_crm__deal_pipeline_stages": [
        ["default", stage, stage, order, p, closed, "hubspot"]
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

# Every hand-built deal is new business in the default (sales) pipeline.
for _row in DEAL_ROWS["core.fct_opportunities"]:
    _row += ["default", "Sales Pipeline", "new_business", "new_logo", True]
