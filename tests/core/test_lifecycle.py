"""Lifecycle facts of contacts vs the demo's truth: stages reached and when, transitions,
recycling, disqualification, churn, nurture.

Expectations come from the simulator's truth files (`_truth/contacts.csv`,
`lifecycle_transitions.csv`), never from the warehouse's own output. Accounts and funnel
invariants: test_lifecycle_accounts.py; the stage mapping seed: test_stage_mapping_seed.py.
"""

from __future__ import annotations

from collections import Counter

from tests.core.lifecycle_truth import STAGES, to_second, truth_rows, ts


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
            if to_second(funnel[key][f"{stage}_entered_at"]) != ts(truth[f"{stage}_at"]):
                mismatches.append(
                    (key, stage, funnel[key][f"{stage}_entered_at"], truth[f"{stage}_at"])
                )
            # Filled: the first time at this stage or any later one.
            reached = [
                ts(truth[f"{later}_at"])
                for later in STAGES[STAGES.index(stage) :]
                if truth[f"{later}_at"]
            ]
            if to_second(funnel[key][f"{stage}_at"]) != (min(reached) if reached else None):
                mismatches.append((key, f"{stage} (filled)", funnel[key][f"{stage}_at"], reached))
    assert not mismatches, mismatches[:10]


def test_recycling_disqualification_churn_and_nurture_match_the_truth(funnel, truth_contacts):
    recycled = {k: int(c["recycled_count"]) for k, c in truth_contacts.items()}
    assert {k: f["recycle_count"] for k, f in funnel.items()} == recycled
    assert sum(recycled.values()) > 0
    disqualified = {k: ts(c["disqualified_at"]) for k, c in truth_contacts.items()}
    assert {k: to_second(f["disqualified_at"]) for k, f in funnel.items()} == disqualified
    assert any(disqualified.values())
    # The CRM stores churn as a date.
    churned = {
        k: ts(c["churned_at"]).date() if c["churned_at"] else None
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
    truth = truth_rows(tiny, "lifecycle_transitions.csv")
    ours = tiny.query("""
        select contact_key, from_stage, to_stage, transitioned_at, transition_number
        from core.fct_lifecycle_transitions
    """)

    def exact(rows):
        return Counter((c, t, a) for c, t, a in rows if t not in ("nurture", "churned"))

    assert exact((f"hs_{r['contact_id']}", r["to_stage"], ts(r["at"])) for r in truth) == exact(
        (c, t, to_second(a)) for c, _, t, a, _ in ours
    )
    churn = Counter(
        (f"hs_{r['contact_id']}", ts(r["at"]).date()) for r in truth if r["to_stage"] == "churned"
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
