"""Lifecycle facts of accounts vs the demo's truth (`_truth/companies.csv`, `contacts.csv`),
and the funnel invariants: stages in order, one row per key in every lifecycle model.
"""

from __future__ import annotations

from tests.core.lifecycle_truth import STAGES, to_second, truth_rows, ts


def test_accounts_customer_and_churn_dates_match_the_truth(tiny):
    companies = {f"hs_{r['company_id']}": r for r in truth_rows(tiny, "companies.csv")}
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
        assert to_second(customer_at) == ts(truth["customer_at"]), key
        # An account becomes a customer when its first contact does (all at the win).
        assert to_second(funnel_customer_at) == ts(truth["customer_at"]), key
        expected_churn = ts(truth["churned_at"]).date() if truth["churned_at"] else None
        assert (churned_at.date() if churned_at else None) == expected_churn, key
    assert sum(1 for c in companies.values() if c["churned_at"]) >= 1


def test_account_funnel_enters_a_stage_with_its_first_contact(tiny, truth_contacts):
    expected: dict[str, dict] = {}
    for contact in truth_contacts.values():
        account = expected.setdefault(f"hs_{contact['company_id']}", {})
        for stage in STAGES:
            if contact[f"{stage}_at"]:
                at = ts(contact[f"{stage}_at"])
                account[stage] = min(at, account.get(stage, at))
    columns = ", ".join(f"{s}_at, {s}_is_inferred" for s in STAGES)
    rows = tiny.query(f"select account_key, {columns} from core.fct_account_funnel")
    for row in rows:
        truth = expected.get(row[0], {})
        for i, stage in enumerate(STAGES):
            at, inferred = row[1 + 2 * i], row[2 + 2 * i]
            if not inferred:
                assert to_second(at) == truth.get(stage), (row[0], stage)
            else:
                assert stage not in truth or truth[stage] > to_second(at), (row[0], stage)


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
