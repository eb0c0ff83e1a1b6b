"""Evidence tables: outcomes of hires, voluntary self-identification, the recommendation
frozen at the committee, override reasons and post-debrief re-scores.

Revision ID: 0005_evidence
Revises: 0004_private_notes_and_roles
Create Date: 2026-12-01

Only new tables: every existing row stays as it is. Each one hangs off a candidate with
ON DELETE CASCADE, so erasing a candidate erases their outcomes and self-identification.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_evidence"
down_revision: str | None = "0004_private_notes_and_roles"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "hire_outcomes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("checkpoint", sa.String(length=16), nullable=False),
        sa.Column("performance", sa.Integer(), nullable=True),
        sa.Column("still_employed", sa.Boolean(), nullable=False),
        sa.Column("would_hire_again", sa.Boolean(), nullable=True),
        sa.Column("level_now", sa.String(length=16), nullable=True),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", _TIMESTAMP, nullable=False),
        sa.CheckConstraint(
            "checkpoint IN ('90_days', 'one_year')", name=op.f("ck_hire_outcomes_checkpoint")
        ),
        sa.CheckConstraint(
            "performance IS NULL OR performance BETWEEN 1 AND 4",
            name=op.f("ck_hire_outcomes_performance"),
        ),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_hire_outcomes_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hire_outcomes")),
        sa.UniqueConstraint(
            "candidate_id", "checkpoint", name=op.f("uq_hire_outcomes_candidate_id_checkpoint")
        ),
        sa.UniqueConstraint("uuid", name=op.f("uq_hire_outcomes_uuid")),
    )
    op.create_index(op.f("ix_hire_outcomes_recorded_at"), "hire_outcomes", ["recorded_at"])

    op.create_table(
        "self_identifications",
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=64), nullable=False),
        sa.Column("category_id", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", _TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_self_identifications_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "candidate_id", "question_id", name=op.f("pk_self_identifications")
        ),
    )

    op.create_table(
        "frozen_recommendations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("rubric_version_id", sa.Integer(), nullable=True),
        sa.Column("decision", sa.String(length=32), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=True),
        sa.Column("candidate_score", sa.Float(), nullable=True),
        sa.Column("suggested_base", sa.Float(), nullable=True),
        sa.Column("base_rounding", sa.Float(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("trace", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("frozen_at", _TIMESTAMP, nullable=False),
        sa.Column("frozen_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_frozen_recommendations_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["rubric_version_id"],
            ["rubric_versions.id"],
            name=op.f("fk_frozen_recommendations_rubric_version_id_rubric_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frozen_recommendations")),
        sa.UniqueConstraint("candidate_id", name=op.f("uq_frozen_recommendations_candidate_id")),
    )
    op.create_index(
        op.f("ix_frozen_recommendations_rubric_version_id"),
        "frozen_recommendations",
        ["rubric_version_id"],
    )

    op.create_table(
        "decision_overrides",
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("frozen_id", sa.Integer(), nullable=False),
        sa.Column("departures", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.CheckConstraint("length(reason) > 0", name=op.f("ck_decision_overrides_reason")),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["committee_decisions.id"],
            name=op.f("fk_decision_overrides_decision_id_committee_decisions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["frozen_id"],
            ["frozen_recommendations.id"],
            name=op.f("fk_decision_overrides_frozen_id_frozen_recommendations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("decision_id", name=op.f("pk_decision_overrides")),
    )
    op.create_index(op.f("ix_decision_overrides_frozen_id"), "decision_overrides", ["frozen_id"])

    op.create_table(
        "debrief_rescores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("interviewer_id", sa.Integer(), nullable=False),
        sa.Column("stage_id", sa.String(length=64), nullable=False),
        sa.Column("criterion_id", sa.String(length=64), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", _TIMESTAMP, nullable=False),
        sa.CheckConstraint("rating BETWEEN 1 AND 4", name=op.f("ck_debrief_rescores_rating")),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_debrief_rescores_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interviewer_id"],
            ["interviewers.id"],
            name=op.f("fk_debrief_rescores_interviewer_id_interviewers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debrief_rescores")),
        sa.UniqueConstraint(
            "candidate_id",
            "interviewer_id",
            "criterion_id",
            name=op.f("uq_debrief_rescores_candidate_id_interviewer_id_criterion_id"),
        ),
    )
    op.create_index(
        op.f("ix_debrief_rescores_interviewer_id"), "debrief_rescores", ["interviewer_id"]
    )


def downgrade() -> None:
    for table in (
        "debrief_rescores",
        "decision_overrides",
        "frozen_recommendations",
        "self_identifications",
        "hire_outcomes",
    ):
        op.drop_table(table)
