"""Scorecards: drafts that save on every change, submission, amendments, independence.

A draft is edited with :func:`save_draft`, cheap enough for every debounced keystroke.
:func:`submit_scorecard` freezes it: from then on the row never changes (the database
refuses it too) and a correction is an amendment that keeps the original and records
who, when, why and what changed. Everything read out is a domain
:class:`~interview_kit.domain.scorecard.Scorecard` with the amendments applied in order.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from operator import itemgetter
from types import MappingProxyType
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard import (
    BELOW_LADDER,
    CriterionRating,
    Observation,
    Scorecard,
    ScorecardStatus,
    Vote,
)
from interview_kit.services import audit, summaries
from interview_kit.services.candidates import load_candidate_row
from interview_kit.services.common import UNSET, UnsetType, new_uuid, without_nul
from interview_kit.services.errors import (
    ConflictError,
    ImmutableError,
    InvalidInputError,
    NotFoundError,
)
from interview_kit.services.interviewers import load_interviewer_row
from interview_kit.services.rubrics import first_active_version_id, rubric_for_version
from interview_kit.storage.database import Database
from interview_kit.storage.models import (
    AmendmentRow,
    CandidateRow,
    ExerciseNoteRow,
    InterviewerRow,
    ObservationRow,
    PrivateNoteRow,
    RatingRow,
    RubricRow,
    RubricVersionRow,
    ScorecardRow,
    utc_now,
)

logger = logging.getLogger(__name__)

TEXT_LIMIT = 100_000
"""Longest evidence, note or summary accepted (stored exactly as typed up to this)."""

_EMPTY: Mapping[str, Any] = MappingProxyType({})


# ---------------------------------------------------------------------------------------
# Values


@dataclass(frozen=True)
class ScorecardChanges:
    """What one save (or one amendment) changes; fields left as they are stay unchanged.

    - ``ratings``: criterion id -> a :class:`CriterionRating` (its ``rating`` ``None``
      means N/A), or ``None`` to take the rating off (back to "not rated").
    - ``signals`` / ``red_flags``: item id -> evidence (ticked), or ``None`` (unticked).
    - ``exercise_notes``: exercise id -> notes.
    """

    ratings: Mapping[str, CriterionRating | None] = field(default_factory=lambda: _EMPTY)
    signals: Mapping[str, str | None] = field(default_factory=lambda: _EMPTY)
    red_flags: Mapping[str, str | None] = field(default_factory=lambda: _EMPTY)
    exercise_notes: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    level_evidence: str | UnsetType | None = UNSET
    vote: Vote | UnsetType | None = UNSET
    summary: str | UnsetType = UNSET
    private_notes: str | UnsetType = UNSET

    def __post_init__(self) -> None:
        for name in ("ratings", "signals", "red_flags", "exercise_notes"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    def without_nul(self) -> ScorecardChanges:
        """The same change with NUL characters taken out of every text (see
        :func:`~interview_kit.services.common.without_nul`)."""
        return ScorecardChanges(
            ratings={
                key: None
                if value is None
                else CriterionRating(value.criterion_id, value.rating, without_nul(value.evidence))
                for key, value in self.ratings.items()
            },
            signals={k: None if v is None else without_nul(v) for k, v in self.signals.items()},
            red_flags={k: None if v is None else without_nul(v) for k, v in self.red_flags.items()},
            exercise_notes={k: without_nul(v) for k, v in self.exercise_notes.items()},
            level_evidence=self.level_evidence,
            vote=self.vote,
            summary=self.summary if self.summary is UNSET else without_nul(self.summary),
            private_notes=self.private_notes
            if self.private_notes is UNSET
            else without_nul(self.private_notes),
        )

    @property
    def is_empty(self) -> bool:
        return not (self.ratings or self.signals or self.red_flags or self.exercise_notes) and all(
            value is UNSET
            for value in (self.level_evidence, self.vote, self.summary, self.private_notes)
        )

    def to_json(self, *, private: bool = True) -> dict[str, Any]:
        """Plain JSON data holding only what this change sets."""
        data: dict[str, Any] = {}
        if self.ratings:
            data["ratings"] = {
                key: None if value is None else {"rating": value.rating, "evidence": value.evidence}
                for key, value in self.ratings.items()
            }
        if self.signals:
            data["signals"] = dict(self.signals)
        if self.red_flags:
            data["red_flags"] = dict(self.red_flags)
        if self.exercise_notes:
            data["exercise_notes"] = dict(self.exercise_notes)
        if self.level_evidence is not UNSET:
            data["level_evidence"] = self.level_evidence
        if self.vote is not UNSET:
            data["vote"] = None if self.vote is None else self.vote.value
        if self.summary is not UNSET:
            data["summary"] = self.summary
        if private and self.private_notes is not UNSET:
            data["private_notes"] = self.private_notes
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ScorecardChanges:
        """The inverse of :meth:`to_json` for data this app wrote (files are checked first)."""
        ratings: dict[str, CriterionRating | None] = {}
        for key, value in dict(data.get("ratings") or {}).items():
            ratings[key] = (
                None
                if value is None
                else CriterionRating(key, value.get("rating"), value.get("evidence", ""))
            )
        vote = data.get("vote", UNSET)
        return cls(
            ratings=ratings,
            signals=dict(data.get("signals") or {}),
            red_flags=dict(data.get("red_flags") or {}),
            exercise_notes=dict(data.get("exercise_notes") or {}),
            level_evidence=data.get("level_evidence", UNSET),
            vote=vote if vote is UNSET or vote is None else Vote(vote),
            summary=data.get("summary", UNSET),
            private_notes=data.get("private_notes", UNSET),
        )


@dataclass(frozen=True)
class AmendmentRecord:
    uuid: str
    sequence: int
    amended_by: str
    amended_by_uuid: str | None
    reason: str
    created_at: datetime
    changes: ScorecardChanges


@dataclass(frozen=True)
class ScorecardDetail:
    """A scorecard as its own interviewer sees it (private notes included)."""

    scorecard: Scorecard
    """With every amendment applied."""
    original: Scorecard
    """As submitted (the same as ``scorecard`` for a draft or an unamended one)."""
    private_notes: str
    candidate_name: str
    rubric_id: str
    rubric_version: int
    created_at: datetime
    updated_at: datetime
    amendments: tuple[AmendmentRecord, ...]

    @property
    def uuid(self) -> str:
        return self.scorecard.uuid

    @property
    def is_submitted(self) -> bool:
        return self.scorecard.is_submitted


@dataclass(frozen=True)
class ScorecardInfo:
    """A scorecard's place in a list, without its content."""

    uuid: str
    candidate_uuid: str
    stage_id: str
    interviewer_uuid: str
    interviewer_name: str
    status: ScorecardStatus
    rubric_version: int
    updated_at: datetime
    submitted_at: datetime | None
    amendment_count: int


@dataclass(frozen=True)
class ScorecardProblem:
    """Something missing before a scorecard can be submitted, and the step to fix it."""

    step: str
    """``ratings``, ``signals``, ``red_flags`` or ``recommendation``."""
    item_id: str
    message: str


# ---------------------------------------------------------------------------------------
# Loading rows into domain values (a handful of queries, however many scorecards)


@dataclass
class _Content:
    """A scorecard's editable content, as a working copy for applying changes."""

    ratings: dict[str, CriterionRating] = field(default_factory=dict)
    signals: dict[str, str] = field(default_factory=dict)
    red_flags: dict[str, str] = field(default_factory=dict)
    exercise_notes: dict[str, str] = field(default_factory=dict)
    level_evidence: str | None = None
    vote: Vote | None = None
    summary: str = ""
    private_notes: str = ""

    def copy(self) -> _Content:
        return _Content(
            dict(self.ratings),
            dict(self.signals),
            dict(self.red_flags),
            dict(self.exercise_notes),
            self.level_evidence,
            self.vote,
            self.summary,
            self.private_notes,
        )

    def apply(self, changes: ScorecardChanges) -> None:
        for criterion_id, rating in changes.ratings.items():
            if rating is None:
                self.ratings.pop(criterion_id, None)
            else:
                self.ratings[criterion_id] = CriterionRating(
                    criterion_id, rating.rating, rating.evidence
                )
        for target, updates in (
            (self.signals, changes.signals),
            (self.red_flags, changes.red_flags),
        ):
            for item_id, evidence in updates.items():
                if evidence is None:
                    target.pop(item_id, None)
                else:
                    target[item_id] = evidence
        self.exercise_notes.update(changes.exercise_notes)
        if changes.level_evidence is not UNSET:
            self.level_evidence = changes.level_evidence
        if changes.vote is not UNSET:
            self.vote = changes.vote
        if changes.summary is not UNSET:
            self.summary = changes.summary
        if changes.private_notes is not UNSET:
            self.private_notes = changes.private_notes


@dataclass
class StoredScorecard:
    """A scorecard as stored: original content plus its amendments (services only)."""

    id: int
    uuid: str
    candidate_uuid: str
    candidate_name: str
    stage_id: str
    interviewer_uuid: str
    interviewer_name: str
    interviewer_email: str
    rubric_hash: str
    rubric_id: str
    rubric_version: int
    status: ScorecardStatus
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    content: _Content
    amendments: list[AmendmentRecord] = field(default_factory=list)

    def domain(self, content: _Content, *, amended: bool) -> Scorecard:
        return Scorecard(
            uuid=self.uuid,
            candidate_uuid=self.candidate_uuid,
            stage_id=self.stage_id,
            interviewer_uuid=self.interviewer_uuid,
            interviewer_name=self.interviewer_name,
            rubric_hash=self.rubric_hash,
            status=self.status,
            ratings=tuple(content.ratings.values()),
            signals=tuple(Observation(k, v) for k, v in content.signals.items()),
            red_flags=tuple(Observation(k, v) for k, v in content.red_flags.items()),
            level_evidence=content.level_evidence,
            vote=content.vote,
            summary=content.summary,
            exercise_notes=content.exercise_notes,
            submitted_at=self.submitted_at,
            amended=amended,
        )

    def effective_content(self) -> _Content:
        content = self.content.copy()
        for amendment in self.amendments:
            content.apply(amendment.changes)
        return content

    def effective(self) -> Scorecard:
        return self.domain(self.effective_content(), amended=bool(self.amendments))

    def detail(self) -> ScorecardDetail:
        effective = self.effective_content()
        return ScorecardDetail(
            scorecard=self.domain(effective, amended=bool(self.amendments)),
            original=self.domain(self.content, amended=False),
            private_notes=effective.private_notes,
            candidate_name=self.candidate_name,
            rubric_id=self.rubric_id,
            rubric_version=self.rubric_version,
            created_at=self.created_at,
            updated_at=self.updated_at,
            amendments=tuple(self.amendments),
        )


def _joined(columns: Sequence[Any]) -> Any:
    return (
        select(*columns)
        .select_from(ScorecardRow)
        .join(CandidateRow, CandidateRow.id == ScorecardRow.candidate_id)
        .join(InterviewerRow, InterviewerRow.id == ScorecardRow.interviewer_id)
    )


def load_scorecards(
    session: Session, where: ColumnElement[bool], *, private: bool = False
) -> list[StoredScorecard]:
    """Every scorecard matching ``where`` (over scorecards, candidates, interviewers),
    with private notes when ``private`` (only for their author's screens; on a shared
    database the server returns an interviewer their own alone).

    Plain column queries run on the session's connection, skipping ORM row handling:
    this loads every scorecard of a large database when summaries are recomputed.
    """
    connection = session.connection()
    heads = connection.execute(
        _joined(
            (
                ScorecardRow.id,
                ScorecardRow.uuid,
                CandidateRow.uuid,
                CandidateRow.name,
                ScorecardRow.stage_id,
                InterviewerRow.uuid,
                InterviewerRow.name,
                InterviewerRow.email,
                RubricVersionRow.content_hash,
                RubricRow.key,
                RubricVersionRow.version,
                ScorecardRow.status,
                ScorecardRow.created_at,
                ScorecardRow.updated_at,
                ScorecardRow.submitted_at,
                ScorecardRow.level_evidence,
                ScorecardRow.vote,
                ScorecardRow.summary,
            )
        )
        .join(RubricVersionRow, RubricVersionRow.id == ScorecardRow.rubric_version_id)
        .join(RubricRow, RubricRow.id == RubricVersionRow.rubric_id)
        .where(where)
        .order_by(ScorecardRow.id)
    ).all()
    cards: dict[int, StoredScorecard] = {}
    for h in heads:
        cards[h[0]] = StoredScorecard(
            id=h[0],
            uuid=h[1],
            candidate_uuid=h[2],
            candidate_name=h[3],
            stage_id=h[4],
            interviewer_uuid=h[5],
            interviewer_name=h[6],
            interviewer_email=h[7],
            rubric_hash=h[8],
            rubric_id=h[9],
            rubric_version=h[10],
            status=ScorecardStatus(h[11]),
            created_at=h[12],
            updated_at=h[13],
            submitted_at=h[14],
            content=_Content(
                level_evidence=h[15],
                vote=Vote(h[16]) if h[16] else None,
                summary=h[17],
            ),
        )
    if not cards:
        return []
    if private:
        for sid, notes in connection.execute(
            _joined((PrivateNoteRow.scorecard_id, PrivateNoteRow.notes))
            .join(PrivateNoteRow, PrivateNoteRow.scorecard_id == ScorecardRow.id)
            .where(where)
        ):
            cards[sid].content.private_notes = notes
    for sid, criterion_id, rating, evidence in connection.execute(
        _joined(
            (RatingRow.scorecard_id, RatingRow.criterion_id, RatingRow.rating, RatingRow.evidence)
        )
        .join(RatingRow, RatingRow.scorecard_id == ScorecardRow.id)
        .where(where)
        .order_by(RatingRow.scorecard_id, RatingRow.position, RatingRow.criterion_id)
    ):
        cards[sid].content.ratings[criterion_id] = CriterionRating(criterion_id, rating, evidence)
    for sid, kind, item_id, evidence in connection.execute(
        _joined(
            (
                ObservationRow.scorecard_id,
                ObservationRow.kind,
                ObservationRow.item_id,
                ObservationRow.evidence,
            )
        )
        .join(ObservationRow, ObservationRow.scorecard_id == ScorecardRow.id)
        .where(where)
        .order_by(ObservationRow.scorecard_id, ObservationRow.position, ObservationRow.item_id)
    ):
        target = cards[sid].content.signals if kind == "signal" else cards[sid].content.red_flags
        target[item_id] = evidence
    for sid, exercise_id, notes in connection.execute(
        _joined((ExerciseNoteRow.scorecard_id, ExerciseNoteRow.exercise_id, ExerciseNoteRow.notes))
        .join(ExerciseNoteRow, ExerciseNoteRow.scorecard_id == ScorecardRow.id)
        .where(where)
        .order_by(ExerciseNoteRow.scorecard_id, ExerciseNoteRow.exercise_id)
    ):
        cards[sid].content.exercise_notes[exercise_id] = notes
    for amendment in session.execute(
        _joined((AmendmentRow,))
        .join(AmendmentRow, AmendmentRow.scorecard_id == ScorecardRow.id)
        .where(where)
        .order_by(AmendmentRow.scorecard_id, AmendmentRow.sequence)
    ).scalars():
        cards[amendment.scorecard_id].amendments.append(
            AmendmentRecord(
                uuid=amendment.uuid,
                sequence=amendment.sequence,
                amended_by=amendment.amended_by,
                amended_by_uuid=amendment.amended_by_uuid,
                reason=amendment.reason,
                created_at=amendment.created_at,
                changes=ScorecardChanges.from_json(amendment.changes),
            )
        )
    return list(cards.values())


def _one(session: Session, uuid: str, *, private: bool = False) -> StoredScorecard:
    found = load_scorecards(session, ScorecardRow.uuid == uuid, private=private)
    if not found:
        raise NotFoundError(f"no scorecard with id {uuid}")
    return found[0]


# ---------------------------------------------------------------------------------------
# Bulk loading: every submitted scorecard of a range of candidates (recomputing all
# summaries, calibration). A few plain queries per range, values built straight from the
# rows: at 10k candidates this reads about 90k scorecards and 400k ratings.


class ScorecardLookups:
    """Interviewer names and rubric hashes by row id: a few hundred rows read once, not
    joined into each of the 90k scorecard rows. Read again when a row id is missing (an
    interviewer added while a long read runs on a read-committed database)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._interviewers: dict[int, tuple[str, str]] = {}
        self.rubric_hashes: dict[int, str] = {}
        self.reload()

    def reload(self) -> None:
        self._interviewers = {
            row_id: (uuid, name)
            for row_id, uuid, name in self._connection.execute(
                select(InterviewerRow.id, InterviewerRow.uuid, InterviewerRow.name)
            )
        }
        self.rubric_hashes = dict(
            self._connection.execute(
                select(RubricVersionRow.id, RubricVersionRow.content_hash)
            ).all()
        )

    def interviewer(self, row_id: int) -> tuple[str, str]:
        """(uuid, name) of an interviewer row."""
        found = self._interviewers.get(row_id)
        if found is None:
            self.reload()
            found = self._interviewers[row_id]
        return found

    def rubric_hash(self, row_id: int) -> str:
        found = self.rubric_hashes.get(row_id)
        if found is None:
            self.reload()
            found = self.rubric_hashes[row_id]
        return found


def candidate_spans(connection: Connection, size: int) -> list[tuple[int, int]]:
    """Candidate id ranges (first, last) of ``size`` candidates each, in id order."""
    if size < 1:
        raise ValueError(f"a range holds at least one candidate, got {size}")
    ids = list(connection.scalars(select(CandidateRow.id).order_by(CandidateRow.id)))
    return [
        (ids[start], ids[min(start + size, len(ids)) - 1]) for start in range(0, len(ids), size)
    ]


_POSITION_AND_ID = itemgetter(1, 2)
"""Rating and observation rows are (scorecard id, position, id, ...): position order,
ties by id, as the scorecard shows them."""
_ID = itemgetter(1)
_VOTES = {vote.value: vote for vote in Vote}


def load_effective_range(
    connection: Connection, low: int, high: int, lookups: ScorecardLookups | None = None
) -> dict[int, list[Scorecard]]:
    """Submitted scorecards, amendments applied, of the candidates whose row id is in
    ``low..high``: candidate row id -> its scorecards in scorecard id order, candidates in
    id order (those without a submitted scorecard left out).

    The same values :func:`effective_in_session` gives, with five queries whatever the
    range. The range is the only filter in SQL, so every query walks the candidate index;
    drafts (a handful) are dropped here rather than by a status filter that would turn
    the plan into a scan of every submitted scorecard. Child rows are put in order here
    too, cheaper than a sort in the database and the same on every backend.
    """
    lookups = lookups or ScorecardLookups(connection)
    in_range = ScorecardRow.candidate_id.between(low, high)

    def children(scorecard_id: Any, *columns: Any) -> dict[int, list[Any]]:
        """Rows (scorecard id, *columns) of a child table, by scorecard id."""
        grouped: dict[int, list[Any]] = defaultdict(list)
        for row in connection.execute(
            select(scorecard_id, *columns)
            .join(ScorecardRow, ScorecardRow.id == scorecard_id)
            .where(in_range)
        ).all():
            grouped[row[0]].append(row)
        return grouped

    heads = connection.execute(
        select(
            ScorecardRow.id,
            ScorecardRow.status,
            ScorecardRow.uuid,
            ScorecardRow.candidate_id,
            CandidateRow.uuid,
            ScorecardRow.stage_id,
            ScorecardRow.interviewer_id,
            ScorecardRow.rubric_version_id,
            ScorecardRow.level_evidence,
            ScorecardRow.vote,
            ScorecardRow.summary,
            ScorecardRow.submitted_at,
        )
        .join(CandidateRow, CandidateRow.id == ScorecardRow.candidate_id)
        .where(in_range)
        .order_by(ScorecardRow.candidate_id, ScorecardRow.id)
    ).all()
    ratings = children(
        RatingRow.scorecard_id,
        RatingRow.position,
        RatingRow.criterion_id,
        RatingRow.rating,
        RatingRow.evidence,
    )
    observations = children(
        ObservationRow.scorecard_id,
        ObservationRow.position,
        ObservationRow.item_id,
        ObservationRow.kind,
        ObservationRow.evidence,
    )
    notes = children(
        ExerciseNoteRow.scorecard_id, ExerciseNoteRow.exercise_id, ExerciseNoteRow.notes
    )
    amendments: dict[int, list[ScorecardChanges]] = defaultdict(list)
    for sid, changes in connection.execute(
        select(AmendmentRow.scorecard_id, AmendmentRow.changes)
        .join(ScorecardRow, ScorecardRow.id == AmendmentRow.scorecard_id)
        .where(in_range)
        .order_by(AmendmentRow.scorecard_id, AmendmentRow.sequence)
    ):
        amendments[sid].append(ScorecardChanges.from_json(changes))

    submitted, status_submitted = ScorecardStatus.SUBMITTED.value, ScorecardStatus.SUBMITTED
    no_rows: list[Any] = []
    found: dict[int, list[Scorecard]] = defaultdict(list)
    for (
        sid,
        status,
        uuid,
        candidate_id,
        candidate_uuid,
        stage_id,
        interviewer_id,
        version_id,
        stored_level,
        vote,
        stored_summary,
        submitted_at,
    ) in heads:
        if status != submitted:
            continue
        own_ratings = ratings.get(sid, no_rows)
        if len(own_ratings) > 1:
            own_ratings.sort(key=_POSITION_AND_ID)
        own_observations = observations.get(sid, no_rows)
        if len(own_observations) > 1:
            own_observations.sort(key=_POSITION_AND_ID)
        own_notes = notes.get(sid, no_rows)
        if len(own_notes) > 1:
            own_notes.sort(key=_ID)
        own_amendments = amendments.get(sid)
        if own_amendments is None:
            # As stored (nearly every scorecard): the values straight from the rows.
            card_ratings = tuple([CriterionRating(r[2], r[3], r[4]) for r in own_ratings])
            signals = tuple([Observation(r[2], r[4]) for r in own_observations if r[3] == "signal"])
            red_flags = tuple(
                [Observation(r[2], r[4]) for r in own_observations if r[3] != "signal"]
            )
            exercise_notes = {r[1]: r[2] for r in own_notes}
            card_level, card_vote, card_summary = (
                stored_level,
                _VOTES[vote] if vote else None,
                stored_summary,
            )
        else:
            # Amended: the same working copy and steps as a single scorecard's read.
            content = _Content(
                {r[2]: CriterionRating(r[2], r[3], r[4]) for r in own_ratings},
                {r[2]: r[4] for r in own_observations if r[3] == "signal"},
                {r[2]: r[4] for r in own_observations if r[3] != "signal"},
                {r[1]: r[2] for r in own_notes},
                stored_level,
                _VOTES[vote] if vote else None,
                stored_summary,
            )
            for changes in own_amendments:
                content.apply(changes)
            card_ratings = tuple(content.ratings.values())
            signals = tuple([Observation(k, v) for k, v in content.signals.items()])
            red_flags = tuple([Observation(k, v) for k, v in content.red_flags.items()])
            exercise_notes = content.exercise_notes
            card_level, card_vote, card_summary = (
                content.level_evidence,
                content.vote,
                content.summary,
            )
        interviewer_uuid, interviewer_name = lookups.interviewer(interviewer_id)
        found[candidate_id].append(
            Scorecard(
                uuid=uuid,
                candidate_uuid=candidate_uuid,
                stage_id=stage_id,
                interviewer_uuid=interviewer_uuid,
                interviewer_name=interviewer_name,
                rubric_hash=lookups.rubric_hash(version_id),
                status=status_submitted,
                ratings=card_ratings,
                signals=signals,
                red_flags=red_flags,
                level_evidence=card_level,
                vote=card_vote,
                summary=card_summary,
                exercise_notes=exercise_notes,
                submitted_at=submitted_at,
                amended=own_amendments is not None,
            )
        )
    return dict(found)


# ---------------------------------------------------------------------------------------
# Validation against the rubric


def check_changes(rubric: Rubric, stage_id: str, changes: ScorecardChanges) -> None:
    """Refuse ids the stage's rubric does not have and values out of range."""
    stage = rubric.stage(stage_id)
    criteria = {criterion.id for criterion in stage.criteria}
    exercises = {exercise.id for exercise in stage.exercises}
    signals = {signal.id for signal in rubric.signals}
    flags = {flag.id for flag in rubric.red_flags}
    for criterion_id, rating in changes.ratings.items():
        if criterion_id not in criteria:
            raise InvalidInputError(f"criterion {criterion_id!r} is not part of stage {stage_id!r}")
        if rating is not None:
            if rating.criterion_id != criterion_id:
                raise InvalidInputError(
                    f"rating for {criterion_id!r} names criterion {rating.criterion_id!r}"
                )
            if rating.rating is not None and rating.rating not in (1, 2, 3, 4):
                raise InvalidInputError(
                    f"rating for {criterion_id!r} must be 1-4 or N/A, got {rating.rating!r}"
                )
            _check_text(rating.evidence, f"evidence for {criterion_id!r}")
    for what, known, updates in (
        ("positive signal", signals, changes.signals),
        ("red flag", flags, changes.red_flags),
    ):
        for item_id, evidence in updates.items():
            if item_id not in known:
                raise InvalidInputError(f"{what} {item_id!r} is not in the rubric")
            if evidence is not None:
                _check_text(evidence, f"evidence for {item_id!r}")
    for exercise_id, notes in changes.exercise_notes.items():
        if exercise_id not in exercises:
            raise InvalidInputError(f"exercise {exercise_id!r} is not part of stage {stage_id!r}")
        _check_text(notes, f"notes for {exercise_id!r}")
    level = changes.level_evidence
    if (
        isinstance(level, str)
        and level != BELOW_LADDER
        and level not in {lv.id for lv in rubric.levels}
    ):
        raise InvalidInputError(f"level evidence {level!r} is not a level of the rubric")
    if isinstance(changes.summary, str):
        _check_text(changes.summary, "summary")
    if isinstance(changes.private_notes, str):
        _check_text(changes.private_notes, "private notes")


def _check_text(text: str, what: str) -> None:
    if not isinstance(text, str):
        raise InvalidInputError(f"{what} must be text")
    if len(text) > TEXT_LIMIT:
        raise InvalidInputError(
            f"{what} is too long ({len(text)} characters, at most {TEXT_LIMIT})"
        )


def scorecard_problems(rubric: Rubric, scorecard: Scorecard) -> list[ScorecardProblem]:
    """What stands between this scorecard and submission, in the order of the walk."""
    problems: list[ScorecardProblem] = []
    stage = rubric.stage(scorecard.stage_id)
    given = {rating.criterion_id: rating for rating in scorecard.ratings}
    for criterion in stage.criteria:
        rating = given.get(criterion.id)
        if rating is None:
            problems.append(
                ScorecardProblem(
                    "ratings", criterion.id, f"{criterion.title}: not rated (rate it or choose N/A)"
                )
            )
        elif rating.rating in (1, 4) and not rating.evidence.strip():
            problems.append(
                ScorecardProblem(
                    "ratings",
                    criterion.id,
                    f"{criterion.title}: a rating of {rating.rating} needs evidence",
                )
            )
    for step, items, lookup in (
        ("signals", scorecard.signals, rubric.signal),
        ("red_flags", scorecard.red_flags, rubric.red_flag),
    ):
        for item in items:
            if not item.evidence.strip():
                label = lookup(item.item_id).label
                problems.append(
                    ScorecardProblem(step, item.item_id, f"{label}: ticked without evidence")
                )
    if scorecard.vote is None:
        problems.append(
            ScorecardProblem("recommendation", "vote", "the overall recommendation is missing")
        )
    return problems


# ---------------------------------------------------------------------------------------
# Writing


def start_scorecard(
    db: Database,
    candidate_uuid: str,
    stage_id: str,
    interviewer_uuid: str,
    *,
    uuid: str | None = None,
    actor: str | None = None,
) -> ScorecardDetail:
    """The interviewer's scorecard for this stage: the existing one, or a new draft
    against the candidate's rubric version."""
    with db.write() as session:
        candidate = load_candidate_row(session, candidate_uuid)
        interviewer = load_interviewer_row(session, interviewer_uuid)
        existing = session.scalar(
            select(ScorecardRow.uuid).where(
                ScorecardRow.candidate_id == candidate.id,
                ScorecardRow.stage_id == stage_id,
                ScorecardRow.interviewer_id == interviewer.id,
            )
        )
        if existing is not None:
            return _one(session, existing, private=_private(db)).detail()
        version_id = candidate.rubric_version_id or first_active_version_id(session)
        if version_id is None:
            raise NotFoundError("no rubric is stored yet: import one first")
        rubric = rubric_for_version(db, session, version_id)
        try:
            rubric.stage(stage_id)
        except KeyError:
            raise InvalidInputError(
                f"stage {stage_id!r} is not in the rubric "
                f"(stages: {', '.join(s.id for s in rubric.stages)})"
            ) from None
        now = utc_now()
        row = ScorecardRow(
            uuid=uuid or new_uuid(),
            candidate_id=candidate.id,
            stage_id=stage_id,
            interviewer_id=interviewer.id,
            rubric_version_id=version_id,
            status=ScorecardStatus.DRAFT.value,
            created_at=now,
            updated_at=now,
        )
        try:
            with session.begin_nested():
                session.add(row)
                session.flush()
        except IntegrityError:
            # The same interviewer started it a moment ago from another session (on
            # PostgreSQL two starts run side by side): theirs is the scorecard.
            existing = session.scalar(
                select(ScorecardRow.uuid).where(
                    ScorecardRow.candidate_id == candidate.id,
                    ScorecardRow.stage_id == stage_id,
                    ScorecardRow.interviewer_id == interviewer.id,
                )
            )
            if existing is None:
                raise
            return _one(session, existing, private=_private(db)).detail()
        audit.append(
            session,
            actor or db.actor,
            "scorecard.started",
            "scorecard",
            row.uuid,
            f"candidate {candidate_uuid} stage {stage_id}",
        )
        return _one(session, row.uuid, private=_private(db)).detail()


def _private(db: Database) -> bool:
    """Whether this login may read private notes at all (its own, on a shared database)."""
    return db.access.reads_private_notes


def _load_for_write(session: Session, uuid: str) -> ScorecardRow:
    row = session.scalars(
        select(ScorecardRow).where(ScorecardRow.uuid == uuid).with_for_update()
    ).one_or_none()
    if row is None:
        raise NotFoundError(f"no scorecard with id {uuid}")
    return row


def save_draft(db: Database, scorecard_uuid: str, changes: ScorecardChanges) -> datetime:
    """Store a change to a draft at once (durable on return); returns the saved time.

    Refused for a submitted scorecard (:class:`ImmutableError`: amend it instead).
    """
    with db.write() as session:
        row = _load_for_write(session, scorecard_uuid)
        if row.status == ScorecardStatus.SUBMITTED.value:
            raise ImmutableError(
                "this scorecard is submitted and can no longer be edited; amend it with a reason"
            )
        rubric = rubric_for_version(db, session, row.rubric_version_id)
        changes = changes.without_nul()
        check_changes(rubric, row.stage_id, changes)
        _write_changes(session, row, rubric, changes)
        row.updated_at = utc_now()
        session.flush()
        return row.updated_at


def _write_changes(
    session: Session, row: ScorecardRow, rubric: Rubric, changes: ScorecardChanges
) -> None:
    stage = rubric.stage(row.stage_id)
    positions = {criterion.id: index for index, criterion in enumerate(stage.criteria)}
    for criterion_id, rating in changes.ratings.items():
        current = session.get(RatingRow, (row.id, criterion_id))
        if rating is None:
            if current is not None:
                session.delete(current)
        elif current is None:
            session.add(
                RatingRow(
                    scorecard_id=row.id,
                    criterion_id=criterion_id,
                    position=positions.get(criterion_id, len(positions)),
                    rating=rating.rating,
                    evidence=rating.evidence,
                )
            )
        else:
            current.rating, current.evidence = rating.rating, rating.evidence
    for kind, updates, order in (
        ("signal", changes.signals, [s.id for s in rubric.signals]),
        ("red_flag", changes.red_flags, [f.id for f in rubric.red_flags]),
    ):
        for item_id, evidence in updates.items():
            current_obs = session.get(ObservationRow, (row.id, kind, item_id))
            if evidence is None:
                if current_obs is not None:
                    session.delete(current_obs)
            elif current_obs is None:
                session.add(
                    ObservationRow(
                        scorecard_id=row.id,
                        kind=kind,
                        item_id=item_id,
                        position=order.index(item_id) if item_id in order else len(order),
                        evidence=evidence,
                    )
                )
            else:
                current_obs.evidence = evidence
    for exercise_id, notes in changes.exercise_notes.items():
        current_note = session.get(ExerciseNoteRow, (row.id, exercise_id))
        if current_note is None:
            session.add(ExerciseNoteRow(scorecard_id=row.id, exercise_id=exercise_id, notes=notes))
        else:
            current_note.notes = notes
    if changes.level_evidence is not UNSET:
        row.level_evidence = changes.level_evidence
    if changes.vote is not UNSET:
        row.vote = None if changes.vote is None else Vote(changes.vote).value
    if changes.summary is not UNSET:
        row.summary = changes.summary
    _write_private_notes(session, row, changes)


def _write_private_notes(session: Session, row: ScorecardRow, changes: ScorecardChanges) -> None:
    """Private notes are their author's own, kept beside the scorecard and never in it:
    they stay editable after submission, and no amendment records them."""
    if changes.private_notes is UNSET:
        return
    note = session.get(PrivateNoteRow, row.id)
    if note is None:
        session.add(
            PrivateNoteRow(
                scorecard_id=row.id,
                interviewer_id=row.interviewer_id,
                notes=changes.private_notes,
                updated_at=utc_now(),
            )
        )
    else:
        note.notes = changes.private_notes
        note.updated_at = utc_now()


def submit_scorecard(
    db: Database, scorecard_uuid: str, *, actor: str | None = None
) -> ScorecardDetail:
    """Freeze a complete draft. Incomplete: :class:`InvalidInputError` listing what is
    missing (see :func:`scorecard_problems`). Already submitted: :class:`ImmutableError`."""
    with db.write() as session:
        row = _load_for_write(session, scorecard_uuid)
        if row.status == ScorecardStatus.SUBMITTED.value:
            raise ImmutableError("this scorecard is already submitted")
        loaded = _one(session, scorecard_uuid)
        rubric = rubric_for_version(db, session, row.rubric_version_id)
        problems = scorecard_problems(rubric, loaded.effective())
        if problems:
            raise InvalidInputError(
                "the scorecard is not complete: " + "; ".join(p.message for p in problems)
            )
        now = utc_now()
        row.status = ScorecardStatus.SUBMITTED.value
        row.submitted_at = now
        row.updated_at = now
        session.flush()
        audit.append(session, actor or db.actor, "scorecard.submitted", "scorecard", row.uuid)
        summaries.refresh(db, session, row.candidate_id)
        return _one(session, scorecard_uuid, private=_private(db)).detail()


def amend_scorecard(
    db: Database,
    scorecard_uuid: str,
    changes: ScorecardChanges,
    *,
    reason: str,
    amended_by: str | None = None,
    amended_by_uuid: str | None = None,
    actor: str | None = None,
) -> ScorecardDetail:
    """Correct a submitted scorecard; the original stays and the amendment records who,
    when, why and what changed. A change of private notes is saved as it is (they are
    not part of the record) and never written into the amendment."""
    reason = without_nul(reason).strip()
    if not reason:
        raise InvalidInputError("an amendment needs a reason")
    if changes.is_empty:
        raise InvalidInputError("the amendment changes nothing")
    who = amended_by or actor or db.actor
    with db.write() as session:
        row = _load_for_write(session, scorecard_uuid)
        if row.status != ScorecardStatus.SUBMITTED.value:
            raise ConflictError("only a submitted scorecard is amended; edit the draft instead")
        rubric = rubric_for_version(db, session, row.rubric_version_id)
        changes = changes.without_nul()
        check_changes(rubric, row.stage_id, changes)
        _write_private_notes(session, row, changes)
        changes = replace(changes, private_notes=UNSET)
        if changes.is_empty:
            session.flush()
            return _one(session, scorecard_uuid, private=_private(db)).detail()
        sequence = (
            session.scalar(
                select(func.max(AmendmentRow.sequence)).where(AmendmentRow.scorecard_id == row.id)
            )
            or 0
        ) + 1
        amendment = AmendmentRow(
            uuid=new_uuid(),
            scorecard_id=row.id,
            sequence=sequence,
            amended_by=who,
            amended_by_uuid=amended_by_uuid,
            reason=reason,
            changes=changes.to_json(private=False),
        )
        session.add(amendment)
        session.flush()
        audit.append(
            session,
            actor or db.actor,
            "scorecard.amended",
            "scorecard",
            row.uuid,
            f"amendment {sequence}",
        )
        summaries.refresh(db, session, row.candidate_id)
        return _one(session, scorecard_uuid, private=_private(db)).detail()


def delete_draft(db: Database, scorecard_uuid: str, *, actor: str | None = None) -> None:
    """Throw away a draft (a submitted scorecard is never deleted this way)."""
    with db.write() as session:
        row = _load_for_write(session, scorecard_uuid)
        if row.status == ScorecardStatus.SUBMITTED.value:
            raise ImmutableError("a submitted scorecard cannot be deleted")
        session.delete(row)
        audit.append(
            session, actor or db.actor, "scorecard.draft_deleted", "scorecard", scorecard_uuid
        )


# ---------------------------------------------------------------------------------------
# Reading


def get_scorecard(db: Database, scorecard_uuid: str) -> ScorecardDetail:
    """A scorecard with private notes: for its own interviewer's screens only."""
    with db.read() as session:
        return _one(session, scorecard_uuid, private=_private(db)).detail()


def find_scorecard(
    db: Database, candidate_uuid: str, stage_id: str, interviewer_uuid: str
) -> ScorecardDetail | None:
    with db.read() as session:
        found = load_scorecards(
            session,
            and_(
                CandidateRow.uuid == candidate_uuid,
                ScorecardRow.stage_id == stage_id,
                InterviewerRow.uuid == interviewer_uuid,
            ),
            private=_private(db),
        )
        return found[0].detail() if found else None


def effective_scorecards(db: Database, candidate_uuid: str) -> list[Scorecard]:
    """A candidate's submitted scorecards with amendments applied: the engine's input."""
    with db.read() as session:
        load_candidate_row(session, candidate_uuid)
        return effective_in_session(session, CandidateRow.uuid == candidate_uuid)


def effective_in_session(session: Session, where: ColumnElement[bool]) -> list[Scorecard]:
    cards = load_scorecards(
        session, and_(where, ScorecardRow.status == ScorecardStatus.SUBMITTED.value)
    )
    return [card.effective() for card in cards]


def iter_effective_scorecards(
    db: Database, *, batch_size: int = 1000
) -> Iterator[tuple[str, list[Scorecard]]]:
    """Every candidate with submitted scorecards (uuid, scorecards), in candidate order,
    read in ranges of ``batch_size`` candidates (calibration, insights)."""
    with db.read() as session:
        spans = candidate_spans(session.connection(), batch_size)
    for low, high in spans:
        with db.read() as session:
            found = load_effective_range(session.connection(), low, high)
        for cards in found.values():
            yield cards[0].candidate_uuid, cards


def has_submitted(db: Database, candidate_uuid: str, stage_id: str, interviewer_uuid: str) -> bool:
    with db.read() as session:
        return _has_submitted(session, candidate_uuid, stage_id, interviewer_uuid)


def _has_submitted(
    session: Session, candidate_uuid: str, stage_id: str, interviewer_uuid: str
) -> bool:
    found = session.scalar(
        _joined((ScorecardRow.id,)).where(
            CandidateRow.uuid == candidate_uuid,
            ScorecardRow.stage_id == stage_id,
            InterviewerRow.uuid == interviewer_uuid,
            ScorecardRow.status == ScorecardStatus.SUBMITTED.value,
        )
    )
    return found is not None


def visible_scorecards(
    db: Database, candidate_uuid: str, stage_id: str, viewer_uuid: str
) -> list[Scorecard]:
    """What an interviewer may see of a candidate's stage: their own scorecard, and the
    others' submitted ones only once their own is submitted (independent scoring)."""
    with db.read() as session:
        where = and_(CandidateRow.uuid == candidate_uuid, ScorecardRow.stage_id == stage_id)
        own = [
            c.effective()
            for c in load_scorecards(session, and_(where, InterviewerRow.uuid == viewer_uuid))
        ]
        if not _has_submitted(session, candidate_uuid, stage_id, viewer_uuid):
            return own
        others = effective_in_session(session, and_(where, InterviewerRow.uuid != viewer_uuid))
        return own + others


def may_see_others(db: Database, candidate_uuid: str, stage_id: str, viewer_uuid: str) -> bool:
    """Whether scores of other interviewers for this stage may be shown to the viewer."""
    return has_submitted(db, candidate_uuid, stage_id, viewer_uuid)


def scorecards_for_candidate(db: Database, candidate_uuid: str) -> list[ScorecardInfo]:
    """Every scorecard of a candidate (drafts too), without content: for overviews."""
    with db.read() as session:
        load_candidate_row(session, candidate_uuid)
        return _infos(session, CandidateRow.uuid == candidate_uuid)


def scorecards_for_interviewer(db: Database, interviewer_uuid: str) -> list[ScorecardInfo]:
    with db.read() as session:
        load_interviewer_row(session, interviewer_uuid)
        return _infos(session, InterviewerRow.uuid == interviewer_uuid)


def _infos(session: Session, where: ColumnElement[bool]) -> list[ScorecardInfo]:
    amendment_count = (
        select(func.count(AmendmentRow.id))
        .where(AmendmentRow.scorecard_id == ScorecardRow.id)
        .scalar_subquery()
    )
    rows = session.execute(
        _joined(
            (
                ScorecardRow.uuid,
                CandidateRow.uuid,
                ScorecardRow.stage_id,
                InterviewerRow.uuid,
                InterviewerRow.name,
                ScorecardRow.status,
                RubricVersionRow.version,
                ScorecardRow.updated_at,
                ScorecardRow.submitted_at,
                amendment_count,
            )
        )
        .join(RubricVersionRow, RubricVersionRow.id == ScorecardRow.rubric_version_id)
        .where(where)
        .order_by(ScorecardRow.stage_id, InterviewerRow.name_key, ScorecardRow.id)
    ).all()
    return [
        ScorecardInfo(
            uuid=r[0],
            candidate_uuid=r[1],
            stage_id=r[2],
            interviewer_uuid=r[3],
            interviewer_name=r[4],
            status=ScorecardStatus(r[5]),
            rubric_version=r[6],
            updated_at=r[7],
            submitted_at=r[8],
            amendment_count=int(r[9] or 0),
        )
        for r in rows
    ]


def submitted_uuids(session: Session, uuids: Iterable[str]) -> set[str]:
    wanted = list(uuids)
    if not wanted:
        return set()
    return set(session.scalars(select(ScorecardRow.uuid).where(ScorecardRow.uuid.in_(wanted))))
