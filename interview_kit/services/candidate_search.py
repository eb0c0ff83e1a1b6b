"""Which candidates a search text matches: one predicate, built for the database in use.

Search matches the text anywhere in the folded name (lower-case, accents removed, see
:func:`~interview_kit.storage.tables.search_key`), and in the e-mail for readers who may
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

from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ARRAY,
    BindParameter,
    ColumnElement,
    Connection,
    Integer,
    Select,
    TextClause,
    any_,
    bindparam,
    cast,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
)

from interview_kit.services.common import like_pattern
from interview_kit.storage.engine import read_on_driver
from interview_kit.storage.tables import SEARCH_INDEX_TABLE, candidates, search_key

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = [
    "COMMON_FROM",
    "MIN_INDEXED_LENGTH",
    "compact_after_erasure",
    "count_matches",
    "plan_for_search",
    "probe",
    "search_condition",
    "search_parameters",
    "search_text",
]

MIN_INDEXED_LENGTH = 3
"""A trigram index finds texts of at least this many characters."""

_INDEX = table(SEARCH_INDEX_TABLE)


def search_text(text: str) -> str:
    """The text as the index holds it: folded like ``name_key``, outer spaces dropped."""
    return search_key(text)


def search_condition(
    dialect: str,
    text: str,
    *,
    emails: bool = True,
    common: bool = False,
) -> ColumnElement[bool]:
    """Candidates whose name (and e-mail, with ``emails``) contains ``text``.

    ``dialect`` is the SQLAlchemy dialect name of the database the query runs on. An
    empty text matches everyone (no condition is needed: callers skip it).

    Each database needs its plan written out:

    - SQLite lets the search drive the plan: the matches are read and sorted. For a
      ``common`` word (see :func:`probe`) in an order an index gives, reading that
      order and testing each row is faster: the test is then written so that it cannot
      drive the plan (``id + 0``).
    - PostgreSQL guesses ``LIKE '%…%'`` matches far more rows than it does, and would
      read the whole table: the matches are gathered first, by the trigram indexes, into
      an array the rows are picked from (``id = ANY(…)``).

    The values are named parameters (``search_phrase``, ``search_pattern``): a statement
    built once runs for any text given :func:`search_parameters`.
    """
    key = search_text(text)
    if not key:
        return ~false()
    indexed = len(key) >= MIN_INDEXED_LENGTH
    if dialect == "sqlite" and indexed:
        row_id = (candidates.c.id + 0) if common else candidates.c.id
        return row_id.in_(_fts_rowids(key, emails=emails))
    if dialect == "postgresql" and indexed:
        return candidates.c.id == any_(_matching_ids(key, emails=emails))
    return _like(candidates.c, key, emails=emails, dialect=dialect)


def search_parameters(text: str, *, emails: bool = True) -> dict[str, Any]:
    """The values of :func:`search_condition`'s named parameters for ``text``."""
    key = search_text(text)
    return {"search_phrase": _phrase(key, emails=emails), "search_pattern": like_pattern(key)}


def _like(columns: Any, key: str, *, emails: bool, dialect: str) -> ColumnElement[bool]:
    pattern: BindParameter[str] = bindparam("search_pattern", like_pattern(key))
    escape = "\\" if dialect == "sqlite" else None
    name = columns.name_key.like(pattern, escape=escape)
    if not emails:
        return name  # type: ignore[no-any-return]
    return or_(name, func.lower(columns.email).like(pattern, escape=escape))


def _matching_ids(key: str, *, emails: bool) -> ColumnElement[Any]:
    """PostgreSQL: every matching id in one array, found by the trigram indexes (the
    cast makes ``ANY`` read the subquery's one value, the array, not its rows)."""
    matching = candidates.alias("matching")
    found = _like(matching.c, key, emails=emails, dialect="postgresql")
    ids = select(func.array_agg(matching.c.id)).where(found).scalar_subquery()
    return cast(ids, ARRAY(Integer))


COMMON_FROM = 500
"""Matches from which a list in index order reads the index rather than the matches."""


_PROBE_SQL = (
    f"SELECT count(*) FROM (SELECT rowid FROM {SEARCH_INDEX_TABLE}"  # noqa: S608 -- constants
    f" WHERE {SEARCH_INDEX_TABLE} MATCH ? LIMIT {COMMON_FROM})"
)
"""The look :func:`probe` takes: its phrase is the one parameter."""


def probe(connection: Connection, text: str, *, emails: bool = True) -> int | None:
    """How many candidates match, up to :data:`COMMON_FROM` (SQLite's index stops
    counting there), or ``None`` where no index can tell (PostgreSQL, texts too short
    for a trigram). Below :data:`COMMON_FROM` it is the count; zero needs no other query.

    It runs on every keystroke, on the driver directly: the index answers a rare word in
    tens of microseconds, and SQLAlchemy's execution layer would cost several times that.
    """
    key = search_text(text)
    if connection.dialect.name != "sqlite" or len(key) < MIN_INDEXED_LENGTH:
        return None
    found = read_on_driver(connection, _PROBE_SQL, (_phrase(key, emails=emails),))
    return int(found[0][0])


def plan_for_search(connection: Connection, wanted: str) -> None:
    """Before a search on PostgreSQL: have this unit of work find matches through the
    trigram indexes.

    PostgreSQL's planner prices a GIN trigram lookup above reading the whole table
    (100k candidates: 85 ms read against 8 ms through the index), because it guesses
    ``LIKE '%…%'`` keeps hundreds of times more rows than it does. ``SET LOCAL`` ends
    with the unit of work's transaction; other databases need nothing.
    """
    postgresql = connection.dialect.name == "postgresql"
    if postgresql and len(search_text(wanted)) >= MIN_INDEXED_LENGTH:
        connection.execute(text("SET LOCAL enable_seqscan = off"))


def count_matches(connection: Connection, text: str, *, emails: bool = True) -> int | None:
    """How many candidates match, counted in the index alone (SQLite), or ``None`` when
    only a count over the candidates can tell."""
    key = search_text(text)
    if connection.dialect.name != "sqlite" or len(key) < MIN_INDEXED_LENGTH:
        return None
    matches = _fts_rowids(key, emails=emails).subquery()
    return int(connection.scalar(select(func.count()).select_from(matches)) or 0)


def _phrase(key: str, *, emails: bool) -> str:
    """The FTS5 query for ``key``: a quoted phrase (a substring, with trigrams), in the
    name alone unless ``emails``."""
    phrase = '"' + key.replace('"', '""') + '"'
    return phrase if emails else f"name_key : {phrase}"


def _fts_rowids(key: str, *, emails: bool) -> Select[tuple[int]]:
    match: TextClause = text(f"{SEARCH_INDEX_TABLE} MATCH :search_phrase").bindparams(
        search_phrase=_phrase(key, emails=emails)
    )
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
