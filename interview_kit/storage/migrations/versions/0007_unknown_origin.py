"""A candidate's source and origin path may be "unknown" (imported lists often do not say).

Revision ID: 0007_unknown_origin
Revises: 0006_offline_exchange
Create Date: 2026-12-03

Only the two CHECK constraints of ``candidates`` widen; every stored row stays valid.
PostgreSQL drops and adds them. SQLite cannot alter a constraint, and rebuilding the
table would take its search triggers with it and, with foreign keys on, cascade into
every scorecard; a wider (or, after the rows are moved, narrower) list of allowed values
changes nothing stored on disk, so the table's recorded definition is edited in place,
as SQLite documents for such changes (``writable_schema``, then a new schema version).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from alembic import op

revision: str = "0007_unknown_origin"
down_revision: str | None = "0006_offline_exchange"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SOURCES = ("founder", "senior_engineer", "technical_pm", "other")
_ORIGINS = ("pm", "engineer")


def _in(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def upgrade() -> None:
    _replace_checks((*_SOURCES, "unknown"), (*_ORIGINS, "unknown"))


def downgrade() -> None:
    op.execute("UPDATE candidates SET source = 'other' WHERE source = 'unknown'")
    op.execute("UPDATE candidates SET origin_path = 'engineer' WHERE origin_path = 'unknown'")
    _replace_checks(_SOURCES, _ORIGINS)


def _replace_checks(sources: Sequence[str], origins: Sequence[str]) -> None:
    checks = {"source": _in("source", sources), "origin_path": _in("origin_path", origins)}
    if op.get_context().dialect.name != "sqlite":
        for column, condition in checks.items():
            op.drop_constraint(op.f(f"ck_candidates_{column}"), "candidates", type_="check")
            op.create_check_constraint(op.f(f"ck_candidates_{column}"), "candidates", condition)
        return
    connection = op.get_bind()
    sql = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'candidates'"
    ).scalar_one()
    for column, condition in checks.items():
        pattern = rf"CONSTRAINT ck_candidates_{column} CHECK \({column} IN \([^)]*\)\)"
        sql, found = re.subn(pattern, f"CONSTRAINT ck_candidates_{column} CHECK ({condition})", sql)
        if found != 1:
            raise RuntimeError(f"the candidates table has no check on {column} to widen")
    schema_version = connection.exec_driver_sql("PRAGMA schema_version").scalar_one()
    connection.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        connection.exec_driver_sql(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'candidates'",
            (sql,),
        )
        connection.exec_driver_sql(f"PRAGMA schema_version = {int(schema_version) + 1}")
    finally:
        connection.exec_driver_sql("PRAGMA writable_schema = OFF")
    problems = connection.exec_driver_sql("PRAGMA integrity_check").scalars().all()
    if problems != ["ok"]:
        raise RuntimeError(f"the candidates table is not sound after the change: {problems}")
