"""The stage walk's writes, as plain functions the write queue runs off the UI thread.

Each one compares with what the database holds at the moment it runs, never with what
the window last heard, so a save that waited behind a lock or an earlier save still
stores exactly the interviewer's latest content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from interview_kit.domain.scorecard_content import ScorecardContent
from interview_kit.gui.stage_walk.journal import DraftKey, JournalEntry
from interview_kit.services import scorecard_reads, scorecards
from interview_kit.services.errors import ImmutableError, InvalidInputError

if TYPE_CHECKING:
    from interview_kit.services.database import Database
    from interview_kit.services.scorecard_reads import ScorecardDetail


@dataclass(frozen=True)
class Stored:
    """What a draft save left in the database."""

    scorecard_uuid: str
    content: ScorecardContent
    when: datetime
    refused: str = ""
    """Why some part was not stored (too long, say); every other part was."""


def content_of(detail: ScorecardDetail) -> ScorecardContent:
    """What its own interviewer sees of a stored scorecard (private notes included)."""
    return ScorecardContent.of(detail.scorecard, detail.private_notes)


def stored_draft(db: Database, key: DraftKey) -> ScorecardDetail | None:
    return scorecard_reads.find_scorecard(
        db, key.candidate_uuid, key.stage_id, key.interviewer_uuid
    )


def _draft(db: Database, key: DraftKey) -> ScorecardDetail:
    detail = stored_draft(db, key)
    if detail is None:
        detail = scorecards.start_scorecard(
            db, key.candidate_uuid, key.stage_id, key.interviewer_uuid
        )
    return detail


def store_draft(db: Database, key: DraftKey, target: ScorecardContent) -> Stored:
    """Make the stored draft hold ``target``; a refused part leaves the others stored."""
    detail = _draft(db, key)
    if detail.is_submitted:
        raise ImmutableError(
            "this scorecard is submitted and can no longer be edited; amend it with a reason"
        )
    saved = content_of(detail)
    changes = saved.diff(target)
    if changes.is_empty:
        return Stored(detail.uuid, saved, detail.updated_at or datetime.now(UTC))
    try:
        when = scorecards.save_draft(db, detail.uuid, changes)
    except InvalidInputError:
        pass
    else:
        return Stored(detail.uuid, target, when)
    refused = []
    when = datetime.now(UTC)
    for _part, change in changes.parts():
        try:
            when = scorecards.save_draft(db, detail.uuid, change)
        except InvalidInputError as exc:
            refused.append(str(exc))
        else:
            saved = saved.apply(change)
    return Stored(detail.uuid, saved, when, "; ".join(refused))


def submit_draft(
    db: Database, key: DraftKey, target: ScorecardContent, *, actor: str
) -> ScorecardDetail:
    """Store the last edits, then submit: one queued write, so nothing overtakes it."""
    stored = store_draft(db, key, target)
    if stored.refused:
        raise InvalidInputError(f"the last change was not stored: {stored.refused}")
    return scorecards.submit_scorecard(db, stored.scorecard_uuid, actor=actor)


def apply_entry(db: Database, entry: JournalEntry) -> Stored:
    """Store a journal entry left behind: its changes over the draft as stored now."""
    detail = _draft(db, entry.key)
    if detail.is_submitted:
        raise ImmutableError("the scorecard was submitted before these edits could be stored")
    target = content_of(detail).apply(entry.changes)
    return store_draft(db, entry.key, target)
