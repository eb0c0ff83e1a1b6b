"""The one stylesheet every packet and scoring sheet is set in."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1

from interview_kit.reports.fonts import BOLD, REGULAR, font_chain

INK = colors.HexColor("#1B1F24")
MUTED = colors.HexColor("#5B6470")
RULE = colors.HexColor("#C9CED6")
ACCENT = colors.HexColor("#1F4E79")
ACCENT_LIGHT = colors.HexColor("#DCE7F3")
HIRE = colors.HexColor("#1E7B4F")
HIRE_LIGHT = colors.HexColor("#E3F3EA")
NO_HIRE = colors.HexColor("#B3261E")
NO_HIRE_LIGHT = colors.HexColor("#FBE7E5")
UNDECIDED = colors.HexColor("#8A6100")
UNDECIDED_LIGHT = colors.HexColor("#FBF1D9")
SPREAD = colors.HexColor("#F6DFA6")
HEADER_FILL = colors.HexColor("#EEF1F5")
ZEBRA = colors.HexColor("#F7F8FA")

RATING_FILLS = {
    1: colors.HexColor("#F4C7C3"),
    2: colors.HexColor("#FBE4D6"),
    3: colors.HexColor("#D9EFDF"),
    4: colors.HexColor("#B7DFC4"),
}


def decision_colours(hire: bool | None) -> tuple[colors.Color, colors.Color]:
    """(strong, light) colour for a hire, a no hire, or an open decision."""
    if hire is True:
        return HIRE, HIRE_LIGHT
    if hire is False:
        return NO_HIRE, NO_HIRE_LIGHT
    return UNDECIDED, UNDECIDED_LIGHT


def stylesheet() -> StyleSheet1:
    """Paragraph styles by name; registers the fonts on first use."""
    font_chain()
    sheet = StyleSheet1()
    base = ParagraphStyle(
        "body",
        fontName=REGULAR,
        fontSize=9,
        leading=12.5,
        textColor=INK,
        splitLongWords=1,
        spaceAfter=3,
        allowWidows=0,
        allowOrphans=0,
    )
    sheet.add(base)

    def add(name: str, **changes: object) -> None:
        parent = changes.pop("parent", base)
        sheet.add(ParagraphStyle(name, parent=parent, **changes))

    add("kicker", fontName=BOLD, fontSize=8, leading=10, textColor=ACCENT, spaceAfter=2)
    add("title", fontName=BOLD, fontSize=22, leading=27, spaceAfter=4)
    add("subtitle", fontSize=10.5, leading=14, textColor=INK, spaceAfter=1)
    add("meta", fontSize=8, leading=11, textColor=MUTED, spaceAfter=1)
    add(
        "h1",
        fontName=BOLD,
        fontSize=14,
        leading=18,
        textColor=ACCENT,
        spaceBefore=10,
        spaceAfter=6,
        keepWithNext=1,
    )
    add(
        "h2",
        fontName=BOLD,
        fontSize=11,
        leading=14,
        textColor=INK,
        spaceBefore=8,
        spaceAfter=4,
        keepWithNext=1,
    )
    add("h3", fontName=BOLD, fontSize=9, leading=12, spaceBefore=5, spaceAfter=2, keepWithNext=1)
    add("small", fontSize=8, leading=10.5, spaceAfter=2)
    add(
        "item",
        fontName=BOLD,
        fontSize=8.5,
        leading=11,
        spaceBefore=2,
        spaceAfter=1.5,
        keepWithNext=1,
    )
    add("muted", fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=2)
    add("bullet", leftIndent=11, bulletIndent=2, spaceAfter=2)
    add("small_bullet", fontSize=8, leading=10.5, leftIndent=11, bulletIndent=2, spaceAfter=1.5)
    add("evidence", fontSize=8.5, leading=11.5, leftIndent=11, spaceAfter=2.5)
    add("cell", fontSize=8.5, leading=11, spaceAfter=0)
    add("cell_bold", fontName=BOLD, fontSize=8.5, leading=11, spaceAfter=0)
    add("check", fontName=BOLD, fontSize=8.5, leading=12.5, spaceAfter=0)
    add("cell_label", fontName=BOLD, fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=0)
    add("cell_center", fontSize=8.5, leading=11, alignment=TA_CENTER, spaceAfter=0)
    add(
        "cell_head",
        fontName=BOLD,
        fontSize=7.5,
        leading=9.5,
        alignment=TA_CENTER,
        textColor=MUTED,
        spaceAfter=0,
    )
    add(
        "cell_head_left",
        fontName=BOLD,
        fontSize=7.5,
        leading=9.5,
        alignment=TA_LEFT,
        textColor=MUTED,
        spaceAfter=0,
    )
    add("decision_label", fontName=BOLD, fontSize=8, leading=10, textColor=MUTED, spaceAfter=2)
    add("decision", fontName=BOLD, fontSize=20, leading=24, spaceAfter=3)
    add("decision_detail", fontSize=10, leading=13.5, spaceAfter=0)
    add("header", fontSize=7.5, leading=9.5, textColor=MUTED, spaceAfter=0)
    add("header_right", fontSize=7.5, leading=9.5, textColor=MUTED, alignment=TA_RIGHT)
    add("sheet_anchor", fontSize=8, leading=10.5, spaceAfter=0)
    add("box", fontSize=12, leading=13, alignment=TA_CENTER, spaceAfter=0)
    return sheet
