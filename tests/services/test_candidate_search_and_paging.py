"""Candidate search through the trigram index, and keyset paging through every list.

Paging after a cursor must give exactly the rows, in exactly the order, of the whole
list read at once (today's order: sort column with nulls last, then name key, then id),
for every sort, both directions, with ties, with held-back scores masked, and with a
search text; on SQLite and PostgreSQL.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, select, text, update
from svc_support import Panel

from interview_kit.services import assignments, candidate_search, candidates, pipeline
from interview_kit.services.candidate_search import search_condition
from interview_kit.services.candidates import (
    CandidateQuery,
    CandidateSort,
    PipelineStatus,
)
from interview_kit.services.database import Database
from interview_kit.services.errors import InvalidInputError
from interview_kit.storage.models import CandidateRow, CandidateSummaryRow

# ---------------------------------------------------------------------------------------
# Search


def _names(db: Database, text: str, *, emails: bool = True) -> list[str]:
    page = candidates.list_candidates(db, CandidateQuery(text=text, search_emails=emails))
    return [row.name for row in page.rows]


def _index_is_in_step(db: Database) -> None:
    """SQLite checks an external-content FTS5 index against its table row by row."""
    if db.is_sqlite:
        with db.write() as session:
            session.execute(
                text("INSERT INTO candidate_search(candidate_search) VALUES ('integrity-check')")
            )


def test_search_folds_case_and_accents_on_both_sides(db: Database) -> None:
    candidates.add_candidate(db, name="Zoë Ångström", email="zoe@example.org")
    candidates.add_candidate(db, name="Zoe Angstrom", email="other@example.org")
    candidates.add_candidate(db, name="Björn Borg", email="bjorn@tennis.se")
    for wanted in ("Zoe", "zoë", "ZOË ÅNG", "angstr", "ngs"):
        assert _names(db, wanted) == ["Zoë Ångström", "Zoe Angstrom"], wanted  # ties by id
    assert _names(db, "björn") == ["Björn Borg"]
    assert _names(db, "bjorn b") == ["Björn Borg"]
    assert _names(db, "nobody") == []


def test_short_texts_fall_back_to_a_substring_scan(db: Database) -> None:
    candidates.add_candidate(db, name="Zoë Ångström", email="zoe@example.org")
    candidates.add_candidate(db, name="Al Bo", email="al@example.org")
    assert _names(db, "Z") == ["Zoë Ångström"]
    assert _names(db, "Ë", emails=False) == ["Zoë Ångström"]
    assert _names(db, "BO", emails=False) == ["Al Bo"]
    assert _names(db, "xq") == []


def test_e_mails_are_searched_only_for_readers_who_may_see_them(db: Database) -> None:
    candidates.add_candidate(db, name="Grace Hopper", email="Grace@Navy.mil")
    candidates.add_candidate(db, name="Navy Seal", email="seal@example.org")
    assert _names(db, "navy.mil") == ["Grace Hopper"]
    assert _names(db, "NAVY") == ["Grace Hopper", "Navy Seal"]
    assert _names(db, "navy", emails=False) == ["Navy Seal"]
    assert _names(db, "navy.mil", emails=False) == []
    assert _names(db, "gr", emails=False) == ["Grace Hopper"]


def test_quotes_and_wildcards_are_plain_text(db: Database) -> None:
    candidates.add_candidate(db, name='Dwayne "The Rock" Johnson', email="rock@example.org")
    candidates.add_candidate(db, name="Alan 100%_Turing", email="alan@example.org")
    assert _names(db, '"the rock"') == ['Dwayne "The Rock" Johnson']
    assert _names(db, 'e "') == ['Dwayne "The Rock" Johnson']
    assert _names(db, "0%_t") == ["Alan 100%_Turing"]
    assert _names(db, "name_key : zz") == []
    assert _names(db, "x OR y") == []
    assert _names(db, "* NEAR(") == []


def test_the_index_follows_adds_edits_and_erasures(db: Database) -> None:
    added = candidates.add_candidate(db, name="Ada Byron", email="ada@byron.uk")
    _index_is_in_step(db)
    assert _names(db, "byron") == ["Ada Byron"]

    edited = candidates.update_candidate(
        db, dataclasses.replace(added, name="Ada Lovelace", email="countess@example.org")
    )
    _index_is_in_step(db)
    assert _names(db, "byron") == []
    assert _names(db, "lovelace") == ["Ada Lovelace"]
    assert _names(db, "countess") == ["Ada Lovelace"]

    # A change of status alone leaves the index alone, and it stays in step.
    candidates.set_status(db, edited.uuid, PipelineStatus.SCREENING)
    _index_is_in_step(db)
    assert _names(db, "lovelace") == ["Ada Lovelace"]

    candidates.erase_candidate(db, edited.uuid)
    _index_is_in_step(db)
    assert _names(db, "lovelace") == []
    assert _names(db, "countess") == []


def test_rows_written_outside_the_services_are_indexed_too(db: Database) -> None:
    """The demo's bulk load and hand-written SQL go through the same triggers."""
    record = candidates.add_candidate(db, name="Placeholder", email="p@example.org")
    with db.write() as session:
        session.execute(
            update(CandidateRow)
            .where(CandidateRow.uuid == record.uuid)
            .values(name="Émile Zola", name_key="emile zola")
        )
    _index_is_in_step(db)
    assert _names(db, "ZOLA") == ["Émile Zola"]
    assert _names(db, "placeholder") == []


def test_search_counts_once_and_matches_bulk_lookups(db: Database) -> None:
    for number in range(12):
        candidates.add_candidate(db, name=f"Sam Sample {number:02d}", email=f"s{number}@x.org")
    candidates.add_candidate(db, name="Other Person", email="o@x.org")
    first = candidates.list_candidates(db, CandidateQuery(text="sample", limit=5))
    assert first.total == 12
    assert first.more
    second = candidates.list_candidates(
        db, CandidateQuery(text="sample", limit=5, after=first.after, with_total=False)
    )
    assert second.total is None
    assert [row.name for row in second.rows] == [f"Sam Sample {n:02d}" for n in range(5, 10)]
    uuids = candidates.candidate_uuids(db, text="sample")
    assert len(uuids) == 12


def _statements_sent(db: Database, action: Callable[[], object]) -> list[str]:
    """What SQLite ran for ``action`` (its own trace: statements run on the driver
    directly included), transaction control and the index's inner statements (``--``)
    left out."""
    sent: list[str] = []
    traced: list[Any] = []

    def trace(dbapi_connection: Any, *_: object) -> None:
        dbapi_connection.set_trace_callback(sent.append)
        traced.append(dbapi_connection)

    event.listen(db.engine.pool, "checkout", trace)
    try:
        action()
    finally:
        event.remove(db.engine.pool, "checkout", trace)
        for dbapi_connection in traced:
            dbapi_connection.set_trace_callback(None)
    skipped = ("BEGIN", "ROLLBACK", "--")
    return [sql for sql in sent if not sql.upper().startswith(skipped)]


def test_a_search_asks_no_more_than_it_needs(db: Database) -> None:
    """SQLite: a text matching nothing is answered by the index alone (one statement);
    a few matches are a page picked by id and counted by the probe, no count query."""
    for number in range(60):
        candidates.add_candidate(db, name=f"Sam Sample {number:02d}", email=f"s{number}@x.org")
    candidates.add_candidate(db, name="Rare Bird", email="r@x.org")

    def search(text: str, **options: object) -> candidates.CandidatePage:
        return candidates.list_candidates(db, CandidateQuery(text=text, **options))  # type: ignore[arg-type]

    assert search("qxzvw").rows == ()
    assert search("qxzvw").total == 0
    assert [row.name for row in search("bird").rows] == ["Rare Bird"]
    page = search("sample", limit=5)
    assert (page.total, page.more, len(page.rows)) == (60, True, 5)
    # A page after a cursor, and a filter beside the text, list what the whole list does.
    after = search("sample", limit=5, after=page.after, with_total=False)
    assert [row.name for row in after.rows] == [f"Sam Sample {n:02d}" for n in range(5, 10)]
    filtered = search("sample", statuses=[PipelineStatus.NEW], limit=5)
    assert filtered.total == 60
    if db.is_sqlite:
        none = _statements_sent(db, lambda: search("qxzvw"))
        rare = _statements_sent(db, lambda: search("bird"))
        many = _statements_sent(db, lambda: search("sample", limit=5))
        assert len(none) == 1, none
        assert len(rare) == 2
        # The index's probe is the only count: the page follows it, no count query.
        assert not any("count(" in statement.lower() for statement in rare[1:] + many[1:])


def test_the_predicate_is_built_for_each_database() -> None:
    sqlite = str(search_condition("sqlite", "Zoë"))
    assert "candidate_search MATCH" in sqlite
    assert "LIKE" in str(search_condition("sqlite", "zo"))
    postgres = search_condition("postgresql", "Zoë", emails=False)
    assert "name_key LIKE" in str(postgres)
    assert "email" not in str(postgres)


# ---------------------------------------------------------------------------------------
# Keyset paging

_NAMES = [
    "Ana Lima",
    "Ana Lima",
    "ana lima",
    "Zoë Ångström",
    "Zoe Angstrom",
    "Bo",
    "Émile Zola",
    "Emile Zola",
    "Grace Hopper",
    "Alan Turing",
    "Ada Byron",
    "Bob Example",
    "Cy Twombly",
    "Dee Dee",
    "Ed Example",
]


def _populate(panel: Panel) -> None:
    """Candidates with ties in every sort column, unknown values, and held-back rows."""
    db, stages = panel.db, [stage.id for stage in panel.rubric.stages]
    statuses = list(PipelineStatus)
    base = datetime(2026, 1, 1, tzinfo=UTC)
    made = []
    for number in range(45):
        name = _NAMES[number % len(_NAMES)]
        made.append(
            candidates.add_candidate(
                db,
                name=name,
                email=f"{name.split()[0].lower()}{number % 4}@example.org",
                source=["founder", "other", "technical_pm"][number % 3],
                status=statuses[number % 5],
                stage_id=stages[number % len(stages)] if number % 4 else None,
            )
        )
    scores = [None, 2.5, 3.0, 3.0, 1.75, None, 4.0]
    recommendations = [None, "hire", "no_hire", "hire", "strong_hire"]
    with db.write() as session:
        ids = dict(session.execute(select(CandidateRow.uuid, CandidateRow.id)).all())
        for number, record in enumerate(made):
            row_id = ids[record.uuid]
            moment = base + timedelta(hours=number % 6)
            session.execute(
                update(CandidateRow)
                .where(CandidateRow.id == row_id)
                .values(created_at=moment, updated_at=moment + timedelta(minutes=number % 3))
            )
            session.execute(
                update(CandidateSummaryRow)
                .where(CandidateSummaryRow.candidate_id == row_id)
                .values(
                    score=scores[number % len(scores)],
                    recommendation=recommendations[number % len(recommendations)],
                )
            )
    # Ada is on the panel of some candidates, scored and unscored: held back from them.
    for record in made[::4]:
        if record.stage_id is not None:
            assignments.assign(db, record.uuid, record.stage_id, panel.ada.uuid)


def _key(row: candidates.CandidateSummary) -> tuple[object, ...]:
    return dataclasses.astuple(row)


def _pages(
    db: Database, query: CandidateQuery, viewer: str | None, size: int
) -> list[tuple[object, ...]]:
    found: list[tuple[object, ...]] = []
    after = None
    for _ in range(100):
        page = candidates.list_candidates(
            db, dataclasses.replace(query, after=after, limit=size), viewer=viewer
        )
        found.extend(_key(row) for row in page.rows)
        if not page.more:
            assert len(page.rows) <= size
            return found
        assert len(page.rows) == size
        after = page.after
    raise AssertionError("paging did not end")


@pytest.mark.parametrize("sort", list(CandidateSort))
def test_keyset_pages_give_the_whole_list_in_order_for_every_sort(
    panel: Panel, sort: CandidateSort
) -> None:
    _populate(panel)
    db = panel.db
    for viewer in (None, panel.ada.uuid):
        for descending in (False, True):
            for search in ("", "zola", "a"):
                query = CandidateQuery(text=search, sort=sort, descending=descending)
                whole = candidates.list_candidates(
                    db, dataclasses.replace(query, limit=10_000), viewer=viewer
                )
                expected = [_key(row) for row in whole.rows]
                assert whole.total == len(expected)
                assert not whole.more
                where = f"{sort} {'desc' if descending else 'asc'} {search!r} {viewer}"
                for size in (3, 7):
                    assert _pages(db, query, viewer, size) == expected, where
                by_offset = [
                    _key(row)
                    for offset in range(0, len(expected), 6)
                    for row in candidates.list_candidates(
                        db, dataclasses.replace(query, offset=offset, limit=6), viewer=viewer
                    ).rows
                ]
                assert by_offset == expected, where


def test_the_whole_list_is_todays_order(panel: Panel) -> None:
    """Sort value with unknowns last, then name key, then id, in the sort's direction."""
    _populate(panel)
    db = panel.db
    with db.read() as session:
        rows = session.execute(
            select(
                CandidateRow.uuid,
                CandidateRow.name_key,
                CandidateRow.id,
                CandidateSummaryRow.score,
            ).outerjoin(CandidateSummaryRow, CandidateSummaryRow.candidate_id == CandidateRow.id)
        ).all()
    for descending in (False, True):
        known = sorted(
            (r for r in rows if r.score is not None),
            key=lambda r: (r.score, r.name_key, r.id),
            reverse=descending,
        )
        unknown = sorted(
            (r for r in rows if r.score is None),
            key=lambda r: (r.name_key, r.id),
            reverse=descending,
        )
        expected = [r.uuid for r in known + unknown]
        query = CandidateQuery(sort=CandidateSort.SCORE, descending=descending)
        assert [row[0] for row in _pages(db, query, None, 5)] == expected


def test_a_cursor_survives_rows_added_before_it(panel: Panel) -> None:
    _populate(panel)
    db = panel.db
    first = candidates.list_candidates(db, CandidateQuery(limit=10))
    candidates.add_candidate(db, name="Aaron Aardvark")  # sorts before the cursor
    second = candidates.list_candidates(db, CandidateQuery(limit=10, after=first.after))
    seen = {row.uuid for row in first.rows}
    assert not seen & {row.uuid for row in second.rows}
    whole = candidates.list_candidates(db, CandidateQuery(limit=10_000)).rows
    names = [row.uuid for row in whole]
    assert names.index(second.rows[0].uuid) == names.index(first.rows[-1].uuid) + 1


def test_the_pipeline_pages_by_cursor(panel: Panel) -> None:
    _populate(panel)
    db = panel.db
    query = CandidateQuery(sort=CandidateSort.SCORE, descending=True, limit=8)
    whole = pipeline.pipeline_page(db, dataclasses.replace(query, limit=1000), viewer=None)
    paged: list[str] = []
    page = pipeline.pipeline_page(db, query)
    paged.extend(row.candidate.uuid for row in page.rows)
    while page.more:
        page = pipeline.pipeline_page(db, dataclasses.replace(query, after=page.after))
        paged.extend(row.candidate.uuid for row in page.rows)
    assert paged == [row.candidate.uuid for row in whole.rows]


def test_has_candidates(db: Database) -> None:
    assert not candidates.has_candidates(db)
    candidates.add_candidate(db, name="Only One")
    assert candidates.has_candidates(db)


@pytest.mark.parametrize("sort", [CandidateSort.NAME, CandidateSort.CREATED, CandidateSort.SCORE])
def test_a_common_word_lists_the_same_whichever_way_it_is_read(
    panel: Panel, sort: CandidateSort, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many matches read the list in index order and test each row; few read the matches.
    Both give the same pages and counts (the count from the index alone, or over rows)."""
    _populate(panel)
    db = panel.db

    def listing(query: CandidateQuery) -> tuple[int | None, list[tuple[object, ...]]]:
        first = candidates.list_candidates(db, dataclasses.replace(query, limit=4))
        return first.total, _pages(db, query, None, 4)

    queries = [
        CandidateQuery(text="zol", sort=sort),
        CandidateQuery(text="example", sort=sort, descending=True),
        CandidateQuery(text="lim", sort=sort, statuses=[PipelineStatus.NEW]),
        CandidateQuery(text="lim", sort=sort, search_emails=False),
    ]
    rare = [listing(query) for query in queries]
    monkeypatch.setattr(candidate_search, "COMMON_FROM", 2)
    common = [listing(query) for query in queries]
    assert common == rare
    assert all(total and total > 2 for total, _ in rare)
    for query, (total, rows) in zip(queries, rare, strict=True):
        assert total == len(rows), query


def test_a_cursor_travels_as_text(panel: Panel) -> None:
    """The command line prints where a page ended and is given it back."""
    _populate(panel)
    db = panel.db
    for sort in (CandidateSort.CREATED, CandidateSort.SCORE, CandidateSort.STATUS):
        query = CandidateQuery(sort=sort, descending=True, limit=8)
        expected = _pages(db, query, None, 8)
        found: list[tuple[object, ...]] = []
        page = candidates.list_candidates(db, query)
        found.extend(_key(row) for row in page.rows)
        while page.more:
            assert page.after is not None
            token = candidates.cursor_token(page.after)
            assert token.isascii()
            assert " " not in token
            after = candidates.cursor_from_token(token, sort)
            assert after == page.after
            page = candidates.list_candidates(db, dataclasses.replace(query, after=after))
            found.extend(_key(row) for row in page.rows)
        assert found == expected, sort
    for bad in ("", "nonsense", "W10"):
        with pytest.raises(InvalidInputError):
            candidates.cursor_from_token(bad, CandidateSort.NAME)
