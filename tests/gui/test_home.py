"""Home: my interviews, the candidate search, paging, sorting, opening a walk; and every
item model through pytest-qt's model tester."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtWidgets import QApplication

from interview_kit.domain.rubric import load_rubric
from interview_kit.domain.scorecard import Vote
from interview_kit.gui import home_wiring
from interview_kit.gui.home_wiring import CANDIDATE_PAGE_SIZE

from interview_kit.gui.stage_walk import PanelCard  # isort: skip  (before models.compare)
from interview_kit.gui.models.compare import PanelComparisonModel
from interview_kit.gui.models.home import (
    CandidateItem,
    CandidateListModel,
    InterviewItem,
    InterviewStatus,
    MyInterviewsModel,
)
from interview_kit.gui.models.table import Column, RowTableModel
from interview_kit.paths import default_rubric_path
from interview_kit.services import assignments, candidate_list, candidates, demo
from interview_kit.services.database import open_database
from tests.gui.conftest import sign_in
from tests.support.user import User

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def app(make_app, demo_db, qtbot):
    app = make_app(demo_db)
    qtbot.waitUntil(lambda: app.controller.identity_dialog is not None)
    app.controller.identity_dialog.reject()
    app.window.activateWindow()
    qtbot.waitUntil(app.window.isActiveWindow)
    return app


@pytest.fixture
def person(qtbot) -> User:
    """The person at the keyboard and mouse (refuses what a person could not do)."""
    return User(qtbot)


def names(model) -> list[str]:
    return [model.row_at(r).name for r in range(model.rowCount())]


# ---------------------------------------------------------------------------------------
# Models


def _interviews() -> list[InterviewItem]:
    when = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    return [
        InterviewItem(
            "c1", "Zoë Lefèvre", "product_assessment", 3, "Product", InterviewStatus.DRAFT, when
        ),
        InterviewItem(
            "c2", "王静", "initial_screen", 1, "Initial screen", InterviewStatus.NOT_STARTED
        ),
        InterviewItem(
            "c3",
            "Amara Okonkwo",
            "technical_deep_dive",
            2,
            "Deep dive",
            InterviewStatus.SUBMITTED,
            when,
        ),
    ]


def test_my_interviews_model(qtmodeltester) -> None:
    model = MyInterviewsModel()
    model.set_rows(_interviews())
    qtmodeltester.check(model)
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert [model.row_at(r).status for r in range(3)] == [
        InterviewStatus.DRAFT,
        InterviewStatus.NOT_STARTED,
        InterviewStatus.SUBMITTED,
    ]
    model.sort(3, Qt.SortOrder.DescendingOrder)
    assert model.row_at(2).updated_at is None, "rows without a time go last either way"
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_candidate_list_model_pages(qtmodeltester) -> None:
    model = CandidateListModel()
    wanted: list[int] = []
    model.moreWanted.connect(wanted.append)
    rows = [CandidateItem(str(i), f"Person {i:03d}", f"p{i}@example.com") for i in range(5)]
    model.set_candidates(rows[:3], total=5)
    qtmodeltester.check(model)
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert wanted == [3], "one request per page"
    model.append_rows(rows[3:])
    assert model.rowCount() == 5
    assert not model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    sorts: list[bool] = []
    model.sortChanged.connect(lambda: sorts.append(model.descending))
    model.sort(0, Qt.SortOrder.DescendingOrder)
    model.sort(3, Qt.SortOrder.AscendingOrder)  # the origin path: not sortable in SQL
    assert sorts == [True]


def test_panel_comparison_model(qtmodeltester) -> None:
    rubric = load_rubric(default_rubric_path())
    stage = rubric.stages[0]
    first, second = stage.criteria[0].id, stage.criteria[1].id
    cards = [
        PanelCard("Me", True, {first: 4, second: 3}, Vote.YES, "L5"),
        PanelCard("Ola", False, {first: 1, second: None}, Vote.NO, "L4"),
        PanelCard("Bo", False, {first: 3}, Vote.STRONG_YES, None),
    ]
    model = PanelComparisonModel()
    qtmodeltester.check(model)
    model.set_panel(rubric, stage.id, cards)
    qtmodeltester.check(model)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Criterion", "You", "Bo", "Ola", "Spread"]
    assert model.data(model.index(0, 4)) == "3"
    assert stage.criteria[0].title in model.flagged_rows()
    assert "Recommendation" in model.flagged_rows(), "a split panel is highlighted"
    assert model.data(model.index(1, 3)) == "N/A"
    assert model.data(model.index(1, 2)) == "—"


def test_generic_row_model_keeps_the_selection_on_its_row_when_sorting(qtmodeltester) -> None:
    model: RowTableModel[tuple[str, int]] = RowTableModel(
        [
            Column("Name", lambda r: r[0]),
            Column("Age", lambda r: str(r[1]), sort_key=lambda r: r[1]),
        ]
    )
    model.set_rows([("b", 2), ("a", 3), ("c", 1)])
    qtmodeltester.check(model)
    from PySide6.QtCore import QPersistentModelIndex

    kept = QPersistentModelIndex(model.index(0, 0))
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert model.data(kept) == "b"
    assert kept.row() == 1
    qtmodeltester.check(model)


# ---------------------------------------------------------------------------------------
# The page, through the user helper


def settle(app) -> None:
    """Wait for the search (it runs once typing pauses) and any write asked for."""
    from PySide6.QtTest import QTest

    assert app.controller.context.writes.wait_idle(20)
    loader = app.controller.home.loader
    for _ in range(50):  # the view asks for a page a moment after the last one landed
        QTest.qWait(30)
        if not loader.busy:
            break
        assert loader.wait_idle(20_000)


def clear_and_type(user, widget, text: str) -> None:
    user.focus(widget)
    user.shortcut("Ctrl+A")
    user.press(Qt.Key.Key_Backspace)
    user.type(text)


def click_header(user, qtbot, view, column: int) -> None:
    header = view.horizontalHeader()
    rect = QRect(header.sectionViewportPosition(column) + 2, 0, header.sectionSize(column) - 4, 8)
    point = user.reachable_point(header.viewport(), rect)
    qtbot.mouseClick(header.viewport(), LEFT, pos=point)


def test_search_narrows_the_list_ignoring_case_and_accents(app, qtbot, person) -> None:
    home = app.window.page("home")
    everyone = home.candidates.total
    assert everyone >= 12
    assert f"{everyone} candidates" in home.ui.candidateCount.text()
    clear_and_type(person, home.ui.search, "zoe")
    settle(app)
    assert names(home.candidates) == ["Zoë Lefèvre"]
    assert home.ui.candidateCount.text() == "1 candidate found"
    clear_and_type(person, home.ui.search, "СОКОЛ")
    settle(app)
    assert names(home.candidates) == ["Юлия Соколова"]
    clear_and_type(person, home.ui.search, "no such person %_")
    settle(app)
    assert home.candidates.rowCount() == 0
    clear_and_type(person, home.ui.search, "")
    settle(app)
    assert home.candidates.rowCount() == everyone


def test_typing_reads_once_per_pause_and_only_the_last_answer_shows(
    app, qtbot, person, monkeypatch
) -> None:
    home = app.window.page("home")
    asked: list[str] = []
    real = candidate_list.list_candidates

    def counted(db, query=None, **kwargs):
        asked.append(query.text if query is not None else "")
        return real(db, query, **kwargs)

    monkeypatch.setattr(candidate_list, "list_candidates", counted)
    everyone = names(home.candidates)
    person.focus(home.ui.search)
    person.type("okonkwo")  # seven keystrokes, no pause between them
    assert names(home.candidates) == everyone, "nothing read while typing"
    settle(app)
    assert asked == ["okonkwo"], "one read, for what was typed last"
    assert names(home.candidates) == ["Amara Okonkwo"]


def test_sorting_by_a_column_asks_the_database(app, qtbot, person) -> None:
    home = app.window.page("home")
    ascending = names(home.candidates)
    click_header(person, qtbot, home.ui.candidates, 0)
    assert home.candidates.descending
    assert names(home.candidates) == list(reversed(ascending))


def test_keyboard_from_search_to_the_stage_walk(app, qtbot, person) -> None:
    sign_in(app, "Ada Lovelace")
    home = app.window.page("home")
    person.focus(home.ui.search)
    person.type("okonkwo")
    person.press(Qt.Key.Key_Down)  # answers the search at once, then goes to the list
    assert QApplication.focusWidget() is home.ui.candidates
    person.press(Qt.Key.Key_Return)
    walk = app.controller.walks.walk
    assert walk is not None
    assert walk.setup.candidate.name == "Amara Okonkwo"
    assert app.window.ui.pages.currentWidget() is walk


def test_enter_right_after_typing_opens_what_was_typed(app, qtbot, person) -> None:
    sign_in(app, "Ada Lovelace")
    home = app.window.page("home")
    person.focus(home.ui.search)
    person.type("siobhan")
    person.press(Qt.Key.Key_Return)  # before the pause: the answer comes first
    walk = app.controller.walks.walk
    assert walk is not None
    assert walk.setup.candidate.name == "Siobhán Ní Bhriain"


def test_double_click_on_my_interview_opens_its_stage(app, qtbot, person) -> None:
    sign_in(app, "Dev Raghunathan")
    home = app.window.page("home")
    assert home.interviews.rowCount() > 0
    row = home.interviews.row_at(0)
    person.double_click_row(home.ui.myInterviews, 0)
    walk = app.controller.walks.walk
    assert walk is not None
    assert (walk.setup.candidate.uuid, walk.setup.stage_id) == (row.candidate_uuid, row.stage_id)
    # Back home (Esc), the list shows the same interviews with their status.
    walk.setFocus()
    person.press(Qt.Key.Key_Escape)
    assert app.controller.walks.walk is None
    assert app.window.current_page_key() == "home"


def test_my_interviews_show_status_and_no_scores(app) -> None:
    sign_in(app, "Tomás Delgado")
    home = app.window.page("home")
    statuses = {home.interviews.row_at(r).status for r in range(home.interviews.rowCount())}
    assert InterviewStatus.SUBMITTED in statuses
    assert InterviewStatus.DRAFT in statuses
    headers = [
        home.interviews.headerData(c, Qt.Orientation.Horizontal)
        for c in range(home.interviews.columnCount())
    ] + [
        home.candidates.headerData(c, Qt.Orientation.Horizontal)
        for c in range(home.candidates.columnCount())
    ]
    assert not {"Score", "Recommendation", "Level", "Vote"} & set(headers)


def test_my_interviews_list_open_candidates_only(app) -> None:
    """A closed candidate (rejected, withdrawn, hired) is off the to-do list; only a draft
    left on one shows, under Closed."""
    person = sign_in(app, "Tomás Delgado")
    home = app.window.page("home")
    db = app.controller.context.db
    shown = {row.candidate_uuid for row in home.interviews.rows()}
    mine = assignments.assignments_for_interviewer(db, person.uuid)
    assert shown == {a.candidate_uuid for a in mine if not a.candidate_status.is_closed}
    assert any(a.candidate_status.is_closed for a in mine), "the demo has closed ones"
    closed = {(r.candidate_uuid, r.stage_id) for r in home.closed_interviews.rows()}
    assert closed == {
        (a.candidate_uuid, a.stage_id)
        for a in mine
        if a.candidate_status.is_closed and a.scorecard_status == "draft"
    }
    assert home.closedInterviews.isVisible() is bool(closed)


def test_start_up_reads_homes_first_page_once(make_app, demo_db, qtbot, monkeypatch) -> None:
    pages: list[object] = []
    probes: list[bool] = []
    real_list, real_has = candidate_list.list_candidates, candidate_list.has_candidates

    def listed(db, query=None, **kwargs):
        pages.append(query)
        return real_list(db, query, **kwargs)

    def probed(db):
        found = real_has(db)
        probes.append(found)
        return found

    monkeypatch.setattr(candidate_list, "list_candidates", listed)
    monkeypatch.setattr(candidate_list, "has_candidates", probed)
    app = make_app(demo_db)
    qtbot.waitUntil(lambda: app.controller.identity_dialog is not None)
    home = app.window.page("home")
    assert home.candidates.rowCount() >= 12
    assert len(pages) == 1, "Home's first page, with its count, in one query"
    assert pages[0].after is None
    assert pages[0].with_total
    assert probes
    assert all(probes)


@pytest.mark.parametrize("column", [0, 1, 2, 4, 5, 6])
def test_scrolling_to_the_end_reads_every_page_in_order(
    make_app, demo_db, qtbot, person, monkeypatch, column
) -> None:
    monkeypatch.setattr(home_wiring, "CANDIDATE_PAGE_SIZE", 4)
    app = make_app(demo_db)
    qtbot.waitUntil(lambda: app.controller.identity_dialog is not None)
    app.controller.identity_dialog.reject()
    app.window.activateWindow()
    qtbot.waitUntil(app.window.isActiveWindow)
    home = app.window.page("home")
    db = app.controller.context.db
    view = home.ui.candidates
    for descending in (False, True):
        for _ in range(3):
            if (home.candidates.sort_column, home.candidates.descending) == (column, descending):
                break
            click_header(person, qtbot, view, column)
        assert (home.candidates.sort_column, home.candidates.descending) == (column, descending)
        assert home.candidates.total == 13
        person.click_row(view, 0)
        for _ in range(6):
            person.press(Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
            settle(app)
        expected = candidates.list_candidates(
            db,
            candidates.CandidateQuery(
                sort=home_wiring._SORTS[column], descending=descending, limit=500
            ),
        )
        assert [row.uuid for row in home.candidates.rows()] == [r.uuid for r in expected.rows]
        assert not home.candidates.canFetchMore()


@pytest.mark.slow
def test_the_list_pages_in_more_candidates_as_the_user_scrolls(
    make_app, tmp_path, qtbot, person
) -> None:
    path = tmp_path / "many.sqlite3"
    db = open_database(path)
    try:
        demo.load_demo(db, candidates=CANDIDATE_PAGE_SIZE * 2 + 50)
    finally:
        db.close()
    app = make_app(path)
    home = app.window.page("home")
    assert home.candidates.total == CANDIDATE_PAGE_SIZE * 2 + 50
    assert home.candidates.rowCount() == CANDIDATE_PAGE_SIZE
    view = home.ui.candidates
    qtbot.waitUntil(lambda: app.controller.identity_dialog is not None)
    app.controller.identity_dialog.reject()
    app.window.activateWindow()
    qtbot.waitUntil(app.window.isActiveWindow)
    person.click_row(view, 0)
    for expected in (CANDIDATE_PAGE_SIZE * 2, CANDIDATE_PAGE_SIZE * 2 + 50):
        person.press(Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        settle(app)
        qtbot.waitUntil(lambda e=expected: home.candidates.rowCount() == e)
    loaded = names(home.candidates)
    assert len(set(loaded)) == len(loaded) or len(loaded) == home.candidates.total
    assert [n.casefold() for n in loaded[:5]] == sorted(n.casefold() for n in loaded[:5])
