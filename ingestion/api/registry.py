"""API readers per raw table (the vendor HTTP APIs through dlt's REST client).

A reader is wrapped in an `ApiProvider` (ingestion/api/provider.py) whose chunks fill `recs`
from API pages, so the API path shares validation, quarantine and loading with the files path.
"""

from __future__ import annotations

from ingestion.api import google_ads, hubspot, linkedin_ads, meta_ads, salesforce, sendgrid
from ingestion.api.provider import ApiProvider
from ingestion.config import VendorConfig
from ingestion.contracts import TableContract

# SendGrid events are pushed (webhook receiver -> landing files): files even in API mode.
FILES_ONLY = {"sendgrid__events"}

READERS = {
    **hubspot.READERS,
    **salesforce.READERS,
    **google_ads.READERS,
    **meta_ads.READERS,
    **linkedin_ads.READERS,
    **sendgrid.READERS,
}
ENUMS = {**hubspot.ENUMS}


def provider_for(contract: TableContract, vendor: VendorConfig) -> ApiProvider | None:
    if contract.name in FILES_ONLY:
        return None
    if contract.name not in READERS:
        raise NotImplementedError(f"no API reader for {contract.name}")
    return ApiProvider(vendor, READERS[contract.name], ENUMS)
