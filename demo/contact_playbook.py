"""The playbook fields of a contact (docs/playbook.md §1, §6): its HubSpot properties as
created, and its truth columns `persona, disqualification_reason, owner_assigned_at`.

Both read the finished story (`c.changes` after any truncation by a deal), so the truth
states what the vendor records say.
"""

from __future__ import annotations

from .catalog import Contact
from .personas import persona
from .timefmt import iso_truth
from .vocabulary import TITLE_DEPARTMENT

# Appended to the header of _truth/contacts.csv (demo/truth.py).
TRUTH_COLUMNS = ("persona", "disqualification_reason", "owner_assigned_at")


def base_properties(c: Contact) -> dict:
    """Contact properties as created: the department is known, the rest comes later."""
    return {
        "hs_role": TITLE_DEPARTMENT[c.title],
        "hubspot_owner_assigneddate": None,
        "disqualification_reason": None,
    }


def truth_row(c: Contact) -> tuple[str, str, str]:
    """persona (the seed's rule on title, seniority, department); the current
    disqualification reason; the first owner assignment (the one after the first MQL)."""
    reason, assigned = "", None
    for t, prop, value, _ in sorted(c.changes, key=lambda x: x[0]):
        if prop == "disqualification_reason":
            reason = value
        elif prop == "hubspot_owner_assigneddate" and assigned is None:
            assigned = t
    return (
        persona(c.title, c.seniority, TITLE_DEPARTMENT[c.title]),
        reason,
        iso_truth(assigned),
    )
