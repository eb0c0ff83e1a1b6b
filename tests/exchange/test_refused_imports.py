"""Every file that must not be imported is refused with its own message, writing nothing."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from panel_helpers import (
    FAST_KDF,
    PASSPHRASE,
    DatabaseFactory,
    Panel,
    score_everything,
    set_up_panel,
    signed,
    snapshot,
)

from interview_kit.domain.scorecard import Vote
from interview_kit.domain.scorecard_content import ScorecardChanges
from interview_kit.exchange.errors import FileProblem
from interview_kit.exchange.formats import ScorecardBundle, encode
from interview_kit.exchange.sealing import FileKind, seal
from interview_kit.services import candidates, exchange, rubrics, scorecard_reads, scorecards
from interview_kit.services.errors import ConflictError, InvalidInputError, NotFoundError
from interview_kit.storage import Database


@pytest.fixture
def recruiter(new_db: DatabaseFactory) -> Database:
    return new_db("recruiter")


@pytest.fixture
def panel(recruiter: Database) -> Panel:
    return set_up_panel(recruiter)


@pytest.fixture
def bundle(recruiter: Database, panel: Panel, new_db: DatabaseFactory, tmp_path: Path) -> Path:
    """Mei's scorecards, scored on her own laptop from a pack."""
    mei = panel.interviewers["Mei Tanaka"]
    pack = tmp_path / "mei.ikpack"
    exchange.export_panel_pack(recruiter, mei, pack, PASSPHRASE, kdf=FAST_KDF)
    laptop = new_db("mei")
    exchange.import_file(laptop, pack, PASSPHRASE)
    score_everything(laptop, mei)
    out = tmp_path / "mei.ikbundle"
    exchange.export_scorecard_bundle(laptop, mei, out, PASSPHRASE, kdf=FAST_KDF)
    return out


def _refused(db: Database, path: Path, passphrase: str = PASSPHRASE) -> exchange.ExchangeError:
    before = snapshot(db)
    with pytest.raises(exchange.ExchangeError) as caught:
        exchange.import_file(db, path, passphrase)
    assert snapshot(db) == before
    assert path.name in str(caught.value)
    return caught.value


def _fix_crc(body: bytes) -> bytes:
    return body + struct.pack(">I", zlib.crc32(body))


@pytest.mark.parametrize(
    ("damage", "problem", "words"),
    [
        pytest.param(
            lambda d: d[: len(d) - 100], FileProblem.TRUNCATED, "truncated", id="truncated"
        ),
        pytest.param(
            lambda d: d[:200] + bytes([d[200] ^ 0x10]) + d[201:],
            FileProblem.CORRUPTED,
            "corrupted",
            id="corrupted",
        ),
        pytest.param(
            lambda d: _fix_crc(d[:-40] + bytes([d[-40] ^ 0x10]) + d[-39:-4]),
            FileProblem.TAMPERED,
            "changed after it was sealed",
            id="tampered",
        ),
        pytest.param(
            lambda d: _fix_crc(d[:8] + struct.pack(">H", 9) + d[10:-4]),
            FileProblem.UNKNOWN_FORMAT_VERSION,
            "format version 9",
            id="unknown-format-version",
        ),
        pytest.param(lambda d: b"", FileProblem.TRUNCATED, "empty", id="empty"),
        pytest.param(
            lambda d: b"candidate,stage\n", FileProblem.NOT_EXCHANGE_FILE, "not an", id="not-ours"
        ),
    ],
)
def test_bad_bundle_is_refused_and_nothing_written(
    recruiter: Database, bundle: Path, damage: object, problem: FileProblem, words: str
) -> None:
    bad = bundle.with_name("bad.ikbundle")
    bad.write_bytes(damage(bundle.read_bytes()))  # type: ignore[operator]
    error = _refused(recruiter, bad)
    assert error.problem is problem
    assert words in str(error)


def test_wrong_passphrase_is_refused(recruiter: Database, bundle: Path) -> None:
    error = _refused(recruiter, bundle, "correct horse battery stable")
    assert error.problem is FileProblem.WRONG_PASSPHRASE
    assert "passphrase does not open this scorecard bundle" in str(error)


def test_pack_given_where_bundle_expected(
    recruiter: Database, panel: Panel, tmp_path: Path
) -> None:
    pack = tmp_path / "x.ikpack"
    exchange.export_panel_pack(
        recruiter, panel.interviewers["Mei Tanaka"], pack, PASSPHRASE, kdf=FAST_KDF
    )
    with pytest.raises(exchange.ExchangeError) as caught:
        exchange.open_exchange_file(pack, PASSPHRASE, expected=FileKind.SCORECARD_BUNDLE)
    assert caught.value.problem is FileProblem.WRONG_KIND
    assert "this is a panel pack, not a scorecard bundle" in str(caught.value)


def test_missing_file_and_folder(tmp_path: Path, recruiter: Database) -> None:
    with pytest.raises(NotFoundError, match="no such file"):
        exchange.import_file(recruiter, tmp_path / "nope.ikbundle", PASSPHRASE)
    with pytest.raises(exchange.ExchangeError, match="is a folder"):
        exchange.import_file(recruiter, tmp_path, PASSPHRASE)


def test_unknown_rubric_version_is_refused(
    recruiter: Database, panel: Panel, new_db: DatabaseFactory, tmp_path: Path
) -> None:
    """The interviewer scored against a rubric version the recruiter never had."""
    mei = panel.interviewers["Mei Tanaka"]
    pack = tmp_path / "mei.ikpack"
    exchange.export_panel_pack(recruiter, mei, pack, PASSPHRASE, kdf=FAST_KDF)
    laptop = new_db("mei")
    exchange.import_file(laptop, pack, PASSPHRASE)
    edited = rubrics.active_rubric(laptop)
    text = edited.text.replace('version_label = "1.0 (default)"', 'version_label = "1.1 (local)"')
    assert text != edited.text
    rubrics.save_rubric(laptop, text)
    score_everything(laptop, mei)
    out = tmp_path / "mei.ikbundle"
    exchange.export_scorecard_bundle(laptop, mei, out, PASSPHRASE, kdf=FAST_KDF)

    before = snapshot(recruiter)
    with pytest.raises(exchange.UnknownRubricVersionError) as caught:
        exchange.import_file(recruiter, out, PASSPHRASE)
    assert isinstance(caught.value, NotFoundError)
    assert "rubric version" in str(caught.value)
    assert "Nothing was imported" in str(caught.value)
    assert snapshot(recruiter) == before


def test_unknown_candidate_is_refused(panel: Panel, bundle: Path, new_db: DatabaseFactory) -> None:
    """A bundle imported into a database that never had the panel's candidates."""
    elsewhere = new_db("another recruiter")
    rubrics.ensure_default_rubric(elsewhere)
    before = snapshot(elsewhere)
    with pytest.raises(exchange.ImportProblemError, match="not in this database"):
        exchange.import_file(elsewhere, bundle, PASSPHRASE)
    assert snapshot(elsewhere) == before


def test_different_content_under_one_uuid_is_a_conflict(
    recruiter: Database, panel: Panel, bundle: Path, tmp_path: Path
) -> None:
    exchange.import_file(recruiter, bundle, PASSPHRASE)
    opened = exchange.open_exchange_file(bundle, PASSPHRASE)
    assert isinstance(opened.payload, ScorecardBundle)
    first = opened.payload.scorecards[0]
    forged = first.model_copy(update={"summary": "Someone rewrote this"})
    payload = opened.payload.model_copy(
        update={"scorecards": (forged, *opened.payload.scorecards[1:])}
    )
    other = tmp_path / "rewritten.ikbundle"
    other.write_bytes(
        seal(encode(signed(payload)), PASSPHRASE, FileKind.SCORECARD_BUNDLE, kdf=FAST_KDF)
    )

    before = snapshot(recruiter)
    with pytest.raises(exchange.ImportConflictError) as caught:
        exchange.import_file(recruiter, other, PASSPHRASE)
    assert isinstance(caught.value, ConflictError)
    assert "different version of this scorecard" in str(caught.value)
    assert caught.value.plan.conflicts[0].subject == "scorecard"
    assert snapshot(recruiter) == before
    with pytest.raises(exchange.ImportConflictError):
        exchange.import_file(recruiter, other, PASSPHRASE, dry_run=True)
    assert scorecard_reads.get_scorecard(recruiter, first.uuid).scorecard.summary == first.summary


def test_conflict_anywhere_stops_the_whole_file(
    recruiter: Database, panel: Panel, bundle: Path, tmp_path: Path
) -> None:
    """One new scorecard and one conflicting one: neither is written."""
    opened = exchange.open_exchange_file(bundle, PASSPHRASE)
    assert isinstance(opened.payload, ScorecardBundle)
    first, second = opened.payload.scorecards
    only_first = opened.payload.model_copy(update={"scorecards": (first,)})
    part = tmp_path / "part.ikbundle"
    part.write_bytes(
        seal(encode(signed(only_first)), PASSPHRASE, FileKind.SCORECARD_BUNDLE, kdf=FAST_KDF)
    )
    exchange.import_file(recruiter, part, PASSPHRASE)

    forged = opened.payload.model_copy(
        update={"scorecards": (first.model_copy(update={"vote": Vote.NO}), second)}
    )
    bad = tmp_path / "bad.ikbundle"
    bad.write_bytes(
        seal(encode(signed(forged)), PASSPHRASE, FileKind.SCORECARD_BUNDLE, kdf=FAST_KDF)
    )
    with pytest.raises(exchange.ImportConflictError):
        exchange.import_file(recruiter, bad, PASSPHRASE)
    assert (
        scorecard_reads.find_scorecard(
            recruiter, second.candidate_uuid, second.stage_id, second.interviewer_uuid
        )
        is None
    )


def test_amendment_numbers_that_clash_are_a_conflict(
    recruiter: Database, panel: Panel, bundle: Path, new_db: DatabaseFactory, tmp_path: Path
) -> None:
    """Recruiter and interviewer each amended the same scorecard: two different #1s."""
    exchange.import_file(recruiter, bundle, PASSPHRASE)
    opened = exchange.open_exchange_file(bundle, PASSPHRASE)
    assert isinstance(opened.payload, ScorecardBundle)
    card = opened.payload.scorecards[0]
    scorecards.amend_scorecard(
        recruiter, card.uuid, ScorecardChanges(summary="Recruiter's fix"), reason="recruiter"
    )
    from interview_kit.exchange.formats import AmendmentRecord

    theirs = AmendmentRecord(
        uuid="0b5e1c1e-0000-4000-8000-000000000001",
        sequence=1,
        amended_by="Mei Tanaka",
        reason="interviewer",
        changes={"summary": "Mei's fix"},
        created_at=card.submitted_at,
    )
    payload = opened.payload.model_copy(
        update={"scorecards": (card.model_copy(update={"amendments": (theirs,)}),)}
    )
    other = tmp_path / "amended.ikbundle"
    other.write_bytes(
        seal(encode(signed(payload)), PASSPHRASE, FileKind.SCORECARD_BUNDLE, kdf=FAST_KDF)
    )
    before = snapshot(recruiter)
    with pytest.raises(exchange.ImportConflictError, match="different amendment with this number"):
        exchange.import_file(recruiter, other, PASSPHRASE)
    assert snapshot(recruiter) == before


def test_invalid_amendment_content_is_refused(
    recruiter: Database, panel: Panel, bundle: Path, tmp_path: Path
) -> None:
    opened = exchange.open_exchange_file(bundle, PASSPHRASE)
    assert isinstance(opened.payload, ScorecardBundle)
    card = opened.payload.scorecards[0]
    from interview_kit.exchange.formats import AmendmentRecord

    bogus = AmendmentRecord(
        uuid="0b5e1c1e-0000-4000-8000-000000000002",
        sequence=1,
        amended_by="Mei Tanaka",
        reason="bogus",
        changes={"ratings": {"no_such_criterion": {"rating": 4, "evidence": "x"}}},
        created_at=card.submitted_at,
    )
    payload = opened.payload.model_copy(
        update={"scorecards": (card.model_copy(update={"amendments": (bogus,)}),)}
    )
    other = tmp_path / "bogus.ikbundle"
    other.write_bytes(
        seal(encode(signed(payload)), PASSPHRASE, FileKind.SCORECARD_BUNDLE, kdf=FAST_KDF)
    )
    before = snapshot(recruiter)
    with pytest.raises(exchange.ImportProblemError, match="no_such_criterion") as caught:
        exchange.import_file(recruiter, other, PASSPHRASE)
    assert isinstance(caught.value, InvalidInputError)
    assert snapshot(recruiter) == before


def test_invalid_payload_lists_its_problems(recruiter: Database, tmp_path: Path) -> None:
    raw = b'{"bundle_uuid": "nope", "scorecards": [{"uuid": 5}]}'
    bad = tmp_path / "odd.ikbundle"
    bad.write_bytes(seal(raw, PASSPHRASE, FileKind.SCORECARD_BUNDLE, kdf=FAST_KDF))
    error = _refused(recruiter, bad)
    assert error.problem is FileProblem.INVALID_CONTENT
    assert any(detail.startswith("bundle_uuid:") for detail in error.details)


def test_export_refuses_weak_passphrase_and_existing_file(
    recruiter: Database, panel: Panel, tmp_path: Path
) -> None:
    mei = panel.interviewers["Mei Tanaka"]
    with pytest.raises(InvalidInputError, match="at least 8 characters"):
        exchange.export_panel_pack(recruiter, mei, tmp_path / "a.ikpack", "short", kdf=FAST_KDF)
    existing = tmp_path / "b.ikpack"
    existing.write_text("keep me")
    with pytest.raises(ConflictError, match="already exists"):
        exchange.export_panel_pack(recruiter, mei, existing, PASSPHRASE, kdf=FAST_KDF)
    assert existing.read_text() == "keep me"
    with pytest.raises(NotFoundError, match="does not exist"):
        exchange.export_panel_pack(recruiter, mei, tmp_path / "no" / "c.ikpack", PASSPHRASE)
    with pytest.raises(NotFoundError, match="no interviewer"):
        exchange.export_scorecard_bundle(
            recruiter, "00000000-0000-4000-8000-000000000000", tmp_path / "d.ikbundle", PASSPHRASE
        )
    assert sorted(p.name for p in tmp_path.iterdir() if "ik" in p.suffix) == ["b.ikpack"]


def test_unchanged_candidate_fields_do_not_count_as_updates(
    recruiter: Database, panel: Panel, new_db: DatabaseFactory, tmp_path: Path
) -> None:
    """Editing the e-mail (which packs leave out) is not a change for the interviewer."""
    mei = panel.interviewers["Mei Tanaka"]
    pack = tmp_path / "mei.ikpack"
    exchange.export_panel_pack(recruiter, mei, pack, PASSPHRASE, kdf=FAST_KDF)
    laptop = new_db("mei")
    exchange.import_file(laptop, pack, PASSPHRASE)
    zoe = candidates.get_candidate(recruiter, panel.candidates["Zoë Lefèvre"])
    from dataclasses import replace

    candidates.update_candidate(recruiter, replace(zoe, email="zoe@new.example"))
    exchange.export_panel_pack(recruiter, mei, pack, PASSPHRASE, kdf=FAST_KDF, overwrite=True)
    assert not exchange.import_file(laptop, pack, PASSPHRASE, dry_run=True).has_changes
