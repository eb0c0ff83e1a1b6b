"""Connects Home to the services: my interviews and the candidate search.

The candidate list is paged by keyset and sorted in SQL (:data:`CANDIDATE_PAGE_SIZE` rows
at a time, more as the user scrolls; :mod:`interview_kit.gui.paged`), never all rows; a
search runs when typing pauses, off the UI thread. My interviews lists open candidates
only; drafts left on closed ones show in their own *Closed* group. Opening a stage walk
and loading the demo are the page's own requests (``openStageRequested``,
``loadDemoRequested``), answered by whoever builds the window.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject

from interview_kit.gui.home import HomePage
from interview_kit.gui.lazy import refresh_when_shown
from interview_kit.gui.models.home import (
    CandidateItem,
    InterviewItem,
    InterviewStatus,
)
from interview_kit.gui.paged import Fetch, Page, PagedLoader
from interview_kit.services import candidate_list as candidates
from interview_kit.services.candidate_search import search_text

if TYPE_CHECKING:
    from interview_kit.domain.rubric import Rubric
    from interview_kit.gui.context import AppContext
    from interview_kit.services.assignments import AssignmentRecord
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
    return not candidates.has_candidates(db)


class HomeWiring(QObject):
    def __init__(self, context: AppContext, page: HomePage) -> None:
        super().__init__(page)
        self.context = context
        self.page = page
        self._query_text = ""
        self._empty: bool | None = None
        """Whether :meth:`show_first_page` found no candidate (``None``: not run)."""
        self.loader = PagedLoader(page.candidates, self._prepare, show_first=self._show_first)
        page.searchChanged.connect(self._typed)
        page.searchSubmitted.connect(self.loader.flush)
        page.candidates.sortChanged.connect(self.loader.reload)
        # A move on the Pipeline page, an assignment, a submitted scorecard: my interviews
        # and the candidate list are read again, now if Home shows, else when it next does.
        self.lazy = refresh_when_shown(page, self.refresh, context.dataChanged)

    def refresh(self) -> None:
        """Read everything Home shows: the candidate list, my interviews, the stages."""
        db = self.context.db
        if db is None:
            self.loader.stop()
            return
        rubric = self.context.active_rubric()
        titles = _stage_titles(rubric)
        self.page.candidates.set_stage_titles(titles)
        if not self._list_candidates():
            self._fill_the_rest(rubric, titles)

    def show_first_page(self) -> None:
        """Start-up: the candidate list alone, before the rubric model is even imported
        (its stage column fills in with :meth:`finish_start`)."""
        if self.context.db is None:
            return
        self._empty = self._list_candidates()

    def finish_start(self) -> None:
        """Start-up, once the rest is loaded: what :meth:`show_first_page` left out (the
        stage titles, my interviews), without reading the list again."""
        if self.context.db is None or self._empty is None:
            self.refresh()
            return
        rubric = self.context.active_rubric()
        titles = _stage_titles(rubric)
        self.page.candidates.set_stage_titles(titles)
        if not self._empty:
            self._fill_the_rest(rubric, titles)

    def _list_candidates(self) -> bool:
        """The list's first page; whether the database is empty (then Home welcomes)."""
        db = self.context.db
        assert db is not None
        page = self.page
        # Home's first page is the one query of a start-up: its count says whether the
        # database is empty, unless a search narrows it (then one index probe does).
        self.loader.reload()
        empty = page.candidates.total == 0 and (
            not search_text(self._query_text) or database_is_empty(db)
        )
        if empty:
            page.show_welcome(True)
            page.set_interviews([], "")
            page.set_closed_interviews([])
        return empty

    def _fill_the_rest(self, rubric: Rubric | None, titles: Mapping[str, str]) -> None:
        page = self.page
        page.show_welcome(False)
        if rubric is not None:
            page.set_stages([(s.id, titles[s.id]) for s in rubric.stages])
        person = self.context.interviewer
        mine, closed = self._my_interviews(rubric)
        page.set_interviews(mine, person.name if person else "")
        page.set_closed_interviews(closed)

    def show(self) -> None:
        """Back to Home, up to date, with the focus on my interviews."""
        self.refresh()
        self.context.window.show_page("home")
        self.page.ui.myInterviews.setFocus()

    def _my_interviews(
        self, rubric: Rubric | None
    ) -> tuple[list[InterviewItem], list[InterviewItem]]:
        """My open interviews (the to-do list), and drafts I left on closed candidates."""
        db, person = self.context.db, self.context.interviewer
        if person is None or db is None:
            return [], []
        from interview_kit.services import assignments, pipeline

        stages = {s.id: s for s in rubric.stages} if rubric else {}

        def item(record: AssignmentRecord) -> InterviewItem:
            stage = stages.get(record.stage_id)
            return InterviewItem(
                candidate_uuid=record.candidate_uuid,
                candidate_name=record.candidate_name,
                stage_id=record.stage_id,
                stage_number=stage.number if stage else 0,
                stage_title=stage.title if stage else record.stage_id,
                status=InterviewStatus(record.scorecard_status or "not_started"),
                updated_at=record.last_change,
            )

        mine = [
            item(record)
            for record in assignments.assignments_for_interviewer(db, person.uuid)
            if not record.candidate_status.is_closed
        ]
        closed = [item(record) for record in pipeline.closed_drafts(db, person.uuid)]
        return mine, closed

    # -- the candidate list ----------------------------------------------------------
    def _typed(self, text: str) -> None:
        self._query_text = text
        self.loader.reload_soon()

    def _prepare(self) -> Fetch | None:
        """The list's query as the page shows it now, read on the UI thread."""
        db = self.context.db
        if db is None:
            return None
        model = self.page.candidates
        query = candidates.CandidateQuery(
            text=self._query_text,
            sort=_SORTS.get(model.sort_column, candidates.CandidateSort.NAME),
            descending=model.descending,
            limit=CANDIDATE_PAGE_SIZE,
        )

        def fetch(after: object | None) -> Page[CandidateItem]:
            found = candidates.list_candidates(
                db,
                replace(
                    query,
                    after=cast("candidates.CandidateCursor | None", after),
                    with_total=after is None,
                ),
            )
            return Page(_candidate_items(found.rows), found.total, found.after, found.more)

        return fetch

    def _show_first(self, found: Page[CandidateItem]) -> None:
        self.page.set_candidates(found.rows, found.total or 0, after=found.after, more=found.more)


def _stage_titles(rubric: Rubric | None) -> dict[str, str]:
    """Each stage's title as lists show it ("2. Technical deep dive"), by stage id."""
    return {s.id: f"{s.number}. {s.title}" for s in rubric.stages} if rubric else {}


def _candidate_items(rows: Sequence[Any]) -> list[CandidateItem]:
    # Only what any interviewer may see: no scores or recommendations here.
    return [
        CandidateItem(
            uuid=row.uuid,
            name=row.name,
            email=row.email,
            source=row.source.label,
            origin=row.origin_path.label,
            status=row.status.label,
            updated_at=row.updated_at,
            stage_id=row.stage_id or "",
        )
        for row in rows
    ]


def wire_home(context: AppContext, page: HomePage) -> HomeWiring:
    return HomeWiring(context, page)
