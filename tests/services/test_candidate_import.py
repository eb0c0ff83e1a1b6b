"""Candidates from CSV files: real files in each encoding, on SQLite and PostgreSQL.

What is checked is what a recruiter would see: the preview's counts and rows, every
problem with its row and column, and what the database holds afterwards (all or nothing).
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from interview_kit.domain.candidate import CandidateSource, OriginPath
from interview_kit.domain.rubric import Rubric
from interview_kit.services import audit, candidates, rubrics
from interview_kit.services.candidate_import import (
    ImportAction,
    ImportOptions,
    import_candidates,
    parse_mapping,
    plan_import,
)
from interview_kit.services.candidates import CandidateQuery
from interview_kit.services.database import Database
from interview_kit.services.errors import InvalidInputError, NotFoundError

HEADER = "Name,E-mail,Source,Origin,Role,Notes\n"
ROWS = (
    "Zoë Ångström,zoe@example.org,founder,pm,Builder,Met at a meetup\n"
    "Łukasz Kowalczyk,lukasz@example.org,Senior engineer,engineer,,\n"
    "Jean Müller,jean@example.org,,,,\n"
)


def _write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _stored(db: Database) -> dict[str, candidates.CandidateRecord]:
    page = candidates.list_candidates(db, CandidateQuery(limit=1000))
    return {row.email: candidates.get_candidate(db, row.uuid) for row in page.rows}


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("cp1252", "cp1252"),
    ],
)
def test_each_encoding_reads_the_same_names(
    db: Database, rubric: Rubric, tmp_path: Path, encoding: str, detected: str
) -> None:
    # Names every one of these encodings can hold (Windows-1252 has no Ł).
    path = _write(tmp_path, HEADER + ROWS.replace("Łukasz Kowalczyk", "François Léger"), encoding)
    plan = import_candidates(db, path)
    assert plan.written
    assert plan.encoding == detected
    assert (plan.added, plan.updated, plan.skipped, plan.problems) == (3, 0, 0, ())
    stored = _stored(db)
    assert stored["zoe@example.org"].name == "Zoë Ångström"
    assert stored["lukasz@example.org"].name == "François Léger"
    assert stored["jean@example.org"].name == "Jean Müller"


def test_latin1_bytes_that_are_not_cp1252(db: Database, tmp_path: Path) -> None:
    # 0x81 is undefined in Windows-1252: only Latin-1 reads this file.
    path = tmp_path / "latin.csv"
    path.write_bytes(b"Name;Email\nJos\xe9 Pe\xf1a\x81;jose@example.org\n")
    plan = import_candidates(db, path)
    assert (plan.encoding, plan.delimiter, plan.added) == ("latin-1", ";", 1)
    assert _stored(db)["jose@example.org"].name == "José Peña\x81"


def test_semicolons_first_and_last_names_and_unknown_words(db: Database, tmp_path: Path) -> None:
    text = (
        "First name;Last name;Email address\nAda;Lovelace;ada@example.org\n;Solo;solo@example.org\n"
    )
    plan = import_candidates(db, _write(tmp_path, text))
    assert plan.delimiter == ";"
    assert dict(plan.columns) == {
        "First name": "first_name",
        "Last name": "last_name",
        "Email address": "email",
    }
    stored = _stored(db)
    assert stored["ada@example.org"].name == "Ada Lovelace"
    assert stored["solo@example.org"].name == "Solo"
    assert stored["ada@example.org"].source is CandidateSource.UNKNOWN
    assert stored["ada@example.org"].origin_path is OriginPath.UNKNOWN


def test_a_missing_name_column_is_a_problem_and_nothing_is_stored(
    db: Database, tmp_path: Path
) -> None:
    path = _write(tmp_path, "Mail,Notes\nzoe@example.org,hello\n")
    plan = import_candidates(db, path)
    assert not plan.written
    assert [(p.row, p.column) for p in plan.problems] == [(1, "")]
    assert "no column holds the candidate's name" in plan.problems[0].message
    assert "'Mail', 'Notes'" in plan.problems[0].message
    assert not _stored(db)
    # Told which column is the name, the same file goes in.
    mapped = import_candidates(db, path, ImportOptions(mapping={"Mail": "name"}))
    assert mapped.added == 1


def test_duplicate_emails_and_bad_cells_are_each_reported_and_nothing_is_stored(
    db: Database, tmp_path: Path
) -> None:
    text = (
        HEADER
        + "Ada,ada@example.org,founder,pm,,\n"
        + "Bo,bo@example.org,recruiter,pm,,\n"
        + "Ada again,ADA@example.org,,,,\n"
        + ",nobody@example.org,,,,\n"
        + "Cy,not-an-address,,design,,\n"
    )
    plan = import_candidates(db, _write(tmp_path, text))
    assert not plan.written
    found = [(p.row, p.column) for p in plan.problems]
    assert found == [
        (3, "Source"),
        (4, "E-mail"),
        (5, "Name"),
        (6, "E-mail"),
        (6, "Origin"),
    ]
    messages = [str(p) for p in plan.problems]
    assert "row 4, column 'E-mail': ADA@example.org is also on row 2" in messages
    assert "'recruiter' is not a source" in messages[0]
    assert not _stored(db)  # the valid rows too: all or nothing


def test_preview_then_update_by_email_and_skip_unchanged(db: Database, tmp_path: Path) -> None:
    import_candidates(db, _write(tmp_path, HEADER + ROWS))
    changed = (
        HEADER
        + "Zoë Ångström,ZOE@example.org,founder,pm,Builder,Met at a meetup\n"
        + "Łukasz Kowalczyk,lukasz@example.org,founder,,,Second call booked\n"
        + "Noor Haddad,noor@example.org,,,,\n"
    )
    path = _write(tmp_path, changed, name="second.csv")
    before = _stored(db)
    plan = plan_import(db, path)
    assert not plan.written
    assert (plan.added, plan.updated, plan.skipped) == (1, 1, 1)
    actions = {row.email: (row.action, row.changes) for row in plan.preview}
    assert actions == {
        "zoe@example.org": (ImportAction.SKIP, ()),
        "lukasz@example.org": (ImportAction.UPDATE, ("source", "notes")),
        "noor@example.org": (ImportAction.ADD, ()),
    }
    assert _stored(db) == before  # a preview writes nothing

    done = import_candidates(db, path)
    assert done.written
    assert done.describe() == "1 added, 1 updated, 1 unchanged"
    after = _stored(db)
    lukasz = after["lukasz@example.org"]
    assert (lukasz.source, lukasz.notes) == (CandidateSource.FOUNDER, "Second call booked")
    assert lukasz.origin_path is OriginPath.ENGINEER  # a blank cell keeps what is stored
    assert lukasz.version == before["lukasz@example.org"].version + 1
    assert after["zoe@example.org"] == before["zoe@example.org"]
    logged = audit.audit_entries(db, subject_uuid=lukasz.uuid)
    assert logged[0].action == "candidate.updated"
    assert "imported" in logged[0].detail


def test_a_formula_looking_name_is_stored_as_typed(db: Database, tmp_path: Path) -> None:
    text = 'Name,Email\n"=HYPERLINK(""http://x.example"",""click"")",evil@example.org\n'
    import_candidates(db, _write(tmp_path, text))
    assert _stored(db)["evil@example.org"].name == '=HYPERLINK("http://x.example","click")'


def test_mapping_overrides_and_ignores(db: Database, tmp_path: Path) -> None:
    text = "Candidate,Contact,Source,Job\nAda,ada@example.org,LinkedIn,Builder\n"
    refused = plan_import(db, _write(tmp_path, text))
    assert [(p.row, p.column) for p in refused.problems] == [(2, "Source")]
    plan = import_candidates(
        db,
        tmp_path / "in.csv",
        ImportOptions(mapping=parse_mapping(["Contact=email", "source=ignore"])),
    )
    assert dict(plan.columns) == {
        "Candidate": "name",
        "Contact": "email",
        "Source": "ignore",
        "Job": "role",
    }
    assert _stored(db)["ada@example.org"].role_title == "Builder"
    unknown = plan_import(db, tmp_path / "in.csv", ImportOptions(mapping={"Phone": "notes"}))
    assert unknown.problems[0].column == "Phone"
    with pytest.raises(InvalidInputError, match="not a field"):
        parse_mapping(["Contact=telephone"])
    with pytest.raises(InvalidInputError, match="COLUMN=FIELD"):
        parse_mapping(["Contact"])


def test_the_role_column_chooses_the_rubric(db: Database, rubric: Rubric, tmp_path: Path) -> None:
    _second_rubric(db)
    csv_text = (
        "Name,Email,Role\n"
        "Ada,ada@example.org,Product Designer\n"
        "Bo,bo@example.org,Builder\n"
        "Cy,cy@example.org,\n"
    )
    plan = import_candidates(db, _write(tmp_path, csv_text))
    assert [row.rubric_id for row in plan.preview] == ["designer", "builder", "builder"]
    stored = _stored(db)
    assert stored["ada@example.org"].rubric_id == "designer"
    assert stored["bo@example.org"].rubric_id == "builder"
    only_designers = candidates.list_candidates(db, CandidateQuery(rubric_id="designer"))
    assert [row.email for row in only_designers.rows] == ["ada@example.org"]
    defaulted = import_candidates(
        db,
        _write(tmp_path, "Name,Email\nDee,dee@example.org\n", name="b.csv"),
        ImportOptions(rubric_id="designer"),
    )
    assert defaulted.preview[0].rubric_id == "designer"
    with pytest.raises(NotFoundError, match="no rubric 'nope'"):
        plan_import(db, tmp_path / "b.csv", ImportOptions(rubric_id="nope"))


def _second_rubric(db: Database) -> str:
    from interview_kit import paths

    text = paths.default_rubric_path().read_text(encoding="utf-8")
    text = text.replace('id = "builder"', 'id = "designer"', 1)
    text = text.replace('role_title = "Builder"', 'role_title = "Product Designer"', 1)
    rubrics.save_rubric(db, text)
    return text


def test_files_that_cannot_be_read(db: Database, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        plan_import(db, tmp_path / "missing.csv")
    with pytest.raises(InvalidInputError, match="empty"):
        plan_import(db, _write(tmp_path, "\n\n", name="empty.csv"))
    with pytest.raises(InvalidInputError, match="not an encoding"):
        plan_import(db, _write(tmp_path, HEADER), ImportOptions(encoding="klingon"))
    wrong = _write(tmp_path, "Name\nZoë\n", "utf-8", name="utf8.csv")
    with pytest.raises(InvalidInputError, match="not ascii text"):
        plan_import(db, wrong, ImportOptions(encoding="ascii"))


def test_a_large_file_goes_in_chunks(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "large.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write(codecs.BOM_UTF8.decode("utf-8") + HEADER)
        for number in range(5_000):
            stream.write(f"Person {number},p{number}@example.org,,,,\n")
    plan = import_candidates(db, path)
    assert (plan.added, len(plan.preview)) == (5_000, 500)
    page = candidates.list_candidates(db, CandidateQuery(text="person 4999", limit=5))
    assert [row.email for row in page.rows] == ["p4999@example.org"]
    again = plan_import(db, path)
    assert (again.added, again.skipped) == (0, 5_000)


def test_emails_match_whatever_their_case(db: Database, tmp_path: Path) -> None:
    candidates.add_candidate(db, name="Émile Zola", email="Émile.Zola@Example.org")
    text = "Name,Email,Notes\nÉmile Zola,ÉMILE.zola@example.ORG,Second interview\n"
    plan = import_candidates(db, _write(tmp_path, text))
    assert (plan.added, plan.updated) == (0, 1)
    assert _stored(db)["Émile.Zola@Example.org"].notes == "Second interview"
