"""Step 1: what this stage is for, what good looks like, the ladder in short, who the
candidate is and the time plan."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QVBoxLayout, QWidget

from interview_kit.gui import theme
from interview_kit.gui.stage_walk.state import WalkSetup
from interview_kit.gui.stage_walk.widgets import heading, rich_label


def _first_sentence(text: str) -> str:
    head, dot, _rest = text.partition(". ")
    return head + ("." if dot else "")


def brief_html(setup: WalkSetup) -> str:
    """The brief as rich text; every piece of stored text is escaped."""
    stage = setup.stage
    rubric = setup.rubric
    muted = theme.css(theme.muted())
    candidate = setup.candidate
    parts = [f"<h3>Purpose</h3><p>{escape(stage.purpose)}</p>"]
    if stage.what_good_looks_like:
        items = "".join(f"<li>{escape(item)}</li>" for item in stage.what_good_looks_like)
        parts.append(f"<h3>What good looks like</h3><ul>{items}</ul>")
    facts = [
        ("Name", candidate.name),
        ("E-mail", candidate.email),
        ("Source", candidate.source),
        ("Origin path", candidate.origin),
        ("Role", candidate.role_title or rubric.role_title),
    ]
    rows = "".join(
        f"<tr><td style='color:{muted}; padding-right:12px'>{escape(k)}</td>"
        f"<td>{escape(v)}</td></tr>"
        for k, v in facts
        if v
    )
    parts.append(f"<h3>The candidate</h3><table>{rows}</table>")
    if candidate.notes:
        notes = escape(candidate.notes).replace("\n", "<br>")
        parts.append(f"<p><i>Recruiter's notes:</i> {notes}</p>")
    plan_rows = []
    start = 0
    for exercise in stage.exercises:
        plan_rows.append(
            f"<tr><td style='color:{muted}; padding-right:12px'>{start}–"
            f"{start + exercise.minutes} min</td><td>{escape(exercise.title)}</td></tr>"
        )
        start += exercise.minutes
    parts.append(
        f"<h3>Time plan ({stage.duration_minutes} minutes)</h3><table>{''.join(plan_rows)}</table>"
    )
    ladder = "".join(
        f"<li><b>{escape(level.id)} {escape(level.title)}</b> — "
        f"{escape(_first_sentence(level.impact))}</li>"
        for level in rubric.levels
    )
    parts.append(f"<h3>The level ladder</h3><ul>{ladder}</ul>")
    look_for = [
        item.label
        for item_id in stage.look_for
        for item in (*rubric.signals, *rubric.red_flags)
        if item.id == item_id
    ]
    if look_for:
        parts.append("<h3>Look for in this stage</h3><p>" + escape(" · ".join(look_for)) + "</p>")
    return "".join(parts)


class BriefStep(QWidget):
    def __init__(self, setup: WalkSetup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        stage = setup.stage
        layout.addWidget(heading(f"Stage {stage.number}: {stage.title}", self, 1.35))
        self.body = rich_label(brief_html(setup), self)
        self.body.setAccessibleName("Stage brief")
        layout.addWidget(self.body)
        layout.addStretch(1)

    def first_focus(self) -> QWidget | None:
        return None
