"""Sealing: a payload encrypted and authenticated with a passphrase, in one file.

Layout of format version 1 (all integers big-endian)::

    offset  size  field
    0       8     magic  b"\\x89IKX\\r\\n\\x1a\\n"
    8       2     format version (1)
    10      4     header length H
    14      8     body length B
    22      H     header: UTF-8 JSON (kind, cipher, KDF and its parameters, nonce, key check)
    22+H    B     body: the zlib-compressed payload, encrypted with AES-256-GCM
    22+H+B  4     CRC-32 of every byte before it

The key comes from scrypt over the passphrase with a random salt; the first 32 bytes it
derives are the AES key, the next 16 are stored as a *key check*. Everything before the
body (magic, version, lengths, header) is the GCM associated data, so none of it can be
changed without the file failing to open.

The redundancy is there so each failure gets its own message: the lengths tell a
truncated file; the CRC tells bytes damaged in transit; the key check tells a wrong
passphrase; and a file whose CRC and key check pass but whose GCM tag fails was changed
on purpose by someone who recomputed the checksum: tampered. (The CRC protects nothing
against an attacker; GCM does. It only sorts accidents from intent.)

The magic's first byte has the high bit set and it holds CR LF, ^Z and LF, so a transfer
that mangles binary files (7-bit mail, line-ending conversion) shows as damage at once.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import os
import struct
import unicodedata
import zlib
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from interview_kit.exchange.errors import ExchangeFileError, FileProblem

MAGIC = b"\x89IKX\r\n\x1a\n"
FORMAT_VERSION = 1
SUPPORTED_VERSIONS = frozenset({FORMAT_VERSION})

_PREFIX = struct.Struct(">8sHIQ")
_CRC = struct.Struct(">I")
PREFIX_SIZE = _PREFIX.size
TRAILER_SIZE = _CRC.size
MAX_HEADER = 16 * 1024
MAX_BODY = 1 << 30
MAX_PAYLOAD = 64 * 1024 * 1024
"""Largest payload a file may inflate to; more is refused rather than filling memory."""

CIPHER = "AES-256-GCM"
KDF_NAME = "scrypt"
SALT_SIZE = 16
NONCE_SIZE = 12
KEY_SIZE = 32
CHECK_SIZE = 16
TAG_SIZE = 16


class FileKind(StrEnum):
    PANEL_PACK = "panel_pack"
    SCORECARD_BUNDLE = "scorecard_bundle"

    @property
    def label(self) -> str:
        return "panel pack" if self is FileKind.PANEL_PACK else "scorecard bundle"


MIN_KDF_N = 2**10
MAX_KDF_N = 2**16
KDF_R = 8
KDF_P = 1


@dataclass(frozen=True)
class KdfParams:
    """scrypt cost: ``n`` (CPU/memory, a power of two), ``r`` (block size), ``p``."""

    n: int = 2**16
    r: int = 8
    p: int = 1

    def check(self) -> None:
        """Refuse costs no writer of ours uses, so a crafted header cannot exhaust memory.

        The ceiling is the cost we write (:data:`DEFAULT_KDF`): at most 64 MiB and a
        fraction of a second, whatever the file names. Cheaper powers of two down to
        2^10 open too (tests seal with them); ``r`` and ``p`` must be ours exactly.
        """
        if not (MIN_KDF_N <= self.n <= MAX_KDF_N and self.n & (self.n - 1) == 0):
            raise ValueError(f"scrypt n must be a power of two between 2^10 and 2^16, got {self.n}")
        if (self.r, self.p) != (KDF_R, KDF_P):
            raise ValueError(f"scrypt r={self.r}, p={self.p} out of range (we write r=8, p=1)")

    @property
    def memory(self) -> int:
        """Bytes scrypt needs for these parameters (128 * r * n, times p in sequence)."""
        return 128 * self.r * self.n


DEFAULT_KDF = KdfParams()
"""64 MiB and about 0.2 s per key on a laptop core: paid once to seal and once to open,
so an import stays interactive, while each guess at a stolen file's passphrase costs
an attacker the same."""


@dataclass(frozen=True)
class Unsealed:
    kind: FileKind
    format_version: int
    payload: bytes


def seal(payload: bytes, passphrase: str, kind: FileKind, *, kdf: KdfParams = DEFAULT_KDF) -> bytes:
    """The sealed file's bytes for ``payload``; a fresh salt and nonce every time."""
    if not passphrase:
        raise ValueError("a passphrase is required to seal a file")
    kdf.check()
    salt = os.urandom(SALT_SIZE)
    nonce = os.urandom(NONCE_SIZE)
    key, key_check = _derive(passphrase, salt, kdf)
    header = {
        "kind": kind.value,
        "cipher": CIPHER,
        "compression": "zlib",
        "kdf": {"name": KDF_NAME, "n": kdf.n, "r": kdf.r, "p": kdf.p, "salt": _b64(salt)},
        "nonce": _b64(nonce),
        "key_check": _b64(key_check),
    }
    header_bytes = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    compressed = zlib.compress(payload, 6)
    body_length = len(compressed) + TAG_SIZE
    prefix = _PREFIX.pack(MAGIC, FORMAT_VERSION, len(header_bytes), body_length) + header_bytes
    body = AESGCM(key).encrypt(nonce, compressed, prefix)
    sealed = prefix + body
    return sealed + _CRC.pack(zlib.crc32(sealed))


def read_kind(data: bytes) -> tuple[FileKind, int]:
    """The kind and format version of a sealed file, without the passphrase.

    Raises :class:`ExchangeFileError` for everything :func:`unseal` would report before
    it needs the passphrase (not ours, truncated, damaged, unknown version).
    """
    header, version, _prefix_end, _body = _parse_outer(data)
    return _header_kind(header), version


def unseal(data: bytes, passphrase: str, expected: FileKind | None = None) -> Unsealed:
    """The payload of a sealed file, or :class:`ExchangeFileError` saying what is wrong."""
    header, version, prefix_end, body = _parse_outer(data)
    kind = _header_kind(header)
    if expected is not None and kind is not expected:
        raise ExchangeFileError(
            FileProblem.WRONG_KIND,
            f"this is a {kind.label}, not a {expected.label}",
        )
    salt, nonce, key_check, kdf = _header_crypto(header)
    key, derived_check = _derive(passphrase, salt, kdf)
    if not hmac.compare_digest(derived_check, key_check):
        raise ExchangeFileError(
            FileProblem.WRONG_PASSPHRASE,
            f"the passphrase does not open this {kind.label}; check it with whoever sent "
            "the file (passphrases are case-sensitive)",
        )
    try:
        compressed = AESGCM(key).decrypt(nonce, body, data[:prefix_end])
    except InvalidTag:
        raise ExchangeFileError(
            FileProblem.TAMPERED,
            f"this {kind.label} fails its authenticity check: its content was changed after "
            "it was sealed. Do not use it; ask the sender for a fresh copy",
        ) from None
    return Unsealed(kind, version, _inflate(compressed, kind))


def _parse_outer(data: bytes) -> tuple[dict[str, Any], int, int, bytes]:
    if not data:
        raise ExchangeFileError(FileProblem.TRUNCATED, "the file is empty")
    if len(data) < len(MAGIC):
        if MAGIC.startswith(data):
            raise ExchangeFileError(
                FileProblem.TRUNCATED, "the file is truncated: it ends inside its header"
            )
        raise _not_ours()
    if not data.startswith(MAGIC):
        if _looks_mangled(data):
            raise ExchangeFileError(
                FileProblem.CORRUPTED,
                "the file is corrupted: its first bytes were altered, as a text-mode "
                "transfer does; send it again as a binary attachment",
            )
        raise _not_ours()
    if len(data) < PREFIX_SIZE:
        raise ExchangeFileError(
            FileProblem.TRUNCATED, "the file is truncated: it ends inside its header"
        )
    _magic, version, header_length, body_length = _PREFIX.unpack_from(data)
    if version not in SUPPORTED_VERSIONS:
        if version > FORMAT_VERSION:
            raise ExchangeFileError(
                FileProblem.UNKNOWN_FORMAT_VERSION,
                f"the file uses format version {version}, newer than this app reads "
                f"(version {FORMAT_VERSION}); update Interview Kit to open it",
            )
        raise ExchangeFileError(
            FileProblem.UNKNOWN_FORMAT_VERSION,
            f"the file uses format version {version}, which this app does not know "
            f"(it reads version {FORMAT_VERSION})",
        )
    if header_length > MAX_HEADER or body_length > MAX_BODY or body_length < TAG_SIZE:
        raise ExchangeFileError(
            FileProblem.CORRUPTED, "the file is corrupted: its header gives impossible sizes"
        )
    prefix_end = PREFIX_SIZE + header_length
    expected_size = prefix_end + body_length + TRAILER_SIZE
    if len(data) < expected_size:
        missing = expected_size - len(data)
        raise ExchangeFileError(
            FileProblem.TRUNCATED,
            f"the file is truncated: {missing} byte{'s' if missing != 1 else ''} missing of "
            f"{expected_size} (an interrupted copy or download?); ask for it again",
        )
    if len(data) > expected_size:
        extra = len(data) - expected_size
        raise ExchangeFileError(
            FileProblem.CORRUPTED,
            f"the file is corrupted: {extra} unexpected byte{'s' if extra != 1 else ''} "
            "after its end; ask for it again",
        )
    (stored_crc,) = _CRC.unpack_from(data, expected_size - TRAILER_SIZE)
    if zlib.crc32(data[: expected_size - TRAILER_SIZE]) != stored_crc:
        raise ExchangeFileError(
            FileProblem.CORRUPTED,
            "the file is corrupted: its checksum does not match (damaged in transit or on "
            "disk); ask for it again",
        )
    try:
        header = json.loads(data[PREFIX_SIZE:prefix_end].decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        header = None
    if not isinstance(header, dict):
        raise ExchangeFileError(
            FileProblem.CORRUPTED, "the file is corrupted: its header is unreadable"
        )
    body = data[prefix_end : prefix_end + body_length]
    return header, version, prefix_end, body


def _header_kind(header: dict[str, Any]) -> FileKind:
    try:
        return FileKind(str(header.get("kind")))
    except ValueError:
        raise ExchangeFileError(
            FileProblem.CORRUPTED,
            f"the file is corrupted: unknown content kind {header.get('kind')!r}",
        ) from None


def _header_crypto(header: dict[str, Any]) -> tuple[bytes, bytes, bytes, KdfParams]:
    try:
        kdf_data = header["kdf"]
        if header["cipher"] != CIPHER or kdf_data["name"] != KDF_NAME:
            raise ValueError(f"cipher {header['cipher']!r} with {kdf_data['name']!r}")
        if header.get("compression") != "zlib":
            raise ValueError(f"compression {header.get('compression')!r}")
        kdf = KdfParams(n=int(kdf_data["n"]), r=int(kdf_data["r"]), p=int(kdf_data["p"]))
        kdf.check()
        salt = _unb64(kdf_data["salt"], SALT_SIZE)
        nonce = _unb64(header["nonce"], NONCE_SIZE)
        key_check = _unb64(header["key_check"], CHECK_SIZE)
    except (KeyError, TypeError, ValueError) as exc:
        raise ExchangeFileError(
            FileProblem.CORRUPTED, f"the file is corrupted: its header is not valid ({exc})"
        ) from None
    return salt, nonce, key_check, kdf


def _derive(passphrase: str, salt: bytes, kdf: KdfParams) -> tuple[bytes, bytes]:
    """The AES key and the key check, from one scrypt run."""
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    derived = Scrypt(salt=salt, length=KEY_SIZE + CHECK_SIZE, n=kdf.n, r=kdf.r, p=kdf.p).derive(
        secret
    )
    return derived[:KEY_SIZE], derived[KEY_SIZE:]


def _inflate(compressed: bytes, kind: FileKind) -> bytes:
    inflater = zlib.decompressobj()
    try:
        payload = inflater.decompress(compressed, MAX_PAYLOAD)
    except zlib.error as exc:
        raise ExchangeFileError(
            FileProblem.INVALID_CONTENT, f"the {kind.label} content cannot be unpacked ({exc})"
        ) from None
    if inflater.unconsumed_tail or not inflater.eof:
        raise ExchangeFileError(
            FileProblem.INVALID_CONTENT,
            f"the {kind.label} content is incomplete or larger than "
            f"{MAX_PAYLOAD // (1024 * 1024)} MB",
        )
    return payload


def _looks_mangled(data: bytes) -> bool:
    """The magic after a text-mode transfer: high bit stripped or line endings rewritten."""
    head = data[:16]
    stripped = bytes(byte & 0x7F for byte in MAGIC)
    return head.startswith((stripped, b"\x89IKX\n", b"\x89IKX\r\r\n"))


def _not_ours() -> ExchangeFileError:
    return ExchangeFileError(
        FileProblem.NOT_EXCHANGE_FILE,
        "this is not an Interview Kit panel pack or scorecard bundle",
    )


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: object, size: int) -> bytes:
    if not isinstance(text, str):
        raise ValueError("expected base64 text")
    try:
        raw = base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise ValueError(f"bad base64 ({exc})") from None
    if len(raw) != size:
        raise ValueError(f"expected {size} bytes, got {len(raw)}")
    return raw
