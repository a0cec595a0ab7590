"""A local fake of the vendors' HTTP APIs serving a landing folder (tests only).

    with serve(landing_dir, page_size=5) as api:
        ...  # point ingestion at api.base_url with api.tokens[...]
        assert all(r.status == 200 for r in api.request_log)

See docs/landing-formats.md for the folder layout and server.serve() for options.
"""

from .auth import DEFAULT_TOKENS
from .server import DROPPED, Faults, LoggedRequest, VendorApiHandle, serve, start
from .webhooks import replay_sendgrid_webhooks

__all__ = [
    "DEFAULT_TOKENS",
    "DROPPED",
    "Faults",
    "LoggedRequest",
    "VendorApiHandle",
    "replay_sendgrid_webhooks",
    "serve",
    "start",
]
