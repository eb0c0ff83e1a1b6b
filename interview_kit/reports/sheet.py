"""A blank, printable scoring sheet for one stage, for interviewers who score on paper.

It follows the order of the app's sheet: brief, exercises with time boxes and prompts,
each criterion with its behavioural anchors and tick boxes, signals and red flags to tick
with evidence, the level ladder, the overall vote and a summary.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from reportlab.lib.styles import StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from interview_kit.domain.rubric import Criterion, Rubric, Stage
from interview_kit.reports import styles
from interview_kit.reports.bidi import Paragraph
from interview_kit.reports.packet import write_atomically
from interview_kit.reports.template import CONTENT_WIDTH, KitDocTemplate
from interview_kit.reports.text import inline, one_line, para

BOX = "<font size='10.5'>☐</font>"


class UnknownStageError(LookupError):
    """The sheet asked for names no stage of the rubric."""

    def __init__(self, rubric: Rubric, stage: str) -> None:
        known = ", ".join(f"{s.id} ({s.number})" for s in rubric.stages)
        super().__init__(f"rubric {rubric.id!r} has no stage {stage!r}; its stages are: {known}")


def find_stage(rubric: Rubric, stage: str) -> Stage:
    """A stage by id, or by its number ("2")."""
    key = stage.strip()
    for candidate in rubric.stages:
        if candidate.id == key or (key.isdigit() and candidate.number == int(key)):
            return candidate
    raise UnknownStageError(rubric, stage)


class WritingLines(Flowable):  # type: ignore[misc]
    """Ruled lines to write on."""

    def __init__(self, count: int, gap: float = 7 * mm) -> None:
        super().__init__()
        self.count = count
        self.gap = gap

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.count * self.gap

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(styles.RULE)
        canvas.setLineWidth(0.5)
        for index in range(self.count):
            y = index * self.gap
            canvas.line(0, y, self.width, y)


class _SheetStory:
    def __init__(self, rubric: Rubric, stage: Stage, sheet: StyleSheet1) -> None:
        self.rubric = rubric
        self.stage = stage
        self.s = sheet

    def p(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(para(text), self.s[style])

    def story(self) -> list[Flowable]:
        out: list[Flowable] = []
        out += self.heading()
        out += self.exercises()
        out += self.criteria()
        out += self.observations()
        out += self.level_and_vote()
        return out

    def heading(self) -> list[Flowable]:
        stage = self.stage
        out: list[Flowable] = [
            Paragraph("SCORING SHEET", self.s["kicker"]),
            Paragraph(
                f"Stage {stage.number} · {inline(stage.title, bold=True)}",
                self.s["title"],
            ),
            Paragraph(
                f"{inline(self.rubric.role_title)} · {stage.duration_minutes} minutes · "
                f"rubric {inline(self.rubric.version_label or self.rubric.name)}",
                self.s["subtitle"],
            ),
            Spacer(1, 3 * mm),
        ]
        blank = ""
        rows = [
            [
                Paragraph("Candidate", self.s["cell_label"]),
                blank,
                Paragraph("Interviewer", self.s["cell_label"]),
                blank,
            ],
            [
                Paragraph("Date", self.s["cell_label"]),
                blank,
                Paragraph("Started / ended", self.s["cell_label"]),
                Paragraph("___:___ – ___:___", self.s["cell"]),
            ],
        ]
        table = Table(
            rows,
            colWidths=[25 * mm, 62 * mm, 30 * mm, CONTENT_WIDTH - 117 * mm],
            rowHeights=[22, 22],
            hAlign="LEFT",
        )
        table.setStyle(
            TableStyle(
                [
                    ("LINEBELOW", (1, 0), (1, -1), 0.6, styles.MUTED),
                    ("LINEBELOW", (3, 0), (3, -1), 0.6, styles.MUTED),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        out.append(table)
        out.append(Spacer(1, 4 * mm))
        out.append(Paragraph("Purpose", self.s["h3"]))
        out.append(self.p(stage.purpose))
        if stage.what_good_looks_like:
            out.append(Paragraph("What good looks like", self.s["h3"]))
            out += [
                Paragraph(para(item), self.s["bullet"], bulletText="•")
                for item in stage.what_good_looks_like
            ]
        out.append(
            self.p(
                "Rate each criterion 1–4 against its anchors, or N/A when the interview gave "
                "no chance to see it (N/A is left out of the score). Write the evidence: what "
                "the candidate said or did.",
                "muted",
            )
        )
        return out

    def exercises(self) -> list[Flowable]:
        out: list[Flowable] = [Paragraph("Exercises", self.s["h1"])]
        for number, exercise in enumerate(self.stage.exercises, start=1):
            block: list[Flowable] = [
                Paragraph(
                    f"{number}. {inline(exercise.title, bold=True)} "
                    f"<font color='#5B6470'>· {exercise.minutes} min</font>",
                    self.s["h2"],
                ),
                Paragraph("Started ___:___ &nbsp;&nbsp; Ended ___:___", self.s["meta"]),
                self.p(exercise.description),
            ]
            block += [
                Paragraph(para(prompt), self.s["small_bullet"], bulletText="–")
                for prompt in exercise.prompts
            ]
            block += [Paragraph("Notes", self.s["cell_label"]), WritingLines(3)]
            out.append(KeepTogether(block))
        return out

    def criteria(self) -> list[Flowable]:
        out: list[Flowable] = [CondPageBreak(60 * mm), Paragraph("Criteria", self.s["h1"])]
        for criterion in self.stage.criteria:
            out.append(self.criterion(criterion))
        return out

    def criterion(self, criterion: Criterion) -> Flowable:
        scale = self.rubric.scale
        title = inline(criterion.title, bold=True)
        if criterion.weight != 1.0:
            title += f" <font color='#5B6470'>(weight {criterion.weight:g})</font>"
        rows: list[list[object]] = [
            [Paragraph(title, self.s["h3"]), ""],
            [self.p(criterion.description, "small"), ""],
        ]
        for rating in (1, 2, 3, 4):
            rows.append(
                [
                    Paragraph(f"{BOX} {rating} {inline(scale.label(rating))}", self.s["check"]),
                    self.p(criterion.anchors.for_rating(rating), "sheet_anchor"),
                ]
            )
        rows.append(
            [
                Paragraph(f"{BOX} {inline(scale.not_applicable)}", self.s["check"]),
                Paragraph("not observed in this interview", self.s["muted"]),
            ]
        )
        rows.append([Paragraph("Evidence", self.s["cell_label"]), ""])
        rows.append([WritingLines(3), ""])
        table = Table(
            rows, colWidths=[34 * mm, CONTENT_WIDTH - 34 * mm], splitInRow=1, hAlign="LEFT"
        )
        last = len(rows) - 1
        table.setStyle(
            TableStyle(
                [
                    ("SPAN", (0, 0), (1, 0)),
                    ("SPAN", (0, 1), (1, 1)),
                    ("SPAN", (0, last - 1), (1, last - 1)),
                    ("SPAN", (0, last), (1, last)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BOX", (0, 0), (-1, -1), 0.6, styles.RULE),
                    ("BACKGROUND", (0, 0), (-1, 1), styles.HEADER_FILL),
                    ("LINEBELOW", (0, 2), (-1, last - 2), 0.3, styles.RULE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 5),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, last), (-1, last), 6),
                ]
            )
        )
        return KeepTogether([table, Spacer(1, 4 * mm)])

    def observations(self) -> list[Flowable]:
        rubric = self.rubric
        look_for = set(self.stage.look_for)
        signals = [s for s in rubric.signals if not look_for or s.id in look_for]
        flags = [f for f in rubric.red_flags if not look_for or f.id in look_for]
        # Whatever the stage highlights, every signal and flag can be ticked on any stage.
        signals += [s for s in rubric.signals if s not in signals]
        flags += [f for f in rubric.red_flags if f not in flags]
        out: list[Flowable] = [
            CondPageBreak(50 * mm),
            Paragraph("Signals and red flags", self.s["h1"]),
        ]
        out.append(self.p("Tick what you saw and write the evidence next to it.", "muted"))
        out.append(Paragraph("Positive signals", self.s["h2"]))
        out += [self.check_row(s.label, s.description, None, s.id in look_for) for s in signals]
        out.append(Paragraph("Red flags", self.s["h2"]))
        out += [self.check_row(f.label, f.description, f.severity, f.id in look_for) for f in flags]
        return out

    def check_row(
        self, label: str, description: str, severity: str | None, highlighted: bool
    ) -> Flowable:
        tags = []
        if severity == "blocker":
            tags.append(f'<font color="#{styles.NO_HIRE.hexval()[2:]}"><b>Blocker</b></font>')
        elif severity == "concern":
            tags.append(f'<font color="#{styles.UNDECIDED.hexval()[2:]}"><b>Concern</b></font>')
        if highlighted:
            tags.append(
                f'<font color="#{styles.ACCENT.hexval()[2:]}">look for this in this stage</font>'
            )
        cells: list[Flowable] = [Paragraph(f"{BOX} {inline(label, bold=True)}", self.s["check"])]
        if tags:
            cells.append(Paragraph(" · ".join(tags), self.s["small"]))
        if description.strip():
            cells.append(self.p(description, "muted"))
        table = Table(
            [[cells, WritingLines(2, 6 * mm)]],
            colWidths=[78 * mm, CONTENT_WIDTH - 78 * mm],
            hAlign="LEFT",
            splitInRow=1,
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, styles.RULE),
                ]
            )
        )
        return table

    def level_and_vote(self) -> list[Flowable]:
        rubric = self.rubric
        rows: list[list[object]] = []
        lowest = rubric.levels[0].id if rubric.levels else "the ladder"
        rows.append(
            [
                Paragraph(f"{BOX} Below {inline(lowest)}", self.s["check"]),
                Paragraph("not yet at the lowest level of the ladder", self.s["muted"]),
            ]
        )
        for level in rubric.levels:
            rows.append(
                [
                    Paragraph(
                        f"{BOX} {inline(level.id)} {inline(level.title, bold=True)}",
                        self.s["check"],
                    ),
                    Paragraph(
                        f"{para(level.impact)} <font color='#5B6470'>(minimum score "
                        f"{level.min_score:.2f})</font>",
                        self.s["sheet_anchor"],
                    ),
                ]
            )
        ladder = Table(
            rows, colWidths=[58 * mm, CONTENT_WIDTH - 58 * mm], hAlign="LEFT", splitInRow=1
        )
        ladder.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, styles.RULE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        scale = rubric.scale
        votes = " &nbsp;&nbsp;&nbsp; ".join(f"{BOX} {inline(scale.label(r))}" for r in (1, 2, 3, 4))
        return [
            CondPageBreak(70 * mm),
            Paragraph("Level evidence", self.s["h1"]),
            self.p("Which level does what you saw point to? Tick one.", "muted"),
            ladder,
            KeepTogether(
                [
                    Paragraph("Overall recommendation", self.s["h1"]),
                    Paragraph(votes, self.s["decision_detail"]),
                    Spacer(1, 4 * mm),
                    Paragraph("Summary", self.s["cell_label"]),
                    WritingLines(6),
                    Spacer(1, 4 * mm),
                    Paragraph("Signature", self.s["cell_label"]),
                    WritingLines(1),
                ]
            ),
        ]


def build_scoring_sheet(
    rubric: Rubric,
    stage: str,
    out: str | os.PathLike[str] | IO[bytes],
    *,
    invariant: bool = False,
) -> None:
    """Write the blank scoring sheet of ``stage`` (an id, or a number like ``"2"``)."""
    found = find_stage(rubric, stage)
    if isinstance(out, str | os.PathLike):
        write_atomically(
            Path(out),
            lambda stream: build_scoring_sheet(rubric, stage, stream, invariant=invariant),
        )
        return
    title = f"Scoring sheet — Stage {found.number}: {one_line(found.title)}"
    document = KitDocTemplate(
        out,
        title=title,
        subject=f"{one_line(rubric.role_title)} interview, {one_line(rubric.name)}",
        author="Interview Kit",
        keywords="scoring sheet, confidential once completed",
        header=f"Scoring sheet · Stage {found.number} · {inline(found.title)} · "
        "Candidate: ______________________",
        invariant=invariant,
    )
    document.make(_SheetStory(rubric, found, styles.stylesheet()).story())
