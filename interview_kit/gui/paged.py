"""Lists that page by keyset: a row model that asks for the next page near its end, and
the loader that answers it, off the UI thread, dropping answers nobody waits for any more.

A list of candidates can hold 100,000 rows; the window holds the pages the user scrolled
through. :class:`PagedRowModel` is a :class:`~interview_kit.gui.models.table.RowTableModel`
that knows whether more rows follow and asks for them once per page (``fetchMore``, which
the view calls as it scrolls near the end). :class:`PagedLoader` owns the reading: the
section's wiring gives it ``prepare``, called on the UI thread whenever the query may have
changed, which reads the page's widgets and returns a function ``fetch(after)`` that reads
one page after a position (``None``: the first page) using services only. That function
runs on a pool thread, so a slow search never blocks typing.

* :meth:`PagedLoader.reload` reads the first page now, on the UI thread (a refresh when
  the section is shown: one indexed query of a few milliseconds).
* :meth:`PagedLoader.reload_soon` waits until typing pauses (``debounce_ms``), then reads
  the first page in the background: a keystroke costs nothing, a pause one query.
* :meth:`PagedLoader.flush` answers now what was waiting for the pause (Enter or Down in a
  search box: the user wants the result of what they typed, not of what came before).

Each (re)load starts a new generation; a page read for an older one is dropped when it
lands, so a slow answer to "zo" never replaces the answer to "zoe".
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    QRunnable,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView

from interview_kit.gui.models.table import AnyIndex, Column, RowTableModel

logger = logging.getLogger(__name__)

RowT = TypeVar("RowT")

SEARCH_PAUSE_MS = 150
"""How long typing pauses before a search runs."""


@dataclass(frozen=True)
class Page(Generic[RowT]):
    """One page of a list as the model shows it."""

    rows: Sequence[RowT]
    total: int | None = None
    """Rows matching the query, when counted (first pages)."""
    after: object | None = None
    """Where this page ended: passed back to read the next one."""
    more: bool = False
    """Whether rows follow this page."""


Fetch = Callable[[object | None], Page[Any]]
"""Reads the page after a position (``None``: the first page). Runs on a pool thread:
services only, no widgets."""


class PagedRowModel(RowTableModel[RowT]):
    """The rows of one query, a page at a time, sorted and filtered by whoever reads them.

    The model never reads anything. Sorting records the wish and emits ``sortChanged``;
    near the end of the loaded rows the view calls :meth:`fetchMore`, which emits
    ``moreWanted`` (with the number of rows loaded) once per page.
    """

    sortChanged = Signal()
    moreWanted = Signal(int)

    def __init__(self, columns: Sequence[Column[RowT]], parent: Any = None) -> None:
        super().__init__(columns, parent)
        self._total = 0
        self._more = False
        self._after: object | None = None
        self._asked_at = -1

    # -- data in ---------------------------------------------------------------------
    def set_page(
        self,
        rows: Sequence[RowT],
        total: int,
        *,
        after: object | None = None,
        more: bool | None = None,
    ) -> None:
        """The first page of a new query (``more`` defaults to: fewer rows than ``total``)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._total = max(total, len(self._rows))
        self._more = len(self._rows) < self._total if more is None else more
        self._after = after
        self._asked_at = -1
        self.endResetModel()

    def append_rows(
        self, rows: Sequence[RowT], *, after: object | None = None, more: bool | None = None
    ) -> None:
        """The page that follows the loaded rows."""
        # Where the rows end is known before they are inserted: a view that asks for the
        # next page while they go in (it does, from rowsInserted) asks after these.
        loaded = len(self._rows) + len(rows)
        self._more = bool(rows) and (loaded < self._total if more is None else more)
        self._total = max(self._total, loaded) if self._more else loaded
        if rows:
            self._after = after
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def remove_where(self, predicate: Callable[[RowT], bool]) -> None:
        for number, existing in enumerate(self._rows):
            if predicate(existing):
                self.beginRemoveRows(QModelIndex(), number, number)
                del self._rows[number]
                self._total = max(0, self._total - 1)
                self.endRemoveRows()
                return

    @property
    def total(self) -> int:
        return self._total

    @property
    def after(self) -> object | None:
        """Where the loaded rows end (for the next page's read)."""
        return self._after

    # -- paging ----------------------------------------------------------------------
    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        loaded = len(self._rows)
        if loaded == self._asked_at:
            return  # asked already; the page is on its way
        self._asked_at = loaded
        self.moreWanted.emit(loaded)


class _FillsView(QObject):
    """Asks for the next page while the loaded rows do not fill the view: a short page in
    a tall window leaves no scroll bar to reach the end of."""

    def __init__(self, view: QAbstractItemView, model: PagedRowModel[Any]) -> None:
        super().__init__(view)
        self._view = view
        self._model = model
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._check)
        model.modelReset.connect(self._timer.start)
        model.rowsInserted.connect(self._timer.start)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._timer.start()
        return False

    def _check(self) -> None:
        model = self._model
        if not model.canFetchMore() or not self._view.isVisible():
            return
        # The row at the bottom edge of the view: none (empty space) or the last loaded one
        # means the end is in sight. (Asked by position: a just-inserted row's rectangle
        # waits for the view's next layout.)
        viewport = self._view.viewport()
        bottom = self._view.indexAt(QPoint(1, viewport.height() - 1))
        if not bottom.isValid() or bottom.row() >= model.rowCount() - 1:
            model.fetchMore()


def fill_view(view: QAbstractItemView, model: PagedRowModel[Any]) -> None:
    """Keep ``view`` filled: read pages while the last loaded row is in sight (the view
    itself asks only as its scroll bar reaches the end)."""
    _FillsView(view, model)


class _Relay(QObject):
    landed = Signal(int, bool, object, object)
    """(generation, first page?, page or None, error or None), on the UI thread."""


class _Read(QRunnable):
    def __init__(self, relay: _Relay, generation: int, fetch: Fetch, after: object | None):
        super().__init__()
        self._relay = relay
        self._generation = generation
        self._fetch = fetch
        self._after = after

    def run(self) -> None:
        page: Page[Any] | None = None
        error: BaseException | None = None
        try:
            page = self._fetch(self._after)
        except Exception as exc:  # noqa: BLE001 - told on the UI thread, or dropped if stale
            error = exc
        try:
            self._relay.landed.emit(self._generation, self._after is None, page, error)
        except RuntimeError:
            logger.info("a list page was read after its list was gone")


class PagedLoader(QObject):
    """Reads pages for a :class:`PagedRowModel`: first pages now or after a pause in
    typing, the following ones as the view scrolls, stale answers dropped."""

    firstPageShown = Signal()
    """A first page (a new query's answer) is in the model."""
    failed = Signal(str)
    """A read failed; the message says what, in words."""
    busyChanged = Signal(bool)

    def __init__(
        self,
        model: PagedRowModel[Any],
        prepare: Callable[[], Fetch | None],
        *,
        show_first: Callable[[Page[Any]], None] | None = None,
        debounce_ms: int = SEARCH_PAUSE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or model)
        self.model = model
        self._prepare = prepare
        self._show_first = show_first or self._set_first
        self._generation = 0
        self._fetch: Fetch | None = None
        self._in_flight = 0
        self._first_pending = False
        """A first page of the current generation is awaited (pause or read)."""
        self._relay = _Relay(self)
        self._relay.landed.connect(self._landed)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one reader per list: pages land in order
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._read_first_in_background)
        model.moreWanted.connect(lambda _loaded: self.more())

    # -- asked by the wiring ---------------------------------------------------------
    def reload(self) -> None:
        """Read the first page now, on the UI thread (anything pending is dropped)."""
        self._timer.stop()
        self._generation += 1
        self._first_pending = False
        self._fetch = self._prepare()
        if self._fetch is None:
            self._set_busy()
            return
        self._first(self._fetch(None))
        self._set_busy()

    def reload_soon(self) -> None:
        """The query changed (a keystroke): read once typing pauses, off the UI thread."""
        self._generation += 1  # whatever is in flight answers an older question now
        self._first_pending = True
        self._timer.start()
        self._set_busy()

    def flush(self) -> bool:
        """Answer now what waits for a pause in typing; whether anything was waiting."""
        if not self._first_pending:
            return False
        self.reload()
        return True

    def more(self) -> None:
        """The view scrolled near the end: read the next page in the background."""
        if self._fetch is None or self._first_pending or not self.model.canFetchMore():
            return
        self._start(self._fetch, self.model.after)

    @property
    def busy(self) -> bool:
        """Whether an answer is awaited (typing not paused yet, or a read in flight)."""
        return self._first_pending or self._in_flight > 0

    def stop(self) -> None:
        """Drop whatever is pending (the database is going away)."""
        self._timer.stop()
        self._generation += 1
        self._first_pending = False
        self._fetch = None
        self._set_busy()

    # -- behind the scenes -----------------------------------------------------------
    def _read_first_in_background(self) -> None:
        self._fetch = self._prepare()
        if self._fetch is None:
            self._first_pending = False
            self._set_busy()
            return
        self._start(self._fetch, None)

    def _start(self, fetch: Fetch, after: object | None) -> None:
        self._in_flight += 1
        self._set_busy()
        self._pool.start(_Read(self._relay, self._generation, fetch, after))

    def _landed(
        self, generation: int, first: bool, page: Page[Any] | None, error: BaseException | None
    ) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        try:
            if generation != self._generation:
                return  # the question changed while this answer was on its way
            if first:
                self._first_pending = False
            if error is not None:
                self._failed(error)
            elif page is not None and first:
                self._first(page)
            elif page is not None:
                self.model.append_rows(page.rows, after=page.after, more=page.more)
        finally:
            self._set_busy()

    def _first(self, page: Page[Any]) -> None:
        self._show_first(page)
        self.firstPageShown.emit()

    def _set_first(self, page: Page[Any]) -> None:
        self.model.set_page(page.rows, page.total or 0, after=page.after, more=page.more)

    def _failed(self, error: BaseException) -> None:
        logger.warning("reading a list page failed: %s", error)
        self.failed.emit(f"The list could not be read: {error}")

    def _set_busy(self) -> None:
        self.busyChanged.emit(self.busy)

    def wait_idle(self, timeout_ms: int = 5000) -> bool:
        """Wait (processing events) until no answer is awaited: quitting and tests."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop

        deadline = QDeadlineTimer(timeout_ms)
        while self.busy:
            if deadline.hasExpired():
                return False
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            self._pool.waitForDone(5)
        return True


__all__ = ["SEARCH_PAUSE_MS", "Fetch", "Page", "PagedLoader", "PagedRowModel", "fill_view"]
