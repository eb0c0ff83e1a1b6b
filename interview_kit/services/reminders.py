"""Overdue feedback: who owes a scorecard, for which interview, and since when.

A scorecard is due a number of hours after its interview ends: the rubric's
``rules.feedback_due_hours``, 24 unless the rubric says otherwise. Only interviews with a
time count (without one nobody can say when feedback is due), only on open candidates,
and only while the interviewer's scorecard is not submitted.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

from interview_kit.domain.rubric import Rubric
from interview_kit.domain.rubric.model import DEFAULT_FEEDBACK_DUE_HOURS
from interview_kit.services.assignments import AssignmentRecord, pending_assignments
from interview_kit.services.candidate_rows import load_candidate_row
from interview_kit.services.rubrics import rubric_for_version
from interview_kit.storage.database import Database
from interview_kit.storage.tables import utc_now


@dataclass(frozen=True)
class OverdueFeedback:
    interviewer_uuid: str
    interviewer_name: str
    interviewer_email: str
    candidate_uuid: str
    candidate_name: str
    stage_id: str
    stage_title: str
    interview_at: datetime
    due_at: datetime
    scorecard_status: str | None
    """``None`` (not started) or ``"draft"``."""

    def hours_overdue(self, now: datetime) -> int:
        return max(0, int((now - self.due_at).total_seconds() // 3600))


@dataclass(frozen=True)
class InterviewerReminder:
    """Everything one interviewer owes, oldest first."""

    interviewer_uuid: str
    interviewer_name: str
    interviewer_email: str
    items: tuple[OverdueFeedback, ...]


def due_at(record: AssignmentRecord, rubric: Rubric | None) -> datetime | None:
    """When this assignment's scorecard is due; ``None`` for an interview with no time."""
    if record.starts_at is None:
        return None
    stage_minutes = 60
    due_hours = DEFAULT_FEEDBACK_DUE_HOURS
    if rubric is not None:
        due_hours = rubric.rules.feedback_due()
        with contextlib.suppress(KeyError):
            stage_minutes = rubric.stage(record.stage_id).duration_minutes
    ends_at = record.starts_at + timedelta(minutes=record.duration_minutes or stage_minutes)
    return ends_at + timedelta(hours=due_hours)


def overdue_feedback(db: Database, *, now: datetime | None = None) -> list[OverdueFeedback]:
    """Every overdue scorecard, the longest overdue first."""
    moment = (now or utc_now()).astimezone(UTC)
    scheduled = pending_assignments(db, scheduled_only=True)
    rubrics: dict[str, Rubric | None] = {}
    with db.read() as session:
        for uuid in {r.candidate_uuid for r in scheduled}:
            row = load_candidate_row(session, uuid)
            rubrics[uuid] = (
                None
                if row.rubric_version_id is None
                else rubric_for_version(db, session, row.rubric_version_id)
            )
    found = []
    for record in scheduled:
        rubric = rubrics[record.candidate_uuid]
        due = due_at(record, rubric)
        if due is None or due > moment:
            continue
        assert record.starts_at is not None
        title = record.stage_id
        if rubric is not None:
            with contextlib.suppress(KeyError):
                title = rubric.stage(record.stage_id).title
        found.append(
            OverdueFeedback(
                interviewer_uuid=record.interviewer_uuid,
                interviewer_name=record.interviewer_name,
                interviewer_email=record.interviewer_email,
                candidate_uuid=record.candidate_uuid,
                candidate_name=record.candidate_name,
                stage_id=record.stage_id,
                stage_title=title,
                interview_at=record.starts_at,
                due_at=due,
                scorecard_status=record.scorecard_status,
            )
        )
    found.sort(key=lambda item: (item.due_at, item.interviewer_name.casefold()))
    return found


def by_interviewer(items: list[OverdueFeedback]) -> list[InterviewerReminder]:
    """One reminder per interviewer, the one overdue longest first."""
    grouped: dict[str, list[OverdueFeedback]] = defaultdict(list)
    for item in items:
        grouped[item.interviewer_uuid].append(item)
    reminders = [
        InterviewerReminder(
            entries[0].interviewer_uuid,
            entries[0].interviewer_name,
            entries[0].interviewer_email,
            tuple(sorted(entries, key=lambda e: e.due_at)),
        )
        for entries in grouped.values()
    ]
    reminders.sort(key=lambda r: (r.items[0].due_at, r.interviewer_name.casefold()))
    return reminders


def _when(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def reminder_text(reminder: InterviewerReminder, *, now: datetime | None = None) -> str:
    moment = now or utc_now()
    first_name = reminder.interviewer_name.split()[0] if reminder.interviewer_name else ""
    lines = [
        f"Hello {first_name}," if first_name else "Hello,",
        "",
        "Your feedback is overdue for:",
    ]
    lines += [
        f"- {item.candidate_name}, {item.stage_title} (interview {_when(item.interview_at)}; "
        f"due {_when(item.due_at)}, {item.hours_overdue(moment)} h ago"
        + (", draft started)" if item.scorecard_status == "draft" else ")")
        for item in reminder.items
    ]
    lines += ["", "Please submit your scorecard in Interview Kit today. Thank you!"]
    return "\n".join(lines)


def mailto_url(reminder: InterviewerReminder, *, now: datetime | None = None) -> str:
    """A ready e-mail draft (RFC 6068): the e-mail app opens it, the recruiter sends it."""
    count = len(reminder.items)
    subject = (
        f"Overdue interview feedback: {reminder.items[0].candidate_name}"
        if count == 1
        else f"Overdue interview feedback ({count} interviews)"
    )
    body = reminder_text(reminder, now=now).replace("\n", "\r\n")
    address = quote(reminder.interviewer_email, safe="@")
    return f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
