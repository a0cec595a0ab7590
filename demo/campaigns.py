"""The paid campaigns on Google Ads, Meta and LinkedIn (shard-independent, fixed)."""

from __future__ import annotations

from dataclasses import dataclass

from . import config as C


@dataclass(frozen=True)
class Campaign:
    platform: str  # google | meta | linkedin
    id: str
    name: str
    slug: str
    currency: str
    cpc: float  # account currency per click
    ctr: float
    channel: str
    start: int
    end: int


def campaigns() -> list[Campaign]:
    s, e = C.WINDOW_START, C.WINDOW_END
    mid = s + 120 * C.DAY
    return [
        Campaign("google", "111", "Brand - Search", "brand", "USD", 1.8, 0.08, "paid_search", s, e),
        Campaign(
            "google",
            "112",
            "Competitor - Search",
            "competitor",
            "USD",
            6.5,
            0.03,
            "paid_search",
            s,
            e,
        ),
        Campaign(
            "google",
            "113",
            "Analytics Platform - Search",
            "analytics-platform",
            "USD",
            4.2,
            0.04,
            "paid_search",
            s,
            e,
        ),
        Campaign(
            "google",
            "114",
            "Dashboards - Search",
            "dashboards",
            "USD",
            3.1,
            0.035,
            "paid_search",
            mid,
            e,
        ),
        Campaign(
            "meta",
            "23850000001",
            "Prospecting - Ebook",
            "ebook-prospecting",
            "EUR",
            1.1,
            0.012,
            "paid_social",
            s,
            e,
        ),
        Campaign(
            "meta",
            "23850000002",
            "Retargeting - Demo",
            "retargeting-demo",
            "EUR",
            1.6,
            0.018,
            "paid_social",
            s,
            e,
        ),
        Campaign(
            "meta",
            "23850000003",
            "Webinar Promo",
            "webinar-promo",
            "EUR",
            1.3,
            0.01,
            "paid_social",
            mid,
            e,
        ),
        Campaign(
            "linkedin",
            "7001",
            "ABM - Enterprise",
            "abm-enterprise",
            "GBP",
            7.5,
            0.006,
            "linkedin",
            s,
            e,
        ),
        Campaign(
            "linkedin",
            "7002",
            "Thought Leadership",
            "thought-leadership",
            "GBP",
            5.2,
            0.005,
            "linkedin",
            s,
            e,
        ),
        Campaign(
            "linkedin",
            "7003",
            "Demo - Decision Makers",
            "demo-decision-makers",
            "GBP",
            9.0,
            0.004,
            "linkedin",
            mid,
            e,
        ),
    ]
