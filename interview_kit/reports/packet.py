"""The hiring packet: one candidate's recommendation and its evidence, on paper.

Page 1 is the decision a committee member takes in at a glance; the pages after it hold
the competency picture, each stage's ratings and evidence, signals and red flags, the
engine's reasoning, the panel and the committee's decision block.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO

from reportlab.lib.styles import StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from interview_kit.domain.wording import plural
from interview_kit.reports import charts, styles
from interview_kit.reports.bidi import Paragraph
from interview_kit.reports.fonts import BOLD, REGULAR
from interview_kit.reports.packet_data import (
    BandInfo,
    CommitteeDecision,
    Observed,
    PacketData,
    Report,
    StageSection,
)
from interview_kit.reports.template import CONTENT_WIDTH, KitDocTemplate
from interview_kit.reports.text import inline, one_line, para, shown_text, truncate

logger = logging.getLogger(__name__)

Output = str | os.PathLike[str] | IO[bytes]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# ---------------------------------------------------------------------------------------
# Formatting


def format_date(value: date | datetime | None) -> str:
    """Locale-independent, unambiguous: 21 Nov 2026, or 21 Nov 2026 14:05 UTC."""
    if value is None:
        return "–"
    text = f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
    if isinstance(value, datetime):
        text += f" {value:%H:%M}"
        if value.tzinfo is not None:
            text += f" {value.tzname() or value.strftime('%z')}"
    return text


def _score(value: float | None) -> str:
    value = charts.finite(value)
    return "–" if value is None else f"{value:.2f}"


def _money(currency: str, value: float | None) -> str:
    value = charts.finite(value)
    if value is None:
        return "–"
    return f"{one_line(currency)} {value:,.0f}"


def panel_votes(yes: int, no: int) -> str:
    """The panel's votes in words: "Unanimous: 6 yes", "Split: 4 yes, 2 no"."""
    if yes and no:
        return f"Split: {yes} yes, {no} no"
    if yes or no:
        return f"Unanimous: {yes} yes" if yes else f"Unanimous: {no} no"
    return "No votes yet"


def _reporters(item: Observed) -> list[str]:
    """Who reported ``item``, each person once, in the order they first did."""
    names: list[str] = []
    for report in item.reports:
        name = one_line(report.interviewer) or "Interviewer"
        if name not in names:
            names.append(name)
    return names


def _by_reporter(reports: Sequence[Report]) -> list[Report]:
    """One report per interviewer: what one person wrote in several places, together."""
    merged: dict[str, list[str]] = {}
    for report in reports:
        name = one_line(report.interviewer) or "Interviewer"
        texts = merged.setdefault(name, [])
        if report.evidence.strip():
            texts.append(report.evidence.strip())
    return [Report(name, "\n".join(texts)) for name, texts in merged.items()]


# ---------------------------------------------------------------------------------------
# The story


class _PacketStory:
    """Turns one :class:`PacketData` into flowables."""

    def __init__(self, data: PacketData, sheet: StyleSheet1) -> None:
        self.data = data
        self.s = sheet

    # -- small helpers -------------------------------------------------------------
    def p(self, text: str, style: str = "body", *, bold: bool = False) -> Paragraph:
        """A paragraph of user text, escaped and font-mapped."""
        return Paragraph(para(text, bold=bold), self.s[style])

    def m(self, markup: str, style: str = "body", **kwargs: str) -> Paragraph:
        """A paragraph of our own markup; ``kwargs`` are user text, escaped into it."""
        values = {key: inline(value) for key, value in kwargs.items()}
        return Paragraph(markup.format(**values), self.s[style])

    def table(
        self,
        rows: list[list[object]],
        widths: Sequence[float],
        commands: Sequence[tuple[object, ...]] = (),
        *,
        header: bool = False,
        zebra: bool = False,
    ) -> Table:
        base: list[tuple[object, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if header:
            base += [
                ("BACKGROUND", (0, 0), (-1, 0), styles.HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, styles.RULE),
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
            ]
        if zebra:
            start = 1 if header else 0
            base += [
                ("BACKGROUND", (0, row), (-1, row), styles.ZEBRA)
                for row in range(start + 1, len(rows), 2)
            ]
        base += [("LINEBELOW", (0, -1), (-1, -1), 0.6, styles.RULE)]
        table = Table(
            rows,
            colWidths=list(widths),
            repeatRows=1 if header else 0,
            splitInRow=1,
            hAlign="LEFT",
        )
        table.setStyle(TableStyle([*base, *commands]))
        return table

    def bullets(self, items: Iterable[str], style: str = "bullet") -> list[Flowable]:
        return [Paragraph(para(item), self.s[style], bulletText="•") for item in items]

    # -- the whole packet ----------------------------------------------------------
    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        story += self.summary()
        story.append(PageBreak())
        story += self.competency()
        story += self.stage_sections()
        story += self.observations()
        story += self.why()
        story += self.panel()
        story += self.decision_block()
        return story

    # -- 1. decision summary -------------------------------------------------------
    def summary(self) -> list[Flowable]:
        d = self.data
        out: list[Flowable] = [
            Paragraph(
                "BLIND REVIEW · HIRING PACKET" if d.anonymised else "HIRING PACKET",
                self.s["kicker"],
            ),
            Paragraph(inline(d.candidate_name or "Unnamed candidate", bold=True), self.s["title"]),
            self.m(
                "{role} · {day}",
                "subtitle",
                role=d.role_title or "Role not named",
                day=format_date(d.packet_date),
            ),
        ]
        facts = []
        if d.candidate_source:
            facts.append(f"Source: {one_line(d.candidate_source)}")
        if d.candidate_origin:
            facts.append(f"Path: {one_line(d.candidate_origin)}")
        if d.candidate_email:
            facts.append(one_line(d.candidate_email))
        rubric = f"Rubric {one_line(d.rubric_version) or 'unversioned'}"
        if d.rubric_hash:
            rubric += f" ({one_line(d.rubric_hash)[:12]})"
        facts.append(rubric)
        out.append(Paragraph(" · ".join(inline(f) for f in facts), self.s["meta"]))
        out.append(Spacer(1, 5 * mm))
        out.append(self.decision_banner())
        out.append(Spacer(1, 5 * mm))
        out.append(self.key_facts())
        return out

    def decision_banner(self) -> Table:
        d = self.data
        strong, light = styles.decision_colours(d.hire)
        headline = inline(d.decision or "No recommendation yet", bold=True)
        if d.level_id:
            level = " ".join(x for x in (d.level_id, d.level_title) if x)
            headline += " · " + inline(level, bold=True)
        details = [
            f"Score <b>{_score(d.score)}</b> of 4.00"
            if charts.finite(d.score) is not None
            else "No score yet"
        ]
        if d.confidence:
            details.append(f"Confidence <b>{inline(d.confidence, bold=True)}</b>")
        a = d.agreement
        if a.yes_side or a.no_side:
            votes = panel_votes(a.yes_side, a.no_side)
            details.append(f"Panel <b>{votes[0].lower()}{votes[1:]}</b>")
        red = sum(1 for f in d.red_flags if f.severity == "blocker")
        if red:
            details.append(f"<b>{plural(red, 'blocker')}</b>")
        colour = strong.hexval()[2:]
        cell = [
            Paragraph("RECOMMENDATION", self.s["decision_label"]),
            Paragraph(f'<font color="#{colour}">{headline}</font>', self.s["decision"]),
            Paragraph(" · ".join(details), self.s["decision_detail"]),
        ]
        table = Table([[cell]], colWidths=[CONTENT_WIDTH], splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), light),
                    ("LINEBEFORE", (0, 0), (0, -1), 5, strong),
                    ("LEFTPADDING", (0, 0), (-1, -1), 12),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                    ("TOPPADDING", (0, 0), (-1, -1), 8),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
                ]
            )
        )
        return table

    def key_facts(self) -> Table:
        d = self.data
        rows: list[list[object]] = []

        def row(label: str, *value: Flowable) -> None:
            rows.append([Paragraph(label, self.s["cell_label"]), list(value)])

        value_width = CONTENT_WIDTH - 40 * mm - 8
        if d.band is not None:
            row("Compensation band", *self.band_cells(d.band, value_width))
        else:
            row("Compensation band", self.p("No band: no level is recommended.", "cell"))
        if d.confidence or d.confidence_reasons:
            cells: list[Flowable] = [self.m("<b>{c}</b>", "cell", c=d.confidence or "Not stated")]
            cells += self.bullets(d.confidence_reasons, "small_bullet")
            row("Confidence", *cells)
        if d.stage_bars:
            row("Stage scores", *self.stage_score_cells())
        row("Panel agreement", *self.agreement_cells())
        row("Coverage", *self.coverage_cells())
        row("Blockers and concerns", *self.flags_at_a_glance())
        signals = [s for s in d.signals if s.reports]
        if signals:
            top = sorted(signals, key=lambda s: -len(_reporters(s)))[:4]
            text = "; ".join(f"{inline(s.label)} ({len(_reporters(s))})" for s in top)
            more = len(signals) - len(top)
            row(
                "Positive signals",
                Paragraph(text + (f"; and {more} more" if more > 0 else ""), self.s["cell"]),
            )
        else:
            row("Positive signals", self.p("None recorded.", "cell"))
        committee = d.committee
        if committee is None:
            row("Committee", self.p("No decision recorded yet: see the sign-off block.", "cell"))
        else:
            text = " · ".join(
                x
                for x in (committee.decision, committee.level, format_date(committee.decided_at))
                if x and x != "–"
            )
            row("Committee", self.p(f"Decided: {text}", "cell", bold=False))
        return self.table(
            rows,
            [40 * mm, CONTENT_WIDTH - 40 * mm],
            [
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, styles.RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ],
        )

    def band_cells(self, band: BandInfo, width: float) -> list[Flowable]:
        cells: list[Flowable] = [
            self.m(
                "{low} – {high} <font color='#5B6470'>(mid {mid})</font>",
                "cell",
                low=_money(band.currency, band.base_min),
                high=_money(band.currency, band.base_max),
                mid=_money(band.currency, band.base_mid),
            ),
        ]
        suggestion = []
        if band.suggested_base is not None:
            suggestion.append(
                f"Suggested base <b>{inline(_money(band.currency, band.suggested_base))}</b>"
            )
        position = charts.finite(band.position)
        if position is not None:
            suggestion.append(f"{max(min(position, 1.0), 0.0):.0%} into the band")
        if suggestion:
            cells.append(Paragraph(" · ".join(suggestion), self.s["cell"]))
        cells.append(charts.band_position(band, min(width, 90 * mm)))
        if band.equity_text:
            cells.append(self.m("Equity: {e}", "cell", e=band.equity_text))
        if band.learning_budget:
            cells.append(
                self.m(
                    "Learning and experimentation budget: {b}",
                    "cell",
                    b=_money(band.currency, band.learning_budget),
                )
            )
        if band.note:
            cells.append(self.p(band.note, "muted"))
        return cells

    def stage_score_cells(self) -> list[Flowable]:
        cells: list[Flowable] = []
        for bar in self.data.stage_bars:
            value = (
                f"<b>{_score(bar.score)}</b>"
                if bar.score is not None
                else ("<font color='#5B6470'>not interviewed yet</font>")
            )
            cells.append(Paragraph(f"{inline(bar.label)}: {value}", self.s["cell"]))
        if self.data.hire_bar is not None:
            cells.append(
                Paragraph(f"Hire bar {_score(self.data.hire_bar)} on a 1–4 scale.", self.s["muted"])
            )
        return cells

    def agreement_cells(self) -> list[Flowable]:
        a = self.data.agreement
        parts = [panel_votes(a.yes_side, a.no_side)]
        if a.no_vote:
            parts.append(f"{a.no_vote} without a vote")
        if charts.finite(a.alpha) is not None:
            parts.append(f"reliability (alpha) {a.alpha:.2f}")
        cells: list[Flowable] = [self.p(" · ".join(parts), "cell")]
        if a.spread_criteria:
            cells.append(
                Paragraph(
                    "Ratings far apart on: " + ", ".join(inline(c) for c in a.spread_criteria),
                    self.s["cell"],
                )
            )
        if a.note:
            cells.append(self.p(a.note, "muted"))
        return cells

    def coverage_cells(self) -> list[Flowable]:
        c = self.data.coverage
        if charts.finite(c.fraction) is None:
            text = "Nothing rated yet."
        else:
            text = f"{c.fraction:.0%}"
            if c.expected:
                text += f" ({c.rated} of {c.expected} ratings)"
        cells: list[Flowable] = [self.p(text, "cell")]
        if c.missing:
            cells.append(
                Paragraph("Missing: " + "; ".join(inline(m) for m in c.missing), self.s["cell"])
            )
        return cells

    def flags_at_a_glance(self) -> list[Flowable]:
        flags = [f for f in self.data.red_flags if f.reports]
        if not flags:
            return [self.p("None raised.", "cell")]
        order = {"blocker": 0, "concern": 1}
        flags.sort(key=lambda f: (order.get(f.severity or "", 2), -len(_reporters(f))))
        out: list[Flowable] = []
        for flag in flags[:8]:
            out.append(
                Paragraph(
                    f"{self.severity_tag(flag.severity)} {inline(flag.label, bold=True)} · "
                    f"{plural(len(_reporters(flag)), 'interviewer')}",
                    self.s["cell"],
                )
            )
        if len(flags) > 8:
            out.append(self.p(f"and {len(flags) - 8} more (see Signals and red flags)", "muted"))
        return out

    @staticmethod
    def severity_tag(severity: str | None) -> str:
        if severity == "blocker":
            return f'<font color="#{styles.NO_HIRE.hexval()[2:]}"><b>BLOCKER</b></font>'
        if severity == "concern":
            return f'<font color="#{styles.UNDECIDED.hexval()[2:]}"><b>CONCERN</b></font>'
        return "<b>FLAG</b>"

    # -- 2. competency picture -----------------------------------------------------
    def competency(self) -> list[Flowable]:
        d = self.data
        out: list[Flowable] = [Paragraph("Competency picture", self.s["h1"])]
        if d.radar is not None and all(charts.finite(v) is None for v in d.radar.candidate):
            # A radar of nothing but the level's minimum reads as if the candidate scored 0.
            out.append(
                self.p(
                    "Nothing has been rated yet: the radar of the candidate's ratings "
                    "appears once scorecards are submitted.",
                    "muted",
                )
            )
        elif d.radar is not None:
            radar = charts.radar_chart(d.radar, CONTENT_WIDTH, 82 * mm)
            if radar is not None:
                what = "dimension" if d.radar.axis != "stage" else "stage"
                against = (
                    f" against the {inline(d.radar.level_label)}" if d.radar.level_label else ""
                )
                out.append(
                    Paragraph(
                        f"The candidate's mean rating per {what} (1–4){against}.",
                        self.s["muted"],
                    )
                )
                out.append(radar)
            else:
                out.append(self.p("Too few dimensions were rated for a radar chart.", "muted"))
        else:
            out.append(self.p("No competency data yet.", "muted"))
        out.append(Paragraph("Stage scores", self.s["h2"]))
        if d.stage_bars:
            level_label = d.level_id or ""
            out.append(
                charts.stage_bars(
                    d.stage_bars,
                    CONTENT_WIDTH,
                    hire_bar=d.hire_bar,
                    level_minimum=d.level_minimum,
                    level_label=level_label,
                )
            )
        else:
            out.append(self.p("No stage has been scored yet.", "muted"))
        return out

    # -- 3. stage sections ---------------------------------------------------------
    def stage_sections(self) -> list[Flowable]:
        out: list[Flowable] = [CondPageBreak(60 * mm), Paragraph("Stages", self.s["h1"])]
        if not self.data.stages:
            out.append(self.p("No stage has been interviewed yet.", "muted"))
        for section in self.data.stages:
            out += self.stage_section(section)
        return out

    def stage_section(self, section: StageSection) -> list[Flowable]:
        title = inline(section.title or "Untitled stage", bold=True)
        if section.panel_score is not None:
            title += f" <font color='#5B6470'>· panel score {_score(section.panel_score)}</font>"
        out: list[Flowable] = [Paragraph(title, self.s["h2"])]
        if not section.interviewers:
            out.append(self.p("No submitted scorecards for this stage.", "muted"))
        out += self.ratings_table(section)
        evidence = [c for c in section.criteria if any(r.evidence.strip() for r in c.evidence)]
        if evidence:
            out.append(Paragraph("Evidence", self.s["h3"]))
            for criterion in evidence:
                out.append(self.p(criterion.title, "item", bold=True))
                out += self.reports(criterion.evidence)
        if section.exercise_notes:
            out.append(Paragraph("Exercise notes", self.s["h3"]))
            grouped: dict[str, list[Report]] = {}
            for note in section.exercise_notes:
                grouped.setdefault(note.exercise, []).append(Report(note.interviewer, note.text))
            for exercise, notes in grouped.items():
                out.append(self.p(exercise, "item", bold=True))
                out += self.reports(notes)
        if section.verdicts:
            out.append(Paragraph("Recommendations", self.s["h3"]))
            for verdict in section.verdicts:
                bits = [f"<b>{inline(verdict.interviewer or 'Interviewer', bold=True)}</b>"]
                bits.append(f"vote <b>{inline(verdict.vote or 'none', bold=True)}</b>")
                if verdict.level_evidence:
                    bits.append(f"level evidence {inline(verdict.level_evidence)}")
                if verdict.stage_score is not None:
                    bits.append(f"stage score {_score(verdict.stage_score)}")
                out.append(Paragraph(" · ".join(bits), self.s["small"]))
                if verdict.summary.strip():
                    out.append(self.p(verdict.summary, "evidence"))
        return out

    def ratings_table(self, section: StageSection) -> list[Flowable]:
        if not section.criteria:
            return []
        people = section.interviewers
        count = len(people)
        col = 66.0
        head_style = self.s["cell_head"]
        # Names head the columns only when every word of them fits; otherwise numbered
        # columns and a legend, rather than names broken mid-word.
        named = count <= 4 and all(
            stringWidth(word, head_style.fontName, head_style.fontSize) <= col - 8
            for name in people
            for word in shown_text(truncate(name, 40)).split()
        )
        if not named:
            col = 26.0
        mean_w, spread_w = 36.0, 42.0
        first = CONTENT_WIDTH - mean_w - spread_w - col * count
        header: list[object] = [Paragraph("Criterion", self.s["cell_head_left"])]
        for index, name in enumerate(people, start=1):
            label = inline(truncate(name, 40)) if named else f"#{index}"
            header.append(Paragraph(label or f"#{index}", head_style))
        header += [Paragraph("Mean", head_style), Paragraph("Spread", head_style)]
        rows: list[list[object]] = [header]
        commands: list[tuple[object, ...]] = [
            ("ALIGN", (1, 0), (-1, -1), "CENTER"),
            ("VALIGN", (1, 1), (-1, -1), "MIDDLE"),
        ]
        # Numbers need no markup: plain cell strings are far cheaper than paragraphs.
        commands += [
            ("FONT", (1, 1), (-1, -1), REGULAR, 8.5, 11),
            ("FONT", (-2, 1), (-2, -1), BOLD, 8.5, 11),
            ("TEXTCOLOR", (1, 1), (-1, -1), styles.INK),
        ]
        for r, criterion in enumerate(section.criteria, start=1):
            row: list[object] = [self.p(criterion.title, "cell")]
            for c in range(count):
                rating = criterion.ratings[c] if c < len(criterion.ratings) else None
                row.append("N/A" if rating is None else str(rating))
                fill = styles.RATING_FILLS.get(rating) if rating is not None else None
                if fill is not None:
                    commands.append(("BACKGROUND", (c + 1, r), (c + 1, r), fill))
            row.append(_score(criterion.panel_mean))
            row.append("Yes" if criterion.spread else "")
            if criterion.spread:
                commands.append(("BACKGROUND", (-1, r), (-1, r), styles.SPREAD))
            rows.append(row)
        commands.append(("LINEBELOW", (0, 1), (-1, -2), 0.3, styles.RULE))
        out: list[Flowable] = [
            self.table(rows, [first, *([col] * count), mean_w, spread_w], commands, header=True)
        ]
        if count and not named:
            legend = " · ".join(f"#{i} {inline(truncate(n, 40))}" for i, n in enumerate(people, 1))
            out.append(Spacer(1, 2))
            out.append(Paragraph(legend, self.s["muted"]))
        return out

    def reports(self, reports: Sequence[Report]) -> list[Flowable]:
        out: list[Flowable] = []
        for report in reports:
            evidence = report.evidence.strip()
            who = inline(report.interviewer or "Interviewer", bold=True)
            body = para(evidence) if evidence else "<i>no evidence written</i>"
            out.append(Paragraph(f"<b>{who}:</b> {body}", self.s["evidence"]))
        return out

    # -- 4. signals and red flags --------------------------------------------------
    def observations(self) -> list[Flowable]:
        d = self.data
        out: list[Flowable] = [
            CondPageBreak(50 * mm),
            Paragraph("Signals and red flags", self.s["h1"]),
        ]
        out.append(Paragraph("Red flags", self.s["h2"]))
        flags = [f for f in d.red_flags if f.reports]
        order = {"blocker": 0, "concern": 1}
        flags.sort(key=lambda f: (order.get(f.severity or "", 2), -len(_reporters(f))))
        if not flags:
            out.append(self.p("No red flags were raised.", "muted"))
        for flag in flags:
            out += self.observed(flag, self.severity_tag(flag.severity) + " ")
        out.append(Paragraph("Positive signals", self.s["h2"]))
        signals = sorted((s for s in d.signals if s.reports), key=lambda s: -len(_reporters(s)))
        if not signals:
            out.append(self.p("No positive signals were recorded.", "muted"))
        for signal in signals:
            out += self.observed(signal, "")
        return out

    def observed(self, item: Observed, tag: str) -> list[Flowable]:
        names = _reporters(item)
        head = Paragraph(
            f"{tag}<b>{inline(item.label, bold=True)}</b> · reported by "
            f"{len(names)}: {', '.join(inline(name) for name in names)}",
            self.s["body"],
        )
        out: list[Flowable] = [head]
        if item.description.strip():
            out.append(self.p(item.description, "muted"))
        out += self.reports(_by_reporter(item.reports))
        out.append(Spacer(1, 2))
        return out

    # -- 5. why --------------------------------------------------------------------
    def why(self) -> list[Flowable]:
        out: list[Flowable] = [
            CondPageBreak(40 * mm),
            Paragraph("Why: how the recommendation was reached", self.s["h1"]),
        ]
        if not self.data.trace:
            out.append(self.p("The engine recorded no reasoning for this candidate.", "muted"))
        for number, sentence in enumerate(self.data.trace, start=1):
            out.append(Paragraph(para(sentence), self.s["bullet"], bulletText=f"{number}."))
        return out

    # -- 6. panel ------------------------------------------------------------------
    def panel(self) -> list[Flowable]:
        d = self.data
        out: list[Flowable] = [CondPageBreak(40 * mm), Paragraph("Panel", self.s["h1"])]
        if not d.panel:
            out.append(self.p("No scorecards have been submitted yet.", "muted"))
        else:
            rows: list[list[object]] = [
                [
                    Paragraph(h, self.s["cell_head_left"])
                    for h in ("Interviewer", "Stage", "Submitted", "Vote")
                ]
            ]
            for member in d.panel:
                stage = " · ".join(x for x in (member.stage, member.stage_title) if x)
                rows.append(
                    [
                        self.p(member.name, "cell"),
                        self.p(stage, "cell"),
                        self.p(
                            format_date(member.submitted_at)
                            if member.submitted_at
                            else "not submitted",
                            "cell",
                        ),
                        self.p(member.vote or "–", "cell"),
                    ]
                )
            out.append(
                self.table(
                    rows,
                    [50 * mm, 52 * mm, 42 * mm, CONTENT_WIDTH - 144 * mm],
                    header=True,
                    zebra=True,
                )
            )
        out.append(Paragraph("Amendments", self.s["h2"]))
        if not d.amendments:
            out.append(self.p("No submitted scorecard was amended.", "muted"))
        else:
            rows = [
                [
                    Paragraph(h, self.s["cell_head_left"])
                    for h in ("When", "Interviewer", "Stage", "Change", "Reason")
                ]
            ]
            for change in d.amendments:
                rows.append(
                    [
                        self.p(format_date(change.when), "cell"),
                        self.p(change.interviewer, "cell"),
                        self.p(change.stage, "cell"),
                        self.p(change.change, "cell"),
                        self.p(change.reason, "cell"),
                    ]
                )
            out.append(
                self.table(
                    rows,
                    [40 * mm, 32 * mm, 18 * mm, 42 * mm, CONTENT_WIDTH - 132 * mm],
                    header=True,
                    zebra=True,
                )
            )
        if d.rescores:
            out += self.rescores()
        return out

    def rescores(self) -> list[Flowable]:
        """Post-debrief re-scores, apart: the scores above are the independent ones."""
        out: list[Flowable] = [
            Paragraph("After the debrief", self.s["h2"]),
            self.p(
                "Ratings some interviewers gave after the committee's discussion. They are "
                "kept apart: the scores, the recommendation and the agreement above use "
                "only the independent scorecards.",
                "muted",
            ),
        ]
        rows: list[list[object]] = [
            [
                Paragraph(h, self.s["cell_head_left"])
                for h in ("Interviewer", "Stage", "Criterion", "Scorecard", "After debrief", "Note")
            ]
        ]
        for item in self.data.rescores:
            rows.append(
                [
                    self.p(item.interviewer, "cell"),
                    self.p(item.stage, "cell"),
                    self.p(item.criterion, "cell"),
                    self.p("–" if item.independent is None else str(item.independent), "cell"),
                    self.p(str(item.rating), "cell"),
                    self.p(item.note, "cell"),
                ]
            )
        out.append(
            self.table(
                rows,
                [30 * mm, 30 * mm, 34 * mm, 18 * mm, 20 * mm, CONTENT_WIDTH - 132 * mm],
                header=True,
                zebra=True,
            )
        )
        return out

    # -- 7. decision block ---------------------------------------------------------
    def decision_block(self) -> list[Flowable]:
        heading = Paragraph("Committee decision", self.s["h1"])
        committee = self.data.committee
        if committee is not None:
            return [CondPageBreak(50 * mm), heading, self.recorded_decision(committee)]
        box = "☐"
        lines = "_" * 28
        rows: list[list[object]] = [
            [
                Paragraph("Decision", self.s["cell_label"]),
                Paragraph(
                    f"{box} Hire &nbsp;&nbsp; {box} No hire &nbsp;&nbsp; {box} Hold", self.s["cell"]
                ),
            ],
            [Paragraph("Level", self.s["cell_label"]), Paragraph(lines, self.s["cell"])],
            [Paragraph("Base salary", self.s["cell_label"]), Paragraph(lines, self.s["cell"])],
            [Paragraph("Equity", self.s["cell_label"]), Paragraph(lines, self.s["cell"])],
        ]
        form = self.table(
            rows, [40 * mm, CONTENT_WIDTH - 40 * mm], [("TOPPADDING", (0, 0), (-1, -1), 7)]
        )
        head = self.s["cell_head_left"]
        gap = 8 * mm
        sign_rows: list[list[object]] = [
            [Paragraph("Name", head), "", Paragraph("Signature", head), "", Paragraph("Date", head)]
        ]
        sign_rows += [["", "", "", "", ""] for _ in range(3)]
        usable = CONTENT_WIDTH - 2 * gap
        signatures = Table(
            sign_rows,
            colWidths=[usable * 0.4, gap, usable * 0.4, gap, usable * 0.2],
            rowHeights=[14] + [28] * 3,
            hAlign="LEFT",
        )
        line_commands = [
            ("LINEBELOW", (column, 1), (column, -1), 0.6, styles.MUTED) for column in (0, 2, 4)
        ]
        signatures.setStyle(TableStyle([*line_commands, ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        return [
            CondPageBreak(95 * mm),
            KeepTogether(
                [
                    heading,
                    self.p(
                        "No decision is recorded yet. To be completed by the hiring committee.",
                        "muted",
                    ),
                    form,
                    Spacer(1, 6 * mm),
                    signatures,
                ]
            ),
        ]

    def recorded_decision(self, committee: CommitteeDecision) -> Table:
        # Each decider's name is escaped on its own, so a right-to-left name never
        # swaps places with the next one.
        deciders = ", ".join(inline(x) for x in committee.decided_by if one_line(x))
        rows: list[list[object]] = []
        for label, value in (
            ("Decision", self.p(committee.decision, "cell")),
            ("Level", self.p(committee.level, "cell")),
            ("Offer", self.p(committee.offer, "cell")),
            ("Decided by", Paragraph(deciders, self.s["cell"])),
            (
                "Date",
                self.p(format_date(committee.decided_at) if committee.decided_at else "", "cell"),
            ),
            ("Rationale", self.p(committee.rationale, "cell")),
        ):
            if value.getPlainText().strip():
                rows.append([Paragraph(label, self.s["cell_label"]), value])
        if not rows:
            rows.append([Paragraph("Decision", self.s["cell_label"]), self.p("–", "cell")])
        return self.table(
            rows,
            [40 * mm, CONTENT_WIDTH - 40 * mm],
            [("LINEBELOW", (0, 0), (-1, -2), 0.4, styles.RULE)],
        )


def packet_story(data: PacketData, sheet: StyleSheet1 | None = None) -> list[Flowable]:
    """The packet's flowables, for :func:`build_packet` and for measuring against bare ReportLab."""
    return _PacketStory(data, sheet or styles.stylesheet()).story()


def _document(data: PacketData, out: str | IO[bytes], invariant: bool) -> KitDocTemplate:
    name = one_line(data.candidate_name) or "Unnamed candidate"
    role = one_line(data.role_title)
    header_bits = ["Hiring packet", truncate(name, 60)]
    if role:
        header_bits.append(truncate(role, 60))
    if data.level_id:
        header_bits.append(f"{one_line(data.decision)} {one_line(data.level_id)}".strip())
    return KitDocTemplate(
        out,
        title=f"Hiring packet — {name}",
        subject=f"Hiring recommendation{' for ' + role if role else ''} (confidential)",
        author="Interview Kit",
        keywords="hiring packet, confidential, blind review"
        if data.anonymised
        else "hiring packet, confidential",
        header=" · ".join(inline(b) for b in header_bits),
        invariant=invariant,
    )


def build_packet(data: PacketData, out: Output, *, invariant: bool = False) -> None:
    """Write ``data``'s hiring packet to a file path or a binary stream.

    A path is written through a temporary file in the same folder, so a failure never
    leaves a half-written packet behind.
    """
    if isinstance(out, str | os.PathLike):
        write_atomically(Path(out), lambda stream: build_packet(data, stream, invariant=invariant))
        return
    story = packet_story(data)
    _document(data, out, invariant).make(story)


def write_atomically(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Run ``write`` into a temporary file beside ``path`` and move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".partial-", suffix=".pdf", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


# ---------------------------------------------------------------------------------------
# Batches


@dataclass(frozen=True)
class BatchResult:
    written: tuple[Path, ...]
    failed: tuple[tuple[str, str], ...]
    """(candidate, what went wrong) for each packet that could not be written."""
    cancelled: bool


def packet_filename(data: PacketData) -> str:
    """``packet-<name>.pdf``: readable, safe on every file system."""
    slug = re.sub(r"[^\w]+", "-", one_line(data.candidate_name), flags=re.UNICODE).strip("-_")
    return f"packet-{slug[:80].strip('-_') or 'candidate'}.pdf"


def build_packets(
    packets: Iterable[PacketData],
    out_dir: str | os.PathLike[str],
    *,
    progress: Callable[[int, int | None, Path], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    total: int | None = None,
    invariant: bool = False,
) -> BatchResult:
    """Write one packet per item into ``out_dir``; ``packets`` may be a lazy generator.

    ``progress(done, total, path)`` is called after each packet; ``cancelled()`` is asked
    before each one, and a cancelled batch keeps the packets already finished (never a
    partial file). A packet that cannot be written is reported and the batch goes on.
    """
    directory = Path(out_dir)
    directory.mkdir(parents=True, exist_ok=True)
    if total is None and isinstance(packets, Sequence):
        total = len(packets)
    written: list[Path] = []
    failed: list[tuple[str, str]] = []
    used: set[str] = set()
    for done, data in enumerate(packets, start=1):
        if cancelled is not None and cancelled():
            return BatchResult(tuple(written), tuple(failed), cancelled=True)
        name = packet_filename(data)
        stem, suffix = name[:-4], name[-4:]
        counter = 2
        while name.casefold() in used:
            name = f"{stem}-{counter}{suffix}"
            counter += 1
        used.add(name.casefold())
        path = directory / name
        try:
            build_packet(data, path, invariant=invariant)
        except OSError as exc:
            logger.warning("packet for %s not written: %s", one_line(data.candidate_name), exc)
            failed.append((one_line(data.candidate_name), f"{path}: {exc.strerror or exc}"))
        else:
            written.append(path)
        if progress is not None:
            progress(done, total, path)
    return BatchResult(tuple(written), tuple(failed), cancelled=False)
