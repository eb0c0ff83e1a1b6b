"""Compile the Qt Designer forms in ``forms/`` into ``interview_kit/gui/generated/``.

Run ``python -m interview_kit.gui.build_forms`` after editing a form; a test fails while a
form and its generated module disagree.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from interview_kit.paths import forms_dir

GENERATED_DIR = Path(__file__).resolve().parent / "generated"


def module_name(form: Path) -> str:
    return f"ui_{form.stem}"


def uic_executable() -> str:
    return shutil.which("pyside6-uic") or str(Path(sys.executable).with_name("pyside6-uic"))


def compile_form(form: Path) -> str:
    """The Python source pyside6-uic generates for one form."""
    result = subprocess.run(
        [uic_executable(), "--generator", "python", str(form)],
        check=True,
        capture_output=True,
        text=True,
    )
    # The header names the uic version; keep only what the form decides.
    marker = "Created by: Qt User Interface Compiler"
    lines = [line for line in result.stdout.splitlines() if marker not in line]
    return "\n".join(lines).rstrip() + "\n"


def forms() -> list[Path]:
    return sorted(forms_dir().glob("*.ui"))


def main() -> int:
    GENERATED_DIR.mkdir(exist_ok=True)
    for form in forms():
        target = GENERATED_DIR / f"{module_name(form)}.py"
        target.write_text(compile_form(form), encoding="utf-8")
        print(f"{form.name} -> {target.name}")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
