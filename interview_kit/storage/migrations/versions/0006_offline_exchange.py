"""Offline exchange: settled conflicts, and each panel member's signing key and pack
sequence.

Revision ID: 0006_offline_exchange
Revises: 0005_evidence
Create Date: 2026-12-03

Only new tables: every existing row stays as it is. Neither table holds personal data
(uuids, counters and public keys).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_offline_exchange"
down_revision: str | None = "0005_evidence"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "exchange_resolutions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scorecard_uuid", sa.String(length=36), nullable=False),
        sa.Column("incoming_key", sa.String(length=128), nullable=False),
        sa.Column("resolution", sa.String(length=16), nullable=False),
        sa.Column("through_sequence", sa.Integer(), nullable=False),
        sa.Column("resolved_by", sa.String(length=200), nullable=False),
        sa.Column("resolved_at", _TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_resolutions")),
        sa.UniqueConstraint("incoming_key", name=op.f("uq_exchange_resolutions_incoming_key")),
    )
    op.create_index(
        op.f("ix_exchange_resolutions_scorecard_uuid"), "exchange_resolutions", ["scorecard_uuid"]
    )
    op.create_table(
        "exchange_peers",
        sa.Column("person_uuid", sa.String(length=36), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=True),
        sa.Column("key_confirmed_by", sa.String(length=200), nullable=False),
        sa.Column("key_confirmed_at", _TIMESTAMP, nullable=True),
        sa.Column("packs_made", sa.Integer(), nullable=False),
        sa.Column("last_pack_read", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("person_uuid", name=op.f("pk_exchange_peers")),
    )


def downgrade() -> None:
    op.drop_table("exchange_peers")
    op.drop_index(op.f("ix_exchange_resolutions_scorecard_uuid"), "exchange_resolutions")
    op.drop_table("exchange_resolutions")
