"""The insights charts render, with the numbers behind them readable too; sections are
opened through the user helper, as a person opens them."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtCore import Qt
from recruiter_support import distinct_colours, grab_png, open_db, start_shell

from interview_kit.domain.calibration import InterviewerCalibration
from interview_kit.gui.insights.charts import BarChart, BarRow, Segment
from interview_kit.gui.insights.wiring import calibration_rows, funnel_rows
from interview_kit.services import insights
from tests.support.user import User


def open_section(user: User, window, key: str) -> None:
    navigation = window.ui.navigation
    row = next(
        r
        for r in range(navigation.count())
        if navigation.item(r).data(Qt.ItemDataRole.UserRole) == key
    )
    user.click_row(navigation, row)
    user.assert_showing(window, key)


@pytest.fixture
def demo_database(tmp_path):
    database = open_db(tmp_path, with_demo=True)
    yield database
    database.close()


def shown_insights(qtbot, tmp_path, db, user):
    shell = start_shell(qtbot, tmp_path, db)
    open_section(user, shell.window, "insights")
    page = shell.page("insights")
    # Computed off the UI thread; done when the page says what it counted.
    qtbot.waitUntil(lambda: "interviewers." in page.ui.status.text(), timeout=60_000)
    return shell, page


def test_charts_render_to_png(qtbot, tmp_path, demo_database, user) -> None:
    shell, page = shown_insights(qtbot, tmp_path, demo_database, user)
    funnel = insights.funnel(demo_database)
    assert page.funnel_chart.rows == tuple(funnel_rows(funnel))
    for name, chart in (
        ("funnel", page.funnel_chart),
        ("days", page.days_chart),
        ("calibration", page.calibration_chart),
    ):
        assert chart.rows, name
        assert chart.height() >= chart.sizeHint().height() - 1
        image = grab_png(chart, tmp_path / f"{name}.png")
        assert image.width() > 300
        assert image.height() > 40
        assert distinct_colours(image, step=3) > 4, f"{name} chart looks blank"
    assert distinct_colours(grab_png(shell.window, tmp_path / "insights.png")) > 8


def test_the_funnel_says_its_numbers(qtbot, tmp_path, demo_database, user) -> None:
    _shell, page = shown_insights(qtbot, tmp_path, demo_database, user)
    funnel = insights.funnel(demo_database)
    rows = page.funnel_chart.rows
    assert rows[0].caption.startswith(f"{funnel.total} ")
    first = funnel.stages[0]
    stage_row = rows[1]
    assert stage_row.label == f"1. {first.title}"
    assert [s.value for s in stage_row.segments] == [first.passed, first.in_stage, first.dropped]
    assert f"{first.reached} reached" in stage_row.caption
    description = page.funnel_chart.accessibleDescription()
    assert f"Committee: {funnel.committee}" in description
    days = page.days_chart.rows
    assert "days" in days[0].caption


def test_calibration_marks_small_samples(qapp) -> None:
    results = (
        InterviewerCalibration("a", "Ada", 0.4, 40, 12, False),
        InterviewerCalibration("b", "Bo", -0.3, 3, 1, True),
        InterviewerCalibration("c", "Cy", None, 0, 0, True),
    )
    rows = calibration_rows(results)
    assert [row.label for row in rows] == ["Ada", "Bo", "Cy"]
    assert rows[0].caption == "+0.40 (40 comparisons)"
    assert rows[1].caption == "-0.30 (3 comparisons · small sample)"
    assert rows[1].segments[0].hatched
    assert not rows[0].segments[0].hatched
    assert rows[2].segments == ()
    chart = BarChart("Calibration", diverging=True, minimum_span=0.5)
    chart.set_rows(rows)
    chart.resize(700, chart.sizeHint().height())
    image = chart.grab().toImage()
    assert distinct_colours(image, step=2) > 4
    assert "small sample" in chart.accessibleDescription()


def test_an_empty_database_shows_words_not_blank_charts(qtbot, tmp_path, user) -> None:
    db = open_db(tmp_path)
    try:
        _shell, page = shown_insights(qtbot, tmp_path, db, user)
        assert page.funnel_chart.rows == ()
        assert page.funnel_chart.accessibleDescription() == "No candidates yet."
        image = grab_png(page.funnel_chart, tmp_path / "empty.png")
        assert distinct_colours(image, step=2) > 1  # the sentence is drawn
    finally:
        db.close()


def test_tooltips_name_the_row(qapp) -> None:
    chart = BarChart("Days")
    chart.set_rows(
        [BarRow("1. Screen", (Segment(3.0, chart.palette().text().color()),), "3 days", "tip")]
    )
    chart.resize(600, chart.sizeHint().height())
    chart.grab()
    assert chart.row_at(chart.rect().center().toPointF()) == 0


def test_rejections_and_withdrawals_count_where_the_pipeline_shows_them(
    qtbot, tmp_path, demo_database, user
) -> None:
    shell = start_shell(qtbot, tmp_path, demo_database)
    open_section(user, shell.window, "pipeline")
    pipeline = shell.page("pipeline")
    qtbot.waitUntil(lambda: pipeline.model.rowCount() > 0, timeout=30_000)
    user.choose(pipeline.ui.statusFilter, "All candidates")
    qtbot.waitUntil(
        lambda: any(r.where.startswith("Rejected") for r in pipeline.model.rows()),
        timeout=30_000,
    )
    shown = Counter()
    for row in pipeline.model.rows():
        closed = re.fullmatch(r"(?:Rejected|Withdrawn) \((?:at|after) (?:the )?(.+)\)", row.where)
        if closed:
            shown[closed.group(1)] += 1
    # The demo's three no-hire decisions, then rejected.
    assert shown["committee"] == 3, [row.where for row in pipeline.model.rows()]

    open_section(user, shell.window, "insights")
    page = shell.page("insights")
    qtbot.waitUntil(lambda: "interviewers." in page.ui.status.text(), timeout=60_000)
    funnel = insights.funnel(demo_database)
    counted = Counter()
    for row in page.funnel_chart.rows:
        if row.label == "Committee":
            counted["committee"] = int(row.segments[1].value)
            assert "3 rejected or withdrew" in row.caption
        elif re.match(r"\d+\. ", row.label) and row.segments[2].value:
            counted[row.label] = int(row.segments[2].value)
    assert counted == shown
    assert funnel.committee_dropped == 3
