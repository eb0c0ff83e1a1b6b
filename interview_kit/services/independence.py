"""Independent scoring in every list and review: what a viewer may see of the panel's scores.

The rule (issue 4): until an interviewer has submitted their own scorecard for a
candidate's stage, nothing of another interviewer's scorecards for that candidate is
visible anywhere. The stage walk enforces it for the comparison panel
(:func:`~interview_kit.services.scorecard_reads.visible_scorecards`); this module enforces it
for everything that shows results derived from the whole panel: the pipeline's score,
recommendation, level and decision columns, the panel review, hiring packets and the
calibration chart.

Who is *held back* from a candidate: a viewer (an interviewer's uuid) who has an
assignment or a draft for one of the candidate's stages without a submitted scorecard of
their own for that stage. Held back means held back from the whole candidate, not only
that stage: the candidate's score, recommendation, level and decision mix every stage.

Who is not held back:

- ``None``, nobody signed in: the recruiter's seat, and the command line (it has no
  identity; it is a recruiter's tool).
- an interviewer with no assignment and no draft for the candidate: they are not on
  that panel (a recruiter or committee member who also interviews elsewhere) and see
  everything, as the recruiter does.
- an interviewer who has submitted for every stage they were assigned to.

Who has submitted (the pipeline's "1/3 · 1 draft" cells, the Interviewers page) is not
held back: it says nothing of what anyone scored, and the panel needs it to chase late
scorecards.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, Select, select, union
from sqlalchemy.orm import Session

from interview_kit.domain.rubric import Rubric
from interview_kit.services.errors import ScoresHiddenError
from interview_kit.services.rubrics import first_active_version_id, rubric_for_version
from interview_kit.storage.database import Database
from interview_kit.storage.models import (
    AssignmentRow,
    CandidateRow,
    InterviewerRow,
    ScorecardRow,
)

__all__ = [
    "HIDDEN_TEXT",
    "HeldBack",
    "ScoresHiddenError",
    "check_may_review",
    "held_back",
    "held_back_condition",
    "held_back_id_query",
    "held_back_ids",
    "held_back_uuids",
    "hidden_reason",
    "refusal",
]

HIDDEN_TEXT = "hidden until you submit"
"""What a list shows in place of a score, recommendation, level or decision held back."""

_INLINE_LIMIT = 500
"""Up to this many held-back candidates go into a query as values; more as a subquery."""


def hidden_reason(name: str = "") -> str:
    """The tooltip beside :data:`HIDDEN_TEXT`: why, and what lifts it."""
    whom = f" for {name}" if name else ""
    return (
        f"You are on this candidate's panel and have not submitted your own scorecard{whom} "
        "yet. Scores, recommendations, levels and decisions stay hidden until you do, so "
        "your scoring stays independent."
    )


@dataclass(frozen=True)
class HeldBack:
    """A viewer held back from one candidate, and the stages that lift it once submitted."""

    candidate_uuid: str
    candidate_name: str
    stage_ids: tuple[str, ...]
    stage_labels: tuple[str, ...]
    """``"Stage 2"`` for each stage of the candidate's rubric (the id when not in it)."""

    @property
    def message(self) -> str:
        """What the panel review and a packet say when they refuse."""
        labels = list(self.stage_labels)
        stages = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
        noun = "scorecard" if len(labels) == 1 else "scorecards"
        return (
            f"Submit your own {stages} {noun} for {self.candidate_name} first: "
            "the panel's scores stay hidden until then."
        )


def _viewer_id(viewer_uuid: str) -> ColumnElement[int]:
    return select(InterviewerRow.id).where(InterviewerRow.uuid == viewer_uuid).scalar_subquery()


def _open_stages(viewer_uuid: str) -> Select[tuple[int, str]]:
    """(candidate id, stage id) the viewer is assigned to or drafting, not yet submitted.

    A scorecard is unique per candidate, stage and interviewer, so a draft is never
    beside a submitted one: a draft always means "not submitted".
    """
    me = _viewer_id(viewer_uuid)
    submitted = (
        select(ScorecardRow.id)
        .where(
            ScorecardRow.candidate_id == AssignmentRow.candidate_id,
            ScorecardRow.stage_id == AssignmentRow.stage_id,
            ScorecardRow.interviewer_id == AssignmentRow.interviewer_id,
            ScorecardRow.status == "submitted",
        )
        .exists()
    )
    assigned = select(AssignmentRow.candidate_id, AssignmentRow.stage_id).where(
        AssignmentRow.interviewer_id == me, ~submitted
    )
    drafting = select(ScorecardRow.candidate_id, ScorecardRow.stage_id).where(
        ScorecardRow.interviewer_id == me, ScorecardRow.status == "draft"
    )
    return union(assigned, drafting)  # type: ignore[return-value]


def held_back_ids(session: Session | Connection, viewer_uuid: str | None) -> set[int]:
    """Row ids of the candidates the viewer is held back from (none for ``None``)."""
    if viewer_uuid is None:
        return set()
    stages = _open_stages(viewer_uuid).subquery()
    return set(session.scalars(select(stages.c.candidate_id).distinct()))


def held_back_id_query(viewer_uuid: str) -> Select[tuple[int]]:
    """Row ids of the candidates the viewer is held back from, as a subquery for SQL
    that leaves them out (aggregates over every candidate)."""
    stages = _open_stages(viewer_uuid).subquery()
    return select(stages.c.candidate_id)


def held_back_condition(ids: Collection[int], viewer_uuid: str) -> ColumnElement[bool]:
    """True for a :class:`CandidateRow` the viewer is held back from, for use in a query
    that masks or sorts (``ids`` from :func:`held_back_ids` in the same unit of work)."""
    if len(ids) <= _INLINE_LIMIT:
        return CandidateRow.id.in_(sorted(ids))
    stages = _open_stages(viewer_uuid).subquery()
    return CandidateRow.id.in_(select(stages.c.candidate_id))


def held_back_uuids(
    db: Database, viewer_uuid: str | None, candidate_uuids: Iterable[str] | None = None
) -> set[str]:
    """The candidates (of ``candidate_uuids``, else of all) the viewer is held back from."""
    wanted = None if candidate_uuids is None else list(candidate_uuids)
    if viewer_uuid is None or wanted == []:
        return set()
    with db.read() as session:
        ids = held_back_ids(session, viewer_uuid)
        if not ids:
            return set()
        query = select(CandidateRow.uuid).where(held_back_condition(ids, viewer_uuid))
        if wanted is not None:
            query = query.where(CandidateRow.uuid.in_(wanted))
        return set(session.scalars(query))


def held_back(db: Database, candidate_uuid: str, viewer_uuid: str | None) -> HeldBack | None:
    """Whether the viewer is held back from this candidate, and until which submissions."""
    if viewer_uuid is None:
        return None
    with db.read() as session:
        # The columns needed only: an interviewer's own login may not read the e-mail.
        candidate = session.execute(
            select(
                CandidateRow.id,
                CandidateRow.uuid,
                CandidateRow.name,
                CandidateRow.rubric_version_id,
            ).where(CandidateRow.uuid == candidate_uuid)
        ).one_or_none()
        if candidate is None:
            return None
        stages = _open_stages(viewer_uuid).subquery()
        stage_ids = set(
            session.scalars(select(stages.c.stage_id).where(stages.c.candidate_id == candidate.id))
        )
        if not stage_ids:
            return None
        version_id = candidate.rubric_version_id or first_active_version_id(session)
        rubric = rubric_for_version(db, session, version_id) if version_id is not None else None
        ordered = _in_rubric_order(rubric, stage_ids)
        return HeldBack(
            candidate_uuid=candidate.uuid,
            candidate_name=candidate.name,
            stage_ids=tuple(ordered),
            stage_labels=tuple(_stage_label(rubric, stage_id) for stage_id in ordered),
        )


def refusal(db: Database, candidate_uuids: Iterable[str], viewer_uuid: str | None) -> str:
    """Why the viewer may not have these candidates' packets ("" when they may): the
    stages to submit for one candidate, the names for several."""
    wanted = list(candidate_uuids)
    hidden = held_back_uuids(db, viewer_uuid, wanted)
    if not hidden:
        return ""
    if len(hidden) == 1:
        found = held_back(db, next(iter(hidden)), viewer_uuid)
        return found.message if found is not None else ""
    with db.read() as session:
        named = dict(
            session.execute(
                select(CandidateRow.uuid, CandidateRow.name).where(CandidateRow.uuid.in_(hidden))
            ).all()
        )
    names = [named[uuid] for uuid in wanted if uuid in named]
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return (
        f"Submit your own scorecards for {shown} first: the panel's scores stay hidden until then."
    )


def check_may_review(db: Database, candidate_uuid: str, viewer_uuid: str | None) -> None:
    """Raise :class:`ScoresHiddenError` when the viewer is held back from the candidate."""
    found = held_back(db, candidate_uuid, viewer_uuid)
    if found is not None:
        raise ScoresHiddenError(found.message)


def _in_rubric_order(rubric: Rubric | None, stage_ids: Collection[str]) -> list[str]:
    order = {stage.id: index for index, stage in enumerate(rubric.stages)} if rubric else {}
    return sorted(stage_ids, key=lambda stage_id: (order.get(stage_id, len(order)), stage_id))


def _stage_label(rubric: Rubric | None, stage_id: str) -> str:
    if rubric is not None:
        for stage in rubric.stages:
            if stage.id == stage_id:
                return f"Stage {stage.number}"
    return f"stage {stage_id}"
