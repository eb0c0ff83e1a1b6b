"""The Interviewers page's interview times, invitations and reminders, wired to services.

Every write (a time set, an invitation saved with its audit entry) goes through the
context's write queue, off the UI thread.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from interview_kit.gui.context import AppContext
from interview_kit.gui.lazy import refresh_when_shown
from interview_kit.gui.operations import Changes
from interview_kit.gui.recruiter.interview_times import (
    InterviewTimeButtons,
    InterviewTimeDialog,
    OverdueItem,
    OverduePanel,
    TimeValues,
)
from interview_kit.gui.recruiter.models import AssignmentItem
from interview_kit.gui.recruiter.people_page import PeoplePage
from interview_kit.gui.tasks import run_in_background
from interview_kit.services import assignments, calendar, candidates, reminders, rubrics
from interview_kit.services.errors import ServiceError

CALENDAR_FILTER = "Calendar invitations (*.ics)"


class InterviewTimesWiring(QObject):
    def __init__(self, context: AppContext, page: PeoplePage) -> None:
        super().__init__(page)
        self.context = context
        self.page = page
        self.dialog: InterviewTimeDialog | None = None
        self.buttons = InterviewTimeButtons(
            page.ui.assignRow, page.ui.assignBox, page.ui.unassignButton
        )
        self.overdue = OverduePanel(page.ui.interviewersBox)
        page.ui.interviewersLayout.addWidget(self.overdue)
        self._reminders: dict[str, reminders.InterviewerReminder] = {}
        self._reads = 0
        """Reads started: an answer that is not the latest is dropped."""
        self.buttons.set_time.clicked.connect(self.edit_time)
        self.buttons.invite.clicked.connect(self.send_invitation)
        self.overdue.remindRequested.connect(self.remind)
        page.ui.assignments.selectionModel().selectionChanged.connect(lambda *_: self._update())
        page.assignment_model.modelReset.connect(self._update)
        # Once the unassignment is stored (off the UI thread): offer the cancellation.
        page.unassigned.connect(self.offer_cancellation)
        self.lazy = refresh_when_shown(
            page, self.refresh, context.databaseChanged, context.dataChanged
        )
        if context.db is not None:
            self.lazy.request()  # now if shown, else when it is

    @property
    def db(self) -> Any:
        return self.context.db

    def refresh(self) -> None:
        """Read who owes feedback off the UI thread; an answer overtaken by a newer read
        is dropped."""
        self._reads += 1  # whatever is still being read is out of date now
        reads = self._reads
        db = self.db
        if db is None:
            return
        now = datetime.now(UTC)

        def show(grouped: list[reminders.InterviewerReminder]) -> None:
            if reads == self._reads:
                self._show_overdue(grouped, now)

        def failed(error: BaseException) -> None:
            if reads == self._reads:
                self.page.show_message(f"Could not read the overdue feedback: {error}", "error")

        run_in_background(
            lambda _handle: reminders.by_interviewer(reminders.overdue_feedback(db, now=now)),
            show,
            failed,
            owner=self.page,
        )

    def _show_overdue(self, grouped: list[reminders.InterviewerReminder], now: datetime) -> None:
        self._reminders = {r.interviewer_uuid: r for r in grouped}
        self.overdue.set_items(
            [
                OverdueItem(
                    interviewer_uuid=r.interviewer_uuid,
                    interviewer_name=r.interviewer_name,
                    interviewer_email=r.interviewer_email,
                    candidate_name=item.candidate_name,
                    stage_title=item.stage_title,
                    due_at=item.due_at,
                    hours_overdue=item.hours_overdue(now),
                    scorecard=item.scorecard_status or "not started",
                )
                for r in grouped
                for item in r.items
            ]
        )
        self._update()

    def _update(self) -> None:
        item = self.page.selected_assignment()
        self.buttons.update(False if item is None else item.starts_at)

    # -- the time of one interview ---------------------------------------------------
    def _stage_minutes(self, item: AssignmentItem) -> int:
        with contextlib.suppress(ServiceError, KeyError):
            record = candidates.get_candidate(self.db, item.candidate_uuid)
            if record.rubric_id is not None and record.rubric_version is not None:
                rubric = rubrics.rubric_version(
                    self.db, record.rubric_id, record.rubric_version
                ).rubric
                return rubric.stage(item.stage_id).duration_minutes
        return 60

    def edit_time(self) -> InterviewTimeDialog | None:
        item = self.page.selected_assignment()
        if item is None:
            return None
        current = next(
            (
                r
                for r in assignments.assignments_for_candidate(self.db, item.candidate_uuid)
                if r.stage_id == item.stage_id and r.interviewer_uuid == item.interviewer_uuid
            ),
            None,
        )
        values = TimeValues(
            current.starts_at if current else None,
            current.duration_minutes if current else None,
            current.place if current else "",
        )
        dialog = InterviewTimeDialog(
            f"{item.interviewer_name}: {item.stage_title} with {item.candidate_name}",
            values,
            stage_minutes=self._stage_minutes(item),
            parent=self.page,
        )
        dialog.submitted.connect(lambda chosen: self._save_time(dialog, item, chosen))
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: InterviewTimeDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _save_time(
        self, dialog: InterviewTimeDialog, item: AssignmentItem, chosen: TimeValues
    ) -> None:
        db = self.db
        time = assignments.InterviewTime(chosen.starts_at, chosen.minutes, chosen.place)

        def saved(record: assignments.AssignmentRecord) -> None:
            dialog.finish()
            when = (
                "no time"
                if record.starts_at is None
                else record.starts_at.astimezone().strftime("%a %d %b %H:%M")
            )
            self.page.show_message(
                f"{item.interviewer_name}'s interview: {when}. Send the invitation to tell them.",
                "success",
            )

        self.context.writes.run(
            "Setting the interview time",
            lambda: assignments.schedule(
                db, item.candidate_uuid, item.stage_id, item.interviewer_uuid, time
            ),
            changes=Changes(assignments=True),
            on_success=saved,
            on_failure=lambda exc: self.page.show_message(str(exc), "error"),
        )

    # -- invitations -----------------------------------------------------------------
    def choose_file(self, suggested: str) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getSaveFileName(
            self.page,
            "Save the calendar invitation",
            str(Path(folder) / suggested),
            CALENDAR_FILTER,
        )
        return path

    def send_invitation(self) -> None:
        item = self.page.selected_assignment()
        if item is None or item.starts_at is None:
            return
        self._write_event(item.candidate_uuid, item.stage_id, item.interviewer_uuid, item)

    def offer_cancellation(self, candidate_uuid: str, stage_id: str, interviewer_uuid: str) -> None:
        """After an interview with a time is unassigned: save its cancellation."""
        try:
            event = calendar.assignment_event(self.db, candidate_uuid, stage_id, interviewer_uuid)
        except ServiceError:
            return  # no time, or still assigned: nothing to cancel
        if event.cancelled:
            self._write(event, f"cancel-{_file_part(event.summary)}.ics")

    def _write_event(
        self, candidate_uuid: str, stage_id: str, interviewer_uuid: str, item: AssignmentItem
    ) -> None:
        try:
            event = calendar.assignment_event(self.db, candidate_uuid, stage_id, interviewer_uuid)
        except ServiceError as exc:
            self.page.show_message(str(exc), "error")
            return
        name = _file_part(f"{item.candidate_name} {item.stage_title} {item.interviewer_name}")
        self._write(event, f"{name}.ics")

    def _write(self, event: calendar.InterviewEvent, suggested: str) -> None:
        path = self.choose_file(suggested)
        if not path:
            return
        db = self.db
        what = "cancellation" if event.cancelled else "invitation"
        to = event.interviewer_email or event.interviewer_name
        self.context.writes.run(
            f"Saving the calendar {what}",
            lambda: calendar.write_events(db, path, [event]),
            on_success=lambda _r: self.page.show_message(
                f"Saved the {what} to {path}: attach it to an e-mail to {to}.", "success"
            ),
            on_failure=lambda exc: self.page.show_message(str(exc), "error"),
        )

    # -- reminders -------------------------------------------------------------------
    def remind(self, interviewer_uuid: str) -> str | None:
        """Open the e-mail program with a ready draft; returns the link opened."""
        reminder = self._reminders.get(interviewer_uuid)
        if reminder is None or not reminder.interviewer_email:
            return None
        url = reminders.mailto_url(reminder)
        if not QDesktopServices.openUrl(QUrl(url)):
            self.page.show_message(
                "No e-mail program opened the draft; the reminder is also listed by "
                "`interview-kit reminders --mailto`.",
                "error",
            )
        else:
            self.page.show_message(f"Opened an e-mail to {reminder.interviewer_name}.", "success")
        return url


def _file_part(text: str) -> str:
    kept = "".join(ch if ch.isalnum() else "-" for ch in text.casefold())
    return "-".join(part for part in kept.split("-") if part)[:80] or "interview"


def wire_interview_times(context: AppContext, page: PeoplePage) -> InterviewTimesWiring:
    return InterviewTimesWiring(context, page)
