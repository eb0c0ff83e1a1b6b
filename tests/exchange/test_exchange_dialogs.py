"""File → Export, File → Import (with its preview) and drag and drop, on the real window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from panel_helpers import FAST_KDF, PASSPHRASE, open_db, set_up_panel, snapshot
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel

from interview_kit.gui.controller import Controller
from interview_kit.gui.exchange_dialogs import ExportDialog, ImportDialog
from interview_kit.gui.main_window import MainWindow
from interview_kit.gui.settings import AppSettings
from interview_kit.services import audit, candidates, exchange
from interview_kit.storage import Database


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dialogs seal with the default cost; a cheaper one keeps these tests quick."""
    for function in (exchange.export_panel_pack, exchange.export_scorecard_bundle):
        assert function.__kwdefaults__ is not None
        monkeypatch.setitem(function.__kwdefaults__, "kdf", FAST_KDF)


def start(qtbot: Any, tmp_path: Path, db: Database) -> tuple[MainWindow, Controller]:
    settings = AppSettings(tmp_path / "settings.ini")
    window = MainWindow(settings)
    qtbot.addWidget(window)
    controller = Controller(window, settings)
    controller.attach_database(db)
    window.show()
    qtbot.waitExposed(window)
    return window, controller


def click(qtbot: Any, widget: Any) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_export_a_panel_pack_from_the_file_menu(qtbot: Any, tmp_path: Path) -> None:
    db = open_db(tmp_path / "recruiter.sqlite3", "recruiter")
    panel = set_up_panel(db)
    window, controller = start(qtbot, tmp_path, db)

    window.ui.actionExport.trigger()
    dialog = controller.exchange.export_dialog
    assert isinstance(dialog, ExportDialog)
    qtbot.waitExposed(dialog)
    assert dialog.pack_choice.isChecked()
    assert not dialog.bundle_choice.isEnabled()  # nobody is "me" yet
    dialog.interviewer.setCurrentIndex(dialog.interviewer.findText("Mei Tanaka"))
    assert dialog.file.edit.text().endswith(".ikpack")
    assert "mei-tanaka" in dialog.file.edit.text()
    out = tmp_path / "for-mei.ikpack"
    dialog.file.edit.setText(str(out))
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.repeat, PASSPHRASE + "x")
    click(qtbot, dialog.export_button)
    assert "differ" in dialog.message.text()
    assert not out.exists()

    dialog.repeat.clear()
    qtbot.keyClicks(dialog.repeat, PASSPHRASE)
    click(qtbot, dialog.export_button)
    qtbot.waitUntil(lambda: "Wrote panel pack for Mei Tanaka" in dialog.message.text())
    assert out.exists()
    entry = audit.audit_entries(db, action="exchange.pack_exported")[0]
    assert entry.subject_uuid == panel.interviewers["Mei Tanaka"]
    db.close()


def test_export_refusal_is_shown_in_the_dialog(qtbot: Any, tmp_path: Path) -> None:
    db = open_db(tmp_path / "recruiter.sqlite3", "recruiter")
    set_up_panel(db)
    _window, controller = start(qtbot, tmp_path, db)
    dialog = controller.exchange.open_export()
    assert dialog is not None
    qtbot.keyClicks(dialog.passphrase, "short")
    qtbot.keyClicks(dialog.repeat, "short")
    click(qtbot, dialog.export_button)
    qtbot.waitUntil(lambda: "at least 8 characters" in dialog.message.text())
    assert dialog.export_button.isEnabled()
    db.close()


def _pack_for_mei(tmp_path: Path) -> tuple[Path, str]:
    with open_db(tmp_path / "recruiter.sqlite3", "recruiter") as recruiter:
        panel = set_up_panel(recruiter)
        mei = panel.interviewers["Mei Tanaka"]
        pack = tmp_path / "mei.ikpack"
        exchange.export_panel_pack(recruiter, mei, pack, PASSPHRASE, kdf=FAST_KDF)
    return pack, mei


def test_import_shows_what_will_change_before_it_changes(qtbot: Any, tmp_path: Path) -> None:
    pack, mei = _pack_for_mei(tmp_path)
    db = open_db(tmp_path / "laptop.sqlite3", "mei")
    window, controller = start(qtbot, tmp_path, db)
    before = snapshot(db)

    window.ui.actionImport.trigger()
    dialog = controller.exchange.import_dialog
    assert isinstance(dialog, ImportDialog)
    dialog.file.edit.setText(str(pack))
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    click(qtbot, dialog.preview_button)
    qtbot.waitUntil(lambda: dialog.summary.text().startswith("Will add"))
    assert "Panel pack for Mei Tanaka" in dialog.heading.text()
    assert "Add candidate Zoë Lefèvre" in dialog.details.toPlainText()
    assert dialog.import_button.isEnabled()
    assert snapshot(db) == before  # nothing written by the preview

    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: dialog.summary.text().startswith("Imported."))
    assert candidates.list_candidates(db).total == 2
    assert controller.context.interviewer is not None
    assert controller.context.interviewer.uuid == mei
    db.close()


def test_import_with_wrong_passphrase_explains_and_writes_nothing(
    qtbot: Any, tmp_path: Path
) -> None:
    pack, _mei = _pack_for_mei(tmp_path)
    db = open_db(tmp_path / "laptop.sqlite3", "mei")
    _window, controller = start(qtbot, tmp_path, db)
    before = snapshot(db)
    dialog = controller.exchange.open_import(pack)
    assert dialog is not None
    qtbot.keyClicks(dialog.passphrase, "not the passphrase")
    click(qtbot, dialog.preview_button)
    qtbot.waitUntil(lambda: "passphrase does not open" in dialog.summary.text())
    assert not dialog.import_button.isEnabled()
    assert snapshot(db) == before
    db.close()


def _drag(kind: Any, *rest: Any) -> Any:
    """A drag event at (50, 50): PySide6 6.12 takes the point as QPointF, 6.11 as QPoint."""
    try:
        return kind(QPointF(50, 50), *rest)
    except TypeError:
        return kind(QPoint(50, 50), *rest)


def test_dropping_a_pack_on_the_window_opens_the_import(qtbot: Any, tmp_path: Path) -> None:
    pack, _mei = _pack_for_mei(tmp_path)
    db = open_db(tmp_path / "laptop.sqlite3", "mei")
    window, controller = start(qtbot, tmp_path, db)

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(pack))])
    actions = Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = _drag(QDragEnterEvent, actions, data, buttons, keys)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = _drag(QDropEvent, actions, data, buttons, keys)
    QApplication.sendEvent(window, drop)
    dialog = controller.exchange.import_dialog
    assert isinstance(dialog, ImportDialog)
    assert dialog.file.edit.text() == str(pack)

    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    refused = _drag(QDragEnterEvent, actions, other, buttons, keys)
    refused.ignore()
    QApplication.sendEvent(window, refused)
    assert not refused.isAccepted()
    db.close()


def test_import_dialog_settles_a_conflict_side_by_side(qtbot: Any, tmp_path: Path) -> None:
    """Recruiter and Mei both amended one scorecard: the dialog shows both sides, the
    recruiter picks "Keep both", and the rest of the file imports with it."""
    from test_conflicts_settled import Loop

    from interview_kit.gui.exchange_dialogs import ImportDialog as Dialog
    from interview_kit.services import scorecard_reads
    from tests.support.user import User

    opened: list[Database] = []

    def new_db(actor: str) -> Database:
        db = open_db(tmp_path / f"{actor}-{len(opened)}.sqlite3", actor)
        opened.append(db)
        return db

    loop = Loop(new_db, tmp_path)
    bundle = loop.bundle("second")
    user = User(qtbot)
    window, controller = start(qtbot, tmp_path, loop.recruiter)
    user.menu(window, "File", "Import…")
    dialog = controller.exchange.import_dialog
    assert isinstance(dialog, Dialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    user.click(dialog.file.edit)
    user.type(str(bundle))
    user.click(dialog.passphrase)
    user.type(PASSPHRASE)
    user.click(dialog.preview_button)
    combo_key = f"amendments:{loop.card}"
    qtbot.waitUntil(
        lambda: combo_key in dialog.choice_boxes and dialog.choice_boxes[combo_key].isVisible()
    )
    assert not dialog.import_button.isEnabled()
    shown = " ".join(label.text() for label in dialog.conflicts.findChildren(QLabel))
    assert "Stored here" in shown
    assert "Arriving" in shown
    assert "recruiter's correction" in shown
    assert "Mei changed her mind" in shown
    before = snapshot(loop.recruiter)

    user.choose(user.scroll_to(dialog.choice_boxes[combo_key]), "Keep both")
    qtbot.waitUntil(dialog.import_button.isEnabled)
    assert "1 conflict settled as chosen" in dialog.summary.text()
    assert snapshot(loop.recruiter) == before
    user.click(dialog.import_button)
    qtbot.waitUntil(lambda: dialog.summary.text().startswith("Imported."))
    reasons = [
        a.reason for a in scorecard_reads.get_scorecard(loop.recruiter, loop.card).amendments
    ]
    assert reasons == ["recruiter's correction", "Mei changed her mind"]
    for db in opened:
        db.close()
