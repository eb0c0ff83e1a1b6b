"""The tables, as typed SQLAlchemy models (the candidate lists' tables are written in
Core in :mod:`~interview_kit.storage.tables` and mapped here).

Only ``storage/`` and ``services/`` see these classes; everything above the services gets
plain frozen values. Every foreign key and every column a list sorts or filters on has
an index; names follow :data:`~interview_kit.storage.tables.NAMING_CONVENTION` so
migrations can refer to them on both SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from interview_kit.domain.candidate import CommitteeOutcome
from interview_kit.domain.scorecard import Vote
from interview_kit.storage import tables
from interview_kit.storage.tables import (
    EMAIL_LENGTH,
    ID_LENGTH,
    LOGIN_LENGTH,
    NAME_LENGTH,
    OBSERVATION_KINDS,
    SCORECARD_STATUSES,
    UUID_LENGTH,
    UtcDateTime,
    in_values,
    utc_now,
)


class Base(DeclarativeBase):
    metadata = tables.metadata
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UtcDateTime()}


class RubricRow(Base):
    """A rubric id (a role's scoring sheet) and which of its versions is in use."""

    __table__ = tables.rubrics

    id: Mapped[int]
    key: Mapped[str]
    name: Mapped[str]
    active_version: Mapped[int]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    row_version: Mapped[int]

    versions: Mapped[list[RubricVersionRow]] = relationship(
        back_populates="rubric", order_by="RubricVersionRow.version"
    )

    __mapper_args__ = {"version_id_col": tables.rubrics.c.row_version}  # noqa: RUF012


class RubricVersionRow(Base):
    """One immutable version of a rubric: its full TOML text and content hash."""

    __table__ = tables.rubric_versions

    id: Mapped[int]
    rubric_id: Mapped[int]
    version: Mapped[int]
    content_hash: Mapped[str]
    content: Mapped[str]
    name: Mapped[str]
    role_title: Mapped[str]
    created_at: Mapped[datetime]
    created_by: Mapped[str]

    rubric: Mapped[RubricRow] = relationship(back_populates="versions")


class InterviewerRow(Base):
    __tablename__ = "interviewers"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(UUID_LENGTH), unique=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    name_key: Mapped[str] = mapped_column(String(NAME_LENGTH), index=True)
    email: Mapped[str] = mapped_column(String(EMAIL_LENGTH), default="", index=True)
    role_title: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    login: Mapped[str | None] = mapped_column(String(LOGIN_LENGTH), unique=True, index=True)
    """The PostgreSQL login role this interviewer signs in as on a shared database."""
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
    row_version: Mapped[int] = mapped_column(Integer)

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012


class CandidateRow(Base):
    __table__ = tables.candidates

    id: Mapped[int]
    uuid: Mapped[str]
    name: Mapped[str]
    name_key: Mapped[str]
    email: Mapped[str]
    search_key: Mapped[str]
    source: Mapped[str]
    origin_path: Mapped[str]
    role_title: Mapped[str]
    status: Mapped[str]
    stage_id: Mapped[str | None]
    rubric_version_id: Mapped[int | None]
    notes: Mapped[str]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    row_version: Mapped[int]

    rubric_version: Mapped[RubricVersionRow | None] = relationship()
    summary: Mapped[CandidateSummaryRow | None] = relationship(
        back_populates="candidate", cascade="all, delete-orphan", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": tables.candidates.c.row_version}  # noqa: RUF012


class CandidateSummaryRow(Base):
    """Cached results per candidate, so list pages never recompute a recommendation."""

    __table__ = tables.candidate_summaries

    candidate_id: Mapped[int]
    score: Mapped[float | None]
    recommendation: Mapped[str | None]
    level: Mapped[str | None]
    coverage: Mapped[float | None]
    submitted_count: Mapped[int]
    committee_decision: Mapped[str | None]
    committee_level: Mapped[str | None]
    updated_at: Mapped[datetime]

    candidate: Mapped[CandidateRow] = relationship(back_populates="summary")


class AssignmentRow(Base):
    """An interviewer on a candidate's stage."""

    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("candidate_id", "stage_id", "interviewer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE")
    )  # leads the unique index
    stage_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    interviewer_id: Mapped[int] = mapped_column(ForeignKey("interviewers.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    starts_at: Mapped[datetime | None] = mapped_column(index=True)
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    place: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    calendar_sequence: Mapped[int] = mapped_column(Integer, default=0)
    """iCalendar SEQUENCE: raised each time the time, length or place changes."""


class CancelledInterviewRow(Base):
    """An interview that had a time when its assignment was taken away.

    Kept so a calendar export can cancel it (``METHOD:CANCEL``) with the next sequence;
    assigning the same interviewer to the same stage again takes it back.
    """

    __tablename__ = "cancelled_interviews"
    __table_args__ = (UniqueConstraint("candidate_id", "stage_id", "interviewer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE")
    )  # leads the unique index
    stage_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    interviewer_id: Mapped[int] = mapped_column(ForeignKey("interviewers.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column()
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    place: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    calendar_sequence: Mapped[int] = mapped_column(Integer)
    cancelled_at: Mapped[datetime] = mapped_column(default=utc_now)


class ScorecardRow(Base):
    """One interviewer's sheet for one candidate's stage.

    Once ``status`` is ``submitted`` the row and its children never change again (a
    database trigger refuses it); corrections are :class:`AmendmentRow` s.
    """

    __tablename__ = "scorecards"
    __table_args__ = (
        UniqueConstraint("candidate_id", "stage_id", "interviewer_id"),
        CheckConstraint(in_values("status", SCORECARD_STATUSES), name="status"),
        CheckConstraint(f"vote IS NULL OR {in_values('vote', Vote)}", name="vote"),
        CheckConstraint("(status = 'submitted') = (submitted_at IS NOT NULL)", name="submitted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(UUID_LENGTH), unique=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE")
    )  # leads the unique index
    stage_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    interviewer_id: Mapped[int] = mapped_column(ForeignKey("interviewers.id"), index=True)
    rubric_version_id: Mapped[int] = mapped_column(ForeignKey("rubric_versions.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    level_evidence: Mapped[str | None] = mapped_column(String(16))
    vote: Mapped[str | None] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, index=True)
    submitted_at: Mapped[datetime | None] = mapped_column()

    ratings: Mapped[list[RatingRow]] = relationship(
        order_by="RatingRow.position", cascade="all, delete-orphan", passive_deletes=True
    )
    observations: Mapped[list[ObservationRow]] = relationship(
        order_by="ObservationRow.position", cascade="all, delete-orphan", passive_deletes=True
    )
    exercise_notes: Mapped[list[ExerciseNoteRow]] = relationship(
        order_by="ExerciseNoteRow.exercise_id", cascade="all, delete-orphan", passive_deletes=True
    )
    amendments: Mapped[list[AmendmentRow]] = relationship(
        order_by="AmendmentRow.sequence", cascade="all, delete-orphan", passive_deletes=True
    )
    interviewer: Mapped[InterviewerRow] = relationship()
    candidate: Mapped[CandidateRow] = relationship()
    rubric_version: Mapped[RubricVersionRow] = relationship()


class RatingRow(Base):
    """A criterion rating 1-4, NULL for N/A, with its evidence."""

    __tablename__ = "scorecard_ratings"
    __table_args__ = (CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 4", name="rating"),)

    scorecard_id: Mapped[int] = mapped_column(
        ForeignKey("scorecards.id", ondelete="CASCADE"), primary_key=True
    )
    criterion_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    rating: Mapped[int | None] = mapped_column(Integer)
    evidence: Mapped[str] = mapped_column(Text, default="")


class ObservationRow(Base):
    """A positive signal or red flag ticked on a scorecard, with its evidence."""

    __tablename__ = "scorecard_observations"
    __table_args__ = (CheckConstraint(in_values("kind", OBSERVATION_KINDS), name="kind"),)

    scorecard_id: Mapped[int] = mapped_column(
        ForeignKey("scorecards.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    evidence: Mapped[str] = mapped_column(Text, default="")


class ExerciseNoteRow(Base):
    __tablename__ = "scorecard_exercise_notes"

    scorecard_id: Mapped[int] = mapped_column(
        ForeignKey("scorecards.id", ondelete="CASCADE"), primary_key=True
    )
    exercise_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class PrivateNoteRow(Base):
    """An interviewer's private notes on their scorecard: never part of the submitted
    record, readable by their author alone on a shared database."""

    __tablename__ = "private_notes"

    scorecard_id: Mapped[int] = mapped_column(
        ForeignKey("scorecards.id", ondelete="CASCADE"), primary_key=True
    )
    interviewer_id: Mapped[int] = mapped_column(ForeignKey("interviewers.id"), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)


class AmendmentRow(Base):
    """A correction to a submitted scorecard: who, when, why and what changed.

    ``changes`` holds only the fields the correction sets (the same shape as a draft
    save, private notes never); the effective scorecard applies the amendments in
    ``sequence`` order.
    """

    __tablename__ = "scorecard_amendments"
    __table_args__ = (
        UniqueConstraint("scorecard_id", "sequence"),
        CheckConstraint("length(reason) > 0", name="reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(UUID_LENGTH), unique=True)
    scorecard_id: Mapped[int] = mapped_column(
        ForeignKey("scorecards.id", ondelete="CASCADE"), index=True
    )
    sequence: Mapped[int] = mapped_column(Integer)
    amended_by: Mapped[str] = mapped_column(String(NAME_LENGTH))
    amended_by_uuid: Mapped[str | None] = mapped_column(String(UUID_LENGTH))
    reason: Mapped[str] = mapped_column(Text)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class DecisionRow(Base):
    """A committee decision; the newest one for a candidate is in force."""

    __tablename__ = "committee_decisions"
    __table_args__ = (CheckConstraint(in_values("decision", CommitteeOutcome), name="decision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(UUID_LENGTH), unique=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), index=True
    )
    rubric_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("rubric_versions.id"), index=True
    )
    decision: Mapped[str] = mapped_column(String(16))
    level: Mapped[str | None] = mapped_column(String(16))
    currency: Mapped[str] = mapped_column(String(3), default="")
    base: Mapped[float | None] = mapped_column(Float)
    equity: Mapped[float | None] = mapped_column(Float)
    equity_unit: Mapped[str] = mapped_column(String(16), default="")
    justification: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(NAME_LENGTH))
    decided_at: Mapped[datetime] = mapped_column(default=utc_now, index=True)


class AuditRow(Base):
    """One line of the append-only audit log (a trigger refuses updates and deletes).

    ``detail`` never holds personal data (names, e-mails, evidence): subjects are named by
    uuid, so erasing a candidate leaves nothing personal behind in the log.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utc_now, index=True)
    actor: Mapped[str] = mapped_column(String(NAME_LENGTH))
    action: Mapped[str] = mapped_column(String(64), index=True)
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_uuid: Mapped[str | None] = mapped_column(String(UUID_LENGTH), index=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    login: Mapped[str | None] = mapped_column(String(LOGIN_LENGTH))
    """The database login that wrote the line (``session_user``, set by the server on
    PostgreSQL; empty on SQLite, where the file's owner is the only writer)."""


class ErasingCandidateRow(Base):
    """A candidate being erased in the current transaction: the one time the guards let
    a submitted scorecard be deleted. Empty outside an erasure."""

    __tablename__ = "erasing_candidates"

    candidate_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)


# ---------------------------------------------------------------------------------------
# Evidence: outcomes of hires, voluntary self-identification, the frozen mechanical
# recommendation, override reasons and post-debrief re-scores.

OUTCOME_CHECKPOINTS = ("90_days", "one_year")


class HireOutcomeRow(Base):
    """How a hire turned out at a checkpoint; one row per candidate and checkpoint."""

    __tablename__ = "hire_outcomes"
    __table_args__ = (
        UniqueConstraint("candidate_id", "checkpoint"),
        CheckConstraint(in_values("checkpoint", OUTCOME_CHECKPOINTS), name="checkpoint"),
        CheckConstraint("performance IS NULL OR performance BETWEEN 1 AND 4", name="performance"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(UUID_LENGTH), unique=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE")
    )  # leads the unique index
    checkpoint: Mapped[str] = mapped_column(String(16))
    performance: Mapped[int | None] = mapped_column(Integer)
    still_employed: Mapped[bool] = mapped_column(Boolean)
    would_hire_again: Mapped[bool | None] = mapped_column(Boolean)
    level_now: Mapped[str | None] = mapped_column(String(16))
    recorded_by: Mapped[str] = mapped_column(String(NAME_LENGTH))
    recorded_at: Mapped[datetime] = mapped_column(default=utc_now, index=True)


class SelfIdentificationRow(Base):
    """A candidate's voluntary answer to one self-identification question.

    Kept in its own table, read only by the adverse-impact views: no scorecard, packet,
    pack, bundle or list query joins it. Erased with the candidate (ON DELETE CASCADE).
    """

    __tablename__ = "self_identifications"

    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    category_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    recorded_at: Mapped[datetime] = mapped_column(default=utc_now)


class EvidenceCaseRow(Base):
    """Derived: how many 1s, 2s, 3s and 4s a candidate got on a criterion at a stage.

    Kept in step with the submitted scorecards (amendments applied, N/A left out) by the
    summary refresh, in the same unit of work; the evidence views aggregate these rows
    instead of every rating. One row per case that has a rating.
    """

    __tablename__ = "evidence_cases"
    __table_args__ = (
        # Covering indexes: the reliability planner counts the patterns of ratings per
        # criterion, validity averages per candidate and criterion, each in index order.
        Index("ix_evidence_cases_patterns", "stage_id", "criterion_id", "n1", "n2", "n3", "n4"),
        Index(
            "ix_evidence_cases_by_criterion",
            "candidate_id",
            "criterion_id",
            "n1",
            "n2",
            "n3",
            "n4",
        ),
        {"sqlite_with_rowid": False},
    )

    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), primary_key=True
    )
    stage_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    criterion_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    n1: Mapped[int] = mapped_column(Integer)
    n2: Mapped[int] = mapped_column(Integer)
    n3: Mapped[int] = mapped_column(Integer)
    n4: Mapped[int] = mapped_column(Integer)


class EvidenceCardRow(Base):
    """Derived: one submitted scorecard's ratings in sums, kept in step as
    :class:`EvidenceCaseRow` is.

    ``weighted_sum / weight_sum`` is the scorecard's score by the weights of the rubric
    version it was made against; ``comparisons`` and ``difference_sum`` are calibration's
    comparisons of its ratings against the mean of the other interviewers' ratings of the
    same candidate and criterion.
    """

    __tablename__ = "evidence_cards"
    __table_args__ = (
        # Leads with the interviewer (the foreign key's index) and covers drift's sums
        # per interviewer and month.
        Index(
            "ix_evidence_cards_interviewer_month",
            "interviewer_id",
            "month",
            "comparisons",
            "difference_sum",
        ),
        {"sqlite_with_rowid": False},
    )

    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), primary_key=True
    )
    stage_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    interviewer_id: Mapped[int] = mapped_column(ForeignKey("interviewers.id"), primary_key=True)
    month: Mapped[str] = mapped_column(String(7))
    """``YYYY-MM`` of the submission, in UTC."""
    ratings: Mapped[int] = mapped_column(Integer)
    rating_sum: Mapped[int] = mapped_column(Integer)
    weighted_sum: Mapped[float] = mapped_column(Float)
    weight_sum: Mapped[float] = mapped_column(Float)
    comparisons: Mapped[int] = mapped_column(Integer)
    difference_sum: Mapped[float] = mapped_column(Float)


class FrozenRecommendationRow(Base):
    """The engine's recommendation as it stood when the candidate reached the committee."""

    __tablename__ = "frozen_recommendations"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), unique=True
    )
    rubric_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("rubric_versions.id"), index=True
    )
    decision: Mapped[str] = mapped_column(String(32))
    level: Mapped[str | None] = mapped_column(String(16))
    candidate_score: Mapped[float | None] = mapped_column(Float)
    suggested_base: Mapped[float | None] = mapped_column(Float)
    base_rounding: Mapped[float | None] = mapped_column(Float)
    currency: Mapped[str] = mapped_column(String(3), default="")
    trace: Mapped[list[str]] = mapped_column(JSON)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    """The recommendation as ``recommend --json`` prints it."""
    frozen_at: Mapped[datetime] = mapped_column(default=utc_now)
    frozen_by: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")


class DecisionOverrideRow(Base):
    """Why a committee decision departs from the frozen recommendation."""

    __tablename__ = "decision_overrides"
    __table_args__ = (CheckConstraint("length(reason) > 0", name="reason"),)

    decision_id: Mapped[int] = mapped_column(
        ForeignKey("committee_decisions.id", ondelete="CASCADE"), primary_key=True
    )
    frozen_id: Mapped[int] = mapped_column(
        ForeignKey("frozen_recommendations.id", ondelete="CASCADE"), index=True
    )
    departures: Mapped[str] = mapped_column(String(64))
    """Comma-separated: ``decision``, ``level``, ``base``."""
    reason: Mapped[str] = mapped_column(Text)


class DebriefRescoreRow(Base):
    """A rating given after the debrief discussion: shown beside the independent
    scorecards, never mixed into them, the recommendation or agreement."""

    __tablename__ = "debrief_rescores"
    __table_args__ = (
        UniqueConstraint("candidate_id", "interviewer_id", "criterion_id"),
        CheckConstraint("rating BETWEEN 1 AND 4", name="rating"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE")
    )  # leads the unique index
    interviewer_id: Mapped[int] = mapped_column(ForeignKey("interviewers.id"), index=True)
    stage_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    criterion_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    rating: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(default=utc_now)


# ---------------------------------------------------------------------------------------
# The offline exchange: how conflicts were settled, and what each person's packs and keys are.


class ExchangeResolutionRow(Base):
    """One incoming record an import settled by a person's choice (keep the stored one,
    take the incoming one, keep both), so the same file imported again changes nothing.

    ``incoming_key`` is an amendment's uuid, or ``card:<uuid>:<content digest>`` for a
    scorecard; ``through_sequence`` is how many amendments the stored scorecard had once
    the conflict was settled (later amendments from the same file follow them)."""

    __tablename__ = "exchange_resolutions"

    id: Mapped[int] = mapped_column(primary_key=True)
    scorecard_uuid: Mapped[str] = mapped_column(String(UUID_LENGTH), index=True)
    incoming_key: Mapped[str] = mapped_column(String(128), unique=True)
    resolution: Mapped[str] = mapped_column(String(16))
    through_sequence: Mapped[int] = mapped_column(Integer, default=0)
    resolved_by: Mapped[str] = mapped_column(String(NAME_LENGTH))
    resolved_at: Mapped[datetime] = mapped_column(default=utc_now)


class ExchangePeerRow(Base):
    """One panel member as the offline exchange knows them: the public half of their
    signing key and the last pack sequence made for (or read by) them."""

    __tablename__ = "exchange_peers"

    person_uuid: Mapped[str] = mapped_column(String(UUID_LENGTH), primary_key=True)
    public_key: Mapped[str | None] = mapped_column(String(64))
    """Base64 of the raw 32-byte Ed25519 public key."""
    key_confirmed_by: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    key_confirmed_at: Mapped[datetime | None] = mapped_column()
    packs_made: Mapped[int] = mapped_column(Integer, default=0)
    """The sequence of the last pack made for this person here (the recruiter's side)."""
    last_pack_read: Mapped[int] = mapped_column(Integer, default=0)
    """The highest pack sequence imported for this person here (the laptop's side)."""


class ExternalScorecardRow(Base):
    """A scorecard that came from another hiring system: which one, and its id there."""

    __tablename__ = "external_scorecards"
    __table_args__ = (UniqueConstraint("source", "external_id"),)

    scorecard_id: Mapped[int] = mapped_column(
        ForeignKey("scorecards.id", ondelete="CASCADE"), primary_key=True
    )
    source: Mapped[str] = mapped_column(String(32))
    external_id: Mapped[str] = mapped_column(String(NAME_LENGTH))
    imported_at: Mapped[datetime] = mapped_column(default=utc_now)
