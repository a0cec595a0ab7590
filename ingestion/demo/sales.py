"""Sales development and sales: SDR follow-up, SAL/SQL, recycling, deals, wins, churn."""

from __future__ import annotations

import math

from . import config as C
from . import entities as E
from .catalog import CALL_CONNECTED, CALL_NO_ANSWER, CALL_VOICEMAIL, Company, Contact, Deal
from .timefmt import day_str, iso

DAY, HOUR, START, END = C.DAY, C.HOUR, C.WINDOW_START, C.WINDOW_END


class Sales:
    # ---------------------------------------------------------------- sales development
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
        c.owner = sdr.id
        ch.append((t, "hubspot_owner_id", sdr.id, "CRM_UI"))
        ch.append((t, "hs_lead_status", "NEW", "CRM_UI"))
        t1 = t + self.lognorm(10 * HOUR, 1.1)
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

    # ---------------------------------------------------------------- sales
    def truncate(self, c: Contact, t: int) -> None:
        c.trans = [x for x in c.trans if x[0] <= t]
        c.changes = [x for x in c.changes if x[0] <= t]
        c.engs = [x for x in c.engs if x[0] <= t]

    def sales(self, co: Company, contacts: list[Contact]) -> list[Deal]:
        rng = self.rng
        deals = []
        sqls = sorted((t, i) for i, c in enumerate(contacts) for t, s in c.trans if s == "sql")
        open_until = -1
        co_opp = False
        for t_sql, i in sqls:
            c = contacts[i]
            if c.in_group or t_sql < open_until:
                continue
            t_create = t_sql + self.lognorm(20 * HOUR, 0.8)
            if t_create >= END:
                continue
            others = [
                o for o in contacts if o is not c and not o.in_group and o.lead_at <= t_create
            ]
            rng.shuffle(others)
            members = [c] + others[: rng.randint(1, 4)]
            d = self.deal(co, members, t_create)
            deals.append(d)
            if not co_opp:
                co_opp = True
                co.changes.append((t_create, "lifecyclestage", "opportunity", "CRM_UI"))
                co.changes.append(
                    (t_create, "hs_lifecyclestage_opportunity_date", iso(t_create), "CRM_UI")
                )
            for m in members:
                self.truncate(m, t_create)
                m.in_group = True
                m.trans.append((t_create, "opportunity"))
                m.changes.append((t_create, "lifecyclestage", "opportunity", "CRM_UI"))
                m.changes.append(
                    (t_create, "hs_lifecyclestage_opportunity_date", iso(t_create), "CRM_UI")
                )
                m.changes.append((t_create, "hs_lead_status", "OPEN_DEAL", "CRM_UI"))
            if d.outcome == "open":
                open_until = END + 1
                continue
            if d.outcome == "lost":
                open_until = d.closed
                for m in members:
                    m.trans.append((d.closed, "closed_lost"))
                continue
            self.won(co, contacts, d)
            break
        return deals

    def won(self, co: Company, contacts: list[Contact], d: Deal) -> None:
        rng, f = self.rng, self.f
        t = d.closed
        co.customer_at = t
        co.changes.append((t, "lifecyclestage", "customer", "CRM_UI"))
        co.changes.append((t, "hs_lifecyclestage_customer_date", iso(t), "CRM_UI"))
        t_churn = None
        if rng.random() < f["churn"]:
            tc = t + 60 * DAY + rng.randrange(300 * DAY)
            if tc < END:
                t_churn = co.churned_at = tc
                co.changes.append((tc, "churn_date", day_str(tc), "CRM_UI"))
        for c in contacts:
            if c.lead_at > t:
                self.truncate(c, c.lead_at)
                continue
            if not c.in_group:
                self.truncate(c, t)
            c.trans.append((t, "customer"))
            c.changes.append((t, "lifecyclestage", "customer", "CRM_UI"))
            c.changes.append((t, "hs_lifecyclestage_customer_date", iso(t), "CRM_UI"))
            if rng.random() < f["evangelist"]:
                te = t + 30 * DAY + rng.randrange(200 * DAY)
                if te < END and (t_churn is None or te < t_churn):
                    c.trans.append((te, "evangelist"))
                    c.changes.append((te, "lifecyclestage", "evangelist", "CRM_UI"))
                    c.changes.append((te, "hs_lifecyclestage_evangelist_date", iso(te), "CRM_UI"))
            if t_churn is not None:
                c.trans.append((t_churn, "churned"))

    def deal(self, co: Company, members: list[Contact], t0: int) -> Deal:
        rng = self.rng
        d = Deal()
        d.id, d.co, d.owner, d.created, d.members = self.next_id("deal"), co, co.ae.id, t0, members
        d.currency, d.engs, d.changes = co.currency, [], []
        d.amount = max(
            1000, round(rng.lognormvariate(math.log(9000 * (co.employees / 100) ** 0.35), 0.5), -2)
        )
        cd = (t0 + (45 + rng.randrange(45)) * DAY) // DAY * DAY
        d.initial_cd, d.pushes = cd, 0
        d.base = {
            "dealname": f"{co.name} - Acme Analytics",
            "amount": str(int(d.amount)),
            "deal_currency_code": d.currency,
            "dealstage": "qualificationcall",
            "pipeline": "default",
            "closedate": iso(cd),
            "createdate": iso(t0),
            "hs_is_closed_won": "false",
            "hs_is_closed": "false",
            "closed_lost_reason": None,
            "hubspot_owner_id": d.owner,
            "hs_object_id": d.id,
        }
        contact_ids = [m.id for m in members]
        self.engagement(
            d,
            t0 + HOUR + rng.randrange(DAY),
            "calls",
            d.owner,
            {
                "hs_call_title": "Qualification call",
                "hs_call_disposition": CALL_CONNECTED,
                "hs_call_duration": str((900 + rng.randrange(1800)) * 1000),
                "hs_call_direction": "OUTBOUND",
            },
        )
        t, ch = t0, d.changes
        d.outcome, d.closed, d.loss_reason = "open", None, ""
        for stage in E.OPEN_STAGES[1:] + ("closedwon",):
            t += self.lognorm(9 * DAY, 0.6)
            while cd < min(t, END):
                # The expected close passed with the deal still open: the AE pushes it out.
                new_cd = cd + (14 + rng.randrange(32)) * DAY
                ch.append((cd + 9 * HOUR, "closedate", iso(new_cd), "CRM_UI"))
                cd, d.pushes = new_cd, d.pushes + 1
            if t >= END:
                break
            if rng.random() > self.f["stage_advance"]:
                d.outcome, d.closed = "lost", t
                d.loss_reason = E.LOSS_REASONS[rng.randrange(len(E.LOSS_REASONS))]
                ch.append((t, "dealstage", "closedlost", "CRM_UI"))
                ch.append((t, "closed_lost_reason", d.loss_reason, "CRM_UI"))
                break
            ch.append((t, "dealstage", stage, "CRM_UI"))
            if stage == "demoscheduled":
                self.engagement(
                    d,
                    t,
                    "meetings",
                    d.owner,
                    {"hs_meeting_title": "Product demo", "hs_meeting_outcome": "COMPLETED"},
                )
            elif stage == "framingmeeting":
                self.engagement(
                    d,
                    t,
                    "meetings",
                    d.owner,
                    {"hs_meeting_title": "Framing meeting", "hs_meeting_outcome": "COMPLETED"},
                )
            elif stage == "proposalsent":
                self.engagement(
                    d,
                    t,
                    "emails",
                    d.owner,
                    {
                        "hs_email_direction": "EMAIL",
                        "hs_email_subject": "Your Acme proposal",
                        "hs_email_status": "SENT",
                    },
                )
                if rng.random() < 0.5:
                    d.amount = max(1000, round(d.amount * (0.85 + 0.4 * rng.random()), -2))
                    ch.append((t, "amount", str(int(d.amount)), "CRM_UI"))
            if stage == "closedwon":
                d.outcome, d.closed = "won", t
        if d.closed is not None:
            cd = d.closed // DAY * DAY
            ch.append((d.closed, "closedate", iso(cd), "CRM_UI"))
            ch.append((d.closed, "hs_is_closed", "true", "CRM_UI"))
            if d.outcome == "won":
                ch.append((d.closed, "hs_is_closed_won", "true", "CRM_UI"))
        d.final_cd = cd
        for e in d.engs:
            e[3]["_contacts"] = contact_ids
        return d
