"""Unsaved stage-walk edits kept on this computer while the database cannot take them.

When a draft save waits long for a locked or unreachable database, or fails, the walk
writes what the interviewer changed since the last stored draft into a small JSON file:
beside the database file for SQLite (``<file>.unsaved-edits.json``), in the user's data
folder for a server database (``unsaved-edits/<hash of the URL>.json``). The entry is
dropped once a save lands. A file left behind by an app that was killed is applied on
the next start, so nothing typed is lost. The format is described in
docs/ARCHITECTURE.md ("The write path").

Only what changed is kept (a :class:`ScorecardChanges`, as absolute values), so
applying an entry twice, or over a draft edited since, changes exactly the parts the
interviewer had typed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interview_kit import paths
from interview_kit.domain.scorecard_content import ScorecardChanges

if TYPE_CHECKING:
    from interview_kit.storage.database import Database

logger = logging.getLogger(__name__)

FORMAT = "interview-kit-unsaved-edits"
VERSION = 1


@dataclass(frozen=True)
class DraftKey:
    """Whose draft of which stage: one journal entry each."""

    candidate_uuid: str
    stage_id: str
    interviewer_uuid: str

    @property
    def text(self) -> str:
        return f"{self.candidate_uuid}/{self.stage_id}/{self.interviewer_uuid}"


@dataclass(frozen=True)
class JournalEntry:
    key: DraftKey
    changes: ScorecardChanges
    """What the interviewer changed since the draft last stored (absolute values)."""
    written_at: datetime
    candidate_name: str = ""


def journal_path(db: Database) -> Path:
    """Where ``db``'s unsaved edits are kept on this computer."""
    if db.path is not None:
        return db.path.with_name(db.path.name + ".unsaved-edits.json")
    digest = hashlib.sha256(db.location.encode("utf-8")).hexdigest()[:20]
    return paths.data_dir() / "unsaved-edits" / f"{digest}.json"


class Journal:
    """The journal file of one database; every call reads or rewrites the whole file
    (it holds a few entries at most)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def entries(self) -> list[JournalEntry]:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except OSError as exc:
            logger.warning("cannot read the unsaved edits in %s: %s", self.path, exc)
            return []
        try:
            data = json.loads(raw)
            if data.get("format") != FORMAT:
                raise ValueError(f"not a {FORMAT} file")
            return [_entry(item) for item in data.get("entries", [])]
        except (ValueError, KeyError, TypeError) as exc:
            logger.warning("unreadable unsaved edits in %s (%s): kept aside", self.path, exc)
            self._set_aside()
            return []

    def get(self, key: DraftKey) -> JournalEntry | None:
        return next((e for e in self.entries() if e.key == key), None)

    def keep(self, entry: JournalEntry) -> None:
        """Add or replace ``entry`` (durably: written beside, synced, then renamed)."""
        others = [e for e in self.entries() if e.key != entry.key]
        self._write([*others, entry])

    def forget(self, key: DraftKey) -> None:
        entries = self.entries()
        left = [e for e in entries if e.key != key]
        if len(left) != len(entries):
            self._write(left)

    def set_aside(self, entry: JournalEntry, why: str) -> Path:
        """Move an entry that cannot be applied into a file of its own, kept for a person."""
        target = self.path.with_name(
            f"{self.path.stem}.not-applied-{datetime.now(UTC):%Y%m%dT%H%M%S%f}.json"
        )
        payload = {"format": FORMAT, "version": VERSION, "reason": why}
        payload["entries"] = [_json_of(entry)]
        target.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
        self.forget(entry.key)
        return target

    def _write(self, entries: list[JournalEntry]) -> None:
        if not entries:
            self.path.unlink(missing_ok=True)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "format": FORMAT,
            "version": VERSION,
            "entries": [_json_of(e) for e in entries],
        }
        handle, temporary = tempfile.mkstemp(
            prefix=self.path.name + ".", suffix=".tmp", dir=self.path.parent
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(payload, stream, ensure_ascii=False, indent=1)
                stream.flush()
                os.fsync(stream.fileno())
            Path(temporary).replace(self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _set_aside(self) -> None:
        try:
            self.path.replace(self.path.with_name(self.path.name + ".unreadable"))
        except OSError:
            logger.exception("cannot move %s aside", self.path)


def _json_of(entry: JournalEntry) -> dict[str, Any]:
    return {
        "candidate": entry.key.candidate_uuid,
        "stage": entry.key.stage_id,
        "interviewer": entry.key.interviewer_uuid,
        "candidate_name": entry.candidate_name,
        "written_at": entry.written_at.isoformat(),
        "changes": entry.changes.to_json(private=True),
    }


def _entry(item: dict[str, Any]) -> JournalEntry:
    return JournalEntry(
        key=DraftKey(str(item["candidate"]), str(item["stage"]), str(item["interviewer"])),
        changes=ScorecardChanges.from_json(item["changes"]),
        written_at=datetime.fromisoformat(item["written_at"]),
        candidate_name=str(item.get("candidate_name", "")),
    )
