"""Alembic environment: always runs on a connection the app hands over.

There is no ``alembic.ini``; :func:`interview_kit.storage.migrate.upgrade` builds the
configuration in code and passes the app's own connection in ``config.attributes``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from interview_kit.storage.models import Base
from interview_kit.storage.tables import modelled

target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("migrations run only through interview_kit.storage.migrate")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=modelled,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported")
run_migrations_online()
