"""Conflicts a recruiter settles: both sides amended one scorecard, and each choice
(keep the stored one, take the incoming one, keep both) through real sealed files, checked
on what is stored and what the hiring packet shows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from panel_helpers import (
    FAST_KDF,
    PASSPHRASE,
    DatabaseFactory,
    score_everything,
    set_up_panel,
    snapshot,
)

from interview_kit.cli import main
from interview_kit.domain.scorecard import Vote
from interview_kit.domain.scorecard_content import ScorecardChanges
from interview_kit.services import audit, exchange, packets, scorecard_reads, scorecards
from interview_kit.storage import Database


class Loop:
    """A recruiter and Mei's laptop that went through one pack and one bundle, then both
    amended Mei's scorecard for the first candidate."""

    def __init__(self, new_db: DatabaseFactory, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.recruiter = new_db("recruiter")
        self.panel = set_up_panel(self.recruiter)
        self.mei = self.panel.interviewers["Mei Tanaka"]
        pack = tmp_path / "mei.ikpack"
        exchange.export_panel_pack(self.recruiter, self.mei, pack, PASSPHRASE, kdf=FAST_KDF)
        self.laptop = new_db("mei")
        exchange.import_file(self.laptop, pack, PASSPHRASE)
        self.cards = score_everything(self.laptop, self.mei)
        exchange.import_file(self.recruiter, self.bundle("first"), PASSPHRASE)
        self.card = self.cards[0]
        detail = scorecard_reads.get_scorecard(self.recruiter, self.card)
        self.candidate = detail.scorecard.candidate_uuid
        scorecards.amend_scorecard(
            self.recruiter,
            self.card,
            ScorecardChanges(summary="Recruiter: strong on delivery"),
            reason="recruiter's correction",
        )
        scorecards.amend_scorecard(
            self.laptop,
            self.card,
            ScorecardChanges(vote=Vote.NO),
            reason="Mei changed her mind",
            amended_by="Mei Tanaka",
            amended_by_uuid=self.mei,
        )

    def bundle(self, name: str) -> Path:
        out = self.tmp / f"{name}.ikbundle"
        exchange.export_scorecard_bundle(self.laptop, self.mei, out, PASSPHRASE, kdf=FAST_KDF)
        return out

    def stored(self) -> Any:
        return scorecard_reads.get_scorecard(self.recruiter, self.card)


@pytest.fixture
def loop(new_db: DatabaseFactory, tmp_path: Path) -> Loop:
    return Loop(new_db, tmp_path)


def _effective(db: Database, card_uuid: str, _candidate_uuid: str) -> Any:
    return scorecard_reads.get_scorecard(db, card_uuid).scorecard


def _packet_reasons(db: Database, candidate_uuid: str) -> list[str]:
    return [a.reason for a in packets.packet_data(db, candidate_uuid).amendments]


def test_unsettled_conflict_still_refuses_the_whole_file(loop: Loop) -> None:
    bundle = loop.bundle("second")
    before = snapshot(loop.recruiter)
    with pytest.raises(exchange.ImportConflictError) as caught:
        exchange.import_file(loop.recruiter, bundle, PASSPHRASE)
    assert "Choose for each conflict" in str(caught.value)
    conflict = caught.value.plan.conflicts[0]
    assert conflict.key == f"amendments:{loop.card}"
    assert [side.who for side in conflict.stored] == ["recruiter"]
    assert [side.who for side in conflict.incoming] == ["Mei Tanaka"]
    assert "recruiter's correction" in conflict.stored[0].what
    assert "Mei changed her mind" in conflict.incoming[0].what
    assert conflict.choices == tuple(exchange.Resolution)
    assert any("stored:" in line for line in caught.value.details)
    assert any("incoming:" in line for line in caught.value.details)
    assert snapshot(loop.recruiter) == before


def test_keep_stored_discards_theirs_and_imports_the_rest(loop: Loop) -> None:
    # Unrelated new work in the same file: Mei amends her other scorecard too.
    other = loop.cards[1]
    scorecards.amend_scorecard(
        loop.laptop, other, ScorecardChanges(summary="Unrelated fix"), reason="typo"
    )
    bundle = loop.bundle("second")
    keep = exchange.Resolutions(everything=exchange.Resolution.KEEP_STORED)
    plan = exchange.import_file(loop.recruiter, bundle, PASSPHRASE, resolutions=keep)
    assert "1 conflict settled as chosen" in plan.summary()

    detail = loop.stored()
    assert [a.reason for a in detail.amendments] == ["recruiter's correction"]
    card = _effective(loop.recruiter, loop.card, loop.candidate)
    assert card.summary == "Recruiter: strong on delivery"
    assert card.vote is Vote.YES
    assert [a.reason for a in scorecard_reads.get_scorecard(loop.recruiter, other).amendments] == [
        "typo"
    ]
    assert "Mei changed her mind" not in _packet_reasons(loop.recruiter, loop.candidate)
    settled = audit.audit_entries(loop.recruiter, action="exchange.conflict_settled")
    assert len(settled) == 1
    assert "keep-stored" in settled[0].detail

    # The same file again changes nothing and needs no choice.
    before = snapshot(loop.recruiter)
    again = exchange.import_file(loop.recruiter, bundle, PASSPHRASE)
    assert not again.has_changes
    assert snapshot(loop.recruiter) == before

    # Mei's later amendment follows the stored ones.
    scorecards.amend_scorecard(
        loop.laptop, loop.card, ScorecardChanges(summary="Mei: later note"), reason="later"
    )
    exchange.import_file(loop.recruiter, loop.bundle("third"), PASSPHRASE)
    assert [(a.sequence, a.reason) for a in loop.stored().amendments] == [
        (1, "recruiter's correction"),
        (2, "later"),
    ]


def test_keep_both_renumbers_theirs_after_ours(loop: Loop) -> None:
    bundle = loop.bundle("second")
    both = exchange.Resolutions(everything=exchange.Resolution.KEEP_BOTH)
    preview = exchange.preview_import(
        loop.recruiter, exchange.open_exchange_file(bundle, PASSPHRASE), both
    )
    assert any("renumbered from #1" in c.detail for c in preview.changes)
    exchange.import_file(loop.recruiter, bundle, PASSPHRASE, resolutions=both)

    assert [(a.sequence, a.reason) for a in loop.stored().amendments] == [
        (1, "recruiter's correction"),
        (2, "Mei changed her mind"),
    ]
    card = _effective(loop.recruiter, loop.card, loop.candidate)
    assert card.summary == "Recruiter: strong on delivery"
    assert card.vote is Vote.NO
    reasons = _packet_reasons(loop.recruiter, loop.candidate)
    assert "recruiter's correction" in reasons
    assert "Mei changed her mind" in reasons

    before = snapshot(loop.recruiter)
    assert not exchange.import_file(loop.recruiter, bundle, PASSPHRASE).has_changes
    assert snapshot(loop.recruiter) == before


def test_take_incoming_makes_the_scorecard_read_as_theirs(loop: Loop) -> None:
    bundle = loop.bundle("second")
    take = exchange.Resolutions(everything=exchange.Resolution.TAKE_INCOMING)
    exchange.import_file(loop.recruiter, bundle, PASSPHRASE, resolutions=take)

    mine = _effective(loop.laptop, loop.card, loop.candidate)
    theirs = _effective(loop.recruiter, loop.card, loop.candidate)
    assert theirs.summary == mine.summary
    assert theirs.vote is Vote.NO
    amendments = loop.stored().amendments
    assert [a.sequence for a in amendments] == [1, 2, 3]
    assert amendments[0].reason == "recruiter's correction"  # history is kept
    assert amendments[2].reason.startswith("Import conflict settled: took the incoming")
    assert any(
        r.startswith("Import conflict settled")
        for r in _packet_reasons(loop.recruiter, loop.candidate)
    )
    before = snapshot(loop.recruiter)
    assert not exchange.import_file(loop.recruiter, bundle, PASSPHRASE).has_changes
    assert snapshot(loop.recruiter) == before


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_resolutions_file_from_the_json_preview(
    loop: Loop, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTERVIEW_KIT_PASSPHRASE", PASSPHRASE)
    bundle = loop.bundle("second")
    db_url = loop.recruiter.url.render_as_string(hide_password=False)
    code, out, _err = run_cli(
        capsys, "--db", db_url, "bundle", "import", str(bundle), "--dry-run", "--json"
    )
    assert code == 5
    preview = json.loads(out)
    (conflict,) = preview["conflicts"]
    assert conflict["key"] == f"amendments:{loop.card}"
    assert conflict["stored"][0]["who"] == "recruiter"
    assert conflict["incoming"][0]["who"] == "Mei Tanaka"
    conflict["resolution"] = "keep-both"
    choices = tmp_path / "choices.json"
    choices.write_text(json.dumps(preview), encoding="utf-8")
    code, out, err = run_cli(
        capsys, "--db", db_url, "bundle", "import", str(bundle), "--resolutions", str(choices)
    )
    assert code == 0, err
    assert "1 conflict settled as chosen" in out
    assert [a.reason for a in loop.stored().amendments] == [
        "recruiter's correction",
        "Mei changed her mind",
    ]


def test_bad_resolutions_are_refused_with_exit_code_3(
    loop: Loop, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTERVIEW_KIT_PASSPHRASE", PASSPHRASE)
    bundle = loop.bundle("second")
    before = snapshot(loop.recruiter)
    for text in ('{"x": "keep-everything"}', "[" * 100_000, '{"k": "\\ud800"}', "[1,"):
        choices = tmp_path / "bad.json"
        choices.write_text(text, encoding="utf-8")
        code, _out, err = run_cli(
            capsys,
            "--db",
            loop.recruiter.url.render_as_string(hide_password=False),
            "bundle",
            "import",
            str(bundle),
            "--resolutions",
            str(choices),
        )
        assert code == 3, (text[:20], err)
        assert "Traceback" not in err
    assert snapshot(loop.recruiter) == before
