"""A panel on one shared database: every client sees the others' work, nothing is lost,
and a stale edit of a shared record is refused instead of overwriting."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

import pytest

from interview_kit.domain.engine import recommend
from interview_kit.domain.scorecard import CriterionRating, Vote
from interview_kit.domain.scorecard_content import ScorecardChanges
from interview_kit.services import (
    assignments,
    candidates,
    exchange,
    interviewers,
    rubrics,
    scorecard_reads,
    scorecards,
)
from interview_kit.services.errors import StaleEditError
from interview_kit.storage import Database, open_database
from interview_kit.storage.migrate import HEAD_REVISION, current_revision

T = TypeVar("T")


@pytest.fixture
def clients(shared_url: str) -> Iterator[Callable[[str], Database]]:
    """Each call is another install pointed at the same database."""
    opened: list[Database] = []

    def connect(actor: str) -> Database:
        db = open_database(shared_url, actor=actor)
        opened.append(db)
        return db

    yield connect
    for db in opened:
        db.close()


def all_at_once(*actions: Callable[[], T]) -> list[T]:
    """Run the actions in threads released together; re-raise the first failure."""
    barrier = threading.Barrier(len(actions))
    results: list[T | None] = [None] * len(actions)
    errors: list[BaseException] = []

    def run(index: int, action: Callable[[], T]) -> None:
        try:
            barrier.wait()
            results[index] = action()
        except Exception as exc:  # noqa: BLE001 - re-raised by the caller
            errors.append(exc)

    threads = [threading.Thread(target=run, args=item) for item in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    if errors:
        raise errors[0]
    return results  # type: ignore[return-value]


def full_changes(db: Database, stage_id: str, rating: int) -> ScorecardChanges:
    rubric = rubrics.active_rubric(db).rubric
    stage = rubric.stage(stage_id)
    return ScorecardChanges(
        ratings={
            c.id: CriterionRating(c.id, rating, f"Evidence {rating} for {c.title}")
            for c in stage.criteria
        },
        vote=Vote.YES if rating >= 3 else Vote.NO,
        level_evidence="L5",
        summary=f"Rated {rating}",
    )


def test_migrations_serve_the_shared_database(shared_url: str) -> None:
    first = open_database(shared_url, actor="first")
    try:
        with first.engine.connect() as connection:
            assert current_revision(connection) == HEAD_REVISION
        if first.url.password:
            assert ":***@" in first.location
    finally:
        first.close()
    again = open_database(shared_url, actor="again")  # already migrated: opens as is
    again.close()


def test_panel_on_one_database(clients: Callable[[str], Database]) -> None:
    """Recruiter and three interviewers on one database, scoring at the same moment."""
    recruiter = clients("recruiter")
    rubrics.ensure_default_rubric(recruiter)
    rubric = rubrics.active_rubric(recruiter).rubric
    zoe = candidates.add_candidate(recruiter, name="Zoë Lefèvre", source="technical_pm")
    people = []
    for name, stage in zip(("Ingrid", "Tomás", "Mei"), rubric.stages, strict=True):
        person = interviewers.add_interviewer(recruiter, name=name)
        assignments.assign(recruiter, zoe.uuid, stage.id, person.uuid)
        people.append((clients(name), person.uuid, stage.id))

    def score(db: Database, interviewer_uuid: str, stage_id: str) -> str:
        detail = scorecards.start_scorecard(db, zoe.uuid, stage_id, interviewer_uuid)
        scorecards.save_draft(db, detail.uuid, full_changes(db, stage_id, 3))
        return scorecards.submit_scorecard(db, detail.uuid).uuid

    submitted = all_at_once(*(lambda p=p: score(*p) for p in people))
    cards = scorecard_reads.effective_scorecards(recruiter, zoe.uuid)
    assert sorted(card.uuid for card in cards) == sorted(submitted)
    assert recommend(rubric, cards).candidate_score == 3.0
    row = candidates.list_candidates(recruiter).rows[0]
    assert row.submitted_count == 3


def test_many_clients_submitting_at_once_lose_nothing(clients: Callable[[str], Database]) -> None:
    setup = clients("recruiter")
    rubrics.ensure_default_rubric(setup)
    stage = rubrics.active_rubric(setup).rubric.stages[0].id
    people = [interviewers.add_interviewer(setup, name=f"Interviewer {i}").uuid for i in range(4)]
    hopefuls = [candidates.add_candidate(setup, name=f"Candidate {i}").uuid for i in range(3)]
    for candidate_uuid in hopefuls:
        for person in people:
            assignments.assign(setup, candidate_uuid, stage, person)

    def work(person: str) -> int:
        db = clients(person)
        for candidate_uuid in hopefuls:
            detail = scorecards.start_scorecard(db, candidate_uuid, stage, person)
            scorecards.save_draft(db, detail.uuid, full_changes(db, stage, 3))
            scorecards.submit_scorecard(db, detail.uuid)
        return len(hopefuls)

    assert sum(all_at_once(*(lambda p=p: work(p) for p in people))) == 12
    for candidate_uuid in hopefuls:
        assert len(scorecard_reads.effective_scorecards(setup, candidate_uuid)) == 4
    counts = {row.uuid: row.submitted_count for row in candidates.list_candidates(setup).rows}
    assert counts == dict.fromkeys(hopefuls, 4)


def test_stale_candidate_edit_is_refused(clients: Callable[[str], Database]) -> None:
    alice, bob = clients("alice"), clients("bob")
    record = candidates.add_candidate(alice, name="Noor Haddad", role_title="Builder")
    mine = candidates.get_candidate(alice, record.uuid)
    theirs = candidates.get_candidate(bob, record.uuid)
    candidates.update_candidate(bob, replace(theirs, role_title="Staff Builder"))
    with pytest.raises(StaleEditError, match="changed"):
        candidates.update_candidate(alice, replace(mine, role_title="Principal Builder"))
    assert candidates.get_candidate(alice, record.uuid).role_title == "Staff Builder"


def test_simultaneous_candidate_edits_one_wins_one_is_refused(
    clients: Callable[[str], Database],
) -> None:
    alice, bob = clients("alice"), clients("bob")
    record = candidates.add_candidate(alice, name="Priya Raman")

    def edit(db: Database, title: str) -> str:
        try:
            candidates.update_candidate(db, replace(record, role_title=title))
        except StaleEditError:
            return "refused"
        return "saved"

    outcomes = all_at_once(lambda: edit(alice, "A"), lambda: edit(bob, "B"))
    assert sorted(outcomes) == ["refused", "saved"]
    winner = "A" if outcomes[0] == "saved" else "B"
    assert candidates.get_candidate(bob, record.uuid).role_title == winner


def test_stale_rubric_edit_is_refused(clients: Callable[[str], Database]) -> None:
    alice, bob = clients("alice"), clients("bob")
    info = rubrics.ensure_default_rubric(alice)
    loaded = rubrics.active_rubric(bob)
    edited = loaded.text.replace('version_label = "1.0 (default)"', 'version_label = "1.1"')
    rubrics.save_rubric(bob, edited, expected_version=info.active_version)
    stale = loaded.text.replace('version_label = "1.0 (default)"', 'version_label = "1.2"')
    with pytest.raises(StaleEditError, match="changed while you were editing"):
        rubrics.save_rubric(alice, stale, expected_version=info.active_version)
    assert rubrics.active_rubric(alice).rubric.version_label == "1.1"


def test_two_clients_import_the_same_bundle_at_once(
    clients: Callable[[str], Database], tmp_path: Path
) -> None:
    """Both imports succeed; the scorecards are stored once."""
    recruiter = clients("recruiter")
    rubrics.ensure_default_rubric(recruiter)
    stage = rubrics.active_rubric(recruiter).rubric.stages[0].id
    zoe = candidates.add_candidate(recruiter, name="Zoë")
    mei = interviewers.add_interviewer(recruiter, name="Mei")
    assignments.assign(recruiter, zoe.uuid, stage, mei.uuid)
    laptop = open_database(tmp_path / "mei.sqlite3", actor="mei")
    try:
        pack = tmp_path / "mei.ikpack"
        from interview_kit.exchange.sealing import KdfParams

        fast = KdfParams(n=2**12)
        exchange.export_panel_pack(recruiter, mei.uuid, pack, "panel passphrase", kdf=fast)
        exchange.import_file(laptop, pack, "panel passphrase")
        detail = scorecards.start_scorecard(laptop, zoe.uuid, stage, mei.uuid)
        scorecards.save_draft(laptop, detail.uuid, full_changes(laptop, stage, 4))
        scorecards.submit_scorecard(laptop, detail.uuid)
        bundle = tmp_path / "mei.ikbundle"
        exchange.export_scorecard_bundle(laptop, mei.uuid, bundle, "panel passphrase", kdf=fast)
    finally:
        laptop.close()

    opened = exchange.open_exchange_file(bundle, "panel passphrase")
    first, second = clients("first"), clients("second")
    plans = all_at_once(
        lambda: exchange.apply_import(first, opened), lambda: exchange.apply_import(second, opened)
    )
    created = sorted(plan.count("scorecard", exchange.ChangeAction.CREATE) for plan in plans)
    assert created == [0, 1]
    assert len(scorecard_reads.effective_scorecards(recruiter, zoe.uuid)) == 1
