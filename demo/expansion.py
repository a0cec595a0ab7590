"""Revenue from existing customers: add-ons at the first sale, expansion and renewal deals,
and customers that buy again after churning (docs/playbook.md §1, §5).

None of these deals moves a contact's lifecycle stage (the contacts are customers already);
a won return after churn puts the company back to `customer`.
"""

from __future__ import annotations

from . import config as C
from . import entities as E
from .catalog import Company, Deal
from .timefmt import iso, iso_truth

DAY, HOUR, END = C.DAY, C.HOUR, C.WINDOW_END
# Expansion pipeline path to a win: stage, median days before entering it.
EXPANSION_PATH = (("1290435", 8), ("1290436", 6), (E.EXPANSION_WON, 5))


class Expansion:
    def growth(self, co: Company, first: Deal, force: frozenset = frozenset()) -> list[Deal]:
        """Deals after the first sale `first` (won). `force`: branches that must happen
        (`upsell`, `expansion`, `contraction`, `return`)."""
        rng, f = self.rng, self.f
        out, value = [], first.amount
        if "upsell" in force or rng.random() < f["upsell_at_sale"]:
            up = self.upsell_at_sale(co, first)
            out.append(up)
            value += up.amount
        # Expansion talks stop a month before a churn; without one they may still be open
        # at the end of the window.
        churn = co.churned_at if co.churned_at is not None else END + 30 * DAY
        t_exp = first.closed + (45 + rng.randrange(195)) * DAY
        if ("expansion" in force or rng.random() < f["expansion"]) and t_exp < churn - 30 * DAY:
            amount = max(500, round(value * (0.2 + 0.4 * rng.random()), -2))
            sure = "expansion" in force
            d = self.account_deal(co, first.members[:2], t_exp, "existingbusiness", amount, sure)
            out.append(d)
            if d.outcome == "won":
                value += d.amount
        t_renew = first.closed + 335 * DAY
        down = "contraction" in force or rng.random() < f["renewal_contraction"]
        if t_renew + 30 * DAY < min(END, churn - 30 * DAY):
            factor = 0.6 + 0.3 * rng.random() if down else 1.0 + 0.15 * rng.random()
            amount = max(500, round(value * factor, -2))
            out.append(self.account_deal(co, first.members[:2], t_renew, "renewal", amount, True))
            if down:
                self.branch(
                    "renewal_contraction", "deal", out[-1].id, f"{value:.0f} -> {amount:.0f}"
                )
        if co.churned_at is not None and (
            "return" in force or rng.random() < f["return_after_churn"]
        ):
            back = self.return_after_churn(co, first, "return" in force)
            if back is not None:
                out.append(back)
        return out

    def upsell_at_sale(self, co: Company, first: Deal) -> Deal:
        """An add-on module booked on the same day as the first sale: `existingbusiness` in
        the default pipeline, created during the negotiation, won at the same instant."""
        t0 = max(first.created + HOUR, first.closed - (1 + self.rng.randrange(6)) * DAY)
        d = self.new_deal(co, first.members, t0, "existingbusiness", "default")
        d.amount = max(500, round(first.amount * (0.15 + 0.2 * self.rng.random()), -2))
        d.base["amount"] = str(int(d.amount))
        d.base["dealname"] = f"{co.name} - Add-on module"
        self.close_deal(d, first.closed, won=True)
        self.branch("upsell_at_first_sale", "deal", d.id, f"first sale {first.id}")
        return d

    def return_after_churn(self, co: Company, first: Deal, force: bool) -> Deal | None:
        """A churned customer buys again: a new business deal through the default pipeline;
        won, the company is a customer again (its first customer date stays)."""
        t0 = co.churned_at + (40 + self.rng.randrange(60)) * DAY
        if t0 >= END - 60 * DAY:
            return None
        d = self.deal(co, first.members, t0, force=force)
        d.base["dealname"] = f"{co.name} - Acme Analytics (return)"
        if d.outcome == "won":
            co.returned_at = d.closed
            co.changes.append((d.closed, "lifecyclestage", "customer", "CRM_UI"))
            self.branch(
                "churned_customer_returned",
                "company",
                co.id,
                f"deal {d.id} won {iso_truth(d.closed)}",
            )
        return d

    # ---------------------------------------------------------------- deal mechanics
    def new_deal(self, co: Company, members, t0: int, deal_type: str, pipeline: str) -> Deal:
        d = Deal()
        d.id, d.co, d.owner, d.created, d.members = self.next_id("deal"), co, co.ae.id, t0, members
        d.currency, d.engs, d.changes = co.currency, [], []
        d.deal_type, d.pipeline, d.no_roles = deal_type, pipeline, False
        d.outcome, d.closed, d.loss_reason, d.pushes = "open", None, "", 0
        d.amount = 0
        cd = (t0 + 30 * DAY) // DAY * DAY
        d.initial_cd = d.final_cd = cd
        first_stage = "qualificationcall" if pipeline == "default" else E.EXPANSION_STAGES[0][0]
        kind = "Renewal" if deal_type == "renewal" else "Expansion"
        d.base = {
            "dealname": f"{co.name} - {kind}",
            "amount": "0",
            "deal_currency_code": d.currency,
            "dealstage": first_stage,
            "pipeline": pipeline,
            "dealtype": deal_type,
            "closedate": iso(cd),
            "createdate": iso(t0),
            "hs_is_closed_won": "false",
            "hs_is_closed": "false",
            "closed_lost_reason": None,
            "hubspot_owner_id": d.owner,
            "hs_object_id": d.id,
        }
        return d

    def close_deal(self, d: Deal, t: int, won: bool) -> None:
        ch = d.changes
        d.outcome, d.closed = ("won" if won else "lost"), t
        if d.pipeline == "default":
            stage = "closedwon" if won else "closedlost"
        else:
            stage = E.EXPANSION_WON if won else E.EXPANSION_LOST
        ch.append((t, "dealstage", stage, "CRM_UI"))
        if not won:
            d.loss_reason = "No budget"
            ch.append((t, "closed_lost_reason", d.loss_reason, "CRM_UI"))
        d.final_cd = t // DAY * DAY
        ch.append((t, "closedate", iso(d.final_cd), "CRM_UI"))
        ch.append((t, "hs_is_closed", "true", "CRM_UI"))
        if won:
            ch.append((t, "hs_is_closed_won", "true", "CRM_UI"))

    def account_deal(self, co: Company, members, t0: int, deal_type: str, amount, sure) -> Deal:
        """An expansion or renewal deal through the expansion pipeline, worked by the AE:
        an account review meeting, then proposal, contract and close."""
        rng = self.rng
        d = self.new_deal(co, members, t0, deal_type, E.EXPANSION_PIPELINE[0])
        d.amount = amount
        d.base["amount"] = str(int(amount))
        self.engagement(
            d,
            t0 + HOUR + rng.randrange(DAY),
            "meetings",
            d.owner,
            {"hs_meeting_title": "Account review", "hs_meeting_outcome": "COMPLETED"},
        )
        if deal_type == "existingbusiness":
            self.branch("expansion_pipeline", "deal", d.id, "expansion")
        else:
            self.branch("expansion_pipeline", "deal", d.id, "renewal")
        t, cd = t0, d.initial_cd
        for stage, days in EXPANSION_PATH:
            t += DAY + self.lognorm(days * DAY, 0.5)
            while cd < min(t, END):
                new_cd = cd + (14 + rng.randrange(20)) * DAY
                d.changes.append((cd + 9 * HOUR, "closedate", iso(new_cd), "CRM_UI"))
                cd, d.pushes = new_cd, d.pushes + 1
            d.final_cd = cd
            if t >= END:
                break
            if not sure and rng.random() < 0.2:
                self.close_deal(d, t, won=False)
                break
            if stage == E.EXPANSION_WON:
                self.close_deal(d, t, won=True)
            else:
                d.changes.append((t, "dealstage", stage, "CRM_UI"))
        for e in d.engs:
            e[3]["_contacts"] = [m.id for m in members]
        return d
