"""Computes the insights off the UI thread and turns them into chart rows.

The numbers are computed when the page is shown (and again on Refresh, or when the data
changed while it is on screen), not on every change elsewhere: calibration reads every
submitted scorecard, which takes a moment with a large archive.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QPalette

from interview_kit.domain.calibration import InterviewerCalibration
from interview_kit.gui import theme
from interview_kit.gui.insights.charts import BarRow, Segment
from interview_kit.gui.insights.page import InsightsPage, funnel_colours
from interview_kit.gui.tasks import run_in_background
from interview_kit.services import insights

if TYPE_CHECKING:
    from interview_kit.gui.context import AppContext

logger = logging.getLogger(__name__)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def funnel_rows(funnel: insights.Funnel) -> list[BarRow]:
    if funnel.total == 0:
        return []
    passed_colour, open_colour, dropped_colour = funnel_colours()
    rows = [
        BarRow(
            "All candidates",
            (Segment(funnel.total, theme.palette().color(QPalette.ColorRole.Mid)),),
            f"{funnel.total}  ({funnel.not_started} not started)",
            f"{funnel.total} candidates; {funnel.not_started} have not started the first stage",
            emphasis=True,
        )
    ]
    for number, stage in enumerate(funnel.stages, start=1):
        caption = (
            f"{stage.reached} reached · {_percent(stage.pass_rate)} passed"
            if stage.reached
            else "nobody yet"
        )
        rows.append(
            BarRow(
                f"{number}. {stage.title}",
                (
                    Segment(stage.passed, passed_colour),
                    Segment(stage.in_stage, open_colour),
                    Segment(stage.dropped, dropped_colour),
                ),
                caption,
                (
                    f"{stage.title}: {stage.reached} reached, {stage.passed} passed, "
                    f"{stage.in_stage} still in it, {stage.dropped} rejected or withdrew; "
                    f"pass-through {_percent(stage.pass_rate)}"
                ),
            )
        )
    dropped = funnel.committee_dropped
    onwards = funnel.committee - dropped
    rows.append(
        BarRow(
            "Committee",
            (Segment(onwards, passed_colour), Segment(dropped, dropped_colour)),
            f"{funnel.committee} reached"
            + (f" · {dropped} rejected or withdrew" if dropped else ""),
            f"{funnel.committee} reached the committee; {dropped} rejected or withdrew after it",
            emphasis=True,
        )
    )
    rows.append(
        BarRow(
            "Offer",
            (Segment(funnel.offers, passed_colour),),
            f"{funnel.offers}",
            f"{funnel.offers} offered (hired included)",
        )
    )
    rows.append(
        BarRow(
            "Hired",
            (Segment(funnel.hired, passed_colour),),
            f"{funnel.hired}",
            f"{funnel.hired} hired",
            emphasis=True,
        )
    )
    return rows


def days_rows(funnel: insights.Funnel) -> list[BarRow]:
    pal = theme.palette()
    colour = theme.blend(
        pal.color(QPalette.ColorRole.Highlight), pal.color(QPalette.ColorRole.Base), 0.8
    )
    rows = []
    for number, stage in enumerate(funnel.stages, start=1):
        if stage.median_days is None:
            rows.append(BarRow(f"{number}. {stage.title}", (), "no candidate has passed it yet"))
            continue
        small = stage.timed < insights.SMALL_SAMPLE_BELOW
        note = ", small sample" if small else ""
        people = f"{stage.timed} candidate{'s' if stage.timed != 1 else ''}"
        rows.append(
            BarRow(
                f"{number}. {stage.title}",
                (Segment(stage.median_days, colour, hatched=small),),
                f"{stage.median_days:.1f} days ({people}{note})",
                f"{stage.title}: median {stage.median_days:.1f} days over {stage.timed} candidates",
            )
        )
    return rows if any(row.segments for row in rows) else []


def calibration_rows(results: tuple[InterviewerCalibration, ...]) -> list[BarRow]:
    rows = []
    ordered = sorted(
        results,
        key=lambda item: (item.mean_difference is None, -(item.mean_difference or 0.0)),
    )
    for item in ordered:
        if item.mean_difference is None:
            rows.append(BarRow(item.interviewer_name, (), "no shared ratings yet", item.describe()))
            continue
        difference = item.mean_difference
        lenient = difference > 0
        pal = theme.palette()
        harsh_colour = theme.blend(
            pal.color(QPalette.ColorRole.Highlight), pal.color(QPalette.ColorRole.Base), 0.85
        )
        colour = theme.warning() if lenient else harsh_colour
        if item.small_sample:
            colour = theme.muted()
        noun = "comparison" if item.count == 1 else "comparisons"
        small = " · small sample" if item.small_sample else ""
        rows.append(
            BarRow(
                item.interviewer_name,
                (Segment(difference, colour, hatched=item.small_sample),),
                f"{difference:+.2f} ({item.count} {noun}{small})",
                f"{item.interviewer_name}: {item.describe()}, over {item.candidates} candidates",
            )
        )
    return rows


class InsightsWiring(QObject):
    def __init__(self, context: AppContext, page: InsightsPage) -> None:
        super().__init__(page)
        self.context = context
        self.page = page
        self.task: Any = None
        self.stale = True
        self.results: tuple[insights.Funnel, tuple[InterviewerCalibration, ...]] | None = None
        page.refreshRequested.connect(self.refresh)
        page.shown.connect(self._on_shown)
        context.databaseChanged.connect(self._mark_stale)
        context.dataChanged.connect(self._mark_stale)
        context.interviewerChanged.connect(self._mark_stale)

    @property
    def db(self) -> Any:
        return self.context.db

    def _on_shown(self) -> None:
        if self.stale:
            self.refresh()

    def _mark_stale(self) -> None:
        self.stale = True
        if self.page.isVisible():
            self.refresh()

    def refresh(self) -> None:
        if self.db is None or self.task is not None:
            return
        db = self.db
        viewer = self.context.viewer
        self.stale = False
        self.page.set_busy(True, "Computing…")

        def work(_handle: object) -> tuple[insights.Funnel, tuple[InterviewerCalibration, ...]]:
            # Panels the signed-in interviewer has not submitted to stay out of the chart.
            return insights.funnel(db), insights.calibration(db, viewer=viewer)

        self.task = run_in_background(work, self._done, self._failed, owner=self.page)

    def _done(self, result: object) -> None:
        self.task = None
        funnel, calibration = result  # type: ignore[misc]
        self.results = (funnel, calibration)
        self.page.show_funnel(funnel_rows(funnel))
        self.page.show_days(days_rows(funnel))
        self.page.show_calibration(calibration_rows(calibration))
        self.page.set_busy(False, f"{funnel.total} candidates, {len(calibration)} interviewers.")

    def _failed(self, error: BaseException) -> None:
        self.task = None
        self.stale = True
        self.page.set_busy(False)
        self.page.show_error(f"Could not compute the insights: {error}")


def wire_insights(context: AppContext, page: InsightsPage) -> InsightsWiring:
    return InsightsWiring(context, page)
