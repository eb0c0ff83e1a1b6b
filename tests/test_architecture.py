"""The layers depend one way only: gui/cli -> services -> storage/exchange/reports -> domain."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "interview_kit"

# For each layer: the packages of ours it must not import.
FORBIDDEN = {
    "domain": (
        "interview_kit.storage",
        "interview_kit.services",
        "interview_kit.exchange",
        "interview_kit.reports",
        "interview_kit.gui",
        "interview_kit.cli",
        "interview_kit.app",
    ),
    "storage": (
        "interview_kit.services",
        "interview_kit.exchange",
        "interview_kit.reports",
        "interview_kit.gui",
        "interview_kit.cli",
        "interview_kit.app",
    ),
    "exchange": (
        "interview_kit.services",
        "interview_kit.gui",
        "interview_kit.cli",
        "interview_kit.app",
        "interview_kit.reports",
    ),
    "reports": (
        "interview_kit.storage",
        "interview_kit.services",
        "interview_kit.exchange",
        "interview_kit.gui",
        "interview_kit.cli",
        "interview_kit.app",
    ),
    "services": ("interview_kit.gui", "interview_kit.cli", "interview_kit.app"),
}
# Third-party packages a layer must not import.
FORBIDDEN_LIBRARIES = {
    "domain": ("PySide6", "sqlalchemy", "alembic", "reportlab"),
    "storage": ("PySide6", "reportlab"),
    "exchange": ("PySide6", "reportlab"),
    "reports": ("PySide6", "sqlalchemy"),
    "services": ("PySide6",),
}


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def _layer_files(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_downwards(layer: str) -> None:
    bad = []
    for path in _layer_files(layer):
        for line, module in _imports(path):
            banned = FORBIDDEN[layer] + FORBIDDEN_LIBRARIES[layer]
            if any(module == b or module.startswith(b + ".") for b in banned):
                bad.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}")
    assert not bad, "\n".join(bad)


def test_qt_lives_only_in_gui() -> None:
    bad = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in {"gui"} or relative.name == "app.py":
            continue
        bad.extend(
            f"{relative}:{line} imports {module}"
            for line, module in _imports(path)
            if module.split(".")[0] == "PySide6"
        )
    assert not bad, "\n".join(bad)
