"""The window's sections, listed once, top to bottom.

Adding a section is one entry in :data:`SECTIONS`: ``Section(key, title, page, wire)``,
where ``page`` names the page's class and ``wire`` the function, ``wire(context, page)``,
that connects its signals to the services through the
:class:`~interview_kit.gui.context.AppContext` and returns the wiring (both as
``module:name``); ``search`` names the page's search field, which Ctrl+F (Edit → Find)
focuses. Pages and wirings are imported when built, so the window shows before them (and
start-up imports them off the UI thread while Home shows, see :mod:`interview_kit.app`).
"""

from __future__ import annotations

import importlib
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
    page: str
    """The page's class, as ``module:Name``."""
    wire: str
    """The function wiring the page, ``wire(context, page)``, as ``module:name``."""
    search: str | None = None
    """The object name of the page's search field, if it has one."""

    @property
    def modules(self) -> tuple[str, str]:
        """The modules that build and wire the page (imported when it is built)."""
        return (self.page.partition(":")[0], self.wire.partition(":")[0])

    def build(self) -> QWidget:
        page: QWidget = _named(self.page)()
        return page

    def wire_page(self, context: AppContext, page: QWidget) -> object:
        return _named(self.wire)(context, page)


def _named(reference: str) -> Any:
    module, _colon, name = reference.partition(":")
    return getattr(importlib.import_module(module), name)


_GUI = "interview_kit.gui"

SECTIONS: list[Section] = [
    Section(
        "home",
        "My interviews",
        f"{_GUI}.home:HomePage",
        f"{_GUI}.home_wiring:wire_home",
        search="search",
    ),
    Section(
        "pipeline",
        "Pipeline",
        f"{_GUI}.recruiter.pipeline_page:PipelinePage",
        f"{_GUI}.recruiter.wiring:wire_pipeline",
        search="search",
    ),
    Section(
        "people",
        "Interviewers",
        f"{_GUI}.recruiter.people_page:PeoplePage",
        f"{_GUI}.recruiter.wiring:wire_people",
        search="findCandidate",
    ),
    Section(
        "committee",
        "Panel review",
        f"{_GUI}.committee.page:CommitteePage",
        f"{_GUI}.committee.wiring:wire_committee",
        search="find",
    ),
    Section(
        "insights",
        "Insights",
        f"{_GUI}.insights.page:InsightsPage",
        f"{_GUI}.insights.wiring:wire_insights",
    ),
    Section(
        "evidence",
        "Evidence",
        f"{_GUI}.insights.evidence_page:EvidencePage",
        f"{_GUI}.insights.evidence_wiring:wire_evidence",
    ),
    Section(
        "rubric",
        "Rubric",
        f"{_GUI}.rubric_editor.page:RubricEditorPage",
        f"{_GUI}.rubric_editor.wiring:wire_rubric_editor",
    ),
]
"""The navigation sections, top to bottom."""


def add_section(window: MainWindow, context: AppContext, section: Section) -> object:
    """Build section ``section``, add it to the window and wire it; its wiring."""
    page = section.build()
    window.add_page(section.key, section.title, page, search=section.search)
    return section.wire_page(context, page)
