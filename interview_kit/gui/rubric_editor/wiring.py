"""Connects the rubric editor's intents to the rubric services.

Registered through :data:`interview_kit.gui.sections.SECTIONS`; uses the context's open
database. A save goes through the app's one write queue (off the UI thread), whose change
notice tells the rest of the app that the rubrics changed.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from interview_kit.domain.rubric import RubricError
from interview_kit.gui.lazy import RefreshWhenShown, refresh_when_shown
from interview_kit.gui.operations import Changes
from interview_kit.gui.rubric_editor.page import RubricEditorPage, rubric_labels
from interview_kit.services import rubric_editing, rubrics
from interview_kit.services.errors import NotFoundError, ServiceError

if TYPE_CHECKING:
    from interview_kit.gui.context import AppContext

logger = logging.getLogger(__name__)


def problems_text(error: RubricError) -> str:
    """The problems as ``rubric validate`` prints them, for a message on the page."""
    return "\n".join(issue.format(error.source) for issue in error.issues)


class RubricEditorWiring(QObject):
    def __init__(self, context: AppContext, page: RubricEditorPage) -> None:
        super().__init__(page)
        self.context = context
        self.page = page
        page.saveImpactRequested.connect(self.describe_save)
        page.saveRequested.connect(self.save)
        page.openRubricRequested.connect(self.open_rubric)
        page.openVersionRequested.connect(self.open_version)
        page.importFileRequested.connect(self.import_file)
        page.exportFileRequested.connect(self.export_file)
        # Read when the page is shown: a change elsewhere (kept out of an edit in progress)
        # or another database. The filter installed last runs first: the reload.
        self.lazy_update = RefreshWhenShown(page, self._reload_if_clean)
        context.dataChanged.connect(self.lazy_update.request)
        self.lazy_reload = refresh_when_shown(page, self.reload, context.databaseChanged)
        if context.db is not None:
            self.lazy_reload.request()  # now if shown, else when it is

    @property
    def db(self) -> Any:
        return self.context.db

    # -- loading ---------------------------------------------------------------------
    def reload(self) -> None:
        self.open_rubric(None)

    def _reload_if_clean(self) -> None:
        """Something else changed (demo loaded, a version activated): show the active
        rubric unless the recruiter is in the middle of an edit."""
        if self.page.is_dirty or self.db is None:
            return
        try:
            editable = rubric_editing.open_for_editing(self.db, self.page.rubric_id)
        except NotFoundError:
            return
        if (
            editable.rubric_id == self.page.rubric_id
            and editable.expected_version == self.page.expected_version
            and editable.version == editable.expected_version
        ):
            return
        self.page.load(editable, self._rubric_choices(), self._versions(editable.rubric_id))

    def open_rubric(self, rubric_id: str | None) -> None:
        if self.db is None:
            return
        try:
            editable = rubric_editing.open_for_editing(self.db, rubric_id)
        except NotFoundError:
            if rubric_id is not None:
                self.open_rubric(None)
                return
            self._offer_shipped_rubric()
            return
        self.page.load(editable, self._rubric_choices(), self._versions(editable.rubric_id))

    def _offer_shipped_rubric(self) -> None:
        from interview_kit import paths

        try:
            data = rubric_editing.read_rubric_file(paths.default_rubric_path())
        except RubricError as exc:
            self.page.show_error(problems_text(exc))
            return
        self.page.load_imported(data, "the shipped Builder rubric", None)
        self.page.show_message(
            "No rubric is stored yet. This is the shipped Builder rubric: edit it and save "
            "it to start."
        )

    def open_version(self, rubric_id: str, version: int) -> None:
        if self.db is None:
            return
        try:
            editable = rubric_editing.open_version_for_editing(self.db, rubric_id, version)
        except ServiceError as exc:
            self.page.show_error(str(exc))
            return
        active = editable.expected_version == editable.version
        self.page.load(
            editable,
            self._rubric_choices(),
            self._versions(rubric_id),
            dirty=not active,
            message=(
                None
                if active
                else f"Opened version {version}. Save it to make it the active version again."
            ),
        )

    def _rubric_choices(self) -> list[tuple[str, str]]:
        return rubric_labels(rubrics.list_rubrics(self.db))

    def _versions(self, rubric_id: str | None) -> list[Any]:
        if rubric_id is None:
            return []
        return rubric_editing.list_versions(self.db, rubric_id)

    # -- saving ----------------------------------------------------------------------
    def describe_save(self, data: dict[str, Any]) -> None:
        if self.db is None:
            return
        try:
            impact = rubric_editing.save_impact(self.db, data)
        except RubricError as exc:
            self.page.show_error("Not saved:\n" + problems_text(exc))
            return
        self.page.ask_to_confirm(impact)

    def save(self, data: dict[str, Any], expected_version: int | None) -> None:
        db = self.db
        if db is None or self.page.saving:
            return

        def work() -> Any:
            return rubric_editing.save_edited_rubric(db, data, expected_version=expected_version)

        self.page.set_saving(True)
        self.context.writes.run(
            "Saving the rubric",
            work,
            changes=Changes(rubrics=True, candidates=True),
            on_success=self._saved,
            on_failure=self._not_saved,
        )

    def _saved(self, result: Any) -> None:
        self.page.set_saving(False)
        editable = rubric_editing.open_for_editing(self.db, result.info.rubric_id)
        self.page.show_saved(
            result.describe(),
            editable,
            self._versions(result.info.rubric_id),
            self._rubric_choices(),
        )

    def _not_saved(self, error: BaseException) -> None:
        self.page.set_saving(False)
        if isinstance(error, RubricError):
            self.page.show_error("Not saved:\n" + problems_text(error))
        elif isinstance(error, ServiceError):
            self.page.show_error(f"Not saved: {error}")
        else:
            logger.error("saving the rubric failed", exc_info=error)
            self.page.show_error(f"Not saved: the database answered {error}")

    # -- files -----------------------------------------------------------------------
    def import_file(self, path: str) -> None:
        try:
            data = rubric_editing.read_rubric_file(path)
        except RubricError as exc:
            self.page.show_error("Not imported:\n" + problems_text(exc))
            return
        expected = None
        rubric_id = data.get("id")
        if self.db is not None and isinstance(rubric_id, str):
            try:
                expected = rubric_editing.open_for_editing(self.db, rubric_id).expected_version
            except NotFoundError:
                expected = None
        self.page.load_imported(data, path, expected)

    def export_file(self, path: str, data: dict[str, Any]) -> None:
        problems = len(rubric_editing.validate(data))
        try:
            written = rubric_editing.export_rubric_data(
                data, path, overwrite=True, allow_problems=True
            )
        except (ServiceError, RubricError) as exc:
            self.page.show_error(f"Not exported: {exc}")
            return
        if problems:
            self.page.show_message(
                f"Exported to {written} as a draft with {problems} "
                f"problem{'s' if problems != 1 else ''} still to fix."
            )
        else:
            self.page.show_message(f"Exported to {written}.")


def wire_rubric_editor(context: AppContext, page: RubricEditorPage) -> RubricEditorWiring:
    return RubricEditorWiring(context, page)
