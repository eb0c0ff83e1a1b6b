"""Post-debrief re-scores show in the panel review apart from the independent grid."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from recruiter_support import open_db, start_shell

from interview_kit.gui.committee.rescores import OBJECT_NAME
from interview_kit.services import panel_review, scorecard_reads
from interview_kit.services.evidence import record_rescore
from tests.support.user import User


def _open_review(qtbot, tmp_path, db, name: str):
    shell = start_shell(qtbot, tmp_path, db)
    user = User(qtbot)
    navigation = shell.window.ui.navigation
    row = next(
        i
        for i in range(navigation.count())
        if navigation.item(i).data(Qt.ItemDataRole.UserRole) == "committee"
    )
    user.click_row(navigation, row)
    user.assert_showing(shell.window, "committee")
    page = shell.page("committee")
    index = page.pick_model.index_of(lambda pick: pick.name == name)
    assert index.isValid(), [pick.name for pick in page.pick_model.rows()]
    user.click_row(page.ui.candidates, index.row())
    qtbot.waitUntil(lambda: page.view is not None and page.view.name == name)
    return page


def test_rescores_show_apart_under_the_grid(qtbot, tmp_path) -> None:
    db = open_db(tmp_path, with_demo=True)
    try:
        from interview_kit.services import candidates

        name = "Astrid Ørsted"  # at the committee in the demo
        pick = candidates.list_candidates(
            db, candidates.CandidateQuery(text="Astrid", limit=1)
        ).rows[0]
        assert pick.name == name
        card = scorecard_reads.effective_scorecards(db, pick.uuid)[0]
        rated = next(r for r in card.ratings if r.rating is not None)
        before = panel_review.panel_review(db, pick.uuid).recommendation
        after = 4 if rated.rating != 4 else 1
        record_rescore(db, pick.uuid, card.interviewer_uuid, rated.criterion_id, after, note="x")
        assert panel_review.panel_review(db, pick.uuid).recommendation == before

        shell_page = _open_review(qtbot, tmp_path, db, name)
        label = shell_page.findChild(QLabel, OBJECT_NAME)
        assert label is not None
        assert label.isVisible()
        text = label.text()
        assert "After the debrief" in text
        assert card.interviewer_name in text
        assert f"{rated.rating} on the scorecard, {after} after the debrief" in text
    finally:
        db.close()
