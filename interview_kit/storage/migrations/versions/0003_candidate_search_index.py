"""Candidates get a search index: trigram FTS5 on SQLite, pg_trgm GIN indexes on PostgreSQL;
and indexes on the e-mail and source the list sorts by.

Revision ID: 0003_candidate_search_index
Revises: 0002_candidate_search_key
Create Date: 2026-12-02

A substring filter with ``LIKE '%…%'`` reads every candidate; a trigram index answers
from the few rows that hold the searched text. The index covers the folded name
(``name_key``, what every reader may see) and, as a separate column, the e-mail, so a
search can leave the e-mail out for readers who may not see it.

SQLite: an external-content FTS5 table over ``candidates`` (no second copy of the text),
kept in step by triggers, so every write path (the services, the demo's bulk load, a
hand-written INSERT) updates it. PostgreSQL: GIN trigram indexes on ``name_key`` and
``lower(email)``; ``LIKE`` uses them directly. Existing rows are indexed here.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from alembic import op

revision: str = "0003_candidate_search_index"
down_revision: str | None = "0002_candidate_search_key"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

logger = logging.getLogger(__name__)

_SQLITE = (
    (
        "CREATE VIRTUAL TABLE candidate_search USING fts5(name_key, email,"
        " content='candidates', content_rowid='id', tokenize='trigram')"
    ),
    (
        "CREATE TRIGGER trg_candidates_search_insert AFTER INSERT ON candidates BEGIN"
        " INSERT INTO candidate_search(rowid, name_key, email)"
        " VALUES (new.id, new.name_key, new.email); END"
    ),
    (
        "CREATE TRIGGER trg_candidates_search_delete AFTER DELETE ON candidates BEGIN"
        " INSERT INTO candidate_search(candidate_search, rowid, name_key, email)"
        " VALUES ('delete', old.id, old.name_key, old.email); END"
    ),
    (
        "CREATE TRIGGER trg_candidates_search_update AFTER UPDATE OF name_key, email"
        " ON candidates BEGIN"
        " INSERT INTO candidate_search(candidate_search, rowid, name_key, email)"
        " VALUES ('delete', old.id, old.name_key, old.email);"
        " INSERT INTO candidate_search(rowid, name_key, email)"
        " VALUES (new.id, new.name_key, new.email); END"
    ),
    "INSERT INTO candidate_search(candidate_search) VALUES ('rebuild')",
)


def upgrade() -> None:
    # The list sorts by these too (ties by name): an index lets a page seek its place.
    op.create_index(op.f("ix_candidates_email"), "candidates", ["email"])
    op.create_index(
        op.f("ix_candidates_source_name_key_id"), "candidates", ["source", "name_key", "id"]
    )
    op.create_index(
        op.f("ix_candidates_stage_id_name_key_id"), "candidates", ["stage_id", "name_key", "id"]
    )
    if op.get_context().dialect.name == "postgresql":
        _upgrade_postgresql()
    else:
        _upgrade_sqlite()


def _upgrade_sqlite() -> None:
    for statement in _SQLITE:
        op.execute(statement)


def _upgrade_postgresql() -> None:
    connection = op.get_bind()
    try:
        with connection.begin_nested():
            op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # noqa: BLE001 - any refusal leaves search working, only slower
        logger.warning(
            "pg_trgm is not available to this database user; candidate search works "
            "without an index (ask an administrator to run CREATE EXTENSION pg_trgm)"
        )
        return
    op.execute(
        "CREATE INDEX ix_candidates_name_key_trgm ON candidates USING gin (name_key gin_trgm_ops)"
    )
    op.execute(
        "CREATE INDEX ix_candidates_email_trgm ON candidates USING gin (lower(email) gin_trgm_ops)"
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_candidates_stage_id_name_key_id"), table_name="candidates")
    op.drop_index(op.f("ix_candidates_source_name_key_id"), table_name="candidates")
    op.drop_index(op.f("ix_candidates_email"), table_name="candidates")
    if op.get_context().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_candidates_email_trgm")
        op.execute("DROP INDEX IF EXISTS ix_candidates_name_key_trgm")
        return
    for event in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER IF EXISTS trg_candidates_search_{event}")
    op.execute("DROP TABLE IF EXISTS candidate_search")
