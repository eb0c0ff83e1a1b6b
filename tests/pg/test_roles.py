"""What each person reads and changes on a shared database, checked with plain SQL under
their own login (psycopg, not our services): the promises hold against anyone with a
database client, not only on screen."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from roles_support import Login, World, build_world, fresh_database
from sqlalchemy import URL

from interview_kit.storage import open_database

pytestmark = pytest.mark.postgres


@pytest.fixture
def world(pg_server: URL) -> Iterator[World]:
    with fresh_database(pg_server) as url:
        built = build_world(url, pg_server)
        try:
            yield built
        finally:
            built.db.close()


def _others(world: World) -> dict[str, str]:
    """What of Bo's submitted scorecard Ada might try to read."""
    card = f"(SELECT id FROM scorecards WHERE uuid = '{world.bo_card}')"
    return {
        "scorecard": f"SELECT vote, summary FROM scorecards WHERE uuid = '{world.bo_card}'",
        "ratings": f"SELECT rating, evidence FROM scorecard_ratings WHERE scorecard_id IN {card}",
        "evidence": "SELECT evidence FROM scorecard_observations WHERE scorecard_id IN " + card,
        "vote": f"SELECT vote FROM scorecards WHERE vote = 'no' AND uuid = '{world.bo_card}'",
        "summary": "SELECT score FROM candidate_summaries",
    }


def test_an_interviewer_reads_nothing_of_another_scorecard_before_submitting(
    world: World,
) -> None:
    for what, sql in _others(world).items():
        assert world.ada.rows(sql) == [], what
    # Every row of every panel table, not only Bo's by id: Ada sees her own alone.
    assert world.ada.rows("SELECT uuid FROM scorecards") == [(world.ada_card,)]
    own = world.ada.rows("SELECT DISTINCT scorecard_id FROM scorecard_ratings")
    assert len(own) == 1
    assert world.ada.rows("SELECT id FROM committee_decisions") == []


def test_an_interviewer_reads_the_panel_once_their_own_is_submitted(world: World) -> None:
    world.submit_ada()
    seen = {what: world.ada.rows(sql) for what, sql in _others(world).items()}
    assert seen["scorecard"] == [("no", "summary no")]
    assert len(seen["ratings"]) == len(world.rubric.stage(world.stage).criteria)
    assert seen["evidence"] == [("signal evidence no",)]
    assert seen["vote"] == [("no",)]
    assert len(seen["summary"]) == 1
    # Bo, submitted from the start, sees Ada's only now.
    assert world.bo.rows(f"SELECT vote FROM scorecards WHERE uuid = '{world.ada_card}'") == [
        ("yes",)
    ]


def test_another_draft_stays_hidden_even_after_submitting(world: World) -> None:
    assert world.bo.rows(f"SELECT id FROM scorecards WHERE uuid = '{world.ada_card}'") == []
    assert (
        world.bo.rows(
            "SELECT r.evidence FROM scorecard_ratings r JOIN scorecards s ON s.id = r.scorecard_id"
            f" WHERE s.uuid = '{world.ada_card}'"
        )
        == []
    )


def test_private_notes_are_their_authors_alone(world: World) -> None:
    world.submit_ada()
    assert world.ada.rows("SELECT notes FROM private_notes") == [("ada private",)]
    assert world.bo.rows("SELECT notes FROM private_notes") == [("bo private",)]
    for person in (world.cy, world.rita):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            person.rows("SELECT notes FROM private_notes")
    # Nor hidden in a submitted record: amendments never carry them.
    assert "private" not in str(world.owner_rows("SELECT changes FROM scorecard_amendments"))


def test_an_interviewer_never_reads_a_candidate_email_or_recruiter_notes(world: World) -> None:
    world.submit_ada()
    for sql in (
        "SELECT email FROM candidates",
        "SELECT notes FROM candidates",
        "SELECT * FROM candidates",
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            world.ada.rows(sql)
    keys = world.ada.rows("SELECT name, search_key FROM candidates")
    assert keys == [("Zoë Ångström", "zoe angstrom")]
    assert all("@" not in str(value) for row in keys for value in row)


def test_an_interviewer_sees_only_the_candidates_they_are_on(world: World) -> None:
    world.owner_rows(
        "INSERT INTO candidates (uuid, name, name_key, email, search_key, source, origin_path,"
        " role_title, status, notes, created_at, updated_at, row_version) VALUES"
        " ('22222222-2222-4222-8222-222222222222', 'Other', 'other', 'o@example.org', 'other',"
        " 'other', 'pm', '', 'new', '', now(), now(), 1) RETURNING id"
    )
    names = world.ada.rows("SELECT name FROM candidates ORDER BY name")
    assert names == [("Zoë Ångström",)]
    assert len(world.cy.rows("SELECT name FROM candidates")) == 2


def test_no_one_changes_or_deletes_what_was_submitted(world: World) -> None:
    world.submit_ada()
    card = f"(SELECT id FROM scorecards WHERE uuid = '{world.ada_card}')"
    # Her own submitted scorecard: the policy offers no row to change, the guard refuses.
    assert world.ada.run(f"UPDATE scorecards SET vote = 'no' WHERE uuid = '{world.ada_card}'") == 0
    assert world.ada.run(f"DELETE FROM scorecards WHERE uuid = '{world.ada_card}'") == 0
    assert world.ada.run(f"DELETE FROM scorecard_ratings WHERE scorecard_id IN {card}") == 0
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        world.ada.run("DELETE FROM audit_log")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        world.rita.run("DELETE FROM scorecards")
    # Not even the owner, whom no policy restricts: the triggers refuse.
    for statement in (
        f"UPDATE scorecards SET vote = 'no' WHERE uuid = '{world.ada_card}'",
        f"DELETE FROM scorecards WHERE uuid = '{world.ada_card}'",
        "DELETE FROM scorecards",
        f"DELETE FROM scorecard_ratings WHERE scorecard_id IN {card}",
        "DELETE FROM audit_log",
    ):
        with pytest.raises(Exception, match=r"immutable|append-only"):
            world.owner_rows(statement)
    assert world.owner_rows(f"SELECT vote FROM scorecards WHERE uuid = '{world.ada_card}'") == [
        ("yes",)
    ]
    assert world.owner_rows(f"SELECT count(*) FROM scorecard_ratings WHERE scorecard_id IN {card}")[
        0
    ][0] == len(world.rubric.stage(world.stage).criteria)


def test_amendments_are_immutable_for_everyone(world: World) -> None:
    world.submit_ada()
    world.ada.run(
        "INSERT INTO scorecard_amendments (uuid, scorecard_id, sequence, amended_by, reason,"
        " changes, created_at) SELECT '33333333-3333-4333-8333-333333333333', id, 1, 'Ada',"
        """ 'typo', '{"summary": "fixed"}', now() FROM scorecards WHERE uuid = %s""",
        (world.ada_card,),
    )
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        world.ada.run("UPDATE scorecard_amendments SET reason = 'other'")
    for statement in (
        "UPDATE scorecard_amendments SET reason = 'x'",
        "DELETE FROM scorecard_amendments",
    ):
        with pytest.raises(Exception, match="immutable"):
            world.owner_rows(statement)


def test_an_interviewer_cannot_write_a_decision_or_touch_another_scorecard(world: World) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        world.ada.run(
            "INSERT INTO committee_decisions (uuid, candidate_id, decision, currency,"
            " equity_unit, justification, decided_by, decided_at) VALUES"
            " ('44444444-4444-4444-8444-444444444444', %s, 'hire', '', '', '', 'Ada', now())",
            (world.candidate_id,),
        )
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        world.ada.run("UPDATE candidates SET status = 'offer'")
    # Bo's scorecard is invisible to her, so there is nothing to update or delete.
    assert world.ada.run(f"UPDATE scorecards SET summary = 'x' WHERE uuid = '{world.bo_card}'") == 0
    # Nor can she start a scorecard in someone else's name.
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        world.ada.run(
            "INSERT INTO scorecards (uuid, candidate_id, stage_id, interviewer_id,"
            " rubric_version_id, status, summary, created_at, updated_at)"
            " SELECT '55555555-5555-4555-8555-555555555555', candidate_id, 'other',"
            " (SELECT id FROM interviewers WHERE uuid = %s), rubric_version_id, 'draft', '',"
            " now(), now() FROM scorecards WHERE uuid = %s",
            (world.bo_uuid, world.ada_card),
        )


def test_the_committee_reads_everything_but_private_notes_and_writes_decisions(
    world: World,
) -> None:
    assert len(world.cy.rows("SELECT id FROM scorecards")) == 2
    assert world.cy.rows("SELECT email, notes FROM candidates") == [
        ("zoe@example.org", "recruiter notes")
    ]
    world.cy.run(
        "INSERT INTO committee_decisions (uuid, candidate_id, decision, level, currency,"
        " equity_unit, justification, decided_by, decided_at) VALUES"
        " ('66666666-6666-4666-8666-666666666666', %s, 'no_hire', NULL, '', '', '', 'Cy', now())",
        (world.candidate_id,),
    )
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        world.cy.rows("SELECT * FROM private_notes")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        world.cy.run("UPDATE candidates SET status = 'offer'")


def test_the_recruiter_erases_only_through_the_audited_function(world: World) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        world.rita.run("DELETE FROM candidates")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        world.cy.rows("SELECT ik_erase_candidate(%s, 'Cy')", (world.candidate_uuid,))
    assert world.rita.rows("SELECT ik_erase_candidate(%s, 'Rita')", (world.candidate_uuid,)) == [
        (True,)
    ]
    assert world.owner_rows("SELECT count(*) FROM scorecards") == [(0,)]
    assert world.owner_rows("SELECT count(*) FROM private_notes") == [(0,)]
    erased = world.owner_rows(
        "SELECT actor, login FROM audit_log WHERE action = 'candidate.erased'"
    )
    assert erased == [("Rita", world.rita.name)]


def test_the_audit_log_records_the_real_login(world: World) -> None:
    world.ada.run(
        "INSERT INTO audit_log (at, actor, action, subject_type, detail, login)"
        " VALUES (now(), 'Somebody Else', 'x.test', 'scorecard', '', 'forged')"
    )
    assert world.owner_rows("SELECT actor, login FROM audit_log WHERE action = 'x.test'") == [
        ("Somebody Else", world.ada.name)
    ]
    # Ada reads her own lines only.
    assert {row[0] for row in world.ada.rows("SELECT login FROM audit_log")} == {world.ada.name}


def test_a_removed_person_cannot_connect(world: World) -> None:
    from interview_kit.services import people

    assert world.bo.rows("SELECT 1") == [(1,)]
    removed = people.remove_person(world.db, world.bo.name)
    assert not removed.can_sign_in
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        world.bo.connect()
    # What Bo wrote stays.
    assert world.owner_rows(f"SELECT status FROM scorecards WHERE uuid = '{world.bo_card}'") == [
        ("submitted",)
    ]


def test_migrating_from_the_previous_schema_keeps_every_row_and_applies_the_policies(
    pg_server: URL,
) -> None:
    from sqlalchemy import text

    from interview_kit.services import people
    from interview_kit.storage.engine import create_app_engine
    from interview_kit.storage.migrate import REVISIONS, upgrade

    with fresh_database(pg_server) as url:
        engine = create_app_engine(url)
        try:
            upgrade(engine, REVISIONS[1])
            with engine.begin() as c:
                c.execute(text(_OLD_ROWS))
                before = {t: c.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in _KEPT}
            upgrade(engine)
            with engine.begin() as c:
                after = {t: c.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in _KEPT}
                notes = c.execute(
                    text("SELECT scorecard_id, interviewer_id, notes FROM private_notes ORDER BY 1")
                ).all()
                changes = (
                    c.execute(text("SELECT changes::text FROM scorecard_amendments ORDER BY id"))
                    .scalars()
                    .all()
                )
                secured = set(
                    c.execute(
                        text("SELECT relname FROM pg_class WHERE relrowsecurity AND relkind = 'r'")
                    ).scalars()
                )
                key = c.execute(text("SELECT search_key FROM candidates")).scalar()
        finally:
            engine.dispose()
        assert after == before
        # Ada's notes as amended; Bo's as written; none left in the amendments.
        assert [tuple(n) for n in notes] == [(1, 1, "amended notes"), (2, 2, "bo notes")]
        assert all("private" not in c for c in changes)
        assert '"summary": "fixed"' in changes[0].replace('":"', '": "')
        assert secured >= {"scorecards", "private_notes", "candidates", "audit_log"}
        assert key == "zoe"

        with open_database(url.render_as_string(hide_password=False)) as db:
            people.provision(db)
            ada = people.add_person(db, "Ada", email="ada@example.org", role="interviewer")
            assert ada.person.interviewer_uuid == "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"
        login = Login(ada.person.login, ada.password, pg_server, str(url.database))
        assert login.rows("SELECT notes FROM private_notes") == [("amended notes",)]
        # Both submitted: she sees the panel, never Bo's notes.
        assert login.rows("SELECT count(*) FROM scorecards") == [(2,)]


_KEPT = (
    "candidates",
    "interviewers",
    "scorecards",
    "scorecard_ratings",
    "scorecard_amendments",
    "assignments",
    "audit_log",
)
_OLD_ROWS = """
INSERT INTO rubrics (id, key, name, active_version, created_at, updated_at, row_version)
VALUES (1, 'r', 'R', 1, now(), now(), 1);
INSERT INTO rubric_versions (id, rubric_id, version, content_hash, content, name, role_title,
    created_at, created_by) VALUES (1, 1, 1, 'h', '', 'R', 'B', now(), '');
INSERT INTO interviewers (id, uuid, name, name_key, email, role_title, created_at, updated_at,
    row_version) VALUES
    (1, 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'Ada', 'ada', 'ada@example.org', '', now(),
     now(), 1),
    (2, 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', 'Bo', 'bo', 'bo@example.org', '', now(), now(), 1);
INSERT INTO candidates (id, uuid, name, name_key, email, search_key, source, origin_path,
    role_title, status, notes, created_at, updated_at, row_version) VALUES
    (1, 'cccccccc-cccc-4ccc-8ccc-cccccccccccc', 'Zoë', 'zoe', 'zoe@example.org',
     'zoe zoe@example.org', 'founder', 'pm', '', 'new', '', now(), now(), 1);
INSERT INTO assignments (candidate_id, stage_id, interviewer_id, created_at)
    VALUES (1, 's1', 1, now()), (1, 's1', 2, now());
INSERT INTO scorecards (id, uuid, candidate_id, stage_id, interviewer_id, rubric_version_id,
    status, vote, summary, private_notes, created_at, updated_at, submitted_at) VALUES
    (1, 'dddddddd-dddd-4ddd-8ddd-dddddddddddd', 1, 's1', 1, 1, 'draft', 'yes', 's',
     'ada notes', now(), now(), NULL),
    (2, 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee', 1, 's1', 2, 1, 'draft', 'no', 's',
     'bo notes', now(), now(), NULL);
INSERT INTO scorecard_ratings (scorecard_id, criterion_id, position, rating, evidence)
    VALUES (1, 'c1', 0, 3, 'e'), (2, 'c1', 0, 2, 'e');
UPDATE scorecards SET status = 'submitted', submitted_at = now();
INSERT INTO scorecard_amendments (uuid, scorecard_id, sequence, amended_by, reason, changes,
    created_at) VALUES
    ('ffffffff-ffff-4fff-8fff-ffffffffffff', 1, 1, 'Ada', 'typo',
     '{"summary": "fixed", "private_notes": "amended notes"}', now());
INSERT INTO audit_log (at, actor, action, subject_type, subject_uuid, detail)
    VALUES (now(), 'old app', 'x', 'y', NULL, '');
"""


def test_migrating_a_provisioned_database_applies_its_access_rules_again(world: World) -> None:
    from interview_kit.storage.migrate import upgrade

    [(policy,)] = world.owner_rows(
        "SELECT policyname FROM pg_policies WHERE tablename = 'candidates'"
        " AND cmd = 'SELECT' AND 'ik_' || :db || '_interviewer' = ANY(roles::text[])",
        db=world.ada.database,
    )
    world.owner_rows(f"DROP POLICY {policy} ON candidates")
    assert world.ada.rows("SELECT name FROM candidates") == []
    upgrade(world.db.engine)
    assert world.ada.rows("SELECT name FROM candidates") == [("Zoë Ångström",)]
