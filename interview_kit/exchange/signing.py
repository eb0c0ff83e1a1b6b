"""Signatures that prove who made a scorecard bundle.

Every panel member shares the panel passphrase, so the seal alone cannot tell one
interviewer from another. Each person therefore has their own Ed25519 key pair: the
bundle is signed with the private half (which never leaves that person's computer) over
its canonical JSON (:func:`~interview_kit.exchange.formats.signed_bytes`), and carries
the public half. The receiving database knows each interviewer's public key (confirmed
by its fingerprint the first time) and refuses a bundle signed by any other key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from interview_kit.exchange.errors import ExchangeFileError, FileProblem
from interview_kit.exchange.formats import ScorecardBundle, SignatureRecord, signed_bytes


def new_private_key() -> bytes:
    """A fresh private key, as the 32 raw bytes to keep (and keep secret)."""
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )


def public_key_of(private_key: bytes) -> str:
    """The public half of a raw private key, base64 (what files and databases carry)."""
    public = Ed25519PrivateKey.from_private_bytes(private_key).public_key()
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def fingerprint(public_key: str) -> str:
    """What two people read to each other to confirm a key: the first 32 hex digits of
    its SHA-256 in groups of four, e.g. ``3f2a 91c0 …``."""
    digest = hashlib.sha256(base64.b64decode(public_key)).hexdigest()[:32]
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def sign_bundle(bundle: ScorecardBundle, private_key: bytes) -> ScorecardBundle:
    """The bundle with its signature (any earlier signature replaced)."""
    unsigned = bundle.model_copy(update={"signature": None})
    key = Ed25519PrivateKey.from_private_bytes(private_key)
    signature = key.sign(signed_bytes(unsigned))
    return unsigned.model_copy(
        update={
            "signature": SignatureRecord(
                public_key=public_key_of(private_key),
                signature=base64.b64encode(signature).decode("ascii"),
            )
        }
    )


def verify_bundle(bundle: ScorecardBundle) -> str | None:
    """The public key that signed the bundle, ``None`` if it is unsigned; a signature
    that does not match the content is :class:`ExchangeFileError` (``BAD_SIGNATURE``)."""
    if bundle.signature is None:
        return None
    try:
        public = Ed25519PublicKey.from_public_bytes(
            base64.b64decode(bundle.signature.public_key, validate=True)
        )
        public.verify(
            base64.b64decode(bundle.signature.signature, validate=True), signed_bytes(bundle)
        )
    except (InvalidSignature, ValueError, binascii.Error):
        raise ExchangeFileError(
            FileProblem.BAD_SIGNATURE,
            "this scorecard bundle's signature does not match its content: it was changed "
            "after its interviewer signed it. Do not use it; ask them for a fresh copy",
        ) from None
    return bundle.signature.public_key
