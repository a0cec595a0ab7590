"""One closed loop whatever the CRM (docs/salesforce.md): the README's
`make run CRM=salesforce` on the tiny demo company, against the same company in HubSpot.

One real `make run CRM=salesforce SCALE=tiny SEED=3` (demo written as Salesforce Bulk API
CSVs, raw, dbt models and tests, the GX suites, publish, summary). Its warehouse is compared
with the recorded truth of the company (computed here from `_truth/`, independently of the
models) and with the HubSpot build of the same seed and scale (the session's `tiny`
warehouse): the funnel, velocity and sales sections `make run` prints must be the same text.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import duckdb

from reporting import playbook, summary
from tests.core.lifecycle_truth import STAGES, to_second, ts


def test_make_run_crm_salesforce_succeeds_and_publishes(salesforce_run):
    job = salesforce_run.job
    assert job.returncode == 0, job.stdout[-4000:] + job.stderr[-4000:]
    assert (salesforce_run.landing / "salesforce" / "Lead").is_dir()
    assert not (salesforce_run.landing / "hubspot").exists()
    assert "Published for BI" in job.stdout


def _salesforce_contact_keys(run) -> dict[str, str]:
    """Generator contact id -> the warehouse key of that person in Salesforce: the Contact
    for a converted lead, else the Lead (docs/salesforce.md §4)."""
    ids: dict[str, dict[str, str]] = {}
    for row in run.truth("salesforce_ids.csv"):
        ids.setdefault(row["generator_id"], {})[row["object"]] = row["salesforce_id"]
    return {
        gen: "sf_" + (objs.get("Contact") or objs["Lead"])
        for gen, objs in ids.items()
        if "Lead" in objs or "Contact" in objs
    }


def test_each_stage_was_entered_by_the_contacts_the_truth_says_when_it_says(salesforce_run):
    truth = {c["contact_id"]: c for c in salesforce_run.truth("contacts.csv")}
    keys = _salesforce_contact_keys(salesforce_run)
    cols = ", ".join(f"{s}_entered_at" for s in STAGES)
    funnel = {
        row[0]: dict(zip(STAGES, row[1:], strict=True))
        for row in salesforce_run.query(f"select contact_key, {cols} from core.fct_contact_funnel")
    }
    assert set(funnel) == {keys[c] for c in truth}
    wrong = [
        (cid, stage, funnel[keys[cid]][stage], row[f"{stage}_at"])
        for cid, row in truth.items()
        for stage in STAGES
        if to_second(funnel[keys[cid]][stage]) != ts(row[f"{stage}_at"])
    ]
    assert wrong == []


def test_won_deals_and_won_revenue_equal_the_truth(salesforce_run):
    won = [d for d in salesforce_run.truth("deals.csv") if d["outcome"] == "won"]
    ((count, revenue),) = salesforce_run.query(
        "select count(*), sum(amount_usd) from core.fct_opportunities where is_won"
    )
    assert count == len(won)
    assert Decimal(revenue) == sum(Decimal(d["amount_usd"]) for d in won)


def _printed(warehouse: Path) -> list[list[str]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return [
            summary.funnel(con),
            summary.velocity(con),
            summary.sales(con),
            summary.top_channels(con),
            # Per rep (the key names the CRM's owner id, so only the figures compare) and
            # the total: open and weighted pipeline, quota, coverage.
            sorted(
                " ".join(re.sub(r"\b(hs|sf)_\w+", "<rep>", line).split())
                for line in summary.pipeline_coverage(con)
            ),
            # The playbook lines: NRR / GRR, goals of the last full month, stalled items.
            playbook.retention(con),
            playbook.goals(con),
            playbook.stalled(con),
        ]


def test_the_printed_funnel_velocity_sales_and_channels_are_those_of_the_hubspot_build(
    salesforce_run, tiny
):
    """Shared activities (TaskRelation / EventRelation) give every contact of a call, email
    or meeting its sales touch, as HubSpot's associations do: the revenue per channel of
    every attribution model is the same too."""
    assert tiny.dbt_returncode == 0, tiny.dbt_output[-3000:]
    expected = _printed(tiny.warehouse)
    assert _printed(salesforce_run.warehouse) == expected
    assert len(expected[0]) > 5  # the funnel has its stage rows, not just a header
    assert len(expected[3]) > 2  # the channel table has channel rows
    assert any("quota" in line and "<rep>" in line for line in expected[4])
    assert any("NRR" in line and "GRR" in line for line in expected[5])
    assert any("attainment" in line for line in expected[6]) and len(expected[6]) > 5
    assert any("open deals" in line for line in expected[7])
