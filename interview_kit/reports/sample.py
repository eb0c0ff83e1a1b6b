"""A realistic packet made of plain data, for documentation images and benchmarks.

The values follow the default Builder rubric (three stages, L4-L7) but nothing here reads
a database or a rubric file: it is the shape services hand to :func:`build_packet`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from interview_kit.reports.packet_data import (
    Agreement,
    Amendment,
    BandInfo,
    CommitteeDecision,
    Coverage,
    CriterionResult,
    ExerciseNote,
    Observed,
    PacketData,
    PanelMember,
    RadarData,
    Report,
    StageBar,
    StageSection,
    Verdict,
)

INTERVIEWERS = (
    "Łukasz Nowak",
    "Ελένη Παπαδοπούλου",
    "Юлия Смирнова",
    "Aisha Bello",
    "Mateo García",
    "Priya Raman",
    "Tomás Ó Briain",
    "Ingrid Sæther",
    "Kenji Watanabe",
    "Olusegun Adeyemi",
)

STAGES = (
    (
        "Stage 1",
        "Initial screen",
        (
            "End-to-end ownership examples",
            "Motivation for the Builder role",
            "Technical depth",
            "Business and product thinking",
        ),
        ("Ownership story",),
    ),
    (
        "Stage 2",
        "Technical deep dive",
        (
            "Ships a small feature end to end",
            "System design with product considerations",
            "Debugging and code review",
            "Uses AI tools with judgement",
        ),
        ("Live build: invite flow", "Code review scenario"),
    ),
    (
        "Stage 3",
        "Product and cross-functional",
        (
            "Defines and prototypes a small product",
            "Design critique and stakeholder collaboration",
            "Go-to-market for the prototype",
            "Past product decisions and trade-offs",
        ),
        ("Prototype brief", "Launch plan"),
    ),
)

_EVIDENCE = (
    (
        "Walked through the billing migration they led: sized the risk in lost revenue, shipped "
        "behind a flag in two weeks, and talked to five customers before the rollout."
    ),
    (
        "Explained the trade-off between a queue and a cron job in terms of support load and "
        "customer-visible latency, then picked the simpler option with a clear exit plan."
    ),
    (
        "Found the off-by-one in the pagination test quickly and asked what the customer impact "
        "had been before proposing a fix."
    ),
    "Prototype was rough but usable; wrote the launch email and two success metrics unprompted.",
)

_SUMMARIES = (
    (
        "Strong end-to-end owner. Talks about technical choices in business terms and ships "
        "with very little. Would like more evidence of influence beyond their own team."
    ),
    (
        "Solid engineer with real product instinct; design critique was thoughtful and "
        "collaborative. Some hesitation on go-to-market detail."
    ),
    (
        "Clear communicator, opinions held loosely: changed the design when shown the data. "
        "Pragmatic about AI tooling and honest about where it failed them."
    ),
)


def sample_packet(
    interviewers: int = 4, *, one_stage: bool = False, candidate: str = "Zoë Ørsted"
) -> PacketData:
    """A complete packet with ``interviewers`` panel members (0-10).

    Interviewers are spread over the three stages in turn, or all put on stage 2 with
    ``one_stage`` (the widest ratings table the packet has to lay out).
    """
    count = max(0, min(interviewers, len(INTERVIEWERS)))
    people = INTERVIEWERS[:count]
    by_stage: list[list[str]] = [[], [], []]
    for index, name in enumerate(people):
        by_stage[1 if one_stage else index % 3].append(name)

    sections: list[StageSection] = []
    panel: list[PanelMember] = []
    bars: list[StageBar] = []
    for s_index, (label, title, criteria, exercises) in enumerate(STAGES):
        names = tuple(by_stage[s_index])
        results = []
        stage_sum = 0.0
        for c_index, criterion in enumerate(criteria):
            ratings: list[int | None] = [
                (3 + ((c_index + i + s_index) % 3 == 0) - ((c_index * 7 + i) % 5 == 0))
                for i in range(len(names))
            ]
            if names and c_index == 3 and s_index == 2:
                ratings[0] = None
            rated = [r for r in ratings if r is not None]
            mean = sum(rated) / len(rated) if rated else None
            stage_sum += mean or 0.0
            results.append(
                CriterionResult(
                    title=criterion,
                    ratings=tuple(ratings),
                    panel_mean=mean,
                    spread=bool(rated) and max(rated) - min(rated) >= 2,
                    evidence=tuple(
                        Report(name, _EVIDENCE[(c_index + i) % len(_EVIDENCE)])
                        for i, name in enumerate(names)
                        if (c_index + i) % 2 == 0
                    ),
                )
            )
        score = stage_sum / len(criteria) if names else None
        notes = tuple(
            ExerciseNote(exercise, name, "Finished in the time box; narrated every trade-off.")
            for exercise in exercises[:1]
            for name in names[:2]
        )
        verdicts = tuple(
            Verdict(
                interviewer=name,
                vote=("Yes", "Strong yes", "Yes", "No")[(i + s_index) % 4],
                level_evidence=("L5 Staff Builder", "L5 Staff Builder", "L4 Senior Builder")[i % 3],
                summary=_SUMMARIES[(i + s_index) % len(_SUMMARIES)],
                stage_score=score,
            )
            for i, name in enumerate(names)
        )
        sections.append(
            StageSection(
                title=f"{label} · {title}",
                interviewers=names,
                criteria=tuple(results),
                panel_score=score,
                exercise_notes=notes,
                verdicts=verdicts,
            )
        )
        bars.append(StageBar(f"{label} · {title}", score, len(names)))
        panel.extend(
            PanelMember(
                name=name,
                stage=label,
                stage_title=title,
                submitted_at=datetime(2026, 11, 3 + s_index * 2, 15, 30 + i, tzinfo=UTC),
                vote=verdict.vote,
            )
            for i, (name, verdict) in enumerate(zip(names, verdicts, strict=True))
        )

    votes = [m.vote for m in panel]
    yes = sum(1 for v in votes if v in ("Yes", "Strong yes"))
    reporters = people[:3]
    labels = (
        "AI usage",
        "Technical depth",
        "Product ownership",
        "Execution speed",
        "Operational responsibility",
        "Customer empathy",
    )
    return PacketData(
        candidate_name=candidate,
        candidate_email="zoe.orsted@example.org",
        candidate_source="Founder / indie hacker",
        candidate_origin="Engineer path",
        candidate_ref="5b7f0c1e-2a55-4d1f-9f0a-0d3c6a1e9b42",
        role_title="Builder",
        packet_date=date(2026, 11, 20),
        rubric_version="Builder 2026.1",
        rubric_hash="9f2c4e7a1b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8",
        decision="Hire" if count else "Not enough evidence",
        hire=True if count else None,
        level_id="L5" if count else None,
        level_title="Staff Builder" if count else "",
        score=3.18 if count else None,
        band=BandInfo(
            currency="EUR",
            base_min=150000,
            base_mid=172000,
            base_max=195000,
            suggested_base=178000,
            position=0.62,
            equity_text="0.10 % – 0.25 % over four years, one-year cliff",
            learning_budget=5000,
        )
        if count
        else None,
        confidence="Medium" if count else "Low",
        confidence_reasons=(
            "Coverage 92 %: one criterion was rated N/A.",
            "One concern raised by a single interviewer.",
            "Panel agreement is moderate (alpha 0.64).",
        )
        if count
        else ("No scorecards submitted yet.",),
        coverage=Coverage(0.92, 11, 12, ("Past product decisions and trade-offs (N/A)",))
        if count
        else Coverage(None, 0, 12, ("Every stage",)),
        agreement=Agreement(
            alpha=0.64 if count > 1 else None,
            yes_side=yes,
            no_side=len(votes) - yes,
            spread_criteria=tuple(c.title for s in sections for c in s.criteria if c.spread),
        ),
        red_flags=(
            Observed(
                "Over-engineers",
                tuple(
                    Report(n, "Reached for a plugin system for a one-off export.")
                    for n in reporters[:1]
                ),
                severity="concern",
                description="Builds for hypothetical future needs before shipping.",
            ),
        )
        if count
        else (),
        signals=(
            Observed(
                "Frames technical decisions in business terms",
                tuple(Report(n, _EVIDENCE[i]) for i, n in enumerate(reporters)),
            ),
            Observed(
                "Ships with minimal resources",
                tuple(
                    Report(n, "Launched a paid beta alone in three weeks.") for n in reporters[:2]
                ),
            ),
            Observed(
                "Asks about customer impact and metrics",
                tuple(Report(n, "") for n in reporters[1:2]),
            ),
        )
        if count
        else (),
        stages=tuple(sections),
        radar=RadarData(
            labels=labels,
            candidate=(3.5, 3.25, 3.4, 3.6, 2.7, 3.1) if count else (None,) * 6,
            level_minimum=(3.0,) * 6,
            level_label="L5 Staff Builder minimum",
        ),
        stage_bars=tuple(bars),
        hire_bar=2.75,
        level_minimum=3.0,
        trace=(
            "Candidate score 3.18 is above the hire bar 2.75: hire.",
            "Level evidence from the panel points to L5 (3 of 4 scorecards).",
            "Score 3.18 meets the L5 minimum 3.00 but not the L6 minimum 3.40: level L5.",
            (
                "One concern (Over-engineers) raised by 1 interviewer: below the 2 needed to cap "
                "the level."
            ),
            (
                "Band L5: 3.18 sits 62 % of the way from the L5 minimum to the L6 minimum, so the "
                "suggested base is EUR 178,000."
            ),
            "Coverage 92 % is above the 80 % threshold but below 90 %: confidence medium.",
        )
        if count
        else ("No submitted scorecards: no recommendation can be made.",),
        panel=tuple(panel),
        amendments=(
            Amendment(
                interviewer=people[0],
                stage="Stage 1",
                when=datetime(2026, 11, 6, 9, 12, tzinfo=UTC),
                change="Technical depth: 2 → 3",
                reason="Rating entered on the wrong row; evidence unchanged.",
            ),
        )
        if count
        else (),
        committee=None,
    )


def sample_decision() -> CommitteeDecision:
    return CommitteeDecision(
        decision="Hire",
        level="L5 Staff Builder",
        offer="EUR 178,000 base, 0.15 % equity, EUR 5,000 learning budget",
        decided_by=("Hiring committee: R. Okafor, M. Lindqvist, S. Kowalczyk",),
        decided_at=date(2026, 11, 24),
        rationale="Agree with the panel. Concern about over-engineering noted for onboarding.",
    )
