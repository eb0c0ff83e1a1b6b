"""``interview-kit rubric validate|import|export|show``."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from cli_support import Run

from interview_kit import paths
from interview_kit.cli import ExitCode
from interview_kit.domain.rubric import load_rubric


@pytest.fixture
def builder_text() -> str:
    return paths.default_rubric_path().read_text(encoding="utf-8")


def _edited(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


def test_validate_the_default_rubric(run: Run, db_path: Path) -> None:
    result = run("rubric", "validate", str(paths.default_rubric_path()))
    assert result.code == ExitCode.OK
    assert "valid rubric 'builder'" in result.out
    assert "3 stages, 13 criteria, 5 signals, 9 red flags, 4 levels" in result.out
    assert not db_path.exists()  # validating needs no database


def test_validate_lists_every_problem_with_its_location(
    run: Run, tmp_path: Path, builder_text: str
) -> None:
    text = _edited(builder_text, "hire_bar = 2.75", "hire_bar = 2.75\nsurprise = 1")
    text = _edited(text, "base_min = 200000", "base_min = 300000")
    text = _edited(text, 'id = "end_to_end_build"', 'id = "End To End"')
    broken = tmp_path / "broken.toml"
    broken.write_text(text, encoding="utf-8")
    result = run("rubric", "validate", str(broken))
    assert result.code == ExitCode.INVALID_INPUT
    assert result.out == ""
    lines = result.err.strip().splitlines()
    assert lines[0] == f"interview-kit: error: {broken}: 4 problems in the rubric"
    details = "\n".join(lines[1:])
    assert "rules.surprise: is not a known key" in details
    assert "levels[1].band.base_mid" in details
    assert "stages[1].criteria[0].id: malformed id 'End To End'" in details
    assert "stages[1].exercises[0].criteria[0]: unknown criterion 'end_to_end_build'" in details
    assert all(line.startswith(f"  {broken}:") for line in lines[1:])
    assert "Traceback" not in result.err


def test_validate_reports_the_line_of_bad_toml(run: Run, tmp_path: Path) -> None:
    broken = tmp_path / "syntax.toml"
    broken.write_text('format_version = 1\nid = "x"\nname = [unclosed\n', encoding="utf-8")
    result = run("rubric", "validate", str(broken))
    assert result.code == ExitCode.INVALID_INPUT
    assert f"{broken}:3:" in result.err
    assert "not valid TOML" in result.err


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\xff\xfe rubbish", "not UTF-8 text"), (b"", "is required but missing")],
)
def test_validate_unreadable_content(
    run: Run, tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_bytes(content)
    result = run("rubric", "validate", str(bad))
    assert result.code == ExitCode.INVALID_INPUT
    assert message in result.err


def test_validate_missing_file_and_folder(run: Run, tmp_path: Path) -> None:
    missing = run("rubric", "validate", str(tmp_path / "nope.toml"))
    assert missing.code == ExitCode.NOT_FOUND
    assert (
        missing.err.strip()
        == f"interview-kit: error: rubric {tmp_path / 'nope.toml'}: no such file"
    )
    folder = run("rubric", "validate", str(tmp_path))
    assert folder.code == ExitCode.INVALID_INPUT
    assert "is a folder" in folder.err


def test_import_new_then_same_then_changed(run: Run, tmp_path: Path, builder_text: str) -> None:
    first = run("rubric", "import", str(paths.default_rubric_path()))
    assert first.code == ExitCode.OK, first.err
    assert "Imported rubric 'builder' as version 1" in first.out

    again = run("rubric", "import", str(paths.default_rubric_path()))
    assert again.code == ExitCode.OK
    assert "unchanged" in again.out
    assert "version 1" in again.out

    changed = tmp_path / "builder-v2.toml"
    changed.write_text(_edited(builder_text, "hire_bar = 2.75", "hire_bar = 2.8"), "utf-8")
    second = run("rubric", "import", str(changed))
    assert second.code == ExitCode.OK
    assert "as version 2" in second.out

    shown = json.loads(run("rubric", "show", "--json").out)
    assert (shown["version"], shown["active"]) == (2, True)
    assert shown["rubric"]["rules"]["hire_bar"] == 2.8


def test_import_invalid_file_stores_nothing(run: Run, tmp_path: Path, builder_text: str) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(_edited(builder_text, "weight = 1.5", "weight = 0"), encoding="utf-8")
    result = run("rubric", "import", str(broken))
    assert result.code == ExitCode.INVALID_INPUT
    assert "weight" in result.err
    assert run("rubric", "show").code == ExitCode.NOT_FOUND


def test_import_missing_file(run: Run, tmp_path: Path) -> None:
    assert run("rubric", "import", str(tmp_path / "none.toml")).code == ExitCode.NOT_FOUND


def test_export_writes_the_exact_stored_text(run: Run, tmp_path: Path, builder_text: str) -> None:
    run("rubric", "import", str(paths.default_rubric_path()))
    out = tmp_path / "exported.toml"
    result = run("rubric", "export", "--out", str(out))
    assert result.code == ExitCode.OK
    assert "Wrote rubric 'builder' version 1" in result.out
    assert out.read_text(encoding="utf-8") == builder_text
    assert (
        load_rubric(out).content_hash() == load_rubric(paths.default_rubric_path()).content_hash()
    )


def test_export_refuses_to_overwrite_without_force(run: Run, tmp_path: Path) -> None:
    run("rubric", "import", str(paths.default_rubric_path()))
    out = tmp_path / "exists.toml"
    out.write_text("keep me", encoding="utf-8")
    refused = run("rubric", "export", "--out", str(out))
    assert refused.code == ExitCode.CONFLICT
    assert "--force" in refused.err
    assert out.read_text(encoding="utf-8") == "keep me"
    forced = run("rubric", "export", "--out", str(out), "--force")
    assert forced.code == ExitCode.OK
    assert tomllib.loads(out.read_text(encoding="utf-8"))["id"] == "builder"


def test_export_versions_and_stdout(run: Run, tmp_path: Path, builder_text: str) -> None:
    run("rubric", "import", str(paths.default_rubric_path()))
    changed = tmp_path / "v2.toml"
    changed.write_text(_edited(builder_text, "hire_bar = 2.75", "hire_bar = 2.9"), "utf-8")
    run("rubric", "import", str(changed))

    old = run("rubric", "export", "--version", "1", "--out", "-")
    assert old.code == ExitCode.OK
    assert old.out == builder_text
    assert "hire_bar = 2.9" in run("rubric", "export", "--out", "-").out

    missing = run("rubric", "export", "--version", "7", "--out", "-")
    assert missing.code == ExitCode.NOT_FOUND
    assert "no version 7" in missing.err
    unknown = run("rubric", "export", "--rubric", "designer", "--out", "-")
    assert unknown.code == ExitCode.NOT_FOUND


def test_export_into_a_missing_folder(run: Run, tmp_path: Path) -> None:
    run("rubric", "import", str(paths.default_rubric_path()))
    result = run("rubric", "export", "--out", str(tmp_path / "no" / "such" / "x.toml"))
    assert result.code == ExitCode.NOT_FOUND
    assert "does not exist" in result.err


def test_show_describes_the_rubric(run: Run) -> None:
    run("rubric", "import", str(paths.default_rubric_path()))
    result = run("rubric", "show")
    assert result.code == ExitCode.OK
    out = result.out
    assert "rubric 'builder' version 1, active" in out
    assert "Stage 2: Technical deep dive" in out
    assert "Lack of customer empathy (lacks_customer_empathy, blocker)" in out
    assert "L7 Principal Builder" in out
    assert "Rules: hire bar 2.75" in out


def test_show_json(run: Run) -> None:
    run("rubric", "import", str(paths.default_rubric_path()))
    data = json.loads(run("rubric", "show", "--json").out)
    assert set(data) == {
        "rubric_id", "version", "active", "content_hash", "created_at", "created_by", "rubric",
    }  # fmt: skip
    rubric = load_rubric(paths.default_rubric_path())
    assert data["content_hash"] == rubric.content_hash()
    assert data["rubric"] == rubric.to_data()


def test_show_without_a_rubric(run: Run) -> None:
    result = run("rubric", "show")
    assert result.code == ExitCode.NOT_FOUND
    assert "no rubric is stored" in result.err


def test_import_of_an_older_version_makes_it_active_again(
    run: Run, tmp_path: Path, builder_text: str
) -> None:
    run("rubric", "import", str(paths.default_rubric_path()))
    changed = tmp_path / "v2.toml"
    changed.write_text(_edited(builder_text, "hire_bar = 2.75", "hire_bar = 2.9"), "utf-8")
    run("rubric", "import", str(changed))
    back = run("rubric", "import", str(paths.default_rubric_path()))
    assert back.code == ExitCode.OK
    assert "same content as stored version 1" in back.out
    assert "active again" in back.out
    shown = json.loads(run("rubric", "show", "--json").out)
    assert (shown["version"], shown["active"]) == (1, True)


def test_import_moves_open_candidates_without_scorecards(
    run: Run, demo_db: Path, tmp_path: Path, builder_text: str
) -> None:
    changed = tmp_path / "v2.toml"
    changed.write_text(_edited(builder_text, "hire_bar = 2.75", "hire_bar = 2.8"), "utf-8")
    result = run("rubric", "import", str(changed))
    assert result.code == ExitCode.OK
    # Siobhán (new) and 王静 (screening, a draft only) have nothing submitted yet.
    assert "2 open candidates without submitted scorecards moved onto version 2" in result.out
    assert "builder v2" in run("candidate", "show", "Siobhán").out
    assert "builder v1" in run("candidate", "show", "Łukasz").out
