"""Which candidates a search text matches: one predicate, built for the database in use.

Search matches the text anywhere in the folded name (lower-case, accents removed, see
:func:`~interview_kit.storage.models.search_key`), and in the e-mail for readers who may
see e-mails. Both databases answer it from a trigram index (migration
``0003_candidate_search_index``) rather than by reading every candidate:

- SQLite: the FTS5 table ``candidate_search`` (trigram tokenizer) over ``name_key`` and
  ``email``; a quoted phrase matches as a substring, and a column filter leaves the
  e-mail out.
- PostgreSQL: ``LIKE '%…%'`` on ``name_key`` and ``lower(email)``, which ``pg_trgm``'s GIN
  indexes answer.

Texts shorter than three characters have no trigram to look up: they fall back to the
same substring test as a plain ``LIKE`` (a one- or two-letter text matches so many
candidates that the first page is found after a few rows of the name index anyway).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, false, func, literal_column, or_, select, table, text
from sqlalchemy.orm import Session

from interview_kit.services.common import like_pattern
from interview_kit.storage.models import SEARCH_INDEX_TABLE, CandidateRow, search_key

__all__ = [
    "COMMON_FROM",
    "MIN_INDEXED_LENGTH",
    "compact_after_erasure",
    "count_matches",
    "is_common",
    "search_condition",
    "search_text",
]

MIN_INDEXED_LENGTH = 3
"""A trigram index finds texts of at least this many characters."""

_INDEX = table(SEARCH_INDEX_TABLE)


def search_text(text: str) -> str:
    """The text as the index holds it: folded like ``name_key``, outer spaces dropped."""
    return search_key(text)


def search_condition(
    dialect: str, text: str, *, emails: bool = True, common: bool = False
) -> ColumnElement[bool]:
    """Candidates whose name (and e-mail, with ``emails``) contains ``text``.

    ``dialect`` is the SQLAlchemy dialect name of the database the query runs on. An
    empty text matches everyone (no condition is needed: callers skip it).

    ``common`` (see :func:`is_common`): many candidates match, so a list in an indexed
    order is better read in that order, testing each row against the matches, than
    read from the matches and sorted. On SQLite the test is then written so it cannot
    drive the plan (``id + 0``); elsewhere it changes nothing.
    """
    key = search_text(text)
    if not key:
        return ~false()
    if dialect == "sqlite" and len(key) >= MIN_INDEXED_LENGTH:
        row_id = (CandidateRow.id + 0) if common else CandidateRow.id
        return row_id.in_(_fts_rowids(key, emails=emails))
    pattern = like_pattern(key)
    escape = "\\" if dialect == "sqlite" else None
    name = CandidateRow.name_key.like(pattern, escape=escape)
    if not emails:
        return name
    return or_(name, func.lower(CandidateRow.email).like(pattern, escape=escape))


COMMON_FROM = 500
"""Matches from which a list in index order reads the index rather than the matches."""


def is_common(session: Session, text: str, *, emails: bool = True) -> bool:
    """Whether at least :data:`COMMON_FROM` candidates match (a bounded probe of the
    index: it stops counting there). Only SQLite's plans need to know."""
    key = search_text(text)
    if session.get_bind().dialect.name != "sqlite" or len(key) < MIN_INDEXED_LENGTH:
        return False
    probe = _fts_rowids(key, emails=emails).limit(COMMON_FROM).subquery()
    return (session.scalar(select(func.count()).select_from(probe)) or 0) >= COMMON_FROM


def count_matches(session: Session, text: str, *, emails: bool = True) -> int | None:
    """How many candidates match, counted in the index alone (SQLite), or ``None`` when
    only a count over the candidates can tell."""
    key = search_text(text)
    if session.get_bind().dialect.name != "sqlite" or len(key) < MIN_INDEXED_LENGTH:
        return None
    matches = _fts_rowids(key, emails=emails).subquery()
    return int(session.scalar(select(func.count()).select_from(matches)) or 0)


def _fts_rowids(key: str, *, emails: bool) -> Select[tuple[int]]:
    phrase = '"' + key.replace('"', '""') + '"'
    query = phrase if emails else f"name_key : {phrase}"
    match = text(f"{SEARCH_INDEX_TABLE} MATCH :search_phrase").bindparams(search_phrase=query)
    return select(literal_column("rowid")).select_from(_INDEX).where(match)


def compact_after_erasure(session: Session) -> None:
    """Rewrite SQLite's search index so an erased candidate's name leaves no trace in it.

    Deleting from an FTS5 index only records the deletion; the old terms stay in the
    index's pages until segments merge. ``optimize`` merges them now (erasure is rare,
    and a privacy request means gone). PostgreSQL's indexes hold no more than its
    tables do.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("INSERT INTO candidate_search(candidate_search) VALUES ('optimize')"))
