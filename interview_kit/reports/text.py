"""User text made safe for ReportLab: cleaned, escaped, and set in fonts that show it.

Everything a user typed reaches a ``Paragraph`` only through :func:`para`, so markup
characters print literally and no character can stop a packet from being built.
Right-to-left text is joined and marked for reordering there too (see :mod:`.bidi`).
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

from interview_kit.reports import bidi
from interview_kit.reports.fonts import REPLACEMENT, FontChain, font_chain

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile("\r\n|[\r\u0085\u2028\u2029]")


def clean(text: str) -> str:
    """Plain, printable text: no control characters, no lone surrogates, NFC."""
    if not text:
        return ""
    if not text.isascii():
        # Lone surrogates cannot be encoded into a PDF: make them visible replacements.
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = text.replace("\t", "    ")
    return _CONTROL.sub("", text)


def one_line(text: str) -> str:
    """Cleaned text with line breaks folded into spaces (names, titles, metadata)."""
    return " ".join(clean(text).split())


def para(text: str, *, bold: bool = False, chain: FontChain | None = None) -> str:
    """Paragraph markup that prints ``text`` exactly, in fonts that have its glyphs.

    Line breaks are kept. Each run the base font lacks is wrapped in a ``<font>`` tag
    naming the fallback that shows it. Text with right-to-left letters is joined and
    marked, so :class:`~interview_kit.reports.bidi.Paragraph` draws it in reading order.
    """
    text = clean(text)
    if not text:
        return ""
    chain = chain or font_chain()
    rtl = bidi.has_rtl(text)
    if rtl:
        text = bidi.shape(text, lambda code: chain.font_for(code, bold=bold) is not None)
    parts: list[str] = []
    for font, run in chain.runs(text, bold=bold):
        escaped = escape(run).replace("\n", "<br/>")
        parts.append(f'<font name="{font}">{escaped}</font>' if font else escaped)
    markup = "".join(parts)
    return bidi.mark(markup, text) if rtl else markup


def inline(text: str, *, bold: bool = False, chain: FontChain | None = None) -> str:
    """Like :func:`para` for a one-line value: line breaks become spaces."""
    return para(one_line(text), bold=bold, chain=chain)


def shown_text(text: str, *, chain: FontChain | None = None) -> str:
    """``text`` as a chart label in the base font: missing glyphs become replacement marks.

    Arabic letters are joined; the label stays in logical order, so whoever breaks it
    into lines draws each with :func:`~interview_kit.reports.bidi.visual`.
    """
    chain = chain or font_chain()
    text = bidi.shape(one_line(text), chain.base_covers)
    return "".join(
        run if not font else "".join(c if c == " " else REPLACEMENT for c in run)
        for font, run in chain.runs(text)
    )


def truncate(text: str, limit: int) -> str:
    text = one_line(text)
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + "…"
