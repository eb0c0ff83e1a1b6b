"""File → Database… fills in a shared database's sign-in from a connection file."""

from __future__ import annotations

import json
from pathlib import Path

from interview_kit.gui.database_dialog import DatabaseDialog
from interview_kit.gui.settings import DatabaseSource

URL = "postgresql+psycopg://ik_panel_u_mei:s3cret@db.example.com:5432/panel"


def _dialog(qtbot) -> DatabaseDialog:  # type: ignore[no-untyped-def]
    dialog = DatabaseDialog(
        location="/tmp/panel.sqlite3",
        source=DatabaseSource.DEFAULT,
        startup=DatabaseSource.DEFAULT,
        is_sqlite=True,
    )
    qtbot.addWidget(dialog)
    return dialog


def test_a_connection_file_fills_in_the_url(qtbot, tmp_path: Path) -> None:
    handed = tmp_path / "mei.ikconnection"
    handed.write_text(
        json.dumps(
            {
                "format": "interview-kit-connection",
                "version": 1,
                "name": "Mei",
                "role": "interviewer",
                "login": "ik_panel_u_mei",
                "url": URL,
            }
        ),
        encoding="utf-8",
    )
    dialog = _dialog(qtbot)
    dialog.use_connection_file(handed)
    assert dialog.ui.postgresChoice.isChecked()
    assert dialog.target() == URL
    assert "mei.ikconnection" in dialog.result_text


def test_a_file_that_is_not_one_says_so(qtbot, tmp_path: Path) -> None:
    other = tmp_path / "notes.json"
    other.write_text('{"hello": 1}', encoding="utf-8")
    dialog = _dialog(qtbot)
    dialog.use_connection_file(other)
    assert "not an Interview Kit connection file" in dialog.result_text
    assert dialog.ui.sqliteChoice.isChecked()
