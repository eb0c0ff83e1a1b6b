"""Each person's signing key: the private half in their own data folder, the public half
of every panel member in the database that receives their bundles.

The private key is a file readable by its owner alone (0600, in a 0700 folder) under the
user's data folder (``INTERVIEW_KIT_DATA_DIR`` overrides it), one per person the app
signs for; it never travels. The public halves live in ``exchange_peers``: registered
the first time a person's signed bundle is imported (the preview shows its fingerprint
to confirm with them) and checked on every bundle after.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from pathlib import Path

from sqlalchemy.orm import Session

from interview_kit import paths
from interview_kit.exchange.signing import new_private_key, public_key_of
from interview_kit.services.errors import InvalidInputError
from interview_kit.storage.models import ExchangePeerRow
from interview_kit.storage.tables import NAME_LENGTH, utc_now

KEY_FOLDER = "signing-keys"
KEY_BYTES = 32
"""An Ed25519 private key's size."""
_UUID = re.compile(r"^[0-9A-Fa-f-]{32,36}$")


def key_folder() -> Path:
    return paths.data_dir() / KEY_FOLDER


def _key_path(person_uuid: str, folder: Path | None) -> Path:
    if not _UUID.match(person_uuid):
        raise InvalidInputError(f"{person_uuid!r} is not a person's id")
    return (folder or key_folder()) / f"{person_uuid.lower()}.key"


def own_private_key(person_uuid: str, folder: Path | None = None) -> bytes:
    """This computer's private key for ``person_uuid``, made on first use."""
    path = _key_path(person_uuid, folder)
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return _create(path)
    except (OSError, UnicodeError) as exc:
        raise InvalidInputError(f"cannot read the signing key {path} ({exc})") from None
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)  # someone loosened it: the private half is its owner's alone
    try:
        raw = base64.b64decode(text, validate=True)
    except binascii.Error:
        raw = b""
    if len(raw) != KEY_BYTES:
        raise InvalidInputError(
            f"the signing key {path} is damaged; move it away to make a new one"
        )
    return raw


def own_public_key(person_uuid: str, folder: Path | None = None) -> str | None:
    """The public half of this computer's key for ``person_uuid``, if it has one."""
    if not _key_path(person_uuid, folder).exists():
        return None
    return public_key_of(own_private_key(person_uuid, folder))


def _create(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    raw = new_private_key()
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # made meanwhile by another process: use that one
        return base64.b64decode(path.read_text(encoding="ascii").strip())
    with os.fdopen(handle, "w", encoding="ascii") as stream:
        stream.write(base64.b64encode(raw).decode("ascii") + "\n")
    return raw


def registered_key(session: Session, person_uuid: str) -> str | None:
    peer = session.get(ExchangePeerRow, person_uuid)
    return None if peer is None else peer.public_key


def register_key(session: Session, person_uuid: str, public_key: str, who: str) -> None:
    """Record ``public_key`` as ``person_uuid``'s (the caller audits it)."""
    peer = session.get(ExchangePeerRow, person_uuid)
    if peer is None:
        peer = ExchangePeerRow(
            person_uuid=person_uuid, key_confirmed_by="", packs_made=0, last_pack_read=0
        )
        session.add(peer)
    peer.public_key = public_key
    peer.key_confirmed_by = who[:NAME_LENGTH]
    peer.key_confirmed_at = utc_now()
    session.flush()
