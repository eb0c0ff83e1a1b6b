"""A person at the keyboard and mouse, for workflow tests.

Every workflow test acts through :class:`User`: it refuses what a person could not do.
A click lands only on a widget that is shown, enabled, has a size, lies inside its window's
visible area and is not covered by another window; keys and text go to the widget that has
the keyboard focus (``QApplication.focusWidget()``), never to a widget the test picks;
menu entries are chosen from the menu bar only when they are visible and enabled; and
"which section is showing" is read from what is on screen.

Single-widget unit tests may still use ``qtbot.mouseClick`` on a chosen widget; a workflow
test that does so proves nothing about what a user can finish.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QMainWindow,
    QMenu,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

__all__ = ["User", "UserError"]


class UserError(AssertionError):
    """What the test asked of the user is something a person could not do."""


def _describe(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QAbstractButton):
        text = widget.text()
    name = widget.accessibleName() or widget.objectName()
    label = " ".join(part for part in (repr(text) if text else "", name) if part)
    return f"{type(widget).__name__} {label}".strip()


class User:
    """Clicks, keys and text as a person sends them."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot

    # -- what a person can see ------------------------------------------------------
    @staticmethod
    def focused() -> QWidget:
        widget = QApplication.focusWidget()
        if widget is None:
            raise UserError("nothing has the keyboard focus")
        if not widget.isVisible():
            raise UserError(f"the keyboard focus is in a hidden widget: {_describe(widget)}")
        return widget

    def reachable_point(self, widget: QWidget, rect: QRect | None = None) -> QPoint:
        """The point a person would click on ``widget`` (inside ``rect`` if given), or why not."""
        if not widget.isVisible():
            raise UserError(f"cannot click a hidden widget: {_describe(widget)}")
        if not widget.isEnabled():
            raise UserError(f"cannot click a disabled widget: {_describe(widget)}")
        if widget.width() <= 0 or widget.height() <= 0:
            raise UserError(f"cannot click a widget with no size: {_describe(widget)}")
        area = widget.visibleRegion().boundingRect()
        if rect is not None:
            area = area.intersected(rect)
        if area.isEmpty():
            raise UserError(
                f"cannot click {_describe(widget)}: it lies outside the visible part of its window"
            )
        window = widget.window()
        local = area.center()
        in_window = widget.mapTo(window, local)
        if not window.rect().contains(in_window):
            raise UserError(f"cannot click {_describe(widget)}: it is outside its window")
        top = QApplication.widgetAt(widget.mapToGlobal(local))
        if top is not None and top.window() is not window:
            raise UserError(
                f"cannot click {_describe(widget)}: another window covers it "
                f"({top.window().windowTitle()!r})"
            )
        return local

    @staticmethod
    def scroll_to(widget: QWidget) -> QWidget:
        """Scroll every area holding ``widget`` to it, as a person would before using it."""
        QApplication.processEvents()  # let the layout place what just appeared
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea):
                parent.ensureWidgetVisible(widget, 10, 40)
                QApplication.processEvents()
            parent = parent.parentWidget()
        return widget

    # -- mouse -----------------------------------------------------------------------
    def click(
        self,
        widget: QWidget,
        button: Qt.MouseButton = Qt.MouseButton.LeftButton,
        modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> None:
        point = self.reachable_point(widget)
        if isinstance(widget, QComboBox):
            raise UserError("use choose() for a combo box")
        self.qtbot.mouseClick(widget, button, modifiers, point)

    def double_click(self, widget: QWidget) -> None:
        point = self.reachable_point(widget)
        self.qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=point)

    def click_row(self, view: QAbstractItemView, row: int, column: int = 0) -> QModelIndex:
        """Click a cell of a list or table, scrolling to it first as a person would."""
        index = self._cell(view, row, column)
        view.scrollTo(index)
        rect = view.visualRect(index)
        point = self.reachable_point(view.viewport(), rect)
        self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
        return index

    def double_click_row(self, view: QAbstractItemView, row: int, column: int = 0) -> None:
        index = self._cell(view, row, column)
        view.scrollTo(index)
        rect = view.visualRect(index)
        point = self.reachable_point(view.viewport(), rect)
        viewport = view.viewport()
        # A double click as Qt sees it: press, release, double-click, release.
        self.qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
        self.qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=point)

    @staticmethod
    def _cell(view: QAbstractItemView, row: int, column: int) -> QModelIndex:
        model = view.model()
        if model is None or not (0 <= row < model.rowCount()):
            raise UserError(f"the list has no row {row}")
        return model.index(row, column)

    def choose(self, combo: QComboBox, text: str) -> None:
        """Pick an entry of a combo box the way the keyboard does: focus it, then select."""
        self.reachable_point(combo)
        index = combo.findText(text)
        if index < 0:
            entries = [combo.itemText(i) for i in range(combo.count())]
            raise UserError(f"{_describe(combo)} offers no {text!r}; it offers {entries}")
        combo.setFocus(Qt.FocusReason.MouseFocusReason)
        combo.setCurrentIndex(index)
        combo.activated.emit(index)

    # -- menus -----------------------------------------------------------------------
    def menu(self, window: QMainWindow, *path: str) -> None:
        """Choose ``File › Import…`` from the window's menu bar, if a person could."""
        if not path:
            raise UserError("say which menu entry to choose")
        actions = window.menuBar().actions()
        trail: list[str] = []
        for depth, title in enumerate(path):
            action = _find_action(actions, title)
            trail.append(title)
            if action is None:
                names = [_plain(a.text()) for a in actions if not a.isSeparator()]
                raise UserError(f"no menu entry {' › '.join(trail)!r}; there are {names}")
            if not action.isVisible() or not action.isEnabled():
                raise UserError(f"the menu entry {' › '.join(trail)!r} is hidden or disabled")
            submenu = action.menu()
            if depth == len(path) - 1:
                if isinstance(submenu, QMenu):
                    raise UserError(f"{' › '.join(trail)!r} opens a menu; name an entry in it")
                action.trigger()
                return
            if not isinstance(submenu, QMenu):
                raise UserError(f"{' › '.join(trail)!r} is not a menu")
            actions = submenu.actions()

    # -- keyboard --------------------------------------------------------------------
    def press(
        self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.qtbot.keyClick(self.focused(), key, modifiers)

    def shortcut(self, sequence: str | QKeySequence.StandardKey) -> None:
        """Press a key combination (``"Ctrl+F"``) on the focused widget."""
        keys = QKeySequence(sequence)
        combination = keys[0]
        self.qtbot.keyClick(self.focused(), combination.key(), combination.keyboardModifiers())

    def tab(self, times: int = 1) -> None:
        for _ in range(times):
            self.press(Qt.Key.Key_Tab)

    def type(self, text: str) -> None:
        """Type any text, emoji and right-to-left scripts included, into the focused widget.

        ``qtbot.keyClicks`` aborts the process on non-ASCII characters, so each character
        goes as a key event carrying its text.
        """
        target = self.focused()
        for char in text:
            if char == "\n":
                self.qtbot.keyClick(target, Qt.Key.Key_Return)
                continue
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                QApplication.sendEvent(target, event)

    def focus(self, widget: QWidget) -> None:
        """Put the focus on ``widget`` by clicking it, as a person would."""
        self.click(widget)
        if QApplication.focusWidget() is not widget and not widget.isAncestorOf(
            QApplication.focusWidget()
        ):
            raise UserError(f"clicking {_describe(widget)} did not give it the keyboard focus")

    # -- what is showing -------------------------------------------------------------
    @staticmethod
    def showing(window: QMainWindow) -> QWidget:
        """The page a person sees in the window's page stack."""
        stacks = [s for s in window.findChildren(QStackedWidget) if s.isVisible()]
        if not stacks:
            raise UserError("the window shows no pages")
        stack = stacks[0]
        page = stack.currentWidget()
        if page is None or not page.isVisible():
            raise UserError("the window shows an empty page")
        return page

    def assert_showing(self, window: Any, key: str) -> None:
        """The section ``key`` is on screen and the navigation highlights it."""
        page = self.showing(window)
        expected = window.page(key)
        highlighted = window.current_page_key()
        if page is not expected:
            shown = next((k for k, p in window._pages.items() if p is page), type(page).__name__)
            raise UserError(f"the window shows {shown!r}, not {key!r}")
        if highlighted != key:
            raise UserError(f"the page {key!r} shows but the navigation highlights {highlighted!r}")
        focus = QApplication.focusWidget()
        if focus is not None and not focus.isVisible():
            raise UserError(f"the keyboard focus is in a hidden widget: {_describe(focus)}")


def _plain(text: str) -> str:
    return text.replace("&", "")


def _find_action(actions: list[QAction], title: str) -> QAction | None:
    for action in actions:
        if _plain(action.text()) == _plain(title):
            return action
    return None
