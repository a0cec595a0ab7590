"""Lifecycle facts vs the demo's truth: stages reached and when, transitions, recycling,
disqualification, churn, accounts; funnel invariants; the stage mapping seed drives it all.

Expectations come from the simulator's truth files (`_truth/contacts.csv`,
`lifecycle_transitions.csv`, `companies.csv`), never from the warehouse's own output.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[2]
STAGES = ("lead", "mql", "sal", "sql", "opportunity", "customer", "evangelist")


def _truth_rows(tiny, name: str) -> list[dict]:
    with open(tiny.truth / name, newline="") as fh:
        return list(csv.DictReader(fh))


def _ts(value: str) -> datetime | None:
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ") if value else None


def _second(value: datetime | None) -> datetime | None:
    return value.replace(microsecond=0) if value is not None else None


@pytest.fixture(scope="module")
def truth_contacts(tiny) -> dict[str, dict]:
    return {f"hs_{row['contact_id']}": row for row in _truth_rows(tiny, "contacts.csv")}


@pytest.fixture(scope="module")
def funnel(tiny) -> dict[str, dict]:
    columns = [
        "contact_key",
        "account_key",
        "visitor_at",
        "disqualified_at",
        "churned_at",
        "recycle_count",
        "nurture_program",
        "path_type",
        "current_stage",
    ]
    for stage in STAGES:
        columns += [f"{stage}_at", f"{stage}_entered_at", f"{stage}_is_inferred"]
    rows = tiny.query(f"select {', '.join(columns)} from core.fct_contact_funnel")
    return {row[0]: dict(zip(columns, row, strict=True)) for row in rows}


def test_the_number_of_contacts_that_entered_each_stage_matches_the_truth(funnel, truth_contacts):
    expected = {s: sum(1 for c in truth_contacts.values() if c[f"{s}_at"]) for s in STAGES}
    actual = {s: sum(1 for f in funnel.values() if f[f"{s}_entered_at"]) for s in STAGES}
    assert actual == expected
    # Not inferred = really entered (the truth's stages are monotonic, so no stage was
    # entered after a later one).
    not_inferred = {
        s: sum(1 for f in funnel.values() if f[f"{s}_at"] and not f[f"{s}_is_inferred"])
        for s in STAGES
    }
    assert not_inferred == expected
    assert expected["customer"] >= 5 and expected["evangelist"] >= 1


def test_filled_funnel_counts_everyone_at_or_beyond_each_stage(funnel, truth_contacts):
    """A skipped stage counts as reached (inferred): counts are monotonic along the funnel."""
    expected = {
        s: sum(1 for c in truth_contacts.values() if any(c[f"{later}_at"] for later in STAGES[i:]))
        for i, s in enumerate(STAGES)
    }
    actual = {s: sum(1 for f in funnel.values() if f[f"{s}_at"]) for s in STAGES}
    assert actual == expected
    counts = [actual[s] for s in STAGES]
    assert counts == sorted(counts, reverse=True)
    inferred = {s: sum(1 for f in funnel.values() if f[f"{s}_is_inferred"]) for s in STAGES}
    assert inferred == {
        s: expected[s] - sum(1 for c in truth_contacts.values() if c[f"{s}_at"]) for s in STAGES
    }
    assert inferred["mql"] > 0, "the tiny demo has leads that skip MQL (buying-group members)"


def test_first_entered_timestamps_match_the_truth_to_the_second(funnel, truth_contacts):
    assert set(funnel) == set(truth_contacts)
    mismatches = []
    for key, truth in truth_contacts.items():
        for stage in STAGES:
            if _second(funnel[key][f"{stage}_entered_at"]) != _ts(truth[f"{stage}_at"]):
                mismatches.append(
                    (key, stage, funnel[key][f"{stage}_entered_at"], truth[f"{stage}_at"])
                )
            # Filled: the first time at this stage or any later one.
            reached = [
                _ts(truth[f"{later}_at"])
                for later in STAGES[STAGES.index(stage) :]
                if truth[f"{later}_at"]
            ]
            if _second(funnel[key][f"{stage}_at"]) != (min(reached) if reached else None):
                mismatches.append((key, f"{stage} (filled)", funnel[key][f"{stage}_at"], reached))
    assert not mismatches, mismatches[:10]


def test_recycling_disqualification_churn_and_nurture_match_the_truth(funnel, truth_contacts):
    recycled = {k: int(c["recycled_count"]) for k, c in truth_contacts.items()}
    assert {k: f["recycle_count"] for k, f in funnel.items()} == recycled
    assert sum(recycled.values()) > 0
    disqualified = {k: _ts(c["disqualified_at"]) for k, c in truth_contacts.items()}
    assert {k: _second(f["disqualified_at"]) for k, f in funnel.items()} == disqualified
    assert any(disqualified.values())
    # The CRM stores churn as a date.
    churned = {
        k: _ts(c["churned_at"]).date() if c["churned_at"] else None
        for k, c in truth_contacts.items()
    }
    assert {
        k: f["churned_at"].date() if f["churned_at"] else None for k, f in funnel.items()
    } == churned
    assert any(churned.values())
    programs = {k: c["nurture_program"] or None for k, c in truth_contacts.items()}
    agree = sum(1 for k, f in funnel.items() if f["nurture_program"] == programs[k])
    # Bounced contacts get no program email; their CRM program is the latest, not the first.
    assert agree >= 0.97 * len(programs)


def test_transitions_match_the_truth(tiny, truth_contacts):
    """Every truth transition, at the same second, and no other (nurture enrollments, which
    the exports only show through the program's first email, are compared by contact;
    churn by day, as the CRM records a date)."""
    truth = _truth_rows(tiny, "lifecycle_transitions.csv")
    ours = tiny.query("""
        select contact_key, from_stage, to_stage, transitioned_at, transition_number
        from core.fct_lifecycle_transitions
    """)

    def exact(rows):
        return Counter((c, t, a) for c, t, a in rows if t not in ("nurture", "churned"))

    assert exact((f"hs_{r['contact_id']}", r["to_stage"], _ts(r["at"])) for r in truth) == exact(
        (c, t, _second(a)) for c, _, t, a, _ in ours
    )
    churn = Counter(
        (f"hs_{r['contact_id']}", _ts(r["at"]).date()) for r in truth if r["to_stage"] == "churned"
    )
    assert churn == Counter((c, a.date()) for c, _, t, a, _ in ours if t == "churned")
    nurtured = {f"hs_{r['contact_id']}" for r in truth if r["to_stage"] == "nurture"}
    ours_nurtured = {c for c, _, t, _, _ in ours if t == "nurture"}
    assert ours_nurtured <= nurtured
    assert len(ours_nurtured) >= 0.9 * len(nurtured)
    # A contact's first transition starts from `visitor` exactly when it came from the web.
    first_from = {c: f for c, f, _, _, n in ours if n == 1}
    truth_first = {}
    for r in truth:
        truth_first.setdefault(f"hs_{r['contact_id']}", r["from_stage"] or None)
    assert first_from == truth_first


def test_accounts_customer_and_churn_dates_match_the_truth(tiny):
    companies = {f"hs_{r['company_id']}": r for r in _truth_rows(tiny, "companies.csv")}
    rows = tiny.query("""
        select dim_account.account_key, dim_account.domain, dim_account.customer_at,
            dim_account.churned_at, fct_account_funnel.customer_at
        from core.dim_account
        inner join core.fct_account_funnel using (account_key)
    """)
    assert {r[0] for r in rows} == set(companies)
    for key, domain, customer_at, churned_at, funnel_customer_at in rows:
        truth = companies[key]
        assert domain == truth["domain"]
        assert _second(customer_at) == _ts(truth["customer_at"]), key
        # An account becomes a customer when its first contact does (all at the win).
        assert _second(funnel_customer_at) == _ts(truth["customer_at"]), key
        expected_churn = _ts(truth["churned_at"]).date() if truth["churned_at"] else None
        assert (churned_at.date() if churned_at else None) == expected_churn, key
    assert sum(1 for c in companies.values() if c["churned_at"]) >= 1


def test_account_funnel_enters_a_stage_with_its_first_contact(tiny, truth_contacts):
    expected: dict[str, dict] = {}
    for contact in truth_contacts.values():
        account = expected.setdefault(f"hs_{contact['company_id']}", {})
        for stage in STAGES:
            if contact[f"{stage}_at"]:
                at = _ts(contact[f"{stage}_at"])
                account[stage] = min(at, account.get(stage, at))
    columns = ", ".join(f"{s}_at, {s}_is_inferred" for s in STAGES)
    rows = tiny.query(f"select account_key, {columns} from core.fct_account_funnel")
    for row in rows:
        truth = expected.get(row[0], {})
        for i, stage in enumerate(STAGES):
            at, inferred = row[1 + 2 * i], row[2 + 2 * i]
            if not inferred:
                assert _second(at) == truth.get(stage), (row[0], stage)
            else:
                assert stage not in truth or truth[stage] > _second(at), (row[0], stage)


def test_funnel_invariants(tiny, funnel):
    order = ["visitor_at", *(f"{s}_at" for s in STAGES)]
    for key, row in funnel.items():
        seen = [row[c] for c in order if row[c] is not None]
        assert seen == sorted(seen), key
    for model, key in [
        ("intermediate.int_contacts__resolved", "hubspot_contact_id"),
        ("intermediate.int_contacts__emails", "email_normalized"),
        ("intermediate.int_visitors__stitched", "anonymous_id"),
        ("intermediate.int_contacts__accounts", "contact_key"),
        ("intermediate.int_lifecycle__stage_changes", "stage_change_id"),
        ("core.dim_contact", "contact_key"),
        ("core.dim_account", "account_key"),
        ("core.dim_owner", "owner_key"),
        ("core.fct_lifecycle_transitions", "transition_id"),
        ("core.fct_contact_funnel", "contact_key"),
        ("core.fct_account_funnel", "account_key"),
        ("core.fct_lead_scores", "lead_score_event_id"),
        ("core.fct_lead_score_summary", "contact_key"),
    ]:
        [(rows, keys)] = tiny.query(f"select count(*), count(distinct {key}) from {model}")
        assert rows == keys, model
    [(contacts, funnels)] = tiny.query(
        "select (select count(*) from core.dim_contact),"
        " (select count(*) from core.fct_contact_funnel)"
    )
    assert contacts == funnels


def test_the_stage_mapping_seed_drives_the_funnel(tiny, truth_contacts, tmp_path):
    """Map HubSpot `salesqualifiedlead` to mql instead of sql: SQL is then never really
    entered (only filled from opportunity), and MQL is entered by everyone who reached
    MQL or SQL, at the earlier of the two."""
    project = tmp_path / "dbt_project"
    shutil.copytree(
        REPO / "dbt_project",
        project,
        ignore=shutil.ignore_patterns("target", "logs", "dbt_packages"),
    )
    seed = project / "seeds" / "stage_mapping.csv"
    text = seed.read_text()
    assert "hubspot,lifecyclestage,salesqualifiedlead,sql,false" in text
    seed.write_text(
        text.replace(
            "hubspot,lifecyclestage,salesqualifiedlead,sql,false",
            "hubspot,lifecyclestage,salesqualifiedlead,mql,false",
        )
    )
    data = tmp_path / "data"
    data.mkdir()
    warehouse = data / "warehouse.duckdb"  # same file name: views name their catalog
    shutil.copyfile(tiny.warehouse, warehouse)
    env = {
        **os.environ,
        "CLOSEDLOOP_WAREHOUSE": str(warehouse),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    }
    target = tmp_path / "target"
    dbt = Path(sys.executable).with_name("dbt")
    # The models' data tests already ran in the tiny build; here only the numbers matter.
    result = subprocess.run(
        [
            str(dbt),
            "build",
            "--profiles-dir",
            ".",
            "--target-path",
            str(target),
            "--select",
            "stage_mapping+,+fct_contact_funnel",
            "--exclude-resource-type",
            "test",
            "--exclude-resource-type",
            "unit_test",
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        [(mql_entered, sql_entered, sql_filled, sql_inferred)] = con.execute("""
            select count(mql_entered_at), count(sql_entered_at), count(sql_at),
                count(*) filter (where sql_is_inferred)
            from core.fct_contact_funnel
        """).fetchall()
        [(mql_transitions,)] = con.execute(
            "select count(*) from core.fct_lifecycle_transitions where to_stage = 'mql'"
        ).fetchall()
        mql_times = dict(
            con.execute(
                "select contact_key, mql_entered_at from core.fct_contact_funnel"
            ).fetchall()
        )
    reached_mql_or_sql = {
        k: min(_ts(c[s]) for s in ("mql_at", "sql_at") if c[s])
        for k, c in truth_contacts.items()
        if c["mql_at"] or c["sql_at"]
    }
    # SQL is now only reached by filling it from a later stage.
    beyond_sql = sum(
        1
        for c in truth_contacts.values()
        if any(c[f"{s}_at"] for s in STAGES[STAGES.index("opportunity") :])
    )
    assert sql_entered == 0
    assert sql_filled == sql_inferred == beyond_sql
    assert mql_entered == len(reached_mql_or_sql)
    assert sum(1 for c in truth_contacts.values() if c["sql_at"]) > 0
    # Every SQL transition of the truth is now an MQL one (SQL always follows SAL there).
    transitions = Counter(r["to_stage"] for r in _truth_rows(tiny, "lifecycle_transitions.csv"))
    assert mql_transitions == transitions["mql"] + transitions["sql"]
    assert {k: _second(v) for k, v in mql_times.items() if v} == reached_mql_or_sql
