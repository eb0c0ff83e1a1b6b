"""Right-to-left text (Arabic, Hebrew, ...) joined and drawn in reading order.

ReportLab draws text left to right in the order it is stored. Two libraries make a
right-to-left run read as it should:

- arabic-reshaper gives each Arabic letter its joined form (initial, medial, final,
  isolated; lam-alef ligatures) while the text is still in logical order;
- python-bidi's Unicode bidirectional algorithm puts each line's characters in the
  order they are drawn, mirroring brackets inside right-to-left runs. Its pure-Python
  ``bidi.algorithm`` is used: the Rust wrapper skips rule L4, so a bracket in Arabic
  or Hebrew would face the wrong way (python-bidi issue 25).

The algorithm reorders a line, and only ReportLab knows where a paragraph's lines
break. So each piece of user text holding right-to-left letters is marked with an
embedding and a pop (zero-width characters), ReportLab wraps the logical text, and
:class:`Paragraph` reorders each marked piece on each line after wrapping, then drops the
marks. Each piece is reordered on its own, as HTML's ``<bdi>`` does: in "Name: evidence"
a Hebrew name stays where our wording puts it. A paragraph that is nothing but
right-to-left text and runs over several lines is set flush right.

ReportLab's own right-to-left support needs ``rlbidi``, which is not on PyPI, and in
ReportLab 5 reorders only paragraphs without any markup.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from copy import copy
from typing import Any

import arabic_reshaper
from bidi.algorithm import get_base_level, get_display
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.platypus import paragraph as rl_paragraph

START_RTL = "\u202b"  # RIGHT-TO-LEFT EMBEDDING
START_LTR = "\u202a"  # LEFT-TO-RIGHT EMBEDDING
END = "\u202c"  # POP DIRECTIONAL FORMATTING
_MARKS = re.compile(f"([{START_RTL}{START_LTR}{END}])")

_RESHAPER = arabic_reshaper.ArabicReshaper(
    configuration={
        # ReportLab cannot place a vowel mark over its letter: dropping the marks, as
        # most written Arabic does, reads better than marks hanging beside letters.
        "delete_harakat": True,
        "support_ligatures": True,
    }
)
_PRESENTATION_FORMS = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds a right-to-left letter (Hebrew, Arabic, Syriac, ...)."""
    if text.isascii():
        return False
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def _needs_joining(text: str) -> bool:
    return any(unicodedata.bidirectional(char) == "AL" for char in text)


def shape(text: str, covers: Callable[[int], bool] | None = None) -> str:
    """``text`` in logical order with Arabic letters in their joined forms.

    A joined form the font lacks (``covers`` says no) falls back to the plain letter:
    unjoined but readable, never a missing-glyph box.
    """
    if not _needs_joining(text):
        return text
    shaped = str(_RESHAPER.reshape(text))
    if covers is None:
        return shaped
    return "".join(
        unicodedata.normalize("NFKC", char)
        if _is_presentation_form(ord(char)) and not covers(ord(char))
        else char
        for char in shaped
    )


def _is_presentation_form(code: int) -> bool:
    return any(low <= code <= high for low, high in _PRESENTATION_FORMS)


def is_rtl(text: str) -> bool:
    """Whether ``text`` reads right to left as a whole (its first strong letter is)."""
    return has_rtl(text) and get_base_level(text) == 1


def mark(markup: str, text: str) -> str:
    """``markup`` (showing ``text``) marked for reordering, when ``text`` needs it."""
    if not has_rtl(text):
        return markup
    return f"{START_RTL if is_rtl(text) else START_LTR}{markup}{END}"


def visual(line: str) -> str:
    """One line of (already shaped) logical text in drawing order, brackets mirrored."""
    if not has_rtl(line):
        return line
    return _reorder(line, "R" if is_rtl(line) else "L")


def _reorder(text: str, base: str) -> str:
    """Reorder a line's piece, keeping its outer spaces where they are on the line."""
    core = text.strip(" ")
    if not core:
        return text
    lead = len(text) - len(text.lstrip(" "))
    trail = len(text) - len(text.rstrip(" "))
    shown = get_display(core, base_dir=base)
    return " " * lead + str(shown) + " " * trail


# ---------------------------------------------------------------------------------------
# Paragraphs


class _Field:
    """Direction of the marked piece a line is in, carried from one line to the next."""

    base: str | None = None


def _with_text(frag: Any, text: str) -> Any:
    clone = frag.clone()
    clone.text = text
    return clone


def _reordered(pieces: Sequence[tuple[Any, str]], base: str) -> list[Any]:
    """The frags of one marked piece on one line, in drawing order.

    Every character keeps the frag (font, size, colour) it was laid out in: a field
    is set in one style, and within it a character's font follows from the character.
    """
    text = "".join(piece for _, piece in pieces)
    frag_of: dict[str, Any] = {}
    for frag, piece in pieces:
        for char in piece:
            frag_of.setdefault(char, frag)
    shown = _reorder(text, base)
    out: list[Any] = []
    current: Any = None
    run: list[str] = []
    for char in shown:
        frag = current if char == " " and current is not None else frag_of.get(char)
        if frag is None:  # a mirrored bracket: set like its neighbours
            frag = current if current is not None else pieces[0][0]
        if frag is not current and run:
            out.append(_with_text(current, "".join(run)))
            run = []
        current = frag
        run.append(char)
    if run:
        out.append(_with_text(current, "".join(run)))
    return out


def _visual_frags(frags: Iterable[Any], field: _Field) -> list[Any]:
    out: list[Any] = []
    pending: list[tuple[Any, str]] = []

    def flush() -> None:
        if pending:
            out.extend(_reordered(pending, field.base or "L"))
            pending.clear()

    for frag in frags:
        text = getattr(frag, "text", None)
        if not isinstance(text, str) or not text or hasattr(frag, "cbDefn"):
            flush()
            out.append(frag)
            continue
        if not _MARKS.search(text) and field.base is None:
            out.append(frag)
            continue
        for piece in _MARKS.split(text):
            if not piece:
                continue
            if piece in (START_RTL, START_LTR):
                flush()
                field.base = "R" if piece == START_RTL else "L"
            elif piece == END:
                flush()
                field.base = None
            elif field.base is None:
                out.append(_with_text(frag, piece))
            else:
                pending.append((frag, piece))
    flush()  # the piece goes on past this line: the next line goes on reordering it
    return out


def _visual_words(words: Sequence[str], field: _Field) -> list[str]:
    """A single-style line's words (ReportLab's simple layout) in drawing order."""

    class _Frag:
        def __init__(self, text: str) -> None:
            self.text = text

        def clone(self) -> _Frag:
            return _Frag(self.text)

    frags = _visual_frags([_Frag(" ".join(words))], field)
    return ["".join(frag.text for frag in frags)]


class Paragraph(rl_paragraph.Paragraph):  # type: ignore[misc]
    """A ReportLab paragraph whose marked right-to-left pieces are drawn in reading order.

    Without marks it is ReportLab's paragraph, byte for byte.
    """

    def __init__(self, text: str | None, style: Any = None, *args: Any, **kwargs: Any) -> None:
        self._bidi = bool(text) and _MARKS.search(text or "") is not None
        self._only_rtl = self._bidi and _only_rtl(text or "", kwargs.get("bulletText"))
        super().__init__(text, style, *args, **kwargs)

    def breakLines(self, width: Any) -> Any:
        lines = super().breakLines(width)
        if not self._bidi or not lines.lines:
            return lines
        style: Any = getattr(self, "style")  # noqa: B009 - ReportLab sets it untyped
        if self._only_rtl and len(lines.lines) > 1 and style.alignment == TA_LEFT:
            # Right-to-left prose is set flush right, so each line starts where a reader
            # starts; a one-line name stays where the names around it are.
            style = copy(style)
            style.alignment = TA_RIGHT
            self.style = style
        field = _Field()
        if lines.kind == 0:
            lines.lines = [(extra, _visual_words(words, field)) for extra, words in lines.lines]
        else:
            for line in lines.lines:
                line.words = _visual_frags(line.words, field)
        return lines


def _only_rtl(text: str, bullet: str | None) -> bool:
    """A paragraph that is one right-to-left piece and nothing of ours around it."""
    return not bullet and text.startswith(START_RTL) and text.endswith(END) and text.count(END) == 1
