"""Sales: deals from SQLs, their stages, pushes, wins, losses, evangelists and churn.

Sales development (SDR follow-up, SAL/SQL, recycling) is in sales_development.py."""

from __future__ import annotations

import math

from . import config as C
from . import entities as E
from .catalog import CALL_CONNECTED, Company, Contact, Deal
from .timefmt import day_str, iso, iso_truth
from .vocabulary import LOSS_REASONS

DAY, HOUR, START, END = C.DAY, C.HOUR, C.WINDOW_START, C.WINDOW_END


class Sales:
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
            d = self.open_deal(co, members, t_create, first=not co_opp)
            deals.append(d)
            co_opp = True
            if d.outcome == "open":
                open_until = END + 1
                continue
            if d.outcome == "lost":
                open_until = d.closed
                for m in members:
                    m.trans.append((d.closed, "closed_lost"))
                continue
            self.won(co, contacts, d)
            deals += self.growth(co, d)
            break
        return deals

    def open_deal(
        self, co: Company, members: list[Contact], t_create: int, first: bool, **kw
    ) -> Deal:
        """A new business deal on `members`: they become opportunities (and the company at
        its first deal)."""
        d = self.deal(co, members, t_create, **kw)
        if first:
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
        return d

    def won(self, co: Company, contacts: list[Contact], d: Deal, churn_at: int | None = -1) -> None:
        """The first sale: the company and its contacts become customers; maybe churn
        (`churn_at`: -1 = drawn, None = never, else that time)."""
        rng, f = self.rng, self.f
        t = d.closed
        co.customer_at = t
        co.changes.append((t, "lifecyclestage", "customer", "CRM_UI"))
        co.changes.append((t, "hs_lifecyclestage_customer_date", iso(t), "CRM_UI"))
        t_churn = None
        if rng.random() < f["churn"] and churn_at == -1:
            churn_at = t + 60 * DAY + rng.randrange(300 * DAY)
        if churn_at is not None and churn_at != -1 and churn_at < END:
            # A churned company leaves the customer stage ("other"); churn_date stays set.
            t_churn = co.churned_at = churn_at
            co.changes.append((churn_at, "churn_date", day_str(churn_at), "CRM_UI"))
            co.changes.append((churn_at, "lifecyclestage", "other", "CRM_UI"))
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

    def deal(self, co: Company, members: list[Contact], t0: int, quiet=False, force=False) -> Deal:
        """A new business deal through the default pipeline. `quiet`: the AE logs no
        activity; `force`: it is won (stage moves within the window)."""
        rng = self.rng
        d = Deal()
        d.id, d.co, d.owner, d.created, d.members = self.next_id("deal"), co, co.ae.id, t0, members
        d.currency, d.engs, d.changes = co.currency, [], []
        d.deal_type, d.pipeline, d.no_roles = "newbusiness", "default", False
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
            "dealtype": "newbusiness",
            "closedate": iso(cd),
            "createdate": iso(t0),
            "hs_is_closed_won": "false",
            "hs_is_closed": "false",
            "closed_lost_reason": None,
            "hubspot_owner_id": d.owner,
            "hs_object_id": d.id,
        }
        contact_ids = [m.id for m in members]
        t_call = t0 + HOUR + rng.randrange(DAY)
        if not quiet and self.pick("touch_at_creation", d.id):
            # The AE logs the discovery call at the very moment the deal is created.
            t_call = t0
            self.branch("touch_at_deal_creation", "deal", d.id, iso_truth(t0))
        self.engagement(
            d,
            t_call,
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
            t += self.lognorm(9 * DAY, 0.6) if not force else DAY + rng.randrange(9 * DAY)
            while cd < min(t, END):
                # The expected close passed with the deal still open: the AE pushes it out.
                new_cd = cd + (14 + rng.randrange(32)) * DAY
                ch.append((cd + 9 * HOUR, "closedate", iso(new_cd), "CRM_UI"))
                cd, d.pushes = new_cd, d.pushes + 1
            if t >= END:
                break
            if rng.random() > self.f["stage_advance"] and not force:
                d.outcome, d.closed = "lost", t
                d.loss_reason = LOSS_REASONS[rng.randrange(len(LOSS_REASONS))]
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
        if quiet:
            d.engs = []
        for e in d.engs:
            e[3]["_contacts"] = contact_ids
        return d
