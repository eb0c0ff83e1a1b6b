"""Who reads the evidence tables on a shared database, checked with plain SQL under each
person's own login: a candidate's voluntary self-identification is the recruiter's alone
(read in aggregate for adverse impact), outcomes and the frozen recommendation with its
overrides are the staff's, and an interviewer reads only their own debrief re-scores."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from roles_support import World, build_world, fresh_database
from sqlalchemy import URL

pytestmark = pytest.mark.postgres


@pytest.fixture
def world(pg_server: URL) -> Iterator[World]:
    with fresh_database(pg_server) as url:
        built = build_world(url, pg_server)
        try:
            _fill_evidence(built)
            yield built
        finally:
            built.db.close()


def _fill_evidence(world: World) -> None:
    candidate = world.candidate_id
    criteria = [c.id for c in world.rubric.stage(world.stage).criteria]
    world.submit_ada()  # both submitted: the candidate is cleared for Ada and Bo
    world.owner_rows(
        "INSERT INTO hire_outcomes (uuid, candidate_id, checkpoint, performance, still_employed,"
        " recorded_by, recorded_at) VALUES ('outcome-1', :c, '90_days', 3, true, 'Owner', now())",
        c=candidate,
    )
    world.owner_rows(
        "INSERT INTO self_identifications (candidate_id, question_id, category_id, recorded_at)"
        " VALUES (:c, 'gender', 'woman', now())",
        c=candidate,
    )
    world.owner_rows(
        "INSERT INTO frozen_recommendations (candidate_id, decision, currency, trace, result,"
        " frozen_at, frozen_by) VALUES (:c, 'hire', '', '[]', '{}', now(), 'Owner')",
        c=candidate,
    )
    world.owner_rows(
        "INSERT INTO committee_decisions (uuid, candidate_id, decision, currency, equity_unit,"
        " justification, decided_by, decided_at)"
        " VALUES ('decision-1', :c, 'no_hire', '', '', 'why', 'Owner', now())",
        c=candidate,
    )
    world.owner_rows(
        "INSERT INTO decision_overrides (decision_id, frozen_id, departures, reason)"
        " SELECT d.id, f.id, 'decision', 'the debrief changed our minds'"
        " FROM committee_decisions d, frozen_recommendations f",
    )
    for who in (world.ada_uuid, world.bo_uuid):
        world.owner_rows(
            "INSERT INTO debrief_rescores (candidate_id, interviewer_id, stage_id, criterion_id,"
            " rating, note, recorded_at)"
            " SELECT :c, id, :s, :k, 2, 'after the debrief', now() FROM interviewers"
            " WHERE uuid = :u",
            c=candidate,
            s=world.stage,
            k=criteria[0],
            u=who,
        )


def _refused_or_empty(login, sql: str) -> bool:  # type: ignore[no-untyped-def]
    """Reading ``sql`` yields nothing: refused by a privilege, or no row passes a policy."""
    try:
        return login.rows(sql) == []
    except psycopg.errors.InsufficientPrivilege:
        return True


def test_self_identification_is_written_by_recruiters_and_read_by_the_staff_alone(
    world: World,
) -> None:
    """The recruiter records it; the committee reads it for the adverse-impact monitor and
    changes none; interviewers never read it, not even as a count."""
    sql = "SELECT category_id FROM self_identifications"
    assert world.rita.rows(sql) == [("woman",)]
    assert world.cy.rows(sql) == [("woman",)]
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        world.cy.run("UPDATE self_identifications SET category_id = 'man'")
    for login in (world.ada, world.bo):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            login.rows(sql)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            login.rows("SELECT count(*) FROM self_identifications")


def test_outcomes_and_the_frozen_recommendation_are_the_staffs(world: World) -> None:
    for login in (world.rita, world.cy):
        assert login.rows("SELECT checkpoint, performance FROM hire_outcomes") == [("90_days", 3)]
        assert login.rows("SELECT decision FROM frozen_recommendations") == [("hire",)]
        assert login.rows("SELECT departures FROM decision_overrides") == [("decision",)]
    for login in (world.ada, world.bo):
        for table in ("hire_outcomes", "frozen_recommendations", "decision_overrides"):
            assert _refused_or_empty(login, f"SELECT * FROM {table}"), table


def test_an_interviewer_reads_only_their_own_debrief_rescores(world: World) -> None:
    mine = "SELECT i.uuid FROM debrief_rescores r JOIN interviewers i ON i.id = r.interviewer_id"
    assert world.ada.rows(mine) == [(world.ada_uuid,)]
    assert world.bo.rows(mine) == [(world.bo_uuid,)]
    for login in (world.rita, world.cy):
        assert len(login.rows("SELECT id FROM debrief_rescores")) == 2


def test_interviewers_write_no_evidence_but_their_own_rescores(world: World) -> None:
    candidate = world.candidate_id
    writes = {
        "outcome": "INSERT INTO hire_outcomes (uuid, candidate_id, checkpoint, still_employed,"
        f" recorded_by, recorded_at) VALUES ('o2', {candidate}, 'one_year', true, 'x', now())",
        "self-id": "INSERT INTO self_identifications (candidate_id, question_id, category_id,"
        f" recorded_at) VALUES ({candidate}, 'age', 'x', now())",
        "override": "DELETE FROM decision_overrides",
        "another's rescore": "UPDATE debrief_rescores SET rating = 4"
        " WHERE interviewer_id <> (SELECT id FROM interviewers WHERE uuid = %s)",
    }
    for what, sql in writes.items():
        params = (world.ada_uuid,) if "%s" in sql else None
        try:
            touched = world.ada.run(sql, params)
        except psycopg.errors.InsufficientPrivilege:
            continue
        assert touched == 0, what
    # Committee may not write an outcome nor read the self-identification it would need.
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        world.cy.run(writes["outcome"])
    assert world.owner_rows("SELECT rating FROM debrief_rescores ORDER BY id") == [(2,), (2,)]
    assert world.owner_rows("SELECT count(*) FROM hire_outcomes") == [(1,)]
    # Their own re-score they may change.
    own = (
        "UPDATE debrief_rescores SET rating = 3"
        " WHERE interviewer_id = (SELECT id FROM interviewers WHERE uuid = %s)"
    )
    assert world.ada.run(own, (world.ada_uuid,)) == 1


def test_the_committee_locks_a_candidate_to_decide_but_changes_nothing_of_them(
    world: World,
) -> None:
    with world.cy.connect() as connection, connection.transaction():
        locked = connection.execute(
            "SELECT id FROM candidates WHERE id = %s FOR UPDATE", (world.candidate_id,)
        ).fetchall()
        assert locked == [(world.candidate_id,)]
    for change in ("updated_at = now()", "name = 'changed'", "email = 'x@example.org'"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            world.cy.run(f"UPDATE candidates SET {change} WHERE id = {world.candidate_id}")
