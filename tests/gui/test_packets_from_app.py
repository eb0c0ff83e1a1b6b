"""Hiring packets from the app: a selection in the pipeline (or one candidate in the panel
review) written off the UI thread, with progress, a Cancel that stops after the packet in
hand, and a summary naming what was not written and why.

Where a test needs the worker to be mid-packet, it holds the real PDF builder at a gate
(the packet is still built by ReportLab, only later): what the user sees at that moment is
then certain, not a race."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt, QThreadPool
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog
from recruiter_support import (
    click,
    distinct_colours,
    grab_png,
    open_dialog,
    packet_run,
    start_shell,
)

from interview_kit.gui.packet_dialogs import PacketOptionsDialog, PacketProgressDialog
from interview_kit.reports import packet as packet_module
from interview_kit.services import candidates, packets
from interview_kit.services.database import Database, open_database

WAIT_MS = 60_000
THREE = ("Jonas Müller", "Noor Haddad", "Priya Raman")
"""Open candidates, in the pipeline's name order."""


@pytest.fixture
def db(demo_db: Path) -> Iterator[Database]:
    database = open_database(demo_db, actor="Riley Recruiter")
    yield database
    database.close()


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Folders the user asked the desktop to open."""
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toLocalFile()))
    return urls


class Gate:
    """Holds the worker just before it builds packet number ``at`` until released."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, at: int) -> None:
        self.at = at
        self.calls: list[str] = []
        self.open = threading.Event()
        real = packet_module.build_packet
        inside = threading.local()  # a path is built by calling again with a stream

        def build(data: Any, out: Any, **kwargs: Any) -> None:
            depth = getattr(inside, "depth", 0)
            inside.depth = depth + 1
            try:
                if depth == 0:
                    self.calls.append(data.candidate_name)
                    if len(self.calls) == self.at:
                        assert self.open.wait(WAIT_MS / 1000), "the test never released it"
                real(data, out, **kwargs)
            finally:
                inside.depth = depth

        monkeypatch.setattr(packet_module, "build_packet", build)

    def release(self) -> None:
        self.open.set()


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[int], Gate]]:
    """``gate(n)`` holds packet ``n``; released and the workers finished after the test."""
    made: list[Gate] = []

    def make(at: int) -> Gate:
        made.append(Gate(monkeypatch, at))
        return made[-1]

    yield make
    for each in made:
        each.release()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)


def pipeline(qtbot: Any, tmp_path: Path, db: Database) -> Any:
    shell = start_shell(qtbot, tmp_path, db)
    shell.window.show_page("pipeline")
    return shell.page("pipeline")


def row_of(page: Any, name: str) -> int:
    index = page.model.index_of(lambda row: row.name == name)
    assert index.isValid(), f"{name} is not listed"
    return index.row()


def ctrl_click_rows(qtbot: Any, page: Any, names: tuple[str, ...]) -> None:
    """Select several candidates as a user does: click the first, Ctrl+click the others."""
    table = page.ui.table
    for number, name in enumerate(names):
        rect = table.visualRect(page.model.index(row_of(page, name), 0))
        modifier = Qt.KeyboardModifier.ControlModifier if number else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def ask_for_packets(qtbot: Any, page: Any, folder: Path, *, anonymise: bool = False) -> Any:
    """Press "Hiring packets…", fill in the dialog, write; returns the run."""
    click(qtbot, page.ui.packetsButton)
    dialog = open_dialog(page)
    assert isinstance(dialog, PacketOptionsDialog)
    dialog.ui.folder.setText(str(folder))
    if anonymise:
        box = dialog.ui.anonymise
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
        assert box.isChecked()
    click(qtbot, dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert not dialog.isVisible()
    run = packet_run(page)
    assert run is not None
    return run


def wait_for(qtbot: Any, condition: Callable[[], bool]) -> None:
    qtbot.waitUntil(condition, timeout=WAIT_MS)


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(path)).pages)


def only_finished_pdfs(folder: Path) -> list[str]:
    """The folder's file names, after checking each is a whole PDF and nothing is partial."""
    names = []
    for path in sorted(folder.iterdir()):
        assert not path.name.startswith(".partial"), path.name
        assert PdfReader(str(path)).pages, path.name  # parses to the end (the xref)
        names.append(path.name)
    return names


# ---------------------------------------------------------------------------------------
# Selecting and asking


def test_selection_enables_packets_and_only_packets(qtbot, tmp_path, db) -> None:
    page = pipeline(qtbot, tmp_path, db)
    assert not page.ui.packetsButton.isEnabled()  # nothing selected yet
    ctrl_click_rows(qtbot, page, THREE)
    assert [item.name for item in page.selected_items()] == list(THREE)
    assert page.ui.packetsButton.isEnabled()
    for button in (page.ui.editButton, page.ui.advanceButton, page.ui.reviewButton):
        assert not button.isEnabled(), button.text()  # they act on one candidate
    assert "3 candidates selected" in page.ui.selectionInfo.text()
    image = grab_png(page, tmp_path / "pipeline-selection.png")
    assert distinct_colours(image) > 5
    page.ui.table.setFocus()  # focusing the table keeps the selection
    assert len(page.selected_items()) == 3

    menu = page.context_menu()
    actions = {a.text(): a for a in menu.actions() if a.text()}
    assert actions["&Hiring packets…"].isEnabled()
    assert not actions["&Edit…"].isEnabled()
    actions["&Hiring packets…"].trigger()
    dialog = open_dialog(page)
    assert isinstance(dialog, PacketOptionsDialog)
    assert "3 candidates" in dialog.ui.intro.text()
    assert "Jonas Müller" in dialog.ui.intro.text()
    image = grab_png(dialog, tmp_path / "packet-options.png")
    assert distinct_colours(image) > 5
    click(qtbot, dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel))
    assert packet_run(page) is None


def test_ctrl_p_asks_for_the_selection(qtbot, tmp_path, db, user) -> None:
    page = pipeline(qtbot, tmp_path, db)
    page.ui.table.setFocus()
    ctrl_click_rows(qtbot, page, ("Priya Raman",))
    user.press(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = open_dialog(page)
    assert isinstance(dialog, PacketOptionsDialog)
    assert "Priya Raman" in dialog.ui.intro.text()
    _escape(qtbot, user, dialog)
    assert not dialog.isVisible()


def test_the_dialog_wants_a_folder(qtbot, tmp_path, db) -> None:
    page = pipeline(qtbot, tmp_path, db)
    ctrl_click_rows(qtbot, page, ("Priya Raman",))
    click(qtbot, page.ui.packetsButton)
    dialog = open_dialog(page)
    ok = dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.ui.folder.clear()
    click(qtbot, ok)
    assert dialog.isVisible()
    assert "Choose the folder" in dialog.ui.problem.text()
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder", encoding="utf-8")
    dialog.ui.folder.setText(str(a_file))
    click(qtbot, ok)
    assert dialog.isVisible()
    assert "is a file, not a folder" in dialog.ui.problem.text()
    assert packet_run(page) is None
    assert a_file.read_text(encoding="utf-8") == "not a folder"


def test_browse_fills_in_the_folder(qtbot, tmp_path, db, monkeypatch) -> None:
    page = pipeline(qtbot, tmp_path, db)
    ctrl_click_rows(qtbot, page, ("Priya Raman",))
    click(qtbot, page.ui.packetsButton)
    dialog = open_dialog(page)
    chosen = tmp_path / "chosen"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(chosen))
    click(qtbot, dialog.ui.browseButton)
    assert dialog.ui.folder.text() == str(chosen)


# ---------------------------------------------------------------------------------------
# Writing


def test_three_packets_with_their_names_and_open_folder(qtbot, tmp_path, db, opened) -> None:
    page = pipeline(qtbot, tmp_path, db)
    ctrl_click_rows(qtbot, page, THREE)
    out = tmp_path / "packets"
    run = ask_for_packets(qtbot, page, out)
    wait_for(qtbot, lambda: not run.running)
    dialog = run.dialog
    assert isinstance(dialog, PacketProgressDialog)
    assert dialog.isVisible()
    assert dialog.ui.heading.text() == "All 3 hiring packets are written."
    assert not dialog.ui.failures.isVisible()
    assert only_finished_pdfs(out) == [
        "packet-Jonas-Müller.pdf",
        "packet-Noor-Haddad.pdf",
        "packet-Priya-Raman.pdf",
    ]
    for name in THREE:
        text = pdf_text(out / f"packet-{name.replace(' ', '-')}.pdf")
        assert name in text
        assert all(other not in text for other in THREE if other != name)
    assert "3 hiring packets written" in page.message
    click(qtbot, dialog.open_button)
    assert opened == [str(out)]
    click(qtbot, dialog.close_button)
    assert not dialog.isVisible()


def test_progress_names_the_candidate_and_the_window_stays_usable(
    qtbot, tmp_path, db, gate
) -> None:
    held = gate(2)
    page = pipeline(qtbot, tmp_path, db)
    ctrl_click_rows(qtbot, page, THREE)
    run = ask_for_packets(qtbot, page, tmp_path / "packets")
    dialog = run.dialog
    wait_for(qtbot, lambda: "2 of 3" in dialog.ui.heading.text())
    assert dialog.ui.heading.text() == "Writing 2 of 3: Noor Haddad"
    assert dialog.ui.bar.value() == 1
    assert dialog.cancel_button.isEnabled()
    image = grab_png(dialog, tmp_path / "packet-progress.png")
    assert distinct_colours(image) > 5
    # The worker is mid-packet; the window still answers.
    page.ui.statusFilter.setCurrentIndex(page.ui.statusFilter.findData("all"))
    page.ui.search.setText("ελένη")
    # The search runs once typing pauses, off the UI thread.
    qtbot.waitUntil(lambda: [row.name for row in page.model.rows()] == ["Ελένη Παπαδοπούλου"])
    assert [row.name for row in page.model.rows()] == ["Ελένη Παπαδοπούλου"]
    held.release()
    wait_for(qtbot, lambda: not run.running)
    assert len(run.outcome.written) == 3


def test_cancel_stops_after_the_packet_in_hand(qtbot, tmp_path, db, gate) -> None:
    held = gate(2)
    page = pipeline(qtbot, tmp_path, db)
    ctrl_click_rows(qtbot, page, THREE)
    out = tmp_path / "packets"
    run = ask_for_packets(qtbot, page, out)
    dialog = run.dialog
    wait_for(qtbot, lambda: "2 of 3" in dialog.ui.heading.text())
    click(qtbot, dialog.cancel_button)
    assert dialog.ui.heading.text() == "Stopping after the packet in hand (Noor Haddad)…"
    assert not dialog.cancel_button.isEnabled()
    assert run.running  # Noor's packet is still being written
    held.release()
    wait_for(qtbot, lambda: not run.running)
    assert run.outcome.cancelled
    assert dialog.ui.heading.text() == "Cancelled: 2 of 3 packets written, 1 not started."
    assert only_finished_pdfs(out) == ["packet-Jonas-Müller.pdf", "packet-Noor-Haddad.pdf"]
    assert "Noor Haddad" in pdf_text(out / "packet-Noor-Haddad.pdf")
    assert held.calls == ["Jonas Müller", "Noor Haddad"]  # Priya's was never started
    assert "(cancelled)" in page.message


def test_escape_cancels_and_the_dialog_stays_for_the_summary(
    qtbot, tmp_path, db, gate, user
) -> None:
    held = gate(1)
    page = pipeline(qtbot, tmp_path, db)
    ctrl_click_rows(qtbot, page, THREE)
    run = ask_for_packets(qtbot, page, tmp_path / "packets")
    dialog = run.dialog
    wait_for(qtbot, lambda: "1 of 3" in dialog.ui.heading.text())
    _escape(qtbot, user, dialog)
    assert dialog.isVisible()
    assert dialog.cancelling
    dialog.close()  # the window's close button: still there until the run ends
    assert dialog.isVisible()
    held.release()
    wait_for(qtbot, lambda: not run.running)
    assert [p.name for p in run.outcome.written] == ["packet-Jonas-Müller.pdf"]
    _escape(qtbot, user, dialog)
    assert not dialog.isVisible()


def test_blind_review_packets_show_pseudonyms_only(qtbot, tmp_path, db, gate) -> None:
    held = gate(1)
    page = pipeline(qtbot, tmp_path, db)
    ctrl_click_rows(qtbot, page, THREE)
    out = tmp_path / "blind"
    run = ask_for_packets(qtbot, page, out, anonymise=True)
    dialog = run.dialog
    wait_for(qtbot, lambda: "1 of 3" in dialog.ui.heading.text())
    assert re.fullmatch(r"Writing 1 of 3: Candidate [2-9A-Z]{6}", dialog.ui.heading.text())
    held.release()
    wait_for(qtbot, lambda: not run.running)
    files = only_finished_pdfs(out)
    assert len(files) == 3
    assert all(re.fullmatch(r"packet-Candidate-[2-9A-Z]{6}\.pdf", name) for name in files)
    uuids = page.selected_uuids()
    expected = sorted(
        f"packet-{packets.candidate_pseudonym(uuid).replace(' ', '-')}.pdf" for uuid in uuids
    )
    assert files == expected
    emails = [candidates.get_candidate(db, uuid).email for uuid in uuids]
    for name in files:
        text = pdf_text(out / name)
        info = PdfReader(str(out / name)).metadata
        for secret in (*THREE, *(n.split()[0] for n in THREE), *emails, "@candidates.example"):
            assert secret not in text, (name, secret)
            assert secret not in str(info.title), (name, secret)
        assert name[len("packet-") : -len(".pdf")].replace("-", " ") in text
    # The choice is remembered for the next packets.
    click(qtbot, run.dialog.close_button)
    click(qtbot, page.ui.packetsButton)
    again = open_dialog(page)
    assert again.anonymise
    assert again.ui.folder.text() == str(out)


def test_a_failing_candidate_is_reported_and_the_others_written(
    qtbot, tmp_path, db, opened
) -> None:
    page = pipeline(qtbot, tmp_path, db)
    ctrl_click_rows(qtbot, page, THREE)
    out = tmp_path / "packets"
    (out / "packet-Jonas-Müller.pdf").mkdir(parents=True)  # a folder where Jonas's file goes
    noor = page.selected_uuids()[1]
    candidates.erase_candidate(db, noor)  # erased by someone else since it was selected
    run = ask_for_packets(qtbot, page, out)
    wait_for(qtbot, lambda: not run.running)
    dialog = run.dialog
    assert [p.name for p in run.outcome.written] == ["packet-Priya-Raman.pdf"]
    assert dialog.ui.heading.text() == "1 of 3 packets written; 2 could not be written (below)."
    assert dialog.ui.failures.isVisible()
    shown = [dialog.ui.failures.item(i).text() for i in range(dialog.ui.failures.count())]
    assert shown == [
        "Jonas Müller — cannot write packet-Jonas-Müller.pdf: Is a directory",
        "Noor Haddad — no longer in the database (erased since it was chosen?)",
    ]
    assert "Priya Raman" in pdf_text(out / "packet-Priya-Raman.pdf")
    assert "1 hiring packet written" in page.message
    assert "2 not written" in page.message
    image = grab_png(dialog, tmp_path / "packet-summary.png")
    assert distinct_colours(image) > 5
    click(qtbot, dialog.open_button)
    assert opened == [str(out)]


def test_a_folder_that_cannot_be_made_writes_nothing(qtbot, tmp_path, db) -> None:
    page = pipeline(qtbot, tmp_path, db)
    ctrl_click_rows(qtbot, page, ("Priya Raman",))
    blocker = tmp_path / "blocker"
    blocker.write_text("a file", encoding="utf-8")
    run = ask_for_packets(qtbot, page, blocker / "packets")
    wait_for(qtbot, lambda: not run.running)
    dialog = run.dialog
    assert dialog.ui.heading.text() == "No packet was written."
    assert "cannot write packets to" in dialog.ui.detail.text()
    assert not dialog.open_button.isEnabled()
    assert "No hiring packet was written" in page.message
    assert blocker.read_text(encoding="utf-8") == "a file"


def test_a_second_request_while_writing_shows_the_running_one(qtbot, tmp_path, db, gate) -> None:
    held = gate(1)
    page = pipeline(qtbot, tmp_path, db)
    ctrl_click_rows(qtbot, page, THREE)
    run = ask_for_packets(qtbot, page, tmp_path / "packets")
    wait_for(qtbot, lambda: "1 of 3" in run.dialog.ui.heading.text())
    click(qtbot, page.ui.packetsButton)
    assert open_dialog(page, PacketOptionsDialog) is None
    assert "still being written" in page.message
    held.release()
    wait_for(qtbot, lambda: not run.running)


def test_selection_survives_a_refresh(qtbot, tmp_path, db) -> None:
    shell = start_shell(qtbot, tmp_path, db)
    shell.window.show_page("pipeline")
    page = shell.page("pipeline")
    ctrl_click_rows(qtbot, page, THREE)
    shell.controller.context.dataChanged.emit()  # something changed elsewhere: refresh now
    assert [item.name for item in page.selected_items()] == list(THREE)
    model = page.ui.table.selectionModel()
    model.select(
        page.model.index(row_of(page, "Noor Haddad"), 0),
        QItemSelectionModel.SelectionFlag.Deselect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert len(page.selected_items()) == 2


# ---------------------------------------------------------------------------------------
# The panel review's single packet


def committee_on(qtbot: Any, tmp_path: Path, db: Database, name: str) -> Any:
    shell = start_shell(qtbot, tmp_path, db)
    shell.window.show_page("committee")
    page = shell.page("committee")
    index = page.pick_model.index_of(lambda row: row.name == name)
    page.ui.candidates.selectRow(index.row())
    assert page.view is not None
    return page


def save_as(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "PDF files (*.pdf)")
    )


def test_the_panel_review_packet_shows_progress_and_opens_its_folder(
    qtbot, tmp_path, db, monkeypatch, opened
) -> None:
    page = committee_on(qtbot, tmp_path, db, "Priya Raman")
    target = tmp_path / "committee" / "priya.pdf"
    target.parent.mkdir()
    save_as(monkeypatch, target)
    click(qtbot, page.ui.packetButton)
    run = packet_run(page)
    wait_for(qtbot, lambda: not run.running)
    assert run.dialog.ui.heading.text() == "The hiring packet is written."
    assert "priya.pdf" in run.dialog.ui.detail.text()
    assert "Priya Raman" in pdf_text(target)
    grab_png(run.dialog, tmp_path / "committee-packet.png")
    click(qtbot, run.dialog.open_button)
    assert opened == [str(target.parent)]


def test_cancelling_the_panel_review_packet_keeps_the_old_file(
    qtbot, tmp_path, db, monkeypatch, gate
) -> None:
    held = gate(1)
    page = committee_on(qtbot, tmp_path, db, "Priya Raman")
    target = tmp_path / "priya.pdf"
    target.write_bytes(b"last week's packet")
    save_as(monkeypatch, target)
    page.ui.anonymise.setChecked(True)
    click(qtbot, page.ui.packetButton)
    run = packet_run(page)
    dialog = run.dialog
    pseudonym = packets.candidate_pseudonym(page.view.uuid)
    wait_for(qtbot, lambda: pseudonym in dialog.ui.heading.text())
    assert dialog.ui.heading.text() == f"Writing 1 of 1: {pseudonym}"
    click(qtbot, dialog.cancel_button)
    held.release()
    wait_for(qtbot, lambda: not run.running)
    assert dialog.ui.heading.text() == "Cancelled: the packet was not written."
    assert page.ui.packetStatus.text() == "Cancelled: the packet was not written."
    assert page.ui.packetButton.isEnabled()
    assert target.read_bytes() == b"last week's packet"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == ["priya.pdf"]


def _escape(qtbot, user, dialog) -> None:  # type: ignore[no-untyped-def]
    """Esc in a dialog, as a person presses it: the dialog has the keyboard."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    user.press(Qt.Key.Key_Escape)
