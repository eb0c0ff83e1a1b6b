"""Autosave of one draft through the app's write queue: coalesced, retried, journalled.

At most one save of a draft is in flight; edits made meanwhile wait in memory and go
out together as the next save. A save that waits longer than :data:`SLOW_SAVE_MS` (the
database is locked by someone else, or a server does not answer) or fails for a
database reason puts the edits into the :class:`~interview_kit.gui.stage_walk.journal.Journal`
beside the database and is retried with growing pauses; the walk says
"Not saved yet — retrying" and shows a banner, and the interviewer types on. A refusal
of the content itself (a note over the length limit) is not retried: it waits for the
next edit.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from interview_kit.domain.scorecard_content import ScorecardContent
from interview_kit.gui.operations import Changes, WriteQueue
from interview_kit.gui.stage_walk.drafts import Stored, store_draft
from interview_kit.gui.stage_walk.journal import DraftKey, Journal, JournalEntry
from interview_kit.services.errors import database_failure

if TYPE_CHECKING:
    from interview_kit.services.database import Database

logger = logging.getLogger(__name__)

SLOW_SAVE_MS = 1500
"""A save still waiting after this long counts as stuck: journal, banner, "retrying"."""
RETRY_DELAYS_MS = (1000, 2000, 4000, 8000, 15000, 30000)
"""Pauses before each retry of a failed save; the last one repeats."""


class SaveState(Enum):
    CLEAN = "clean"
    """Nothing to save (nothing typed, or all of it stored)."""
    SAVING = "saving"
    WAITING = "waiting"
    """The database has not taken the edits for a while: kept locally, retrying."""
    REFUSED = "refused"
    """A part of the content was refused (the walk says why); the rest is stored."""


def is_transient(error: BaseException) -> bool:
    """A failure of the database, not of the content: worth retrying as it is."""
    return database_failure(error) is not None or isinstance(error, OSError)


class DraftSaver(QObject):
    """Saves one interviewer's draft of one stage; outlives its walk until all is stored."""

    stateChanged = Signal()

    def __init__(
        self,
        writes: WriteQueue,
        db: Database,
        key: DraftKey,
        journal: Journal,
        *,
        saved: ScorecardContent,
        saved_at: datetime | None,
        scorecard_uuid: str | None = None,
        candidate_name: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._writes = writes
        self.db = db
        self.key = key
        self.journal = journal
        self.candidate_name = candidate_name
        self.saved = saved
        """What the database holds, as last heard."""
        self.wanted = saved
        """The interviewer's latest content."""
        self.saved_at = saved_at
        self.scorecard_uuid = scorecard_uuid
        self.state = SaveState.CLEAN
        self.refused = ""
        self._refused_target: ScorecardContent | None = None
        self.in_flight = False
        self.suspended = False
        self._journalled = False
        self._attempt = 0
        self._slow = QTimer(self)
        self._slow.setSingleShot(True)
        self._slow.timeout.connect(self._stuck)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._send)

    # -- what the walk asks ---------------------------------------------------------
    @property
    def is_settled(self) -> bool:
        """Everything wanted is stored (or refused) and nothing is in flight."""
        return not self.in_flight and (self.wanted == self.saved or self.state is SaveState.REFUSED)

    @property
    def journalled(self) -> bool:
        return self._journalled

    def want(self, content: ScorecardContent) -> None:
        """Store ``content`` as soon as the write in flight (if any) has landed."""
        self.wanted = content
        if self._journalled:
            self._keep_in_journal()
        self._send()

    def send_now(self) -> None:
        """Skip a retry's pause (the walk closes, the app quits)."""
        if self._retry.isActive():
            self._retry.stop()
        self._send()

    def keep_locally(self) -> None:
        """Put unsaved edits into the journal now (before the app quits)."""
        if self.wanted != self.saved:
            self._keep_in_journal()

    def suspend(self) -> None:
        """A submit or an amendment takes the draft over: no further autosaves."""
        self.suspended = True
        self._retry.stop()

    def resume(self) -> None:
        self.suspended = False
        self._send()

    def settle(
        self, content: ScorecardContent, when: datetime | None, scorecard_uuid: str | None = None
    ) -> None:
        """The draft was stored by another write (a submit): this is what it holds."""
        self.saved = self.wanted = content
        self.saved_at = when or self.saved_at
        self.scorecard_uuid = scorecard_uuid or self.scorecard_uuid
        self._forget_journal()
        self._set(SaveState.CLEAN)

    # -- the writes -------------------------------------------------------------------
    def _send(self) -> None:
        if self.in_flight or self.suspended:
            return
        if self.wanted == self.saved:
            self._forget_journal()
            self._set(SaveState.CLEAN)
            return
        if self.state is SaveState.REFUSED and self.wanted == self._refused_target:
            return
        self._retry.stop()
        target = self.wanted
        db, key = self.db, self.key
        self.in_flight = True
        if self.state is not SaveState.WAITING:
            self._set(SaveState.SAVING)
        self._slow.start(SLOW_SAVE_MS)
        self._writes.run(
            f"Saving the draft for {self.candidate_name or 'the candidate'}",
            lambda: store_draft(db, key, target),
            changes=Changes(scorecards=True),
            on_success=lambda stored: self._landed(target, stored),
            on_failure=self._failed,
        )

    def _landed(self, target: ScorecardContent, stored: Stored) -> None:
        self.in_flight = False
        self._slow.stop()
        self._attempt = 0
        self.saved = stored.content
        self.saved_at = stored.when
        self.scorecard_uuid = stored.scorecard_uuid
        if stored.refused:
            self.refused = stored.refused
            self._refused_target = target
            if self.wanted == target:
                self._forget_journal()
                self._set(SaveState.REFUSED)
                return
        self.refused = ""
        self._refused_target = None
        if self.wanted != self.saved:
            self._send()  # edits made while this save was in flight
            return
        self._forget_journal()
        self._set(SaveState.CLEAN)

    def _failed(self, error: BaseException) -> None:
        self.in_flight = False
        self._slow.stop()
        if not is_transient(error):
            logger.info("the draft was refused: %s", error)
            self.refused = str(error)
            self._refused_target = self.wanted
            self._set(SaveState.REFUSED)
            return
        logger.warning("saving the draft failed (will retry): %s", error)
        self._keep_in_journal()
        self._set(SaveState.WAITING)
        delay = RETRY_DELAYS_MS[min(self._attempt, len(RETRY_DELAYS_MS) - 1)]
        self._attempt += 1
        if not self.suspended:
            self._retry.start(delay)

    def _stuck(self) -> None:
        if self.in_flight:
            self._keep_in_journal()
            self._set(SaveState.WAITING)

    # -- the journal ------------------------------------------------------------------
    def _keep_in_journal(self) -> None:
        changes = self.saved.diff(self.wanted)
        if changes.is_empty:
            return
        entry = JournalEntry(self.key, changes, datetime.now(UTC), self.candidate_name)
        self.journal.keep(entry)
        self._journalled = True

    def _forget_journal(self) -> None:
        if not self._journalled:
            return
        self.journal.forget(self.key)
        self._journalled = False

    def _set(self, state: SaveState) -> None:
        self.state = state
        self.stateChanged.emit()
