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
* different content under one uuid, another scorecard in the same
  candidate/stage/interviewer slot, or amendments made on both sides since they last
  agreed is a conflict. Unresolved, nothing of the file is written; each conflict can be
  settled by a person's :class:`Resolution` (keep the stored one, take the incoming one,
  or keep both: the incoming amendments renumbered after the stored ones), and the rest
  of the file imports with it. A settled incoming record is remembered
  (:attr:`BundleTarget.settled`), so the same file twice changes nothing;
* a scorecard for a candidate erased here is discarded (counted, nothing of it kept);
* a scorecard scored against a rubric version the database does not hold, or for a
  candidate it does not know, is a problem, and nothing is written either.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from interview_kit.domain.rubric import Rubric, RubricError, parse_rubric
from interview_kit.domain.scorecard import BELOW_LADDER, CriterionRating
from interview_kit.domain.scorecard_content import ScorecardChanges, ScorecardContent
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
from interview_kit.exchange.signing import fingerprint


class ChangeAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    UNCHANGED = "unchanged"


_VERBS = {ChangeAction.CREATE: "add", ChangeAction.UPDATE: "update", ChangeAction.DELETE: "delete"}
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
        verb = {"create": "Add", "update": "Update", "delete": "Delete", "unchanged": "Unchanged:"}[
            self.action
        ]
        text = f"{verb} {self.subject} {self.label}"
        return f"{text} ({self.detail})" if self.detail else text


class Resolution(StrEnum):
    """How a person settles one conflict."""

    KEEP_STORED = "keep-stored"
    TAKE_INCOMING = "take-incoming"
    KEEP_BOTH = "keep-both"

    @property
    def label(self) -> str:
        return {
            Resolution.KEEP_STORED: "Keep the stored one",
            Resolution.TAKE_INCOMING: "Take the incoming one",
            Resolution.KEEP_BOTH: "Keep both",
        }[self]


@dataclass(frozen=True)
class Side:
    """One side of a conflict as the preview shows it: who, when, what."""

    who: str
    when: str
    what: str

    def describe(self) -> str:
        return f"{self.who}, {self.when}: {self.what}"


@dataclass(frozen=True)
class Conflict:
    subject: str
    label: str
    message: str
    key: str = ""
    """How a resolution names this conflict (``--resolutions``); empty when no choice can
    settle it."""
    stored: tuple[Side, ...] = ()
    incoming: tuple[Side, ...] = ()
    choices: tuple[Resolution, ...] = ()

    def describe(self) -> str:
        return f"{self.subject} {self.label}: {self.message}"


@dataclass(frozen=True)
class Settlement:
    """A conflict settled by a person's choice, and what applying it does."""

    conflict: Conflict
    resolution: Resolution
    scorecard_uuid: str
    """The stored scorecard the choice is about."""
    settled_keys: tuple[str, ...]
    """Incoming records that are not stored as they came (discarded or absorbed)."""
    through_sequence: int
    """How many amendments the stored scorecard has once this is applied."""
    reconcile: ScorecardChanges | None = None
    """For *take the incoming one*: the amendment that makes the stored scorecard read
    as the incoming one (numbered ``through_sequence``)."""
    replace_draft: ScorecardRecord | None = None
    """For *take the incoming one* over a draft in the same slot: the incoming scorecard."""

    def describe(self) -> str:
        return f"{self.conflict.subject} {self.conflict.label}: {self.resolution.label.lower()}"


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
    notes: tuple[str, ...] = ()
    """What the import does besides its changes (discarded, settled, refused as older),
    one sentence each."""

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
        for action in (ChangeAction.CREATE, ChangeAction.UPDATE, ChangeAction.DELETE):
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
        return text + "." + "".join(f" {note[0].upper()}{note[1:]}." for note in self.notes)

    def fingerprint(self) -> str:
        """Equal for equal plans: an import can insist on applying what was previewed."""
        digest = hashlib.sha256()
        for change in self.changes:
            digest.update(
                f"{change.action}|{change.subject}|{change.label}|{change.detail}\n".encode()
            )
        for note in self.notes:
            digest.update(f"note|{note}\n".encode())
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
    removed_assignments: tuple[AssignmentRecord, ...] = ()
    """Held here and taken away on the recruiter's side (a draft under one is kept)."""
    erase: tuple[str, ...] = ()
    """Uuids of candidates held here that were erased on the recruiter's side."""
    sequence: int | None = None
    stale: bool = False
    """An older pack than one already imported: nothing is changed."""
    scorecards: BundlePlan | None = None
    """The interviewer's own submitted scorecards the pack brings back."""


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
    settlements: tuple[Settlement, ...] = ()
    erased_discarded: int = 0
    """Scorecards left out because their candidate was erased here."""
    register_key: str | None = None
    """The signer's public key, registered for the interviewer by this import."""
    signer_problem: str = ""
    """Why the signature does not prove the interviewer the bundle names (refused)."""

    @property
    def can_apply(self) -> bool:
        return super().can_apply and not self.signer_problem


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
    erasable: Mapping[str, str] = field(default_factory=dict)
    """Uuid -> name of the pack's erased candidates that this database holds."""
    drafts_under: Mapping[tuple[str, str], str] = field(default_factory=dict)
    """(candidate uuid, stage id) -> uuid of this interviewer's draft there."""
    last_pack_read: int = 0
    """The highest pack sequence already imported here for this interviewer."""
    scorecards: BundleTarget | None = None
    """What this database holds under the pack's scorecards' keys."""


def plan_pack(
    pack: PanelPack,
    target: PackTarget,
    resolutions: Mapping[str, Resolution] | None = None,
    *,
    everything: Resolution | None = None,
) -> PackPlan:
    origin = (
        f"Panel pack for {pack.interviewer.name}"
        + (f" (number {pack.sequence})" if pack.sequence is not None else "")
        + f", made by {pack.created_by or 'unknown'} on {format_time(pack.created_at)}"
    )
    if pack.sequence is not None and pack.sequence < target.last_pack_read:
        return PackPlan(
            kind=FileKind.PANEL_PACK,
            origin=origin,
            notes=(
                (
                    f"this pack is number {pack.sequence} for {pack.interviewer.name}, and "
                    f"number {target.last_pack_read} was already imported here: an older "
                    "pack changes nothing"
                ),
            ),
            interviewer=pack.interviewer,
            sequence=pack.sequence,
            stale=True,
        )
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

    removed: list[AssignmentRecord] = []
    for assignment in pack.removed_assignments:
        key = (assignment.candidate_uuid, assignment.stage_id, assignment.interviewer_uuid)
        if key not in target.assignments:
            continue
        removed.append(assignment)
        draft = target.drafts_under.get((assignment.candidate_uuid, assignment.stage_id))
        name = target.candidates.get(assignment.candidate_uuid)
        label = (
            f"{name.name if name else assignment.candidate_uuid} · "
            f"{stage_titles.get(assignment.stage_id, assignment.stage_id)}"
        )
        changes.append(
            Change(
                ChangeAction.DELETE,
                "assignment",
                label,
                "taken away; the draft scorecard under it is kept and marked" if draft else "",
            )
        )

    erase = sorted(target.erasable)
    changes.extend(
        Change(
            ChangeAction.DELETE,
            "candidate",
            target.erasable[uuid],
            "erased on the recruiter's side: their data and scorecards are deleted here",
        )
        for uuid in erase
    )

    scorecard_plan: BundlePlan | None = None
    conflicts: tuple[Conflict, ...] = ()
    notes: list[str] = []
    if pack.scorecards and target.scorecards is not None:
        known = dict(target.scorecards.candidates)
        known.update({c.uuid: c.name for c in pack.candidates})
        known_rubrics = dict(target.scorecards.rubrics)
        known_rubrics.update(rubrics)
        held_rubrics = dict(target.scorecards.candidate_rubrics)
        held_rubrics.update({c.uuid: c.rubric_hash for c in pack.candidates})
        labels = dict(target.scorecards.rubric_labels)
        labels.update({r.content_hash: f"{r.rubric_id} v{r.version}" for r in pack.rubrics})
        own = replace(
            target.scorecards,
            candidates=known,
            rubrics=known_rubrics,
            interviewer=pack.interviewer,
            candidate_rubrics=held_rubrics,
            rubric_labels=labels,
        )
        as_bundle = pack.own_bundle()
        scorecard_plan = plan_bundle(
            as_bundle, own, resolutions, everything=everything, signed=False
        )
        changes.extend(scorecard_plan.changes)
        conflicts = scorecard_plan.conflicts
        problems.extend(scorecard_plan.problems)
        notes.extend(scorecard_plan.notes)
        if scorecard_plan.unknown_rubrics:
            problems.append("the pack's scorecards use a rubric version the pack lacks")

    return PackPlan(
        kind=FileKind.PANEL_PACK,
        origin=origin,
        changes=tuple(changes),
        conflicts=conflicts,
        notes=tuple(notes),
        problems=tuple(problems),
        interviewer=pack.interviewer,
        interviewer_action=interviewer_action,
        new_rubrics=tuple(new_rubrics),
        activate=tuple(activate),
        new_candidates=tuple(new_candidates),
        updated_candidates=tuple(updated),
        new_assignments=tuple(new_assignments),
        removed_assignments=tuple(removed),
        erase=tuple(erase),
        sequence=pack.sequence,
        scorecards=scorecard_plan,
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
    interviewer: str = ""
    """The stored scorecard's interviewer, by name (for the preview's sides)."""


@dataclass(frozen=True)
class BundleTarget:
    """The receiving database's side of a bundle: what it holds under the bundle's keys."""

    scorecards: Mapping[str, HeldScorecard]
    """By uuid, for the uuids in the bundle and for the scorecards in their slots."""
    slots: Mapping[tuple[str, str, str], str]
    """(candidate, stage, interviewer) -> uuid of the scorecard held in that slot."""
    candidates: Mapping[str, str]
    """Uuid -> name of the bundle's candidates the database knows."""
    rubrics: Mapping[str, Rubric]
    """Content hash -> rubric, for the bundle's rubric versions the database holds."""
    interviewer: InterviewerRecord | None
    amendment_owners: Mapping[str, str] = field(default_factory=dict)
    """Amendment uuid -> uuid of the scorecard holding it, for the bundle's amendments."""
    settled: frozenset[str] = frozenset()
    """Incoming keys (:func:`card_key`, amendment uuids) an earlier import settled."""
    settled_through: Mapping[str, int] = field(default_factory=dict)
    """Scorecard uuid -> how many of its amendments a settled conflict already covers."""
    erased: frozenset[str] = frozenset()
    """Uuids of the bundle's candidates that were erased here."""
    rubric_labels: Mapping[str, str] = field(default_factory=dict)
    """Content hash -> ``builder v2``, for the versions held."""
    candidate_rubrics: Mapping[str, str | None] = field(default_factory=dict)
    """Candidate uuid -> content hash of the version the candidate is on now."""
    signer_key: str | None = None
    """The public key that signed the bundle (its signature already checked)."""
    registered_key: str | None = None
    """The bundle interviewer's public key as registered here."""


def card_key(card: ScorecardRecord) -> str:
    """How a settled incoming scorecard is remembered: its uuid and its content."""
    digest = hashlib.sha256(card.content_key().encode()).hexdigest()[:32]
    return f"card:{card.uuid}:{digest}"


def record_content(card: ScorecardRecord) -> ScorecardContent:
    """A scorecard record's content as submitted (no private notes travel)."""
    return ScorecardContent(
        ratings={
            r.criterion_id: CriterionRating(r.criterion_id, r.rating, r.evidence)
            for r in card.ratings
        },
        signals={item.item_id: item.evidence for item in card.signals},
        red_flags={item.item_id: item.evidence for item in card.red_flags},
        exercise_notes=dict(card.exercise_notes),
        level_evidence=card.level_evidence,
        vote=card.vote,
        summary=card.summary,
    )


def effective_content(
    card: ScorecardRecord, extra: Iterable[AmendmentRecord] = ()
) -> ScorecardContent:
    """The content once every amendment (and then ``extra``) is applied in order."""
    changes = [ScorecardChanges.from_json(a.changes) for a in (*card.amendments, *extra)]
    return record_content(card).apply_all(changes)


def plan_bundle(
    bundle: ScorecardBundle,
    target: BundleTarget,
    resolutions: Mapping[str, Resolution] | None = None,
    *,
    everything: Resolution | None = None,
    signed: bool = True,
) -> BundlePlan:
    """The plan for ``bundle``; ``resolutions`` (by :attr:`Conflict.key`) or
    ``everything`` settle conflicts that offer that choice. ``signed=False`` for the
    scorecards a pack brings back (the recruiter's own file: no interviewer signs it)."""
    planner = _BundlePlanner(bundle, target, dict(resolutions or {}), everything)
    planner.signed = signed
    return planner.plan()


class _BundlePlanner:
    def __init__(
        self,
        bundle: ScorecardBundle,
        target: BundleTarget,
        resolutions: dict[str, Resolution],
        everything: Resolution | None,
    ) -> None:
        self.bundle = bundle
        self.target = target
        self.resolutions = resolutions
        self.everything = everything
        self.changes: list[Change] = []
        self.conflicts: list[Conflict] = []
        self.problems: list[str] = []
        self.unknown_rubrics: list[str] = []
        self.new_cards: list[ScorecardRecord] = []
        self.drafts: list[ScorecardRecord] = []
        self.new_amendments: list[tuple[str, AmendmentRecord]] = []
        self.settlements: list[Settlement] = []
        self.erased = 0
        self.signed = True

    def choice(self, conflict: Conflict) -> Resolution | None:
        chosen = self.resolutions.get(conflict.key, self.everything)
        return chosen if chosen in conflict.choices else None

    def plan(self) -> BundlePlan:
        bundle, target = self.bundle, self.target
        who = bundle.interviewer.name
        create_interviewer = target.interviewer is None
        if create_interviewer:
            self.changes.append(Change(ChangeAction.CREATE, "interviewer", who))
        for card in bundle.scorecards:
            self.plan_card(card)
        notes: list[str] = []
        register, signer_problem = self.check_signer(notes) if self.signed else (None, "")
        if self.erased:
            notes.append(
                f"{self.erased} scorecard{'s' if self.erased != 1 else ''} discarded: "
                f"{'its' if self.erased == 1 else 'their'} candidate was erased here"
            )
        if self.settlements:
            count = len(self.settlements)
            notes.append(f"{count} conflict{'s' if count != 1 else ''} settled as chosen")
        return BundlePlan(
            kind=FileKind.SCORECARD_BUNDLE,
            origin=(
                f"Scorecard bundle from {who} ({len(bundle.scorecards)} scorecard"
                f"{'s' if len(bundle.scorecards) != 1 else ''}), made on "
                f"{format_time(bundle.created_at)}"
            ),
            changes=tuple(self.changes),
            conflicts=tuple(self.conflicts),
            unknown_rubrics=tuple(self.unknown_rubrics),
            problems=tuple(self.problems),
            notes=tuple(notes),
            interviewer=bundle.interviewer,
            create_interviewer=create_interviewer,
            new_scorecards=tuple(self.new_cards),
            submitted_drafts=tuple(self.drafts),
            new_amendments=tuple(self.new_amendments),
            settlements=tuple(self.settlements),
            erased_discarded=self.erased,
            register_key=register,
            signer_problem=signer_problem,
        )

    def check_signer(self, notes: list[str]) -> tuple[str | None, str]:
        """Whether the signature proves the bundle's interviewer; a first signed bundle
        registers its key (the preview shows the fingerprint to confirm)."""
        signer, registered = self.target.signer_key, self.target.registered_key
        who = self.bundle.interviewer.name
        if signer is None:
            if registered is not None:
                return None, (
                    f"this bundle is not signed, but {who} signs theirs (key "
                    f"{fingerprint(registered)}): it may not come from them"
                )
            notes.append(f"this bundle is not signed; {who} has no signing key here yet")
            return None, ""
        if registered is None:
            notes.append(
                f"first signed bundle from {who}: their signing key {fingerprint(signer)} "
                "will be registered; confirm this fingerprint with them"
            )
            return signer, ""
        if registered != signer:
            return None, (
                f"this bundle names {who} but was signed with another person's key "
                f"({fingerprint(signer)}; {who}'s is {fingerprint(registered)})"
            )
        return None, ""

    def plan_card(self, card: ScorecardRecord) -> None:
        target = self.target
        if card.candidate_uuid in target.erased:
            self.erased += 1
            return
        rubric = target.rubrics.get(card.rubric_hash)
        candidate = target.candidates.get(card.candidate_uuid)
        if rubric is None:
            if card.rubric_hash not in self.unknown_rubrics:
                self.unknown_rubrics.append(card.rubric_hash)
            return
        if candidate is None:
            self.problems.append(
                f"scorecard {card.uuid} is for candidate {card.candidate_uuid}, who is not in "
                "this database (import the panel's candidates first)"
            )
            return
        label = (
            f"{candidate} · {_stage_title(rubric, card.stage_id)} · {self.bundle.interviewer.name}"
        )
        invalid = _invalid_against_rubric(card, rubric)
        if invalid:
            self.problems.extend(f"scorecard {label}: {problem}" for problem in invalid)
            return
        if card_key(card) in target.settled:
            self.changes.append(Change(ChangeAction.UNCHANGED, "scorecard", label))
            return
        version = self.version_note(card)

        slot_owner = target.slots.get((card.candidate_uuid, card.stage_id, card.interviewer_uuid))
        if slot_owner is not None and slot_owner != card.uuid:
            self.card_conflict(
                card,
                slot_owner,
                label,
                f"this database already holds another scorecard ({slot_owner}) from "
                "this interviewer for this candidate and stage",
            )
            return
        stored = target.scorecards.get(card.uuid)
        if stored is None:
            self.new_cards.append(card)
            detail = _join_details(_amendment_count(len(card.amendments)), version)
            self.changes.append(Change(ChangeAction.CREATE, "scorecard", label, detail))
            return
        if stored.record is None:
            self.drafts.append(card)
            detail = _join_details("the draft here is replaced", version)
            self.changes.append(Change(ChangeAction.UPDATE, "scorecard", label, detail))
            return
        if stored.record.content_key() != card.content_key():
            self.card_conflict(
                card,
                card.uuid,
                label,
                "this database holds a different version of this scorecard (same id, "
                "different ratings or notes)",
            )
            return
        self.plan_amendments(stored, card, label)

    def version_note(self, card: ScorecardRecord) -> str:
        current = self.target.candidate_rubrics.get(card.candidate_uuid)
        kept = self.target.rubric_labels.get(card.rubric_hash, card.rubric_hash[:12])
        if current is None or current == card.rubric_hash:
            return ""
        now = self.target.rubric_labels.get(current, current[:12])
        return f"keeps rubric {kept}, as scored; the candidate is now on {now}"

    def card_conflict(
        self, card: ScorecardRecord, held_uuid: str, label: str, message: str
    ) -> None:
        """Two scorecards for one slot: the stored one stays as submitted whatever is
        chosen; *take the incoming one* amends it to read as the incoming one."""
        held = self.target.scorecards.get(held_uuid)
        stored_record = None if held is None else held.record
        incoming_side = Side(
            self.bundle.interviewer.name, format_time(card.submitted_at), _card_summary(card)
        )
        if stored_record is None:
            stored_sides: tuple[Side, ...] = (
                Side(held.interviewer if held else "", "", "a draft"),
            )
        else:
            stored_sides = (
                Side(
                    held.interviewer if held else "",
                    format_time(stored_record.submitted_at),
                    _card_summary(stored_record),
                ),
            )
        conflict = Conflict(
            "scorecard",
            label,
            message,
            key=f"scorecard:{card.uuid}",
            stored=stored_sides,
            incoming=(incoming_side,),
            choices=(Resolution.KEEP_STORED, Resolution.TAKE_INCOMING),
        )
        chosen = self.choice(conflict)
        if chosen is None:
            self.conflicts.append(conflict)
            return
        settled = (card_key(card), *(a.uuid for a in card.amendments))
        if stored_record is None:
            settlement = Settlement(
                conflict,
                chosen,
                held_uuid,
                settled if chosen is Resolution.KEEP_STORED else (),
                0,
                replace_draft=card if chosen is Resolution.TAKE_INCOMING else None,
            )
        else:
            count = len(stored_record.amendments)
            reconcile = None
            if chosen is Resolution.TAKE_INCOMING:
                reconcile = effective_content(stored_record).diff(effective_content(card))
                if reconcile.is_empty:
                    reconcile = None
                else:
                    count += 1
            settlement = Settlement(conflict, chosen, held_uuid, settled, count, reconcile)
        self.settlements.append(settlement)
        self.changes.append(Change(ChangeAction.UPDATE, "scorecard", label, chosen.label.lower()))

    def plan_amendments(self, stored: HeldScorecard, card: ScorecardRecord, label: str) -> None:
        """The bundle's amendments the database lacks, in order; a conflict when both
        sides amended the scorecard since they last agreed."""
        record = stored.record
        assert record is not None
        target = self.target
        held = {a.uuid: a for a in record.amendments}
        held_uuids = set(held)
        incoming_uuids = {a.uuid for a in card.amendments}
        for amendment in card.amendments:
            mine = held.get(amendment.uuid)
            if mine is not None and not _same_amendment(mine, amendment):
                self.conflicts.append(
                    Conflict(
                        "amendment",
                        f"#{amendment.sequence} of {label}",
                        "this database holds a different amendment with this number",
                    )
                )
                return
        fresh = [
            a for a in card.amendments if a.uuid not in held_uuids and a.uuid not in target.settled
        ]
        for amendment in fresh:
            owner = target.amendment_owners.get(amendment.uuid)
            if owner is not None and owner != card.uuid:
                self.conflicts.append(
                    Conflict(
                        "amendment",
                        f"#{amendment.sequence} of {label}",
                        "its id is already used by an amendment of another scorecard",
                    )
                )
                return
        if not fresh:
            self.changes.append(Change(ChangeAction.UNCHANGED, "scorecard", label))
            return
        through = target.settled_through.get(card.uuid, 0)
        unseen = [
            a for a in record.amendments if a.uuid not in incoming_uuids and a.sequence > through
        ]
        count = len(record.amendments)
        if not unseen:
            self.append_amendments(card.uuid, fresh, count, label)
            return
        first = fresh[0]
        clash = next((a for a in unseen if a.sequence == first.sequence), None)
        conflict = Conflict(
            "amendment",
            f"#{first.sequence} of {label}",
            "this database holds a different amendment with this number"
            if clash is not None
            else f"amendments must follow in order; this database holds {count}",
            key=f"amendments:{card.uuid}",
            stored=tuple(_amendment_side(a) for a in unseen),
            incoming=tuple(_amendment_side(a) for a in fresh),
            choices=tuple(Resolution),
        )
        chosen = self.choice(conflict)
        if chosen is None:
            self.conflicts.append(conflict)
            return
        if chosen is Resolution.KEEP_STORED:
            settlement = Settlement(
                conflict, chosen, card.uuid, tuple(a.uuid for a in fresh), count
            )
        else:
            renumbered = self.append_amendments(card.uuid, fresh, count, label)
            total = count + len(renumbered)
            reconcile = None
            if chosen is Resolution.TAKE_INCOMING:
                reconcile = effective_content(record, renumbered).diff(effective_content(card))
                if reconcile.is_empty:
                    reconcile = None
                else:
                    total += 1
            settlement = Settlement(conflict, chosen, card.uuid, (), total, reconcile)
        self.settlements.append(settlement)
        self.changes.append(Change(ChangeAction.UPDATE, "scorecard", label, chosen.label.lower()))

    def append_amendments(
        self, scorecard_uuid: str, fresh: list[AmendmentRecord], count: int, label: str
    ) -> list[AmendmentRecord]:
        appended = []
        for offset, amendment in enumerate(fresh, start=1):
            sequence = count + offset
            placed = (
                amendment
                if amendment.sequence == sequence
                else amendment.model_copy(update={"sequence": sequence})
            )
            appended.append(placed)
            self.new_amendments.append((scorecard_uuid, placed))
            renumbered = (
                f"; renumbered from #{amendment.sequence}"
                if placed.sequence != amendment.sequence
                else ""
            )
            self.changes.append(
                Change(
                    ChangeAction.CREATE,
                    "amendment",
                    f"#{sequence} of {label}",
                    amendment.reason + renumbered,
                )
            )
        return appended


def _same_amendment(mine: AmendmentRecord, theirs: AmendmentRecord) -> bool:
    """One amendment, whatever number a settled conflict gave it here."""
    return mine.content_key() == theirs.model_copy(update={"sequence": mine.sequence}).content_key()


def _amendment_side(amendment: AmendmentRecord) -> Side:
    changed = ", ".join(sorted(amendment.changes)) or "private notes only"
    return Side(
        amendment.amended_by,
        format_time(amendment.created_at),
        f"#{amendment.sequence} {amendment.reason} (changes {changed})",
    )


def _card_summary(card: ScorecardRecord) -> str:
    rated = [
        f"{r.criterion_id} {r.rating if r.rating is not None else 'N/A'}" for r in card.ratings
    ]
    vote = card.vote.value if card.vote is not None else "no vote"
    text = f"vote {vote}; " + (", ".join(rated) or "no ratings")
    if card.amendments:
        text += f"; {len(card.amendments)} amendment{'s' if len(card.amendments) != 1 else ''}"
    return text


def _join_details(*parts: str) -> str:
    return "; ".join(part for part in parts if part)


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
