"""The committee's hiring-quality report: the evidence views on paper (docs/evidence.md).

Plain data in (:mod:`interview_kit.reports.quality_data`), the packet's page template,
stylesheet and text helpers: every piece of text is escaped (and given fonts that have
its glyphs) before it reaches a ``Paragraph``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from interview_kit.reports import styles
from interview_kit.reports.bidi import Paragraph
from interview_kit.reports.packet import write_atomically
from interview_kit.reports.quality_data import FigureTable, QualityReportData, Section
from interview_kit.reports.template import CONTENT_WIDTH, KitDocTemplate
from interview_kit.reports.text import inline, para

Output = str | os.PathLike[str] | IO[bytes]

_MIN_COLUMN = 9 * mm
_MAX_COLUMN = 70 * mm
_CELL_SIZE = 7.2


def _cell_styles(sheet: StyleSheet1) -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    cell = ParagraphStyle(
        "quality_cell", parent=sheet["cell"], fontSize=_CELL_SIZE, leading=_CELL_SIZE + 2
    )
    head = ParagraphStyle(
        "quality_head",
        parent=sheet["cell_head_left"],
        fontSize=_CELL_SIZE - 0.4,
        leading=_CELL_SIZE + 1.6,
    )
    note = ParagraphStyle("quality_note", parent=sheet["muted"], fontSize=7.5, leading=9.8)
    return cell, head, note


def _widths(figures: FigureTable, cell: ParagraphStyle, head: ParagraphStyle) -> list[float]:
    """Each column as wide as its longest text (headers whole, cells up to
    :data:`_MAX_COLUMN`); when they do not fit, the widest give way first."""
    padding = 6.5
    natural = []
    for index, header in enumerate(figures.headers):
        longest = max(
            [stringWidth(row[index], cell.fontName, cell.fontSize) for row in figures.rows]
            + [stringWidth(word, head.fontName, head.fontSize) for word in header.split()]
            + [_MIN_COLUMN - padding]
        )
        natural.append(min(longest + padding, _MAX_COLUMN))
    widths = list(natural)
    while sum(widths) > CONTENT_WIDTH + 0.01:
        widest = max(widths)
        narrower = [w for w in widths if w < widest]
        excess = sum(widths) - CONTENT_WIDTH
        count = widths.count(widest)
        floor = max(max(narrower, default=0.0), widest - excess / count, _MIN_COLUMN)
        widths = [floor if w == widest else w for w in widths]
        if floor == _MIN_COLUMN:
            break
    if sum(widths) < CONTENT_WIDTH:
        # The last column (notes, caveats, reasons) takes what is left.
        widths[-1] += CONTENT_WIDTH - sum(widths)
    return widths


def figure_table(figures: FigureTable, sheet: StyleSheet1) -> list[Flowable]:
    cell, head, note = _cell_styles(sheet)
    title = Paragraph(inline(figures.title, bold=True), sheet["h3"])
    # A long table splits across pages: its title goes with it only when a few rows fit
    # below (keeping the whole table with its title would push it to a fresh page).
    start: list[Flowable] = [CondPageBreak(30 * mm)]
    if not figures.rows:
        return [KeepTogether([title, Paragraph(inline(figures.empty_text), sheet["muted"])])]
    rows = [[Paragraph(inline(h), head) for h in figures.headers]]
    rows += [[Paragraph(inline(value), cell) for value in row] for row in figures.rows]
    commands: list[tuple[object, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), styles.HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, styles.RULE),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, styles.RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
    ]
    flagged = set(figures.flagged_rows)
    for index in range(len(figures.rows)):
        if index in flagged:
            commands.append(("BACKGROUND", (0, index + 1), (-1, index + 1), styles.UNDECIDED_LIGHT))
        elif index % 2:
            commands.append(("BACKGROUND", (0, index + 1), (-1, index + 1), styles.ZEBRA))
    table = Table(rows, colWidths=_widths(figures, cell, head), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    title.keepWithNext = 0
    story: list[Flowable] = [*start, title, table]
    story += [Paragraph(para(text), note) for text in figures.notes]
    story.append(Spacer(1, 2 * mm))
    return story


def _section(section: Section, sheet: StyleSheet1) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph(inline(section.title), sheet["h1"]),
        Paragraph(para(section.intro), sheet["body"]),
    ]
    for warning in section.warnings[:12]:
        story.append(Paragraph(para(warning), sheet["small_bullet"], bulletText="!"))
    if len(section.warnings) > 12:
        story.append(
            Paragraph(inline(f"… and {len(section.warnings) - 12} more below."), sheet["muted"])
        )
    for figures in section.tables:
        story += figure_table(figures, sheet)
    return story


def quality_story(data: QualityReportData, sheet: StyleSheet1 | None = None) -> list[Flowable]:
    sheet = sheet or styles.stylesheet()
    story: list[Flowable] = [
        Paragraph("COMMITTEE REPORT", sheet["kicker"]),
        Paragraph(inline(data.title), sheet["title"]),
        Paragraph(
            inline(
                f"{data.database} · generated {data.generated_at.strftime('%Y-%m-%d %H:%M')} UTC"
            ),
            sheet["meta"],
        ),
    ]
    if data.note:
        story.append(Paragraph(para(data.note), sheet["body"]))
    contents = " · ".join(inline(section.title) for section in data.sections)
    story.append(Paragraph(contents, sheet["muted"]))
    for section in data.sections:
        story += _section(section, sheet)
    return story


def build_quality_report(data: QualityReportData, out: Output, *, invariant: bool = False) -> None:
    """Write the report to a path (through a temporary file) or a binary stream."""
    if isinstance(out, str | os.PathLike):
        write_atomically(
            Path(out), lambda stream: build_quality_report(data, stream, invariant=invariant)
        )
        return
    document = KitDocTemplate(
        out,
        title=f"{data.title} — committee report",
        subject="Reliability, validity, adverse impact, drift and overrides (confidential)",
        author="Interview Kit",
        header=inline(f"{data.title} · committee report"),
        keywords="hiring quality, confidential",
        invariant=invariant,
    )
    document.make(quality_story(data))
