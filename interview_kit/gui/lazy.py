"""Refresh a section when it is on screen, not whenever the data changes behind it.

At start-up (and after every change) the app context announces ``databaseChanged``,
``dataChanged`` or ``interviewerChanged``. Sections nobody is looking at would each
re-read their lists then, freezing the window for a second right after it appears. With
:func:`refresh_when_shown` a hidden section only notes that it is out of date (``dirty``)
and refreshes the next time it is shown; a section on screen refreshes at once, as before.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, SignalInstance
from PySide6.QtWidgets import QWidget


class RefreshWhenShown(QObject):
    """Runs ``refresh`` now if ``page`` is visible, else on the page's next show."""

    def __init__(self, page: QWidget, refresh: Callable[[], Any]) -> None:
        super().__init__(page)
        self._page = page
        self._refresh = refresh
        self.dirty = False
        self.refreshes = 0
        """How many times ``refresh`` ran (for tests and benchmarks)."""
        page.installEventFilter(self)

    def request(self, *_args: object) -> None:
        """The data behind the page changed (any signal arguments are ignored)."""
        if self._page.isVisible():
            self._run()
        else:
            self.dirty = True

    def _run(self) -> None:
        self.dirty = False
        self.refreshes += 1
        self._refresh()
        if self.refreshes == 1:
            # The section's first fill builds objects that live as long as the app; keep
            # them out of the cycle collector's full passes (see app.finish_start).
            gc.freeze()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._page and event.type() == QEvent.Type.Show and self.dirty:
            self._run()
        return False


def refresh_when_shown(
    page: QWidget, refresh: Callable[[], Any], *signals: SignalInstance
) -> RefreshWhenShown:
    """Connect ``signals`` to a lazy ``refresh`` of ``page``."""
    lazy = RefreshWhenShown(page, refresh)
    for signal in signals:
        signal.connect(lazy.request)
    return lazy


__all__ = ["RefreshWhenShown", "refresh_when_shown"]
