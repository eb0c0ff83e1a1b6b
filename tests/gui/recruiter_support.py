"""Shared set-up for the recruiter and committee tests: a real database and the real app
window with every page registered and wired, as the app builds it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fresh_databases import fresh_demo, fresh_sqlite
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QWidget

from interview_kit.gui.controller import Controller
from interview_kit.gui.main_window import MainWindow
from interview_kit.gui.packet_dialogs import PacketProgressDialog
from interview_kit.gui.packet_runs import PacketRun
from interview_kit.gui.settings import AppSettings
from interview_kit.services import rubrics
from interview_kit.services.database import Database, open_database


@dataclass
class Shell:
    db: Database
    window: MainWindow
    controller: Controller

    def page(self, key: str) -> Any:
        return self.window.page(key)


def open_db(tmp_path: Path, *, with_demo: bool = False, candidates: int | None = None) -> Database:
    """This test's new database: the demo's (of ``candidates``), or an empty one holding
    the shipped rubric."""
    target, actor = tmp_path / "panel.sqlite3", "Riley Recruiter"
    if with_demo:
        return open_database(fresh_demo(target, candidates=candidates, actor=actor), actor=actor)
    db = open_database(fresh_sqlite(target), actor=actor)
    rubrics.ensure_default_rubric(db)
    return db


def settle(shell: Shell) -> None:
    """Wait for the writes the user asked for, the lists to read again and every read
    running off the UI thread to land (a person waits for the tables to fill)."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtTest import QTest

    assert shell.controller.context.writes.wait_idle(20)
    loaders = [
        loader
        for key in ("pipeline", "home")
        if (loader := getattr(shell.controller.sections.get(key), "loader", None)) is not None
    ]
    for _ in range(50):  # the view asks for a page a moment after the last one landed
        QTest.qWait(30)
        if not any(loader.busy for loader in loaders):
            break
        for loader in loaders:
            assert loader.wait_idle(20_000)
    pool = QThreadPool.globalInstance()
    for _ in range(50):  # an answer that lands may start the next read
        assert pool.waitForDone(20_000)
        QTest.qWait(10)
        if pool.activeThreadCount() == 0:
            break


def start_shell(qtbot: Any, tmp_path: Path, db: Database) -> Shell:
    settings = AppSettings(tmp_path / "settings.ini")
    window = MainWindow(settings)
    qtbot.addWidget(window)
    controller = Controller(window, settings)
    controller.add_sections()
    controller.attach_database(db)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return Shell(db, window, controller)


def grab_png(widget: QWidget, path: Path) -> QImage:
    """Render a widget offscreen to a PNG file and return the image read back."""
    widget.grab().save(str(path))
    image = QImage(str(path))
    assert not image.isNull(), f"{path} was not written"
    return image


def distinct_colours(image: QImage, step: int = 7) -> int:
    """How many distinct colours a sample of the image holds (a blank grab holds one)."""
    seen = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            seen.add(image.pixel(x, y))
    return len(seen)


def click(qtbot: Any, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_dialog(widget: QWidget, kind: type[QDialog] = QDialog) -> Any:
    """The dialog of ``kind`` showing over the widget's window, as a user sees it (``None``
    when none is); packet progress only when asked for by kind."""
    shown = [
        dialog
        for dialog in widget.window().findChildren(kind)
        if dialog.isVisible()
        and (kind is PacketProgressDialog or not isinstance(dialog, PacketProgressDialog))
    ]
    assert len(shown) <= 1, f"more than one dialog is showing: {shown}"
    return shown[0] if shown else None


def packet_run(widget: QWidget) -> PacketRun | None:
    """The packet run whose progress dialog is showing over the widget's window."""
    dialog = open_dialog(widget, PacketProgressDialog)
    return None if dialog is None else dialog.findChild(PacketRun)
