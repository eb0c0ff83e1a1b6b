"""Sealed files: round trips, and each way a file can be wrong gets its own problem."""

from __future__ import annotations

import json
import struct
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from panel_helpers import FAST_KDF, PASSPHRASE

from interview_kit.exchange.errors import ExchangeFileError, FileProblem
from interview_kit.exchange.sealing import (
    MAGIC,
    PREFIX_SIZE,
    FileKind,
    KdfParams,
    read_kind,
    seal,
    unseal,
)

PAYLOAD = json.dumps({"hello": "Zoë", "numbers": list(range(50))}).encode()


@pytest.fixture(scope="module")
def sealed() -> bytes:
    return seal(PAYLOAD, PASSPHRASE, FileKind.SCORECARD_BUNDLE, kdf=FAST_KDF)


def problem_of(data: bytes, passphrase: str = PASSPHRASE, **kwargs: object) -> FileProblem:
    with pytest.raises(ExchangeFileError) as caught:
        unseal(data, passphrase, **kwargs)  # type: ignore[arg-type]
    assert str(caught.value)
    return caught.value.problem


def with_crc(body: bytes) -> bytes:
    """The file with its trailing checksum recomputed, as a deliberate tamperer would."""
    return body + struct.pack(">I", zlib.crc32(body))


def header_of(data: bytes) -> tuple[dict[str, object], int]:
    (length,) = struct.unpack_from(">I", data, 10)
    return json.loads(data[PREFIX_SIZE : PREFIX_SIZE + length]), length


def rebuild(data: bytes, header: dict[str, object]) -> bytes:
    """The same body under a rewritten header, lengths and checksum fixed up."""
    _old, old_length = header_of(data)
    body = data[PREFIX_SIZE + old_length : -4]
    raw = json.dumps(header).encode()
    prefix = struct.pack(">8sHIQ", MAGIC, 1, len(raw), len(body)) + raw
    return with_crc(prefix + body)


def test_round_trip(sealed: bytes) -> None:
    opened = unseal(sealed, PASSPHRASE, FileKind.SCORECARD_BUNDLE)
    assert opened.payload == PAYLOAD
    assert opened.kind is FileKind.SCORECARD_BUNDLE
    assert opened.format_version == 1
    assert read_kind(sealed) == (FileKind.SCORECARD_BUNDLE, 1)


def test_each_seal_uses_fresh_salt_and_nonce() -> None:
    first = seal(PAYLOAD, PASSPHRASE, FileKind.PANEL_PACK, kdf=FAST_KDF)
    second = seal(PAYLOAD, PASSPHRASE, FileKind.PANEL_PACK, kdf=FAST_KDF)
    assert first != second
    assert header_of(first)[0]["nonce"] != header_of(second)[0]["nonce"]


def test_payload_is_not_readable_in_the_file(sealed: bytes) -> None:
    assert b"hello" not in sealed
    assert "Zoë".encode() not in sealed


def test_passphrase_is_unicode_normalised() -> None:
    composed = "café panel 2026"
    decomposed = "cafe\u0301 panel 2026"
    data = seal(PAYLOAD, composed, FileKind.PANEL_PACK, kdf=FAST_KDF)
    assert unseal(data, decomposed).payload == PAYLOAD


def test_empty_passphrase_cannot_seal() -> None:
    with pytest.raises(ValueError, match="passphrase"):
        seal(PAYLOAD, "", FileKind.PANEL_PACK, kdf=FAST_KDF)


BAD_FILES = [
    ("empty", lambda d: b"", FileProblem.TRUNCATED, "empty"),
    ("half a magic", lambda d: d[:5], FileProblem.TRUNCATED, "truncated"),
    ("header only", lambda d: d[: PREFIX_SIZE + 3], FileProblem.TRUNCATED, "truncated"),
    ("last byte missing", lambda d: d[:-1], FileProblem.TRUNCATED, "1 byte missing"),
    ("half the file", lambda d: d[: len(d) // 2], FileProblem.TRUNCATED, "missing"),
    ("trailing bytes", lambda d: d + b"\n", FileProblem.CORRUPTED, "after its end"),
    (
        "bit flip in the body",
        lambda d: d[:-20] + bytes([d[-20] ^ 0x01]) + d[-19:],
        FileProblem.CORRUPTED,
        "checksum",
    ),
    (
        "bit flip in the header",
        lambda d: d[: PREFIX_SIZE + 2] + bytes([d[PREFIX_SIZE + 2] ^ 0x40]) + d[PREFIX_SIZE + 3 :],
        FileProblem.CORRUPTED,
        "checksum",
    ),
    (
        "body changed, checksum fixed",
        lambda d: with_crc(d[:-21] + bytes([d[-21] ^ 0x01]) + d[-20:-4]),
        FileProblem.TAMPERED,
        "authenticity",
    ),
    (
        "text-mode transfer",
        lambda d: d.replace(b"\r\n", b"\n", 1),
        FileProblem.CORRUPTED,
        "text-mode",
    ),
    ("a JSON file", lambda d: b'{"scorecards": []}', FileProblem.NOT_EXCHANGE_FILE, "not an"),
    ("a PDF", lambda d: b"%PDF-1.4\n" + b"x" * 100, FileProblem.NOT_EXCHANGE_FILE, "not an"),
    (
        "a newer format",
        lambda d: with_crc(d[:8] + struct.pack(">H", 2) + d[10:-4]),
        FileProblem.UNKNOWN_FORMAT_VERSION,
        "update Interview Kit",
    ),
    (
        "format version zero",
        lambda d: with_crc(d[:8] + struct.pack(">H", 0) + d[10:-4]),
        FileProblem.UNKNOWN_FORMAT_VERSION,
        "does not know",
    ),
    (
        "impossible sizes",
        lambda d: with_crc(d[:10] + struct.pack(">I", 10_000_000) + d[14:-4]),
        FileProblem.CORRUPTED,
        "impossible sizes",
    ),
]


@pytest.mark.parametrize(
    ("damage", "problem", "words"),
    [pytest.param(f, p, w, id=name) for name, f, p, w in BAD_FILES],
)
def test_bad_file_has_its_own_problem(
    sealed: bytes, damage: object, problem: FileProblem, words: str
) -> None:
    data = damage(sealed)  # type: ignore[operator]
    with pytest.raises(ExchangeFileError) as caught:
        unseal(data, PASSPHRASE)
    assert caught.value.problem is problem
    assert words in str(caught.value)


def test_wrong_passphrase(sealed: bytes) -> None:
    with pytest.raises(ExchangeFileError) as caught:
        unseal(sealed, "Correct horse battery staple")
    assert caught.value.problem is FileProblem.WRONG_PASSPHRASE
    assert "passphrase does not open this scorecard bundle" in str(caught.value)


def test_wrong_kind(sealed: bytes) -> None:
    assert problem_of(sealed, expected=FileKind.PANEL_PACK) is FileProblem.WRONG_KIND


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"kind": "spreadsheet"}, FileProblem.CORRUPTED),
        ({"cipher": "ROT13"}, FileProblem.CORRUPTED),
        ({"compression": "brotli"}, FileProblem.CORRUPTED),
        ({"nonce": "not base64!"}, FileProblem.CORRUPTED),
        ({"kind": "panel_pack"}, FileProblem.TAMPERED),
    ],
)
def test_rewritten_header(sealed: bytes, change: dict[str, object], problem: FileProblem) -> None:
    header, _ = header_of(sealed)
    header.update(change)
    assert problem_of(rebuild(sealed, header)) is problem


def test_crafted_kdf_cost_is_refused_before_deriving(sealed: bytes) -> None:
    header, _ = header_of(sealed)
    header["kdf"] = {**header["kdf"], "n": 2**30}  # type: ignore[dict-item]
    with pytest.raises(ExchangeFileError) as caught:
        unseal(rebuild(sealed, header), PASSPHRASE)
    assert caught.value.problem is FileProblem.CORRUPTED
    assert "power of two" in str(caught.value)


def test_unreadable_header(sealed: bytes) -> None:
    _header, length = header_of(sealed)
    body = sealed[PREFIX_SIZE + length : -4]
    junk = b"\xff" * 10
    prefix = struct.pack(">8sHIQ", MAGIC, 1, len(junk), len(body)) + junk
    assert problem_of(with_crc(prefix + body)) is FileProblem.CORRUPTED


def test_kdf_params_are_checked() -> None:
    with pytest.raises(ValueError, match="power of two"):
        KdfParams(n=1000).check()
    with pytest.raises(ValueError, match="out of range"):
        KdfParams(r=0).check()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(position=st.integers(min_value=0), bit=st.integers(min_value=0, max_value=7))
def test_no_single_bit_flip_goes_unnoticed(sealed: bytes, position: int, bit: int) -> None:
    index = position % len(sealed)
    damaged = sealed[:index] + bytes([sealed[index] ^ (1 << bit)]) + sealed[index + 1 :]
    with pytest.raises(ExchangeFileError) as caught:
        unseal(damaged, PASSPHRASE)
    assert caught.value.problem is not FileProblem.WRONG_PASSPHRASE


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(keep=st.integers(min_value=0))
def test_every_truncation_is_reported_as_truncated(sealed: bytes, keep: int) -> None:
    assert problem_of(sealed[: keep % len(sealed)]) is FileProblem.TRUNCATED
