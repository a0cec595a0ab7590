"""Daily ad metrics per campaign, consistent with the web sessions the shards tracked.

Clicks are never fewer than the sessions a campaign produced that day (not every click
lands as a tracked session). Google's preliminary numbers for a month's last 3 days are
restated in the next month's export; the truth keeps the restated (final) values.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from . import config as C
from .campaigns import Campaign, campaigns


@dataclass
class AdDay:
    campaign: Campaign
    day: int  # unix day number
    impressions: int
    clicks: int
    spend: float  # account currency
    leads: int
    sessions: int


def simulate_ads(seed: int, sessions: dict, leads: dict) -> list[AdDay]:
    rng = random.Random(f"ads-{seed}")
    out = []
    for camp in campaigns():
        for day in range(camp.start // C.DAY, camp.end // C.DAY):
            s = sessions.get((camp.id, day), 0)
            clicks = s + math.ceil(s * 0.25 * rng.random()) + rng.randrange(3)
            impressions = max(
                clicks, round(clicks / camp.ctr * (0.8 + 0.4 * rng.random())) + rng.randrange(50)
            )
            spend = round(clicks * camp.cpc * (0.85 + 0.3 * rng.random()), 2)
            out.append(
                AdDay(camp, day, impressions, clicks, spend, leads.get((camp.id, day), 0), s)
            )
    return out


def preliminary(ad: AdDay, rng: random.Random) -> AdDay:
    """What Google reported before the restatement: a little lower, never below sessions."""
    clicks = max(ad.sessions, ad.clicks - rng.randrange(1 + ad.clicks // 8))
    ratio = clicks / ad.clicks if ad.clicks else 1.0
    return AdDay(
        ad.campaign,
        ad.day,
        int(ad.impressions * (0.95 + 0.05 * ratio)),
        clicks,
        round(ad.spend * ratio, 2),
        ad.leads,
        ad.sessions,
    )
