"""What the exchange says to a person: why an import is refused, what a plan would
change, and the file name an export suggests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from interview_kit.exchange.errors import FileProblem
from interview_kit.exchange.merge import ChangeAction, Conflict, Plan, Settlement, Side
from interview_kit.exchange.sealing import FileKind
from interview_kit.services.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    ServiceError,
)
from interview_kit.storage.tables import search_key, utc_now

PACK_SUFFIX = ".ikpack"


BUNDLE_SUFFIX = ".ikbundle"


SUFFIXES = {FileKind.PANEL_PACK: PACK_SUFFIX, FileKind.SCORECARD_BUNDLE: BUNDLE_SUFFIX}


class ExchangeError(InvalidInputError):
    """A file that cannot be opened; ``problem`` says which of the ways it went wrong."""

    def __init__(
        self, path: Path | None, problem: FileProblem, message: str, details: Sequence[str] = ()
    ) -> None:
        where = f"{path.name}: " if path is not None else ""
        super().__init__(where + message)
        self.path = path
        self.problem = problem
        self.details = tuple(details)


class ImportRefusedError(ServiceError):
    """The file is fine but importing it would contradict or miss what is stored; the
    plan lists why. Nothing was written."""

    def __init__(self, message: str, plan: Plan) -> None:
        super().__init__(message)
        self.plan = plan
        self.details = plan_details(plan)


class ImportConflictError(ImportRefusedError, ConflictError):
    pass


class UnknownRubricVersionError(ImportRefusedError, NotFoundError):
    pass


class ImportProblemError(ImportRefusedError, InvalidInputError):
    pass


class WrongSignerError(ImportRefusedError, InvalidInputError):
    """The bundle's signature does not prove the interviewer it names."""


def refuse_unless_clean(plan: Plan) -> None:
    """Raise the :class:`ImportRefusedError` that stops this plan, if any."""
    signer_problem = getattr(plan, "signer_problem", "")
    if signer_problem:
        raise WrongSignerError(
            f"refused: {signer_problem}. Nothing was imported; ask the interviewer to send "
            "the bundle from their own computer",
            plan,
        )
    if plan.unknown_rubrics:
        shown = ", ".join(h[:12] for h in plan.unknown_rubrics)
        raise UnknownRubricVersionError(
            f"the file's scorecards were scored against rubric version(s) this database does "
            f"not hold ({shown}); import the panel's rubric first. Nothing was imported.",
            plan,
        )
    if plan.conflicts:
        count = len(plan.conflicts)
        settle = (
            " Choose for each conflict which version to keep (the preview shows both) and "
            "import again."
            if any(conflict.choices for conflict in plan.conflicts)
            else ""
        )
        raise ImportConflictError(
            f"{count} conflict{'s' if count != 1 else ''} with what is stored: "
            f"{plan.conflicts[0].describe()}. Nothing was imported.{settle}",
            plan,
        )
    if plan.problems:
        count = len(plan.problems)
        raise ImportProblemError(
            f"the file cannot be imported ({count} problem{'s' if count != 1 else ''}): "
            f"{plan.problems[0]}. Nothing was imported.",
            plan,
        )


def conflict_lines(conflict: Conflict) -> list[str]:
    """A conflict side by side: what is stored, what arrives, and the choices."""
    lines = [conflict.describe()]
    lines.extend(f"    stored:   {side.describe()}" for side in conflict.stored)
    lines.extend(f"    incoming: {side.describe()}" for side in conflict.incoming)
    if conflict.choices:
        lines.append(
            f"    settle with: {' | '.join(choice.value for choice in conflict.choices)} "
            f"(key {conflict.key})"
        )
    return lines


def plan_details(plan: Plan) -> tuple[str, ...]:
    lines = [line for conflict in plan.conflicts for line in conflict_lines(conflict)]
    lines.extend(plan.problems)
    lines.extend(f"unknown rubric version {h}" for h in plan.unknown_rubrics)
    return tuple(lines)


def plan_json(plan: Plan, *, applied: bool) -> dict[str, Any]:
    """The plan as plain JSON data (the command line's ``--json``)."""
    return {
        "kind": plan.kind.value,
        "origin": plan.origin,
        "summary": plan.summary(),
        "applied": applied,
        "changes": [
            {"action": c.action.value, "subject": c.subject, "label": c.label, "detail": c.detail}
            for c in plan.changes
        ],
        "conflicts": [
            {
                "key": c.key,
                "subject": c.subject,
                "label": c.label,
                "message": c.message,
                "stored": [_side_json(side) for side in c.stored],
                "incoming": [_side_json(side) for side in c.incoming],
                "choices": [choice.value for choice in c.choices],
                "resolution": None,
            }
            for c in plan.conflicts
        ],
        "settled": [
            {
                "key": s.conflict.key,
                "label": s.conflict.label,
                "resolution": s.resolution.value,
            }
            for s in settlements_of(plan)
        ],
        "notes": list(plan.notes),
        "problems": list(plan.problems),
        "unknown_rubrics": list(plan.unknown_rubrics),
    }


def settlements_of(plan: Plan) -> tuple[Settlement, ...]:
    """The conflicts a plan settles: a bundle's, or those of the scorecards a pack
    brings back."""
    own = getattr(plan, "scorecards", None)
    return tuple(getattr(plan, "settlements", ())) + tuple(getattr(own, "settlements", ()))


def _side_json(side: Side) -> dict[str, str]:
    return {"who": side.who, "when": side.when, "what": side.what}


def describe_plan(plan: Plan, *, verbose: bool = False) -> list[str]:
    """Lines for a person: heading, the sentence, then each change (and each problem)."""
    lines = [plan.origin, plan.summary()]
    for change in plan.changes:
        if verbose or change.action is not ChangeAction.UNCHANGED:
            lines.append("  " + change.describe())
    for conflict in plan.conflicts:
        first, *rest = conflict_lines(conflict)
        lines.append("  Conflict: " + first)
        lines.extend("  " + line for line in rest)
    lines.extend("  Problem: " + problem for problem in plan.problems)
    lines.extend(
        f"  Unknown rubric version: {content_hash[:12]}…" for content_hash in plan.unknown_rubrics
    )
    return lines


def suggested_file_name(kind: FileKind, interviewer_name: str, when: datetime | None = None) -> str:
    """E.g. ``panel-pack-mei-tanaka-2026-03-02.ikpack``."""
    stamp = (when or utc_now()).strftime("%Y-%m-%d")
    slug = (
        "-".join(
            part
            for part in "".join(
                ch if ch.isalnum() else " " for ch in search_key(interviewer_name)
            ).split()
        )
        or "interviewer"
    )
    prefix = "panel-pack" if kind is FileKind.PANEL_PACK else "scorecards"
    return f"{prefix}-{slug}-{stamp}{SUFFIXES[kind]}"
