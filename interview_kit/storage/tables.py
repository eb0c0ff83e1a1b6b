"""The tables the candidate lists read, in SQLAlchemy Core, and what every table shares.

A list page, the start-up's first page and the command line's ``candidate list`` read
these without the ORM: importing :mod:`interview_kit.storage.models` (every table as a
mapped class) costs more than the page's query. The models map the same ``Table``
objects (``__table__``), so each table is written once, here or there, and one
``MetaData`` holds them all (migrations compare against it).
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)

from interview_kit.domain.candidate import CandidateSource, OriginPath, PipelineStatus

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

UUID_LENGTH = 36
NAME_LENGTH = 200
EMAIL_LENGTH = 320
ID_LENGTH = 64
LOGIN_LENGTH = 63
"""PostgreSQL's longest role name."""


SEARCH_INDEX_TABLE = "candidate_search"
"""SQLite's trigram full-text index of candidates (migration ``0003``)."""


def modelled(name: str | None, type_: str, _parents: object = None) -> bool:
    """Whether a schema object has a model here (an Alembic ``include_name`` filter).

    The candidate search index is made by its migration alone, as SQLAlchemy has no
    notion of it: SQLite's FTS5 table with the shadow tables SQLite keeps for it, and
    PostgreSQL's GIN trigram indexes (named ``…_trgm``).
    """
    if name is None:
        return True
    if type_ == "table":
        return name != SEARCH_INDEX_TABLE and not name.startswith(f"{SEARCH_INDEX_TABLE}_")
    if type_ == "index":
        return not name.endswith("_trgm")
    return True


def utc_now() -> datetime:
    return datetime.now(UTC)


def search_key(*parts: str) -> str:
    """Lower-case, accent-free text a substring filter can match with a plain LIKE.

    Both SQLite and PostgreSQL then compare plain lower-case text, so the filter means the
    same on both (SQLite's LIKE folds ASCII only, PostgreSQL's not at all).
    """
    text = " ".join(part.strip() for part in parts if part and part.strip())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, on every backend.

    SQLite keeps no time zone, so values are stored as naive UTC there and the zone is
    put back on the way out.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use aware UTC times")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


SCORECARD_STATUSES = ("draft", "submitted")
OBSERVATION_KINDS = ("signal", "red_flag")


def in_values(column: str, values: tuple[str, ...] | type[StrEnum]) -> str:
    items = tuple(v.value for v in values) if isinstance(values, type) else values
    quoted = ", ".join(f"'{item}'" for item in items)
    return f"{column} IN ({quoted})"


metadata = MetaData(naming_convention=NAMING_CONVENTION)
"""Every table of the app: these and the models' (their ``Base`` shares it)."""

rubrics = Table(
    "rubrics",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(ID_LENGTH), nullable=False, unique=True),
    Column("name", String(NAME_LENGTH), nullable=False),
    Column("active_version", Integer, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False, default=utc_now),
    Column("updated_at", UtcDateTime(), nullable=False, default=utc_now, onupdate=utc_now),
    Column("row_version", Integer, nullable=False),
)
"""A rubric id (a role's scoring sheet) and which of its versions is in use."""

rubric_versions = Table(
    "rubric_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    # leads the unique index
    Column("rubric_id", Integer, ForeignKey("rubrics.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("content", Text, nullable=False),
    Column("name", String(NAME_LENGTH), nullable=False),
    Column("role_title", String(NAME_LENGTH), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False, default=utc_now),
    Column("created_by", String(NAME_LENGTH), nullable=False, default=""),
    UniqueConstraint("rubric_id", "version"),
)
"""One immutable version of a rubric: its full TOML text and content hash."""

candidates = Table(
    "candidates",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uuid", String(UUID_LENGTH), nullable=False, unique=True),
    Column("name", String(NAME_LENGTH), nullable=False),
    Column("name_key", String(NAME_LENGTH), nullable=False, index=True),
    Column("email", String(EMAIL_LENGTH), nullable=False, default="", index=True),
    # The folded name only: whoever may not read the e-mail reads this column too.
    Column("search_key", String(NAME_LENGTH + EMAIL_LENGTH + 1), nullable=False, default=""),
    Column("source", String(32), nullable=False),
    Column("origin_path", String(32), nullable=False),
    Column("role_title", String(NAME_LENGTH), nullable=False, default=""),
    Column("status", String(32), nullable=False, index=True),
    Column("stage_id", String(ID_LENGTH), index=True),
    Column("rubric_version_id", Integer, ForeignKey("rubric_versions.id"), index=True),
    Column("notes", Text, nullable=False, default=""),
    Column("created_at", UtcDateTime(), nullable=False, default=utc_now, index=True),
    Column(
        "updated_at",
        UtcDateTime(),
        nullable=False,
        default=utc_now,
        onupdate=utc_now,
        index=True,
    ),
    Column("row_version", Integer, nullable=False),
    CheckConstraint(in_values("source", CandidateSource), name="source"),
    CheckConstraint(in_values("origin_path", OriginPath), name="origin_path"),
    CheckConstraint(in_values("status", PipelineStatus), name="status"),
    # Sorting by source or stage orders ties by name, then id: these let a page seek
    # its place (the stage's unknown values, last in the list, included); the id
    # is spelled out for PostgreSQL, whose row comparisons match index columns.
    Index(None, "source", "name_key", "id"),
    Index(None, "stage_id", "name_key", "id"),
)

candidate_summaries = Table(
    "candidate_summaries",
    metadata,
    Column(
        "candidate_id",
        Integer,
        ForeignKey("candidates.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("score", Float, index=True),
    Column("recommendation", String(32), index=True),
    Column("level", String(16)),
    Column("coverage", Float),
    Column("submitted_count", Integer, nullable=False, default=0),
    Column("committee_decision", String(32), index=True),
    Column("committee_level", String(16)),
    Column("updated_at", UtcDateTime(), nullable=False, default=utc_now, onupdate=utc_now),
)
"""Cached results per candidate, so list pages never recompute a recommendation."""
