"""Each vendor's own auth scheme is enforced, with its own error body."""

from __future__ import annotations

import pytest

from tests.support.vendor_api import serve

from .client import call

GAQL = {"query": "SELECT campaign.id FROM campaign"}
META = (
    "/v21.0/act_2345/insights?level=campaign&time_increment=1"
    "&time_range=%7B%22since%22%3A%222025-01-01%22%2C%22until%22%3A%222025-01-02%22%7D"
)
LINKEDIN_HEADERS = {"LinkedIn-Version": "202410", "X-Restli-Protocol-Version": "2.0.0"}


@pytest.fixture(scope="module")
def api(handmade_landing):
    with serve(handmade_landing, tokens={"hubspot": "pat-na1-secret"}) as handle:
        yield handle


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_hubspot_bearer(api):
    url = f"{api.base_url}/crm/v3/objects/contacts"
    missing = call("GET", url)
    wrong = call("GET", url, headers=_bearer("hubspot-test-token"))  # the default was overridden
    right = call("GET", url, headers=_bearer("pat-na1-secret"))
    assert missing.status == wrong.status == 401
    assert missing.json()["category"] == "INVALID_AUTHENTICATION"
    assert missing.json()["message"].startswith("Authentication credentials not found")
    assert right.status == 200


def test_google_ads_needs_bearer_and_developer_token(api):
    url = f"{api.base_url}/v17/customers/1234567890/googleAds:search"
    bearer = _bearer(api.tokens["google_ads"])
    developer = {"developer-token": api.tokens["google_ads_developer_token"]}
    no_bearer = call("POST", url, headers=developer, json_body=GAQL)
    no_developer = call("POST", url, headers=bearer, json_body=GAQL)
    bad_developer = call("POST", url, headers={**bearer, "developer-token": "x"}, json_body=GAQL)
    right = call("POST", url, headers={**bearer, **developer}, json_body=GAQL)
    for reply in (no_bearer, no_developer, bad_developer):
        assert reply.status == 401
        assert reply.json()["error"]["status"] == "UNAUTHENTICATED"
    errors = no_developer.json()["error"]["details"][0]["errors"]
    assert errors[0]["errorCode"] == {"authenticationError": "DEVELOPER_TOKEN_PARAMETER_MISSING"}
    assert right.status == 200


def test_meta_token_in_query_or_header(api):
    url = f"{api.base_url}{META}"
    missing = call("GET", url)
    wrong = call("GET", f"{url}&access_token=nope")
    in_query = call("GET", f"{url}&access_token={api.tokens['meta_ads']}")
    in_header = call("GET", url, headers=_bearer(api.tokens["meta_ads"]))
    assert missing.status == wrong.status == 400
    assert wrong.json()["error"]["code"] == 190
    assert wrong.json()["error"]["type"] == "OAuthException"
    assert in_query.status == in_header.status == 200


def test_linkedin_needs_bearer_version_and_restli_header(api):
    url = f"{api.base_url}/rest/adAccounts?q=search"
    token = _bearer(api.tokens["linkedin_ads"])
    assert call("GET", url, headers=LINKEDIN_HEADERS).status == 401
    no_version = call("GET", url, headers={**token, "X-Restli-Protocol-Version": "2.0.0"})
    assert no_version.status == 400 and no_version.json()["code"] == "VERSION_MISSING"
    bad_version = call(
        "GET", url, headers={**token, **LINKEDIN_HEADERS, "LinkedIn-Version": "2024-10"}
    )
    assert bad_version.status == 426
    assert call("GET", url, headers={**token, "LinkedIn-Version": "202410"}).status == 400
    assert call("GET", url, headers={**token, **LINKEDIN_HEADERS}).status == 200


def test_sendgrid_bearer(api):
    url = f"{api.base_url}/v3/marketing/singlesends"
    missing = call("GET", url)
    assert missing.status == 401
    assert missing.json() == {"errors": [{"field": None, "message": "authorization required"}]}
    assert call("GET", url, headers=_bearer(api.tokens["sendgrid"])).status == 200


def test_unknown_paths_and_token_names(api, handmade_landing):
    assert call("GET", f"{api.base_url}/crm/v4/objects/contacts").status == 404
    assert call("DELETE", f"{api.base_url}/crm/v3/owners").status == 405
    with (
        pytest.raises(ValueError, match="unknown token names"),
        serve(handmade_landing, tokens={"hubspott": "x"}),
    ):
        pass
