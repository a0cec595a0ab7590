"""The demo's edge cases (docs/playbook.md §6), each recorded in `_truth/branches.csv`.

Natural occurrences follow shares of the funnel knobs, picked by a hash of the seed and the
record id (no draw of the main stream). Three stories per shard force every branch at any
seed and scale; their contacts are imported and never touched by marketing:

- `outbound`: a sales-sourced deal with no activity logged before the win
  (`won_without_touch`), then a forced expansion deal and a contraction renewal;
- `lookback`: a deal won a year after the import; the AE's intro call sits exactly at the
  365-day lookback boundary before the win (one second older: outside), a call exactly at
  the deal's creation, and the contact was imported before any touch;
- `return`: an add-on closed with the first sale, a churn, and a return deal without
  contact association (`deal_without_contact_role`) that wins.
"""

from __future__ import annotations

import hashlib

from . import config as C
from .catalog import CALL_CONNECTED, DEAL_HISTORY, Company, Contact
from .expansion import Expansion
from .timefmt import iso_truth

DAY, HOUR, START, END = C.DAY, C.HOUR, C.WINDOW_START, C.WINDOW_END
STORIES = ("outbound", "lookback", "return")
FREE_MAIL = "gmail.com"


class _UniqueLocal(set):
    """`used` for a free-mail contact: the first local part is taken, the next (suffix
    `tag`) is free, so the address is unique across companies."""

    def __init__(self, tag: int):
        super().__init__()
        self.tag = tag

    def __len__(self) -> int:
        return self.tag

    def __contains__(self, key) -> bool:
        return not str(key).endswith(str(self.tag))


class Branches(Expansion):
    """The edge cases, on top of the account growth deals (expansion.py)."""

    def pick(self, kind: str, key: str) -> bool:
        h = hashlib.md5(f"{self.seed}:{kind}:{key}".encode()).digest()
        return int.from_bytes(h[:8], "big") / 2**64 < self.f[kind]

    def branch(self, name: str, entity_type: str, entity_id: str, detail: str = "") -> None:
        self.truth.branch((name, entity_type, entity_id, detail))

    def settle_deals(self, co: Company, deals: list) -> None:
        """Before output: which new business deals nobody added contacts to, and the
        contacts of a return deal after churn, who leave `churned` when it closes (won:
        customers again; lost: closed_lost), like those of any closed deal; and the latest
        deal event (the data's snapshot day values open deals, truth.revalue_open_deals)."""
        for d in deals:
            moments = [
                d.created,
                d.closed or 0,
                *(t for t, p, *_ in d.changes if p in DEAL_HISTORY),
            ]
            self.deal_latest = max(getattr(self, "deal_latest", 0), *moments)
            if not d.no_roles and d.deal_type == "newbusiness":
                d.no_roles = self.pick("no_contact_role", d.id)
            if d.no_roles and d.outcome == "lost":
                # Without contacts on it, the loss leaves no trace on any contact.
                for m in d.members:
                    m.trans = [x for x in m.trans if x != (d.closed, "closed_lost")]
            after_churn = co.churned_at is not None and d.created > co.churned_at
            if after_churn and d.deal_type == "newbusiness" and d.closed and not d.no_roles:
                for m in d.members:
                    m.trans.append((d.closed, "customer" if d.outcome == "won" else "closed_lost"))

    # ---------------------------------------------------------------- regular companies
    def finish_company(self, co: Company, contacts: list[Contact]) -> None:
        co.returned_at = None
        orphan = None
        if co.gi == self.shard or self.pick("orphan_contact", co.id):
            orphan = self.orphan(co)
        deals = self.sales(co, contacts)
        self.imported_before_touch(contacts)
        self.emit(co, contacts, deals)
        if orphan is not None:
            self.emit_contact(orphan, {})
            self.branch("contact_without_account", "contact", orphan.id, FREE_MAIL)

    def orphan(self, co: Company) -> Contact | None:
        """A person of the company on a free-mail address, never associated with it: the
        warehouse can name no account for them."""
        t = co.created + self.rng.randrange(60 * DAY)
        if t >= END - 2 * DAY:
            return None
        solo = Company()
        for slot in Company.__slots__:
            setattr(solo, slot, getattr(co, slot, None))
        solo.id, solo.domain, solo.changes = None, FREE_MAIL, []
        return self.contact(solo, t, _UniqueLocal(co.gi + 1))

    def imported_before_touch(self, contacts: list[Contact]) -> None:
        for c in contacts:
            sales_touches = [t for t, kind, *_ in c.engs if kind in ("calls", "meetings")]
            if c.source == "OFFLINE" and any(t < END for t in sales_touches):
                self.branch("lead_imported_before_touch", "contact", c.id, iso_truth(c.lead_at))

    # ---------------------------------------------------------------- forced stories
    def stories(self) -> None:
        for k, kind in enumerate(STORIES):
            self.company(self.sc["companies"] + k * self.n_shards + self.shard, kind)

    def story(self, co: Company, kind: str) -> None:
        rng = self.rng
        co.returned_at = None
        days = 2 + rng.randrange(10) if kind == "lookback" else 10 + rng.randrange(40)
        t_import = START + days * DAY + rng.randrange(DAY)
        co.created = t_import
        saved, self.f = self.f, {**self.f, **C.UNTOUCHED_IMPORT}
        used: set = set()
        contacts = [self.contact(co, t_import + 60 * i, used) for i in range(2 + rng.randrange(2))]
        self.f = saved
        if kind == "lookback":
            deals = self.lookback_story(co, contacts)
        else:
            t0 = t_import + (5 + rng.randrange(15)) * DAY
            quiet = kind == "outbound"
            d = self.open_deal(co, contacts, t0, first=True, quiet=quiet, force=True)
            churn = None if quiet else d.closed + (70 + rng.randrange(30)) * DAY
            self.won(co, contacts, d, churn_at=churn)
            force = {"expansion", "contraction"} if quiet else {"upsell", "return"}
            deals = [d, *self.growth(co, d, frozenset(force))]
            if quiet:
                self.branch("won_without_touch", "deal", d.id, "sales-sourced, no activity")
            elif deals[-1].deal_type == "newbusiness" and deals[-1] is not d:
                deals[-1].no_roles = True
        self.emit(co, contacts, deals)

    def lookback_story(self, co: Company, contacts: list[Contact]):
        rng = self.rng
        t0 = START + (400 + rng.randrange(20)) * DAY + rng.randrange(DAY)
        d = self.open_deal(co, contacts, t0, first=True, quiet=True, force=True)
        self.won(co, contacts, d, churn_at=None)
        boundary = d.closed - 365 * DAY
        c = contacts[0]
        call = {
            "hs_call_disposition": CALL_CONNECTED,
            "hs_call_duration": "1200000",
            "hs_call_direction": "OUTBOUND",
        }
        for t in (boundary - 1, boundary):
            self.engagement(c, t, "calls", co.ae.id, {**call, "hs_call_title": "Intro call"})
        d.engs.append(
            (
                d.created,
                "calls",
                co.ae.id,
                {**call, "hs_call_title": "Kick-off call", "_contacts": [m.id for m in contacts]},
            )
        )
        self.branch(
            "touch_at_lookback_boundary",
            "deal",
            d.id,
            f"{iso_truth(boundary)} (won {iso_truth(d.closed)}; one second earlier: outside)",
        )
        self.branch("touch_at_deal_creation", "deal", d.id, iso_truth(d.created))
        self.branch("lead_imported_before_touch", "contact", c.id, iso_truth(c.lead_at))
        return [d, *self.growth(co, d)]
