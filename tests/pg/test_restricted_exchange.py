"""Panel packs and scorecard bundles on a shared database's restricted logins.

The recruiter exports a pack for an interviewer who works offline (no login of their
own) and imports the bundle they send back; the interviewer's laptop is a SQLite file of
their own (its sign-in is the operating-system account). An interviewer with a login
scores on the shared database itself and needs no files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from roles_support import Login, World, build_world, complete, fresh_database
from sqlalchemy import URL

from interview_kit.exchange.sealing import FileKind, KdfParams
from interview_kit.services import assignments, exchange, interviewers, scorecard_reads, scorecards
from interview_kit.services.errors import AccessDeniedError, ServiceError
from interview_kit.storage import Database, open_database

pytestmark = pytest.mark.postgres

FAST_KDF = KdfParams(n=2**12)
PASSPHRASE = "correct horse battery staple"


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


def _offline_bundle(world: World, tmp_path: Path) -> tuple[Path, str]:
    """Ola works offline: the recruiter sends her a pack (on the recruiter's login), she
    scores on her laptop and sends a bundle back. The bundle and her scorecard's uuid."""
    ola = interviewers.add_interviewer(world.db, name="Ola Offline", email="ola@example.org")
    assignments.assign(world.db, world.candidate_uuid, world.stage, ola.uuid)
    pack = tmp_path / "ola.ikpack"
    with _as(world, world.rita) as rita:
        exported = exchange.export_panel_pack(rita, ola.uuid, pack, PASSPHRASE, kdf=FAST_KDF)
        assert exported.candidates == 1
    with open_database(tmp_path / "laptop.sqlite3") as laptop:
        exchange.import_file(laptop, pack, PASSPHRASE, expected=FileKind.PANEL_PACK)
        card = scorecards.start_scorecard(laptop, world.candidate_uuid, world.stage, ola.uuid)
        scorecards.save_draft(laptop, card.uuid, complete(world.rubric, world.stage, "yes", "p"))
        scorecards.submit_scorecard(laptop, card.uuid)
        bundle = tmp_path / "ola.ikbundle"
        exchange.export_scorecard_bundle(laptop, ola.uuid, bundle, PASSPHRASE, kdf=FAST_KDF)
    return bundle, card.uuid


def test_the_recruiter_sends_a_pack_and_imports_the_bundle_that_comes_back(
    world: World, tmp_path: Path
) -> None:
    bundle, card = _offline_bundle(world, tmp_path)
    with _as(world, world.rita) as rita:
        plan = exchange.import_file(rita, bundle, PASSPHRASE, expected=FileKind.SCORECARD_BUNDLE)
        assert plan.count("scorecard", exchange.ChangeAction.CREATE) == 1
    stored = scorecard_reads.get_scorecard(world.db, card)
    assert stored.scorecard.is_submitted
    assert stored.private_notes == ""  # never travels


def test_the_committee_and_interviewers_import_no_bundle_into_the_shared_database(
    world: World, tmp_path: Path
) -> None:
    bundle, card = _offline_bundle(world, tmp_path)
    for login in (world.cy, world.ada):
        with _as(world, login) as db, pytest.raises(AccessDeniedError, match="may not do this"):
            exchange.import_file(db, bundle, PASSPHRASE, expected=FileKind.SCORECARD_BUNDLE)
    with pytest.raises(ServiceError):
        scorecard_reads.get_scorecard(world.db, card)


def test_a_recruiter_writes_no_scorecard_of_someone_who_signs_in(world: World) -> None:
    """The bundle path does not let a recruiter put words in a signed-in interviewer's
    mouth: their drafts and scorecards are theirs alone."""
    ada_card = f"(SELECT id FROM scorecards WHERE uuid = '{world.ada_card}')"
    assert world.rita.run(f"UPDATE scorecards SET summary = 'forged' WHERE id = {ada_card}") == 0
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        world.rita.run(f"DELETE FROM scorecard_ratings WHERE scorecard_id = {ada_card}")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        world.rita.run(
            "INSERT INTO scorecards (uuid, candidate_id, stage_id, interviewer_id, status,"
            " created_at, updated_at) SELECT 'forged', %s, %s, id, 'draft', now(), now()"
            " FROM interviewers WHERE uuid = %s",
            (world.candidate_id, world.stage, world.ada_uuid),
        )
    assert world.owner_rows("SELECT summary FROM scorecards WHERE uuid = :u", u=world.ada_card) == [
        ("summary yes",)
    ]
