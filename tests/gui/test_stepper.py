"""The walk's step bar never cuts a step's name, however narrow the window."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QWidget

from interview_kit.gui.stage_walk.state import Step
from interview_kit.gui.stage_walk.stepper import Stepper


def test_each_step_keeps_room_for_its_longest_word(qtbot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    stepper = Stepper(holder)
    stepper.buttons[Step.RATINGS].setChecked(True)  # the current step is drawn in bold
    holder.resize(200, 80)  # far narrower than the six steps want
    holder.show()
    qtbot.waitExposed(holder)
    for step, button in stepper.buttons.items():
        bold = QFont(button.font())
        bold.setBold(True)
        longest = max(QFontMetrics(bold).horizontalAdvance(w) for w in button.text().split())
        assert button.minimumSizeHint().width() >= longest, step
    stepper.resize(stepper.minimumSizeHint())
    for step, button in stepper.buttons.items():
        assert button.width() >= button.minimumSizeHint().width(), step
