"""Sales development: MQL follow-up by SDRs, SAL and SQL, disqualification and recycling.

The SDR owner is assigned some hours after the MQL (lognormal, median 3 h; one in twenty
waits days in a queue): `hubspot_owner_id` and `hubspot_owner_assigneddate` change then, and
the first touch comes after it. A disqualified lead gets a `disqualification_reason`. These
draws use the side stream (`self.side`), so the funnel's own draws are unchanged."""

from __future__ import annotations

import math

from . import config as C
from .catalog import CALL_CONNECTED, CALL_NO_ANSWER, CALL_VOICEMAIL, Contact
from .timefmt import iso
from .vocabulary import DISQUALIFICATION_REASONS

_REASONS = tuple(r for r, _ in DISQUALIFICATION_REASONS)
_REASON_WEIGHTS = tuple(w for _, w in DISQUALIFICATION_REASONS)

DAY, HOUR, START, END = C.DAY, C.HOUR, C.WINDOW_START, C.WINDOW_END


class SalesDevelopment:
    def engagement(self, c_or_deal, t: int, kind: str, owner: str, props: dict) -> None:
        c_or_deal.engs.append((t, kind, owner, props))

    def mql(self, c: Contact, t: int, src: str, depth: int) -> None:
        rng, f = self.rng, self.f
        first = not any(s == "mql" for _, s in c.trans)
        c.trans.append((t, "mql"))
        ch = c.changes
        ch.append((t, "lifecyclestage", "marketingqualifiedlead", src))
        if first:
            ch.append((t, "hs_lifecyclestage_marketingqualifiedlead_date", iso(t), src))
        sdr = self.sdrs[(c.co.gi + depth) % len(self.sdrs)]
        ch.append((t, "hs_lead_status", "NEW", "CRM_UI"))
        t1 = t + self.lognorm(10 * HOUR, 1.1)
        t_assign = t + self.assignment_delay()
        if t_assign < END:
            c.owner = sdr.id
            ch.append((t_assign, "hubspot_owner_id", sdr.id, "CRM_UI"))
            ch.append((t_assign, "hubspot_owner_assigneddate", iso(t_assign), "CRM_UI"))
        # The SDR works the lead once it is theirs (past the window: not at all).
        t1 = max(t1, t_assign + 300 + self.side.randrange(2 * HOUR))
        for k in range((0, 0, 1, 2)[rng.randrange(4)]):
            if t1 >= END:
                return
            self.sdr_touch(c, t1, sdr.id, connected=False)
            if k == 0:
                ch.append((t1, "hs_lead_status", "ATTEMPTED_TO_CONTACT", "CRM_UI"))
            t1 += self.lognorm(30 * HOUR, 0.6)
        if t1 >= END:
            return
        self.sdr_touch(c, t1, sdr.id, connected=True)
        ch.append((t1, "hs_lead_status", "CONNECTED", "CRM_UI"))
        if rng.random() < f["mql_to_sal"]:
            t_sal = t1 + 600 + rng.randrange(20 * HOUR)
            if t_sal >= END:
                return
            ch.append((t_sal, "hs_lead_status", "IN_PROGRESS", "CRM_UI"))
            c.trans.append((t_sal, "sal"))
            if rng.random() < f["sal_to_sql"]:
                t_disc = t_sal + self.lognorm(4 * DAY, 0.7)
                t_sql = t_disc + HOUR + rng.randrange(2 * DAY)
                if t_sql >= END:
                    return
                self.engagement(
                    c,
                    t_disc,
                    "meetings",
                    sdr.id,
                    {"hs_meeting_title": "Discovery call", "hs_meeting_outcome": "COMPLETED"},
                )
                ch.append((t_sql, "lifecyclestage", "salesqualifiedlead", "CRM_UI"))
                ch.append(
                    (t_sql, "hs_lifecyclestage_salesqualifiedlead_date", iso(t_sql), "CRM_UI")
                )
                for prop in ("bant_budget", "bant_authority", "bant_need", "bant_timeline"):
                    ch.append((t_sql, prop, "true" if rng.random() < 0.85 else "false", "CRM_UI"))
                c.trans.append((t_sql, "sql"))
                return
            t_end = t_sal + self.lognorm(10 * DAY, 0.6)
            recycle = rng.random() < f["non_sql_recycle_share"]
        else:
            t_end = t1 + HOUR + rng.randrange(3 * DAY)
            recycle = rng.random() < f["non_sal_recycle_share"]
        if t_end >= END:
            return
        if recycle:
            self.recycle(c, t_end, depth)
        else:
            c.trans.append((t_end, "disqualified"))
            ch.append((t_end, "lifecyclestage", "lead", "CRM_UI"))
            ch.append((t_end, "hs_lead_status", "UNQUALIFIED", "CRM_UI"))
            reason = self.side.choices(_REASONS, _REASON_WEIGHTS)[0]
            ch.append((t_end, "disqualification_reason", reason, "CRM_UI"))

    def assignment_delay(self) -> int:
        """Seconds from MQL to owner assignment: median 3 h, a few leads wait days."""
        side = self.side
        if side.random() < 0.05:
            return int(side.lognormvariate(math.log(2.5 * DAY), 0.5))
        return 60 + int(side.lognormvariate(math.log(3 * HOUR), 0.9))

    def sdr_touch(self, c: Contact, t: int, owner: str, connected: bool) -> None:
        if self.rng.random() < 0.6 or connected:
            self.engagement(
                c,
                t,
                "calls",
                owner,
                {
                    "hs_call_title": "SDR follow-up",
                    "hs_call_disposition": CALL_CONNECTED
                    if connected
                    else (CALL_NO_ANSWER if self.rng.random() < 0.5 else CALL_VOICEMAIL),
                    "hs_call_duration": str(
                        (180 + self.rng.randrange(900)) * 1000
                        if connected
                        else 20_000 + self.rng.randrange(20_000)
                    ),
                    "hs_call_direction": "OUTBOUND",
                },
            )
        else:
            self.engagement(
                c,
                t,
                "emails",
                owner,
                {
                    "hs_email_direction": "EMAIL",
                    "hs_email_subject": "Following up on your interest",
                    "hs_email_status": "SENT",
                },
            )

    def recycle(self, c: Contact, t: int, depth: int) -> None:
        rng = self.rng
        c.recycled += 1
        c.trans.append((t, "recycled"))
        c.changes.append((t, "lifecyclestage", "lead", "CRM_UI"))
        c.changes.append((t, "hs_lead_status", "BAD_TIMING", "CRM_UI"))
        self.enroll(c, "re-engagement", t)
        if depth < 2 and rng.random() < self.f["recycle_remql"]:
            t_re = t + self.lognorm(40 * DAY, 0.5)
            if t_re >= END:
                return
            if c.bound:
                self.hot_session(c, t_re)
            elif c.vids:
                ch, cp = self.pick_channel(t_re)
                self.session(c, c.vids[0], t_re, ch, cp, "browse")
            t_m = t_re + 60 + rng.randrange(HOUR)
            if t_m < END:
                self.mql(c, t_m, "AUTOMATION_PLATFORM" if c.bound else "CRM_UI", depth + 1)
