"""Form fields bound to one item of the rubric data (a stage, a criterion, a level...).

A :class:`ItemForm` is declared as a list of :class:`FieldSpec` s. ``bind`` points it at a
dictionary inside the rubric data; every edit writes straight back into that dictionary
and emits ``edited``. Problems the validator reports for the item are shown under the
field they concern, in the validator's own words.

Number fields accept values outside the valid range on purpose: a weight of 0 read from
a file must show as 0 with the validator's message, not be silently clamped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from interview_kit.domain.rubric import RubricIssue
from interview_kit.domain.rubric.locations import describe_location
from interview_kit.gui import theme

FieldKind = Literal[
    "id", "line", "text", "lines", "int", "float", "bool", "choice", "refs", "weights"
]
AnyIndex = QModelIndex | QPersistentModelIndex

MISSING = object()


@dataclass(frozen=True)
class FieldSpec:
    key: str
    """Dotted key inside the item (``band.base_min``, ``anchors.1``)."""
    label: str
    kind: FieldKind
    help: str = ""
    choices: Sequence[tuple[str, str]] = ()
    """(value, label) pairs for ``choice``."""
    minimum: float = -1_000_000_000.0
    maximum: float = 1_000_000_000.0
    decimals: int = 2
    step: float = 1.0
    suffix: str = ""
    options: Callable[[], Sequence[tuple[str, str]]] | None = None
    """(id, label) pairs a ``refs`` field offers, computed on each bind."""
    placeholder: str = ""
    rows: int = 3
    default: Any = MISSING
    """Written when the item has no value yet and the user leaves the field alone."""
    extra: Mapping[str, Any] = field(default_factory=dict)


def get_path(item: Mapping[str, Any], key: str) -> Any:
    value: Any = item
    for part in key.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return MISSING
        value = value[part]
    return value


def set_path(item: MutableMapping[str, Any], key: str, value: Any) -> None:
    parts = key.split(".")
    target: Any = item
    for part in parts[:-1]:
        child = target.get(part)
        if not isinstance(child, MutableMapping):
            child = {}
            target[part] = child
        target = child
    target[parts[-1]] = value


# ---------------------------------------------------------------------------------------
# A checkable list of ids (tags, signals, criteria an exercise covers)


class ChoiceListModel(QAbstractListModel):
    """Ids with a tick each; ids the data names but the rubric does not are kept, marked."""

    toggled = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._options: list[tuple[str, str]] = []
        self._checked: list[str] = []

    def set_state(self, options: Sequence[tuple[str, str]], checked: Sequence[str]) -> None:
        self.beginResetModel()
        known = {option_id for option_id, _ in options}
        unknown = [(item, f"{item} (not in this rubric)") for item in checked if item not in known]
        self._options = list(options) + unknown
        self._checked = list(checked)
        self.endResetModel()

    def checked(self) -> list[str]:
        return list(self._checked)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._options)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._options):
            return None
        option_id, label = self._options[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return label if label == option_id or "(" in label else f"{label}  ({option_id})"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if option_id in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return option_id
        if role == Qt.ItemDataRole.UserRole:
            return option_id
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsSelectable
        )

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        option_id = self._options[index.row()][0]
        state = Qt.CheckState(value) if not isinstance(value, Qt.CheckState) else value
        if state == Qt.CheckState.Checked and option_id not in self._checked:
            # Keep the rubric's order of options, not the order of clicks.
            order = [oid for oid, _ in self._options]
            self._checked.append(option_id)
            self._checked.sort(key=order.index)
        elif state != Qt.CheckState.Checked and option_id in self._checked:
            self._checked.remove(option_id)
        else:
            return False
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.toggled.emit()
        return True


class ChoiceList(QListView):
    """A compact list of check boxes; space toggles the current one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice_model = ChoiceListModel(self)
        self.setModel(self.choice_model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_state(self, options: Sequence[tuple[str, str]], checked: Sequence[str]) -> None:
        self.choice_model.set_state(options, checked)
        rows = max(2, min(8, self.choice_model.rowCount()))
        height = self.sizeHintForRow(0) if self.choice_model.rowCount() else 20
        self.setFixedHeight(rows * max(height, 18) + 2 * self.frameWidth() + 4)


class WeightsEditor(QWidget):
    """A number per option (stage weights): one spin box each, rebuilt when stages change."""

    changed = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spec = spec
        self._layout = QFormLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._spins: dict[str, QDoubleSpinBox] = {}
        self._loading = False

    def set_state(self, options: Sequence[tuple[str, str]], values: Mapping[str, Any]) -> None:
        self._loading = True
        try:
            wanted = [option_id for option_id, _ in options]
            if wanted != list(self._spins):
                while self._layout.rowCount():
                    self._layout.removeRow(0)
                self._spins = {}
                for option_id, label in options:
                    spin = QDoubleSpinBox()
                    spin.setDecimals(2)
                    spin.setRange(self._spec.minimum, self._spec.maximum)
                    spin.setSingleStep(0.25)
                    spin.setAccessibleName(f"Weight of {label}")
                    spin.setMaximumWidth(220)
                    spin.valueChanged.connect(self._emit)
                    self._layout.addRow(label, spin)
                    self._spins[option_id] = spin
            for option_id, spin in self._spins.items():
                value = values.get(option_id, 1.0)
                number = (
                    float(value)
                    if isinstance(value, int | float) and not isinstance(value, bool)
                    else 1.0
                )
                spin.setValue(number)
        finally:
            self._loading = False

    def values(self) -> dict[str, float]:
        return {option_id: round(spin.value(), 2) for option_id, spin in self._spins.items()}

    def _emit(self) -> None:
        if not self._loading:
            self.changed.emit()


# ---------------------------------------------------------------------------------------
# The form


def _lines_text(value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    return "" if value is MISSING or value is None else str(value)


def _text_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ItemForm(QWidget):
    """Fields for one kind of rubric item, bound to one item at a time."""

    edited = Signal(str)
    """The key of the field that changed."""
    idChanged = Signal(str, str)
    """(old id, new id) when an ``id`` field is committed."""

    def __init__(
        self, title: str, specs: Sequence[FieldSpec], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"form_{title.lower().replace(' ', '_')}")
        self.specs = list(specs)
        self._item: MutableMapping[str, Any] | None = None
        self._loading = False
        self._editors: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._id_at_focus: str = ""

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(title)
        theme.make_heading(self.heading, 1.25)
        self.heading.setAccessibleName("Item being edited")
        outer.addWidget(self.heading)
        self.item_problems = QLabel()
        self.item_problems.setWordWrap(True)
        self.item_problems.setAccessibleName("Problems in this item")
        self.item_problems.setStyleSheet(f"color: {theme.css(theme.danger())};")
        self.item_problems.hide()
        outer.addWidget(self.item_problems)
        self.layout_form = QFormLayout()
        self.layout_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.layout_form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        outer.addLayout(self.layout_form)
        for spec in self.specs:
            self._add_field(spec)
        outer.addStretch(1)

    # -- building ------------------------------------------------------------------
    def _add_field(self, spec: FieldSpec) -> None:
        editor = self._make_editor(spec)
        editor.setAccessibleName(spec.label)
        if spec.help:
            editor.setToolTip(spec.help)
            editor.setAccessibleDescription(spec.help)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        error = QLabel()
        error.setWordWrap(True)
        error.setAccessibleName(f"Problem with {spec.label}")
        error.setStyleSheet(f"color: {theme.css(theme.danger())};")
        error.hide()
        column.addWidget(error)
        label = QLabel(f"{spec.label}")
        label.setBuddy(editor)
        self.layout_form.addRow(label, box)
        self._editors[spec.key] = editor
        self._errors[spec.key] = error

    def _make_editor(self, spec: FieldSpec) -> QWidget:
        if spec.kind in ("id", "line"):
            line = QLineEdit()
            line.setPlaceholderText(spec.placeholder)
            if spec.kind == "id":
                line.editingFinished.connect(lambda s=spec: self._commit_id(s))
                line.textEdited.connect(lambda _text, s=spec: self._write(s))
            else:
                line.textEdited.connect(lambda _text, s=spec: self._write(s))
            return line
        if spec.kind in ("text", "lines"):
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setPlaceholderText(
                spec.placeholder or ("One per line" if spec.kind == "lines" else "")
            )
            metrics = text.fontMetrics()
            text.setMinimumHeight(metrics.lineSpacing() * spec.rows + 14)
            text.setMaximumHeight(metrics.lineSpacing() * max(spec.rows * 2, 4) + 14)
            text.textChanged.connect(lambda s=spec: self._write(s))
            return text
        if spec.kind == "int":
            spin = QSpinBox()
            spin.setRange(int(spec.minimum), int(min(spec.maximum, 2_000_000_000)))
            spin.setSuffix(spec.suffix)
            spin.setSingleStep(int(spec.step) or 1)
            spin.setKeyboardTracking(True)
            spin.setMaximumWidth(220)
            spin.valueChanged.connect(lambda _value, s=spec: self._write(s))
            return spin
        if spec.kind == "float":
            spin = QDoubleSpinBox()
            spin.setDecimals(spec.decimals)
            spin.setRange(spec.minimum, spec.maximum)
            spin.setSingleStep(spec.step)
            spin.setSuffix(spec.suffix)
            spin.setGroupSeparatorShown(spec.maximum >= 100_000)
            spin.setMaximumWidth(220)
            spin.valueChanged.connect(lambda _value, s=spec: self._write(s))
            return spin
        if spec.kind == "bool":
            check = QCheckBox(spec.extra.get("text", ""))
            check.toggled.connect(lambda _value, s=spec: self._write(s))
            return check
        if spec.kind == "choice":
            combo = QComboBox()
            combo.setMaximumWidth(360)
            combo.setEditable(bool(spec.extra.get("editable", False)))
            for value, label in spec.choices:
                combo.addItem(label, value)
            combo.currentIndexChanged.connect(lambda _i, s=spec: self._write(s))
            if combo.isEditable():
                combo.editTextChanged.connect(lambda _t, s=spec: self._write(s))
            return combo
        if spec.kind == "weights":
            weights = WeightsEditor(spec)
            weights.changed.connect(lambda s=spec: self._write(s))
            return weights
        if spec.kind == "refs":
            choices = ChoiceList()
            choices.choice_model.toggled.connect(lambda s=spec: self._write(s))
            return choices
        raise ValueError(spec.kind)

    # -- binding -------------------------------------------------------------------
    @property
    def item(self) -> MutableMapping[str, Any] | None:
        return self._item

    def editor(self, key: str) -> QWidget:
        return self._editors[key]

    def bind(self, item: MutableMapping[str, Any], heading: str | None = None) -> None:
        self._item = item
        if heading is not None:
            self.heading.setText(heading)
        self._loading = True
        try:
            for spec in self.specs:
                self._show(spec, get_path(item, spec.key))
        finally:
            self._loading = False

    def _show(self, spec: FieldSpec, value: Any) -> None:
        editor = self._editors[spec.key]
        if spec.kind in ("id", "line"):
            assert isinstance(editor, QLineEdit)
            text = "" if value is MISSING or value is None else str(value)
            if editor.text() != text:
                editor.setText(text)
            if spec.kind == "id":
                self._id_at_focus = text
        elif spec.kind in ("text", "lines"):
            assert isinstance(editor, QPlainTextEdit)
            text = _lines_text(value)
            # Keep what is being typed (a trailing new line) when the data agrees.
            if (
                spec.kind == "lines"
                and isinstance(value, list)
                and _text_lines(editor.toPlainText()) == [str(v).strip() for v in value]
            ):
                return
            if editor.toPlainText() != text:
                editor.setPlainText(text)
        elif spec.kind == "int":
            assert isinstance(editor, QSpinBox)
            number = value if isinstance(value, int) and not isinstance(value, bool) else None
            if number is None and isinstance(spec.default, int):
                number = spec.default
            editor.setValue(int(number) if number is not None else 0)
        elif spec.kind == "float":
            assert isinstance(editor, QDoubleSpinBox)
            number = (
                float(value)
                if isinstance(value, int | float) and not isinstance(value, bool)
                else None
            )
            if number is None and isinstance(spec.default, int | float):
                number = float(spec.default)
            editor.setValue(number if number is not None else 0.0)
        elif spec.kind == "bool":
            assert isinstance(editor, QCheckBox)
            if value is MISSING and isinstance(spec.default, bool):
                value = spec.default
            editor.setChecked(bool(value) if isinstance(value, bool) else False)
        elif spec.kind == "choice":
            assert isinstance(editor, QComboBox)
            if spec.options is not None:
                editor.clear()
                for option_value, label in spec.options():
                    editor.addItem(label, option_value)
            if value is MISSING and spec.default is not MISSING:
                value = spec.default
            position = editor.findData(value)
            if position < 0 and value is not MISSING and value is not None:
                if editor.isEditable():
                    editor.setEditText(str(value))
                    return
                editor.addItem(f"{value} (not allowed)", value)
                position = editor.count() - 1
            editor.setCurrentIndex(position)
        elif spec.kind == "weights":
            assert isinstance(editor, WeightsEditor)
            options = list(spec.options()) if spec.options is not None else []
            editor.set_state(options, value if isinstance(value, Mapping) else {})
        elif spec.kind == "refs":
            assert isinstance(editor, ChoiceList)
            options = list(spec.options()) if spec.options is not None else []
            checked = [str(v) for v in value] if isinstance(value, list) else []
            editor.set_state(options, checked)

    def _write(self, spec: FieldSpec) -> None:
        if self._loading or self._item is None:
            return
        editor = self._editors[spec.key]
        value: Any
        if isinstance(editor, QLineEdit):
            value = editor.text()
        elif isinstance(editor, QPlainTextEdit):
            text = editor.toPlainText()
            value = _text_lines(text) if spec.kind == "lines" else text
        elif isinstance(editor, QSpinBox):
            value = editor.value()
        elif isinstance(editor, QDoubleSpinBox):
            value = round(editor.value(), spec.decimals)
        elif isinstance(editor, QCheckBox):
            value = editor.isChecked()
        elif isinstance(editor, QComboBox):
            value = editor.currentData()
            if editor.isEditable() and (
                value is None or editor.currentText() != editor.itemText(editor.currentIndex())
            ):
                value = editor.currentText()
        elif isinstance(editor, ChoiceList):
            value = editor.choice_model.checked()
        elif isinstance(editor, WeightsEditor):
            current = get_path(self._item, spec.key)
            value = dict(current) if isinstance(current, Mapping) else {}
            value.update(editor.values())
        else:  # pragma: no cover
            return
        # An id is written as typed; references follow when the edit is committed.
        set_path(self._item, spec.key, value)
        self.edited.emit(spec.key)

    def commit_pending(self) -> None:
        """Commit an id typed but not left yet (Save pressed with the focus still in it),
        so its references follow before anything is checked or stored."""
        for spec in self.specs:
            if spec.kind == "id":
                self._commit_id(spec)

    def _commit_id(self, spec: FieldSpec) -> None:
        if self._item is None:
            return
        editor = self._editors[spec.key]
        assert isinstance(editor, QLineEdit)
        new = editor.text()
        old = self._id_at_focus
        self._id_at_focus = new
        if old != new:
            self.idChanged.emit(old, new)

    # -- problems ------------------------------------------------------------------
    def show_issues(self, issues: Sequence[RubricIssue], item_path: str) -> None:
        """Show each problem under its field; problems of no field go on top."""
        by_field: dict[str, list[str]] = {key: [] for key in self._errors}
        loose: list[str] = []
        for issue in issues:
            rest = issue.path[len(item_path) :].lstrip(".") if item_path else issue.path
            key = self._field_for(rest)
            if key is None:
                where = describe_location(rest)
                loose.append(f"{where}: {issue.message}" if rest else issue.message)
            else:
                where = describe_location(rest) if rest != key else ""
                by_field[key].append(f"{where}: {issue.message}" if where else issue.message)
        for key, label in self._errors.items():
            messages = by_field[key]
            label.setText("\n".join(messages))
            label.setVisible(bool(messages))
            self._mark(self._editors[key], bool(messages))
        self.item_problems.setText("\n".join(loose))
        self.item_problems.setVisible(bool(loose))

    def _field_for(self, rest: str) -> str | None:
        if not rest:
            return None
        if rest in self._errors:
            return rest
        best: str | None = None
        for key in self._errors:
            if rest.startswith((key + ".", key + "[")) and (best is None or len(key) > len(best)):
                best = key
        return best

    @staticmethod
    def _mark(editor: QWidget, bad: bool) -> None:
        editor.setProperty("invalid", bad)
        if bad:
            pal = editor.palette()
            pal.setColor(QPalette.ColorRole.Base, theme.danger_background())
            editor.setPalette(pal)
        else:
            editor.setPalette(QPalette())

    def focus_field(self, rest: str) -> None:
        key = self._field_for(rest) or (self.specs[0].key if self.specs else None)
        if key is not None:
            self._editors[key].setFocus(Qt.FocusReason.OtherFocusReason)
