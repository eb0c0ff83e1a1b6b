"""Merge planning: what importing a pack or bundle would change, decided before anything is.

The planner compares a file's payload with a snapshot of the matching records in the
receiving database (plain values the services read for it) and returns a plan: the
changes, the conflicts and the problems. The preview shows the plan; the import applies
it only when it has neither conflicts nor problems, in one transaction. Planning is pure,
so both steps (and the tests) see exactly the same decisions.

Rules for a scorecard bundle, merged by scorecard uuid:

* a scorecard the database lacks is added, with its amendments;
* one it holds with the same content is unchanged; new amendments are appended in
  sequence order after the ones already there;
* different content under one uuid, an amendment number already taken by another
  amendment, or another scorecard in the same candidate/stage/interviewer slot is a
  conflict, and nothing of the file is written;
* a scorecard scored against a rubric version the database does not hold, or for a
  candidate it does not know, is a problem, and nothing is written either.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from interview_kit.domain.rubric import Rubric, RubricError, parse_rubric
from interview_kit.domain.scorecard import BELOW_LADDER
from interview_kit.exchange.formats import (
    AmendmentRecord,
    AssignmentRecord,
    CandidateRecord,
    InterviewerRecord,
    PanelPack,
    RubricRecord,
    ScorecardBundle,
    ScorecardRecord,
    format_time,
)
from interview_kit.exchange.sealing import FileKind


class ChangeAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"


_VERBS = {ChangeAction.CREATE: "add", ChangeAction.UPDATE: "update"}
_PLURALS = {
    "interviewer": "interviewers",
    "rubric version": "rubric versions",
    "candidate": "candidates",
    "assignment": "assignments",
    "scorecard": "scorecards",
    "amendment": "amendments",
}


@dataclass(frozen=True)
class Change:
    action: ChangeAction
    subject: str
    """``interviewer``, ``rubric version``, ``candidate``, ``assignment``, ``scorecard``
    or ``amendment``."""
    label: str
    detail: str = ""

    def describe(self) -> str:
        verb = {"create": "Add", "update": "Update", "unchanged": "Unchanged:"}[self.action]
        text = f"{verb} {self.subject} {self.label}"
        return f"{text} ({self.detail})" if self.detail else text


@dataclass(frozen=True)
class Conflict:
    subject: str
    label: str
    message: str

    def describe(self) -> str:
        return f"{self.subject} {self.label}: {self.message}"


@dataclass(frozen=True)
class Plan:
    """What an import would do. It may be applied only when :attr:`can_apply`."""

    kind: FileKind
    origin: str
    """Who made the file, for whom, when: one line for the preview's heading."""
    changes: tuple[Change, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    unknown_rubrics: tuple[str, ...] = ()
    """Content hashes of rubric versions the receiving database does not hold."""
    problems: tuple[str, ...] = ()

    @property
    def can_apply(self) -> bool:
        return not (self.conflicts or self.unknown_rubrics or self.problems)

    @property
    def has_changes(self) -> bool:
        return any(change.action is not ChangeAction.UNCHANGED for change in self.changes)

    def count(self, subject: str, action: ChangeAction) -> int:
        return sum(1 for c in self.changes if c.subject == subject and c.action is action)

    def summary(self) -> str:
        """One sentence: what will change (or that nothing will)."""
        counts = Counter((c.action, c.subject) for c in self.changes)
        parts = []
        for action in (ChangeAction.CREATE, ChangeAction.UPDATE):
            for subject, plural in _PLURALS.items():
                number = counts[(action, subject)]
                if number:
                    parts.append(f"{_VERBS[action]} {number} {subject if number == 1 else plural}")
        unchanged = sum(n for (action, _), n in counts.items() if action is ChangeAction.UNCHANGED)
        if not parts:
            text = "Nothing new: everything in the file is already here"
        else:
            text = "Will " + _join(parts)
            if unchanged:
                text += f"; {unchanged} already up to date"
        return text + "."

    def fingerprint(self) -> str:
        """Equal for equal plans: an import can insist on applying what was previewed."""
        digest = hashlib.sha256()
        for change in self.changes:
            digest.update(
                f"{change.action}|{change.subject}|{change.label}|{change.detail}\n".encode()
            )
        return digest.hexdigest()


@dataclass(frozen=True)
class PackPlan(Plan):
    interviewer: InterviewerRecord | None = None
    interviewer_action: ChangeAction = ChangeAction.UNCHANGED
    new_rubrics: tuple[RubricRecord, ...] = ()
    activate: tuple[RubricRecord, ...] = ()
    new_candidates: tuple[CandidateRecord, ...] = ()
    updated_candidates: tuple[CandidateRecord, ...] = ()
    new_assignments: tuple[AssignmentRecord, ...] = ()


@dataclass(frozen=True)
class BundlePlan(Plan):
    interviewer: InterviewerRecord | None = None
    create_interviewer: bool = False
    new_scorecards: tuple[ScorecardRecord, ...] = ()
    submitted_drafts: tuple[ScorecardRecord, ...] = ()
    """Scorecards the database holds as drafts (a shared database): replaced by the
    submitted copy."""
    new_amendments: tuple[tuple[str, AmendmentRecord], ...] = ()
    """(scorecard uuid, amendment), in the order to append them."""


# ---------------------------------------------------------------------------------------
# Panel packs


@dataclass(frozen=True)
class PackTarget:
    """The receiving database's copies of the records a pack names."""

    interviewer: InterviewerRecord | None
    candidates: Mapping[str, CandidateRecord]
    rubric_hashes: frozenset[str]
    active_hashes: frozenset[str]
    """The content hash of the active version of each rubric id."""
    assignments: frozenset[tuple[str, str, str]]
    """(candidate uuid, stage id, interviewer uuid) of every assignment already held."""


def plan_pack(pack: PanelPack, target: PackTarget) -> PackPlan:
    changes: list[Change] = []
    problems: list[str] = []

    interviewer_action = _compare_interviewer(pack.interviewer, target.interviewer)
    changes.append(Change(interviewer_action, "interviewer", pack.interviewer.name))

    rubrics: dict[str, Rubric] = {}
    new_rubrics: list[RubricRecord] = []
    activate: list[RubricRecord] = []
    for record in pack.rubrics:
        parsed = _parse_packed_rubric(record, problems)
        if parsed is None:
            continue
        rubrics[record.content_hash] = parsed
        label = f"{record.rubric_id} v{record.version}"
        if record.content_hash in target.rubric_hashes:
            changes.append(Change(ChangeAction.UNCHANGED, "rubric version", label))
        else:
            new_rubrics.append(record)
            changes.append(Change(ChangeAction.CREATE, "rubric version", label, parsed.name))
        if record.active and record.content_hash not in target.active_hashes:
            activate.append(record)

    new_candidates: list[CandidateRecord] = []
    updated: list[CandidateRecord] = []
    for candidate in pack.candidates:
        existing = target.candidates.get(candidate.uuid)
        if existing is None:
            new_candidates.append(candidate)
            changes.append(Change(ChangeAction.CREATE, "candidate", candidate.name))
            continue
        differences = _candidate_differences(existing, candidate)
        if differences:
            updated.append(candidate)
            changes.append(
                Change(ChangeAction.UPDATE, "candidate", candidate.name, "; ".join(differences))
            )
        else:
            changes.append(Change(ChangeAction.UNCHANGED, "candidate", candidate.name))

    names = {candidate.uuid: candidate.name for candidate in pack.candidates}
    stage_titles = _stage_titles(rubrics.values())
    new_assignments: list[AssignmentRecord] = []
    for assignment in pack.assignments:
        label = (
            f"{names[assignment.candidate_uuid]} · "
            f"{stage_titles.get(assignment.stage_id, assignment.stage_id)}"
        )
        key = (assignment.candidate_uuid, assignment.stage_id, assignment.interviewer_uuid)
        if key in target.assignments:
            changes.append(Change(ChangeAction.UNCHANGED, "assignment", label))
        else:
            new_assignments.append(assignment)
            changes.append(Change(ChangeAction.CREATE, "assignment", label))
    for assignment in pack.assignments:
        if rubrics and not any(assignment.stage_id in _stage_ids(r) for r in rubrics.values()):
            problems.append(
                f"assignment of {names[assignment.candidate_uuid]} names stage "
                f"{assignment.stage_id!r}, which no rubric in the pack has"
            )

    return PackPlan(
        kind=FileKind.PANEL_PACK,
        origin=(
            f"Panel pack for {pack.interviewer.name}, made by {pack.created_by or 'unknown'} "
            f"on {format_time(pack.created_at)}"
        ),
        changes=tuple(changes),
        problems=tuple(problems),
        interviewer=pack.interviewer,
        interviewer_action=interviewer_action,
        new_rubrics=tuple(new_rubrics),
        activate=tuple(activate),
        new_candidates=tuple(new_candidates),
        updated_candidates=tuple(updated),
        new_assignments=tuple(new_assignments),
    )


def _compare_interviewer(
    incoming: InterviewerRecord, existing: InterviewerRecord | None
) -> ChangeAction:
    if existing is None:
        return ChangeAction.CREATE
    return ChangeAction.UNCHANGED if existing == incoming else ChangeAction.UPDATE


def _parse_packed_rubric(record: RubricRecord, problems: list[str]) -> Rubric | None:
    try:
        parsed = parse_rubric(record.content, f"{record.rubric_id} v{record.version}")
    except RubricError as exc:
        problems.append(
            f"rubric {record.rubric_id} v{record.version} in the pack is not valid: "
            + "; ".join(issue.format(exc.source) for issue in exc.issues[:3])
        )
        return None
    if parsed.content_hash() != record.content_hash:
        problems.append(
            f"rubric {record.rubric_id} v{record.version} in the pack does not match its "
            "content hash"
        )
        return None
    return parsed


_CANDIDATE_FIELDS = (
    ("name", "name"),
    ("source", "source"),
    ("origin_path", "path"),
    ("role_title", "role"),
    ("status", "status"),
    ("stage_id", "stage"),
    ("rubric_hash", "rubric version"),
)


def _candidate_differences(existing: CandidateRecord, incoming: CandidateRecord) -> list[str]:
    found = []
    for attribute, label in _CANDIDATE_FIELDS:
        old, new = getattr(existing, attribute), getattr(incoming, attribute)
        if old != new:
            if attribute == "rubric_hash":
                found.append(label)
            else:
                found.append(f"{label}: {_show(old)} → {_show(new)}")
    return found


def _show(value: object) -> str:
    if value is None or value == "":
        return "—"
    return str(getattr(value, "label", value))


# ---------------------------------------------------------------------------------------
# Scorecard bundles


@dataclass(frozen=True)
class HeldScorecard:
    record: ScorecardRecord | None
    """As stored, with its amendments; ``None`` for a draft (the submitted copy replaces
    a draft whatever it holds: the same interviewer finished it elsewhere)."""


@dataclass(frozen=True)
class BundleTarget:
    """The receiving database's side of a bundle: what it holds under the bundle's keys."""

    scorecards: Mapping[str, HeldScorecard]
    """By uuid, for the uuids in the bundle."""
    slots: Mapping[tuple[str, str, str], str]
    """(candidate, stage, interviewer) -> uuid of the scorecard held in that slot."""
    candidates: Mapping[str, str]
    """Uuid -> name of the bundle's candidates the database knows."""
    rubrics: Mapping[str, Rubric]
    """Content hash -> rubric, for the bundle's rubric versions the database holds."""
    interviewer: InterviewerRecord | None
    amendment_owners: Mapping[str, str] = field(default_factory=dict)
    """Amendment uuid -> uuid of the scorecard holding it, for the bundle's amendments."""


def plan_bundle(bundle: ScorecardBundle, target: BundleTarget) -> BundlePlan:
    changes: list[Change] = []
    conflicts: list[Conflict] = []
    problems: list[str] = []
    unknown_rubrics: list[str] = []
    new_cards: list[ScorecardRecord] = []
    drafts: list[ScorecardRecord] = []
    new_amendments: list[tuple[str, AmendmentRecord]] = []
    who = bundle.interviewer.name

    create_interviewer = target.interviewer is None
    if create_interviewer:
        changes.append(Change(ChangeAction.CREATE, "interviewer", who))

    for card in bundle.scorecards:
        rubric = target.rubrics.get(card.rubric_hash)
        candidate = target.candidates.get(card.candidate_uuid)
        if rubric is None:
            if card.rubric_hash not in unknown_rubrics:
                unknown_rubrics.append(card.rubric_hash)
            continue
        if candidate is None:
            problems.append(
                f"scorecard {card.uuid} is for candidate {card.candidate_uuid}, who is not in "
                "this database (import the panel's candidates first)"
            )
            continue
        label = f"{candidate} · {_stage_title(rubric, card.stage_id)} · {who}"
        invalid = _invalid_against_rubric(card, rubric)
        if invalid:
            problems.extend(f"scorecard {label}: {problem}" for problem in invalid)
            continue

        stored = target.scorecards.get(card.uuid)
        slot_owner = target.slots.get((card.candidate_uuid, card.stage_id, card.interviewer_uuid))
        if slot_owner is not None and slot_owner != card.uuid:
            conflicts.append(
                Conflict(
                    "scorecard",
                    label,
                    f"this database already holds another scorecard ({slot_owner}) from "
                    "this interviewer for this candidate and stage",
                )
            )
            continue
        if stored is None:
            new_cards.append(card)
            detail = _amendment_count(len(card.amendments))
            changes.append(Change(ChangeAction.CREATE, "scorecard", label, detail))
            continue
        if stored.record is None:
            drafts.append(card)
            changes.append(
                Change(ChangeAction.UPDATE, "scorecard", label, "the draft here is replaced")
            )
            continue
        if stored.record.content_key() != card.content_key():
            conflicts.append(
                Conflict(
                    "scorecard",
                    label,
                    "this database holds a different version of this scorecard (same id, "
                    "different ratings or notes)",
                )
            )
            continue
        additions, conflict = _plan_amendments(stored.record, card, label, target)
        if conflict is not None:
            conflicts.append(conflict)
            continue
        for amendment in additions:
            new_amendments.append((card.uuid, amendment))
            changes.append(
                Change(
                    ChangeAction.CREATE,
                    "amendment",
                    f"#{amendment.sequence} of {label}",
                    amendment.reason,
                )
            )
        if not additions:
            changes.append(Change(ChangeAction.UNCHANGED, "scorecard", label))

    return BundlePlan(
        kind=FileKind.SCORECARD_BUNDLE,
        origin=(
            f"Scorecard bundle from {who} ({len(bundle.scorecards)} scorecard"
            f"{'s' if len(bundle.scorecards) != 1 else ''}), made on "
            f"{format_time(bundle.created_at)}"
        ),
        changes=tuple(changes),
        conflicts=tuple(conflicts),
        unknown_rubrics=tuple(unknown_rubrics),
        problems=tuple(problems),
        interviewer=bundle.interviewer,
        create_interviewer=create_interviewer,
        new_scorecards=tuple(new_cards),
        submitted_drafts=tuple(drafts),
        new_amendments=tuple(new_amendments),
    )


def _plan_amendments(
    stored: ScorecardRecord, card: ScorecardRecord, label: str, target: BundleTarget
) -> tuple[list[AmendmentRecord], Conflict | None]:
    """The bundle's amendments the database lacks, in order, or the conflict that stops them."""
    held = {amendment.sequence: amendment for amendment in stored.amendments}
    additions: list[AmendmentRecord] = []
    for amendment in card.amendments:
        where = f"#{amendment.sequence} of {label}"
        mine = held.get(amendment.sequence)
        if mine is not None:
            if mine.content_key() != amendment.content_key():
                return [], Conflict(
                    "amendment", where, "this database holds a different amendment with this number"
                )
            continue
        owner = target.amendment_owners.get(amendment.uuid)
        if owner is not None:
            return [], Conflict(
                "amendment", where, "its id is already used by an amendment of another scorecard"
            )
        additions.append(amendment)
    if additions and additions[0].sequence != len(held) + 1:
        return [], Conflict(
            "amendment",
            f"#{additions[0].sequence} of {label}",
            f"amendments must follow in order; this database holds {len(held)}",
        )
    return additions, None


def _invalid_against_rubric(card: ScorecardRecord, rubric: Rubric) -> list[str]:
    stage = next((s for s in rubric.stages if s.id == card.stage_id), None)
    if stage is None:
        return [f"stage {card.stage_id!r} is not in rubric {rubric.id}"]
    found: list[str] = []
    criteria = {criterion.id for criterion in stage.criteria}
    found.extend(
        f"criterion {rating.criterion_id!r} is not part of this stage"
        for rating in card.ratings
        if rating.criterion_id not in criteria
    )
    signals = {signal.id for signal in rubric.signals}
    found.extend(
        f"unknown positive signal {item.item_id!r}"
        for item in card.signals
        if item.item_id not in signals
    )
    flags = {flag.id for flag in rubric.red_flags}
    found.extend(
        f"unknown red flag {item.item_id!r}" for item in card.red_flags if item.item_id not in flags
    )
    exercises = {exercise.id for exercise in stage.exercises}
    found.extend(
        f"exercise {exercise_id!r} is not part of this stage"
        for exercise_id in card.exercise_notes
        if exercise_id not in exercises
    )
    levels = {level.id for level in rubric.levels} | {BELOW_LADDER}
    if card.level_evidence is not None and card.level_evidence not in levels:
        found.append(f"unknown level {card.level_evidence!r}")
    return found


def _amendment_count(count: int) -> str:
    if not count:
        return ""
    return f"with {count} amendment{'s' if count != 1 else ''}"


def _stage_title(rubric: Rubric, stage_id: str) -> str:
    return next((stage.title for stage in rubric.stages if stage.id == stage_id), stage_id)


def _stage_titles(rubrics: Iterable[Rubric]) -> dict[str, str]:
    return {stage.id: stage.title for rubric in rubrics for stage in rubric.stages}


def _stage_ids(rubric: Rubric) -> set[str]:
    return {stage.id for stage in rubric.stages}


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
