"""Connects Home to the services: my interviews and the candidate search.

The candidate list is paged and sorted in SQL (:data:`CANDIDATE_PAGE_SIZE` rows at a
time, more as the user scrolls), never all rows. Opening a stage walk and loading the demo
are the page's own requests (``openStageRequested``, ``loadDemoRequested``), answered by
whoever builds the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from interview_kit.domain.rubric import Rubric
from interview_kit.gui.home import HomePage
from interview_kit.gui.models.home import CandidateItem, InterviewItem, InterviewStatus
from interview_kit.services import assignments, candidates

if TYPE_CHECKING:
    from interview_kit.gui.context import AppContext
    from interview_kit.storage.database import Database

CANDIDATE_PAGE_SIZE = 200
"""Candidates fetched per page of the Home list; more come as the user scrolls."""

_SORTS = {
    0: candidates.CandidateSort.NAME,
    1: candidates.CandidateSort.EMAIL,
    2: candidates.CandidateSort.SOURCE,
    4: candidates.CandidateSort.STAGE,
    5: candidates.CandidateSort.STATUS,
    6: candidates.CandidateSort.UPDATED,
}
"""The SQL order of each sortable column of the candidate list."""


def database_is_empty(db: Database) -> bool:
    """No candidate yet: Home shows its welcome, nobody is asked who is scoring."""
    page = candidates.list_candidates(db, candidates.CandidateQuery(limit=1))
    return not page.total


class HomeWiring(QObject):
    def __init__(self, context: AppContext, page: HomePage) -> None:
        super().__init__(page)
        self.context = context
        self.page = page
        self._query_text = ""
        page.searchChanged.connect(self._search)
        page.candidates.moreWanted.connect(self._more)
        page.candidates.sortChanged.connect(lambda: self._search(None))

    def refresh(self) -> None:
        db = self.context.db
        if db is None:
            return
        page = self.page
        if database_is_empty(db):
            page.show_welcome(True)
            page.set_interviews([], "")
            page.set_candidates([], 0)
            return
        page.show_welcome(False)
        rubric = self.context.active_rubric()
        if rubric is not None:
            page.set_stages([(s.id, f"{s.number}. {s.title}") for s in rubric.stages])
        person = self.context.interviewer
        page.set_interviews(self._my_interviews(rubric), person.name if person else "")
        self._search(None)

    def show(self) -> None:
        """Back to Home, up to date, with the focus on my interviews."""
        self.refresh()
        self.context.window.show_page("home")
        self.page.ui.myInterviews.setFocus()

    def _my_interviews(self, rubric: Rubric | None) -> list[InterviewItem]:
        db, person = self.context.db, self.context.interviewer
        if person is None or db is None:
            return []
        stages = {s.id: s for s in rubric.stages} if rubric else {}
        rows = []
        for record in assignments.assignments_for_interviewer(db, person.uuid):
            stage = stages.get(record.stage_id)
            rows.append(
                InterviewItem(
                    candidate_uuid=record.candidate_uuid,
                    candidate_name=record.candidate_name,
                    stage_id=record.stage_id,
                    stage_number=stage.number if stage else 0,
                    stage_title=stage.title if stage else record.stage_id,
                    status=InterviewStatus(record.scorecard_status or "not_started"),
                    updated_at=record.last_change,
                )
            )
        return rows

    def _query(self, offset: int) -> candidates.CandidateQuery:
        model = self.page.candidates
        return candidates.CandidateQuery(
            text=self._query_text,
            sort=_SORTS.get(model.sort_column, candidates.CandidateSort.NAME),
            descending=model.descending,
            offset=offset,
            limit=CANDIDATE_PAGE_SIZE,
            with_total=offset == 0,
        )

    def _search(self, text: str | None) -> None:
        db = self.context.db
        if db is None:
            return
        if text is not None:
            self._query_text = text
        found = candidates.list_candidates(db, self._query(0))
        self.page.set_candidates(self._candidate_items(found.rows), found.total or 0)

    def _more(self, offset: int) -> None:
        db = self.context.db
        if db is None:
            return
        found = candidates.list_candidates(db, self._query(offset))
        self.page.candidates.append_rows(self._candidate_items(found.rows))

    def _candidate_items(self, rows: Sequence[Any]) -> list[CandidateItem]:
        rubric = self.context.active_rubric()
        titles = {s.id: f"{s.number}. {s.title}" for s in rubric.stages} if rubric else {}
        # Only what any interviewer may see: no scores or recommendations here.
        return [
            CandidateItem(
                uuid=row.uuid,
                name=row.name,
                email=row.email,
                source=row.source.label,
                origin=row.origin_path.label,
                stage=titles.get(row.stage_id or "", row.stage_id or ""),
                status=row.status.label,
                updated_at=row.updated_at,
                stage_id=row.stage_id or "",
            )
            for row in rows
        ]


def wire_home(context: AppContext, page: HomePage) -> HomeWiring:
    return HomeWiring(context, page)
