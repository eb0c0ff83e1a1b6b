"""The window's sections, listed once, top to bottom.

Adding a section is one entry in :data:`SECTIONS`: ``Section(key, title, page, wire)``,
where ``page()`` builds the page and ``wire(context, page)`` connects its signals to the
services through the :class:`~interview_kit.gui.context.AppContext` and returns the
wiring; ``search`` names the page's search field, which Ctrl+F (Edit → Find) focuses.
Pages and wirings are imported when built, so the window shows before them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from interview_kit.gui.context import AppContext
    from interview_kit.gui.main_window import MainWindow


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    page: Callable[[], QWidget]
    wire: Callable[[AppContext, Any], object]
    search: str | None = None
    """The object name of the page's search field, if it has one."""


def _home_page() -> QWidget:
    from interview_kit.gui.home import HomePage

    return HomePage()


def _wire_home(context: AppContext, page: Any) -> object:
    from interview_kit.gui.home_wiring import wire_home

    return wire_home(context, page)


def _pipeline_page() -> QWidget:
    from interview_kit.gui.recruiter.pipeline_page import PipelinePage

    return PipelinePage()


def _wire_pipeline(context: AppContext, page: Any) -> object:
    from interview_kit.gui.recruiter.wiring import wire_pipeline

    return wire_pipeline(context, page)


def _people_page() -> QWidget:
    from interview_kit.gui.recruiter.people_page import PeoplePage

    return PeoplePage()


def _wire_people(context: AppContext, page: Any) -> object:
    from interview_kit.gui.recruiter.wiring import wire_people

    return wire_people(context, page)


def _committee_page() -> QWidget:
    from interview_kit.gui.committee.page import CommitteePage

    return CommitteePage()


def _wire_committee(context: AppContext, page: Any) -> object:
    from interview_kit.gui.committee.wiring import wire_committee

    return wire_committee(context, page)


def _insights_page() -> QWidget:
    from interview_kit.gui.insights.page import InsightsPage

    return InsightsPage()


def _wire_insights(context: AppContext, page: Any) -> object:
    from interview_kit.gui.insights.wiring import wire_insights

    return wire_insights(context, page)


def _evidence_page() -> QWidget:
    from interview_kit.gui.insights.evidence_page import EvidencePage

    return EvidencePage()


def _wire_evidence(context: AppContext, page: Any) -> object:
    from interview_kit.gui.insights.evidence_wiring import wire_evidence

    return wire_evidence(context, page)


def _rubric_editor_page() -> QWidget:
    from interview_kit.gui.rubric_editor.page import RubricEditorPage

    return RubricEditorPage()


def _wire_rubric_editor(context: AppContext, page: Any) -> object:
    from interview_kit.gui.rubric_editor.wiring import wire_rubric_editor

    return wire_rubric_editor(context, page)


SECTIONS: list[Section] = [
    Section("home", "My interviews", _home_page, _wire_home, search="search"),
    Section("pipeline", "Pipeline", _pipeline_page, _wire_pipeline, search="search"),
    Section("people", "Interviewers", _people_page, _wire_people, search="findCandidate"),
    Section("committee", "Panel review", _committee_page, _wire_committee, search="find"),
    Section("insights", "Insights", _insights_page, _wire_insights),
    Section("evidence", "Evidence", _evidence_page, _wire_evidence),
    Section("rubric", "Rubric", _rubric_editor_page, _wire_rubric_editor),
]
"""The navigation sections, top to bottom."""


def add_sections(window: MainWindow, context: AppContext) -> dict[str, object]:
    """Build, add and wire every section of :data:`SECTIONS`; their wirings by key."""
    wirings: dict[str, object] = {}
    for section in SECTIONS:
        page = section.page()
        window.add_page(section.key, section.title, page, search=section.search)
        wirings[section.key] = section.wire(context, page)
    return wirings
