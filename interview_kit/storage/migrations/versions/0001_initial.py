"""Initial schema: rubric versions, people, scorecards, decisions, audit log.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-21

Besides the tables, database triggers make submitted scorecards (and their ratings,
observations, exercise notes and amendments) immutable and the audit log append-only,
so not even a hand-written UPDATE can rewrite what a panel submitted. Deleting stays
possible: erasing a candidate on a privacy request removes their scorecards.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001_initial"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIMESTAMP = sa.DateTime(timezone=True)
_IMMUTABLE = "submitted scorecard is immutable; record an amendment instead"
_APPEND_ONLY = "the audit log is append-only"
_SCORECARD_CHILDREN = ("scorecard_ratings", "scorecard_observations", "scorecard_exercise_notes")


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", _TIMESTAMP, nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("subject_type", sa.String(length=32), nullable=False),
        sa.Column("subject_uuid", sa.String(length=36), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_action"), "audit_log", ["action"])
    op.create_index(op.f("ix_audit_log_at"), "audit_log", ["at"])
    op.create_index(op.f("ix_audit_log_subject_uuid"), "audit_log", ["subject_uuid"])

    op.create_table(
        "interviewers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("role_title", sa.String(length=200), nullable=False),
        sa.Column("created_at", _TIMESTAMP, nullable=False),
        sa.Column("updated_at", _TIMESTAMP, nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviewers")),
        sa.UniqueConstraint("uuid", name=op.f("uq_interviewers_uuid")),
    )
    op.create_index(op.f("ix_interviewers_email"), "interviewers", ["email"])
    op.create_index(op.f("ix_interviewers_name_key"), "interviewers", ["name_key"])

    op.create_table(
        "rubrics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("active_version", sa.Integer(), nullable=False),
        sa.Column("created_at", _TIMESTAMP, nullable=False),
        sa.Column("updated_at", _TIMESTAMP, nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rubrics")),
        sa.UniqueConstraint("key", name=op.f("uq_rubrics_key")),
    )
    op.create_table(
        "rubric_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rubric_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role_title", sa.String(length=200), nullable=False),
        sa.Column("created_at", _TIMESTAMP, nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["rubric_id"], ["rubrics.id"], name=op.f("fk_rubric_versions_rubric_id_rubrics")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rubric_versions")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_rubric_versions_content_hash")),
        sa.UniqueConstraint(
            "rubric_id", "version", name=op.f("uq_rubric_versions_rubric_id_version")
        ),
    )

    op.create_table(
        "candidates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("origin_path", sa.String(length=32), nullable=False),
        sa.Column("role_title", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("stage_id", sa.String(length=64), nullable=True),
        sa.Column("rubric_version_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", _TIMESTAMP, nullable=False),
        sa.Column("updated_at", _TIMESTAMP, nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "origin_path IN ('pm', 'engineer')", name=op.f("ck_candidates_origin_path")
        ),
        sa.CheckConstraint(
            "source IN ('founder', 'senior_engineer', 'technical_pm', 'other')",
            name=op.f("ck_candidates_source"),
        ),
        sa.CheckConstraint(
            "status IN ('new', 'screening', 'deep_dive', 'product', 'committee', 'offer', "
            "'hired', 'rejected', 'withdrawn')",
            name=op.f("ck_candidates_status"),
        ),
        sa.ForeignKeyConstraint(
            ["rubric_version_id"],
            ["rubric_versions.id"],
            name=op.f("fk_candidates_rubric_version_id_rubric_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidates")),
        sa.UniqueConstraint("uuid", name=op.f("uq_candidates_uuid")),
    )
    op.create_index(op.f("ix_candidates_created_at"), "candidates", ["created_at"])
    op.create_index(op.f("ix_candidates_name_key"), "candidates", ["name_key"])
    op.create_index(op.f("ix_candidates_rubric_version_id"), "candidates", ["rubric_version_id"])
    op.create_index(op.f("ix_candidates_stage_id"), "candidates", ["stage_id"])
    op.create_index(op.f("ix_candidates_status"), "candidates", ["status"])
    op.create_index(op.f("ix_candidates_updated_at"), "candidates", ["updated_at"])

    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("stage_id", sa.String(length=64), nullable=False),
        sa.Column("interviewer_id", sa.Integer(), nullable=False),
        sa.Column("created_at", _TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_assignments_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interviewer_id"],
            ["interviewers.id"],
            name=op.f("fk_assignments_interviewer_id_interviewers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignments")),
        sa.UniqueConstraint(
            "candidate_id",
            "stage_id",
            "interviewer_id",
            name=op.f("uq_assignments_candidate_id_stage_id_interviewer_id"),
        ),
    )
    op.create_index(op.f("ix_assignments_interviewer_id"), "assignments", ["interviewer_id"])

    op.create_table(
        "candidate_summaries",
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("recommendation", sa.String(length=32), nullable=True),
        sa.Column("level", sa.String(length=16), nullable=True),
        sa.Column("coverage", sa.Float(), nullable=True),
        sa.Column("submitted_count", sa.Integer(), nullable=False),
        sa.Column("committee_decision", sa.String(length=32), nullable=True),
        sa.Column("committee_level", sa.String(length=16), nullable=True),
        sa.Column("updated_at", _TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_candidate_summaries_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("candidate_id", name=op.f("pk_candidate_summaries")),
    )
    op.create_index(
        op.f("ix_candidate_summaries_committee_decision"),
        "candidate_summaries",
        ["committee_decision"],
    )
    op.create_index(
        op.f("ix_candidate_summaries_recommendation"), "candidate_summaries", ["recommendation"]
    )
    op.create_index(op.f("ix_candidate_summaries_score"), "candidate_summaries", ["score"])

    op.create_table(
        "committee_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("rubric_version_id", sa.Integer(), nullable=True),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("base", sa.Float(), nullable=True),
        sa.Column("equity", sa.Float(), nullable=True),
        sa.Column("equity_unit", sa.String(length=16), nullable=False),
        sa.Column("justification", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.Column("decided_at", _TIMESTAMP, nullable=False),
        sa.CheckConstraint(
            "decision IN ('hire', 'no_hire')", name=op.f("ck_committee_decisions_decision")
        ),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_committee_decisions_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["rubric_version_id"],
            ["rubric_versions.id"],
            name=op.f("fk_committee_decisions_rubric_version_id_rubric_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee_decisions")),
        sa.UniqueConstraint("uuid", name=op.f("uq_committee_decisions_uuid")),
    )
    op.create_index(
        op.f("ix_committee_decisions_candidate_id"), "committee_decisions", ["candidate_id"]
    )
    op.create_index(
        op.f("ix_committee_decisions_decided_at"), "committee_decisions", ["decided_at"]
    )
    op.create_index(
        op.f("ix_committee_decisions_rubric_version_id"),
        "committee_decisions",
        ["rubric_version_id"],
    )

    op.create_table(
        "scorecards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("stage_id", sa.String(length=64), nullable=False),
        sa.Column("interviewer_id", sa.Integer(), nullable=False),
        sa.Column("rubric_version_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("level_evidence", sa.String(length=16), nullable=True),
        sa.Column("vote", sa.String(length=16), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("private_notes", sa.Text(), nullable=False),
        sa.Column("created_at", _TIMESTAMP, nullable=False),
        sa.Column("updated_at", _TIMESTAMP, nullable=False),
        sa.Column("submitted_at", _TIMESTAMP, nullable=True),
        sa.CheckConstraint(
            "(status = 'submitted') = (submitted_at IS NOT NULL)",
            name=op.f("ck_scorecards_submitted_at"),
        ),
        sa.CheckConstraint("status IN ('draft', 'submitted')", name=op.f("ck_scorecards_status")),
        sa.CheckConstraint(
            "vote IS NULL OR vote IN ('strong_no', 'no', 'yes', 'strong_yes')",
            name=op.f("ck_scorecards_vote"),
        ),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_scorecards_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interviewer_id"],
            ["interviewers.id"],
            name=op.f("fk_scorecards_interviewer_id_interviewers"),
        ),
        sa.ForeignKeyConstraint(
            ["rubric_version_id"],
            ["rubric_versions.id"],
            name=op.f("fk_scorecards_rubric_version_id_rubric_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scorecards")),
        sa.UniqueConstraint(
            "candidate_id",
            "stage_id",
            "interviewer_id",
            name=op.f("uq_scorecards_candidate_id_stage_id_interviewer_id"),
        ),
        sa.UniqueConstraint("uuid", name=op.f("uq_scorecards_uuid")),
    )
    op.create_index(op.f("ix_scorecards_interviewer_id"), "scorecards", ["interviewer_id"])
    op.create_index(op.f("ix_scorecards_rubric_version_id"), "scorecards", ["rubric_version_id"])
    op.create_index(op.f("ix_scorecards_stage_id"), "scorecards", ["stage_id"])
    op.create_index(op.f("ix_scorecards_status"), "scorecards", ["status"])
    op.create_index(op.f("ix_scorecards_updated_at"), "scorecards", ["updated_at"])

    op.create_table(
        "scorecard_amendments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("scorecard_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("amended_by", sa.String(length=200), nullable=False),
        sa.Column("amended_by_uuid", sa.String(length=36), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("created_at", _TIMESTAMP, nullable=False),
        sa.CheckConstraint("length(reason) > 0", name=op.f("ck_scorecard_amendments_reason")),
        sa.ForeignKeyConstraint(
            ["scorecard_id"],
            ["scorecards.id"],
            name=op.f("fk_scorecard_amendments_scorecard_id_scorecards"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scorecard_amendments")),
        sa.UniqueConstraint(
            "scorecard_id", "sequence", name=op.f("uq_scorecard_amendments_scorecard_id_sequence")
        ),
        sa.UniqueConstraint("uuid", name=op.f("uq_scorecard_amendments_uuid")),
    )
    op.create_index(
        op.f("ix_scorecard_amendments_scorecard_id"), "scorecard_amendments", ["scorecard_id"]
    )

    op.create_table(
        "scorecard_exercise_notes",
        sa.Column("scorecard_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=64), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["scorecard_id"],
            ["scorecards.id"],
            name=op.f("fk_scorecard_exercise_notes_scorecard_id_scorecards"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "scorecard_id", "exercise_id", name=op.f("pk_scorecard_exercise_notes")
        ),
    )
    op.create_table(
        "scorecard_observations",
        sa.Column("scorecard_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("item_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('signal', 'red_flag')", name=op.f("ck_scorecard_observations_kind")
        ),
        sa.ForeignKeyConstraint(
            ["scorecard_id"],
            ["scorecards.id"],
            name=op.f("fk_scorecard_observations_scorecard_id_scorecards"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "scorecard_id", "kind", "item_id", name=op.f("pk_scorecard_observations")
        ),
    )
    op.create_table(
        "scorecard_ratings",
        sa.Column("scorecard_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "rating IS NULL OR rating BETWEEN 1 AND 4", name=op.f("ck_scorecard_ratings_rating")
        ),
        sa.ForeignKeyConstraint(
            ["scorecard_id"],
            ["scorecards.id"],
            name=op.f("fk_scorecard_ratings_scorecard_id_scorecards"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("scorecard_id", "criterion_id", name=op.f("pk_scorecard_ratings")),
    )
    _create_guards()


def _create_guards() -> None:
    if op.get_context().dialect.name == "postgresql":
        _create_postgresql_guards()
    else:
        _create_sqlite_guards()


def _create_sqlite_guards() -> None:
    def refuse(name: str, when: str, condition: str, message: str) -> None:
        op.execute(
            f"CREATE TRIGGER {name} {when} FOR EACH ROW"
            f"{' WHEN ' + condition if condition else ''}"
            f" BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )

    refuse(
        "trg_scorecards_immutable",
        "BEFORE UPDATE ON scorecards",
        "OLD.status = 'submitted'",
        _IMMUTABLE,
    )
    for table in _SCORECARD_CHILDREN:
        for event, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")):
            refuse(
                f"trg_{table}_{event.lower()}_immutable",
                f"BEFORE {event} ON {table}",
                f"EXISTS (SELECT 1 FROM scorecards WHERE id = {row}.scorecard_id"  # noqa: S608
                " AND status = 'submitted')",
                _IMMUTABLE,
            )
    refuse(
        "trg_scorecard_amendments_immutable",
        "BEFORE UPDATE ON scorecard_amendments",
        "",
        "an amendment is immutable",
    )
    refuse("trg_audit_log_no_update", "BEFORE UPDATE ON audit_log", "", _APPEND_ONLY)
    refuse("trg_audit_log_no_delete", "BEFORE DELETE ON audit_log", "", _APPEND_ONLY)


def _create_postgresql_guards() -> None:
    op.execute(
        """
        CREATE FUNCTION ik_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';
        END $$
        """
    )
    op.execute(
        f"""
        CREATE FUNCTION ik_scorecard_child_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            parent integer;
        BEGIN
            IF TG_OP = 'INSERT' THEN parent := NEW.scorecard_id; ELSE parent := OLD.scorecard_id;
            END IF;
            IF EXISTS (SELECT 1 FROM scorecards WHERE id = parent AND status = 'submitted') THEN
                RAISE EXCEPTION '{_IMMUTABLE}' USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END $$
        """  # noqa: S608 - constant text only
    )
    op.execute(
        "CREATE TRIGGER trg_scorecards_immutable BEFORE UPDATE ON scorecards FOR EACH ROW"
        f" WHEN (OLD.status = 'submitted') EXECUTE FUNCTION ik_refuse('{_IMMUTABLE}')"
    )
    for table in _SCORECARD_CHILDREN:
        op.execute(
            f"CREATE TRIGGER trg_{table}_immutable BEFORE INSERT OR UPDATE OR DELETE ON {table}"
            " FOR EACH ROW EXECUTE FUNCTION ik_scorecard_child_guard()"
        )
    op.execute(
        "CREATE TRIGGER trg_scorecard_amendments_immutable BEFORE UPDATE ON scorecard_amendments"
        " FOR EACH ROW EXECUTE FUNCTION ik_refuse('an amendment is immutable')"
    )
    op.execute(
        "CREATE TRIGGER trg_audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log"
        f" FOR EACH ROW EXECUTE FUNCTION ik_refuse('{_APPEND_ONLY}')"
    )


def downgrade() -> None:
    for table in (
        "scorecard_ratings",
        "scorecard_observations",
        "scorecard_exercise_notes",
        "scorecard_amendments",
        "scorecards",
        "committee_decisions",
        "candidate_summaries",
        "assignments",
        "candidates",
        "rubric_versions",
        "rubrics",
        "interviewers",
        "audit_log",
    ):
        op.drop_table(table)
    if op.get_context().dialect.name == "postgresql":
        op.execute("DROP FUNCTION ik_scorecard_child_guard()")
        op.execute("DROP FUNCTION ik_refuse()")
