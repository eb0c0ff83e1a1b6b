"""A stage's scoring sheet as an interviewer will see it, drawn from the edited data.

It reads the rubric data as it stands, half-finished or not, so a recruiter can look at a
stage while writing it; empty texts show as a visible placeholder rather than vanish.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from interview_kit.gui import theme

_MISSING_TEXT = "(not written yet)"
_DEFAULT_SCALE = {
    "1": "Strong no",
    "2": "No",
    "3": "Yes",
    "4": "Strong yes",
    "not_applicable": "N/A",
}


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) and value.strip() else _MISSING_TEXT


def _items(container: Any, key: str) -> list[Mapping[str, Any]]:
    value = container.get(key) if isinstance(container, Mapping) else None
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _label(text: str, *, wrap: bool = True, bold: bool = False, muted: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    if muted:
        label.setStyleSheet(f"color: {theme.css(theme.muted())};")
    return label


class StageSheetPreview(QWidget):
    """The sheet itself (embeddable); :class:`StagePreviewDialog` wraps it in a window."""

    def __init__(
        self, data: Mapping[str, Any], stage_index: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Stage sheet preview")
        stages = _items(data, "stages")
        stage = stages[stage_index] if 0 <= stage_index < len(stages) else {}
        scale = dict(_DEFAULT_SCALE)
        raw_scale = data.get("scale")
        if isinstance(raw_scale, Mapping):
            scale.update({k: str(v) for k, v in raw_scale.items() if isinstance(v, str) and v})
        layout = QVBoxLayout(self)
        number = stage.get("number")
        self.heading = _label(
            f"Stage {number if isinstance(number, int) else '?'} · {_text(stage.get('title'))}"
        )
        theme.make_heading(self.heading, 1.4)
        layout.addWidget(self.heading)
        duration = stage.get("duration_minutes")
        plan = f"{duration} minutes" if isinstance(duration, int) else "duration not set"
        required = "required" if stage.get("required", True) is True else "optional"
        layout.addWidget(_label(f"{plan} · {required} stage", muted=True))
        layout.addWidget(self._brief(stage, data))
        layout.addWidget(self._exercises(stage))
        layout.addWidget(self._ratings(stage, scale))
        layout.addWidget(self._checklists(stage, data))
        layout.addWidget(self._level(data, scale))
        layout.addStretch(1)

    # -- sections --------------------------------------------------------------------
    def _section(self, title: str) -> tuple[QWidget, QVBoxLayout]:
        box = QWidget()
        box.setAccessibleName(title)
        outer = QVBoxLayout(box)
        outer.setContentsMargins(0, 8, 0, 0)
        heading = _label(title)
        theme.make_heading(heading, 1.15)
        outer.addWidget(heading)
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        column = QVBoxLayout(frame)
        outer.addWidget(frame)
        return box, column

    def _brief(self, stage: Mapping[str, Any], data: Mapping[str, Any]) -> QWidget:
        box, column = self._section("1 · Brief")
        column.addWidget(_label(_text(stage.get("purpose"))))
        good = [str(x) for x in stage.get("what_good_looks_like", []) if isinstance(x, str)]
        if good:
            column.addWidget(_label("What good looks like", bold=True))
            column.addWidget(_label("\n".join(f"•  {line}" for line in good)))
        levels = _items(data, "levels")
        if levels:
            column.addWidget(_label("The ladder", bold=True))
            column.addWidget(
                _label(
                    "\n".join(
                        f"{level.get('id', '?')}  {_text(level.get('title'))}: "
                        f"{_text(level.get('impact'))}"
                        for level in levels
                    )
                )
            )
        return box

    def _exercises(self, stage: Mapping[str, Any]) -> QWidget:
        box, column = self._section("2 · Exercises")
        exercises = _items(stage, "exercises")
        if not exercises:
            column.addWidget(_label("No exercises yet.", muted=True))
        for exercise in exercises:
            minutes = exercise.get("minutes")
            time_box = f"  ·  {minutes} min" if isinstance(minutes, int) else ""
            column.addWidget(_label(f"{_text(exercise.get('title'))}{time_box}", bold=True))
            column.addWidget(_label(_text(exercise.get("description"))))
            prompts = [p for p in exercise.get("prompts", []) if isinstance(p, str)]
            if prompts:
                column.addWidget(_label("\n".join(f"→  {_text(prompt)}" for prompt in prompts)))
            column.addWidget(_label("[ notes ]", muted=True))
        return box

    def _ratings(self, stage: Mapping[str, Any], scale: Mapping[str, str]) -> QWidget:
        box, column = self._section("3 · Ratings")
        criteria = _items(stage, "criteria")
        if not criteria:
            column.addWidget(_label("No criteria yet.", muted=True))
        for criterion in criteria:
            weight = criterion.get("weight", 1.0)
            shown = (
                f"  (weight {weight:g})" if isinstance(weight, int | float) and weight != 1 else ""
            )
            column.addWidget(_label(f"{_text(criterion.get('title'))}{shown}", bold=True))
            column.addWidget(_label(_text(criterion.get("description"))))
            anchors = (
                criterion.get("anchors") if isinstance(criterion.get("anchors"), Mapping) else {}
            )
            grid = QGridLayout()
            grid.setHorizontalSpacing(8)
            for position, key in enumerate(("1", "2", "3", "4")):
                frame = QFrame()
                frame.setFrameShape(QFrame.Shape.StyledPanel)
                inner = QVBoxLayout(frame)
                inner.setContentsMargins(6, 4, 6, 4)
                inner.addWidget(_label(f"{key} · {scale.get(key, key)}", bold=True))
                inner.addWidget(_label(_text(anchors.get(key) if anchors else None)))
                inner.addStretch(1)
                frame.setAccessibleName(f"Anchor for rating {key}")
                grid.addWidget(frame, 0, position)
                grid.setColumnStretch(position, 1)
            column.addLayout(grid)
            column.addWidget(
                _label(
                    f"Keys 1-4 rate, 0 is {scale.get('not_applicable', 'N/A')}; "
                    "evidence is required for 1 and 4.",
                    muted=True,
                )
            )
        return box

    def _checklists(self, stage: Mapping[str, Any], data: Mapping[str, Any]) -> QWidget:
        box, column = self._section("4 · Signals and red flags")
        look_for = {x for x in stage.get("look_for", []) if isinstance(x, str)}
        signals = _items(data, "signals")
        flags = _items(data, "red_flags")
        column.addWidget(_label("Positive signals", bold=True))
        column.addWidget(
            _label(
                "\n".join(
                    f"☐  {_text(s.get('label'))}"
                    + ("   ← look for this here" if s.get("id") in look_for else "")
                    for s in signals
                )
                or "None defined."
            )
        )
        column.addWidget(_label("Red flags", bold=True))
        for flag in flags:
            severity = flag.get("severity")
            line = _label(
                f"☐  {_text(flag.get('label'))}  [{severity if isinstance(severity, str) else '?'}]"
                + ("   ← look for this here" if flag.get("id") in look_for else ""),
                bold=severity == "blocker",
            )
            if severity == "blocker":
                line.setStyleSheet(f"color: {theme.css(theme.danger())};")
            column.addWidget(line)
        if not flags:
            column.addWidget(_label("None defined."))
        column.addWidget(_label("Every ticked item needs evidence.", muted=True))
        return box

    def _level(self, data: Mapping[str, Any], scale: Mapping[str, str]) -> QWidget:
        box, column = self._section("5 · Level and recommendation")
        levels = [f"{lv.get('id', '?')} {_text(lv.get('title'))}" for lv in _items(data, "levels")]
        column.addWidget(_label("Level evidence:  " + "  ·  ".join(["Below the ladder", *levels])))
        votes = [scale.get(key, key) for key in ("1", "2", "3", "4")]
        column.addWidget(_label("Overall recommendation:  " + "  ·  ".join(votes)))
        column.addWidget(_label("[ summary for the committee ]   [ private notes ]", muted=True))
        return box


class StagePreviewDialog(QDialog):
    def __init__(
        self,
        data: Mapping[str, Any],
        stage_index: int,
        parent: QWidget | None = None,
        *,
        role_title: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Scoring sheet preview{f' · {role_title}' if role_title else ''}")
        self.setAccessibleName("Scoring sheet preview")
        self.sheet = StageSheetPreview(data, stage_index)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.sheet)
        scroll.setAccessibleName("Scoring sheet")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        buttons.accepted.connect(self.close)
        layout = QVBoxLayout(self)
        note = _label(
            "A preview of the edited rubric as it stands; interviewers see it once it is saved.",
            muted=True,
        )
        layout.addWidget(note)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.Close, self, activated=self.close)
        self.resize(960, 720)
