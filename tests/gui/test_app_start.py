"""Starting the app: an empty database, demo data, who is scoring, a bad database file."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from interview_kit.gui.settings import AppSettings
from interview_kit.services import interviewers

REPO = Path(__file__).resolve().parents[2]


def test_empty_database_shows_the_welcome_and_loads_the_demo(make_app, qtbot) -> None:
    app = make_app()
    home = app.window.page("home")
    assert home.is_welcome()
    assert home.ui.loadDemoButton.isVisible()
    assert app.controller.identity_dialog is None, "no question before there is a panel"

    qtbot.mouseClick(home.ui.loadDemoButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not home.is_welcome(), timeout=30_000)
    assert home.candidates.total >= 12
    # Now there is a panel to choose from: who is scoring?
    qtbot.waitUntil(lambda: app.controller.identity_dialog is not None)
    dialog = app.controller.identity_dialog
    names = [dialog.ui.existing.itemText(i) for i in range(dialog.ui.existing.count())]
    assert any("Mei Tanaka" in name for name in names)
    dialog.ui.existing.setCurrentIndex(next(i for i, n in enumerate(names) if "Mei Tanaka" in n))
    dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert app.controller.context.interviewer.name == "Mei Tanaka"
    assert home.interviews.rowCount() > 0
    assert "Mei Tanaka" in app.window.identity_label.text()


def test_file_menu_loads_the_demo_too(make_app, qtbot) -> None:
    app = make_app()
    app.window.ui.actionLoadDemo.trigger()
    qtbot.waitUntil(lambda: not app.window.page("home").is_welcome(), timeout=30_000)


def test_first_start_asks_who_is_scoring_and_remembers_it(
    make_app, demo_db, qtbot, tmp_path, user
) -> None:
    settings = tmp_path / "me.ini"
    app = make_app(demo_db, settings=settings)
    qtbot.waitUntil(lambda: app.controller.identity_dialog is not None)
    dialog = app.controller.identity_dialog
    dialog.ui.existing.setCurrentIndex(0)  # someone new
    ok = dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)

    user.click(ok)
    assert dialog.isVisible(), "a nameless interviewer is refused"
    assert "name" in dialog.ui.problem.text()

    user.focus(dialog.ui.name)
    user.type("Ada Lovelace")
    user.focus(dialog.ui.email)
    user.type("not-an-address")
    user.click(ok)
    assert "email" in dialog.ui.problem.text()
    user.focus(dialog.ui.email)
    user.shortcut("Ctrl+A")
    user.type("ada@example.com")
    user.click(ok)
    qtbot.waitUntil(lambda: app.controller.identity_dialog is None)

    person = app.controller.context.interviewer
    assert person.name == "Ada Lovelace"
    assert AppSettings(settings).interviewer_uuid == person.uuid
    stored = interviewers.get_interviewer(app.controller.context.db, person.uuid)
    assert stored.email == "ada@example.com"

    app.window.close()
    app.controller.context.db.close()
    again = make_app(demo_db, settings=settings)
    qtbot.wait(50)
    assert again.controller.identity_dialog is None
    assert again.controller.context.interviewer.uuid == person.uuid


def test_switch_interviewer_from_the_people_menu(make_app, demo_db, qtbot) -> None:
    app = make_app(demo_db)
    qtbot.waitUntil(lambda: app.controller.identity_dialog is not None)
    app.controller.identity_dialog.reject()
    qtbot.waitUntil(lambda: app.controller.identity_dialog is None)
    assert "Nobody" in app.window.identity_label.text()

    app.window.ui.actionSwitchInterviewer.trigger()
    dialog = app.controller.identity_dialog
    index = next(
        i
        for i in range(dialog.ui.existing.count())
        if "Dev Raghunathan" in dialog.ui.existing.itemText(i)
    )
    dialog.ui.existing.setCurrentIndex(index)
    dialog.accept()
    assert app.controller.context.interviewer.name == "Dev Raghunathan"
    assert app.window.page("home").interviews.rowCount() > 0


def test_demo_flag_fills_an_empty_database(make_app, qtbot) -> None:
    app = make_app(extra=("--demo",))
    assert not app.window.page("home").is_welcome()


def test_a_file_that_is_not_a_database_gets_a_clear_message(modal_answers, tmp_path) -> None:
    from interview_kit.app import create_app

    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("my shopping list\n", encoding="utf-8")
    modal_answers.then(QMessageBox.StandardButton.Close)
    assert create_app(["--db", str(bogus), "--settings", str(tmp_path / "s.ini")]) is None
    title, text = modal_answers.shown[-1]
    assert "cannot open its database" in title
    assert "not an Interview Kit database" in text
    assert str(bogus) in text
    assert bogus.read_text(encoding="utf-8") == "my shopping list\n"


def test_main_returns_an_error_code_when_the_database_cannot_be_opened(
    modal_answers, tmp_path
) -> None:
    from interview_kit.app import EXIT_DATABASE, main

    folder = tmp_path / "a-folder"
    folder.mkdir()
    modal_answers.then(QMessageBox.StandardButton.Close)
    assert main(["--db", str(folder), "--settings", str(tmp_path / "s.ini")]) == EXIT_DATABASE


def _run_app_script(script: str) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in a fresh Python process, as the app starts; it must succeed."""
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result


def test_home_lists_its_first_page_before_the_rest_of_the_app_loads(demo_db, tmp_path) -> None:
    """Start-up as the app's command runs it (a fresh process, the window shown, the
    steps in turns): Home's list is on screen before the ORM and the rubric model are
    imported, its stage column fills in once the rubric is read, and every section
    follows; the cycle collector pauses until then."""
    script = textwrap.dedent(
        f"""
        import gc, json, os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from interview_kit.launch import pause_collector
        pause_collector()  # as the interview-kit-app command does
        from PySide6.QtCore import Qt, QTimer
        from interview_kit.app import create_app
        from interview_kit.gui.sections import SECTIONS
        app = create_app(["--db", {str(demo_db)!r}, "--settings", {str(tmp_path / "s.ini")!r}],
                         defer=True)
        seen = {{}}

        def look(home):
            model = home.candidates
            stage = [model.headerData(c, Qt.Orientation.Horizontal)
                     for c in range(model.columnCount())].index("Stage")
            return {{
                "orm": "sqlalchemy.orm" in sys.modules,
                "rubric model": "interview_kit.domain.rubric" in sys.modules,
                "rows": model.rowCount(),
                # What the Stage column shows.
                "stages": sorted({{model.data(model.index(i, stage))
                                   for i in range(model.rowCount())}}),
                "staged": sum(bool(model.row_at(i).stage_id) for i in range(model.rowCount())),
                "sections": [s.key for s in SECTIONS if s.key in app.window._pages],
                "showing": app.window.current_page_key(),
                "collecting": gc.isenabled(),
            }}

        def poll():
            home = app.window._pages.get("home")
            if home is not None and home.candidates.rowCount() and "first" not in seen:
                seen["first"] = look(home)
            if app.controller is not None:
                seen["done"] = look(home)
                app.qt.quit()
                return
            QTimer.singleShot(1, poll)

        QTimer.singleShot(0, poll)
        QTimer.singleShot(60_000, app.qt.quit)
        app.qt.exec()
        print("SEEN", json.dumps(seen))
        app.db.close()
        """
    )
    result = _run_app_script(script)
    line = next(x for x in result.stdout.splitlines() if x.startswith("SEEN "))
    seen = json.loads(line.removeprefix("SEEN "))
    first, done = seen["first"], seen["done"]
    assert first["rows"] > 0
    assert first["showing"] == "home"
    assert not first["orm"], "the first page needs no ORM"
    assert not first["rubric model"], "nor the rubric model"
    assert first["stages"] == [""], "stage titles wait for the rubric"
    assert first["sections"] == ["home"]
    assert done["rows"] == first["rows"]
    assert done["staged"] > 0
    assert "" not in done["stages"] or done["staged"] < done["rows"]
    assert any(stage.startswith("1. ") for stage in done["stages"]), done["stages"]
    assert done["sections"] == [
        "home", "pipeline", "people", "committee", "insights", "evidence", "rubric"
    ]  # fmt: skip
    assert done["showing"] == "home"
    assert not first["collecting"], "the cycle collector waits while the app starts"
    assert done["collecting"], "and runs again once it has"


@pytest.mark.slow
def test_reportlab_is_not_imported_at_start(tmp_path) -> None:
    script = textwrap.dedent(
        f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from interview_kit.app import create_app
        app = create_app(["--db", {str(tmp_path / "x.sqlite3")!r},
                          "--settings", {str(tmp_path / "x.ini")!r}, "--demo"])
        app.qt.processEvents()
        loaded = sorted(m for m in sys.modules if m.split(".")[0] == "reportlab")
        print("REPORTLAB", loaded)
        app.controller.context.db.close()
        """
    )
    result = _run_app_script(script)
    assert "REPORTLAB []" in result.stdout, result.stdout


def test_the_app_icon_loads(qtbot) -> None:
    from PySide6.QtGui import QIcon

    from interview_kit.paths import resource_path

    icon = QIcon(str(resource_path("icons", "interview-kit.svg")))
    assert not icon.isNull()
    assert not icon.pixmap(64, 64).toImage().isNull()
