"""The rubric editor page: an outline of the rubric, a form per item, problems as you type.

The page edits a private copy of the rubric data. Every edit is checked at once with the
same validator ``interview-kit rubric validate`` uses; problems are listed at the bottom,
counted on the outline and shown under the field they concern. Saving is refused while
any remain, so nothing half-finished is ever stored; once the rubric is clean, Save asks
its wiring what a new version would change (which open candidates move to it, which
keep theirs) and stores it after the recruiter confirms.

One status line at the top says where the editing stands: the last action's outcome
until the next edit, then the problems left ("2 problems to fix before saving") or "No
problems". It never shows an old error beside a clean rubric. Problems are located in
words (``Stage 1 › End-to-end ownership › id``, see
:func:`interview_kit.domain.rubric.locations.describe_location`).

The page never touches the database: it emits intents its wiring carries out.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from interview_kit.domain.rubric import RubricIssue
from interview_kit.domain.rubric.locations import describe_location
from interview_kit.gui import theme
from interview_kit.gui.generated.ui_rubric_editor import Ui_RubricEditor
from interview_kit.gui.rubric_editor import outline
from interview_kit.gui.rubric_editor.issues_model import ISSUE_ROLE, IssueTableModel
from interview_kit.gui.rubric_editor.item_forms import make_forms
from interview_kit.gui.rubric_editor.outline import Node
from interview_kit.gui.rubric_editor.preview import StagePreviewDialog
from interview_kit.services import rubric_editing
from interview_kit.services.rubric_editing import EditableRubric, SaveImpact

NODE_ROLE = Qt.ItemDataRole.UserRole + 1

_GROUP_HELP = {
    "dimensions": "Maturity dimensions, traits and principles that criteria, signals and red "
    "flags are tagged with. The packet groups evidence by them.",
    "stages": "The interview stages in order. Each has exercises with prompts and criteria "
    "rated 1-4 against behavioural anchors.",
    "signals": "Positive signals interviewers tick, with evidence.",
    "red_flags": "Red flags interviewers tick, with evidence. Blockers raised by enough "
    "interviewers force no hire; concerns lower confidence and can cap the level.",
    "levels": "The ladder, lowest level first, each with its minimum score and compensation band.",
}


class GroupPage(QWidget):
    """What a group of items is, and a button to add one."""

    addRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        theme.make_heading(self.heading, 1.25)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(f"color: {theme.css(theme.danger())};")
        self.add_button = QPushButton()
        self._group = ""
        self.add_button.clicked.connect(lambda: self.addRequested.emit(self._group))
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addWidget(self.problems)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def show_group(
        self,
        group: str,
        title: str,
        count: int,
        issues: Sequence[RubricIssue],
        data: dict[str, Any] | None = None,
    ) -> None:
        self._group = group
        self.heading.setText(f"{title} ({count})")
        self.text.setText(_GROUP_HELP.get(group, ""))
        singular = outline.SINGULAR[group].replace("_", " ")
        self.add_button.setText(f"Add a {singular}")
        self.add_button.setAccessibleName(f"Add a {singular}")
        own = [i for i in issues if i.path == group]
        self.problems.setText(
            "\n".join(f"{describe_location(i.path, data)}: {i.message}" for i in own)
        )
        self.problems.setVisible(bool(own))


class RubricEditorPage(QWidget):
    saveImpactRequested = Signal(object)
    """(data) The recruiter pressed Save on a clean rubric: what would it change?"""
    saveRequested = Signal(object, object)
    """(data, expected active version or None) Confirmed: store it as a new version."""
    openRubricRequested = Signal(str)
    """(rubric id) Load the active version (also used to revert)."""
    openVersionRequested = Signal(str, int)
    importFileRequested = Signal(str)
    exportFileRequested = Signal(str, object)
    """(path, data)"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_RubricEditor()
        self.ui.setupUi(self)
        theme.make_heading(self.ui.title, 1.4)
        self._data: dict[str, Any] = {}
        self._source = ""
        self._rubric_id: str | None = None
        self._expected_version: int | None = None
        self._dirty = False
        self._issues: list[RubricIssue] = []
        self._node: Node = ("general",)
        self._items: dict[Node, QTreeWidgetItem] = {}
        self._pending_save: dict[str, Any] | None = None
        self._previews: list[StagePreviewDialog] = []
        self._message: tuple[str, str] | None = None
        """The last action's outcome (text, kind), shown until the next edit."""
        self._saving = False

        self.forms = make_forms(self)
        self._form_index: dict[str, int] = {}
        for kind, form in self.forms.items():
            self._form_index[kind] = self.ui.forms.addWidget(form)
            form.edited.connect(self._on_edited)
            form.idChanged.connect(self._on_id_changed)
        self.group_page = GroupPage()
        self.group_page.addRequested.connect(self._add_to_group)
        self._form_index["group"] = self.ui.forms.addWidget(self.group_page)

        self.issue_model = IssueTableModel(self)
        self.ui.issues.setModel(self.issue_model)
        header = self.ui.issues.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.ui.issues.verticalHeader().hide()
        self.ui.issues.activated.connect(self._go_to_issue)
        self.ui.issues.doubleClicked.connect(self._go_to_issue)

        tree = self.ui.outline
        tree.setHeaderLabels(["Item", "Problems"])
        tree.header().setStretchLastSection(False)
        tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.currentItemChanged.connect(self._on_current_item)
        self.ui.splitter.setStretchFactor(0, 2)
        self.ui.splitter.setStretchFactor(1, 3)
        self.ui.splitter.setSizes([380, 620])

        self._add_menu = QMenu(self)
        self._add_actions: dict[str, QAction] = {}
        for kind, text in (
            ("stages", "Stage"),
            ("exercises", "Exercise in this stage"),
            ("criteria", "Criterion in this stage"),
            ("signals", "Positive signal"),
            ("red_flags", "Red flag"),
            ("levels", "Level"),
            ("dimensions", "Dimension or trait"),
        ):
            action = self._add_menu.addAction(text)
            action.triggered.connect(lambda _checked=False, k=kind: self.add_item(k))
            self._add_actions[kind] = action
        self.ui.addButton.setMenu(self._add_menu)
        self.ui.removeButton.clicked.connect(self.remove_current)
        self.ui.upButton.clicked.connect(lambda: self.move_current(-1))
        self.ui.downButton.clicked.connect(lambda: self.move_current(1))

        self._history_menu = QMenu(self)
        self.ui.historyButton.setMenu(self._history_menu)
        new_menu = QMenu(self)
        new_menu.addAction("Copy of this rubric, for a new role", self.start_copy)
        new_menu.addAction("Empty rubric", self.start_empty)
        self.ui.newButton.setMenu(new_menu)

        self.ui.rubricChoice.activated.connect(self._on_rubric_chosen)
        self.ui.importButton.clicked.connect(self._choose_import)
        self.ui.exportButton.clicked.connect(self._choose_export)
        self.ui.previewButton.clicked.connect(self.preview_current_stage)
        self.ui.revertButton.clicked.connect(self._revert)
        self.ui.saveButton.clicked.connect(self.request_save)
        self.ui.confirmSaveButton.clicked.connect(self._confirm_save)
        self.ui.cancelSaveButton.clicked.connect(self._cancel_save)
        self.ui.confirmFrame.hide()
        save = QShortcut(QKeySequence.StandardKey.Save, self, activated=self.request_save)
        save.setWhatsThis("Save the rubric as a new version")

        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(120)
        self._validate_timer.timeout.connect(self.revalidate)
        self._set_banner("", kind="info")
        self._update_buttons()

    # ----------------------------------------------------------------------------------
    # Loading

    def load(
        self,
        editable: EditableRubric,
        rubrics: Sequence[tuple[str, str]] = (),
        versions: Sequence[Any] = (),
        *,
        dirty: bool = False,
        message: str | None = None,
    ) -> None:
        """Show a rubric; ``rubrics`` are (id, label) to switch between, ``versions`` the
        stored versions of this one (``RubricVersionInfo``)."""
        keep = self._node if editable.rubric_id == self._rubric_id else ("general",)
        self._data = copy.deepcopy(editable.data)
        self._source = editable.source
        self._rubric_id = editable.rubric_id
        self._expected_version = editable.expected_version
        self._dirty = dirty
        self._pending_save = None
        self._message = None
        self.ui.confirmFrame.hide()
        if rubrics:
            self.set_rubric_choices(rubrics)
        self._select_rubric_choice(editable.rubric_id)
        self._fill_history(versions)
        self._rebuild_outline(keep)
        self.revalidate()
        if message is not None:
            self._set_banner(message, kind="info")
        self._update_title()

    def set_rubric_choices(self, rubrics: Sequence[tuple[str, str]]) -> None:
        combo = self.ui.rubricChoice
        combo.blockSignals(True)
        combo.clear()
        for rubric_id, label in rubrics:
            combo.addItem(label, rubric_id)
        combo.blockSignals(False)

    def _select_rubric_choice(self, rubric_id: str | None) -> None:
        combo = self.ui.rubricChoice
        position = combo.findData(rubric_id) if rubric_id is not None else -1
        combo.blockSignals(True)
        combo.setCurrentIndex(position)
        combo.blockSignals(False)

    def _fill_history(self, versions: Sequence[Any]) -> None:
        menu = self._history_menu
        menu.clear()
        if not versions:
            menu.addAction("No stored versions").setEnabled(False)
            return
        for info in versions:
            when = info.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
            active = "  (active)" if info.is_active else ""
            action = menu.addAction(f"Version {info.version} · {when} · {info.created_by}{active}")
            action.triggered.connect(
                lambda _checked=False, r=info.rubric_id, v=info.version: self._open_version(r, v)
            )

    def data(self) -> dict[str, Any]:
        """A copy of the rubric data as edited."""
        return copy.deepcopy(self._data)

    @property
    def rubric_id(self) -> str | None:
        return self._rubric_id

    @property
    def expected_version(self) -> int | None:
        return self._expected_version

    @property
    def is_dirty(self) -> bool:
        return self._dirty

    @property
    def issues(self) -> list[RubricIssue]:
        return list(self._issues)

    @property
    def current_node(self) -> Node:
        return self._node

    # ----------------------------------------------------------------------------------
    # Outline

    def _rebuild_outline(self, select: Node | None = None) -> None:
        tree = self.ui.outline
        tree.blockSignals(True)
        tree.clear()
        self._items = {}

        def add(parent: QTreeWidgetItem | None, node: Node) -> QTreeWidgetItem:
            item = QTreeWidgetItem([outline.node_title(self._data, node), ""])
            item.setData(0, NODE_ROLE, node)
            if parent is None:
                tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            self._items[node] = item
            return item

        add(None, ("general",))
        for group, _title in outline.GROUPS:
            group_item = add(None, (group,))
            items = self._data.get(group)
            count = len(items) if isinstance(items, list) else 0
            singular = outline.SINGULAR[group]
            for index in range(count):
                child = add(group_item, (singular, index))
                if group == "stages":
                    stage = items[index] if isinstance(items[index], dict) else {}
                    for kind in ("exercises", "criteria"):
                        values = stage.get(kind)
                        for position in range(len(values) if isinstance(values, list) else 0):
                            add(child, (outline.SINGULAR[kind], index, position))
            group_item.setExpanded(group in ("stages",))
        add(None, ("rules",))
        add(None, ("scale",))
        for node, item in self._items.items():
            if node[0] == "stage":
                item.setExpanded(True)
        tree.blockSignals(False)
        target = select if select in self._items else ("general",)
        tree.setCurrentItem(self._items[target])
        self._show_node(target)
        self._paint_issue_counts()

    def _on_current_item(self, current: QTreeWidgetItem | None, _previous: Any) -> None:
        if current is None:
            return
        node = current.data(0, NODE_ROLE)
        if isinstance(node, tuple):
            self._show_node(node)

    def select_node(self, node: Node) -> None:
        item = self._items.get(node)
        if item is not None:
            self.ui.outline.setCurrentItem(item)

    def _show_node(self, node: Node) -> None:
        self._node = node
        kind = node[0]
        if kind in self.forms:
            form = self.forms[kind]
            target = self._data if kind == "general" else outline.item_at(self._data, node)
            if target is None and kind in ("rules", "scale"):
                target = self._data.setdefault(kind, {})
            if target is None:
                return
            form.bind(target, heading=self._heading(node))
            form.show_issues(self._issues_for(node), outline.node_path(node))
            self.ui.forms.setCurrentIndex(self._form_index[kind])
        else:
            items = self._data.get(kind)
            count = len(items) if isinstance(items, list) else 0
            title = dict(outline.GROUPS).get(kind, kind)
            self.group_page.show_group(kind, title, count, self._issues, self._data)
            self.ui.forms.setCurrentIndex(self._form_index["group"])
        self.ui.formArea.verticalScrollBar().setValue(0)
        self._update_buttons()

    def _heading(self, node: Node) -> str:
        kind = node[0]
        if kind in ("general", "rules", "scale", "stage"):
            return outline.node_title(self._data, node)
        names = {
            "dimension": "Dimension",
            "exercise": "Exercise",
            "criterion": "Criterion",
            "signal": "Positive signal",
            "red_flag": "Red flag",
            "level": "Level",
        }
        title = outline.node_title(self._data, node)
        if kind in ("exercise", "criterion"):
            title = title.split(": ", 1)[-1]
        return f"{names[kind]} · {title}"

    def _issues_for(self, node: Node) -> list[RubricIssue]:
        if node[0] == "general":
            return [i for i in self._issues if outline.node_for_path(i.path) == ("general",)]
        path = outline.node_path(node)
        found = rubric_editing.issues_under(self._issues, path)
        if node[0] == "stage":
            # A stage's exercises and criteria have their own forms.
            found = [i for i in found if outline.node_for_path(i.path) == node]
        return found

    def _paint_issue_counts(self) -> None:
        counts: dict[Node, int] = {}
        for issue in self._issues:
            node = outline.node_for_path(issue.path)
            counts[node] = counts.get(node, 0) + 1
            # Groups and stages show what their children hold.
            if node[0] in outline.PLURAL:
                group: Node = (outline.PLURAL[node[0]],)
                if node[0] in ("exercise", "criterion"):
                    stage: Node = ("stage", node[1])
                    counts[stage] = counts.get(stage, 0) + 1
                    group = ("stages",)
                counts[group] = counts.get(group, 0) + 1
        danger = theme.danger()
        for node, item in self._items.items():
            count = counts.get(node, 0)
            item.setText(1, f"⚠ {count}" if count else "")
            item.setForeground(1, danger)
            item.setToolTip(1, f"{count} problem{'s' if count != 1 else ''}" if count else "")
            item.setData(
                1,
                Qt.ItemDataRole.AccessibleTextRole,
                f"{count} problems" if count else "no problems",
            )

    # ----------------------------------------------------------------------------------
    # Editing

    def _on_edited(self, key: str) -> None:
        self._message = None
        self._mark_dirty()
        item = self._items.get(self._node)
        if item is not None and key in (
            "title",
            "label",
            "id",
            "minutes",
            "weight",
            "severity",
            "number",
        ):
            item.setText(0, outline.node_title(self._data, self._node))
            form = self.forms.get(self._node[0])
            if form is not None:
                form.heading.setText(self._heading(self._node))
        self._validate_timer.start()

    def _on_id_changed(self, old: str, new: str) -> None:
        node = self._node
        if node[0] in ("general", "rules", "scale"):
            self._validate_timer.start()
            return
        kind = outline.PLURAL[node[0]]
        index = int(node[2] if node[0] in ("exercise", "criterion") else node[1])
        stage = outline.stage_index(node) if node[0] in ("exercise", "criterion") else None
        rubric_editing.rename_id(self._data, kind, index, new, stage, old_id=old)  # type: ignore[arg-type]
        self._mark_dirty()
        self.revalidate()

    def _mark_dirty(self) -> None:
        self._message = None
        if not self._dirty:
            self._dirty = True
            self._update_title()
        if self._pending_save is not None:
            self._cancel_save()

    def add_item(self, kind: str) -> None:
        stage = outline.stage_index(self._node)
        if kind in ("exercises", "criteria") and stage is None:
            stages = self._data.get("stages")
            if not isinstance(stages, list) or not stages:
                self._set_banner(
                    "Add a stage first: exercises and criteria belong to a stage.", "error"
                )
                return
            stage = 0
        index = rubric_editing.add_item(self._data, kind, stage)  # type: ignore[arg-type]
        singular = outline.SINGULAR[kind]
        node: Node = (
            (singular, stage, index) if kind in ("exercises", "criteria") else (singular, index)
        )
        self._mark_dirty()
        self.revalidate()
        self._rebuild_outline(node)
        form = self.forms.get(singular)
        if form is not None:
            form.focus_field(form.specs[0].key)

    def _add_to_group(self, group: str) -> None:
        self.add_item(group)

    def remove_current(self) -> None:
        node = self._node
        if not outline.is_item(node):
            return
        kind = outline.PLURAL[node[0]]
        nested = node[0] in ("exercise", "criterion")
        index = int(node[2] if nested else node[1])
        stage = int(node[1]) if nested else None
        removed = rubric_editing.remove_item(self._data, kind, index, stage)  # type: ignore[arg-type]
        self._mark_dirty()
        self.revalidate()
        siblings = self._sibling_count(node)
        if siblings:
            position = min(index, siblings - 1)
            select: Node = (node[0], node[1], position) if nested else (node[0], position)
        else:
            select = ("stage", node[1]) if nested else (kind,)
        self._rebuild_outline(select)
        what = removed.get("title") or removed.get("label") or removed.get("id") or "item"
        self._set_banner(
            f"Removed {str(what)!r} and every reference to it. Revert to get it back.", "info"
        )

    def _sibling_count(self, node: Node) -> int:
        if node[0] in ("exercise", "criterion"):
            stage = outline.item_at(self._data, ("stage", node[1])) or {}
            values = stage.get(outline.PLURAL[node[0]])
        else:
            values = self._data.get(outline.PLURAL[node[0]])
        return len(values) if isinstance(values, list) else 0

    def move_current(self, offset: int) -> None:
        node = self._node
        if not outline.is_item(node):
            return
        nested = node[0] in ("exercise", "criterion")
        kind = outline.PLURAL[node[0]]
        index = int(node[2] if nested else node[1])
        stage = int(node[1]) if nested else None
        target = rubric_editing.move_item(self._data, kind, index, offset, stage)  # type: ignore[arg-type]
        if target == index:
            return
        self._mark_dirty()
        self.revalidate()
        self._rebuild_outline((node[0], node[1], target) if nested else (node[0], target))

    def _update_buttons(self) -> None:
        node = self._node
        item = outline.is_item(node)
        self.ui.removeButton.setEnabled(item)
        self.ui.upButton.setEnabled(item)
        self.ui.downButton.setEnabled(item)
        has_stage = outline.stage_index(node) is not None
        self._add_actions["exercises"].setEnabled(has_stage)
        self._add_actions["criteria"].setEnabled(has_stage)
        stages = self._data.get("stages")
        self.ui.previewButton.setEnabled(isinstance(stages, list) and bool(stages))
        self.ui.revertButton.setEnabled(
            self._dirty and self._rubric_id is not None and not self._saving
        )
        self.ui.saveButton.setEnabled(not self._saving)
        self.ui.confirmSaveButton.setEnabled(not self._saving)

    # ----------------------------------------------------------------------------------
    # Checking

    def revalidate(self) -> None:
        self._validate_timer.stop()
        self._issues = rubric_editing.validate(self._data)
        self.issue_model.set_issues(self._issues, self._data)
        count = len(self._issues)
        self.ui.issues.setVisible(bool(count))
        self.ui.issuesTitle.setVisible(bool(count))
        self.ui.issuesTitle.setText("Problems (double-click one to go to it):")
        self._show_status()
        self._paint_issue_counts()
        form = self.forms.get(self._node[0])
        if form is not None and form.item is not None:
            form.show_issues(self._issues_for(self._node), outline.node_path(self._node))
        elif self._node[0] in dict(outline.GROUPS):
            items = self._data.get(self._node[0])
            self.group_page.show_group(
                self._node[0],
                dict(outline.GROUPS)[self._node[0]],
                len(items) if isinstance(items, list) else 0,
                self._issues,
                self._data,
            )
        self._update_buttons()

    def _go_to_issue(self, index: QModelIndex) -> None:
        issue = self.issue_model.data(index, ISSUE_ROLE)
        if not isinstance(issue, RubricIssue):
            return
        node = outline.node_for_path(issue.path)
        if node not in self._items:
            node = (node[0],) if node[0] in dict(outline.GROUPS) else ("general",)
        self.select_node(node)
        form = self.forms.get(node[0])
        if form is not None:
            path = outline.node_path(node)
            rest = issue.path[len(path) :].lstrip(".") if path else issue.path
            form.focus_field(rest)

    # ----------------------------------------------------------------------------------
    # Options the forms offer (from the data as it stands)

    def _named(self, key: str, label_key: str) -> list[tuple[str, str]]:
        items = self._data.get(key)
        out = []
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                label = item.get(label_key)
                out.append((item["id"], label if isinstance(label, str) and label else item["id"]))
        return out

    def dimension_options(self) -> list[tuple[str, str]]:
        return self._named("dimensions", "label")

    def signal_options(self) -> list[tuple[str, str]]:
        return self._named("signals", "label")

    def look_for_options(self) -> list[tuple[str, str]]:
        flags = [(i, f"{label} (red flag)") for i, label in self._named("red_flags", "label")]
        return self._named("signals", "label") + flags

    def stage_criterion_options(self) -> list[tuple[str, str]]:
        stage = outline.stage_index(self._node)
        if stage is None:
            return []
        item = outline.item_at(self._data, ("stage", stage)) or {}
        criteria = item.get("criteria")
        out = []
        for criterion in criteria if isinstance(criteria, list) else []:
            if isinstance(criterion, dict) and isinstance(criterion.get("id"), str):
                title = criterion.get("title")
                out.append(
                    (
                        criterion["id"],
                        title if isinstance(title, str) and title else criterion["id"],
                    )
                )
        return out

    def level_options(self) -> list[tuple[str, str]]:
        return [
            (level_id, f"{level_id} · {title}")
            for level_id, title in self._named("levels", "title")
        ]

    def stage_options(self) -> list[tuple[str, str]]:
        return self._named("stages", "title")

    # ----------------------------------------------------------------------------------
    # Save, revert, new, import, export, preview

    def request_save(self) -> None:
        if self._saving:
            return
        form = self.forms.get(self._node[0])
        if form is not None and form.item is not None:
            form.commit_pending()
        self.revalidate()
        if self._issues:
            count = len(self._issues)
            self._set_banner(
                f"Not saved: fix the {count} problem{'s' if count != 1 else ''} listed below "
                "first. Nothing has been stored.",
                "error",
            )
            self.ui.issues.setFocus()
            self.ui.issues.selectRow(0)
            return
        self._pending_save = self.data()
        self.saveImpactRequested.emit(self._pending_save)

    def ask_to_confirm(self, impact: SaveImpact) -> None:
        """Show what saving will do; the recruiter confirms or keeps editing."""
        if self._pending_save is None:
            return
        if impact.unchanged:
            self._pending_save = None
            self._set_banner("Nothing to save: this is exactly the active version.", "info")
            return
        lines = []
        if impact.is_new_rubric:
            lines.append(f"Save a new role's rubric {impact.rubric_id!r} (version 1).")
        elif impact.existing_version is not None:
            lines.append(
                f"This content is stored already as version {impact.existing_version}; "
                "saving makes it the active version again."
            )
        else:
            lines.append(f"Save {impact.rubric_id!r} as a new version.")
        if impact.moves:
            lines.append(
                f"It will apply to {len(impact.moves)} open candidate"
                f"{'s' if len(impact.moves) != 1 else ''}: {_names(impact.moves)}."
            )
        elif not impact.is_new_rubric:
            lines.append("No open candidate is waiting for it; new candidates will use it.")
        if impact.keeps:
            lines.append(
                f"{len(impact.keeps)} open candidate{'s' if len(impact.keeps) != 1 else ''} "
                f"with submitted scorecards keep the version they were scored against: "
                f"{_names(impact.keeps)}."
            )
        lines.append("Submitted scorecards never change.")
        self.ui.confirmText.setText(" ".join(lines))
        self.ui.confirmFrame.show()
        self.ui.confirmSaveButton.setDefault(True)
        self.ui.confirmSaveButton.setFocus()

    def _confirm_save(self) -> None:
        if self._pending_save is None:
            return
        data = self._pending_save
        self._pending_save = None
        self.ui.confirmFrame.hide()
        expected = self._expected_version if self._rubric_id == data.get("id") else None
        self.saveRequested.emit(data, expected)

    def _cancel_save(self) -> None:
        self._pending_save = None
        self.ui.confirmFrame.hide()

    def show_saved(
        self,
        message: str,
        editable: EditableRubric,
        versions: Sequence[Any] = (),
        rubrics: Sequence[tuple[str, str]] = (),
    ) -> None:
        self.load(editable, rubrics, versions)
        self._set_banner(message, "success")

    def show_error(self, message: str) -> None:
        self._set_banner(message, "error")

    def show_message(self, message: str) -> None:
        self._set_banner(message, "info")

    def _revert(self) -> None:
        if self._rubric_id is not None:
            self.openRubricRequested.emit(self._rubric_id)

    def _on_rubric_chosen(self, position: int) -> None:
        rubric_id = self.ui.rubricChoice.itemData(position)
        if rubric_id == self._rubric_id:
            return
        if self._dirty:
            self._select_rubric_choice(self._rubric_id)
            self._set_banner(
                "You have unsaved changes: save them or revert before switching roles.", "error"
            )
            return
        self.openRubricRequested.emit(str(rubric_id))

    def _open_version(self, rubric_id: str, version: int) -> None:
        if self._dirty:
            self._set_banner(
                "You have unsaved changes: save them or revert before opening another version.",
                "error",
            )
            return
        self.openVersionRequested.emit(rubric_id, version)

    def start_copy(self) -> None:
        data = self.data()
        base = str(data.get("id") or "role")
        taken = {str(self.ui.rubricChoice.itemData(i)) for i in range(self.ui.rubricChoice.count())}
        data["id"] = rubric_editing.unique_id(base.rstrip("_0123456789") or "role", taken | {base})
        data["name"] = f"{data.get('name', 'Rubric')} (copy)"
        data["version_label"] = ""
        self._start_new(data, f"a copy of {self._source or 'the rubric'}")

    def start_empty(self) -> None:
        taken = {str(self.ui.rubricChoice.itemData(i)) for i in range(self.ui.rubricChoice.count())}
        data = rubric_editing.new_rubric_data(rubric_editing.unique_id("role", taken))
        self._start_new(data, "an empty rubric")

    def _start_new(self, data: dict[str, Any], what: str) -> None:
        if self._dirty:
            self._set_banner(
                "You have unsaved changes: save them or revert before starting a new role.",
                "error",
            )
            return
        editable = EditableRubric(data, f"new role ({what})", None, None, None)
        self.load(editable, dirty=True)
        self._set_banner(
            f"Started a new role from {what}. Set its id and role title, then save it.", "info"
        )
        self.select_node(("general",))
        self.forms["general"].focus_field("role_title")

    def load_imported(
        self, data: dict[str, Any], source: str, expected_version: int | None
    ) -> None:
        """An imported file: shown with its problems, stored only when saved."""
        rubric_id = data.get("id") if isinstance(data.get("id"), str) else None
        editable = EditableRubric(data, source, rubric_id, None, expected_version)
        self.load(editable, dirty=True)
        count = len(self._issues)
        problems = (
            f" It has {count} problem{'s' if count != 1 else ''} to fix before it can be saved."
            if count
            else " It is valid; save it to make it the active version."
        )
        self._set_banner(f"Imported {source}.{problems} Nothing is stored yet.", "info")

    def _choose_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Import a rubric", "", "Rubric files (*.toml);;All files (*)"
        )
        if path:
            self.importFileRequested.emit(path)

    def _choose_export(self) -> None:
        suggested = f"{self._data.get('id') or 'rubric'}.toml"
        path, _filter = QFileDialog.getSaveFileName(
            self, "Export the rubric", suggested, "Rubric files (*.toml)"
        )
        if path:
            if not Path(path).suffix:
                path += ".toml"
            self.exportFileRequested.emit(path, self.data())

    def preview_current_stage(self) -> StagePreviewDialog | None:
        stage = outline.stage_index(self._node)
        stages = self._data.get("stages")
        if not isinstance(stages, list) or not stages:
            return None
        if stage is None:
            stage = 0
        dialog = StagePreviewDialog(
            self.data(), stage, self, role_title=str(self._data.get("role_title") or "")
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: self._forget_preview(dialog))
        self._previews.append(dialog)
        dialog.show()
        return dialog

    def _forget_preview(self, dialog: StagePreviewDialog) -> None:
        if dialog in self._previews:
            self._previews.remove(dialog)

    # ----------------------------------------------------------------------------------
    # Status

    def _update_title(self) -> None:
        name = self._data.get("role_title") or self._data.get("name") or "Rubric"
        self.ui.title.setText(f"Rubric · {name}")
        self.ui.dirtyLabel.setText(
            f"Unsaved changes to {self._source}" if self._dirty else f"{self._source}, no changes"
        )
        if self._dirty:
            self.ui.dirtyLabel.setStyleSheet(f"color: {theme.css(theme.warning())};")
        else:
            self.ui.dirtyLabel.setStyleSheet("")
        self._update_buttons()

    def _set_banner(self, text: str, kind: str = "info") -> None:
        """Say how an action went; the words stay until the next edit."""
        self._message = (text, kind) if text else None
        self._show_status()

    def _show_status(self) -> None:
        """The one status line: the last action's outcome, else the problems left."""
        if self._message is not None:
            text, kind = self._message
        elif self._issues:
            count = len(self._issues)
            text = f"{count} problem{'s' if count != 1 else ''} to fix before saving."
            kind = "error"
        elif self._data:
            text = "No problems: the rubric can be saved." if self._dirty else "No problems."
            kind = "success"
        else:
            text, kind = "", "info"
        label = self.ui.banner
        label.setText(text)
        label.setVisible(bool(text))
        colour = {
            "error": theme.danger(),
            "success": theme.success(),
        }.get(kind)
        label.setStyleSheet(f"color: {theme.css(colour)};" if colour is not None else "")

    @property
    def banner_text(self) -> str:
        """The status line as shown."""
        return self.ui.banner.text() if self.ui.banner.isVisibleTo(self) else ""

    def set_saving(self, saving: bool) -> None:
        """While a save is on its way to the database, Save cannot be pressed again."""
        self._saving = saving
        if saving:
            self._set_banner("Saving…", "info")
        self._update_buttons()

    @property
    def saving(self) -> bool:
        return self._saving


def _names(refs: Sequence[Any], shown: int = 8) -> str:
    names = [ref.name for ref in refs[:shown]]
    more = len(refs) - len(names)
    text = ", ".join(names)
    return f"{text} and {more} more" if more > 0 else text


def rubric_labels(infos: Sequence[Any]) -> list[tuple[str, str]]:
    """(rubric id, label) for the role chooser, from ``RubricVersionInfo`` s."""
    return [(info.rubric_id, f"{info.role_title} ({info.rubric_id})") for info in infos]


__all__ = ["RubricEditorPage", "rubric_labels"]
