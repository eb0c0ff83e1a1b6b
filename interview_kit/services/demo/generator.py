"""The pure half of the demo: from a rubric and a seed, plain records (interviewers,
candidates, assignments, scorecards, amendments, committee decisions), identical for the
same seed, uuids and timestamps included: every random choice and every uuid comes from
generators seeded by the seed (one per candidate, so a candidate does not change when
more are asked for).

The first thirteen candidates are the corpus's hand-written personas, so that the panel
shows every pipeline state and every rule of the engine. Beyond them, candidates are
drawn at random and fully interviewed (three stages, three interviewers each), as an
archive of past hiring would be.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from statistics import NormalDist
from typing import TypeVar

from interview_kit.domain.rubric import Criterion, RedFlag, Rubric, Signal, Stage
from interview_kit.domain.scorecard import (
    BELOW_LADDER,
    CriterionRating,
    Observation,
    Scorecard,
    ScorecardStatus,
    Vote,
)
from interview_kit.domain.scorecard_content import ScorecardChanges, with_amendments
from interview_kit.services.demo.corpus import CORPUS, Flag, Person, Persona, Story
from interview_kit.services.demo.records import (
    DemoAmendment,
    DemoAssignment,
    DemoCandidate,
    DemoDecision,
    DemoInterviewer,
    DemoPlan,
    DemoScorecard,
)
from interview_kit.services.summaries import Decided, Summary, summarize

_T = TypeVar("_T")

DEFAULT_SEED = 7
BASE_TIME = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
"""Demo time starts here, not at "now": the same seed must give the same database."""

DEFAULT_CANDIDATES = len(CORPUS.personas)


class _Random(random.Random):
    """The one source of randomness: uuids come from it too, so a seed fixes everything."""

    def uuid(self) -> str:
        bits = self.getrandbits(128)
        bits = (bits & ~(0xF000 << 64)) | (0x4000 << 64)  # version 4
        bits = (bits & ~(0xC000 << 48)) | (0x8000 << 48)  # RFC 4122 variant
        h = f"{bits:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def pick(self, items: Sequence[_T]) -> _T:
        """``choice`` without its overhead (called a million times at 10k candidates)."""
        return items[int(self.random() * len(items))]

    def below(self, limit: int) -> int:
        """``randrange(limit)`` without its overhead."""
        return int(self.random() * limit)

    def several(self, items: Sequence[_T], count: int) -> list[_T]:
        """``count`` distinct items in random order (``sample`` without its overhead)."""
        size = len(items)
        count = min(count, size)
        chosen: list[int] = []
        while len(chosen) < count:
            index = int(self.random() * size)
            if index not in chosen:
                chosen.append(index)
        return [items[index] for index in chosen]


def _theme(criterion: Criterion) -> str:
    """Which evidence bank suits a criterion: by its id and title, else by its tags."""
    for haystack in (
        f"{criterion.id} {criterion.title.lower().replace(' ', '_')}",
        " ".join(criterion.tags),
    ):
        for theme, keywords in CORPUS.themes:
            if any(keyword in haystack for keyword in keywords):
                return theme
    return "generic"


def _texts_for(
    item_id: str, label: str, table: Sequence[tuple[tuple[str, ...], tuple[str, ...]]]
) -> tuple[str, ...]:
    haystack = f"{item_id} {label.lower().replace(' ', '_').replace('-', '_')}"
    for keywords, texts in table:
        if any(keyword in haystack for keyword in keywords):
            return texts
    return (f"Observed clearly: {label.lower()}.",)


@dataclass(frozen=True)
class _RubricView:
    """What the generator needs from a rubric, looked up once."""

    stages: tuple[Stage, ...]
    stage_criteria: dict[str, tuple[tuple[str, str], ...]]
    """Per stage: (criterion id, theme)."""
    stage_exercises: dict[str, tuple[str, ...]]
    signals: tuple[Signal, ...]
    signal_texts: dict[str, tuple[str, ...]]
    flag_texts: dict[str, tuple[str, ...]]
    red_flags: tuple[RedFlag, ...]
    severity: dict[str, str]
    level_ids: tuple[str, ...]
    band_mid: dict[str, float]
    rubric_hash: str

    @classmethod
    def of(cls, rubric: Rubric) -> _RubricView:
        stages = tuple(sorted(rubric.stages, key=lambda stage: stage.number))
        return cls(
            stages=stages,
            stage_criteria={
                stage.id: tuple((c.id, _theme(c)) for c in stage.criteria) for stage in stages
            },
            stage_exercises={stage.id: tuple(e.id for e in stage.exercises) for stage in stages},
            signals=rubric.signals,
            signal_texts={
                s.id: _texts_for(s.id, s.label, CORPUS.signal_evidence) for s in rubric.signals
            },
            flag_texts={
                f.id: _texts_for(f.id, f.label, CORPUS.flag_evidence) for f in rubric.red_flags
            },
            red_flags=rubric.red_flags,
            severity={f.id: f.severity for f in rubric.red_flags},
            level_ids=tuple(level.id for level in rubric.levels),
            band_mid={level.id: level.band.base_mid for level in rubric.levels},
            rubric_hash=rubric.content_hash(),
        )

    def pick_flag(self, wanted: Flag, rng: _Random) -> RedFlag | None:
        """The red flag matching a persona's description, by keyword then severity."""
        same = [flag for flag in self.red_flags if flag.severity == wanted.severity]
        for keyword in wanted.keywords:
            for flag in same:
                if keyword in flag.id or keyword in flag.label.lower():
                    return flag
        return rng.pick(same) if same else None


_SAVED_AFTER = timedelta(minutes=50)
_SUBMITTED_AFTER = timedelta(minutes=55)

_HOURS_LATER = tuple(timedelta(hours=1 + n) for n in range(20))
_DAYS_LATER = tuple(timedelta(days=3 + n) for n in range(5))

_NOISE_SIZE = 512
_NOISE = tuple(NormalDist(0.0, 0.45).inv_cdf((i + 0.5) / _NOISE_SIZE) for i in range(_NOISE_SIZE))
"""How far one rating strays from the candidate's level: normal, drawn by table lookup."""


def _vote_for(mean: float) -> Vote:
    if mean >= 3.5:
        return Vote.STRONG_YES
    if mean >= 2.75:
        return Vote.YES
    if mean >= 2.0:
        return Vote.NO
    return Vote.STRONG_NO


@dataclass(frozen=True)
class _StoryTexts:
    """Every sentence a story can produce, formatted once (not once per rating)."""

    ratings: dict[str, tuple[tuple[tuple[CriterionRating, ...], ...], ...]]
    """Per stage, per criterion: the ratings it can get, made once (they are frozen, so
    sheets share them). Index 0 holds the "not rated" ones, 1-4 each rating with every
    evidence text of its bank (the strong bank from 3 up, the weak one below)."""
    summaries: dict[Vote, tuple[str, ...]]
    signals: dict[str, tuple[str, ...]]
    flags: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, story: Story, view: _RubricView) -> _StoryTexts:
        values = {
            "project": story.project,
            "metric": story.metric,
            "stack": story.stack,
            "customer": story.customer,
        }

        def fill(texts: Sequence[str]) -> tuple[str, ...]:
            return tuple(_sentence(text.format(**values)) for text in texts)

        strong = {theme: fill(texts) for theme, texts in CORPUS.strong.items()}
        weak = {theme: fill(texts) for theme, texts in CORPUS.weak.items()}

        def choices(criterion_id: str, theme: str) -> tuple[tuple[CriterionRating, ...], ...]:
            not_rated = tuple(
                CriterionRating(criterion_id, None, text) for text in CORPUS.not_rated
            )
            by_rating = (
                tuple(
                    CriterionRating(criterion_id, rating, text)
                    for text in (strong if rating >= 3 else weak)[theme]
                )
                for rating in (1, 2, 3, 4)
            )
            return (not_rated, *by_rating)

        return cls(
            ratings={
                stage_id: tuple(choices(criterion_id, theme) for criterion_id, theme in criteria)
                for stage_id, criteria in view.stage_criteria.items()
            },
            summaries={vote: fill(texts) for vote, texts in CORPUS.summaries.items()},
            signals={key: fill(texts) for key, texts in view.signal_texts.items()},
            flags={key: fill(texts) for key, texts in view.flag_texts.items()},
        )


def _sentence(text: str) -> str:
    """Capitalise a sentence that starts with a story's words ("a payments engine…")."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class _Slot:
    """One interviewer's sheet for one stage, before its content is written."""

    stage: Stage
    number: int
    interviewer: DemoInterviewer
    submitted: bool
    dissent: bool
    at: datetime


class Generator:
    """Builds the plan. Each candidate draws from its own generator seeded by the seed and
    its position, so candidate 3 is the same person whatever ``--candidates`` says, and
    any candidate can be rebuilt alone."""

    def __init__(self, rubric: Rubric, seed: int) -> None:
        self.seed = seed
        self.rng = _Random(f"{seed}/interviewers")
        self.view = _RubricView.of(rubric)
        self.plan = DemoPlan(seed=seed, rubric=rubric)
        self._texts: dict[Story, _StoryTexts] = {}

    def texts(self, story: Story) -> _StoryTexts:
        found = self._texts.get(story)
        if found is None:
            found = self._texts[story] = _StoryTexts.of(story, self.view)
        return found

    # -- people ------------------------------------------------------------------------
    def interviewers(self, count: int) -> None:
        rng = self.rng
        for index in range(count):
            if index < len(CORPUS.interviewers):
                person, leniency = CORPUS.interviewers[index]
                name, email_name, title = person.name, person.email_name, person.title
            else:
                first, first_ascii = rng.pick(CORPUS.first_names)
                last, last_ascii = rng.pick(CORPUS.last_names)
                name = f"{first} {last}"
                email_name = f"{first_ascii}.{last_ascii}.{index}"
                title = rng.pick(("Staff Engineer", "Product Lead", "Design Lead"))
                leniency = round(rng.gauss(0.0, 0.25), 2)
            self.plan.interviewers.append(
                DemoInterviewer(
                    uuid=rng.uuid(),
                    name=name,
                    email=f"{email_name}@panel.example.com",
                    title=title,
                    leniency=leniency,
                )
            )

    # -- one candidate -----------------------------------------------------------------
    def add_candidate(self, index: int) -> None:
        self.rng = _Random(f"{self.seed}/{index}")
        if index < len(CORPUS.personas):
            persona = CORPUS.personas[index]
            email = f"{persona.person.email_name}@candidates.example.com"
        else:
            persona, email = self.synthetic(index)
        self.candidate(index, persona, email)

    def candidate(self, index: int, persona: Persona, email: str) -> None:
        rng = self.rng
        plan = self.plan
        created = BASE_TIME + timedelta(hours=index * 3 + rng.below(3))
        candidate_uuid = rng.uuid()
        slots = self._slots(persona, candidate_uuid, created)
        reached = slots[-1].stage.id if slots else None
        if reached is None and persona.status not in ("new", "withdrawn"):
            reached = self.view.stages[0].id
        plan.candidates.append(
            DemoCandidate(
                uuid=candidate_uuid,
                name=persona.person.name,
                email=email,
                source=persona.source,
                origin=persona.origin,
                role=plan.rubric.role_title,
                status=persona.status,
                stage_id=reached,
                notes=persona.notes,
                created_at=created,
            )
        )
        texts = self.texts(persona.story)
        signals, flags = self._observations(persona, slots, texts)
        cards = [
            self._scorecard(
                candidate_uuid, persona, slot, signals=signals[i], flags=flags[i], texts=texts
            )
            for i, slot in enumerate(slots)
        ]
        plan.scorecards.extend(cards)
        last = slots[-1].at if slots else created
        if persona.amend:
            self._amend(cards, last + timedelta(days=1))
        if persona.decision is not None:
            decision, level = persona.decision
            plan.decisions.append(
                DemoDecision(
                    uuid=rng.uuid(),
                    candidate_uuid=candidate_uuid,
                    decision=decision,
                    level=level,
                    base_salary=self.view.band_mid.get(level) if level else None,
                    notes=CORPUS.decision_notes[decision],
                    decided_by="Hiring committee",
                    decided_at=last + timedelta(days=3),
                )
            )

    def _slots(self, persona: Persona, candidate_uuid: str, created: datetime) -> list[_Slot]:
        """Assignments for every stage reached, and which sheets exist in which state."""
        rng = self.rng
        interviewers = self.plan.interviewers
        if persona.person.email_name:  # a hand-written candidate: the named panel
            interviewers = interviewers[: len(CORPUS.interviewers)]
        slots: list[_Slot] = []
        moment = created + timedelta(days=2)
        for number, stage in enumerate(self.view.stages, start=1):
            done = number <= persona.submitted_stages
            if not done and not (number == persona.submitted_stages + 1 and persona.in_progress):
                break
            size = persona.panel_size[min(number, 3) - 1]
            panel = rng.several(interviewers, size)
            for position, interviewer in enumerate(panel):
                self.plan.assignments.append(
                    DemoAssignment(candidate_uuid, stage.id, interviewer.uuid, moment)
                )
                moment += _HOURS_LATER[rng.below(20)]
                if done:
                    state = "submitted"
                elif persona.in_progress == "draft":
                    state = "draft" if position == 0 else ""
                elif persona.in_progress == "half":
                    state = "submitted" if position == 0 else "draft"
                else:
                    state = ""
                if state:
                    dissent = persona.split and number == 3 and position == len(panel) - 1
                    slots.append(
                        _Slot(stage, number, interviewer, state == "submitted", dissent, moment)
                    )
            moment += _DAYS_LATER[rng.below(5)]
        return slots

    def _observations(
        self, persona: Persona, slots: list[_Slot], texts: _StoryTexts
    ) -> tuple[list[list[Observation]], list[list[Observation]]]:
        """Spread the persona's signals and red flags over the submitted sheets."""
        rng = self.rng
        signals: list[list[Observation]] = [[] for _ in slots]
        flags: list[list[Observation]] = [[] for _ in slots]
        submitted = [i for i, slot in enumerate(slots) if slot.submitted]
        if not submitted:
            return signals, flags
        count = min(persona.signals, len(self.view.signals))
        for signal in rng.several(self.view.signals, count):
            holders = {rng.pick(submitted)}
            holders.update(i for i in submitted if rng.random() < 0.25)
            choices = texts.signals[signal.id]
            for i in sorted(holders):
                signals[i].append(Observation(signal.id, rng.pick(choices)))
        for wanted in persona.flags:
            flag = self.view.pick_flag(wanted, rng)
            if flag is None:
                continue
            eligible = [i for i in submitted if slots[i].number in wanted.stage_numbers]
            reporters: dict[str, int] = {}
            for i in rng.several(eligible or submitted, len(eligible or submitted)):
                reporters.setdefault(slots[i].interviewer.uuid, i)
                if len(reporters) == wanted.reporters:
                    break
            choices = texts.flags[flag.id]
            for i in sorted(reporters.values()):
                flags[i].append(Observation(flag.id, rng.pick(choices)))
        return signals, flags

    def _scorecard(
        self,
        candidate_uuid: str,
        persona: Persona,
        slot: _Slot,
        *,
        signals: list[Observation],
        flags: list[Observation],
        texts: _StoryTexts,
    ) -> DemoScorecard:
        rng = self.rng
        random_ = rng.random
        criteria = texts.ratings[slot.stage.id]
        submitted = slot.submitted
        if not submitted:
            criteria = criteria[: max(1, len(criteria) // 2)]
        target = persona.quality + slot.interviewer.leniency - (1.3 if slot.dissent else 0.0)
        ratings: list[CriterionRating] = []
        total = rated = 0
        for choices in criteria:
            if submitted and random_() < 0.03:
                not_rated = choices[0]
                ratings.append(not_rated[int(random_() * len(not_rated))])
                continue
            rating = round(target + _NOISE[int(random_() * _NOISE_SIZE)])
            rating = 1 if rating < 1 else 4 if rating > 4 else rating
            bank = choices[rating]
            ratings.append(bank[int(random_() * len(bank))])
            total += rating
            rated += 1
        mean = total / rated if rated else persona.quality
        vote: Vote | None = None
        level: str | None = None
        summary = CORPUS.draft_summary
        if slot.submitted:
            vote = _vote_for(mean)
            severity = self.view.severity
            blocked = bool(flags) and any(severity.get(obs.item_id) == "blocker" for obs in flags)
            if (slot.dissent or blocked) and vote.is_yes_side:
                vote = Vote.NO
            level = self._level_evidence(persona, mean, slot.dissent)
            summary = rng.pick(texts.summaries[vote])
        exercises = self.view.stage_exercises[slot.stage.id]
        noted = persona.note_rate if submitted else persona.note_rate / 2
        notes = {
            exercise_id: CORPUS.exercise_notes[int(random_() * len(CORPUS.exercise_notes))]
            for exercise_id in exercises
            if random_() < noted
        }
        at = slot.at
        sheet = Scorecard(
            uuid=rng.uuid(),
            candidate_uuid=candidate_uuid,
            stage_id=slot.stage.id,
            interviewer_uuid=slot.interviewer.uuid,
            interviewer_name=slot.interviewer.name,
            rubric_hash=self.view.rubric_hash,
            status=ScorecardStatus.SUBMITTED if submitted else ScorecardStatus.DRAFT,
            ratings=tuple(ratings),
            signals=tuple(signals),
            red_flags=tuple(flags),
            level_evidence=level,
            vote=vote,
            summary=summary,
            exercise_notes=notes,
            submitted_at=at + _SUBMITTED_AFTER if submitted else None,
        )
        return DemoScorecard(sheet, rng.pick(CORPUS.private_notes), at, at + _SAVED_AFTER)

    def _level_evidence(self, persona: Persona, mean: float, dissent: bool) -> str:
        ladder = self.view.level_ids
        if persona.level is None or persona.level == BELOW_LADDER or mean < 2.75:
            return BELOW_LADDER
        index = ladder.index(persona.level) if persona.level in ladder else 0
        roll = self.rng.random()
        if dissent or roll < 0.2:
            index -= 1
        elif roll > 0.85:
            index += 1
        if index < 0:
            return BELOW_LADDER
        return ladder[min(index, len(ladder) - 1)]

    def _amend(self, cards: list[DemoScorecard], at: datetime) -> None:
        """Correct a rating entered a step too low on the last submitted sheet."""
        for card in reversed(cards):
            if not card.submitted:
                continue
            for rating in card.sheet.ratings:
                if rating.rating is not None and rating.rating < 4:
                    self.plan.amendments.append(
                        DemoAmendment(
                            uuid=self.rng.uuid(),
                            scorecard_uuid=card.uuid,
                            author_uuid=card.sheet.interviewer_uuid,
                            reason=CORPUS.amendment_reason,
                            criterion_id=rating.criterion_id,
                            old_rating=rating.rating,
                            new_rating=rating.rating + 1,
                            evidence=rating.evidence,
                            created_at=at,
                        )
                    )
                    return

    # -- synthetic volume ----------------------------------------------------------------
    def synthetic(self, index: int) -> tuple[Persona, str]:
        rng = self.rng
        first, first_ascii = rng.pick(CORPUS.first_names)
        last, last_ascii = rng.pick(CORPUS.last_names)
        quality = min(3.95, max(1.3, rng.gauss(2.95, 0.55)))
        flags: tuple[Flag, ...] = ()
        roll = rng.random()
        if roll < 0.03:
            flags = (Flag((), "blocker", 2),)
        elif roll < 0.10:
            flags = (Flag((), "concern", 2 if roll < 0.06 else 1),)
        blocked = bool(flags) and flags[0].severity == "blocker"
        if rng.random() < 0.05:
            status = "withdrawn"
        elif blocked or quality < 2.75:
            status = "rejected"
        else:
            status = rng.pick(("committee", "offer", "hired", "hired"))
        ladder = self.view.level_ids
        level = BELOW_LADDER
        if quality >= 2.75 and ladder:
            level = ladder[min(len(ladder) - 1, int((quality - 2.75) / 0.3))]
        decision: tuple[str, str | None] | None = None
        if status in ("hired", "offer"):
            decision = ("hire", level)
        elif status == "rejected":
            decision = ("no_hire", None)
        persona = Persona(
            Person(f"{first} {last}", ""),
            source=rng.pick(("founder", "senior_engineer", "technical_pm", "other")),
            origin=rng.pick(("pm", "engineer")),
            status=status,
            notes="",
            story=rng.pick(CORPUS.stories),
            quality=quality,
            submitted_stages=3,
            panel_size=(3, 3, 3),
            level=level,
            signals=rng.below(5),
            flags=flags,
            decision=decision,
            note_rate=0.25,
        )
        return persona, f"{first_ascii}.{last_ascii}.{index}@candidates.example.com"


def interviewer_count(candidates: int) -> int:
    """One interviewer per 25 candidates, and never fewer than the named panel of four."""
    return max(len(CORPUS.interviewers), -(-candidates // 25))


def build_plan(
    rubric: Rubric, *, seed: int = DEFAULT_SEED, candidates: int = DEFAULT_CANDIDATES
) -> DemoPlan:
    """Everything the demo stores, decided up front; the same seed gives the same plan."""
    if candidates < 0:
        raise ValueError("the number of candidates must not be negative")
    generator = Generator(rubric, seed)
    generator.interviewers(interviewer_count(candidates))
    for index in range(candidates):
        generator.add_candidate(index)
    return generator.plan


def effective_scorecards(plan: DemoPlan) -> dict[str, list[Scorecard]]:
    """Each candidate's submitted scorecards as the engine reads them, amendments applied."""
    amended: dict[str, list[ScorecardChanges]] = {}
    for amendment in plan.amendments:
        rating = CriterionRating(amendment.criterion_id, amendment.new_rating, amendment.evidence)
        amended.setdefault(amendment.scorecard_uuid, []).append(
            ScorecardChanges(ratings={amendment.criterion_id: rating})
        )
    cards: dict[str, list[Scorecard]] = {}
    for card in plan.scorecards:
        sheet = card.sheet
        if not sheet.is_submitted:
            continue
        sheet = with_amendments(sheet, amended.get(sheet.uuid, ()))
        cards.setdefault(sheet.candidate_uuid, []).append(sheet)
    return cards


def compute_summaries(
    plan: DemoPlan, cards: dict[str, list[Scorecard]] | None = None
) -> dict[str, Summary]:
    """Each candidate's summary by the one summary rule
    (:func:`~interview_kit.services.summaries.summarize`), as the summary service stores
    it: every demo candidate is pinned to the plan's rubric. ``cards``: the plan's
    :func:`effective_scorecards`, when already at hand."""
    if cards is None:
        cards = effective_scorecards(plan)
    decided: dict[str, list[Decided]] = {}
    for number, decision in enumerate(plan.decisions):
        decided.setdefault(decision.candidate_uuid, []).append(
            Decided(decision.decided_at, number, decision.decision, decision.level)
        )
    pinned = plan.rubric.content_hash()

    def rubric_by_hash(content_hash: str) -> Rubric:
        if content_hash != pinned:
            raise KeyError(f"the demo has no rubric {content_hash[:12]}")
        return plan.rubric

    return {
        candidate.uuid: summarize(
            cards.get(candidate.uuid, ()),
            decided.get(candidate.uuid, ()),
            pinned_hash=pinned,
            rubric_by_hash=rubric_by_hash,
        )
        for candidate in plan.candidates
    }
