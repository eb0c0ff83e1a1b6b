"""Start the Interview Kit desktop app.

``interview-kit-app [--db PATH|URL] [--demo] [--settings FILE]``: opens (creating and
migrating if need be) the database, shows the main window and asks who is scoring on
first start. The look follows the platform: no style or palette is forced, so light and
dark modes come from the desktop.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from interview_kit import __version__
from interview_kit.gui.main_window import MainWindow
from interview_kit.gui.settings import AppSettings, DatabaseSource, choose_database
from interview_kit.gui.tasks import run_in_background
from interview_kit.paths import resource_path

# Opening needs only the storage engine; the services (and the rubric model behind them)
# load after the window's first frame, so the window appears as fast as a bare one.
from interview_kit.storage import DatabaseOpenError, open_database

if TYPE_CHECKING:
    from interview_kit.gui.context import AppContext
    from interview_kit.gui.controller import Controller
    from interview_kit.gui.home_wiring import HomeWiring
    from interview_kit.gui.sections import Section
    from interview_kit.storage import Database

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_DATABASE = 2


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="interview-kit-app", description="Interview Kit: structured interview panels."
    )
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="database file or URL (default: INTERVIEW_KIT_DB, else the one chosen in "
        "File → Database…, else a file in the user data folder)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="load the demo panel into an empty database"
    )
    parser.add_argument(
        "--settings", metavar="FILE", type=Path, help="settings file (default: the platform's)"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    known, _qt_args = parser.parse_known_args(argv)
    return known


@dataclass
class App:
    """A running app, as tests and benchmarks drive it.

    ``controller`` is ``None`` while the window shows but the pages are still being set
    up (see :func:`create_app` with ``defer``).
    """

    qt: QApplication
    window: MainWindow
    settings: AppSettings
    db: Database
    """The database opened at start-up (File → Database… may switch the controller's)."""
    controller: Controller | None = None
    database_source: DatabaseSource = DatabaseSource.DEFAULT


def application(argv: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    qt = QApplication([sys.argv[0] if sys.argv else "interview-kit-app", *argv])
    qt.setApplicationName("Interview Kit")
    qt.setOrganizationName("InterviewKit")
    qt.setApplicationVersion(__version__)
    qt.setApplicationDisplayName("Interview Kit")
    qt.setWindowIcon(QIcon(str(resource_path("icons", "interview-kit.svg"))))
    return qt


def create_app(
    argv: Sequence[str] | None = None, *, show: bool = True, defer: bool = False
) -> App | None:
    """Everything :func:`main` does short of running the event loop.

    The database is opened first (a bad one gets a clear message and ``None`` back);
    then the window shows. With ``defer`` the pages, services and data load once the
    window has painted its first frame, so the window appears as fast as a bare one;
    without it (tests) they load before this returns.
    """
    args = parse_args(argv)
    qt = application([])
    settings = AppSettings(args.settings)
    target, source = choose_database(args.db, settings.database_url, ask_password=_ask_password)
    try:
        db = open_database(target)
    except DatabaseOpenError as exc:
        _database_error(str(exc), source)
        return None
    window = MainWindow(settings)
    window.set_database(f"Database: {db.location}")
    app = App(qt, window, settings, db, database_source=source)
    if defer:
        window.show_loading("Opening the panel…")
        window.firstPainted.connect(lambda: finish_start(app, demo=args.demo, in_turns=True))
        if show:
            window.show()
        return app
    if show:
        window.show()
    if not finish_start(app, demo=args.demo):
        return None
    return app


def _ask_password(account: str) -> str | None:
    """No keyring holds the saved database's password: ask for it (not kept)."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    text, ok = QInputDialog.getText(
        None,
        "Database password",
        f"Password for {account}\n(no keyring on this computer to remember it):",
        QLineEdit.EchoMode.Password,
    )
    return text if ok else None


def finish_start(app: App, *, demo: bool = False, in_turns: bool = False) -> bool:
    """Build the pages, wire them to the services and show the data.

    Home comes first: it lists its first page of candidates through the Core list alone
    (neither the ORM nor the rubric model is imported yet). Then the rest: the
    controller and who is scoring, Home's stage titles and my interviews, each other
    section, and last the database is announced to every section. With ``in_turns``
    each of these steps runs in its own turn of the event loop, so the window answers
    between them (the app's start); without it (tests) all run before this returns.
    """
    if app.controller is not None:
        return True
    if demo:
        from interview_kit.gui.controller import load_demo_data
        from interview_kit.gui.home_wiring import database_is_empty
        from interview_kit.services.errors import ServiceError

        try:
            if database_is_empty(app.db):
                load_demo_data(app.db)
        except ServiceError as exc:
            _database_error(f"The demo data could not be loaded: {exc}")
            app.db.close()
            app.window.close()
            return False
    start = _Start(app)
    if not in_turns:
        start.show_home()
        for step in start.steps():
            step()
        return True
    pending = start.steps()

    def next_step() -> None:
        pending.pop(0)()
        if pending:
            # A timer, not a posted call: input, paints and other timers go between.
            QTimer.singleShot(1, next_step)

    start.show_home()

    # What the rest imports (the ORM, the models, the rubric model, the dialogs) loads
    # on a pool thread while the window answers, from when Home's list is painted (a
    # posted call, behind the paint); the steps go on when it is in.
    def warm_up() -> None:
        run_in_background(
            lambda _handle: _warm_up(app.db),
            lambda _done: next_step(),
            lambda _failed: next_step(),
            owner=app.window,
        )

    QTimer.singleShot(0, warm_up)
    return True


def _warm_up(db: Database) -> None:
    """Import, off the UI thread, what the steps after Home import on it: the controller
    (the ORM, the models, the rubric model and the dialogs come with it) and every
    section's page and wiring; and read the active rubric once, so its parse is cached
    when Home asks for its stage titles. A failure shows again, with its message, when
    a step does the same on the UI thread."""
    from interview_kit.gui.sections import SECTIONS

    importlib.import_module("interview_kit.gui.controller")
    for section in SECTIONS:
        for name in section.modules:
            importlib.import_module(name)
    from interview_kit.services import rubrics
    from interview_kit.services.errors import ServiceError

    with contextlib.suppress(ServiceError):
        rubrics.active_rubric(db)


class _Start:
    """The steps of :func:`finish_start`, sharing what they build."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.context: AppContext | None = None
        self.home: HomeWiring | None = None
        self.controller: Controller | None = None

    def steps(self) -> list[Callable[[], object]]:
        """What follows :meth:`show_home`, in order (every section after Home's)."""
        from interview_kit.gui.sections import SECTIONS

        found: list[Callable[[], object]] = [self.start_controller]
        found += [partial(self.add, section) for section in SECTIONS if section.key != "home"]
        found.append(self.finish)
        return found

    def show_home(self) -> None:
        from interview_kit.gui.context import AppContext
        from interview_kit.gui.home_wiring import HomeWiring
        from interview_kit.gui.sections import SECTIONS, add_section

        app = self.app
        self.context = AppContext(app.window, app.settings)
        self.context.db = app.db  # announced to every section once they are all built
        section = next(section for section in SECTIONS if section.key == "home")
        home = add_section(app.window, self.context, section)
        assert isinstance(home, HomeWiring)
        self.home = home
        home.show_first_page()
        app.window.hide_loading()

    def start_controller(self) -> None:
        from interview_kit.gui.controller import Controller

        app = self.app
        controller = Controller(app.window, app.settings, self.context)
        controller.database_switch.source = app.database_source
        controller.adopt("home", self.home)
        controller.start(home_listed=True)
        self.controller = controller

    def add(self, section: Section) -> None:
        assert self.controller is not None
        self.controller.add_section(section)

    def finish(self) -> None:
        controller = self.controller
        assert controller is not None
        controller.attach_database(self.app.db)
        self.app.controller = controller
        # What start-up built lives as long as the app: keep it out of the cycle
        # collector's full passes, which otherwise pause a keystroke now and then by
        # 50-70 ms at 10k rows; then let the collector go again (the command pauses it
        # while the app starts, see interview_kit.launch).
        gc.freeze()
        gc.enable()


def _database_error(message: str, source: DatabaseSource = DatabaseSource.DEFAULT) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "Interview Kit cannot open its database",
        message,
        QMessageBox.StandardButton.Close,
    )
    chosen = (
        "It was chosen in File → Database…; start once with --db PATH to open another one "
        "and choose again there. "
        if source is DatabaseSource.SETTING
        else ""
    )
    box.setInformativeText(
        f"Nothing was changed. {chosen}Start the app with --db to choose another database "
        "file, or move the file aside and start again to begin with an empty one."
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    # Migrations report each step at INFO; a user starting the app needs only problems.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    app = create_app(sys.argv[1:] if argv is None else argv, defer=True)
    if app is None:
        return EXIT_DATABASE
    try:
        return app.qt.exec()
    finally:
        if app.controller is not None and app.controller.context.db is not None:
            app.controller.context.db.close()  # the one in use, if the user switched
        app.db.close()


if __name__ == "__main__":
    raise SystemExit(main())
