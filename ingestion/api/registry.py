"""API readers per raw table (the vendor HTTP APIs through dlt's REST client).

Not implemented yet: asking for API mode fails loudly instead of silently reading files.
A reader will be a provider (ingestion/providers.py) whose chunks fill `recs` from API pages,
so the API path shares validation, quarantine and loading with the files path.
"""

from __future__ import annotations

from ingestion.config import VendorConfig
from ingestion.contracts import TableContract

# SendGrid events are pushed (webhook receiver -> landing files): files even in API mode.
FILES_ONLY = {"sendgrid__events"}


def provider_for(contract: TableContract, vendor: VendorConfig):
    if contract.name in FILES_ONLY:
        return None
    raise NotImplementedError(
        f"CLOSEDLOOP_{vendor.name.upper()}_MODE=api: the {vendor.name} API reader is not "
        f"implemented yet ({contract.name}); unset the variable to read the landing folder")
