"""A scorecard's editable content, the changes to it, and the rules it must meet.

:class:`ScorecardContent` is what one interviewer enters for one stage (ratings, signals,
red flags, exercise notes, level evidence, vote, summary, private notes). It is the one
value the services store, the stage walk edits and every reader builds a
:class:`~interview_kit.domain.scorecard.Scorecard` from. A save or an amendment is a
:class:`ScorecardChanges`; :meth:`ScorecardContent.apply` is the only place one is applied,
and :meth:`ScorecardContent.diff` the only place one is worked out.

The rules: :func:`check_changes` refuses what the rubric does not know or allow (raising
:class:`ScorecardContentError`), :func:`submission_problems` lists what is missing before
submission (blocking) and what the committee will miss (not blocking).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any

from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard import (
    BELOW_LADDER,
    CriterionRating,
    Observation,
    Scorecard,
    ScorecardStatus,
    Vote,
)
from interview_kit.domain.unset import UNSET, UnsetType

TEXT_LIMIT = 100_000
"""Longest evidence, note or summary accepted (stored exactly as typed up to this)."""

_EMPTY: Mapping[str, Any] = MappingProxyType({})

_MAPPINGS = ("ratings", "exercise_notes", "signals", "red_flags")
_SCALARS = ("level_evidence", "vote", "summary", "private_notes")


class ScorecardContentError(ValueError):
    """A change the rubric does not allow; the message says which and why."""


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return mapping if type(mapping) is MappingProxyType else MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class ScorecardChanges:
    """What one save (or one amendment) changes; fields left as they are stay unchanged.

    - ``ratings``: criterion id -> a :class:`CriterionRating` (its ``rating`` ``None``
      means N/A), or ``None`` to take the rating off (back to "not rated").
    - ``signals`` / ``red_flags``: item id -> evidence (ticked), or ``None`` (unticked).
    - ``exercise_notes``: exercise id -> notes.
    """

    ratings: Mapping[str, CriterionRating | None] = field(default_factory=lambda: _EMPTY)
    signals: Mapping[str, str | None] = field(default_factory=lambda: _EMPTY)
    red_flags: Mapping[str, str | None] = field(default_factory=lambda: _EMPTY)
    exercise_notes: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    level_evidence: str | UnsetType | None = UNSET
    vote: Vote | UnsetType | None = UNSET
    summary: str | UnsetType = UNSET
    private_notes: str | UnsetType = UNSET

    def __post_init__(self) -> None:
        for name in _MAPPINGS:
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    def map_text(self, clean: Callable[[str], str]) -> ScorecardChanges:
        """The same change with every text passed through ``clean``."""
        return ScorecardChanges(
            ratings={
                key: None
                if value is None
                else CriterionRating(value.criterion_id, value.rating, clean(value.evidence))
                for key, value in self.ratings.items()
            },
            signals={k: None if v is None else clean(v) for k, v in self.signals.items()},
            red_flags={k: None if v is None else clean(v) for k, v in self.red_flags.items()},
            exercise_notes={k: clean(v) for k, v in self.exercise_notes.items()},
            level_evidence=self.level_evidence,
            vote=self.vote,
            summary=self.summary if self.summary is UNSET else clean(self.summary),
            private_notes=self.private_notes
            if self.private_notes is UNSET
            else clean(self.private_notes),
        )

    @property
    def is_empty(self) -> bool:
        return not (self.ratings or self.signals or self.red_flags or self.exercise_notes) and all(
            value is UNSET
            for value in (self.level_evidence, self.vote, self.summary, self.private_notes)
        )

    def parts(self) -> list[tuple[tuple[str, str], ScorecardChanges]]:
        """This change cut into its smallest pieces, each with what it touches:
        ``(field, key)`` (``key`` empty for a single-valued field), in the walk's order."""
        found: list[tuple[tuple[str, str], ScorecardChanges]] = []
        for name in _MAPPINGS:
            for key, value in getattr(self, name).items():
                only: dict[str, Any] = {name: {key: value}}
                found.append(((name, key), ScorecardChanges(**only)))
        for name in _SCALARS:
            value = getattr(self, name)
            if value is not UNSET:
                scalar: dict[str, Any] = {name: value}
                found.append(((name, ""), ScorecardChanges(**scalar)))
        return found

    def to_json(self, *, private: bool = True) -> dict[str, Any]:
        """Plain JSON data holding only what this change sets."""
        data: dict[str, Any] = {}
        if self.ratings:
            data["ratings"] = {
                key: None if value is None else {"rating": value.rating, "evidence": value.evidence}
                for key, value in self.ratings.items()
            }
        if self.signals:
            data["signals"] = dict(self.signals)
        if self.red_flags:
            data["red_flags"] = dict(self.red_flags)
        if self.exercise_notes:
            data["exercise_notes"] = dict(self.exercise_notes)
        if self.level_evidence is not UNSET:
            data["level_evidence"] = self.level_evidence
        if self.vote is not UNSET:
            data["vote"] = None if self.vote is None else self.vote.value
        if self.summary is not UNSET:
            data["summary"] = self.summary
        if private and self.private_notes is not UNSET:
            data["private_notes"] = self.private_notes
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ScorecardChanges:
        """The inverse of :meth:`to_json` for data this app wrote (files are checked first)."""
        ratings: dict[str, CriterionRating | None] = {}
        for key, value in dict(data.get("ratings") or {}).items():
            ratings[key] = (
                None
                if value is None
                else CriterionRating(key, value.get("rating"), value.get("evidence", ""))
            )
        vote = data.get("vote", UNSET)
        return cls(
            ratings=ratings,
            signals=dict(data.get("signals") or {}),
            red_flags=dict(data.get("red_flags") or {}),
            exercise_notes=dict(data.get("exercise_notes") or {}),
            level_evidence=data.get("level_evidence", UNSET),
            vote=vote if vote is UNSET or vote is None else Vote(vote),
            summary=data.get("summary", UNSET),
            private_notes=data.get("private_notes", UNSET),
        )


@dataclass(frozen=True)
class ScorecardContent:
    """Everything an interviewer enters for one stage, as one immutable value.

    ``ratings`` holds only rated criteria (a rating of ``None`` is N/A), in the order
    they were first rated; ticked signals and red flags map to their evidence. Every
    edit makes a new value through :meth:`apply`.
    """

    ratings: Mapping[str, CriterionRating] = field(default_factory=lambda: _EMPTY)
    signals: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    red_flags: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    exercise_notes: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    level_evidence: str | None = None
    vote: Vote | None = None
    summary: str = ""
    private_notes: str = ""

    def __post_init__(self) -> None:
        for name in _MAPPINGS:
            object.__setattr__(self, name, _frozen(getattr(self, name)))

    @classmethod
    def of(cls, card: Scorecard, private_notes: str = "") -> ScorecardContent:
        """The content of a scorecard (which never carries private notes: pass them)."""
        return cls(
            ratings={r.criterion_id: r for r in card.ratings},
            signals={o.item_id: o.evidence for o in card.signals},
            red_flags={o.item_id: o.evidence for o in card.red_flags},
            exercise_notes=card.exercise_notes,
            level_evidence=card.level_evidence,
            vote=card.vote,
            summary=card.summary,
            private_notes=private_notes,
        )

    def scorecard(
        self,
        *,
        uuid: str,
        candidate_uuid: str,
        stage_id: str,
        interviewer_uuid: str,
        interviewer_name: str,
        rubric_hash: str = "",
        status: ScorecardStatus = ScorecardStatus.DRAFT,
        submitted_at: datetime | None = None,
        amended: bool = False,
    ) -> Scorecard:
        """The scorecard holding this content (private notes stay out)."""
        return Scorecard(
            uuid=uuid,
            candidate_uuid=candidate_uuid,
            stage_id=stage_id,
            interviewer_uuid=interviewer_uuid,
            interviewer_name=interviewer_name,
            rubric_hash=rubric_hash,
            status=status,
            ratings=tuple(self.ratings.values()),
            signals=tuple([Observation(k, v) for k, v in self.signals.items()]),
            red_flags=tuple([Observation(k, v) for k, v in self.red_flags.items()]),
            level_evidence=self.level_evidence,
            vote=self.vote,
            summary=self.summary,
            exercise_notes=self.exercise_notes,
            submitted_at=submitted_at,
            amended=amended,
        )

    def apply(self, changes: ScorecardChanges) -> ScorecardContent:
        """This content with ``changes`` made (a save, an amendment, an edit in the walk)."""
        ratings = dict(self.ratings)
        for criterion_id, rating in changes.ratings.items():
            if rating is None:
                ratings.pop(criterion_id, None)
            else:
                ratings[criterion_id] = CriterionRating(
                    criterion_id, rating.rating, rating.evidence
                )
        observed: list[dict[str, str]] = []
        for current, updates in (
            (self.signals, changes.signals),
            (self.red_flags, changes.red_flags),
        ):
            target = dict(current)
            for item_id, evidence in updates.items():
                if evidence is None:
                    target.pop(item_id, None)
                else:
                    target[item_id] = evidence
            observed.append(target)
        return ScorecardContent(
            ratings=ratings,
            signals=observed[0],
            red_flags=observed[1],
            exercise_notes={**self.exercise_notes, **changes.exercise_notes},
            level_evidence=self.level_evidence
            if changes.level_evidence is UNSET
            else changes.level_evidence,
            vote=self.vote if changes.vote is UNSET else changes.vote,
            summary=self.summary if changes.summary is UNSET else changes.summary,
            private_notes=self.private_notes
            if changes.private_notes is UNSET
            else changes.private_notes,
        )

    def apply_all(self, amendments: Sequence[ScorecardChanges]) -> ScorecardContent:
        """This content with each change made in turn (a scorecard's amendments, in order)."""
        content = self
        for changes in amendments:
            content = content.apply(changes)
        return content

    def diff(self, other: ScorecardContent) -> ScorecardChanges:
        """The change turning this content into ``other`` (only what differs)."""
        ratings: dict[str, CriterionRating | None] = {}
        signals: dict[str, str | None] = {}
        red_flags: dict[str, str | None] = {}
        notes: dict[str, str] = {}
        for name, key in self._differences(other):
            if name == "ratings":
                ratings[key] = other.ratings.get(key)
            elif name == "signals":
                signals[key] = other.signals.get(key)
            elif name == "red_flags":
                red_flags[key] = other.red_flags.get(key)
            else:
                notes[key] = other.exercise_notes.get(key, "")
        scalars = {name: getattr(other, name) for name in _SCALARS}
        return ScorecardChanges(
            ratings=ratings,
            signals=signals,
            red_flags=red_flags,
            exercise_notes=notes,
            **{
                name: value if value != getattr(self, name) else UNSET
                for name, value in scalars.items()
            },
        )

    def _differences(self, other: ScorecardContent) -> list[tuple[str, str]]:
        units: list[tuple[str, str]] = []
        for name in _MAPPINGS:
            before, after = getattr(self, name), getattr(other, name)
            units += [
                (name, key)
                for key in sorted(set(before) | set(after))
                if before.get(key) != after.get(key)
            ]
        return units


def with_amendments(card: Scorecard, amendments: Sequence[ScorecardChanges]) -> Scorecard:
    """A scorecard as it reads once its amendments are made, in order (marked amended)."""
    if not amendments:
        return card
    return (
        ScorecardContent.of(card)
        .apply_all(amendments)
        .scorecard(
            uuid=card.uuid,
            candidate_uuid=card.candidate_uuid,
            stage_id=card.stage_id,
            interviewer_uuid=card.interviewer_uuid,
            interviewer_name=card.interviewer_name,
            rubric_hash=card.rubric_hash,
            status=card.status,
            submitted_at=card.submitted_at,
            amended=True,
        )
    )


# ---------------------------------------------------------------------------------------
# The rules


@dataclass(frozen=True)
class ScorecardProblem:
    """Something missing before a scorecard can be submitted (``blocking``), or that the
    committee will miss, and the step to fix it."""

    step: str
    """``ratings``, ``signals``, ``red_flags``, ``recommendation``, ``level`` or
    ``summary``."""
    item_id: str
    message: str
    blocking: bool = True


def check_changes(rubric: Rubric, stage_id: str, changes: ScorecardChanges) -> None:
    """Refuse ids the stage's rubric does not have and values out of range
    (:class:`ScorecardContentError`)."""
    stage = rubric.stage(stage_id)
    criteria = {criterion.id for criterion in stage.criteria}
    exercises = {exercise.id for exercise in stage.exercises}
    signals = {signal.id for signal in rubric.signals}
    flags = {flag.id for flag in rubric.red_flags}
    for criterion_id, rating in changes.ratings.items():
        if criterion_id not in criteria:
            raise ScorecardContentError(
                f"criterion {criterion_id!r} is not part of stage {stage_id!r}"
            )
        if rating is not None:
            if rating.criterion_id != criterion_id:
                raise ScorecardContentError(
                    f"rating for {criterion_id!r} names criterion {rating.criterion_id!r}"
                )
            if rating.rating is not None and rating.rating not in (1, 2, 3, 4):
                raise ScorecardContentError(
                    f"rating for {criterion_id!r} must be 1-4 or N/A, got {rating.rating!r}"
                )
            _check_text(rating.evidence, f"evidence for {criterion_id!r}")
    for what, known, updates in (
        ("positive signal", signals, changes.signals),
        ("red flag", flags, changes.red_flags),
    ):
        for item_id, evidence in updates.items():
            if item_id not in known:
                raise ScorecardContentError(f"{what} {item_id!r} is not in the rubric")
            if evidence is not None:
                _check_text(evidence, f"evidence for {item_id!r}")
    for exercise_id, notes in changes.exercise_notes.items():
        if exercise_id not in exercises:
            raise ScorecardContentError(
                f"exercise {exercise_id!r} is not part of stage {stage_id!r}"
            )
        _check_text(notes, f"notes for {exercise_id!r}")
    level = changes.level_evidence
    if (
        isinstance(level, str)
        and level != BELOW_LADDER
        and level not in {lv.id for lv in rubric.levels}
    ):
        raise ScorecardContentError(f"level evidence {level!r} is not a level of the rubric")
    if isinstance(changes.summary, str):
        _check_text(changes.summary, "summary")
    if isinstance(changes.private_notes, str):
        _check_text(changes.private_notes, "private notes")


def _check_text(text: str, what: str) -> None:
    if not isinstance(text, str):
        raise ScorecardContentError(f"{what} must be text")
    if len(text) > TEXT_LIMIT:
        raise ScorecardContentError(
            f"{what} is too long ({len(text)} characters, at most {TEXT_LIMIT})"
        )
    if any("\ud800" <= char <= "\udfff" for char in text):
        # Half of a UTF-16 pair on its own is no character: no database can store it.
        raise ScorecardContentError(
            f"{what} is not valid text: it holds a lone surrogate (U+D800 to U+DFFF)"
        )


def submission_problems(
    rubric: Rubric, stage_id: str, content: ScorecardContent
) -> list[ScorecardProblem]:
    """Everything the review step lists, in the order of the walk: what stands between
    this content and submission, then what the committee will miss (not blocking)."""
    problems: list[ScorecardProblem] = []
    stage = rubric.stage(stage_id)
    for criterion in stage.criteria:
        rating = content.ratings.get(criterion.id)
        if rating is None:
            problems.append(
                ScorecardProblem(
                    "ratings", criterion.id, f"{criterion.title}: not rated (rate it or choose N/A)"
                )
            )
        elif rating.rating in (1, 4) and not rating.evidence.strip():
            problems.append(
                ScorecardProblem(
                    "ratings",
                    criterion.id,
                    f"{criterion.title}: a rating of {rating.rating} needs evidence",
                )
            )
    for step, items, lookup in (
        ("signals", content.signals, rubric.signal),
        ("red_flags", content.red_flags, rubric.red_flag),
    ):
        for item_id, evidence in items.items():
            if not evidence.strip():
                label = lookup(item_id).label
                problems.append(
                    ScorecardProblem(step, item_id, f"{label}: ticked without evidence")
                )
    if content.vote is None:
        problems.append(
            ScorecardProblem("recommendation", "vote", "the overall recommendation is missing")
        )
    if content.level_evidence is None:
        problems.append(
            ScorecardProblem("level", "level", "no level evidence chosen", blocking=False)
        )
    if not content.summary.strip():
        problems.append(
            ScorecardProblem("summary", "summary", "no summary for the committee", blocking=False)
        )
    return problems


def scorecard_problems(rubric: Rubric, scorecard: Scorecard) -> list[ScorecardProblem]:
    """What stands between this scorecard and submission, in the order of the walk."""
    found = submission_problems(rubric, scorecard.stage_id, ScorecardContent.of(scorecard))
    return [problem for problem in found if problem.blocking]


__all__ = [
    "TEXT_LIMIT",
    "ScorecardChanges",
    "ScorecardContent",
    "ScorecardContentError",
    "ScorecardProblem",
    "check_changes",
    "scorecard_problems",
    "submission_problems",
    "with_amendments",
]
