"""The credentials the fake accepts; each vendor module applies its own scheme."""

from __future__ import annotations

import hmac

# Keys are the names ingestion uses for the sources; Google Ads needs two secrets.
DEFAULT_TOKENS: dict[str, str] = {
    "hubspot": "hubspot-test-token",
    # Salesforce: the connected app's client credentials; access tokens are issued by the fake.
    "salesforce_client_id": "salesforce-test-client-id",
    "salesforce_client_secret": "salesforce-test-client-secret",
    "google_ads": "google-ads-test-access-token",
    "google_ads_developer_token": "google-ads-test-developer-token",
    "meta_ads": "meta-test-access-token",
    "linkedin_ads": "linkedin-test-token",
    "sendgrid": "SG.sendgrid-test-key",
}


def resolve_tokens(overrides: dict[str, str] | None) -> dict[str, str]:
    unknown = set(overrides or {}) - set(DEFAULT_TOKENS)
    if unknown:
        raise ValueError(f"unknown token names {sorted(unknown)}; known: {sorted(DEFAULT_TOKENS)}")
    return {**DEFAULT_TOKENS, **(overrides or {})}


def matches(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())
