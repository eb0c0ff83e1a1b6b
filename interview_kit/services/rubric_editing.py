"""Editing a rubric as plain data: open, check, change its structure, save, import, export.

The editor in the app works on the rubric as the nested dictionaries and lists the TOML
file holds, so it can show a half-finished rubric with every problem located, exactly as
``interview-kit rubric validate`` reports it (both call
:func:`~interview_kit.domain.rubric.validate_rubric_data`). Nothing is stored until the
whole rubric is valid; saving then makes a new version through
:mod:`interview_kit.services.rubrics`, which moves the open candidates without submitted
scorecards onto it and leaves everything already submitted on the version it used.

The structural helpers (add, remove, move, rename) keep references consistent: renaming a
signal renames it wherever a criterion or stage points at it, removing a stage drops its
weight from the rules, and stage numbers follow the order of the stages.
"""

from __future__ import annotations

import copy
import re
import tomllib
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from interview_kit.domain.candidate import PipelineStatus
from interview_kit.domain.rubric import (
    ID_PATTERN,
    Rubric,
    RubricError,
    RubricIssue,
    rubric_from_data,
    validate_rubric_data,
)
from interview_kit.services import rubrics
from interview_kit.services.errors import ConflictError, InvalidInputError
from interview_kit.storage.database import Database
from interview_kit.storage.models import CandidateRow, RubricRow, RubricVersionRow, ScorecardRow

__all__ = [
    "CandidateRef",
    "EditableRubric",
    "EditedSave",
    "ListKind",
    "SaveImpact",
    "add_item",
    "export_rubric_data",
    "issues_under",
    "move_item",
    "new_rubric_data",
    "open_for_editing",
    "read_rubric_file",
    "remove_item",
    "rename_id",
    "render_toml",
    "save_edited_rubric",
    "save_impact",
    "validate",
]

ListKind = Literal[
    "dimensions", "stages", "exercises", "criteria", "signals", "red_flags", "levels"
]
"""The lists of a rubric a recruiter adds to, removes from and reorders."""

_OPEN_STATUSES = tuple(status.value for status in PipelineStatus if not status.is_closed)
_ID_RE = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class EditableRubric:
    """A rubric opened in the editor: its data and where it came from."""

    data: dict[str, Any]
    source: str
    """Shown to the user: "builder version 3", or the file imported."""
    rubric_id: str | None
    version: int | None
    """The stored version the data was read from (``None`` for a file or a new rubric)."""
    expected_version: int | None
    """The rubric's active version when read: saving refuses if another was saved since."""


@dataclass(frozen=True)
class CandidateRef:
    uuid: str
    name: str
    rubric_version: int | None


@dataclass(frozen=True)
class SaveImpact:
    """What saving the edited rubric would do, for the confirmation the editor shows."""

    rubric_id: str
    is_new_rubric: bool
    unchanged: bool
    """The content equals the active version: saving would store nothing."""
    existing_version: int | None
    """A stored version with exactly this content (saving re-activates it)."""
    moves: tuple[CandidateRef, ...]
    """Open candidates without a submitted scorecard: they move to the saved version."""
    keeps: tuple[CandidateRef, ...]
    """Open candidates with a submitted scorecard: they keep the version they were scored on."""


@dataclass(frozen=True)
class EditedSave:
    info: rubrics.RubricVersionInfo
    created: bool
    moved: tuple[CandidateRef, ...]
    kept: tuple[CandidateRef, ...]

    def describe(self) -> str:
        """The sentence the editor shows after saving."""
        version = f"{self.info.rubric_id} version {self.info.version}"
        head = (
            f"Saved as {version}."
            if self.created
            else f"This content is already stored as {version}; it is the active version now."
        )
        if self.moved:
            names = _names(self.moved)
            plural = "s" if len(self.moved) != 1 else ""
            moved = f" It applies to {len(self.moved)} open candidate{plural}: {names}."
        else:
            moved = " It applies to no open candidate yet; new candidates will use it."
        kept = ""
        if self.kept:
            kept = (
                f" {len(self.kept)} open candidate{'s' if len(self.kept) != 1 else ''} with "
                f"submitted scorecards keep{'s' if len(self.kept) == 1 else ''} the version "
                f"they were scored against: {_names(self.kept)}."
            )
        return head + moved + kept


def _names(refs: Sequence[CandidateRef], shown: int = 8) -> str:
    names = [ref.name for ref in refs[:shown]]
    more = len(refs) - len(names)
    text = ", ".join(names)
    return f"{text} and {more} more" if more > 0 else text


# ---------------------------------------------------------------------------------------
# Open, import and export


def open_for_editing(db: Database, rubric_id: str | None = None) -> EditableRubric:
    """The active version of a stored rubric, as editable data."""
    loaded = rubrics.active_rubric(db, rubric_id)
    return _editable(loaded)


def open_version_for_editing(db: Database, rubric_id: str, version: int) -> EditableRubric:
    """An earlier (or later) version; saving it makes it the active one again."""
    loaded = rubrics.rubric_version(db, rubric_id, version)
    return _editable(loaded)


def _editable(loaded: rubrics.LoadedRubric) -> EditableRubric:
    info = loaded.info
    return EditableRubric(
        data=loaded.rubric.to_data(),
        source=f"{info.rubric_id} version {info.version}",
        rubric_id=info.rubric_id,
        version=info.version,
        expected_version=info.active_version,
    )


def read_rubric_file(path: Path | str) -> dict[str, Any]:
    """A rubric file's data, valid or not, so its problems can be fixed in the editor.

    Only a file that cannot be read or is not TOML at all is refused, with a
    :class:`RubricError` naming the file and line.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RubricError([RubricIssue("", "file not found")], str(path)) from None
    except IsADirectoryError:
        raise RubricError([RubricIssue("", "is a folder, not a file")], str(path)) from None
    except UnicodeDecodeError as exc:
        raise RubricError(
            [RubricIssue("", f"not UTF-8 text (byte {exc.start})")], str(path)
        ) from None
    except OSError as exc:
        raise RubricError(
            [RubricIssue("", f"cannot read: {exc.strerror or exc}")], str(path)
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)$", message)
        line = int(match.group(1)) if match else None
        text = message[: match.start()].strip() if match else message
        raise RubricError([RubricIssue("", f"not valid TOML: {text}", line)], str(path)) from None


def render_toml(data: Mapping[str, Any]) -> str:
    """The TOML text of valid rubric data, as the file format has it."""
    rubric = _valid_rubric(data)
    return rubrics.render_rubric(rubric)


def export_rubric_data(
    data: Mapping[str, Any],
    path: Path | str,
    *,
    overwrite: bool = False,
    allow_problems: bool = False,
) -> Path:
    """Write rubric data to a TOML file that ``rubric validate`` reads.

    Valid data is written in the file format's canonical shape. With ``allow_problems``
    unfinished data is written as it stands (a draft to finish later; ``rubric validate``
    then lists what is left); otherwise it is refused with a :class:`RubricError`.
    """
    out = Path(path)
    if out.is_dir():
        raise InvalidInputError(f"cannot write {out}: it is a folder")
    if out.exists() and not overwrite:
        raise ConflictError(f"{out} already exists; choose another file or allow overwriting")
    if not out.parent.is_dir():
        raise InvalidInputError(f"cannot write {out}: folder {out.parent} does not exist")
    if allow_problems and validate(data):
        import tomli_w

        text = _DRAFT_HEADER + tomli_w.dumps(_toml_safe(data))
    else:
        text = render_toml(data)
    temporary = out.with_name(f".{out.name}.partial")
    try:
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(out)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise InvalidInputError(f"cannot write {out}: {exc.strerror or exc}") from None
    return out


_DRAFT_HEADER = (
    "# An unfinished rubric exported from Interview Kit. "
    "`interview-kit rubric validate` lists what is left to fix.\n\n"
)


def _toml_safe(value: Any) -> Any:
    """Drop what TOML cannot hold (``None``), keeping everything else as it is."""
    if isinstance(value, Mapping):
        return {str(k): _toml_safe(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_toml_safe(v) for v in value if v is not None]
    return value


# ---------------------------------------------------------------------------------------
# Checking


def validate(data: Mapping[str, Any]) -> list[RubricIssue]:
    """Every problem, worded and located as ``interview-kit rubric validate`` reports it."""
    return validate_rubric_data(data)


def issues_under(issues: Iterable[RubricIssue], path: str) -> list[RubricIssue]:
    """The issues at ``path`` or inside it (``stages[0]`` holds ``stages[0].criteria[1]``)."""
    if not path:
        return list(issues)
    return [
        issue
        for issue in issues
        if issue.path == path or issue.path.startswith((path + ".", path + "["))
    ]


def _valid_rubric(data: Mapping[str, Any], source: str = "the edited rubric") -> Rubric:
    return rubric_from_data(data, source)


# ---------------------------------------------------------------------------------------
# Saving


def save_impact(db: Database, data: Mapping[str, Any]) -> SaveImpact:
    """Which open candidates a save would move onto the new version, and which stay.

    Raises :class:`RubricError` when the data is not a valid rubric.
    """
    rubric = _valid_rubric(data)
    content_hash = rubric.content_hash()
    with db.read() as session:
        parent = session.scalars(select(RubricRow).where(RubricRow.key == rubric.id)).one_or_none()
        existing = session.scalars(
            select(RubricVersionRow).where(
                RubricVersionRow.content_hash == content_hash,
            )
        ).one_or_none()
        if parent is None:
            return SaveImpact(rubric.id, True, False, None, (), ())
        target_id = existing.id if existing is not None else None
        unchanged = existing is not None and existing.version == parent.active_version
        moves, keeps = _open_candidates(session, parent.id, target_id)
        return SaveImpact(
            rubric_id=rubric.id,
            is_new_rubric=False,
            unchanged=unchanged,
            existing_version=existing.version if existing is not None else None,
            moves=() if unchanged else moves,
            keeps=keeps,
        )


def _open_candidates(
    session: Session, rubric_row_id: int, target_version_id: int | None
) -> tuple[tuple[CandidateRef, ...], tuple[CandidateRef, ...]]:
    conditions = [
        RubricVersionRow.rubric_id == rubric_row_id,
        CandidateRow.status.in_(_OPEN_STATUSES),
    ]
    if target_version_id is not None:
        conditions.append(CandidateRow.rubric_version_id != target_version_id)
    pinned = (
        select(CandidateRow.id)
        .join(RubricVersionRow, RubricVersionRow.id == CandidateRow.rubric_version_id)
        .where(*conditions)
    )
    # One uncorrelated pass over the scorecards: a correlated EXISTS per candidate lets
    # SQLite pick the status index and scan every submitted scorecard for each of them.
    scored = set(
        session.scalars(
            select(ScorecardRow.candidate_id)
            .where(ScorecardRow.candidate_id.in_(pinned), ScorecardRow.status == "submitted")
            .distinct()
        )
    )
    rows = session.execute(
        select(CandidateRow.id, CandidateRow.uuid, CandidateRow.name, RubricVersionRow.version)
        .join(RubricVersionRow, RubricVersionRow.id == CandidateRow.rubric_version_id)
        .where(*conditions)
        .order_by(CandidateRow.name_key, CandidateRow.id)
    )
    moves: list[CandidateRef] = []
    keeps: list[CandidateRef] = []
    for row_id, uuid, name, version in rows:
        (keeps if row_id in scored else moves).append(CandidateRef(uuid, name, version))
    return tuple(moves), tuple(keeps)


def save_edited_rubric(
    db: Database,
    data: Mapping[str, Any],
    *,
    expected_version: int | None = None,
    actor: str | None = None,
) -> EditedSave:
    """Store the edited rubric as a new version (all or nothing) and say whom it affects.

    Invalid data raises :class:`RubricError` with every problem and stores nothing; an
    edit started from a version that is no longer active raises
    :class:`~interview_kit.services.errors.StaleEditError`.
    """
    rubric = _valid_rubric(data)
    saved = rubrics.save_rubric(db, rubric, expected_version=expected_version, actor=actor)
    with db.read() as session:
        names = _candidate_names(session, saved.moved_candidates)
        parent_id = session.scalar(select(RubricRow.id).where(RubricRow.key == rubric.id))
        version_id = session.scalar(
            select(RubricVersionRow.id).where(
                RubricVersionRow.content_hash == saved.info.content_hash
            )
        )
        kept: tuple[CandidateRef, ...] = ()
        if parent_id is not None:
            _, kept = _open_candidates(session, parent_id, version_id)
    moved = tuple(
        CandidateRef(uuid, names.get(uuid, uuid), saved.info.version)
        for uuid in saved.moved_candidates
    )
    moved = tuple(sorted(moved, key=lambda ref: ref.name.casefold()))
    return EditedSave(saved.info, saved.created, moved, kept)


def _candidate_names(session: Session, uuids: Sequence[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    for start in range(0, len(uuids), 500):
        chunk = list(uuids[start : start + 500])
        rows = session.execute(
            select(CandidateRow.uuid, CandidateRow.name).where(CandidateRow.uuid.in_(chunk))
        )
        names.update((uuid, name) for uuid, name in rows)
    return names


# ---------------------------------------------------------------------------------------
# Structure: new items, add, remove, move, rename


def new_rubric_data(rubric_id: str = "new_role", role_title: str = "New role") -> dict[str, Any]:
    """A minimal rubric to start from: one stage, one level, every text to be written."""
    data: dict[str, Any] = {
        "format_version": 1,
        "id": rubric_id,
        "name": f"{role_title} interview rubric",
        "version_label": "",
        "role_title": role_title,
        "alternative_titles": [],
        "summary": "",
        "sources": [],
        "dimensions": [],
        "stages": [],
        "signals": [],
        "red_flags": [],
        "levels": [],
        "rules": {"stage_weights": {}},
    }
    add_item(data, "stages")
    add_item(data, "levels")
    return data


def unique_id(prefix: str, taken: Iterable[str]) -> str:
    used = set(taken)
    number = 1
    while f"{prefix}_{number}" in used:
        number += 1
    return f"{prefix}_{number}"


def _ids(items: Iterable[Any]) -> list[str]:
    return [item["id"] for item in items if isinstance(item, Mapping) and "id" in item]


def _all_criterion_ids(data: Mapping[str, Any]) -> list[str]:
    return [
        criterion["id"]
        for stage in _list(data, "stages")
        for criterion in _list(stage, "criteria")
        if isinstance(criterion, Mapping) and "id" in criterion
    ]


def _list(container: Any, key: str) -> list[Any]:
    if not isinstance(container, MutableMapping):
        return []
    value = container.get(key)
    if not isinstance(value, list):
        value = []
        container[key] = value
    return value


def _blank_anchors() -> dict[str, str]:
    return {"1": "", "2": "", "3": "", "4": ""}


def _new_exercise(stage: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": unique_id("exercise", _ids(_list(stage, "exercises"))),
        "title": "",
        "minutes": 15,
        "description": "",
        "prompts": [""],
        "criteria": [],
    }


def _new_criterion(data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": unique_id("criterion", _all_criterion_ids(data)),
        "title": "",
        "description": "",
        "weight": 1.0,
        "tags": [],
        "signals": [],
        "anchors": _blank_anchors(),
    }


def _new_stage(data: Mapping[str, Any]) -> dict[str, Any]:
    stages = _list(data, "stages")
    stage: dict[str, Any] = {
        "id": unique_id("stage", _ids(stages)),
        "number": len(stages) + 1,
        "title": "",
        "purpose": "",
        "duration_minutes": 60,
        "required": True,
        "what_good_looks_like": [],
        "look_for": [],
        "exercises": [],
        "criteria": [],
    }
    stage["exercises"].append(_new_exercise(stage))
    stage["criteria"].append(_new_criterion(data))
    return stage


def _new_level(data: Mapping[str, Any]) -> dict[str, Any]:
    levels = _list(data, "levels")
    numbers = [
        int(level["id"][1:])
        for level in levels
        if isinstance(level, Mapping) and re.fullmatch(r"L\d{1,2}", str(level.get("id", "")))
    ]
    number = max(numbers) + 1 if numbers else 4
    previous = levels[-1] if levels and isinstance(levels[-1], Mapping) else None
    min_score = 3.0
    band: dict[str, Any] = {
        "currency": "EUR",
        "base_min": 0.0,
        "base_mid": 0.0,
        "base_max": 0.0,
        "rounding": 1000,
        "equity_min": 0.0,
        "equity_max": 0.0,
        "equity_unit": "percent",
        "equity_note": "",
        "learning_budget": 0.0,
        "is_default": True,
        "note": "",
    }
    if previous is not None:
        prev_score = previous.get("min_score")
        if isinstance(prev_score, int | float) and not isinstance(prev_score, bool):
            min_score = min(4.0, round(float(prev_score) + 0.25, 2))
        prev_band = previous.get("band")
        if isinstance(prev_band, Mapping):
            band.update(copy.deepcopy(dict(prev_band)))
    return {
        "id": f"L{number}",
        "title": "",
        "impact": "",
        "expectations": [],
        "min_score": min_score,
        "min_positive_signals": 0,
        "band": band,
    }


def add_item(data: MutableMapping[str, Any], kind: ListKind, stage_index: int | None = None) -> int:
    """Append a new, blank item of ``kind``; returns its index.

    Exercises and criteria belong to the stage at ``stage_index``. New items get a free
    id and empty texts, so the editor shows at once what is left to write.
    """
    if kind in ("exercises", "criteria"):
        stage = _stage(data, stage_index)
        items = _list(stage, kind)
        items.append(_new_exercise(stage) if kind == "exercises" else _new_criterion(data))
        return len(items) - 1
    items = _list(data, kind)
    if kind == "stages":
        stage = _new_stage(data)
        items.append(stage)
        weights = _rules(data).setdefault("stage_weights", {})
        if isinstance(weights, MutableMapping) and weights:
            weights[stage["id"]] = 1.0
        _renumber_stages(data)
    elif kind == "levels":
        items.append(_new_level(data))
    elif kind == "dimensions":
        items.append(
            {
                "id": unique_id("dimension", _ids(items)),
                "label": "",
                "kind": "skill",
                "description": "",
            }
        )
    elif kind == "signals":
        items.append(
            {"id": unique_id("signal", _ids(items)), "label": "", "description": "", "tags": []}
        )
    elif kind == "red_flags":
        items.append(
            {
                "id": unique_id("red_flag", _ids(items)),
                "label": "",
                "description": "",
                "severity": "concern",
                "kind": "key",
                "tags": [],
            }
        )
    else:  # pragma: no cover - ListKind is closed
        raise ValueError(kind)
    return len(items) - 1


def _stage(data: Mapping[str, Any], stage_index: int | None) -> MutableMapping[str, Any]:
    stages = _list(data, "stages")
    if stage_index is None or not 0 <= stage_index < len(stages):
        raise IndexError(f"no stage at position {stage_index}")
    stage = stages[stage_index]
    if not isinstance(stage, MutableMapping):
        raise IndexError(f"stage at position {stage_index} is not a table")
    return stage


def _rules(data: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    rules = data.get("rules")
    if not isinstance(rules, MutableMapping):
        rules = {}
        data["rules"] = rules
    return rules


def _items_of(data: MutableMapping[str, Any], kind: ListKind, stage_index: int | None) -> list[Any]:
    if kind in ("exercises", "criteria"):
        return _list(_stage(data, stage_index), kind)
    return _list(data, kind)


def remove_item(
    data: MutableMapping[str, Any], kind: ListKind, index: int, stage_index: int | None = None
) -> dict[str, Any]:
    """Remove an item and every reference to it; returns the removed item."""
    items = _items_of(data, kind, stage_index)
    if not 0 <= index < len(items):
        raise IndexError(f"no {kind} item at position {index}")
    removed = items.pop(index)
    item_id = removed.get("id") if isinstance(removed, Mapping) else None
    if isinstance(item_id, str):
        _drop_references(data, kind, item_id, stage_index)
    if kind == "stages":
        _renumber_stages(data)
    return dict(removed) if isinstance(removed, Mapping) else {}


def move_item(
    data: MutableMapping[str, Any],
    kind: ListKind,
    index: int,
    offset: int,
    stage_index: int | None = None,
) -> int:
    """Move an item up (negative offset) or down; returns its new index."""
    items = _items_of(data, kind, stage_index)
    if not 0 <= index < len(items):
        raise IndexError(f"no {kind} item at position {index}")
    target = max(0, min(len(items) - 1, index + offset))
    if target != index:
        items.insert(target, items.pop(index))
        if kind == "stages":
            _renumber_stages(data)
    return target


def _renumber_stages(data: MutableMapping[str, Any]) -> None:
    """Stage numbers follow the order of the stages (1, 2, 3, ...)."""
    for number, stage in enumerate(_list(data, "stages"), start=1):
        if isinstance(stage, MutableMapping):
            stage["number"] = number


def _replace_in_list(container: Any, key: str, old: str, new: str | None) -> None:
    if not isinstance(container, MutableMapping):
        return
    value = container.get(key)
    if not isinstance(value, list):
        return
    if new is None:
        container[key] = [item for item in value if item != old]
    else:
        container[key] = [new if item == old else item for item in value]


def _drop_references(
    data: MutableMapping[str, Any], kind: ListKind, item_id: str, stage_index: int | None
) -> None:
    _rewrite_references(data, kind, item_id, None, stage_index)


def _rewrite_references(
    data: MutableMapping[str, Any],
    kind: ListKind,
    old: str,
    new: str | None,
    stage_index: int | None,
) -> None:
    stages = _list(data, "stages")
    if kind == "dimensions":
        for stage in stages:
            for criterion in _list(stage, "criteria"):
                _replace_in_list(criterion, "tags", old, new)
        for key in ("signals", "red_flags"):
            for item in _list(data, key):
                _replace_in_list(item, "tags", old, new)
    elif kind == "signals":
        for stage in stages:
            _replace_in_list(stage, "look_for", old, new)
            for criterion in _list(stage, "criteria"):
                _replace_in_list(criterion, "signals", old, new)
    elif kind == "red_flags":
        for stage in stages:
            _replace_in_list(stage, "look_for", old, new)
    elif kind == "criteria":
        stage = _stage(data, stage_index)
        for exercise in _list(stage, "exercises"):
            _replace_in_list(exercise, "criteria", old, new)
    elif kind == "stages":
        weights = _rules(data).get("stage_weights")
        if isinstance(weights, MutableMapping) and old in weights:
            value = weights.pop(old)
            if new is not None:
                weights[new] = value
    elif kind == "levels":
        rules = _rules(data)
        for key in ("blocker_level_cap", "concern_level_cap"):
            if rules.get(key) == old and new is not None:
                rules[key] = new


def rename_id(
    data: MutableMapping[str, Any],
    kind: ListKind,
    index: int,
    new_id: str,
    stage_index: int | None = None,
    *,
    old_id: str | None = None,
) -> None:
    """Give an item a new id and follow the rename in every reference to it.

    ``old_id`` is the id before the edit when the item already holds the new one (an
    editor writes ids as they are typed). References are only rewritten when the new id
    is well formed and not taken, so a half-typed id never merges two items; validation
    reports the id meanwhile.
    """
    items = _items_of(data, kind, stage_index)
    item = items[index]
    if not isinstance(item, MutableMapping):
        raise IndexError(f"{kind} item at position {index} is not a table")
    old = old_id if old_id is not None else item.get("id")
    item["id"] = new_id
    if not isinstance(old, str) or old == new_id:
        return
    if kind == "criteria":
        taken = _all_criterion_ids(data)
    elif kind in ("signals", "red_flags"):
        # Signals and red flags share one namespace (a stage's look_for names either).
        taken = _ids(_list(data, "signals")) + _ids(_list(data, "red_flags"))
    else:
        taken = _ids(items)
    pattern_ok = (
        re.fullmatch(r"L[0-9]{1,2}", new_id) if kind == "levels" else _ID_RE.fullmatch(new_id)
    )
    if pattern_ok and taken.count(new_id) == 1 and old not in taken:
        _rewrite_references(data, kind, old, new_id, stage_index)


def list_versions(db: Database, rubric_id: str) -> list[rubrics.RubricVersionInfo]:
    """Every stored version of the rubric, newest first (the editor's history)."""
    return rubrics.list_rubric_versions(db, rubric_id)
