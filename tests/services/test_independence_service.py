"""Independent scoring beyond the stage walk: lists, panel review, packets, calibration.

An interviewer on a candidate's panel sees nothing of the panel's scores for that
candidate until their own scorecard for the stage is submitted; nobody signed in (a
recruiter, the command line) and interviewers not on that panel see everything.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from svc_support import Panel, complete_changes

from interview_kit.domain.scorecard import Vote
from interview_kit.services import (
    assignments,
    candidates,
    independence,
    insights,
    interviewers,
    packets,
    panel_review,
    pipeline,
    scorecards,
)
from interview_kit.services.candidates import CandidateQuery, CandidateSort
from interview_kit.services.errors import ScoresHiddenError


def _submit(panel: Panel, candidate: str, stage: str, who: str, rating: int = 3) -> str:
    card = scorecards.start_scorecard(panel.db, candidate, stage, who)
    vote = Vote.STRONG_YES if rating == 4 else Vote.YES if rating == 3 else Vote.NO
    scorecards.save_draft(panel.db, card.uuid, complete_changes(panel.rubric, stage, rating, vote))
    scorecards.submit_scorecard(panel.db, card.uuid)
    return card.uuid


def _row(panel: Panel, viewer: str | None) -> candidates.CandidateSummary:
    page = candidates.list_candidates(panel.db, CandidateQuery(text="Zoë"), viewer=viewer)
    (row,) = page.rows
    return row


def test_the_list_hides_results_until_the_viewer_submits(panel: Panel) -> None:
    zoe = panel.candidate.uuid
    _submit(panel, zoe, panel.stage, panel.bo.uuid, rating=4)
    assignments.assign(panel.db, zoe, panel.stage, panel.ada.uuid)

    seen_by_recruiter = _row(panel, None)
    assert seen_by_recruiter.score is not None
    assert seen_by_recruiter.recommendation is not None
    assert not seen_by_recruiter.scores_hidden

    held = _row(panel, panel.ada.uuid)
    assert held.scores_hidden
    assert (held.score, held.recommendation, held.level, held.committee_decision) == (
        None,
        None,
        None,
        None,
    )
    assert held.submitted_count == 1, "who has submitted is not a score"

    not_on_panel = _row(panel, panel.cy.uuid)
    assert not not_on_panel.scores_hidden
    assert not_on_panel.score == seen_by_recruiter.score

    _submit(panel, zoe, panel.stage, panel.ada.uuid, rating=2)
    after = _row(panel, panel.ada.uuid)
    assert not after.scores_hidden
    assert after.score is not None


def test_a_draft_alone_holds_the_viewer_back(panel: Panel) -> None:
    zoe = panel.candidate.uuid
    _submit(panel, zoe, panel.stage, panel.bo.uuid)
    scorecards.start_scorecard(panel.db, zoe, panel.stage, panel.cy.uuid)
    assert _row(panel, panel.cy.uuid).scores_hidden


def test_a_later_stage_assignment_holds_the_viewer_back_again(panel: Panel) -> None:
    zoe = panel.candidate.uuid
    first, second = panel.rubric.stages[0], panel.rubric.stages[1]
    _submit(panel, zoe, first.id, panel.ada.uuid)
    _submit(panel, zoe, first.id, panel.bo.uuid)
    assert not _row(panel, panel.ada.uuid).scores_hidden

    assignments.assign(panel.db, zoe, second.id, panel.ada.uuid)
    assert _row(panel, panel.ada.uuid).scores_hidden
    found = independence.held_back(panel.db, zoe, panel.ada.uuid)
    assert found is not None
    assert found.stage_ids == (second.id,)
    assert found.message == (
        f"Submit your own Stage {second.number} scorecard for Zoë Ångström first: "
        "the panel's scores stay hidden until then."
    )


def test_several_open_stages_are_all_named(panel: Panel) -> None:
    zoe = panel.candidate.uuid
    for stage in panel.rubric.stages[:2]:
        assignments.assign(panel.db, zoe, stage.id, panel.ada.uuid)
    found = independence.held_back(panel.db, zoe, panel.ada.uuid)
    assert found is not None
    assert found.message.startswith("Submit your own Stage 1 and Stage 2 scorecards for Zoë")


def test_the_panel_review_is_refused_then_allowed(panel: Panel) -> None:
    zoe = panel.candidate.uuid
    _submit(panel, zoe, panel.stage, panel.bo.uuid)
    assignments.assign(panel.db, zoe, panel.stage, panel.ada.uuid)

    with pytest.raises(ScoresHiddenError, match=r"Submit your own Stage 1 scorecard for Zoë"):
        panel_review.panel_review(panel.db, zoe, viewer=panel.ada.uuid)
    assert panel_review.panel_review(panel.db, zoe).scorecards, "the recruiter sees it"
    assert panel_review.panel_review(panel.db, zoe, viewer=panel.cy.uuid).scorecards

    _submit(panel, zoe, panel.stage, panel.ada.uuid)
    review = panel_review.panel_review(panel.db, zoe, viewer=panel.ada.uuid)
    assert len(review.scorecards) == 2


def test_packets_are_refused_for_a_held_back_viewer(panel: Panel, tmp_path: Path) -> None:
    zoe = panel.candidate.uuid
    _submit(panel, zoe, panel.stage, panel.bo.uuid)
    assignments.assign(panel.db, zoe, panel.stage, panel.ada.uuid)

    with pytest.raises(ScoresHiddenError, match="stay hidden"):
        packets.packet_data(panel.db, zoe, viewer=panel.ada.uuid)
    with pytest.raises(ScoresHiddenError):
        packets.write_packet(panel.db, zoe, tmp_path / "one.pdf", viewer=panel.ada.uuid)
    assert not (tmp_path / "one.pdf").exists()

    batch = packets.write_packets(
        panel.db, tmp_path / "batch", candidate_uuids=[zoe], viewer=panel.ada.uuid
    )
    assert batch.written == ()
    ((who, why),) = batch.failed
    assert who == "Zoë Ångström"
    assert why.startswith("Submit your own Stage 1 scorecard for Zoë Ångström first")
    assert list((tmp_path / "batch").iterdir()) == []


def test_sorting_by_score_does_not_tell_a_hidden_score(panel: Panel) -> None:
    stage = panel.stage
    scores = {"Ann High": 4, "Bea Middle": 3, "Cid Low": 2}
    uuids = {}
    for name, rating in scores.items():
        record = candidates.add_candidate(panel.db, name=name)
        uuids[name] = record.uuid
        _submit(panel, record.uuid, stage, panel.bo.uuid, rating=rating)
    # Ada is on the panel of the best-scored candidate only.
    assignments.assign(panel.db, uuids["Ann High"], stage, panel.ada.uuid)

    def names(viewer: str | None, sort: CandidateSort, descending: bool) -> list[str]:
        page = pipeline.pipeline_page(
            panel.db, CandidateQuery(sort=sort, descending=descending), viewer=viewer
        )
        return [row.candidate.name for row in page.rows]

    by_score = CandidateSort.SCORE
    assert names(None, by_score, True) == ["Ann High", "Bea Middle", "Cid Low", "Zoë Ångström"]
    # Held back: Ann sorts among the candidates without a score, last either way, in the
    # order ties take (by name, in the direction of the sort).
    assert names(panel.ada.uuid, by_score, True) == [
        "Bea Middle",
        "Cid Low",
        "Zoë Ångström",
        "Ann High",
    ]
    assert names(panel.ada.uuid, by_score, False) == [
        "Cid Low",
        "Bea Middle",
        "Ann High",
        "Zoë Ångström",
    ]
    recommendation = names(panel.ada.uuid, CandidateSort.RECOMMENDATION, False)
    assert recommendation[-2:] == ["Ann High", "Zoë Ångström"]


def test_many_held_back_candidates_are_masked_the_same(panel: Panel, monkeypatch) -> None:
    """Past the inline limit the held-back set goes to SQL as a subquery (the limit
    lowered, so a few candidates take that path)."""
    monkeypatch.setattr(independence, "_INLINE_LIMIT", 4)
    ada = panel.ada.uuid
    for number in range(independence._INLINE_LIMIT + 2):
        record = candidates.add_candidate(panel.db, name=f"Bulk {number:04d}")
        assignments.assign(panel.db, record.uuid, panel.stage, ada)
    _submit(panel, panel.candidate.uuid, panel.stage, panel.bo.uuid, rating=4)
    assignments.assign(panel.db, panel.candidate.uuid, panel.stage, ada)

    page = candidates.list_candidates(
        panel.db, CandidateQuery(sort=CandidateSort.SCORE, descending=True, limit=5), viewer=ada
    )
    assert all(row.scores_hidden and row.score is None for row in page.rows)
    assert panel.candidate.uuid in independence.held_back_uuids(panel.db, ada)


def test_calibration_leaves_out_panels_the_viewer_has_not_submitted_to(panel: Panel) -> None:
    zoe = panel.candidate.uuid
    _submit(panel, zoe, panel.stage, panel.bo.uuid, rating=4)
    _submit(panel, zoe, panel.stage, panel.cy.uuid, rating=2)
    dee = interviewers.add_interviewer(panel.db, name="Dee Dee", email="dee@example.org")
    assignments.assign(panel.db, zoe, panel.stage, dee.uuid)

    def compared(viewer: str | None) -> int:
        return sum(item.count for item in insights.calibration(panel.db, viewer=viewer))

    assert compared(None) > 0
    assert compared(dee.uuid) == 0
    assert compared(panel.ada.uuid) == compared(None), "not on that panel: sees it all"


def test_nobody_signed_in_is_never_held_back(panel: Panel) -> None:
    assert independence.held_back(panel.db, panel.candidate.uuid, None) is None
    assert independence.held_back_uuids(panel.db, None) == set()
    independence.check_may_review(panel.db, panel.candidate.uuid, None)
