"""The append-only audit log: who did what, when, to which record.

Entries name their subject by uuid and never carry personal data (names, e-mails,
evidence), so erasing a candidate leaves nothing personal behind. There is no update or
delete path here, and the database refuses one too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from interview_kit.storage.database import Database
from interview_kit.storage.models import AuditRow
from interview_kit.storage.tables import utc_now


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    subject_type: str
    subject_uuid: str | None
    detail: str


def append(  # noqa: PLR0917 - reads as the log line it writes
    session: Session,
    actor: str,
    action: str,
    subject_type: str,
    subject_uuid: str | None,
    detail: str = "",
    *,
    at: datetime | None = None,
) -> None:
    """Add an entry inside the caller's unit of work, so it commits with the change."""
    session.add(
        AuditRow(
            at=at or utc_now(),
            actor=actor,
            action=action,
            subject_type=subject_type,
            subject_uuid=subject_uuid,
            detail=detail,
        )
    )


def log_event(
    db: Database,
    action: str,
    subject_type: str,
    subject_uuid: str | None,
    detail: str = "",
    *,
    actor: str | None = None,
) -> None:
    """Record an event in its own unit of work (exports, backups: nothing else changes)."""
    with db.write() as session:
        append(session, actor or db.actor, action, subject_type, subject_uuid, detail)


def audit_entries(
    db: Database,
    *,
    subject_uuid: str | None = None,
    action: str | None = None,
    before_id: int | None = None,
    limit: int = 200,
) -> list[AuditEntry]:
    """Newest first; page with ``before_id`` (the last id of the previous page)."""
    query = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
    if subject_uuid is not None:
        query = query.where(AuditRow.subject_uuid == subject_uuid)
    if action is not None:
        query = query.where(AuditRow.action == action)
    if before_id is not None:
        query = query.where(AuditRow.id < before_id)
    with db.read() as session:
        return [
            AuditEntry(
                id=row.id,
                at=row.at,
                actor=row.actor,
                action=row.action,
                subject_type=row.subject_type,
                subject_uuid=row.subject_uuid,
                detail=row.detail,
            )
            for row in session.scalars(query)
        ]
