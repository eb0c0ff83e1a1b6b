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
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interview_kit import paths
from interview_kit.domain.scorecard_content import ScorecardChanges

if TYPE_CHECKING:
    from interview_kit.services.database import Database

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
    """The journal file of one database (a few entries at most).

    :meth:`keep` and :meth:`forget` return at once: a thread of the journal's own writes
    the file (durably: beside, synced, renamed), so a slow disk never holds up typing,
    and only the newest state of each entry is written when edits come faster than the
    disk. :meth:`wait_written` waits for it (quitting). One instance per file: the wiring
    keeps one per database.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._wanted: dict[DraftKey, JournalEntry | None] = {}
        self._busy = False
        self._condition = threading.Condition()
        self._thread: threading.Thread | None = None

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
        """Add or replace ``entry`` (soon; see :meth:`wait_written`)."""
        self._ask(entry.key, entry)

    def forget(self, key: DraftKey) -> None:
        """Drop the entry of ``key`` (soon), if there is one."""
        self._ask(key, None)

    def wait_written(self, timeout: float = 5.0) -> bool:
        """Wait until every :meth:`keep` and :meth:`forget` so far is on disk."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while self._wanted or self._busy:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._condition.wait(left)
        return True

    def _ask(self, key: DraftKey, entry: JournalEntry | None) -> None:
        with self._condition:
            self._wanted[key] = entry
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._serve, name="unsaved-edits-journal", daemon=True
                )
                self._thread.start()
            self._condition.notify_all()

    def _serve(self) -> None:
        while True:
            with self._condition:
                while not self._wanted:
                    if not self._condition.wait(30):
                        self._thread = None
                        return  # idle: the next request starts a new thread
                wanted, self._wanted = self._wanted, {}
                self._busy = True
            try:
                self._apply(wanted)
            except Exception:
                logger.exception("cannot keep the unsaved edits in %s", self.path)
            finally:
                with self._condition:
                    self._busy = False
                    self._condition.notify_all()

    def _apply(self, wanted: dict[DraftKey, JournalEntry | None]) -> None:
        entries = self.entries()
        kept = [e for e in entries if e.key not in wanted]
        kept += [e for e in wanted.values() if e is not None]
        if kept or entries or self.path.exists():
            self._write(kept)

    def set_aside(self, entry: JournalEntry, why: str) -> Path:
        """Move an entry that cannot be applied into a file of its own, kept for a person."""
        target = self.path.with_name(
            f"{self.path.stem}.not-applied-{datetime.now(UTC):%Y%m%dT%H%M%S%f}.json"
        )
        payload = {"format": FORMAT, "version": VERSION, "reason": why}
        payload["entries"] = [_json_of(entry)]
        target.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
        self.forget(entry.key)
        self.wait_written()
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
