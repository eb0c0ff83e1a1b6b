"""Scorecards from other hiring systems: Greenhouse Harvest scorecards and Lever feedback.

A mapping file (TOML, ``docs/external-scorecards.md``) says which of the other system's
attributes or fields is which criterion, what its rating words are worth on the 1-4
scale, and which candidate and stage each scorecard belongs to. The scorecards are turned
into the app's own scorecard document and imported through
:func:`~interview_kit.services.scorecard_files.import_scorecards_document`: submitted,
all or nothing, and unchanged when imported again. Each is marked with its source and its
id there (``external_scorecards``), in the same transaction.

Every scorecard gets a uuid derived from its source and external id, so importing the
same export twice finds the scorecards it stored the first time.
"""

from __future__ import annotations

import json
import tomllib
import uuid as uuid_module
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard import Vote
from interview_kit.domain.wording import plural
from interview_kit.services import candidates, interviewers
from interview_kit.services.errors import InvalidInputError, NotFoundError, ServiceError
from interview_kit.services.rubrics import rubric_version
from interview_kit.services.scorecard_files import (
    FORMAT_NAME,
    FORMAT_VERSION,
    ImportResult,
    import_scorecards_document,
)
from interview_kit.storage.database import Database
from interview_kit.storage.models import ExternalScorecardRow, ScorecardRow
from interview_kit.storage.tables import EMAIL_LENGTH, NAME_LENGTH

UUID_NAMESPACE = uuid_module.UUID("0b6f5f0e-4d52-4a8e-9f3c-2f1d7f0b8a61")
"""Namespace of the uuids derived from a source and an external id (never change it)."""


class ExternalSource(StrEnum):
    GREENHOUSE = "greenhouse"
    LEVER = "lever"

    @property
    def label(self) -> str:
        return {"greenhouse": "Greenhouse", "lever": "Lever"}[self.value]


@dataclass(frozen=True)
class Problem:
    location: str
    """Where: ``mapping.toml: [criteria] "Communication"`` or ``export.json: [2].attributes[0]``."""
    problem: str

    def __str__(self) -> str:
        return f"{self.location}: {self.problem}"


class ExternalImportError(InvalidInputError):
    """The mapping or the export cannot be used; nothing was written. Every problem found."""

    def __init__(self, headline: str, problems: Sequence[Problem]) -> None:
        self.headline = headline
        self.problems = tuple(problems)
        super().__init__("\n".join([headline, *(f"  {p}" for p in self.problems)]))


class UnknownKind(StrEnum):
    ATTRIBUTE = "attribute"
    """A Greenhouse attribute the mapping does not name."""
    FIELD = "field"
    """A Lever form field (or a scorecard row of one) the mapping does not name."""


@dataclass(frozen=True)
class UnknownName:
    kind: UnknownKind
    name: str
    where: str


@dataclass(frozen=True)
class PlannedScorecard:
    external_id: str
    candidate_name: str
    stage_id: str
    interviewer_name: str
    ratings: int
    already_imported: bool


@dataclass(frozen=True)
class ExternalImportResult:
    source: ExternalSource
    dry_run: bool
    scorecards: tuple[PlannedScorecard, ...]
    ignored: tuple[UnknownName, ...]
    """Attributes or fields the mapping does not name: left out of the scorecards."""
    added: int
    unchanged: int
    interviewers_added: int


# ---------------------------------------------------------------------------------------
# The mapping file


RatingValue = Annotated[int, Field(ge=1, le=4)] | Literal["na", "skip"]


class Mapping(BaseModel):
    """The mapping file, as documented in ``docs/external-scorecards.md``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: ExternalSource
    ratings: dict[str, RatingValue] = Field(min_length=1)
    """Rating word (or number as text) -> 1-4; ``na`` records not applicable, ``skip``
    leaves the attribute out."""
    recommendations: dict[str, Vote | Literal["none"]] = Field(default_factory=dict)
    recommendation_field: str = ""
    """Lever: the field whose answer is the overall recommendation."""
    criteria: dict[str, Annotated[str, Field(min_length=1, max_length=64)]] = Field(min_length=1)
    ignore: tuple[str, ...] = ()
    stages: dict[str, Annotated[str, Field(min_length=1, max_length=64)]] = Field(min_length=1)
    candidates: dict[str, Annotated[str, Field(min_length=1)]] = Field(min_length=1)
    interviewers: dict[str, Annotated[str, Field(min_length=1)]] = Field(default_factory=dict)
    questions_to_summary: bool = True

    @field_validator("ratings", "recommendations")
    @classmethod
    def _folded_keys(cls, value: dict[str, Any]) -> dict[str, Any]:
        folded: dict[str, Any] = {}
        for key, item in value.items():
            word = _fold(key)
            if word in folded:
                raise ValueError(f"{key!r} is listed twice (words are compared ignoring case)")
            folded[word] = item
        return folded

    def recommendation(self, word: str) -> Vote | Literal["unknown"] | None:
        folded = _fold(word)
        chosen = self.recommendations.get(folded, DEFAULT_RECOMMENDATIONS.get(folded))
        if chosen is None:
            return "unknown"
        return None if chosen == "none" else Vote(chosen)


DEFAULT_RECOMMENDATIONS: dict[str, Vote | Literal["none"]] = {
    "definitely_not": Vote.STRONG_NO,
    "no": Vote.NO,
    "yes": Vote.YES,
    "strong_yes": Vote.STRONG_YES,
    "no_decision": "none",
}
"""Greenhouse's overall recommendations, unless the mapping says otherwise."""


def _fold(word: str) -> str:
    return " ".join(word.split()).casefold()


def _toml_location(loc: Sequence[int | str]) -> str:
    """``("criteria", "Communication")`` -> ``[criteria] "Communication"``."""
    if not loc:
        return ""
    head, *rest = loc
    text = f"[{head}]" if rest else str(head)
    for part in rest:
        text += f"[{part}]" if isinstance(part, int) else f" {json.dumps(str(part))}"
    return text


def _json_location(loc: Sequence[int | str]) -> str:
    """``(0, "attributes", 2, "rating")`` -> ``[0].attributes[2].rating``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _problems(
    exc: ValidationError, where: str, *, toml: bool = False, unwrap: str | None = None
) -> list[Problem]:
    """Pydantic's errors with their place: TOML tables for a mapping, JSON paths for an
    export (``unwrap`` drops the key a bare list was wrapped in). The branches of a
    union that all failed become one problem."""
    messages: dict[str, list[str]] = {}
    for error in exc.errors():
        loc = [part for part in error["loc"] if not _is_union_tag(part)]
        if unwrap is not None and loc and loc[0] == unwrap:
            loc = loc[1:]
        location = _toml_location(loc) if toml else _json_location(loc)
        messages.setdefault(location, []).append(error["msg"])
    return [
        Problem(f"{where}: {location}" if location else where, "; or ".join(found))
        for location, found in messages.items()
    ]


def _is_union_tag(part: int | str) -> bool:
    return isinstance(part, str) and (
        part in {"int", "str", "float", "bool"}
        or part.startswith(("literal[", "constrained-", "str-enum[", "function-"))
    )


def load_mapping(path: Path | str) -> Mapping:
    """Read and check a mapping file; every problem is reported with where it is."""
    where = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise NotFoundError(f"{where}: mapping file not found") from None
    except OSError as exc:
        raise InvalidInputError(f"{where}: cannot be read ({exc.strerror or exc})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InvalidInputError(f"{where}: is not UTF-8 text (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInputError(f"{where}: is not valid TOML: {exc}") from None
    try:
        return Mapping.model_validate(data)
    except ValidationError as exc:
        raise ExternalImportError(
            f"{where}: the mapping file has problems", _problems(exc, where, toml=True)
        ) from None


# ---------------------------------------------------------------------------------------
# The exports, as documented by the two systems (only the parts used here)


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class _GreenhouseUser(_Loose):
    id: int | str | None = None
    name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None

    def display_name(self) -> str:
        if self.name:
            return self.name
        return " ".join(p for p in (self.first_name, self.last_name) if p)


class _GreenhouseAttribute(_Loose):
    name: str
    type: str | None = None
    note: str | None = None
    rating: str


class _GreenhouseQuestion(_Loose):
    id: int | str | None = None
    question: str
    answer: str | None = None


class _GreenhouseStep(_Loose):
    id: int | str | None = None
    name: str


class _GreenhouseScorecard(_Loose):
    id: int | str
    candidate_id: int | str
    application_id: int | str | None = None
    interview: str | None = None
    interview_step: _GreenhouseStep | None = None
    interviewer: _GreenhouseUser
    interviewed_at: datetime | None = None
    submitted_at: datetime | None = None
    created_at: datetime | None = None
    overall_recommendation: str | None = None
    attributes: list[_GreenhouseAttribute] = Field(default_factory=list)
    questions: list[_GreenhouseQuestion] = Field(default_factory=list)


class _GreenhouseExport(_Loose):
    scorecards: list[_GreenhouseScorecard]


class _LeverOption(_Loose):
    text: str


class _LeverScoreRow(_Loose):
    text: str


class _LeverScoreValue(_Loose):
    score: int | str | None = None
    comment: str | None = None


class _LeverField(_Loose):
    id: str | None = None
    type: str = "text"
    text: str
    value: Any = None
    scores: list[_LeverScoreRow] = Field(default_factory=list)
    options: list[_LeverOption] = Field(default_factory=list)


class _LeverFieldValue(_Loose):
    id: str
    value: Any = None


class _LeverTemplate(_Loose):
    id: str
    text: str
    fields: list[_LeverField]


class _LeverUser(_Loose):
    id: str
    name: str = ""
    email: str = ""


class _LeverFeedback(_Loose):
    id: str
    opportunityId: str | None = None  # noqa: N815 - Lever's own key
    text: str | None = None
    baseTemplateId: str | None = None  # noqa: N815
    user: str | _LeverUser
    createdAt: int | None = None  # noqa: N815 - milliseconds since 1970
    completedAt: int | None = None  # noqa: N815
    fields: list[_LeverField] = Field(default_factory=list)
    fieldValues: list[_LeverFieldValue] = Field(default_factory=list)  # noqa: N815


class _LeverExport(_Loose):
    opportunityId: str | None = None  # noqa: N815
    data: list[_LeverFeedback]
    templates: list[_LeverTemplate] = Field(default_factory=list)
    users: list[_LeverUser] = Field(default_factory=list)


@dataclass
class _Rated:
    name: str
    word: str
    note: str
    where: str


@dataclass
class _Card:
    """One scorecard of either system, in the terms the mapping speaks of."""

    external_id: str
    where: str
    candidate_key: str
    """The id ``[candidates]`` is looked up by (Greenhouse: ``candidate_id``)."""
    interview: str
    interviewer_key: str
    interviewer_name: str
    interviewer_email: str
    created_at: datetime
    submitted_at: datetime
    recommendation: str | None
    rated: list[_Rated] = field(default_factory=list)
    answers: list[tuple[str, str]] = field(default_factory=list)
    other_candidate_key: str = ""
    """Looked up when ``candidate_key`` is not listed (Greenhouse: ``application_id``)."""


def _read_export(path: Path | str) -> Any:
    where = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise NotFoundError(f"{where}: file not found") from None
    except OSError as exc:
        raise InvalidInputError(f"{where}: cannot be read ({exc.strerror or exc})") from None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InvalidInputError(f"{where}: is not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise InvalidInputError(
            f"{where}: is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None


def _utc(value: datetime | None, fallback: datetime) -> datetime:
    if value is None:
        return fallback
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)


def _from_millis(value: int | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value / 1000, tz=UTC)


def _greenhouse_cards(data: Any, where: str) -> list[_Card]:
    # The Harvest API answers a list; a saved export may wrap it as {"scorecards": [...]}.
    wrapped = {"scorecards": data} if isinstance(data, list) else data
    try:
        export = _GreenhouseExport.model_validate(wrapped)
    except ValidationError as exc:
        unwrap = "scorecards" if isinstance(data, list) else None
        raise ExternalImportError(
            f"{where}: not a Greenhouse scorecard export", _problems(exc, where, unwrap=unwrap)
        ) from None
    prefix = "" if isinstance(data, list) else "scorecards"
    cards = []
    for index, item in enumerate(export.scorecards):
        here = f"{prefix}[{index}]"
        interview = item.interview_step.name if item.interview_step else (item.interview or "")
        submitted = _utc(item.submitted_at or item.interviewed_at, _utc(item.created_at, _EPOCH))
        person = item.interviewer
        cards.append(
            _Card(
                external_id=str(item.id),
                where=here,
                candidate_key=str(item.candidate_id),
                other_candidate_key="" if item.application_id is None else str(item.application_id),
                interview=interview,
                interviewer_key="" if person.id is None else str(person.id),
                interviewer_name=person.display_name() or f"Greenhouse user {person.id}",
                interviewer_email=person.email or "",
                created_at=_utc(item.created_at, submitted),
                submitted_at=submitted,
                recommendation=item.overall_recommendation,
                rated=[
                    _Rated(a.name, a.rating, a.note or "", f"{here}.attributes[{n}]")
                    for n, a in enumerate(item.attributes)
                ],
                answers=[(q.question, q.answer or "") for q in item.questions if q.answer],
            )
        )
    return cards


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_LEVER_SCORE_TYPES = ("score-system", "score", "multiple-choice", "dropdown", "yes-no")
_LEVER_TEXT_TYPES = ("text", "textarea")


def _lever_cards(data: Any, where: str, mapping: Mapping) -> list[_Card]:
    wrapped = {"data": data} if isinstance(data, list) else data
    try:
        export = _LeverExport.model_validate(wrapped)
    except ValidationError as exc:
        unwrap = "data" if isinstance(data, list) else None
        raise ExternalImportError(
            f"{where}: not a Lever feedback export", _problems(exc, where, unwrap=unwrap)
        ) from None
    prefix = "" if isinstance(data, list) else "data"
    templates = {t.id: t for t in export.templates}
    users = {u.id: u for u in export.users}
    problems: list[Problem] = []
    cards = []
    for index, item in enumerate(export.data):
        here = f"{prefix}[{index}]"
        fields = list(item.fields)
        title = item.text or ""
        if item.fieldValues:
            template = templates.get(item.baseTemplateId or "")
            if template is None:
                problems.append(
                    Problem(
                        f"{where}: {here}.baseTemplateId",
                        f"form {item.baseTemplateId!r} is not among the file's templates",
                    )
                )
                continue
            title = title or template.text
            by_id = {f.id: f for f in template.fields}
            fields = []
            for number, answer in enumerate(item.fieldValues):
                form_field = by_id.get(answer.id)
                if form_field is None:
                    problems.append(
                        Problem(
                            f"{where}: {here}.fieldValues[{number}].id",
                            f"field {answer.id!r} is not on form {template.text!r}",
                        )
                    )
                    continue
                fields.append(form_field.model_copy(update={"value": answer.value}))
        opportunity = item.opportunityId or export.opportunityId
        if not opportunity:
            problems.append(
                Problem(f"{where}: {here}", "says no opportunityId (nor does the file)")
            )
            continue
        user = item.user if isinstance(item.user, _LeverUser) else users.get(item.user)
        user_id = item.user.id if isinstance(item.user, _LeverUser) else item.user
        completed = _from_millis(item.completedAt) or _from_millis(item.createdAt) or _EPOCH
        card = _Card(
            external_id=item.id,
            where=here,
            candidate_key=opportunity,
            interview=title,
            interviewer_key=user_id,
            interviewer_name=(user.name if user and user.name else f"Lever user {user_id}"),
            interviewer_email=user.email if user else "",
            created_at=_from_millis(item.createdAt) or completed,
            submitted_at=completed,
            recommendation=None,
        )
        for number, form_field in enumerate(fields):
            field_where = f"{here}.fields[{number}]"
            if mapping.recommendation_field and _fold(form_field.text) == _fold(
                mapping.recommendation_field
            ):
                card.recommendation = None if form_field.value is None else str(form_field.value)
            elif form_field.type == "scorecard":
                values = form_field.value if isinstance(form_field.value, list) else []
                for row_number, (row, value) in enumerate(
                    zip(form_field.scores, values, strict=False)
                ):
                    row_where = f"{field_where}.value[{row_number}]"
                    try:
                        scored = _LeverScoreValue.model_validate(value)
                    except ValidationError as exc:
                        problems += _problems(exc, f"{where}: {row_where}")
                        continue
                    if scored.score is not None:
                        card.rated.append(
                            _Rated(row.text, str(scored.score), scored.comment or "", row_where)
                        )
            elif form_field.type in _LEVER_SCORE_TYPES:
                if form_field.value is not None:
                    card.rated.append(
                        _Rated(form_field.text, str(form_field.value), "", field_where)
                    )
            elif (
                form_field.type in _LEVER_TEXT_TYPES
                and isinstance(form_field.value, str)
                and form_field.value.strip()
            ):
                card.answers.append((form_field.text, form_field.value))
        cards.append(card)
    if problems:
        raise ExternalImportError(f"{where}: the Lever export has problems", problems)
    return cards


# ---------------------------------------------------------------------------------------
# Placing the scorecards: candidates, stages, criteria, rating words


@dataclass
class _Placed:
    card: _Card
    candidate: candidates.CandidateRecord
    rubric: Rubric
    content_hash: str
    stage_id: str
    interviewer_uuid: str
    interviewer_name: str
    interviewer_email: str
    ratings: list[dict[str, Any]]
    vote: Vote | None
    summary: str


def scorecard_uuid(source: ExternalSource, external_id: str) -> str:
    return str(uuid_module.uuid5(UUID_NAMESPACE, f"{source.value}:scorecard:{external_id}"))


class _UnknownInterviewerError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _interviewer(
    db: Database, mapping: Mapping, source: ExternalSource, card: _Card, mapping_name: str
) -> tuple[str, str, str]:
    """(uuid, name, e-mail): a stored interviewer if the mapping or the e-mail finds one."""
    for key in (card.interviewer_key, card.interviewer_name, card.interviewer_email):
        if key and key in mapping.interviewers:
            try:
                person = interviewers.resolve_interviewer(db, mapping.interviewers[key])
            except ServiceError as exc:
                where = f"{mapping_name}: [interviewers] {json.dumps(key)}"
                raise _UnknownInterviewerError(Problem(where, str(exc))) from None
            return person.uuid, person.name, person.email
    if card.interviewer_email:
        found = interviewers.find_interviewer(db, email=card.interviewer_email)
        if found is not None:
            return found.uuid, found.name, found.email
    key = card.interviewer_key or card.interviewer_email or card.interviewer_name
    derived = str(uuid_module.uuid5(UUID_NAMESPACE, f"{source.value}:user:{key}"))
    return derived, card.interviewer_name[:NAME_LENGTH], card.interviewer_email[:EMAIL_LENGTH]


def _place(  # noqa: PLR0917 - one private step of import_external
    db: Database,
    mapping: Mapping,
    source: ExternalSource,
    cards: list[_Card],
    export_name: str,
    mapping_name: str,
) -> tuple[list[_Placed], list[UnknownName]]:
    problems: list[Problem] = []
    ignored: list[UnknownName] = []
    ignore = {_fold(name) for name in mapping.ignore}
    criteria = {_fold(name): criterion for name, criterion in mapping.criteria.items()}
    stages = {_fold(name): stage for name, stage in mapping.stages.items()}
    known_candidates: dict[str, candidates.CandidateRecord | None] = {}
    rubrics: dict[tuple[str, int], tuple[Rubric, str]] = {}
    placed: list[_Placed] = []
    seen_ids: dict[str, str] = {}
    people: dict[tuple[str, str, str], tuple[str, str, str]] = {}
    for card in cards:
        here = f"{export_name}: {card.where}"
        if card.external_id in seen_ids:
            problems.append(
                Problem(
                    here, f"repeats scorecard {card.external_id} of {seen_ids[card.external_id]}"
                )
            )
            continue
        seen_ids[card.external_id] = card.where
        target = mapping.candidates.get(card.candidate_key) or mapping.candidates.get(
            card.other_candidate_key
        )
        if target is None:
            problems.append(
                Problem(
                    here,
                    f"unknown candidate {card.candidate_key!r}: add it under [candidates] "
                    f"in {mapping_name}",
                )
            )
            continue
        if target not in known_candidates:
            try:
                known_candidates[target] = candidates.resolve_candidate(db, target)
            except ServiceError as exc:
                known_candidates[target] = None
                problems.append(
                    Problem(
                        f"{mapping_name}: [candidates] {json.dumps(card.candidate_key)}", str(exc)
                    )
                )
        candidate = known_candidates[target]
        if candidate is None:
            continue
        if candidate.rubric_id is None or candidate.rubric_version is None:
            problems.append(Problem(here, f"candidate {candidate.name!r} has no rubric"))
            continue
        version_key = (candidate.rubric_id, candidate.rubric_version)
        if version_key not in rubrics:
            loaded = rubric_version(db, *version_key)
            rubrics[version_key] = (loaded.rubric, loaded.info.content_hash)
        rubric, content_hash = rubrics[version_key]
        stage_id = stages.get(_fold(card.interview))
        if stage_id is None:
            problems.append(
                Problem(
                    here,
                    f"unknown interview {card.interview!r}: add it under [stages] "
                    f"in {mapping_name}",
                )
            )
            continue
        try:
            stage = rubric.stage(stage_id)
        except KeyError:
            problems.append(
                Problem(
                    f"{mapping_name}: [stages] {json.dumps(card.interview)}",
                    f"stage {stage_id!r} is not in rubric {rubric.id!r} "
                    f"(stages: {', '.join(s.id for s in rubric.stages)})",
                )
            )
            continue
        stage_criteria = {c.id for c in stage.criteria}
        ratings: dict[str, dict[str, Any]] = {}
        for rated in card.rated:
            name = _fold(rated.name)
            if name in ignore:
                continue
            criterion_id = criteria.get(name)
            if criterion_id is None:
                kind = (
                    UnknownKind.ATTRIBUTE
                    if source is ExternalSource.GREENHOUSE
                    else UnknownKind.FIELD
                )
                ignored.append(UnknownName(kind, rated.name, f"{export_name}: {rated.where}"))
                continue
            if criterion_id not in stage_criteria:
                problems.append(
                    Problem(
                        f"{mapping_name}: [criteria] {json.dumps(rated.name)}",
                        f"criterion {criterion_id!r} is not part of stage {stage.id!r} "
                        f"(criteria: {', '.join(sorted(stage_criteria))})",
                    )
                )
                continue
            value = mapping.ratings.get(_fold(rated.word))
            if value is None:
                problems.append(
                    Problem(
                        f"{export_name}: {rated.where}",
                        f"unknown rating word {rated.word!r}: add it under [ratings] "
                        f"in {mapping_name}",
                    )
                )
                continue
            if value == "skip":
                continue
            if criterion_id in ratings:
                problems.append(
                    Problem(
                        f"{export_name}: {rated.where}",
                        f"criterion {criterion_id!r} is rated twice in this scorecard",
                    )
                )
                continue
            ratings[criterion_id] = {
                "criterion_id": criterion_id,
                "rating": None if value == "na" else value,
                "evidence": rated.note,
            }
        vote: Vote | None = None
        if card.recommendation is not None:
            chosen = mapping.recommendation(card.recommendation)
            if chosen == "unknown":
                problems.append(
                    Problem(
                        here,
                        f"unknown recommendation {card.recommendation!r}: add it under "
                        f"[recommendations] in {mapping_name}",
                    )
                )
                continue
            vote = chosen
        summary = ""
        if mapping.questions_to_summary and card.answers:
            summary = "\n\n".join(f"{question}\n{answer}" for question, answer in card.answers)
        who = (card.interviewer_key, card.interviewer_name, card.interviewer_email)
        if who not in people:
            try:
                people[who] = _interviewer(db, mapping, source, card, mapping_name)
            except _UnknownInterviewerError as unknown:
                problems.append(unknown.problem)
                continue
        person_uuid, person_name, person_email = people[who]
        placed.append(
            _Placed(
                card=card,
                candidate=candidate,
                rubric=rubric,
                content_hash=content_hash,
                stage_id=stage.id,
                interviewer_uuid=person_uuid,
                interviewer_name=person_name,
                interviewer_email=person_email,
                ratings=list(ratings.values()),
                vote=vote,
                summary=summary,
            )
        )
    if problems:
        unique = list(dict.fromkeys(problems))  # one mapping mistake, said once
        raise ExternalImportError(
            f"{export_name}: nothing was imported; {plural(len(unique), 'problem')} to fix first",
            unique,
        )
    return placed, ignored


def _document(source: ExternalSource, placed: list[_Placed]) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "scorecards": [
            {
                "uuid": scorecard_uuid(source, p.card.external_id),
                "candidate_uuid": p.candidate.uuid,
                "stage_id": p.stage_id,
                "interviewer": {
                    "uuid": p.interviewer_uuid,
                    "name": p.interviewer_name,
                    "email": p.interviewer_email,
                },
                "rubric": {
                    "id": p.rubric.id,
                    "version": p.candidate.rubric_version,
                    "content_hash": p.content_hash,
                },
                "status": "submitted",
                "created_at": p.card.created_at.isoformat(),
                "submitted_at": p.card.submitted_at.isoformat(),
                "ratings": p.ratings,
                "signals": [],
                "red_flags": [],
                "exercise_notes": {},
                "level_evidence": None,
                "vote": None if p.vote is None else p.vote.value,
                "summary": p.summary,
                "amendments": [],
            }
            for p in placed
        ],
    }


class _DryRunFinishedError(Exception):
    def __init__(self, result: ImportResult) -> None:
        super().__init__("dry run")
        self.result = result


def import_external(
    db: Database,
    path: Path | str,
    source: ExternalSource | str,
    mapping_path: Path | str,
    *,
    dry_run: bool = False,
    actor: str | None = None,
) -> ExternalImportResult:
    """Import another system's scorecards (see the module docstring).

    A dry run does the whole import, every check included, and rolls it back.
    """
    try:
        system = ExternalSource(source)
    except ValueError:
        choices = ", ".join(s.value for s in ExternalSource)
        raise InvalidInputError(f"unknown source {source!r} (choose {choices})") from None
    mapping = load_mapping(mapping_path)
    if mapping.source != system:
        raise InvalidInputError(
            f"{mapping_path}: this mapping is for {mapping.source.label}, "
            f"not {system.label}; pass --from {mapping.source.value} or another mapping"
        )
    export_name = str(path)
    data = _read_export(path)
    if system is ExternalSource.GREENHOUSE:
        cards = _greenhouse_cards(data, export_name)
    else:
        cards = _lever_cards(data, export_name, mapping)
    placed, ignored = _place(db, mapping, system, cards, export_name, str(mapping_path))
    wanted = {scorecard_uuid(system, p.card.external_id): p for p in placed}
    with db.read() as session:
        already = set(
            session.scalars(select(ScorecardRow.uuid).where(ScorecardRow.uuid.in_(list(wanted))))
        )

    def mark(session: Session, _result: ImportResult) -> None:
        _mark_imported(session, system, wanted, already)
        if dry_run:
            raise _DryRunFinishedError(_result)

    try:
        result = import_scorecards_document(
            db, _document(system, placed), source=export_name, actor=actor, before_commit=mark
        )
    except _DryRunFinishedError as done:
        result = done.result
    return ExternalImportResult(
        source=system,
        dry_run=dry_run,
        scorecards=tuple(
            PlannedScorecard(
                external_id=p.card.external_id,
                candidate_name=p.candidate.name,
                stage_id=p.stage_id,
                interviewer_name=p.interviewer_name,
                ratings=len(p.ratings),
                already_imported=uuid in already,
            )
            for uuid, p in wanted.items()
        ),
        ignored=tuple(ignored),
        added=result.added,
        unchanged=result.unchanged,
        interviewers_added=result.interviewers_added,
    )


def _mark_imported(
    session: Session,
    source: ExternalSource,
    wanted: dict[str, _Placed],
    already: set[str],
) -> None:
    fresh = [uuid for uuid in wanted if uuid not in already]
    if not fresh:
        return
    ids = dict(
        session.execute(
            select(ScorecardRow.uuid, ScorecardRow.id).where(ScorecardRow.uuid.in_(fresh))
        ).all()
    )
    session.add_all(
        ExternalScorecardRow(
            scorecard_id=ids[uuid], source=source.value, external_id=wanted[uuid].card.external_id
        )
        for uuid in fresh
    )
    session.flush()


@dataclass(frozen=True)
class ExternalMark:
    source: ExternalSource
    external_id: str
    imported_at: datetime


def external_marks(db: Database, scorecard_uuids: Sequence[str]) -> dict[str, ExternalMark]:
    """Which of these scorecards came from another system, and from where."""
    with db.read() as session:
        rows = session.execute(
            select(
                ScorecardRow.uuid,
                ExternalScorecardRow.source,
                ExternalScorecardRow.external_id,
                ExternalScorecardRow.imported_at,
            )
            .join(ExternalScorecardRow, ExternalScorecardRow.scorecard_id == ScorecardRow.id)
            .where(ScorecardRow.uuid.in_(list(scorecard_uuids)))
        ).all()
    return {row[0]: ExternalMark(ExternalSource(row[1]), row[2], row[3]) for row in rows}
