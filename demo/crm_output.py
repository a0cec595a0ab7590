"""Turn a finished company story into HubSpot object versions and truth rows."""

from __future__ import annotations

import orjson

from . import config as C
from . import contact_playbook
from . import entities as E
from .catalog import CONTACT_HISTORY, DEAL_HISTORY, STAGE_COLUMNS, Company, Contact, Deal
from .timefmt import day_str, iso, iso_truth
from .writers.hubspot import versions

DAY, HOUR, START, END = C.DAY, C.HOUR, C.WINDOW_START, C.WINDOW_END
dumps = orjson.dumps


class CrmOutput:
    # ---------------------------------------------------------------- output
    def emit(self, co: Company, contacts: list[Contact], deals: list[Deal]) -> None:
        rng, hs = self.rng, self.hs
        company_base = {
            "name": co.name,
            "domain": co.domain,
            "industry": co.industry,
            "numberofemployees": str(co.employees),
            "country": co.country,
            "lifecyclestage": "lead",
            "hubspot_owner_id": co.ae.id,
            "createdate": iso(co.created),
            "hs_lifecyclestage_lead_date": iso(co.created),
            "hs_lifecyclestage_opportunity_date": None,
            "hs_lifecyclestage_customer_date": None,
            "churn_date": None,
            "hs_object_id": co.id,
        }
        self.settle_deals(co, deals)
        co.changes.sort(key=lambda x: x[0])
        for snap, line in versions(
            co.id, co.created, company_base, co.changes, ("lifecyclestage",), {}
        ):
            hs.write("companies", snap, line)
        self.hs_unique["companies"] += 1
        self.truth.company(
            (
                co.id,
                co.domain,
                co.industry,
                co.employees,
                iso_truth(co.customer_at),
                iso_truth(co.churned_at),
            )
        )
        assoc = {"companies": {"results": [{"id": co.id, "type": "contact_to_company"}]}}
        for c in contacts:
            self.emit_contact(c, assoc)
        for d in deals:
            base = dict(d.base)
            d.changes.sort(key=lambda x: x[0])
            rest = ["Influencer", "Economic Buyer", "Technical Evaluator"]
            rng.shuffle(rest)
            roles = (["Champion", "Decision Maker"] + rest)[: len(d.members)]
            d_assoc = {"companies": {"results": [{"id": co.id, "type": "deal_to_company"}]}}
            if d.no_roles:
                # Nobody added a contact role: attribution falls back to the account.
                self.branch("deal_without_contact_role", "deal", d.id, f"account {co.id}")
            else:
                d_assoc["contacts"] = {
                    "results": [
                        {"id": m.id, "type": "deal_to_contact", "label": r}
                        for m, r in zip(d.members, roles, strict=True)
                    ]
                }
            for snap, line in versions(d.id, d.created, base, d.changes, DEAL_HISTORY, d_assoc):
                hs.write("deals", snap, line)
            self.hs_unique["deals"] += 1
            fx = E.fx_on(self.fx, d.currency, d.closed if d.closed is not None else d.created)
            self.truth.deal(
                (
                    d.id,
                    co.id,
                    d.owner,
                    iso_truth(d.created),
                    iso_truth(d.closed),
                    d.outcome,
                    f"{d.amount:.2f}",
                    d.currency,
                    f"{d.amount * fx:.2f}",
                    day_str(d.initial_cd),
                    day_str(d.final_cd),
                    d.pushes,
                    d.loss_reason,
                    "" if d.no_roles else ";".join(m.id for m in d.members),
                    E.DEAL_TYPES[d.deal_type],
                    d.pipeline,
                )
            )
            for t, kind, owner, props in d.engs:
                self.emit_engagement(t, kind, owner, props, props.pop("_contacts"), d.id)

    def emit_contact(self, c: Contact, assoc: dict) -> None:
        co = c.co
        email_hs = c.email_hs
        casing = self.dirt.hit("email_casing")
        if casing:
            email_hs = email_hs.replace(co.domain, co.domain.upper()) + " "
        base = {
            "email": email_hs,
            "firstname": c.first,
            "lastname": c.last,
            "jobtitle": c.title,
            "seniority": c.seniority,
            "company": co.name,
            "industry": co.industry,
            "num_employees": str(co.employees),
            "country": co.country,
            "hs_email_domain": co.domain,
            "lifecyclestage": "lead",
            "hs_lead_status": None,
            "hs_lifecyclestage_lead_date": iso(c.lead_at),
            "hs_lifecyclestage_marketingqualifiedlead_date": None,
            "hs_lifecyclestage_salesqualifiedlead_date": None,
            "hs_lifecyclestage_opportunity_date": None,
            "hs_lifecyclestage_customer_date": None,
            "hs_lifecyclestage_evangelist_date": None,
            "hubspot_owner_id": None,
            "hs_merged_object_ids": None,
            "associatedcompanyid": co.id,
            "createdate": iso(c.lead_at),
            "hs_object_id": c.id,
            "hs_analytics_source": c.source,
            "hs_persona": None,
            "closedloop_visitor_id": c.vids[0] if c.vids else None,
            "closedloop_nurture_program": None,
            "decision_maker": "true" if c.dm else "false",
            "bant_budget": None,
            "bant_authority": None,
            "bant_need": None,
            "bant_timeline": None,
            **contact_playbook.base_properties(c),
        }
        snap0 = C.SNAPSHOTS[0]
        if c.lead_at < snap0 - 16 * DAY and self.dirt.hit("merged_contact"):
            # A list import created the same person again; an admin merged them later.
            loser = self.next_id("contact")
            t_dup = c.lead_at + DAY + self.rng.randrange(14 * DAY)
            t_merge = snap0 + DAY + self.rng.randrange(END - snap0 - 2 * DAY)
            lbase = dict(
                base,
                email=c.email.upper(),
                hs_object_id=loser,
                createdate=iso(t_dup),
                hs_lifecyclestage_lead_date=iso(t_dup),
                hs_analytics_source="OFFLINE",
                closedloop_visitor_id=None,
            )
            for snap, line in versions(loser, t_dup, lbase, [], CONTACT_HISTORY, assoc, "IMPORT"):
                self.hs.write("contacts", snap, line)
            self.hs_unique["contacts"] += 1
            self.merged += 1
            c.merged.append(loser)
            c.changes.append((t_merge, "hs_merged_object_ids", loser, "CRM_UI"))
            self.dirt.record(
                "hubspot",
                "hubspot/contacts",
                f"id={loser}",
                "merged_contact",
                f"merged into {c.id} at {iso(t_merge)}",
            )
        c.changes.sort(key=lambda x: x[0])
        src = "FORM" if c.source != "OFFLINE" else "IMPORT"
        for snap, line in versions(c.id, c.lead_at, base, c.changes, CONTACT_HISTORY, assoc, src):
            self.hs.write("contacts", snap, line)
        self.hs_unique["contacts"] += 1
        if casing:
            self.dirt.record(
                "hubspot", "hubspot/contacts", f"id={c.id}", "email_casing", repr(email_hs)
            )
        for t, kind, owner, props in c.engs:
            self.emit_engagement(t, kind, owner, props, [c.id], None)
        # Truth: first time each canonical stage was entered, and every transition.
        c.trans.sort(key=lambda x: x[0])
        first: dict[str, int] = {}
        prev = "visitor" if c.source != "OFFLINE" else ""
        disq = churned = None
        for t, s in c.trans:
            first.setdefault(s, t)
            self.truth.transition((c.id, prev, s, iso_truth(t)))
            prev = s
            if s == "disqualified" and disq is None:
                disq = t
            elif s == "churned":
                churned = t
        owner = program = None
        for _, prop, value, _ in c.changes:
            if prop == "hubspot_owner_id":
                owner = value
            elif prop == "closedloop_nurture_program" and program is None:
                program = value
        recycled = sum(1 for _, s in c.trans if s == "recycled")
        self.truth.contact(
            (
                c.id,
                c.email,
                co.id,
                owner or "",
                ";".join(c.vids),
                ";".join(c.merged),
                *(iso_truth(first.get(s)) for s in STAGE_COLUMNS),
                iso_truth(disq),
                recycled,
                program or "",
                iso_truth(churned),
                iso_truth(c.score_at),
                *contact_playbook.truth_row(c),
            )
        )

    def emit_engagement(
        self, t: int, kind: str, owner: str, props: dict, contact_ids: list, deal_id: str | None
    ) -> None:
        if t >= END:
            return
        eid = self.next_id({"calls": "call", "meetings": "meeting", "emails": "email"}[kind])
        singular = kind[:-1]
        p = {
            "hs_timestamp": iso(t),
            "hubspot_owner_id": owner,
            "hs_object_id": eid,
            "hs_createdate": iso(t),
            "hs_lastmodifieddate": iso(t),
            **props,
        }
        if kind == "meetings":
            p["hs_meeting_start_time"] = iso(t)
            p["hs_meeting_end_time"] = iso(t + 45 * 60)
        assoc = {
            "contacts": {
                "results": [{"id": x, "type": f"{singular}_to_contact"} for x in contact_ids]
            }
        }
        if deal_id:
            assoc["deals"] = {"results": [{"id": deal_id, "type": f"{singular}_to_deal"}]}
        line = dumps(
            {
                "id": eid,
                "createdAt": iso(t),
                "updatedAt": iso(t),
                "archived": False,
                "properties": p,
                "associations": assoc,
            }
        )
        snap = 0
        while t >= C.SNAPSHOTS[snap]:
            snap += 1
        self.hs.write(kind, snap, line)
        self.hs_unique[kind] += 1
