"""Demo data: a believable Builder hiring panel, and synthetic volume for benchmarks.

Two halves. :func:`build_plan` is pure: from a rubric and a seed it produces plain
records (interviewers, candidates, assignments, scorecards, amendments, committee
decisions), identical for the same seed, uuids and timestamps included: every random
choice and every uuid comes from generators seeded by the seed (one per candidate, so a
candidate does not change when more are asked for). :func:`load_demo` stores a plan in
one transaction of bulk inserts, fast enough for 10k candidates, with the engine's
summaries computed beside the writes.

The first thirteen candidates are written by hand so that the panel shows every pipeline
state and every rule of the engine: strong hires, no hires, a blocker raised by two
interviewers, a split panel, a stage still in progress, a concern capping the level.
Beyond them, candidates are drawn at random and fully interviewed (three stages, three
interviewers each), as an archive of past hiring would be.
"""

from __future__ import annotations

import gc
import logging
import pickle
import queue
import random
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import NormalDist
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Connection, Dialect, Table, delete, func, insert, select, text

from interview_kit import paths
from interview_kit.domain.engine import recommend
from interview_kit.domain.rubric import Criterion, RedFlag, Rubric, Signal, Stage
from interview_kit.domain.scorecard import (
    BELOW_LADDER,
    CriterionRating,
    Observation,
    Scorecard,
    ScorecardStatus,
    Vote,
)
from interview_kit.services import audit, rubrics
from interview_kit.services.errors import ConflictError, InvalidInputError
from interview_kit.storage.backup import backup_sqlite
from interview_kit.storage.database import Database
from interview_kit.storage.errors import BackupError
from interview_kit.storage.models import (
    NAME_LENGTH,
    AmendmentRow,
    AssignmentRow,
    CandidateRow,
    CandidateSummaryRow,
    DecisionRow,
    ErasingCandidateRow,
    ExerciseNoteRow,
    InterviewerRow,
    ObservationRow,
    PrivateNoteRow,
    RatingRow,
    RubricVersionRow,
    ScorecardRow,
    UtcDateTime,
    search_key,
)

_T = TypeVar("_T")
logger = logging.getLogger(__name__)

DEFAULT_SEED = 7
BASE_TIME = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
"""Demo time starts here, not at "now": the same seed must give the same database."""


# ---------------------------------------------------------------------------------------
# Records (named tuples: the 10k-candidate plan creates half a million of them)


class DemoInterviewer(NamedTuple):
    uuid: str
    name: str
    email: str
    title: str
    leniency: float
    """How far this interviewer's ratings sit from the panel's, on average (demo only)."""


class DemoCandidate(NamedTuple):
    uuid: str
    name: str
    email: str
    source: str
    origin: str
    role: str
    status: str
    stage_id: str | None
    """The stage the candidate is in or last reached (``None`` before the first)."""
    notes: str
    created_at: datetime


class DemoAssignment(NamedTuple):
    candidate_uuid: str
    stage_id: str
    interviewer_uuid: str
    created_at: datetime


class DemoScorecard(NamedTuple):
    """One interviewer's sheet: the scorecard as the engine reads it, and what only the
    app keeps (private notes, when it was started and last saved)."""

    sheet: Scorecard
    private_notes: str
    created_at: datetime
    updated_at: datetime

    @property
    def uuid(self) -> str:
        return self.sheet.uuid

    @property
    def candidate_uuid(self) -> str:
        return self.sheet.candidate_uuid

    @property
    def submitted(self) -> bool:
        return self.sheet.is_submitted


class DemoAmendment(NamedTuple):
    """A correction to a submitted scorecard: one criterion's rating, with the reason."""

    uuid: str
    scorecard_uuid: str
    author_uuid: str
    reason: str
    criterion_id: str
    old_rating: int | None
    new_rating: int | None
    evidence: str
    created_at: datetime


class DemoDecision(NamedTuple):
    uuid: str
    candidate_uuid: str
    decision: str
    """``hire`` or ``no_hire``."""
    level: str | None
    base_salary: float | None
    notes: str
    decided_by: str
    decided_at: datetime


@dataclass
class DemoPlan:
    seed: int
    rubric: Rubric
    interviewers: list[DemoInterviewer] = field(default_factory=list)
    candidates: list[DemoCandidate] = field(default_factory=list)
    assignments: list[DemoAssignment] = field(default_factory=list)
    scorecards: list[DemoScorecard] = field(default_factory=list)
    amendments: list[DemoAmendment] = field(default_factory=list)
    decisions: list[DemoDecision] = field(default_factory=list)

    def summary(self) -> str:
        submitted = sum(1 for card in self.scorecards if card.submitted)
        drafts = len(self.scorecards) - submitted
        amendments = len(self.amendments)
        return (
            f"{len(self.candidates)} candidates, {len(self.interviewers)} interviewers, "
            f"{len(self.assignments)} assignments, {submitted} submitted and {drafts} draft "
            f"scorecards, {amendments} amendment{'s' if amendments != 1 else ''}, "
            f"{len(self.decisions)} committee decisions"
        )


# ---------------------------------------------------------------------------------------
# Who: the interview panel and the hand-written candidates


@dataclass(frozen=True)
class _Person:
    name: str
    email_name: str
    title: str = ""


_INTERVIEWERS = (
    (_Person("Ingrid Halvorsen", "ingrid.halvorsen", "Staff Engineer"), -0.35),
    (_Person("Tomás Delgado", "tomas.delgado", "Head of Product"), 0.3),
    (_Person("Mei Tanaka", "mei.tanaka", "Design Lead"), 0.0),
    (_Person("Dev Raghunathan", "dev.raghunathan", "Engineering Manager"), 0.1),
)


@dataclass(frozen=True)
class _Story:
    """What a candidate talks about: the facts evidence sentences are written around."""

    project: str
    metric: str
    stack: str
    customer: str


@dataclass(frozen=True)
class _Flag:
    keywords: tuple[str, ...]
    severity: str
    reporters: int
    stage_numbers: tuple[int, ...] = (1, 2, 3)


@dataclass(frozen=True)
class _Persona:
    person: _Person
    source: str
    origin: str
    status: str
    notes: str
    story: _Story
    quality: float
    submitted_stages: int
    """Stages (in order) whose scorecards are all submitted."""
    in_progress: str = ""
    """Next stage: ``""`` untouched, ``"assigned"``, ``"draft"`` (one draft),
    ``"half"`` (one submitted, one draft)."""
    panel_size: tuple[int, int, int] = (2, 2, 2)
    level: str | None = None
    signals: int = 2
    flags: tuple[_Flag, ...] = ()
    split: bool = False
    decision: tuple[str, str | None] | None = None
    amend: bool = False
    note_rate: float = 1.0
    """Share of exercises an interviewer writes a note for."""


_PERSONAS: tuple[_Persona, ...] = (
    _Persona(
        _Person("Łukasz Kowalczyk", "lukasz.kowalczyk"),
        source="founder",
        origin="engineer",
        status="hired",
        notes="Sold his bootstrapped invoicing SaaS last year; wants a team and a bigger surface.",
        story=_Story(
            "a self-serve invoicing SaaS for Polish freelancers",
            "grew it to 4,000 paying accounts and 38k EUR MRR",
            "Django, HTMX and Postgres",
            "freelance accountants",
        ),
        quality=3.75,
        submitted_stages=3,
        panel_size=(2, 3, 2),
        level="L6",
        signals=5,
        decision=("hire", "L6"),
    ),
    _Persona(
        _Person("Zoë Lefèvre", "zoe.lefevre"),
        source="technical_pm",
        origin="pm",
        status="offer",
        notes="Technical PM at a logistics scale-up; ships her own prototypes in Next.js.",
        story=_Story(
            "a carrier-booking flow for a freight marketplace",
            "cut booking time from nine minutes to two and lifted conversion by 14%",
            "Next.js, Supabase and a lot of Cursor",
            "small shipping brokers",
        ),
        quality=3.25,
        submitted_stages=3,
        level="L5",
        signals=3,
        decision=("hire", "L5"),
        amend=True,
    ),
    _Persona(
        _Person("Astrid Ørsted", "astrid.orsted"),
        source="senior_engineer",
        origin="engineer",
        status="committee",
        notes="Senior backend engineer in energy trading; strong on systems, newer to product.",
        story=_Story(
            "an intraday power-price alerting service",
            "moved traders' reaction time from minutes to seconds",
            "Go, Kafka and TimescaleDB",
            "energy traders",
        ),
        quality=3.0,
        submitted_stages=3,
        panel_size=(2, 2, 3),
        level="L5",
        signals=3,
        split=True,
    ),
    _Persona(
        _Person("Ελένη Παπαδοπούλου", "eleni.papadopoulou"),
        source="senior_engineer",
        origin="engineer",
        status="rejected",
        notes="Very strong engineer from a payments company; referred by a current Builder.",
        story=_Story(
            "a payments reconciliation engine",
            "reconciled 2M transactions a day with zero manual review",
            "Kotlin, Spring and Postgres",
            "finance operations teams",
        ),
        quality=3.0,
        submitted_stages=3,
        level="L5",
        signals=2,
        flags=(_Flag(("customer", "empathy"), "blocker", 2, (2, 3)),),
        decision=("no_hire", None),
    ),
    _Persona(
        _Person("Юлия Соколова", "yulia.sokolova"),
        source="founder",
        origin="pm",
        status="product",
        notes="Ran a two-person edtech start-up for three years; product stage in progress.",
        story=_Story(
            "a spaced-repetition app for medical students",
            "reached 20k monthly active learners with no paid marketing",
            "React Native, Firebase and OpenAI APIs",
            "medical students",
        ),
        quality=3.3,
        submitted_stages=2,
        in_progress="draft",
        level="L5",
        signals=4,
    ),
    _Persona(
        _Person("Kwame Asante", "kwame.asante"),
        source="other",
        origin="engineer",
        status="rejected",
        notes="Agency developer; keen, but most work handed over by account managers.",
        story=_Story(
            "marketing sites and a booking widget for agency clients",
            "delivered around thirty client projects",
            "WordPress, PHP and jQuery",
            "the agency's account managers",
        ),
        quality=2.35,
        submitted_stages=3,
        level=BELOW_LADDER,
        signals=1,
        flags=(_Flag(("perfection",), "concern", 1, (3,)),),
        decision=("no_hire", None),
    ),
    _Persona(
        _Person("Priya Raman", "priya.raman"),
        source="senior_engineer",
        origin="engineer",
        status="committee",
        notes="Platform engineer with a side project that has paying users.",
        story=_Story(
            "an internal developer platform and a paid uptime-monitoring side project",
            "brought deploy time from 40 minutes to 6 for 120 engineers",
            "Terraform, Kubernetes, TypeScript",
            "the company's product engineers",
        ),
        quality=3.6,
        submitted_stages=3,
        level="L6",
        signals=4,
        flags=(_Flag(("over_engineer", "overengineer", "engineer"), "concern", 2, (2, 3)),),
    ),
    _Persona(
        _Person("Mateo Fernández", "mateo.fernandez"),
        source="technical_pm",
        origin="pm",
        status="withdrawn",
        notes="Withdrew after the technical stage: accepted a counter-offer.",
        story=_Story(
            "a self-serve onboarding for a B2B analytics tool",
            "halved time-to-first-dashboard",
            "Retool, SQL and a little Python",
            "data analysts at mid-size retailers",
        ),
        quality=2.9,
        submitted_stages=2,
        in_progress="assigned",
        level="L4",
        signals=2,
    ),
    _Persona(
        _Person("Siobhán Ní Bhriain", "siobhan.nibhriain"),
        source="founder",
        origin="pm",
        status="new",
        notes="Inbound application; built a community marketplace for Irish craft makers.",
        story=_Story(
            "a marketplace for Irish craft makers",
            "reached 600 sellers in the first year",
            "Shopify, Zapier and a custom Node backend",
            "craft makers",
        ),
        quality=3.1,
        submitted_stages=0,
    ),
    _Persona(
        _Person("王静", "wang.jing"),
        source="senior_engineer",
        origin="engineer",
        status="screening",
        notes="Mobile lead moving towards product; screen booked this week.",
        story=_Story(
            "an offline-first field-inspection app",
            "replaced paper forms for 3,000 inspectors",
            "Flutter, SQLite and a GraphQL backend",
            "building inspectors",
        ),
        quality=3.2,
        submitted_stages=0,
        in_progress="draft",
        level="L5",
    ),
    _Persona(
        _Person("Jonas Müller", "jonas.mueller"),
        source="other",
        origin="engineer",
        status="deep_dive",
        notes="Data engineer turned indie hacker; in the technical stage.",
        story=_Story(
            "a Chrome extension that summarises supplier contracts",
            "signed up 900 procurement users in six weeks",
            "Python, FastAPI and a small fine-tuned model",
            "procurement managers",
        ),
        quality=3.05,
        submitted_stages=1,
        in_progress="half",
        level="L4",
        signals=2,
    ),
    _Persona(
        _Person("Amara Okonkwo", "amara.okonkwo"),
        source="technical_pm",
        origin="pm",
        status="rejected",
        notes="Experienced roadmap owner; has not built software herself.",
        story=_Story(
            "a roadmap process for a banking app",
            "coordinated five squads through a replatforming",
            "Jira, Confluence and Figma",
            "retail banking customers",
        ),
        quality=1.75,
        submitted_stages=3,
        level=BELOW_LADDER,
        signals=0,
        flags=(_Flag(("communicat",), "concern", 1, (2,)),),
        decision=("no_hire", None),
    ),
    _Persona(
        _Person("Noor Haddad", "noor.haddad"),
        source="founder",
        origin="engineer",
        status="committee",
        notes="Founded a climate-data start-up; direct, fast, sometimes abrasive.",
        story=_Story(
            "a carbon-accounting API for e-commerce checkouts",
            "went from idea to three paying merchants in eight weeks",
            "TypeScript, Cloudflare Workers and Postgres",
            "sustainability leads at online shops",
        ),
        quality=3.3,
        submitted_stages=3,
        level="L5",
        signals=3,
        flags=(_Flag(("defian", "authority"), "blocker", 1, (3,)),),
    ),
)

DEFAULT_CANDIDATES = len(_PERSONAS)

# Synthetic candidates: first names and family names from many places, each with an ASCII
# spelling for the e-mail address.
_FIRST_NAMES = (
    ("Łukasz", "lukasz"),
    ("Zoë", "zoe"),
    ("Ελένη", "eleni"),
    ("Юлия", "yulia"),
    ("Søren", "soren"),
    ("Aoife", "aoife"),
    ("José", "jose"),
    ("Chloé", "chloe"),
    ("Mehmet", "mehmet"),
    ("Ana", "ana"),
    ("Björn", "bjorn"),
    ("Fatima", "fatima"),
    ("Kenji", "kenji"),
    ("Olúwásẹ̀un", "oluwaseun"),
    ("Ngozi", "ngozi"),
    ("Ravi", "ravi"),
    ("Sofía", "sofia"),
    ("Matteo", "matteo"),
    ("Hannah", "hannah"),
    ("Dmitri", "dmitri"),
    ("Leilani", "leilani"),
    ("Thảo", "thao"),
    ("Ji-woo", "jiwoo"),
    ("Amir", "amir"),
    ("Greta", "greta"),
    ("Tiago", "tiago"),
    ("Ayşe", "ayse"),
    ("Wei", "wei"),
    ("Nadia", "nadia"),
    ("Emeka", "emeka"),
    ("Marta", "marta"),
    ("Oskar", "oskar"),
)
_LAST_NAMES = (
    ("Nowak", "nowak"),
    ("Ørsted", "orsted"),
    ("Παπαδάκη", "papadaki"),
    ("Иванова", "ivanova"),
    ("García", "garcia"),
    ("Müller", "muller"),
    ("Okafor", "okafor"),
    ("Tanaka", "tanaka"),
    ("Nguyễn", "nguyen"),
    ("Kim", "kim"),
    ("Haddad", "haddad"),
    ("Rossi", "rossi"),
    ("O'Brien", "obrien"),
    ("Svensson", "svensson"),
    ("Yılmaz", "yilmaz"),
    ("Chen", "chen"),
    ("Fernandes", "fernandes"),
    ("Kowalski", "kowalski"),
    ("Mensah", "mensah"),
    ("Dubois", "dubois"),
    ("Novák", "novak"),
    ("Patel", "patel"),
    ("Adeyemi", "adeyemi"),
    ("Lindqvist", "lindqvist"),
    ("Costa", "costa"),
    ("Schröder", "schroder"),
    ("Horvat", "horvat"),
    ("Sato", "sato"),
)
_STORIES = (
    _Story(
        "a scheduling tool for dental clinics",
        "reached 150 clinics in a year",
        "Rails and Postgres",
        "clinic receptionists",
    ),
    _Story(
        "an internal pricing experiment platform",
        "lifted average order value by 6%",
        "Python, dbt and Streamlit",
        "the growth team",
    ),
    _Story(
        "a Slack bot that triages support tickets",
        "cut first-response time by half",
        "TypeScript and the OpenAI API",
        "support agents",
    ),
    _Story(
        "a mobile app for independent gyms",
        "signed 80 gyms and 12k members",
        "Flutter and Firebase",
        "gym owners",
    ),
    _Story(
        "a usage-based billing migration",
        "moved 3,000 customers without a support spike",
        "Java, Stripe and Kafka",
        "finance and customer success",
    ),
    _Story(
        "a no-code form builder for NGOs",
        "is used by 400 NGOs in 30 countries",
        "Vue, Go and SQLite",
        "NGO field coordinators",
    ),
    _Story(
        "an observability dashboard for a fleet of IoT devices",
        "caught outages twenty minutes earlier on average",
        "Rust, Grafana and InfluxDB",
        "the operations team",
    ),
    _Story(
        "a recommendation widget for a second-hand fashion shop",
        "raised repeat purchases by 9%",
        "Python, FastAPI and pgvector",
        "shoppers",
    ),
)


# ---------------------------------------------------------------------------------------
# What interviewers write: evidence sentences by theme, strong and weak


_THEME_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("code_review", ("code_review", "review")),
    ("debugging", ("debug", "root_cause", "incident")),
    ("system_design", ("system", "architecture", "design_with")),
    ("gtm", ("gtm", "go_to_market", "market", "launch", "growth")),
    ("design_critique", ("critique", "user_experience", "ux")),
    ("collaboration", ("collaborat", "stakeholder", "communicat")),
    ("prototype", ("prototype", "define", "definition", "mvp")),
    ("tradeoffs", ("decision", "trade", "prioriti", "judgement", "judgment")),
    ("motivation", ("motivation", "why_builder", "fit", "drive")),
    ("coding", ("coding", "code", "feature", "implement", "build", "craft")),
    ("ownership", ("ownership", "end_to_end", "e2e", "owner")),
    ("business", ("business", "product_thinking", "product_sense", "customer", "metric")),
    ("technical", ("technical", "depth", "engineering")),
    ("ai", ("ai_", "ai", "tool")),
)

_STRONG: dict[str, tuple[str, ...]] = {
    "ownership": (
        (
            "Walked through {project} from the first customer call to the on-call rota; "
            "{metric}. Named the decisions they owned and the ones they delegated."
        ),
        (
            "Owned {project} end to end: wrote the spec, built it in {stack}, ran the launch "
            "and still watches the dashboards; {metric}."
        ),
        (
            "Clear ownership story: spotted the problem talking to {customer}, shipped a first "
            "version in two weeks and iterated on usage data."
        ),
    ),
    "motivation": (
        (
            "Wants the Builder path because handing specs over felt slow; gave two concrete "
            "moments where owning the whole loop changed the outcome."
        ),
        (
            "Motivation is specific: misses talking to {customer} directly and wants to ship "
            "without a relay of hand-offs. Asked how we measure a Builder's impact."
        ),
        (
            "Explained why not a classic staff IC track: wants outcomes, not just code, and "
            "described what they would do in their first 30 days."
        ),
    ),
    "technical": (
        (
            "Went deep on {stack} when pushed: data model, failure modes and why they chose "
            "boring technology for {project}."
        ),
        (
            "Solid depth: explained the consistency trade-offs in {project} and how they load "
            "tested it before launch."
        ),
        (
            "Comfortable moving from the UI down to query plans; used AI tools for scaffolding "
            "but reasoned about every generated line."
        ),
    ),
    "business": (
        (
            "Framed {project} in revenue and retention terms; {metric}. Knew the unit economics "
            "without looking them up."
        ),
        (
            "Asked who pays and why before proposing anything; tied each idea back to "
            "{customer} and a metric."
        ),
        (
            "Good product thinking: killed a feature after a week of flat usage and explained "
            "what the data told them."
        ),
    ),
    "coding": (
        (
            "Built the feature end to end in the time box: schema, endpoint, UI and a test. "
            "Used the assistant well and caught its off-by-one."
        ),
        (
            "Shipped a working slice in 35 minutes, then spent the rest on the empty state and "
            "error handling without being asked."
        ),
        (
            "Clean, small commits; narrated trade-offs out loud and cut scope early to get to "
            "a demoable result."
        ),
    ),
    "system_design": (
        (
            "Started from the user journey, then the data; proposed a queue only once the "
            "numbers called for it. Named what they would measure at launch."
        ),
        (
            "Design balanced cost and speed: a single Postgres first, with a clear trigger for "
            "splitting out. Considered privacy and support load."
        ),
        (
            "Thoughtful design with product hooks: feature flags for a staged rollout and an "
            "escape hatch for {customer}."
        ),
    ),
    "debugging": (
        (
            "Found the race in the code-review exercise within ten minutes by reading logs, "
            "then proposed a test that would have caught it."
        ),
        (
            "Methodical debugging: reproduced first, bisected, then fixed the root cause rather "
            "than the symptom. Review comments were kind and specific."
        ),
        (
            "Spotted the N+1 query and the missing index in review and explained the user "
            "impact in plain words."
        ),
    ),
    "code_review": (
        (
            "Review comments were specific and kind: flagged the missing authorisation check "
            "first, then the N+1 query, and left the naming nits for last."
        ),
        (
            "Separated must-fix from nice-to-have in the review and explained each in terms of "
            "user impact."
        ),
        (
            "Spotted that the pull request changed behaviour for existing {customer} and asked "
            "for a flag and a test before approving."
        ),
    ),
    "design_critique": (
        (
            "Critiqued the onboarding mock from the user's side: found the two steps {customer} "
            "would drop off at and proposed a simpler flow."
        ),
        (
            "Took the designer's critique of their prototype well and changed the empty state "
            "on the spot, explaining why the point was right."
        ),
        (
            "Good design sense: sketched three variants, picked one by the job the user is "
            "trying to do, and named what to test."
        ),
    ),
    "prototype": (
        (
            "Defined the problem in two sentences, sketched three options and prototyped the "
            "cheapest one that could be tested with {customer} this week."
        ),
        (
            "Working prototype in 40 minutes with a clear success metric and a list of what "
            "was deliberately left out."
        ),
        ("Scoped an MVP ruthlessly; prototype was rough but answered the riskiest question first."),
    ),
    "collaboration": (
        (
            "Brought the sales lead and the designer to one plan in the role-play by making "
            "the trade-off explicit and writing it down."
        ),
        (
            "In the stakeholder role-play they listened first, restated the concern and found "
            "a compromise that kept the launch date."
        ),
        (
            "Disagreed with the mock PM clearly and respectfully, backed it with data, then "
            "committed to the decision."
        ),
    ),
    "gtm": (
        (
            "Go-to-market plan named a beachhead ({customer}), a channel they had tested "
            "before and a pricing hypothesis with a number."
        ),
        (
            "Launch plan had a waitlist, a pricing page test and a clear week-four check on "
            "activation. Thought about who sells it."
        ),
        (
            "Strong GTM instincts: positioning in one line, two channels ranked by cost, and "
            "what would make them stop."
        ),
    ),
    "tradeoffs": (
        (
            "Described a decision on {project} they got wrong, what it cost and how they "
            "reversed it quickly."
        ),
        (
            "Prioritised by impact and effort without being prompted; dropped a favourite "
            "feature when the data said so."
        ),
        (
            "Every trade-off explained in business terms; comfortable deciding with partial "
            "information and revisiting later."
        ),
    ),
    "ai": (
        "Uses agentic workflows daily: wrote a small eval harness for prompts in {project}.",
        (
            "AI usage is deliberate: generated the scaffolding, reviewed it critically and "
            "wrote the tricky parts by hand."
        ),
        "Showed how they automated support triage with an LLM and measured its accuracy.",
    ),
    "generic": (
        "Concrete examples from {project}; {metric}.",
        "Strong answers backed by specifics and numbers.",
        "Consistently clear and practical; evidence matched the anchor for this rating.",
    ),
}

_WEAK: dict[str, tuple[str, ...]] = {
    "ownership": (
        (
            "Examples were mostly tickets handed over by a PM; could not say what happened "
            "after launch."
        ),
        (
            "Talked about 'the team' throughout; when asked, their own part in {project} was "
            "the implementation only."
        ),
        "No example of owning an outcome; success was described as 'merged on time'.",
    ),
    "motivation": (
        "Motivation is mostly title and pay; little interest in talking to customers.",
        "Unsure why Builder rather than a staff engineer role; answers stayed generic.",
        "Wants autonomy but pushed back on owning GTM or support work.",
    ),
    "technical": (
        "Stayed at the surface of {stack}; could not explain how data reached the client.",
        (
            "Relied on generated code they could not explain; struggled with a basic schema "
            "question."
        ),
        "Technical answers were vague and drifted back to tools rather than decisions.",
    ),
    "business": (
        "Could not say who the customer of {project} was or how it made money.",
        "Ideas came without a metric or a user; business questions were deflected.",
        "Talked features, not outcomes; no sense of cost or value.",
    ),
    "coding": (
        "Did not reach a working slice in the time box; spent most of it on set-up.",
        ("Code worked only for the happy path; ignored the empty state and errors when prompted."),
        "Accepted the assistant's output without reading it and shipped a broken query.",
    ),
    "system_design": (
        (
            "Jumped to microservices and Kubernetes for a few hundred users; never asked about "
            "the product."
        ),
        "Design ignored the user entirely; could not say what they would measure.",
        "Hand-waved storage and failure modes; stuck when asked about scale or cost.",
    ),
    "debugging": (
        "Guessed at fixes without reproducing the bug; missed the race condition.",
        "Patched the symptom with a retry and stopped there; no root cause.",
        "Needed heavy hints to read the stack trace.",
    ),
    "code_review": (
        "Review comments were about formatting; missed the security issue.",
        "Approved the change without noticing it broke existing users.",
        "Comments were blunt and unprioritised; the author would not know what to fix first.",
    ),
    "design_critique": (
        "Defensive in the design critique; dismissed the designer's feedback.",
        "Critique stayed on colours and fonts; never asked what the user was trying to do.",
        "Could not say why the flow confused users even after watching the recording.",
    ),
    "prototype": (
        "Spent the time on a spec document; no prototype and no success measure.",
        "Scope kept growing; the prototype did not answer any user question.",
        "Could not narrow the problem; three half-built screens at the end.",
    ),
    "collaboration": (
        "Argued for their plan without asking what the stakeholder needed.",
        "Talked over the stakeholder in the role-play and did not check for agreement.",
        "Struggled to explain the trade-off to a non-engineer.",
    ),
    "gtm": (
        "No go-to-market thinking beyond 'post it on Product Hunt'.",
        "Could not name a first customer segment or a channel.",
        "Pricing and positioning left to 'the marketing team'.",
    ),
    "tradeoffs": (
        "Wanted to do everything; could not rank the options or say what to cut.",
        "Decisions described as consensus outcomes; could not name one they owned.",
        "Trade-offs argued only on technical elegance, not on users or cost.",
    ),
    "ai": (
        "Uses AI only as search; no workflow they could describe.",
        "Dismissive of AI tooling without having tried it seriously.",
        "Pasted prompts and hoped; no way to check the output.",
    ),
    "generic": (
        "Answers lacked specifics.",
        "Evidence thin; mostly hypotheticals.",
        "Below the anchor for a yes on this criterion.",
    ),
}

_NOT_RATED = (
    "Not covered: we ran out of time on this exercise.",
    "Not rated: the conversation went deeper on the previous exercise.",
)

_SIGNAL_EVIDENCE: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        ("business", "terms"),
        (
            "Explained the database choice for {project} as a cost and time-to-market call.",
            "Justified the architecture in terms of churn and support cost.",
        ),
    ),
    (
        ("minimal", "resources", "scrappy", "lean"),
        (
            "Shipped {project} alone on weekends; {metric}.",
            "Launched the first version with no designer and a 50 EUR budget.",
        ),
    ),
    (
        ("learning", "discipline", "cross"),
        (
            "Taught themself Figma and basic SQL analytics to run their own experiments.",
            "Moved from backend work to running customer interviews and pricing tests.",
        ),
    ),
    (
        ("opinion", "loosely"),
        (
            (
                "Argued firmly for server-side rendering, then changed their mind when shown the "
                "offline requirement."
            ),
            "Held a clear view on pricing but updated it after the usage numbers.",
        ),
    ),
    (
        ("customer", "impact", "metric"),
        (
            "Asked what activation and retention look like for our product before designing.",
            "Kept asking how {customer} would notice the change.",
        ),
    ),
)

_FLAG_EVIDENCE: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        ("customer", "empathy"),
        (
            (
                "Called the support tickets from {customer} 'user error' and would not revisit "
                "the flow."
            ),
            "Dismissed the user interview in the exercise: 'users do not know what they want'.",
        ),
    ),
    (
        ("communicat",),
        (
            "Could not explain the design to the mock stakeholder without jargon.",
            "Answers rambled; lost the thread of the question twice.",
        ),
    ),
    (
        ("prioriti", "trade"),
        (
            "Could not pick between three features even with usage data in hand.",
            "Insisted every item on the list was a must-have.",
        ),
    ),
    (("perfection",), ("Would not ship the prototype until every edge case was handled.",)),
    (("silo", "not_my_job"), ("Said pricing and launch are 'not an engineer's job'.",)),
    (
        ("over_engineer", "overengineer", "complex"),
        (
            "Proposed event sourcing and three services for a feature with no users yet.",
            "Built a plugin system before the first use case was validated.",
        ),
    ),
    (("inflexib", "pivot"), ("Kept defending the original plan after the data said stop.",)),
    (("defian", "authority"), ("Said they would ship it anyway if leadership disagreed.",)),
)

_EXERCISE_NOTES = (
    "Good pace; finished with time for questions.",
    "Needed one prompt to get going, then ran with it.",
    "Covered the main prompts; skipped the last one for time.",
    "Lively discussion; candidate asked sharp questions about our customers.",
    "Went over the time box by five minutes.",
)

_PRIVATE_NOTES = (
    "",
    "",
    "Mentioned a competing offer with a deadline at the end of the month.",
    "Prefers a start date after the summer.",
    "Would need a visa sponsorship; check with people ops.",
)

_SUMMARIES: dict[Vote, tuple[str, ...]] = {
    Vote.STRONG_YES: (
        (
            "Exceptional Builder: owns outcomes, ships fast, thinks in customers and money. "
            "Would raise our bar."
        ),
        "Strong yes. What they did with {project} shows the range we hire for.",
    ),
    Vote.YES: (
        (
            "Yes: solid across the stage, a couple of areas to grow. {metric} is real evidence "
            "of ownership."
        ),
        "Hire. Clear strengths in this stage; would pair well with a GTM partner early on.",
    ),
    Vote.NO: (
        "Not yet: good engineer, but the product and ownership evidence was thin.",
        "No: several answers stayed hypothetical; would not be independent as a Builder.",
    ),
    Vote.STRONG_NO: (
        "Strong no: could not show end-to-end ownership or customer thinking.",
        "Strong no for this role; skills sit elsewhere.",
    ),
}

_DRAFT_SUMMARY = "Draft — finishing my notes after the interview."

_AMENDMENT_REASON = (
    "Entered the wrong rating for this criterion; my notes say a clear yes with the evidence above."
)

_DECISION_NOTES = {
    "hire": "Committee agrees with the panel. Offer at the recommended level.",
    "no_hire": "Committee agrees with the panel: not a hire for the Builder role now.",
}


# ---------------------------------------------------------------------------------------
# The generator


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
        for theme, keywords in _THEME_KEYWORDS:
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
                s.id: _texts_for(s.id, s.label, _SIGNAL_EVIDENCE) for s in rubric.signals
            },
            flag_texts={f.id: _texts_for(f.id, f.label, _FLAG_EVIDENCE) for f in rubric.red_flags},
            red_flags=rubric.red_flags,
            severity={f.id: f.severity for f in rubric.red_flags},
            level_ids=tuple(level.id for level in rubric.levels),
            band_mid={level.id: level.band.base_mid for level in rubric.levels},
            rubric_hash=rubric.content_hash(),
        )

    def pick_flag(self, wanted: _Flag, rng: _Random) -> RedFlag | None:
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
    def of(cls, story: _Story, view: _RubricView) -> _StoryTexts:
        values = {
            "project": story.project,
            "metric": story.metric,
            "stack": story.stack,
            "customer": story.customer,
        }

        def fill(texts: Sequence[str]) -> tuple[str, ...]:
            return tuple(_sentence(text.format(**values)) for text in texts)

        strong = {theme: fill(texts) for theme, texts in _STRONG.items()}
        weak = {theme: fill(texts) for theme, texts in _WEAK.items()}

        def choices(criterion_id: str, theme: str) -> tuple[tuple[CriterionRating, ...], ...]:
            not_rated = tuple(CriterionRating(criterion_id, None, text) for text in _NOT_RATED)
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
            summaries={vote: fill(texts) for vote, texts in _SUMMARIES.items()},
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


class _Generator:
    """Builds the plan. Each candidate draws from its own generator seeded by the seed and
    its position, so candidate 3 is the same person whatever ``--candidates`` says, and
    any candidate can be rebuilt alone."""

    def __init__(self, rubric: Rubric, seed: int) -> None:
        self.seed = seed
        self.rng = _Random(f"{seed}/interviewers")
        self.view = _RubricView.of(rubric)
        self.plan = DemoPlan(seed=seed, rubric=rubric)
        self._texts: dict[_Story, _StoryTexts] = {}

    def texts(self, story: _Story) -> _StoryTexts:
        found = self._texts.get(story)
        if found is None:
            found = self._texts[story] = _StoryTexts.of(story, self.view)
        return found

    # -- people ------------------------------------------------------------------------
    def interviewers(self, count: int) -> None:
        rng = self.rng
        for index in range(count):
            if index < len(_INTERVIEWERS):
                person, leniency = _INTERVIEWERS[index]
                name, email_name, title = person.name, person.email_name, person.title
            else:
                first, first_ascii = rng.pick(_FIRST_NAMES)
                last, last_ascii = rng.pick(_LAST_NAMES)
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
        if index < len(_PERSONAS):
            persona = _PERSONAS[index]
            email = f"{persona.person.email_name}@candidates.example.com"
        else:
            persona, email = self.synthetic(index)
        self.candidate(index, persona, email)

    def candidate(self, index: int, persona: _Persona, email: str) -> None:
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
                    notes=_DECISION_NOTES[decision],
                    decided_by="Hiring committee",
                    decided_at=last + timedelta(days=3),
                )
            )

    def _slots(self, persona: _Persona, candidate_uuid: str, created: datetime) -> list[_Slot]:
        """Assignments for every stage reached, and which sheets exist in which state."""
        rng = self.rng
        interviewers = self.plan.interviewers
        if persona.person.email_name:  # a hand-written candidate: the named panel
            interviewers = interviewers[: len(_INTERVIEWERS)]
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
        self, persona: _Persona, slots: list[_Slot], texts: _StoryTexts
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
        persona: _Persona,
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
        summary = _DRAFT_SUMMARY
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
            exercise_id: _EXERCISE_NOTES[int(random_() * len(_EXERCISE_NOTES))]
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
        return DemoScorecard(sheet, rng.pick(_PRIVATE_NOTES), at, at + _SAVED_AFTER)

    def _level_evidence(self, persona: _Persona, mean: float, dissent: bool) -> str:
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
                            reason=_AMENDMENT_REASON,
                            criterion_id=rating.criterion_id,
                            old_rating=rating.rating,
                            new_rating=rating.rating + 1,
                            evidence=rating.evidence,
                            created_at=at,
                        )
                    )
                    return

    # -- synthetic volume ----------------------------------------------------------------
    def synthetic(self, index: int) -> tuple[_Persona, str]:
        rng = self.rng
        first, first_ascii = rng.pick(_FIRST_NAMES)
        last, last_ascii = rng.pick(_LAST_NAMES)
        quality = min(3.95, max(1.3, rng.gauss(2.95, 0.55)))
        flags: tuple[_Flag, ...] = ()
        roll = rng.random()
        if roll < 0.03:
            flags = (_Flag((), "blocker", 2),)
        elif roll < 0.10:
            flags = (_Flag((), "concern", 2 if roll < 0.06 else 1),)
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
        persona = _Persona(
            _Person(f"{first} {last}", ""),
            source=rng.pick(("founder", "senior_engineer", "technical_pm", "other")),
            origin=rng.pick(("pm", "engineer")),
            status=status,
            notes="",
            story=rng.pick(_STORIES),
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
    return max(len(_INTERVIEWERS), -(-candidates // 25))


def build_plan(
    rubric: Rubric, *, seed: int = DEFAULT_SEED, candidates: int = DEFAULT_CANDIDATES
) -> DemoPlan:
    """Everything the demo stores, decided up front; the same seed gives the same plan."""
    if candidates < 0:
        raise ValueError("the number of candidates must not be negative")
    generator = _Generator(rubric, seed)
    generator.interviewers(interviewer_count(candidates))
    for index in range(candidates):
        generator.add_candidate(index)
    return generator.plan


# ---------------------------------------------------------------------------------------
# Storing a plan: one transaction of bulk inserts (driver-level executemany against
# storage's tables). Going through the one-record-at-a-time services would take minutes
# at 10k candidates; the rows written here are exactly the ones those services write.


@dataclass(frozen=True)
class DemoResult:
    summary: str
    candidates: int
    scorecards: int
    backup: Path | None
    """Where the previous content went when ``force`` replaced it (SQLite files only)."""


def load_demo(
    db: Database,
    *,
    seed: int = DEFAULT_SEED,
    candidates: int = DEFAULT_CANDIDATES,
    force: bool = False,
    actor: str | None = None,
) -> DemoResult:
    """Import the default rubric and store a demo panel; refuse a database in use.

    A database that already holds candidates or interviewers is refused with
    :class:`ConflictError` unless ``force``: then they are deleted (with everything
    hanging off them) after a backup copy of a SQLite file is written next to it.
    Rubric versions and the audit log are kept.
    """
    if candidates < 0:
        raise InvalidInputError("the number of candidates must not be negative")
    existing = _existing_people(db)
    if existing and not force:
        raise ConflictError(
            f"the database {db.location} already holds {existing}; the demo loads into an "
            "empty database. Use another --db, or --force to replace them (a backup is "
            "written first)"
        )
    backup = _backup_before_replacing(db) if existing else None
    saved = rubrics.save_rubric(
        db, paths.default_rubric_path().read_text(encoding="utf-8"), source="builder.toml"
    )
    loaded = rubrics.active_rubric(db, saved.info.rubric_id)
    with db.read() as session:
        version_id = session.execute(
            select(RubricVersionRow.id).where(
                RubricVersionRow.content_hash == saved.info.content_hash
            )
        ).scalar_one()
    generator = _Generator(loaded.rubric, seed)
    generator.interviewers(interviewer_count(candidates))
    interviewers = generator.plan.interviewers
    time = _time_encoder(db.engine.dialect)
    producer = _Producer(
        loaded.rubric, seed, candidates, interviewers, version_id=version_id, time=time
    )
    counts = _Counts()
    try:
        with db.write() as session, _large_cache(session.connection()) as connection:
            if _existing_people_in(connection) and not existing:
                raise ConflictError(
                    f"someone added candidates to {db.location} meanwhile; nothing was loaded"
                )
            if existing:
                _delete_people(connection)
            _check_empty(connection)
            inserter = _Inserter(connection)
            inserter.insert("interviewers", _interviewer_rows(interviewers, time))
            for rows in producer.chunks():
                inserter.insert_chunk(rows)
                counts.add(rows)
            inserter.advance_sequences()
            audit.append(
                session,
                actor or db.actor,
                "demo.loaded",
                "database",
                None,
                f"seed {seed}, {candidates} candidates"
                + (", replacing earlier content" if existing else ""),
            )
    finally:
        producer.close()
    summary = (
        f"{counts.candidates} candidates, {len(interviewers)} interviewers, "
        f"{counts.assignments} assignments, {counts.submitted} submitted and {counts.drafts} "
        f"draft scorecards, {counts.amendments} amendment{'s' if counts.amendments != 1 else ''}, "
        f"{counts.decisions} committee decisions"
    )
    return DemoResult(
        summary=summary,
        candidates=counts.candidates,
        scorecards=counts.submitted + counts.drafts,
        backup=backup,
    )


def _existing_people(db: Database) -> str:
    with db.read() as session:
        return _existing_people_in(session.connection())


def _existing_people_in(connection: Connection) -> str:
    candidates = connection.scalar(select(func.count()).select_from(CandidateRow)) or 0
    interviewers = connection.scalar(select(func.count()).select_from(InterviewerRow)) or 0
    parts = []
    if candidates:
        parts.append(f"{candidates} candidate{'s' if candidates != 1 else ''}")
    if interviewers:
        parts.append(f"{interviewers} interviewer{'s' if interviewers != 1 else ''}")
    return " and ".join(parts)


def _backup_before_replacing(db: Database) -> Path | None:
    if db.path is None:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = db.path.with_name(f"{db.path.name}.before-demo-{stamp}.bak")
    counter = 1
    while target.exists():
        counter += 1
        target = db.path.with_name(f"{db.path.name}.before-demo-{stamp}-{counter}.bak")
    try:
        return backup_sqlite(db.engine, target)
    except BackupError as exc:
        raise ConflictError(
            f"nothing replaced: the backup before replacing failed ({exc})"
        ) from None


def _delete_people(connection: Connection) -> None:
    """Candidates take their scorecards, assignments and decisions with them (cascade).

    Submitted scorecards go too: every candidate is marked as being erased for the
    length of the transaction, the one case the guards allow (see storage/roles.py)."""
    connection.execute(
        insert(ErasingCandidateRow).from_select(["candidate_id"], select(CandidateRow.id))
    )
    for model in (
        DecisionRow,
        AssignmentRow,
        ScorecardRow,
        CandidateSummaryRow,
        CandidateRow,
        InterviewerRow,
        ErasingCandidateRow,
    ):
        connection.execute(delete(model))


@dataclass(frozen=True)
class DemoSummary:
    """What the candidate list shows, as the summary service computes it: nothing but the
    count for a candidate without submitted scorecards."""

    score: float | None
    recommendation: str | None
    level: str | None
    coverage: float | None
    submitted_count: int


def effective_scorecards(plan: DemoPlan) -> dict[str, list[Scorecard]]:
    """Each candidate's submitted scorecards as the engine reads them, amendments applied."""
    amended: dict[str, dict[str, CriterionRating]] = {}
    for amendment in plan.amendments:
        amended.setdefault(amendment.scorecard_uuid, {})[amendment.criterion_id] = CriterionRating(
            amendment.criterion_id, amendment.new_rating, amendment.evidence
        )
    cards: dict[str, list[Scorecard]] = {}
    for card in plan.scorecards:
        sheet = card.sheet
        if not sheet.is_submitted:
            continue
        changes = amended.get(sheet.uuid)
        if changes:
            sheet = replace(
                sheet,
                ratings=tuple(changes.get(r.criterion_id, r) for r in sheet.ratings),
                amended=True,
            )
        cards.setdefault(sheet.candidate_uuid, []).append(sheet)
    return cards


def compute_summaries(plan: DemoPlan) -> dict[str, DemoSummary]:
    cards = effective_scorecards(plan)
    summaries = {}
    for candidate in plan.candidates:
        own = cards.get(candidate.uuid, [])
        if not own:
            summaries[candidate.uuid] = DemoSummary(None, None, None, None, 0)
            continue
        result = recommend(plan.rubric, own)
        summaries[candidate.uuid] = DemoSummary(
            score=result.candidate_score,
            recommendation=result.decision.value,
            level=result.level,
            coverage=result.coverage,
            submitted_count=len(own),
        )
    return summaries


# ---------------------------------------------------------------------------------------
# Rows: a plan chunk as the tuples the tables take. Keys are a function of the candidate's
# position (room for _PER_CANDIDATE sheets each), so any chunk can be turned into rows on
# its own, in any process, and the rows of all chunks never collide.

_PER_CANDIDATE = 16
"""Key space per candidate for assignments, scorecards and amendments (at most 9 used)."""

_CHUNK_CANDIDATES = 500


@dataclass
class _Rows:
    candidates: list[tuple[Any, ...]] = field(default_factory=list)
    summaries: list[tuple[Any, ...]] = field(default_factory=list)
    assignments: list[tuple[Any, ...]] = field(default_factory=list)
    scorecards: list[tuple[Any, ...]] = field(default_factory=list)
    ratings: list[Any] = field(default_factory=list)
    """Flat, as every kind in :data:`_FLAT`: one row's values after another's."""
    observations: list[Any] = field(default_factory=list)
    notes: list[Any] = field(default_factory=list)
    private: list[tuple[Any, ...]] = field(default_factory=list)
    amendments: list[tuple[Any, ...]] = field(default_factory=list)
    decisions: list[tuple[Any, ...]] = field(default_factory=list)
    submitted: int = 0
    """How many of the scorecards are submitted (the others are drafts)."""


_COLUMNS: dict[str, tuple[type[Any], tuple[str, ...]]] = {
    "interviewers": (InterviewerRow, (
        "id", "uuid", "name", "name_key", "email", "role_title", "created_at", "updated_at",
        "row_version",
    )),
    "candidates": (CandidateRow, (
        "id", "uuid", "name", "name_key", "email", "search_key", "source", "origin_path",
        "role_title", "status", "stage_id", "rubric_version_id", "notes", "created_at",
        "updated_at", "row_version",
    )),
    "summaries": (CandidateSummaryRow, (
        "candidate_id", "score", "recommendation", "level", "coverage", "submitted_count",
        "committee_decision", "committee_level", "updated_at",
    )),
    "assignments": (AssignmentRow, (
        "id", "candidate_id", "stage_id", "interviewer_id", "created_at",
    )),
    "scorecards": (ScorecardRow, (
        "id", "uuid", "candidate_id", "stage_id", "interviewer_id", "rubric_version_id",
        "status", "level_evidence", "vote", "summary", "created_at", "updated_at",
        "submitted_at",
    )),
    "private": (PrivateNoteRow, ("scorecard_id", "interviewer_id", "notes", "updated_at")),
    "ratings": (RatingRow, ("scorecard_id", "criterion_id", "position", "rating", "evidence")),
    "observations": (ObservationRow, (
        "scorecard_id", "kind", "item_id", "position", "evidence",
    )),
    "notes": (ExerciseNoteRow, ("scorecard_id", "exercise_id", "notes")),
    "amendments": (AmendmentRow, (
        "id", "uuid", "scorecard_id", "sequence", "amended_by", "amended_by_uuid", "reason",
        "changes", "created_at",
    )),
    "decisions": (DecisionRow, (
        "id", "uuid", "candidate_id", "rubric_version_id", "decision", "level", "currency",
        "base", "equity", "equity_unit", "justification", "decided_by", "decided_at",
    )),
}  # fmt: skip
"""Table and columns of each kind of row, in the order the tuples hold them. Times are
already in the form the driver takes (see :func:`_time_encoder`)."""

_STATUS, _SUBMITTED_AT = 6, 12
"""Where a scorecard row holds its status and submission time."""

_FLAT = frozenset({"ratings", "observations", "notes"})
"""Kinds whose rows are kept as one flat list of values and inserted
:data:`_ROWS_PER_STATEMENT` to a statement: each of their rows runs the immutability
trigger, and one statement of many rows sets it up once (a quarter less time at 10k
candidates; no gain for the tables without an insert trigger). Fewer, larger objects
also travel between processes faster."""

_ROWS_PER_STATEMENT = 50

_CHILDREN_FIRST = (
    "candidates", "assignments", "ratings", "observations", "notes", "scorecards",
    "private", "amendments", "decisions", "summaries",
)  # fmt: skip
"""SQLite: a submitted scorecard's children go in before it (see :class:`_Inserter`)."""

_DRAFTS_FIRST = (
    "candidates", "assignments", "scorecards", "private", "ratings", "observations", "notes",
    "amendments", "decisions", "summaries",
)  # fmt: skip
"""Elsewhere: scorecards go in as drafts before their children, then are submitted."""

_TimeEncoder = Callable[[datetime], Any]

_TIMES_REMEMBERED = 50_000


def _time_encoder(dialect: Dialect) -> _TimeEncoder:
    """A time as the driver takes it: exactly what a ``UtcDateTime`` column sends.

    SQLAlchemy's own conversion costs microseconds a value, and the rows of 10k candidates
    hold 400k times. On SQLite the same text comes from ``isoformat``, remembered per
    value (the sheets of a chunk share their hours). It is checked against SQLAlchemy's
    on sample values; any difference (another storage format) falls back to SQLAlchemy's.
    """
    column_type = _table(ScorecardRow).c.created_at.type.dialect_impl(dialect)
    convert = column_type.bind_processor(dialect)
    exact: _TimeEncoder = convert if convert is not None else _unchanged
    if dialect.name != "sqlite":
        return exact
    known: dict[datetime, str] = {}

    def encode(value: datetime) -> str:
        found = known.get(value)
        if found is None:
            if value.tzinfo is None or not 1000 <= value.year <= 9999:
                return str(exact(value))  # refused or shaped as SQLAlchemy does
            if len(known) >= _TIMES_REMEMBERED:  # the next chunks' hours are others
                known.clear()
            found = known[value] = value.astimezone(UTC).isoformat(" ", "microseconds")[:26]
        return found

    samples = (BASE_TIME, BASE_TIME + timedelta(days=987, seconds=3661, microseconds=7))
    if all(encode(sample) == exact(sample) for sample in samples):
        return encode
    return exact


def _unchanged(value: datetime) -> datetime:
    return value


def _interviewer_rows(
    interviewers: Sequence[DemoInterviewer], time: _TimeEncoder
) -> list[tuple[Any, ...]]:
    created = time(BASE_TIME)
    return [
        (
            number,
            person.uuid,
            person.name,
            search_key(person.name)[:NAME_LENGTH],
            person.email,
            person.title,
            created,
            created,
            1,
        )
        for number, person in enumerate(interviewers, start=1)
    ]


def _chunk_rows(
    plan: DemoPlan,
    first_index: int,
    version_id: int,
    summaries: dict[str, DemoSummary] | None = None,
    *,
    time: _TimeEncoder,
) -> _Rows:
    """The rows of a plan holding the candidates from position ``first_index`` on, with
    times as ``time`` gives them to the driver."""
    rows = _Rows()
    interviewer_ids = {person.uuid: n for n, person in enumerate(plan.interviewers, start=1)}
    names = {person.uuid: person.name for person in plan.interviewers}
    candidate_ids = {
        person.uuid: first_index + offset + 1 for offset, person in enumerate(plan.candidates)
    }
    decided = {decision.candidate_uuid: decision for decision in plan.decisions}
    levels = {level.id: level for level in plan.rubric.levels}
    if summaries is None:
        summaries = compute_summaries(plan)

    folded: dict[str, str] = {}
    for person in plan.candidates:
        candidate_id = candidate_ids[person.uuid]
        updated = time(person.created_at + timedelta(days=20))
        name_key, key = _search_keys(person.name, folded)
        rows.candidates.append(
            (
                candidate_id, person.uuid, person.name, name_key, person.email, key,
                person.source, person.origin, person.role, person.status, person.stage_id,
                version_id, person.notes, time(person.created_at), updated, 1,
            )
        )  # fmt: skip
        summary = summaries[person.uuid]
        decision = decided.get(person.uuid)
        rows.summaries.append(
            (
                candidate_id, summary.score, summary.recommendation, summary.level,
                summary.coverage, summary.submitted_count,
                decision.decision if decision else None, decision.level if decision else None,
                updated,
            )
        )  # fmt: skip
        if decision is not None:
            band = levels[decision.level].band if decision.level in levels else None
            rows.decisions.append(
                (
                    candidate_id, decision.uuid, candidate_id, version_id, decision.decision,
                    decision.level, band.currency if band else "", decision.base_salary,
                    band.equity_min if band else None, band.equity_unit if band else "",
                    decision.notes, decision.decided_by, time(decision.decided_at),
                )
            )  # fmt: skip

    used: dict[int, int] = {}
    for assignment in plan.assignments:
        candidate_id = candidate_ids[assignment.candidate_uuid]
        position = used[candidate_id] = used.get(candidate_id, 0) + 1
        rows.assignments.append(
            (
                (candidate_id - 1) * _PER_CANDIDATE + position,
                candidate_id,
                assignment.stage_id,
                interviewer_ids[assignment.interviewer_uuid],
                time(assignment.created_at),
            )
        )

    used.clear()
    card_ids: dict[str, int] = {}
    add_rating, add_observation = rows.ratings.extend, rows.observations.extend
    add_note = rows.notes.extend
    for card in plan.scorecards:
        sheet = card.sheet
        candidate_id = candidate_ids[sheet.candidate_uuid]
        position = used[candidate_id] = used.get(candidate_id, 0) + 1
        card_id = card_ids[sheet.uuid] = (candidate_id - 1) * _PER_CANDIDATE + position
        submitted_at = sheet.submitted_at
        if submitted_at is not None:
            rows.submitted += 1
        rows.scorecards.append(
            (
                card_id, sheet.uuid, candidate_id, sheet.stage_id,
                interviewer_ids[sheet.interviewer_uuid], version_id,
                "draft" if submitted_at is None else "submitted",
                sheet.level_evidence, None if sheet.vote is None else sheet.vote.value,
                sheet.summary, time(card.created_at), time(card.updated_at),
                None if submitted_at is None else time(submitted_at),
            )
        )  # fmt: skip
        if card.private_notes:
            rows.private.append(
                (
                    card_id, interviewer_ids[sheet.interviewer_uuid], card.private_notes,
                    time(card.updated_at),
                )
            )  # fmt: skip
        for position, r in enumerate(sheet.ratings):
            add_rating((card_id, r.criterion_id, position, r.rating, r.evidence))
        for position, o in enumerate(sheet.signals):
            add_observation((card_id, "signal", o.item_id, position, o.evidence))
        for position, o in enumerate(sheet.red_flags):
            add_observation((card_id, "red_flag", o.item_id, position, o.evidence))
        for exercise, note in sheet.exercise_notes.items():
            add_note((card_id, exercise, note))

    sequence: dict[str, int] = {}
    for amendment in plan.amendments:
        card_id = card_ids[amendment.scorecard_uuid]
        number = sequence[amendment.scorecard_uuid] = sequence.get(amendment.scorecard_uuid, 0) + 1
        rows.amendments.append(
            (
                card_id * _PER_CANDIDATE + number, amendment.uuid, card_id, number,
                names[amendment.author_uuid], amendment.author_uuid, amendment.reason,
                amendment_changes(amendment), time(amendment.created_at),
            )
        )  # fmt: skip
    return rows


def _search_keys(name: str, folded: dict[str, str]) -> tuple[str, str]:
    """A candidate's ``name_key`` and ``search_key``, as the candidate service makes them
    (the search key is the folded name alone: no e-mail).

    Synthetic names repeat, so each is folded once (``folded`` remembers them).
    """
    name_key = folded.get(name)
    if name_key is None:
        name_key = folded[name] = search_key(name)
    return name_key[:NAME_LENGTH], name_key


def amendment_changes(amendment: DemoAmendment) -> dict[str, object]:
    """An amendment's ``changes``: the fields it sets, shaped as a draft save."""
    return {
        "ratings": {
            amendment.criterion_id: {
                "rating": amendment.new_rating,
                "evidence": amendment.evidence,
            }
        }
    }


# ---------------------------------------------------------------------------------------
# Producing the rows: here, or in two worker processes while this one writes.

_PARALLEL_FROM = 1000
"""From this many candidates, chunks are built (plan, engine, rows) in worker processes."""

_WORKERS = 2


@dataclass
class _Counts:
    candidates: int = 0
    assignments: int = 0
    submitted: int = 0
    drafts: int = 0
    amendments: int = 0
    decisions: int = 0

    def add(self, rows: _Rows) -> None:
        self.candidates += len(rows.candidates)
        self.assignments += len(rows.assignments)
        self.submitted += rows.submitted
        self.drafts += len(rows.scorecards) - rows.submitted
        self.amendments += len(rows.amendments)
        self.decisions += len(rows.decisions)


def _chunk_ranges(count: int) -> list[tuple[int, int]]:
    return [
        (start, min(start + _CHUNK_CANDIDATES, count))
        for start in range(0, count, _CHUNK_CANDIDATES)
    ]


def _build_chunk(
    rubric: Rubric,
    seed: int,
    interviewers: list[DemoInterviewer],
    span: tuple[int, int],
    *,
    version_id: int,
    time: _TimeEncoder,
) -> _Rows:
    generator = _Generator(rubric, seed)
    generator.plan.interviewers = interviewers
    for index in range(*span):
        generator.add_candidate(index)
    return _chunk_rows(generator.plan, span[0], version_id, time=time)


class _Producer:
    """Chunks of rows, in whatever order they are ready.

    Large demos build their chunks in forked workers (Linux, and only from a
    single-threaded process): the plan, the engine and the tuples take as long as the
    database writes, so on two cores the two overlap. A worker sends each chunk as plain
    tuples, which pickle cheaply (repeated evidence texts travel once per chunk).
    Anything else, or a failed worker, builds the chunks here.
    """

    def __init__(
        self,
        rubric: Rubric,
        seed: int,
        count: int,
        interviewers: list[DemoInterviewer],
        *,
        version_id: int,
        time: _TimeEncoder,
    ) -> None:
        self.arguments = (rubric, seed, interviewers)
        self.version_id = version_id
        self.time = time
        self.spans = _chunk_ranges(count)
        self.workers: list[Any] = []
        self.receivers: list[Any] = []
        if count >= _PARALLEL_FROM and _can_fork():
            self._start_workers()

    def _start_workers(self) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        for number in range(_WORKERS):
            receiver, sender = context.Pipe(duplex=False)
            worker = context.Process(
                target=_chunk_worker,
                args=(*self.arguments, self.spans[number::_WORKERS]),
                kwargs={"version_id": self.version_id, "time": self.time, "sender": sender},
                daemon=True,
            )
            worker.start()
            sender.close()
            self.workers.append(worker)
            self.receivers.append(receiver)

    def chunks(self) -> Iterator[_Rows]:
        if not self.workers:
            for span in self.spans:
                yield _build_chunk(
                    *self.arguments, span, version_id=self.version_id, time=self.time
                )
            return
        from multiprocessing.connection import wait

        done: set[tuple[int, int]] = set()
        waiting = list(self.receivers)
        while waiting:
            for ready in wait(waiting):
                receiver: Any = ready
                try:
                    message = receiver.recv()
                except (EOFError, OSError):
                    message = None
                if isinstance(message, tuple):  # (span, rows)
                    done.add(message[0])
                    yield message[1]
                    continue
                waiting.remove(receiver)
                if message is not None and message != "done":
                    logger.warning("a demo worker failed: %s", message)
        for span in self.spans:  # whatever a failed worker left undone
            if span not in done:
                yield _build_chunk(
                    *self.arguments, span, version_id=self.version_id, time=self.time
                )

    def close(self) -> None:
        for receiver in self.receivers:
            receiver.close()
        for worker in self.workers:
            if worker.is_alive():
                worker.terminate()
            worker.join()
        self.workers, self.receivers = [], []


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and threading.active_count() == 1


def _chunk_worker(
    rubric: Rubric,
    seed: int,
    interviewers: list[DemoInterviewer],
    spans: list[tuple[int, int]],
    *,
    version_id: int,
    time: _TimeEncoder,
    sender: Any,
) -> None:
    # Building a chunk allocates millions of objects and frees them by reference counts;
    # the collector's automatic passes over them cost a sixth of the worker's time. It
    # runs once per chunk instead, over what this process made (not what it inherited).
    gc.disable()
    gc.freeze()
    outbox = _Outbox(sender)
    try:
        for span in spans:
            rows = _build_chunk(rubric, seed, interviewers, span, version_id=version_id, time=time)
            outbox.put((span, rows))
            del rows
            gc.collect()
        outbox.put("done")
    except Exception as exc:
        logger.exception("building demo rows failed")
        with suppress(OSError):
            outbox.put(f"{type(exc).__name__}: {exc}")
    finally:
        outbox.close()
        sender.close()


class _Outbox:
    """A worker's messages, sent in order by a thread of their own.

    A pipe holds 64 KiB and a chunk is megabytes: a plain ``send`` would wait until the
    writing process finishes its current chunk and reads, while this process could be
    building the next one. Once a send fails (the writer is gone), later messages are
    dropped and ``put`` raises, so the worker stops instead of waiting forever.
    """

    def __init__(self, sender: Any, ahead: int = 2) -> None:
        self.sender = sender
        self.queue: queue.Queue[bytes | None] = queue.Queue(maxsize=ahead)
        self.failure: OSError | None = None
        self.thread = threading.Thread(target=self._send, name="demo-outbox", daemon=True)
        self.thread.start()

    def put(self, message: object) -> None:
        if self.failure is not None:
            raise self.failure
        self.queue.put(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()

    def _send(self) -> None:
        while (data := self.queue.get()) is not None:
            if self.failure is None:
                try:
                    self.sender.send_bytes(data)
                except OSError as exc:
                    self.failure = exc


# ---------------------------------------------------------------------------------------
# Writing: driver-level executemany of ready tuples (times already encoded; any other
# column's own conversion, such as JSON, applied here: exactly what SQLAlchemy would
# send), in one transaction.


class _Inserter:
    """Bulk inserts of chunks, in the one transaction of ``connection``.

    The database refuses children (ratings, observations, exercise notes) under a
    submitted scorecard. On SQLite the children go in first and then their scorecards,
    already submitted: ``PRAGMA defer_foreign_keys`` holds the foreign key checks until
    the commit (which still fails on any orphan), and lasts only as long as this
    transaction. Elsewhere (PostgreSQL's foreign keys cannot be deferred) scorecards go
    in as drafts before their children and are submitted afterwards, one UPDATE each.
    """

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.dialect = connection.dialect
        self.children_first = _defers_foreign_keys(self.dialect)
        if self.children_first:
            connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        self.marker = "?" if self.dialect.paramstyle == "qmark" else "%s"
        self.statements: dict[str, tuple[str, list[tuple[int, Any]]]] = {}
        quote = self.dialect.identifier_preparer.quote
        self.flat_statements: dict[str, tuple[str, str, int]] = {}
        for kind, (model, columns) in _COLUMNS.items():
            table = _table(model)
            names = ", ".join(quote(column) for column in columns)
            markers = ", ".join([self.marker] * len(columns))
            # Our own table and column names, quoted; values go as parameters.
            head = f"INSERT INTO {quote(table.name)} ({names}) VALUES "  # noqa: S608
            converters = self._converters(table, columns)
            self.statements[kind] = (f"{head}({markers})", converters)
            if kind in _FLAT:
                assert not converters, f"{kind} rows must need no conversion"
                self.flat_statements[kind] = (head, f"({markers})", len(columns))
        scorecards = _table(ScorecardRow)
        name, marker = quote(scorecards.name), self.marker
        assignments = f"status = 'submitted', submitted_at = {marker}"
        submit = f"UPDATE {name} SET {assignments} WHERE id = {marker}"  # noqa: S608
        self.statements["submissions"] = (
            submit,
            self._converters(scorecards, ("submitted_at", "id")),
        )

    def _converters(self, table: Table, columns: Sequence[str]) -> list[tuple[int, Any]]:
        """Each column's conversion, but times: the rows hold them encoded already."""
        found = []
        for index, name in enumerate(columns):
            if isinstance(table.c[name].type, UtcDateTime):
                continue
            column_type = table.c[name].type.dialect_impl(self.dialect)
            convert = column_type.bind_processor(self.dialect)
            if convert is not None:
                found.append((index, convert))
        return found

    def insert(self, kind: str, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        sql, converters = self.statements[kind]
        if converters:
            converted = []
            for row in rows:
                values = list(row)
                for index, convert in converters:
                    values[index] = convert(values[index])
                converted.append(tuple(values))
            rows = converted
        self.connection.exec_driver_sql(sql, rows)

    def insert_flat(self, kind: str, flat: list[Any]) -> None:
        """Rows given as one flat list of values, many rows to a statement."""
        head, row, width = self.flat_statements[kind]
        values = tuple(flat)
        step = width * _ROWS_PER_STATEMENT
        whole = len(values) - len(values) % step
        if whole:
            statement = head + ", ".join([row] * _ROWS_PER_STATEMENT)
            batches = [values[start : start + step] for start in range(0, whole, step)]
            self.connection.exec_driver_sql(statement, batches)
        if whole < len(values):
            statement = head + ", ".join([row] * ((len(values) - whole) // width))
            self.connection.exec_driver_sql(statement, [values[whole:]])

    def insert_chunk(self, rows: _Rows) -> None:
        if self.children_first:
            for kind in _CHILDREN_FIRST:
                if kind in _FLAT:
                    self.insert_flat(kind, getattr(rows, kind))
                else:
                    self.insert(kind, getattr(rows, kind))
            return
        drafts, submissions = [], []
        for row in rows.scorecards:
            if row[_STATUS] == "submitted":
                submissions.append((row[_SUBMITTED_AT], row[0]))
                drafts.append((*row[:_STATUS], "draft", *row[_STATUS + 1 : _SUBMITTED_AT], None))
            else:
                drafts.append(row)
        for kind in _DRAFTS_FIRST:
            if kind in _FLAT:
                self.insert_flat(kind, getattr(rows, kind))
            else:
                self.insert(kind, drafts if kind == "scorecards" else getattr(rows, kind))
        self.insert("submissions", submissions)

    def advance_sequences(self) -> None:
        """Explicit keys leave PostgreSQL's sequences behind; move them past the rows."""
        if self.dialect.name != "postgresql":
            return
        for model in (
            InterviewerRow,
            CandidateRow,
            AssignmentRow,
            ScorecardRow,
            AmendmentRow,
            DecisionRow,
        ):
            name = model.__tablename__
            self.connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "  # noqa: S608
                    f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
                )
            )


def _defers_foreign_keys(dialect: Dialect) -> bool:
    """Whether a transaction can hold its foreign key checks until the commit."""
    return dialect.name == "sqlite"


def _check_empty(connection: Connection) -> None:
    """The demo's keys start at 1: every table it fills must be empty."""
    for model in (
        InterviewerRow,
        CandidateRow,
        AssignmentRow,
        ScorecardRow,
        AmendmentRow,
        DecisionRow,
    ):
        if connection.scalar(select(func.count()).select_from(model)):
            raise ConflictError(
                f"the demo loads into empty tables, but {model.__tablename__} holds rows; "
                "nothing was loaded"
            )


# Measured at 10k candidates and left out (the whole write is ~3.5 s of one process):
# - ``PRAGMA synchronous = OFF`` for a new file saves ~0.1 s here (an fsync of the log
#   and of the file on commit), but can only be set outside a transaction, on the pooled
#   connection the load then happens to use, and a power cut right after the load could
#   then leave a damaged file instead of a complete one or none;
# - a rollback journal instead of the write-ahead log for a new file would write the
#   160 MB once instead of twice (log, then checkpoint: ~0.25 s), but switching needs
#   the file to itself while another process (the app) may hold it open;
# - dropping the secondary indexes and creating them after the load: ~0.1 s net;
# - a page cache larger than the file: no gain over the 128 MiB below.
@contextmanager
def _large_cache(connection: Connection) -> Iterator[Connection]:
    """A bigger SQLite page cache while bulk-loading: fewer index pages re-read."""
    if connection.dialect.name != "sqlite":
        yield connection
        return
    previous = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql("PRAGMA cache_size = -131072")
    try:
        yield connection
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(previous or -2000)}")


def _table(model: type[Any]) -> Table:
    table: Table = model.__table__
    return table
