"""The shared keyset-paged list: its model, and the loader that debounces searches, reads
off the UI thread and drops answers to questions nobody asks any more."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QModelIndex, QThread

from interview_kit.gui.models.table import Column
from interview_kit.gui.paged import Page, PagedLoader, PagedRowModel

COLUMNS = [Column("Name", lambda r: r)]
NAMES = [f"person {n:02d}" for n in range(23)]


def reader(names: list[str], size: int, calls: list[tuple[str, object]], text: str = ""):
    """A fetch over ``names`` (those containing ``text``), ``size`` rows a page."""
    matching = [n for n in names if text in n]

    def fetch(after: object | None) -> Page[str]:
        calls.append((text, after))
        start = 0 if after is None else int(after)  # type: ignore[call-overload]
        rows = matching[start : start + size]
        more = start + size < len(matching)
        return Page(rows, len(matching) if after is None else None, start + len(rows), more)

    return fetch


def test_the_model_pages_and_passes_the_model_tester(qtmodeltester) -> None:
    model: PagedRowModel[str] = PagedRowModel(COLUMNS)
    wanted: list[int] = []
    model.moreWanted.connect(wanted.append)
    qtmodeltester.check(model)
    model.set_page(NAMES[:10], 23, after=10, more=True)
    qtmodeltester.check(model)
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert wanted == [10], "one request per page"
    model.append_rows(NAMES[10:20], after=20, more=True)
    model.append_rows(NAMES[20:], after=23, more=False)
    assert model.rows() == NAMES
    assert not model.canFetchMore(QModelIndex())
    assert model.total == 23
    model.remove_where(lambda row: row == "person 05")
    assert model.total == 22
    qtmodeltester.check(model)


def test_scrolling_reads_the_rest_in_order(qtbot) -> None:
    model: PagedRowModel[str] = PagedRowModel(COLUMNS)
    calls: list[tuple[str, object]] = []
    loader = PagedLoader(model, lambda: reader(NAMES, 10, calls))
    loader.reload()
    assert model.rows() == NAMES[:10]
    while model.canFetchMore():
        model.fetchMore()
        assert loader.wait_idle()
    assert model.rows() == NAMES
    assert calls == [("", None), ("", 10), ("", 20)]


def test_typing_reads_once_typing_pauses_off_the_ui_thread(qtbot) -> None:
    model: PagedRowModel[str] = PagedRowModel(COLUMNS)
    calls: list[tuple[str, object]] = []
    threads: list[QThread] = []
    typed = {"text": ""}

    def prepare():
        fetch = reader(NAMES, 50, calls, typed["text"])

        def on_a_thread(after):
            threads.append(QThread.currentThread())
            return fetch(after)

        return on_a_thread

    loader = PagedLoader(model, prepare)
    loader.reload()
    calls.clear()
    threads.clear()
    for text in ("1", "12", "1"):  # three keystrokes before the pause
        typed["text"] = text
        loader.reload_soon()
    assert loader.busy
    assert loader.wait_idle()
    assert calls == [("1", None)], "one read, for what was typed last"
    assert threads
    assert threads[0] is not QThread.currentThread()
    assert model.rows() == [n for n in NAMES if "1" in n]


def test_an_answer_to_an_older_question_is_dropped(qtbot) -> None:
    model: PagedRowModel[str] = PagedRowModel(COLUMNS)
    shown: list[list[str]] = []
    started = threading.Event()
    release = threading.Event()
    typed = {"text": "0"}

    def prepare():
        text = typed["text"]
        fetch = reader(NAMES, 50, [], text)

        def slow_for_zero(after):
            if text == "0":
                started.set()
                assert release.wait(10)
            return fetch(after)

        return slow_for_zero

    def show(page: Page[str]) -> None:
        shown.append(list(page.rows))
        model.set_page(page.rows, page.total or 0, after=page.after, more=page.more)

    loader = PagedLoader(model, prepare, show_first=show, debounce_ms=10)
    loader.reload_soon()  # "0": its read starts and hangs
    qtbot.waitUntil(started.is_set)
    typed["text"] = "2"
    loader.reload_soon()  # "2", asked while "0" is still on its way
    qtbot.wait(50)
    release.set()
    assert loader.wait_idle()
    assert shown == [[n for n in NAMES if "2" in n]], "the answer to '0' never showed"
    assert model.rows() == [n for n in NAMES if "2" in n]


def test_enter_answers_now_what_waited_for_the_pause(qtbot) -> None:
    model: PagedRowModel[str] = PagedRowModel(COLUMNS)
    typed = {"text": ""}
    loader = PagedLoader(model, lambda: reader(NAMES, 50, [], typed["text"]), debounce_ms=10_000)
    loader.reload()
    typed["text"] = "07"
    loader.reload_soon()
    assert model.rowCount() == 23, "nothing read before the pause"
    assert loader.flush()
    assert model.rows() == ["person 07"]
    assert not loader.busy
    assert not loader.flush(), "nothing waits any more"


def test_a_failed_read_is_said_in_words(qtbot) -> None:
    model: PagedRowModel[str] = PagedRowModel(COLUMNS)

    def broken(_after):
        raise RuntimeError("the server went away")

    loader = PagedLoader(model, lambda: broken, debounce_ms=1)
    with qtbot.waitSignal(loader.failed) as said:
        loader.reload_soon()
    assert said.args == ["The list could not be read: the server went away"]
    assert not loader.busy


@pytest.mark.parametrize("size", [1, 7, 23, 100])
def test_pages_of_any_size_add_up_to_the_whole_list(qtbot, size: int) -> None:
    model: PagedRowModel[str] = PagedRowModel(COLUMNS)
    loader = PagedLoader(model, lambda: reader(NAMES, size, []))
    loader.reload()
    while model.canFetchMore():
        model.fetchMore()
        assert loader.wait_idle()
    assert model.rows() == NAMES
