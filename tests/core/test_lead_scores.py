"""Lead scores vs demo/scoring.py and the demo's truth (mql_by_score_at, mql_at).

Expectations come from the simulator's truth files and scoring.py itself, never from the
warehouse's own output.
"""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from demo.scoring import SCORING, fit_score

REPO_SEEDS = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds"


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


def test_the_weights_seed_mirrors_scoring_py():
    with open(REPO_SEEDS / "lead_score_weights.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    seed: dict = {"fit": {}, "engagement": {}}
    for row in rows:
        points = int(row["points"])
        if row["component"] == "threshold":
            seed["threshold"] = points
        elif row["component"] == "engagement":
            seed["engagement"][row["attribute"]] = points
        elif row["attribute"] == "company_size":
            seed["fit"].setdefault("company_size", []).append([int(row["value"]), points])
        elif row["attribute"] == "decision_maker":
            seed["fit"]["decision_maker"] = points
        else:
            seed["fit"].setdefault(row["attribute"], {})[row["value"]] = points
    seed["fit"]["company_size"].sort(reverse=True)
    assert seed == SCORING


def test_fit_scores_match_scoring_py(tiny):
    rows = tiny.query("""
        select dim_contact.contact_key, dim_contact.seniority, dim_contact.number_of_employees,
            dim_contact.industry, dim_contact.is_decision_maker, scores.fit_score
        from core.dim_contact
        inner join core.fct_lead_scores as scores
            on dim_contact.contact_key = scores.contact_key and scores.scoring_source = 'fit'
    """)
    assert len(rows) == tiny.query("select count(*) from core.dim_contact")[0][0]
    wrong = [r for r in rows if fit_score(r[1], r[2], r[3], bool(r[4])) != r[5]]
    assert not wrong, wrong[:5]


def test_mql_threshold_crossings_match_the_truth_exactly(tiny, truth_contacts):
    expected = {
        k: _ts(c["mql_by_score_at"]) for k, c in truth_contacts.items() if c["mql_by_score_at"]
    }
    rows = tiny.query("""
        select contact_key, mql_threshold_crossed_at from core.fct_lead_scores
        where crossed_mql_threshold
    """)
    assert len(rows) == len({r[0] for r in rows}), "one crossing per contact"
    assert {k: _second(at) for k, at in rows} == expected
    assert len(expected) > 50


def test_running_scores_only_grow_and_cross_once(tiny):
    [(decreases, crossings_below)] = tiny.query("""
        select
            count(*) filter (where running_score < previous_score),
            count(*) filter (where crossed_mql_threshold and running_score < mql_threshold)
        from (
            select *, lag(running_score) over (
                partition by contact_key order by scoring_event_number) as previous_score
            from core.fct_lead_scores
        )
    """)
    assert (decreases, crossings_below) == (0, 0)


def test_crm_mql_and_score_agreement_match_the_truth(tiny, truth_contacts):
    rows = tiny.query("""
        select contact_key, crm_mql_at, score_mql_at, mql_agreement, tolerance_hours
        from core.fct_lead_score_summary
    """)
    assert {r[0]: _second(r[1]) for r in rows} == {
        k: _ts(c["mql_at"]) for k, c in truth_contacts.items()
    }
    tolerance = timedelta(hours=rows[0][4])

    def agreement(crm, score):
        if crm is None and score is None:
            return "neither"
        if crm is None:
            return "score_only"
        if score is None:
            return "crm_only"
        return "agree" if abs(crm - score) <= tolerance else "disagree"

    expected = {
        k: agreement(_ts(c["mql_at"]), _ts(c["mql_by_score_at"])) for k, c in truth_contacts.items()
    }
    assert {r[0]: r[3] for r in rows} == expected
    assert sum(1 for v in expected.values() if v == "agree") > 50
