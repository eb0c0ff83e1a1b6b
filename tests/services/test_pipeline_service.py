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


# ---------------------------------------------------------------------------------------
# Reopening, drafts left behind, ready to advance


def test_reopen_goes_back_to_the_status_and_stage_it_left(panel) -> None:
    db, uuid = panel.db, panel.candidate.uuid
    pipeline.advance_candidate(db, uuid)
    moved = pipeline.advance_candidate(db, uuid)
    assert moved.status is PipelineStatus.DEEP_DIVE
    pipeline.reject_candidate(db, uuid, reason="Not now")
    with pytest.raises(InvalidInputError, match="say why"):
        pipeline.reopen_candidate(db, uuid, reason=" ")
    record = pipeline.reopen_candidate(db, uuid, reason="The rejection was for someone else")
    assert (record.status, record.stage_id) == (PipelineStatus.DEEP_DIVE, moved.stage_id)
    entry = audit.audit_entries(db, subject_uuid=uuid, action="candidate.status")[0]
    assert entry.detail == "rejected -> deep_dive: The rejection was for someone else"
    with pytest.raises(ConflictError, match="nothing to reopen"):
        pipeline.reopen_candidate(db, uuid, reason="again")


def test_reopen_a_withdrawal_from_the_committee(panel) -> None:
    db, uuid = panel.db, panel.candidate.uuid
    for _ in range(4):
        record = pipeline.advance_candidate(db, uuid)
    assert record.status is PipelineStatus.COMMITTEE
    pipeline.withdraw_candidate(db, uuid, reason="Took another offer")
    record = pipeline.reopen_candidate(db, uuid, reason="Came back")
    assert (record.status, record.stage_id) == (
        PipelineStatus.COMMITTEE,
        panel.rubric.stages[-1].id,
    )


def test_reopen_without_a_recorded_move_follows_the_stage(panel) -> None:
    db = panel.db
    stage = panel.rubric.stages[1].id
    imported = candidates.add_candidate(
        db, name="Imported Rejected", status="rejected", stage_id=stage
    )
    record = pipeline.reopen_candidate(db, imported.uuid, reason="Reconsidered")
    assert (record.status, record.stage_id) == (PipelineStatus.DEEP_DIVE, stage)
    fresh = candidates.add_candidate(db, name="Imported Withdrawn", status="withdrawn")
    assert pipeline.reopen_candidate(db, fresh.uuid, reason="Back").status is PipelineStatus.NEW


def test_a_hire_is_not_reopened_and_a_stale_reopen_is_refused(panel) -> None:
    db, uuid = panel.db, panel.candidate.uuid
    rejected = pipeline.reject_candidate(db, uuid, reason="No")
    pipeline.reopen_candidate(db, uuid, reason="Yes after all")
    pipeline.reject_candidate(db, uuid, reason="No again")
    with pytest.raises(ConflictError, match="changed by someone else"):
        pipeline.reopen_candidate(db, uuid, reason="x", expected_version=rejected.version)
    hired = candidates.add_candidate(db, name="Hana Hired", status="hired")
    with pytest.raises(ConflictError, match="hired: a hire is not reopened"):
        pipeline.reopen_candidate(db, hired.uuid, reason="x")
    with pytest.raises(NotFoundError):
        pipeline.reopen_candidate(db, "0" * 32, reason="x")


def test_own_drafts_name_the_stages_with_a_draft(panel) -> None:
    db, uuid, stage = panel.db, panel.candidate.uuid, panel.stage
    assert pipeline.own_drafts(db, uuid, panel.ada.uuid) == []
    assert pipeline.own_drafts(db, uuid, None) == []
    card = scorecards.start_scorecard(db, uuid, stage, panel.ada.uuid)
    scorecards.start_scorecard(db, uuid, stage, panel.bo.uuid)
    assert pipeline.own_drafts(db, uuid, panel.ada.uuid) == [stage]
    scorecards.save_draft(db, card.uuid, complete_changes(panel.rubric, stage))
    scorecards.submit_scorecard(db, card.uuid)
    assert pipeline.own_drafts(db, uuid, panel.ada.uuid) == []


def test_ready_to_advance_when_every_assigned_scorecard_of_the_stage_is_in(panel) -> None:
    db, rubric, uuid = panel.db, panel.rubric, panel.candidate.uuid
    stage = rubric.stages[0].id

    def ready() -> bool:
        return pipeline.pipeline_page(db, CandidateQuery()).rows[0].ready_to_advance

    assert not ready()  # new: in no stage
    pipeline.advance_candidate(db, uuid)
    assert not ready()  # nobody assigned yet
    for person in (panel.ada, panel.bo):
        assignments.assign(db, uuid, stage, person.uuid)
    for number, person in enumerate((panel.ada, panel.bo)):
        assert not ready()
        card = scorecards.start_scorecard(db, uuid, stage, person.uuid)
        scorecards.save_draft(db, card.uuid, complete_changes(rubric, stage))
        scorecards.submit_scorecard(db, card.uuid)
        assert ready() is (number == 1)
    pipeline.advance_candidate(db, uuid)
    assert not ready()  # the next stage has its own panel


def test_reopen_at_another_stage(panel) -> None:
    db, uuid, rubric = panel.db, panel.candidate.uuid, panel.rubric
    pipeline.reject_candidate(db, uuid, reason="No")
    with pytest.raises(InvalidInputError, match="not in Zoë Ångström's rubric"):
        pipeline.reopen_candidate(db, uuid, reason="x", stage_id="nowhere")
    record = pipeline.reopen_candidate(
        db, uuid, reason="Straight to product", stage_id=rubric.stages[2].id
    )
    assert (record.status, record.stage_id) == (PipelineStatus.PRODUCT, rubric.stages[2].id)


def test_closed_drafts_are_the_drafts_left_on_closed_candidates(panel) -> None:
    db, uuid, stage = panel.db, panel.candidate.uuid, panel.stage
    assignments.assign(db, uuid, stage, panel.ada.uuid)
    scorecards.start_scorecard(db, uuid, stage, panel.ada.uuid)
    assert pipeline.closed_drafts(db) == []
    pipeline.reject_candidate(db, uuid, reason="No")
    left = pipeline.closed_drafts(db)
    assert [
        (r.candidate_name, r.stage_id, r.interviewer_name, r.scorecard_status) for r in left
    ] == [("Zoë Ångström", stage, "Ada Lovelace", "draft")]
    assert left[0].candidate_status is PipelineStatus.REJECTED
    assert pipeline.closed_drafts(db, panel.bo.uuid) == []
    assert len(pipeline.closed_drafts(db, panel.ada.uuid)) == 1
    pipeline.reopen_candidate(db, uuid, reason="Back")
    assert pipeline.closed_drafts(db) == []
