"""What was submitted stays: no hand-written DELETE takes a submitted scorecard, its parts,
an amendment or an audit line (SQLite and PostgreSQL alike); erasure is the one audited
exception. Private notes stay their author's and out of every amendment. Two sessions
starting one scorecard share it; a decision on a stale review is refused."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from svc_support import NewDatabase, Panel, complete_changes, target_of

from interview_kit.domain.scorecard_content import ScorecardChanges
from interview_kit.services import (
    audit,
    candidates,
    decisions,
    panel_review,
    scorecard_reads,
    scorecards,
)
from interview_kit.services.errors import StaleEditError
from interview_kit.storage import open_database


def _submitted(panel: Panel, who: str) -> str:
    card = scorecards.start_scorecard(panel.db, panel.candidate.uuid, panel.stage, who)
    scorecards.save_draft(panel.db, card.uuid, complete_changes(panel.rubric, panel.stage))
    scorecards.submit_scorecard(panel.db, card.uuid)
    return card.uuid


def _count(panel: Panel, sql: str) -> int:
    with panel.db.engine.connect() as connection:
        return int(connection.execute(text(sql)).scalar_one())


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM scorecards",
        "DELETE FROM scorecard_ratings",
        "DELETE FROM scorecard_observations",
        "DELETE FROM scorecard_exercise_notes",
        "DELETE FROM scorecard_amendments",
        "DELETE FROM audit_log",
        "UPDATE scorecard_amendments SET reason = 'rewritten'",
    ],
)
def test_no_hand_written_statement_removes_what_was_submitted(panel: Panel, statement: str) -> None:
    uuid = _submitted(panel, panel.ada.uuid)
    scorecards.amend_scorecard(panel.db, uuid, ScorecardChanges(summary="Corrected"), reason="typo")
    tables = (
        "scorecards",
        "scorecard_ratings",
        "scorecard_observations",
        "scorecard_exercise_notes",
        "scorecard_amendments",
        "audit_log",
    )
    before = {table: _count(panel, f"SELECT count(*) FROM {table}") for table in tables}
    with (
        pytest.raises(DBAPIError, match=r"immutable|append-only"),
        panel.db.engine.begin() as connection,
    ):
        connection.execute(text(statement))
    after = {table: _count(panel, f"SELECT count(*) FROM {table}") for table in tables}
    assert after == before
    assert scorecard_reads.get_scorecard(panel.db, uuid).amendments[0].reason == "typo"


def test_a_draft_may_still_be_thrown_away(panel: Panel) -> None:
    card = scorecards.start_scorecard(panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
    scorecards.save_draft(panel.db, card.uuid, complete_changes(panel.rubric, panel.stage))
    scorecards.delete_draft(panel.db, card.uuid)
    assert (
        scorecard_reads.find_scorecard(panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
        is None
    )


def test_erasure_is_the_one_audited_exception(panel: Panel) -> None:
    uuid = _submitted(panel, panel.ada.uuid)
    scorecards.amend_scorecard(panel.db, uuid, ScorecardChanges(summary="x"), reason="typo")
    candidates.erase_candidate(panel.db, panel.candidate.uuid, actor="Riley")
    for table in ("scorecards", "scorecard_ratings", "scorecard_amendments", "private_notes"):
        assert _count(panel, f"SELECT count(*) FROM {table}") == 0, table
    assert _count(panel, "SELECT count(*) FROM erasing_candidates") == 0
    [line] = audit.audit_entries(panel.db, action="candidate.erased")
    assert (line.actor, line.subject_uuid) == ("Riley", panel.candidate.uuid)


def test_private_notes_stay_out_of_the_record(panel: Panel) -> None:
    uuid = _submitted(panel, panel.ada.uuid)
    assert scorecard_reads.get_scorecard(panel.db, uuid).private_notes == "never leaves this app"
    # Only the notes: saved as they are, no amendment made.
    scorecards.amend_scorecard(
        panel.db, uuid, ScorecardChanges(private_notes="second thoughts"), reason="notes"
    )
    detail = scorecard_reads.get_scorecard(panel.db, uuid)
    assert detail.private_notes == "second thoughts"
    assert detail.amendments == ()
    scorecards.amend_scorecard(
        panel.db,
        uuid,
        ScorecardChanges(summary="Corrected", private_notes="third"),
        reason="both",
    )
    detail = scorecard_reads.get_scorecard(panel.db, uuid)
    assert (detail.private_notes, detail.scorecard.summary) == ("third", "Corrected")
    with panel.db.engine.connect() as connection:
        stored = connection.execute(text("SELECT changes FROM scorecard_amendments")).all()
    assert "third" not in str(stored)
    assert "private" not in str(stored)


def test_a_search_finds_the_email_but_the_key_holds_the_name_only(panel: Panel) -> None:
    with panel.db.engine.connect() as connection:
        key = connection.execute(text("SELECT search_key FROM candidates")).scalar_one()
    assert key == "zoe angstrom"
    found = candidates.list_candidates(panel.db, candidates.CandidateQuery(text="zoe@exam"))
    assert [row.uuid for row in found.rows] == [panel.candidate.uuid]
    assert candidates.resolve_candidate(panel.db, "example.org").uuid == panel.candidate.uuid


def test_two_sessions_starting_one_scorecard_share_it(
    panel: Panel, new_database: NewDatabase
) -> None:
    others = [open_database(target_of(panel.db), actor=f"Ada {n}") for n in range(2)]
    barrier = threading.Barrier(len(others))
    found: list[str] = []
    errors: list[BaseException] = []

    def start(db: object) -> None:
        try:
            barrier.wait()
            card = scorecards.start_scorecard(
                db,  # type: ignore[arg-type]
                panel.candidate.uuid,
                panel.stage,
                panel.ada.uuid,
            )
            found.append(card.uuid)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(db,)) for db in others]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        for db in others:
            db.close()
    assert errors == []
    assert len(found) == 2
    assert found[0] == found[1]


def test_a_decision_on_a_stale_review_is_refused(panel: Panel) -> None:
    _submitted(panel, panel.ada.uuid)
    seen = panel_review.panel_review(panel.db, panel.candidate.uuid)
    level = panel.rubric.levels[1].id
    decisions.record_decision(
        panel.db, panel.candidate.uuid, decision="no_hire", expected_version=seen.version
    )
    # A second committee member, deciding on the review read before the first decision:
    with pytest.raises(StaleEditError, match="changed after you opened it"):
        decisions.record_decision(
            panel.db,
            panel.candidate.uuid,
            decision="hire",
            level=level,
            expected_version=seen.version,
        )
    # So is one read before another scorecard came in.
    again = panel_review.panel_review(panel.db, panel.candidate.uuid)
    _submitted(panel, panel.bo.uuid)
    with pytest.raises(StaleEditError):
        decisions.record_decision(
            panel.db, panel.candidate.uuid, decision="no_hire", expected_version=again.version
        )
    fresh = panel_review.panel_review(panel.db, panel.candidate.uuid)
    decisions.record_decision(
        panel.db, panel.candidate.uuid, decision="hire", level=level, expected_version=fresh.version
    )
    assert len(decisions.decisions_for_candidate(panel.db, panel.candidate.uuid)) == 2
