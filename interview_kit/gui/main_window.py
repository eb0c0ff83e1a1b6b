"""The application shell: navigation on the left, one page at a time on the right.

Pages are plain widgets registered with :meth:`MainWindow.add_page`; they emit intent
signals and never touch the database. Each section's wiring (listed in
:mod:`interview_kit.gui.sections`) connects those signals to services.

The shell also keeps the window usable on small screens and by keyboard: it never grows
past the screen (its minimum is :data:`MINIMUM_SIZE`, and push buttons whose labels do not
fit draw them elided, whole in the tooltip); *Go* and *Edit* menus carry the navigation
and find shortcuts; *Help* lists every shortcut and opens the bundled user guide (F1);
a focus ring follows the keyboard focus in every window; and the window reopens where it
was left (geometry, section, splitters).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QGuiApplication,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QProgressDialog,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from interview_kit import __version__, paths
from interview_kit.gui.generated.ui_main_window import Ui_MainWindow
from interview_kit.gui.operations import WriteQueue
from interview_kit.gui.settings import AppSettings

QUIT_WAIT_S = 20.0
"""How long quitting waits for writes still on their way; a draft's edits not stored by
then are in its journal (see ``gui/stage_walk/journal.py``) and stored at the next start."""
MINIMUM_SIZE = QSize(960, 600)
"""The smallest the window may be made; every section stays usable at 1024×700."""

USER_GUIDE = "user-guide.md"
"""The bundled user guide (F1), in the docs folder shipped with the app."""


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
        self._searches: dict[str, str] = {}
        self._restored_section = settings.section()
        self.elider = ButtonElider(self)
        self.focus_rings = FocusRings(self, on_window=self._adopt_window)
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
        self.database_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
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
        self._add_menus()
        self._database_name = ""
        self._update_title()

        self.setMinimumSize(MINIMUM_SIZE)
        geometry = settings.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.keep_on_screen()

    # -- menus -----------------------------------------------------------------------
    def _add_menus(self) -> None:
        """Edit (find), Go (one entry per section) and Help's shortcuts and user guide."""
        bar = self.menuBar()
        self.menu_edit = QMenu("&Edit", self)
        self.action_find = QAction("&Find in this section", self)
        self.action_find.setShortcut(QKeySequence.StandardKey.Find)
        self.action_find.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action_find.triggered.connect(self.focus_search)
        self.menu_edit.addAction(self.action_find)
        self.menu_go = QMenu("&Go", self)
        self._go_actions: list[QAction] = []
        self.menu_section = QMenu("&Section", self)
        self.menu_section.aboutToShow.connect(self._fill_section_menu)
        help_action = self.ui.menuHelp.menuAction()
        bar.insertMenu(help_action, self.menu_edit)
        bar.insertMenu(help_action, self.menu_go)
        bar.insertMenu(help_action, self.menu_section)
        self.ui.pages.currentChanged.connect(lambda _index: self._fill_section_menu())
        # Buttons a page's wiring adds after the page came in get the same care when shown.
        self.ui.pages.currentChanged.connect(
            lambda index: (
                self.elider.adopt(self.ui.pages.widget(index))
                if self.ui.pages.widget(index) is not None
                else None
            )
        )
        self.action_user_guide = QAction("&User guide", self)
        self.action_user_guide.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.action_user_guide.triggered.connect(self.open_user_guide)
        self.action_shortcuts = QAction("&Keyboard shortcuts", self)
        self.action_shortcuts.triggered.connect(self.show_shortcuts)
        first = self.ui.menuHelp.actions()[0] if self.ui.menuHelp.actions() else None
        self.ui.menuHelp.insertAction(first, self.action_user_guide)
        self.ui.menuHelp.insertAction(first, self.action_shortcuts)
        if first is not None:
            self.ui.menuHelp.insertSeparator(first)
        self.shortcuts_dialog: ShortcutsDialog | None = None

    def _fill_section_menu(self) -> None:
        """Section: the shortcuts of the page showing (a stage walk's too), each with its
        keys, so every shortcut is shown in a menu."""
        menu = self.menu_section
        menu.clear()
        page = self.ui.pages.currentWidget()
        found = _own_shortcuts(page) if page is not None else []
        for shortcut in found:
            keys = shortcut.key().toString(QKeySequence.SequenceFormat.NativeText)
            action = menu.addAction(f"{_describe_shortcut(shortcut)}\t{keys}")
            action.triggered.connect(shortcut.activated.emit)
        if not found:
            menu.addAction("No shortcuts of its own").setEnabled(False)

    def section_menu_entries(self) -> list[str]:
        self._fill_section_menu()
        return [a.text() for a in self.menu_section.actions() if a.isEnabled()]

    def focus_search(self) -> None:
        """Ctrl+F: put the focus in the current section's search field, its text selected."""
        key = self.current_page_key()
        name = self._searches.get(key or "")
        field = self._pages[key].findChild(QLineEdit, name) if key and name else None
        if field is None or not field.isVisible():
            self.ui.statusbar.showMessage("This section has nothing to search.", 4000)
            return
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        field.selectAll()

    def user_guide_path(self) -> Path:
        return paths.docs_dir() / USER_GUIDE

    def open_user_guide(self) -> None:
        """F1: the bundled user guide, in the system's viewer for it."""
        path = self.user_guide_path()
        if not path.is_file():
            self.ui.statusbar.showMessage(f"The user guide is missing: {path}", 8000)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def shortcuts(self) -> list[tuple[str, str, str]]:
        """Every keyboard shortcut of the window: (where, what, keys), menus first."""
        found: list[tuple[str, str, str]] = []
        for menu_action in self.menuBar().actions():
            menu = menu_action.menu()
            if not isinstance(menu, QMenu):
                continue
            for action in menu.actions():
                keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                if keys:
                    found.append((_plain(menu.title()), _plain(action.text()), keys))
        titles = {key: self.section_title(key) for key in self._pages}
        for shortcut in self.findChildren(QShortcut):
            keys = shortcut.key().toString(QKeySequence.SequenceFormat.NativeText)
            if not keys or not shortcut.isEnabled():
                continue
            owner = shortcut.parent()
            where = next(
                (
                    titles[key]
                    for key, page in self._pages.items()
                    if isinstance(owner, QWidget) and (owner is page or page.isAncestorOf(owner))
                ),
                "Window",
            )
            what = (
                shortcut.whatsThis() or shortcut.objectName() or f"{where}: a shortcut of its own"
            )
            found.append((where, what, keys))
        return found

    def show_shortcuts(self) -> None:
        """Help → Keyboard shortcuts: every shortcut, where it works and what it does."""
        if self.shortcuts_dialog is None:
            self.shortcuts_dialog = ShortcutsDialog(self)
        self.shortcuts_dialog.show_shortcuts(self.shortcuts())

    def _adopt_window(self, window: QWidget) -> None:
        """A dialog of this window gets what its pages get: eliding labels, and no
        destructive colour on a disabled button."""
        if window is not self and window.parentWidget() is not None:
            self.elider.adopt(window)

    # -- geometry --------------------------------------------------------------------
    def keep_on_screen(self) -> None:
        """Never larger than the screen it is on, nor hanging off it."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        room = screen.availableGeometry()
        smallest = MINIMUM_SIZE.boundedTo(room.size())
        if self.minimumSize() != smallest:
            self.setMinimumSize(smallest)  # a screen smaller than the minimum still fits
        size = self.size().boundedTo(room.size()).expandedTo(smallest)
        if size != self.size():
            self.resize(size)
        frame = self.frameGeometry()
        if not room.contains(frame):
            x = min(max(frame.x(), room.x()), room.right() - frame.width() + 1)
            y = min(max(frame.y(), room.y()), room.bottom() - frame.height() + 1)
            self.move(max(x, room.x()), max(y, room.y()))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            for page in self._pages.values():  # buttons the sections' wiring added
                self.elider.adopt(page)
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
    def add_page(
        self,
        key: str,
        title: str,
        page: QWidget,
        icon: QIcon | None = None,
        *,
        search: str | None = None,
    ) -> None:
        """Append a section to the navigation; ``key`` names it for :meth:`show_page`,
        ``search`` is the object name of its search field (Ctrl+F)."""
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
        if search:
            self._searches[key] = search
        self.elider.adopt(page)
        self._yield_window_shortcuts(page)
        for splitter in page.findChildren(QSplitter):
            state = self._settings.splitter_state(key, splitter.objectName())
            if state is not None and splitter.objectName():
                splitter.restoreState(state)
        number = len(self._pages)
        go = QAction(title, self)
        if number <= 9:
            go.setShortcut(QKeySequence(f"Ctrl+{number}"))
        go.triggered.connect(lambda _checked=False, k=key: self.show_page(k))
        self.menu_go.addAction(go)
        self._go_actions.append(go)
        # Start-up adds sections in turns: a refusal may come before its section, and a
        # section refused before this one came may be showing (the first allowed shows).
        refused = self._refusals.get(key, "")
        if refused:
            self.set_section_refusal(key, refused)
        current = self.current_page_key()
        if (
            self.ui.navigation.currentRow() < 0
            or key == self._restored_section
            or (current is not None and self._refusals.get(current) and not refused)
        ):
            self.show_page(key)

    def _yield_window_shortcuts(self, page: QWidget) -> None:
        """A page's own shortcut for a key the window's menus carry (Ctrl+F) would make
        the key ambiguous, so neither fired: the menu entry, which does the same, wins."""
        taken = {self.action_find.shortcut(), self.action_user_guide.shortcut()}
        taken |= {action.shortcut() for action in self._go_actions}
        for shortcut in page.findChildren(QShortcut):
            if shortcut.key() in taken:
                shortcut.setEnabled(False)

    def page(self, key: str) -> QWidget:
        return self._pages[key]

    def section_title(self, key: str) -> str:
        for row in range(self.ui.navigation.count()):
            item = self.ui.navigation.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                return item.text()
        return key

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
        self.elider.adopt(page)
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
        """Show which database is open, in the status bar and the window title."""
        self.database_label.setText(text)
        self.database_label.setToolTip(text)
        self._database_name = database_name(text.removeprefix("Database: "))
        self._update_title()

    def _update_title(self) -> None:
        name = f"{self._database_name} — " if self._database_name else ""
        self.setWindowTitle(f"{name}Interview Kit {__version__}")

    # -- leaving ---------------------------------------------------------------------
    def remember_state(self) -> None:
        """Where the window was left: geometry, section and every named splitter."""
        self._settings.set_window_geometry(self.saveGeometry())
        key = self.current_page_key()
        if key is not None:
            self._settings.set_section(key)
        for page_key, page in self._pages.items():
            for splitter in page.findChildren(QSplitter):
                if splitter.objectName():
                    self._settings.set_splitter_state(
                        page_key, splitter.objectName(), splitter.saveState()
                    )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._finishing:  # a second close while waiting for the last writes
            event.ignore()
            return
        self.remember_state()
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


def database_name(location: str) -> str:
    """A short name for the window title: the file's name, or a server database's name."""
    location = location.strip()
    if not location:
        return ""
    if "://" in location:
        rest = location.split("://", 1)[1]
        host = rest.split("@")[-1]
        server, _, name = host.partition("/")
        name = name.split("?")[0]
        return f"{name} on {server}" if name else server
    return Path(location).name


_STANDARD_WORDS = {
    QKeySequence.StandardKey.New: "New",
    QKeySequence.StandardKey.Save: "Save",
    QKeySequence.StandardKey.Print: "Print",
    QKeySequence.StandardKey.Close: "Close",
    QKeySequence.StandardKey.Find: "Find",
    QKeySequence.StandardKey.Refresh: "Refresh",
}
"""Words for a page's shortcut that does not describe itself (``setWhatsThis``)."""


def _describe_shortcut(shortcut: QShortcut) -> str:
    if shortcut.whatsThis():
        return shortcut.whatsThis()
    if shortcut.objectName():
        return shortcut.objectName()
    for standard, words in _STANDARD_WORDS.items():
        if shortcut.key() in QKeySequence.keyBindings(standard):
            return words
    return shortcut.key().toString(QKeySequence.SequenceFormat.NativeText)


def _own_shortcuts(page: QWidget) -> list[QShortcut]:
    return [
        shortcut
        for shortcut in page.findChildren(QShortcut)
        if shortcut.isEnabled() and not shortcut.key().isEmpty()
    ]


_PLAIN_COLOUR = re.compile(r"\s*color:\s*([^;{}]+?)\s*;?\s*")
"""A style sheet that only colours a button's text."""


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _set_status_text(label: QLabel, text: str) -> None:
    """Permanent status-bar labels keep room for their whole text, up to a third of the
    window, so a long message never widens the window."""
    label.setText(text)
    label.setToolTip(text)
    wanted = label.fontMetrics().horizontalAdvance(text) + 12 if text else 0
    label.setMinimumWidth(min(wanted, MINIMUM_SIZE.width() // 3))


# ---------------------------------------------------------------------------------------


class ButtonElider(QObject):
    """What every push button of the app gets from the shell.

    - It may shrink below its label: the label is drawn elided, whole in the tooltip, so a
      long label ("Advance to Technical deep dive…") never widens the window.
    - A colour given by a style sheet (a destructive button's red) applies only while it
      is enabled, so a disabled destructive button never looks active.
    - Enter (and Return) press the focused button, as Space does, outside dialogs too.
    """

    SMALLEST_CHARACTERS = 5

    def adopt(self, root: QWidget) -> None:
        for button in root.findChildren(QPushButton):
            if button.property("elides"):
                continue
            button.setProperty("elides", True)
            policy = button.sizePolicy()
            if policy.horizontalPolicy() in (
                QSizePolicy.Policy.Minimum,
                QSizePolicy.Policy.Fixed,
            ):
                policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
                button.setSizePolicy(policy)
            smallest = button.fontMetrics().horizontalAdvance("M" * self.SMALLEST_CHARACTERS) + 24
            if button.minimumWidth() == 0:
                button.setMinimumWidth(min(button.sizeHint().width(), smallest))
            sheet = _PLAIN_COLOUR.fullmatch(button.styleSheet())
            if sheet:
                button.setStyleSheet(f"QPushButton:enabled {{ color: {sheet.group(1)}; }}")
            button.installEventFilter(self)

    @staticmethod
    def elided(button: QPushButton) -> bool:
        return button.width() < button.sizeHint().width()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QPushButton):
            return False
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            plain = event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
            if enter and plain and watched.isEnabled() and watched.menu() is None:
                watched.animateClick()
                return True
            return False
        if kind == QEvent.Type.Paint and self.elided(watched):
            self._paint(watched)
            return True
        if kind == QEvent.Type.ToolTip and self.elided(watched) and not watched.toolTip():
            QToolTip.showText(
                watched.mapToGlobal(watched.rect().bottomLeft()), _plain(watched.text()), watched
            )
            return True
        return False

    @staticmethod
    def _paint(button: QPushButton) -> None:
        option = QStyleOptionButton()
        button.initStyleOption(option)
        style = button.style()
        contents = style.subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
        room = contents.width() - 4
        if not option.icon.isNull():
            room -= option.iconSize.width() + 4
        if button.menu() is not None:
            room -= style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, button)
        metrics = button.fontMetrics()
        text = option.text
        if metrics.horizontalAdvance(_plain(text)) > room:
            text = metrics.elidedText(_plain(text), Qt.TextElideMode.ElideRight, max(room, 0))
        option.text = text
        painter = QStylePainter(button)
        painter.drawControl(QStyle.ControlElement.CE_PushButton, option)
        painter.end()


class FocusRing(QWidget):
    """A ring drawn around the widget with the keyboard focus, above everything in its
    window, so the focus is visible in every style and on every widget."""

    WIDTH = 2

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.target: QWidget | None = None
        self.hide()

    def follow(self, target: QWidget | None) -> None:
        self.target = target
        self.place()

    def place(self) -> None:
        if not shiboken6.isValid(self):
            return
        target = self.target
        window = self.parentWidget()
        if target is None or not shiboken6.isValid(target):
            self.target = None
            self.hide()
            return
        if window is None or not target.isVisible() or not target.hasFocus():
            self.hide()
            return
        area = target.visibleRegion().boundingRect()
        if area.isEmpty():
            self.hide()
            return
        top_left = target.mapTo(window, area.topLeft())
        margin = self.WIDTH + 1
        ring = QRect(top_left, area.size()).adjusted(-margin, -margin, margin, margin)
        self.setGeometry(ring.intersected(window.rect()))
        self.raise_()
        self.show()
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = self.palette().color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(colour, self.WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = self.WIDTH / 2
        painter.drawRoundedRect(self.rect().toRectF().adjusted(half, half, -half, -half), 3, 3)
        painter.end()


class FocusRings(QObject):
    """One :class:`FocusRing` per window, following ``QApplication.focusChanged``.

    Only the widget gaining the focus is touched: the one losing it may be on its way
    to deletion."""

    def __init__(self, parent: QObject, on_window: Callable[[QWidget], None] | None = None) -> None:
        super().__init__(parent)
        self._on_window = on_window
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    @staticmethod
    def ring_for(window: QWidget) -> FocusRing:
        ring = window.findChild(FocusRing, "focusRing", Qt.FindChildOption.FindDirectChildrenOnly)
        if ring is None:
            ring = FocusRing(window)
        return ring

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not shiboken6.isValid(self) or new is None or not shiboken6.isValid(new):
            return
        if isinstance(new, FocusRing):
            return
        window = new.window()
        if window is new:
            return
        new.installEventFilter(self)
        if self._on_window is not None:
            self._on_window(window)
        self.ring_for(window).follow(new)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        moved = event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Hide)
        if moved and isinstance(watched, QWidget) and watched.hasFocus():
            ring = watched.window().findChild(FocusRing, "focusRing")
            if ring is not None and ring.target is watched:
                QTimer.singleShot(0, ring.place)
        return False


class ShortcutsDialog(QDialog):
    """Help → Keyboard shortcuts: a table of every shortcut, where it works, what it does."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Tab and Shift+Tab move between controls; Enter presses the focused button or "
            "a dialog's default; Esc closes a dialog. The rest:"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Where", "What", "Keys"])
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        if isinstance(close, QAbstractButton):
            close.setDefault(True)
        layout.addWidget(buttons)
        self.resize(560, 460)

    def show_shortcuts(self, rows: list[tuple[str, str, str]]) -> None:
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            for column, text in enumerate(row):
                self.table.setItem(number, column, QTableWidgetItem(text))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)
        self.show()
        self.activateWindow()

    def listed(self) -> list[tuple[str, str, str]]:
        return [
            tuple(self.table.item(r, c).text() for c in range(3))  # type: ignore[misc]
            for r in range(self.table.rowCount())
        ]
