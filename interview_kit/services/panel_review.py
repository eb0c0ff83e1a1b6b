"""Everything the hiring committee reviews for one candidate, read in one go.

The recommendation is computed against the rubric version the candidate is pinned to
(the one their scorecards were scored against), never the newest one, so editing the
rubric later changes nothing a committee already saw.
"""

from __future__ import annotations

from dataclasses import dataclass

from interview_kit.domain.engine import BandRecommendation, Recommendation, recommend
from interview_kit.domain.rubric import Band, Rubric
from interview_kit.domain.scorecard import Scorecard
from interview_kit.services import assignments, decisions, independence, scorecard_reads
from interview_kit.services.candidate_rows import load_candidate_row
from interview_kit.services.candidates import CandidateRecord, get_candidate
from interview_kit.services.decisions import DecisionRecord
from interview_kit.services.errors import NotFoundError
from interview_kit.services.rubrics import RubricVersionInfo, first_active_version_id, load_version
from interview_kit.storage.database import Database

__all__ = ["BandCheck", "PanelReview", "PendingSheet", "band_check", "panel_review"]


@dataclass(frozen=True)
class PendingSheet:
    """An assigned interviewer whose scorecard for a stage is not submitted yet."""

    stage_id: str
    interviewer_uuid: str
    interviewer_name: str
    status: str
    """``"not started"`` or ``"draft"``."""


@dataclass(frozen=True)
class PanelReview:
    candidate: CandidateRecord
    rubric: Rubric
    rubric_info: RubricVersionInfo
    scorecards: tuple[Scorecard, ...]
    """Submitted scorecards with their amendments applied."""
    amended: frozenset[str]
    """Uuids of scorecards that carry amendments."""
    recommendation: Recommendation
    pending: tuple[PendingSheet, ...]
    decisions: tuple[DecisionRecord, ...]
    """Newest (the one in force) first."""
    version: int = 0
    """What the review was based on (pass it as the decision's ``expected_version``)."""

    @property
    def decision(self) -> DecisionRecord | None:
        return self.decisions[0] if self.decisions else None

    @property
    def band(self) -> BandRecommendation | None:
        return self.recommendation.band


def panel_review(db: Database, candidate_uuid: str, *, viewer: str | None = None) -> PanelReview:
    """The candidate, their scorecards, the engine's recommendation and the decisions.

    Raises :class:`NotFoundError` for an unknown candidate, or when no rubric is stored
    to score against; :class:`ScoresHiddenError` when ``viewer`` (the signed-in
    interviewer, ``None`` for a recruiter) is on the candidate's panel and has not
    submitted their own scorecard (see :mod:`interview_kit.services.independence`).
    """
    candidate = get_candidate(db, candidate_uuid)
    independence.check_may_review(db, candidate_uuid, viewer)
    version = decisions.decision_version(db, candidate_uuid)
    with db.read() as session:
        row = load_candidate_row(session, candidate_uuid)
        version_id = row.rubric_version_id or first_active_version_id(session)
        if version_id is None:
            raise NotFoundError("no rubric is stored: import one in the rubric editor first")
        loaded = load_version(db, session, version_id)
    cards = tuple(scorecard_reads.effective_scorecards(db, candidate_uuid))
    infos = scorecard_reads.scorecards_for_candidate(db, candidate_uuid)
    amended = frozenset(info.uuid for info in infos if info.amendment_count)
    pending = tuple(
        PendingSheet(
            stage_id=record.stage_id,
            interviewer_uuid=record.interviewer_uuid,
            interviewer_name=record.interviewer_name,
            status="draft" if record.scorecard_status == "draft" else "not started",
        )
        for record in assignments.assignments_for_candidate(db, candidate_uuid)
        if record.scorecard_status != "submitted"
    )
    return PanelReview(
        candidate=candidate,
        rubric=loaded.rubric,
        rubric_info=loaded.info,
        scorecards=cards,
        amended=amended,
        recommendation=recommend(loaded.rubric, cards),
        pending=pending,
        decisions=tuple(decisions.decisions_for_candidate(db, candidate_uuid)),
        version=version,
    )


@dataclass(frozen=True)
class BandCheck:
    """Where a proposed base sits against a level's band."""

    band: Band
    inside: bool
    message: str


def band_check(rubric: Rubric, level_id: str, base: float | None) -> BandCheck | None:
    """``None`` when the level is unknown; otherwise whether ``base`` is inside the band,
    with the sentence the decision form shows."""
    try:
        band = rubric.level(level_id).band
    except KeyError:
        return None
    span = f"{band.base_min:,.0f}-{band.base_max:,.0f} {band.currency}"
    if base is None:
        return BandCheck(band, True, f"The {level_id} band is {span}.")
    if band.base_min <= base <= band.base_max:
        return BandCheck(
            band, True, f"{base:,.0f} {band.currency} is inside the {level_id} band ({span})."
        )
    side = "below" if base < band.base_min else "above"
    return BandCheck(
        band,
        False,
        f"{base:,.0f} {band.currency} is {side} the {level_id} band ({span}): "
        "a written justification is required and is stored with the decision.",
    )
