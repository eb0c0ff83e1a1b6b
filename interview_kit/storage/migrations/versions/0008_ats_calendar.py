"""Interview times on assignments, cancelled interviews, and scorecards from other systems.

Revision ID: 0008_ats_calendar
Revises: 0007_unknown_origin
Create Date: 2026-12-03

- ``assignments`` gets an optional start (``starts_at``), length (``duration_minutes``)
  and place, and the iCalendar ``calendar_sequence`` raised on each change of those.
- ``cancelled_interviews`` remembers an interview that had a time when its assignment
  was taken away, so a calendar export can send ``METHOD:CANCEL`` with the next sequence.
- ``external_scorecards`` marks a scorecard imported from another hiring system with
  that system's name and its id there; the pair is unique, so importing again finds it.

Existing rows keep their content: the new assignment columns are empty (no time yet).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_ats_calendar"
down_revision: str | None = "0007_unknown_origin"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("assignments") as batch_op:
        batch_op.add_column(sa.Column("starts_at", _TIMESTAMP, nullable=True))
        batch_op.add_column(sa.Column("duration_minutes", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("place", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("calendar_sequence", sa.Integer(), nullable=False, server_default="0")
        )
    op.create_index(op.f("ix_assignments_starts_at"), "assignments", ["starts_at"])

    op.create_table(
        "cancelled_interviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("stage_id", sa.String(length=64), nullable=False),
        sa.Column("interviewer_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", _TIMESTAMP, nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("calendar_sequence", sa.Integer(), nullable=False),
        sa.Column("cancelled_at", _TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_cancelled_interviews_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interviewer_id"],
            ["interviewers.id"],
            name=op.f("fk_cancelled_interviews_interviewer_id_interviewers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cancelled_interviews")),
        sa.UniqueConstraint(
            "candidate_id",
            "stage_id",
            "interviewer_id",
            name=op.f("uq_cancelled_interviews_candidate_id_stage_id_interviewer_id"),
        ),
    )
    op.create_index(
        op.f("ix_cancelled_interviews_interviewer_id"), "cancelled_interviews", ["interviewer_id"]
    )

    op.create_table(
        "external_scorecards",
        sa.Column("scorecard_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.Column("imported_at", _TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["scorecard_id"],
            ["scorecards.id"],
            name=op.f("fk_external_scorecards_scorecard_id_scorecards"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("scorecard_id", name=op.f("pk_external_scorecards")),
        sa.UniqueConstraint(
            "source", "external_id", name=op.f("uq_external_scorecards_source_external_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("external_scorecards")
    op.drop_table("cancelled_interviews")
    op.drop_index(op.f("ix_assignments_starts_at"), table_name="assignments")
    with op.batch_alter_table("assignments") as batch_op:
        batch_op.drop_column("calendar_sequence")
        batch_op.drop_column("place")
        batch_op.drop_column("duration_minutes")
        batch_op.drop_column("starts_at")
