"""The application shell: navigation on the left, one page at a time on the right.

Pages are plain widgets registered with :meth:`MainWindow.add_page`; they emit intent
signals and never touch the database. Each section's wiring (listed in
:mod:`interview_kit.gui.sections`) connects those signals to services.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import QLabel, QListWidgetItem, QMainWindow, QWidget

from interview_kit import __version__
from interview_kit.gui.generated.ui_main_window import Ui_MainWindow
from interview_kit.gui.settings import AppSettings


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

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self._settings = settings
        self._pages: dict[str, QWidget] = {}
        self._refusals: dict[str, str] = {}

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

    def set_section_refusal(self, key: str, refusal: str) -> None:
        """Grey out section ``key`` with ``refusal`` (why this sign-in may not use it) as
        its tooltip, or open it again (``""``). Off a refused section, the first allowed
        one shows."""
        self._refusals[key] = refusal
        navigation = self.ui.navigation
        for row in range(navigation.count()):
            item = navigation.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                flags = item.flags()
                enabled = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                item.setFlags(flags & ~enabled if refusal else flags | enabled)
                item.setToolTip(refusal)
                item.setStatusTip(refusal)
        if refusal and self.current_page_key() == key:
            allowed = [k for k in self._pages if not self._refusals.get(k)]
            if allowed:
                self.show_page(allowed[0])

    def section_refusal(self, key: str) -> str:
        """Why this sign-in may not open section ``key`` (``""``: it may)."""
        return self._refusals.get(key, "")

    def show_page(self, key: str) -> None:
        refusal = self._refusals.get(key, "")
        if refusal:
            self.statusBar().showMessage(refusal, 10000)
            return
        for row in range(self.ui.navigation.count()):
            if self.ui.navigation.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.ui.navigation.setCurrentRow(row)
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
        self._settings.set_window_geometry(self.saveGeometry())
        self._settings.sync()
        self.closing.emit()
        super().closeEvent(event)


def _set_status_text(label: QLabel, text: str) -> None:
    """Permanent status-bar labels keep room for their whole text."""
    label.setText(text)
    label.setMinimumWidth(label.fontMetrics().horizontalAdvance(text) + 12 if text else 0)
