"""File → Import candidates… and File → Export to spreadsheet, in the running app."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog

from interview_kit.gui.interop_dialogs import CandidateImportDialog
from interview_kit.services import candidates
from interview_kit.services.candidates import CandidateQuery
from tests.support.user import User

HEADER = "First name;Last name;E-mail\n"
ROWS = "Zoë;Åberg;zoe@example.org\nJonas;Müller;jonas@example.org\n"


@pytest.fixture
def person(qtbot: Any) -> User:
    return User(qtbot)


def _dialog(app: Any) -> CandidateImportDialog:
    dialog = app.controller.interop.dialog
    assert isinstance(dialog, CandidateImportDialog)
    return dialog


def test_import_candidates_from_the_file_menu(
    make_app: Callable[..., Any],
    person: User,
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app()
    db = app.controller.context.db
    source = tmp_path / "ats.csv"
    source.write_bytes((HEADER + ROWS + "Noor;Haddad;zoe@example.org\n").encode("cp1252"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    person.menu(app.window, "File", "Import candidates…")
    dialog = _dialog(app)
    qtbot.waitExposed(dialog)
    person.click(dialog.browse)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    # A duplicate e-mail: listed with its row and column, and nothing can be imported.
    assert dialog.problems.isVisible()
    assert dialog.problems.item(0).text() == (
        "row 4, column 'E-mail': zoe@example.org is also on row 2"
    )
    assert not dialog.import_button.isEnabled()

    source.write_bytes((HEADER + ROWS).encode("cp1252"))
    person.click(dialog.read)
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.plan.problems, timeout=10_000)
    assert "2 to add" in dialog.summary.text()
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 2).text() == "Zoë Åberg"
    assert dialog.table.item(0, 1).text() == "Add"
    person.click(dialog.import_button)
    qtbot.waitUntil(lambda: app.controller.interop.dialog is None, timeout=10_000)
    names = [row.name for row in candidates.list_candidates(db, CandidateQuery()).rows]
    assert names == ["Jonas Müller", "Zoë Åberg"]


def test_export_the_pipeline_from_the_file_menu(
    make_app: Callable[..., Any],
    demo_db: Path,
    person: User,
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app(demo_db)
    out = tmp_path / "pipeline"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "Excel workbook (*.xlsx)")
    )
    written: list[Any] = []
    app.controller.interop.exported.connect(written.append)
    person.menu(app.window, "File", "Export to spreadsheet", "Pipeline…")
    qtbot.waitUntil(lambda: bool(written), timeout=20_000)
    sheet = openpyxl.load_workbook(tmp_path / "pipeline.xlsx").worksheets[0]
    assert [cell.value for cell in sheet[1]][:2] == ["Name", "Where"]
    assert sheet.max_row == written[0].rows + 1 > 1


def test_the_pipeline_shows_one_role_with_its_stages(
    make_app: Callable[..., Any], person: User, qtbot: Any
) -> None:
    from interview_kit import paths
    from interview_kit.services import rubrics

    app = make_app()
    db = app.controller.context.db
    rubrics.ensure_default_rubric(db)
    text = paths.default_rubric_path().read_text(encoding="utf-8")
    text = text.replace('id = "builder"', 'id = "designer"', 1)
    text = text.replace('role_title = "Builder"', 'role_title = "Product Designer"', 1)
    text = text.replace('title = "Initial screen"', 'title = "Portfolio review"', 1)
    rubrics.save_rubric(db, text)
    candidates.add_candidate(db, name="Bo Builder", email="bo@example.org", rubric_id="builder")
    candidates.add_candidate(db, name="Dee Designer", email="dee@example.org", rubric_id="designer")
    app.controller.context.dataChanged.emit()
    navigation = app.window.ui.navigation
    row = next(r for r in range(navigation.count()) if navigation.item(r).text() == "Pipeline")
    person.click_row(navigation, row)
    page = app.window.page("pipeline")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    combo = page.role_filter_box
    assert combo.isVisible()
    person.choose(combo, "Product Designer")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert page.model.rows()[0].name == "Dee Designer"
    titles = [page.model.column_title(c) for c in range(page.model.columnCount())]
    assert "1. Portfolio review" in titles
    assert page.ui.counts.text().startswith("1 candidate")  # the count line follows the role
    person.choose(combo, "Builder")
    qtbot.waitUntil(lambda: page.model.rows()[0].name == "Bo Builder", timeout=10_000)
    titles = [page.model.column_title(c) for c in range(page.model.columnCount())]
    assert "1. Initial screen" in titles


def test_an_export_can_leave_every_name_out(
    make_app: Callable[..., Any],
    demo_db: Path,
    person: User,
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app(demo_db)
    out = tmp_path / "scores.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "CSV"))
    written: list[Any] = []
    app.controller.interop.exported.connect(written.append)
    person.menu(app.window, "File", "Export to spreadsheet", "Anonymise names")
    person.menu(app.window, "File", "Export to spreadsheet", "Scores…")
    qtbot.waitUntil(lambda: bool(written), timeout=20_000)
    text = out.read_text(encoding="utf-8-sig")
    assert "Zoë Lefèvre" not in text
    assert "Ingrid Halvorsen" not in text
    assert "Interviewer 1" in text
    assert "names anonymised" in app.window.statusBar().currentMessage()
