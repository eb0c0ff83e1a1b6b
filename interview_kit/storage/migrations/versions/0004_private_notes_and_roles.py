"""Private notes in their own table, logins on interviewers, guards against deleting what
was submitted, and row-level security on PostgreSQL.

Revision ID: 0004_private_notes_and_roles
Revises: 0003_candidate_search_index
Create Date: 2026-12-02

- ``scorecards.private_notes`` moves to ``private_notes`` (one row per scorecard that has
  any), with the amendments' private-note changes applied and then taken out of the
  amendments, so a submitted record never holds them.
- ``interviewers.login`` ties an interviewer to their PostgreSQL login role;
  ``audit_log.login`` is filled by the server with ``session_user`` on PostgreSQL.
- ``candidates.search_key`` no longer holds the e-mail address: a role that may not read
  e-mail must not read it from a derived column either.
- Deleting a submitted scorecard, its ratings, observations, exercise notes or
  amendments is refused on both backends, except while the candidate is listed in
  ``erasing_candidates`` (the audited erasure). The audit log stays append-only.
- On PostgreSQL the schema's part of the access rules: helper functions, the erasure
  function and row-level security switched on for every table. With no policies yet,
  only the owner reads anything; provisioning creates the roles, grants and policies
  (see ``interview_kit/storage/roles.py``), and ``storage.migrate.upgrade`` applies it
  again after migrating a database that was provisioned already.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0004_private_notes_and_roles"
down_revision: str | None = "0003_candidate_search_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIMESTAMP = sa.DateTime(timezone=True)
_LOGIN_LENGTH = 63


def _fold(*parts: str) -> str:
    # A frozen copy of storage.models.search_key as it was at this revision.
    text = " ".join(part.strip() for part in parts if part and part.strip())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def upgrade() -> None:
    postgresql = op.get_context().dialect.name == "postgresql"
    _drop_old_guards(postgresql=postgresql)
    _move_private_notes()
    with op.batch_alter_table("interviewers") as batch_op:
        batch_op.add_column(sa.Column("login", sa.String(length=_LOGIN_LENGTH), nullable=True))
        batch_op.create_index(op.f("ix_interviewers_login"), ["login"], unique=True)
    with op.batch_alter_table("audit_log") as batch_op:
        batch_op.add_column(sa.Column("login", sa.String(length=_LOGIN_LENGTH), nullable=True))
    op.create_table(
        "erasing_candidates",
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("candidate_id", name=op.f("pk_erasing_candidates")),
    )
    _search_keys_without_email()
    from interview_kit.storage import roles

    for statement in roles.schema_statements(op.get_context().dialect.name):
        op.execute(statement)


def _drop_old_guards(*, postgresql: bool) -> None:
    children = ("scorecard_ratings", "scorecard_observations", "scorecard_exercise_notes")
    if postgresql:
        op.execute("DROP TRIGGER IF EXISTS trg_scorecards_immutable ON scorecards")
        for table in children:
            op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_immutable ON {table}")
        op.execute(
            "DROP TRIGGER IF EXISTS trg_scorecard_amendments_immutable ON scorecard_amendments"
        )
        op.execute("DROP TRIGGER IF EXISTS trg_audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS ik_scorecard_child_guard()")
        return
    names = ["trg_scorecards_immutable", "trg_scorecard_amendments_immutable"]
    names += [f"trg_{t}_{e}_immutable" for t in children for e in ("insert", "update", "delete")]
    names += ["trg_audit_log_no_update", "trg_audit_log_no_delete"]
    for name in names:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")


def _move_private_notes() -> None:
    op.create_table(
        "private_notes",
        sa.Column("scorecard_id", sa.Integer(), nullable=False),
        sa.Column("interviewer_id", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("updated_at", _TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["scorecard_id"],
            ["scorecards.id"],
            name=op.f("fk_private_notes_scorecard_id_scorecards"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interviewer_id"],
            ["interviewers.id"],
            name=op.f("fk_private_notes_interviewer_id_interviewers"),
        ),
        sa.PrimaryKeyConstraint("scorecard_id", name=op.f("pk_private_notes")),
    )
    op.create_index(op.f("ix_private_notes_interviewer_id"), "private_notes", ["interviewer_id"])
    connection = op.get_bind()
    scorecards = sa.table(
        "scorecards",
        sa.column("id", sa.Integer()),
        sa.column("interviewer_id", sa.Integer()),
        sa.column("private_notes", sa.Text()),
        sa.column("updated_at", _TIMESTAMP),
    )
    amendments = sa.table(
        "scorecard_amendments",
        sa.column("id", sa.Integer()),
        sa.column("scorecard_id", sa.Integer()),
        sa.column("sequence", sa.Integer()),
        sa.column("changes", sa.JSON()),
    )
    notes: dict[int, dict[str, Any]] = {
        row.id: {
            "scorecard_id": row.id,
            "interviewer_id": row.interviewer_id,
            "notes": row.private_notes,
            "updated_at": row.updated_at,
        }
        for row in connection.execute(
            sa.select(
                scorecards.c.id,
                scorecards.c.interviewer_id,
                scorecards.c.private_notes,
                scorecards.c.updated_at,
            )
        )
    }
    rewritten: list[dict[str, Any]] = []
    for row in connection.execute(
        sa.select(amendments.c.id, amendments.c.scorecard_id, amendments.c.changes).order_by(
            amendments.c.scorecard_id, amendments.c.sequence
        )
    ):
        changes = dict(row.changes or {})
        if "private_notes" not in changes:
            continue
        notes[row.scorecard_id]["notes"] = changes.pop("private_notes") or ""
        rewritten.append({"row_id": row.id, "public": changes})
    if rewritten:
        connection.execute(
            amendments.update()
            .where(amendments.c.id == sa.bindparam("row_id"))
            .values(changes=sa.bindparam("public", type_=sa.JSON())),
            rewritten,
        )
    kept = [note for note in notes.values() if note["notes"]]
    if kept:
        private_notes = sa.table(
            "private_notes",
            sa.column("scorecard_id", sa.Integer()),
            sa.column("interviewer_id", sa.Integer()),
            sa.column("notes", sa.Text()),
            sa.column("updated_at", _TIMESTAMP),
        )
        connection.execute(private_notes.insert(), kept)
    # A plain column drop (SQLite 3.35+ and PostgreSQL): no table rebuild, so the
    # scorecards keep their row ids and every reference to them.
    op.execute("ALTER TABLE scorecards DROP COLUMN private_notes")


def _search_keys_without_email() -> None:
    candidates = sa.table(
        "candidates",
        sa.column("id", sa.Integer()),
        sa.column("name", sa.String()),
        sa.column("search_key", sa.String()),
    )
    connection = op.get_bind()
    updates = [
        {"row_id": row.id, "key": _fold(row.name)}
        for row in connection.execute(sa.select(candidates.c.id, candidates.c.name))
    ]
    if updates:
        connection.execute(
            candidates.update()
            .where(candidates.c.id == sa.bindparam("row_id"))
            .values(search_key=sa.bindparam("key")),
            updates,
        )


def downgrade() -> None:
    raise NotImplementedError("private notes and access rules are not taken back")
