"""*File → Import candidates…* (a CSV file, with its preview), *File → Import scorecards
from Greenhouse or Lever…* (``gui/external_scorecards_dialog.py``) and *File → Export to
spreadsheet* (the pipeline as shown, scores, decisions, calibration).

The dialog shows what :mod:`interview_kit.services.candidate_import` plans, and the
actions hand the import, and each export (which logs itself), to the write queue, so
neither runs on the UI thread. See docs/csv-import.md and docs/exports.md.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from interview_kit.gui.external_scorecards_dialog import ExternalScorecardsActions
from interview_kit.gui.operations import Changes
from interview_kit.gui.tasks import run_in_background
from interview_kit.services.people import Access

if TYPE_CHECKING:
    from interview_kit.gui.context import AppContext
    from interview_kit.services.candidate_import import ImportPlan
    from interview_kit.services.candidates import CandidateQuery

EXPORTS = (
    ("pipeline", "&Pipeline…"),
    ("scores", "&Scores…"),
    ("decisions", "&Decisions…"),
    ("calibration", "&Calibration…"),
)
IMPORT_REFUSAL = "Candidates and past scorecards are imported by a recruiter on a shared database."
_ACTION_WORDS = {"add": "Add", "update": "Update", "skip": "Unchanged"}


class CandidateImportDialog(QDialog):
    """Choose a CSV file, read its preview, import it. Emits intents; never writes."""

    previewRequested = Signal(object)
    """A :class:`Path` to read."""
    importRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import candidates")
        self.resize(760, 520)
        self.plan: ImportPlan | None = None
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel("CSV &file:"))
        self.file = QLineEdit()
        self.file.setAccessibleName("CSV file")
        self.file.setPlaceholderText("a .csv file: name, e-mail, source, origin, role, notes")
        row.itemAt(0).widget().setBuddy(self.file)  # type: ignore[union-attr]
        row.addWidget(self.file, 1)
        self.browse = QPushButton("&Browse…")
        row.addWidget(self.browse)
        self.read = QPushButton("&Preview")
        row.addWidget(self.read)
        layout.addLayout(row)
        self.summary = QLabel("Choose a file to see what it adds and updates.")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.problems = QListWidget()
        self.problems.setAccessibleName("Problems")
        self.problems.hide()
        layout.addWidget(self.problems)
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName("Preview")
        self.table.setHorizontalHeaderLabels(["Row", "Action", "Name", "E-mail", "Changes"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        layout.addWidget(self.buttons)

        self.browse.clicked.connect(self._browse)
        self.read.clicked.connect(self._preview)
        self.file.returnPressed.connect(self._preview)
        self.import_button.clicked.connect(self._import)
        self.buttons.rejected.connect(self.reject)

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Import candidates", self.file.text(), "CSV files (*.csv *.txt);;All files (*)"
        )
        if chosen:
            self.file.setText(chosen)
            self._preview()

    def _preview(self) -> None:
        text = self.file.text().strip()
        if text:
            self.previewRequested.emit(Path(text).expanduser())

    def _import(self) -> None:
        if self.plan is not None and not self.plan.problems:
            self.set_busy("Importing…")
            self.importRequested.emit()

    def set_busy(self, text: str) -> None:
        self.summary.setText(text)
        self.import_button.setEnabled(False)

    def show_problem(self, message: str) -> None:
        self.plan = None
        self.summary.setText(message)
        self.problems.hide()
        self.table.setRowCount(0)
        self.import_button.setEnabled(False)

    def show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        read = f"Read as {plan.encoding}, {plan.delimiter_name}-separated. "
        columns = ", ".join(f"{h} → {f}" for h, f in plan.columns)
        if plan.problems:
            count = len(plan.problems)
            self.summary.setText(
                f"{read}{count} problem{'s' if count != 1 else ''}: nothing can be imported "
                f"until the file is corrected. Columns: {columns}."
            )
        else:
            self.summary.setText(f"{read}{plan.describe().capitalize()}. Columns: {columns}.")
        self.problems.clear()
        self.problems.addItems([str(problem) for problem in plan.problems])
        self.problems.setVisible(bool(plan.problems))
        self.table.setRowCount(len(plan.preview))
        for number, row in enumerate(plan.preview):
            cells = (
                str(row.row),
                _ACTION_WORDS[row.action.value],
                row.name,
                row.email,
                ", ".join(row.changes),
            )
            for column, text in enumerate(cells):
                self.table.setItem(number, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.import_button.setEnabled(not plan.problems and plan.rows > 0)

    def show_done(self, plan: ImportPlan) -> None:
        self.plan = None
        self.summary.setText(f"Imported: {plan.describe()}.")
        self.import_button.setEnabled(False)


class InteropActions(QObject):
    """The File menu's import of candidates and exports to spreadsheets."""

    exported = Signal(object)
    """The :class:`~interview_kit.services.exports.ExportResult` of a finished export."""

    def __init__(
        self,
        context: AppContext,
        pipeline_query: Callable[[], CandidateQuery | None] = lambda: None,
    ) -> None:
        super().__init__(context)
        self.context = context
        self.pipeline_query = pipeline_query
        self.dialog: CandidateImportDialog | None = None
        self.external = ExternalScorecardsActions(context)
        self.import_actions: tuple[QAction, ...] = ()
        self.anonymise: QAction | None = None

    def install(self, menu: QMenu, before: QAction | None = None) -> None:
        importing = QAction("Import &candidates…", menu)
        importing.setToolTip("Add and update candidates from a CSV file, with a preview first")
        importing.triggered.connect(lambda _checked=False: self.open_import())
        external = QAction("Import scorecards from &Greenhouse or Lever…", menu)
        external.setToolTip(
            "Bring past scorecards in from another hiring system's export, through a mapping file"
        )
        external.triggered.connect(lambda _checked=False: self.external.open())
        self.import_actions = (importing, external)
        self.context.databaseChanged.connect(self._apply_role)
        exports = QMenu("Export to &spreadsheet", menu)
        for kind, title in EXPORTS:
            action = exports.addAction(title)
            action.triggered.connect(lambda _checked=False, k=kind: self.export(k))
        exports.addSeparator()
        self.anonymise = exports.addAction("&Anonymise names")
        self.anonymise.setCheckable(True)
        self.anonymise.setToolTip(
            "Write candidates under pseudonyms and interviewers as Interviewer 1, 2…,"
            " as a blind packet does"
        )
        if before is None:
            menu.addActions([importing, external])
            menu.addMenu(exports)
        else:
            menu.insertActions(before, [importing, external])
            menu.insertMenu(before, exports)
        if self.context.db is not None:
            self._apply_role()

    def _apply_role(self) -> None:
        """Imports are the recruiter's on a shared database (the database refuses the rest)."""
        db = self.context.db
        if db is None:
            return
        refusal = "" if db.access in (Access.FULL, Access.RECRUITER) else IMPORT_REFUSAL
        for action in self.import_actions:
            action.setEnabled(not refusal)
            action.setStatusTip(refusal)
            if refusal:
                action.setToolTip(refusal)

    # -- import ----------------------------------------------------------------------
    def open_import(self, path: Path | None = None) -> CandidateImportDialog | None:
        if self.context.db is None:
            return None
        if self.dialog is not None:
            self.dialog.close()
        dialog = CandidateImportDialog(self.context.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.previewRequested.connect(lambda p: self._preview(dialog, p))
        dialog.importRequested.connect(lambda: self._import(dialog))
        dialog.destroyed.connect(self._forget)
        self.dialog = dialog
        dialog.open()
        if path is not None:
            dialog.file.setText(str(path))
            self._preview(dialog, path)
        return dialog

    def _forget(self) -> None:
        self.dialog = None

    def _preview(self, dialog: CandidateImportDialog, path: Path) -> None:
        from interview_kit.services.candidate_import import plan_import

        db = self.context.db
        if db is None:
            return
        dialog.set_busy(f"Reading {path.name}…")
        run_in_background(
            lambda _handle: plan_import(db, path),
            lambda plan: self._shown(dialog, path, plan),
            lambda error: self._failed(dialog, error),
        )

    def _shown(self, dialog: CandidateImportDialog, path: Path, plan: Any) -> None:
        if self.dialog is dialog:
            dialog.show_plan(plan)
            dialog.setProperty("path", str(path))

    def _failed(self, dialog: CandidateImportDialog, error: BaseException) -> None:
        if self.dialog is dialog:
            dialog.show_problem(str(error))

    def _import(self, dialog: CandidateImportDialog) -> None:
        from interview_kit.services.candidate_import import import_candidates

        db = self.context.db
        path = Path(str(dialog.property("path") or dialog.file.text()))
        if db is None:
            return

        def done(plan: Any) -> None:
            if self.dialog is not dialog:
                return
            if plan.problems:  # the file or the database changed since the preview
                dialog.show_plan(plan)
                return
            dialog.show_done(plan)
            self.context.window.statusBar().showMessage(f"Imported {plan.describe()}", 8000)
            dialog.accept()

        self.context.writes.run(
            "Import candidates",
            lambda: import_candidates(db, path),
            changes=Changes(candidates=True),
            on_success=done,
            on_failure=lambda error: self._failed(dialog, error),
        )

    # -- export ----------------------------------------------------------------------
    def export(self, kind: str, path: Path | None = None) -> None:
        from interview_kit.services import exports

        db = self.context.db
        if db is None:
            return
        if path is None:
            chosen, chosen_filter = QFileDialog.getSaveFileName(
                self.context.window,
                f"Export {kind}",
                exports.default_file_name(kind, "xlsx"),
                "Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)",
            )
            if not chosen:
                return
            path = Path(chosen)
            if path.suffix.lower() not in (".xlsx", ".csv"):
                path = path.with_suffix(".csv" if "csv" in chosen_filter.lower() else ".xlsx")
        anonymise = self.anonymise is not None and self.anonymise.isChecked()
        options = exports.ExportOptions(
            viewer=self.context.viewer,
            query=self.pipeline_query() if kind == "pipeline" else None,
            anonymise=anonymise,
        )
        target = path

        def done(result: Any) -> None:
            self.context.window.statusBar().showMessage(
                f"Wrote {result.rows} rows of {kind}"
                + (", names anonymised," if anonymise else "")
                + f" to {result.path}",
                8000,
            )
            self.exported.emit(result)

        self.context.writes.run(
            f"Export {kind}",
            lambda: exports.export_sheet(db, kind, target, options=options, overwrite=True),
            changes=Changes(),
            on_success=done,
            on_failure=lambda error: self.context.show_error("Export failed", str(error)),
        )
