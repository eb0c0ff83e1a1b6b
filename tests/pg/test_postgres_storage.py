"""Storage guarantees hold on PostgreSQL as on SQLite: the same migrations create the
same guards (submitted scorecards immutable, audit log append-only), times stay UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy import exc as sa_exc

from interview_kit.domain.scorecard import CriterionRating, Vote
from interview_kit.domain.scorecard_content import ScorecardChanges
from interview_kit.services import (
    assignments,
    audit,
    candidates,
    interviewers,
    rubrics,
    scorecard_reads,
)
from interview_kit.services import scorecards as cards
from interview_kit.storage import Database, open_database
from interview_kit.storage.models import AuditRow, RatingRow, ScorecardRow


@pytest.fixture
def db(shared_url: str) -> Database:
    database = open_database(shared_url, actor="tester")
    yield database  # type: ignore[misc]
    database.close()


def submitted_card(db: Database) -> str:
    rubrics.ensure_default_rubric(db)
    stage = rubrics.active_rubric(db).rubric.stages[0]
    zoe = candidates.add_candidate(db, name="Zoë")
    mei = interviewers.add_interviewer(db, name="Mei")
    assignments.assign(db, zoe.uuid, stage.id, mei.uuid)
    detail = cards.start_scorecard(db, zoe.uuid, stage.id, mei.uuid)
    cards.save_draft(
        db,
        detail.uuid,
        ScorecardChanges(
            ratings={c.id: CriterionRating(c.id, 3, "seen") for c in stage.criteria},
            vote=Vote.YES,
        ),
    )
    cards.submit_scorecard(db, detail.uuid)
    return detail.uuid


def test_submitted_scorecard_cannot_be_rewritten(db: Database) -> None:
    uuid = submitted_card(db)
    with pytest.raises(sa_exc.DatabaseError, match="immutable"), db.write() as session:
        session.execute(update(ScorecardRow).where(ScorecardRow.uuid == uuid).values(summary="x"))
    assert scorecard_reads.get_scorecard(db, uuid).scorecard.summary == ""
    with db.read() as session:
        scorecard_id = session.scalar(select(ScorecardRow.id).where(ScorecardRow.uuid == uuid))
    change = update(RatingRow).where(RatingRow.scorecard_id == scorecard_id).values(rating=1)
    with pytest.raises(sa_exc.DatabaseError, match="immutable"), db.write() as session:
        session.execute(change)


def test_audit_log_is_append_only(db: Database) -> None:
    audit.log_event(db, "test.event", "database", None, "one")
    for statement in (update(AuditRow).values(detail="changed"), delete(AuditRow)):
        with pytest.raises(sa_exc.DatabaseError, match="append-only"), db.write() as session:
            session.execute(statement)
    assert [e.detail for e in audit.audit_entries(db, action="test.event")] == ["one"]


def test_times_come_back_as_aware_utc(db: Database) -> None:
    tokyo = timezone(timedelta(hours=9))
    moment = datetime(2026, 3, 2, 18, 30, 15, 123456, tzinfo=tokyo)
    with db.write() as session:
        session.add(AuditRow(at=moment, actor="t", action="test.time", subject_type="x"))
    entry = audit.audit_entries(db, action="test.time")[0]
    assert entry.at == moment
    assert entry.at.tzinfo == UTC


def test_server_reports_no_leftover_transaction(db: Database) -> None:
    """A refused write is rolled back: the next unit of work starts clean."""
    audit.log_event(db, "test.event", "database", None)
    with pytest.raises(sa_exc.DatabaseError), db.write() as session:
        session.execute(delete(AuditRow))
    with db.read() as session:
        assert session.execute(text("SELECT 1")).scalar_one() == 1
