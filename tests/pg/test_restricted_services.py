"""The services on a person's own login: identity is the sign-in, the interviewer's own
work goes through, and a refused action says why in words (a service error, never a
raw database error)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from roles_support import Login, World, build_world, complete, fresh_database
from sqlalchemy import URL

from interview_kit.services import candidates, decisions, people, scorecard_reads, scorecards
from interview_kit.services.errors import AccessDeniedError, ServiceError
from interview_kit.storage import Database, open_database
from interview_kit.storage.errors import DatabaseOpenError
from interview_kit.storage.roles import Access

pytestmark = pytest.mark.postgres


@pytest.fixture
def world(pg_server: URL) -> Iterator[World]:
    with fresh_database(pg_server) as url:
        built = build_world(url, pg_server)
        try:
            yield built
        finally:
            built.db.close()


def _as(world: World, login: Login) -> Database:
    url = world.db.url.set(username=login.name, password=login.password)
    return open_database(url.render_as_string(hide_password=False), actor=login.name)


def test_the_signed_in_interviewer_is_the_login(world: World) -> None:
    with _as(world, world.ada) as db:
        assert db.access is Access.INTERVIEWER
        me = people.signed_in_interviewer(db)
        assert me is not None
        assert me.uuid == world.ada_uuid
    assert world.db.access is Access.FULL
    assert people.signed_in_interviewer(world.db) is None


def test_an_interviewer_scores_on_their_own_login(world: World) -> None:
    with _as(world, world.ada) as db:
        again = scorecards.start_scorecard(db, world.candidate_uuid, world.stage, world.ada_uuid)
        assert again.uuid == world.ada_card
        assert again.private_notes == "ada private"
        scorecards.save_draft(db, world.ada_card, complete(world.rubric, world.stage, "yes", "p2"))
        assert scorecard_reads.visible_scorecards(
            db, world.candidate_uuid, world.stage, world.ada_uuid
        ) == [scorecard_reads.get_scorecard(db, world.ada_card).scorecard]
        scorecards.submit_scorecard(db, world.ada_card)
        seen = scorecard_reads.visible_scorecards(
            db, world.candidate_uuid, world.stage, world.ada_uuid
        )
        assert {card.uuid for card in seen} == {world.ada_card, world.bo_card}
        # Bo's private notes never come along, even through the author's own read.
        assert scorecard_reads.get_scorecard(db, world.bo_card).private_notes == ""


def test_a_refused_action_says_why_in_words(world: World) -> None:
    with _as(world, world.ada) as db:
        with pytest.raises(AccessDeniedError, match="may not do this") as refused:
            decisions.record_decision(db, world.candidate_uuid, decision="no_hire")
        assert isinstance(refused.value, ServiceError)
        with pytest.raises(ServiceError):
            scorecards.submit_scorecard(db, world.bo_card)
    with _as(world, world.cy) as db:
        assert db.access is Access.COMMITTEE
        with pytest.raises(AccessDeniedError):
            people.add_person(db, "Eve", role="committee")
        # The committee reads scorecards without anyone's private notes.
        assert scorecard_reads.get_scorecard(db, world.bo_card).private_notes == ""


def test_a_removed_person_cannot_open_the_database(world: World) -> None:
    people.remove_person(world.db, world.bo.name)
    with pytest.raises(DatabaseOpenError, match="not permitted to log in"):
        _as(world, world.bo)


def test_provisioning_again_changes_nothing_and_people_are_listed(world: World) -> None:
    before = people.people(world.db)
    people.provision(world.db)
    assert people.people(world.db) == before
    assert {(p.name, p.role.value if p.role else None) for p in before} == {
        ("Ada Lovelace", "interviewer"),
        ("Bo Diddley", "interviewer"),
        ("Cy Twombly", "committee"),
        ("Rita Recruiter", "recruiter"),
    }
    odd = people.add_person(world.db, "Eve: 100% O'Hara; DROP ROLE x", role="committee")
    assert odd.person.name == "Eve: 100% O'Hara; DROP ROLE x"
    assert odd.person in people.people(world.db)
    moved = people.set_role(world.db, world.cy.name, "recruiter")
    assert moved.role is people.Group.RECRUITER
    with _as(world, world.cy) as db:
        assert db.access is Access.RECRUITER


def test_a_person_coming_back_keeps_their_scorecards(world: World) -> None:
    people.remove_person(world.db, world.bo.name)
    back = people.add_person(world.db, "Bo Diddley", email="bo@example.org", role="interviewer")
    assert back.person.login != world.bo.name
    assert back.person.interviewer_uuid == world.bo_uuid
    with open_database(back.url) as db:
        me = people.signed_in_interviewer(db)
        assert me is not None
        assert me.uuid == world.bo_uuid
        assert scorecard_reads.get_scorecard(db, world.bo_card).private_notes == "bo private"


def test_a_held_back_interviewer_is_told_why_on_their_own_login(world: World) -> None:
    from interview_kit.services import independence
    from interview_kit.services.errors import ScoresHiddenError

    with _as(world, world.ada) as db:
        with pytest.raises(ScoresHiddenError, match="Submit your own"):
            independence.check_may_review(db, world.candidate_uuid, world.ada_uuid)
        page = candidates.list_candidates(db, viewer=world.ada_uuid)
        assert [(row.name, row.email, row.scores_hidden) for row in page.rows] == [
            ("Zoë Ångström", "", True)
        ]
        record = candidates.get_candidate(db, world.candidate_uuid)
        assert (record.name, record.email, record.notes) == ("Zoë Ångström", "", "")
