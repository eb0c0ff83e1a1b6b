"""Hiring packets from the app: where to write them, and how the writing goes.

:class:`PacketOptionsDialog` asks for a folder and whether to anonymise for blind review.
:class:`PacketProgressDialog` follows one run — a batch or a single packet — from "n of N"
to a summary with the packets not written and why. Neither touches the database: the
wiring (:mod:`interview_kit.gui.packet_runs`) feeds them plain values.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from interview_kit.domain.wording import plural
from interview_kit.gui import theme
from interview_kit.gui.generated.ui_packet_options_dialog import Ui_PacketOptionsDialog
from interview_kit.gui.generated.ui_packet_progress_dialog import Ui_PacketProgressDialog


@dataclass(frozen=True)
class PacketOptions:
    folder: Path
    anonymise: bool


class PacketOptionsDialog(QDialog):
    """Folder and blind-review choice for the packets of ``count`` candidates.

    Emits ``submitted(PacketOptions)``; the wiring closes it with :meth:`finish`.
    """

    submitted = Signal(object)

    def __init__(
        self,
        names: list[str],
        *,
        folder: str = "",
        anonymise: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_PacketOptionsDialog()
        self.ui.setupUi(self)
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        self.ui.intro.setText(
            f"One PDF for each of {plural(len(names), 'candidate')}: {shown}."
            if len(names) > 1
            else f"The hiring packet of {shown}, as a PDF."
        )
        self.ui.folder.setText(folder)
        self.ui.anonymise.setChecked(anonymise)
        self.ui.anonymiseHint.setStyleSheet(f"color: {theme.css(theme.muted())};")
        self.ui.problem.setStyleSheet(f"color: {theme.css(theme.danger())};")
        self.ui.problem.hide()
        ok = self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Write packets" if len(names) > 1 else "&Write packet")
        self.ui.buttons.accepted.connect(self._submit)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.browseButton.clicked.connect(self._browse)
        self.ui.folder.setFocus()

    def values(self) -> PacketOptions:
        return PacketOptions(Path(self.ui.folder.text().strip()).expanduser(), self.anonymise)

    @property
    def anonymise(self) -> bool:
        return self.ui.anonymise.isChecked()

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Folder for the hiring packets", self.ui.folder.text().strip()
        )
        if chosen:
            self.ui.folder.setText(chosen)

    def _submit(self) -> None:
        text = self.ui.folder.text().strip()
        if not text:
            self.show_problem("Choose the folder the packets go to.")
            self.ui.folder.setFocus()
            return
        folder = Path(text).expanduser()
        if folder.exists() and not folder.is_dir():
            self.show_problem(f"{folder} is a file, not a folder: choose a folder.")
            self.ui.folder.setFocus()
            return
        self.show_problem("")
        self.submitted.emit(self.values())

    def show_problem(self, message: str) -> None:
        self.ui.problem.setText(message)
        self.ui.problem.setVisible(bool(message))

    def finish(self) -> None:
        self.accept()


@dataclass(frozen=True)
class PacketOutcome:
    """How a run ended, as the dialog shows it."""

    folder: Path
    total: int
    written: tuple[Path, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()
    """(who, why) for each packet not written."""
    cancelled: bool = False
    error: str = ""
    """Why nothing could be written at all (the folder cannot be made, say)."""


class PacketProgressDialog(QDialog):
    """Progress of one run, then its summary; never modal, so the window stays usable.

    Cancel (the button, Escape or closing the window) asks once to stop after the packet
    in hand (``cancelRequested``); the dialog stays to show what was written.
    """

    cancelRequested = Signal()

    def __init__(self, total: int, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_PacketProgressDialog()
        self.ui.setupUi(self)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.folder = folder
        self.total = total
        self.running = True
        self.cancelling = False
        self.current = ""
        theme.make_heading(self.ui.heading, 1.15)
        self.ui.bar.setRange(0, max(total, 1))
        self.ui.bar.setValue(0)
        self.ui.detail.setText(f"Into {folder}")
        self.ui.failuresLabel.hide()
        self.ui.failures.hide()
        self.ui.heading.setText(f"Writing {plural(total, 'hiring packet')}…")
        self.cancel_button = self.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.clicked.connect(self.request_cancel)
        self.open_button: QPushButton | None = None
        self.close_button: QPushButton | None = None

    # -- while running ---------------------------------------------------------------
    def show_started(self, number: int, total: int, name: str) -> None:
        """Packet ``number`` of ``total`` is being written, for ``name``."""
        self.current = name
        self.ui.bar.setRange(0, max(total, 1))
        self.ui.bar.setValue(max(number - 1, 0))
        if not self.cancelling:
            self.ui.heading.setText(f"Writing {number} of {total}: {name}")

    def show_done(self, number: int, total: int) -> None:
        self.ui.bar.setRange(0, max(total, 1))
        self.ui.bar.setValue(number)

    def request_cancel(self) -> None:
        if not self.running or self.cancelling:
            return
        self.cancelling = True
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText("Stopping…")
        which = f" ({self.current})" if self.current else ""
        self.ui.heading.setText(f"Stopping after the packet in hand{which}…")
        self.cancelRequested.emit()

    def reject(self) -> None:
        """Escape: cancel while running, close once finished."""
        if self.running:
            self.request_cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running:
            self.request_cancel()
            event.ignore()
            return
        super().closeEvent(event)

    # -- finished --------------------------------------------------------------------
    def show_outcome(self, outcome: PacketOutcome) -> None:
        self.running = False
        written = len(outcome.written)
        self.ui.bar.hide()  # the heading says how it ended; a full bar would say "all done"
        self.ui.heading.setText(self.summary(outcome))
        if outcome.error:
            self.ui.detail.setText(outcome.error)
            self.ui.detail.setStyleSheet(f"color: {theme.css(theme.danger())};")
        elif written:
            files = ", ".join(path.name for path in outcome.written[:3])
            more = f" and {written - 3} more" if written > 3 else ""
            self.ui.detail.setText(f"In {outcome.folder}: {files}{more}")
        else:
            self.ui.detail.setText(f"Nothing was written to {outcome.folder}.")
        self.ui.failures.clear()
        for who, why in outcome.failed:
            item = QListWidgetItem(f"{who} — {why}")
            item.setToolTip(why)
            self.ui.failures.addItem(item)
        if outcome.failed:
            rows = sum(self.ui.failures.sizeHintForRow(i) for i in range(len(outcome.failed)))
            frame = 2 * self.ui.failures.frameWidth() + 4
            self.ui.failures.setFixedHeight(min(rows + frame, self.ui.failures.maximumHeight()))
        self.ui.failuresLabel.setVisible(bool(outcome.failed))
        self.ui.failures.setVisible(bool(outcome.failed))
        self.ui.buttons.clear()
        self.open_button = self.ui.buttons.addButton(
            "&Open folder", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.setEnabled(bool(outcome.written))
        self.open_button.clicked.connect(self.open_folder)
        self.close_button = self.ui.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.clicked.connect(self.accept)
        (self.open_button if outcome.written else self.close_button).setDefault(True)
        (self.open_button if outcome.written else self.close_button).setFocus()
        self.adjustSize()

    @staticmethod
    def summary(outcome: PacketOutcome) -> str:
        written = len(outcome.written)
        failed = len(outcome.failed)
        if outcome.error:
            return "No packet was written."
        if outcome.total == 1 and written == 1:
            return "The hiring packet is written."
        if outcome.total == 1 and outcome.cancelled:
            return "Cancelled: the packet was not written."
        if outcome.cancelled:
            left = outcome.total - written - failed
            text = f"Cancelled: {written} of {plural(outcome.total, 'packet')} written"
            text += f", {left} not started" if left else ""
        elif failed:
            text = f"{written} of {plural(outcome.total, 'packet')} written"
        else:
            return f"All {plural(written, 'hiring packet')} are written."
        if failed:
            text += f"; {failed} could not be written (below)"
        return text + "."

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))
