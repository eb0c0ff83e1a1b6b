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
    # The command line calls services, like the app; it never reaches past them.
    "cli": (
        "interview_kit.gui",
        "interview_kit.app",
        "interview_kit.storage",
        "interview_kit.exchange",
        "interview_kit.reports",
    ),
}
# Third-party packages a layer must not import.
FORBIDDEN_LIBRARIES = {
    "domain": ("PySide6", "sqlalchemy", "alembic", "reportlab"),
    "storage": ("PySide6", "reportlab"),
    "exchange": ("PySide6", "reportlab"),
    "reports": ("PySide6", "sqlalchemy"),
    "services": ("PySide6",),
    "cli": ("PySide6", "sqlalchemy", "reportlab"),
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


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _import_graph() -> dict[str, set[str]]:
    """Our modules and the modules of ours each imports: at the top, inside functions or
    under ``TYPE_CHECKING``, absolute or relative."""
    paths = {_module_name(path): path for path in PACKAGE.rglob("*.py")}

    def ours(name: str) -> str | None:
        while name and name not in paths:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for module, path in paths.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(filter(None, (ours(alias.name) for alias in node.names)))
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parents = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(parents + ([node.module] if node.module else []))
                for alias in node.names:
                    target = ours(f"{base}.{alias.name}") if base else None
                    if target != f"{base}.{alias.name}":
                        target = ours(base)
                    if target is not None:
                        found.add(target)
        found.discard(module)
        graph[module] = found
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_no_import_cycles_between_our_modules() -> None:
    """Lazy imports hide a cycle from Python, not from the reader: none at all."""
    graph = _import_graph()
    assert "interview_kit.services.scorecard_reads" in graph["interview_kit.services.summaries"]
    assert not _cycles(graph), "\n".join(" <-> ".join(group) for group in _cycles(graph))
