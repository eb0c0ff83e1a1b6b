"""Candidates get a search key: lower-case, accent-free name and e-mail for filtering.

Revision ID: 0002_candidate_search_key
Revises: 0001_initial
Create Date: 2026-11-21

Existing rows are filled in here, with the same folding the app uses for new ones.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_candidate_search_key"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fold(*parts: str) -> str:
    # A frozen copy of storage.models.search_key as it was at this revision.
    text = " ".join(part.strip() for part in parts if part and part.strip())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def upgrade() -> None:
    with op.batch_alter_table("candidates") as batch_op:
        batch_op.add_column(
            sa.Column("search_key", sa.String(length=521), nullable=False, server_default="")
        )
    candidates = sa.table(
        "candidates",
        sa.column("id", sa.Integer()),
        sa.column("name", sa.String()),
        sa.column("email", sa.String()),
        sa.column("search_key", sa.String()),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(candidates.c.id, candidates.c.name, candidates.c.email))
    updates = [{"row_id": row.id, "key": _fold(row.name, row.email)} for row in rows]
    if updates:
        connection.execute(
            candidates.update()
            .where(candidates.c.id == sa.bindparam("row_id"))
            .values(search_key=sa.bindparam("key")),
            updates,
        )
    with op.batch_alter_table("candidates") as batch_op:
        batch_op.alter_column("search_key", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("candidates") as batch_op:
        batch_op.drop_column("search_key")
