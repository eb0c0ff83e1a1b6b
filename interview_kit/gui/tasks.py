"""Run slow work off the UI thread and hear back on it.

The work function runs in Qt's global thread pool; ``on_success``/``on_failure`` run on
the UI thread. Work can report progress and check for cancellation through the
:class:`TaskHandle` it receives. Work started for a widget names it as ``owner``: if the
widget is gone by the time the work ends (its window closed), nobody is told.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

logger = logging.getLogger(__name__)


class TaskHandle:
    """Given to the work function: report progress, notice cancellation."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._cancelled = threading.Event()

    def progress(self, done: int, total: int, message: str = "") -> None:
        self._relay.progressed.emit(done, total, message)

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)


class _Runnable(QRunnable):
    def __init__(
        self, work: Callable[[TaskHandle], Any], relay: _Relay, handle: TaskHandle
    ) -> None:
        super().__init__()
        self._work = work
        self._relay = relay
        self._handle = handle

    def run(self) -> None:
        try:
            result = self._work(self._handle)
        except Exception as exc:  # reported to the UI, which shows it
            logger.exception("background task failed")
            self._report(self._relay.failed, exc)
        else:
            self._report(self._relay.succeeded, result)

    @staticmethod
    def _report(signal: Any, value: object) -> None:
        # The app may have quit while the work ran; then there is nobody left to tell.
        try:
            signal.emit(value)
        except RuntimeError:
            logger.info("background task finished after its receiver was gone")


_live: set[_Relay] = set()


def run_in_background(
    work: Callable[[TaskHandle], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None],
    on_progress: Callable[[int, int, str], None] | None = None,
    *,
    owner: QObject | None = None,
) -> TaskHandle:
    # A child of its owner: deleted with it, and then the work's end reaches no one.
    relay = _Relay(owner)
    handle = TaskHandle(relay)
    _live.add(relay)
    relay.destroyed.connect(lambda: _live.discard(relay))

    def finish_ok(result: object) -> None:
        _live.discard(relay)
        on_success(result)

    def finish_failed(exc: object) -> None:
        _live.discard(relay)
        on_failure(exc if isinstance(exc, BaseException) else RuntimeError(str(exc)))

    relay.succeeded.connect(finish_ok)
    relay.failed.connect(finish_failed)
    if on_progress is not None:
        relay.progressed.connect(on_progress)
    QThreadPool.globalInstance().start(_Runnable(work, relay, handle))
    return handle
