"""SendGrid's Signed Event Webhook: who may push events into the landing folder.

SendGrid signs each Event Webhook POST with ECDSA P-256 / SHA-256 over the bytes of the
`X-Twilio-Email-Event-Webhook-Timestamp` header followed by the raw body, and sends the
signature (DER, base64) in `X-Twilio-Email-Event-Webhook-Signature` (as the official helpers
verify it, e.g. sendgrid-python's `EventWebhook.verify_signature`). The verification key is
the base64 DER (SubjectPublicKeyInfo) string SendGrid shows under Settings > Mail Settings >
Event Webhook; a PEM block is accepted too.

Environment: SENDGRID_WEBHOOK_PUBLIC_KEY (the key), SENDGRID_WEBHOOK_MAX_SKEW_SECONDS
(allowed clock skew, default 300; 0 = no timestamp window), SENDGRID_WEBHOOK_INSECURE=1
(accept unsigned requests; local use only).
"""

from __future__ import annotations

import base64
import binascii
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import load_der_public_key, load_pem_public_key

SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature"
TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp"
KEY_VAR = "SENDGRID_WEBHOOK_PUBLIC_KEY"
SKEW_VAR = "SENDGRID_WEBHOOK_MAX_SKEW_SECONDS"
INSECURE_VAR = "SENDGRID_WEBHOOK_INSECURE"
DEFAULT_MAX_SKEW = 300
_EPOCH_SECONDS = re.compile(r"[0-9]{1,12}")


class WebhookConfigError(ValueError):
    """The receiver cannot start as configured (the message names what to fix)."""


class Rejected(Exception):
    """A request that must not land: `status` is the HTTP answer, `reason` the log text."""

    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status
        self.reason = reason


def load_public_key(text: str) -> ec.EllipticCurvePublicKey:
    """SendGrid's verification key: base64 DER SubjectPublicKeyInfo, or a PEM block."""
    text = text.strip()
    try:
        if "-----BEGIN" in text:
            key = load_pem_public_key(text.encode("ascii"))
        else:
            key = load_der_public_key(base64.b64decode("".join(text.split()), validate=True))
    except (ValueError, UnicodeEncodeError, binascii.Error):
        raise WebhookConfigError(
            f"{KEY_VAR} is not a public key: expected the base64 DER verification key "
            "SendGrid shows (or a PEM block)"
        ) from None
    if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve, ec.SECP256R1):
        raise WebhookConfigError(f"{KEY_VAR} is not an ECDSA P-256 public key")
    return key


def _max_skew(env: Mapping[str, str]) -> int:
    raw = (env.get(SKEW_VAR) or "").strip() or str(DEFAULT_MAX_SKEW)
    if not raw.isdecimal() or not raw.isascii():
        raise WebhookConfigError(f"{SKEW_VAR} must be a whole number of seconds, not {raw!r}")
    return int(raw)


def insecure_from_env(env: Mapping[str, str]) -> bool:
    return (env.get(INSECURE_VAR) or "").strip().lower() in ("1", "true", "yes")


@dataclass(frozen=True)
class SignatureVerifier:
    public_key: ec.EllipticCurvePublicKey
    max_skew: int = DEFAULT_MAX_SKEW  # seconds either way; 0 = no timestamp window
    clock: Callable[[], float] = field(default=time.time, compare=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> SignatureVerifier | None:
        """The verifier the environment asks for; None when no key is set."""
        skew = _max_skew(env)
        key = (env.get(KEY_VAR) or "").strip()
        return cls(load_public_key(key), skew) if key else None

    def check(self, signature: str | None, timestamp: str | None, body: bytes) -> None:
        """Raise Rejected unless `body` was signed by SendGrid's key within the window."""
        if not signature:
            raise Rejected(401, f"missing {SIGNATURE_HEADER} header")
        if not timestamp:
            raise Rejected(401, f"missing {TIMESTAMP_HEADER} header")
        try:
            der = base64.b64decode(signature.strip(), validate=True)
        except (binascii.Error, ValueError):
            raise Rejected(401, "signature is not valid base64") from None
        try:
            # http.server decodes header bytes as latin-1: this gives back the bytes sent.
            signed = timestamp.encode("latin-1") + body
            self.public_key.verify(der, signed, ec.ECDSA(hashes.SHA256()))
        except (InvalidSignature, ValueError, UnicodeEncodeError):
            raise Rejected(401, "signature does not match the body and timestamp") from None
        if not _EPOCH_SECONDS.fullmatch(timestamp):
            raise Rejected(403, f"timestamp {timestamp[:40]!r} is not epoch seconds")
        skew = abs(self.clock() - int(timestamp))
        if self.max_skew and skew > self.max_skew:
            raise Rejected(
                403, f"stale timestamp: {skew:.0f} s from now, window is {self.max_skew} s"
            )
