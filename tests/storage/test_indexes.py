"""Every foreign key, and every column a list sorts or filters on, leads an index."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect

from interview_kit.storage import open_database

LIST_COLUMNS = [
    ("candidates", "name_key"),
    ("candidates", "status"),
    ("candidates", "stage_id"),
    ("candidates", "created_at"),
    ("candidates", "updated_at"),
    ("candidate_summaries", "score"),
    ("candidate_summaries", "recommendation"),
    ("candidate_summaries", "committee_decision"),
    ("interviewers", "name_key"),
    ("interviewers", "email"),
    ("audit_log", "at"),
    ("audit_log", "subject_uuid"),
    ("audit_log", "action"),
    ("scorecards", "status"),
    ("committee_decisions", "decided_at"),
]


@pytest.fixture(scope="module")
def leading_columns(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    path: Path = tmp_path_factory.mktemp("indexes") / "schema.sqlite3"
    with open_database(path) as database:
        inspector = inspect(database.engine)
        leading: dict[str, set[str]] = {}
        for table in inspector.get_table_names():
            firsts = leading.setdefault(table, set())
            primary = inspector.get_pk_constraint(table)["constrained_columns"]
            if primary:
                firsts.add(primary[0])
            for index in inspector.get_indexes(table):
                if index["column_names"] and index["column_names"][0]:
                    firsts.add(str(index["column_names"][0]))
            for unique in inspector.get_unique_constraints(table):
                firsts.add(unique["column_names"][0])
        foreign = [
            (table, fk["constrained_columns"][0])
            for table in inspector.get_table_names()
            for fk in inspector.get_foreign_keys(table)
        ]
    leading["__foreign_keys__"] = {f"{t}.{c}" for t, c in foreign}
    return leading


def test_every_foreign_key_leads_an_index(leading_columns: dict[str, set[str]]) -> None:
    missing = [
        key
        for key in sorted(leading_columns["__foreign_keys__"])
        if key.split(".")[1] not in leading_columns[key.split(".")[0]]
    ]
    assert missing == []
    assert len(leading_columns["__foreign_keys__"]) >= 10


@pytest.mark.parametrize(("table", "column"), LIST_COLUMNS)
def test_list_columns_are_indexed(
    leading_columns: dict[str, set[str]], table: str, column: str
) -> None:
    assert column in leading_columns[table]
