"""The app on a person's own login of a shared database, driven as that person would.

The identity is the sign-in (nobody is asked, or may pick, who is scoring); each section
opens for the roles that use it and says why not to the others; what the database
refuses reaches the screen in words.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from roles_support import Login, World, build_world, fresh_database
from sqlalchemy import URL

from interview_kit.services import candidates, decisions, people
from tests.gui import conftest as gui_fixtures
from tests.support.user import User, UserError

# The app started as a user would, and modal dialogs that answer from a queue.
make_app = gui_fixtures.make_app
modal_answers = gui_fixtures.modal_answers

pytestmark = pytest.mark.postgres


@pytest.fixture
def world(pg_server: URL) -> Iterator[World]:
    with fresh_database(pg_server) as url:
        built = build_world(url, pg_server)
        # A candidate nobody on the panel interviews: no interviewer should see them.
        candidates.add_candidate(
            built.db,
            name="Yusuf Other",
            email="yusuf@example.org",
            source="founder",
            origin_path="pm",
        )
        try:
            yield built
        finally:
            built.db.close()


@pytest.fixture
def user(qtbot) -> User:  # type: ignore[no-untyped-def]
    return User(qtbot)


def _url(world: World, login: Login) -> str:
    return world.db.url.set(username=login.name, password=login.password).render_as_string(
        hide_password=False
    )


def _start(make_app, world: World, login: Login, tmp_path: Path):  # type: ignore[no-untyped-def]
    app = make_app(_url(world, login), settings=tmp_path / f"{login.name}.ini")
    assert app.controller.identity_dialog is None  # never asked who is scoring
    return app


def _nav_row(window, key: str) -> int:  # type: ignore[no-untyped-def]
    navigation = window.ui.navigation
    for row in range(navigation.count()):
        if navigation.item(row).data(Qt.ItemDataRole.UserRole) == key:
            return row
    raise KeyError(key)


def test_an_interviewer_sees_only_their_candidates_and_cannot_be_anyone_else(
    make_app, world: World, tmp_path: Path, user: User, modal_answers, qtbot
) -> None:
    app = _start(make_app, world, world.ada, tmp_path)
    window, controller = app.window, app.controller
    assert window.identity_label.text() == "Signed in as Ada Lovelace (interviewer)"
    assert controller.context.interviewer.uuid == world.ada_uuid
    user.assert_showing(window, "home")
    home = window.page("home")
    assert [
        home.interviews.row_at(r).candidate_name for r in range(home.interviews.rowCount())
    ] == ["Zoë Ångström"]
    listed = [home.candidates.row_at(r) for r in range(home.candidates.rowCount())]
    assert [(row.name, row.email) for row in listed] == [("Zoë Ångström", "")]

    # The recruiter's sections are greyed out, and say why.
    pipeline = window.ui.navigation.item(_nav_row(window, "pipeline"))
    assert not pipeline.flags() & Qt.ItemFlag.ItemIsEnabled
    assert "for recruiters" in pipeline.toolTip()
    assert "signed in as an interviewer" in pipeline.toolTip()
    user.click_row(window.ui.navigation, _nav_row(window, "pipeline"))
    user.assert_showing(window, "home")
    window.show_page("committee")  # another section asking for it changes nothing either
    user.assert_showing(window, "home")
    assert "Panel review is for" in window.statusBar().currentMessage()
    evidence = window.ui.navigation.item(_nav_row(window, "evidence"))
    assert not evidence.flags() & Qt.ItemFlag.ItemIsEnabled
    assert "Evidence is for recruiters and the hiring committee" in evidence.toolTip()

    # No picking another identity: the menu entry is off, and asking explains.
    with pytest.raises(UserError, match="disabled"):
        user.menu(window, "People", "Switch interviewer…")
    assert "who you signed in as" in window.ui.actionSwitchInterviewer.statusTip()
    modal_answers.then(0)
    assert controller.ask_identity(first_start=False) is None
    assert modal_answers.shown[-1][0] == "Who is scoring"
    assert "Ada Lovelace" in modal_answers.shown[-1][1]
    with pytest.raises(UserError, match="disabled"):
        user.menu(window, "People", "People and sign-ins…")
    with pytest.raises(UserError, match="disabled"):
        user.menu(window, "File", "Import…")


def test_a_committee_login_opens_panel_review_and_records_a_decision(
    make_app, world: World, tmp_path: Path, user: User, qtbot
) -> None:
    world.submit_ada()
    app = _start(make_app, world, world.cy, tmp_path)
    window = app.window
    assert window.identity_label.text() == "Signed in as Cy Twombly (committee)"
    user.assert_showing(window, "committee")  # My interviews is not the committee's
    home = window.ui.navigation.item(_nav_row(window, "home"))
    assert "signed in as a member of the hiring committee" in home.toolTip()
    insights = window.ui.navigation.item(_nav_row(window, "insights"))
    assert insights.flags() & Qt.ItemFlag.ItemIsEnabled
    evidence = window.ui.navigation.item(_nav_row(window, "evidence"))
    assert evidence.flags() & Qt.ItemFlag.ItemIsEnabled

    page = window.page("committee")
    user.choose(page.ui.show, "All candidates")
    index = page.pick_model.index_of(lambda row: row.name == "Zoë Ångström")
    user.click_row(page.ui.candidates, index.row())
    assert page.view is not None
    user.click(user.scroll_to(page.ui.noHireRadio))
    user.click(user.scroll_to(page.ui.recordButton))
    qtbot.waitUntil(lambda: not page.recording)  # the decision lands off the UI thread
    assert "Recorded: No hire" in page.message, page.ui.problem.text()
    stored = decisions.latest_decision(world.db, world.candidate_uuid)
    assert stored is not None
    assert stored.decision.value == "no_hire"
    login = world.owner_rows(
        "SELECT login FROM audit_log WHERE action LIKE 'decision%' ORDER BY id DESC LIMIT 1"
    )
    assert login == [(world.cy.name,)]


def test_a_refusal_by_the_database_is_shown_in_words(
    make_app, world: World, tmp_path: Path, user: User, qtbot
) -> None:
    """The recruiter opens Panel review (they read everything) but may not decide."""
    world.submit_ada()
    app = _start(make_app, world, world.rita, tmp_path)
    window = app.window
    window.show_page("committee")
    user.assert_showing(window, "committee")
    page = window.page("committee")
    user.choose(page.ui.show, "All candidates")
    index = page.pick_model.index_of(lambda row: row.name == "Zoë Ångström")
    user.click_row(page.ui.candidates, index.row())
    user.click(user.scroll_to(page.ui.noHireRadio))
    user.click(user.scroll_to(page.ui.recordButton))
    qtbot.waitUntil(lambda: not page.recording)  # the refusal comes back from the server
    shown = page.ui.problem.text() if hasattr(page.ui, "problem") else page.message
    assert "may not do this" in shown, shown
    assert "permission denied" in shown  # what the server said, after the words
    assert "Traceback" not in shown
    assert decisions.latest_decision(world.db, world.candidate_uuid) is None


def test_a_recruiter_manages_sign_ins_from_the_people_dialog(
    make_app, world: World, tmp_path: Path, user: User, modal_answers, qtbot
) -> None:
    app = _start(make_app, world, world.rita, tmp_path)
    window, controller = app.window, app.controller
    user.menu(window, "People", "People and sign-ins…")
    wiring = controller.sign_in.people_dialog
    dialog = wiring.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    names = {dialog.model.row_at(r).name for r in range(dialog.model.rowCount())}
    assert names == {"Ada Lovelace", "Bo Diddley", "Cy Twombly", "Rita Recruiter"}

    user.focus(dialog.name)
    user.type("Dee Dee")
    user.focus(dialog.email)
    user.type("dee@example.org")
    user.choose(dialog.role, "Hiring committee")
    user.click(dialog.add_button)
    assert app.controller.context.writes.wait_idle(30)
    assert dialog.handover.isVisible()
    password = dialog.new_password.text()
    assert len(password) >= 24
    dee = people.find_person(world.db, "Dee Dee")
    assert dee.role is people.Group.COMMITTEE
    handed = tmp_path / "dee.ikconnection"
    wiring.write_connection_file(handed)
    assert password in people.read_connection_file(handed)

    row = dialog.model.index_of(lambda p: p.login == dee.login).row()
    user.click_row(dialog.table, row)
    user.choose(dialog.role_of_selected, "Recruiter")
    user.click(dialog.set_role_button)
    assert app.controller.context.writes.wait_idle(30)
    assert people.find_person(world.db, dee.login).role is people.Group.RECRUITER

    row = dialog.model.index_of(lambda p: p.login == world.bo.name).row()
    user.click_row(dialog.table, row)
    modal_answers.then(QMessageBox.StandardButton.Yes)
    user.click(dialog.remove_button)
    assert app.controller.context.writes.wait_idle(30)
    bo = people.find_person(world.db, world.bo.name)
    assert not bo.can_sign_in
    assert bo.interviewer_uuid == world.bo_uuid  # the records stay
    assert "can no longer sign in" in dialog.message.text()
