"""Storage tests: PostgreSQL fixtures for the tests that also run there."""

from __future__ import annotations

from postgres_support import pg_databases, pg_server, pg_url  # noqa: F401
