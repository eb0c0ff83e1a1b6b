"""How fast scorecard bundles travel: export plus import of 1,000 scorecards on SQLite.

Target (issue 7): export + import of 1,000 scorecards <= 2 s on SQLite, with the
default (production) scrypt cost, paid once to seal and once to open.

Set-up (not timed): one busy interviewer who has scored all three stages of 334
candidates, every criterion rated with a sentence of evidence, signals ticked, exercise
notes written, a few amendments. The recruiter's database and the interviewer's both
receive the same panel pack; the interviewer's then receives the scorecards. Timed: the
interviewer exports the bundle; the recruiter opens it, previews and imports it (all
1,000 scorecards new), then imports it once more (nothing new).

    python benchmarks/bench_exchange.py [--scorecards 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interview_kit import paths
from interview_kit.domain.rubric import parse_rubric
from interview_kit.domain.scorecard import Vote
from interview_kit.exchange.formats import (
    AmendmentRecord,
    AssignmentRecord,
    CandidateRecord,
    InterviewerRecord,
    ObservationRecord,
    PanelPack,
    RatingRecord,
    RubricRecord,
    ScorecardBundle,
    ScorecardRecord,
)
from interview_kit.exchange.sealing import DEFAULT_KDF, FileKind, seal, unseal
from interview_kit.services import exchange, scorecard_reads
from interview_kit.storage import open_database

PASSPHRASE = "benchmark panel passphrase"
T = TypeVar("T")
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def timed(action: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def synthetic_panel(wanted: int, seed: int = 7) -> tuple[PanelPack, ScorecardBundle]:
    """A pack for one interviewer and a bundle of their ``wanted`` scorecards."""
    text = paths.default_rubric_path().read_text(encoding="utf-8")
    rubric = parse_rubric(text, "builder.toml")
    content_hash = rubric.content_hash()
    chance = random.Random(seed)
    interviewer = InterviewerRecord(
        uuid=str(uuid.UUID(int=chance.getrandbits(128), version=4)),
        name="Ingrid Halvorsen",
        email="ingrid@example.com",
    )
    stages = rubric.stages
    count = -(-wanted // len(stages))
    candidates = [
        CandidateRecord(
            uuid=str(uuid.UUID(int=chance.getrandbits(128), version=4)),
            name=f"Candidate {index:04d} Łukasz-Zoë",
            source="founder",  # type: ignore[arg-type]
            origin_path="engineer",  # type: ignore[arg-type]
            status="committee",  # type: ignore[arg-type]
            stage_id=stages[-1].id,
            rubric_hash=content_hash,
        )
        for index in range(count)
    ]
    pack = PanelPack(
        pack_uuid=str(uuid.uuid4()),
        created_at=START,
        created_by="recruiter",
        app_version="bench",
        interviewer=interviewer,
        rubrics=(
            RubricRecord(
                rubric_id=rubric.id, version=1, content_hash=content_hash, content=text, active=True
            ),
        ),
        candidates=tuple(candidates),
        assignments=tuple(
            AssignmentRecord(
                candidate_uuid=c.uuid, stage_id=s.id, interviewer_uuid=interviewer.uuid
            )
            for c in candidates
            for s in stages
        ),
    )
    cards = []
    for index, (candidate, stage) in enumerate((c, s) for c in candidates for s in stages):
        if index >= wanted:
            break
        when = START + timedelta(minutes=index)
        ratings = tuple(
            RatingRecord(
                criterion_id=criterion.id,
                rating=chance.choice((2, 3, 3, 4)),
                evidence=f"Walked through {criterion.title.lower()} with a concrete example "
                f"from their last product, including the metric it moved.",
            )
            for criterion in stage.criteria
        )
        amendments = ()
        if index % 50 == 0:
            amendments = (
                AmendmentRecord(
                    uuid=str(uuid.UUID(int=chance.getrandbits(128), version=4)),
                    sequence=1,
                    amended_by=interviewer.name,
                    amended_by_uuid=interviewer.uuid,
                    reason="Re-read my notes",
                    changes={"summary": "Stronger on reflection."},
                    created_at=when + timedelta(days=1),
                ),
            )
        cards.append(
            ScorecardRecord(
                uuid=str(uuid.UUID(int=chance.getrandbits(128), version=4)),
                candidate_uuid=candidate.uuid,
                stage_id=stage.id,
                interviewer_uuid=interviewer.uuid,
                rubric_hash=content_hash,
                level_evidence="L5",
                vote=Vote.YES,
                summary="Ships end to end; explains trade-offs in business terms.",
                ratings=ratings,
                signals=tuple(
                    ObservationRecord(item_id=signal.id, evidence="Said so with numbers.")
                    for signal in rubric.signals[:2]
                ),
                exercise_notes={stage.exercises[0].id: "Finished with ten minutes to spare."},
                created_at=when,
                submitted_at=when + timedelta(minutes=50),
                amendments=amendments,
            )
        )
    bundle = ScorecardBundle(
        bundle_uuid=str(uuid.uuid4()),
        created_at=START,
        created_by=interviewer.name,
        app_version="bench",
        interviewer=interviewer,
        scorecards=tuple(cards),
    )
    return pack, bundle


def one_run(folder: Path, pack: PanelPack, seeded: ScorecardBundle) -> dict[str, float]:
    laptop = open_database(folder / "interviewer.sqlite3", actor="interviewer")
    recruiter = open_database(folder / "recruiter.sqlite3", actor="recruiter")
    try:
        for db in (laptop, recruiter):
            exchange.apply_import(db, exchange.OpenedFile(None, FileKind.PANEL_PACK, pack))
        exchange.apply_import(laptop, exchange.OpenedFile(None, FileKind.SCORECARD_BUNDLE, seeded))

        who = pack.interviewer.uuid
        bundle = folder / "bundle.ikbundle"
        export_s, result = timed(
            lambda: exchange.export_scorecard_bundle(laptop, who, bundle, PASSPHRASE)
        )
        open_s, opened = timed(lambda: exchange.open_exchange_file(bundle, PASSPHRASE))
        preview_s, _plan = timed(lambda: exchange.preview_import(recruiter, opened))
        apply_s, plan = timed(lambda: exchange.apply_import(recruiter, opened))
        again_s, again = timed(lambda: exchange.import_file(recruiter, bundle, PASSPHRASE))
        assert plan.count("scorecard", exchange.ChangeAction.CREATE) == result.scorecards
        assert not again.has_changes
        stored = len(scorecard_reads.scorecards_for_interviewer(recruiter, who))
        assert stored == result.scorecards, (stored, result.scorecards)
        return {
            "scorecards": result.scorecards,
            "amendments": result.amendments,
            "bytes": result.size,
            "export (seal included)": export_s,
            "open (unseal, validate)": open_s,
            "preview": preview_s,
            "apply": apply_s,
            "export + open + apply": export_s + open_s + apply_s,
            "re-import, nothing new": again_s,
        }
    finally:
        laptop.close()
        recruiter.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scorecards", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    kdf = DEFAULT_KDF
    seal_s, sealed = timed(lambda: seal(b"{}", PASSPHRASE, FileKind.PANEL_PACK))
    open_s, _ = timed(lambda: unseal(sealed, PASSPHRASE))
    print(
        f"scrypt n=2^{kdf.n.bit_length() - 1} r={kdf.r} p={kdf.p}: seal {seal_s * 1000:.0f} ms, "
        f"open {open_s * 1000:.0f} ms of key derivation"
    )
    pack, seeded = synthetic_panel(args.scorecards)
    runs = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            runs.append(one_run(Path(folder), pack, seeded))
    first = runs[0]
    print(
        f"bundle: {first['scorecards']:.0f} scorecards of {len(pack.candidates)} candidates, "
        f"{first['amendments']:.0f} amendments, {first['bytes'] / 1024:.0f} KiB sealed; "
        f"{len(runs)} run(s), SQLite"
    )
    for key in list(first)[3:]:
        values = [run[key] for run in runs]
        print(
            f"  {key:<26} median {statistics.median(values) * 1000:6.0f} ms"
            f"   (min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f})"
        )
    median = statistics.median(run["export + open + apply"] for run in runs)
    verdict = "within" if median <= 2.0 else "OVER"
    print(
        f"export + import of {first['scorecards']:.0f} scorecards: {median:.2f} s, "
        f"{verdict} the 2 s target"
    )


if __name__ == "__main__":
    main()
