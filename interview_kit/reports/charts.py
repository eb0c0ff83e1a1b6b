"""The packet's pictures: competency radar, stage score bars, position in the band."""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from interview_kit.reports import bidi, styles
from interview_kit.reports.fonts import BOLD, REGULAR
from interview_kit.reports.packet_data import BandInfo, RadarData, StageBar
from interview_kit.reports.text import shown_text, truncate

SCALE_MAX = 4.0
CANDIDATE = styles.ACCENT
LEVEL = colors.HexColor("#C0504D")


def _wrap(
    text: str, width: float, size: float, max_lines: int = 2, font: str = REGULAR
) -> list[str]:
    """Word-wrap a label into at most ``max_lines`` lines, ending in "…" when cut short."""

    def fits(piece: str) -> bool:
        used: float = stringWidth(piece, font, size)
        return used <= width

    def longest_prefix(word: str) -> int:
        used = 0.0
        for index, char in enumerate(word):
            used += stringWidth(char, font, size)
            if used > width:
                return max(index, 1)
        return len(word)

    lines: list[str] = []
    current = ""
    for word in truncate(shown_text(text), 200).split():
        candidate = f"{current} {word}" if current else word
        if fits(candidate):
            current = candidate
            continue
        if current:
            lines.append(current)
        rest = word
        while not fits(rest) and len(rest) > 1:
            cut = longest_prefix(rest)
            lines.append(rest[:cut])
            rest = rest[cut:]
        current = rest
        if len(lines) > max_lines:
            break
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and not fits(last + "…"):
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return [bidi.visual(line) for line in lines] or [""]


def finite(value: float | None) -> float | None:
    """``value`` if it is a real number; NaN and infinities count as missing."""
    if value is None or not math.isfinite(value):
        return None
    return float(value)


def _fmt(value: float | None) -> str:
    value = finite(value)
    return "–" if value is None else f"{value:.2f}"


def radar_chart(data: RadarData, width: float, height: float) -> Drawing | None:
    """Spokes for each dimension; the candidate filled, the level minimum dashed.

    ``None`` when there are fewer than three spokes: a radar of two points says nothing.
    """
    count = len(data.labels)
    if count < 3:
        return None
    drawing = Drawing(width, height)
    legend_height = 16.0
    cx = width / 2
    cy = legend_height + (height - legend_height) / 2
    label_room = 34.0
    radius = max(min(width / 2 - 70, (height - legend_height) / 2 - label_room), 20)

    def point(index: int, value: float | None) -> tuple[float, float]:
        angle = math.pi / 2 - 2 * math.pi * index / count
        r = radius * max(min(finite(value) or 0.0, SCALE_MAX), 0.0) / SCALE_MAX
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    grid = Group()
    for ring in (1, 2, 3, 4):
        ring_points: list[float] = []
        for i in range(count):
            ring_points.extend(point(i, float(ring)))
        grid.add(Polygon(ring_points, strokeColor=styles.RULE, strokeWidth=0.5, fillColor=None))
        x, y = point(0, float(ring))
        grid.add(
            String(x + 2, y - 7, str(ring), fontName=REGULAR, fontSize=6, fillColor=styles.MUTED)
        )
    for i in range(count):
        x, y = point(i, SCALE_MAX)
        grid.add(Line(cx, cy, x, y, strokeColor=styles.RULE, strokeWidth=0.5))
    drawing.add(grid)

    level_points: list[float] = []
    for i, value in enumerate(data.level_minimum):
        level_points.extend(point(i, value))
    if len(level_points) == 2 * count and any(finite(v) is not None for v in data.level_minimum):
        drawing.add(
            Polygon(
                level_points,
                strokeColor=LEVEL,
                strokeWidth=1.2,
                strokeDashArray=[3, 2],
                fillColor=None,
            )
        )

    candidate_points: list[float] = []
    for i in range(count):
        value = data.candidate[i] if i < len(data.candidate) else None
        candidate_points.extend(point(i, value))
    drawing.add(
        Polygon(
            candidate_points,
            strokeColor=CANDIDATE,
            strokeWidth=1.5,
            fillColor=CANDIDATE,
            fillOpacity=0.18,
        )
    )
    for i in range(count):
        value = finite(data.candidate[i]) if i < len(data.candidate) else None
        if value is not None:
            x, y = point(i, value)
            drawing.add(Circle(x, y, 1.8, fillColor=CANDIDATE, strokeColor=None))

    size = 7.0
    for i, label in enumerate(data.labels):
        value = finite(data.candidate[i]) if i < len(data.candidate) else None
        angle = math.pi / 2 - 2 * math.pi * i / count
        x = cx + (radius + 8) * math.cos(angle)
        y = cy + (radius + 8) * math.sin(angle)
        cos = math.cos(angle)
        anchor = "middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end")
        lines = _wrap(label, 92, size)
        lines.append(_fmt(value) if value is not None else "not rated")
        line_height = size + 1.5
        sin = math.sin(angle)
        top = y + (len(lines) * line_height if sin > 0.3 else len(lines) * line_height / 2)
        if sin < -0.3:
            top = y
        for n, text in enumerate(lines):
            last = n == len(lines) - 1
            drawing.add(
                String(
                    x,
                    top - (n + 1) * line_height + 2,
                    text,
                    fontName=BOLD if last else REGULAR,
                    fontSize=size,
                    fillColor=CANDIDATE if last else styles.INK,
                    textAnchor=anchor,
                )
            )

    _legend(drawing, width, data.level_label)
    return drawing


def _legend(drawing: Drawing, width: float, level_label: str) -> None:
    items = [("Candidate", CANDIDATE, False)]
    if level_label:
        items.append((bidi.visual(truncate(shown_text(level_label), 40)), LEVEL, True))
    total = sum(22 + stringWidth(text, REGULAR, 7) + 14 for text, _, _ in items)
    x = (width - total) / 2
    for text, colour, dashed in items:
        if dashed:
            drawing.add(
                Line(x, 6, x + 16, 6, strokeColor=colour, strokeWidth=1.2, strokeDashArray=[3, 2])
            )
        else:
            drawing.add(
                Rect(
                    x,
                    2,
                    16,
                    8,
                    fillColor=colour,
                    fillOpacity=0.25,
                    strokeColor=colour,
                    strokeWidth=1,
                )
            )
        drawing.add(String(x + 20, 3.5, text, fontName=REGULAR, fontSize=7, fillColor=styles.INK))
        x += 22 + stringWidth(text, REGULAR, 7) + 14


def stage_bars(
    bars: Sequence[StageBar],
    width: float,
    *,
    hire_bar: float | None = None,
    level_minimum: float | None = None,
    level_label: str = "",
) -> Drawing:
    """One horizontal bar per stage on the 1-4 scale, with the hire bar and level minimum."""
    row = 22.0
    top_pad = 16.0
    bottom_pad = 16.0
    label_width = 150.0
    value_room = 70.0
    height = top_pad + bottom_pad + row * max(len(bars), 1)
    drawing = Drawing(width, height)
    x0 = label_width
    x1 = width - value_room

    def x_for(score: float) -> float:
        return x0 + (x1 - x0) * (max(min(score, SCALE_MAX), 1.0) - 1.0) / (SCALE_MAX - 1.0)

    for tick in (1, 2, 3, 4):
        x = x_for(float(tick))
        drawing.add(
            Line(x, bottom_pad, x, height - top_pad + 4, strokeColor=styles.RULE, strokeWidth=0.5)
        )
        drawing.add(
            String(
                x,
                bottom_pad - 10,
                str(tick),
                fontName=REGULAR,
                fontSize=7,
                fillColor=styles.MUTED,
                textAnchor="middle",
            )
        )

    for index, bar in enumerate(bars):
        y = height - top_pad - (index + 1) * row
        lines = _wrap(bar.label, label_width - 10, 8, max_lines=2)
        for n, text in enumerate(lines):
            offset = (len(lines) - 1) * 4.5 - n * 9
            drawing.add(
                String(
                    0,
                    y + row / 2 - 3 + offset,
                    text,
                    fontName=REGULAR,
                    fontSize=8,
                    fillColor=styles.INK,
                )
            )
        score = finite(bar.score)
        if score is None:
            drawing.add(
                String(
                    x0 + 4,
                    y + row / 2 - 3,
                    "not interviewed yet",
                    fontName=REGULAR,
                    fontSize=7.5,
                    fillColor=styles.MUTED,
                )
            )
            continue
        end = x_for(score)
        drawing.add(
            Rect(x0, y + 5, max(end - x0, 1.0), row - 10, fillColor=styles.ACCENT, strokeColor=None)
        )
        cards = (
            f" ({bar.scorecards} card{'s' if bar.scorecards != 1 else ''})"
            if bar.scorecards
            else ""
        )
        drawing.add(
            String(
                end + 4,
                y + row / 2 - 3,
                f"{score:.2f}{cards}",
                fontName=BOLD,
                fontSize=7.5,
                fillColor=styles.INK,
            )
        )

    markers = []
    hire_bar, level_minimum = finite(hire_bar), finite(level_minimum)
    if hire_bar is not None:
        markers.append((hire_bar, f"Hire bar {hire_bar:.2f}", styles.HIRE))
    if level_minimum is not None:
        level = bidi.visual(truncate(shown_text(level_label), 27))
        markers.append((level_minimum, f"{level} minimum {level_minimum:.2f}".strip(), LEVEL))
    last_label_end = -1e9
    for value, label, colour in sorted(markers):
        x = x_for(value)
        drawing.add(
            Line(
                x,
                bottom_pad,
                x,
                height - top_pad + 2,
                strokeColor=colour,
                strokeWidth=1,
                strokeDashArray=[3, 2],
            )
        )
        label_width_pt = stringWidth(label, REGULAR, 6.5)
        start = max(x - label_width_pt / 2, last_label_end + 6, 0)
        start = min(start, width - label_width_pt)
        drawing.add(
            String(
                start, height - top_pad + 6, label, fontName=REGULAR, fontSize=6.5, fillColor=colour
            )
        )
        last_label_end = start + label_width_pt
    return drawing


def band_position(band: BandInfo, width: float) -> Drawing:
    """The band as a line from minimum to maximum, the suggested base marked on it."""
    height = 30.0
    drawing = Drawing(width, height)
    pad = 6.0
    x0, x1 = pad, width - pad
    y = 17.0
    drawing.add(Rect(x0, y - 3, x1 - x0, 6, fillColor=styles.ACCENT_LIGHT, strokeColor=None))
    mid_x = x0 + (x1 - x0) / 2
    low, mid, high = finite(band.base_min), finite(band.base_mid), finite(band.base_max)
    span = (high - low) if low is not None and high is not None else 0.0
    if span > 0 and mid is not None and low is not None:
        mid_x = x0 + (x1 - x0) * max(min((mid - low) / span, 1.0), 0.0)
    for x, text in ((x0, "min"), (mid_x, "mid"), (x1, "max")):
        drawing.add(Line(x, y - 5, x, y + 5, strokeColor=styles.MUTED, strokeWidth=0.8))
        drawing.add(
            String(
                x,
                2,
                text,
                fontName=REGULAR,
                fontSize=6.5,
                fillColor=styles.MUTED,
                textAnchor="middle",
            )
        )
    position = finite(band.position)
    suggested = finite(band.suggested_base)
    if position is None and suggested is not None and low is not None and span > 0:
        position = (suggested - low) / span
    if position is not None:
        px = x0 + (x1 - x0) * max(min(position, 1.0), 0.0)
        drawing.add(
            Polygon(
                [px - 4.5, y + 10, px + 4.5, y + 10, px, y + 2],
                fillColor=styles.ACCENT,
                strokeColor=None,
            )
        )
        drawing.add(PolyLine([px, y - 4, px, y + 4], strokeColor=styles.ACCENT, strokeWidth=2))
    return drawing
