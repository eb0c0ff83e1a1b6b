"""Every database write the app makes, off the UI thread, in order, with one change notice.

Widgets never write; the section wirings hand each write to :class:`WriteQueue.run` as a
function of no arguments plus what it changes (:class:`Changes`). The queue runs the
writes one after another on its own thread, so a locked SQLite file or a slow PostgreSQL
server never freezes the window, and two writes of one form never overtake each other.
On the UI thread it then calls the caller's ``on_success`` or ``on_failure`` and announces
the change once through :attr:`WriteQueue.changed`, which the sections refresh from.

Reads stay where they are (most are a few milliseconds); only writes must never wait on
the UI thread, because a write is what waits for another connection's lock.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Signal

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Changes:
    """What a write changed; sections refresh only when something they show changed."""

    candidates: bool = False
    scorecards: bool = False
    assignments: bool = False
    interviewers: bool = False
    rubrics: bool = False
    decisions: bool = False
    database: bool = False
    """Everything may have changed (a demo load, an import, a switch of database)."""

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            **{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        )

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def touches(self, *names: str) -> bool:
        """Whether any of ``names`` (or everything) changed."""
        return self.database or any(getattr(self, name) for name in names)


EVERYTHING = Changes(database=True)
NOTHING = Changes()


@dataclass
class Write:
    """One write waiting for, or in, the queue."""

    label: str
    work: Callable[[], Any]
    changes: Changes
    on_success: Callable[[Any], None] | None
    on_failure: Callable[[BaseException], None] | None
    done: bool = False


class _Relay(QObject):
    finished = Signal(object, object, object)
    """(write, result, error) — emitted from the writer thread, delivered on the UI thread."""


class WriteQueue(QObject):
    """Runs writes in order on one background thread; reports back on the UI thread."""

    changed = Signal(object)
    """A :class:`Changes` after each successful write that changed something."""
    busyChanged = Signal(bool)
    """True when the first write is queued, False when the last one has finished."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay()
        self._relay.finished.connect(self._finished)
        self._jobs: queue.Queue[Write | None] = queue.Queue()
        self._pending: list[Write] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, name="database-writes", daemon=True)
        self._thread.start()

    # -- the UI thread's side ---------------------------------------------------------
    def run(
        self,
        label: str,
        work: Callable[[], Any],
        *,
        changes: Changes = NOTHING,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> Write:
        """Queue ``work``; ``label`` says what it is ("Saving the draft") in progress notes."""
        write = Write(label, work, changes, on_success, on_failure)
        with self._lock:
            self._pending.append(write)
            first = len(self._pending) == 1
        if first:
            self.busyChanged.emit(True)
        self._jobs.put(write)
        return write

    @property
    def pending(self) -> list[str]:
        """The labels of the writes not finished yet, oldest first."""
        with self._lock:
            return [w.label for w in self._pending]

    def wait_idle(
        self,
        timeout: float | None = None,
        *,
        keep_waiting: Callable[[list[str]], bool] | None = None,
    ) -> bool:
        """Process events until every queued write has reported back (quitting, tests).

        ``keep_waiting`` is asked with the labels still pending, every few milliseconds;
        returning False stops the wait (a "quit without waiting" button). True when idle.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        while pending := self.pending:
            if deadline is not None and time.monotonic() > deadline:
                return False
            if keep_waiting is not None and not keep_waiting(pending):
                return False
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.002)
        return True

    def stop(self) -> None:
        """End the writer thread once the queued writes are done."""
        self._jobs.put(None)

    def _finished(self, write: Write, result: Any, error: BaseException | None) -> None:
        with self._lock:
            if write in self._pending:
                self._pending.remove(write)
            idle = not self._pending
        write.done = True
        try:
            if error is not None:
                if write.on_failure is not None:
                    write.on_failure(error)
                else:
                    logger.error("%s failed: %s", write.label, error)
            else:
                if write.on_success is not None:
                    write.on_success(result)
                if write.changes:
                    self.changed.emit(write.changes)
        finally:
            if idle:
                self.busyChanged.emit(False)

    # -- the writer thread's side ----------------------------------------------------
    def _serve(self) -> None:
        while True:
            write = self._jobs.get()
            if write is None:
                return
            result: Any = None
            error: BaseException | None = None
            try:
                result = write.work()
            except Exception as exc:  # reported on the UI thread, which says what failed
                if not _is_expected(exc):
                    logger.exception("%s failed", write.label)
                error = exc
            try:
                self._relay.finished.emit(write, result, error)
            except RuntimeError:
                logger.info("%s finished after the app had quit", write.label)


def _is_expected(error: BaseException) -> bool:
    """Refusals the user is told about in words need no traceback in the log."""
    from interview_kit.services.errors import ServiceError

    return isinstance(error, ServiceError)


__all__ = ["EVERYTHING", "NOTHING", "Changes", "Write", "WriteQueue"]
