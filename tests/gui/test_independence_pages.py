"""Independent scoring on the recruiter and committee pages, driven through the widgets.

Ada is on Ann's Stage 1 panel; Bo has already submitted for Ann and Bea. Until Ada
submits, the pipeline shows neither Ann's score, recommendation nor decision, sorting by
score does not give Ann's away, and the panel review and packets for Ann are refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QDialogButtonBox
from recruiter_support import click, open_db, open_dialog, packet_run, start_shell

from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard import CriterionRating, Vote
from interview_kit.domain.scorecard_content import ScorecardChanges
from interview_kit.gui.packet_dialogs import PacketOptionsDialog
from interview_kit.gui.recruiter.models import PipelineItem, PipelineModel
from interview_kit.services import assignments, candidates, interviewers, rubrics, scorecards
from interview_kit.services.database import Database
from interview_kit.services.interviewers import InterviewerRecord
from tests.support.user import User

HIDDEN = "hidden until you submit"


@dataclass
class Panel:
    db: Database
    rubric: Rubric
    ann: str
    bea: str
    ada: InterviewerRecord
    bo: InterviewerRecord
    cy: InterviewerRecord

    @property
    def stage(self) -> str:
        return self.rubric.stages[0].id


def submit(panel: Panel, candidate: str, who: str, rating: int) -> None:
    stage = panel.rubric.stage(panel.stage)
    card = scorecards.start_scorecard(panel.db, candidate, panel.stage, who)
    changes = ScorecardChanges(
        ratings={c.id: CriterionRating(c.id, rating, "seen it") for c in stage.criteria},
        level_evidence=panel.rubric.levels[1].id,
        vote=Vote.STRONG_YES if rating == 4 else Vote.YES,
        summary="Fine.",
    )
    scorecards.save_draft(panel.db, card.uuid, changes)
    scorecards.submit_scorecard(panel.db, card.uuid)


@pytest.fixture
def panel(tmp_path: Path) -> Iterator[Panel]:
    db = open_db(tmp_path)
    rubric = rubrics.active_rubric(db).rubric
    ann = candidates.add_candidate(db, name="Ann High", status="screening").uuid
    bea = candidates.add_candidate(db, name="Bea Middle", status="screening").uuid
    made = Panel(
        db,
        rubric,
        ann,
        bea,
        interviewers.add_interviewer(db, name="Ada Lovelace", email="ada@example.org"),
        interviewers.add_interviewer(db, name="Bo Diddley", email="bo@example.org"),
        interviewers.add_interviewer(db, name="Cy Twombly", email="cy@example.org"),
    )
    submit(made, ann, made.bo.uuid, 4)
    submit(made, bea, made.bo.uuid, 3)
    assignments.assign(db, ann, made.stage, made.ada.uuid)
    yield made
    db.close()


def row_of(model: PipelineModel, name: str) -> int:
    for number, row in enumerate(model.rows()):
        if row.name == name:
            return number
    raise AssertionError(f"{name} is not listed")


def cell(model: PipelineModel, name: str, title: str, role: int = Qt.ItemDataRole.DisplayRole):
    column = next(c for c in range(model.columnCount()) if model.column_title(c) == title)
    return model.data(model.index(row_of(model, name), column), role)


def test_the_pipeline_hides_results_until_the_viewer_submits(qtbot, tmp_path, panel) -> None:
    shell = start_shell(qtbot, tmp_path, panel.db)
    shell.controller.set_interviewer(panel.ada)
    shell.window.show_page("pipeline")
    model = shell.page("pipeline").model

    assert cell(model, "Ann High", "Score") == HIDDEN
    assert cell(model, "Ann High", "Recommendation") == "hidden"
    assert cell(model, "Ann High", "Decision") == "hidden"
    tip = cell(model, "Ann High", "Score", Qt.ItemDataRole.ToolTipRole)
    assert "not submitted your own scorecard" in tip
    assert cell(model, "Bea Middle", "Score") == "3.00", "not on Bea's panel: sees it"
    assert cell(model, "Ann High", "1. Initial screen") == "✓ 1/1", "who submitted shows"

    # Someone not on Ann's panel (a committee member who interviews elsewhere) sees it.
    shell.controller.set_interviewer(panel.cy)
    assert cell(model, "Ann High", "Score") == "4.00"

    shell.controller.set_interviewer(panel.ada)
    assert cell(model, "Ann High", "Score") == HIDDEN
    submit(panel, panel.ann, panel.ada.uuid, 3)
    shell.controller.context.dataChanged.emit()
    assert cell(model, "Ann High", "Score") == "3.50"
    assert cell(model, "Ann High", "Score", Qt.ItemDataRole.ToolTipRole) == ""


def test_sorting_by_score_puts_a_hidden_score_among_the_unknown(qtbot, tmp_path, panel) -> None:
    carl = candidates.add_candidate(panel.db, name="Carl Low", status="screening").uuid
    submit(panel, carl, panel.bo.uuid, 2)
    candidates.add_candidate(panel.db, name="Dan Unscored", status="screening")
    shell = start_shell(qtbot, tmp_path, panel.db)
    shell.controller.set_interviewer(panel.ada)
    shell.window.show_page("pipeline")
    page = shell.page("pipeline")
    score = next(
        c for c in range(page.model.columnCount()) if page.model.column_title(c) == "Score"
    )

    sort_by_header(qtbot, page, score, descending=True)
    assert [row.name for row in page.model.rows()] == [
        "Bea Middle",
        "Carl Low",
        "Dan Unscored",
        "Ann High",
    ]
    sort_by_header(qtbot, page, score, descending=False)
    assert [row.name for row in page.model.rows()] == [
        "Carl Low",
        "Bea Middle",
        "Ann High",
        "Dan Unscored",
    ]


def choose(page, candidate_uuid: str) -> None:
    """Pick a candidate in the panel review's list (what a click on its row asks for)."""
    page.candidateChosen.emit(candidate_uuid)


def test_the_panel_review_is_refused_then_shown(qtbot, tmp_path, panel) -> None:
    shell = start_shell(qtbot, tmp_path, panel.db)
    shell.controller.set_interviewer(panel.ada)
    shell.window.show_page("committee")
    page = shell.page("committee")
    page.set_show_filter("all")

    choose(page, panel.ann)
    assert page.view is None
    assert page.ui.heading.text() == (
        "Submit your own Stage 1 scorecard for Ann High first: the panel's scores stay "
        "hidden until then."
    )
    assert not page.ui.stageTabs.isVisible()
    assert not page.ui.packetButton.isVisible()

    choose(page, panel.bea)
    assert page.view is not None, "not on Bea's panel"

    submit(panel, panel.ann, panel.ada.uuid, 3)
    choose(page, panel.ann)
    assert page.view is not None
    assert page.view.name == "Ann High"


def test_switching_to_a_held_back_interviewer_closes_an_open_review(qtbot, tmp_path, panel) -> None:
    shell = start_shell(qtbot, tmp_path, panel.db)
    shell.window.show_page("committee")
    page = shell.page("committee")
    choose(page, panel.ann)
    assert page.view is not None, "nobody signed in: the recruiter sees it"

    shell.controller.set_interviewer(panel.ada)
    assert page.view is None
    assert "Submit your own Stage 1 scorecard for Ann High" in page.ui.heading.text()


def select_rows(qtbot, page, names: tuple[str, ...]) -> None:
    """Click the first, Ctrl+click the others, as a user selects several."""
    table = page.ui.table
    for number, name in enumerate(names):
        index = page.model.index(row_of(page.model, name), 0)
        table.scrollTo(index)
        point = User(qtbot).reachable_point(table.viewport(), table.visualRect(index))
        modifier = Qt.KeyboardModifier.ControlModifier if number else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, point)


def sort_by_header(qtbot, page, column: int, *, descending: bool) -> None:
    """Click the column's header (again, if need be) until it sorts the way wanted."""
    header = page.ui.table.horizontalHeader()
    for _ in range(3):
        if (page.model.descending, header.sortIndicatorSection()) == (descending, column):
            return
        x = header.sectionViewportPosition(column)
        rect = QRect(x + 2, 0, header.sectionSize(column) - 4, header.height())
        point = User(qtbot).reachable_point(header.viewport(), rect)
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert (page.model.descending, header.sortIndicatorSection()) == (descending, column)


def test_packets_for_a_held_back_selection_are_refused(qtbot, tmp_path, panel) -> None:
    shell = start_shell(qtbot, tmp_path, panel.db)
    shell.controller.set_interviewer(panel.ada)
    shell.window.show_page("pipeline")
    page = shell.page("pipeline")
    select_rows(qtbot, page, ("Ann High",))

    User(qtbot).click(page.ui.packetsButton)
    assert page.message.startswith("Submit your own Stage 1 scorecard for Ann High first")
    assert open_dialog(page) is None, "nothing asked where to write"
    assert packet_run(page) is None


def test_a_mixed_selection_writes_only_what_the_viewer_may_read(qtbot, tmp_path, panel) -> None:
    shell = start_shell(qtbot, tmp_path, panel.db)
    shell.controller.set_interviewer(panel.ada)
    shell.window.show_page("pipeline")
    page = shell.page("pipeline")
    select_rows(qtbot, page, ("Ann High", "Bea Middle"))

    User(qtbot).click(page.ui.packetsButton)
    dialog = open_dialog(page)
    assert isinstance(dialog, PacketOptionsDialog)
    folder = tmp_path / "packets"
    dialog.ui.folder.setText(str(folder))
    click(qtbot, dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok))
    run = packet_run(page)
    qtbot.waitUntil(lambda: not run.running, timeout=60_000)

    assert [path.name for path in run.outcome.written] == [
        path.name for path in sorted(folder.iterdir())
    ]
    assert len(run.outcome.written) == 1
    assert run.outcome.written[0].name == "packet-Bea-Middle.pdf"
    ((who, why),) = run.outcome.failed
    assert who == "Ann High"
    assert why.startswith("Submit your own Stage 1 scorecard for Ann High first")


def test_the_pipeline_model_with_hidden_rows_passes_the_model_tester(qtmodeltester) -> None:
    model = PipelineModel()
    model.set_page(
        [
            PipelineItem(
                "1",
                "Ann",
                "",
                "",
                "",
                "screening",
                "1. Screen",
                score=None,
                hidden_text=HIDDEN,
                hidden_tip="why",
            ),
            PipelineItem(
                "2", "Bea", "", "", "", "screening", "1. Screen", score=3.0, recommendation="Hire"
            ),
        ],
        2,
    )
    qtmodeltester.check(model)
