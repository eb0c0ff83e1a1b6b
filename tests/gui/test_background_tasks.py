"""Work off the UI thread reports back to the UI thread, and to no one once the widget it
was started for is gone (a window closed while the Insights figures were computed)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWidget

from interview_kit.gui.tasks import run_in_background


def test_work_reports_its_result_on_the_ui_thread(qtbot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    results: list[object] = []
    threads: list[threading.Thread] = []

    def done(result: object) -> None:
        threads.append(threading.current_thread())
        results.append(result)

    run_in_background(lambda _handle: 42, done, results.append, owner=owner)
    qtbot.waitUntil(lambda: results == [42])
    assert threads == [threading.main_thread()]


def test_work_whose_owner_is_gone_tells_no_one(qtbot) -> None:
    owner = QWidget()
    release = threading.Event()
    told: list[object] = []
    run_in_background(
        lambda _handle: release.wait(5) and "figures",
        told.append,
        told.append,
        owner=owner,
    )
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner))
    release.set()
    assert QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(50)  # the queued report, were there one, arrives now
    assert told == []


def _alive(widget: QWidget) -> bool:
    try:
        widget.objectName()
    except RuntimeError:
        return False
    return True
