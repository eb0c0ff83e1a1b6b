"""File → Export and File → Import of panel packs and scorecard bundles, and drag and drop.

Two dialogs that only show and ask (:class:`ExportDialog`, :class:`ImportDialog`), and
:class:`ExchangeActions`, which the controller creates once: it answers the window's
``exportRequested``/``importRequested``, files dropped on the window, and the dialogs'
requests, by calling :mod:`interview_kit.services.exchange` off the UI thread (sealing and
opening derive a key on purpose slowly). An import always shows what will change first;
the user confirms, and the import applies exactly what was previewed or, if the database
changed meanwhile, asks again.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from interview_kit.exchange.sealing import FileKind
from interview_kit.gui.tasks import run_in_background
from interview_kit.services import exchange, interviewers
from interview_kit.services.errors import ServiceError, StaleEditError

logger = logging.getLogger(__name__)

FILE_FILTER = "Panel packs and scorecard bundles (*.ikpack *.ikbundle);;All files (*)"


@dataclass(frozen=True)
class ExportRequest:
    kind: FileKind
    interviewer_uuid: str
    path: Path
    passphrase: str
    include_closed: bool = False


@dataclass(frozen=True)
class ConflictView:
    """One conflict a person can settle: both sides, the choices, the current choice."""

    key: str
    title: str
    stored: tuple[str, ...]
    incoming: tuple[str, ...]
    choices: tuple[exchange.Resolution, ...]
    chosen: exchange.Resolution | None = None


@dataclass(frozen=True)
class PreviewView:
    """What the import dialog shows of a plan: plain text, nothing live."""

    heading: str
    summary: str
    lines: tuple[str, ...]
    can_apply: bool
    has_changes: bool
    conflicts: tuple[ConflictView, ...] = ()


def preview_view(plan: exchange.Plan) -> PreviewView:
    lines = exchange.describe_plan(plan)
    settled = exchange.settlements_of(plan)
    conflicts = [(c, None) for c in plan.conflicts if c.choices]
    conflicts.extend((s.conflict, s.resolution) for s in settled)
    return PreviewView(
        heading=lines[0],
        summary=lines[1],
        lines=tuple(line.strip() for line in lines[2:]),
        can_apply=plan.can_apply,
        has_changes=plan.has_changes,
        conflicts=tuple(
            ConflictView(
                key=conflict.key,
                title=conflict.describe(),
                stored=tuple(side.describe() for side in conflict.stored),
                incoming=tuple(side.describe() for side in conflict.incoming),
                choices=conflict.choices,
                chosen=chosen,
            )
            for conflict, chosen in sorted(conflicts, key=lambda pair: pair[0].key)
        ),
    )


def _password_field(placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    return field


class _FileField(QWidget):
    """A path with a Browse… button."""

    changed = Signal()

    def __init__(self, *, save: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.edit = QLineEdit()
        self.edit.setAccessibleName("File")
        self.browse = QPushButton("Browse…")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.browse)
        self.browse.clicked.connect(self._pick)
        self.edit.textChanged.connect(self.changed)

    def _pick(self) -> None:
        if self._save:
            chosen, _ = QFileDialog.getSaveFileName(self, "Save as", self.edit.text(), FILE_FILTER)
        else:
            chosen, _ = QFileDialog.getOpenFileName(self, "Open", self.edit.text(), FILE_FILTER)
        if chosen:
            self.edit.setText(chosen)

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text).expanduser() if text else None


class ExportDialog(QDialog):
    """Export a panel pack for an interviewer, or a bundle of my submitted scorecards."""

    exportRequested = Signal(object)
    """An :class:`ExportRequest`."""

    def __init__(
        self,
        people: list[tuple[str, str]],
        me: tuple[str, str] | None,
        folder: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self._folder = folder
        self._names = dict(people)
        self._me = me

        self.pack_choice = QRadioButton("Panel pack for an interviewer (recruiter → interviewer)")
        self.bundle_choice = QRadioButton("Bundle of my submitted scorecards (→ recruiter)")
        choices = QButtonGroup(self)
        choices.addButton(self.pack_choice)
        choices.addButton(self.bundle_choice)
        self.interviewer = QComboBox()
        self.interviewer.setAccessibleName("Interviewer")
        for uuid, name in people:
            self.interviewer.addItem(name, uuid)
        self.include_closed = QCheckBox("Include hired, rejected and withdrawn candidates")
        self.file = _FileField(save=True)
        self.passphrase = _password_field("at least 8 characters")
        self.passphrase.setAccessibleName("Panel passphrase")
        self.repeat = _password_field("the same again")
        self.repeat.setAccessibleName("Repeat passphrase")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close
        )
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText("Export")

        form = QFormLayout()
        form.addRow("Interviewer", self.interviewer)
        form.addRow("", self.include_closed)
        form.addRow("File", self.file)
        form.addRow("Panel passphrase", self.passphrase)
        form.addRow("Repeat", self.repeat)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pack_choice)
        layout.addWidget(self.bundle_choice)
        layout.addLayout(form)
        layout.addWidget(
            QLabel(
                "Send the file by any means; tell the passphrase another way (in person, "
                "by phone). Without it the file cannot be opened."
            )
        )
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.pack_choice.toggled.connect(self._kind_changed)
        self.interviewer.currentIndexChanged.connect(self._suggest_name)
        self.buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self._export)
        self.bundle_choice.setEnabled(me is not None)
        if me is None:
            self.bundle_choice.setToolTip("Choose who you are first (File → Switch interviewer)")
        (self.pack_choice if people else self.bundle_choice).setChecked(True)
        self._kind_changed()

    def kind(self) -> FileKind:
        return FileKind.PANEL_PACK if self.pack_choice.isChecked() else FileKind.SCORECARD_BUNDLE

    def _kind_changed(self) -> None:
        pack = self.kind() is FileKind.PANEL_PACK
        self.interviewer.setEnabled(pack)
        self.include_closed.setEnabled(pack)
        self._suggest_name()

    def _chosen(self) -> tuple[str, str] | None:
        if self.kind() is FileKind.SCORECARD_BUNDLE:
            return self._me
        uuid = self.interviewer.currentData()
        return (uuid, self._names[uuid]) if uuid else None

    def _suggest_name(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        name = exchange.suggested_file_name(self.kind(), chosen[1])
        self.file.edit.setText(str(self._folder / name))

    def _export(self) -> None:
        chosen = self._chosen()
        path = self.file.path()
        if chosen is None:
            self.show_error("Choose an interviewer first.")
            return
        if path is None:
            self.show_error("Choose where to save the file.")
            return
        if self.passphrase.text() != self.repeat.text():
            self.show_error("The two passphrases differ.")
            return
        self.exportRequested.emit(
            ExportRequest(
                kind=self.kind(),
                interviewer_uuid=chosen[0],
                path=path,
                passphrase=self.passphrase.text(),
                include_closed=self.include_closed.isChecked(),
            )
        )

    def set_busy(self, busy: bool) -> None:
        self.export_button.setEnabled(not busy)
        if busy:
            self.message.setText("Sealing the file…")

    def show_error(self, text: str) -> None:
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(text)

    def show_done(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)
        self.passphrase.clear()
        self.repeat.clear()
        self.export_button.setEnabled(False)


class ImportDialog(QDialog):
    """Open a pack or bundle, show what will change, and import it on confirmation."""

    previewRequested = Signal(object, str)
    """(path, passphrase)"""
    applyRequested = Signal()
    resolutionsChanged = Signal(object)
    """A dict of conflict key -> :class:`~interview_kit.services.exchange.Resolution`."""

    def __init__(self, path: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import")
        self.resize(640, 460)
        self.file = _FileField(save=False)
        self.passphrase = _password_field("the panel passphrase")
        self.passphrase.setAccessibleName("Panel passphrase")
        self.preview_button = QPushButton("Preview")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold;")
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName("What will change")
        self.conflicts = QWidget()
        self.conflicts.setAccessibleName("Conflicts")
        self._conflict_layout = QVBoxLayout(self.conflicts)
        self._conflict_layout.setContentsMargins(0, 0, 0, 0)
        self.conflicts.hide()
        self.choice_boxes: dict[str, QComboBox] = {}
        self._choices: dict[str, exchange.Resolution] = {}
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("Import")
        self.import_button.setEnabled(False)

        form = QFormLayout()
        form.addRow("File", self.file)
        row = QHBoxLayout()
        row.addWidget(self.passphrase, 1)
        row.addWidget(self.preview_button)
        form.addRow("Panel passphrase", row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.conflicts)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)

        self.preview_button.clicked.connect(self._preview)
        self.passphrase.returnPressed.connect(self._preview)
        self.file.changed.connect(self._forget_preview)
        self.passphrase.textChanged.connect(self._forget_preview)
        self.import_button.clicked.connect(self.applyRequested)
        self.buttons.rejected.connect(self.reject)
        if path is not None:
            self.file.edit.setText(str(path))
            self.passphrase.setFocus()

    def _preview(self) -> None:
        path = self.file.path()
        if path is None:
            self.show_problem("Choose a pack or bundle to import.")
            return
        self.previewRequested.emit(path, self.passphrase.text())

    def _forget_preview(self) -> None:
        self.import_button.setEnabled(False)
        self._choices.clear()

    def resolutions(self) -> dict[str, exchange.Resolution]:
        return dict(self._choices)

    def _show_conflicts(self, conflicts: tuple[ConflictView, ...]) -> None:
        """A box per conflict: what is stored and what arrives side by side, and a choice."""
        while self._conflict_layout.count():
            item = self._conflict_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.choice_boxes.clear()
        self.conflicts.setVisible(bool(conflicts))
        for conflict in conflicts:
            box = QWidget()
            rows = QFormLayout(box)
            rows.setContentsMargins(0, 4, 0, 4)
            title = QLabel(conflict.title)
            title.setWordWrap(True)
            title.setStyleSheet("font-weight: bold;")
            rows.addRow(title)
            sides = QHBoxLayout()
            for heading, lines in (
                ("Stored here", conflict.stored),
                ("Arriving", conflict.incoming),
            ):
                side = QLabel(
                    f"<b>{heading}</b><br>" + "<br>".join(_escaped(line) for line in lines)
                )
                side.setWordWrap(True)
                side.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                sides.addWidget(side, 1)
            rows.addRow(sides)
            combo = QComboBox()
            combo.setAccessibleName(f"Settle {conflict.key}")
            combo.addItem("Choose…", None)
            for choice in conflict.choices:
                combo.addItem(choice.label, choice)
            if conflict.chosen is not None:
                combo.setCurrentIndex(combo.findData(conflict.chosen))
            combo.currentIndexChanged.connect(
                lambda _index, key=conflict.key, widget=combo: self._chose(key, widget)
            )
            rows.addRow("Keep", combo)
            self.choice_boxes[conflict.key] = combo
            self._conflict_layout.addWidget(box)

    def _chose(self, key: str, combo: QComboBox) -> None:
        chosen = combo.currentData()
        if chosen is None:
            self._choices.pop(key, None)
        else:
            self._choices[key] = exchange.Resolution(chosen)  # Qt hands back the plain text
        self.import_button.setEnabled(False)
        self.resolutionsChanged.emit(dict(self._choices))

    def set_busy(self, text: str) -> None:
        self.preview_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.summary.setStyleSheet("font-weight: bold;")
        self.summary.setText(text)

    def show_preview(self, view: PreviewView) -> None:
        self.preview_button.setEnabled(True)
        self.heading.setText(view.heading)
        self.summary.setStyleSheet("font-weight: bold;" if view.can_apply else "color: #b00020;")
        unsettled = any(conflict.chosen is None for conflict in view.conflicts)
        if view.can_apply:
            text = view.summary
        elif unsettled:
            text = "Choose below which version to keep for each conflict: " + view.summary
        else:
            text = "This file cannot be imported: " + view.summary
        self.summary.setText(text)
        self.details.setPlainText("\n".join(view.lines))
        self._show_conflicts(view.conflicts)
        self.import_button.setEnabled(view.can_apply and view.has_changes)

    def show_problem(self, message: str, details: tuple[str, ...] = ()) -> None:
        self.preview_button.setEnabled(True)
        self.import_button.setEnabled(False)
        self.heading.clear()
        self.summary.setStyleSheet("color: #b00020;")
        self.summary.setText(message)
        self.details.setPlainText("\n".join(details))

    def show_applied(self, text: str) -> None:
        self.preview_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.summary.setStyleSheet("font-weight: bold;")
        self.summary.setText(text)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        close.setText("Close")


class ExchangeActions(QObject):
    """Answers File → Export, File → Import and files dropped on the window."""

    imported = Signal(object)
    """The applied :class:`~interview_kit.services.exchange.Plan`: lists should reload."""

    def __init__(
        self,
        window: QWidget,
        database: Callable[[], Any],
        me: Callable[[], tuple[str, str] | None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self._database = database
        self._me = me
        self.export_dialog: ExportDialog | None = None
        self.import_dialog: ImportDialog | None = None
        self._opened: exchange.OpenedFile | None = None
        self._fingerprint: str | None = None
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    # -- export ----------------------------------------------------------------------
    def open_export(self) -> ExportDialog | None:
        db = self._database()
        if db is None:
            return None
        people = [(p.uuid, p.name) for p in interviewers.list_interviewers(db)]
        dialog = ExportDialog(people, self._me(), Path.home(), self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exportRequested.connect(lambda request: self._export(dialog, request))
        self.export_dialog = dialog
        dialog.open()
        return dialog

    def _export(self, dialog: ExportDialog, request: ExportRequest) -> None:
        db = self._database()
        if db is None:
            return
        dialog.set_busy(True)

        def work(_handle: object) -> exchange.ExportResult:
            if request.kind is FileKind.PANEL_PACK:
                return exchange.export_panel_pack(
                    db,
                    request.interviewer_uuid,
                    request.path,
                    request.passphrase,
                    include_closed=request.include_closed,
                    overwrite=True,
                )
            return exchange.export_scorecard_bundle(
                db, request.interviewer_uuid, request.path, request.passphrase, overwrite=True
            )

        def done(result: exchange.ExportResult) -> None:
            dialog.show_done(result.describe() + ".")

        def failed(error: BaseException) -> None:
            dialog.set_busy(False)
            dialog.show_error(_message(error))

        run_in_background(work, done, failed)

    # -- import ----------------------------------------------------------------------
    def open_import(self, path: Path | None = None) -> ImportDialog | None:
        if self._database() is None:
            return None
        if self.import_dialog is not None:
            self.import_dialog.close()
        dialog = ImportDialog(path, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.previewRequested.connect(lambda p, phrase: self._preview(dialog, p, phrase))
        dialog.applyRequested.connect(lambda: self._apply(dialog))
        dialog.resolutionsChanged.connect(lambda chosen: self._replan(dialog, chosen))
        dialog.destroyed.connect(self._forget_dialog)
        self.import_dialog = dialog
        self._opened = None
        dialog.open()
        return dialog

    def _forget_dialog(self) -> None:
        self.import_dialog = None
        self._opened = None

    def _preview(self, dialog: ImportDialog, path: Path, passphrase: str) -> None:
        db = self._database()
        if db is None:
            return
        dialog.set_busy("Opening the file…")

        def work(_handle: object) -> tuple[exchange.OpenedFile, exchange.Plan]:
            opened = exchange.open_exchange_file(path, passphrase)
            return opened, exchange.preview_import(db, opened)

        def done(result: tuple[exchange.OpenedFile, exchange.Plan]) -> None:
            self._opened, plan = result
            self._fingerprint = plan.fingerprint()
            dialog.show_preview(preview_view(plan))

        def failed(error: BaseException) -> None:
            dialog.show_problem(_message(error), getattr(error, "details", ()))

        run_in_background(work, done, failed)

    def _replan(self, dialog: ImportDialog, chosen: dict[str, exchange.Resolution]) -> None:
        """The preview again with the person's choices (the file is already open)."""
        db, opened = self._database(), self._opened
        if db is None or opened is None:
            return
        resolutions = exchange.Resolutions(by_key=chosen)

        def work(_handle: object) -> exchange.Plan:
            return exchange.preview_import(db, opened, resolutions)

        def done(plan: exchange.Plan) -> None:
            self._fingerprint = plan.fingerprint()
            dialog.show_preview(preview_view(plan))

        def failed(error: BaseException) -> None:
            dialog.show_problem(_message(error), getattr(error, "details", ()))

        run_in_background(work, done, failed)

    def _apply(self, dialog: ImportDialog) -> None:
        db, opened, fingerprint = self._database(), self._opened, self._fingerprint
        if db is None or opened is None:
            return
        resolutions = exchange.Resolutions(by_key=dialog.resolutions())
        dialog.set_busy("Importing…")

        def work(_handle: object) -> exchange.Plan:
            return exchange.apply_import(
                db, opened, expected_fingerprint=fingerprint, resolutions=resolutions
            )

        def done(plan: exchange.Plan) -> None:
            dialog.show_applied("Imported. " + plan.summary().replace("Will ", "Did: ", 1))
            self.imported.emit(plan)

        def failed(error: BaseException) -> None:
            if isinstance(error, StaleEditError):
                dialog.show_problem(str(error))
                dialog.preview_button.setEnabled(True)
                return
            dialog.show_problem(_message(error), getattr(error, "details", ()))

        run_in_background(work, done, failed)

    # -- drag and drop ---------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.DragEnter:
            assert isinstance(event, QDragEnterEvent)
            if _dropped_file(event) is not None:
                event.acceptProposedAction()
                return True
        if watched is self.window and event.type() == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            path = _dropped_file(event)
            if path is not None:
                event.acceptProposedAction()
                self.open_import(path)
                return True
        return super().eventFilter(watched, event)


def _dropped_file(event: QDropEvent) -> Path | None:
    """The one local pack or bundle file being dragged, if that is what it is."""
    data = event.mimeData()
    if data is None or not data.hasUrls():
        return None
    urls = [url for url in data.urls() if url.isLocalFile()]
    if len(urls) != 1:
        return None
    path = Path(urls[0].toLocalFile())
    if path.suffix.lower() in (exchange.PACK_SUFFIX, exchange.BUNDLE_SUFFIX):
        return path
    return None


def _escaped(text: str) -> str:
    return html.escape(text, quote=False)


def _message(error: BaseException) -> str:
    if isinstance(error, ServiceError):
        return str(error)
    logger.error("exchange failed", exc_info=error)
    return f"Unexpected error: {error}"
