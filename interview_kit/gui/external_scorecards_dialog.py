"""*File → Import scorecards from Greenhouse or Lever…*: another system's export, read
through a mapping file, previewed, then imported.

Everything the import decides — what the mapping means, which candidate, stage and
criterion each rating lands on, what is already stored — is
:mod:`interview_kit.services.external_scorecards`; the preview is its dry run. Both the
preview (a write transaction rolled back) and the import go through the write queue, so
neither runs on the UI thread. See docs/external-scorecards.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from interview_kit import paths
from interview_kit.domain.wording import plural
from interview_kit.gui.operations import NOTHING, Changes
from interview_kit.services import external_scorecards
from interview_kit.services.errors import ServiceError
from interview_kit.services.external_scorecards import (
    ExternalImportError,
    ExternalImportResult,
    ExternalSource,
)

if TYPE_CHECKING:
    from interview_kit.gui.context import AppContext

TITLE = "Import scorecards from Greenhouse or Lever"
IMPORTED = Changes(scorecards=True, interviewers=True, candidates=True)
"""An import adds scorecards (and maybe interviewers); candidates' summaries follow."""
_COLUMNS = ("Scorecard", "Candidate", "Stage", "Interviewer", "Ratings", "State")


@dataclass(frozen=True)
class ImportRequest:
    """What the dialog asks to preview or import."""

    export: Path
    source: ExternalSource
    mapping: Path


def example_mapping(source: ExternalSource) -> Path:
    """The documented example mapping for ``source`` (shipped in docs/examples)."""
    return paths.docs_dir() / "examples" / f"{source.value}-mapping.toml"


class ExternalScorecardsDialog(QDialog):
    """Choose the export, its system and the mapping; preview; import. Emits intents."""

    previewRequested = Signal(object)
    """An :class:`ImportRequest` to dry-run."""
    importRequested = Signal(object)
    """The :class:`ImportRequest` previewed without problems."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.resize(860, 560)
        self.setMinimumSize(680, 480)  # below this the paths and the sentences clip
        self.result: ExternalImportResult | None = None
        self.previewed: ImportRequest | None = None
        self._source_chosen = False
        self._guessed_from = ""

        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.file = QLineEdit()
        self.file.setAccessibleName("Export file")
        self.file.setPlaceholderText("the JSON the other system exported")
        self.browse_file = QPushButton("&Browse…")
        self.browse_file.setAccessibleName("Browse for the export file")
        form.addRow(_label("&Export file:", self.file), _row(self.file, self.browse_file))

        self.source = QComboBox()
        self.source.setAccessibleName("Source system")
        for system in ExternalSource:
            self.source.addItem(system.label, system)
        self.source_note = QLabel()
        self.source_note.setWordWrap(True)
        form.addRow(
            _label("&Source system:", self.source),
            _row(self.source, self.source_note, stretch_last=True),
        )

        self.mapping = QLineEdit()
        self.mapping.setAccessibleName("Mapping file")
        self.mapping.setPlaceholderText("a .toml file: which attribute is which criterion, …")
        self.browse_mapping = QPushButton("B&rowse…")
        self.browse_mapping.setAccessibleName("Browse for the mapping file")
        form.addRow(_label("&Mapping file:", self.mapping), _row(self.mapping, self.browse_mapping))
        layout.addLayout(form)
        self.mapping_help = QLabel()
        self.mapping_help.setWordWrap(True)
        self.mapping_help.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.mapping_help)

        preview_row = QHBoxLayout()
        self.preview = QPushButton("&Preview")
        self.preview.setToolTip(
            "Check everything and show what would be imported; nothing is written"
        )
        preview_row.addWidget(self.preview)
        self.summary = QLabel("Choose the export and its mapping file, then Preview.")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Summary")
        preview_row.addWidget(self.summary, 1)
        layout.addLayout(preview_row)

        self.problems = _message_list("Problems")
        layout.addWidget(self.problems, 1)
        self.ignored = _message_list("Left out")
        self.ignored.setMaximumHeight(120)  # notes: the preview table keeps the room
        layout.addWidget(self.ignored)

        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setAccessibleName("Preview")
        self.table.setHorizontalHeaderLabels(list(_COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 2)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.import_button.setToolTip("Preview first; Import is possible once nothing is wrong")
        layout.addWidget(self.buttons)

        self.browse_file.clicked.connect(self._browse_file)
        self.browse_mapping.clicked.connect(self._browse_mapping)
        self.mapping.editingFinished.connect(self._guess_source)
        self.source.activated.connect(self._source_picked)
        self.preview.clicked.connect(self._preview)
        for edit in (self.file, self.mapping):
            edit.returnPressed.connect(self._preview)
            edit.textEdited.connect(self._stale)
        self.import_button.clicked.connect(self._import)
        self.buttons.rejected.connect(self.reject)
        self._show_mapping_help()

    # -- what the user chose ---------------------------------------------------------
    def chosen_source(self) -> ExternalSource:
        return ExternalSource(self.source.currentData())

    def request(self) -> ImportRequest | None:
        export, mapping = self.file.text().strip(), self.mapping.text().strip()
        if not export or not mapping:
            return None
        return ImportRequest(
            Path(export).expanduser(), self.chosen_source(), Path(mapping).expanduser()
        )

    def _browse_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Export file", self.file.text(), "JSON files (*.json);;All files (*)"
        )
        if chosen:
            self.file.setText(chosen)
            self._stale()

    def _browse_mapping(self) -> None:
        start = self.mapping.text() or str(example_mapping(self.chosen_source()).parent)
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Mapping file", start, "Mapping files (*.toml);;All files (*)"
        )
        if chosen:
            self.mapping.setText(chosen)
            self._stale()
            self._guess_source()

    def _source_picked(self, _index: int) -> None:
        self._source_chosen = True
        self.source_note.setText("")
        self._show_mapping_help()
        self._stale()

    def _guess_source(self) -> None:
        """The mapping file says which system it is for: follow it unless the user chose."""
        text = self.mapping.text().strip()
        if not text or text == self._guessed_from:
            return
        self._guessed_from = text
        try:
            said = external_scorecards.load_mapping(Path(text).expanduser()).source
        except ServiceError:  # the preview lists what is wrong with it
            return
        if self._source_chosen and said is not self.chosen_source():
            self.source_note.setText(f"The mapping file is for {said.label}.")
            return
        self.source.setCurrentIndex(self.source.findData(said))
        self.source_note.setText("as the mapping file says")
        self._show_mapping_help()

    def _show_mapping_help(self) -> None:
        example = example_mapping(self.chosen_source())
        shown = example if example.is_file() else f"docs/examples/{example.name}"
        self.mapping_help.setText(
            "The mapping file says which attribute is which criterion, what each rating "
            "word is worth, and which candidate and stage each scorecard belongs to; "
            f"docs/external-scorecards.md explains it. A worked example: {shown}"
        )

    # -- preview and import ----------------------------------------------------------
    def _stale(self) -> None:
        """A field changed since the preview: preview again before importing."""
        if self.result is not None or self.previewed is not None:
            self.result = None
            self.previewed = None
            self.import_button.setEnabled(False)
            self.summary.setText("Changed since the preview: Preview again.")

    def _preview(self) -> None:
        self._guess_source()
        wanted = self.request()
        if wanted is None:
            self.show_problems("Choose the export file and the mapping file first.", [])
            return
        self.set_busy(f"Checking {wanted.export.name} against {wanted.mapping.name}…")
        self.previewRequested.emit(wanted)

    def _import(self) -> None:
        if self.previewed is not None and self.result is not None:
            self.set_busy("Importing…")
            self.importRequested.emit(self.previewed)

    def set_busy(self, text: str) -> None:
        self.summary.setText(text)
        self.import_button.setEnabled(False)
        self.preview.setEnabled(False)

    def show_problems(self, headline: str, problems: list[str]) -> None:
        """Nothing can be imported: ``headline`` and every problem, with where it is."""
        self.result = None
        self.previewed = None
        self.preview.setEnabled(True)
        self.summary.setText(headline)
        self.problems.clear()
        self.problems.addItems(problems)
        self.problems.setVisible(bool(problems))
        self.ignored.hide()
        self.table.setRowCount(0)
        self.table.setHidden(bool(problems))  # the problems get the room
        self.import_button.setEnabled(False)

    def show_error(self, error: BaseException) -> None:
        if isinstance(error, ExternalImportError):
            self.show_problems(error.headline, [str(p) for p in error.problems])
        else:
            self.show_problems("Nothing was imported; fix this first:", [str(error)])

    def show_preview(self, wanted: ImportRequest, result: ExternalImportResult) -> None:
        self.preview.setEnabled(True)
        self.problems.hide()
        self.problems.clear()
        self._show_ignored(result)
        self._fill(result, "would be added")
        new = result.added
        already = sum(1 for card in result.scorecards if card.already_imported)
        if new:
            self.result = result
            self.previewed = wanted
            text = f"{plural(new, 'scorecard')} from {result.source.label} to import"
            if already:
                text += f"; {already} already imported"
            self.summary.setText(f"{text}. Nothing is written until you press Import.")
        else:
            self.result = None
            self.previewed = None
            self.summary.setText(
                f"Nothing new: {plural(already, 'scorecard')} already imported."
                if already
                else "The export holds no scorecards."
            )
        self.import_button.setEnabled(self.result is not None)

    def show_done(self, result: ExternalImportResult) -> None:
        self.result = None
        self.previewed = None
        self.preview.setEnabled(True)
        self._fill(result, "added")
        self.summary.setText(done_message(result))
        self.import_button.setEnabled(False)

    def _show_ignored(self, result: ExternalImportResult) -> None:
        self.ignored.clear()
        self.ignored.addItems(
            [
                f"Left out, the mapping names it nowhere: {unknown.kind.value} "
                f"{unknown.name!r} ({unknown.where})"
                for unknown in result.ignored
            ]
        )
        self.ignored.setVisible(bool(result.ignored))

    def _fill(self, result: ExternalImportResult, fresh: str) -> None:
        self.table.show()
        self.table.setRowCount(len(result.scorecards))
        for number, card in enumerate(result.scorecards):
            cells = (
                f"{result.source.label} {card.external_id}",
                card.candidate_name,
                card.stage_id,
                card.interviewer_name,
                str(card.ratings),
                "already imported" if card.already_imported else fresh,
            )
            for column, text in enumerate(cells):
                self.table.setItem(number, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()


def done_message(result: ExternalImportResult) -> str:
    text = f"Imported {plural(result.added, 'scorecard')} from {result.source.label}"
    if result.unchanged:
        text += f"; {result.unchanged} already imported"
    if result.interviewers_added:
        text += f"; {plural(result.interviewers_added, 'interviewer')} added"
    return text + "."


def _message_list(name: str) -> QListWidget:
    """A list of sentences, each wrapped whole, as tall as its lines (within reason)."""
    messages = QListWidget()
    messages.setAccessibleName(name)
    messages.setWordWrap(True)
    messages.setAlternatingRowColors(True)
    messages.setSpacing(2)
    messages.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    messages.hide()
    return messages


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def _row(field: QWidget, extra: QWidget, *, stretch_last: bool = False) -> QWidget:
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(field, 0 if stretch_last else 1)
    row.addWidget(extra, 1 if stretch_last else 0)
    return holder


class ExternalScorecardsActions(QObject):
    """Opens the dialog and hands its preview and import to the write queue."""

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.context = context
        self.dialog: ExternalScorecardsDialog | None = None

    def open(self) -> ExternalScorecardsDialog | None:
        if self.context.db is None:
            return None
        if self.dialog is not None:
            self.dialog.close()
        dialog = ExternalScorecardsDialog(self.context.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.previewRequested.connect(lambda wanted: self._run(dialog, wanted, dry_run=True))
        dialog.importRequested.connect(lambda wanted: self._run(dialog, wanted, dry_run=False))
        dialog.destroyed.connect(self._forget)
        self.dialog = dialog
        dialog.open()
        dialog.activateWindow()
        dialog.file.setFocus()
        return dialog

    def _forget(self) -> None:
        self.dialog = None

    def _run(
        self, dialog: ExternalScorecardsDialog, wanted: ImportRequest, *, dry_run: bool
    ) -> None:
        db = self.context.db
        if db is None:
            return

        def work() -> ExternalImportResult:
            return external_scorecards.import_external(
                db, wanted.export, wanted.source, wanted.mapping, dry_run=dry_run
            )

        def done(result: Any) -> None:
            if self.dialog is not dialog:
                return
            if dry_run:
                dialog.show_preview(wanted, result)
                return
            dialog.show_done(result)
            self.context.window.statusBar().showMessage(done_message(result), 8000)

        def failed(error: BaseException) -> None:
            if self.dialog is dialog:
                dialog.show_error(error)

        verb = "Checking" if dry_run else "Importing"
        self.context.writes.run(
            f"{verb} scorecards from {wanted.source.label}",
            work,
            changes=NOTHING if dry_run else IMPORTED,
            on_success=done,
            on_failure=failed,
        )
