"""One shard of the demo company: its companies, their people and everything they did.

The story is causal so that the truth is exact: visits identify leads, touches add score,
the score crossing makes MQLs, SDRs work them, the first SQL of an account opens a deal, and
the deal's outcome decides customers and churn. Every vendor record is written the moment
the story produces it; the truth rows are written from the same variables.
"""

from __future__ import annotations

import bisect
import math
import random

from . import config as C
from . import entities as E
from .branches import Branches
from .campaigns import Campaign, campaigns
from .catalog import HS_SOURCE, ID_BASE, THRESHOLD, Company, Contact
from .crm_output import CrmOutput
from .dirt import Dirt
from .email_sends import EmailSends
from .sales import Sales
from .sales_development import SalesDevelopment
from .scoring import fit_score
from .truth import TruthScratch
from .vocabulary import FIRST_NAMES, INDUSTRIES, LAST_NAMES, NAME_SYLLABLES, SENIORITY_MIX, TITLES
from .web_sessions import WebSessions
from .writers.hubspot import HubspotScratch
from .writers.sendgrid import SendgridWriter
from .writers.web import WebWriter

DAY, HOUR, START, END = C.DAY, C.HOUR, C.WINDOW_START, C.WINDOW_END


class ShardSim(WebSessions, EmailSends, SalesDevelopment, Sales, Branches, CrmOutput):
    def __init__(
        self, seed: int, shard: int, scale: str, dirt_rate: float, out_dir: str, tmp_dir: str
    ):
        sc = C.SCALES[scale]
        self.sc, self.f = sc, sc["funnel"]
        self.seed, self.shard, self.n_shards = seed, shard, sc["shards"]
        self.rng = random.Random(f"closedloop:{seed}:{shard}")
        # Playbook details (forms, pieces, assignment, reasons): own stream, funnel unchanged.
        self.side = random.Random(f"closedloop:{seed}:{shard}:playbook")
        self.web = WebWriter(out_dir, shard)
        self.sg = SendgridWriter(out_dir, shard, sc["batch_size"])
        self.hs = HubspotScratch(tmp_dir, shard)
        self.truth = TruthScratch(tmp_dir, shard)
        self.dirt = Dirt(self.rng, dirt_rate, force=(shard == 0), sink=self.truth.malformed)
        owners = E.owners(sc)
        self.sdrs = [o for o in owners if o.role == "sdr"]
        self.aes = [o for o in owners if o.role == "ae"]
        self.campaigns: dict[str, list[Campaign]] = {}
        for camp in campaigns():
            self.campaigns.setdefault(camp.channel, []).append(camp)
        sends = E.single_sends()
        self.newsletters = [s for s in sends if not s.program]
        self.news_times = [s.send_at for s in self.newsletters]
        self.programs = {p: [s for s in sends if s.program == p] for p in E.NURTURE_PROGRAMS}
        self.fx = E.fx_rates(seed)
        self.channels, self.channel_cum = E.weighted(C.CHANNEL_MIX)
        self.industries, self.industry_cum = E.weighted(INDUSTRIES)
        self.seniorities, self.seniority_cum = E.weighted(SENIORITY_MIX)
        self.seq = dict.fromkeys(ID_BASE, 0)
        self.ad_sessions: dict[tuple[str, int], int] = {}
        self.ad_leads: dict[tuple[str, int], int] = {}
        self.email_unique: dict[str, int] = {}
        self.email_dupes: dict[str, int] = {}
        self.web_unique = 0
        self.web_dupes = 0
        self.hs_unique = dict.fromkeys(
            ("contacts", "companies", "deals", "calls", "meetings", "emails"), 0
        )
        self.merged = 0
        self.web_leads = 0
        self.sample_batches: list[str] = []

    # ---------------------------------------------------------------- ids and draws
    def next_id(self, kind: str) -> str:
        self.seq[kind] += 1
        return str(ID_BASE[kind] * 1_000_000_000 + self.shard * 10_000_000 + self.seq[kind])

    def hexid(self, bits: int = 64) -> str:
        return f"{self.rng.getrandbits(bits):0{bits // 4}x}"

    def uuid(self) -> str:
        h = f"{self.rng.getrandbits(128):032x}"
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"

    def lognorm(self, median: float, sigma: float) -> int:
        return int(self.rng.lognormvariate(math.log(median), sigma))

    def pick_channel(self, t: int) -> tuple[str, Campaign | None]:
        ch = self.channels[bisect.bisect(self.channel_cum, self.rng.random() * 0.999999)]
        camps = self.campaigns.get(ch)
        if camps:
            active = [c for c in camps if c.start <= t < c.end]
            if not active:
                return "organic_search", None
            return ch, active[self.rng.randrange(len(active))]
        return ch, None

    # ---------------------------------------------------------------- run
    def run(self) -> dict:
        per = self.sc["companies"]
        for gi in range(self.shard, per, self.n_shards):
            self.company(gi)
        self.stories()
        p = self.f["visitor_to_lead"]
        self.anonymous_visitors(round(self.web_leads * (1 - p) / p))
        self.web.flush()
        self.sg.flush()
        self.hs.close()
        self.truth.close()
        return {
            "shard": self.shard,
            "ad_sessions": self.ad_sessions,
            "ad_leads": self.ad_leads,
            "email_unique": self.email_unique,
            "email_dupes": self.email_dupes,
            "web_records": self.web.records,
            "web_unique": self.web_unique,
            "web_dupes": self.web_dupes,
            "sendgrid_records": self.sg.records,
            "hubspot_counts": self.hs.counts,
            "hubspot_unique": self.hs_unique,
            "merged": self.merged,
            "sendgrid_batches": {str(d): n for d, n in self.sg.batches.items()},
            "deal_latest": getattr(self, "deal_latest", 0),
        }

    # ---------------------------------------------------------------- people
    def company(self, gi: int, story: str | None = None) -> None:
        rng = self.rng
        co = Company()
        co.id, co.gi = self.next_id("company"), gi
        syl = NAME_SYLLABLES
        a, b = syl[rng.randrange(len(syl))], syl[rng.randrange(len(syl))]
        co.domain = f"{a}{b}{gi}.example"
        co.industry = self.industries[bisect.bisect(self.industry_cum, rng.random() * 0.999999)]
        co.employees = max(5, min(50_000, int(rng.lognormvariate(4.4, 1.3))))
        if rng.random() < 0.35:
            co.country, co.currency = C.EU_COUNTRIES[rng.randrange(len(C.EU_COUNTRIES))], "EUR"
        else:
            co.country = C.OTHER_COUNTRIES[rng.randrange(len(C.OTHER_COUNTRIES))]
            co.currency = "USD"
        co.name = f"{a.title()}{b} {gi}"
        co.ae = self.aes[rng.randrange(len(self.aes))]
        co.created = START + int((END - START - 40 * DAY) * rng.random() ** 0.8)
        co.customer_at = co.churned_at = None
        co.changes = []
        if story is not None:
            return self.story(co, story)
        lo, hi = self.sc["contacts"]
        n = rng.randint(lo, hi) + (1 if co.employees > 1000 else 0)
        contacts, used = [], set()
        for j in range(n):
            t = co.created if j == 0 else co.created + int(rng.expovariate(1 / (25 * DAY)))
            if t >= END - 2 * DAY:
                continue
            contacts.append(self.contact(co, t, used))
        self.finish_company(co, contacts)

    def contact(self, co: Company, t_lead: int, used: set) -> Contact:
        rng, f = self.rng, self.f
        c = Contact()
        c.id, c.co = self.next_id("contact"), co
        c.seniority = self.seniorities[bisect.bisect(self.seniority_cum, rng.random() * 0.999999)]
        titles = TITLES[c.seniority]
        c.title = titles[rng.randrange(len(titles))]
        c.dm = c.seniority in ("c_level", "vp") or (
            c.seniority == "director" and rng.random() < 0.3
        )
        c.first = FIRST_NAMES[rng.randrange(len(FIRST_NAMES))]
        c.last = LAST_NAMES[rng.randrange(len(LAST_NAMES))]
        local = f"{c.first}.{c.last}"
        c.suffix = ""
        while local.lower() + c.suffix in used:
            c.suffix = str(len(used))
        used.add(local.lower() + c.suffix)
        c.email_hs = f"{local}{c.suffix}@{co.domain}"
        c.email = c.email_hs.lower()
        c.fit = fit_score(c.seniority, co.employees, co.industry, c.dm)
        c.bound = rng.random() < f["lead_to_mql"] * (0.6 + 0.8 * c.fit / 50)
        c.budget = THRESHOLD - c.fit - 1
        c.lead_at = t_lead
        c.vids, c.identified, c.changes, c.trans, c.engs, c.eng_pts = [], set(), [], [], [], []
        c.score_at = c.nurture = c.owner = None
        c.recycled, c.merged, c.in_group, c.dead = 0, [], False, False
        c.forms = []
        self.web.hold = True
        if rng.random() < f["web_entry_share"]:
            self.web_leads += 1
            vid = self.uuid()
            c.vids.append(vid)
            channel, camp = self.pick_channel(t_lead)
            c.source = HS_SOURCE[channel]
            k = (0, 1, 1, 2, 3)[rng.randrange(5)]
            times = sorted(t_lead - HOUR - int(rng.expovariate(1 / (5 * DAY))) for _ in range(k))
            times = [ts for ts in times if ts >= START]
            for i, ts in enumerate(times):
                ch, cp = (channel, camp) if i == 0 else self.pick_channel(ts)
                kind = "browse" if rng.random() < 0.6 else "product"
                self.session(c, vid, ts, ch, cp, self.fit_kind(c, kind), before=True)
            if k and rng.random() < 0.5:
                channel, camp = ("direct", None) if rng.random() < 0.5 else ("organic_search", None)
            x = rng.random()
            kind = (
                "content"
                if x < 0.45
                else "webinar"
                if x < 0.65
                else "newsletter"
                if x < 0.8
                else "hot"
                if x < 0.95
                else "contact"
            )
            kind = self.fit_kind(c, kind)
            if kind == "browse":
                kind = "newsletter"
            self.session(c, vid, t_lead, channel, camp, kind, identify=True)
            c.trans.append((t_lead, "lead"))
        else:
            c.source = "OFFLINE"
            c.trans.append((t_lead, "lead"))
        # Engagement after identification: the more qualified, the more they come back.
        t = t_lead
        for _ in range((0, 0, 1, 1, 2, 3)[rng.randrange(6)] + (1 if c.bound else 0)):
            t += HOUR + int(rng.expovariate(1 / (18 * DAY)))
            if t >= END:
                break
            if not c.vids:
                break
            x = rng.random()
            kind = (
                "browse"
                if x < 0.35
                else "product"
                if x < 0.6
                else "pricing"
                if x < 0.8
                else "content"
                if x < 0.92
                else "webinar"
            )
            ch, cp = self.pick_channel(t)
            self.session(c, c.vids[0], t, ch, cp, self.fit_kind(c, kind))
        t_hot = t_lead + self.lognorm(12 * DAY, 0.8)
        if c.bound:
            self.hot_session(c, t_hot)
        if rng.random() < f["newsletter_optin"]:
            for i in range(bisect.bisect(self.news_times, t_lead), len(self.newsletters)):
                ss = self.newsletters[i]
                self.send(c, ss, ss.send_at + rng.randrange(2 * HOUR), None)
        crossing = self.crossing(c)
        while c.bound and crossing is None:
            t_hot += 2 * DAY + rng.randrange(4 * DAY)
            if t_hot >= END:
                break
            self.hot_session(c, t_hot)
            crossing = self.crossing(c)
        t_nurture = t_lead + f["nurture_after_days"] * DAY
        if (crossing is None or crossing > t_nurture) and t_nurture < END:
            prog = (
                "product-education"
                if c.co.industry == "SOFTWARE"
                else E.NURTURE_PROGRAMS[rng.randrange(3)]
            )
            self.enroll(c, prog, t_nurture)
            crossing = self.crossing(c)
        c.score_at = crossing
        t_mql, src = None, "AUTOMATION_PLATFORM"
        if crossing is not None:
            t_mql = crossing
            if rng.random() < f["mql_delay_share"]:
                t_mql += self.lognorm(20 * HOUR, 1.0)
                src = "CRM_UI"
        elif rng.random() < f["manual_mql"]:
            t_mql, src = t_lead + DAY + rng.randrange(60 * DAY), "CRM_UI"
        if t_mql is not None and t_mql < END:
            self.mql(c, t_mql, src, 0)
        self.profile_forms(c)
        self.web.hold = False
        return c

    def crossing(self, c: Contact) -> int | None:
        score = c.fit
        for t, pts in sorted(c.eng_pts):
            score += pts
            if score >= THRESHOLD:
                return max(t, c.lead_at)
        return None
