"""The raw-layer contract of every vendor object: one module per vendor, assembled here.

Each `TableContract` says which vendor fields a raw table keeps, their types, which are
required, the merge key, how the newest record of a key is chosen, and the rules whose
violation sends a record to `raw._quarantine`. docs/raw-tables.md is the prose of this package:
change both together. The validator (ingestion/validate.py) turns a contract into SQL; no
source-specific `if`s live anywhere else.
"""

from __future__ import annotations

from ingestion.contracts import (
    google_ads,
    hubspot,
    linkedin_ads,
    meta_ads,
    salesforce,
    sendgrid,
    targets,
    web,
)
from ingestion.contracts.fields import (
    DATE,
    DECIMAL_STR,
    DIGITS,
    EPOCH_TS,
    FUTURE_OK,
    INT_STR,
    ISO_TS,
    NON_NEGATIVE,
    POSITIVE,
    SF_ID,
    TYPES,
    Derived,
    Field,
    TableContract,
    column_name,
)

__all__ = [
    "BY_NAME",
    "CONTRACTS",
    "DATE",
    "DECIMAL_STR",
    "DIGITS",
    "EPOCH_TS",
    "FUTURE_OK",
    "INT_STR",
    "ISO_TS",
    "NON_NEGATIVE",
    "POSITIVE",
    "SF_ID",
    "SOURCES",
    "TYPES",
    "Derived",
    "Field",
    "TableContract",
    "column_name",
    "contracts_of",
]

# One module per vendor; the order here is the order of CONTRACTS (and of SOURCES).
CONTRACTS: tuple[TableContract, ...] = (
    *hubspot.CONTRACTS,
    *salesforce.CONTRACTS,
    *google_ads.CONTRACTS,
    *meta_ads.CONTRACTS,
    *linkedin_ads.CONTRACTS,
    *sendgrid.CONTRACTS,
    *web.CONTRACTS,
    *targets.CONTRACTS,
)

BY_NAME: dict[str, TableContract] = {c.name: c for c in CONTRACTS}
SOURCES: tuple[str, ...] = tuple(dict.fromkeys(c.source for c in CONTRACTS))


def contracts_of(source: str) -> list[TableContract]:
    return [c for c in CONTRACTS if c.source == source]
