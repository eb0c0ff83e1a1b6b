"""Every Designer form has a generated module, and the two agree."""

from __future__ import annotations

import pytest

from interview_kit.gui import build_forms


@pytest.mark.parametrize("form", build_forms.forms(), ids=lambda p: p.name)
def test_generated_module_matches_form(form) -> None:
    target = build_forms.GENERATED_DIR / f"{build_forms.module_name(form)}.py"
    assert target.exists(), f"run python -m interview_kit.gui.build_forms: {target.name} is missing"
    assert target.read_text(encoding="utf-8") == build_forms.compile_form(form), (
        f"{form.name} changed since {target.name} was generated; "
        "run python -m interview_kit.gui.build_forms"
    )


def test_no_orphan_generated_modules() -> None:
    expected = {f"{build_forms.module_name(f)}.py" for f in build_forms.forms()} | {"__init__.py"}
    present = {p.name for p in build_forms.GENERATED_DIR.glob("*.py")}
    assert present <= expected, f"generated modules without a form: {sorted(present - expected)}"
