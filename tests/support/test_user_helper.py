"""The user helper refuses what a person could not do."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tests.support.user import User, UserError


@pytest.fixture
def window(qtbot: Any) -> QWidget:
    widget = QWidget()
    widget.setWindowTitle("Under test")
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    layout = QVBoxLayout(widget)
    widget.button = QPushButton("Press me")  # type: ignore[attr-defined]
    widget.edit = QLineEdit()  # type: ignore[attr-defined]
    layout.addWidget(widget.button)  # type: ignore[attr-defined]
    layout.addWidget(widget.edit)  # type: ignore[attr-defined]
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_visible_enabled_button_is_clicked(qtbot: Any, window: Any) -> None:
    with qtbot.waitSignal(window.button.clicked, timeout=1000):
        User(qtbot).click(window.button)


def test_a_hidden_button_cannot_be_clicked(qtbot: Any, window: Any) -> None:
    window.button.hide()
    with pytest.raises(UserError, match="hidden"):
        User(qtbot).click(window.button)


def test_a_disabled_button_cannot_be_clicked(qtbot: Any, window: Any) -> None:
    window.button.setEnabled(False)
    with pytest.raises(UserError, match="disabled"):
        User(qtbot).click(window.button)


def test_a_zero_sized_button_cannot_be_clicked(qtbot: Any, window: Any) -> None:
    window.button.setFixedSize(0, 0)
    QApplication.processEvents()
    with pytest.raises(UserError, match="no size"):
        User(qtbot).click(window.button)


def test_a_button_scrolled_out_of_view_cannot_be_clicked(qtbot: Any) -> None:
    area = QScrollArea()
    qtbot.addWidget(area)
    inner = QWidget()
    inner.setMinimumSize(300, 2000)
    button = QPushButton("Far down", inner)
    button.move(10, 1900)
    area.setWidget(inner)
    area.resize(300, 200)
    area.show()
    qtbot.waitExposed(area)
    with pytest.raises(UserError, match="outside"):
        User(qtbot).click(button)
    area.ensureWidgetVisible(button)
    QApplication.processEvents()
    with qtbot.waitSignal(button.clicked, timeout=1000):
        User(qtbot).click(button)


def test_a_button_under_another_window_cannot_be_clicked(qtbot: Any, window: Any) -> None:
    cover = QMainWindow()
    cover.setWindowTitle("On top")
    qtbot.addWidget(cover)
    cover.setGeometry(window.geometry().adjusted(-20, -20, 20, 20))
    cover.show()
    qtbot.waitExposed(cover)
    if QApplication.widgetAt(window.button.mapToGlobal(window.button.rect().center())) is None:
        pytest.skip("this platform does not report which window is on top")
    with pytest.raises(UserError, match="covers"):
        User(qtbot).click(window.button)


def test_keys_go_to_the_focused_widget_only(qtbot: Any, window: Any) -> None:
    user = User(qtbot)
    window.activateWindow()
    user.focus(window.edit)
    user.type("Zoë — שלום")
    assert window.edit.text() == "Zoë — שלום"


def test_typing_into_a_hidden_widget_is_refused(qtbot: Any, window: Any) -> None:
    user = User(qtbot)
    window.activateWindow()
    user.focus(window.edit)
    window.edit.hide()
    # Qt moves the focus on, as it does for a person; nothing lands in the hidden field.
    if QApplication.focusWidget() is None:
        with pytest.raises(UserError, match="nothing has the keyboard focus"):
            user.type("lost")
    else:
        user.type("lost")
    assert window.edit.text() == ""
