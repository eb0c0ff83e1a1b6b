"""Hiring packets written off the UI thread, followed in a :class:`PacketProgressDialog`.

The pipeline (a selection) and the panel review (one candidate, to a file the user
names) both start a :class:`PacketRun` here: the service runs in the thread pool, its
callbacks come back as progress signals, and Cancel is a flag the service reads between
packets. The worker reads through the same :class:`Database`: each unit of work checks
out its own pooled connection, so the UI thread and the worker never share one.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from interview_kit.gui.packet_dialogs import PacketOptions, PacketOutcome, PacketProgressDialog
from interview_kit.gui.tasks import TaskHandle, run_in_background
from interview_kit.services import packets
from interview_kit.services.errors import ServiceError

logger = logging.getLogger(__name__)

QUIT_WAIT_MS = 30_000
"""On quitting mid-run: how long to wait for the packet in hand to be finished."""


class PacketRun(QObject):
    """One run: its dialog, the worker's handle, and at the end its outcome."""

    finished = Signal(object)
    """The :class:`PacketOutcome`, on the UI thread."""

    def __init__(self, dialog: PacketProgressDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.handle: TaskHandle | None = None
        self.outcome: PacketOutcome | None = None
        dialog.cancelRequested.connect(self.cancel)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._quitting)

    @property
    def running(self) -> bool:
        return self.outcome is None

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.cancel()

    def _progressed(self, done: int, total: int, name: str) -> None:
        if name:
            self.dialog.show_started(done + 1, total, name)
        else:
            self.dialog.show_done(done, total)

    def _finish(self, outcome: PacketOutcome) -> None:
        self.outcome = outcome
        self.dialog.show_outcome(outcome)
        self.finished.emit(outcome)

    def _quitting(self) -> None:
        """Let the packet in hand finish rather than leave its temporary file behind."""
        if self.running:
            self.cancel()
            QThreadPool.globalInstance().waitForDone(QUIT_WAIT_MS)


def _problem(error: BaseException) -> str:
    if isinstance(error, ServiceError):
        return str(error)
    return f"Unexpected error: {error} (details are in the log)"


def start_packets(
    db: Any,
    candidate_uuids: Sequence[str],
    options: PacketOptions,
    *,
    names: Mapping[str, str] | None = None,
    parent: QWidget | None = None,
    viewer: str | None = None,
) -> PacketRun:
    """Write one packet per candidate into ``options.folder``.

    ``names`` (uuid to name) names a candidate the service could no longer read, such as
    one erased since it was selected; never used for a blind review. A candidate whose
    panel ``viewer`` (the signed-in interviewer) has not submitted to is not written, and
    the summary says why.
    """
    uuids = list(candidate_uuids)
    known = dict(names or {}) if not options.anonymise else {}
    dialog = PacketProgressDialog(len(uuids), options.folder, parent)
    run = PacketRun(dialog)

    def work(handle: TaskHandle) -> object:
        return packets.write_packets(
            db,
            options.folder,
            candidate_uuids=uuids,
            anonymise=options.anonymise,
            starting=lambda number, total, name: handle.progress(number - 1, total, name),
            progress=lambda number, total, _path: handle.progress(number, total, ""),
            cancelled=lambda: handle.cancelled,
            viewer=viewer,
        )

    def done(result: Any) -> None:
        failed = tuple((known.get(who, who), why) for who, why in result.failed)
        run._finish(
            PacketOutcome(
                options.folder, len(uuids), tuple(result.written), failed, result.cancelled
            )
        )

    def failed(error: BaseException) -> None:
        run._finish(PacketOutcome(options.folder, len(uuids), error=_problem(error)))

    run.handle = run_in_background(work, done, failed, run._progressed)
    dialog.show()
    return run


def start_packet(
    db: Any,
    candidate_uuid: str,
    target: Path,
    *,
    anonymise: bool,
    name: str,
    parent: QWidget | None = None,
    viewer: str | None = None,
) -> PacketRun:
    """Write one candidate's packet to ``target``; Cancel leaves ``target`` as it was."""
    shown = packets.candidate_pseudonym(candidate_uuid) if anonymise else name
    dialog = PacketProgressDialog(1, target.parent, parent)
    run = PacketRun(dialog)

    def work(handle: TaskHandle) -> object:
        handle.progress(0, 1, shown)
        try:
            packets.write_packet(
                db,
                candidate_uuid,
                target,
                anonymise=anonymise,
                cancelled=lambda: handle.cancelled,
                viewer=viewer,
            )
        except packets.PacketCancelled:
            return None
        handle.progress(1, 1, "")
        return target

    def done(result: object) -> None:
        if result is None:
            run._finish(PacketOutcome(target.parent, 1, cancelled=True))
        else:
            run._finish(PacketOutcome(target.parent, 1, written=(target,)))

    def failed(error: BaseException) -> None:
        if isinstance(error, ServiceError):
            run._finish(PacketOutcome(target.parent, 1, failed=((shown, str(error)),)))
        else:
            run._finish(PacketOutcome(target.parent, 1, error=_problem(error)))

    run.handle = run_in_background(work, done, failed, run._progressed)
    dialog.show()
    return run


__all__ = ["PacketRun", "start_packet", "start_packets"]
