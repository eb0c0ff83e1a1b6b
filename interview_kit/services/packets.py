"""Hiring packets and scoring sheets from the database: what the committee reads.

One candidate's packet is made from the same inputs the committee view shows (see
:func:`panel_review`): the submitted scorecards with amendments applied, the rubric
version they were scored against, the engine's recommendation and the committee's
latest decision. Private notes are never read into a packet.

ReportLab is only imported when a PDF is written.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

from interview_kit.domain.engine import Confidence, Decision, ObservedItem, Recommendation
from interview_kit.domain.rubric import Level, Rubric
from interview_kit.domain.scorecard import BELOW_LADDER, Scorecard, Vote
from interview_kit.domain.scorecard_content import ScorecardChanges
from interview_kit.services import candidates, rubrics, scorecard_reads
from interview_kit.services.common import UNSET
from interview_kit.services.decisions import DecisionRecord
from interview_kit.services.errors import InvalidInputError, NotFoundError, ServiceError
from interview_kit.services.panel_review import PanelReview, panel_review
from interview_kit.services.scorecard_reads import AmendmentRecord
from interview_kit.storage.database import Database

if TYPE_CHECKING:
    from interview_kit.reports.packet import BatchResult
    from interview_kit.reports.packet_data import (
        Agreement,
        Amendment,
        CommitteeDecision,
        Coverage,
        DebriefRescore,
        Observed,
        PacketData,
        PanelMember,
        RadarData,
        StageSection,
    )
    from interview_kit.services.evidence.reliability import HistoryAgreement

logger = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_SALT",
    "PacketCancelled",
    "candidate_pseudonym",
    "packet_data",
    "write_packet",
    "write_packets",
    "write_scoring_sheet",
]

DEFAULT_SALT = "interview-kit blind review"
"""Pseudonyms are keyed on the candidate's random uuid, so they are stable on every copy
of the database and reveal nothing without it; a panel may pass its own salt."""

DECISION_LABELS = {
    Decision.STRONG_HIRE: "Strong hire",
    Decision.HIRE: "Hire",
    Decision.INSUFFICIENT_EVIDENCE: "Not enough evidence",
    Decision.NO_HIRE: "No hire",
    Decision.STRONG_NO_HIRE: "Strong no hire",
}
_HIRE_SIDE = {
    Decision.STRONG_HIRE: True,
    Decision.HIRE: True,
    Decision.NO_HIRE: False,
    Decision.STRONG_NO_HIRE: False,
}
_RADAR_MAX_SPOKES = 12
_MISSING_SHOWN = 8


# ---------------------------------------------------------------------------------------
# Mapping


def packet_data(
    db: Database,
    candidate_uuid: str,
    *,
    anonymise: bool = False,
    salt: str = DEFAULT_SALT,
    today: date | None = None,
    viewer: str | None = None,
    history: HistoryAgreement | None = None,
) -> PacketData:
    """Everything one candidate's packet shows (``history``: the stored history's
    agreement, when a batch has read it once already). :class:`NotFoundError` for an unknown
    candidate or when no rubric is stored; :class:`ScoresHiddenError` when ``viewer``
    (the signed-in interviewer) has not submitted their own scorecard for the candidate
    (see :func:`panel_review`)."""
    review = panel_review(db, candidate_uuid, viewer=viewer)
    amendments = _amendments(db, review)
    data = _map(review, amendments, today or date.today())  # noqa: DTZ011 - the reader's day
    data = _against_history(data, history or _history(db))
    data = dataclasses.replace(data, rescores=_rescores(db, review))
    if anonymise:
        from interview_kit.reports.anonymise import anonymise as scrub

        data = scrub(data, salt)
    return data


def candidate_pseudonym(candidate_uuid: str, salt: str = DEFAULT_SALT) -> str:
    """The name a blind-review packet gives this candidate, without reading the database."""
    from interview_kit.reports.anonymise import pseudonym

    return pseudonym(f"ref:{candidate_uuid}", salt)


def _map(review: PanelReview, amendments: Sequence[Amendment], today: date) -> PacketData:
    from interview_kit.reports.packet_data import BandInfo, PacketData, StageBar

    rubric = review.rubric
    rec = review.recommendation
    candidate = review.candidate
    level = _level(rubric, rec.level)
    band = rec.band
    band_info = None
    if band is not None:
        equity = band.equity_text
        if band.equity_note:
            equity = f"{equity} ({band.equity_note})" if equity else band.equity_note
        band_info = BandInfo(
            currency=band.currency,
            base_min=band.base_min,
            base_mid=band.base_mid,
            base_max=band.base_max,
            suggested_base=band.suggested_base,
            position=band.position,
            equity_text=equity,
            learning_budget=band.learning_budget or None,
            note=level.band.note if level is not None else "",
        )
    info = review.rubric_info
    version = f"{info.rubric_id} v{info.version}"
    if rubric.version_label:
        version += f" · {rubric.version_label}"
    return PacketData(
        candidate_name=candidate.name,
        candidate_email=candidate.email,
        candidate_source=candidate.source.label,
        candidate_origin=candidate.origin_path.label,
        candidate_ref=candidate.uuid,
        role_title=candidate.role_title or rubric.role_title,
        packet_date=today,
        rubric_version=version,
        rubric_hash=info.content_hash,
        decision=DECISION_LABELS[rec.decision],
        hire=_HIRE_SIDE.get(rec.decision),
        level_id=rec.level,
        level_title=rec.level_title or "",
        score=rec.candidate_score,
        band=band_info,
        confidence=_confidence_label(rec.confidence),
        confidence_reasons=rec.confidence_reasons,
        coverage=_coverage(rubric, rec),
        agreement=_agreement(rec, review.scorecards),
        red_flags=tuple(_observed(rubric, item, flag=True) for item in rec.red_flags),
        signals=tuple(_observed(rubric, item, flag=False) for item in rec.positive_signals),
        stages=tuple(_stage_section(rubric, rec, review.scorecards, s.id) for s in rubric.stages),
        radar=_radar(rubric, rec),
        stage_bars=tuple(
            StageBar(_stage_label(rubric, s.stage_id), s.score, s.scorecard_count)
            for s in rec.stages
        ),
        hire_bar=rubric.rules.hire_bar,
        level_minimum=level.min_score if level is not None else None,
        trace=rec.trace,
        panel=_panel(rubric, review),
        amendments=tuple(amendments),
        committee=_committee(rubric, review.decision),
    )


def _level(rubric: Rubric, level_id: str | None) -> Level | None:
    if level_id is None:
        return None
    try:
        return rubric.level(level_id)
    except KeyError:
        return None


def _confidence_label(confidence: Confidence) -> str:
    return confidence.value.capitalize()


def _stage_label(rubric: Rubric, stage_id: str) -> str:
    try:
        stage = rubric.stage(stage_id)
    except KeyError:
        return stage_id
    return f"Stage {stage.number} · {stage.title}"


def _stage_short(rubric: Rubric, stage_id: str) -> str:
    try:
        return f"Stage {rubric.stage(stage_id).number}"
    except KeyError:
        return stage_id


def _level_label(rubric: Rubric, level_id: str | None) -> str | None:
    if level_id is None:
        return None
    if level_id == BELOW_LADDER:
        return f"Below {rubric.levels[0].id}" if rubric.levels else "Below the ladder"
    level = _level(rubric, level_id)
    return f"{level.id} {level.title}" if level is not None else level_id


def _vote_label(vote: Vote | None) -> str | None:
    return None if vote is None else vote.label


def _coverage(rubric: Rubric, rec: Recommendation) -> Coverage:
    from interview_kit.reports.packet_data import Coverage

    stages = rubric.required_stages() or rubric.stages
    rated = {c.criterion_id for c in rec.criteria if c.rated_count}
    interviewed = {s.stage_id for s in rec.stages if s.scorecard_count}
    expected = [(stage, criterion) for stage in stages for criterion in stage.criteria]
    missing = [
        f"Stage {s.number} · {s.title} not interviewed" for s in stages if s.id not in interviewed
    ]
    unrated = [
        criterion.title
        for stage, criterion in expected
        if stage.id in interviewed and criterion.id not in rated
    ]
    if len(unrated) > _MISSING_SHOWN:
        unrated = [*unrated[:_MISSING_SHOWN], f"and {len(unrated) - _MISSING_SHOWN} more"]
    if unrated:
        missing.append("never rated: " + ", ".join(unrated))
    return Coverage(
        fraction=rec.coverage,
        rated=sum(1 for _, criterion in expected if criterion.id in rated),
        expected=len(expected),
        missing=tuple(missing),
    )


def _rescores(db: Database, review: PanelReview) -> tuple[DebriefRescore, ...]:
    """Post-debrief re-scores beside each interviewer's independent rating."""
    from interview_kit.reports.packet_data import DebriefRescore
    from interview_kit.services.evidence import rescores_for_candidate

    try:
        found = rescores_for_candidate(db, review.candidate.uuid)
    except ServiceError:
        return ()
    rubric = review.rubric
    independent = {
        (card.interviewer_uuid, card.stage_id, rating.criterion_id): rating.rating
        for card in review.scorecards
        for rating in card.ratings
    }
    titles = {c.id: c.title for _s, c in rubric.criteria()}
    return tuple(
        DebriefRescore(
            interviewer=item.interviewer_name,
            stage=_stage_label(rubric, item.stage_id),
            criterion=titles.get(item.criterion_id, item.criterion_id),
            independent=independent.get((item.interviewer_uuid, item.stage_id, item.criterion_id)),
            rating=item.rating,
            note=item.note,
        )
        for item in found
    )


def _history(db: Database) -> HistoryAgreement | None:
    """The stored history's agreement; ``None`` for a sign-in that may not read it."""
    from interview_kit.services.evidence.reliability import history_agreement

    try:
        return history_agreement(db)
    except ServiceError:
        return None


def _against_history(data: PacketData, history: HistoryAgreement | None) -> PacketData:
    """The agreement line says what this panel's agreement means against the history."""
    sentence = "" if history is None else history.sentence(data.agreement.alpha)
    if not sentence:
        return data
    note = " ".join(part for part in (data.agreement.note, sentence) if part)
    return dataclasses.replace(data, agreement=dataclasses.replace(data.agreement, note=note))


def _agreement(rec: Recommendation, cards: Sequence[Scorecard]) -> Agreement:
    from interview_kit.reports.packet_data import Agreement

    a = rec.agreement
    notes = []
    if a.panel_split:
        notes.append("The panel is split: there are votes on both the yes and the no side.")
    if a.alpha is None:
        notes.append(
            "Reliability (alpha) is not computed: it needs two interviewers rating the "
            "same criteria."
        )
    return Agreement(
        alpha=a.alpha,
        yes_side=a.yes_votes,
        no_side=a.no_votes,
        no_vote=sum(1 for card in cards if card.vote is None),
        spread_criteria=tuple(f"{c.title} ({c.low}–{c.high})" for c in a.spread_criteria),
        note=" ".join(notes),
    )


def _observed(rubric: Rubric, item: ObservedItem, *, flag: bool) -> Observed:
    from interview_kit.reports.packet_data import Observed, Report

    description = ""
    with contextlib.suppress(KeyError):
        description = (rubric.red_flag(item.id) if flag else rubric.signal(item.id)).description
    return Observed(
        label=item.label,
        reports=tuple(Report(e.interviewer_name, e.text) for e in item.evidence),
        severity=item.severity if flag else None,
        description=description,
    )


def _stage_section(
    rubric: Rubric, rec: Recommendation, cards: Sequence[Scorecard], stage_id: str
) -> StageSection:
    from interview_kit.reports.packet_data import (
        CriterionResult,
        ExerciseNote,
        Report,
        StageSection,
        Verdict,
    )

    stage = rubric.stage(stage_id)
    result = next((s for s in rec.stages if s.stage_id == stage_id), None)
    results = result.scorecards if result is not None else ()
    by_uuid = {card.uuid: card for card in cards}
    threshold = rubric.rules.spread_threshold
    criteria = []
    for criterion in (c for c in rec.criteria if c.stage_id == stage_id):
        by_card = {entry.scorecard_uuid: entry for entry in criterion.ratings}
        spread = criterion.spread
        criteria.append(
            CriterionResult(
                title=criterion.title,
                ratings=tuple(
                    by_card[r.uuid].rating if r.uuid in by_card else None for r in results
                ),
                panel_mean=criterion.mean,
                spread=spread is not None and spread >= threshold,
                evidence=tuple(
                    Report(entry.interviewer_name, entry.evidence)
                    for entry in criterion.ratings
                    if entry.evidence.strip()
                ),
                weight=criterion.weight,
            )
        )
    notes = []
    for exercise in stage.exercises:
        for card_result in results:
            card = by_uuid.get(card_result.uuid)
            text = card.exercise_notes.get(exercise.id, "") if card is not None else ""
            if text.strip():
                notes.append(ExerciseNote(exercise.title, card_result.interviewer_name, text))
    verdicts = tuple(
        Verdict(
            interviewer=r.interviewer_name,
            vote=_vote_label(r.vote),
            level_evidence=_level_label(rubric, r.level_evidence),
            summary=by_uuid[r.uuid].summary if r.uuid in by_uuid else "",
            stage_score=r.score,
        )
        for r in results
    )
    return StageSection(
        title=_stage_label(rubric, stage_id),
        interviewers=tuple(r.interviewer_name for r in results),
        criteria=tuple(criteria),
        panel_score=result.score if result is not None else None,
        exercise_notes=tuple(notes),
        verdicts=verdicts,
    )


def _radar(rubric: Rubric, rec: Recommendation) -> RadarData | None:
    """Spokes for the maturity dimensions when enough are rated, else every tagged
    dimension (when that stays readable), else the stages."""
    from interview_kit.reports.packet_data import RadarData

    level = _level(rubric, rec.level) or (rubric.levels[0] if rubric.levels else None)
    minimum = level.min_score if level is not None else None
    level_label = f"{level.id} {level.title} minimum" if level is not None else ""
    means = {c.criterion_id: (c.mean, c.weight) for c in rec.criteria}

    def dimension_score(dimension_id: str) -> float | None:
        pairs = [
            means[criterion.id]
            for _, criterion in rubric.criteria()
            if dimension_id in criterion.tags and means.get(criterion.id, (None, 0))[0] is not None
        ]
        total = sum(weight for _, weight in pairs)
        if not pairs or total <= 0:
            return None
        return sum(float(mean or 0.0) * weight for mean, weight in pairs) / total

    tagged = [
        d
        for d in rubric.dimensions
        if any(d.id in criterion.tags for _, criterion in rubric.criteria())
    ]
    for choice in (
        [d for d in tagged if d.kind == "maturity"],
        tagged if len(tagged) <= _RADAR_MAX_SPOKES else [],
    ):
        if len(choice) >= 3:
            return RadarData(
                labels=tuple(d.label for d in choice),
                candidate=tuple(dimension_score(d.id) for d in choice),
                level_minimum=(minimum,) * len(choice),
                level_label=level_label,
                axis="dimension",
            )
    if len(rec.stages) >= 3:
        return RadarData(
            labels=tuple(_stage_label(rubric, s.stage_id) for s in rec.stages),
            candidate=tuple(s.score for s in rec.stages),
            level_minimum=(minimum,) * len(rec.stages),
            level_label=level_label,
            axis="stage",
        )
    return None


def _panel(rubric: Rubric, review: PanelReview) -> tuple[PanelMember, ...]:
    from interview_kit.reports.packet_data import PanelMember

    order = {stage.id: index for index, stage in enumerate(rubric.stages)}
    members = [
        PanelMember(
            name=card.interviewer_name,
            stage=_stage_short(rubric, card.stage_id),
            stage_title=_stage_title(rubric, card.stage_id),
            submitted_at=card.submitted_at,
            vote=_vote_label(card.vote),
        )
        for card in sorted(
            review.scorecards,
            key=lambda c: (
                order.get(c.stage_id, len(order)),
                _moment(c.submitted_at),
                c.interviewer_name,
            ),
        )
    ]
    members += [
        PanelMember(
            name=pending.interviewer_name,
            stage=_stage_short(rubric, pending.stage_id),
            stage_title=_stage_title(rubric, pending.stage_id),
            submitted_at=None,
            vote=f"({pending.status})",
        )
        for pending in sorted(
            review.pending, key=lambda p: (order.get(p.stage_id, len(order)), p.interviewer_name)
        )
    ]
    return tuple(members)


def _moment(value: datetime | None) -> float:
    """Sort key for optional timestamps, naive or aware alike; missing ones last."""
    return value.timestamp() if value is not None else float("inf")


def _stage_title(rubric: Rubric, stage_id: str) -> str:
    try:
        return rubric.stage(stage_id).title
    except KeyError:
        return ""


def _amendments(db: Database, review: PanelReview) -> list[Amendment]:
    from interview_kit.reports.packet_data import Amendment

    out: list[Amendment] = []
    for card in review.scorecards:
        if card.uuid not in review.amended:
            continue
        detail = scorecard_reads.get_scorecard(db, card.uuid)
        records: Sequence[AmendmentRecord] = detail.amendments
        out.extend(
            Amendment(
                interviewer=record.amended_by,
                stage=_stage_short(review.rubric, card.stage_id),
                when=record.created_at,
                change=describe_changes(review.rubric, card.stage_id, record.changes)
                + f" (on {card.interviewer_name}'s scorecard)",
                reason=record.reason,
            )
            for record in records
        )
    out.sort(key=lambda a: _moment(a.when if isinstance(a.when, datetime) else None))
    return out


def describe_changes(rubric: Rubric, stage_id: str, changes: ScorecardChanges) -> str:
    """What an amendment changed, in words; private notes are never named or shown."""
    parts: list[str] = []

    def title(lookup: Callable[[str], object], key: str) -> str:
        try:
            found = lookup(key)
        except KeyError:
            return key
        return str(getattr(found, "title", None) or getattr(found, "label", key))

    for key, rating in changes.ratings.items():
        name = title(rubric.criterion, key)
        if rating is None:
            parts.append(f"{name}: rating removed")
        else:
            parts.append(
                f"{name}: {rubric.scale.label(rating.rating)}"
                + (f" ({rating.rating})" if rating.rating is not None else "")
            )
    for key, evidence in changes.signals.items():
        name = title(rubric.signal, key)
        parts.append(f"signal {name} " + ("unticked" if evidence is None else "ticked"))
    for key, evidence in changes.red_flags.items():
        name = title(rubric.red_flag, key)
        parts.append(f"red flag {name} " + ("unticked" if evidence is None else "ticked"))
    if changes.exercise_notes:
        parts.append("exercise notes edited")
    if changes.level_evidence is not UNSET:
        parts.append(f"level evidence: {_level_label(rubric, changes.level_evidence) or 'cleared'}")
    if changes.vote is not UNSET:
        parts.append(f"vote: {_vote_label(changes.vote) or 'cleared'}")
    if changes.summary is not UNSET:
        parts.append("summary edited")
    return "; ".join(parts) or "no visible change"


def _committee(rubric: Rubric, decision: DecisionRecord | None) -> CommitteeDecision | None:
    from interview_kit.reports.packet_data import CommitteeDecision

    if decision is None:
        return None
    offer = []
    if decision.base is not None:
        offer.append(f"{decision.currency} {decision.base:,.0f} base".strip())
    if decision.equity is not None:
        unit = {"percent": " %", "shares": " shares"}.get(decision.equity_unit, "")
        prefix = f"{decision.currency} " if decision.equity_unit == "currency" else ""
        offer.append(f"{prefix}{decision.equity:g}{unit} equity")
    justification = decision.justification
    if decision.outside_band and justification:
        justification = f"Outside the band: {justification}"
    return CommitteeDecision(
        decision="Hire" if decision.decision.value == "hire" else "No hire",
        level=_level_label(rubric, decision.level) or "",
        offer=", ".join(offer),
        decided_by=(decision.decided_by,) if decision.decided_by else (),
        decided_at=decision.decided_at,
        rationale=justification,
    )


# ---------------------------------------------------------------------------------------
# Writing PDFs


class PacketCancelled(Exception):  # noqa: N818 - a request withdrawn, not an error
    """The packet was cancelled before it was moved into place: nothing was written."""


def write_packet(
    db: Database,
    candidate_uuid: str,
    out: str | os.PathLike[str] | IO[bytes],
    *,
    anonymise: bool = False,
    salt: str = DEFAULT_SALT,
    invariant: bool = False,
    today: date | None = None,
    cancelled: Callable[[], bool] | None = None,
    viewer: str | None = None,
) -> PacketData:
    """Write one candidate's packet; returns the data it shows.

    A path is written through a temporary file beside it. ``cancelled()`` is asked
    before the data is read and again once the PDF is built, before it replaces the
    target: a cancelled packet raises :class:`PacketCancelled` and leaves the target as
    it was.
    """
    from interview_kit.reports import build_packet

    if cancelled is not None and cancelled():
        raise PacketCancelled
    data = packet_data(
        db, candidate_uuid, anonymise=anonymise, salt=salt, today=today, viewer=viewer
    )
    try:
        if cancelled is not None and isinstance(out, str | os.PathLike):
            from interview_kit.reports.packet import write_atomically

            def build_unless_cancelled(stream: IO[bytes]) -> None:
                build_packet(data, stream, invariant=invariant)
                if cancelled():
                    raise PacketCancelled

            write_atomically(Path(out), build_unless_cancelled)
        else:
            build_packet(data, out, invariant=invariant)
    except OSError as exc:
        raise InvalidInputError(
            f"cannot write the packet to {out}: {exc.strerror or exc}"
        ) from None
    return data


def write_packets(
    db: Database,
    out_dir: str | os.PathLike[str],
    *,
    candidate_uuids: Sequence[str] | None = None,
    anonymise: bool = False,
    salt: str = DEFAULT_SALT,
    progress: Callable[[int, int, Path], None] | None = None,
    starting: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    invariant: bool = False,
    today: date | None = None,
    viewer: str | None = None,
) -> BatchResult:
    """One packet per candidate (every candidate when ``candidate_uuids`` is ``None``).

    Runs anywhere, including a worker thread: the callbacks are plain callables, called
    on the caller's thread. ``starting(number, total, name)`` comes before each packet
    with the name it shows (the pseudonym when anonymised); ``progress(number, total,
    path)`` after each packet written or failed to write. ``cancelled()`` is asked
    before each candidate, so a cancelled batch stops after the packet in hand and keeps
    those finished.

    Data is read one candidate at a time. A candidate that cannot be read (erased
    meanwhile) or whose packet cannot be written is listed in ``failed`` with the reason,
    and the batch goes on; so is one whose panel ``viewer`` has not submitted their own
    scorecard to (the reason says which stage). Each file is written through a temporary
    beside it, so the folder never holds a half-written packet.
    """
    from interview_kit.reports.packet import BatchResult, build_packet, packet_filename

    uuids = list(candidate_uuids) if candidate_uuids is not None else candidates.candidate_uuids(db)
    total = len(uuids)
    directory = Path(out_dir)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInputError(
            f"cannot write packets to {out_dir}: {exc.strerror or exc}"
        ) from None
    written: list[Path] = []
    failed: list[tuple[str, str]] = []
    used: set[str] = set()
    history = _history(db)
    for number, uuid in enumerate(uuids, start=1):
        if cancelled is not None and cancelled():
            return BatchResult(tuple(written), tuple(failed), cancelled=True)
        try:
            data = packet_data(
                db,
                uuid,
                anonymise=anonymise,
                salt=salt,
                today=today,
                viewer=viewer,
                history=history,
            )
        except Exception as exc:  # noqa: BLE001 - one candidate must not sink the batch
            failed.append(_unread(db, uuid, exc, anonymise=anonymise, salt=salt))
            continue
        name = " ".join(data.candidate_name.split())
        if starting is not None:
            starting(number, total, name)
        path = directory / _unused_name(packet_filename(data), used)
        try:
            build_packet(data, path, invariant=invariant)
        except OSError as exc:
            failed.append((name, f"cannot write {path.name}: {exc.strerror or exc}"))
        except Exception as exc:  # noqa: BLE001 - one candidate must not sink the batch
            failed.append((name, _reason(exc, uuid)))
        else:
            written.append(path)
        if progress is not None:
            progress(number, total, path)
    return BatchResult(tuple(written), tuple(failed), cancelled=False)


def _unused_name(name: str, used: set[str]) -> str:
    """Two candidates of the same name get ``-2``, ``-3``… (case-blind file systems too)."""
    stem, suffix = os.path.splitext(name)  # noqa: PTH122 - a name, not a path
    candidate, counter = name, 2
    while candidate.casefold() in used:
        candidate = f"{stem}-{counter}{suffix}"
        counter += 1
    used.add(candidate.casefold())
    return candidate


def _unread(
    db: Database, uuid: str, exc: Exception, *, anonymise: bool, salt: str
) -> tuple[str, str]:
    """Who a packet that could not be read was for, and why; a blind review's pseudonym,
    the uuid for a candidate no longer stored (erased since it was chosen)."""
    try:
        name = candidates.get_candidate(db, uuid).name
    except NotFoundError:
        name, reason = uuid, "no longer in the database (erased since it was chosen?)"
    except Exception:  # noqa: BLE001 - unreadable: the id still says who
        name, reason = uuid, _reason(exc, uuid)
    else:
        reason = _reason(exc, uuid)
    return (candidate_pseudonym(uuid, salt) if anonymise else name), reason


def _reason(exc: Exception, uuid: str) -> str:
    if isinstance(exc, ServiceError):
        return str(exc)
    logger.exception("packet for candidate %s failed", uuid)
    return f"could not be made ({type(exc).__name__}: {exc}); details are in the log"


def write_scoring_sheet(
    db: Database,
    stage: str,
    out: str | os.PathLike[str] | IO[bytes],
    *,
    rubric_id: str | None = None,
    invariant: bool = False,
) -> Rubric:
    """The blank scoring sheet of ``stage`` (id or number) from the active rubric."""
    from interview_kit.reports import build_scoring_sheet
    from interview_kit.reports.sheet import UnknownStageError

    rubric = rubrics.active_rubric(db, rubric_id).rubric
    try:
        build_scoring_sheet(rubric, stage, out, invariant=invariant)
    except UnknownStageError as exc:
        raise NotFoundError(str(exc)) from None
    except OSError as exc:
        raise InvalidInputError(f"cannot write the sheet to {out}: {exc.strerror or exc}") from None
    return rubric
