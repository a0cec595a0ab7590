"""A generated P-256 key pair that signs request bodies the way SendGrid's Signed Event
Webhook does: ECDSA / SHA-256 over `timestamp + raw body`, DER signature in base64."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from ingestion.webhooks.signature import SignatureVerifier


@dataclass
class WebhookKey:
    private: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )

    @property
    def public_b64(self) -> str:
        """The public key as SendGrid shows it: base64 DER SubjectPublicKeyInfo."""
        der = self.private.public_key().public_bytes(
            Encoding.DER, PublicFormat.SubjectPublicKeyInfo
        )
        return base64.b64encode(der).decode()

    @property
    def public_pem(self) -> str:
        pem = self.private.public_key().public_bytes(
            Encoding.PEM, PublicFormat.SubjectPublicKeyInfo
        )
        return pem.decode()

    def sign(self, payload: bytes, timestamp: str) -> str:
        """A signer for tests.support.vendor_api.replay_sendgrid_webhooks."""
        der = self.private.sign(timestamp.encode() + payload, ec.ECDSA(hashes.SHA256()))
        return base64.b64encode(der).decode()

    def verifier(self, max_skew: int = 300) -> SignatureVerifier:
        return SignatureVerifier.from_env(
            {
                "SENDGRID_WEBHOOK_PUBLIC_KEY": self.public_b64,
                "SENDGRID_WEBHOOK_MAX_SKEW_SECONDS": str(max_skew),
            }
        )
