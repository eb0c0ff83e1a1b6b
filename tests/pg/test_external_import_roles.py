"""Imports from the File menu are the recruiter's on a shared database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from roles_support import World, build_world, fresh_database
from sqlalchemy import URL

from interview_kit.gui.interop_dialogs import IMPORT_REFUSAL
from tests.gui import conftest as gui_fixtures
from tests.support.user import User, UserError

make_app = gui_fixtures.make_app
modal_answers = gui_fixtures.modal_answers

pytestmark = pytest.mark.postgres

MENU = ("File", "Import scorecards from Greenhouse or Lever…")


@pytest.fixture
def world(pg_server: URL) -> Iterator[World]:
    with fresh_database(pg_server) as url:
        built = build_world(url, pg_server)
        try:
            yield built
        finally:
            built.db.close()


def _start(make_app, world: World, login, tmp_path: Path):  # type: ignore[no-untyped-def]
    url = world.db.url.set(username=login.name, password=login.password)
    return make_app(
        url.render_as_string(hide_password=False), settings=tmp_path / f"{login.name}.ini"
    )


def test_an_interviewer_cannot_open_the_imports_and_is_told_why(
    make_app, world: World, tmp_path: Path, qtbot
) -> None:
    app = _start(make_app, world, world.ada, tmp_path)
    user = User(qtbot)
    for entry in (MENU, ("File", "Import candidates…")):
        with pytest.raises(UserError, match="disabled"):
            user.menu(app.window, *entry)
    (external,) = [a for a in app.controller.interop.import_actions if "Greenhouse" in a.text()]
    assert external.statusTip() == IMPORT_REFUSAL


def test_a_recruiter_opens_the_scorecard_import(
    make_app, world: World, tmp_path: Path, qtbot
) -> None:
    app = _start(make_app, world, world.rita, tmp_path)
    User(qtbot).menu(app.window, *MENU)
    assert app.controller.interop.external.dialog is not None
