"""Calendar invitations (iCalendar, RFC 5545) for scheduled interviews.

Each assignment is one event whose UID never changes: it is derived from the candidate,
the stage and the interviewer, so an invitation sent again (after a change of time, or
after being assigned again) updates the event the calendar already has. SEQUENCE is the
assignment's ``calendar_sequence``, raised by every change. An interview whose
assignment was taken away is sent with ``METHOD:CANCEL``.

The description holds the stage's brief and its time plan, never a score: an invitation
is read by people who may not yet have scored.

A file holds one calendar object per method (RFC 5545 allows several in one stream): the
invitations (``METHOD:REQUEST``) first, then the cancellations (``METHOD:CANCEL``).
The ``icalendar`` library is imported here only, when a file is written.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from interview_kit import __version__
from interview_kit.domain.rubric import Rubric, Stage
from interview_kit.services import audit
from interview_kit.services.assignments import (
    AssignmentRecord,
    assignments_for_candidate,
    assignments_for_interviewer,
)
from interview_kit.services.candidate_rows import load_candidate_row
from interview_kit.services.errors import InvalidInputError
from interview_kit.services.interviewers import load_interviewer_row
from interview_kit.services.rubrics import rubric_for_version
from interview_kit.storage.database import Database
from interview_kit.storage.models import CancelledInterviewRow, CandidateRow, InterviewerRow

PRODUCT_ID = f"-//Interview Kit//Interview Kit {__version__}//EN"
UID_DOMAIN = "interview-kit"


@dataclass(frozen=True)
class InterviewEvent:
    """One interview as a calendar sees it (plain data: no scores, ever)."""

    uid: str
    sequence: int
    starts_at: datetime
    ends_at: datetime
    summary: str
    description: str
    place: str
    interviewer_name: str
    interviewer_email: str
    cancelled: bool


def event_uid(candidate_uuid: str, stage_id: str, interviewer_uuid: str) -> str:
    """The same assignment always has the same UID, on every machine."""
    return f"{candidate_uuid}.{stage_id}.{interviewer_uuid}@{UID_DOMAIN}"


def time_plan(stage: Stage) -> list[str]:
    """``0:00-0:20 Live coding (20 min)``: the stage's exercises in order."""
    lines = []
    offset = 0
    for exercise in stage.exercises:
        end = offset + exercise.minutes
        lines.append(
            f"{offset // 60}:{offset % 60:02d}-{end // 60}:{end % 60:02d} "
            f"{exercise.title} ({exercise.minutes} min)"
        )
        offset = end
    return lines


def describe(stage: Stage, candidate_name: str, place: str) -> str:
    parts = [f"{stage.title} with {candidate_name}", "", stage.purpose.strip()]
    plan = time_plan(stage)
    if plan:
        parts += ["", "Time plan:", *plan]
    if place:
        parts += ["", f"Place: {place}"]
    parts += ["", "Score in Interview Kit within the feedback window after the interview."]
    return "\n".join(parts)


def _event(
    rubric: Rubric | None,
    candidate: tuple[str, str],
    stage_id: str,
    interviewer: tuple[str, str, str],
    when: tuple[datetime, int | None, str, int],
    *,
    cancelled: bool,
) -> InterviewEvent:
    candidate_uuid, candidate_name = candidate
    interviewer_uuid, interviewer_name, interviewer_email = interviewer
    starts_at, duration, place, sequence = when
    stage = None
    if rubric is not None:
        with contextlib.suppress(KeyError):
            stage = rubric.stage(stage_id)
    minutes = duration or (stage.duration_minutes if stage is not None else 60)
    title = stage.title if stage is not None else stage_id
    description = (
        describe(stage, candidate_name, place)
        if stage is not None
        else f"{title} with {candidate_name}"
    )
    return InterviewEvent(
        uid=event_uid(candidate_uuid, stage_id, interviewer_uuid),
        sequence=sequence,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        summary=f"Interview: {candidate_name} - {title}",
        description=description,
        place=place,
        interviewer_name=interviewer_name,
        interviewer_email=interviewer_email,
        cancelled=cancelled,
    )


def interview_events(
    db: Database,
    *,
    interviewer_uuid: str | None = None,
    candidate_uuid: str | None = None,
) -> list[InterviewEvent]:
    """Scheduled and cancelled interviews of one interviewer or one candidate, by time."""
    if (interviewer_uuid is None) == (candidate_uuid is None):
        raise InvalidInputError("choose an interviewer or a candidate")
    if interviewer_uuid is not None:
        records = assignments_for_interviewer(db, interviewer_uuid)
    else:
        assert candidate_uuid is not None
        records = assignments_for_candidate(db, candidate_uuid)
    scheduled = [r for r in records if r.starts_at is not None]
    with db.read() as session:
        rubrics: dict[str, Rubric | None] = {}
        for uuid in {r.candidate_uuid for r in scheduled}:
            rubrics[uuid] = _candidate_rubric(db, session, uuid)
        events = [_scheduled_event(r, rubrics[r.candidate_uuid]) for r in scheduled]
        query = (
            select(CancelledInterviewRow, CandidateRow, InterviewerRow)
            .join(CandidateRow, CandidateRow.id == CancelledInterviewRow.candidate_id)
            .join(InterviewerRow, InterviewerRow.id == CancelledInterviewRow.interviewer_id)
        )
        if interviewer_uuid is not None:
            interviewer_id = load_interviewer_row(session, interviewer_uuid).id
            query = query.where(CancelledInterviewRow.interviewer_id == interviewer_id)
        else:
            assert candidate_uuid is not None
            candidate_id = load_candidate_row(session, candidate_uuid).id
            query = query.where(CancelledInterviewRow.candidate_id == candidate_id)
        for cancelled, candidate, person in session.execute(query).all():
            if candidate.uuid not in rubrics:
                rubrics[candidate.uuid] = _candidate_rubric(db, session, candidate.uuid)
            events.append(
                _event(
                    rubrics[candidate.uuid],
                    (candidate.uuid, candidate.name),
                    cancelled.stage_id,
                    (person.uuid, person.name, person.email),
                    (
                        cancelled.starts_at,
                        cancelled.duration_minutes,
                        cancelled.place,
                        cancelled.calendar_sequence,
                    ),
                    cancelled=True,
                )
            )
    events.sort(key=lambda e: (e.starts_at, e.uid))
    return events


def _candidate_rubric(db: Database, session: Session, candidate_uuid: str) -> Rubric | None:
    row = load_candidate_row(session, candidate_uuid)
    if row.rubric_version_id is None:
        return None
    return rubric_for_version(db, session, row.rubric_version_id)


def _scheduled_event(record: AssignmentRecord, rubric: Rubric | None) -> InterviewEvent:
    assert record.starts_at is not None
    return _event(
        rubric,
        (record.candidate_uuid, record.candidate_name),
        record.stage_id,
        (record.interviewer_uuid, record.interviewer_name, record.interviewer_email),
        (record.starts_at, record.duration_minutes, record.place, record.calendar_sequence),
        cancelled=False,
    )


def calendar_bytes(
    events: Sequence[InterviewEvent], *, organizer_email: str = "", now: datetime | None = None
) -> bytes:
    """The iCalendar stream of these events: invitations, then cancellations."""
    from icalendar import Calendar, Event, vCalAddress, vText

    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    chunks = []
    for method, chosen in (
        ("REQUEST", [e for e in events if not e.cancelled]),
        ("CANCEL", [e for e in events if e.cancelled]),
    ):
        if not chosen:
            continue
        calendar = Calendar()
        calendar.add("prodid", PRODUCT_ID)
        calendar.add("version", "2.0")
        calendar.add("method", method)
        for item in chosen:
            event = Event()
            event.add("uid", item.uid)
            event.add("sequence", item.sequence)
            event.add("dtstamp", stamp)
            event.add("dtstart", item.starts_at.astimezone(UTC))
            event.add("dtend", item.ends_at.astimezone(UTC))
            event.add("summary", item.summary)
            event.add("description", item.description)
            if item.place:
                event.add("location", item.place)
            event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
            if organizer_email:
                event.add("organizer", vCalAddress(f"mailto:{organizer_email}"))
            if item.interviewer_email:
                attendee = vCalAddress(f"mailto:{item.interviewer_email}")
                attendee.params["cn"] = vText(item.interviewer_name)
                attendee.params["role"] = vText("REQ-PARTICIPANT")
                event.add("attendee", attendee, encode=False)
            calendar.add_component(event)
        chunks.append(calendar.to_ical())
    return b"".join(chunks)


def export_calendar(
    db: Database,
    out_path: Path | str,
    *,
    interviewer_uuid: str | None = None,
    candidate_uuid: str | None = None,
    organizer_email: str = "",
) -> list[InterviewEvent]:
    """Write the .ics file of one interviewer's or candidate's interviews; returns them."""
    events = interview_events(db, interviewer_uuid=interviewer_uuid, candidate_uuid=candidate_uuid)
    write_events(db, out_path, events, organizer_email=organizer_email)
    return events


def write_events(
    db: Database,
    out_path: Path | str,
    events: Sequence[InterviewEvent],
    *,
    organizer_email: str = "",
) -> None:
    """Write these events as an .ics file, whole or not at all."""
    if not events:
        raise InvalidInputError("no scheduled interviews to put in a calendar")
    out = Path(out_path)
    partial = out.with_name(f".{out.name}.partial")
    try:
        partial.write_bytes(calendar_bytes(events, organizer_email=organizer_email))
        partial.replace(out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise InvalidInputError(f"cannot write {out}: {exc.strerror or exc}") from None
    audit.log_event(db, "calendar.exported", "calendar", None, f"{len(events)} event(s)")


def assignment_event(
    db: Database, candidate_uuid: str, stage_id: str, interviewer_uuid: str
) -> InterviewEvent:
    """One assignment's invitation (or its cancellation), for *Send invitation…*."""
    for event in interview_events(db, candidate_uuid=candidate_uuid):
        if event.uid == event_uid(candidate_uuid, stage_id, interviewer_uuid):
            return event
    raise InvalidInputError("this interview has no time yet: set its time first")
