"""Fresh SQLite databases for tests, without migrating each one.

Migrating an empty file through every revision takes a tenth of a second or more, and
the suite makes well over a thousand databases. :func:`fresh_sqlite` writes a copy of a
file migrated once per test process instead: the same bytes a first
:func:`~interview_kit.services.database.open_database` leaves, a real SQLite file the
app then opens at the newest schema as it opens any up-to-date database.

:func:`fresh_demo` does the same for a database holding the demo's data (it is the same
for the same size and seed), loaded once per test process.

Tests of creating, migrating or backing up a database use paths of their own.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from interview_kit.services.database import open_database

_template: Path | None = None
_demos: dict[tuple[int | None, str], Path] = {}


def _folder(prefix: str) -> Path:
    """A temporary folder removed when the test process ends."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def _migrated_template() -> Path:
    global _template  # noqa: PLW0603 -- one per test process, made on first use
    if _template is None:
        folder = _folder("ik-template-")
        path = folder / "migrated.sqlite3"
        open_database(path, actor="tests").close()
        # Closing the last connection folds the write-ahead log into the file.
        assert not path.with_name(path.name + "-wal").exists()
        _template = path
    return _template


def fresh_sqlite(target: Path) -> Path:
    """``target`` as a new, empty, migrated database file (it must not exist yet)."""
    if target.exists():
        raise FileExistsError(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_migrated_template(), target)
    return target


def fresh_demo(target: Path, *, candidates: int | None = None, actor: str = "tests") -> Path:
    """``target`` as a new database holding the demo (its default size, or
    ``candidates``), loaded by ``actor``."""
    from interview_kit.services import demo

    key = (candidates, actor)
    if key not in _demos:
        folder = _folder("ik-demo-")
        path = fresh_sqlite(folder / "demo.sqlite3")
        db = open_database(path, actor=actor)
        try:
            if candidates is None:
                demo.load_demo(db)
            else:
                demo.load_demo(db, candidates=candidates)
        finally:
            db.close()
        _demos[key] = path
    if target.exists():
        raise FileExistsError(target)
    shutil.copyfile(_demos[key], target)
    return target
