"""Web sessions: the touches people leave on the site, written as Segment tracker events."""

from __future__ import annotations

import orjson

from . import config as C
from .campaigns import Campaign
from .catalog import (
    FIRST_FORM_FIELDS,
    FORMS,
    KIND_POINTS,
    PAGES,
    PROGRESSIVE_FIELDS,
    REFERRERS,
    UAS,
    Contact,
)
from .timefmt import day_str, iso_ms, iso_truth
from .vocabulary import TITLE_DEPARTMENT

DAY, HOUR, START, END = C.DAY, C.HOUR, C.WINDOW_START, C.WINDOW_END
dumps = orjson.dumps
SIZE_BANDS = ((5001, "5001+"), (1001, "1001-5000"), (201, "201-1000"), (51, "51-200"))


def company_size(employees: int) -> str:
    """HubSpot's employee-count bands (the form's `company_size` dropdown)."""
    for low, band in SIZE_BANDS:
        if employees >= low:
            return band
    return "11-50" if employees >= 11 else "1-10"


class WebSessions:
    def channel_info(self, channel: str, camp: Campaign | None, t: int):
        """(utm_source, utm_medium, utm_campaign, click id type, click id, referrer)."""
        if channel == "paid_search":
            return "google", "cpc", camp.slug, "gclid", "Cj0K" + self.hexid(), REFERRERS[channel]
        if channel == "paid_social":
            return (
                "facebook",
                "paid_social",
                camp.slug,
                "fbclid",
                "IwAR" + self.hexid(),
                REFERRERS[channel],
            )
        if channel == "linkedin":
            return (
                "linkedin",
                "paid_social",
                camp.slug,
                "li_fat_id",
                self.uuid(),
                REFERRERS[channel],
            )
        if channel == "events":
            return "webinar", "event", "webinar-" + day_str(t)[:7], "", "", ""
        return "", "", "", "", "", REFERRERS[channel]

    def session(
        self,
        c: Contact | None,
        vid: str,
        t: int,
        channel: str,
        camp,
        kind: str,
        identify: bool = False,
        before: bool = False,
        utm=None,
    ) -> str:
        """Write one web session; returns its landing URL (email clicks point at it)."""
        rng = self.rng
        if utm is None:
            src, med, cname, ctype, cid, ref = self.channel_info(channel, camp, t)
        else:
            src, med, cname = utm
            ctype, cid, ref = "", "", ""
        if kind == "browse":
            blog = PAGES["blog"]
            pages = [PAGES["home"] if rng.random() < 0.4 else blog[rng.randrange(4)]]
            if rng.random() < 0.4:
                pages.append(blog[rng.randrange(4)])
        elif kind == "product":
            pages = [PAGES["product"][0], PAGES["product"][1 + rng.randrange(2)]]
        elif kind == "pricing":
            pages = [PAGES["product"][0], PAGES["pricing"]]
        elif kind == "hot":
            pages = [PAGES["pricing"], PAGES["demo"]]
        elif kind == "case":
            pages = [PAGES["case"]]
        elif kind in ("content", "webinar"):
            piece = self.side.randrange(len(PAGES[kind]))
            pages = [PAGES[kind][piece]]
        else:
            pages = [PAGES[kind]]
        path = pages[0][0]
        if src:
            q = f"utm_source={src}&utm_medium={med}&utm_campaign={cname}"
            if ctype:
                q += f"&{ctype}={cid}"
            landing = f"{C.SITE}{path}?{q}"
        else:
            landing = C.SITE + path
        sid = self.hexid(96)
        ua = UAS[rng.randrange(3)]
        ip = f"{rng.randrange(11, 223)}.{rng.randrange(256)}.{rng.randrange(256)}.7"
        uid = c.email if (c is not None and vid in c.identified) else None
        ts = t * 1000 + rng.randrange(1000)
        late = self.dirt.hit("late_arrival")
        prev = ref
        for i, (p, title) in enumerate(pages):
            url = landing if i == 0 else C.SITE + p
            page = {"path": p, "referrer": prev, "title": title, "url": url}
            ctx = {"sessionId": sid, "page": page, "userAgent": ua, "ip": ip}
            if i == 0 and src:
                ctx["campaign"] = {"source": src, "medium": med, "name": cname}
            self.web_event(
                {
                    "type": "page",
                    "messageId": "ajs-" + self.hexid(128),
                    "anonymousId": vid,
                    "userId": uid,
                    "name": title,
                    "timestamp": iso_ms(ts),
                    "context": ctx,
                    "properties": page,
                },
                ts,
                late,
            )
            prev = url
            ts += 5000 + rng.randrange(90_000)
        form = FORMS[kind][piece] if kind in ("content", "webinar") else FORMS.get(kind)
        if c is not None and (form is not None or identify):
            email = c.email_hs
            casing = form is not None and self.dirt.hit("email_casing")
            if casing:
                email = " " + email.replace(c.co.domain, c.co.domain.upper())
            ctx = {"sessionId": sid, "page": page, "userAgent": ua, "ip": ip}
            if form is not None:
                fields = {"form_id": form[0], "form_type": form[1], "email": email}
                c.forms.append((ts, fields))
                loc = self.web_event(
                    {
                        "type": "track",
                        "event": "Form Submitted",
                        "messageId": "ajs-" + self.hexid(128),
                        "anonymousId": vid,
                        "userId": uid,
                        "timestamp": iso_ms(ts),
                        "context": ctx,
                        "properties": fields,
                    },
                    ts,
                    late,
                    defer=True,
                )
                if casing:
                    self.dirt.record("web", loc[0], loc[1], "email_casing", repr(email))
                ts += 200
            if identify or uid is None:
                c.identified.add(vid)
                uid = c.email
                self.web_event(
                    {
                        "type": "identify",
                        "messageId": "ajs-" + self.hexid(128),
                        "anonymousId": vid,
                        "userId": uid,
                        "timestamp": iso_ms(ts),
                        "context": ctx,
                        "traits": {
                            "email": email,
                            "firstName": c.first,
                            "lastName": c.last,
                            "company": c.co.name,
                        },
                    },
                    ts,
                    late,
                )
        if camp is not None:
            key = (camp.id, t // DAY)
            self.ad_sessions[key] = self.ad_sessions.get(key, 0) + 1
            if form is not None and c is not None and identify:
                self.ad_leads[key] = self.ad_leads.get(key, 0) + 1
        if c is not None:
            pts = KIND_POINTS.get(kind, 0)
            if pts:
                c.eng_pts.append((t, pts))
                c.budget -= pts
        self.truth.session(
            (
                sid,
                vid,
                c.id if c is not None else "",
                iso_truth(t),
                channel,
                src,
                med,
                cname,
                ctype,
                ("true" if before else "false") if c is not None else "",
            )
        )
        return landing

    def web_event(self, ev: dict, ts: int, late: bool, defer: bool = False) -> tuple[str, int]:
        """Queue one event; `defer`: serialized when written (form fields are filled in by
        `profile_forms` once the person's story is complete)."""
        rng = self.rng
        rec = ts + 20 + rng.randrange(2000)
        if late:
            rec += (2 + rng.randrange(4)) * 86_400_000
        ev["receivedAt"] = iso_ms(rec)
        line = ev if defer else dumps(ev)
        day, lineno = self.web.add(rec, line)
        self.web_unique += 1
        if late:
            self.dirt.record(
                "web",
                self.web.rel_path(day),
                lineno,
                "late_arrival",
                f"{ev['messageId']} timestamp {ev['timestamp']}",
            )
        if self.dirt.hit("duplicate_message"):
            day2, line2 = self.web.add(rec, line)
            self.web_dupes += 1
            self.dirt.record(
                "web", self.web.rel_path(day2), line2, "duplicate_message", ev["messageId"]
            )
        return self.web.rel_path(day), lineno

    def profile_forms(self, c: Contact) -> None:
        """Progressive profiling over the person's form submissions in time order: the first
        asks email and name, each later one 2-3 fields not yet known (none once all are)."""
        side, co = self.side, c.co
        values = {
            "firstname": c.first,
            "lastname": c.last,
            "company": co.name,
            "jobtitle": c.title,
            "company_size": company_size(co.employees),
            "country": co.country,
            "role": TITLE_DEPARTMENT[c.title],
            "phone": f"+{1 if co.currency == 'USD' else 49} {side.randrange(200, 999)} "
            f"{side.randrange(1_000_000, 9_999_999)}",
        }
        known: set[str] = set()
        for _, fields in sorted(c.forms, key=lambda x: x[0]):
            if not known:
                new = FIRST_FORM_FIELDS
            else:
                todo = [f for f in PROGRESSIVE_FIELDS if f not in known]
                new = todo[: 2 + side.randrange(2)]
            for f in new:
                fields[f] = values[f]
            known.update(new)
        c.forms = []

    def fit_kind(self, c: Contact, kind: str) -> str:
        """Unqualified contacts' touches never add up to the MQL threshold."""
        if c.bound or KIND_POINTS.get(kind, 0) <= c.budget:
            return kind
        return "browse"

    def hot_session(self, c: Contact, t: int) -> None:
        if t >= END:
            return
        if c.vids:
            ch, cp = self.pick_channel(t)
            self.session(c, c.vids[0], t, ch, cp, "hot")
        else:
            vid = self.uuid()
            c.vids.append(vid)
            self.session(c, vid, t, "direct", None, "hot", identify=True)

    def anonymous_visitors(self, n: int) -> None:
        rng = self.rng
        span = END - START - DAY
        for _ in range(n):
            vid = self.uuid()
            t = START + int(span * rng.random() ** 0.8)
            for _ in range((1, 1, 1, 2, 3)[rng.randrange(5)]):
                ch, cp = self.pick_channel(t)
                x = rng.random()
                kind = "browse" if x < 0.6 else "product" if x < 0.85 else "pricing"
                self.session(None, vid, t, ch, cp, kind)
                t += HOUR + int(rng.expovariate(1 / (7 * DAY)))
                if t >= END:
                    break
