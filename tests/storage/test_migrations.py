"""Migrations: from an empty file, from the previous revision, the backup before, and
the models agreeing with what the migrations build."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from interview_kit.storage import open_database
from interview_kit.storage.engine import create_app_engine
from interview_kit.storage.migrate import HEAD_REVISION, REVISIONS, alembic_config, upgrade
from interview_kit.storage.models import Base
from interview_kit.storage.tables import modelled

TABLES = {
    "alembic_version",
    "assignments",
    "audit_log",
    "candidate_summaries",
    "candidates",
    "committee_decisions",
    "interviewers",
    "rubric_versions",
    "rubrics",
    "scorecard_amendments",
    "scorecard_exercise_notes",
    "scorecard_observations",
    "scorecard_ratings",
    "scorecards",
    "private_notes",
    "erasing_candidates",
}


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as raw:
        return {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _revision(path: Path) -> str:
    with sqlite3.connect(path) as raw:
        return str(raw.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def _backups(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.bak"))


def test_revisions_listed_in_code_match_the_scripts() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    walked = [rev.revision for rev in script.walk_revisions("base", "heads")]
    assert tuple(reversed(walked)) == REVISIONS
    assert script.get_heads() == [HEAD_REVISION]


def test_an_empty_file_is_migrated_to_head_without_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "folder" / "new.sqlite3"
    database = open_database(path)
    database.close()
    assert _tables(path) >= TABLES
    assert _revision(path) == HEAD_REVISION
    assert _backups(path.parent) == []


def test_an_existing_empty_file_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    path.touch()
    open_database(path).close()
    assert _revision(path) == HEAD_REVISION


def test_a_current_database_opens_without_migrating_or_backup(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    open_database(path).close()
    open_database(path).close()
    assert _backups(tmp_path) == []


def _database_at_first_revision(path: Path) -> None:
    engine = create_app_engine(f"sqlite:///{path}")
    try:
        upgrade(engine, REVISIONS[0])
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO candidates (uuid, name, name_key, email, source, origin_path, "
                "role_title, status, notes, created_at, updated_at, row_version) VALUES "
                "('11111111-1111-4111-8111-111111111111', 'Zoë Ångström', 'zoe angstrom', "
                "'Zoe@Example.org', 'founder', 'pm', 'Builder', 'screening', 'keep me', "
                "'2026-01-01 10:00:00', '2026-01-02 10:00:00', 3)"
            )
            connection.exec_driver_sql(
                "INSERT INTO audit_log (at, actor, action, subject_type, subject_uuid, detail) "
                "VALUES ('2026-01-01 10:00:00', 'old app', 'candidate.added', 'candidate', "
                "'11111111-1111-4111-8111-111111111111', '')"
            )
    finally:
        engine.dispose()
    assert _revision(path) == REVISIONS[0]


def test_the_search_key_migration_folds_name_and_email(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _database_at_first_revision(path)
    engine = create_app_engine(f"sqlite:///{path}")
    try:
        upgrade(engine, "0002_candidate_search_key")
    finally:
        engine.dispose()
    with sqlite3.connect(path) as raw:
        key = raw.execute("SELECT search_key FROM candidates").fetchone()[0]
    assert key == "zoe angstrom zoe@example.org"


def test_migrating_from_the_previous_revision_keeps_data_and_backs_up_first(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    _database_at_first_revision(path)

    database = open_database(path)
    database.close()

    assert _revision(path) == HEAD_REVISION
    with sqlite3.connect(path) as raw:
        row = raw.execute(
            "SELECT name, email, notes, status, row_version, search_key FROM candidates"
        ).fetchone()
        audit_rows = raw.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        triggers = {
            r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
        }
    assert row == (
        "Zoë Ångström",
        "Zoe@Example.org",
        "keep me",
        "screening",
        3,
        # Revision 0003 takes the e-mail out: whoever may not read it must not read it
        # here either (the name part is what 0002 made, see the test above).
        "zoe angstrom",
    )
    assert audit_rows == 1
    assert "trg_scorecards_immutable" in triggers
    assert "trg_audit_log_no_delete" in triggers

    [backup] = _backups(tmp_path)
    assert backup.name.startswith(f"old.sqlite3.before-{REVISIONS[0]}-")
    assert _revision(backup) == REVISIONS[0]
    with sqlite3.connect(backup) as raw:
        assert raw.execute("SELECT name FROM candidates").fetchone() == ("Zoë Ångström",)


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    path = tmp_path / "compare.sqlite3"
    open_database(path).close()
    engine = create_app_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    "render_as_batch": True,
                    # The search index is made by its migration, not from a model.
                    "include_name": modelled,
                },
            )
            diff = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_a_database_from_a_newer_app_is_refused_untouched(tmp_path: Path) -> None:
    from interview_kit.storage.errors import DatabaseOpenError

    path = tmp_path / "future.sqlite3"
    open_database(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = path.read_bytes()
    with pytest.raises(DatabaseOpenError, match="newer version of Interview Kit") as caught:
        open_database(path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before
    assert _backups(tmp_path) == []
