"""The page layout every Interview Kit PDF shares.

A first page without a running header, later pages with one, the confidentiality
footer and "Page x of y" on all of them. The total page count is only known at the end,
so each page draws a reference to a PDF form that is filled in once, when the document
is saved: one layout pass, nothing kept per page.
"""

from __future__ import annotations

from typing import IO, Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus import Paragraph as PlainParagraph

from interview_kit import __version__
from interview_kit.reports import styles
from interview_kit.reports.bidi import Paragraph
from interview_kit.reports.fonts import REGULAR
from interview_kit.reports.text import one_line

CONFIDENTIAL = "Confidential — candidate data"
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 18 * mm
MARGIN_BOTTOM = 17 * mm
HEADER_SPACE = 9 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X

_FOOTER_SIZE = 7.5
_TOTAL_FORM = "InterviewKitPageTotal"


class _PageTotalCanvas(Canvas):  # type: ignore[misc]
    """A canvas that writes the page total into a shared form when the file is saved."""

    def save(self) -> None:
        total = max(self.getPageNumber() - 1, 1)
        self.beginForm(_TOTAL_FORM)
        self.setFont(REGULAR, _FOOTER_SIZE)
        self.setFillColor(styles.MUTED)
        self.drawString(0, 0, str(total))
        self.endForm()
        super().save()


class KitDocTemplate(BaseDocTemplate):  # type: ignore[misc]
    """Interview Kit's document: A4, header from page 2 on, footer everywhere.

    ``header`` is Paragraph markup (already escaped) shown at the top of later pages.
    """

    def __init__(
        self,
        out: str | IO[bytes],
        *,
        title: str,
        subject: str,
        author: str,
        header: str,
        keywords: str = "",
        invariant: bool = False,
    ) -> None:
        super().__init__(
            out,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=one_line(title),
            subject=one_line(subject),
            author=one_line(author),
            keywords=one_line(keywords),
            creator=f"Interview Kit {__version__}",
            invariant=1 if invariant else 0,
            lang="en",
        )
        self._styles = styles.stylesheet()
        self._header = header
        self._outline_count = 0
        self._outline_depth = 0
        full = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            CONTENT_WIDTH,
            PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
            id="first",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        later = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            CONTENT_WIDTH,
            PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - HEADER_SPACE,
            id="later",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate(
                    id="first", frames=[full], onPage=self._decorate, autoNextPageTemplate="later"
                ),
                PageTemplate(id="later", frames=[later], onPage=self._decorate_later),
            ]
        )

    def make(self, story: list[Flowable]) -> None:
        self.build(story, canvasmaker=_PageTotalCanvas)

    # -- page furniture ------------------------------------------------------------
    def _decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setStrokeColor(styles.RULE)
        canvas.setLineWidth(0.5)
        y = MARGIN_BOTTOM - 5 * mm
        canvas.line(MARGIN_X, y + 3.2 * mm, PAGE_WIDTH - MARGIN_X, y + 3.2 * mm)
        canvas.setFont(REGULAR, _FOOTER_SIZE)
        canvas.setFillColor(styles.MUTED)
        canvas.drawString(MARGIN_X, y, CONFIDENTIAL)
        label = f"Page {canvas.getPageNumber()} of "
        # Room for a four-digit total after "of ", right-aligned as a block.
        width = canvas.stringWidth(label + "0000", REGULAR, _FOOTER_SIZE)
        x = PAGE_WIDTH - MARGIN_X - width
        canvas.drawString(x, y, label)
        canvas.translate(x + canvas.stringWidth(label, REGULAR, _FOOTER_SIZE), y)
        canvas.doForm(_TOTAL_FORM)
        canvas.restoreState()

    def _decorate_later(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self._decorate(canvas, doc)
        if not self._header:
            return
        canvas.saveState()
        header = Paragraph(self._header, self._styles["header"])
        _, height = header.wrapOn(canvas, CONTENT_WIDTH, 3 * 9.5)
        top = PAGE_HEIGHT - MARGIN_TOP
        header.drawOn(canvas, MARGIN_X, top - min(height, 3 * 9.5))
        canvas.setStrokeColor(styles.RULE)
        canvas.setLineWidth(0.5)
        line_y = top - HEADER_SPACE + 3 * mm
        canvas.line(MARGIN_X, line_y, PAGE_WIDTH - MARGIN_X, line_y)
        canvas.restoreState()

    # -- outline -------------------------------------------------------------------
    def afterFlowable(self, flowable: Any) -> None:
        """Section headings become PDF bookmarks, so a reader can jump between them."""
        if not isinstance(flowable, PlainParagraph):
            return
        level = {"h1": 0, "h2": 1}.get(flowable.style.name)
        if level is None:
            return
        level = min(level, self._outline_depth)
        self._outline_depth = level + 1
        self._outline_count += 1
        key = f"section{self._outline_count}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.getPlainText(), key, level=level, closed=level > 0)
