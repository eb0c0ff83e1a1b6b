"""Derived tallies behind the evidence views: ratings per case and per scorecard.

Revision ID: 0009_evidence_tallies
Revises: 0008_ats_calendar
Create Date: 2026-12-03

Only new tables, derived from the submitted scorecards. They start empty; the first
evidence view (or ``interview-kit recompute``) fills them, and every refresh of a
candidate's summary keeps that candidate's rows in step from then on.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_evidence_tallies"
down_revision: str | None = "0008_ats_calendar"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "evidence_cases",
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("stage_id", sa.String(length=64), nullable=False),
        sa.Column("criterion_id", sa.String(length=64), nullable=False),
        sa.Column("n1", sa.Integer(), nullable=False),
        sa.Column("n2", sa.Integer(), nullable=False),
        sa.Column("n3", sa.Integer(), nullable=False),
        sa.Column("n4", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_evidence_cases_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "candidate_id", "stage_id", "criterion_id", name=op.f("pk_evidence_cases")
        ),
        sqlite_with_rowid=False,
    )
    op.create_index(
        "ix_evidence_cases_patterns",
        "evidence_cases",
        ["stage_id", "criterion_id", "n1", "n2", "n3", "n4"],
    )
    op.create_index(
        "ix_evidence_cases_by_criterion",
        "evidence_cases",
        ["candidate_id", "criterion_id", "n1", "n2", "n3", "n4"],
    )
    op.create_table(
        "evidence_cards",
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("stage_id", sa.String(length=64), nullable=False),
        sa.Column("interviewer_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("ratings", sa.Integer(), nullable=False),
        sa.Column("rating_sum", sa.Integer(), nullable=False),
        sa.Column("weighted_sum", sa.Float(), nullable=False),
        sa.Column("weight_sum", sa.Float(), nullable=False),
        sa.Column("comparisons", sa.Integer(), nullable=False),
        sa.Column("difference_sum", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_evidence_cards_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interviewer_id"],
            ["interviewers.id"],
            name=op.f("fk_evidence_cards_interviewer_id_interviewers"),
        ),
        sa.PrimaryKeyConstraint(
            "candidate_id", "stage_id", "interviewer_id", name=op.f("pk_evidence_cards")
        ),
        sqlite_with_rowid=False,
    )
    op.create_index(
        "ix_evidence_cards_interviewer_month",
        "evidence_cards",
        ["interviewer_id", "month", "comparisons", "difference_sum"],
    )


def downgrade() -> None:
    op.drop_table("evidence_cards")
    op.drop_table("evidence_cases")
