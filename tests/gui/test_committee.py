"""The committee's panel review and decision, driven as a committee member would: every
click, key and keystroke goes through the user helper, which refuses what a person could
not do (a hidden, disabled or scrolled-away control)."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from recruiter_support import (
    distinct_colours,
    grab_png,
    open_db,
    packet_run,
    start_shell,
)

from interview_kit.gui.committee.models import (
    DecisionHistoryModel,
    DecisionItem,
    ObservationItem,
    ObservationModel,
    RatingsGridModel,
    TraceItem,
    TraceModel,
    stage_grid,
)
from interview_kit.services import candidates, decisions, packets, panel_review
from interview_kit.services.candidates import CandidateQuery
from interview_kit.services.evidence import debrief
from tests.support.user import User


@pytest.fixture
def demo_database(tmp_path):
    database = open_db(tmp_path, with_demo=True)
    yield database
    database.close()


def uuid_of(db, name: str) -> str:
    return candidates.list_candidates(db, CandidateQuery(text=name, limit=2)).rows[0].uuid


def committee_for(qtbot, tmp_path, db, name: str, user: User):
    shell = start_shell(qtbot, tmp_path, db)
    user.click_row(shell.window.ui.navigation, _row_of(shell.window, "committee"))
    user.assert_showing(shell.window, "committee")
    page = shell.page("committee")
    listed = [pick.name for pick in page.pick_model.rows()]
    assert name in listed, listed
    index = page.pick_model.index_of(lambda row: row.name == name)
    user.click_row(page.ui.candidates, index.row())
    assert page.view is not None
    assert page.view.name == name
    return shell, page


def _row_of(window, key: str) -> int:
    navigation = window.ui.navigation
    return next(
        row
        for row in range(navigation.count())
        if navigation.item(row).data(Qt.ItemDataRole.UserRole) == key
    )


def reach(page, widget: QWidget) -> QWidget:
    """Scroll the review to ``widget`` as a person would before using it."""
    QApplication.processEvents()  # let the layout place what just appeared
    page.ui.reviewArea.ensureWidgetVisible(widget, 10, 40)
    QApplication.processEvents()
    return widget


def press(user: User, page, widget: QWidget) -> None:
    user.click(reach(page, widget))


def enter_number(user: User, page, spin, value: float) -> None:
    user.focus(reach(page, spin))
    user.shortcut("Ctrl+A")
    user.type(f"{value:.0f}" if spin.decimals() == 0 else f"{value:g}")


def write_in(user: User, page, edit: QWidget, text: str) -> None:
    user.focus(reach(page, edit))
    user.type(text)


def record(qtbot, user: User, page, shell) -> None:
    """Press Record and wait for the write to land (the form is disabled meanwhile)."""
    press(user, page, page.ui.recordButton)
    shell.controller.context.writes.wait_idle(30)
    qtbot.waitUntil(lambda: not page.recording)


def test_the_review_shows_grid_spreads_evidence_trace_and_band(
    qtbot, tmp_path, demo_database, user
):
    db = demo_database
    _shell, page = committee_for(qtbot, tmp_path, db, "Astrid Ørsted", user)
    review = panel_review.panel_review(db, uuid_of(db, "Astrid"))
    result = review.recommendation

    # The ratings grid: interviewers across, criteria down, spreads highlighted.
    tabs = page.ui.stageTabs
    assert tabs.count() == len(review.rubric.stages)
    assert "disagreement" in tabs.tabText(0)
    model = page.grid_tables[0].model()
    assert isinstance(model, RatingsGridModel)
    grid = model.grid
    assert len(grid.interviewers) == 2
    flagged = [row for row in grid.rows if row.flagged]
    assert flagged, "Astrid's screen has a criterion the panel disagrees on"
    row_number = grid.rows.index(flagged[0])
    assert model.data(model.index(row_number, 0), Qt.ItemDataRole.BackgroundRole) is not None
    calm = next(n for n, row in enumerate(grid.rows) if not row.flagged)
    assert model.data(model.index(calm, 0), Qt.ItemDataRole.BackgroundRole) is None
    spread_column = len(grid.interviewers) + 1
    assert model.data(model.index(row_number, spread_column)) == str(flagged[0].spread)
    assert flagged[0].spread >= review.rubric.rules.spread_threshold
    tooltip = model.data(model.index(row_number, 0), Qt.ItemDataRole.ToolTipRole)
    assert grid.interviewers[0] in tooltip

    # Signals and red flags with their evidence and reporters.
    shown = page.observation_model.rows()
    assert len(shown) == len(result.red_flags) + len(result.positive_signals)
    first = result.positive_signals[0]
    item = next(o for o in shown if o.label == first.label)
    assert item.reporters == first.reporters
    assert set(item.names) == set(first.interviewer_names)
    assert any(first.evidence[0].text in line for line in item.evidence)

    # The recommendation with its trace, and the band with the suggested base.
    assert [row.text for row in page.trace_model.rows()] == list(result.trace)
    assert page.ui.recommendation.text() == result.decision.label.capitalize()
    assert page.band_chart.band is not None
    assert page.band_chart.band.suggested == result.band.suggested_base
    # The committee's own choice is not pre-filled; the engine's stands beside it.
    assert not page.ui.hireRadio.isChecked()
    assert not page.ui.noHireRadio.isChecked()
    assert page.suggestion.isVisible()
    assert page.suggestion.text().startswith("Engine suggests: hire at L5, base 237,000")
    press(user, page, page.use_suggestion)
    assert page.ui.base.value() == result.band.suggested_base
    assert page.ui.hireRadio.isChecked()

    image = grab_png(page, tmp_path / "committee.png")
    assert distinct_colours(image) > 5


def test_a_decision_inside_the_band(qtbot, tmp_path, demo_database, user) -> None:
    db = demo_database
    shell, page = committee_for(qtbot, tmp_path, db, "Priya Raman", user)
    uuid = page.view.uuid
    press(user, page, page.use_suggestion)
    level = page.ui.levelChoice.currentData()
    assert page.ui.bandCheck.text().startswith(f"{page.ui.base.value():,.0f}")
    assert "inside" in page.ui.bandCheck.text()
    base = page.ui.base.value()
    assert base == page.view.band.suggested
    enter_number(user, page, page.ui.equity, 0.2)
    write_in(user, page, page.ui.decidedBy, "Hiring committee")
    record(qtbot, user, page, shell)
    assert "Recorded: Hire at" in page.message
    stored = decisions.latest_decision(db, uuid)
    assert stored is not None
    assert (stored.decision.value, stored.level, stored.outside_band) == ("hire", level, False)
    assert stored.base == base
    assert stored.equity == pytest.approx(0.2)
    assert stored.decided_by == "Hiring committee"
    assert [item.outcome for item in page.history_model.rows()] == ["Hire"]
    assert (
        candidates.list_candidates(db, CandidateQuery(text="Priya")).rows[0].committee_decision
        == "hire"
    )


def test_a_base_outside_the_band_needs_a_justification_that_is_stored_and_printed(
    qtbot, tmp_path, demo_database, user
) -> None:
    db = demo_database
    shell, page = committee_for(qtbot, tmp_path, db, "Noor Haddad", user)
    uuid = page.view.uuid
    press(user, page, page.use_suggestion)
    level = page.ui.levelChoice.currentData()
    band = next(choice.band for choice in page.view.levels if choice.level_id == level)
    above = band.base_max + 30_000
    enter_number(user, page, page.ui.base, above)
    assert "above the" in page.ui.bandCheck.text()
    assert "required" in page.ui.justificationLabel.text()
    assert page.band_chart.accessibleDescription().endswith("outside the band")

    # Without a justification nothing is stored.
    record(qtbot, user, page, shell)
    assert "write a justification" in page.ui.problem.text()
    assert decisions.decisions_for_candidate(db, uuid) == []

    reason = "Competing offer from a scale-up; matches their current base."
    write_in(user, page, page.ui.justification, reason)
    record(qtbot, user, page, shell)
    stored = decisions.latest_decision(db, uuid)
    assert stored is not None
    assert stored.base == above
    assert stored.outside_band
    assert stored.justification == reason
    assert "outside the band, justification stored" in page.message
    history = page.history_model.rows()
    assert history[0].justification == reason
    assert history[0].outside_band
    printed = packets.packet_data(db, uuid)
    assert printed.committee is not None
    assert reason in printed.committee.rationale


def test_the_service_refuses_what_the_form_would_let_through(qtbot, tmp_path, demo_database, user):
    """Even a decision that bypasses the form's check stores nothing without a reason."""
    db = demo_database
    shell, page = committee_for(qtbot, tmp_path, db, "Noor Haddad", user)
    press(user, page, page.use_suggestion)
    values = page.decision_values()
    from dataclasses import replace

    page.decisionRequested.emit(replace(values, base=values.base + 10_000_000, justification=""))
    shell.controller.context.writes.wait_idle(30)
    assert "write a justification" in page.ui.problem.text()
    assert decisions.decisions_for_candidate(db, page.view.uuid) == []


def test_a_no_hire_decision(qtbot, tmp_path, demo_database, user) -> None:
    db = demo_database
    shell, page = committee_for(qtbot, tmp_path, db, "Astrid Ørsted", user)
    press(user, page, page.ui.noHireRadio)
    assert not page.ui.levelChoice.isEnabled()
    assert not page.ui.base.isEnabled()
    record(qtbot, user, page, shell)
    stored = decisions.latest_decision(db, page.view.uuid)
    assert (stored.decision.value, stored.level, stored.base) == ("no_hire", None, None)


def test_one_action_produces_the_hiring_packet(qtbot, tmp_path, demo_database, monkeypatch, user):
    db = demo_database
    _shell, page = committee_for(qtbot, tmp_path, db, "Priya Raman", user)
    target = tmp_path / "priya.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "PDF files (*.pdf)")
    )
    press(user, page, page.ui.packetButton)
    run = packet_run(page)
    assert not page.ui.packetButton.isEnabled()  # busy while the worker writes it
    qtbot.waitUntil(lambda: not run.running, timeout=60_000)
    assert run.outcome.written[0] == target, page.ui.packetStatus.text()
    assert "Packet written" in page.ui.packetStatus.text()
    assert page.ui.packetButton.isEnabled()
    text = "".join(p.extract_text() for p in PdfReader(str(target)).pages)
    assert "Priya Raman" in text


def test_opening_from_the_pipeline(qtbot, tmp_path, demo_database, user) -> None:
    db = demo_database
    shell = start_shell(qtbot, tmp_path, db)
    user.click_row(shell.window.ui.navigation, _row_of(shell.window, "pipeline"))
    pipeline = shell.page("pipeline")
    index = pipeline.model.index_of(lambda row: row.name == "Jonas Müller")
    user.click_row(pipeline.ui.table, index.row())
    user.click(pipeline.ui.reviewButton)
    assert shell.window.current_page_key() == "committee"
    user.assert_showing(shell.window, "committee")
    page = shell.page("committee")
    assert page.view.name == "Jonas Müller"
    assert "Not submitted yet" in page.ui.pending.text()
    assert page.ui.recommendation.text() == "Insufficient evidence"


def test_models_pass_the_model_tester(qtmodeltester, demo_database) -> None:
    db = demo_database
    review = panel_review.panel_review(db, uuid_of(db, "Astrid"))
    for stage in review.rubric.stages:
        qtmodeltester.check(
            RatingsGridModel(stage_grid(review.rubric, review.recommendation, stage.id))
        )
    observations = ObservationModel()
    observations.set_rows([ObservationItem("Signal", "Ships", "", 2, ("A", "B"), ("A (1): x",))])
    qtmodeltester.check(observations)
    trace = TraceModel()
    trace.set_rows([TraceItem(1, "Score 3.1")])
    qtmodeltester.check(trace)
    history = DecisionHistoryModel()
    history.set_rows(
        [DecisionItem(review.candidate.created_at, "Committee", "Hire", "L5", "1", "", "why", True)]
    )
    qtmodeltester.check(history)


def test_a_decision_on_a_stale_review_is_refused(qtbot, tmp_path, demo_database, user) -> None:
    """Another committee member decided after this review was opened: refused, in words."""
    db = demo_database
    shell, page = committee_for(qtbot, tmp_path, db, "Astrid Ørsted", user)
    decisions.record_decision(db, page.view.uuid, decision="no_hire", decided_by="Someone else")
    press(user, page, page.ui.noHireRadio)
    record(qtbot, user, page, shell)
    assert "changed after you opened it" in page.ui.problem.text()
    assert "Nothing was stored" in page.ui.problem.text()
    assert [d.decided_by for d in decisions.decisions_for_candidate(db, page.view.uuid)] == [
        "Someone else"
    ]


def test_the_form_shows_the_recorded_decision_after_saving(
    qtbot, tmp_path, demo_database, user
) -> None:
    db = demo_database
    shell, page = committee_for(qtbot, tmp_path, db, "Priya Raman", user)
    assert not page.recorded.isVisible()
    assert page.ui.historyTitle.text() == "No decision recorded yet"
    press(user, page, page.use_suggestion)
    level = page.ui.levelChoice.currentData()
    base = page.ui.base.value()
    write_in(user, page, page.ui.justification, "Strong on every stage.")
    record(qtbot, user, page, shell)

    # The form now holds what was stored, not a blank or the engine's suggestion.
    assert page.ui.hireRadio.isChecked()
    assert page.ui.levelChoice.currentData() == level
    assert page.ui.base.value() == base
    assert page.ui.justification.toPlainText() == "Strong on every stage."
    assert page.recorded.isVisible()
    assert page.recorded.text().startswith(f"Recorded decision: Hire at {level}, base ")

    # Choosing the candidate again starts from the committee's own choice too.
    other = page.pick_model.index_of(lambda row: row.name == "Noor Haddad")
    user.click_row(page.ui.candidates, other.row())
    assert not page.ui.hireRadio.isChecked()
    back = page.pick_model.index_of(lambda row: row.name == "Priya Raman")
    user.click_row(page.ui.candidates, back.row())
    assert page.ui.hireRadio.isChecked()
    assert page.ui.levelChoice.currentData() == level


def test_a_choice_departing_from_the_frozen_recommendation_needs_an_override_reason(
    qtbot, tmp_path, demo_database, user
) -> None:
    db = demo_database
    uuid = uuid_of(db, "Astrid")
    frozen = debrief.freeze_recommendation(db, uuid)
    assert frozen.decision == "hire"
    shell, page = committee_for(qtbot, tmp_path, db, "Astrid Ørsted", user)
    assert not page.override_reason.isVisible()

    press(user, page, page.use_suggestion)  # following the engine needs no reason
    assert not page.override_reason.isVisible()

    press(user, page, page.ui.noHireRadio)
    assert page.override_reason.isVisible()
    assert "the engine recommended hire" in page.override_note.text()
    record(qtbot, user, page, shell)
    assert "override reason" in page.ui.problem.text()
    assert decisions.decisions_for_candidate(db, uuid) == []

    write_in(user, page, page.override_reason, "References raised a blocker after the debrief.")
    record(qtbot, user, page, shell)
    stored = decisions.latest_decision(db, uuid)
    assert stored is not None
    assert stored.decision.value == "no_hire"
    report = debrief.overrides(db)
    assert [e.reason for e in report.overrides] == [
        "References raised a blocker after the debrief."
    ]


def test_a_stale_refusal_reloads_the_review_so_the_second_try_lands(
    qtbot, tmp_path, demo_database, user
) -> None:
    db = demo_database
    shell, page = committee_for(qtbot, tmp_path, db, "Noor Haddad", user)
    uuid = page.view.uuid
    decisions.record_decision(db, uuid, decision="no_hire", decided_by="Someone else")
    press(user, page, page.ui.noHireRadio)
    record(qtbot, user, page, shell)
    assert "Not recorded" in page.ui.problem.text()
    assert page.ui.noHireRadio.isChecked()  # the committee's choice is kept
    assert len(page.history_model.rows()) == 1  # the review now shows the other decision
    write_in(user, page, page.ui.decidedBy, "Panel B")
    record(qtbot, user, page, shell)
    assert [d.decided_by for d in decisions.decisions_for_candidate(db, uuid)] == [
        "Panel B",
        "Someone else",
    ]
