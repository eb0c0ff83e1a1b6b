"""Sealed files that prove who sealed them and cannot be turned against the reader:
signatures, key files, the key-derivation ceiling, hostile JSON, and files we write that
must import back."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from panel_helpers import (
    FAST_KDF,
    PASSPHRASE,
    DatabaseFactory,
    open_db,
    score_everything,
    set_up_panel,
    snapshot,
)

from interview_kit.cli import ExitCode, main
from interview_kit.domain.scorecard_content import ScorecardChanges
from interview_kit.exchange.errors import ExchangeFileError, FileProblem
from interview_kit.exchange.formats import ScorecardBundle, decode, encode
from interview_kit.exchange.sealing import FileKind, KdfParams, seal, unseal
from interview_kit.exchange.signing import fingerprint, new_private_key, sign_bundle
from interview_kit.services import exchange, exchange_keys, scorecard_files, scorecards


@pytest.fixture
def sent(new_db: DatabaseFactory, tmp_path: Path) -> tuple[object, object, str, Path]:
    """The recruiter imported one signed bundle from Mei (her key is registered)."""
    recruiter = new_db("recruiter")
    panel = set_up_panel(recruiter)
    mei = panel.interviewers["Mei Tanaka"]
    pack = tmp_path / "mei.ikpack"
    exchange.export_panel_pack(recruiter, mei, pack, PASSPHRASE, kdf=FAST_KDF)
    laptop = new_db("mei")
    exchange.import_file(laptop, pack, PASSPHRASE)
    score_everything(laptop, mei)
    bundle = tmp_path / "mei.ikbundle"
    exchange.export_scorecard_bundle(laptop, mei, bundle, PASSPHRASE, kdf=FAST_KDF)
    preview = exchange.preview_import(recruiter, exchange.open_exchange_file(bundle, PASSPHRASE))
    key = exchange_keys.own_public_key(mei)
    assert key is not None
    assert any(fingerprint(key) in note for note in preview.notes)
    exchange.import_file(recruiter, bundle, PASSPHRASE)
    return recruiter, laptop, mei, bundle


def _reseal(path: Path, payload: ScorecardBundle) -> Path:
    path.write_bytes(seal(encode(payload), PASSPHRASE, FileKind.SCORECARD_BUNDLE, kdf=FAST_KDF))
    return path


def test_a_bundle_signed_by_someone_else_is_refused(sent: tuple, tmp_path: Path) -> None:  # type: ignore[type-arg]
    recruiter, laptop, mei, _bundle = sent
    scorecards.amend_scorecard(
        laptop, scorecards_of(laptop, mei)[0], ScorecardChanges(summary="x"), reason="edit"
    )
    forged_out = tmp_path / "forged.ikbundle"
    exchange.export_scorecard_bundle(laptop, mei, forged_out, PASSPHRASE, kdf=FAST_KDF)
    payload = exchange.open_exchange_file(forged_out, PASSPHRASE).payload
    assert isinstance(payload, ScorecardBundle)
    # Tomás knows the panel passphrase and seals Mei's scorecards with his own key.
    _reseal(forged_out, sign_bundle(payload, new_private_key()))
    before = snapshot(recruiter)
    with pytest.raises(exchange.WrongSignerError, match="signed with another person's key"):
        exchange.import_file(recruiter, forged_out, PASSPHRASE)
    assert snapshot(recruiter) == before

    # Unsigned, it is refused too: Mei signs hers.
    _reseal(forged_out, payload.model_copy(update={"signature": None}))
    with pytest.raises(exchange.WrongSignerError, match="not signed"):
        exchange.import_file(recruiter, forged_out, PASSPHRASE)
    assert snapshot(recruiter) == before


def test_wrong_signer_on_the_command_line(
    new_db: DatabaseFactory,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("INTERVIEW_KIT_PASSPHRASE", PASSPHRASE)
    path = tmp_path / "r.sqlite3"
    with open_db(path) as db:
        panel = set_up_panel(db)
        mei = panel.interviewers["Mei Tanaka"]
        score_everything(db, mei)
        bundle = tmp_path / "b.ikbundle"
        exchange.export_scorecard_bundle(db, mei, bundle, PASSPHRASE, kdf=FAST_KDF)
        with db.write() as session:
            exchange_keys.register_key(
                session, mei, exchange_keys.own_public_key(mei) or "", "recruiter"
            )
        payload = exchange.open_exchange_file(bundle, PASSPHRASE).payload
        assert isinstance(payload, ScorecardBundle)
        _reseal(bundle, sign_bundle(payload, new_private_key()))
    code = main(["--db", str(path), "bundle", "import", str(bundle)])
    err = capsys.readouterr().err
    assert code == ExitCode.INVALID_INPUT
    assert "names Mei Tanaka but was signed with another person's key" in err
    assert "Traceback" not in err


def test_content_changed_after_signing_is_caught(sent: tuple, tmp_path: Path) -> None:  # type: ignore[type-arg]
    _recruiter, _laptop, _mei, bundle = sent
    payload = exchange.open_exchange_file(bundle, PASSPHRASE).payload
    assert isinstance(payload, ScorecardBundle)
    card = payload.scorecards[0].model_copy(update={"summary": "rewritten"})
    changed = payload.model_copy(update={"scorecards": (card, *payload.scorecards[1:])})
    with pytest.raises(exchange.ExchangeError) as caught:
        exchange.open_exchange_file(_reseal(tmp_path / "c.ikbundle", changed), PASSPHRASE)
    assert caught.value.problem is FileProblem.BAD_SIGNATURE


def test_private_key_is_its_owners_alone(sent: tuple) -> None:  # type: ignore[type-arg]
    _recruiter, _laptop, mei, _bundle = sent
    path = exchange_keys.key_folder() / f"{mei}.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) & 0o077 == 0
    path.chmod(0o644)
    exchange_keys.own_private_key(mei)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert exchange_keys.own_public_key(mei) is not None


@pytest.mark.parametrize(
    ("n", "r", "p"), [(2**17, 8, 1), (2**20, 32, 16), (2**16, 9, 1), (2**16, 8, 2)]
)
def test_kdf_above_what_we_write_is_refused_before_deriving(n: int, r: int, p: int) -> None:
    sealed = seal(b"{}", PASSPHRASE, FileKind.SCORECARD_BUNDLE, kdf=FAST_KDF)
    length = int.from_bytes(sealed[10:14], "big")
    header = json.loads(sealed[22 : 22 + length])
    header["kdf"].update({"n": n, "r": r, "p": p})
    raw = json.dumps(header).encode()
    body = sealed[22 + length : -4]
    import struct
    import zlib

    prefix = struct.pack(">8sHIQ", sealed[:8], 1, len(raw), len(body)) + raw
    crafted = prefix + body
    crafted += struct.pack(">I", zlib.crc32(crafted))
    with pytest.raises(ExchangeFileError) as caught:
        unseal(crafted, PASSPHRASE)
    assert caught.value.problem is FileProblem.CORRUPTED
    with pytest.raises(ValueError):
        KdfParams(n=n, r=r, p=p).check()


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 200_000 + b"]" * 200_000,
        b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
        b'{"bundle_uuid": "\\ud800"}',
        b'{"bundle_uuid": "\xed\xa0\x80"}',
        b'{"a": "' + b"x" * (8 * 1024 * 1024) + b'"}',
        b"\xff\xfe",
        b'{"a": ' + b"9" * 50_000 + b"}",
    ],
    ids=[
        "deep-array",
        "deep-object",
        "escaped-surrogate",
        "raw-surrogate",
        "huge",
        "bytes",
        "number",
    ],
)
def test_hostile_json_inside_a_sealed_file_is_refused_in_words(
    raw: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ExchangeFileError) as caught:
        decode(FileKind.SCORECARD_BUNDLE, raw)
    assert caught.value.problem is FileProblem.INVALID_CONTENT
    monkeypatch.setenv("INTERVIEW_KIT_PASSPHRASE", PASSPHRASE)
    hostile = tmp_path / "hostile.ikbundle"
    hostile.write_bytes(seal(raw, PASSPHRASE, FileKind.SCORECARD_BUNDLE, kdf=FAST_KDF))
    code = main(["--db", str(tmp_path / "x.sqlite3"), "bundle", "import", str(hostile)])
    err = capsys.readouterr().err
    assert code == ExitCode.INVALID_INPUT
    assert "does not follow the format" in err
    assert "Traceback" not in err


def test_payload_larger_than_the_ceiling_is_refused() -> None:
    from interview_kit.exchange.sealing import MAX_PAYLOAD

    sealed = seal(b" " * (MAX_PAYLOAD + 1), PASSPHRASE, FileKind.SCORECARD_BUNDLE, kdf=FAST_KDF)
    with pytest.raises(ExchangeFileError) as caught:
        unseal(sealed, PASSPHRASE)
    assert caught.value.problem is FileProblem.INVALID_CONTENT


def scorecards_of(db: object, interviewer: str) -> list[str]:
    from interview_kit.services import scorecard_reads

    return [card.uuid for card in scorecard_reads.scorecards_for_interviewer(db, interviewer)]  # type: ignore[arg-type]


def test_export_with_a_private_only_amendment_imports_back(
    new_db: DatabaseFactory, tmp_path: Path
) -> None:
    source = new_db("source")
    panel = set_up_panel(source)
    mei = panel.interviewers["Mei Tanaka"]
    other = new_db("other")  # the same panel, before anyone scored
    pack = tmp_path / "mei.ikpack"
    exchange.export_panel_pack(source, mei, pack, PASSPHRASE, kdf=FAST_KDF)
    exchange.import_file(other, pack, PASSPHRASE)

    cards = score_everything(source, mei)
    # An amendment that changed only private notes, as a database migrated from before
    # private notes had their own table holds it: its public changes are empty.
    from sqlalchemy import select

    from interview_kit.storage.models import AmendmentRow, ScorecardRow

    with source.write() as session:
        row_id = session.scalar(select(ScorecardRow.id).where(ScorecardRow.uuid == cards[0]))
        session.add(
            AmendmentRow(
                uuid="0b5e1c1e-0000-4000-8000-0000000000aa",
                scorecard_id=row_id,
                sequence=1,
                amended_by="Mei Tanaka",
                reason="note to self",
                changes={},
            )
        )
    out = tmp_path / "cards.json"
    scorecard_files.export_scorecards(source, out)
    document = json.loads(out.read_text(encoding="utf-8"))
    amendment = next(
        a
        for card in document["scorecards"]
        for a in card["amendments"]
        if a["reason"] == "note to self"
    )
    assert amendment["changes"] == {}
    assert amendment["private_only"] is True

    # Into the same database: nothing new, nothing refused.
    before = snapshot(source)
    scorecard_files.import_scorecards(source, out)
    after = snapshot(source)
    assert {k: v for k, v in after.items() if k != "audit_log"} == {
        k: v for k, v in before.items() if k != "audit_log"
    }
    # Into another one: every scorecard and the amendment arrive.
    result = scorecard_files.import_scorecards(other, out)
    assert result.added == len(cards)
    assert result.amendments_added == 1


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000, '{"scorecards": ["\\ud800"]}', '{"format": 1, "scorecards": [' + "[" * 5000],
    ids=["deep", "surrogate", "deep-unclosed"],
)
def test_hostile_scorecard_files_are_refused_with_exit_code_3(
    text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    code = main(["--db", str(tmp_path / "x.sqlite3"), "scorecard", "import", str(path)])
    err = capsys.readouterr().err
    assert code == ExitCode.INVALID_INPUT, err
    assert "Traceback" not in err


def test_non_text_arguments_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = b"caf\xe9.ikbundle".decode("utf-8", "surrogateescape")
    code = main(
        ["--db", str(tmp_path / "x.sqlite3"), "bundle", "import", bad, "--resolve", "keep-both"]
    )
    err = capsys.readouterr().err
    assert code == ExitCode.USAGE
    assert "not valid text" in err
