"""Fixtures of the lifecycle tests (test_lifecycle*.py, test_stage_mapping_seed.py) on the shared
tiny demo warehouse: the truth's contacts and the warehouse's contact funnel, by contact key.
A test module that defines a fixture of the same name uses its own.
"""

from __future__ import annotations

import pytest

from tests.core.lifecycle_truth import STAGES, truth_rows


@pytest.fixture(scope="module")
def truth_contacts(tiny) -> dict[str, dict]:
    return {f"hs_{row['contact_id']}": row for row in truth_rows(tiny, "contacts.csv")}


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
