"""The adverse-impact monitor: selection rates by self-identified group at each step.

The steps are the rubric's stages and the committee. A candidate *passed* a stage when
they went beyond it (as the funnel in :mod:`interview_kit.services.insights` counts:
a later stage, the committee, an offer, a hire or a committee decision) and was *not
selected* when rejected at it. Candidates still in a stage are undecided there and left
out; so are withdrawals at the stage they withdrew from, which are the candidate's
choice, not a selection. At the committee, the decision in force is the selection.

Answers come from ``self_identifications`` only. The questions are the active
rubric's (its ``[[self_identification]]`` section, else the default EEO ones): answers
kept under a question the rubric no longer asks are left out, and an answer the
question no longer offers counts as no answer. Candidates who gave none for the
question are shown as "No answer", never compared. Per interviewer, a step counts the
candidates whose scorecard for that stage the interviewer submitted, for interviewers
with at least ``min_interviewer_count`` decided candidates there. Figures with a cell
under five are suppressed (:mod:`interview_kit.domain.adverse_impact`).

Only recruiters and the committee reach this view: anyone else's sign-in to a shared
database is refused (:mod:`.access`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from interview_kit.domain.adverse_impact import MIN_CELL, GroupCount, ImpactTable, analyse
from interview_kit.domain.candidate import PipelineStatus
from interview_kit.domain.self_identification import Question
from interview_kit.services.errors import InvalidInputError
from interview_kit.services.evidence.access import require_adverse_impact
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
    asked: Question | None = field(default=None, compare=False, repr=False)
    """The question as the rubric asks it, for its category labels."""

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
    require_adverse_impact(db)
    rubric = active_rubric_or_none(db, rubric_id)
    questions = self_identification_questions(db, rubric_id)
    if question_id is not None:
        asked_ids = ", ".join(q.id for q in questions)
        questions = tuple(q for q in questions if q.id == question_id)
        if not questions:
            raise InvalidInputError(
                f"{question_id!r} is not a self-identification question of the rubric "
                f"(it asks {asked_ids})"
            )
    offered = {q.id: {c.id for c in q.categories} for q in questions}
    stages = [(s.id, s.title) for s in rubric.stages] if rubric is not None else []
    position = {stage_id: index for index, (stage_id, _t) in enumerate(stages)}
    steps = [*stages, (COMMITTEE_STEP, "Committee")]
    with db.read() as session:
        people = {
            row_id: (uuid, name)
            for row_id, uuid, name in session.connection().execute(
                select(InterviewerRow.id, InterviewerRow.uuid, InterviewerRow.name)
            )
        }
        heads = (
            session.connection()
            .execute(
                select(
                    CandidateRow.id,
                    CandidateRow.status,
                    CandidateRow.stage_id,
                    CandidateSummaryRow.committee_decision,
                ).outerjoin(
                    CandidateSummaryRow, CandidateSummaryRow.candidate_id == CandidateRow.id
                )
            )
            .all()
        )
        answers: dict[str, dict[int, str]] = defaultdict(dict)
        for candidate_id, asked_id, category_id in session.connection().execute(
            select(
                SelfIdentificationRow.candidate_id,
                SelfIdentificationRow.question_id,
                SelfIdentificationRow.category_id,
            ).where(SelfIdentificationRow.question_id.in_([q.id for q in questions]))
        ):
            if category_id in offered[asked_id]:
                answers[asked_id][candidate_id] = category_id
        # One submitted scorecard per candidate, stage and interviewer: a count of
        # scorecards is a count of candidates.
        cards = (
            session.connection()
            .execute(
                select(
                    ScorecardRow.candidate_id, ScorecardRow.interviewer_id, ScorecardRow.stage_id
                ).where(ScorecardRow.status == "submitted")
            )
            .all()
        )

    import numpy as np

    decided = _Outcomes(steps, position)
    index = {candidate_id: i for i, (candidate_id, *_rest) in enumerate(heads)}
    step_ids = [step_id for step_id, _title in steps]
    step_index = {step_id: i for i, step_id in enumerate(step_ids)}
    # Every decided (candidate, step) once, and every decided (candidate, step) an
    # interviewer's submitted scorecard stands for: one per candidate, stage and
    # interviewer, so a count of these is a count of candidates.
    overall: list[tuple[int, int, bool]] = []
    selections: list[dict[str, bool]] = []
    for i, (_candidate_id, status, stage_id, decision) in enumerate(heads):
        outcomes = decided(status, stage_id, decision)
        selections.append(outcomes)
        overall.extend((i, step_index[step_id], chosen) for step_id, chosen in outcomes.items())
    groups: dict[tuple[int, str], int] = {}
    per_card: list[tuple[int, int, bool]] = []
    for candidate_id, interviewer_id, card_stage in cards:
        i = index[candidate_id]
        chosen = selections[i].get(card_stage)
        if chosen is not None:
            group = groups.setdefault((interviewer_id, card_stage), len(groups))
            per_card.append((i, group, chosen))
    overall_rows = np.array(overall, dtype=np.int64).reshape(-1, 3)
    card_rows = np.array(per_card, dtype=np.int64).reshape(-1, 3)
    group_sizes = np.bincount(card_rows[:, 1], minlength=len(groups))
    shown = [
        (people[interviewer_id], step_id, group)
        for (interviewer_id, step_id), group in groups.items()
        if group_sizes[group] >= min_interviewer_count
    ]
    shown.sort(key=lambda item: (item[0][1].casefold(), item[0][0], item[1]))
    titles = dict(steps)
    results = []
    for asked in questions:
        given = answers.get(asked.id, {})
        codes = [NO_ANSWER, *sorted({*given.values()})]
        code_of = {category: code for code, category in enumerate(codes)}
        category = np.array(
            [code_of[given.get(candidate_id, NO_ANSWER)] for candidate_id, *_rest in heads],
            dtype=np.int64,
        )
        answered = int(np.count_nonzero(category)) if len(heads) else 0
        by_step = _counted(overall_rows, len(steps), category, len(codes))
        step_tables = [
            StageImpact(sid, title, None, None, _table(asked, _cells(by_step[j], codes), min_cell))
            for j, (sid, title) in enumerate(steps)
        ]
        by_group = _counted(card_rows, max(len(groups), 1), category, len(codes))
        interviewer_tables = [
            StageImpact(
                sid,
                titles.get(sid, sid),
                who,
                name,
                _table(asked, _cells(by_group[group], codes), min_cell),
            )
            for (who, name), sid, group in shown
        ]
        results.append(
            QuestionImpact(
                asked.id,
                asked.label,
                answered,
                tuple(step_tables),
                tuple(interviewer_tables),
                asked,
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


def _counted(rows: Any, keys: int, category: Any, kinds: int) -> Any:
    """Rows (candidate index, key, selected) counted per key and category code:
    an array keys x kinds x [candidates, selected]."""
    import numpy as np

    found = np.bincount(
        (rows[:, 1] * kinds + category[rows[:, 0]]) * 2 + rows[:, 2], minlength=keys * kinds * 2
    ).reshape(keys, kinds, 2)
    return np.stack((found[..., 0] + found[..., 1], found[..., 1]), axis=-1)


def _cells(tally: Any, codes: Sequence[str]) -> dict[str, list[int]]:
    """One key's counts as category -> [candidates, selected], empty categories left out."""
    return {
        codes[code]: [int(total), int(chosen)]
        for code, (total, chosen) in enumerate(tally)
        if total
    }


class _Outcomes:
    """:func:`_outcomes` as a mapping step -> selected, remembered per (status, stage,
    decision): the rows repeat a handful of those thousands of times."""

    def __init__(self, steps: Sequence[tuple[str, str]], position: dict[str, int]) -> None:
        self._steps = steps
        self._position = position
        self._known: dict[tuple[str, str | None, str | None], dict[str, bool]] = {}

    def __call__(self, status: str, stage_id: str | None, decision: str | None) -> dict[str, bool]:
        key = (status, stage_id, decision)
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = dict(
                _outcomes(status, stage_id, decision, self._steps, self._position)
            )
        return found


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
