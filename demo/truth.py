"""The simulator's truth: what really happened, written next to the vendor data.

Shards append rows to scratch CSVs (no header); `assemble` concatenates them in shard order
under the headers of docs/landing-formats.md.
"""

from __future__ import annotations

import csv
import os
import shutil

from .contact_playbook import TRUTH_COLUMNS as CONTACT_PLAYBOOK_COLUMNS

TABLES = {
    "contacts": (
        "contact_id",
        "email",
        "company_id",
        "owner_id",
        "visitor_ids",
        "merged_ids",
        "lead_at",
        "mql_at",
        "sal_at",
        "sql_at",
        "opportunity_at",
        "customer_at",
        "evangelist_at",
        "disqualified_at",
        "recycled_count",
        "nurture_program",
        "churned_at",
        "mql_by_score_at",
        *CONTACT_PLAYBOOK_COLUMNS,
    ),
    "lifecycle_transitions": ("contact_id", "from_stage", "to_stage", "at"),
    "companies": ("company_id", "domain", "industry", "employees", "customer_at", "churned_at"),
    "deals": (
        "deal_id",
        "company_id",
        "owner_id",
        "created_at",
        "closed_at",
        "outcome",
        "amount",
        "currency",
        "amount_usd",
        "initial_close_date",
        "final_close_date",
        "close_date_pushes",
        "loss_reason",
        "buying_group",
        "deal_type",
        "pipeline_id",
    ),
    "sessions": (
        "session_id",
        "visitor_id",
        "contact_id",
        "started_at",
        "channel",
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "click_id_type",
        "before_identification",
    ),
    "malformed": ("source", "file", "locator", "defect", "detail"),
    "branches": ("branch", "entity_type", "entity_id", "detail"),
}


class TruthScratch:
    def __init__(self, tmp_dir: str, shard: int):
        self.handles = {}
        self.writers = {}
        for name in TABLES:
            d = os.path.join(tmp_dir, "truth", name)
            os.makedirs(d, exist_ok=True)
            fh = open(os.path.join(d, f"{shard:03d}.csv"), "w", newline="")  # noqa: SIM115
            self.handles[name] = fh
            self.writers[name] = csv.writer(fh, lineterminator="\n")
        self.contact = self.writers["contacts"].writerow
        self.transition = self.writers["lifecycle_transitions"].writerow
        self.company = self.writers["companies"].writerow
        self.deal = self.writers["deals"].writerow
        self.session = self.writers["sessions"].writerow
        self.malformed = self.writers["malformed"].writerow
        self.branch = self.writers["branches"].writerow

    def close(self) -> None:
        for fh in self.handles.values():
            fh.close()


def assemble(tmp_dir: str, truth_dir: str, shards: int, extra_malformed: list[tuple]) -> None:
    os.makedirs(truth_dir, exist_ok=True)
    for name, header in TABLES.items():
        with open(os.path.join(truth_dir, f"{name}.csv"), "wb") as out:
            out.write((",".join(header) + "\n").encode())
            for shard in range(shards):
                path = os.path.join(tmp_dir, "truth", name, f"{shard:03d}.csv")
                with open(path, "rb") as fh:
                    shutil.copyfileobj(fh, out, 1 << 20)
        if name == "malformed" and extra_malformed:
            with open(os.path.join(truth_dir, "malformed.csv"), "a", newline="") as fh:
                csv.writer(fh, lineterminator="\n").writerows(extra_malformed)


def revalue_open_deals(truth_dir: str, fx: dict, snapshot_ts: int) -> None:
    """An open deal's amount_usd is at the rate of the snapshot day (the day of the latest
    deal event), as docs/bi-contract.md §6 values it."""
    from .entities import fx_on

    path = os.path.join(truth_dir, "deals.csv")
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        if r["outcome"] == "open":
            r["amount_usd"] = f"{float(r['amount']) * fx_on(fx, r['currency'], snapshot_ts):.2f}"
    write_csv(path, TABLES["deals"], ([r[k] for k in TABLES["deals"]] for r in rows))


def write_csv(path: str, header: tuple, rows) -> None:
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
