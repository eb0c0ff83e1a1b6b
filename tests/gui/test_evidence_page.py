"""The Evidence section: the five views in tabs, computed off the UI thread, with the
same tables the command line prints — and a person can get there and read them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from recruiter_support import distinct_colours, grab_png, open_db, start_shell

from interview_kit.gui.insights.evidence_page import TABS, EvidencePage
from interview_kit.services import evidence
from interview_kit.services.evidence import tables
from interview_kit.services.evidence.planting import PLANTED_CATEGORY
from tests.support.user import User


@pytest.fixture
def planted_database(tmp_path: Path):
    database = open_db(tmp_path, with_demo=True, candidates=120)
    evidence.plant_evidence(database)
    yield database
    database.close()


def _open_evidence(qtbot, tmp_path: Path, db) -> tuple[object, EvidencePage, User]:
    shell = start_shell(qtbot, tmp_path, db)
    user = User(qtbot)
    navigation = shell.window.ui.navigation
    row = next(
        i
        for i in range(navigation.count())
        if navigation.item(i).data(Qt.ItemDataRole.UserRole) == "evidence"
    )
    user.click_row(navigation, row)
    user.assert_showing(shell.window, "evidence")
    page = shell.page("evidence")
    # Computed off the UI thread; done when the page says so.
    qtbot.waitUntil(lambda: page.status.text() == "Up to date.", timeout=90_000)
    return shell, page, user


def _choose_tab(qtbot, user: User, page: EvidencePage, key: str) -> None:
    index = [k for k, _title in TABS].index(key)
    bar = page.tabs.tabBar()
    point = user.reachable_point(bar, bar.tabRect(index))
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=point)
    assert page.tabs.currentIndex() == index


def test_every_tab_shows_the_views_tables(qtbot, tmp_path, planted_database) -> None:
    shell, page, user = _open_evidence(qtbot, tmp_path, planted_database)
    expected = {
        "reliability": tables.reliability_section(evidence.reliability(planted_database)),
        "validity": tables.validity_section(evidence.validity(planted_database)),
        "drift": tables.drift_section(evidence.drift(planted_database)),
        "overrides": tables.overrides_section(evidence.overrides(planted_database)),
    }
    for key, section in expected.items():
        _choose_tab(qtbot, user, page, key)
        tab = page.tab_by_id[key]
        assert tab.isVisible()
        assert tab.intro.text() == section.intro
        assert [block.figures for block in tab.blocks] == list(section.tables)
    reliability = page.tab_by_id["reliability"].blocks[0]
    assert reliability.view is not None
    model = reliability.view.model()
    shown = {
        tuple(model.index(r, c).data() for c in range(model.columnCount()))
        for r in range(model.rowCount())
    }
    assert shown == set(expected["reliability"].tables[0].rows)
    assert distinct_colours(grab_png(shell.window, tmp_path / "evidence.png")) > 8


def test_adverse_impact_shows_the_planted_flag(qtbot, tmp_path, planted_database) -> None:
    _shell, page, user = _open_evidence(qtbot, tmp_path, planted_database)
    _choose_tab(qtbot, user, page, "adverse_impact")
    tab = page.tab_by_id["adverse_impact"]
    assert tab.warnings.isVisible()
    assert "Committee" in tab.warnings.text()
    assert PLANTED_CATEGORY.title() in tab.warnings.text()
    assert any("Fisher p" in block.figures.headers for block in tab.blocks)


def test_refresh_recomputes_after_an_outcome_is_recorded(qtbot, tmp_path, planted_database) -> None:
    _shell, page, user = _open_evidence(qtbot, tmp_path, planted_database)
    before = page.tab_by_id["validity"].section
    from interview_kit.domain.candidate import PipelineStatus
    from interview_kit.services import candidates

    hired = candidates.list_candidates(
        planted_database,
        candidates.CandidateQuery(statuses=(PipelineStatus.HIRED,), limit=1),
    ).rows[0]
    for point in evidence.Checkpoint:
        evidence.record_outcome(
            planted_database, hired.uuid, checkpoint=point, still_employed=False, performance=1
        )
    user.click(page.refresh_button)
    qtbot.waitUntil(lambda: page.tab_by_id["validity"].section is not before, timeout=90_000)
    qtbot.waitUntil(lambda: page.status.text() == "Up to date.", timeout=90_000)
    after = tables.validity_section(evidence.validity(planted_database))
    assert page.tab_by_id["validity"].section == after


def _dialog(page, kind):
    from PySide6.QtWidgets import QDialog

    shown = [d for d in page.window().findChildren(kind) if d.isVisible()]
    assert len(shown) == 1, shown
    assert isinstance(shown[0], QDialog)
    return shown[0]


def test_a_recruiter_records_a_hires_outcome(qtbot, tmp_path, planted_database) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from interview_kit.gui.insights.evidence_dialogs import OutcomeDialog

    _shell, page, user = _open_evidence(qtbot, tmp_path, planted_database)
    user.click(page.outcome_button)
    dialog = _dialog(page, OutcomeDialog)
    hire_name = dialog.candidate.itemText(1)
    hire_uuid = dialog.candidate.itemData(1)
    user.choose(dialog.candidate, hire_name)
    user.choose(dialog.checkpoint, "One year")
    user.choose(dialog.performance, "2 · meets some")
    user.click(dialog.still_employed)
    user.choose(dialog.hire_again, "No")
    user.click(dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)
    stored = {
        o.checkpoint.value: o for o in evidence.outcomes_for_candidate(planted_database, hire_uuid)
    }
    assert stored["one_year"].performance == 2
    assert stored["one_year"].still_employed is False
    assert stored["one_year"].would_hire_again is False


def test_a_recruiter_records_self_identification(qtbot, tmp_path, planted_database) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from interview_kit.gui.insights.evidence_dialogs import SelfIdentificationDialog
    from interview_kit.services.evidence.records import self_identification_of

    _shell, page, user = _open_evidence(qtbot, tmp_path, planted_database)
    user.click(page.self_id_button)
    dialog = _dialog(page, SelfIdentificationDialog)
    name = dialog.candidate.itemText(2)
    uuid = dialog.candidate.itemData(2)
    user.choose(dialog.candidate, name)
    stored_before = self_identification_of(planted_database, uuid)
    sex = dialog.answers["sex"]
    assert sex.currentData() == stored_before.get("sex")
    user.choose(sex, "Prefer not to say")
    user.click(dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)
    assert self_identification_of(planted_database, uuid)["sex"] == "prefer_not_to_say"


def test_a_sortable_table_fills_the_printed_tables_blank_repeats(qapp, qtmodeltester) -> None:
    from interview_kit.gui.insights.evidence_page import figure_model
    from interview_kit.services.evidence.tables import FigureTable

    figures = FigureTable(
        title="t",
        headers=("Predictor", "Outcome", "n"),
        rows=(("Stage A", "Performance", "40"), ("", "Still employed", "40")),
        flagged_rows=(1,),
    )
    model = figure_model(figures)
    qtmodeltester.check(model)
    assert [row.values[0] for row in model.rows()] == ["Stage A", "Stage A"]
    assert model.index(1, 0).data().startswith("⚑ ")
    model.sort(2)
    assert {row.values[0] for row in model.rows()} == {"Stage A"}
