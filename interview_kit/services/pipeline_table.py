"""The pipeline as a table shows it, in words: where a candidate is, the recommendation
and the decision, and which stages a role's columns are. The app's pipeline and the
spreadsheet export both read their cells here, so they cannot drift apart."""

from __future__ import annotations

from collections.abc import Iterable

from interview_kit.domain.candidate import PipelineStatus
from interview_kit.domain.engine import Decision
from interview_kit.domain.rubric import Rubric

__all__ = ["StageTitles", "decision_label", "recommendation_label"]

_IN_STAGE = {PipelineStatus.SCREENING, PipelineStatus.DEEP_DIVE, PipelineStatus.PRODUCT}


def recommendation_label(value: str | None) -> str:
    if not value:
        return ""
    try:
        return Decision(value).label.capitalize()
    except ValueError:
        return value


def decision_label(value: str | None, level: str | None = None) -> str:
    if not value:
        return ""
    text = "Hire" if value == "hire" else "No hire"
    return f"{text} {level}" if level and value == "hire" else text


class StageTitles:
    """Stage titles of the active rubrics: the stage columns follow ``rubric`` (the role
    shown); other roles' stages still show by their titles in the "Where" column."""

    def __init__(self, rubric: Rubric | None, others: Iterable[Rubric] = ()) -> None:
        self.rubric = rubric
        self.titles: dict[str, str] = {}
        for each in (*others, *((rubric,) if rubric is not None else ())):
            self.titles.update(
                {stage.id: f"{stage.number}. {stage.title}" for stage in each.stages}
            )

    def columns(self) -> list[tuple[str, str]]:
        """The role's stages as (stage id, column title)."""
        if self.rubric is None:
            return []
        return [(stage.id, f"{stage.number}. {stage.title}") for stage in self.rubric.stages]

    def where(self, status: PipelineStatus, stage_id: str | None, decided: bool = False) -> str:
        """Where the candidate is; closed after a committee decision reads "after the
        committee", as the Insights funnel counts them."""
        stage = self.titles.get(stage_id or "", stage_id or "")
        if status in _IN_STAGE and stage:
            return stage
        if status in (PipelineStatus.REJECTED, PipelineStatus.WITHDRAWN) and decided:
            return f"{status.label} (after the committee)"
        if status.is_closed and stage and status is not PipelineStatus.HIRED:
            return f"{status.label} (at {stage})"
        return status.label
