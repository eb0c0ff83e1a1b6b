"""Connects the panel review page to the services: review, decisions, hiring packets.

A decision is written through the app's one write queue (off the UI thread); the form is
disabled until it lands, then shows the decision as recorded, or says in words why not.

The packet is written off the UI thread with a progress dialog that can cancel it
(:mod:`interview_kit.gui.packet_runs`); the page says when it is done, or why it failed.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject

from interview_kit.domain.candidate import PipelineStatus
from interview_kit.domain.engine import Decision, format_equity
from interview_kit.domain.overrides import Mechanical
from interview_kit.gui.committee.band_chart import BandView
from interview_kit.gui.committee.models import DecisionItem, ObservationItem, all_stage_grids
from interview_kit.gui.committee.page import (
    ALL,
    AT_COMMITTEE,
    OPEN,
    CommitteePage,
    DecisionValues,
    LevelChoice,
    RecordedDecision,
    ReviewView,
)
from interview_kit.gui.lazy import refresh_when_shown
from interview_kit.gui.operations import Changes
from interview_kit.gui.packet_runs import PacketRun, start_packet
from interview_kit.gui.paged import Fetch, Page, PagedLoader
from interview_kit.gui.recruiter.models import CandidatePick
from interview_kit.services import candidates, decisions, panel_review
from interview_kit.services.candidates import CandidateCursor, CandidateQuery
from interview_kit.services.errors import (
    NotFoundError,
    ScoresHiddenError,
    ServiceError,
    StaleEditError,
)
from interview_kit.services.evidence import debrief

if TYPE_CHECKING:
    from interview_kit.gui.context import AppContext
    from interview_kit.services.decisions import DecisionRecord
    from interview_kit.services.panel_review import PanelReview

logger = logging.getLogger(__name__)

LIST_PAGE = 100
"""Candidates read per page of the list; more come as it scrolls."""

_HIRE_SIDE = {Decision.HIRE, Decision.STRONG_HIRE}
_NO_SIDE = {Decision.NO_HIRE, Decision.STRONG_NO_HIRE}


def _amount(value: float | None, unit: str = "") -> str:
    if value is None:
        return ""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return f"{text} {unit}".strip()


def _outcome_words(record: DecisionRecord) -> str:
    outcome = "Hire" if record.decision.value == "hire" else "No hire"
    level = f" at {record.level}" if record.level else ""
    base = f", base {_amount(record.base, record.currency)}" if record.base is not None else ""
    return f"{outcome}{level}{base}"


def recorded_decision(record: DecisionRecord) -> RecordedDecision:
    when = record.decided_at.astimezone().strftime("%Y-%m-%d %H:%M")
    return RecordedDecision(
        outcome=record.decision.value,
        level=record.level,
        base=record.base,
        equity=record.equity,
        justification=record.justification,
        summary=f"Recorded decision: {_outcome_words(record)} — by {record.decided_by}, {when}.",
    )


def suggestion_words(review: PanelReview) -> str:
    """The engine's suggestion, in the words shown beside the committee's choice."""
    result = review.recommendation
    text = f"Engine suggests: {result.decision.label}"
    if result.decision in _HIRE_SIDE and result.level:
        text += f" at {result.level}"
        band = result.band
        if band is not None and band.suggested_base is not None:
            text += f", base {_amount(band.suggested_base, band.currency)}"
    return text + "."


def review_view(review: PanelReview, frozen: Mechanical | None = None) -> ReviewView:
    """The page's plain values, from the service's review (and the recommendation frozen
    when the candidate reached the committee, which a departing decision must explain)."""
    rubric = review.rubric
    result = review.recommendation
    candidate = review.candidate
    info = review.rubric_info
    active = "" if info.is_active else f" (active is v{info.active_version})"
    submitted = len(review.scorecards)
    subheading = (
        f"{candidate.role_title or rubric.role_title} · {candidate.status.label} · "
        f"{candidate.source.label}, {candidate.origin_path.label} · rubric "
        f"{info.rubric_id} v{info.version}{active} · {submitted} submitted "
        f"scorecard{'s' if submitted != 1 else ''}"
        + (f", {len(review.amended)} amended" if review.amended else "")
    )
    kind = (
        "hire"
        if result.decision in _HIRE_SIDE
        else "no_hire"
        if result.decision in _NO_SIDE
        else "neutral"
    )
    level = f"{result.level} · {result.level_title}" if result.level else "—"
    score = "—" if result.candidate_score is None else f"{result.candidate_score:.2f} / 4"
    agreement = result.agreement
    split = "panel split" if agreement.panel_split else "no split"
    alpha = "α n/a" if agreement.alpha is None else f"α {agreement.alpha:.2f}"
    spreads = len(agreement.spread_criteria)
    details = [f"Coverage {result.coverage:.0%} of required criteria."]
    if result.confidence_reasons:
        reasons = [reason.rstrip(". ") for reason in result.confidence_reasons]
        details.append("Confidence: " + "; ".join(reasons) + ".")
    if spreads:
        details.append(
            f"The panel disagrees on {spreads} criteri{'a' if spreads != 1 else 'on'} "
            "(highlighted below)."
        )
    band = result.band
    band_view = None
    if band is not None:
        band_view = BandView(
            level=band.level_id,
            currency=band.currency,
            base_min=band.base_min,
            base_mid=band.base_mid,
            base_max=band.base_max,
            suggested=band.suggested_base,
            position=band.position,
        )
        details.append(
            f"Band {band.level_id}: suggested base {_amount(band.suggested_base, band.currency)} "
            f"({band.position:.0%} into the band); equity {band.equity_text}; learning budget "
            f"{_amount(band.learning_budget, band.currency)}."
        )
    levels = []
    for lv in rubric.levels:
        suggested = band.suggested_base if band is not None and band.level_id == lv.id else None
        levels.append(
            LevelChoice(
                level_id=lv.id,
                label=f"{lv.id} · {lv.title}",
                band=BandView(
                    level=lv.id,
                    currency=lv.band.currency,
                    base_min=lv.band.base_min,
                    base_mid=lv.band.base_mid,
                    base_max=lv.band.base_max,
                    suggested=suggested,
                ),
                equity_unit=lv.band.equity_unit,
            )
        )
    stage_titles = {stage.id: f"{stage.number}. {stage.title}" for stage in rubric.stages}
    pending = ""
    if review.pending:
        parts = [
            f"{item.interviewer_name} ({stage_titles.get(item.stage_id, item.stage_id)}, "
            f"{item.status})"
            for item in review.pending
        ]
        pending = "Not submitted yet: " + "; ".join(parts) + "."
    observations = [
        ObservationItem(
            kind="Red flag",
            label=item.label,
            severity=item.severity or "",
            reporters=item.reporters,
            names=item.interviewer_names,
            evidence=tuple(
                f"{e.interviewer_name} ({stage_titles.get(e.stage_id, e.stage_id)}): {e.text}"
                for e in item.evidence
            ),
        )
        for item in result.red_flags
    ] + [
        ObservationItem(
            kind="Signal",
            label=item.label,
            severity="",
            reporters=item.reporters,
            names=item.interviewer_names,
            evidence=tuple(
                f"{e.interviewer_name} ({stage_titles.get(e.stage_id, e.stage_id)}): {e.text}"
                for e in item.evidence
            ),
        )
        for item in result.positive_signals
    ]
    history = tuple(
        DecisionItem(
            decided_at=record.decided_at,
            decided_by=record.decided_by,
            outcome="Hire" if record.decision.value == "hire" else "No hire",
            level=record.level or "",
            base=_amount(record.base, record.currency),
            equity=(
                ""
                if record.equity is None
                else format_equity(record.equity, record.equity, record.equity_unit or "percent")
            ),
            justification=record.justification,
            outside_band=record.outside_band,
        )
        for record in review.decisions
    )
    suggested_outcome = (
        "hire"
        if result.decision in _HIRE_SIDE
        else "no_hire"
        if result.decision in _NO_SIDE
        else None
    )
    safe_name = re.sub(r"[^\w\- ]+", "", candidate.name).strip() or "candidate"
    return ReviewView(
        uuid=candidate.uuid,
        name=candidate.name,
        subheading=subheading,
        recommendation=result.decision.label.capitalize(),
        recommendation_kind=kind,
        level=level,
        score=score,
        confidence=result.confidence.value.capitalize(),
        agreement=f"{split}, {alpha}",
        details=" ".join(details),
        band=band_view,
        levels=tuple(levels),
        recommended_level=result.level,
        pending=pending,
        grids=tuple(all_stage_grids(rubric, result)),
        observations=tuple(observations),
        trace=result.trace,
        history=history,
        suggested_outcome=suggested_outcome,
        suggestion=suggestion_words(review),
        recorded=recorded_decision(review.decision) if review.decision is not None else None,
        frozen=frozen,
        packet_name=f"{safe_name} hiring packet.pdf",
    )


class CommitteeWiring(QObject):
    def __init__(self, context: AppContext, page: CommitteePage) -> None:
        super().__init__(page)
        self.context = context
        self.page = page
        self.packet_task: PacketRun | None = None
        self.last_packet: Path | None = None
        self.packet_dialog: Any = None
        self.review_versions: dict[str, int] = {}
        """What each candidate's review showed, so a decision on a stale one is refused."""
        self.list_loader = PagedLoader(
            page.pick_model, self._prepare_list, show_first=self._show_first_list
        )
        self.list_loader.failed.connect(lambda text: page.show_message(text, "error"))
        page.searchChanged.connect(self.list_loader.reload_soon)
        page.searchSubmitted.connect(self.list_loader.flush)
        page.filterChanged.connect(self.refresh_list)
        page.candidateChosen.connect(self.open_candidate)
        page.decisionRequested.connect(self.record)
        page.packetRequested.connect(self.write_packet)
        self.lazy = refresh_when_shown(
            page,
            self.refresh,
            context.databaseChanged,
            context.dataChanged,
            context.interviewerChanged,
        )
        if context.db is not None:
            self.lazy.request()  # now if shown, else when it is

    @property
    def db(self) -> Any:
        return self.context.db

    def refresh(self) -> None:
        if self.db is None:
            return
        self.refresh_list()
        view = self.page.view
        if view is not None:
            self.open_candidate(view.uuid, keep_form=True)

    def refresh_list(self) -> None:
        if self.db is None:
            self.list_loader.stop()
            return
        self.list_loader.reload()

    def _prepare_list(self) -> Fetch | None:
        """Read on the UI thread: what to fetch, for pages read on any thread."""
        db = self.db
        if db is None:
            return None
        which = self.page.show_filter()
        if which == AT_COMMITTEE:
            statuses: tuple[PipelineStatus, ...] = (PipelineStatus.COMMITTEE,)
        elif which == OPEN:
            statuses = tuple(s for s in PipelineStatus if not s.is_closed)
        else:
            assert which == ALL
            statuses = ()
        query = CandidateQuery(
            text=self.page.search_text(), statuses=statuses, limit=LIST_PAGE, with_total=False
        )

        def fetch(after: object | None) -> Page[CandidatePick]:
            found = candidates.list_candidates(
                db, replace(query, after=cast("CandidateCursor | None", after))
            )
            picks = [
                CandidatePick(r.uuid, r.name, r.email, r.status.label, r.status.value)
                for r in found.rows
            ]
            return Page(picks, None, found.after, found.more)

        return fetch

    def _show_first_list(self, found: Page[CandidatePick]) -> None:
        self.page.set_candidates(found.rows, after=found.after, more=found.more)

    def open_candidate(self, uuid: str, *, keep_form: bool = False) -> None:
        if self.db is None:
            return
        try:
            review = panel_review.panel_review(self.db, uuid, viewer=self.context.viewer)
        except (NotFoundError, ScoresHiddenError) as exc:
            self.page.show_nothing(str(exc))
            return
        self.review_versions[uuid] = review.version
        frozen = debrief.frozen_recommendation(self.db, uuid)
        view = review_view(review, frozen.mechanical if frozen is not None else None)
        self.page.show_review(view, keep_form=keep_form or self.page.recording)
        self._show_rescores(review)
        if not keep_form:
            self.page.show_message("")
        if (
            self.page.show_filter() == AT_COMMITTEE
            and review.candidate.status is not PipelineStatus.COMMITTEE
        ):
            # Opened from elsewhere: list everyone so the candidate shows as chosen.
            self.page.set_show_filter(ALL)

    def _show_rescores(self, review: Any) -> None:
        from interview_kit.gui.committee.rescores import rescore_lines, show_rescores
        from interview_kit.services.errors import ServiceError
        from interview_kit.services.evidence import rescores_for_candidate

        try:
            found = rescores_for_candidate(self.db, review.candidate.uuid)
        except ServiceError:
            found = []
        show_rescores(self.page.ui.stageTabs, rescore_lines(found, review))

    def record(self, values: DecisionValues) -> None:
        """Write the decision off the UI thread; the form waits, then shows the outcome."""
        db = self.db
        if db is None or self.page.recording:
            return
        expected = self.review_versions.get(values.candidate_uuid)

        def work() -> DecisionRecord:
            return decisions.record_decision(
                db,
                values.candidate_uuid,
                decision=values.outcome,
                level=values.level,
                base=values.base,
                equity=values.equity,
                justification=values.justification,
                override_reason=values.override_reason,
                decided_by=values.decided_by or None,
                expected_version=expected,
            )

        self.page.set_recording(True)
        self.context.writes.run(
            "Recording the committee decision",
            work,
            changes=Changes(decisions=True, candidates=True),
            on_success=lambda record: self._recorded(values, record),
            on_failure=self._not_recorded,
        )

    def _recorded(self, values: DecisionValues, record: DecisionRecord) -> None:
        self.page.set_recording(False)
        outside = " (outside the band, justification stored)" if record.outside_band else ""
        self.open_candidate(values.candidate_uuid)
        self.page.decision_recorded(f"Recorded: {_outcome_words(record)}{outside}.")

    def _not_recorded(self, error: BaseException) -> None:
        self.page.set_recording(False)
        if isinstance(error, StaleEditError):
            view = self.page.view
            if view is not None:
                self.open_candidate(view.uuid, keep_form=True)
            self.page.show_problem(
                f"Not recorded: {error}. Nothing was stored. The review now shows what"
                " changed; check it and record again."
            )
        elif isinstance(error, ServiceError):
            self.page.show_problem(f"Not recorded: {error}.")
        else:
            logger.error("recording a decision failed", exc_info=error)
            self.page.show_problem(f"Not recorded: the database answered {error}.")

    def write_packet(self, path: str, anonymise: bool) -> None:
        if self.db is None or self.page.view is None or self.packet_task is not None:
            return
        view = self.page.view
        target = Path(path)
        self.page.set_packet_busy(True, f"Writing the packet to {target.name}…")
        if self.packet_dialog is not None:
            self.packet_dialog.deleteLater()
        run = start_packet(
            self.db,
            view.uuid,
            target,
            anonymise=anonymise,
            name=view.name,
            parent=self.page,
            viewer=self.context.viewer,
        )
        self.packet_dialog = run.dialog
        self.packet_task = run
        run.finished.connect(self._packet_finished)

    def _packet_finished(self, outcome: Any) -> None:
        self.packet_task = None
        self.last_packet = outcome.written[0] if outcome.written else None
        if outcome.written:
            message = f"Packet written to {outcome.written[0]}."
        elif outcome.cancelled:
            message = "Cancelled: the packet was not written."
        elif outcome.failed:
            message = outcome.failed[0][1]
        else:
            message = outcome.error
        self.page.set_packet_busy(False, message)


def wire_committee(context: AppContext, page: CommitteePage) -> CommitteeWiring:
    return CommitteeWiring(context, page)


__all__ = ["CommitteeWiring", "review_view", "wire_committee"]
