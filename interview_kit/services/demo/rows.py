"""A plan chunk as the tuples the tables take. Keys are a function of the candidate's
position (room for :data:`PER_CANDIDATE` sheets each), so any chunk can be turned into
rows on its own, in any process, and the rows of all chunks never collide. The rows
written are exactly the ones the one-record-at-a-time services write."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from interview_kit.domain.scorecard import Scorecard
from interview_kit.services.demo.generator import (
    BASE_TIME,
    compute_summaries,
    effective_scorecards,
)
from interview_kit.services.demo.records import DemoAmendment, DemoInterviewer, DemoPlan
from interview_kit.services.evidence.common import month_text
from interview_kit.services.evidence.ratings import counted_ratings
from interview_kit.services.evidence.tallies import COLUMNS as TALLY_COLUMNS
from interview_kit.services.evidence.tallies import Rated, criterion_weights, tally
from interview_kit.services.summaries import Summary
from interview_kit.storage.bulk import TimeEncoder
from interview_kit.storage.models import (
    AmendmentRow,
    AssignmentRow,
    CandidateRow,
    CandidateSummaryRow,
    DecisionRow,
    ExerciseNoteRow,
    InterviewerRow,
    ObservationRow,
    PrivateNoteRow,
    RatingRow,
    ScorecardRow,
)
from interview_kit.storage.tables import NAME_LENGTH, search_key

PER_CANDIDATE = 16
"""Key space per candidate for assignments, scorecards and amendments (at most 9 used)."""

CHUNK_CANDIDATES = 500


@dataclass
class Rows:
    candidates: list[Any] = field(default_factory=list)
    """Flat, as every kind in :data:`FLAT`: one row's values after another's."""
    summaries: list[tuple[Any, ...]] = field(default_factory=list)
    assignments: list[tuple[Any, ...]] = field(default_factory=list)
    scorecards: list[tuple[Any, ...]] = field(default_factory=list)
    ratings: list[Any] = field(default_factory=list)
    observations: list[Any] = field(default_factory=list)
    notes: list[Any] = field(default_factory=list)
    private: list[tuple[Any, ...]] = field(default_factory=list)
    amendments: list[tuple[Any, ...]] = field(default_factory=list)
    decisions: list[tuple[Any, ...]] = field(default_factory=list)
    cases: list[tuple[Any, ...]] = field(default_factory=list)
    cards: list[tuple[Any, ...]] = field(default_factory=list)
    """The evidence tallies (:mod:`~interview_kit.services.evidence.tallies`)."""
    submitted: int = 0
    """How many of the scorecards are submitted (the others are drafts)."""


COLUMNS: dict[str, tuple[type[Any], tuple[str, ...]]] = {
    "interviewers": (InterviewerRow, (
        "id", "uuid", "name", "name_key", "email", "role_title", "created_at", "updated_at",
        "row_version",
    )),
    "candidates": (CandidateRow, (
        "id", "uuid", "name", "name_key", "email", "search_key", "source", "origin_path",
        "role_title", "status", "stage_id", "rubric_version_id", "notes", "created_at",
        "updated_at", "row_version",
    )),
    "summaries": (CandidateSummaryRow, (
        "candidate_id", "score", "recommendation", "level", "coverage", "submitted_count",
        "committee_decision", "committee_level", "updated_at",
    )),
    "assignments": (AssignmentRow, (
        "id", "candidate_id", "stage_id", "interviewer_id", "created_at",
    )),
    "scorecards": (ScorecardRow, (
        "id", "uuid", "candidate_id", "stage_id", "interviewer_id", "rubric_version_id",
        "status", "level_evidence", "vote", "summary", "created_at", "updated_at",
        "submitted_at",
    )),
    "private": (PrivateNoteRow, ("scorecard_id", "interviewer_id", "notes", "updated_at")),
    "ratings": (RatingRow, ("scorecard_id", "criterion_id", "position", "rating", "evidence")),
    "observations": (ObservationRow, (
        "scorecard_id", "kind", "item_id", "position", "evidence",
    )),
    "notes": (ExerciseNoteRow, ("scorecard_id", "exercise_id", "notes")),
    "amendments": (AmendmentRow, (
        "id", "uuid", "scorecard_id", "sequence", "amended_by", "amended_by_uuid", "reason",
        "changes", "created_at",
    )),
    "decisions": (DecisionRow, (
        "id", "uuid", "candidate_id", "rubric_version_id", "decision", "level", "currency",
        "base", "equity", "equity_unit", "justification", "decided_by", "decided_at",
    )),
    **TALLY_COLUMNS,
}  # fmt: skip
"""Table and columns of each kind of row, in the order the tuples hold them. Times are
already in the form the driver takes (see :func:`~interview_kit.storage.bulk.time_encoder`)."""

STATUS, SUBMITTED_AT = 6, 12
"""Where a scorecard row holds its status and submission time."""

FLAT = frozenset({"candidates", "ratings", "observations", "notes"})
"""Kinds whose rows are kept as one flat list of values, inserted many rows to a
statement (see :class:`~interview_kit.storage.bulk.BulkInserter`): the ones with an
insert trigger (the scorecard children's guards, the candidates' search index: at 10k
candidates 1.1 s to 0.5 s). Scorecards and the tallies measured no faster so."""

CHILDREN_FIRST = (
    "candidates", "assignments", "ratings", "observations", "notes", "scorecards",
    "private", "amendments", "decisions", "summaries", "cases", "cards",
)  # fmt: skip
"""SQLite: a submitted scorecard's children go in before it (see the loader's
``DemoWriter``)."""

DRAFTS_FIRST = (
    "candidates", "assignments", "scorecards", "private", "ratings", "observations", "notes",
    "amendments", "decisions", "summaries", "cases", "cards",
)  # fmt: skip
"""Elsewhere: scorecards go in as drafts before their children, then are submitted."""


def interviewer_rows(
    interviewers: Sequence[DemoInterviewer], time: TimeEncoder
) -> list[tuple[Any, ...]]:
    created = time(BASE_TIME)
    return [
        (
            number,
            person.uuid,
            person.name,
            search_key(person.name)[:NAME_LENGTH],
            person.email,
            person.title,
            created,
            created,
            1,
        )
        for number, person in enumerate(interviewers, start=1)
    ]


def chunk_rows(
    plan: DemoPlan,
    first_index: int,
    version_id: int,
    summaries: dict[str, Summary] | None = None,
    *,
    time: TimeEncoder,
) -> Rows:
    """The rows of a plan holding the candidates from position ``first_index`` on, with
    times as ``time`` gives them to the driver."""
    rows = Rows()
    interviewer_ids = {person.uuid: n for n, person in enumerate(plan.interviewers, start=1)}
    names = {person.uuid: person.name for person in plan.interviewers}
    candidate_ids = {
        person.uuid: first_index + offset + 1 for offset, person in enumerate(plan.candidates)
    }
    decided = {decision.candidate_uuid: decision for decision in plan.decisions}
    levels = {level.id: level for level in plan.rubric.levels}
    effective = effective_scorecards(plan)
    if summaries is None:
        summaries = compute_summaries(plan, effective)
    weights = criterion_weights(plan.rubric)

    folded: dict[str, str] = {}
    for person in plan.candidates:
        candidate_id = candidate_ids[person.uuid]
        updated = time(person.created_at + timedelta(days=20))
        name_key, key = search_keys(person.name, folded)
        rows.candidates.extend(
            (
                candidate_id, person.uuid, person.name, name_key, person.email, key,
                person.source, person.origin, person.role, person.status, person.stage_id,
                version_id, person.notes, time(person.created_at), updated, 1,
            )
        )  # fmt: skip
        summary = summaries[person.uuid]
        rows.summaries.append(
            (
                candidate_id, summary.score, summary.recommendation, summary.level,
                summary.coverage, summary.submitted_count, summary.committee_decision,
                summary.committee_level, updated,
            )
        )  # fmt: skip
        decision = decided.get(person.uuid)
        if decision is not None:
            band = levels[decision.level].band if decision.level in levels else None
            rows.decisions.append(
                (
                    candidate_id, decision.uuid, candidate_id, version_id, decision.decision,
                    decision.level, band.currency if band else "", decision.base_salary,
                    band.equity_min if band else None, band.equity_unit if band else "",
                    decision.notes, decision.decided_by, time(decision.decided_at),
                )
            )  # fmt: skip

    used: dict[int, int] = {}
    for assignment in plan.assignments:
        candidate_id = candidate_ids[assignment.candidate_uuid]
        position = used[candidate_id] = used.get(candidate_id, 0) + 1
        rows.assignments.append(
            (
                (candidate_id - 1) * PER_CANDIDATE + position,
                candidate_id,
                assignment.stage_id,
                interviewer_ids[assignment.interviewer_uuid],
                time(assignment.created_at),
            )
        )

    used.clear()
    card_ids: dict[str, int] = {}
    add_rating, add_observation = rows.ratings.extend, rows.observations.extend
    add_note = rows.notes.extend
    for card in plan.scorecards:
        sheet = card.sheet
        candidate_id = candidate_ids[sheet.candidate_uuid]
        position = used[candidate_id] = used.get(candidate_id, 0) + 1
        card_id = card_ids[sheet.uuid] = (candidate_id - 1) * PER_CANDIDATE + position
        submitted_at = sheet.submitted_at
        if submitted_at is not None:
            rows.submitted += 1
        rows.scorecards.append(
            (
                card_id, sheet.uuid, candidate_id, sheet.stage_id,
                interviewer_ids[sheet.interviewer_uuid], version_id,
                "draft" if submitted_at is None else "submitted",
                sheet.level_evidence, None if sheet.vote is None else sheet.vote.value,
                sheet.summary, time(card.created_at), time(card.updated_at),
                None if submitted_at is None else time(submitted_at),
            )
        )  # fmt: skip
        if card.private_notes:
            rows.private.append(
                (
                    card_id, interviewer_ids[sheet.interviewer_uuid], card.private_notes,
                    time(card.updated_at),
                )
            )  # fmt: skip
        for position, r in enumerate(sheet.ratings):
            add_rating((card_id, r.criterion_id, position, r.rating, r.evidence))
        for position, o in enumerate(sheet.signals):
            add_observation((card_id, "signal", o.item_id, position, o.evidence))
        for position, o in enumerate(sheet.red_flags):
            add_observation((card_id, "red_flag", o.item_id, position, o.evidence))
        for exercise, note in sheet.exercise_notes.items():
            add_note((card_id, exercise, note))

    sequence: dict[str, int] = {}
    for amendment in plan.amendments:
        card_id = card_ids[amendment.scorecard_uuid]
        number = sequence[amendment.scorecard_uuid] = sequence.get(amendment.scorecard_uuid, 0) + 1
        rows.amendments.append(
            (
                card_id * PER_CANDIDATE + number, amendment.uuid, card_id, number,
                names[amendment.author_uuid], amendment.author_uuid, amendment.reason,
                amendment_changes(amendment), time(amendment.created_at),
            )
        )  # fmt: skip
    counted = tally(
        _counted(effective, candidate_ids, interviewer_ids, version_id),
        lambda _version: weights,
    )
    rows.cases, rows.cards = counted.cases, counted.cards
    return rows


def _counted(
    effective: dict[str, list[Scorecard]],
    candidate_ids: dict[str, int],
    interviewer_ids: dict[str, int],
    version_id: int,
) -> Iterator[Rated]:
    """The ratings that count of the plan's scorecards, as the tallies take them."""
    for sheets in effective.values():
        for sheet in sheets:
            assert sheet.submitted_at is not None
            head = (
                candidate_ids[sheet.candidate_uuid],
                sheet.stage_id,
                interviewer_ids[sheet.interviewer_uuid],
                month_text(sheet.submitted_at),
                version_id,
            )
            for criterion_id, rating in counted_ratings(sheet):
                yield (*head, criterion_id, rating)


def search_keys(name: str, folded: dict[str, str]) -> tuple[str, str]:
    """A candidate's ``name_key`` and ``search_key``, as the candidate service makes them
    (both the folded name: the search key holds no e-mail).

    Synthetic names repeat, so each is folded once (``folded`` remembers them).
    """
    name_key = folded.get(name)
    if name_key is None:
        name_key = folded[name] = search_key(name)
    return name_key[:NAME_LENGTH], name_key


def amendment_changes(amendment: DemoAmendment) -> dict[str, object]:
    """An amendment's ``changes``: the fields it sets, shaped as a draft save."""
    return {
        "ratings": {
            amendment.criterion_id: {
                "rating": amendment.new_rating,
                "evidence": amendment.evidence,
            }
        }
    }
