"""Home: my interviews, the candidate search, paging, sorting, opening a walk; and every
item model through pytest-qt's model tester."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QApplication

from interview_kit.domain.rubric import load_rubric
from interview_kit.domain.scorecard import Vote
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
from interview_kit.services import demo
from interview_kit.services.database import open_database
from tests.gui.conftest import sign_in

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def app(make_app, demo_db, qtbot):
    app = make_app(demo_db)
    qtbot.waitUntil(lambda: app.controller.identity_dialog is not None)
    app.controller.identity_dialog.reject()
    app.window.activateWindow()
    qtbot.waitUntil(app.window.isActiveWindow)
    return app


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
# The page


def test_search_narrows_the_list_ignoring_case_and_accents(app, qtbot, user) -> None:
    home = app.window.page("home")
    everyone = home.candidates.total
    assert everyone >= 12
    assert f"{everyone} candidates" in home.ui.candidateCount.text()
    home.ui.search.setFocus()
    user.type("zoe", home.ui.search)
    assert names(home.candidates) == ["Zoë Lefèvre"]
    assert home.ui.candidateCount.text() == "1 candidate found"
    home.ui.search.clear()
    user.type("СОКОЛ", home.ui.search)
    assert names(home.candidates) == ["Юлия Соколова"]
    home.ui.search.clear()
    user.type("no such person %_", home.ui.search)
    assert home.candidates.rowCount() == 0
    home.ui.search.clear()
    assert home.candidates.rowCount() == everyone


def test_sorting_by_a_column_asks_the_database(app, qtbot) -> None:
    home = app.window.page("home")
    ascending = names(home.candidates)
    header = home.ui.candidates.horizontalHeader()
    middle = QPoint(
        header.sectionViewportPosition(0) + header.sectionSize(0) // 2, header.height() // 2
    )
    qtbot.mouseClick(header.viewport(), LEFT, pos=middle)
    assert home.candidates.descending
    assert names(home.candidates) == list(reversed(ascending))


def test_keyboard_from_search_to_the_stage_walk(app, qtbot, user) -> None:
    sign_in(app, "Ada Lovelace")
    home = app.window.page("home")
    home.ui.search.setFocus()
    user.type("okonkwo", home.ui.search)
    user.press(Qt.Key.Key_Down, widget=home.ui.search)
    assert QApplication.focusWidget() is home.ui.candidates
    user.press(Qt.Key.Key_Return, widget=home.ui.candidates)
    walk = app.controller.walks.walk
    assert walk is not None
    assert walk.setup.candidate.name == "Amara Okonkwo"
    assert app.window.ui.pages.currentWidget() is walk


def test_double_click_on_my_interview_opens_its_stage(app, qtbot) -> None:
    sign_in(app, "Dev Raghunathan")
    home = app.window.page("home")
    assert home.interviews.rowCount() > 0
    view = home.ui.myInterviews
    row = home.interviews.row_at(0)
    rect = view.visualRect(home.interviews.index(0, 0))
    qtbot.mouseClick(view.viewport(), LEFT, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), LEFT, pos=rect.center())
    walk = app.controller.walks.walk
    assert walk is not None
    assert (walk.setup.candidate.uuid, walk.setup.stage_id) == (row.candidate_uuid, row.stage_id)
    # Back home (Esc), the list shows the same interviews with their status.
    walk.setFocus()
    qtbot.keyClick(walk, Qt.Key.Key_Escape)
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


@pytest.mark.slow
def test_the_list_pages_in_more_candidates_as_the_user_scrolls(make_app, tmp_path, qtbot) -> None:
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
    for expected in (CANDIDATE_PAGE_SIZE * 2, CANDIDATE_PAGE_SIZE * 2 + 50):
        view.scrollToBottom()
        qtbot.waitUntil(lambda e=expected: home.candidates.rowCount() == e)
    loaded = names(home.candidates)
    assert len(set(loaded)) == len(loaded) or len(loaded) == home.candidates.total
    assert [n.casefold() for n in loaded[:5]] == sorted(n.casefold() for n in loaded[:5])
