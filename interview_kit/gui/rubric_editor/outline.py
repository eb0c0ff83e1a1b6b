"""Where things are in the rubric: outline nodes, their data paths, and back.

A node is a small tuple: ``("stage", 1)``, ``("criterion", 1, 3)``, ``("rules",)``. Its
path is the validator's path for the same place (``stages[1].criteria[3]``), so a
problem the validator reports lands on the node that holds it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

Node = tuple[Any, ...]

GROUPS: tuple[tuple[str, str], ...] = (
    ("dimensions", "Dimensions and traits"),
    ("stages", "Stages"),
    ("signals", "Positive signals"),
    ("red_flags", "Red flags"),
    ("levels", "Levels and bands"),
)
SINGULAR = {
    "dimensions": "dimension",
    "stages": "stage",
    "signals": "signal",
    "red_flags": "red_flag",
    "levels": "level",
    "exercises": "exercise",
    "criteria": "criterion",
}
PLURAL = {value: key for key, value in SINGULAR.items()}

_NESTED = re.compile(r"^stages\[(\d+)\]\.(exercises|criteria)\[(\d+)\]")
_TOP = re.compile(r"^(dimensions|stages|signals|red_flags|levels)\[(\d+)\]")
_GROUP = re.compile(r"^(dimensions|stages|signals|red_flags|levels)$")


def node_path(node: Node) -> str:
    kind = node[0]
    if kind == "general":
        return ""
    if kind in ("rules", "scale"):
        return kind
    if kind in ("exercise", "criterion"):
        return f"stages[{node[1]}].{PLURAL[kind]}[{node[2]}]"
    if kind in PLURAL:
        return f"{PLURAL[kind]}[{node[1]}]"
    return kind  # a group


def node_for_path(path: str) -> Node:
    """The outline node that holds a validator path."""
    nested = _NESTED.match(path)
    if nested:
        return (SINGULAR[nested.group(2)], int(nested.group(1)), int(nested.group(3)))
    top = _TOP.match(path)
    if top:
        return (SINGULAR[top.group(1)], int(top.group(2)))
    head = re.split(r"[.\[]", path, maxsplit=1)[0]
    if _GROUP.match(head):
        return (head,)
    if head in ("rules", "scale"):
        return (head,)
    return ("general",)


def is_item(node: Node) -> bool:
    return node[0] in PLURAL


def stage_index(node: Node) -> int | None:
    """The stage a node belongs to (a stage, or one of its exercises or criteria)."""
    if node[0] in ("stage", "exercise", "criterion"):
        return int(node[1])
    return None


def _text(value: Any, fallback: str) -> str:
    return value.strip() if isinstance(value, str) and value.strip() else fallback


def node_title(data: Mapping[str, Any], node: Node) -> str:
    """The line the outline shows for a node."""
    kind = node[0]
    if kind == "general":
        return "Role and summary"
    if kind == "rules":
        return "Recommendation rules"
    if kind == "scale":
        return "Rating scale"
    for group, title in GROUPS:
        if kind == group:
            return title
    item = item_at(data, node)
    if item is None:
        return "?"
    if kind == "stage":
        number = item.get("number")
        shown = number if isinstance(number, int) else "?"
        return f"Stage {shown} · {_text(item.get('title'), '(untitled)')}"
    if kind == "exercise":
        minutes = item.get("minutes")
        suffix = f" · {minutes} min" if isinstance(minutes, int) else ""
        return f"Exercise: {_text(item.get('title'), '(untitled)')}{suffix}"
    if kind == "criterion":
        weight = item.get("weight", 1.0)
        shown = f" ×{weight:g}" if isinstance(weight, int | float) and weight != 1 else ""
        return f"Criterion: {_text(item.get('title'), '(untitled)')}{shown}"
    if kind == "level":
        return f"{_text(item.get('id'), '?')} · {_text(item.get('title'), '(untitled)')}"
    if kind == "red_flag":
        severity = item.get("severity")
        tag = f" [{severity}]" if isinstance(severity, str) else ""
        return f"{_text(item.get('label'), '(unlabelled)')}{tag}"
    return _text(item.get("label"), _text(item.get("id"), "(unlabelled)"))


def item_at(data: Mapping[str, Any], node: Node) -> dict[str, Any] | None:
    kind = node[0]
    try:
        if kind in ("exercise", "criterion"):
            stage = data["stages"][node[1]]
            value = stage[PLURAL[kind]][node[2]]
        elif kind in PLURAL:
            value = data[PLURAL[kind]][node[1]]
        elif kind in ("rules", "scale"):
            value = data.get(kind)
        else:
            return None
    except (KeyError, IndexError, TypeError):
        return None
    return value if isinstance(value, dict) else None
