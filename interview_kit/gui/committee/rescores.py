"""Post-debrief re-scores in the panel review: a block of their own under the ratings
grid, saying that they stay apart from the independent scores the grid, the
recommendation and the agreement use. Hidden when a candidate has none."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

from interview_kit.gui import theme

if TYPE_CHECKING:
    from interview_kit.services.evidence import Rescore
    from interview_kit.services.panel_review import PanelReview

OBJECT_NAME = "debriefRescores"


@dataclass(frozen=True)
class RescoreLine:
    interviewer: str
    criterion: str
    independent: int | None
    rating: int
    note: str


def rescore_lines(rescores: Sequence[Rescore], review: PanelReview) -> list[RescoreLine]:
    """Display lines from :func:`~interview_kit.services.evidence.rescores_for_candidate`
    and the panel review (for each interviewer's own rating and the criteria titles)."""
    titles = {c.id: c.title for _s, c in review.rubric.criteria()}
    own = {
        (card.interviewer_uuid, card.stage_id, r.criterion_id): r.rating
        for card in review.scorecards
        for r in card.ratings
    }
    return [
        RescoreLine(
            item.interviewer_name,
            titles.get(item.criterion_id, item.criterion_id),
            own.get((item.interviewer_uuid, item.stage_id, item.criterion_id)),
            item.rating,
            item.note,
        )
        for item in rescores
    ]


def text_of(lines: Sequence[RescoreLine]) -> str:
    rows = [
        f"• {line.interviewer} · {line.criterion}: "
        f"{'–' if line.independent is None else line.independent} on the scorecard, "
        f"{line.rating} after the debrief" + (f" — {line.note}" if line.note else "")
        for line in lines
    ]
    return (
        "After the debrief (kept apart: the grid, the recommendation and the agreement use "
        "only the independent scorecards)\n" + "\n".join(rows)
    )


def show_rescores(grid: QWidget, lines: Sequence[RescoreLine]) -> QLabel:
    """Put (or update) the re-scores block right under ``grid`` in its layout."""
    parent = grid.parentWidget()
    label = parent.findChild(QLabel, OBJECT_NAME) if parent is not None else None
    if label is None:
        label = QLabel()
        label.setObjectName(OBJECT_NAME)
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {theme.css(theme.muted())};")
        layout = parent.layout() if parent is not None else None
        if layout is not None:
            layout.insertWidget(layout.indexOf(grid) + 1, label)  # type: ignore[attr-defined]
    label.setText(text_of(lines) if lines else "")
    label.setVisible(bool(lines))
    return label
