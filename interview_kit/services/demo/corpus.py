"""The demo's people and words, read from ``resources/demo/corpus.toml``: the interview
panel, the hand-written candidates (personas), the names and stories of generated ones,
and what interviewers write. Data, not code: a writer edits the file, not the generator.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interview_kit import paths
from interview_kit.domain.scorecard import Vote

Texts = tuple[str, ...]
KeywordTexts = tuple[tuple[tuple[str, ...], Texts], ...]
"""(keywords, texts): the texts of the first entry whose keywords match an item."""


@dataclass(frozen=True)
class Person:
    name: str
    email_name: str
    """The address before the ``@`` (empty for generated candidates)."""
    title: str = ""


@dataclass(frozen=True)
class Story:
    """What a candidate talks about: the facts evidence sentences are written around."""

    project: str
    metric: str
    stack: str
    customer: str


@dataclass(frozen=True)
class Flag:
    keywords: tuple[str, ...]
    severity: str
    reporters: int
    stage_numbers: tuple[int, ...] = (1, 2, 3)


@dataclass(frozen=True)
class Persona:
    person: Person
    source: str
    origin: str
    status: str
    notes: str
    story: Story
    quality: float
    submitted_stages: int
    """Stages (in order) whose scorecards are all submitted."""
    in_progress: str = ""
    """Next stage: ``""`` untouched, ``"assigned"``, ``"draft"`` (one draft),
    ``"half"`` (one submitted, one draft)."""
    panel_size: tuple[int, int, int] = (2, 2, 2)
    level: str | None = None
    signals: int = 2
    flags: tuple[Flag, ...] = ()
    split: bool = False
    decision: tuple[str, str | None] | None = None
    amend: bool = False
    note_rate: float = 1.0
    """Share of exercises an interviewer writes a note for."""


@dataclass(frozen=True)
class Corpus:
    interviewers: tuple[tuple[Person, float], ...]
    """The named panel, each with their leniency (how far their ratings sit from the
    panel's, on average)."""
    personas: tuple[Persona, ...]
    first_names: tuple[tuple[str, str], ...]
    """(name, its ASCII spelling for the e-mail address)."""
    last_names: tuple[tuple[str, str], ...]
    stories: tuple[Story, ...]
    themes: tuple[tuple[str, tuple[str, ...]], ...]
    """(theme, keywords): which evidence bank suits a criterion, first match wins."""
    strong: Mapping[str, Texts]
    weak: Mapping[str, Texts]
    not_rated: Texts
    signal_evidence: KeywordTexts
    flag_evidence: KeywordTexts
    exercise_notes: Texts
    private_notes: Texts
    summaries: Mapping[Vote, Texts]
    draft_summary: str
    amendment_reason: str
    decision_notes: Mapping[str, str]


def corpus_path() -> Path:
    return paths.resource_path("demo", "corpus.toml")


def load_corpus(path: Path | None = None) -> Corpus:
    with (path or corpus_path()).open("rb") as file:
        data = tomllib.load(file)
    return Corpus(
        interviewers=tuple(
            (Person(entry["name"], entry["email_name"], entry["title"]), entry["leniency"])
            for entry in data["interviewers"]
        ),
        personas=tuple(_persona(entry) for entry in data["personas"]),
        first_names=tuple((name, ascii_) for name, ascii_ in data["names"]["first"]),
        last_names=tuple((name, ascii_) for name, ascii_ in data["names"]["last"]),
        stories=tuple(Story(**entry) for entry in data["stories"]),
        themes=tuple((entry["theme"], tuple(entry["keywords"])) for entry in data["themes"]),
        strong=_banks(data["evidence"]["strong"]),
        weak=_banks(data["evidence"]["weak"]),
        not_rated=tuple(data["evidence"]["not_rated"]),
        signal_evidence=_keyword_texts(data["signal_evidence"]),
        flag_evidence=_keyword_texts(data["flag_evidence"]),
        exercise_notes=tuple(data["notes"]["exercise"]),
        private_notes=tuple(data["notes"]["private"]),
        summaries={Vote(vote): tuple(texts) for vote, texts in data["summaries"].items()},
        draft_summary=data["texts"]["draft_summary"],
        amendment_reason=data["texts"]["amendment_reason"],
        decision_notes=dict(data["texts"]["decision_notes"]),
    )


def _persona(entry: dict[str, Any]) -> Persona:
    decision = entry.get("decision")
    size = tuple(entry.get("panel_size", (2, 2, 2)))
    return Persona(
        Person(entry["name"], entry["email_name"], entry.get("title", "")),
        source=entry["source"],
        origin=entry["origin"],
        status=entry["status"],
        notes=entry["notes"],
        story=Story(**entry["story"]),
        quality=float(entry["quality"]),
        submitted_stages=entry["submitted_stages"],
        in_progress=entry.get("in_progress", ""),
        panel_size=(size[0], size[1], size[2]),
        level=entry.get("level"),
        signals=entry.get("signals", 2),
        flags=tuple(
            Flag(
                tuple(flag["keywords"]),
                flag["severity"],
                flag["reporters"],
                tuple(flag.get("stages", (1, 2, 3))),
            )
            for flag in entry.get("flags", ())
        ),
        split=entry.get("split", False),
        decision=None if decision is None else (decision, entry.get("decision_level")),
        amend=entry.get("amend", False),
        note_rate=float(entry.get("note_rate", 1.0)),
    )


def _banks(data: dict[str, list[str]]) -> dict[str, Texts]:
    return {theme: tuple(texts) for theme, texts in data.items()}


def _keyword_texts(entries: list[dict[str, list[str]]]) -> KeywordTexts:
    return tuple((tuple(entry["keywords"]), tuple(entry["texts"])) for entry in entries)


CORPUS = load_corpus()
