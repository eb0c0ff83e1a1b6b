"""The application shell: navigation on the left, one page at a time on the right.

Pages are plain widgets registered with :meth:`MainWindow.add_page`; they emit intent
signals and never touch the database. Each section's wiring (listed in
:mod:`interview_kit.gui.sections`) connects those signals to services.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import QLabel, QListWidgetItem, QMainWindow, QProgressDialog, QWidget

from interview_kit import __version__
from interview_kit.gui.generated.ui_main_window import Ui_MainWindow
from interview_kit.gui.operations import WriteQueue
from interview_kit.gui.settings import AppSettings

QUIT_WAIT_S = 20.0
"""How long quitting waits for writes still on their way; a draft's edits not stored by
then are in its journal (see ``gui/stage_walk/journal.py``) and stored at the next start."""


class MainWindow(QMainWindow):
    loadDemoRequested = Signal()
    importRequested = Signal()
    exportRequested = Signal()
    backupRequested = Signal()
    databaseRequested = Signal()
    """File → Database…: see or change which database the app works on."""
    switchInterviewerRequested = Signal()
    aboutRequested = Signal()
    closing = Signal()
    firstPainted = Signal()
    """Once, after the first frame is on screen: the moment to load everything else."""

    # Class defaults: event() runs during construction, before __init__ could set them.
    _painted = False
    _loading: QLabel | None = None
    _finishing = False

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self._settings = settings
        self._pages: dict[str, QWidget] = {}

        self.ui.navigation.setIconSize(QSize(20, 20))
        self.ui.navigation.setSpacing(2)
        self.ui.navigation.currentRowChanged.connect(self.ui.pages.setCurrentIndex)

        self.identity_label = QLabel()
        self.identity_label.setAccessibleName("Current interviewer")
        self.saved_label = QLabel()
        self.saved_label.setAccessibleName("Save status")
        self.database_label = QLabel()
        self.database_label.setAccessibleName("Database")
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ui.statusbar.addPermanentWidget(self.saved_label)
        self.ui.statusbar.addPermanentWidget(self.identity_label)
        self.ui.statusbar.addWidget(self.database_label, 1)

        self.ui.actionLoadDemo.triggered.connect(self.loadDemoRequested)
        self.ui.actionImport.triggered.connect(self.importRequested)
        self.ui.actionExport.triggered.connect(self.exportRequested)
        self.ui.actionBackup.triggered.connect(self.backupRequested)
        self.ui.actionDatabase.triggered.connect(self.databaseRequested)
        self.ui.actionSwitchInterviewer.triggered.connect(self.switchInterviewerRequested)
        self.ui.actionAbout.triggered.connect(self.aboutRequested)
        self.ui.actionQuit.triggered.connect(self.close)
        self.setWindowTitle(f"Interview Kit {__version__}")

        geometry = settings.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if not self._painted and event.type() == QEvent.Type.UpdateRequest:
            self._painted = True
            QTimer.singleShot(0, self.firstPainted.emit)
        return handled

    def show_loading(self, text: str) -> None:
        """A quiet placeholder while the sections are being set up."""
        if self._loading is None:
            self._loading = QLabel(text)
            self._loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._loading.setAccessibleName("Loading")
            self.ui.pages.addWidget(self._loading)
        self._loading.setText(text)
        self.ui.pages.setCurrentWidget(self._loading)

    def hide_loading(self) -> None:
        if self._loading is not None:
            self.ui.pages.removeWidget(self._loading)
            self._loading.deleteLater()
            self._loading = None
        if self.ui.navigation.currentRow() >= 0:
            self.ui.pages.setCurrentIndex(self.ui.navigation.currentRow())

    # -- pages -----------------------------------------------------------------------
    def add_page(self, key: str, title: str, page: QWidget, icon: QIcon | None = None) -> None:
        """Append a section to the navigation; ``key`` names it for :meth:`show_page`."""
        if key in self._pages:
            raise ValueError(f"page {key!r} is already registered")
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setSizeHint(QSize(0, 36))
        if icon is not None:
            item.setIcon(icon)
        self.ui.navigation.addItem(item)
        self.ui.pages.addWidget(page)
        self._pages[key] = page
        if self.ui.navigation.currentRow() < 0:
            self.ui.navigation.setCurrentRow(0)

    def page(self, key: str) -> QWidget:
        return self._pages[key]

    def show_page(self, key: str) -> None:
        for row in range(self.ui.navigation.count()):
            item = self.ui.navigation.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                self.ui.navigation.setCurrentRow(row)
                # After an overlay page (a stage walk) the row may already be current, so
                # no signal turns the page: show it here, highlighted, whatever came before.
                item.setSelected(True)
                self.ui.pages.setCurrentWidget(self._pages[key])
                return
        raise KeyError(key)

    def current_page_key(self) -> str | None:
        item = self.ui.navigation.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def show_overlay_page(self, page: QWidget) -> None:
        """Show a page that is not a navigation section (a stage walk, say)."""
        if self.ui.pages.indexOf(page) < 0:
            self.ui.pages.addWidget(page)
        self.ui.navigation.blockSignals(True)
        self.ui.navigation.clearSelection()
        self.ui.navigation.blockSignals(False)
        self.ui.pages.setCurrentWidget(page)

    # -- status ----------------------------------------------------------------------
    def set_identity(self, text: str) -> None:
        _set_status_text(self.identity_label, text)

    def set_saved(self, text: str) -> None:
        _set_status_text(self.saved_label, text)

    def set_database(self, text: str) -> None:
        self.database_label.setText(text)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._finishing:  # a second close while waiting for the last writes
            event.ignore()
            return
        self._settings.set_window_geometry(self.saveGeometry())
        self._settings.sync()
        self.closing.emit()
        self._finish_writes()
        super().closeEvent(event)

    def _finish_writes(self) -> None:
        """Wait for the writes still on their way, saying so; the user may stop waiting."""
        writes = self.findChild(WriteQueue)  # the app context's, a child of the window
        if writes is None or not writes.pending:
            return
        note = QProgressDialog("Saving your last changes…", "Quit without waiting", 0, 0, self)
        note.setWindowTitle("Saving before quitting")
        note.setAccessibleName("Saving before quitting")
        note.setMinimumDuration(0)
        note.setWindowModality(Qt.WindowModality.WindowModal)
        note.show()

        def keep_waiting(pending: list[str]) -> bool:
            note.setLabelText(
                f"{pending[0]}…" + (f" (and {len(pending) - 1} more)" if len(pending) > 1 else "")
            )
            return not note.wasCanceled()

        self._finishing = True
        try:
            writes.wait_idle(QUIT_WAIT_S, keep_waiting=keep_waiting)
        finally:
            self._finishing = False
            note.close()
            note.deleteLater()


def _set_status_text(label: QLabel, text: str) -> None:
    """Permanent status-bar labels keep room for their whole text."""
    label.setText(text)
    label.setMinimumWidth(label.fontMetrics().horizontalAdvance(text) + 12 if text else 0)
