"""The pipeline service: stage progress, next steps, moving candidates, erasure, workload."""

from __future__ import annotations

import pytest
from svc_support import complete_changes

from interview_kit.domain.candidate import PipelineStatus
from interview_kit.services import assignments, audit, candidates, pipeline, scorecards
from interview_kit.services.candidates import CandidateQuery
from interview_kit.services.errors import ConflictError, InvalidInputError, NotFoundError
from interview_kit.services.pipeline import StageProgress, StageState


@pytest.mark.parametrize(
    ("assigned", "drafts", "submitted", "state", "text"),
    [
        (0, 0, 0, StageState.NOT_STARTED, "—"),
        (2, 0, 0, StageState.ASSIGNED, "2 assigned"),
        (2, 1, 0, StageState.IN_PROGRESS, "0/2 · 1 draft"),
        (3, 1, 1, StageState.IN_PROGRESS, "1/3 · 1 draft"),
        (2, 0, 1, StageState.IN_PROGRESS, "1/2"),
        (2, 0, 2, StageState.DONE, "✓ 2/2"),
        (1, 0, 2, StageState.DONE, "✓ 2/2"),  # someone unassigned after submitting
        (0, 0, 1, StageState.DONE, "✓ 1/1"),
    ],
)
def test_stage_progress(assigned, drafts, submitted, state, text) -> None:
    progress = StageProgress("s", assigned, drafts, submitted)
    assert progress.state is state
    assert progress.text == text


def test_next_steps_follow_the_rubric(panel) -> None:
    db, rubric = panel.db, panel.rubric
    first, second, third = (stage.id for stage in rubric.stages)
    record = panel.candidate
    expected = [
        (PipelineStatus.SCREENING, first, f"Advance to {rubric.stages[0].title}"),
        (PipelineStatus.DEEP_DIVE, second, f"Advance to {rubric.stages[1].title}"),
        (PipelineStatus.PRODUCT, third, f"Advance to {rubric.stages[2].title}"),
        (PipelineStatus.COMMITTEE, third, "Advance to committee"),
        (PipelineStatus.OFFER, third, "Advance to offer"),
        (PipelineStatus.HIRED, third, "Mark as hired"),
    ]
    for status, stage_id, label in expected:
        step = pipeline.next_step(rubric, record)
        assert (step.status, step.stage_id, step.label) == (status, stage_id, label)
        record = pipeline.advance_candidate(db, record.uuid, reason="ok")
        assert (record.status, record.stage_id) == (status, stage_id)
    assert pipeline.next_step(rubric, record) is None
    with pytest.raises(ConflictError, match="no next step"):
        pipeline.advance_candidate(db, record.uuid)


def test_reject_needs_a_reason_and_keeps_it(panel) -> None:
    db, uuid = panel.db, panel.candidate.uuid
    with pytest.raises(InvalidInputError, match="say why"):
        pipeline.reject_candidate(db, uuid, reason="   ")
    assert candidates.get_candidate(db, uuid).status is PipelineStatus.NEW
    record = pipeline.reject_candidate(db, uuid, reason="Wants to manage a team")
    assert record.status is PipelineStatus.REJECTED
    entry = audit.audit_entries(db, subject_uuid=uuid, action="candidate.status")[0]
    assert entry.detail == "new -> rejected: Wants to manage a team"
    with pytest.raises(ConflictError, match="already rejected"):
        pipeline.reject_candidate(db, uuid, reason="again")
    with pytest.raises(ConflictError):
        pipeline.withdraw_candidate(db, uuid)


def test_a_stale_move_is_refused(panel) -> None:
    db, record = panel.db, panel.candidate
    pipeline.advance_candidate(db, record.uuid)
    with pytest.raises(ConflictError, match="changed by someone else"):
        pipeline.advance_candidate(db, record.uuid, expected_version=record.version)


def test_pipeline_page_counts_assignments_drafts_and_submissions(panel) -> None:
    db, rubric, uuid = panel.db, panel.rubric, panel.candidate.uuid
    stage = panel.stage
    for person in (panel.ada, panel.bo, panel.cy):
        assignments.assign(db, uuid, stage, person.uuid)
    card = scorecards.start_scorecard(db, uuid, stage, panel.ada.uuid)
    scorecards.save_draft(db, card.uuid, complete_changes(rubric, stage))
    scorecards.submit_scorecard(db, card.uuid)
    scorecards.start_scorecard(db, uuid, stage, panel.bo.uuid)
    page = pipeline.pipeline_page(db, CandidateQuery())
    assert page.total == 1
    progress = page.rows[0].progress(stage)
    assert (progress.assigned, progress.drafts, progress.submitted) == (3, 1, 1)
    assert progress.text == "1/3 · 1 draft"
    assert page.rows[0].progress(rubric.stages[1].id).state is StageState.NOT_STARTED

    load = pipeline.interviewer_workload(db)
    assert load[panel.ada.uuid].open_assignments == 1
    assert load[panel.ada.uuid].not_submitted == 0
    assert load[panel.bo.uuid].not_submitted == 1


def test_erasure_summary_then_erase(panel) -> None:
    db, rubric, uuid = panel.db, panel.rubric, panel.candidate.uuid
    assignments.assign(db, uuid, panel.stage, panel.ada.uuid)
    card = scorecards.start_scorecard(db, uuid, panel.stage, panel.ada.uuid)
    scorecards.save_draft(db, card.uuid, complete_changes(rubric, panel.stage))
    scorecards.submit_scorecard(db, card.uuid)
    summary = pipeline.erasure_summary(db, uuid)
    assert (summary.scorecards, summary.assignments, summary.decisions) == (1, 1, 0)
    assert "1 scorecard with" in summary.describe()
    assert "cannot be undone" in summary.describe()
    candidates.erase_candidate(db, uuid)
    with pytest.raises(NotFoundError):
        pipeline.erasure_summary(db, uuid)
    assert pipeline.interviewer_workload(db) == {}
