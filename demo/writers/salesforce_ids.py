"""Salesforce record Ids: key prefix, a 12-character body and the case-checksum suffix.

A 15-character Id is case-sensitive; the 18-character form appends three characters, one
per 5-character chunk, that encode which characters of the chunk are upper case (bit i set
when character i is A-Z), looked up in `A-Z0-5`.
"""

from __future__ import annotations

import string

BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
CHECKSUM_CHARS = string.ascii_uppercase + "012345"
POD = "5g0"  # instance characters (2) + reserved (1) of the demo org

PREFIX = {
    "Lead": "00Q",
    "Contact": "003",
    "Account": "001",
    "Opportunity": "006",
    "User": "005",
    "Task": "00T",
    "Event": "00U",
    "TaskRelation": "0RT",
    "EventRelation": "0RE",
    "OpportunityHistory": "008",
    "OpportunityContactRole": "00K",
    "LeadHistory": "017",
    "ContactHistory": "017",
    "OpportunityFieldHistory": "017",
    "Campaign": "701",
    "CampaignMember": "00v",
    "UserRole": "00E",
}


def checksum(id15: str) -> str:
    out = []
    for chunk in (id15[0:5], id15[5:10], id15[10:15]):
        bits = 0
        for i, ch in enumerate(chunk):
            if "A" <= ch <= "Z":
                bits |= 1 << i
        out.append(CHECKSUM_CHARS[bits])
    return "".join(out)


def sfid(obj: str, n: int) -> str:
    """The 18-character Id of record number `n` (>= 0, < 62**9) of object `obj`."""
    body = []
    for _ in range(9):
        n, r = divmod(n, 62)
        body.append(BASE62[r])
    if n:
        raise ValueError("record number too large for a Salesforce Id")
    id15 = PREFIX[obj] + POD + "".join(reversed(body))
    return id15 + checksum(id15)


class Sequence:
    """Numbers the derived records (history rows, roles) of one key prefix in write order."""

    def __init__(self, obj: str, start: int = 1):
        self.obj, self.n = obj, start

    def __call__(self) -> str:
        self.n += 1
        return sfid(self.obj, self.n - 1)
