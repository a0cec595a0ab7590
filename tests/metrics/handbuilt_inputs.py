"""The hand-built warehouse's cost and target inputs: the core tables the landing files
`targets/marketing_costs.csv`, `sales_costs.csv` and `funnel_targets.csv` become
(fct_program_costs, fct_sales_costs, fct_revenue_targets; docs/landing-formats.md
"Targets"), written directly with the hand story's numbers (USD)."""

from __future__ import annotations

INPUT_DDL = {
    "core.fct_program_costs": (
        "month_start date, channel varchar, campaign_key varchar, cost_usd decimal(18, 2),"
        " description varchar"
    ),
    "core.fct_sales_costs": ("month_start date, cost_usd decimal(18, 2), description varchar"),
    "core.fct_revenue_targets": ("quarter_start date, revenue_target_usd decimal(18, 2)"),
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
}
