"""Fonts for every script a name or a note may be written in.

The shipped DejaVu Sans covers Latin, Greek, Cyrillic and much more, and is embedded in
every PDF. Text it cannot show goes, one run of characters at a time, to a fallback:
first an installed TrueType font that has the glyph (ReportLab embeds only TrueType
outlines, so the common CFF-based Noto CJK files cannot be used), then for Chinese,
Japanese and Korean ReportLab's standard Asian CID fonts, which the PDF names and every
viewer supplies. A character nothing covers is shown as a visible replacement mark.

Fonts are registered with ReportLab once per process, on first use.
"""

from __future__ import annotations

import glob
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from interview_kit import paths

logger = logging.getLogger(__name__)

REGULAR = "InterviewKitSans"
BOLD = "InterviewKitSans-Bold"
REPLACEMENT = "\ufffd"
FALLBACK_FONTS_ENV = "INTERVIEW_KIT_FALLBACK_FONTS"
"""Extra TrueType fonts to try for missing glyphs, separated by ``os.pathsep``."""

# Installed fonts worth trying for what DejaVu lacks, most useful first. Globs, so one
# list serves Debian/Ubuntu, Fedora, macOS and Windows layouts.
_CANDIDATE_GLOBS = (
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/google-droid*/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/unfonts-core/UnDotum.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans*-Regular.ttf",
    "/usr/share/fonts/truetype/ancient-scripts/Symbola*.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
    "/usr/share/fonts/truetype/unifont/unifont.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/malgun.ttf",
    "C:/Windows/Fonts/meiryo.ttc",
    "C:/Windows/Fonts/seguisym.ttf",
    "C:/Windows/Fonts/seguiemj.ttf",
)

# ReportLab's standard CID fonts: not embedded, every PDF viewer supplies them.
_CID_JAPANESE = "HeiseiKakuGo-W5"
_CID_CHINESE = "STSong-Light"
_CID_KOREAN = "HYGothic-Medium"

_HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7AF), (0xD7B0, 0xD7FF))
_KANA = ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF65, 0xFF9F))
_HAN = (
    (0x2E80, 0x2FDF),
    (0x3000, 0x303F),
    (0x3100, 0x312F),
    (0x31A0, 0x31BF),
    (0x3200, 0x33FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFF64),
    (0xFFA0, 0xFFEF),
)

# Characters that only shape or direct other text (emoji joiners, variation selectors,
# bidi controls, zero-width spaces): ReportLab neither shapes nor reorders, so they are
# dropped rather than drawn as boxes.
INVISIBLE = frozenset(
    {
        0x00AD,
        0x034F,
        0x061C,
        0x180E,
        0xFEFF,
        *range(0x200B, 0x2010),
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2070),
        *range(0xFE00, 0xFE10),
        *range(0xE0000, 0xE0080),
        *range(0xE0100, 0xE01F0),
    }
)


def _in(code: int, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(low <= code <= high for low, high in ranges)


def cjk_font_for(code: int) -> str | None:
    """Which standard CID font shows this code point, if it is Chinese, Japanese or Korean."""
    if _in(code, _HANGUL):
        return _CID_KOREAN
    if _in(code, _KANA):
        return _CID_JAPANESE
    if _in(code, _HAN):
        return _CID_CHINESE
    return None


@dataclass(frozen=True)
class _Fallback:
    name: str
    covers: Callable[[int], bool]


class FontChain:
    """Maps each character to the font that shows it: the base font, a fallback, or none.

    Lookups are cached per character; installed fallback fonts are only opened when a
    character first needs one.
    """

    def __init__(
        self,
        regular_cmap: frozenset[int],
        bold_cmap: frozenset[int],
        candidates: Iterable[str],
    ) -> None:
        self._regular = regular_cmap
        self._bold = bold_cmap
        self._pending = list(candidates)
        self._loaded: list[_Fallback] = []
        self._cid_loaded: set[str] = set()
        self._cache: dict[tuple[int, bool], str | None] = {}
        self._lock = threading.Lock()

    def with_candidates(self, candidates: Iterable[str]) -> FontChain:
        """The same base font with another list of installed fallbacks to try."""
        return FontChain(self._regular, self._bold, candidates)

    def base_covers(self, code: int, *, bold: bool = False) -> bool:
        """Whether the base font itself has a glyph for ``code``."""
        return code in (self._bold if bold else self._regular)

    def font_for(self, code: int, *, bold: bool = False) -> str | None:
        """``""`` when the base font covers it, a font name, or ``None`` for nothing."""
        key = (code, bold)
        try:
            return self._cache[key]
        except KeyError:
            pass
        with self._lock:
            found = self._lookup(code, bold)
            self._cache[key] = found
        return found

    def _lookup(self, code: int, bold: bool) -> str | None:
        if code > 0xFFFF:
            # ReportLab writes a broken ToUnicode entry for these: the PDF would show the
            # glyph but copy and search as garbage. A visible replacement is honest.
            return None
        if code in (self._bold if bold else self._regular):
            return ""
        if bold and code in self._regular:
            return REGULAR
        for fallback in self._loaded:
            if fallback.covers(code):
                return fallback.name
        while self._pending:
            loaded = _load_truetype(self._pending.pop(0), len(self._loaded))
            if loaded is None:
                continue
            self._loaded.append(loaded)
            if loaded.covers(code):
                return loaded.name
        cid = cjk_font_for(code)
        if cid is not None:
            if cid not in self._cid_loaded:
                _register_family(UnicodeCIDFont(cid))
                self._cid_loaded.add(cid)
            return cid
        return None

    def runs(self, text: str, *, bold: bool = False) -> Iterator[tuple[str, str]]:
        """Split ``text`` into (font, run) pairs; font ``""`` is the base font.

        Characters no font shows become :data:`REPLACEMENT`; invisible formatting
        characters (joiners, bidi controls, variation selectors) are dropped, as nothing
        here shapes or reorders text. Spaces stay in the run they are in.
        """
        if not text:
            return
        codes = set(map(ord, text))
        codes.discard(10)  # line breaks are kept as they are
        base = self._bold if bold else self._regular
        if codes <= base and codes.isdisjoint(INVISIBLE) and max(codes, default=0) <= 0xFFFF:
            # The common case: the base font shows every character.
            yield "", text
            return
        current: str | None = None
        buffer: list[str] = []
        for char in text:
            if char in " \n":
                buffer.append(char)
                if current is None:
                    current = ""
                continue
            code = ord(char)
            if code in INVISIBLE:
                continue
            font = self.font_for(code, bold=bold)
            shown = char
            if font is None:
                shown, font = REPLACEMENT, ""
            if font != current and buffer:
                yield current or "", "".join(buffer)
                buffer = []
            current = font
            buffer.append(shown)
        if buffer:
            yield current or "", "".join(buffer)


def _register_family(font: TTFont | UnicodeCIDFont) -> None:
    """Register a font as its own family, so ``<b>`` around it never fails to resolve."""
    pdfmetrics.registerFont(font)
    name = font.fontName
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)


def _load_truetype(path: str, index: int) -> _Fallback | None:
    name = f"InterviewKitFallback{index}"
    try:
        font = (
            TTFont(name, path, subfontIndex=0)
            if path.lower().endswith(".ttc")
            else TTFont(name, path)
        )
    except Exception as exc:  # noqa: BLE001 - a broken or unusable font file only means "skip it"
        logger.debug("fallback font %s not usable: %s", path, exc)
        return None
    cmap = frozenset(font.face.charToGlyph)
    _register_family(font)
    logger.debug("fallback font %s registered as %s (%d glyphs)", path, name, len(cmap))
    return _Fallback(name, cmap.__contains__)


def _candidate_paths() -> list[str]:
    found: list[str] = []
    extra = os.environ.get(FALLBACK_FONTS_ENV, "")
    patterns = [p for p in extra.split(os.pathsep) if p] + list(_CANDIDATE_GLOBS)
    for pattern in patterns:
        for path in sorted(glob.glob(pattern)):  # noqa: PTH207 - absolute patterns
            if path not in found and Path(path).is_file():
                found.append(path)
    return found


def font_file(name: str) -> Path:
    return paths.resource_path("fonts", name)


_chain: FontChain | None = None
_chain_lock = threading.Lock()


def font_chain() -> FontChain:
    """The process's fonts, registered with ReportLab on the first call."""
    global _chain  # noqa: PLW0603 - ReportLab's font registry is itself process-wide
    if _chain is not None:
        return _chain
    with _chain_lock:
        if _chain is None:
            regular = TTFont(REGULAR, str(font_file("DejaVuSans.ttf")))
            bold = TTFont(BOLD, str(font_file("DejaVuSans-Bold.ttf")))
            pdfmetrics.registerFont(regular)
            pdfmetrics.registerFont(bold)
            pdfmetrics.registerFontFamily(
                REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
            )
            _chain = FontChain(
                frozenset(regular.face.charToGlyph),
                frozenset(bold.face.charToGlyph),
                _candidate_paths(),
            )
    return _chain
