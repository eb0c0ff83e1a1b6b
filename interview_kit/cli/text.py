"""Text for a terminal: plurals, scores, and tables whose columns line up in any script."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def score_text(score: float | None) -> str:
    return "—" if score is None else f"{score:.2f}"


def display_width(text: str) -> int:
    """Terminal columns: East Asian wide characters take two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def fit(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` columns (with an ellipsis) and pad it to exactly that."""
    if display_width(text) > width:
        cut = ""
        for char in text:
            if display_width(cut + char) > width - 1:
                break
            cut += char
        text = cut + "…"
    return text + " " * (width - display_width(text))


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], limits: Sequence[int]) -> str:
    widths = [
        min(limit, max([display_width(h)] + [display_width(row[i]) for row in rows]))
        for i, (h, limit) in enumerate(zip(headers, limits, strict=True))
    ]
    lines = ["  ".join(fit(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend(
        "  ".join(fit(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )
    return "\n".join(lines)
