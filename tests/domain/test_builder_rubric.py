"""The default Builder rubric loads and carries the interview content of the source documents."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from interview_kit import paths
from interview_kit.domain.rubric import (
    FORMAT_VERSION,
    RATINGS,
    Rubric,
    load_rubric,
    parse_rubric,
    rubric_from_data,
    rubric_json_schema,
    rubric_json_schema_text,
)

REPO = Path(__file__).resolve().parents[2]
SCHEMA_PATH = REPO / "resources" / "schemas" / "rubric.schema.json"


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric(REPO / "resources" / "rubrics" / "builder.toml")


def test_shipped_path_points_at_the_default_rubric(builder_rubric_path: Path) -> None:
    assert paths.default_rubric_path().resolve() == builder_rubric_path.resolve()
    assert load_rubric(paths.default_rubric_path()).id == "builder"


def test_role_and_alternative_names(rubric: Rubric) -> None:
    assert rubric.format_version == FORMAT_VERSION
    assert rubric.role_title == "Builder"
    assert rubric.alternative_titles == (
        "Strategic Product Engineer",
        "Builder in-residence",
        "Cross-Functional Builder",
        "Product Generalist",
        "E2E Product Engineer",
        "01 Builder",
        "Polymorphic Engineer",
    )


def test_sources_cite_documents_not_files(rubric: Rubric) -> None:
    assert len(rubric.sources) == 3
    for source in rubric.sources:
        assert not re.search(r"\.txt\b|/work/|seeds|[A-Za-z]:\\", source)
    assert any("Builder Role" in source for source in rubric.sources)
    assert any("Maturity Model" in source for source in rubric.sources)
    assert any("balena" in source for source in rubric.sources)


def test_compensation_philosophy_is_stated(rubric: Rubric) -> None:
    summary = " ".join(rubric.summary.split()).lower()
    for wording in (
        "base compensation aligned with senior product manager / senior ai engineer bands",
        "significant equity participation reflecting ownership",
        "additional budget for learning and experimentation",
        "defaults for the recruiter to set",
    ):
        assert wording in summary


MATURITY = {
    "ai_usage": "AI usage",
    "technical_depth": "Technical depth",
    "product_ownership": "Product ownership",
    "execution_speed": "Execution speed",
    "operational_responsibility": "Operational responsibility",
}
TRAITS = {
    "autonomous": "Self-directed within a collaborative environment.",
    "curious": "Constantly learning across disciplines.",
    "pragmatic": "Balances perfection with shipping velocity.",
    "collaborative": "Works effectively across all functions.",
    "strategic": "Understands broader business context.",
    "decisive": "Makes quick decisions with incomplete information.",
}
PRINCIPLES = [
    "Mission alignment",
    "Ownership",
    "Short term pain for long term gain",
    "First principles thinking",
    "Root cause problem solving",
    "Zero to one creativity",
    "Self-reflection",
    "Pursue the truth",
    "Optimize for understanding",
    "Continuous improvement",
    "Adaptability",
    "Open-mindedness",
    "Self-motivation",
    "Clear and direct communication",
]


def test_dimensions_carry_maturity_traits_and_principles(rubric: Rubric) -> None:
    by_kind: dict[str, list[str]] = {}
    for dimension in rubric.dimensions:
        by_kind.setdefault(dimension.kind, []).append(dimension.id)
    assert {d: rubric.dimension(d).label for d in by_kind["maturity"]} == MATURITY
    assert {d: rubric.dimension(d).description for d in by_kind["trait"]} == TRAITS
    assert [rubric.dimension(d).label for d in by_kind["principle"]] == PRINCIPLES
    assert rubric.dimension("ai_usage").description == (
        "Early: chat assistance. Mid: agentic workflows. Advanced: autonomous systems."
    )
    skills = {rubric.dimension(d).label for d in by_kind["skill"]}
    assert {"Product sense", "Design thinking", "Business sense", "Customer obsession"} <= skills


def test_every_dimension_is_used(rubric: Rubric) -> None:
    used = {tag for _, criterion in rubric.criteria() for tag in criterion.tags}
    used |= {tag for signal in rubric.signals for tag in signal.tags}
    used |= {tag for flag in rubric.red_flags for tag in flag.tags}
    assert {dimension.id for dimension in rubric.dimensions} == used


SEED_EXERCISES = {
    1: [
        "Past examples of end-to-end ownership",
        "Motivation for Builder role vs traditional IC path",
        "Technical depth assessment",
        "Business and product thinking evaluation",
    ],
    2: [
        "Live/Vibe coding: build a small feature end-to-end",
        "System design with product considerations",
        "Debugging and code-review scenarios",
    ],
    3: [
        "Define and prototype a small product",
        "Design critique and collaboration scenario with stakeholders",
        "Present go-to-market strategy for their prototype",
        "Discuss past product decisions and tradeoffs",
    ],
}


def test_stages_follow_the_interview_framework(rubric: Rubric) -> None:
    assert [(s.number, s.title) for s in rubric.stages] == [
        (1, "Initial screen"),
        (2, "Technical deep dive"),
        (3, "Product / cross-functional assessment"),
    ]
    for stage in rubric.stages:
        assert [e.title for e in stage.exercises] == SEED_EXERCISES[stage.number]
        assert stage.required
        assert stage.purpose
        assert len(stage.what_good_looks_like) >= 3
        assert stage.look_for
        assert sum(e.minutes for e in stage.exercises) <= stage.duration_minutes
        for exercise in stage.exercises:
            assert 3 <= len(exercise.prompts) <= 6, exercise.id
            assert exercise.criteria, f"{exercise.id} scores no criterion"


def test_every_criterion_is_scored_by_an_exercise(rubric: Rubric) -> None:
    for stage in rubric.stages:
        scored = {c for exercise in stage.exercises for c in exercise.criteria}
        assert scored == {criterion.id for criterion in stage.criteria}


def test_criteria_have_weights_tags_and_distinct_anchors_for_every_rating(rubric: Rubric) -> None:
    kinds = {d.id: d.kind for d in rubric.dimensions}
    for stage in rubric.stages:
        assert 3 <= len(stage.criteria) <= 5
        for criterion in stage.criteria:
            assert criterion.weight > 0
            assert criterion.description
            tag_kinds = {kinds[tag] for tag in criterion.tags}
            assert tag_kinds & {"maturity", "trait"}, criterion.id
            anchors = [criterion.anchors.for_rating(rating) for rating in RATINGS]
            assert len(set(anchors)) == 4
            for anchor in anchors:
                assert len(anchor) >= 60, (criterion.id, anchor)
                # Behaviour, not a verdict: no bare "poor"/"good"/"excellent".
                assert not re.fullmatch(r"(?i)\W*(poor|weak|good|excellent|strong)\W*", anchor)


def test_positive_signals(rubric: Rubric) -> None:
    assert [s.label for s in rubric.signals] == [
        "Can articulate technical decisions in business terms",
        "Shows examples of shipping with minimal resources",
        "Demonstrates learning across disciplines",
        "Has strong opinions, loosely held",
        "Asks about customer impact and business metrics",
    ]
    referenced = {s for _, c in rubric.criteria() for s in c.signals}
    assert referenced == {s.id for s in rubric.signals}


def test_red_flags_with_deliberate_severities(rubric: Rubric) -> None:
    key = [(f.label, f.severity) for f in rubric.red_flags if f.kind == "key"]
    assert key == [
        ("Lack of customer empathy", "blocker"),
        ("Poor communication skills", "concern"),
        ("Inability to prioritize or make tradeoffs", "blocker"),
    ]
    anti = {f.label: f for f in rubric.red_flags if f.kind == "anti_pattern"}
    assert list(anti) == [
        "Perfectionist",
        "Siloed thinking",
        "Over-Engineer",
        "Poor Communicator",
        "Inflexible",
        "Defiant",
    ]
    assert anti["Perfectionist"].description.startswith(
        "Prevents shipping by focusing on perfection over progress."
    )
    assert anti["Siloed thinking"].description.startswith(
        '"Not my job" attitude that refuses to work across boundaries.'
    )
    assert anti["Over-Engineer"].description.startswith(
        "Builds complex solutions without user validation."
    )
    assert anti["Poor Communicator"].description.startswith(
        "Struggles to collaborate effectively across functions."
    )
    assert anti["Inflexible"].description.startswith(
        "Unable to pivot from projects without impact."
    )
    assert anti["Defiant"].description.startswith(
        "Resists leadership and authority, building what they think is best regardless of "
        "leadership guidance and pushback."
    )
    assert {f.label for f in anti.values() if f.severity == "blocker"} == {
        "Siloed thinking",
        "Defiant",
    }
    for flag in rubric.red_flags:
        # Each severity is explained where the recruiter reads it.
        assert f"{flag.severity.capitalize()}" in flag.description, flag.id


LEVELS = [
    ("L4", "Senior Builder", "Prototypes, executes and ship end-to-end features."),
    ("L5", "Staff Builder", "Leads end-to-end projects. Contributes to product strategy."),
    (
        "L6",
        "Senior Staff Builder",
        (
            "Influences cross-org vision. Leads and propose cross-team projects. "
            "Seen as a strategic asset to leadership."
        ),
    ),
    (
        "L7",
        "Principal Builder",
        (
            "Sets org-wide technical and product direction. Defines new markets, leads company "
            "bets. Evangelizes this hybrid approach inside and outside the company."
        ),
    ),
]
ADVANCEMENT = (
    "Scope of ownership",
    "Strategic influence",
    "Cross-team leadership",
    "External thought leadership",
    "Mentoring",
)


def test_levels_titles_impact_and_advancement_criteria(rubric: Rubric) -> None:
    assert [(lv.id, lv.title, lv.impact) for lv in rubric.levels] == LEVELS
    for level in rubric.levels:
        assert [e.split(":")[0] for e in level.expectations] == list(ADVANCEMENT)
    for criterion in ADVANCEMENT:
        texts = [
            next(e for e in lv.expectations if e.startswith(criterion)) for lv in rubric.levels
        ]
        assert len(set(texts)) == 4, f"{criterion} is not graded per level"


def test_level_minimums_rise_from_the_hire_bar(rubric: Rubric) -> None:
    scores = [level.min_score for level in rubric.levels]
    assert scores == sorted(scores)
    assert len(set(scores)) == 4
    assert scores[0] == rubric.rules.hire_bar == 2.75
    signals = [level.min_positive_signals for level in rubric.levels]
    assert signals == sorted(signals)
    assert signals[0] >= 1
    assert signals[-1] <= len(rubric.signals)


def test_bands_are_labelled_defaults(rubric: Rubric) -> None:
    mids = []
    for level in rubric.levels:
        band = level.band
        assert band.currency == "USD"
        assert band.base_min < band.base_mid < band.base_max
        assert 0 < band.equity_min < band.equity_max
        assert band.learning_budget > 0
        assert band.is_default
        assert "default" in band.note.lower()
        assert "recruiter" in band.note.lower()
        assert "Senior Product Manager / Senior AI Engineer" in band.note
        assert "equity" in band.equity_note.lower()
        mids.append(band.base_mid)
    assert mids == sorted(mids)


def test_rules_are_the_engine_defaults(rubric: Rubric) -> None:
    rules = rubric.rules
    assert (rules.hire_bar, rules.strong_no_hire_below, rules.strong_hire_at) == (2.75, 2.0, 3.5)
    assert (rules.blocker_min_reporters, rules.blocker_level_cap) == (2, "L4")
    assert (rules.concern_min_reporters, rules.concern_level_cap) == (2, "L5")
    assert (rules.coverage_threshold, rules.high_confidence_coverage) == (0.8, 0.9)
    assert rules.high_confidence_min_scorecards == 2
    assert rules.spread_threshold == 2
    assert rules.stage_weights == {stage.id: 1.0 for stage in rubric.stages}


# -- identity ---------------------------------------------------------------------------


def test_content_hash_is_stable(rubric: Rubric, builder_rubric_path: Path) -> None:
    digest = rubric.content_hash()
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    assert load_rubric(builder_rubric_path).content_hash() == digest
    assert rubric_from_data(rubric.to_data()).content_hash() == digest
    # Layout of the file does not matter: comments and key order.
    text = builder_rubric_path.read_text(encoding="utf-8")
    relaid = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    relaid = relaid.replace(
        'id = "builder"\nname = "Builder interview rubric"',
        ('name = "Builder interview rubric"\nid = "builder"'),
    )
    assert parse_rubric(relaid).content_hash() == digest


def test_content_hash_is_the_same_in_another_process(rubric: Rubric) -> None:
    code = (
        "from interview_kit.domain.rubric import load_rubric;"
        "print(load_rubric('resources/rubrics/builder.toml').content_hash())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == rubric.content_hash()


def test_content_hash_changes_with_content(rubric: Rubric) -> None:
    data = rubric.to_data()
    data["levels"][0]["band"]["base_mid"] += 1000
    assert rubric_from_data(data).content_hash() != rubric.content_hash()


# -- schema -----------------------------------------------------------------------------


def test_committed_schema_matches_the_model() -> None:
    committed = SCHEMA_PATH.read_text(encoding="utf-8")
    assert committed == rubric_json_schema_text(), (
        "resources/schemas/rubric.schema.json is out of date; regenerate it with "
        "`python -m interview_kit.domain.rubric resources/schemas/rubric.schema.json`"
    )
    assert json.loads(committed) == rubric_json_schema()


def test_schema_entry_point_writes_the_schema(tmp_path: Path) -> None:
    target = tmp_path / "rubric.schema.json"
    subprocess.run(
        [sys.executable, "-W", "error", "-m", "interview_kit.domain.rubric", str(target)],
        cwd=REPO,
        check=True,
    )
    assert target.read_text(encoding="utf-8") == SCHEMA_PATH.read_text(encoding="utf-8")


def test_schema_describes_the_file_shape() -> None:
    schema = rubric_json_schema()
    assert set(schema["required"]) >= {"format_version", "id", "name", "role_title", "stages"}
    anchors = schema["$defs"]["Anchors"]
    assert anchors["required"] == ["1", "2", "3", "4"]
    assert anchors["additionalProperties"] is False
    assert schema["$defs"]["RedFlag"]["properties"]["severity"]["enum"] == ["blocker", "concern"]
