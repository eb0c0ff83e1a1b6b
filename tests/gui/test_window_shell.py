"""The window shell, as a person meets it: on a small screen, by keyboard, and when the app
is opened again. Every action goes through the user helper."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QSplitter
from recruiter_support import open_db, start_shell

from interview_kit.gui import theme
from interview_kit.gui.main_window import MINIMUM_SIZE, FocusRing, MainWindow, database_name
from interview_kit.gui.sections import SECTIONS
from interview_kit.gui.settings import AppSettings
from tests.support.user import User

SIZES = ((1024, 700), (1280, 800))


@pytest.fixture
def demo_database(tmp_path):
    database = open_db(tmp_path, with_demo=True)
    yield database
    database.close()


def open_section(user: User, window, key: str) -> None:
    navigation = window.ui.navigation
    row = next(
        r
        for r in range(navigation.count())
        if navigation.item(r).data(Qt.ItemDataRole.UserRole) == key
    )
    user.click_row(navigation, row)
    user.assert_showing(window, key)


def settle(qtbot) -> None:
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(20)


def reddish(button: QPushButton) -> int:
    """How many sampled pixels of the button are drawn in the danger colour."""
    danger = theme.danger()
    image = button.grab().toImage()
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            colour = QColor(image.pixel(x, y))
            if (
                abs(colour.red() - danger.red()) < 40
                and abs(colour.green() - danger.green()) < 40
                and abs(colour.blue() - danger.blue()) < 40
            ):
                count += 1
    return count


def test_the_minimum_size_fits_a_small_screen(qtbot, tmp_path, demo_database) -> None:
    shell = start_shell(qtbot, tmp_path, demo_database)
    window = shell.window
    assert window.minimumSize().width() <= 1000
    assert window.minimumSize().height() <= 640
    assert window.minimumSizeHint().width() <= 1000
    window.resize(MINIMUM_SIZE)
    settle(qtbot)
    assert window.size() == MINIMUM_SIZE


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_section_is_usable_without_clipping(
    qtbot, tmp_path, demo_database, user, width, height
) -> None:
    shell = start_shell(qtbot, tmp_path, demo_database)
    window = shell.window
    window.resize(width, height)
    settle(qtbot)
    for section in SECTIONS:
        open_section(user, window, section.key)
        settle(qtbot)
        page = window.page(section.key)
        assert window.size() == QSize(width, height), f"{section.key} widened the window"
        assert page.width() >= page.minimumSizeHint().width(), f"{section.key} is clipped"
        right = page.mapTo(window, page.rect().topRight()).x()
        assert right < width, f"{section.key} runs off the window"


def test_a_long_button_label_elides_instead_of_widening_the_window(
    qtbot, tmp_path, demo_database, user
) -> None:
    shell = start_shell(qtbot, tmp_path, demo_database)
    window = shell.window
    window.resize(1024, 700)
    open_section(user, window, "pipeline")
    page = window.page("pipeline")
    user.click_row(page.ui.table, 0)
    long_label = "Advance to Product / cross-functional assessment with the whole panel…"
    page.ui.advanceButton.setText(long_label)
    settle(qtbot)
    assert window.width() == 1024
    button = page.ui.advanceButton
    assert button.width() < button.sizeHint().width()
    assert shell.window.elider.elided(button)
    image = button.grab().toImage()
    assert not image.isNull()
    assert button.text() == long_label  # only the drawing is shortened


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_no_visible_button_label_is_cut(qtbot, tmp_path, demo_database, user, width, height):
    """Buttons a section's wiring adds (Set time…, Send invitation…) elide like the rest:
    a button narrower than its label draws it shortened with an ellipsis, never cut."""
    shell = start_shell(qtbot, tmp_path, demo_database)
    window = shell.window
    window.resize(width, height)
    settle(qtbot)
    for section in SECTIONS:
        open_section(user, window, section.key)
        settle(qtbot)
        for button in window.page(section.key).findChildren(QPushButton):
            if button.isVisible() and button.width() < button.sizeHint().width():
                assert button.property("elides"), f"{section.key}: {button.text()!r} is cut"


def test_a_disabled_destructive_button_does_not_look_active(
    qtbot, tmp_path, demo_database, user
) -> None:
    shell = start_shell(qtbot, tmp_path, demo_database)
    open_section(user, shell.window, "pipeline")
    page = shell.window.page("pipeline")
    page.ui.table.clearSelection()
    settle(qtbot)
    erase = page.ui.eraseButton
    erase.setEnabled(False)
    assert reddish(erase) == 0
    erase.setEnabled(True)
    assert reddish(erase) > 0


def test_a_dialogs_disabled_destructive_button_does_not_look_active(
    qtbot, tmp_path, demo_database, user
) -> None:
    from interview_kit.gui.recruiter.dialogs import EraseDialog

    shell = start_shell(qtbot, tmp_path, demo_database)
    dialog = EraseDialog(name="Noor Haddad", what="Everything about Noor.", parent=shell.window)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.ui.confirmation)
    assert not dialog.ui.eraseButton.isEnabled()
    assert reddish(dialog.ui.eraseButton) == 0
    user.type("Noor Haddad")
    assert dialog.ui.eraseButton.isEnabled()
    assert reddish(dialog.ui.eraseButton) > 0
    dialog.reject()


def test_enter_presses_the_focused_button(qtbot, tmp_path, demo_database, user) -> None:
    shell = start_shell(qtbot, tmp_path, demo_database)
    open_section(user, shell.window, "committee")
    page = shell.window.page("committee")
    index = page.pick_model.index_of(lambda row: row.name == "Priya Raman")
    user.click_row(page.ui.candidates, index.row())
    QApplication.processEvents()
    page.ui.reviewArea.ensureWidgetVisible(page.use_suggestion)
    page.use_suggestion.setFocus(Qt.FocusReason.TabFocusReason)
    assert not page.ui.hireRadio.isChecked()
    user.press(Qt.Key.Key_Return)
    qtbot.waitUntil(page.ui.hireRadio.isChecked, timeout=2_000)


def test_every_shortcut_is_in_a_menu_or_the_shortcut_list(qtbot, tmp_path, demo_database, user):
    shell = start_shell(qtbot, tmp_path, demo_database)
    window = shell.window
    menu_keys = set()
    for top in window.menuBar().actions():
        for action in top.menu().actions():
            if not action.shortcut().isEmpty():
                menu_keys.add(action.shortcut().toString())
    for wanted in ("Ctrl+F", "F1", "Ctrl+1", "Ctrl+Q"):
        assert wanted in menu_keys, menu_keys
    user.menu(window, "Help", "Keyboard shortcuts")
    dialog = window.shortcuts_dialog
    assert dialog is not None
    assert dialog.isVisible()
    listed = {keys for _where, _what, keys in dialog.listed()}
    assert menu_keys <= listed
    from PySide6.QtGui import QShortcut

    for shortcut in window.findChildren(QShortcut):
        if shortcut.isEnabled() and not shortcut.key().isEmpty():
            keys = shortcut.key().toString(QKeySequence.SequenceFormat.NativeText)
            assert keys in listed, keys
    assert ("Rubric", "Save the rubric as a new version", "Ctrl+S") in dialog.listed()
    dialog.close()


@pytest.mark.parametrize(
    ("key", "field"),
    [
        ("home", "search"),
        ("pipeline", "search"),
        ("people", "findCandidate"),
        ("committee", "find"),
    ],
)
def test_ctrl_f_focuses_the_sections_search(
    qtbot, tmp_path, demo_database, user, key, field
) -> None:
    shell = start_shell(qtbot, tmp_path, demo_database)
    open_section(user, shell.window, key)
    settle(qtbot)
    user.shortcut("Ctrl+F")
    focused = user.focused()
    assert isinstance(focused, QLineEdit)
    assert focused.objectName() == field
    assert shell.window.page(key).isAncestorOf(focused)


def test_ctrl_f_where_there_is_nothing_to_search_says_so(
    qtbot, tmp_path, demo_database, user
) -> None:
    shell = start_shell(qtbot, tmp_path, demo_database)
    open_section(user, shell.window, "insights")
    user.shortcut("Ctrl+F")
    assert "nothing to search" in shell.window.statusBar().currentMessage()


def test_f1_opens_the_bundled_user_guide(qtbot, tmp_path, demo_database, user, monkeypatch) -> None:
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    shell = start_shell(qtbot, tmp_path, demo_database)
    open_section(user, shell.window, "pipeline")
    user.shortcut("F1")
    assert len(opened) == 1
    path = Path(opened[0].toLocalFile())
    assert path.name == "user-guide.md"
    assert path.is_file()
    assert "Keyboard" in path.read_text(encoding="utf-8")
    user.menu(shell.window, "Help", "User guide")
    assert len(opened) == 2


def test_a_focus_ring_follows_the_keyboard_focus(qtbot, tmp_path, demo_database, user) -> None:
    shell = start_shell(qtbot, tmp_path, demo_database)
    window = shell.window
    open_section(user, window, "pipeline")
    search = window.page("pipeline").ui.search
    user.focus(search)
    settle(qtbot)
    ring = window.findChild(FocusRing, "focusRing")
    assert ring is not None
    assert ring.isVisible()
    assert ring.target is search
    where = ring.geometry()
    assert where.contains(search.mapTo(window, search.rect().center()))
    user.tab()
    settle(qtbot)
    assert ring.target is QApplication.focusWidget()


def test_the_title_names_the_database(qtbot, tmp_path, demo_database) -> None:
    shell = start_shell(qtbot, tmp_path, demo_database)
    assert shell.window.windowTitle().startswith("panel.sqlite3 — Interview Kit")
    assert database_name("postgresql+psycopg://kit@db.example.org:5432/hiring") == (
        "hiring on db.example.org:5432"
    )


def test_the_app_reopens_where_it_was_left(qtbot, tmp_path, demo_database, user) -> None:
    shell = start_shell(qtbot, tmp_path, demo_database)
    window = shell.window
    room = window.screen().availableGeometry().size()
    left = QSize(1100, 650).boundedTo(room).expandedTo(window.minimumSize())
    window.resize(left)
    open_section(user, window, "committee")
    splitter = window.page("committee").findChild(QSplitter, "splitter")
    assert splitter is not None
    splitter.setSizes([300, 700])
    settle(qtbot)
    sizes = splitter.sizes()
    window.close()

    bare = MainWindow(AppSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(bare)
    assert bare.size() == left  # the geometry, as left

    again = start_shell(qtbot, tmp_path, demo_database)
    restored = again.window
    user.assert_showing(restored, "committee")
    assert restored.current_page_key() == "committee"
    again_splitter = restored.page("committee").findChild(QSplitter, "splitter")
    assert again_splitter.sizes()[0] == sizes[0]


def test_the_window_never_opens_larger_than_the_screen(qtbot, tmp_path, demo_database) -> None:
    shell = start_shell(qtbot, tmp_path, demo_database)
    window = shell.window
    room = window.screen().availableGeometry()
    window.resize(room.width() + 500, room.height() + 500)
    window.keep_on_screen()
    assert window.minimumSize().width() <= room.width()
    assert window.width() <= room.width()
    assert window.height() <= room.height()


def test_enter_takes_a_dialogs_default_button(qtbot, tmp_path, demo_database, user) -> None:
    shell = start_shell(qtbot, tmp_path, demo_database)
    user.menu(shell.window, "Help", "Keyboard shortcuts")
    dialog = shell.window.shortcuts_dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.table)
    user.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2_000)


def test_every_page_shortcut_is_shown_in_the_section_menu(
    qtbot, tmp_path, demo_database, user
) -> None:
    from PySide6.QtGui import QShortcut

    shell = start_shell(qtbot, tmp_path, demo_database)
    window = shell.window
    seen = 0
    for section in SECTIONS:
        open_section(user, window, section.key)
        entries = window.section_menu_entries()
        for shortcut in window.page(section.key).findChildren(QShortcut):
            if shortcut.isEnabled() and not shortcut.key().isEmpty():
                keys = shortcut.key().toString(QKeySequence.SequenceFormat.NativeText)
                assert any(entry.endswith(f"\t{keys}") for entry in entries), (section, keys)
                seen += 1
    assert seen >= 3  # the pipeline's and the rubric editor's at least
    open_section(user, window, "rubric")
    assert "Save the rubric as a new version\tCtrl+S" in window.section_menu_entries()
