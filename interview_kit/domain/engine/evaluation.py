"""One run of the rules over a candidate's scorecards (see ``docs/engine.md``)."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from interview_kit.domain.agreement import alpha_fraction
from interview_kit.domain.engine.arithmetic import (
    as_fraction,
    exact_mean,
    integer_weights,
    suggested_base,
    to_float,
    weighted_mean,
)
from interview_kit.domain.engine.results import (
    SCORE_CEILING,
    Agreement,
    BandRecommendation,
    Confidence,
    CriterionResult,
    Decision,
    Evidence,
    LevelFinding,
    ObservedItem,
    RatingEntry,
    Recommendation,
    ScorecardResult,
    SpreadCriterion,
    StageResult,
    Verdict,
)
from interview_kit.domain.engine.wording import (
    band_sentence,
    below_hire_bar_sentence,
    below_ladder_sentence,
    below_strong_no_hire_sentence,
    confidence_reasons,
    confidence_sentence,
    evidence_sentences,
    flag_sentences,
    flagged_hire_sentence,
    high_confidence_reason,
    hire_sentence,
    level_sentences,
    panel_split_sentence,
    repeated_scorecards_note,
    score_sentence,
    strong_hire_sentence,
    unknown_criteria_note,
    unknown_level_cap_note,
    unknown_level_evidence_note,
    unknown_observations_note,
    unknown_stages_note,
)
from interview_kit.domain.rubric import Criterion, Level, Rubric, Stage
from interview_kit.domain.scorecard import BELOW_LADDER, Scorecard


def recommend(rubric: Rubric, scorecards: Iterable[Scorecard]) -> Recommendation:
    """The recommendation for one candidate. Pure: the same input gives the same result,
    whatever the order of ``scorecards``; drafts are left out."""
    return _Evaluation(rubric, scorecards).result()


def verdict(rubric: Rubric, scorecards: Iterable[Scorecard]) -> Verdict:
    """The decision, level, score and coverage of :func:`recommend`, by the same rules,
    without the rest of the recommendation (stages, criteria, agreement, band,
    confidence, trace): what a candidate's cached summary stores, at a fraction of the
    cost for a recompute of thousands."""
    found = _Evaluation(rubric, scorecards).verdict()
    return Verdict(
        decision=found.decision,
        level=None if found.level is None else found.level.id,
        candidate_score=None if found.score is None else float(found.score),
        coverage=float(found.coverage),
    )


@dataclass(frozen=True)
class _Card:
    card: Scorecard
    stage: Stage
    ratings: tuple[tuple[Criterion, int | None, str], ...]
    score: Fraction | None
    rated: int


@dataclass(frozen=True)
class _Verdict:
    """What rules 1-5 decide, exact; :meth:`_Evaluation.result` adds the rest."""

    decision: Decision
    level: Level | None
    score: Fraction | None
    coverage: Fraction
    stage_scores: dict[str, Fraction | None]
    red_flags: tuple[ObservedItem, ...]
    signals: tuple[ObservedItem, ...]
    finding: LevelFinding


@dataclass(frozen=True)
class _RubricFacts:
    """What every run derives from the rubric alone, worked out once per rubric: a
    recompute runs the engine for thousands of candidates against the same one."""

    stage_index: dict[str, int]
    criteria: tuple[tuple[Stage, Criterion], ...]
    """Every criterion with its stage, in rubric order."""
    criteria_of: tuple[dict[str, Criterion], ...]
    """Per stage (in rubric order): criterion id -> criterion."""
    weights: dict[str, int]
    """Criterion id -> its weight scaled to a whole number (see :func:`integer_weights`)."""
    required: tuple[Stage, ...]
    coverage_pairs: tuple[tuple[Stage, Criterion], ...]
    stage_weights: dict[str, Fraction]
    """Exact stage weights."""
    distinct_stage_weights: int
    signal_ids: frozenset[str]
    flag_ids: frozenset[str]
    level_index: dict[str, int]
    level_minimums: tuple[Fraction, ...]


def _facts(rubric: Rubric) -> _RubricFacts:
    """The rubric's facts, from a small cache keyed by the rubric object itself (a rubric
    is frozen; the cache holds it, so its id cannot be reused while the entry lives)."""
    with _FACTS_LOCK:
        entry = _FACTS.get(id(rubric))
    if entry is not None and entry[0] is rubric:
        return entry[1]
    criteria = tuple(rubric.criteria())
    all_criteria = [criterion for _, criterion in criteria]
    required = rubric.required_stages()
    facts = _RubricFacts(
        stage_index={stage.id: index for index, stage in enumerate(rubric.stages)},
        criteria=criteria,
        criteria_of=tuple(
            {criterion.id: criterion for criterion in stage.criteria} for stage in rubric.stages
        ),
        weights=dict(
            zip(
                (criterion.id for criterion in all_criteria),
                integer_weights(tuple(criterion.weight for criterion in all_criteria)),
                strict=True,
            )
        ),
        required=required,
        coverage_pairs=tuple(
            (stage, criterion)
            for stage in (required or rubric.stages)
            for criterion in stage.criteria
        ),
        stage_weights={
            stage.id: as_fraction(rubric.stage_weight(stage.id)) for stage in rubric.stages
        },
        distinct_stage_weights=len({rubric.stage_weight(stage.id) for stage in rubric.stages}),
        signal_ids=frozenset(signal.id for signal in rubric.signals),
        flag_ids=frozenset(flag.id for flag in rubric.red_flags),
        level_index={level.id: index for index, level in enumerate(rubric.levels)},
        level_minimums=tuple(as_fraction(level.min_score) for level in rubric.levels),
    )
    with _FACTS_LOCK:
        while len(_FACTS) >= _FACTS_KEPT:
            del _FACTS[next(iter(_FACTS))]
        _FACTS[id(rubric)] = (rubric, facts)
    return facts


_FACTS: dict[int, tuple[Rubric, _RubricFacts]] = {}
_FACTS_KEPT = 16
_FACTS_LOCK = threading.Lock()


class _Evaluation:
    """One run of the rules; collects the trace as it goes."""

    def __init__(self, rubric: Rubric, scorecards: Iterable[Scorecard]) -> None:
        self.rubric = rubric
        self.rules = rubric.rules
        self.facts = _facts(rubric)
        self.notes: list[str] = []
        self.cards = self._usable_cards(scorecards)
        self.by_stage: dict[str, list[_Card]] = {stage.id: [] for stage in rubric.stages}
        for card in self.cards:
            self.by_stage[card.stage.id].append(card)
        self.interviewer_count = len({c.card.interviewer_uuid for c in self.cards})

    # -- input ----------------------------------------------------------------------
    def _usable_cards(self, scorecards: Iterable[Scorecard]) -> list[_Card]:
        stage_index = self.facts.stage_index
        criteria_of = self.facts.criteria_of
        weights = self.facts.weights
        unknown_stages: set[str] = set()
        submitted = []
        candidates: set[str] = set()
        for card in scorecards:
            candidates.add(card.candidate_uuid)
            if not card.is_submitted:
                continue
            if card.stage_id not in stage_index:
                unknown_stages.add(card.stage_id)
                continue
            submitted.append(card)
        if len(candidates) > 1:
            raise ValueError(
                f"a recommendation is for one candidate; got scorecards of {len(candidates)}: "
                f"{', '.join(sorted(candidates))}"
            )
        submitted = self._canonical_order(submitted, stage_index)
        if unknown_stages:
            self.notes.append(unknown_stages_note(unknown_stages))

        unknown_criteria: set[str] = set()
        cards = []
        stages = self.rubric.stages
        for card in submitted:
            index = stage_index[card.stage_id]
            by_id = criteria_of[index]
            ratings: dict[str, tuple[Criterion, int | None, str]] = {}
            weighted_sum = total = rated = 0
            for rating in card.ratings:
                criterion_id = rating.criterion_id
                criterion = by_id.get(criterion_id)
                if criterion is None:
                    unknown_criteria.add(criterion_id)
                    continue
                if criterion_id in ratings:
                    continue
                value = rating.rating
                ratings[criterion_id] = (criterion, value, rating.evidence)
                if value is not None:
                    weight = weights[criterion.id]
                    weighted_sum += weight * value
                    total += weight
                    rated += 1
            score = Fraction(weighted_sum, total) if total else None
            cards.append(_Card(card, stages[index], tuple(ratings.values()), score, rated))
        if unknown_criteria:
            self.notes.append(unknown_criteria_note(unknown_criteria))
        return cards

    def _canonical_order(
        self, cards: list[Scorecard], stage_index: dict[str, int]
    ) -> list[Scorecard]:
        """Rubric stage order, then interviewer; a scorecard given twice counts once.

        Whatever order the caller passes, the same cards come out in the same order, so
        evidence lists and the trace never show the input order.
        """
        by_uuid: dict[str, list[Scorecard]] = defaultdict(list)
        for card in cards:
            by_uuid[card.uuid].append(card)
        repeated = sorted(uuid for uuid, group in by_uuid.items() if len(group) > 1)
        if repeated:
            self.notes.append(repeated_scorecards_note(repeated))
        unique = [
            group[0] if len(group) == 1 else max(group, key=repr) for group in by_uuid.values()
        ]
        unique.sort(
            key=lambda c: (stage_index[c.stage_id], c.interviewer_name, c.interviewer_uuid, c.uuid)
        )
        return unique

    # -- the run --------------------------------------------------------------------
    def verdict(self, trace: list[str] | None = None) -> _Verdict:
        """Rules 1-5: the decision, the level, the score and the coverage, with their
        sentences appended to ``trace`` when one is given. :meth:`result` words and
        explains the same verdict; a summary needs nothing more."""
        rubric, rules, facts = self.rubric, self.rules, self.facts
        stage_scores = {
            stage.id: exact_mean([c.score for c in self.by_stage[stage.id]])
            for stage in rubric.stages
        }
        score = weighted_mean(
            [
                (facts.stage_weights[stage_id], value)
                for stage_id, value in stage_scores.items()
                if value is not None
            ]
        )
        rated_ids = {
            criterion.id
            for c in self.cards
            for criterion, value, _evidence in c.ratings
            if value is not None
        }
        coverage_pairs = facts.coverage_pairs
        unrated = [(s, c) for s, c in coverage_pairs if c.id not in rated_ids]
        coverage = Fraction(len(coverage_pairs) - len(unrated), len(coverage_pairs))
        missing = [stage for stage in facts.required if not self.by_stage[stage.id]]

        red_flags = self._observed(flags=True)
        signals = self._observed(flags=False)
        decisive = tuple(
            f
            for f in red_flags
            if f.severity == "blocker" and f.reporters >= rules.blocker_min_reporters
        )
        minor_blockers = [f for f in red_flags if f.severity == "blocker" and f not in decisive]
        capping_concerns = [
            f
            for f in red_flags
            if f.severity == "concern" and f.reporters >= rules.concern_min_reporters
        ]
        finding = self._level_finding(score, len(signals), minor_blockers, capping_concerns)
        threshold = as_fraction(rules.coverage_threshold)
        insufficient = bool(missing) or coverage < threshold or score is None
        if trace is not None:
            trace.extend(self.notes)
            trace.append(
                score_sentence(
                    rubric,
                    score,
                    stage_scores,
                    {
                        stage.id: sum(1 for c in self.by_stage[stage.id] if c.score is not None)
                        for stage in rubric.stages
                    },
                    several_weights=facts.distinct_stage_weights > 1,
                )
            )
            trace.extend(
                evidence_sentences(
                    coverage=coverage,
                    threshold=threshold,
                    required_count=len(coverage_pairs),
                    unrated=unrated,
                    missing=missing,
                    no_score=score is None,
                    insufficient=insufficient and not decisive,
                )
            )
            trace.extend(flag_sentences(rules, red_flags, decisive, self.interviewer_count))
        decision, level = self._decide(
            score=score,
            decisive=decisive,
            insufficient=insufficient,
            red_flags=red_flags,
            finding=finding,
            trace=trace,
        )
        return _Verdict(
            decision=decision,
            level=level,
            score=score,
            coverage=coverage,
            stage_scores=stage_scores,
            red_flags=red_flags,
            signals=signals,
            finding=finding,
        )

    def result(self) -> Recommendation:
        rubric = self.rubric
        trace: list[str] = []
        verdict = self.verdict(trace)
        score, coverage, level = verdict.score, verdict.coverage, verdict.level
        stages = self._stages(verdict.stage_scores)
        criteria = self._criteria()
        agreement = self._agreement(criteria)
        band = None
        if level is not None and score is not None:
            band, sentence = self._band(level, score)
            trace.append(sentence)
        if agreement.panel_split:
            trace.append(panel_split_sentence(agreement))
        cards_per_stage = {stage.id: len(self.by_stage[stage.id]) for stage in rubric.stages}
        confidence, reasons, sentence = self._confidence(
            cards_per_stage, coverage, agreement, verdict.red_flags, verdict.decision
        )
        trace.append(sentence)

        return Recommendation(
            decision=verdict.decision,
            level=None if level is None else level.id,
            level_title=None if level is None else level.title,
            candidate_score=None if score is None else float(score),
            stages=stages,
            criteria=criteria,
            band=band,
            confidence=confidence,
            confidence_reasons=reasons,
            coverage=float(coverage),
            agreement=agreement,
            red_flags=verdict.red_flags,
            positive_signals=verdict.signals,
            level_finding=verdict.finding,
            interviewer_count=self.interviewer_count,
            trace=tuple(trace),
        )

    # -- scores ---------------------------------------------------------------------
    def _stages(self, stage_scores: dict[str, Fraction | None]) -> tuple[StageResult, ...]:
        results = []
        for stage in self.rubric.stages:
            cards = self.by_stage[stage.id]
            panel = stage_scores[stage.id]
            results.append(
                StageResult(
                    stage_id=stage.id,
                    title=stage.title,
                    required=stage.required,
                    weight=self.rubric.stage_weight(stage.id),
                    score=None if panel is None else to_float(panel),
                    scorecards=tuple(
                        ScorecardResult(
                            uuid=c.card.uuid,
                            stage_id=stage.id,
                            interviewer_uuid=c.card.interviewer_uuid,
                            interviewer_name=c.card.interviewer_name,
                            score=None if c.score is None else to_float(c.score),
                            rated=c.rated,
                            not_applicable=len(c.ratings) - c.rated,
                            vote=c.card.vote,
                            level_evidence=c.card.level_evidence,
                        )
                        for c in cards
                    ),
                )
            )
        return tuple(results)

    def _criteria(self) -> tuple[CriterionResult, ...]:
        entries: dict[str, list[RatingEntry]] = defaultdict(list)
        for c in self.cards:
            card = c.card
            uuid, interviewer_uuid, name = card.uuid, card.interviewer_uuid, card.interviewer_name
            for criterion, value, evidence in c.ratings:
                entries[criterion.id].append(
                    RatingEntry(uuid, interviewer_uuid, name, value, evidence)
                )
        results = []
        for stage, criterion in self.facts.criteria:
            ratings = tuple(entries.get(criterion.id, ()))
            values = tuple([e.rating for e in ratings if e.rating is not None])
            results.append(
                CriterionResult(
                    criterion_id=criterion.id,
                    stage_id=stage.id,
                    title=criterion.title,
                    weight=criterion.weight,
                    ratings=ratings,
                    values=values,
                    # int / int is correctly rounded: the exact mean as a float.
                    mean=sum(values) / len(values) if values else None,
                    rated_count=len(values),
                )
            )
        return tuple(results)

    # -- observations ---------------------------------------------------------------
    def _observed(self, *, flags: bool) -> tuple[ObservedItem, ...]:
        evidence: dict[str, list[Evidence]] = defaultdict(list)
        unknown: set[str] = set()
        known = self.facts.flag_ids if flags else self.facts.signal_ids
        for c in self.cards:
            seen: set[str] = set()
            for observation in c.card.red_flags if flags else c.card.signals:
                if observation.item_id not in known:
                    unknown.add(observation.item_id)
                    continue
                if observation.item_id in seen:
                    continue
                seen.add(observation.item_id)
                evidence[observation.item_id].append(
                    Evidence(
                        interviewer_uuid=c.card.interviewer_uuid,
                        interviewer_name=c.card.interviewer_name,
                        stage_id=c.stage.id,
                        scorecard_uuid=c.card.uuid,
                        text=observation.evidence,
                    )
                )
        if unknown:
            self.notes.append(unknown_observations_note(unknown, flags=flags))
        items = []
        if flags:
            for flag in self.rubric.red_flags:
                if flag.id in evidence:
                    found = tuple(evidence[flag.id])
                    reporters = len({e.interviewer_uuid for e in found})
                    items.append(ObservedItem(flag.id, flag.label, flag.severity, reporters, found))
        else:
            for signal in self.rubric.signals:
                if signal.id in evidence:
                    found = tuple(evidence[signal.id])
                    reporters = len({e.interviewer_uuid for e in found})
                    items.append(ObservedItem(signal.id, signal.label, None, reporters, found))
        return tuple(items)

    # -- level and decision ---------------------------------------------------------
    def _level_finding(
        self,
        score: Fraction | None,
        signals: int,
        minor_blockers: Sequence[ObservedItem],
        capping_concerns: Sequence[ObservedItem],
    ) -> LevelFinding:
        levels = self.rubric.levels
        index_of = self.facts.level_index
        evidence: list[int] = []
        unknown: set[str] = set()
        for c in self.cards:
            given = c.card.level_evidence
            if given is None:
                continue
            if given == BELOW_LADDER:
                evidence.append(-1)
            elif given in index_of:
                evidence.append(index_of[given])
            else:
                unknown.add(given)
        if unknown:
            self.notes.append(unknown_level_evidence_note(unknown))
        evidence.sort()
        median = evidence[(len(evidence) - 1) // 2] if evidence else None
        score_cap: int | None = None
        if score is not None:
            for index, (rung, minimum) in enumerate(
                zip(levels, self.facts.level_minimums, strict=True)
            ):
                if minimum <= score and rung.min_positive_signals <= signals:
                    score_cap = index
        flag_cap: int | None = None
        caps = []
        if minor_blockers:
            caps.append(self.rules.blocker_level_cap)
        if capping_concerns:
            caps.append(self.rules.concern_level_cap)
        for cap in caps:
            if cap in index_of:
                flag_cap = index_of[cap] if flag_cap is None else min(flag_cap, index_of[cap])
            else:
                self.notes.append(unknown_level_cap_note(cap))
        level: int | None = None
        if score is not None:
            candidates = [score_cap if score_cap is not None else -1]
            if median is not None:
                candidates.append(median)
            if flag_cap is not None:
                candidates.append(flag_cap)
            level = min(candidates)
        return LevelFinding(
            evidence=tuple(self._level_name(index) for index in evidence),
            evidence_median=None if median is None else self._level_name(median),
            distinct_signals=signals,
            score_cap=None if score_cap is None else levels[score_cap].id,
            flag_cap=None if flag_cap is None else levels[flag_cap].id,
            level=None if level is None or level < 0 else levels[level].id,
        )

    def _level_name(self, index: int) -> str:
        return BELOW_LADDER if index < 0 else self.rubric.levels[index].id

    def _decide(
        self,
        *,
        score: Fraction | None,
        decisive: Sequence[ObservedItem],
        insufficient: bool,
        red_flags: Sequence[ObservedItem],
        finding: LevelFinding,
        trace: list[str] | None,
    ) -> tuple[Decision, Level | None]:
        """Rules 1-5 in their order; the reason is worded into ``trace`` if one is given
        (a summary asks for the decision alone)."""
        rules = self.rules
        if decisive:
            return Decision.STRONG_NO_HIRE, None
        if insufficient or score is None:
            return Decision.INSUFFICIENT_EVIDENCE, None
        low, bar, high = (
            as_fraction(rules.strong_no_hire_below),
            as_fraction(rules.hire_bar),
            as_fraction(rules.strong_hire_at),
        )
        if score < low:
            if trace is not None:
                trace.append(below_strong_no_hire_sentence(score, low))
            return Decision.STRONG_NO_HIRE, None
        if score < bar:
            if trace is not None:
                trace.append(below_hire_bar_sentence(score, bar))
            return Decision.NO_HIRE, None

        if trace is not None:
            trace.extend(level_sentences(self.rubric, score, finding))
        if finding.level is None:
            if trace is not None:
                trace.append(below_ladder_sentence(self.rubric))
            return Decision.NO_HIRE, None
        level = self.rubric.level(finding.level)
        if score >= high and not red_flags:
            if trace is not None:
                trace.append(strong_hire_sentence(score, high, level.id))
            return Decision.STRONG_HIRE, level
        if trace is not None:
            if score >= high:
                trace.append(flagged_hire_sentence(score, high, level.id))
            else:
                trace.append(hire_sentence(score, bar, level.id))
        return Decision.HIRE, level

    # -- band -----------------------------------------------------------------------
    def _band(self, level: Level, score: Fraction) -> tuple[BandRecommendation, str]:
        levels = self.rubric.levels
        index = self.rubric.level_index(level.id)
        low = as_fraction(level.min_score)
        if index + 1 < len(levels):
            following: Level | None = levels[index + 1]
            high = as_fraction(levels[index + 1].min_score)
        else:
            following = None
            high = Fraction(SCORE_CEILING)
        raw = (score - low) / (high - low) if high > low else Fraction(1)
        position = min(Fraction(1), max(Fraction(0), raw))
        band = level.band
        suggested = suggested_base(band, position)
        recommendation = BandRecommendation(
            level_id=level.id,
            currency=band.currency,
            base_min=band.base_min,
            base_mid=band.base_mid,
            base_max=band.base_max,
            position=float(position),
            suggested_base=float(suggested),
            equity_min=band.equity_min,
            equity_max=band.equity_max,
            equity_unit=band.equity_unit,
            equity_note=band.equity_note,
            learning_budget=band.learning_budget,
        )
        sentence = band_sentence(
            level_id=level.id,
            following_id=None if following is None else following.id,
            low=low,
            high=high,
            raw=raw,
            position=position,
            score=score,
            suggested=suggested,
            currency=band.currency,
        )
        return recommendation, sentence

    # -- agreement and confidence ---------------------------------------------------
    def _agreement(self, criteria: Sequence[CriterionResult]) -> Agreement:
        yes = no = 0
        for usable in self.cards:
            vote = usable.card.vote
            if vote is not None:
                if vote.is_yes_side:
                    yes += 1
                else:
                    no += 1
        units = [c.values for c in criteria if c.rated_count >= 2]
        alpha = alpha_fraction(units, "ordinal")
        spread = []
        threshold = self.rules.spread_threshold
        for c in criteria:
            if c.rated_count < 2:
                continue
            low, high = min(c.values), max(c.values)
            if high - low >= threshold:
                spread.append(SpreadCriterion(c.criterion_id, c.stage_id, c.title, low, high))
        return Agreement(
            panel_split=yes > 0 and no > 0,
            yes_votes=yes,
            no_votes=no,
            alpha=None if alpha is None else float(alpha),
            alpha_units=len(units),
            spread_criteria=tuple(spread),
        )

    def _confidence(
        self,
        cards_per_stage: dict[str, int],
        coverage: Fraction,
        agreement: Agreement,
        red_flags: Sequence[ObservedItem],
        decision: Decision,
    ) -> tuple[Confidence, tuple[str, ...], str]:
        rules = self.rules
        needed = rules.high_confidence_min_scorecards
        insufficient = decision is Decision.INSUFFICIENT_EVIDENCE
        reasons = confidence_reasons(
            insufficient=insufficient,
            short=[
                (stage, cards_per_stage[stage.id])
                for stage in self.facts.required
                if cards_per_stage[stage.id] < needed
            ],
            needed=needed,
            coverage=coverage,
            wanted=as_fraction(rules.high_confidence_coverage),
            agreement=agreement,
            red_flags=red_flags,
        )
        failing = len(reasons)
        if not reasons:
            confidence = Confidence.HIGH
            reasons.append(high_confidence_reason(needed, coverage))
        elif insufficient:
            confidence = Confidence.LOW
        else:
            confidence = Confidence.LOW if failing >= 2 else Confidence.MEDIUM
        sentence = confidence_sentence(confidence, failing, insufficient=insufficient)
        return confidence, tuple(reasons), sentence
