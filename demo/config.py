"""Knobs of the demo company: window, scales, funnel ratios, channel mix, dirt.

Funnel defaults (per-contact probabilities unless noted; tiny boosts the
bottom of the funnel so that a few hundred contacts still close deals):

- visitor -> lead: ``visitor_to_lead`` ~0.30 (the rest of the visitors never identify)
- lead -> MQL: ``lead_to_mql`` ~0.25 (modulated by fit; MQL = lead score crossing,
  see ``scoring.py``), plus ``manual_mql`` of the others marked MQL by hand in the CRM
- MQL -> SAL: ``mql_to_sal`` ~0.70 (the rest are disqualified or recycled)
- SAL -> SQL: ``sal_to_sql`` ~0.45 (the rest are recycled or disqualified)
- SQL -> opportunity: per account, a deal opens when the account's first contact reaches
  SQL and the account has no open deal
- opportunity -> won: ``stage_advance`` per sales stage, ~0.76^5 ~ 0.25 overall
- ``recycle_remql``: share of recycled contacts that become MQL again later
- ``churn``: share of customers that churn within the window (when time allows)
- ``upsell_at_sale``: share of first sales with an add-on closed the same day (existingbusiness)
- ``expansion``: share of customers offered an expansion deal (expansion pipeline) later
- ``renewal_contraction``: share of renewals (at the first sale's anniversary) below the value
- ``return_after_churn``: share of churned customers that buy again (a new business deal)
- ``no_contact_role`` / ``touch_at_creation`` / ``orphan_contact``: shares of deals without
  contact association, of deals whose first call is logged at the creation instant, and of
  companies with one extra contact on a free-mail address and no company (demo/branches.py
  also forces one of each per shard)

The window is fixed (not relative to today) so that output is deterministic.
"""

from __future__ import annotations

import calendar
from datetime import UTC, datetime

WINDOW_START = int(datetime(2025, 1, 1, tzinfo=UTC).timestamp())
WINDOW_END = int(datetime(2026, 7, 1, tzinfo=UTC).timestamp())  # exclusive
DAY = 86400
HOUR = 3600

# Incremental CRM exports: each snapshot holds what changed since the previous one.
SNAPSHOTS = (
    int(datetime(2025, 7, 1, tzinfo=UTC).timestamp()),
    int(datetime(2026, 1, 1, tzinfo=UTC).timestamp()),
    WINDOW_END,
)

FUNNEL = {
    "visitor_to_lead": 0.30,
    "web_entry_share": 0.80,
    "lead_to_mql": 0.25,
    "manual_mql": 0.03,
    "mql_delay_share": 0.15,
    "mql_to_sal": 0.70,
    "non_sal_recycle_share": 0.5,
    "sal_to_sql": 0.45,
    "non_sql_recycle_share": 0.6,
    "recycle_remql": 0.30,
    "stage_advance": 0.76,
    "churn": 0.15,
    "evangelist": 0.10,
    "newsletter_optin": 0.60,
    "nurture_after_days": 14,
    "upsell_at_sale": 0.12,
    "expansion": 0.30,
    "renewal_contraction": 0.30,
    "return_after_churn": 0.25,
    "no_contact_role": 0.04,
    "touch_at_creation": 0.05,
    "orphan_contact": 0.03,
}
# Contacts of the forced branch stories (demo/branches.py): imported, never touched by
# marketing (no web entry, no newsletter, no nurture, never MQL).
UNTOUCHED_IMPORT = {
    "web_entry_share": 0.0,
    "lead_to_mql": 0.0,
    "manual_mql": 0.0,
    "newsletter_optin": 0.0,
    "nurture_after_days": 10_000,
}

# tiny: a few hundred contacts that still exercise every path (>=5 won, churn, recycle).
TINY_FUNNEL = {
    **FUNNEL,
    "lead_to_mql": 0.55,
    "mql_to_sal": 0.85,
    "sal_to_sql": 0.70,
    "stage_advance": 0.86,
    "churn": 0.45,
    "evangelist": 0.3,
    "expansion": 0.5,
    "return_after_churn": 0.4,
}

SCALES = {
    # companies, contacts per company (min, max), shards, reps (sdr, ae)
    "tiny": {
        "companies": 90,
        "contacts": (2, 5),
        "shards": 1,
        "sdr": 3,
        "ae": 3,
        "funnel": TINY_FUNNEL,
        "batch_size": 200,
        "visits": 1.0,
    },
    "default": {
        "companies": 8000,
        "contacts": (2, 6),
        "shards": 4,
        "sdr": 12,
        "ae": 10,
        "funnel": FUNNEL,
        "batch_size": 500,
        "visits": 1.0,
    },
    "large": {
        "companies": 250_000,
        "contacts": (2, 6),
        "shards": 16,
        "sdr": 60,
        "ae": 50,
        "funnel": FUNNEL,
        "batch_size": 1000,
        "visits": 1.0,
    },
}

DEFAULT_DIRT_RATE = 0.01
# Malformed (extra, quarantine-bound) records per kind and source: this share of the dirt rate
# applied to the source's record count, at least one each.
MALFORMED_SHARE_OF_DIRT = 0.01

CURRENCY_EU = "EUR"
EU_COUNTRIES = ("DE", "FR", "NL", "ES", "IT", "IE", "SE")
OTHER_COUNTRIES = ("US", "US", "US", "CA", "AU", "GB")

# Channel mix of web visits that start a visitor's journey.
CHANNEL_MIX = (
    ("paid_search", 0.22),
    ("paid_social", 0.12),
    ("linkedin", 0.10),
    ("organic_search", 0.24),
    ("direct", 0.14),
    ("referral", 0.10),
    ("events", 0.08),
)

GOOGLE_CUSTOMER_ID = "1234567890"
META_ACCOUNT_ID = "2345678901"
LINKEDIN_ACCOUNT_ID = 5001
SITE = "https://www.acme.example"


def month_starts() -> list[tuple[int, int]]:
    out = []
    y, m = 2025, 1
    while (y, m) < (2026, 7):
        out.append((y, m))
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


def month_days(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]
