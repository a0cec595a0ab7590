"""Run the whole demo company: shards, then the shared files, the malformed extras and truth."""

from __future__ import annotations

import csv
import os
import random
import shutil
import time

import orjson

from . import actuals as A
from . import config as C
from . import entities as E
from . import malformed
from .ads import simulate_ads
from .shards import run_pages, run_shard, run_tasks
from .timefmt import day_str
from .truth import assemble, revalue_open_deals, write_csv
from .writers import (
    costs,
    funnel_targets,
    google_ads,
    linkedin_ads,
    meta_ads,
    salesforce,
    sendgrid,
    targets,
)
from .writers.hubspot import OBJECTS, write_owners, write_pipelines

CRMS = ("hubspot", "salesforce")
GENERATED = (
    "hubspot",
    "salesforce",
    "google_ads",
    "meta_ads",
    "linkedin_ads",
    "sendgrid",
    "web",
    "targets",
    "_truth",
    ".demo_tmp",
)
SOURCES = (
    "hubspot",
    "google_ads",
    "meta_ads",
    "linkedin_ads",
    "sendgrid",
    "web",
    "targets",
    "_truth",
)


def _sum_dicts(dicts) -> dict:
    out: dict = {}
    for d in dicts:
        for k, v in d.items():
            out[k] = out.get(k, 0) + v
    return out


def _bytes(path: str) -> int:
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
    return total


def _totals(records: int, unique: int, duplicates: int, bad: int, **extra) -> dict:
    return {
        "records_written": records,
        "unique": unique,
        "duplicates": duplicates,
        "malformed": bad,
        **extra,
    }


def generate(
    out_dir: str,
    scale: str = "tiny",
    seed: int = 42,
    dirt_rate: float | None = None,
    workers: int | None = None,
    crm: str = "hubspot",
) -> dict:
    started = time.perf_counter()
    if scale not in C.SCALES:
        raise ValueError(f"unknown scale {scale!r}; one of {sorted(C.SCALES)}")
    if crm not in CRMS:
        raise ValueError(f"unknown crm {crm!r}; one of {list(CRMS)}")
    rate = C.DEFAULT_DIRT_RATE if dirt_rate is None else dirt_rate
    sc = C.SCALES[scale]
    n_shards = sc["shards"]
    workers = max(1, min(workers or os.cpu_count() or 1, n_shards))
    out_dir = os.path.abspath(out_dir)
    for name in GENERATED:
        shutil.rmtree(os.path.join(out_dir, name), ignore_errors=True)
    tmp = os.path.join(out_dir, ".demo_tmp")
    os.makedirs(tmp)

    shards = run_tasks(
        run_shard, [(seed, s, scale, rate, out_dir, tmp) for s in range(n_shards)], workers
    )
    rng = random.Random(f"malformed-{seed}")
    defects: list[tuple] = []
    totals: dict[str, dict] = {}

    # HubSpot: the shared listings, then each snapshot's pages chained across shards.
    owners = E.owners(sc)
    write_owners(out_dir, owners)
    write_pipelines(out_dir)
    counts = {
        o: [sum(r["hubspot_counts"][o][s] for r in shards) for s in range(3)] for o in OBJECTS
    }
    extras, specs = malformed.hubspot_extras(rng, counts, rate)
    tasks = [
        (out_dir, tmp, o, s, n_shards, extras.get((o, s), {})) for o in OBJECTS for s in range(3)
    ]
    pages = dict(
        zip(
            [(o, s) for o in OBJECTS for s in range(3)],
            run_tasks(run_pages, tasks, workers),
            strict=True,
        )
    )
    defects += malformed.resolve_hubspot(specs, pages)
    unique = _sum_dicts(r["hubspot_unique"] for r in shards)
    for o in OBJECTS:
        bad = sum(1 for spec in specs if spec[0] == o)
        written = sum(counts[o]) + bad
        extra = {"merged_away": sum(r["merged"] for r in shards)} if o == "contacts" else {}
        totals[f"hubspot/{o}"] = _totals(
            written, unique[o], written - unique[o] - bad, bad, **extra
        )
    totals["hubspot/owners"] = _totals(len(owners), len(owners), 0, 0)
    totals["hubspot/pipelines"] = _totals(2, 2, 0, 0)  # sales and expansion pipelines

    # Ads: metrics follow the sessions the shards tracked per campaign and day.
    ads = simulate_ads(
        seed,
        _sum_dicts(r["ad_sessions"] for r in shards),
        _sum_dicts(r["ad_leads"] for r in shards),
    )
    by_platform = {
        p: [a for a in ads if a.campaign.platform == p] for p in ("google", "meta", "linkedin")
    }
    fx = E.fx_rates(seed)
    ad_extras = malformed.ads_extras(rng, rate, {p: len(v) for p, v in by_platform.items()})
    n, d = google_ads.write(out_dir, by_platform["google"], seed, ad_extras["google"])
    defects += d
    totals["google_ads/campaign_report"] = _totals(
        n, len(by_platform["google"]), n - len(by_platform["google"]) - len(d), len(d)
    )
    n, d = meta_ads.write(out_dir, by_platform["meta"], ad_extras["meta"])
    defects += d
    totals["meta_ads/insights"] = _totals(n, n - len(d), 0, len(d))
    n, d = linkedin_ads.write(out_dir, by_platform["linkedin"], fx, ad_extras["linkedin"])
    defects += d
    totals["linkedin_ads/ad_analytics"] = _totals(n, n - len(d), 0, len(d))
    account_ids = {
        "google": C.GOOGLE_CUSTOMER_ID,
        "meta": C.META_ACCOUNT_ID,
        "linkedin": str(C.LINKEDIN_ACCOUNT_ID),
    }
    truth_dir = os.path.join(out_dir, "_truth")
    os.makedirs(truth_dir, exist_ok=True)
    write_csv(
        os.path.join(truth_dir, "ad_spend.csv"),
        (
            "date",
            "platform",
            "account_id",
            "campaign_id",
            "currency",
            "spend",
            "impressions",
            "clicks",
        ),
        (
            (
                day_str(a.day * C.DAY),
                a.campaign.platform,
                account_ids[a.campaign.platform],
                a.campaign.id,
                a.campaign.currency,
                f"{a.spend:.2f}",
                a.impressions,
                a.clicks,
            )
            for a in sorted(ads, key=lambda a: (a.day, a.campaign.platform, a.campaign.id))
        ),
    )

    # Email and web: malformed extras go into the files the shards wrote.
    sends = E.single_sends()
    sendgrid.write_single_sends(out_dir, sends)
    totals["sendgrid/singlesends"] = _totals(len(sends), len(sends), 0, 0)
    sg_records = sum(r["sendgrid_records"] for r in shards)
    d, unreadable = malformed.inject_sendgrid(rng, out_dir, sg_records, rate)
    defects += d
    sg_bad = len(d) - 1
    email_unique = _sum_dicts(r["email_unique"] for r in shards)
    email_dupes = _sum_dicts(r["email_dupes"] for r in shards)
    totals["sendgrid/events"] = _totals(
        sg_records + sg_bad,
        sum(email_unique.values()),
        sum(email_dupes.values()),
        sg_bad,
        unreadable_files=1,
        unreadable_records=unreadable,
    )
    write_csv(
        os.path.join(truth_dir, "email_events.csv"),
        ("event", "unique_events", "duplicate_deliveries"),
        ((e, email_unique[e], email_dupes.get(e, 0)) for e in sorted(email_unique)),
    )
    web_records = sum(r["web_records"] for r in shards)
    d = malformed.inject_web(rng, out_dir, web_records, rate)
    defects += d
    totals["web/events"] = _totals(
        web_records + len(d),
        sum(r["web_unique"] for r in shards),
        sum(r["web_dupes"] for r in shards),
        len(d),
    )

    n_quota, n_fx = targets.write(out_dir, owners, fx, seed, scale)
    totals["targets/quotas"] = _totals(n_quota, n_quota, 0, 0)
    totals["targets/fx_rates"] = _totals(n_fx, n_fx, 0, 0)

    assemble(tmp, truth_dir, n_shards, defects)
    revalue_open_deals(truth_dir, fx, max(r["deal_latest"] for r in shards))
    # The company's own costs and plan, consistent with what it spent and achieved.
    achieved = A.read(truth_dir)
    n_marketing, n_sales = costs.write(out_dir, owners, achieved)
    n_plan = funnel_targets.write(out_dir, achieved, seed)
    totals["targets/marketing_costs"] = _totals(n_marketing, n_marketing, 0, 0)
    totals["targets/sales_costs"] = _totals(n_sales, n_sales, 0, 0)
    totals["targets/funnel_targets"] = _totals(n_plan, n_plan, 0, 0)
    with open(os.path.join(truth_dir, "totals.json"), "wb") as fh:
        fh.write(orjson.dumps(totals, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
    shutil.rmtree(tmp)
    # Salesforce: the same company, translated from the HubSpot pages (which then go).
    sf_counts = salesforce.translate(out_dir) if crm == "salesforce" else {}

    truth = _truth_counts(truth_dir)
    sources = {}
    for src in SOURCES:
        recs = sum(v["records_written"] for k, v in totals.items() if k.split("/")[0] == src)
        if src == "_truth":
            recs = sum(truth.values())
        if src == "hubspot" and crm == "salesforce":
            src, recs = "salesforce", sum(sf_counts.values())
        sources[src] = {"records": recs, "bytes": _bytes(os.path.join(out_dir, src))}
    return {
        "out_dir": out_dir,
        "scale": scale,
        "seed": seed,
        "crm": crm,
        "dirt_rate": rate,
        "workers": workers,
        "elapsed_s": time.perf_counter() - started,
        "sources": sources,
        "totals": totals,
        "truth": truth,
    }


def _truth_counts(truth_dir: str) -> dict[str, int]:
    out = {}
    for name in (
        "contacts",
        "companies",
        "deals",
        "sessions",
        "lifecycle_transitions",
        "malformed",
    ):
        with open(os.path.join(truth_dir, f"{name}.csv"), "rb") as fh:
            out[name] = sum(1 for _ in fh) - 1
    with open(os.path.join(truth_dir, "deals.csv"), newline="") as fh:
        out["won_deals"] = sum(1 for r in csv.DictReader(fh) if r["outcome"] == "won")
    return out
