"""The hand-built warehouse's cost and target inputs: the core tables the landing files
`targets/marketing_costs.csv`, `sales_costs.csv` and `funnel_targets.csv` become
(fct_program_costs, fct_sales_costs, fct_revenue_targets, fct_goals; docs/landing-formats.md
"Targets"), written directly with the hand story's numbers (USD). The goal marts match rep
goals by the owner's email: core.dim_owner gets an `email_normalized` column here."""

from __future__ import annotations

from tests.metrics.handbuilt_people import PEOPLE_ROWS
from tests.metrics.handbuilt_schema import DDL

_GOAL_COLUMNS = (
    "period_grain varchar, period_start date, metric varchar, segment varchar, team varchar,"
    " owner_email varchar, target_value double, is_summed_from_months boolean"
)

INPUT_DDL = {
    "core.fct_program_costs": (
        "month_start date, channel varchar, campaign_key varchar, cost_usd decimal(18, 2),"
        " description varchar"
    ),
    "core.fct_sales_costs": ("month_start date, cost_usd decimal(18, 2), description varchar"),
    "core.fct_revenue_targets": ("quarter_start date, revenue_target_usd decimal(18, 2)"),
    "core.fct_goals": _GOAL_COLUMNS,
    # dim_owner of handbuilt_schema plus the rep's email (<owner_key>@example.com).
    "core.dim_owner": DDL["core.dim_owner"] + ", email_normalized varchar",
}

INPUT_ROWS = {
    # month_start, channel, campaign_key, cost_usd, description
    "core.fct_program_costs": [
        ("2025-01-01", "email", None, "1500.00", "Email platform and nurture content"),
        ("2025-02-01", "email", None, "1500.00", "Email platform and nurture content"),
        ("2025-03-01", "email", None, "1500.00", "Email platform and nurture content"),
        ("2025-03-01", "events", None, "6000.00", "Quarterly field event"),
        ("2025-04-01", "email", None, "1500.00", "Email platform and nurture content"),
        ("2025-05-01", "email", None, "1500.00", "Email platform and nurture content"),
        ("2025-06-01", "email", None, "1500.00", "Email platform and nurture content"),
        ("2025-06-01", "events", None, "6000.00", "Quarterly field event"),
        ("2025-07-01", "email", None, "1500.00", "Email platform and nurture content"),
        ("2025-08-01", "email", None, "1500.00", "Email platform and nurture content"),
        ("2025-09-01", "email", None, "1500.00", "Email platform and nurture content"),
        ("2025-09-01", "events", None, "6000.00", "Quarterly field event"),
        ("2025-10-01", "email", None, "1500.00", "Email platform and nurture content"),
        ("2025-11-01", "email", None, "1500.00", "Email platform and nurture content"),
        ("2025-12-01", "email", None, "1500.00", "Email platform and nurture content"),
        ("2025-12-01", "events", None, "6000.00", "Quarterly field event"),
        ("2026-01-01", "email", None, "1500.00", "Email platform and nurture content"),
        ("2026-02-01", "email", None, "1500.00", "Email platform and nurture content"),
        ("2026-03-01", "email", None, "1500.00", "Email platform and nurture content"),
        ("2026-03-01", "events", None, "6000.00", "Quarterly field event"),
        ("2026-04-01", "email", None, "1500.00", "Email platform and nurture content"),
        ("2026-05-01", "email", None, "1500.00", "Email platform and nurture content"),
        ("2026-06-01", "email", None, "1500.00", "Email platform and nurture content"),
        ("2026-06-01", "events", None, "6000.00", "Quarterly field event"),
    ],
    # month_start, cost_usd, description
    "core.fct_sales_costs": [
        ("2025-01-01", "42000.00", "Sales team salaries and commissions (AEs + SDRs)"),
        ("2025-02-01", "42000.00", "Sales team salaries and commissions (AEs + SDRs)"),
        ("2025-03-01", "42000.00", "Sales team salaries and commissions (AEs + SDRs)"),
        ("2025-04-01", "42000.00", "Sales team salaries and commissions (AEs + SDRs)"),
        ("2025-05-01", "42000.00", "Sales team salaries and commissions (AEs + SDRs)"),
        ("2025-06-01", "42000.00", "Sales team salaries and commissions (AEs + SDRs)"),
        ("2025-07-01", "42000.00", "Sales team salaries and commissions (AEs + SDRs)"),
        ("2025-08-01", "42000.00", "Sales team salaries and commissions (AEs + SDRs)"),
        ("2025-09-01", "42000.00", "Sales team salaries and commissions (AEs + SDRs)"),
        ("2025-10-01", "42000.00", "Sales team salaries and commissions (AEs + SDRs)"),
        ("2025-11-01", "42000.00", "Sales team salaries and commissions (AEs + SDRs)"),
        ("2025-12-01", "42000.00", "Sales team salaries and commissions (AEs + SDRs)"),
        ("2026-01-01", "42000.00", "Sales team salaries and commissions (AEs + SDRs)"),
        ("2026-02-01", "42000.00", "Sales team salaries and commissions (AEs + SDRs)"),
        ("2026-03-01", "42000.00", "Sales team salaries and commissions (AEs + SDRs)"),
        ("2026-04-01", "42000.00", "Sales team salaries and commissions (AEs + SDRs)"),
        ("2026-05-01", "42000.00", "Sales team salaries and commissions (AEs + SDRs)"),
        ("2026-06-01", "42000.00", "Sales team salaries and commissions (AEs + SDRs)"),
    ],
    # quarter_start, revenue_target_usd
    "core.fct_revenue_targets": [
        ("2025-01-01", "60000.00"),
        ("2025-04-01", "70000.00"),
        ("2025-07-01", "80000.00"),
        ("2025-10-01", "90000.00"),
        ("2026-01-01", "100000.00"),
        ("2026-04-01", "110000.00"),
        ("2026-07-01", "120000.00"),
        ("2026-10-01", "130000.00"),
    ],
    # period_grain, period_start, metric, segment, team, owner_email, target_value,
    # is_summed_from_months: Q1 2025 MQLs (P1 in January, P2 in February), hs_1's leads
    "core.fct_goals": [
        ("month", "2025-01-01", "mqls", "(all)", "(all)", "(all)", 2.0, False),
        ("month", "2025-02-01", "mqls", "(all)", "(all)", "(all)", 2.0, False),
        ("quarter", "2025-01-01", "mqls", "(all)", "(all)", "(all)", 4.0, True),
        ("month", "2025-01-01", "leads", "(all)", "(all)", "hs_1@example.com", 1.0, False),
    ],
    "core.dim_owner": [[*row, f"{row[0]}@example.com"] for row in PEOPLE_ROWS["core.dim_owner"]],
}
