"""Sections refresh when shown: none reads its lists at start-up while hidden, and a change
made while one is hidden refreshes it once, the next time it is shown."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from interview_kit.gui.lazy import RefreshWhenShown, refresh_when_shown
from interview_kit.services import candidates, interviewers

LAZY = ("pipeline", "people", "committee", "rubric")


def lazies(app, key: str) -> list[RefreshWhenShown]:
    return app.window.page(key).findChildren(RefreshWhenShown)


def refreshes(app, key: str) -> int:
    return sum(lazy.refreshes for lazy in lazies(app, key))


def test_hidden_sections_wait_until_shown(qtbot, make_app, demo_db) -> None:
    app = make_app(demo_db)
    assert app.window.current_page_key() == "home"
    for key in LAZY:
        assert lazies(app, key), f"{key} has no lazy refresh"
        assert refreshes(app, key) == 0, f"{key} refreshed while hidden"
        assert any(lazy.dirty for lazy in lazies(app, key)), key
    pipeline = app.window.page("pipeline")
    assert pipeline.model.rowCount() == 0, "nothing read yet"

    app.window.show_page("pipeline")
    assert refreshes(app, "pipeline") == 1
    assert pipeline.model.rowCount() > 0
    for key in ("people", "committee", "rubric"):
        assert refreshes(app, key) == 0, key

    app.window.show_page("people")
    # Read off the UI thread: the table fills a moment later.
    qtbot.waitUntil(lambda: app.window.page("people").interviewer_model.rowCount() > 0)
    app.window.show_page("rubric")
    assert app.window.page("rubric").data()["stages"]


def test_a_change_while_hidden_refreshes_once_when_shown(make_app, demo_db) -> None:
    app = make_app(demo_db)
    controller = app.controller
    pipeline = app.window.page("pipeline")
    app.window.show_page("pipeline")
    assert refreshes(app, "pipeline") == 1

    candidates.add_candidate(controller.context.db, name="Aaron Aardvark")
    controller.context.dataChanged.emit()
    assert refreshes(app, "pipeline") == 2, "on screen: refreshed at once"
    assert pipeline.model.rows()[0].name == "Aaron Aardvark"

    app.window.show_page("home")
    candidates.add_candidate(controller.context.db, name="Aaab Early")
    controller.context.dataChanged.emit()
    controller.context.interviewerChanged.emit()
    assert refreshes(app, "pipeline") == 2, "hidden: only marked"
    assert pipeline.model.rows()[0].name == "Aaron Aardvark"

    app.window.show_page("pipeline")
    assert refreshes(app, "pipeline") == 3, "two changes, one refresh"
    assert pipeline.model.rows()[0].name == "Aaab Early"
    app.window.show_page("home")
    app.window.show_page("pipeline")
    assert refreshes(app, "pipeline") == 3, "nothing changed meanwhile"


def test_signing_in_marks_the_committee_out_of_date(make_app, demo_db) -> None:
    app = make_app(demo_db)
    app.window.show_page("committee")
    before = refreshes(app, "committee")
    app.window.show_page("home")
    person = interviewers.list_interviewers(app.controller.context.db)[0]
    app.controller.set_interviewer(person)
    assert refreshes(app, "committee") == before
    app.window.show_page("committee")
    assert refreshes(app, "committee") == before + 1


def test_refresh_when_shown_on_a_plain_widget(qtbot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    calls: list[str] = []
    lazy = refresh_when_shown(page, lambda: calls.append("refresh"))
    lazy.request()
    assert calls == []
    assert lazy.dirty
    page.show()
    assert calls == ["refresh"]
    assert not lazy.dirty
    lazy.request()
    assert calls == ["refresh", "refresh"], "visible: at once"
    page.hide()
    page.show()
    assert len(calls) == 2
