"""Interview times on assignments, .ics invitations read back with icalendar, and
overdue feedback."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from icalendar import Calendar
from svc_support import Panel, complete_changes

from interview_kit.services import assignments, calendar, reminders, scorecards
from interview_kit.services.assignments import InterviewTime
from interview_kit.services.errors import InvalidInputError, NotFoundError

MONDAY = datetime(2026, 12, 7, 14, 0, tzinfo=UTC)


def _parse(path: Path) -> list[Calendar]:
    return list(Calendar.from_ical(path.read_bytes(), multiple=True))


def _events(path: Path) -> dict[str, tuple[str, object]]:
    """uid -> (method, event) over every calendar object of the file."""
    found = {}
    for cal in _parse(path):
        for event in cal.walk("VEVENT"):
            found[str(event["UID"])] = (str(cal["METHOD"]), event)
    return found


def _assign_ada(panel: Panel, when: datetime = MONDAY, place: str = "Room 4") -> None:
    assignments.assign(panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
    assignments.schedule(
        panel.db,
        panel.candidate.uuid,
        panel.stage,
        panel.ada.uuid,
        InterviewTime(when, None, place),
    )


def test_schedule_raises_the_sequence_only_when_something_changes(panel: Panel) -> None:
    assignments.assign(panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
    args = (panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
    first = assignments.schedule(*args, InterviewTime(MONDAY, 45, " Room 4 "))
    assert (first.starts_at, first.duration_minutes, first.place) == (MONDAY, 45, "Room 4")
    assert first.calendar_sequence == 1
    same = assignments.schedule(*args, InterviewTime(MONDAY, 45, "Room 4"))
    assert same.calendar_sequence == 1
    moved = assignments.schedule(*args, InterviewTime(MONDAY + timedelta(hours=1), 45, "Room 4"))
    assert moved.calendar_sequence == 2
    with pytest.raises(InvalidInputError, match="time zone"):
        assignments.schedule(*args, InterviewTime(datetime(2026, 12, 7, 14, 0)))  # noqa: DTZ001
    with pytest.raises(InvalidInputError, match="1 to 600 minutes"):
        assignments.schedule(*args, InterviewTime(MONDAY, 0))
    with pytest.raises(NotFoundError, match="is not assigned"):
        assignments.schedule(
            panel.db, panel.candidate.uuid, panel.stage, panel.bo.uuid, InterviewTime(MONDAY)
        )


def test_ics_has_a_stable_uid_a_rising_sequence_and_no_scores(panel: Panel, tmp_path: Path) -> None:
    _assign_ada(panel)
    out = tmp_path / "ada.ics"
    calendar.export_calendar(panel.db, out, interviewer_uuid=panel.ada.uuid)
    ((uid, (method, event)),) = _events(out).items()
    assert method == "REQUEST"
    assert uid == calendar.event_uid(panel.candidate.uuid, panel.stage, panel.ada.uuid)
    assert int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART") == MONDAY
    stage = panel.rubric.stage(panel.stage)
    assert event.decoded("DTEND") == MONDAY + timedelta(minutes=stage.duration_minutes)
    assert str(event["LOCATION"]) == "Room 4"
    description = str(event["DESCRIPTION"])
    assert stage.purpose.strip()[:40] in description
    assert "Time plan:" in description
    assert f"{stage.exercises[0].title} ({stage.exercises[0].minutes} min)" in description
    assert "mailto:ada@example.org" in str(event["ATTENDEE"])

    # A scored interview still carries no score.
    card = scorecards.start_scorecard(panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
    scorecards.save_draft(panel.db, card.uuid, complete_changes(panel.rubric, panel.stage))
    scorecards.submit_scorecard(panel.db, card.uuid)
    assignments.schedule(
        panel.db,
        panel.candidate.uuid,
        panel.stage,
        panel.ada.uuid,
        InterviewTime(MONDAY + timedelta(days=1), 30, "Room 5"),
    )
    calendar.export_calendar(panel.db, out, candidate_uuid=panel.candidate.uuid)
    text = out.read_text()
    for secret in ("Solid builder", "evidence for", "strong_yes", "Rating"):
        assert secret not in text
    ((again_uid, (_, event)),) = _events(out).items()
    assert again_uid == uid
    assert int(event["SEQUENCE"]) == 2
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=30)


def test_unassigning_sends_a_cancel_and_assigning_again_outranks_it(
    panel: Panel, tmp_path: Path
) -> None:
    _assign_ada(panel)
    assignments.assign(panel.db, panel.candidate.uuid, panel.stage, panel.bo.uuid)
    assignments.schedule(
        panel.db, panel.candidate.uuid, panel.stage, panel.bo.uuid, InterviewTime(MONDAY)
    )
    assignments.unassign(panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
    out = tmp_path / "candidate.ics"
    calendar.export_calendar(panel.db, out, candidate_uuid=panel.candidate.uuid)
    assert [str(c["METHOD"]) for c in _parse(out)] == ["REQUEST", "CANCEL"]
    events = _events(out)
    ada_uid = calendar.event_uid(panel.candidate.uuid, panel.stage, panel.ada.uuid)
    method, cancelled = events[ada_uid]
    assert method == "CANCEL"
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) == 2  # scheduled at 1, cancelled at 2

    assignments.assign(panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
    assignments.schedule(
        panel.db,
        panel.candidate.uuid,
        panel.stage,
        panel.ada.uuid,
        InterviewTime(MONDAY + timedelta(days=2)),
    )
    calendar.export_calendar(panel.db, out, interviewer_uuid=panel.ada.uuid)
    ((uid, (method, event)),) = _events(out).items()
    assert (uid, method) == (ada_uid, "REQUEST")
    assert int(event["SEQUENCE"]) == 4  # back at 3, moved at 4: above the cancellation


def test_an_unscheduled_assignment_has_no_calendar(panel: Panel, tmp_path: Path) -> None:
    assignments.assign(panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
    with pytest.raises(InvalidInputError, match="no scheduled interviews"):
        calendar.export_calendar(panel.db, tmp_path / "x.ics", interviewer_uuid=panel.ada.uuid)
    assert not (tmp_path / "x.ics").exists()
    # Unassigning an interview that never had a time leaves nothing to cancel.
    assignments.unassign(panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
    assert calendar.interview_events(panel.db, interviewer_uuid=panel.ada.uuid) == []


def test_feedback_is_overdue_after_the_rubric_window(panel: Panel) -> None:
    _assign_ada(panel)
    stage_minutes = panel.rubric.stage(panel.stage).duration_minutes
    due = MONDAY + timedelta(minutes=stage_minutes, hours=24)
    assert reminders.overdue_feedback(panel.db, now=due - timedelta(minutes=1)) == []
    (item,) = reminders.overdue_feedback(panel.db, now=due + timedelta(hours=5))
    assert (item.interviewer_name, item.candidate_name, item.due_at) == (
        "Ada Lovelace",
        "Zoë Ångström",
        due,
    )
    assert item.hours_overdue(due + timedelta(hours=5)) == 5
    assert item.scorecard_status is None

    card = scorecards.start_scorecard(panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
    (item,) = reminders.overdue_feedback(panel.db, now=due + timedelta(hours=5))
    assert item.scorecard_status == "draft"  # a draft is still overdue
    scorecards.save_draft(panel.db, card.uuid, complete_changes(panel.rubric, panel.stage))
    scorecards.submit_scorecard(panel.db, card.uuid)
    assert reminders.overdue_feedback(panel.db, now=due + timedelta(hours=5)) == []


def test_the_due_window_follows_the_rubric_rule(panel: Panel) -> None:
    rules = panel.rubric.rules.model_copy(update={"feedback_due_hours": 2})
    rubric = panel.rubric.model_copy(update={"rules": rules})
    assert rubric.content_hash() != panel.rubric.content_hash()
    unset = panel.rubric.rules.model_copy(update={"feedback_due_hours": None})
    assert (
        panel.rubric.model_copy(update={"rules": unset}).content_hash()
        == panel.rubric.content_hash()
    )
    record = assignments.AssignmentRecord(
        candidate_uuid="c",
        candidate_name="C",
        candidate_status=panel.candidate.status,
        stage_id=panel.stage,
        interviewer_uuid="i",
        interviewer_name="I",
        assigned_at=MONDAY,
        scorecard_uuid=None,
        scorecard_status=None,
        last_change=None,
        starts_at=MONDAY,
        duration_minutes=30,
    )
    assert reminders.due_at(record, rubric) == MONDAY + timedelta(minutes=30, hours=2)
    assert reminders.due_at(record, panel.rubric) == MONDAY + timedelta(minutes=30, hours=24)
    unscheduled = assignments.AssignmentRecord(**{**record.__dict__, "starts_at": None})
    assert reminders.due_at(unscheduled, rubric) is None


def test_one_mail_draft_per_overdue_interviewer(panel: Panel) -> None:
    _assign_ada(panel)
    assignments.assign(panel.db, panel.candidate.uuid, panel.stage, panel.bo.uuid)
    assignments.schedule(
        panel.db, panel.candidate.uuid, panel.stage, panel.bo.uuid, InterviewTime(MONDAY)
    )
    later = MONDAY + timedelta(days=3)
    grouped = reminders.by_interviewer(reminders.overdue_feedback(panel.db, now=later))
    assert [r.interviewer_name for r in grouped] == ["Ada Lovelace", "Bo Diddley"]
    url = reminders.mailto_url(grouped[0], now=later)
    parts = urlsplit(url)
    assert (parts.scheme, unquote(parts.path)) == ("mailto", "ada@example.org")
    query = parse_qs(parts.query)
    assert query["subject"] == ["Overdue interview feedback: Zoë Ångström"]
    body = query["body"][0]
    assert body.startswith("Hello Ada,\r\n")
    assert "Zoë Ångström, " in body
