"""The hand-built warehouse's inputs of the stalled-items marts (docs/metrics/stalled.md):
the lifecycle transitions and deal stage history behind the story of handbuilt.py, and the
columns those marts read on top of the shared relations (owner and account names, the
deals' BANT and stage order). Only adds: tables and columns derived from the shared DDL and
rows, so the other marts see the same data.

  transitions  P1 lead 01-10, mql 01-20, sal 02-02, sql 02-10, opportunity 02-15,
               customer 02-19; P2 lead 01-15, mql 02-05, recycled 02-20, mql 03-05,
               disqualified 03-10; P3 lead 01-25, sql 03-01 (mql, sal skipped) and no more
               (x1-x10 and the columns are handbuilt_playbook.py's feedback fixture)
  stages       D1 qualification_call 01-10 00:00, proposal_sent 02-01 09:00, won 02-19;
               D2 qualification_call 01-20 09:00, lost 03-01 10:00; D3 qualification_call
               02-01 00:00, negotiation 03-10 09:00, won 04-11; D4 qualification_call
               03-01 09:00, proposal_sent 03-20 09:00 (open); D5 demo_scheduled 03-15 09:00
               (open) — the dealstage history of handbuilt_deals.py
  BANT         D1, D5 all confirmed; D2 none; D3 no authority; D4 no budget, no timeline
  activities   + a meeting on D4 (2025-04-20 12:00) and a call to P3 (2025-03-03 00:00)
"""

from __future__ import annotations

from tests.metrics.handbuilt_deals import DEAL_ROWS
from tests.metrics.handbuilt_inputs import INPUT_DDL, INPUT_ROWS
from tests.metrics.handbuilt_people import PEOPLE_ROWS
from tests.metrics.handbuilt_playbook import FEEDBACK_DDL, FEEDBACK_ROWS
from tests.metrics.handbuilt_schema import DDL

# The transitions of the feedback fixture (x1-x10), plus P1's way on to customer.
_TRANSITIONS = [
    *FEEDBACK_ROWS["core.fct_lifecycle_transitions"],
    ("x11", "hs_p1", 4, "sql", 4, "2025-02-10", False),
    ("x12", "hs_p1", 5, "opportunity", 5, "2025-02-15", False),
    ("x13", "hs_p1", 6, "customer", 6, "2025-02-19", False),
]

# deal, [(deal stage id, sales stage, order, closed, entered_at)] in time order.
_STAGES = {
    "hs_1": [
        ("qualificationcall", "qualification_call", 1, False, "2025-01-10 00:00"),
        ("proposalsent", "proposal_sent", 4, False, "2025-02-01 09:00"),
        ("closedwon", "closed_won", 6, True, "2025-02-19 00:00"),
    ],
    "hs_2": [
        ("qualificationcall", "qualification_call", 1, False, "2025-01-20 09:00"),
        ("closedlost", "closed_lost", 7, True, "2025-03-01 10:00"),
    ],
    "hs_3": [
        ("qualificationcall", "qualification_call", 1, False, "2025-02-01 00:00"),
        ("negotiation", "negotiation", 5, False, "2025-03-10 09:00"),
        ("closedwon", "closed_won", 6, True, "2025-04-11 00:00"),
    ],
    "hs_4": [
        ("qualificationcall", "qualification_call", 1, False, "2025-03-01 09:00"),
        ("proposalsent", "proposal_sent", 4, False, "2025-03-20 09:00"),
    ],
    "hs_5": [("demoscheduled", "demo_scheduled", 2, False, "2025-03-15 09:00")],
}


def _stage_rows() -> list[list]:
    rows = []
    for deal, stages in _STAGES.items():
        for i, (stage_id, stage, order, closed, entered) in enumerate(stages):
            exited = stages[i + 1][4] if i + 1 < len(stages) else None
            rows.append([f"{deal}_{i + 1}", deal, stage_id, stage, order, closed, entered, exited])
    return rows


# opportunity_key -> current_stage_order, bant_budget, bant_authority, bant_need, bant_timeline
_DEAL_EXTRAS = {
    "hs_1": [6, True, True, True, True],
    "hs_2": [7, False, False, False, False],
    "hs_3": [6, True, False, True, True],
    "hs_4": [4, False, True, True, False],
    "hs_5": [2, True, True, True, True],
}
_OWNER_NAMES = {"hs_1": "Ana Ruiz", "hs_2": "Ben Ito", "hs_3": "Cleo Park"}
_ACCOUNT_NAMES = {"hs_c1": "Acme", "hs_c2": "Globex", "hs_c3": "Initech", "hs_c5": "Umbrella"}

STALLED_DDL = {
    "core.fct_lifecycle_transitions": FEEDBACK_DDL["core.fct_lifecycle_transitions"],
    "core.fct_opportunity_stage_history": (
        "opportunity_stage_id varchar, opportunity_key varchar, deal_stage_id varchar, "
        "sales_stage varchar, sales_stage_order integer, is_closed_stage boolean, "
        "entered_at timestamp, exited_at timestamp"
    ),
    "core.fct_opportunities": DDL["core.fct_opportunities"]
    + ", current_stage_order integer, bant_budget boolean, bant_authority boolean,"
    " bant_need boolean, bant_timeline boolean",
    "core.dim_owner": INPUT_DDL["core.dim_owner"] + ", full_name varchar",
    "core.dim_account": DDL["core.dim_account"] + ", account_name varchar",
}

STALLED_ROWS = {
    "core.fct_lifecycle_transitions": _TRANSITIONS,
    "core.fct_opportunity_stage_history": _stage_rows(),
    "core.fct_opportunities": [
        [*row, *_DEAL_EXTRAS[row[0]]] for row in DEAL_ROWS["core.fct_opportunities"]
    ],
    "core.dim_owner": [[*row, _OWNER_NAMES[row[0]]] for row in INPUT_ROWS["core.dim_owner"]],
    "core.dim_account": [[*row, _ACCOUNT_NAMES[row[0]]] for row in PEOPLE_ROWS["core.dim_account"]],
    "core.fct_sales_activities": [
        *PEOPLE_ROWS["core.fct_sales_activities"],
        ["a9", "meeting", "hs_3", None, None, "hs_4", "2025-04-20 12:00"],
        ["a10", "call", "hs_1", "hs_p3", ["hs_p3"], None, "2025-03-03 00:00"],
    ],
}
