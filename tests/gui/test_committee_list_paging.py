"""Panel review's candidate list reads a page at a time as it scrolls, and its search
waits for a pause in typing and runs off the UI thread (issue: large panels)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from recruiter_support import open_db, start_shell

from interview_kit.gui.committee.wiring import LIST_PAGE
from interview_kit.services import candidates
from tests.support.user import User

COUNT = LIST_PAGE * 2 + 30
FAR = f"Paged Person {COUNT - 3:04d}"
"""A name on the last page."""


def _row_of(window, key: str) -> int:  # type: ignore[no-untyped-def]
    navigation = window.ui.navigation
    return next(
        row
        for row in range(navigation.count())
        if navigation.item(row).data(Qt.ItemDataRole.UserRole) == key
    )


def test_the_list_pages_as_it_scrolls_and_search_finds_beyond_the_first_page(
    qtbot, tmp_path, user: User
) -> None:
    db = open_db(tmp_path, with_demo=False)
    try:
        for number in range(COUNT):
            candidates.add_candidate(db, name=f"Paged Person {number:04d}")
        shell = start_shell(qtbot, tmp_path, db)
        window = shell.window
        user.click_row(window.ui.navigation, _row_of(window, "committee"))
        user.assert_showing(window, "committee")
        page = shell.page("committee")
        user.choose(page.ui.show, "All candidates")
        model, view = page.pick_model, page.ui.candidates
        assert model.rowCount() < COUNT  # a first page, not every candidate
        assert model.canFetchMore()

        # Scrolling to the end (Ctrl+End, again and again) reads the following pages until
        # every row is in.
        user.click_row(view, 0)

        def scrolled_to_the_end() -> bool:
            user.press(Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
            return model.rowCount() == COUNT

        qtbot.waitUntil(scrolled_to_the_end, timeout=10_000)
        names = [pick.name for pick in model.rows()]
        assert names == sorted(names)
        assert len(set(names)) == COUNT

        # A search for a name far down the list: typed, answered once typing pauses.
        user.focus(page.ui.find)
        user.type(FAR.removeprefix("Paged "))
        qtbot.waitUntil(lambda: [p.name for p in model.rows()] == [FAR])
        user.press(Qt.Key.Key_Return)  # opens the first found, the keyboard in the list
        assert user.focused() is view
        assert page.view is not None
        assert page.view.name == FAR
    finally:
        db.close()
