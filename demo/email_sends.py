"""Email sends: nurture and newsletter single sends, written as SendGrid webhook events."""

from __future__ import annotations

import orjson

from . import config as C
from . import entities as E
from .catalog import KIND_POINTS, UAS, Contact, W

DAY, HOUR, START, END = C.DAY, C.HOUR, C.WINDOW_START, C.WINDOW_END
dumps = orjson.dumps


class EmailSends:
    def send(self, c: Contact, ss: E.SingleSend, t: int, program: str | None) -> None:
        if c.dead or t >= END:
            return
        rng = self.rng
        msg = self.hexid(88)
        base = {
            "email": c.email,
            "timestamp": t,
            "smtp-id": f"<{msg}@acme.example>",
            "event": "processed",
            "category": list(ss.categories),
            "sg_event_id": "",
            "sg_message_id": f"{msg}.filterdrecv-{rng.randrange(100, 999)}-1-0",
            "marketing_campaign_id": ss.marketing_campaign_id,
            "marketing_campaign_name": ss.name,
            "singlesend_id": ss.id,
        }
        self.email_event(base, "processed", t, None)
        r = rng.random()
        if r < 0.008:
            self.email_event(base, "dropped", t + 1, {"reason": "Bounced Address"})
            c.dead = True
            return
        if r < 0.022:
            self.email_event(
                base,
                "bounce",
                t + 2 + rng.randrange(60),
                {
                    "reason": "550 5.1.1 The email account that you tried to reach does not exist",
                    "status": "5.1.1",
                    "type": "bounce",
                },
            )
            c.dead = True
            return
        td = t + 1 + rng.randrange(30)
        if r < 0.04:
            self.email_event(
                base, "deferred", t + 5, {"response": "421 4.7.0 try again later", "attempt": "1"}
            )
            td += 300 + rng.randrange(3600)
        self.email_event(base, "delivered", td, {"response": "250 OK"})
        ua = UAS[rng.randrange(3)]
        if rng.random() < 0.2:
            self.email_event(
                base,
                "open",
                td + 1 + rng.randrange(60),
                {"sg_machine_open": True, "useragent": "Mozilla/5.0", "ip": "17.58.0.1"},
            )
        if rng.random() < 0.33:
            to = td + self.lognorm(3 * HOUR, 1.2)
            self.email_event(
                base,
                "open",
                to,
                {"sg_machine_open": False, "useragent": ua, "ip": f"81.2.{rng.randrange(256)}.7"},
            )
            if rng.random() < 0.22:
                kind = ("case" if program else "browse") if rng.random() < 0.6 else "pricing"
                kind = self.fit_kind(c, kind)
                if c.bound or c.budget >= W["email_click"] + KIND_POINTS[kind]:
                    tc = to + 5 + rng.randrange(600)
                    if tc < END:
                        self.email_click(c, ss, tc, kind, base, ua)
            x = rng.random()
            if x < 0.004:
                self.email_event(base, "unsubscribe", to + 30, None)
                c.dead = True
            elif x < 0.005:
                self.email_event(base, "spamreport", to + 30, None)
                c.dead = True

    def email_click(
        self, c: Contact, ss: E.SingleSend, tc: int, kind: str, base: dict, ua: str
    ) -> None:
        if c.vids:
            vid, identify = c.vids[0], False
        else:
            vid, identify = self.uuid(), True
            c.vids.append(vid)
        slug = ss.name.lower().replace(" ", "-").replace("#", "")
        medium = "nurture" if ss.program else "newsletter"
        # A first click from email identifies the recipient: the link carries them.
        url = self.session(
            c, vid, tc, "email", None, kind, identify=identify, utm=(medium, "email", slug)
        )
        c.eng_pts.append((tc, W["email_click"]))
        c.budget -= W["email_click"]
        self.email_event(
            base,
            "click",
            tc - 2,
            {
                "url": url,
                "url_offset": {"index": 0, "type": "html"},
                "useragent": ua,
                "ip": "81.2.0.9",
            },
        )

    def email_event(self, base: dict, event: str, ts: int, extra: dict | None) -> None:
        if ts >= END:
            return
        rng = self.rng
        ev = dict(base)
        ev["event"] = event
        ev["timestamp"] = ts
        ev["sg_event_id"] = self.hexid(128)
        if extra:
            ev.update(extra)
        body = dumps(ev)
        day = ts // DAY
        late = self.dirt.hit("late_arrival")
        if late:
            day += 2 + rng.randrange(3)
        batch, idx = self.sg.add(day, body)
        self.email_unique[event] = self.email_unique.get(event, 0) + 1
        if late:
            self.dirt.record(
                "sendgrid",
                self.sg.rel_path(day, batch),
                idx,
                "late_arrival",
                f"{ev['sg_event_id']} timestamp {ts}",
            )
        if self.dirt.hit("duplicate_delivery"):
            b2, i2 = self.sg.add(day + 1, body)
            self.email_dupes[event] = self.email_dupes.get(event, 0) + 1
            self.dirt.record(
                "sendgrid",
                self.sg.rel_path(day + 1, b2),
                i2,
                "duplicate_delivery",
                ev["sg_event_id"],
            )

    def enroll(self, c: Contact, program: str, t: int) -> None:
        if c.nurture is None:
            c.nurture = program
        c.trans.append((t, "nurture"))
        c.changes.append((t, "closedloop_nurture_program", program, "AUTOMATION_PLATFORM"))
        for k, ss in enumerate(self.programs[program]):
            self.send(c, ss, t + k * E.NURTURE_STEP_DAYS * DAY + self.rng.randrange(HOUR), program)
