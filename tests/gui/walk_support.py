"""Stage-walk steps as an interviewer takes them, through the user helper.

Everything here acts the way a person does: finds a candidate on Home by typing, picks a
stage from the list, clicks a step in the step bar, scrolls to a control and clicks it,
types into what has the focus, pastes from the clipboard. What the person waits for
(the save status saying "Saved …") is waited for, never forced.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea, QWidget

from interview_kit.domain.scorecard import Vote
from interview_kit.gui.stage_walk import Step
from interview_kit.services import scorecard_reads
from tests.support.user import User

CTRL = Qt.KeyboardModifier.ControlModifier


def started(make_app: Any, db_path: Any, qtbot: Any, **options: Any) -> Any:
    """The app on ``db_path`` with the "who is scoring" question dismissed."""
    app = make_app(db_path, **options)
    qtbot.waitUntil(lambda: app.controller.identity_dialog is not None, timeout=5000)
    app.controller.identity_dialog.reject()
    qtbot.waitUntil(lambda: app.controller.identity_dialog is None)
    app.window.activateWindow()
    qtbot.waitUntil(app.window.isActiveWindow)
    return app


def go_to_section(user: User, window: Any, key: str) -> None:
    """Click a section in the navigation."""
    navigation = window.ui.navigation
    for row in range(navigation.count()):
        if navigation.item(row).data(Qt.ItemDataRole.UserRole) == key:
            user.click_row(navigation, row)
            return
    raise AssertionError(f"no section {key!r}")


def open_from_home(app: Any, user: User, qtbot: Any, name: str, stage_id: str) -> Any:
    """Search for the candidate, pick the stage and press Enter, as a user would."""
    window = app.window
    window.activateWindow()  # the person's window is in front
    qtbot.waitUntil(window.isActiveWindow)
    go_to_section(user, window, "home")
    home = window.page("home")
    user.focus(home.ui.search)
    user.shortcut("Ctrl+A")
    user.press(Qt.Key.Key_Delete)
    user.type(name)
    qtbot.waitUntil(lambda: home.candidates.rowCount() >= 1)
    choice = home.ui.stageChoice
    user.choose(choice, choice.itemText(choice.findData(stage_id)))
    user.focus(home.ui.search)
    user.press(Qt.Key.Key_Return)
    walk = app.controller.walks.walk
    assert walk is not None, "the stage walk did not open"
    assert walk.setup.stage_id == stage_id
    assert User.showing(window) is walk
    return walk


def go(user: User, walk: Any, step: Step) -> None:
    """Click a step in the walk's step bar."""
    user.click(walk.stepper.buttons[step])
    assert walk.current_step() is step


def reach(widget: QWidget) -> None:
    """Scroll the page holding ``widget`` until it is in view, as a person scrolls (a
    page that is still growing with what was just typed is scrolled again)."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    for _ in range(20):
        QTest.qWait(5)  # let the page lay out what was just typed
        if parent is None or parent.widget() is None:
            return
        centre = widget.mapTo(parent.widget(), widget.rect().center())
        parent.ensureVisible(
            centre.x(), centre.y(), widget.width() // 2 + 10, min(widget.height() // 2 + 10, 200)
        )
        QApplication.processEvents()
        if not widget.visibleRegion().isEmpty():
            return


def click(user: User, widget: QWidget) -> None:
    reach(widget)
    user.click(widget)


def tick(user: User, button: QWidget) -> None:
    """Check a check box or radio button: click it (which focuses it), then Space, so the
    test does not depend on where its label ends."""
    reach(button)
    user.focus(button)
    if not button.isChecked():  # type: ignore[attr-defined]
        user.press(Qt.Key.Key_Space)


def write(user: User, widget: QWidget, text: str) -> None:
    """Click into a text field and type."""
    reach(widget)
    user.focus(widget)
    user.type(text)


def paste(user: User, widget: QWidget, text: str, *, replace: bool = False) -> None:
    """Click into a text field and paste ``text`` (over what is there with ``replace``)."""
    QApplication.clipboard().setText(text)
    reach(widget)
    user.focus(widget)
    if replace:
        user.shortcut("Ctrl+A")
    user.shortcut("Ctrl+V")


def rate(user: User, walk: Any, criterion_id: str, value: int) -> None:
    """Click the anchor of ``value`` (0: N/A) on the Ratings step."""
    if walk.current_step() is not Step.RATINGS:
        go(user, walk, Step.RATINGS)
    selector = walk.ratings.cards[criterion_id].selector
    cell = next(c for c in selector._cells if c.value == value)
    click(user, cell.body)


def complete(user: User, walk: Any, rating: int = 3) -> None:
    """Rate every criterion with evidence, pick a level and a vote, write a summary."""
    go(user, walk, Step.RATINGS)
    for criterion_id, card in walk.ratings.cards.items():
        rate(user, walk, criterion_id, rating)
        write(user, card.evidence, "seen in the exercise")
    go(user, walk, Step.LEVEL)
    tick(user, walk.level.level_buttons["L5"])
    tick(user, walk.level.vote_buttons[Vote.YES])
    write(user, walk.level.summary, "Solid.")


def submit(user: User, walk: Any, modal_answers: Any, qtbot: Any) -> None:
    go(user, walk, Step.REVIEW)
    assert walk.review.submit_button.isEnabled(), [p.message for p in walk.problems()]
    modal_answers.then(QMessageBox.StandardButton.Yes)
    click(user, walk.review.submit_button)
    qtbot.waitUntil(lambda: walk.is_submitted, timeout=10_000)


def wait_saved(qtbot: Any, walk: Any, timeout: int = 10_000) -> None:
    """Wait, as a person watching the status, until it says the edits are stored."""
    qtbot.waitUntil(
        lambda: not walk.is_dirty and walk.saved_text().startswith("Saved "), timeout=timeout
    )


def stored(app: Any, walk: Any) -> Any:
    return scorecard_reads.find_scorecard(
        app.controller.context.db,
        walk.setup.candidate.uuid,
        walk.setup.stage_id,
        app.controller.context.interviewer.uuid,
    )
