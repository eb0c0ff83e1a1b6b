"""The one background write path: in order, off the UI thread, one change notice each."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from PySide6.QtCore import QTimer

from interview_kit.gui.operations import Changes, WriteQueue
from interview_kit.services.errors import ConflictError


def test_writes_run_in_order_and_report_on_the_ui_thread(qtbot) -> None:
    writes = WriteQueue()
    ran: list[int] = []
    reported: list[tuple[int, bool]] = []
    ui = threading.get_ident()

    def work(n: int):
        def run() -> int:
            assert threading.get_ident() != ui
            time.sleep(0.01 * (3 - n))  # the first is the slowest: order must still hold
            ran.append(n)
            return n

        return run

    for n in range(3):
        writes.run(
            f"write {n}",
            work(n),
            on_success=lambda r: reported.append((r, threading.get_ident() == ui)),
        )
    assert writes.wait_idle(5)
    assert ran == [0, 1, 2]
    assert reported == [(0, True), (1, True), (2, True)]
    writes.stop()


def test_a_failure_reaches_its_caller_and_announces_nothing(qtbot) -> None:
    writes = WriteQueue()
    notices: list[Changes] = []
    failures: list[BaseException] = []
    writes.changed.connect(notices.append)

    def refuse() -> None:
        raise ConflictError("someone else changed it")

    writes.run("refused", refuse, changes=Changes(scorecards=True), on_failure=failures.append)
    writes.run("fine", lambda: None, changes=Changes(decisions=True))
    assert writes.wait_idle(5)
    assert [str(f) for f in failures] == ["someone else changed it"]
    assert notices == [Changes(decisions=True)]
    writes.stop()


def test_busy_is_announced_once_per_burst(qtbot) -> None:
    writes = WriteQueue()
    states: list[bool] = []
    writes.busyChanged.connect(states.append)
    for _ in range(4):
        writes.run("w", lambda: None)
    assert writes.wait_idle(5)
    assert states == [True, False]
    assert writes.pending == []
    writes.stop()


def test_a_locked_database_does_not_stop_the_event_loop(qtbot, tmp_path: Path) -> None:
    """Another connection holds the write lock; the write waits, the window does not."""
    path = tmp_path / "locked.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO t VALUES (1)")

    def write() -> None:
        connection = sqlite3.connect(path, timeout=10, isolation_level=None)
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO t VALUES (2)")
            connection.execute("COMMIT")
        finally:
            connection.close()

    writes = WriteQueue()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    done: list[object] = []
    released: list[float] = []

    def release() -> None:
        released.append(time.monotonic())
        holder.execute("COMMIT")

    queued = time.monotonic()
    writes.run("insert", write, on_success=done.append)
    assert not done, "the write ran on the UI thread"
    QTimer.singleShot(300, release)
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    timer.stop()
    # The timer kept firing while the write waited for the lock: the window stayed alive.
    assert [t for t in ticks if queued < t < released[0]]
    assert holder.execute("SELECT count(*) FROM t").fetchone()[0] == 2
    holder.close()
    writes.stop()


def test_changes_combine_and_say_what_they_touch() -> None:
    both = Changes(candidates=True) | Changes(decisions=True)
    assert both.touches("decisions")
    assert not both.touches("rubrics")
    assert not Changes()
    assert Changes(database=True).touches("rubrics")
