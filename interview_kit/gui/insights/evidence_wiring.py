"""Computes the evidence views off the UI thread, the way the Insights section does.

Computed when the page is shown (and on Refresh, or when the data changed while it is
on screen), each view in turn with progress. The adverse-impact monitor is computed only
for a sign-in that may see it (recruiters and the committee); anyone else's tab says so.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from interview_kit.gui.insights.evidence_page import EvidencePage
from interview_kit.gui.tasks import TaskHandle, run_in_background

if TYPE_CHECKING:
    from interview_kit.gui.context import AppContext
    from interview_kit.reports.quality_data import Section

logger = logging.getLogger(__name__)

STEPS = ("Reliability", "Validity", "Adverse impact", "Drift", "Overrides")


def compute_sections(db: Any, handle: TaskHandle | None = None) -> list[Section]:
    """The five views as display tables (in a worker thread)."""
    from interview_kit.services import evidence
    from interview_kit.services.evidence import tables
    from interview_kit.services.evidence.access import may_see_adverse_impact

    work = (
        lambda: tables.reliability_section(evidence.reliability(db)),
        lambda: tables.validity_section(evidence.validity(db)),
        lambda: (
            tables.adverse_impact_section(evidence.adverse_impact(db))
            if may_see_adverse_impact(db)
            else tables.not_shown_section()
        ),
        lambda: tables.drift_section(evidence.drift(db)),
        lambda: tables.overrides_section(evidence.overrides(db)),
    )
    sections = []
    for done, (name, step) in enumerate(zip(STEPS, work, strict=True)):
        if handle is not None:
            if handle.cancelled:
                break
            handle.progress(done, len(STEPS), f"{name}…")
        sections.append(step())
    return sections


class EvidenceWiring(QObject):
    def __init__(self, context: AppContext, page: EvidencePage) -> None:
        super().__init__(page)
        self.context = context
        self.page = page
        self.task: Any = None
        self.stale = True
        self.sections: list[Section] = []
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
        self.stale = False
        self.page.set_busy(True, "Computing…")
        self.task = run_in_background(
            lambda handle: compute_sections(db, handle),
            self._done,
            self._failed,
            on_progress=self.page.set_progress,
        )

    def _done(self, result: object) -> None:
        self.task = None
        self.sections = list(result)  # type: ignore[call-overload]
        self.page.show_sections(self.sections)
        self.page.set_busy(False, "Up to date.")

    def _failed(self, error: BaseException) -> None:
        self.task = None
        self.stale = True
        self.page.set_busy(False)
        logger.warning("evidence views failed: %s", error)
        self.page.show_error(f"Could not compute the evidence: {error}")


def wire_evidence(context: AppContext, page: EvidencePage) -> EvidenceWiring:
    return EvidenceWiring(context, page)
