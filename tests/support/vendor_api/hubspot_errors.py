"""HubSpot's error bodies: authentication, rate limits, bad requests, server errors."""

from __future__ import annotations

import uuid
from typing import Any

from . import auth
from .protocol import ApiError, Request, Response, json_response


def error(status: int, category: str, message: str, **extra: Any) -> Response:
    return json_response(
        status,
        {
            "status": "error",
            "message": message,
            "correlationId": str(uuid.uuid4()),
            "category": category,
            **extra,
        },
    )


def bad_request(message: str) -> ApiError:
    return ApiError(error(400, "VALIDATION_ERROR", message))


def authenticate(req: Request) -> Response | None:
    token = req.bearer()
    if token is None:
        return error(
            401,
            "INVALID_AUTHENTICATION",
            "Authentication credentials not found. This API supports OAuth 2.0 "
            "authentication and you can find more details at "
            "https://developers.hubspot.com/docs/methods/auth/oauth-overview",
        )
    if not auth.matches(token, req.ctx.tokens["hubspot"]):
        return error(
            401,
            "INVALID_AUTHENTICATION",
            "The OAuth token used to make this call expired or is invalid.",
        )
    return None


def throttled() -> Response:
    resp = error(
        429,
        "RATE_LIMITS",
        "You have reached your secondly limit.",
        errorType="RATE_LIMIT",
        policyName="SECONDLY",
        groupName="publicapi",
    )
    resp.headers.update(
        {
            "Retry-After": "1",
            "X-HubSpot-RateLimit-Interval-Milliseconds": "10000",
            "X-HubSpot-RateLimit-Remaining": "0",
        }
    )
    return resp


def server_error() -> Response:
    return error(500, "INTERNAL_ERROR", "internal error")
