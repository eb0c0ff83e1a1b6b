"""Reading stored scorecards: one scorecard, a candidate's, a range of candidates'.

Everything read out is a domain :class:`~interview_kit.domain.scorecard.Scorecard` (or a
:class:`ScorecardDetail` for its own interviewer) with the amendments applied in order,
through :meth:`~interview_kit.domain.scorecard_content.ScorecardContent.apply`. Writes
live in :mod:`interview_kit.services.scorecards`; summaries and the exchange read through
this module only.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from interview_kit.domain.scorecard import (
    CriterionRating,
    Observation,
    Scorecard,
    ScorecardStatus,
    Vote,
)
from interview_kit.domain.scorecard_content import (
    ScorecardChanges,
    ScorecardContent,
    with_amendments,
)
from interview_kit.services.candidate_rows import load_candidate_row
from interview_kit.services.errors import NotFoundError
from interview_kit.services.interviewers import load_interviewer_row
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
)

logger = logging.getLogger(__name__)


# ---------------------------------------------------------------------------------------
# Values


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


# ---------------------------------------------------------------------------------------
# Loading rows into domain values (a handful of queries, however many scorecards)


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
    content: ScorecardContent
    amendments: list[AmendmentRecord] = field(default_factory=list)

    def domain(self, content: ScorecardContent, *, amended: bool) -> Scorecard:
        return content.scorecard(
            uuid=self.uuid,
            candidate_uuid=self.candidate_uuid,
            stage_id=self.stage_id,
            interviewer_uuid=self.interviewer_uuid,
            interviewer_name=self.interviewer_name,
            rubric_hash=self.rubric_hash,
            status=self.status,
            submitted_at=self.submitted_at,
            amended=amended,
        )

    def effective_content(self) -> ScorecardContent:
        return self.content.apply_all([amendment.changes for amendment in self.amendments])

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
            content=ScorecardContent(
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
            cards[sid].content = replace(cards[sid].content, private_notes=notes)
    ratings: dict[int, dict[str, CriterionRating]] = defaultdict(dict)
    observations: dict[tuple[int, str], dict[str, str]] = defaultdict(dict)
    notes_by_card: dict[int, dict[str, str]] = defaultdict(dict)
    for sid, criterion_id, rating, evidence in connection.execute(
        _joined(
            (RatingRow.scorecard_id, RatingRow.criterion_id, RatingRow.rating, RatingRow.evidence)
        )
        .join(RatingRow, RatingRow.scorecard_id == ScorecardRow.id)
        .where(where)
        .order_by(RatingRow.scorecard_id, RatingRow.position, RatingRow.criterion_id)
    ):
        ratings[sid][criterion_id] = CriterionRating(criterion_id, rating, evidence)
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
        observations[sid, "signal" if kind == "signal" else "red_flag"][item_id] = evidence
    for sid, exercise_id, notes in connection.execute(
        _joined((ExerciseNoteRow.scorecard_id, ExerciseNoteRow.exercise_id, ExerciseNoteRow.notes))
        .join(ExerciseNoteRow, ExerciseNoteRow.scorecard_id == ScorecardRow.id)
        .where(where)
        .order_by(ExerciseNoteRow.scorecard_id, ExerciseNoteRow.exercise_id)
    ):
        notes_by_card[sid][exercise_id] = notes
    for sid, card in cards.items():
        card.content = replace(
            card.content,
            ratings=ratings.get(sid, {}),
            signals=observations.get((sid, "signal"), {}),
            red_flags=observations.get((sid, "red_flag"), {}),
            exercise_notes=notes_by_card.get(sid, {}),
        )
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


def load_one(session: Session, uuid: str, *, private: bool = False) -> StoredScorecard:
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
        interviewer_uuid, interviewer_name = lookups.interviewer(interviewer_id)
        card = Scorecard(
            uuid=uuid,
            candidate_uuid=candidate_uuid,
            stage_id=stage_id,
            interviewer_uuid=interviewer_uuid,
            interviewer_name=interviewer_name,
            rubric_hash=lookups.rubric_hash(version_id),
            status=status_submitted,
            ratings=tuple([CriterionRating(r[2], r[3], r[4]) for r in own_ratings]),
            signals=tuple([Observation(r[2], r[4]) for r in own_observations if r[3] == "signal"]),
            red_flags=tuple(
                [Observation(r[2], r[4]) for r in own_observations if r[3] != "signal"]
            ),
            level_evidence=stored_level,
            vote=_VOTES[vote] if vote else None,
            summary=stored_summary,
            exercise_notes={r[1]: r[2] for r in own_notes},
            submitted_at=submitted_at,
        )
        own_amendments = amendments.get(sid)
        if own_amendments is not None:
            # A handful: the same steps as a single scorecard's read.
            card = with_amendments(card, own_amendments)
        found[candidate_id].append(card)
    return dict(found)


# ---------------------------------------------------------------------------------------
# Reading


def reads_private_notes(db: Database) -> bool:
    """Whether this login may read private notes at all (its own, on a shared database)."""
    return db.access.reads_private_notes


def get_scorecard(db: Database, scorecard_uuid: str) -> ScorecardDetail:
    """A scorecard with private notes: for its own interviewer's screens only."""
    with db.read() as session:
        return load_one(session, scorecard_uuid, private=reads_private_notes(db)).detail()


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
            private=reads_private_notes(db),
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
