"""What travels inside a sealed file: the panel pack and the scorecard bundle.

Both are JSON documents validated by the models below on the way in, so a file that
passed its authenticity check but does not follow the format (an older or buggy writer)
is reported field by field instead of failing half-way through an import.

What is deliberately absent: a candidate's e-mail address and the recruiter's notes
(an interviewer needs neither), any other interviewer's assignments or scorecards, and
private notes of any scorecard (they never leave the app that wrote them).
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from typing import Annotated, Any

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from interview_kit.domain.candidate import CandidateSource, OriginPath, PipelineStatus
from interview_kit.domain.scorecard import Vote
from interview_kit.exchange.errors import ExchangeFileError, FileProblem
from interview_kit.exchange.sealing import FileKind

Uuid = Annotated[str, StringConstraints(pattern=r"^[0-9A-Fa-f-]{32,36}$")]
Ident = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Hash = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class InterviewerRecord(_Record):
    uuid: Uuid
    name: Name
    email: Annotated[str, StringConstraints(max_length=320)] = ""
    role_title: Annotated[str, StringConstraints(max_length=200)] = ""


class RubricRecord(_Record):
    """One rubric version with its full text; identified by its content hash."""

    rubric_id: Ident
    version: Annotated[int, Field(ge=1)]
    content_hash: Hash
    content: Annotated[str, StringConstraints(min_length=1)]
    active: bool = False
    """Whether this is the version the panel uses for new interviews."""


class CandidateRecord(_Record):
    """What an interviewer needs to know of a candidate: who, which path, which stage."""

    uuid: Uuid
    name: Name
    source: CandidateSource
    origin_path: OriginPath
    role_title: Annotated[str, StringConstraints(max_length=200)] = ""
    status: PipelineStatus
    stage_id: Ident | None = None
    rubric_hash: Hash | None = None


class AssignmentRecord(_Record):
    candidate_uuid: Uuid
    stage_id: Ident
    interviewer_uuid: Uuid


class RatingRecord(_Record):
    criterion_id: Ident
    rating: Annotated[int, Field(ge=1, le=4)] | None
    evidence: str = ""


class ObservationRecord(_Record):
    item_id: Ident
    evidence: str = ""


class AmendmentRecord(_Record):
    uuid: Uuid
    sequence: Annotated[int, Field(ge=1)]
    amended_by: Name
    amended_by_uuid: Uuid | None = None
    reason: Annotated[str, StringConstraints(min_length=1)]
    changes: dict[str, Any]
    created_at: AwareDatetime

    def content_key(self) -> str:
        """What makes two copies of one amendment the same (timestamps aside)."""
        return _canonical(
            {
                "uuid": self.uuid,
                "sequence": self.sequence,
                "amended_by_uuid": self.amended_by_uuid,
                "reason": self.reason,
                "changes": self.changes,
            }
        )


class ScorecardRecord(_Record):
    """A submitted scorecard as its interviewer submitted it, and its amendments in order."""

    uuid: Uuid
    candidate_uuid: Uuid
    stage_id: Ident
    interviewer_uuid: Uuid
    rubric_hash: Hash
    level_evidence: Annotated[str, StringConstraints(max_length=16)] | None = None
    vote: Vote | None = None
    summary: str = ""
    ratings: tuple[RatingRecord, ...] = ()
    signals: tuple[ObservationRecord, ...] = ()
    red_flags: tuple[ObservationRecord, ...] = ()
    exercise_notes: dict[str, str] = Field(default_factory=dict)
    created_at: AwareDatetime
    submitted_at: AwareDatetime
    amendments: tuple[AmendmentRecord, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> ScorecardRecord:
        _no_duplicates("ratings", (rating.criterion_id for rating in self.ratings))
        _no_duplicates("signals", (item.item_id for item in self.signals))
        _no_duplicates("red_flags", (item.item_id for item in self.red_flags))
        _no_duplicates("amendments", (amendment.uuid for amendment in self.amendments))
        sequences = [amendment.sequence for amendment in self.amendments]
        if sequences != list(range(1, len(sequences) + 1)):
            raise ValueError(f"amendments must be numbered 1, 2, 3... in order, got {sequences}")
        return self

    def content_key(self) -> str:
        """What makes two copies of one scorecard the same: everything but timestamps
        and amendments (which are compared one by one)."""
        data = self.model_dump(mode="json", exclude={"created_at", "submitted_at", "amendments"})
        return _canonical(data)


class PanelPack(_Record):
    """Recruiter to interviewer: one interviewer's assignments and what they need for them."""

    pack_uuid: Uuid
    created_at: AwareDatetime
    created_by: Annotated[str, StringConstraints(max_length=200)]
    app_version: str
    interviewer: InterviewerRecord
    rubrics: Annotated[tuple[RubricRecord, ...], Field(min_length=1)]
    candidates: tuple[CandidateRecord, ...] = ()
    assignments: tuple[AssignmentRecord, ...] = ()
    sequence: Annotated[int, Field(ge=1)] | None = None
    """The number of this pack among those made for this interviewer (1, 2, 3...): an
    older pack imported after a newer one changes nothing."""
    scorecards: tuple[ScorecardRecord, ...] = ()
    """The interviewer's own submitted scorecards and their amendments, so a laptop set
    up afresh shows them as done (read-only there)."""
    removed_assignments: tuple[AssignmentRecord, ...] = ()
    """This interviewer's assignments taken away since they were given."""
    erased_candidates: tuple[Uuid, ...] = ()
    """Candidates erased on the recruiter's side (uuid only): their data goes here too."""
    signer_public_key: Annotated[str, StringConstraints(max_length=64)] | None = None
    """Base64 Ed25519 public key of the interviewer this pack is for, as registered on the
    recruiter's side (so the laptop can check its own key is the one expected)."""

    @model_validator(mode="after")
    def _consistent(self) -> PanelPack:
        _no_duplicates("rubrics", (rubric.content_hash for rubric in self.rubrics))
        _no_duplicates("candidates", (candidate.uuid for candidate in self.candidates))
        _no_duplicates(
            "assignments", (f"{a.candidate_uuid}/{a.stage_id}" for a in self.assignments)
        )
        hashes = {rubric.content_hash for rubric in self.rubrics}
        for candidate in self.candidates:
            if candidate.rubric_hash is not None and candidate.rubric_hash not in hashes:
                raise ValueError(f"candidate {candidate.uuid} uses a rubric the pack lacks")
        uuids = {candidate.uuid for candidate in self.candidates}
        for assignment in self.assignments:
            if assignment.candidate_uuid not in uuids:
                raise ValueError(f"assignment for unknown candidate {assignment.candidate_uuid}")
            if assignment.interviewer_uuid != self.interviewer.uuid:
                raise ValueError("an assignment names another interviewer than the pack's")
        for assignment in self.removed_assignments:
            if assignment.interviewer_uuid != self.interviewer.uuid:
                raise ValueError("a removed assignment names another interviewer")
        _no_duplicates("scorecards", (card.uuid for card in self.scorecards))
        for card in self.scorecards:
            if card.interviewer_uuid != self.interviewer.uuid:
                raise ValueError(f"scorecard {card.uuid} is not the pack interviewer's")
            if card.candidate_uuid not in uuids:
                raise ValueError(f"scorecard {card.uuid} is for a candidate the pack lacks")
            if card.rubric_hash not in hashes:
                raise ValueError(f"scorecard {card.uuid} uses a rubric the pack lacks")
        erased = set(self.erased_candidates)
        if erased & uuids:
            raise ValueError("a candidate is both in the pack and erased")
        return self

    def own_bundle(self) -> ScorecardBundle:
        """The interviewer's own scorecards this pack brings back, as a bundle would."""
        return ScorecardBundle.model_construct(
            bundle_uuid=self.pack_uuid,
            created_at=self.created_at,
            created_by=self.created_by,
            app_version=self.app_version,
            interviewer=self.interviewer,
            scorecards=self.scorecards,
            signature=None,
        )


class SignatureRecord(_Record):
    """An Ed25519 signature and the public key that made it (both base64)."""

    public_key: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9+/]{43}=$")]
    signature: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9+/]{86}==$")]


class ScorecardBundle(_Record):
    """Interviewer to recruiter: their submitted scorecards and the amendments to them."""

    bundle_uuid: Uuid
    created_at: AwareDatetime
    created_by: Annotated[str, StringConstraints(max_length=200)]
    app_version: str
    interviewer: InterviewerRecord
    scorecards: tuple[ScorecardRecord, ...] = ()
    signature: SignatureRecord | None = None
    """The interviewer's own signature over everything else in the bundle."""

    @model_validator(mode="after")
    def _consistent(self) -> ScorecardBundle:
        _no_duplicates("scorecards", (card.uuid for card in self.scorecards))
        _no_duplicates(
            "scorecards (candidate and stage)",
            (f"{card.candidate_uuid}/{card.stage_id}" for card in self.scorecards),
        )
        _no_duplicates(
            "amendments",
            (amendment.uuid for card in self.scorecards for amendment in card.amendments),
        )
        for card in self.scorecards:
            if card.interviewer_uuid != self.interviewer.uuid:
                raise ValueError(f"scorecard {card.uuid} is not the bundle interviewer's")
        return self


Payload = PanelPack | ScorecardBundle

_MODELS: dict[FileKind, type[PanelPack] | type[ScorecardBundle]] = {
    FileKind.PANEL_PACK: PanelPack,
    FileKind.SCORECARD_BUNDLE: ScorecardBundle,
}


def kind_of(payload: Payload) -> FileKind:
    return FileKind.PANEL_PACK if isinstance(payload, PanelPack) else FileKind.SCORECARD_BUNDLE


def encode(payload: Payload) -> bytes:
    """The payload as compact UTF-8 JSON (sealing compresses it)."""
    return json.dumps(
        payload.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")


def signed_bytes(bundle: ScorecardBundle) -> bytes:
    """What a bundle's signature covers: the bundle without its signature, canonical."""
    data = bundle.model_dump(mode="json", exclude={"signature"})
    return _canonical(data).encode("utf-8")


def decode(kind: FileKind, raw: bytes) -> Payload:
    """A validated payload, or :class:`ExchangeFileError` listing every problem found."""
    model = _MODELS[kind]
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        details = tuple(_located(error) for error in exc.errors()[:20])
        count = exc.error_count()
        raise ExchangeFileError(
            FileProblem.INVALID_CONTENT,
            f"the {kind.label} opened but its content does not follow the format "
            f"({count} problem{'s' if count != 1 else ''}); it may come from an "
            "incompatible version of Interview Kit",
            details,
        ) from None


def format_time(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def _located(error: Any) -> str:
    where = ".".join(str(part) for part in error.get("loc", ())) or "(document)"
    return f"{where}: {error.get('msg', 'invalid')}"


def _no_duplicates(what: str, keys: Any) -> None:
    repeated = [key for key, count in Counter(keys).items() if count > 1]
    if repeated:
        raise ValueError(f"{what} repeat {', '.join(map(str, repeated[:3]))}")


def _canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


__all__ = [
    "AmendmentRecord",
    "AssignmentRecord",
    "CandidateRecord",
    "InterviewerRecord",
    "ObservationRecord",
    "PanelPack",
    "Payload",
    "RatingRecord",
    "RubricRecord",
    "ScorecardBundle",
    "ScorecardRecord",
    "SignatureRecord",
    "decode",
    "encode",
    "kind_of",
    "signed_bytes",
]
