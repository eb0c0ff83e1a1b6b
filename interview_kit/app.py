"""Start the Interview Kit desktop app.

``interview-kit-app [--db PATH|URL] [--demo] [--settings FILE]``: opens (creating and
migrating if need be) the database, shows the main window and asks who is scoring on
first start. The look follows the platform: no style or palette is forced, so light and
dark modes come from the desktop.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from interview_kit import __version__
from interview_kit.gui.main_window import MainWindow
from interview_kit.gui.settings import AppSettings, DatabaseSource, choose_database
from interview_kit.paths import resource_path

# Opening needs only the storage engine; the services (and the rubric model behind them)
# load after the window's first frame, so the window appears as fast as a bare one.
from interview_kit.storage import DatabaseOpenError, open_database

if TYPE_CHECKING:
    from interview_kit.gui.controller import Controller
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
        window.firstPainted.connect(lambda: finish_start(app, demo=args.demo))
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


def finish_start(app: App, *, demo: bool = False) -> bool:
    """Build the pages, wire them to the services and show the data."""
    from interview_kit.gui.controller import Controller, load_demo_data
    from interview_kit.services.errors import ServiceError

    if app.controller is not None:
        return True
    if demo:
        try:
            if _is_empty(app.db):
                load_demo_data(app.db)
        except ServiceError as exc:
            _database_error(f"The demo data could not be loaded: {exc}")
            app.db.close()
            app.window.close()
            return False
    controller = Controller(app.window, app.settings)
    controller.database_switch.source = app.database_source
    controller.add_sections()
    controller.attach_database(app.db)
    app.window.hide_loading()
    controller.start()
    app.controller = controller
    # What start-up built lives as long as the app: keep it out of the cycle collector's
    # full passes, which otherwise pause a keystroke now and then by 50-70 ms at 10k rows.
    gc.freeze()
    return True


def _is_empty(db: Database) -> bool:
    from interview_kit.services import candidates

    page = candidates.list_candidates(db, candidates.CandidateQuery(limit=1))
    return not page.total


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
