"""The evidence views by role on a shared database: the adverse-impact monitor is for
recruiters and the committee; an interviewer's sign-in is refused in words, and the
hiring-quality report leaves the section out for them."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from roles_support import Login, World, build_world, fresh_database
from sqlalchemy import URL

from interview_kit.cli import main
from interview_kit.services import evidence
from interview_kit.services.errors import AccessDeniedError
from interview_kit.services.evidence.tables import quality_report
from interview_kit.storage import Database, open_database

pytestmark = pytest.mark.postgres


@pytest.fixture
def world(pg_server: URL) -> Iterator[World]:
    with fresh_database(pg_server) as url:
        built = build_world(url, pg_server)
        evidence.record_self_identification(built.db, built.candidate_uuid, {"sex": "female"})
        try:
            yield built
        finally:
            built.db.close()


def _url(world: World, login: Login) -> str:
    url = world.db.url.set(username=login.name, password=login.password)
    return url.render_as_string(hide_password=False)


def _as(world: World, login: Login) -> Database:
    return open_database(_url(world, login), actor=login.name)


def test_an_interviewer_is_refused_the_adverse_impact_monitor(world: World) -> None:
    with _as(world, world.ada) as db:
        with pytest.raises(AccessDeniedError, match="recruiters and the committee"):
            evidence.adverse_impact(db)
        # The other views aggregate every panel's ratings: the database refuses them to
        # an interviewer too, in words.
        with pytest.raises(AccessDeniedError):
            quality_report(db)


def test_the_command_refuses_an_interviewer_in_words(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--db", _url(world, world.ada), "insights", "adverse-impact"])
    captured = capsys.readouterr()
    assert code == 6
    assert "recruiters and the committee only" in captured.err


@pytest.mark.parametrize("who", ["rita", "cy"])
def test_recruiter_and_committee_see_the_monitor(world: World, who: str) -> None:
    with _as(world, getattr(world, who)) as db:
        report = evidence.adverse_impact(db)
    sex = next(q for q in report.questions if q.question_id == "sex")
    assert sex.answered == 1


def test_the_owner_sees_everything(world: World) -> None:
    report = evidence.adverse_impact(world.db)
    assert report.questions
    data = quality_report(world.db)
    adverse = next(s for s in data.sections if s.id == "adverse_impact")
    assert adverse.tables


def test_the_committee_reads_self_identification_but_changes_none(world: World) -> None:
    assert world.cy.rows("SELECT count(*) FROM self_identifications") == [(1,)]
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        world.cy.run("UPDATE self_identifications SET category_id = 'male'")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        world.cy.run("DELETE FROM self_identifications")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        world.ada.rows("SELECT count(*) FROM self_identifications")
