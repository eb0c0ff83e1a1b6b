"""The adverse-impact monitor: selection rates by self-identified group at each step.

The steps are the rubric's stages and the committee. A candidate *passed* a stage when
they went beyond it (as the funnel in :mod:`interview_kit.services.insights` counts:
a later stage, the committee, an offer, a hire or a committee decision) and was *not
selected* when rejected at it. Candidates still in a stage are undecided there and left
out; so are withdrawals at the stage they withdrew from, which are the candidate's
choice, not a selection. At the committee, the decision in force is the selection.

Answers come from ``self_identifications`` only; candidates who gave none for the
question are shown as "No answer", never compared. Per interviewer, a step counts the
candidates whose scorecard for that stage the interviewer submitted, for interviewers
with at least ``min_interviewer_count`` decided candidates there. Figures with a cell
under five are suppressed (:mod:`interview_kit.domain.adverse_impact`).

Only recruiters and the committee should reach this view; the app and the command line
are responsible for asking who is looking.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, distinct, func, select

from interview_kit.domain.adverse_impact import MIN_CELL, GroupCount, ImpactTable, analyse
from interview_kit.domain.candidate import PipelineStatus
from interview_kit.domain.self_identification import Question
from interview_kit.services.errors import InvalidInputError
from interview_kit.services.evidence.common import active_rubric_or_none
from interview_kit.services.evidence.records import self_identification_questions
from interview_kit.storage.database import Database
from interview_kit.storage.models import (
    CandidateRow,
    CandidateSummaryRow,
    InterviewerRow,
    ScorecardRow,
    SelfIdentificationRow,
)

COMMITTEE_STEP = "committee"
NO_ANSWER = "no_answer"
MIN_INTERVIEWER_COUNT = 30
"""Decided candidates an interviewer needs at a stage before their own table is shown."""

_BEYOND = {PipelineStatus.COMMITTEE, PipelineStatus.OFFER, PipelineStatus.HIRED}


@dataclass(frozen=True)
class StageImpact:
    step_id: str
    title: str
    interviewer_uuid: str | None
    interviewer_name: str | None
    table: ImpactTable

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"step": self.step_id, "title": self.title}
        if self.interviewer_uuid is not None:
            data["interviewer_uuid"] = self.interviewer_uuid
            data["interviewer"] = self.interviewer_name
        data.update(self.table.to_json())
        return data


@dataclass(frozen=True)
class QuestionImpact:
    question_id: str
    label: str
    answered: int
    steps: tuple[StageImpact, ...]
    by_interviewer: tuple[StageImpact, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question_id,
            "label": self.label,
            "answered": self.answered,
            "steps": [step.to_json() for step in self.steps],
            "by_interviewer": [step.to_json() for step in self.by_interviewer],
        }


@dataclass(frozen=True)
class AdverseImpactReport:
    min_cell: int
    min_interviewer_count: int
    questions: tuple[QuestionImpact, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "min_cell": self.min_cell,
            "min_interviewer_count": self.min_interviewer_count,
            "questions": [question.to_json() for question in self.questions],
        }


def step_outcome(
    status: str, stage_index: int | None, decided: bool, step: int, steps: int
) -> bool | None:
    """Whether a candidate was selected at stage ``step`` (``None``: not decided there).

    ``step == steps`` is the committee, handled by the caller from the decision.
    """
    state = PipelineStatus(status)
    if state in _BEYOND or decided:
        return True
    if state is PipelineStatus.NEW or stage_index is None:
        return None
    if step < stage_index:
        return True
    if step == stage_index and state is PipelineStatus.REJECTED:
        return False
    return None


def adverse_impact(
    db: Database,
    *,
    question_id: str | None = None,
    rubric_id: str | None = None,
    min_cell: int = MIN_CELL,
    min_interviewer_count: int = MIN_INTERVIEWER_COUNT,
) -> AdverseImpactReport:
    """Selection rates, impact ratios and Fisher tests per step (and per interviewer)
    for each self-identification question, or only ``question_id``."""
    questions = self_identification_questions()
    if question_id is not None:
        questions = tuple(q for q in questions if q.id == question_id)
        if not questions:
            raise InvalidInputError(f"{question_id!r} is not a self-identification question")
    rubric = active_rubric_or_none(db, rubric_id)
    stages = [(s.id, s.title) for s in rubric.stages] if rubric is not None else []
    position = {stage_id: index for index, (stage_id, _t) in enumerate(stages)}
    steps = [*stages, (COMMITTEE_STEP, "Committee")]
    results = []
    with db.read() as session:
        for asked in questions:
            answer = func.coalesce(SelfIdentificationRow.category_id, NO_ANSWER)
            joined = (
                select(
                    CandidateRow.status,
                    CandidateRow.stage_id,
                    CandidateSummaryRow.committee_decision,
                    answer,
                )
                .select_from(CandidateRow)
                .outerjoin(CandidateSummaryRow, CandidateSummaryRow.candidate_id == CandidateRow.id)
                .outerjoin(
                    SelfIdentificationRow,
                    and_(
                        SelfIdentificationRow.candidate_id == CandidateRow.id,
                        SelfIdentificationRow.question_id == asked.id,
                    ),
                )
            )
            groups = joined.group_by(
                CandidateRow.status,
                CandidateRow.stage_id,
                CandidateSummaryRow.committee_decision,
                answer,
            )
            overall = session.execute(groups.add_columns(func.count())).all()
            per_interviewer = session.execute(
                joined.add_columns(
                    InterviewerRow.uuid,
                    InterviewerRow.name,
                    ScorecardRow.stage_id,
                    func.count(distinct(CandidateRow.id)),
                )
                .join(ScorecardRow, ScorecardRow.candidate_id == CandidateRow.id)
                .join(InterviewerRow, InterviewerRow.id == ScorecardRow.interviewer_id)
                .where(ScorecardRow.status == "submitted")
                .group_by(
                    CandidateRow.status,
                    CandidateRow.stage_id,
                    CandidateSummaryRow.committee_decision,
                    answer,
                    InterviewerRow.uuid,
                    InterviewerRow.name,
                    ScorecardRow.stage_id,
                )
            ).all()
            answered = sum(int(r[4]) for r in overall if r[3] != NO_ANSWER)
            tallies: dict[str, dict[str, list[int]]] = defaultdict(
                lambda: defaultdict(lambda: [0, 0])
            )
            for status, stage_id, decision, category, count in overall:
                for step_id, selected in _outcomes(status, stage_id, decision, steps, position):
                    cell = tallies[step_id][category]
                    cell[0] += int(count)
                    cell[1] += int(count) if selected else 0
            step_tables = [
                StageImpact(sid, title, None, None, _table(asked, tallies.get(sid, {}), min_cell))
                for sid, title in steps
            ]
            mine: dict[tuple[str, str, str], dict[str, list[int]]] = defaultdict(
                lambda: defaultdict(lambda: [0, 0])
            )
            for (
                status,
                stage_id,
                decision,
                category,
                who,
                name,
                card_stage,
                count,
            ) in per_interviewer:
                for step_id, selected in _outcomes(status, stage_id, decision, steps, position):
                    if step_id != card_stage:
                        continue
                    cell = mine[(who, name, step_id)][category]
                    cell[0] += int(count)
                    cell[1] += int(count) if selected else 0
            titles = dict(steps)
            interviewer_tables = [
                StageImpact(sid, titles.get(sid, sid), who, name, _table(asked, cells, min_cell))
                for (who, name, sid), cells in sorted(
                    mine.items(), key=lambda item: (item[0][1].casefold(), item[0][0], item[0][2])
                )
                if sum(c[0] for c in cells.values()) >= min_interviewer_count
            ]
            results.append(
                QuestionImpact(
                    asked.id, asked.label, answered, tuple(step_tables), tuple(interviewer_tables)
                )
            )
    return AdverseImpactReport(min_cell, min_interviewer_count, tuple(results))


def _outcomes(
    status: str,
    stage_id: str | None,
    decision: str | None,
    steps: Sequence[tuple[str, str]],
    position: dict[str, int],
) -> Iterable[tuple[str, bool]]:
    """(step, selected) for each step where this candidate's selection was decided."""
    index = position.get(stage_id or "")
    stage_count = len(steps) - 1
    for step, (step_id, _title) in enumerate(steps[:-1]):
        found = step_outcome(status, index, decision is not None, step, stage_count)
        if found is not None:
            yield step_id, found
    if decision is not None:
        yield steps[-1][0], decision == "hire"


def _table(asked: Question, cells: dict[str, list[int]], min_cell: int) -> ImpactTable:
    counts = [
        GroupCount(
            category.id, cells[category.id][0], cells[category.id][1], compared=category.compared
        )
        for category in asked.categories
        if category.id in cells
    ]
    if NO_ANSWER in cells:
        counts.append(
            GroupCount(NO_ANSWER, cells[NO_ANSWER][0], cells[NO_ANSWER][1], compared=False)
        )
    return analyse(counts, min_cell=min_cell)
